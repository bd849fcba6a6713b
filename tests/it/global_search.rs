//! The top bar's search box (issue 17): one search over customers, contacts, workers, vacancies,
//! documents and invoices, grouped by kind, each kind under its own page's access rules; a whole
//! number naming one record goes straight to it; the same search in the API.

use kundekort::customers::model::CustomerDraft;
use serde_json::Value;

use crate::{
    db_test,
    support::{
        TestApp,
        fixtures::{category, contact, pdf, upload},
        http::send,
        invoices::{buyer, issued, line},
        workers::worker,
    },
};

fn draft(name: &str, org: &str, owner: i64, dep: i64) -> CustomerDraft {
    CustomerDraft {
        name: name.into(),
        org_number: org.into(),
        status: "active".into(),
        owner_id: owner.to_string(),
        department_id: dep.to_string(),
        ..Default::default()
    }
}

async fn vacancy(app: &TestApp, customer: i64, title: &str) -> i64 {
    sqlx::query_scalar(
        "INSERT INTO vacancies (customer_id, positions, title, from_date, hours_per_week_minutes, \
         standard_week, bill_rate_ore, pay_rate_ore, status, created_at, updated_at) \
         VALUES ($1, 1, $2, '2027-01-04', 2250, '[]', 45000, 23000, 'open', 0, 0) RETURNING id",
    )
    .bind(customer)
    .bind(title)
    .fetch_one(&app.db.pool)
    .await
    .unwrap()
}

/// The API's answer for `q`: kind → titles.
async fn search(
    client: &reqwest::Client,
    app: &TestApp,
    q: &str,
) -> (Vec<(String, Vec<String>)>, Value) {
    let url = format!(
        "/api/v1/search?q={}",
        url::form_urlencoded::byte_serialize(q.as_bytes()).collect::<String>()
    );
    let (status, json) = send(client.get(app.url(&url))).await;
    assert_eq!(status, 200, "{q}: {json}");
    let groups = json["groups"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| {
            (
                g["kind"].as_str().unwrap().to_string(),
                g["items"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|h| h["title"].as_str().unwrap().to_string())
                    .collect(),
            )
        })
        .collect();
    (groups, json)
}

fn kind<'a>(groups: &'a [(String, Vec<String>)], k: &str) -> Vec<&'a str> {
    groups
        .iter()
        .find(|(kind, _)| kind == k)
        .map(|(_, t)| t.iter().map(String::as_str).collect())
        .unwrap_or_default()
}

db_test!(one_search_finds_every_kind_ranked_and_within_sight, |app| {
    let fx = &app.fx;
    let oslo = app
        .customer(draft(
            "Fjordbygg AS",
            "974760673",
            fx.consultant_oslo,
            fx.oslo,
        ))
        .await;
    let oslo2 = app
        .customer(draft("Bygg & Anlegg AS", "", fx.consultant_oslo, fx.oslo))
        .await;
    let bergen = app
        .customer(draft(
            "Byggmester Bergen AS",
            "984851006",
            fx.consultant_bergen,
            fx.bergen,
        ))
        .await;
    contact(app, oslo, "Bygge", "Hansen").await;
    contact(app, bergen, "Byggvar", "Berg").await;
    worker(app, "Siri Byggmo", "siri@example.no").await;
    vacancy(app, oslo2, "Byggeleder").await;
    vacancy(app, bergen, "Byggarbeider Bergen").await;
    let admin = app.admin().await;
    let res = upload(
        &admin,
        app,
        oslo,
        category(app, "contract").await,
        false,
        &[("Rammeavtale bygg 2027.pdf", pdf("Rammeavtale"))],
    )
    .await;
    assert!(res.status().is_redirection() || res.status().is_success());

    // The admin sees everything, grouped in a fixed order, customers ranked as the list ranks.
    let (groups, _) = search(&admin, app, "bygg").await;
    let kinds: Vec<&str> = groups.iter().map(|(k, _)| k.as_str()).collect();
    assert_eq!(
        kinds,
        vec!["customers", "contacts", "workers", "vacancies", "documents"]
    );
    assert_eq!(
        kind(&groups, "customers"),
        vec!["Bygg & Anlegg AS", "Byggmester Bergen AS", "Fjordbygg AS"]
    );
    assert_eq!(
        kind(&groups, "contacts"),
        vec!["Bygge Hansen", "Byggvar Berg"]
    );
    assert_eq!(kind(&groups, "workers"), vec!["Siri Byggmo"]);
    // Open ones first, then the latest start, then the newest.
    assert_eq!(
        kind(&groups, "vacancies"),
        vec!["Byggarbeider Bergen", "Byggeleder"]
    );
    assert_eq!(kind(&groups, "documents").len(), 1);

    // An Oslo consultant sees Oslo's customers, their contacts, vacancies and documents, and
    // every worker — never Bergen's customer, contact or vacancy.
    let ola = app.login("ola@test.no").await;
    let (groups, _) = search(&ola, app, "bygg").await;
    assert_eq!(
        kind(&groups, "customers"),
        vec!["Bygg & Anlegg AS", "Fjordbygg AS"]
    );
    assert_eq!(kind(&groups, "contacts"), vec!["Bygge Hansen"]);
    assert_eq!(kind(&groups, "workers"), vec!["Siri Byggmo"]);
    assert_eq!(kind(&groups, "vacancies"), vec!["Byggeleder"]);
    let html = ola
        .get(app.url("/search/suggest?q=bygg"))
        .header("hx-request", "true")
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(html.contains(&format!("/customers/{oslo}\"")), "{html}");
    assert!(!html.contains("Bergen"), "{html}");
    assert!(html.contains("Kunder") && html.contains("Vikarer og kandidater"));

    // A whole organisation number goes straight to its customer — only for one who may see it.
    let res = admin
        .get(app.url("/search?q=984%20851%20006"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303);
    assert_eq!(res.headers()["location"], format!("/customers/{bergen}"));
    let res = ola
        .get(app.url("/search?q=984851006"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    let page = res.text().await.unwrap();
    assert!(!page.contains("Byggmester Bergen"), "{page}");
    assert!(page.contains("Fant ingenting"), "{page}");

    // Too short: the page says so; the API refuses in the user's words.
    let page = admin
        .get(app.url("/search?q=b"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(page.contains("minst to tegn"), "{page}");
    let (status, problem) = send(admin.get(app.url("/api/v1/search?q=b"))).await;
    assert_eq!(status, 422, "{problem}");
    assert_eq!(problem["errors"]["q"][0], "Skriv minst to tegn for å søke.");
    let (status, _) = send(admin.get(app.url("/api/v1/search?q=bygg&limit=0"))).await;
    assert_eq!(status, 422);
    // Only punctuation or control characters: nothing found, not everything.
    for q in ["%_", "\u{0}\u{1}", "<>"] {
        let (groups, json) = search(&admin, app, q).await;
        assert!(groups.is_empty(), "{q:?}: {json}");
    }
    // Anonymous: to the log-in, nothing found.
    let res = app
        .client()
        .get(app.url("/search?q=bygg"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303);
    let res = app
        .client()
        .get(app.url("/api/v1/search?q=bygg"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 401);
});

db_test!(
    an_invoice_number_or_kid_goes_to_its_invoice_within_sight,
    |app| {
        // A customer of no department and no owner: the admin sees it, an Oslo consultant not.
        let bergen = buyer(app, "Havbruk Vest AS").await;
        let (invoice, _) = issued(
            app,
            bergen,
            &[line("Bemanning uke 3", 37_500, 45_000, "S", 2500)],
            3,
        )
        .await;
        let (number, kid): (i64, String) =
            sqlx::query_as("SELECT number, kid FROM invoices WHERE id = $1")
                .bind(invoice)
                .fetch_one(&app.db.pool)
                .await
                .unwrap();
        let admin = app.admin().await;
        for q in [kid.clone(), number.to_string()] {
            let (groups, json) = search(&admin, app, &q).await;
            assert_eq!(
                kind(&groups, "invoices"),
                vec![format!("Faktura {number}")],
                "{json}"
            );
            // No customer has that number: Enter opens the invoice.
            if json["exact"].is_string() {
                assert_eq!(json["exact"], format!("/invoices/{invoice}"));
            }
        }
        let res = admin
            .get(app.url(&format!("/search?q={kid}")))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 303);
        assert_eq!(res.headers()["location"], format!("/invoices/{invoice}"));
        // The Oslo consultant does not see Bergen's customer, so not its invoice either.
        let ola = app.login("ola@test.no").await;
        let (groups, json) = search(&ola, app, &kid).await;
        assert!(groups.is_empty(), "{json}");
        assert!(json["exact"].is_null());
    }
);

db_test!(a_portal_contact_has_no_staff_search, |app| {
    let (oslo, _, ase, _) = crate::support::fixtures::customer_with_contacts(app).await;
    let ola = app.login("ola@test.no").await;
    let path = crate::support::fixtures::invite(&ola, app, oslo, ase, &["view_documents"]).await;
    let portal = crate::support::fixtures::accept(app, &path).await;
    for p in ["/search?q=nordlys", "/search/suggest?q=nordlys"] {
        let res = portal.get(app.url(p)).send().await.unwrap();
        assert_eq!(res.status(), 303, "{p}");
        assert!(
            res.headers()["location"]
                .to_str()
                .unwrap()
                .starts_with("/login"),
            "{p}"
        );
    }
    let res = portal
        .get(app.url("/api/v1/search?q=nordlys"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 401);
});

/// The list API's first `limit` names for `q` and whether it has more.
async fn list_first(
    client: &reqwest::Client,
    app: &TestApp,
    q: &str,
    limit: usize,
) -> (Vec<String>, bool) {
    let url = format!(
        "/api/v1/customers?scope=all&limit={limit}&q={}",
        url::form_urlencoded::byte_serialize(q.as_bytes()).collect::<String>()
    );
    let (status, json) = send(client.get(app.url(&url))).await;
    assert_eq!(status, 200, "{q}: {json}");
    let names = json["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["name"].as_str().unwrap().to_string())
        .collect::<Vec<_>>();
    let more = json["total"].as_i64().unwrap() > names.len() as i64;
    (names, more)
}

db_test!(
    the_top_bar_shows_the_lists_first_customers_without_counting_them,
    |app| {
        // Enough customers that common words fill the first ranks (read without a count) and
        // rare ones do not (the list's own path): both must give the list's first rows.
        kundekort::seed::large(&app.db, 3000).await.unwrap();
        let admin = app.admin().await;
        let ola = app.login("ola@test.no").await;
        for (who, client) in [("admin", &admin), ("ola", &ola)] {
            for q in [
                "bygg",
                "nordbygg",
                "hansen",
                "berg",
                "as",
                "bygg as",
                "transport",
                "ygg",
                "sønn",
                "qzx",
            ] {
                for limit in [5, 20] {
                    let url = format!(
                        "/api/v1/search?limit={limit}&q={}",
                        url::form_urlencoded::byte_serialize(q.as_bytes()).collect::<String>()
                    );
                    let (status, json) = send(client.get(app.url(&url))).await;
                    assert_eq!(status, 200, "{q}: {json}");
                    let group = json["groups"]
                        .as_array()
                        .unwrap()
                        .iter()
                        .find(|g| g["kind"] == "customers");
                    let top: Vec<String> = group
                        .map(|g| {
                            g["items"]
                                .as_array()
                                .unwrap()
                                .iter()
                                .map(|h| h["title"].as_str().unwrap().to_string())
                                .collect()
                        })
                        .unwrap_or_default();
                    let more = group.is_some_and(|g| g["more"].as_bool().unwrap());
                    let (list, list_more) = list_first(client, app, q, limit).await;
                    assert_eq!(top, list, "{who} {q} {limit}");
                    assert_eq!(more, list_more, "{who} {q} {limit}");
                }
            }
        }
    }
);
