//! Invoices and credit notes (part 8, issue 14; decision 0024): manual drafts and their lines (`model` checks a line, `store` keeps them),
//! issuing with a gap-free number, KID, due date, buyer snapshot and totals (`store::issue`),
//! and credit notes for a whole invoice or chosen lines (`credit`), and what happens after issue
//! — delivery, payments, credits — with the status derived from it (`state`, migration 0018). The EHF and PDF of an issued
//! document (`documents`) and the seller's profile (`seller`) follow decision 0027. The staff
//! pages are in `pages`, the price list in `items` (decision 0026). Delivery by the customer's
//! choice — EHF through the access point, email with the PDF, print — is `delivery` (decision
//! 0032). Earlier invoices from a former system are imported in `earlier` (decision 0033).

pub mod access;
pub mod api;
pub mod credit;
pub mod delivery;
pub mod documents;
pub mod earlier;
pub mod items;
pub mod model;
pub mod pages;
pub mod run;
pub mod seller;
pub mod state;
pub mod store;

use axum::{
    Router,
    extract::DefaultBodyLimit,
    routing::{get, post},
};

use crate::AppState;

/// The staff pages for invoices (decision 0026).
pub fn router() -> Router<AppState> {
    use pages::{credit, edit, issue, list, tab, view};
    Router::new()
        .route("/invoices", get(list::page))
        .route("/invoices/sums", get(list::sums_fragment))
        .route("/invoices/export.csv", get(list::csv))
        .route("/invoices/export.xlsx", get(list::xlsx))
        .route("/invoices/new", post(edit::create))
        .route(
            "/invoices/print",
            get(delivery::pages::print_list).post(delivery::pages::mark_printed),
        )
        // Earlier invoices (decision 0033): the previewed CSV comes back in a form,
        // percent-encoded; the preview takes the PDFs too.
        .route(
            "/invoices/earlier/import",
            get(earlier::page)
                .post(earlier::import)
                .layer(DefaultBodyLimit::max(
                    4 * earlier::file::MAX_BYTES + 1024 * 1024,
                )),
        )
        .route(
            "/invoices/earlier/import/preview",
            post(earlier::preview).layer(DefaultBodyLimit::max(earlier::MAX_UPLOAD_BYTES)),
        )
        .route("/invoices/{id}", get(view::show))
        .route("/invoices/{id}/delivery", post(delivery::pages::restart))
        .route("/invoices/{id}/lines", post(edit::add_line))
        .route("/invoices/{id}/lines/{line}", post(edit::update_line))
        .route(
            "/invoices/{id}/lines/{line}/remove",
            post(edit::remove_line),
        )
        .route("/invoices/{id}/references", post(edit::references))
        .route("/invoices/{id}/delete", post(edit::delete))
        .route(
            "/invoices/{id}/issue",
            get(issue::confirm).post(issue::issue),
        )
        .route(
            "/invoices/{id}/credit",
            get(credit::form).post(credit::create),
        )
        .route("/customers/{id}/invoices", get(tab::tab))
        .route(
            "/admin/invoice-items",
            get(items::page).post(items::save_item),
        )
        .route("/admin/invoice-items/{id}/delete", post(items::delete))
}
