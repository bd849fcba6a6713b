//! An approver without a portal log-in on a phone (390 px): the links come by email from the test
//! SMTP server; one sheet approved, another rejected with a comment (refused first without one,
//! what was typed kept), and no page wider than the screen.

use fantoccini::{Client, Locator};
use kundekort::timesheets::store::{self, Actor, By, Via};
use time::macros::date;

use crate::support::{
    TestApp,
    app::smtp_config,
    browser::{click, shot, text_when, with_browser_using},
    fake_smtp::FakeSmtp,
    fixtures::run_worker,
    timesheets::{approval_path, generate, setup, version},
};

/// How far the page, or the day lines' table in its scrolling frame, is wider than the screen.
async fn overflow(c: &Client) -> i64 {
    let js = "const t = document.querySelector('.table-wrap'); \
              return Math.max(document.documentElement.scrollWidth - window.innerWidth, \
                              t ? t.scrollWidth - t.clientWidth : 0)";
    c.execute(js, vec![]).await.unwrap().as_i64().unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_approver_approves_and_rejects_by_link_on_a_phone() {
    let smtp = FakeSmtp::start().await;
    let port = smtp.port();
    with_browser_using(
        |c| c.smtp = Some(smtp_config(port)),
        async |app: &TestApp, c: &Client| {
            let s = setup(app, false).await;
            sqlx::query("UPDATE contacts SET email = 'per@bygg.test' WHERE id = $1")
                .bind(s.approver)
                .execute(&app.db.pool)
                .await
                .unwrap();
            let id = generate(app, &s, date!(2026 - 12 - 07), date!(2026 - 12 - 20)).await;
            let ids = [id("2026-12-07"), id("2026-12-14")];
            let by = By::new(Actor::Worker(s.worker), Via::Page);
            for id in &ids {
                let v = version(app, *id).await;
                let mut tx = app.db.begin().await.unwrap();
                store::submit(&mut tx, *id, v, &by).await.unwrap();
                tx.commit().await.unwrap();
            }
            run_worker(app).await;
            let mails = smtp.wait_for(2, 10).await;
            // Week 50's link first, whichever mail came first. (The headless browser may ask for
            // English or bokmål: both are accepted below.)
            let mut links: Vec<(bool, String)> = mails
                .iter()
                .map(|m| {
                    let body = m.parsed().body_text(0).unwrap().to_string();
                    (!body.contains("07.12.2026"), approval_path(&body))
                })
                .collect();
            links.sort();
            let links: Vec<String> = links.into_iter().map(|(_, l)| l).collect();
            assert_ne!(links[0], links[1]);
            c.set_window_size(390, 844).await.unwrap();
            let mut too_wide = Vec::new();

            // The first week: looked over and approved.
            c.goto(&app.url(&links[0])).await.unwrap();
            text_when(c, "h2", None, |t| t.contains("Kari Nordmann")).await;
            shot(c, "approval-link-sheet").await;
            let by = overflow(c).await;
            if by > 0 {
                too_wide.push(format!("sheet by {by} px"));
            }
            click(c, "#approve").await;
            let done = text_when(c, "#approve-done", None, |t| !t.is_empty()).await;
            assert!(
                done.contains("er godkjent") || done.contains("is approved"),
                "{done}"
            );
            shot(c, "approval-link-approved").await;

            // The second: rejected, first without a comment.
            c.goto(&app.url(&links[1])).await.unwrap();
            text_when(c, "h2", None, |t| t.contains("Kari Nordmann")).await;
            click(c, "#reject").await;
            text_when(c, ".field-error", None, |t| {
                t.contains("Skriv hvorfor") || t.contains("Say why")
            })
            .await;
            shot(c, "approval-link-reject-needs-comment").await;
            c.find(Locator::Css("#comment"))
                .await
                .unwrap()
                .send_keys("Torsdag var fridag")
                .await
                .unwrap();
            click(c, "#reject").await;
            let done = text_when(c, "#approve-done", None, |t| !t.is_empty()).await;
            assert!(
                done.contains("avvist") || done.contains("rejected"),
                "{done}"
            );
            shot(c, "approval-link-rejected").await;
            let by = overflow(c).await;
            if by > 0 {
                too_wide.push(format!("rejected by {by} px"));
            }

            // The first link again: refused plainly.
            c.goto(&app.url(&links[0])).await.unwrap();
            let refused = text_when(c, "#approve-refused", None, |t| !t.is_empty()).await;
            assert!(
                refused.contains("allerede brukt") || refused.contains("already been used"),
                "{refused}"
            );
            shot(c, "approval-link-used").await;

            let statuses: Vec<String> = store::for_assignment(&app.db, s.assignment)
                .await
                .unwrap()
                .into_iter()
                .rev()
                .map(|x| x.status)
                .collect();
            assert_eq!(statuses, vec!["approved", "rejected"]);
            let sheet = store::get(&app.db, ids[1]).await.unwrap().unwrap();
            assert_eq!(sheet.comment.as_deref(), Some("Torsdag var fridag"));
            assert!(too_wide.is_empty(), "wider than the phone: {too_wide:?}");
        },
    )
    .await;
    smtp.stop().await;
}
