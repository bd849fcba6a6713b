//! Moving, resizing (the calendar's drag and drop) and deleting activities, each in one
//! transaction with the card's history and the customer's "last activity".

use super::{
    audit,
    store::{Activity, refresh_last_activity, stale},
    types::Kind,
};
use crate::{
    Result,
    db::Db,
    error::{FieldErrors, Msg},
    timefmt::now,
    timefmt::when,
};

/// Moves or resizes an activity (the calendar's drag and drop). A task keeps being a whole-day
/// task: its due date follows the day it is dropped on. Returns the new version.
pub async fn reschedule(
    db: &Db,
    user_id: i64,
    current: &Activity,
    starts_at: i64,
    ends_at: i64,
    all_day: bool,
) -> Result<i64> {
    let mut errors = FieldErrors::default();
    let (mut starts_at, mut ends_at, mut all_day) = (starts_at, ends_at, all_day);
    let mut due_date = None;
    if Kind::parse(&current.kind) == Some(Kind::Task) {
        let day = when::oslo_date(starts_at);
        starts_at = when::day_start(day);
        ends_at = when::day_start(day.next_day().unwrap_or(day));
        all_day = true;
        due_date = Some(when::date_string(day));
    } else if all_day {
        let (s, e) = (when::oslo_date(starts_at), when::oslo_date(ends_at - 1));
        starts_at = when::day_start(s);
        ends_at = when::day_start(e.next_day().unwrap_or(e));
    }
    if ends_at <= starts_at {
        errors.add("end", Msg::new("activity-end-before-start"));
    } else if ends_at - starts_at > 62 * 86_400 {
        errors.add("end", Msg::new("activity-too-long"));
    }
    errors.into_result()?;
    let mut tx = db.begin().await?;
    let res = sqlx::query(
        "UPDATE activities SET starts_at = $1, ends_at = $2, all_day = $3, due_date = $4, \
         updated_at = $5, version = version + 1 WHERE id = $6 AND version = $7 AND deleted_at IS NULL",
    )
    .bind(starts_at)
    .bind(ends_at)
    .bind(i64::from(all_day))
    .bind(due_date)
    .bind(now())
    .bind(current.id)
    .bind(current.version)
    .execute(&mut *tx)
    .await?;
    if res.rows_affected() == 0 {
        return Err(stale());
    }
    let changes = audit::changed(
        audit::fields(&current.title, current.starts_at, current.ends_at),
        audit::fields(&current.title, starts_at, ends_at),
    );
    audit::record(
        &mut tx,
        current.customer_id,
        current.id,
        "activity-move",
        &changes,
        user_id,
    )
    .await?;
    refresh_last_activity(&mut tx, current.customer_id).await?;
    tx.commit().await?;
    // "Last activity" feeds a list filter: its cached totals are stale now.
    db.counts.invalidate();
    Ok(current.version + 1)
}

/// Deletes an activity (kept as a tombstone; the feed stops listing it, so calendars drop it).
pub async fn delete(db: &Db, user_id: i64, current: &Activity) -> Result<()> {
    let mut tx = db.begin().await?;
    let now = now();
    sqlx::query(
        "UPDATE activities SET deleted_at = $1, updated_at = $1, version = version + 1 \
         WHERE id = $2 AND deleted_at IS NULL",
    )
    .bind(now)
    .bind(current.id)
    .execute(&mut *tx)
    .await?;
    let changes = audit::changed(
        audit::fields(&current.title, current.starts_at, current.ends_at),
        vec![("title", None), ("start", None), ("end", None)],
    );
    audit::record(
        &mut tx,
        current.customer_id,
        current.id,
        "activity-delete",
        &changes,
        user_id,
    )
    .await?;
    refresh_last_activity(&mut tx, current.customer_id).await?;
    tx.commit().await?;
    // "Last activity" feeds a list filter: its cached totals are stale now.
    db.counts.invalidate();
    Ok(())
}
