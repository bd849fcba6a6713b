//! The global contact search across every customer the user may see.

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

impl SearchView {
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
        Vec::new()
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
