//! Small defects a new user tripped on (issue 16): plurals, honest notices, the favicon, where the
//! API link lives, the Enhetsregisteret text, the invoice delivery choice, and the admin pages for
//! document categories and activity types.

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

db_test!(
    admin_tables_line_up_and_activity_types_are_in_the_admin_menu,
    |app| {
        let admin = app.admin().await;
        let page = text(
            admin
                .get(app.url("/admin/document-categories"))
                .send()
                .await
                .unwrap(),
        )
        .await;
        // One cell per header in every row, the labels in the header only.
        let table = &page[page.find("id=\"category-table\"").unwrap()..];
        let table = &table[..table.find("</table>").unwrap()];
        assert!(!table.contains("colspan"), "{table}");
        assert_eq!(table.matches("<th>").count(), 4, "{table}");
        let rows = table.matches("<tr").count() - 1;
        assert!(rows >= 5, "the built-in categories: {table}");
        assert_eq!(table.matches("<td>").count(), rows * 4, "{table}");
        assert_eq!(table.matches(">Rekkefølge<").count(), 1, "{table}");
        assert_eq!(table.matches(">I bruk<").count(), 1, "{table}");
        assert!(
            table.contains("Standardnavn: Tilbud (brukes når feltet er tomt)"),
            "{table}"
        );
        // Each row's fields belong to that row's form.
        let (offer,): (i64,) =
            sqlx::query_as("SELECT id FROM document_categories WHERE key = 'offer'")
                .fetch_one(&app.db.pool)
                .await
                .unwrap();
        assert!(
            table.contains(&format!("name=\"position\" form=\"category-{offer}\""))
                && table.contains(&format!(
                    "action=\"/admin/document-categories/{offer}\" id=\"category-{offer}\""
                )),
            "{table}"
        );

        // The activity types are in the admin menu, on every admin page.
        for url in ["/admin/users", "/admin/document-categories", "/diary/types"] {
            let page = text(admin.get(app.url(url)).send().await.unwrap()).await;
            assert!(
                page.contains("<a href=\"/diary/types\">Aktivitetstyper</a>"),
                "{url}: {page}"
            );
        }
        let page = text(admin.get(app.url("/diary/types")).send().await.unwrap()).await;
        // The table sits in its own box with room under it; the colour is picked, not typed.
        assert!(
            page.contains(
                "<div class=\"table-wrap spaced\">\n<table class=\"table\" id=\"type-table\">"
            ),
            "{page}"
        );
        assert!(
            page.contains("<input type=\"color\" id=\"f-colour\" name=\"colour\" value=\"#0b5cad\" list=\"type-palette\""),
            "{page}"
        );
        assert!(
            page.contains("<datalist id=\"type-palette\"><option value=\"#2563eb\">"),
            "{page}"
        );
        // What the picker sends is saved.
        let res = admin
            .post(app.url("/diary/types"))
            .form(&[
                ("name", "Omvisning"),
                ("colour", "#16a34a"),
                ("default_minutes", "30"),
                ("kind", "appointment"),
                ("active", "1"),
            ])
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 303);
        let (colour,): (String,) =
            sqlx::query_as("SELECT colour FROM activity_types WHERE name = 'Omvisning'")
                .fetch_one(&app.db.pool)
                .await
                .unwrap();
        assert_eq!(colour, "#16a34a");
    }
);
