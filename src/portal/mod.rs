//! The customer portal: contact persons log in at `/portal` (their own session cookie, separate
//! from staff) and see their own company — and, as later parts are built, what their rights
//! allow. Isolation is the point: every portal query is keyed on the logged-in contact's
//! `customer_id`, never on an id from the request.

pub mod home;
pub mod invoices;
pub mod login;
pub mod session;
pub mod sessions;

use axum::{
    Router,
    routing::{get, post},
};

use crate::AppState;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/portal", get(home::page))
        .route("/portal/invoices", get(invoices::list))
        .route("/portal/invoices/{id}/pdf", get(invoices::pdf))
        .route("/portal/login", get(login::page).post(login::login))
        .route("/portal/logout", post(login::logout))
        .route("/portal/logout-everywhere", post(login::logout_everywhere))
        .route("/portal/sessions", get(sessions::page))
        .route("/portal/sessions/end-others", post(sessions::end_others))
        .route("/portal/sessions/{handle}/end", post(sessions::end_one))
        .route(
            "/portal/invite/{token}",
            get(login::invite_page).post(login::accept_invite),
        )
        .merge(crate::auth::two_factor_holder_pages::portal_routes())
}
