//! Issue 16's defects in a real browser: the portal rights preset ticks its boxes and saving keeps
//! what is shown; the municipality filter reloads its counted choices as the other filters change.

use fantoccini::{Client, Locator};
use kundekort::customers::model::CustomerDraft;

use crate::{
    support::TestApp,
    support::browser::{click, login, text_when, wide_and_narrow, with_browser},
    support::fixtures::{add_contact, two_customers},
};

/// Which rights boxes are ticked, in the page's order.
async fn ticked(c: &Client) -> Vec<String> {
    let js = "return Array.from(document.querySelectorAll('#portal-form input[name=rights]:checked')).map(e => e.value)";
    serde_json::from_value(c.execute(js, vec![]).await.unwrap()).unwrap()
}

async fn selected(c: &Client, css: &str) -> String {
    let js = format!("return document.querySelector('{css}').value");
    c.execute(&js, vec![])
        .await
        .unwrap()
        .as_str()
        .unwrap()
        .to_string()
}

/// The municipality choices' texts once `ok` accepts them (they are swapped in by htmx).
async fn municipalities_when(c: &Client, ok: impl Fn(&str) -> bool) -> String {
    let js = "return Array.from(document.querySelectorAll('#filter-municipality option')).map(o => o.text).join('|')";
    let mut last = String::new();
    for _ in 0..100 {
        last = c
            .execute(js, vec![])
            .await
            .unwrap()
            .as_str()
            .unwrap_or("")
            .to_string();
        if ok(&last) {
            return last;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    panic!("the municipality choices never became right; last seen: {last}");
}

async fn choose(c: &Client, css: &str, value: &str) {
    c.find(Locator::Css(&format!("{css} option[value='{value}']")))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_rights_preset_ticks_its_boxes_and_saving_keeps_what_is_shown() {
    with_browser(async |app: &TestApp, c: &Client| {
        let (oslo, _) = two_customers(app).await;
        let admin = app.admin().await;
        let res = admin
            .post(app.url("/admin/portal-presets"))
            .form(&[
                ("name", "Leder"),
                ("rights", "view_assignments"),
                ("rights", "approve_timesheets"),
            ])
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 303);
        let (preset,): (i64,) = sqlx::query_as("SELECT id FROM portal_presets")
            .fetch_one(&app.db.pool)
            .await
            .unwrap();
        let kari = add_contact(
            &admin,
            app,
            oslo,
            &[
                ("first_name", "Kari"),
                ("last_name", "Nordmann"),
                ("email", "kari@nordlys.no"),
            ],
        )
        .await;
        login(app, c, "ola@test.no").await;
        c.goto(&app.url(&format!("/customers/{oslo}/contacts/{kari}")))
            .await
            .unwrap();
        // The script shows the selector; choosing the preset ticks its rights at once.
        text_when(c, "#preset-field", None, |t| !t.is_empty()).await;
        choose(c, "#preset", &preset.to_string()).await;
        assert_eq!(
            ticked(c).await,
            vec!["view_assignments", "approve_timesheets"]
        );
        // Ticking one more by hand: the selector says "custom" instead of a preset.
        click(c, "input[name=rights][value=sign_documents]").await;
        assert_eq!(selected(c, "#preset").await, "");
        wide_and_narrow(c, "ui16-rights-custom").await;
        click(c, "#grant-portal").await;
        c.wait()
            .for_element(Locator::Css("#invite-waiting"))
            .await
            .unwrap();
        let (rights,): (String,) =
            sqlx::query_as("SELECT rights FROM portal_accounts WHERE contact_id = $1")
                .bind(kari)
                .fetch_one(&app.db.pool)
                .await
                .unwrap();
        assert_eq!(rights, "view_assignments,approve_timesheets,sign_documents");
        assert_eq!(
            ticked(c).await,
            vec!["view_assignments", "approve_timesheets", "sign_documents"]
        );
        assert_eq!(selected(c, "#preset").await, "");
        // Unticking it again: the boxes match the preset, and the selector shows it.
        click(c, "input[name=rights][value=sign_documents]").await;
        assert_eq!(selected(c, "#preset").await, preset.to_string());
        click(c, "#grant-portal").await;
        let mut saved = String::new();
        for _ in 0..50 {
            (saved,) = sqlx::query_as("SELECT rights FROM portal_accounts WHERE contact_id = $1")
                .bind(kari)
                .fetch_one(&app.db.pool)
                .await
                .unwrap();
            if saved == "view_assignments,approve_timesheets" {
                break;
            }
            tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        }
        assert_eq!(saved, "view_assignments,approve_timesheets");
        c.goto(&app.url(&format!("/customers/{oslo}/contacts/{kari}")))
            .await
            .unwrap();
        text_when(c, "#preset-field", None, |t| !t.is_empty()).await;
        assert_eq!(selected(c, "#preset").await, preset.to_string());
        wide_and_narrow(c, "ui16-rights-preset").await;
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_municipality_choices_follow_the_other_filters() {
    with_browser(async |app: &TestApp, c: &Client| {
        two_customers(app).await;
        app.customer(CustomerDraft {
            name: "Askøy Kai AS".into(),
            status: "potential".into(),
            visit_postal_code: "5300".into(),
            owner_id: app.fx.manager_oslo.to_string(),
            department_id: app.fx.bergen.to_string(),
            ..Default::default()
        })
        .await;
        login(app, c, "leder@test.no").await;
        choose(c, "#filter-county", "46").await;
        let options = "#filter-municipality";
        let all = |t: &str| t == "Alle kommuner|Askøy (1)|Bergen (1)";
        municipalities_when(c, all).await;
        choose(c, "#filter-status", "active").await;
        municipalities_when(c, |t| t == "Alle kommuner|Bergen (1)").await;
        choose(c, "#filter-status", "").await;
        municipalities_when(c, all).await;
        choose(c, options, "4627").await;
        text_when(c, "#results", None, |t| {
            t.contains("Askøy Kai AS") && !t.contains("Fjordbygg")
        })
        .await;
        municipalities_when(c, all).await;
        assert_eq!(selected(c, options).await, "4627");
        wide_and_narrow(c, "ui16-municipalities").await;
    })
    .await;
}
