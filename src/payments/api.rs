//! `/api/v1/payments`: the payments as JSON (decision 0033), for those who may finance — the
//! same rule as the payment pages and the invoices' financial acts (`invoices::access`): 403 for
//! anyone else. A list with filters (the payment date's period, the customer, the status:
//! matched, unmatched or ignored; paging; `{"items", "total", "total_is_exact", "page",
//! "next_page"}`, the total counted no further than 1,001, decision 0074) and one
//! payment. Amounts in øre, negative for a reversal. Registering and matching stay on the pages.

use axum::{
    Json, Router,
    extract::{Path, Query, State},
    routing::get,
};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use crate::{
    AppError, AppState, Result,
    auth::Staff,
    db::{Sql, paging},
    error::{FieldErrors, Msg},
    invoices::{access::require_finance, pages::list::COUNT_BOUND},
    timefmt::when::{date_string, parse_date},
    web::json::Problem,
};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/api/v1/payments", get(list_payments))
        .route("/api/v1/payments/{id}", get(get_payment))
}

/// A payment.
#[derive(Clone, Debug, Serialize, ToSchema, sqlx::FromRow)]
pub struct PaymentOut {
    pub id: i64,
    /// The invoice it is matched to (none while unmatched or ignored).
    pub invoice_id: Option<i64>,
    pub invoice_number: Option<i64>,
    /// `ours`, or `earlier` for an invoice imported from a former system.
    pub invoice_origin: Option<String>,
    pub customer_id: Option<i64>,
    pub customer_name: Option<String>,
    /// Øre; negative for a reversal.
    pub amount_ore: i64,
    /// `YYYY-MM-DD`.
    pub paid_on: String,
    pub kid: Option<String>,
    pub payer: Option<String>,
    pub reference: Option<String>,
    pub note: Option<String>,
    /// `manual`, `ocr` or `camt054`.
    pub source: String,
    /// The bank file it came from, and its record (OCR) or entry (camt.054).
    pub file_name: Option<String>,
    pub line_number: Option<i64>,
    /// `matched`, `unmatched` or `ignored`.
    pub status: String,
    /// Unix seconds.
    pub created_at: i64,
}

/// One page of payments.
#[derive(Serialize, ToSchema)]
pub struct PaymentList {
    pub items: Vec<PaymentOut>,
    /// How many payments match, in all, when `total_is_exact`. Counting stops a row past
    /// 1,000: then `total_is_exact` is false and `total` is a lower bound (at least this many
    /// match; more than `total - 1`).
    pub total: i64,
    /// False when `total` is only a lower bound. `next_page` is right either way.
    pub total_is_exact: bool,
    pub page: i64,
    pub next_page: Option<i64>,
}

/// Which payments to list.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[serde(default)]
#[into_params(parameter_in = Query)]
pub struct PaymentFilter {
    /// `matched`, `unmatched` or `ignored`; all when absent.
    pub status: Option<String>,
    /// Payments matched to this customer's invoices.
    pub customer_id: Option<i64>,
    /// `YYYY-MM-DD`: paid on or after this day.
    pub from: Option<String>,
    /// `YYYY-MM-DD`: paid on or before this day.
    pub to: Option<String>,
    /// From 1 (default 1).
    pub page: Option<i64>,
    /// Rows per page, 1 to 200 (default 50).
    pub size: Option<i64>,
}

struct Checked {
    status: Option<&'static str>,
    customer_id: Option<i64>,
    from: Option<String>,
    to: Option<String>,
    page: i64,
    size: i64,
    offset: i64,
}

impl PaymentFilter {
    fn checked(&self) -> Result<Checked> {
        let mut e = FieldErrors::default();
        let status = match self.status.as_deref().unwrap_or("") {
            "" => None,
            "matched" => Some("matched"),
            "unmatched" => Some("unmatched"),
            "ignored" => Some("ignored"),
            _ => {
                e.add("status", Msg::new("payments-api-status-invalid"));
                None
            }
        };
        let mut day = |name: &str, v: &Option<String>| {
            let v = v.as_deref().filter(|s| !s.is_empty())?;
            match parse_date(v).filter(|_| v.trim().len() == 10) {
                Some(d) => Some(date_string(d)),
                None => {
                    e.add(name, Msg::new("invoice-api-date-invalid"));
                    None
                }
            }
        };
        let from = day("from", &self.from);
        let to = day("to", &self.to);
        let size = self.size.unwrap_or(50);
        if !(1..=200).contains(&size) {
            e.add("size", Msg::new("invoice-api-size-invalid"));
        }
        let page = self.page.unwrap_or(1);
        let offset = paging::offset(page, size.clamp(1, 200));
        if offset.is_none() {
            e.add("page", paging::out_of_range(size.clamp(1, 200)));
        }
        e.into_result()?;
        Ok(Checked {
            status,
            customer_id: self.customer_id,
            from,
            to,
            page,
            size,
            offset: offset.unwrap_or(0),
        })
    }
}

const SELECT: &str = "SELECT p.id, p.invoice_id, i.number AS invoice_number, \
    i.origin AS invoice_origin, i.customer_id, c.name AS customer_name, p.amount_ore, p.paid_on, \
    p.kid, p.payer, p.reference, p.note, p.source, m.file_name, p.line_number, p.status, \
    p.created_at";
const FROM: &str = " FROM payments p LEFT JOIN invoices i ON i.id = p.invoice_id \
    LEFT JOIN customers c ON c.id = i.customer_id \
    LEFT JOIN payment_imports m ON m.id = p.import_id";

fn push_filter(sql: &mut Sql, f: &Checked) {
    sql.push(" WHERE 1 = 1");
    if let Some(s) = f.status {
        sql.push(" AND p.status = ").bind(s);
    }
    if let Some(c) = f.customer_id {
        sql.push(" AND i.customer_id = ").bind(c);
    }
    if let Some(d) = &f.from {
        sql.push(" AND p.paid_on >= ").bind(d.as_str());
    }
    if let Some(d) = &f.to {
        sql.push(" AND p.paid_on <= ").bind(d.as_str());
    }
}

/// Payments, the latest paid first.
#[utoipa::path(get, path = "/api/v1/payments", tag = "payments", params(PaymentFilter),
    responses((status = 200, description = "One page of the matching payments; amounts in øre.", body = PaymentList),
        (status = 403, description = "Only those who may finance see payments.", body = Problem),
        (status = 422, body = Problem)))]
#[tracing::instrument(skip_all, fields(user_id = user.id))]
pub async fn list_payments(
    State(state): State<AppState>,
    user: Staff,
    Query(filter): Query<PaymentFilter>,
) -> Result<Json<PaymentList>> {
    require_finance(&user)?;
    let f = filter.checked()?;
    let mut sql = Sql::new(SELECT);
    sql.push(FROM);
    push_filter(&mut sql, &f);
    // One row past the page says whether another follows (the count stops at its bound).
    sql.push(" ORDER BY p.paid_on DESC, p.id DESC LIMIT ")
        .bind(f.size + 1)
        .push(" OFFSET ")
        .bind(f.offset);
    let mut conn = state.db.pool.acquire().await?;
    let mut items: Vec<PaymentOut> = sql.query_as().fetch_all(&mut *conn).await?;
    let more = items.len() as i64 > f.size;
    items.truncate(f.size as usize);
    // Counted no further than a row past the bound (decision 0074), as the invoices' list.
    let mut count = Sql::new("SELECT COUNT(*) FROM (SELECT 1");
    count.push(FROM);
    push_filter(&mut count, &f);
    count
        .push(" LIMIT ")
        .bind(COUNT_BOUND + 1)
        .push(") matches");
    let (total,): (i64,) = count.query_as().fetch_one(&mut *conn).await?;
    let next_page = more
        .then_some(f.page + 1)
        .filter(|&next| paging::offset(next, f.size).is_some());
    Ok(Json(PaymentList {
        items,
        total,
        total_is_exact: total <= COUNT_BOUND,
        page: f.page,
        next_page,
    }))
}

/// One payment.
#[utoipa::path(get, path = "/api/v1/payments/{id}", tag = "payments",
    params(("id" = i64, Path, description = "The payment.")),
    responses((status = 200, description = "The payment; amount in øre.", body = PaymentOut),
        (status = 403, body = Problem), (status = 404, body = Problem)))]
#[tracing::instrument(skip_all, fields(payment_id = id, user_id = user.id))]
pub async fn get_payment(
    State(state): State<AppState>,
    user: Staff,
    Path(id): Path<i64>,
) -> Result<Json<PaymentOut>> {
    require_finance(&user)?;
    let mut sql = Sql::new(SELECT);
    sql.push(FROM).push(" WHERE p.id = ").bind(id);
    let mut conn = state.db.pool.acquire().await?;
    let p: Option<PaymentOut> = sql.query_as().fetch_optional(&mut *conn).await?;
    Ok(Json(p.ok_or(AppError::NotFound)?))
}
