//! Writing from the card: an email to one or more of the customer's contacts (to/cc), or an SMS
//! to their mobiles; from a template or from scratch, with a preview of the merged text.
//! Works without JavaScript: the buttons "use template", "preview" and "send" post the same form.

mod plan;
mod queue;

pub use queue::{require_configured, send};

use askama::Template;
use askama_web::WebTemplate;
use axum::{
    extract::{Path, State},
    http::{HeaderMap, StatusCode},
    response::{IntoResponse, Redirect, Response},
};
use axum_extra::extract::Form;
use serde::Deserialize;

use plan::{check_form, plan};

use super::{
    merge::{self, MergeData},
    model::{Channel, SmsLength},
    outbox::{Origin, Recipient},
    tab::ChannelState,
    templates::{self, MessageTemplate},
};
use crate::{
    AppState, Result,
    auth::Staff,
    contacts::lookup,
    customers::card::CardHead,
    documents::store::{self as documents, Document, Filter},
    error::FieldErrors,
    i18n::Lang,
    web::{Chrome, form::field_messages, quick},
};

pub use crate::contacts::lookup::Reachable;

/// The recipient a contact becomes on a message.
fn recipient(c: &Reachable) -> Recipient {
    Recipient {
        name: c.name(),
        email: c.address.clone(),
        contact_id: Some(c.id),
    }
}

/// The customer's active contacts with an email address (or a mobile, for SMS), main contact
/// first.
pub async fn reachable(
    state: &AppState,
    customer_id: i64,
    channel: Channel,
) -> Result<Vec<Reachable>> {
    lookup::reachable(&state.db, &[customer_id], channel.address(), false).await
}

/// The sender's part of the merge data.
#[derive(sqlx::FromRow)]
struct SenderInfo {
    name: String,
    email: String,
    signature: String,
}

async fn sender_info(state: &AppState, user: &Staff) -> Result<SenderInfo> {
    Ok(
        sqlx::query_as("SELECT name, email, signature FROM users WHERE id = $1")
            .bind(user.id)
            .fetch_one(&state.db.pool)
            .await?,
    )
}

fn merge_data(sender: &SenderInfo, customer_name: &str, contact: Option<&Reachable>) -> MergeData {
    MergeData {
        first_name: contact.map(|c| c.first_name.clone()).unwrap_or_default(),
        last_name: contact.map(|c| c.last_name.clone()).unwrap_or_default(),
        customer_name: customer_name.to_string(),
        sender_name: sender.name.clone(),
        sender_email: sender.email.clone(),
        sender_signature: sender.signature.clone(),
    }
}

#[derive(Clone, Debug, Default, Deserialize)]
pub struct ComposeForm {
    #[serde(default)]
    pub to: Vec<String>,
    #[serde(default)]
    pub cc: Vec<String>,
    #[serde(default)]
    pub template: String,
    #[serde(default)]
    pub subject: String,
    #[serde(default)]
    pub body: String,
    /// `template`, `preview` or `send`.
    #[serde(default)]
    pub action: String,
    /// Document versions to attach (email only).
    #[serde(default)]
    pub attach: Vec<String>,
}

impl ComposeForm {
    fn picked(&self, list: &[String], id: i64) -> bool {
        list.iter().any(|v| v.trim() == id.to_string())
    }
}

/// A merged message as it will go to one recipient.
pub struct Preview {
    pub to: String,
    pub subject: String,
    pub body: String,
    pub sms: Option<SmsLength>,
}

#[derive(Template, WebTemplate)]
#[template(path = "dialog/compose.html", blocks = ["quick"])]
pub struct ComposeView {
    lang: Lang,
    chrome: Chrome,
    card: CardHead,
    channel: Channel,
    channels: ChannelState,
    contacts: Vec<Reachable>,
    templates: Vec<MessageTemplate>,
    form: ComposeForm,
    errors: FieldErrors,
    previews: Vec<Preview>,
    personal: bool,
    fields: [&'static str; 7],
    length: SmsLength,
    /// The customer's documents, to attach (email only).
    documents: Vec<Document>,
}

impl ComposeView {
    fn errs(&self, field: &str) -> Vec<String> {
        field_messages(&self.errors, self.lang, field)
    }
    fn is_to(&self, id: &i64) -> bool {
        self.form.picked(&self.form.to, *id)
    }
    fn is_cc(&self, id: &i64) -> bool {
        self.form.picked(&self.form.cc, *id)
    }
    fn is_template(&self, id: &i64) -> bool {
        self.form.template.trim() == id.to_string()
    }
    fn is_email(&self) -> bool {
        self.channel == Channel::Email
    }
    fn path(&self) -> String {
        format!(
            "/customers/{}/dialog/{}",
            self.card.customer.id, self.channel
        )
    }
    fn length_text(&self) -> String {
        length_text(self.lang, &self.length)
    }
    fn is_attached(&self, version_id: &i64) -> bool {
        self.form.picked(&self.form.attach, *version_id)
    }
    fn size(&self, bytes: &i64) -> String {
        crate::web::format_size(*bytes)
    }
}

/// The most an email may carry in attachments; many mail servers refuse more than 25 MB.
pub const MAX_ATTACHMENT_BYTES: i64 = 20 * 1024 * 1024;

pub fn length_text(lang: Lang, length: &SmsLength) -> String {
    lang.t_with(
        if length.unicode {
            "dialog-sms-length-unicode"
        } else {
            "dialog-sms-length-gsm"
        },
        &[
            ("chars", length.units.to_string()),
            ("parts", length.parts.to_string()),
            ("left", length.left.to_string()),
        ],
    )
}

async fn view(
    state: &AppState,
    user: &Staff,
    card: CardHead,
    channel: Channel,
    form: ComposeForm,
) -> Result<ComposeView> {
    let contacts = reachable(state, card.customer.id, channel).await?;
    let templates = templates::usable(&state.db, user, channel).await?;
    let personal = merge::is_personal(&form.subject) || merge::is_personal(&form.body);
    let length = SmsLength::of(&form.body);
    let documents = if channel == Channel::Email {
        documents::list(&state.db, card.customer.id, &Filter::default()).await?
    } else {
        Vec::new()
    };
    Ok(ComposeView {
        documents,
        lang: user.lang,
        chrome: Chrome::new(user, "customers"),
        card,
        channel,
        channels: ChannelState::of(state),
        contacts,
        templates,
        form,
        errors: FieldErrors::default(),
        previews: Vec::new(),
        personal,
        fields: merge::FIELDS,
        length,
    })
}

#[derive(Deserialize, Default)]
pub struct ComposeParams {
    template: Option<String>,
    #[serde(default)]
    to: Vec<String>,
    #[serde(default)]
    attach: Vec<String>,
}

fn channel_of(raw: &str) -> Result<Channel> {
    Channel::parse(raw).ok_or(crate::AppError::NotFound)
}

/// The compose page, or from the card head's dialog the form alone.
fn page_or_quick(quick: bool, status: StatusCode, page: ComposeView) -> Result<Response> {
    if quick {
        return quick::fragment(status, &page.as_quick());
    }
    Ok((status, page).into_response())
}

/// GET /customers/{id}/dialog/{channel}
pub async fn new(
    State(state): State<AppState>,
    user: Staff,
    Path((id, channel)): Path<(i64, String)>,
    headers: HeaderMap,
    axum_extra::extract::Query(params): axum_extra::extract::Query<ComposeParams>,
) -> Result<Response> {
    let channel = channel_of(&channel)?;
    let card = CardHead::load_editable(&state, &user, id, "dialog").await?;
    let mut form = ComposeForm {
        to: params.to,
        attach: params.attach,
        template: params.template.unwrap_or_default(),
        ..Default::default()
    };
    if let Some(t) = template_for(&state, &user, channel, &form.template).await? {
        form.subject = t.subject;
        form.body = t.body;
    }
    let page = view(&state, &user, card, channel, form).await?;
    page_or_quick(quick::is_quick(&headers), StatusCode::OK, page)
}

async fn template_for(
    state: &AppState,
    user: &Staff,
    channel: Channel,
    raw: &str,
) -> Result<Option<MessageTemplate>> {
    let Ok(tid) = raw.trim().parse::<i64>() else {
        return Ok(None);
    };
    Ok(templates::get(&state.db, user, tid)
        .await?
        .filter(|t| t.channel == channel.as_str()))
}

/// POST /customers/{id}/dialog/{channel}
pub async fn submit(
    State(state): State<AppState>,
    user: Staff,
    Path((id, channel)): Path<(i64, String)>,
    headers: HeaderMap,
    Form(mut form): Form<ComposeForm>,
) -> Result<Response> {
    let quick = quick::is_quick(&headers);
    let channel = channel_of(&channel)?;
    let card = CardHead::load_editable(&state, &user, id, "dialog").await?;
    let customer_name = card.customer.name.clone();
    if form.action == "template" {
        // Fill subject and body from the chosen template; keep the recipients.
        if let Some(t) = template_for(&state, &user, channel, &form.template).await? {
            form.subject = t.subject;
            form.body = t.body;
        }
        let page = view(&state, &user, card, channel, form).await?;
        return page_or_quick(quick, StatusCode::OK, page);
    }
    let mut page = view(&state, &user, card, channel, form.clone()).await?;
    let sender = sender_info(&state, &user).await?;
    let checked = match check_form(channel, &form, &page.contacts, &page.documents) {
        Ok(c) => c,
        Err(errors) => {
            page.errors = errors;
            return page_or_quick(quick, StatusCode::UNPROCESSABLE_ENTITY, page);
        }
    };
    let messages = plan(channel, &form, &checked, &sender, &customer_name);
    if form.action != "send" {
        page.previews = messages.iter().map(|m| m.preview(channel)).collect();
        return page_or_quick(quick, StatusCode::OK, page);
    }
    let template_id = template_for(&state, &user, channel, &form.template)
        .await?
        .map(|t| t.id);
    let origin = Origin {
        template_id,
        bulk_id: None,
    };
    let count = queue::queue(&state, &user, id, channel, messages, &checked, &origin)
        .await?
        .len();
    if quick {
        let key = ChannelState::of(&state).queued_key(Some(channel.as_str()));
        return Ok(quick::done(
            &user.lang.t_with(key, &[("count", count.to_string())]),
        ));
    }
    Ok(Redirect::to(&format!(
        "/customers/{id}/dialog?sent={count}&via={}",
        channel.as_str()
    ))
    .into_response())
}

#[derive(Deserialize)]
pub struct LengthForm {
    #[serde(default)]
    body: String,
}

/// POST /dialog/sms-length — the live count under the SMS text (htmx).
pub async fn sms_length(user: Staff, axum::Form(form): axum::Form<LengthForm>) -> String {
    length_text(user.lang, &SmsLength::of(&form.body))
}
