//! Re-authentication keeps what was typed (decision 0060): a sensitive form (an API token, a
//! user's role) sent by a session whose log-in is old answers with the password page carrying
//! the fields; after the password, a page posts them to the form's address again.

use crate::{
    db_test,
    support::{PASSWORD, TestApp, http::post},
};

async fn authenticated_ago(app: &TestApp, seconds: i64) {
    sqlx::query(
        "UPDATE sessions SET created_at = created_at - $1, authenticated_at = authenticated_at - $1",
    )
    .bind(seconds)
    .execute(&app.db.pool)
    .await
    .unwrap();
}

fn hidden(name: &str, value: &str) -> String {
    format!("<input type=\"hidden\" name=\"{name}\" value=\"{value}\">")
}

db_test!(
    a_new_token_typed_before_re_authentication_is_made_after_it,
    |app| {
        let ola = app.login("ola@test.no").await;
        authenticated_ago(app, 11 * 60).await;
        let typed = [("name", "Power BI"), ("days", "365")];
        let (status, html) = post(&ola, app, "/settings/tokens", &typed).await;
        assert_eq!(status, 200);
        assert!(html.contains("id=\"reauth-kept\""), "{html}");
        assert!(
            html.contains(&hidden("resume", "/settings/tokens")),
            "{html}"
        );
        assert!(html.contains(&hidden("keep:name", "Power BI")), "{html}");
        assert!(html.contains(&hidden("keep:days", "365")), "{html}");
        let tokens = "SELECT COUNT(*) FROM api_tokens";
        assert_eq!(crate::support::fixtures::count(app, tokens).await, 0);

        // A wrong password keeps it still.
        let mut form = vec![
            ("password", "feil"),
            ("next", "/settings"),
            ("resume", "/settings/tokens"),
            ("keep:name", "Power BI"),
            ("keep:days", "365"),
        ];
        let (status, html) = post(&ola, app, "/reauth", &form).await;
        assert_eq!(status, 401);
        assert!(html.contains(&hidden("keep:name", "Power BI")), "{html}");

        // The right one: the form, as typed, posted to where it was going.
        form[0].1 = PASSWORD;
        let (status, html) = post(&ola, app, "/reauth", &form).await;
        assert_eq!(status, 200);
        assert!(
            html.contains("method=\"post\" action=\"/settings/tokens\"")
                && html.contains("data-autosubmit"),
            "{html}"
        );
        assert!(html.contains(&hidden("name", "Power BI")), "{html}");
        assert!(html.contains(&hidden("days", "365")), "{html}");
        assert!(!html.contains(PASSWORD), "the password is not carried on");
        // What the page (or its button) sends.
        let (status, html) = post(&ola, app, "/settings/tokens", &typed).await;
        assert_eq!(status, 200);
        assert!(html.contains("id=\"new-token\""), "{html}");
        let (created, expires): (i64, i64) =
            sqlx::query_as("SELECT created_at, expires_at FROM api_tokens WHERE name = 'Power BI'")
                .fetch_one(&app.db.pool)
                .await
                .unwrap();
        assert_eq!((expires - created) / 86_400, 365);
    }
);

db_test!(
    a_role_change_typed_before_re_authentication_is_kept_whole,
    |app| {
        let admin = app.admin().await;
        authenticated_ago(app, 11 * 60).await;
        let path = format!("/admin/users/{}", app.fx.consultant_bergen);
        let bergen = app.fx.bergen.to_string();
        let typed = [
            ("name", "Berit B. Bergen"),
            ("email", "berit@test.no"),
            ("role", "manager"),
            ("department_id", bergen.as_str()),
            ("active", "1"),
            ("password", ""),
        ];
        let (status, html) = post(&admin, app, &path, &typed).await;
        assert_eq!(status, 200);
        assert!(html.contains(&hidden("resume", &path)), "{html}");
        for (name, value) in typed {
            assert!(
                html.contains(&hidden(&format!("keep:{name}"), value)),
                "{name}: {html}"
            );
        }
        let mut form: Vec<(String, String)> = vec![
            ("password".into(), PASSWORD.into()),
            ("next".into(), path.clone()),
            ("resume".into(), path.clone()),
        ];
        form.extend(
            typed
                .iter()
                .map(|(k, v)| (format!("keep:{k}"), v.to_string())),
        );
        let (status, html) = post(&admin, app, "/reauth", &form).await;
        assert_eq!(status, 200);
        assert!(html.contains(&format!("action=\"{path}\"")), "{html}");
        for (name, value) in typed {
            assert!(html.contains(&hidden(name, value)), "{name}: {html}");
        }
        let res = admin
            .post(app.url(&path))
            .form(&typed)
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 303);
        let (name, role): (String, String) =
            sqlx::query_as("SELECT name, role FROM users WHERE id = $1")
                .bind(app.fx.consultant_bergen)
                .fetch_one(&app.db.pool)
                .await
                .unwrap();
        assert_eq!(
            (name.as_str(), role.as_str()),
            ("Berit B. Bergen", "manager")
        );
    }
);

db_test!(
    a_workers_bank_account_is_changed_only_after_a_recent_log_in,
    |app| {
        let ola = app.login("ola@test.no").await;
        let worker = |account: &'static str, name: &'static str| {
            vec![
                ("name", name),
                ("status", "employee"),
                ("bank_account", account),
                ("version", "1"),
            ]
        };
        let res = ola
            .post(app.url("/workers"))
            .form(&worker("8601.11.17947", "Lønn Mottaker"))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 303);
        let id: i64 = res.headers()["location"]
            .to_str()
            .unwrap()
            .trim_start_matches("/workers/")
            .trim_end_matches("?saved=1")
            .parse()
            .unwrap();
        let account = || async {
            sqlx::query_scalar::<_, Option<String>>(
                "SELECT bank_account_sealed FROM workers WHERE id = $1",
            )
            .bind(id)
            .fetch_one(&app.db.pool)
            .await
            .unwrap()
        };
        let stored = account().await;
        authenticated_ago(app, 11 * 60).await;
        let path = format!("/workers/{id}");

        // Other changes need no password.
        let (status, _) = post(
            &ola,
            app,
            &path,
            &worker("8601.11.17947", "Lønn Mottakersen"),
        )
        .await;
        assert_eq!(status, 303, "a name change saves at once");

        // A new account number: the password page, with the form kept; nothing saved.
        let mut changed = worker("1234.56.78903", "Lønn Mottakersen");
        changed[3].1 = "2";
        let (status, html) = post(&ola, app, &path, &changed).await;
        assert_eq!(status, 200);
        assert!(html.contains("id=\"reauth-kept\""), "{html}");
        assert!(html.contains(&hidden("resume", &path)), "{html}");
        assert!(
            html.contains(&hidden("keep:bank_account", "1234.56.78903")),
            "{html}"
        );
        assert_eq!(account().await, stored, "not changed before the password");

        // Through the API with the same old session: refused, with the reason.
        let res = ola
            .patch(app.url(&format!("/api/v1/workers/{id}")))
            .json(&serde_json::json!({ "bank_account": "1234.56.78903" }))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 403);
        assert!(res.text().await.unwrap().contains("hvor lønnen går"));
        assert_eq!(account().await, stored);

        // After the password the kept form saves it.
        let form = vec![
            ("password", PASSWORD),
            ("next", "/workers"),
            ("resume", path.as_str()),
        ];
        let (status, _) = post(&ola, app, "/reauth", &form).await;
        assert_eq!(status, 200);
        let (status, _) = post(&ola, app, &path, &changed).await;
        assert_eq!(status, 303);
        assert_ne!(account().await, stored, "changed after the password");
    }
);
