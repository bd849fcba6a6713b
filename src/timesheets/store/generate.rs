//! Generating sheets: every period of each assignment from one date to another gets its sheet,
//! a draft prefilled from the standard week (public holidays left out) with its computed
//! columns. Sheets that exist are left alone. Built for bulk — a month for thousands of
//! assignments in one transaction: the rules run in memory, rows go in as multi-row INSERTs.

use std::collections::HashMap;

use sqlx::AnyConnection;
use time::{Date, Duration};

use super::{
    compute::compute,
    save::{LineInsert, insert_allowances, insert_lines},
};
use crate::{
    Result,
    assignments::store::sheet_terms::{self, Terms},
    db::{Arg, Sql},
    timefmt::{now, when::date_string},
    timesheets::{
        line::{Line, prefill},
        period::{Period, period_of, periods},
    },
};

/// Sheets per INSERT (14 values each; well under both databases' limits on parameters).
const SHEET_BATCH: usize = 400;

/// The other part of a split week, within the assignment's dates; `None` when whole.
pub fn other_part(p: &Period, from: Date, to: Option<Date>) -> Option<Period> {
    if !p.is_split() {
        return None;
    }
    let monday = p.week_monday();
    let sunday = monday + Duration::days(6);
    let (start, end) = if p.start == monday.max(from) && p.end < sunday {
        (
            p.end + Duration::days(1),
            to.map_or(sunday, |t| t.min(sunday)),
        )
    } else {
        (monday.max(from), p.start - Duration::days(1))
    };
    (start <= end && (start > p.end || end < p.start)).then_some(Period { start, end })
}

/// The periods of `t` that meet `from` … `to`, whole (a `to` inside a period takes all of it:
/// a sheet made cut short would stay so, its period start being taken).
fn periods_between(t: &Terms, from: Date, to: Date) -> Vec<Period> {
    let Some(a_from) = t.from() else {
        return Vec::new();
    };
    let a_to = t.to();
    let Some(first) = period_of(a_from, a_to, from.max(a_from)) else {
        return Vec::new();
    };
    let to = period_of(a_from, a_to, to).map_or(to, |p| p.end);
    periods(first.start, a_to, to)
}

struct NewSheet {
    assignment_id: i64,
    period: Period,
    lines: Vec<Line>,
    computed: super::compute::Computed,
}

/// Makes sure each of `assignments` has its sheets for the periods meeting `from` … `to`;
/// returns how many were created.
pub async fn ensure(
    conn: &mut AnyConnection,
    assignments: &[Terms],
    from: Date,
    to: Date,
) -> Result<usize> {
    let mut created = 0;
    let mut batch: Vec<NewSheet> = Vec::with_capacity(SHEET_BATCH);
    for t in assignments {
        let week = t.week();
        for p in periods_between(t, from, to) {
            let lines = prefill(&week, &p);
            let other: Vec<(Date, i64)> = other_part(&p, t.from().unwrap_or(p.start), t.to())
                .map(|o| {
                    prefill(&week, &o)
                        .iter()
                        .map(|l| (l.work_date, l.worked_minutes()))
                        .collect()
                })
                .unwrap_or_default();
            let computed = compute(t, &lines, &[], &other);
            batch.push(NewSheet {
                assignment_id: t.id,
                period: p,
                lines,
                computed,
            });
            if batch.len() == SHEET_BATCH {
                created += insert_batch(conn, &batch).await?;
                batch.clear();
            }
        }
    }
    if !batch.is_empty() {
        created += insert_batch(conn, &batch).await?;
    }
    Ok(created)
}

/// [`ensure`] for every planned or active assignment running some day of `from` … `to`.
pub async fn ensure_running(conn: &mut AnyConnection, from: Date, to: Date) -> Result<usize> {
    let all = sheet_terms::running(conn, &date_string(from), &date_string(to)).await?;
    ensure(conn, &all, from, to).await
}

async fn insert_batch(conn: &mut AnyConnection, batch: &[NewSheet]) -> Result<usize> {
    let at = now();
    let mut sql = Sql::new(
        "INSERT INTO timesheets (assignment_id, period_start, period_end, iso_year, iso_week, status, \
         worked_minutes, normal_minutes, overtime_minutes, law_overtime_minutes, pay_ore, expenses_ore, \
         bill_ore, created_at, updated_at) VALUES ",
    );
    for (i, s) in batch.iter().enumerate() {
        if i > 0 {
            sql.push(", ");
        }
        let (year, week) = s.period.iso_week();
        let c = &s.computed;
        sql.push("(")
            .bind_list([
                Arg::from(s.assignment_id),
                Arg::from(date_string(s.period.start)),
                Arg::from(date_string(s.period.end)),
                Arg::from(i64::from(year)),
                Arg::from(i64::from(week)),
            ])
            .push(", 'draft', ")
            .bind_list::<i64>([
                c.split.worked,
                c.split.normal,
                c.split.overtime_total(),
                c.split.law_overtime,
                c.pay.pay_ore,
                c.pay.expenses_ore,
                c.pay.bill_ore,
                at,
            ])
            .push(", ")
            .bind(at)
            .push(")");
    }
    sql.push(
        " ON CONFLICT (assignment_id, period_start) DO NOTHING \
         RETURNING id, assignment_id, period_start",
    );
    let created: Vec<(i64, i64, String)> = sql.query_as().fetch_all(&mut *conn).await?;
    let by_key: HashMap<(i64, String), &NewSheet> = batch
        .iter()
        .map(|s| ((s.assignment_id, date_string(s.period.start)), s))
        .collect();
    let mut lines: Vec<LineInsert> = Vec::new();
    let mut pays = Vec::new();
    for (id, aid, start) in created.iter().cloned() {
        let Some(s) = by_key.get(&(aid, start)) else {
            continue;
        };
        for (l, split) in s.lines.iter().zip(&s.computed.split.lines) {
            lines.push(LineInsert {
                sheet_id: id,
                line: l,
                split,
            });
        }
        pays.push((id, &s.computed.pay));
    }
    insert_lines(conn, &lines).await?;
    insert_allowances(conn, &pays).await?;
    Ok(created.len())
}
