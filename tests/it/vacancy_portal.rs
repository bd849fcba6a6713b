//! Vacancies in the customer portal (decision 0041): a request for staff makes a draft vacancy,
//! a diary task and an outbox message for the consultant; bad input is explained in the
//! contact's language and kept; presenting a candidate needs the recorded consent; the portal
//! shows only candidates presented with consent and only the documents shared (not even a
//! guessed id gets another); accept/decline is recorded and told; another company's contact
//! finds nothing and a contact without the right is refused.

use reqwest::multipart::{Form, Part};

use crate::db_test;
use crate::support::http::{location, page as get};
use crate::support::{
    TestApp,
    fixtures::{contact, count, oslo_customer, pdf},
    timesheets::portal,
};

async fn post(
    client: &reqwest::Client,
    app: &TestApp,
    path: &str,
    form: &[(&str, &str)],
) -> reqwest::Response {
    client.post(app.url(path)).form(form).send().await.unwrap()
}

/// A worker made on the page by `client`.
async fn worker(client: &reqwest::Client, app: &TestApp, name: &str) -> i64 {
    let res = post(
        client,
        app,
        "/workers",
        &[
            ("name", name),
            ("email", "vikar@vikar.test"),
            ("mobile", "912 34 567"),
        ],
    )
    .await;
    location(res)
        .await
        .trim_start_matches("/workers/")
        .split('?')
        .next()
        .unwrap()
        .parse()
        .unwrap()
}

/// Uploads a PDF document of `category` for the worker; its id.
async fn document(
    client: &reqwest::Client,
    app: &TestApp,
    worker: i64,
    category: &str,
    title: &str,
) -> i64 {
    let form = Form::new()
        .text("category", category.to_string())
        .text("title", title.to_string())
        .part(
            "file",
            Part::bytes(pdf(title))
                .file_name(format!("{title}.pdf"))
                .mime_str("application/octet-stream")
                .unwrap(),
        );
    let res = client
        .post(app.url(&format!("/workers/{worker}/documents")))
        .multipart(form)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303);
    sqlx::query_scalar("SELECT MAX(id) FROM worker_documents WHERE worker_id = $1")
        .bind(worker)
        .fetch_one(&app.db.pool)
        .await
        .unwrap()
}

const REQUEST: [(&str, &str); 6] = [
    ("what", "Tømrer"),
    ("positions", "3"),
    ("from_date", "04.01.2030"),
    ("to_date", "2030-02-28"),
    ("place", "Bergen"),
    ("description", "Forskaling og tak."),
];

/// A request sent by `client` in the portal; the draft vacancy's id.
async fn request(client: &reqwest::Client, app: &TestApp) -> i64 {
    let res = post(client, app, "/portal/vacancies", &REQUEST).await;
    let to = location(res).await;
    assert!(to.ends_with("?requested=1"), "{to}");
    to.trim_start_matches("/portal/vacancies/")
        .split('?')
        .next()
        .unwrap()
        .parse()
        .unwrap()
}

/// Links `worker` to the vacancy through the card; the candidate's id.
async fn candidate(
    ola: &reqwest::Client,
    app: &TestApp,
    customer: i64,
    vid: i64,
    worker: i64,
) -> i64 {
    let res = post(
        ola,
        app,
        &format!("/customers/{customer}/vacancies/{vid}/candidates"),
        &[("worker_id", &worker.to_string())],
    )
    .await;
    location(res).await;
    sqlx::query_scalar("SELECT id FROM vacancy_candidates WHERE vacancy_id = $1 AND worker_id = $2")
        .bind(vid)
        .bind(worker)
        .fetch_one(&app.db.pool)
        .await
        .unwrap()
}

fn present_path(customer: i64, vid: i64, cid: i64) -> String {
    format!("/customers/{customer}/vacancies/{vid}/candidates/{cid}/present")
}

async fn stage(app: &TestApp, cid: i64) -> String {
    sqlx::query_scalar("SELECT stage FROM vacancy_candidates WHERE id = $1")
        .bind(cid)
        .fetch_one(&app.db.pool)
        .await
        .unwrap()
}

/// A customer with a requested vacancy, Kari presented with consent and her CV shared (her
/// course certificate not), Per moved to "presented" without consent, Lise only suggested.
struct Setup {
    customer: i64,
    vid: i64,
    requester: i64,
    kari: i64,
    per: i64,
    lise: i64,
    cv: i64,
    certificate: i64,
    per_cv: i64,
}

async fn setup(app: &TestApp) -> Setup {
    let customer = oslo_customer(app, "Fjord Bygg AS").await;
    let requester = contact(app, customer, "Åse", "Bestiller").await;
    let asker = portal(app, requester, "request_staff").await;
    let vid = request(&asker, app).await;
    let ola = app.login("ola@test.no").await;
    let kari_w = worker(&ola, app, "Kari Tømrer").await;
    let per_w = worker(&ola, app, "Per Snekker").await;
    let lise_w = worker(&ola, app, "Lise Murer").await;
    let cv = document(&ola, app, kari_w, "cv", "Kari CV").await;
    let certificate = document(&ola, app, kari_w, "certificate", "Kari Fagbrev").await;
    let per_cv = document(&ola, app, per_w, "cv", "Per CV").await;
    let kari = candidate(&ola, app, customer, vid, kari_w).await;
    let per = candidate(&ola, app, customer, vid, per_w).await;
    let lise = candidate(&ola, app, customer, vid, lise_w).await;
    let res = post(
        &ola,
        app,
        &present_path(customer, vid, kari),
        &[
            ("consent", "1"),
            ("consent_how", "phone"),
            ("summary", "Erfaren tømrer, ledig fra januar."),
            ("document", &cv.to_string()),
        ],
    )
    .await;
    location(res).await;
    // Per is moved to "presented" by the stage select, with no consent recorded.
    let res = post(
        &ola,
        app,
        &format!("/customers/{customer}/vacancies/{vid}/candidates/{per}/stage"),
        &[("stage", "presented")],
    )
    .await;
    location(res).await;
    assert_eq!(stage(app, per).await, "presented");
    Setup {
        customer,
        vid,
        requester,
        kari,
        per,
        lise,
        cv,
        certificate,
        per_cv,
    }
}

db_test!(
    a_request_makes_a_draft_vacancy_a_task_and_a_message,
    |app| {
        let customer = oslo_customer(app, "Fjord Bygg AS").await;
        let ase = contact(app, customer, "Åse", "Bestiller").await;
        let client = portal(app, ase, "request_staff").await;
        let (status, form) = get(&client, app, "/portal/vacancies/new").await;
        assert_eq!(status, 200);
        assert!(form.contains("Bestill bemanning"), "{form}");
        let vid = request(&client, app).await;

        let (draft, by, consultant, positions, status, title, city): (
            i64,
            Option<i64>,
            Option<i64>,
            i64,
            String,
            String,
            Option<String>,
        ) = sqlx::query_as(
            "SELECT draft, requested_by_contact_id, consultant_id, positions, status, title, \
         workplace_city FROM vacancies WHERE id = $1 AND customer_id = $2",
        )
        .bind(vid)
        .bind(customer)
        .fetch_one(&app.db.pool)
        .await
        .unwrap();
        assert_eq!(
            (
                draft,
                by,
                consultant,
                positions,
                status.as_str(),
                title.as_str()
            ),
            (
                1,
                Some(ase),
                Some(app.fx.consultant_oslo),
                3,
                "open",
                "Tømrer"
            )
        );
        assert_eq!(city.as_deref(), Some("Bergen"));

        // A task for the consultant on the customer's card.
        let (task_title, kind, participant): (String, String, i64) = sqlx::query_as(
            "SELECT a.title, t.kind, p.user_id FROM activities a \
         JOIN activity_types t ON t.id = a.type_id \
         JOIN activity_participants p ON p.activity_id = a.id WHERE a.customer_id = $1",
        )
        .bind(customer)
        .fetch_one(&app.db.pool)
        .await
        .unwrap();
        assert_eq!(kind, "task");
        assert_eq!(participant, app.fx.consultant_oslo);
        assert!(
            task_title.contains("Fjord Bygg AS") && task_title.contains("Tømrer"),
            "{task_title}"
        );

        // And a message to them through the outbox.
        let (subject, body, address): (String, String, String) = sqlx::query_as(
            "SELECT m.subject, m.body, r.address FROM messages m \
         JOIN message_recipients r ON r.message_id = m.id AND r.kind = 'to' \
         WHERE m.customer_id = $1",
        )
        .bind(customer)
        .fetch_one(&app.db.pool)
        .await
        .unwrap();
        assert_eq!(address, "ola@test.no");
        assert!(subject.contains("Tømrer"), "{subject}");
        assert!(
            body.contains("Åse Bestiller") && body.contains(&format!("/vacancies/{vid}")),
            "{body}"
        );

        // The contact sees the confirmation, which claims no email.
        let (status, page) = get(
            &client,
            app,
            &format!("/portal/vacancies/{vid}?requested=1"),
        )
        .await;
        assert_eq!(status, 200);
        assert!(page.contains("id=\"request-sent\""), "{page}");
        assert!(page.contains("Forespurt – under behandling"), "{page}");
        assert!(!page.to_lowercase().contains("e-post"), "{page}");

        // The consultant sees the draft on the card; no assignment can be made from it yet.
        let ola = app.login("ola@test.no").await;
        let (status, card) =
            get(&ola, app, &format!("/customers/{customer}/vacancies/{vid}")).await;
        assert_eq!(status, 200);
        assert!(
            card.contains("id=\"vacancy-draft\"") && card.contains("Åse Bestiller"),
            "{card}"
        );
        let w = worker(&ola, app, "Kari Tømrer").await;
        let cid = candidate(&ola, app, customer, vid, w).await;
        location(
            post(
                &ola,
                app,
                &format!("/customers/{customer}/vacancies/{vid}/candidates/{cid}/stage"),
                &[("stage", "accepted")],
            )
            .await,
        )
        .await;
        let res = post(
            &ola,
            app,
            &format!("/customers/{customer}/vacancies/{vid}/candidates/{cid}/assignment"),
            &[],
        )
        .await;
        assert_eq!(res.status(), 409);
        assert_eq!(count(app, "SELECT COUNT(*) FROM assignments").await, 0);
    }
);

db_test!(
    bad_request_input_is_explained_in_nb_and_en_and_kept,
    |app| {
        let customer = oslo_customer(app, "Fjord Bygg AS").await;
        let ase = contact(app, customer, "Åse", "Bestiller").await;
        let client = portal(app, ase, "request_staff").await;
        let bad = [
            ("what", ""),
            ("positions", "0"),
            ("from_date", "31.02.2030"),
            ("to_date", "snart"),
            ("place", "Oslo sentrum"),
            ("description", "Noe viktig"),
        ];
        let res = post(&client, app, "/portal/vacancies", &bad).await;
        assert_eq!(res.status(), 422);
        let page = res.text().await.unwrap();
        for text in [
            "Må fylles ut.",
            "Skriv et helt tall fra 1 til 500.",
            "Skriv en dato som 04.01.2027.",
            "value=\"Oslo sentrum\"",
            "value=\"snart\"",
            "Noe viktig",
        ] {
            assert!(page.contains(text), "{text}: {page}");
        }
        let res = client
            .post(app.url("/portal/vacancies"))
            .header("accept-language", "en")
            .form(&bad)
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 422);
        let page = res.text().await.unwrap();
        for text in [
            "Required.",
            "Enter a whole number from 1 to 500.",
            "Write a date such as 04.01.2027.",
            "value=\"Oslo sentrum\"",
        ] {
            assert!(page.contains(text), "{text}: {page}");
        }
        let past = [
            ("what", "Tømrer"),
            ("positions", "1"),
            ("from_date", "01.01.2020"),
            ("to_date", ""),
            ("place", ""),
            ("description", ""),
        ];
        let res = post(&client, app, "/portal/vacancies", &past).await;
        assert_eq!(res.status(), 422);
        assert!(
            res.text()
                .await
                .unwrap()
                .contains("Startdatoen kan ikke være tilbake i tid.")
        );
        assert_eq!(count(app, "SELECT COUNT(*) FROM vacancies").await, 0);
        assert_eq!(count(app, "SELECT COUNT(*) FROM activities").await, 0);
        assert_eq!(count(app, "SELECT COUNT(*) FROM messages").await, 0);

        // Without the right to request staff: refused, nothing made.
        let viewer = contact(app, customer, "Vidar", "Viser").await;
        let viewer = portal(app, viewer, "view_assignments").await;
        assert_eq!(get(&viewer, app, "/portal/vacancies/new").await.0, 403);
        let res = post(&viewer, app, "/portal/vacancies", &REQUEST).await;
        assert_eq!(res.status(), 403);
        assert_eq!(count(app, "SELECT COUNT(*) FROM vacancies").await, 0);
    }
);

db_test!(
    presenting_needs_consent_and_the_portal_shows_only_what_was_shared,
    |app| {
        let s = setup(app).await;
        let ola = app.login("ola@test.no").await;

        // Without the consent the presentation is refused, with the reason and the text kept.
        let path = present_path(s.customer, s.vid, s.lise);
        let (status, form) = get(&ola, app, &path).await;
        assert_eq!(status, 200);
        assert!(form.contains("Presenter for kunden"), "{form}");
        let res = post(
            &ola,
            app,
            &path,
            &[
                ("consent_how", "email"),
                ("summary", "Murer med svennebrev"),
            ],
        )
        .await;
        assert_eq!(res.status(), 422);
        let page = res.text().await.unwrap();
        assert!(
            page.contains("Kandidaten kan bare presenteres etter at samtykket"),
            "{page}"
        );
        assert!(page.contains("Murer med svennebrev"), "{page}");
        // Another worker's document cannot be shared for her.
        let res = post(
            &ola,
            app,
            &path,
            &[
                ("consent", "1"),
                ("consent_how", "email"),
                ("document", &s.cv.to_string()),
            ],
        )
        .await;
        assert_eq!(res.status(), 422);
        assert_eq!(stage(app, s.lise).await, "suggested");
        assert_eq!(
        count(app, &format!("SELECT COUNT(*) FROM vacancy_candidates WHERE id = {} AND consent_at IS NOT NULL", s.lise)).await,
        0
    );

        // Kari's consent is recorded: how, and by whom.
        let (how, by): (String, i64) = sqlx::query_as(
        "SELECT consent_how, consent_by FROM vacancy_candidates WHERE id = $1 AND stage = 'presented' \
         AND consent_at IS NOT NULL AND presented_at IS NOT NULL",
    )
    .bind(s.kari)
    .fetch_one(&app.db.pool)
    .await
    .unwrap();
        assert_eq!((how.as_str(), by), ("phone", app.fx.consultant_oslo));

        // A contact of the company with the right sees Kari, her summary and her CV — nothing else.
        let bob = contact(app, s.customer, "Bob", "Kunde").await;
        let bob = portal(app, bob, "view_assignments").await;
        let (status, list) = get(&bob, app, "/portal/vacancies").await;
        assert_eq!(status, 200);
        assert!(
            list.contains("Tømrer") && list.contains("1 kandidat venter på svar"),
            "{list}"
        );
        let (status, page) = get(&bob, app, &format!("/portal/vacancies/{}", s.vid)).await;
        assert_eq!(status, 200);
        assert!(
            page.contains("Kari Tømrer") && page.contains("Erfaren tømrer, ledig fra januar."),
            "{page}"
        );
        assert!(page.contains("Kari CV"), "{page}");
        for hidden in [
            "Per Snekker",
            "Lise Murer",
            "Kari Fagbrev",
            "912 34 567",
            "vikar@vikar.test",
        ] {
            assert!(!page.contains(hidden), "{hidden} shown: {page}");
        }
        let doc = |cid: i64, did: i64| {
            format!(
                "/portal/vacancies/{}/candidates/{cid}/documents/{did}",
                s.vid
            )
        };
        let res = bob.get(app.url(&doc(s.kari, s.cv))).send().await.unwrap();
        assert_eq!(res.status(), 200);
        assert_eq!(
            res.bytes().await.unwrap().as_ref(),
            pdf("Kari CV").as_slice()
        );
        // Not shared, or not presented with consent: not found, whatever the id.
        for (cid, did) in [
            (s.kari, s.certificate),
            (s.kari, s.per_cv),
            (s.per, s.per_cv),
            (s.per, s.cv),
            (s.lise, s.cv),
            (s.kari, 999_999),
        ] {
            assert_eq!(get(&bob, app, &doc(cid, did)).await.0, 404, "{cid}/{did}");
        }
        // Per and Lise cannot be answered either.
        for cid in [s.per, s.lise] {
            let res = post(
                &bob,
                app,
                &format!("/portal/vacancies/{}/candidates/{cid}/decision", s.vid),
                &[("decision", "accept")],
            )
            .await;
            assert_eq!(res.status(), 404);
            assert_ne!(stage(app, cid).await, "accepted");
        }
    }
);

db_test!(
    another_company_finds_nothing_and_a_contact_without_the_right_is_refused,
    |app| {
        let s = setup(app).await;
        let other = oslo_customer(app, "Annen Kunde AS").await;
        let stranger = contact(app, other, "Sara", "Fremmed").await;
        let stranger = portal(app, stranger, "view_assignments,request_staff").await;
        let base = format!("/portal/vacancies/{}", s.vid);
        let doc = format!("{base}/candidates/{}/documents/{}", s.kari, s.cv);
        let decide = format!("{base}/candidates/{}/decision", s.kari);
        assert_eq!(get(&stranger, app, &base).await.0, 404);
        assert_eq!(get(&stranger, app, &doc).await.0, 404);
        let res = post(&stranger, app, &decide, &[("decision", "accept")]).await;
        assert_eq!(res.status(), 404);
        let (status, list) = get(&stranger, app, "/portal/vacancies").await;
        assert_eq!(status, 200);
        assert!(!list.contains("Tømrer"), "{list}");

        // Same company, no vacancy right.
        let plain = contact(app, s.customer, "Nils", "Uten").await;
        let plain = portal(app, plain, "approve_timesheets").await;
        for p in ["/portal/vacancies".to_string(), base.clone(), doc.clone()] {
            assert_eq!(get(&plain, app, &p).await.0, 403, "{p}");
        }
        let res = post(&plain, app, &decide, &[("decision", "accept")]).await;
        assert_eq!(res.status(), 403);
        assert_eq!(stage(app, s.kari).await, "presented");
        // Staff pages are not reached with a portal session.
        let (status, _) = get(&plain, app, &present_path(s.customer, s.vid, s.kari)).await;
        assert!(status == 303 || status == 401, "{status}");
    }
);

db_test!(accept_and_decline_are_recorded_and_told, |app| {
    let s = setup(app).await;
    let ola = app.login("ola@test.no").await;
    // Present Lise too, telling the vacancy's contact (the one who asked) by email.
    let res = post(
        &ola,
        app,
        &present_path(s.customer, s.vid, s.lise),
        &[
            ("consent", "1"),
            ("consent_how", "in_person"),
            ("notify", "1"),
        ],
    )
    .await;
    location(res).await;
    let to_contact: String = sqlx::query_scalar(
        "SELECT r.address FROM message_recipients r JOIN messages m ON m.id = r.message_id \
         WHERE r.contact_id = $1 AND r.kind = 'to'",
    )
    .bind(s.requester)
    .fetch_one(&app.db.pool)
    .await
    .unwrap();
    assert_eq!(to_contact, format!("kontakt{}@test.no", s.requester));

    let bob_id = contact(app, s.customer, "Bob", "Kunde").await;
    let bob = portal(app, bob_id, "view_assignments").await;
    let decide = |cid: i64| format!("/portal/vacancies/{}/candidates/{cid}/decision", s.vid);
    let before = count(app, "SELECT COUNT(*) FROM activities").await;
    let messages = count(app, "SELECT COUNT(*) FROM messages").await;
    location(post(&bob, app, &decide(s.kari), &[("decision", "accept")]).await).await;
    // A reason too long is explained and kept.
    let long = "x".repeat(1001);
    let res = post(
        &bob,
        app,
        &decide(s.lise),
        &[("decision", "decline"), ("reason", &long)],
    )
    .await;
    assert_eq!(res.status(), 422);
    let page = res.text().await.unwrap();
    assert!(
        page.contains("Kan ha høyst 1000 tegn.") && page.contains(&long),
        "{page}"
    );
    assert_eq!(stage(app, s.lise).await, "presented");
    location(
        post(
            &bob,
            app,
            &decide(s.lise),
            &[
                ("decision", "decline"),
                ("reason", "For lite erfaring med tak"),
            ],
        )
        .await,
    )
    .await;

    let (kari_stage, kari_by, kari_at): (String, Option<i64>, Option<i64>) = sqlx::query_as(
        "SELECT stage, decided_by_contact_id, decided_at FROM vacancy_candidates WHERE id = $1",
    )
    .bind(s.kari)
    .fetch_one(&app.db.pool)
    .await
    .unwrap();
    assert_eq!((kari_stage.as_str(), kari_by), ("accepted", Some(bob_id)));
    assert!(kari_at.is_some());
    let (lise_stage, reason): (String, Option<String>) =
        sqlx::query_as("SELECT stage, decline_reason FROM vacancy_candidates WHERE id = $1")
            .bind(s.lise)
            .fetch_one(&app.db.pool)
            .await
            .unwrap();
    assert_eq!(lise_stage, "declined");
    assert_eq!(reason.as_deref(), Some("For lite erfaring med tak"));

    // Answered once: a second answer is refused.
    let res = post(&bob, app, &decide(s.kari), &[("decision", "decline")]).await;
    assert_eq!(res.status(), 409);
    assert_eq!(stage(app, s.kari).await, "accepted");

    // The consultant is told: a task and a message per answer.
    assert_eq!(
        count(app, "SELECT COUNT(*) FROM activities").await,
        before + 2
    );
    assert_eq!(
        count(app, "SELECT COUNT(*) FROM messages").await,
        messages + 2
    );
    let titles: Vec<String> = sqlx::query_scalar(
        "SELECT a.title FROM activities a JOIN activity_participants p ON p.activity_id = a.id \
         WHERE p.user_id = $1 ORDER BY a.id",
    )
    .bind(app.fx.consultant_oslo)
    .fetch_all(&app.db.pool)
    .await
    .unwrap();
    assert!(
        titles.iter().any(|t| t.contains("aksepterte Kari Tømrer")),
        "{titles:?}"
    );
    assert!(
        titles.iter().any(|t| t.contains("avslo Lise Murer")),
        "{titles:?}"
    );

    // The card's vacancy page shows who answered, when and why.
    let (status, card) = get(
        &ola,
        app,
        &format!("/customers/{}/vacancies/{}", s.customer, s.vid),
    )
    .await;
    assert_eq!(status, 200);
    assert!(card.contains("Akseptert av Bob Kunde"), "{card}");
    assert!(
        card.contains("Avslått av Bob Kunde") && card.contains("For lite erfaring med tak"),
        "{card}"
    );
    // The portal shows the answers, without the buttons.
    let (_, page) = get(&bob, app, &format!("/portal/vacancies/{}", s.vid)).await;
    assert!(page.contains("Akseptert av Bob Kunde"), "{page}");
    assert!(
        !page.contains(&format!("id=\"accept-{}\"", s.kari)),
        "{page}"
    );
});
