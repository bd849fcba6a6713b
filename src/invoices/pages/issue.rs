//! Issuing a draft (`access::require_finance` and `Need::Change`): a confirm step showing what
//! will be copied onto the invoice (the buyer as now, the due date from the payment terms, the
//! total) and what stops it (no organisation number, no address, no lines, a purchase order
//! the customer requires), with a link to fix the customer's invoice details; then
//! `store::issue`.

use askama::Template;
use askama_web::WebTemplate;
use axum::{
    extract::{Path, State},
    http::StatusCode,
    response::{IntoResponse, Redirect, Response},
};
use axum_extra::extract::Form;

use super::{edit::VersionForm, load, number_text, today};
use crate::{
    AppError, AppState, Result,
    auth::Staff,
    customers::{access::Need, billing::billing, store::Customer},
    error::{FieldErrors, Msg},
    i18n::Lang,
    invoices::{
        access::require_finance,
        store::{self, Invoice, PAYMENT_DAYS},
    },
    money::format_kr,
    timefmt::when::date_string,
    web::Chrome,
};

#[derive(Template, WebTemplate)]
#[template(path = "invoices/issue.html")]
pub struct IssueView {
    lang: Lang,
    chrome: Chrome,
    inv: Invoice,
    customer: Customer,
    number: String,
    buyer_name: String,
    org_number: Option<String>,
    address: Vec<String>,
    email: Option<String>,
    delivery: String,
    due_date: String,
    terms_days: i64,
    total: String,
    /// What stops issuing, translated.
    refusals: Vec<String>,
}

impl IssueView {
    fn terms(&self) -> String {
        self.lang.t_count("inv-terms-days", self.terms_days)
    }
}

async fn view(
    state: &AppState,
    user: &Staff,
    inv: Invoice,
    customer: Customer,
    mut refusals: Vec<String>,
) -> Result<IssueView> {
    let lang = user.lang;
    let b = billing(&mut *state.db.pool.acquire().await?, inv.customer_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let lines = store::lines(&state.db, inv.id).await?;
    let days = if (0..=365).contains(&b.payment_terms_days) {
        b.payment_terms_days
    } else {
        PAYMENT_DAYS
    };
    let due = today() + time::Duration::days(days);
    let (street, postal, city) = b.invoice_address();
    let mut found = Vec::new();
    if lines.is_empty() {
        found.push(lang.t("invoice-empty"));
    }
    if b.org_number.as_deref().is_none_or(|o| o.trim().is_empty()) {
        found.push(lang.t("invoice-buyer-org-number"));
    }
    if street.is_none() || postal.is_none() || city.is_none() {
        found.push(lang.t("invoice-buyer-address"));
    }
    let filled = |v: &Option<String>| v.as_deref().is_some_and(|s| !s.trim().is_empty());
    if b.po_required == 1 && !filled(&inv.buyer_reference) && !filled(&inv.order_reference) {
        found.push(lang.t("inv-po-required"));
    }
    let total = match store::totals_of(&lines) {
        Ok(t) => format_kr(t.with_vat_ore),
        Err(AppError::Invalid(e)) => {
            for m in e.get("lines").into_iter().flatten() {
                let text = m.render(lang);
                if !found.contains(&text) {
                    found.push(text);
                }
            }
            format_kr(0)
        }
        Err(e) => return Err(e),
    };
    for f in found {
        if !refusals.contains(&f) {
            refusals.push(f);
        }
    }
    let place = [postal, city]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(" ");
    Ok(IssueView {
        lang,
        chrome: Chrome::new(user, "invoices"),
        number: number_text(lang, &inv.kind, inv.number),
        buyer_name: b.name.clone(),
        org_number: b.org_number.clone(),
        address: street
            .into_iter()
            .chain(Some(place).filter(|p| !p.is_empty()))
            .collect(),
        email: b.invoice_email(),
        delivery: lang.t(&format!("delivery-{}", b.delivery_method)),
        due_date: super::date_text(Some(&date_string(due))),
        terms_days: days,
        total,
        refusals,
        inv,
        customer,
    })
}

async fn load_for_issue(state: &AppState, user: &Staff, id: i64) -> Result<(Invoice, Customer)> {
    let (inv, customer) = load(state, user, id, Need::Change).await?;
    require_finance(user)?;
    Ok((inv, customer))
}

/// GET /invoices/{id}/issue: the confirm step.
#[tracing::instrument(skip_all, fields(user_id = user.id))]
pub async fn confirm(
    State(state): State<AppState>,
    user: Staff,
    Path(id): Path<i64>,
) -> Result<Response> {
    let (inv, customer) = load_for_issue(&state, &user, id).await?;
    if inv.status != "draft" {
        return Ok(Redirect::to(&format!("/invoices/{id}")).into_response());
    }
    Ok(view(&state, &user, inv, customer, Vec::new())
        .await?
        .into_response())
}

/// POST /invoices/{id}/issue
#[tracing::instrument(skip_all, fields(user_id = user.id))]
pub async fn issue(
    State(state): State<AppState>,
    user: Staff,
    Path(id): Path<i64>,
    Form(form): Form<VersionForm>,
) -> Result<Response> {
    let (inv, customer) = load_for_issue(&state, &user, id).await?;
    let result = async {
        let mut tx = state.db.begin().await?;
        store::issue_with(
            &mut tx,
            id,
            form.version,
            user.id,
            today(),
            &state.config.seller.kid_rule,
        )
        .await?;
        tx.commit().await?;
        Ok::<(), AppError>(())
    }
    .await;
    let refusal = |errors: FieldErrors| -> Vec<String> {
        errors
            .0
            .values()
            .flatten()
            .map(|m: &Msg| m.render(user.lang))
            .collect()
    };
    let (status, refusals) = match result {
        Ok(()) => return Ok(Redirect::to(&format!("/invoices/{id}")).into_response()),
        Err(AppError::Invalid(e)) => (StatusCode::UNPROCESSABLE_ENTITY, refusal(e)),
        Err(AppError::Conflict(m)) => (
            StatusCode::CONFLICT,
            vec![if m.key == "invoice-changed-meanwhile" {
                user.lang.t("inv-changed-meanwhile-issue")
            } else {
                m.render(user.lang)
            }],
        ),
        Err(e) => return Err(e),
    };
    let inv = store::get(&state.db, inv.id)
        .await?
        .ok_or(AppError::NotFound)?;
    let v = view(&state, &user, inv, customer, refusals).await?;
    Ok((status, v).into_response())
}
