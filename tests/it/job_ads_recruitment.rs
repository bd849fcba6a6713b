//! Job ads made from a recruitment, and the customer's logo as employer (decision 0044): the
//! form prefilled from the recruitment, the ad on the recruitment's page, an application
//! landing on the recruitment's board in "new" with its source, the ad taken down when the
//! recruitment stops searching, the card's department scope; the logo from the card's
//! documents (category `logo`) on the public pages, in the JSON-LD and the JSON feed only for a
//! published ad that shows the customer — never for an anonymous one.

use serde_json::Value;

use crate::db_test;
use crate::job_ads::{ad_form, application, json_ld, pdf, published_ad, vacancy};
use crate::support::http::{last_id, location, page};
use crate::support::{
    TestApp,
    fixtures::{category, contact, oslo_customer, png, upload},
};

/// A recruitment at `customer` made by `client`: its id.
async fn recruitment(app: &TestApp, client: &reqwest::Client, customer: i64, contact: i64) -> i64 {
    let res = client
        .post(app.url(&format!("/customers/{customer}/recruitments")))
        .form(&[
            ("title", "Økonomisjef".to_string()),
            ("styrk_code", "1211".into()),
            (
                "description",
                "Leder økonomiavdelingen.\n\nRapporterer til daglig leder.".into(),
            ),
            ("fee_kind", "percent".into()),
            ("fee_percent", "12,5".into()),
            ("annual_salary", "654 321,23".into()),
            ("guarantee_months", "6".into()),
            ("guarantee_consequence", "replacement".into()),
            ("contact_id", contact.to_string()),
        ])
        .send()
        .await
        .unwrap();
    last_id(&location(res).await)
}

async fn publish(app: &TestApp, client: &reqwest::Client, customer: i64, aid: i64) -> u16 {
    client
        .post(app.url(&format!("/customers/{customer}/ads/{aid}/status")))
        .form(&[("action", "publish")])
        .send()
        .await
        .unwrap()
        .status()
        .as_u16()
}

async fn slug_of(app: &TestApp, aid: i64) -> String {
    sqlx::query_scalar("SELECT slug FROM job_ads WHERE id = $1")
        .bind(aid)
        .fetch_one(&app.db.pool)
        .await
        .unwrap()
}

async fn count(app: &TestApp, sql: &str, id: i64) -> i64 {
    sqlx::query_scalar(sqlx::AssertSqlSafe(sql.to_string()))
        .bind(id)
        .fetch_one(&app.db.pool)
        .await
        .unwrap()
}

db_test!(an_ad_from_a_recruitment_fills_its_pipeline, |app| {
    let ola = app.login("ola@test.no").await;
    let customer = oslo_customer(app, "Regnskap Nord AS").await;
    let ase = contact(app, customer, "Åse", "Berg").await;
    let rid = recruitment(app, &ola, customer, ase).await;
    let base = format!("/customers/{customer}/recruitments/{rid}");

    // The form is prefilled from the recruitment: position, code, description, its contact,
    // a permanent position.
    let (status, form) = page(&ola, app, &format!("{base}/ads/new")).await;
    assert_eq!(status, 200, "{form}");
    assert!(form.contains("value=\"Økonomisjef\""), "{form}");
    assert!(form.contains("value=\"1211\""), "{form}");
    assert!(form.contains("Leder økonomiavdelingen."), "{form}");
    assert!(
        form.contains(&format!("value=\"c:{ase}\" selected")),
        "{form}"
    );
    assert!(form.contains("value=\"FULL_TIME\" selected"), "{form}");
    assert!(form.contains(&format!("href=\"{base}\"")), "{form}");
    assert!(form.contains("id=\"job-ad-logo-hint\""), "{form}");
    assert!(form.contains("Kunden har ingen logo ennå"), "{form}");

    // Bad input is explained and kept.
    let res = ola
        .post(app.url(&format!("{base}/ads")))
        .form(&ad_form(&[("title", ""), ("styrk_code", "12x1")]))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 422);
    let body = res.text().await.unwrap();
    assert!(body.contains("value=\"12x1\""), "{body}");

    let res = ola
        .post(app.url(&format!("{base}/ads")))
        .form(&ad_form(&[
            ("title", "Økonomisjef i Oslo"),
            ("employment_type", "FULL_TIME"),
        ]))
        .send()
        .await
        .unwrap();
    let aid = last_id(&location(res).await);
    let (vacancy_id, recruitment_id): (Option<i64>, Option<i64>) =
        sqlx::query_as("SELECT vacancy_id, recruitment_id FROM job_ads WHERE id = $1")
            .bind(aid)
            .fetch_one(&app.db.pool)
            .await
            .unwrap();
    assert_eq!((vacancy_id, recruitment_id), (None, Some(rid)));
    assert_eq!(publish(app, &ola, customer, aid).await, 303);
    let slug = slug_of(app, aid).await;

    // The recruitment's page lists it with its status and offers a new one; the ad's page
    // leads back; the edit form keeps working.
    let (_, rpage) = page(&ola, app, &base).await;
    assert!(rpage.contains(&format!("id=\"job-ad-{aid}\"")), "{rpage}");
    assert!(rpage.contains("badge-job-ad-published"), "{rpage}");
    assert!(rpage.contains("id=\"new-job-ad\""), "{rpage}");
    let (_, apage) = page(&ola, app, &format!("/customers/{customer}/ads/{aid}")).await;
    assert!(apage.contains(&format!("href=\"{base}\"")), "{apage}");
    let (status, edit) = page(&ola, app, &format!("/customers/{customer}/ads/{aid}/edit")).await;
    assert_eq!(status, 200);
    assert!(edit.contains("value=\"Økonomisjef i Oslo\""), "{edit}");

    // An application through the public form: a candidate, on the board in "new".
    let anyone = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    let apply = app.url(&format!("/jobs/{slug}/apply"));
    let res = anyone
        .post(&apply)
        .multipart(application(
            "Kari Søker",
            "kari.soker@example.no",
            ("cv.pdf", pdf(), "application/pdf"),
            &[("consent", "1"), ("src", "linkedin")],
        ))
        .send()
        .await
        .unwrap();
    assert_eq!(location(res).await, format!("/jobs/{slug}?applied=1#apply"));
    let (wid, wstatus): (i64, String) =
        sqlx::query_as("SELECT id, status FROM workers WHERE email = 'kari.soker@example.no'")
            .fetch_one(&app.db.pool)
            .await
            .unwrap();
    assert_eq!(wstatus, "candidate");
    let stage: String = sqlx::query_scalar(
        "SELECT stage FROM recruitment_candidates WHERE recruitment_id = $1 AND worker_id = $2",
    )
    .bind(rid)
    .bind(wid)
    .fetch_one(&app.db.pool)
    .await
    .unwrap();
    assert_eq!(stage, "new");
    let source: String =
        sqlx::query_scalar("SELECT source FROM job_applications WHERE worker_id = $1")
            .bind(wid)
            .fetch_one(&app.db.pool)
            .await
            .unwrap();
    assert_eq!(source, "linkedin");
    assert_eq!(
        count(
            app,
            "SELECT COUNT(*) FROM vacancy_candidates WHERE worker_id = $1",
            wid
        )
        .await,
        0
    );

    // The same person again: still one card on the board, a second application.
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
    assert_eq!(
        count(
            app,
            "SELECT COUNT(*) FROM recruitment_candidates WHERE recruitment_id = $1",
            rid
        )
        .await,
        1
    );
    assert_eq!(
        count(
            app,
            "SELECT COUNT(*) FROM job_applications WHERE job_ad_id = $1",
            aid
        )
        .await,
        2
    );
    let (_, rpage) = page(&ola, app, &base).await;
    assert!(rpage.contains("Kari Søker"), "{rpage}");
    assert!(
        rpage.contains("id=\"rec-source-linkedin\">LinkedIn: 1"),
        "{rpage}"
    );
    assert!(
        rpage.contains("id=\"rec-source-facebook\">Facebook: 1"),
        "{rpage}"
    );

    // The API names the recruitment.
    let token = {
        let mut conn = app.db.pool.acquire().await.unwrap();
        kundekort::auth::tokens::create(&mut conn, app.fx.consultant_oslo, "api")
            .await
            .unwrap()
    };
    let api = reqwest::Client::new();
    let one: Value = api
        .get(app.url(&format!("/api/v1/job-ads/{aid}")))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(one["recruitment_id"], rid, "{one}");
    assert!(one["vacancy_id"].is_null(), "{one}");
    let list: Value = api
        .get(app.url(&format!("/api/v1/job-ads?recruitment_id={rid}")))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(list["total"], 1, "{list}");

    // Berit (Bergen) can neither make nor see the recruitment's ads.
    let berit = app.login("berit@test.no").await;
    for p in [
        format!("{base}/ads/new"),
        format!("/customers/{customer}/ads/{aid}"),
        format!("/customers/{customer}/ads/{aid}/edit"),
    ] {
        assert_eq!(page(&berit, app, &p).await.0, 404, "{p}");
    }
    let res = berit
        .post(app.url(&format!("{base}/ads")))
        .form(&ad_form(&[]))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 404);
    assert_eq!(
        count(
            app,
            "SELECT COUNT(*) FROM job_ads WHERE recruitment_id = $1",
            rid
        )
        .await,
        1
    );

    // Cancelling the recruitment takes the ad down; it cannot be published again until the
    // recruitment searches again.
    let res = ola
        .post(app.url(&format!("{base}/status")))
        .form(&[("action", "cancel")])
        .send()
        .await
        .unwrap();
    location(res).await;
    let (status, reason): (String, Option<String>) =
        sqlx::query_as("SELECT status, unpublished_reason FROM job_ads WHERE id = $1")
            .bind(aid)
            .fetch_one(&app.db.pool)
            .await
            .unwrap();
    assert_eq!(
        (status.as_str(), reason.as_deref()),
        ("unpublished", Some("recruitment_closed"))
    );
    assert_eq!(page(&anyone, app, &format!("/jobs/{slug}")).await.0, 404);
    let res = ola
        .post(app.url(&format!("/customers/{customer}/ads/{aid}/status")))
        .form(&[("action", "publish")])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 409);
    let body = res.text().await.unwrap();
    assert!(body.contains("Rekrutteringen søker ikke lenger"), "{body}");
    let (_, rpage) = page(&ola, app, &base).await;
    assert!(!rpage.contains("id=\"new-job-ad\""), "{rpage}");

    // Reopened, the ad goes up again; the recurring job takes it down once the recruitment
    // stops searching behind the pages' back.
    let res = ola
        .post(app.url(&format!("{base}/status")))
        .form(&[("action", "reopen")])
        .send()
        .await
        .unwrap();
    location(res).await;
    assert_eq!(publish(app, &ola, customer, aid).await, 303);
    assert_eq!(page(&anyone, app, &format!("/jobs/{slug}")).await.0, 200);
    let done = kundekort::job_ads::expire::run_once(&app.state)
        .await
        .unwrap();
    assert_eq!(done.recruitment_closed, 0);
    sqlx::query("UPDATE recruitments SET status = 'closed' WHERE id = $1")
        .bind(rid)
        .execute(&app.db.pool)
        .await
        .unwrap();
    let done = kundekort::job_ads::expire::run_once(&app.state)
        .await
        .unwrap();
    assert_eq!(done.recruitment_closed, 1);
    assert_eq!(page(&anyone, app, &format!("/jobs/{slug}")).await.0, 404);
});

db_test!(the_customers_logo_shows_only_on_its_public_ads, |app| {
    let ola = app.login("ola@test.no").await;
    let (customer, vid, _) = vacancy(app, &ola, "Logo Lager AS").await;
    let (aid, slug) =
        published_ad(app, &ola, customer, vid, &[("employer_shown", "customer")]).await;
    let anyone = reqwest::Client::new();

    // No logo yet: nothing shown, nothing served, nothing broken.
    let (status, html) = page(&anyone, app, &format!("/jobs/{slug}")).await;
    assert_eq!(status, 200);
    assert!(!html.contains("employer-logo"), "{html}");
    assert!(json_ld(&html)["hiringOrganization"]["logo"].is_null());
    assert_eq!(
        page(&anyone, app, &format!("/jobs/{slug}/logo")).await.0,
        404
    );

    // A PDF in the logo category is no logo; a contract is never served.
    let logo_category = category(app, "logo").await;
    let res = upload(
        &ola,
        app,
        customer,
        logo_category,
        false,
        &[("logo.pdf", pdf())],
    )
    .await;
    assert_eq!(res.status(), 303);
    let contract = category(app, "contract").await;
    let res = upload(
        &ola,
        app,
        customer,
        contract,
        false,
        &[("avtale.png", png())],
    )
    .await;
    assert_eq!(res.status(), 303);
    assert_eq!(
        page(&anyone, app, &format!("/jobs/{slug}/logo")).await.0,
        404
    );
    let (_, html) = page(&anyone, app, &format!("/jobs/{slug}")).await;
    assert!(!html.contains("employer-logo"), "{html}");

    // The form tells where the logo comes from, and names it once there is one.
    let res = upload(
        &ola,
        app,
        customer,
        logo_category,
        false,
        &[("logo.png", png())],
    )
    .await;
    assert_eq!(res.status(), 303);
    let (_, form) = page(&ola, app, &format!("/customers/{customer}/ads/{aid}/edit")).await;
    assert!(form.contains("kundens logo (logo.png)"), "{form}");
    let version: i64 = sqlx::query_scalar(
        "SELECT d.current_version_id FROM documents d WHERE d.customer_id = $1 \
         AND d.title = 'logo.png' AND d.deleted_at IS NULL",
    )
    .bind(customer)
    .fetch_one(&app.db.pool)
    .await
    .unwrap();
    let path = format!("/jobs/{slug}/logo?v={version}");
    let absolute = app
        .state
        .config
        .public_url
        .join(path.trim_start_matches('/'))
        .unwrap()
        .to_string();

    // The page, the JSON-LD, the list and the JSON feed carry it.
    let (_, html) = page(&anyone, app, &format!("/jobs/{slug}")).await;
    assert!(
        html.contains(&format!("id=\"job-employer-logo\" src=\"{absolute}\"")),
        "{html}"
    );
    assert!(
        html.contains(&format!(
            "<meta property=\"og:image\" content=\"{absolute}\">"
        )),
        "{html}"
    );
    let ld = json_ld(&html);
    assert_eq!(ld["hiringOrganization"]["name"], "Logo Lager AS");
    assert_eq!(ld["hiringOrganization"]["logo"], absolute.as_str(), "{ld}");
    let (_, list) = page(&anyone, app, "/jobs").await;
    assert!(list.contains(&format!("src=\"{absolute}\"")), "{list}");
    let (_, feed) = page(&anyone, app, "/jobs/feed.json").await;
    let feed: Value = serde_json::from_str(&feed).unwrap();
    assert_eq!(feed["items"][0]["_job"]["employer_logo"], absolute.as_str());

    // Served as the image it is, cacheable by anyone for a while.
    let res = anyone.get(app.url(&path)).send().await.unwrap();
    assert_eq!(res.status(), 200);
    assert_eq!(res.headers()["content-type"], "image/png");
    assert_eq!(res.headers()["cache-control"], "public, max-age=300");
    assert!(
        res.headers()["content-disposition"]
            .to_str()
            .unwrap()
            .starts_with("inline"),
    );
    assert_eq!(res.bytes().await.unwrap().to_vec(), png());

    // Not for a draft, not for an ad showing the agency, not once taken down.
    let res = ola
        .post(app.url(&format!("/customers/{customer}/vacancies/{vid}/ads")))
        .form(&ad_form(&[("employer_shown", "customer")]))
        .send()
        .await
        .unwrap();
    let draft = last_id(&location(res).await);
    let draft_slug = slug_of(app, draft).await;
    assert_eq!(
        page(&anyone, app, &format!("/jobs/{draft_slug}/logo"))
            .await
            .0,
        404
    );
    let (_, agency_slug) =
        published_ad(app, &ola, customer, vid, &[("employer_shown", "agency")]).await;
    assert_eq!(
        page(&anyone, app, &format!("/jobs/{agency_slug}/logo"))
            .await
            .0,
        404
    );
    let (_, html) = page(&anyone, app, &format!("/jobs/{agency_slug}")).await;
    assert!(!html.contains("employer-logo"), "{html}");
    assert!(json_ld(&html)["hiringOrganization"]["logo"].is_null());
    let res = ola
        .post(app.url(&format!("/customers/{customer}/ads/{aid}/status")))
        .form(&[("action", "unpublish")])
        .send()
        .await
        .unwrap();
    location(res).await;
    assert_eq!(page(&anyone, app, &path).await.0, 404);
});

db_test!(an_anonymous_ad_leaks_neither_name_nor_logo, |app| {
    let ola = app.login("ola@test.no").await;
    let (secret, svid, _) = vacancy(app, &ola, "Hemmelig Hjørnesteinsbedrift AS").await;
    let (open, ovid, _) = vacancy(app, &ola, "Åpen Logistikk AS").await;
    let logo_category = category(app, "logo").await;
    for c in [secret, open] {
        let res = upload(&ola, app, c, logo_category, false, &[("logo.png", png())]).await;
        assert_eq!(res.status(), 303);
    }
    let (_, secret_slug) =
        published_ad(app, &ola, secret, svid, &[("employer_shown", "anonymous")]).await;
    let (_, open_slug) =
        published_ad(app, &ola, open, ovid, &[("employer_shown", "customer")]).await;

    let anyone = reqwest::Client::new();
    let mut seen = String::new();
    for path in [
        format!("/jobs/{secret_slug}"),
        "/jobs/feed.atom".to_string(),
        "/jobs/feed.json".to_string(),
        "/jobs".to_string(),
    ] {
        let (status, body) = page(&anyone, app, &path).await;
        assert_eq!(status, 200, "{path}");
        seen.push_str(&body);
    }
    assert!(!seen.contains("Hemmelig"), "{seen}");
    assert!(!seen.contains("Hjørnestein"), "{seen}");
    assert!(
        !seen.contains(&format!("/jobs/{secret_slug}/logo")),
        "{seen}"
    );
    assert_eq!(
        page(&anyone, app, &format!("/jobs/{secret_slug}/logo"))
            .await
            .0,
        404
    );
    let (_, html) = page(&anyone, app, &format!("/jobs/{secret_slug}")).await;
    assert!(
        !html.contains("employer-logo") && !html.contains("og:image"),
        "{html}"
    );
    let ld = json_ld(&html);
    assert_eq!(ld["hiringOrganization"]["name"], "Demo Bemanning AS");
    assert!(ld["hiringOrganization"]["logo"].is_null(), "{ld}");

    // On the same list and feeds the other customer, shown by name, has its name and logo:
    // the employers of a page are read together and each ad gets its own.
    assert!(seen.contains("Åpen Logistikk AS"), "{seen}");
    assert!(
        seen.contains(&format!("/jobs/{open_slug}/logo?v=")),
        "{seen}"
    );
    let (_, feed) = page(&anyone, app, "/jobs/feed.json").await;
    let feed: Value = serde_json::from_str(&feed).unwrap();
    let items = feed["items"].as_array().unwrap();
    assert_eq!(items.len(), 2);
    for item in items {
        let url = item["url"].as_str().unwrap();
        if url.ends_with(&secret_slug) {
            assert!(item["_job"].get("employer_logo").is_none(), "{item}");
            assert_eq!(
                item["_job"]["employer"],
                "En av våre kunder (via Demo Bemanning AS)"
            );
        } else {
            assert!(url.ends_with(&open_slug), "{url}");
            assert_eq!(item["_job"]["employer"], "Åpen Logistikk AS");
            assert!(item["_job"]["employer_logo"].is_string(), "{item}");
        }
    }
});
