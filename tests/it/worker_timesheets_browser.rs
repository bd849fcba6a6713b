//! The worker's week on a phone (390 px): the sheet from the home page, submitted as prefilled,
//! and no page wider than the screen.

use fantoccini::{Client, Locator};

use crate::support::{
    TestApp,
    browser::{click, shot, text_when, with_browser},
    timesheets::{setup, week_53},
    workers::logged_in,
};

async fn overflow(c: &Client) -> i64 {
    let js = "return document.documentElement.scrollWidth - window.innerWidth";
    c.execute(js, vec![]).await.unwrap().as_i64().unwrap()
}

async fn type_into(c: &Client, css: &str, text: &str) {
    c.find(Locator::Css(css))
        .await
        .unwrap()
        .send_keys(text)
        .await
        .unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_worker_submits_a_week_on_a_phone() {
    with_browser(async |app: &TestApp, c: &Client| {
        let s = setup(app, false).await;
        let (kari, _) = logged_in(app, "Kari Nordmann", "kari@vikar.test").await;
        sqlx::query("UPDATE assignments SET worker_id = $1 WHERE id = $2")
            .bind(kari)
            .bind(s.assignment)
            .execute(&app.db.pool)
            .await
            .unwrap();
        let (dec, _) = week_53(app, &s).await;
        c.set_window_size(390, 844).await.unwrap();
        c.goto(&app.url("/worker/login")).await.unwrap();
        type_into(c, "#email", "kari@vikar.test").await;
        type_into(c, "#password", "vikar-passord-1").await;
        click(c, "#worker-login-submit").await;
        text_when(c, "#worker-name", None, |t| t == "Kari Nordmann").await;
        let mut too_wide = Vec::new();
        shot(c, "worker-timesheets-home").await;
        let by = overflow(c).await;
        if by > 0 {
            too_wide.push(format!("home by {by} px"));
        }
        c.goto(&app.url(&format!("/worker/timesheets/{dec}")))
            .await
            .unwrap();
        text_when(c, "#timesheet-status", None, |t| !t.is_empty()).await;
        shot(c, "worker-timesheet-draft").await;
        let by = overflow(c).await;
        if by > 0 {
            too_wide.push(format!("sheet by {by} px"));
        }
        click(c, "#submit-timesheet").await;
        let status = text_when(c, "#timesheet-status", None, |t| {
            t == "Sendt inn" || t == "Submitted"
        })
        .await;
        assert!(!status.is_empty());
        shot(c, "worker-timesheet-submitted").await;
        let by = overflow(c).await;
        if by > 0 {
            too_wide.push(format!("submitted sheet by {by} px"));
        }
        assert!(too_wide.is_empty(), "wider than the phone: {too_wide:?}");
    })
    .await;
}
