//! Timesheets in the database and on the staff's pages: a split week 53 generated as two sheets,
//! lines saved with overtime against 37.5 agreed hours, a bad line kept with its message and
//! nothing saved, the life cycle (submit, approve as the customer's contact, locked, withdraw
//! racing approve, reopen with a reason, double approval), a warning stored for a 14-hour day,
//! and access by department.

use kundekort::{
    AppError,
    assignments::{
        model::OvertimeRate,
        store::terms::{Terms, terms},
        week::{Shift, StandardWeek},
    },
    timesheets::{
        line::LineDraft,
        store::{self, Actor, By, Via, transition::Approval},
    },
};
use time::macros::date;

use crate::db_test;
use crate::support::{
    TestApp,
    fixtures::{contact, count, oslo_customer},
};

struct Setup {
    customer: i64,
    worker: i64,
    assignment: i64,
    approver: i64,
    second: i64,
}

/// Kari on an assignment at an Oslo customer from 1 December 2026: Monday–Friday 07:30–15:30
/// with 30 minutes' break (37.5 hours), 250 kr an hour (overtime 50 %: 375), billed 450 (675).
async fn setup(app: &TestApp, double: bool) -> Setup {
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

async fn assignment_terms(app: &TestApp, id: i64) -> Terms {
    let mut conn = app.db.pool.acquire().await.unwrap();
    terms(&mut conn, id).await.unwrap().unwrap()
}

/// Generates W53 (2026-12-28 … 2027-01-03); the December and January sheets' ids.
async fn week_53(app: &TestApp, s: &Setup) -> (i64, i64) {
    let t = assignment_terms(app, s.assignment).await;
    let mut tx = app.db.pool.begin().await.unwrap();
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

fn line(date: &str, start: &str, end: &str, brk: &str) -> LineDraft {
    LineDraft {
        work_date: date.into(),
        start: start.into(),
        end: end.into(),
        break_minutes: brk.into(),
        comment: String::new(),
    }
}

/// December's days, Wednesday until 19:30.
fn december_lines() -> Vec<LineDraft> {
    vec![
        line("2026-12-28", "07:30", "15:30", "30"),
        line("2026-12-29", "07:30", "15:30", "30"),
        line("2026-12-30", "07:30", "19:30", "30"),
        line("2026-12-31", "07:30", "15:30", "30"),
    ]
}

async fn version(app: &TestApp, id: i64) -> i64 {
    store::get(&app.db, id).await.unwrap().unwrap().version
}

async fn save(app: &TestApp, id: i64, lines: &[LineDraft], by: &By) -> Result<(), AppError> {
    let v = version(app, id).await;
    let mut tx = app.db.pool.begin().await.unwrap();
    store::save(&mut tx, id, v, lines, &[], by).await?;
    tx.commit().await.unwrap();
    Ok(())
}

fn conflict_key(r: Result<impl std::fmt::Debug, AppError>) -> &'static str {
    match r {
        Err(AppError::Conflict(m)) => m.key,
        other => panic!("expected a conflict, got {other:?}"),
    }
}

db_test!(
    a_split_week_53_is_two_sheets_with_overtime_against_37_5_hours,
    |app| {
        let s = setup(app, false).await;
        let (dec, jan) = week_53(app, &s).await;
        let d = store::detail(&app.db, dec).await.unwrap().unwrap();
        assert_eq!(
            (d.sheet.period_start.as_str(), d.sheet.period_end.as_str()),
            ("2026-12-28", "2026-12-31")
        );
        assert_eq!((d.sheet.iso_year, d.sheet.iso_week), (2026, 53));
        assert_eq!(d.sheet.status, "draft");
        // Prefilled Monday–Thursday from the standard week.
        assert_eq!(d.lines.len(), 4);
        assert_eq!(d.sheet.normal_minutes, 4 * 450);
        let j = store::detail(&app.db, jan).await.unwrap().unwrap();
        assert_eq!(
            (j.sheet.period_start.as_str(), j.sheet.period_end.as_str()),
            ("2027-01-01", "2027-01-03")
        );
        assert_eq!((j.sheet.iso_year, j.sheet.iso_week), (2026, 53));
        // New Year's Day is a public holiday: nothing prefilled.
        assert!(j.lines.is_empty());

        let staff = By::staff(app.fx.consultant_oslo);
        save(app, dec, &december_lines(), &staff).await.unwrap();
        let d = store::detail(&app.db, dec).await.unwrap().unwrap();
        assert_eq!(
            (
                d.sheet.worked_minutes,
                d.sheet.normal_minutes,
                d.sheet.overtime_minutes,
                d.sheet.law_overtime_minutes
            ),
            (2040, 1800, 240, 150)
        );
        let wednesday = d
            .lines
            .iter()
            .find(|l| l.work_date == "2026-12-30")
            .unwrap();
        assert_eq!(
            (wednesday.overtime_minutes, wednesday.overtime_percent),
            (240, Some(50))
        );
        // 30 hours at 250 kr and 4 at 375; billed at 450 and 675.
        assert_eq!(d.sheet.pay_ore, 750_000 + 150_000);
        assert_eq!(d.sheet.bill_ore, 1_350_000 + 270_000);
        // Staff's save is on the sheet and on the card.
        assert_eq!(d.events.len(), 1);
        assert_eq!(
            (d.events[0].action.as_str(), d.events[0].actor.as_str()),
            ("saved", "staff")
        );
        assert_eq!(
            count(
                app,
                "SELECT COUNT(*) FROM audit_log WHERE entity = 'timesheet'"
            )
            .await,
            1
        );

        // January's Saturday, computed with December's part of the week: all overtime (no
        // agreed Saturday); by the law, 60 minutes past 9 hours and, with December's 1890
        // normal minutes, 30 past the week's 40 hours.
        save(
            app,
            jan,
            &[line("2027-01-02", "07:00", "17:00", "")],
            &staff,
        )
        .await
        .unwrap();
        let j = store::get(&app.db, jan).await.unwrap().unwrap();
        assert_eq!(
            (j.normal_minutes, j.overtime_minutes, j.law_overtime_minutes),
            (0, 600, 90)
        );
    }
);

db_test!(
    a_bad_line_is_kept_with_its_message_and_nothing_saved,
    |app| {
        let s = setup(app, false).await;
        let (dec, _) = week_53(app, &s).await;
        let ola = app.login("ola@test.no").await;
        let path = format!(
            "/customers/{}/assignments/{}/timesheets/{dec}",
            s.customer, s.assignment
        );
        let v = version(app, dec).await.to_string();
        let mut form: Vec<(&str, String)> = vec![("version", v.clone()), ("action", "save".into())];
        for (date, start, end) in [
            ("2026-12-28", "07:30", "15:30"),
            ("2026-12-29", "25:00", "15:30"),
        ] {
            form.push(("work_date", date.into()));
            form.push(("start", start.into()));
            form.push(("end", end.into()));
            form.push(("break_minutes", "30".into()));
            form.push(("comment", "Støp".into()));
        }
        let res = ola.post(app.url(&path)).form(&form).send().await.unwrap();
        assert_eq!(res.status(), 422);
        let body = res.text().await.unwrap();
        assert!(body.contains("Skriv starttiden som TT:MM"), "{body}");
        assert!(body.contains("value=\"25:00\""), "{body}");
        assert!(body.contains("value=\"Støp\""), "{body}");
        // Nothing saved: the four prefilled lines and the version as they were.
        let d = store::detail(&app.db, dec).await.unwrap().unwrap();
        assert_eq!(d.lines.len(), 4);
        assert_eq!(d.sheet.version.to_string(), v);
        assert!(d.events.is_empty());

        // The same in the store: every bad field named by its line.
        let mut tx = app.db.pool.begin().await.unwrap();
        let bad = store::save(
            &mut tx,
            dec,
            d.sheet.version,
            &[line("2027-01-05", "07:30", "x", "")],
            &[],
            &By::staff(app.fx.consultant_oslo),
        )
        .await;
        match bad {
            Err(AppError::Invalid(f)) => {
                assert!(f.get("line-0-work_date").is_some() && f.get("line-0-end").is_some())
            }
            other => panic!("{other:?}"),
        }
        drop(tx);

        // A good save through the page shows the computed overtime.
        let mut form: Vec<(&str, String)> = vec![("version", v), ("action", "save".into())];
        for l in december_lines() {
            form.push(("work_date", l.work_date));
            form.push(("start", l.start));
            form.push(("end", l.end));
            form.push(("break_minutes", l.break_minutes));
            form.push(("comment", String::new()));
        }
        let res = ola.post(app.url(&path)).form(&form).send().await.unwrap();
        assert_eq!(res.status(), 303);
        let body = ola
            .get(app.url(&path))
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        assert!(body.contains("id=\"total-overtime\">4,0"), "{body}");
    }
);

db_test!(
    submitted_approved_by_the_contact_is_locked_and_reopened_with_a_reason,
    |app| {
        let s = setup(app, false).await;
        let (dec, _) = week_53(app, &s).await;
        let worker = By::new(Actor::Worker(s.worker), Via::Page);
        save(app, dec, &december_lines(), &worker).await.unwrap();
        // Another worker may not.
        assert!(matches!(
            save(
                app,
                dec,
                &december_lines(),
                &By::new(Actor::Worker(s.worker + 1), Via::Page)
            )
            .await,
            Err(AppError::Forbidden)
        ));
        let mut tx = app.db.pool.begin().await.unwrap();
        let v = store::submit(&mut tx, dec, version(app, dec).await, &worker)
            .await
            .unwrap();
        tx.commit().await.unwrap();

        let contact = By::new(Actor::Contact(s.approver), Via::Link);
        let mut tx = app.db.pool.begin().await.unwrap();
        // Staff do not approve, nor does a contact who is not the approver.
        assert!(matches!(
            store::approve(&mut tx, dec, v, &By::staff(app.fx.admin)).await,
            Err(AppError::Forbidden)
        ));
        assert!(matches!(
            store::approve(
                &mut tx,
                dec,
                v,
                &By::new(Actor::Contact(s.second), Via::Page)
            )
            .await,
            Err(AppError::Forbidden)
        ));
        let done = store::approve(&mut tx, dec, v, &contact).await.unwrap();
        tx.commit().await.unwrap();
        assert_eq!(done, Approval::Approved { version: v + 1 });

        // Locked: saving is refused.
        let r = save(app, dec, &december_lines(), &worker).await;
        assert_eq!(conflict_key(r), "timesheet-locked");

        // Reopen: staff only, with a reason, not once invoiced.
        let v = version(app, dec).await;
        let mut tx = app.db.pool.begin().await.unwrap();
        assert!(matches!(
            store::reopen(&mut tx, dec, v, "Feil", &contact).await,
            Err(AppError::Forbidden)
        ));
        let staff = By::staff(app.fx.consultant_oslo);
        assert!(matches!(
            store::reopen(&mut tx, dec, v, "  ", &staff).await,
            Err(AppError::Invalid(_))
        ));
        store::reopen(&mut tx, dec, v, "Feil dato onsdag", &staff)
            .await
            .unwrap();
        tx.commit().await.unwrap();
        let d = store::detail(&app.db, dec).await.unwrap().unwrap();
        assert_eq!(d.sheet.status, "draft");
        let actions: Vec<&str> = d.events.iter().map(|e| e.action.as_str()).collect();
        assert_eq!(actions, ["saved", "submitted", "approved", "reopened"]);
        assert_eq!(d.events[2].via, "link");
        assert_eq!(d.events[3].comment.as_deref(), Some("Feil dato onsdag"));
        assert_eq!(
            count(
                app,
                "SELECT COUNT(*) FROM audit_log WHERE entity = 'timesheet' AND action = 'reopen'"
            )
            .await,
            1
        );

        // Approved again, then invoiced: no reopening.
        let mut tx = app.db.pool.begin().await.unwrap();
        let v = store::submit(&mut tx, dec, d.sheet.version, &worker)
            .await
            .unwrap();
        store::approve(&mut tx, dec, v, &contact).await.unwrap();
        sqlx::query("UPDATE timesheets SET invoiced_at = 1 WHERE id = $1")
            .bind(dec)
            .execute(&mut *tx)
            .await
            .unwrap();
        let r = store::reopen(&mut tx, dec, v + 1, "Rettelse", &staff).await;
        assert_eq!(conflict_key(r), "timesheet-invoiced");
    }
);

db_test!(withdrawing_while_the_approver_approves_one_wins, |app| {
    let s = setup(app, false).await;
    let (dec, jan) = week_53(app, &s).await;
    let worker = By::new(Actor::Worker(s.worker), Via::Page);
    let contact = By::new(Actor::Contact(s.approver), Via::Link);
    for (id, withdraw_first) in [(dec, true), (jan, false)] {
        let mut tx = app.db.pool.begin().await.unwrap();
        let v = store::submit(&mut tx, id, version(app, id).await, &worker)
            .await
            .unwrap();
        tx.commit().await.unwrap();
        // Both saw version v.
        let mut first = app.db.pool.begin().await.unwrap();
        let mut second = app.db.pool.begin().await.unwrap();
        if withdraw_first {
            store::withdraw(&mut first, id, v, &worker).await.unwrap();
            first.commit().await.unwrap();
            let r = store::approve(&mut second, id, v, &contact).await;
            assert_eq!(conflict_key(r), "timesheet-changed");
            assert_eq!(
                store::get(&app.db, id).await.unwrap().unwrap().status,
                "draft"
            );
        } else {
            store::approve(&mut first, id, v, &contact).await.unwrap();
            first.commit().await.unwrap();
            let r = store::withdraw(&mut second, id, v, &worker).await;
            assert_eq!(conflict_key(r), "timesheet-changed");
            assert_eq!(
                store::get(&app.db, id).await.unwrap().unwrap().status,
                "approved"
            );
        }
    }
});

db_test!(double_approval_needs_both_approvers, |app| {
    let s = setup(app, true).await;
    let (dec, _) = week_53(app, &s).await;
    let mut tx = app.db.pool.begin().await.unwrap();
    let v = store::submit(
        &mut tx,
        dec,
        version(app, dec).await,
        &By::staff(app.fx.admin),
    )
    .await
    .unwrap();
    let per = By::new(Actor::Contact(s.approver), Via::Page);
    let pia = By::new(Actor::Contact(s.second), Via::Link);
    let Approval::First { version: v } = store::approve(&mut tx, dec, v, &per).await.unwrap()
    else {
        panic!("the first of two approvals");
    };
    assert_eq!(
        conflict_key(store::approve(&mut tx, dec, v, &per).await),
        "timesheet-approved-by-you"
    );
    assert!(matches!(
        store::approve(&mut tx, dec, v, &pia).await.unwrap(),
        Approval::Approved { .. }
    ));
    tx.commit().await.unwrap();
    assert_eq!(
        store::get(&app.db, dec).await.unwrap().unwrap().status,
        "approved"
    );
});

db_test!(a_14_hour_day_stores_a_warning, |app| {
    let s = setup(app, false).await;
    let (dec, _) = week_53(app, &s).await;
    let mut lines = december_lines();
    lines[1] = line("2026-12-29", "06:00", "20:00", "30");
    save(app, dec, &lines, &By::staff(app.fx.consultant_oslo))
        .await
        .unwrap();
    let d = store::detail(&app.db, dec).await.unwrap().unwrap();
    let w = d
        .warnings
        .iter()
        .find(|w| w.rule == "work_24_hours")
        .unwrap_or_else(|| panic!("{:?}", d.warnings));
    assert_eq!((w.value_minutes, w.limit_minutes), (810, 780));
    assert_eq!(w.from_date, "2026-12-29");
    // Shown on the page in the user's language.
    let ola = app.login("ola@test.no").await;
    let body = ola
        .get(app.url(&format!(
            "/customers/{}/assignments/{}/timesheets/{dec}",
            s.customer, s.assignment
        )))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        body.contains("Arbeidstid 13,5 timer i løpet av 24 timer"),
        "{body}"
    );
    // Saved again without the long day: the warning is gone.
    save(
        app,
        dec,
        &december_lines(),
        &By::staff(app.fx.consultant_oslo),
    )
    .await
    .unwrap();
    assert_eq!(
        count(app, "SELECT COUNT(*) FROM timesheet_warnings").await,
        0
    );
});

db_test!(
    a_consultant_of_another_department_does_not_see_the_sheets,
    |app| {
        let s = setup(app, false).await;
        let (dec, _) = week_53(app, &s).await;
        let base = format!(
            "/customers/{}/assignments/{}/timesheets",
            s.customer, s.assignment
        );
        let ola = app.login("ola@test.no").await;
        for path in [base.clone(), format!("{base}/{dec}")] {
            let res = ola.get(app.url(&path)).send().await.unwrap();
            assert_eq!(res.status(), 200, "{path}");
        }
        // The card's tab shows the sheet's state this month (none begun: missing).
        let tab = ola
            .get(app.url(&format!("/customers/{}/assignments", s.customer)))
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        assert!(
            tab.contains(&format!("id=\"sheet-state-{}\"", s.assignment)),
            "{tab}"
        );
        let berit = app.login("berit@test.no").await;
        for path in [base.clone(), format!("{base}/{dec}")] {
            let res = berit.get(app.url(&path)).send().await.unwrap();
            assert_eq!(res.status(), 404, "{path}");
        }
        let res = berit
            .post(app.url(&format!("{base}/{dec}")))
            .form(&[("version", "1"), ("action", "save")])
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 404);
        let res = berit
            .post(app.url(&format!("{base}/{dec}/reopen")))
            .form(&[("version", "1"), ("reason", "x")])
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 404);
        // A sheet under another assignment's path is not found either.
        let res = ola
            .get(app.url(&format!(
                "/customers/{}/assignments/{}/timesheets/{dec}",
                s.customer,
                s.assignment + 1000
            )))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 404);
    }
);
