//! Crediting an issued invoice (`access::require_finance` and `Need::Change`): a required
//! reason, the whole invoice or chosen lines (the ones not credited yet), what will be credited
//! shown before it is done; `credit::{credit_whole, credit_lines}` make the credit note.

use std::collections::HashSet;

use askama::Template;
use askama_web::WebTemplate;
use axum::{
    extract::{Path, State},
    http::StatusCode,
    response::{IntoResponse, Redirect, Response},
};
use axum_extra::extract::Form;
use serde::Deserialize;

use super::{load, number_text, quantity_text, today, unit_text, vat_text};
use crate::{
    AppError, AppState, Result,
    auth::Staff,
    customers::{access::Need, store::Customer},
    error::FieldErrors,
    i18n::Lang,
    invoices::{
        access::require_finance,
        credit::{credit_lines, credit_whole},
        store::{self, Invoice},
    },
    money::format_kr,
    web::{Chrome, form::field_messages},
};

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default)]
pub struct CreditForm {
    pub reason: String,
    /// `whole` or `lines`.
    pub scope: String,
    pub line: Vec<i64>,
}

pub struct CreditLine {
    pub id: i64,
    pub description: String,
    pub quantity: String,
    pub unit: String,
    pub vat: String,
    pub net: String,
    pub credited: bool,
}

#[derive(Template, WebTemplate)]
#[template(path = "invoices/credit.html")]
pub struct CreditView {
    lang: Lang,
    chrome: Chrome,
    inv: Invoice,
    customer: Customer,
    number: String,
    lines: Vec<CreditLine>,
    left_net: String,
    form: CreditForm,
    errors: FieldErrors,
    notice: Option<String>,
}

impl CreditView {
    fn errs(&self, field: &str) -> Vec<String> {
        field_messages(&self.errors, self.lang, field)
    }
    fn chosen(&self, id: &i64) -> bool {
        self.form.line.contains(id)
    }
    fn whole(&self) -> bool {
        self.form.scope != "lines"
    }
}

async fn view(
    state: &AppState,
    user: &Staff,
    inv: Invoice,
    customer: Customer,
    form: CreditForm,
    errors: FieldErrors,
    notice: Option<String>,
) -> Result<CreditView> {
    let lang = user.lang;
    let credited: HashSet<i64> = sqlx::query_as::<_, (i64,)>(
        "SELECT l.credited_line_id FROM invoice_lines l JOIN invoices c ON c.id = l.invoice_id \
         WHERE c.credited_invoice_id = $1 AND l.credited_line_id IS NOT NULL",
    )
    .bind(inv.id)
    .fetch_all(&state.db.pool)
    .await?
    .into_iter()
    .map(|(id,)| id)
    .collect();
    let lines = store::lines(&state.db, inv.id).await?;
    let left_net = lines
        .iter()
        .filter(|l| !credited.contains(&l.id))
        .map(|l| l.line_net_ore)
        .sum();
    Ok(CreditView {
        lang,
        chrome: Chrome::new(user, "invoices"),
        number: number_text(lang, &inv.kind, inv.number),
        lines: lines
            .iter()
            .map(|l| CreditLine {
                id: l.id,
                description: l.description.clone(),
                quantity: quantity_text(l.quantity_milli),
                unit: unit_text(lang, &l.unit_code),
                vat: vat_text(lang, &l.vat_category, l.vat_rate_bp),
                net: format_kr(l.line_net_ore),
                credited: credited.contains(&l.id),
            })
            .collect(),
        left_net: format_kr(left_net),
        form,
        errors,
        notice,
        inv,
        customer,
    })
}

async fn load_for_credit(state: &AppState, user: &Staff, id: i64) -> Result<(Invoice, Customer)> {
    let (inv, customer) = load(state, user, id, Need::Change).await?;
    require_finance(user)?;
    if inv.kind != "invoice" || inv.status != "issued" {
        return Err(AppError::Conflict(crate::error::Msg::new(
            "invoice-credit-not-issued",
        )));
    }
    Ok((inv, customer))
}

/// GET /invoices/{id}/credit
#[tracing::instrument(skip_all, fields(user_id = user.id))]
pub async fn form(
    State(state): State<AppState>,
    user: Staff,
    Path(id): Path<i64>,
) -> Result<Response> {
    let (inv, customer) = load_for_credit(&state, &user, id).await?;
    let form = CreditForm {
        scope: "whole".into(),
        ..Default::default()
    };
    Ok(view(
        &state,
        &user,
        inv,
        customer,
        form,
        FieldErrors::default(),
        None,
    )
    .await?
    .into_response())
}

/// POST /invoices/{id}/credit: the credit note, then its page.
#[tracing::instrument(skip_all, fields(user_id = user.id))]
pub async fn create(
    State(state): State<AppState>,
    user: Staff,
    Path(id): Path<i64>,
    Form(form): Form<CreditForm>,
) -> Result<Response> {
    let (inv, customer) = load_for_credit(&state, &user, id).await?;
    let result = async {
        let mut tx = state.db.pool.begin().await?;
        let done = if form.scope == "lines" {
            credit_lines(&mut tx, id, &form.line, &form.reason, user.id, today()).await?
        } else {
            credit_whole(&mut tx, id, &form.reason, user.id, today()).await?
        };
        tx.commit().await?;
        Ok::<_, AppError>(done)
    }
    .await;
    let (status, errors, notice) = match result {
        Ok(done) => return Ok(Redirect::to(&format!("/invoices/{}", done.id)).into_response()),
        Err(AppError::Invalid(e)) => (StatusCode::UNPROCESSABLE_ENTITY, e, None),
        Err(AppError::Conflict(m)) => (
            StatusCode::CONFLICT,
            FieldErrors::default(),
            Some(m.render(user.lang)),
        ),
        Err(e) => return Err(e),
    };
    let v = view(&state, &user, inv, customer, form, errors, notice).await?;
    Ok((status, v).into_response())
}
