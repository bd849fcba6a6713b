//! Everything the tests share, split by purpose. Test files import from here (`crate::support::…`),
//! never from each other.
//!
//! - [`app`]: spawning the app on a fresh database ([`TestApp`], [`Backend`], [`run_with`]), the
//!   fixture users, the fake providers wired into the config, and [`db_test!`](crate::db_test).
//! - [`http`]: request helpers on [`TestApp`] (`url`, `client`, `login`, `admin`).
//! - [`fixtures`]: domain set-up (customers, contacts, diary entries, documents, portal access,
//!   signature orders) and small readers of what a test produced.
//! - [`workers`]: workers with an assignment, invited to and logged in to their own pages.
//! - [`invoices`]: a buyer, invoices issued through the store, credit notes, earlier invoices
//!   imported through the pages, payments.
//! - [`bank`]: camt.054 bank files built from the format's field tables.
//! - [`timesheets`]: a worker on an assignment with its week-53 sheets, lines as typed.
//! - [`browser`]: the WebDriver harness for browser tests (`with_browser`, `login`, `shot`, …).
//! - [`fake_smtp`], [`fake_sms`], [`fake_idura`], [`fake_brreg`], [`fake_access_point`],
//!   [`fake_arbeidsplassen`]: local fakes of the outside services, on loopback; [`moto`]: an S3
//!   bucket (moto_server); [`clamd`]: a real ClamAV daemon that knows the EICAR test file.
//! - [`server_process`]: the real binary started as a server process.

pub mod app;
pub mod bank;
pub mod browser;
pub mod clamd;
pub mod fake_access_point;
pub mod fake_arbeidsplassen;
pub mod fake_brreg;
pub mod fake_idura;
pub mod fake_sms;
pub mod fake_smtp;
pub mod fixtures;
pub mod http;
pub mod invoices;
pub mod moto;
pub mod server_process;
pub mod timesheets;
pub mod workers;

pub use app::{Backend, PASSWORD, TestApp, run, run_with, run_with_providers, smtp_config};
