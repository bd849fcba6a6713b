//! Workers (vikarer) and candidates: the people the agency hires out. The register with search
//! and filters, each worker's details and dated papers (HMS card, work permit, licences).
//! Every staff member sees and keeps the whole register: the firm shares one pool of workers
//! (decision 0011); which customers a consultant sees is still the card's rule, and a worker's
//! documents follow that rule too (`documents`, decision 0014).

pub mod account;
pub mod api;
pub mod bank;
pub mod credentials;
pub mod detail;
pub mod documents;
pub mod email;
pub mod form;
pub mod gdpr;
pub mod invite;
pub mod list;
pub mod model;
pub mod national_id;
pub mod payroll;
pub mod store;

use axum::{
    Router,
    routing::{get, post},
};

use crate::AppState;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/workers", get(list::page).post(form::create))
        .route("/workers/new", get(form::new))
        .route("/workers/{id}", get(detail::show).post(form::update))
        .route("/workers/{id}/edit", get(form::edit))
        .route("/workers/{id}/credentials", post(detail::add_credential))
        .route("/workers/{id}/export.json", get(detail::export))
        .route("/workers/{id}/erase", post(detail::erase))
        .route("/workers/{id}/invite", post(invite::invite))
        .route("/workers/{id}/email", post(email::send))
        .route("/workers/{id}/login/end", post(invite::end))
        .route(
            "/workers/{id}/national-id/reveal",
            post(detail::reveal_national_id),
        )
        .route(
            "/workers/{id}/bank-account/reveal",
            post(detail::reveal_bank_account),
        )
        .route(
            "/workers/{id}/credentials/{cid}/delete",
            post(detail::remove_credential),
        )
        .merge(documents::routes())
}
