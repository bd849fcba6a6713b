//! Data to look at and to measure with: demo departments, users and customers on an empty
//! database, the first admin on a fresh install, and `seed --customers N` for large data sets
//! (Norwegian company names, valid organisation numbers, real postal codes over all counties),
//! `seed --workers N --assignments M` for workers and active assignments to measure with,
//! `seed --invoices N` for issued invoices (with states and credit notes) over the customers;
//! [`approved_hours`] for approved timesheets to invoice.

mod assignments;
mod card;
mod customers;
mod demo_invoices;
mod dialog;
mod diary;
mod documents;
mod invoices;
mod job_ads;
mod portal;
mod vacancies;
mod words;
mod workers;

use crate::{
    auth::{Role, password},
    config::Config,
    db::Db,
    staff::users::{self, NewUser},
    timefmt::now,
};
use words::{DEPARTMENTS, FIRST_NAMES, LAST_NAMES};

pub const DEMO_PASSWORD: &str = "kundekort-demo";

/// Creates the first admin on a database without users: from `KUNDEKORT_ADMIN_EMAIL` and
/// `KUNDEKORT_ADMIN_PASSWORD`, or with a generated password printed once that must be changed at
/// the first log-in.
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
        // Checked like any password set in the application (length, breach list, zxcvbn).
        Some(p) => {
            match password::weakness(p.expose(), &[&email], &password::context_words(config)) {
                Some(msg) => anyhow::bail!(
                    "KUNDEKORT_ADMIN_PASSWORD is refused: {}",
                    msg.render(crate::i18n::Lang::En)
                ),
                None => (p.expose().to_string(), false),
            }
        }
        None => (crate::auth::random_token()[..16].to_string(), true),
    };
    let hash = password::hash(pw.clone()).await?;
    let mut tx = db.begin().await?;
    let id = users::insert(
        &mut tx,
        NewUser {
            email: &email,
            name: "Administrator",
            password_hash: hash,
            role: Role::Admin,
            department_id: None,
        },
    )
    .await?;
    // A generated password has been on the console (and maybe in a log): it is for the first
    // log-in only (decision 0064). A configured one was chosen by the operator.
    if generated {
        users::require_new_password(&mut tx, id).await?;
    }
    tx.commit().await?;
    if generated {
        println!(
            "\nFirst admin created: {email}  password: {pw}\n(for the first log-in only: a new password is asked for then)\n"
        );
    } else {
        println!("First admin created: {email}");
    }
    Ok(())
}

/// Demo data on an empty database; returns the log-ins to print, or `None` if there was data.
pub async fn demo_if_empty(
    db: &Db,
    files: &crate::files::FileStore,
) -> anyhow::Result<Option<Vec<(String, &'static str)>>> {
    let (users,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM users")
        .fetch_one(&db.pool)
        .await?;
    if users > 0 {
        return Ok(None);
    }
    let mut logins = staff(db).await?;
    customers::insert(db, 2000, 7).await?;
    card::extras(db, 7).await?;
    diary::activities(db, 7).await?;
    documents::documents(db, files, 7).await?;
    dialog::history(db, 7).await?;
    let workers = workers::demo(db, 7).await?;
    assignments::demo(db, &workers, 7).await?;
    vacancies::demo(db, &workers, 7).await?;
    // A few published job ads, so /jobs and its feeds have something to show.
    job_ads::ads(db, 6, 7).await?;
    demo_invoices::demo(db).await?;
    // This month's timesheets of the running assignments, prefilled from their agreed weeks.
    let today = crate::timefmt::when::oslo_date(crate::timefmt::now());
    let first = today.replace_day(1)?;
    let last = first.replace_day(first.month().length(first.year()))?;
    let mut tx = db.begin().await?;
    crate::timesheets::store::ensure_running(&mut tx, first, last).await?;
    tx.commit().await?;
    let hash = password::hash(DEMO_PASSWORD.to_string()).await?;
    if let Some(login) = workers::demo_login(db, &hash).await? {
        logins.push((login, "worker (/worker)"));
    }
    if let Some(login) = portal::demo_login(db, &hash).await? {
        logins.push((login, "contact (/portal)"));
    }
    db.after_bulk_load().await?;
    Ok(Some(logins))
}

/// Departments and users (all with [`DEMO_PASSWORD`]); returns (email, role) per user.
async fn staff(db: &Db) -> anyhow::Result<Vec<(String, &'static str)>> {
    let hash = password::hash(DEMO_PASSWORD.to_string()).await?;
    let mut logins = Vec::new();
    let mut add =
        async |email: String, name: String, role: Role, dep: Option<i64>| -> anyhow::Result<()> {
            users::insert(
                &mut *db.pool.acquire().await?,
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
    customers_and_contacts(db, n, 0).await
}

/// Adds `per_customer` contacts (names, positions, email, mobile; the first the main contact)
/// at every customer that has none yet.
pub async fn contacts(db: &Db, per_customer: usize) -> anyhow::Result<()> {
    customers_and_contacts(db, 0, per_customer).await
}

/// Adds `customers` customers ([`large`]), then `per_customer` contacts at every customer that
/// has none yet ([`contacts`]), and refreshes the planner's statistics once at the end
/// (`Db::after_bulk_load`: on PostgreSQL a `VACUUM (ANALYZE)` of the whole database).
pub async fn customers_and_contacts(
    db: &Db,
    customers: usize,
    per_customer: usize,
) -> anyhow::Result<()> {
    if customers > 0 {
        let (users,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM users")
            .fetch_one(&db.pool)
            .await?;
        if users == 0 {
            staff(db).await?;
        }
        customers::insert(db, customers, rand::random()).await?;
    }
    if per_customer > 0 {
        card::large_contacts(db, per_customer, rand::random()).await?;
    }
    if customers > 0 || per_customer > 0 {
        let started = std::time::Instant::now();
        db.after_bulk_load().await?;
        tracing::info!(
            seconds = format!("{:.1}", started.elapsed().as_secs_f64()),
            "bulk load: the planner's statistics"
        );
    }
    Ok(())
}

/// `ads` published job ads over the active customers, and `vacancies` open vacancies on one
/// customer (whose id is returned) — the job ads benchmark's data.
pub async fn job_ads(db: &Db, ads: usize, vacancies: usize) -> anyhow::Result<i64> {
    job_ads::ads(db, ads, 15).await?;
    job_ads::vacancies_on_one(db, vacancies, 16).await
}

/// Adds `workers` workers (skills, HMS cards, work permits, licences) and `assignments` active
/// assignments on existing active customers, `on_one` of them on a single customer; returns that
/// customer's id (`None` when there was no customer to place them with).
pub async fn staffing(
    db: &Db,
    workers: usize,
    assignments: usize,
    on_one: usize,
) -> anyhow::Result<Option<i64>> {
    let saved = workers::large(db, workers, rand::random()).await?;
    let busiest = if assignments > 0 {
        assignments::large(db, &saved, assignments, on_one, rand::random()).await?
    } else {
        None
    };
    db.after_bulk_load().await?;
    Ok(busiest)
}

/// Approved hours to invoice (the invoice run's benchmark): the customers' postal address filled
/// from their visiting address where they have none (so they can be invoiced), the timesheets of
/// `from` … `to` for every running assignment (`timesheets::store::ensure_running`, prefilled
/// from the agreed weeks), and the first `n` of them approved at once (the approval route is not
/// what this is for). Returns how many were approved.
pub async fn approved_hours(
    db: &Db,
    from: time::Date,
    to: time::Date,
    n: usize,
) -> anyhow::Result<usize> {
    sqlx::query(
        "UPDATE customers SET postal_street = visit_street, \
         postal_postal_code = visit_postal_code, postal_city = visit_city \
         WHERE postal_street IS NULL AND visit_street IS NOT NULL",
    )
    .execute(&db.pool)
    .await?;
    let mut tx = db.begin().await?;
    crate::timesheets::store::ensure_running(&mut tx, from, to).await?;
    tx.commit().await?;
    let approved = sqlx::query(
        "UPDATE timesheets SET status = 'approved', decided_at = $1 WHERE id IN \
         (SELECT id FROM timesheets WHERE status IN ('draft', 'submitted') \
          ORDER BY id LIMIT $2)",
    )
    .bind(now())
    .bind(i64::try_from(n).unwrap_or(i64::MAX))
    .execute(&db.pool)
    .await?;
    db.after_bulk_load().await?;
    Ok(usize::try_from(approved.rows_affected()).unwrap_or(usize::MAX))
}

/// Adds `n` issued invoices over the existing customers (with their states, some paid, some
/// overdue, about 2 % credited by a credit note); returns how many credit notes were made.
pub async fn invoices(db: &Db, n: usize) -> anyhow::Result<usize> {
    let notes = invoices::insert(db, n, rand::random()).await?;
    db.after_bulk_load().await?;
    Ok(notes)
}
