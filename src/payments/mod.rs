//! Payments (issue 14, decision 0029): registered by hand on an issued invoice, or read from a
//! bank's file — Nets OCR giro ([`ocr`]) and ISO 20022 camt.054 ([`camt054`]) — and matched on
//! the invoice's KID; unmatched lines wait for a person. Each matched payment keeps
//! `invoice_state.paid_ore` in the same transaction ([`store`]). Overdue invoices are listed and
//! get a first reminder by the debt collection rules ([`reminder`]) through the outbox. The pages
//! are in [`pages`], the JSON API (`/api/v1/payments`) in [`api`]; all of them are for those who may
//! finance (`invoices::access`).

pub mod api;
pub mod camt054;
pub mod ocr;
pub mod pages;
pub mod reminder;
pub mod store;

use axum::{
    Router,
    extract::DefaultBodyLimit,
    routing::{get, post},
};

use crate::AppState;

pub fn router() -> Router<AppState> {
    Router::new()
        .route(
            "/invoices/{id}/payments/new",
            get(pages::new_page).post(pages::register),
        )
        .route("/payments", get(pages::list))
        .route(
            "/payments/import",
            get(pages::import_page)
                .post(pages::import)
                .layer(DefaultBodyLimit::max(11 * 1024 * 1024)),
        )
        .route("/payments/unmatched", get(pages::unmatched))
        .route("/payments/{id}/match", post(pages::match_payment))
        .route("/payments/{id}/ignore", post(pages::ignore_payment))
        .route("/payments/overdue", get(pages::overdue))
        .route("/payments/overdue/{id}/remind", post(pages::remind))
}
