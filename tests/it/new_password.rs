//! A password someone else chose is changed at first use (ASVS V6.4.1, decision 0064): one an
//! admin sets when creating a user or later, and the first admin's generated one. Until then
//! the user's session reaches only the "choose a new password" page; API tokens are unaffected.

use kundekort::{config::Config, db::Db};

use crate::{
    db_test,
    support::{
        Backend, TestApp,
        app::with_empty_database,
        http::{location, page, post},
    },
};

async fn must_change(db: &Db, email: &str) -> i64 {
    sqlx::query_scalar("SELECT must_change_password FROM users WHERE email = $1")
        .bind(email)
        .fetch_one(&db.pool)
        .await
        .unwrap()
}

/// Logs in with `password`; the client and where the log-in sent it.
async fn log_in(app: &TestApp, email: &str, password: &str) -> (reqwest::Client, String) {
    let client = app.client();
    let res = client
        .post(app.url("/login"))
        .form(&[
            ("email", email),
            ("password", password),
            ("next", "/customers"),
        ])
        .send()
        .await
        .unwrap();
    let to = location(res).await;
    (client, to)
}

/// Every staff page sends the user to the new-password page first (htmx by `HX-Redirect`); only
/// that page answers.
async fn held_at_the_new_password_page(app: &TestApp, client: &reqwest::Client) {
    for path in [
        "/customers",
        "/settings",
        "/admin/users",
        "/settings/two-factor",
    ] {
        let res = client.get(app.url(path)).send().await.unwrap();
        assert_eq!(res.status(), 303, "{path}");
        assert_eq!(res.headers()["location"], "/settings/password", "{path}");
    }
    let res = client
        .get(app.url("/customers"))
        .header("hx-request", "true")
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 204);
    assert_eq!(res.headers()["hx-redirect"], "/settings/password");
    let (status, _) = post(client, app, "/customers", &[("name", "Snik AS")]).await;
    assert_eq!(status, 303, "a form elsewhere is not taken either");
    let (status, html) = page(client, app, "/settings/password").await;
    assert_eq!(status, 200);
    assert!(html.contains("Velg et nytt passord"), "{html}");
    assert!(html.contains("action=\"/settings/password\""), "{html}");
}

db_test!(a_password_an_admin_sets_is_changed_at_first_use, |app| {
    let admin = app.admin().await;
    let res = admin
        .post(app.url("/admin/users"))
        .form(&[
            ("name", "Nina Ny"),
            ("email", "nina@test.no"),
            ("role", "consultant"),
            ("department_id", &app.fx.oslo.to_string()),
            ("password", "admin-valgt-passord-7"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303);
    assert_eq!(must_change(&app.db, "nina@test.no").await, 1);

    // The log-in works, and leads to the new-password page before anything else.
    let (nina, to) = log_in(app, "nina@test.no", "admin-valgt-passord-7").await;
    assert_eq!(to, "/customers");
    held_at_the_new_password_page(app, &nina).await;
    // Being sent there is a step of the log-in, not a refusal for the security log.
    let refusals: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM security_log WHERE kind = 'access-refused'")
            .fetch_one(&app.db.pool)
            .await
            .unwrap();
    assert_eq!(refusals, 0);

    // An API token of hers is not held back (a reset by an admin deletes tokens; decision 0058).
    let nina_id: i64 = sqlx::query_scalar("SELECT id FROM users WHERE email = 'nina@test.no'")
        .fetch_one(&app.db.pool)
        .await
        .unwrap();
    let mut conn = app.db.pool.acquire().await.unwrap();
    let token = kundekort::auth::tokens::create(&mut conn, nina_id, "skript")
        .await
        .unwrap();
    drop(conn);
    let res = reqwest::Client::new()
        .get(app.url("/api/v1/customers"))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);

    // The same password again is refused, on the same page; a new one of her own frees her.
    let (status, html) = post(
        &nina,
        app,
        "/settings/password",
        &[
            ("current", "admin-valgt-passord-7"),
            ("new", "admin-valgt-passord-7"),
            ("confirm", "admin-valgt-passord-7"),
        ],
    )
    .await;
    assert_eq!(status, 422);
    assert!(html.contains("Velg et nytt passord"), "{html}");
    assert!(html.contains("et annet enn det nåværende"), "{html}");
    assert_eq!(must_change(&app.db, "nina@test.no").await, 1);
    let (status, _) = post(
        &nina,
        app,
        "/settings/password",
        &[
            ("current", "admin-valgt-passord-7"),
            ("new", "ninas-eget-lange-passord"),
            ("confirm", "ninas-eget-lange-passord"),
        ],
    )
    .await;
    assert_eq!(status, 303);
    assert_eq!(must_change(&app.db, "nina@test.no").await, 0);
    let (status, _) = page(&nina, app, "/customers").await;
    assert_eq!(status, 200);

    // Later an admin sets a password for her again: the same holds at her next log-in.
    let res = admin
        .post(app.url(&format!("/admin/users/{nina_id}")))
        .form(&[
            ("name", "Nina Ny"),
            ("email", "nina@test.no"),
            ("role", "consultant"),
            ("department_id", &app.fx.oslo.to_string()),
            ("active", "1"),
            ("password", "nytt-admin-passord-8"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303, "{}", res.text().await.unwrap());
    assert_eq!(must_change(&app.db, "nina@test.no").await, 1);
    let (nina, _) = log_in(app, "nina@test.no", "nytt-admin-passord-8").await;
    held_at_the_new_password_page(app, &nina).await;

    // Nobody else is held back; saving a user without a password sets nothing.
    let (status, _) = page(&admin, app, "/customers").await;
    assert_eq!(status, 200);
    assert_eq!(must_change(&app.db, "ola@test.no").await, 0);
    let ola = app.login("ola@test.no").await;
    let (status, _) = page(&ola, app, "/customers").await;
    assert_eq!(status, 200);
});

async fn first_admin(backend: Backend) {
    with_empty_database(backend, async |db: &Db| {
        db.migrate().await.unwrap();
        let dir = tempfile::tempdir().unwrap();
        let mut config = Config::with_data_dir(dir.path().to_path_buf());
        config.admin_email = Some("it@firma.test".into());
        // Generated (and printed): for the first log-in only.
        kundekort::seed::ensure_first_admin(db, &config)
            .await
            .unwrap();
        assert_eq!(must_change(db, "it@firma.test").await, 1);
    })
    .await;
    with_empty_database(backend, async |db: &Db| {
        db.migrate().await.unwrap();
        let dir = tempfile::tempdir().unwrap();
        let mut config = Config::with_data_dir(dir.path().to_path_buf());
        config.admin_email = Some("it@firma.test".into());
        // Configured by the operator, who chose it: kept.
        config.admin_password = Some(kundekort::config::Secret::new("fjord-lefse-tralle-97"));
        kundekort::seed::ensure_first_admin(db, &config)
            .await
            .unwrap();
        assert_eq!(must_change(db, "it@firma.test").await, 0);
    })
    .await;
}

db_test!(
    the_generated_first_admin_password_is_changed_at_first_use,
    each_backend = first_admin
);
