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

use std::{sync::Arc, time::Instant};

use kundekort::{db::Db, seed};

#[path = "common/mod.rs"]
mod common;
use common::{env, ms, percentile};

const CLIENTS: usize = 16;
const ON_ONE: usize = 500;
const SEARCHES: [&str; 8] = [
    "han", "nowak", "truck", "sveis", "berg", "kris", "olsen", "lager",
];

/// Runs `requests` GETs spread over `paths` from [`CLIENTS`] clients; prints a table row.
async fn scenario(
    http: &reqwest::Client,
    base: &str,
    token: &str,
    name: &str,
    paths: Vec<String>,
    htmx: bool,
    requests: usize,
) {
    let paths = Arc::new(paths);
    let mut size = 0;
    for p in paths.iter() {
        let res = http
            .get(format!("{base}{p}"))
            .bearer_auth(token)
            .send()
            .await
            .unwrap();
        assert!(res.status().is_success(), "{p}: {}", res.status());
        size = size.max(res.bytes().await.unwrap().len());
    }
    let started = Instant::now();
    let mut tasks = Vec::new();
    for client in 0..CLIENTS {
        let (http, base, token, paths) = (
            http.clone(),
            base.to_string(),
            token.to_string(),
            paths.clone(),
        );
        tasks.push(tokio::spawn(async move {
            let mut latencies = Vec::new();
            for i in 0..requests / CLIENTS {
                let path = &paths[(client + i) % paths.len()];
                let mut req = http.get(format!("{base}{path}")).bearer_auth(&token);
                if htmx {
                    req = req
                        .header("hx-request", "true")
                        .header("hx-target", "results");
                }
                let t = Instant::now();
                let res = req.send().await.expect("request");
                assert!(res.status().is_success(), "{path}: {}", res.status());
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
        "| {name} | {} | {} | {:.1} | {:.1} | {:.1} | {:.0} |",
        all.len(),
        size,
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
    println!(
        "\n| scenario | requests | bytes | p50 ms | p95 ms | p99 ms | req/s |\n|---|---|---|---|---|---|---|"
    );
    let tab = vec![format!("/customers/{busiest}/assignments")];
    scenario(
        &http,
        &base,
        &token,
        "Assignments tab, 500 rows",
        tab,
        false,
        requests,
    )
    .await;
    let searches: Vec<String> = SEARCHES.iter().map(|q| format!("/workers?q={q}")).collect();
    let name = "worker list, search (page)";
    scenario(
        &http,
        &base,
        &token,
        name,
        searches.clone(),
        false,
        requests,
    )
    .await;
    let name = "worker list, search (htmx results)";
    scenario(&http, &base, &token, name, searches, true, requests).await;
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
    let dir = tempfile::tempdir().unwrap();
    let sqlite = format!("sqlite://{}/bench.db", dir.path().display());
    run_backend("SQLite", &sqlite, workers, assignments, requests).await;
    if let Ok(admin_url) = std::env::var("TEST_POSTGRES_URL") {
        let name = format!("kk_bench_assignments_{}", std::process::id());
        let admin = Db::connect(&admin_url).await.expect("postgres");
        sqlx::query(sqlx::AssertSqlSafe(format!("CREATE DATABASE {name}")))
            .execute(&admin.pool)
            .await
            .unwrap();
        let mut url = url::Url::parse(&admin_url).unwrap();
        url.set_path(&format!("/{name}"));
        run_backend("PostgreSQL", url.as_str(), workers, assignments, requests).await;
        let drop = format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)");
        sqlx::query(sqlx::AssertSqlSafe(drop))
            .execute(&admin.pool)
            .await
            .unwrap();
    } else {
        println!("\n(TEST_POSTGRES_URL not set: PostgreSQL not measured)");
    }
}
