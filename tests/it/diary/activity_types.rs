//! The activity types admins keep for the diary.

use serde_json::Value;

use crate::{
    db_test,
    support::fixtures::{at, oslo_customer, type_id},
};

db_test!(admins_keep_the_activity_types, |app| {
    let cid = oslo_customer(app, "Typekunde AS").await;
    let admin = app.admin().await;
    let ola = app.login("ola@test.no").await;
    assert_eq!(
        ola.get(app.url("/diary/types"))
            .send()
            .await
            .unwrap()
            .status(),
        403
    );
    let res = admin
        .post(app.url("/diary/types"))
        .form(&[
            ("name", "Kandidatpresentasjon"),
            ("colour", "rød"),
            ("default_minutes", "45"),
            ("kind", "appointment"),
            ("active", "1"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 422);
    let page = res.text().await.unwrap();
    assert!(page.contains("#rrggbb") && page.contains("Kandidatpresentasjon"));
    let res = admin
        .post(app.url("/diary/types"))
        .form(&[
            ("name", "Kandidatpresentasjon"),
            ("colour", "#10B981"),
            ("default_minutes", "45"),
            ("kind", "appointment"),
            ("active", "1"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303);
    let (tid,): (i64,) =
        sqlx::query_as("SELECT id FROM activity_types WHERE name = 'Kandidatpresentasjon'")
            .fetch_one(&app.db.pool)
            .await
            .unwrap();
    let form = [
        ("type_id", tid.to_string()),
        ("title", "Presentasjon".into()),
        ("start", at(1)),
        ("participant", app.fx.consultant_oslo.to_string()),
    ];
    let res = ola
        .post(app.url(&format!("/customers/{cid}/diary")))
        .form(&form)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303);
    let (starts, ends): (i64, i64) =
        sqlx::query_as("SELECT starts_at, ends_at FROM activities WHERE title = 'Presentasjon'")
            .fetch_one(&app.db.pool)
            .await
            .unwrap();
    assert_eq!(ends - starts, 45 * 60, "the type's default length");
    // Rename a built-in type, deactivate the custom one.
    let visit = type_id(app, "visit").await;
    let res = admin
        .post(app.url(&format!("/diary/types/{visit}")))
        .form(&[
            ("name", "Kundebesøk"),
            ("colour", "#7c3aed"),
            ("default_minutes", "90"),
            ("kind", "appointment"),
            ("active", "1"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303);
    let res = admin
        .post(app.url(&format!("/diary/types/{tid}")))
        .form(&[
            ("name", "Kandidatpresentasjon"),
            ("colour", "#10b981"),
            ("default_minutes", "45"),
            ("kind", "appointment"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303);
    let types: Value = ola
        .get(app.url("/api/v1/activity-types"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(types["total"], types["items"].as_array().unwrap().len());
    let names: Vec<&str> = types["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|t| t["name"].as_str())
        .collect();
    assert!(names.contains(&"Kundebesøk"));
    // The deactivated type is not offered for new activities, but stays on the old one.
    let res = ola
        .post(app.url(&format!("/customers/{cid}/diary")))
        .form(&form)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 422);
    let tab = ola
        .get(app.url(&format!("/customers/{cid}/diary")))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(tab.contains("Kandidatpresentasjon"));
    let (aid,): (i64,) = sqlx::query_as("SELECT id FROM activities WHERE title = 'Presentasjon'")
        .fetch_one(&app.db.pool)
        .await
        .unwrap();
    let edit = ola
        .get(app.url(&format!("/diary/activities/{aid}")))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(edit.contains("Kandidatpresentasjon"));
    let mut form = form.to_vec();
    form.push(("version", "1".into()));
    let res = ola
        .post(app.url(&format!("/diary/activities/{aid}")))
        .form(&form)
        .send()
        .await
        .unwrap();
    assert_eq!(
        res.status(),
        303,
        "an old activity keeps its deactivated type"
    );
});
