//! Portal contacts and workers see where they are logged in and end a session, or all others
//! (`/portal/sessions`, `/worker/sessions`; decision 0056, like `/settings/sessions` for staff
//! in decision 0050). Only their own: another's session, or a staff session, is "not found".

use kundekort::auth::{hash_token, session::Client};

use crate::{
    db_test,
    support::{
        TestApp, fixtures::customer_with_contacts, http::local_client, timesheets::portal,
        workers::logged_in,
    },
};

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

async fn status(client: &reqwest::Client, app: &TestApp, path: &str) -> u16 {
    client
        .get(app.url(path))
        .send()
        .await
        .unwrap()
        .status()
        .as_u16()
}

async fn post(client: &reqwest::Client, app: &TestApp, path: &str) -> (u16, String) {
    let res = client.post(app.url(path)).send().await.unwrap();
    let location = res
        .headers()
        .get("location")
        .map(|l| l.to_str().unwrap().to_string())
        .unwrap_or_default();
    (res.status().as_u16(), location)
}

async fn handle_of(app: &TestApp, token: &str) -> String {
    sqlx::query_scalar("SELECT handle FROM sessions WHERE token_hash = $1")
        .bind(hash_token(token))
        .fetch_one(&app.db.pool)
        .await
        .unwrap()
}

async fn handles(app: &TestApp, column: &str, id: i64) -> Vec<String> {
    sqlx::query_scalar(sqlx::AssertSqlSafe(format!(
        "SELECT handle FROM sessions WHERE {column} = $1 ORDER BY handle"
    )))
    .bind(id)
    .fetch_all(&app.db.pool)
    .await
    .unwrap()
}

async fn logged(app: &TestApp, kind: &str, column: &str, id: i64) -> i64 {
    sqlx::query_scalar(sqlx::AssertSqlSafe(format!(
        "SELECT COUNT(*) FROM security_log WHERE kind = $1 AND {column} = $2"
    )))
    .bind(kind)
    .bind(id)
    .fetch_one(&app.db.pool)
    .await
    .unwrap()
}

fn browser() -> Client {
    Client {
        user_agent:
            "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0"
                .into(),
        ..local_client()
    }
}

db_test!(portal_contacts_list_and_end_their_own_sessions, |app| {
    let (_, _, ase, per) = customer_with_contacts(app).await;
    let here = portal(app, ase, "").await;
    let someone_else = portal(app, per, "").await;
    let cookie = kundekort::portal::session::create(&app.state, ase, &browser())
        .await
        .unwrap();
    let there = with_cookie(&format!("kk_portal={}", cookie.value()));
    let home = here
        .get(app.url("/portal"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(home.contains("href=\"/portal/sessions\""), "{home}");
    let page = here
        .get(app.url("/portal/sessions"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert_eq!(page.matches("/end\"").count(), 2, "{page}");
    assert_eq!(page.matches("id=\"session-current\"").count(), 1);
    assert!(page.contains("Firefox på Windows"), "{page}");
    assert!(page.contains("action=\"/portal/sessions/end-others\""));

    // Someone else's session, or a staff member's, is not found here.
    let per_handle = handles(app, "contact_id", per).await.remove(0);
    let ola = app.login("ola@test.no").await;
    let staff_handle = handles(app, "user_id", app.fx.consultant_oslo)
        .await
        .remove(0);
    for handle in [&per_handle, &staff_handle] {
        let (code, _) = post(&here, app, &format!("/portal/sessions/{handle}/end")).await;
        assert_eq!(code, 404);
    }
    assert_eq!(status(&someone_else, app, "/portal").await, 200);
    assert_eq!(status(&ola, app, "/customers").await, 200);
    // Nor is the list there for staff or anybody without a portal session.
    assert_eq!(status(&ola, app, "/portal/sessions").await, 303);
    assert_eq!(status(&app.client(), app, "/portal/sessions").await, 303);
    let (code, _) = post(&ola, app, &format!("/portal/sessions/{staff_handle}/end")).await;
    assert_eq!(code, 303, "to the portal's log-in");
    assert_eq!(status(&ola, app, "/customers").await, 200);

    // The other one ends; this one goes on.
    let there_handle = handle_of(app, cookie.value()).await;
    let (code, location) = post(&here, app, &format!("/portal/sessions/{there_handle}/end")).await;
    assert_eq!((code, location.as_str()), (303, "/portal/sessions"));
    assert_eq!(status(&there, app, "/portal").await, 303);
    assert_eq!(status(&here, app, "/portal").await, 200);
    assert_eq!(logged(app, "session-ended", "contact_id", ase).await, 1);

    // Everywhere else.
    let cookie = kundekort::portal::session::create(&app.state, ase, &browser())
        .await
        .unwrap();
    let again = with_cookie(&format!("kk_portal={}", cookie.value()));
    assert_eq!(status(&again, app, "/portal").await, 200);
    let (code, _) = post(&here, app, "/portal/sessions/end-others").await;
    assert_eq!(code, 303);
    assert_eq!(status(&again, app, "/portal").await, 303);
    assert_eq!(status(&here, app, "/portal").await, 200);
    assert_eq!(status(&someone_else, app, "/portal").await, 200);
    assert_eq!(logged(app, "logout-others", "contact_id", ase).await, 1);

    // Ending this one logs out.
    let mine = handles(app, "contact_id", ase).await.remove(0);
    let (code, location) = post(&here, app, &format!("/portal/sessions/{mine}/end")).await;
    assert_eq!((code, location.as_str()), (303, "/portal/login"));
    assert_eq!(status(&here, app, "/portal").await, 303);
    assert_eq!(logged(app, "logout", "contact_id", ase).await, 1);
});

db_test!(workers_list_and_end_their_own_sessions, |app| {
    let (kari, here) = logged_in(app, "Kari Vikar", "kari.vikar@test.no").await;
    let (per, someone_else) = logged_in(app, "Per Vikar", "per.vikar@test.no").await;
    let cookie = kundekort::worker_pages::session::create(&app.state, kari, &browser())
        .await
        .unwrap();
    let there = with_cookie(&format!("kk_worker={}", cookie.value()));
    let home = here
        .get(app.url("/worker"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(home.contains("href=\"/worker/sessions\""), "{home}");
    let page = here
        .get(app.url("/worker/sessions"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert_eq!(page.matches("/end\"").count(), 2, "{page}");
    assert!(page.contains("Firefox på Windows"), "{page}");

    let per_handle = handles(app, "worker_id", per).await.remove(0);
    let (code, _) = post(&here, app, &format!("/worker/sessions/{per_handle}/end")).await;
    assert_eq!(code, 404);
    assert_eq!(status(&someone_else, app, "/worker").await, 200);
    assert_eq!(status(&app.client(), app, "/worker/sessions").await, 303);

    let there_handle = handle_of(app, cookie.value()).await;
    let (code, location) = post(&here, app, &format!("/worker/sessions/{there_handle}/end")).await;
    assert_eq!((code, location.as_str()), (303, "/worker/sessions"));
    assert_eq!(status(&there, app, "/worker").await, 303);
    assert_eq!(status(&here, app, "/worker").await, 200);
    assert_eq!(logged(app, "session-ended", "worker_id", kari).await, 1);

    let cookie = kundekort::worker_pages::session::create(&app.state, kari, &browser())
        .await
        .unwrap();
    let again = with_cookie(&format!("kk_worker={}", cookie.value()));
    let (code, _) = post(&here, app, "/worker/sessions/end-others").await;
    assert_eq!(code, 303);
    assert_eq!(status(&again, app, "/worker").await, 303);
    assert_eq!(status(&here, app, "/worker").await, 200);
    assert_eq!(status(&someone_else, app, "/worker").await, 200);
    assert_eq!(logged(app, "logout-others", "worker_id", kari).await, 1);
});
