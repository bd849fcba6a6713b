//! Timesheets' set-up: a worker on an assignment with a standard week, the split week 53
//! generated, lines as typed, and small helpers over the store.

use kundekort::{
    AppError,
    assignments::{
        model::OvertimeRate,
        store::sheet_terms::{Terms, terms},
        week::{Shift, StandardWeek},
    },
    timesheets::{
        line::LineDraft,
        store::{self, Actor, By, Via},
    },
};
use reqwest::header::{COOKIE, HeaderMap};
use time::macros::date;

use super::{
    TestApp,
    fixtures::{contact, oslo_customer},
};

pub struct Setup {
    pub customer: i64,
    pub worker: i64,
    pub assignment: i64,
    pub approver: i64,
    pub second: i64,
}

/// Kari on an assignment at an Oslo customer from 1 December 2026: Monday–Friday 07:30–15:30
/// with 30 minutes' break (37.5 hours), 250 kr an hour (overtime 50 %: 375), billed 450 (675).
pub async fn setup(app: &TestApp, double: bool) -> Setup {
    let customer = oslo_customer(app, "Bygg og Betong AS").await;
    let approver = contact(app, customer, "Per", "Godkjenner").await;
    let second = contact(app, customer, "Pia", "Prosjektleder").await;
    let (worker,): (i64,) = sqlx::query_as(
        "INSERT INTO workers (name, status, search_text, sort_name, created_at, updated_at) \
         VALUES ('Kari Nordmann', 'employee', 'kari nordmann', 'nordmann kari', 0, 0) RETURNING id",
    )
    .fetch_one(&app.db.pool)
    .await
    .unwrap();
    let week = StandardWeek::weekdays(Shift {
        start: 7 * 60 + 30,
        end: 15 * 60 + 30,
        break_minutes: 30,
    });
    let overtime = vec![OvertimeRate {
        percent: 50,
        bill_ore: 67_500,
        pay_ore: 37_500,
    }];
    let (assignment,): (i64,) = sqlx::query_as(
        "INSERT INTO assignments (customer_id, worker_id, title, approver_contact_id, \
         second_approver_contact_id, from_date, hours_per_week_minutes, standard_week, bill_rate_ore, \
         pay_rate_ore, overtime, status, created_at, updated_at) \
         VALUES ($1, $2, 'Betongarbeider', $3, $4, '2026-12-01', 2250, $5, 45000, 25000, $6, 'active', 0, 0) \
         RETURNING id",
    )
    .bind(customer)
    .bind(worker)
    .bind(approver)
    .bind(if double { Some(second) } else { None })
    .bind(serde_json::to_string(&week).unwrap())
    .bind(serde_json::to_string(&overtime).unwrap())
    .fetch_one(&app.db.pool)
    .await
    .unwrap();
    Setup {
        customer,
        worker,
        assignment,
        approver,
        second,
    }
}

pub async fn assignment_terms(app: &TestApp, id: i64) -> Terms {
    let mut conn = app.db.pool.acquire().await.unwrap();
    terms(&mut conn, id).await.unwrap().unwrap()
}

/// Generates W53 (2026-12-28 … 2027-01-03); the December and January sheets' ids.
pub async fn week_53(app: &TestApp, s: &Setup) -> (i64, i64) {
    let t = assignment_terms(app, s.assignment).await;
    let mut tx = app.db.begin().await.unwrap();
    let n = store::ensure(
        &mut tx,
        std::slice::from_ref(&t),
        date!(2026 - 12 - 28),
        date!(2027 - 01 - 03),
    )
    .await
    .unwrap();
    assert_eq!(n, 2);
    // Again: nothing new.
    let again = store::ensure(&mut tx, &[t], date!(2026 - 12 - 28), date!(2027 - 01 - 03))
        .await
        .unwrap();
    assert_eq!(again, 0);
    tx.commit().await.unwrap();
    let sheets = store::for_assignment(&app.db, s.assignment).await.unwrap();
    (sheets[1].id, sheets[0].id)
}

pub fn line(date: &str, start: &str, end: &str, brk: &str) -> LineDraft {
    LineDraft {
        work_date: date.into(),
        start: start.into(),
        end: end.into(),
        break_minutes: brk.into(),
        comment: String::new(),
    }
}

/// December's days, Wednesday until 19:30.
pub fn december_lines() -> Vec<LineDraft> {
    vec![
        line("2026-12-28", "07:30", "15:30", "30"),
        line("2026-12-29", "07:30", "15:30", "30"),
        line("2026-12-30", "07:30", "19:30", "30"),
        line("2026-12-31", "07:30", "15:30", "30"),
    ]
}

pub async fn version(app: &TestApp, id: i64) -> i64 {
    store::get(&app.db, id).await.unwrap().unwrap().version
}

pub async fn save(app: &TestApp, id: i64, lines: &[LineDraft], by: &By) -> Result<(), AppError> {
    let v = version(app, id).await;
    let mut tx = app.db.begin().await.unwrap();
    store::save(&mut tx, id, v, lines, &[], by).await?;
    tx.commit().await.unwrap();
    Ok(())
}

pub fn conflict_key(r: Result<impl std::fmt::Debug, AppError>) -> &'static str {
    match r {
        Err(AppError::Conflict(m)) => m.key,
        other => panic!("expected a conflict, got {other:?}"),
    }
}

/// The approval link's path (`/approve/…`) in a mail's or an SMS's text.
pub fn approval_path(text: &str) -> String {
    let start = text.find("/approve/").expect("an approval link");
    let end = text[start..]
        .find(|c: char| c.is_whitespace() || c == ')')
        .map_or(text.len(), |e| start + e);
    text[start..end].to_string()
}

/// Generates the sheets from `from` to `to`; the id of each by its `period_start`.
pub async fn generate(
    app: &TestApp,
    s: &Setup,
    from: time::Date,
    to: time::Date,
) -> impl Fn(&str) -> i64 {
    let t = assignment_terms(app, s.assignment).await;
    let mut tx = app.db.begin().await.unwrap();
    store::ensure(&mut tx, std::slice::from_ref(&t), from, to)
        .await
        .unwrap();
    tx.commit().await.unwrap();
    let sheets = store::for_assignment(&app.db, s.assignment).await.unwrap();
    move |start: &str| sheets.iter().find(|x| x.period_start == start).unwrap().id
}

/// A client logged in to the portal as `contact` with `rights` (comma-separated), as an
/// accepted invitation leaves it.
pub async fn portal(app: &TestApp, contact: i64, rights: &str) -> reqwest::Client {
    sqlx::query(
        "INSERT INTO portal_accounts (contact_id, login_email, password_hash, rights, active, \
         created_at, updated_at) VALUES ($1, $2, 'set', $3, 1, 0, 0)",
    )
    .bind(contact)
    .bind(format!("kontakt{contact}@test.no"))
    .bind(rights)
    .execute(&app.db.pool)
    .await
    .unwrap();
    let cookie = kundekort::portal::session::create(
        &app.state,
        contact,
        &crate::support::http::local_client(),
    )
    .await
    .unwrap();
    let mut headers = HeaderMap::new();
    headers.insert(
        COOKIE,
        format!("kk_portal={}", cookie.value()).parse().unwrap(),
    );
    reqwest::Client::builder()
        .default_headers(headers)
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap()
}

/// Saves `lines` as the worker, submits, approves as the contact.
pub async fn approve(app: &TestApp, s: &Setup, id: i64, lines: &[LineDraft]) {
    let worker = By::new(Actor::Worker(s.worker), Via::Page);
    let mut tx = app.db.begin().await.unwrap();
    let saved = store::save(&mut tx, id, version(app, id).await, lines, &[], &worker)
        .await
        .unwrap();
    let v = store::submit(&mut tx, id, saved.version, &worker)
        .await
        .unwrap();
    store::approve(
        &mut tx,
        id,
        v,
        &By::new(Actor::Contact(s.approver), Via::Page),
    )
    .await
    .unwrap();
    tx.commit().await.unwrap();
}

/// A week's days from `monday` (`YYYY-MM-`, day numbers), 07:30–15:30, the last until `end`.
pub fn days(prefix: &str, first: u8, n: u8, end: &str) -> Vec<LineDraft> {
    (0..n)
        .map(|i| {
            let date = format!("{prefix}{:02}", first + i);
            let until = if i + 1 == n { end } else { "15:30" };
            line(&date, "07:30", until, "30")
        })
        .collect()
}
