//! The firm's timesheet settings (decision 0019): the admin's page (admins only, bad input
//! explained and kept, audited), the overtime agreement moving the 7-day limit from 10 to 20
//! hours at the edge on the next save, and the young workers' rules running from the birth date
//! the national identity number gives, up to the day before the 18th birthday.

use kundekort::{
    norway::national_id::{self, NationalId},
    timesheets::store::{self, By},
    workers::national_id as worker_national_id,
};
use time::{Date, macros::date};

use crate::db_test;
use crate::support::{
    TestApp,
    fixtures::count,
    timesheets::{Setup, assignment_terms, line, save, setup},
};

async fn post_settings(
    app: &TestApp,
    client: &reqwest::Client,
    form: &[(&str, &str)],
) -> reqwest::Response {
    client
        .post(app.url("/admin/timesheets"))
        .form(form)
        .send()
        .await
        .unwrap()
}

db_test!(only_admins_change_the_timesheet_settings, |app| {
    let ola = app.login("ola@test.no").await;
    let res = ola.get(app.url("/admin/timesheets")).send().await.unwrap();
    assert_eq!(res.status(), 403);
    let res = post_settings(app, &ola, &[("overtime_agreement", "1")]).await;
    assert_eq!(res.status(), 403);
    let leder = app.login("leder@test.no").await;
    let res = leder
        .get(app.url("/admin/timesheets"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 403);

    let admin = app.admin().await;
    let body = admin
        .get(app.url("/admin/timesheets"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        body.contains("id=\"overtime-agreement-none\" checked"),
        "{body}"
    );
    assert!(body.contains("href=\"/admin/timesheets\""));

    // Bad input: explained in the user's language, what was typed kept, nothing saved.
    let res = post_settings(
        app,
        &admin,
        &[
            ("overtime_agreement", "1"),
            ("worker_reminder_days", "tre"),
            ("approver_reminder_days", "61"),
        ],
    )
    .await;
    assert_eq!(res.status(), 422);
    let body = res.text().await.unwrap();
    assert!(body.contains("Skriv et helt antall dager"), "{body}");
    assert!(
        body.contains("Skriv et antall fra 0 til 60 dager"),
        "{body}"
    );
    assert!(body.contains("value=\"tre\""));
    assert!(body.contains("value=\"61\""));
    assert!(body.contains("id=\"overtime-agreement-yes\" checked"));
    let s = store::settings::settings(&app.db).await.unwrap();
    assert_eq!(s, Default::default());

    let res = post_settings(
        app,
        &admin,
        &[
            ("overtime_agreement", "1"),
            ("worker_reminder_days", " 3 "),
            ("approver_reminder_days", "2"),
        ],
    )
    .await;
    assert_eq!(res.status(), 303);
    assert_eq!(res.headers()["location"], "/admin/timesheets?saved=1");
    let s = store::settings::settings(&app.db).await.unwrap();
    assert!(s.overtime_agreement);
    assert_eq!((s.worker_reminder_days, s.approver_reminder_days), (3, 2));
    let (changes,): (String,) = sqlx::query_as(
        "SELECT changes FROM audit_log WHERE entity = 'timesheet-settings' AND user_id = $1",
    )
    .bind(app.fx.admin)
    .fetch_one(&app.db.pool)
    .await
    .unwrap();
    assert!(
        changes.contains("10/25/200") && changes.contains("20/50/300"),
        "{changes}"
    );
    // Saved again unchanged: nothing more in the history.
    post_settings(
        app,
        &admin,
        &[
            ("overtime_agreement", "1"),
            ("worker_reminder_days", "3"),
            ("approver_reminder_days", "2"),
        ],
    )
    .await;
    assert_eq!(
        count(
            app,
            "SELECT COUNT(*) FROM audit_log WHERE entity = 'timesheet-settings'"
        )
        .await,
        1
    );
});

/// Sheets from 21 to 31 December (week 52 and week 53's December part); their ids.
async fn weeks_52_53(app: &TestApp, s: &Setup) -> (i64, i64) {
    let t = assignment_terms(app, s.assignment).await;
    let mut tx = app.db.begin().await.unwrap();
    store::ensure(&mut tx, &[t], date!(2026 - 12 - 21), date!(2026 - 12 - 31))
        .await
        .unwrap();
    tx.commit().await.unwrap();
    let sheets = store::for_assignment(&app.db, s.assignment).await.unwrap();
    let id = |start: &str| sheets.iter().find(|x| x.period_start == start).unwrap().id;
    (id("2026-12-21"), id("2026-12-28"))
}

/// The 7-day overtime warning stored on a sheet: (value, limit) in minutes.
async fn overtime_7(app: &TestApp, sheet: i64) -> Option<(i64, i64)> {
    let d = store::detail(&app.db, sheet).await.unwrap().unwrap();
    d.warnings
        .iter()
        .find(|w| w.rule == "overtime_7_days")
        .map(|w| (w.value_minutes, w.limit_minutes))
}

async fn set_agreement(app: &TestApp, agreement: bool) {
    let admin = app.admin().await;
    let res = post_settings(
        app,
        &admin,
        &[
            ("overtime_agreement", if agreement { "1" } else { "0" }),
            ("worker_reminder_days", "0"),
            ("approver_reminder_days", "0"),
        ],
    )
    .await;
    assert_eq!(res.status(), 303);
}

db_test!(without_an_agreement_overtime_warns_past_10_hours, |app| {
    let s = setup(app, false).await;
    let (_, dec) = weeks_52_53(app, &s).await;
    let by = By::staff(app.fx.consultant_oslo);
    // Four days of 11.5 hours: 2.5 hours of the law's overtime each, 10 hours in all.
    let mut lines: Vec<_> = ["2026-12-28", "2026-12-29", "2026-12-30", "2026-12-31"]
        .iter()
        .map(|d| line(d, "07:00", "19:00", "30"))
        .collect();
    save(app, dec, &lines, &by).await.unwrap();
    assert_eq!(overtime_7(app, dec).await, None);
    // One minute more.
    lines[3] = line("2026-12-31", "07:00", "19:01", "30");
    save(app, dec, &lines, &by).await.unwrap();
    assert_eq!(overtime_7(app, dec).await, Some((601, 600)));
    // With the agreement the same lines are within 20 hours, once saved again.
    set_agreement(app, true).await;
    assert_eq!(
        overtime_7(app, dec).await,
        Some((601, 600)),
        "kept until saved"
    );
    save(app, dec, &lines, &by).await.unwrap();
    assert_eq!(overtime_7(app, dec).await, None);
});

db_test!(with_an_agreement_overtime_warns_past_20_hours, |app| {
    set_agreement(app, true).await;
    let s = setup(app, false).await;
    let (w52, dec) = weeks_52_53(app, &s).await;
    let by = By::staff(app.fx.consultant_oslo);
    // 24–27 December (week 52) and 28 December: 13 hours a day, 4 hours of the law's overtime
    // each, 20 hours in five days.
    let long = |d: &str| line(d, "07:00", "20:30", "30");
    let w52_lines: Vec<_> = ["2026-12-24", "2026-12-25", "2026-12-26", "2026-12-27"]
        .iter()
        .map(|d| long(d))
        .collect();
    save(app, w52, &w52_lines, &by).await.unwrap();
    save(app, dec, &[long("2026-12-28")], &by).await.unwrap();
    assert_eq!(overtime_7(app, dec).await, None);
    // One minute more.
    save(app, dec, &[line("2026-12-28", "07:00", "20:31", "30")], &by)
        .await
        .unwrap();
    assert_eq!(overtime_7(app, dec).await, Some((1201, 1200)));
    // Without the agreement, the law's 10 hours.
    set_agreement(app, false).await;
    save(app, dec, &[long("2026-12-28")], &by).await.unwrap();
    assert_eq!(overtime_7(app, dec).await, Some((1200, 600)));
});

/// A valid fødselsnummer for `born` (born 2000–2039: individual numbers 500–999).
fn fnr(born: Date) -> String {
    let first9 = format!(
        "{:02}{:02}{:02}500",
        born.day(),
        u8::from(born.month()),
        born.year() % 100
    );
    national_id::with_check_digits(&first9).unwrap()
}

async fn birth_date_column(app: &TestApp, worker: i64) -> Option<String> {
    let (d,): (Option<String>,) = sqlx::query_as("SELECT birth_date FROM workers WHERE id = $1")
        .bind(worker)
        .fetch_one(&app.db.pool)
        .await
        .unwrap();
    d
}

db_test!(
    young_workers_rules_run_until_the_day_before_the_18th_birthday,
    |app| {
        let s = setup(app, false).await;
        let (_, dec) = weeks_52_53(app, &s).await;
        let by = By::staff(app.fx.consultant_oslo);
        // Evening work on 28 and 29 December, 20:00–22:00: an hour after 21 each day.
        let lines = [
            line("2026-12-28", "20:00", "22:00", "0"),
            line("2026-12-29", "20:00", "22:00", "0"),
        ];
        // No birth date known: the young workers' rules do not run.
        save(app, dec, &lines, &by).await.unwrap();
        let young_of = |d: store::Detail| {
            d.warnings
                .into_iter()
                .filter(|w| w.rule.starts_with("young_"))
                .map(|w| (w.rule, w.from_date, w.value_minutes))
                .collect::<Vec<_>>()
        };
        let detail = || async { store::detail(&app.db, dec).await.unwrap().unwrap() };
        assert_eq!(young_of(detail().await), vec![]);

        // Born 29 December 2008: 17 years and 364 days old on the 28th, 18 on the 29th.
        let number = NationalId::parse(&fnr(date!(2008 - 12 - 29)), date!(2026 - 12 - 02)).unwrap();
        let mut tx = app.db.begin().await.unwrap();
        worker_national_id::set(&mut tx, &app.state.data_key, s.worker, &number)
            .await
            .unwrap();
        tx.commit().await.unwrap();
        assert_eq!(
            birth_date_column(app, s.worker).await.as_deref(),
            Some("2008-12-29")
        );
        save(app, dec, &lines, &by).await.unwrap();
        assert_eq!(
            young_of(detail().await),
            vec![("young_night".to_string(), "2026-12-28".to_string(), 60)]
        );

        // A number stored before birth dates were kept gets its date when it is revealed.
        sqlx::query("UPDATE workers SET birth_date = NULL WHERE id = $1")
            .bind(s.worker)
            .execute(&app.db.pool)
            .await
            .unwrap();
        let mut tx = app.db.begin().await.unwrap();
        worker_national_id::reveal(
            &mut tx,
            &app.state.data_key,
            s.worker,
            app.fx.admin,
            worker_national_id::Purpose::Page,
        )
        .await
        .unwrap()
        .unwrap();
        tx.commit().await.unwrap();
        assert_eq!(
            birth_date_column(app, s.worker).await.as_deref(),
            Some("2008-12-29")
        );

        // The number removed: the date goes with it, and the rules stop.
        let mut tx = app.db.begin().await.unwrap();
        worker_national_id::clear(&mut tx, s.worker).await.unwrap();
        tx.commit().await.unwrap();
        assert_eq!(birth_date_column(app, s.worker).await, None);
        save(app, dec, &lines, &by).await.unwrap();
        assert_eq!(young_of(detail().await), vec![]);
    }
);
