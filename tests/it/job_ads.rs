//! Job ads through the app: an ad made from a vacancy (prefilled) with its body sanitised,
//! published on the public pages with JSON-LD, Open Graph and feeds read back by independent
//! parsers (extruct, feedparser and jsonfeed-util, when installed; required in CI), the anonymous employer
//! never leaking, the application form's outcomes and its abuse refused, and ads taken down by
//! hand, at their deadline and with their vacancy.

use std::{
    io::Write,
    process::{Command, Stdio},
};

use serde_json::{Value, json};

use crate::db_test;
use crate::support::http::{last_id, location, page};
use crate::support::{
    TestApp,
    fixtures::{contact, oslo_customer},
};

/// A vacancy of a new Oslo customer called `customer_name`, made by `client`: (customer,
/// vacancy, the customer's contact).
pub(crate) async fn vacancy(
    app: &TestApp,
    client: &reqwest::Client,
    customer_name: &str,
) -> (i64, i64, i64) {
    let customer = oslo_customer(app, customer_name).await;
    let ase = contact(app, customer, "Åse", "Kontaktsen").await;
    let form: Vec<(&str, String)> = [
        ("title", "Lagermedarbeider"),
        ("positions", "2"),
        ("styrk_code", "9321"),
        ("occupation_title", "Lagerarbeider"),
        (
            "description",
            "Plukk og pakk i nytt lager.\nOppmøte kl. 07.",
        ),
        ("requirements", "Truckførerbevis\n- Norsk eller engelsk"),
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
        ("bill_rate", "420"),
        ("pay_rate", "210"),
        ("ot50_bill", "630"),
        ("ot50_pay", "315"),
        ("ot100_bill", "840"),
        ("ot100_pay", "420"),
        ("legal_basis", "temporary_work"),
        ("legal_basis_text", "Sesongtopp"),
        ("equal_pay", "205"),
        ("equal_confirmed_on", "2026-09-01"),
        ("workplace_street", "Lagerveien 1"),
        ("workplace_postal_code", "5003"),
    ]
    .into_iter()
    .map(|(k, v)| (k, v.to_string()))
    .chain([
        ("approver_contact_id", ase.to_string()),
        ("contact_id", ase.to_string()),
    ])
    .collect();
    let res = client
        .post(app.url(&format!("/customers/{customer}/vacancies")))
        .form(&form)
        .send()
        .await
        .unwrap();
    let vid = last_id(&location(res).await);
    (customer, vid, ase)
}

/// The ad form as a vacancy prefills it, with `changes` on top.
pub(crate) fn ad_form(changes: &[(&'static str, &str)]) -> Vec<(&'static str, String)> {
    let mut form: Vec<(&'static str, String)> = [
        ("title", "Lagermedarbeider i Bergen"),
        ("lead", "Bli med på laget </script> i vårt nye lager!"),
        (
            "body_html",
            "<p>Plukk og pakk.</p><script>alert('x')</script><img src=x onerror=\"alert(1)\">\
             <p><a href=\"javascript:alert(2)\">lur lenke</a> <a href=\"https://example.no/om\">om oss</a></p>\
             <ul><li>Truck</li></ul>",
        ),
        ("styrk_code", "9321"),
        ("occupation_title", "Lagerarbeider"),
        ("postal_code", "5003"),
        ("city", ""),
        ("employment_type", "TEMPORARY"),
        ("sector", "private"),
        ("deadline", "2099-12-31"),
        ("start_date", "2027-01-04"),
        ("positions", "2"),
        ("salary_hour", "210"),
        ("employer_shown", "agency"),
    ]
    .into_iter()
    .map(|(k, v)| (k, v.to_string()))
    .collect();
    for (k, v) in changes {
        form.retain(|(f, _)| f != k);
        form.push((k, v.to_string()));
    }
    form
}

/// A published ad: (ad id, its slug).
pub(crate) async fn published_ad(
    app: &TestApp,
    client: &reqwest::Client,
    customer: i64,
    vid: i64,
    changes: &[(&'static str, &str)],
) -> (i64, String) {
    let res = client
        .post(app.url(&format!("/customers/{customer}/vacancies/{vid}/ads")))
        .form(&ad_form(changes))
        .send()
        .await
        .unwrap();
    let aid = last_id(&location(res).await);
    let res = client
        .post(app.url(&format!("/customers/{customer}/ads/{aid}/status")))
        .form(&[("action", "publish")])
        .send()
        .await
        .unwrap();
    location(res).await;
    let slug: String = sqlx::query_scalar("SELECT slug FROM job_ads WHERE id = $1")
        .bind(aid)
        .fetch_one(&app.db.pool)
        .await
        .unwrap();
    (aid, slug)
}

/// The JSON-LD of a page, parsed (exactly one `application/ld+json` script).
pub(crate) fn json_ld(html: &str) -> Value {
    let open = "<script type=\"application/ld+json\">";
    assert_eq!(html.matches(open).count(), 1, "{html}");
    let start = html.find(open).unwrap() + open.len();
    let end = start + html[start..].find("</script>").unwrap();
    serde_json::from_str(&html[start..end]).unwrap()
}

/// What extruct and feedparser read (tests/oracles/job_ads.py); `None` (skipped) when they are
/// not installed outside CI.
fn independent_readers(case: &Value) -> Option<Value> {
    let script = format!("{}/tests/oracles/job_ads.py", env!("CARGO_MANIFEST_DIR"));
    let output = Command::new("python3")
        .arg(script)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .and_then(|mut child| {
            child
                .stdin
                .take()
                .unwrap()
                .write_all(case.to_string().as_bytes())?;
            child.wait_with_output()
        });
    match output {
        Ok(out) if out.status.success() => Some(serde_json::from_slice(&out.stdout).unwrap()),
        other => {
            let why = match other {
                Ok(out) => String::from_utf8_lossy(&out.stderr).into_owned(),
                Err(e) => e.to_string(),
            };
            assert!(
                std::env::var("CI").as_deref() != Ok("true"),
                "extruct, feedparser and jsonfeed-util are required in CI: {why}"
            );
            eprintln!("skipped: pip install extruct feedparser jsonfeed-util ({why})");
            None
        }
    }
}

const REQUIRED: [&str; 5] = [
    "title",
    "description",
    "datePosted",
    "hiringOrganization",
    "jobLocation",
];

db_test!(
    an_ad_from_a_vacancy_is_sanitised_published_and_read_by_machines,
    |app| {
        let ola = app.login("ola@test.no").await;
        let (customer, vid, _) = vacancy(app, &ola, "Lager Vest AS").await;

        // The form is prefilled from the vacancy.
        let (status, form) = page(
            &ola,
            app,
            &format!("/customers/{customer}/vacancies/{vid}/ads/new"),
        )
        .await;
        assert_eq!(status, 200, "{form}");
        assert!(form.contains("value=\"Lagermedarbeider\""), "{form}");
        assert!(form.contains("Plukk og pakk i nytt lager."), "{form}");
        assert!(
            form.contains("&#60;li&#62;Truckførerbevis&#60;/li&#62;"),
            "{form}"
        );
        assert!(form.contains("value=\"5003\""), "{form}");

        // Bad input is explained and kept.
        let res = ola
            .post(app.url(&format!("/customers/{customer}/vacancies/{vid}/ads")))
            .form(&ad_form(&[
                ("deadline", "31.02.2027"),
                ("styrk_code", "93a1"),
                ("title", ""),
            ]))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 422);
        let body = res.text().await.unwrap();
        assert!(body.contains("Skriv en dato som 15.01.2027."), "{body}");
        assert!(body.contains("Yrkeskoden er fire sifre"), "{body}");
        assert!(body.contains("value=\"93a1\""), "{body}");

        let (aid, slug) = published_ad(app, &ola, customer, vid, &[]).await;
        // Sanitised on save: no script, event handler or javascript: link is stored.
        let stored: String = sqlx::query_scalar("SELECT body_html FROM job_ads WHERE id = $1")
            .bind(aid)
            .fetch_one(&app.db.pool)
            .await
            .unwrap();
        for bad in ["<script", "alert", "onerror", "javascript:", "<img"] {
            assert!(!stored.contains(bad), "{bad} in {stored}");
        }
        assert!(
            stored
                .contains("<a href=\"https://example.no/om\" rel=\"noopener nofollow\">om oss</a>"),
            "{stored}"
        );
        assert!(stored.contains("<li>Truck</li>"), "{stored}");

        // The vacancy's page lists the ad; the ad's page has its channels and sharing links.
        let (_, vpage) = page(&ola, app, &format!("/customers/{customer}/vacancies/{vid}")).await;
        assert!(vpage.contains(&format!("id=\"job-ad-{aid}\"")), "{vpage}");
        let (_, apage) = page(&ola, app, &format!("/customers/{customer}/ads/{aid}")).await;
        assert!(apage.contains("Publisert"), "{apage}");
        assert!(apage.contains("%3Fsrc%3Dlinkedin"), "{apage}");
        assert!(apage.contains("Ikke satt opp"), "{apage}");

        // The public list and page, without log-in.
        let anyone = reqwest::Client::new();
        let (status, list) = page(&anyone, app, "/jobs").await;
        assert_eq!(status, 200);
        assert!(list.contains(&format!("href=\"/jobs/{slug}\"")), "{list}");
        assert!(list.contains("1 ledig stilling"), "{list}");
        let url = app.url(&format!("/jobs/{slug}"));
        let res = anyone.get(&url).send().await.unwrap();
        assert_eq!(res.status(), 200);
        assert!(
            res.headers()["cache-control"]
                .to_str()
                .unwrap()
                .contains("max-age")
        );
        let html = res.text().await.unwrap();
        assert!(!html.contains("alert("), "{html}");
        assert!(
            html.contains("<meta property=\"og:title\" content=\"Lagermedarbeider i Bergen\">"),
            "{html}"
        );
        assert!(
            html.contains(&format!("<meta property=\"og:url\" content=\"{url}\">")),
            "{html}"
        );
        let ld = json_ld(&html);
        for key in REQUIRED {
            assert!(!ld[key].is_null(), "{key}: {ld}");
        }
        assert_eq!(ld["@type"], "JobPosting");
        assert_eq!(ld["title"], "Lagermedarbeider i Bergen");
        assert_eq!(ld["hiringOrganization"]["name"], "Demo Bemanning AS");
        assert_eq!(ld["jobLocation"]["address"]["postalCode"], "5003");
        assert_eq!(ld["jobLocation"]["address"]["addressLocality"], "Bergen");
        assert_eq!(ld["jobLocation"]["address"]["addressCountry"], "NO");
        assert_eq!(ld["employmentType"], "TEMPORARY");
        assert_eq!(ld["validThrough"], "2099-12-31T23:59:59");
        assert_eq!(ld["directApply"], true);
        assert_eq!(ld["identifier"]["value"], slug.as_str());
        assert_eq!(ld["baseSalary"]["currency"], "NOK");
        assert_eq!(ld["baseSalary"]["value"]["value"], 210.0);
        // The lead's "</script>" did not end the element early: it is inside the JSON.
        assert!(
            ld["description"]
                .as_str()
                .unwrap()
                .contains("Bli med på laget &lt;/script&gt;"),
            "{ld}"
        );

        // The feeds.
        let (status, atom) = page(&anyone, app, "/jobs/feed.atom").await;
        assert_eq!(status, 200);
        let (status, json_feed) = page(&anyone, app, "/jobs/feed.json").await;
        assert_eq!(status, 200);
        let feed: Value = serde_json::from_str(&json_feed).unwrap();
        assert_eq!(feed["version"], "https://jsonfeed.org/version/1.1");
        assert_eq!(feed["items"][0]["url"], url.as_str());
        assert_eq!(feed["items"][0]["title"], "Lagermedarbeider i Bergen");

        let Some(read) = independent_readers(&json!({
            "html": html, "url": url, "atom": atom, "json_feed": json_feed,
        })) else {
            return;
        };
        let postings: Vec<&Value> = read["json_ld"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|i| i["@type"] == "JobPosting")
            .collect();
        assert_eq!(postings.len(), 1, "{read}");
        for key in REQUIRED.iter().chain(&[
            "validThrough",
            "employmentType",
            "identifier",
            "directApply",
        ]) {
            assert!(!postings[0][key].is_null(), "extruct misses {key}: {read}");
        }
        assert_eq!(
            read["opengraph"][0]["og:title"], "Lagermedarbeider i Bergen",
            "{read}"
        );
        assert_eq!(read["atom"]["bozo"], false, "{read}");
        assert_eq!(read["atom"]["version"], "atom10", "{read}");
        for kind in ["atom", "json_feed"] {
            let f = &read[kind];
            let e = &f["entries"];
            assert_eq!(e.as_array().unwrap().len(), 1, "{kind}: {f}");
            assert_eq!(e[0]["title"], "Lagermedarbeider i Bergen", "{kind}: {f}");
            assert_eq!(e[0]["link"], url.as_str(), "{kind}: {f}");
            assert_eq!(e[0]["author"], "Demo Bemanning AS", "{kind}: {f}");
            let content = e[0]["content"].as_str().unwrap();
            assert!(content.contains("<li>Truck</li>"), "{kind}: {f}");
            assert!(!e[0]["published"].is_null(), "{kind}: {f}");
        }
    }
);

db_test!(an_anonymous_employer_never_leaks, |app| {
    let ola = app.login("ola@test.no").await;
    let (customer, vid, ase) = vacancy(app, &ola, "Hemmelig Hjørnesteinsbedrift AS").await;
    let contact = format!("c:{ase}");
    let (aid, slug) = published_ad(
        app,
        &ola,
        customer,
        vid,
        &[
            ("employer_shown", "anonymous"),
            ("contact", contact.as_str()),
        ],
    )
    .await;
    let anyone = reqwest::Client::new();
    let mut seen = String::new();
    for path in [
        "/jobs".to_string(),
        format!("/jobs/{slug}"),
        "/jobs/feed.atom".to_string(),
        "/jobs/feed.json".to_string(),
    ] {
        let (status, body) = page(&anyone, app, &path).await;
        assert_eq!(status, 200, "{path}");
        seen.push_str(&body);
    }
    assert!(!seen.contains("Hemmelig"), "{seen}");
    assert!(!seen.contains("Hjørnestein"), "{seen}");
    assert!(
        !seen.contains("Kontaktsen"),
        "the customer's contact names the customer: {seen}"
    );
    assert!(
        seen.contains("En av våre kunder (via Demo Bemanning AS)"),
        "{seen}"
    );
    let (_, html) = page(&anyone, app, &format!("/jobs/{slug}")).await;
    assert_eq!(
        json_ld(&html)["hiringOrganization"]["name"],
        "Demo Bemanning AS"
    );

    // Shown as the customer, the customer's name and contact are there.
    let (_, edit) = page(&ola, app, &format!("/customers/{customer}/ads/{aid}/edit")).await;
    let version = edit
        .split("name=\"version\" value=\"")
        .nth(1)
        .unwrap()
        .split('"')
        .next()
        .unwrap()
        .to_string();
    let res = ola
        .post(app.url(&format!("/customers/{customer}/ads/{aid}")))
        .form(&ad_form(&[
            ("employer_shown", "customer"),
            ("contact", contact.as_str()),
            ("version", version.as_str()),
        ]))
        .send()
        .await
        .unwrap();
    location(res).await;
    let (_, html) = page(&anyone, app, &format!("/jobs/{slug}")).await;
    assert_eq!(
        json_ld(&html)["hiringOrganization"]["name"],
        "Hemmelig Hjørnesteinsbedrift AS"
    );
    assert!(html.contains("Åse Kontaktsen"), "{html}");
});

pub(crate) fn pdf() -> Vec<u8> {
    b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n".to_vec()
}

/// The application form as a browser sends it.
pub(crate) fn application(
    name: &str,
    email: &str,
    file: (&str, Vec<u8>, &str),
    extra: &[(&'static str, &str)],
) -> reqwest::multipart::Form {
    let mut form = reqwest::multipart::Form::new()
        .text("name", name.to_string())
        .text("email", email.to_string())
        .text("mobile", "912 34 567")
        .text("message", "Jeg har truckførerbevis.")
        .text("website", "");
    for (k, v) in extra {
        form = form.text(*k, v.to_string());
    }
    form.part(
        "cv",
        reqwest::multipart::Part::bytes(file.1)
            .file_name(file.0.to_string())
            .mime_str(file.2)
            .unwrap(),
    )
}

async fn count(app: &TestApp, sql: &str) -> i64 {
    sqlx::query_scalar(sqlx::AssertSqlSafe(sql.to_string()))
        .fetch_one(&app.db.pool)
        .await
        .unwrap()
}

db_test!(applications_make_candidates_and_abuse_is_refused, |app| {
    let ola = app.login("ola@test.no").await;
    let (customer, vid, _) = vacancy(app, &ola, "Lager Vest AS").await;
    let (aid, slug) = published_ad(app, &ola, customer, vid, &[]).await;
    let anyone = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    let apply = app.url(&format!("/jobs/{slug}/apply"));

    // 1: a new applicant from LinkedIn.
    let res = anyone
        .post(&apply)
        .multipart(application(
            "Kari Søker",
            "Kari.Soker@example.no",
            ("cv.pdf", pdf(), "application/pdf"),
            &[("consent", "1"), ("consent_keep", "1"), ("src", "linkedin")],
        ))
        .send()
        .await
        .unwrap();
    assert_eq!(location(res).await, format!("/jobs/{slug}?applied=1#apply"));
    let (_, done) = page(&anyone, app, &format!("/jobs/{slug}?applied=1")).await;
    assert!(done.contains("Vi har fått søknaden din"), "{done}");
    let (wid, status, mobile): (i64, String, Option<String>) = sqlx::query_as(
        "SELECT id, status, mobile FROM workers WHERE email = 'kari.soker@example.no'",
    )
    .fetch_one(&app.db.pool)
    .await
    .unwrap();
    assert_eq!(status, "candidate");
    assert_eq!(mobile.as_deref(), Some("+4791234567"));
    let (category, ctype): (String, String) =
        sqlx::query_as("SELECT category, content_type FROM worker_documents WHERE worker_id = $1")
            .bind(wid)
            .fetch_one(&app.db.pool)
            .await
            .unwrap();
    assert_eq!(
        (category.as_str(), ctype.as_str()),
        ("cv", "application/pdf")
    );
    let stage: String = sqlx::query_scalar(
        "SELECT stage FROM vacancy_candidates WHERE vacancy_id = $1 AND worker_id = $2",
    )
    .bind(vid)
    .bind(wid)
    .fetch_one(&app.db.pool)
    .await
    .unwrap();
    assert_eq!(stage, "suggested");
    let (source, keep): (String, i64) =
        sqlx::query_as("SELECT source, consent_keep FROM job_applications WHERE worker_id = $1")
            .bind(wid)
            .fetch_one(&app.db.pool)
            .await
            .unwrap();
    assert_eq!((source.as_str(), keep), ("linkedin", 1));
    let subject: String = sqlx::query_scalar("SELECT subject FROM messages WHERE worker_id = $1")
        .bind(wid)
        .fetch_one(&app.db.pool)
        .await
        .unwrap();
    assert_eq!(
        subject,
        "Vi har fått søknaden din: Lagermedarbeider i Bergen"
    );

    // 2: the same person again (by email): the same worker, a second application.
    let res = anyone
        .post(&apply)
        .multipart(application(
            "Kari S.",
            "kari.soker@example.no",
            ("cv2.pdf", pdf(), "application/pdf"),
            &[("consent", "1"), ("src", "facebook")],
        ))
        .send()
        .await
        .unwrap();
    location(res).await;
    assert_eq!(count(app, "SELECT COUNT(*) FROM workers").await, 1);
    assert_eq!(count(app, "SELECT COUNT(*) FROM job_applications").await, 2);
    assert_eq!(
        count(app, "SELECT COUNT(*) FROM vacancy_candidates").await,
        1
    );
    let (_, apage) = page(&ola, app, &format!("/customers/{customer}/ads/{aid}")).await;
    assert!(
        apage.contains("id=\"source-linkedin\">LinkedIn: 1"),
        "{apage}"
    );
    assert!(
        apage.contains("id=\"source-facebook\">Facebook: 1"),
        "{apage}"
    );

    // 3: a program renamed .pdf, and 4: a picture: refused, what was typed kept.
    let program = b"MZ\x90\x00\x03\x00\x00\x00".repeat(64);
    let picture = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR".repeat(8);
    for file in [
        ("cv.pdf", program, "application/pdf"),
        ("cv.png", picture, "image/png"),
    ] {
        let res = anyone
            .post(&apply)
            .multipart(application(
                "Ola Robot",
                "ola.robot@example.no",
                file,
                &[("consent", "1")],
            ))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 422);
        let body = res.text().await.unwrap();
        assert!(body.contains("ble ikke tatt imot"), "{body}");
        assert!(body.contains("Vi tar imot PDF og Word (DOCX)."), "{body}");
        assert!(body.contains("value=\"Ola Robot\""), "{body}");
        assert!(body.contains("Jeg har truckførerbevis."), "{body}");
    }
    // 5: no consent.
    let res = anyone
        .post(&apply)
        .multipart(application(
            "Per",
            "per@example.no",
            ("cv.pdf", pdf(), "application/pdf"),
            &[],
        ))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 422);
    assert!(res.text().await.unwrap().contains("Du må samtykke"));
    // Over the limit (five posts an hour from one address): refused before anything is read.
    let res = anyone
        .post(&apply)
        .multipart(application(
            "Per",
            "per@example.no",
            ("cv.pdf", pdf(), "application/pdf"),
            &[("consent", "1")],
        ))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 429);
    assert!(res.text().await.unwrap().contains("for mange søknader"));
    assert_eq!(count(app, "SELECT COUNT(*) FROM workers").await, 1);
    assert_eq!(count(app, "SELECT COUNT(*) FROM worker_documents").await, 2);
});

db_test!(the_honeypot_refuses_robots_in_english_too, |app| {
    let ola = app.login("ola@test.no").await;
    let (customer, vid, _) = vacancy(app, &ola, "Lager Vest AS").await;
    let (_, slug) = published_ad(app, &ola, customer, vid, &[]).await;
    let res = reqwest::Client::new()
        .post(app.url(&format!("/jobs/{slug}/apply")))
        .header("accept-language", "en")
        .multipart(application(
            "Robot",
            "robot@example.no",
            ("cv.pdf", pdf(), "application/pdf"),
            &[("consent", "1"), ("website", "https://spam.example")],
        ))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 400);
    let body = res.text().await.unwrap();
    assert!(body.contains("a hidden field was filled in"), "{body}");
    assert_eq!(count(app, "SELECT COUNT(*) FROM workers").await, 0);
    assert_eq!(count(app, "SELECT COUNT(*) FROM job_applications").await, 0);
    // The security log has it, naming nobody (decision 0066).
    let logged: Vec<(Option<i64>, String)> =
        sqlx::query_as("SELECT user_id, detail FROM security_log WHERE kind = 'honeypot-filled'")
            .fetch_all(&app.db.pool)
            .await
            .unwrap();
    assert_eq!(logged.len(), 1, "{logged:?}");
    assert_eq!(logged[0].0, None);
    assert!(
        logged[0].1.starts_with("POST /jobs/{slug}/apply: job ad "),
        "{logged:?}"
    );
});

db_test!(
    ads_come_down_by_hand_at_the_deadline_and_with_their_vacancy,
    |app| {
        let ola = app.login("ola@test.no").await;
        let (customer, vid, _) = vacancy(app, &ola, "Lager Vest AS").await;
        let (aid, slug) = published_ad(app, &ola, customer, vid, &[]).await;
        let anyone = reqwest::Client::new();
        let public = format!("/jobs/{slug}");
        assert_eq!(page(&anyone, app, &public).await.0, 200);

        // By hand: everywhere in one click.
        let res = ola
            .post(app.url(&format!("/customers/{customer}/ads/{aid}/status")))
            .form(&[("action", "unpublish")])
            .send()
            .await
            .unwrap();
        location(res).await;
        assert_eq!(page(&anyone, app, &public).await.0, 404);
        let (_, list) = page(&anyone, app, "/jobs").await;
        assert!(!list.contains(&slug), "{list}");
        let homepage: String = sqlx::query_scalar(
            "SELECT status FROM job_ad_publications WHERE job_ad_id = $1 AND channel = 'homepage'",
        )
        .bind(aid)
        .fetch_one(&app.db.pool)
        .await
        .unwrap();
        assert_eq!(homepage, "stopped");

        // At the deadline: gone from the public at once, unpublished by the job.
        let res = ola
            .post(app.url(&format!("/customers/{customer}/ads/{aid}/status")))
            .form(&[("action", "publish")])
            .send()
            .await
            .unwrap();
        location(res).await;
        assert_eq!(page(&anyone, app, &public).await.0, 200);
        sqlx::query("UPDATE job_ads SET deadline = '2020-01-01' WHERE id = $1")
            .bind(aid)
            .execute(&app.db.pool)
            .await
            .unwrap();
        assert_eq!(page(&anyone, app, &public).await.0, 404);
        let done = kundekort::job_ads::expire::run_once(&app.state)
            .await
            .unwrap();
        assert_eq!(done.expired, 1);
        let (status, reason): (String, String) =
            sqlx::query_as("SELECT status, unpublished_reason FROM job_ads WHERE id = $1")
                .bind(aid)
                .fetch_one(&app.db.pool)
                .await
                .unwrap();
        assert_eq!(
            (status.as_str(), reason.as_str()),
            ("unpublished", "deadline")
        );
        // Publishing past the deadline is refused with the reason.
        let res = ola
            .post(app.url(&format!("/customers/{customer}/ads/{aid}/status")))
            .form(&[("action", "publish")])
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 409);
        assert!(
            res.text()
                .await
                .unwrap()
                .contains("Søknadsfristen er passert")
        );

        // With the vacancy: cancelling it takes its ad down at once.
        let (_, slug2) = published_ad(app, &ola, customer, vid, &[]).await;
        assert_eq!(page(&anyone, app, &format!("/jobs/{slug2}")).await.0, 200);
        let res = ola
            .post(app.url(&format!("/customers/{customer}/vacancies/{vid}/status")))
            .form(&[("action", "cancel")])
            .send()
            .await
            .unwrap();
        location(res).await;
        assert_eq!(page(&anyone, app, &format!("/jobs/{slug2}")).await.0, 404);
        let reason: String =
            sqlx::query_scalar("SELECT unpublished_reason FROM job_ads WHERE slug = $1")
                .bind(&slug2)
                .fetch_one(&app.db.pool)
                .await
                .unwrap();
        assert_eq!(reason, "vacancy_closed");

        // And the job catches a vacancy that closed some other way.
        let res = ola
            .post(app.url(&format!("/customers/{customer}/vacancies/{vid}/status")))
            .form(&[("action", "reopen")])
            .send()
            .await
            .unwrap();
        location(res).await;
        let (_, slug3) = published_ad(app, &ola, customer, vid, &[]).await;
        sqlx::query("UPDATE vacancies SET status = 'filled' WHERE id = $1")
            .bind(vid)
            .execute(&app.db.pool)
            .await
            .unwrap();
        let done = kundekort::job_ads::expire::run_once(&app.state)
            .await
            .unwrap();
        assert_eq!(done.vacancy_closed, 1);
        assert_eq!(page(&anyone, app, &format!("/jobs/{slug3}")).await.0, 404);
    }
);

db_test!(ads_follow_the_cards_access, |app| {
    let ola = app.login("ola@test.no").await;
    let (customer, vid, _) = vacancy(app, &ola, "Lager Vest AS").await;
    let (aid, _) = published_ad(app, &ola, customer, vid, &[]).await;
    // Berit (Bergen) neither sees nor changes Ola's customer's ads.
    let berit = app.login("berit@test.no").await;
    for p in [
        format!("/customers/{customer}/vacancies/{vid}/ads/new"),
        format!("/customers/{customer}/ads/{aid}"),
        format!("/customers/{customer}/ads/{aid}/edit"),
    ] {
        assert_eq!(page(&berit, app, &p).await.0, 404, "{p}");
    }
    for (p, form) in [
        (
            format!("/customers/{customer}/ads/{aid}/status"),
            vec![("action", "unpublish".to_string())],
        ),
        (
            format!("/customers/{customer}/vacancies/{vid}/ads"),
            ad_form(&[]),
        ),
    ] {
        let res = berit.post(app.url(&p)).form(&form).send().await.unwrap();
        assert_eq!(res.status(), 404, "{p}");
    }
    assert_eq!(count(app, "SELECT COUNT(*) FROM job_ads").await, 1);
    let status: String = sqlx::query_scalar("SELECT status FROM job_ads WHERE id = $1")
        .bind(aid)
        .fetch_one(&app.db.pool)
        .await
        .unwrap();
    assert_eq!(status, "published");
});

db_test!(the_benchmark_seed_publishes_ads_and_vacancies, |app| {
    // `benches/job_ads.rs` measures on this data: it must be what the public and the card show.
    kundekort::seed::large(&app.db, 20).await.unwrap();
    let busiest = kundekort::seed::job_ads(&app.db, 30, 12).await.unwrap();
    assert_eq!(
        count(
            app,
            "SELECT COUNT(*) FROM job_ads WHERE status = 'published'"
        )
        .await,
        30
    );
    let (on_busiest,): (i64,) =
        sqlx::query_as("SELECT COUNT(*) FROM vacancies WHERE customer_id = $1")
            .bind(busiest)
            .fetch_one(&app.db.pool)
            .await
            .unwrap();
    assert_eq!(on_busiest, 12);
    let (status, body) = page(&app.client(), app, "/jobs").await;
    assert_eq!(status, 200);
    assert!(body.contains("Bli med som"), "{body}");
    let ola = app.admin().await;
    let (status, body) = page(&ola, app, &format!("/customers/{busiest}/assignments")).await;
    assert_eq!(status, 200);
    assert!(body.matches("/vacancies/").count() >= 12, "{body}");
});
