//! Invoices: `/invoices`, a customer's tab and the API.

use super::{get_html, html_ids, more_customers, walk_api, walk_html};
use crate::db_test;

db_test!(invoice_pages_read_on_from_the_last_invoice, |app| {
    let (oslo, _bergen) = more_customers(app).await;
    kundekort::seed::invoices(&app.db, 2_400).await.unwrap();
    let plain: Vec<(i64, i64, String)> =
        sqlx::query_as("SELECT id, customer_id, kind FROM invoices ORDER BY id DESC")
            .fetch_all(&app.db.pool)
            .await
            .unwrap();
    assert!(plain.len() >= 2_400);
    let all: Vec<i64> = plain.iter().map(|r| r.0).collect();
    let in_oslo: Vec<i64> = plain
        .iter()
        .filter(|r| oslo.contains(&r.1))
        .map(|r| r.0)
        .collect();
    let notes: Vec<i64> = plain
        .iter()
        .filter(|r| r.2 == "credit_note")
        .map(|r| r.0)
        .collect();

    let admin = app.admin().await;
    let ola = app.login("ola@test.no").await;
    assert_eq!(
        walk_api(&admin, app, "/api/v1/invoices", "size=200").await,
        all
    );
    assert_eq!(
        walk_api(&ola, app, "/api/v1/invoices", "size=37").await,
        in_oslo
    );
    assert_eq!(
        walk_api(&admin, app, "/api/v1/invoices", "kind=credit_note&size=5").await,
        notes
    );

    // The page's "next" links carry the last invoice; the pages shown are the whole list.
    let (shown, with_after) = walk_html(&ola, app, "/invoices", "id=\"invoice-").await;
    assert_eq!(shown, in_oslo);
    assert_eq!(with_after, in_oslo.len().div_ceil(50) - 1);
    let (shown, _) = walk_html(
        &admin,
        app,
        &format!("/customers/{}/invoices", oslo[0]),
        "id=\"invoice-",
    )
    .await;
    let of_customer: Vec<i64> = plain
        .iter()
        .filter(|r| r.1 == oslo[0])
        .map(|r| r.0)
        .collect();
    assert_eq!(shown, of_customer);
    // A typed page number without `after` still works (OFFSET).
    let html = get_html(&admin, app, "/invoices?page=3").await;
    assert_eq!(html_ids(&html, "id=\"invoice-"), all[100..150].to_vec());
});
