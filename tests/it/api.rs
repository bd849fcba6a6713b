//! `/api/v1/customers`: create, read, patch, problem JSON and the OpenAPI document.

use serde_json::{Value, json};

use crate::db_test;

db_test!(create_read_and_patch_a_customer, |app| {
    let ola = app.login("ola@test.no").await;
    let res = ola
        .post(app.url("/api/v1/customers"))
        .json(&json!({"name": "Kystlogistikk AS", "org_number": "974 760 673", "visit_postal_code": "9008", "status": "active"}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 201);
    let location = res.headers()["location"].to_str().unwrap().to_string();
    let created: Value = res.json().await.unwrap();
    assert_eq!(created["org_number"], "974760673");
    assert_eq!(created["visit_city"], "Tromsø");
    assert_eq!(created["county_no"], "55");
    assert_eq!(created["owner_id"], app.fx.consultant_oslo);
    assert_eq!(created["department_id"], app.fx.oslo);
    assert_eq!(created["version"], 1);
    assert_eq!(location, format!("/api/v1/customers/{}", created["id"]));

    let got: Value = ola
        .get(app.url(&location))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(got["name"], "Kystlogistikk AS");

    let res = ola
        .patch(app.url(&location))
        .json(&json!({"status": "former", "version": 1}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    let patched: Value = res.json().await.unwrap();
    assert_eq!(patched["status"], "former");
    assert_eq!(patched["name"], "Kystlogistikk AS", "fields not sent stay");
    assert_eq!(patched["version"], 2);

    let res = ola
        .patch(app.url(&location))
        .json(&json!({"status": "active", "version": 1}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 409);
    let problem: Value = res.json().await.unwrap();
    assert!(
        problem["detail"].as_str().unwrap().contains("versjon 2"),
        "{problem}"
    );
});

db_test!(invalid_input_gets_problem_json_per_field, |app| {
    let ola = app.login("ola@test.no").await;
    let res = ola
        .post(app.url("/api/v1/customers"))
        .header("accept-language", "en")
        .json(&json!({"name": "", "org_number": "974760672", "visit_postal_code": "0000"}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 422);
    assert_eq!(res.headers()["content-type"], "application/problem+json");
    let problem: Value = res.json().await.unwrap();
    assert_eq!(
        problem["errors"]["org_number"][0],
        "Kontrollsifferet stemmer ikke. Sjekk at nummeret er skrevet riktig."
    );
    assert!(problem["errors"]["name"].is_array());
    assert!(problem["errors"]["visit_postal_code"].is_array());

    let res = ola
        .post(app.url("/api/v1/customers"))
        .header("content-type", "application/json")
        .body("{\"name\": ")
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 400);
    let problem: Value = res.json().await.unwrap();
    assert!(
        problem["detail"]
            .as_str()
            .unwrap()
            .starts_with("Kunne ikke lese JSON")
    );

    let res = ola
        .post(app.url("/api/v1/customers"))
        .json(&json!({"name": "X AS", "shoe_size": 44}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 422);
    let res = ola
        .post(app.url("/api/v1/customers"))
        .json(&json!({"name": "X AS", "owner_id": "me"}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 422);
    let res = ola
        .post(app.url("/api/v1/customers"))
        .body("name=X")
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 400);
    let res = ola
        .post(app.url("/api/v1/customers"))
        .json(&json!({"name": "X AS", "owner_id": 999999}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 422);
    let (n,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM customers")
        .fetch_one(&app.db.pool)
        .await
        .unwrap();
    assert_eq!(n, 0);
    let res = ola
        .get(app.url("/api/v1/customers/424242"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 404);
});

db_test!(
    a_duplicate_org_number_of_a_hidden_customer_names_nobody,
    |app| {
        let oslo = app
            .customer(kundekort::customers::model::CustomerDraft {
                org_number: "974760673".into(),
                department_id: app.fx.oslo.to_string(),
                ..crate::support::fixtures::draft("Registerenheten")
            })
            .await;
        let berit = app.login("berit@test.no").await;
        let res = berit
            .post(app.url("/api/v1/customers"))
            .json(&json!({"name": "Kopi AS", "org_number": "974760673"}))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 422);
        let text = res.text().await.unwrap();
        let problem: Value = serde_json::from_str(&text).unwrap();
        assert!(
            problem["errors"]["org_number"][0]
                .as_str()
                .unwrap()
                .contains("allerede registrert på en annen kunde"),
            "{problem}"
        );
        assert!(!text.contains("Registerenheten"), "{text}");
        assert!(!text.contains("10001"), "{text}");
        assert!(!text.contains(&oslo.to_string()), "{text}");

        // Ola sees the Oslo customer, so he is told which one has the number.
        let ola = app.login("ola@test.no").await;
        let problem: Value = ola
            .post(app.url("/api/v1/customers"))
            .json(&json!({"name": "Kopi AS", "org_number": "974760673"}))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        assert!(
            problem["errors"]["org_number"][0]
                .as_str()
                .unwrap()
                .contains("Registerenheten (kundenr. 10001)"),
            "{problem}"
        );
    }
);

db_test!(page_numbers_beyond_reach_are_refused, |app| {
    let ola = app.login("ola@test.no").await;
    for (page, limit, max) in [
        ("9223372036854775807", "50", "20001"),
        ("18446744073709551616", "50", "20001"),
        ("2002", "500", "2001"),
    ] {
        let res = ola
            .get(app.url(&format!("/api/v1/customers?page={page}&limit={limit}")))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 422, "page={page}");
        assert_eq!(res.headers()["content-type"], "application/problem+json");
        let problem: Value = res.json().await.unwrap();
        assert_eq!(
            problem["errors"]["page"][0],
            format!("Sidetallet må være et heltall fra 1 til {max}."),
            "{problem}"
        );
    }
    let res = ola
        .get(app.url("/api/v1/customers?page=2001&limit=500"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    let list: Value = res.json().await.unwrap();
    assert_eq!(list["items"], json!([]));
    assert_eq!(list["next_page"], Value::Null);
});

db_test!(the_api_answers_in_english_for_english_users, |app| {
    sqlx::query("UPDATE users SET locale = 'en' WHERE email = 'ola@test.no'")
        .execute(&app.db.pool)
        .await
        .unwrap();
    let ola = app.login("ola@test.no").await;
    let res = ola
        .post(app.url("/api/v1/customers"))
        .json(&json!({"name": ""}))
        .send()
        .await
        .unwrap();
    let problem: Value = res.json().await.unwrap();
    assert_eq!(problem["errors"]["name"][0], "Required.");
});

db_test!(openapi_document_and_browser, |app| {
    let res = reqwest::get(app.url("/api/openapi.json")).await.unwrap();
    assert_eq!(res.status(), 200);
    let doc: Value = res.json().await.unwrap();
    assert!(doc["openapi"].as_str().unwrap().starts_with("3."));
    for path in ["/api/v1/customers", "/api/v1/customers/{id}"] {
        assert!(doc["paths"][path].is_object(), "{path}");
    }
    assert!(
        doc["paths"]["/api/v1/customers"]["get"]["parameters"]
            .as_array()
            .unwrap()
            .iter()
            .any(|p| p["name"] == "county")
    );
    let res = reqwest::get(app.url("/api/docs/")).await.unwrap();
    assert_eq!(res.status(), 200);
    assert!(res.text().await.unwrap().contains("swagger"));
});

db_test!(contacts_through_the_api, |app| {
    let (oslo, bergen) = crate::support::fixtures::two_customers(app).await;
    let ola = app.login("ola@test.no").await;
    let res = ola
        .post(app.url(&format!("/api/v1/customers/{oslo}/contacts")))
        .json(&json!({"first_name": "Kari", "last_name": "Nordmann", "mobile": "912 34 567", "is_main": true}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 201);
    let contact: Value = res.json().await.unwrap();
    assert_eq!(contact["mobile"], "+4791234567");
    assert_eq!(contact["is_main"], 1);
    assert_eq!(contact["portal"], "none");
    let id = contact["id"].as_i64().unwrap();
    let res = ola
        .post(app.url(&format!("/api/v1/customers/{oslo}/contacts")))
        .json(&json!({"first_name": "X", "last_name": "Y", "mobile": "123"}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 422);
    let problem: Value = res.json().await.unwrap();
    assert!(problem["errors"]["mobile"].is_array());
    let res = ola
        .patch(app.url(&format!("/api/v1/contacts/{id}")))
        .json(&json!({"position": "Daglig leder", "version": 1}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    let patched: Value = res.json().await.unwrap();
    assert_eq!(patched["position"], "Daglig leder");
    assert_eq!(patched["mobile"], "+4791234567", "fields not sent stay");
    let res = ola
        .patch(app.url(&format!("/api/v1/contacts/{id}")))
        .json(&json!({"position": "Sjef", "version": 1}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 409);
    let list: Value = ola
        .get(app.url(&format!("/api/v1/customers/{oslo}/contacts")))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(list["items"].as_array().unwrap().len(), 1);
    assert_eq!(list["total"], 1);
    // Another department's consultant cannot see it; a manager of another department cannot change it.
    let berit = app.login("berit@test.no").await;
    assert_eq!(
        berit
            .get(app.url(&format!("/api/v1/contacts/{id}")))
            .send()
            .await
            .unwrap()
            .status(),
        404
    );
    assert_eq!(
        berit
            .get(app.url(&format!("/api/v1/customers/{oslo}/contacts")))
            .send()
            .await
            .unwrap()
            .status(),
        404
    );
    let res = berit
        .post(app.url(&format!("/api/v1/customers/{bergen}/contacts")))
        .json(&json!({"first_name": "B", "last_name": "B"}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 201);
    let manager = app.login("leder@test.no").await;
    let bergen_contact = res.json::<Value>().await.unwrap()["id"].as_i64().unwrap();
    let res = manager
        .patch(app.url(&format!("/api/v1/contacts/{bergen_contact}")))
        .json(&json!({"position": "x"}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 403);
    let doc: Value = reqwest::get(app.url("/api/openapi.json"))
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    for path in [
        "/api/v1/customers/{id}/contacts",
        "/api/v1/contacts/{id}",
        "/api/v1/card-layout",
        "/api/v1/customers/{id}/comments",
    ] {
        assert!(doc["paths"][path].is_object(), "{path}");
    }
});

db_test!(api_contacts_get_the_pages_duplicate_check, |app| {
    let (oslo, _) = crate::support::fixtures::two_customers(app).await;
    let ola = app.login("ola@test.no").await;
    let create = |body: Value| {
        ola.post(app.url(&format!("/api/v1/customers/{oslo}/contacts")))
            .json(&body)
            .send()
    };
    let res =
        create(json!({"first_name": "Kari", "last_name": "Nordmann", "email": "kari@nordlys.no"}))
            .await
            .unwrap();
    assert_eq!(res.status(), 201);
    // The same email under another name, and the same name in other case: 409 naming the contact.
    for body in [
        json!({"first_name": "Anne", "last_name": "Berg", "email": "kari@nordlys.no"}),
        json!({"first_name": "KARI", "last_name": "nordmann"}),
    ] {
        let res = create(body).await.unwrap();
        assert_eq!(res.status(), 409);
        let problem: Value = res.json().await.unwrap();
        assert!(
            problem["detail"]
                .as_str()
                .unwrap()
                .contains("Kari Nordmann (kari@nordlys.no)"),
            "{problem}"
        );
    }
    let res = create(json!({"first_name": "Anne", "last_name": "Berg", "email": "kari@nordlys.no", "confirm_duplicate": true}))
        .await
        .unwrap();
    assert_eq!(res.status(), 201);
    let list: Value = ola
        .get(app.url(&format!("/api/v1/customers/{oslo}/contacts")))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(list["total"], 2);
});

db_test!(a_customers_messages_through_the_api, |app| {
    let (oslo, _bergen, ase, _per) = crate::support::fixtures::customer_with_contacts(app).await;
    let ola = app.login("ola@test.no").await;
    let res = ola
        .post(app.url(&format!("/customers/{oslo}/dialog/email")))
        .form(&[
            ("to", ase.to_string()),
            ("subject", "Tilbud på vikarer".to_string()),
            ("body", "Hei {first_name}!".to_string()),
            ("action", "send".to_string()),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303);
    let get = |who: &reqwest::Client, path: String| who.get(app.url(&path)).send();
    let res = get(&ola, format!("/api/v1/customers/{oslo}/messages"))
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    let list: Value = res.json().await.unwrap();
    assert_eq!(list["total"], 1, "{list}");
    assert_eq!(list["items"][0]["headline"], "Tilbud på vikarer");
    assert_eq!(list["items"][0]["channel"], "email");
    let mid = list["items"][0]["id"].as_i64().unwrap();
    // The tab's filters.
    let sms: Value = get(
        &ola,
        format!("/api/v1/customers/{oslo}/messages?channel=sms"),
    )
    .await
    .unwrap()
    .json()
    .await
    .unwrap();
    assert_eq!(sms["total"], 0);
    assert_eq!(sms["items"].as_array().unwrap().len(), 0);
    let res = get(
        &ola,
        format!("/api/v1/customers/{oslo}/messages?channel=fax"),
    )
    .await
    .unwrap();
    assert_eq!(res.status(), 422);
    assert_eq!(res.headers()["content-type"], "application/problem+json");
    let res = get(&ola, format!("/api/v1/customers/{oslo}/messages/{mid}"))
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    let message: Value = res.json().await.unwrap();
    assert_eq!(message["body"], "Hei Åse!");
    assert!(message["to"].as_str().unwrap().contains("ase@nordlys.test"));
    assert!(message["events"].is_array());
    // Isolation: a consultant of another department sees neither the list nor the message,
    // and a message is read only under its own customer.
    let berit = app.login("berit@test.no").await;
    for path in [
        format!("/api/v1/customers/{oslo}/messages"),
        format!("/api/v1/customers/{oslo}/messages/{mid}"),
    ] {
        let res = get(&berit, path.clone()).await.unwrap();
        assert_eq!(res.status(), 404, "{path}");
        assert_eq!(res.headers()["content-type"], "application/problem+json");
    }
    let other = app
        .customer(kundekort::customers::model::CustomerDraft {
            name: "Annen Kunde AS".into(),
            owner_id: app.fx.consultant_oslo.to_string(),
            department_id: app.fx.oslo.to_string(),
            ..Default::default()
        })
        .await;
    let res = get(&ola, format!("/api/v1/customers/{other}/messages/{mid}"))
        .await
        .unwrap();
    assert_eq!(res.status(), 404);
    let doc: Value = reqwest::get(app.url("/api/openapi.json"))
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert!(doc["paths"]["/api/v1/customers/{id}/messages"]["get"].is_object());
    assert!(doc["paths"]["/api/v1/customers/{id}/messages/{mid}"]["get"].is_object());
});
