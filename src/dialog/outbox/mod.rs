//! Writing messages: every email and SMS is stored with its recipients and a `queued` event, and
//! a job to send it is queued — all in the caller's transaction, so a message exists exactly when
//! the action that sent it does, and nothing is sent for an action that was rolled back.

use sqlx::AnyConnection;

use super::{
    model::{Channel, SmsLength, Status},
    sealed::Sealed,
    send,
};
use crate::{Result, config::Config, jobs, timefmt::now};

mod bulk;

pub use bulk::{BulkMessage, queue_bulk};

/// Someone a message goes to: a contact when known, always with the address used.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Recipient {
    pub name: String,
    /// An email address, or a mobile number in E.164 for SMS.
    pub email: String,
    pub contact_id: Option<i64>,
}

/// A document version sent with an email (name, type and size as they were when sent).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Attachment {
    pub document_version_id: i64,
    pub file_name: String,
    pub content_type: String,
    pub size_bytes: i64,
}

pub struct NewEmail {
    /// The customer whose dialog shows the message; `None` for a message that concerns no
    /// customer (a worker's invitation).
    pub customer_id: Option<i64>,
    /// The worker the message goes to, when it does: it is logged on the worker too.
    pub worker_id: Option<i64>,
    /// The consultant sending; replies go to them. `None` for the system's own mail.
    pub sender_user_id: Option<i64>,
    pub to: Vec<Recipient>,
    pub cc: Vec<Recipient>,
    pub subject: String,
    /// Plain text; the sender adds a simple HTML rendering of it.
    pub body: String,
    pub attachments: Vec<Attachment>,
    /// A secret for the recipient, in place of its placeholder in `body` (never stored).
    pub sealed: Option<Sealed>,
}

pub struct NewSms {
    pub customer_id: Option<i64>,
    pub worker_id: Option<i64>,
    pub sender_user_id: Option<i64>,
    /// `email` holds the mobile number in E.164.
    pub to: Recipient,
    pub body: String,
    /// A secret for the recipient, in place of its placeholder in `body` (never stored).
    pub sealed: Option<Sealed>,
}

/// Extra bookkeeping for messages written from a template or a bulk send.
#[derive(Clone, Debug, Default)]
pub struct Origin {
    pub template_id: Option<i64>,
    pub bulk_id: Option<String>,
}

pub fn email_configured(config: &Config) -> bool {
    config.smtp.is_some()
}

pub fn sms_configured(config: &Config) -> bool {
    config.sms.is_some()
}

/// A stable, unique id: the email's Message-ID (left part) and the SMS gateway's reference.
pub fn new_uid() -> String {
    let random: [u8; 12] = rand::random();
    format!("kk.{}.{}", now(), hex::encode(random))
}

#[derive(sqlx::FromRow)]
struct Sender {
    name: String,
    email: String,
}

async fn sender(conn: &mut AnyConnection, user_id: Option<i64>) -> Result<Option<Sender>> {
    let Some(id) = user_id else { return Ok(None) };
    Ok(
        sqlx::query_as("SELECT name, email FROM users WHERE id = $1")
            .bind(id)
            .fetch_optional(&mut *conn)
            .await?,
    )
}

/// What a message shows as its sender, and where replies go: an email is from
/// "Name <address>" with replies to the consultant; an SMS shows the name only.
async fn from_and_reply_to(
    conn: &mut AnyConnection,
    user_id: Option<i64>,
    channel: Channel,
) -> Result<(String, Option<String>)> {
    Ok(match (sender(conn, user_id).await?, channel) {
        (Some(s), Channel::Email) => (format!("{} <{}>", s.name, s.email), Some(s.email)),
        (Some(s), Channel::Sms) => (s.name, None),
        (None, _) => (String::new(), None),
    })
}

/// A subject on one line: merge fields (a signature, a customer's name) and texts typed
/// elsewhere (a signing order's title) may hold line breaks, which a header cannot.
pub fn one_line(subject: &str) -> String {
    subject
        .split(char::is_control)
        .filter(|part| !part.trim().is_empty())
        .map(str::trim)
        .collect::<Vec<_>>()
        .join(" ")
}

fn display(recipients: &[Recipient]) -> String {
    recipients
        .iter()
        .map(|r| {
            if r.name.is_empty() {
                r.email.clone()
            } else {
                format!("{} <{}>", r.name, r.email)
            }
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// Queues an email in the caller's transaction and returns the message id.
pub async fn queue_email(conn: &mut AnyConnection, email: NewEmail) -> Result<i64> {
    queue_email_from(conn, email, &Origin::default()).await
}

pub async fn queue_email_from(
    conn: &mut AnyConnection,
    email: NewEmail,
    origin: &Origin,
) -> Result<i64> {
    let (from_address, reply_to) =
        from_and_reply_to(conn, email.sender_user_id, Channel::Email).await?;
    let subject = one_line(&email.subject);
    let id = insert_message(
        conn,
        MessageRow {
            customer_id: email.customer_id,
            worker_id: email.worker_id,
            channel: Channel::Email,
            from_address: &from_address,
            to_display: &display(&email.to),
            cc_display: &display(&email.cc),
            reply_to: reply_to.as_deref(),
            subject: &subject,
            body: &email.body,
            user_id: email.sender_user_id,
            sms_parts: None,
            origin,
        },
    )
    .await?;
    for (kind, list) in [("to", &email.to), ("cc", &email.cc)] {
        for r in list {
            insert_recipient(conn, id, kind, r).await?;
        }
    }
    for a in &email.attachments {
        sqlx::query(
            "INSERT INTO message_attachments
             (message_id, document_version_id, file_name, content_type, size_bytes)
             VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(id)
        .bind(a.document_version_id)
        .bind(a.file_name.as_str())
        .bind(a.content_type.as_str())
        .bind(a.size_bytes)
        .execute(&mut *conn)
        .await?;
    }
    let payload = send::Payload {
        message_id: id,
        sealed: email.sealed,
    };
    jobs::enqueue(conn, send::EMAIL_KIND, &payload).await?;
    Ok(id)
}

/// Queues one SMS in the caller's transaction and returns the message id.
pub async fn queue_sms(conn: &mut AnyConnection, sms: NewSms, origin: &Origin) -> Result<i64> {
    let (from_address, _) = from_and_reply_to(conn, sms.sender_user_id, Channel::Sms).await?;
    let parts = SmsLength::of(&sms.body).parts as i64;
    let id = insert_message(
        conn,
        MessageRow {
            customer_id: sms.customer_id,
            worker_id: sms.worker_id,
            channel: Channel::Sms,
            from_address: &from_address,
            to_display: &display(std::slice::from_ref(&sms.to)),
            cc_display: "",
            reply_to: None,
            subject: "",
            body: &sms.body,
            user_id: sms.sender_user_id,
            sms_parts: Some(parts),
            origin,
        },
    )
    .await?;
    insert_recipient(conn, id, "to", &sms.to).await?;
    let payload = send::Payload {
        message_id: id,
        sealed: sms.sealed,
    };
    jobs::enqueue(conn, send::SMS_KIND, &payload).await?;
    Ok(id)
}

/// What the dialog's text filter matches: subject and body in lower case (Unicode-aware, which
/// SQLite's LOWER is not).
pub fn search_text(subject: &str, body: &str) -> String {
    format!("{subject}\n{body}").to_lowercase()
}

struct MessageRow<'a> {
    customer_id: Option<i64>,
    worker_id: Option<i64>,
    channel: Channel,
    from_address: &'a str,
    to_display: &'a str,
    cc_display: &'a str,
    reply_to: Option<&'a str>,
    subject: &'a str,
    body: &'a str,
    user_id: Option<i64>,
    sms_parts: Option<i64>,
    origin: &'a Origin,
}

async fn insert_message(conn: &mut AnyConnection, m: MessageRow<'_>) -> Result<i64> {
    let at = now();
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO messages (uid, customer_id, channel, direction, from_address, to_display,
            cc_display, reply_to, subject, body, search_text, status, user_id, template_id, bulk_id,
            sms_parts, created_at, updated_at, worker_id)
         VALUES ($1, $2, $3, 'out', $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $16, $17)
         RETURNING id",
    )
    .bind(new_uid())
    .bind(m.customer_id)
    .bind(m.channel.as_str())
    .bind(m.from_address)
    .bind(m.to_display)
    .bind(m.cc_display)
    .bind(m.reply_to)
    .bind(m.subject)
    .bind(m.body)
    .bind(search_text(m.subject, m.body))
    .bind(Status::Queued.as_str())
    .bind(m.user_id)
    .bind(m.origin.template_id)
    .bind(m.origin.bulk_id.as_deref())
    .bind(m.sms_parts)
    .bind(at)
    .bind(m.worker_id)
    .fetch_one(&mut *conn)
    .await?;
    add_event(conn, id, Status::Queued.as_str(), None).await?;
    Ok(id)
}

async fn insert_recipient(
    conn: &mut AnyConnection,
    message_id: i64,
    kind: &str,
    r: &Recipient,
) -> Result<()> {
    sqlx::query(
        "INSERT INTO message_recipients (message_id, kind, contact_id, name, address)
         VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(message_id)
    .bind(kind)
    .bind(r.contact_id)
    .bind(r.name.as_str())
    .bind(r.email.as_str())
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// One line of a message's delivery history.
pub async fn add_event(
    conn: &mut AnyConnection,
    message_id: i64,
    status: &str,
    detail: Option<&str>,
) -> Result<()> {
    sqlx::query(
        "INSERT INTO message_events (message_id, at, status, detail) VALUES ($1, $2, $3, $4)",
    )
    .bind(message_id)
    .bind(now())
    .bind(status)
    .bind(detail)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// A message's status and the reason it last failed, for a feature that waits on one message
/// it queued (an emailed invoice); `None` for an unknown id.
pub async fn status(
    conn: &mut AnyConnection,
    message_id: i64,
) -> Result<Option<(String, Option<String>)>> {
    Ok(
        sqlx::query_as("SELECT status, status_reason FROM messages WHERE id = $1")
            .bind(message_id)
            .fetch_optional(conn)
            .await?,
    )
}
