//! Rental offers (utleietilbud) from a vacancy (issue 15, decision 0042): a PDF offer of the
//! vacancy's period, rates and terms ([`pdf`]), kept as a card document (category `offer`),
//! emailed through the outbox or sent for signing through part 4's signing orders; its answer is
//! recorded on the vacancy, automatically when the signing order completes or by hand
//! ([`store`]). The moves are in [`pages`]; the vacancy's page lists the offers.

pub mod pages;
pub mod pdf;
pub mod store;
