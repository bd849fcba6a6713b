//! Linking a new activity made in one's own diary (the calendar's "new activity") to a
//! customer: a search as you type over the customers the user may see (the customer list's own
//! ranked search, a handful of rows), then that customer's active contacts to tick. Both are
//! htmx fragments of the form; the form is posted with `customer_id`, and the activity is made
//! on that customer only if the user may add activities to its card (checked again then).

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Query, State};
use serde::Deserialize;

use crate::{
    AppState, Result,
    auth::Staff,
    contacts::lookup::{self, Which},
    customers::{
        access::Visibility,
        card::CardHead,
        list::{ListParams, fetch_rows},
    },
    i18n::Lang,
};

/// Customers offered for one search.
const OPTIONS: i64 = 8;

/// The customer choices under the search field (radio buttons; "no customer" first).
#[derive(Template, WebTemplate)]
#[template(path = "diary/_customer_options.html")]
pub struct CustomerOptions {
    pub lang: Lang,
    /// `(id, name, place)`.
    pub options: Vec<(i64, String, String)>,
    pub chosen: Option<i64>,
    /// Something was searched for (so "no match" can be said).
    pub searched: bool,
}

/// The chosen customer's contacts to tick.
#[derive(Template, WebTemplate)]
#[template(path = "diary/_contacts.html")]
pub struct ContactChoices {
    pub lang: Lang,
    pub contacts: Vec<(i64, String)>,
    pub ticked: Vec<String>,
    /// A customer is chosen (else nothing is shown).
    pub customer: bool,
}

impl CustomerOptions {
    fn is_chosen(&self, id: &i64) -> bool {
        self.chosen == Some(*id)
    }
}

impl ContactChoices {
    fn has_contact(&self, id: &i64) -> bool {
        self.ticked.contains(&id.to_string())
    }
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct SearchParams {
    pub customer_query: String,
    pub customer_id: String,
}

/// The customer `raw` names if the user may add activities to its card.
pub async fn editable(state: &AppState, user: &Staff, raw: &str) -> Option<CardHead> {
    let id: i64 = raw.trim().parse().ok()?;
    let card = CardHead::load(state, user, id, "diary").await.ok()?;
    card.can_edit.then_some(card)
}

/// The choices for `query`, with `chosen` kept among them (a form shown again).
pub async fn options(
    state: &AppState,
    user: &Staff,
    query: &str,
    chosen: Option<&CardHead>,
) -> Result<CustomerOptions> {
    let query = query.trim();
    let mut options: Vec<(i64, String, String)> = Vec::new();
    if let Some(card) = chosen {
        options.push((card.customer.id, card.customer.name.clone(), String::new()));
    }
    if !query.is_empty() {
        let params = ListParams {
            q: Some(query.to_string()),
            ..Default::default()
        };
        if let Ok(mut q) = params.parse() {
            q.limit = OPTIONS;
            let visibility = Visibility::of(user, state.config.consultant_scope);
            let rows = fetch_rows(&state.db, user, visibility, &q, Some((OPTIONS, 0))).await?;
            for r in rows {
                if !options.iter().any(|(id, ..)| *id == r.id) {
                    let place = r.city().to_string();
                    options.push((r.id, r.name, place));
                }
            }
        }
    }
    Ok(CustomerOptions {
        lang: user.lang,
        options,
        chosen: chosen.map(|c| c.customer.id),
        searched: !query.is_empty(),
    })
}

/// The contacts of the chosen customer, `ticked` kept.
pub async fn contacts(
    state: &AppState,
    user: &Staff,
    chosen: Option<&CardHead>,
    ticked: Vec<String>,
) -> Result<ContactChoices> {
    Ok(ContactChoices {
        lang: user.lang,
        contacts: match chosen {
            Some(card) => lookup::names(&state.db, card.customer.id, Which::Active).await?,
            None => Vec::new(),
        },
        ticked,
        customer: chosen.is_some(),
    })
}

/// GET /diary/customer-options?customer_query=
#[tracing::instrument(skip_all, fields(user_id = user.id))]
pub async fn search(
    State(state): State<AppState>,
    user: Staff,
    Query(p): Query<SearchParams>,
) -> Result<CustomerOptions> {
    options(&state, &user, &p.customer_query, None).await
}

/// GET /diary/customer-contacts?customer_id=
#[tracing::instrument(skip_all, fields(user_id = user.id))]
pub async fn contact_choices(
    State(state): State<AppState>,
    user: Staff,
    Query(p): Query<SearchParams>,
) -> Result<ContactChoices> {
    let chosen = editable(&state, &user, &p.customer_id).await;
    contacts(&state, &user, chosen.as_ref(), Vec::new()).await
}
