//! Secrets meant for one person — a signing link, a one-time code — reach that person and
//! nobody else (security review, issue 10, findings 1 and 11): staff who can see the customer
//! find neither on the order page, in the dialog or in the database, and asking for codes again
//! is no way around the limit on wrong tries.

use kundekort::auth::hash_token;

use crate::{
    db_test,
    support::TestApp,
    support::fixtures::{
        contract, customer_with_contacts, mailed_code, order_id, run_worker, send_order, sign_path,
    },
};

/// Every stored text a user could read of the customer's messages, plus what is kept of signers.
async fn stored_texts(app: &TestApp, customer: i64) -> String {
    let rows: Vec<(String, String, String)> = sqlx::query_as(
        "SELECT subject, body, search_text FROM messages WHERE customer_id = $1 ORDER BY id",
    )
    .bind(customer)
    .fetch_all(&app.db.pool)
    .await
    .unwrap();
    let signers: Vec<(Option<String>, Option<String>)> =
        sqlx::query_as("SELECT sign_url, token_hash FROM signature_signers")
            .fetch_all(&app.db.pool)
            .await
            .unwrap();
    format!("{rows:?} {signers:?}")
}

db_test!(
    a_signing_link_and_its_code_reach_only_the_signer,
    providers,
    |app, smtp, _sms| {
        let (oslo, _, ase, _) = customer_with_contacts(app).await;
        let (doc, _) = contract(app, oslo).await;
        let res = send_order(app, oslo, doc, "simple", &[ase]).await;
        assert_eq!(res.status(), 303);
        let order = order_id(&res);
        run_worker(app).await;
        let mails = smtp.wait_for(1, 10).await;
        let link = sign_path(&mails[0].parsed().body_text(0).unwrap());
        let token = link.trim_start_matches("/sign/").to_string();
        assert_eq!(token.len(), 43, "{link}");

        // Staff who may see the customer (its department's manager, an admin, the sender
        // himself) find the link nowhere: not on the order page, not in the dialog.
        let pages = [
            format!("/customers/{oslo}/signing/{order}"),
            format!("/customers/{oslo}/dialog"),
            format!("/customers/{oslo}"),
        ];
        for email in ["leder@test.no", "admin@test.no", "ola@test.no"] {
            let staff = app.login(email).await;
            for page in &pages {
                let res = staff.get(app.url(page)).send().await.unwrap();
                assert_eq!(res.status(), 200, "{email} {page}");
                let html = res.text().await.unwrap();
                assert!(!html.contains(&token), "{email} sees the link on {page}");
                assert!(
                    !html.contains("/sign/"),
                    "{email} sees a signing link on {page}"
                );
            }
        }
        let (message,): (i64,) =
            sqlx::query_as("SELECT id FROM messages WHERE customer_id = $1 ORDER BY id")
                .bind(oslo)
                .fetch_one(&app.db.pool)
                .await
                .unwrap();
        let leder = app.login("leder@test.no").await;
        let shown = leder
            .get(app.url(&format!("/dialog/messages/{message}")))
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        assert!(!shown.contains(&token), "the message page shows the link");
        assert!(shown.contains("vises bare for mottakeren"), "{shown}");
        // Stored: only the link's hash, never the link.
        let stored = stored_texts(app, oslo).await;
        assert!(!stored.contains(&token), "{stored}");
        let (kept,): (i64,) = sqlx::query_as(
            "SELECT COUNT(*) FROM one_time_links WHERE token_hash = $1 AND purpose = 'sign'",
        )
        .bind(hash_token(&token))
        .fetch_one(&app.db.pool)
        .await
        .unwrap();
        assert_eq!(kept, 1);

        // The signer asks for a code: it is in their email, not in the subject, the dialog or
        // the database.
        let signer = app.client();
        assert_eq!(
            signer.get(app.url(&link)).send().await.unwrap().status(),
            200
        );
        let res = signer
            .post(app.url(&format!("{link}/code")))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 303);
        run_worker(app).await;
        let mails = smtp.wait_for(2, 10).await;
        let code = mailed_code(&mails[1]);
        let stored = stored_texts(app, oslo).await;
        assert!(!stored.contains(&code), "the code is stored: {stored}");
        assert!(
            stored.contains("[engangskode – vises bare for mottakeren]"),
            "{stored}"
        );
        let tab = leder
            .get(app.url(&format!("/customers/{oslo}/dialog")))
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        assert!(!tab.contains(&code));
        // And it works, for the signer.
        let res = signer
            .post(app.url(&format!("{link}/verify")))
            .form(&[("code", code.as_str())])
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 303);
    }
);

db_test!(
    codes_are_limited_per_signer_and_wrong_tries_per_order,
    providers,
    |app, smtp, _sms| {
        let (oslo, _, ase, _) = customer_with_contacts(app).await;
        let (doc, _) = contract(app, oslo).await;
        let res = send_order(app, oslo, doc, "simple", &[ase]).await;
        assert_eq!(res.status(), 303);
        run_worker(app).await;
        let mails = smtp.wait_for(1, 10).await;
        let link = sign_path(&mails[0].parsed().body_text(0).unwrap());
        let signer = app.client();
        let mut received = 1;
        let mut ask_code = async || {
            let res = signer
                .post(app.url(&format!("{link}/code")))
                .send()
                .await
                .unwrap();
            let status = res.status().as_u16();
            if status == 303 {
                run_worker(app).await;
                received += 1;
                let mails = smtp.wait_for(received, 10).await;
                return (status, Some(mailed_code(&mails[received - 1])));
            }
            (status, None)
        };
        // Four codes, each guessed wrong five times: twenty wrong tries in all.
        for _ in 0..4 {
            let (status, code) = ask_code().await;
            assert_eq!(status, 303);
            let code = code.unwrap();
            let wrong = if code == "000000" { "111111" } else { "000000" };
            for _ in 0..5 {
                let res = signer
                    .post(app.url(&format!("{link}/verify")))
                    .form(&[("code", wrong)])
                    .send()
                    .await
                    .unwrap();
                assert_eq!(res.status(), 422);
            }
        }
        // A fifth code may be asked for, but the order takes no more tries, not even the
        // right code: asking again is no way around the limit.
        let (status, code) = ask_code().await;
        assert_eq!(status, 303);
        let res = signer
            .post(app.url(&format!("{link}/verify")))
            .form(&[("code", code.unwrap().as_str())])
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 422);
        let page = res.text().await.unwrap();
        assert!(page.contains("feil kode for mange ganger"), "{page}");
        let res = signer
            .get(app.url(&format!("{link}/document")))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 403, "not confirmed");
        // And a sixth code is refused outright.
        let (status, code) = ask_code().await;
        assert_eq!((status, code), (429, None));
        assert_eq!(smtp.count(), 6, "five codes and the link, nothing more");
    }
);
