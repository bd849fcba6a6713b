//! The hirer's terms in the portal: entered and confirmed by the customer's contact, only for
//! their own company's positions, only with the *view assignments* right.

use super::{assignment, detail, light, location};
use crate::db_test;
use crate::support::fixtures::{accept, add_contact, customer_with_contacts, invite};

db_test!(
    the_portal_contact_enters_the_hirers_terms_and_the_warning_goes_away,
    |app| {
        let (oslo, _, ase, _) = customer_with_contacts(app).await;
        let path = assignment(app, oslo, false, false).await;
        let aid: i64 = path.rsplit('/').next().unwrap().parse().unwrap();
        let page = detail(app, &path).await;
        assert_eq!(light(&page), "light-yellow", "{page}");
        assert!(page.contains("ikke registrert (likebehandling"), "{page}");

        let ola = app.login("ola@test.no").await;
        let portal = accept(
            app,
            &invite(&ola, app, oslo, ase, &["view_assignments"]).await,
        )
        .await;
        let page = portal
            .get(app.url("/portal/assignments/terms"))
            .send()
            .await
            .unwrap();
        assert_eq!(page.status(), 200);
        let page = page.text().await.unwrap();
        assert!(
            page.contains("Lagermedarbeider") && page.contains("STYRK 9333"),
            "{page}"
        );
        for secret in ["450", "230", "Kari Nordmann"] {
            assert!(!page.contains(secret), "the portal shows {secret}");
        }

        // Bad pay: refused with a message, what was typed kept.
        let res = portal
            .post(app.url(&format!("/portal/assignments/{aid}/terms")))
            .form(&[("pay", "mye"), ("terms", "37,5 t/uke")])
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 422);
        let page = res.text().await.unwrap();
        assert!(page.contains("Skriv timelønnen i kroner"), "{page}");
        assert!(
            page.contains("value=\"mye\"") && page.contains("37,5 t/uke"),
            "{page}"
        );
        // In English for a contact whose browser asks for it.
        let res = portal
            .post(app.url(&format!("/portal/assignments/{aid}/terms")))
            .header("accept-language", "en")
            .form(&[("pay", "")])
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 422);
        let page = res.text().await.unwrap();
        assert!(page.contains("Write the hourly pay."), "{page}");

        let res = portal
            .post(app.url(&format!("/portal/assignments/{aid}/terms")))
            .form(&[("pay", "225"), ("terms", "37,5 t/uke, skifttillegg")])
            .send()
            .await
            .unwrap();
        assert_eq!(location(res).await, "/portal/assignments/terms?saved=1");
        let page = detail(app, &path).await;
        assert_eq!(light(&page), "light-green", "{page}");
        assert!(page.contains("Åse Berg (kundeportalen)"), "{page}");
        assert!(page.contains("37,5 t/uke, skifttillegg"), "{page}");

        // A year on, the terms are old; "confirm unchanged" makes them current again.
        sqlx::query("UPDATE equal_terms SET confirmed_on = '2025-06-01'")
            .execute(&app.db.pool)
            .await
            .unwrap();
        assert_eq!(light(&detail(app, &path).await), "light-yellow");
        let res = portal
            .post(app.url(&format!("/portal/assignments/{aid}/terms/confirm")))
            .send()
            .await
            .unwrap();
        location(res).await;
        assert_eq!(light(&detail(app, &path).await), "light-green");
        let (pay, by): (i64, Option<i64>) =
            sqlx::query_as("SELECT pay_ore, confirmed_by_contact_id FROM equal_terms")
                .fetch_one(&app.db.pool)
                .await
                .unwrap();
        assert_eq!((pay, by), (22_500, Some(ase)));
        // The card's history says so.
        let (n,): (i64,) = sqlx::query_as(
            "SELECT COUNT(*) FROM audit_log WHERE customer_id = $1 AND entity = 'equal-terms'",
        )
        .bind(oslo)
        .fetch_one(&app.db.pool)
        .await
        .unwrap();
        assert_eq!(n, 2);
    }
);

db_test!(a_contact_of_another_customer_gets_not_found, |app| {
    let (oslo, bergen, ..) = customer_with_contacts(app).await;
    let path = assignment(app, oslo, false, false).await;
    let aid: i64 = path.rsplit('/').next().unwrap().parse().unwrap();
    let admin = app.admin().await;
    let bo = add_contact(
        &admin,
        app,
        bergen,
        &[
            ("first_name", "Bo"),
            ("last_name", "Vik"),
            ("email", "bo@fjordbygg.test"),
        ],
    )
    .await;
    let portal = accept(
        app,
        &invite(&admin, app, bergen, bo, &["view_assignments"]).await,
    )
    .await;
    let page = portal
        .get(app.url("/portal/assignments/terms"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(!page.contains("Lagermedarbeider"), "{page}");
    for url in [
        format!("/portal/assignments/{aid}/terms"),
        format!("/portal/assignments/{aid}/terms/confirm"),
    ] {
        let res = portal
            .post(app.url(&url))
            .form(&[("pay", "999")])
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 404, "{url}");
    }
    let (n,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM equal_terms")
        .fetch_one(&app.db.pool)
        .await
        .unwrap();
    assert_eq!(n, 0);
});

db_test!(a_contact_without_the_right_gets_forbidden, |app| {
    let (oslo, _, _, per) = customer_with_contacts(app).await;
    let path = assignment(app, oslo, false, false).await;
    let aid: i64 = path.rsplit('/').next().unwrap().parse().unwrap();
    let ola = app.login("ola@test.no").await;
    let portal = accept(
        app,
        &invite(&ola, app, oslo, per, &["view_documents"]).await,
    )
    .await;
    let res = portal
        .get(app.url("/portal/assignments/terms"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 403);
    let res = portal
        .post(app.url(&format!("/portal/assignments/{aid}/terms")))
        .form(&[("pay", "225")])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 403);
    let (n,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM equal_terms")
        .fetch_one(&app.db.pool)
        .await
        .unwrap();
    assert_eq!(n, 0);
});
