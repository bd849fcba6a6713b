//! Reminders (decision 0019): the worker N days after a period ends with the sheet unsubmitted,
//! each approver still to decide N days after submission; once each however often the job
//! runs, none when the setting is 0 or the sheet is submitted; the daily job run through the
//! job registry queues its next run.

use kundekort::{
    timefmt::when::{day_start, parse_datetime},
    timesheets::{
        reminders::{self, KIND, Sent},
        store::{
            self, Actor, By, Via,
            settings::{TimesheetSettings, save_settings},
        },
    },
};
use time::macros::date;

use crate::db_test;
use crate::support::{
    TestApp,
    fixtures::count,
    timesheets::{Setup, december_lines, save, setup, version, week_53},
};

async fn set(app: &TestApp, worker_days: i64, approver_days: i64) {
    let mut tx = app.db.begin().await.unwrap();
    let old = store::settings::settings(&app.db).await.unwrap();
    let new = TimesheetSettings {
        worker_reminder_days: worker_days,
        approver_reminder_days: approver_days,
        ..old
    };
    save_settings(&mut tx, app.fx.admin, &old, &new)
        .await
        .unwrap();
    tx.commit().await.unwrap();
}

/// The worker submits (or withdraws) the sheet.
async fn submit(app: &TestApp, s: &Setup, id: i64, withdraw: bool) {
    let worker = By::new(Actor::Worker(s.worker), Via::Page);
    let v = version(app, id).await;
    let mut tx = app.db.begin().await.unwrap();
    if withdraw {
        store::withdraw(&mut tx, id, v, &worker).await.unwrap();
    } else {
        store::submit(&mut tx, id, v, &worker).await.unwrap();
    }
    tx.commit().await.unwrap();
}

async fn run(app: &TestApp, at: i64) -> Sent {
    reminders::send_due(&app.db, &app.state.config.public_url, at)
        .await
        .unwrap()
}

/// An Oslo wall-clock time as unix seconds.
fn oslo(s: &str) -> i64 {
    parse_datetime(s).unwrap()
}

async fn contact_details(app: &TestApp, s: &Setup, email: Option<&str>, mobile: Option<&str>) {
    sqlx::query("UPDATE workers SET email = $1, mobile = $2 WHERE id = $3")
        .bind(email)
        .bind(mobile)
        .bind(s.worker)
        .execute(&app.db.pool)
        .await
        .unwrap();
    sqlx::query("UPDATE contacts SET email = 'per@bygg.no' WHERE id = $1")
        .bind(s.approver)
        .execute(&app.db.pool)
        .await
        .unwrap();
    sqlx::query("UPDATE contacts SET email = 'pia@bygg.no' WHERE id = $1")
        .bind(s.second)
        .execute(&app.db.pool)
        .await
        .unwrap();
}

/// (channel, to, subject, body) of the messages logged on a worker or a customer, oldest first.
async fn messages(app: &TestApp, column: &str, id: i64) -> Vec<(String, String, String, String)> {
    sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "SELECT channel, to_display, subject, body FROM messages WHERE {column} = $1 ORDER BY id"
    )))
    .bind(id)
    .fetch_all(&app.db.pool)
    .await
    .unwrap()
}

/// The reminders among a customer's messages (submitting tells the approvers too, decision 0018).
async fn reminders(app: &TestApp, customer: i64) -> Vec<(String, String, String, String)> {
    let mut mail = messages(app, "customer_id", customer).await;
    mail.retain(|(_, _, subject, body)| {
        subject.starts_with("Påminnelse") || body.starts_with("Påminnelse")
    });
    mail
}

db_test!(
    the_worker_is_reminded_once_when_the_days_have_passed,
    |app| {
        let s = setup(app, false).await;
        contact_details(app, &s, Some("kari@example.no"), Some("+4791234567")).await;
        let (dec, _) = week_53(app, &s).await;
        // December's part ends on Thursday 31 December.
        let due = oslo("2027-01-03T06:00");
        // Off (0): nothing.
        assert_eq!(run(app, due).await, Sent::default());
        set(app, 3, 0).await;
        // Two days after: not yet.
        assert_eq!(run(app, oslo("2027-01-02T23:59")).await, Sent::default());
        assert_eq!(run(app, due).await.workers, 1);
        // Once: the job running again (the same day or later) sends nothing more.
        assert_eq!(run(app, due).await, Sent::default());
        assert_eq!(run(app, oslo("2027-01-05T06:00")).await, Sent::default());
        let sent = messages(app, "worker_id", s.worker).await;
        assert_eq!(sent.len(), 1, "{sent:?}");
        let (channel, to, subject, body) = &sent[0];
        assert_eq!(channel, "email");
        assert!(to.contains("kari@example.no"), "{to}");
        assert!(subject.contains("28.12.2026 – 31.12.2026"), "{subject}");
        assert!(body.starts_with("Hei Kari Nordmann!"), "{body}");
        assert!(
            body.contains("Betongarbeider hos Bygg og Betong AS"),
            "{body}"
        );
        assert!(
            body.contains(&format!("/worker/timesheets/{dec}")),
            "the link to the sheet: {body}"
        );
        assert_eq!(
        count(
            app,
            "SELECT COUNT(*) FROM timesheet_reminders WHERE kind = 'worker' AND message_id IS NOT NULL"
        )
        .await,
        1
    );
    }
);

db_test!(
    a_worker_without_email_gets_an_sms_and_a_submitted_sheet_none,
    |app| {
        let s = setup(app, false).await;
        contact_details(app, &s, None, Some("+4791234567")).await;
        let (dec, jan) = week_53(app, &s).await;
        set(app, 1, 0).await;
        // January's part (1–3 January) submitted: no reminder for it.
        submit(app, &s, jan, false).await;
        let sent = run(app, oslo("2027-01-05T06:00")).await;
        assert_eq!(sent.workers, 1);
        let sms = messages(app, "worker_id", s.worker).await;
        assert_eq!(sms.len(), 1);
        assert_eq!(sms[0].0, "sms");
        assert!(sms[0].1.contains("+4791234567"));
        assert!(
            sms[0].3.contains(&format!("/worker/timesheets/{dec}")),
            "{}",
            sms[0].3
        );
        // No address at all: nothing sent, nothing recorded (an address added later still gets one).
        sqlx::query("DELETE FROM timesheet_reminders")
            .execute(&app.db.pool)
            .await
            .unwrap();
        contact_details(app, &s, None, None).await;
        assert_eq!(run(app, oslo("2027-01-05T06:00")).await, Sent::default());
        assert_eq!(
            count(app, "SELECT COUNT(*) FROM timesheet_reminders").await,
            0
        );
    }
);

db_test!(
    each_undecided_approver_is_reminded_once_per_submission,
    |app| {
        let s = setup(app, true).await;
        contact_details(app, &s, Some("kari@example.no"), None).await;
        let (dec, _) = week_53(app, &s).await;
        let worker = By::new(Actor::Worker(s.worker), Via::Page);
        save(app, dec, &december_lines(), &worker).await.unwrap();
        submit(app, &s, dec, false).await;
        let submitted = store::get(&app.db, dec)
            .await
            .unwrap()
            .unwrap()
            .submitted_at
            .unwrap();
        // Off: nothing.
        assert_eq!(run(app, submitted + 3 * 86_400).await, Sent::default());
        set(app, 0, 2).await;
        // Not before two days.
        assert_eq!(run(app, submitted + 2 * 86_400 - 1).await, Sent::default());
        assert_eq!(run(app, submitted + 2 * 86_400).await.approvers, 2);
        assert_eq!(run(app, submitted + 2 * 86_400).await, Sent::default());
        let mail = reminders(app, s.customer).await;
        assert_eq!(mail.len(), 2, "{mail:?}");
        let (channel, to, subject, body) = &mail[0];
        assert_eq!(channel, "email");
        assert!(to.contains("per@bygg.no"), "{to}");
        assert!(subject.contains("Kari Nordmann"), "{subject}");
        assert!(body.starts_with("Hei Per!"), "{body}");
        assert!(
            body.contains("28.12.2026 – 31.12.2026 (Betongarbeider)"),
            "{body}"
        );
        // Per has no portal log-in: a new one-time link, made only when the message leaves
        // (decision 0018), so the stored text holds the placeholder and no link.
        assert!(body.contains("[personlig lenke"), "{body}");
        assert!(!body.contains("/approve/"), "{body}");
        assert!(mail[1].1.contains("pia@bygg.no"));
        assert!(messages(app, "worker_id", s.worker).await.is_empty());

        // Withdrawn and submitted again, Per approves first: only Pia is reminded of it.
        submit(app, &s, dec, true).await;
        submit(app, &s, dec, false).await;
        // A second submission, a second later at the least.
        sqlx::query("UPDATE timesheets SET submitted_at = $1 WHERE id = $2")
            .bind(submitted + 10)
            .bind(dec)
            .execute(&app.db.pool)
            .await
            .unwrap();
        let v = version(app, dec).await;
        let per = By::new(Actor::Contact(s.approver), Via::Page);
        let mut tx = app.db.begin().await.unwrap();
        store::approve(&mut tx, dec, v, &per).await.unwrap();
        tx.commit().await.unwrap();
        assert_eq!(run(app, submitted + 10 + 2 * 86_400).await.approvers, 1);
        let mail = reminders(app, s.customer).await;
        assert_eq!(mail.len(), 3);
        assert!(mail[2].1.contains("pia@bygg.no"), "{:?}", mail[2]);
    }
);

db_test!(
    the_daily_job_runs_from_the_registry_and_queues_its_next_run,
    |app| {
        let s = setup(app, false).await;
        contact_details(app, &s, Some("kari@example.no"), None).await;
        let (dec, _) = week_53(app, &s).await;
        submit(app, &s, dec, false).await;
        // Submitted two days ago; approvers are reminded after one.
        sqlx::query("UPDATE timesheets SET submitted_at = submitted_at - 2 * 86400 WHERE id = $1")
            .bind(dec)
            .execute(&app.db.pool)
            .await
            .unwrap();
        sqlx::query("UPDATE contacts SET email = 'per@bygg.no' WHERE id = $1")
            .bind(s.approver)
            .execute(&app.db.pool)
            .await
            .unwrap();
        set(app, 0, 1).await;
        let handlers = kundekort::app::job_handlers();
        for _ in 0..2 {
            let mut conn = app.db.pool.acquire().await.unwrap();
            kundekort::jobs::enqueue(&mut conn, KIND, &serde_json::json!({}))
                .await
                .unwrap();
            drop(conn);
            // The reminder job ran (the email waits: no SMTP server in this test).
            let ran = kundekort::jobs::run_until_idle(&app.state, &handlers, "w")
                .await
                .unwrap();
            assert_eq!(ran, 1);
        }
        assert_eq!(
            reminders(app, s.customer).await.len(),
            1,
            "once, though the job ran twice"
        );
        // One next run waits, at 06:00 Oslo time on a later day.
        let next: Vec<(i64,)> = sqlx::query_as(
            "SELECT run_at FROM jobs WHERE kind = $1 AND done_at IS NULL AND failed_at IS NULL",
        )
        .bind(KIND)
        .fetch_all(&app.db.pool)
        .await
        .unwrap();
        assert_eq!(next.len(), 1, "{next:?}");
        let now = kundekort::timefmt::now();
        assert!(next[0].0 > now && next[0].0 <= now + 2 * 86_400);
        assert_eq!(
            reminders::next_run(day_start(date!(2027 - 01 - 04)) + 3600),
            oslo("2027-01-05T06:00")
        );
    }
);
