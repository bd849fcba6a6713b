//! `/api/v1/invoices`: invoices and credit notes as JSON over the same store functions as the
//! pages, under the same access rules (`invoices::access`, decision 0024):
//!
//! - a list (`kind`, `status`, `customer_id`, issue-date period, paging; `{"items", "total",
//!   "total_is_exact"}`, the total counted no further than the page's bound, decision 0074) of
//!   the customers the user sees, and one document with its lines, state and status (404 out
//!   of sight);
//! - a draft and its lines for whoever may change the customer (403 read-only);
//! - issuing and crediting (whole, or chosen lines, with a reason) for those who may finance
//!   (403 otherwise).
//!
//! Credit notes are the same resource (`kind: "credit_note"`, decision 0030): they are read at
//! `/api/v1/invoices/{id}` and listed at `/api/v1/credit-notes` (the list with `kind` fixed).
//! An issued document cannot be changed: a write to it is a 409, as a stale `version` is.
//! The status is derived in SQL by [`status_sql`], the rules of `state::derive`.

use axum::{
    Json, Router,
    extract::{Path, Query, State},
    http::{StatusCode, header},
    response::{IntoResponse, Response},
    routing::{get, post},
};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use super::{
    access::require_finance,
    credit,
    model::LineInput,
    pages::list::COUNT_BOUND,
    state::{self, Facts, Status},
    store,
};
use crate::{
    AppError, AppState, Result,
    auth::Staff,
    customers::access::{self, Need, Visibility},
    db::{Sql, paging},
    error::{FieldErrors, Msg},
    timefmt::{
        now,
        when::{date_string, oslo_date, parse_date},
    },
    web::json::{ApiJson, Problem},
};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/api/v1/invoices", get(list_invoices).post(create_invoice))
        .route("/api/v1/credit-notes", get(list_credit_notes))
        .route("/api/v1/invoices/{id}", get(get_invoice))
        .route("/api/v1/invoices/{id}/lines", post(add_invoice_line))
        .route("/api/v1/invoices/{id}/issue", post(issue_invoice))
        .route("/api/v1/invoices/{id}/credit", post(credit_invoice))
}

/// Today in Oslo, `YYYY-MM-DD`: the day overdue is judged on.
pub fn today() -> String {
    date_string(oslo_date(now()))
}

/// The status of invoices `i` (left-joined to `invoice_state s`) as a SQL `CASE`, the rules of
/// [`state::derive`]: appended to `sql` with today bound as a parameter.
pub fn status_sql(sql: &mut Sql, today: &str) {
    sql.push(
        "(CASE WHEN i.status = 'draft' THEN 'draft' \
         WHEN i.kind = 'credit_note' THEN (CASE WHEN s.delivery_status = 'sent' THEN 'sent' ELSE 'issued' END) \
         WHEN COALESCE(s.credited_ore, 0) > 0 AND COALESCE(s.credited_ore, 0) >= i.total_ore THEN 'credited' \
         WHEN i.total_ore - COALESCE(s.credited_ore, 0) - COALESCE(s.paid_ore, 0) <= 0 THEN 'paid' \
         WHEN i.due_date < ",
    )
    .bind(today)
    .push(
        " THEN 'overdue' \
         WHEN COALESCE(s.paid_ore, 0) > 0 THEN 'partly_paid' \
         WHEN s.delivery_status = 'sent' THEN 'sent' ELSE 'issued' END)",
    );
}

/// A row of the list.
#[derive(Clone, Debug, Serialize, ToSchema, sqlx::FromRow)]
pub struct InvoiceItem {
    pub id: i64,
    /// `invoice` or `credit_note`.
    pub kind: String,
    pub customer_id: i64,
    pub customer_name: String,
    /// Set when issued.
    pub number: Option<i64>,
    pub issue_date: Option<String>,
    pub due_date: Option<String>,
    /// With VAT, øre (negative on a credit note); set when issued.
    pub total_ore: Option<i64>,
    pub paid_ore: i64,
    pub credited_ore: i64,
    /// The invoice a credit note credits.
    pub credited_invoice_id: Option<i64>,
    /// `draft`, `issued`, `sent`, `partly_paid`, `paid`, `overdue` or `credited`.
    pub status: String,
}

/// One page of invoices.
#[derive(Serialize, ToSchema)]
pub struct InvoiceList {
    pub items: Vec<InvoiceItem>,
    /// How many invoices match, in all, when `total_is_exact`. Counting stops a row past
    /// 1,000: then `total_is_exact` is false and `total` is a lower bound (at least this many
    /// match; more than `total - 1`).
    pub total: i64,
    /// False when `total` is only a lower bound. `next_page` is right either way.
    pub total_is_exact: bool,
    pub page: i64,
    pub next_page: Option<i64>,
    /// When another page follows: pass as `after` (with `page` = `next_page`) to read the next
    /// page on from this one's last row, as cheap however deep.
    pub next_after: Option<i64>,
}

/// Which invoices to list.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[serde(default)]
#[into_params(parameter_in = Query)]
pub struct InvoiceFilter {
    /// `invoice` or `credit_note`; both when absent.
    pub kind: Option<String>,
    /// `draft`, `issued`, `sent`, `partly_paid`, `paid`, `overdue` or `credited`.
    pub status: Option<String>,
    pub customer_id: Option<i64>,
    /// `YYYY-MM-DD`: issued on or after this day.
    pub from: Option<String>,
    /// `YYYY-MM-DD`: issued on or before this day.
    pub to: Option<String>,
    /// From 1 (default 1).
    pub page: Option<i64>,
    /// Rows per page, 1 to 200 (default 50).
    pub size: Option<i64>,
    /// `next_after` of the page before: the page is the rows after that one (newest first)
    /// instead of skipping `(page - 1) × size`; `page` still numbers it.
    #[param(minimum = 1)]
    pub after: Option<i64>,
}

struct Checked {
    kind: Option<&'static str>,
    status: Option<Status>,
    customer_id: Option<i64>,
    from: Option<String>,
    to: Option<String>,
    page: i64,
    size: i64,
    offset: i64,
    after: Option<i64>,
}

impl InvoiceFilter {
    fn checked(&self) -> Result<Checked> {
        let mut e = FieldErrors::default();
        let kind = match self.kind.as_deref().unwrap_or("") {
            "" => None,
            "invoice" => Some("invoice"),
            "credit_note" => Some("credit_note"),
            _ => {
                e.add("kind", Msg::new("invoice-api-kind-invalid"));
                None
            }
        };
        let status = match self.status.as_deref().unwrap_or("") {
            "" => None,
            s => {
                let st = Status::from_code(s);
                if st.is_none() {
                    e.add("status", Msg::new("invoice-api-status-invalid"));
                }
                st
            }
        };
        let mut day = |name: &str, v: &Option<String>| {
            let v = v.as_deref().filter(|s| !s.is_empty())?;
            match parse_date(v) {
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
            kind,
            status,
            customer_id: self.customer_id,
            from,
            to,
            page,
            size,
            offset: offset.unwrap_or(0),
            after: self.after,
        })
    }
}

fn push_filter(sql: &mut Sql, f: &Checked, visibility: Visibility, today: &str) {
    sql.push(" WHERE 1 = 1");
    visibility.push_filter(sql, "c");
    if let Some(k) = f.kind {
        sql.push(" AND i.kind = ").bind(k);
    }
    if let Some(c) = f.customer_id {
        sql.push(" AND i.customer_id = ").bind(c);
    }
    if let Some(d) = &f.from {
        sql.push(" AND i.issue_date >= ").bind(d.as_str());
    }
    if let Some(d) = &f.to {
        sql.push(" AND i.issue_date <= ").bind(d.as_str());
    }
    if let Some(s) = f.status {
        sql.push(" AND ");
        status_sql(sql, today);
        sql.push(" = ").bind(s.code());
    }
}

const FROM: &str = " FROM invoices i JOIN customers c ON c.id = i.customer_id \
    LEFT JOIN invoice_state s ON s.invoice_id = i.id";

async fn list(state: &AppState, user: &Staff, filter: &InvoiceFilter) -> Result<InvoiceList> {
    let f = filter.checked()?;
    let visibility = Visibility::of(user, state.config.consultant_scope);
    let today = today();
    let mut sql = Sql::new(
        "SELECT i.id, i.kind, i.customer_id, c.name AS customer_name, i.number, i.issue_date, \
         i.due_date, i.total_ore, COALESCE(s.paid_ore, 0) AS paid_ore, \
         COALESCE(s.credited_ore, 0) AS credited_ore, i.credited_invoice_id, ",
    );
    status_sql(&mut sql, &today);
    sql.push(" AS status").push(FROM);
    push_filter(&mut sql, &f, visibility, &today);
    // Newest first is the primary key's order: the rows after the page before are a range of
    // it (keyset paging).
    if let Some(after) = f.after {
        sql.push(" AND i.id < ").bind(after);
    }
    sql.push(" ORDER BY i.id DESC LIMIT ")
        .bind(f.size + 1)
        .push(" OFFSET ")
        .bind(if f.after.is_some() { 0 } else { f.offset });
    let mut conn = state.db.pool.acquire().await?;
    let mut items: Vec<InvoiceItem> = sql.query_as().fetch_all(&mut *conn).await?;
    // One row past the page says whether another follows (also when read on from `after`).
    let more = items.len() as i64 > f.size;
    items.truncate(f.size as usize);
    // Counted no further than a row past the bound, as the page counts (decision 0074): the
    // first page costs the same however many invoices match.
    let mut count = Sql::new("SELECT COUNT(*) FROM (SELECT 1");
    count.push(FROM);
    push_filter(&mut count, &f, visibility, &today);
    count
        .push(" LIMIT ")
        .bind(COUNT_BOUND + 1)
        .push(") matches");
    let (total,): (i64,) = count.query_as().fetch_one(&mut *conn).await?;
    let next_page = more
        .then_some(f.page + 1)
        .filter(|&next| paging::offset(next, f.size).is_some());
    let next_after = next_page.and(items.last().map(|i| i.id));
    Ok(InvoiceList {
        items,
        total,
        total_is_exact: total <= COUNT_BOUND,
        page: f.page,
        next_page,
        next_after,
    })
}

/// Invoices and credit notes of the customers the user sees, newest first.
#[utoipa::path(get, path = "/api/v1/invoices", tag = "invoices", params(InvoiceFilter),
    responses((status = 200, description = "One page of the matching invoices and credit notes; amounts in øre.", body = InvoiceList),
        (status = 422, body = Problem)))]
#[tracing::instrument(skip_all, fields(user_id = user.id))]
pub async fn list_invoices(
    State(state): State<AppState>,
    user: Staff,
    Query(filter): Query<InvoiceFilter>,
) -> Result<Json<InvoiceList>> {
    Ok(Json(list(&state, &user, &filter).await?))
}

/// Credit notes of the customers the user sees, newest first: the invoices' list with `kind`
/// fixed to `credit_note` (a `kind` sent is ignored).
#[utoipa::path(get, path = "/api/v1/credit-notes", tag = "invoices", params(InvoiceFilter),
    responses((status = 200, description = "One page of the matching credit notes; amounts in øre.", body = InvoiceList),
        (status = 422, body = Problem)))]
#[tracing::instrument(skip_all, fields(user_id = user.id))]
pub async fn list_credit_notes(
    State(state): State<AppState>,
    user: Staff,
    Query(mut filter): Query<InvoiceFilter>,
) -> Result<Json<InvoiceList>> {
    filter.kind = Some("credit_note".into());
    Ok(Json(list(&state, &user, &filter).await?))
}

/// A line as stored.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct LineOut {
    pub id: i64,
    pub position: i64,
    pub description: String,
    /// Thousandths: 7500 = 7.5 (negative on a credit note).
    pub quantity_milli: i64,
    pub unit_code: String,
    pub unit_price_ore: i64,
    pub vat_category: String,
    /// Basis points: 2500 = 25 %.
    pub vat_rate_bp: i64,
    pub exemption_reason: Option<String>,
    pub line_net_ore: i64,
    pub timesheet_id: Option<i64>,
    /// On a credit note: the invoice line it credits.
    pub credited_line_id: Option<i64>,
}

/// What happened after issue: delivery, payments, credits.
#[derive(Clone, Debug, Serialize, ToSchema, sqlx::FromRow)]
pub struct StateOut {
    /// `ehf`, `email` or `paper`.
    pub delivery_method: String,
    /// `pending`, `sent` or `failed`.
    pub delivery_status: String,
    pub paid_ore: i64,
    pub last_paid_on: Option<String>,
    pub credited_ore: i64,
}

/// An invoice or credit note with everything on it.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct InvoiceOut {
    pub id: i64,
    /// `invoice` or `credit_note`.
    pub kind: String,
    pub customer_id: i64,
    /// Derived: `draft`, `issued`, `sent`, `partly_paid`, `paid`, `overdue` or `credited`.
    pub status: String,
    pub number: Option<i64>,
    pub issue_date: Option<String>,
    pub due_date: Option<String>,
    pub kid: Option<String>,
    pub currency: String,
    pub buyer_name: Option<String>,
    pub buyer_org_number: Option<String>,
    pub buyer_reference: Option<String>,
    pub order_reference: Option<String>,
    pub line_net_ore: Option<i64>,
    pub vat_ore: Option<i64>,
    pub total_ore: Option<i64>,
    pub payable_ore: Option<i64>,
    /// What is still owed (issued invoices): total − credited − paid.
    pub outstanding_ore: Option<i64>,
    pub credited_invoice_id: Option<i64>,
    /// A credit note's reason.
    pub reason: Option<String>,
    /// Send it back with a change to a draft.
    pub version: i64,
    pub lines: Vec<LineOut>,
    pub state: Option<StateOut>,
    /// The credit notes against an invoice.
    pub credit_notes: Vec<i64>,
}

async fn detail(state: &AppState, id: i64) -> Result<InvoiceOut> {
    let mut conn = state.db.pool.acquire().await?;
    let inv = store::get_in(&mut conn, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let lines = store::lines_in(&mut conn, id).await?;
    let st: Option<StateOut> = sqlx::query_as(
        "SELECT delivery_method, delivery_status, paid_ore, last_paid_on, credited_ore \
         FROM invoice_state WHERE invoice_id = $1",
    )
    .bind(id)
    .fetch_optional(&mut *conn)
    .await?;
    let notes: Vec<(i64,)> =
        sqlx::query_as("SELECT id FROM invoices WHERE credited_invoice_id = $1 ORDER BY id")
            .bind(id)
            .fetch_all(&mut *conn)
            .await?;
    let facts = Facts {
        kind: &inv.kind,
        status: &inv.status,
        total_ore: inv.total_ore.unwrap_or(0),
        due_date: inv.due_date.as_deref(),
        delivery_status: st.as_ref().map(|s| s.delivery_status.as_str()),
        paid_ore: st.as_ref().map_or(0, |s| s.paid_ore),
        credited_ore: st.as_ref().map_or(0, |s| s.credited_ore),
    };
    let status = state::derive(&facts, oslo_date(now()));
    let outstanding = (inv.kind == "invoice")
        .then_some(inv.total_ore)
        .flatten()
        .map(|t| state::outstanding(t, facts.credited_ore, facts.paid_ore));
    Ok(InvoiceOut {
        id: inv.id,
        kind: inv.kind,
        customer_id: inv.customer_id,
        status: status.code().into(),
        number: inv.number,
        issue_date: inv.issue_date,
        due_date: inv.due_date,
        kid: inv.kid,
        currency: inv.currency,
        buyer_name: inv.buyer_name,
        buyer_org_number: inv.buyer_org_number,
        buyer_reference: inv.buyer_reference,
        order_reference: inv.order_reference,
        line_net_ore: inv.line_net_ore,
        vat_ore: inv.vat_ore,
        total_ore: inv.total_ore,
        payable_ore: inv.payable_ore,
        outstanding_ore: outstanding,
        credited_invoice_id: inv.credited_invoice_id,
        reason: inv.reason,
        version: inv.version,
        lines: lines
            .into_iter()
            .map(|l| LineOut {
                id: l.id,
                position: l.position,
                description: l.description,
                quantity_milli: l.quantity_milli,
                unit_code: l.unit_code,
                unit_price_ore: l.unit_price_ore,
                vat_category: l.vat_category,
                vat_rate_bp: l.vat_rate_bp,
                exemption_reason: l.exemption_reason,
                line_net_ore: l.line_net_ore,
                timesheet_id: l.timesheet_id,
                credited_line_id: l.credited_line_id,
            })
            .collect(),
        state: st,
        credit_notes: notes.into_iter().map(|(n,)| n).collect(),
    })
}

/// The invoice `id` when `user` sees its customer (404 otherwise) and, with `need` Change, may
/// change it (403).
async fn invoice_for(state: &AppState, user: &Staff, id: i64, need: Need) -> Result<i64> {
    let inv = store::get(&state.db, id).await?.ok_or(AppError::NotFound)?;
    access::load(state, user, inv.customer_id, need).await?;
    Ok(inv.customer_id)
}

/// One invoice or credit note: its lines, its state after issue and its derived status.
#[utoipa::path(get, path = "/api/v1/invoices/{id}", tag = "invoices",
    params(("id" = i64, Path, description = "The invoice or credit note.")),
    responses((status = 200, description = "The document; amounts in øre, quantities in thousandths.", body = InvoiceOut),
        (status = 404, body = Problem)))]
#[tracing::instrument(skip_all, fields(invoice_id = id, user_id = user.id))]
pub async fn get_invoice(
    State(state): State<AppState>,
    user: Staff,
    Path(id): Path<i64>,
) -> Result<Json<InvoiceOut>> {
    invoice_for(&state, &user, id, Need::See).await?;
    Ok(Json(detail(&state, id).await?))
}

/// A new draft.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct DraftIn {
    pub customer_id: i64,
    /// The buyer's reference (BT-10), e.g. a name or a cost centre.
    pub buyer_reference: Option<String>,
    /// The buyer's purchase order number (BT-13).
    pub order_reference: Option<String>,
}

fn created(id: i64, body: InvoiceOut) -> Response {
    (
        StatusCode::CREATED,
        [(header::LOCATION, format!("/api/v1/invoices/{id}"))],
        Json(body),
    )
        .into_response()
}

/// Make an empty draft invoice for a customer the user may change.
#[utoipa::path(post, path = "/api/v1/invoices", tag = "invoices", request_body = DraftIn,
    responses((status = 201, description = "Created; `Location` names it.", body = InvoiceOut),
        (status = 403, body = Problem), (status = 404, description = "No such customer in sight.", body = Problem),
        (status = 422, body = Problem)))]
#[tracing::instrument(skip_all, fields(user_id = user.id))]
pub async fn create_invoice(
    State(state): State<AppState>,
    user: Staff,
    ApiJson(body): ApiJson<DraftIn>,
) -> Result<Response> {
    access::load(&state, &user, body.customer_id, Need::Change).await?;
    let mut tx = state.db.begin().await?;
    let id = store::create_draft(
        &mut tx,
        body.customer_id,
        body.buyer_reference.as_deref(),
        body.order_reference.as_deref(),
        user.id,
    )
    .await?;
    tx.commit().await?;
    Ok(created(id, detail(&state, id).await?))
}

/// A line added to a draft.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct LineIn {
    /// The draft's `version` as read.
    pub version: i64,
    pub description: String,
    /// Thousandths: 7500 = 7.5.
    pub quantity_milli: i64,
    /// UN/ECE rec. 20: `HUR`, `DAY`, `C62`, …
    pub unit_code: String,
    pub unit_price_ore: i64,
    /// `S`, `Z`, `E`, `AE` or `O`.
    pub vat_category: String,
    /// Basis points, above 0 for `S`, 0 otherwise.
    pub vat_rate_bp: i64,
    /// Required for `E`, refused otherwise.
    pub exemption_reason: Option<String>,
}

/// Add a line to a draft (a draft only: an issued invoice is a 409).
#[utoipa::path(post, path = "/api/v1/invoices/{id}/lines", tag = "invoices",
    params(("id" = i64, Path, description = "The draft.")), request_body = LineIn,
    responses((status = 200, description = "Added; the draft as it is now.", body = InvoiceOut),
        (status = 403, body = Problem), (status = 404, body = Problem),
        (status = 409, description = "Issued (an issued invoice never changes; credit it), a credit note, or changed since the `version` sent.", body = Problem),
        (status = 422, description = "Invalid line; `errors` names the field.", body = Problem)))]
#[tracing::instrument(skip_all, fields(invoice_id = id, user_id = user.id))]
pub async fn add_invoice_line(
    State(state): State<AppState>,
    user: Staff,
    Path(id): Path<i64>,
    ApiJson(body): ApiJson<LineIn>,
) -> Result<Json<InvoiceOut>> {
    invoice_for(&state, &user, id, Need::Change).await?;
    let input = LineInput {
        description: body.description,
        quantity_milli: body.quantity_milli,
        unit_code: body.unit_code,
        unit_price_ore: body.unit_price_ore,
        vat_category: body.vat_category,
        vat_rate_bp: body.vat_rate_bp,
        exemption_reason: body.exemption_reason,
    };
    let mut tx = state.db.begin().await?;
    store::add_line(&mut tx, id, body.version, &input, user.id).await?;
    tx.commit().await?;
    Ok(Json(detail(&state, id).await?))
}

/// The draft's `version` as read.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct IssueIn {
    pub version: i64,
}

/// Issue a draft: its number, KID, dates, buyer and totals are fixed for good.
#[utoipa::path(post, path = "/api/v1/invoices/{id}/issue", tag = "invoices",
    params(("id" = i64, Path, description = "The draft.")), request_body = IssueIn,
    responses((status = 200, description = "Issued; the invoice as it is now.", body = InvoiceOut),
        (status = 403, description = "The user may not issue (admins, and managers who may change the customer, may).", body = Problem),
        (status = 404, body = Problem),
        (status = 409, description = "Already issued, or changed since the `version` sent.", body = Problem),
        (status = 422, description = "No lines, or the buyer lacks organisation number or address.", body = Problem)))]
#[tracing::instrument(skip_all, fields(invoice_id = id, user_id = user.id))]
pub async fn issue_invoice(
    State(state): State<AppState>,
    user: Staff,
    Path(id): Path<i64>,
    ApiJson(body): ApiJson<IssueIn>,
) -> Result<Json<InvoiceOut>> {
    invoice_for(&state, &user, id, Need::Change).await?;
    require_finance(&user)?;
    let mut tx = state.db.begin().await?;
    store::issue(&mut tx, id, body.version, user.id, oslo_date(now())).await?;
    tx.commit().await?;
    Ok(Json(detail(&state, id).await?))
}

/// What to credit.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CreditIn {
    /// Why (required; printed on the credit note).
    pub reason: String,
    /// The invoice lines to credit; every line not credited yet when absent.
    pub line_ids: Option<Vec<i64>>,
}

/// Credit an issued invoice, whole or chosen lines: a credit note, issued at once.
#[utoipa::path(post, path = "/api/v1/invoices/{id}/credit", tag = "invoices",
    params(("id" = i64, Path, description = "The issued invoice.")), request_body = CreditIn,
    responses((status = 201, description = "The credit note; `Location` names it.", body = InvoiceOut),
        (status = 403, description = "The user may not credit.", body = Problem),
        (status = 404, body = Problem),
        (status = 409, description = "Not an issued invoice, or nothing left to credit.", body = Problem),
        (status = 422, description = "No reason, no lines, a line of another invoice or one credited before.", body = Problem)))]
#[tracing::instrument(skip_all, fields(invoice_id = id, user_id = user.id))]
pub async fn credit_invoice(
    State(state): State<AppState>,
    user: Staff,
    Path(id): Path<i64>,
    ApiJson(body): ApiJson<CreditIn>,
) -> Result<Response> {
    invoice_for(&state, &user, id, Need::Change).await?;
    require_finance(&user)?;
    let today = oslo_date(now());
    let mut tx = state.db.begin().await?;
    let note = match &body.line_ids {
        None => credit::credit_whole(&mut tx, id, &body.reason, user.id, today).await?,
        Some(ids) => credit::credit_lines(&mut tx, id, ids, &body.reason, user.id, today).await?,
    };
    tx.commit().await?;
    Ok(created(note.id, detail(&state, note.id).await?))
}
