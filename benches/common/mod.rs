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
