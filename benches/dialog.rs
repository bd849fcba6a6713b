//! Benchmark of the dialog (a measurement, not a test: it asserts only that the work was done).
//!
//! For SQLite, and for PostgreSQL when `TEST_POSTGRES_URL` is set: seeds 10,000 customers with a
//! main contact each, starts the real `kundekort` binary with SMTP pointed at a local SMTP server
//! (the integration tests' fake, a real SMTP dialogue on loopback), and measures
//! - a bulk email to all 10,000 through `POST /customers/bulk-message` (one transaction), then the
//!   time until the server's job workers have delivered every message: messages per second. The
//!   SMTP server must have accepted exactly 10,000 distinct Message-IDs;
//! - the card's dialog tab for a customer with 50,000 logged messages: the first page and
//!   filtered pages, p50 / p95 / p99 over 200 requests each, one client.
//!
//! `cargo bench --bench dialog` · `BENCH_BULK=2000`, `BENCH_MESSAGES=10000` and
//! `BENCH_REQUESTS=50` shrink it; `KUNDEKORT_WORKER_CONCURRENCY` is passed on to the server.

use std::{
    collections::HashSet,
    process::Stdio,
    time::{Duration, Instant},
};

use kundekort::{db::Db, seed};
use rand::{SeedableRng, rngs::StdRng};

#[allow(dead_code)]
#[path = "../tests/it/support/fake_smtp.rs"]
mod fake_smtp;
#[path = "dialog/seed.rs"]
mod seeding;

use fake_smtp::FakeSmtp;

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    sorted[((sorted.len() as f64 - 1.0) * p).round() as usize]
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn env_number(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// The release binary serving `url`, sending email to the SMTP server on `smtp_port`.
struct Server {
    process: tokio::process::Child,
    base: String,
}

impl Server {
    async fn start(url: &str, smtp_port: u16) -> Self {
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let process = tokio::process::Command::new(env!("CARGO_BIN_EXE_kundekort"))
            .arg("serve")
            .env("DATABASE_URL", url)
            .env("KUNDEKORT_ADDR", format!("127.0.0.1:{port}"))
            // Measures the server, not the API's rate limits (api::rate_limit).
            .env("KUNDEKORT_API_RATE_PER_TOKEN", "0")
            .env("KUNDEKORT_API_RATE_PER_ADDRESS", "0")
            .env("KUNDEKORT_SMTP_HOST", "127.0.0.1")
            .env("KUNDEKORT_SMTP_PORT", smtp_port.to_string())
            .env("KUNDEKORT_SMTP_TLS", "none")
            .env("KUNDEKORT_MAIL_FROM", "Byrået <post@byraa.test>")
            .env("KUNDEKORT_WORKER", "on")
            .env("RUST_LOG", "warn")
            .stdout(Stdio::null())
            .kill_on_drop(true)
            .spawn()
            .expect("start kundekort");
        let base = format!("http://127.0.0.1:{port}");
        let http = reqwest::Client::new();
        for _ in 0..200 {
            if http.get(format!("{base}/healthz")).send().await.is_ok() {
                break;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        Self { process, base }
    }

    async fn stop(mut self) {
        let _ = self.process.kill().await;
    }
}

/// The bulk email to every customer's main contact, and its delivery. A page's form that changes
/// something takes a browser log-in (`cookie`), not an API token (decision 0058).
async fn bulk(db: &Db, url: &str, cookie: &str, expected: usize) {
    let smtp = FakeSmtp::start().await;
    let server = Server::start(url, smtp.port()).await;
    let http = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    let started = Instant::now();
    let res = http
        .post(format!("{}/customers/bulk-message", server.base))
        .header(reqwest::header::COOKIE, cookie)
        .form(&[
            ("channel", "email"),
            ("audience", "main"),
            ("subject", "Nytt fra byrået – sommeren for {customer_name}"),
            (
                "body",
                "Hei {first_name}!\n\nSommeren nærmer seg, og vi har ledige vikarer innen lager, \
                 produksjon og kontor fra uke 26. Gi oss beskjed om behovet hos {customer_name} \
                 innen 1. mai, så setter vi av folk.\n\nVennlig hilsen\n{sender_signature}",
            ),
            ("action", "send"),
        ])
        .send()
        .await
        .unwrap();
    let queued = started.elapsed();
    assert_eq!(res.status(), 303, "{:?}", res.text().await);
    let (messages,): (i64,) =
        sqlx::query_as("SELECT COUNT(*) FROM messages WHERE bulk_id IS NOT NULL")
            .fetch_one(&db.pool)
            .await
            .unwrap();
    assert_eq!(messages as usize, expected, "one message per main contact");
    let got = smtp.wait_for(expected, 1800).await;
    let delivered = started.elapsed();
    // Give a late duplicate the chance to show up before counting.
    tokio::time::sleep(Duration::from_secs(2)).await;
    let got_after = smtp.count();
    let ids: HashSet<String> = got
        .iter()
        .map(|m| m.parsed().message_id().unwrap_or_default().to_string())
        .collect();
    assert_eq!(
        got_after, expected,
        "the SMTP server received each message once"
    );
    assert_eq!(ids.len(), expected, "distinct Message-IDs");
    let (sent,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM messages WHERE status = 'sent'")
        .fetch_one(&db.pool)
        .await
        .unwrap();
    let (jobs_done,): (i64,) = sqlx::query_as(
        "SELECT COUNT(*) FROM jobs WHERE kind = 'send_email' AND done_at IS NOT NULL",
    )
    .fetch_one(&db.pool)
    .await
    .unwrap();
    let delivery = delivered - queued;
    println!(
        "| {expected} emails | {:.1} | {:.1} | {:.1} | {:.0} | {sent} sent, {jobs_done} jobs done |",
        queued.as_secs_f64(),
        delivery.as_secs_f64(),
        delivered.as_secs_f64(),
        expected as f64 / delivery.as_secs_f64(),
    );
    server.stop().await;
    smtp.stop().await;
}

/// The dialog tab of `customer`, one client, `requests` requests per scenario.
async fn tab(url: &str, token: &str, customer: i64, contact: i64, requests: usize) {
    let smtp = FakeSmtp::start().await;
    let server = Server::start(url, smtp.port()).await;
    let http = reqwest::Client::new();
    let q = |s: &str| url::form_urlencoded::byte_serialize(s.as_bytes()).collect::<String>();
    let scenarios = [
        ("first page", String::new()),
        ("SMS only", "?channel=sms".to_string()),
        ("failed only", "?status=failed".to_string()),
        ("one contact", format!("?contact={contact}")),
        ("text search, common word", format!("?q={}", q("timeliste"))),
        (
            "text search, rare phrase",
            format!("?q={}", q(seeding::RARE)),
        ),
        ("page 100", "?page=100".to_string()),
    ];
    println!(
        "\n| dialog tab, one client | rows | requests | p50 ms | p95 ms | p99 ms | req/s |\n|---|---|---|---|---|---|---|"
    );
    for (name, query) in scenarios {
        let path = format!("{}/customers/{customer}/dialog{query}", server.base);
        let get = async || {
            let res = http.get(&path).bearer_auth(token).send().await.unwrap();
            assert!(res.status().is_success(), "{path}: {}", res.status());
            res.text().await.unwrap()
        };
        let rows = get().await.matches("data-message=").count();
        for _ in 0..4 {
            get().await;
        }
        let started = Instant::now();
        let mut lat = Vec::with_capacity(requests);
        for _ in 0..requests {
            let t = Instant::now();
            get().await;
            lat.push(t.elapsed());
        }
        let wall = started.elapsed();
        lat.sort();
        println!(
            "| {name} | {rows} | {requests} | {:.1} | {:.1} | {:.1} | {:.0} |",
            ms(percentile(&lat, 0.50)),
            ms(percentile(&lat, 0.95)),
            ms(percentile(&lat, 0.99)),
            requests as f64 / wall.as_secs_f64()
        );
    }
    server.stop().await;
    smtp.stop().await;
}

async fn run_backend(label: &str, url: &str, customers: usize, history: usize, requests: usize) {
    println!("\n## {label}\n");
    let db = Db::connect(url).await.expect("connect");
    db.migrate().await.expect("migrate");
    let mut rng = StdRng::seed_from_u64(5);
    let started = Instant::now();
    seed::large(&db, customers).await.expect("seed");
    seeding::main_contacts(&db, &mut rng).await;
    db.refresh_statistics().await.unwrap();
    println!(
        "seeded {customers} customers with a main contact each in {:.1} s",
        started.elapsed().as_secs_f64()
    );
    let (admin,): (i64,) = sqlx::query_as("SELECT id FROM users WHERE role = 'admin' LIMIT 1")
        .fetch_one(&db.pool)
        .await
        .unwrap();
    sqlx::query("UPDATE users SET signature = $1 WHERE id = $2")
        .bind("Astrid Admin\nByrået AS · 22 00 00 00")
        .bind(admin)
        .execute(&db.pool)
        .await
        .unwrap();
    let token = kundekort::auth::tokens::create(
        &mut db.pool.acquire().await.expect("connection"),
        admin,
        "bench",
    )
    .await
    .expect("token");
    let session = kundekort::auth::session::start(
        &db,
        kundekort::auth::session::Holder::User(admin),
        &kundekort::auth::session::Client {
            ip: std::net::IpAddr::from([127, 0, 0, 1]),
            user_agent: "bench".into(),
        },
    )
    .await
    .expect("session");
    let cookie = format!("{}={session}", kundekort::auth::SESSION_COOKIE);
    let concurrency = std::env::var("KUNDEKORT_WORKER_CONCURRENCY").unwrap_or_else(|_| "4".into());
    println!(
        "\n| bulk send ({concurrency} workers) | queue s | deliver s | total s | messages/s | check |\n|---|---|---|---|---|---|"
    );
    bulk(&db, url, &cookie, customers).await;

    let started = Instant::now();
    let customer: i64 = sqlx::query_scalar("SELECT MIN(id) FROM customers")
        .fetch_one(&db.pool)
        .await
        .unwrap();
    let contacts = seeding::history(&db, &mut rng, customer, history).await;
    sqlx::query("ANALYZE").execute(&db.pool).await.unwrap();
    let (total,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM messages")
        .fetch_one(&db.pool)
        .await
        .unwrap();
    println!(
        "\nlogged {history} messages on one customer ({total} in all) in {:.1} s",
        started.elapsed().as_secs_f64()
    );
    db.pool.close().await;
    tab(url, &token, customer, contacts[1], requests).await;
}

#[tokio::main]
async fn main() {
    kundekort::install_crypto_provider();
    let customers = env_number("BENCH_BULK", 10_000);
    let history = env_number("BENCH_MESSAGES", 50_000);
    let requests = env_number("BENCH_REQUESTS", 200);
    println!(
        "# Dialog benchmark: a bulk email to {customers} contacts; the dialog tab with {history} messages"
    );
    let dir = tempfile::tempdir().unwrap();
    let sqlite = format!("sqlite://{}/bench.db", dir.path().display());
    run_backend("SQLite", &sqlite, customers, history, requests).await;
    if let Ok(admin_url) = std::env::var("TEST_POSTGRES_URL") {
        let name = format!("kk_bench_dialog_{}", std::process::id());
        let admin = Db::connect(&admin_url).await.expect("postgres");
        sqlx::query(sqlx::AssertSqlSafe(format!("CREATE DATABASE {name}")))
            .execute(&admin.pool)
            .await
            .unwrap();
        let mut url = url::Url::parse(&admin_url).unwrap();
        url.set_path(&format!("/{name}"));
        run_backend("PostgreSQL", url.as_str(), customers, history, requests).await;
        let drop = format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)");
        sqlx::query(sqlx::AssertSqlSafe(drop))
            .execute(&admin.pool)
            .await
            .unwrap();
    } else {
        println!("\n(TEST_POSTGRES_URL not set: PostgreSQL not measured)");
    }
}
