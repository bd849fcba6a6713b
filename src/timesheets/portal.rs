//! What a customer's contact (with the *approve timesheets* right) sees of the sheets waiting
//! for them: submitted sheets of their own company's assignments where they are an approver
//! and have not already given the first of two approvals. Each shows the worker, the period,
//! the hours, the allowances and the cost at the company's own price — hours × BILL rates plus
//! allowances (the stored `bill_ore`), with 25 % VAT on top. Pay rates and margins are never
//! read here.
//!
//! **Matching the plan.** A sheet *matches* when it is exactly what the assignment's standard
//! week gives for the period (public holidays left out, as the prefill does): one line on each
//! planned day with the planned start, end and break, no line on any other day, no overtime and
//! no hand-entered units (kilometres, expenses…). Automatic allowances are then the ones of the
//! plan. Matching sheets are approved together with one button; every other sheet is shown with
//! what differs ([`Difference`]).

use std::collections::{HashMap, HashSet};

use serde::Serialize;
use time::Date;

use crate::{
    Result,
    assignments::{allowance, week::StandardWeek},
    db::Db,
    money::div_round,
    timefmt::when::parse_date,
    timesheets::{line::prefill, period::Period},
};

/// VAT on the bill, in basis points (25 %).
pub const VAT_BP: i64 = 2500;

/// How a sheet differs from its plan.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Difference {
    /// Overtime minutes on the sheet.
    Overtime(i64),
    /// A planned day without a line.
    Missing(Date),
    /// A line on a day with nothing planned.
    Extra(Date),
    /// A planned day worked at other times or with another break.
    Changed(Date),
    /// Hand-entered units (kilometres, expenses …).
    Units,
}

/// One priced allowance on a sheet, at the bill rate.
#[derive(Clone, Debug, Serialize)]
pub struct Extra {
    pub name: String,
    pub bill_ore: i64,
}

/// A sheet waiting for the contact's approval.
#[derive(Clone, Debug)]
pub struct Pending {
    pub id: i64,
    pub version: i64,
    pub worker_name: String,
    pub title: String,
    pub period_start: String,
    pub period_end: String,
    pub normal_minutes: i64,
    pub overtime_minutes: i64,
    pub allowances: Vec<Extra>,
    /// Before VAT.
    pub bill_ore: i64,
    pub vat_ore: i64,
    /// Whether another approver already gave the first of two approvals.
    pub first_approved: bool,
    pub differences: Vec<Difference>,
}

impl Pending {
    pub fn matches(&self) -> bool {
        self.differences.is_empty()
    }
    pub fn total_ore(&self) -> i64 {
        self.bill_ore + self.vat_ore
    }
}

/// VAT on `ore`, rounded once.
pub fn vat(ore: i64) -> i64 {
    i64::try_from(div_round(i128::from(ore) * i128::from(VAT_BP), 10_000)).unwrap_or(i64::MAX)
}

/// A stored line's day and times, as compared with the plan.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DayLine {
    pub date: Date,
    pub start: i64,
    pub end: i64,
    pub break_minutes: i64,
}

/// How the lines differ from what `week` plans for `period` (empty: the sheet matches).
pub fn differences(
    week: &StandardWeek,
    period: &Period,
    lines: &[DayLine],
    overtime_minutes: i64,
    has_units: bool,
) -> Vec<Difference> {
    let mut out = Vec::new();
    if overtime_minutes > 0 {
        out.push(Difference::Overtime(overtime_minutes));
    }
    let plan = prefill(week, period);
    for p in &plan {
        let on_day: Vec<&DayLine> = lines.iter().filter(|l| l.date == p.work_date).collect();
        match on_day.as_slice() {
            [] => out.push(Difference::Missing(p.work_date)),
            [l] if l.start == i64::from(p.start)
                && l.end == i64::from(p.end)
                && l.break_minutes == i64::from(p.break_minutes) => {}
            _ => out.push(Difference::Changed(p.work_date)),
        }
    }
    let mut extra: Vec<Date> = lines
        .iter()
        .map(|l| l.date)
        .filter(|d| !plan.iter().any(|p| p.work_date == *d))
        .collect();
    extra.dedup();
    out.extend(extra.into_iter().map(Difference::Extra));
    if has_units {
        out.push(Difference::Units);
    }
    out
}

#[derive(sqlx::FromRow)]
struct Row {
    id: i64,
    version: i64,
    worker_name: String,
    title: String,
    period_start: String,
    period_end: String,
    normal_minutes: i64,
    overtime_minutes: i64,
    bill_ore: i64,
    first_approved_by_contact_id: Option<i64>,
    standard_week: String,
    allowances: String,
}

/// The conditions shared by the list and the count: `$1` the company, `$2` the contact.
const WAITING: &str = "FROM timesheets t JOIN assignments a ON a.id = t.assignment_id \
    JOIN workers w ON w.id = a.worker_id \
    WHERE a.customer_id = $1 AND t.status = 'submitted' \
    AND (a.approver_contact_id = $2 OR a.second_approver_contact_id = $2) \
    AND (t.first_approved_by_contact_id IS NULL OR t.first_approved_by_contact_id <> $2)";

/// How many sheets wait for the contact (for the portal's home page).
pub async fn count(db: &Db, customer_id: i64, contact_id: i64) -> Result<i64> {
    Ok(
        sqlx::query_scalar(sqlx::AssertSqlSafe(format!("SELECT COUNT(*) {WAITING}")))
            .bind(customer_id)
            .bind(contact_id)
            .fetch_one(&db.pool)
            .await?,
    )
}

/// The sheets waiting for the contact, by period and worker. Four queries whatever the number
/// of sheets: the sheets, then the lines, the units and the allowances of all of them at once
/// (each through the same conditions as a subquery, so no list of ids is bound).
pub async fn pending(db: &Db, customer_id: i64, contact_id: i64) -> Result<Vec<Pending>> {
    load(db, customer_id, contact_id, None).await
}

/// Sheet `id` if it waits for the contact (an approval link's page).
pub async fn pending_one(
    db: &Db,
    customer_id: i64,
    contact_id: i64,
    id: i64,
) -> Result<Option<Pending>> {
    Ok(load(db, customer_id, contact_id, Some(id)).await?.pop())
}

/// The waiting sheets (all, or only sheet `only`).
async fn load(
    db: &Db,
    customer_id: i64,
    contact_id: i64,
    only: Option<i64>,
) -> Result<Vec<Pending>> {
    let waiting = match only {
        Some(_) => format!("{WAITING} AND t.id = $3"),
        None => WAITING.to_owned(),
    };
    let rows: Vec<Row> = bind_waiting(
        sqlx::query_as(sqlx::AssertSqlSafe(format!(
            "SELECT t.id, t.version, w.name AS worker_name, a.title, t.period_start, \
             t.period_end, t.normal_minutes, t.overtime_minutes, t.bill_ore, \
             t.first_approved_by_contact_id, a.standard_week, a.allowances {waiting} \
             ORDER BY t.period_start, w.sort_name, t.id"
        ))),
        customer_id,
        contact_id,
        only,
    )
    .fetch_all(&db.pool)
    .await?;
    if rows.is_empty() {
        return Ok(Vec::new());
    }
    let of_waiting = |select: &str, order: &str| {
        format!("{select} WHERE timesheet_id IN (SELECT t.id {waiting}) {order}")
    };
    let lines: Vec<(i64, String, i64, i64, i64)> = bind_waiting(sqlx::query_as(sqlx::AssertSqlSafe(of_waiting(
        "SELECT timesheet_id, work_date, start_minute, end_minute, break_minutes FROM timesheet_lines",
        "ORDER BY timesheet_id, start_at, id",
    ))), customer_id, contact_id, only)
    .fetch_all(&db.pool)
    .await?;
    let units: Vec<(i64, i64)> = bind_waiting(
        sqlx::query_as(sqlx::AssertSqlSafe(of_waiting(
            "SELECT timesheet_id, COUNT(*) FROM timesheet_units",
            "GROUP BY timesheet_id",
        ))),
        customer_id,
        contact_id,
        only,
    )
    .fetch_all(&db.pool)
    .await?;
    let earned: Vec<(i64, String, i64)> = bind_waiting(
        sqlx::query_as(sqlx::AssertSqlSafe(of_waiting(
            "SELECT timesheet_id, allowance_code, bill_ore FROM timesheet_allowances",
            "ORDER BY id",
        ))),
        customer_id,
        contact_id,
        only,
    )
    .fetch_all(&db.pool)
    .await?;
    let mut lines_of: HashMap<i64, Vec<DayLine>> = HashMap::new();
    for (id, d, start, end, break_minutes) in lines {
        if let Some(date) = parse_date(&d) {
            lines_of.entry(id).or_default().push(DayLine {
                date,
                start,
                end,
                break_minutes,
            });
        }
    }
    let with_units: HashSet<i64> = units
        .into_iter()
        .filter(|(_, n)| *n > 0)
        .map(|(id, _)| id)
        .collect();
    let mut earned_of: HashMap<i64, Vec<(String, i64)>> = HashMap::new();
    for (id, code, bill_ore) in earned {
        earned_of.entry(id).or_default().push((code, bill_ore));
    }
    Ok(rows
        .into_iter()
        .map(|r| {
            let lines = lines_of.remove(&r.id).unwrap_or_default();
            let earned = earned_of.remove(&r.id).unwrap_or_default();
            let has_units = with_units.contains(&r.id);
            one(r, &lines, has_units, earned)
        })
        .collect())
}

/// `query` with the waiting sheets' parameters bound: the customer, the contact and the one
/// sheet asked for.
fn bind_waiting<'q, O>(
    query: sqlx::query::QueryAs<'q, sqlx::Any, O, sqlx::any::AnyArguments>,
    customer_id: i64,
    contact_id: i64,
    only: Option<i64>,
) -> sqlx::query::QueryAs<'q, sqlx::Any, O, sqlx::any::AnyArguments> {
    let query = query.bind(customer_id).bind(contact_id);
    match only {
        Some(id) => query.bind(id),
        None => query,
    }
}

/// A waiting sheet with its lines, whether it has units, and its earned allowances.
fn one(r: Row, lines: &[DayLine], has_units: bool, earned: Vec<(String, i64)>) -> Pending {
    let names = allowance::from_stored(&r.allowances);
    let allowances = earned
        .into_iter()
        .map(|(code, bill_ore)| Extra {
            name: names
                .iter()
                .find(|a| a.code == code)
                .map_or(code, |a| a.name.clone()),
            bill_ore,
        })
        .collect();
    let week: StandardWeek = serde_json::from_str(&r.standard_week).unwrap_or_default();
    let differences = match (parse_date(&r.period_start), parse_date(&r.period_end)) {
        (Some(start), Some(end)) => differences(
            &week,
            &Period { start, end },
            lines,
            r.overtime_minutes,
            has_units,
        ),
        _ => vec![Difference::Units],
    };
    Pending {
        id: r.id,
        version: r.version,
        worker_name: r.worker_name,
        title: r.title,
        period_start: r.period_start,
        period_end: r.period_end,
        normal_minutes: r.normal_minutes,
        overtime_minutes: r.overtime_minutes,
        allowances,
        bill_ore: r.bill_ore,
        vat_ore: vat(r.bill_ore),
        first_approved: r.first_approved_by_contact_id.is_some(),
        differences,
    }
}

/// Whether sheet `id` belongs to one of the company's assignments.
pub async fn of_company(db: &Db, customer_id: i64, id: i64) -> Result<bool> {
    let found: Option<i64> = sqlx::query_scalar(
        "SELECT t.id FROM timesheets t JOIN assignments a ON a.id = t.assignment_id \
         WHERE t.id = $1 AND a.customer_id = $2",
    )
    .bind(id)
    .bind(customer_id)
    .fetch_optional(&db.pool)
    .await?;
    Ok(found.is_some())
}

#[cfg(test)]
mod tests {
    use time::macros::date;

    use super::*;
    use crate::assignments::week::Shift;

    fn day(date: Date, start: i64, end: i64) -> DayLine {
        DayLine {
            date,
            start,
            end,
            break_minutes: 30,
        }
    }

    #[test]
    fn a_sheet_matches_only_the_plan_exactly() {
        let week = StandardWeek::weekdays(Shift {
            start: 450,
            end: 930,
            break_minutes: 30,
        });
        // Monday 7 – Wednesday 9 December 2026.
        let period = Period {
            start: date!(2026 - 12 - 07),
            end: date!(2026 - 12 - 09),
        };
        let plan = [
            day(date!(2026 - 12 - 07), 450, 930),
            day(date!(2026 - 12 - 08), 450, 930),
            day(date!(2026 - 12 - 09), 450, 930),
        ];
        assert!(differences(&week, &period, &plan, 0, false).is_empty());
        assert_eq!(
            differences(&week, &period, &plan, 0, true),
            vec![Difference::Units]
        );
        let changed = [plan[0], day(date!(2026 - 12 - 08), 450, 1170)];
        assert_eq!(
            differences(&week, &period, &changed, 240, false),
            vec![
                Difference::Overtime(240),
                Difference::Changed(date!(2026 - 12 - 08)),
                Difference::Missing(date!(2026 - 12 - 09)),
            ]
        );
        // A Saturday is not planned.
        let weekend = Period {
            start: date!(2026 - 12 - 12),
            end: date!(2026 - 12 - 12),
        };
        assert_eq!(
            differences(
                &week,
                &weekend,
                &[day(date!(2026 - 12 - 12), 450, 930)],
                0,
                false
            ),
            vec![Difference::Extra(date!(2026 - 12 - 12))]
        );
        assert_eq!(vat(100_001), 25_000);
    }
}
