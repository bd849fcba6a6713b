//! The card's timeline (issue 16, decision 0045): every kind of event newest first, keyset pages
//! without gaps or duplicates when events share a time, the kind filter, and access.

use std::collections::HashSet;

use crate::{
    db_test,
    support::TestApp,
    support::fixtures::{
        accept, category, contract, customer_with_contacts, invite, meeting, pdf, send_order,
        two_customers, type_id, upload,
    },
};

/// Events written straight into their tables at chosen times, as the features would leave them.
async fn message(
    app: &TestApp,
    customer: i64,
    channel: &str,
    direction: &str,
    text: &str,
    at: i64,
) {
    sqlx::query(
        "INSERT INTO messages (uid, customer_id, channel, direction, from_address, to_display, \
         subject, body, search_text, status, created_at, updated_at) \
         VALUES ($1, $2, $3, $4, 'kari@kunde.no', 'Kari Kunde', $5, $5, $5, $6, $7, $7)",
    )
    .bind(format!(
        "{channel}-{direction}-{text}-{at}-{}",
        rand_suffix()
    ))
    .bind(customer)
    .bind(channel)
    .bind(direction)
    .bind(text)
    .bind(if direction == "in" {
        "received"
    } else {
        "sent"
    })
    .bind(at)
    .execute(&app.db.pool)
    .await
    .unwrap();
}

fn rand_suffix() -> u64 {
    use std::sync::atomic::{AtomicU64, Ordering};
    static N: AtomicU64 = AtomicU64::new(0);
    N.fetch_add(1, Ordering::Relaxed)
}

async fn history_row(
    app: &TestApp,
    customer: i64,
    entity: &str,
    entity_id: i64,
    action: &str,
    at: i64,
) {
    sqlx::query(
        "INSERT INTO audit_log (customer_id, entity, entity_id, action, changes, user_id, at) \
         VALUES ($1, $2, $3, $4, '[]', NULL, $5)",
    )
    .bind(customer)
    .bind(entity)
    .bind(entity_id)
    .bind(action)
    .bind(at)
    .execute(&app.db.pool)
    .await
    .unwrap();
}

async fn activity(
    app: &TestApp,
    customer: Option<i64>,
    title: &str,
    at: i64,
    deleted: bool,
) -> i64 {
    let t = type_id(app, "customer_meeting").await;
    sqlx::query_scalar(
        "INSERT INTO activities (customer_id, type_id, title, starts_at, ends_at, created_by, \
         created_at, updated_at, deleted_at) VALUES ($1, $2, $3, $4, $4 + 3600, $5, $4, $4, $6) \
         RETURNING id",
    )
    .bind(customer)
    .bind(t)
    .bind(title)
    .bind(at)
    .bind(app.fx.consultant_bergen)
    .bind(deleted.then_some(at))
    .fetch_one(&app.db.pool)
    .await
    .unwrap()
}

/// What htmx gets: the list (or, with `before`, the next items).
async fn fragment(client: &reqwest::Client, app: &TestApp, path: &str) -> (u16, String) {
    let res = client
        .get(app.url(path))
        .header("HX-Request", "true")
        .send()
        .await
        .unwrap();
    (res.status().as_u16(), res.text().await.unwrap())
}

/// The `data-key`s (time.kind.id) of the items, in page order.
fn keys(html: &str) -> Vec<String> {
    html.match_indices("data-key=\"")
        .map(|(i, m)| {
            let rest = &html[i + m.len()..];
            rest[..rest.find('"').unwrap()].to_string()
        })
        .collect()
}

fn kind_of(key: &str) -> &str {
    key.split('.').nth(1).unwrap()
}

/// The "more" row's address, when there is one (with `&` as HTML escapes it, `&#38;`).
fn more_link(html: &str) -> Option<String> {
    let i = html.find("id=\"timeline-more\"><a href=\"")?;
    let rest = &html[i + "id=\"timeline-more\"><a href=\"".len()..];
    Some(
        rest[..rest.find('"').unwrap()]
            .replace("&#38;", "&")
            .replace("&amp;", "&"),
    )
}

/// Follows "more" from the first page to the end; every key seen, in order.
async fn all_pages(client: &reqwest::Client, app: &TestApp, first: &str) -> (Vec<String>, usize) {
    let (status, html) = fragment(client, app, first).await;
    assert_eq!(status, 200, "{html}");
    let mut seen = keys(&html);
    let mut pages = 1;
    let mut next = more_link(&html);
    while let Some(path) = next {
        let (status, html) = fragment(client, app, &path).await;
        assert_eq!(status, 200, "{html}");
        assert!(
            !html.contains("id=\"timeline-list\""),
            "only the items come back"
        );
        seen.extend(keys(&html));
        next = more_link(&html);
        pages += 1;
        assert!(pages < 50, "the pages end");
    }
    (seen, pages)
}

db_test!(the_timeline_shows_each_kind_newest_first, |app| {
    let (oslo, bergen, kari_contact, _) = customer_with_contacts(app).await;
    let ola = app.login("ola@test.no").await;
    // Through the features: a meeting, a document, a signing order, a portal log-in, a change of
    // master data; their times are "now", after everything written below.
    let path = invite(&ola, app, oslo, kari_contact, &["view_documents"]).await;
    let portal = accept(app, &path).await;
    let (doc, _) = contract(app, oslo).await;
    let res = send_order(app, oslo, doc, "simple", &[kari_contact]).await;
    assert_eq!(res.status(), 303, "{}", res.text().await.unwrap());
    let start = crate::support::fixtures::at(-1);
    meeting(app, &ola, oslo, "Befaring på lageret", &start, &[]).await;

    // Older events at known times.
    let t = 1_700_000_000;
    message(app, oslo, "email", "out", "Tilbud på sveisere", t + 9).await;
    message(app, oslo, "email", "in", "Svar: Tilbud på sveisere", t + 8).await;
    message(app, oslo, "sms", "in", "Ring meg", t + 7).await;
    history_row(app, oslo, "assignment", 1, "assignment-create", t + 6).await;
    history_row(app, oslo, "vacancy", 1, "vacancy-create", t + 5).await;
    history_row(app, oslo, "recruitment", 1, "rec-create", t + 4).await;
    history_row(app, oslo, "invoice", 1, "issue", t + 3).await;
    // Draft editing is not a money event; invoice settings are not in the timeline.
    history_row(app, oslo, "invoice", 1, "line_add", t + 2).await;
    history_row(app, oslo, "invoice", oslo, "invoice-settings", t + 2).await;
    // Another customer's events never show.
    message(app, bergen, "email", "out", "Til Fjordbygg", t + 10).await;

    let (status, html) = fragment(&ola, app, &format!("/customers/{oslo}/timeline")).await;
    assert_eq!(status, 200, "{html}");
    let seen = keys(&html);
    let kinds: Vec<&str> = seen.iter().map(|k| kind_of(k)).collect();
    for kind in ["activity", "document", "signing", "portal", "master"] {
        assert!(kinds.contains(&kind), "{kind} in {kinds:?}");
    }
    // The older ones, in time order, at the end.
    assert_eq!(
        kinds[kinds.len() - 7..],
        [
            "email",
            "email",
            "sms",
            "assignment",
            "vacancy",
            "recruitment",
            "invoice"
        ]
    );
    assert!(!html.contains("Til Fjordbygg"));
    assert!(html.contains("E-post sendt") && html.contains("E-post mottatt"));
    assert!(html.contains("SMS mottatt") && html.contains("Ring meg"));
    // The portal invitation waits in the outbox: email is not set up in the tests.
    assert!(html.contains("E-post i utboksen"), "{html}");
    assert!(html.contains("Logget inn i kundeportalen"));
    assert!(html.contains("Befaring på lageret"));
    // Newest first throughout.
    let times: Vec<i64> = seen
        .iter()
        .map(|k| k.split('.').next().unwrap().parse().unwrap())
        .collect();
    assert!(times.windows(2).all(|w| w[0] >= w[1]), "{seen:?}");
    // Each item links to its own page.
    assert!(html.contains(&format!("href=\"/customers/{oslo}/documents/{doc}\"")));
    assert!(html.contains(&format!("/customers/{oslo}/signing/")));
    assert!(html.contains(&format!(
        "href=\"/customers/{oslo}/contacts/{kari_contact}\""
    )));
    assert!(html.contains("href=\"/invoices/1\""));
    assert!(html.contains("href=\"/diary/activities/"));
    assert!(html.contains("href=\"/dialog/messages/"));

    // The overview shows the same list in its timeline box; the history leaves log-ins out.
    let page = ola
        .get(app.url(&format!("/customers/{oslo}")))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(page.contains("id=\"box-timeline\""));
    assert_eq!(keys(&page), seen);
    let history = &page[page.find("id=\"box-history\"").unwrap()..];
    // The portal has no timeline: the contact's session opens no staff page.
    let res = portal
        .get(app.url(&format!("/customers/{oslo}/timeline")))
        .send()
        .await
        .unwrap();
    assert_ne!(res.status(), 200);
    assert!(!res.text().await.unwrap().contains("Befaring"));
    assert!(!history.contains("portal-login") && !history.contains("Logget inn"));
});

db_test!(
    more_pages_have_no_gaps_or_duplicates_when_times_tie,
    |app| {
        let (oslo, _) = two_customers(app).await;
        let ola = app.login("ola@test.no").await;
        let t = 1_700_000_000;
        // 71 events (the customer's creation, now, is one), most of them at one and the same
        // second, across kinds whose ids interleave.
        for i in 0..20 {
            message(app, oslo, "email", "out", &format!("E {i}"), t).await;
            message(app, oslo, "sms", "out", &format!("S {i}"), t).await;
            history_row(app, oslo, "customer", oslo, "update", t).await;
        }
        for i in 0..10 {
            message(app, oslo, "email", "in", &format!("Eldre {i}"), t - 1 - i).await;
        }
        let (seen, pages) = all_pages(&ola, app, &format!("/customers/{oslo}/timeline")).await;
        assert_eq!(pages, 3, "25 + 25 + 21");
        assert_eq!(seen.len(), 71, "{seen:?}");
        let unique: HashSet<&String> = seen.iter().collect();
        assert_eq!(unique.len(), 71, "no duplicates");
        // The order is (time, kind, id) descending, the same the cursor uses.
        let parsed: Vec<(i64, String, i64)> = seen
            .iter()
            .map(|k| {
                let mut p = k.split('.');
                (
                    p.next().unwrap().parse().unwrap(),
                    p.next().unwrap().to_string(),
                    p.next().unwrap().parse().unwrap(),
                )
            })
            .collect();
        let mut sorted = parsed.clone();
        sorted.sort_by(|a, b| b.cmp(a));
        assert_eq!(parsed, sorted);
        // The tie at `t` is crossed by the page boundaries: after the creation come sms (1–20),
        // master (21–40) and email (41–60).
        assert_eq!(kind_of(&seen[24]), "master");
        assert_eq!(kind_of(&seen[49]), "email");

        // A cursor this version did not write is refused in words.
        let (status, html) = fragment(
            &ola,
            app,
            &format!("/customers/{oslo}/timeline?before=12.telex.4"),
        )
        .await;
        assert_eq!(status, 400);
        assert!(html.contains("ugyldig"), "{html}");
    }
);

db_test!(the_kind_filter_keeps_to_its_kinds_on_every_page, |app| {
    let (oslo, _) = two_customers(app).await;
    let ola = app.login("ola@test.no").await;
    let t = 1_700_000_000;
    for i in 0..20 {
        message(app, oslo, "email", "out", &format!("E {i}"), t + i).await;
        message(app, oslo, "sms", "in", &format!("S {i}"), t + i).await;
        history_row(app, oslo, "contact", 1, "contact-update", t + i).await;
    }
    let (seen, pages) = all_pages(
        &ola,
        app,
        &format!("/customers/{oslo}/timeline?kind=sms&kind=master"),
    )
    .await;
    assert_eq!(pages, 2);
    assert_eq!(
        seen.len(),
        41,
        "20 SMS, 20 contact changes and the creation"
    );
    assert!(
        seen.iter().all(|k| ["sms", "master"].contains(&kind_of(k))),
        "{seen:?}"
    );
    // Unknown kinds are ignored; all kinds is no filter.
    let (_, html) = fragment(
        &ola,
        app,
        &format!("/customers/{oslo}/timeline?kind=email&kind=telex"),
    )
    .await;
    let k = keys(&html);
    assert_eq!(k.len(), 20);
    assert!(k.iter().all(|k| kind_of(k) == "email"));
    // Without JavaScript the filter is a GET form and the result a page with the card's frame.
    let page = ola
        .get(app.url(&format!("/customers/{oslo}/timeline?kind=sms&kind=master")))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(page.contains("Nordlys Elektro AS") && page.contains("id=\"timeline-filter\""));
    assert!(page.contains("id=\"timeline-kind-sms\" checked"));
    assert!(!page.contains("id=\"timeline-kind-email\" checked"));
    assert!(
        keys(&page)
            .iter()
            .all(|k| ["sms", "master"].contains(&kind_of(k)))
    );
    assert!(page.contains("id=\"timeline-kind-master\" checked"));
    assert_eq!(keys(&page).len(), 25);
    assert!(
        more_link(&page)
            .unwrap()
            .contains("kind=sms&kind=master&before=")
    );
});

db_test!(events_out_of_their_own_pages_reach_do_not_show, |app| {
    let (oslo, bergen) = two_customers(app).await;
    let ola = app.login("ola@test.no").await;
    let t = 1_700_000_000;
    activity(app, Some(oslo), "Synlig møte", t, false).await;
    // A colleague's own activity (no customer), a deleted one, one not begun yet.
    activity(app, None, "Berits tannlege", t + 1, false).await;
    activity(app, Some(oslo), "Slettet møte", t + 2, true).await;
    activity(
        app,
        Some(oslo),
        "Møte neste år",
        kundekort::timefmt::now() + 86_400 * 300,
        false,
    )
    .await;
    // A document in the bin.
    let res = upload(
        &ola,
        app,
        oslo,
        category(app, "other").await,
        false,
        &[("Kastet.pdf", pdf("kastet"))],
    )
    .await;
    assert_eq!(res.status(), 303);
    sqlx::query("UPDATE documents SET deleted_at = 1 WHERE title LIKE 'Kastet%'")
        .execute(&app.db.pool)
        .await
        .unwrap();

    let (status, html) = fragment(&ola, app, &format!("/customers/{oslo}/timeline")).await;
    assert_eq!(status, 200);
    assert!(html.contains("Synlig møte"));
    for hidden in ["Berits tannlege", "Slettet møte", "Møte neste år", "Kastet"] {
        assert!(!html.contains(hidden), "{hidden} is hidden");
    }

    // A consultant of another department: the card and its timeline are out of sight.
    let berit = app.login("berit@test.no").await;
    let (status, _) = fragment(&berit, app, &format!("/customers/{oslo}/timeline")).await;
    assert_eq!(status, 404);
    let res = berit
        .get(app.url(&format!("/customers/{oslo}/timeline")))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 404);
    // …while her own customer's timeline answers.
    let (status, _) = fragment(&berit, app, &format!("/customers/{bergen}/timeline")).await;
    assert_eq!(status, 200);
    // Nobody logged in gets nothing.
    let res = app
        .client()
        .get(app.url(&format!("/customers/{oslo}/timeline")))
        .send()
        .await
        .unwrap();
    assert_ne!(res.status(), 200);
    assert!(!res.text().await.unwrap().contains("Synlig møte"));
});
