//! Creating and editing customers in the browser forms: validation that keeps the input,
//! duplicates, stale edits, and the history.

use crate::{db_test, support::TestApp, support::fixtures::draft};

async fn count(app: &TestApp) -> i64 {
    let (n,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM customers")
        .fetch_one(&app.db.pool)
        .await
        .unwrap();
    n
}

db_test!(bad_input_is_explained_next_to_the_field_and_kept, |app| {
    let ola = app.login("ola@test.no").await;
    let long_name = "x".repeat(201);
    type Case<'a> = (&'a [(&'a str, &'a str)], &'a str, &'a str);
    let cases: [Case; 6] = [
        (
            &[("name", "Fjordbygg AS"), ("org_number", "974 760 672")],
            "Kontrollsifferet stemmer ikke",
            "value=\"974 760 672\"",
        ),
        (
            &[("name", "Fjordbygg AS"), ("org_number", "12345")],
            "Et organisasjonsnummer har 9 siffer",
            "value=\"12345\"",
        ),
        (
            &[("name", "Fjordbygg AS"), ("visit_postal_code", "0000")],
            "Postnummer 0000 finnes ikke",
            "value=\"Fjordbygg AS\"",
        ),
        (
            &[("name", "  "), ("email", "post@fjordbygg.no")],
            "Må fylles ut.",
            "value=\"post@fjordbygg.no\"",
        ),
        (
            &[("name", &long_name)],
            "Kan ha høyst 200 tegn.",
            &long_name,
        ),
        (
            &[
                ("name", "Fjordbygg AS"),
                ("email", "post(at)fjordbygg"),
                ("phone", "ring meg"),
            ],
            "gyldig e-postadresse",
            "value=\"ring meg\"",
        ),
    ];
    for (form, message, kept) in cases {
        let res = ola
            .post(app.url("/customers"))
            .form(form)
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 422, "{form:?}");
        let body = res.text().await.unwrap();
        assert!(body.contains(message), "{message} missing for {form:?}");
        assert!(body.contains(kept), "input not kept for {form:?}");
        assert!(body.contains("aria-invalid=\"true\""));
    }
    assert_eq!(count(app).await, 0, "nothing half-saved");
});

db_test!(
    a_valid_customer_is_saved_with_place_from_the_postal_code,
    |app| {
        let ola = app.login("ola@test.no").await;
        let res = ola
            .post(app.url("/customers"))
            .form(&[
                ("name", " Fjordbygg AS "),
                ("org_number", "974 760 673"),
                ("status", "active"),
                ("visit_street", "Bryggen 1"),
                ("visit_postal_code", "5003"),
                ("website", "fjordbygg.no"),
                ("owner_id", &app.fx.consultant_oslo.to_string()),
                ("department_id", &app.fx.oslo.to_string()),
            ])
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 303);
        let location = res.headers()["location"].to_str().unwrap().to_string();
        assert!(location.ends_with("?saved=1"));
        let body = ola
            .get(app.url(&location))
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        assert!(body.contains("Fjordbygg AS"));
        assert!(body.contains("974 760 673"), "grouped 3-3-3");
        assert!(body.contains("Bergen"));
        assert!(body.contains("https://fjordbygg.no"));
        assert!(body.contains("Kunden er lagret."));
        let (city, county, org): (String, String, String) =
            sqlx::query_as("SELECT visit_city, county_no, org_number FROM customers")
                .fetch_one(&app.db.pool)
                .await
                .unwrap();
        assert_eq!(
            (city.as_str(), county.as_str(), org.as_str()),
            ("Bergen", "46", "974760673")
        );
    }
);

db_test!(a_duplicate_org_number_names_the_existing_customer, |app| {
    app.customer(kundekort::customers::model::CustomerDraft {
        org_number: "974760673".into(),
        department_id: app.fx.oslo.to_string(),
        ..draft("Registerenheten")
    })
    .await;
    let ola = app.login("ola@test.no").await;
    let res = ola
        .post(app.url("/customers"))
        .form(&[("name", "Kopi AS"), ("org_number", "974760673")])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 422);
    let body = res.text().await.unwrap();
    assert!(
        body.contains("allerede registrert på Registerenheten (kundenr. 10001)"),
        "{body}"
    );
    assert!(body.contains("value=\"Kopi AS\""));
    assert_eq!(count(app).await, 1);
});

db_test!(
    a_duplicate_org_number_of_a_hidden_customer_names_nobody,
    |app| {
        let oslo = app
            .customer(kundekort::customers::model::CustomerDraft {
                org_number: "974760673".into(),
                department_id: app.fx.oslo.to_string(),
                ..draft("Registerenheten")
            })
            .await;
        let berit = app.login("berit@test.no").await;
        let res = berit
            .post(app.url("/customers"))
            .form(&[("name", "Kopi AS"), ("org_number", "974760673")])
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 422);
        let body = res.text().await.unwrap();
        assert!(
            body.contains("allerede registrert på en annen kunde"),
            "{body}"
        );
        assert!(!body.contains("Registerenheten"), "{body}");
        assert!(!body.contains("10001"), "{body}");
        assert!(!body.contains(&format!("/customers/{oslo}")), "{body}");

        // The same when editing one of her own customers to that number.
        let own = app
            .customer(kundekort::customers::model::CustomerDraft {
                department_id: app.fx.bergen.to_string(),
                ..draft("Bergen Bygg AS")
            })
            .await;
        let res = berit
            .post(app.url(&format!("/customers/{own}")))
            .form(&[
                ("name", "Bergen Bygg AS"),
                ("org_number", "974760673"),
                ("status", "active"),
                ("department_id", &app.fx.bergen.to_string()),
                ("version", "1"),
            ])
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 422);
        let body = res.text().await.unwrap();
        assert!(
            body.contains("allerede registrert på en annen kunde"),
            "{body}"
        );
        assert!(!body.contains("Registerenheten"), "{body}");
        assert_eq!(count(app).await, 2);
    }
);

db_test!(
    a_stale_edit_is_explained_and_never_silently_overwrites,
    |app| {
        let id = app
            .customer(kundekort::customers::model::CustomerDraft {
                owner_id: app.fx.consultant_oslo.to_string(),
                department_id: app.fx.oslo.to_string(),
                ..draft("Nordlys Elektro AS")
            })
            .await;
        let ola = app.login("ola@test.no").await;
        let edit = ola
            .get(app.url(&format!("/customers/{id}/edit")))
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        assert!(edit.contains("name=\"version\" value=\"1\""));
        // Someone else saves first.
        let manager = app.login("leder@test.no").await;
        let res = manager
            .patch(app.url(&format!("/api/v1/customers/{id}")))
            .json(&serde_json::json!({"phone": "22 33 44 55"}))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 200);
        let res = ola
            .post(app.url(&format!("/customers/{id}")))
            .form(&[
                ("name", "Nordlys Elektro og Sikkerhet AS"),
                ("status", "active"),
                ("version", "1"),
                ("owner_id", &app.fx.consultant_oslo.to_string()),
                ("department_id", &app.fx.oslo.to_string()),
            ])
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 409);
        let body = res.text().await.unwrap();
        assert!(body.contains("Noen andre har endret kunden"), "{body}");
        assert!(body.contains("Lise Leder"));
        assert!(
            body.contains("22 33 44 55"),
            "the other person's value is shown"
        );
        assert!(
            body.contains("value=\"Nordlys Elektro og Sikkerhet AS\""),
            "own input kept"
        );
        assert!(body.contains("name=\"version\" value=\"2\""));
        let (name, phone): (String, Option<String>) =
            sqlx::query_as("SELECT name, phone FROM customers WHERE id = $1")
                .bind(id)
                .fetch_one(&app.db.pool)
                .await
                .unwrap();
        assert_eq!(
            (name.as_str(), phone.as_deref()),
            ("Nordlys Elektro AS", Some("22 33 44 55"))
        );
        // Saving again, knowingly, works.
        let res = ola
            .post(app.url(&format!("/customers/{id}")))
            .form(&[
                ("name", "Nordlys Elektro og Sikkerhet AS"),
                ("status", "active"),
                ("version", "2"),
                ("phone", "22 33 44 55"),
                ("owner_id", &app.fx.consultant_oslo.to_string()),
                ("department_id", &app.fx.oslo.to_string()),
            ])
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 303);
    }
);

db_test!(
    every_change_is_in_the_history_with_old_and_new_values,
    |app| {
        let ola = app.login("ola@test.no").await;
        let res = ola
            .post(app.url("/customers"))
            .form(&[
                ("name", "Vestbygg AS"),
                ("status", "potential"),
                ("department_id", &app.fx.oslo.to_string()),
            ])
            .send()
            .await
            .unwrap();
        let location = res.headers()["location"].to_str().unwrap().to_string();
        let id: i64 = location
            .trim_start_matches("/customers/")
            .trim_end_matches("?saved=1")
            .parse()
            .unwrap();
        let res = ola
            .post(app.url(&format!("/customers/{id}")))
            .form(&[
                ("name", "Vestbygg AS"),
                ("status", "active"),
                ("version", "1"),
                ("department_id", &app.fx.oslo.to_string()),
                ("visit_postal_code", "0150"),
            ])
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 303);
        let rows: Vec<(String, String, Option<i64>)> = sqlx::query_as(
            "SELECT action, changes, user_id FROM audit_log WHERE customer_id = $1 ORDER BY id",
        )
        .bind(id)
        .fetch_all(&app.db.pool)
        .await
        .unwrap();
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[0].0, "create");
        assert_eq!(rows[1].0, "update");
        assert_eq!(rows[1].2, Some(app.fx.consultant_oslo));
        let changes: serde_json::Value = serde_json::from_str(&rows[1].1).unwrap();
        assert_eq!(
            changes,
            serde_json::json!([
                {"field": "status", "old": "potential", "new": "active"},
                {"field": "visit_postal_code", "old": null, "new": "0150"},
            ])
        );
        let page = ola
            .get(app.url(&format!("/customers/{id}")))
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        assert!(
            page.contains("<del>Potensiell</del> → <ins>Aktiv</ins>"),
            "{page}"
        );
        assert!(page.contains("Ola Oslo"));
        assert!(
            page.contains("Avdeling: <del>—</del> → <ins>Oslo</ins>"),
            "names, not ids, in the history"
        );
        // Saving without changes records nothing new.
        ola.post(app.url(&format!("/customers/{id}")))
            .form(&[
                ("name", "Vestbygg AS"),
                ("status", "active"),
                ("version", "2"),
                ("department_id", &app.fx.oslo.to_string()),
                ("visit_postal_code", "0150"),
            ])
            .send()
            .await
            .unwrap();
        let (n,): (i64,) = sqlx::query_as(
            "SELECT COUNT(*) FROM audit_log WHERE customer_id = $1 AND changes <> '[]'",
        )
        .bind(id)
        .fetch_one(&app.db.pool)
        .await
        .unwrap();
        assert_eq!(n, 2);
    }
);

db_test!(postal_lookup_and_municipality_options, |app| {
    let ola = app.login("ola@test.no").await;
    let body = ola
        .get(app.url("/geo/postal?visit_postal_code=9008"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert_eq!(body, "Tromsø · Tromsø · Troms");
    let body = ola
        .get(app.url("/geo/postal?visit_postal_code=0000"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(body.contains("Postnummer 0000 finnes ikke"));
    // The list's municipality filter offers only municipalities with customers (none here);
    // see customer_list/ for the counts.
    let body = ola
        .get(app.url("/customers?county=46"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(body.contains("<select name=\"municipality\" id=\"filter-municipality\">"));
    assert!(!body.contains("value=\"4601\""), "{body}");
});
