//! Two-factor log-in for portal contacts and workers (issue 18, decision 0059), as staff's
//! (`two_factor.rs`): enrolling with the QR code's key, the log-in's second step (no session
//! before it, a wrong code refused with a message), recovery codes working once, turning it off,
//! an admin's reset; the firm's setting that makes approving and signing contacts enrol at their
//! next log-in (and not others); a one-time approval link still approving without it.

use kundekort::{
    auth::two_factor::{self, code_for_secret},
    timesheets::{links, store},
};
use time::macros::date;

use crate::{
    db_test,
    support::{
        PASSWORD, TestApp,
        fixtures::{contact, oslo_customer},
        http::{location, page, post},
        timesheets::{generate, setup, version},
        workers,
    },
};

/// The code the app shows `steps` steps from now (0 or 1: both are accepted).
fn code(secret: &str, steps: i64) -> String {
    let at = kundekort::timefmt::now() + steps * two_factor::STEP_SECS;
    code_for_secret(secret, at).expect("a base32 key")
}

/// A six-digit code that is not the right one now.
fn wrong(secret: &str) -> &'static str {
    let right = [code(secret, -1), code(secret, 0), code(secret, 1)];
    ["000000", "111111", "222222", "333333"]
        .into_iter()
        .find(|c| !right.iter().any(|r| r == c))
        .unwrap()
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

/// Security log rows of one kind: (contact_id, worker_id, actor_id, detail).
async fn logged(app: &TestApp, kind: &str) -> Vec<(Option<i64>, Option<i64>, Option<i64>, String)> {
    sqlx::query_as(
        "SELECT contact_id, worker_id, actor_id, detail FROM security_log WHERE kind = $1 \
         ORDER BY id",
    )
    .bind(kind)
    .fetch_all(&app.db.pool)
    .await
    .unwrap()
}

async fn sessions(app: &TestApp, column: &str, id: i64) -> i64 {
    sqlx::query_scalar(sqlx::AssertSqlSafe(format!(
        "SELECT COUNT(*) FROM sessions WHERE {column} = $1"
    )))
    .bind(id)
    .fetch_one(&app.db.pool)
    .await
    .unwrap()
}

/// A contact of a new customer with an accepted portal invitation (password [`PASSWORD`]) and
/// `rights`; their id and log-in email.
async fn portal_contact(app: &TestApp, customer: i64, first: &str, rights: &str) -> (i64, String) {
    let id = contact(app, customer, first, "Kontakt").await;
    let email = format!("{}@kunde.test", first.to_lowercase());
    let hash = kundekort::auth::password::hash(PASSWORD.to_string())
        .await
        .unwrap();
    sqlx::query(
        "INSERT INTO portal_accounts (contact_id, login_email, password_hash, rights, active, \
         created_at, updated_at) VALUES ($1, $2, $3, $4, 1, 0, 0)",
    )
    .bind(id)
    .bind(&email)
    .bind(hash)
    .bind(rights)
    .execute(&app.db.pool)
    .await
    .unwrap();
    (id, email)
}

/// Types the password at `{area}/login`; the client (holding only a challenge cookie when a
/// second step follows) and where it was sent.
async fn password_step(
    app: &TestApp,
    area: &str,
    email: &str,
    password: &str,
) -> (reqwest::Client, String) {
    let client = app.client();
    let res = client
        .post(app.url(&format!("{area}/login")))
        .form(&[("email", email), ("password", password)])
        .send()
        .await
        .unwrap();
    let to = location(res).await;
    (client, to)
}

/// Turns two-factor log-in on through `{area}/two-factor`; the key and the recovery codes.
async fn enrol(app: &TestApp, client: &reqwest::Client, area: &str) -> (String, Vec<String>) {
    let (status, html) = page(client, app, &format!("{area}/two-factor")).await;
    assert_eq!(status, 200, "{html}");
    assert!(html.contains("id=\"two-factor-is-off\""), "{html}");
    let (status, html) = post(
        client,
        app,
        &format!("{area}/two-factor/setup"),
        &[("code", "")],
    )
    .await;
    assert_eq!(status, 200, "{html}");
    assert!(html.contains("<svg role=\"img\" class=\"qr\""), "{html}");
    let secret = secret_in(&html);
    // A wrong code is explained, and the same key stays to scan.
    let confirm = format!("{area}/two-factor/confirm");
    let (status, html) = post(client, app, &confirm, &[("code", wrong(&secret))]).await;
    assert_eq!(status, 422);
    assert!(html.contains("Koden er ikke riktig"), "{html}");
    assert_eq!(secret_in(&html), secret);
    let (status, html) = post(client, app, &confirm, &[("code", code(&secret, 0))]).await;
    assert_eq!(status, 200, "{html}");
    let codes = recovery_codes_in(&html);
    assert_eq!(codes.len(), 10);
    let (_, html) = page(client, app, &format!("{area}/two-factor")).await;
    assert!(
        html.contains("two-factor-is-on") && html.contains("10 ubrukte"),
        "{html}"
    );
    (secret, codes)
}

/// The whole round for a contact or a worker already enrolled: the password gives no session,
/// a wrong code is refused with a message, the next code logs in, a recovery code works once.
async fn second_step_round(
    app: &TestApp,
    area: &str,
    email: &str,
    password: &str,
    secret: &str,
    codes: &[String],
) {
    let (client, to) = password_step(app, area, email, password).await;
    assert_eq!(to, format!("{area}/login/two-factor"));
    // Nothing but the second step: the area's pages ask for the log-in.
    let res = client.get(app.url(area)).send().await.unwrap();
    assert!(location(res).await.starts_with(&format!("{area}/login")));
    let step = format!("{area}/login/two-factor");
    let (status, html) = page(&client, app, &step).await;
    assert_eq!(status, 200);
    assert!(html.contains(&format!("action=\"{step}\"")), "{html}");
    let (status, html) = post(&client, app, &step, &[("code", wrong(secret))]).await;
    assert_eq!(status, 401);
    assert!(html.contains("Koden er ikke riktig"), "{html}");
    let res = client
        .post(app.url(&step))
        .form(&[("code", code(secret, 1))])
        .send()
        .await
        .unwrap();
    assert_eq!(location(res).await, area);
    let (status, _) = page(&client, app, area).await;
    assert_eq!(status, 200, "logged in after the code");

    // A recovery code, in capitals and without the hyphen, once.
    let (client, _) = password_step(app, area, email, password).await;
    let typed = codes[0].replace('-', "").to_uppercase();
    let res = client
        .post(app.url(&step))
        .form(&[("code", typed.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(location(res).await, area);
    let (again, _) = password_step(app, area, email, password).await;
    let (status, _) = post(&again, app, &step, &[("code", &codes[0])]).await;
    assert_eq!(status, 401, "a recovery code works once");
}

db_test!(
    a_contact_turns_it_on_logs_in_with_a_code_and_turns_it_off,
    |app| {
        let customer = oslo_customer(app, "Bygg og Betong AS").await;
        let (id, email) = portal_contact(app, customer, "Per", "view_invoices").await;
        // Without it: the password is enough.
        let (client, to) = password_step(app, "/portal", &email, PASSWORD).await;
        assert_eq!(to, "/portal");
        let (_, html) = page(&client, app, "/portal").await;
        assert!(html.contains("href=\"/portal/two-factor\""), "{html}");

        let (secret, codes) = enrol(app, &client, "/portal").await;
        let (sealed,): (String,) =
            sqlx::query_as("SELECT secret FROM holder_two_factor WHERE contact_id = $1")
                .bind(id)
                .fetch_one(&app.db.pool)
                .await
                .unwrap();
        assert!(sealed.starts_with("v1:") && !sealed.contains(&secret));
        let enabled = logged(app, "two-factor-enabled").await;
        assert_eq!(
            enabled,
            vec![(Some(id), None, None, "settings".to_string())]
        );

        let before = sessions(app, "contact_id", id).await;
        second_step_round(app, "/portal", &email, PASSWORD, &secret, &codes).await;
        assert_eq!(sessions(app, "contact_id", id).await, before + 2);
        let failed = logged(app, "two-factor-failed").await;
        assert_eq!(failed.len(), 3, "enrol, log-in, a used recovery code");
        assert_eq!(failed[1], (Some(id), None, None, "portal".to_string()));
        let used = logged(app, "recovery-code-used").await;
        assert_eq!(used, vec![(Some(id), None, None, "9 left".to_string())]);
        let challenges: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM holder_login_challenges WHERE contact_id = $1",
        )
        .bind(id)
        .fetch_one(&app.db.pool)
        .await
        .unwrap();
        assert_eq!(challenges, 1, "only the refused one's challenge is left");

        // Turning it off asks for a code; then the password is enough again.
        let (status, html) = post(
            &client,
            app,
            "/portal/two-factor/disable",
            &[("code", "12")],
        )
        .await;
        assert_eq!(status, 422);
        assert!(html.contains("Koden er ikke riktig"), "{html}");
        let res = client
            .post(app.url("/portal/two-factor/disable"))
            .form(&[("code", codes[1].as_str())])
            .send()
            .await
            .unwrap();
        assert_eq!(location(res).await, "/portal/two-factor?off=1");
        assert_eq!(logged(app, "two-factor-disabled").await.len(), 1);
        let (_, to) = password_step(app, "/portal", &email, PASSWORD).await;
        assert_eq!(to, "/portal");
    }
);

db_test!(a_worker_turns_it_on_and_an_admin_resets_it, |app| {
    let (id, client) = workers::logged_in(app, "Kari Nordmann", "kari@test.no").await;
    let password = "vikar-passord-1";
    let (_, html) = page(&client, app, "/worker").await;
    assert!(html.contains("href=\"/worker/two-factor\""), "{html}");
    let (secret, codes) = enrol(app, &client, "/worker").await;
    assert_eq!(
        logged(app, "two-factor-enabled").await,
        vec![(None, Some(id), None, "settings".to_string())]
    );
    second_step_round(app, "/worker", "kari@test.no", password, &secret, &codes).await;
    let failed = logged(app, "two-factor-failed").await;
    assert_eq!(failed[1], (None, Some(id), None, "worker".to_string()));
    assert_eq!(
        logged(app, "recovery-code-used").await,
        vec![(None, Some(id), None, "9 left".to_string())]
    );

    // Only an admin resets it: the key and codes go, the worker's sessions end.
    let reset = format!("/workers/{id}/login/two-factor/reset");
    let ola = app.login("ola@test.no").await;
    let res = ola.post(app.url(&reset)).send().await.unwrap();
    assert_eq!(res.status(), 403);
    let admin = app.admin().await;
    let (_, html) = page(&admin, app, &format!("/workers/{id}")).await;
    assert!(html.contains(&format!("action=\"{reset}\"")), "{html}");
    let res = admin.post(app.url(&reset)).send().await.unwrap();
    assert!(location(res).await.starts_with(&format!("/workers/{id}")));
    assert_eq!(sessions(app, "worker_id", id).await, 0);
    let resets = logged(app, "two-factor-reset").await;
    assert_eq!(resets.len(), 1);
    assert_eq!((resets[0].1, resets[0].2), (Some(id), Some(app.fx.admin)));
    let (_, to) = password_step(app, "/worker", "kari@test.no", password).await;
    assert_eq!(to, "/worker", "the password is enough again");
});

db_test!(
    the_firm_can_require_it_of_approving_and_signing_contacts_only,
    |app| {
        let customer = oslo_customer(app, "Bygg og Betong AS").await;
        let (approver, approver_email) =
            portal_contact(app, customer, "Per", "approve_timesheets,view_invoices").await;
        let (signer, _) = portal_contact(app, customer, "Siri", "sign_documents").await;
        let (viewer, viewer_email) = portal_contact(app, customer, "Vera", "view_invoices").await;
        for c in [approver, signer, viewer] {
            let cookie = kundekort::portal::session::create(
                &app.state,
                c,
                &crate::support::http::local_client(),
            )
            .await
            .unwrap();
            assert!(!cookie.value().is_empty());
        }

        // The admin page has the box; ticking it ends the sessions of approvers and signers who
        // have not set it up, not others'.
        let admin = app.admin().await;
        let (_, html) = page(&admin, app, "/admin/sessions").await;
        assert!(
            html.contains("id=\"two-factor-portal-approvers\""),
            "{html}"
        );
        let res = admin
            .post(app.url("/admin/two-factor"))
            .form(&[("portal_approvers", "1")])
            .send()
            .await
            .unwrap();
        assert_eq!(location(res).await, "/admin/sessions?saved=1");
        assert!(two_factor::approvers_required(&app.db).await.unwrap());
        assert_eq!(sessions(app, "contact_id", approver).await, 0);
        assert_eq!(sessions(app, "contact_id", signer).await, 0);
        assert_eq!(sessions(app, "contact_id", viewer).await, 1);
        let settings = logged(app, "two-factor-settings").await;
        assert_eq!(settings.len(), 1);
        assert!(
            settings[0]
                .3
                .contains("portal approvers on; 2 sessions ended"),
            "{settings:?}"
        );

        // A contact without those rights is not asked.
        let (_, to) = password_step(app, "/portal", &viewer_email, PASSWORD).await;
        assert_eq!(to, "/portal");

        // The approver must enrol before any portal page.
        let (client, to) = password_step(app, "/portal", &approver_email, PASSWORD).await;
        assert_eq!(to, "/portal/login/two-factor/enrol");
        assert_eq!(sessions(app, "contact_id", approver).await, 0);
        for path in ["/portal", "/portal/timesheets", "/portal/two-factor"] {
            let res = client.get(app.url(path)).send().await.unwrap();
            let to = location(res).await;
            assert!(to.starts_with("/portal/login"), "{path}: {to}");
        }
        let res = client
            .get(app.url("/portal/login/two-factor"))
            .send()
            .await
            .unwrap();
        assert_eq!(location(res).await, "/portal/login/two-factor/enrol");
        let (status, html) = page(&client, app, "/portal/login/two-factor/enrol").await;
        assert_eq!(status, 200);
        assert!(html.contains("Firmaet krever totrinnsinnlogging"), "{html}");
        let secret = secret_in(&html);
        let step = "/portal/login/two-factor/enrol";
        let (status, html) = post(&client, app, step, &[("code", wrong(&secret))]).await;
        assert_eq!(status, 401);
        assert!(html.contains("Koden er ikke riktig"), "{html}");
        let (status, html) = post(&client, app, step, &[("code", code(&secret, 0))]).await;
        assert_eq!(status, 200, "{html}");
        assert_eq!(recovery_codes_in(&html).len(), 10);
        assert!(html.contains("href=\"/portal\""), "{html}");
        let (status, _) = page(&client, app, "/portal").await;
        assert_eq!(status, 200);
        assert_eq!(
            logged(app, "two-factor-enabled").await,
            vec![(Some(approver), None, None, "log-in".to_string())]
        );
        // Required: it cannot be turned off.
        let (_, html) = page(&client, app, "/portal/two-factor").await;
        assert!(html.contains("id=\"two-factor-required\""), "{html}");
        assert!(!html.contains("id=\"two-factor-disable\""), "{html}");
        let (status, html) = post(
            &client,
            app,
            "/portal/two-factor/disable",
            &[("code", code(&secret, 1))],
        )
        .await;
        assert_eq!(status, 422);
        assert!(html.contains("kan ikke slås av"), "{html}");

        // Unticked: nobody is forced (the signer logs in with the password).
        let res = admin
            .post(app.url("/admin/two-factor"))
            .form(&[("nothing", "1")])
            .send()
            .await
            .unwrap();
        assert_eq!(location(res).await, "/admin/sessions?saved=1");
        assert!(!two_factor::approvers_required(&app.db).await.unwrap());
        let (_, to) = password_step(app, "/portal", "siri@kunde.test", PASSWORD).await;
        assert_eq!(to, "/portal");
    }
);

db_test!(an_approval_link_still_approves_without_two_factor, |app| {
    let s = setup(app, false).await;
    sqlx::query("UPDATE contacts SET email = 'per@bygg.test' WHERE id = $1")
        .bind(s.approver)
        .execute(&app.db.pool)
        .await
        .unwrap();
    let sheet = generate(app, &s, date!(2026 - 12 - 07), date!(2026 - 12 - 13)).await;
    let sheet = sheet("2026-12-07");
    let worker = store::By::new(store::Actor::Worker(s.worker), store::Via::Page);
    let v = version(app, sheet).await;
    let mut tx = app.db.begin().await.unwrap();
    store::submit(&mut tx, sheet, v, &worker).await.unwrap();
    tx.commit().await.unwrap();
    let (request,): (i64,) = sqlx::query_as(
        "SELECT id FROM timesheet_approval_requests WHERE timesheet_id = $1 AND contact_id = $2 \
         ORDER BY id DESC",
    )
    .bind(sheet)
    .bind(s.approver)
    .fetch_one(&app.db.pool)
    .await
    .unwrap();
    let link = links::mint(&app.state, request)
        .await
        .unwrap()
        .expect("a link for the approver")
        .trim_start_matches(&app.url(""))
        .to_string();

    // The firm requires two-factor log-in of approvers, and this approver has not set it up.
    let admin = app.admin().await;
    let res = admin
        .post(app.url("/admin/two-factor"))
        .form(&[("portal_approvers", "1")])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303);
    assert!(two_factor::approvers_required(&app.db).await.unwrap());

    // The link is still a link to this one sheet for this approver, and approves it.
    let anyone = app.client();
    let res = anyone.get(app.url(&link)).send().await.unwrap();
    assert_eq!(res.status(), 200);
    let v = version(app, sheet).await;
    let res = anyone
        .post(app.url(&format!("{link}/sheets/{sheet}/approve")))
        .form(&[("version", v.to_string())])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200, "{}", res.text().await.unwrap());
    let d = store::detail(&app.db, sheet).await.unwrap().unwrap();
    let e = d.events.last().unwrap();
    assert_eq!(
        (
            e.action.as_str(),
            e.actor.as_str(),
            e.contact_id,
            e.via.as_str()
        ),
        ("approved", "contact", Some(s.approver), "link"),
        "the approval record says it came through a link"
    );
});

db_test!(a_contacts_second_step_is_throttled_like_staffs, |app| {
    let customer = oslo_customer(app, "Bygg og Betong AS").await;
    let (_, email) = portal_contact(app, customer, "Per", "view_invoices").await;
    let (client, _) = password_step(app, "/portal", &email, PASSWORD).await;
    let (secret, _) = enrol(app, &client, "/portal").await;
    let (client, _) = password_step(app, "/portal", &email, PASSWORD).await;
    let step = "/portal/login/two-factor";
    let bad = wrong(&secret);
    for _ in 0..3 {
        let (status, html) = post(&client, app, step, &[("code", bad)]).await;
        assert_eq!(status, 401, "{html}");
        assert!(html.contains("id=\"two-factor-error\""), "{html}");
    }
    // The fourth in a row waits (decision 0010); stamped a minute ahead, as in staff's test.
    sqlx::query("UPDATE login_attempts SET at = at + 60")
        .execute(&app.db.pool)
        .await
        .unwrap();
    let (status, html) = post(&client, app, step, &[("code", bad)]).await;
    assert_eq!(status, 429);
    assert!(html.contains("For mange mislykkede forsøk"), "{html}");
    sqlx::query("UPDATE login_attempts SET at = at - 7200")
        .execute(&app.db.pool)
        .await
        .unwrap();
    let (status, _) = post(&client, app, step, &[("code", bad)]).await;
    assert_eq!(status, 401);
    // The fifth wrong code ends the challenge: back to the portal's password page.
    let (status, html) = post(&client, app, step, &[("code", bad)]).await;
    assert_eq!(status, 401);
    assert!(html.contains("Logg inn med passordet på nytt"), "{html}");
    assert!(html.contains("action=\"/portal/login\""), "{html}");
    let (status, _) = post(&client, app, step, &[("code", code(&secret, 1))]).await;
    assert_eq!(status, 401, "not even the right code after that");
});
