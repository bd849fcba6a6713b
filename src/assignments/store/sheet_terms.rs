//! What a timesheet needs of its assignment (dates, agreed week, rates, allowances, approvers),
//! read on the caller's connection so a write sees the same row it changes against.

use sqlx::AnyConnection;
use time::Date;

use crate::{
    Result,
    assignments::{
        allowance::{self, Allowance},
        model::OvertimeRate,
        week::StandardWeek,
    },
    db::Sql,
    timefmt::when::parse_date,
};

#[derive(Clone, Debug, sqlx::FromRow)]
pub struct Terms {
    pub id: i64,
    pub customer_id: i64,
    pub worker_id: i64,
    pub status: String,
    pub from_date: String,
    pub to_date: Option<String>,
    pub hours_per_week_minutes: i64,
    pub standard_week: String,
    pub bill_rate_ore: i64,
    pub pay_rate_ore: i64,
    pub overtime: String,
    pub allowances: String,
    pub approver_contact_id: Option<i64>,
    pub second_approver_contact_id: Option<i64>,
}

impl Terms {
    pub fn week(&self) -> StandardWeek {
        serde_json::from_str(&self.standard_week).unwrap_or_default()
    }
    pub fn overtime_rates(&self) -> Vec<OvertimeRate> {
        serde_json::from_str(&self.overtime).unwrap_or_default()
    }
    pub fn allowances(&self) -> Vec<Allowance> {
        allowance::from_stored(&self.allowances)
    }
    pub fn from(&self) -> Option<Date> {
        parse_date(&self.from_date)
    }
    pub fn to(&self) -> Option<Date> {
        self.to_date.as_deref().and_then(parse_date)
    }
    /// Whether `contact_id` is one of the assignment's approvers.
    pub fn is_approver(&self, contact_id: i64) -> bool {
        self.approver_contact_id == Some(contact_id)
            || self.second_approver_contact_id == Some(contact_id)
    }
}

const SELECT: &str = "SELECT id, customer_id, worker_id, status, from_date, to_date, \
    hours_per_week_minutes, standard_week, bill_rate_ore, pay_rate_ore, overtime, allowances, \
    approver_contact_id, second_approver_contact_id FROM assignments";

pub async fn terms(conn: &mut AnyConnection, id: i64) -> Result<Option<Terms>> {
    Ok(
        sqlx::query_as(sqlx::AssertSqlSafe(format!("{SELECT} WHERE id = $1")))
            .bind(id)
            .fetch_optional(&mut *conn)
            .await?,
    )
}

/// The planned and active assignments that run some day from `from` to `to` (`YYYY-MM-DD`).
pub async fn running(conn: &mut AnyConnection, from: &str, to: &str) -> Result<Vec<Terms>> {
    let mut sql = Sql::new(SELECT);
    sql.push(" WHERE status IN ('planned', 'active') AND from_date <= ")
        .bind(to)
        .push(" AND (to_date IS NULL OR to_date >= ")
        .bind(from)
        .push(") ORDER BY id");
    Ok(sql.query_as().fetch_all(&mut *conn).await?)
}

/// The assignments of `workers` (not cancelled) that run some day from `from` to `to`.
pub async fn of_workers(
    conn: &mut AnyConnection,
    workers: &[i64],
    from: &str,
    to: &str,
) -> Result<Vec<Terms>> {
    if workers.is_empty() {
        return Ok(Vec::new());
    }
    let mut sql = Sql::new(SELECT);
    sql.push(" WHERE status <> 'cancelled' AND worker_id IN (")
        .bind_list(workers.iter().copied())
        .push(") AND from_date <= ")
        .bind(to)
        .push(" AND (to_date IS NULL OR to_date >= ")
        .bind(from)
        .push(") ORDER BY id");
    Ok(sql.query_as().fetch_all(&mut *conn).await?)
}

/// An assignment as named in a list of lines, and who holds its customer (for access).
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct Label {
    pub id: i64,
    pub customer_id: i64,
    pub title: String,
    pub customer_name: String,
    pub owner_id: Option<i64>,
    pub department_id: Option<i64>,
}

pub async fn labels(conn: &mut AnyConnection, ids: &[i64]) -> Result<Vec<Label>> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let mut sql = Sql::new(
        "SELECT a.id, a.customer_id, a.title, c.name AS customer_name, c.owner_id, c.department_id \
         FROM assignments a JOIN customers c ON c.id = a.customer_id WHERE a.id IN (",
    );
    sql.bind_list(ids.iter().copied()).push(")");
    Ok(sql.query_as().fetch_all(&mut *conn).await?)
}
