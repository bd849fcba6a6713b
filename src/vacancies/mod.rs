//! Vacancies (ledige stillinger, customer card part 7b; issue 15, decision 0035): a
//! customer's need for workers, holding the terms an assignment needs so they are typed once.
//! The terms are the assignments' own: typed on the assignment form's part, checked by
//! `AssignmentDraft::validate_terms`, stored in columns of the same names, evaluated by the
//! same rules ([`terms`]). Workers are linked as candidates with a stage; an accepted
//! candidate is made an assignment carrying every term over, and the vacancy is filled when
//! every place has one. Pages: the form ([`form`]), one vacancy with its candidates and the
//! worker search ([`detail`]), the firm-wide list ([`list`]); the card's Assignments tab lists
//! a customer's vacancies; the JSON API is [`api`]. In the customer portal (decision 0041) a
//! contact requests staff ([`request`]: a draft vacancy, a diary task and a message for the
//! consultant), staff present candidates with their consent and shared documents
//! ([`present`]), and the contact accepts or declines them ([`portal`]). Rental offers made
//! from a vacancy are [`offers`].

pub mod api;
pub mod detail;
pub mod form;
pub mod list;
pub mod model;
pub mod offers;
pub mod portal;
pub mod present;
pub mod request;
pub mod store;
pub mod terms;

use axum::{
    Router,
    routing::{get, post},
};

use crate::AppState;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/vacancies", get(list::page))
        .route("/customers/{id}/vacancies", post(form::create))
        .route("/customers/{id}/vacancies/new", get(form::new))
        .route("/customers/{id}/vacancies/check", post(form::check))
        .route(
            "/customers/{id}/vacancies/{vid}",
            get(detail::show).post(form::update),
        )
        .route("/customers/{id}/vacancies/{vid}/edit", get(form::edit))
        .route(
            "/customers/{id}/vacancies/{vid}/status",
            post(detail::change_status),
        )
        .route(
            "/customers/{id}/vacancies/{vid}/candidates",
            post(detail::add_candidate),
        )
        .route(
            "/customers/{id}/vacancies/{vid}/candidates/{cid}/stage",
            post(detail::move_stage),
        )
        .route(
            "/customers/{id}/vacancies/{vid}/candidates/{cid}/assignment",
            post(detail::make_assignment),
        )
        .route(
            "/customers/{id}/vacancies/{vid}/candidates/{cid}/present",
            get(present::page).post(present::present),
        )
        .route("/portal/vacancies", get(portal::list).post(portal::create))
        .route("/portal/vacancies/new", get(portal::new))
        .route("/portal/vacancies/{vid}", get(portal::show))
        .route(
            "/portal/vacancies/{vid}/candidates/{cid}/decision",
            post(portal::decide),
        )
        .route(
            "/portal/vacancies/{vid}/candidates/{cid}/documents/{did}",
            get(portal::document),
        )
        .route(
            "/customers/{id}/vacancies/{vid}/offers",
            post(offers::pages::create),
        )
        .route(
            "/customers/{id}/vacancies/{vid}/offers/{oid}/email",
            post(offers::pages::email),
        )
        .route(
            "/customers/{id}/vacancies/{vid}/offers/{oid}/answer",
            post(offers::pages::answer),
        )
}
