//! The card's timeline (issue 16; decision 0045): activities, emails and SMS both ways,
//! documents added, signing events, portal log-ins, master data changes, invoice events, and
//! assignments, vacancies and recruitments — newest first, filterable by kind, a page at a time.
//! A box on the overview (`templates/customers/_timeline.html`) and, without JavaScript, its own
//! page `GET /customers/{id}/timeline` (`?kind=…&before=<cursor>`); htmx asks the same route for
//! the list (filter changed) or the next items (the "more" row scrolled into view).
//!
//! Access: the route loads the card as every tab does (404 for a customer out of the user's
//! sight); each event then follows its own page's rule, which for everything here is the
//! customer's (decisions 0003, 0005, 0024): activities on a customer are visible to whoever sees
//! the customer, documents in the bin are left out (only admins see the bin), and invoices and
//! payments are seen by whoever sees the customer's invoices tab. The portal has no timeline.

pub mod store;

use std::collections::HashMap;

use askama::Template;
use askama_web::WebTemplate;
use axum::{
    extract::{Path, State},
    http::HeaderMap,
    response::{IntoResponse, Response},
};
use serde::Deserialize;

pub use store::{Cursor, KINDS, PORTAL_LOGIN_ENTITY};

use super::{card::CardHead, overview::invoice_figures};
use crate::{
    AppError, AppState, Result,
    auth::Staff,
    contacts::lookup,
    db::{Db, Sql},
    error::Msg,
    i18n::Lang,
    timefmt,
    web::{self, Chrome, errors::url_encode},
};

/// Events per page.
pub const PAGE_SIZE: i64 = 25;

/// A kind's name in the filter.
pub fn kind_label(lang: &Lang, kind: &str) -> String {
    lang.t(&format!("timeline-kind-{kind}"))
}

/// One line of the timeline as shown.
#[derive(Clone, Debug)]
pub struct Item {
    pub kind: &'static str,
    /// What happened: "E-post sendt", "Faktura utstedt", the activity's type, …
    pub what: String,
    /// What it is about: a subject, a title, a name.
    pub title: Option<String>,
    /// A second line: the other party, the signer, …
    pub detail: Option<String>,
    pub who: Option<String>,
    pub when: String,
    /// Its own page.
    pub link: Option<String>,
    /// Its place in the order: (time, kind, id) — the cursor of a page ending here.
    pub at: i64,
    pub id: i64,
}

/// The timeline as the box and the page show it.
pub struct Timeline {
    pub customer_id: i64,
    pub items: Vec<Item>,
    /// The kinds chosen (empty: all).
    pub kinds: Vec<&'static str>,
    /// Where the next page is, when there is one.
    pub more: Option<String>,
}

impl Timeline {
    /// Whether the filter has `kind` ticked: ticking narrows to the ticked kinds, none is all.
    pub fn checked(&self, kind: &str) -> bool {
        self.kinds.contains(&kind)
    }

    /// The route with the chosen kinds and `extra` parameters.
    fn href(customer_id: i64, kinds: &[&'static str], extra: &str) -> String {
        let mut params: Vec<String> = kinds.iter().map(|k| format!("kind={k}")).collect();
        if !extra.is_empty() {
            params.push(extra.to_string());
        }
        let mut href = format!("/customers/{customer_id}/timeline");
        if !params.is_empty() {
            href.push('?');
            href.push_str(&params.join("&"));
        }
        href
    }

    pub fn action(&self) -> String {
        format!("/customers/{}/timeline", self.customer_id)
    }

    /// Loads one page for the card the caller has already loaded for the user.
    pub async fn load(
        db: &Db,
        lang: Lang,
        customer_id: i64,
        kinds: Vec<&'static str>,
        cursor: Option<&Cursor>,
    ) -> Result<Self> {
        let page = store::page(db, customer_id, &kinds, cursor, PAGE_SIZE).await?;
        let items = describe(db, lang, customer_id, page.rows).await?;
        let more = page.next.map(|c| {
            Self::href(
                customer_id,
                &kinds,
                &format!("before={}", url_encode(&c.encode())),
            )
        });
        Ok(Timeline {
            customer_id,
            items,
            kinds,
            more,
        })
    }
}

/// Names and titles by id, read once per page for the rows that need them.
async fn titles(
    db: &Db,
    table: &str,
    customer_id: i64,
    ids: &[i64],
) -> Result<HashMap<i64, String>> {
    if ids.is_empty() {
        return Ok(HashMap::new());
    }
    let mut sql = Sql::new(&format!(
        "SELECT id, title FROM {table} WHERE customer_id = "
    ));
    sql.bind(customer_id).push(" AND id IN (");
    sql.bind_list(ids.iter().copied()).push(")");
    let rows: Vec<(i64, String)> = sql.query_as().fetch_all(&db.pool).await?;
    Ok(rows.into_iter().collect())
}

fn ids_of(rows: &[store::Row], pred: impl Fn(&store::Row) -> bool) -> Vec<i64> {
    let mut ids: Vec<i64> = rows
        .iter()
        .filter(|r| pred(r))
        .filter_map(|r| r.ref_id)
        .collect();
    ids.sort_unstable();
    ids.dedup();
    ids
}

/// The rows as lines in the user's language, with their links.
async fn describe(
    db: &Db,
    lang: Lang,
    customer_id: i64,
    rows: Vec<store::Row>,
) -> Result<Vec<Item>> {
    let entity = |r: &store::Row, e: &str| r.c.as_deref() == Some(e);
    let contact_ids = ids_of(&rows, |r| {
        r.kind == "portal" || (r.kind == "master" && entity(r, "contact"))
    });
    let contacts: HashMap<i64, String> = lookup::names_of(db, &contact_ids)
        .await?
        .into_iter()
        .collect();
    let invoices =
        invoice_figures::subjects(db, &ids_of(&rows, |r| r.kind == "invoice"), lang).await?;
    let assignments = titles(
        db,
        "assignments",
        customer_id,
        &ids_of(&rows, |r| r.kind == "assignment"),
    )
    .await?;
    let vacancies = titles(
        db,
        "vacancies",
        customer_id,
        &ids_of(&rows, |r| r.kind == "vacancy"),
    )
    .await?;
    let recruitments = titles(
        db,
        "recruitments",
        customer_id,
        &ids_of(&rows, |r| r.kind == "recruitment"),
    )
    .await?;
    let card = format!("/customers/{customer_id}");
    Ok(rows
        .into_iter()
        .map(|r| {
            let subject =
                |map: &HashMap<i64, String>| r.ref_id.and_then(|id| map.get(&id).cloned());
            let history = || lang.t(&format!("history-{}", r.b.as_deref().unwrap_or("")));
            let (what, title, detail, link) = match r.kind {
                "activity" => {
                    let what = crate::diary::types::label(lang, r.b.as_deref(), r.c.as_deref());
                    let title = r.a.clone().map(|t| {
                        if r.ref_id == Some(1) {
                            format!("{t} ✓")
                        } else {
                            t
                        }
                    });
                    (
                        what,
                        title,
                        None,
                        Some(format!("/diary/activities/{}", r.id)),
                    )
                }
                "email" | "sms" => {
                    // `direction-status`: received, or sent, waiting in the outbox, failed.
                    let state = match r.b.as_deref().unwrap_or("") {
                        b if b.starts_with("in-") => "in",
                        "out-queued" => "queued",
                        "out-failed" => "failed",
                        _ => "out",
                    };
                    let what = lang.t(&format!("timeline-{}-{state}", r.kind));
                    let title =
                        r.a.clone()
                            .filter(|s| !s.trim().is_empty())
                            .or_else(|| Some(lang.t("timeline-no-subject")));
                    (
                        what,
                        title,
                        r.c.clone().filter(|s| !s.is_empty()),
                        Some(format!("/dialog/messages/{}", r.id)),
                    )
                }
                "document" => (
                    lang.t("timeline-document-added"),
                    r.a.clone(),
                    None,
                    Some(format!("{card}/documents/{}", r.id)),
                ),
                "signing" => {
                    let event = lang.t(&format!(
                        "signing-event-{}",
                        r.b.as_deref().unwrap_or("").replace('_', "-")
                    ));
                    let detail = match &r.c {
                        Some(signer) => format!("{event} · {signer}"),
                        None => event,
                    };
                    (
                        lang.t("timeline-signing"),
                        r.a.clone(),
                        Some(detail),
                        r.ref_id.map(|o| format!("{card}/signing/{o}")),
                    )
                }
                "portal" => (
                    lang.t("timeline-portal-login"),
                    subject(&contacts),
                    None,
                    r.ref_id.map(|c| format!("{card}/contacts/{c}")),
                ),
                "master" => match r.c.as_deref() {
                    Some("contact") => (
                        history(),
                        subject(&contacts),
                        None,
                        r.ref_id.map(|c| format!("{card}/contacts/{c}")),
                    ),
                    // The customer's own fields: the history box says what changed, field by
                    // field.
                    Some("customer") => {
                        let what = match r.b.as_deref() {
                            Some(a @ ("create" | "update")) => {
                                lang.t(&format!("timeline-customer-{a}"))
                            }
                            _ => history(),
                        };
                        (what, None, None, Some(format!("{card}#box-history")))
                    }
                    // The fixed comments, shown on every tab.
                    _ => (history(), None, None, Some(format!("{card}#box-comments"))),
                },
                "invoice" => (
                    invoice_figures::action_label(r.b.as_deref().unwrap_or(""), lang),
                    subject(&invoices),
                    None,
                    r.ref_id.map(|i| format!("/invoices/{i}")),
                ),
                "assignment" => (
                    history(),
                    subject(&assignments),
                    None,
                    r.ref_id.map(|a| format!("{card}/assignments/{a}")),
                ),
                "vacancy" => (
                    history(),
                    subject(&vacancies),
                    None,
                    r.ref_id.map(|v| format!("{card}/vacancies/{v}")),
                ),
                "recruitment" => (
                    history(),
                    subject(&recruitments),
                    None,
                    r.ref_id.map(|v| format!("{card}/recruitments/{v}")),
                ),
                _ => (String::new(), None, None, None),
            };
            Item {
                kind: r.kind,
                what,
                title,
                detail,
                who: r.who.clone(),
                when: timefmt::oslo_datetime(r.at),
                link,
                at: r.at,
                id: r.id,
            }
        })
        .collect())
}

#[derive(Deserialize, Default)]
pub struct Params {
    #[serde(default)]
    kind: Vec<String>,
    before: Option<String>,
}

impl Params {
    /// The known kinds asked for, in their order (unknown ones are ignored; none is all).
    fn kinds(&self) -> Vec<&'static str> {
        KINDS
            .iter()
            .copied()
            .filter(|k| self.kind.iter().any(|x| x == k))
            .collect()
    }
    fn cursor(&self) -> Result<Option<Cursor>> {
        match self.before.as_deref().map(str::trim) {
            None | Some("") => Ok(None),
            Some(text) => Cursor::parse(text)
                .map(Some)
                .ok_or_else(|| AppError::BadRequest(Msg::new("timeline-bad-cursor"))),
        }
    }
}

/// The next items and the next "more" row: what htmx puts in place of the "more" row.
#[derive(Template, WebTemplate)]
#[template(path = "customers/_timeline_items.html")]
pub struct ItemsView {
    pub lang: Lang,
    pub timeline: Timeline,
}

/// The list alone: what htmx puts in place of the list when the filter changes.
#[derive(Template, WebTemplate)]
#[template(path = "customers/_timeline_list.html")]
pub struct ListView {
    pub lang: Lang,
    pub timeline: Timeline,
}

/// The timeline as its own page, for browsers without JavaScript.
#[derive(Template, WebTemplate)]
#[template(path = "customers/timeline.html")]
pub struct PageView {
    pub lang: Lang,
    pub chrome: Chrome,
    pub card: CardHead,
    pub timeline: Timeline,
}

/// GET /customers/{id}/timeline
#[tracing::instrument(skip_all, fields(customer_id = id, user_id = user.id))]
pub async fn show(
    State(state): State<AppState>,
    user: Staff,
    Path(id): Path<i64>,
    headers: HeaderMap,
    axum_extra::extract::Query(params): axum_extra::extract::Query<Params>,
) -> Result<Response> {
    let card = CardHead::load(&state, &user, id, "overview").await?;
    let cursor = params.cursor()?;
    let timeline =
        Timeline::load(&state.db, user.lang, id, params.kinds(), cursor.as_ref()).await?;
    let lang = user.lang;
    Ok(match (web::is_htmx(&headers), cursor.is_some()) {
        (true, true) => ItemsView { lang, timeline }.into_response(),
        (true, false) => ListView { lang, timeline }.into_response(),
        (false, _) => PageView {
            lang,
            chrome: Chrome::new(&user, "customers"),
            card,
            timeline,
        }
        .into_response(),
    })
}
