//! User management's security rules (issue 18, decision 0058): an admin's password reset or a
//! deactivation revokes the user's API tokens as well as their sessions.

use reqwest::StatusCode;

use crate::{db_test, support::TestApp};

async fn token_for(app: &TestApp, user_id: i64, name: &str) -> String {
    let mut conn = app.db.pool.acquire().await.unwrap();
    kundekort::auth::tokens::create(&mut conn, user_id, name)
        .await
        .unwrap()
}

async fn api_status(app: &TestApp, token: &str) -> StatusCode {
    reqwest::Client::new()
        .get(app.url("/api/v1/customers"))
        .bearer_auth(token)
        .send()
        .await
        .unwrap()
        .status()
}

/// The security log's revocations of `user`'s tokens: (token name, done by, address).
async fn revocations(app: &TestApp, user: i64) -> Vec<(String, Option<i64>, String)> {
    sqlx::query_as(
        "SELECT detail, actor_id, ip FROM security_log WHERE kind = 'token-revoked' \
         AND user_id = $1 ORDER BY id",
    )
    .bind(user)
    .fetch_all(&app.db.pool)
    .await
    .unwrap()
}

async fn save_user(
    admin: &reqwest::Client,
    app: &TestApp,
    id: i64,
    fields: &[(&str, &str)],
) -> (StatusCode, String) {
    let res = admin
        .post(app.url(&format!("/admin/users/{id}")))
        .form(fields)
        .send()
        .await
        .unwrap();
    let status = res.status();
    (status, res.text().await.unwrap())
}

db_test!(
    an_admin_password_reset_or_deactivation_revokes_the_users_api_tokens,
    |app| {
        let ola_token = token_for(app, app.fx.consultant_oslo, "ola-script").await;
        let berit_token = token_for(app, app.fx.consultant_bergen, "berit-script").await;
        let leder_token = token_for(app, app.fx.manager_oslo, "lise-script").await;
        for t in [&ola_token, &berit_token, &leder_token] {
            assert_eq!(api_status(app, t).await, 200);
        }
        let admin = app.admin().await;
        let oslo = app.fx.oslo.to_string();
        let bergen = app.fx.bergen.to_string();

        // Saving without a new password or a deactivation keeps the tokens.
        let (status, body) = save_user(
            &admin,
            app,
            app.fx.consultant_oslo,
            &[
                ("name", "Ola Oslo"),
                ("email", "ola@test.no"),
                ("role", "consultant"),
                ("department_id", &oslo),
                ("active", "1"),
                ("password", ""),
            ],
        )
        .await;
        assert_eq!(status, 303, "{body}");
        assert_eq!(api_status(app, &ola_token).await, 200);
        assert!(revocations(app, app.fx.consultant_oslo).await.is_empty());

        // A password reset: the sessions and the tokens go, each token logged with the admin.
        let (status, body) = save_user(
            &admin,
            app,
            app.fx.consultant_oslo,
            &[
                ("name", "Ola Oslo"),
                ("email", "ola@test.no"),
                ("role", "consultant"),
                ("department_id", &oslo),
                ("active", "1"),
                ("password", "et helt nytt passord fra admin"),
            ],
        )
        .await;
        assert_eq!(status, 303, "{body}");
        assert_eq!(api_status(app, &ola_token).await, 401);
        let rows = revocations(app, app.fx.consultant_oslo).await;
        assert_eq!(rows.len(), 1, "{rows:?}");
        assert_eq!(rows[0].0, "ola-script");
        assert_eq!(rows[0].1, Some(app.fx.admin));
        assert!(!rows[0].2.is_empty(), "the admin's address");

        // A deactivation: the tokens go too (they would work again on reactivation otherwise).
        let (status, body) = save_user(
            &admin,
            app,
            app.fx.consultant_bergen,
            &[
                ("name", "Berit Bergen"),
                ("email", "berit@test.no"),
                ("role", "consultant"),
                ("department_id", &bergen),
                ("password", ""),
            ],
        )
        .await;
        assert_eq!(status, 303, "{body}");
        assert_eq!(api_status(app, &berit_token).await, 401);
        let rows = revocations(app, app.fx.consultant_bergen).await;
        assert_eq!(rows.len(), 1, "{rows:?}");
        assert_eq!(rows[0].1, Some(app.fx.admin));
        let (status, _) = save_user(
            &admin,
            app,
            app.fx.consultant_bergen,
            &[
                ("name", "Berit Bergen"),
                ("email", "berit@test.no"),
                ("role", "consultant"),
                ("department_id", &bergen),
                ("active", "1"),
                ("password", ""),
            ],
        )
        .await;
        assert_eq!(status, 303);
        assert_eq!(api_status(app, &berit_token).await, 401, "still revoked");
        let left: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM api_tokens WHERE user_id = $1")
            .bind(app.fx.consultant_bergen)
            .fetch_one(&app.db.pool)
            .await
            .unwrap();
        assert_eq!(left, 0);

        // Nobody else's tokens were touched.
        assert_eq!(api_status(app, &leder_token).await, 200);
    }
);
