//! Payroll (lønn, customer card part 7): the approved hours and pay lines of a period as a file
//! for the firm's payroll system — per worker the employee number, national identity number,
//! wage type, quantity, rate, amount, holiday-pay basis and tax-free flags, STYRK-08 and the
//! assignment's dates, so the payroll system can do holiday pay and the A-melding. The words
//! and the file's format are in [`model`]; the admin's wage type mapping and format in
//! [`settings`]; a period's lines set against what was sent in [`lines`]; the file in
//! [`file`]; the export as one piece in [`run`] over [`store`]; the pages in [`export`].
//! Every sent line is marked (one per sheet and item), so nothing is paid twice. Decision
//! 0020, docs/payroll-export.md.

pub mod export;
pub mod file;
pub mod lines;
pub mod model;
pub mod run;
pub mod settings;
pub mod store;

use axum::{
    Router,
    routing::{get, post},
};

use crate::AppState;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/admin/payroll", get(settings::page).post(settings::save))
        .route("/payroll", get(export::page))
        .route("/payroll/export", post(export::export))
        .route("/payroll/exports/{file}", get(export::download))
}
