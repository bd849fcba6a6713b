//! The portal's invoices (with the *view invoices* right): `/portal/invoices` lists the
//! contact's own company's issued invoices and credit notes (number, date, due date, amount,
//! status from `invoices::state`), and `/portal/invoices/{id}/pdf` gives the PDF. Every query is
//! keyed on the logged-in contact's company: another company's invoice and a draft answer 404,
//! a contact without the right 403.

use askama::Template;
use askama_web::WebTemplate;
use axum::{
    extract::{Path, State},
    response::Response,
};

use super::session::PortalUser;
use crate::{
    AppError, AppState, Result,
    contacts::model::Right,
    customers::{access::Visibility, store as customers},
    i18n::Lang,
    invoices::{
        documents::{
            pages::{download, file_name},
            pdf_bytes,
        },
        state::{Facts, derive},
        store,
    },
    money::format_kr,
    timefmt::{date_text, when::parse_date},
};

/// A row of the list.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct Row {
    pub id: i64,
    pub kind: String,
    pub number: Option<i64>,
    pub issue_date: Option<String>,
    pub due_date: Option<String>,
    pub total_ore: Option<i64>,
    pub delivery_status: Option<String>,
    pub paid_ore: Option<i64>,
    pub credited_ore: Option<i64>,
}

/// The company's issued invoices and credit notes, newest first.
pub async fn issued(state: &AppState, customer_id: i64) -> Result<Vec<Row>> {
    Ok(sqlx::query_as(
        "SELECT i.id, i.kind, i.number, i.issue_date, i.due_date, i.total_ore, \
         s.delivery_status, s.paid_ore, s.credited_ore \
         FROM invoices i LEFT JOIN invoice_state s ON s.invoice_id = i.id \
         WHERE i.customer_id = $1 AND i.status = 'issued' \
         ORDER BY i.issue_date DESC, i.id DESC",
    )
    .bind(customer_id)
    .fetch_all(&state.db.pool)
    .await?)
}

#[derive(Template, WebTemplate)]
#[template(path = "portal/invoices.html")]
pub struct ListPage {
    lang: Lang,
    me: PortalUser,
    company: String,
    rows: Vec<Row>,
}

impl ListPage {
    fn date(d: Option<&str>) -> String {
        d.and_then(parse_date).map(date_text).unwrap_or_default()
    }
    fn count(&self) -> String {
        self.lang
            .t_count("portal-invoices-count", self.rows.len() as i64)
    }
    fn issued_on(&self, r: &Row) -> String {
        Self::date(r.issue_date.as_deref())
    }
    fn due_on(&self, r: &Row) -> String {
        Self::date(r.due_date.as_deref())
    }
    fn amount(&self, r: &Row) -> String {
        format_kr(r.total_ore.unwrap_or(0))
    }
    fn kind(&self, r: &Row) -> String {
        self.lang.t(if r.kind == "credit_note" {
            "portal-invoices-credit-note"
        } else {
            "portal-invoices-invoice"
        })
    }
    fn status(&self, r: &Row) -> String {
        let facts = Facts {
            kind: &r.kind,
            status: "issued",
            total_ore: r.total_ore.unwrap_or(0),
            due_date: r.due_date.as_deref(),
            delivery_status: r.delivery_status.as_deref(),
            paid_ore: r.paid_ore.unwrap_or(0),
            credited_ore: r.credited_ore.unwrap_or(0),
        };
        let today = crate::timefmt::when::oslo_date(crate::timefmt::now());
        self.lang.t(&derive(&facts, today).label_key())
    }
}

/// GET /portal/invoices
#[tracing::instrument(skip_all, fields(customer_id = me.customer_id, contact_id = me.contact_id))]
pub async fn list(State(state): State<AppState>, me: PortalUser) -> Result<ListPage> {
    me.require(Right::ViewInvoices)?;
    let company = customers::get(&state.db, Visibility::All, me.customer_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let rows = issued(&state, me.customer_id).await?;
    Ok(ListPage {
        lang: me.lang,
        company: company.name,
        rows,
        me,
    })
}

/// GET /portal/invoices/{id}/pdf
#[tracing::instrument(skip_all, fields(customer_id = me.customer_id, invoice_id = id))]
pub async fn pdf(
    State(state): State<AppState>,
    me: PortalUser,
    Path(id): Path<i64>,
) -> Result<Response> {
    me.require(Right::ViewInvoices)?;
    let invoice = store::get(&state.db, id)
        .await?
        .filter(|i| i.customer_id == me.customer_id && i.status == "issued")
        .ok_or(AppError::NotFound)?;
    let bytes = pdf_bytes(&state, id).await?.ok_or(AppError::NotFound)?;
    Ok(download(
        bytes,
        "application/pdf",
        &file_name(&invoice, "pdf"),
        true,
    ))
}
