//! Sessions one can see and end, the firm's time-outs, and the security log (issue 18,
//! decision 0050). Time passes by moving a session's stamps back, never by sleeping.

use crate::{
    db_test,
    support::{PASSWORD, TestApp, fixtures::customer_with_contacts, timesheets::portal},
};

/// Moves the stamps of every session of `user` (or of all sessions) `seconds` into the past:
/// `created` the log-in, `seen` the last use.
async fn age_sessions(app: &TestApp, created: i64, seen: i64) {
    sqlx::query(
        "UPDATE sessions SET created_at = created_at - $1, last_seen_at = last_seen_at - $2, \
         expires_at = expires_at - $2",
    )
    .bind(created)
    .bind(seen)
    .execute(&app.db.pool)
    .await
    .unwrap();
}

async fn status(client: &reqwest::Client, app: &TestApp, path: &str) -> u16 {
    client
        .get(app.url(path))
        .send()
        .await
        .unwrap()
        .status()
        .as_u16()
}

async fn text(client: &reqwest::Client, app: &TestApp, path: &str) -> String {
    let res = client.get(app.url(path)).send().await.unwrap();
    assert_eq!(res.status(), 200, "{path}");
    res.text().await.unwrap()
}

/// The security log's rows of one kind: (user_id, actor_id, login, detail).
async fn logged(app: &TestApp, kind: &str) -> Vec<(Option<i64>, Option<i64>, String, String)> {
    sqlx::query_as(
        "SELECT user_id, actor_id, login, detail FROM security_log WHERE kind = $1 ORDER BY id",
    )
    .bind(kind)
    .fetch_all(&app.db.pool)
    .await
    .unwrap()
}

async fn session_count(app: &TestApp, user: i64) -> i64 {
    sqlx::query_scalar("SELECT COUNT(*) FROM sessions WHERE user_id = $1")
        .bind(user)
        .fetch_one(&app.db.pool)
        .await
        .unwrap()
}

db_test!(an_idle_session_ends_and_is_logged, |app| {
    let ola = app.login("ola@test.no").await;
    assert_eq!(status(&ola, app, "/customers").await, 200);
    // Used a minute ago after 7 h 59 min: still alive (the default idle time-out is 8 hours).
    age_sessions(app, 8 * 3600 - 60, 8 * 3600 - 60).await;
    assert_eq!(status(&ola, app, "/customers").await, 200);
    // The request just now counted as use: it is alive for another 8 hours from now.
    let seen: i64 = sqlx::query_scalar("SELECT last_seen_at FROM sessions WHERE user_id = $1")
        .bind(app.fx.consultant_oslo)
        .fetch_one(&app.db.pool)
        .await
        .unwrap();
    assert!(kundekort::timefmt::now() - seen < 60, "touched");
    // Not used for 8 hours and a minute: logged out.
    age_sessions(app, 8 * 3600 + 60, 8 * 3600 + 60).await;
    let res = ola.get(app.url("/customers")).send().await.unwrap();
    assert_eq!(res.status(), 303);
    assert!(
        res.headers()["location"]
            .to_str()
            .unwrap()
            .starts_with("/login")
    );
    assert_eq!(session_count(app, app.fx.consultant_oslo).await, 0, "ended");
    let timeouts = logged(app, "session-timeout").await;
    assert_eq!(timeouts.len(), 1, "{timeouts:?}");
    assert_eq!(timeouts[0].0, Some(app.fx.consultant_oslo));
    assert_eq!(timeouts[0].3, "idle");
});

db_test!(the_absolute_time_out_ends_a_busy_session, |app| {
    let ola = app.login("ola@test.no").await;
    // Logged in 7 days ago but used every minute since: still ended (default 168 hours).
    age_sessions(app, 7 * 24 * 3600 - 120, 0).await;
    assert_eq!(status(&ola, app, "/customers").await, 200);
    age_sessions(app, 120, 0).await;
    assert_eq!(status(&ola, app, "/customers").await, 303);
    let timeouts = logged(app, "session-timeout").await;
    assert_eq!(timeouts.len(), 1);
    assert_eq!(timeouts[0].3, "absolute");
});

db_test!(an_admin_sets_the_time_outs_and_they_apply_at_once, |app| {
    let admin = app.admin().await;
    let ola = app.login("ola@test.no").await;
    let page = text(&admin, app, "/admin/sessions").await;
    assert!(
        page.contains("value=\"480\"") && page.contains("value=\"168\""),
        "defaults"
    );
    // Bad input is explained and kept.
    let res = admin
        .post(app.url("/admin/sessions"))
        .form(&[("idle_minutes", "2"), ("absolute_hours", "tja")])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 422);
    let page = res.text().await.unwrap();
    assert!(
        page.contains("Skriv et helt antall minutter fra 5 til 10080"),
        "{page}"
    );
    assert!(
        page.contains("Skriv et helt antall timer fra 1 til 2160"),
        "{page}"
    );
    assert!(page.contains("value=\"tja\""), "kept");
    let res = admin
        .post(app.url("/admin/sessions"))
        .form(&[("idle_minutes", "180"), ("absolute_hours", "2")])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 422, "absolute shorter than idle");
    let res = admin
        .post(app.url("/admin/sessions"))
        .form(&[
            ("idle_minutes", "30"),
            ("absolute_hours", "12"),
            ("security_log_days", "400"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(res.headers()["location"], "/admin/sessions?saved=1");
    // A session already running obeys the new idle time-out.
    age_sessions(app, 31 * 60, 31 * 60).await;
    assert_eq!(status(&ola, app, "/customers").await, 303);
    let changed = logged(app, "session-settings").await;
    assert_eq!(changed.len(), 1);
    assert_eq!(changed[0].1, Some(app.fx.admin));
    assert!(changed[0].3.contains("480 → 30"), "{:?}", changed[0]);
    // Only an admin.
    let lise = app.login("leder@test.no").await;
    assert_eq!(status(&lise, app, "/admin/sessions").await, 403);
    let res = lise
        .post(app.url("/admin/sessions"))
        .form(&[("idle_minutes", "5000"), ("absolute_hours", "2000")])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 403);
});

db_test!(the_list_shows_only_ones_own_sessions, |app| {
    let phone = app.login("ola@test.no").await;
    let laptop_client = app.client();
    let res = laptop_client
        .post(app.url("/login"))
        .header(
            "user-agent",
            "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0",
        )
        .form(&[
            ("email", "ola@test.no"),
            ("password", PASSWORD),
            ("next", "/customers"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303);
    let berit = app.login("berit@test.no").await;
    let handles = |user: i64| async move {
        sqlx::query_scalar::<_, String>("SELECT handle FROM sessions WHERE user_id = $1")
            .bind(user)
            .fetch_all(&app.db.pool)
            .await
            .unwrap()
    };
    let mine = handles(app.fx.consultant_oslo).await;
    let hers = handles(app.fx.consultant_bergen).await;
    assert_eq!((mine.len(), hers.len()), (2, 1));
    let page = text(&laptop_client, app, "/settings/sessions").await;
    for h in &mine {
        assert!(
            page.contains(&format!("/settings/sessions/{h}/end")),
            "{page}"
        );
    }
    assert!(!page.contains(&hers[0]), "not Berit's");
    assert!(page.contains("Firefox på Windows"), "{page}");
    assert_eq!(page.matches("id=\"session-current\"").count(), 1);
    assert!(page.contains("127.0.0.1"));
    // Berit's session cannot be ended from Ola's list.
    let res = laptop_client
        .post(app.url(&format!("/settings/sessions/{}/end", hers[0])))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 404);
    assert_eq!(status(&berit, app, "/customers").await, 200);
    // Ola ends the phone's session from the laptop.
    let phone_handle = sqlx::query_scalar::<_, String>(
        "SELECT handle FROM sessions WHERE user_id = $1 AND user_agent <> $2",
    )
    .bind(app.fx.consultant_oslo)
    .bind("Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0")
    .fetch_one(&app.db.pool)
    .await
    .unwrap();
    let res = laptop_client
        .post(app.url(&format!("/settings/sessions/{phone_handle}/end")))
        .send()
        .await
        .unwrap();
    assert_eq!(res.headers()["location"], "/settings/sessions");
    assert_eq!(status(&phone, app, "/customers").await, 303);
    assert_eq!(status(&laptop_client, app, "/customers").await, 200);
    assert_eq!(logged(app, "session-ended").await.len(), 1);
    // A portal contact has no staff session list.
    let (_, _, ase, _) = customer_with_contacts(app).await;
    let contact = portal(app, ase, "").await;
    assert_eq!(status(&contact, app, "/settings/sessions").await, 303);
});

db_test!(log_out_everywhere_else_keeps_this_one, |app| {
    let here = app.login("ola@test.no").await;
    let there = app.login("ola@test.no").await;
    let also = app.login("ola@test.no").await;
    let lise = app.login("leder@test.no").await;
    let res = here
        .post(app.url("/settings/sessions/end-others"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.headers()["location"], "/settings/sessions");
    assert_eq!(status(&here, app, "/customers").await, 200);
    assert_eq!(status(&there, app, "/customers").await, 303);
    assert_eq!(status(&also, app, "/customers").await, 303);
    assert_eq!(status(&lise, app, "/customers").await, 200, "nobody else's");
    let page = text(&here, app, "/settings/sessions").await;
    assert!(page.contains("id=\"no-others\""), "{page}");
    let rows = logged(app, "logout-others").await;
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0].0, Some(app.fx.consultant_oslo));
    assert_eq!(rows[0].3, "2");
});

db_test!(a_new_session_id_at_every_log_in, |app| {
    let ola = app.login("ola@test.no").await;
    let before: Vec<String> = sqlx::query_scalar("SELECT token_hash FROM sessions")
        .fetch_all(&app.db.pool)
        .await
        .unwrap();
    // Logging in again in the same browser replaces its session: the old one ends.
    let res = ola
        .post(app.url("/login"))
        .form(&[
            ("email", "ola@test.no"),
            ("password", PASSWORD),
            ("next", "/customers"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303);
    let after: Vec<String> = sqlx::query_scalar("SELECT token_hash FROM sessions")
        .fetch_all(&app.db.pool)
        .await
        .unwrap();
    assert_eq!(after.len(), 1);
    assert!(!before.contains(&after[0]), "a new id");
    assert_eq!(status(&ola, app, "/customers").await, 200);
});

db_test!(a_role_change_ends_that_users_sessions, |app| {
    let ola = app.login("ola@test.no").await;
    let berit = app.login("berit@test.no").await;
    let admin = app.admin().await;
    let res = admin
        .post(app.url(&format!("/admin/users/{}", app.fx.consultant_oslo)))
        .form(&[
            ("name", "Ola Oslo"),
            ("email", "ola@test.no"),
            ("role", "manager"),
            ("department_id", &app.fx.oslo.to_string()),
            ("active", "1"),
            ("password", ""),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303, "{}", res.text().await.unwrap());
    assert_eq!(status(&ola, app, "/customers").await, 303, "logged out");
    assert_eq!(session_count(app, app.fx.consultant_oslo).await, 0);
    assert_eq!(status(&berit, app, "/customers").await, 200, "nobody else");
    assert_eq!(
        status(&admin, app, "/customers").await,
        200,
        "nor the admin"
    );
    let rows = logged(app, "role-changed").await;
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0].0, Some(app.fx.consultant_oslo));
    assert_eq!(rows[0].1, Some(app.fx.admin));
    assert_eq!(rows[0].3, "consultant → manager");
    // Saving without a change ends nothing.
    let ola = app.login("ola@test.no").await;
    let res = admin
        .post(app.url(&format!("/admin/users/{}", app.fx.consultant_oslo)))
        .form(&[
            ("name", "Ola Oslo"),
            ("email", "ola@test.no"),
            ("role", "manager"),
            ("department_id", &app.fx.oslo.to_string()),
            ("active", "1"),
            ("password", ""),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303);
    assert_eq!(status(&ola, app, "/customers").await, 200);
    assert_eq!(logged(app, "role-changed").await.len(), 1);
    // A new department is a privilege change too (it decides which customers she sees).
    let res = admin
        .post(app.url(&format!("/admin/users/{}", app.fx.consultant_bergen)))
        .form(&[
            ("name", "Berit Bergen"),
            ("email", "berit@test.no"),
            ("role", "consultant"),
            ("department_id", &app.fx.oslo.to_string()),
            ("active", "1"),
            ("password", ""),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303);
    assert_eq!(status(&berit, app, "/customers").await, 303);
    assert_eq!(status(&ola, app, "/customers").await, 200);
    let moved = logged(app, "department-changed").await;
    assert_eq!(moved.len(), 1);
    assert_eq!(moved[0].0, Some(app.fx.consultant_bergen));
    assert_eq!(moved[0].3, "Bergen → Oslo");
});

db_test!(a_password_change_ends_the_other_sessions, |app| {
    let here = app.login("ola@test.no").await;
    let there = app.login("ola@test.no").await;
    let new = "et-nytt-langt-passord";
    let res = here
        .post(app.url("/settings/password"))
        .form(&[("current", PASSWORD), ("new", new), ("confirm", new)])
        .send()
        .await
        .unwrap();
    assert_eq!(res.headers()["location"], "/settings?password=changed");
    let page = text(&here, app, "/settings?password=changed").await;
    assert!(page.contains("id=\"password-changed\""));
    assert_eq!(status(&there, app, "/customers").await, 303);
    assert_eq!(session_count(app, app.fx.consultant_oslo).await, 1);
    let rows = logged(app, "password-changed").await;
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0].3, "1", "one other session ended");
    assert!(!format!("{rows:?}").contains(new), "never the password");
});

db_test!(a_failed_log_in_is_logged_without_the_password, |app| {
    let wrong = "Feil-Passord-Som-Ikke-Logges-42";
    for (email, password) in [
        ("ola@test.no", wrong),
        ("ukjent@test.no", wrong),
        // A password typed into the email field is not kept either.
        (wrong, ""),
        // A name that a spreadsheet would run as a formula is kept, and made safe in the CSV.
        ("=1+2@evil.example", wrong),
    ] {
        let res = app
            .client()
            .post(app.url("/login"))
            .form(&[
                ("email", email),
                ("password", password),
                ("next", "/customers"),
            ])
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 401);
    }
    let rows = logged(app, "login-failed").await;
    assert_eq!(rows.len(), 4, "{rows:?}");
    assert_eq!(rows[0].0, Some(app.fx.consultant_oslo));
    assert_eq!(rows[0].2, "ola@test.no");
    assert_eq!((rows[1].0, rows[1].2.as_str()), (None, "ukjent@test.no"));
    assert_eq!(rows[2].2, "?");
    // Nowhere in the log, in any column.
    let all: Vec<(String, String, String, String)> =
        sqlx::query_as("SELECT kind, login, ip, detail FROM security_log")
            .fetch_all(&app.db.pool)
            .await
            .unwrap();
    assert!(
        !format!("{all:?}")
            .to_lowercase()
            .contains(&wrong.to_lowercase())
    );
    // A log-in and a log-out are logged too.
    let ola = app.login("ola@test.no").await;
    ola.post(app.url("/logout")).send().await.unwrap();
    assert_eq!(logged(app, "login").await.len(), 1);
    assert_eq!(logged(app, "logout").await.len(), 1);

    // The admin reads it, filtered by kind and user, and exports it.
    let admin = app.admin().await;
    let page = text(&admin, app, "/admin/security-log?kind=login-failed").await;
    assert!(page.contains("Mislykket innlogging") && page.contains("ukjent@test.no"));
    assert!(page.contains("4 hendelser"), "{page}");
    assert!(!page.to_lowercase().contains(&wrong.to_lowercase()));
    let page = text(
        &admin,
        app,
        &format!(
            "/admin/security-log?user={}&kind=login-failed",
            app.fx.consultant_oslo
        ),
    )
    .await;
    assert!(page.contains("Én hendelse"), "{page}");
    assert!(!page.contains("ukjent@test.no"));
    // A bad filter is explained, not a bare error.
    let res = admin
        .get(app.url("/admin/security-log?kind=nonsense"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 422);
    assert!(res.text().await.unwrap().contains("Ugyldig valg."));
    let res = admin
        .get(app.url("/admin/security-log.csv?kind=login-failed"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    assert!(
        res.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/csv")
    );
    let csv = res.text().await.unwrap();
    assert!(csv.contains("ukjent@test.no"));
    assert!(csv.contains("'=1+2@evil.example"), "{csv}");
    assert!(!csv.to_lowercase().contains(&wrong.to_lowercase()));
    assert_eq!(csv.lines().count(), 5, "a header and four rows");

    // Nobody else.
    for email in ["ola@test.no", "leder@test.no"] {
        let c = app.login(email).await;
        for path in ["/admin/security-log", "/admin/security-log.csv"] {
            assert_eq!(status(&c, app, path).await, 403, "{email} {path}");
        }
    }
    assert_eq!(status(&app.client(), app, "/admin/security-log").await, 303);
    assert_eq!(
        status(&app.client(), app, "/admin/security-log.csv").await,
        303
    );
});

db_test!(api_tokens_created_revoked_and_used_are_logged, |app| {
    let ola = app.login("ola@test.no").await;
    let page = ola
        .post(app.url("/settings/tokens"))
        .form(&[("name", "Integrasjon")])
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let start = page.find("id=\"new-token\"").unwrap();
    let rest = &page[start..];
    let value = rest.find('>').unwrap() + 1;
    let token = rest[value..value + rest[value..].find('<').unwrap()]
        .trim()
        .to_string();
    for _ in 0..3 {
        let res = app
            .client()
            .get(app.url("/api/v1/customers"))
            .bearer_auth(&token)
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 200);
    }
    // Its first use is logged; the uses after are the token's "last used", not rows.
    assert_eq!(logged(app, "token-used").await.len(), 1);
    let created = logged(app, "token-created").await;
    assert_eq!(created.len(), 1);
    assert_eq!(created[0].3, "Integrasjon");
    assert!(!format!("{created:?}").contains(&token));
    let id: i64 = sqlx::query_scalar("SELECT id FROM api_tokens WHERE user_id = $1")
        .bind(app.fx.consultant_oslo)
        .fetch_one(&app.db.pool)
        .await
        .unwrap();
    ola.post(app.url(&format!("/settings/tokens/{id}/delete")))
        .send()
        .await
        .unwrap();
    assert_eq!(logged(app, "token-revoked").await.len(), 1);
});

db_test!(portal_sessions_obey_the_time_outs, |app| {
    let (_, _, ase, _) = customer_with_contacts(app).await;
    let contact = portal(app, ase, "").await;
    assert_eq!(status(&contact, app, "/portal").await, 200);
    age_sessions(app, 8 * 3600 + 60, 8 * 3600 + 60).await;
    assert_eq!(status(&contact, app, "/portal").await, 303);
    let ended: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM security_log WHERE kind = 'session-timeout' AND contact_id = $1",
    )
    .bind(ase)
    .fetch_one(&app.db.pool)
    .await
    .unwrap();
    assert_eq!(ended, 1);
});

db_test!(portal_contacts_log_out_everywhere, |app| {
    let (_, _, ase, kari) = customer_with_contacts(app).await;
    let contact = portal(app, ase, "").await;
    let other = portal_again(app, ase).await;
    let someone_else = portal(app, kari, "").await;
    let home = text(&contact, app, "/portal").await;
    assert!(home.contains("action=\"/portal/logout-everywhere\""));
    let res = contact
        .post(app.url("/portal/logout-everywhere"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.headers()["location"], "/portal/login");
    assert_eq!(status(&contact, app, "/portal").await, 303);
    assert_eq!(status(&other, app, "/portal").await, 303);
    assert_eq!(status(&someone_else, app, "/portal").await, 200);
    // Without a portal session it is nothing.
    let res = app
        .client()
        .post(app.url("/portal/logout-everywhere"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303);
    assert_eq!(status(&someone_else, app, "/portal").await, 200);
});

/// A second portal session for a contact who already has an account.
async fn portal_again(app: &TestApp, contact: i64) -> reqwest::Client {
    let cookie = kundekort::portal::session::create(
        &app.state,
        contact,
        &crate::support::http::local_client(),
    )
    .await
    .unwrap();
    let mut headers = reqwest::header::HeaderMap::new();
    headers.insert(
        reqwest::header::COOKIE,
        format!("kk_portal={}", cookie.value()).parse().unwrap(),
    );
    reqwest::Client::builder()
        .default_headers(headers)
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap()
}

db_test!(workers_obey_the_time_outs_and_log_out_everywhere, |app| {
    use crate::support::workers::{accept, invite, minted, worker};
    let kari = worker(app, "Kari Vikar", "kari.vikar@test.no").await;
    invite(app, "ola@test.no", kari).await;
    let path = minted(app, kari).await;
    let phone = accept(app, &path).await;
    let laptop = app.client();
    let res = laptop
        .post(app.url("/worker/login"))
        .form(&[
            ("email", "kari.vikar@test.no"),
            ("password", "vikar-passord-1"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303);
    assert_eq!(status(&phone, app, "/worker").await, 200);
    let home = text(&laptop, app, "/worker").await;
    assert!(home.contains("action=\"/worker/logout-everywhere\""));
    // One of the two is idle for too long: that session ends, the other goes on.
    sqlx::query(
        "UPDATE sessions SET created_at = created_at - 30000, last_seen_at = last_seen_at - 30000 \
         WHERE token_hash = (SELECT MIN(token_hash) FROM sessions WHERE worker_id = $1)",
    )
    .bind(kari)
    .execute(&app.db.pool)
    .await
    .unwrap();
    let alive = [
        status(&phone, app, "/worker").await,
        status(&laptop, app, "/worker").await,
    ];
    assert_eq!(alive.iter().filter(|s| **s == 303).count(), 1, "{alive:?}");
    // Log out everywhere from the one still in.
    let still = if alive[0] == 200 { &phone } else { &laptop };
    let res = still
        .post(app.url("/worker/logout-everywhere"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.headers()["location"], "/worker/login");
    assert_eq!(status(still, app, "/worker").await, 303);
    let kinds: Vec<String> =
        sqlx::query_scalar("SELECT kind FROM security_log WHERE worker_id = $1 ORDER BY id")
            .bind(kari)
            .fetch_all(&app.db.pool)
            .await
            .unwrap();
    assert_eq!(
        kinds,
        ["login", "login", "session-timeout", "logout-others"],
        "{kinds:?}"
    );
});

db_test!(ending_this_session_from_the_list_logs_out, |app| {
    let ola = app.login("ola@test.no").await;
    let page = text(&ola, app, "/settings/sessions").await;
    let handle: String = sqlx::query_scalar("SELECT handle FROM sessions WHERE user_id = $1")
        .bind(app.fx.consultant_oslo)
        .fetch_one(&app.db.pool)
        .await
        .unwrap();
    assert!(page.contains("Logg ut her"), "{page}");
    let res = ola
        .post(app.url(&format!("/settings/sessions/{handle}/end")))
        .send()
        .await
        .unwrap();
    assert_eq!(res.headers()["location"], "/login");
    assert_eq!(status(&ola, app, "/customers").await, 303);
    // Logged as a log-out, not as a session ended elsewhere.
    assert_eq!(logged(app, "logout").await.len(), 1);
    assert_eq!(logged(app, "session-ended").await.len(), 0);
    // Anonymous: to the log-in, for the page and the actions alike.
    for (method, path) in [
        ("GET", "/settings/sessions".to_string()),
        ("POST", "/settings/sessions/end-others".to_string()),
        ("POST", format!("/settings/sessions/{handle}/end")),
    ] {
        let req = if method == "GET" {
            app.client().get(app.url(&path))
        } else {
            app.client().post(app.url(&path))
        };
        let res = req.send().await.unwrap();
        assert!(
            [303, 401].contains(&res.status().as_u16()),
            "{method} {path}: {}",
            res.status()
        );
    }
});

db_test!(the_log_shows_time_to_the_second_with_its_offset, |app| {
    // The hour the clocks go back (25 October 2026) happens twice in Oslo: the offset
    // tells the two apart (ASVS V16.2.2, decision 0066).
    for (at, login) in [
        (1_792_888_207_i64, "sommer@test.no"),
        (1_792_891_807, "vinter@test.no"),
        (1_782_909_296, "juli@test.no"),
    ] {
        sqlx::query(
            "INSERT INTO security_log (at, kind, login, ip, detail) \
                 VALUES ($1, 'login-failed', $2, '10.0.0.1', 'unknown')",
        )
        .bind(at)
        .bind(login)
        .execute(&app.db.pool)
        .await
        .unwrap();
    }
    let admin = app.admin().await;
    let csv = text(&admin, app, "/admin/security-log.csv?kind=login-failed").await;
    let at_of = |login: &str| -> String {
        let line = csv.lines().find(|l| l.contains(login)).unwrap_or_default();
        line.split([',', ';'])
            .next()
            .unwrap_or_default()
            .trim_matches('"')
            .to_string()
    };
    assert_eq!(
        at_of("sommer@test.no"),
        "25.10.2026 02:30:07 +02:00",
        "{csv}"
    );
    assert_eq!(
        at_of("vinter@test.no"),
        "25.10.2026 02:30:07 +01:00",
        "{csv}"
    );
    assert_eq!(at_of("juli@test.no"), "01.07.2026 14:34:56 +02:00", "{csv}");
    let page = text(&admin, app, "/admin/security-log?kind=login-failed").await;
    assert!(page.contains("25.10.2026 02:30:07 +01:00"), "{page}");
});
