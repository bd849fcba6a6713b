//! Benchmark of document upload and download (not a test: it measures). Starts the real
//! `kundekort` binary on a fresh SQLite database with the local file store, uploads one large
//! file through the card's upload form (multipart, streamed from a generator — the client never
//! holds it either) and downloads it again, checking the SHA-256. Reports throughput and the
//! server's memory: idle RSS, the highest RSS sampled during each transfer, and VmHWM.
//!
//! `cargo bench --bench documents` · `BENCH_FILE_MB=200` (default) sets the size.

use std::{
    process::Stdio,
    sync::{
        Arc,
        atomic::{AtomicBool, AtomicU64, Ordering},
    },
    time::{Duration, Instant},
};

use futures::StreamExt;
use kundekort::{db::Db, seed};
use sha2::{Digest, Sha256};

const CHUNK: usize = 64 * 1024;

fn mem_kib(pid: u32, field: &str) -> u64 {
    std::fs::read_to_string(format!("/proc/{pid}/status"))
        .unwrap_or_default()
        .lines()
        .find(|l| l.starts_with(field))
        .and_then(|l| l.split_whitespace().nth(1)?.parse().ok())
        .unwrap_or(0)
}

/// Samples the server's RSS every 10 ms until stopped; returns the highest value (KiB).
fn sample_rss(pid: u32) -> (Arc<AtomicBool>, tokio::task::JoinHandle<u64>) {
    let stop = Arc::new(AtomicBool::new(false));
    let flag = stop.clone();
    let task = tokio::spawn(async move {
        let mut peak = 0;
        while !flag.load(Ordering::Relaxed) {
            peak = peak.max(mem_kib(pid, "VmRSS:"));
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
        peak
    });
    (stop, task)
}

/// The file: a PDF header, then deterministic filler, generated chunk by chunk.
fn chunk(i: usize, size: usize) -> Vec<u8> {
    let start = i * CHUNK;
    let len = CHUNK.min(size - start);
    let mut out = Vec::with_capacity(len);
    if i == 0 {
        out.extend_from_slice(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n");
    }
    let mut x = (i as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15) | 1;
    while out.len() < len {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        out.extend_from_slice(&x.to_le_bytes());
    }
    out.truncate(len);
    out
}

#[tokio::main]
async fn main() {
    kundekort::install_crypto_provider();
    let mb: usize = std::env::var("BENCH_FILE_MB")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(200);
    let size = mb * 1024 * 1024;
    println!("# Document upload and download: one {mb} MB file (SQLite, local file store)\n");
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}/bench.db?mode=rwc", dir.path().display());
    let db = Db::connect(&url).await.expect("connect");
    db.migrate().await.expect("migrate");
    seed::large(&db, 10).await.expect("seed");
    let (admin,): (i64,) = sqlx::query_as("SELECT id FROM users WHERE role = 'admin' LIMIT 1")
        .fetch_one(&db.pool)
        .await
        .unwrap();
    let (customer,): (i64,) = sqlx::query_as("SELECT MIN(id) FROM customers")
        .fetch_one(&db.pool)
        .await
        .unwrap();
    let (category,): (i64,) =
        sqlx::query_as("SELECT id FROM document_categories WHERE key = 'contract'")
            .fetch_one(&db.pool)
            .await
            .unwrap();
    // Uploading is a page's form: a browser log-in, not an API token (decision 0058).
    let session = kundekort::auth::session::start(
        &db,
        kundekort::auth::session::Holder::User(admin),
        &kundekort::auth::session::Client {
            ip: std::net::IpAddr::from([127, 0, 0, 1]),
            user_agent: "bench".into(),
        },
    )
    .await
    .unwrap();
    let cookie = format!("{}={session}", kundekort::auth::SESSION_COOKIE);
    db.pool.close().await;

    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let mut server = tokio::process::Command::new(env!("CARGO_BIN_EXE_kundekort"))
        .arg("serve")
        .env("DATABASE_URL", &url)
        .env("KUNDEKORT_DATA_DIR", dir.path())
        .env("KUNDEKORT_ADDR", format!("127.0.0.1:{port}"))
        // Measures the server, not the API's rate limits (api::rate_limit).
        .env("KUNDEKORT_API_RATE_PER_TOKEN", "0")
        .env("KUNDEKORT_API_RATE_PER_ADDRESS", "0")
        .env("KUNDEKORT_MAX_UPLOAD_MB", (mb + 1).to_string())
        .env("RUST_LOG", "warn")
        .stdout(Stdio::null())
        .kill_on_drop(true)
        .spawn()
        .expect("start kundekort");
    let pid = server.id().unwrap();
    let base = format!("http://127.0.0.1:{port}");
    let http = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    for _ in 0..200 {
        if http.get(format!("{base}/healthz")).send().await.is_ok() {
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    // Warm up: one small upload and download, so the idle figure includes a used server.
    let warm = reqwest::multipart::Form::new()
        .text("category_id", category.to_string())
        .part(
            "files",
            reqwest::multipart::Part::bytes(chunk(0, CHUNK)).file_name("warm.pdf"),
        );
    let res = http
        .post(format!("{base}/customers/{customer}/documents"))
        .header(reqwest::header::COOKIE, &cookie)
        .multipart(warm)
        .send()
        .await
        .unwrap();
    assert!(res.status().is_redirection(), "{}", res.status());
    tokio::time::sleep(Duration::from_millis(300)).await;
    let idle = mem_kib(pid, "VmRSS:");
    println!("server idle memory: {} MiB RSS", idle / 1024);

    // Upload, streamed from the generator, hashing what is sent.
    let sent_hash = Arc::new(std::sync::Mutex::new(Sha256::new()));
    let hasher = sent_hash.clone();
    let chunks = size.div_ceil(CHUNK);
    let body = futures::stream::iter(0..chunks).map(move |i| {
        let c = chunk(i, size);
        hasher.lock().unwrap().update(&c);
        Ok::<_, std::io::Error>(c)
    });
    let part =
        reqwest::multipart::Part::stream_with_length(reqwest::Body::wrap_stream(body), size as u64)
            .file_name("stor-kontrakt.pdf")
            .mime_str("application/pdf")
            .unwrap();
    let form = reqwest::multipart::Form::new()
        .text("category_id", category.to_string())
        .part("files", part);
    let (stop, sampler) = sample_rss(pid);
    let started = Instant::now();
    let res = http
        .post(format!("{base}/customers/{customer}/documents"))
        .header(reqwest::header::COOKIE, &cookie)
        .multipart(form)
        .send()
        .await
        .unwrap();
    let upload_time = started.elapsed();
    stop.store(true, Ordering::Relaxed);
    let upload_peak = sampler.await.unwrap();
    assert!(res.status().is_redirection(), "upload: {}", res.status());
    let sent = hex::encode(sent_hash.lock().unwrap().clone().finalize());

    let db = Db::connect(&url).await.unwrap();
    let (doc, version, stored_sha, stored_size): (i64, i64, String, i64) = sqlx::query_as(
        "SELECT d.id, v.id, v.sha256, v.size_bytes FROM documents d \
         JOIN document_versions v ON v.id = d.current_version_id WHERE d.title = 'stor-kontrakt.pdf'",
    )
    .fetch_one(&db.pool)
    .await
    .unwrap();
    assert_eq!(stored_size as usize, size);
    assert_eq!(stored_sha, sent, "the server hashed what was sent");

    // Download, streamed, hashing what arrives.
    let (stop, sampler) = sample_rss(pid);
    let started = Instant::now();
    let res = http
        .get(format!(
            "{base}/customers/{customer}/documents/{doc}/versions/{version}/download"
        ))
        .header(reqwest::header::COOKIE, &cookie)
        .header("accept-encoding", "gzip")
        .send()
        .await
        .unwrap();
    assert!(res.status().is_success());
    let received = Arc::new(AtomicU64::new(0));
    let mut hash = Sha256::new();
    let mut stream = res.bytes_stream();
    while let Some(bytes) = stream.next().await {
        let bytes = bytes.unwrap();
        received.fetch_add(bytes.len() as u64, Ordering::Relaxed);
        hash.update(&bytes);
    }
    let download_time = started.elapsed();
    stop.store(true, Ordering::Relaxed);
    let download_peak = sampler.await.unwrap();
    assert_eq!(received.load(Ordering::Relaxed) as usize, size);
    assert_eq!(
        hex::encode(hash.finalize()),
        sent,
        "the same bytes came back"
    );

    let mib = |kib: u64| kib as f64 / 1024.0;
    let rate = |d: Duration| mb as f64 / d.as_secs_f64();
    println!(
        "\n| transfer | seconds | MB/s | peak RSS MiB | above idle MiB |\n|---|---|---|---|---|"
    );
    println!(
        "| upload {mb} MB | {:.2} | {:.0} | {:.0} | {:.0} |",
        upload_time.as_secs_f64(),
        rate(upload_time),
        mib(upload_peak),
        mib(upload_peak.saturating_sub(idle))
    );
    println!(
        "| download {mb} MB | {:.2} | {:.0} | {:.0} | {:.0} |",
        download_time.as_secs_f64(),
        rate(download_time),
        mib(download_peak),
        mib(download_peak.saturating_sub(idle))
    );
    println!(
        "\nserver peak memory over the whole run (VmHWM): {:.0} MiB; goal: under 100 MiB above idle",
        mib(mem_kib(pid, "VmHWM:"))
    );
    let _ = server.kill().await;
}
