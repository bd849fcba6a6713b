//! Where a personal API token is accepted (decision 0058): the JSON API, and staff pages that
//! only read. Never settings, administration, or a page request that changes something.

use reqwest::{Method, StatusCode};
use serde_json::json;

use crate::{
    db_test,
    support::{
        TestApp,
        fixtures::{count, oslo_customer},
    },
};

async fn token_for(app: &TestApp, user_id: i64, name: &str) -> String {
    let mut conn = app.db.pool.acquire().await.unwrap();
    kundekort::auth::tokens::create(&mut conn, user_id, name)
        .await
        .unwrap()
}

async fn send(
    app: &TestApp,
    token: &str,
    method: Method,
    path: &str,
    form: &[(&str, &str)],
) -> (StatusCode, String) {
    let mut req = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap()
        .request(method.clone(), app.url(path))
        .bearer_auth(token);
    if method != Method::GET && method != Method::HEAD {
        req = req.form(form);
    }
    let res = req.send().await.unwrap();
    let status = res.status();
    (status, res.text().await.unwrap())
}

const REFUSED_NB: &str = "En API-nøkkel gjelder bare API-et";

db_test!(
    a_token_reads_pages_and_uses_the_api_but_never_settings_admin_or_page_writes,
    |app| {
        let customer = oslo_customer(app, "Fjordlys AS").await;
        // Ola's token does Ola's work; the admin's token is the dangerous one.
        let ola = token_for(app, app.fx.consultant_oslo, "integration").await;
        let token = token_for(app, app.fx.admin, "leaked").await;
        let http = reqwest::Client::new();

        // The API, reading and writing.
        let res = http
            .get(app.url("/api/v1/customers"))
            .bearer_auth(&ola)
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 200);
        let res = http
            .post(app.url("/api/v1/customers"))
            .bearer_auth(&ola)
            .json(&json!({"name": "Kystlogistikk AS", "org_number": "974 760 673", "visit_postal_code": "9008", "status": "active"}))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 201, "{}", res.text().await.unwrap());

        // Staff pages that only read, whole and as htmx fragments (the benchmarks do this).
        for path in [
            "/customers".to_string(),
            format!("/customers/{customer}"),
            "/customers?q=Fjord".to_string(),
        ] {
            let (status, body) = send(app, &ola, Method::GET, &path, &[]).await;
            assert_eq!(status, 200, "{path}");
            assert!(body.contains("Fjordlys AS"), "{path}");
        }
        let res = http
            .get(app.url("/customers?q=Fjord"))
            .bearer_auth(&ola)
            .header("hx-request", "true")
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 200);
        assert!(res.text().await.unwrap().contains("Fjordlys AS"));

        // Settings and administration, even to read: refused with the reason.
        for path in [
            "/settings",
            "/settings/sessions",
            "/admin/users",
            "/admin/security-log",
            "/admin/security-log.csv",
        ] {
            let (status, body) = send(app, &token, Method::GET, path, &[]).await;
            assert_eq!(status, 403, "{path}");
            assert!(body.contains(REFUSED_NB), "{path}: {body}");
        }

        // A leaked token cannot mint a token that outlives it …
        let (status, body) = send(
            app,
            &token,
            Method::POST,
            "/settings/tokens",
            &[("name", "backdoor")],
        )
        .await;
        assert_eq!(status, 403);
        assert!(body.contains(REFUSED_NB), "{body}");
        assert_eq!(count(app, "SELECT COUNT(*) FROM api_tokens").await, 2);

        // … nor set a colleague's password …
        let hash_before: String =
            sqlx::query_scalar("SELECT password_hash FROM users WHERE id = $1")
                .bind(app.fx.consultant_oslo)
                .fetch_one(&app.db.pool)
                .await
                .unwrap();
        let (status, _) = send(
            app,
            &token,
            Method::POST,
            &format!("/admin/users/{}", app.fx.consultant_oslo),
            &[
                ("name", "Ola Oslo"),
                ("email", "ola@test.no"),
                ("role", "admin"),
                ("active", "1"),
                ("password", "a brand new takeover password"),
            ],
        )
        .await;
        assert_eq!(status, 403);
        let (hash_after, role): (String, String) =
            sqlx::query_as("SELECT password_hash, role FROM users WHERE id = $1")
                .bind(app.fx.consultant_oslo)
                .fetch_one(&app.db.pool)
                .await
                .unwrap();
        assert_eq!(hash_after, hash_before);
        assert_eq!(role, "consultant");

        // … nor change anything through a page's form.
        let (status, body) = send(
            app,
            &token,
            Method::POST,
            "/customers",
            &[("name", "Via siden AS"), ("visit_postal_code", "0150")],
        )
        .await;
        assert_eq!(status, 403);
        assert!(body.contains(REFUSED_NB), "{body}");
        assert_eq!(
            count(
                app,
                "SELECT COUNT(*) FROM customers WHERE name = 'Via siden AS'"
            )
            .await,
            0
        );

        // The refusal is in the caller's language, as a toast for htmx.
        let res = http
            .post(app.url("/settings/tokens"))
            .bearer_auth(&token)
            .header("accept-language", "en")
            .header("hx-request", "true")
            .form(&[("name", "backdoor")])
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 403);
        let body = res.text().await.unwrap();
        assert!(body.contains("toast"), "{body}");
        assert!(
            body.contains("An API token works only for the API"),
            "{body}"
        );

        // A token that is not valid is still "not logged in", wherever it is sent.
        let res = http
            .get(app.url("/api/v1/customers"))
            .bearer_auth("kk_not-a-token")
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 401);

        // The same pages with a browser log-in still work.
        let ada = app.login("admin@test.no").await;
        let res = ada.get(app.url("/admin/users")).send().await.unwrap();
        assert_eq!(res.status(), 200);
    }
);
