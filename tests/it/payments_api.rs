//! `/api/v1/payments` (decision 0033): the list with its filters (status, customer, the period
//! paid) and paging, one payment, bad filters answered 422 with the field, and access: only
//! those who may finance (403 for a consultant), 404 for an unknown payment.

use kundekort::{
    customers::model::CustomerDraft,
    timefmt::{
        now,
        when::{date_string, oslo_date},
    },
};
use serde_json::Value;
use time::Duration;

use crate::{
    db_test,
    support::{
        TestApp,
        invoices::{buyer, issued, line, pay},
    },
};

async fn get(client: &reqwest::Client, app: &TestApp, path: &str) -> (u16, Value) {
    let res = client.get(app.url(path)).send().await.unwrap();
    let code = res.status().as_u16();
    (code, res.json().await.unwrap_or(Value::Null))
}

fn ids(list: &Value) -> Vec<i64> {
    list["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["id"].as_i64().unwrap())
        .collect()
}

db_test!(payments_are_listed_filtered_and_read, |app| {
    let nordlys = buyer(app, "Nordlys Elektro AS").await;
    let fjord = app
        .customer(CustomerDraft {
            name: "Fjordkraft Bygg AS".into(),
            org_number: "923609016".into(),
            status: "active".into(),
            postal_street: "Postboks 1".into(),
            postal_postal_code: "5003".into(),
            ..Default::default()
        })
        .await;
    let (a, _) = issued(app, nordlys, &[line("Vakt", 1000, 100_000, "S", 2500)], 0).await;
    let (b, _) = issued(app, fjord, &[line("Vakt", 1000, 40_000, "S", 2500)], 0).await;
    let today = oslo_date(now());
    let day = |n: i64| date_string(today - Duration::days(n));
    let p1 = pay(app, Some(a), 50_000, &day(20)).await;
    let p2 = pay(app, Some(a), 75_000, &day(2)).await;
    let p3 = pay(app, Some(b), 50_000, &day(1)).await;
    let p4 = pay(app, None, 12_345, &day(1)).await;
    let admin = app.admin().await;

    let (code, all) = get(&admin, app, "/api/v1/payments").await;
    assert_eq!(code, 200, "{all}");
    assert_eq!(all["total"], 4);
    // The latest paid first.
    assert_eq!(ids(&all), vec![p4, p3, p2, p1]);
    let (_, unmatched) = get(&admin, app, "/api/v1/payments?status=unmatched").await;
    assert_eq!(ids(&unmatched), vec![p4]);
    assert_eq!(unmatched["items"][0]["invoice_id"], Value::Null);
    let (_, matched) = get(&admin, app, "/api/v1/payments?status=matched").await;
    assert_eq!(matched["total"], 3);
    let (_, by_customer) = get(
        &admin,
        app,
        &format!("/api/v1/payments?customer_id={nordlys}"),
    )
    .await;
    assert_eq!(ids(&by_customer), vec![p2, p1]);
    let (_, period) = get(
        &admin,
        app,
        &format!("/api/v1/payments?from={}&to={}", day(3), day(2)),
    )
    .await;
    assert_eq!(ids(&period), vec![p2]);
    let (_, paged) = get(&admin, app, "/api/v1/payments?size=3&page=2").await;
    assert_eq!(ids(&paged), vec![p1]);
    assert_eq!(paged["next_page"], Value::Null);
    let (_, first) = get(&admin, app, "/api/v1/payments?size=3").await;
    assert_eq!(first["next_page"], 2);

    let (code, one) = get(&admin, app, &format!("/api/v1/payments/{p3}")).await;
    assert_eq!(code, 200);
    assert_eq!(one["invoice_id"], b);
    assert_eq!(one["invoice_number"], 2);
    assert_eq!(one["invoice_origin"], "ours");
    assert_eq!(one["customer_id"], fjord);
    assert_eq!(one["customer_name"], "Fjordkraft Bygg AS");
    assert_eq!(one["amount_ore"], 50_000);
    assert_eq!(one["paid_on"], day(1).as_str());
    assert_eq!(one["source"], "manual");
    assert_eq!(one["status"], "matched");
    assert_eq!(get(&admin, app, "/api/v1/payments/999999").await.0, 404);

    // Bad filters: 422 naming the field.
    for (q, field) in [
        ("status=paid", "status"),
        ("from=2026-13-01", "from"),
        ("to=i%20går", "to"),
        ("size=500", "size"),
    ] {
        let (code, body) = get(&admin, app, &format!("/api/v1/payments?{q}")).await;
        assert_eq!(code, 422, "{q}: {body}");
        assert!(body.to_string().contains(field), "{q}: {body}");
    }

    // Only those who may finance: the manager may, the consultant may not.
    let lise = app.login("leder@test.no").await;
    assert_eq!(get(&lise, app, "/api/v1/payments").await.0, 200);
    let ola = app.login("ola@test.no").await;
    assert_eq!(get(&ola, app, "/api/v1/payments").await.0, 403);
    assert_eq!(
        get(&ola, app, &format!("/api/v1/payments/{p1}")).await.0,
        403
    );
});
