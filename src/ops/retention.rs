//! Retention of what the firm does not need to keep for ever (ASVS V14.2.4, decision 0073): the
//! dialog's messages older than `KUNDEKORT_RETAIN_MESSAGES_MONTHS` (unset: kept), with their
//! recipients, attachments' rows and delivery history, and background jobs finished more than
//! `KUNDEKORT_RETAIN_JOBS_DAYS` ago (default 30), and the documents an erasure kept (a worker's
//! employment contract, bokføringsloven) once the day they were kept until has passed, file and
//! all. A daily job ([`DataRetention`], kind [`KIND`],
//! 04:30 Oslo time, after the security log's own retention at 04:00, decision 0056) deletes them
//! in batches of [`BATCH`] rows, each batch its own short transaction, so a first run on a large
//! database neither holds a long lock nor grows one huge transaction.
//!
//! Not deleted here, and why (decision 0073): invoices and their documents and the payroll
//! exports (bokføringsloven § 13: five years after the financial year), the audit log (the change history:
//! who did what, kept as the firm's accountability; an erased person's rows hold ids and field
//! names, not the erased values), the security log (its own retention, decision 0056), and
//! messages still queued.

use time::{Date, PrimitiveDateTime, Time};

use crate::{
    Result,
    db::Db,
    files::FileStore,
    jobs::{self, BoxFuture, Claimed, Handler, Outcome},
    state::AppState,
    timefmt::{
        now,
        when::{oslo_date, oslo_to_unix},
    },
};

/// The daily job's kind.
pub const KIND: &str = "data.retention";
/// Rows per batch (and per transaction).
pub const BATCH: i64 = 500;
/// When the daily run happens, Oslo time.
const RUN_AT: Time = time::macros::time!(04:30);

/// The messages' statuses that are final: a queued message is still on its way.
const FINISHED_MESSAGES: &str = "status IN ('sent', 'delivered', 'failed', 'received')";

/// What one run deleted.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Pruned {
    pub messages: u64,
    pub jobs: u64,
    /// Documents an erasure kept, past their date.
    pub kept_documents: u64,
}

/// The start (Oslo midnight) of the day `months` months before the day of `at`; a day the
/// shorter month lacks becomes its last (31 March less one month is 28 or 29 February).
pub fn months_before(at: i64, months: u32) -> i64 {
    let today = oslo_date(at);
    let index = today.year() * 12 + i32::from(u8::from(today.month())) - 1 - months as i32;
    let (year, month0) = (index.div_euclid(12), index.rem_euclid(12));
    let month = time::Month::try_from(month0 as u8 + 1).expect("a month of the year");
    let day = today.day().min(month.length(year));
    let date = Date::from_calendar_date(year, month, day).expect("a day of the month");
    oslo_to_unix(PrimitiveDateTime::new(date, Time::MIDNIGHT))
}

/// Deletes the messages created before `before` (finished ones) with their rows, in batches.
pub async fn prune_messages(db: &Db, before: i64) -> Result<u64> {
    let mut deleted = 0;
    loop {
        let mut tx = db.begin().await?;
        let ids: Vec<i64> = sqlx::query_scalar(sqlx::AssertSqlSafe(format!(
            "SELECT id FROM messages WHERE created_at < $1 AND {FINISHED_MESSAGES} \
             ORDER BY created_at, id LIMIT $2"
        )))
        .bind(before)
        .bind(BATCH)
        .fetch_all(&mut *tx)
        .await?;
        if ids.is_empty() {
            break;
        }
        // The children explicitly (not only through ON DELETE CASCADE), so no row is left
        // behind whichever way a table was made.
        for table in [
            "message_recipients",
            "message_attachments",
            "message_events",
        ] {
            let mut sql =
                crate::db::Sql::new(&format!("DELETE FROM {table} WHERE message_id IN ("));
            sql.bind_list(ids.iter().copied()).push(")");
            sql.query().execute(&mut *tx).await?;
        }
        let mut sql = crate::db::Sql::new("DELETE FROM messages WHERE id IN (");
        sql.bind_list(ids.iter().copied()).push(")");
        deleted += sql.query().execute(&mut *tx).await?.rows_affected();
        tx.commit().await?;
    }
    Ok(deleted)
}

/// Deletes the jobs that finished (done or failed) before `before`, in batches, walking the
/// table once in id order.
pub async fn prune_jobs(db: &Db, before: i64) -> Result<u64> {
    let mut deleted = 0;
    let mut after = 0i64;
    loop {
        let mut tx = db.begin().await?;
        let ids: Vec<i64> = sqlx::query_scalar(
            "SELECT id FROM jobs WHERE id > $1 AND (done_at < $2 OR failed_at < $2) \
             ORDER BY id LIMIT $3",
        )
        .bind(after)
        .bind(before)
        .bind(BATCH)
        .fetch_all(&mut *tx)
        .await?;
        let Some(&last) = ids.last() else {
            break;
        };
        after = last;
        let mut sql = crate::db::Sql::new("DELETE FROM jobs WHERE id IN (");
        sql.bind_list(ids.iter().copied()).push(")");
        deleted += sql.query().execute(&mut *tx).await?.rows_affected();
        tx.commit().await?;
    }
    Ok(deleted)
}

/// Deletes the workers' documents an erasure kept (`retain_until`, `YYYY-MM-DD`) whose day has
/// passed by `today`: the rows in batches, each batch committed before its files are removed
/// from the store (a file left behind by a failure is an orphan, never a row without its file).
pub async fn prune_kept_documents(db: &Db, files: &FileStore, today: Date) -> Result<u64> {
    let today = crate::timefmt::when::date_string(today);
    let mut deleted = 0;
    loop {
        let mut tx = db.begin().await?;
        let rows: Vec<(i64, String)> = sqlx::query_as(
            "SELECT id, storage_key FROM worker_documents WHERE retain_until IS NOT NULL \
             AND retain_until < $1 ORDER BY id LIMIT $2",
        )
        .bind(&today)
        .bind(BATCH)
        .fetch_all(&mut *tx)
        .await?;
        if rows.is_empty() {
            break;
        }
        let mut sql = crate::db::Sql::new("DELETE FROM worker_documents WHERE id IN (");
        sql.bind_list(rows.iter().map(|(id, _)| *id)).push(")");
        deleted += sql.query().execute(&mut *tx).await?.rows_affected();
        tx.commit().await?;
        for (_, key) in &rows {
            crate::files::form::forget(files, key).await;
        }
    }
    Ok(deleted)
}

/// Deletes what is due at `at` under the settings (the kept documents apart:
/// [`prune_kept_documents`]).
pub async fn prune(
    db: &Db,
    at: i64,
    messages_months: Option<u32>,
    jobs_days: u32,
) -> Result<Pruned> {
    let messages = match messages_months {
        Some(m) if m > 0 => prune_messages(db, months_before(at, m)).await?,
        _ => 0,
    };
    let jobs = match jobs_days {
        0 => 0,
        d => prune_jobs(db, at - i64::from(d) * 86_400).await?,
    };
    Ok(Pruned {
        messages,
        jobs,
        kept_documents: 0,
    })
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
pub struct DataRetention;

impl Handler for DataRetention {
    fn kinds(&self) -> &'static [&'static str] {
        &[KIND]
    }

    fn run<'a>(&'a self, state: &'a AppState, job: &'a Claimed) -> BoxFuture<'a, Outcome> {
        Box::pin(async move {
            let at = now();
            if let Err(outcome) = jobs::queue_next_daily(&state.db, KIND, RUN_AT, job, at).await {
                return outcome;
            }
            let c = &state.config;
            let run = async {
                let mut p =
                    prune(&state.db, at, c.retain_messages_months, c.retain_jobs_days).await?;
                p.kept_documents =
                    prune_kept_documents(&state.db, &state.files, oslo_date(at)).await?;
                Ok::<Pruned, crate::AppError>(p)
            };
            match run.await {
                Ok(p) => {
                    tracing::info!(
                        messages = p.messages,
                        jobs = p.jobs,
                        kept_documents = p.kept_documents,
                        "data retention: run done"
                    );
                    Outcome::Done
                }
                Err(e) => Outcome::Retry(format!("database: {e}")),
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn months_back_land_on_a_day_the_month_has() {
        let noon = |y, m, d| {
            oslo_to_unix(PrimitiveDateTime::new(
                Date::from_calendar_date(y, m, d).unwrap(),
                time::macros::time!(12:00),
            ))
        };
        use time::Month::*;
        assert_eq!(
            oslo_date(months_before(noon(2026, March, 31), 1)),
            Date::from_calendar_date(2026, February, 28).unwrap()
        );
        assert_eq!(
            oslo_date(months_before(noon(2026, January, 15), 13)),
            Date::from_calendar_date(2024, December, 15).unwrap()
        );
        let start = months_before(noon(2026, June, 10), 0);
        assert_eq!(
            oslo_date(start),
            Date::from_calendar_date(2026, June, 10).unwrap()
        );
        assert_eq!(
            oslo_date(start - 1),
            Date::from_calendar_date(2026, June, 9).unwrap()
        );
    }
}
