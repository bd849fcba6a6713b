//! What browsers and proxies may keep: nothing of a logged-in user's pages, the portal or the
//! exports; the static assets are cached.

use crate::{
    db_test,
    support::fixtures::{accept, add_contact, invite, two_customers},
};

fn cache_control(res: &reqwest::Response) -> String {
    res.headers()
        .get("cache-control")
        .map(|v| v.to_str().unwrap().to_string())
        .unwrap_or_default()
}

db_test!(personal_responses_are_not_stored_and_assets_are, |app| {
    let (oslo, _) = two_customers(app).await;
    let ola = app.login("ola@test.no").await;
    let kari = add_contact(
        &ola,
        app,
        oslo,
        &[
            ("first_name", "Kari"),
            ("last_name", "Nordmann"),
            ("email", "kari@nordlys.no"),
        ],
    )
    .await;
    for path in [
        "/customers".to_string(),
        format!("/customers/{oslo}"),
        format!("/customers/{oslo}/contacts/{kari}/export.json"),
        "/customers/export.csv".to_string(),
        "/api/v1/customers".to_string(),
        "/customers/999999".to_string(),
    ] {
        let res = ola.get(app.url(&path)).send().await.unwrap();
        assert!(
            res.status() == 200 || path == "/customers/999999",
            "{path}: {}",
            res.status()
        );
        assert_eq!(cache_control(&res), "no-store", "{path}");
    }

    let link = invite(&ola, app, oslo, kari, &["view_documents"]).await;
    let portal = accept(app, &link).await;
    let res = portal.get(app.url("/portal")).send().await.unwrap();
    assert_eq!(res.status(), 200);
    assert_eq!(cache_control(&res), "no-store");

    let res = ola.get(app.url("/static/app.css")).send().await.unwrap();
    assert_eq!(res.status(), 200);
    let cc = cache_control(&res);
    assert!(cc.contains("max-age") && !cc.contains("no-store"), "{cc}");
});
