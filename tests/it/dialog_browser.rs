//! Browser test of the dialog in headless Chromium: write an email from a template to two
//! contacts, see it in the dialog tab as sent (delivered to a real SMTP server on loopback by the
//! running worker), filter by channel, open it.

use std::time::Duration;

use fantoccini::{Client, Locator};

use crate::{
    support::TestApp,
    support::browser::{click, login, shot, text_when, with_browser_using},
    support::fake_smtp::FakeSmtp,
    support::fixtures::customer_with_contacts,
    support::smtp_config,
};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn write_from_a_template_to_two_contacts_and_see_it_sent() {
    let smtp = FakeSmtp::start().await;
    let port = smtp.port();
    with_browser_using(
        |c| {
            c.smtp = Some(smtp_config(port));
            c.run_worker = true;
        },
        async |app: &TestApp, c: &Client| flow(app, c, &smtp).await,
    )
    .await;
    smtp.stop().await;
}

/// Applies the filter form and waits for the filtered page.
async fn filter_channel(c: &Client, channel: &str) {
    c.find(Locator::Css("#filter-channel"))
        .await
        .unwrap()
        .select_by_value(channel)
        .await
        .unwrap();
    click(c, "#dialog-filter").await;
    for _ in 0..100 {
        if c.current_url()
            .await
            .unwrap()
            .as_str()
            .contains(&format!("channel={channel}"))
        {
            c.wait()
                .at_most(Duration::from_secs(5))
                .for_element(Locator::Css("#dialog-filters"))
                .await
                .unwrap();
            return;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("the filter did not apply");
}

async fn rows(c: &Client) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for row in c
        .find_all(Locator::Css("#message-table tbody tr"))
        .await
        .unwrap()
    {
        out.push((
            row.attr("data-channel").await.unwrap().unwrap_or_default(),
            row.attr("data-status").await.unwrap().unwrap_or_default(),
        ));
    }
    out
}

async fn flow(app: &TestApp, c: &Client, smtp: &FakeSmtp) {
    let (oslo, _, ase, per) = customer_with_contacts(app).await;
    let admin = app.admin().await;
    let res = admin
        .post(app.url("/dialog/templates"))
        .form(&[
            ("channel", "email"),
            ("scope", "firm"),
            ("name", "Takk for møtet"),
            ("subject", "Takk for møtet, {first_name}"),
            (
                "body",
                "Hei {first_name}!\n\nTakk for et godt møte hos {customer_name}.",
            ),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303);
    // An SMS waits in the outbox (no gateway here): the channel filter has something to hide.
    let ola = app.login("ola@test.no").await;
    let res = ola
        .post(app.url(&format!("/customers/{oslo}/dialog/sms")))
        .form(&[
            ("to", ase.to_string()),
            ("body", "Ring meg".into()),
            ("action", "send".into()),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303);

    login(app, c, "ola@test.no").await;
    c.goto(&app.url(&format!("/customers/{oslo}/dialog")))
        .await
        .unwrap();
    assert!(
        c.find(Locator::Css("#sms-not-configured")).await.is_ok(),
        "says SMS is not set up"
    );
    click(c, "#new-email").await;
    c.find(Locator::Css("#f-template"))
        .await
        .unwrap()
        .select_by_label("Takk for møtet (Hele firmaet)")
        .await
        .unwrap();
    click(c, &format!("#to-{ase}")).await;
    click(c, &format!("#to-{per}")).await;
    click(c, "#use-template").await;
    text_when(c, "#f-subject", Some("value"), |v| {
        v == "Takk for møtet, {first_name}"
    })
    .await;
    click(c, "#preview").await;
    let previews = text_when(c, "#previews", None, |t| t.contains("Per")).await;
    assert!(previews.contains("Takk for møtet, Åse"), "{previews}");
    assert!(previews.contains("Takk for møtet, Per"), "{previews}");
    shot(c, "dialog-01-compose-preview").await;
    click(c, "#send").await;
    c.wait()
        .at_most(Duration::from_secs(10))
        .for_element(Locator::Css("#sent-notice"))
        .await
        .expect("back on the tab with a notice");
    // The worker delivers them to the SMTP server; the tab shows them as sent.
    smtp.wait_for(2, 10).await;
    let mut sent = 0;
    for _ in 0..50 {
        c.refresh().await.unwrap();
        sent = rows(c)
            .await
            .iter()
            .filter(|(ch, st)| ch == "email" && st == "sent")
            .count();
        if sent == 2 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    assert_eq!(sent, 2, "{:?}", rows(c).await);
    shot(c, "dialog-02-tab-sent").await;
    // Filter by channel.
    filter_channel(c, "sms").await;
    assert_eq!(rows(c).await, [("sms".to_string(), "queued".to_string())]);
    filter_channel(c, "email").await;
    let emails = rows(c).await;
    assert_eq!(emails.len(), 2);
    assert!(emails.iter().all(|(ch, _)| ch == "email"));
    shot(c, "dialog-03-filtered").await;
    // Open one: the whole text and its history.
    click(c, "#message-table tbody tr a").await;
    text_when(c, "#message-body", None, |t| {
        t.contains("Takk for et godt møte hos Nordlys Elektro AS")
    })
    .await;
    text_when(c, "#message-status", None, |t| t == "Sendt").await;
    shot(c, "dialog-04-message").await;
}
