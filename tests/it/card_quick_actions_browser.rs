//! The card head's quick actions in headless Chromium (issue 16, decision 0048): from the
//! Documents tab, log an activity, write an email and upload a document in the dialog — bad
//! input answered inside the dialog in Norwegian with what was typed kept, then fixed: the
//! dialog closes, the user is still on the Documents tab (refreshed), a confirmation shows and
//! the thing is in the database. At 390 px the actions fold behind "+ Ny" and the dialog fills
//! the screen without sideways scrolling; Esc closes it. (Over HTTP, on both databases:
//! `card_quick_actions.rs`.)

use std::time::Duration;

use fantoccini::{Client, Locator, key::Key};

use crate::{
    support::TestApp,
    support::browser::{click, fill, login, shot, text_when, with_browser},
    support::fixtures::{count, customer_with_contacts, documents, pdf},
};

/// How far the page, and the dialog's own box, stick out sideways (0 when they fit).
async fn overflow(c: &Client) -> (i64, i64) {
    let js = "const d = document.getElementById('quick-dialog'); \
              const dialog = d && d.open ? Math.max(d.scrollWidth - d.clientWidth, \
                 Math.ceil(d.getBoundingClientRect().right - window.innerWidth)) : 0; \
              return [document.documentElement.scrollWidth - window.innerWidth, dialog]";
    serde_json::from_value(c.execute(js, vec![]).await.unwrap()).unwrap()
}

async fn assert_fits(c: &Client, what: &str) {
    let (page, dialog) = overflow(c).await;
    assert!(page <= 0, "{what}: the page is {page} px too wide");
    assert!(dialog <= 0, "{what}: the dialog is {dialog} px too wide");
}

async fn dialog_open(c: &Client) -> bool {
    c.execute(
        "const d = document.getElementById('quick-dialog'); return !!(d && d.open)",
        vec![],
    )
    .await
    .unwrap()
    .as_bool()
    .unwrap_or(false)
}

async fn wait_until_closed(c: &Client) {
    for _ in 0..100 {
        if !dialog_open(c).await {
            return;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("the dialog never closed");
}

/// The focused element is inside the dialog.
async fn focus_in_dialog(c: &Client) -> bool {
    c.execute(
        "return !!document.activeElement.closest('#quick-dialog')",
        vec![],
    )
    .await
    .unwrap()
    .as_bool()
    .unwrap_or(false)
}

async fn value(c: &Client, css: &str) -> String {
    c.find(Locator::Css(css))
        .await
        .unwrap()
        .prop("value")
        .await
        .unwrap()
        .unwrap_or_default()
}

async fn still_on_documents(c: &Client, oslo: i64) {
    let url = c.current_url().await.unwrap();
    assert_eq!(url.path(), format!("/customers/{oslo}/documents"));
    c.wait()
        .for_element(Locator::Css("#document-filters"))
        .await
        .unwrap();
}

/// Puts a file into the dialog's file input as choosing it would.
const CHOOSE_FILE: &str = r#"
const input = document.getElementById('quick-files');
const bytes = Uint8Array.from(atob(arguments[0]), ch => ch.charCodeAt(0));
const dt = new DataTransfer();
dt.items.add(new File([bytes], 'rammeavtale.pdf', { type: 'application/pdf' }));
input.files = dt.files;
input.dispatchEvent(new Event('change', { bubbles: true }));
"#;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn quick_actions_work_in_a_dialog_from_the_documents_tab() {
    with_browser(async |app: &TestApp, c: &Client| {
        let (oslo, _, ase, _) = customer_with_contacts(app).await;
        login(app, c, "ola@test.no").await;
        c.set_window_size(1440, 1000).await.unwrap();
        c.goto(&app.url(&format!("/customers/{oslo}/documents")))
            .await
            .unwrap();
        let call = c.find(Locator::Css("#quick-call")).await.unwrap();
        assert_eq!(
            call.attr("href").await.unwrap().as_deref(),
            Some("tel:+4791234567")
        );
        shot(c, "quick-documents-1440").await;

        // Log an activity: no title first.
        click(c, "#quick-activity").await;
        c.wait()
            .for_element(Locator::Css("#quick-dialog[open] #quick-body #activity-form"))
            .await
            .unwrap();
        assert!(focus_in_dialog(c).await, "the focus goes into the dialog");
        // The form's own script runs in the dialog too: a task asks for a due date, not times.
        let due_shown = c
            .execute(
                "const s = document.querySelector('#quick-body #f-type_id');                  const task = [...s.options].find(o => o.dataset.kind === 'task');                  s.value = task.value; s.dispatchEvent(new Event('change', {bubbles: true}));                  const shown = !document.querySelector('#quick-body #task-due').hidden;                  s.selectedIndex = 0; s.dispatchEvent(new Event('change', {bubbles: true}));                  return shown",
                vec![],
            )
            .await
            .unwrap();
        assert_eq!(due_shown, serde_json::json!(true), "diary-form.js runs in the dialog");
        fill(c, "#quick-body #f-location", "Bryggen 1").await;
        fill(c, "#quick-body #f-notes", "Ring tilbake om bemanning i januar").await;
        click(c, "#quick-body #save").await;
        let error = text_when(c, "#quick-body #e-title", None, |t| !t.is_empty()).await;
        assert_eq!(error, "Må fylles ut.");
        assert!(dialog_open(c).await, "the dialog stays open with the error");
        assert_eq!(value(c, "#quick-body #f-location").await, "Bryggen 1");
        assert_eq!(
            value(c, "#quick-body #f-notes").await,
            "Ring tilbake om bemanning i januar"
        );
        assert_fits(c, "the activity form with an error at 1440 px").await;
        shot(c, "quick-activity-error-1440").await;

        fill(c, "#quick-body #f-title", "Oppfølging av tilbud").await;
        click(c, "#quick-body #save").await;
        wait_until_closed(c).await;
        text_when(c, "#toasts", None, |t| t.contains("Aktiviteten er lagret.")).await;
        still_on_documents(c, oslo).await;
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
        shot(c, "quick-activity-done-1440").await;

        // Email, not set up here: the dialog says so; no recipient first.
        click(c, "#quick-email").await;
        c.wait()
            .for_element(Locator::Css("#quick-dialog[open] #quick-body #email-not-configured"))
            .await
            .unwrap();
        fill(c, "#quick-body #f-subject", "Tilbud på bemanning").await;
        fill(c, "#quick-body #f-body", "Hei {first_name}, her er tilbudet.").await;
        click(c, "#quick-body #send").await;
        let error = text_when(c, "#quick-body #e-to", None, |t| !t.is_empty()).await;
        assert_eq!(error, "Velg minst én mottaker.");
        assert_eq!(value(c, "#quick-body #f-subject").await, "Tilbud på bemanning");
        assert_fits(c, "the email form at 1440 px").await;
        shot(c, "quick-email-error-1440").await;
        click(c, &format!("#quick-body #to-{ase}")).await;
        click(c, "#quick-body #send").await;
        wait_until_closed(c).await;
        text_when(c, "#toasts", None, |t| {
            t.contains("Én melding er lagt i utboksen. Den venter der")
        })
        .await;
        still_on_documents(c, oslo).await;
        assert_eq!(
            count(
                app,
                &format!("SELECT COUNT(*) FROM messages WHERE customer_id = {oslo}")
            )
            .await,
            1
        );

        // Upload: no file first, then one; the tab shows it.
        click(c, "#quick-upload").await;
        c.wait()
            .for_element(Locator::Css("#quick-dialog[open] #quick-body #quick-upload-form"))
            .await
            .unwrap();
        fill(c, "#quick-body #quick-description", "Rammeavtale 2027").await;
        click(c, "#quick-body #quick-upload-button").await;
        let error = text_when(c, "#quick-body #quick-form-errors", None, |t| !t.is_empty()).await;
        assert!(error.contains("Velg minst én fil."), "{error}");
        assert_eq!(
            value(c, "#quick-body #quick-description").await,
            "Rammeavtale 2027"
        );
        shot(c, "quick-upload-error-1440").await;
        use base64::Engine;
        let b64 = base64::engine::general_purpose::STANDARD.encode(pdf("Rammeavtale"));
        c.execute(CHOOSE_FILE, vec![b64.into()]).await.unwrap();
        text_when(c, "#quick-body #quick-chosen", None, |t| t.contains("rammeavtale.pdf")).await;
        click(c, "#quick-body #quick-upload-button").await;
        wait_until_closed(c).await;
        text_when(c, "#toasts", None, |t| t.contains("Ett dokument er lastet opp.")).await;
        still_on_documents(c, oslo).await;
        text_when(c, "#document-table", None, |t| t.contains("rammeavtale")).await;
        assert_eq!(documents(app, oslo).await.len(), 1);

        // From the Diary tab, schedule a follow-up: the tab shows it once the dialog closes.
        c.goto(&app.url(&format!("/customers/{oslo}/diary")))
            .await
            .unwrap();
        click(c, "#quick-follow-up").await;
        c.wait()
            .for_element(Locator::Css("#quick-dialog[open] #quick-body #activity-form"))
            .await
            .unwrap();
        let chosen = c
            .execute(
                "const s = document.querySelector('#quick-body #f-type_id'); return s.options[s.selectedIndex].dataset.kind",
                vec![],
            )
            .await
            .unwrap();
        assert_eq!(chosen, serde_json::json!("task"), "a follow-up is a task");
        fill(c, "#quick-body #f-title", "Ring om kontrakten").await;
        click(c, "#quick-body #save").await;
        wait_until_closed(c).await;
        text_when(c, "#toasts", None, |t| t.contains("Aktiviteten er lagret.")).await;
        assert!(
            c.current_url().await.unwrap().path().ends_with("/diary"),
            "still on the Diary tab"
        );
        text_when(c, "#activity-table", None, |t| t.contains("Ring om kontrakten")).await;
        shot(c, "quick-follow-up-done-1440").await;

        // On the activity form's own page its action does not open the same form again.
        c.goto(&app.url(&format!("/customers/{oslo}/diary/new")))
            .await
            .unwrap();
        c.execute(
            "window.quickRequests = 0; \
             document.addEventListener('htmx:beforeRequest', () => window.quickRequests++)",
            vec![],
        )
        .await
        .unwrap();
        click(c, "#quick-activity").await;
        // htmx sends (or not) within the click's own handler.
        let sent = c.execute("return window.quickRequests", vec![]).await.unwrap();
        assert_eq!(sent, serde_json::json!(0), "no second activity form is asked for");
        assert!(!dialog_open(c).await);
        let focused = c
            .execute("return !!document.activeElement.closest('#activity-form')", vec![])
            .await
            .unwrap();
        assert_eq!(focused, serde_json::json!(true), "the page's own form has the focus");

        // A phone: the actions fold behind "+ Ny", the dialog fills the screen, Esc closes it.
        c.goto(&app.url(&format!("/customers/{oslo}/documents")))
            .await
            .unwrap();
        c.set_window_size(390, 844).await.unwrap();
        c.refresh().await.unwrap();
        c.wait()
            .for_element(Locator::Css("#quick-menu-toggle"))
            .await
            .unwrap();
        let open = c
            .execute("return document.getElementById('quick-menu').open", vec![])
            .await
            .unwrap();
        assert_eq!(open, serde_json::json!(false), "folded on a phone");
        assert_fits(c, "the Documents tab at 390 px").await;
        shot(c, "quick-documents-390").await;
        click(c, "#quick-menu-toggle").await;
        assert_fits(c, "the open quick menu at 390 px").await;
        shot(c, "quick-menu-390").await;
        click(c, "#quick-email").await;
        c.wait()
            .for_element(Locator::Css("#quick-dialog[open] #quick-body #compose-form"))
            .await
            .unwrap();
        assert!(focus_in_dialog(c).await);
        assert_fits(c, "the email dialog at 390 px").await;
        let (width, left) = serde_json::from_value::<(f64, f64)>(
            c.execute(
                "const r = document.getElementById('quick-dialog').getBoundingClientRect(); return [r.width, r.left]",
                vec![],
            )
            .await
            .unwrap(),
        )
        .unwrap();
        assert!(width >= 380.0 && left <= 1.0, "the dialog fills the phone: {width} px at {left}");
        shot(c, "quick-email-390").await;
        c.active_element()
            .await
            .unwrap()
            .send_keys(&Key::Escape.to_string())
            .await
            .unwrap();
        wait_until_closed(c).await;
        click(c, "#quick-menu-toggle").await;
        click(c, "#quick-activity").await;
        c.wait()
            .for_element(Locator::Css("#quick-dialog[open] #quick-body #activity-form"))
            .await
            .unwrap();
        assert_fits(c, "the activity dialog at 390 px").await;
        shot(c, "quick-activity-390").await;

        // The customer moves to another department meanwhile: the refusal shows in the
        // dialog (a toast behind a modal dialog would not be seen), with the form kept.
        sqlx::query("UPDATE customers SET department_id = $1, owner_id = $2 WHERE id = $3")
            .bind(app.fx.bergen)
            .bind(app.fx.consultant_bergen)
            .bind(oslo)
            .execute(&app.db.pool)
            .await
            .unwrap();
        fill(c, "#quick-body #f-title", "Lunsj med daglig leder").await;
        click(c, "#quick-body #save").await;
        let refusal = text_when(c, "#quick-errors .toast-error", None, |t| !t.is_empty()).await;
        assert!(dialog_open(c).await, "the dialog stays open: {refusal}");
        assert_eq!(
            value(c, "#quick-body #f-title").await,
            "Lunsj med daglig leder"
        );
        shot(c, "quick-refused-390").await;
        click(c, "#quick-close").await;
        wait_until_closed(c).await;
    })
    .await;
}
