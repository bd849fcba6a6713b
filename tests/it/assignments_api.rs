//! `/api/v1/workers` and `/api/v1/customers/{id}/assignments`: workers and assignments made
//! through the API with the pages' rules — the compliance light and its reason codes, activation
//! refused while red and allowed once the HMS card is registered, bad input and stale versions
//! as problem JSON, and the card's access rules.

use serde_json::{Value, json};

use crate::{
    db_test,
    support::{TestApp, fixtures::builder, http::send},
};

/// A worker made through the API; their id.
async fn api_worker(client: &reqwest::Client, app: &TestApp, name: &str) -> i64 {
    let (status, w) = send(client.post(app.url("/api/v1/workers")).json(&json!({
        "name": name,
        "status": "employee",
        "mobile": "912 34 567",
        "skills": ["Betong", "forskaling"],
        "bank_account": "8601 11 17947",
    })))
    .await;
    assert_eq!(status, 201, "{w}");
    w["id"].as_i64().unwrap()
}

fn assignment(worker: i64) -> Value {
    json!({
        "worker_id": worker,
        "title": "Betongarbeider",
        "styrk_code": "7114",
        "from_date": "2027-01-04",
        "to_date": "2027-06-30",
        "hours_per_week": "37,5",
        "days": [1, 2, 3, 4, 5],
        "day_start": "07:00",
        "day_end": "15:00",
        "break_minutes": "30",
        "bill_rate": "450",
        "pay_rate": "230",
        "ot50_bill": "675",
        "ot50_pay": "345",
        "legal_basis": "temporary_work",
        "legal_basis_text": "Betongstøp i vår, midlertidig topp",
        "equal_pay": "225",
        "equal_confirmed_on": "2026-09-01",
        "workplace_postal_code": "5003",
    })
}

/// An assignment made through the API; its URL.
async fn api_assignment(
    client: &reqwest::Client,
    app: &TestApp,
    customer: i64,
    worker: i64,
) -> String {
    let res = client
        .post(app.url(&format!("/api/v1/customers/{customer}/assignments")))
        .json(&assignment(worker))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 201);
    res.headers()["location"].to_str().unwrap().to_string()
}

db_test!(
    an_assignment_is_red_until_the_hms_card_is_registered,
    |app| {
        let customer = builder(app).await;
        let ola = app.login("ola@test.no").await;
        let w = api_worker(&ola, app, "Kari Nordmann").await;
        let (status, worker) = send(ola.get(app.url(&format!("/api/v1/workers/{w}")))).await;
        assert_eq!(status, 200);
        // Masked for staff (sealed, decision 0073).
        assert_eq!(worker["bank_account"], "•••• 7947", "{worker}");
        assert_eq!(worker["mobile"], "+4791234567");
        assert_eq!(worker["skills"], json!(["Betong", "forskaling"]));
        assert_eq!(worker["credentials"], json!([]));
        let (status, list) = send(ola.get(app.url("/api/v1/workers?skill=betong"))).await;
        assert_eq!(status, 200);
        assert_eq!(list["total"], 1, "{list}");
        assert_eq!(list["items"][0]["name"], "Kari Nordmann");
        let (status, problem) = send(ola.get(app.url("/api/v1/workers?status=boss"))).await;
        assert_eq!(status, 422);
        assert!(problem["errors"]["status"].is_array(), "{problem}");

        let url = api_assignment(&ola, app, customer, w).await;
        let (status, list) =
            send(ola.get(app.url(&format!("/api/v1/customers/{customer}/assignments")))).await;
        assert_eq!(status, 200);
        assert_eq!(list["total"], 1, "{list}");
        let item = &list["items"][0];
        assert_eq!(item["worker_name"], "Kari Nordmann");
        assert_eq!(item["compliance"]["light"], "red", "{item}");
        let reasons = item["compliance"]["reasons"].as_array().unwrap();
        let hms = reasons
            .iter()
            .find(|r| r["code"] == "no-hms-card")
            .expect("no-hms-card");
        assert_eq!(hms["light"], "red");
        assert!(hms["text"].as_str().unwrap().contains("HMS-kort"), "{hms}");
        // 450 − 230 × 1.291 = 153.07 per hour, 34.0 % of the bill rate.
        assert_eq!(item["margin"]["per_hour_ore"], 15307, "{item}");
        assert_eq!(item["margin"]["cost_per_hour_ore"], 29693);
        assert_eq!(item["margin"]["share_bp"], 3402);

        // Red blocks activation.
        let activate = app.url(&format!("{url}/status"));
        let (status, problem) =
            send(ola.post(&activate).json(&json!({"action": "activate"}))).await;
        assert_eq!(status, 409, "{problem}");
        assert!(
            problem["detail"]
                .as_str()
                .unwrap()
                .contains("regelsjekken er rød"),
            "{problem}"
        );
        let (_, one) = send(ola.get(app.url(&url))).await;
        assert_eq!(one["status"], "planned");

        // The HMS card registered: green (Bergen is outside the building-site ban), and active.
        let (status, card) = send(ola.post(app.url(&format!("/api/v1/workers/{w}/credentials"))).json(
        &json!({"kind": "hms_card", "reference": "HMS-123", "valid_until": "2028-01-31"}),
    ))
    .await;
        assert_eq!(status, 201, "{card}");
        assert_eq!(card["kind"], "hms_card");
        let (status, moved) = send(ola.post(&activate).json(&json!({"action": "activate"}))).await;
        assert_eq!(status, 200, "{moved}");
        assert_eq!(moved["status"], "active");
        assert_eq!(moved["compliance"]["light"], "green", "{moved}");
        let actions: Vec<(String,)> =
            sqlx::query_as("SELECT action FROM audit_log WHERE entity = 'assignment' ORDER BY id")
                .fetch_all(&app.db.pool)
                .await
                .unwrap();
        let actions: Vec<&str> = actions.iter().map(|(a,)| a.as_str()).collect();
        assert_eq!(actions, vec!["assignment-create", "assignment-activate"]);

        // The paper removed once; a second time it is not there.
        let cid = card["id"].as_i64().unwrap();
        let remove = app.url(&format!("/api/v1/workers/{w}/credentials/{cid}"));
        assert_eq!(ola.delete(&remove).send().await.unwrap().status(), 204);
        assert_eq!(send(ola.delete(&remove)).await.0, 404);
        let (_, worker) = send(ola.get(app.url(&format!("/api/v1/workers/{w}")))).await;
        assert_eq!(worker["credentials"], json!([]));
    }
);

db_test!(bad_fields_and_stale_versions_are_problems, |app| {
    let customer = builder(app).await;
    let ola = app.login("ola@test.no").await;
    let w = api_worker(&ola, app, "Kari Nordmann").await;
    let create = app.url(&format!("/api/v1/customers/{customer}/assignments"));

    // A value that breaks a rule: 422 naming the field, as the form would.
    let mut bad = assignment(w);
    bad["bill_rate"] = json!("fire hundre");
    bad["days"] = json!([1, 8]);
    let (status, problem) = send(ola.post(&create).json(&bad)).await;
    assert_eq!(status, 422, "{problem}");
    let errors = &problem["errors"];
    assert!(
        errors["bill_rate"][0]
            .as_str()
            .unwrap()
            .contains("beløp i kroner"),
        "{problem}"
    );
    assert!(errors["days"].is_array(), "{problem}");
    // A value of the wrong type: 422 whose message names the field.
    let mut bad = assignment(w);
    bad["worker_id"] = json!("Kari");
    let (status, problem) = send(ola.post(&create).json(&bad)).await;
    assert_eq!(status, 422, "{problem}");
    assert!(
        problem["errors"]["body"][0]
            .as_str()
            .unwrap()
            .contains("worker_id"),
        "{problem}"
    );
    // A worker that does not exist and an approver of no contact: the form's reference checks.
    let mut bad = assignment(w + 1000);
    bad["approver_contact_id"] = json!(999_999);
    let (status, problem) = send(ola.post(&create).json(&bad)).await;
    assert_eq!(status, 422, "{problem}");
    assert!(problem["errors"]["worker_id"].is_array(), "{problem}");
    assert!(
        problem["errors"]["approver_contact_id"].is_array(),
        "{problem}"
    );
    let (n,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM assignments")
        .fetch_one(&app.db.pool)
        .await
        .unwrap();
    assert_eq!(n, 0);

    // Patches: only the fields sent change; an old version is refused.
    let url = app.url(&api_assignment(&ola, app, customer, w).await);
    let (status, a) = send(
        ola.patch(&url)
            .json(&json!({"version": 1, "title": "Forskalingssnekker", "days": [1, 2, 3]})),
    )
    .await;
    assert_eq!(status, 200, "{a}");
    assert_eq!(
        (a["title"].as_str(), a["version"].as_i64()),
        (Some("Forskalingssnekker"), Some(2))
    );
    assert_eq!(a["pay_rate_ore"], 23000);
    assert!(
        a["standard_week"]
            .as_str()
            .unwrap()
            .matches("start")
            .count()
            == 3,
        "{a}"
    );
    let (status, problem) = send(
        ola.patch(&url)
            .json(&json!({"version": 1, "title": "Betongarbeider"})),
    )
    .await;
    assert_eq!(status, 409, "{problem}");
    assert!(
        problem["detail"].as_str().unwrap().contains("versjon 2"),
        "{problem}"
    );

    let worker = app.url(&format!("/api/v1/workers/{w}"));
    let (status, kari) = send(
        ola.patch(&worker)
            .json(&json!({"version": 1, "city": "Bergen"})),
    )
    .await;
    assert_eq!(status, 200, "{kari}");
    assert_eq!(
        (kari["city"].as_str(), kari["version"].as_i64()),
        (Some("Bergen"), Some(2))
    );
    assert_eq!(kari["skills"], json!(["Betong", "forskaling"]));
    let (status, _) = send(
        ola.patch(&worker)
            .json(&json!({"version": 1, "city": "Oslo"})),
    )
    .await;
    assert_eq!(status, 409);
    let (status, problem) = send(
        ola.patch(&worker)
            .json(&json!({"bank_account": "8601 11 17949"})),
    )
    .await;
    assert_eq!(status, 422);
    assert!(problem["errors"]["bank_account"].is_array(), "{problem}");
});

db_test!(
    a_consultant_of_another_department_gets_404_like_the_pages,
    |app| {
        let customer = builder(app).await;
        let ola = app.login("ola@test.no").await;
        let w = api_worker(&ola, app, "Kari Nordmann").await;
        let url = api_assignment(&ola, app, customer, w).await;
        let berit = app.login("berit@test.no").await;
        let list = app.url(&format!("/api/v1/customers/{customer}/assignments"));
        assert_eq!(send(berit.get(&list)).await.0, 404);
        assert_eq!(send(berit.get(app.url(&url))).await.0, 404);
        assert_eq!(send(berit.post(&list).json(&assignment(w))).await.0, 404);
        assert_eq!(
            send(berit.patch(app.url(&url)).json(&json!({"title": "X"})))
                .await
                .0,
            404
        );
        let status = app.url(&format!("{url}/status"));
        assert_eq!(
            send(berit.post(&status).json(&json!({"action": "cancel"})))
                .await
                .0,
            404
        );
        let (n,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM assignments WHERE status = 'planned' AND title = 'Betongarbeider'")
        .fetch_one(&app.db.pool)
        .await
        .unwrap();
        assert_eq!(n, 1);
        // The register of workers is the firm's (decision 0011); without a log-in, nothing.
        assert_eq!(
            send(berit.get(app.url(&format!("/api/v1/workers/{w}"))))
                .await
                .0,
            200
        );
        assert_eq!(
            send(reqwest::Client::new().get(app.url("/api/v1/workers")))
                .await
                .0,
            401
        );
    }
);
