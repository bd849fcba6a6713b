//! Background work: the `jobs` table is the outbox for everything that leaves the process.
//!
//! A job is written in the same transaction as the change that causes it ([`enqueue`]), so it
//! exists exactly when the change does. Workers claim one due job at a time with a lease
//! (`locked_until`); on PostgreSQL with `FOR UPDATE SKIP LOCKED`, so any number of instances can
//! share the table. The lease is short ([`LEASE_SECONDS`]) and renewed while the job runs
//! ([`RENEW_EVERY`]), so a long job keeps it and a worker that dies mid-job leaves the row to be
//! claimed again within seconds, not minutes; handlers are written to be safe to run again (see
//! `dialog::send`).
//!
//! Failures are retried with exponential back-off (`job_retry_seconds`, doubled each attempt, at
//! most an hour) until `max_attempts`; then the job is marked failed and its handler told why.

use std::{any::Any, panic::AssertUnwindSafe, time::Duration};

use futures::FutureExt;
use serde::Serialize;
use sqlx::AnyConnection;

use crate::{
    Result,
    db::{Backend, Sql},
    state::AppState,
    timefmt::now,
};

mod registry;

pub use registry::{BoxFuture, Handler, Registry};

/// How long a claimed job is ours before another worker may take it over, unless renewed: what
/// work in flight waits after its process is killed.
pub const LEASE_SECONDS: i64 = 30;
/// How often a running job's lease is renewed (three chances within one lease).
pub const RENEW_EVERY: Duration = Duration::from_secs(10);
/// Attempts before a job is given up.
pub const DEFAULT_MAX_ATTEMPTS: i64 = 8;
/// The longest wait between two attempts.
const MAX_BACKOFF_SECONDS: i64 = 3600;
/// How often an idle worker looks for due jobs written by other instances or due retries.
const POLL: Duration = Duration::from_secs(1);

/// What a handler reports back.
#[derive(Debug, PartialEq, Eq)]
pub enum Outcome {
    Done,
    /// A passing problem (server down, rate limit): try again later.
    Retry(String),
    /// A problem that will not go away by trying again (address refused, bad request).
    Fail(String),
}

#[derive(Clone, Debug, sqlx::FromRow)]
pub struct Claimed {
    pub id: i64,
    pub kind: String,
    pub payload: String,
    pub attempts: i64,
    pub max_attempts: i64,
}

/// Queues a job in the caller's transaction. The payload is JSON.
pub async fn enqueue(
    conn: &mut AnyConnection,
    kind: &str,
    payload: &impl Serialize,
) -> Result<i64> {
    enqueue_at(conn, kind, payload, now()).await
}

/// Queues a job in the caller's transaction that is due at `run_at` (unix seconds), e.g. a
/// later look at something another job is doing.
pub async fn enqueue_at(
    conn: &mut AnyConnection,
    kind: &str,
    payload: &impl Serialize,
    run_at: i64,
) -> Result<i64> {
    let payload = serde_json::to_string(payload).map_err(anyhow::Error::from)?;
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO jobs (kind, payload, run_at, attempts, max_attempts, created_at)
         VALUES ($1, $2, $3, 0, $4, $5) RETURNING id",
    )
    .bind(kind)
    .bind(payload)
    .bind(run_at)
    .bind(DEFAULT_MAX_ATTEMPTS)
    .bind(now())
    .fetch_one(&mut *conn)
    .await?;
    Ok(id)
}

/// Recurring work keeps one job of its kind waiting: queues a job of `kind` (empty payload) to
/// run at `run_at` unless one of that kind is already waiting, other than `except` (the job now
/// running, which queues its successor). Returns whether one was queued. Two instances racing
/// may both queue one; recurring handlers are idempotent, and each run queues only when no
/// other is waiting, so the chain is one again after a day.
pub async fn schedule_once(
    conn: &mut AnyConnection,
    kind: &str,
    run_at: i64,
    except: Option<i64>,
) -> Result<bool> {
    let done = sqlx::query(
        "INSERT INTO jobs (kind, payload, run_at, attempts, max_attempts, created_at) \
         SELECT $1, '{}', $2, 0, $3, $4 WHERE NOT EXISTS (SELECT 1 FROM jobs \
         WHERE kind = $5 AND done_at IS NULL AND failed_at IS NULL AND id <> $6)",
    )
    .bind(kind)
    .bind(run_at)
    .bind(DEFAULT_MAX_ATTEMPTS)
    .bind(now())
    .bind(kind)
    .bind(except.unwrap_or(0))
    .execute(&mut *conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// When a daily job runs next after `at`: the next day at `time`, Oslo time.
pub fn next_daily_run(at: i64, time: time::Time) -> i64 {
    use crate::timefmt::when::{oslo_date, oslo_to_unix};
    oslo_to_unix(time::PrimitiveDateTime::new(
        oslo_date(at) + time::Duration::days(1),
        time,
    ))
}

/// Makes sure a daily job of `kind` is waiting (at start-up): tomorrow at `time`, Oslo time,
/// unless one is queued already ([`schedule_once`]).
pub async fn ensure_daily(db: &crate::db::Db, kind: &str, time: time::Time) -> Result<()> {
    let mut conn = db.pool.acquire().await?;
    schedule_once(&mut conn, kind, next_daily_run(now(), time), None).await?;
    Ok(())
}

/// The first step of every daily job: queue the next day's run at `time` (Oslo), beside this
/// one (`job`), before the work, so that a failing run does not end the series. `Err` holds the
/// outcome to return when that could not be written.
pub async fn queue_next_daily(
    db: &crate::db::Db,
    kind: &str,
    time: time::Time,
    job: &Claimed,
    at: i64,
) -> std::result::Result<(), Outcome> {
    let next = async {
        let mut conn = db.pool.acquire().await?;
        schedule_once(&mut conn, kind, next_daily_run(at, time), Some(job.id)).await
    };
    match next.await {
        Ok(_) => Ok(()),
        Err(e) => Err(Outcome::Retry(format!("database: {e}"))),
    }
}

/// Queues many jobs of one kind in the caller's transaction, a few hundred rows per statement.
pub async fn enqueue_many(conn: &mut AnyConnection, kind: &str, payloads: &[String]) -> Result<()> {
    let at = now();
    for chunk in payloads.chunks(200) {
        let mut sql = Sql::new(
            "INSERT INTO jobs (kind, payload, run_at, attempts, max_attempts, created_at) VALUES ",
        );
        for (i, payload) in chunk.iter().enumerate() {
            if i > 0 {
                sql.push(", ");
            }
            sql.push("(")
                .bind(kind)
                .push(", ")
                .bind(payload.as_str())
                .push(", ")
                .bind(at)
                .push(", 0, ")
                .bind(DEFAULT_MAX_ATTEMPTS)
                .push(", ")
                .bind(at)
                .push(")");
        }
        sql.query().execute(&mut *conn).await?;
    }
    Ok(())
}

/// Claims the next due job of the given kinds for `worker`, or `None` when nothing is due.
pub async fn claim(state: &AppState, worker: &str, kinds: &[&str]) -> Result<Option<Claimed>> {
    if kinds.is_empty() {
        return Ok(None);
    }
    let at = now();
    let mut sql = Sql::new("UPDATE jobs SET locked_until = ");
    sql.bind(at + LEASE_SECONDS)
        .push(", locked_by = ")
        .bind(worker)
        .push(", attempts = attempts + 1 WHERE id = (SELECT id FROM jobs")
        .push(" WHERE done_at IS NULL AND failed_at IS NULL AND run_at <= ")
        .bind(at)
        .push(" AND (locked_until IS NULL OR locked_until < ")
        .bind(at)
        .push(") AND kind IN (");
    sql.bind_list(kinds.iter().copied())
        .push(") ORDER BY run_at, id LIMIT 1");
    if state.db.backend == Backend::Postgres {
        sql.push(" FOR UPDATE SKIP LOCKED");
    }
    sql.push(") RETURNING id, kind, payload, attempts, max_attempts");
    Ok(sql.query_as().fetch_optional(&state.db.pool).await?)
}

/// Runs one due job, if there is one. Returns whether a job ran. Tests drive the worker with this.
pub async fn try_run_one(state: &AppState, handlers: &Registry, worker: &str) -> Result<bool> {
    let kinds = handlers.claimable_kinds(&state.config);
    let Some(job) = claim(state, worker, &kinds).await? else {
        return Ok(false);
    };
    // Every claim counts as an attempt. A job whose attempts never finished (the process died
    // during each, e.g. on a message that crashes it) is given up instead of run again forever.
    if job.attempts > job.max_attempts {
        let reason = format!(
            "given up: {} attempts did not finish (the worker stopped during each)",
            job.max_attempts
        );
        finish(state, handlers, &job, worker, Outcome::Fail(reason)).await?;
        return Ok(true);
    }
    // The lease is renewed beside the handler, on a task of its own: a renewal waiting for the
    // database (SQLite's write lock, which the handler may hold) never holds the handler up.
    let renewing = tokio::spawn(keep_lease(state.clone(), job.id, worker.to_string()));
    let outcome = caught(handlers.run(state, &job)).await;
    renewing.abort();
    finish(state, handlers, &job, worker, outcome).await?;
    Ok(true)
}

/// Renews `worker`'s lease on job `id` every [`RENEW_EVERY`] until aborted. A failed renewal is
/// logged and tried again at the next tick; the job's writes are safe to repeat if another
/// worker took it over meanwhile.
async fn keep_lease(state: AppState, id: i64, worker: String) {
    let mut tick = tokio::time::interval_at(tokio::time::Instant::now() + RENEW_EVERY, RENEW_EVERY);
    loop {
        tick.tick().await;
        let renewed = sqlx::query(
            "UPDATE jobs SET locked_until = $1 WHERE id = $2 AND locked_by = $3 \
             AND done_at IS NULL AND failed_at IS NULL",
        )
        .bind(now() + LEASE_SECONDS)
        .bind(id)
        .bind(worker.as_str())
        .execute(&state.db.pool)
        .await;
        match renewed {
            Ok(r) if r.rows_affected() == 1 => {}
            Ok(_) => {
                tracing::warn!(job_id = id, "job lease was taken over; stopped renewing");
                return;
            }
            Err(err) => tracing::warn!(job_id = id, error = %err, "job lease not renewed"),
        }
    }
}

/// Runs a handler; a panic in it becomes a permanent failure with the panic's message, so the
/// job is recorded as failed and the worker goes on with the next one.
pub async fn caught(handler: impl Future<Output = Outcome>) -> Outcome {
    match AssertUnwindSafe(handler).catch_unwind().await {
        Ok(outcome) => outcome,
        Err(panic) => Outcome::Fail(format!(
            "the job stopped with an error in the program: {}",
            panic_message(panic.as_ref())
        )),
    }
}

/// The text of a panic's payload (`panic!("…")` gives a `&str` or a `String`).
pub fn panic_message(panic: &(dyn Any + Send)) -> String {
    if let Some(s) = panic.downcast_ref::<&str>() {
        (*s).to_string()
    } else if let Some(s) = panic.downcast_ref::<String>() {
        s.clone()
    } else {
        "unknown panic".to_string()
    }
}

/// Runs due jobs until none is left (tests and benchmarks).
pub async fn run_until_idle(state: &AppState, handlers: &Registry, worker: &str) -> Result<usize> {
    let mut ran = 0;
    while try_run_one(state, handlers, worker).await? {
        ran += 1;
    }
    Ok(ran)
}

#[tracing::instrument(skip_all, fields(job_id = job.id, job_kind = %job.kind))]
async fn finish(
    state: &AppState,
    handlers: &Registry,
    job: &Claimed,
    worker: &str,
    outcome: Outcome,
) -> Result<()> {
    let at = now();
    match outcome {
        Outcome::Done => {
            sqlx::query(
                "UPDATE jobs SET done_at = $1, locked_until = NULL, last_error = NULL
                 WHERE id = $2 AND locked_by = $3",
            )
            .bind(at)
            .bind(job.id)
            .bind(worker)
            .execute(&state.db.pool)
            .await?;
        }
        Outcome::Retry(reason) if job.attempts < job.max_attempts => {
            let run_at = at + backoff(state.config.job_retry_seconds, job.attempts);
            sqlx::query(
                "UPDATE jobs SET run_at = $1, locked_until = NULL, last_error = $2
                 WHERE id = $3 AND locked_by = $4",
            )
            .bind(run_at)
            .bind(reason.as_str())
            .bind(job.id)
            .bind(worker)
            .execute(&state.db.pool)
            .await?;
            tracing::info!(attempt = job.attempts, "job will be retried");
            handlers.retrying(state, job, &reason, run_at).await?;
        }
        Outcome::Retry(reason) | Outcome::Fail(reason) => {
            sqlx::query(
                "UPDATE jobs SET failed_at = $1, locked_until = NULL, last_error = $2
                 WHERE id = $3 AND locked_by = $4",
            )
            .bind(at)
            .bind(reason.as_str())
            .bind(job.id)
            .bind(worker)
            .execute(&state.db.pool)
            .await?;
            tracing::warn!(attempt = job.attempts, "job failed");
            handlers.failed(state, job, &reason).await?;
        }
    }
    Ok(())
}

/// Seconds to wait after the `attempt`-th failed attempt (1-based).
pub fn backoff(base_seconds: i64, attempt: i64) -> i64 {
    let exponent = (attempt - 1).clamp(0, 20) as u32;
    base_seconds
        .max(0)
        .saturating_mul(1_i64 << exponent)
        .min(MAX_BACKOFF_SECONDS)
}

/// Starts `worker_concurrency` loops that run due jobs until the process ends; a loop that
/// stops anyway is started again.
pub fn spawn_workers(state: AppState, handlers: Registry) {
    let (keep, never) = tokio::sync::watch::channel(false);
    // Never set: these workers run as long as the runtime does.
    std::mem::forget(keep);
    spawn_workers_until(state, handlers, never);
}

/// Starts `worker_concurrency` loops that run due jobs until `stop` is set; a loop that stops
/// otherwise is started again. Once `stop` is set a loop claims no further job and ends when the
/// job it is running (if any) is finished; the handles resolve then (graceful shutdown).
pub fn spawn_workers_until(
    state: AppState,
    handlers: Registry,
    stop: tokio::sync::watch::Receiver<bool>,
) -> Vec<tokio::task::JoinHandle<()>> {
    let host = std::env::var("HOSTNAME").unwrap_or_else(|_| "local".into());
    (0..state.config.worker_concurrency)
        .map(|n| {
            let state = state.clone();
            let handlers = handlers.clone();
            let worker = format!("{host}:{}:{n}", std::process::id());
            let stop = stop.clone();
            tokio::spawn(supervise(worker.clone(), stop.clone(), move || {
                work(
                    state.clone(),
                    handlers.clone(),
                    worker.clone(),
                    stop.clone(),
                )
            }))
        })
        .collect()
}

/// Runs the task `start` makes, and starts a new one whenever it ends (a panic, or a return),
/// after a pause so that a loop that fails at once does not spin; returns once `stop` is set and
/// the task has ended.
pub async fn supervise<F>(
    name: String,
    stop: tokio::sync::watch::Receiver<bool>,
    start: impl Fn() -> F,
) where
    F: Future<Output = ()> + Send + 'static,
{
    loop {
        let ended = tokio::spawn(start()).await;
        if *stop.borrow() || stop.has_changed().is_err() {
            return;
        }
        match ended {
            Ok(()) => tracing::error!(worker = %name, "job worker stopped; starting it again"),
            Err(err) if err.is_panic() => tracing::error!(
                worker = %name,
                panic = %panic_message(err.into_panic().as_ref()),
                "job worker panicked; starting it again"
            ),
            // Cancelled: the runtime is shutting down.
            Err(_) => return,
        }
        tokio::time::sleep(POLL).await;
    }
}

async fn work(
    state: AppState,
    handlers: Registry,
    worker: String,
    mut stop: tokio::sync::watch::Receiver<bool>,
) {
    loop {
        if *stop.borrow() {
            return;
        }
        let notified = state.jobs.notified();
        match try_run_one(&state, &handlers, &worker).await {
            Ok(true) => continue,
            Ok(false) => {}
            Err(err) => tracing::warn!(%worker, error = %err, "job worker: database error"),
        }
        tokio::select! {
            _ = tokio::time::timeout(POLL, notified) => {}
            // Set, or its sender gone: either way, stop.
            _ = stop.wait_for(|set| *set) => return,
        }
    }
}

/// Counts by state, for the outbox overview and tests.
#[derive(Debug, Default, PartialEq, Eq, sqlx::FromRow)]
pub struct Counts {
    pub waiting: i64,
    pub failed: i64,
    pub done: i64,
}

pub async fn counts(state: &AppState, kind: &str) -> Result<Counts> {
    Ok(sqlx::query_as(
        "SELECT
            CAST(COALESCE(SUM(CASE WHEN done_at IS NULL AND failed_at IS NULL THEN 1 ELSE 0 END), 0) AS BIGINT) AS waiting,
            CAST(COALESCE(SUM(CASE WHEN failed_at IS NOT NULL THEN 1 ELSE 0 END), 0) AS BIGINT) AS failed,
            CAST(COALESCE(SUM(CASE WHEN done_at IS NOT NULL THEN 1 ELSE 0 END), 0) AS BIGINT) AS done
         FROM jobs WHERE kind = $1",
    )
    .bind(kind)
    .fetch_one(&state.db.pool)
    .await?)
}

#[cfg(test)]
mod tests {
    use std::sync::{
        Arc,
        atomic::{AtomicUsize, Ordering},
    };

    use super::{Outcome, backoff, caught, supervise};

    #[tokio::test]
    async fn a_panicking_handler_is_a_failure_with_its_message() {
        let outcome = caught(async { panic!("header value with a line break") }).await;
        assert_eq!(
            outcome,
            Outcome::Fail(
                "the job stopped with an error in the program: header value with a line break"
                    .into()
            )
        );
        assert_eq!(caught(async { Outcome::Done }).await, Outcome::Done);
    }

    #[tokio::test]
    async fn a_worker_loop_that_panics_is_started_again() {
        let starts = Arc::new(AtomicUsize::new(0));
        let counter = starts.clone();
        let (_keep, stop) = tokio::sync::watch::channel(false);
        let supervisor = tokio::spawn(supervise("w".into(), stop, move || {
            let n = counter.fetch_add(1, Ordering::SeqCst);
            async move {
                if n < 2 {
                    panic!("worker {n} dies");
                }
                std::future::pending::<()>().await
            }
        }));
        for _ in 0..100 {
            if starts.load(Ordering::SeqCst) >= 3 {
                break;
            }
            tokio::time::sleep(std::time::Duration::from_millis(500)).await;
        }
        assert_eq!(
            starts.load(Ordering::SeqCst),
            3,
            "started again after each panic"
        );
        assert!(!supervisor.is_finished());
        supervisor.abort();
    }

    #[test]
    fn back_off_doubles_up_to_an_hour() {
        assert_eq!(backoff(30, 1), 30);
        assert_eq!(backoff(30, 2), 60);
        assert_eq!(backoff(30, 4), 240);
        assert_eq!(backoff(30, 12), 3600);
        assert_eq!(backoff(0, 5), 0);
    }
}
