//! The portal's home page: the contact's own company and their contact person at the agency.
//! Sections for assignments, timesheets, invoices and documents appear here, each behind its
//! right, as those parts are built — nothing is shown before it works.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::State;

use super::session::PortalUser;
use crate::{
    AppError, AppState, Result,
    customers::{access::Visibility, orgnr, store},
    i18n::Lang,
};

#[derive(Template, WebTemplate)]
#[template(path = "portal/home.html")]
pub struct HomePage {
    lang: Lang,
    me: PortalUser,
    company: store::Customer,
    agency_contact: Option<(String, String)>,
    /// Documents shared with the company (with the *view documents* right).
    documents: Option<Vec<crate::documents::store::Document>>,
    /// Signatures waiting for this contact (with the *sign documents* right).
    to_sign: Vec<crate::signing::store::Waiting>,
}

impl HomePage {
    fn date(&self, ts: &i64) -> String {
        crate::timefmt::oslo_date(*ts)
    }
    fn org(&self) -> String {
        self.company
            .org_number
            .as_deref()
            .map(orgnr::format_grouped)
            .unwrap_or_default()
    }
}

#[tracing::instrument(skip_all, fields(customer_id = me.customer_id, contact_id = me.contact_id))]
pub async fn page(State(state): State<AppState>, me: PortalUser) -> Result<HomePage> {
    let company = store::get(&state.db, Visibility::All, me.customer_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let agency_contact = match company.owner_id {
        Some(owner) => {
            sqlx::query_as("SELECT name, email FROM users WHERE id = $1 AND active = 1")
                .bind(owner)
                .fetch_optional(&state.db.pool)
                .await?
        }
        None => None,
    };
    let documents = if me.rights.has(crate::contacts::model::Right::ViewDocuments) {
        Some(crate::documents::portal::shared(&state, &me).await?)
    } else {
        None
    };
    let to_sign = crate::signing::portal::waiting(&state, &me).await?;
    Ok(HomePage {
        documents,
        to_sign,
        lang: me.lang,
        me,
        company,
        agency_contact,
    })
}
