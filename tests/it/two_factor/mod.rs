//! Two-factor log-in for staff (issue 18, decision 0054): enrolling with a QR code and a key,
//! the log-in's second step (no session before it, throttled, a code used once), recovery codes,
//! an admin requiring it per role and resetting a user's, and the security log's rows.
//! Codes are computed here from the key the page shows; a code's step is never waited for: a
//! test uses the next step's code (accepted, one step either side) or moves `last_step` back.

mod reauthentication;
mod recovery;

use kundekort::auth::two_factor::{self, code_for_secret};

use crate::{
    db_test,
    support::{
        PASSWORD, TestApp,
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
