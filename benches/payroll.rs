//! Benchmark of the payroll export (a measurement, not a test).
//!
//! For SQLite, and for PostgreSQL when `TEST_POSTGRES_URL` is set: seeds 2,000 customers,
//! 5,000 workers and 5,000 active assignments (`seed::staffing`), a national identity number
//! for every worker, generates a month of timesheets for every running assignment
//! (`timesheets::store::ensure_running`, timed), approves them all (one UPDATE: the approval path
//! is not what is measured), maps every pay item to a wage type, and then times, in process:
//! - the preview's work for the month (`payroll::run::prepare`);
//! - the export in the `standard` preset (all columns, national identity numbers revealed and
//!   audited per worker): the lines read, the export and every line marked in one transaction,
//!   the CSV written;
//! - the same month again (nothing new);
//! - the earlier export's file written again (`payroll::run::download`).
//!
//! `cargo bench --bench payroll` · `BENCH_WORKERS`, `BENCH_ASSIGNMENTS`, `BENCH_MONTH`
//! (`YYYY-MM`, default the current month) change it.

use std::time::Instant;

use kundekort::{
    db::Db,
    i18n::Lang,
    norway::national_id::NationalId,
    payroll::{model::WageType, run, store},
    seed,
    timesheets::store::ensure_running,
    vault::DataKey,
    workers::national_id,
};
use time::{Date, Month};

fn env(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

fn month() -> (Date, Date) {
    let today = time::OffsetDateTime::now_utc().date();
    let (y, m) = std::env::var("BENCH_MONTH")
        .ok()
        .and_then(|v| {
            let (y, m) = v.split_once('-')?;
            Some((
                y.parse().ok()?,
                Month::try_from(m.parse::<u8>().ok()?).ok()?,
            ))
        })
        .unwrap_or((today.year(), today.month()));
    let from = Date::from_calendar_date(y, m, 1).unwrap();
    let to = Date::from_calendar_date(y, m, m.length(y)).unwrap();
    (from, to)
}

fn secs(t: Instant) -> f64 {
    t.elapsed().as_secs_f64()
}

async fn run_backend(label: &str, url: &str, workers: usize, assignments: usize) {
    println!("\n## {label}\n");
    let db = Db::connect(url).await.expect("connect");
    db.migrate().await.expect("migrate");
    let started = Instant::now();
    seed::large(&db, 2000).await.expect("seed customers");
    seed::staffing(&db, workers, assignments, 0)
        .await
        .expect("seed staffing");
    let key = DataKey::from_base64("AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=").unwrap();
    let id = NationalId::parse("15108695088", time::macros::date!(2026 - 12 - 02)).unwrap();
    let ids: Vec<(i64,)> = sqlx::query_as("SELECT id FROM workers")
        .fetch_all(&db.pool)
        .await
        .unwrap();
    let mut tx = db.pool.begin().await.unwrap();
    for (w,) in &ids {
        national_id::set(&mut tx, &key, *w, &id).await.unwrap();
    }
    tx.commit().await.unwrap();
    println!(
        "seeded 2000 customers, {} workers (each with a national identity number), \
         {assignments} assignments in {:.1} s",
        ids.len(),
        secs(started)
    );

    let (from, to) = month();
    let t = Instant::now();
    let mut tx = db.pool.begin().await.unwrap();
    let sheets = ensure_running(&mut tx, from, to).await.unwrap();
    tx.commit().await.unwrap();
    println!(
        "generated {sheets} timesheets for {from} … {to} in {:.1} s",
        secs(t)
    );
    sqlx::query("UPDATE timesheets SET status = 'approved', decided_at = 0")
        .execute(&db.pool)
        .await
        .unwrap();

    // Every item mapped, with the page's defaults for the flags.
    let (classes, allowances) = kundekort::assignments::store::payroll::pay_items(&db)
        .await
        .unwrap();
    let mut types = vec![WageType {
        item: "normal".into(),
        code: "1000".into(),
        holiday_pay_basis: true,
        tax_free: false,
    }];
    for p in classes.iter().map(|p| p.to_string()).chain(["none".into()]) {
        types.push(WageType {
            item: format!("overtime:{p}"),
            code: format!("10{p}"),
            holiday_pay_basis: true,
            tax_free: false,
        });
    }
    for a in &allowances {
        let expense = a.kind == kundekort::assignments::allowance::AllowanceKind::Expense;
        types.push(WageType {
            item: format!("allowance:{}", a.code),
            code: format!("A-{}", a.code),
            holiday_pay_basis: !expense,
            tax_free: expense,
        });
    }
    let (admin,): (i64,) = sqlx::query_as("SELECT id FROM users WHERE role = 'admin' LIMIT 1")
        .fetch_one(&db.pool)
        .await
        .unwrap();
    let format = store::format(&db).await.unwrap();
    let old = store::wage_types(&db).await.unwrap();
    let mut tx = db.pool.begin().await.unwrap();
    store::save_settings(&mut tx, admin, &format, &old, &format, &types)
        .await
        .unwrap();
    tx.commit().await.unwrap();

    let (f, t_) = (from.to_string(), to.to_string());
    println!("\n| step | lines | workers | bytes | seconds |\n|---|---|---|---|---|");
    let t = Instant::now();
    let p = run::prepare(&db, &f, &t_, Lang::default()).await.unwrap();
    let workers_paid = p.workers.len();
    println!(
        "| preview (prepare) | {} | {workers_paid} | – | {:.2} |",
        p.built.new.len(),
        secs(t)
    );
    let t = Instant::now();
    let (export_id, bytes) = run::export(&db, &key, admin, &f, &t_, Lang::default())
        .await
        .unwrap()
        .expect("lines to export");
    println!(
        "| export: mark + reveal + CSV (`standard`) | {} | {workers_paid} | {} | {:.2} |",
        p.built.new.len(),
        bytes.len(),
        secs(t)
    );
    let t = Instant::now();
    let again = run::export(&db, &key, admin, &f, &t_, Lang::default())
        .await
        .unwrap();
    assert!(again.is_none());
    println!(
        "| the same month again (nothing new) | 0 | – | – | {:.2} |",
        secs(t)
    );
    let t = Instant::now();
    let (_, again) = run::download(&db, &key, admin, export_id).await.unwrap();
    println!(
        "| the earlier file again (download) | {} | {workers_paid} | {} | {:.2} |",
        p.built.new.len(),
        again.len(),
        secs(t)
    );
    db.pool.close().await;
}

#[tokio::main]
async fn main() {
    kundekort::install_crypto_provider();
    let workers = env("BENCH_WORKERS", 5_000);
    let assignments = env("BENCH_ASSIGNMENTS", 5_000);
    println!("# Payroll export benchmark: {workers} workers, {assignments} active assignments");
    let dir = tempfile::tempdir().unwrap();
    let sqlite = format!("sqlite://{}/bench.db", dir.path().display());
    run_backend("SQLite", &sqlite, workers, assignments).await;
    if let Ok(admin_url) = std::env::var("TEST_POSTGRES_URL") {
        let name = format!("kk_bench_payroll_{}", std::process::id());
        let admin = Db::connect(&admin_url).await.expect("postgres");
        sqlx::query(sqlx::AssertSqlSafe(format!("CREATE DATABASE {name}")))
            .execute(&admin.pool)
            .await
            .unwrap();
        let mut url = url::Url::parse(&admin_url).unwrap();
        url.set_path(&format!("/{name}"));
        run_backend("PostgreSQL", url.as_str(), workers, assignments).await;
        let drop = format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)");
        sqlx::query(sqlx::AssertSqlSafe(drop))
            .execute(&admin.pool)
            .await
            .unwrap();
    } else {
        println!("\n(TEST_POSTGRES_URL not set: PostgreSQL not measured)");
    }
}
