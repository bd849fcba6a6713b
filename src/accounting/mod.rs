//! Accounting (issue 14; decision 0030): journal entries of issued invoices and credit notes for
//! the firm's accounting system. [`journal`] makes an entry from a stored document and the chart
//! of accounts (balanced by construction, tested as a property); [`store`] keeps the chart and
//! which documents were exported (migration 0023); [`file`] writes CSV and JSON; [`pages`] are
//! the export (`/accounting`, `POST /accounting/export`) and the chart
//! (`/accounting/settings`), for those who may finance (`invoices::access`). Payments' entries
//! come with the payments (see [`journal`]'s note).

pub mod file;
pub mod journal;
pub mod pages;
pub mod store;

use axum::{Router, routing::get};

use crate::AppState;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/accounting", get(pages::page))
        .route("/accounting/export", axum::routing::post(pages::export))
        .route(
            "/accounting/settings",
            get(pages::settings).post(pages::save_settings),
        )
}
