//! One-time approval links (decision 0018): submitting tells the approvers through the outbox (a
//! link by email or SMS, or an email to the portal for those who log in there); the link opens
//! the sheet without a log-in and approves or rejects it once, recording who, how and from where;
//! reuse, expiry, another sheet's id, a forged token, a contact of another customer and a sheet
//! withdrawn meanwhile are refused plainly; the stored message holds no secret.

use kundekort::{
    auth::hash_token,
    money::format_kr,
    timesheets::{
        links,
        store::{self, Actor, By, Via},
    },
};
use time::macros::date;

use crate::db_test;
use crate::support::{
    TestApp,
    fixtures::{contact, oslo_customer, run_worker},
    timesheets::{Setup, approval_path, generate, setup, version},
};

fn worker(s: &Setup) -> By {
    By::new(Actor::Worker(s.worker), Via::Page)
}

async fn set_contact(app: &TestApp, id: i64, email: Option<&str>, mobile: Option<&str>) {
    sqlx::query("UPDATE contacts SET email = $1, mobile = $2 WHERE id = $3")
        .bind(email)
        .bind(mobile)
        .bind(id)
        .execute(&app.db.pool)
        .await
        .unwrap();
}

/// Weeks 50 and 51 as planned (generated, not submitted); their ids.
async fn two_weeks(app: &TestApp, s: &Setup) -> (i64, i64) {
    let id = generate(app, s, date!(2026 - 12 - 07), date!(2026 - 12 - 20)).await;
    (id("2026-12-07"), id("2026-12-14"))
}

async fn submit(app: &TestApp, s: &Setup, sheet: i64) {
    let v = version(app, sheet).await;
    let mut tx = app.db.begin().await.unwrap();
    store::submit(&mut tx, sheet, v, &worker(s)).await.unwrap();
    tx.commit().await.unwrap();
}

/// The link for `contact` to `sheet`, made as delivery makes it (no email server needed).
async fn minted(app: &TestApp, sheet: i64, contact: i64) -> String {
    let (request,): (i64,) = sqlx::query_as(
        "SELECT id FROM timesheet_approval_requests WHERE timesheet_id = $1 AND contact_id = $2 \
         ORDER BY id DESC",
    )
    .bind(sheet)
    .bind(contact)
    .fetch_one(&app.db.pool)
    .await
    .unwrap();
    links::mint(&app.state, request)
        .await
        .unwrap()
        .expect("the sheet waits for the approver")
        .trim_start_matches(&app.url(""))
        .to_string()
}

async fn get(app: &TestApp, path: &str) -> (u16, String) {
    let res = app.client().get(app.url(path)).send().await.unwrap();
    (res.status().as_u16(), res.text().await.unwrap())
}

async fn post(app: &TestApp, path: &str, form: &[(&str, String)]) -> (u16, String) {
    let res = app
        .client()
        .post(app.url(path))
        .form(form)
        .send()
        .await
        .unwrap();
    (res.status().as_u16(), res.text().await.unwrap())
}

async fn approve(app: &TestApp, link: &str, sheet: i64) -> (u16, String) {
    let v = version(app, sheet).await;
    let path = format!("{link}/sheets/{sheet}/approve");
    post(app, &path, &[("version", v.to_string())]).await
}

async fn status(app: &TestApp, id: i64) -> String {
    store::get(&app.db, id).await.unwrap().unwrap().status
}

db_test!(
    submitting_mails_the_approver_a_link_that_approves_once,
    providers,
    |app, smtp, _sms| {
        let s = setup(app, false).await;
        set_contact(app, s.approver, Some("per@bygg.test"), None).await;
        let (w50, _) = two_weeks(app, &s).await;
        submit(app, &s, w50).await;
        run_worker(app).await;
        let mails = smtp.wait_for(1, 10).await;
        assert_eq!(mails[0].rcpt_to, vec!["per@bygg.test".to_string()]);
        let parsed = mails[0].parsed();
        assert!(
            parsed.subject().unwrap().contains("Kari Nordmann, uke 50"),
            "{:?}",
            parsed.subject()
        );
        let body = parsed.body_text(0).unwrap().to_string();
        let link = approval_path(&body);
        let token = link.trim_start_matches("/approve/").to_string();
        assert_eq!(token.len(), 43, "{body}");

        // The customer's dialog has the message with the placeholder, never the secret; the
        // database keeps only the hash.
        let stored: Vec<(String,)> =
            sqlx::query_as("SELECT body FROM messages WHERE customer_id = $1")
                .bind(s.customer)
                .fetch_all(&app.db.pool)
                .await
                .unwrap();
        assert_eq!(stored.len(), 1);
        assert!(!stored[0].0.contains(&token), "{}", stored[0].0);
        assert!(
            stored[0]
                .0
                .contains("[personlig lenke – vises bare for mottakeren]"),
            "{}",
            stored[0].0
        );
        let hashes: Vec<(String,)> = sqlx::query_as(
            "SELECT token_hash FROM one_time_links WHERE purpose = 'timesheet_approval'",
        )
        .fetch_all(&app.db.pool)
        .await
        .unwrap();
        assert_eq!(hashes, vec![(hash_token(&token),)]);
        let ola = app.login("ola@test.no").await;
        let res = ola
            .get(app.url(&format!("/customers/{}/dialog", s.customer)))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 200);
        let dialog = res.text().await.unwrap();
        assert!(dialog.contains("Timeliste til godkjenning"), "{dialog}");
        assert!(!dialog.contains(&token) && !dialog.contains("/approve/"));

        // Opening shows the sheet with its cost and VAT, and may be repeated.
        for _ in 0..2 {
            let (code, page) = get(app, &link).await;
            assert_eq!(code, 200, "{page}");
            assert!(page.contains("Kari Nordmann") && page.contains("Betongarbeider"));
            assert!(
                page.contains("07.12.2026") && page.contains("07:30–15:30"),
                "{page}"
            );
            // 37.5 hours at 450: 16 875 kr, VAT 4 218.75, total 21 093.75.
            for amount in [1_687_500, 421_875, 2_109_375] {
                assert!(page.contains(&format_kr(amount)), "{amount}: {page}");
            }
            assert!(page.contains("id=\"matches-plan\""), "{page}");
        }
        let (code, page) = approve(app, &link, w50).await;
        assert_eq!(code, 200, "{page}");
        assert!(page.contains("er godkjent. Takk!"), "{page}");
        // The heading says the outcome, no longer "to approve".
        assert!(
            page.contains("<h1 id=\"approve-heading\">Timelisten er godkjent</h1>"),
            "{page}"
        );
        assert!(!page.contains("Timeliste til godkjenning"), "{page}");
        assert_eq!(status(app, w50).await, "approved");
        // Who, how, from where, when.
        let d = store::detail(&app.db, w50).await.unwrap().unwrap();
        let e = d.events.last().unwrap();
        assert_eq!(
            (
                e.action.as_str(),
                e.actor.as_str(),
                e.contact_id,
                e.via.as_str()
            ),
            ("approved", "contact", Some(s.approver), "link")
        );
        assert!(e.at > 0);
        let (ip,): (Option<String>,) = sqlx::query_as(
            "SELECT client_ip FROM timesheet_events WHERE timesheet_id = $1 AND action = 'approved'",
        )
        .bind(w50)
        .fetch_one(&app.db.pool)
        .await
        .unwrap();
        assert_eq!(ip.as_deref(), Some("127.0.0.1"));

        // Once: opening again or deciding again is refused plainly.
        let (code, page) = get(app, &link).await;
        assert_eq!(code, 410);
        assert!(page.contains("Denne lenken er allerede brukt"), "{page}");
        let (code, page) = approve(app, &link, w50).await;
        assert_eq!(code, 410);
        assert!(page.contains("allerede brukt"), "{page}");
    }
);

db_test!(
    a_portal_approver_is_mailed_the_portal_and_one_with_only_a_mobile_gets_an_sms,
    providers,
    |app, smtp, sms| {
        let s = setup(app, true).await;
        set_contact(app, s.approver, Some("per@bygg.test"), Some("+4791234567")).await;
        set_contact(app, s.second, None, Some("+4798765432")).await;
        sqlx::query(
            "INSERT INTO portal_accounts (contact_id, login_email, password_hash, rights, active, \
             created_at, updated_at) VALUES ($1, 'per@bygg.test', 'set', 'approve_timesheets', 1, 0, 0)",
        )
        .bind(s.approver)
        .execute(&app.db.pool)
        .await
        .unwrap();
        let (w50, _) = two_weeks(app, &s).await;
        submit(app, &s, w50).await;
        let requests: Vec<(i64, String)> = sqlx::query_as(
            "SELECT contact_id, channel FROM timesheet_approval_requests WHERE timesheet_id = $1 \
             ORDER BY contact_id",
        )
        .bind(w50)
        .fetch_all(&app.db.pool)
        .await
        .unwrap();
        assert_eq!(
            requests,
            vec![(s.approver, "portal".into()), (s.second, "sms".into())]
        );
        run_worker(app).await;
        let mails = smtp.wait_for(1, 10).await;
        let body = mails[0].parsed().body_text(0).unwrap().to_string();
        assert!(body.contains(&app.url("/portal/timesheets")), "{body}");
        assert!(!body.contains("/approve/"), "{body}");
        let texts = sms.sent();
        assert_eq!(texts.len(), 1, "{texts:?}");
        assert_eq!(texts[0].to, "98765432");
        let link = approval_path(&texts[0].text);
        // The SMS in the dialog has the placeholder only.
        let (stored,): (String,) =
            sqlx::query_as("SELECT body FROM messages WHERE customer_id = $1 AND channel = 'sms'")
                .bind(s.customer)
                .fetch_one(&app.db.pool)
                .await
                .unwrap();
        assert!(!stored.contains("/approve/"), "{stored}");

        // Double approval: Pia's link gives the first approval; Per completes it in the portal.
        let (code, page) = approve(app, &link, w50).await;
        assert_eq!(code, 200, "{page}");
        assert!(
            page.contains("venter nå på den andre godkjenneren"),
            "{page}"
        );
        assert_eq!(status(app, w50).await, "submitted");
        let (code, _) = get(app, &link).await;
        assert_eq!(code, 410);
        let v = version(app, w50).await;
        let mut tx = app.db.begin().await.unwrap();
        let by = By::new(Actor::Contact(s.approver), Via::Page);
        store::approve(&mut tx, w50, v, &by).await.unwrap();
        tx.commit().await.unwrap();
        assert_eq!(status(app, w50).await, "approved");
    }
);

db_test!(expired_forged_and_other_sheets_links_are_refused, |app| {
    let s = setup(app, false).await;
    set_contact(app, s.approver, Some("per@bygg.test"), None).await;
    let (w50, w51) = two_weeks(app, &s).await;
    submit(app, &s, w50).await;
    submit(app, &s, w51).await;
    let link50 = minted(app, w50, s.approver).await;
    let link51 = minted(app, w51, s.approver).await;

    // Another sheet's id with this sheet's link: refused, and neither sheet changes.
    let (code, page) = approve(app, &link50, w51).await;
    assert_eq!(code, 403, "{page}");
    assert!(page.contains("gjelder en annen timeliste"), "{page}");
    assert_eq!(status(app, w51).await, "submitted");
    assert_eq!(status(app, w50).await, "submitted");

    // A forged token (right length and alphabet) and a mangled one: one plain answer.
    for forged in [
        "/approve/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA".to_string(),
        format!("{link50}x"),
    ] {
        let (code, page) = get(app, &forged).await;
        assert_eq!(code, 404, "{forged}");
        assert!(page.contains("Denne lenken virker ikke"), "{page}");
        assert!(!page.contains("Kari Nordmann"), "{page}");
        let (code, _) = approve(app, &forged, w50).await;
        assert_eq!(code, 404);
    }
    assert_eq!(status(app, w50).await, "submitted");

    // Expired.
    sqlx::query("UPDATE one_time_links SET expires_at = $1 WHERE token_hash = $2")
        .bind(kundekort::timefmt::now() - 1)
        .bind(hash_token(link51.trim_start_matches("/approve/")))
        .execute(&app.db.pool)
        .await
        .unwrap();
    let (code, page) = get(app, &link51).await;
    assert_eq!(code, 410);
    assert!(page.contains("Denne lenken er utløpt"), "{page}");
    let (code, _) = approve(app, &link51, w51).await;
    assert_eq!(code, 410);
    assert_eq!(status(app, w51).await, "submitted");

    // The refusals did not use the good link up.
    let (code, page) = approve(app, &link50, w50).await;
    assert_eq!(code, 200, "{page}");
    assert_eq!(status(app, w50).await, "approved");
});

db_test!(
    a_contact_of_another_customer_cannot_use_a_link_to_this_sheet,
    |app| {
        let s = setup(app, false).await;
        let (w50, _) = two_weeks(app, &s).await;
        submit(app, &s, w50).await;
        let other = oslo_customer(app, "Annen Kunde AS").await;
        let stranger = contact(app, other, "Sara", "Fremmed").await;
        // Such a link is never made (minting checks the approver); written here by hand as if
        // the assignment's approver had changed after the link went out.
        let token = "fremmed-lenke-til-en-annen-kundes-timeliste";
        sqlx::query(
            "INSERT INTO one_time_links (token_hash, purpose, contact_id, timesheet_id, created_at, \
             expires_at) VALUES ($1, 'timesheet_approval', $2, $3, 0, $4)",
        )
        .bind(hash_token(token))
        .bind(stranger)
        .bind(w50)
        .bind(kundekort::timefmt::now() + 3600)
        .execute(&app.db.pool)
        .await
        .unwrap();
        let link = format!("/approve/{token}");
        let (code, page) = get(app, &link).await;
        assert_eq!(code, 403);
        assert!(page.contains("ikke lenger godkjenner"), "{page}");
        assert!(!page.contains("Kari Nordmann"), "{page}");
        let (code, _) = approve(app, &link, w50).await;
        assert_eq!(code, 403);
        assert_eq!(status(app, w50).await, "submitted");
        // No request exists for the stranger, and none can be minted for them.
        let (n,): (i64,) = sqlx::query_as(
            "SELECT COUNT(*) FROM timesheet_approval_requests WHERE contact_id = $1",
        )
        .bind(stranger)
        .fetch_one(&app.db.pool)
        .await
        .unwrap();
        assert_eq!(n, 0);
    }
);

db_test!(withdrawn_meanwhile_is_told_plainly, |app| {
    let s = setup(app, false).await;
    set_contact(app, s.approver, Some("per@bygg.test"), None).await;
    let (w50, _) = two_weeks(app, &s).await;
    submit(app, &s, w50).await;
    let link = minted(app, w50, s.approver).await;
    let (code, page) = get(app, &link).await;
    assert_eq!(code, 200);
    let shown = version(app, w50).await;
    assert!(page.contains(&format!("value=\"{shown}\"")), "{page}");

    let mut tx = app.db.begin().await.unwrap();
    store::withdraw(&mut tx, w50, shown, &worker(&s))
        .await
        .unwrap();
    tx.commit().await.unwrap();
    let path = format!("{link}/sheets/{w50}/approve");
    let (code, page) = post(app, &path, &[("version", shown.to_string())]).await;
    assert_eq!(code, 409, "{page}");
    assert!(
        page.contains("venter ikke lenger på godkjenning") && page.contains("nå: Utkast"),
        "{page}"
    );
    assert_eq!(status(app, w50).await, "draft");
    // A message not yet delivered makes no link for a withdrawn sheet.
    let (request,): (i64,) =
        sqlx::query_as("SELECT MAX(id) FROM timesheet_approval_requests WHERE timesheet_id = $1")
            .bind(w50)
            .fetch_one(&app.db.pool)
            .await
            .unwrap();
    assert_eq!(links::mint(&app.state, request).await.unwrap(), None);

    // Submitted again: the unused link decides the sheet as it is now; the old version shown
    // is told to look again, and the link still works.
    submit(app, &s, w50).await;
    let (code, page) = post(app, &path, &[("version", shown.to_string())]).await;
    assert_eq!(code, 409, "{page}");
    assert!(page.contains("endret av noen andre"), "{page}");
    let (code, page) = approve(app, &link, w50).await;
    assert_eq!(code, 200, "{page}");
    assert_eq!(status(app, w50).await, "approved");
});

db_test!(rejecting_needs_a_comment_and_keeps_what_was_typed, |app| {
    let s = setup(app, false).await;
    set_contact(app, s.approver, Some("per@bygg.test"), None).await;
    let (w50, _) = two_weeks(app, &s).await;
    submit(app, &s, w50).await;
    let link = minted(app, w50, s.approver).await;
    let v = version(app, w50).await.to_string();
    let path = format!("{link}/sheets/{w50}/reject");
    let (code, page) = post(
        app,
        &path,
        &[("version", v.clone()), ("comment", "  ".into())],
    )
    .await;
    assert_eq!(code, 422, "{page}");
    assert!(page.contains("Skriv hvorfor timelisten avvises"), "{page}");
    let long = "x".repeat(1001);
    let (code, page) = post(
        app,
        &path,
        &[("version", v.clone()), ("comment", long.clone())],
    )
    .await;
    assert_eq!(code, 422);
    assert!(page.contains(&long), "what was typed is kept");
    assert_eq!(status(app, w50).await, "submitted");
    let (code, page) = post(
        app,
        &path,
        &[("version", v), ("comment", "Fredag var fridag".into())],
    )
    .await;
    assert_eq!(code, 200, "{page}");
    assert!(page.contains("er avvist og sendt tilbake"), "{page}");
    assert!(
        page.contains("<h1 id=\"approve-heading\">Timelisten er avvist</h1>"),
        "{page}"
    );
    assert!(!page.contains("Timeliste til godkjenning"), "{page}");
    let sheet = store::get(&app.db, w50).await.unwrap().unwrap();
    assert_eq!(
        (sheet.status.as_str(), sheet.comment.as_deref()),
        ("rejected", Some("Fredag var fridag"))
    );
    let d = store::detail(&app.db, w50).await.unwrap().unwrap();
    let e = d.events.last().unwrap();
    assert_eq!((e.action.as_str(), e.via.as_str()), ("rejected", "link"));
    let (code, _) = get(app, &link).await;
    assert_eq!(code, 410);
});

db_test!(the_page_speaks_english_when_asked, |app| {
    let s = setup(app, false).await;
    set_contact(app, s.approver, Some("per@bygg.test"), None).await;
    let (w50, _) = two_weeks(app, &s).await;
    submit(app, &s, w50).await;
    let link = minted(app, w50, s.approver).await;
    let res = app
        .client()
        .get(app.url(&link))
        .header("accept-language", "en-GB,en;q=0.8")
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    let page = res.text().await.unwrap();
    assert!(page.contains("Timesheet to approve"), "{page}");
    let res = app
        .client()
        .get(app.url("/approve/nope"))
        .header("accept-language", "en")
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 404);
    assert!(
        res.text()
            .await
            .unwrap()
            .contains("This link does not work")
    );
});

db_test!(the_sheet_page_says_how_the_approver_was_told, |app| {
    let s = setup(app, false).await;
    let (w50, w51) = two_weeks(app, &s).await;
    let ola = app.login("ola@test.no").await;
    let page = async |sheet: i64| {
        let res = ola
            .get(app.url(&format!(
                "/customers/{}/assignments/{}/timesheets/{sheet}",
                s.customer, s.assignment
            )))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 200);
        res.text().await.unwrap()
    };
    // A draft: nobody told, nothing said.
    assert!(!page(w50).await.contains("approvers-told"));

    // No email and no mobile: nobody could be told, and the page says what to do.
    set_contact(app, s.approver, None, None).await;
    submit(app, &s, w50).await;
    let p = page(w50).await;
    assert!(
        p.contains("kunne ikke varsles: ingen e-post eller mobilnummer"),
        "{p}"
    );

    // With an email: a one-time link by email. (The first sheet is no longer flagged: its
    // approver can be reached now, and the reminder tells them — decision 0018.)
    set_contact(app, s.approver, Some("per@bygg.test"), None).await;
    submit(app, &s, w51).await;
    let p = page(w51).await;
    assert!(p.contains("har fått en engangslenke på e-post"), "{p}");
    assert!(!p.contains("kunne ikke varsles"), "{p}");
    assert!(!page(w50).await.contains("kunne ikke varsles"));

    // Only a mobile: by SMS, after the sheet is withdrawn and submitted again.
    set_contact(app, s.approver, None, Some("+4791234567")).await;
    let v = version(app, w51).await;
    let mut tx = app.db.begin().await.unwrap();
    store::withdraw(&mut tx, w51, v, &worker(&s)).await.unwrap();
    tx.commit().await.unwrap();
    submit(app, &s, w51).await;
    let p = page(w51).await;
    assert!(p.contains("har fått en engangslenke på SMS"), "{p}");
    assert!(!p.contains("på e-post"), "{p}");
});
