//! Demo extras for the customer card: positions, portal-rights presets, contacts, fixed comments.

use rand::{Rng, SeedableRng, rngs::StdRng, seq::IndexedRandom};

use super::words::{FIRST_NAMES, LAST_NAMES};
use crate::{
    contacts::{model::ContactData, store as contacts},
    db::Db,
    timefmt::now,
};

const POSITIONS: [&str; 8] = [
    "Daglig leder",
    "HR-sjef",
    "Innkjøper",
    "Driftsleder",
    "Økonomisjef",
    "Prosjektleder",
    "Lønnsansvarlig",
    "Produksjonsleder",
];

const COMMENTS: [&str; 5] = [
    "Krever HMS-kort og sikkerhetskurs for alle vikarer før første dag.",
    "Faktura må merkes med bestillingsnummer, ellers blir den avvist.",
    "Bruk inngang B ved varemottaket; vakten ringer kontaktpersonen.",
    "Rammeavtale til og med 31.12. Priser reforhandles i november.",
    "Betaler ofte sent – purr etter 7 dager.",
];

/// Demo extras for the card: positions, portal-rights presets, contacts and some fixed comments.
pub(super) async fn extras(db: &Db, seed: u64) -> anyhow::Result<()> {
    let mut rng = StdRng::seed_from_u64(seed);
    let now = now();
    for p in POSITIONS {
        sqlx::query("INSERT INTO positions (name, created_at) VALUES ($1, $2)")
            .bind(p)
            .bind(now)
            .execute(&db.pool)
            .await?;
    }
    for (name, rights) in [
        (
            "Leder",
            "view_assignments,approve_timesheets,view_invoices,view_documents,sign_documents,request_staff",
        ),
        (
            "Innkjøper",
            "view_assignments,view_invoices,view_documents,request_staff",
        ),
        ("Timegodkjenner", "view_assignments,approve_timesheets"),
    ] {
        sqlx::query("INSERT INTO portal_presets (name, rights, created_at) VALUES ($1, $2, $3)")
            .bind(name)
            .bind(rights)
            .bind(now)
            .execute(&db.pool)
            .await?;
    }
    let customers: Vec<(i64, Option<String>)> =
        sqlx::query_as("SELECT id, email FROM customers ORDER BY id")
            .fetch_all(&db.pool)
            .await?;
    let mut tx = db.pool.begin().await?;
    for (i, (customer_id, email)) in customers.iter().enumerate() {
        let domain = email
            .as_deref()
            .and_then(|e| e.split('@').nth(1))
            .unwrap_or("example.no")
            .to_string();
        for k in 0..rng.random_range(1..=3) {
            let first = *FIRST_NAMES.choose(&mut rng).unwrap_or(&"Kari");
            let last = *LAST_NAMES.choose(&mut rng).unwrap_or(&"Hansen");
            let position = *POSITIONS.choose(&mut rng).unwrap_or(&"Daglig leder");
            let mail = format!("{}.{}@{domain}", first.to_lowercase(), last.to_lowercase())
                .replace('å', "a")
                .replace('ø', "o")
                .replace('æ', "ae");
            let mobile = format!(
                "+47{}{:07}",
                [4, 9][rng.random_range(0..2)],
                rng.random_range(0..10_000_000)
            );
            let contact = ContactData {
                first_name: first.to_string(),
                last_name: last.to_string(),
                position: Some(position.to_string()),
                department: None,
                email: Some(mail),
                mobile: Some(mobile),
                phone: None,
                is_main: k == 0,
                notes: None,
            };
            // Through the contacts' own insert (no audit entries: the demo history starts
            // empty), all in one transaction: thousands of contacts in seconds.
            contacts::insert(&mut tx, *customer_id, &contact, k == 0, None, now).await?;
        }
        if i % 15 == 0 {
            sqlx::query(
                "INSERT INTO customer_comments (customer_id, body, position, author_id, created_at, updated_at) \
                 VALUES ($1, $2, 1, NULL, $3, $3)",
            )
            .bind(customer_id)
            .bind(*COMMENTS.choose(&mut rng).unwrap_or(&COMMENTS[0]))
            .bind(now)
            .execute(&mut *tx)
            .await?;
        }
    }
    tx.commit().await?;
    Ok(())
}
