//! API tokens expire (decision 0060): the lifetime is chosen when the token is made (30, 90 or
//! 365 days, 90 unless told), the list shows when each one ends, and an expired token is
//! refused with `401` and a problem JSON that says why.

use crate::{
    db_test,
    support::{TestApp, fixtures::count},
};

const DAY: i64 = 86_400;

/// Makes a token on the settings page: the status and the page.
async fn create(ola: &reqwest::Client, app: &TestApp, form: &[(&str, &str)]) -> (u16, String) {
    let res = ola
        .post(app.url("/settings/tokens"))
        .form(form)
        .send()
        .await
        .unwrap();
    let status = res.status().as_u16();
    (status, res.text().await.unwrap())
}

fn shown_token(page: &str) -> String {
    let start = page.find("id=\"new-token\">").expect("token shown") + "id=\"new-token\">".len();
    page[start..start + page[start..].find('<').unwrap()].to_string()
}

async fn lifetime_days(app: &TestApp, name: &str) -> i64 {
    let (created, expires): (i64, Option<i64>) =
        sqlx::query_as("SELECT created_at, expires_at FROM api_tokens WHERE name = $1")
            .bind(name)
            .fetch_one(&app.db.pool)
            .await
            .unwrap();
    (expires.expect("an expiry") - created) / DAY
}

async fn api(app: &TestApp, token: &str) -> reqwest::Response {
    reqwest::Client::new()
        .get(app.url("/api/v1/customers"))
        .bearer_auth(token)
        .send()
        .await
        .unwrap()
}

db_test!(a_token_lives_the_days_chosen_and_90_unless_told, |app| {
    let ola = app.login("ola@test.no").await;
    let (status, _) = create(&ola, app, &[("name", "kort"), ("days", "30")]).await;
    assert_eq!(status, 200);
    assert_eq!(lifetime_days(app, "kort").await, 30);
    let (status, _) = create(&ola, app, &[("name", "lang"), ("days", "365")]).await;
    assert_eq!(status, 200);
    assert_eq!(lifetime_days(app, "lang").await, 365);
    let (status, page) = create(&ola, app, &[("name", "vanlig")]).await;
    assert_eq!(status, 200);
    assert_eq!(lifetime_days(app, "vanlig").await, 90);
    // The form offers the three, 90 chosen.
    assert!(
        page.contains("<option value=\"90\" selected>90 dager</option>"),
        "{page}"
    );
    assert!(page.contains("<option value=\"365\">365 dager</option>"));
    // The list says when each ends (Oslo date).
    let ends: i64 = sqlx::query_scalar("SELECT expires_at FROM api_tokens WHERE name = 'kort'")
        .fetch_one(&app.db.pool)
        .await
        .unwrap();
    assert!(
        page.contains(&kundekort::timefmt::oslo_date(ends)),
        "{page}"
    );

    // No "never", not even for an admin; a wrong choice keeps what was typed.
    let admin = app.admin().await;
    for days in ["0", "never", "3650"] {
        let (status, page) = create(&admin, app, &[("name", "for alltid"), ("days", days)]).await;
        assert_eq!(status, 422, "days {days}");
        assert!(page.contains("30, 90 eller 365 dager"), "{page}");
        assert!(page.contains("value=\"for alltid\""));
    }
    assert_eq!(
        count(
            app,
            "SELECT COUNT(*) FROM api_tokens WHERE name = 'for alltid'"
        )
        .await,
        0
    );
});

db_test!(an_expired_token_is_refused_with_a_401_that_says_so, |app| {
    let ola = app.login("ola@test.no").await;
    let (_, page) = create(&ola, app, &[("name", "skript"), ("days", "30")]).await;
    let token = shown_token(&page);
    assert_eq!(api(app, &token).await.status(), 200);

    // A second before its end it works; at its end it does not.
    sqlx::query("UPDATE api_tokens SET expires_at = $1 WHERE name = 'skript'")
        .bind(kundekort::timefmt::now() + 60)
        .execute(&app.db.pool)
        .await
        .unwrap();
    assert_eq!(api(app, &token).await.status(), 200);
    sqlx::query("UPDATE api_tokens SET expires_at = $1 WHERE name = 'skript'")
        .bind(kundekort::timefmt::now() - 1)
        .execute(&app.db.pool)
        .await
        .unwrap();
    let res = api(app, &token).await;
    assert_eq!(res.status(), 401);
    assert_eq!(res.headers()["content-type"], "application/problem+json");
    let problem: serde_json::Value = res.json().await.unwrap();
    assert_eq!(problem["status"], 401);
    assert!(
        problem["detail"]
            .as_str()
            .unwrap()
            .contains("API-nøkkelen er utløpt"),
        "{problem}"
    );
    // In English for a caller who asks for it.
    let res = reqwest::Client::new()
        .get(app.url("/api/v1/customers"))
        .bearer_auth(&token)
        .header("accept-language", "en")
        .send()
        .await
        .unwrap();
    let problem: serde_json::Value = res.json().await.unwrap();
    assert!(
        problem["detail"]
            .as_str()
            .unwrap()
            .contains("The API token has expired"),
        "{problem}"
    );
    // An unknown (or revoked) token is told apart from an expired one.
    let problem: serde_json::Value = api(app, "kk_not-a-token").await.json().await.unwrap();
    assert!(
        problem["detail"]
            .as_str()
            .unwrap()
            .contains("ukjent eller trukket tilbake"),
        "{problem}"
    );
    // The owner sees it as expired in the list.
    let page = ola
        .get(app.url("/settings"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(page.contains("<strong>Utløpt</strong>"), "{page}");
});
