//! Invoices and credit notes (part 8, issue 14; decision 0024). This first slice is the store,
//! no pages yet: manual drafts and their lines (`model` checks a line, `store` keeps them),
//! issuing with a gap-free number, KID, due date, buyer snapshot and totals (`store::issue`),
//! and credit notes for a whole invoice or chosen lines (`credit`), and what happens after issue
//! — delivery, payments, credits — with the status derived from it (`state`, migration 0018). The EHF of a stored document
//! and the seller's profile are not built yet (decision 0024).

pub mod access;
pub mod credit;
pub mod model;
pub mod run;
pub mod state;
pub mod store;
