//! A worker's national identity number (decision 0013): stored sealed (never plain text in the
//! database), shown masked on the page, the form and the API, revealed whole only to admins and
//! managers with an audit row for every reveal, refused with a message when wrong, exported to
//! those who may see it, and kept (sealed) when the worker is erased.

use serde_json::{Value, json};

use crate::{db_test, support::TestApp};

const FNR: &str = "15108695088";
const MASKED: &str = "•••••••••88";

/// A worker made on the form with a national identity number; their id.
async fn worker_with_id(app: &TestApp, client: &reqwest::Client, name: &str) -> i64 {
    let res = client
        .post(app.url("/workers"))
        .form(&[
            ("name", name),
            ("status", "employee"),
            ("national_id", "151086 95088"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303);
    let to = res.headers()["location"].to_str().unwrap().to_string();
    to.trim_start_matches("/workers/")
        .split('?')
        .next()
        .unwrap()
        .parse()
        .unwrap()
}

async fn sealed(app: &TestApp, id: i64) -> (Option<String>, Option<String>, Option<String>) {
    sqlx::query_as(
        "SELECT national_id_sealed, national_id_kind, national_id_last2 FROM workers WHERE id = $1",
    )
    .bind(id)
    .fetch_one(&app.db.pool)
    .await
    .unwrap()
}

async fn reveals(app: &TestApp, id: i64) -> Vec<(i64, String)> {
    sqlx::query_as(
        "SELECT user_id, changes FROM audit_log WHERE entity = 'worker' AND entity_id = $1 \
         AND action = 'national-id-reveal' AND customer_id IS NULL ORDER BY id",
    )
    .bind(id)
    .fetch_all(&app.db.pool)
    .await
    .unwrap()
}

async fn text(client: &reqwest::Client, url: String) -> String {
    let res = client.get(url).send().await.unwrap();
    assert_eq!(res.status(), 200);
    res.text().await.unwrap()
}

db_test!(
    a_national_id_is_sealed_masked_and_every_reveal_is_audited,
    |app| {
        let ola = app.login("ola@test.no").await;
        let lise = app.login("leder@test.no").await;
        let id = worker_with_id(app, &ola, "Kari Nordmann").await;

        // In the database: sealed, bound to nothing readable; kind and last two digits in clear.
        let (raw, kind, last2) = sealed(app, id).await;
        let raw = raw.expect("a sealed value");
        assert!(raw.starts_with("v1:"), "{raw}");
        assert!(!raw.contains(FNR) && !raw.contains("95088"), "{raw}");
        assert_eq!(
            (kind.as_deref(), last2.as_deref()),
            (Some("fnr"), Some("88"))
        );

        // The page and the edit form show it masked; a consultant gets no "Show".
        let page = text(&ola, app.url(&format!("/workers/{id}"))).await;
        assert!(
            page.contains(MASKED) && page.contains("Fødselsnummer"),
            "{page}"
        );
        assert!(!page.contains(FNR) && !page.contains("reveal-national-id"));
        let form = text(&ola, app.url(&format!("/workers/{id}/edit"))).await;
        assert!(form.contains(MASKED) && !form.contains(FNR));
        let res = ola
            .post(app.url(&format!("/workers/{id}/national-id/reveal")))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 403);
        assert!(reveals(app, id).await.is_empty());

        // A manager (payroll) sees "Show", and the whole number for that response only.
        let page = text(&lise, app.url(&format!("/workers/{id}"))).await;
        assert!(page.contains("reveal-national-id") && !page.contains(FNR));
        let res = lise
            .post(app.url(&format!("/workers/{id}/national-id/reveal")))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 200);
        assert_eq!(res.headers()["cache-control"], "no-store");
        let shown = res.text().await.unwrap();
        assert!(shown.contains(FNR), "{shown}");
        let page = text(&lise, app.url(&format!("/workers/{id}"))).await;
        assert!(!page.contains(FNR));
        let rows = reveals(app, id).await;
        assert_eq!(rows.len(), 1);
        assert_eq!(rows[0].0, app.fx.manager_oslo);
        assert!(rows[0].1.contains("page"), "{}", rows[0].1);

        // Saving the form without typing a number keeps the stored one.
        let res = ola
            .post(app.url(&format!("/workers/{id}")))
            .form(&[
                ("name", "Kari Nordmann"),
                ("status", "employee"),
                ("version", "1"),
            ])
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 303);
        assert_eq!(sealed(app, id).await.0.as_deref(), Some(raw.as_str()));

        // The GDPR export: whole for a manager (audited), masked for a consultant.
        let export: Value = lise
            .get(app.url(&format!("/workers/{id}/export.json")))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        assert_eq!(export["national_id"]["national_id"], FNR);
        assert_eq!(reveals(app, id).await.len(), 2);
        let export: Value = ola
            .get(app.url(&format!("/workers/{id}/export.json")))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        assert_eq!(export["national_id"]["masked"], MASKED);
        assert!(!export.to_string().contains(FNR));
        assert_eq!(reveals(app, id).await.len(), 2);
    }
);

db_test!(
    a_wrong_national_id_is_refused_with_a_message_and_kept,
    |app| {
        let ola = app.login("ola@test.no").await;
        let res = ola
            .post(app.url("/workers"))
            .form(&[("name", "Per Feil"), ("national_id", "15108695077")])
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 422);
        let body = res.text().await.unwrap();
        assert!(body.contains("Kontrollsifrene stemmer ikke"), "{body}");
        assert!(body.contains("value=\"15108695077\""), "{body}");
        let (n,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM workers")
            .fetch_one(&app.db.pool)
            .await
            .unwrap();
        assert_eq!(n, 0);
    }
);

db_test!(
    the_api_shows_it_masked_and_reveals_it_to_payroll_roles_only,
    |app| {
        let ola = app.login("ola@test.no").await;
        let admin = app.admin().await;
        let res = ola
            .post(app.url("/api/v1/workers"))
            .json(&json!({"name": "Jonas D", "national_id": "410190 12393"}))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 201);
        let w: Value = res.json().await.unwrap();
        let id = w["id"].as_i64().unwrap();
        assert_eq!(
            w["national_id"],
            json!({"kind": "d_number", "masked": "•••••••••93"})
        );
        assert!(!w.to_string().contains("41019012393"));
        let got: Value = ola
            .get(app.url(&format!("/api/v1/workers/{id}")))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        assert_eq!(got["national_id"]["masked"], "•••••••••93");
        assert!(!got.to_string().contains("41019012393"));

        let reveal = format!("/api/v1/workers/{id}/national-id/reveal");
        let res = ola.post(app.url(&reveal)).send().await.unwrap();
        assert_eq!(res.status(), 403);
        assert!(reveals(app, id).await.is_empty());
        let res = admin.post(app.url(&reveal)).send().await.unwrap();
        assert_eq!(res.status(), 200);
        let r: Value = res.json().await.unwrap();
        assert_eq!(r, json!({"kind": "d_number", "national_id": "41019012393"}));
        let rows = reveals(app, id).await;
        assert_eq!(rows.len(), 1);
        assert_eq!(rows[0].0, app.fx.admin);

        // A wrong number is a 422 naming the field; an empty one removes it.
        let res = ola
            .patch(app.url(&format!("/api/v1/workers/{id}")))
            .json(&json!({"national_id": "41019012394"}))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 422);
        let problem = res.text().await.unwrap();
        assert!(problem.contains("national_id"), "{problem}");
        let res = ola
            .patch(app.url(&format!("/api/v1/workers/{id}")))
            .json(&json!({"national_id": ""}))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 200);
        let w: Value = res.json().await.unwrap();
        assert_eq!(w["national_id"], Value::Null);
        assert_eq!(sealed(app, id).await, (None, None, None));
        let res = admin.post(app.url(&reveal)).send().await.unwrap();
        assert_eq!(res.status(), 404);
    }
);

db_test!(
    a_sealed_number_copied_to_another_worker_does_not_open,
    |app| {
        let lise = app.login("leder@test.no").await;
        let kari = worker_with_id(app, &lise, "Kari Nordmann").await;
        let res = lise
            .post(app.url("/workers"))
            .form(&[("name", "Per Annen")])
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 303);
        let (per,): (i64,) = sqlx::query_as("SELECT id FROM workers WHERE name = 'Per Annen'")
            .fetch_one(&app.db.pool)
            .await
            .unwrap();
        let (raw, _, _) = sealed(app, kari).await;
        sqlx::query(
            "UPDATE workers SET national_id_sealed = $1, national_id_kind = 'fnr', \
             national_id_last2 = '88' WHERE id = $2",
        )
        .bind(raw)
        .bind(per)
        .execute(&app.db.pool)
        .await
        .unwrap();
        let res = lise
            .post(app.url(&format!("/api/v1/workers/{per}/national-id/reveal")))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 409);
        assert!(reveals(app, per).await.is_empty());
        let res = lise
            .post(app.url(&format!("/api/v1/workers/{kari}/national-id/reveal")))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 200);
    }
);

db_test!(erasure_keeps_the_sealed_number_for_payroll, |app| {
    let admin = app.admin().await;
    let id = worker_with_id(app, &admin, "Kari Nordmann").await;
    let customer = app
        .customer(kundekort::customers::model::CustomerDraft {
            name: "Lager AS".into(),
            status: "active".into(),
            owner_id: app.fx.consultant_oslo.to_string(),
            department_id: app.fx.oslo.to_string(),
            ..Default::default()
        })
        .await;
    let form: Vec<(&str, String)> = vec![
        ("worker_id", id.to_string()),
        ("title", "Lager".into()),
        ("from_date", "2027-01-04".into()),
        ("hours_per_week", "37,5".into()),
        ("day", "1".into()),
        ("day_start", "08:00".into()),
        ("day_end", "16:00".into()),
        ("bill_rate", "450".into()),
        ("pay_rate", "230".into()),
    ];
    let res = admin
        .post(app.url(&format!("/customers/{customer}/assignments")))
        .form(&form)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303);
    let page = text(&admin, app.url(&format!("/workers/{id}"))).await;
    assert!(
        page.contains("fødselsnummer eller D-nummer (fortsatt kryptert)"),
        "{page}"
    );
    let before = sealed(app, id).await;
    let res = admin
        .post(app.url(&format!("/workers/{id}/erase")))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303);
    assert_eq!(sealed(app, id).await, before);
    let res = admin
        .post(app.url(&format!("/api/v1/workers/{id}/national-id/reveal")))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
});
