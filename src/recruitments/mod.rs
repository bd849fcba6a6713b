//! Recruitments (customer card part 7c; issue 15, decision 0038): a permanent placement for a
//! customer that the agency is paid a fee for — fixed, or a percentage of the annual salary —
//! with a guarantee period. Candidates (workers) move across a pipeline board by stage
//! ([`detail`]: drag and drop in `static/recruitments.js`, or the card's forms from the
//! keyboard and without JavaScript); interviews are booked as diary activities; "hired" records
//! the placement and makes the draft fee invoice through `invoices::store`; "the person left"
//! within the guarantee reopens the recruitment and offers the agreed consequence. The form is
//! [`form`], the firm-wide list [`list`], the JSON API [`api`]; the candidates' privacy job and
//! the firm's retention setting are [`privacy`]. The card's Assignments tab lists a customer's
//! recruitments (`assignments::tab` reads [`store`]).

pub mod api;
pub mod board;
pub mod candidates;
pub mod detail;
pub mod form;
pub mod list;
pub mod model;
pub mod placement;
pub mod portal;
pub mod privacy;
pub mod store;

use axum::{
    Router,
    routing::{get, post},
};

use crate::AppState;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/recruitments", get(list::page))
        .route("/portal/recruitments", get(portal::page))
        .route(
            "/admin/recruitments",
            get(privacy::page).post(privacy::save),
        )
        .route("/customers/{id}/recruitments", post(form::create))
        .route("/customers/{id}/recruitments/new", get(form::new))
        .route(
            "/customers/{id}/recruitments/{rid}",
            get(detail::show).post(form::update),
        )
        .route("/customers/{id}/recruitments/{rid}/edit", get(form::edit))
        .route(
            "/customers/{id}/recruitments/{rid}/status",
            post(placement::change_status),
        )
        .route(
            "/customers/{id}/recruitments/{rid}/hire",
            post(placement::hire),
        )
        .route(
            "/customers/{id}/recruitments/{rid}/left",
            post(placement::left),
        )
        .route(
            "/customers/{id}/recruitments/{rid}/candidates",
            post(board::add_candidate),
        )
        .route(
            "/customers/{id}/recruitments/{rid}/candidates/{cid}/move",
            post(board::move_candidate),
        )
        .route(
            "/customers/{id}/recruitments/{rid}/candidates/{cid}/sharing",
            post(board::sharing),
        )
        .route(
            "/customers/{id}/recruitments/{rid}/candidates/{cid}/keep",
            post(board::keep),
        )
        .route(
            "/customers/{id}/recruitments/{rid}/candidates/{cid}/interview",
            post(board::interview),
        )
}
