//! BankID through a local fake of Idura Signatures: the order created, its webhooks (forged and
//! replayed ones refused), closed by a job, and the signed PDF stored.

use crate::{
    db_test,
    support::fake_idura::{self, FakeIdura},
    support::fixtures::{
        contract, customer_with_contacts, documents, order_id, order_status, run_worker, send_order,
    },
    support::{Backend, TestApp, run_with},
};
use kundekort::{config::IduraConfig, config::Secret};

fn idura_config(addr: std::net::SocketAddr) -> IduraConfig {
    IduraConfig {
        graphql_url: url::Url::parse(&format!("http://{addr}/v1/graphql")).unwrap(),
        client_id: fake_idura::CLIENT_ID.into(),
        client_secret: Secret::new(fake_idura::CLIENT_SECRET),
        webhook_secret: Secret::new(fake_idura::WEBHOOK_SECRET),
    }
}

async fn close_jobs(app: &TestApp) -> i64 {
    sqlx::query_scalar("SELECT COUNT(*) FROM jobs WHERE kind = 'signing.close'")
        .fetch_one(&app.db.pool)
        .await
        .unwrap()
}

db_test!(
    bankid_through_the_broker_create_webhooks_close_store,
    each_backend = bankid_through_the_broker_create_webhooks_close_store
);
async fn bankid_through_the_broker_create_webhooks_close_store(backend: Backend) {
    let (fake, addr) = FakeIdura::spawn().await;
    run_with(
        backend,
        |c| c.idura = Some(idura_config(addr)),
        async |app: &TestApp| {
            let (oslo, _, ase, per) = customer_with_contacts(app).await;
            let (doc, original) = contract(app, oslo).await;
            let res = send_order(app, oslo, doc, "idura", &[ase, per]).await;
            assert_eq!(res.status(), 303, "{:?}", res.text().await);
            let order = order_id(&res);
            let orders = fake.orders();
            assert_eq!(orders.len(), 1);
            let remote = orders[0].clone();
            assert_eq!(remote.pdf, original, "the broker got the exact PDF");
            assert_eq!(remote.login_hint.as_deref(), Some("nobankid_csc"));
            assert_eq!(remote.webhook_url, app.url("/webhooks/idura"));
            assert_eq!(remote.signatories.len(), 2);
            let links: Vec<(String,)> = sqlx::query_as("SELECT sign_url FROM signature_signers WHERE order_id = $1 ORDER BY position")
                .bind(order)
                .fetch_all(&app.db.pool)
                .await
                .unwrap();
            assert_eq!(links[0].0, format!("https://signatures.fake/sign/{}", remote.signatories[0].0));
            // Email is not configured here: the page says the emails wait, and shows no link
            // (they are the signers' own, even behind BankID).
            let ola = app.login("ola@test.no").await;
            let page = ola.get(app.url(&format!("/customers/{oslo}/signing/{order}?sent=1"))).send().await.unwrap().text().await.unwrap();
            assert!(page.contains("E-post er ikke satt opp") && page.contains("venter i utboksen"), "{page}");
            assert!(!page.contains(&links[0].0) && !page.contains("signatures.fake"), "{page}");

            // A forged webhook is refused and changes nothing.
            let (body, _) = fake.webhook("SIGNATORY_SIGNED", &remote, Some(&remote.signatories[0].0));
            let forged = kundekort::integrations::idura::sign_webhook("bm90LXRoZS1zZWNyZXQ=", body.as_bytes());
            let res = reqwest::Client::new()
                .post(app.url("/webhooks/idura"))
                .header("x-criipto-signature", forged)
                .body(body.clone())
                .send()
                .await
                .unwrap();
            assert_eq!(res.status(), 401);
            let res = reqwest::Client::new().post(app.url("/webhooks/idura")).body(body).send().await.unwrap();
            assert_eq!(res.status(), 401, "no signature at all");
            let signed: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM signature_signers WHERE status = 'signed'")
                .fetch_one(&app.db.pool)
                .await
                .unwrap();
            assert_eq!(signed, 0);

            // The first signer signs; the broker delivers the event twice.
            assert_eq!(fake.deliver("SIGNATORY_SIGNED", &remote, Some(&remote.signatories[0].0)).await, 200);
            assert_eq!(fake.deliver("SIGNATORY_SIGNED", &remote, Some(&remote.signatories[0].0)).await, 200);
            let events: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM signature_events WHERE order_id = $1 AND kind = 'signatory_signed'")
                .bind(order)
                .fetch_one(&app.db.pool)
                .await
                .unwrap();
            assert_eq!(events, 1, "the replay changed nothing");
            assert_eq!(close_jobs(app).await, 0);
            let page = ola.get(app.url(&format!("/customers/{oslo}/signing"))).send().await.unwrap().text().await.unwrap();
            assert!(page.contains("Signert av 1 av 2"), "{page}");
            // The second signs: one close job, however often the event comes.
            assert_eq!(fake.deliver("SIGNATORY_SIGNED", &remote, Some(&remote.signatories[1].0)).await, 200);
            assert_eq!(fake.deliver("SIGNATORY_SIGNED", &remote, Some(&remote.signatories[1].0)).await, 200);
            assert_eq!(close_jobs(app).await, 1);
            // The broker fails once when closing; the job tries again.
            fake.fail_next_close();
            run_worker(app).await;
            let calls = fake.calls();
            assert_eq!(calls.iter().filter(|c| *c == "closeSignatureOrder").count(), 2, "{calls:?}");
            assert_eq!(calls.last().map(String::as_str), Some("cleanupSignatureOrder"));
            let (status, signed_version) = order_status(app, order).await;
            assert_eq!(status, "completed");
            let signed_version = signed_version.unwrap();
            let copy = ola
                .get(app.url(&format!("/customers/{oslo}/documents/{doc}/versions/{signed_version}/download")))
                .send()
                .await
                .unwrap()
                .bytes()
                .await
                .unwrap();
            let mut expected = original.clone();
            expected.extend_from_slice(fake_idura::PADES_MARKER);
            assert_eq!(copy.to_vec(), expected, "the broker's signed PDF, stored as it came");
            assert_eq!(documents(app, oslo).await.last().unwrap().1, signed_version);
            // A late replay after completion changes nothing either.
            assert_eq!(fake.deliver("SIGNATORY_SIGNED", &remote, Some(&remote.signatories[1].0)).await, 200);
            assert_eq!(close_jobs(app).await, 1);
        },
    )
    .await;
}
