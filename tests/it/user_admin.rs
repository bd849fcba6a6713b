//! User management's security rules (issue 18, decision 0058): an admin's password reset or a
//! deactivation revokes the user's API tokens as well as their sessions; an admin does not set
//! their own password or email there (only in settings, where the current password is asked).

use reqwest::StatusCode;

use crate::{
    db_test,
    support::{PASSWORD, TestApp},
};

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

db_test!(
    an_admin_sets_their_own_password_and_email_only_in_settings,
    |app| {
        let admin = app.admin().await;
        let own = app.fx.admin;

        // The form says where one's own password is changed, and has no password field.
        let res = admin
            .get(app.url(&format!("/admin/users/{own}")))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 200);
        let page = res.text().await.unwrap();
        assert!(page.contains("id=\"own-password\""), "{page}");
        assert!(page.contains("href=\"/settings\""), "{page}");
        assert!(!page.contains("name=\"password\""), "{page}");
        assert!(page.contains("id=\"own-email-hint\""), "{page}");
        // A colleague's form still has it.
        let res = admin
            .get(app.url(&format!("/admin/users/{}", app.fx.consultant_oslo)))
            .send()
            .await
            .unwrap();
        let page = res.text().await.unwrap();
        assert!(page.contains("name=\"password\""));
        assert!(!page.contains("id=\"own-password\""));

        let hash_before: String =
            sqlx::query_scalar("SELECT password_hash FROM users WHERE id = $1")
                .bind(own)
                .fetch_one(&app.db.pool)
                .await
                .unwrap();
        // A new password and a new email sent anyway: refused, in Norwegian, the name kept.
        let (status, page) = save_user(
            &admin,
            app,
            own,
            &[
                ("name", "Ada Admin-Endret"),
                ("email", "angriper@example.com"),
                ("role", "admin"),
                ("active", "1"),
                ("password", "angriperens eget passord"),
            ],
        )
        .await;
        assert_eq!(status, 422, "{page}");
        assert!(
            page.contains("Ditt eget passord kan ikke settes her. Bytt det under Innstillinger"),
            "{page}"
        );
        assert!(
            page.contains("Din egen e-postadresse kan ikke endres her"),
            "{page}"
        );
        assert!(page.contains("value=\"Ada Admin-Endret\""), "{page}");
        assert!(page.contains("value=\"angriper@example.com\""), "{page}");
        let (email, name, hash): (String, String, String) =
            sqlx::query_as("SELECT email, name, password_hash FROM users WHERE id = $1")
                .bind(own)
                .fetch_one(&app.db.pool)
                .await
                .unwrap();
        assert_eq!(email, "admin@test.no");
        assert_eq!(name, "Ada Admin");
        assert_eq!(hash, hash_before);
        let changed: i64 =
            sqlx::query_scalar("SELECT COUNT(*) FROM security_log WHERE kind = 'password-changed'")
                .fetch_one(&app.db.pool)
                .await
                .unwrap();
        assert_eq!(changed, 0);

        // Only the password: refused the same way, in English for an English user.
        sqlx::query("UPDATE users SET locale = 'en' WHERE id = $1")
            .bind(own)
            .execute(&app.db.pool)
            .await
            .unwrap();
        let (status, page) = save_user(
            &admin,
            app,
            own,
            &[
                ("name", "Ada Admin"),
                ("email", "admin@test.no"),
                ("role", "admin"),
                ("active", "1"),
                ("password", "x"),
            ],
        )
        .await;
        assert_eq!(status, 422, "{page}");
        assert!(
            page.contains("Your own password cannot be set here. Change it under Settings"),
            "{page}"
        );
        assert!(
            !page.contains("needs at least"),
            "no weakness check of a refused password"
        );

        // Her own name, and the email written in other case, save as before.
        let (status, page) = save_user(
            &admin,
            app,
            own,
            &[
                ("name", "Ada Admin Nilsen"),
                ("email", " Admin@Test.no "),
                ("role", "admin"),
                ("active", "1"),
                ("password", ""),
            ],
        )
        .await;
        assert_eq!(status, 303, "{page}");
        let name: String = sqlx::query_scalar("SELECT name FROM users WHERE id = $1")
            .bind(own)
            .fetch_one(&app.db.pool)
            .await
            .unwrap();
        assert_eq!(name, "Ada Admin Nilsen");
        // She still logs in with her password.
        let res = app
            .client()
            .post(app.url("/login"))
            .form(&[("email", "admin@test.no"), ("password", PASSWORD)])
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 303);

        // Another admin may still reset her password and change her email.
        let other = {
            let mut conn = app.db.pool.acquire().await.unwrap();
            let hash =
                sqlx::query_scalar::<_, String>("SELECT password_hash FROM users WHERE id = $1")
                    .bind(own)
                    .fetch_one(&mut *conn)
                    .await
                    .unwrap();
            kundekort::staff::users::insert(
                &mut conn,
                kundekort::staff::users::NewUser {
                    email: "bjorn@test.no",
                    name: "Bjørn Admin",
                    password_hash: hash,
                    role: kundekort::auth::Role::Admin,
                    department_id: None,
                },
            )
            .await
            .unwrap()
        };
        assert!(other > 0);
        let bjorn = app.login("bjorn@test.no").await;
        let (status, page) = save_user(
            &bjorn,
            app,
            own,
            &[
                ("name", "Ada Admin Nilsen"),
                ("email", "ada@test.no"),
                ("role", "admin"),
                ("active", "1"),
                ("password", "et nytt passord fra Bjørn"),
            ],
        )
        .await;
        assert_eq!(status, 303, "{page}");
        let email: String = sqlx::query_scalar("SELECT email FROM users WHERE id = $1")
            .bind(own)
            .fetch_one(&app.db.pool)
            .await
            .unwrap();
        assert_eq!(email, "ada@test.no");
    }
);
