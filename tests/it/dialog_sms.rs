//! SMS through the gateways' documented contracts (local fake): sending, delivery reports
//! (forged ones refused, repeated ones harmless), replies logged on the right contact, gateway
//! errors retried and then reported, Twilio's signed callbacks.

use kundekort::{
    config::{Secret, SmsConfig, SmsProvider, parse_base_url},
    integrations::sms::twilio_signature,
};

use crate::{
    db_test,
    support::fake_sms::{self, FakeSms},
    support::fixtures::{customer_with_contacts, message_rows, run_worker},
    support::{Backend, TestApp, run_with},
};

async fn send_sms(app: &TestApp, customer: i64, contacts: &[i64], body: &str) {
    let ola = app.login("ola@test.no").await;
    let mut form: Vec<(&str, String)> = contacts.iter().map(|c| ("to", c.to_string())).collect();
    form.push(("body", body.to_string()));
    form.push(("action", "send".to_string()));
    let res = ola
        .post(app.url(&format!("/customers/{customer}/dialog/sms")))
        .form(&form)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303, "{:?}", res.text().await);
}

async fn event_count(app: &TestApp, message: i64, status: &str) -> i64 {
    sqlx::query_scalar("SELECT COUNT(*) FROM message_events WHERE message_id = $1 AND status = $2")
        .bind(message)
        .bind(status)
        .fetch_one(&app.db.pool)
        .await
        .unwrap()
}

crate::db_test!(
    sveve_sends_reports_delivery_and_logs_replies,
    providers,
    |app, _smtp, sms| {
        let (oslo, _, ase, per) = customer_with_contacts(app).await;
        let ola = app.login("ola@test.no").await;
        // The live count under the text.
        let count = ola
            .post(app.url("/dialog/sms-length"))
            .header("hx-request", "true")
            .form(&[("body", "Hei! Møtet er flyttet 👍")])
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        assert!(count.starts_with("24 tegn · 1 SMS"), "{count}");
        send_sms(
            app,
            oslo,
            &[ase, per],
            "Hei {first_name}, timelistene må godkjennes i dag.",
        )
        .await;
        assert_eq!(run_worker(app).await, 2);
        let sent = sms.sent();
        assert_eq!(sent.len(), 2);
        assert_eq!(sent[0].to, "91234567");
        assert_eq!(sent[1].to, "47654321");
        assert_eq!(sent[0].text, "Hei Åse, timelistene må godkjennes i dag.");
        assert_eq!(sent[0].from, "Byraa");
        let rows = message_rows(app, oslo).await;
        assert_eq!(rows[0].1, "sent");
        assert_eq!(
            sent[0].reference, rows[0].2,
            "our stable id goes as the reference"
        );
        let (provider_id,): (String,) =
            sqlx::query_as("SELECT provider_id FROM messages WHERE id = $1")
                .bind(rows[0].0)
                .fetch_one(&app.db.pool)
                .await
                .unwrap();
        assert_eq!(provider_id, sent[0].id);
        let client = app.client();
        let report = format!(
            "?number=91234567&id={}&status=true&ref={}&errorCode=",
            sent[0].id, rows[0].2
        );
        // A forged report (wrong secret) is refused and changes nothing.
        let res = client
            .get(app.url(&format!("/webhooks/sms/sveve/gjettet/status{report}")))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 403);
        assert_eq!(message_rows(app, oslo).await[0].1, "sent");
        // The real one marks it delivered; the same report again changes nothing.
        for _ in 0..2 {
            let res = client
                .get(app.url(&format!(
                    "/webhooks/sms/sveve/sveve-hemmelig/status{report}"
                )))
                .send()
                .await
                .unwrap();
            assert_eq!(res.status(), 200);
        }
        assert_eq!(message_rows(app, oslo).await[0].1, "delivered");
        assert_eq!(event_count(app, rows[0].0, "delivered").await, 1);
        // A report for the other message says it was not delivered.
        let res = client
        .get(app.url(&format!(
            "/webhooks/sms/sveve/sveve-hemmelig/status?number=47654321&id={}&status=false&ref={}&errorCode=4",
            sent[1].id, rows[1].2
        )))
        .send()
        .await
        .unwrap();
        assert_eq!(res.status(), 200);
        let rows = message_rows(app, oslo).await;
        assert_eq!(rows[1].1, "failed");
        assert!(
            rows[1].3.as_deref().unwrap().contains("error 4"),
            "{rows:?}"
        );
        // A reply from Åse's mobile is logged on her, at her customer, twice sent = once logged.
        for _ in 0..2 {
            let res = client
            .get(app.url("/webhooks/sms/sveve/sveve-hemmelig/inbound?number=4791234567&msg=Ja%2C%20ordner%20det&id=77"))
            .send()
            .await
            .unwrap();
            assert_eq!(res.status(), 200);
        }
        let inbound: Vec<(Option<i64>, String, String, Option<i64>)> = sqlx::query_as(
            "SELECT m.customer_id, m.body, m.status, r.contact_id FROM messages m
         JOIN message_recipients r ON r.message_id = m.id WHERE m.direction = 'in'",
        )
        .fetch_all(&app.db.pool)
        .await
        .unwrap();
        assert_eq!(
            inbound,
            [(
                Some(oslo),
                "Ja, ordner det".to_string(),
                "received".to_string(),
                Some(ase)
            )]
        );
        let tab = ola
            .get(app.url(&format!(
                "/customers/{oslo}/dialog?direction=in&contact={ase}"
            )))
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        assert!(tab.contains("Ja, ordner det"), "{tab}");
        assert_eq!(tab.matches("data-message=").count(), 1, "{tab}");
        // A reply from a number nobody has is kept, for the firm-wide view.
        let res = client
        .get(app.url("/webhooks/sms/sveve/sveve-hemmelig/inbound?number=4799999999&msg=Hvem%20er%20dette&id=78"))
        .send()
        .await
        .unwrap();
        assert_eq!(res.status(), 200);
        let firm = app
            .admin()
            .await
            .get(app.url("/dialog?direction=in"))
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        assert!(firm.contains("Hvem er dette"), "{firm}");
        assert!(firm.contains("Ukjent avsender"), "{firm}");
    }
);

crate::db_test!(
    gateway_errors_are_retried_then_reported,
    providers,
    |app, _smtp, sms| {
        let (oslo, _, ase, _) = customer_with_contacts(app).await;
        sms.fail(500, u32::MAX);
        send_sms(app, oslo, &[ase], "Kommer dette fram?").await;
        assert_eq!(
            run_worker(app).await,
            kundekort::jobs::DEFAULT_MAX_ATTEMPTS as usize
        );
        assert_eq!(
            sms.requests(),
            kundekort::jobs::DEFAULT_MAX_ATTEMPTS as usize
        );
        let rows = message_rows(app, oslo).await;
        assert_eq!(rows[0].1, "failed");
        assert!(
            rows[0].3.as_deref().unwrap().contains("HTTP 500"),
            "{rows:?}"
        );
        assert_eq!(
            event_count(app, rows[0].0, "retrying").await,
            kundekort::jobs::DEFAULT_MAX_ATTEMPTS - 1
        );
        assert_eq!(event_count(app, rows[0].0, "failed").await, 1);
        assert!(sms.sent().is_empty());
        // Two failures, then the gateway is back: sent once.
        sms.fail(503, 2);
        send_sms(app, oslo, &[ase], "Andre forsøk").await;
        assert_eq!(run_worker(app).await, 3);
        assert_eq!(sms.sent().len(), 1);
        assert_eq!(message_rows(app, oslo).await[1].1, "sent");
    }
);

fn twilio_config(addr: std::net::SocketAddr) -> SmsConfig {
    SmsConfig {
        provider: SmsProvider::Twilio,
        base_url: parse_base_url(&format!("http://{addr}")).unwrap(),
        user: fake_sms::TWILIO_SID.into(),
        password: Secret::new(fake_sms::TWILIO_TOKEN),
        sender: "+4759440000".into(),
        webhook_secret: None,
    }
}

async fn twilio_flow(backend: Backend) {
    let (sms, addr) = FakeSms::spawn().await;
    run_with(
        backend,
        |c| c.sms = Some(twilio_config(addr)),
        async |app| {
            let (oslo, _, ase, _) = customer_with_contacts(app).await;
            send_sms(app, oslo, &[ase], "Hei fra Twilio").await;
            assert_eq!(run_worker(app).await, 1);
            let sent = sms.sent();
            assert_eq!(sent[0].to, "+4791234567");
            let callback = app.url("/webhooks/sms/twilio/status");
            assert_eq!(sent[0].status_callback, callback);
            let rows = message_rows(app, oslo).await;
            let (sid,): (String,) =
                sqlx::query_as("SELECT provider_id FROM messages WHERE id = $1")
                    .bind(rows[0].0)
                    .fetch_one(&app.db.pool)
                    .await
                    .unwrap();
            let params = vec![
                ("MessageSid".to_string(), sid.clone()),
                ("MessageStatus".to_string(), "delivered".to_string()),
                ("AccountSid".to_string(), fake_sms::TWILIO_SID.to_string()),
            ];
            let client = app.client();
            let forged = twilio_signature("not-the-token", &callback, &params);
            let res = client
                .post(&callback)
                .header("x-twilio-signature", forged)
                .form(&params)
                .send()
                .await
                .unwrap();
            assert_eq!(res.status(), 403);
            assert_eq!(message_rows(app, oslo).await[0].1, "sent");
            let signature = twilio_signature(fake_sms::TWILIO_TOKEN, &callback, &params);
            let res = client
                .post(&callback)
                .header("x-twilio-signature", signature)
                .form(&params)
                .send()
                .await
                .unwrap();
            assert_eq!(res.status(), 200);
            assert_eq!(message_rows(app, oslo).await[0].1, "delivered");
            // An incoming reply, signed.
            let inbound_url = app.url("/webhooks/sms/twilio/inbound");
            let params = vec![
                ("MessageSid".to_string(), "SM999".to_string()),
                ("From".to_string(), "+4791234567".to_string()),
                ("To".to_string(), "+4759440000".to_string()),
                ("Body".to_string(), "Mottatt, takk".to_string()),
            ];
            let res = client
                .post(&inbound_url)
                .header(
                    "x-twilio-signature",
                    twilio_signature(fake_sms::TWILIO_TOKEN, &inbound_url, &params),
                )
                .form(&params)
                .send()
                .await
                .unwrap();
            assert_eq!(res.status(), 200);
            assert!(res.text().await.unwrap().contains("<Response></Response>"));
            let (customer, body): (Option<i64>, String) =
                sqlx::query_as("SELECT customer_id, body FROM messages WHERE direction = 'in'")
                    .fetch_one(&app.db.pool)
                    .await
                    .unwrap();
            assert_eq!((customer, body.as_str()), (Some(oslo), "Mottatt, takk"));
            let res = client
                .post(&inbound_url)
                .form(&params)
                .send()
                .await
                .unwrap();
            assert_eq!(res.status(), 403, "unsigned requests are refused");
        },
    )
    .await;
}

db_test!(twilio_signed_callbacks, each_backend = twilio_flow);
