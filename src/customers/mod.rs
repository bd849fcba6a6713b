//! Customers: the list with search, scope and filters (card part 1), creating and editing
//! master data, the change history, and export. Later parts of the card hang off
//! `/customers/{id}/…` from their own modules.

pub mod access;
pub mod api;
pub mod billing;
pub mod brreg_form;
pub mod card;
pub mod export;
pub mod facets;
pub mod form;
pub mod history;
pub mod list;
pub mod model;
pub mod name_words;
pub mod overview;
pub mod pages;
pub mod store;
pub mod timeline;

use axum::{
    Router,
    routing::{get, post},
};

use crate::AppState;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/customers", get(pages::list).post(form::create))
        .route("/customers/new", get(form::new))
        .route("/customers/export.csv", get(export::csv))
        .route("/customers/export.xlsx", get(export::xlsx))
        .route("/customers/brreg", get(brreg_form::brreg_lookup))
        .route("/customers/prefill", post(brreg_form::prefill))
        .route("/customers/{id}", get(overview::show).post(form::update))
        .route("/customers/{id}/edit", get(form::edit))
        .route("/customers/{id}/timeline", get(timeline::show))
        .route("/geo/postal", get(form::postal_place))
        .merge(overview::router())
}
