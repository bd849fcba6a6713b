//! Kundekort: the customer card for Norwegian staffing and recruitment agencies.
//!
//! The crate is organised by feature (one module per part of the customer card) with shared
//! infrastructure beside them. `main.rs` is a thin CLI over [`app`], [`seed`] and [`db`].

pub mod accounting;
pub mod api;
pub mod app;
pub mod assignments;
pub mod audit;
pub mod auth;
pub mod collate;
pub mod config;
pub mod contacts;
pub mod customers;
pub mod db;
pub mod dialog;
pub mod diary;
pub mod documents;
pub mod ehf;
pub mod error;
pub mod files;
pub mod geo;
pub mod i18n;
pub mod integrations;
pub mod invoices;
pub mod job_ads;
pub mod jobs;
pub mod money;
pub mod norway;
pub mod ops;
pub mod payments;
pub mod payroll;
pub mod portal;
pub mod recruitments;
pub mod search;
pub mod seed;
pub mod signing;
pub mod staff;
pub mod state;
pub mod timefmt;
pub mod timesheets;
pub mod vacancies;
pub mod vault;
pub mod web;
pub mod worker_pages;
pub mod workers;

pub use error::{AppError, Result};
pub use state::AppState;

/// Two TLS crypto back-ends are compiled in (sqlx uses ring, reqwest aws-lc-rs), so rustls
/// cannot pick one by itself: choose aws-lc-rs once per process. Safe to call repeatedly.
pub fn install_crypto_provider() {
    let _ = rustls::crypto::aws_lc_rs::default_provider().install_default();
}
