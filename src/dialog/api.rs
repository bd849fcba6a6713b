//! `/api/v1/customers/{id}/messages`: a customer's email and SMS as JSON, with the dialog tab's
//! filters and the card's access rule (404 for a customer out of sight); and writing to the
//! customer's contacts through the outbox, checked and queued as the compose page does.

use axum::{
    Json, Router,
    extract::{Path, Query, State},
    http::StatusCode,
    routing::get,
};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::{
    compose::{self, ComposeForm},
    model::Channel,
    query::{self, FilterParams},
};
use crate::{
    AppError, AppState, Result,
    auth::Staff,
    customers::access::{self, Need},
    web::json::{ApiJson, Problem},
};

pub fn router() -> Router<AppState> {
    Router::new()
        .route(
            "/api/v1/customers/{id}/messages",
            get(list_messages).post(send_message),
        )
        .route("/api/v1/customers/{id}/messages/{mid}", get(get_message))
}

/// One message in a list: the start of its text only.
#[derive(Serialize, ToSchema)]
pub struct MessageItem {
    pub id: i64,
    /// `email` or `sms`.
    pub channel: String,
    /// `outbound` or `inbound`.
    pub direction: String,
    pub from: String,
    pub to: String,
    /// The subject, or the first line of an SMS.
    pub headline: String,
    /// `queued`, `sent`, `delivered`, `failed` …
    pub status: String,
    pub status_reason: Option<String>,
    /// Who sent it, for messages sent by staff.
    pub sender: Option<String>,
    /// Unix seconds.
    pub created_at: i64,
    pub attachments: i64,
}

/// One page (50) of a customer's messages, newest first.
#[derive(Serialize, ToSchema)]
pub struct MessageList {
    pub items: Vec<MessageItem>,
    /// How many messages match, in all.
    pub total: i64,
    /// The next page's number, when there is one.
    pub next_page: Option<i64>,
    /// When another page follows: pass as `after` (with `page` = `next_page`) to read the next
    /// page on from this one's last message, as cheap however deep.
    pub next_after: Option<i64>,
}

#[derive(Serialize, ToSchema)]
pub struct EventOut {
    pub at: i64,
    pub status: String,
    pub detail: Option<String>,
}

#[derive(Serialize, ToSchema)]
pub struct AttachmentOut {
    pub document_version_id: i64,
    pub file_name: String,
    pub content_type: String,
    pub size_bytes: i64,
}

/// One message whole, with its delivery history.
#[derive(Serialize, ToSchema)]
pub struct MessageOut {
    pub id: i64,
    pub customer_id: Option<i64>,
    pub channel: String,
    pub direction: String,
    pub from: String,
    pub to: String,
    pub cc: String,
    pub reply_to: Option<String>,
    pub subject: String,
    pub body: String,
    pub status: String,
    pub status_reason: Option<String>,
    pub sender: Option<String>,
    pub sms_parts: Option<i64>,
    pub created_at: i64,
    pub sent_at: Option<i64>,
    pub events: Vec<EventOut>,
    pub attachments: Vec<AttachmentOut>,
}

/// A customer's messages, newest first, 50 a page, with the dialog tab's filters.
#[utoipa::path(get, path = "/api/v1/customers/{id}/messages", tag = "dialog",
    params(
        ("id" = i64, Path, description = "The customer."),
        ("channel" = Option<String>, Query, description = "`email` or `sms`."),
        ("direction" = Option<String>, Query, description = "`outbound` or `inbound`."),
        ("contact" = Option<i64>, Query, description = "Messages to or from this contact."),
        ("consultant" = Option<i64>, Query, description = "Messages sent by this user."),
        ("status" = Option<String>, Query, description = "`queued`, `sent`, `delivered`, `failed` …"),
        ("from" = Option<String>, Query, description = "First day, `YYYY-MM-DD`."),
        ("to" = Option<String>, Query, description = "Last day, `YYYY-MM-DD`."),
        ("q" = Option<String>, Query, description = "Text in subject or body."),
        ("page" = Option<i64>, Query, description = "Page number, from 1."),
        ("after" = Option<i64>, Query, description = "`next_after` of the page before: the page is read on from that message instead of counting `page`; a message not in the list is ignored."),
    ),
    responses((status = 200, description = "One page of the customer's messages.", body = MessageList),
        (status = 404, body = Problem), (status = 422, body = Problem)))]
pub async fn list_messages(
    State(state): State<AppState>,
    user: Staff,
    Path(id): Path<i64>,
    Query(params): Query<FilterParams>,
) -> Result<Json<MessageList>> {
    access::load(&state, &user, id, Need::See).await?;
    let filter = params.parse().map_err(AppError::Invalid)?;
    let page = query::for_customer(&state.db, id, &filter).await?;
    let total = query::count_for_customer(&state.db, id, &filter).await?;
    let next_page = page.has_next.then_some(filter.page.max(1) + 1);
    let next_after = page.next_after;
    let items = page
        .rows
        .into_iter()
        .map(|r| MessageItem {
            headline: r.headline(),
            id: r.id,
            channel: r.channel,
            direction: r.direction,
            from: r.from_address,
            to: r.to_display,
            status: r.status,
            status_reason: r.status_reason,
            sender: r.user_name,
            created_at: r.created_at,
            attachments: r.attachments,
        })
        .collect();
    Ok(Json(MessageList {
        items,
        total,
        next_page,
        next_after,
    }))
}

/// One of a customer's messages, whole, with its attachments and delivery history.
#[utoipa::path(get, path = "/api/v1/customers/{id}/messages/{mid}", tag = "dialog",
    params(("id" = i64, Path, description = "The customer."), ("mid" = i64, Path, description = "The message.")),
    responses((status = 200, description = "The message.", body = MessageOut), (status = 404, body = Problem)))]
pub async fn get_message(
    State(state): State<AppState>,
    user: Staff,
    Path((id, mid)): Path<(i64, i64)>,
) -> Result<Json<MessageOut>> {
    access::load(&state, &user, id, Need::See).await?;
    let m = query::message(&state.db, mid)
        .await?
        .filter(|m| m.customer_id == Some(id))
        .ok_or(AppError::NotFound)?;
    let events = query::events(&state.db, mid)
        .await?
        .into_iter()
        .map(|e| EventOut {
            at: e.at,
            status: e.status,
            detail: e.detail,
        })
        .collect();
    let attachments = query::attachments(&state.db, mid)
        .await?
        .into_iter()
        .map(|a| AttachmentOut {
            document_version_id: a.document_version_id,
            file_name: a.file_name,
            content_type: a.content_type,
            size_bytes: a.size_bytes,
        })
        .collect();
    Ok(Json(MessageOut {
        id: m.id,
        customer_id: m.customer_id,
        channel: m.channel,
        direction: m.direction,
        from: m.from_address,
        to: m.to_display,
        cc: m.cc_display,
        reply_to: m.reply_to,
        subject: m.subject,
        body: m.body,
        status: m.status,
        status_reason: m.status_reason,
        sender: m.user_name,
        sms_parts: m.sms_parts,
        created_at: m.created_at,
        sent_at: m.sent_at,
        events,
        attachments,
    }))
}

/// A message to write to some of the customer's contacts.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewMessage {
    /// `email` or `sms`.
    pub channel: String,
    /// Contact ids: active contacts of this customer with an email address (or a mobile).
    pub to: Vec<i64>,
    /// Contact ids in copy (email only).
    #[serde(default)]
    pub cc: Vec<i64>,
    /// Required for email; merge fields such as `{first_name}` work as on the page.
    #[serde(default)]
    #[schema(max_length = 200)]
    pub subject: String,
    pub body: String,
    /// Document version ids of the customer's documents to attach (email only).
    #[serde(default)]
    pub attach: Vec<i64>,
}

/// A message as queued.
#[derive(Serialize, ToSchema)]
pub struct QueuedMessage {
    pub id: i64,
    /// The message's unique id (the email's Message-ID, the SMS gateway's reference).
    pub uid: String,
    pub channel: String,
    pub to: String,
    /// `queued`: the background worker sends it.
    pub status: String,
}

/// The messages queued by one send: one email to all, one each when the text is personal, one
/// SMS for each recipient.
#[derive(Serialize, ToSchema)]
pub struct QueuedList {
    pub items: Vec<QueuedMessage>,
    pub total: i64,
}

/// Send an email or SMS to some of the customer's contacts, through the outbox.
#[utoipa::path(post, path = "/api/v1/customers/{id}/messages", tag = "dialog", request_body = NewMessage,
    params(("id" = i64, Path, description = "The customer.")),
    responses((status = 202, description = "Queued; the background worker sends them.", body = QueuedList),
        (status = 403, body = Problem), (status = 404, body = Problem), (status = 422, body = Problem),
        (status = 503, description = "Email (or SMS) is not set up on this server; nothing was queued.", body = Problem)))]
pub async fn send_message(
    State(state): State<AppState>,
    user: Staff,
    Path(id): Path<i64>,
    ApiJson(new): ApiJson<NewMessage>,
) -> Result<(StatusCode, Json<QueuedList>)> {
    let customer = access::load(&state, &user, id, Need::Change).await?;
    let Some(channel) = Channel::parse(&new.channel) else {
        let mut errors = crate::error::FieldErrors::default();
        errors.add("channel", crate::error::Msg::new("dialog-channel-unknown"));
        return Err(AppError::Invalid(errors));
    };
    let ids = |v: &[i64]| v.iter().map(i64::to_string).collect::<Vec<_>>();
    let form = ComposeForm {
        to: ids(&new.to),
        cc: ids(&new.cc),
        attach: ids(&new.attach),
        subject: new.subject,
        body: new.body,
        action: "send".into(),
        template: String::new(),
    };
    let mut items = Vec::new();
    for mid in compose::send(&state, &user, &customer, channel, &form).await? {
        let m = query::message(&state.db, mid)
            .await?
            .ok_or(AppError::NotFound)?;
        items.push(QueuedMessage {
            id: m.id,
            uid: m.uid,
            channel: m.channel,
            to: m.to_display,
            status: m.status,
        });
    }
    let list = QueuedList {
        total: items.len() as i64,
        items,
    };
    Ok((StatusCode::ACCEPTED, Json(list)))
}
