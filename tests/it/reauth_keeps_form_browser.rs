//! Re-authentication keeps what was typed (decision 0060), in a real browser at a phone's width:
//! after the password, the kept form is posted again by the page's script (`data-autosubmit` in
//! `static/kk.js`) — nobody clicks its button — and the token typed before is made.

use fantoccini::{Client, Locator};

use crate::support::{
    PASSWORD, TestApp,
    browser::{click, fill, login, shot, text_when, with_browser},
    fixtures::oslo_customer,
};

/// The page must not be wider than the 390 px window.
async fn fits(c: &Client, name: &str) {
    shot(c, name).await;
    let overflow = c
        .execute(
            "return document.documentElement.scrollWidth - document.documentElement.clientWidth",
            vec![],
        )
        .await
        .unwrap()
        .as_i64()
        .unwrap();
    assert!(overflow <= 0, "{name} scrolls sideways ({overflow} px)");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_kept_form_is_posted_again_by_itself_after_the_password_at_390_px() {
    with_browser(async |app: &TestApp, c: &Client| {
        // The log-in waits for the customer list.
        oslo_customer(app, "Fjord Bygg AS").await;
        login(app, c, "ola@test.no").await;
        c.set_window_size(390, 844).await.unwrap();
        // The log-in was eleven minutes ago.
        sqlx::query(
            "UPDATE sessions SET created_at = created_at - 660, \
             authenticated_at = authenticated_at - 660",
        )
        .execute(&app.db.pool)
        .await
        .unwrap();
        c.goto(&app.url("/settings")).await.unwrap();
        fill(c, "#token-name", "Telefon-skript").await;
        click(c, "form[action='/settings/tokens'] button[type=submit]").await;
        c.wait()
            .for_element(Locator::Css("#reauth-kept"))
            .await
            .unwrap();
        fits(c, "reauth-kept-390").await;
        let tokens = "SELECT COUNT(*) FROM api_tokens";
        assert_eq!(crate::support::fixtures::count(app, tokens).await, 0);
        fill(c, "#reauth-password", PASSWORD).await;
        click(c, "#reauth-form button[type=submit]").await;
        // No click on the next page: its script sends the kept form, and the token is shown.
        let token = text_when(c, "#new-token", None, |t| t.len() > 20).await;
        fits(c, "reauth-resumed-390").await;
        let url = c.current_url().await.unwrap();
        assert_eq!(url.path(), "/settings/tokens", "the form's own address");
        let (name, hash): (String, String) =
            sqlx::query_as("SELECT name, token_hash FROM api_tokens WHERE user_id = $1")
                .bind(app.fx.consultant_oslo)
                .fetch_one(&app.db.pool)
                .await
                .unwrap();
        assert_eq!(name, "Telefon-skript");
        assert_eq!(hash, kundekort::auth::hash_token(&token), "the token shown");
    })
    .await;
}
