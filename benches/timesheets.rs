//! Benchmark of timesheets at scale (a measurement, not a test).
//!
//! For SQLite, and for PostgreSQL when `TEST_POSTGRES_URL` is set: seeds 2,000 customers,
//! 20,000 workers and 5,000 active assignments, 500 of them on one customer (`seed::staffing`),
//! then measures
//! - **a month of timesheets generated**: `timesheets::store::ensure_running` for this month in
//!   one transaction (every sheet prefilled and computed through the rules), and a second run
//!   that finds them all made;
//! - **the approver's pending list**: one contact of the customer with 500 is made the approver
//!   of all its assignments, with the *approve timesheets* right; the first sheet of the month of
//!   each is submitted (one in ten with a day missing, so some differ from the plan); then the
//!   real `kundekort` binary serves `GET /portal/timesheets` to that contact's portal session
//!   from 16 concurrent clients: p50 / p95 / p99 latency and requests per second.
//!
//! `cargo bench --bench timesheets` · `BENCH_WORKERS`, `BENCH_ASSIGNMENTS`, `BENCH_REQUESTS`
//! change the sizes.

use std::time::Instant;

use kundekort::{
    auth::{hash_token, random_token},
    db::Db,
    seed,
    timefmt::{now, when::oslo_date},
    timesheets::{period::month_of, store},
};

#[path = "common/mod.rs"]
mod common;
use common::{env, ms, on_both_databases, percentile};

const CLIENTS: usize = 16;
const ON_ONE: usize = 500;

async fn count(db: &Db, sql: &'static str) -> i64 {
    let (n,): (i64,) = sqlx::query_as(sql).fetch_one(&db.pool).await.unwrap();
    n
}

/// This month's sheets of every running assignment, timed; twice (the second finds them made).
async fn generate(db: &Db) {
    let month = month_of(oslo_date(now()));
    for run in ["first run", "second run (all made)"] {
        let started = Instant::now();
        let mut tx = db.pool.begin().await.unwrap();
        let made = store::ensure_running(&mut tx, month.start, month.end)
            .await
            .unwrap();
        tx.commit().await.unwrap();
        println!(
            "- a month of timesheets ({} – {}), {run}: {made} sheets made in {:.2} s",
            month.start,
            month.end,
            started.elapsed().as_secs_f64()
        );
    }
    let sheets = count(db, "SELECT COUNT(*) FROM timesheets").await;
    let lines = count(db, "SELECT COUNT(*) FROM timesheet_lines").await;
    println!("  ({sheets} sheets, {lines} day lines in the database)");
}

/// Makes a contact of `customer` the approver of all its assignments with a portal account,
/// submits the month's first sheet of each (one in ten missing a day) and returns the portal
/// session's token and the number of sheets waiting.
async fn approver_with_pending(db: &Db, customer: i64) -> (String, i64) {
    let at = now();
    let (contact,): (i64,) = sqlx::query_as(
        "INSERT INTO contacts (customer_id, first_name, last_name, search_text, sort_name, created_at, \
         updated_at) VALUES ($1, 'Per', 'Godkjenner', 'per godkjenner', 'godkjenner per', $2, $2) \
         RETURNING id",
    )
    .bind(customer)
    .bind(at)
    .fetch_one(&db.pool)
    .await
    .unwrap();
    sqlx::query("UPDATE assignments SET approver_contact_id = $1 WHERE customer_id = $2")
        .bind(contact)
        .bind(customer)
        .execute(&db.pool)
        .await
        .unwrap();
    sqlx::query(
        "INSERT INTO portal_accounts (contact_id, login_email, password_hash, rights, active, \
         created_at, updated_at) VALUES ($1, 'per@bench.test', 'set', 'approve_timesheets', 1, $2, $2)",
    )
    .bind(contact)
    .bind(at)
    .execute(&db.pool)
    .await
    .unwrap();
    let first = "SELECT MIN(t.id) FROM timesheets t JOIN assignments a ON a.id = t.assignment_id \
        WHERE a.customer_id = $1 GROUP BY t.assignment_id";
    sqlx::query(sqlx::AssertSqlSafe(format!(
        "DELETE FROM timesheet_lines WHERE id IN (SELECT MIN(id) FROM timesheet_lines \
         WHERE timesheet_id IN ({first}) AND timesheet_id % 10 = 0 GROUP BY timesheet_id)"
    )))
    .bind(customer)
    .execute(&db.pool)
    .await
    .unwrap();
    sqlx::query(sqlx::AssertSqlSafe(format!(
        "UPDATE timesheets SET status = 'submitted', submitted_at = {at} WHERE id IN ({first})"
    )))
    .bind(customer)
    .execute(&db.pool)
    .await
    .unwrap();
    let token = random_token();
    sqlx::query(
        "INSERT INTO sessions (token_hash, user_id, contact_id, created_at, expires_at) \
         VALUES ($1, NULL, $2, $3, $4)",
    )
    .bind(hash_token(&token))
    .bind(contact)
    .bind(at)
    .bind(at + 24 * 3600)
    .execute(&db.pool)
    .await
    .unwrap();
    let waiting = kundekort::timesheets::portal::count(db, customer, contact)
        .await
        .unwrap();
    (token, waiting)
}

/// `requests` GETs of `url` from [`CLIENTS`] clients sending `cookie`; a table row.
async fn scenario(http: &reqwest::Client, url: &str, cookie: &str, name: &str, requests: usize) {
    let res = http.get(url).header("cookie", cookie).send().await.unwrap();
    assert!(res.status().is_success(), "{url}: {}", res.status());
    let size = res.bytes().await.unwrap().len();
    let started = Instant::now();
    let mut tasks = Vec::new();
    for _ in 0..CLIENTS {
        let (http, url, cookie) = (http.clone(), url.to_string(), cookie.to_string());
        tasks.push(tokio::spawn(async move {
            let mut latencies = Vec::new();
            for _ in 0..requests / CLIENTS {
                let t = Instant::now();
                let res = http
                    .get(&url)
                    .header("cookie", &cookie)
                    .send()
                    .await
                    .expect("request");
                assert!(res.status().is_success(), "{}", res.status());
                let _ = res.bytes().await.expect("body");
                latencies.push(t.elapsed());
            }
            latencies
        }));
    }
    let mut all = Vec::new();
    for t in tasks {
        all.extend(t.await.expect("client"));
    }
    let wall = started.elapsed();
    all.sort();
    println!(
        "| {name} | {} | {size} | {:.1} | {:.1} | {:.1} | {:.1} |",
        all.len(),
        ms(percentile(&all, 0.50)),
        ms(percentile(&all, 0.95)),
        ms(percentile(&all, 0.99)),
        all.len() as f64 / wall.as_secs_f64()
    );
}

async fn run_backend(label: &str, url: &str, workers: usize, assignments: usize, requests: usize) {
    println!("\n## {label}\n");
    let db = Db::connect(url).await.expect("connect");
    db.migrate().await.expect("migrate");
    let started = Instant::now();
    seed::large(&db, 2000).await.expect("seed customers");
    let busiest = seed::staffing(&db, workers, assignments, ON_ONE)
        .await
        .expect("seed staffing")
        .expect("a customer with assignments");
    let active = count(
        &db,
        "SELECT COUNT(*) FROM assignments WHERE status = 'active'",
    )
    .await;
    println!(
        "seeded 2000 customers, {workers} workers and {active} active assignments in {:.1} s\n",
        started.elapsed().as_secs_f64()
    );
    generate(&db).await;
    let (token, waiting) = approver_with_pending(&db, busiest).await;
    db.refresh_statistics().await.expect("statistics");
    db.pool.close().await;

    let (mut server, base, http) = common::start_server(url, CLIENTS).await;
    println!(
        "\n| scenario | requests | bytes | p50 ms | p95 ms | p99 ms | req/s |\n|---|---|---|---|---|---|---|"
    );
    let name = format!("approver's pending list, {waiting} sheets");
    let cookie = format!("kk_portal={token}");
    let url = format!("{base}/portal/timesheets");
    scenario(&http, &url, &cookie, &name, requests).await;
    let _ = server.kill().await;
}

#[tokio::main]
async fn main() {
    kundekort::install_crypto_provider();
    let workers = env("BENCH_WORKERS", 20_000);
    let assignments = env("BENCH_ASSIGNMENTS", 5_000);
    let requests = env("BENCH_REQUESTS", 400);
    println!(
        "# Timesheets benchmark: {workers} workers, {assignments} active assignments, \
         {CLIENTS} concurrent clients, {requests} requests"
    );
    on_both_databases("timesheets", async |label: &str, url: &str| {
        run_backend(label, url, workers, assignments, requests).await
    })
    .await;
}
