//! Browser test of the invoice pages in headless Chromium: a manual invoice on a card, a line
//! with bad input (the message shown, the typed value kept), fixed, a second line, issued,
//! one line credited, the status and amounts seen; screenshots at 1280 and 390 px wide.
//! (WebDriver plumbing from `browser.rs`; skipped locally without chromedriver.)

use fantoccini::{Client, Locator};
use kundekort::customers::model::CustomerDraft;

use crate::support::{
    TestApp,
    browser::{click, fill, login, text_when, wide_and_narrow, with_browser},
};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn manual_invoice_bad_input_issue_and_credit() {
    with_browser(flow).await;
}

async fn flow(app: &TestApp, c: &Client) {
    let cid = app
        .customer(CustomerDraft {
            name: "Nettleser Faktura AS".into(),
            org_number: "974760673".into(),
            status: "active".into(),
            postal_street: "Postboks 900".into(),
            postal_postal_code: "0150".into(),
            ..Default::default()
        })
        .await;
    login(app, c, "admin@test.no").await;
    c.goto(&app.url(&format!("/customers/{cid}/invoices")))
        .await
        .unwrap();
    wide_and_narrow(c, "invoices-tab-empty").await;
    click(c, "#new-invoice").await;
    c.wait()
        .for_element(Locator::Css("#line-edit"))
        .await
        .unwrap();
    fill(c, "#f-description", "Lagermedarbeider").await;
    fill(c, "#f-quantity", "sju").await;
    fill(c, "#f-unit_price", "450").await;
    click(c, "#save-line").await;
    text_when(c, "#form-errors", None, |t| !t.is_empty()).await;
    let kept = text_when(c, "#f-quantity", Some("value"), |v| v == "sju").await;
    assert_eq!(kept, "sju");
    text_when(c, "#e-quantity", None, |t| t.contains("Skriv antallet")).await;
    wide_and_narrow(c, "invoice-bad-line").await;
    fill(c, "#f-quantity", "7,5").await;
    click(c, "#save-line").await;
    text_when(c, "#total", None, |t| t.contains("4")).await;
    fill(c, "#f-description", "Kurs").await;
    fill(c, "#f-quantity", "1").await;
    fill(c, "#f-unit_price", "1 000").await;
    click(c, "#save-line").await;
    // 7,5 × 450 + 1 000 = 4 375,00; + 25 % = 5 468,75.
    text_when(c, "#total", None, |t| {
        t.contains("5\u{a0}468,75") || t.contains("5 468,75")
    })
    .await;
    wide_and_narrow(c, "invoice-draft").await;
    click(c, "#link-issue").await;
    c.wait()
        .for_element(Locator::Css("#issue-summary"))
        .await
        .unwrap();
    wide_and_narrow(c, "invoice-issue-confirm").await;
    click(c, "#confirm-issue").await;
    c.wait()
        .for_element(Locator::Css("#link-credit"))
        .await
        .unwrap();
    let status = text_when(c, "#invoice-title .badge", None, |t| !t.is_empty()).await;
    assert_eq!(status, "Utstedt");
    click(c, "#link-credit").await;
    c.wait()
        .for_element(Locator::Css("#credit-form"))
        .await
        .unwrap();
    click(c, "#scope-lines").await;
    let boxes = c
        .find_all(Locator::Css("#credit-form input[type=checkbox]"))
        .await
        .unwrap();
    boxes[1].click().await.unwrap();
    fill(c, "#f-reason", "Kurset ble avlyst").await;
    wide_and_narrow(c, "invoice-credit-form").await;
    click(c, "#make-credit").await;
    c.wait()
        .for_element(Locator::Css("#credited-invoice"))
        .await
        .unwrap();
    click(c, "#credited-invoice").await;
    // 1 000 + 25 % credited; 4 218,75 outstanding.
    text_when(c, "#credited-amount", None, |t| {
        t.contains("1\u{a0}250,00") || t.contains("1 250,00")
    })
    .await;
    text_when(c, "#outstanding", None, |t| {
        t.contains("4\u{a0}218,75") || t.contains("4 218,75")
    })
    .await;
    wide_and_narrow(c, "invoice-issued-credited").await;
    c.goto(&app.url("/invoices")).await.unwrap();
    c.wait()
        .for_element(Locator::Css("#invoice-table"))
        .await
        .unwrap();
    wide_and_narrow(c, "invoices-list").await;
}
