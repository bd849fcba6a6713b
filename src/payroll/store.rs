//! Payroll's own tables: the file's format and the wage type mapping (one settings row and a
//! row per pay item), the exports and every line they sent (`payroll_export_lines`, unique per
//! sheet and item so nothing is paid twice). Writes take the caller's connection.

use std::collections::HashMap;

use sqlx::AnyConnection;

use super::model::{Format, WageType};
use crate::{
    AppError, Result, audit,
    db::{Arg, Db, Sql, is_unique_violation},
    error::Msg,
    timefmt::now,
};

pub async fn format(db: &Db) -> Result<Format> {
    let (preset, columns, header, comma, bom): (String, String, i64, i64, i64) = sqlx::query_as(
        "SELECT preset, columns, header, decimal_comma, bom FROM payroll_settings WHERE id = 1",
    )
    .fetch_one(&db.pool)
    .await?;
    Ok(Format::stored(
        &preset,
        &columns,
        header != 0,
        comma != 0,
        bom != 0,
    ))
}

/// The mapping, by item key.
pub async fn wage_types(db: &Db) -> Result<HashMap<String, WageType>> {
    let rows: Vec<(String, String, i64, i64)> =
        sqlx::query_as("SELECT item, code, holiday_pay_basis, tax_free FROM payroll_wage_types")
            .fetch_all(&db.pool)
            .await?;
    Ok(rows
        .into_iter()
        .map(|(item, code, h, t)| {
            let w = WageType {
                item: item.clone(),
                code,
                holiday_pay_basis: h != 0,
                tax_free: t != 0,
            };
            (item, w)
        })
        .collect())
}

fn format_fields(f: &Format) -> Vec<(&'static str, Option<String>)> {
    vec![
        ("preset", Some(f.preset.clone())),
        ("columns", Some(f.columns_text())),
        ("header", Some(f.header.to_string())),
        ("decimal_comma", Some(f.decimal_comma.to_string())),
        ("bom", Some(f.bom.to_string())),
    ]
}

fn wage_type_text(w: Option<&WageType>) -> Option<String> {
    w.map(|w| {
        format!(
            "{} (holiday_pay_basis={}, tax_free={})",
            w.code, w.holiday_pay_basis, w.tax_free
        )
    })
}

/// Saves the format and the mapping over `old_*` (as read before), recording what changed as
/// a firm-wide change (`payroll-settings`).
pub async fn save_settings(
    conn: &mut AnyConnection,
    user_id: i64,
    old_format: &Format,
    old_types: &HashMap<String, WageType>,
    format: &Format,
    types: &[WageType],
) -> Result<()> {
    let at = now();
    let custom = format.preset == "custom";
    sqlx::query(
        "UPDATE payroll_settings SET preset = $1, columns = $2, header = $3, decimal_comma = $4, \
         bom = $5, updated_at = $6 WHERE id = 1",
    )
    .bind(&format.preset)
    .bind(if custom {
        format.columns_text()
    } else {
        String::new()
    })
    .bind(i64::from(format.header))
    .bind(i64::from(format.decimal_comma))
    .bind(i64::from(format.bom))
    .bind(at)
    .execute(&mut *conn)
    .await?;
    let mut changes = audit::diff(format_fields(old_format), format_fields(format));
    for w in types {
        let old = wage_type_text(old_types.get(&w.item));
        let new = wage_type_text(Some(w).filter(|w| !w.code.is_empty()));
        if old == new {
            continue;
        }
        sqlx::query("DELETE FROM payroll_wage_types WHERE item = $1")
            .bind(&w.item)
            .execute(&mut *conn)
            .await?;
        changes.push(audit::Change {
            field: w.item.clone(),
            old,
            new: new.clone(),
        });
        if new.is_none() {
            continue;
        }
        sqlx::query(
            "INSERT INTO payroll_wage_types (item, code, holiday_pay_basis, tax_free, updated_at) \
             VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(&w.item)
        .bind(&w.code)
        .bind(i64::from(w.holiday_pay_basis))
        .bind(i64::from(w.tax_free))
        .bind(at)
        .execute(&mut *conn)
        .await?;
    }
    if !changes.is_empty() {
        audit::record_unscoped(
            conn,
            "payroll-settings",
            1,
            "update",
            &changes,
            Some(user_id),
        )
        .await?;
    }
    Ok(())
}

/// An export as listed: when, by whom, how much.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct Export {
    pub id: i64,
    pub from_date: String,
    pub to_date: String,
    pub preset: String,
    pub columns: String,
    pub header: i64,
    pub decimal_comma: i64,
    pub bom: i64,
    pub line_count: i64,
    pub worker_count: i64,
    pub pay_ore: i64,
    pub expenses_ore: i64,
    pub user_name: Option<String>,
    pub created_at: i64,
}

impl Export {
    pub fn format(&self) -> Format {
        Format::stored(
            &self.preset,
            &self.columns,
            self.header != 0,
            self.decimal_comma != 0,
            self.bom != 0,
        )
    }
}

const EXPORT: &str = "SELECT e.id, e.from_date, e.to_date, e.preset, e.columns, e.header, \
    e.decimal_comma, e.bom, e.line_count, e.worker_count, e.pay_ore, e.expenses_ore, \
    u.name AS user_name, e.created_at FROM payroll_exports e LEFT JOIN users u ON u.id = e.user_id";

pub async fn export(db: &Db, id: i64) -> Result<Option<Export>> {
    Ok(
        sqlx::query_as(sqlx::AssertSqlSafe(format!("{EXPORT} WHERE e.id = $1")))
            .bind(id)
            .fetch_optional(&db.pool)
            .await?,
    )
}

/// The exports whose period overlaps `from`–`to`, newest first.
pub async fn exports_overlapping(db: &Db, from: &str, to: &str) -> Result<Vec<Export>> {
    Ok(sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "{EXPORT} WHERE e.from_date <= $1 AND e.to_date >= $2 ORDER BY e.created_at DESC, e.id DESC"
    )))
    .bind(to)
    .bind(from)
    .fetch_all(&db.pool)
    .await?)
}

/// A pay line as sent (or about to be).
#[derive(Clone, Debug, PartialEq, Eq, sqlx::FromRow)]
pub struct SentLine {
    pub timesheet_id: i64,
    pub item: String,
    pub worker_id: i64,
    pub assignment_id: i64,
    pub period_start: String,
    pub period_end: String,
    pub item_name: String,
    pub wage_type: String,
    pub quantity_milli: i64,
    pub rate_ore: i64,
    pub amount_ore: i64,
    pub holiday_pay_basis: i64,
    pub tax_free: i64,
}

const LINE: &str = "SELECT timesheet_id, item, worker_id, assignment_id, period_start, period_end, \
    item_name, wage_type, quantity_milli, rate_ore, amount_ore, holiday_pay_basis, tax_free \
    FROM payroll_export_lines";

/// The lines already sent for sheets ending from `from` to `to`.
pub async fn sent_in(db: &Db, from: &str, to: &str) -> Result<Vec<SentLine>> {
    Ok(sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "{LINE} WHERE period_end >= $1 AND period_end <= $2"
    )))
    .bind(from)
    .bind(to)
    .fetch_all(&db.pool)
    .await?)
}

/// The lines an export sent.
pub async fn lines_of(db: &Db, export_id: i64) -> Result<Vec<SentLine>> {
    Ok(
        sqlx::query_as(sqlx::AssertSqlSafe(format!("{LINE} WHERE export_id = $1")))
            .bind(export_id)
            .fetch_all(&db.pool)
            .await?,
    )
}

/// What a new export records besides its lines.
pub struct NewExport<'a> {
    pub from: &'a str,
    pub to: &'a str,
    pub format: &'a Format,
    pub user_id: i64,
}

/// Rows per multi-row INSERT of lines (14 values each).
const BATCH: usize = 500;

/// Records an export and marks each of `lines` sent; a line already sent (another export
/// meanwhile) is a `Conflict` and nothing is recorded (the caller rolls back).
pub async fn record(
    conn: &mut AnyConnection,
    e: &NewExport<'_>,
    lines: &[SentLine],
) -> Result<i64> {
    let mut workers: Vec<i64> = lines.iter().map(|l| l.worker_id).collect();
    workers.sort_unstable();
    workers.dedup();
    let sum = |expense: bool| -> i64 {
        lines
            .iter()
            .filter(|l| (l.tax_free != 0) == expense)
            .map(|l| l.amount_ore)
            .sum()
    };
    let (id,): (i64,) = sqlx::query_as(
        "INSERT INTO payroll_exports (from_date, to_date, preset, columns, header, decimal_comma, \
         bom, line_count, worker_count, pay_ore, expenses_ore, user_id, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) RETURNING id",
    )
    .bind(e.from)
    .bind(e.to)
    .bind(&e.format.preset)
    .bind(e.format.columns_text())
    .bind(i64::from(e.format.header))
    .bind(i64::from(e.format.decimal_comma))
    .bind(i64::from(e.format.bom))
    .bind(lines.len() as i64)
    .bind(workers.len() as i64)
    .bind(sum(false))
    .bind(sum(true))
    .bind(e.user_id)
    .bind(now())
    .fetch_one(&mut *conn)
    .await?;
    for chunk in lines.chunks(BATCH) {
        let mut sql = Sql::new(
            "INSERT INTO payroll_export_lines (export_id, timesheet_id, item, worker_id, \
             assignment_id, period_start, period_end, item_name, wage_type, quantity_milli, \
             rate_ore, amount_ore, holiday_pay_basis, tax_free) VALUES ",
        );
        for (i, l) in chunk.iter().enumerate() {
            if i > 0 {
                sql.push(", ");
            }
            sql.push("(").bind_list([
                Arg::from(id),
                Arg::from(l.timesheet_id),
                Arg::from(l.item.as_str()),
                Arg::from(l.worker_id),
                Arg::from(l.assignment_id),
                Arg::from(l.period_start.as_str()),
                Arg::from(l.period_end.as_str()),
                Arg::from(l.item_name.as_str()),
                Arg::from(l.wage_type.as_str()),
                Arg::from(l.quantity_milli),
                Arg::from(l.rate_ore),
                Arg::from(l.amount_ore),
                Arg::from(l.holiday_pay_basis),
                Arg::from(l.tax_free),
            ]);
            sql.push(")");
        }
        sql.query().execute(&mut *conn).await.map_err(|err| {
            if is_unique_violation(&err, "item") {
                AppError::Conflict(Msg::new("payroll-sent-meanwhile"))
            } else {
                err.into()
            }
        })?;
    }
    Ok(id)
}
