//! Demo invoices: the price list ("Rekrutteringshonorar", "Kurs", "Reise") and, on a few demo
//! customers that can be invoiced (organisation number and address), issued invoices — one
//! overdue, one paid, one credited in part — and on three of them a draft, so the card's tab and `/invoices`
//! show something. Written through the store (`invoices::store`, `credit`, `state`).

use time::Duration;

use crate::{
    db::Db,
    invoices::{
        credit::credit_lines,
        items::{ItemForm, save},
        model::LineInput,
        state, store,
    },
    timefmt::{now, when::oslo_date},
};

const ITEMS: [(&str, &str, &str, &str); 3] = [
    ("Rekrutteringshonorar", "LS", "45 000", "S2500"),
    ("Kurs", "C62", "3 500", "S2500"),
    ("Reise", "KMT", "5,00", "O"),
];

fn line(description: &str, unit: &str, quantity_milli: i64, price_ore: i64) -> LineInput {
    LineInput {
        description: description.into(),
        quantity_milli,
        unit_code: unit.into(),
        unit_price_ore: price_ore,
        vat_category: "S".into(),
        vat_rate_bp: 2500,
        exemption_reason: None,
    }
}

pub async fn demo(db: &Db) -> anyhow::Result<()> {
    let mut tx = db.begin().await?;
    for (name, unit, price, vat) in ITEMS {
        let form = ItemForm {
            id: None,
            name: name.into(),
            unit: unit.into(),
            unit_price: price.into(),
            vat: vat.into(),
            exemption_reason: String::new(),
        };
        save(&mut tx, &form).await?;
    }
    tx.commit().await?;
    let (admin,): (i64,) =
        sqlx::query_as("SELECT id FROM users WHERE role = 'admin' ORDER BY id LIMIT 1")
            .fetch_one(&db.pool)
            .await?;
    // The demo portal contact's company first, so the portal has invoices to show.
    let portal_customer = super::portal::approver(db).await?.map_or(0, |(_, c)| c);
    let customers: Vec<(i64,)> = sqlx::query_as(
        "SELECT id FROM customers c WHERE org_number IS NOT NULL \
         AND COALESCE(postal_street, visit_street) IS NOT NULL AND status = 'active' \
         ORDER BY CASE WHEN c.id = $1 THEN 0 ELSE 1 END, id LIMIT 12",
    )
    .bind(portal_customer)
    .fetch_all(&db.pool)
    .await?;
    let today = oslo_date(now());
    for (n, (customer,)) in customers.into_iter().enumerate() {
        // Issued 40, 20 and 5 days ago, the last one left as a draft.
        for (k, days_ago) in [40i64, 20, 5, 0].into_iter().enumerate() {
            // A draft waits on the first three customers only.
            if days_ago == 0 && n >= 3 {
                continue;
            }
            let mut tx = db.begin().await?;
            let id = store::create_draft(&mut tx, customer, Some("Innkjøp"), None, admin).await?;
            let hours = 75_000 + 7_500 * (n as i64 + k as i64);
            let (_, v) = store::add_line(
                &mut tx,
                id,
                1,
                &line("Lagermedarbeider, timer", "HUR", hours, 45_000),
                admin,
            )
            .await?;
            let (second, v) = store::add_line(
                &mut tx,
                id,
                v,
                &line("Kurs: truckførerbevis", "C62", 1000, 350_000),
                admin,
            )
            .await?;
            if days_ago == 0 {
                tx.commit().await?;
                continue;
            }
            let issued_on = today - Duration::days(days_ago);
            if store::issue(&mut tx, id, v, admin, issued_on)
                .await
                .is_err()
            {
                continue;
            }
            let inv = store::get_in(&mut tx, id).await?;
            let total = inv.and_then(|i| i.total_ore).unwrap_or(0);
            state::delivered(&mut tx, id, "sent", None).await?;
            match (n, k) {
                (_, 1) => {
                    let paid_on = crate::timefmt::when::date_string(issued_on + Duration::days(10));
                    state::add_paid(&mut tx, id, total, &paid_on).await?;
                }
                (0, 2) => {
                    credit_lines(&mut tx, id, &[second], "Kurset ble avlyst", admin, today).await?;
                }
                _ => {}
            }
            tx.commit().await?;
        }
    }
    // The demo's history was delivered long ago: nothing goes out to the made-up customers when
    // email is set up (issuing queued a delivery for each document).
    sqlx::query(
        "UPDATE invoice_state SET delivery_status = 'sent', delivered_at = updated_at \
         WHERE delivery_status = 'pending'",
    )
    .execute(&db.pool)
    .await?;
    sqlx::query("DELETE FROM jobs WHERE kind LIKE 'invoice_delivery%'")
        .execute(&db.pool)
        .await?;
    Ok(())
}
