//! Assignments in the database. Writes take a connection (the caller's transaction) and record
//! each change on the customer's card (`audit`); the firm's settings for margins and the
//! hiring rules are one row.

use serde::Serialize;
use sqlx::AnyConnection;

use super::{
    compliance::HiringRules,
    margin::CostFactors,
    model::{AssignmentData, OvertimeRate, Status},
};
use crate::{
    AppError, Result,
    audit::{self, Change},
    customers::access::Visibility,
    db::{Db, Sql},
    money::format_kr,
    timefmt::{
        date_text, now,
        when::{date_string, parse_date},
    },
    workers,
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
    pub fn week(&self) -> super::week::StandardWeek {
        serde_json::from_str(&self.standard_week).unwrap_or_default()
    }
}

const COLUMNS: &str = "a.id, a.customer_id, a.worker_id, w.name AS worker_name, a.title, a.styrk_code, \
    a.workplace_street, a.workplace_postal_code, a.workplace_city, a.workplace_county_no, a.building_site, \
    a.consultant_id, a.approver_contact_id, a.second_approver_contact_id, a.from_date, a.to_date, \
    a.hours_per_week_minutes, a.standard_week, a.bill_rate_ore, a.pay_rate_ore, a.overtime, a.legal_basis, \
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

/// What the card's history shows of an assignment: readable values under the form's labels
/// (`assignment-<field>` in the locales).
fn audit_fields(d: &AssignmentData, worker: &str) -> Vec<(&'static str, Option<String>)> {
    let hours = format!("{:.1}", d.hours_per_week_minutes as f64 / 60.0).replace('.', ",");
    vec![
        ("worker", Some(worker.to_string())),
        ("title", Some(d.title.clone())),
        ("from", Some(date_text(d.from))),
        ("to", d.to.map(date_text)),
        ("bill_rate", Some(format_kr(d.bill_rate_ore))),
        ("pay_rate", Some(format_kr(d.pay_rate_ore))),
        ("hours_per_week", Some(hours)),
        (
            "legal_basis",
            d.legal_basis
                .as_ref()
                .map(|b| legal_basis_parts(b).0.to_string()),
        ),
        ("purchase_order", d.purchase_order.clone()),
    ]
}

fn legal_basis_parts(b: &super::compliance::LegalBasis) -> (&'static str, &str) {
    use super::compliance::LegalBasis::*;
    match b {
        TemporaryWork { need } => ("temporary_work", need),
        Substitute { for_whom } => ("substitute", for_whom),
        Agreement { reference } => ("agreement", reference),
    }
}

/// Keeps the hirer's terms for (customer, position): one row per position, updated in place.
async fn save_equal_terms(
    conn: &mut AnyConnection,
    user_id: i64,
    customer_id: i64,
    position: &str,
    terms: Option<(i64, time::Date)>,
) -> Result<Option<i64>> {
    let Some((pay, confirmed)) = terms else {
        return Ok(None);
    };
    let existing: Option<(i64,)> =
        sqlx::query_as("SELECT id FROM equal_terms WHERE customer_id = $1 AND position = $2")
            .bind(customer_id)
            .bind(position)
            .fetch_optional(&mut *conn)
            .await?;
    let now = now();
    if let Some((id,)) = existing {
        sqlx::query(
            "UPDATE equal_terms SET pay_ore = $1, confirmed_on = $2, confirmed_by_user_id = $3, updated_at = $4 \
             WHERE id = $5",
        )
        .bind(pay)
        .bind(date_string(confirmed))
        .bind(user_id)
        .bind(now)
        .bind(id)
        .execute(&mut *conn)
        .await?;
        return Ok(Some(id));
    }
    let (id,): (i64,) = sqlx::query_as(
        "INSERT INTO equal_terms (customer_id, position, pay_ore, confirmed_on, confirmed_by_user_id, created_at, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $6) RETURNING id",
    )
    .bind(customer_id)
    .bind(position)
    .bind(pay)
    .bind(date_string(confirmed))
    .bind(user_id)
    .bind(now)
    .fetch_one(&mut *conn)
    .await?;
    Ok(Some(id))
}

/// The columns an assignment's data fills, in the order of [`bind_data`].
const DATA_COLUMNS: [&str; 24] = [
    "worker_id",
    "title",
    "styrk_code",
    "workplace_street",
    "workplace_postal_code",
    "workplace_city",
    "workplace_county_no",
    "building_site",
    "consultant_id",
    "approver_contact_id",
    "second_approver_contact_id",
    "from_date",
    "to_date",
    "hours_per_week_minutes",
    "standard_week",
    "bill_rate_ore",
    "pay_rate_ore",
    "overtime",
    "legal_basis",
    "legal_basis_text",
    "equal_terms_id",
    "purchase_order",
    "invoice_grouping",
    "updated_at",
];

fn bind_data<'q>(
    mut q: sqlx::query::Query<'q, sqlx::Any, sqlx::any::AnyArguments>,
    d: &'q AssignmentData,
    equal_terms_id: Option<i64>,
) -> sqlx::query::Query<'q, sqlx::Any, sqlx::any::AnyArguments> {
    let (basis, text) = match &d.legal_basis {
        Some(b) => {
            let (k, t) = legal_basis_parts(b);
            (Some(k), Some(t.to_string()).filter(|t| !t.is_empty()))
        }
        None => (None, None),
    };
    q = q
        .bind(d.worker_id)
        .bind(&d.title)
        .bind(&d.styrk_code)
        .bind(&d.workplace_street)
        .bind(&d.workplace_postal_code)
        .bind(&d.workplace_city)
        .bind(&d.workplace_county_no)
        .bind(i64::from(d.building_site))
        .bind(d.consultant_id)
        .bind(d.approver_contact_id)
        .bind(d.second_approver_contact_id)
        .bind(date_string(d.from))
        .bind(d.to.map(date_string))
        .bind(d.hours_per_week_minutes)
        .bind(serde_json::to_string(&d.week).unwrap_or_else(|_| "{}".into()))
        .bind(d.bill_rate_ore)
        .bind(d.pay_rate_ore)
        .bind(serde_json::to_string(&d.overtime).unwrap_or_else(|_| "[]".into()))
        .bind(basis)
        .bind(text)
        .bind(equal_terms_id)
        .bind(&d.purchase_order)
        .bind(&d.invoice_grouping)
        .bind(now());
    q
}

pub async fn create(
    conn: &mut AnyConnection,
    user_id: i64,
    customer_id: i64,
    d: &AssignmentData,
) -> Result<i64> {
    let terms_id = save_equal_terms(conn, user_id, customer_id, &d.title, d.equal_terms).await?;
    let placeholders: Vec<String> = (1..=DATA_COLUMNS.len()).map(|i| format!("${i}")).collect();
    let n = DATA_COLUMNS.len();
    let sql = format!(
        "INSERT INTO assignments ({}, customer_id, status, version, created_by, created_at) \
         VALUES ({}, ${}, 'planned', 1, ${}, ${}) RETURNING id",
        DATA_COLUMNS.join(", "),
        placeholders.join(", "),
        n + 1,
        n + 2,
        n + 3
    );
    let q = bind_data(sqlx::query(sqlx::AssertSqlSafe(sql)), d, terms_id)
        .bind(customer_id)
        .bind(user_id)
        .bind(now());
    let row = q.fetch_one(&mut *conn).await?;
    let id: i64 = sqlx::Row::try_get(&row, 0)?;
    let worker = workers::store::name(conn, d.worker_id).await?;
    let changes: Vec<Change> = audit_fields(d, &worker)
        .into_iter()
        .filter(|(_, v)| v.is_some())
        .map(|(f, v)| Change {
            field: f.to_string(),
            old: None,
            new: v,
        })
        .collect();
    audit::record(
        conn,
        customer_id,
        "assignment",
        id,
        "assignment-create",
        &changes,
        Some(user_id),
    )
    .await?;
    Ok(id)
}

/// Saves `d` over `current` unless someone saved since `expected_version`; `Ok(false)` when stale.
pub async fn update(
    conn: &mut AnyConnection,
    user_id: i64,
    current: &Assignment,
    old: Option<&AssignmentData>,
    expected_version: i64,
    d: &AssignmentData,
) -> Result<bool> {
    let terms_id = save_equal_terms(conn, user_id, current.customer_id, &d.title, d.equal_terms)
        .await?
        .or(current
            .equal_terms_id
            .filter(|_| d.equal_terms.is_none() && d.title == current.title));
    let sets: Vec<String> = DATA_COLUMNS
        .iter()
        .enumerate()
        .map(|(i, c)| format!("{c} = ${}", i + 1))
        .collect();
    let n = DATA_COLUMNS.len();
    let sql = format!(
        "UPDATE assignments SET {}, version = version + 1 WHERE id = ${} AND version = ${}",
        sets.join(", "),
        n + 1,
        n + 2
    );
    let done = bind_data(sqlx::query(sqlx::AssertSqlSafe(sql)), d, terms_id)
        .bind(current.id)
        .bind(expected_version)
        .execute(&mut *conn)
        .await?;
    if done.rows_affected() == 0 {
        return Ok(false);
    }
    let worker = workers::store::name(conn, d.worker_id).await?;
    let changes = match old {
        Some(o) => {
            let old_worker = workers::store::name(conn, o.worker_id).await?;
            audit::diff(audit_fields(o, &old_worker), audit_fields(d, &worker))
        }
        None => Vec::new(),
    };
    audit::record(
        conn,
        current.customer_id,
        "assignment",
        current.id,
        UPDATE_ACTION,
        &changes,
        Some(user_id),
    )
    .await?;
    Ok(true)
}

/// The history's action for a change of the assignment's terms (`history-assignment-update`).
const UPDATE_ACTION: &str = "assignment-update";

/// Moves an assignment to `status` (and, when ending early or extending, to a new end date).
/// The caller has checked that the move is allowed (e.g. no red light before activation).
pub async fn set_status(
    conn: &mut AnyConnection,
    user_id: i64,
    current: &Assignment,
    status: Status,
    to_date: Option<Option<String>>,
) -> Result<()> {
    let new_to = to_date.clone().unwrap_or_else(|| current.to_date.clone());
    let done = sqlx::query(
        "UPDATE assignments SET status = $1, to_date = $2, version = version + 1, updated_at = $3 \
         WHERE id = $4 AND version = $5",
    )
    .bind(status.as_str())
    .bind(&new_to)
    .bind(now())
    .bind(current.id)
    .bind(current.version)
    .execute(&mut *conn)
    .await?;
    if done.rows_affected() == 0 {
        return Err(AppError::Conflict(crate::error::Msg::new(
            "assignment-stale-move",
        )));
    }
    let mut changes = vec![Change {
        field: "status".into(),
        old: Some(current.status.clone()),
        new: Some(status.as_str().into()),
    }];
    if new_to != current.to_date {
        let text = |d: &Option<String>| d.as_deref().and_then(parse_date).map(date_text);
        changes.push(Change {
            field: "to".into(),
            old: text(&current.to_date),
            new: text(&new_to),
        });
    }
    let action = match (status, to_date.is_some()) {
        (Status::Active, true) | (Status::Planned, true) => "assignment-extend",
        (Status::Active, false) => "assignment-activate",
        (Status::Ended, _) => "assignment-end",
        (Status::Cancelled, _) => "assignment-cancel",
        (Status::Planned, false) => UPDATE_ACTION,
    };
    audit::record(
        conn,
        current.customer_id,
        "assignment",
        current.id,
        action,
        &changes,
        Some(user_id),
    )
    .await?;
    Ok(())
}
