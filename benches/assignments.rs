//! Benchmark of workers and assignments at scale (a measurement, not a test).
//!
//! For SQLite, and for PostgreSQL when `TEST_POSTGRES_URL` is set: seeds 2,000 customers,
//! 20,000 workers (skills, HMS cards, work permits, licences) and 5,000 active assignments, 500
//! of them on one customer (`seed::staffing`, through the features' store functions), starts the
//! real `kundekort` binary and measures with 16 concurrent clients, as an admin (API token):
//! - the card's Assignments tab (`/customers/{id}/assignments`) of the customer with 500;
//! - the worker list searched with three or more letters (`/workers?q=…`), the full page and the
//!   htmx results fragment (search as you type).
//!
//! It reports p50 / p95 / p99 latency and requests per second. Results are in the closing notes
//! of issue 12. `cargo bench --bench assignments` · `BENCH_WORKERS`, `BENCH_ASSIGNMENTS` and
//! `BENCH_REQUESTS` change the sizes.

use std::time::Instant;

use kundekort::{db::Db, seed};

#[path = "common/mod.rs"]
mod common;
use common::{LOAD_TABLE, Load, env, on_both_databases};

const CLIENTS: usize = 16;
const ON_ONE: usize = 500;
const SEARCHES: [&str; 8] = [
    "han", "nowak", "truck", "sveis", "berg", "kris", "olsen", "lager",
];

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
    let (active,): (i64,) =
        sqlx::query_as("SELECT COUNT(*) FROM assignments WHERE status = 'active'")
            .fetch_one(&db.pool)
            .await
            .unwrap();
    let (on_busiest,): (i64,) =
        sqlx::query_as("SELECT COUNT(*) FROM assignments WHERE customer_id = $1")
            .bind(busiest)
            .fetch_one(&db.pool)
            .await
            .unwrap();
    println!(
        "seeded 2000 customers, {workers} workers and {active} active assignments \
         ({on_busiest} on customer {busiest}) in {:.1} s",
        started.elapsed().as_secs_f64()
    );
    let (admin,): (i64,) = sqlx::query_as("SELECT id FROM users WHERE role = 'admin' LIMIT 1")
        .fetch_one(&db.pool)
        .await
        .unwrap();
    let token = kundekort::auth::tokens::create(
        &mut db.pool.acquire().await.expect("connection"),
        admin,
        "bench",
    )
    .await
    .expect("token");
    db.pool.close().await;

    let (mut server, base, http) = common::start_server(url, CLIENTS).await;
    println!("\n{LOAD_TABLE}");
    let load = Load {
        http: &http,
        base: &base,
        token: Some(&token),
        headers: &[],
        clients: CLIENTS,
        requests,
    };
    let tab = vec![format!("/customers/{busiest}/assignments")];
    load.run("Assignments tab, 500 rows", tab).await;
    let searches: Vec<String> = SEARCHES.iter().map(|q| format!("/workers?q={q}")).collect();
    load.run("worker list, search (page)", searches.clone())
        .await;
    let htmx = Load {
        headers: &[("hx-request", "true"), ("hx-target", "results")],
        ..load
    };
    htmx.run("worker list, search (htmx results)", searches)
        .await;
    let _ = server.kill().await;
}

#[tokio::main]
async fn main() {
    kundekort::install_crypto_provider();
    let workers = env("BENCH_WORKERS", 20_000);
    let assignments = env("BENCH_ASSIGNMENTS", 5_000);
    let requests = env("BENCH_REQUESTS", 800);
    println!(
        "# Workers and assignments benchmark: {workers} workers, {assignments} active assignments, \
         {CLIENTS} concurrent clients, {requests} requests per scenario"
    );
    on_both_databases("assignments", async |label: &str, url: &str| {
        run_backend(label, url, workers, assignments, requests).await
    })
    .await;
}
