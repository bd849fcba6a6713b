//! The invoice run (issue 14; decision 0028): approved timesheets → draft invoices. A period
//! (from/to) firm-wide, per department or for one customer: [`collect`] reads what is approved
//! and not billed now and groups it per the assignment's grouping (or the customer's default)
//! into planned invoices with one line per timesheet line part and per allowance, and finds the
//! red (blocking) and yellow problems per customer — the preview, no writes; [`create`] makes the
//! drafts, one transaction per customer, with an `invoice_billing` row per billed source (its
//! primary key keeps two runs at once from billing a source twice) and the sheets marked as
//! invoiced. [`pages`] serves `/invoices/run`; [`hours`] the hours specification
//! `/invoices/{id}/hours` (the trail: sheet, approver, when). Crediting a line by line makes its
//! source billable again (`credit`); a credit by amount never does. A run is a row ([`runs`],
//! decision 0034): a large one's drafts, and issuing any run's drafts, are the `invoice_run` job
//! ([`job`]), and [`progress`] shows `/invoices/run/{id}` with its progress bar and result.

pub mod collect;
pub mod create;
pub mod hours;
pub mod job;
pub mod pages;
pub mod progress;
pub mod runs;

use axum::{Router, routing::get};

pub use job::RunJob;

pub use create::release_sheets;

use crate::AppState;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/invoices/run", get(pages::page).post(pages::make))
        .route("/invoices/run/{run_id}", get(progress::page))
        .route("/invoices/run/{run_id}/progress", get(progress::poll))
        .route(
            "/invoices/run/{run_id}/issue",
            get(progress::confirm).post(progress::issue),
        )
        .route("/invoices/{id}/hours", get(hours::page))
}
