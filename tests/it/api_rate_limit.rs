//! The JSON API's rate limits (issue 18): per API token (or session) and per client address,
//! `429` with `Retry-After` and problem JSON in the caller's language once a bucket is empty;
//! other callers and the pages are not held up.

use crate::{db_test, support::TestApp};

async fn token(app: &TestApp, user: i64) -> String {
    let mut conn = app.db.pool.acquire().await.unwrap();
    kundekort::auth::tokens::create(&mut conn, user, "api")
        .await
        .unwrap()
}

async fn get(app: &TestApp, token: Option<&str>, path: &str) -> reqwest::Response {
    let mut req = reqwest::Client::new().get(app.url(path));
    if let Some(t) = token {
        req = req.bearer_auth(t);
    }
    req.send().await.unwrap()
}

db_test!(
    an_api_token_gets_its_burst_then_429_with_retry_after,
    config = |c| {
        c.api_rate_per_token = 4;
        c.api_rate_per_address = 0;
    },
    |app| {
        let first = token(app, app.fx.admin).await;
        let second = token(app, app.fx.consultant_oslo).await;
        for n in 1..=4 {
            let res = get(app, Some(&first), "/api/v1/customers").await;
            assert_eq!(res.status(), 200, "request {n}");
        }
        let res = get(app, Some(&first), "/api/v1/customers").await;
        assert_eq!(res.status(), 429);
        let wait: u64 = res.headers()["retry-after"]
            .to_str()
            .unwrap()
            .parse()
            .unwrap();
        // Four a minute: one more fits about 15 s later.
        assert!((1..=15).contains(&wait), "Retry-After {wait}");
        assert_eq!(res.headers()["content-type"], "application/problem+json");
        let problem: serde_json::Value = res.json().await.unwrap();
        assert_eq!(problem["status"], 429);
        assert!(
            problem["detail"]
                .as_str()
                .unwrap()
                .contains("For mange forespørsler"),
            "{problem}"
        );
        // Another token is its own caller.
        assert_eq!(
            get(app, Some(&second), "/api/v1/customers").await.status(),
            200
        );
        // A browser session calling the API is a caller of its own too, and the pages are not
        // rate-limited at all.
        let admin = app.admin().await;
        for _ in 0..6 {
            let res = admin.get(app.url("/customers")).send().await.unwrap();
            assert_eq!(res.status(), 200);
        }
        for n in 1..=4 {
            let res = admin
                .get(app.url("/api/v1/customers"))
                .send()
                .await
                .unwrap();
            assert_eq!(res.status(), 200, "session request {n}");
        }
        let res = admin
            .get(app.url("/api/v1/customers"))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 429);
    }
);

db_test!(
    one_address_is_limited_whoever_calls_from_it,
    config = |c| {
        c.api_rate_per_token = 0;
        c.api_rate_per_address = 3;
    },
    |app| {
        let t = token(app, app.fx.admin).await;
        assert_eq!(get(app, Some(&t), "/api/v1/customers").await.status(), 200);
        // Without a token: refused as unauthenticated, but counted.
        assert_eq!(get(app, None, "/api/v1/customers").await.status(), 401);
        assert_eq!(get(app, None, "/api/v1/customers").await.status(), 401);
        let res = get(app, Some(&t), "/api/v1/customers").await;
        assert_eq!(res.status(), 429);
        assert!(res.headers().contains_key("retry-after"));
        // The OpenAPI document and the pages are outside the limit.
        assert_eq!(get(app, None, "/api/openapi.json").await.status(), 200);
        assert_eq!(get(app, None, "/login").await.status(), 200);
    }
);
