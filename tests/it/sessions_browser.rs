//! The pages of issue 18's sessions in a real browser: one's own sessions with "log out
//! everywhere else", the admin's time-outs and the security log, at 1440 and 390 px.

use fantoccini::{Client, Locator};

use crate::support::{
    TestApp,
    browser::{click, login, shot, text_when, with_browser},
    fixtures::oslo_customer,
};

/// Screenshots at 1440 and 390 px wide (`{name}-1440`, `{name}-390`); the page must not be
/// wider than the window at either.
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

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sessions_and_the_security_log_in_a_browser() {
    with_browser(async |app: &TestApp, c: &Client| {
        // A second session elsewhere, and a failed log-in for the log.
        let elsewhere = app.admin().await;
        app.client()
            .post(app.url("/login"))
            .form(&[
                ("email", "ola@test.no"),
                ("password", "feil-passord-42"),
                ("next", "/"),
            ])
            .send()
            .await
            .unwrap();
        oslo_customer(app, "Fjord Bygg AS").await;
        login(app, c, "admin@test.no").await;
        c.goto(&app.url("/settings")).await.unwrap();
        click(c, "#sessions-link").await;
        c.wait()
            .for_element(Locator::Css("#session-current"))
            .await
            .unwrap();
        let rows = c
            .find_all(Locator::Css("#sessions tbody tr"))
            .await
            .unwrap();
        assert_eq!(rows.len(), 2);
        both_widths(c, "sessions-list").await;
        click(c, "#end-others button").await;
        text_when(c, "#no-others", None, |t| !t.is_empty()).await;
        let res = elsewhere.get(app.url("/customers")).send().await.unwrap();
        assert_eq!(res.status(), 303, "the other session ended");
        both_widths(c, "sessions-alone").await;

        c.goto(&app.url("/admin/sessions")).await.unwrap();
        both_widths(c, "sessions-settings").await;

        c.goto(&app.url("/admin/security-log")).await.unwrap();
        let text = text_when(c, "#seclog", None, |t| t.contains("Mislykket innlogging")).await;
        assert!(text.contains("Logget ut alle andre steder"), "{text}");
        assert!(text.contains("feil passord"), "{text}");
        assert!(!text.contains("feil-passord-42"), "never the password");
        both_widths(c, "security-log").await;
    })
    .await;
}
