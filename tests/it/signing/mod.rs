//! Contracts sent for signing. Here: the built-in simple signature end to end (link by email,
//! one-time code, the exact document, evidence, a signed copy with a signature page), a rejection,
//! reminders and cancelling. BankID through a local fake of Idura Signatures is in [`bankid`];
//! what waits for a portal contact and how long codes and orders live in [`deadlines`]; signing
//! with email not set up, by the portal log-in or by SMS, in [`without_email`].

mod bankid;
mod deadlines;
mod without_email;

use crate::{
    db_test,
    support::fixtures::{
        contract, customer_with_contacts, documents, mailed_code, order_id, order_status,
        run_worker, send_order, sign_path,
    },
};
use kundekort::signing::pdf::last_page_text;
use sha2::Digest;

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
