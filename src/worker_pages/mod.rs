//! Workers' own pages at `/worker`: a worker invited by staff (`workers::account`) sets a
//! password, logs in (their own session cookie, separate from staff and the portal — decision
//! 0012) and sees their own details, assignments and the documents staff share with them, on a phone first. Isolation is the point:
//! every query is keyed on the logged-in worker, never on an id from the request. The worker
//! fills in, submits and withdraws their own weeks' timesheets ([`timesheets`]).

pub mod home;
pub mod login;
pub mod session;
pub mod sessions;
pub mod timesheet_fill;
pub mod timesheets;

use axum::{
    Router,
    routing::{get, post},
};

use crate::AppState;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/worker", get(home::page))
        .route("/worker/assignments/{id}", get(home::assignment))
        .route("/worker/documents/{id}", get(home::document))
        .route(
            "/worker/timesheets/{id}",
            get(timesheets::show).post(timesheets::post),
        )
        .route("/worker/login", get(login::page).post(login::login))
        .route("/worker/logout", post(login::logout))
        .route("/worker/logout-everywhere", post(login::logout_everywhere))
        .route("/worker/sessions", get(sessions::page))
        .route("/worker/sessions/end-others", post(sessions::end_others))
        .route("/worker/sessions/{handle}/end", post(sessions::end_one))
        .route("/worker/lang", post(login::set_lang))
        .route(
            "/worker/invite/{token}",
            get(login::invite_page).post(login::accept_invite),
        )
        .merge(crate::auth::two_factor_holder_pages::worker_routes())
}
