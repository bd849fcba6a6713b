//! Saving a sheet's lines (and hand-entered units) while it is a draft or rejected: parsed and
//! computed through the rules ([`super::compute`]), the lines stored with their computed
//! columns and the sheet with its totals, then the working-hours law run over the worker's
//! intervals across all their assignments in a window around the sheet, replacing the sheet's
//! warnings (warnings never block). Staff saving on the worker's behalf is recorded on the
//! sheet and on the customer's card.

use sqlx::AnyConnection;
use time::{Date, Duration};

use super::{
    Actor, By, Sheet,
    compute::{Computed, UnitDraft, compute, parse},
    conflict, event, get_in, recompute,
};
use crate::{
    AppError, Result,
    assignments::store::sheet_terms::{self, Terms},
    audit,
    db::{Arg, Sql},
    error::Msg,
    timefmt::{
        now,
        when::{date_string, day_start, parse_date},
    },
    timesheets::{
        allowances::Quantity,
        law::{self, LawRule, Warning},
        line::{Line, LineDraft, WorkInterval},
        pay::{Basis, Item, SheetPay},
        split::LineSplit,
    },
};

/// Rows per multi-row INSERT of lines (13 values each).
const LINE_BATCH: usize = 500;

pub(crate) struct LineInsert<'a> {
    pub sheet_id: i64,
    pub line: &'a Line,
    pub split: &'a LineSplit,
}

pub(crate) async fn insert_lines(conn: &mut AnyConnection, rows: &[LineInsert<'_>]) -> Result<()> {
    for chunk in rows.chunks(LINE_BATCH) {
        let mut sql = Sql::new(
            "INSERT INTO timesheet_lines (timesheet_id, work_date, start_minute, end_minute, \
             break_minutes, comment, start_at, end_at, worked_minutes, normal_minutes, \
             overtime_minutes, overtime_percent, law_overtime_minutes) VALUES ",
        );
        for (i, r) in chunk.iter().enumerate() {
            if i > 0 {
                sql.push(", ");
            }
            let l = r.line;
            let interval = l.interval();
            let comment = (!l.comment.is_empty()).then(|| l.comment.clone());
            sql.push("(").bind_list([
                Arg::from(r.sheet_id),
                Arg::from(date_string(l.work_date)),
                Arg::from(i64::from(l.start)),
                Arg::from(i64::from(l.end)),
                Arg::from(i64::from(l.break_minutes)),
                Arg::from(comment),
                Arg::from(interval.start),
                Arg::from(interval.end),
                Arg::from(r.split.worked),
                Arg::from(r.split.normal),
                Arg::from(r.split.overtime),
                Arg::from(r.split.overtime_percent),
                Arg::from(r.split.law_overtime),
            ]);
            sql.push(")");
        }
        sql.query().execute(&mut *conn).await?;
    }
    Ok(())
}

/// The earned allowances of each sheet, priced.
pub(crate) async fn insert_allowances(
    conn: &mut AnyConnection,
    sheets: &[(i64, &SheetPay)],
) -> Result<()> {
    let rows: Vec<(i64, &crate::timesheets::pay::PayLine, &String)> = sheets
        .iter()
        .flat_map(|(id, pay)| {
            pay.lines.iter().filter_map(move |l| match &l.item {
                Item::Allowance(code) => Some((*id, l, code)),
                _ => None,
            })
        })
        .collect();
    for chunk in rows.chunks(LINE_BATCH) {
        let mut sql = Sql::new(
            "INSERT INTO timesheet_allowances (timesheet_id, allowance_code, minutes, quantity_milli, \
             kind, pay_rate_ore, pay_ore, bill_rate_ore, bill_ore) VALUES ",
        );
        for (i, (id, l, code)) in chunk.iter().enumerate() {
            if i > 0 {
                sql.push(", ");
            }
            let (minutes, milli) = match l.quantity {
                Quantity::Minutes(m) => (Some(m), None),
                Quantity::Milli(m) => (None, Some(m)),
            };
            let kind = match l.basis {
                Basis::HolidayPay => "pay",
                Basis::Reimbursement => "expense",
            };
            sql.push("(").bind_list([
                Arg::from(*id),
                Arg::from(code.as_str()),
                Arg::from(minutes),
                Arg::from(milli),
                Arg::from(kind),
                Arg::from(l.pay_rate_ore),
                Arg::from(l.pay_ore),
                Arg::from(l.bill_rate_ore),
                Arg::from(l.bill_ore),
            ]);
            sql.push(")");
        }
        sql.query().execute(&mut *conn).await?;
    }
    Ok(())
}

/// Replaces a sheet's lines (with their computed columns) and its priced allowances.
pub(crate) async fn replace_computed(
    conn: &mut AnyConnection,
    sheet_id: i64,
    lines: &[Line],
    c: &Computed,
) -> Result<()> {
    for table in ["timesheet_lines", "timesheet_allowances"] {
        sqlx::query(sqlx::AssertSqlSafe(format!(
            "DELETE FROM {table} WHERE timesheet_id = $1"
        )))
        .bind(sheet_id)
        .execute(&mut *conn)
        .await?;
    }
    let rows: Vec<LineInsert> = lines
        .iter()
        .zip(&c.split.lines)
        .map(|(line, split)| LineInsert {
            sheet_id,
            line,
            split,
        })
        .collect();
    insert_lines(conn, &rows).await?;
    insert_allowances(conn, &[(sheet_id, &c.pay)]).await
}

/// May `by` change this assignment's lines? The worker (their own) and staff; never an
/// approver (approvers never edit hours).
pub(crate) fn may_edit(by: &By, t: &Terms) -> Result<()> {
    match by.actor {
        Actor::Worker(id) if id == t.worker_id => Ok(()),
        Actor::Staff(_) => Ok(()),
        _ => Err(AppError::Forbidden),
    }
}

/// What a save gave: the sheet's new version and the warnings now stored for it.
#[derive(Clone, Debug)]
pub struct Saved {
    pub version: i64,
    pub warnings: Vec<Warning>,
}

/// Saves the sheet's lines and units (replacing the old ones), if `version` is still current
/// and the sheet is a draft or rejected. Bad input: `AppError::Invalid` with a message per
/// field (`line-{i}-{field}`, `unit-{i}`, see [`super::compute::parse`]) and nothing written.
pub async fn save(
    conn: &mut AnyConnection,
    sheet_id: i64,
    version: i64,
    drafts: &[LineDraft],
    units: &[UnitDraft],
    by: &By,
) -> Result<Saved> {
    let sheet = get_in(conn, sheet_id).await?;
    let t = sheet_terms::terms(conn, sheet.assignment_id)
        .await?
        .ok_or(AppError::NotFound)?;
    may_edit(by, &t)?;
    if !sheet.status().editable() {
        return Err(AppError::Conflict(
            Msg::new("timesheet-locked").arg("status", &sheet.status),
        ));
    }
    if sheet.version != version {
        return Err(conflict(conn, sheet_id, version).await);
    }
    let period = sheet.period().ok_or(AppError::NotFound)?;
    let assignment_terms = t.clone();
    let t = recompute::priced_terms(conn, sheet_id, t).await?;
    let (lines, entries) = parse(&t, &period, drafts, units).map_err(AppError::Invalid)?;
    let other = other_part_minutes(conn, &sheet).await?;
    let c = compute(&t, &lines, &entries, &other);

    let done = sqlx::query(
        "UPDATE timesheets SET worked_minutes = $1, normal_minutes = $2, overtime_minutes = $3, \
         law_overtime_minutes = $4, pay_ore = $5, expenses_ore = $6, bill_ore = $7, \
         version = version + 1, updated_at = $8 \
         WHERE id = $9 AND version = $10 AND status IN ('draft', 'rejected')",
    )
    .bind(c.split.worked)
    .bind(c.split.normal)
    .bind(c.split.overtime_total())
    .bind(c.split.law_overtime)
    .bind(c.pay.pay_ore)
    .bind(c.pay.expenses_ore)
    .bind(c.pay.bill_ore)
    .bind(now())
    .bind(sheet_id)
    .bind(version)
    .execute(&mut *conn)
    .await?;
    if done.rows_affected() == 0 {
        return Err(conflict(conn, sheet_id, version).await);
    }
    sqlx::query("DELETE FROM timesheet_units WHERE timesheet_id = $1")
        .bind(sheet_id)
        .execute(&mut *conn)
        .await?;
    replace_computed(conn, sheet_id, &lines, &c).await?;
    for u in &entries {
        sqlx::query(
            "INSERT INTO timesheet_units (timesheet_id, allowance_code, quantity_milli) VALUES ($1, $2, $3)",
        )
        .bind(sheet_id)
        .bind(&u.code)
        .bind(u.quantity_milli)
        .execute(&mut *conn)
        .await?;
    }
    let warnings = check_law(conn, &sheet, t.worker_id).await?;
    // The other part of a split week: its overtime (a draft's) and its warnings follow this
    // part's change; a submitted or approved part stands as it was sent (decision 0022).
    if let Some(other) = recompute::other_part(conn, &sheet).await? {
        if other.status().editable() {
            recompute::recompute(conn, &other, assignment_terms).await?;
        }
        check_law(conn, &other, t.worker_id).await?;
    }
    event(conn, sheet_id, "saved", by, None).await?;
    if let Actor::Staff(user) = by.actor {
        let changes = [audit::Change {
            field: "hours".into(),
            old: Some(crate::timefmt::hours_text(sheet.worked_minutes)),
            new: Some(crate::timefmt::hours_text(c.split.worked)),
        }];
        audit::record(
            conn,
            t.customer_id,
            "timesheet",
            sheet_id,
            "timesheet-update",
            &changes,
            Some(user),
        )
        .await?;
    }
    Ok(Saved {
        version: version + 1,
        warnings,
    })
}

/// The other part of a split week: its lines' (work date, worked minutes).
pub(crate) async fn other_part_minutes(
    conn: &mut AnyConnection,
    sheet: &Sheet,
) -> Result<Vec<(Date, i64)>> {
    if !sheet.period().is_some_and(|p| p.is_split()) {
        return Ok(Vec::new());
    }
    let rows: Vec<(String, i64)> = sqlx::query_as(
        "SELECT l.work_date, l.worked_minutes FROM timesheet_lines l \
         JOIN timesheets t ON t.id = l.timesheet_id \
         WHERE t.assignment_id = $1 AND t.iso_year = $2 AND t.iso_week = $3 AND t.id <> $4",
    )
    .bind(sheet.assignment_id)
    .bind(sheet.iso_year)
    .bind(sheet.iso_week)
    .bind(sheet.id)
    .fetch_all(&mut *conn)
    .await?;
    Ok(rows
        .into_iter()
        .filter_map(|(d, m)| Some((parse_date(&d)?, m)))
        .collect())
}

/// The law's rule as stored (`overtime_7_days`, …).
pub fn rule_name(rule: LawRule) -> &'static str {
    match rule {
        LawRule::Overtime7Days => "overtime_7_days",
        LawRule::Overtime4Weeks => "overtime_4_weeks",
        LawRule::Overtime52Weeks => "overtime_52_weeks",
        LawRule::Work24Hours => "work_24_hours",
        LawRule::Work7Days => "work_7_days",
        LawRule::DailyRest => "daily_rest",
        LawRule::WeeklyRest => "weekly_rest",
        LawRule::NoBreak => "no_break",
        LawRule::ShortBreak => "short_break",
        LawRule::YoungNight => "young_night",
        LawRule::YoungDay => "young_day",
        LawRule::YoungWeek => "young_week",
    }
}

/// Days read around a sheet for the law: the longest window is 364 days.
const LAW_WINDOW_DAYS: i64 = 364;

/// Runs the law over the worker's lines on every assignment in a window around the sheet and
/// replaces the sheet's warnings with those touching its period.
async fn check_law(
    conn: &mut AnyConnection,
    sheet: &Sheet,
    worker_id: i64,
) -> Result<Vec<Warning>> {
    let period = sheet.period().ok_or(AppError::NotFound)?;
    let from = day_start(period.start - Duration::days(LAW_WINDOW_DAYS));
    let to = day_start(period.end + Duration::days(LAW_WINDOW_DAYS + 1));
    let rows: Vec<(i64, i64, i64)> = sqlx::query_as(
        "SELECT l.start_at, l.end_at, l.break_minutes FROM timesheet_lines l \
         JOIN timesheets t ON t.id = l.timesheet_id JOIN assignments a ON a.id = t.assignment_id \
         WHERE a.worker_id = $1 AND l.start_at >= $2 AND l.start_at < $3",
    )
    .bind(worker_id)
    .bind(from)
    .bind(to)
    .fetch_all(&mut *conn)
    .await?;
    let intervals: Vec<WorkInterval> = rows
        .into_iter()
        .map(|(start, end, break_minutes)| WorkInterval {
            start,
            end,
            break_minutes,
        })
        .collect();
    // The firm's overtime limits (with or without an agreement) and, when the national
    // identity number gave it, the worker's birth date for the young workers' rules.
    let limits = super::settings::settings_in(conn).await?.limits();
    let born = crate::workers::national_id::birth_date(conn, worker_id).await?;
    let warnings: Vec<Warning> = law::check(&intervals, limits, born)
        .into_iter()
        .filter(|w| w.from <= period.end && w.to >= period.start)
        .collect();
    sqlx::query("DELETE FROM timesheet_warnings WHERE timesheet_id = $1")
        .bind(sheet.id)
        .execute(&mut *conn)
        .await?;
    let at = now();
    for w in &warnings {
        sqlx::query(
            "INSERT INTO timesheet_warnings (worker_id, timesheet_id, rule, from_date, to_date, \
             value_minutes, limit_minutes, found_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
        )
        .bind(worker_id)
        .bind(sheet.id)
        .bind(rule_name(w.rule))
        .bind(date_string(w.from))
        .bind(date_string(w.to))
        .bind(w.value)
        .bind(w.limit)
        .bind(at)
        .execute(&mut *conn)
        .await?;
    }
    Ok(warnings)
}
