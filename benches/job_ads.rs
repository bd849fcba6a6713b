//! Benchmark of job ads and vacancies at scale (a measurement, not a test).
//!
//! For SQLite, and for PostgreSQL when `TEST_POSTGRES_URL` is set: seeds 2,000 customers,
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

use std::{sync::Arc, time::Instant};

use kundekort::{db::Db, seed};

#[path = "common/mod.rs"]
mod common;
use common::{env, ms, percentile};

const PUBLIC_CLIENTS: usize = 64;
const STAFF_CLIENTS: usize = 16;

/// Runs `requests` GETs spread over `paths` from `clients` clients (with `token` when given);
/// prints a table row.
async fn scenario(
    http: &reqwest::Client,
    base: &str,
    token: Option<&str>,
    name: &str,
    paths: Vec<String>,
    clients: usize,
    requests: usize,
) {
    let paths = Arc::new(paths);
    let mut size = 0;
    for p in paths.iter().take(3) {
        let mut req = http.get(format!("{base}{p}"));
        if let Some(t) = token {
            req = req.bearer_auth(t);
        }
        let res = req.send().await.unwrap();
        assert!(res.status().is_success(), "{p}: {}", res.status());
        size = size.max(res.bytes().await.unwrap().len());
    }
    let started = Instant::now();
    let mut tasks = Vec::new();
    for client in 0..clients {
        let (http, base, token, paths) = (
            http.clone(),
            base.to_string(),
            token.map(str::to_string),
            paths.clone(),
        );
        tasks.push(tokio::spawn(async move {
            let mut latencies = Vec::new();
            for i in 0..requests / clients {
                let path = &paths[(client * 7 + i) % paths.len()];
                let mut req = http.get(format!("{base}{path}"));
                if let Some(t) = &token {
                    req = req.bearer_auth(t);
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
        "| {name} | {clients} | {} | {} | {:.1} | {:.1} | {:.1} | {:.0} |",
        all.len(),
        size,
        ms(percentile(&all, 0.50)),
        ms(percentile(&all, 0.95)),
        ms(percentile(&all, 0.99)),
        all.len() as f64 / wall.as_secs_f64()
    );
}

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
    println!(
        "\n| scenario | clients | requests | bytes | p50 ms | p95 ms | p99 ms | req/s |\n|---|---|---|---|---|---|---|---|"
    );
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
        scenario(&http, &base, None, name, paths, PUBLIC_CLIENTS, requests).await;
    }
    let staff: [(&str, Vec<String>); 2] = [
        (
            "card's Assignments tab, 1,000 vacancies",
            vec![format!("/customers/{busiest}/assignments")],
        ),
        ("firm's vacancy list", vec!["/vacancies".into()]),
    ];
    for (name, paths) in staff {
        let n = requests / 4;
        scenario(&http, &base, Some(&token), name, paths, STAFF_CLIENTS, n).await;
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
    let dir = tempfile::tempdir().unwrap();
    let sqlite = format!("sqlite://{}/bench.db", dir.path().display());
    run_backend("SQLite", &sqlite, ads, vacancies, requests).await;
    if let Ok(admin_url) = std::env::var("TEST_POSTGRES_URL") {
        let name = format!("kk_bench_job_ads_{}", std::process::id());
        let admin = Db::connect(&admin_url).await.expect("postgres");
        sqlx::query(sqlx::AssertSqlSafe(format!("CREATE DATABASE {name}")))
            .execute(&admin.pool)
            .await
            .unwrap();
        let mut url = url::Url::parse(&admin_url).unwrap();
        url.set_path(&format!("/{name}"));
        run_backend("PostgreSQL", url.as_str(), ads, vacancies, requests).await;
        let drop = format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)");
        sqlx::query(sqlx::AssertSqlSafe(drop))
            .execute(&admin.pool)
            .await
            .unwrap();
    } else {
        println!("\n(TEST_POSTGRES_URL not set: PostgreSQL not measured)");
    }
}
