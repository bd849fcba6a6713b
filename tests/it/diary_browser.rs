//! Browser test of the diary in headless Chromium: create an activity from the customer card,
//! find it in the consultant's week view, drag it to another day, reload, and it is still there.
//! (WebDriver plumbing from `browser.rs`; skipped locally without chromedriver.)

use std::time::Duration;

use fantoccini::{
    Client, Locator,
    actions::{InputSource, MOUSE_BUTTON_LEFT, MouseActions, PointerAction},
};
use kundekort::timefmt::{now, when};

use crate::{
    support::TestApp,
    support::browser::{fill, login, set_date, shot, with_browser},
    support::fixtures::{oslo_customer, type_id},
};

async fn starts_at(app: &TestApp, id: i64) -> (i64, i64) {
    sqlx::query_as("SELECT starts_at, version FROM activities WHERE id = $1")
        .bind(id)
        .fetch_one(&app.db.pool)
        .await
        .unwrap()
}

/// The x-centres of the week view's seven day headers, Monday first.
async fn day_columns(c: &Client) -> Vec<f64> {
    let headers = c
        .find_all(Locator::Css("[role=columnheader]"))
        .await
        .unwrap();
    let mut xs = Vec::new();
    for h in headers {
        let (x, _, w, _) = h.rectangle().await.unwrap();
        if w > 40.0 {
            xs.push(x + w / 2.0);
        }
    }
    xs.sort_by(f64::total_cmp);
    xs.dedup_by(|a, b| (*a - *b).abs() < 1.0);
    xs
}

async fn event_x(c: &Client, id: i64) -> f64 {
    let el = c
        .wait()
        .at_most(Duration::from_secs(10))
        .for_element(Locator::Css(&format!("[data-activity='{id}']")))
        .await
        .expect("the activity is in the week view");
    let (x, _, w, _) = el.rectangle().await.unwrap();
    x + w / 2.0
}

fn nearest(columns: &[f64], x: f64) -> usize {
    (0..columns.len())
        .min_by(|&a, &b| (columns[a] - x).abs().total_cmp(&(columns[b] - x).abs()))
        .unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn create_on_the_card_find_in_the_week_and_drag_to_another_day() {
    with_browser(flow).await;
}

async fn flow(app: &TestApp, c: &Client) {
    let cid = oslo_customer(app, "Kalender Kunde AS").await;
    // Tuesday this week (Oslo), 10:00: the week view opens on this week; Wednesday is the drop.
    let today = when::oslo_date(now());
    let monday = today - time::Duration::days(i64::from(today.weekday().number_days_from_monday()));
    let tuesday = when::date_string(monday + time::Duration::days(1));
    let wednesday = monday + time::Duration::days(2);

    // Enough colleagues that the participants become a searchable picker.
    for (n, name) in [
        "Åse Ås",
        "Bjørn Berg",
        "Cecilie Dahl",
        "Dag Eng",
        "Eva Fjell",
    ]
    .iter()
    .enumerate()
    {
        kundekort::staff::users::insert(
            &mut app.db.pool.acquire().await.unwrap(),
            kundekort::staff::users::NewUser {
                email: &format!("kollega{n}@test.no"),
                name,
                password_hash: "x".into(),
                role: kundekort::auth::Role::Consultant,
                department_id: Some(app.fx.oslo),
            },
        )
        .await
        .unwrap();
    }
    login(app, c, "ola@test.no").await;

    // Register the activity on the card's diary tab.
    c.goto(&app.url(&format!("/customers/{cid}/diary")))
        .await
        .unwrap();
    c.find(Locator::Css("#new-activity"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    c.wait()
        .for_element(Locator::Css("#activity-form"))
        .await
        .unwrap();
    c.find(Locator::Css("#f-type_id"))
        .await
        .unwrap()
        .select_by_value(&type_id(app, "customer_meeting").await.to_string())
        .await
        .unwrap();
    fill(c, "#f-title", "Forhandlingsmøte").await;
    // The participants: Ola first and ticked, the others found by typing.
    let shown = |c: &Client| {
        let c = c.clone();
        async move {
            let v = c
                .execute(
                    "return [...document.querySelectorAll('#f-participants .checks label')]\
                     .filter(l => !l.hidden).map(l => l.textContent.trim());",
                    vec![],
                )
                .await
                .unwrap();
            serde_json::from_value::<Vec<String>>(v).unwrap()
        }
    };
    assert_eq!(shown(c).await, vec!["Ola Oslo"]);
    fill(c, "#f-participants-search", "bjø").await;
    assert_eq!(shown(c).await, vec!["Bjørn Berg"]);
    c.find(Locator::Css("#f-participants-search"))
        .await
        .unwrap()
        .send_keys("\u{E007}")
        .await
        .unwrap();
    assert_eq!(shown(c).await, vec!["Ola Oslo", "Bjørn Berg"]);
    // Day and time as the form offers them; moving the start day moves the end day with it.
    set_date(c, "start_date", &tuesday).await;
    let end_day = c
        .find(Locator::Css("#f-end_date"))
        .await
        .unwrap()
        .prop("value")
        .await
        .unwrap();
    assert_eq!(
        end_day.as_deref(),
        Some(tuesday.as_str()),
        "the end follows"
    );
    for (css, v) in [("#f-start_time", "10:00"), ("#f-end_time", "11:00")] {
        c.find(Locator::Css(css))
            .await
            .unwrap()
            .select_by_value(v)
            .await
            .unwrap();
    }
    fill(c, "#f-location", "Karl Johans gate 1").await;
    shot(c, "diary-01-form").await;
    c.find(Locator::Css("#save"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    c.wait()
        .for_element(Locator::XPath(
            "//table[@id='activity-table']//a[contains(., 'Forhandlingsmøte')]",
        ))
        .await
        .expect("listed on the card");
    let (id,): (i64,) =
        sqlx::query_as("SELECT id FROM activities WHERE title = 'Forhandlingsmøte'")
            .fetch_one(&app.db.pool)
            .await
            .unwrap();
    let (people,): (i64,) =
        sqlx::query_as("SELECT COUNT(*) FROM activity_participants WHERE activity_id = $1")
            .bind(id)
            .fetch_one(&app.db.pool)
            .await
            .unwrap();
    assert_eq!(people, 2, "Ola and the colleague picked by typing");
    shot(c, "diary-02-card").await;

    // The consultant's week view shows it on Tuesday.
    c.find(Locator::Css("header nav a[href='/diary']"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    let x = event_x(c, id).await;
    let columns = day_columns(c).await;
    assert_eq!(columns.len(), 7, "a week of seven days: {columns:?}");
    assert_eq!(nearest(&columns, x), 1, "on Tuesday");
    let page = c.source().await.unwrap();
    assert!(page.contains("Forhandlingsmøte"));
    shot(c, "diary-03-week").await;

    // Drag it to Wednesday.
    let event = c
        .find(Locator::Css(&format!("[data-activity='{id}']")))
        .await
        .unwrap();
    let dx = columns[2] - columns[1];
    let drag = MouseActions::new("mouse".to_string())
        .then(PointerAction::MoveToElement {
            element: event,
            duration: None,
            x: 0.0,
            y: 0.0,
        })
        .then(PointerAction::Down {
            button: MOUSE_BUTTON_LEFT,
        })
        .then(PointerAction::MoveBy {
            duration: Some(Duration::from_millis(200)),
            x: 10.0,
            y: 0.0,
        })
        .then(PointerAction::MoveBy {
            duration: Some(Duration::from_millis(400)),
            x: dx - 10.0,
            y: 0.0,
        })
        .then(PointerAction::Pause {
            duration: Duration::from_millis(200),
        })
        .then(PointerAction::Up {
            button: MOUSE_BUTTON_LEFT,
        });
    c.perform_actions(drag).await.unwrap();
    let before = when::parse_datetime(&format!("{tuesday}T10:00")).unwrap();
    let mut saved = starts_at(app, id).await;
    for _ in 0..50 {
        if saved.1 > 1 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
        saved = starts_at(app, id).await;
    }
    assert_eq!(saved.1, 2, "the move was saved");
    assert_eq!(when::oslo_date(saved.0), wednesday, "moved to Wednesday");
    assert_eq!(saved.0 - before, 86_400, "same time of day");
    shot(c, "diary-04-dragged").await;

    // Reload: still on Wednesday.
    c.refresh().await.unwrap();
    let x = event_x(c, id).await;
    let columns = day_columns(c).await;
    assert_eq!(nearest(&columns, x), 2, "on Wednesday after reload");
    shot(c, "diary-05-reloaded").await;
}
