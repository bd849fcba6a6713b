//! Two server processes on one PostgreSQL database and one S3 bucket, with no sticky sessions
//! (issue 18, "More than one server process"; docs/operations.md, "Several processes behind a
//! proxy"). The real binary (`kundekort serve`) is started twice, each with its own data folder
//! and port and its job workers on, sharing only the database, the bucket, the data key and the
//! outside services (a fake SMTP server, a fake Idura). Requests go to one or the other as a
//! round-robin proxy would send them:
//!
//! - a log-in on A is a log-in on B (the same cookie), and a log-out on B ends it on A;
//! - a document uploaded through A downloads from B, byte for byte;
//! - a bulk send through A is delivered exactly once per recipient although both processes'
//!   workers compete for the messages;
//! - a BankID order whose last signature reaches both processes at once is closed exactly once;
//! - list totals agree: a customer created through B shows in A's total within the count
//!   cache's few seconds.
//!
//! PostgreSQL only — SQLite is one file for one process; with `CI=true` neither PostgreSQL nor
//! moto_server may be missing.

use std::time::{Duration, Instant};

use reqwest::multipart::{Form, Part};
use serde_json::{Value, json};

use crate::support::{
    Backend, TestApp,
    app::{MAIL_FROM, TEST_DATA_KEY, postgres_url},
    fake_idura::{self, FakeIdura},
    fake_smtp::FakeSmtp,
    fixtures::{add_contact, category, customer_with_contacts, documents, order_status, pdf},
    moto::{BUCKET, Moto},
    run_with,
    server_process::{Server, client, free_port, log_in},
};

/// How many customers the bulk send goes to.
const BULK: usize = 12;

/// Waits (polling, up to `secs`) until `done` holds; `what` names it when it never does.
async fn eventually(secs: u64, what: &str, mut done: impl AsyncFnMut() -> bool) {
    let deadline = Instant::now() + Duration::from_secs(secs);
    while !done().await {
        assert!(Instant::now() < deadline, "not within {secs} s: {what}");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

async fn scalar(app: &TestApp, sql: &str) -> i64 {
    sqlx::query_scalar(sqlx::AssertSqlSafe(sql.to_string()))
        .fetch_one(&app.db.pool)
        .await
        .unwrap()
}

/// The customer list's total as `server` answers it.
async fn total(server: &Server, cookie: &str) -> i64 {
    let list: Value = client()
        .get(server.url("/api/v1/customers"))
        .header("cookie", cookie)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(list["total_is_exact"], true, "{list}");
    list["total"].as_i64().unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_processes_share_one_database_and_one_bucket() {
    if postgres_url().is_none() {
        return;
    }
    let Some(moto) = Moto::start().await else {
        return;
    };
    let smtp = FakeSmtp::start().await;
    let (idura, idura_addr) = FakeIdura::spawn().await;
    let smtp_port = smtp.port();
    run_with(
        Backend::Postgres,
        |c| {
            c.file_store = moto.file_store();
            // The app of the test harness only sets up data; it sends nothing.
            c.run_worker = false;
        },
        async |app: &TestApp| {
            // Data set up beforehand, through the harness's own app on the same database.
            let (oslo, _bergen, ase, per) = customer_with_contacts(app).await;
            let ola_here = app.login("ola@test.no").await;
            for n in 1..=BULK {
                let customer = app
                    .customer(kundekort::customers::model::CustomerDraft {
                        name: format!("Massekunde {n:02} AS"),
                        status: "active".into(),
                        owner_id: app.fx.consultant_oslo.to_string(),
                        department_id: app.fx.oslo.to_string(),
                        ..Default::default()
                    })
                    .await;
                add_contact(
                    &ola_here,
                    app,
                    customer,
                    &[
                        ("first_name", "Kari"),
                        ("last_name", &format!("Nr{n}")),
                        ("email", &format!("kari{n}@masse.test")),
                        ("is_main", "1"),
                    ],
                )
                .await;
            }

            let (port_a, port_b) = (free_port(), free_port());
            let env: Vec<(&str, String)> = vec![
                ("DATABASE_URL", app.state.config.database_url.clone()),
                // Behind a proxy both have the proxy's address; A's stands in for it.
                ("KUNDEKORT_PUBLIC_URL", format!("http://127.0.0.1:{port_a}")),
                ("KUNDEKORT_DATA_KEY", TEST_DATA_KEY.into()),
                ("KUNDEKORT_S3_BUCKET", BUCKET.into()),
                ("KUNDEKORT_S3_ENDPOINT", moto.endpoint()),
                ("KUNDEKORT_S3_REGION", "eu-north-1".into()),
                ("KUNDEKORT_S3_ACCESS_KEY_ID", "test".into()),
                ("KUNDEKORT_S3_SECRET_ACCESS_KEY", "test".into()),
                ("KUNDEKORT_SMTP_HOST", "127.0.0.1".into()),
                ("KUNDEKORT_SMTP_PORT", smtp_port.to_string()),
                ("KUNDEKORT_SMTP_TLS", "none".into()),
                ("KUNDEKORT_MAIL_FROM", MAIL_FROM.into()),
                ("KUNDEKORT_IDURA_URL", format!("http://{idura_addr}/v1/graphql")),
                ("KUNDEKORT_IDURA_CLIENT_ID", fake_idura::CLIENT_ID.into()),
                ("KUNDEKORT_IDURA_CLIENT_SECRET", fake_idura::CLIENT_SECRET.into()),
                ("KUNDEKORT_IDURA_WEBHOOK_SECRET", fake_idura::WEBHOOK_SECRET.into()),
                ("KUNDEKORT_BRREG_URL", "http://127.0.0.1:9/enhetsregisteret/api".into()),
                ("KUNDEKORT_WORKER", "on".into()),
                ("KUNDEKORT_WORKER_CONCURRENCY", "4".into()),
                ("KUNDEKORT_JOB_RETRY_SECONDS", "1".into()),
                ("KUNDEKORT_SHUTDOWN_SECONDS", "5".into()),
                ("RUST_LOG", "kundekort=info".into()),
            ];
            let a = Server::start("A", port_a, &env).await;
            let b = Server::start("B", port_b, &env).await;

            // A log-in on A is a log-in on B: the session lives in the database.
            let ola = log_in(&a, "ola@test.no").await;
            let res = client().get(b.url("/customers")).send().await.unwrap();
            assert_eq!(res.status(), 303, "B without the cookie sends to the log-in");
            let res = client()
                .get(b.url("/customers"))
                .header("cookie", &ola)
                .send()
                .await
                .unwrap();
            assert_eq!(res.status(), 200, "A's session on B");
            assert!(res.text().await.unwrap().contains("Nordlys Elektro AS"));

            // A document uploaded through A downloads from B, from the shared bucket.
            let mut bytes = pdf("Rammeavtale om innleie 2027");
            bytes.extend((0..200_000).map(|i| (i % 251) as u8));
            let contract = category(app, "contract").await;
            let form = Form::new()
                .text("category_id", contract.to_string())
                .text("description", "Rammeavtale")
                .text("valid_until", "2027-12-31")
                .part(
                    "files",
                    Part::bytes(bytes.clone())
                        .file_name("Rammeavtale 2027.pdf")
                        .mime_str("application/octet-stream")
                        .unwrap(),
                );
            let res = client()
                .post(a.url(&format!("/customers/{oslo}/documents")))
                .header("cookie", &ola)
                .multipart(form)
                .send()
                .await
                .unwrap();
            assert_eq!(res.status(), 303, "{:?}", res.text().await);
            let (doc, version, _) = documents(app, oslo).await.last().unwrap().clone();
            let got = client()
                .get(b.url(&format!(
                    "/customers/{oslo}/documents/{doc}/versions/{version}/download"
                )))
                .header("cookie", &ola)
                .send()
                .await
                .unwrap();
            assert_eq!(got.status(), 200);
            assert!(got.bytes().await.unwrap() == bytes, "B serves A's upload as sent");

            // A bulk send through A: both processes' workers take messages, each is sent once.
            let res = client()
                .post(a.url("/customers/bulk-message"))
                .header("cookie", &ola)
                .form(&[
                    ("q", "Massekunde"),
                    ("channel", "email"),
                    ("audience", "main"),
                    ("subject", "Nytt fra byrået"),
                    ("body", "Hei {first_name}, her er nytt fra oss."),
                    ("action", "send"),
                ])
                .send()
                .await
                .unwrap();
            assert_eq!(res.status(), 303, "{:?}", res.text().await);
            let bulk_sent = "SELECT COUNT(*) FROM messages WHERE bulk_id IS NOT NULL AND status = 'sent'";
            eventually(120, "every bulk message sent", async || {
                scalar(app, bulk_sent).await == BULK as i64
            })
            .await;
            let open_email_jobs = "SELECT COUNT(*) FROM jobs WHERE kind = 'send_email' \
                 AND done_at IS NULL AND failed_at IS NULL";
            eventually(60, "no email job left", async || {
                scalar(app, open_email_jobs).await == 0
            })
            .await;
            let mut to: Vec<String> = smtp
                .messages()
                .iter()
                .flat_map(|m| m.rcpt_to.clone())
                .collect();
            to.sort();
            let mut expected: Vec<String> = (1..=BULK).map(|n| format!("kari{n}@masse.test")).collect();
            expected.sort();
            assert_eq!(to, expected, "each recipient exactly once");
            assert_eq!(
                scalar(app, "SELECT COUNT(*) FROM messages WHERE bulk_id IS NOT NULL").await,
                BULK as i64,
                "one outbox row per recipient"
            );
            let workers: Vec<(String,)> = sqlx::query_as(
                "SELECT DISTINCT locked_by FROM jobs WHERE kind = 'send_email' AND locked_by IS NOT NULL",
            )
            .fetch_all(&app.db.pool)
            .await
            .unwrap();
            eprintln!("bulk messages were sent by the workers {workers:?}");

            // A BankID order: its last signature reaches both processes at once (the broker
            // retrying, a proxy spreading), and the order is closed once.
            let form: Vec<(&str, String)> = vec![
                ("document", doc.to_string()),
                ("title", "Rammeavtale 2027".into()),
                ("message", "Se punkt 4 om overtid.".into()),
                ("expires_days", "14".into()),
                ("method", "idura".into()),
                ("agency_signer", String::new()),
                ("contact", ase.to_string()),
                ("contact", per.to_string()),
            ];
            let res = client()
                .post(a.url(&format!("/customers/{oslo}/signing")))
                .header("cookie", &ola)
                .form(&form)
                .send()
                .await
                .unwrap();
            assert_eq!(res.status(), 303, "{:?}", res.text().await);
            let orders = idura.orders();
            assert_eq!(orders.len(), 1);
            let remote = orders[0].clone();
            assert_eq!(remote.webhook_url, a.url("/webhooks/idura"));
            let order: i64 = scalar(app, "SELECT MAX(id) FROM signature_orders").await;
            assert_eq!(
                idura
                    .deliver("SIGNATORY_SIGNED", &remote, Some(&remote.signatories[0].0))
                    .await,
                200
            );
            let (body, signature) =
                idura.webhook("SIGNATORY_SIGNED", &remote, Some(&remote.signatories[1].0));
            let post = |server: &Server| {
                client()
                    .post(server.url("/webhooks/idura"))
                    .header("content-type", "application/json")
                    .header("x-criipto-signature", signature.clone())
                    .body(body.clone())
                    .send()
            };
            let (on_a, on_b) = tokio::join!(post(&a), post(&b));
            assert_eq!(on_a.unwrap().status(), 200);
            assert_eq!(on_b.unwrap().status(), 200);
            eventually(120, "the order completed", async || {
                order_status(app, order).await.0 == "completed"
            })
            .await;
            let closes = idura
                .calls()
                .iter()
                .filter(|c| *c == "closeSignatureOrder")
                .count();
            assert_eq!(closes, 1, "{:?}", idura.calls());
            assert_eq!(
                scalar(app, "SELECT COUNT(*) FROM jobs WHERE kind = 'signing.close'").await,
                1
            );
            assert_eq!(
                scalar(
                    app,
                    &format!(
                        "SELECT COUNT(*) FROM signature_events WHERE order_id = {order} AND kind = 'completed'"
                    )
                )
                .await,
                1
            );
            assert_eq!(
                scalar(
                    app,
                    &format!("SELECT COUNT(*) FROM document_versions WHERE document_id = {doc}")
                )
                .await,
                2,
                "the original and one signed copy"
            );
            let signed_version = order_status(app, order).await.1.unwrap();
            let copy = client()
                .get(b.url(&format!(
                    "/customers/{oslo}/documents/{doc}/versions/{signed_version}/download"
                )))
                .header("cookie", &ola)
                .send()
                .await
                .unwrap()
                .bytes()
                .await
                .unwrap();
            let mut expected = bytes.clone();
            expected.extend_from_slice(fake_idura::PADES_MARKER);
            assert!(copy == expected, "the signed copy, stored once, served by B");

            // List totals agree, also after a change through only one of them.
            let before = total(&a, &ola).await;
            assert_eq!(before, total(&b, &ola).await);
            let res = client()
                .post(b.url("/api/v1/customers"))
                .header("cookie", &ola)
                .json(&json!({"name": "Ny Kunde gjennom B AS", "status": "active"}))
                .send()
                .await
                .unwrap();
            assert_eq!(res.status(), 201);
            assert_eq!(total(&b, &ola).await, before + 1, "B counts its own change at once");
            eventually(30, "A's total follows B's change", async || {
                total(&a, &ola).await == before + 1
            })
            .await;

            // Logging out on B ends the session on A too.
            let res = client()
                .post(b.url("/logout"))
                .header("cookie", &ola)
                .send()
                .await
                .unwrap();
            assert_eq!(res.status(), 303);
            let res = client()
                .get(a.url("/customers"))
                .header("cookie", &ola)
                .send()
                .await
                .unwrap();
            assert_eq!(res.status(), 303, "the session ended everywhere");

            drop((a, b));
        },
    )
    .await;
    smtp.stop().await;
}
