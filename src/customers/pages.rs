//! The customer list page (full page, or the results fragment for htmx) and the customer page.

use askama::Template;
use askama_web::WebTemplate;
use axum::{
    extract::{Query, State},
    http::{HeaderMap, StatusCode},
    response::{IntoResponse, Redirect, Response},
};

use super::{
    access::Visibility,
    facets::{self, Facets},
    list::{self, ListPage, ListParams, ListQuery, SortKey},
    model::Status,
};
use crate::{
    AppState, Result,
    auth::Staff,
    error::FieldErrors,
    geo,
    i18n::{Lang, group_thousands},
    web::{self, Chrome},
};

#[derive(Template, WebTemplate)]
#[template(path = "customers/list.html")]
pub struct ListView {
    pub lang: Lang,
    pub chrome: Chrome,
    pub query: ListQuery,
    pub page: ListPage,
    pub facets: Facets,
    pub errors: Vec<String>,
    pub whole_firm: bool,
}

#[derive(Template, WebTemplate)]
#[template(path = "customers/_results.html")]
pub struct ResultsView {
    pub lang: Lang,
    pub query: ListQuery,
    pub page: ListPage,
    pub errors: Vec<String>,
    /// The municipality filter's choices for the filters now (swapped in out of band).
    pub municipalities: Vec<(String, String)>,
}

impl ResultsView {
    fn is_municipality(&self, m: &str) -> bool {
        self.query.municipality.as_deref() == Some(m)
    }
}

/// Helpers the list templates call.
pub trait ListLinks {
    fn query(&self) -> &ListQuery;
    fn page(&self) -> &ListPage;
    fn lang(&self) -> Lang;

    fn position_text(&self) -> String {
        if !self.page().total_is_exact {
            // The last page is not known: the count stopped at the bound.
            return self.lang().t_with(
                "pager-position-open",
                &[("page", group_thousands(self.query().page))],
            );
        }
        self.lang().t_with(
            "pager-position",
            &[
                ("page", group_thousands(self.query().page)),
                ("pages", self.total_pages_text()),
            ],
        )
    }

    fn link_with(&self, change: impl FnOnce(&mut ListQuery)) -> String {
        let mut q = self.query().clone();
        // A changed list starts over; only the next-page link reads on from this page.
        q.after = None;
        change(&mut q);
        format!("/customers?{}", q.to_params().to_query_string())
    }
    fn sort_link(&self, key: &str) -> String {
        let current = self.query();
        self.link_with(|q| {
            let key = match key {
                "customer_number" => SortKey::CustomerNumber,
                "org_number" => SortKey::OrgNumber,
                "city" => SortKey::City,
                "status" => SortKey::Status,
                "owner" => SortKey::Owner,
                "department" => SortKey::Department,
                "updated" => SortKey::Updated,
                "last_activity" => SortKey::LastActivity,
                _ => SortKey::Name,
            };
            // A ranked search is not in name order: its name link sorts ascending.
            q.descending = current.sort == key && !current.descending && !current.ranked();
            q.sort = key;
            q.sort_chosen = true;
            q.page = 1;
        })
    }
    fn sort_mark(&self, key: &str) -> &'static str {
        let q = self.query();
        if q.sort.as_str() != key || q.ranked() {
            ""
        } else if q.descending {
            "▼"
        } else {
            "▲"
        }
    }
    fn aria_sort(&self, key: &str) -> &'static str {
        let q = self.query();
        if q.sort.as_str() != key || q.ranked() {
            "none"
        } else if q.descending {
            "descending"
        } else {
            "ascending"
        }
    }
    fn page_link(&self, page: i64) -> String {
        self.link_with(|q| q.page = page)
    }
    /// The next page, read on from this page's last customer when the order allows it
    /// (keyset paging: as cheap however deep); its number still says which page it is.
    fn next_link(&self) -> String {
        let after = self
            .page()
            .items
            .last()
            .map(|c| c.id)
            .filter(|_| self.query().keyset());
        self.link_with(|q| {
            q.page += 1;
            q.after = after;
        })
    }
    fn export_link(&self, format: &str) -> String {
        let mut q = self.query().clone();
        q.page = 1;
        q.after = None;
        format!(
            "/customers/export.{format}?{}",
            q.to_params().to_query_string()
        )
    }
    /// The bulk message page for the customers of this list (all pages).
    fn bulk_link(&self) -> String {
        let mut q = self.query().clone();
        q.page = 1;
        q.after = None;
        format!(
            "/customers/bulk-message?{}",
            q.to_params()
                .without(["limit", "page", "sort"])
                .to_query_string()
        )
    }
    fn total_pages(&self) -> i64 {
        let limit = self.query().limit.max(1);
        ((self.page().total + limit - 1) / limit).max(1)
    }
    fn has_prev(&self) -> bool {
        self.query().page > 1
    }
    fn has_next(&self) -> bool {
        self.query().page < self.total_pages()
    }
    fn prev_page(&self) -> i64 {
        self.query().page - 1
    }
    fn count_text(&self) -> String {
        let page = self.page();
        if page.total_is_exact {
            self.lang().t_count("customers-count", page.total)
        } else {
            // `total` is one past where the count stopped.
            self.lang().t_count("customers-count-more", page.total - 1)
        }
    }
    fn total_pages_text(&self) -> String {
        group_thousands(self.total_pages())
    }
}

impl ListLinks for ListView {
    fn query(&self) -> &ListQuery {
        &self.query
    }
    fn page(&self) -> &ListPage {
        &self.page
    }
    fn lang(&self) -> Lang {
        self.lang
    }
}
impl ListLinks for ResultsView {
    fn query(&self) -> &ListQuery {
        &self.query
    }
    fn page(&self) -> &ListPage {
        &self.page
    }
    fn lang(&self) -> Lang {
        self.lang
    }
}

/// Display helpers shared by customer templates.
pub fn status_key(status: &str) -> &'static str {
    Status::parse(status)
        .map(Status::label_key)
        .unwrap_or("status-unknown")
}
pub fn orgnr_text(org: &Option<String>) -> String {
    org.as_deref()
        .map(crate::norway::orgnr::format_grouped)
        .unwrap_or_default()
}
pub fn county_text(county: &Option<String>) -> String {
    county
        .as_deref()
        .and_then(geo::county_name)
        .unwrap_or("")
        .to_string()
}
pub fn municipality_text(m: &Option<String>) -> String {
    m.as_deref()
        .and_then(geo::postal::municipality_name)
        .unwrap_or("")
        .to_string()
}

fn selected_opt(v: &Option<String>, candidate: &str) -> bool {
    v.as_deref() == Some(candidate)
}

impl ListView {
    fn is_status(&self, s: &str) -> bool {
        self.query.status.map(|v| v.as_str()) == Some(s)
    }
    fn is_scope(&self, s: &str) -> bool {
        self.query.scope.as_str() == s
    }
    fn is_county(&self, c: &str) -> bool {
        selected_opt(&self.query.county, c)
    }
    fn is_municipality(&self, m: &str) -> bool {
        selected_opt(&self.query.municipality, m)
    }
    fn is_industry(&self, i: &str) -> bool {
        selected_opt(&self.query.industry, i)
    }
    fn is_owner(&self, id: &i64) -> bool {
        self.query.owner == Some(*id)
    }
    fn is_department(&self, id: &i64) -> bool {
        self.query.department == Some(*id)
    }
}

/// Sent by the list's search form when the user submits it (Enter), not on each keystroke
/// (templates/customers/list.html).
const SUBMIT_HEADER: &str = "x-search-submit";

/// GET /customers: the whole page, or only the results when htmx asks for them.
#[tracing::instrument(skip_all, fields(user_id = user.id))]
pub async fn list(
    State(state): State<AppState>,
    user: Staff,
    headers: HeaderMap,
    Query(params): Query<ListParams>,
) -> Result<Response> {
    let lang = user.lang;
    let visibility = Visibility::of(&user, state.config.consultant_scope);
    let (query, errors) = match params.parse() {
        Ok(q) => (q, FieldErrors::default()),
        // A bad value in a hand-edited URL: say which, and show the list without just those.
        Err(errors) => {
            let cleaned = params.without(errors.0.keys().map(String::as_str));
            (
                cleaned
                    .parse()
                    .unwrap_or_else(|_| ListParams::default().parse().expect("defaults parse")),
                errors,
            )
        }
    };
    let messages: Vec<String> = errors
        .0
        .iter()
        .flat_map(|(field, msgs)| {
            msgs.iter()
                .map(move |m| format!("{field}: {}", m.render(lang)))
        })
        .collect();
    let page = list::fetch(&state.db, &user, visibility, &query).await?;
    if let Some(id) = page.exact.filter(|_| messages.is_empty()) {
        // Enter on an exact organisation or customer number opens the customer; the live
        // results (htmx on input) show it as the only hit.
        let to = format!("/customers/{id}");
        if !web::is_htmx(&headers) {
            return Ok(Redirect::to(&to).into_response());
        }
        if headers.contains_key(SUBMIT_HEADER) {
            return Ok(([("hx-redirect", to)], StatusCode::OK).into_response());
        }
    }
    let status = if messages.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    // The municipality choices follow every other filter: counted here, and sent with the
    // results too (out of band), so they change as the filters do.
    let counts = list::municipality_counts(&state.db, &user, visibility, &query).await?;
    let municipalities = facets::municipality_choices(
        query.county.as_deref(),
        counts.as_deref(),
        query.municipality.as_deref(),
    );
    if web::is_htmx(&headers)
        && headers.get("hx-target").and_then(|v| v.to_str().ok()) == Some("results")
    {
        return Ok((
            status,
            ResultsView {
                lang,
                query,
                page,
                errors: messages,
                municipalities,
            },
        )
            .into_response());
    }
    let mut facets = facets::load(&state.db).await?;
    facets.municipalities = municipalities;
    let view = ListView {
        lang,
        chrome: Chrome::new(&user, "customers"),
        query,
        page,
        facets,
        errors: messages,
        whole_firm: visibility.sees_whole_firm(),
    };
    Ok((status, view).into_response())
}

pub fn askama_escape(s: &str) -> String {
    askama::filters::escape(s, askama::filters::Html)
        .map(|e| e.to_string())
        .unwrap_or_default()
}
