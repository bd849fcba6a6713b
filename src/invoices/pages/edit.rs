//! Changing a draft (`Need::Change` on its customer): a new draft for a customer, lines added,
//! changed and removed, the references, the draft deleted. Each write goes through the store,
//! which refuses an issued invoice and a stale version; bad input and a stale version re-render
//! the invoice's page with what was typed and the messages.

use axum::{
    extract::{Path, State},
    http::StatusCode,
    response::{IntoResponse, Redirect, Response},
};
use axum_extra::extract::Form;
use serde::Deserialize;

use super::{
    VAT_CHOICES, load, parse_quantity,
    view::{LineForm, RefForm, Typed, render},
};
use crate::{
    AppError, AppState, Result,
    auth::Staff,
    customers::{
        access::{self, Need},
        store::Customer,
    },
    error::{FieldErrors, Msg},
    invoices::{
        model::LineInput,
        store::{self, Invoice},
    },
    money::parse_kr,
};

/// The typed line as the store takes it; the typing errors (amounts that are not numbers)
/// together with the store's own checks of the rest.
pub fn parse_line(form: &LineForm) -> Result<LineInput> {
    let mut errors = FieldErrors::default();
    let quantity_milli = parse_quantity(&form.quantity).unwrap_or_else(|| {
        errors.add("quantity", Msg::new("inv-quantity-format"));
        1000
    });
    let unit_price_ore = parse_kr(&form.unit_price).unwrap_or_else(|| {
        errors.add("unit_price", Msg::new("inv-price-format"));
        0
    });
    let (vat_category, vat_rate_bp) = VAT_CHOICES
        .iter()
        .find(|(code, _, _)| *code == form.vat)
        .map(|(_, c, r)| (c.to_string(), *r))
        .unwrap_or_else(|| (form.vat.clone(), 0));
    let reason = form.exemption_reason.trim();
    let input = LineInput {
        description: form.description.clone(),
        quantity_milli,
        unit_code: form.unit.clone(),
        unit_price_ore,
        vat_category,
        vat_rate_bp,
        exemption_reason: (!reason.is_empty()).then(|| reason.to_string()),
    };
    if let Err(AppError::Invalid(more)) = input.check() {
        for (field, msgs) in more.0 {
            if errors.get(&field).is_none() {
                for m in msgs {
                    errors.add(&field, m);
                }
            }
        }
    }
    errors.into_result()?;
    Ok(input)
}

/// After a write: to the page when it went through; the page again with what was typed when
/// the input was bad or the invoice changed meanwhile (or was issued).
async fn finish(
    state: &AppState,
    user: &Staff,
    inv: Invoice,
    customer: Customer,
    result: Result<()>,
    mut typed: Typed,
    anchor: &str,
) -> Result<Response> {
    match result {
        Ok(()) => Ok(Redirect::to(&format!("/invoices/{}{anchor}", inv.id)).into_response()),
        Err(AppError::Invalid(errors)) => {
            typed.errors = errors;
            let inv = store::get(&state.db, inv.id)
                .await?
                .ok_or(AppError::NotFound)?;
            render(
                state,
                user,
                inv,
                customer,
                typed,
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await
        }
        Err(AppError::Conflict(msg)) => {
            let msg = if msg.key == "invoice-changed-meanwhile" {
                Msg::new("inv-changed-meanwhile-kept")
            } else {
                msg
            };
            typed.notice = Some(msg.render(user.lang));
            let inv = store::get(&state.db, inv.id)
                .await?
                .ok_or(AppError::NotFound)?;
            render(state, user, inv, customer, typed, StatusCode::CONFLICT).await
        }
        Err(e) => Err(e),
    }
}

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default)]
pub struct NewForm {
    pub customer_id: i64,
}

/// POST /invoices/new: an empty draft for the customer, then its page.
#[tracing::instrument(skip_all, fields(user_id = user.id))]
pub async fn create(
    State(state): State<AppState>,
    user: Staff,
    Form(form): Form<NewForm>,
) -> Result<Response> {
    let customer = access::load(&state, &user, form.customer_id, Need::Change).await?;
    let mut tx = state.db.begin().await?;
    let id = store::create_draft(&mut tx, customer.id, None, None, user.id).await?;
    tx.commit().await?;
    Ok(Redirect::to(&format!("/invoices/{id}")).into_response())
}

/// POST /invoices/{id}/lines
#[tracing::instrument(skip_all, fields(user_id = user.id))]
pub async fn add_line(
    State(state): State<AppState>,
    user: Staff,
    Path(id): Path<i64>,
    Form(form): Form<LineForm>,
) -> Result<Response> {
    let (inv, customer) = load(&state, &user, id, Need::Change).await?;
    let result = async {
        let input = parse_line(&form)?;
        let mut tx = state.db.begin().await?;
        store::add_line(&mut tx, id, form.version, &input, user.id).await?;
        tx.commit().await?;
        Ok::<(), AppError>(())
    }
    .await;
    let typed = Typed {
        line: Some(form),
        ..Default::default()
    };
    finish(&state, &user, inv, customer, result, typed, "#lines").await
}

/// POST /invoices/{id}/lines/{line}
#[tracing::instrument(skip_all, fields(user_id = user.id))]
pub async fn update_line(
    State(state): State<AppState>,
    user: Staff,
    Path((id, line_id)): Path<(i64, i64)>,
    Form(form): Form<LineForm>,
) -> Result<Response> {
    let (inv, customer) = load(&state, &user, id, Need::Change).await?;
    let result = async {
        let input = parse_line(&form)?;
        let mut tx = state.db.begin().await?;
        store::update_line(&mut tx, id, form.version, line_id, &input, user.id).await?;
        tx.commit().await?;
        Ok::<(), AppError>(())
    }
    .await;
    let typed = Typed {
        line: Some(form),
        editing: Some(line_id),
        ..Default::default()
    };
    finish(&state, &user, inv, customer, result, typed, "#lines").await
}

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default)]
pub struct VersionForm {
    pub version: i64,
}

/// POST /invoices/{id}/lines/{line}/remove
#[tracing::instrument(skip_all, fields(user_id = user.id))]
pub async fn remove_line(
    State(state): State<AppState>,
    user: Staff,
    Path((id, line_id)): Path<(i64, i64)>,
    Form(form): Form<VersionForm>,
) -> Result<Response> {
    let (inv, customer) = load(&state, &user, id, Need::Change).await?;
    let result = async {
        let mut tx = state.db.begin().await?;
        store::remove_line(&mut tx, id, form.version, line_id, user.id).await?;
        tx.commit().await?;
        Ok::<(), AppError>(())
    }
    .await;
    finish(
        &state,
        &user,
        inv,
        customer,
        result,
        Typed::default(),
        "#lines",
    )
    .await
}

/// POST /invoices/{id}/references
#[tracing::instrument(skip_all, fields(user_id = user.id))]
pub async fn references(
    State(state): State<AppState>,
    user: Staff,
    Path(id): Path<i64>,
    Form(form): Form<RefForm>,
) -> Result<Response> {
    let (inv, customer) = load(&state, &user, id, Need::Change).await?;
    let result = async {
        let mut tx = state.db.begin().await?;
        store::update_references(
            &mut tx,
            id,
            form.version,
            &form.buyer_reference,
            &form.order_reference,
            user.id,
        )
        .await?;
        tx.commit().await?;
        Ok::<(), AppError>(())
    }
    .await;
    let typed = Typed {
        refs: Some(form),
        ..Default::default()
    };
    finish(&state, &user, inv, customer, result, typed, "#facts").await
}

/// POST /invoices/{id}/delete: the draft is gone; back to the customer's invoices.
#[tracing::instrument(skip_all, fields(user_id = user.id))]
pub async fn delete(
    State(state): State<AppState>,
    user: Staff,
    Path(id): Path<i64>,
    Form(form): Form<VersionForm>,
) -> Result<Response> {
    let (inv, customer) = load(&state, &user, id, Need::Change).await?;
    let result = async {
        let mut tx = state.db.begin().await?;
        store::delete_draft(&mut tx, id, form.version, user.id).await?;
        tx.commit().await?;
        Ok::<(), AppError>(())
    }
    .await;
    match result {
        Ok(()) => Ok(Redirect::to(&format!("/customers/{}/invoices", customer.id)).into_response()),
        Err(e) => finish(&state, &user, inv, customer, Err(e), Typed::default(), "").await,
    }
}
