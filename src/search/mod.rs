//! One search box for everything (issue 17, decision 0051): the box in every staff page's top
//! bar, its results as you type (`/search/suggest`, an htmx fragment), the full results page
//! (`/search`, where Enter goes; a whole number naming exactly one record goes straight to it),
//! and the same search in the API (`/api/v1/search`). What each kind finds and who may see it is
//! in [`groups`].

pub mod groups;

use askama::Template;
use askama_web::WebTemplate;
use axum::{
    Json, Router,
    extract::{Query, State},
    response::{IntoResponse, Redirect, Response},
    routing::get,
};
use serde::Deserialize;

use crate::{
    AppError, AppState, Result,
    auth::Staff,
    customers::access::Visibility,
    error::{FieldErrors, Msg},
    i18n::Lang,
    web::Chrome,
};
use groups::Found;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/search", get(page))
        .route("/search/suggest", get(suggest))
}

pub fn api_router() -> Router<AppState> {
    Router::new().route("/api/v1/search", get(api_search))
}

/// The longest search taken (the rest is cut off, as the customer list does).
const MAX_CHARS: usize = 200;
/// Hits per kind as you type, and on the results page.
const SUGGEST_LIMIT: i64 = 5;
const PAGE_LIMIT: i64 = 10;

#[derive(Debug, Default, Deserialize, utoipa::IntoParams)]
#[serde(default)]
#[into_params(parameter_in = Query)]
pub struct SearchParams {
    /// What to look for: a name (customers, contacts, workers — every word of three or more
    /// characters as a substring, shorter ones as a name's start), words of a vacancy's or a
    /// document's title, or a whole number (an organisation, customer or invoice number or a
    /// KID). At least two characters, or a number.
    q: String,
    /// Hits per kind, 1–20 (API only; 5 when not given).
    #[param(value_type = Option<i64>, minimum = 1, maximum = 20)]
    limit: String,
}

impl SearchParams {
    fn q(&self) -> String {
        self.q.trim().chars().take(MAX_CHARS).collect()
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "search/page.html")]
pub struct PageView {
    lang: Lang,
    chrome: Chrome,
    q: String,
    found: Found,
}

#[derive(Template, WebTemplate)]
#[template(path = "search/_groups.html")]
pub struct SuggestView {
    lang: Lang,
    q: String,
    found: Found,
}

/// Shared by both templates: too short to search, or nothing found.
trait Outcome {
    fn q(&self) -> &str;
    fn found(&self) -> &Found;
    fn too_short(&self) -> bool {
        !groups::searchable(self.q())
    }
    fn nothing(&self) -> bool {
        !self.too_short() && self.found().groups.is_empty()
    }
}

impl Outcome for PageView {
    fn q(&self) -> &str {
        &self.q
    }
    fn found(&self) -> &Found {
        &self.found
    }
}

impl Outcome for SuggestView {
    fn q(&self) -> &str {
        &self.q
    }
    fn found(&self) -> &Found {
        &self.found
    }
}

/// GET /search?q=… — the results page; a number that names exactly one record goes to it.
#[tracing::instrument(skip_all, fields(user_id = user.id))]
pub async fn page(
    State(state): State<AppState>,
    user: Staff,
    Query(p): Query<SearchParams>,
) -> Result<Response> {
    let q = p.q();
    let visibility = Visibility::of(&user, state.config.consultant_scope);
    let found = groups::find(&state.db, &user, visibility, user.lang, &q, PAGE_LIMIT).await?;
    if let Some(target) = &found.exact {
        return Ok(Redirect::to(target).into_response());
    }
    Ok(PageView {
        lang: user.lang,
        chrome: Chrome::new(&user, "search"),
        q,
        found,
    }
    .into_response())
}

/// GET /search/suggest?q=… — the top bar's results as you type (an htmx fragment).
#[tracing::instrument(skip_all, fields(user_id = user.id))]
pub async fn suggest(
    State(state): State<AppState>,
    user: Staff,
    Query(p): Query<SearchParams>,
) -> Result<SuggestView> {
    let q = p.q();
    let visibility = Visibility::of(&user, state.config.consultant_scope);
    let found = groups::find(&state.db, &user, visibility, user.lang, &q, SUGGEST_LIMIT).await?;
    Ok(SuggestView {
        lang: user.lang,
        q,
        found,
    })
}

/// Searches customers, contacts, workers, vacancies, documents and invoices at once.
#[utoipa::path(get, path = "/api/v1/search", tag = "search", params(SearchParams),
    responses(
        (status = 200, description = "The groups that found something, in a fixed order (customers, contacts, workers, vacancies, documents, invoices), each under the same access rules as its own list; `exact` is the one record a whole number names.", body = Found),
        (status = 422, description = "Fewer than two characters, or a limit out of range.", body = crate::web::json::Problem)))]
#[tracing::instrument(skip_all, fields(user_id = user.id))]
pub async fn api_search(
    State(state): State<AppState>,
    user: Staff,
    Query(p): Query<SearchParams>,
) -> Result<Json<Found>> {
    let q = p.q();
    let limit = match p.limit.trim() {
        "" => SUGGEST_LIMIT,
        s => match s.parse::<i64>() {
            Ok(n) if (1..=20).contains(&n) => n,
            _ => {
                let mut errors = FieldErrors::default();
                errors.add("limit", Msg::new("search-limit-invalid"));
                return Err(AppError::Invalid(errors));
            }
        },
    };
    if !groups::searchable(&q) {
        let mut errors = FieldErrors::default();
        errors.add("q", Msg::new("search-too-short"));
        return Err(AppError::Invalid(errors));
    }
    let visibility = Visibility::of(&user, state.config.consultant_scope);
    Ok(Json(
        groups::find(&state.db, &user, visibility, user.lang, &q, limit).await?,
    ))
}
