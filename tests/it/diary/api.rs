//! The diary through the API: registering, moving and deleting activities.

use serde_json::{Value, json};

use crate::{
    db_test,
    support::fixtures::{oslo_customer, type_id},
};

db_test!(the_api_registers_moves_and_deletes_activities, |app| {
    let cid = oslo_customer(app, "API Kunde AS").await;
    let ola = app.login("ola@test.no").await;
    let meeting_type = type_id(app, "customer_meeting").await;
    let res = ola.post(app.url("/api/v1/activities"))
        .json(&json!({"customer_id": cid, "type_id": meeting_type, "title": "Møte via API",
            "start": "2026-12-01T10:00", "end": "2026-12-01T11:30", "participants": [app.fx.consultant_oslo]}))
        .send().await.unwrap();
    assert_eq!(res.status(), 201);
    let created: Value = res.json().await.unwrap();
    assert_eq!(created["start"], "2026-12-01T10:00:00+01:00");
    assert_eq!(
        created["ends_at"].as_i64().unwrap() - created["starts_at"].as_i64().unwrap(),
        5400
    );
    assert_eq!(created["participants"][0]["name"], "Ola Oslo");
    let id = created["id"].as_i64().unwrap();

    let res = ola
        .post(app.url("/api/v1/activities"))
        .json(
            &json!({"customer_id": cid, "type_id": meeting_type, "title": "", "start": "i morgen"}),
        )
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 422);
    let problem: Value = res.json().await.unwrap();
    assert!(
        problem["errors"]["title"].is_array()
            && problem["errors"]["start"].is_array()
            && problem["errors"]["participants"].is_array(),
        "{problem}"
    );

    let list: Value = ola
        .get(app.url(&format!("/api/v1/activities?customer_id={cid}")))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(list["items"].as_array().unwrap().len(), 1);
    assert_eq!(list["total"], 1);
    let mine: Value = ola
        .get(app.url("/api/v1/activities?from=2026-12-01&to=2026-12-07"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(mine["items"][0]["id"], id);
    assert_eq!(mine["total"], 1);

    let res = ola
        .patch(app.url(&format!("/api/v1/activities/{id}")))
        .json(&json!({"start": "2026-12-02T10:00", "end": "2026-12-02T11:00", "version": 1}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    let moved: Value = res.json().await.unwrap();
    assert_eq!(moved["version"], 2);
    assert_eq!(moved["title"], "Møte via API");
    let res = ola
        .patch(app.url(&format!("/api/v1/activities/{id}")))
        .json(&json!({"done": true, "version": 1}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 409);

    let res = ola
        .delete(app.url(&format!("/api/v1/activities/{id}")))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 204);
    let res = ola
        .get(app.url(&format!("/api/v1/activities/{id}")))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 404);

    let doc: Value = ola
        .get(app.url("/api/openapi.json"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    for path in [
        "/api/v1/activities",
        "/api/v1/activities/{id}",
        "/api/v1/activity-types",
        "/api/v1/activity-types/{id}",
    ] {
        assert!(doc["paths"][path].is_object(), "{path} not documented");
    }
    let res = ola
        .post(app.url("/api/v1/activity-types"))
        .json(&json!({"name": "X", "colour": "#000000"}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 403);
});
