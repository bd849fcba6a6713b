//! Reading pages: the card's dialog tab, the firm-wide view, and one message.

use askama::Template;
use askama_web::WebTemplate;
use axum::{
    extract::{Path, Query, State},
    http::StatusCode,
    response::{IntoResponse, Response},
};
use serde::Deserialize;

use super::{
    model::Channel,
    outbox,
    query::{self, AttachmentRow, Event, FilterParams, Message, Page},
};
use crate::{
    AppError, AppState, Result,
    auth::Staff,
    contacts::lookup::{self, Which},
    customers::{access::Visibility, card::CardHead},
    error::FieldErrors,
    i18n::Lang,
    timefmt,
    web::Chrome,
};

/// What every dialog list page shows about the channels' set-up.
pub struct ChannelState {
    pub email: bool,
    pub sms: bool,
}

impl ChannelState {
    pub fn of(state: &AppState) -> Self {
        Self {
            email: outbox::email_configured(&state.config),
            sms: outbox::sms_configured(&state.config),
        }
    }

    /// The notice after queueing: "goes out right away" only when the channel the messages were
    /// queued on (`via`, or both when unknown) can send; otherwise they wait in the outbox.
    pub fn queued_key(&self, via: Option<&str>) -> &'static str {
        let can_send = match via.and_then(Channel::parse) {
            Some(Channel::Email) => self.email,
            Some(Channel::Sms) => self.sms,
            None => self.email && self.sms,
        };
        if can_send {
            "dialog-queued"
        } else {
            "dialog-queued-waiting"
        }
    }
}

/// The list, its filters and paging; shared by the tab and the firm-wide view.
pub struct ListView {
    pub page: Page,
    pub params: FilterParams,
    pub errors: Vec<String>,
    pub contacts: Vec<(i64, String)>,
    pub staff: Vec<(i64, String)>,
    pub page_no: i64,
    /// The list's own address, for filters and paging.
    pub base: String,
    pub firm_wide: bool,
}

impl ListView {
    pub fn val<'a>(&self, v: &'a Option<String>) -> &'a str {
        v.as_deref().unwrap_or("")
    }
    pub fn sel(&self, v: &Option<String>, option: &str) -> bool {
        v.as_deref() == Some(option)
    }
    pub fn sel_id(&self, v: &Option<String>, id: &i64) -> bool {
        v.as_deref() == Some(id.to_string().as_str())
    }
    pub fn when(&self, ts: &i64) -> String {
        timefmt::oslo_datetime(*ts)
    }
    /// The query string for another page, keeping the filters.
    pub fn page_href(&self, page: i64) -> String {
        self.href(page, None)
    }
    /// The next (older) page: read on from this page's last message (keyset paging), its
    /// number kept for the pager's text and as the fallback.
    pub fn next_href(&self) -> String {
        self.href(self.page_no + 1, self.page.next_after)
    }
    fn href(&self, page: i64, after: Option<i64>) -> String {
        let mut params = self.params.clone();
        params.page = Some(page.to_string());
        params.after = after.map(|id| id.to_string());
        let query = serde_urlencoded::to_string(SerParams::from(&params)).unwrap_or_default();
        format!("{}?{query}", self.base)
    }
}

/// FilterParams as they go back into a link (empty ones left out).
#[derive(serde::Serialize)]
struct SerParams<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    channel: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    direction: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    contact: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    consultant: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    status: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    from: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    to: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    q: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    page: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    after: Option<&'a str>,
}

impl<'a> From<&'a FilterParams> for SerParams<'a> {
    fn from(p: &'a FilterParams) -> Self {
        let f = |v: &'a Option<String>| v.as_deref().filter(|s| !s.trim().is_empty());
        Self {
            channel: f(&p.channel),
            direction: f(&p.direction),
            contact: f(&p.contact),
            consultant: f(&p.consultant),
            status: f(&p.status),
            from: f(&p.from),
            to: f(&p.to),
            q: f(&p.q),
            page: f(&p.page),
            after: f(&p.after),
        }
    }
}

fn messages_of(errors: FieldErrors, lang: Lang) -> Vec<String> {
    errors
        .0
        .iter()
        .flat_map(|(field, msgs)| {
            msgs.iter().map(move |m| {
                format!(
                    "{}: {}",
                    lang.t(&format!("dialog-field-{field}")),
                    m.render(lang)
                )
            })
        })
        .collect()
}

#[derive(Template, WebTemplate)]
#[template(path = "dialog/tab.html")]
pub struct TabView {
    lang: Lang,
    chrome: Chrome,
    card: CardHead,
    list: ListView,
    channels: ChannelState,
    sent: Option<i64>,
    via: Option<String>,
}

#[derive(Deserialize, Default)]
pub struct Sent {
    sent: Option<i64>,
    /// The channel the messages were queued on.
    via: Option<String>,
}

/// The staff who have messages on the customer (or everyone, firm-wide), for the filter.
async fn staff_who_sent(state: &AppState, customer_id: Option<i64>) -> Result<Vec<(i64, String)>> {
    Ok(match customer_id {
        // One index probe per user (`messages_customer_user`), not a pass over the messages.
        Some(id) => {
            sqlx::query_as(
                "SELECT u.id, u.name FROM users u WHERE EXISTS \
                 (SELECT 1 FROM messages m WHERE m.customer_id = $1 AND m.user_id = u.id) \
                 ORDER BY u.name",
            )
            .bind(id)
            .fetch_all(&state.db.pool)
            .await?
        }
        None => {
            sqlx::query_as("SELECT id, name FROM users ORDER BY name")
                .fetch_all(&state.db.pool)
                .await?
        }
    })
}

/// GET /customers/{id}/dialog
#[tracing::instrument(skip_all, fields(customer_id = id, user_id = user.id))]
pub async fn tab(
    State(state): State<AppState>,
    user: Staff,
    Path(id): Path<i64>,
    Query(params): Query<FilterParams>,
    Query(sent): Query<Sent>,
) -> Result<Response> {
    let card = CardHead::load(&state, &user, id, "dialog").await?;
    let (filter, errors) = match params.parse() {
        Ok(f) => (f, Vec::new()),
        Err(e) => (Default::default(), messages_of(e, user.lang)),
    };
    let page = query::for_customer(&state.db, id, &filter).await?;
    let contacts = lookup::names(&state.db, id, Which::All).await?;
    let status = if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    let view = TabView {
        lang: user.lang,
        chrome: Chrome::new(&user, "customers"),
        list: ListView {
            page,
            params,
            errors,
            contacts,
            staff: staff_who_sent(&state, Some(id)).await?,
            page_no: filter.page.max(1),
            base: format!("/customers/{id}/dialog"),
            firm_wide: false,
        },
        card,
        channels: ChannelState::of(&state),
        sent: sent.sent,
        via: sent.via,
    };
    Ok((status, view).into_response())
}

#[derive(Template, WebTemplate)]
#[template(path = "dialog/firm.html")]
pub struct FirmView {
    lang: Lang,
    chrome: Chrome,
    list: ListView,
    channels: ChannelState,
    whole_firm: bool,
    sent: Option<i64>,
    via: Option<String>,
}

/// GET /dialog — every message the user may see, with the same filters as the tab.
#[tracing::instrument(skip_all, fields(user_id = user.id))]
pub async fn firm(
    State(state): State<AppState>,
    user: Staff,
    Query(params): Query<FilterParams>,
    Query(sent): Query<Sent>,
) -> Result<Response> {
    let visibility = Visibility::of(&user, state.config.consultant_scope);
    let (filter, errors) = match params.parse() {
        Ok(f) => (f, Vec::new()),
        Err(e) => (Default::default(), messages_of(e, user.lang)),
    };
    let page = query::firm_wide(&state.db, visibility, &filter).await?;
    let status = if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    let view = FirmView {
        lang: user.lang,
        chrome: Chrome::new(&user, "dialog"),
        list: ListView {
            page,
            params,
            errors,
            contacts: Vec::new(),
            staff: staff_who_sent(&state, None).await?,
            page_no: filter.page.max(1),
            base: "/dialog".into(),
            firm_wide: true,
        },
        channels: ChannelState::of(&state),
        whole_firm: visibility.sees_whole_firm(),
        sent: sent.sent,
        via: sent.via,
    };
    Ok((status, view).into_response())
}

#[derive(Template, WebTemplate)]
#[template(path = "dialog/message.html")]
pub struct MessageView {
    lang: Lang,
    chrome: Chrome,
    card: Option<CardHead>,
    message: Message,
    events: Vec<Event>,
    attachments: Vec<AttachmentRow>,
}

impl MessageView {
    fn when(&self, ts: &i64) -> String {
        timefmt::oslo_datetime(*ts)
    }
    fn size(&self, bytes: &i64) -> String {
        crate::web::format_size(*bytes)
    }
}

/// GET /dialog/messages/{mid}
#[tracing::instrument(skip_all, fields(message_id = mid, user_id = user.id))]
pub async fn message(
    State(state): State<AppState>,
    user: Staff,
    Path(mid): Path<i64>,
) -> Result<MessageView> {
    let message = query::message(&state.db, mid)
        .await?
        .ok_or(AppError::NotFound)?;
    let card = match message.customer_id {
        Some(cid) => Some(CardHead::load(&state, &user, cid, "dialog").await?),
        // A worker's own message (an invitation): every staff member sees the workers.
        None if message.worker_id.is_some() => None,
        None => {
            // An SMS from a number no contact has: only those who see the whole firm see it.
            if !Visibility::of(&user, state.config.consultant_scope).sees_whole_firm() {
                return Err(AppError::NotFound);
            }
            None
        }
    };
    Ok(MessageView {
        lang: user.lang,
        chrome: Chrome::new(&user, "customers"),
        card,
        events: query::events(&state.db, mid).await?,
        attachments: query::attachments(&state.db, mid).await?,
        message,
    })
}

#[cfg(test)]
mod tests {
    use crate::{
        dialog::model::{Channel, Direction, Status},
        i18n::Lang,
    };

    /// Keys built at run time (`dialog-status-{status}` …) exist in both languages.
    #[test]
    fn keys_built_from_values_are_translated() {
        let mut keys: Vec<String> = Vec::new();
        keys.extend(Status::ALL.map(|s| format!("dialog-status-{}", s.as_str())));
        keys.extend(Channel::ALL.map(|c| format!("dialog-channel-{}", c.as_str())));
        keys.extend(Direction::ALL.map(|d| format!("dialog-direction-{}", d.as_str())));
        for event in [
            "queued",
            "sent",
            "retrying",
            "delivered",
            "failed",
            "received",
        ] {
            keys.push(format!("dialog-event-{event}"));
        }
        for field in [
            "channel",
            "direction",
            "contact",
            "consultant",
            "status",
            "from",
            "to",
            "q",
            "page",
        ] {
            keys.push(format!("dialog-field-{field}"));
        }
        for lang in [Lang::Nb, Lang::En] {
            for key in &keys {
                assert_ne!(lang.t(key), *key, "{key} is not translated");
            }
        }
    }
}
