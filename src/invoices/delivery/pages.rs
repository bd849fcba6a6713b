//! The delivery on the invoice page ([`panel`]: method, status, when, what happened, and for a
//! pending or failed one "send again" / another method), the action behind it
//! (`POST /invoices/{id}/delivery`), and the print list (`GET /invoices/print`, `POST
//! /invoices/print`: mark the chosen ones printed and posted). All for finance roles; the
//! invoice's customer is loaded with the user's access first.

use askama::Template;
use askama_web::WebTemplate;
use axum::{
    extract::{Path, Query, State},
    response::{IntoResponse, Redirect, Response},
};
use axum_extra::extract::Form;
use serde::Deserialize;

use super::{METHODS, configured, email, store};
use crate::{
    AppError, AppState, Result,
    audit::{self, Change},
    auth::Staff,
    customers::access::Need,
    error::Msg,
    i18n::Lang,
    invoices::{
        access::{may_finance, require_finance},
        pages::{date_text, load, number_text},
    },
    money::format_kr,
    timefmt::oslo_datetime,
    web::Chrome,
};

/// What the invoice page shows of the delivery.
pub struct Panel {
    pub invoice_id: i64,
    pub method: String,
    pub method_label: String,
    pub status: String,
    pub status_label: String,
    pub when: Option<String>,
    pub detail: Option<String>,
    /// Said plainly when the method cannot go out with these settings.
    pub not_configured: Option<String>,
    /// Send again / change method (pending or failed, for finance).
    pub can_act: bool,
    pub methods: Vec<(&'static str, String)>,
}

/// The detail as people read it: `code:value` from the delivery, through Fluent.
pub fn detail_text(lang: Lang, detail: &str) -> String {
    match detail.split_once(':') {
        Some((code, value)) => {
            let key = format!("deliv-detail-{code}");
            let text = lang.t_with(&key, &[("value", value.to_string())]);
            if text == key {
                detail.to_string()
            } else {
                text
            }
        }
        None => detail.to_string(),
    }
}

/// The delivery panel of an issued document; `None` for a draft. Brings an emailed delivery's
/// status up to date with its message first.
pub async fn panel(state: &AppState, user: &Staff, invoice_id: i64) -> Result<Option<Panel>> {
    email::sync(state, invoice_id).await?;
    let d = {
        let mut conn = state.db.pool.acquire().await?;
        store::get(&mut conn, invoice_id).await?
    };
    let Some(d) = d else { return Ok(None) };
    let lang = user.lang;
    let not_configured = (d.delivery_status == "pending" && !configured(&d.delivery_method, state))
        .then(|| lang.t(&format!("deliv-not-configured-{}", d.delivery_method)));
    Ok(Some(Panel {
        invoice_id,
        method_label: lang.t(&format!("delivery-{}", d.delivery_method)),
        status_label: lang.t(&format!("inv-delivery-status-{}", d.delivery_status)),
        when: d.delivered_at.map(oslo_datetime),
        detail: d.delivery_detail.as_deref().map(|t| detail_text(lang, t)),
        not_configured,
        can_act: may_finance(user) && d.delivery_status != "sent",
        methods: METHODS
            .iter()
            .map(|m| (*m, lang.t(&format!("delivery-{m}"))))
            .collect(),
        method: d.delivery_method,
        status: d.delivery_status,
    }))
}

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default)]
pub struct RestartForm {
    pub method: String,
}

/// POST /invoices/{id}/delivery — start again by the chosen method (the same one: send again).
#[tracing::instrument(skip_all, fields(user = user.id, invoice = id))]
pub async fn restart(
    State(state): State<AppState>,
    user: Staff,
    Path(id): Path<i64>,
    Form(form): Form<RestartForm>,
) -> Result<Response> {
    require_finance(&user)?;
    let (inv, customer) = load(&state, &user, id, Need::Change).await?;
    if inv.status != "issued" {
        return Err(AppError::NotFound);
    }
    let method = form.method.trim();
    if !METHODS.contains(&method) {
        return Err(AppError::Conflict(Msg::new("deliv-bad-method")));
    }
    let mut tx = state.db.begin().await?;
    let d = store::get(&mut tx, id).await?.ok_or(AppError::NotFound)?;
    if d.delivery_status == "sent" {
        return Err(AppError::Conflict(Msg::new("deliv-already-sent")));
    }
    store::start(&mut tx, id, method).await?;
    audit::record(
        &mut tx,
        customer.id,
        "invoice",
        id,
        "delivery_change",
        &[Change {
            field: "delivery_method".into(),
            old: Some(d.delivery_method.clone()),
            new: Some(method.to_string()),
        }],
        Some(user.id),
    )
    .await?;
    tx.commit().await?;
    state.jobs.wake();
    Ok(Redirect::to(&format!("/invoices/{id}")).into_response())
}

pub struct PrintRow {
    pub id: i64,
    pub number: String,
    pub customer_id: i64,
    pub customer: String,
    pub issued: String,
    pub total: String,
    pub failed: bool,
}

#[derive(Template, WebTemplate)]
#[template(path = "invoices/print.html")]
pub struct PrintView {
    lang: Lang,
    chrome: Chrome,
    rows: Vec<PrintRow>,
    marked: Option<String>,
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct PrintParams {
    pub marked: Option<i64>,
}

/// GET /invoices/print
pub async fn print_list(
    State(state): State<AppState>,
    user: Staff,
    Query(p): Query<PrintParams>,
) -> Result<PrintView> {
    require_finance(&user)?;
    let lang = user.lang;
    let rows = store::print_list(&state.db)
        .await?
        .into_iter()
        .map(|r| PrintRow {
            id: r.invoice_id,
            number: number_text(lang, &r.kind, r.number),
            customer_id: r.customer_id,
            customer: r.buyer_name.unwrap_or_default(),
            issued: date_text(r.issue_date.as_deref()),
            total: format_kr(r.total_ore.unwrap_or(0)),
            failed: r.delivery_status == "failed",
        })
        .collect();
    Ok(PrintView {
        lang,
        chrome: Chrome::new(&user, "invoices"),
        rows,
        marked: p.marked.map(|n| lang.t_count("deliv-print-marked", n)),
    })
}

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default)]
pub struct PrintForm {
    /// The chosen documents' ids.
    pub id: Vec<i64>,
}

/// POST /invoices/print — the chosen documents printed and posted: delivery sent.
#[tracing::instrument(skip_all, fields(user = user.id))]
pub async fn mark_printed(
    State(state): State<AppState>,
    user: Staff,
    Form(form): Form<PrintForm>,
) -> Result<Response> {
    require_finance(&user)?;
    let mut marked = 0;
    for id in form.id {
        // Every one through the customer's access (404 out of sight, 403 without change).
        let _ = load(&state, &user, id, Need::Change).await?;
        let mut tx = state.db.begin().await?;
        let Some(d) = store::get(&mut tx, id).await? else {
            continue;
        };
        if d.delivery_method != "paper" {
            continue;
        }
        let detail = format!("printed:{}", user.name);
        if store::finish(&mut tx, &d, None, "sent", &detail, Some(user.id)).await? {
            marked += 1;
        }
        tx.commit().await?;
    }
    Ok(Redirect::to(&format!("/invoices/print?marked={marked}")).into_response())
}
