//! Messages logged on a worker: the staff's worker page lists them (leaving out those in the
//! dialog of a customer the staff member does not see), and staff write an email to a worker
//! from there.

use crate::{
    db_test,
    support::{
        fixtures::{customer_with_contacts, run_worker},
        workers::{assignment, get, invite, worker},
    },
};

db_test!(
    staff_see_a_workers_messages_at_the_customers_they_see,
    |app| {
        let (oslo, _, ase, _) = customer_with_contacts(app).await;
        let kari = worker(app, "Kari Nordmann", "kari@vikar.test").await;
        let (detail, _) = assignment(app, oslo, ase, kari, "Lagermedarbeider").await;
        let ola = app.login("ola@test.no").await;
        let res = ola
            .post(app.url(&format!("{detail}/confirm")))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 200);
        // Berit in Bergen keeps the shared pool of workers like everyone (decision 0011): she may
        // invite Kari and sees the invitation, but not the confirmation in the dialog of an Oslo
        // customer she does not see.
        let res = invite(app, "berit@test.no", kari).await;
        assert_eq!(res.status(), 200);
        let berit = app.login("berit@test.no").await;
        let (status, page) = get(&berit, app, &format!("/workers/{kari}")).await;
        assert_eq!(status, 200);
        let messages = &page[page.find("id=\"worker-messages\"").unwrap()..];
        assert!(
            messages.contains("Invitasjon til vikarsidene"),
            "{messages}"
        );
        assert!(!messages.contains("Oppdragsbekreftelse"), "{messages}");
        let (invitation,): (i64,) =
            sqlx::query_as("SELECT id FROM messages WHERE worker_id = $1 AND customer_id IS NULL")
                .bind(kari)
                .fetch_one(&app.db.pool)
                .await
                .unwrap();
        let (status, _) = get(&berit, app, &format!("/dialog/messages/{invitation}")).await;
        assert_eq!(status, 200);
        // Ola sees both.
        let (_, page) = get(&ola, app, &format!("/workers/{kari}")).await;
        let messages = &page[page.find("id=\"worker-messages\"").unwrap()..];
        assert!(
            messages.contains("Invitasjon til vikarsidene")
                && messages.contains("Oppdragsbekreftelse")
        );
    }
);

db_test!(
    staff_write_an_email_to_a_worker,
    providers,
    |app, smtp, _sms| {
        let kari = worker(app, "Kari Nordmann", "kari@vikar.test").await;
        let berit = app.login("berit@test.no").await;
        // Bad input is explained, and what was typed is kept.
        let res = berit
            .post(app.url(&format!("/workers/{kari}/email")))
            .form(&[("subject", ""), ("body", "Har du tid i uke 3?")])
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 422);
        let page = res.text().await.unwrap();
        assert!(page.contains("Har du tid i uke 3?"), "{page}");
        assert!(page.contains("field-error"), "{page}");
        // Sent, merged with her name, delivered and listed on the worker.
        let res = berit
            .post(app.url(&format!("/workers/{kari}/email")))
            .form(&[
                ("subject", "Ledig oppdrag i uke 3"),
                ("body", "Hei {first_name}!\nHar du tid i uke 3?"),
            ])
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 303);
        run_worker(app).await;
        let mails = smtp.wait_for(1, 10).await;
        assert_eq!(mails[0].rcpt_to, vec!["kari@vikar.test".to_string()]);
        let text = mails[0].parsed().body_text(0).unwrap().to_string();
        assert!(text.starts_with("Hei Kari!"), "{text}");
        let (_, page) = get(&berit, app, &format!("/workers/{kari}")).await;
        let messages = &page[page.find("id=\"worker-messages\"").unwrap()..];
        assert!(messages.contains("Ledig oppdrag i uke 3"), "{messages}");
        // Not to an erased worker.
        let res = app
            .admin()
            .await
            .post(app.url(&format!("/workers/{kari}/erase")))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 303);
        let left: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM messages WHERE to_display LIKE '%kari@vikar%'",
        )
        .fetch_one(&app.db.pool)
        .await
        .unwrap();
        assert_eq!(left, 0, "her messages about no customer go with her");
        let res = berit
            .post(app.url(&format!("/workers/{kari}/email")))
            .form(&[("subject", "Hei"), ("body", "Hei igjen")])
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 404, "erased without assignments: gone");
    }
);
