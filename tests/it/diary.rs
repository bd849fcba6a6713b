//! The diary on the customer card: registering, validating, filtering, completing with a next
//! step, activity types, the customer list's "last activity", and the API.

use kundekort::{
    diary,
    timefmt::{now, when},
};
use serde_json::{Value, json};

use crate::{
    db_test,
    support::fixtures::{at, contact, count, meeting, oslo_customer, type_id},
};

db_test!(
    registers_an_activity_on_the_card_and_keeps_last_activity,
    |app| {
        let cid = oslo_customer(app, "Fjordkraft Bemanning AS").await;
        let kari = contact(app, cid, "Kari", "Nordmann").await;
        let ola = app.login("ola@test.no").await;
        let start = at(-2);
        let id = meeting(
            app,
            &ola,
            cid,
            "Statusmøte",
            &start,
            &[
                ("participant", app.fx.manager_oslo.to_string()),
                ("contact", kari.to_string()),
                ("location", "Bryggen 1".into()),
            ],
        )
        .await;
        let page = ola
            .get(app.url(&format!("/customers/{cid}/diary")))
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        assert!(
            page.contains("Statusmøte")
                && page.contains("Kari Nordmann")
                && page.contains("Lise Leder"),
            "{page}"
        );
        assert!(page.contains("Bryggen 1"));
        // Not done: no "last activity" yet.
        assert_eq!(
            count(
                app,
                &format!(
                    "SELECT COUNT(*) FROM customers WHERE id = {cid} AND last_activity_at IS NULL"
                )
            )
            .await,
            1
        );

        // Mark it done: the customer's last activity is its start, in the same save.
        let form = [
            (
                "type_id",
                type_id(app, "customer_meeting").await.to_string(),
            ),
            ("title", "Statusmøte".into()),
            ("start", start.clone()),
            ("end", String::new()),
            ("participant", app.fx.consultant_oslo.to_string()),
            ("contact", kari.to_string()),
            ("done", "1".into()),
            ("version", "1".into()),
        ];
        let res = ola
            .post(app.url(&format!("/diary/activities/{id}")))
            .form(&form)
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 303);
        let expected = when::parse_datetime(&start).unwrap();
        let (last,): (Option<i64>,) =
            sqlx::query_as("SELECT last_activity_at FROM customers WHERE id = $1")
                .bind(cid)
                .fetch_one(&app.db.pool)
                .await
                .unwrap();
        assert_eq!(last, Some(expected));

        // The customer list: column and "no activity in the last N days".
        let other = oslo_customer(app, "Stille Kunde AS").await;
        let list = ola
            .get(app.url("/customers?inactive_days=30"))
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        assert!(
            list.contains("Stille Kunde AS") && !list.contains("Fjordkraft Bemanning AS"),
            "{list}"
        );
        let list = ola
            .get(app.url("/customers"))
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        assert!(list.contains(&kundekort::timefmt::oslo_date(expected)));
        let api: Value = ola
            .get(app.url("/api/v1/customers?inactive_days=30"))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        assert_eq!(api["total"], 1);
        assert_eq!(api["items"][0]["id"], other);
        let bad = ola
            .get(app.url("/customers?inactive_days=zero"))
            .send()
            .await
            .unwrap();
        assert_eq!(bad.status(), 422);

        // The overview's summary.
        let latest = diary::latest_for_customer(&app.db, cid, 5).await.unwrap();
        assert_eq!(latest.len(), 1);
        assert_eq!(latest[0].title, "Statusmøte");
        assert!(latest[0].done);
        assert_eq!(latest[0].type_label(kundekort::i18n::Lang::Nb), "Kundemøte");
        assert_eq!(latest[0].contacts[0].name, "Kari Nordmann");

        // Deleting it clears the last activity again.
        let res = ola
            .post(app.url(&format!("/diary/activities/{id}/delete")))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 303);
        assert_eq!(
            count(
                app,
                &format!(
                    "SELECT COUNT(*) FROM customers WHERE id = {cid} AND last_activity_at IS NULL"
                )
            )
            .await,
            1
        );
    }
);

db_test!(
    bad_input_is_explained_and_kept_and_nothing_is_saved,
    |app| {
        let cid = oslo_customer(app, "Nordlys AS").await;
        let other = oslo_customer(app, "Annen Kunde AS").await;
        let stranger = contact(app, other, "Per", "Utenfor").await;
        let ola = app.login("ola@test.no").await;
        let form = [
            (
                "type_id",
                type_id(app, "customer_meeting").await.to_string(),
            ),
            ("title", "  ".to_string()),
            ("start_date", "2026-12-01".into()),
            ("start_time", "10:00".into()),
            ("end_date", "2026-12-01".into()),
            ("end_time", "09:00".into()),
            ("location", "Kontoret i Tromsø".into()),
        ];
        let res = ola
            .post(app.url(&format!("/customers/{cid}/diary")))
            .form(&form)
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 422);
        let page = res.text().await.unwrap();
        for text in [
            "Må fylles ut.",
            "Slutt må være etter start.",
            "Velg minst én konsulent.",
            "Kontoret i Tromsø",
            "value=\"2026-12-01\"",
            "<option value=\"09:00\" selected>",
            "<option value=\"10:00\" selected>",
        ] {
            assert!(page.contains(text), "missing {text:?}");
        }
        let form = [
            ("type_id", type_id(app, "phone_call").await.to_string()),
            ("title", "Ring".to_string()),
            ("start_date", "1.12.2026 kl 10".into()),
            ("start_time", "10:07".into()),
            ("participant", app.fx.consultant_oslo.to_string()),
        ];
        let res = ola
            .post(app.url(&format!("/customers/{cid}/diary")))
            .form(&form)
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 422);
        let page = res.text().await.unwrap();
        // The error names the format the user sees, and what was typed is kept (a time off the
        // quarter-hour steps included).
        assert!(page.contains("Skriv datoen som dd.mm.åååå"), "{page}");
        assert!(page.contains("value=\"1.12.2026 kl 10\""), "{page}");
        assert!(page.contains("<option value=\"10:07\" selected>"), "{page}");
        // A contact of another customer.
        let form = [
            ("type_id", type_id(app, "phone_call").await.to_string()),
            ("title", "Ring".to_string()),
            ("start", "2026-12-01T10:00".into()),
            ("participant", app.fx.consultant_oslo.to_string()),
            ("contact", stranger.to_string()),
        ];
        let res = ola
            .post(app.url(&format!("/customers/{cid}/diary")))
            .form(&form)
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 422);
        assert!(
            res.text()
                .await
                .unwrap()
                .contains("hører ikke til denne kunden")
        );
        assert_eq!(count(app, "SELECT COUNT(*) FROM activities").await, 0);
        assert_eq!(
            count(app, "SELECT COUNT(*) FROM activity_participants").await,
            0
        );
        // The same typed the Norwegian way is fine.
        let form = [
            ("type_id", type_id(app, "phone_call").await.to_string()),
            ("title", "Ring".to_string()),
            ("start_date", "1.12.2026".into()),
            ("start_time", "10:15".into()),
            ("participant", app.fx.consultant_oslo.to_string()),
        ];
        let res = ola
            .post(app.url(&format!("/customers/{cid}/diary")))
            .form(&form)
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 303);
        let starts_at: i64 = sqlx::query_scalar("SELECT starts_at FROM activities")
            .fetch_one(&app.db.pool)
            .await
            .unwrap();
        assert_eq!(Some(starts_at), when::parse_datetime("2026-12-01T10:15"));
    }
);

db_test!(
    completing_with_a_next_step_creates_the_follow_up_in_one_go,
    |app| {
        let cid = oslo_customer(app, "Havbruk AS").await;
        let ola = app.login("ola@test.no").await;
        let id = meeting(app, &ola, cid, "Intervju av kandidat", &at(-1), &[]).await;
        let next_day = when::date_string(when::oslo_date(now() + 3 * 86_400));
        let form = [
            (
                "type_id",
                type_id(app, "customer_meeting").await.to_string(),
            ),
            ("title", "Intervju av kandidat".into()),
            ("start", at(-1)),
            ("participant", app.fx.consultant_oslo.to_string()),
            ("done", "1".into()),
            ("version", "1".into()),
            ("next_type_id", type_id(app, "follow_up").await.to_string()),
            ("next_title", "Send tilbud".into()),
            ("next_start", next_day.clone()),
        ];
        let res = ola
            .post(app.url(&format!("/diary/activities/{id}")))
            .form(&form)
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 303);
        let (follows, due, done): (Option<i64>, Option<String>, i64) = sqlx::query_as(
        "SELECT follows_activity_id, due_date, done FROM activities WHERE title = 'Send tilbud'",
    ).fetch_one(&app.db.pool).await.unwrap();
        assert_eq!(follows, Some(id));
        assert_eq!(due, Some(next_day));
        assert_eq!(done, 0);
        // It is an open task in Ola's diary.
        let page = ola
            .get(app.url(&format!("/diary/{}", app.fx.consultant_oslo)))
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        assert!(
            page.contains("Send tilbud") && page.contains("Havbruk AS"),
            "{page}"
        );

        // A bad next step saves nothing, not even the completion.
        let form = [
            (
                "type_id",
                type_id(app, "customer_meeting").await.to_string(),
            ),
            ("title", "Intervju av kandidat".into()),
            ("start", at(-1)),
            ("participant", app.fx.consultant_oslo.to_string()),
            ("done", String::new()),
            ("version", "2".into()),
            ("next_type_id", type_id(app, "follow_up").await.to_string()),
            ("next_title", String::new()),
            ("next_start", "neste uke".into()),
        ];
        let res = ola
            .post(app.url(&format!("/diary/activities/{id}")))
            .form(&form)
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 422);
        assert_eq!(
            count(
                app,
                &format!(
                    "SELECT COUNT(*) FROM activities WHERE id = {id} AND done = 1 AND version = 2"
                )
            )
            .await,
            1
        );
        assert_eq!(count(app, "SELECT COUNT(*) FROM activities").await, 2);
    }
);

db_test!(the_tab_lists_upcoming_first_and_filters, |app| {
    let cid = oslo_customer(app, "Bygg og Anlegg AS").await;
    let kari = contact(app, cid, "Kari", "Nordmann").await;
    let ola = app.login("ola@test.no").await;
    meeting(
        app,
        &ola,
        cid,
        "Gammelt møte",
        &at(-10),
        &[("done", "1".into())],
    )
    .await;
    meeting(
        app,
        &ola,
        cid,
        "Snart møte",
        &at(2),
        &[("contact", kari.to_string())],
    )
    .await;
    meeting(
        app,
        &ola,
        cid,
        "Senere møte",
        &at(20),
        &[("participant", app.fx.manager_oslo.to_string())],
    )
    .await;
    let page = ola
        .get(app.url(&format!("/customers/{cid}/diary")))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let pos = |t: &str| page.find(t).unwrap_or_else(|| panic!("{t} missing"));
    assert!(pos("Snart møte") < pos("Senere møte") && pos("Senere møte") < pos("Gammelt møte"));
    let get = async |q: &str| {
        ola.get(app.url(&format!("/customers/{cid}/diary?{q}")))
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap()
    };
    let done = get("state=done").await;
    assert!(done.contains("Gammelt møte") && !done.contains("Snart møte"));
    let with_kari = get(&format!("contact={kari}")).await;
    assert!(with_kari.contains("Snart møte") && !with_kari.contains("Senere møte"));
    let with_lise = get(&format!("consultant={}", app.fx.manager_oslo)).await;
    assert!(with_lise.contains("Senere møte") && !with_lise.contains("Snart møte"));
    let ranged = get(&format!("from={}&to={}", &at(1)[..10], &at(5)[..10])).await;
    assert!(
        ranged.contains("Snart møte")
            && !ranged.contains("Senere møte")
            && !ranged.contains("Gammelt møte")
    );
    let typed = get(&format!("type={}", type_id(app, "phone_call").await)).await;
    assert!(typed.contains("Ingen aktiviteter"));
    let res = ola
        .get(app.url(&format!("/customers/{cid}/diary?from=i+går")))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 422);
});

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

db_test!(activity_changes_are_in_the_cards_history, |app| {
    let cid = oslo_customer(app, "Historikk AS").await;
    let ola = app.login("ola@test.no").await;
    let id = meeting(app, &ola, cid, "Første møte", &at(1), &[]).await;
    let res = ola
        .post(app.url(&format!("/diary/activities/{id}/move")))
        .json(&json!({"start": at(2)}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    let res = ola
        .delete(app.url(&format!("/api/v1/activities/{id}")))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 204);
    let rows: Vec<(String, i64)> = sqlx::query_as(
        "SELECT action, user_id FROM audit_log WHERE entity = 'activity' AND entity_id = $1 ORDER BY id",
    )
    .bind(id)
    .fetch_all(&app.db.pool)
    .await
    .unwrap();
    let actions: Vec<&str> = rows.iter().map(|(a, _)| a.as_str()).collect();
    assert_eq!(
        actions,
        vec!["activity-create", "activity-move", "activity-delete"]
    );
    assert!(rows.iter().all(|(_, u)| *u == app.fx.consultant_oslo));
    let page = ola
        .get(app.url(&format!("/customers/{cid}")))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        page.contains("Aktivitet flyttet") && page.contains("Første møte"),
        "shown on the card"
    );
});

db_test!(a_personal_activity_from_the_calendar, |app| {
    let ola = app.login("ola@test.no").await;
    let form = ola
        .get(app.url("/diary/new?start=2026-12-01&all_day=1"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(form.contains("value=\"2026-12-01\"") && !form.contains("f-contacts"));
    let res = ola
        .post(app.url("/diary/new"))
        .form(&[
            ("type_id", type_id(app, "other").await.to_string()),
            ("title", "Kurs i arbeidsrett".into()),
            ("start", "2026-12-01".into()),
            ("end", "2026-12-02".into()),
            ("all_day", "1".into()),
            ("participant", app.fx.consultant_oslo.to_string()),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303);
    let events: Value = ola
        .get(app.url(&format!(
            "/diary/{}/events?start=2026-11-30&end=2026-12-07",
            app.fx.consultant_oslo
        )))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(events[0]["title"], "Kurs i arbeidsrett");
    assert_eq!(events[0]["allDay"], true);
    assert_eq!(events[0]["start"], "2026-12-01");
    assert_eq!(events[0]["end"], "2026-12-03", "the end is exclusive");
    let id: i64 = events[0]["id"].as_str().unwrap().parse().unwrap();
    // Nobody else's business, not even an admin's list of the customer's activities.
    let berit = app.login("berit@test.no").await;
    assert_eq!(
        berit
            .get(app.url(&format!("/api/v1/activities/{id}")))
            .send()
            .await
            .unwrap()
            .status(),
        404
    );
    // Dragged to another day in the month view, it stays two whole days.
    let res = ola
        .post(app.url(&format!("/diary/activities/{id}/move")))
        .json(&json!({"start": "2026-12-08", "end": "2026-12-10", "all_day": true}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    let got: Value = ola
        .get(app.url(&format!("/api/v1/activities/{id}")))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(got["start"], "2026-12-08T00:00:00+01:00");
    assert_eq!(got["end"], "2026-12-10T00:00:00+01:00");
    assert_eq!(
        count(
            app,
            "SELECT COUNT(*) FROM audit_log WHERE entity = 'activity'"
        )
        .await,
        0,
        "no card, no card history"
    );
});

db_test!(a_stale_edit_is_refused_with_the_input_kept, |app| {
    let cid = oslo_customer(app, "Samtidig AS").await;
    let ola = app.login("ola@test.no").await;
    let id = meeting(app, &ola, cid, "Møte", &at(1), &[]).await;
    // Someone moves it in the calendar meanwhile.
    let res = ola
        .post(app.url(&format!("/diary/activities/{id}/move")))
        .json(&json!({"start": at(2)}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    let form = [
        (
            "type_id",
            type_id(app, "customer_meeting").await.to_string(),
        ),
        ("title", "Møte med ny tittel".into()),
        ("start", at(1)),
        ("participant", app.fx.consultant_oslo.to_string()),
        ("version", "1".into()),
    ];
    let res = ola
        .post(app.url(&format!("/diary/activities/{id}")))
        .form(&form)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 409);
    let page = res.text().await.unwrap();
    assert!(
        page.contains("Noen andre har endret aktiviteten") && page.contains("Møte med ny tittel")
    );
    assert_eq!(
        count(
            app,
            &format!(
                "SELECT COUNT(*) FROM activities WHERE id = {id} AND title = 'Møte' AND version = 2"
            )
        )
        .await,
        1
    );
});

db_test!(participant_lists_are_bounded, |app| {
    let cid = oslo_customer(app, "Mange Deltakere AS").await;
    let mut staff = vec![app.fx.consultant_oslo];
    for i in 0..100 {
        let id = kundekort::staff::users::insert(
            &mut app.db.pool.acquire().await.unwrap(),
            kundekort::staff::users::NewUser {
                email: &format!("k{i}@test.no"),
                name: &format!("Konsulent {i}"),
                password_hash: "x".into(),
                role: kundekort::auth::Role::Consultant,
                department_id: Some(app.fx.oslo),
            },
        )
        .await
        .unwrap();
        staff.push(id);
    }
    let ola = app.login("ola@test.no").await;
    let meeting_type = type_id(app, "customer_meeting").await;
    let body = |participants: &[i64]| {
        json!({"customer_id": cid, "type_id": meeting_type, "title": "Allmøte",
            "start": "2026-12-01T10:00", "participants": participants})
    };

    // 101 staff: refused with the reason, nothing stored.
    assert_eq!(staff.len(), 101);
    let res = ola
        .post(app.url("/api/v1/activities"))
        .json(&body(&staff))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 422);
    let problem: Value = res.json().await.unwrap();
    assert_eq!(
        problem["errors"]["participants"][0], "Høyst 100 kan velges.",
        "{problem}"
    );
    // The form says the same beside the field, with what was typed kept.
    let mut form: Vec<(&str, String)> = vec![
        ("type_id", meeting_type.to_string()),
        ("title", "Allmøte i skjema".into()),
        ("start", at(1)),
    ];
    form.extend(staff.iter().map(|id| ("participant", id.to_string())));
    let res = ola
        .post(app.url(&format!("/customers/{cid}/diary")))
        .form(&form)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 422);
    let page = res.text().await.unwrap();
    assert!(
        page.contains("Høyst 100 kan velges.") && page.contains("Allmøte i skjema"),
        "{page}"
    );
    assert_eq!(count(app, "SELECT COUNT(*) FROM activities").await, 0);

    // 100 are fine.
    let res = ola
        .post(app.url("/api/v1/activities"))
        .json(&body(&staff[..100]))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 201);
    let created: Value = res.json().await.unwrap();
    assert_eq!(created["participants"].as_array().unwrap().len(), 100);
});

db_test!(
    a_new_activity_in_the_diary_can_be_linked_to_a_customer_and_its_contacts,
    |app| {
        let cid = oslo_customer(app, "Nordlys Bemanning AS").await;
        let kari = contact(app, cid, "Kari", "Nordmann").await;
        let ola = app.login("ola@test.no").await;
        let berit = app.login("berit@test.no").await;
        let text = |c: &reqwest::Client, path: String| {
            let c = c.clone();
            let url = app.url(&path);
            async move { c.get(url).send().await.unwrap().text().await.unwrap() }
        };

        // Search as you type: Ola finds the customer, Berit (Bergen) does not.
        let found = text(&ola, "/diary/customer-options?customer_query=nordl".into()).await;
        assert!(
            found.contains(&format!("value=\"{cid}\"")) && found.contains("Nordlys Bemanning AS"),
            "{found}"
        );
        let hidden = text(
            &berit,
            "/diary/customer-options?customer_query=nordl".into(),
        )
        .await;
        assert!(!hidden.contains("Nordlys"), "{hidden}");
        assert!(hidden.contains("customer-no-match"), "{hidden}");
        // The chosen customer's contacts; none of them for Berit.
        let contacts = text(&ola, format!("/diary/customer-contacts?customer_id={cid}")).await;
        assert!(contacts.contains("Kari Nordmann"), "{contacts}");
        let contacts = text(
            &berit,
            format!("/diary/customer-contacts?customer_id={cid}"),
        )
        .await;
        assert!(!contacts.contains("Kari"), "{contacts}");

        let form = |who: i64| {
            vec![
                ("type_id", String::new()),
                ("title", "Befaring".to_string()),
                ("start_date", "2026-12-08".into()),
                ("start_time", "09:00".into()),
                ("participant", who.to_string()),
                ("customer_query", "nordl".into()),
                ("customer_id", cid.to_string()),
                ("contact", kari.to_string()),
            ]
        };
        let meeting_type = type_id(app, "customer_meeting").await.to_string();
        let with_type = |mut f: Vec<(&'static str, String)>| {
            f[0].1 = meeting_type.clone();
            f
        };

        // Berit may not put it on that customer: told so, what she typed kept, nothing saved.
        let res = berit
            .post(app.url("/diary/new"))
            .form(&with_type(form(app.fx.consultant_bergen)))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 422);
        let page = res.text().await.unwrap();
        assert!(
            page.contains("Du kan ikke legge aktiviteter på denne kunden"),
            "{page}"
        );
        assert!(page.contains("value=\"Befaring\"") && page.contains("value=\"nordl\""));
        assert_eq!(count(app, "SELECT COUNT(*) FROM activities").await, 0);

        // Ola's is made on the customer, with the contact.
        let res = ola
            .post(app.url("/diary/new"))
            .form(&with_type(form(app.fx.consultant_oslo)))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 303);
        let (customer, id): (Option<i64>, i64) =
            sqlx::query_as("SELECT customer_id, id FROM activities WHERE title = 'Befaring'")
                .fetch_one(&app.db.pool)
                .await
                .unwrap();
        assert_eq!(customer, Some(cid));
        let (linked,): (i64,) = sqlx::query_as(
            "SELECT COUNT(*) FROM activity_contacts WHERE activity_id = $1 AND contact_id = $2",
        )
        .bind(id)
        .bind(kari)
        .fetch_one(&app.db.pool)
        .await
        .unwrap();
        assert_eq!(linked, 1);
        let tab = text(&ola, format!("/customers/{cid}/diary")).await;
        assert!(tab.contains("Befaring"), "on the card");
    }
);
