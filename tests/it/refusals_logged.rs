//! Refusals anyone can cause reach the security log (decision 0060): bearer tokens that are
//! unknown (or revoked) or expired, cross-site requests stopped by the CSRF layer, and API
//! callers over their rate limit — one row per address, kind and reason a minute, however many
//! requests were refused.

use crate::{db_test, support::TestApp};

/// The `security_log` rows of a kind: (user, ip, detail).
async fn rows(app: &TestApp, kind: &str) -> Vec<(Option<i64>, String, String)> {
    sqlx::query_as("SELECT user_id, ip, detail FROM security_log WHERE kind = $1 ORDER BY id")
        .bind(kind)
        .fetch_all(&app.db.pool)
        .await
        .unwrap()
}

async fn api(app: &TestApp, token: &str) -> u16 {
    reqwest::Client::new()
        .get(app.url("/api/v1/customers"))
        .bearer_auth(token)
        .send()
        .await
        .unwrap()
        .status()
        .as_u16()
}

db_test!(
    refused_tokens_are_logged_once_a_minute_per_address_and_reason,
    |app| {
        for _ in 0..5 {
            assert_eq!(api(app, "kk_guessed").await, 401);
        }
        let mut conn = app.db.pool.acquire().await.unwrap();
        let token = kundekort::auth::tokens::create(&mut conn, app.fx.consultant_oslo, "gammel")
            .await
            .unwrap();
        drop(conn);
        sqlx::query("UPDATE api_tokens SET expires_at = $1")
            .bind(kundekort::timefmt::now() - 1)
            .execute(&app.db.pool)
            .await
            .unwrap();
        for _ in 0..5 {
            assert_eq!(api(app, &token).await, 401);
        }
        let logged = rows(app, "token-refused").await;
        assert_eq!(logged.len(), 2, "{logged:?}");
        assert_eq!(logged[0].0, None);
        assert_eq!(logged[0].1, "127.0.0.1");
        assert_eq!(logged[0].2, "unknown");
        assert_eq!(logged[1].0, Some(app.fx.consultant_oslo));
        assert_eq!(logged[1].2, "expired");
        // Never the token itself.
        let all: Vec<String> = sqlx::query_scalar("SELECT detail FROM security_log")
            .fetch_all(&app.db.pool)
            .await
            .unwrap();
        assert!(all.iter().all(|d| !d.contains("kk_")), "{all:?}");
        // The admin reads them in the log, by their name.
        let admin = app.admin().await;
        let page = admin
            .get(app.url("/admin/security-log?kind=token-refused"))
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        assert!(page.contains("API-nøkkel avvist"), "{page}");
    }
);

db_test!(cross_site_refusals_are_logged_once_a_minute, |app| {
    let client = app.login("ola@test.no").await;
    for _ in 0..3 {
        let res = client
            .post(app.url("/customers?secret=abc"))
            .header("origin", "https://evil.example")
            .header("sec-fetch-site", "cross-site")
            .form(&[("name", "Forged AS")])
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 403);
    }
    let logged = rows(app, "csrf-refused").await;
    assert_eq!(logged.len(), 1, "{logged:?}");
    assert_eq!(logged[0].1, "127.0.0.1");
    assert!(logged[0].2.starts_with("POST /customers:"), "{logged:?}");
    assert!(!logged[0].2.contains("secret"));
});

db_test!(
    api_rate_limit_refusals_are_logged_once_a_minute,
    config = |c| {
        c.api_rate_per_token = 2;
        c.api_rate_per_address = 0;
    },
    |app| {
        let mut conn = app.db.pool.acquire().await.unwrap();
        let token = kundekort::auth::tokens::create(&mut conn, app.fx.admin, "api")
            .await
            .unwrap();
        drop(conn);
        let statuses: Vec<u16> = {
            let mut v = Vec::new();
            for _ in 0..6 {
                v.push(api(app, &token).await);
            }
            v
        };
        assert_eq!(statuses, [200, 200, 429, 429, 429, 429]);
        let logged = rows(app, "api-rate-limited").await;
        assert_eq!(logged.len(), 1, "{logged:?}");
        assert_eq!(logged[0].2, "GET /api/v1/customers (caller)");
    }
);
