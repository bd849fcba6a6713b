//! Recruitments and their candidates in the database. Writes take the caller's connection and
//! record each change on the customer's card (entity `recruitment`). "Hired" makes the draft
//! fee invoice through `invoices::store::{create_draft, add_line}` in the same transaction.

use serde::Serialize;
use sqlx::AnyConnection;

pub use super::candidates::{
    RecruitmentCandidate, add_candidate, candidate, candidates, interview_booked, move_candidate,
    set_sharing, shared_candidates,
};
use super::{
    candidates::{column, renumber},
    model::{self, Consequence, FEE_VAT_BP, Fee, RecruitmentData, Stage, Status, within_guarantee},
};
use crate::{
    AppError, Result,
    audit::{self, Change},
    customers::access::Visibility,
    db::{Db, Sql},
    error::Msg,
    invoices::{self, model::LineInput},
    money::{format_kr, format_share},
    timefmt::{
        date_text, now,
        when::{date_string, parse_date},
    },
};

#[derive(Clone, Debug, Serialize, sqlx::FromRow, utoipa::ToSchema)]
pub struct Recruitment {
    pub id: i64,
    pub customer_id: i64,
    /// The position to fill.
    pub title: String,
    /// STYRK-08 occupation code, four digits.
    pub styrk_code: Option<String>,
    pub description: Option<String>,
    /// `fixed` or `percent`.
    pub fee_kind: String,
    /// A fixed fee, øre excluding VAT.
    pub fee_ore: Option<i64>,
    /// A percentage fee, basis points of `annual_salary_ore`.
    pub fee_percent_bp: Option<i64>,
    pub annual_salary_ore: Option<i64>,
    pub guarantee_months: i64,
    /// `replacement` or `partial_credit`.
    pub guarantee_consequence: String,
    /// The share of the fee credited (basis points) when the consequence is a partial credit.
    pub guarantee_credit_bp: Option<i64>,
    /// The customer's contact.
    pub contact_id: Option<i64>,
    /// The responsible consultant.
    pub consultant_id: Option<i64>,
    /// `open`, `hired`, `reopened`, `cancelled` or `closed`.
    pub status: String,
    pub hired_worker_id: Option<i64>,
    pub hired_at: Option<i64>,
    /// `YYYY-MM-DD`.
    pub start_date: Option<String>,
    /// `YYYY-MM-DD`: the day the placed person left.
    pub left_at: Option<String>,
    /// The draft (later issued) invoice with the fee.
    pub fee_invoice_id: Option<i64>,
    pub version: i64,
    pub created_at: i64,
    pub updated_at: i64,
}

impl Recruitment {
    pub fn status(&self) -> Status {
        Status::parse(&self.status).unwrap_or(Status::Open)
    }
    pub fn fee(&self) -> Fee {
        match self.fee_kind.as_str() {
            "percent" => Fee::Percent {
                bp: self.fee_percent_bp.unwrap_or(0),
                annual_salary_ore: self.annual_salary_ore.unwrap_or(0),
            },
            _ => Fee::Fixed {
                ore: self.fee_ore.unwrap_or(0),
            },
        }
    }
    pub fn consequence(&self) -> Consequence {
        match self.guarantee_consequence.as_str() {
            "partial_credit" => Consequence::PartialCredit {
                bp: self.guarantee_credit_bp.unwrap_or(0),
            },
            _ => Consequence::Replacement,
        }
    }
}

const COLUMNS: &str = "r.id, r.customer_id, r.title, r.styrk_code, r.description, r.fee_kind, \
    r.fee_ore, r.fee_percent_bp, r.annual_salary_ore, r.guarantee_months, \
    r.guarantee_consequence, r.guarantee_credit_bp, r.contact_id, r.consultant_id, r.status, \
    r.hired_worker_id, r.hired_at, r.start_date, r.left_at, r.fee_invoice_id, r.version, \
    r.created_at, r.updated_at";

/// The order of the lists: searching first, then hired, then the rest; newest first within.
const ORDER: &str = " ORDER BY CASE r.status WHEN 'reopened' THEN 0 WHEN 'open' THEN 0 \
    WHEN 'hired' THEN 1 ELSE 2 END, r.created_at DESC, r.id DESC";

/// A customer's recruitments.
pub async fn list_for_customer(db: &Db, customer_id: i64) -> Result<Vec<Recruitment>> {
    Ok(sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "SELECT {COLUMNS} FROM recruitments r WHERE r.customer_id = $1{ORDER}"
    )))
    .bind(customer_id)
    .fetch_all(&db.pool)
    .await?)
}

/// A recruitment with its customer's name and its candidates' count, for the firm-wide list.
#[derive(Clone, Debug, Serialize, sqlx::FromRow)]
pub struct FirmRow {
    #[sqlx(flatten)]
    pub recruitment: Recruitment,
    pub customer_name: String,
    pub candidates: i64,
}

/// The most rows the firm-wide list and the API's list answer with.
pub const LIST_LIMIT: i64 = 500;

/// Recruitments at the customers `visibility` lets the user see, by status (none: all but
/// cancelled and closed); at most [`LIST_LIMIT`], and how many match.
pub async fn list(
    db: &Db,
    visibility: Visibility,
    status: Option<Status>,
    customer_id: Option<i64>,
) -> Result<(Vec<FirmRow>, i64)> {
    list_window(db, visibility, status, customer_id, LIST_LIMIT, 0).await
}

/// [`list`], `limit` rows from `offset` (a page of the firm's list).
pub async fn list_window(
    db: &Db,
    visibility: Visibility,
    status: Option<Status>,
    customer_id: Option<i64>,
    limit: i64,
    offset: i64,
) -> Result<(Vec<FirmRow>, i64)> {
    let filter = |sql: &mut Sql| {
        match status {
            Some(s) => sql.push(" AND r.status = ").bind(s.as_str()),
            None => sql.push(" AND r.status IN ('open', 'reopened', 'hired')"),
        };
        if let Some(c) = customer_id {
            sql.push(" AND r.customer_id = ").bind(c);
        }
        visibility.push_filter(sql, "c");
    };
    let mut count = Sql::new(
        "SELECT COUNT(*) FROM recruitments r JOIN customers c ON c.id = r.customer_id WHERE 1 = 1",
    );
    filter(&mut count);
    let (total,): (i64,) = count.query_as().fetch_one(&db.pool).await?;
    let mut sql = Sql::new(&format!(
        "SELECT {COLUMNS}, c.name AS customer_name, (SELECT COUNT(*) FROM recruitment_candidates rc \
         WHERE rc.recruitment_id = r.id) AS candidates FROM recruitments r \
         JOIN customers c ON c.id = r.customer_id WHERE 1 = 1"
    ));
    filter(&mut sql);
    sql.push(ORDER)
        .push(" LIMIT ")
        .bind(limit)
        .push(" OFFSET ")
        .bind(offset);
    Ok((sql.query_as().fetch_all(&db.pool).await?, total))
}

/// One recruitment of a customer.
pub async fn get(db: &Db, customer_id: i64, id: i64) -> Result<Option<Recruitment>> {
    Ok(sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "SELECT {COLUMNS} FROM recruitments r WHERE r.id = $1 AND r.customer_id = $2"
    )))
    .bind(id)
    .bind(customer_id)
    .fetch_optional(&db.pool)
    .await?)
}

/// The customer a recruitment belongs to (the API checks access by it).
pub async fn customer_of(db: &Db, id: i64) -> Result<Option<i64>> {
    Ok(
        sqlx::query_scalar("SELECT customer_id FROM recruitments WHERE id = $1")
            .bind(id)
            .fetch_optional(&db.pool)
            .await?,
    )
}

/// What the card's history shows of a recruitment (labels `rec-field-<field>`).
fn audit_fields(d: &RecruitmentData) -> Vec<(&'static str, Option<String>)> {
    let (fee, salary) = match d.fee {
        Fee::Fixed { ore } => (format_kr(ore), None),
        Fee::Percent {
            bp,
            annual_salary_ore,
        } => (format_share(bp), Some(format_kr(annual_salary_ore))),
    };
    let consequence = match d.consequence {
        Consequence::Replacement => "replacement".to_string(),
        Consequence::PartialCredit { bp } => format!("partial_credit {}", format_share(bp)),
    };
    vec![
        ("title", Some(d.title.clone())),
        ("styrk_code", d.styrk_code.clone()),
        ("fee", Some(fee)),
        ("annual_salary", salary),
        ("guarantee_months", Some(d.guarantee_months.to_string())),
        ("guarantee_consequence", Some(consequence)),
    ]
}

fn fee_columns(d: &RecruitmentData) -> (Option<i64>, Option<i64>, Option<i64>, Option<i64>) {
    let (fee, bp, salary) = match d.fee {
        Fee::Fixed { ore } => (Some(ore), None, None),
        Fee::Percent {
            bp,
            annual_salary_ore,
        } => (None, Some(bp), Some(annual_salary_ore)),
    };
    let credit = match d.consequence {
        Consequence::PartialCredit { bp } => Some(bp),
        Consequence::Replacement => None,
    };
    (fee, bp, salary, credit)
}

pub(super) async fn record(
    conn: &mut AnyConnection,
    customer_id: i64,
    id: i64,
    action: &str,
    changes: &[Change],
    user_id: Option<i64>,
) -> Result<()> {
    audit::record(
        conn,
        customer_id,
        "recruitment",
        id,
        action,
        changes,
        user_id,
    )
    .await
}

pub(super) fn change(field: &str, old: Option<String>, new: Option<String>) -> Change {
    Change {
        field: field.into(),
        old,
        new,
    }
}

pub async fn create(
    conn: &mut AnyConnection,
    user_id: i64,
    customer_id: i64,
    d: &RecruitmentData,
) -> Result<i64> {
    let (fee, bp, salary, credit) = fee_columns(d);
    let now = now();
    let (id,): (i64,) = sqlx::query_as(
        "INSERT INTO recruitments (customer_id, title, styrk_code, description, fee_kind, fee_ore, \
         fee_percent_bp, annual_salary_ore, guarantee_months, guarantee_consequence, \
         guarantee_credit_bp, contact_id, consultant_id, status, version, created_by, created_at, \
         updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, 'open', 1, \
         $14, $15, $15) RETURNING id",
    )
    .bind(customer_id)
    .bind(&d.title)
    .bind(&d.styrk_code)
    .bind(&d.description)
    .bind(d.fee.kind())
    .bind(fee)
    .bind(bp)
    .bind(salary)
    .bind(d.guarantee_months)
    .bind(d.consequence.kind())
    .bind(credit)
    .bind(d.contact_id)
    .bind(d.consultant_id)
    .bind(user_id)
    .bind(now)
    .fetch_one(&mut *conn)
    .await?;
    let changes: Vec<Change> = audit_fields(d)
        .into_iter()
        .filter(|(_, v)| v.is_some())
        .map(|(f, v)| change(f, None, v))
        .collect();
    record(conn, customer_id, id, "rec-create", &changes, Some(user_id)).await?;
    Ok(id)
}

/// The stored recruitment as checked data (for the history's diff and the edit form).
pub fn data_of(r: &Recruitment) -> RecruitmentData {
    RecruitmentData {
        title: r.title.clone(),
        styrk_code: r.styrk_code.clone(),
        description: r.description.clone(),
        fee: r.fee(),
        guarantee_months: r.guarantee_months,
        consequence: r.consequence(),
        contact_id: r.contact_id,
        consultant_id: r.consultant_id,
    }
}

/// Saves over `current` unless someone saved since `expected_version` (`Ok(false)`: stale).
/// The fee of an invoice already made is not changed (the draft is the invoice's to edit).
pub async fn update(
    conn: &mut AnyConnection,
    user_id: i64,
    current: &Recruitment,
    expected_version: i64,
    d: &RecruitmentData,
) -> Result<bool> {
    let (fee, bp, salary, credit) = fee_columns(d);
    let done = sqlx::query(
        "UPDATE recruitments SET title = $1, styrk_code = $2, description = $3, fee_kind = $4, \
         fee_ore = $5, fee_percent_bp = $6, annual_salary_ore = $7, guarantee_months = $8, \
         guarantee_consequence = $9, guarantee_credit_bp = $10, contact_id = $11, \
         consultant_id = $12, version = version + 1, updated_at = $13 \
         WHERE id = $14 AND version = $15 AND status NOT IN ('cancelled', 'closed')",
    )
    .bind(&d.title)
    .bind(&d.styrk_code)
    .bind(&d.description)
    .bind(d.fee.kind())
    .bind(fee)
    .bind(bp)
    .bind(salary)
    .bind(d.guarantee_months)
    .bind(d.consequence.kind())
    .bind(credit)
    .bind(d.contact_id)
    .bind(d.consultant_id)
    .bind(now())
    .bind(current.id)
    .bind(expected_version)
    .execute(&mut *conn)
    .await?;
    if done.rows_affected() == 0 {
        return Ok(false);
    }
    let changes = audit::diff(audit_fields(&data_of(current)), audit_fields(d));
    record(
        conn,
        current.customer_id,
        current.id,
        "rec-update",
        &changes,
        Some(user_id),
    )
    .await?;
    Ok(true)
}

/// Bumps the version if nobody changed the recruitment since `current` was read, and sets the
/// status (its ads unpublished when it stops searching); `Conflict` when stale.
async fn claim(conn: &mut AnyConnection, current: &Recruitment, status: Status) -> Result<()> {
    let done = sqlx::query(
        "UPDATE recruitments SET status = $1, version = version + 1, updated_at = $2 \
         WHERE id = $3 AND version = $4",
    )
    .bind(status.as_str())
    .bind(now())
    .bind(current.id)
    .bind(current.version)
    .execute(&mut *conn)
    .await?;
    if done.rows_affected() == 0 {
        return Err(AppError::Conflict(Msg::new("rec-stale")));
    }
    if !status.is_searching() {
        // A recruitment that stopped searching is no longer advertised (the recurring job
        // would catch it later).
        crate::job_ads::store::unpublish_for_recruitment(conn, current.id).await?;
    }
    Ok(())
}

/// The manual moves: cancel (while searching), close (once hired), reopen a cancelled one.
pub async fn set_status(
    conn: &mut AnyConnection,
    user_id: i64,
    current: &Recruitment,
    action: &str,
) -> Result<()> {
    let from = current.status();
    let to = match (action, from) {
        ("cancel", s) if s.is_searching() => Status::Cancelled,
        ("close", Status::Hired) => Status::Closed,
        ("reopen", Status::Cancelled) => Status::Open,
        _ => return Err(AppError::Conflict(Msg::new("rec-move-refused"))),
    };
    claim(conn, current, to).await?;
    record(
        conn,
        current.customer_id,
        current.id,
        &format!("rec-{action}"),
        &[change(
            "rec_status",
            Some(from.as_str().into()),
            Some(to.as_str().into()),
        )],
        Some(user_id),
    )
    .await
}

/// `Conflict` unless the recruitment is searching (open or reopened).
pub(super) fn refuse_unless_searching(r: &Recruitment) -> Result<()> {
    if r.status().is_searching() {
        Ok(())
    } else {
        Err(AppError::Conflict(Msg::new("rec-not-searching")))
    }
}

/// What "hired" did.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Hired {
    /// The draft invoice made now (none when the recruitment already had its fee invoice: a
    /// replacement after the guarantee costs no new fee).
    pub invoice_id: Option<i64>,
    pub fee_ore: i64,
}

/// Records the placement (the candidate, the start date), sets the status `hired`, moves the
/// candidate to `hired`, and makes the draft fee invoice (one line, the fee at 25 % VAT)
/// unless the recruitment has one. `line_text` is the line's description.
pub async fn hire(
    conn: &mut AnyConnection,
    user_id: i64,
    r: &Recruitment,
    c: &RecruitmentCandidate,
    start: time::Date,
    line_text: &str,
) -> Result<Hired> {
    refuse_unless_searching(r)?;
    if c.stage() == Stage::Hired || c.stage() == Stage::Rejected {
        return Err(AppError::Conflict(Msg::new("rec-hire-refused")));
    }
    claim(conn, r, Status::Hired).await?;
    let fee_ore = r.fee().amount_ore();
    let invoice_id = match r.fee_invoice_id {
        Some(_) => None,
        None => {
            let inv =
                invoices::store::create_draft(conn, r.customer_id, None, None, user_id).await?;
            invoices::store::add_line(
                conn,
                inv,
                1,
                &LineInput {
                    description: line_text.to_string(),
                    quantity_milli: 1000,
                    unit_code: "C62".into(),
                    unit_price_ore: fee_ore,
                    vat_category: "S".into(),
                    vat_rate_bp: FEE_VAT_BP,
                    exemption_reason: None,
                },
                user_id,
            )
            .await?;
            Some(inv)
        }
    };
    let now = now();
    sqlx::query(
        "UPDATE recruitments SET hired_worker_id = $1, hired_at = $2, start_date = $3, \
         left_at = NULL, fee_invoice_id = COALESCE(fee_invoice_id, $4) WHERE id = $5",
    )
    .bind(c.worker_id)
    .bind(now)
    .bind(date_string(start))
    .bind(invoice_id)
    .bind(r.id)
    .execute(&mut *conn)
    .await?;
    let mut column_ids = column(conn, r.id, Stage::Hired).await?;
    column_ids.push(c.id);
    renumber(conn, &column_ids, Stage::Hired).await?;
    let rest = column(conn, r.id, c.stage()).await?;
    renumber(conn, &rest, c.stage()).await?;
    let mut changes = vec![
        change("worker", None, Some(c.worker_name.clone())),
        change("start_date", None, Some(date_text(start))),
        change(
            "rec_status",
            Some(r.status.clone()),
            Some(Status::Hired.as_str().into()),
        ),
    ];
    if invoice_id.is_some() {
        changes.push(change("fee", None, Some(format_kr(fee_ore))));
    }
    record(
        conn,
        r.customer_id,
        r.id,
        "rec-hired",
        &changes,
        Some(user_id),
    )
    .await?;
    Ok(Hired {
        invoice_id,
        fee_ore,
    })
}

/// What "the person left" did.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Left {
    /// Within the guarantee: the recruitment is reopened with this consequence.
    Reopened(Consequence),
    /// After the guarantee (or without one): only the date is noted.
    Noted,
}

/// Records that the placed person left on `left`. Within the guarantee the recruitment is
/// reopened (the pipeline goes on; a partial credit is offered by the page); after it, the
/// date is noted and nothing else changes. `Conflict` unless hired (or closed), or for a day
/// before the start.
pub async fn left(
    conn: &mut AnyConnection,
    user_id: i64,
    r: &Recruitment,
    left: time::Date,
) -> Result<Left> {
    if !matches!(r.status(), Status::Hired | Status::Closed) {
        return Err(AppError::Conflict(Msg::new("rec-left-refused")));
    }
    let start = r
        .start_date
        .as_deref()
        .and_then(parse_date)
        .ok_or_else(|| AppError::Conflict(Msg::new("rec-left-refused")))?;
    if left < start {
        return Err(AppError::Conflict(Msg::new("rec-left-before-start")));
    }
    let inside = within_guarantee(start, r.guarantee_months, left);
    let to = if inside { Status::Reopened } else { r.status() };
    claim(conn, r, to).await?;
    sqlx::query("UPDATE recruitments SET left_at = $1 WHERE id = $2")
        .bind(date_string(left))
        .bind(r.id)
        .execute(&mut *conn)
        .await?;
    let mut changes = vec![change("left_at", r.left_at.clone(), Some(date_text(left)))];
    if inside {
        changes.push(change(
            "rec_status",
            Some(r.status.clone()),
            Some(to.as_str().into()),
        ));
    }
    record(
        conn,
        r.customer_id,
        r.id,
        if inside {
            "rec-left-guarantee"
        } else {
            "rec-left"
        },
        &changes,
        Some(user_id),
    )
    .await?;
    Ok(if inside {
        Left::Reopened(r.consequence())
    } else {
        Left::Noted
    })
}

/// The workers hired through a recruitment (kept by the privacy job).
pub(super) const HIRED_WORKERS: &str = "SELECT worker_id FROM recruitment_candidates \
    WHERE stage = 'hired' UNION SELECT hired_worker_id FROM recruitments \
    WHERE hired_worker_id IS NOT NULL";

/// The guarantee's last day, for the page.
pub fn guarantee_end(r: &Recruitment) -> Option<time::Date> {
    model::guarantee_end(
        r.start_date.as_deref().and_then(parse_date)?,
        r.guarantee_months,
    )
}
