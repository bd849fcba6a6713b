//! What the customer's card shows of the timesheets, one query each whatever the number of
//! assignments: the Assignments tab's sheets of this month per assignment, and the overview's
//! hours of the last 30 days. Hours count only what the worker has reported — sheets submitted
//! or approved; a draft's lines are the plan prefilled, not work done.

use std::collections::HashMap;

use crate::{Result, db::Db};

/// A sheet of the month: its id, its period's first day and its status.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WeekSheet {
    pub id: i64,
    pub period_start: String,
    pub status: String,
}

/// One assignment's sheets in a month, for the card's Assignments tab.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct MonthSummary {
    /// The state of the latest sheet that has begun (by `period_start`), if any.
    pub latest_status: Option<String>,
    /// The sheets in period order.
    pub weeks: Vec<WeekSheet>,
    /// Hours reported: of the sheets submitted or approved.
    pub worked_minutes: i64,
}

/// Per assignment of a customer, its sheets from `from` to `to` (`YYYY-MM-DD`, the sheets
/// starting in that range), `today` deciding which sheet is the latest begun. One query.
pub async fn month_for_customer(
    db: &Db,
    customer_id: i64,
    from: &str,
    to: &str,
    today: &str,
) -> Result<HashMap<i64, MonthSummary>> {
    let rows: Vec<(i64, i64, String, String, i64)> = sqlx::query_as(
        "SELECT t.assignment_id, t.id, t.period_start, t.status, t.worked_minutes FROM timesheets t \
         JOIN assignments a ON a.id = t.assignment_id \
         WHERE a.customer_id = $1 AND t.period_start >= $2 AND t.period_start <= $3 \
         ORDER BY t.assignment_id, t.period_start",
    )
    .bind(customer_id)
    .bind(from)
    .bind(to)
    .fetch_all(&db.pool)
    .await?;
    let mut out: HashMap<i64, MonthSummary> = HashMap::new();
    for (aid, id, period_start, status, worked) in rows {
        let s = out.entry(aid).or_default();
        if matches!(status.as_str(), "submitted" | "approved") {
            s.worked_minutes += worked;
        }
        if period_start.as_str() <= today {
            s.latest_status = Some(status.clone());
        }
        s.weeks.push(WeekSheet {
            id,
            period_start,
            status,
        });
    }
    Ok(out)
}

/// The minutes worked on a customer's assignments from `from` to `to` (`YYYY-MM-DD`, both
/// included, by the lines' work dates), on sheets submitted or approved. One query.
pub async fn hours_between(db: &Db, customer_id: i64, from: &str, to: &str) -> Result<i64> {
    Ok(sqlx::query_scalar(
        "SELECT CAST(COALESCE(SUM(l.worked_minutes), 0) AS BIGINT) FROM timesheet_lines l \
         JOIN timesheets t ON t.id = l.timesheet_id JOIN assignments a ON a.id = t.assignment_id \
         WHERE a.customer_id = $1 AND t.status IN ('submitted', 'approved') \
         AND l.work_date >= $2 AND l.work_date <= $3",
    )
    .bind(customer_id)
    .bind(from)
    .bind(to)
    .fetch_one(&db.pool)
    .await?)
}
