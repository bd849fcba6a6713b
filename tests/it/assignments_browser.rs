//! Browser tests for workers and assignments in real headless Chromium: a worker made through the
//! form, an assignment whose live compliance check turns red for want of an HMS card, the card
//! registered, the light green and the assignment activated; the customer's portal shows who
//! works there, never the rates. And the pages fit a phone's width in both languages.

use fantoccini::{Client, Locator};
use kundekort::customers::model::CustomerDraft;
use time::{Duration, OffsetDateTime};

use crate::{
    support::TestApp,
    support::browser::{click, login, set_date, shot, text_when, with_browser},
    support::fixtures::{add_contact, invite},
};

/// A construction company (NACE 41.200) in Bergen, outside the building-site ban, owned by Ola.
async fn builder(app: &TestApp) -> i64 {
    app.customer(CustomerDraft {
        name: "Bygg og Betong AS".into(),
        status: "active".into(),
        industry_code: "41.200".into(),
        visit_street: "Strandkaien 2".into(),
        visit_postal_code: "5003".into(),
        owner_id: app.fx.consultant_oslo.to_string(),
        department_id: app.fx.oslo.to_string(),
        ..Default::default()
    })
    .await
}

/// Types `text` into the field `#f-<name>`, replacing what the form suggested.
async fn fill(c: &Client, name: &str, text: &str) {
    let field = c
        .find(Locator::Css(&format!("#f-{name}")))
        .await
        .unwrap_or_else(|_| panic!("#f-{name} is on the page"));
    field.clear().await.unwrap();
    field.send_keys(text).await.unwrap();
}

async fn choose(c: &Client, name: &str, value: &str) {
    c.find(Locator::Css(&format!("#f-{name}")))
        .await
        .unwrap()
        .select_by_value(value)
        .await
        .unwrap();
}

fn iso(d: time::Date) -> String {
    d.to_string()
}

/// Makes Kari Nordmann through the worker form (after a refused first try); her page's path.
async fn new_worker(app: &TestApp, c: &Client) -> String {
    c.goto(&app.url("/workers/new")).await.unwrap();
    fill(c, "mobile", "12").await;
    click(c, "#save-worker").await;
    c.wait()
        .for_element(Locator::Css("#form-errors"))
        .await
        .unwrap();
    shot(c, "assign-01-worker-form-errors").await;
    fill(c, "name", "Kari Nordmann").await;
    fill(c, "mobile", "912 34 567").await;
    fill(c, "skills", "Betong, forskaling").await;
    click(c, "#save-worker").await;
    c.wait()
        .for_element(Locator::Css("#credentials"))
        .await
        .unwrap();
    shot(c, "assign-02-worker-detail").await;
    let url = c.current_url().await.unwrap();
    url.path().to_string()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_red_assignment_turns_green_with_the_hms_card_and_the_portal_hides_the_rates() {
    with_browser(async |app: &TestApp, c: &Client| {
        let customer = builder(app).await;
        let today = OffsetDateTime::now_utc().date();
        let (from, to) = (today + Duration::days(14), today + Duration::days(120));
        login(app, c, "ola@test.no").await;
        let worker_page = new_worker(app, c).await;

        // The assignment through the form; the check panel follows the input.
        c.goto(&app.url(&format!("/customers/{customer}/assignments/new")))
            .await
            .unwrap();
        let worker_id = worker_page.trim_start_matches("/workers/").to_string();
        choose(c, "worker_id", &worker_id).await;
        fill(c, "title", "Betongarbeider").await;
        set_date(c, "from_date", &iso(from)).await;
        set_date(c, "to_date", &iso(to)).await;
        fill(c, "hours_per_week", "37,5").await;
        // Monday to Friday, whatever the form suggested.
        for day in 1..=7 {
            let css = format!(".days input[value='{day}']");
            let checkbox = c.find(Locator::Css(&css)).await.unwrap();
            if checkbox.is_selected().await.unwrap() != (day <= 5) {
                click(c, &css).await;
            }
        }
        fill(c, "bill_rate", "450").await;
        fill(c, "pay_rate", "230").await;
        choose(c, "legal_basis", "temporary_work").await;
        fill(c, "legal_basis_text", "Betongstøp i vår, midlertidig topp").await;
        fill(c, "equal_pay", "225").await;
        set_date(c, "equal_confirmed_on", &iso(today)).await;
        fill(c, "workplace_postal_code", "5003").await;
        // Leaving the field fires its change event.
        click(c, "#f-workplace_city").await;
        let check = text_when(c, "#assignment-check", None, |t| t.contains("HMS-kort")).await;
        assert!(
            check.contains("vikaren har ikke gyldig HMS-kort"),
            "{check}"
        );
        c.find(Locator::Css("#assignment-check .light-red"))
            .await
            .expect("the live check is red");
        shot(c, "assign-03-form-live-check-red").await;

        click(c, "#save-assignment").await;
        c.wait()
            .for_element(Locator::Css("#activate-assignment"))
            .await
            .unwrap();
        let detail = c.current_url().await.unwrap().path().to_string();
        c.find(Locator::Css(".light-red"))
            .await
            .expect("red on the detail page");
        shot(c, "assign-04-detail-red").await;
        click(c, "#activate-assignment").await;
        let refused = text_when(c, "#move-refused", None, |t| !t.is_empty()).await;
        assert!(
            refused.contains("kan ikke aktiveres mens regelsjekken er rød"),
            "{refused}"
        );
        let status = text_when(c, "#assignment-status", None, |t| !t.is_empty()).await;
        assert_eq!(status, "Planlagt");
        shot(c, "assign-05-activate-refused").await;

        // The HMS card on the worker's page, valid past the assignment's end.
        c.goto(&app.url(&worker_page)).await.unwrap();
        choose(c, "kind", "hms_card").await;
        fill(c, "reference", "HMS-123456").await;
        set_date(c, "valid_until", &iso(to + Duration::days(60))).await;
        click(c, "#add-credential").await;
        text_when(c, "#credentials table", None, |t| t.contains("HMS-123456")).await;
        shot(c, "assign-06-worker-with-hms-card").await;

        c.goto(&app.url(&detail)).await.unwrap();
        c.find(Locator::Css(".light-green"))
            .await
            .expect("green once the card is registered");
        click(c, "#activate-assignment").await;
        text_when(c, "#assignment-status", None, |t| t == "Aktiv").await;
        assert!(c.find(Locator::Css(".light-green")).await.is_ok());
        shot(c, "assign-07-detail-active").await;
        c.goto(&app.url(&format!("/customers/{customer}/assignments")))
            .await
            .unwrap();
        text_when(c, ".table.assignments", None, |t| {
            t.contains("Kari Nordmann")
        })
        .await;
        shot(c, "assign-08-tab").await;

        // The customer's contact, invited with the right to view assignments, in the portal.
        let ola = app.login("ola@test.no").await;
        let contact = add_contact(
            &ola,
            app,
            customer,
            &[
                ("first_name", "Åse"),
                ("last_name", "Berg"),
                ("email", "ase@betong.test"),
                ("mobile", "912 34 567"),
            ],
        )
        .await;
        let path = invite(&ola, app, customer, contact, &["view_assignments"]).await;
        c.goto(&app.url(&path)).await.unwrap();
        c.find(Locator::Css("#password"))
            .await
            .unwrap()
            .send_keys("ase-sitt-passord")
            .await
            .unwrap();
        c.find(Locator::Css("#confirm"))
            .await
            .unwrap()
            .send_keys("ase-sitt-passord")
            .await
            .unwrap();
        click(c, "#set-password").await;
        let box_text = text_when(c, "#portal-assignments", None, |t| {
            t.contains("Kari Nordmann")
        })
        .await;
        assert!(box_text.contains("Betongarbeider"), "{box_text}");
        let page = c
            .find(Locator::Css("body"))
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        for secret in ["450", "230", "225"] {
            assert!(!page.contains(secret), "the portal shows {secret}");
        }
        shot(c, "assign-09-portal").await;
    })
    .await;
}

/// A worker with papers on a planned assignment at the builder, made over HTTP; the worker's
/// and the assignment's paths.
async fn worker_on_assignment(app: &TestApp, customer: i64) -> (String, String) {
    let ola = app.login("ola@test.no").await;
    let res = ola
        .post(app.url("/workers"))
        .form(&[
            ("name", "Kari Marie Nordmann-Johannessen"),
            ("status", "employee"),
            ("email", "kari.marie.nordmann-johannessen@vikar.test"),
            ("mobile", "912 34 567"),
            ("street", "Kong Oscars gate 12"),
            ("postal_code", "5017"),
            ("city", "Bergen"),
            ("skills", "Betong, forskaling, armering, truck"),
            ("bank_account", "8601 11 17947"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303);
    let worker = res.headers()["location"].to_str().unwrap().to_string();
    let worker = worker.split('?').next().unwrap().to_string();
    let id = worker.trim_start_matches("/workers/").to_string();
    let res = ola
        .post(app.url(&format!("{worker}/credentials")))
        .form(&[
            ("kind", "hms_card"),
            ("reference", "HMS-123456"),
            ("valid_until", "2027-01-10"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303);
    let form: Vec<(&str, &str)> = vec![
        ("worker_id", &id),
        ("title", "Betongarbeider med forskalingsansvar"),
        ("styrk_code", "7114"),
        ("from_date", "2027-01-04"),
        ("to_date", "2027-06-30"),
        ("hours_per_week", "37,5"),
        ("day", "1"),
        ("day", "2"),
        ("day", "3"),
        ("day", "4"),
        ("day", "5"),
        ("day_start", "07:00"),
        ("day_end", "15:00"),
        ("break_minutes", "30"),
        ("bill_rate", "450"),
        ("pay_rate", "230"),
        ("ot50_bill", "675"),
        ("ot50_pay", "345"),
        ("legal_basis", "temporary_work"),
        ("legal_basis_text", "Betongstøp i vår, midlertidig topp"),
        ("equal_pay", "225"),
        ("equal_confirmed_on", "2026-09-01"),
        ("workplace_street", "Strandkaien 2"),
        ("workplace_postal_code", "5003"),
        ("workplace_city", "Bergen"),
    ];
    let res = ola
        .post(app.url(&format!("/customers/{customer}/assignments")))
        .form(&form)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303, "{}", res.text().await.unwrap());
    let detail = res.headers()["location"].to_str().unwrap().to_string();
    (worker, detail.split('?').next().unwrap().to_string())
}

/// How far the page is wider than the window (0 when nothing sticks out sideways).
async fn overflow(c: &Client) -> i64 {
    let js = "return document.documentElement.scrollWidth - window.innerWidth";
    c.execute(js, vec![]).await.unwrap().as_i64().unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_worker_and_assignment_pages_fit_a_phone_in_both_languages() {
    with_browser(async |app: &TestApp, c: &Client| {
        let customer = builder(app).await;
        let (worker, detail) = worker_on_assignment(app, customer).await;
        login(app, c, "ola@test.no").await;
        let pages = [
            ("workers", "/workers".to_string(), "#worker-results"),
            ("worker-form", "/workers/new".to_string(), "#worker-form"),
            ("worker", worker.clone(), "#credentials"),
            (
                "tab",
                format!("/customers/{customer}/assignments"),
                ".table.assignments",
            ),
            (
                "assignment-form",
                format!("/customers/{customer}/assignments/new"),
                "#assignment-check",
            ),
            ("assignment", detail.clone(), "#assignment-status"),
        ];
        let mut too_wide = Vec::new();
        for lang in ["nb", "en"] {
            sqlx::query("UPDATE users SET locale = $1 WHERE email = 'ola@test.no'")
                .bind(lang)
                .execute(&app.db.pool)
                .await
                .unwrap();
            for (width, height, size) in [(1400, 1000, "desktop"), (390, 844, "phone")] {
                c.set_window_size(width, height).await.unwrap();
                for (name, path, marker) in &pages {
                    c.goto(&app.url(path)).await.unwrap();
                    c.wait().for_element(Locator::Css(marker)).await.unwrap();
                    if *name == "worker-form" {
                        click(c, "#save-worker").await;
                        c.wait()
                            .for_element(Locator::Css("#form-errors"))
                            .await
                            .unwrap();
                    }
                    shot(c, &format!("layout-{lang}-{size}-{name}")).await;
                    let by = overflow(c).await;
                    if by > 0 {
                        too_wide.push(format!("{name} ({lang}, {size}) by {by} px"));
                    }
                }
            }
        }
        assert!(too_wide.is_empty(), "wider than the window: {too_wide:?}");
    })
    .await;
}
