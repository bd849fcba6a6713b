//! Timesheets in the database: a split week 53 generated as two sheets, lines saved with overtime
//! against 37.5 agreed hours, the life cycle (submit, approve as the customer's contact, locked,
//! withdraw racing approve, reopen with a reason, double approval) and a warning stored for a
//! 14-hour day. The staff's pages are in `timesheets_pages.rs`.

use kundekort::{
    AppError,
    timesheets::store::{self, Actor, By, Via, transition::Approval},
};

use time::macros::date;

use crate::db_test;
use crate::support::{
    fixtures::count,
    timesheets::{conflict_key, december_lines, line, save, setup, version, week_53},
};

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
        let mut tx = app.db.begin().await.unwrap();
        let v = store::submit(&mut tx, dec, version(app, dec).await, &worker)
            .await
            .unwrap();
        tx.commit().await.unwrap();

        let contact = By::new(Actor::Contact(s.approver), Via::Link);
        let mut tx = app.db.begin().await.unwrap();
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
        let mut tx = app.db.begin().await.unwrap();
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
                "SELECT COUNT(*) FROM audit_log WHERE entity = 'timesheet' AND action = 'timesheet-reopen'"
            )
            .await,
            1
        );

        // Approved again, then invoiced: no reopening.
        let mut tx = app.db.begin().await.unwrap();
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
        let mut tx = app.db.begin().await.unwrap();
        let v = store::submit(&mut tx, id, version(app, id).await, &worker)
            .await
            .unwrap();
        tx.commit().await.unwrap();
        // Both saw version v: two transactions open at once, so `Db::begin` would make the
        // second wait on SQLite for the first's write lock. Both deferred on purpose.
        let mut first = app.db.pool.begin().await.unwrap();
        // deferred on purpose (see above)
        let mut second = app.db.pool.begin().await.unwrap();
        if withdraw_first {
            store::withdraw(&mut first, id, v, &worker).await.unwrap();
            first.commit().await.unwrap();
            let r = store::approve(&mut second, id, v, &contact).await;
            assert_eq!(conflict_key(r), "timesheet-changed");
            // Rolled back now, not when the pool gets round to it: on SQLite the loser's
            // write lock would otherwise outlive the next iteration's busy timeout under load.
            second.rollback().await.unwrap();
            assert_eq!(
                store::get(&app.db, id).await.unwrap().unwrap().status,
                "draft"
            );
        } else {
            store::approve(&mut first, id, v, &contact).await.unwrap();
            first.commit().await.unwrap();
            let r = store::withdraw(&mut second, id, v, &worker).await;
            assert_eq!(conflict_key(r), "timesheet-changed");
            // Rolled back now, not when the pool gets round to it: on SQLite the loser's
            // write lock would otherwise outlive the next iteration's busy timeout under load.
            second.rollback().await.unwrap();
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
    let mut tx = app.db.begin().await.unwrap();
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
    a_month_for_many_assignments_is_generated_in_batches_once,
    |app| {
        let s = setup(app, false).await;
        let (week, overtime): (String, String) =
            sqlx::query_as("SELECT standard_week, overtime FROM assignments WHERE id = $1")
                .bind(s.assignment)
                .fetch_one(&app.db.pool)
                .await
                .unwrap();
        // 300 more assignments: 1,505 sheets, so the inserts go in several batches of 400.
        for _ in 0..3 {
            let mut sql = kundekort::db::Sql::new(
                "INSERT INTO assignments (customer_id, worker_id, title, from_date, hours_per_week_minutes, \
             standard_week, bill_rate_ore, pay_rate_ore, overtime, status, created_at, updated_at) VALUES ",
            );
            for i in 0..100 {
                if i > 0 {
                    sql.push(", ");
                }
                sql.push("(")
                    .bind(s.customer)
                    .push(", ")
                    .bind(s.worker)
                    .push(", 'Lager', '2026-11-02', 2250, ")
                    .bind(week.as_str())
                    .push(", 45000, 25000, ")
                    .bind(overtime.as_str())
                    .push(", 'active', 0, 0)");
            }
            sql.query().execute(&app.db.pool).await.unwrap();
        }
        let mut tx = app.db.begin().await.unwrap();
        let n = store::ensure_running(&mut tx, date!(2026 - 12 - 01), date!(2026 - 12 - 31))
            .await
            .unwrap();
        tx.commit().await.unwrap();
        // December 2026: 1–6, 7–13, 14–20, 21–27, 28–31.
        assert_eq!(n, 301 * 5);
        // 23 weekdays less Christmas Day: 22 prefilled lines each.
        assert_eq!(
            count(app, "SELECT COUNT(*) FROM timesheet_lines").await,
            301 * 22
        );
        // Again: nothing new.
        let mut tx = app.db.begin().await.unwrap();
        let again = store::ensure_running(&mut tx, date!(2026 - 12 - 01), date!(2026 - 12 - 31))
            .await
            .unwrap();
        assert_eq!(again, 0);
    }
);
