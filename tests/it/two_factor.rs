//! Two-factor log-in for staff (issue 18, decision 0054): enrolling with a QR code and a key,
//! the log-in's second step (no session before it, throttled, a code used once), recovery codes,
//! an admin requiring it per role and resetting a user's, and the security log's rows.
//! Codes are computed here from the key the page shows; a code's step is never waited for: a
//! test uses the next step's code (accepted, one step either side) or moves `last_step` back.

use kundekort::auth::{
    recovery_codes,
    two_factor::{self, code_for_secret},
};

use crate::{
    db_test,
    support::{
        PASSWORD, TestApp,
        fixtures::{contact, oslo_customer},
        http::{location, page, post},
    },
};

/// The code the app shows `steps` steps from now (0 or 1: both are accepted).
fn code(secret: &str, steps: i64) -> String {
    let at = kundekort::timefmt::now() + steps * two_factor::STEP_SECS;
    code_for_secret(secret, at).expect("a base32 key")
}

/// The key a setup page shows, without the spaces.
fn secret_in(html: &str) -> String {
    let start = html
        .find("id=\"two-factor-secret\">")
        .unwrap_or_else(|| panic!("no key shown: {html}"))
        + "id=\"two-factor-secret\">".len();
    let end = start + html[start..].find("</code>").unwrap();
    html[start..end].split_whitespace().collect()
}

/// The recovery codes a page shows once.
fn recovery_codes_in(html: &str) -> Vec<String> {
    let start = html.find("id=\"recovery-codes\"").expect("codes shown");
    let list = &html[start..start + html[start..].find("</ul>").unwrap()];
    list.split("<code>")
        .skip(1)
        .map(|c| c[..c.find("</code>").unwrap()].to_string())
        .collect()
}

/// Security log rows of one kind: (user_id, actor_id, detail).
async fn logged(app: &TestApp, kind: &str) -> Vec<(Option<i64>, Option<i64>, String)> {
    sqlx::query_as("SELECT user_id, actor_id, detail FROM security_log WHERE kind = $1 ORDER BY id")
        .bind(kind)
        .fetch_all(&app.db.pool)
        .await
        .unwrap()
}

async fn sessions_of(app: &TestApp, user: i64) -> i64 {
    sqlx::query_scalar("SELECT COUNT(*) FROM sessions WHERE user_id = $1")
        .bind(user)
        .fetch_one(&app.db.pool)
        .await
        .unwrap()
}

/// Lets the next code be any step again (as if half a minute had passed since the last one).
async fn forget_last_step(app: &TestApp) {
    sqlx::query("UPDATE user_two_factor SET last_step = 0")
        .execute(&app.db.pool)
        .await
        .unwrap();
}

/// The throttle forgets every failure (an hour passes).
async fn an_hour_passes(app: &TestApp) {
    sqlx::query("UPDATE login_attempts SET at = at - 7200")
        .execute(&app.db.pool)
        .await
        .unwrap();
}

/// Turns two-factor log-in on for the user logged in as `client` through the settings page;
/// returns the key and the recovery codes.
async fn enrol(app: &TestApp, client: &reqwest::Client) -> (String, Vec<String>) {
    let (status, html) = post(client, app, "/settings/two-factor/setup", &[("code", "")]).await;
    assert_eq!(status, 200, "{html}");
    let secret = secret_in(&html);
    let (status, html) = post(
        client,
        app,
        "/settings/two-factor/confirm",
        &[("code", code(&secret, 0))],
    )
    .await;
    assert_eq!(status, 200, "{html}");
    (secret, recovery_codes_in(&html))
}

/// Types the password; returns the client (holding only a challenge cookie when a second step
/// follows) and where it was sent.
async fn password_step(app: &TestApp, email: &str) -> (reqwest::Client, String) {
    let client = app.client();
    let res = client
        .post(app.url("/login"))
        .form(&[
            ("email", email),
            ("password", PASSWORD),
            ("next", "/customers"),
        ])
        .send()
        .await
        .unwrap();
    let to = location(res).await;
    (client, to)
}

#[test]
fn totp_is_rfc_6238_with_sha1() {
    // RFC 6238 appendix B, SHA-1, 8 digits, the key "12345678901234567890".
    let key = b"12345678901234567890";
    for (t, expected) in [
        (59, 94287082),
        (1111111109, 7081804),
        (1111111111, 14050471),
        (1234567890, 89005924),
        (2000000000, 69279037),
        (20000000000, 65353130),
    ] {
        assert_eq!(
            two_factor::hotp(key, two_factor::step_at(t) as u64, 8),
            expected,
            "T = {t}"
        );
    }
    let b32 = two_factor::base32(key);
    assert_eq!(b32, "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ");
    assert_eq!(code_for_secret(&b32, 59).unwrap(), "287082");
    assert_eq!(
        code_for_secret(&b32.to_lowercase(), 1111111109).unwrap(),
        "081804"
    );
    let uri = two_factor::otpauth_uri(&b32, "ola@test.no");
    assert!(
        uri.starts_with("otpauth://totp/Kundekort:ola%40test.no?secret=GEZD"),
        "{uri}"
    );
    assert!(two_factor::qr_svg(&uri).starts_with("<svg"));
}

db_test!(enrolling_and_logging_in_with_a_code, |app| {
    let ola = app.login("ola@test.no").await;
    let (status, html) = page(&ola, app, "/settings").await;
    assert_eq!(status, 200);
    assert!(html.contains("href=\"/settings/two-factor\""));
    let (_, html) = page(&ola, app, "/settings/two-factor").await;
    assert!(html.contains("id=\"two-factor-is-off\""), "{html}");

    // The setup shows a QR code and the key; a wrong code is explained and the key stays.
    let (status, html) = post(&ola, app, "/settings/two-factor/setup", &[("code", "")]).await;
    assert_eq!(status, 200);
    assert!(html.contains("<svg role=\"img\" class=\"qr\""), "{html}");
    let secret = secret_in(&html);
    assert_eq!(secret.len(), 32, "20 bytes in base32");
    let wrong = if code(&secret, 0) == "000000" {
        "111111"
    } else {
        "000000"
    };
    let (status, html) = post(
        &ola,
        app,
        "/settings/two-factor/confirm",
        &[("code", wrong)],
    )
    .await;
    assert_eq!(status, 422);
    assert!(html.contains("Koden er ikke riktig"), "{html}");
    assert_eq!(secret_in(&html), secret, "the same key to scan");
    let (_, html) = page(&ola, app, "/settings/two-factor").await;
    assert!(
        html.contains("two-factor-is-off"),
        "not on before a right code"
    );

    // The right code turns it on and shows ten recovery codes once.
    let first = code(&secret, 0);
    let (status, html) = post(
        &ola,
        app,
        "/settings/two-factor/confirm",
        &[("code", &first)],
    )
    .await;
    assert_eq!(status, 200, "{html}");
    let codes = recovery_codes_in(&html);
    assert_eq!(codes.len(), 10);
    let (_, html) = page(&ola, app, "/settings/two-factor").await;
    assert!(
        html.contains("two-factor-is-on") && html.contains("10 ubrukte"),
        "{html}"
    );
    assert!(!html.contains(&codes[0]), "codes are shown once");

    // Stored sealed and hashed, never in plain text.
    let (sealed,): (String,) =
        sqlx::query_as("SELECT secret FROM user_two_factor WHERE user_id = $1")
            .bind(app.fx.consultant_oslo)
            .fetch_one(&app.db.pool)
            .await
            .unwrap();
    assert!(sealed.starts_with("v1:") && !sealed.contains(&secret));
    let hashes: Vec<String> =
        sqlx::query_scalar("SELECT code_hash FROM two_factor_recovery WHERE user_id = $1")
            .bind(app.fx.consultant_oslo)
            .fetch_all(&app.db.pool)
            .await
            .unwrap();
    assert_eq!(hashes.len(), 10);
    assert!(
        hashes
            .iter()
            .all(|h| codes.iter().all(|c| !h.contains(c.as_str())))
    );
    let enabled = logged(app, "two-factor-enabled").await;
    assert_eq!(enabled.len(), 1);
    assert_eq!(enabled[0].0, Some(app.fx.consultant_oslo));

    // The password alone gives no session: only the second step.
    let before = sessions_of(app, app.fx.consultant_oslo).await;
    let (client, to) = password_step(app, "ola@test.no").await;
    assert_eq!(to, "/login/two-factor");
    assert_eq!(
        sessions_of(app, app.fx.consultant_oslo).await,
        before,
        "no session yet"
    );
    for path in ["/customers", "/settings", "/settings/two-factor"] {
        let res = client.get(app.url(path)).send().await.unwrap();
        assert_eq!(res.status(), 303, "{path}");
        assert!(location(res).await.starts_with("/login"), "{path}");
    }
    let (status, html) = page(&client, app, "/login/two-factor").await;
    assert_eq!(status, 200);
    assert!(html.contains("name=\"code\""));

    // The code used at enrolment is not taken again; the next one is.
    let (status, html) = post(&client, app, "/login/two-factor", &[("code", &first)]).await;
    assert_eq!(status, 401);
    assert!(html.contains("brukt før"), "{html}");
    assert_eq!(
        logged(app, "two-factor-failed").await.len(),
        2,
        "enrol + log-in"
    );
    let next = code(&secret, 1);
    let spaced = format!("{} {}", &next[..3], &next[3..]);
    let res = client
        .post(app.url("/login/two-factor"))
        .form(&[("code", spaced.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(location(res).await, "/customers");
    let (status, _) = page(&client, app, "/customers").await;
    assert_eq!(status, 200);
    assert_eq!(sessions_of(app, app.fx.consultant_oslo).await, before + 1);
    let challenges: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM login_challenges")
        .fetch_one(&app.db.pool)
        .await
        .unwrap();
    assert_eq!(challenges, 0, "the challenge ends with the log-in");
    // The same code once more, on another log-in: refused.
    let (again, _) = password_step(app, "ola@test.no").await;
    let (status, _) = post(&again, app, "/login/two-factor", &[("code", &next)]).await;
    assert_eq!(status, 401);
});

db_test!(recovery_codes_work_once_and_are_renewed, |app| {
    let ola = app.login("ola@test.no").await;
    let (secret, codes) = enrol(app, &ola).await;
    // Typed in capitals without the hyphen: still the code.
    let (client, _) = password_step(app, "ola@test.no").await;
    let typed = codes[0].replace('-', " ").to_uppercase();
    let res = client
        .post(app.url("/login/two-factor"))
        .form(&[("code", typed.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(location(res).await, "/customers");
    let used = logged(app, "recovery-code-used").await;
    assert_eq!(used.len(), 1);
    assert_eq!(used[0].2, "9 left");
    // Once only.
    let (client, _) = password_step(app, "ola@test.no").await;
    let (status, _) = post(&client, app, "/login/two-factor", &[("code", &codes[0])]).await;
    assert_eq!(status, 401);
    let (_, html) = page(&ola, app, "/settings/two-factor").await;
    assert!(html.contains("9 ubrukte"), "{html}");

    // New codes need a current code; the old ones stop working.
    let (status, html) = post(
        &ola,
        app,
        "/settings/two-factor/recovery-codes",
        &[("code", "123")],
    )
    .await;
    assert_eq!(status, 422);
    assert!(html.contains("Koden er ikke riktig"));
    let (status, html) = post(
        &ola,
        app,
        "/settings/two-factor/recovery-codes",
        &[("code", code(&secret, 1))],
    )
    .await;
    assert_eq!(status, 200, "{html}");
    let fresh = recovery_codes_in(&html);
    assert_eq!(fresh.len(), 10);
    assert!(fresh.iter().all(|c| !codes.contains(c)));
    assert_eq!(logged(app, "recovery-codes-renewed").await.len(), 1);
    let (status, _) = post(&client, app, "/login/two-factor", &[("code", &codes[1])]).await;
    assert_eq!(status, 401, "an old code");
    let res = client
        .post(app.url("/login/two-factor"))
        .form(&[("code", fresh[9].as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(location(res).await, "/customers");
});

/// (salted, code_hash) of a user's recovery codes.
async fn stored_codes(app: &TestApp, user: i64) -> Vec<(i64, String)> {
    sqlx::query_as(
        "SELECT salted, code_hash FROM two_factor_recovery WHERE user_id = $1 ORDER BY id",
    )
    .bind(user)
    .fetch_all(&app.db.pool)
    .await
    .unwrap()
}

/// Stores `code` as every row held it before decision 0064: the bare SHA-256 of the code.
async fn legacy_row(app: &TestApp, table_column: (&str, &str), id: i64, code: &str) {
    let plain = recovery_codes::normalise(code);
    let (table, column) = table_column;
    sqlx::query(sqlx::AssertSqlSafe(format!(
        "INSERT INTO {table} ({column}, code_hash) VALUES ($1, $2)"
    )))
    .bind(id)
    .bind(kundekort::auth::hash_token(&plain))
    .execute(&app.db.pool)
    .await
    .unwrap();
}

db_test!(
    recovery_codes_are_salted_and_old_sha256_rows_still_work,
    |app| {
        let ola = app.login("ola@test.no").await;
        let user = app.fx.consultant_oslo;
        let (_, codes) = enrol(app, &ola).await;
        // New codes: argon2id, each with its own salt, never the code or its bare SHA-256.
        let rows = stored_codes(app, user).await;
        assert_eq!(rows.len(), 10);
        let salts: std::collections::BTreeSet<&str> = rows
            .iter()
            .map(|(_, h)| h.split('$').nth(4).unwrap())
            .collect();
        assert_eq!(salts.len(), 10, "a salt per row");
        for ((salted, hash), code) in rows.iter().zip(&codes) {
            assert_eq!(*salted, 1);
            assert!(hash.starts_with("$argon2id$v=19$m=4096,t=1,p=1$"), "{hash}");
            let bare = kundekort::auth::hash_token(&recovery_codes::normalise(code));
            assert!(
                rows.iter()
                    .all(|(_, h)| !h.contains(&bare) && !h.contains(code.as_str()))
            );
        }

        // Rows as a database from before holds them: bare SHA-256, for Ola and for a contact.
        sqlx::query("DELETE FROM two_factor_recovery")
            .execute(&app.db.pool)
            .await
            .unwrap();
        let old: Vec<String> = (0..3).map(|_| recovery_codes::make()).collect();
        for code in &old {
            legacy_row(app, ("two_factor_recovery", "user_id"), user, code).await;
        }
        let customer = oslo_customer(app, "Gamle Koder AS").await;
        let kari = contact(app, customer, "Kari", "Kode").await;
        legacy_row(
            app,
            ("holder_two_factor_recovery", "contact_id"),
            kari,
            &old[0],
        )
        .await;

        // The start-up conversion salts all four without knowing the codes, and only once.
        assert_eq!(recovery_codes::salt_legacy(&app.db).await.unwrap(), 4);
        assert_eq!(recovery_codes::salt_legacy(&app.db).await.unwrap(), 0);
        let rows = stored_codes(app, user).await;
        assert!(
            rows.iter()
                .all(|(s, h)| *s == 1 && h.starts_with("$argon2id$")),
            "{rows:?}"
        );
        let holder: (i64, String) = sqlx::query_as(
            "SELECT salted, code_hash FROM holder_two_factor_recovery WHERE contact_id = $1",
        )
        .bind(kari)
        .fetch_one(&app.db.pool)
        .await
        .unwrap();
        assert!(
            holder.0 == 1 && holder.1.starts_with("$argon2id$"),
            "{holder:?}"
        );
        assert_ne!(holder.1, rows[0].1, "the same code, another salt");

        // A converted old code logs in, once.
        let (client, _) = password_step(app, "ola@test.no").await;
        let res = client
            .post(app.url("/login/two-factor"))
            .form(&[("code", old[1].to_uppercase().as_str())])
            .send()
            .await
            .unwrap();
        assert_eq!(location(res).await, "/customers");
        let (client, _) = password_step(app, "ola@test.no").await;
        let (status, _) = post(&client, app, "/login/two-factor", &[("code", &old[1])]).await;
        assert_eq!(status, 401, "used once");
        // A wrong code of the right shape fails; the other codes are untouched by the failure.
        let wrong = loop {
            let c = recovery_codes::make();
            if !old.contains(&c) {
                break c;
            }
        };
        let (status, _) = post(&client, app, "/login/two-factor", &[("code", &wrong)]).await;
        assert_eq!(status, 401);
        let unused: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM two_factor_recovery WHERE user_id = $1 AND used_at IS NULL",
        )
        .bind(user)
        .fetch_one(&app.db.pool)
        .await
        .unwrap();
        assert_eq!(unused, 2);

        // A row a previous release writes beside this one (after the start) is salted when its
        // holder's codes are checked, and works.
        let late = recovery_codes::make();
        legacy_row(app, ("two_factor_recovery", "user_id"), user, &late).await;
        let res = client
            .post(app.url("/login/two-factor"))
            .form(&[("code", late.as_str())])
            .send()
            .await
            .unwrap();
        assert_eq!(location(res).await, "/customers");
        let bare: i64 =
            sqlx::query_scalar("SELECT COUNT(*) FROM two_factor_recovery WHERE salted = 0")
                .fetch_one(&app.db.pool)
                .await
                .unwrap();
        assert_eq!(bare, 0);
    }
);

db_test!(
    the_second_step_is_throttled_and_ends_after_five_wrong_codes,
    |app| {
        let ola = app.login("ola@test.no").await;
        let (secret, _) = enrol(app, &ola).await;
        let (client, _) = password_step(app, "ola@test.no").await;
        let right = code(&secret, 1);
        let wrong = if right == "000000" {
            "111111"
        } else {
            "000000"
        };
        for _ in 0..3 {
            let (status, html) = post(&client, app, "/login/two-factor", &[("code", wrong)]).await;
            assert_eq!(status, 401, "{html}");
            assert!(html.contains("id=\"two-factor-error\""));
        }
        // The fourth in a row waits, as at the password (decision 0010). The failures are stamped a
        // minute ahead, so that a slow machine cannot outrun the one-second wait.
        sqlx::query("UPDATE login_attempts SET at = at + 60")
            .execute(&app.db.pool)
            .await
            .unwrap();
        let (status, html) = post(&client, app, "/login/two-factor", &[("code", wrong)]).await;
        assert_eq!(status, 429);
        assert!(html.contains("For mange mislykkede forsøk"), "{html}");
        an_hour_passes(app).await;
        let (status, _) = post(&client, app, "/login/two-factor", &[("code", wrong)]).await;
        assert_eq!(status, 401);
        // The fifth wrong code ends the challenge: back to the password, even with the right code.
        let (status, html) = post(&client, app, "/login/two-factor", &[("code", wrong)]).await;
        assert_eq!(status, 401);
        assert!(html.contains("Logg inn med passordet på nytt"), "{html}");
        let (status, html) = post(&client, app, "/login/two-factor", &[("code", &right)]).await;
        assert_eq!(status, 401);
        assert!(html.contains("action=\"/login\""), "{html}");
        assert_eq!(logged(app, "two-factor-failed").await.len(), 5);
        // A challenge past its ten minutes is over too.
        let (client, _) = password_step(app, "ola@test.no").await;
        sqlx::query("UPDATE login_challenges SET created_at = created_at - 601")
            .execute(&app.db.pool)
            .await
            .unwrap();
        let (status, _) = post(&client, app, "/login/two-factor", &[("code", &right)]).await;
        assert_eq!(status, 401);
        let res = client
            .get(app.url("/login/two-factor"))
            .send()
            .await
            .unwrap();
        assert_eq!(location(res).await, "/login");
    }
);

db_test!(a_required_role_enrols_right_after_the_password, |app| {
    let ola = app.login("ola@test.no").await;
    let admin = app.admin().await;
    let (status, html) = page(&admin, app, "/admin/sessions").await;
    assert_eq!(status, 200);
    assert!(html.contains("name=\"consultant\""), "{html}");
    // Only an admin sets it.
    let (status, _) = post(&ola, app, "/admin/two-factor", &[("consultant", "1")]).await;
    assert_eq!(status, 403);
    let res = admin
        .post(app.url("/admin/two-factor"))
        .form(&[("consultant", "1")])
        .send()
        .await
        .unwrap();
    assert_eq!(location(res).await, "/admin/sessions?saved=1");
    let (_, html) = page(&admin, app, "/admin/sessions").await;
    assert!(
        html.contains("name=\"consultant\" value=\"1\" checked"),
        "{html}"
    );
    let settings = logged(app, "two-factor-settings").await;
    assert_eq!(settings.len(), 1);
    assert_eq!(settings[0].1, Some(app.fx.admin));
    // Consultants without it are logged out at once; the admin and the manager are not.
    assert_eq!(sessions_of(app, app.fx.consultant_oslo).await, 0);
    assert_eq!(page(&ola, app, "/customers").await.0, 303);
    assert_eq!(page(&admin, app, "/customers").await.0, 200);
    let leder = app.login("leder@test.no").await;
    assert_eq!(
        page(&leder, app, "/customers").await.0,
        200,
        "managers need no code"
    );

    // At the next log-in: enrolment first, and nothing else.
    let (client, to) = password_step(app, "ola@test.no").await;
    assert_eq!(to, "/login/two-factor/enrol");
    assert_eq!(page(&client, app, "/customers").await.0, 303);
    assert_eq!(sessions_of(app, app.fx.consultant_oslo).await, 0);
    let res = client
        .get(app.url("/login/two-factor"))
        .send()
        .await
        .unwrap();
    assert_eq!(location(res).await, "/login/two-factor/enrol");
    let (status, html) = page(&client, app, "/login/two-factor/enrol").await;
    assert_eq!(status, 200);
    assert!(html.contains("Firmaet krever totrinnsinnlogging"), "{html}");
    let secret = secret_in(&html);
    let (_, again) = page(&client, app, "/login/two-factor/enrol").await;
    assert_eq!(secret_in(&again), secret, "a reload shows the same key");
    let (status, html) = post(
        &client,
        app,
        "/login/two-factor/enrol",
        &[("code", "12345")],
    )
    .await;
    assert_eq!(status, 401);
    assert!(html.contains("Koden er ikke riktig") && html.contains(&two_factor::grouped(&secret)));
    let (status, html) = post(
        &client,
        app,
        "/login/two-factor/enrol",
        &[("code", code(&secret, 0))],
    )
    .await;
    assert_eq!(status, 200, "{html}");
    assert_eq!(recovery_codes_in(&html).len(), 10);
    assert!(html.contains("href=\"/customers\""));
    assert_eq!(page(&client, app, "/customers").await.0, 200, "logged in");
    let enabled = logged(app, "two-factor-enabled").await;
    assert_eq!(enabled.last().unwrap().2, "log-in");

    // Required: it cannot be turned off.
    let (_, html) = page(&client, app, "/settings/two-factor").await;
    assert!(html.contains("two-factor-required") && !html.contains("/settings/two-factor/disable"));
    let (status, html) = post(
        &client,
        app,
        "/settings/two-factor/disable",
        &[("code", code(&secret, 1))],
    )
    .await;
    assert_eq!(status, 422);
    assert!(html.contains("kan ikke slås av"), "{html}");
    // And from now on the log-in asks for a code.
    forget_last_step(app).await;
    let (client, to) = password_step(app, "ola@test.no").await;
    assert_eq!(to, "/login/two-factor");
    let res = client
        .post(app.url("/login/two-factor"))
        .form(&[("code", code(&secret, 0))])
        .send()
        .await
        .unwrap();
    assert_eq!(location(res).await, "/customers");
});

db_test!(an_admin_resets_a_users_two_factor, |app| {
    let ola = app.login("ola@test.no").await;
    let (_, _) = enrol(app, &ola).await;
    let admin = app.admin().await;
    let path = format!("/admin/users/{}", app.fx.consultant_oslo);
    let (status, html) = page(&admin, app, &path).await;
    assert_eq!(status, 200);
    assert!(html.contains("id=\"two-factor-reset\""), "{html}");
    let reset = format!("{path}/two-factor/reset");
    // Nobody but an admin; not one's own here.
    let leder = app.login("leder@test.no").await;
    assert_eq!(post(&leder, app, &reset, &[("x", "")]).await.0, 403);
    let own = format!("/admin/users/{}/two-factor/reset", app.fx.admin);
    assert_eq!(post(&admin, app, &own, &[("x", "")]).await.0, 400);
    assert_eq!(
        post(
            &admin,
            app,
            "/admin/users/999999/two-factor/reset",
            &[("x", "")]
        )
        .await
        .0,
        404
    );

    let res = admin
        .post(app.url(&reset))
        .form(&[("x", "")])
        .send()
        .await
        .unwrap();
    assert_eq!(location(res).await, format!("{path}?two_factor=reset"));
    let (_, html) = page(&admin, app, &format!("{path}?two_factor=reset")).await;
    assert!(
        html.contains("id=\"two-factor-was-reset\"") && !html.contains("id=\"two-factor-reset\"")
    );
    assert_eq!(
        sessions_of(app, app.fx.consultant_oslo).await,
        0,
        "logged out everywhere"
    );
    assert_eq!(page(&ola, app, "/customers").await.0, 303);
    let rows = logged(app, "two-factor-reset").await;
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0].0, Some(app.fx.consultant_oslo));
    assert_eq!(rows[0].1, Some(app.fx.admin));
    let left: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM two_factor_recovery WHERE user_id = $1")
            .bind(app.fx.consultant_oslo)
            .fetch_one(&app.db.pool)
            .await
            .unwrap();
    assert_eq!(left, 0);
    // The password alone again.
    let (_, to) = password_step(app, "ola@test.no").await;
    assert_eq!(to, "/customers");
    // The admin sees the kinds in the security log, in English too.
    let (_, html) = page(&admin, app, "/admin/security-log?kind=two-factor-reset").await;
    assert!(
        html.contains("Totrinnsinnlogging nullstilt av administrator"),
        "{html}"
    );
});

db_test!(turning_it_off_takes_a_code, |app| {
    let ola = app.login("ola@test.no").await;
    let (secret, _) = enrol(app, &ola).await;
    let (status, html) = post(&ola, app, "/settings/two-factor/disable", &[("code", "")]).await;
    assert_eq!(status, 422);
    assert!(html.contains("Koden er ikke riktig"));
    // Moving to a new phone takes a code too, and the old key works until the new one is confirmed.
    let (status, _) = post(
        &ola,
        app,
        "/settings/two-factor/setup",
        &[("code", "999999x")],
    )
    .await;
    assert_eq!(status, 422);
    let res = ola
        .post(app.url("/settings/two-factor/disable"))
        .form(&[("code", code(&secret, 1))])
        .send()
        .await
        .unwrap();
    assert_eq!(location(res).await, "/settings/two-factor?off=1");
    let (_, html) = page(&ola, app, "/settings/two-factor?off=1").await;
    assert!(html.contains("id=\"two-factor-off\"") && html.contains("two-factor-is-off"));
    assert_eq!(logged(app, "two-factor-disabled").await.len(), 1);
    let (_, to) = password_step(app, "ola@test.no").await;
    assert_eq!(to, "/customers");
});

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
