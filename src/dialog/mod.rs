//! Part 5, the dialog: every email and SMS sent from the system (and SMS replies received),
//! written through an outbox and sent by the background worker.
//!
//! - [`outbox`]: queue messages in the caller's transaction (other features use this);
//! - [`sealed`]: secrets in messages (links, codes), made only at delivery;
//! - [`send`]: the worker's side — SMTP and the SMS gateway, retries, failures;
//! - [`webhooks`]: delivery reports and incoming SMS from the gateway;
//! - [`query`], [`tab`]: reading (the card's tab, the firm-wide view, one message);
//! - [`compose`], [`bulk`], [`templates`], [`merge`]: writing, each through [`check`].

use axum::{
    Router,
    routing::{get, post},
};

use crate::AppState;

pub mod api;
pub mod attach;
pub mod bulk;
pub mod check;
pub mod compose;
pub mod delivery;
pub mod format;
pub mod merge;
pub mod model;
pub mod outbox;
pub mod query;
pub mod sealed;
pub mod send;
pub mod tab;
pub mod templates;
pub mod webhooks;
pub mod worker;

pub fn router() -> Router<AppState> {
    Router::new()
        .route(
            "/customers/{id}/dialog/attachments",
            post(attach::upload).layer(axum::extract::DefaultBodyLimit::disable()),
        )
        .route("/customers/{id}/dialog", get(tab::tab))
        .route(
            "/customers/{id}/dialog/{channel}",
            get(compose::new).post(compose::submit),
        )
        .route(
            "/customers/bulk-message",
            get(bulk::form).post(bulk::submit),
        )
        .route("/dialog", get(tab::firm))
        .route("/dialog/messages/{mid}", get(tab::message))
        .route("/dialog/sms-length", post(compose::sms_length))
        .route(
            "/dialog/templates",
            get(templates::list).post(templates::create),
        )
        .route("/dialog/templates/new", get(templates::new))
        .route(
            "/dialog/templates/{tid}",
            get(templates::edit).post(templates::update),
        )
        .route("/dialog/templates/{tid}/delete", post(templates::delete))
        .route(
            "/webhooks/sms/sveve/{secret}/status",
            get(webhooks::sveve_status),
        )
        .route(
            "/webhooks/sms/sveve/{secret}/inbound",
            get(webhooks::sveve_inbound),
        )
        .route("/webhooks/sms/twilio/status", post(webhooks::twilio_status))
        .route(
            "/webhooks/sms/twilio/inbound",
            post(webhooks::twilio_inbound),
        )
}
