//! Asking again: sensitive changes want the password after ten minutes, and a code as well when
//! two-factor is on; an API token is no way around a required second factor.

use super::{code, enrol, forget_last_step, logged, password_step, secret_in};
use crate::{
    db_test,
    support::{
        PASSWORD, TestApp,
        http::{location, page, post},
    },
};

/// Moves the log-in (and any re-authentication) of every session `seconds` into the past.
async fn authenticated_ago(app: &TestApp, seconds: i64) {
    sqlx::query(
        "UPDATE sessions SET created_at = created_at - $1, authenticated_at = authenticated_at - $1",
    )
    .bind(seconds)
    .execute(&app.db.pool)
    .await
    .unwrap();
}

async fn token_count(app: &TestApp, user: i64) -> i64 {
    sqlx::query_scalar("SELECT COUNT(*) FROM api_tokens WHERE user_id = $1")
        .bind(user)
        .fetch_one(&app.db.pool)
        .await
        .unwrap()
}

db_test!(
    sensitive_changes_ask_for_the_password_after_ten_minutes,
    |app| {
        let ola = app.login("ola@test.no").await;
        // Just logged in: a token is made at once.
        let (status, _) = post(&ola, app, "/settings/tokens", &[("name", "Excel")]).await;
        assert_eq!(status, 200);
        assert_eq!(token_count(app, app.fx.consultant_oslo).await, 1);
        // Eleven minutes later: the password first, and nothing is made.
        authenticated_ago(app, 11 * 60).await;
        // (The page answers the form itself, keeping what was typed: decision 0060.)
        let (status, html) = post(&ola, app, "/settings/tokens", &[("name", "Power BI")]).await;
        assert_eq!(status, 200);
        assert!(html.contains("id=\"reauth-form\""), "{html}");
        assert_eq!(token_count(app, app.fx.consultant_oslo).await, 1);
        let (status, html) = page(&ola, app, "/reauth?next=%2Fsettings").await;
        assert_eq!(status, 200);
        assert!(
            html.contains("name=\"password\"") && !html.contains("name=\"code\""),
            "{html}"
        );
        let form = [("password", "feil"), ("next", "/settings")];
        let (status, html) = post(&ola, app, "/reauth", &form).await;
        assert_eq!(status, 401);
        assert!(html.contains("Passordet er ikke riktig"), "{html}");
        // Only a path on this site is gone back to.
        let res = ola
            .post(app.url("/reauth"))
            .form(&[("password", PASSWORD), ("next", "//evil.example")])
            .send()
            .await
            .unwrap();
        assert_eq!(location(res).await, "/customers");
        let (status, _) = post(&ola, app, "/settings/tokens", &[("name", "Power BI")]).await;
        assert_eq!(status, 200, "fresh again");
        assert_eq!(token_count(app, app.fx.consultant_oslo).await, 2);

        // A role change by an admin whose log-in is old: the password first, the role unchanged.
        let admin = app.admin().await;
        authenticated_ago(app, 11 * 60).await;
        let path = format!("/admin/users/{}", app.fx.consultant_bergen);
        let bergen = app.fx.bergen.to_string();
        let form = [
            ("name", "Berit Bergen"),
            ("email", "berit@test.no"),
            ("role", "manager"),
            ("department_id", bergen.as_str()),
            ("active", "1"),
            ("password", ""),
        ];
        let (status, html) = post(&admin, app, &path, &form).await;
        assert_eq!(status, 200);
        assert!(html.contains("id=\"reauth-form\""), "{html}");
        let role: String = sqlx::query_scalar("SELECT role FROM users WHERE id = $1")
            .bind(app.fx.consultant_bergen)
            .fetch_one(&app.db.pool)
            .await
            .unwrap();
        assert_eq!(role, "consultant");
        // The name alone may change without it.
        let mut rename = form;
        rename[0].1 = "Berit B. Bergen";
        rename[2].1 = "consultant";
        let res = admin
            .post(app.url(&path))
            .form(&rename)
            .send()
            .await
            .unwrap();
        assert!(!location(res).await.starts_with("/reauth"));
        let res = admin
            .post(app.url("/reauth"))
            .form(&[("password", PASSWORD), ("next", path.as_str())])
            .send()
            .await
            .unwrap();
        assert_eq!(location(res).await, path);
        let res = admin.post(app.url(&path)).form(&form).send().await.unwrap();
        assert!(!location(res).await.starts_with("/reauth"));
        let role: String = sqlx::query_scalar("SELECT role FROM users WHERE id = $1")
            .bind(app.fx.consultant_bergen)
            .fetch_one(&app.db.pool)
            .await
            .unwrap();
        assert_eq!(role, "manager");
    }
);

db_test!(
    re_authentication_asks_for_a_code_when_two_factor_is_on,
    |app| {
        let ola = app.login("ola@test.no").await;
        let (secret, _) = enrol(app, &ola).await;
        authenticated_ago(app, 11 * 60).await;
        let (_, html) = page(&ola, app, "/reauth?next=%2Fsettings").await;
        assert!(html.contains("name=\"code\""), "{html}");
        let (status, html) = post(
            &ola,
            app,
            "/reauth",
            &[("password", PASSWORD), ("code", ""), ("next", "/settings")],
        )
        .await;
        assert_eq!(status, 401);
        assert!(html.contains("Koden er ikke riktig"), "{html}");
        let res = ola
            .post(app.url("/reauth"))
            .form(&[
                ("password", PASSWORD),
                ("code", code(&secret, 1).as_str()),
                ("next", "/settings"),
            ])
            .send()
            .await
            .unwrap();
        assert_eq!(location(res).await, "/settings");
        let (status, _) = post(&ola, app, "/settings/tokens", &[("name", "Excel")]).await;
        assert_eq!(status, 200);
        assert_eq!(token_count(app, app.fx.consultant_oslo).await, 1);
    }
);

db_test!(
    changing_the_password_with_two_factor_on_takes_a_code_too,
    |app| {
        let ola = app.login("ola@test.no").await;
        let new = "Fjellvann-Kompass-Lanterne-71";
        let form = |code: String| {
            vec![
                ("current", PASSWORD.to_string()),
                ("new", new.to_string()),
                ("confirm", new.to_string()),
                ("code", code),
            ]
        };
        // Without two-factor log-in no code is asked for (the field is not on the page).
        let (_, html) = page(&ola, app, "/settings").await;
        assert!(!html.contains("id=\"pw-code\""));
        let (secret, _) = enrol(app, &ola).await;
        let (_, html) = page(&ola, app, "/settings").await;
        assert!(html.contains("id=\"pw-code\""), "the code field is shown");
        let stored = || async {
            sqlx::query_scalar::<_, String>(
                "SELECT password_hash FROM users WHERE email = 'ola@test.no'",
            )
            .fetch_one(&app.db.pool)
            .await
            .unwrap()
        };
        let before = stored().await;
        // The right password alone is not enough; a wrong code neither.
        let (status, html) = post(&ola, app, "/settings/password", &form(String::new())).await;
        assert_eq!(status, 422);
        assert!(html.contains("Må fylles ut"), "{html}");
        let (status, html) = post(&ola, app, "/settings/password", &form("000000".into())).await;
        assert_eq!(status, 422);
        assert!(html.contains("Koden er ikke riktig"));
        assert_eq!(stored().await, before, "unchanged");
        assert_eq!(logged(app, "two-factor-failed").await.len(), 1);
        // Password and code: changed.
        forget_last_step(app).await;
        let res = ola
            .post(app.url("/settings/password"))
            .form(&form(code(&secret, 0)))
            .send()
            .await
            .unwrap();
        assert_eq!(location(res).await, "/settings?password=changed");
        assert_ne!(stored().await, before, "changed");
    }
);

/// The shown token on the settings page after it was made.
fn new_token_in(html: &str) -> String {
    let start = html.find("id=\"new-token\">").expect("token shown") + "id=\"new-token\">".len();
    html[start..start + html[start..].find('<').unwrap()].to_string()
}

/// `GET /api/v1/customers` with a bearer token: the status and the problem's detail.
async fn with_token(app: &TestApp, token: &str) -> (u16, String) {
    let (status, body) = crate::support::http::send(
        reqwest::Client::new()
            .get(app.url("/api/v1/customers"))
            .bearer_auth(token),
    )
    .await;
    (
        status,
        body["detail"].as_str().unwrap_or_default().to_string(),
    )
}

db_test!(a_token_is_no_way_around_a_required_second_factor, |app| {
    // Ola (a consultant) and Lise (a manager) make tokens while nothing is required.
    let ola = app.login("ola@test.no").await;
    let (status, html) = post(&ola, app, "/settings/tokens", &[("name", "Excel")]).await;
    assert_eq!(status, 200);
    let olas = new_token_in(&html);
    let leder = app.login("leder@test.no").await;
    let (_, html) = post(&leder, app, "/settings/tokens", &[("name", "Power BI")]).await;
    let lises = new_token_in(&html);
    assert_eq!(with_token(app, &olas).await.0, 200);

    // The firm requires it of consultants and admins; nobody of them has set it up.
    let admin = app.admin().await;
    let form = [("admin", "1"), ("consultant", "1")];
    let res = admin
        .post(app.url("/admin/two-factor"))
        .form(&form)
        .send()
        .await
        .unwrap();
    assert_eq!(location(res).await, "/admin/sessions?saved=1");
    // Ola's token is refused as his log-in is, with the reason, and logged as his.
    let (status, detail) = with_token(app, &olas).await;
    assert_eq!(status, 403);
    assert!(detail.contains("krever totrinnsinnlogging"), "{detail}");
    let refused = logged(app, "token-refused").await;
    assert_eq!(
        refused,
        [(
            Some(app.fx.consultant_oslo),
            None,
            "two_factor_missing".to_string()
        )]
    );
    let used: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM security_log WHERE kind = 'token-used'")
            .fetch_one(&app.db.pool)
            .await
            .unwrap();
    assert_eq!(
        used, 1,
        "only the use before (Ola's first); a refusal is no use"
    );
    // The manager's role is not required: her token works.
    assert_eq!(with_token(app, &lises).await.0, 200);
    // The admin kept their own session, but makes no token until they have set it up.
    let (status, html) = post(&admin, app, "/settings/tokens", &[("name", "Skript")]).await;
    assert_eq!(status, 403);
    assert!(html.contains("Sett det opp under Innstillinger"), "{html}");
    assert_eq!(token_count(app, app.fx.admin).await, 0);

    // Ola sets it up at his next log-in: his token works again, and a new one can be made.
    let (client, to) = password_step(app, "ola@test.no").await;
    assert_eq!(to, "/login/two-factor/enrol");
    let (_, html) = page(&client, app, "/login/two-factor/enrol").await;
    let secret = secret_in(&html);
    let (status, _) = post(
        &client,
        app,
        "/login/two-factor/enrol",
        &[("code", code(&secret, 0))],
    )
    .await;
    assert_eq!(status, 200);
    assert_eq!(with_token(app, &olas).await.0, 200);
    let (status, _) = post(&client, app, "/settings/tokens", &[("name", "Nytt skript")]).await;
    assert_eq!(status, 200);
    assert_eq!(token_count(app, app.fx.consultant_oslo).await, 2);
});
