//! Many realistic customers, fast: valid organisation numbers, real postal codes over all
//! counties, owners and departments from the existing staff, a realistic status mix.

use rand::{Rng, SeedableRng, rngs::StdRng, seq::IndexedRandom};

use super::words::{LAST_NAMES, PREFIXES, STREETS, SUFFIXES, TRADES};
use crate::{
    collate::sort_key,
    customers::{
        model::{CustomerData, Status, search_text},
        name_words,
    },
    db::bulk::{IndexesSetAside, Phases, PrimaryKey, Rows, SeedingConnection},
    db::{Db, Sql},
    geo::postal,
    norway::orgnr,
    timefmt::now,
};

fn company_name(rng: &mut StdRng, trade: &str) -> String {
    let suffix = SUFFIXES.choose(rng).copied().unwrap_or("AS");
    match rng.random_range(0..10) {
        0..=5 => format!(
            "{}{} {suffix}",
            PREFIXES.choose(rng).unwrap_or(&"Nord"),
            trade.to_lowercase()
        ),
        6..=7 => format!(
            "{} {trade} {suffix}",
            LAST_NAMES.choose(rng).unwrap_or(&"Hansen")
        ),
        8 => format!("{} & Sønn AS", LAST_NAMES.choose(rng).unwrap_or(&"Berg")),
        _ => format!(
            "{} {trade} {suffix}",
            PREFIXES.choose(rng).unwrap_or(&"Vest")
        ),
    }
}

/// Inserts `n` customers in one transaction, with their create audit rows and name words. The
/// caller refreshes the planner's statistics afterwards (`Db::after_bulk_load`).
pub(super) async fn insert(db: &Db, n: usize, seed: u64) -> anyhow::Result<()> {
    let mut rng = StdRng::seed_from_u64(seed);
    // Each customer's owner and department, with the names it keeps for sorting (migration
    // 0054): written here, the triggers that keep them find them right and write nothing more.
    let staff: Vec<(i64, Option<i64>, String, String)> = sqlx::query_as(
        "SELECT u.id, u.department_id, u.name, COALESCE(d.name, '') FROM users u \
         LEFT JOIN departments d ON d.id = u.department_id WHERE u.active = 1",
    )
    .fetch_all(&db.pool)
    .await?;
    let places: Vec<&postal::PostalPlace> = postal::all().collect();
    // Valid organisation numbers, continuing after the largest seeded one.
    let (max_org,): (Option<String>,) =
        sqlx::query_as("SELECT MAX(org_number) FROM customers WHERE org_number LIKE '8%'")
            .fetch_one(&db.pool)
            .await?;
    let mut next_first8: u32 = max_org
        .and_then(|o| o.get(..8)?.parse().ok())
        .map(|v: u32| v + 1)
        .unwrap_or(81_000_000);
    let mut tx = db.begin().await?;
    let last_number = crate::db::next_number(&mut tx, "customer_number", 10000).await?;
    sqlx::query("UPDATE counters SET value = value + $1 WHERE name = 'customer_number'")
        .bind(n as i64)
        .execute(&mut *tx)
        .await?;
    for (_, code, name) in TRADES {
        sqlx::query(
            "INSERT INTO industries (code, name) VALUES ($1, $2) ON CONFLICT (code) DO NOTHING",
        )
        .bind(code)
        .bind(name)
        .execute(&mut *tx)
        .await?;
    }
    tx.commit().await?;

    let now = now();
    // One transaction, written 5,000 customers at a time in INSERTs of 40 rows (`bulk::Rows`),
    // on a connection whose page cache holds the growing indexes; the indexes of the tables
    // it at least doubles are built once at the end instead of row by row.
    const BATCH: usize = 5000;
    const ROWS_PER_STATEMENT: usize = 40;
    let mut conn = SeedingConnection::acquire(db).await?;
    let mut tx = conn.begin().await?;
    let aside = IndexesSetAside::for_load(
        &mut tx,
        db.backend,
        &[
            ("customers", PrimaryKey::Kept),
            ("audit_log", PrimaryKey::Kept),
            ("customer_name_words", PrimaryKey::SetAside),
        ],
        n,
    )
    .await?;
    const HEAD: &str = "INSERT INTO customers (customer_number, name, org_number, status, owner_id, department_id, \
         industry_code, industry_text, visit_street, visit_postal_code, visit_city, postal_street, \
         postal_postal_code, postal_city, municipality_no, county_no, email, phone, website, search_text, \
         sort_name, owner_sort, department_sort, version, created_at, updated_at) VALUES ";
    let mut phases = Phases::default();
    let mut clock = std::time::Instant::now();
    let mut done = 0;
    while done < n {
        let size = BATCH.min(n - done);
        let mut rows = Rows::new(HEAD, ROWS_PER_STATEMENT);
        for i in 0..size {
            let number = last_number + 1 + (done + i) as i64;
            let org = loop {
                let digits: Vec<u32> = format!("{next_first8:08}")
                    .chars()
                    .filter_map(|c| c.to_digit(10))
                    .collect();
                next_first8 += 1;
                if let Some(check) = orgnr::check_digit(&digits) {
                    break format!("{}{check}", next_first8 - 1);
                }
            };
            let (trade, code, text) = *TRADES.choose(&mut rng).expect("trades");
            let name = company_name(&mut rng, trade);
            let place = *places.choose(&mut rng).expect("postal codes");
            let (owner, dep, owner_sort, department_sort) = staff
                .choose(&mut rng)
                .cloned()
                .unwrap_or((0, None, String::new(), String::new()));
            let status = match rng.random_range(0..100) {
                0..=54 => Status::Active,
                55..=84 => Status::Potential,
                _ => Status::Former,
            };
            let slug: String = name
                .to_lowercase()
                .replace(['æ'], "ae")
                .replace('ø', "o")
                .replace('å', "a")
                .chars()
                .filter(char::is_ascii_alphanumeric)
                .take(24)
                .collect();
            let street = format!(
                "{} {}",
                STREETS.choose(&mut rng).unwrap_or(&"Storgata"),
                rng.random_range(1..120)
            );
            let data = CustomerData {
                name: name.clone(),
                org_number: Some(org),
                status,
                owner_id: (owner > 0).then_some(owner),
                department_id: dep,
                industry_code: Some(code.to_string()),
                industry_text: Some(text.to_string()),
                visit_street: Some(street),
                visit_postal_code: Some(place.postal_code.to_string()),
                visit_city: Some(place.place_title()),
                postal_street: None,
                postal_postal_code: None,
                postal_city: None,
                municipality_no: Some(place.municipality_no.to_string()),
                county_no: Some(place.county_no.to_string()),
                email: Some(format!("post@{slug}.no")),
                phone: Some(format!(
                    "{}{:07}",
                    [2, 3, 5, 6, 7, 9][rng.random_range(0..6)],
                    rng.random_range(0..10_000_000)
                )),
                website: Some(format!("https://www.{slug}.no")),
            };
            let created = now - rng.random_range(0..3 * 365 * 86400);
            let updated = created + rng.random_range(0..(now - created).max(1));
            let sql = rows.row();
            sql.push("(")
                .bind(number)
                .push(", ")
                .bind(data.name.clone())
                .push(", ")
                .bind(data.org_number.clone().unwrap_or_default())
                .push(", ")
                .bind(status.as_str())
                .push(", ");
            match data.owner_id {
                Some(o) => sql.bind(o),
                None => sql.push("NULL"),
            };
            sql.push(", ");
            match data.department_id {
                Some(d) => sql.bind(d),
                None => sql.push("NULL"),
            };
            for v in [
                &data.industry_code,
                &data.industry_text,
                &data.visit_street,
                &data.visit_postal_code,
                &data.visit_city,
            ] {
                sql.push(", ").bind(v.clone().unwrap_or_default());
            }
            sql.push(", NULL, NULL, NULL");
            for v in [
                &data.municipality_no,
                &data.county_no,
                &data.email,
                &data.phone,
                &data.website,
            ] {
                sql.push(", ").bind(v.clone().unwrap_or_default());
            }
            sql.push(", ")
                .bind(search_text(&data, number))
                .push(", ")
                .bind(sort_key(&name))
                .push(", ")
                .bind(owner_sort)
                .push(", ")
                .bind(department_sort);
            sql.push(", 1, ")
                .bind(created)
                .push(", ")
                .bind(updated)
                .push(")");
        }
        clock = phases.add("rows made", clock);
        rows.execute(&mut tx).await?;
        clock = phases.add("customers written", clock);
        let first = last_number + 1 + done as i64;
        let mut audit = Sql::new(
            "INSERT INTO audit_log (customer_id, entity, entity_id, action, changes, user_id, at) \
             SELECT id, 'customer', id, 'create', '[]', NULL, created_at FROM customers WHERE customer_number >= ",
        );
        audit
            .bind(first)
            .push(" AND customer_number < ")
            .bind(first + size as i64);
        audit.query().execute(&mut *tx).await?;
        clock = phases.add("audit rows", clock);
        let mut names = Sql::new("SELECT id, sort_name FROM customers WHERE customer_number >= ");
        names
            .bind(first)
            .push(" AND customer_number < ")
            .bind(first + size as i64);
        let names: Vec<(i64, String)> = names.query_as().fetch_all(&mut *tx).await?;
        name_words::insert_many(&mut tx, &names).await?;
        clock = phases.add("name words", clock);
        done += size;
    }
    aside.rebuild(&mut tx).await?;
    clock = phases.add("indexes", clock);
    tx.commit().await?;
    conn.release().await?;
    phases.add("commit", clock);
    db.counts.invalidate();
    phases.log("customers");
    Ok(())
}
