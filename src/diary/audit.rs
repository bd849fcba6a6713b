//! Activities on a customer are customer data: every change writes a row of the card's change
//! history (`audit_log`, entity `activity`) in the same transaction as the change itself.

use sqlx::AnyConnection;

use crate::{
    Result,
    audit::{self, Change},
    timefmt::oslo_datetime,
};

/// What the history shows of an activity.
pub fn fields(title: &str, starts_at: i64, ends_at: i64) -> Vec<(&'static str, Option<String>)> {
    vec![
        ("title", Some(title.to_string())),
        ("start", Some(oslo_datetime(starts_at))),
        ("end", Some(oslo_datetime(ends_at))),
    ]
}

/// The changes from nothing (a new activity).
pub fn created(title: &str, starts_at: i64, ends_at: i64) -> Vec<Change> {
    let new = fields(title, starts_at, ends_at);
    let old = new.iter().map(|(f, _)| (*f, None)).collect();
    audit::diff(old, new)
}

pub fn changed(
    old: Vec<(&'static str, Option<String>)>,
    new: Vec<(&'static str, Option<String>)>,
) -> Vec<Change> {
    audit::diff(old, new)
}

/// Writes one history row for an activity on a customer (personal activities have no card).
pub async fn record(
    conn: &mut AnyConnection,
    customer_id: Option<i64>,
    activity_id: i64,
    action: &str,
    changes: &[Change],
    user_id: i64,
) -> Result<()> {
    match customer_id {
        Some(c) => {
            audit::record(
                conn,
                c,
                "activity",
                activity_id,
                action,
                changes,
                Some(user_id),
            )
            .await
        }
        None => Ok(()),
    }
}
