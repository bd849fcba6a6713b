//! Demo extras for the customer card: positions, portal-rights presets, contacts, fixed comments.

use rand::{Rng, SeedableRng, rngs::StdRng, seq::IndexedRandom};

use super::words::{FIRST_NAMES, LAST_NAMES};
use crate::{
    contacts::{model::ContactData, name_words, store as contacts},
    db::Db,
    db::bulk::{IndexesSetAside, Phases, PrimaryKey, Rows, SeedingConnection},
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

/// The `k`th contact of a customer whose email domain is `domain`: a Norwegian name, a position,
/// email and mobile; the first (`k == 0`) is the main contact.
fn contact_data(rng: &mut StdRng, domain: &str, k: usize) -> ContactData {
    let first = *FIRST_NAMES.choose(rng).unwrap_or(&"Kari");
    let last = *LAST_NAMES.choose(rng).unwrap_or(&"Hansen");
    let position = *POSITIONS.choose(rng).unwrap_or(&"Daglig leder");
    let mail = format!("{}.{}@{domain}", first.to_lowercase(), last.to_lowercase())
        .replace('å', "a")
        .replace('ø', "o")
        .replace('æ', "ae");
    let mobile = format!(
        "+47{}{:07}",
        [4, 9][rng.random_range(0..2)],
        rng.random_range(0..10_000_000)
    );
    ContactData {
        first_name: first.to_string(),
        last_name: last.to_string(),
        position: Some(position.to_string()),
        department: None,
        email: Some(mail),
        mobile: Some(mobile),
        phone: None,
        is_main: k == 0,
        notes: None,
    }
}

/// `count` contacts ([`contact_data`]) at `customer_id`, through the contacts' own insert
/// (search text and sort key as the form makes them; no audit entries, the history starts empty).
pub(super) async fn add_contacts(
    tx: &mut sqlx::AnyConnection,
    rng: &mut StdRng,
    customer_id: i64,
    domain: &str,
    count: usize,
    now: i64,
) -> anyhow::Result<()> {
    for k in 0..count {
        let contact = contact_data(rng, domain, k);
        contacts::insert(tx, customer_id, &contact, k == 0, None, now).await?;
    }
    Ok(())
}

/// `per_customer` contacts at every customer that has none yet (`kundekort seed --contacts`,
/// the search benchmark's data): the same rows [`add_contacts`] makes, written in multi-row
/// inserts in one transaction ([`bulk`](super::bulk)), with their name words. The caller
/// refreshes the planner's statistics afterwards (`Db::after_bulk_load`).
pub(super) async fn large_contacts(db: &Db, per_customer: usize, seed: u64) -> anyhow::Result<()> {
    const HEAD: &str = "INSERT INTO contacts (customer_id, first_name, last_name, position, email, mobile, \
         is_main, active, search_text, sort_name, version, created_at, updated_at) VALUES ";
    let mut rng = StdRng::seed_from_u64(seed);
    let now = now();
    let customers: Vec<(i64, Option<String>)> = sqlx::query_as(
        "SELECT c.id, c.email FROM customers c \
         WHERE NOT EXISTS (SELECT 1 FROM contacts k WHERE k.customer_id = c.id) ORDER BY c.id",
    )
    .fetch_all(&db.pool)
    .await?;
    // One transaction; the indexes of the tables it at least doubles are built once at the end
    // (`bulk::IndexesSetAside`).
    let mut conn = SeedingConnection::acquire(db).await?;
    let mut tx = conn.begin().await?;
    let aside = IndexesSetAside::for_load(
        &mut tx,
        db.backend,
        &[
            ("contacts", PrimaryKey::Kept),
            ("contact_name_words", PrimaryKey::SetAside),
        ],
        customers.len() * per_customer,
    )
    .await?;
    let mut phases = Phases::default();
    let mut clock = std::time::Instant::now();
    for chunk in customers.chunks(5_000) {
        let mut rows = Rows::new(HEAD, 40);
        for (customer_id, email) in chunk {
            let domain = email
                .as_deref()
                .and_then(|e| e.split('@').nth(1))
                .unwrap_or("example.no");
            for k in 0..per_customer {
                let d = contact_data(&mut rng, domain, k);
                rows.row()
                    .push("(")
                    .bind(*customer_id)
                    .push(", ")
                    .bind(d.first_name.clone())
                    .push(", ")
                    .bind(d.last_name.clone())
                    .push(", ")
                    .bind(d.position.clone().unwrap_or_default())
                    .push(", ")
                    .bind(d.email.clone().unwrap_or_default())
                    .push(", ")
                    .bind(d.mobile.clone().unwrap_or_default())
                    .push(", ")
                    .bind(i64::from(d.is_main))
                    .push(", 1, ")
                    .bind(contacts::search_text(&d))
                    .push(", ")
                    .bind(contacts::sort_name(&d))
                    .push(", 1, ")
                    .bind(now)
                    .push(", ")
                    .bind(now)
                    .push(")");
            }
        }
        clock = phases.add("rows made", clock);
        // The new contacts' name words, in the same transaction (contacts::name_words), from
        // the rows as written. Not read back by id: on PostgreSQL the statement prepared when
        // the table was empty kept its plan, a scan of the whole table, for the whole load
        // (77 s of 386 at 3,000,000 contacts).
        let written: Vec<(i64, String)> =
            rows.fetch_all(" RETURNING id, sort_name", &mut tx).await?;
        clock = phases.add("contacts written", clock);
        name_words::insert_many(&mut tx, &written).await?;
        clock = phases.add("name words", clock);
    }
    aside.rebuild(&mut tx).await?;
    clock = phases.add("indexes", clock);
    tx.commit().await?;
    conn.release().await?;
    phases.add("commit", clock);
    db.counts.invalidate();
    phases.log("contacts");
    Ok(())
}

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
    let mut tx = db.begin().await?;
    for (i, (customer_id, email)) in customers.iter().enumerate() {
        let domain = email
            .as_deref()
            .and_then(|e| e.split('@').nth(1))
            .unwrap_or("example.no")
            .to_string();
        let count = rng.random_range(1..=3);
        add_contacts(&mut tx, &mut rng, *customer_id, &domain, count, now).await?;
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
