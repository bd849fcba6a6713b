//! Rental offers from a vacancy (decision 0042): the PDF (its text read back by poppler's
//! pdftotext) with the rates, terms and period in the chosen language, kept as a card document;
//! bad input explained and kept; emailed through the outbox with the PDF attached; sent for
//! signing and accepted when the signing order completes; answered by hand; expired; and
//! refused to a consultant of another department and to the portal.

use mail_parser::MimeHeaders;

use crate::db_test;
use crate::support::http::{location, page};
use crate::support::{
    TestApp,
    fixtures::{mailed_code, order_id, run_worker, send_order, sign_path},
    timesheets::portal,
};
use crate::vacancies::vacancy;

/// The text of a PDF, as poppler's `pdftotext` reads it (layout kept, so a row stays one line).
fn pdf_text(bytes: &[u8]) -> String {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("offer.pdf");
    std::fs::write(&path, bytes).unwrap();
    let out = std::process::Command::new("pdftotext")
        .arg("-layout")
        .arg(&path)
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils) is installed");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // One space for every run of white space, so a cell wrapped over two lines reads as one.
    String::from_utf8(out.stdout)
        .unwrap()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// The vacancy's contact, given an email address.
async fn contact_with_email(app: &TestApp, vid: i64) -> i64 {
    let (contact,): (i64,) = sqlx::query_as("SELECT contact_id FROM vacancies WHERE id = $1")
        .bind(vid)
        .fetch_one(&app.db.pool)
        .await
        .unwrap();
    sqlx::query("UPDATE contacts SET email = 'ase@betong.test' WHERE id = $1")
        .bind(contact)
        .execute(&app.db.pool)
        .await
        .unwrap();
    contact
}

type OfferRow = (
    i64,
    String,
    Option<String>,
    i64,
    i64,
    Option<i64>,
    Option<i64>,
);

const OFFER_COLUMNS: &str = "SELECT id, status, sent_via, document_id, document_version_id, \
    message_id, signing_order_id FROM vacancy_offers";

async fn offer_row(app: &TestApp, id: i64) -> OfferRow {
    sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "{OFFER_COLUMNS} WHERE id = $1"
    )))
    .bind(id)
    .fetch_one(&app.db.pool)
    .await
    .unwrap()
}

/// The newest offer of a vacancy: (id, status, sent_via, document, version, message, order).
async fn newest_offer(app: &TestApp, vid: i64) -> OfferRow {
    sqlx::query_as(
        "SELECT id, status, sent_via, document_id, document_version_id, message_id, \
         signing_order_id FROM vacancy_offers WHERE vacancy_id = $1 ORDER BY id DESC",
    )
    .bind(vid)
    .fetch_all(&app.db.pool)
    .await
    .unwrap()
    .remove(0)
}

/// Makes an offer valid until `valid_until` in `language`; the response.
async fn make_offer(
    client: &reqwest::Client,
    app: &TestApp,
    path: &str,
    valid_until: &str,
    language: &str,
) -> reqwest::Response {
    client
        .post(app.url(&format!("{path}/offers")))
        .form(&[("valid_until", valid_until), ("language", language)])
        .send()
        .await
        .unwrap()
}

async fn pdf_of(
    client: &reqwest::Client,
    app: &TestApp,
    customer: i64,
    offer: &OfferRow,
) -> Vec<u8> {
    let res = client
        .get(app.url(&format!(
            "/customers/{customer}/documents/{}/versions/{}/download",
            offer.3, offer.4
        )))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    res.bytes().await.unwrap().to_vec()
}

db_test!(
    an_offer_is_a_pdf_with_rates_and_period_kept_and_emailed,
    providers,
    |app, smtp, _sms| {
        let ola = app.login("ola@test.no").await;
        let (customer, vid, path) = vacancy(app, &ola).await;
        let ase = contact_with_email(app, vid).await;

        // Bad input is explained next to the field and kept.
        for (typed, says) in [
            ("31.02.2040", "Skriv datoen som 01.03.2027."),
            ("01.01.2020", "Datoen kan ikke være passert."),
            ("", "Må fylles ut."),
        ] {
            let res = make_offer(&ola, app, &path, typed, "nb").await;
            assert_eq!(res.status(), 422, "{typed}");
            let body = res.text().await.unwrap();
            assert!(body.contains("id=\"e-offer-valid-until\""), "{body}");
            assert!(body.contains(says), "{typed}: {body}");
            assert!(
                body.contains(&format!("name=\"valid_until\" value=\"{typed}\"")),
                "{typed}"
            );
        }
        assert_eq!(
            crate::support::fixtures::count(app, "SELECT COUNT(*) FROM vacancy_offers").await,
            0
        );

        // In bokmål: the PDF, kept as a card document of the category "offer".
        let to = location(make_offer(&ola, app, &path, "31.01.2040", "nb").await).await;
        assert!(to.contains("offer=made"), "{to}");
        let offer = newest_offer(app, vid).await;
        assert_eq!(offer.1, "draft");
        let (category,): (String,) = sqlx::query_as(
            "SELECT c.key FROM documents d JOIN document_categories c ON c.id = d.category_id \
             WHERE d.id = $1 AND d.customer_id = $2",
        )
        .bind(offer.3)
        .bind(customer)
        .fetch_one(&app.db.pool)
        .await
        .unwrap();
        assert_eq!(category, "offer");
        let bytes = pdf_of(&ola, app, customer, &offer).await;
        assert!(bytes.starts_with(b"%PDF"), "a PDF");
        let text = pdf_text(&bytes);
        for expected in [
            "Utleietilbud",
            "Betong Nord AS",
            "Betongarbeider (STYRK-08 7114)",
            "04.01.2027 – 30.06.2027",
            "2 personer",
            "450,00 kr per time",
            "Overtid 50 %",
            "675,00 kr per time",
            "Overtid 100 %",
            "900,00 kr per time",
            "Nattillegg",
            "61,50 kr",
            "PO-4411",
            "Betongstøp i vår, midlertidig topp",
            "01.09.2026",
            "225,00 kr per time",
            "31.01.2040",
            "Bryggen 1",
        ] {
            assert!(text.contains(expected), "{expected} missing in:\n{text}");
        }
        // What the workers are paid is not the customer's business.
        assert!(!text.contains("230,00"), "{text}");

        // In English when chosen.
        location(make_offer(&ola, app, &path, "31.01.2040", "en").await).await;
        let english = newest_offer(app, vid).await;
        let text = pdf_text(&pdf_of(&ola, app, customer, &english).await);
        for expected in [
            "Rental offer",
            "NOK 450,00 per hour",
            "04.01.2027 – 30.06.2027",
            "2 people",
        ] {
            assert!(text.contains(expected), "{expected} missing in:\n{text}");
        }

        // Emailing needs a contact; then the message is in the outbox with the PDF.
        let res = ola
            .post(app.url(&format!("{path}/offers/{}/email", offer.0)))
            .form(&[("contact_id", "")])
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 422);
        let body = res.text().await.unwrap();
        assert!(
            body.contains(&format!("id=\"e-offer-contact-{}\"", offer.0))
                && body.contains("Velg en kontaktperson."),
            "{body}"
        );
        let res = ola
            .post(app.url(&format!("{path}/offers/{}/email", offer.0)))
            .form(&[("contact_id", ase.to_string())])
            .send()
            .await
            .unwrap();
        let to = location(res).await;
        assert!(to.contains("offer=emailed"), "{to}");
        let sent = offer_row(app, offer.0).await;
        assert_eq!(
            (sent.1.as_str(), sent.2.as_deref()),
            ("sent", Some("email"))
        );
        let message = sent.5.expect("the message");
        let (attached,): (i64,) = sqlx::query_as(
            "SELECT document_version_id FROM message_attachments WHERE message_id = $1",
        )
        .bind(message)
        .fetch_one(&app.db.pool)
        .await
        .unwrap();
        assert_eq!(attached, offer.4, "the offer's PDF is attached");
        run_worker(app).await;
        let mails = smtp.wait_for(1, 10).await;
        assert_eq!(mails[0].rcpt_to, vec!["ase@betong.test".to_string()]);
        let parsed = mails[0].parsed();
        assert_eq!(parsed.subject(), Some("Utleietilbud: Betongarbeider"));
        let pdf = parsed
            .attachments()
            .find(|a| a.attachment_name() == Some(format!("Utleietilbud {vid}-1.pdf").as_str()))
            .expect("the PDF attached");
        assert_eq!(pdf.contents(), bytes.as_slice());

        // The vacancy's page lists both offers with their status.
        let (_, body) = page(&ola, app, &path).await;
        assert!(
            body.contains(&format!("id=\"offer-{}\" data-status=\"sent\"", offer.0)),
            "{body}"
        );
        assert!(
            body.contains(&format!("id=\"offer-{}\" data-status=\"draft\"", english.0)),
            "{body}"
        );
    }
);

db_test!(
    completing_the_signing_order_accepts_the_offer,
    providers,
    |app, smtp, _sms| {
        let ola = app.login("ola@test.no").await;
        let (customer, vid, path) = vacancy(app, &ola).await;
        let ase = contact_with_email(app, vid).await;
        location(make_offer(&ola, app, &path, "31.01.2040", "nb").await).await;
        let offer = newest_offer(app, vid).await;
        let (_, body) = page(&ola, app, &path).await;
        assert!(
            body.contains(&format!(
                "href=\"/customers/{customer}/signing/new?document={}\"",
                offer.3
            )),
            "the way to signing: {body}"
        );
        let res = send_order(app, customer, offer.3, "simple", &[ase]).await;
        assert_eq!(res.status(), 303, "{:?}", res.text().await);
        let order = order_id(&res);
        let sent = newest_offer(app, vid).await;
        assert_eq!(
            (sent.1.as_str(), sent.2.as_deref(), sent.6),
            ("sent", Some("signing"), Some(order))
        );

        run_worker(app).await;
        let mails = smtp.wait_for(1, 10).await;
        let link = sign_path(&mails[0].parsed().body_text(0).unwrap());
        let signer = app.client();
        let res = signer.get(app.url(&link)).send().await.unwrap();
        assert_eq!(res.status(), 200);
        let res = signer
            .post(app.url(&format!("{link}/code")))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 303);
        run_worker(app).await;
        let mails = smtp.wait_for(2, 10).await;
        let code = mailed_code(&mails[1]);
        let res = signer
            .post(app.url(&format!("{link}/verify")))
            .form(&[("code", code.as_str())])
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 303);
        let res = signer
            .post(app.url(&format!("{link}/sign")))
            .form(&[("confirm", "1")])
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 303);

        let (status, by, how): (String, Option<String>, Option<String>) = sqlx::query_as(
            "SELECT status, answered_by, answered_how FROM vacancy_offers WHERE id = $1",
        )
        .bind(offer.0)
        .fetch_one(&app.db.pool)
        .await
        .unwrap();
        assert_eq!(status, "accepted");
        assert_eq!(by.as_deref(), Some("Åse Berg"));
        assert_eq!(how.as_deref(), Some("signing"));
        let (_, body) = page(&ola, app, &path).await;
        assert!(
            body.contains(&format!(
                "id=\"offer-{}\" data-status=\"accepted\"",
                offer.0
            )),
            "{body}"
        );
        assert!(body.contains("Åse Berg (signert)"), "{body}");
    }
);

db_test!(
    offers_are_answered_by_hand_expire_and_stay_with_the_card,
    |app| {
        let ola = app.login("ola@test.no").await;
        let (customer, vid, path) = vacancy(app, &ola).await;
        location(make_offer(&ola, app, &path, "31.01.2040", "nb").await).await;
        let offer = newest_offer(app, vid).await;
        let answer = |fields: Vec<(&'static str, String)>| {
            let ola = ola.clone();
            let url = app.url(&format!("{path}/offers/{}/answer", offer.0));
            async move { ola.post(url).form(&fields).send().await.unwrap() }
        };

        // Bad input explained and kept.
        let res = answer(vec![
            ("answer", "accepted".into()),
            ("answered_on", "01.06.2025".into()),
            ("answered_by", "".into()),
            ("answered_how", "Telefon".into()),
        ])
        .await;
        assert_eq!(res.status(), 422);
        let body = res.text().await.unwrap();
        assert!(
            body.contains(&format!("id=\"e-offer-by-{}\"", offer.0))
                && body.contains("Må fylles ut."),
            "{body}"
        );
        assert!(body.contains("value=\"Telefon\""), "{body}");
        let res = answer(vec![
            ("answer", "accepted".into()),
            ("answered_on", "01.06.2099".into()),
            ("answered_by", "Åse Berg".into()),
            ("answered_how", "Telefon".into()),
        ])
        .await;
        assert_eq!(res.status(), 422);
        assert!(
            res.text()
                .await
                .unwrap()
                .contains("Datoen kan ikke være frem i tid.")
        );

        // Accepted by hand, once.
        let fields = vec![
            ("answer", "accepted".to_string()),
            ("answered_on", "01.06.2025".into()),
            ("answered_by", "Åse Berg".into()),
            ("answered_how", "Telefon".into()),
        ];
        let to = location(answer(fields.clone()).await).await;
        assert!(to.contains("offer=accepted"), "{to}");
        let row: (String, String, String, String) = sqlx::query_as(
        "SELECT status, answered_on, answered_by, answered_how FROM vacancy_offers WHERE id = $1",
    )
    .bind(offer.0)
    .fetch_one(&app.db.pool)
    .await
    .unwrap();
        assert_eq!(
            row,
            (
                "accepted".into(),
                "2025-06-01".into(),
                "Åse Berg".into(),
                "Telefon".into()
            )
        );
        let mut again = fields.clone();
        again[0].1 = "declined".into();
        let res = answer(again).await;
        assert_eq!(res.status(), 422);
        assert!(
            res.text()
                .await
                .unwrap()
                .contains("Tilbudet er allerede besvart.")
        );
        let (_, body) = page(&ola, app, &path).await;
        assert!(body.contains("01.06.2025, Åse Berg (Telefon)"), "{body}");

        // A second offer declined; a third one expires once its day has passed.
        location(make_offer(&ola, app, &path, "31.01.2040", "nb").await).await;
        let second = newest_offer(app, vid).await;
        let res = ola
            .post(app.url(&format!("{path}/offers/{}/answer", second.0)))
            .form(&[
                ("answer", "declined"),
                ("answered_on", "02.06.2025"),
                ("answered_by", "Åse Berg"),
                ("answered_how", "E-post"),
            ])
            .send()
            .await
            .unwrap();
        location(res).await;
        assert_eq!(newest_offer(app, vid).await.1, "declined");
        location(make_offer(&ola, app, &path, "31.01.2040", "nb").await).await;
        let third = newest_offer(app, vid).await;
        sqlx::query("UPDATE vacancy_offers SET valid_until = '2020-01-01' WHERE id = $1")
            .bind(third.0)
            .execute(&app.db.pool)
            .await
            .unwrap();
        let (_, body) = page(&ola, app, &path).await;
        assert!(
            body.contains(&format!("id=\"offer-{}\" data-status=\"expired\"", third.0)),
            "{body}"
        );
        assert_eq!(newest_offer(app, vid).await.1, "expired");

        // Berit (Bergen) reaches none of it; neither does the customer's contact in the portal.
        let berit = app.login("berit@test.no").await;
        for (p, form) in [
            (
                format!("{path}/offers"),
                vec![("valid_until", "31.01.2040")],
            ),
            (
                format!("{path}/offers/{}/email", third.0),
                vec![("contact_id", "1")],
            ),
            (
                format!("{path}/offers/{}/answer", third.0),
                vec![
                    ("answer", "accepted"),
                    ("answered_on", "01.06.2025"),
                    ("answered_by", "X"),
                    ("answered_how", "Y"),
                ],
            ),
        ] {
            let res = berit.post(app.url(&p)).form(&form).send().await.unwrap();
            assert_eq!(res.status(), 404, "{p}");
        }
        let res = berit
            .get(app.url(&format!(
                "/customers/{customer}/documents/{}/versions/{}/download",
                offer.3, offer.4
            )))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 404);
        let (contact,): (i64,) = sqlx::query_as("SELECT contact_id FROM vacancies WHERE id = $1")
            .bind(vid)
            .fetch_one(&app.db.pool)
            .await
            .unwrap();
        let portal = portal(app, contact, "view_assignments,approve_timesheets").await;
        let res = portal
            .post(app.url(&format!("{path}/offers")))
            .form(&[("valid_until", "31.01.2040")])
            .send()
            .await
            .unwrap();
        let status = res.status().as_u16();
        assert!(status == 303 || status == 401 || status == 403, "{status}");
        assert_eq!(
            crate::support::fixtures::count(
                app,
                &format!("SELECT COUNT(*) FROM vacancy_offers WHERE vacancy_id = {vid}")
            )
            .await,
            3
        );
    }
);
