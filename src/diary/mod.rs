//! The diary (customer card part 6): activity types, activities on customers with the staff
//! taking part and the customer's contacts involved, each consultant's calendar, open tasks,
//! the iCalendar feed, and the JSON API. It also keeps `customers.last_activity_at` for the
//! customer list.

pub mod access;
pub mod api;
pub mod audit;
pub mod calendar;
pub mod card;
pub mod customer_pick;
pub mod events;
pub mod feed;
pub mod form;
pub mod form_view;
pub mod model;
pub mod query;
pub mod schedule;
pub mod store;
pub mod summary;
pub mod types;
pub mod types_admin;

use axum::{
    Router,
    routing::{get, post},
};

pub use summary::{ActivitySummary, latest_for_customer};

use crate::AppState;

pub fn router() -> Router<AppState> {
    Router::new()
        .route(
            "/customers/{id}/diary",
            get(card::tab).post(form::create_on_card),
        )
        .route("/customers/{id}/diary/new", get(form::new_on_card))
        .route("/diary", get(calendar::mine))
        .route(
            "/diary/new",
            get(form::new_in_diary).post(form::create_in_diary),
        )
        .route("/diary/{user_id}", get(calendar::page))
        .route("/diary/{user_id}/events", get(events::list))
        .route("/diary/customer-options", get(customer_pick::search))
        .route(
            "/diary/customer-contacts",
            get(customer_pick::contact_choices),
        )
        .route("/diary/activities/{id}", get(form::edit).post(form::update))
        .route("/diary/activities/{id}/delete", post(form::delete))
        .route("/diary/activities/{id}/move", post(events::move_activity))
        .route("/diary/feed", post(feed::renew_route))
        .route("/diary/feed/{file}", get(feed::serve))
        .route(
            "/diary/types",
            get(types_admin::page).post(types_admin::create),
        )
        .route(
            "/diary/types/{id}",
            get(types_admin::edit).post(types_admin::update),
        )
        .route("/diary/settings", post(types_admin::settings))
}
