//! `/recruitments`: the firm's recruitments (those still searching or hired, or those of one
//! status) at the customers the user may see, with their fee and candidates.

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
}

#[derive(Template, WebTemplate)]
#[template(path = "recruitments/list.html")]
pub struct ListView {
    lang: Lang,
    chrome: Chrome,
    status: String,
    rows: Vec<FirmRow>,
    total: i64,
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
    let (rows, total) = store::list(&state.db, visibility, status, None).await?;
    Ok(ListView {
        lang: user.lang,
        chrome: Chrome::new(&user, "recruitments"),
        status: status.map(|s| s.as_str().to_string()).unwrap_or_default(),
        rows,
        total,
    })
}
