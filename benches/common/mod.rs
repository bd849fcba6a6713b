//! What the HTTP benchmarks share (included with `#[path = "common/mod.rs"] mod common;`):
//! percentiles, the sizes from the environment, and the real `kundekort` binary started on a
//! free port against a seeded database.

#![allow(dead_code)]

use std::{process::Stdio, time::Duration};

/// The `p` quantile (0–1) of `sorted` durations.
pub fn percentile(sorted: &[Duration], p: f64) -> Duration {
    sorted[((sorted.len() as f64 - 1.0) * p).round() as usize]
}

pub fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

/// A size from the environment variable `name`, or `default`.
pub fn env(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// The release binary serving `database_url` on a free port, once it answers `/healthz`: the
/// process (killed when dropped), its base URL, and a client keeping `clients` connections.
pub async fn start_server(
    database_url: &str,
    clients: usize,
) -> (tokio::process::Child, String, reqwest::Client) {
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let server = tokio::process::Command::new(env!("CARGO_BIN_EXE_kundekort"))
        .arg("serve")
        .env("DATABASE_URL", database_url)
        .env("KUNDEKORT_ADDR", format!("127.0.0.1:{port}"))
        // Measures the server, not the API's rate limits (api::rate_limit).
        .env("KUNDEKORT_API_RATE_PER_TOKEN", "0")
        .env("KUNDEKORT_API_RATE_PER_ADDRESS", "0")
        .env("RUST_LOG", "warn")
        .stdout(Stdio::null())
        .kill_on_drop(true)
        .spawn()
        .expect("start kundekort");
    let base = format!("http://127.0.0.1:{port}");
    let http = reqwest::Client::builder()
        .pool_max_idle_per_host(clients)
        .build()
        .unwrap();
    for _ in 0..200 {
        if http.get(format!("{base}/healthz")).send().await.is_ok() {
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    (server, base, http)
}

/// One load scenario: GETs spread over paths from concurrent clients, each with the API token
/// and headers given.
pub struct Load<'a> {
    pub http: &'a reqwest::Client,
    pub base: &'a str,
    pub token: Option<&'a str>,
    pub headers: &'a [(&'static str, &'static str)],
    pub clients: usize,
    pub requests: usize,
}

impl Load<'_> {
    /// Runs `requests` GETs over `paths` (each client starting at its own place) and prints a
    /// table row: name, clients, requests, largest answer in bytes, p50 / p95 / p99 ms, req/s.
    pub async fn run(&self, name: &str, paths: Vec<String>) {
        let get = |http: &reqwest::Client, url: String, token: Option<&str>| {
            let mut req = http.get(url);
            if let Some(t) = token {
                req = req.bearer_auth(t);
            }
            for (k, v) in self.headers {
                req = req.header(*k, *v);
            }
            req
        };
        let paths = std::sync::Arc::new(paths);
        let mut size = 0;
        for p in paths.iter().take(3) {
            let res = get(self.http, format!("{}{p}", self.base), self.token)
                .send()
                .await
                .unwrap();
            assert!(res.status().is_success(), "{p}: {}", res.status());
            size = size.max(res.bytes().await.unwrap().len());
        }
        let started = std::time::Instant::now();
        let mut tasks = Vec::new();
        for client in 0..self.clients {
            let paths = paths.clone();
            let requests: Vec<_> = (0..self.requests / self.clients)
                .map(|i| {
                    let path = &paths[(client * 7 + i) % paths.len()];
                    (
                        path.clone(),
                        get(self.http, format!("{}{path}", self.base), self.token),
                    )
                })
                .collect();
            tasks.push(tokio::spawn(async move {
                let mut latencies = Vec::new();
                for (path, req) in requests {
                    let t = std::time::Instant::now();
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
            "| {name} | {} | {} | {} | {:.1} | {:.1} | {:.1} | {:.0} |",
            self.clients,
            all.len(),
            size,
            ms(percentile(&all, 0.50)),
            ms(percentile(&all, 0.95)),
            ms(percentile(&all, 0.99)),
            all.len() as f64 / wall.as_secs_f64()
        );
    }
}

/// The header of the table [`Load::run`] prints rows of.
pub const LOAD_TABLE: &str = "| scenario | clients | requests | bytes | p50 ms | p95 ms | p99 ms | req/s |\n|---|---|---|---|---|---|---|---|";

/// Runs `body(label, url)` on a fresh SQLite database and, when `BENCH_POSTGRES_URL` or
/// `TEST_POSTGRES_URL` is set, on a fresh PostgreSQL database `kk_bench_{name}_{pid}`, dropped
/// afterwards.
pub async fn on_both_databases(name: &str, body: impl AsyncFn(&str, &str)) {
    // `BENCH_DATABASES=postgres` (or `sqlite`) measures only that one.
    let only = std::env::var("BENCH_DATABASES").unwrap_or_default();
    let dir = tempfile::tempdir().unwrap();
    let sqlite = format!("sqlite://{}/bench.db", dir.path().display());
    if only.is_empty() || only.eq_ignore_ascii_case("sqlite") {
        body("SQLite", &sqlite).await;
    }
    if only.eq_ignore_ascii_case("sqlite") {
        return;
    }
    let Ok(admin_url) =
        std::env::var("BENCH_POSTGRES_URL").or_else(|_| std::env::var("TEST_POSTGRES_URL"))
    else {
        println!("\n(BENCH_POSTGRES_URL / TEST_POSTGRES_URL not set: PostgreSQL not measured)");
        return;
    };
    let db_name = format!("kk_bench_{name}_{}", std::process::id());
    let admin = kundekort::db::Db::connect(&admin_url)
        .await
        .expect("postgres");
    sqlx::query(sqlx::AssertSqlSafe(format!("CREATE DATABASE {db_name}")))
        .execute(&admin.pool)
        .await
        .unwrap();
    let mut url = url::Url::parse(&admin_url).unwrap();
    url.set_path(&format!("/{db_name}"));
    body("PostgreSQL", url.as_str()).await;
    let drop = format!("DROP DATABASE IF EXISTS {db_name} WITH (FORCE)");
    sqlx::query(sqlx::AssertSqlSafe(drop))
        .execute(&admin.pool)
        .await
        .unwrap();
}
