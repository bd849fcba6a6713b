//! Browser tests in real headless Chromium (Debian's chromium + chromium-driver), driven over
//! WebDriver. Without chromedriver they are skipped locally and fail in CI (`CI=true`).
//! Set `KK_SCREENSHOTS=<folder>` to keep screenshots of each step.

use std::time::Duration;

use fantoccini::{Client, Locator};
use kundekort::customers::model::CustomerDraft;

use crate::support::{
    TestApp,
    browser::{login, shot, with_browser},
};

async fn wait_for_count(c: &Client, text: &str) {
    let xpath = format!("//p[@id='result-count' and normalize-space(.)='{text}']");
    c.wait()
        .at_most(Duration::from_secs(10))
        .for_element(Locator::XPath(&xpath))
        .await
        .unwrap_or_else(|_| panic!("result count never became {text:?}"));
}

async fn seed(app: &TestApp) {
    let fx = &app.fx;
    for (name, postal, owner, dep) in [
        ("Fjordbygg AS", "5003", fx.consultant_bergen, fx.bergen),
        ("Nordlys Elektro AS", "0150", fx.consultant_oslo, fx.oslo),
        ("Oslo Bygg og Anlegg AS", "0150", fx.manager_oslo, fx.oslo),
        ("Tromsø Havbruk AS", "9008", fx.consultant_oslo, fx.oslo),
    ] {
        app.customer(CustomerDraft {
            name: name.into(),
            status: "active".into(),
            visit_postal_code: postal.into(),
            owner_id: owner.to_string(),
            department_id: dep.to_string(),
            ..Default::default()
        })
        .await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn log_in_search_filter_switch_scope_and_create_a_customer() {
    with_browser(async |app: &TestApp, c: &Client| {
        seed(app).await;
        login(app, c, "leder@test.no").await;
        wait_for_count(c, "4 kunder").await;
        shot(c, "01-list").await;

        // Search as you type.
        c.find(Locator::Css("#q"))
            .await
            .unwrap()
            .send_keys("bygg")
            .await
            .unwrap();
        wait_for_count(c, "2 kunder").await;
        assert!(
            c.current_url().await.unwrap().as_str().contains("q=bygg"),
            "the URL follows the search"
        );

        // Filter by county.
        c.find(Locator::Css("#filter-county"))
            .await
            .unwrap()
            .select_by_value("46")
            .await
            .unwrap();
        wait_for_count(c, "1 kunde").await;
        assert!(c.source().await.unwrap().contains("Fjordbygg AS"));
        shot(c, "02-search-and-county").await;

        // Switch scope: the manager's own customers only (clear the other filters first).
        c.goto(&app.url("/customers")).await.unwrap();
        wait_for_count(c, "4 kunder").await;
        c.find(Locator::Css("input[name=scope][value=mine]"))
            .await
            .unwrap()
            .click()
            .await
            .unwrap();
        wait_for_count(c, "1 kunde").await;
        assert!(c.source().await.unwrap().contains("Oslo Bygg og Anlegg AS"));
        c.find(Locator::Css("input[name=scope][value=department]"))
            .await
            .unwrap()
            .click()
            .await
            .unwrap();
        wait_for_count(c, "3 kunder").await;

        // Create a customer with a wrong organisation number.
        c.goto(&app.url("/customers/new")).await.unwrap();
        c.find(Locator::Css("#f-name"))
            .await
            .unwrap()
            .send_keys("Vestlandsbygg AS")
            .await
            .unwrap();
        c.find(Locator::Css("#f-org_number"))
            .await
            .unwrap()
            .send_keys("974760672")
            .await
            .unwrap();
        let postal = c.find(Locator::Css("#f-visit_postal_code")).await.unwrap();
        postal.send_keys("5003").await.unwrap();
        c.wait()
            .for_element(Locator::XPath(
                "//p[@id='visit-place' and contains(., 'Bergen')]",
            ))
            .await
            .expect("the place appears as the postal code is typed");
        c.find(Locator::Css("#save"))
            .await
            .unwrap()
            .click()
            .await
            .unwrap();
        let error = c
            .wait()
            .for_element(Locator::Css("#e-org_number"))
            .await
            .unwrap();
        assert!(
            error
                .text()
                .await
                .unwrap()
                .contains("Kontrollsifferet stemmer ikke")
        );
        shot(c, "03-bad-org-number").await;
        let name = c.find(Locator::Css("#f-name")).await.unwrap();
        assert_eq!(
            name.prop("value").await.unwrap().as_deref(),
            Some("Vestlandsbygg AS"),
            "input kept"
        );
        let postal = c.find(Locator::Css("#f-visit_postal_code")).await.unwrap();
        assert_eq!(postal.prop("value").await.unwrap().as_deref(), Some("5003"));

        // Fix it and save.
        let org = c.find(Locator::Css("#f-org_number")).await.unwrap();
        org.clear().await.unwrap();
        org.send_keys("974760673").await.unwrap();
        c.find(Locator::Css("#save"))
            .await
            .unwrap()
            .click()
            .await
            .unwrap();
        c.wait()
            .for_element(Locator::Css("#box-master"))
            .await
            .unwrap();
        let page = c.source().await.unwrap();
        assert!(page.contains("Vestlandsbygg AS"));
        assert!(page.contains("974 760 673"));
        assert!(page.contains("Kunden er lagret."));
        shot(c, "04-saved").await;
    })
    .await;
}
