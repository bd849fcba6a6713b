//! Benchmark of the diary at scale (a measurement, not a test).
//!
//! For SQLite, and for PostgreSQL when `TEST_POSTGRES_URL` is set: seeds 2,000 customers and a
//! consultant with 20,000 activities (three years: two back, one ahead; about 10 % tasks), plus
//! as many activities for the other staff, starts the real `kundekort` binary and measures
//! - the week view's data request (`/diary/{user}/events?start=…&end=…` for random weeks),
//!   one client at a time and with 8 concurrent clients: p50 / p95 / p99;
//! - the consultant's iCalendar feed: size in bytes and time to serve.
//!
//! `cargo bench --bench diary` · `BENCH_ACTIVITIES=5000` and `BENCH_REQUESTS=200` shrink it.

use std::{
    process::Stdio,
    sync::Arc,
    time::{Duration, Instant},
};

use kundekort::{
    db::{Db, Sql},
    diary::feed,
    seed,
    timefmt::{now, when},
};
use rand::{Rng, SeedableRng, rngs::StdRng};

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    sorted[((sorted.len() as f64 - 1.0) * p).round() as usize]
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

/// Inserts `n` activities for `user_id` (as creator and sole participant) in batches.
async fn activities(db: &Db, rng: &mut StdRng, user_id: i64, customers: &[i64], n: usize) {
    let types: Vec<(i64, String, i64)> =
        sqlx::query_as("SELECT id, kind, default_minutes FROM activity_types WHERE active = 1")
            .fetch_all(&db.pool)
            .await
            .unwrap();
    let today = when::oslo_date(now());
    let (max_before,): (Option<i64>,) = sqlx::query_as("SELECT MAX(id) FROM activities")
        .fetch_one(&db.pool)
        .await
        .unwrap();
    let mut tx = db.pool.begin().await.unwrap();
    for chunk in (0..n).collect::<Vec<_>>().chunks(400) {
        let mut sql = Sql::new(
            "INSERT INTO activities (customer_id, type_id, title, notes, starts_at, ends_at, all_day, \
             due_date, location, done, created_by, created_at, updated_at) VALUES ",
        );
        for (i, _) in chunk.iter().enumerate() {
            let (type_id, kind, minutes) = &types[rng.random_range(0..types.len())];
            let day = today + time::Duration::days(rng.random_range(-730..365));
            let (starts, ends, all_day, due) = if kind == "task" {
                let s = when::day_start(day);
                (
                    s,
                    when::day_start(day.next_day().unwrap()),
                    1,
                    Some(when::date_string(day)),
                )
            } else {
                let s = when::day_start(day) + rng.random_range(16..34) * 1800;
                (s, s + minutes * 60, 0, None)
            };
            let done = i64::from(day < today);
            if i > 0 {
                sql.push(", ");
            }
            sql.push("(")
                .bind(customers[rng.random_range(0..customers.len())])
                .push(", ")
                .bind(*type_id)
                .push(", ")
                .bind(format!(
                    "Oppfølging av avtale {}",
                    rng.random_range(1000..9999)
                ))
                .push(", ")
                .bind("Gjennomgang av behov for vikarer neste kvartal, pris og vilkår.")
                .push(", ")
                .bind(starts)
                .push(", ")
                .bind(ends)
                .push(", ")
                .bind(all_day)
                .push(", ");
            match due {
                Some(d) => sql.bind(d),
                None => sql.push("NULL"),
            };
            sql.push(", ")
                .bind("Kundens kontor")
                .push(", ")
                .bind(done)
                .push(", ")
                .bind(user_id)
                .push(", ")
                .bind(now())
                .push(", ")
                .bind(now())
                .push(")");
        }
        sql.query().execute(&mut *tx).await.unwrap();
    }
    sqlx::query(
        "INSERT INTO activity_participants (activity_id, user_id) \
         SELECT id, created_by FROM activities WHERE id > $1",
    )
    .bind(max_before.unwrap_or(0))
    .execute(&mut *tx)
    .await
    .unwrap();
    tx.commit().await.unwrap();
}

async fn run_backend(label: &str, url: &str, per_user: usize, requests: usize) {
    println!("\n## {label}\n");
    let db = Db::connect(url).await.expect("connect");
    db.migrate().await.expect("migrate");
    let started = Instant::now();
    seed::large(&db, 2000).await.expect("seed");
    let staff: Vec<(i64,)> =
        sqlx::query_as("SELECT id FROM users WHERE role = 'consultant' ORDER BY id")
            .fetch_all(&db.pool)
            .await
            .unwrap();
    let consultant = staff[0].0;
    let customers: Vec<i64> = sqlx::query_as::<_, (i64,)>("SELECT id FROM customers")
        .fetch_all(&db.pool)
        .await
        .unwrap()
        .into_iter()
        .map(|(id,)| id)
        .collect();
    let mut rng = StdRng::seed_from_u64(6);
    activities(&db, &mut rng, consultant, &customers, per_user).await;
    // As many again, spread over the colleagues: the index must pick out one person's week.
    let others = &staff[1..];
    for (id,) in others {
        activities(
            &db,
            &mut rng,
            *id,
            &customers,
            per_user / others.len().max(1),
        )
        .await;
    }
    let (total,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM activities")
        .fetch_one(&db.pool)
        .await
        .unwrap();
    println!(
        "seeded 2000 customers and {total} activities ({per_user} for the measured consultant) in {:.1} s",
        started.elapsed().as_secs_f64()
    );
    let token = kundekort::auth::tokens::create(
        &mut db.pool.acquire().await.expect("connection"),
        consultant,
        "bench",
    )
    .await
    .expect("token");
    let secret = feed::renew(&db, consultant).await.expect("feed");
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
    let base = format!("http://127.0.0.1:{port}");
    let http = reqwest::Client::builder().build().unwrap();
    for _ in 0..200 {
        if http.get(format!("{base}/healthz")).send().await.is_ok() {
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }

    // Random weeks (Monday to Monday) within the seeded range.
    let today = when::oslo_date(now());
    let monday = today - time::Duration::days(i64::from(today.weekday().number_days_from_monday()));
    let weeks: Arc<Vec<String>> = Arc::new(
        (0..requests)
            .map(|_| {
                let m = monday + time::Duration::weeks(rng.random_range(-100..50));
                format!(
                    "/diary/{consultant}/events?start={}&end={}",
                    when::date_string(m),
                    when::date_string(m + time::Duration::weeks(1))
                )
            })
            .collect(),
    );
    let (sample,): (usize,) = {
        let res = http
            .get(format!("{base}{}", weeks[0]))
            .bearer_auth(&token)
            .send()
            .await
            .unwrap();
        assert!(res.status().is_success());
        let events: serde_json::Value = res.json().await.unwrap();
        (events.as_array().map(Vec::len).unwrap_or(0),)
    };
    println!("a week holds about {sample} activities\n");
    println!(
        "| week view data request | requests | p50 ms | p95 ms | p99 ms | req/s |\n|---|---|---|---|---|---|"
    );
    for clients in [1usize, 8] {
        let started = Instant::now();
        let mut tasks = Vec::new();
        for c in 0..clients {
            let (http, base, token, weeks) =
                (http.clone(), base.clone(), token.clone(), weeks.clone());
            tasks.push(tokio::spawn(async move {
                let mut lat = Vec::new();
                for i in (c..weeks.len()).step_by(clients) {
                    let t = Instant::now();
                    let res = http
                        .get(format!("{base}{}", weeks[i]))
                        .bearer_auth(&token)
                        .send()
                        .await
                        .unwrap();
                    assert!(res.status().is_success(), "{}", res.status());
                    let _ = res.bytes().await.unwrap();
                    lat.push(t.elapsed());
                }
                lat
            }));
        }
        let mut all = Vec::new();
        for t in tasks {
            all.extend(t.await.unwrap());
        }
        let wall = started.elapsed();
        all.sort();
        println!(
            "| {clients} client(s) | {} | {:.1} | {:.1} | {:.1} | {:.0} |",
            all.len(),
            ms(percentile(&all, 0.50)),
            ms(percentile(&all, 0.95)),
            ms(percentile(&all, 0.99)),
            all.len() as f64 / wall.as_secs_f64()
        );
    }

    let mut times = Vec::new();
    let mut size = 0;
    let mut events = 0;
    for _ in 0..10 {
        let t = Instant::now();
        let res = http
            .get(format!("{base}/diary/feed/{secret}.ics"))
            .send()
            .await
            .unwrap();
        assert!(res.status().is_success());
        let body = res.bytes().await.unwrap();
        times.push(t.elapsed());
        size = body.len();
        events = body.windows(12).filter(|w| w == b"BEGIN:VEVENT").count();
    }
    times.sort();
    println!(
        "\niCalendar feed: {events} events (a year back and everything ahead), {size} bytes \
         ({:.1} MiB); served in p50 {:.0} ms, max {:.0} ms (10 requests)",
        size as f64 / 1_048_576.0,
        ms(percentile(&times, 0.5)),
        ms(*times.last().unwrap())
    );
    let _ = server.kill().await;
}

#[tokio::main]
async fn main() {
    kundekort::install_crypto_provider();
    let per_user: usize = std::env::var("BENCH_ACTIVITIES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(20_000);
    let requests: usize = std::env::var("BENCH_REQUESTS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(800);
    println!(
        "# Diary benchmark: {per_user} activities for one consultant, {requests} week requests per run"
    );
    let dir = tempfile::tempdir().unwrap();
    let sqlite = format!("sqlite://{}/bench.db", dir.path().display());
    run_backend("SQLite", &sqlite, per_user, requests).await;
    if let Ok(admin_url) = std::env::var("TEST_POSTGRES_URL") {
        let name = format!("kk_bench_diary_{}", std::process::id());
        let admin = Db::connect(&admin_url).await.expect("postgres");
        sqlx::query(sqlx::AssertSqlSafe(format!("CREATE DATABASE {name}")))
            .execute(&admin.pool)
            .await
            .unwrap();
        let mut url = url::Url::parse(&admin_url).unwrap();
        url.set_path(&format!("/{name}"));
        run_backend("PostgreSQL", url.as_str(), per_user, requests).await;
        let drop = format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)");
        sqlx::query(sqlx::AssertSqlSafe(drop))
            .execute(&admin.pool)
            .await
            .unwrap();
    } else {
        println!("\n(TEST_POSTGRES_URL not set: PostgreSQL not measured)");
    }
}
