//! Load run (issue 18): many people logged in at once, each clicking through the customer list,
//! a customer card and the search box for a while. Not a test: it asserts nothing, it counts.
//!
//! For SQLite, and for PostgreSQL when `TEST_POSTGRES_URL` is set: seeds `BENCH_CUSTOMERS`
//! (default 20,000) customers with 2 contacts each and the demo staff, starts the real binary,
//! logs in `BENCH_SESSIONS` (default 200) browser sessions through `/login` (cookies, no API
//! token) spread over the staff — consultants, managers, the admin, so department scope is in
//! play — and lets every session loop for `BENCH_SECONDS` (default 60) over: the list, a
//! search as you type, the top bar's search box and a customer card. Reports per kind and in
//! all: requests, errors (any answer other than 200, or none), p50 / p95 / p99 and requests/s,
//! and the server's peak memory.
//!
//! `cargo bench --bench sessions_load`

#[path = "common/mod.rs"]
mod common;

use std::{
    collections::BTreeMap,
    time::{Duration, Instant},
};

use common::{env, ms, on_both_databases, percentile, start_server};
use kundekort::{db::Db, seed};

const SEARCHES: [&str; 6] = ["bygg", "hansen", "nor", "transport", "fjord", "ve"];

#[tokio::main]
async fn main() {
    kundekort::install_crypto_provider();
    let customers = env("BENCH_CUSTOMERS", 20_000);
    let sessions = env("BENCH_SESSIONS", 200);
    let seconds = env("BENCH_SECONDS", 60) as u64;
    println!(
        "# Load run: {sessions} logged-in sessions for {seconds} s over {customers} customers (list, search, search box, card)"
    );
    on_both_databases("sessions", async |label, url| {
        println!("\n## {label}\n");
        let db = Db::connect(url).await.expect("connect");
        db.migrate().await.expect("migrate");
        seed::large(&db, customers).await.expect("seed customers");
        seed::contacts(&db, 2).await.expect("seed contacts");
        let staff: Vec<(String,)> =
            sqlx::query_as("SELECT email FROM users WHERE active = 1 ORDER BY id")
                .fetch_all(&db.pool)
                .await
                .expect("staff");
        let ids: Vec<(i64,)> = sqlx::query_as("SELECT id FROM customers ORDER BY id")
            .fetch_all(&db.pool)
            .await
            .expect("customers");
        db.pool.close().await;
        let ids: Vec<i64> = ids.into_iter().map(|(id,)| id).collect();

        let (mut server, base, _) = start_server(url, sessions).await;
        let pid = server.id().expect("pid");
        // Log-ins one after another (each hashes a password on purpose; that is not the load).
        let started = Instant::now();
        let mut clients = Vec::new();
        for i in 0..sessions {
            let client = reqwest::Client::builder()
                .cookie_store(true)
                .redirect(reqwest::redirect::Policy::none())
                .build()
                .unwrap();
            let (email,) = &staff[i % staff.len()];
            let res = client
                .post(format!("{base}/login"))
                .form(&[
                    ("email", email.as_str()),
                    ("password", seed::DEMO_PASSWORD),
                    ("next", "/customers"),
                ])
                .send()
                .await
                .expect("log in");
            assert_eq!(res.status(), 303, "log-in of {email}");
            clients.push(client);
        }
        println!(
            "{sessions} sessions logged in over {} staff users in {:.1} s",
            staff.len(),
            started.elapsed().as_secs_f64()
        );

        let until = Instant::now() + Duration::from_secs(seconds);
        let mut tasks = Vec::new();
        for (n, client) in clients.into_iter().enumerate() {
            let base = base.clone();
            let ids = ids.clone();
            tasks.push(tokio::spawn(async move {
                let mut seen: Vec<(&'static str, Duration, bool)> = Vec::new();
                let mut i = n;
                while Instant::now() < until {
                    i += 1;
                    let q = SEARCHES[i % SEARCHES.len()];
                    let (kind, path, htmx) = match i % 4 {
                        0 => ("list", "/customers".to_string(), false),
                        1 => ("search as you type", format!("/customers?q={q}"), true),
                        2 => ("search box", format!("/search/suggest?q={q}"), true),
                        _ => (
                            "customer card",
                            format!("/customers/{}", ids[(i * 7919) % ids.len()]),
                            false,
                        ),
                    };
                    let mut req = client.get(format!("{base}{path}"));
                    if htmx {
                        req = req
                            .header("hx-request", "true")
                            .header("hx-target", "results");
                    }
                    let t = Instant::now();
                    // A consultant may not see another department's card (403/404): that is
                    // an answer, not an error; a 5xx, a redirect to the log-in or none is.
                    let ok = match req.send().await {
                        Ok(res) => {
                            let status = res.status().as_u16();
                            let body = res.bytes().await.is_ok();
                            body && (status == 200 || status == 403 || status == 404)
                        }
                        Err(_) => false,
                    };
                    seen.push((kind, t.elapsed(), ok));
                }
                seen
            }));
        }
        let mut by_kind: BTreeMap<&str, (Vec<Duration>, usize)> = BTreeMap::new();
        let mut all = Vec::new();
        let mut errors = 0;
        for t in tasks {
            for (kind, d, ok) in t.await.expect("session") {
                let entry = by_kind.entry(kind).or_default();
                entry.0.push(d);
                if !ok {
                    entry.1 += 1;
                    errors += 1;
                }
                all.push(d);
            }
        }
        println!(
            "\n| kind | requests | errors | p50 ms | p95 ms | p99 ms | req/s |\n|---|---|---|---|---|---|---|"
        );
        let row = |kind: &str, mut d: Vec<Duration>, errors: usize| {
            d.sort();
            println!(
                "| {kind} | {} | {errors} | {:.1} | {:.1} | {:.1} | {:.0} |",
                d.len(),
                ms(percentile(&d, 0.50)),
                ms(percentile(&d, 0.95)),
                ms(percentile(&d, 0.99)),
                d.len() as f64 / seconds as f64
            );
        };
        for (kind, (d, e)) in by_kind {
            row(kind, d, e);
        }
        row("all", all, errors);
        let hwm = std::fs::read_to_string(format!("/proc/{pid}/status"))
            .unwrap_or_default()
            .lines()
            .find(|l| l.starts_with("VmHWM:"))
            .and_then(|l| l.split_whitespace().nth(1)?.parse::<u64>().ok())
            .unwrap_or(0);
        println!("\nserver peak memory (VmHWM): {} MiB", hwm / 1024);
        let _ = server.kill().await;
    })
    .await;
}
