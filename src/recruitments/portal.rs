//! `/portal/recruitments`: a portal contact with the *view assignments* right sees their own
//! company's recruitments that are searching or hired, each with its shortlist — only the
//! candidates the agency shared, with the candidate's consent to be presented to this customer
//! recorded (`store::shared_candidates`). Nothing else of a candidate is shown: the name and the
//! stage. Another company's recruitment is never read (every query is keyed on the contact's
//! company).

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::State;

use super::store::{self, Recruitment, RecruitmentCandidate};
use crate::{AppState, Result, contacts::model::Right, i18n::Lang, portal::session::PortalUser};

#[derive(Template, WebTemplate)]
#[template(path = "recruitments/portal.html")]
pub struct PortalPage {
    lang: Lang,
    me: PortalUser,
    rows: Vec<(Recruitment, Vec<RecruitmentCandidate>)>,
}

impl PortalPage {
    fn stage_label(&self, stage: &str) -> String {
        self.lang.t(&format!("rec-stage-{stage}"))
    }
    fn status_label(&self, r: &Recruitment) -> String {
        self.lang.t(&format!("rec-status-{}", r.status))
    }
}

/// GET /portal/recruitments
#[tracing::instrument(skip_all, fields(customer_id = me.customer_id, contact_id = me.contact_id))]
pub async fn page(State(state): State<AppState>, me: PortalUser) -> Result<PortalPage> {
    me.require(Right::ViewAssignments)?;
    let mut rows = Vec::new();
    for r in store::list_for_customer(&state.db, me.customer_id).await? {
        if matches!(r.status.as_str(), "open" | "reopened" | "hired") {
            let shared = store::shared_candidates(&state.db, r.id).await?;
            rows.push((r, shared));
        }
    }
    Ok(PortalPage {
        lang: me.lang,
        me,
        rows,
    })
}
