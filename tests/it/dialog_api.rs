//! Sending through `/api/v1/customers/{id}/messages`: the compose page's checks, the outbox and
//! the worker, and an honest refusal when the channel is not set up.

use serde_json::{Value, json};

use crate::{
    db_test,
    support::fixtures::{customer_with_contacts, message_rows, run_worker},
};

db_test!(
    an_email_sent_through_the_api_is_delivered,
    providers,
    |app, smtp, _sms| {
        let (oslo, bergen, ase, per) = customer_with_contacts(app).await;
        let ola = app.login("ola@test.no").await;
        let url = app.url(&format!("/api/v1/customers/{oslo}/messages"));
        let res = ola
        .post(&url)
        .json(&json!({"channel": "email", "to": [ase, per], "subject": "Hei {first_name}", "body": "Takk for møtet, {first_name}."}))
        .send()
        .await
        .unwrap();
        assert_eq!(res.status(), 202);
        let queued: Value = res.json().await.unwrap();
        assert_eq!(
            queued["total"], 2,
            "personal text: one email each: {queued}"
        );
        let rows = message_rows(app, oslo).await;
        for (item, row) in queued["items"].as_array().unwrap().iter().zip(&rows) {
            assert_eq!(item["status"], "queued");
            assert_eq!(item["channel"], "email");
            assert_eq!(item["id"], row.0);
            assert_eq!(item["uid"], row.2.as_str());
        }
        assert!(
            smtp.messages().is_empty(),
            "nothing goes out before the worker runs"
        );
        assert_eq!(run_worker(app).await, 2);
        let got = smtp.messages();
        assert_eq!(got.len(), 2);
        assert_eq!(got[0].rcpt_to, vec!["ase@nordlys.test".to_string()]);
        assert_eq!(got[0].parsed().subject(), Some("Hei Åse"));
        assert_eq!(got[1].rcpt_to, vec!["per@nordlys.test".to_string()]);
        assert!(
            message_rows(app, oslo).await.iter().all(|m| m.1 == "sent"),
            "{:?}",
            message_rows(app, oslo).await
        );

        // The page's checks: recipients among this customer's contacts, an email needs a subject.
        let res = ola
            .post(&url)
            .json(&json!({"channel": "email", "to": [999999], "body": "x"}))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 422);
        assert_eq!(res.headers()["content-type"], "application/problem+json");
        let problem: Value = res.json().await.unwrap();
        assert!(problem["errors"]["to"].is_array(), "{problem}");
        assert!(problem["errors"]["subject"].is_array(), "{problem}");
        // And the card's access: Ola may not write on Bergen's customer.
        let res = ola
            .post(app.url(&format!("/api/v1/customers/{bergen}/messages")))
            .json(&json!({"channel": "email", "to": [ase], "subject": "x", "body": "x"}))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 404);
        assert_eq!(message_rows(app, oslo).await.len(), 2);
    }
);

db_test!(an_sms_without_an_sms_provider_is_refused, |app| {
    let (oslo, _, ase, _) = customer_with_contacts(app).await;
    let ola = app.login("ola@test.no").await;
    let res = ola
        .post(app.url(&format!("/api/v1/customers/{oslo}/messages")))
        .json(&json!({"channel": "sms", "to": [ase], "body": "Hei!"}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 503);
    assert_eq!(res.headers()["content-type"], "application/problem+json");
    let problem: Value = res.json().await.unwrap();
    assert_eq!(problem["status"], 503);
    assert_eq!(
        problem["detail"],
        "SMS er ikke satt opp på denne serveren (ingen SMS-leverandør), så ingenting ble lagt i køen."
    );
    assert!(
        message_rows(app, oslo).await.is_empty(),
        "nothing was queued"
    );
});
