//! The integration tests: one binary, the real app on a fresh database per test, every test on
//! SQLite and on PostgreSQL (`db_test!`); browser tests once, on SQLite. One file per feature;
//! what files share is in `support/` (see its module doc). A newcomer's guide: `docs/testing.md`.

mod support;

mod api;
mod assignments;
mod assignments_api;
mod assignments_browser;
mod assignments_portal;
mod auth;
mod browser;
mod browser_card;
mod brreg;
mod caching;
mod contacts;
mod customer_edit;
mod customer_list;
mod demo;
mod dialog;
mod dialog_api;
mod dialog_browser;
mod dialog_faults;
mod dialog_sms;
mod diary;
mod diary_access;
mod diary_browser;
mod diary_feed;
mod documents;
mod documents_api;
mod documents_browser;
mod documents_s3;
mod jobs;
mod login_guard;
mod openapi;
mod oracles;
mod overview;
mod portal;
mod schema;
mod search_rank;
mod secrets;
mod signing;
mod worker_documents;
mod workers;
