//! What payroll reads of the sheets (`payroll`, decision 0020): the sheets whose last day lies
//! in a period — a sheet is never split between two exports, and sheets are split at a month's
//! end, so a month's export holds exactly that month's days — with their hours summed per
//! overtime class and their priced allowances.

use crate::{
    Result,
    assignments::{
        allowance::{self, Allowance},
        model::OvertimeRate,
    },
    db::Db,
};

#[derive(Clone, Debug, sqlx::FromRow)]
pub struct PaySheet {
    pub id: i64,
    pub assignment_id: i64,
    pub period_start: String,
    pub period_end: String,
    pub status: String,
    /// The gross pay computed when the lines were last saved.
    pub pay_ore: i64,
    /// The pay rate and overtime classes fixed when the sheet was submitted (decision 0022):
    /// what an approved sheet is paid at, whatever the assignment says today.
    pub fixed_pay_rate_ore: Option<i64>,
    pub fixed_overtime: Option<String>,
}

/// A sheet's day lines summed per overtime class (percent; none without overtime rates).
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct HourSum {
    pub timesheet_id: i64,
    pub overtime_percent: Option<i64>,
    pub normal_minutes: i64,
    pub overtime_minutes: i64,
}

/// A sheet's priced allowance (see `timesheet_allowances`).
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct PayAllowance {
    pub timesheet_id: i64,
    pub allowance_code: String,
    pub minutes: Option<i64>,
    pub quantity_milli: Option<i64>,
    /// `pay` or `expense`.
    pub kind: String,
    pub pay_rate_ore: i64,
    pub pay_ore: i64,
}

#[derive(Clone, Debug, Default)]
pub struct PayData {
    /// Every sheet ending in the period, whatever its status.
    pub sheets: Vec<PaySheet>,
    /// Of the approved ones only.
    pub hours: Vec<HourSum>,
    pub allowances: Vec<PayAllowance>,
}

const IN_PERIOD: &str = "t.period_end >= $1 AND t.period_end <= $2";

/// The sheets whose last day lies from `from` to `to` (`YYYY-MM-DD`), and the pay of the
/// approved ones.
pub async fn ending_in(db: &Db, from: &str, to: &str) -> Result<PayData> {
    let sheets = sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "SELECT t.id, t.assignment_id, t.period_start, t.period_end, t.status, t.pay_ore, \
         t.fixed_pay_rate_ore, t.fixed_overtime FROM timesheets t WHERE {IN_PERIOD} ORDER BY t.period_start, t.id"
    )))
    .bind(from)
    .bind(to)
    .fetch_all(&db.pool)
    .await?;
    let hours = sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "SELECT l.timesheet_id, l.overtime_percent, \
         CAST(SUM(l.normal_minutes) AS BIGINT) AS normal_minutes, \
         CAST(SUM(l.overtime_minutes) AS BIGINT) AS overtime_minutes \
         FROM timesheet_lines l JOIN timesheets t ON t.id = l.timesheet_id \
         WHERE t.status = 'approved' AND {IN_PERIOD} \
         GROUP BY l.timesheet_id, l.overtime_percent"
    )))
    .bind(from)
    .bind(to)
    .fetch_all(&db.pool)
    .await?;
    let allowances = sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "SELECT a.timesheet_id, a.allowance_code, a.minutes, a.quantity_milli, a.kind, \
         a.pay_rate_ore, a.pay_ore FROM timesheet_allowances a \
         JOIN timesheets t ON t.id = a.timesheet_id WHERE t.status = 'approved' AND {IN_PERIOD}"
    )))
    .bind(from)
    .bind(to)
    .fetch_all(&db.pool)
    .await?;
    Ok(PayData {
        sheets,
        hours,
        allowances,
    })
}

/// The overtime classes (percent) and allowances fixed on submitted sheets (decision 0022): an
/// assignment may since have dropped a class its approved sheets are still paid in, and the wage
/// type mapping must cover them too.
pub async fn fixed_items(db: &Db) -> Result<(Vec<i64>, Vec<Allowance>)> {
    let rows: Vec<(Option<String>, Option<String>)> = sqlx::query_as(
        "SELECT DISTINCT fixed_overtime, fixed_allowances FROM timesheets \
         WHERE rates_fixed_at IS NOT NULL",
    )
    .fetch_all(&db.pool)
    .await?;
    let mut classes = Vec::new();
    let mut allowances: Vec<Allowance> = Vec::new();
    for (overtime, stored) in rows {
        let rates: Vec<OvertimeRate> =
            serde_json::from_str(overtime.as_deref().unwrap_or("[]")).unwrap_or_default();
        classes.extend(rates.iter().map(|r| r.percent));
        for a in allowance::from_stored(stored.as_deref().unwrap_or("[]")) {
            if !allowances.iter().any(|b| b.code == a.code) {
                allowances.push(a);
            }
        }
    }
    Ok((classes, allowances))
}
