//! Delivery by the customer's choice (decision 0032): EHF to the access point's fake (asked
//! first whether the buyer receives the document type; the UBL it got is ours and passes the EHF
//! validator), a buyer that does not receive EHF (failed with the reason, switched to paper),
//! 5xx answers retried until sent, email with the PDF through the outbox and the fake SMTP, the
//! print list, access (consultant 403, portal contacts not at all), and what the page says when
//! a method is not set up.

use std::net::SocketAddr;

use mail_parser::MimeHeaders;

use kundekort::{
    invoices::{credit::credit_whole, store},
    timefmt::{now, when::oslo_date},
};

use crate::db_test;
use crate::support::{
    Backend, TestApp,
    fake_access_point::FakeAccessPoint,
    fixtures::{contact, count, run_worker},
    invoices::{buyer, issued, line},
    run_with,
    timesheets::portal,
};

/// A buyer whose invoice settings choose `method`, with an invoice email and a language.
async fn customer(app: &TestApp, name: &str, method: &str, language: &str) -> i64 {
    let id = buyer(app, name).await;
    sqlx::query(
        "INSERT INTO invoice_settings (customer_id, invoice_email, delivery_method, \
         invoice_language, updated_at) VALUES ($1, $2, $3, $4, 0)",
    )
    .bind(id)
    .bind("faktura@kunde.example")
    .bind(method)
    .bind(language)
    .execute(&app.db.pool)
    .await
    .unwrap();
    id
}

/// An invoice issued two days ago, with the buyer's reference EHF needs (BT-10).
async fn invoice(app: &TestApp, customer: i64) -> i64 {
    let user = app.fx.admin;
    let mut tx = app.db.begin().await.unwrap();
    let id = store::create_draft(&mut tx, customer, Some("Kari Nordmann"), None, user)
        .await
        .unwrap();
    let mut version = 1;
    for l in [
        line("Lagermedarbeider", 7_500, 45_000, "S", 2500),
        line("Kurs", 1_000, 120_000, "S", 2500),
    ] {
        version = store::add_line(&mut tx, id, version, &l, user)
            .await
            .unwrap()
            .1;
    }
    let day = oslo_date(now()) - time::Duration::days(2);
    store::issue(&mut tx, id, version, user, day).await.unwrap();
    tx.commit().await.unwrap();
    id
}

async fn delivery(app: &TestApp, id: i64) -> (String, String, Option<String>, Option<i64>) {
    sqlx::query_as(
        "SELECT delivery_method, delivery_status, delivery_detail, delivered_at \
         FROM invoice_state WHERE invoice_id = $1",
    )
    .bind(id)
    .fetch_one(&app.db.pool)
    .await
    .unwrap()
}

async fn get(client: &reqwest::Client, app: &TestApp, path: &str) -> (u16, String) {
    let res = client.get(app.url(path)).send().await.unwrap();
    (res.status().as_u16(), res.text().await.unwrap())
}

async fn post(
    client: &reqwest::Client,
    app: &TestApp,
    path: &str,
    form: &[(&str, &str)],
) -> (u16, String) {
    let res = client.post(app.url(path)).form(form).send().await.unwrap();
    (res.status().as_u16(), res.text().await.unwrap())
}

/// Runs `body` with the fake access point configured.
async fn with_access_point(backend: Backend, body: impl AsyncFnOnce(&TestApp, &FakeAccessPoint)) {
    let (fake, addr): (FakeAccessPoint, SocketAddr) = FakeAccessPoint::spawn().await;
    run_with(
        backend,
        |c| c.access_point = Some(FakeAccessPoint::config(addr)),
        async |app| body(app, &fake).await,
    )
    .await;
}

async fn ehf_goes_to_the_access_point(backend: Backend) {
    with_access_point(backend, async |app, fake| {
        let customer = customer(app, "Nordlys Elektro AS", "ehf", "nb").await;
        let id = invoice(app, customer).await;
        run_worker(app).await;

        let asked = fake.discoveries();
        assert_eq!(asked.len(), 1, "{asked:?}");
        assert_eq!(asked[0]["documentTypes"][0], "invoice");
        assert_eq!(asked[0]["network"], "peppol");
        assert_eq!(asked[0]["scheme"], "0192");
        assert_eq!(asked[0]["identifier"], "974760673");
        let sent = fake.submissions();
        assert_eq!(sent.len(), 1);
        assert_eq!(sent[0].body["document"]["documentType"], "invoice");
        assert_eq!(sent[0].body["routing"]["eIdentifiers"][0]["scheme"], "0192");
        assert_eq!(
            sent[0].body["routing"]["eIdentifiers"][0]["id"],
            "974760673"
        );
        assert_eq!(sent[0].body["document"]["rawDocumentData"]["parse"], false);
        // The body the access point got is our EHF, as /invoices/{id}/ehf.xml serves it.
        let admin = app.admin().await;
        let (code, ours) = get(&admin, app, &format!("/invoices/{id}/ehf.xml")).await;
        assert_eq!(code, 200);
        assert_eq!(sent[0].ubl, ours);
        assert!(sent[0].ubl.contains("<Invoice"));

        let (method, status, detail, at) = delivery(app, id).await;
        assert_eq!((method.as_str(), status.as_str()), ("ehf", "sent"));
        assert!(detail.unwrap().starts_with("ap-id:"));
        assert!(at.is_some());
        assert_eq!(
            count(
                app,
                &format!(
                    "SELECT COUNT(*) FROM audit_log WHERE entity = 'invoice' AND entity_id = {id} \
                     AND action = 'delivered'"
                )
            )
            .await,
            1
        );
        let (_, page) = get(&admin, app, &format!("/invoices/{id}")).await;
        assert!(page.contains("data-status=\"sent\""), "{page}");
        assert!(page.contains("Levert til aksesspunktet"));
        assert!(!page.contains("id=\"delivery-form\""));

        // A credit note is asked for as a credit note, and goes as one.
        let note = {
            let mut tx = app.db.begin().await.unwrap();
            let n = credit_whole(&mut tx, id, "Feil timetall", app.fx.admin, oslo_date(now()))
                .await
                .unwrap();
            tx.commit().await.unwrap();
            n.id
        };
        run_worker(app).await;
        let asked = fake.discoveries();
        assert_eq!(asked.last().unwrap()["documentTypes"][0], "creditnote");
        let sent = fake.submissions();
        assert_eq!(sent.len(), 2);
        assert_eq!(sent[1].body["document"]["documentType"], "creditnote");
        assert!(sent[1].ubl.contains("<CreditNote"));
        assert_eq!(delivery(app, note).await.1, "sent");

        let dir = tempfile::tempdir().unwrap();
        let files: Vec<_> = sent
            .iter()
            .enumerate()
            .map(|(i, s)| {
                let path = dir.path().join(format!("sent-{i}.xml"));
                std::fs::write(&path, &s.ubl).unwrap();
                path
            })
            .collect();
        if let Some((ok, report)) = crate::ehf::validate(&files) {
            assert!(ok, "{report}");
        }
    })
    .await;
}
db_test!(
    ehf_goes_to_the_access_point_as_our_validated_ubl,
    each_backend = ehf_goes_to_the_access_point
);

async fn not_a_receiver(backend: Backend) {
    with_access_point(backend, async |app, fake| {
        fake.refuse("0192:974760673", "invoice");
        let customer = customer(app, "Nordlys Elektro AS", "ehf", "nb").await;
        let id = invoice(app, customer).await;
        run_worker(app).await;
        assert!(fake.submissions().is_empty());
        let (_, status, detail, _) = delivery(app, id).await;
        assert_eq!(status, "failed");
        assert_eq!(detail.as_deref(), Some("not-receiver:0192:974760673"));
        assert_eq!(
            count(
                app,
                &format!(
                    "SELECT COUNT(*) FROM audit_log WHERE entity_id = {id} \
                     AND action = 'delivery_failed'"
                )
            )
            .await,
            1
        );
        let admin = app.admin().await;
        let (_, page) = get(&admin, app, &format!("/invoices/{id}")).await;
        assert!(page.contains("data-status=\"failed\""));
        assert!(page.contains("tar ikke imot fakturaer som EHF"), "{page}");
        assert!(page.contains("id=\"delivery-form\""));

        // Staff switch it to print: pending again, on the print list.
        let (code, _) = post(
            &admin,
            app,
            &format!("/invoices/{id}/delivery"),
            &[("method", "paper")],
        )
        .await;
        assert_eq!(code, 303);
        let (method, status, detail, _) = delivery(app, id).await;
        assert_eq!((method.as_str(), status.as_str()), ("paper", "pending"));
        assert!(detail.is_none());
        let (_, list) = get(&admin, app, "/invoices/print").await;
        assert!(list.contains(&format!("id=\"print-{id}\"")));
        // An invoice without buyer or order reference cannot be EHF. An EHF buyer's draft
        // without either is not issued at all (invoice_documents.rs); one issued for print and
        // switched to EHF afterwards fails, saying why.
        let settings = |method: &'static str| {
            sqlx::query("UPDATE invoice_settings SET delivery_method = $1 WHERE customer_id = $2")
                .bind(method)
                .bind(customer)
                .execute(&app.db.pool)
        };
        settings("paper").await.unwrap();
        let (bare, _) = issued(app, customer, &[line("Kurs", 1_000, 120_000, "S", 2500)], 1).await;
        settings("ehf").await.unwrap();
        let (code, _) = post(
            &admin,
            app,
            &format!("/invoices/{bare}/delivery"),
            &[("method", "ehf")],
        )
        .await;
        assert_eq!(code, 303);
        run_worker(app).await;
        let (_, status, detail, _) = delivery(app, bare).await;
        assert_eq!(status, "failed");
        assert!(detail.unwrap().starts_with("ehf-invalid:"));
        let (_, page) = get(&admin, app, &format!("/invoices/{bare}")).await;
        assert!(page.contains("EHF-en kan ikke lages"), "{page}");
        // A method that does not exist is refused.
        let (code, _) = post(
            &admin,
            app,
            &format!("/invoices/{id}/delivery"),
            &[("method", "fax")],
        )
        .await;
        assert_eq!(code, 409);
    })
    .await;
}
db_test!(
    a_buyer_that_does_not_receive_ehf_fails_with_the_reason,
    each_backend = not_a_receiver
);

async fn retried(backend: Backend) {
    with_access_point(backend, async |app, fake| {
        fake.fail_next(2);
        let customer = customer(app, "Nordlys Elektro AS", "ehf", "nb").await;
        let id = invoice(app, customer).await;
        run_worker(app).await;
        assert_eq!(fake.submissions().len(), 1);
        assert_eq!(delivery(app, id).await.1, "sent");
        let (attempts, last_error): (i64, Option<String>) = sqlx::query_as(
            "SELECT attempts, last_error FROM jobs WHERE kind = 'invoice_delivery_ehf'",
        )
        .fetch_one(&app.db.pool)
        .await
        .unwrap();
        assert_eq!(attempts, 3);
        assert!(last_error.is_none());
    })
    .await;
}
db_test!(server_errors_are_retried_until_sent, each_backend = retried);

#[cfg(feature = "pdf")]
db_test!(
    email_goes_with_the_pdf_through_the_outbox,
    providers,
    |app, smtp, _sms| {
        let customer = customer(app, "Fjordbygg AS", "email", "en").await;
        let id = invoice(app, customer).await;
        run_worker(app).await;
        let mails = smtp.wait_for(1, 10).await;
        assert_eq!(mails.len(), 1);
        assert_eq!(mails[0].rcpt_to, vec!["faktura@kunde.example".to_string()]);
        let parsed = mails[0].parsed();
        let number: (i64,) = sqlx::query_as("SELECT number FROM invoices WHERE id = $1")
            .bind(id)
            .fetch_one(&app.db.pool)
            .await
            .unwrap();
        // In the customer's invoice language (English).
        assert_eq!(
            parsed.subject().unwrap(),
            format!("Invoice {} from {}", number.0, app.state.config.seller.name)
        );
        let pdf = parsed
            .attachments()
            .find(|a| a.attachment_name() == Some(format!("Invoice-{}.pdf", number.0).as_str()))
            .expect("the PDF attached");
        assert!(pdf.contents().starts_with(b"%PDF"));
        // The PDF is on record as a card document, and the message in the card's dialog.
        assert_eq!(
            count(
                app,
                &format!("SELECT COUNT(*) FROM documents WHERE customer_id = {customer}")
            )
            .await,
            1
        );
        assert_eq!(
        count(
            app,
            &format!(
                "SELECT COUNT(*) FROM message_attachments a JOIN messages m ON m.id = a.message_id \
                 WHERE m.customer_id = {customer}"
            )
        )
        .await,
        1
    );
        // Viewing the invoice brings the delivery up to date with the message.
        let admin = app.admin().await;
        let (_, page) = get(&admin, app, &format!("/invoices/{id}")).await;
        assert!(page.contains("data-status=\"sent\""), "{page}");
        assert!(page.contains("faktura@kunde.example"));
        assert_eq!(delivery(app, id).await.1, "sent");
    }
);

db_test!(the_print_list_marks_chosen_ones_sent, |app| {
    let customer = customer(app, "Nordlys Elektro AS", "paper", "nb").await;
    let a = invoice(app, customer).await;
    let b = invoice(app, customer).await;
    let consultant = app.login("ola@test.no").await;
    let (code, _) = get(&consultant, app, "/invoices/print").await;
    assert_eq!(code, 403);
    let (code, _) = post(
        &consultant,
        app,
        "/invoices/print",
        &[("id", &a.to_string())],
    )
    .await;
    assert_eq!(code, 403);
    let (code, _) = post(
        &consultant,
        app,
        &format!("/invoices/{a}/delivery"),
        &[("method", "email")],
    )
    .await;
    assert_eq!(code, 403);
    // A portal contact of the same company gets nothing of the staff pages.
    let kari = contact(app, customer, "Kari", "Nordmann").await;
    let contact_client = portal(app, kari, "view_invoices").await;
    let (code, _) = get(&contact_client, app, "/invoices/print").await;
    assert_ne!(code, 200);
    let (code, _) = post(
        &contact_client,
        app,
        "/invoices/print",
        &[("id", &a.to_string())],
    )
    .await;
    assert_ne!(code, 200);
    assert_eq!(delivery(app, a).await.1, "pending");

    let admin = app.admin().await;
    let (code, list) = get(&admin, app, "/invoices/print").await;
    assert_eq!(code, 200);
    assert!(list.contains(&format!("id=\"print-{a}\"")));
    assert!(list.contains(&format!("id=\"print-{b}\"")));
    assert!(list.contains(&format!("/invoices/{a}/pdf")));
    let (code, _) = post(&admin, app, "/invoices/print", &[("id", &a.to_string())]).await;
    assert_eq!(code, 303);
    let (_, status, detail, at) = delivery(app, a).await;
    assert_eq!(status, "sent");
    assert_eq!(detail.as_deref(), Some("printed:Ada Admin"));
    assert!(at.is_some());
    assert_eq!(delivery(app, b).await.1, "pending");
    let (_, list) = get(&admin, app, "/invoices/print?marked=1").await;
    assert!(!list.contains(&format!("id=\"print-{a}\"")));
    assert!(list.contains(&format!("id=\"print-{b}\"")));
    assert!(list.contains("1 dokument markert som sendt."));
    // The invoice list shows it sent.
    let (_, page) = get(&admin, app, &format!("/invoices/{a}")).await;
    assert!(page.contains("Skrevet ut og sendt av Ada Admin"));
    // Marking again changes nothing.
    post(&admin, app, "/invoices/print", &[("id", &a.to_string())]).await;
    assert_eq!(
        count(
            app,
            &format!(
                "SELECT COUNT(*) FROM audit_log WHERE entity_id = {a} AND action = 'delivered'"
            )
        )
        .await,
        1
    );
});

// The default test config has neither an access point nor SMTP.
db_test!(unconfigured_methods_say_so_and_wait, |app| {
    let customer = customer(app, "Nordlys Elektro AS", "ehf", "nb").await;
    let ehf_id = invoice(app, customer).await;
    sqlx::query("UPDATE invoice_settings SET delivery_method = 'email' WHERE customer_id = $1")
        .bind(customer)
        .execute(&app.db.pool)
        .await
        .unwrap();
    let email_id = invoice(app, customer).await;
    run_worker(app).await;
    assert_eq!(delivery(app, ehf_id).await.1, "pending");
    assert_eq!(delivery(app, email_id).await.1, "pending");
    assert_eq!(
        count(
            app,
            "SELECT COUNT(*) FROM jobs WHERE kind LIKE 'invoice_delivery%' AND attempts = 0 \
             AND done_at IS NULL"
        )
        .await,
        2
    );
    assert_eq!(count(app, "SELECT COUNT(*) FROM messages").await, 0);
    let admin = app.admin().await;
    let (_, page) = get(&admin, app, &format!("/invoices/{ehf_id}")).await;
    assert!(page.contains("id=\"delivery-not-configured\""));
    assert!(page.contains("Sending av EHF er ikke satt opp"));
    let (_, page) = get(&admin, app, &format!("/invoices/{email_id}")).await;
    assert!(page.contains("Sending av e-post med PDF er ikke satt opp"));
});
