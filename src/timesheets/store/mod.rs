//! Timesheets in the database: generating a period's sheets prefilled from the standard week
//! ([`generate`]), saving a sheet's lines with everything computed through the rules
//! ([`save`]), the life cycle with the status and version checked in each UPDATE
//! ([`transition`]), what the customer's card shows of them ([`card`]), and the reads here. Writes take the caller's connection and open no
//! transaction of their own (docs/layout.md). Every function is keyed by sheet or assignment id
//! and an [`Actor`], so the staff's pages, the worker's pages, the approval links and the API
//! share them.

pub mod card;
pub mod compute;
pub mod generate;
pub mod payroll;
pub mod recompute;
pub mod save;
pub mod settings;
pub mod transition;
pub mod warnings;

use serde::Serialize;
use sqlx::AnyConnection;

pub use card::{MonthSummary, WeekSheet, hours_between, month_for_customer};
pub use generate::{ensure, ensure_running};
pub use save::save;
pub use transition::{approve, reject, reopen, submit, withdraw};

use crate::{
    AppError, Result,
    db::{Db, Sql},
    error::Msg,
    timefmt::now,
    timesheets::{
        allowances::milli_text,
        line::{LineDraft, clock_text},
    },
};
use compute::UnitDraft;

/// Who acts on a sheet.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Actor {
    /// The worker (their id), on their own pages.
    Worker(i64),
    /// A customer's contact (their id): an approver.
    Contact(i64),
    /// A staff member (user id), on the worker's behalf or reopening.
    Staff(i64),
}

/// How the action came: a page, a one-time link, the API.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Via {
    Page,
    Link,
    Api,
}

/// An actor, how they came, and from where (the client's address, recorded on approvals).
#[derive(Clone, Debug)]
pub struct By {
    pub actor: Actor,
    pub via: Via,
    pub ip: Option<String>,
}

impl By {
    pub fn staff(user_id: i64) -> Self {
        Self {
            actor: Actor::Staff(user_id),
            via: Via::Page,
            ip: None,
        }
    }
    pub fn new(actor: Actor, via: Via) -> Self {
        Self {
            actor,
            via,
            ip: None,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Status {
    Draft,
    Submitted,
    Approved,
    Rejected,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Draft => "draft",
            Status::Submitted => "submitted",
            Status::Approved => "approved",
            Status::Rejected => "rejected",
        }
    }
    pub fn parse(s: &str) -> Option<Self> {
        [
            Status::Draft,
            Status::Submitted,
            Status::Approved,
            Status::Rejected,
        ]
        .into_iter()
        .find(|x| x.as_str() == s)
    }
    /// Lines may be changed (by the worker or staff on their behalf).
    pub fn editable(self) -> bool {
        matches!(self, Status::Draft | Status::Rejected)
    }
}

#[derive(Clone, Debug, Serialize, sqlx::FromRow, utoipa::ToSchema)]
pub struct Sheet {
    pub id: i64,
    pub assignment_id: i64,
    pub period_start: String,
    pub period_end: String,
    pub iso_year: i64,
    pub iso_week: i64,
    pub status: String,
    pub submitted_at: Option<i64>,
    pub first_approved_by_contact_id: Option<i64>,
    pub first_approved_at: Option<i64>,
    pub decided_at: Option<i64>,
    pub decided_by_contact_id: Option<i64>,
    pub comment: Option<String>,
    pub invoiced_at: Option<i64>,
    pub worked_minutes: i64,
    pub normal_minutes: i64,
    pub overtime_minutes: i64,
    pub law_overtime_minutes: i64,
    pub pay_ore: i64,
    pub expenses_ore: i64,
    pub bill_ore: i64,
    pub version: i64,
    pub updated_at: i64,
}

impl Sheet {
    pub fn status(&self) -> Status {
        Status::parse(&self.status).unwrap_or(Status::Draft)
    }
    pub fn period(&self) -> Option<super::period::Period> {
        use crate::timefmt::when::parse_date;
        Some(super::period::Period {
            start: parse_date(&self.period_start)?,
            end: parse_date(&self.period_end)?,
        })
    }
}

const SHEET: &str = "SELECT id, assignment_id, period_start, period_end, iso_year, iso_week, status, \
    submitted_at, first_approved_by_contact_id, first_approved_at, decided_at, decided_by_contact_id, \
    comment, invoiced_at, worked_minutes, normal_minutes, overtime_minutes, law_overtime_minutes, \
    pay_ore, expenses_ore, bill_ore, version, updated_at FROM timesheets";

#[derive(Clone, Debug, Serialize, sqlx::FromRow, utoipa::ToSchema)]
pub struct LineRow {
    pub id: i64,
    pub work_date: String,
    pub start_minute: i64,
    pub end_minute: i64,
    pub break_minutes: i64,
    pub comment: Option<String>,
    pub worked_minutes: i64,
    pub normal_minutes: i64,
    pub overtime_minutes: i64,
    pub overtime_percent: Option<i64>,
    pub law_overtime_minutes: i64,
}

#[derive(Clone, Debug, Serialize, sqlx::FromRow, utoipa::ToSchema)]
pub struct UnitRow {
    pub allowance_code: String,
    pub quantity_milli: i64,
}

#[derive(Clone, Debug, Serialize, sqlx::FromRow, utoipa::ToSchema)]
pub struct AllowanceRow {
    pub allowance_code: String,
    pub minutes: Option<i64>,
    pub quantity_milli: Option<i64>,
    pub kind: String,
    pub pay_rate_ore: i64,
    pub pay_ore: i64,
    pub bill_rate_ore: i64,
    pub bill_ore: i64,
}

#[derive(Clone, Debug, Serialize, sqlx::FromRow, utoipa::ToSchema)]
pub struct WarningRow {
    pub rule: String,
    pub from_date: String,
    pub to_date: String,
    pub value_minutes: i64,
    pub limit_minutes: i64,
}

#[derive(Clone, Debug, Serialize, sqlx::FromRow, utoipa::ToSchema)]
pub struct EventRow {
    pub action: String,
    pub actor: String,
    pub worker_id: Option<i64>,
    pub contact_id: Option<i64>,
    pub user_id: Option<i64>,
    pub via: String,
    pub comment: Option<String>,
    pub at: i64,
}

/// A sheet with everything on it.
#[derive(Clone, Debug, Serialize, utoipa::ToSchema)]
pub struct Detail {
    pub sheet: Sheet,
    pub lines: Vec<LineRow>,
    pub units: Vec<UnitRow>,
    pub allowances: Vec<AllowanceRow>,
    pub warnings: Vec<WarningRow>,
    pub events: Vec<EventRow>,
}

pub async fn get(db: &Db, id: i64) -> Result<Option<Sheet>> {
    Ok(
        sqlx::query_as(sqlx::AssertSqlSafe(format!("{SHEET} WHERE id = $1")))
            .bind(id)
            .fetch_optional(&db.pool)
            .await?,
    )
}

pub(crate) async fn get_in(conn: &mut AnyConnection, id: i64) -> Result<Sheet> {
    sqlx::query_as(sqlx::AssertSqlSafe(format!("{SHEET} WHERE id = $1")))
        .bind(id)
        .fetch_optional(&mut *conn)
        .await?
        .ok_or(AppError::NotFound)
}

/// A sheet with its lines, units, allowances, warnings and events (oldest first).
pub async fn detail(db: &Db, id: i64) -> Result<Option<Detail>> {
    let Some(sheet) = get(db, id).await? else {
        return Ok(None);
    };
    let lines = sqlx::query_as(
        "SELECT id, work_date, start_minute, end_minute, break_minutes, comment, worked_minutes, \
         normal_minutes, overtime_minutes, overtime_percent, law_overtime_minutes FROM timesheet_lines \
         WHERE timesheet_id = $1 ORDER BY start_at, id",
    )
    .bind(id)
    .fetch_all(&db.pool)
    .await?;
    let units = sqlx::query_as(
        "SELECT allowance_code, quantity_milli FROM timesheet_units WHERE timesheet_id = $1 ORDER BY id",
    )
    .bind(id)
    .fetch_all(&db.pool)
    .await?;
    let allowances = sqlx::query_as(
        "SELECT allowance_code, minutes, quantity_milli, kind, pay_rate_ore, pay_ore, bill_rate_ore, \
         bill_ore FROM timesheet_allowances WHERE timesheet_id = $1 ORDER BY id",
    )
    .bind(id)
    .fetch_all(&db.pool)
    .await?;
    let warnings = sqlx::query_as(
        "SELECT rule, from_date, to_date, value_minutes, limit_minutes FROM timesheet_warnings \
         WHERE timesheet_id = $1 ORDER BY from_date, rule",
    )
    .bind(id)
    .fetch_all(&db.pool)
    .await?;
    let events = sqlx::query_as(
        "SELECT action, actor, worker_id, contact_id, user_id, via, comment, at FROM timesheet_events \
         WHERE timesheet_id = $1 ORDER BY at, id",
    )
    .bind(id)
    .fetch_all(&db.pool)
    .await?;
    Ok(Some(Detail {
        sheet,
        lines,
        units,
        allowances,
        warnings,
        events,
    }))
}

/// An assignment's sheets, newest period first.
pub async fn for_assignment(db: &Db, assignment_id: i64) -> Result<Vec<Sheet>> {
    Ok(sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "{SHEET} WHERE assignment_id = $1 ORDER BY period_start DESC"
    )))
    .bind(assignment_id)
    .fetch_all(&db.pool)
    .await?)
}

/// Writes one event of the sheet's life.
pub(crate) async fn event(
    conn: &mut AnyConnection,
    sheet_id: i64,
    action: &str,
    by: &By,
    comment: Option<&str>,
) -> Result<()> {
    let (actor, worker, contact, user) = match by.actor {
        Actor::Worker(id) => ("worker", Some(id), None, None),
        Actor::Contact(id) => ("contact", None, Some(id), None),
        Actor::Staff(id) => ("staff", None, None, Some(id)),
    };
    let via = match by.via {
        Via::Page => "page",
        Via::Link => "link",
        Via::Api => "api",
    };
    let mut sql = Sql::new(
        "INSERT INTO timesheet_events (timesheet_id, action, actor, worker_id, contact_id, user_id, \
         via, comment, client_ip, at) VALUES (",
    );
    sql.bind(sheet_id)
        .push(", ")
        .bind(action)
        .push(", ")
        .bind(actor)
        .push(", ")
        .bind(worker)
        .push(", ")
        .bind(contact)
        .push(", ")
        .bind(user)
        .push(", ")
        .bind(via)
        .push(", ")
        .bind(comment.map(str::to_string))
        .push(", ")
        .bind(by.ip.clone())
        .push(", ")
        .bind(now())
        .push(")");
    sql.query().execute(&mut *conn).await?;
    Ok(())
}

/// Why a guarded UPDATE changed nothing: the sheet changed meanwhile (another version), or it
/// is not in a state the action applies to.
pub(crate) async fn conflict(conn: &mut AnyConnection, id: i64, version: i64) -> AppError {
    match get_in(conn, id).await {
        Err(e) => e,
        Ok(s) if s.version != version => {
            AppError::Conflict(Msg::new("timesheet-changed").arg("status", &s.status))
        }
        Ok(s) => AppError::Conflict(Msg::new("timesheet-wrong-state").arg("status", &s.status)),
    }
}

/// The sheets of these assignments whose periods meet `from` … `to`, on the caller's
/// connection.
pub(crate) async fn for_assignments_between(
    conn: &mut AnyConnection,
    assignment_ids: &[i64],
    from: time::Date,
    to: time::Date,
) -> Result<Vec<Sheet>> {
    if assignment_ids.is_empty() {
        return Ok(Vec::new());
    }
    let mut sql = Sql::new(SHEET);
    sql.push(" WHERE assignment_id IN (")
        .bind_list(assignment_ids.iter().copied())
        .push(") AND period_end >= ")
        .bind(crate::timefmt::when::date_string(from))
        .push(" AND period_start <= ")
        .bind(crate::timefmt::when::date_string(to));
    Ok(sql.query_as().fetch_all(&mut *conn).await?)
}

/// A sheet's stored lines and units as typed, on the caller's connection: what a save that
/// changes only some days passes on for the rest.
pub(crate) async fn typed_in(
    conn: &mut AnyConnection,
    id: i64,
) -> Result<(Vec<LineDraft>, Vec<UnitDraft>)> {
    let lines: Vec<(String, i64, i64, i64, Option<String>)> = sqlx::query_as(
        "SELECT work_date, start_minute, end_minute, break_minutes, comment FROM timesheet_lines \
         WHERE timesheet_id = $1 ORDER BY start_at, id",
    )
    .bind(id)
    .fetch_all(&mut *conn)
    .await?;
    let clock = |m: i64| clock_text(u16::try_from(m).unwrap_or(0));
    let lines = lines
        .into_iter()
        .map(|(work_date, start, end, brk, comment)| LineDraft {
            work_date,
            start: clock(start),
            end: clock(end),
            break_minutes: if brk == 0 {
                String::new()
            } else {
                brk.to_string()
            },
            comment: comment.unwrap_or_default(),
        })
        .collect();
    let units: Vec<(String, i64)> = sqlx::query_as(
        "SELECT allowance_code, quantity_milli FROM timesheet_units WHERE timesheet_id = $1 ORDER BY id",
    )
    .bind(id)
    .fetch_all(&mut *conn)
    .await?;
    let units = units
        .into_iter()
        .map(|(code, q)| UnitDraft {
            code,
            quantity: milli_text(q),
        })
        .collect();
    Ok((lines, units))
}
