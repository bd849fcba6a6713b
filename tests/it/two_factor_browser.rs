//! Two-factor log-in in a real browser (decision 0054), at 1440 and 390 px: setting it up from
//! one's settings (QR code, key, recovery codes), the log-in's second step, and the enrolment a
//! required role gets right after the password.

use fantoccini::{Client, Locator};
use kundekort::auth::two_factor::{STEP_SECS, code_for_secret};

use crate::support::{
    PASSWORD, TestApp,
    browser::{click, fill, login, shot, text_when, with_browser},
    fixtures::oslo_customer,
};

/// Screenshots at 1440 and 390 px wide; the page must not be wider than the window at either.
async fn both_widths(c: &Client, name: &str) {
    for width in [1440, 390] {
        c.set_window_size(width, 900).await.unwrap();
        shot(c, &format!("{name}-{width}")).await;
        let overflow = c
            .execute(
                "return document.documentElement.scrollWidth - document.documentElement.clientWidth",
                vec![],
            )
            .await
            .unwrap()
            .as_i64()
            .unwrap();
        assert!(
            overflow <= 0,
            "{name} scrolls sideways at {width} px ({overflow} px)"
        );
    }
    c.set_window_size(1440, 900).await.unwrap();
}

fn code(secret: &str, steps: i64) -> String {
    code_for_secret(secret, kundekort::timefmt::now() + steps * STEP_SECS).unwrap()
}

/// The key the page shows, without spaces.
async fn secret_on_page(c: &Client) -> String {
    let shown = text_when(c, "#two-factor-secret", None, |t| t.len() >= 32).await;
    shown.split_whitespace().collect()
}

async fn password_only(app: &TestApp, c: &Client, email: &str) {
    c.delete_all_cookies().await.unwrap();
    c.goto(&app.url("/login")).await.unwrap();
    fill(c, "#email", email).await;
    fill(c, "#password", PASSWORD).await;
    click(c, "button[type=submit]").await;
    c.wait().for_element(Locator::Css("#code")).await.unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_factor_in_a_browser() {
    with_browser(async |app: &TestApp, c: &Client| {
        // The customer list (where a log-in lands) shows its table when there is a customer.
        oslo_customer(app, "Fjord Bygg AS").await;
        login(app, c, "ola@test.no").await;
        c.goto(&app.url("/settings")).await.unwrap();
        click(c, "#two-factor-link").await;
        c.wait()
            .for_element(Locator::Css("#two-factor-setup-start"))
            .await
            .unwrap();
        both_widths(c, "two-factor-off").await;
        click(c, "#two-factor-setup-start button").await;
        let secret = secret_on_page(c).await;
        let qr = c.find(Locator::Css("#two-factor-qr svg")).await.unwrap();
        let (_, _, w, h) = qr.rectangle().await.unwrap();
        assert!(
            w >= 150.0 && (w - h).abs() < 1.0,
            "a square QR code: {w} × {h}"
        );
        both_widths(c, "two-factor-setup").await;
        fill(c, "#confirm-code", &code(&secret, 0)).await;
        click(c, "#two-factor-confirm button").await;
        let codes = text_when(c, "#recovery-codes", None, |t| t.contains('-')).await;
        assert_eq!(codes.split_whitespace().count(), 10, "{codes}");
        both_widths(c, "two-factor-codes").await;

        // The log-in's second step.
        password_only(app, c, "ola@test.no").await;
        both_widths(c, "two-factor-login").await;
        fill(c, "#code", &code(&secret, 1)).await;
        click(c, "button[type=submit]").await;
        c.wait()
            .for_element(Locator::Css("#customer-table"))
            .await
            .unwrap();

        // A role that must use it enrols right after the password.
        sqlx::query("UPDATE session_settings SET two_factor_roles = 'consultant'")
            .execute(&app.db.pool)
            .await
            .unwrap();
        c.delete_all_cookies().await.unwrap();
        c.goto(&app.url("/login")).await.unwrap();
        fill(c, "#email", "berit@test.no").await;
        fill(c, "#password", PASSWORD).await;
        click(c, "button[type=submit]").await;
        let secret = secret_on_page(c).await;
        both_widths(c, "two-factor-enrol").await;
        fill(c, "#code", &code(&secret, 0)).await;
        click(c, "button[type=submit]").await;
        c.wait()
            .for_element(Locator::Css("#recovery-codes"))
            .await
            .unwrap();
        both_widths(c, "two-factor-enrol-codes").await;
        click(c, "#two-factor-continue").await;
        // Logged in: the customer list (Berit's department has no customers, so no table).
        c.wait()
            .for_element(Locator::Css("form#filters"))
            .await
            .unwrap();
        assert_eq!(c.current_url().await.unwrap().path(), "/customers");
    })
    .await;
}
