//! The worker's side of the outbox: sends one queued message and records what happened.
//!
//! Safe to run again: a message that is no longer `queued` is not sent again (a worker that
//! died after sending but before recording would otherwise repeat it). The one window left —
//! the provider accepted the message and the process died before the status was written — is
//! covered by the stable ids: the email's `Message-ID` and the SMS gateway's `ref` are the same
//! on every attempt, so receivers and gateways can drop a repeat.

use serde::{Deserialize, Serialize};

use super::{
    model::Status,
    outbox::add_event,
    sealed::{Sealed, Unseal},
};
use crate::{
    Result,
    jobs::{Claimed, Outcome},
    state::AppState,
    timefmt::now,
};

mod email;

use email::send_email;

pub const EMAIL_KIND: &str = "send_email";
pub const SMS_KIND: &str = "send_sms";

#[derive(Serialize, Deserialize)]
pub struct Payload {
    pub message_id: i64,
    /// The secret the message carries, made at delivery (see [`super::sealed`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sealed: Option<Sealed>,
}

#[derive(sqlx::FromRow)]
struct Outgoing {
    uid: String,
    status: String,
    from_address: String,
    reply_to: Option<String>,
    subject: String,
    body: String,
}

#[derive(sqlx::FromRow)]
struct Rcpt {
    kind: String,
    name: String,
    address: String,
}

fn payload(job: &Claimed) -> Option<Payload> {
    serde_json::from_str(&job.payload).ok()
}

pub async fn run(state: &AppState, job: &Claimed, unseal: &impl Unseal) -> Outcome {
    let Some(payload) = payload(job) else {
        return Outcome::Fail("unreadable job payload".into());
    };
    match attempt(state, job, &payload, unseal).await {
        Ok(outcome) => outcome,
        Err(err) => Outcome::Retry(format!("database: {err}")),
    }
}

async fn attempt(
    state: &AppState,
    job: &Claimed,
    payload: &Payload,
    unseal: &impl Unseal,
) -> Result<Outcome> {
    let message_id = payload.message_id;
    let message: Option<Outgoing> = sqlx::query_as(
        "SELECT uid, status, from_address, reply_to, subject, body FROM messages WHERE id = $1",
    )
    .bind(message_id)
    .fetch_optional(&state.db.pool)
    .await?;
    let Some(mut message) = message else {
        return Ok(Outcome::Fail("the message no longer exists".into()));
    };
    if message.status != Status::Queued.as_str() {
        return Ok(Outcome::Done);
    }
    let recipients: Vec<Rcpt> = sqlx::query_as(
        "SELECT kind, name, address FROM message_recipients WHERE message_id = $1 ORDER BY id",
    )
    .bind(message_id)
    .fetch_all(&state.db.pool)
    .await?;
    // The secret exists only in what goes out: the stored message keeps the placeholder.
    if let Some(sealed) = &payload.sealed {
        match unseal.unseal(state, sealed).await {
            Ok(secret) => message.body = sealed.reveal(&message.body, &secret),
            Err(outcome) => return Ok(outcome),
        }
    }
    let sent = if job.kind == EMAIL_KIND {
        send_email(state, &message, &recipients).await
    } else {
        send_sms(state, &message, &recipients).await
    };
    match sent {
        Ok(provider_id) => {
            let mut tx = state.db.begin().await?;
            let at = now();
            sqlx::query(
                "UPDATE messages SET status = $1, provider_id = $2, sent_at = $3, updated_at = $3,
                 status_reason = NULL WHERE id = $4 AND status = $5",
            )
            .bind(Status::Sent.as_str())
            .bind(provider_id.as_str())
            .bind(at)
            .bind(message_id)
            .bind(Status::Queued.as_str())
            .execute(&mut *tx)
            .await?;
            add_event(
                &mut tx,
                message_id,
                Status::Sent.as_str(),
                Some(&provider_id),
            )
            .await?;
            tx.commit().await?;
            Ok(Outcome::Done)
        }
        Err((true, reason)) => Ok(Outcome::Fail(reason)),
        Err((false, reason)) => Ok(Outcome::Retry(reason)),
    }
}

async fn send_sms(
    state: &AppState,
    message: &Outgoing,
    recipients: &[Rcpt],
) -> std::result::Result<String, (bool, String)> {
    let Some(sms) = &state.sms else {
        return Err((false, "SMS is not configured".into()));
    };
    let Some(to) = recipients.first() else {
        return Err((true, "no recipient".into()));
    };
    sms.send(&to.address, &message.body, &message.uid)
        .await
        .map_err(|e| (e.permanent, e.reason))
}

/// Records a failed attempt that will be retried.
pub async fn retrying(state: &AppState, job: &Claimed, reason: &str, run_at: i64) -> Result<()> {
    let Some(Payload { message_id, .. }) = payload(job) else {
        return Ok(());
    };
    let detail = format!(
        "{reason} (attempt {} of {}; next at {run_at})",
        job.attempts, job.max_attempts
    );
    let mut tx = state.db.begin().await?;
    sqlx::query("UPDATE messages SET status_reason = $1, updated_at = $2 WHERE id = $3")
        .bind(reason)
        .bind(now())
        .bind(message_id)
        .execute(&mut *tx)
        .await?;
    add_event(&mut tx, message_id, "retrying", Some(&detail)).await?;
    tx.commit().await?;
    Ok(())
}

/// Marks the message failed with the reason, after the last attempt or a permanent refusal.
pub async fn failed(state: &AppState, job: &Claimed, reason: &str) -> Result<()> {
    let Some(Payload { message_id, .. }) = payload(job) else {
        return Ok(());
    };
    let mut tx = state.db.begin().await?;
    sqlx::query(
        "UPDATE messages SET status = $1, status_reason = $2, updated_at = $3
         WHERE id = $4 AND status = $5",
    )
    .bind(Status::Failed.as_str())
    .bind(reason)
    .bind(now())
    .bind(message_id)
    .bind(Status::Queued.as_str())
    .execute(&mut *tx)
    .await?;
    add_event(&mut tx, message_id, Status::Failed.as_str(), Some(reason)).await?;
    tx.commit().await?;
    Ok(())
}
