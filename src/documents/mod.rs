//! Part 4, documents: everything the agency keeps for a customer — offers, contracts, logos,
//! price agreements — with versions, a bin, and files in an object store. Contracts are sent for
//! signing from here (see [`crate::signing`]).
//!
//! - safe file names, the store itself and type checks are in `crate::files`;
//! - [`store`]: documents, versions and categories in the database;
//! - [`rules`]: what the pages and the API share (the bin, categories, filing uploads);
//! - [`tab`], [`detail`], [`upload`]: the card's pages; [`categories`]: the admin's list;
//! - [`portal`]: documents shared with the customer, in the customer portal;
//! - [`api`]: the same in `/api/v1`.

pub mod api;
pub mod categories;
pub mod detail;
pub mod portal;
pub mod rules;
pub mod store;
pub mod tab;
pub mod typeset;
pub mod upload;

use axum::{
    Router,
    extract::DefaultBodyLimit,
    routing::{get, post},
};

use crate::AppState;

pub fn router() -> Router<AppState> {
    // Uploads are streamed and limited per file (`KUNDEKORT_MAX_UPLOAD_MB`) as they arrive, so
    // the framework's whole-body limit is lifted on the two upload routes only.
    let uploads = Router::new()
        .route(
            "/customers/{id}/documents",
            get(tab::list).post(tab::create),
        )
        .route(
            "/customers/{id}/documents/{did}/versions",
            post(detail::new_version),
        )
        .route("/customers/{id}/documents/upload", get(tab::upload_form))
        .layer(DefaultBodyLimit::disable());
    Router::new()
        .merge(uploads)
        .route(
            "/customers/{id}/documents/{did}",
            get(detail::show).post(detail::update),
        )
        .route(
            "/customers/{id}/documents/{did}/delete",
            post(detail::delete),
        )
        .route(
            "/customers/{id}/documents/{did}/restore",
            post(detail::restore),
        )
        .route(
            "/customers/{id}/documents/{did}/versions/{vid}/{how}",
            get(detail::download),
        )
        .route("/documents/versions/{vid}", get(detail::by_version))
        .route("/portal/documents", get(portal::list))
        .route("/portal/documents/{did}/{how}", get(portal::download))
        .route(
            "/admin/document-categories",
            get(categories::list).post(categories::create),
        )
        .route("/admin/document-categories/{cid}", post(categories::update))
}
