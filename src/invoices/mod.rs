//! Invoices and credit notes (part 8, issue 14; decision 0024). This first slice is the store,
//! no pages yet: manual drafts and their lines (`model` checks a line, `store` keeps them),
//! issuing with a gap-free number, KID, due date, buyer snapshot and totals (`store::issue`),
//! and credit notes for a whole invoice or chosen lines (`credit`), and what happens after issue
//! — delivery, payments, credits — with the status derived from it (`state`, migration 0018). The EHF and PDF of an issued
//! document (`documents`) and the seller's profile (`seller`) follow decision 0027.

pub mod access;
pub mod api;
pub mod credit;
pub mod documents;
pub mod model;
pub mod run;
pub mod seller;
pub mod state;
pub mod store;
