//! Signing with email not set up: a portal contact signs with the log-in and the unreachable are
//! named; links and codes go by SMS, limited as email codes are, on the channel the signer chooses.

use crate::{
    db_test,
    support::fixtures::{
        contract, customer_with_contacts, order_id, order_status, run_worker, send_order, sign_path,
    },
};
use kundekort::signing::pdf::last_page_text;

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
