//! Seeing the document, signing it (with the evidence) or refusing it with a reason — each only
//! in a browser that confirmed the signer's code.

use axum::{
    Form,
    extract::State,
    http::{HeaderMap, StatusCode, header},
    response::{IntoResponse, Redirect, Response},
};
use serde::Deserialize;
use sha2::Digest;

use super::{Visit, no_referrer};
use crate::{
    AppError, AppState, Result,
    documents::{detail::serve, store as documents},
    error::Msg,
    signing::{
        complete,
        orders::lock_order,
        store::{self, status},
    },
    timefmt::now,
    web::client_ip::ClientIp,
};

/// GET /sign/{token}/document — the document (or the signed copy, once the order is completed).
#[tracing::instrument(skip_all, fields(order_id = visit.order.id, signer_id = visit.signer.id))]
pub async fn document(State(state): State<AppState>, visit: Visit) -> Result<Response> {
    visit.require_verified()?;
    let version_id = visit
        .order
        .signed_version_id
        .unwrap_or(visit.order.document_version_id);
    let (_, version) = documents::version_by_id(&state.db, version_id)
        .await?
        .ok_or(AppError::NotFound)?;
    Ok(no_referrer(serve(&state, &version, true).await?))
}

#[derive(Deserialize)]
pub struct SignForm {
    confirm: Option<String>,
}

/// POST /sign/{token}/sign
#[tracing::instrument(skip_all, fields(order_id = visit.order.id, signer_id = visit.signer.id))]
pub async fn sign(
    State(state): State<AppState>,
    headers: HeaderMap,
    ClientIp(ip): ClientIp,
    visit: Visit,
    Form(form): Form<SignForm>,
) -> Result<Response> {
    visit.still_signable()?;
    visit.require_verified()?;
    if form.confirm.is_none() {
        let page = visit
            .page_with_error(&state, "signing-confirm-required")
            .await?;
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response());
    }
    let (_, version) = documents::version_by_id(&state.db, visit.order.document_version_id)
        .await?
        .ok_or(AppError::NotFound)?;
    // The evidence is the hash of the bytes in the store now, not the one recorded at upload:
    // if they ever differed, signing stops.
    let bytes = state.files.bytes(&version.storage_key).await?;
    let sha = hex::encode(sha2::Sha256::digest(&bytes));
    if sha != version.sha256 {
        tracing::error!(
            version = version.id,
            "a stored file no longer matches its hash"
        );
        return Err(AppError::Conflict(Msg::new("signing-document-changed")));
    }
    let user_agent = headers
        .get(header::USER_AGENT)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .chars()
        .take(400)
        .collect::<String>();
    let (order, signer) = (&visit.order, &visit.signer);
    let mut tx = state.db.begin().await?;
    lock_order(&mut tx, order.id).await?;
    let changed = sqlx::query(
        "UPDATE signature_signers SET status = 'signed', signed_at = $1, signed_ip = $2, \
         signed_user_agent = $3, signed_sha256 = $4 \
         WHERE id = $5 AND status IN ('open', 'opened')",
    )
    .bind(now())
    .bind(ip.to_string())
    .bind(&user_agent)
    .bind(&sha)
    .bind(signer.id)
    .execute(&mut *tx)
    .await?
    .rows_affected();
    if changed == 1 {
        store::add_event(&mut tx, order.id, Some(signer.id), "signed", None, None).await?;
        let (current,): (String,) =
            sqlx::query_as("SELECT status FROM signature_orders WHERE id = $1")
                .bind(order.id)
                .fetch_one(&mut *tx)
                .await?;
        if current == status::OPEN && store::unsigned_count(&mut tx, order.id).await? == 0 {
            let signers = store::signers_in(&mut tx, order.id).await?;
            complete::complete_simple(&mut tx, &state.files, order, &version, &bytes, &signers)
                .await?;
        }
    }
    tx.commit().await?;
    Ok(Redirect::to(&format!("/sign/{}", visit.token)).into_response())
}

#[derive(Deserialize)]
pub struct RejectForm {
    #[serde(default)]
    reason: String,
}

/// POST /sign/{token}/reject
#[tracing::instrument(skip_all, fields(order_id = visit.order.id, signer_id = visit.signer.id))]
pub async fn reject(
    State(state): State<AppState>,
    visit: Visit,
    Form(form): Form<RejectForm>,
) -> Result<Response> {
    visit.still_signable()?;
    visit.require_verified()?;
    let reason = form.reason.trim().to_string();
    if reason.is_empty() || reason.chars().count() > 1000 {
        let mut page = visit
            .page_with_error(&state, "signing-reason-required")
            .await?;
        page.reason = form.reason;
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response());
    }
    let (order, signer) = (&visit.order, &visit.signer);
    let mut tx = state.db.begin().await?;
    lock_order(&mut tx, order.id).await?;
    sqlx::query(
        "UPDATE signature_signers SET status = 'rejected', status_reason = $1, verified_hash = NULL \
         WHERE id = $2",
    )
    .bind(&reason)
    .bind(signer.id)
    .execute(&mut *tx)
    .await?;
    store::set_order_status(&mut tx, order.id, status::REJECTED, Some(&reason)).await?;
    store::add_event(
        &mut tx,
        order.id,
        Some(signer.id),
        "rejected",
        Some(&reason),
        None,
    )
    .await?;
    tx.commit().await?;
    Ok(Redirect::to(&format!("/sign/{}", visit.token)).into_response())
}
