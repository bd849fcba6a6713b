//! Refused authorisation reaches the security log (decision 0066, ASVS V16.3.2): a `403`, and a
//! `404` for a record that exists out of the caller's sight — who asked, the method and the
//! route's template (never the query), the address; one row per address and reason a minute.

use crate::{
    db_test,
    support::{
        TestApp,
        fixtures::{customer_with_contacts, two_customers},
        timesheets::portal,
    },
};

/// An `access-refused` row: (user, contact, ip, detail).
type Row = (Option<i64>, Option<i64>, String, String);

async fn refused(app: &TestApp) -> Vec<Row> {
    sqlx::query_as(
        "SELECT user_id, contact_id, ip, detail FROM security_log \
         WHERE kind = 'access-refused' ORDER BY id",
    )
    .fetch_all(&app.db.pool)
    .await
    .unwrap()
}

async fn status(client: &reqwest::Client, app: &TestApp, path: &str) -> u16 {
    client
        .get(app.url(path))
        .send()
        .await
        .unwrap()
        .status()
        .as_u16()
}

db_test!(a_customer_out_of_sight_is_logged_once_a_minute, |app| {
    let (oslo, bergen) = two_customers(app).await;
    let ola = app.login("ola@test.no").await;
    // A customer that does not exist is no refusal.
    assert_eq!(status(&ola, app, "/customers/99999999").await, 404);
    assert!(refused(app).await.is_empty());
    // Another department's customer: the same 404, and one row.
    assert_eq!(
        status(&ola, app, &format!("/customers/{bergen}?q=hemmelig")).await,
        404
    );
    let expected: Vec<Row> = vec![(
        Some(app.fx.consultant_oslo),
        None,
        "127.0.0.1".to_string(),
        "GET /customers/{id}: 404 out-of-sight".to_string(),
    )];
    assert_eq!(refused(app).await, expected);
    // A second within the minute makes none; one's own customer none either.
    assert_eq!(
        status(&ola, app, &format!("/customers/{bergen}/contacts")).await,
        404
    );
    assert_eq!(status(&ola, app, &format!("/customers/{oslo}")).await, 200);
    assert_eq!(refused(app).await, expected);
    // The admin reads it by its name.
    let admin = app.admin().await;
    let page = admin
        .get(app.url("/admin/security-log?kind=access-refused"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(page.contains("Tilgang nektet"), "{page}");
    assert!(
        page.contains("GET /customers/{id}: 404 out-of-sight"),
        "{page}"
    );
});

db_test!(a_forbidden_page_is_logged_with_who_and_the_route, |app| {
    let ola = app.login("ola@test.no").await;
    for _ in 0..3 {
        assert_eq!(
            status(&ola, app, "/admin/security-log?secret=abc").await,
            403
        );
    }
    let expected: Vec<Row> = vec![(
        Some(app.fx.consultant_oslo),
        None,
        "127.0.0.1".to_string(),
        "GET /admin/security-log: 403 forbidden".to_string(),
    )];
    assert_eq!(refused(app).await, expected);
});

db_test!(
    a_portal_contact_asking_for_another_companys_record_is_logged,
    |app| {
        let (_, _, ase, _) = customer_with_contacts(app).await;
        let contact = portal(app, ase, "view_invoices").await;
        assert_eq!(status(&contact, app, "/portal/invoices").await, 200);
        assert!(refused(app).await.is_empty());
        assert_eq!(
            status(&contact, app, "/portal/invoices/99999999/pdf").await,
            404
        );
        let expected: Vec<Row> = vec![(
            None,
            Some(ase),
            "127.0.0.1".to_string(),
            "GET /portal/invoices/{id}/pdf: 404 not-theirs".to_string(),
        )];
        assert_eq!(refused(app).await, expected);
    }
);
