//! SMTP over TLS to a relay whose certificate comes from an internal CA
//! (`KUNDEKORT_SMTP_CA_FILE`, decision 0072, ASVS V12.3.4): real TLS against the fake server with
//! the test CA's certificates (`tests/fixtures/smtp-tls/`). With the CA the email goes out over
//! TLS; without it, or with a certificate for another name, nothing is sent and the message waits
//! in the outbox with the reason, to be retried.

use kundekort::{
    config::{SmtpTls, parse_ca_pem},
    jobs,
};

use crate::{
    db_test,
    support::fake_smtp::{FakeSmtp, FakeTls, acceptor, test_ca_pem},
    support::fixtures::{customer_with_contacts, events, message_rows, queue_email, run_worker},
    support::{Backend, TestApp, run_with, smtp_config},
};

/// Runs `body` with the app sending to `smtp` over `tls`, trusting the test CA or not.
async fn with_relay(
    backend: Backend,
    smtp: &FakeSmtp,
    tls: SmtpTls,
    trust_test_ca: bool,
    body: impl AsyncFnOnce(&TestApp),
) {
    let port = smtp.port();
    run_with(
        backend,
        |c| {
            let mut config = smtp_config(port);
            config.tls = tls;
            if trust_test_ca {
                config.ca_roots = parse_ca_pem(&test_ca_pem()).unwrap();
            }
            c.smtp = Some(config);
        },
        body,
    )
    .await;
}

/// Queues one email and makes one attempt to send it (the tests retry at once, so the worker
/// would run every attempt); returns the customer's message rows.
async fn send_one(app: &TestApp, subject: &str) -> Vec<(i64, String, String, Option<String>)> {
    let (oslo, _, ase, _) = customer_with_contacts(app).await;
    queue_email(app, oslo, ase, subject).await;
    assert!(
        jobs::try_run_one(&app.state, &kundekort::app::job_handlers(), "w")
            .await
            .unwrap()
    );
    message_rows(app, oslo).await
}

/// Delivered over TLS, once.
async fn delivered(app: &TestApp, smtp: &FakeSmtp, subject: &str) {
    let rows = send_one(app, subject).await;
    assert_eq!(rows[0].1, "sent", "{rows:?}");
    let got = smtp.messages();
    assert_eq!(got.len(), 1);
    assert!(got[0].tls, "the message came over TLS");
    assert_eq!(got[0].parsed().subject(), Some(subject));
    assert_eq!(events(app, rows[0].0).await, ["queued", "sent"]);
    assert_eq!(run_worker(app).await, 0, "sent once");
}

/// Not sent: the message waits to be retried, with one of `reasons` in its status reason.
async fn refused(app: &TestApp, smtp: &FakeSmtp, reasons: &[&str]) {
    let rows = send_one(app, "Til en ukjent server").await;
    assert_eq!(rows[0].1, "queued", "{rows:?}");
    let why = rows[0].3.as_deref().unwrap_or_default();
    assert!(why.contains("invalid peer certificate"), "{why}");
    assert!(reasons.iter().any(|r| why.contains(r)), "{why}");
    assert_eq!(events(app, rows[0].0).await, ["queued", "retrying"]);
    assert!(smtp.messages().is_empty(), "nothing reached the server");
}

db_test!(
    starttls_to_a_relay_of_the_internal_ca_delivers,
    each_backend = starttls_with_ca
);
async fn starttls_with_ca(backend: Backend) {
    let smtp = FakeSmtp::start_tls(FakeTls::StartTls(acceptor("relay"))).await;
    with_relay(backend, &smtp, SmtpTls::StartTls, true, async |app| {
        delivered(app, &smtp, "Over STARTTLS").await;
    })
    .await;
    smtp.stop().await;
}

db_test!(
    implicit_tls_to_a_relay_of_the_internal_ca_delivers,
    each_backend = implicit_tls_with_ca
);
async fn implicit_tls_with_ca(backend: Backend) {
    let smtp = FakeSmtp::start_tls(FakeTls::Implicit(acceptor("relay"))).await;
    with_relay(backend, &smtp, SmtpTls::Tls, true, async |app| {
        delivered(app, &smtp, "Over TLS").await;
    })
    .await;
    smtp.stop().await;
}

db_test!(
    without_the_ca_the_relay_is_not_trusted_and_the_message_waits,
    each_backend = starttls_without_ca
);
async fn starttls_without_ca(backend: Backend) {
    let smtp = FakeSmtp::start_tls(FakeTls::StartTls(acceptor("relay"))).await;
    with_relay(backend, &smtp, SmtpTls::StartTls, false, async |app| {
        refused(app, &smtp, &["UnknownIssuer"]).await;
    })
    .await;
    smtp.stop().await;
}

db_test!(
    a_certificate_for_another_name_fails_even_with_the_ca,
    each_backend = other_name_with_ca
);
async fn other_name_with_ca(backend: Backend) {
    let smtp = FakeSmtp::start_tls(FakeTls::Implicit(acceptor("elsewhere"))).await;
    with_relay(backend, &smtp, SmtpTls::Tls, true, async |app| {
        refused(
            app,
            &smtp,
            &["not valid for name \"127.0.0.1\"", "NotValidForName"],
        )
        .await;
    })
    .await;
    smtp.stop().await;
}
