//! An admin ends one user's sessions or everyone's (ASVS V7.4.5); ending one's own other
//! sessions asks for the password when the log-in is old (V7.5.2); admins see and reset a
//! contact's or a worker's two-factor log-in; a contact who becomes an approver the firm requires
//! two-factor log-in of is logged out until enrolled (decision 0065). Time passes by moving a
//! session's stamps back, never by sleeping.

use crate::{
    db_test,
    support::{
        PASSWORD, TestApp, fixtures::customer_with_contacts, http::post, timesheets::portal,
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
