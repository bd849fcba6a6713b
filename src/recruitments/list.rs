//! `/recruitments`: the firm's recruitments (those still searching or hired, or those of one
//! status) at the customers the user may see, with their fee and candidates; 50 a page.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Query, State};
use serde::Deserialize;

use super::{
    detail::fee_text,
    model::Status,
    store::{self, FirmRow},
};
use crate::{
    AppState, Result, auth::Staff, customers::access::Visibility, i18n::Lang, web::Chrome,
};

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default)]
pub struct ListParams {
    /// One status; empty: open, reopened and hired.
    pub status: String,
    /// Page number, from 1 ([`PAGE_SIZE`] a page).
    pub page: String,
}

/// Recruitments a page.
pub const PAGE_SIZE: i64 = 50;

#[derive(Template, WebTemplate)]
#[template(path = "recruitments/list.html")]
pub struct ListView {
    lang: Lang,
    chrome: Chrome,
    status: String,
    rows: Vec<FirmRow>,
    total: i64,
    page: i64,
    /// A page number that could not be read, explained.
    page_error: Option<String>,
}

impl ListView {
    fn statuses(&self) -> Vec<(&'static str, String)> {
        Status::ALL
            .iter()
            .map(|s| {
                (
                    s.as_str(),
                    self.lang.t(&format!("rec-status-{}", s.as_str())),
                )
            })
            .collect()
    }
    fn status_label(&self, r: &FirmRow) -> String {
        self.lang.t(&format!("rec-status-{}", r.recruitment.status))
    }
    fn fee(&self, r: &FirmRow) -> String {
        fee_text(self.lang, &r.recruitment)
    }
    fn candidates(&self, r: &FirmRow) -> String {
        self.lang.t_count("rec-candidates-count", r.candidates)
    }
    fn count(&self) -> String {
        self.lang.t_count("rec-count", self.total)
    }
    fn pages(&self) -> i64 {
        (self.total + PAGE_SIZE - 1) / PAGE_SIZE
    }
    fn page_href(&self, page: i64) -> String {
        let mut q: Vec<(&str, String)> = Vec::new();
        if !self.status.is_empty() {
            q.push(("status", self.status.clone()));
        }
        q.push(("page", page.to_string()));
        format!(
            "/recruitments?{}",
            serde_urlencoded::to_string(&q).unwrap_or_default()
        )
    }
}

/// GET /recruitments
#[tracing::instrument(skip_all, fields(user = user.id))]
pub async fn page(
    State(state): State<AppState>,
    user: Staff,
    Query(params): Query<ListParams>,
) -> Result<ListView> {
    let visibility = Visibility::of(&user, state.config.consultant_scope);
    let status = Status::parse(params.status.trim());
    let (page, page_error) = match crate::db::paging::page_param(&params.page, PAGE_SIZE) {
        Ok(page) => (page, None),
        Err(msg) => (1, Some(msg.render(user.lang))),
    };
    let (rows, total) = store::list_window(
        &state.db,
        visibility,
        status,
        None,
        PAGE_SIZE,
        crate::db::paging::offset(page, PAGE_SIZE).unwrap_or(0),
    )
    .await?;
    Ok(ListView {
        lang: user.lang,
        chrome: Chrome::new(&user, "recruitments"),
        status: status.map(|s| s.as_str().to_string()).unwrap_or_default(),
        rows,
        total,
        page,
        page_error,
    })
}
