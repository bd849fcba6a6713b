//! The firm-wide report of the working-hours law's warnings (`timesheet_warnings`), for staff:
//! every warning that touches a period, narrowed by rule and the customer's department, only
//! on the customers the staff member may see (`customers::access`, the customer list's rule),
//! newest first, a page at a time by keyset (the last row's day and id).

use time::Date;

use crate::{
    Result,
    customers::access::Visibility,
    db::{Db, Sql},
    timefmt::when::date_string,
};

/// Rows on a page of the report.
pub const PAGE: i64 = 100;

/// What the report asks for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Filter {
    /// The period: warnings whose days meet `from` … `to` (both included).
    pub from: Date,
    pub to: Date,
    /// A rule as stored (`overtime_7_days`, …; see `save::rule_name`).
    pub rule: Option<String>,
    /// The customer's department.
    pub department_id: Option<i64>,
}

/// Where the next page starts: after this warning (its first day and id).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct After {
    pub from_date: String,
    pub id: i64,
}

#[derive(Clone, Debug, sqlx::FromRow)]
pub struct ReportRow {
    pub id: i64,
    pub timesheet_id: i64,
    pub assignment_id: i64,
    pub customer_id: i64,
    pub worker_id: i64,
    pub rule: String,
    pub from_date: String,
    pub to_date: String,
    pub value_minutes: i64,
    pub limit_minutes: i64,
    pub worker_name: String,
    pub customer_name: String,
    pub assignment_title: String,
}

impl ReportRow {
    /// The warning as the sheet page stores it (for its text).
    pub fn warning(&self) -> super::WarningRow {
        super::WarningRow {
            rule: self.rule.clone(),
            from_date: self.from_date.clone(),
            to_date: self.to_date.clone(),
            value_minutes: self.value_minutes,
            limit_minutes: self.limit_minutes,
        }
    }
}

/// One page of the report (at most `limit` rows) and where the next one starts, if any.
pub async fn report(
    db: &Db,
    visibility: Visibility,
    filter: &Filter,
    after: Option<&After>,
    limit: i64,
) -> Result<(Vec<ReportRow>, Option<After>)> {
    let mut sql = Sql::new(
        "SELECT w.id, w.timesheet_id, t.assignment_id, a.customer_id, w.worker_id, w.rule, \
         w.from_date, w.to_date, w.value_minutes, w.limit_minutes, wk.name AS worker_name, \
         c.name AS customer_name, a.title AS assignment_title \
         FROM timesheet_warnings w JOIN timesheets t ON t.id = w.timesheet_id \
         JOIN assignments a ON a.id = t.assignment_id JOIN customers c ON c.id = a.customer_id \
         JOIN workers wk ON wk.id = w.worker_id WHERE w.from_date <= ",
    );
    sql.bind(date_string(filter.to))
        .push(" AND w.to_date >= ")
        .bind(date_string(filter.from));
    if let Some(rule) = &filter.rule {
        sql.push(" AND w.rule = ").bind(rule.as_str());
    }
    if let Some(dep) = filter.department_id {
        sql.push(" AND c.department_id = ").bind(dep);
    }
    visibility.push_filter(&mut sql, "c");
    if let Some(a) = after {
        sql.push(" AND (w.from_date < ")
            .bind(a.from_date.as_str())
            .push(" OR (w.from_date = ")
            .bind(a.from_date.as_str())
            .push(" AND w.id < ")
            .bind(a.id)
            .push("))");
    }
    sql.push(" ORDER BY w.from_date DESC, w.id DESC LIMIT ")
        .bind(limit + 1);
    let mut rows: Vec<ReportRow> = sql.query_as().fetch_all(&db.pool).await?;
    let next = if rows.len() as i64 > limit {
        rows.truncate(limit as usize);
        rows.last().map(|r| After {
            from_date: r.from_date.clone(),
            id: r.id,
        })
    } else {
        None
    };
    Ok((rows, next))
}
