//! Contacts on the card: validation that keeps input, one main contact, duplicates, access,
//! the global search, history, and GDPR export and erasure.

use serde_json::{Value, json};

use crate::{
    db_test,
    support::fixtures::{add_contact, customer_with_contacts, two_customers},
};

db_test!(a_bad_mobile_number_is_explained_and_the_input_kept, |app| {
    let (oslo, _) = two_customers(app).await;
    let ola = app.login("ola@test.no").await;
    let res = ola
        .post(app.url(&format!("/customers/{oslo}/contacts")))
        .form(&[
            ("first_name", "Kari"),
            ("last_name", "Nordmann"),
            ("email", "kari@nordlys.no"),
            ("mobile", "22 33 44 55"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 422);
    let body = res.text().await.unwrap();
    assert!(
        body.contains("Norske mobilnummer begynner på 4 eller 9"),
        "{body}"
    );
    assert!(
        body.contains("value=\"Kari\"")
            && body.contains("value=\"kari@nordlys.no\"")
            && body.contains("value=\"22 33 44 55\"")
    );
    let (n,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM contacts")
        .fetch_one(&app.db.pool)
        .await
        .unwrap();
    assert_eq!(n, 0);
    let id = add_contact(
        &ola,
        app,
        oslo,
        &[
            ("first_name", "Kari"),
            ("last_name", "Nordmann"),
            ("mobile", "912 34 567"),
        ],
    )
    .await;
    let (mobile,): (String,) = sqlx::query_as("SELECT mobile FROM contacts WHERE id = $1")
        .bind(id)
        .fetch_one(&app.db.pool)
        .await
        .unwrap();
    assert_eq!(mobile, "+4791234567");
    let page = ola
        .get(app.url(&format!("/customers/{oslo}/contacts")))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(page.contains("912 34 567"));
});

db_test!(
    there_is_one_main_contact_and_duplicates_are_warned_about,
    |app| {
        let (oslo, _) = two_customers(app).await;
        let ola = app.login("ola@test.no").await;
        let a = add_contact(
            &ola,
            app,
            oslo,
            &[
                ("first_name", "Kari"),
                ("last_name", "Nordmann"),
                ("is_main", "1"),
                ("email", "kari@nordlys.no"),
            ],
        )
        .await;
        let b = add_contact(
            &ola,
            app,
            oslo,
            &[
                ("first_name", "Per"),
                ("last_name", "Hansen"),
                ("is_main", "1"),
            ],
        )
        .await;
        let mains: Vec<(i64,)> = sqlx::query_as("SELECT id FROM contacts WHERE is_main = 1")
            .fetch_all(&app.db.pool)
            .await
            .unwrap();
        assert_eq!(mains, vec![(b,)]);
        let _ = a;
        let res = ola
            .post(app.url(&format!("/customers/{oslo}/contacts")))
            .form(&[
                ("first_name", "Anne"),
                ("last_name", "Berg"),
                ("email", "KARI@nordlys.no"),
            ])
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 409);
        let body = res.text().await.unwrap();
        assert!(body.contains("Kari Nordmann (kari@nordlys.no)"), "{body}");
        assert!(body.contains("value=\"Anne\""));
        add_contact(
            &ola,
            app,
            oslo,
            &[
                ("first_name", "Anne"),
                ("last_name", "Berg"),
                ("email", "kari@nordlys.no"),
                ("confirm_duplicate", "1"),
            ],
        )
        .await;
    }
);

db_test!(contact_access_follows_the_customer, |app| {
    let (oslo, bergen) = two_customers(app).await;
    let ola = app.login("ola@test.no").await;
    let cid = add_contact(
        &ola,
        app,
        oslo,
        &[("first_name", "Kari"), ("last_name", "Nordmann")],
    )
    .await;
    let berit = app.login("berit@test.no").await;
    for path in [
        format!("/customers/{oslo}/contacts"),
        format!("/customers/{oslo}/contacts/{cid}"),
        format!("/customers/{oslo}/contacts/{cid}/export.json"),
    ] {
        assert_eq!(
            berit.get(app.url(&path)).send().await.unwrap().status(),
            404,
            "{path}"
        );
    }
    // A contact id under the wrong customer is not found either.
    assert_eq!(
        berit
            .get(app.url(&format!("/customers/{bergen}/contacts/{cid}")))
            .send()
            .await
            .unwrap()
            .status(),
        404
    );
    let res = berit
        .post(app.url(&format!("/customers/{bergen}/contacts/{cid}/erase")))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 404);
    // The manager of Oslo sees Bergen's card but cannot add contacts there.
    let manager = app.login("leder@test.no").await;
    assert_eq!(
        manager
            .get(app.url(&format!("/customers/{bergen}/contacts")))
            .send()
            .await
            .unwrap()
            .status(),
        200
    );
    let res = manager
        .post(app.url(&format!("/customers/{bergen}/contacts")))
        .form(&[("first_name", "X"), ("last_name", "Y")])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 403);
    // The global search shows only contacts of customers the user may see.
    add_contact(
        &berit,
        app,
        bergen,
        &[("first_name", "Kari"), ("last_name", "Vik")],
    )
    .await;
    let page = berit
        .get(app.url("/contacts?q=kari"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        page.contains("Kari Vik") && !page.contains("Kari Nordmann"),
        "{page}"
    );
    let page = manager
        .get(app.url("/contacts?q=kari"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(page.contains("Kari Vik") && page.contains("Kari Nordmann"));
});

db_test!(contact_changes_are_in_the_card_history, |app| {
    let (oslo, _) = two_customers(app).await;
    let ola = app.login("ola@test.no").await;
    let cid = add_contact(
        &ola,
        app,
        oslo,
        &[
            ("first_name", "Kari"),
            ("last_name", "Nordmann"),
            ("position", "Innkjøper"),
        ],
    )
    .await;
    let res = ola
        .post(app.url(&format!("/customers/{oslo}/contacts/{cid}")))
        .form(&[
            ("first_name", "Kari"),
            ("last_name", "Nordmann"),
            ("position", "Daglig leder"),
            ("version", "1"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303);
    // A stale second save is refused with the input kept.
    let res = ola
        .post(app.url(&format!("/customers/{oslo}/contacts/{cid}")))
        .form(&[
            ("first_name", "Kari"),
            ("last_name", "Nordmann"),
            ("position", "Sjef"),
            ("version", "1"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 409);
    assert!(res.text().await.unwrap().contains("value=\"Sjef\""));
    let page = ola
        .get(app.url(&format!("/customers/{oslo}")))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        page.contains("Kontakt endret</strong>: Kari Nordmann"),
        "{page}"
    );
    assert!(page.contains("Stilling: <del>Innkjøper</del> → <ins>Daglig leder</ins>"));
});

db_test!(gdpr_export_and_erasure, |app| {
    let (oslo, _) = two_customers(app).await;
    let ola = app.login("ola@test.no").await;
    let cid = add_contact(
        &ola,
        app,
        oslo,
        &[
            ("first_name", "Kari"),
            ("last_name", "Nordmann"),
            ("email", "kari@nordlys.no"),
            ("mobile", "91234567"),
        ],
    )
    .await;
    let res = ola
        .get(app.url(&format!("/customers/{oslo}/contacts/{cid}/export.json")))
        .send()
        .await
        .unwrap();
    assert!(
        res.headers()["content-disposition"]
            .to_str()
            .unwrap()
            .contains("attachment")
    );
    let json: serde_json::Value = res.json().await.unwrap();
    assert_eq!(json["contact"]["email"], "kari@nordlys.no");
    assert_eq!(json["contact"]["mobile"], "+4791234567");
    assert!(!json["change_history"].as_array().unwrap().is_empty());

    let res = ola
        .post(app.url(&format!("/customers/{oslo}/contacts/{cid}/erase")))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303);
    let row: (String, Option<String>, Option<String>, i64) =
        sqlx::query_as("SELECT first_name, email, mobile, active FROM contacts WHERE id = $1")
            .bind(cid)
            .fetch_one(&app.db.pool)
            .await
            .unwrap();
    assert_eq!(row, ("—".to_string(), None, None, 0));
    let (leaks,): (i64,) = sqlx::query_as(
        "SELECT COUNT(*) FROM audit_log WHERE changes LIKE '%kari%' OR changes LIKE '%91234567%'",
    )
    .fetch_one(&app.db.pool)
    .await
    .unwrap();
    assert_eq!(leaks, 0, "the history no longer holds the person's data");
    let page = ola
        .get(app.url(&format!("/customers/{oslo}/contacts/{cid}?erased=1")))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(page.contains("bokføringsloven"));
    assert!(
        !ola.get(app.url("/contacts?q=kari"))
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap()
            .contains("Nordmann")
    );
});

db_test!(an_api_patch_gets_the_duplicate_check_too, |app| {
    let (oslo, _) = two_customers(app).await;
    let ola = app.login("ola@test.no").await;
    let mut ids = Vec::new();
    for (first, email) in [("Kari", "kari@nordlys.no"), ("Anne", "anne@nordlys.no")] {
        let res = ola
            .post(app.url(&format!("/api/v1/customers/{oslo}/contacts")))
            .json(&json!({"first_name": first, "last_name": "Nordmann", "email": email}))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 201);
        ids.push(res.json::<Value>().await.unwrap()["id"].as_i64().unwrap());
    }
    let anne = app.url(&format!("/api/v1/contacts/{}", ids[1]));
    let patch = |body: Value| ola.patch(&anne).json(&body).send();
    // Anne takes Kari's email: 409 naming Kari, and nothing saved.
    let res = patch(json!({"email": "KARI@nordlys.no"})).await.unwrap();
    assert_eq!(res.status(), 409);
    assert_eq!(res.headers()["content-type"], "application/problem+json");
    let detail = res.json::<Value>().await.unwrap()["detail"].to_string();
    assert!(
        detail.contains("Kari Nordmann (kari@nordlys.no)"),
        "{detail}"
    );
    let got: Value = ola.get(&anne).send().await.unwrap().json().await.unwrap();
    assert_eq!(got["email"], "anne@nordlys.no");
    // A contact is no duplicate of itself; and a confirmed duplicate is saved.
    let res = patch(json!({"position": "Innkjøper"})).await.unwrap();
    assert_eq!(res.status(), 200);
    let res = patch(json!({"email": "kari@nordlys.no", "confirm_duplicate": true}))
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    assert_eq!(
        res.json::<Value>().await.unwrap()["email"],
        "kari@nordlys.no"
    );
});

db_test!(
    the_contacts_page_shows_the_own_customers_contacts_before_a_search,
    |app| {
        let (oslo, bergen, _, _) = customer_with_contacts(app).await;
        let berit = app.login("berit@test.no").await;
        add_contact(
            &berit,
            app,
            bergen,
            &[("first_name", "Bjørn"), ("last_name", "Vik")],
        )
        .await;
        let page = |client: reqwest::Client| async move {
            let res = client.get(app.url("/contacts")).send().await.unwrap();
            assert_eq!(res.status(), 200);
            res.text().await.unwrap()
        };
        // Ola holds Nordlys: its two contacts, not Fjordbygg's (which he may not see anyway).
        let ola = app.login("ola@test.no").await;
        let body = page(ola.clone()).await;
        assert!(
            body.contains("id=\"own-contacts\">2 kontakter hos kundene du er ansvarlig for."),
            "{body}"
        );
        assert!(
            body.contains(&format!("href=\"/customers/{oslo}/contacts/"))
                && body.contains("Åse Berg"),
            "{body}"
        );
        assert!(!body.contains("Bjørn"), "{body}");
        // The manager sees Fjordbygg too but holds no customer: an honest empty state.
        let lise = app.login("leder@test.no").await;
        let body = page(lise.clone()).await;
        assert!(body.contains("id=\"own-contacts-none\""), "{body}");
        assert!(
            !body.contains("Åse Berg") && !body.contains("Bjørn"),
            "{body}"
        );
        // A search still searches everything the user may see.
        let res = lise.get(app.url("/contacts?q=vik")).send().await.unwrap();
        let body = res.text().await.unwrap();
        assert!(body.contains("Bjørn Vik"), "{body}");
        assert!(!body.contains("own-contacts"), "{body}");
    }
);

db_test!(seeded_contacts_are_searchable_like_typed_ones, |app| {
    // `kundekort seed --contacts` writes contacts in bulk, bypassing the form: they must still
    // carry the search text and sort key the form would give them, and one main contact each.
    kundekort::seed::large(&app.db, 25).await.unwrap();
    let (before,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM contacts")
        .fetch_one(&app.db.pool)
        .await
        .unwrap();
    kundekort::seed::contacts(&app.db, 3).await.unwrap();
    let per_customer: Vec<(i64, i64, i64)> = sqlx::query_as(
        "SELECT c.id, COUNT(k.id), COALESCE(SUM(k.is_main), 0) FROM customers c \
         LEFT JOIN contacts k ON k.customer_id = c.id GROUP BY c.id",
    )
    .fetch_all(&app.db.pool)
    .await
    .unwrap();
    assert!(
        per_customer
            .iter()
            .all(|(_, n, main)| *n >= 1 && *main == 1),
        "{per_customer:?}"
    );
    let (after,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM contacts")
        .fetch_one(&app.db.pool)
        .await
        .unwrap();
    assert!(
        after - before >= 75,
        "25 new customers × 3 contacts: {before} → {after}"
    );
    // A seeded contact, found by the contacts search by its mobile's last digits and by its
    // name.
    let (first, last, mobile): (String, String, String) = sqlx::query_as(
        "SELECT first_name, last_name, mobile FROM contacts ORDER BY id DESC LIMIT 1",
    )
    .fetch_one(&app.db.pool)
    .await
    .unwrap();
    let admin = app.admin().await;
    let name = format!("{first} {last}");
    for q in [&mobile[mobile.len() - 6..], name.as_str()] {
        let page = admin
            .get(app.url(&format!(
                "/contacts?q={}",
                url::form_urlencoded::byte_serialize(q.as_bytes()).collect::<String>()
            )))
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        assert!(page.contains(&name), "q={q}: {page}");
    }
});
