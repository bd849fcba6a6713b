//! Timesheets (timelister, customer card part 7): the hours a worker writes down for an
//! assignment, one sheet per ISO week split at a month's end. This step owns the rules, as pure
//! functions over plain values: the periods ([`period`]), a day line and its real minutes in
//! Oslo time ([`line`]), normal hours and overtime ([`split`]), allowances ([`allowances`]), the
//! working-hours law's warnings across all of a worker's assignments ([`law`]) and the expected
//! pay and bill ([`pay`]). The sheets are stored and move through their life cycle in
//! [`store`] (computing through the rules, decision 0015); the staff's pages under an
//! assignment are [`sheet`]; the customer's approvers approve or reject in the portal ([`approval`] over
//! [`portal`]); the same through `/api/v1` is [`api`]. The firm's settings — the overtime agreement, the reminders' days — are the
//! admin's [`settings`] page; the daily [`reminders`] job reminds workers and approvers; the
//! firm-wide report of the law's warnings is [`warnings`] (decision 0019). Staff import hours from a time-clock file ([`import`]). Payroll reads the
//! approved sheets through [`store::payroll`].

pub mod allowances;
pub mod api;
pub mod approval;
pub mod approve_link;
pub mod import;
pub mod law;
pub mod line;
pub mod links;
pub mod notify;
pub mod pay;
pub mod period;
pub mod portal;
pub mod reminders;
pub mod settings;
pub mod sheet;
pub mod split;
pub mod store;
pub mod warnings;

#[cfg(test)]
mod tests;

use axum::{
    Router,
    extract::DefaultBodyLimit,
    routing::{get, post},
};

use crate::AppState;

pub fn router() -> Router<AppState> {
    Router::new()
        .route(
            "/customers/{id}/assignments/{aid}/timesheets",
            get(sheet::list),
        )
        .route(
            "/customers/{id}/assignments/{aid}/timesheets/{tid}",
            get(sheet::show).post(sheet::save),
        )
        .route(
            "/customers/{id}/assignments/{aid}/timesheets/{tid}/reopen",
            post(sheet::reopen),
        )
        .route(
            "/admin/timesheets",
            get(settings::page).post(settings::save),
        )
        .route("/timesheets/warnings", get(warnings::page))
        // The previewed file comes back in a form: percent-encoded, up to three times its size.
        .route(
            "/timesheets/import",
            get(import::page)
                .post(import::import)
                .layer(DefaultBodyLimit::max(4 * import::file::MAX_BYTES)),
        )
        .route("/timesheets/import/preview", post(import::preview))
        .route("/portal/timesheets", get(approval::page))
        .route(
            "/portal/timesheets/approve",
            post(approval::approve_matching),
        )
        .route("/portal/timesheets/{tid}/approve", post(approval::approve))
        .route("/portal/timesheets/{tid}/reject", post(approval::reject))
        .route("/approve/{token}", get(approve_link::page))
        .route(
            "/approve/{token}/sheets/{tid}/approve",
            post(approve_link::approve),
        )
        .route(
            "/approve/{token}/sheets/{tid}/reject",
            post(approve_link::reject),
        )
}
