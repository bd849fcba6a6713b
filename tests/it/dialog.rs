//! The dialog with email: writing from the card (with templates and merge fields), the outbox
//! and the worker against a real SMTP server on loopback, reading the tab, access.

use mail_parser::MimeHeaders;

use crate::{
    db_test,
    support::fixtures::{add_contact, customer_with_contacts, message_rows, run_worker},
};

db_test!(
    an_email_from_a_template_goes_out_once_per_contact,
    providers,
    |app, smtp, _sms| {
        let (oslo, _, ase, per) = customer_with_contacts(app).await;
        let ola = app.login("ola@test.no").await;
        let res = ola
            .post(app.url("/settings/signature"))
            .form(&[("signature", "Ola Nordmann\nByrået AS")])
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 303);
        let res = ola
            .post(app.url("/dialog/templates"))
            .form(&[
                ("channel", "email"),
                ("scope", "personal"),
                ("name", "Oppfølging"),
                ("subject", "Oppfølging – {customer_name}"),
                (
                    "body",
                    "Hei {first_name}!\n\nTakk for praten.\n\n{sender_signature}",
                ),
            ])
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 303, "{:?}", res.text().await);
        let (template,): (i64,) = sqlx::query_as("SELECT id FROM message_templates")
            .fetch_one(&app.db.pool)
            .await
            .unwrap();
        // Choosing the template fills subject and body and keeps the chosen recipients.
        let page = ola
            .post(app.url(&format!("/customers/{oslo}/dialog/email")))
            .form(&[
                ("to", ase.to_string()),
                ("to", per.to_string()),
                ("template", template.to_string()),
                ("action", "template".into()),
            ])
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        assert!(page.contains("Oppfølging – {customer_name}"), "{page}");
        assert!(
            page.contains(&format!("value=\"{ase}\" id=\"to-{ase}\" aria-label")),
            "{page}"
        );
        assert!(page.contains("checked"), "{page}");
        let form = [
            ("to", ase.to_string()),
            ("to", per.to_string()),
            ("template", template.to_string()),
            ("subject", "Oppfølging – {customer_name}".into()),
            (
                "body",
                "Hei {first_name}!\n\nTakk for praten.\n\n{sender_signature}".into(),
            ),
        ];
        // The preview shows the merged text for each recipient.
        let mut preview = form.to_vec();
        preview.push(("action", "preview".into()));
        let page = ola
            .post(app.url(&format!("/customers/{oslo}/dialog/email")))
            .form(&preview)
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        assert!(page.contains("Hei Åse!"), "{page}");
        assert!(page.contains("Hei Per!"), "{page}");
        assert!(page.contains("Oppfølging – Nordlys Elektro AS"), "{page}");
        assert!(smtp.messages().is_empty());
        let mut send = form.to_vec();
        send.push(("action", "send".into()));
        let res = ola
            .post(app.url(&format!("/customers/{oslo}/dialog/email")))
            .form(&send)
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 303);
        assert_eq!(
            res.headers()["location"],
            format!("/customers/{oslo}/dialog?sent=2&via=email").as_str()
        );
        let queued = message_rows(app, oslo).await;
        assert_eq!(queued.len(), 2);
        assert!(queued.iter().all(|m| m.1 == "queued"));
        assert_eq!(run_worker(app).await, 2);
        assert_eq!(run_worker(app).await, 0, "nothing is sent twice");
        let got = smtp.messages();
        assert_eq!(got.len(), 2);
        let rows = message_rows(app, oslo).await;
        assert!(rows.iter().all(|m| m.1 == "sent"), "{rows:?}");
        for (mail, expected_to, first) in [
            (&got[0], "ase@nordlys.test", "Åse"),
            (&got[1], "per@nordlys.test", "Per"),
        ] {
            assert_eq!(mail.rcpt_to, vec![expected_to.to_string()]);
            assert_eq!(mail.mail_from, "post@byraa.test");
            let parsed = mail.parsed();
            assert_eq!(parsed.subject(), Some("Oppfølging – Nordlys Elektro AS"));
            let reply_to = parsed.reply_to().unwrap().first().unwrap();
            assert_eq!(reply_to.address(), Some("ola@test.no"));
            let from = parsed.from().unwrap().first().unwrap();
            assert_eq!(from.address(), Some("post@byraa.test"));
            assert_eq!(from.name(), Some("Ola Oslo"));
            let text = parsed.body_text(0).unwrap().replace("\r\n", "\n");
            assert!(text.contains(&format!("Hei {first}!")), "{text}");
            assert!(text.contains("Ola Nordmann\nByrået AS"), "{text}");
            let html = parsed.body_html(0).unwrap();
            assert!(html.contains(&format!("<p>Hei {first}!</p>")), "{html}");
            let message_id = parsed.message_id().unwrap().to_string();
            assert!(message_id.ends_with("@byraa.test"), "{message_id}");
            assert!(
                rows.iter().any(|r| message_id.starts_with(&r.2)),
                "Message-ID {message_id} is the message's stable uid"
            );
        }
        // The tab lists them as sent; the channel filter works.
        let tab = ola
            .get(app.url(&format!("/customers/{oslo}/dialog")))
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        assert_eq!(
            tab.matches("data-channel=\"email\" data-status=\"sent\"")
                .count(),
            2,
            "{tab}"
        );
        let sms_only = ola
            .get(app.url(&format!("/customers/{oslo}/dialog?channel=sms")))
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        assert!(sms_only.contains("id=\"no-messages\""), "{sms_only}");
        let search = ola
            .get(app.url(&format!("/customers/{oslo}/dialog?q=HEI+ÅSE")))
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        assert_eq!(search.matches("data-message=").count(), 1, "{search}");
        // One message whole, with its delivery history.
        let id = rows[0].0;
        let page = ola
            .get(app.url(&format!("/dialog/messages/{id}")))
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        assert!(page.contains("Lagt i utboksen"), "{page}");
        assert!(page.contains("queued as FAKE"), "{page}");
    }
);

db_test!(
    bad_input_is_explained_and_kept_and_nothing_is_queued,
    providers,
    |app, _smtp, _sms| {
        let (oslo, bergen, _ase, _per) = customer_with_contacts(app).await;
        let ola = app.login("ola@test.no").await;
        let bergen_contact = add_contact(
            &app.login("berit@test.no").await,
            app,
            bergen,
            &[
                ("first_name", "Kari"),
                ("last_name", "Vik"),
                ("email", "kari@fjord.test"),
            ],
        )
        .await;
        let res = ola
            .post(app.url(&format!("/customers/{oslo}/dialog/email")))
            .form(&[
                ("to", bergen_contact.to_string()),
                ("subject", "Hei {fornavn}".into()),
                ("body", "Teksten jeg skrev".into()),
                ("action", "send".into()),
            ])
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 422);
        let page = res.text().await.unwrap();
        assert!(page.contains("Hei {fornavn}"), "{page}");
        assert!(page.contains("Teksten jeg skrev"), "{page}");
        assert!(page.contains("Ukjent flettefelt: {fornavn}"), "{page}");
        assert!(
            page.contains("ikke en aktiv kontaktperson hos denne kunden"),
            "{page}"
        );
        let res = ola
            .post(app.url(&format!("/customers/{oslo}/dialog/sms")))
            .form(&[("body", ""), ("action", "send")])
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 422);
        let page = res.text().await.unwrap();
        assert!(page.contains("Velg minst én mottaker"), "{page}");
        let (count,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM messages")
            .fetch_one(&app.db.pool)
            .await
            .unwrap();
        assert_eq!(count, 0);
        let (jobs,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM jobs")
            .fetch_one(&app.db.pool)
            .await
            .unwrap();
        assert_eq!(jobs, 0);
        // A bad filter is named, not ignored.
        let res = ola
            .get(app.url(&format!(
                "/customers/{oslo}/dialog?channel=fax&from=31.12.2026"
            )))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 422);
        let page = res.text().await.unwrap();
        assert!(page.contains("Kanal: ukjent verdi"), "{page}");
        assert!(page.contains("Fra dato: ukjent verdi"), "{page}");
    }
);

db_test!(
    other_departments_and_portal_users_see_no_dialog,
    providers,
    |app, _smtp, _sms| {
        let (oslo, _, ase, _) = customer_with_contacts(app).await;
        let ola = app.login("ola@test.no").await;
        let res = ola
            .post(app.url(&format!("/customers/{oslo}/dialog/email")))
            .form(&[
                ("to", ase.to_string()),
                ("subject", "Hemmelig tilbud".into()),
                ("body", "Bare for Nordlys".into()),
                ("action", "send".into()),
            ])
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 303);
        let (mid,): (i64,) = sqlx::query_as("SELECT id FROM messages")
            .fetch_one(&app.db.pool)
            .await
            .unwrap();
        let berit = app.login("berit@test.no").await;
        for path in [
            format!("/customers/{oslo}/dialog"),
            format!("/customers/{oslo}/dialog/email"),
            format!("/dialog/messages/{mid}"),
        ] {
            let res = berit.get(app.url(&path)).send().await.unwrap();
            assert_eq!(res.status(), 404, "{path}");
        }
        let res = berit
            .post(app.url(&format!("/customers/{oslo}/dialog/email")))
            .form(&[
                ("to", ase.to_string()),
                ("subject", "x".into()),
                ("body", "x".into()),
                ("action", "send".into()),
            ])
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 404);
        let firm = berit
            .get(app.url("/dialog"))
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        assert!(!firm.contains("Hemmelig tilbud"), "{firm}");
        // The manager sees it in the firm-wide view.
        let leder = app.login("leder@test.no").await;
        let firm = leder
            .get(app.url("/dialog"))
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        assert!(firm.contains("Hemmelig tilbud"), "{firm}");
        // Nobody logged in: sent to log in.
        let anonymous = app.client();
        let res = anonymous
            .get(app.url(&format!("/customers/{oslo}/dialog")))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 303);
        let res = anonymous.get(app.url("/dialog")).send().await.unwrap();
        assert_eq!(res.status(), 303);
    }
);

db_test!(
    personal_templates_are_private_and_firm_templates_admin_only,
    providers,
    |app, _smtp, _sms| {
        let ola = app.login("ola@test.no").await;
        let res = ola
            .post(app.url("/dialog/templates"))
            .form(&[
                ("channel", "sms"),
                ("scope", "firm"),
                ("name", "Påminnelse"),
                ("body", "Husk timelistene, {first_name}!"),
            ])
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 422, "a consultant cannot make firm templates");
        let page = res.text().await.unwrap();
        assert!(page.contains("Husk timelistene, {first_name}!"), "{page}");
        let res = ola
            .post(app.url("/dialog/templates"))
            .form(&[
                ("channel", "sms"),
                ("scope", "personal"),
                ("name", "Påminnelse"),
                ("body", "Husk timelistene, {first_name}!"),
            ])
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 303);
        let (tid,): (i64,) = sqlx::query_as("SELECT id FROM message_templates")
            .fetch_one(&app.db.pool)
            .await
            .unwrap();
        let berit = app.login("berit@test.no").await;
        let res = berit
            .get(app.url(&format!("/dialog/templates/{tid}")))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 404);
        let res = berit
            .post(app.url(&format!("/dialog/templates/{tid}/delete")))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 404);
        let admin = app.admin().await;
        let res = admin
            .post(app.url("/dialog/templates"))
            .form(&[
                ("channel", "email"),
                ("scope", "firm"),
                ("name", "Velkommen"),
                ("subject", "Velkommen som kunde"),
                ("body", "Hei {first_name}"),
            ])
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 303);
        let list = berit
            .get(app.url("/dialog/templates"))
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        assert!(list.contains("Velkommen"), "{list}");
        assert!(!list.contains("Påminnelse"), "{list}");
        // Berit may use the firm's template but not change it.
        let (firm_tid,): (i64,) =
            sqlx::query_as("SELECT id FROM message_templates WHERE owner_id IS NULL")
                .fetch_one(&app.db.pool)
                .await
                .unwrap();
        let res = berit
            .post(app.url(&format!("/dialog/templates/{firm_tid}/delete")))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 403);
    }
);

db_test!(
    a_bulk_send_gives_each_main_contact_their_own_message,
    providers,
    |app, smtp, _sms| {
        let (oslo, _, _ase, _per) = customer_with_contacts(app).await;
        let ola = app.login("ola@test.no").await;
        // A second Oslo customer with a main contact, and a third without contacts.
        let other = app
            .customer(kundekort::customers::model::CustomerDraft {
                name: "Nordlys Rør AS".into(),
                status: "active".into(),
                owner_id: app.fx.consultant_oslo.to_string(),
                department_id: app.fx.oslo.to_string(),
                ..Default::default()
            })
            .await;
        add_contact(
            &ola,
            app,
            other,
            &[
                ("first_name", "Jon"),
                ("last_name", "Li"),
                ("email", "jon@ror.test"),
                ("is_main", "1"),
            ],
        )
        .await;
        app.customer(kundekort::customers::model::CustomerDraft {
            name: "Nordlys Tomt AS".into(),
            status: "active".into(),
            owner_id: app.fx.consultant_oslo.to_string(),
            department_id: app.fx.oslo.to_string(),
            ..Default::default()
        })
        .await;
        let page = ola
            .get(app.url("/customers/bulk-message?q=nordlys"))
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        assert!(page.contains("3 kunder i utvalget, 2 mottakere"), "{page}");
        assert!(
            page.contains("Én av kundene har ingen kontaktperson"),
            "{page}"
        );
        let res = ola
            .post(app.url("/customers/bulk-message"))
            .form(&[
                ("q", "nordlys"),
                ("channel", "email"),
                ("audience", "main"),
                ("subject", "Nyhetsbrev for {customer_name}"),
                ("body", "Hei {first_name}, her er nytt fra oss."),
                ("action", "send"),
            ])
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 303, "{:?}", res.text().await);
        let rows: Vec<(i64, String, Option<String>)> = sqlx::query_as(
            "SELECT customer_id, subject, bulk_id FROM messages ORDER BY customer_id",
        )
        .fetch_all(&app.db.pool)
        .await
        .unwrap();
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[0].0, oslo);
        assert_eq!(rows[0].1, "Nyhetsbrev for Nordlys Elektro AS");
        assert_eq!(rows[1].1, "Nyhetsbrev for Nordlys Rør AS");
        assert!(rows[0].2.is_some() && rows[0].2 == rows[1].2);
        assert_eq!(run_worker(app).await, 2);
        let got = smtp.messages();
        let mut to: Vec<String> = got.iter().flat_map(|m| m.rcpt_to.clone()).collect();
        to.sort();
        assert_eq!(to, ["ase@nordlys.test", "jon@ror.test"]);
        assert!(
            got.iter()
                .any(|m| m.parsed().body_text(0).unwrap().contains("Hei Jon,"))
        );
    }
);

db_test!(
    portal_invitations_go_through_the_outbox,
    providers,
    |app, smtp, _sms| {
        let (oslo, _, ase, _) = customer_with_contacts(app).await;
        let ola = app.login("ola@test.no").await;
        let res = ola
            .post(app.url(&format!("/customers/{oslo}/contacts/{ase}/portal")))
            .form(&[("rights", "view_documents"), ("preset", "")])
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 200);
        let page = res.text().await.unwrap();
        assert!(
            page.contains("Invitasjonen sendes på e-post til ase@nordlys.test"),
            "{page}"
        );
        assert!(
            !page.contains("/portal/invite/"),
            "the link is for the contact only"
        );
        assert_eq!(run_worker(app).await, 1);
        let got = smtp.messages();
        assert_eq!(got.len(), 1);
        assert_eq!(got[0].rcpt_to, ["ase@nordlys.test"]);
        let parsed = got[0].parsed();
        assert_eq!(
            parsed.subject(),
            Some("Invitasjon til kundeportalen – Nordlys Elektro AS")
        );
        let text = parsed.body_text(0).unwrap().to_string();
        // It promises what the contact's rights open in the portal, and nothing that is not there.
        assert!(text.contains("– se og laste ned dokumenter"), "{text}");
        assert!(!text.contains("timelister"), "{text}");
        assert!(!text.contains("faktura"), "{text}");
        let start = text
            .find(&app.url("/portal/invite/"))
            .expect("the link is in the email");
        let link: String = text[start..].split_whitespace().next().unwrap().to_string();
        let res = app.client().get(&link).send().await.unwrap();
        assert_eq!(res.status(), 200, "{link}");
        // And the invitation is in the customer's dialog like any other email.
        let tab = ola
            .get(app.url(&format!("/customers/{oslo}/dialog")))
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        assert!(tab.contains("Invitasjon til kundeportalen"), "{tab}");
        // ... but its link is for the contact alone: the dialog, the message page and the
        // stored message show a placeholder (security review: invitation takeover).
        let token = link.rsplit('/').next().unwrap();
        let (message, body, search): (i64, String, String) =
            sqlx::query_as("SELECT id, body, search_text FROM messages WHERE customer_id = $1")
                .bind(oslo)
                .fetch_one(&app.db.pool)
                .await
                .unwrap();
        assert!(!body.contains(token) && !search.contains(&token.to_lowercase()));
        assert!(
            body.contains("[personlig lenke – vises bare for mottakeren]"),
            "{body}"
        );
        let shown = ola
            .get(app.url(&format!("/dialog/messages/{message}")))
            .send()
            .await
            .unwrap();
        assert_eq!(shown.status(), 200);
        let shown = shown.text().await.unwrap();
        assert!(!tab.contains(token) && !shown.contains(token));
        assert!(shown.contains("vises bare for mottakeren"), "{shown}");
    }
);

db_test!(
    attachments_from_the_card_and_uploaded_on_the_spot,
    providers,
    |app, smtp, _sms| {
        let (oslo, _, ase, _per) = customer_with_contacts(app).await;
        let ola = app.login("ola@test.no").await;
        let agreement = crate::support::fixtures::pdf("Prisavtale 2027");
        let other = crate::support::fixtures::category(app, "price_agreement").await;
        crate::support::fixtures::upload(
            &ola,
            app,
            oslo,
            other,
            false,
            &[("Prisavtale 2027.pdf", agreement.clone())],
        )
        .await;
        let (_, agreement_version, _) =
            crate::support::fixtures::documents(app, oslo).await[0].clone();
        // A file uploaded while writing (htmx) becomes a document and comes back ready to attach.
        let form = reqwest::multipart::Form::new().part(
            "files",
            reqwest::multipart::Part::bytes("navn;timer\nÅse;7,5\n".as_bytes().to_vec())
                .file_name("timeliste æøå.csv"),
        );
        let res = ola
            .post(app.url(&format!("/customers/{oslo}/dialog/attachments")))
            .header("hx-request", "true")
            .multipart(form)
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 200);
        let fragment = res.text().await.unwrap();
        assert!(
            fragment.contains("timeliste æøå.csv") && fragment.contains("checked"),
            "{fragment}"
        );
        let docs = crate::support::fixtures::documents(app, oslo).await;
        assert_eq!(docs.len(), 2, "the upload is on the card");
        let csv_version = docs[1].1;
        // An attachment that is not this customer's is refused, and the text is kept.
        let res = ola
            .post(app.url(&format!("/customers/{oslo}/dialog/email")))
            .form(&[
                ("to", ase.to_string()),
                ("subject", "Prisavtale".to_string()),
                ("body", "Vedlagt.".to_string()),
                ("attach", "999999".to_string()),
                ("action", "send".to_string()),
            ])
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 422);
        let page = res.text().await.unwrap();
        assert!(
            page.contains("finnes ikke lenger blant kundens dokumenter")
                && page.contains("Vedlagt.")
        );
        let res = ola
            .post(app.url(&format!("/customers/{oslo}/dialog/email")))
            .form(&[
                ("to", ase.to_string()),
                ("subject", "Prisavtale".to_string()),
                ("body", "Vedlagt.".to_string()),
                ("attach", agreement_version.to_string()),
                ("attach", csv_version.to_string()),
                ("action", "send".to_string()),
            ])
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 303, "{:?}", res.text().await);
        run_worker(app).await;
        let mails = smtp.wait_for(1, 10).await;
        let mail = mails[0].parsed();
        assert_eq!(mail.attachment_count(), 2);
        let pdf = mail.attachment(0).unwrap();
        assert_eq!(pdf.attachment_name(), Some("Prisavtale 2027.pdf"));
        assert_eq!(pdf.contents(), agreement.as_slice());
        let csv = mail.attachment(1).unwrap();
        assert_eq!(csv.attachment_name(), Some("timeliste æøå.csv"));
        assert_eq!(csv.contents(), "navn;timer\nÅse;7,5\n".as_bytes());
        assert_eq!(mail.body_text(0).unwrap().trim(), "Vedlagt.");
        // The message shows its attachments, linked to the card.
        let (mid,): (i64,) = sqlx::query_as("SELECT id FROM messages WHERE customer_id = $1")
            .bind(oslo)
            .fetch_one(&app.db.pool)
            .await
            .unwrap();
        let page = ola
            .get(app.url(&format!("/dialog/messages/{mid}")))
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        assert!(
            page.contains(&format!("/documents/versions/{agreement_version}")),
            "{page}"
        );
    }
);

crate::db_test!(a_large_bulk_send_writes_every_row_in_batches, |app| {
    use kundekort::dialog::{
        model::Channel,
        outbox::{self, BulkMessage, Origin, Recipient},
    };
    let (oslo, _, ase, per) = customer_with_contacts(app).await;
    // 120 messages: more than two batches, to every row's own recipient.
    let messages: Vec<BulkMessage> = (0..120)
        .map(|i| BulkMessage {
            customer_id: oslo,
            to: Recipient {
                name: format!("Mottaker {i}"),
                email: format!("+47912{i:05}"),
                contact_id: Some(if i % 2 == 0 { ase } else { per }),
            },
            subject: String::new(),
            body: format!("Melding nummer {i} – æøå"),
        })
        .collect();
    let origin = Origin {
        template_id: None,
        bulk_id: Some("bulk-test".into()),
    };
    let mut tx = app.db.begin().await.unwrap();
    let n = outbox::queue_bulk(
        &mut tx,
        Channel::Sms,
        Some(app.fx.consultant_oslo),
        messages,
        &origin,
    )
    .await
    .unwrap();
    tx.commit().await.unwrap();
    assert_eq!(n, 120);
    let count = |sql: &'static str| async move {
        let (n,): (i64,) = sqlx::query_as(sql).fetch_one(&app.db.pool).await.unwrap();
        n
    };
    assert_eq!(count("SELECT COUNT(*) FROM messages WHERE bulk_id = 'bulk-test' AND status = 'queued' AND sms_parts = 1 AND channel = 'sms'").await, 120);
    assert_eq!(count("SELECT COUNT(DISTINCT uid) FROM messages").await, 120);
    assert_eq!(count("SELECT COUNT(*) FROM message_recipients r JOIN messages m ON m.id = r.message_id WHERE r.kind = 'to' AND r.contact_id IS NOT NULL").await, 120);
    assert_eq!(
        count("SELECT COUNT(*) FROM message_events WHERE status = 'queued'").await,
        120
    );
    assert_eq!(
        count("SELECT COUNT(*) FROM jobs WHERE kind = 'send_sms'").await,
        120
    );
    // Each message's recipient and job belong to that message.
    let (body, address, from): (String, String, String) = sqlx::query_as(
        "SELECT m.body, r.address, m.from_address FROM messages m \
         JOIN message_recipients r ON r.message_id = m.id WHERE r.address = '+4791200077'",
    )
    .fetch_one(&app.db.pool)
    .await
    .unwrap();
    assert_eq!(body, "Melding nummer 77 – æøå");
    assert_eq!(address, "+4791200077");
    assert_eq!(from, "Ola Oslo");
    let payloads: Vec<(String,)> = sqlx::query_as("SELECT payload FROM jobs")
        .fetch_all(&app.db.pool)
        .await
        .unwrap();
    let ids: std::collections::BTreeSet<i64> = payloads
        .iter()
        .map(|(p,)| {
            serde_json::from_str::<serde_json::Value>(p).unwrap()["message_id"]
                .as_i64()
                .unwrap()
        })
        .collect();
    assert_eq!(ids.len(), 120, "one job per message");
});
