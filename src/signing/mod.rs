//! Contracts sent for signing (part of the card's documents): BankID through Idura (formerly
//! Criipto) Signatures when configured, else the built-in simple electronic signature.
//!
//! - [`store`]: orders, signers and their timeline;
//! - [`orders`]: sending, reminders, cancelling, expiry; [`complete`]: the signed copy;
//! - [`links`]: the signer's link and code, made when mailed (only hashes stored);
//! - [`pages`]: the staff's pages; [`simple`]: the signer's pages for the built-in signature;
//! - [`webhook`]: the broker's webhook; [`pdf`]: the signature page;
//! - [`portal`]: what waits for a contact's signature in the customer portal.

pub mod complete;
pub mod links;
pub mod orders;
pub mod pages;
pub mod pdf;
pub mod portal;
pub mod simple;
pub mod store;
pub mod webhook;

use axum::{
    Router,
    routing::{get, post},
};

use crate::AppState;

pub fn router() -> Router<AppState> {
    Router::new()
        .route(
            "/customers/{id}/signing",
            get(pages::list).post(pages::create),
        )
        .route("/customers/{id}/signing/new", get(pages::new))
        .route("/customers/{id}/signing/{oid}", get(pages::show))
        .route("/customers/{id}/signing/{oid}/cancel", post(pages::cancel))
        .route(
            "/customers/{id}/signing/{oid}/signers/{sid}/remind",
            post(pages::remind),
        )
        .route("/sign/{token}", get(simple::show))
        .route("/sign/{token}/code", post(simple::send_code))
        .route("/sign/{token}/verify", post(simple::verify))
        .route("/sign/{token}/document", get(simple::document))
        .route("/sign/{token}/sign", post(simple::sign))
        .route("/sign/{token}/reject", post(simple::reject))
        .route("/portal/sign/{sid}", get(portal::open))
        .route("/webhooks/idura", post(webhook::receive))
}
