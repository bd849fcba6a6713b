//! Who sees which customers in the list: a consultant's department and own customers, the
//! firm-wide setting for consultants, and what each scope says it shows.

use kundekort::customers::model::CustomerDraft;

use super::{five, names};
use crate::db_test;

db_test!(
    consultants_see_only_their_department_and_own_customers,
    |app| {
        five(app).await;
        let berit = app.login("berit@test.no").await;
        assert_eq!(
            names(&berit, app, "").await.0,
            vec!["Bergen Renhold AS", "Fjordbygg AS"]
        );
        // Asking for the whole firm, or another department, still shows only what she may see.
        assert_eq!(
            names(
                &berit,
                app,
                &format!("scope=all&department={}", app.fx.oslo)
            )
            .await
            .1,
            0
        );
        let (oslo_id,): (i64,) =
            sqlx::query_as("SELECT id FROM customers WHERE name = 'Nordlys Elektro AS'")
                .fetch_one(&app.db.pool)
                .await
                .unwrap();
        for path in [
            format!("/customers/{oslo_id}"),
            format!("/customers/{oslo_id}/edit"),
            format!("/api/v1/customers/{oslo_id}"),
        ] {
            assert_eq!(
                berit.get(app.url(&path)).send().await.unwrap().status(),
                404,
                "{path}"
            );
        }
        let res = berit
            .patch(app.url(&format!("/api/v1/customers/{oslo_id}")))
            .json(&serde_json::json!({"name": "Mine nå"}))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 404);
        let res = berit
            .post(app.url(&format!("/customers/{oslo_id}")))
            .form(&[("name", "Mine nå"), ("version", "1")])
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 404);
        // A manager sees every department but changes only their own.
        let manager = app.login("leder@test.no").await;
        let (bergen_id,): (i64,) =
            sqlx::query_as("SELECT id FROM customers WHERE name = 'Fjordbygg AS'")
                .fetch_one(&app.db.pool)
                .await
                .unwrap();
        assert_eq!(
            manager
                .get(app.url(&format!("/customers/{bergen_id}")))
                .send()
                .await
                .unwrap()
                .status(),
            200
        );
        let res = manager
            .patch(app.url(&format!("/api/v1/customers/{bergen_id}")))
            .json(&serde_json::json!({"status": "former"}))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 403);
        assert_eq!(
            manager
                .get(app.url(&format!("/customers/{bergen_id}/edit")))
                .send()
                .await
                .unwrap()
                .status(),
            403
        );
    }
);

db_test!(
    consultant_scope_all_opens_the_whole_firm,
    config = |c| c.consultant_scope = kundekort::config::ConsultantScope::All,
    |app| {
        five(app).await;
        let berit = app.login("berit@test.no").await;
        assert_eq!(names(&berit, app, "").await.1, 5);
        assert_eq!(names(&berit, app, "scope=department").await.1, 2);
    }
);

db_test!(a_consultant_is_told_what_each_scope_shows, |app| {
    five(app).await;
    // Ola (Oslo) also holds a customer in Bergen: "all I have access to" shows it, "my
    // department" does not, and the page says so.
    app.customer(CustomerDraft {
        name: "Vestland Vask AS".into(),
        status: "active".into(),
        visit_postal_code: "5003".into(),
        owner_id: app.fx.consultant_oslo.to_string(),
        department_id: app.fx.bergen.to_string(),
        ..Default::default()
    })
    .await;
    let ola = app.login("ola@test.no").await;
    assert_eq!(
        names(&ola, app, "scope=department").await.0,
        vec![
            "Nordlys Elektro AS",
            "Ærlig Transport AS",
            "Ås Bygg og Anlegg AS"
        ]
    );
    assert_eq!(
        names(&ola, app, "scope=all").await.0,
        vec![
            "Nordlys Elektro AS",
            "Vestland Vask AS",
            "Ærlig Transport AS",
            "Ås Bygg og Anlegg AS"
        ]
    );
    let page = ola
        .get(app.url("/customers"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(page.contains("Alle jeg har tilgang til"), "{page}");
    assert!(
        page.contains(
            "id=\"scope-hint\">Du ser kundene i avdelingen din og kundene du selv er ansvarlig for."
        ),
        "{page}"
    );
    // A manager sees the whole firm: no hint, and the choice says so.
    let lise = app.login("leder@test.no").await;
    let page = lise
        .get(app.url("/customers"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(page.contains("Hele firmaet"), "{page}");
    assert!(!page.contains("id=\"scope-hint\""), "{page}");
});
