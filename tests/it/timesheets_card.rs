//! Timesheets on the customer's card, relative to today (the pages use the clock): the
//! Assignments tab shows each week begun this month with its sheet's state (approved, missing …)
//! linking to the sheet, and the hours reported this month; the overview's key figures count the
//! hours of the last 30 days on sheets submitted or approved — not drafts, not older lines.

use kundekort::{
    timefmt::{
        now,
        when::{date_string, oslo_date},
    },
    timesheets::{
        period::{month_of, period_of},
        store::{self, Actor, By, Via},
    },
};
use time::{Date, Duration};

use crate::db_test;
use crate::support::{
    TestApp,
    timesheets::{Setup, assignment_terms, line, setup, version},
};

/// Kari's assignment moved to start 60 days ago; today in Oslo.
async fn running(app: &TestApp) -> (Setup, Date) {
    let s = setup(app, false).await;
    let today = oslo_date(now());
    sqlx::query("UPDATE assignments SET from_date = $1 WHERE id = $2")
        .bind(date_string(today - Duration::days(60)))
        .bind(s.assignment)
        .execute(&app.db.pool)
        .await
        .unwrap();
    (s, today)
}

/// Lines (day, start, end, no break) reported on the sheets of their periods, each sheet then
/// left a draft, submitted by the worker or also approved by the approver; the sheets' ids.
async fn report(app: &TestApp, s: &Setup, days: &[(Date, &str, &str)], to: &str) -> Vec<i64> {
    let t = assignment_terms(app, s.assignment).await;
    let from = t.from().unwrap();
    let mut ids = Vec::new();
    let mut periods: Vec<_> = days
        .iter()
        .map(|(d, _, _)| period_of(from, None, *d).unwrap())
        .collect();
    periods.dedup();
    for p in periods {
        let mut tx = app.db.begin().await.unwrap();
        store::ensure(&mut tx, std::slice::from_ref(&t), p.start, p.end)
            .await
            .unwrap();
        tx.commit().await.unwrap();
        let sheet = store::for_assignment(&app.db, s.assignment)
            .await
            .unwrap()
            .into_iter()
            .find(|x| x.period_start == date_string(p.start))
            .unwrap()
            .id;
        let lines: Vec<_> = days
            .iter()
            .filter(|(d, _, _)| p.contains(*d))
            .map(|(d, start, end)| line(&date_string(*d), start, end, ""))
            .collect();
        let worker = By::new(Actor::Worker(s.worker), Via::Page);
        let approver = By::new(Actor::Contact(s.approver), Via::Page);
        let mut tx = app.db.begin().await.unwrap();
        let v = version(app, sheet).await;
        let mut v = store::save(&mut tx, sheet, v, &lines, &[], &worker)
            .await
            .unwrap()
            .version;
        if to != "draft" {
            v = store::submit(&mut tx, sheet, v, &worker).await.unwrap();
        }
        if to == "approved" {
            store::approve(&mut tx, sheet, v, &approver).await.unwrap();
        }
        tx.commit().await.unwrap();
        ids.push(sheet);
    }
    ids
}

async fn page(app: &TestApp, path: &str) -> String {
    let ola = app.login("ola@test.no").await;
    let res = ola.get(app.url(path)).send().await.unwrap();
    assert_eq!(res.status(), 200, "{path}");
    res.text().await.unwrap()
}

/// The table cell (or definition) with `id`, up to its closing tag.
fn cell<'a>(html: &'a str, id: &str, close: &str) -> &'a str {
    let at = html
        .find(&format!("id=\"{id}\""))
        .unwrap_or_else(|| panic!("{id}: {html}"));
    let rest = &html[at..];
    &rest[..rest.find(close).unwrap()]
}

db_test!(
    the_tab_shows_each_week_begun_this_month_and_the_hours,
    |app| {
        let (s, today) = running(app).await;
        let month = month_of(today);
        // The month's first week (part): 7.5 hours on its first day, approved.
        let first = report(app, &s, &[(month.start, "08:00", "15:30")], "approved").await[0];
        let tab = page(app, &format!("/customers/{}/assignments", s.customer)).await;
        let weeks = cell(&tab, &format!("sheet-state-{}", s.assignment), "</td>");
        let base = format!(
            "/customers/{}/assignments/{}/timesheets",
            s.customer, s.assignment
        );
        assert!(
            weeks.contains(&format!(
                "class=\"badge badge-timesheet-approved\" href=\"{base}/{first}\""
            )),
            "{weeks}"
        );
        assert!(weeks.contains("Godkjent"), "{weeks}");
        // Every later week begun has no sheet: missing, linking to the sheets (which makes them).
        let current = period_of(month.start, None, today).unwrap();
        let missing = weeks.matches("badge-timesheet-missing").count();
        let begun_after_first = month_weeks_begun(month.start, today) - 1;
        assert_eq!(missing, begun_after_first, "{weeks}");
        if current.start != month.start {
            assert!(
                weeks.contains(&format!(
                    "class=\"badge badge-timesheet-missing\" href=\"{base}\""
                )),
                "{weeks}"
            );
            assert!(weeks.contains("Mangler"), "{weeks}");
        }
        let hours = cell(&tab, &format!("month-hours-{}", s.assignment), "</td>");
        assert!(hours.ends_with(">7,5"), "{hours}");
    }
);

/// How many periods of the month have begun by `today` (the month's weeks split at its start).
fn month_weeks_begun(first: Date, today: Date) -> usize {
    let mut n = 0;
    let mut day = first;
    while day <= today {
        n += 1;
        day = period_of(first, None, day).unwrap().end + Duration::days(1);
    }
    n
}

db_test!(
    the_overview_counts_the_hours_of_the_last_30_days_reported,
    |app| {
        let (s, today) = running(app).await;
        let ago = |days: i64| today - Duration::days(days);
        // Counted: today's 7.5 hours submitted, 1 hour 29 days ago approved.
        report(app, &s, &[(today, "08:00", "15:30")], "submitted").await;
        report(
            app,
            &s,
            &[(ago(30), "07:00", "09:00"), (ago(29), "07:00", "08:00")],
            "approved",
        )
        .await;
        // Not counted: a draft 10 days ago, an approved day 40 days ago.
        report(app, &s, &[(ago(10), "07:00", "11:00")], "draft").await;
        report(app, &s, &[(ago(40), "07:00", "10:00")], "approved").await;
        let overview = page(app, &format!("/customers/{}", s.customer)).await;
        let figure = cell(&overview, "figure-hours-30-days", "</dd>");
        assert!(figure.ends_with(">8,5"), "{figure}");
        assert!(
            overview.contains("Innrapporterte timer siste 30 dager (levert og godkjent)"),
            "{overview}"
        );
    }
);
