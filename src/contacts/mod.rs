//! Contacts (customer card part 3): the customer's people, their details and their rights in the
//! customer portal; a global contact search; GDPR export and erasure. Admins keep the list of
//! positions and the portal-rights presets.

pub mod admin;
pub mod api;
pub mod detail;
pub mod gdpr;
pub mod lookup;
pub mod model;
pub mod name_words;
pub mod portal_access;
pub mod ranked;
pub mod search;
pub mod store;
pub mod tab;

use axum::{
    Router,
    routing::{get, post},
};

use crate::AppState;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/customers/{id}/contacts", get(tab::list).post(tab::create))
        .route("/customers/{id}/contacts/new", get(tab::new))
        .route(
            "/customers/{id}/contacts/{cid}",
            get(detail::show).post(tab::update),
        )
        .route("/customers/{id}/contacts/{cid}/edit", get(tab::edit))
        .route(
            "/customers/{id}/contacts/{cid}/active",
            post(detail::set_active),
        )
        .route(
            "/customers/{id}/contacts/{cid}/portal",
            post(detail::grant_portal),
        )
        .route(
            "/customers/{id}/contacts/{cid}/portal/invite",
            post(detail::reinvite),
        )
        .route(
            "/customers/{id}/contacts/{cid}/portal/revoke",
            post(detail::revoke_portal),
        )
        .route(
            "/customers/{id}/contacts/{cid}/export.json",
            get(detail::export),
        )
        .route("/customers/{id}/contacts/{cid}/erase", post(detail::erase))
        .route("/contacts", get(search::page))
        .merge(admin::router())
}
