//! Many issued invoices to measure with (`seed --invoices N`): spread over the existing
//! customers, issued over the last two years with one to three lines each (mostly 25 %, some
//! exempt health-personnel hire), their `invoice_state` (delivered; most old ones paid, some
//! partly, some left overdue), and about 2 % credited in full by a credit note. Totals, KID and
//! due dates are made as `invoices::store::issue` makes them; numbers continue the series.

use rand::{Rng, SeedableRng, rngs::StdRng, seq::IndexedRandom};
use time::Duration;

use crate::{
    db::{Db, Sql},
    invoices::store::KID_RULE,
    money::vat::{self, Rounding, Vat},
    timefmt::{
        now,
        when::{date_string, oslo_date},
    },
};

const WORK: [&str; 6] = [
    "Lagermedarbeider",
    "Truckfører",
    "Renholder",
    "Kokk",
    "Anleggsarbeider",
    "Kundeservicemedarbeider",
];
const EXEMPT: &str = "Utleie av helsepersonell, mval. § 3-2";

struct SeedLine {
    description: &'static str,
    quantity_milli: i64,
    unit_price_ore: i64,
    vat: Vat,
    net: i64,
}

/// Adds `n` issued invoices (and their credit notes); returns how many credit notes.
pub(super) async fn insert(db: &Db, n: usize, seed: u64) -> anyhow::Result<usize> {
    let mut rng = StdRng::seed_from_u64(seed);
    type Buyer = (
        i64,
        i64,
        String,
        Option<String>,
        Option<String>,
        Option<String>,
        Option<String>,
    );
    let buyers: Vec<Buyer> = sqlx::query_as(
        "SELECT id, customer_number, name, org_number, COALESCE(postal_street, visit_street), \
         COALESCE(postal_postal_code, visit_postal_code), COALESCE(postal_city, visit_city) \
         FROM customers",
    )
    .fetch_all(&db.pool)
    .await?;
    anyhow::ensure!(!buyers.is_empty(), "seed customers first");
    let (first_invoice,): (i64,) =
        sqlx::query_as("SELECT next_number FROM number_series WHERE kind = 'invoice'")
            .fetch_one(&db.pool)
            .await?;
    let (first_note,): (i64,) =
        sqlx::query_as("SELECT next_number FROM number_series WHERE kind = 'credit_note'")
            .fetch_one(&db.pool)
            .await?;
    let today = oslo_date(now());
    let stamp = now();
    let mut notes = 0usize;
    const BATCH: usize = 500;
    let mut done = 0;
    while done < n {
        let size = BATCH.min(n - done);
        let mut tx = db.begin().await?;
        for i in 0..size {
            let number = first_invoice + (done + i) as i64;
            let b = buyers.choose(&mut rng).expect("buyers");
            let issue = today - Duration::days(rng.random_range(0..730));
            let due = issue + Duration::days(14);
            let mut lines = Vec::new();
            for _ in 0..rng.random_range(1..=3) {
                let quantity_milli = rng.random_range(15..=320) * 500;
                let unit_price_ore = rng.random_range(350..=950) * 100;
                let vat = if rng.random_range(0..100) < 5 {
                    Vat::Exempt {
                        reason: EXEMPT.into(),
                    }
                } else {
                    Vat::Standard { rate_bp: 2500 }
                };
                let net = vat::line_net(quantity_milli, unit_price_ore)?;
                lines.push(SeedLine {
                    description: WORK.choose(&mut rng).expect("work"),
                    quantity_milli,
                    unit_price_ore,
                    vat,
                    net,
                });
            }
            let priced: Vec<vat::Line> = lines
                .iter()
                .map(|l| vat::Line {
                    quantity_milli: l.quantity_milli,
                    unit_price_ore: l.unit_price_ore,
                    vat: l.vat.clone(),
                })
                .collect();
            let totals = vat::totals(&priced, 0, Rounding::None)?;
            let kid = KID_RULE
                .for_invoice(b.1 as u64, number as u64)
                .map_err(|e| anyhow::anyhow!("{e:?}"))?;
            let id = insert_document(
                &mut tx,
                ("invoice", number, None, None),
                b,
                &date_string(issue),
                &date_string(due),
                Some(kid.as_str()),
                &totals,
                stamp,
            )
            .await?;
            insert_lines(&mut tx, id, &lines, 1).await?;
            let overdue_age = (today - due).whole_days();
            let roll = rng.random_range(0..100);
            let credited = roll < 2;
            let paid = if credited {
                0
            } else if overdue_age > 30 {
                match roll {
                    0..=86 => totals.with_vat_ore,
                    87..=91 => totals.with_vat_ore / 2,
                    _ => 0,
                }
            } else if roll < 40 {
                totals.with_vat_ore
            } else {
                0
            };
            let method = ["ehf", "email", "paper"][rng.random_range(0..3)];
            state(
                &mut tx,
                id,
                method,
                paid,
                if credited { totals.with_vat_ore } else { 0 },
                &date_string(issue),
                stamp,
            )
            .await?;
            if credited {
                let note_number = first_note + notes as i64;
                notes += 1;
                let negated: Vec<SeedLine> = lines
                    .iter()
                    .map(|l| SeedLine {
                        quantity_milli: -l.quantity_milli,
                        net: -l.net,
                        vat: l.vat.clone(),
                        ..*l
                    })
                    .collect();
                let priced: Vec<vat::Line> = negated
                    .iter()
                    .map(|l| vat::Line {
                        quantity_milli: l.quantity_milli,
                        unit_price_ore: l.unit_price_ore,
                        vat: l.vat.clone(),
                    })
                    .collect();
                let note_totals = vat::totals(&priced, 0, Rounding::None)?;
                let note_id = insert_document(
                    &mut tx,
                    ("credit_note", note_number, Some(id), Some("Feil timetall")),
                    b,
                    &date_string(issue),
                    &date_string(issue),
                    None,
                    &note_totals,
                    stamp,
                )
                .await?;
                insert_lines(&mut tx, note_id, &negated, 1).await?;
                state(&mut tx, note_id, method, 0, 0, &date_string(issue), stamp).await?;
            }
        }
        tx.commit().await?;
        done += size;
    }
    sqlx::query("UPDATE number_series SET next_number = $1 WHERE kind = 'invoice'")
        .bind(first_invoice + n as i64)
        .execute(&db.pool)
        .await?;
    sqlx::query("UPDATE number_series SET next_number = $1 WHERE kind = 'credit_note'")
        .bind(first_note + notes as i64)
        .execute(&db.pool)
        .await?;
    Ok(notes)
}

/// A seeded buyer: customer id, customer number, name, org number, street, postal code, city.
type SeedBuyer = (
    i64,
    i64,
    String,
    Option<String>,
    Option<String>,
    Option<String>,
    Option<String>,
);

#[allow(clippy::too_many_arguments)]
async fn insert_document(
    conn: &mut sqlx::AnyConnection,
    (kind, number, credited, reason): (&str, i64, Option<i64>, Option<&str>),
    b: &SeedBuyer,
    issue: &str,
    due: &str,
    kid: Option<&str>,
    totals: &vat::Totals,
    stamp: i64,
) -> anyhow::Result<i64> {
    let (id,): (i64,) = sqlx::query_as(
        "INSERT INTO invoices (kind, customer_id, status, number, issue_date, due_date, kid, \
         buyer_name, buyer_org_number, buyer_street, buyer_postal_code, buyer_city, buyer_country, \
         line_net_ore, vat_ore, total_ore, payable_ore, credited_invoice_id, reason, created_at, \
         issued_at, version) VALUES ($1, $2, 'issued', $3, $4, $5, $6, $7, $8, $9, $10, $11, 'NO', \
         $12, $13, $14, $15, $16, $17, $18, $18, 2) RETURNING id",
    )
    .bind(kind)
    .bind(b.0)
    .bind(number)
    .bind(issue)
    .bind(due)
    .bind(kid)
    .bind(&b.2)
    .bind(&b.3)
    .bind(&b.4)
    .bind(&b.5)
    .bind(&b.6)
    .bind(totals.line_total_ore)
    .bind(totals.vat_ore)
    .bind(totals.with_vat_ore)
    .bind(totals.payable_ore)
    .bind(credited)
    .bind(reason)
    .bind(stamp)
    .fetch_one(conn)
    .await?;
    Ok(id)
}

async fn insert_lines(
    conn: &mut sqlx::AnyConnection,
    id: i64,
    lines: &[SeedLine],
    first: i64,
) -> anyhow::Result<()> {
    let mut sql = Sql::new(
        "INSERT INTO invoice_lines (invoice_id, position, description, quantity_milli, unit_code, \
         unit_price_ore, vat_category, vat_rate_bp, exemption_reason, line_net_ore) VALUES ",
    );
    for (i, l) in lines.iter().enumerate() {
        if i > 0 {
            sql.push(", ");
        }
        let reason = match &l.vat {
            Vat::Exempt { reason } => Some(reason.clone()),
            _ => None,
        };
        sql.push("(")
            .bind(id)
            .push(", ")
            .bind(first + i as i64)
            .push(", ")
            .bind(l.description)
            .push(", ")
            .bind(l.quantity_milli)
            .push(", 'HUR', ")
            .bind(l.unit_price_ore)
            .push(", ")
            .bind(l.vat.code())
            .push(", ")
            .bind(i64::from(l.vat.rate_bp().unwrap_or(0)))
            .push(", ")
            .bind(reason)
            .push(", ")
            .bind(l.net)
            .push(")");
    }
    sql.query().execute(conn).await?;
    Ok(())
}

async fn state(
    conn: &mut sqlx::AnyConnection,
    id: i64,
    method: &str,
    paid: i64,
    credited: i64,
    issue: &str,
    stamp: i64,
) -> anyhow::Result<()> {
    sqlx::query(
        "INSERT INTO invoice_state (invoice_id, delivery_method, delivery_status, delivered_at, \
         paid_ore, last_paid_on, credited_ore, updated_at) VALUES ($1, $2, 'sent', $3, $4, $5, $6, $3)",
    )
    .bind(id)
    .bind(method)
    .bind(stamp)
    .bind(paid)
    .bind((paid != 0).then_some(issue))
    .bind(credited)
    .execute(conn)
    .await?;
    Ok(())
}
