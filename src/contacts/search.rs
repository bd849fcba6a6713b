//! The global contact search across every customer the user may see; before anything is typed,
//! the contacts of the user's own customers. Both are paged by the last row of the page before
//! (keyset paging, decisions 0067 and 0074), a hundred a page.

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
    /// The page's number (1 for the first; the "next" link counts on).
    page: i64,
    /// More matches follow this page.
    has_next: bool,
}

/// How many rows a page shows: of a search's matches, and of the user's own customers'
/// contacts before anything is typed.
const PAGE_SIZE: i64 = 100;

impl SearchView {
    /// Above the own customers' contacts: how many when they fit on one page; otherwise what
    /// they are (the pages are read on, not counted).
    fn own_text(&self) -> String {
        if self.page == 1 && !self.has_next {
            self.lang
                .t_count("contacts-own-shown", self.results.len() as i64)
        } else {
            self.lang.t("contacts-own-paged")
        }
    }
    fn mobile(&self, m: &Option<String>) -> String {
        m.as_deref().map(format_mobile).unwrap_or_default()
    }
    fn search_href(&self, after: Option<i64>, page: i64) -> String {
        let mut out = url::form_urlencoded::Serializer::new(String::new());
        out.append_pair("q", &self.q);
        if let Some(after) = after {
            out.append_pair("page", &page.to_string());
            out.append_pair("after", &after.to_string());
        }
        format!("/contacts?{}", out.finish())
    }
    /// The next page: read on after this page's last contact (keyset paging, as cheap however
    /// deep); the number only counts pages for the reader.
    fn next_href(&self) -> String {
        self.search_href(self.results.last().map(|r| r.id), self.page + 1)
    }
    fn first_href(&self) -> String {
        self.search_href(None, 1)
    }
    fn position_text(&self) -> String {
        self.lang.t_with(
            "pager-position-open",
            &[("page", crate::i18n::group_thousands(self.page))],
        )
    }
}

#[derive(Deserialize, Default)]
pub struct SearchParams {
    #[serde(default)]
    q: String,
    /// The last contact of the page before (the "next" link carries it).
    #[serde(default)]
    after: String,
    /// The page's number, for the reader (the rows come from `after`).
    #[serde(default)]
    page: String,
}

/// GET /contacts?q=…
#[tracing::instrument(skip_all, fields(user_id = user.id))]
pub async fn page(
    State(state): State<AppState>,
    user: Staff,
    Query(p): Query<SearchParams>,
) -> Result<SearchView> {
    let q: String = p.q.trim().chars().take(200).collect();
    // A link's `after` that is no contact id starts the search over, as one out of sight does.
    let after = p.after.trim().parse::<i64>().ok().filter(|&id| id > 0);
    // A row past the page says whether another follows.
    let mut results = if q.is_empty() {
        store::of_own_customers(&state.db, user.id, PAGE_SIZE + 1, after).await?
    } else {
        let visibility = Visibility::of(&user, state.config.consultant_scope);
        store::search_all_after(&state.db, visibility, &q, PAGE_SIZE + 1, after).await?
    };
    let has_next = results.len() as i64 > PAGE_SIZE;
    results.truncate(PAGE_SIZE as usize);
    let page = if after.is_some() {
        p.page
            .trim()
            .parse::<i64>()
            .ok()
            .filter(|&n| n > 1)
            .unwrap_or(2)
    } else {
        1
    };
    Ok(SearchView {
        lang: user.lang,
        chrome: Chrome::new(&user, "contacts"),
        q,
        results,
        page,
        has_next,
    })
}
