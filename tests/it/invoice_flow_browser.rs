//! Browser test of invoicing a month, end to end, in headless Chromium (issue 14): the invoice
//! run's preview blocks a customer with red problems, the fix link leads to the form where they
//! are put right, the run makes the draft from the approved hours, it is issued, its PDF opened,
//! one line credited, and the portal contact sees the invoice's status and the credit note.
//! Screenshots at 1280 and 390 px wide. (WebDriver plumbing from `support::browser`.)

use fantoccini::{Client, Locator};
use serde_json::Value;

use crate::support::{
    TestApp,
    browser::{click, fill, login, text_when, wide_and_narrow, with_browser},
    timesheets::{approve, days, generate, portal, setup},
};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_month_is_invoiced_fixed_issued_credited_and_seen_in_the_portal() {
    with_browser(flow).await;
}

async fn flow(app: &TestApp, c: &Client) {
    // Kari's week from 7 December approved, with 4 hours of 50 % overtime on the Friday. The customer has neither an organisation number
    // nor an address yet.
    let s = setup(app, false).await;
    let sheet = generate(
        app,
        &s,
        time::macros::date!(2026 - 12 - 07),
        time::macros::date!(2026 - 12 - 13),
    )
    .await("2026-12-07");
    approve(app, &s, sheet, &days("2026-12-", 7, 5, "19:30")).await;

    login(app, c, "admin@test.no").await;
    let run = app.url("/invoices/run?from=2026-12-01&to=2026-12-31");
    c.goto(&run).await.unwrap();
    let block = format!("#invoice-run-customer-{}", s.customer);
    text_when(c, &format!("{block} h3"), None, |t| {
        t.contains("Bygg og Betong AS")
    })
    .await;
    let red = c
        .find_all(Locator::Css(&format!("{block} .problem-red")))
        .await
        .unwrap();
    assert_eq!(red.len(), 2, "no organisation number, no invoice address");
    assert!(
        c.find(Locator::Css("#invoice-run-make")).await.is_err(),
        "nothing to make while the only customer is blocked"
    );
    wide_and_narrow(c, "invoice-run-blocked").await;

    // The fix link opens the customer's form; both are put right there.
    click(c, &format!("{block} .problem-red a")).await;
    c.wait()
        .for_element(Locator::Css("#f-org_number"))
        .await
        .unwrap();
    fill(c, "#f-org_number", "974760673").await;
    fill(c, "#f-visit_street", "Tollbugata 1").await;
    fill(c, "#f-visit_postal_code", "0152").await;
    click(c, "#save").await;
    text_when(c, "h1", None, |t| t.contains("Bygg og Betong AS")).await;

    c.goto(&run).await.unwrap();
    text_when(c, &format!("{block} h3"), None, |t| {
        t.contains("Bygg og Betong AS")
    })
    .await;
    assert!(
        c.find_all(Locator::Css(&format!("{block} .problem-red")))
            .await
            .unwrap()
            .is_empty()
    );
    wide_and_narrow(c, "invoice-run-ready").await;
    click(c, "#invoice-run-make button").await;
    let draft = wait_for_draft(app, s.customer).await;

    c.goto(&app.url(&format!("/invoices/{draft}")))
        .await
        .unwrap();
    click(c, "#link-issue").await;
    c.wait()
        .for_element(Locator::Css("#issue-summary"))
        .await
        .unwrap();
    click(c, "#confirm-issue").await;
    c.wait()
        .for_element(Locator::Css("#link-credit"))
        .await
        .unwrap();
    let status = text_when(c, "#invoice-title .badge", None, |t| !t.is_empty()).await;
    assert_eq!(status, "Utstedt");
    wide_and_narrow(c, "invoice-run-issued").await;

    // The PDF, as the browser fetches it from the page's link.
    let href = c
        .find(Locator::Css("#link-pdf"))
        .await
        .unwrap()
        .attr("href")
        .await
        .unwrap()
        .unwrap();
    let got = c
        .execute_async(
            "const done = arguments[arguments.length - 1];
             fetch(arguments[0]).then(async r => {
               const head = new Uint8Array(await r.arrayBuffer()).slice(0, 5);
               done([r.status, r.headers.get('content-type'), String.fromCharCode(...head)]);
             });",
            vec![Value::String(href)],
        )
        .await
        .unwrap();
    assert_eq!(got, serde_json::json!([200, "application/pdf", "%PDF-"]));

    // Credit one line: the last (the Friday with its overtime).
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
    assert!(
        boxes.len() >= 2,
        "a line per day's hours and one for the overtime"
    );
    boxes[boxes.len() - 1].click().await.unwrap();
    fill(c, "#f-reason", "Overtiden var ikke avtalt").await;
    click(c, "#make-credit").await;
    c.wait()
        .for_element(Locator::Css("#credited-invoice"))
        .await
        .unwrap();
    wide_and_narrow(c, "invoice-run-credit-note").await;

    // The contact with the right to see invoices: the invoice, its status, the credit note.
    portal(app, s.approver, "view_invoices").await;
    let session = kundekort::portal::session::create(
        &app.state,
        s.approver,
        &crate::support::http::local_client(),
    )
    .await
    .unwrap();
    c.goto(&app.url("/portal/login")).await.unwrap();
    c.execute(
        "document.cookie = 'kk_portal=' + arguments[0] + '; path=/'",
        vec![Value::String(session.value().to_string())],
    )
    .await
    .unwrap();
    c.goto(&app.url("/portal/invoices")).await.unwrap();
    let count = text_when(c, "#portal-invoices-count", None, |t| !t.is_empty()).await;
    assert!(count.starts_with('2'), "{count}");
    let table = text_when(c, "#portal-invoices", None, |t| !t.is_empty()).await;
    assert!(table.contains("Kreditnota"), "{table}");
    assert!(table.contains("Faktura"), "{table}");
    assert!(
        table.contains("Sendt") || table.contains("Utstedt"),
        "{table}"
    );
    wide_and_narrow(c, "invoice-run-portal").await;
}

/// The draft the run made for the customer (the run answers on its own page; the test reads
/// the id rather than the page's wording).
async fn wait_for_draft(app: &TestApp, customer: i64) -> i64 {
    for _ in 0..100 {
        let id: Option<(i64,)> = sqlx::query_as(
            "SELECT id FROM invoices WHERE customer_id = $1 AND status = 'draft' ORDER BY id LIMIT 1",
        )
        .bind(customer)
        .fetch_optional(&app.db.pool)
        .await
        .unwrap();
        if let Some((id,)) = id {
            return id;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    panic!("the run made no draft");
}
