//! Log-in, sessions, throttling, CSRF, roles and API tokens.

use crate::db_test;

db_test!(
    login_sets_a_safe_cookie_and_logout_ends_the_session,
    |app| {
        let client = app.client();
        let res = client
            .post(app.url("/login"))
            .form(&[
                ("email", "OLA@test.no "),
                ("password", crate::support::PASSWORD),
                ("next", "/customers?q=x"),
            ])
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 303);
        assert_eq!(res.headers()["location"], "/customers?q=x");
        let cookie = res
            .headers()
            .get_all("set-cookie")
            .iter()
            .map(|v| v.to_str().unwrap().to_string())
            .find(|c| c.starts_with("kk_session="))
            .expect("session cookie");
        assert!(cookie.contains("HttpOnly"), "{cookie}");
        assert!(cookie.contains("SameSite=Lax"), "{cookie}");
        assert!(
            !cookie.contains("Secure"),
            "plain http must not set Secure: {cookie}"
        );

        assert_eq!(
            client
                .get(app.url("/customers"))
                .send()
                .await
                .unwrap()
                .status(),
            200
        );
        let res = client.post(app.url("/logout")).send().await.unwrap();
        assert_eq!(res.status(), 303);
        let res = client.get(app.url("/customers")).send().await.unwrap();
        assert_eq!(res.status(), 303);
        assert_eq!(res.headers()["location"], "/login?next=%2Fcustomers");
    }
);

db_test!(wrong_password_is_refused_and_keeps_the_email, |app| {
    let res = app
        .client()
        .post(app.url("/login"))
        .form(&[
            ("email", "ola@test.no"),
            ("password", "nope"),
            ("next", "/customers"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 401);
    let body = res.text().await.unwrap();
    assert!(body.contains("Feil e-post eller passord."), "{body}");
    assert!(body.contains("value=\"ola@test.no\""));
});

db_test!(
    repeated_failures_are_throttled_even_with_the_right_password,
    |app| {
        // Three failures at one address are free; the next try at once waits (a growing
        // delay, see `auth::throttle`), whatever the password.
        let client = app.client();
        for _ in 0..3 {
            let res = client
                .post(app.url("/login"))
                .form(&[("email", "ola@test.no"), ("password", "wrong")])
                .send()
                .await
                .unwrap();
            assert_eq!(res.status(), 401);
        }
        let res = client
            .post(app.url("/login"))
            .form(&[
                ("email", "ola@test.no"),
                ("password", crate::support::PASSWORD),
            ])
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 429);
        assert!(
            res.text()
                .await
                .unwrap()
                .contains("For mange mislykkede forsøk")
        );
        // Another user is not affected.
        app.login("berit@test.no").await;
    }
);

db_test!(cross_site_posts_are_refused, |app| {
    let client = app.login("ola@test.no").await;
    let res = client
        .post(app.url("/customers"))
        .header("origin", "https://evil.example")
        .header("sec-fetch-site", "cross-site")
        .form(&[("name", "Forged AS")])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 403);
    let (count,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM customers")
        .fetch_one(&app.db.pool)
        .await
        .unwrap();
    assert_eq!(count, 0);
});

db_test!(pages_redirect_to_login_and_the_api_answers_401, |app| {
    let res = app
        .client()
        .get(app.url("/customers/new"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303);
    assert_eq!(res.headers()["location"], "/login?next=%2Fcustomers%2Fnew");
    let res = app
        .client()
        .get(app.url("/api/v1/customers"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 401);
    assert_eq!(res.headers()["content-type"], "application/problem+json");
    let json: serde_json::Value = res.json().await.unwrap();
    assert_eq!(json["status"], 401);
});

db_test!(only_admins_reach_administration, |app| {
    let consultant = app.login("ola@test.no").await;
    for path in ["/admin/users", "/admin/users/new", "/admin/departments"] {
        let res = consultant.get(app.url(path)).send().await.unwrap();
        assert_eq!(res.status(), 403, "{path}");
    }
    let res = consultant
        .post(app.url("/admin/departments"))
        .form(&[("name", "Hacked")])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 403);
    let admin = app.admin().await;
    assert_eq!(
        admin
            .get(app.url("/admin/users"))
            .send()
            .await
            .unwrap()
            .status(),
        200
    );
});

db_test!(deactivating_a_user_ends_their_sessions_at_once, |app| {
    let ola = app.login("ola@test.no").await;
    assert_eq!(
        ola.get(app.url("/customers"))
            .send()
            .await
            .unwrap()
            .status(),
        200
    );
    let admin = app.admin().await;
    let res = admin
        .post(app.url(&format!("/admin/users/{}", app.fx.consultant_oslo)))
        .form(&[
            ("name", "Ola Oslo"),
            ("email", "ola@test.no"),
            ("role", "consultant"),
            ("department_id", &app.fx.oslo.to_string()),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303);
    assert_eq!(
        ola.get(app.url("/customers"))
            .send()
            .await
            .unwrap()
            .status(),
        303
    );
    let res = app
        .client()
        .post(app.url("/login"))
        .form(&[
            ("email", "ola@test.no"),
            ("password", crate::support::PASSWORD),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 401);
});

db_test!(admin_creates_users_and_departments_with_validation, |app| {
    let admin = app.admin().await;
    let res = admin
        .post(app.url("/admin/departments"))
        .form(&[("name", "Oslo")])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 422);
    assert!(
        res.text()
            .await
            .unwrap()
            .contains("finnes allerede en avdeling")
    );
    let res = admin
        .post(app.url("/admin/departments"))
        .form(&[("name", "Kristiansand")])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303);

    let res = admin
        .post(app.url("/admin/users"))
        .form(&[
            ("name", "Nina Ny"),
            ("email", "ola@test.no"),
            ("role", "consultant"),
            ("password", "short"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 422);
    let body = res.text().await.unwrap();
    assert!(body.contains("minst 10 tegn"), "{body}");
    assert!(body.contains("value=\"Nina Ny\""));
    let res = admin
        .post(app.url("/admin/users"))
        .form(&[
            ("name", "Nina Ny"),
            ("email", "ola@test.no"),
            ("role", "consultant"),
            ("password", "long-enough-pw"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 422);
    assert!(
        res.text()
            .await
            .unwrap()
            .contains("finnes allerede en bruker")
    );
    let res = admin
        .post(app.url("/admin/users"))
        .form(&[
            ("name", "Nina Ny"),
            ("email", "nina@test.no"),
            ("role", "manager"),
            ("password", "long-enough-pw"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303);
    let client = app.client();
    let res = client
        .post(app.url("/login"))
        .form(&[("email", "nina@test.no"), ("password", "long-enough-pw")])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303);
});

db_test!(api_tokens_authenticate_and_can_be_revoked, |app| {
    let mut conn = app.db.pool.acquire().await.unwrap();
    let token = kundekort::auth::tokens::create(&mut conn, app.fx.consultant_oslo, "cli")
        .await
        .unwrap();
    drop(conn);
    let client = reqwest::Client::new();
    let res = client
        .get(app.url("/api/v1/customers"))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    let res = client
        .get(app.url("/api/v1/customers"))
        .bearer_auth("kk_not-a-token")
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 401);

    // Created and revoked from the settings page.
    let ola = app.login("ola@test.no").await;
    let res = ola
        .post(app.url("/settings/tokens"))
        .form(&[("name", "integrasjon")])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    let body = res.text().await.unwrap();
    let start =
        body.find("id=\"new-token\">").expect("token shown once") + "id=\"new-token\">".len();
    let shown = &body[start..start + body[start..].find('<').unwrap()];
    assert!(shown.starts_with("kk_"));
    assert_eq!(
        client
            .get(app.url("/api/v1/customers"))
            .bearer_auth(shown)
            .send()
            .await
            .unwrap()
            .status(),
        200
    );
    let (id,): (i64,) = sqlx::query_as("SELECT id FROM api_tokens WHERE name = 'integrasjon'")
        .fetch_one(&app.db.pool)
        .await
        .unwrap();
    let res = ola
        .post(app.url(&format!("/settings/tokens/{id}/delete")))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303);
    assert_eq!(
        client
            .get(app.url("/api/v1/customers"))
            .bearer_auth(shown)
            .send()
            .await
            .unwrap()
            .status(),
        401
    );
});

db_test!(language_is_chosen_per_user, |app| {
    let ola = app.login("ola@test.no").await;
    assert!(
        ola.get(app.url("/customers"))
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap()
            .contains("Mine kunder")
    );
    let res = ola
        .post(app.url("/settings/language"))
        .form(&[("locale", "en")])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303);
    let body = ola
        .get(app.url("/customers"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(body.contains("My customers"), "{body}");
    assert!(body.contains("lang=\"en\""));
    // Others keep bokmål.
    let berit = app.login("berit@test.no").await;
    assert!(
        berit
            .get(app.url("/customers"))
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap()
            .contains("Mine kunder")
    );
});
