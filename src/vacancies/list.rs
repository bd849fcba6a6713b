//! `/vacancies`: the firm's open and filled vacancies (or those of one status) at the
//! customers the user may see, soonest start first, with the places filled.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Query, State};
use serde::Deserialize;

use super::{
    detail::filled_text,
    model::Status,
    store::{self, FirmRow},
};
use crate::{
    AppState, Result, auth::Staff, customers::access::Visibility, i18n::Lang, web::Chrome,
};

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default)]
pub struct ListParams {
    /// `open`, `filled` or `cancelled`; empty: open and filled.
    pub status: String,
    /// One customer's vacancies only (the card's "show all" link); a value that is no
    /// customer id is a customer not found.
    pub customer: String,
    /// Page number, from 1 ([`PAGE_SIZE`] a page).
    pub page: String,
}

/// Vacancies a page.
pub const PAGE_SIZE: i64 = 50;

#[derive(Template, WebTemplate)]
#[template(path = "vacancies/list.html")]
pub struct ListView {
    lang: Lang,
    chrome: Chrome,
    status: String,
    rows: Vec<FirmRow>,
    total: i64,
    /// The customer the list is limited to: id and name.
    customer: Option<(i64, String)>,
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
                    self.lang.t(&format!("vacancy-status-{}", s.as_str())),
                )
            })
            .collect()
    }
    fn status_label(&self, r: &FirmRow) -> String {
        self.lang.t(&format!("vacancy-status-{}", r.vacancy.status))
    }
    fn filled(&self, r: &FirmRow) -> String {
        filled_text(self.lang, &r.vacancy)
    }
    fn period(&self, r: &FirmRow) -> String {
        crate::timefmt::period_text(
            self.lang,
            &r.vacancy.from_date,
            r.vacancy.to_date.as_deref(),
            "assignment-open-ended",
        )
    }
    fn heading(&self) -> String {
        match &self.customer {
            Some((_, name)) => self
                .lang
                .t_with("vacancies-at-customer", &[("customer", name.clone())]),
            None => self.lang.t("nav-vacancies"),
        }
    }
    fn pages(&self) -> i64 {
        (self.total + PAGE_SIZE - 1) / PAGE_SIZE
    }
    fn page_href(&self, page: i64) -> String {
        let mut q: Vec<(&str, String)> = Vec::new();
        if !self.status.is_empty() {
            q.push(("status", self.status.clone()));
        }
        if let Some((id, _)) = &self.customer {
            q.push(("customer", id.to_string()));
        }
        q.push(("page", page.to_string()));
        format!(
            "/vacancies?{}",
            serde_urlencoded::to_string(&q).unwrap_or_default()
        )
    }
    fn count(&self) -> String {
        self.lang.t_count("vacancy-count", self.total)
    }
}

/// GET /vacancies
#[tracing::instrument(skip_all, fields(user = user.id))]
pub async fn page(
    State(state): State<AppState>,
    user: Staff,
    Query(params): Query<ListParams>,
) -> Result<ListView> {
    let visibility = Visibility::of(&user, state.config.consultant_scope);
    let status = Status::parse(params.status.trim());
    // A customer the user may not see is not found, rather than shown as empty.
    let customer = match params.customer.trim() {
        "" => None,
        raw => {
            let id: i64 = raw.parse().map_err(|_| crate::AppError::NotFound)?;
            let c = crate::customers::store::get(&state.db, visibility, id)
                .await?
                .ok_or(crate::AppError::NotFound)?;
            Some((c.id, c.name))
        }
    };
    let (page, page_error) = match crate::db::paging::page_param(&params.page, PAGE_SIZE) {
        Ok(page) => (page, None),
        Err(msg) => (1, Some(msg.render(user.lang))),
    };
    let (rows, total) = store::list_window(
        &state.db,
        visibility,
        status,
        customer.as_ref().map(|(id, _)| *id),
        PAGE_SIZE,
        crate::db::paging::offset(page, PAGE_SIZE).unwrap_or(0),
    )
    .await?;
    Ok(ListView {
        lang: user.lang,
        chrome: Chrome::new(&user, "vacancies"),
        status: status.map(|s| s.as_str().to_string()).unwrap_or_default(),
        rows,
        total,
        customer,
        page,
        page_error,
    })
}
