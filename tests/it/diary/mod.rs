//! The diary on the customer card: registering, completing with a next step, the tab's order and
//! filters, the card's history, personal activities from the calendar and linking one to a
//! customer, and the customer list's "last activity". Bad input, stale edits and bounded
//! participant lists are in [`input`]; the activity types admins keep in [`activity_types`]; the
//! API in [`api`].

mod activity_types;
mod api;
mod input;

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
