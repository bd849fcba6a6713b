//! Domain set-up helpers shared by the tests: customers and contacts, the dialog, the diary,
//! documents, the portal and signing. They go through the app's forms where the test depends on
//! that (and assert that the form accepted them), or straight to the store or database where the
//! set-up is not the thing under test.

use kundekort::{
    contacts::portal_access,
    customers::model::CustomerDraft,
    jobs,
    signing::pdf::{Line, simple_pdf},
    timefmt::{now, when},
};
use reqwest::multipart::{Form, Part};

use super::{TestApp, fake_smtp::Received};

/// A draft with just a name (and what the caller adds).
pub fn draft(name: &str) -> CustomerDraft {
    CustomerDraft {
        name: name.to_string(),
        status: "active".into(),
        ..Default::default()
    }
}

// Customers and contacts.

/// `n` customers "Masse 1" … "Masse n", active, numbered from `numbers_after + 1`, in one
/// statement — cheap rows (no history, no word index; SQLite's search index follows through its
/// triggers) for tests of lists past a bound. `place` puts them in a (county, municipality).
pub async fn many_customers(
    app: &TestApp,
    n: i64,
    numbers_after: i64,
    place: Option<(&str, &str)>,
) {
    let (county, municipality) = place.unzip();
    sqlx::query(
        "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < $1) \
         INSERT INTO customers (customer_number, name, status, county_no, municipality_no, \
         search_text, sort_name, created_at, updated_at) \
         SELECT $2 + i, 'Masse ' || i, 'active', $3, $4, 'masse ' || i, 'masse ' || i, 0, 0 \
         FROM n",
    )
    .bind(n)
    .bind(numbers_after)
    .bind(county)
    .bind(municipality)
    .execute(&app.db.pool)
    .await
    .unwrap();
}

/// An Oslo customer (owned by Ola) and a Bergen customer (owned by Berit).
pub async fn two_customers(app: &TestApp) -> (i64, i64) {
    let fx = &app.fx;
    let oslo = app
        .customer(CustomerDraft {
            name: "Nordlys Elektro AS".into(),
            status: "active".into(),
            visit_postal_code: "0150".into(),
            owner_id: fx.consultant_oslo.to_string(),
            department_id: fx.oslo.to_string(),
            ..Default::default()
        })
        .await;
    let bergen = app
        .customer(CustomerDraft {
            name: "Fjordbygg AS".into(),
            status: "active".into(),
            visit_postal_code: "5003".into(),
            owner_id: fx.consultant_bergen.to_string(),
            department_id: fx.bergen.to_string(),
            ..Default::default()
        })
        .await;
    (oslo, bergen)
}

pub async fn add_contact(
    client: &reqwest::Client,
    app: &TestApp,
    customer: i64,
    fields: &[(&str, &str)],
) -> i64 {
    let res = client
        .post(app.url(&format!("/customers/{customer}/contacts")))
        .form(fields)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303, "{:?}", res.text().await);
    let location = res.headers()["location"].to_str().unwrap().to_string();
    location
        .rsplit('/')
        .next()
        .unwrap()
        .trim_end_matches("?saved=1")
        .parse()
        .unwrap()
}

// The dialog.

/// Two contacts with email and mobile at the Oslo customer (owned by ola@test.no).
pub async fn customer_with_contacts(app: &TestApp) -> (i64, i64, i64, i64) {
    let (oslo, bergen) = two_customers(app).await;
    let ola = app.login("ola@test.no").await;
    let ase = add_contact(
        &ola,
        app,
        oslo,
        &[
            ("first_name", "Åse"),
            ("last_name", "Berg"),
            ("email", "ase@nordlys.test"),
            ("mobile", "912 34 567"),
            ("is_main", "1"),
        ],
    )
    .await;
    let per = add_contact(
        &ola,
        app,
        oslo,
        &[
            ("first_name", "Per"),
            ("last_name", "Ås"),
            ("email", "per@nordlys.test"),
            ("mobile", "+47 476 54 321"),
        ],
    )
    .await;
    (oslo, bergen, ase, per)
}

pub async fn run_worker(app: &TestApp) -> usize {
    jobs::run_until_idle(&app.state, &kundekort::app::job_handlers(), "test-worker")
        .await
        .unwrap()
}

pub async fn message_rows(
    app: &TestApp,
    customer: i64,
) -> Vec<(i64, String, String, Option<String>)> {
    sqlx::query_as(
        "SELECT id, status, uid, status_reason FROM messages WHERE customer_id = $1 ORDER BY id",
    )
    .bind(customer)
    .fetch_all(&app.db.pool)
    .await
    .unwrap()
}

/// Ola sends an email to `contact` from the customer's dialog (it waits in the outbox).
pub async fn queue_email(app: &TestApp, customer: i64, contact: i64, subject: &str) {
    let ola = app.login("ola@test.no").await;
    let res = ola
        .post(app.url(&format!("/customers/{customer}/dialog/email")))
        .form(&[
            ("to", contact.to_string()),
            ("subject", subject.to_string()),
            ("body", "Hei!".to_string()),
            ("action", "send".to_string()),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303);
}

/// The statuses a message went through, in order (`message_events`).
pub async fn events(app: &TestApp, message: i64) -> Vec<String> {
    sqlx::query_scalar("SELECT status FROM message_events WHERE message_id = $1 ORDER BY id")
        .bind(message)
        .fetch_all(&app.db.pool)
        .await
        .unwrap()
}

// The diary.

/// A customer owned by Ola in Oslo.
pub async fn oslo_customer(app: &TestApp, name: &str) -> i64 {
    app.customer(CustomerDraft {
        name: name.into(),
        status: "active".into(),
        owner_id: app.fx.consultant_oslo.to_string(),
        department_id: app.fx.oslo.to_string(),
        ..Default::default()
    })
    .await
}

/// A construction company in Oslo (NACE 41.200), owned by Ola (Oslo department): the
/// assignment rules want an HMS card for its workers.
pub async fn builder(app: &TestApp) -> i64 {
    app.customer(CustomerDraft {
        name: "Bygg og Betong AS".into(),
        status: "active".into(),
        industry_code: "41.200".into(),
        visit_street: "Tollbugata 1".into(),
        visit_postal_code: "0152".into(),
        owner_id: app.fx.consultant_oslo.to_string(),
        department_id: app.fx.oslo.to_string(),
        ..Default::default()
    })
    .await
}

pub async fn contact(app: &TestApp, customer_id: i64, first: &str, last: &str) -> i64 {
    let (id,): (i64,) = sqlx::query_as(
        "INSERT INTO contacts (customer_id, first_name, last_name, search_text, sort_name, created_at, updated_at) \
         VALUES ($1, $2, $3, $4, $4, 0, 0) RETURNING id",
    )
    .bind(customer_id)
    .bind(first)
    .bind(last)
    .bind(format!("{first} {last}").to_lowercase())
    .fetch_one(&app.db.pool)
    .await
    .unwrap();
    // The contacts' word index, as the application writes it with a contact.
    let mut conn = app.db.pool.acquire().await.unwrap();
    kundekort::contacts::name_words::insert(
        &mut conn,
        id,
        &format!("{first} {last}").to_lowercase(),
    )
    .await
    .unwrap();
    id
}

pub async fn type_id(app: &TestApp, key: &str) -> i64 {
    let (id,): (i64,) = sqlx::query_as("SELECT id FROM activity_types WHERE key = $1")
        .bind(key)
        .fetch_one(&app.db.pool)
        .await
        .unwrap();
    id
}

/// `YYYY-MM-DDTHH:00` in Oslo time, `days` from now (whole hours).
pub fn at(days: i64) -> String {
    when::input_datetime((now() + days * 86_400) / 3600 * 3600)
}

pub async fn count(app: &TestApp, sql: &str) -> i64 {
    let (n,): (i64,) = sqlx::query_as(sqlx::AssertSqlSafe(sql.to_string()))
        .fetch_one(&app.db.pool)
        .await
        .unwrap();
    n
}

/// Registers a meeting through the card's form; returns the new activity's id.
pub async fn meeting(
    app: &TestApp,
    client: &reqwest::Client,
    customer: i64,
    title: &str,
    start: &str,
    extra: &[(&str, String)],
) -> i64 {
    let mut form: Vec<(&str, String)> = vec![
        (
            "type_id",
            type_id(app, "customer_meeting").await.to_string(),
        ),
        ("title", title.into()),
        ("start", start.into()),
        ("participant", app.fx.consultant_oslo.to_string()),
    ];
    form.extend(extra.iter().cloned());
    let res = client
        .post(app.url(&format!("/customers/{customer}/diary")))
        .form(&form)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303, "{}", res.text().await.unwrap());
    let (id,): (i64,) = sqlx::query_as("SELECT MAX(id) FROM activities WHERE title = $1")
        .bind(title)
        .fetch_one(&app.db.pool)
        .await
        .unwrap();
    id
}

// Documents.

pub fn pdf(text: &str) -> Vec<u8> {
    simple_pdf(&[
        Line::title(text),
        Line::text("Vilkår og priser for innleie."),
    ])
}

/// A 1×1 PNG.
pub fn png() -> Vec<u8> {
    let mut v =
        b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x06\0\0\0\x1f\x15\xc4\x89".to_vec();
    v.extend_from_slice(
        b"\0\0\0\rIDATx\x9cc\xf8\xff\xff?\0\x05\xfe\x02\xfe\xa7\x35\x81\x84\0\0\0\0IEND\xaeB`\x82",
    );
    v
}

/// A Windows executable's first bytes.
pub fn exe() -> Vec<u8> {
    let mut v = b"MZ\x90\0\x03\0\0\0\x04\0\0\0\xff\xff\0\0\xb8\0\0\0\0\0\0\0@\0".to_vec();
    v.resize(64, 0);
    v[60] = 0x40;
    v.extend_from_slice(b"PE\0\0");
    v.resize(512, 0);
    v
}

pub async fn category(app: &TestApp, key: &str) -> i64 {
    sqlx::query_scalar("SELECT id FROM document_categories WHERE key = $1")
        .bind(key)
        .fetch_one(&app.db.pool)
        .await
        .unwrap()
}

/// Posts the upload form: details first, then the files, as a browser does.
pub async fn upload(
    client: &reqwest::Client,
    app: &TestApp,
    customer: i64,
    category: i64,
    shared: bool,
    files: &[(&str, Vec<u8>)],
) -> reqwest::Response {
    let mut form = Form::new()
        .text("category_id", category.to_string())
        .text("description", "Rammeavtale for 2027")
        .text("valid_until", "2027-12-31");
    if shared {
        form = form.text("shared", "1");
    }
    for (name, bytes) in files {
        form = form.part(
            "files",
            Part::bytes(bytes.clone())
                .file_name(name.to_string())
                .mime_str("application/octet-stream")
                .unwrap(),
        );
    }
    client
        .post(app.url(&format!("/customers/{customer}/documents")))
        .multipart(form)
        .send()
        .await
        .unwrap()
}

/// (document id, latest version id, title) of a customer's live documents, newest first.
pub async fn documents(app: &TestApp, customer: i64) -> Vec<(i64, i64, String)> {
    sqlx::query_as(
        "SELECT id, current_version_id, title FROM documents WHERE customer_id = $1 \
         AND deleted_at IS NULL ORDER BY id",
    )
    .bind(customer)
    .fetch_all(&app.db.pool)
    .await
    .unwrap()
}

// The portal.

/// Gives a contact portal access from the staff side and returns the invitation link's path.
/// Email is not set up in these tests: the page says the invitation waits and shows no link,
/// and the test then does what delivery does — makes the link for the contact alone.
pub async fn invite(
    staff: &reqwest::Client,
    app: &TestApp,
    customer: i64,
    contact: i64,
    rights: &[&str],
) -> String {
    let mut form: Vec<(&str, &str)> = rights.iter().map(|r| ("rights", *r)).collect();
    form.push(("preset", ""));
    let res = staff
        .post(app.url(&format!("/customers/{customer}/contacts/{contact}/portal")))
        .form(&form)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    let body = res.text().await.unwrap();
    assert!(
        body.contains("E-post er ikke satt opp") && body.contains("venter i utboksen"),
        "says honestly that nothing was sent"
    );
    assert!(
        !body.contains("/portal/invite/"),
        "the link is for the contact only"
    );
    let url = portal_access::mint_invite(&app.state, contact)
        .await
        .unwrap()
        .expect("the contact waits for an invitation");
    url.trim_start_matches(&app.url("")).to_string()
}

pub async fn accept(app: &TestApp, path: &str) -> reqwest::Client {
    let portal = app.client();
    let res = portal
        .post(app.url(path))
        .form(&[("password", "kort"), ("confirm", "kort")])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 422);
    assert!(res.text().await.unwrap().contains("minst 10 tegn"));
    let res = portal
        .post(app.url(path))
        .form(&[
            ("password", "portal-passord-1"),
            ("confirm", "portal-passord-1"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303);
    assert_eq!(res.headers()["location"], "/portal");
    portal
}

// Signing.

/// Uploads a contract PDF to the Oslo customer; returns (document id, its bytes).
pub async fn contract(app: &TestApp, customer: i64) -> (i64, Vec<u8>) {
    let ola = app.login("ola@test.no").await;
    let bytes = pdf("Rammeavtale om innleie 2027");
    let contract = category(app, "contract").await;
    let res = upload(
        &ola,
        app,
        customer,
        contract,
        false,
        &[("Rammeavtale 2027.pdf", bytes.clone())],
    )
    .await;
    assert_eq!(res.status(), 303);
    (documents(app, customer).await.last().unwrap().0, bytes)
}

pub async fn send_order(
    app: &TestApp,
    customer: i64,
    doc: i64,
    method: &str,
    contacts: &[i64],
) -> reqwest::Response {
    let ola = app.login("ola@test.no").await;
    let mut form: Vec<(&str, String)> = vec![
        ("document", doc.to_string()),
        ("title", "Rammeavtale 2027".into()),
        ("message", "Se punkt 4 om overtid.".into()),
        ("expires_days", "14".into()),
        ("method", method.into()),
        ("agency_signer", String::new()),
    ];
    for c in contacts {
        form.push(("contact", c.to_string()));
    }
    ola.post(app.url(&format!("/customers/{customer}/signing")))
        .form(&form)
        .send()
        .await
        .unwrap()
}

pub fn order_id(res: &reqwest::Response) -> i64 {
    let location = res.headers()["location"].to_str().unwrap();
    location
        .split('/')
        .next_back()
        .unwrap()
        .split('?')
        .next()
        .unwrap()
        .parse()
        .unwrap()
}

/// The path of the first `/sign/…` link in a text.
pub fn sign_path(text: &str) -> String {
    let start = text.find("/sign/").expect("a signing link");
    let rest = &text[start..];
    let end = rest
        .find(|c: char| c.is_whitespace() || c == '"' || c == '<')
        .unwrap_or(rest.len());
    rest[..end].to_string()
}

/// The six-digit code in a mailed code: in the body only (the subject, which mail clients show
/// on locked screens, names none).
pub fn mailed_code(mail: &Received) -> String {
    let parsed = mail.parsed();
    let subject = parsed.subject().unwrap_or_default();
    let six_digits = |text: &str| {
        text.split(|c: char| !c.is_ascii_digit())
            .find(|run| run.len() == 6)
            .map(str::to_string)
    };
    assert_eq!(
        six_digits(subject),
        None,
        "a code in the subject: {subject}"
    );
    six_digits(&parsed.body_text(0).unwrap()).expect("a six-digit code in the body")
}

/// The portal invitation's path in a mailed invitation.
pub fn invite_path(mail: &Received) -> String {
    let body = mail.parsed().body_text(0).unwrap().to_string();
    let start = body.find("/portal/invite/").expect("an invitation link");
    let end = body[start..]
        .find(char::is_whitespace)
        .map(|e| start + e)
        .unwrap_or(body.len());
    body[start..end].to_string()
}

pub async fn order_status(app: &TestApp, order: i64) -> (String, Option<i64>) {
    sqlx::query_as("SELECT status, signed_version_id FROM signature_orders WHERE id = $1")
        .bind(order)
        .fetch_one(&app.db.pool)
        .await
        .unwrap()
}
