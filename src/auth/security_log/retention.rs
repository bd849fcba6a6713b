//! The security log stays bounded (issue 18, decision 0056). Rows older than the firm's
//! retention (`session_settings.security_log_days`, default [`DEFAULT_DAYS`], set by an admin at
//! `/admin/sessions`) are deleted by a daily job ([`Retention`], kind [`KIND`], 04:00 Oslo
//! time). Rows that name nobody are the ones anyone can cause without an account: failed
//! log-ins by unknown names ([`super::record`] makes at most ten rows of them per address and
//! door within an hour, counting repeats) and refusals ([`super::refusals`], one row per address,
//! kind and reason a minute); the job keeps only the newest [`MAX_ANONYMOUS`] of them all
//! besides. A run that deleted something says so in the log itself (`log-pruned`).

use time::Time;

use super::{Event, Kind, Subject, record};
use crate::{
    Result,
    db::Db,
    jobs::{self, BoxFuture, Claimed, Handler, Outcome},
    state::AppState,
    timefmt::now,
};

/// The daily job's kind.
pub const KIND: &str = "security_log.retention";
/// Days a row is kept when no other period was set: a little over a year, so that last
/// year's events can be compared with this year's.
pub const DEFAULT_DAYS: i64 = 400;
/// The bounds an admin may set.
pub const MIN_DAYS: i64 = 30;
pub const MAX_DAYS: i64 = 3650;
/// The most rows naming nobody that are kept (the newest), of all kinds together.
pub const MAX_ANONYMOUS: i64 = 100_000;

/// When the daily run happens, Oslo time.
const RUN_AT: Time = time::macros::time!(04:00);

/// Failed log-ins by unknown names (and refused ones), which [`super::record`] counts on few
/// rows.
pub(super) const UNKNOWN_NAMES: &str = "kind = 'login-failed' AND user_id IS NULL \
     AND contact_id IS NULL AND worker_id IS NULL AND actor_id IS NULL";

/// The rows that name nobody, of every kind anyone can cause without an account: failed
/// log-ins by unknown names, refused tokens, cross-site requests, rate limits, refused access,
/// locked signing codes, honeypot hits, refused uploads — and any kind added later, since the
/// rule is "names nobody", not a list (decision 0066). Only the retention run's own rows are
/// left out: nobody outside can cause them, and they say what was deleted.
pub(super) const ANONYMOUS: &str = "kind <> 'log-pruned' AND user_id IS NULL \
     AND contact_id IS NULL AND worker_id IS NULL AND actor_id IS NULL";

/// How many days rows are kept.
pub async fn days(db: &Db) -> Result<i64> {
    let days: Option<i64> =
        sqlx::query_scalar("SELECT security_log_days FROM session_settings WHERE id = 1")
            .fetch_optional(&db.pool)
            .await?;
    Ok(days.unwrap_or(DEFAULT_DAYS).clamp(MIN_DAYS, MAX_DAYS))
}

/// What one run deleted.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Pruned {
    /// Older than the retention.
    pub expired: u64,
    /// Rows naming nobody beyond the newest `max_anonymous`.
    pub anonymous: u64,
}

/// Deletes what is due at `at`, keeping at most `max_anonymous` rows that name nobody; records
/// the run when it deleted anything.
pub async fn prune(db: &Db, at: i64, max_anonymous: i64) -> Result<Pruned> {
    let days = days(db).await?;
    let mut tx = db.begin().await?;
    let expired = sqlx::query("DELETE FROM security_log WHERE at < $1")
        .bind(at - days * 86_400)
        .execute(&mut *tx)
        .await?
        .rows_affected();
    // The newest row past the allowance, and every older one with it.
    let past: Option<i64> = sqlx::query_scalar(sqlx::AssertSqlSafe(format!(
        "SELECT id FROM security_log WHERE {ANONYMOUS} ORDER BY id DESC LIMIT 1 OFFSET $1"
    )))
    .bind(max_anonymous.max(0))
    .fetch_optional(&mut *tx)
    .await?;
    let anonymous = match past {
        Some(id) => sqlx::query(sqlx::AssertSqlSafe(format!(
            "DELETE FROM security_log WHERE {ANONYMOUS} AND id <= $1"
        )))
        .bind(id)
        .execute(&mut *tx)
        .await?
        .rows_affected(),
        None => 0,
    };
    let pruned = Pruned { expired, anonymous };
    if expired + anonymous > 0 {
        let e = Event::new(Kind::LogPruned, Subject::Nobody).detail(format!(
            "{expired} older than {days} days, {anonymous} naming nobody beyond the newest {max_anonymous}"
        ));
        record(&mut tx, &e).await?;
    }
    tx.commit().await?;
    Ok(pruned)
}

/// The start of the next run after `at`: tomorrow at [`RUN_AT`], Oslo time.
pub fn next_run(at: i64) -> i64 {
    jobs::next_daily_run(at, RUN_AT)
}

/// Makes sure the daily job is queued (at start-up).
pub async fn ensure_scheduled(db: &Db) -> Result<()> {
    jobs::ensure_daily(db, KIND, RUN_AT).await
}

/// The recurring job: queues the next day's run, then deletes what is due.
pub struct Retention;

impl Handler for Retention {
    fn kinds(&self) -> &'static [&'static str] {
        &[KIND]
    }

    fn run<'a>(&'a self, state: &'a AppState, job: &'a Claimed) -> BoxFuture<'a, Outcome> {
        Box::pin(async move {
            let at = now();
            if let Err(outcome) = jobs::queue_next_daily(&state.db, KIND, RUN_AT, job, at).await {
                return outcome;
            }
            match prune(&state.db, at, MAX_ANONYMOUS).await {
                Ok(p) => {
                    tracing::info!(
                        expired = p.expired,
                        anonymous = p.anonymous,
                        "security log retention: run done"
                    );
                    Outcome::Done
                }
                Err(e) => Outcome::Retry(format!("database: {e}")),
            }
        })
    }
}
