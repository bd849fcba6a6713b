//! The workers' own pages in a browser on a phone (390 px): set a password from the invitation,
//! see the home page and an assignment in Norwegian and in English, log out and in again — and
//! nothing wider than the screen. The staff's worker page with its log-in and messages sections
//! fits too.

use fantoccini::{Client, Locator};

use crate::support::{
    TestApp,
    browser::{click, login, shot, text_when, with_browser},
    fixtures::customer_with_contacts,
    workers::{assignment, invite, minted, worker},
};

async fn overflow(c: &Client) -> i64 {
    let js = "return document.documentElement.scrollWidth - window.innerWidth";
    c.execute(js, vec![]).await.unwrap().as_i64().unwrap()
}

async fn type_into(c: &Client, css: &str, text: &str) {
    c.find(Locator::Css(css))
        .await
        .unwrap()
        .send_keys(text)
        .await
        .unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_worker_uses_their_pages_on_a_phone() {
    with_browser(async |app: &TestApp, c: &Client| {
        let (oslo, _, ase, _) = customer_with_contacts(app).await;
        let kari = worker(app, "Kari Nordmann", "kari@vikar.test").await;
        let (_, job) = assignment(app, oslo, ase, kari, "Lagermedarbeider").await;
        assert_eq!(invite(app, "ola@test.no", kari).await.status(), 200);
        let path = minted(app, kari).await;
        c.set_window_size(390, 844).await.unwrap();
        let mut too_wide = Vec::new();
        let mut check = async |name: &str| {
            shot(c, &format!("worker-pages-{name}")).await;
            let by = overflow(c).await;
            if by > 0 {
                too_wide.push(format!("{name} by {by} px"));
            }
        };

        // The invitation: a password, and in.
        c.goto(&app.url(&path)).await.unwrap();
        c.wait()
            .for_element(Locator::Css("#set-password"))
            .await
            .unwrap();
        check("invite").await;
        type_into(c, "#password", "vikar-passord-1").await;
        type_into(c, "#confirm", "vikar-passord-1").await;
        click(c, "#set-password").await;
        let name = text_when(c, "#worker-name", None, |t| !t.is_empty()).await;
        assert_eq!(name, "Kari Nordmann");
        check("home").await;
        let bank = text_when(c, "#worker-bank", None, |t| !t.is_empty()).await;
        assert_eq!(bank, "•••• 7947");

        // One assignment.
        click(c, &format!("a[href='/worker/assignments/{job}']")).await;
        let pay = text_when(c, "#worker-pay", None, |t| !t.is_empty()).await;
        assert!(pay.contains("230,00"), "{pay}");
        check("assignment").await;

        // The other language on request, and back (headless Chromium may ask for English).
        for _ in 0..2 {
            let other = text_when(c, "#worker-lang", None, |t| !t.is_empty()).await;
            let (heading, name) = if other == "English" {
                ("Your assignments", "en")
            } else {
                ("Oppdragene dine", "nb")
            };
            click(c, "#worker-lang").await;
            text_when(c, "#worker-assignments h2", None, |t| t == heading).await;
            check(&format!("home-{name}")).await;
            click(c, &format!("a[href='/worker/assignments/{job}']")).await;
            text_when(c, "#worker-pay", None, |t| !t.is_empty()).await;
            check(&format!("assignment-{name}")).await;
        }

        // Out, and in again through the log-in page.
        click(c, "#worker-logout").await;
        c.wait()
            .for_element(Locator::Css("#worker-login-submit"))
            .await
            .unwrap();
        check("login").await;
        type_into(c, "#email", "kari@vikar.test").await;
        type_into(c, "#password", "vikar-passord-1").await;
        click(c, "#worker-login-submit").await;
        text_when(c, "#worker-name", None, |t| t == "Kari Nordmann").await;

        // The staff's worker page, with the log-in and messages sections.
        login(app, c, "ola@test.no").await;
        c.goto(&app.url(&format!("/workers/{kari}"))).await.unwrap();
        let state = text_when(c, "#worker-login-state", None, |t| !t.is_empty()).await;
        assert!(state.starts_with("Aktiv siden"), "{state}");
        text_when(c, "#worker-messages", None, |t| {
            t.contains("Invitasjon til vikarsidene")
        })
        .await;
        check("staff-worker").await;
        assert!(too_wide.is_empty(), "wider than the phone: {too_wide:?}");
    })
    .await;
}
