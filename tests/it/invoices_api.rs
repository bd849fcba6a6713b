//! `/api/v1/invoices` (decision 0030): a draft, its lines, issue and credit through the API with
//! the pages' rules — an issued invoice cannot be changed (409), stale versions are 409, bad lines
//! 422 naming the field; the list filters by kind, status (derived in SQL as `state::derive`
//! does), customer and period, pages, and shows only customers in sight; consultants prepare but
//! do not issue or credit (403); out of sight is 404, read-only 403.

use kundekort::{config::ConsultantScope, customers::model::CustomerDraft, invoices::state};
use serde_json::{Value, json};

use crate::{
    db_test,
    support::{
        TestApp,
        http::send,
        invoices::{issued, line},
    },
};

/// A client sending `user`'s API token.
async fn token(app: &TestApp, user: i64) -> reqwest::Client {
    let mut conn = app.db.pool.acquire().await.unwrap();
    let token = kundekort::auth::tokens::create(&mut conn, user, "test")
        .await
        .unwrap();
    let mut headers = reqwest::header::HeaderMap::new();
    headers.insert(
        reqwest::header::AUTHORIZATION,
        format!("Bearer {token}").parse().unwrap(),
    );
    reqwest::Client::builder()
        .default_headers(headers)
        .build()
        .unwrap()
}

/// A customer with organisation number and address, held by `owner` in `department`.
async fn customer(app: &TestApp, name: &str, owner: i64, department: i64) -> i64 {
    app.customer(CustomerDraft {
        name: name.into(),
        // Organisation numbers are unique: one per department's customer.
        org_number: if department == app.fx.oslo {
            "974760673"
        } else {
            "923609016"
        }
        .into(),
        status: "active".into(),
        postal_street: "Postboks 900".into(),
        postal_postal_code: "0150".into(),
        owner_id: owner.to_string(),
        department_id: department.to_string(),
        ..Default::default()
    })
    .await
}

fn line_json(version: i64, rate: i64) -> Value {
    json!({"version": version, "description": "Lagermedarbeider", "quantity_milli": 7500,
        "unit_code": "HUR", "unit_price_ore": 45000, "vat_category": "S", "vat_rate_bp": rate})
}

db_test!(
    draft_lines_issue_and_credit_and_an_issued_invoice_never_changes,
    |app| {
        let c = customer(
            app,
            "Nordlys Elektro AS",
            app.fx.consultant_oslo,
            app.fx.oslo,
        )
        .await;
        let admin = token(app, app.fx.admin).await;
        let res = admin
            .post(app.url("/api/v1/invoices"))
            .json(&json!({"customer_id": c, "buyer_reference": "Kari Nordmann"}))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 201);
        let id = res.json::<Value>().await.unwrap()["id"].as_i64().unwrap();
        let lines = app.url(&format!("/api/v1/invoices/{id}/lines"));
        let (status, draft) = send(admin.get(app.url(&format!("/api/v1/invoices/{id}")))).await;
        assert_eq!(status, 200);
        assert_eq!(draft["status"], "draft");
        assert_eq!(draft["buyer_reference"], "Kari Nordmann");
        let (status, body) = send(admin.post(&lines).json(&line_json(1, 2500))).await;
        assert_eq!(status, 200, "{body}");
        assert_eq!(body["lines"][0]["line_net_ore"], 337_500);
        let version = body["version"].as_i64().unwrap();
        let (status, body) = send(admin.post(&lines).json(&line_json(1, 2500))).await;
        assert_eq!(status, 409, "{body}");
        let mut bad = line_json(version, 2500);
        bad["vat_category"] = json!("X");
        let (status, body) = send(admin.post(&lines).json(&bad)).await;
        assert_eq!(status, 422);
        assert!(body["errors"]["vat_category"].is_array(), "{body}");

        let issue = app.url(&format!("/api/v1/invoices/{id}/issue"));
        let (status, inv) = send(admin.post(&issue).json(&json!({"version": version}))).await;
        assert_eq!(status, 200, "{inv}");
        assert_eq!(inv["status"], "issued");
        assert_eq!(inv["total_ore"], 337_500 + 84_375);
        assert_eq!(inv["outstanding_ore"], 337_500 + 84_375);
        assert_eq!(inv["state"]["delivery_status"], "pending");
        assert_eq!(inv["kid"].as_str().unwrap().len(), 15);
        let version = inv["version"].as_i64().unwrap();
        // Issued: no more lines, no second issue, whatever the version.
        for v in [version, version - 1] {
            let (status, body) = send(admin.post(&lines).json(&line_json(v, 2500))).await;
            assert_eq!(status, 409, "{body}");
        }
        let (status, _) = send(admin.post(&issue).json(&json!({"version": version}))).await;
        assert_eq!(status, 409);
        let (_, again) = send(admin.get(app.url(&format!("/api/v1/invoices/{id}")))).await;
        assert_eq!(again["lines"].as_array().unwrap().len(), 1);
        assert_eq!(again["total_ore"], inv["total_ore"]);

        let credit = app.url(&format!("/api/v1/invoices/{id}/credit"));
        let (status, body) = send(admin.post(&credit).json(&json!({"reason": " "}))).await;
        assert_eq!(status, 422);
        assert!(body["errors"]["reason"].is_array());
        let line_id = inv["lines"][0]["id"].as_i64().unwrap();
        let res = admin
            .post(&credit)
            .json(&json!({"reason": "Feil timetall", "line_ids": [line_id]}))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 201);
        let note: Value = res.json().await.unwrap();
        assert_eq!(note["kind"], "credit_note");
        assert_eq!(note["total_ore"], -(337_500 + 84_375));
        assert_eq!(note["credited_invoice_id"], id);
        assert_eq!(note["lines"][0]["credited_line_id"], line_id);
        let (_, inv) = send(admin.get(app.url(&format!("/api/v1/invoices/{id}")))).await;
        assert_eq!(inv["status"], "credited");
        assert_eq!(inv["credit_notes"], json!([note["id"]]));
        assert_eq!(inv["outstanding_ore"], 0);
        let (status, _) = send(admin.post(&credit).json(&json!({"reason": "Igjen"}))).await;
        assert_eq!(status, 409);

        let (_, list) = send(admin.get(app.url("/api/v1/credit-notes"))).await;
        assert_eq!(list["total"], 1);
        assert_eq!(list["items"][0]["id"], note["id"]);
        let (_, list) =
            send(admin.get(app.url("/api/v1/invoices?kind=invoice&status=credited"))).await;
        assert_eq!(list["total"], 1);
        assert_eq!(list["items"][0]["id"], id);
    }
);

db_test!(
    the_list_filters_pages_and_shows_only_what_is_in_sight,
    |app| {
        let oslo = customer(
            app,
            "Nordlys Elektro AS",
            app.fx.consultant_oslo,
            app.fx.oslo,
        )
        .await;
        let bergen = customer(
            app,
            "Fjord Fisk AS",
            app.fx.consultant_bergen,
            app.fx.bergen,
        )
        .await;
        let l = [line("Vakt", 1000, 20_000, "S", 2500)];
        let (fresh, _) = issued(app, oslo, &l, 0).await;
        let (overdue, _) = issued(app, oslo, &l, 60).await;
        let (paid, _) = issued(app, oslo, &l, 0).await;
        let (partly, _) = issued(app, oslo, &l, 0).await;
        let (elsewhere, _) = issued(app, bergen, &l, 0).await;
        {
            let mut tx = app.db.begin().await.unwrap();
            state::add_paid(&mut tx, paid, 25_000, "2026-12-01")
                .await
                .unwrap();
            state::add_paid(&mut tx, partly, 10_000, "2026-12-01")
                .await
                .unwrap();
            state::delivered(&mut tx, fresh, "sent", None)
                .await
                .unwrap();
            tx.commit().await.unwrap();
        }
        let admin = token(app, app.fx.admin).await;
        let ids = |v: &Value| -> Vec<i64> {
            v["items"]
                .as_array()
                .unwrap()
                .iter()
                .map(|i| i["id"].as_i64().unwrap())
                .collect()
        };
        for (status, want) in [
            ("sent", vec![fresh]),
            ("overdue", vec![overdue]),
            ("paid", vec![paid]),
            ("partly_paid", vec![partly]),
            ("issued", vec![elsewhere]),
        ] {
            let (code, body) =
                send(admin.get(app.url(&format!("/api/v1/invoices?status={status}")))).await;
            assert_eq!(code, 200);
            assert_eq!(ids(&body), want, "{status}");
        }
        // The list's status (SQL) is the page's (state::derive) for each.
        let (_, all) = send(admin.get(app.url("/api/v1/invoices"))).await;
        assert_eq!(all["total"], 5);
        for item in all["items"].as_array().unwrap() {
            let (_, one) =
                send(admin.get(app.url(&format!("/api/v1/invoices/{}", item["id"])))).await;
            assert_eq!(item["status"], one["status"], "{item}");
        }
        let (_, body) =
            send(admin.get(app.url(&format!("/api/v1/invoices?customer_id={bergen}")))).await;
        assert_eq!(ids(&body), vec![elsewhere]);
        let (_, p1) = send(admin.get(app.url("/api/v1/invoices?size=2"))).await;
        assert_eq!(ids(&p1), vec![elsewhere, partly]);
        assert_eq!(p1["next_page"], 2);
        let (_, p3) = send(admin.get(app.url("/api/v1/invoices?size=2&page=3"))).await;
        assert_eq!(ids(&p3), vec![fresh]);
        assert!(p3["next_page"].is_null());
        let from = kundekort::timefmt::when::date_string(
            kundekort::timefmt::when::oslo_date(kundekort::timefmt::now())
                - time::Duration::days(30),
        );
        let (_, recent) = send(admin.get(app.url(&format!("/api/v1/invoices?from={from}")))).await;
        assert_eq!(recent["total"], 4);
        for bad in [
            "status=late",
            "kind=bill",
            "from=1.12.2026",
            "size=500",
            "page=0",
        ] {
            let (code, body) = send(admin.get(app.url(&format!("/api/v1/invoices?{bad}")))).await;
            assert_eq!(code, 422, "{bad}: {body}");
        }
        // Ola (Oslo department) sees Oslo's four; Bergen's invoice is not there.
        let ola = token(app, app.fx.consultant_oslo).await;
        let (_, mine) = send(ola.get(app.url("/api/v1/invoices"))).await;
        assert_eq!(mine["total"], 4);
        let (code, _) = send(ola.get(app.url(&format!("/api/v1/invoices/{elsewhere}")))).await;
        assert_eq!(code, 404);
    }
);

db_test!(consultants_prepare_but_do_not_issue_or_credit, |app| {
    let oslo = customer(
        app,
        "Nordlys Elektro AS",
        app.fx.consultant_oslo,
        app.fx.oslo,
    )
    .await;
    let ola = token(app, app.fx.consultant_oslo).await;
    let (code, draft) = send(
        ola.post(app.url("/api/v1/invoices"))
            .json(&json!({"customer_id": oslo})),
    )
    .await;
    assert_eq!(code, 201);
    let id = draft["id"].as_i64().unwrap();
    let (code, body) = send(
        ola.post(app.url(&format!("/api/v1/invoices/{id}/lines")))
            .json(&line_json(1, 2500)),
    )
    .await;
    assert_eq!(code, 200);
    let version = body["version"].as_i64().unwrap();
    let (code, _) = send(
        ola.post(app.url(&format!("/api/v1/invoices/{id}/issue")))
            .json(&json!({"version": version})),
    )
    .await;
    assert_eq!(code, 403);
    let (issued_id, _) = issued(app, oslo, &[line("Vakt", 1000, 20_000, "S", 2500)], 0).await;
    let (code, _) = send(
        ola.post(app.url(&format!("/api/v1/invoices/{issued_id}/credit")))
            .json(&json!({"reason": "Feil"})),
    )
    .await;
    assert_eq!(code, 403);
    // Berit (Bergen) does not see the Oslo customer: 404 everywhere.
    let berit = token(app, app.fx.consultant_bergen).await;
    let (code, _) = send(
        berit
            .post(app.url("/api/v1/invoices"))
            .json(&json!({"customer_id": oslo})),
    )
    .await;
    assert_eq!(code, 404);
    let (code, _) = send(berit.get(app.url(&format!("/api/v1/invoices/{id}")))).await;
    assert_eq!(code, 404);
    let (code, _) = send(
        berit
            .post(app.url(&format!("/api/v1/invoices/{id}/lines")))
            .json(&line_json(version, 2500)),
    )
    .await;
    assert_eq!(code, 404);
    // A manager issues.
    let lise = token(app, app.fx.manager_oslo).await;
    let (code, body) = send(
        lise.post(app.url(&format!("/api/v1/invoices/{id}/issue")))
            .json(&json!({"version": version})),
    )
    .await;
    assert_eq!(code, 200, "{body}");
});

db_test!(
    a_consultant_who_only_sees_the_customer_reads_but_does_not_write,
    config = |c| c.consultant_scope = ConsultantScope::All,
    |app| {
        let oslo = customer(
            app,
            "Nordlys Elektro AS",
            app.fx.consultant_oslo,
            app.fx.oslo,
        )
        .await;
        let (id, _) = issued(app, oslo, &[line("Vakt", 1000, 20_000, "S", 2500)], 0).await;
        let berit = token(app, app.fx.consultant_bergen).await;
        let (code, _) = send(berit.get(app.url(&format!("/api/v1/invoices/{id}")))).await;
        assert_eq!(code, 200);
        let (code, _) = send(
            berit
                .post(app.url("/api/v1/invoices"))
                .json(&json!({"customer_id": oslo})),
        )
        .await;
        assert_eq!(code, 403);
    }
);
