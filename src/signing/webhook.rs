//! The broker's webhook: `POST /webhooks/idura`. The signature header is checked against the
//! raw body before anything is read; each event is recorded under a key, so the broker's
//! retries (up to 48 h, on any non-200) change nothing the second time.

use axum::{
    body::Bytes,
    extract::State,
    http::{HeaderMap, StatusCode},
};
use serde::Deserialize;

use super::{
    complete,
    orders::lock_order,
    store::{self, signer_status, status},
};
use crate::{AppState, integrations::idura::verify_webhook, timefmt::now};

/// The header carrying the body's HMAC.
const SIGNATURE_HEADER: &str = "x-criipto-signature";

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Event {
    event: String,
    signature_order_id: String,
    #[serde(default)]
    signatory_id: Option<String>,
}

#[tracing::instrument(skip_all)]
pub async fn receive(State(state): State<AppState>, headers: HeaderMap, body: Bytes) -> StatusCode {
    let Some(config) = state.config.idura.as_ref() else {
        return StatusCode::NOT_FOUND;
    };
    let signature = headers
        .get(SIGNATURE_HEADER)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    if !verify_webhook(config.webhook_secret.expose(), &body, signature) {
        tracing::warn!("refused a signing webhook with a bad signature");
        return StatusCode::UNAUTHORIZED;
    }
    let Ok(event) = serde_json::from_slice::<Event>(&body) else {
        return StatusCode::BAD_REQUEST;
    };
    match handle(&state, &event).await {
        Ok(()) => StatusCode::OK,
        Err(err) => {
            tracing::error!(%err, event = %event.event, "signing webhook failed; the broker will retry");
            StatusCode::INTERNAL_SERVER_ERROR
        }
    }
}

async fn handle(state: &AppState, event: &Event) -> crate::Result<()> {
    let Some(order) = store::order_by_provider_id(&state.db, &event.signature_order_id).await?
    else {
        tracing::info!(order = %event.signature_order_id, "webhook for an order we do not know");
        return Ok(());
    };
    let signer = match &event.signatory_id {
        Some(id) => store::signer_by_provider_id(&state.db, id)
            .await?
            .filter(|s| s.order_id == order.id),
        None => None,
    };
    let key = format!(
        "idura:{}:{}:{}",
        event.event,
        event.signature_order_id,
        event.signatory_id.as_deref().unwrap_or("")
    );
    let mut tx = state.db.begin().await?;
    lock_order(&mut tx, order.id).await?;
    let kind = event.event.to_lowercase();
    if !store::add_event_once(
        &mut tx,
        order.id,
        signer.as_ref().map(|s| s.id),
        &kind,
        &key,
    )
    .await?
    {
        return Ok(()); // seen before: nothing changes
    }
    let at = now();
    match (event.event.as_str(), &signer) {
        ("SIGNATORY_SIGNED", Some(s)) => {
            sqlx::query(
                "UPDATE signature_signers SET status = 'signed', signed_at = $1 WHERE id = $2",
            )
            .bind(at)
            .bind(s.id)
            .execute(&mut *tx)
            .await?;
            if order.status == status::OPEN && store::unsigned_count(&mut tx, order.id).await? == 0
            {
                complete::queue_close(&mut tx, order.id).await?;
            }
        }
        ("SIGNATORY_REJECTED", Some(s)) => {
            sqlx::query("UPDATE signature_signers SET status = 'rejected' WHERE id = $1")
                .bind(s.id)
                .execute(&mut *tx)
                .await?;
            if order.status == status::OPEN {
                store::set_order_status(&mut tx, order.id, status::REJECTED, None).await?;
            }
        }
        (
            "SIGNATORY_DOWNLOAD_LINK_OPENED" | "SIGNATORY_SIGN_LINK_OPENED" | "SIGNATORY_OPENED",
            Some(s),
        ) if s.status == signer_status::OPEN => {
            sqlx::query(
                "UPDATE signature_signers SET status = 'opened', opened_at = $1 WHERE id = $2",
            )
            .bind(at)
            .bind(s.id)
            .execute(&mut *tx)
            .await?;
        }
        ("SIGNATURE_ORDER_EXPIRED", _) if order.status == status::OPEN => {
            store::set_order_status(&mut tx, order.id, status::EXPIRED, None).await?;
        }
        _ => {} // recorded on the timeline only
    }
    tx.commit().await?;
    state.jobs.wake();
    Ok(())
}
