//! The timeline box on the overview in headless Chromium: it loads more as it scrolls into
//! view, narrows to a kind with one click, and fits at 1440 and 390 px (issue 16).

use std::time::Duration;

use fantoccini::{Client, Locator};

use crate::{
    support::TestApp,
    support::browser::{click, login, shot, with_browser},
    support::fixtures::two_customers,
};

/// The kinds of the items in the list, read in one script call.
async fn item_kinds(c: &Client) -> Vec<String> {
    let js = "return Array.from(document.querySelectorAll('#timeline-list > li.timeline-item')).map(e => e.dataset.kind)";
    serde_json::from_value(c.execute(js, vec![]).await.unwrap()).unwrap()
}

/// Waits until `ok` accepts the list's kinds; returns them.
async fn kinds_when(c: &Client, ok: impl Fn(&[String]) -> bool) -> Vec<String> {
    let mut last = Vec::new();
    for _ in 0..100 {
        last = item_kinds(c).await;
        if ok(&last) {
            return last;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!(
        "the timeline never became right; last seen {} items: {last:?}",
        last.len()
    );
}

async fn page_width(c: &Client) -> (i64, i64) {
    let v = c
        .execute(
            "return [document.documentElement.scrollWidth, window.innerWidth]",
            vec![],
        )
        .await
        .unwrap();
    serde_json::from_value::<(i64, i64)>(v).unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_timeline_box_scrolls_for_more_and_filters_by_kind() {
    with_browser(async |app: &TestApp, c: &Client| {
        let (oslo, _) = two_customers(app).await;
        let t = 1_700_000_000;
        for i in 0..40 {
            let (channel, direction) = if i % 8 == 0 { ("sms", "in") } else { ("email", "out") };
            sqlx::query(
                "INSERT INTO messages (uid, customer_id, channel, direction, from_address, \
                 to_display, subject, body, search_text, status, created_at, updated_at) \
                 VALUES ($1, $2, $3, $4, 'kari@kunde.no', 'Kari Kunde <kari@kunde.no>', $5, $5, $5, \
                 'sent', $6, $6)",
            )
            .bind(format!("browser-{i}"))
            .bind(oslo)
            .bind(channel)
            .bind(direction)
            .bind(format!("Vaktliste for uke {} og bemanning av lageret", 10 + i))
            .bind(t + i)
            .execute(&app.db.pool)
            .await
            .unwrap();
        }
        // 40 messages and the customer's creation.
        let total = 41;
        login(app, c, "ola@test.no").await;
        c.set_window_size(1440, 1000).await.unwrap();
        c.goto(&app.url(&format!("/customers/{oslo}")))
            .await
            .unwrap();
        c.wait()
            .for_element(Locator::Css("#box-timeline #timeline-list"))
            .await
            .unwrap();
        assert_eq!(item_kinds(c).await.len(), 25, "the first page");
        c.execute(
            "document.getElementById('box-timeline').scrollIntoView()",
            vec![],
        )
        .await
        .unwrap();
        shot(c, "timeline-1440").await;

        // Scrolling the "more" row into view loads the rest, once each.
        c.execute(
            "document.getElementById('timeline-more').scrollIntoView()",
            vec![],
        )
        .await
        .unwrap();
        let kinds = kinds_when(c, |k| k.len() == total).await;
        assert_eq!(kinds[0], "master", "the newest: the customer was created now");
        assert!(c.find(Locator::Css("#timeline-more")).await.is_err(), "no more after the end");

        // One click narrows to SMS; the overview stays where it is.
        c.execute("window.scrollTo(0, 0)", vec![]).await.unwrap();
        c.execute(
            "document.getElementById('timeline-filter').scrollIntoView()",
            vec![],
        )
        .await
        .unwrap();
        click(c, "#timeline-kind-sms").await;
        let kinds = kinds_when(c, |k| !k.is_empty() && k.iter().all(|x| x == "sms")).await;
        assert_eq!(kinds.len(), 5);
        assert!(c.current_url().await.unwrap().path().ends_with(&format!("/customers/{oslo}")));
        // Ticking email as well shows both.
        click(c, "#timeline-kind-email").await;
        kinds_when(c, |k| k.len() == 25 && k.iter().any(|x| x == "email")).await;
        shot(c, "timeline-filtered-1440").await;

        // The page the filter and "more" lead to without JavaScript.
        c.goto(&app.url(&format!("/customers/{oslo}/timeline?kind=sms")))
            .await
            .unwrap();
        let kinds = kinds_when(c, |k| !k.is_empty()).await;
        assert!(kinds.iter().all(|k| k == "sms"), "{kinds:?}");
        shot(c, "timeline-page-1440").await;

        // At 390 px the box fits the screen.
        c.set_window_size(390, 844).await.unwrap();
        c.goto(&app.url(&format!("/customers/{oslo}")))
            .await
            .unwrap();
        c.wait()
            .for_element(Locator::Css("#box-timeline #timeline-list"))
            .await
            .unwrap();
        c.execute(
            "document.getElementById('box-timeline').scrollIntoView()",
            vec![],
        )
        .await
        .unwrap();
        tokio::time::sleep(Duration::from_millis(300)).await;
        shot(c, "timeline-390").await;
        let (scroll, inner) = page_width(c).await;
        assert!(scroll <= inner, "page {scroll} px wide in a {inner} px window");
        c.set_window_size(1280, 900).await.unwrap();
    })
    .await;
}
