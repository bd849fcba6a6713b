//! Job ads (customer card part 7b, issue 15's "Job ads"; decisions 0036 and 0044): an ad made
//! from a vacancy or a recruitment — title, lead, a sanitised rich-text body, occupation, place, employment type,
//! sector, deadline or "snarest", start, places, contact person and the employer it shows —
//! and where it is published. The homepage channel is worked here: the public list and ad
//! pages with schema.org `JobPosting` JSON-LD and Open Graph tags ([`public`], [`posting`]),
//! Atom and JSON feeds ([`feeds`]) and the application form ([`apply`]); arbeidsplassen.no and
//! FINN use the same publication rows and statuses through their own clients. The staff's
//! form is [`form`] and the ad's page [`page`]; the ads are taken down at their deadline or when
//! the vacancy closes by [`expire`].

pub mod api;
pub mod apply;
pub mod channels;
pub mod expire;
pub mod feeds;
pub mod form;
pub mod model;
pub mod page;
pub mod posting;
pub mod public;
pub mod store;

use axum::{
    Router,
    extract::DefaultBodyLimit,
    routing::{get, post},
};

use crate::AppState;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/jobs", get(public::list))
        .route("/jobs/feed.atom", get(feeds::atom))
        .route("/jobs/feed.json", get(feeds::json_feed))
        .route("/jobs/{slug}", get(public::show))
        .route("/jobs/{slug}/logo", get(public::logo))
        .route(
            "/jobs/{slug}/apply",
            post(apply::apply).layer(DefaultBodyLimit::max(
                apply::MAX_CV_BYTES as usize + 1024 * 1024,
            )),
        )
        .route("/customers/{id}/vacancies/{vid}/ads/new", get(form::new))
        .route("/customers/{id}/vacancies/{vid}/ads", post(form::create))
        .route(
            "/customers/{id}/recruitments/{rid}/ads/new",
            get(form::new_for_recruitment),
        )
        .route(
            "/customers/{id}/recruitments/{rid}/ads",
            post(form::create_for_recruitment),
        )
        .route(
            "/customers/{id}/ads/{aid}",
            get(page::show).post(form::update),
        )
        .route("/customers/{id}/ads/{aid}/edit", get(form::edit))
        .route(
            "/customers/{id}/ads/{aid}/status",
            post(page::change_status),
        )
}
