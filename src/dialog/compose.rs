//! Writing from the card: an email to one or more of the customer's contacts (to/cc), or an SMS
//! to their mobiles; from a template or from scratch, with a preview of the merged text.
//! Works without JavaScript: the buttons "use template", "preview" and "send" post the same form.

use std::collections::{HashMap, HashSet};

use askama::Template;
use askama_web::WebTemplate;
use axum::{
    extract::{Path, State},
    http::StatusCode,
    response::{IntoResponse, Redirect, Response},
};
use axum_extra::extract::Form;
use serde::Deserialize;

use super::{
    merge::{self, MergeData},
    model::{Channel, SmsLength},
    outbox::{self, Attachment, NewEmail, NewSms, Origin, Recipient},
    tab::ChannelState,
    templates::{self, MessageTemplate},
};
use crate::{
    AppState, Result,
    auth::Staff,
    customers::card::CardHead,
    documents::store::{self as documents, Document, Filter},
    error::{FieldErrors, Msg},
    i18n::Lang,
    web::{Chrome, form::field_messages},
};

/// A contact who can receive on the channel.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct Reachable {
    pub id: i64,
    pub first_name: String,
    pub last_name: String,
    pub address: String,
    pub is_main: i64,
}

impl Reachable {
    pub fn name(&self) -> String {
        format!("{} {}", self.first_name, self.last_name)
    }
    fn recipient(&self) -> Recipient {
        Recipient {
            name: self.name(),
            email: self.address.clone(),
            contact_id: Some(self.id),
        }
    }
}

/// The customer's active contacts with an email address (or a mobile, for SMS).
pub async fn reachable(
    state: &AppState,
    customer_id: i64,
    channel: Channel,
) -> Result<Vec<Reachable>> {
    let column = match channel {
        Channel::Email => "email",
        Channel::Sms => "mobile",
    };
    Ok(sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "SELECT id, first_name, last_name, {column} AS address, is_main FROM contacts \
         WHERE customer_id = $1 AND active = 1 AND {column} IS NOT NULL AND {column} <> '' \
         ORDER BY is_main DESC, last_name, first_name"
    )))
    .bind(customer_id)
    .fetch_all(&state.db.pool)
    .await?)
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
#[template(path = "dialog/compose.html")]
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

/// GET /customers/{id}/dialog/{channel}
pub async fn new(
    State(state): State<AppState>,
    user: Staff,
    Path((id, channel)): Path<(i64, String)>,
    axum_extra::extract::Query(params): axum_extra::extract::Query<ComposeParams>,
) -> Result<ComposeView> {
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
    view(&state, &user, card, channel, form).await
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

/// What the form asks for, checked: the recipients (contacts of this customer who can receive
/// on the channel), subject and body.
struct Checked<'a> {
    to: Vec<&'a Reachable>,
    cc: Vec<&'a Reachable>,
    attachments: Vec<Attachment>,
}

/// The most recipients (to and cc together) of one message written here; more is a bulk send.
const MAX_RECIPIENTS: usize = 100;
/// The most attachments of one email.
const MAX_ATTACHMENTS: usize = 20;

fn check<'a>(
    channel: Channel,
    form: &ComposeForm,
    contacts: &'a [Reachable],
    documents: &[Document],
) -> std::result::Result<Checked<'a>, FieldErrors> {
    let mut errors = FieldErrors::default();
    // Lists are bounded before they are read, and looked up in a map: a form with a million ids
    // costs no more than one with a hundred.
    if form.to.len() + form.cc.len() > MAX_RECIPIENTS {
        errors.add(
            "to",
            Msg::new("dialog-too-many-recipients").arg("max", MAX_RECIPIENTS),
        );
        return Err(errors);
    }
    if form.attach.len() > MAX_ATTACHMENTS {
        errors.add(
            "attach",
            Msg::new("dialog-too-many-attachments").arg("max", MAX_ATTACHMENTS),
        );
        return Err(errors);
    }
    let by_id: HashMap<String, &'a Reachable> =
        contacts.iter().map(|c| (c.id.to_string(), c)).collect();
    let mut chosen = HashSet::new();
    let mut resolve = |field: &str, ids: &[String]| -> Vec<&'a Reachable> {
        let mut out = Vec::new();
        for raw in ids.iter().map(|s| s.trim()).filter(|s| !s.is_empty()) {
            match by_id.get(raw) {
                Some(c) if chosen.insert(c.id) => out.push(*c),
                Some(_) => {}
                None => errors.add(field, Msg::new("dialog-recipient-unknown")),
            }
        }
        out
    };
    let to = resolve("to", &form.to);
    let cc = if channel == Channel::Email {
        resolve("cc", &form.cc)
    } else {
        Vec::new()
    };
    if to.is_empty() && errors.get("to").is_none() {
        errors.add("to", Msg::new("dialog-recipient-required"));
    }
    if channel == Channel::Email {
        if form.subject.trim().is_empty() {
            errors.add("subject", Msg::new("field-required"));
        } else if form.subject.chars().count() > 200 {
            errors.add("subject", Msg::new("field-too-long").arg("max", 200));
        }
        errors.single_line("subject", form.subject.trim());
    }
    let max_body = if channel == Channel::Email {
        50_000
    } else {
        1_600
    };
    if form.body.trim().is_empty() {
        errors.add("body", Msg::new("field-required"));
    } else if form.body.chars().count() > max_body {
        errors.add("body", Msg::new("field-too-long").arg("max", max_body));
    }
    for (field, text) in [("subject", &form.subject), ("body", &form.body)] {
        if let Some(msg) = merge::check(text) {
            errors.add(field, msg);
        }
    }
    let mut attachments: Vec<Attachment> = Vec::new();
    if channel == Channel::Email {
        for raw in form
            .attach
            .iter()
            .map(|s| s.trim())
            .filter(|s| !s.is_empty())
        {
            match documents.iter().find(|d| d.version_id.to_string() == raw) {
                Some(d)
                    if !attachments
                        .iter()
                        .any(|a| a.document_version_id == d.version_id) =>
                {
                    attachments.push(Attachment {
                        document_version_id: d.version_id,
                        file_name: d.file_name.clone(),
                        content_type: d.content_type.clone(),
                        size_bytes: d.size_bytes,
                    })
                }
                Some(_) => {}
                None => errors.add("attach", Msg::new("dialog-attachment-unknown")),
            }
        }
        let total: i64 = attachments.iter().map(|a| a.size_bytes).sum();
        if total > MAX_ATTACHMENT_BYTES {
            errors.add(
                "attach",
                Msg::new("dialog-attachments-too-large")
                    .arg("max", crate::web::format_size(MAX_ATTACHMENT_BYTES)),
            );
        }
    }
    if errors.is_empty() {
        Ok(Checked {
            to,
            cc,
            attachments,
        })
    } else {
        Err(errors)
    }
}

/// POST /customers/{id}/dialog/{channel}
pub async fn submit(
    State(state): State<AppState>,
    user: Staff,
    Path((id, channel)): Path<(i64, String)>,
    Form(mut form): Form<ComposeForm>,
) -> Result<Response> {
    let channel = channel_of(&channel)?;
    let card = CardHead::load_editable(&state, &user, id, "dialog").await?;
    let customer_name = card.customer.name.clone();
    if form.action == "template" {
        // Fill subject and body from the chosen template; keep the recipients.
        if let Some(t) = template_for(&state, &user, channel, &form.template).await? {
            form.subject = t.subject;
            form.body = t.body;
        }
        return Ok(view(&state, &user, card, channel, form)
            .await?
            .into_response());
    }
    let mut page = view(&state, &user, card, channel, form.clone()).await?;
    let sender = sender_info(&state, &user).await?;
    let checked = match check(channel, &form, &page.contacts, &page.documents) {
        Ok(c) => c,
        Err(errors) => {
            page.errors = errors;
            return Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response());
        }
    };
    let messages = plan(channel, &form, &checked, &sender, &customer_name);
    if form.action != "send" {
        page.previews = messages.iter().map(|m| m.preview(channel)).collect();
        return Ok(page.into_response());
    }
    let template_id = template_for(&state, &user, channel, &form.template)
        .await?
        .map(|t| t.id);
    let origin = Origin {
        template_id,
        bulk_id: None,
    };
    let count = messages.len();
    let mut tx = state.db.pool.begin().await?;
    for m in messages {
        match channel {
            Channel::Email => {
                outbox::queue_email_from(
                    &mut tx,
                    NewEmail {
                        customer_id: id,
                        sender_user_id: Some(user.id),
                        to: m.to,
                        cc: m.cc,
                        subject: m.subject,
                        body: m.body,
                        attachments: checked.attachments.clone(),
                        sealed: None,
                    },
                    &origin,
                )
                .await?;
            }
            Channel::Sms => {
                for to in m.to {
                    outbox::queue_sms(
                        &mut tx,
                        NewSms {
                            customer_id: id,
                            sender_user_id: Some(user.id),
                            to,
                            body: m.body.clone(),
                            sealed: None,
                        },
                        &origin,
                    )
                    .await?;
                }
            }
        }
    }
    tx.commit().await?;
    state.jobs.wake();
    Ok(Redirect::to(&format!("/customers/{id}/dialog?sent={count}")).into_response())
}

/// One message to be queued.
struct Planned {
    to: Vec<Recipient>,
    cc: Vec<Recipient>,
    subject: String,
    body: String,
}

impl Planned {
    fn preview(&self, channel: Channel) -> Preview {
        Preview {
            to: self
                .to
                .iter()
                .chain(self.cc.iter())
                .map(|r| format!("{} <{}>", r.name, r.email))
                .collect::<Vec<_>>()
                .join(", "),
            subject: self.subject.clone(),
            body: self.body.clone(),
            sms: (channel == Channel::Sms).then(|| SmsLength::of(&self.body)),
        }
    }
}

/// SMS always go one per recipient; an email goes as one message to all, unless its text is
/// personal (`{first_name}` …), when each "to" gets their own, with the same copies.
fn plan(
    channel: Channel,
    form: &ComposeForm,
    checked: &Checked<'_>,
    sender: &SenderInfo,
    customer_name: &str,
) -> Vec<Planned> {
    let personal = merge::is_personal(&form.subject) || merge::is_personal(&form.body);
    let cc: Vec<Recipient> = checked.cc.iter().map(|c| c.recipient()).collect();
    if channel == Channel::Email && !personal {
        let data = merge_data(sender, customer_name, None);
        return vec![Planned {
            to: checked.to.iter().map(|c| c.recipient()).collect(),
            cc,
            subject: merge::apply(form.subject.trim(), &data),
            body: merge::apply(&form.body, &data),
        }];
    }
    checked
        .to
        .iter()
        .map(|c| {
            let data = merge_data(sender, customer_name, Some(c));
            Planned {
                to: vec![c.recipient()],
                cc: cc.clone(),
                subject: merge::apply(form.subject.trim(), &data),
                body: merge::apply(&form.body, &data),
            }
        })
        .collect()
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

#[cfg(test)]
mod tests {
    use super::*;

    fn contact(id: i64, first: &str) -> Reachable {
        Reachable {
            id,
            first_name: first.into(),
            last_name: "Berg".into(),
            address: format!("{}@kunde.no", first.to_lowercase()),
            is_main: 0,
        }
    }

    fn sender() -> SenderInfo {
        SenderInfo {
            name: "Ola".into(),
            email: "ola@byraa.no".into(),
            signature: "Hilsen Ola".into(),
        }
    }

    #[test]
    fn personal_text_makes_one_email_each_and_plain_text_one_for_all() {
        let contacts = [contact(1, "Åse"), contact(2, "Per"), contact(3, "Kari")];
        let mut form = ComposeForm {
            to: vec!["1".into(), "2".into()],
            cc: vec!["3".into()],
            subject: "Hei {first_name}".into(),
            body: "Hilsen\n{sender_signature}".into(),
            ..Default::default()
        };
        let checked = check(Channel::Email, &form, &contacts, &[]).unwrap();
        let planned = plan(Channel::Email, &form, &checked, &sender(), "Fjord AS");
        assert_eq!(planned.len(), 2);
        assert_eq!(planned[0].subject, "Hei Åse");
        assert_eq!(planned[1].subject, "Hei Per");
        assert_eq!(planned[1].cc[0].email, "kari@kunde.no");
        form.subject = "Nytt fra {customer_name}".into();
        let checked = check(Channel::Email, &form, &contacts, &[]).unwrap();
        let planned = plan(Channel::Email, &form, &checked, &sender(), "Fjord AS");
        assert_eq!(planned.len(), 1);
        assert_eq!(planned[0].to.len(), 2);
        assert_eq!(planned[0].subject, "Nytt fra Fjord AS");
        assert_eq!(planned[0].body, "Hilsen\nHilsen Ola");
    }

    #[test]
    fn recipients_must_be_the_customers_contacts() {
        let contacts = [contact(1, "Åse")];
        let form = ComposeForm {
            to: vec!["99".into()],
            subject: String::new(),
            body: "x".into(),
            ..Default::default()
        };
        let errors = check(Channel::Email, &form, &contacts, &[]).err().unwrap();
        assert_eq!(errors.get("to").unwrap()[0].key, "dialog-recipient-unknown");
        assert_eq!(errors.get("subject").unwrap()[0].key, "field-required");
    }
}
