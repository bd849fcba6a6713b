//! The firm's one row of timesheet settings (`timesheet_settings`, decision 0019): whether an
//! overtime agreement allows the wider limits, and when reminders go out. Read on every save
//! (the law's limits) and by the daily reminders; written by the admin's page, recorded as a
//! firm-wide change in the audit log.

use sqlx::AnyConnection;

use crate::{Result, audit, db::Db, timefmt::now, timesheets::law::OvertimeLimits};

/// The longest wait a reminder setting allows, in days.
pub const MAX_REMINDER_DAYS: i64 = 60;

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct TimesheetSettings {
    /// A written agreement allows 20 / 50 / 300 hours of overtime (aml. § 10-6 (5)).
    pub overtime_agreement: bool,
    /// Days after a period ends before the worker is reminded of a sheet not submitted; 0 = off.
    pub worker_reminder_days: i64,
    /// Days after a submission before each approver still to decide is reminded; 0 = off.
    pub approver_reminder_days: i64,
}

impl TimesheetSettings {
    /// The overtime limits the law's check uses.
    pub fn limits(&self) -> OvertimeLimits {
        OvertimeLimits::new(self.overtime_agreement)
    }

    /// What the audit log shows: readable values under stable field names.
    fn audit_fields(&self) -> Vec<(&'static str, Option<String>)> {
        let l = self.limits();
        vec![
            (
                "overtime_limits",
                Some(format!(
                    "{}/{}/{}",
                    l.days_7 / 60,
                    l.weeks_4 / 60,
                    l.weeks_52 / 60
                )),
            ),
            (
                "worker_reminder_days",
                Some(self.worker_reminder_days.to_string()),
            ),
            (
                "approver_reminder_days",
                Some(self.approver_reminder_days.to_string()),
            ),
        ]
    }
}

const SELECT: &str = "SELECT overtime_agreement, worker_reminder_days, approver_reminder_days \
    FROM timesheet_settings WHERE id = 1";

fn from_row((agreement, worker, approver): (i64, i64, i64)) -> TimesheetSettings {
    TimesheetSettings {
        overtime_agreement: agreement == 1,
        worker_reminder_days: worker,
        approver_reminder_days: approver,
    }
}

pub async fn settings(db: &Db) -> Result<TimesheetSettings> {
    Ok(from_row(sqlx::query_as(SELECT).fetch_one(&db.pool).await?))
}

/// The settings as the caller's transaction sees them (a save's law check).
pub(crate) async fn settings_in(conn: &mut AnyConnection) -> Result<TimesheetSettings> {
    Ok(from_row(
        sqlx::query_as(SELECT).fetch_one(&mut *conn).await?,
    ))
}

/// Saves new settings over `old` (as read before) and records what changed; nothing is
/// recorded when nothing changed. The next save of a sheet uses the new limits; stored warnings
/// stay as they were found until their sheet is saved again.
pub async fn save_settings(
    conn: &mut AnyConnection,
    user_id: i64,
    old: &TimesheetSettings,
    new: &TimesheetSettings,
) -> Result<()> {
    sqlx::query(
        "UPDATE timesheet_settings SET overtime_agreement = $1, worker_reminder_days = $2, \
         approver_reminder_days = $3, updated_at = $4 WHERE id = 1",
    )
    .bind(i64::from(new.overtime_agreement))
    .bind(new.worker_reminder_days)
    .bind(new.approver_reminder_days)
    .bind(now())
    .execute(&mut *conn)
    .await?;
    let changes = audit::diff(old.audit_fields(), new.audit_fields());
    if !changes.is_empty() {
        audit::record_unscoped(
            conn,
            "timesheet-settings",
            1,
            "update",
            &changes,
            Some(user_id),
        )
        .await?;
    }
    Ok(())
}
