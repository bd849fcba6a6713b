//! Job ads in `/api/v1` (decision 0042): the list and one ad for a token, with the status per
//! channel and the public address while public, within the token's customers; and the public
//! JSON feed described in the OpenAPI document as needing no log-in.

use serde_json::Value;

use crate::db_test;
use crate::job_ads::{ad_form, published_ad, vacancy};
use crate::support::http::{last_id, location};
use crate::support::{TestApp, timesheets::portal};

async fn token(app: &TestApp, user: i64) -> String {
    let mut conn = app.db.pool.acquire().await.unwrap();
    kundekort::auth::tokens::create(&mut conn, user, "api")
        .await
        .unwrap()
}

async fn get(app: &TestApp, token: &str, path: &str) -> (u16, Value) {
    let res = reqwest::Client::new()
        .get(app.url(path))
        .bearer_auth(token)
        .send()
        .await
        .unwrap();
    let status = res.status().as_u16();
    (status, res.json().await.unwrap_or(Value::Null))
}

db_test!(
    job_ads_are_read_through_the_api_with_their_channels,
    |app| {
        let ola = app.login("ola@test.no").await;
        let (customer, vid, contact) = vacancy(app, &ola, "Lager Vest AS").await;
        let (published, slug) = published_ad(app, &ola, customer, vid, &[]).await;
        let res = ola
            .post(app.url(&format!("/customers/{customer}/vacancies/{vid}/ads")))
            .form(&ad_form(&[("title", "Truckfører")]))
            .send()
            .await
            .unwrap();
        let draft = last_id(&location(res).await);
        // arbeidsplassen refused it (as its client records a receipt).
        sqlx::query(
            "INSERT INTO job_ad_publications (job_ad_id, channel, status, detail, updated_at) \
         VALUES ($1, 'arbeidsplassen', 'refused', 'Mangler arbeidssted', 1)",
        )
        .bind(published)
        .execute(&app.db.pool)
        .await
        .unwrap();

        let ola_token = token(app, app.fx.consultant_oslo).await;
        let (status, list) = get(app, &ola_token, "/api/v1/job-ads").await;
        assert_eq!(status, 200, "{list}");
        assert_eq!(list["total"], 2, "{list}");
        let items = list["items"].as_array().unwrap();
        let p = items
            .iter()
            .find(|i| i["id"] == published)
            .expect("published");
        let d = items.iter().find(|i| i["id"] == draft).expect("draft");
        assert_eq!(p["status"], "published");
        assert!(
            p["public_url"]
                .as_str()
                .unwrap()
                .ends_with(&format!("/jobs/{slug}")),
            "{p}"
        );
        let channels: Vec<(String, String)> = p["publications"]
            .as_array()
            .unwrap()
            .iter()
            .map(|x| {
                (
                    x["channel"].as_str().unwrap().to_string(),
                    x["status"].as_str().unwrap().to_string(),
                )
            })
            .collect();
        assert!(
            channels.contains(&("homepage".into(), "published".into()))
                && channels.contains(&("arbeidsplassen".into(), "refused".into())),
            "{channels:?}"
        );
        assert_eq!(d["status"], "draft");
        assert!(d["public_url"].is_null(), "{d}");
        assert_eq!(d["publications"].as_array().unwrap().len(), 0, "{d}");

        // Filters, and a bad status as a problem naming the field.
        let (_, only) = get(app, &ola_token, "/api/v1/job-ads?status=published").await;
        assert_eq!(only["total"], 1, "{only}");
        assert_eq!(only["items"][0]["id"], published);
        let (_, by_vacancy) = get(
            app,
            &ola_token,
            &format!("/api/v1/job-ads?vacancy_id={vid}"),
        )
        .await;
        assert_eq!(by_vacancy["total"], 2);
        let (_, none) = get(
            app,
            &ola_token,
            &format!("/api/v1/job-ads?vacancy_id={}", vid + 1000),
        )
        .await;
        assert_eq!(none["total"], 0);
        let (status, problem) = get(app, &ola_token, "/api/v1/job-ads?status=live").await;
        assert_eq!(status, 422, "{problem}");
        assert!(problem["errors"]["status"].is_array(), "{problem}");

        // One ad.
        let (status, one) = get(app, &ola_token, &format!("/api/v1/job-ads/{published}")).await;
        assert_eq!(status, 200, "{one}");
        assert_eq!(one["slug"], slug.as_str());
        assert_eq!(one["customer_id"], customer);
        assert_eq!(one["publications"].as_array().unwrap().len(), 2, "{one}");

        // Berit (Bergen) sees none of Ola's customer's ads; nobody without a log-in does.
        let berit_token = token(app, app.fx.consultant_bergen).await;
        let (_, list) = get(app, &berit_token, "/api/v1/job-ads").await;
        assert_eq!(list["total"], 0, "{list}");
        let (status, _) = get(app, &berit_token, &format!("/api/v1/job-ads/{published}")).await;
        assert_eq!(status, 404);
        let res = reqwest::get(app.url("/api/v1/job-ads")).await.unwrap();
        assert_eq!(res.status(), 401);
        let contact = portal(app, contact, "view_assignments").await;
        let res = contact
            .get(app.url(&format!("/api/v1/job-ads/{published}")))
            .send()
            .await
            .unwrap();
        let status = res.status().as_u16();
        assert!(status == 401 || status == 303, "{status}");

        // The public feed needs no log-in, and the document says so.
        let res = reqwest::get(app.url("/jobs/feed.json")).await.unwrap();
        assert_eq!(res.status(), 200);
        let feed: Value = res.json().await.unwrap();
        assert_eq!(feed["items"].as_array().unwrap().len(), 1, "{feed}");
        assert_eq!(feed["items"][0]["_job"]["positions"], 2, "{feed}");
        let doc: Value = reqwest::get(app.url("/api/openapi.json"))
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        for path in ["/api/v1/job-ads", "/api/v1/job-ads/{id}"] {
            let op = &doc["paths"][path]["get"];
            assert!(op["responses"]["401"].is_object(), "{path}: {op}");
        }
        let feed_op = &doc["paths"]["/jobs/feed.json"]["get"];
        assert_eq!(feed_op["security"], serde_json::json!([{}]), "{feed_op}");
        assert!(feed_op["responses"]["401"].is_null(), "{feed_op}");
        assert_eq!(
            feed_op["responses"]["200"]["content"]["application/feed+json"]["schema"]["$ref"],
            "#/components/schemas/JsonFeed",
            "{feed_op}"
        );
        let item = &doc["components"]["schemas"]["FeedItem"]["properties"];
        assert!(item["_job"].is_object(), "{item}");
    }
);
