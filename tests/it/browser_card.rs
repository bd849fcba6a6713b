//! Browser tests for the customer card: arranging the overview, fixed comments, contacts and the
//! customer portal, in real headless Chromium.

use std::time::Duration;

use fantoccini::{
    Client, Locator,
    actions::{InputSource, MOUSE_BUTTON_LEFT, MouseActions, PointerAction},
};

use crate::{
    support::TestApp,
    support::browser::{login, shot, text_when, with_browser},
    support::fixtures::two_customers,
};

/// The visible boxes' order, read in one script call so that an htmx swap cannot race it.
async fn box_order(c: &Client) -> Vec<String> {
    let js = "return Array.from(document.querySelectorAll('#box-list [data-box]')).map(e => e.dataset.box)";
    let value = c.execute(js, vec![]).await.unwrap();
    serde_json::from_value(value).unwrap()
}

/// The overview's packing, measured in the page: the largest empty space above a box (to the box
/// above it in its column, or to the top of the list) and whether the boxes' tops follow the
/// user's order (each box starts no higher than the one before it).
async fn packing(c: &Client) -> (f64, bool) {
    let js = r#"
        const list = document.getElementById('box-list');
        const boxes = Array.from(list.querySelectorAll(':scope > [data-box]')).map(e => e.getBoundingClientRect());
        const top = list.getBoundingClientRect().top;
        let hole = 0, ordered = true;
        boxes.forEach((r, i) => {
            const above = boxes.filter(o => o !== r && o.bottom <= r.top + 1 && o.left < r.right - 1 && o.right > r.left + 1);
            const floor = above.length ? Math.max(...above.map(o => o.bottom)) : top;
            hole = Math.max(hole, r.top - floor);
            if (i > 0 && r.top + 1 < boxes[i - 1].top) ordered = false;
        });
        return [hole, ordered];
    "#;
    let value = c.execute(js, vec![]).await.unwrap();
    serde_json::from_value(value).unwrap()
}

/// The boxes pack without holes (at most the 16 px gap and a 4 px row) at this width, in order.
async fn packed_at(c: &Client, width: u32, name: &str) {
    c.set_window_size(width, 1000).await.unwrap();
    // The packing follows the new width on the next frames: wait (bounded) until it holds.
    let mut last = (0.0, false);
    for _ in 0..50 {
        last = packing(c).await;
        if last.0 <= 21.0 && last.1 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    shot(c, &format!("{name}-{width}")).await;
    assert!(
        last.0 <= 21.0,
        "no hole above a box at {width} px: {} px",
        last.0
    );
    assert!(last.1, "the boxes follow the user's order at {width} px");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn arrange_the_overview_and_add_a_fixed_comment() {
    with_browser(async |app: &TestApp, c: &Client| {
        let (oslo, _) = two_customers(app).await;
        login(app, c, "ola@test.no").await;
        c.goto(&app.url(&format!("/customers/{oslo}")))
            .await
            .unwrap();
        c.wait()
            .for_element(Locator::Css("#box-history"))
            .await
            .unwrap();
        assert_eq!(box_order(c).await[0], "comments");
        for width in [1440, 1024, 390] {
            packed_at(c, width, "09-overview-packed").await;
        }
        c.set_window_size(1400, 1000).await.unwrap();

        // Drag the history box by its handle to the top.
        let handle = c
            .find(Locator::Css("#box-history .box-handle"))
            .await
            .unwrap();
        let target = c
            .find(Locator::Css("#box-comments .box-handle"))
            .await
            .unwrap();
        let drag = MouseActions::new("mouse".to_string())
            .then(PointerAction::MoveToElement {
                element: handle,
                duration: None,
                x: 0.0,
                y: 0.0,
            })
            .then(PointerAction::Down {
                button: MOUSE_BUTTON_LEFT,
            })
            .then(PointerAction::MoveBy {
                duration: Some(Duration::from_millis(200)),
                x: 0.0,
                y: -20.0,
            })
            .then(PointerAction::MoveToElement {
                element: target,
                duration: Some(Duration::from_millis(400)),
                x: 0.0,
                y: -5.0,
            })
            .then(PointerAction::Pause {
                duration: Duration::from_millis(300),
            })
            .then(PointerAction::Up {
                button: MOUSE_BUTTON_LEFT,
            });
        c.perform_actions(drag).await.unwrap();
        c.wait()
            .at_most(Duration::from_secs(10))
            .for_element(Locator::XPath(
                "//span[@id='layout-status' and contains(., 'lagret')]",
            ))
            .await
            .expect("the new order is saved");
        c.refresh().await.unwrap();
        c.wait()
            .for_element(Locator::Css("#box-history"))
            .await
            .unwrap();
        assert_eq!(
            box_order(c).await[0],
            "history",
            "the dragged order survives a reload"
        );
        packed_at(c, 1400, "09-overview-after-drag").await;

        // The keyboard way: move the master data box up, hide the key figures.
        let before = box_order(c).await;
        c.find(Locator::Css("[data-move-up=master]"))
            .await
            .unwrap()
            .click()
            .await
            .unwrap();
        // htmx swaps the boxes in place: wait (bounded) for the new order before the next click.
        let mut moved = false;
        for _ in 0..50 {
            if box_order(c).await.ne(&before) {
                moved = true;
                break;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        assert!(moved, "the move-up button changed the order");
        c.find(Locator::Css("[data-hide=figures]"))
            .await
            .unwrap()
            .click()
            .await
            .unwrap();
        c.wait()
            .for_element(Locator::Css("#show-figures"))
            .await
            .unwrap();
        c.refresh().await.unwrap();
        c.wait()
            .for_element(Locator::Css("#box-history"))
            .await
            .unwrap();
        let order = box_order(c).await;
        assert!(!order.contains(&"figures".to_string()), "{order:?}");
        assert!(
            order.iter().position(|k| k == "master") < order.iter().position(|k| k == "comments"),
            "{order:?}"
        );
        shot(c, "10-overview-arranged").await;

        // An error answered to an htmx form shows once, as a toast: a move of a box that does not
        // exist (a stale page), twice, leaves one toast and the boxes as they were.
        let before = box_order(c).await;
        for _ in 0..2 {
            c.execute(
                "document.querySelector('[data-move-up=master]').form.querySelector('[name=box]').value = 'nope';",
                vec![],
            )
            .await
            .unwrap();
            c.find(Locator::Css("[data-move-up=master]"))
                .await
                .unwrap()
                .click()
                .await
                .unwrap();
            text_when(c, "#toasts .toast", None, |t| t.contains("Ukjent boks")).await;
        }
        let toasts: usize = serde_json::from_value(
            c.execute(
                "return (document.body.innerText.match(/Ukjent boks/g) || []).length",
                vec![],
            )
            .await
            .unwrap(),
        )
        .unwrap();
        assert_eq!(toasts, 1, "the error shows once");
        assert_eq!(box_order(c).await, before, "nothing moved");
        shot(c, "10b-overview-error-once").await;
        c.refresh().await.unwrap();
        c.wait()
            .for_element(Locator::Css("#box-history"))
            .await
            .unwrap();

        // A fixed comment shows at the top of every tab.
        c.find(Locator::Css("#new-comment"))
            .await
            .unwrap()
            .send_keys("Husk HMS-kort for alle vikarer")
            .await
            .unwrap();
        c.find(Locator::Css("#add-comment"))
            .await
            .unwrap()
            .click()
            .await
            .unwrap();
        c.wait()
            .for_element(Locator::Css("#fixed-comments"))
            .await
            .unwrap();
        c.goto(&app.url(&format!("/customers/{oslo}/contacts")))
            .await
            .unwrap();
        let banner = c
            .wait()
            .for_element(Locator::Css("#fixed-comments"))
            .await
            .unwrap();
        assert!(
            banner
                .text()
                .await
                .unwrap()
                .contains("Husk HMS-kort for alle vikarer")
        );
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn add_a_contact_give_portal_access_and_log_in_to_the_portal() {
    with_browser(async |app: &TestApp, c: &Client| {
        let (oslo, _) = two_customers(app).await;
        login(app, c, "ola@test.no").await;
        c.goto(&app.url(&format!("/customers/{oslo}/contacts/new")))
            .await
            .unwrap();
        c.find(Locator::Css("#f-first_name"))
            .await
            .unwrap()
            .send_keys("Kari")
            .await
            .unwrap();
        c.find(Locator::Css("#f-last_name"))
            .await
            .unwrap()
            .send_keys("Nordmann")
            .await
            .unwrap();
        c.find(Locator::Css("#f-email"))
            .await
            .unwrap()
            .send_keys("kari@nordlys.no")
            .await
            .unwrap();
        c.find(Locator::Css("#f-mobile"))
            .await
            .unwrap()
            .send_keys("1234")
            .await
            .unwrap();
        c.find(Locator::Css("#save-contact"))
            .await
            .unwrap()
            .click()
            .await
            .unwrap();
        let err = c
            .wait()
            .for_element(Locator::Css("#e-mobile"))
            .await
            .unwrap();
        assert!(err.text().await.unwrap().contains("Skriv et mobilnummer"));
        let first = c.find(Locator::Css("#f-first_name")).await.unwrap();
        assert_eq!(
            first.prop("value").await.unwrap().as_deref(),
            Some("Kari"),
            "input kept"
        );
        shot(c, "11-contact-bad-mobile").await;
        let mobile = c.find(Locator::Css("#f-mobile")).await.unwrap();
        mobile.clear().await.unwrap();
        mobile.send_keys("912 34 567").await.unwrap();
        c.find(Locator::Css("#save-contact"))
            .await
            .unwrap()
            .click()
            .await
            .unwrap();
        c.wait()
            .for_element(Locator::Css("#portal-access"))
            .await
            .unwrap();

        // Give portal access: email is not set up, so the invitation waits in the outbox and
        // the page says so — without the link, which is for the contact alone.
        for right in ["view_assignments", "approve_timesheets"] {
            c.find(Locator::Css(&format!("input[name=rights][value={right}]")))
                .await
                .unwrap()
                .click()
                .await
                .unwrap();
        }
        c.find(Locator::Css("#grant-portal"))
            .await
            .unwrap()
            .click()
            .await
            .unwrap();
        c.wait()
            .for_element(Locator::Css("#invite-waiting"))
            .await
            .unwrap();
        shot(c, "12-invitation").await;
        assert!(!c.source().await.unwrap().contains("/portal/invite/"));
        // What delivery would do once email is set up: make the contact's link.
        let (kari,): (i64,) = sqlx::query_as("SELECT id FROM contacts WHERE email = $1")
            .bind("kari@nordlys.no")
            .fetch_one(&app.db.pool)
            .await
            .unwrap();
        let link = kundekort::contacts::portal_access::mint_invite(&app.state, kari)
            .await
            .unwrap()
            .expect("an invitation waits");
        let path = link.trim_start_matches(&app.url("")).to_string();
        assert!(path.starts_with("/portal/invite/"), "{link}");

        // The contact follows the link, sets a password and lands in the portal.
        c.goto(&app.url(&path)).await.unwrap();
        c.find(Locator::Css("#password"))
            .await
            .unwrap()
            .send_keys("kari-sitt-passord")
            .await
            .unwrap();
        c.find(Locator::Css("#confirm"))
            .await
            .unwrap()
            .send_keys("kari-sitt-passord")
            .await
            .unwrap();
        c.find(Locator::Css("#set-password"))
            .await
            .unwrap()
            .click()
            .await
            .unwrap();
        let name = c
            .wait()
            .for_element(Locator::Css("#company-name"))
            .await
            .unwrap();
        assert_eq!(name.text().await.unwrap(), "Nordlys Elektro AS");
        let page = c.source().await.unwrap();
        assert!(!page.contains("Fjordbygg"), "nothing of another customer");
        shot(c, "13-portal-home").await;

        // Log out and in again with the new password.
        c.find(Locator::Css("form[action='/portal/logout'] button"))
            .await
            .unwrap()
            .click()
            .await
            .unwrap();
        c.wait().for_element(Locator::Css("#email")).await.unwrap();
        c.find(Locator::Css("#email"))
            .await
            .unwrap()
            .send_keys("kari@nordlys.no")
            .await
            .unwrap();
        c.find(Locator::Css("#password"))
            .await
            .unwrap()
            .send_keys("kari-sitt-passord")
            .await
            .unwrap();
        c.find(Locator::Css("button[type=submit]"))
            .await
            .unwrap()
            .click()
            .await
            .unwrap();
        c.wait()
            .for_element(Locator::Css("#company-name"))
            .await
            .unwrap();
    })
    .await;
}
