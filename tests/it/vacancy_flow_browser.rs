//! Issue 15's browser test, end to end in headless Chromium, driven as people would: a
//! consultant makes a vacancy with its terms on the customer's card, makes a job ad from it and
//! publishes it on the homepage; an applicant in a browser of their own finds the ad on /jobs
//! and applies with a CV; the consultant sees them on the vacancy, moves them on, presents them
//! with the CV, makes the rental offer and records its acceptance; the customer's contact
//! accepts the candidate in the portal; "Lag oppdrag" makes the assignment, whose form holds
//! every term typed for the vacancy. Screenshots of the vacancy at 1440 and 390 px.

use fantoccini::{Client, Locator};
use serde_json::Value;
use time::{Duration, OffsetDateTime};

use crate::support::{
    TestApp,
    browser::{click, login, shot, text_when, with_bare_browser, with_browser},
    fixtures::{contact, oslo_customer},
    timesheets::portal,
};

/// Types `text` into `#f-<name>`, replacing what the form suggested.
async fn fill(c: &Client, name: &str, text: &str) {
    let field = c
        .find(Locator::Css(&format!("#f-{name}")))
        .await
        .unwrap_or_else(|_| panic!("#f-{name} is on the page"));
    field.clear().await.unwrap();
    field.send_keys(text).await.unwrap();
}

/// Sets the date or time field `#f-<name>` (ISO date, HH:MM) as a picker would: value, then
/// the events.
async fn set_date(c: &Client, name: &str, iso: &str) {
    let js = "const e = document.getElementById(arguments[0]); e.value = arguments[1]; \
              e.dispatchEvent(new Event('input', {bubbles: true})); \
              e.dispatchEvent(new Event('change', {bubbles: true}));";
    c.execute(js, vec![format!("f-{name}").into(), iso.into()])
        .await
        .unwrap();
}

async fn choose(c: &Client, css: &str, value: &str) {
    c.find(Locator::Css(css))
        .await
        .unwrap_or_else(|_| panic!("{css} is on the page"))
        .select_by_value(value)
        .await
        .unwrap();
}

/// Ticks or unticks the checkbox `css` so that it ends up `on`.
async fn tick(c: &Client, css: &str, on: bool) {
    let b = c
        .find(Locator::Css(css))
        .await
        .unwrap_or_else(|_| panic!("{css} is on the page"));
    if b.is_selected().await.unwrap() != on {
        b.click().await.unwrap();
    }
}

/// The value of each form control named in `names` (`#f-<name>`), as the page holds it.
async fn values(c: &Client, names: &[&str]) -> Vec<(String, String)> {
    let js = "return arguments[0].map(n => { const e = document.getElementById('f-' + n); \
              return [n, e ? (e.type === 'checkbox' ? (e.checked ? 'on' : '') : e.value) : '<missing>']; });";
    let got = c
        .execute(
            js,
            vec![Value::Array(
                names.iter().map(|n| Value::String(n.to_string())).collect(),
            )],
        )
        .await
        .unwrap();
    serde_json::from_value(got).unwrap()
}

/// The values of the ticked checkboxes named `name` in the form.
async fn ticked(c: &Client, name: &str) -> Vec<String> {
    let js = "return Array.from(document.querySelectorAll('input[type=checkbox][name=\"' + arguments[0] + '\"]:checked')).map(e => e.value);";
    serde_json::from_value(c.execute(js, vec![name.into()]).await.unwrap()).unwrap()
}

/// A small but complete one-page PDF (a real xref table) with the applicant's name on it.
fn cv_pdf() -> Vec<u8> {
    let text = "BT /F1 18 Tf 72 720 Td (Kari Nordmann - CV - betong og forskaling) Tj ET";
    let objects = [
        "<< /Type /Catalog /Pages 2 0 R >>".to_string(),
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_string(),
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R \
         /Resources << /Font << /F1 5 0 R >> >> >>"
            .to_string(),
        format!("<< /Length {} >>\nstream\n{text}\nendstream", text.len()),
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>".to_string(),
    ];
    let mut pdf = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n".to_vec();
    let mut offsets = Vec::new();
    for (i, o) in objects.iter().enumerate() {
        offsets.push(pdf.len());
        pdf.extend_from_slice(format!("{} 0 obj\n{o}\nendobj\n", i + 1).as_bytes());
    }
    let xref = pdf.len();
    pdf.extend_from_slice(
        format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).as_bytes(),
    );
    for o in offsets {
        pdf.extend_from_slice(format!("{o:010} 00000 n \n").as_bytes());
    }
    pdf.extend_from_slice(
        format!(
            "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
            objects.len() + 1
        )
        .as_bytes(),
    );
    pdf
}

/// The number at the end of the `id` of the first element matching `css`, once there is one.
async fn id_of(c: &Client, css: &str, prefix: &str) -> i64 {
    let id = text_when(c, css, Some("id"), |t| t.starts_with(prefix)).await;
    id.trim_start_matches(prefix)
        .parse()
        .unwrap_or_else(|_| panic!("{id} ends in a number"))
}

fn dmy(d: time::Date) -> String {
    kundekort::timefmt::date_text(d)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_vacancy_is_advertised_applied_for_offered_accepted_and_made_an_assignment() {
    with_browser(flow).await;
}

async fn flow(app: &TestApp, c: &Client) {
    let customer = oslo_customer(app, "Betong Nord AS").await;
    let ase = contact(app, customer, "Åse", "Berg").await;
    let today = OffsetDateTime::now_utc().date();
    // What the pages print for "today" (dates of things done now are shown in Oslo time).
    let oslo_today = kundekort::timefmt::oslo_date(kundekort::timefmt::now());
    let (from, to) = (today + Duration::days(30), today + Duration::days(180));
    let (from_iso, to_iso, confirmed_iso) = (
        from.to_string(),
        to.to_string(),
        (today - Duration::days(3)).to_string(),
    );

    // 1. The vacancy through the form on the customer's card.
    login(app, c, "ola@test.no").await;
    c.goto(&app.url(&format!("/customers/{customer}/assignments")))
        .await
        .unwrap();
    click(c, "#new-vacancy").await;
    c.wait()
        .for_element(Locator::Css("#vacancy-form"))
        .await
        .unwrap();
    fill(c, "title", "Betongarbeider").await;
    fill(c, "positions", "2").await;
    fill(c, "styrk_code", "7114").await;
    fill(c, "occupation_title", "Betongarbeider").await;
    choose(c, "#f-contact_id", &ase.to_string()).await;
    fill(
        c,
        "description",
        "Støp av dekker på Bryggen.\nOppmøte kl. 07.",
    )
    .await;
    fill(
        c,
        "requirements",
        "Erfaring med forskaling\nFørerkort klasse B",
    )
    .await;
    set_date(c, "from_date", &from_iso).await;
    set_date(c, "to_date", &to_iso).await;
    fill(c, "hours_per_week", "37,5").await;
    for day in 1..=7 {
        tick(c, &format!(".days input[value='{day}']"), day <= 5).await;
    }
    // Native time fields take no typing over WebDriver; set as their picker would.
    set_date(c, "day_start", "07:00").await;
    set_date(c, "day_end", "15:00").await;
    fill(c, "break_minutes", "30").await;
    fill(c, "bill_rate", "450").await;
    fill(c, "pay_rate", "230").await;
    fill(c, "ot50_bill", "675").await;
    fill(c, "ot50_pay", "345").await;
    fill(c, "ot100_bill", "900").await;
    fill(c, "ot100_pay", "460").await;
    fill(c, "allowance_0_name", "Nattillegg").await;
    fill(c, "allowance_0_code", "night").await;
    choose(c, "#f-allowance_0_rule", "window").await;
    fill(c, "allowance_0_start", "21:00").await;
    fill(c, "allowance_0_end", "06:00").await;
    for day in 1..=2 {
        tick(
            c,
            &format!("#allowance-0 input[name='allowance_0_day'][value='{day}']"),
            true,
        )
        .await;
    }
    choose(c, "#f-allowance_0_kind", "pay").await;
    fill(c, "allowance_0_bill", "61,50").await;
    fill(c, "allowance_0_pay", "47").await;
    choose(c, "#f-legal_basis", "temporary_work").await;
    fill(c, "legal_basis_text", "Betongstøp i vår, midlertidig topp").await;
    fill(c, "equal_pay", "225").await;
    set_date(c, "equal_confirmed_on", &confirmed_iso).await;
    fill(c, "workplace_street", "Bryggen 1").await;
    fill(c, "workplace_postal_code", "5003").await;
    fill(c, "workplace_city", "Bergen").await;
    choose(c, "#f-approver_contact_id", &ase.to_string()).await;
    fill(c, "purchase_order", "PO-4411").await;
    choose(c, "#f-invoice_grouping", "worker").await;
    // The live check has read the terms: the light and the margin per hour show.
    // (Each change sends the form for a new check; the last answer is the one wanted.)
    text_when(c, "#assignment-light", None, |t| t == "Ingen avvik").await;
    let margin = text_when(c, "#assignment-margin", None, |t| !t.is_empty()).await;
    assert!(margin.contains('%'), "{margin}");
    // Scrolled down to the last field, the check still stands beside the form (a wide screen).
    let in_view = c
        .execute(
            "const r = document.getElementById('assignment-check').getBoundingClientRect(); \
             return r.top >= 0 && r.bottom <= window.innerHeight && window.scrollY > 0;",
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(in_view, Value::Bool(true), "the check is in view");
    shot(c, "vacancy-flow-01-form").await;
    click(c, "#save-vacancy").await;
    explain_errors(c, "#vacancy-status").await;
    let status = text_when(c, "#vacancy-status", None, |t| !t.is_empty()).await;
    assert_eq!(status, "Åpen");
    assert_eq!(
        text_when(c, "#assignment-light", None, |t| !t.is_empty()).await,
        "Ingen avvik"
    );
    let vacancy_path = c.current_url().await.unwrap().path().to_string();
    let vid: i64 = vacancy_path.rsplit('/').next().unwrap().parse().unwrap();
    let facts = text_when(c, "dl.facts", None, |t| t.contains("Betongarbeider")).await;
    for want in [
        "7114 Betongarbeider",
        &format!("{} – {}", dmy(from), dmy(to)),
        "450,00 kr",
        "230,00 kr",
        "675,00 kr / 345,00 kr",
        "900,00 kr / 460,00 kr",
        "Bryggen 1, 5003 Bergen",
        "PO-4411",
        "Åse Berg",
    ] {
        assert!(facts.contains(want), "{want} in {facts}");
    }
    let allowances = text_when(c, "#vacancy-allowances", None, |t| !t.is_empty()).await;
    assert!(
        allowances.starts_with("Nattillegg (") && allowances.ends_with("): 61,50 kr / 47,00 kr"),
        "{allowances}"
    );
    assert_eq!(
        text_when(c, "#vacancy-filled", None, |t| !t.is_empty()).await,
        "0 av 2 plasser besatt"
    );
    assert_eq!(
        text_when(c, "#candidates .empty", None, |t| !t.is_empty()).await,
        "Ingen kandidater ennå. Søk etter vikarer nedenfor."
    );

    // 2. The job ad, prefilled from the vacancy, saved and published on the homepage.
    click(c, "#new-job-ad").await;
    c.wait()
        .for_element(Locator::Css("#job-ad-form"))
        .await
        .unwrap();
    let prefilled = values(
        c,
        &[
            "title",
            "styrk_code",
            "occupation_title",
            "postal_code",
            "city",
            "positions",
            "start_date",
        ],
    )
    .await;
    assert_eq!(
        prefilled,
        [
            ("title", "Betongarbeider"),
            ("styrk_code", "7114"),
            ("occupation_title", "Betongarbeider"),
            ("postal_code", "5003"),
            ("city", "Bergen"),
            ("positions", "2"),
            ("start_date", from_iso.as_str()),
        ]
        .map(|(k, v)| (k.to_string(), v.to_string()))
    );
    let body = c
        .find(Locator::Css("#f-body_html"))
        .await
        .unwrap()
        .prop("value")
        .await
        .unwrap()
        .unwrap_or_default();
    assert!(
        body.contains("Støp av dekker på Bryggen.") && body.contains("<li>Førerkort klasse B</li>"),
        "{body}"
    );
    fill(c, "title", "Betongarbeider i Bergen").await;
    fill(c, "lead", "Bli med og støp dekker på Bryggen i vår.").await;
    click(c, "#save-job-ad").await;
    let ad_status = text_when(c, "#job-ad-status", None, |t| !t.is_empty()).await;
    assert_ne!(ad_status, "Publisert", "a new ad waits to be published");
    shot(c, "vacancy-flow-02-ad").await;
    click(c, "#publish-job-ad").await;
    text_when(c, "#job-ad-status", None, |t| t == "Publisert").await;
    let public_url = text_when(c, "#public-link", None, |t| t.contains("/jobs/")).await;
    let slug = public_url.rsplit('/').next().unwrap().to_string();

    // 3. An applicant, in a browser of their own with no session, finds the ad and applies.
    let dir = tempfile::tempdir().unwrap();
    let cv = dir.path().join("Kari Nordmann CV.pdf");
    std::fs::write(&cv, cv_pdf()).unwrap();
    with_bare_browser(async |anon: &Client| {
        anon.goto(&app.url("/jobs")).await.unwrap();
        // Headless Chromium asks for English; the applicant switches to Norwegian.
        let count = text_when(anon, "#job-count", None, |t| !t.is_empty()).await;
        assert_eq!(count, "1 vacancy");
        click(anon, "#lang-nb").await;
        let count = text_when(anon, "#job-count", None, |t| t != "1 vacancy").await;
        assert_eq!(count, "1 ledig stilling");
        let listed = text_when(anon, &format!("#job-{slug}"), None, |t| !t.is_empty()).await;
        assert!(
            listed.contains("Betongarbeider i Bergen") && listed.contains("Bergen"),
            "{listed}"
        );
        assert!(
            !listed.contains("Betong Nord AS"),
            "the employer is anonymous unless chosen: {listed}"
        );
        anon.find(Locator::LinkText("Betongarbeider i Bergen"))
            .await
            .unwrap()
            .click()
            .await
            .unwrap();
        let ad = text_when(anon, "#job-ad h1", None, |t| !t.is_empty()).await;
        assert_eq!(ad, "Betongarbeider i Bergen");
        let article = text_when(anon, "#job-ad", None, |t| !t.is_empty()).await;
        assert!(
            article.contains("Bli med og støp dekker på Bryggen i vår.")
                && article.contains("Erfaring med forskaling"),
            "{article}"
        );
        // Sent without the consent first: explained, and what was typed is kept.
        fill(anon, "name", "Kari Nordmann").await;
        fill(anon, "email", "kari.nordmann@example.no").await;
        fill(anon, "mobile", "912 34 567").await;
        fill(anon, "message", "Jeg har fem års erfaring med forskaling.").await;
        anon.find(Locator::Css("#f-cv"))
            .await
            .unwrap()
            .send_keys(cv.to_str().unwrap())
            .await
            .unwrap();
        // The browser's own check would stop the post; the server's message is the one tested.
        anon.execute(
            "document.getElementById('apply-form').noValidate = true",
            vec![],
        )
        .await
        .unwrap();
        click(anon, "#send-application").await;
        let why = text_when(anon, "#e-consent", None, |t| !t.is_empty()).await;
        assert_eq!(why, "Du må samtykke for at vi kan behandle søknaden.");
        assert_eq!(
            values(anon, &["name", "email", "mobile", "message"]).await,
            [
                ("name", "Kari Nordmann"),
                ("email", "kari.nordmann@example.no"),
                ("mobile", "912 34 567"),
                ("message", "Jeg har fem års erfaring med forskaling."),
            ]
            .map(|(k, v)| (k.to_string(), v.to_string()))
        );
        shot(anon, "vacancy-flow-03-apply-refused").await;
        anon.find(Locator::Css("#f-cv"))
            .await
            .unwrap()
            .send_keys(cv.to_str().unwrap())
            .await
            .unwrap();
        tick(anon, "#f-consent", true).await;
        click(anon, "#send-application").await;
        let done = text_when(anon, "#applied", None, |t| !t.is_empty()).await;
        assert_eq!(
            done,
            "Takk! Vi har fått søknaden din og sender deg en bekreftelse på e-post."
        );
        shot(anon, "vacancy-flow-04-applied").await;
    })
    .await;

    // 4. The applicant is a candidate on the vacancy.
    c.goto(&app.url(&vacancy_path)).await.unwrap();
    let cid = id_of(c, "#candidates tbody tr", "candidate-").await;
    let row = format!("#candidate-{cid}");
    let shown = text_when(c, &row, None, |t| t.contains("Kari Nordmann")).await;
    assert!(shown.contains("Kari Nordmann"), "{shown}");
    assert_eq!(stage_when(c, &row, |t| !t.is_empty()).await, "suggested");
    // Where she came from, her message and the CV she sent, on the candidate.
    let applied = text_when(c, &format!("#applied-{cid}"), None, |t| !t.is_empty()).await;
    assert_eq!(
        applied,
        format!("Søkte via annonsen «Betongarbeider i Bergen» {oslo_today} · kilde: Direkte · CV")
    );
    assert!(
        shown.contains("Jeg har fem års erfaring med forskaling."),
        "{shown}"
    );
    let href = c
        .find(Locator::Css(&format!("#applied-cv-{cid}")))
        .await
        .unwrap()
        .attr("href")
        .await
        .unwrap()
        .unwrap();
    let got = c
        .execute_async(
            "const done = arguments[arguments.length - 1];
             fetch(arguments[0]).then(async r => {
               const body = new Uint8Array(await r.arrayBuffer());
               done([r.status, r.headers.get('content-type'), body.length]);
             });",
            vec![Value::String(href)],
        )
        .await
        .unwrap();
    assert_eq!(
        got,
        serde_json::json!([200, "application/pdf", cv_pdf().len()]),
        "the CV as sent"
    );

    // 5. Contacted, then presented with her consent and the CV she sent.
    choose(c, &format!("#stage-{cid}"), "contacted").await;
    click(c, &format!("{row} form button")).await;
    stage_when(c, &row, |t| t == "contacted").await;
    click(c, &format!("#present-{cid}")).await;
    c.wait()
        .for_element(Locator::Css("#present-form"))
        .await
        .unwrap();
    let docs = text_when(c, "#present-documents", None, |t| !t.is_empty()).await;
    assert!(
        docs.contains("CV – søknad på Betongarbeider i Bergen"),
        "the CV from the application is offered: {docs}"
    );
    tick(c, "#f-consent", true).await;
    choose(c, "#f-consent_how", "phone").await;
    fill(
        c,
        "summary",
        "Fem års erfaring med forskaling, ledig fra start.",
    )
    .await;
    tick(c, "#present-documents input[name=document]", true).await;
    click(c, "#present-submit").await;
    text_when(c, &format!("#presented-{cid}"), None, |t| !t.is_empty()).await;
    stage_when(c, &row, |t| t == "presented").await;

    // The rental offer, made from the vacancy, and its acceptance recorded.
    click(c, "#make-offer").await;
    let notice = text_when(c, "#offer-notice", None, |t| !t.is_empty()).await;
    assert_eq!(
        notice,
        "Tilbudet er laget og lagret under kundens dokumenter."
    );
    let oid = id_of(c, "#offers tbody tr", "offer-").await;
    assert_eq!(
        text_when(c, &format!("#offer-status-{oid}"), None, |t| !t.is_empty()).await,
        "Ikke sendt"
    );
    click(c, &format!("#offer-{oid} summary")).await;
    fill_id(c, &format!("offer-on-{oid}"), &dmy(today)).await;
    fill_id(c, &format!("offer-by-{oid}"), "Åse Berg").await;
    fill_id(c, &format!("offer-how-{oid}"), "e-post").await;
    click(c, &format!("#offer-accept-{oid}")).await;
    text_when(c, &format!("#offer-status-{oid}"), None, |t| {
        t == "Akseptert"
    })
    .await;
    let answer = text_when(c, &format!("#offer-answer-{oid}"), None, |t| !t.is_empty()).await;
    assert_eq!(answer, format!("{}, Åse Berg (e-post)", dmy(today)));

    // The customer's contact accepts Kari in the portal, where her CV is shared.
    portal(app, ase, "request_staff").await;
    let session =
        kundekort::portal::session::create(&app.state, ase, &crate::support::http::local_client())
            .await
            .unwrap();
    c.goto(&app.url("/portal/login")).await.unwrap();
    c.execute(
        "document.cookie = 'kk_portal=' + arguments[0] + '; path=/'",
        vec![Value::String(session.value().to_string())],
    )
    .await
    .unwrap();
    c.goto(&app.url(&format!("/portal/vacancies/{vid}")))
        .await
        .unwrap();
    let card = text_when(c, &format!("#candidate-{cid}"), None, |t| !t.is_empty()).await;
    assert!(
        card.contains("Kari Nordmann")
            && card.contains("Fem års erfaring med forskaling, ledig fra start.")
            && card.contains("CV – søknad på Betongarbeider i Bergen"),
        "{card}"
    );
    assert!(
        !card.contains("230"),
        "the portal shows no pay rate: {card}"
    );
    shot(c, "vacancy-flow-05-portal").await;
    click(c, &format!("#accept-{cid}")).await;
    let decided = text_when(c, &format!("#decided-{cid}"), None, |t| !t.is_empty()).await;
    assert!(decided.contains("Åse Berg"), "{decided}");

    // The consultant sees the acceptance; the page at a desktop's and a phone's width.
    c.goto(&app.url(&vacancy_path)).await.unwrap();
    stage_when(c, &row, |t| t == "accepted").await;
    let decision = text_when(c, &format!("#decision-{cid}"), None, |t| !t.is_empty()).await;
    assert_eq!(decision, format!("Akseptert av Åse Berg {oslo_today}"));
    let to_candidates = "document.getElementById('candidates').scrollIntoView()";
    c.set_window_size(1440, 1000).await.unwrap();
    c.execute(to_candidates, vec![]).await.unwrap();
    shot(c, "vacancy-flow-06-vacancy-1440").await;
    c.set_window_size(390, 844).await.unwrap();
    c.execute(to_candidates, vec![]).await.unwrap();
    shot(c, "vacancy-flow-06-vacancy-390").await;
    let overflow = c
        .execute(
            "return document.documentElement.scrollWidth - document.documentElement.clientWidth",
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(overflow, 0, "no sideways scrolling at 390 px");
    // The candidate's actions are within the phone's width, not scrolled away in the table.
    let inside = c
        .execute(
            "const r = document.getElementById(arguments[0]).getBoundingClientRect(); \
             return r.left >= 0 && r.right <= document.documentElement.clientWidth;",
            vec![Value::String(format!("make-assignment-{cid}"))],
        )
        .await
        .unwrap();
    assert_eq!(
        inside,
        Value::Bool(true),
        "\"Lag oppdrag\" is visible at 390 px"
    );
    c.set_window_size(1440, 1000).await.unwrap();

    // 6. "Lag oppdrag": the assignment with the vacancy's terms.
    click(c, &format!("#make-assignment-{cid}")).await;
    text_when(c, "#from-vacancy", None, |t| !t.is_empty()).await;
    let head = text_when(c, ".page-head h2", None, |t| !t.is_empty()).await;
    assert!(
        head.contains("Betongarbeider") && head.contains("Kari Nordmann"),
        "{head}"
    );
    let facts = text_when(c, "dl.facts", None, |t| !t.is_empty()).await;
    for want in [
        &format!("{} – {}", dmy(from), dmy(to)),
        "7114",
        "450,00 kr",
        "230,00 kr",
        "675,00 kr / 345,00 kr",
        "900,00 kr / 460,00 kr",
        "Betongstøp i vår, midlertidig topp",
        "Bryggen 1, 5003 Bergen",
        "225,00 kr",
        "Åse Berg",
        "PO-4411",
    ] {
        assert!(facts.contains(want), "{want} in {facts}");
    }
    let allowances = text_when(c, "#assignment-allowances", None, |t| !t.is_empty()).await;
    assert!(allowances.contains("Nattillegg"), "{allowances}");
    shot(c, "vacancy-flow-07-assignment").await;

    // Field by field, as the assignment's form holds them: what was typed for the vacancy
    // (hours per week shown with two decimals).
    click(c, "#edit-assignment").await;
    c.wait()
        .for_element(Locator::Css("#f-bill_rate"))
        .await
        .unwrap();
    let ase_id = ase.to_string();
    let ola_id = app.fx.consultant_oslo.to_string();
    let expected: Vec<(&str, &str)> = vec![
        ("title", "Betongarbeider"),
        ("styrk_code", "7114"),
        ("from_date", &from_iso),
        ("to_date", &to_iso),
        ("hours_per_week", "37,50"),
        ("day_start", "07:00"),
        ("day_end", "15:00"),
        ("break_minutes", "30"),
        ("bill_rate", "450"),
        ("pay_rate", "230"),
        ("ot50_bill", "675"),
        ("ot50_pay", "345"),
        ("ot100_bill", "900"),
        ("ot100_pay", "460"),
        ("allowance_0_name", "Nattillegg"),
        ("allowance_0_code", "night"),
        ("allowance_0_rule", "window"),
        ("allowance_0_start", "21:00"),
        ("allowance_0_end", "06:00"),
        ("allowance_0_kind", "pay"),
        ("allowance_0_bill", "61,50"),
        ("allowance_0_pay", "47"),
        ("legal_basis", "temporary_work"),
        ("legal_basis_text", "Betongstøp i vår, midlertidig topp"),
        ("equal_pay", "225"),
        ("equal_confirmed_on", &confirmed_iso),
        ("workplace_street", "Bryggen 1"),
        ("workplace_postal_code", "5003"),
        ("workplace_city", "Bergen"),
        ("consultant_id", &ola_id),
        ("approver_contact_id", &ase_id),
        ("purchase_order", "PO-4411"),
        ("invoice_grouping", "worker"),
    ];
    let names: Vec<&str> = expected.iter().map(|(n, _)| *n).collect();
    let got = values(c, &names).await;
    let want: Vec<(String, String)> = expected
        .iter()
        .map(|(n, v)| (n.to_string(), v.to_string()))
        .collect();
    assert_eq!(got, want);
    assert_eq!(ticked(c, "day").await, ["1", "2", "3", "4", "5"]);
    assert_eq!(ticked(c, "allowance_0_day").await, ["1", "2"]);

    // Back on the vacancy: one place of two filled, the candidate's assignment linked.
    c.goto(&app.url(&vacancy_path)).await.unwrap();
    assert_eq!(
        text_when(c, "#vacancy-filled", None, |t| t.starts_with('1')).await,
        "1 av 2 plasser besatt"
    );
    text_when(c, &format!("#candidate-assignment-{cid}"), None, |t| {
        t == "Oppdrag laget"
    })
    .await;
    assert_eq!(
        text_when(c, "#vacancy-status", None, |t| !t.is_empty()).await,
        "Åpen"
    );
}

/// Types `text` into the element with the id `id`, replacing what was there.
async fn fill_id(c: &Client, id: &str, text: &str) {
    let field = c
        .find(Locator::Id(id))
        .await
        .unwrap_or_else(|_| panic!("#{id} is on the page"));
    field.clear().await.unwrap();
    field.send_keys(text).await.unwrap();
}

/// Waits for `ok_css` after a form was sent; panics with the form's field errors when the page
/// came back with them instead.
async fn explain_errors(c: &Client, ok_css: &str) {
    for _ in 0..100 {
        if c.find(Locator::Css(ok_css)).await.is_ok() {
            return;
        }
        if c.find(Locator::Css("#form-errors")).await.is_ok() {
            let js =
                "return Array.from(document.querySelectorAll('.has-error')).map(f => f.innerText);";
            let errors = c.execute(js, vec![]).await.unwrap();
            panic!("the form was refused: {errors}");
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    panic!("neither {ok_css} nor the form's errors came");
}

/// The `data-stage` attribute of the candidate's row `css` once `ok` accepts it.
async fn stage_when(c: &Client, css: &str, ok: impl Fn(&str) -> bool) -> String {
    let mut last = String::new();
    for _ in 0..100 {
        if let Ok(el) = c.find(Locator::Css(css)).await
            && let Ok(Some(stage)) = el.attr("data-stage").await
        {
            if ok(&stage) {
                return stage;
            }
            last = stage;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    panic!("{css} never reached the stage wanted; last seen: {last}");
}
