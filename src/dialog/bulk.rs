//! Bulk messages from the customer list: one email or SMS to the main contact (or to every
//! active contact) of each customer in the current filter. Each recipient gets their own
//! message, merged for them, and their own line in their customer's dialog.

use std::collections::HashMap;

use askama::Template;
use askama_web::WebTemplate;
use axum::{
    extract::{Query, State},
    http::StatusCode,
    response::{IntoResponse, Redirect, Response},
};
use axum_extra::extract::Form;
use serde::Deserialize;

use super::{
    merge::{self, MergeData},
    model::{Channel, SmsLength},
    outbox::{self, BulkMessage, Origin, Recipient},
    tab::ChannelState,
    templates::{self, MessageTemplate},
};
use crate::{
    AppError, AppState, Result,
    auth::Staff,
    contacts::lookup::{self, Reachable},
    customers::{
        access::{Visibility, can_edit},
        list::{self, ListParams},
    },
    error::{FieldErrors, Msg},
    i18n::Lang,
    web::{Chrome, form::field_messages},
};

/// The most recipients one bulk send may have.
pub const MAX_RECIPIENTS: usize = 20_000;

#[derive(Clone, Debug, Default, Deserialize)]
pub struct BulkForm {
    #[serde(flatten)]
    pub list: ListParams,
    #[serde(default)]
    pub channel: String,
    /// `main` (the main contact) or `all` (every active contact).
    #[serde(default)]
    pub audience: String,
    #[serde(default)]
    pub template: String,
    #[serde(default)]
    pub subject: String,
    #[serde(default)]
    pub body: String,
    /// `template`, `preview` or `send`.
    #[serde(default)]
    pub action: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "dialog/bulk.html")]
pub struct BulkView {
    lang: Lang,
    chrome: Chrome,
    form: BulkForm,
    channels: ChannelState,
    templates_email: Vec<MessageTemplate>,
    templates_sms: Vec<MessageTemplate>,
    errors: FieldErrors,
    /// Customers in the filter that the user may write to, and those left out.
    customers: usize,
    not_editable: usize,
    recipients: usize,
    without_recipient: usize,
    preview: Option<(String, String, String)>,
    fields: [&'static str; 7],
    list_query: String,
}

impl BulkView {
    fn errs(&self, field: &str) -> Vec<String> {
        field_messages(&self.errors, self.lang, field)
    }
    fn is_sms(&self) -> bool {
        self.form.channel == "sms"
    }
    fn sel_template(&self, id: &i64) -> bool {
        self.form.template.trim() == id.to_string()
    }
    fn length_text(&self) -> String {
        super::compose::length_text(self.lang, &SmsLength::of(&self.form.body))
    }
    fn hidden_list(&self) -> Vec<(&'static str, String)> {
        let p = &self.form.list;
        [
            ("q", &p.q),
            ("scope", &p.scope),
            ("status", &p.status),
            ("county", &p.county),
            ("municipality", &p.municipality),
            ("industry", &p.industry),
            ("owner", &p.owner),
            ("department", &p.department),
            ("inactive_days", &p.inactive_days),
        ]
        .into_iter()
        .filter_map(|(k, v)| v.clone().filter(|v| !v.is_empty()).map(|v| (k, v)))
        .collect()
    }
}

struct Resolved {
    names: HashMap<i64, String>,
    not_editable: usize,
    targets: Vec<Reachable>,
    without_recipient: usize,
}

/// The customers of the filter the user may write to, and their recipients.
async fn resolve(
    state: &AppState,
    user: &Staff,
    form: &BulkForm,
    channel: Channel,
) -> Result<Resolved> {
    let query = form.list.parse().map_err(AppError::Invalid)?;
    let visibility = Visibility::of(user, state.config.consultant_scope);
    let items = list::fetch_rows(&state.db, user, visibility, &query, None).await?;
    let total = items.len();
    let names: HashMap<i64, String> = items
        .into_iter()
        .filter(|c| can_edit(user, c.owner_id, c.department_id))
        .map(|c| (c.id, c.name))
        .collect();
    let not_editable = total - names.len();
    let main_only = form.audience != "all";
    let ids: Vec<i64> = names.keys().copied().collect();
    let mut targets = lookup::reachable(&state.db, &ids, channel.address(), main_only).await?;
    targets.sort_by_key(|t| (t.customer_id, t.id));
    let reached: std::collections::HashSet<i64> = targets.iter().map(|t| t.customer_id).collect();
    Ok(Resolved {
        without_recipient: names.len() - reached.len(),
        names,
        not_editable,
        targets,
    })
}

async fn view(state: &AppState, user: &Staff, form: BulkForm) -> Result<BulkView> {
    let channel = Channel::parse(&form.channel).unwrap_or(Channel::Email);
    let resolved = resolve(state, user, &form, channel).await?;
    let list_query = form
        .list
        .without(["limit", "page", "sort"])
        .to_query_string();
    Ok(BulkView {
        lang: user.lang,
        chrome: Chrome::new(user, "customers"),
        channels: ChannelState::of(state),
        templates_email: templates::usable(&state.db, user, Channel::Email).await?,
        templates_sms: templates::usable(&state.db, user, Channel::Sms).await?,
        errors: FieldErrors::default(),
        customers: resolved.names.len(),
        not_editable: resolved.not_editable,
        recipients: resolved.targets.len(),
        without_recipient: resolved.without_recipient,
        preview: None,
        fields: merge::FIELDS,
        list_query,
        form,
    })
}

/// GET /customers/bulk-message?<the list's filters>
#[tracing::instrument(skip_all, fields(user_id = user.id))]
pub async fn form(
    State(state): State<AppState>,
    user: Staff,
    Query(list): Query<ListParams>,
) -> Result<BulkView> {
    let form = BulkForm {
        list,
        channel: "email".into(),
        audience: "main".into(),
        ..Default::default()
    };
    view(&state, &user, form).await
}

fn check(channel: Option<Channel>, form: &BulkForm, recipients: usize) -> FieldErrors {
    let mut errors = FieldErrors::default();
    if channel.is_none() {
        errors.add("channel", Msg::new("field-required"));
    }
    if !matches!(form.audience.as_str(), "main" | "all") {
        errors.add("audience", Msg::new("field-required"));
    }
    if recipients == 0 {
        errors.add("audience", Msg::new("dialog-bulk-no-recipients"));
    } else if recipients > MAX_RECIPIENTS {
        errors.add(
            "audience",
            Msg::new("dialog-bulk-too-many").arg("max", MAX_RECIPIENTS),
        );
    }
    if let Some(channel) = channel {
        super::check::check(channel, &form.subject, &form.body, &mut errors);
    }
    errors
}

#[derive(sqlx::FromRow)]
struct SenderInfo {
    name: String,
    email: String,
    signature: String,
}

/// POST /customers/bulk-message
#[tracing::instrument(skip_all, fields(user_id = user.id))]
pub async fn submit(
    State(state): State<AppState>,
    user: Staff,
    Form(mut form): Form<BulkForm>,
) -> Result<Response> {
    let channel = Channel::parse(&form.channel);
    if form.action == "template" {
        if let (Some(ch), Ok(tid)) = (channel, form.template.trim().parse::<i64>())
            && let Some(t) = templates::get(&state.db, &user, tid)
                .await?
                .filter(|t| t.channel == ch.as_str())
        {
            form.subject = t.subject;
            form.body = t.body;
        }
        return Ok(view(&state, &user, form).await?.into_response());
    }
    let resolved = resolve(&state, &user, &form, channel.unwrap_or(Channel::Email)).await?;
    let mut page = view(&state, &user, form.clone()).await?;
    let errors = check(channel, &form, resolved.targets.len());
    if !errors.is_empty() {
        page.errors = errors;
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response());
    }
    let channel = channel.expect("checked");
    let sender: SenderInfo =
        sqlx::query_as("SELECT name, email, signature FROM users WHERE id = $1")
            .bind(user.id)
            .fetch_one(&state.db.pool)
            .await?;
    let merged = |t: &Reachable| {
        let data = MergeData {
            first_name: t.first_name.clone(),
            last_name: t.last_name.clone(),
            customer_name: resolved
                .names
                .get(&t.customer_id)
                .cloned()
                .unwrap_or_default(),
            sender_name: sender.name.clone(),
            sender_email: sender.email.clone(),
            sender_signature: sender.signature.clone(),
        };
        (
            merge::apply(form.subject.trim(), &data),
            merge::apply(&form.body, &data),
        )
    };
    if form.action != "send" {
        let first = &resolved.targets[0];
        let (subject, body) = merged(first);
        page.preview = Some((
            format!(
                "{} {} <{}>",
                first.first_name, first.last_name, first.address
            ),
            subject,
            body,
        ));
        return Ok(page.into_response());
    }
    let origin = Origin {
        template_id: form.template.trim().parse().ok(),
        bulk_id: Some(outbox::new_uid()),
    };
    let messages = resolved
        .targets
        .iter()
        .map(|t| {
            let (subject, body) = merged(t);
            BulkMessage {
                customer_id: t.customer_id,
                to: Recipient {
                    name: format!("{} {}", t.first_name, t.last_name),
                    email: t.address.clone(),
                    contact_id: Some(t.id),
                },
                subject: if channel == Channel::Email {
                    subject
                } else {
                    String::new()
                },
                body,
            }
        })
        .collect();
    let mut tx = state.db.begin().await?;
    outbox::queue_bulk(&mut tx, channel, Some(user.id), messages, &origin).await?;
    tx.commit().await?;
    state.jobs.wake();
    Ok(Redirect::to(&format!(
        "/dialog?sent={}&via={}&bulk={}",
        resolved.targets.len(),
        channel.as_str(),
        origin.bulk_id.unwrap_or_default()
    ))
    .into_response())
}
