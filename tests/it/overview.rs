//! The card's overview: box layout per user and firm, fixed comments, invoice details and
//! updating from Enhetsregisteret.

use kundekort::{config::parse_base_url, customers::model::CustomerDraft};
use serde_json::{Value, json};

use crate::{
    db_test,
    support::fixtures::two_customers,
    support::{Backend, TestApp, run_with},
};

/// The order of the visible boxes on a customer's overview page.
async fn box_order(client: &reqwest::Client, app: &TestApp, customer: i64) -> Vec<String> {
    let page = client
        .get(app.url(&format!("/customers/{customer}")))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    page.match_indices("data-box=\"")
        .map(|(i, m)| {
            let rest = &page[i + m.len()..];
            rest[..rest.find('"').unwrap()].to_string()
        })
        .collect()
}

db_test!(
    each_user_arranges_the_boxes_and_admins_set_the_default,
    |app| {
        let (oslo, _) = two_customers(app).await;
        let ola = app.login("ola@test.no").await;
        let default = vec![
            "comments",
            "master",
            "addresses",
            "invoice",
            "figures",
            "timeline",
            "activity",
            "history",
        ];
        assert_eq!(box_order(&ola, app, oslo).await, default);
        let form = |b: &str, dir: &str| {
            vec![
                ("customer".to_string(), oslo.to_string()),
                ("box".into(), b.into()),
                ("dir".into(), dir.into()),
            ]
        };
        let res = ola
            .post(app.url("/card-layout/move"))
            .form(&form("history", "up"))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 303);
        assert_eq!(res.headers()["location"], format!("/customers/{oslo}"));
        ola.post(app.url("/card-layout/hide"))
            .form(&form("figures", ""))
            .send()
            .await
            .unwrap();
        assert_eq!(
            box_order(&ola, app, oslo).await,
            vec![
                "comments",
                "master",
                "addresses",
                "invoice",
                "timeline",
                "history",
                "activity"
            ]
        );
        // Drag and drop sends the whole visible order.
        let res = ola
            .post(app.url("/card-layout"))
            .form(&[("order", "master,history,comments,addresses,invoice")])
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 200);
        assert_eq!(
            box_order(&ola, app, oslo).await,
            vec![
                "master",
                "history",
                "comments",
                "addresses",
                "invoice",
                "timeline",
                "activity"
            ]
        );
        // It is Ola's layout: it survives log-out, and others keep theirs.
        let again = app.login("ola@test.no").await;
        assert_eq!(box_order(&again, app, oslo).await[0], "master");
        let admin = app.admin().await;
        assert_eq!(box_order(&admin, app, oslo).await, default);
        // The admin's arrangement becomes the firm default for everyone without their own.
        admin
            .post(app.url("/card-layout/move"))
            .form(&form("invoice", "up"))
            .send()
            .await
            .unwrap();
        admin
            .post(app.url("/admin/card-layout"))
            .form(&[("customer", oslo.to_string())])
            .send()
            .await
            .unwrap();
        let manager = app.login("leder@test.no").await;
        assert_eq!(
            box_order(&manager, app, oslo).await,
            vec![
                "comments",
                "master",
                "invoice",
                "addresses",
                "figures",
                "timeline",
                "activity",
                "history"
            ]
        );
        // Reset brings Ola back to the firm default; hidden boxes show again.
        ola.post(app.url("/card-layout/reset"))
            .form(&[("customer", oslo.to_string())])
            .send()
            .await
            .unwrap();
        assert_eq!(
            box_order(&ola, app, oslo).await,
            vec![
                "comments",
                "master",
                "invoice",
                "addresses",
                "figures",
                "timeline",
                "activity",
                "history"
            ]
        );
        // Only admins set the firm default; unknown boxes are refused.
        let res = ola
            .post(app.url("/admin/card-layout"))
            .form(&[("customer", oslo.to_string())])
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 403);
        let res = ola
            .post(app.url("/card-layout/hide"))
            .form(&form("secret", ""))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 400);
        // The API reads and writes the same layout.
        let res = ola.put(app.url("/api/v1/card-layout")).json(&json!({"boxes": [{"key": "history", "hidden": false}, {"key": "nope", "hidden": false}]})).send().await.unwrap();
        assert_eq!(res.status(), 422);
        let res = ola.put(app.url("/api/v1/card-layout")).json(&json!({"boxes": [{"key": "history", "hidden": false}, {"key": "master", "hidden": true}]})).send().await.unwrap();
        assert_eq!(res.status(), 200);
        let layout: Value = ola
            .get(app.url("/api/v1/card-layout"))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        assert_eq!(layout["boxes"][0]["key"], "history");
        assert_eq!(layout["boxes"].as_array().unwrap().len(), 8);
        assert_eq!(box_order(&ola, app, oslo).await[0], "history");
    }
);

db_test!(fixed_comments_show_on_every_tab_and_are_audited, |app| {
    let (oslo, _) = two_customers(app).await;
    let ola = app.login("ola@test.no").await;
    let res = ola
        .post(app.url(&format!("/customers/{oslo}/comments")))
        .form(&[("body", "  ")])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 422);
    assert!(res.text().await.unwrap().contains("Må fylles ut."));
    let long = "x".repeat(1001);
    let res = ola
        .post(app.url(&format!("/customers/{oslo}/comments")))
        .form(&[("body", long.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 422);
    assert!(
        res.text().await.unwrap().contains(&long),
        "the typed text is kept"
    );
    for body in ["Betaler alltid sent – krev forskudd", "Bruk inngang B"] {
        let res = ola
            .post(app.url(&format!("/customers/{oslo}/comments")))
            .form(&[("body", body)])
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 303);
    }
    let contacts_tab = ola
        .get(app.url(&format!("/customers/{oslo}/contacts")))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let first = contacts_tab.find("Betaler alltid sent").unwrap();
    let second = contacts_tab.find("Bruk inngang B").unwrap();
    assert!(first < second);
    let ids: Vec<(i64,)> = sqlx::query_as("SELECT id FROM customer_comments ORDER BY position")
        .fetch_all(&app.db.pool)
        .await
        .unwrap();
    let res = ola
        .post(app.url(&format!("/customers/{oslo}/comments/{}/move", ids[1].0)))
        .form(&[("dir", "up")])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303);
    let page = ola
        .get(app.url(&format!("/customers/{oslo}")))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(page.find("Bruk inngang B").unwrap() < page.find("Betaler alltid sent").unwrap());
    ola.post(app.url(&format!("/customers/{oslo}/comments/{}", ids[0].0)))
        .form(&[("body", "Betaler sent")])
        .send()
        .await
        .unwrap();
    ola.post(app.url(&format!("/customers/{oslo}/comments/{}/delete", ids[1].0)))
        .send()
        .await
        .unwrap();
    let page = ola
        .get(app.url(&format!("/customers/{oslo}")))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        page.contains(
            "Kommentar: <del>Betaler alltid sent – krev forskudd</del> → <ins>Betaler sent</ins>"
        ),
        "{page}"
    );
    assert!(page.contains("Fast kommentar slettet"));
    // Someone who may not change the customer may not comment on it either.
    let manager_bergen_view = app.login("berit@test.no").await;
    let res = manager_bergen_view
        .post(app.url(&format!("/customers/{oslo}/comments")))
        .form(&[("body", "Hei")])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 404);
    let res = ola
        .post(app.url(&format!("/api/v1/customers/{oslo}/comments")))
        .json(&json!({"body": "Fra API"}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 201);
    let list: Value = ola
        .get(app.url(&format!("/api/v1/customers/{oslo}/comments")))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(list["items"].as_array().unwrap().len(), 2);
    assert_eq!(list["total"], 2);
});

db_test!(invoice_details_are_validated_and_defaulted, |app| {
    let id = app
        .customer(CustomerDraft {
            name: "Registerenheten".into(),
            org_number: "974760673".into(),
            owner_id: app.fx.consultant_oslo.to_string(),
            department_id: app.fx.oslo.to_string(),
            ..Default::default()
        })
        .await;
    let ola = app.login("ola@test.no").await;
    let page = ola
        .get(app.url(&format!("/customers/{id}/invoice-settings")))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(page.contains("placeholder=\"0192:974760673\""));
    let bad = [
        ("delivery_method", "ehf"),
        ("invoice_email", "faktura(at)x"),
        ("payment_terms_days", "400"),
        ("invoice_postal_code", "0000"),
        ("peppol_id", "bogus"),
        ("version", "0"),
    ];
    let res = ola
        .post(app.url(&format!("/customers/{id}/invoice-settings")))
        .form(&bad)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 422);
    let body = res.text().await.unwrap();
    // EHF is asked for once: the delivery method, no separate checkbox.
    assert!(!body.contains("name=\"ehf_enabled\""), "{body}");
    for msg in [
        "gyldig e-postadresse",
        "fra 0 til 365",
        "Postnummer 0000 finnes ikke",
        "0192:923609016",
    ] {
        assert!(body.contains(msg), "{msg}");
    }
    assert!(body.contains("value=\"faktura(at)x\""));
    let good = [
        ("delivery_method", "ehf"),
        ("payment_terms_days", "30"),
        ("po_required", "1"),
        ("our_reference", "Ola"),
        ("version", "0"),
    ];
    let res = ola
        .post(app.url(&format!("/customers/{id}/invoice-settings")))
        .form(&good)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303);
    let (peppol, terms, version): (String, i64, i64) = sqlx::query_as("SELECT peppol_id, payment_terms_days, version FROM invoice_settings WHERE customer_id = $1")
        .bind(id)
        .fetch_one(&app.db.pool)
        .await
        .unwrap();
    assert_eq!((peppol.as_str(), terms, version), ("0192:974760673", 30, 1));
    let ehf = ehf_and_delivery(app, id).await;
    assert_eq!(
        ehf,
        (1, "ehf".to_string()),
        "the EHF flag follows the delivery method"
    );
    // A stale form (version 0 again) is refused, not saved over.
    let res = ola
        .post(app.url(&format!("/customers/{id}/invoice-settings")))
        .form(&good)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 409);
    let page = ola
        .get(app.url(&format!("/customers/{id}")))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(page.contains("30 dager") && page.contains("0192:974760673"));
    assert!(page.contains("Fakturaopplysninger endret"));
    // Choosing email turns EHF off: the stored flag never contradicts the choice.
    let res = ola
        .post(app.url(&format!("/customers/{id}/invoice-settings")))
        .form(&[
            ("delivery_method", "email"),
            ("invoice_email", "faktura@kunde.test"),
            ("payment_terms_days", "30"),
            ("version", "1"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303);
    let ehf = ehf_and_delivery(app, id).await;
    assert_eq!(ehf, (0, "email".to_string()));
});

/// The stored EHF flag and delivery method of a customer's invoice settings.
async fn ehf_and_delivery(app: &TestApp, id: i64) -> (i64, String) {
    sqlx::query_as(
        "SELECT ehf_enabled, delivery_method FROM invoice_settings WHERE customer_id = $1",
    )
    .bind(id)
    .fetch_one(&app.db.pool)
    .await
    .unwrap()
}

db_test!(
    update_from_enhetsregisteret_shows_differences_before_changing,
    each_backend = update_from_enhetsregisteret
);
async fn update_from_enhetsregisteret(backend: Backend) {
    let fake = crate::support::fake_brreg::spawn().await;
    run_with(
        backend,
        move |c| {
            c.brreg_url = parse_base_url(&format!("http://{fake}/enhetsregisteret/api")).unwrap()
        },
        async |app: &TestApp| {
            let id = app
                .customer(CustomerDraft {
                    name: "Brreg".into(),
                    org_number: "974760673".into(),
                    visit_street: "Havnegata 48".into(),
                    visit_postal_code: "8900".into(),
                    ..Default::default()
                })
                .await;
            let admin = app.admin().await;
            let page = admin
                .get(app.url(&format!("/customers/{id}/brreg")))
                .send()
                .await
                .unwrap()
                .text()
                .await
                .unwrap();
            assert!(
                page.contains("<del>Brreg</del>")
                    && page.contains("<ins>Registerenheten i Brønnøysund</ins>"),
                "{page}"
            );
            assert!(
                !page.contains("<del>Havnegata 48</del>"),
                "equal fields are not listed"
            );
            let (name,): (String,) = sqlx::query_as("SELECT name FROM customers WHERE id = $1")
                .bind(id)
                .fetch_one(&app.db.pool)
                .await
                .unwrap();
            assert_eq!(name, "Brreg", "nothing changed before confirming");
            let res = admin
                .post(app.url(&format!("/customers/{id}/brreg")))
                .form(&[("version", "1")])
                .send()
                .await
                .unwrap();
            assert_eq!(res.status(), 303);
            let (name, industry): (String, String) =
                sqlx::query_as("SELECT name, industry_code FROM customers WHERE id = $1")
                    .bind(id)
                    .fetch_one(&app.db.pool)
                    .await
                    .unwrap();
            assert_eq!(
                (name.as_str(), industry.as_str()),
                ("Registerenheten i Brønnøysund", "84.110")
            );
            let page = admin
                .get(app.url(&format!("/customers/{id}/brreg")))
                .send()
                .await
                .unwrap()
                .text()
                .await
                .unwrap();
            assert!(page.contains("Alt stemmer med Enhetsregisteret"));
            // A number the register does not know: no promise of a form on a page without one,
            // but a way to the card's edit form.
            let unknown = app
                .customer(CustomerDraft {
                    name: "Ukjent".into(),
                    org_number: "923609016".into(),
                    ..Default::default()
                })
                .await;
            let page = admin
                .get(app.url(&format!("/customers/{unknown}/brreg")))
                .send()
                .await
                .unwrap()
                .text()
                .await
                .unwrap();
            assert!(
                page.contains("Fant ikke nummeret i Enhetsregisteret"),
                "{page}"
            );
            assert!(!page.contains("fylle ut"), "{page}");
            assert!(
                page.contains(&format!(
                    "id=\"brreg-edit\" href=\"/customers/{unknown}/edit\""
                )),
                "{page}"
            );
        },
    )
    .await;
}
