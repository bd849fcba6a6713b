//! Benchmark of the invoice list at scale (a measurement, not a test).
//!
//! For SQLite, and for PostgreSQL when `BENCH_POSTGRES_URL` or `TEST_POSTGRES_URL` is set: seeds 5,000 customers and
//! 200,000 issued invoices over them (`seed::invoices`: lines, states, some paid, some overdue,
//! about 2 % credited), starts the real `kundekort` binary and measures with 16 concurrent
//! clients, as an admin (API token, who sees the whole firm — the most rows):
//! - the firm list page `/invoices` (full HTML with its sums): first page, a status filter
//!   (`overdue`), paid in the last 30 days, a department, a customer, and searches by invoice
//!   number, KID and amount (of random issued invoices);
//! - the API list `/api/v1/invoices`: first page, a status filter (`overdue`), a customer, a
//!   period, a deep page;
//! - the card's overview with its invoice key figures (`/customers/{id}`) of the customers with
//!   the most invoices.
//!
//! It reports p50 / p95 / p99 latency and requests per second. `cargo bench --bench
//! invoice_list` · `BENCH_CUSTOMERS`, `BENCH_INVOICES` and `BENCH_REQUESTS` change the sizes.

use std::{sync::Arc, time::Instant};

use kundekort::{db::Db, seed};

#[path = "common/mod.rs"]
mod common;
use common::{env, ms, on_both_databases, percentile};

const CLIENTS: usize = 16;

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

async fn run_backend(label: &str, url: &str, customers: usize, invoices: usize, requests: usize) {
    println!("\n## {label}\n");
    let db = Db::connect(url).await.expect("connect");
    db.migrate().await.expect("migrate");
    let started = Instant::now();
    seed::large(&db, customers).await.expect("seed customers");
    let notes = seed::invoices(&db, invoices).await.expect("seed invoices");
    println!(
        "seeded {customers} customers, {invoices} invoices and {notes} credit notes in {:.1} s",
        started.elapsed().as_secs_f64()
    );
    let busiest: Vec<(i64, i64)> = sqlx::query_as(
        "SELECT customer_id, COUNT(*) AS n FROM invoices GROUP BY customer_id ORDER BY n DESC LIMIT 8",
    )
    .fetch_all(&db.pool)
    .await
    .unwrap();
    // Searches as people type them: invoice numbers, KIDs and amounts of random issued invoices.
    let samples: Vec<(i64, String, i64)> = sqlx::query_as(
        "SELECT number, kid, total_ore FROM invoices WHERE kind = 'invoice' AND status = 'issued' \
         AND kid IS NOT NULL ORDER BY (id * 7919) % 10007 LIMIT 8",
    )
    .fetch_all(&db.pool)
    .await
    .unwrap();
    let departments: Vec<(i64,)> = sqlx::query_as("SELECT id FROM departments ORDER BY id")
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

    let (mut server, base, http) = common::start_server(url, CLIENTS).await;
    println!(
        "\n| scenario | requests | bytes | p50 ms | p95 ms | p99 ms | req/s |\n|---|---|---|---|---|---|---|"
    );
    let today = kundekort::timefmt::when::oslo_date(kundekort::timefmt::now());
    let month = kundekort::timefmt::when::date_string(today - time::Duration::days(30));
    let today_s = kundekort::timefmt::when::date_string(today);
    let kr = |ore: i64| format!("{},{:02}", ore / 100, ore % 100);
    let lists: Vec<(&str, Vec<String>)> = vec![
        ("list page /invoices, first page", vec!["/invoices".into()]),
        (
            "its sums, fetched after the page (whole firm)",
            vec!["/invoices/sums".into()],
        ),
        (
            "its sums, a department",
            departments
                .iter()
                .map(|(d,)| format!("/invoices/sums?department={d}"))
                .collect(),
        ),
        (
            "list page, status overdue",
            vec!["/invoices?status=overdue".into()],
        ),
        (
            "list page, status paid, last 30 days",
            vec![format!("/invoices?status=paid&from={month}&to={today_s}")],
        ),
        (
            "list page, a department",
            departments
                .iter()
                .map(|(d,)| format!("/invoices?department={d}"))
                .collect(),
        ),
        (
            "list page, one customer",
            busiest
                .iter()
                .map(|(c, _)| format!("/invoices?customer={c}"))
                .collect(),
        ),
        (
            "list page, search by number",
            samples
                .iter()
                .map(|(n, _, _)| format!("/invoices?q={n}"))
                .collect(),
        ),
        (
            "list page, search by KID",
            samples
                .iter()
                .map(|(_, k, _)| format!("/invoices?q={k}"))
                .collect(),
        ),
        (
            "list page, search by amount",
            samples
                .iter()
                .map(|(_, _, a)| format!("/invoices?q={}", kr(*a)))
                .collect(),
        ),
        ("API list, first page (50)", vec!["/api/v1/invoices".into()]),
        (
            "API list, status overdue",
            vec!["/api/v1/invoices?status=overdue".into()],
        ),
        (
            "API list, one customer",
            busiest
                .iter()
                .map(|(c, _)| format!("/api/v1/invoices?customer_id={c}"))
                .collect(),
        ),
        (
            "API list, last 30 days",
            vec![format!("/api/v1/invoices?from={month}")],
        ),
        (
            "API list, page 100",
            vec!["/api/v1/invoices?page=100".into()],
        ),
        (
            "card overview with key figures",
            busiest
                .iter()
                .map(|(c, _)| format!("/customers/{c}"))
                .collect(),
        ),
    ];
    for (name, paths) in lists {
        scenario(&http, &base, &token, name, paths, false, requests).await;
    }
    let _ = server.kill().await;
}

#[tokio::main]
async fn main() {
    kundekort::install_crypto_provider();
    let customers = env("BENCH_CUSTOMERS", 5_000);
    let invoices = env("BENCH_INVOICES", 200_000);
    let requests = env("BENCH_REQUESTS", 800);
    println!(
        "# Invoice list benchmark: {customers} customers, {invoices} invoices, \
         {CLIENTS} concurrent clients, {requests} requests per scenario"
    );
    on_both_databases("invoice_list", async |label: &str, url: &str| {
        run_backend(label, url, customers, invoices, requests).await
    })
    .await;
}
