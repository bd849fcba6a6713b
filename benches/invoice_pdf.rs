//! Benchmark of invoice PDFs (a measurement, not a test): renders an issued invoice with
//! `BENCH_LINES` lines (default 20) and an hours appendix of `BENCH_HOURS` days (default 60)
//! `BENCH_PDFS` times (default 50) in process with typst (`invoices::documents::pdf::render`, the
//! job's and the route's work without the file store), one thread, then `BENCH_PDFS` more on
//! `BENCH_PDF_THREADS` threads at once (default one per core, as the job queue renders them),
//! and reports PDFs per second and the median and 95th percentile per PDF. The first render
//! (fonts and template parsed) is reported apart. `cargo bench --bench invoice_pdf`.

#[path = "common/mod.rs"]
mod common;

use std::time::{Duration, Instant};

use kundekort::{
    config::SellerConfig,
    invoices::{
        documents::{HoursRow, Issued, pdf::render},
        store::{Invoice, Line},
    },
};

/// Invoice `k`: its own number, buyer, worker and line texts, so no two PDFs are the same (typst
/// memoises work across compiles; the same invoice again would be nearly free).
fn invoice(lines: usize, hours: usize, k: usize) -> Issued {
    let worker = format!(
        "{} Nordmann",
        ["Kari", "Ola", "Per", "Åse", "Nils", "Ingrid"][k % 6]
    );
    let lines: Vec<Line> = (0..lines)
        .map(|i| Line {
            id: i as i64 + 1,
            invoice_id: 1,
            position: i as i64 + 1,
            description: format!("Lagermedarbeider uke {} — {worker}", (i + k) % 52 + 1),
            quantity_milli: 37_500 + (k as i64 % 8) * 250,
            unit_code: "HUR".into(),
            unit_price_ore: 45_050,
            vat_category: "S".into(),
            vat_rate_bp: if i % 3 == 0 { 1500 } else { 2500 },
            exemption_reason: None,
            line_net_ore: 1_689_375,
            timesheet_id: Some(1),
            credited_line_id: None,
        })
        .collect();
    let hours = (0..hours)
        .map(|i| HoursRow {
            work_date: format!("2026-{:02}-{:02}", 9 + i / 28, 1 + i % 28),
            worker: worker.clone(),
            worked_minutes: 450,
        })
        .collect();
    Issued {
        invoice: Invoice {
            id: 1,
            kind: "invoice".into(),
            customer_id: 1,
            status: "issued".into(),
            number: Some(10_001 + k as i64),
            issue_date: Some("2026-12-02".into()),
            due_date: Some("2026-12-16".into()),
            kid: Some("000123000100010".into()),
            currency: "NOK".into(),
            buyer_name: Some(format!("Nordlys Elektro {k} AS")),
            buyer_org_number: Some("974760673".into()),
            buyer_street: Some("Postboks 900".into()),
            buyer_additional_street: None,
            buyer_postal_code: Some("0150".into()),
            buyer_city: Some("Oslo".into()),
            buyer_country: Some("NO".into()),
            buyer_email: None,
            buyer_peppol_id: None,
            buyer_reference: Some(worker.clone()),
            order_reference: None,
            line_net_ore: None,
            vat_ore: None,
            total_ore: None,
            payable_ore: None,
            credited_invoice_id: None,
            reason: None,
            created_by: None,
            issued_by: None,
            created_at: 0,
            issued_at: None,
            version: 2,
            origin: "ours".into(),
            earlier_pdf_key: None,
        },
        lines,
        credited: None,
        hours,
        language: "nb".into(),
    }
}

fn main() {
    let n = common::env("BENCH_PDFS", 50);
    let (lines, hours) = (
        common::env("BENCH_LINES", 20),
        common::env("BENCH_HOURS", 60),
    );
    let doc = invoice(lines, hours, 0);
    let seller = SellerConfig::demo();
    let t = Instant::now();
    let first = render(&doc, &seller).expect("render");
    println!(
        "first PDF (fonts, template): {:.1} ms, {} bytes",
        common::ms(t.elapsed()),
        first.len()
    );
    let mut times: Vec<Duration> = Vec::with_capacity(n);
    let all = Instant::now();
    for k in 1..=n {
        let doc = invoice(lines, hours, k);
        let t = Instant::now();
        render(&doc, &seller).expect("render");
        times.push(t.elapsed());
    }
    let total = all.elapsed();
    times.sort();
    println!(
        "{n} PDFs: {:.1} PDFs/s, median {:.1} ms, p95 {:.1} ms (one thread)",
        n as f64 / total.as_secs_f64(),
        common::ms(common::percentile(&times, 0.5)),
        common::ms(common::percentile(&times, 0.95)),
    );
    // As the job queue renders them: as many threads as cores (`BENCH_PDF_THREADS`), each
    // taking the next invoice.
    let threads = common::env(
        "BENCH_PDF_THREADS",
        std::thread::available_parallelism().map_or(2, |n| n.get()),
    );
    if threads > 1 {
        let next = std::sync::atomic::AtomicUsize::new(n + 1);
        let all = Instant::now();
        let mut times: Vec<Duration> = std::thread::scope(|s| {
            let workers: Vec<_> = (0..threads)
                .map(|_| {
                    s.spawn(|| {
                        let mut times = Vec::new();
                        loop {
                            let k = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                            if k > 2 * n {
                                return times;
                            }
                            let doc = invoice(lines, hours, k);
                            let t = Instant::now();
                            render(&doc, &seller).expect("render");
                            times.push(t.elapsed());
                        }
                    })
                })
                .collect();
            workers
                .into_iter()
                .flat_map(|w| w.join().expect("a render thread"))
                .collect()
        });
        let total = all.elapsed();
        times.sort();
        println!(
            "{n} PDFs: {:.1} PDFs/s, median {:.1} ms, p95 {:.1} ms ({threads} threads)",
            n as f64 / total.as_secs_f64(),
            common::ms(common::percentile(&times, 0.5)),
            common::ms(common::percentile(&times, 0.95)),
        );
    }
}
