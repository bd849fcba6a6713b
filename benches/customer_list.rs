//! Benchmark of the customer list at scale (not a test: it asserts nothing, it measures).
//!
//! For SQLite, and for PostgreSQL when `TEST_POSTGRES_URL` is set: seeds 100,000 customers into a
//! fresh database, starts the real `kundekort` binary on it, and runs each scenario with 16
//! concurrent clients, reporting p50 / p95 / p99 latency, throughput and the server's peak memory.
//!
//! `cargo bench --bench customer_list` · `BENCH_CUSTOMERS=20000` and `BENCH_REQUESTS=800` shrink it;
//! `BENCH_CONTACTS` (default 3) contacts a customer feed the top bar search's contacts group;
//! `BENCH_SQLITE_PATH=/some/file.db` keeps the SQLite database, so a million customers are seeded
//! once and measured again after a change; `BENCH_POSTGRES_KEEP_URL` measures a PostgreSQL
//! database seeded beforehand (`kundekort seed`) instead of a fresh one, and leaves it;
//! `BENCH_ONLY=<part of a scenario's name>` runs only the scenarios so named, `BENCH_DATABASES=sqlite`
//! (or `postgres`) only that database. Each scenario also runs with one client alone, and
//! `/healthz` is measured in the same run as the yardstick of the web stack.

use std::{
    process::Stdio,
    sync::Arc,
    time::{Duration, Instant},
};

use kundekort::{db::Db, seed};

const CLIENTS: usize = 16;

struct Scenario {
    name: &'static str,
    paths: Vec<String>,
    htmx: bool,
    /// Each path once before measuring. Off for typing, where every string is new on purpose.
    warm_up: bool,
}

/// What people type into the search box, a letter at a time: every prefix (two letters and more)
/// of "<place word> <trade>" for the seed's words: 3,478 different strings, so the bounded
/// count's 5-second cache (decision 0017) almost never helps: the cost of a new keystroke.
fn typing() -> Vec<String> {
    const PLACES: [&str; 30] = [
        "fjord", "nord", "vest", "berg", "haug", "lund", "dal", "skog", "elve", "sjø", "fjell",
        "vik", "strand", "bakke", "solheim", "øster", "ås", "bjørk", "lie", "hav", "midt", "sør",
        "nordlys", "kyst", "tind", "furu", "bre", "stein", "moen", "viken",
    ];
    const TRADES: [&str; 20] = [
        "bygg",
        "elektro",
        "transport",
        "logistikk",
        "kjøtt",
        "renhold",
        "helse",
        "omsorg",
        "dagligvare",
        "data",
        "revisjon",
        "regnskap",
        "stål",
        "maskin",
        "anlegg",
        "rør",
        "handel",
        "hotell",
        "skole",
        "havbruk",
    ];
    let mut seen = std::collections::HashSet::new();
    let mut out = Vec::new();
    for trade in TRADES {
        for place in PLACES {
            let typed: Vec<char> = format!("{place} {trade}").chars().collect();
            for end in 2..=typed.len() {
                let q: String = typed[..end].iter().collect();
                if !q.ends_with(' ') && seen.insert(q.clone()) {
                    out.push(format!("/customers?q={}", urlencode(&q)));
                }
            }
        }
    }
    out
}

/// `n`: how many customers there are (their ids run from about 1 to `n`), for keyset pages read
/// on after a customer far down the list.
fn scenarios(n: i64) -> Vec<Scenario> {
    let searches = [
        "bygg",
        "fjord",
        "hansen",
        "nordlys elektro",
        "tromsø",
        "810 00",
        "ve",
        "logistikk as",
    ];
    vec![
        Scenario {
            name: "/healthz (the web stack alone, for scale)",
            paths: vec!["/healthz".into()],
            htmx: false,
            warm_up: true,
        },
        Scenario {
            name: "list page (full HTML, by name)",
            paths: vec!["/customers".into()],
            htmx: false,
            warm_up: true,
        },
        Scenario {
            name: "search as you type (htmx fragment)",
            paths: searches
                .iter()
                .map(|q| format!("/customers?q={}", urlencode(q)))
                .collect(),
            htmx: true,
            warm_up: true,
        },
        Scenario {
            name: "search endpoint (JSON API)",
            paths: searches
                .iter()
                .map(|q| format!("/api/v1/customers?q={}", urlencode(q)))
                .collect(),
            htmx: false,
            warm_up: true,
        },
        Scenario {
            name: "typing letter by letter (every string new: the count not cached; htmx fragment)",
            paths: typing(),
            htmx: true,
            warm_up: false,
        },
        Scenario {
            name: "top bar search, every kind (htmx fragment)",
            paths: searches
                .iter()
                .map(|q| format!("/search/suggest?q={}", urlencode(q)))
                .collect(),
            htmx: true,
            warm_up: true,
        },
        Scenario {
            name: "deep pages (page 300 of the list, 200 of a filter, 20 of a search)",
            paths: vec![
                "/customers?page=300".into(),
                "/customers?status=active&page=200".into(),
                "/customers?q=bygg&page=20".into(),
                "/customers?county=46&sort=-updated&page=100".into(),
            ],
            htmx: false,
            warm_up: true,
        },
        Scenario {
            name: "keyset pages (the next page after a customer far down: by name, number, last change, a filter)",
            paths: vec![
                format!("/customers?after={}", n * 3 / 10),
                format!("/customers?sort=customer_number&after={}", n / 2),
                format!("/customers?sort=-updated&after={}", n * 9 / 10),
                format!("/customers?status=active&after={}", n * 7 / 10),
            ],
            htmx: false,
            warm_up: true,
        },
        Scenario {
            name: "one- and two-letter prefixes, an exact organisation number (htmx fragment)",
            paths: ["b", "n", "ha", "st", "974760673"]
                .iter()
                .map(|q| format!("/customers?q={}", urlencode(q)))
                .collect(),
            htmx: true,
            warm_up: true,
        },
        Scenario {
            name: "contacts search (page)",
            paths: ["hansen", "bygg", "kari", "ol", "nordmann"]
                .iter()
                .map(|q| format!("/contacts?q={}", urlencode(q)))
                .collect(),
            htmx: false,
            warm_up: true,
        },
        Scenario {
            name: "filtered list (county+status, by updated)",
            paths: vec![
                "/customers?county=46&status=active&sort=-updated".into(),
                "/customers?county=03&industry=41&sort=name".into(),
                "/customers?municipality=5001&status=potential".into(),
                "/customers?status=former&page=40".into(),
            ],
            htmx: false,
            warm_up: true,
        },
        Scenario {
            name: "sorted by a column header (city, org. number, status, last activity, owner, department)",
            paths: vec![
                "/customers?sort=city".into(),
                "/customers?sort=-org_number".into(),
                "/customers?sort=status&page=20".into(),
                "/customers?sort=-last_activity".into(),
                "/customers?sort=owner".into(),
                "/customers?sort=-department".into(),
            ],
            htmx: false,
            warm_up: true,
        },
        Scenario {
            name: "a search sorted by a column header (common words; a place's name, whose matches lie far down by city)",
            paths: vec![
                "/customers?q=bygg&sort=city".into(),
                "/customers?q=hansen&sort=-updated".into(),
                "/customers?q=transport&sort=-last_activity".into(),
                "/customers?q=bygg&sort=owner&status=active".into(),
                "/customers?q=oslo&sort=city".into(),
            ],
            htmx: false,
            warm_up: true,
        },
    ]
}

fn urlencode(s: &str) -> String {
    url::form_urlencoded::byte_serialize(s.as_bytes()).collect()
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    let idx = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[idx]
}

fn mem_kib(pid: u32, field: &str) -> u64 {
    std::fs::read_to_string(format!("/proc/{pid}/status"))
        .unwrap_or_default()
        .lines()
        .find(|l| l.starts_with(field))
        .and_then(|l| l.split_whitespace().nth(1)?.parse().ok())
        .unwrap_or(0)
}

/// Latencies (ms) and throughput of one scenario at one level of concurrency.
struct Measured {
    count: usize,
    /// Requests that did not answer 2xx (counted in the latencies with their wait).
    errors: usize,
    p50: f64,
    p95: f64,
    p99: f64,
    per_second: f64,
}

/// `clients` concurrent clients share `requests` requests over `paths` (round robin).
async fn measure(
    http: &reqwest::Client,
    base: &str,
    token: &str,
    paths: &Arc<Vec<String>>,
    htmx: bool,
    clients: usize,
    requests: usize,
) -> Measured {
    let started = Instant::now();
    let mut tasks = Vec::new();
    for client in 0..clients {
        let (http, base, token, paths) = (
            http.clone(),
            base.to_string(),
            token.to_string(),
            paths.clone(),
        );
        tasks.push(tokio::spawn(async move {
            let mut latencies = Vec::new();
            let per_client = (requests / clients).max(1);
            for i in 0..per_client {
                // Each client walks its own stretch of the paths, so a long list of typed
                // strings is not asked for by several clients at once.
                let path = &paths[(client * per_client + i) % paths.len()];
                let mut req = http.get(format!("{base}{path}")).bearer_auth(&token);
                if htmx {
                    req = req
                        .header("hx-request", "true")
                        .header("hx-target", "results");
                }
                let t = Instant::now();
                // A failed request (a 503 when no connection came free in time, a dropped
                // connection) is counted and its wait measured; the run goes on.
                let ok = match req.send().await {
                    Ok(res) if res.status().is_success() => res.bytes().await.is_ok(),
                    Ok(res) => {
                        eprintln!("{path}: {}", res.status());
                        false
                    }
                    Err(err) => {
                        eprintln!("{path}: {err}");
                        false
                    }
                };
                latencies.push((t.elapsed(), ok));
            }
            latencies
        }));
    }
    let mut all = Vec::new();
    let mut errors = 0;
    for t in tasks {
        for (latency, ok) in t.await.expect("client") {
            errors += usize::from(!ok);
            all.push(latency);
        }
    }
    let wall = started.elapsed();
    all.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    Measured {
        count: all.len(),
        errors,
        p50: ms(percentile(&all, 0.50)),
        p95: ms(percentile(&all, 0.95)),
        p99: ms(percentile(&all, 0.99)),
        per_second: all.len() as f64 / wall.as_secs_f64(),
    }
}

async fn run_backend(label: &str, url: &str, customers: usize, requests: usize) {
    println!("\n## {label}\n");
    let db = Db::connect(url).await.expect("connect");
    db.migrate().await.expect("migrate");
    let (existing,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM customers")
        .fetch_one(&db.pool)
        .await
        .expect("count");
    if existing > 0 {
        // A kept database (BENCH_SQLITE_PATH) from an earlier run: measured as it is.
        println!("reusing a database of {existing} customers (nothing seeded)");
    } else {
        let started = Instant::now();
        seed::large(&db, customers).await.expect("seed");
        println!(
            "seeded {customers} customers in {:.1} s",
            started.elapsed().as_secs_f64()
        );
        // Contacts for the top bar's search (its contacts group); BENCH_CONTACTS a customer.
        let contacts: usize = std::env::var("BENCH_CONTACTS")
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or(3);
        let started = Instant::now();
        seed::contacts(&db, contacts).await.expect("seed contacts");
        println!(
            "seeded {} contacts in {:.1} s",
            customers * contacts,
            started.elapsed().as_secs_f64()
        );
    }
    let (admin,): (i64,) = sqlx::query_as("SELECT id FROM users WHERE role = 'admin' LIMIT 1")
        .fetch_one(&db.pool)
        .await
        .expect("admin");
    let token = kundekort::auth::tokens::create(
        &mut db.pool.acquire().await.expect("connection"),
        admin,
        "bench",
    )
    .await
    .expect("token");
    db.pool.close().await;

    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let mut server = tokio::process::Command::new(env!("CARGO_BIN_EXE_kundekort"))
        .arg("serve")
        .env("DATABASE_URL", url)
        .env("KUNDEKORT_ADDR", format!("127.0.0.1:{port}"))
        // Measures the server, not the API's rate limits (api::rate_limit).
        .env("KUNDEKORT_API_RATE_PER_TOKEN", "0")
        .env("KUNDEKORT_API_RATE_PER_ADDRESS", "0")
        .env("RUST_LOG", "warn")
        .stdout(Stdio::null())
        .kill_on_drop(true)
        .spawn()
        .expect("start kundekort");
    let pid = server.id().expect("pid");
    let base = format!("http://127.0.0.1:{port}");
    let http = reqwest::Client::builder()
        .pool_max_idle_per_host(CLIENTS)
        .build()
        .unwrap();
    for _ in 0..200 {
        if http.get(format!("{base}/healthz")).send().await.is_ok() {
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    println!(
        "server idle memory: {} MiB RSS",
        mem_kib(pid, "VmRSS:") / 1024
    );
    println!(
        "\n| scenario | requests | errors | p50 ms | p95 ms | p99 ms | req/s | 1 client p50 | 1 client p95 |\n|---|---|---|---|---|---|---|---|---|"
    );

    // BENCH_ONLY=<part of a name> runs only the scenarios whose name holds it (to profile one).
    let only = std::env::var("BENCH_ONLY").unwrap_or_default();
    for scenario in scenarios(existing.max(customers as i64))
        .into_iter()
        .filter(|s| s.name.contains(only.as_str()))
    {
        let paths = Arc::new(scenario.paths);
        // Warm-up: each path once.
        for p in paths.iter().filter(|_| scenario.warm_up) {
            let _ = http
                .get(format!("{base}{p}"))
                .bearer_auth(&token)
                .send()
                .await;
        }
        let many = measure(
            &http,
            &base,
            &token,
            &paths,
            scenario.htmx,
            CLIENTS,
            requests,
        )
        .await;
        let alone = measure(&http, &base, &token, &paths, scenario.htmx, 1, requests / 8).await;
        println!(
            "| {} | {} | {} | {:.1} | {:.1} | {:.1} | {:.0} | {:.1} | {:.1} |",
            scenario.name,
            many.count,
            many.errors + alone.errors,
            many.p50,
            many.p95,
            many.p99,
            many.per_second,
            alone.p50,
            alone.p95,
        );
    }
    println!(
        "\nserver peak memory (VmHWM): {} MiB",
        mem_kib(pid, "VmHWM:") / 1024
    );
    let _ = server.kill().await;
}

#[tokio::main]
async fn main() {
    kundekort::install_crypto_provider();
    let customers: usize = std::env::var("BENCH_CUSTOMERS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(100_000);
    let requests: usize = std::env::var("BENCH_REQUESTS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(3200);
    println!(
        "# Customer list benchmark: {customers} customers, {CLIENTS} concurrent clients, {requests} requests per scenario"
    );

    // `BENCH_DATABASES=postgres` (or `sqlite`) measures only that one, as the other benches do.
    let only = std::env::var("BENCH_DATABASES").unwrap_or_default();
    // BENCH_SQLITE_PATH keeps the SQLite database between runs (seeded once, measured again).
    let dir = tempfile::tempdir().unwrap();
    let sqlite = match std::env::var("BENCH_SQLITE_PATH") {
        Ok(path) => format!("sqlite://{path}"),
        Err(_) => format!("sqlite://{}/bench.db", dir.path().display()),
    };
    if only.is_empty() || only.eq_ignore_ascii_case("sqlite") {
        run_backend("SQLite", &sqlite, customers, requests).await;
    }
    if only.eq_ignore_ascii_case("sqlite") {
        return;
    }

    if let Ok(kept) = std::env::var("BENCH_POSTGRES_KEEP_URL") {
        // A PostgreSQL database seeded beforehand (`kundekort seed`), measured as it is and kept.
        run_backend("PostgreSQL", &kept, customers, requests).await;
    } else if let Ok(admin_url) = std::env::var("TEST_POSTGRES_URL") {
        let name = format!("kk_bench_{}", std::process::id());
        let admin = Db::connect(&admin_url).await.expect("postgres");
        sqlx::query(sqlx::AssertSqlSafe(format!("CREATE DATABASE {name}")))
            .execute(&admin.pool)
            .await
            .unwrap();
        let mut url = url::Url::parse(&admin_url).unwrap();
        url.set_path(&format!("/{name}"));
        run_backend("PostgreSQL", url.as_str(), customers, requests).await;
        let drop = format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)");
        sqlx::query(sqlx::AssertSqlSafe(drop))
            .execute(&admin.pool)
            .await
            .unwrap();
    } else {
        println!("\n(TEST_POSTGRES_URL not set: PostgreSQL not measured)");
    }
}
