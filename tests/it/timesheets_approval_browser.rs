//! The approver in the portal on a phone (390 px): the sheet that differs from the plan comes
//! first with its difference, the matching sheets are approved with one tap, the differing one
//! rejected with a comment (refused first without one); then staff see the weeks' states on the
//! customer's Assignments tab. No page wider than the screen.

use fantoccini::{Client, Locator};
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
use time::Duration;

use crate::support::{
    TestApp,
    browser::{click, login, shot, text_when, with_browser},
    timesheets::{assignment_terms, line, portal, setup, version},
};

async fn overflow(c: &Client) -> i64 {
    let js = "return document.documentElement.scrollWidth - window.innerWidth";
    c.execute(js, vec![]).await.unwrap().as_i64().unwrap()
}

/// Sheets of assignment `aid` from `from` to `to` (prefilled from the plan), the one starting on
/// `odd` given one long day instead, all submitted by the worker; their ids, oldest first.
async fn submitted(
    app: &TestApp,
    aid: i64,
    worker: i64,
    from: time::Date,
    to: time::Date,
    odd: Option<time::Date>,
) -> Vec<i64> {
    let t = assignment_terms(app, aid).await;
    let mut tx = app.db.begin().await.unwrap();
    store::ensure(&mut tx, std::slice::from_ref(&t), from, to)
        .await
        .unwrap();
    tx.commit().await.unwrap();
    let by = By::new(Actor::Worker(worker), Via::Page);
    let mut ids = Vec::new();
    for sheet in store::for_assignment(&app.db, aid).await.unwrap() {
        let mut tx = app.db.begin().await.unwrap();
        let mut v = version(app, sheet.id).await;
        if odd.is_some_and(|d| date_string(d) == sheet.period_start) {
            let day = line(&sheet.period_start, "07:00", "19:00", "30");
            v = store::save(&mut tx, sheet.id, v, &[day], &[], &by)
                .await
                .unwrap()
                .version;
        }
        store::submit(&mut tx, sheet.id, v, &by).await.unwrap();
        tx.commit().await.unwrap();
        ids.push(sheet.id);
    }
    ids.sort();
    ids
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_approver_decides_in_the_portal_on_a_phone_and_the_card_shows_it() {
    with_browser(async |app: &TestApp, c: &Client| {
        let s = setup(app, false).await;
        // Kari's assignment, and Ola's copy of it, from 60 days ago (the card shows this month).
        let today = oslo_date(now());
        let from = today - Duration::days(60);
        sqlx::query("UPDATE assignments SET from_date = $1 WHERE id = $2")
            .bind(date_string(from))
            .bind(s.assignment)
            .execute(&app.db.pool)
            .await
            .unwrap();
        let (ola,): (i64,) = sqlx::query_as(
            "INSERT INTO workers (name, status, search_text, sort_name, created_at, updated_at) \
             VALUES ('Ola Vikar', 'employee', 'ola vikar', 'vikar ola', 0, 0) RETURNING id",
        )
        .fetch_one(&app.db.pool)
        .await
        .unwrap();
        let (other,): (i64,) = sqlx::query_as(
            "INSERT INTO assignments (customer_id, worker_id, title, approver_contact_id, \
             from_date, hours_per_week_minutes, standard_week, bill_rate_ore, pay_rate_ore, \
             overtime, status, created_at, updated_at) SELECT customer_id, $1, 'Snekker', \
             approver_contact_id, from_date, hours_per_week_minutes, standard_week, bill_rate_ore, \
             pay_rate_ore, overtime, status, 0, 0 FROM assignments WHERE id = $2 RETURNING id",
        )
        .bind(ola)
        .bind(s.assignment)
        .fetch_one(&app.db.pool)
        .await
        .unwrap();
        // Kari: this month's first week and the one before, as planned. Ola: this month's first
        // week, one long day instead of the plan.
        let first = period_of(from, None, month_of(today).start).unwrap();
        let kari = submitted(
            app,
            s.assignment,
            s.worker,
            first.start - Duration::days(7),
            first.end,
            None,
        )
        .await;
        let odd = submitted(app, other, ola, first.start, first.end, Some(first.start)).await;
        assert_eq!(odd.len(), 1);
        let odd = odd[0];

        // The approver, logged in to the portal (as an accepted invitation leaves them).
        portal(app, s.approver, "approve_timesheets").await;
        let session = kundekort::portal::session::create(
            &app.state,
            s.approver,
            &crate::support::http::local_client(),
        )
        .await
        .unwrap();
        c.set_window_size(390, 844).await.unwrap();
        c.goto(&app.url("/portal/login")).await.unwrap();
        c.execute(
            "document.cookie = 'kk_portal=' + arguments[0] + '; path=/'",
            vec![serde_json::json!(session.value())],
        )
        .await
        .unwrap();
        let mut too_wide = Vec::new();

        // Exceptions first: Ola's week with its difference, then Kari's weeks grouped.
        c.goto(&app.url("/portal/timesheets")).await.unwrap();
        // (Which difference depends on the weekday the month begins on: a long day, or days
        // without hours.)
        text_when(c, &format!("#differences-{odd}"), None, |t| !t.is_empty()).await;
        let order: Vec<String> = {
            let mut ids = Vec::new();
            for el in c.find_all(Locator::Css("section.card")).await.unwrap() {
                ids.push(el.attr("id").await.unwrap().unwrap_or_default());
            }
            ids
        };
        assert_eq!(order, vec![format!("sheet-{odd}"), "matching".to_string()]);
        let matching = c
            .find_all(Locator::Css("#matching tr[data-sheet]"))
            .await
            .unwrap()
            .len();
        assert_eq!(matching, kari.len());
        shot(c, "portal-timesheets-pending").await;
        let by = overflow(c).await;
        if by > 0 {
            too_wide.push(format!("pending by {by} px"));
        }

        // One tap for the matching ones.
        click(c, "#approve-matching").await;
        let notice = text_when(c, "#timesheets-notice", None, |t| !t.is_empty()).await;
        assert!(
            notice.contains("timelister er godkjent") || notice.contains("approved"),
            "{notice}"
        );
        shot(c, "portal-timesheets-matching-approved").await;

        // The differing one: rejected, first without a comment.
        click(c, &format!("#reject-{odd}")).await;
        text_when(c, ".field-error", None, |t| {
            t.contains("Skriv hvorfor") || t.contains("Say why")
        })
        .await;
        shot(c, "portal-timesheets-reject-needs-comment").await;
        let by = overflow(c).await;
        if by > 0 {
            too_wide.push(format!("refused rejection by {by} px"));
        }
        c.find(Locator::Css(&format!("#comment-{odd}")))
            .await
            .unwrap()
            .send_keys("Mandag var ikke avtalt")
            .await
            .unwrap();
        click(c, &format!("#reject-{odd}")).await;
        let notice = text_when(c, "#timesheets-notice", None, |t| {
            t.contains("avvist") || t.contains("rejected")
        })
        .await;
        assert!(!notice.is_empty());
        shot(c, "portal-timesheets-rejected").await;
        let by = overflow(c).await;
        if by > 0 {
            too_wide.push(format!("after rejecting by {by} px"));
        }
        for id in &kari {
            let st = store::get(&app.db, *id).await.unwrap().unwrap();
            assert_eq!(st.status, "approved");
        }
        let st = store::get(&app.db, odd).await.unwrap().unwrap();
        assert_eq!(
            (st.status.as_str(), st.comment.as_deref()),
            ("rejected", Some("Mandag var ikke avtalt"))
        );

        // Staff, on the phone too: the Assignments tab shows the weeks' states.
        c.delete_all_cookies().await.unwrap();
        login(app, c, "ola@test.no").await;
        c.goto(&app.url(&format!("/customers/{}/assignments", s.customer)))
            .await
            .unwrap();
        let approved = text_when(c, &format!("#sheet-state-{}", s.assignment), None, |t| {
            !t.is_empty()
        })
        .await;
        assert!(
            approved.contains("Godkjent") || approved.contains("Approved"),
            "{approved}"
        );
        let rejected =
            text_when(c, &format!("#sheet-state-{other}"), None, |t| !t.is_empty()).await;
        assert!(
            rejected.contains("Avvist") || rejected.contains("Rejected"),
            "{rejected}"
        );
        shot(c, "card-assignments-week-states").await;
        let by = overflow(c).await;
        if by > 0 {
            too_wide.push(format!("assignments tab by {by} px"));
        }
        assert!(too_wide.is_empty(), "wider than the phone: {too_wide:?}");
    })
    .await;
}
