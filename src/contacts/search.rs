//! The global contact search across every customer the user may see; before anything is typed,
//! the contacts of the user's own customers.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Query, State};
use serde::Deserialize;

use super::store;
use crate::{
    AppState, Result, auth::Staff, customers::access::Visibility, i18n::Lang,
    norway::mobile::format_mobile, web::Chrome,
};

#[derive(Template, WebTemplate)]
#[template(path = "contacts/search.html")]
pub struct SearchView {
    lang: Lang,
    chrome: Chrome,
    q: String,
    results: Vec<store::Found>,
}

/// How many of the user's own customers' contacts the page shows before anything is typed.
const OWN_LIMIT: i64 = 100;

impl SearchView {
    /// Above the own customers' contacts: how many, and whether the list stops at the limit.
    fn own_text(&self) -> String {
        let n = self.results.len() as i64;
        let key = if n >= OWN_LIMIT {
            "contacts-own-first"
        } else {
            "contacts-own-shown"
        };
        self.lang.t_count(key, n)
    }
    fn mobile(&self, m: &Option<String>) -> String {
        m.as_deref().map(format_mobile).unwrap_or_default()
    }
}

#[derive(Deserialize, Default)]
pub struct SearchParams {
    #[serde(default)]
    q: String,
}

/// GET /contacts?q=…
#[tracing::instrument(skip_all, fields(user_id = user.id))]
pub async fn page(
    State(state): State<AppState>,
    user: Staff,
    Query(p): Query<SearchParams>,
) -> Result<SearchView> {
    let q: String = p.q.trim().chars().take(200).collect();
    let results = if q.is_empty() {
        store::of_own_customers(&state.db, user.id, OWN_LIMIT).await?
    } else {
        let visibility = Visibility::of(&user, state.config.consultant_scope);
        store::search_all(&state.db, visibility, &q, 100).await?
    };
    Ok(SearchView {
        lang: user.lang,
        chrome: Chrome::new(&user, "contacts"),
        q,
        results,
    })
}
