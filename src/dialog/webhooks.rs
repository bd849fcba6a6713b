//! What SMS gateways tell us: delivery reports, and replies from contacts.
//!
//! Twilio signs its callbacks (`X-Twilio-Signature`, checked against the auth token and our
//! public address); Sveve does not, so its callback address carries a secret
//! (`KUNDEKORT_SMS_WEBHOOK_SECRET`). A report that fails the check is refused with 403 and
//! changes nothing. Reports arrive more than once: a status only moves forward, and an event is
//! only recorded when it does.

use axum::{
    body::Bytes,
    extract::{Path, Query, State},
    http::{HeaderMap, StatusCode, header},
    response::{IntoResponse, Response},
};
use serde::Deserialize;
use sha2::Digest;

use super::{
    model::Status,
    outbox::{add_event, search_text},
};
use crate::{
    AppState, Result,
    config::SmsProvider,
    contacts::lookup,
    db::{Sql, is_unique_violation},
    integrations::sms::twilio_signature,
    norway::mobile::from_gateway,
    timefmt::now,
};

const TWILIO_SIGNATURE: &str = "x-twilio-signature";

/// Compares secrets without leaking how much of them matched.
fn same_secret(a: &str, b: &str) -> bool {
    let (a, b) = (sha2::Sha256::digest(a), sha2::Sha256::digest(b));
    a.iter()
        .zip(b.iter())
        .fold(0u8, |acc, (x, y)| acc | (x ^ y))
        == 0
}

fn sveve_secret_ok(state: &AppState, secret: &str) -> bool {
    match &state.config.sms {
        Some(sms) if sms.provider == SmsProvider::Sveve => sms
            .webhook_secret
            .as_ref()
            .is_some_and(|s| same_secret(s.expose(), secret)),
        _ => false,
    }
}

/// Checks Twilio's signature over our public address and the posted form.
fn twilio_ok(
    state: &AppState,
    path: &str,
    headers: &HeaderMap,
    params: &[(String, String)],
) -> bool {
    let Some(sms) = state
        .config
        .sms
        .as_ref()
        .filter(|s| s.provider == SmsProvider::Twilio)
    else {
        return false;
    };
    let Some(given) = headers.get(TWILIO_SIGNATURE).and_then(|v| v.to_str().ok()) else {
        return false;
    };
    let Ok(url) = state.config.public_url.join(path) else {
        return false;
    };
    same_secret(
        &twilio_signature(sms.password.expose(), url.as_str(), params),
        given,
    )
}

fn refused() -> Response {
    (StatusCode::FORBIDDEN, "signature or secret does not match").into_response()
}

/// Moves an SMS to delivered or failed, once. Returns false when no such message exists.
async fn record_report(
    state: &AppState,
    provider_id: &str,
    reference: Option<&str>,
    delivered: bool,
    detail: &str,
) -> Result<bool> {
    let found: Option<(i64, String, Option<String>)> = sqlx::query_as(
        "SELECT id, status, provider_id FROM messages WHERE channel = 'sms' AND provider_id = $1",
    )
    .bind(provider_id)
    .fetch_optional(&state.db.pool)
    .await?;
    let found =
        match (found, reference) {
            (Some(f), _) => Some(f),
            // The report may come before we recorded the gateway's id (the worker is still
            // writing it down): our own reference identifies the message too.
            (None, Some(r)) if !r.is_empty() => sqlx::query_as(
                "SELECT id, status, provider_id FROM messages WHERE channel = 'sms' AND uid = $1",
            )
            .bind(r)
            .fetch_optional(&state.db.pool)
            .await?,
            (None, _) => None,
        };
    let Some((id, _, _)) = found else {
        return Ok(false);
    };
    let (status, reason) = if delivered {
        (Status::Delivered, None)
    } else {
        (Status::Failed, Some(detail))
    };
    let mut tx = state.db.begin().await?;
    let changed = sqlx::query(
        "UPDATE messages SET status = $1, status_reason = $2, updated_at = $3
         WHERE id = $4 AND status IN ('queued', 'sent')",
    )
    .bind(status.as_str())
    .bind(reason)
    .bind(now())
    .bind(id)
    .execute(&mut *tx)
    .await?
    .rows_affected();
    if changed > 0 {
        add_event(&mut tx, id, status.as_str(), Some(detail)).await?;
    }
    tx.commit().await?;
    Ok(true)
}

#[derive(Deserialize)]
pub struct SveveReport {
    #[serde(default)]
    number: String,
    #[serde(default)]
    id: String,
    #[serde(default)]
    status: String,
    #[serde(default, rename = "ref")]
    reference: String,
    #[serde(default, rename = "errorCode")]
    error_code: String,
}

/// GET /webhooks/sms/sveve/{secret}/status
#[tracing::instrument(skip_all)]
pub async fn sveve_status(
    State(state): State<AppState>,
    Path(secret): Path<String>,
    Query(report): Query<SveveReport>,
) -> Result<Response> {
    if !sveve_secret_ok(&state, &secret) {
        return Ok(refused());
    }
    let delivered = matches!(
        report.status.to_ascii_lowercase().as_str(),
        "true" | "delivered" | "ok" | "1"
    );
    let detail = if delivered {
        format!("Sveve: delivered to {}", report.number)
    } else {
        format!(
            "Sveve: not delivered to {} (status {}, error {})",
            report.number, report.status, report.error_code
        )
    };
    let known = record_report(
        &state,
        &report.id,
        Some(&report.reference),
        delivered,
        &detail,
    )
    .await?;
    Ok(if known {
        StatusCode::OK.into_response()
    } else {
        (StatusCode::NOT_FOUND, "unknown message").into_response()
    })
}

fn form_pairs(body: &Bytes) -> Vec<(String, String)> {
    serde_urlencoded::from_bytes(body).unwrap_or_default()
}

fn param<'a>(params: &'a [(String, String)], name: &str) -> &'a str {
    params
        .iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.as_str())
        .unwrap_or("")
}

/// POST /webhooks/sms/twilio/status
#[tracing::instrument(skip_all)]
pub async fn twilio_status(
    State(state): State<AppState>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response> {
    let params = form_pairs(&body);
    if !twilio_ok(&state, "webhooks/sms/twilio/status", &headers, &params) {
        return Ok(refused());
    }
    let sid = param(&params, "MessageSid");
    let status = param(&params, "MessageStatus");
    let delivered = match status {
        "delivered" => true,
        "undelivered" | "failed" => false,
        // queued, sending, sent: nothing new for us
        _ => return Ok(StatusCode::OK.into_response()),
    };
    let detail = if delivered {
        "Twilio: delivered".to_string()
    } else {
        format!("Twilio: {status} (error {})", param(&params, "ErrorCode"))
    };
    let known = record_report(&state, sid, None, delivered, &detail).await?;
    Ok(if known {
        StatusCode::OK.into_response()
    } else {
        (StatusCode::NOT_FOUND, "unknown message").into_response()
    })
}

/// The contact with this mobile number who most recently had a message with us (or, failing
/// that, the most recently created active one), with the consultant who wrote to them last.
struct Sender {
    contact_id: i64,
    customer_id: i64,
    name: String,
    last_user_id: Option<i64>,
}

async fn sender(state: &AppState, number: &str) -> Result<Option<Sender>> {
    let candidates = lookup::by_mobile(&state.db, number).await?;
    if candidates.is_empty() {
        return Ok(None);
    }
    let mut sql = Sql::new(
        "SELECT contact_id, MAX(message_id) FROM message_recipients WHERE contact_id IN (",
    );
    for (i, c) in candidates.iter().enumerate() {
        if i > 0 {
            sql.push(", ");
        }
        sql.bind(c.id);
    }
    sql.push(") GROUP BY contact_id");
    let latest: std::collections::HashMap<i64, i64> = sql
        .query_as::<(i64, i64)>()
        .fetch_all(&state.db.pool)
        .await?
        .into_iter()
        .collect();
    let Some(best) = candidates
        .into_iter()
        .max_by_key(|c| (latest.get(&c.id).copied().unwrap_or(0), c.active, c.id))
    else {
        return Ok(None);
    };
    let last_user_id: Option<Option<i64>> = sqlx::query_scalar(
        "SELECT m.user_id FROM message_recipients r JOIN messages m ON m.id = r.message_id \
         WHERE r.contact_id = $1 AND m.channel = 'sms' AND m.direction = 'out' \
         ORDER BY m.id DESC LIMIT 1",
    )
    .bind(best.id)
    .fetch_optional(&state.db.pool)
    .await?;
    Ok(Some(Sender {
        contact_id: best.id,
        customer_id: best.customer_id,
        name: best.name,
        last_user_id: last_user_id.flatten(),
    }))
}

async fn log_inbound(state: &AppState, uid: &str, from: &str, body: &str) -> Result<()> {
    let number = from_gateway(from).unwrap_or_else(|| from.to_string());
    let sender = sender(state, &number).await?;
    let from_display = match &sender {
        Some(s) => format!("{} <{number}>", s.name),
        None => number.clone(),
    };
    let at = now();
    let mut tx = state.db.begin().await?;
    let inserted: std::result::Result<i64, sqlx::Error> = sqlx::query_scalar(
        "INSERT INTO messages (uid, customer_id, channel, direction, from_address, to_display,
            subject, body, search_text, status, user_id, created_at, updated_at)
         VALUES ($1, $2, 'sms', 'in', $3, '', '', $4, $5, 'received', $6, $7, $7) RETURNING id",
    )
    .bind(uid)
    .bind(sender.as_ref().map(|s| s.customer_id))
    .bind(from_display.as_str())
    .bind(body)
    .bind(search_text("", body))
    .bind(sender.as_ref().and_then(|s| s.last_user_id))
    .bind(at)
    .fetch_one(&mut *tx)
    .await;
    let id = match inserted {
        Ok(id) => id,
        // The same message again: already logged.
        Err(err) if is_unique_violation(&err, "uid") => return Ok(()),
        Err(err) => return Err(err.into()),
    };
    sqlx::query(
        "INSERT INTO message_recipients (message_id, kind, contact_id, name, address)
         VALUES ($1, 'from', $2, $3, $4)",
    )
    .bind(id)
    .bind(sender.as_ref().map(|s| s.contact_id))
    .bind(sender.as_ref().map(|s| s.name.as_str()).unwrap_or(""))
    .bind(number.as_str())
    .execute(&mut *tx)
    .await?;
    add_event(&mut tx, id, Status::Received.as_str(), None).await?;
    tx.commit().await?;
    Ok(())
}

#[derive(Deserialize)]
pub struct SveveInbound {
    #[serde(default)]
    number: String,
    #[serde(default)]
    msg: String,
    #[serde(default)]
    id: String,
}

/// GET /webhooks/sms/sveve/{secret}/inbound — a reply to our sender number or keyword.
#[tracing::instrument(skip_all)]
pub async fn sveve_inbound(
    State(state): State<AppState>,
    Path(secret): Path<String>,
    Query(sms): Query<SveveInbound>,
) -> Result<Response> {
    if !sveve_secret_ok(&state, &secret) {
        return Ok(refused());
    }
    if sms.number.is_empty() {
        return Ok((StatusCode::BAD_REQUEST, "number is missing").into_response());
    }
    let uid = if sms.id.is_empty() {
        // No id from the gateway: the same number and text within the same minute is a repeat.
        format!(
            "in.sveve.{}",
            hex::encode(sha2::Sha256::digest(format!(
                "{}|{}|{}",
                sms.number,
                sms.msg,
                now() / 60
            )))
        )
    } else {
        format!("in.sveve.{}", sms.id)
    };
    log_inbound(&state, &uid, &sms.number, &sms.msg).await?;
    Ok(StatusCode::OK.into_response())
}

/// POST /webhooks/sms/twilio/inbound — answers with empty TwiML (no automatic reply).
#[tracing::instrument(skip_all)]
pub async fn twilio_inbound(
    State(state): State<AppState>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response> {
    let params = form_pairs(&body);
    if !twilio_ok(&state, "webhooks/sms/twilio/inbound", &headers, &params) {
        return Ok(refused());
    }
    let sid = param(&params, "MessageSid");
    if sid.is_empty() {
        return Ok((StatusCode::BAD_REQUEST, "MessageSid is missing").into_response());
    }
    log_inbound(
        &state,
        &format!("in.twilio.{sid}"),
        param(&params, "From"),
        param(&params, "Body"),
    )
    .await?;
    Ok((
        [(header::CONTENT_TYPE, "text/xml")],
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response></Response>",
    )
        .into_response())
}
