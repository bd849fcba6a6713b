//! A sheet's computed values made again from its stored lines and units, without a new version
//! (the lines as typed do not change): when it is submitted and its rates are fixed, and when
//! the other part of its split week is saved. The rates a sheet is priced at are the
//! assignment's while it is a draft and its own from its submission on (decision 0022).

use sqlx::AnyConnection;

use super::{Sheet, save::replace_computed};
use crate::{
    Result,
    assignments::store::sheet_terms::Terms,
    db::Arg,
    timefmt::{now, when::parse_date},
    timesheets::{allowances::UnitEntry, line::Line},
};

type Fixed = (
    Option<i64>,
    Option<i64>,
    Option<i64>,
    Option<String>,
    Option<String>,
);

/// The terms `sheet_id` is priced at: `t` (the assignment's), with the sheet's fixed rates,
/// overtime classes and allowances over them once it has them.
pub(crate) async fn priced_terms(
    conn: &mut AnyConnection,
    sheet_id: i64,
    mut t: Terms,
) -> Result<Terms> {
    let row: Option<Fixed> = sqlx::query_as(
        "SELECT rates_fixed_at, fixed_pay_rate_ore, fixed_bill_rate_ore, fixed_overtime, \
         fixed_allowances FROM timesheets WHERE id = $1",
    )
    .bind(sheet_id)
    .fetch_optional(&mut *conn)
    .await?;
    if let Some((Some(_), Some(pay), Some(bill), Some(overtime), Some(allowances))) = row {
        t.pay_rate_ore = pay;
        t.bill_rate_ore = bill;
        t.overtime = overtime;
        t.allowances = allowances;
    }
    Ok(t)
}

/// Fixes the sheet's rates at `t` (the assignment's current terms) unless it has them already
/// (a reopened sheet keeps the rates it was approved at).
pub(crate) async fn fix_rates(conn: &mut AnyConnection, sheet_id: i64, t: &Terms) -> Result<()> {
    sqlx::query(
        "UPDATE timesheets SET rates_fixed_at = $1, fixed_pay_rate_ore = $2, \
         fixed_bill_rate_ore = $3, fixed_overtime = $4, fixed_allowances = $5 \
         WHERE id = $6 AND rates_fixed_at IS NULL",
    )
    .bind(now())
    .bind(t.pay_rate_ore)
    .bind(t.bill_rate_ore)
    .bind(&t.overtime)
    .bind(&t.allowances)
    .bind(sheet_id)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// The columns set when a sheet goes back before any approval (withdrawn, rejected): its
/// rates are the assignment's again until it is next submitted.
pub(crate) fn released() -> Vec<(&'static str, Arg)> {
    vec![
        ("rates_fixed_at", Arg::NullInt),
        ("fixed_pay_rate_ore", Arg::NullInt),
        ("fixed_bill_rate_ore", Arg::NullInt),
        ("fixed_overtime", Arg::NullText),
        ("fixed_allowances", Arg::NullText),
    ]
}

/// Computes `sheet` again from its stored lines and units at its priced terms (`t`, the
/// assignment's) and the other part of its week as stored: totals, the lines' computed columns
/// and the priced allowances. The version stays (nothing typed changed).
pub(crate) async fn recompute(conn: &mut AnyConnection, sheet: &Sheet, t: Terms) -> Result<()> {
    let t = priced_terms(conn, sheet.id, t).await?;
    let rows: Vec<(String, i64, i64, i64, Option<String>)> = sqlx::query_as(
        "SELECT work_date, start_minute, end_minute, break_minutes, comment FROM timesheet_lines \
         WHERE timesheet_id = $1 ORDER BY start_at, id",
    )
    .bind(sheet.id)
    .fetch_all(&mut *conn)
    .await?;
    let minute = |m: i64| u16::try_from(m).unwrap_or(0);
    let lines: Vec<Line> = rows
        .into_iter()
        .filter_map(|(d, start, end, brk, comment)| {
            Some(Line {
                work_date: parse_date(&d)?,
                start: minute(start),
                end: minute(end),
                break_minutes: minute(brk),
                comment: comment.unwrap_or_default(),
            })
        })
        .collect();
    let units: Vec<UnitEntry> = sqlx::query_as::<_, (String, i64)>(
        "SELECT allowance_code, quantity_milli FROM timesheet_units WHERE timesheet_id = $1 ORDER BY id",
    )
    .bind(sheet.id)
    .fetch_all(&mut *conn)
    .await?
    .into_iter()
    .map(|(code, quantity_milli)| UnitEntry {
        code,
        quantity_milli,
    })
    .collect();
    let other = super::save::other_part_minutes(conn, sheet).await?;
    let c = super::compute::compute(&t, &lines, &units, &other);
    sqlx::query(
        "UPDATE timesheets SET worked_minutes = $1, normal_minutes = $2, overtime_minutes = $3, \
         law_overtime_minutes = $4, pay_ore = $5, expenses_ore = $6, bill_ore = $7, updated_at = $8 \
         WHERE id = $9",
    )
    .bind(c.split.worked)
    .bind(c.split.normal)
    .bind(c.split.overtime_total())
    .bind(c.split.law_overtime)
    .bind(c.pay.pay_ore)
    .bind(c.pay.expenses_ore)
    .bind(c.pay.bill_ore)
    .bind(now())
    .bind(sheet.id)
    .execute(&mut *conn)
    .await?;
    replace_computed(conn, sheet.id, &lines, &c).await
}

/// The other part of `sheet`'s split week, if any.
pub(crate) async fn other_part(conn: &mut AnyConnection, sheet: &Sheet) -> Result<Option<Sheet>> {
    if !sheet.period().is_some_and(|p| p.is_split()) {
        return Ok(None);
    }
    let id: Option<(i64,)> = sqlx::query_as(
        "SELECT id FROM timesheets WHERE assignment_id = $1 AND iso_year = $2 AND iso_week = $3 \
         AND id <> $4",
    )
    .bind(sheet.assignment_id)
    .bind(sheet.iso_year)
    .bind(sheet.iso_week)
    .bind(sheet.id)
    .fetch_optional(&mut *conn)
    .await?;
    match id {
        Some((id,)) => Ok(Some(super::get_in(conn, id).await?)),
        None => Ok(None),
    }
}
