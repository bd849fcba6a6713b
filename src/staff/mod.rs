//! The agency's own people: users (staff) and departments, managed by admins.

pub mod departments;
pub mod users;

use axum::Router;

use crate::AppState;

pub fn router() -> Router<AppState> {
    Router::new()
        .merge(users::router())
        .merge(departments::router())
}
