//! An admin ends one user's sessions or everyone's (ASVS V7.4.5); ending one's own other
//! sessions asks for the password when the log-in is old (V7.5.2); admins see and reset a
//! contact's or a worker's two-factor log-in; a contact who becomes an approver the firm requires
//! two-factor log-in of is logged out until enrolled (decision 0065). Time passes by moving a
//! session's stamps back, never by sleeping.

use kundekort::auth::{hash_token, password};

use crate::{
    db_test,
    support::{
        PASSWORD, TestApp,
        fixtures::customer_with_contacts,
        http::{local_client, post},
        timesheets::portal,
        workers,
    },
};

const NOTHING: &[(&str, &str)] = &[];

/// Moves the log-in of every session of `column = id` `seconds` into the past.
async fn authenticated_ago(app: &TestApp, column: &str, id: i64, seconds: i64) {
    sqlx::query(sqlx::AssertSqlSafe(format!(
        "UPDATE sessions SET created_at = created_at - $1, \
         authenticated_at = authenticated_at - $1 WHERE {column} = $2"
    )))
    .bind(seconds)
    .bind(id)
    .execute(&app.db.pool)
    .await
    .unwrap();
}

/// The status of a GET and where it redirects to ("" when it does not).
async fn get(client: &reqwest::Client, app: &TestApp, path: &str) -> (u16, String) {
    let res = client.get(app.url(path)).send().await.unwrap();
    let to = res
        .headers()
        .get("location")
        .map(|l| l.to_str().unwrap().to_string())
        .unwrap_or_default();
    (res.status().as_u16(), to)
}

async fn text(client: &reqwest::Client, app: &TestApp, path: &str) -> String {
    let res = client.get(app.url(path)).send().await.unwrap();
    assert_eq!(res.status(), 200, "{path}");
    res.text().await.unwrap()
}

/// A POST's status and where it redirects to.
async fn send(
    client: &reqwest::Client,
    app: &TestApp,
    path: &str,
    form: &[(&str, &str)],
) -> (u16, String) {
    let res = client.post(app.url(path)).form(form).send().await.unwrap();
    let to = res
        .headers()
        .get("location")
        .map(|l| l.to_str().unwrap().to_string())
        .unwrap_or_default();
    (res.status().as_u16(), to)
}

/// The security log's rows of `sessions-revoked`: (user_id, contact_id, actor_id, detail).
async fn revoked(app: &TestApp) -> Vec<(Option<i64>, Option<i64>, Option<i64>, String)> {
    sqlx::query_as(
        "SELECT user_id, contact_id, actor_id, detail FROM security_log \
         WHERE kind = 'sessions-revoked' ORDER BY id",
    )
    .fetch_all(&app.db.pool)
    .await
    .unwrap()
}

fn hidden(name: &str, value: &str) -> String {
    format!("<input type=\"hidden\" name=\"{name}\" value=\"{value}\">")
}

/// A client that sends `cookie` (name=value) with every request and follows no redirect.
fn with_cookie(cookie: &str) -> reqwest::Client {
    let mut headers = reqwest::header::HeaderMap::new();
    headers.insert(reqwest::header::COOKIE, cookie.parse().unwrap());
    reqwest::Client::builder()
        .default_headers(headers)
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap()
}

/// Two-factor log-in on for a contact or worker (`column` = id), as after enrolling.
async fn two_factor_on(app: &TestApp, column: &str, id: i64) {
    sqlx::query(sqlx::AssertSqlSafe(format!(
        "INSERT INTO holder_two_factor ({column}, secret, enabled_at) VALUES ($1, 'sealed', 0)"
    )))
    .bind(id)
    .execute(&app.db.pool)
    .await
    .unwrap();
}

db_test!(an_admin_logs_one_user_out_and_stays_logged_in, |app| {
    let phone = app.login("ola@test.no").await;
    let laptop = app.login("ola@test.no").await;
    let berit = app.login("berit@test.no").await;
    let admin = app.admin().await;
    let (ola, admin_id) = (app.fx.consultant_oslo, app.fx.admin);
    let page_path = format!("/admin/users/{ola}");
    let end_path = format!("{page_path}/sessions/end");
    let page = text(&admin, app, &page_path).await;
    assert!(page.contains("Logget inn på 2 steder nå."), "{page}");
    assert!(page.contains(&format!("action=\"{end_path}\"")), "{page}");
    // Not offered on the admin's own page, and refused there.
    let own = text(&admin, app, &format!("/admin/users/{admin_id}")).await;
    assert!(!own.contains("id=\"user-sessions-end\""), "{own}");
    let own_end = format!("/admin/users/{admin_id}/sessions/end");
    assert_eq!(send(&admin, app, &own_end, NOTHING).await.0, 400);
    // Only an admin.
    let lise = app.login("leder@test.no").await;
    assert_eq!(send(&lise, app, &end_path, NOTHING).await.0, 403);
    assert_eq!(get(&phone, app, "/customers").await.0, 200);

    // An admin whose log-in is old confirms the password first; nothing ends before.
    authenticated_ago(app, "user_id", admin_id, 11 * 60).await;
    let (status, html) = post(&admin, app, &end_path, NOTHING).await;
    assert_eq!(status, 200);
    assert!(html.contains(&hidden("resume", &end_path)), "{html}");
    assert_eq!(get(&phone, app, "/customers").await.0, 200, "not yet");
    let form = [
        ("password", PASSWORD),
        ("next", page_path.as_str()),
        ("resume", end_path.as_str()),
    ];
    let (status, html) = post(&admin, app, "/reauth", &form).await;
    assert_eq!(status, 200);
    assert!(
        html.contains(&format!("action=\"{end_path}\"")) && html.contains("data-autosubmit"),
        "{html}"
    );
    // What that page posts by itself.
    let (status, to) = send(&admin, app, &end_path, NOTHING).await;
    assert_eq!(
        (status, to.as_str()),
        (303, &*format!("{page_path}?sessions_ended=2"))
    );
    let page = text(&admin, app, &to).await;
    assert!(page.contains("id=\"user-sessions-ended\""), "{page}");
    assert!(page.contains("Ikke logget inn noe sted nå."), "{page}");
    for client in [&phone, &laptop] {
        let (status, to) = get(client, app, "/customers").await;
        assert_eq!(status, 303);
        assert!(to.starts_with("/login"), "{to}");
    }
    assert_eq!(get(&berit, app, "/customers").await.0, 200, "nobody else");
    assert_eq!(get(&admin, app, "/customers").await.0, 200, "nor the admin");
    assert_eq!(
        revoked(app).await,
        vec![(Some(ola), None, Some(admin_id), "2".to_string())]
    );
});

db_test!(an_admin_logs_everyone_out_but_themself, |app| {
    let (_, _, ase, _) = customer_with_contacts(app).await;
    let contact = portal(app, ase, "view_assignments").await;
    let (_, worker) = workers::logged_in(app, "Vera Vikar", "vera@test.no").await;
    let ola = app.login("ola@test.no").await;
    let admin_phone = app.admin().await;
    let admin = app.admin().await;
    let page = text(&admin, app, "/admin/sessions").await;
    assert!(
        page.contains("action=\"/admin/sessions/end-all\"")
            && page.contains(&hidden("confirm", "everyone")),
        "{page}"
    );
    // A bare post (not the page's form) ends nothing; nor does anyone but an admin.
    assert_eq!(
        send(&admin, app, "/admin/sessions/end-all", NOTHING)
            .await
            .0,
        400
    );
    let everyone = [("confirm", "everyone")];
    let lise = app.login("leder@test.no").await;
    assert_eq!(
        send(&lise, app, "/admin/sessions/end-all", &everyone)
            .await
            .0,
        403
    );
    assert_eq!(get(&ola, app, "/customers").await.0, 200);

    let all: i64 = crate::support::fixtures::count(app, "SELECT COUNT(*) FROM sessions").await;
    assert!(all >= 6, "{all}");
    let (status, to) = send(&admin, app, "/admin/sessions/end-all", &everyone).await;
    assert_eq!(status, 303);
    assert_eq!(to, format!("/admin/sessions?ended={}", all - 1));
    let page = text(&admin, app, &to).await;
    assert!(page.contains("id=\"end-all-done\""), "{page}");
    for (client, path, login) in [
        (&ola, "/customers", "/login"),
        (&lise, "/customers", "/login"),
        (&admin_phone, "/customers", "/login"),
        (&contact, "/portal", "/portal/login"),
        (&worker, "/worker", "/worker/login"),
    ] {
        let (status, to) = get(client, app, path).await;
        assert_eq!(status, 303, "{path}");
        assert!(to.starts_with(login), "{path}: {to}");
    }
    assert_eq!(
        get(&admin, app, "/customers").await.0,
        200,
        "the admin stays"
    );
    let left = crate::support::fixtures::count(app, "SELECT COUNT(*) FROM sessions").await;
    assert_eq!(left, 1);
    assert_eq!(
        revoked(app).await,
        vec![(
            Some(app.fx.admin),
            None,
            Some(app.fx.admin),
            format!("everyone: {}", all - 1)
        )]
    );
});

db_test!(
    staff_confirm_the_password_before_ending_other_sessions_when_the_log_in_is_old,
    |app| {
        let here = app.login("ola@test.no").await;
        let there = app.login("ola@test.no").await;
        let ola = app.fx.consultant_oslo;
        authenticated_ago(app, "user_id", ola, 11 * 60).await;
        let page = text(&here, app, "/settings/sessions").await;
        let current = &page[page.find("id=\"session-current\"").unwrap()..];
        let start = current.find("/settings/sessions/").unwrap() + "/settings/sessions/".len();
        let mine = &current[start..start + current[start..].find('/').unwrap()];
        let handles: Vec<String> =
            sqlx::query_scalar("SELECT handle FROM sessions WHERE user_id = $1")
                .bind(ola)
                .fetch_all(&app.db.pool)
                .await
                .unwrap();
        let other = handles.iter().find(|h| h.as_str() != mine).unwrap();
        // One other session, or all others: the password page, and nothing ends.
        let one = format!("/settings/sessions/{other}/end");
        for action in [one.as_str(), "/settings/sessions/end-others"] {
            let (status, html) = post(&here, app, action, NOTHING).await;
            assert_eq!(status, 200, "{action}");
            assert!(html.contains(&hidden("resume", action)), "{html}");
            assert_eq!(get(&there, app, "/customers").await.0, 200, "{action}");
        }
        let form = [
            ("password", PASSWORD),
            ("next", "/settings/sessions"),
            ("resume", "/settings/sessions/end-others"),
        ];
        let (status, html) = post(&here, app, "/reauth", &form).await;
        assert_eq!(status, 200);
        assert!(html.contains("data-autosubmit"), "{html}");
        let (status, to) = send(&here, app, "/settings/sessions/end-others", NOTHING).await;
        assert_eq!((status, to.as_str()), (303, "/settings/sessions"));
        assert_eq!(get(&there, app, "/customers").await.0, 303);
        assert_eq!(get(&here, app, "/customers").await.0, 200);
        // Ending the current one is a log-out: it asks for nothing, however old the log-in.
        authenticated_ago(app, "user_id", ola, 11 * 60).await;
        let (status, to) = send(
            &here,
            app,
            &format!("/settings/sessions/{mine}/end"),
            NOTHING,
        )
        .await;
        assert_eq!((status, to.as_str()), (303, "/login"));
    }
);

db_test!(
    contacts_and_workers_confirm_the_password_before_ending_other_sessions,
    |app| {
        let (_, _, ase, _) = customer_with_contacts(app).await;
        let here = portal(app, ase, "view_assignments").await;
        sqlx::query("UPDATE portal_accounts SET password_hash = $1 WHERE contact_id = $2")
            .bind(password::hash(PASSWORD.to_string()).await.unwrap())
            .bind(ase)
            .execute(&app.db.pool)
            .await
            .unwrap();
        let cookie = kundekort::portal::session::create(&app.state, ase, &local_client())
            .await
            .unwrap();
        let there = with_cookie(&format!("kk_portal={}", cookie.value()));
        authenticated_ago(app, "contact_id", ase, 11 * 60).await;
        let (status, html) = post(&here, app, "/portal/sessions/end-others", NOTHING).await;
        assert_eq!(status, 200);
        assert!(
            html.contains("id=\"sessions-reauth\"")
                && html.contains("action=\"/portal/sessions/end-others\""),
            "{html}"
        );
        assert_eq!(get(&there, app, "/portal").await.0, 200, "not yet");
        let wrong = [("password", "ikke-passordet")];
        let (status, html) = post(&here, app, "/portal/sessions/end-others", &wrong).await;
        assert_eq!(status, 401);
        assert!(html.contains("id=\"reauth-error\""), "{html}");
        assert_eq!(
            get(&there, app, "/portal").await.0,
            200,
            "not after a wrong one"
        );
        let right = [("password", PASSWORD)];
        let (status, to) = send(&here, app, "/portal/sessions/end-others", &right).await;
        assert_eq!((status, to.as_str()), (303, "/portal/sessions"));
        let (status, to) = get(&there, app, "/portal").await;
        assert!(
            status == 303 && to.starts_with("/portal/login"),
            "{status} {to}"
        );
        assert_eq!(get(&here, app, "/portal").await.0, 200);

        // A worker ending one other session.
        let (wid, worker) = workers::logged_in(app, "Vera Vikar", "vera@test.no").await;
        let cookie = kundekort::worker_pages::session::create(&app.state, wid, &local_client())
            .await
            .unwrap();
        let other = with_cookie(&format!("kk_worker={}", cookie.value()));
        let handle: String =
            sqlx::query_scalar("SELECT handle FROM sessions WHERE token_hash = $1")
                .bind(hash_token(cookie.value()))
                .fetch_one(&app.db.pool)
                .await
                .unwrap();
        authenticated_ago(app, "worker_id", wid, 11 * 60).await;
        let action = format!("/worker/sessions/{handle}/end");
        let (status, html) = post(&worker, app, &action, NOTHING).await;
        assert_eq!(status, 200);
        assert!(html.contains(&format!("action=\"{action}\"")), "{html}");
        assert_eq!(get(&other, app, "/worker").await.0, 200, "not yet");
        let right = [("password", "vikar-passord-1")];
        let (status, to) = send(&worker, app, &action, &right).await;
        assert_eq!((status, to.as_str()), (303, "/worker/sessions"));
        let (status, to) = get(&other, app, "/worker").await;
        assert!(
            status == 303 && to.starts_with("/worker/login"),
            "{status} {to}"
        );
        assert_eq!(get(&worker, app, "/worker").await.0, 200);
    }
);

db_test!(
    a_contact_who_becomes_an_approver_is_logged_out_until_enrolled,
    |app| {
        let (oslo, _, ase, per) = customer_with_contacts(app).await;
        let ase_client = portal(app, ase, "view_assignments").await;
        let per_client = portal(app, per, "view_assignments").await;
        two_factor_on(app, "contact_id", per).await;
        let ola = app.login("ola@test.no").await;
        let rights = |cid: i64| format!("/customers/{oslo}/contacts/{cid}/portal");
        let approver = [
            ("rights", "view_assignments"),
            ("rights", "approve_timesheets"),
        ];
        let viewer = [("rights", "view_assignments")];
        // The firm's setting off: a new right ends nothing.
        assert_eq!(send(&ola, app, &rights(ase), &approver).await.0, 200);
        assert_eq!(get(&ase_client, app, "/portal").await.0, 200);
        assert_eq!(send(&ola, app, &rights(ase), &viewer).await.0, 200);
        let admin = app.admin().await;
        let (status, _) = send(
            &admin,
            app,
            "/admin/two-factor",
            &[("portal_approvers", "1")],
        )
        .await;
        assert_eq!(status, 303);
        assert_eq!(
            get(&ase_client, app, "/portal").await.0,
            200,
            "not an approver yet"
        );
        // On: Åse may now sign, and has not set it up: logged out, so her next log-in enrols.
        let signer = [("rights", "view_assignments"), ("rights", "sign_documents")];
        assert_eq!(send(&ola, app, &rights(ase), &signer).await.0, 200);
        let (status, to) = get(&ase_client, app, "/portal").await;
        assert!(
            status == 303 && to.starts_with("/portal/login"),
            "{status} {to}"
        );
        // Per has it on already: he stays.
        assert_eq!(send(&ola, app, &rights(per), &approver).await.0, 200);
        assert_eq!(get(&per_client, app, "/portal").await.0, 200);
        assert_eq!(
            revoked(app).await,
            vec![(
                None,
                Some(ase),
                Some(app.fx.consultant_oslo),
                "two-factor required: 1".to_string()
            )]
        );
    }
);

db_test!(
    admins_see_a_contacts_and_a_workers_two_factor_and_reset_it_there,
    |app| {
        let (oslo, _, ase, _) = customer_with_contacts(app).await;
        let _contact = portal(app, ase, "view_assignments").await;
        let (wid, _) = workers::logged_in(app, "Vera Vikar", "vera@test.no").await;
        let admin = app.admin().await;
        let contact_page = format!("/customers/{oslo}/contacts/{ase}");
        let worker_page = format!("/workers/{wid}");
        let html = text(&admin, app, &contact_page).await;
        assert!(
            html.contains("<p id=\"contact-two-factor\">Totrinnsinnlogging: av</p>"),
            "{html}"
        );
        assert!(
            !html.contains("id=\"contact-two-factor-reset\""),
            "nothing to reset"
        );
        let html = text(&admin, app, &worker_page).await;
        assert!(
            html.contains("<p id=\"worker-two-factor\">Totrinnsinnlogging: av</p>"),
            "{html}"
        );
        assert!(
            !html.contains("id=\"worker-two-factor-reset\""),
            "nothing to reset"
        );

        two_factor_on(app, "contact_id", ase).await;
        two_factor_on(app, "worker_id", wid).await;
        let html = text(&admin, app, &contact_page).await;
        assert!(
            html.contains("<p id=\"contact-two-factor\">Totrinnsinnlogging: på</p>"),
            "{html}"
        );
        assert!(html.contains("id=\"contact-two-factor-reset\""), "{html}");
        let html = text(&admin, app, &worker_page).await;
        assert!(
            html.contains("<p id=\"worker-two-factor\">Totrinnsinnlogging: på</p>"),
            "{html}"
        );
        assert!(html.contains("id=\"worker-two-factor-reset\""), "{html}");
        // Reset there.
        let reset = format!("{contact_page}/portal/two-factor/reset");
        assert_eq!(send(&admin, app, &reset, NOTHING).await.0, 303);
        let reset = format!("{worker_page}/login/two-factor/reset");
        assert_eq!(send(&admin, app, &reset, NOTHING).await.0, 303);
        let html = text(&admin, app, &contact_page).await;
        assert!(html.contains("Totrinnsinnlogging: av"), "{html}");
        let html = text(&admin, app, &worker_page).await;
        assert!(html.contains("Totrinnsinnlogging: av"), "{html}");
        // Not for other staff.
        let ola = app.login("ola@test.no").await;
        let html = text(&ola, app, &contact_page).await;
        assert!(!html.contains("id=\"contact-two-factor\""));
    }
);
