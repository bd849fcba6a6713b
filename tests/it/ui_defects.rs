//! Small defects a new user tripped on (issue 16): plurals, honest notices, the favicon, where the
//! API link lives, the Enhetsregisteret text and the invoice delivery choice.

use crate::{db_test, support::fixtures::customer_with_contacts};

async fn text(res: reqwest::Response) -> String {
    res.text().await.unwrap()
}

db_test!(
    counts_meet_nouns_in_the_singular_and_the_plural,
    providers,
    |app, _smtp, _sms| {
        let (oslo, _, _, _) = customer_with_contacts(app).await;
        let ola = app.login("ola@test.no").await;
        for (url, expected) in [
            (
                format!("/customers/{oslo}/dialog?sent=1&via=email"),
                "Én melding er lagt i utboksen og sendes straks.",
            ),
            (
                format!("/customers/{oslo}/dialog?sent=2&via=email"),
                "2 meldinger er lagt i utboksen og sendes straks.",
            ),
            (
                format!("/customers/{oslo}/documents?uploaded=1"),
                "Ett dokument er lastet opp.",
            ),
            (
                format!("/customers/{oslo}/documents?uploaded=3"),
                "3 dokumenter er lastet opp.",
            ),
        ] {
            let page = text(ola.get(app.url(&url)).send().await.unwrap()).await;
            assert!(page.contains(expected), "{url}: {page}");
        }
        // A count in an argument not named `count` chooses the plural form too.
        let page = text(
            ola.get(app.url("/customers/bulk-message?q=nordlys"))
                .send()
                .await
                .unwrap(),
        )
        .await;
        assert!(page.contains("Én kunde i utvalget, én mottaker."), "{page}");
    }
);

db_test!(
    queued_messages_are_said_to_wait_when_email_is_not_set_up,
    |app| {
        let (oslo, _, ase, _) = customer_with_contacts(app).await;
        let ola = app.login("ola@test.no").await;
        let res = ola
            .post(app.url(&format!("/customers/{oslo}/dialog/email")))
            .form(&[
                ("to", ase.to_string()),
                ("subject", "Hei".to_string()),
                ("body", "Takk for sist.".to_string()),
                ("action", "send".to_string()),
            ])
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 303);
        let location = res.headers()["location"].to_str().unwrap().to_string();
        assert_eq!(
            location,
            format!("/customers/{oslo}/dialog?sent=1&via=email")
        );
        let page = text(ola.get(app.url(&location)).send().await.unwrap()).await;
        assert!(page.contains("id=\"email-not-configured\""), "{page}");
        assert!(
            page.contains("Én melding er lagt i utboksen. Den venter der til kanalen er satt opp"),
            "{page}"
        );
        assert!(!page.contains("sendes straks"), "{page}");
    }
);

db_test!(the_favicon_is_served_and_linked, |app| {
    let res = app
        .client()
        .get(app.url("/favicon.ico"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    assert_eq!(res.headers()["content-type"], "image/x-icon");
    let body = res.bytes().await.unwrap();
    assert_eq!(&body[..4], &[0, 0, 1, 0], "an ICO file");
    let res = app
        .client()
        .get(app.url("/static/favicon.svg"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    assert_eq!(res.headers()["content-type"], "image/svg+xml");
    let ola = app.login("ola@test.no").await;
    let page = text(ola.get(app.url("/customers")).send().await.unwrap()).await;
    assert!(
        page.contains("<link rel=\"icon\" href=\"/static/favicon.svg\""),
        "{page}"
    );
    let login = text(app.client().get(app.url("/login")).send().await.unwrap()).await;
    assert!(login.contains("/static/favicon.svg"), "{login}");
});

db_test!(
    the_api_browser_is_linked_from_the_settings_and_links_back,
    |app| {
        let ola = app.login("ola@test.no").await;
        let page = text(ola.get(app.url("/customers")).send().await.unwrap()).await;
        assert!(
            !page.contains("href=\"/api/docs"),
            "not in the main menu: {page}"
        );
        let settings = text(ola.get(app.url("/settings")).send().await.unwrap()).await;
        assert!(settings.contains("id=\"api-docs-link\""), "{settings}");
        let res = ola.get(app.url("/api/docs/")).send().await.unwrap();
        assert_eq!(res.status(), 200);
        let doc: serde_json::Value = reqwest::get(app.url("/api/openapi.json"))
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        let description = doc["info"]["description"].as_str().unwrap();
        assert!(
            description.contains("[← Tilbake til Kundekort (innstillinger)](/settings#api)"),
            "{description}"
        );
    }
);
