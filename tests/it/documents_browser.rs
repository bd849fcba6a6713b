//! Browser test of documents and signing in headless Chromium: drop two files on the upload
//! zone, see them listed, download one, send the contract with the built-in simple signature,
//! sign it as the contact (code from the real SMTP server on loopback), and see it completed; and,
//! without email, sign with the link and the code by SMS (the fake gateway).

use std::time::Duration;

use base64::{Engine, engine::general_purpose::STANDARD};
use fantoccini::{Client, Locator};

use crate::{
    support::TestApp,
    support::browser::{click, fill, text_when},
    support::browser::{login, shot, wide_and_narrow, with_browser_using},
    support::fake_sms::FakeSms,
    support::fake_smtp::FakeSmtp,
    support::fixtures::{contract, customer_with_contacts, pdf, png, send_order, sign_path},
    support::{app::sveve_config, smtp_config},
};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn upload_by_drag_and_drop_then_sign_as_the_contact() {
    let smtp = FakeSmtp::start().await;
    let port = smtp.port();
    with_browser_using(
        |c| {
            c.smtp = Some(smtp_config(port));
            c.run_worker = true;
        },
        async |app: &TestApp, c: &Client| flow(app, c, &smtp).await,
    )
    .await;
    smtp.stop().await;
}

/// Drops files on the drop zone the way a browser does: a `drop` event carrying a DataTransfer.
const DROP: &str = r#"
const [files, done] = [arguments[0], arguments[arguments.length - 1]];
const dt = new DataTransfer();
for (const f of files) {
  const bytes = Uint8Array.from(atob(f.b64), ch => ch.charCodeAt(0));
  dt.items.add(new File([bytes], f.name, { type: f.type }));
}
const zone = document.getElementById('dropzone');
zone.dispatchEvent(new DragEvent('dragenter', { dataTransfer: dt, bubbles: true }));
zone.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true }));
done(document.querySelectorAll('#chosen li').length);
"#;

/// Downloads with the browser's own session; returns (status, disposition, first bytes, size).
const DOWNLOAD: &str = r#"
const done = arguments[arguments.length - 1];
fetch(arguments[0]).then(async r => {
  const buf = new Uint8Array(await r.arrayBuffer());
  done([r.status, r.headers.get('content-disposition'), String.fromCharCode(...buf.slice(0, 5)), buf.length]);
});
"#;

async fn flow(app: &TestApp, c: &Client, smtp: &FakeSmtp) {
    let (oslo, _, _ase, _per) = customer_with_contacts(app).await;
    let contract = pdf("Rammeavtale om innleie 2027");
    login(app, c, "ola@test.no").await;
    c.goto(&app.url(&format!("/customers/{oslo}/documents")))
        .await
        .unwrap();
    let files = serde_json::json!([
        { "name": "Rammeavtale 2027.pdf", "type": "application/pdf", "b64": STANDARD.encode(&contract) },
        { "name": "logo.png", "type": "image/png", "b64": STANDARD.encode(png()) },
    ]);
    let chosen = c.execute_async(DROP, vec![files]).await.unwrap();
    assert_eq!(
        chosen,
        serde_json::json!(2),
        "both files are listed before upload"
    );
    c.find(Locator::Css("#category_id"))
        .await
        .unwrap()
        .select_by_label("Kontrakt")
        .await
        .unwrap();
    shot(c, "documents-01-dropped").await;
    click(c, "#upload-button").await;
    text_when(c, "#uploaded-notice", None, |t| t.contains("2 dokumenter")).await;
    let rows = c
        .find_all(Locator::Css("#document-table tbody tr"))
        .await
        .unwrap();
    assert_eq!(rows.len(), 2);
    shot(c, "documents-02-listed").await;

    // Download the PDF through the browser.
    let href = c
        .find(Locator::XPath(
            "//tr[td/a[contains(., 'Rammeavtale 2027.pdf')]]//a[contains(@class, 'download')]",
        ))
        .await
        .unwrap()
        .attr("href")
        .await
        .unwrap()
        .unwrap();
    let got = c
        .execute_async(DOWNLOAD, vec![serde_json::json!(href)])
        .await
        .unwrap();
    assert_eq!(got[0], 200);
    assert!(
        got[1].as_str().unwrap().contains("Rammeavtale%202027.pdf"),
        "{got}"
    );
    assert_eq!(got[2], "%PDF-");
    assert_eq!(got[3], contract.len());

    // Send it for signing with the built-in signature; the main contact is suggested.
    c.find(Locator::LinkText("Rammeavtale 2027.pdf"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    text_when(c, "#document-title", None, |t| {
        t.contains("Rammeavtale 2027.pdf")
    })
    .await;
    shot(c, "documents-02b-detail").await;
    click(c, "#send-for-signing").await;
    text_when(c, "#signing-title", Some("value"), |v| {
        v == "Rammeavtale 2027"
    })
    .await;
    shot(c, "documents-03-signing-form").await;
    click(c, "#send-signing").await;
    text_when(c, "#sent-notice", None, |t| t.contains("Sendt")).await;
    text_when(c, "#order-state", None, |t| t == "Sendt").await;
    shot(c, "documents-03b-order").await;

    // The contact opens the link from the email and signs.
    let mails = smtp.wait_for(1, 15).await;
    let body = mails[0].parsed().body_text(0).unwrap().to_string();
    let start = body.find("/sign/").unwrap();
    let end = body[start..]
        .find(char::is_whitespace)
        .map(|e| start + e)
        .unwrap_or(body.len());
    let link = app.url(&body[start..end]);
    c.goto(&link).await.unwrap();
    text_when(c, "#method-note", None, |t| t.contains("ikke BankID")).await;
    click(c, "#send-code").await;
    let mails = smtp.wait_for(2, 15).await;
    let code = crate::support::fixtures::mailed_code(&mails[1]);
    // A wrong code first: the error shows once (one alert, the text once), the code kept.
    let wrong = if code == "000000" { "111111" } else { "000000" };
    c.wait()
        .at_most(Duration::from_secs(10))
        .for_element(Locator::Css("#code"))
        .await
        .unwrap()
        .send_keys(wrong)
        .await
        .unwrap();
    click(c, "#verify-code").await;
    text_when(c, "#sign-error", None, |t| t.contains("Koden stemmer ikke")).await;
    let shown: (usize, usize) = serde_json::from_value(
        c.execute(
            "return [document.querySelectorAll('[role=alert]').length, \
             (document.body.innerText.match(/Koden stemmer ikke/g) || []).length]",
            vec![],
        )
        .await
        .unwrap(),
    )
    .unwrap();
    assert_eq!(shown, (1, 1), "the error shows once");
    shot(c, "documents-04a-wrong-code").await;
    fill(c, "#code", &code).await;
    click(c, "#verify-code").await;
    c.wait()
        .at_most(Duration::from_secs(10))
        .for_element(Locator::Css("#sign-document"))
        .await
        .expect("the document is shown");
    shot(c, "documents-04-sign").await;
    click(c, "#confirm").await;
    click(c, "#sign-button").await;
    text_when(c, "#signed-done", None, |t| t.contains("Du signerte")).await;
    shot(c, "documents-05-signed").await;

    // Back on the card: completed, and the signed copy is the document's latest version.
    c.goto(&app.url(&format!("/customers/{oslo}/signing")))
        .await
        .unwrap();
    text_when(c, ".signing-orders tbody tr td .badge", None, |t| {
        t == "Fullført"
    })
    .await;
    c.goto(&app.url(&format!("/customers/{oslo}/documents")))
        .await
        .unwrap();
    let signed = text_when(c, "#document-table", None, |t| t.contains("Signert")).await;
    assert!(signed.contains("Rammeavtale 2027.pdf"), "{signed}");
    shot(c, "documents-06-completed").await;
}

/// SMS set up, email not: the contact signs with the link and the one-time code by SMS. The
/// signer's page at 1280 and 390 px; a wrong code shows its error once.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn without_email_the_contact_signs_with_a_code_by_sms() {
    let (sms, addr) = FakeSms::spawn().await;
    with_browser_using(
        |c| {
            c.smtp = None;
            c.sms = Some(sveve_config(addr));
            c.run_worker = true;
        },
        async |app: &TestApp, c: &Client| sms_flow(app, c, &sms).await,
    )
    .await;
}

/// The texts the fake gateway received, once there are `n` (bounded wait for the app's worker).
async fn texts(sms: &FakeSms, n: usize) -> Vec<String> {
    for _ in 0..150 {
        let sent = sms.sent();
        if sent.len() >= n {
            return sent.into_iter().map(|s| s.text).collect();
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("{n} SMS never arrived: {:?}", sms.sent());
}

async fn sms_flow(app: &TestApp, c: &Client, sms: &FakeSms) {
    let (oslo, _, ase, _per) = customer_with_contacts(app).await;
    let (doc, _) = contract(app, oslo).await;
    let res = send_order(app, oslo, doc, "simple", &[ase]).await;
    assert_eq!(res.status(), 303);
    let sent = texts(sms, 1).await;
    let link = app.url(&sign_path(&sent[0]));
    c.goto(&link).await.unwrap();
    let explain = text_when(c, "#code-request", None, |t| t.contains("SMS")).await;
    assert!(explain.contains("+47 ••• •• •67"), "{explain}");
    wide_and_narrow(c, "signing-sms-01-page").await;
    click(c, "#send-code").await;
    let sent = texts(sms, 2).await;
    let code = sent[1]
        .split(|ch: char| !ch.is_ascii_digit())
        .find(|run| run.len() == 6)
        .expect("a code in the SMS")
        .to_string();
    let wrong = if code == "000000" { "111111" } else { "000000" };
    c.wait()
        .at_most(Duration::from_secs(10))
        .for_element(Locator::Css("#code"))
        .await
        .unwrap();
    text_when(c, "#code-sent-to", None, |t| t.contains("SMS")).await;
    fill(c, "#code", wrong).await;
    click(c, "#verify-code").await;
    // The signer's browser sends no Norwegian preference: the page is in its language.
    let error = text_when(c, "#sign-error", None, |t| {
        t.contains("Koden stemmer ikke") || t.contains("The code is not right")
    })
    .await;
    let shown: (usize, usize) = serde_json::from_value(
        c.execute(
            "return [document.querySelectorAll('[role=alert]').length, \
             document.body.innerText.split(arguments[0]).length - 1]",
            vec![error.trim().into()],
        )
        .await
        .unwrap(),
    )
    .unwrap();
    assert_eq!(shown, (1, 1), "the error shows once");
    wide_and_narrow(c, "signing-sms-02-wrong-code").await;
    fill(c, "#code", &code).await;
    click(c, "#verify-code").await;
    c.wait()
        .at_most(Duration::from_secs(10))
        .for_element(Locator::Css("#sign-document"))
        .await
        .expect("the document is shown before signing");
    click(c, "#confirm").await;
    click(c, "#sign-button").await;
    text_when(c, "#signed-done", None, |t| !t.trim().is_empty()).await;
    wide_and_narrow(c, "signing-sms-03-signed").await;
}
