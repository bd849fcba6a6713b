//! The portal's home page: the contact's own company and their contact person at the agency,
//! and — each behind its right — the company's assignments, shared documents and signatures.
//! With the *approve timesheets* right, a link to the timesheets waiting for the contact (with
//! their count). With the *view invoices* right, a link to the company's invoices
//! (`portal::invoices`).

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::State;

use super::session::PortalUser;
use crate::{
    AppError, AppState, Result,
    customers::{access::Visibility, store},
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
    /// Current and upcoming assignments (with the *view assignments* right).
    assignments: Option<Vec<crate::assignments::portal::PortalAssignment>>,
    /// Signatures waiting for this contact (with the *sign documents* right).
    to_sign: Vec<crate::signing::store::Waiting>,
    /// Timesheets waiting for this contact (with the *approve timesheets* right).
    timesheets_pending: Option<i64>,
    /// With the *view invoices* right: a link to the company's invoices.
    invoices: bool,
    /// With the *view assignments* or *request staff* right: the vacancies (decision 0041).
    vacancies: bool,
    /// With the *request staff* right: a link to the request form.
    can_request: bool,
}

impl HomePage {
    fn period(&self, a: &crate::assignments::portal::PortalAssignment) -> String {
        crate::timefmt::period_text(
            self.lang,
            &a.from_date,
            a.to_date.as_deref(),
            "assignment-open-ended",
        )
    }
    /// How many timesheets wait for the contact, as text; `None` when none do.
    fn pending_text(&self) -> Option<String> {
        self.timesheets_pending
            .filter(|n| *n > 0)
            .map(|n| self.lang.t_count("portal-timesheets-pending", n))
    }
    fn date(&self, ts: &i64) -> String {
        crate::timefmt::oslo_date(*ts)
    }
    fn org(&self) -> String {
        self.company
            .org_number
            .as_deref()
            .map(crate::norway::orgnr::format_grouped)
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
    let assignments = if me
        .rights
        .has(crate::contacts::model::Right::ViewAssignments)
    {
        Some(crate::assignments::portal::current(&state.db, me.customer_id).await?)
    } else {
        None
    };
    let to_sign = crate::signing::portal::waiting(&state, &me).await?;
    let timesheets_pending = if me
        .rights
        .has(crate::contacts::model::Right::ApproveTimesheets)
    {
        Some(crate::timesheets::portal::count(&state.db, me.customer_id, me.contact_id).await?)
    } else {
        None
    };
    let invoices = me.rights.has(crate::contacts::model::Right::ViewInvoices);
    let vacancies = me
        .rights
        .has(crate::contacts::model::Right::ViewAssignments)
        || me.rights.has(crate::contacts::model::Right::RequestStaff);
    Ok(HomePage {
        vacancies,
        can_request: me.rights.has(crate::contacts::model::Right::RequestStaff),
        invoices,
        timesheets_pending,
        assignments,
        documents,
        to_sign,
        lang: me.lang,
        me,
        company,
        agency_contact,
    })
}
