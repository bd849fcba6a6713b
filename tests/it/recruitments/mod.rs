//! Recruitments through the app: bad input explained and kept, the pipeline board moved by its
//! forms (the keyboard's and the script's requests), interviews in the diary, "hired" making one
//! draft fee invoice with the right øre, the guarantee inside and outside its period, the
//! candidates' privacy job, and access (department, API, the portal's shortlist). The shared
//! helpers live here; the tests by subject in the modules below.

use kundekort::{
    customers::model::CustomerDraft,
    recruitments::{privacy, store},
    timefmt::{now, when::oslo_date},
};
use serde_json::json;

use crate::db_test;
use crate::support::http::{last_id, location, page, post};
use crate::support::{
    TestApp,
    fixtures::{contact, oslo_customer},
    http::send,
    timesheets::portal,
};

mod access;
mod board;
mod board_browser;
mod placement;
mod retention;

/// A worker made through the form by `client`, with `status`; their id.
async fn worker(client: &reqwest::Client, app: &TestApp, name: &str, status: &str) -> i64 {
    let res = client
        .post(app.url("/workers"))
        .form(&[
            ("name", name),
            ("status", status),
            ("mobile", "912 34 567"),
            ("skills", "Økonomi"),
            ("city", "Oslo"),
        ])
        .send()
        .await
        .unwrap();
    last_id(&location(res).await)
}

fn percent_form(contact: i64) -> Vec<(&'static str, String)> {
    vec![
        ("title", "Økonomisjef".into()),
        ("styrk_code", "1211".into()),
        ("description", "Leder økonomiavdelingen.".into()),
        ("fee_kind", "percent".into()),
        ("fee_percent", "12,5".into()),
        ("annual_salary", "654 321,23".into()),
        ("guarantee_months", "6".into()),
        ("guarantee_consequence", "replacement".into()),
        ("contact_id", contact.to_string()),
    ]
}

/// A recruitment made by `client` at `customer` with `form`: (id, its page's path).
async fn recruitment(
    app: &TestApp,
    client: &reqwest::Client,
    customer: i64,
    form: &[(&'static str, String)],
) -> (i64, String) {
    let res = client
        .post(app.url(&format!("/customers/{customer}/recruitments")))
        .form(form)
        .send()
        .await
        .unwrap();
    let to = location(res).await;
    let path = to.split('?').next().unwrap().to_string();
    (last_id(&path), path)
}

/// The candidate row of `worker` on recruitment `rid`.
async fn candidate_of(app: &TestApp, rid: i64, worker: i64) -> i64 {
    sqlx::query_scalar(
        "SELECT id FROM recruitment_candidates WHERE recruitment_id = $1 AND worker_id = $2",
    )
    .bind(rid)
    .bind(worker)
    .fetch_one(&app.db.pool)
    .await
    .unwrap()
}

/// The board as (stage, position, worker) sorted.
async fn board(app: &TestApp, rid: i64) -> Vec<(String, i64, i64)> {
    sqlx::query_as(
        "SELECT stage, position, worker_id FROM recruitment_candidates WHERE recruitment_id = $1 \
         ORDER BY stage, position",
    )
    .bind(rid)
    .fetch_all(&app.db.pool)
    .await
    .unwrap()
}

async fn status_of(app: &TestApp, rid: i64) -> String {
    sqlx::query_scalar("SELECT status FROM recruitments WHERE id = $1")
        .bind(rid)
        .fetch_one(&app.db.pool)
        .await
        .unwrap()
}

async fn contact_in_portal(
    app: &TestApp,
    customer: i64,
    first: &str,
    last: &str,
    rights: &str,
) -> reqwest::Client {
    let id = contact(app, customer, first, last).await;
    portal(app, id, rights).await
}
