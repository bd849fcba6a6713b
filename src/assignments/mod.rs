//! Assignments (oppdrag, customer card part 7): a worker hired out to a customer from one date
//! to another. The rules are pure and come first: the agreed working week ([`week`]), the live
//! margin in øre ([`margin`]) and the hiring law's compliance light ([`compliance`]);
//! [`evaluate`] gathers the facts for them. Pages: the card's tab ([`tab`]), the form with the
//! law checked as you type ([`form`]), one assignment with its status moves ([`detail`]), the
//! admin's hiring settings ([`settings`]) and the hirer's terms entered in the portal
//! ([`hirer`]).

pub mod allowance;
pub mod allowance_form;
pub mod allowance_view;
pub mod api;
pub mod compliance;
pub mod confirm;
pub mod detail;
pub mod evaluate;
pub mod for_worker;
pub mod form;
pub mod hirer;
pub mod input;
pub mod margin;
pub mod model;
pub mod moves;
pub mod portal;
pub mod settings;
pub mod store;
pub mod tab;
pub mod week;

use axum::{
    Router,
    routing::{get, post},
};

use crate::AppState;

pub fn router() -> Router<AppState> {
    Router::new()
        .route(
            "/customers/{id}/assignments",
            get(tab::list).post(form::create),
        )
        .route("/customers/{id}/assignments/new", get(form::new))
        .route("/customers/{id}/assignments/check", post(form::check))
        .route(
            "/customers/{id}/assignments/{aid}",
            get(detail::show).post(form::update),
        )
        .route("/customers/{id}/assignments/{aid}/edit", get(form::edit))
        .route(
            "/customers/{id}/assignments/{aid}/status",
            post(detail::change_status),
        )
        .route(
            "/customers/{id}/assignments/{aid}/confirm",
            post(detail::confirm),
        )
        .route("/admin/hiring", get(settings::page).post(settings::save))
        .route("/portal/assignments/terms", get(hirer::page))
        .route("/portal/assignments/{aid}/terms", post(hirer::save))
        .route(
            "/portal/assignments/{aid}/terms/confirm",
            post(hirer::confirm),
        )
}
