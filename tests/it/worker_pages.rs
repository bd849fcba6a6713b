//! Workers' own pages (`/worker`): invited by staff (the email through the outbox, its link made
//! at delivery), a password set once from the link, log-in, the worker's own details and
//! assignments and nobody else's, and access ending at once on erasure or when staff end it.

use crate::{
    db_test,
    support::{
        fixtures::{customer_with_contacts, run_worker},
        workers::{accept, assignment, get, invite, minted, worker},
    },
};

db_test!(
    an_invited_worker_logs_in_and_sees_only_their_own,
    providers,
    |app, smtp, _sms| {
        let (oslo, _, ase, _) = customer_with_contacts(app).await;
        let kari = worker(app, "Kari Nordmann", "kari@vikar.test").await;
        let per = worker(app, "Per Hansen", "per@vikar.test").await;
        let (kari_detail, kari_job) = assignment(app, oslo, ase, kari, "Lagermedarbeider").await;
        let (_, per_job) = assignment(app, oslo, ase, per, "Truckfører").await;

        // The invitation: the page says it is emailed, and shows no link.
        let res = invite(app, "ola@test.no", kari).await;
        assert_eq!(res.status(), 200);
        let page = res.text().await.unwrap();
        assert!(
            page.contains("sendes på e-post til kari@vikar.test"),
            "{page}"
        );
        assert!(
            !page.contains("/worker/invite/"),
            "the link is for the worker only"
        );
        run_worker(app).await;
        let mails = smtp.wait_for(1, 10).await;
        assert_eq!(mails[0].rcpt_to, vec!["kari@vikar.test".to_string()]);
        let body = mails[0].parsed().body_text(0).unwrap().to_string();
        let start = body.find("/worker/invite/").expect("a link in the email");
        let end = body[start..]
            .find(char::is_whitespace)
            .map_or(body.len(), |e| start + e);
        let path = body[start..end].to_string();
        let token = path.trim_start_matches("/worker/invite/");
        assert_eq!(token.len(), 43, "{path}");
        // Stored on the worker, with the placeholder and never the link.
        let (stored, customer): (String, Option<i64>) =
            sqlx::query_as("SELECT body, customer_id FROM messages WHERE worker_id = $1")
                .bind(kari)
                .fetch_one(&app.db.pool)
                .await
                .unwrap();
        assert!(stored.contains("[personlig lenke") && !stored.contains(token));
        assert_eq!(customer, None);

        // Set a password, and in.
        let me = accept(app, &path).await;
        let (status, home) = get(&me, app, "/worker").await;
        assert_eq!(status, 200);
        for own in [
            "Kari Nordmann",
            "kari@vikar.test",
            "912 34 567",
            "Storgata 1",
            "•••• 7947",
            "Lagermedarbeider",
            "Nordlys Elektro AS",
        ] {
            assert!(home.contains(own), "{own} missing: {home}");
        }
        for other in [
            "86011117947",
            "8601 11 17947",
            "Per Hansen",
            "Truckfører",
            "450",
        ] {
            assert!(!home.contains(other), "{other} shown: {home}");
        }
        let (status, job) = get(&me, app, &format!("/worker/assignments/{kari_job}")).await;
        assert_eq!(status, 200);
        assert!(
            job.contains("230,00") && job.contains("Lagerveien 5"),
            "{job}"
        );
        assert!(job.contains("Man 07:30–15:30 (30 min pause)"), "{job}");
        assert!(!job.contains("450"), "the bill rate is the agency's: {job}");
        // Someone else's assignment does not exist for her, nor do staff pages.
        let (status, _) = get(&me, app, &format!("/worker/assignments/{per_job}")).await;
        assert_eq!(status, 404);
        let res = me
            .get(app.url(&format!("/workers/{kari}")))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 303, "a worker session is no staff session");
        assert!(
            res.headers()["location"]
                .to_str()
                .unwrap()
                .starts_with("/login")
        );

        // English on request.
        let res = me
            .get(app.url("/worker"))
            .header("accept-language", "en")
            .send()
            .await
            .unwrap();
        assert!(res.text().await.unwrap().contains("Your assignments"));
        let res = me
            .post(app.url("/worker/lang"))
            .form(&[("lang", "en")])
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 303);
        let (_, english) = get(&me, app, "/worker").await;
        assert!(english.contains("Your assignments"), "{english}");

        // Log out, and in again with email and password; a wrong password is refused.
        let res = me.post(app.url("/worker/logout")).send().await.unwrap();
        assert_eq!(res.status(), 303);
        let (status, _) = get(&me, app, "/worker").await;
        assert_eq!(status, 303);
        let res = app
            .client()
            .post(app.url("/worker/login"))
            .form(&[("email", "kari@vikar.test"), ("password", "feil-passord-1")])
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 401);
        let again = app.client();
        let res = again
            .post(app.url("/worker/login"))
            .form(&[
                ("email", "Kari@Vikar.test"),
                ("password", "vikar-passord-1"),
            ])
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 303);
        let (status, _) = get(&again, app, "/worker").await;
        assert_eq!(status, 200);

        // The confirmation to the worker is logged on her too; the staff page lists both.
        let ola = app.login("ola@test.no").await;
        let res = ola
            .post(app.url(&format!("{kari_detail}/confirm")))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 200);
        let (status, staff_page) = get(&ola, app, &format!("/workers/{kari}")).await;
        assert_eq!(status, 200);
        let messages = &staff_page[staff_page.find("id=\"worker-messages\"").unwrap()..];
        let confirmation = messages
            .find("Oppdragsbekreftelse")
            .expect("the confirmation");
        let invitation = messages
            .find("Invitasjon til vikarsidene")
            .expect("the invitation");
        assert!(confirmation < invitation, "newest first: {messages}");
        assert!(!messages.contains(token));
        let (status, _) = get(&ola, app, &format!("/workers/{per}")).await;
        assert_eq!(status, 200);
    }
);

db_test!(
    a_used_expired_or_replaced_invitation_is_refused_plainly,
    |app| {
        let kari = worker(app, "Kari Nordmann", "kari@vikar.test").await;
        // Without email set up the page says so honestly.
        let res = invite(app, "ola@test.no", kari).await;
        assert_eq!(res.status(), 200);
        let page = res.text().await.unwrap();
        assert!(page.contains("venter i utboksen"), "{page}");
        assert!(!page.contains("/worker/invite/"));

        // Used once, then refused.
        let path = minted(app, kari).await;
        let (status, _) = get(&app.client(), app, &path).await;
        assert_eq!(status, 200);
        accept(app, &path).await;
        let (status, page) = get(&app.client(), app, &path).await;
        assert_eq!(status, 404);
        assert!(
            page.contains("Lenken er allerede brukt, er utløpt"),
            "{page}"
        );
        let res = app
            .client()
            .post(app.url(&path))
            .form(&[
                ("password", "annet-passord-2"),
                ("confirm", "annet-passord-2"),
            ])
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 404);

        // Expired after seven days.
        let per = worker(app, "Per Hansen", "per@vikar.test").await;
        invite(app, "ola@test.no", per).await;
        let old = minted(app, per).await;
        sqlx::query(
            "UPDATE one_time_links SET expires_at = expires_at - 7 * 86400 WHERE worker_id = $1",
        )
        .bind(per)
        .execute(&app.db.pool)
        .await
        .unwrap();
        let (status, page) = get(&app.client(), app, &old).await;
        assert_eq!(status, 404);
        assert!(page.contains("er utløpt"), "{page}");

        // A new invitation ends the earlier link.
        let earlier = minted(app, per).await;
        let res = invite(app, "admin@test.no", per).await;
        assert_eq!(res.status(), 200);
        let (status, _) = get(&app.client(), app, &earlier).await;
        assert_eq!(status, 404, "re-inviting ends the earlier link");
        let newer = minted(app, per).await;
        accept(app, &newer).await;

        // A worker without email cannot be invited; two workers cannot share a log-in.
        let ola = app.login("ola@test.no").await;
        let res = ola
            .post(app.url("/workers"))
            .form(&[("name", "Uten Epost"), ("status", "candidate")])
            .send()
            .await
            .unwrap();
        let no_email: i64 = res.headers()["location"]
            .to_str()
            .unwrap()
            .trim_start_matches("/workers/")
            .split('?')
            .next()
            .unwrap()
            .parse()
            .unwrap();
        let res = invite(app, "ola@test.no", no_email).await;
        assert_eq!(res.status(), 422);
        assert!(res.text().await.unwrap().contains("må ha en e-postadresse"));
        let twin = worker(app, "Kari Tvilling", "KARI@vikar.test").await;
        let res = invite(app, "ola@test.no", twin).await;
        assert_eq!(res.status(), 422);
        assert!(
            res.text()
                .await
                .unwrap()
                .contains("brukes allerede av en annen vikar")
        );
    }
);

db_test!(an_erased_worker_or_ended_access_logs_out_at_once, |app| {
    let (oslo, _, ase, _) = customer_with_contacts(app).await;
    let kari = worker(app, "Kari Nordmann", "kari@vikar.test").await;
    assignment(app, oslo, ase, kari, "Lagermedarbeider").await;
    invite(app, "ola@test.no", kari).await;
    let me = accept(app, &minted(app, kari).await).await;
    let (status, _) = get(&me, app, "/worker").await;
    assert_eq!(status, 200);

    // Erased (she keeps her name on the assignment): the session stops working at once.
    let res = app
        .login("leder@test.no")
        .await
        .post(app.url(&format!("/workers/{kari}/erase")))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303);
    let res = me.get(app.url("/worker")).send().await.unwrap();
    assert_eq!(res.status(), 303);
    assert!(
        res.headers()["location"]
            .to_str()
            .unwrap()
            .starts_with("/worker/login")
    );
    let res = app
        .client()
        .post(app.url("/worker/login"))
        .form(&[
            ("email", "kari@vikar.test"),
            ("password", "vikar-passord-1"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 401);
    // An erased worker is not invited again.
    let res = invite(app, "ola@test.no", kari).await;
    assert_eq!(res.status(), 409);
    let left: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM sessions WHERE worker_id = $1")
        .bind(kari)
        .fetch_one(&app.db.pool)
        .await
        .unwrap();
    assert_eq!(left, 0);

    // Staff end another worker's access: the same.
    let per = worker(app, "Per Hansen", "per@vikar.test").await;
    invite(app, "ola@test.no", per).await;
    let him = accept(app, &minted(app, per).await).await;
    let (status, _) = get(&him, app, "/worker").await;
    assert_eq!(status, 200);
    let res = app
        .login("ola@test.no")
        .await
        .post(app.url(&format!("/workers/{per}/login/end")))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303);
    let (status, _) = get(&him, app, "/worker").await;
    assert_eq!(status, 303);
});

db_test!(a_worker_sees_only_the_documents_shared_with_them, |app| {
    use reqwest::multipart::{Form, Part};
    let kari = worker(app, "Kari Nordmann", "kari@vikar.test").await;
    let per = worker(app, "Per Hansen", "per@vikar.test").await;
    let ola = app.login("ola@test.no").await;
    let upload = |who: i64, title: &'static str, shared: bool| {
        let mut form = Form::new()
            .text("category", "certificate")
            .text("title", title)
            .text("valid_until", "2031-06-30");
        if shared {
            form = form.text("visible_to_worker", "1");
        }
        let form = form.part(
            "file",
            Part::bytes(format!("%PDF-1.4\n% {title}\n%%EOF\n").into_bytes())
                .file_name(format!("{title}.pdf"))
                .mime_str("application/pdf")
                .unwrap(),
        );
        ola.post(app.url(&format!("/workers/{who}/documents")))
            .multipart(form)
            .send()
    };
    for (who, title, shared) in [
        (kari, "Truckførerbevis", true),
        (kari, "Intern vurdering", false),
        (per, "Pers kursbevis", true),
    ] {
        assert_eq!(upload(who, title, shared).await.unwrap().status(), 303);
    }
    let ids: Vec<(i64, String)> =
        sqlx::query_as("SELECT id, title FROM worker_documents ORDER BY id")
            .fetch_all(&app.db.pool)
            .await
            .unwrap();
    let id_of = |t: &str| ids.iter().find(|(_, title)| title == t).unwrap().0;

    let res = invite(app, "ola@test.no", kari).await;
    assert_eq!(res.status(), 200);
    let path = minted(app, kari).await;
    let me = accept(app, &path).await;
    let (status, home) = get(&me, app, "/worker").await;
    assert_eq!(status, 200);
    assert!(
        home.contains("Truckførerbevis") && home.contains("30.06.2031"),
        "{home}"
    );
    assert!(
        !home.contains("Intern vurdering"),
        "not shared with the worker"
    );
    assert!(!home.contains("Pers kursbevis"), "another worker's");

    let res = me
        .get(app.url(&format!("/worker/documents/{}", id_of("Truckførerbevis"))))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    assert!(String::from_utf8_lossy(&res.bytes().await.unwrap()).contains("Truckførerbevis"));
    for hidden in ["Intern vurdering", "Pers kursbevis"] {
        let (status, _) = get(&me, app, &format!("/worker/documents/{}", id_of(hidden))).await;
        assert_eq!(status, 404, "{hidden}");
    }
    // Without a worker session, the document is not served.
    let (status, _) = get(
        &app.client(),
        app,
        &format!("/worker/documents/{}", id_of("Truckførerbevis")),
    )
    .await;
    assert_ne!(status, 200);
});
