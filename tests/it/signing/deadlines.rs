//! What waits for a portal contact's signature, and how long a signing code and an order live.

use crate::{
    db_test,
    support::fixtures::{
        accept, add_contact, contract, customer_with_contacts, invite, invite_path, mailed_code,
        order_id, order_status, run_worker, send_order, sign_path,
    },
};

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
