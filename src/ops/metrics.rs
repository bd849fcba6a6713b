//! Prometheus metrics (the `prometheus` crate, text format 0.0.4). Requests are counted by the
//! matched route template (`/customers/{id}`, never the raw path: no ids or secrets in labels)
//! and status; their latency goes into a histogram. The job queue and the outbox are read from
//! the database at scrape time, so every instance reports the same shared figures.

use std::{sync::Arc, time::Instant};

use axum::{
    extract::{MatchedPath, Request, State},
    middleware::Next,
    response::Response,
};
use prometheus::{
    Encoder, HistogramOpts, HistogramVec, IntCounterVec, IntGaugeVec, Opts, Registry, TextEncoder,
};

use crate::{db::Db, timefmt::now};

/// The label of a request that matched no route (the 404 fallback).
pub const UNMATCHED: &str = "unmatched";

/// The exposition's content type (Prometheus text format 0.0.4).
pub const CONTENT_TYPE: &str = "text/plain; version=0.0.4; charset=utf-8";

const NAMESPACE: &str = "kundekort";

/// Latency buckets in seconds: 5 ms to 10 s.
const BUCKETS: [f64; 12] = [
    0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 7.5, 10.0,
];

/// This process's metrics; cheap to clone.
#[derive(Clone)]
pub struct Metrics(Arc<Inner>);

struct Inner {
    registry: Registry,
    requests: IntCounterVec,
    latency: HistogramVec,
    jobs_waiting: IntGaugeVec,
    jobs_due: IntGaugeVec,
    jobs_oldest_due_age: IntGaugeVec,
    jobs_failed: IntGaugeVec,
    outbox: IntGaugeVec,
    /// Scrapes are serialised: each one refreshes the database gauges, then encodes.
    scrape: tokio::sync::Mutex<()>,
}

impl Default for Metrics {
    fn default() -> Self {
        Self::new()
    }
}

fn opts(name: &str, help: &str) -> Opts {
    Opts::new(name, help).namespace(NAMESPACE)
}

impl Metrics {
    pub fn new() -> Self {
        let registry = Registry::new();
        let requests = IntCounterVec::new(
            opts(
                "http_requests_total",
                "HTTP requests by method, matched route template and status",
            ),
            &["method", "route", "status"],
        )
        .expect("valid metric");
        let latency = HistogramVec::new(
            HistogramOpts::new(
                "http_request_duration_seconds",
                "Time to the response head, by method and matched route template",
            )
            .namespace(NAMESPACE)
            .buckets(BUCKETS.to_vec()),
            &["method", "route"],
        )
        .expect("valid metric");
        let by_kind = |name: &str, help: &str| {
            IntGaugeVec::new(opts(name, help), &["kind"]).expect("valid metric")
        };
        let jobs_waiting = by_kind(
            "jobs_waiting",
            "Jobs neither done nor failed, by kind (including those scheduled later)",
        );
        let jobs_due = by_kind(
            "jobs_due",
            "Jobs due now and not yet done: the queue depth, by kind",
        );
        let jobs_oldest_due_age = by_kind(
            "jobs_oldest_due_age_seconds",
            "How long the oldest due job has been due, by kind",
        );
        let jobs_failed = by_kind("jobs_failed", "Jobs given up after their attempts, by kind");
        let outbox = IntGaugeVec::new(
            opts(
                "outbox_messages",
                "Outgoing email and SMS by channel and status",
            ),
            &["channel", "status"],
        )
        .expect("valid metric");
        for collector in [
            Box::new(requests.clone()) as Box<dyn prometheus::core::Collector>,
            Box::new(latency.clone()),
            Box::new(jobs_waiting.clone()),
            Box::new(jobs_due.clone()),
            Box::new(jobs_oldest_due_age.clone()),
            Box::new(jobs_failed.clone()),
            Box::new(outbox.clone()),
        ] {
            registry.register(collector).expect("distinct metrics");
        }
        Self(Arc::new(Inner {
            registry,
            requests,
            latency,
            jobs_waiting,
            jobs_due,
            jobs_oldest_due_age,
            jobs_failed,
            outbox,
            scrape: tokio::sync::Mutex::new(()),
        }))
    }

    /// Counts one finished request.
    pub fn observe(&self, method: &str, route: &str, status: u16, seconds: f64) {
        let status = status.to_string();
        self.0
            .requests
            .with_label_values(&[method, route, status.as_str()])
            .inc();
        self.0
            .latency
            .with_label_values(&[method, route])
            .observe(seconds);
    }

    /// The exposition: the database gauges read now, then everything encoded.
    pub async fn scrape(&self, db: &Db) -> anyhow::Result<String> {
        let _one = self.0.scrape.lock().await;
        self.refresh(db).await?;
        let mut out = Vec::new();
        TextEncoder::new().encode(&self.0.registry.gather(), &mut out)?;
        Ok(String::from_utf8(out)?)
    }

    async fn refresh(&self, db: &Db) -> anyhow::Result<()> {
        let at = now();
        let jobs: Vec<(String, i64, i64, Option<i64>, i64)> = sqlx::query_as(
            "SELECT kind,
                CAST(COALESCE(SUM(CASE WHEN done_at IS NULL AND failed_at IS NULL THEN 1 ELSE 0 END), 0) AS BIGINT),
                CAST(COALESCE(SUM(CASE WHEN done_at IS NULL AND failed_at IS NULL AND run_at <= $1 THEN 1 ELSE 0 END), 0) AS BIGINT),
                MIN(CASE WHEN done_at IS NULL AND failed_at IS NULL AND run_at <= $2 THEN run_at END),
                CAST(COALESCE(SUM(CASE WHEN failed_at IS NOT NULL THEN 1 ELSE 0 END), 0) AS BIGINT)
             FROM jobs GROUP BY kind",
        )
        .bind(at)
        .bind(at)
        .fetch_all(&db.pool)
        .await?;
        let inner = &self.0;
        for family in [
            &inner.jobs_waiting,
            &inner.jobs_due,
            &inner.jobs_oldest_due_age,
            &inner.jobs_failed,
        ] {
            family.reset();
        }
        for (kind, waiting, due, oldest_due, failed) in jobs {
            let labels = [kind.as_str()];
            inner.jobs_waiting.with_label_values(&labels).set(waiting);
            inner.jobs_due.with_label_values(&labels).set(due);
            inner
                .jobs_oldest_due_age
                .with_label_values(&labels)
                .set(oldest_due.map_or(0, |run_at| (at - run_at).max(0)));
            inner.jobs_failed.with_label_values(&labels).set(failed);
        }
        let outbox: Vec<(String, String, i64)> = sqlx::query_as(
            "SELECT channel, status, CAST(COUNT(*) AS BIGINT) FROM messages
             WHERE direction = 'out' GROUP BY channel, status",
        )
        .fetch_all(&db.pool)
        .await?;
        inner.outbox.reset();
        for (channel, status, n) in outbox {
            inner
                .outbox
                .with_label_values(&[channel.as_str(), status.as_str()])
                .set(n);
        }
        Ok(())
    }
}

/// The middleware that counts every request. It sits on the router (`Router::layer`), where
/// the matched route is known.
pub async fn track(State(metrics): State<Metrics>, req: Request, next: Next) -> Response {
    let started = Instant::now();
    let method = req.method().to_string();
    let route = req
        .extensions()
        .get::<MatchedPath>()
        .map(|p| p.as_str().to_string());
    let response = next.run(req).await;
    metrics.observe(
        &method,
        route.as_deref().unwrap_or(UNMATCHED),
        response.status().as_u16(),
        started.elapsed().as_secs_f64(),
    );
    response
}
