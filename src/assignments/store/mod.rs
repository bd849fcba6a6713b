//! Assignments in the database: reading here, writing in [`write`] (writes take a connection —
//! the caller's transaction — and record each change on the customer's card). The firm's
//! settings for margins and the hiring rules are one row (read here, written in [`firm`]); the
//! hirer's terms per position are in [`terms`]; what a timesheet needs of an assignment in
//! [`sheet_terms`].

mod firm;
pub mod payroll;
pub mod sheet_terms;
pub mod terms;
mod write;

use serde::Serialize;

pub use firm::save_settings;
pub use write::{bind_terms, create, save_equal_terms, set_status, term_columns, update};

use super::{
    compliance::HiringRules,
    margin::CostFactors,
    model::{OvertimeRate, Status},
};
use crate::{
    Result,
    customers::access::Visibility,
    db::{Db, Sql},
};

#[derive(Clone, Debug, Serialize, sqlx::FromRow, utoipa::ToSchema)]
pub struct Assignment {
    pub id: i64,
    pub customer_id: i64,
    pub worker_id: i64,
    pub worker_name: String,
    pub title: String,
    pub styrk_code: Option<String>,
    pub workplace_street: Option<String>,
    pub workplace_postal_code: Option<String>,
    pub workplace_city: Option<String>,
    pub workplace_county_no: Option<String>,
    pub building_site: i64,
    pub consultant_id: Option<i64>,
    pub approver_contact_id: Option<i64>,
    pub second_approver_contact_id: Option<i64>,
    /// `YYYY-MM-DD`.
    pub from_date: String,
    /// `YYYY-MM-DD`; none for an open end.
    pub to_date: Option<String>,
    pub hours_per_week_minutes: i64,
    /// JSON: seven entries, Monday first.
    pub standard_week: String,
    pub bill_rate_ore: i64,
    pub pay_rate_ore: i64,
    /// JSON: `[{percent, bill_ore, pay_ore}]`.
    pub overtime: String,
    /// JSON: the allowances (`allowance::Allowance`); read with [`Assignment::allowances`].
    #[serde(skip)]
    pub allowances: String,
    pub legal_basis: Option<String>,
    pub legal_basis_text: Option<String>,
    pub equal_terms_id: Option<i64>,
    pub purchase_order: Option<String>,
    pub invoice_grouping: Option<String>,
    /// `planned`, `active`, `ended` or `cancelled`.
    pub status: String,
    pub version: i64,
    pub created_at: i64,
    pub updated_at: i64,
}

impl Assignment {
    pub fn status(&self) -> Status {
        Status::parse(&self.status).unwrap_or(Status::Planned)
    }
    pub fn overtime_rates(&self) -> Vec<OvertimeRate> {
        serde_json::from_str(&self.overtime).unwrap_or_default()
    }
    pub fn allowances(&self) -> Vec<super::allowance::Allowance> {
        super::allowance::from_stored(&self.allowances)
    }
    pub fn week(&self) -> super::week::StandardWeek {
        serde_json::from_str(&self.standard_week).unwrap_or_default()
    }
}

const COLUMNS: &str = "a.id, a.customer_id, a.worker_id, w.name AS worker_name, a.title, a.styrk_code, \
    a.workplace_street, a.workplace_postal_code, a.workplace_city, a.workplace_county_no, a.building_site, \
    a.consultant_id, a.approver_contact_id, a.second_approver_contact_id, a.from_date, a.to_date, \
    a.hours_per_week_minutes, a.standard_week, a.bill_rate_ore, a.pay_rate_ore, a.overtime, a.allowances, a.legal_basis, \
    a.legal_basis_text, a.equal_terms_id, a.purchase_order, a.invoice_grouping, a.status, a.version, \
    a.created_at, a.updated_at";
const FROM: &str = " FROM assignments a JOIN workers w ON w.id = a.worker_id";

/// A customer's assignments: current and upcoming first (by start), then ended and cancelled.
pub async fn list_for_customer(db: &Db, customer_id: i64) -> Result<Vec<Assignment>> {
    Ok(sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "SELECT {COLUMNS}{FROM} WHERE a.customer_id = $1 \
         ORDER BY CASE a.status WHEN 'active' THEN 0 WHEN 'planned' THEN 1 ELSE 2 END, a.from_date DESC, a.id DESC"
    )))
    .bind(customer_id)
    .fetch_all(&db.pool)
    .await?)
}

/// A worker's assignments at the customers `visibility` lets the user see, newest first, with
/// the customer's name.
pub async fn list_for_worker(
    db: &Db,
    visibility: Visibility,
    worker_id: i64,
) -> Result<Vec<(Assignment, String)>> {
    #[derive(sqlx::FromRow)]
    struct Row {
        #[sqlx(flatten)]
        a: Assignment,
        customer_name: String,
    }
    let mut sql = Sql::new(&format!(
        "SELECT {COLUMNS}, c.name AS customer_name{FROM} JOIN customers c ON c.id = a.customer_id \
         WHERE a.worker_id = "
    ));
    sql.bind(worker_id);
    visibility.push_filter(&mut sql, "c");
    sql.push(" ORDER BY a.from_date DESC, a.id DESC");
    let rows: Vec<Row> = sql.query_as().fetch_all(&db.pool).await?;
    Ok(rows.into_iter().map(|r| (r.a, r.customer_name)).collect())
}

pub async fn get(db: &Db, customer_id: i64, id: i64) -> Result<Option<Assignment>> {
    Ok(sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "SELECT {COLUMNS}{FROM} WHERE a.id = $1 AND a.customer_id = $2"
    )))
    .bind(id)
    .bind(customer_id)
    .fetch_optional(&db.pool)
    .await?)
}

/// The number of active assignments of a customer (the overview's key figure).
pub async fn count_active(db: &Db, customer_id: i64) -> Result<i64> {
    let (n,): (i64,) = sqlx::query_as(
        "SELECT COUNT(*) FROM assignments WHERE customer_id = $1 AND status = 'active'",
    )
    .bind(customer_id)
    .fetch_one(&db.pool)
    .await?;
    Ok(n)
}

/// The worker's other periods at the same customer (not cancelled), for the three-year rule.
pub async fn other_periods(
    db: &Db,
    customer_id: i64,
    worker_id: i64,
    except: Option<i64>,
) -> Result<Vec<(String, Option<String>)>> {
    Ok(sqlx::query_as(
        "SELECT from_date, to_date FROM assignments WHERE customer_id = $1 AND worker_id = $2 \
         AND id <> $3 AND status <> 'cancelled'",
    )
    .bind(customer_id)
    .bind(worker_id)
    .bind(except.unwrap_or(0))
    .fetch_all(&db.pool)
    .await?)
}

/// Appends ` AND <the worker aliased `alias` has no planned or active assignment overlapping
/// from … to>` (to: none for an open end): the vacancies' "available in the period".
pub fn push_free_between(sql: &mut Sql, alias: &str, from: time::Date, to: Option<time::Date>) {
    use crate::timefmt::when::date_string;
    sql.push(&format!(
        " AND NOT EXISTS (SELECT 1 FROM assignments fa WHERE fa.worker_id = {alias}.id \
         AND fa.status IN ('planned', 'active') AND (fa.to_date IS NULL OR fa.to_date >= "
    ))
    .bind(date_string(from))
    .push(")");
    if let Some(to) = to {
        sql.push(" AND fa.from_date <= ").bind(date_string(to));
    }
    sql.push(")");
}

/// The hirer's terms for a position: pay in øre and when confirmed (`YYYY-MM-DD`).
pub async fn equal_terms(db: &Db, id: i64) -> Result<Option<(i64, String)>> {
    Ok(
        sqlx::query_as("SELECT pay_ore, confirmed_on FROM equal_terms WHERE id = $1")
            .bind(id)
            .fetch_optional(&db.pool)
            .await?,
    )
}

/// The firm's settings: the cost of employment and the hiring rules.
pub async fn settings(db: &Db) -> Result<(CostFactors, HiringRules)> {
    let (h, e, p, i, floor, counties): (i64, i64, i64, i64, i64, String) = sqlx::query_as(
        "SELECT holiday_pay_bp, employer_contribution_bp, pension_bp, insurance_bp, margin_floor_bp, \
         building_site_ban_counties FROM assignment_settings WHERE id = 1",
    )
    .fetch_one(&db.pool)
    .await?;
    let costs = CostFactors {
        holiday_pay_bp: h,
        employer_contribution_bp: e,
        pension_bp: p,
        insurance_bp: i,
    };
    let rules = HiringRules {
        margin_floor_bp: floor,
        building_site_ban_counties: counties
            .split(',')
            .map(|c| c.trim().to_string())
            .filter(|c| !c.is_empty())
            .collect(),
        ..HiringRules::default()
    };
    Ok((costs, rules))
}
