//! Benchmark of job ads and vacancies at scale (a measurement, not a test).
//!
//! For SQLite, and for PostgreSQL when `BENCH_POSTGRES_URL` or `TEST_POSTGRES_URL` is set: seeds 2,000 customers,
//! `BENCH_ADS` published job ads over them (default 2,000; `seed::job_ads`, through the ads'
//! own store functions) and `BENCH_VACANCIES` open vacancies on one customer (default 1,000),
//! starts the real `kundekort` binary and measures:
//! - with 64 concurrent clients, no log-in (the pages face the internet): the public list
//!   (`/jobs`, first page and a deep page), ad pages (`/jobs/{slug}`, random ads) and the Atom
//!   and JSON feeds;
//! - with 16 concurrent clients, as an admin (API token): the card's Assignments tab of the
//!   customer with the vacancies (assignments, vacancies and recruitments in three groups) and
//!   the firm's vacancy list `/vacancies`.
//!
//! It reports p50 / p95 / p99 latency and requests per second. `cargo bench --bench job_ads` ·
//! `BENCH_ADS`, `BENCH_VACANCIES` and `BENCH_REQUESTS` change the sizes.

use std::time::Instant;

use kundekort::{db::Db, seed};

#[path = "common/mod.rs"]
mod common;
use common::{LOAD_TABLE, Load, env, on_both_databases};

const PUBLIC_CLIENTS: usize = 64;
const STAFF_CLIENTS: usize = 16;

async fn run_backend(label: &str, url: &str, ads: usize, vacancies: usize, requests: usize) {
    println!("\n## {label}\n");
    let db = Db::connect(url).await.expect("connect");
    db.migrate().await.expect("migrate");
    let started = Instant::now();
    seed::large(&db, 2000).await.expect("seed customers");
    let busiest = seed::job_ads(&db, ads, vacancies)
        .await
        .expect("seed ads and vacancies");
    let (published,): (i64,) =
        sqlx::query_as("SELECT COUNT(*) FROM job_ads WHERE status = 'published'")
            .fetch_one(&db.pool)
            .await
            .unwrap();
    let (on_busiest,): (i64,) =
        sqlx::query_as("SELECT COUNT(*) FROM vacancies WHERE customer_id = $1")
            .bind(busiest)
            .fetch_one(&db.pool)
            .await
            .unwrap();
    println!(
        "seeded 2000 customers, {published} published ads and {on_busiest} vacancies on customer \
         {busiest} in {:.1} s",
        started.elapsed().as_secs_f64()
    );
    let slugs: Vec<String> = sqlx::query_scalar("SELECT slug FROM job_ads ORDER BY id")
        .fetch_all(&db.pool)
        .await
        .unwrap();
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

    let (mut server, base, http) = common::start_server(url, PUBLIC_CLIENTS).await;
    println!("\n{LOAD_TABLE}");
    let public_load = Load {
        http: &http,
        base: &base,
        token: None,
        headers: &[],
        clients: PUBLIC_CLIENTS,
        requests,
    };
    let staff_load = Load {
        token: Some(&token),
        clients: STAFF_CLIENTS,
        requests: requests / 4,
        ..public_load
    };
    let deep = (published as usize / 20 / 2).max(1);
    let public: [(&str, Vec<String>); 5] = [
        ("public list, first page", vec!["/jobs".into()]),
        (
            "public list, a deep page",
            vec![format!("/jobs?page={deep}")],
        ),
        (
            "ad page (random ads)",
            slugs
                .iter()
                .step_by(7)
                .map(|s| format!("/jobs/{s}"))
                .collect(),
        ),
        ("Atom feed", vec!["/jobs/feed.atom".into()]),
        ("JSON feed", vec!["/jobs/feed.json".into()]),
    ];
    for (name, paths) in public {
        public_load.run(name, paths).await;
    }
    let staff: [(&str, Vec<String>); 2] = [
        (
            "card's Assignments tab, 1,000 vacancies",
            vec![format!("/customers/{busiest}/assignments")],
        ),
        ("firm's vacancy list", vec!["/vacancies".into()]),
    ];
    for (name, paths) in staff {
        staff_load.run(name, paths).await;
    }
    let _ = server.kill().await;
}

#[tokio::main]
async fn main() {
    kundekort::install_crypto_provider();
    let ads = env("BENCH_ADS", 2_000);
    let vacancies = env("BENCH_VACANCIES", 1_000);
    let requests = env("BENCH_REQUESTS", 3_200);
    println!(
        "# Job ads benchmark: {ads} published ads, {vacancies} vacancies on one customer, \
         {requests} requests per public scenario ({PUBLIC_CLIENTS} clients), a quarter of that per \
         staff scenario ({STAFF_CLIENTS} clients)"
    );
    on_both_databases("job_ads", async |label: &str, url: &str| {
        run_backend(label, url, ads, vacancies, requests).await
    })
    .await;
}
