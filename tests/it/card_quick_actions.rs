//! The card head's quick actions over HTTP (decision 0048): each full page's form comes back
//! without the page frame when the card head's dialog asks (htmx, aimed at `#quick-body`), bad
//! input comes back as the form again (422) with the messages and what was typed, and success
//! is a confirmation toast with the event that closes the dialog — with the thing really saved.
//! The browser's side is in `card_quick_actions_browser.rs`.

use kundekort::{
    config::ConsultantScope,
    timefmt::{now, when},
};
use reqwest::multipart::{Form, Part};

use crate::{
    db_test,
    support::fixtures::{
        category, count, customer_with_contacts, documents, oslo_customer, pdf, type_id,
    },
};

/// A request as the dialog's htmx sends it.
fn quick(req: reqwest::RequestBuilder) -> reqwest::RequestBuilder {
    req.header("HX-Request", "true")
        .header("HX-Target", "quick-body")
}

async fn status_and_text(
    req: reqwest::RequestBuilder,
) -> (u16, String, reqwest::header::HeaderMap) {
    let res = req.send().await.unwrap();
    let status = res.status().as_u16();
    let headers = res.headers().clone();
    (status, res.text().await.unwrap(), headers)
}

fn header<'a>(headers: &'a reqwest::header::HeaderMap, name: &str) -> &'a str {
    headers
        .get(name)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
}

/// A fragment for the dialog: the form, no page around it.
fn assert_fragment(text: &str, marker: &str) {
    assert!(text.contains(marker), "{marker} is in the fragment: {text}");
    assert!(
        !text.contains("<html") && !text.contains("class=\"topbar"),
        "no page frame in the dialog's fragment: {text}"
    );
}

/// The answer that closes the dialog: a toast for `#toasts` and `kk-quick-done`.
fn assert_done(status: u16, text: &str, headers: &reqwest::header::HeaderMap, message: &str) {
    assert_eq!(status, 200, "{text}");
    assert_eq!(header(headers, "hx-retarget"), "#toasts");
    assert_eq!(header(headers, "hx-trigger-after-settle"), "kk-quick-done");
    assert!(text.contains(message), "{message} is in {text}");
}

db_test!(quick_actions_open_and_answer_in_the_dialog, |app| {
    let (oslo, _, ase, _) = customer_with_contacts(app).await;
    let ola = app.login("ola@test.no").await;
    let base = format!("/customers/{oslo}");

    // The head on every tab offers them all, and calls the main contact's mobile.
    for tab in ["", "/documents", "/diary", "/dialog", "/contacts"] {
        let (status, page, _) = status_and_text(ola.get(app.url(&format!("{base}{tab}")))).await;
        assert_eq!(status, 200);
        for id in [
            "quick-activity",
            "quick-follow-up",
            "quick-email",
            "quick-sms",
            "quick-upload",
            "quick-sign",
            "quick-dialog",
        ] {
            assert!(page.contains(&format!("id=\"{id}\"")), "{id} on {tab}");
        }
        assert!(
            page.contains("href=\"tel:+4791234567\"") && page.contains("Ring Åse Berg"),
            "the main contact is called on {tab}"
        );
    }

    // Log activity: the form alone for the dialog, the whole page for a plain link.
    let (status, form, _) =
        status_and_text(quick(ola.get(app.url(&format!("{base}/diary/new"))))).await;
    assert_eq!(status, 200);
    assert_fragment(&form, "id=\"activity-form\"");
    let (_, full, _) = status_and_text(ola.get(app.url(&format!("{base}/diary/new")))).await;
    assert!(full.contains("<html") && full.contains("id=\"activity-form\""));

    // No title: the form again in the dialog, the message in Norwegian, what was typed kept.
    let meeting = type_id(app, "customer_meeting").await.to_string();
    let start = when::date_string(when::oslo_date(now() + 86_400));
    let mut fields = vec![
        ("type_id", meeting.clone()),
        ("title", String::new()),
        ("start_date", start.clone()),
        ("start_time", "10:00".into()),
        ("end_date", start.clone()),
        ("end_time", "11:00".into()),
        ("location", "Bryggen 1".into()),
        ("participant", app.fx.consultant_oslo.to_string()),
        ("contact", ase.to_string()),
    ];
    let (status, again, _) = status_and_text(quick(
        ola.post(app.url(&format!("{base}/diary"))).form(&fields),
    ))
    .await;
    assert_eq!(status, 422, "{again}");
    assert_fragment(&again, "id=\"activity-form\"");
    assert!(again.contains("Må fylles ut."), "{again}");
    assert!(
        again.contains("value=\"Bryggen 1\""),
        "the location is kept"
    );
    assert_eq!(
        count(
            app,
            &format!("SELECT COUNT(*) FROM activities WHERE customer_id = {oslo}")
        )
        .await,
        0
    );

    // Fixed: saved, and the dialog is told to close.
    fields[1].1 = "Oppfølging av tilbud".into();
    let (status, text, headers) = status_and_text(quick(
        ola.post(app.url(&format!("{base}/diary"))).form(&fields),
    ))
    .await;
    assert_done(status, &text, &headers, "Aktiviteten er lagret.");
    assert_eq!(
        count(
            app,
            &format!(
                "SELECT COUNT(*) FROM activities WHERE customer_id = {oslo} \
                 AND title = 'Oppfølging av tilbud' AND location = 'Bryggen 1'"
            )
        )
        .await,
        1
    );

    // Schedule a follow-up: the follow-up type, due the next working day.
    let (status, follow, _) = status_and_text(quick(
        ola.get(app.url(&format!("{base}/diary/new?follow_up=1"))),
    ))
    .await;
    assert_eq!(status, 200);
    let follow_up = type_id(app, "follow_up").await;
    assert!(
        follow.contains(&format!(
            "<option value=\"{follow_up}\" data-kind=\"task\" selected>"
        )),
        "the follow-up type is chosen: {follow}"
    );
    let due = when::date_string(when::oslo_date(when::next_working_day(now())));
    assert!(
        follow.contains(&format!("name=\"due_date\" value=\"{due}\"")),
        "due {due}: {follow}"
    );

    // Email, not set up here: the dialog says so, as the page does; a message waits in the outbox.
    let (status, email, _) =
        status_and_text(quick(ola.get(app.url(&format!("{base}/dialog/email"))))).await;
    assert_eq!(status, 200);
    assert_fragment(&email, "id=\"compose-form\"");
    assert!(email.contains("id=\"email-not-configured\""), "{email}");
    let mail = [
        ("subject", "Tilbud"),
        ("body", "Hei {first_name}, her er tilbudet."),
        ("action", "send"),
    ];
    let (status, again, _) =
        status_and_text(quick(ola.post(app.url(&format!("{base}/dialog/email")))).form(&mail))
            .await;
    assert_eq!(status, 422);
    assert_fragment(&again, "Velg minst én mottaker.");
    assert!(
        again.contains("Hei {first_name}, her er tilbudet."),
        "the text is kept"
    );
    let ase_id = ase.to_string();
    let mut to = vec![("to", ase_id.as_str())];
    to.extend(mail);
    let (status, text, headers) =
        status_and_text(quick(ola.post(app.url(&format!("{base}/dialog/email")))).form(&to)).await;
    assert_done(
        status,
        &text,
        &headers,
        "Én melding er lagt i utboksen. Den venter der til kanalen er satt opp",
    );
    assert_eq!(
        count(
            app,
            &format!("SELECT COUNT(*) FROM messages WHERE customer_id = {oslo}")
        )
        .await,
        1
    );

    // SMS, not set up either.
    let (status, sms, _) =
        status_and_text(quick(ola.get(app.url(&format!("{base}/dialog/sms"))))).await;
    assert_eq!(status, 200);
    assert_fragment(&sms, "id=\"sms-not-configured\"");

    // Upload: its own form in the dialog (ids apart from the tab's), the tab without htmx.
    let (status, upload, _) =
        status_and_text(quick(ola.get(app.url(&format!("{base}/documents/upload"))))).await;
    assert_eq!(status, 200);
    assert_fragment(&upload, "id=\"quick-upload-form\"");
    let res = ola
        .get(app.url(&format!("{base}/documents/upload")))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303);
    assert_eq!(
        res.headers()["location"].to_str().unwrap(),
        format!("{base}/documents#upload-form")
    );
    let contract = category(app, "contract").await.to_string();
    let details = || {
        Form::new()
            .text("category_id", contract.clone())
            .text("description", "Rammeavtale 2027")
    };
    let (status, again, _) = status_and_text(
        quick(ola.post(app.url(&format!("{base}/documents")))).multipart(details()),
    )
    .await;
    assert_eq!(status, 422);
    assert_fragment(&again, "Velg minst én fil.");
    assert!(
        again.contains("value=\"Rammeavtale 2027\""),
        "the description is kept"
    );
    let with_file = details().part(
        "files",
        Part::bytes(pdf("Rammeavtale"))
            .file_name("rammeavtale.pdf")
            .mime_str("application/pdf")
            .unwrap(),
    );
    let (status, text, headers) = status_and_text(
        quick(ola.post(app.url(&format!("{base}/documents")))).multipart(with_file),
    )
    .await;
    assert_done(status, &text, &headers, "Ett dokument er lastet opp.");
    assert_eq!(documents(app, oslo).await.len(), 1);

    // Send for signing: the form for the contract just uploaded; nothing chosen is explained.
    let (status, sign, _) =
        status_and_text(quick(ola.get(app.url(&format!("{base}/signing/new"))))).await;
    assert_eq!(status, 200);
    assert_fragment(&sign, "id=\"signing-form\"");
    let (status, again, _) = status_and_text(
        quick(ola.post(app.url(&format!("{base}/signing"))))
            .form(&[("title", ""), ("expires_days", "14")]),
    )
    .await;
    assert_eq!(status, 422);
    assert_fragment(&again, "id=\"form-errors\"");
});

db_test!(
    quick_actions_offer_only_what_the_user_may_do,
    config = |c| c.consultant_scope = ConsultantScope::All,
    |app| {
        let (oslo, _, _, _) = customer_with_contacts(app).await;
        // Berit in Bergen sees the Oslo customer but may not change it: only "call".
        let berit = app.login("berit@test.no").await;
        let (status, page, _) =
            status_and_text(berit.get(app.url(&format!("/customers/{oslo}/documents")))).await;
        assert_eq!(status, 200);
        assert!(page.contains("id=\"quick-call\""));
        for id in [
            "quick-activity",
            "quick-email",
            "quick-upload",
            "quick-sign",
        ] {
            assert!(
                !page.contains(&format!("id=\"{id}\"")),
                "{id} is not offered"
            );
        }
        // Asking anyway: refused, as a toast (the dialog stays as it was).
        for path in [
            "diary/new",
            "dialog/email",
            "documents/upload",
            "signing/new",
        ] {
            let (status, text, headers) = status_and_text(quick(
                berit.get(app.url(&format!("/customers/{oslo}/{path}"))),
            ))
            .await;
            assert_eq!(status, 403, "{path}: {text}");
            assert_eq!(header(&headers, "hx-retarget"), "#toasts");
        }

        // No main contact with a number: no "call".
        let bare = oslo_customer(app, "Uten Kontakt AS").await;
        let ola = app.login("ola@test.no").await;
        let (_, page, _) = status_and_text(ola.get(app.url(&format!("/customers/{bare}")))).await;
        assert!(page.contains("id=\"quick-activity\""));
        assert!(!page.contains("id=\"quick-call\""));
    }
);
