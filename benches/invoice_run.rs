//! Benchmark of the invoice run at scale (a measurement, not a test; issue 14, decision 0034).
//!
//! For SQLite, and for PostgreSQL when `BENCH_POSTGRES_URL` or `TEST_POSTGRES_URL` is set: seeds
//! 2,000 customers, workers and active assignments (`seed::staffing`), the month's timesheets of
//! every running assignment, and approves `BENCH_SHEETS` of them (default 10,000;
//! `seed::approved_hours`). Then times, in process, the code the pages and the `invoice_run` job
//! run:
//! 1. **collect**: the firm-wide preview (`collect::plan`);
//! 2. **drafts**: the run recorded and its drafts made, one transaction per customer
//!    (`runs::start`, `runs::work_drafts`);
//! 3. **issue**: every draft of the run issued, one transaction per invoice with its gap-free
//!    number (`runs::start_issue`, `runs::work_issue`);
//! 4. **EHF**: each issued invoice loaded and written as EHF (`documents::ehf::ehf`, which calls
//!    `ehf::write`).
//!
//! 5. **PDFs from the queue** (not part of the run's time): the PDF jobs issuing queued, worked
//!    by the release server's job workers (`BENCH_PDF_WORKERS`; `BENCH_PDF_QUEUE=off` skips it).
//!
//! It reports seconds per phase and in all (the goal is ≤ 10 s), invoices and lines, and per
//! phase the throughput; for issue and EHF also p50 / p95 per invoice. It checks that the
//! numbers issued are gap-free and that every approved sheet is billed.
//!
//! `cargo bench --bench invoice_run` · `BENCH_SHEETS`, `BENCH_ASSIGNMENTS` (default a third
//! of the sheets: three and a half sheets each in a month, so enough to approve) and `BENCH_WORKERS` change it.

#[path = "common/mod.rs"]
mod common;

use std::time::{Duration, Instant};

use common::{env, ms, on_both_databases, percentile};
use kundekort::{
    config::SellerConfig,
    db::Db,
    invoices::{
        documents::ehf::ehf,
        run::{collect, runs},
    },
    seed,
};
use time::Date;

fn all(_: Option<i64>, _: Option<i64>) -> bool {
    true
}

fn month() -> (Date, Date) {
    let today = time::OffsetDateTime::now_utc().date();
    let from = today.replace_day(1).unwrap();
    let to = from.replace_day(from.month().length(from.year())).unwrap();
    (from, to)
}

fn row(phase: &str, count: usize, what: &str, d: Duration) {
    println!(
        "| {phase} | {count} {what} | {:.2} | {:.0} per s |",
        d.as_secs_f64(),
        count as f64 / d.as_secs_f64().max(1e-9)
    );
}

async fn run_backend(label: &str, url: &str, sheets: usize, workers: usize, assignments: usize) {
    println!("\n## {label}\n");
    let db = Db::connect(url).await.expect("connect");
    db.migrate().await.expect("migrate");
    let t = Instant::now();
    seed::large(&db, 2000).await.expect("seed customers");
    seed::staffing(&db, workers, assignments, 0)
        .await
        .expect("seed staffing");
    let (from, to) = month();
    let approved = seed::approved_hours(&db, from, to, sheets)
        .await
        .expect("seed hours");
    println!(
        "seeded 2000 customers, {workers} workers, {assignments} assignments and {approved} \
         approved timesheets for {from} … {to} in {:.1} s",
        t.elapsed().as_secs_f64()
    );
    let (admin,): (i64,) = sqlx::query_as("SELECT id FROM users WHERE role = 'admin' LIMIT 1")
        .fetch_one(&db.pool)
        .await
        .unwrap();
    let (f, t_) = (from.to_string(), to.to_string());
    let seller = SellerConfig::demo();
    let started = Instant::now();

    println!("\n| phase | count | seconds | throughput |\n|---|---|---|---|");
    let t = Instant::now();
    let plan = {
        let mut conn = db.pool.acquire().await.unwrap();
        collect::plan(&mut conn, collect::Scope::Firm, &f, &t_, &all)
            .await
            .unwrap()
    };
    let collect_time = t.elapsed();
    row(
        "collect (preview)",
        plan.line_count(),
        "lines",
        collect_time,
    );
    let blocked = plan.customers.iter().filter(|c| c.blocked()).count();

    let t = Instant::now();
    let mut tx = db.pool.begin().await.unwrap();
    let id = runs::start(&mut tx, &plan, collect::Scope::Firm, admin)
        .await
        .unwrap();
    tx.commit().await.unwrap();
    let run = runs::get(&db, id).await.unwrap().unwrap();
    runs::work_drafts(&db, &run).await.unwrap();
    let drafts_time = t.elapsed();
    let run = runs::get(&db, id).await.unwrap().unwrap();
    row("create drafts", run.made as usize, "invoices", drafts_time);

    // EHF needs a buyer reference (BT-10) or an order reference (BT-13) (PEPPOL-EN16931-R003);
    // the run gives a draft only the assignments' purchase order. Filled in on the drafts as a
    // person would before issuing (not timed).
    let (no_reference,): (i64,) = sqlx::query_as(
        "SELECT COUNT(*) FROM invoices WHERE status = 'draft' AND buyer_reference IS NULL \
         AND order_reference IS NULL",
    )
    .fetch_one(&db.pool)
    .await
    .unwrap();
    sqlx::query(
        "UPDATE invoices SET buyer_reference = 'Innkjøp' WHERE status = 'draft' \
         AND buyer_reference IS NULL AND order_reference IS NULL",
    )
    .execute(&db.pool)
    .await
    .unwrap();
    let t = Instant::now();
    let mut tx = db.pool.begin().await.unwrap();
    runs::start_issue(&mut tx, id).await.unwrap();
    tx.commit().await.unwrap();
    let run = runs::get(&db, id).await.unwrap().unwrap();
    let today = time::OffsetDateTime::now_utc().date();
    runs::work_issue(&db, &run, admin, today, &seller.kid_rule)
        .await
        .unwrap();
    let issue_time = t.elapsed();
    let run = runs::get(&db, id).await.unwrap().unwrap();
    row("issue all", run.issued as usize, "invoices", issue_time);

    let t = Instant::now();
    let ids: Vec<(i64,)> = sqlx::query_as(
        "SELECT invoice_id FROM invoice_run_invoices WHERE run_id = $1 AND state = 'issued' \
         ORDER BY invoice_id",
    )
    .bind(id)
    .fetch_all(&db.pool)
    .await
    .unwrap();
    let mut per = Vec::with_capacity(ids.len());
    let mut bytes = 0;
    let mut conn = db.pool.acquire().await.unwrap();
    for (invoice,) in &ids {
        let one = Instant::now();
        let xml = ehf(&mut conn, *invoice, &seller)
            .await
            .unwrap()
            .expect("issued");
        bytes += xml.len();
        per.push(one.elapsed());
    }
    drop(conn);
    let ehf_time = t.elapsed();
    row("EHF written", ids.len(), "invoices", ehf_time);
    let total = started.elapsed();
    println!(
        "| **in all** | {} invoices, {} lines | **{:.2}** | |",
        run.issued,
        plan.line_count(),
        total.as_secs_f64()
    );
    per.sort();
    if !per.is_empty() {
        println!(
            "\nEHF per invoice: p50 {:.2} ms, p95 {:.2} ms; {:.1} MB in all",
            ms(percentile(&per, 0.5)),
            ms(percentile(&per, 0.95)),
            bytes as f64 / 1e6
        );
    }
    let mean = |d: Duration, n: i64| ms(d) / n.max(1) as f64;
    println!(
        "issue per invoice: mean {:.2} ms; drafts per customer: mean {:.2} ms; \
         customers left out for red problems: {blocked}; failures: {}; drafts given a buyer \
         reference before issue (EHF needs BT-10 or BT-13): {no_reference}",
        mean(issue_time, run.issued),
        mean(drafts_time, run.total),
        run.failed
    );

    // What must hold: the numbers gap-free, every approved sheet of the ready customers billed.
    let (min, max, n): (Option<i64>, Option<i64>, i64) = sqlx::query_as(
        "SELECT MIN(number), MAX(number), COUNT(*) FROM invoices WHERE kind = 'invoice' \
         AND status = 'issued'",
    )
    .fetch_one(&db.pool)
    .await
    .unwrap();
    assert_eq!(
        max.unwrap_or(0) - min.unwrap_or(1) + 1,
        n,
        "gap-free numbers"
    );
    let (unbilled,): (i64,) = sqlx::query_as(
        "SELECT COUNT(*) FROM timesheets WHERE status = 'approved' AND invoiced_at IS NULL \
         AND bill_ore > 0",
    )
    .fetch_one(&db.pool)
    .await
    .unwrap();
    println!("approved sheets with an amount left unbilled (blocked customers): {unbilled}");
    let (pdf_jobs,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM jobs WHERE kind = $1")
        .bind(kundekort::invoices::documents::PDF_KIND)
        .fetch_one(&db.pool)
        .await
        .unwrap();
    println!("PDF jobs queued by issuing: {pdf_jobs}");
    if pdf_jobs > 0 && std::env::var("BENCH_PDF_QUEUE").as_deref() != Ok("off") {
        pdf_queue(&db, url, pdf_jobs).await;
    }
    db.pool.close().await;
}

/// Phase 5, apart from the run's time: the PDF jobs issuing queued, worked by the release
/// server's own job workers (`kundekort serve` on the same database, `KUNDEKORT_WORKER_CONCURRENCY`
/// from `BENCH_PDF_WORKERS`, default the product's), timed from the server's start until no PDF
/// job waits. The PDFs go to a temporary file store.
async fn pdf_queue(db: &Db, url: &str, queued: i64) {
    let files = tempfile::tempdir().unwrap();
    let mut command = tokio::process::Command::new(env!("CARGO_BIN_EXE_kundekort"));
    command
        .arg("serve")
        .env("DATABASE_URL", url)
        .env("KUNDEKORT_ADDR", "127.0.0.1:0")
        // Measures the server, not the API's rate limits (api::rate_limit).
        .env("KUNDEKORT_API_RATE_PER_TOKEN", "0")
        .env("KUNDEKORT_API_RATE_PER_ADDRESS", "0")
        .env("KUNDEKORT_DATA_DIR", files.path())
        .env("RUST_LOG", "warn")
        .stdout(std::process::Stdio::null())
        .kill_on_drop(true);
    if let Ok(n) = std::env::var("BENCH_PDF_WORKERS") {
        command.env("KUNDEKORT_WORKER_CONCURRENCY", n);
    }
    let waiting = || async {
        let (n,): (i64,) = sqlx::query_as(
            "SELECT COUNT(*) FROM jobs WHERE kind = $1 AND done_at IS NULL AND failed_at IS NULL",
        )
        .bind(kundekort::invoices::documents::PDF_KIND)
        .fetch_one(&db.pool)
        .await
        .unwrap();
        n
    };
    let t = Instant::now();
    let mut server = command.spawn().expect("start kundekort");
    let mut left = waiting().await;
    while left > 0 && t.elapsed() < Duration::from_secs(1800) {
        tokio::time::sleep(Duration::from_millis(100)).await;
        left = waiting().await;
    }
    let took = t.elapsed();
    let _ = server.kill().await;
    let (done, failed): (i64, i64) = sqlx::query_as(
        "SELECT CAST(COALESCE(SUM(CASE WHEN done_at IS NOT NULL THEN 1 ELSE 0 END), 0) AS BIGINT), \
         CAST(COALESCE(SUM(CASE WHEN failed_at IS NOT NULL THEN 1 ELSE 0 END), 0) AS BIGINT) \
         FROM jobs WHERE kind = $1",
    )
    .bind(kundekort::invoices::documents::PDF_KIND)
    .fetch_one(&db.pool)
    .await
    .unwrap();
    println!(
        "\nPDFs from the queue (the server's job workers, {} of them): {done} of {queued} rendered \
         and stored in {:.2} s = **{:.1} PDFs per s** (from the server's start); {failed} failed, \
         {left} still waiting",
        std::env::var("BENCH_PDF_WORKERS").unwrap_or_else(|_| "the default number".into()),
        took.as_secs_f64(),
        done as f64 / took.as_secs_f64().max(1e-9)
    );
}

#[tokio::main]
async fn main() {
    kundekort::install_crypto_provider();
    let sheets = env("BENCH_SHEETS", 10_000);
    let assignments = env("BENCH_ASSIGNMENTS", sheets / 3);
    let workers = env("BENCH_WORKERS", assignments);
    println!("# Invoice run benchmark: {sheets} approved timesheets → issued invoices with EHF");
    on_both_databases("invoice_run", async |label: &str, url: &str| {
        run_backend(label, url, sheets, workers, assignments).await
    })
    .await;
}
