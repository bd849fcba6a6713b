//! Crediting an issued invoice (`access::require_finance` and `Need::Change`): a required
//! reason, the whole invoice, chosen lines (the ones not credited yet) or an amount at one of the
//! invoice's VAT rates (decision 0033: how an earlier invoice's dispute is settled), what will be
//! credited shown before it is done; `credit::{credit_whole, credit_lines, credit_amount}` make
//! the credit note.

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
        credit::{AmountCredit, credit_amount, credit_lines, credit_whole},
        store::{self, Invoice},
    },
    money::format_kr,
    web::{Chrome, form::field_messages},
};

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default)]
pub struct CreditForm {
    pub reason: String,
    /// `whole`, `lines` or `amount`.
    pub scope: String,
    pub line: Vec<i64>,
    /// By amount: kroner excluding VAT, and the VAT group (`S:2500`, `Z`, …) of one of the lines.
    pub amount: String,
    pub vat: String,
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
    /// The invoice's VAT groups for a credit by amount: (`S:2500`, label).
    vat_groups: Vec<(String, String)>,
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
        self.form.scope != "lines" && self.form.scope != "amount"
    }
    fn by_amount(&self) -> bool {
        self.form.scope == "amount"
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
    let mut vat_groups: Vec<(String, String)> = Vec::new();
    for l in lines.iter().filter(|l| l.vat_category != "E") {
        let code = vat_group(&l.vat_category, l.vat_rate_bp);
        if !vat_groups.iter().any(|(c, _)| *c == code) {
            vat_groups.push((code, vat_text(lang, &l.vat_category, l.vat_rate_bp)));
        }
    }
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
        vat_groups,
        form,
        errors,
        notice,
        inv,
        customer,
    })
}

/// A VAT group as the form names it: `S:2500`, `Z`, `AE`, `O`.
fn vat_group(category: &str, rate_bp: i64) -> String {
    if category == "S" {
        format!("S:{rate_bp}")
    } else {
        category.to_string()
    }
}

/// A credit by amount as typed: the amount (kroner, excluding VAT) at one of the invoice's VAT
/// groups; bad input as field errors.
fn amount_credit(
    lang: Lang,
    form: &CreditForm,
    lines: &[store::Line],
) -> std::result::Result<AmountCredit, FieldErrors> {
    let mut errors = FieldErrors::default();
    let amount = crate::money::parse_kr(&form.amount).filter(|a| *a > 0);
    if amount.is_none() {
        errors.add(
            "amount",
            crate::error::Msg::new("invoice-run-credit-amount"),
        );
    }
    let group = lines
        .iter()
        .filter(|l| l.vat_category != "E")
        .find(|l| vat_group(&l.vat_category, l.vat_rate_bp) == form.vat);
    if group.is_none() {
        errors.add("vat", crate::error::Msg::new("inv-credit-amount-vat"));
    }
    match (amount, group) {
        (Some(amount_ore), Some(l)) if errors.is_empty() => Ok(AmountCredit {
            description: lang.t("inv-credit-amount-text"),
            vat_category: l.vat_category.clone(),
            vat_rate_bp: l.vat_rate_bp,
            exemption_reason: None,
            amount_ore,
        }),
        _ => Err(errors),
    }
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

/// What a link may fill in on the credit form: a credit by amount (a recruitment's guarantee
/// credit links here with the amount owed; decision 0038). Nothing is credited until sent.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default)]
pub struct Prefill {
    pub scope: String,
    pub amount: String,
    pub vat: String,
    pub reason: String,
}

/// GET /invoices/{id}/credit
#[tracing::instrument(skip_all, fields(user_id = user.id))]
pub async fn form(
    State(state): State<AppState>,
    user: Staff,
    Path(id): Path<i64>,
    axum::extract::Query(prefill): axum::extract::Query<Prefill>,
) -> Result<Response> {
    let (inv, customer) = load_for_credit(&state, &user, id).await?;
    let form = if prefill.scope == "amount" {
        CreditForm {
            scope: "amount".into(),
            amount: prefill.amount,
            vat: prefill.vat,
            reason: prefill.reason,
            ..Default::default()
        }
    } else {
        CreditForm {
            scope: "whole".into(),
            ..Default::default()
        }
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
        let by_amount = if form.scope == "amount" {
            let lines = store::lines(&state.db, id).await?;
            Some(amount_credit(user.lang, &form, &lines).map_err(AppError::Invalid)?)
        } else {
            None
        };
        let mut tx = state.db.begin().await?;
        let done = if let Some(credit) = by_amount {
            credit_amount(&mut tx, id, &credit, &form.reason, user.id, today()).await?
        } else if form.scope == "lines" {
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
