//! Data to look at and to measure with: demo departments, users and customers on an empty
//! database, the first admin on a fresh install, and `seed --customers N` for large data sets
//! (Norwegian company names, valid organisation numbers, real postal codes over all counties).

use rand::{Rng, SeedableRng, rngs::StdRng, seq::IndexedRandom};

use crate::{
    auth::{Role, password},
    config::Config,
    customers::{
        model::{CustomerData, Status, search_text, sort_key},
        orgnr,
    },
    db::{Db, Sql},
    geo::postal,
    staff::users::{self, NewUser},
    timefmt::now,
};

pub const DEMO_PASSWORD: &str = "kundekort-demo";

const DEPARTMENTS: [&str; 5] = ["Oslo", "Bergen", "Trondheim", "Stavanger", "Tromsø"];

const FIRST_NAMES: [&str; 24] = [
    "Ingrid", "Ola", "Kari", "Lars", "Nora", "Magnus", "Emma", "Henrik", "Sofie", "Jonas", "Ida",
    "Sindre", "Thea", "Eirik", "Maja", "Anders", "Hanna", "Kristian", "Sara", "Martin", "Silje",
    "Håkon", "Marte", "Øystein",
];
const LAST_NAMES: [&str; 20] = [
    "Hansen",
    "Johansen",
    "Olsen",
    "Larsen",
    "Andersen",
    "Pedersen",
    "Nilsen",
    "Kristiansen",
    "Jensen",
    "Karlsen",
    "Johnsen",
    "Pettersen",
    "Eriksen",
    "Berg",
    "Haugen",
    "Hagen",
    "Johannessen",
    "Andreassen",
    "Jacobsen",
    "Dahl",
];
const PREFIXES: [&str; 30] = [
    "Fjord", "Nord", "Vest", "Berg", "Haug", "Lund", "Dal", "Skog", "Elve", "Sjø", "Fjell", "Vik",
    "Strand", "Bakke", "Solheim", "Øster", "Ås", "Bjørk", "Lie", "Hav", "Midt", "Sør", "Nordlys",
    "Kyst", "Tind", "Furu", "Bre", "Stein", "Moen", "Viken",
];
const TRADES: [(&str, &str, &str); 25] = [
    ("Bygg", "41.200", "Oppføring av bygninger"),
    ("Elektro", "43.210", "Elektrisk installasjonsarbeid"),
    ("Transport", "49.410", "Godstransport på vei"),
    ("Logistikk", "52.100", "Lagring"),
    ("Kjøtt", "10.110", "Bearbeiding og konservering av kjøtt"),
    ("Mat og Vin", "56.101", "Drift av restauranter og kafeer"),
    ("Renhold", "81.210", "Rengjøring av bygninger"),
    ("Helse", "86.101", "Alminnelige somatiske sykehus"),
    ("Omsorg", "87.101", "Somatiske sykehjem"),
    (
        "Dagligvare",
        "47.111",
        "Butikkhandel med bredt vareutvalg med hovedvekt på nærings- og nytelsesmidler",
    ),
    ("Data", "62.010", "Programmeringstjenester"),
    ("Revisjon", "69.201", "Revisjon"),
    ("Regnskap", "69.202", "Regnskap og bokføring"),
    (
        "Stål",
        "25.110",
        "Produksjon av metallkonstruksjoner og deler",
    ),
    ("Maskin", "33.120", "Reparasjon av maskiner"),
    ("Anlegg", "42.110", "Bygging av veier og motorveier"),
    ("Rør", "43.220", "VVS-arbeid"),
    ("Handel", "46.900", "Uspesifisert engroshandel"),
    (
        "Hotell",
        "55.101",
        "Drift av hoteller, pensjonater og moteller med restaurant",
    ),
    (
        "Kommunale tjenester",
        "84.110",
        "Generell offentlig administrasjon",
    ),
    ("Skole", "85.201", "Ordinær grunnskoleundervisning"),
    (
        "Havbruk",
        "03.211",
        "Matfiskproduksjon i hav- og kystbasert fiskeoppdrett",
    ),
    (
        "Sjømat",
        "10.200",
        "Bearbeiding og konservering av fisk, skalldyr og bløtdyr",
    ),
    (
        "Offshore",
        "09.101",
        "Boretjenester tilknyttet utvinning av råolje og naturgass",
    ),
    ("Verft", "30.110", "Bygging av skip og flytende materiell"),
];
const SUFFIXES: [&str; 10] = [
    "AS",
    "AS",
    "AS",
    "AS",
    "ASA",
    "ANS",
    "DA",
    "Holding AS",
    "Gruppen AS",
    "Norge AS",
];
const STREETS: [&str; 16] = [
    "Storgata",
    "Kongens gate",
    "Industriveien",
    "Havnegata",
    "Sjøgata",
    "Fjordveien",
    "Nedre Langgate",
    "Strandveien",
    "Kirkegata",
    "Torggata",
    "Verkstedveien",
    "Næringsveien",
    "Brugata",
    "Jernbanegata",
    "Fabrikkveien",
    "Kaiveien",
];

/// Creates the first admin on a database without users: from `KUNDEKORT_ADMIN_EMAIL` and
/// `KUNDEKORT_ADMIN_PASSWORD`, or with a generated password printed once.
pub async fn ensure_first_admin(db: &Db, config: &Config) -> anyhow::Result<()> {
    let (count,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM users")
        .fetch_one(&db.pool)
        .await?;
    if count > 0 {
        return Ok(());
    }
    let email = config
        .admin_email
        .clone()
        .unwrap_or_else(|| "admin@kundekort.local".to_string());
    let (pw, generated) = match &config.admin_password {
        Some(p) => (p.expose().to_string(), false),
        None => (crate::auth::random_token()[..16].to_string(), true),
    };
    let hash = password::hash(pw.clone()).await?;
    users::insert(
        db,
        NewUser {
            email: &email,
            name: "Administrator",
            password_hash: hash,
            role: Role::Admin,
            department_id: None,
        },
    )
    .await?;
    if generated {
        println!(
            "\nFirst admin created: {email}  password: {pw}\n(shown once; change it under Settings)\n"
        );
    } else {
        println!("First admin created: {email}");
    }
    Ok(())
}

/// Demo data on an empty database; returns the log-ins to print, or `None` if there was data.
pub async fn demo_if_empty(db: &Db) -> anyhow::Result<Option<Vec<(String, &'static str)>>> {
    let (users,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM users")
        .fetch_one(&db.pool)
        .await?;
    if users > 0 {
        return Ok(None);
    }
    let logins = staff(db).await?;
    customers(db, 2000, 7).await?;
    card_extras(db, 7).await?;
    Ok(Some(logins))
}

/// Departments and users (all with [`DEMO_PASSWORD`]); returns (email, role) per user.
async fn staff(db: &Db) -> anyhow::Result<Vec<(String, &'static str)>> {
    let hash = password::hash(DEMO_PASSWORD.to_string()).await?;
    let mut logins = Vec::new();
    let mut add =
        async |email: String, name: String, role: Role, dep: Option<i64>| -> anyhow::Result<()> {
            users::insert(
                db,
                NewUser {
                    email: &email,
                    name: &name,
                    password_hash: hash.clone(),
                    role,
                    department_id: dep,
                },
            )
            .await?;
            logins.push((email, role.as_str()));
            Ok(())
        };
    add(
        "admin@demo.kundekort.no".into(),
        "Astrid Admin".into(),
        Role::Admin,
        None,
    )
    .await?;
    for (i, dep_name) in DEPARTMENTS.iter().enumerate() {
        let (dep_id,): (i64,) = sqlx::query_as(
            "INSERT INTO departments (name, created_at) VALUES ($1, $2) RETURNING id",
        )
        .bind(*dep_name)
        .bind(now())
        .fetch_one(&db.pool)
        .await?;
        let slug = dep_name.to_lowercase().replace('ø', "o");
        let first = FIRST_NAMES[i * 3];
        add(
            format!("leder.{slug}@demo.kundekort.no"),
            format!("{first} {}", LAST_NAMES[i]),
            Role::Manager,
            Some(dep_id),
        )
        .await?;
        for k in 1..=2 {
            let first = FIRST_NAMES[i * 3 + k];
            let last = LAST_NAMES[(i * 3 + k) % LAST_NAMES.len()];
            add(
                format!(
                    "{}.{slug}@demo.kundekort.no",
                    first.to_lowercase().replace('å', "a")
                ),
                format!("{first} {last}"),
                Role::Consultant,
                Some(dep_id),
            )
            .await?;
        }
    }
    Ok(logins)
}

/// Adds `n` customers spread over existing departments and users (creating staff if none).
pub async fn large(db: &Db, n: usize) -> anyhow::Result<()> {
    let (users,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM users")
        .fetch_one(&db.pool)
        .await?;
    if users == 0 {
        staff(db).await?;
    }
    customers(db, n, rand::random()).await
}

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

/// Inserts `n` customers in batches (one transaction per batch), with their create audit rows.
async fn customers(db: &Db, n: usize, seed: u64) -> anyhow::Result<()> {
    let mut rng = StdRng::seed_from_u64(seed);
    let staff: Vec<(i64, Option<i64>)> =
        sqlx::query_as("SELECT id, department_id FROM users WHERE active = 1")
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
    let mut tx = db.pool.begin().await?;
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
    // One transaction per 1,000 customers, in INSERTs of 40 rows: sqlx looks every `$N`
    // parameter up by name, which costs time linear in the statement's parameter count, so
    // statements with thousands of parameters make seeding quadratic.
    const BATCH: usize = 1000;
    const ROWS_PER_STATEMENT: usize = 40;
    const HEAD: &str = "INSERT INTO customers (customer_number, name, org_number, status, owner_id, department_id, \
         industry_code, industry_text, visit_street, visit_postal_code, visit_city, postal_street, \
         postal_postal_code, postal_city, municipality_no, county_no, email, phone, website, search_text, \
         sort_name, version, created_at, updated_at) VALUES ";
    let mut done = 0;
    while done < n {
        let size = BATCH.min(n - done);
        let mut statements: Vec<Sql> = Vec::new();
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
            let (owner, dep) = staff.choose(&mut rng).copied().unwrap_or((0, None));
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
            if i % ROWS_PER_STATEMENT == 0 {
                statements.push(Sql::new(HEAD));
            } else if let Some(sql) = statements.last_mut() {
                sql.push(", ");
            }
            let sql = statements.last_mut().expect("a statement was started");
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
                .bind(sort_key(&name));
            sql.push(", 1, ")
                .bind(created)
                .push(", ")
                .bind(updated)
                .push(")");
        }
        let mut tx = db.pool.begin().await?;
        for sql in &statements {
            sql.query().execute(&mut *tx).await?;
        }
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
        tx.commit().await?;
        done += size;
    }
    db.refresh_statistics().await?;
    Ok(())
}

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
async fn card_extras(db: &Db, seed: u64) -> anyhow::Result<()> {
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
            let search = format!("{first} {last} {mail} {mobile} {position}").to_lowercase();
            sqlx::query(
                "INSERT INTO contacts (customer_id, first_name, last_name, position, email, mobile, is_main, active, \
                 search_text, sort_name, version, created_at, updated_at) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, 1, $8, $9, 1, $10, $10)",
            )
            .bind(customer_id)
            .bind(first)
            .bind(last)
            .bind(position)
            .bind(mail)
            .bind(mobile)
            .bind(i64::from(k == 0))
            .bind(search)
            .bind(sort_key(&format!("{last} {first}")))
            .bind(now)
            .execute(&mut *tx)
            .await?;
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
