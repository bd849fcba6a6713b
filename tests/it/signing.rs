//! Contracts sent for signing: the built-in simple signature end to end (link by email, one-time
//! code, the exact document, evidence, a signed copy with a signature page), and BankID through
//! a local fake of Idura Signatures (create → webhooks → close → signed PDF stored), with
//! forged and replayed webhooks, reminders, cancelling and the portal.

use kundekort::{
    config::{IduraConfig, Secret},
    signing::pdf::last_page_text,
};
use sha2::Digest;

use crate::{
    db_test,
    support::fake_idura::{self, FakeIdura},
    support::fixtures::{
        accept, add_contact, contract, customer_with_contacts, documents, invite, invite_path,
        mailed_code, order_id, order_status, run_worker, send_order, sign_path,
    },
    support::{Backend, TestApp, run_with},
};

db_test!(
    a_contact_signs_with_the_simple_signature,
    providers,
    |app, smtp, _sms| {
        let (oslo, _, ase, _per) = customer_with_contacts(app).await;
        let (doc, original) = contract(app, oslo).await;
        let ola = app.login("ola@test.no").await;
        let form = ola
            .get(app.url(&format!("/customers/{oslo}/signing/new?document={doc}")))
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        assert!(
            form.contains("Enkel elektronisk signatur") && form.contains("Dette er ikke BankID")
        );
        assert!(
            form.contains("id=\"idura-not-configured\""),
            "says BankID is not set up"
        );
        // Bad input: no signer, a deadline out of range; what was typed stays.
        let res = ola
            .post(app.url(&format!("/customers/{oslo}/signing")))
            .form(&[
                ("document", doc.to_string()),
                ("title", "Rammeavtale 2027".into()),
                ("expires_days", "400".into()),
                ("method", "simple".into()),
            ])
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 422);
        let page = res.text().await.unwrap();
        assert!(
            page.contains("Velg minst én signatar") && page.contains("mellom 1 og 90 dager"),
            "{page}"
        );
        assert!(page.contains("value=\"Rammeavtale 2027\"") && page.contains("value=\"400\""));

        let res = send_order(app, oslo, doc, "simple", &[ase]).await;
        assert_eq!(res.status(), 303, "{:?}", res.text().await);
        let order = order_id(&res);
        run_worker(app).await;
        let mails = smtp.wait_for(1, 10).await;
        assert_eq!(mails[0].rcpt_to, vec!["ase@nordlys.test".to_string()]);
        let mail = mails[0].parsed();
        assert_eq!(
            mail.subject(),
            Some("Dokument til signering: Rammeavtale 2027")
        );
        let body = mail.body_text(0).unwrap().to_string();
        assert!(body.contains("Se punkt 4 om overtid."), "{body}");
        assert!(
            body.contains("Signeringsmåte: Enkel elektronisk signatur"),
            "{body}"
        );
        let link = sign_path(&body);

        // The signer, in their own browser.
        let signer = app.client();
        let page = signer
            .get(app.url(&link))
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        assert!(
            page.contains("Ola Oslo ber Åse Berg signere") && page.contains("Det er ikke BankID"),
            "{page}"
        );
        assert!(page.contains("a***@nordlys.test"), "the address is masked");
        let res = signer
            .get(app.url(&format!("{link}/document")))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 403, "no document before the code");
        let res = signer
            .post(app.url(&format!("{link}/code")))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 303);
        run_worker(app).await;
        let mails = smtp.wait_for(2, 10).await;
        let code = mailed_code(&mails[1]);
        assert_eq!(
            mails[1].parsed().subject(),
            Some("Engangskode for signering: Rammeavtale 2027"),
            "the subject names no code"
        );
        let wrong = if code == "000000" { "111111" } else { "000000" };
        let res = signer
            .post(app.url(&format!("{link}/verify")))
            .form(&[("code", wrong)])
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 422);
        let page = res.text().await.unwrap();
        assert!(
            page.contains("Koden stemmer ikke") && page.contains(&format!("value=\"{wrong}\""))
        );
        // Too many wrong codes: refused, and the security log says so, without the link's
        // secret (decision 0066); once a minute from one address.
        sqlx::query("UPDATE signature_signers SET code_attempts = 5")
            .execute(&app.db.pool)
            .await
            .unwrap();
        for _ in 0..2 {
            let res = signer
                .post(app.url(&format!("{link}/verify")))
                .form(&[("code", code.as_str())])
                .send()
                .await
                .unwrap();
            assert_eq!(res.status(), 422);
        }
        let locked: Vec<(String,)> =
            sqlx::query_as("SELECT detail FROM security_log WHERE kind = 'signing-code-locked'")
                .fetch_all(&app.db.pool)
                .await
                .unwrap();
        assert_eq!(locked.len(), 1, "{locked:?}");
        assert!(
            locked[0].0.starts_with("POST /sign/{token}/verify: order ")
                && locked[0].0.ends_with("too many wrong codes (code)"),
            "{locked:?}"
        );
        let secret = link.trim_start_matches("/sign/");
        assert!(!locked[0].0.contains(secret), "{locked:?}");
        sqlx::query("UPDATE signature_signers SET code_attempts = 1")
            .execute(&app.db.pool)
            .await
            .unwrap();
        let res = signer
            .post(app.url(&format!("{link}/verify")))
            .form(&[("code", code.as_str())])
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 303);
        let shown = signer
            .get(app.url(&format!("{link}/document")))
            .send()
            .await
            .unwrap()
            .bytes()
            .await
            .unwrap();
        assert_eq!(shown.to_vec(), original, "the whole document, exactly");
        let res = signer
            .post(app.url(&format!("{link}/sign")))
            .form(&[("x", "")])
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 422, "the box must be ticked");
        let res = signer
            .post(app.url(&format!("{link}/sign")))
            .form(&[("confirm", "1")])
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 303);
        let page = signer
            .get(app.url(&link))
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        assert!(
            page.contains("id=\"signed-done\"") && page.contains("Alle har signert"),
            "{page}"
        );
        let res = signer
            .post(app.url(&format!("{link}/sign")))
            .form(&[("confirm", "1")])
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 409, "signing twice is refused");

        // Evidence, and the signed copy as the document's new version.
        let (status, signed_version) = order_status(app, order).await;
        assert_eq!(status, "completed");
        let (ip, ua, sha): (String, String, String) = sqlx::query_as(
        "SELECT signed_ip, signed_user_agent, signed_sha256 FROM signature_signers WHERE order_id = $1",
    )
    .bind(order)
    .fetch_one(&app.db.pool)
    .await
    .unwrap();
        assert_eq!(ip, "127.0.0.1");
        let original_sha = hex::encode(sha2::Sha256::digest(&original));
        assert_eq!(sha, original_sha);
        let signed_version = signed_version.unwrap();
        let current = documents(app, oslo).await.last().unwrap().1;
        assert_eq!(current, signed_version);
        let copy = ola
            .get(app.url(&format!(
                "/customers/{oslo}/documents/{doc}/versions/{signed_version}/download"
            )))
            .send()
            .await
            .unwrap()
            .bytes()
            .await
            .unwrap();
        let (pages, text) = last_page_text(&copy).unwrap();
        assert_eq!(pages, 2, "the original page and the signature page");
        for expected in [
            "Signaturside",
            "Enkel elektronisk signatur",
            "Åse Berg",
            "ase@nordlys.test",
            "127.0.0.1",
            &original_sha[..40],
        ] {
            assert!(
                text.replace('\n', "").contains(expected),
                "{expected} in {text}"
            );
        }
        let _ = ua;
        let card = ola
            .get(app.url(&format!("/customers/{oslo}/signing/{order}")))
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        assert!(
            card.contains("Fullført")
                && card.contains("Engangskode bekreftet")
                && card.contains("id=\"signed-copy\""),
            "{card}"
        );
        let overview = ola
            .get(app.url(&format!("/customers/{oslo}")))
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        assert!(overview.contains("Signert kopi lagret"));
    }
);

db_test!(
    a_rejection_reminders_and_cancelling,
    providers,
    |app, smtp, _sms| {
        let (oslo, _, ase, per) = customer_with_contacts(app).await;
        let (doc, _) = contract(app, oslo).await;
        let ola = app.login("ola@test.no").await;
        let res = send_order(app, oslo, doc, "simple", &[ase, per]).await;
        let order = order_id(&res);
        run_worker(app).await;
        smtp.wait_for(2, 10).await;
        let (per_signer,): (i64,) = sqlx::query_as(
            "SELECT id FROM signature_signers WHERE order_id = $1 AND contact_id = $2",
        )
        .bind(order)
        .bind(per)
        .fetch_one(&app.db.pool)
        .await
        .unwrap();
        let res = ola
            .post(app.url(&format!(
                "/customers/{oslo}/signing/{order}/signers/{per_signer}/remind"
            )))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 303);
        run_worker(app).await;
        let mails = smtp.wait_for(3, 10).await;
        let reminder = mails[2].parsed();
        assert_eq!(
            reminder.subject(),
            Some("Påminnelse: dokument til signering: Rammeavtale 2027")
        );
        assert_eq!(mails[2].rcpt_to, vec!["per@nordlys.test".to_string()]);
        // Per rejects with a reason.
        let link = sign_path(&reminder.body_text(0).unwrap());
        let signer = app.client();
        signer
            .post(app.url(&format!("{link}/code")))
            .send()
            .await
            .unwrap();
        run_worker(app).await;
        let mails = smtp.wait_for(4, 10).await;
        let code = mailed_code(&mails[3]);
        signer
            .post(app.url(&format!("{link}/verify")))
            .form(&[("code", code.as_str())])
            .send()
            .await
            .unwrap();
        let res = signer
            .post(app.url(&format!("{link}/reject")))
            .form(&[("reason", "  ")])
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 422);
        let res = signer
            .post(app.url(&format!("{link}/reject")))
            .form(&[("reason", "Feil timepris i punkt 3")])
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 303);
        assert_eq!(order_status(app, order).await.0, "rejected");
        let card = ola
            .get(app.url(&format!("/customers/{oslo}/signing/{order}")))
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        assert!(
            card.contains("Avvist") && card.contains("Feil timepris i punkt 3"),
            "{card}"
        );
        // A closed order cannot be cancelled; an open one can, and its link stops working.
        let res = ola
            .post(app.url(&format!("/customers/{oslo}/signing/{order}/cancel")))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 409);
        let res = send_order(app, oslo, doc, "simple", &[ase]).await;
        let second = order_id(&res);
        run_worker(app).await;
        let mails = smtp.wait_for(5, 10).await;
        let link = sign_path(&mails[4].parsed().body_text(0).unwrap());
        let res = ola
            .post(app.url(&format!("/customers/{oslo}/signing/{second}/cancel")))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 303);
        assert_eq!(order_status(app, second).await.0, "cancelled");
        let page = app
            .client()
            .get(app.url(&link))
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        assert!(page.contains("kansellert av byrået"), "{page}");
        let res = app
            .client()
            .post(app.url(&format!("{link}/code")))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 409);
        // Staff elsewhere cannot see or touch the orders.
        let berit = app.login("berit@test.no").await;
        let res = berit
            .get(app.url(&format!("/customers/{oslo}/signing/{order}")))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 404);
        let res = berit
            .post(app.url(&format!("/customers/{oslo}/signing/{second}/cancel")))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 404);
    }
);

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

db_test!(
    portal_contacts_see_what_waits_for_their_signature,
    providers,
    |app, smtp, _sms| {
        let (oslo, bergen, ase, per) = customer_with_contacts(app).await;
        let (doc, _) = contract(app, oslo).await;
        let ola = app.login("ola@test.no").await;
        let res = send_order(app, oslo, doc, "simple", &[ase]).await;
        assert_eq!(res.status(), 303);
        run_worker(app).await;
        // The invitation is mailed (SMTP is configured); take the link from the mail.
        let res = ola
            .post(app.url(&format!("/customers/{oslo}/contacts/{ase}/portal")))
            .form(&[
                ("rights", "sign_documents"),
                ("rights", "view_documents"),
                ("preset", ""),
            ])
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 200);
        run_worker(app).await;
        let mails = smtp.wait_for(2, 10).await;
        let portal = accept(app, &invite_path(&mails[1])).await;
        let home = portal
            .get(app.url("/portal"))
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        assert!(
            home.contains("Venter på din signatur") && home.contains("Rammeavtale 2027"),
            "{home}"
        );
        let (signer,): (i64,) =
            sqlx::query_as("SELECT id FROM signature_signers WHERE contact_id = $1")
                .bind(ase)
                .fetch_one(&app.db.pool)
                .await
                .unwrap();
        let res = portal
            .get(app.url(&format!("/portal/sign/{signer}")))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 303);
        let to = res.headers()["location"].to_str().unwrap();
        assert!(to.starts_with(&app.url("/sign/")), "{to}");
        // Another contact (same company, no signature asked of them) cannot open it.
        let res = ola
            .post(app.url(&format!("/customers/{oslo}/contacts/{per}/portal")))
            .form(&[("rights", "sign_documents"), ("preset", "")])
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 200);
        run_worker(app).await;
        let mails = smtp.wait_for(3, 10).await;
        let per_portal = accept(app, &invite_path(&mails[2])).await;
        let res = per_portal
            .get(app.url(&format!("/portal/sign/{signer}")))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 404);
        let _ = (bergen, add_contact, invite);
    }
);

db_test!(
    a_signing_code_lives_ten_minutes,
    providers,
    |app, smtp, _sms| {
        // ASVS 6.5.5: an out-of-band code lives at most ten minutes.
        let (oslo, _, ase, _per) = customer_with_contacts(app).await;
        let (doc, _) = contract(app, oslo).await;
        let res = send_order(app, oslo, doc, "simple", &[ase]).await;
        assert_eq!(res.status(), 303);
        run_worker(app).await;
        let mails = smtp.wait_for(1, 10).await;
        let link = sign_path(&mails[0].parsed().body_text(0).unwrap());
        let signer = app.client();
        let before = kundekort::timefmt::now();
        let res = signer
            .post(app.url(&format!("{link}/code")))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 303);
        // The code is made when its message goes (`links::mint_code`, in the job), so its ten
        // minutes run from some moment up to the delivery.
        run_worker(app).await;
        let mails = smtp.wait_for(2, 10).await;
        let after = kundekort::timefmt::now();
        let body = mails[1].parsed().body_text(0).unwrap().to_string();
        assert!(body.contains("Den gjelder i 10 minutter."), "{body}");
        let code = mailed_code(&mails[1]);
        let expires: i64 = sqlx::query_scalar(
            "SELECT code_expires_at FROM signature_signers WHERE contact_id = $1",
        )
        .bind(ase)
        .fetch_one(&app.db.pool)
        .await
        .unwrap();
        assert!(
            (before + 600..=after + 600).contains(&expires),
            "{before} {expires} {after}"
        );
        // Past its ten minutes the right code is refused, and the signer is told to ask again.
        sqlx::query("UPDATE signature_signers SET code_expires_at = $1 WHERE contact_id = $2")
            .bind(before - 1)
            .bind(ase)
            .execute(&app.db.pool)
            .await
            .unwrap();
        let res = signer
            .post(app.url(&format!("{link}/verify")))
            .form(&[("code", code.as_str())])
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 422);
        let page = res.text().await.unwrap();
        assert!(
            page.contains("Koden er utløpt. Be om en ny kode."),
            "{page}"
        );
    }
);

db_test!(
    an_order_past_its_deadline_expires,
    providers,
    |app, smtp, _sms| {
        let (oslo, _, ase, _per) = customer_with_contacts(app).await;
        let (doc, _) = contract(app, oslo).await;
        let res = send_order(app, oslo, doc, "simple", &[ase]).await;
        let order = order_id(&res);
        run_worker(app).await;
        let mails = smtp.wait_for(1, 10).await;
        let link = sign_path(&mails[0].parsed().body_text(0).unwrap());
        sqlx::query("UPDATE signature_orders SET expires_at = $1 WHERE id = $2")
            .bind(kundekort::timefmt::now() - 60)
            .bind(order)
            .execute(&app.db.pool)
            .await
            .unwrap();
        let page = app
            .client()
            .get(app.url(&link))
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        assert!(page.contains("Signeringen er utløpt"), "{page}");
        assert_eq!(order_status(app, order).await.0, "expired");
        let res = app
            .client()
            .post(app.url(&format!("{link}/code")))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 409);
        let ola = app.login("ola@test.no").await;
        let card = ola
            .get(app.url(&format!("/customers/{oslo}/signing/{order}")))
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        assert!(card.contains("Utløpt"), "{card}");
    }
);

db_test!(
    without_email_a_portal_contact_signs_with_the_log_in_and_the_unreachable_are_named,
    |app| {
        // No email set up. Åse has portal access with the right to sign; Per has none.
        let (oslo, _, ase, per) = customer_with_contacts(app).await;
        let (doc, _) = contract(app, oslo).await;
        let ola = app.login("ola@test.no").await;
        let contact = crate::support::timesheets::portal(app, ase, "sign_documents").await;
        let res = send_order(app, oslo, doc, "simple", &[ase, per]).await;
        assert_eq!(res.status(), 303);
        let order = order_id(&res);
        let events: Vec<(String, Option<i64>)> = sqlx::query_as(
            "SELECT e.kind, s.contact_id FROM signature_events e \
             JOIN signature_signers s ON s.id = e.signer_id WHERE e.order_id = $1 ORDER BY e.id",
        )
        .bind(order)
        .fetch_all(&app.db.pool)
        .await
        .unwrap();
        assert_eq!(
            events,
            vec![
                ("waiting_in_portal".to_string(), Some(ase)),
                ("unreachable".to_string(), Some(per)),
            ],
            "no \"link sent\" where nothing was sent"
        );
        let page = ola
            .get(app.url(&format!("/customers/{oslo}/signing/{order}")))
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        assert!(page.contains("Venter i kundeportalen"), "{page}");
        assert!(page.contains("Per Ås kan ikke nås"), "{page}");
        assert!(!page.contains("/remind\""), "no reminders by email: {page}");
        let per_signer: (i64,) =
            sqlx::query_as("SELECT id FROM signature_signers WHERE contact_id = $1")
                .bind(per)
                .fetch_one(&app.db.pool)
                .await
                .unwrap();
        let res = ola
            .post(app.url(&format!(
                "/customers/{oslo}/signing/{order}/signers/{}/remind",
                per_signer.0
            )))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 409, "a reminder by email is refused");

        // Åse opens it from the portal: the log-in is the proof, no code.
        let (signer,): (i64,) =
            sqlx::query_as("SELECT id FROM signature_signers WHERE contact_id = $1")
                .bind(ase)
                .fetch_one(&app.db.pool)
                .await
                .unwrap();
        let res = contact
            .get(app.url(&format!("/portal/sign/{signer}")))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 303);
        let link = res.headers()["location"].to_str().unwrap().to_string();
        let proof = res
            .headers()
            .get_all("set-cookie")
            .iter()
            .map(|v| v.to_str().unwrap().to_string())
            .find(|c| c.starts_with("kk_sign="))
            .expect("the browser is marked as verified");
        let proof = proof.split(';').next().unwrap().to_string();
        let browser = reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .unwrap();
        // Without the proof the page asks for a code it cannot send, and says why.
        let page = browser
            .get(&link)
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        assert!(page.contains("id=\"code-cannot-send\""), "{page}");
        assert!(!page.contains("id=\"sign-form\""), "{page}");
        // Asking for a code anyway: the reason shows once (not also as an error above it).
        let res = browser.post(format!("{link}/code")).send().await.unwrap();
        assert_eq!(res.status(), 503);
        let page = res.text().await.unwrap();
        assert_eq!(
            page.matches("engangskoden kan ikke sendes").count(),
            1,
            "the reason shows once: {page}"
        );
        let page = browser
            .get(&link)
            .header("cookie", &proof)
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        assert!(
            page.contains("id=\"portal-proof\"") && page.contains("id=\"sign-form\""),
            "{page}"
        );
        let res = browser
            .post(format!("{link}/sign"))
            .header("cookie", &proof)
            .form(&[("confirm", "1")])
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 303);
        let (status, via): (String, Option<String>) =
            sqlx::query_as("SELECT status, verified_via FROM signature_signers WHERE id = $1")
                .bind(signer)
                .fetch_one(&app.db.pool)
                .await
                .unwrap();
        assert_eq!(
            (status.as_str(), via.as_deref()),
            ("signed", Some("portal_login"))
        );
        let confirmed: (i64,) = sqlx::query_as(
            "SELECT COUNT(*) FROM signature_events WHERE signer_id = $1 \
             AND kind = 'portal_login_confirmed'",
        )
        .bind(signer)
        .fetch_one(&app.db.pool)
        .await
        .unwrap();
        assert_eq!(confirmed.0, 1);

        // Another contact's portal log-in is no proof for Åse's signature.
        let other = crate::support::timesheets::portal(app, per, "sign_documents").await;
        let res = other
            .get(app.url(&format!("/portal/sign/{signer}")))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 404);
    }
);

/// The six-digit code in a text message.
fn texted_code(text: &str) -> String {
    text.split(|c: char| !c.is_ascii_digit())
        .find(|run| run.len() == 6)
        .expect("a six-digit code in the SMS")
        .to_string()
}

db_test!(
    without_email_the_link_and_the_code_go_by_sms,
    config = |c: &mut kundekort::config::Config| c.smtp = None,
    providers,
    |app, _smtp, sms| {
        // SMS is set up, email is not. Åse has the mobile 912 34 567 and no portal access.
        let (oslo, _, ase, _per) = customer_with_contacts(app).await;
        let (doc, original) = contract(app, oslo).await;
        let ola = app.login("ola@test.no").await;
        let form = ola
            .get(app.url(&format!("/customers/{oslo}/signing/new?document={doc}")))
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        assert!(
            form.contains("men SMS er: signatarer med mobilnummer"),
            "the form says links go by SMS: {form}"
        );
        let res = send_order(app, oslo, doc, "simple", &[ase]).await;
        assert_eq!(res.status(), 303, "{:?}", res.text().await);
        let order = order_id(&res);
        let (signer_id, event): (i64, String) = sqlx::query_as(
            "SELECT s.id, e.kind FROM signature_events e \
             JOIN signature_signers s ON s.id = e.signer_id WHERE e.order_id = $1",
        )
        .bind(order)
        .fetch_one(&app.db.pool)
        .await
        .unwrap();
        assert_eq!(event, "sent_sms", "the event names the channel");
        let page = ola
            .get(app.url(&format!("/customers/{oslo}/signing/{order}")))
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        assert!(
            page.contains("Lenke på SMS til 912 34 567") && page.contains("Lenke sendt på SMS"),
            "the order page shows the channel: {page}"
        );
        assert!(!page.contains("kan ikke nås"), "{page}");
        assert!(
            page.contains("/remind\""),
            "a reminder can go by SMS: {page}"
        );

        run_worker(app).await;
        let sent = sms.sent();
        assert_eq!(sent.len(), 1, "{sent:?}");
        assert!(sent[0].to.ends_with("91234567"), "{:?}", sent[0]);
        assert!(
            sent[0].text.contains("Rammeavtale 2027"),
            "{}",
            sent[0].text
        );
        let link = sign_path(&sent[0].text);
        // The stored message (shown in the dialog) has the placeholder, not the link.
        let stored: Vec<(String,)> =
            sqlx::query_as("SELECT body FROM messages WHERE customer_id = $1 AND channel = 'sms'")
                .bind(oslo)
                .fetch_all(&app.db.pool)
                .await
                .unwrap();
        assert_eq!(stored.len(), 1);
        assert!(!stored[0].0.contains(&link), "{}", stored[0].0);

        // A reminder goes by SMS too, and says it did.
        let res = ola
            .post(app.url(&format!(
                "/customers/{oslo}/signing/{order}/signers/{signer_id}/remind"
            )))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 303);
        run_worker(app).await;
        let sent = sms.sent();
        assert_eq!(sent.len(), 2, "{sent:?}");
        assert!(sent[1].text.starts_with("Påminnelse"), "{}", sent[1].text);

        // The signer asks for a code, which can only go by SMS.
        let signer = app.client();
        let page = signer
            .get(app.url(&link))
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        assert!(
            page.contains("Vi sender en engangskode på SMS til +47 ••• •• •67"),
            "the number is masked: {page}"
        );
        assert!(
            !page.contains("912 34 567") && !page.contains("91234567"),
            "{page}"
        );
        assert!(!page.contains("id=\"code-cannot-send\""), "{page}");
        let res = signer
            .post(app.url(&format!("{link}/code")))
            .form(&[("via", "sms")])
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 303);
        run_worker(app).await;
        let sent = sms.sent();
        assert_eq!(sent.len(), 3, "{sent:?}");
        assert!(sent[2].to.ends_with("91234567"));
        let code = texted_code(&sent[2].text);
        let page = signer
            .get(app.url(&link))
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        assert!(
            page.contains("Koden er sendt på SMS til +47 ••• •• •67"),
            "{page}"
        );

        // A wrong code: the error in Norwegian, shown once, what was typed kept.
        let wrong = if code == "000000" { "111111" } else { "000000" };
        let res = signer
            .post(app.url(&format!("{link}/verify")))
            .form(&[("code", wrong)])
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 422);
        let page = res.text().await.unwrap();
        assert_eq!(
            page.matches("Koden stemmer ikke").count(),
            1,
            "the error shows once: {page}"
        );
        assert!(page.contains(&format!("value=\"{wrong}\"")), "{page}");

        let res = signer
            .post(app.url(&format!("{link}/verify")))
            .form(&[("code", code.as_str())])
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 303);
        let shown = signer
            .get(app.url(&format!("{link}/document")))
            .send()
            .await
            .unwrap()
            .bytes()
            .await
            .unwrap();
        assert_eq!(
            shown.to_vec(),
            original,
            "the document is read before signing"
        );
        let res = signer
            .post(app.url(&format!("{link}/sign")))
            .form(&[("confirm", "1")])
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 303);
        let (status, signed_version) = order_status(app, order).await;
        assert_eq!(status, "completed");
        let via: (Option<String>,) =
            sqlx::query_as("SELECT verified_via FROM signature_signers WHERE id = $1")
                .bind(signer_id)
                .fetch_one(&app.db.pool)
                .await
                .unwrap();
        assert_eq!(via.0.as_deref(), Some("sms_code"));
        let copy = ola
            .get(app.url(&format!(
                "/customers/{oslo}/documents/{doc}/versions/{}/download",
                signed_version.unwrap()
            )))
            .send()
            .await
            .unwrap()
            .bytes()
            .await
            .unwrap();
        let (_, text) = last_page_text(&copy).unwrap();
        let text = text.replace('\n', "");
        assert!(
            text.contains("engangskode sendt på SMS til +47"),
            "the proof names the channel: {text}"
        );
        assert!(text.contains("67") && !text.contains("91234567") && !text.contains("912 34"));
        let page = ola
            .get(app.url(&format!("/customers/{oslo}/signing/{order}")))
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        assert!(page.contains("Engangskode sendt på SMS"), "{page}");
    }
);

db_test!(
    sms_codes_are_limited_like_email_codes_and_the_signer_chooses_the_channel,
    providers,
    |app, smtp, sms| {
        // Email and SMS both set up: the signer chooses where the code goes.
        let (oslo, _, ase, _per) = customer_with_contacts(app).await;
        let (doc, _) = contract(app, oslo).await;
        let res = send_order(app, oslo, doc, "simple", &[ase]).await;
        let order = order_id(&res);
        run_worker(app).await;
        let mails = smtp.wait_for(1, 10).await;
        assert!(sms.sent().is_empty(), "the link went by email");
        let link = sign_path(&mails[0].parsed().body_text(0).unwrap());
        let signer = app.client();
        let page = signer
            .get(app.url(&link))
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        assert!(
            page.contains("Kode på e-post til a***@nordlys.test")
                && page.contains("Kode på SMS til +47 ••• •• •67"),
            "{page}"
        );
        let res = signer
            .post(app.url(&format!("{link}/code")))
            .form(&[("via", "sms")])
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 303);
        run_worker(app).await;
        assert_eq!(sms.sent().len(), 1);
        assert_eq!(texted_code(&sms.sent()[0].text).len(), 6);
        let events: Vec<(String,)> = sqlx::query_as(
            "SELECT kind FROM signature_events WHERE order_id = $1 AND kind LIKE 'code%'",
        )
        .bind(order)
        .fetch_all(&app.db.pool)
        .await
        .unwrap();
        assert_eq!(events, vec![("code_sent_sms".to_string(),)]);
        // Four more codes (by either channel) reach the limit of five; the sixth is refused.
        for via in ["email", "sms", "email", "sms"] {
            let res = signer
                .post(app.url(&format!("{link}/code")))
                .form(&[("via", via)])
                .send()
                .await
                .unwrap();
            assert_eq!(res.status(), 303);
        }
        let res = signer
            .post(app.url(&format!("{link}/code")))
            .form(&[("via", "sms")])
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 429);
        let page = res.text().await.unwrap();
        assert_eq!(
            page.matches("så mange koder som er lov").count(),
            1,
            "the error shows once: {page}"
        );
    }
);
