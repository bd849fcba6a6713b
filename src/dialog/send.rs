//! The worker's side of the outbox: sends one queued message and records what happened.
//!
//! Safe to run again: a message that is no longer `queued` is not sent again (a worker that
//! died after sending but before recording would otherwise repeat it). The one window left —
//! the provider accepted the message and the process died before the status was written — is
//! covered by the stable ids: the email's `Message-ID` and the SMS gateway's `ref` are the same
//! on every attempt, so receivers and gateways can drop a repeat.

use std::panic::AssertUnwindSafe;

use lettre::{
    Message,
    message::{Attachment, Mailbox, MultiPart, SinglePart, header::ContentType},
};
use serde::{Deserialize, Serialize};

use super::{
    model::Status,
    outbox::add_event,
    sealed::{Sealed, Unseal},
};
use crate::{
    Result,
    error::has_control_chars,
    jobs::{Claimed, Outcome},
    state::AppState,
    timefmt::now,
};

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
            let mut tx = state.db.pool.begin().await?;
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

/// Sends the email; `Err((permanent, reason))` when it did not go.
async fn send_email(
    state: &AppState,
    message: &Outgoing,
    recipients: &[Rcpt],
) -> std::result::Result<String, (bool, String)> {
    let Some(mailer) = &state.mailer else {
        return Err((false, "email is not configured".into()));
    };
    let files = attachments(state, message)
        .await
        .map_err(|e| (false, format!("attachment: {e}")))?;
    let email = build_email_guarded(
        mailer.from.as_str(),
        mailer.domain(),
        message,
        recipients,
        files,
    )
    .map_err(|e| (true, e))?;
    mailer
        .send(email)
        .await
        .map_err(|e| (e.permanent, e.reason))
}

fn mailbox(name: &str, address: &str) -> std::result::Result<Mailbox, String> {
    let address = address
        .parse()
        .map_err(|e| format!("invalid address {address}: {e}"))?;
    let name = (!name.is_empty()).then(|| name.to_string());
    Ok(Mailbox::new(name, address))
}

/// "Ola Nordmann <ola@byraa.no>" → ("Ola Nordmann", "ola@byraa.no").
fn split_display(display: &str) -> (&str, &str) {
    match display.rsplit_once('<') {
        Some((name, rest)) => (name.trim(), rest.trim_end_matches('>').trim()),
        None => ("", display.trim()),
    }
}

/// A file to attach: name, type, bytes.
struct File {
    name: String,
    content_type: String,
    bytes: Vec<u8>,
}

/// The message's attachments, read from the file store (each a document version).
async fn attachments(state: &AppState, message: &Outgoing) -> anyhow::Result<Vec<File>> {
    let rows: Vec<(i64, String, String)> = sqlx::query_as(
        "SELECT a.document_version_id, a.file_name, a.content_type FROM message_attachments a \
         JOIN messages m ON m.id = a.message_id WHERE m.uid = $1 ORDER BY a.id",
    )
    .bind(&message.uid)
    .fetch_all(&state.db.pool)
    .await?;
    let mut files = Vec::with_capacity(rows.len());
    for (version_id, name, content_type) in rows {
        let (_, version) = crate::documents::store::version_by_id(&state.db, version_id)
            .await
            .map_err(|e| anyhow::anyhow!("{e}"))?
            .ok_or_else(|| anyhow::anyhow!("document version {version_id} is gone"))?;
        files.push(File {
            name,
            content_type,
            bytes: state.files.bytes(&version.storage_key).await?,
        });
    }
    Ok(files)
}

/// The first header value with a control character, named for the reason. lettre panics on a
/// line break in a display name, and a line break anywhere in a header would start a new one:
/// such a message (written before names were checked at the edge) fails for good instead.
fn unsafe_header(message: &Outgoing, recipients: &[Rcpt], files: &[File]) -> Option<String> {
    let mut values = vec![
        ("sender", message.from_address.as_str()),
        ("subject", message.subject.as_str()),
    ];
    if let Some(reply_to) = &message.reply_to {
        values.push(("reply-to address", reply_to.as_str()));
    }
    for r in recipients {
        values.push(("recipient name", r.name.as_str()));
        values.push(("recipient address", r.address.as_str()));
    }
    for f in files {
        values.push(("attachment name", f.name.as_str()));
        values.push(("attachment type", f.content_type.as_str()));
    }
    values
        .into_iter()
        .find(|(_, v)| has_control_chars(v))
        .map(|(what, v)| format!("the {what} {v:?} holds a line break or other control character"))
}

/// Builds the email, refusing unsafe header values and turning any panic inside lettre into
/// an error, so one bad message fails alone.
fn build_email_guarded(
    from: &str,
    domain: &str,
    message: &Outgoing,
    recipients: &[Rcpt],
    files: Vec<File>,
) -> std::result::Result<Message, String> {
    if let Some(reason) = unsafe_header(message, recipients, &files) {
        return Err(reason);
    }
    std::panic::catch_unwind(AssertUnwindSafe(|| {
        build_email(from, domain, message, recipients, files)
    }))
    .unwrap_or_else(|panic| {
        Err(format!(
            "the email could not be built: {}",
            crate::jobs::panic_message(panic.as_ref())
        ))
    })
}

fn build_email(
    from: &str,
    domain: &str,
    message: &Outgoing,
    recipients: &[Rcpt],
    files: Vec<File>,
) -> std::result::Result<Message, String> {
    let (from_name, _) = split_display(&message.from_address);
    let (_, configured_from) = split_display(from);
    let mut builder = Message::builder()
        .from(mailbox(from_name, configured_from)?)
        .message_id(Some(format!("<{}@{}>", message.uid, domain)))
        .subject(message.subject.as_str())
        .date_now();
    if let Some(reply_to) = &message.reply_to {
        builder = builder.reply_to(mailbox(from_name, reply_to)?);
    }
    for r in recipients {
        let mbox = mailbox(&r.name, &r.address)?;
        builder = match r.kind.as_str() {
            "cc" => builder.cc(mbox),
            _ => builder.to(mbox),
        };
    }
    let body = MultiPart::alternative()
        .singlepart(
            SinglePart::builder()
                .header(ContentType::TEXT_PLAIN)
                .body(message.body.clone()),
        )
        .singlepart(
            SinglePart::builder()
                .header(ContentType::TEXT_HTML)
                .body(super::format::to_html(&message.body)),
        );
    if files.is_empty() {
        return builder.multipart(body).map_err(|e| e.to_string());
    }
    let mut mixed = MultiPart::mixed().multipart(body);
    for file in files {
        let content_type = ContentType::parse(&file.content_type)
            .unwrap_or_else(|_| ContentType::parse("application/octet-stream").expect("valid"));
        mixed = mixed.singlepart(Attachment::new(file.name).body(file.bytes, content_type));
    }
    builder.multipart(mixed).map_err(|e| e.to_string())
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
    let mut tx = state.db.pool.begin().await?;
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
    let mut tx = state.db.pool.begin().await?;
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_display_addresses() {
        assert_eq!(
            split_display("Ola Nordmann <ola@byraa.no>"),
            ("Ola Nordmann", "ola@byraa.no")
        );
        assert_eq!(split_display("post@byraa.no"), ("", "post@byraa.no"));
    }

    #[test]
    fn a_line_break_in_a_header_value_fails_the_message_without_a_panic() {
        let message = Outgoing {
            uid: "kk.2.abc".into(),
            status: "queued".into(),
            from_address: "Ola Nordmann <ola@byraa.no>".into(),
            reply_to: None,
            subject: "Hei".into(),
            body: "Hei".into(),
        };
        let rcpts = [Rcpt {
            kind: "to".into(),
            name: "Eve\r\nBcc: x@evil.example".into(),
            address: "eve@kunde.no".into(),
        }];
        let err = build_email_guarded("post@byraa.no", "byraa.no", &message, &rcpts, Vec::new())
            .unwrap_err();
        assert!(err.contains("recipient name"), "{err}");
    }

    #[test]
    fn builds_mime_with_message_id_and_reply_to() {
        let message = Outgoing {
            uid: "kk.1.abc".into(),
            status: "queued".into(),
            from_address: "Ola Nordmann <ola@byraa.no>".into(),
            reply_to: Some("ola@byraa.no".into()),
            subject: "Avtale for 2027".into(),
            body: "Hei Åse,\n\nher er avtalen.".into(),
        };
        let rcpts = [
            Rcpt {
                kind: "to".into(),
                name: "Åse Berg".into(),
                address: "ase@kunde.no".into(),
            },
            Rcpt {
                kind: "cc".into(),
                name: String::new(),
                address: "lonn@kunde.no".into(),
            },
        ];
        let email = build_email(
            "Byrået <post@byraa.no>",
            "byraa.no",
            &message,
            &rcpts,
            Vec::new(),
        )
        .unwrap();
        let text = String::from_utf8(email.formatted()).unwrap();
        assert!(text.contains("Message-ID: <kk.1.abc@byraa.no>"), "{text}");
        assert!(
            text.contains("Reply-To: \"Ola Nordmann\" <ola@byraa.no>")
                || text.contains("Reply-To: Ola Nordmann <ola@byraa.no>"),
            "{text}"
        );
        assert!(text.contains("post@byraa.no"), "{text}");
        assert!(text.contains("Cc: lonn@kunde.no"), "{text}");
        assert!(text.contains("multipart/alternative"), "{text}");
    }
}
