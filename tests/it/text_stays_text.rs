//! Issue 18: user text stays text everywhere. Markup and formula payloads go in through the real
//! forms (customer, fixed comment, contact, activity, document upload, worker, dialog email) and
//! every page that shows them is read back: the markup is escaped, never live; the JSON API
//! carries it as plain strings; the CSV exports (customer list, invoices, accounting) neutralise
//! formula starts and the XLSX exports store text cells, never formulas; a dialog email keeps it
//! as text in headers, plain text and HTML; typed line breaks cannot add events to the diary's
//! calendar feed.

use crate::db_test;
use crate::support::TestApp;
use crate::support::fixtures::{accept, category, invite, message_rows, pdf, type_id};
use reqwest::multipart::{Form, Part};

const SCRIPT: &str = "<script>alert(1)</script>";
const BREAKER: &str = "\"><img src=x onerror=alert(1)>";
const FORMULA: &str = "=HYPERLINK(\"http://evil.test\",\"x\")";

/// What must never occur in a page's HTML: the payloads as live markup.
const LIVE: [&str; 2] = ["<script>alert(1)", "<img src=x onerror"];
/// The script payload escaped (askama writes `&#60;`/`&#62;`; `&lt;`/`&gt;` is as good).
const ESCAPED: [&str; 2] = [
    "&#60;script&#62;alert(1)&#60;/script&#62;",
    "&lt;script&gt;alert(1)&lt;/script&gt;",
];

fn escaped(body: &str) -> bool {
    ESCAPED.iter().any(|e| body.contains(e))
}

/// `text` with a payload appended: the formula start (`=`, `+`, `-`, `@`) leads, then the markup.
fn payload(start: &str, text: &str) -> String {
    format!("{start}{text} {SCRIPT} {BREAKER}")
}

async fn get(client: &reqwest::Client, app: &TestApp, path: &str) -> (u16, String) {
    let res = client.get(app.url(path)).send().await.unwrap();
    (res.status().as_u16(), res.text().await.unwrap())
}

/// Fetches `path` and checks no payload is live; returns the body.
async fn page(client: &reqwest::Client, app: &TestApp, path: &str) -> String {
    let (status, body) = get(client, app, path).await;
    assert_eq!(status, 200, "{path}: {body}");
    for live in LIVE {
        assert!(
            !body.contains(live),
            "{path} shows {live:?} as markup:\n{body}"
        );
    }
    body
}

/// Like [`page`], and the escaped payload is there (so the page does show the text).
async fn shows(client: &reqwest::Client, app: &TestApp, path: &str) -> String {
    let body = page(client, app, path).await;
    assert!(
        escaped(&body),
        "{path} does not show the escaped text:\n{body}"
    );
    body
}

fn id_from(location: &str) -> i64 {
    location
        .split('?')
        .next()
        .unwrap()
        .rsplit('/')
        .next()
        .unwrap()
        .parse()
        .unwrap_or_else(|_| panic!("no id in {location}"))
}

async fn post_form(
    client: &reqwest::Client,
    app: &TestApp,
    path: &str,
    form: &[(&str, String)],
) -> String {
    let res = client.post(app.url(path)).form(form).send().await.unwrap();
    let status = res.status().as_u16();
    let location = res
        .headers()
        .get("location")
        .map(|l| l.to_str().unwrap().to_string());
    let body = res.text().await.unwrap();
    assert_eq!(status, 303, "{path}: {body}");
    location.unwrap()
}

db_test!(markup_and_formulas_stay_text_on_every_page, |app| {
    let ola = app.login("ola@test.no").await;
    let name = payload(&format!("{FORMULA} "), "Nordlys");

    // The customer, through the form.
    let location = post_form(
        &ola,
        app,
        "/customers",
        &[
            ("name", name.clone()),
            ("status", "active".into()),
            ("owner_id", app.fx.consultant_oslo.to_string()),
            ("department_id", app.fx.oslo.to_string()),
        ],
    )
    .await;
    let cid = id_from(&location);
    let stored: String = sqlx::query_scalar("SELECT name FROM customers WHERE id = $1")
        .bind(cid)
        .fetch_one(&app.db.pool)
        .await
        .unwrap();
    assert_eq!(stored, name, "stored as typed");

    // A fixed comment.
    post_form(
        &ola,
        app,
        &format!("/customers/{cid}/comments"),
        &[("body", payload("@", "Kommentar"))],
    )
    .await;

    // A contact with email (for the dialog and the portal).
    let location = post_form(
        &ola,
        app,
        &format!("/customers/{cid}/contacts"),
        &[
            ("first_name", payload("+", "Kari")),
            ("last_name", payload("-", "Nordmann")),
            ("position", payload("=", "Sjef")),
            ("email", "kari@nordlys.test".into()),
        ],
    )
    .await;
    let contact = id_from(&location);

    // An activity with notes.
    let meeting = type_id(app, "customer_meeting").await;
    post_form(
        &ola,
        app,
        &format!("/customers/{cid}/diary"),
        &[
            ("type_id", meeting.to_string()),
            ("title", payload("-", "Møte")),
            ("notes", payload("=", "Notat")),
            ("start", "2026-12-01T10:00".into()),
            ("participant", app.fx.consultant_oslo.to_string()),
            ("contact", contact.to_string()),
        ],
    )
    .await;

    let activity: i64 = sqlx::query_scalar("SELECT MAX(id) FROM activities WHERE customer_id = $1")
        .bind(cid)
        .fetch_one(&app.db.pool)
        .await
        .unwrap();

    // A shared document with a payload description (multipart upload, as the browser posts it).
    let form = Form::new()
        .text("category_id", category(app, "contract").await.to_string())
        .text("description", payload("@", "Avtale"))
        .text("shared", "1")
        .part(
            "files",
            Part::bytes(pdf("Rammeavtale"))
                .file_name("avtale.pdf")
                .mime_str("application/pdf")
                .unwrap(),
        );
    let res = ola
        .post(app.url(&format!("/customers/{cid}/documents")))
        .multipart(form)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303, "{}", res.text().await.unwrap());

    // A worker.
    let location = post_form(
        &ola,
        app,
        "/workers",
        &[
            ("name", payload("+", "Vikar")),
            ("status", "employee".into()),
            ("mobile", "912 34 567".into()),
            ("skills", payload("=", "Betong")),
        ],
    )
    .await;
    let worker = id_from(&location);

    // A dialog email: email is not set up, so it waits in the outbox.
    post_form(
        &ola,
        app,
        &format!("/customers/{cid}/dialog/email"),
        &[
            ("to", contact.to_string()),
            ("subject", payload("=", "Emne")),
            ("body", payload("-", "Tekst")),
            ("action", "send".into()),
        ],
    )
    .await;
    let messages = message_rows(app, cid).await;
    assert_eq!(messages.len(), 1, "{messages:?}");
    let message = messages[0].0;

    // A vacancy with every term filled in (the vacancy form's fields, as the vacancy tests post).
    let mut form: Vec<(&str, String)> = [
        ("positions", "2"),
        ("styrk_code", "7114"),
        ("occupation_title", "Betongarbeider"),
        ("from_date", "2027-01-04"),
        ("to_date", "2027-06-30"),
        ("hours_per_week", "37,5"),
        ("day", "1"),
        ("day", "2"),
        ("day_start", "07:00"),
        ("day_end", "15:00"),
        ("break_minutes", "30"),
        ("bill_rate", "450"),
        ("pay_rate", "230"),
        ("ot50_bill", "675"),
        ("ot50_pay", "345"),
        ("ot100_bill", "900"),
        ("ot100_pay", "460"),
        ("legal_basis", "temporary_work"),
        ("equal_pay", "225"),
        ("equal_confirmed_on", "2026-09-01"),
        ("workplace_postal_code", "5003"),
        ("invoice_grouping", "worker"),
    ]
    .into_iter()
    .map(|(k, v)| (k, v.to_string()))
    .collect();
    form.extend([
        ("title", payload("=", "Betong")),
        ("description", payload("-", "Beskrivelse")),
        ("requirements", payload("+", "Krav")),
        ("legal_basis_text", payload("@", "Grunnlag")),
        ("workplace_street", payload("", "Bryggen")),
        ("purchase_order", payload("=", "PO")),
        ("approver_contact_id", contact.to_string()),
        ("contact_id", contact.to_string()),
    ]);
    let location = post_form(&ola, app, &format!("/customers/{cid}/vacancies"), &form).await;
    let vacancy_path = location.split('?').next().unwrap().to_string();
    let vacancy = id_from(&vacancy_path);

    // Every page that shows them.
    for path in [
        format!("/customers/{cid}"),
        format!("/customers/{cid}/contacts"),
        format!("/customers/{cid}/contacts/{contact}"),
        format!("/customers/{cid}/contacts/{contact}/edit"),
        format!("/customers/{cid}/diary"),
        format!("/customers/{cid}/documents"),
        format!("/customers/{cid}/dialog"),
        format!("/customers/{cid}/timeline"),
        format!("/customers/{cid}/edit"),
        format!("/dialog/messages/{message}"),
        "/customers".into(),
        "/contacts".into(),
        "/search?q=Nordlys".into(),
        "/search?q=Kari".into(),
        "/search/suggest?q=Nordlys".into(),
        "/workers".into(),
        format!("/workers/{worker}"),
        format!("/diary/activities/{activity}"),
        vacancy_path.clone(),
        "/vacancies".into(),
        "/search?q=Betong".into(),
    ] {
        shows(&ola, app, &path).await;
    }
    // Tabs that show the customer's name in the card head, at least.
    for path in [
        format!("/customers/{cid}/invoices"),
        format!("/customers/{cid}/vacancies/new"),
        format!("/customers/{cid}/recruitments/new"),
        format!("/customers/{cid}/assignments/new"),
        format!("/customers/{cid}/dialog/email"),
        format!("/customers/{cid}/dialog/sms"),
        format!("/customers/{cid}/invoice-settings"),
        format!("/customers/{cid}/signing/new"),
        format!("/customers/{cid}/assignments"),
        format!("/customers/{cid}/signing"),
        format!("/customers/{cid}/diary/new"),
    ] {
        page(&ola, app, &path).await;
    }
    // The diary's calendar: the page, and its events as JSON strings.
    let ola_id = app.fx.consultant_oslo;
    page(&ola, app, &format!("/diary/{ola_id}")).await;
    let res = ola
        .get(app.url(&format!(
            "/diary/{ola_id}/events?start=2026-11-30&end=2026-12-07"
        )))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    let events: serde_json::Value = res.json().await.unwrap();
    assert!(
        events
            .as_array()
            .unwrap()
            .iter()
            .any(|e| e["title"].as_str().is_some_and(|t| t.contains(SCRIPT))),
        "{events}"
    );

    // The customer list's htmx fragment.
    let res = ola
        .get(app.url("/customers?q=Nordlys"))
        .header("hx-request", "true")
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    let fragment = res.text().await.unwrap();
    for live in LIVE {
        assert!(!fragment.contains(live), "list fragment: {fragment}");
    }
    assert!(escaped(&fragment), "{fragment}");

    // The JSON API: the text as a plain string.
    let res = ola
        .get(app.url("/api/v1/search?q=Nordlys"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    let json: serde_json::Value = res.json().await.unwrap();
    let titles: Vec<String> = json["groups"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|g| g["items"].as_array().unwrap().clone())
        .map(|h| h["title"].as_str().unwrap().to_string())
        .collect();
    assert!(titles.contains(&name), "{json}");

    // The CSV export: the formula start gets a quote in front.
    let (status, csv) = get(&ola, app, "/customers/export.csv").await;
    assert_eq!(status, 200);
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(b';')
        .from_reader(csv.trim_start_matches('\u{feff}').as_bytes());
    let row = reader
        .records()
        .map(Result::unwrap)
        .find(|r| r.get(1).is_some_and(|c| c.contains("Nordlys")))
        .expect("the customer's row");
    assert_eq!(row.get(1).unwrap(), format!("'{name}"), "{csv}");
    for r in reader.records() {
        for c in r.unwrap().iter() {
            assert!(!c.starts_with(['=', '+', '-', '@']), "{c}");
        }
    }

    // The XLSX export: a text cell holding the name as typed, no formula anywhere.
    let res = ola
        .get(app.url("/customers/export.xlsx"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    let bytes = res.bytes().await.unwrap();
    use calamine::Reader;
    let mut book = calamine::Xlsx::new(std::io::Cursor::new(bytes.to_vec())).unwrap();
    let sheet = book.worksheet_range("Kunder").unwrap();
    let cell = sheet
        .rows()
        .skip(1)
        .map(|r| r[1].clone())
        .find(|c| c.to_string().contains("Nordlys"))
        .expect("the customer's row");
    assert_eq!(cell, calamine::Data::String(name.clone()));
    let formulas = book.worksheet_formula("Kunder").unwrap();
    assert!(
        formulas.used_cells().all(|(_, _, f)| f.is_empty()),
        "no formula cells"
    );

    // The portal, as the contact with every right sees it.
    let path = invite(
        &ola,
        app,
        cid,
        contact,
        &[
            "view_assignments",
            "approve_timesheets",
            "view_invoices",
            "view_documents",
            "sign_documents",
            "request_staff",
        ],
    )
    .await;
    let portal = accept(app, &path).await;
    shows(&portal, app, "/portal").await;
    shows(&portal, app, "/portal/documents").await;
    shows(&portal, app, "/portal/vacancies").await;
    shows(&portal, app, &format!("/portal/vacancies/{vacancy}")).await;
    for path in [
        "/portal/invoices",
        "/portal/timesheets",
        "/portal/recruitments",
        "/portal/assignments/terms",
    ] {
        page(&portal, app, path).await;
    }
});

db_test!(
    an_email_carries_typed_and_merged_text_as_text,
    providers,
    |app, smtp, _sms| {
        let ola = app.login("ola@test.no").await;
        let name = payload("", "Nordlys");
        let location = post_form(
            &ola,
            app,
            "/customers",
            &[
                ("name", name.clone()),
                ("status", "active".into()),
                ("owner_id", app.fx.consultant_oslo.to_string()),
                ("department_id", app.fx.oslo.to_string()),
            ],
        )
        .await;
        let cid = id_from(&location);
        let first = payload("", "Kari");
        let location = post_form(
            &ola,
            app,
            &format!("/customers/{cid}/contacts"),
            &[
                ("first_name", first.clone()),
                ("last_name", "Nordmann".into()),
                ("email", "kari@nordlys.test".into()),
            ],
        )
        .await;
        let contact = id_from(&location);
        // Typed markup in the body, the customer's and the contact's names merged in.
        let typed = payload("", "Tekst");
        post_form(
            &ola,
            app,
            &format!("/customers/{cid}/dialog/email"),
            &[
                ("to", contact.to_string()),
                ("subject", "Til {customer_name}".into()),
                (
                    "body",
                    format!(
                        "Hei {{first_name}}!\n\n{typed}\n\nhttps://x.test/\"onmouseover=alert(1)"
                    ),
                ),
                ("action", "send".into()),
            ],
        )
        .await;
        assert_eq!(crate::support::fixtures::run_worker(app).await, 1);
        let got = smtp.messages();
        assert_eq!(got.len(), 1);
        let parsed = got[0].parsed();
        // Headers and the plain text carry the text exactly as typed.
        assert_eq!(parsed.subject(), Some(format!("Til {name}").as_str()));
        let text = parsed.body_text(0).unwrap().replace("\r\n", "\n");
        assert!(text.contains(&format!("Hei {first}!")), "{text}");
        assert!(text.contains(&typed), "{text}");
        let to = parsed.to().unwrap().first().unwrap();
        assert_eq!(to.address(), Some("kari@nordlys.test"));
        // The HTML alternative escapes it all; the link's address cannot leave its attribute.
        let html = parsed.body_html(0).unwrap();
        for live in LIVE {
            assert!(!html.contains(live), "{html}");
        }
        assert!(escaped(&html), "{html}");
        assert!(!html.contains("\"onmouseover"), "{html}");
        // The message page shows the same escaped.
        let message = message_rows(app, cid).await[0].0;
        shows(&ola, app, &format!("/dialog/messages/{message}")).await;
    }
);

db_test!(
    invoice_pages_and_exports_keep_the_buyer_and_lines_as_text,
    |app| {
        use crate::support::invoices::{buyer, issued, line};
        let name = payload(&format!("{FORMULA} "), "Kjøper");
        let cid = buyer(app, &name).await;
        let (invoice, _) = issued(
            app,
            cid,
            &[line(&payload("-", "Timer"), 1000, 45_000, "S", 2500)],
            3,
        )
        .await;
        let admin = app.admin().await;
        for path in [
            "/invoices".to_string(),
            format!("/invoices/{invoice}"),
            format!("/customers/{cid}/invoices"),
        ] {
            shows(&admin, app, &path).await;
        }
        // CSV: every cell that starts a formula gets a quote in front.
        let (status, csv) = get(&admin, app, "/invoices/export.csv").await;
        assert_eq!(status, 200);
        let mut reader = csv::ReaderBuilder::new()
            .delimiter(b';')
            .from_reader(csv.trim_start_matches('\u{feff}').as_bytes());
        let mut found = false;
        for r in reader.records() {
            for c in r.unwrap().iter() {
                found |= c == format!("'{name}");
                let plain_number = c
                    .trim_start_matches(['-', '+'])
                    .chars()
                    .all(|ch| ch.is_ascii_digit() || ch == ',' || ch == '.' || ch == ' ');
                assert!(
                    !c.starts_with(['=', '+', '-', '@']) || plain_number,
                    "unsafe cell {c:?} in\n{csv}"
                );
            }
        }
        assert!(found, "the buyer's name, quoted: {csv}");
        // XLSX: text cells only, no formulas.
        let res = admin
            .get(app.url("/invoices/export.xlsx"))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 200);
        let bytes = res.bytes().await.unwrap();
        use calamine::Reader;
        let mut book = calamine::Xlsx::new(std::io::Cursor::new(bytes.to_vec())).unwrap();
        let sheet_name = book.sheet_names()[0].clone();
        let sheet = book.worksheet_range(&sheet_name).unwrap();
        assert!(
            sheet
                .used_cells()
                .any(|(_, _, c)| *c == calamine::Data::String(name.clone())),
            "the buyer's name as a text cell"
        );
        let formulas = book.worksheet_formula(&sheet_name).unwrap();
        assert!(formulas.used_cells().all(|(_, _, f)| f.is_empty()));
        // The accounting export's CSV: the customer name column is made safe the same way.
        let res = admin
            .post(app.url("/accounting/export"))
            .form(&[("mode", "new"), ("format", "csv")])
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 200);
        let csv = res.text().await.unwrap();
        let mut reader = csv::ReaderBuilder::new()
            .delimiter(b';')
            .from_reader(csv.as_bytes());
        let names: Vec<String> = reader
            .records()
            .map(|r| r.unwrap().get(7).unwrap().to_string())
            .filter(|c| !c.is_empty())
            .collect();
        assert!(!names.is_empty(), "{csv}");
        assert!(names.iter().all(|c| *c == format!("'{name}")), "{csv}");
    }
);

db_test!(
    typed_line_breaks_cannot_add_events_to_the_calendar_feed,
    |app| {
        use crate::support::fixtures::{at, meeting, oslo_customer};
        let cid = oslo_customer(app, "Nordlys AS\r\nEND:VEVENT").await;
        let ola = app.login("ola@test.no").await;
        let breaker =
            "Notat\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\nUID:evil\r\nSUMMARY:evil\r\nEND:VEVENT";
        meeting(
            app,
            &ola,
            cid,
            &payload("=", "Møte"),
            &at(1),
            &[("notes", breaker.to_string())],
        )
        .await;
        // The feed's URL, from the panel as the diary shows it.
        let res = ola
            .post(app.url("/diary/feed"))
            .header("hx-request", "true")
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 200);
        let html = res.text().await.unwrap();
        for live in LIVE {
            assert!(!html.contains(live), "{html}");
        }
        let start = html.find("/diary/feed/").expect("the URL is shown");
        let end = html[start..].find(".ics").unwrap() + start + 4;
        let (status, ics) = get(&app.client(), app, &html[start..end]).await;
        assert_eq!(status, 200);
        // One event; the typed line breaks are escaped inside its properties.
        // (Content lines, not the escaped `\n` inside a folded value.)
        let lines: Vec<&str> = ics.lines().map(|l| l.trim_end_matches('\r')).collect();
        assert_eq!(
            lines.iter().filter(|l| **l == "BEGIN:VEVENT").count(),
            1,
            "{ics}"
        );
        assert_eq!(
            lines.iter().filter(|l| **l == "END:VEVENT").count(),
            1,
            "{ics}"
        );
        assert!(
            !lines
                .iter()
                .any(|l| l.starts_with("UID:evil") || l.starts_with("SUMMARY:evil")),
            "{ics}"
        );
        assert!(
            ics.contains("Notat\\nEND:VEVENT"),
            "the break is escaped: {ics}"
        );
        // No bare carriage return inside a value: every CR ends a content line.
        assert!(!ics.replace("\r\n", "").contains('\r'), "{ics:?}");
    }
);
