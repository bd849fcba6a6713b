//! Who sees and changes which activities, and whose diary one may open
//! (docs/decisions/0005-diary-visibility.md).

use kundekort::{
    auth::{Role, password},
    config::ConsultantScope,
    staff::users::{self, NewUser},
};
use serde_json::{Value, json};

use crate::{
    db_test,
    support::fixtures::{at, count, meeting, oslo_customer},
    support::{PASSWORD, TestApp},
};

/// A second consultant in Oslo (Ola's colleague).
async fn colleague(app: &TestApp) -> i64 {
    users::insert(
        &mut app.db.pool.acquire().await.unwrap(),
        NewUser {
            email: "kari@test.no",
            name: "Kari Kollega",
            password_hash: password::hash(PASSWORD.to_string()).await.unwrap(),
            role: Role::Consultant,
            department_id: Some(app.fx.oslo),
        },
    )
    .await
    .unwrap()
}

async fn events(client: &reqwest::Client, app: &TestApp, owner: i64) -> (u16, Value) {
    let res = client
        .get(app.url(&format!(
            "/diary/{owner}/events?start={}&end={}",
            &at(-3)[..10],
            &at(4)[..10]
        )))
        .send()
        .await
        .unwrap();
    let status = res.status().as_u16();
    (status, res.json().await.unwrap_or(Value::Null))
}

db_test!(
    a_consultant_of_another_department_can_neither_see_nor_move,
    |app| {
        let cid = oslo_customer(app, "Oslo Kunde AS").await;
        let ola = app.login("ola@test.no").await;
        let id = meeting(app, &ola, cid, "Hemmelig møte", &at(1), &[]).await;
        let berit = app.login("berit@test.no").await;
        let moved = json!({"start": at(2), "all_day": false});
        let res = berit
            .post(app.url(&format!("/diary/activities/{id}/move")))
            .json(&moved)
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 404);
        for path in [
            format!("/diary/activities/{id}"),
            format!("/api/v1/activities/{id}"),
            format!("/customers/{cid}/diary"),
        ] {
            assert_eq!(
                berit.get(app.url(&path)).send().await.unwrap().status(),
                404,
                "{path}"
            );
        }
        let res = berit
            .patch(app.url(&format!("/api/v1/activities/{id}")))
            .json(&json!({"title": "Endret"}))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 404);
        let res = berit
            .delete(app.url(&format!("/api/v1/activities/{id}")))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 404);
        // Nor Ola's diary.
        assert_eq!(
            berit
                .get(app.url(&format!("/diary/{}", app.fx.consultant_oslo)))
                .send()
                .await
                .unwrap()
                .status(),
            403
        );
        assert_eq!(events(&berit, app, app.fx.consultant_oslo).await.0, 403);
        assert_eq!(count(app, &format!("SELECT COUNT(*) FROM activities WHERE id = {id} AND version = 1 AND title = 'Hemmelig møte' AND deleted_at IS NULL")).await, 1);

        // Ola himself moves it fine.
        let res = ola
            .post(app.url(&format!("/diary/activities/{id}/move")))
            .json(&moved)
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 200);
        assert_eq!(
            count(
                app,
                &format!("SELECT COUNT(*) FROM activities WHERE id = {id} AND version = 2")
            )
            .await,
            1
        );
    }
);

db_test!(
    whole_firm_scope,
    config = consultants_see_the_whole_firm,
    |app| {
        let cid = oslo_customer(app, "Oslo Kunde AS").await;
        let ola = app.login("ola@test.no").await;
        let id = meeting(app, &ola, cid, "Synlig møte", &at(1), &[]).await;
        let berit = app.login("berit@test.no").await;
        // The firm lets consultants see every customer: Berit sees the activity…
        let res = berit
            .get(app.url(&format!("/api/v1/activities/{id}")))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 200);
        // …but may not move it, by drag and drop or by the API.
        let res = berit
            .post(app.url(&format!("/diary/activities/{id}/move")))
            .json(&json!({"start": at(3)}))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 403);
        let res = berit
            .patch(app.url(&format!("/api/v1/activities/{id}")))
            .json(&json!({"start": at(3)}))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 403);
        let res = berit
            .post(app.url(&format!("/customers/{cid}/diary")))
            .form(&[("title", "Nytt")])
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 403);
        assert_eq!(
            count(
                app,
                &format!("SELECT COUNT(*) FROM activities WHERE id = {id} AND version = 1")
            )
            .await,
            1
        );
        assert_eq!(count(app, "SELECT COUNT(*) FROM activities").await, 1);
    }
);

db_test!(
    managers_see_their_department_and_colleagues_see_busy_or_details,
    |app| {
        let cid = oslo_customer(app, "Oslo Kunde AS").await;
        colleague(app).await;
        let ola = app.login("ola@test.no").await;
        let id = meeting(app, &ola, cid, "Møte med styret", &at(1), &[]).await;
        let owner = app.fx.consultant_oslo;

        // Ola: everything, editable.
        let (status, own) = events(&ola, app, owner).await;
        assert_eq!(status, 200);
        assert_eq!(own[0]["id"], id.to_string());
        assert_eq!(own[0]["title"], "Møte med styret · Oslo Kunde AS");
        assert_eq!(own[0]["editable"], true);

        // His manager: details.
        let lise = app.login("leder@test.no").await;
        assert_eq!(
            lise.get(app.url(&format!("/diary/{owner}")))
                .send()
                .await
                .unwrap()
                .status(),
            200
        );
        let (_, seen) = events(&lise, app, owner).await;
        assert_eq!(seen[0]["title"], "Møte med styret · Oslo Kunde AS");

        // A colleague: busy/free only, by default.
        let kari = app.login("kari@test.no").await;
        let page = kari
            .get(app.url(&format!("/diary/{owner}")))
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        assert!(page.contains("busy-only") && !page.contains("Møte med styret"));
        let (status, busy) = events(&kari, app, owner).await;
        assert_eq!(status, 200);
        assert_eq!(busy[0]["title"], "Opptatt");
        assert_eq!(busy[0]["editable"], false);
        assert!(busy[0]["url"].is_null());
        assert!(!busy.to_string().contains("Oslo Kunde"));
        let res = kari
            .get(app.url(&format!(
                "/api/v1/activities?user_id={owner}&from={}&to={}",
                &at(-3)[..10],
                &at(4)[..10]
            )))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 403);

        // The firm turns on details for colleagues.
        let admin = app.admin().await;
        let res = admin
            .post(app.url("/diary/settings"))
            .form(&[("colleague_details", "1")])
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 303);
        let (_, seen) = events(&kari, app, owner).await;
        assert_eq!(seen[0]["title"], "Møte med styret · Oslo Kunde AS");
        // Seeing is not changing: Kari is neither owner of the customer nor a participant… but she is
        // in the customer's department, which the customer policy lets change it.
        assert_eq!(seen[0]["editable"], true);
        let res = app
            .client()
            .get(app.url(&format!(
                "/diary/{owner}/events?start=2026-01-01&end=2026-01-08"
            )))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 303, "anonymous: off to log in");
    }
);

db_test!(
    participants_from_elsewhere_see_their_own_activities,
    |app| {
        let cid = oslo_customer(app, "Oslo Kunde AS").await;
        let kari = crate::support::fixtures::contact(app, cid, "Kari", "Nordmann").await;
        let ola = app.login("ola@test.no").await;
        let id = meeting(
            app,
            &ola,
            cid,
            "Felles møte",
            &at(1),
            &[
                ("participant", app.fx.consultant_bergen.to_string()),
                ("contact", kari.to_string()),
            ],
        )
        .await;
        let berit = app.login("berit@test.no").await;
        let (status, own) = events(&berit, app, app.fx.consultant_bergen).await;
        assert_eq!(status, 200);
        assert_eq!(own[0]["id"], id.to_string());
        assert_eq!(own[0]["title"], "Felles møte · Oslo Kunde AS");
        let res = berit
            .get(app.url(&format!("/api/v1/activities/{id}")))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 200);
        // She opens it from her calendar (the customer is out of her sight) and moves it;
        // the customer's contacts stay on it.
        let page = berit
            .get(app.url(&format!("/diary/activities/{id}")))
            .send()
            .await
            .unwrap();
        assert_eq!(page.status(), 200);
        let page = page.text().await.unwrap();
        assert!(page.contains("id=\"time-only\""), "{page}");
        assert!(!page.contains("next-step") && !page.contains("delete-activity"));
        let form = [
            (
                "type_id",
                crate::support::fixtures::type_id(app, "customer_meeting")
                    .await
                    .to_string(),
            ),
            ("title", "Felles møte".into()),
            ("start", at(2)),
            ("participant", app.fx.consultant_oslo.to_string()),
            ("participant", app.fx.consultant_bergen.to_string()),
            ("version", "1".into()),
        ];
        let res = berit
            .post(app.url(&format!("/diary/activities/{id}")))
            .form(&form)
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 303);
        assert_eq!(
            res.headers()["location"],
            format!("/diary/{}", app.fx.consultant_bergen).as_str(),
            "back to her diary, not to a card she cannot open"
        );
        assert_eq!(
            count(
                app,
                &format!("SELECT COUNT(*) FROM activity_contacts WHERE activity_id = {id}")
            )
            .await,
            1
        );
        assert_eq!(
            count(
                app,
                &format!("SELECT COUNT(*) FROM activities WHERE id = {id} AND version = 2")
            )
            .await,
            1
        );
    }
);

/// Ola's meeting on his Oslo customer with Berit (Bergen) taking part and a contact of the
/// customer; returns (customer, activity, contact, another contact of the customer).
async fn shared_meeting(app: &TestApp) -> (i64, i64, i64, i64) {
    let cid = oslo_customer(app, "Oslo Kunde AS").await;
    let kari = crate::support::fixtures::contact(app, cid, "Kari", "Nordmann").await;
    let per = crate::support::fixtures::contact(app, cid, "Per", "Hemmelig").await;
    let ola = app.login("ola@test.no").await;
    let id = meeting(
        app,
        &ola,
        cid,
        "Felles møte",
        &at(1),
        &[
            ("participant", app.fx.consultant_bergen.to_string()),
            ("contact", kari.to_string()),
        ],
    )
    .await;
    (cid, id, kari, per)
}

/// The activity is as Ola made it: title, no notes, not done, two participants, one contact.
async fn unchanged(app: &TestApp, id: i64) {
    assert_eq!(
        count(app, &format!("SELECT COUNT(*) FROM activities WHERE id = {id} AND title = 'Felles møte' AND notes IS NULL AND done = 0 AND deleted_at IS NULL")).await,
        1
    );
    assert_eq!(
        count(
            app,
            &format!("SELECT COUNT(*) FROM activity_participants WHERE activity_id = {id}")
        )
        .await,
        2
    );
    assert_eq!(
        count(
            app,
            &format!("SELECT COUNT(*) FROM activity_contacts WHERE activity_id = {id}")
        )
        .await,
        1
    );
}

db_test!(
    a_participant_from_elsewhere_may_only_move_through_the_api,
    |app| {
        let (_, id, kari, per) = shared_meeting(app).await;
        let berit = app.login("berit@test.no").await;
        let url = app.url(&format!("/api/v1/activities/{id}"));
        for (what, body) in [
            ("title", json!({"title": "Endret"})),
            ("notes", json!({"notes": "Mine notater"})),
            ("contacts", json!({"contacts": [kari, per]})),
            (
                "participants",
                json!({"participants": [app.fx.consultant_bergen]}),
            ),
            ("done", json!({"done": true})),
            (
                "title with a move",
                json!({"start": at(2), "end": at(2).replace(":00", ":30"), "title": "Endret"}),
            ),
        ] {
            let res = berit.patch(&url).json(&body).send().await.unwrap();
            assert_eq!(res.status(), 403, "{what}");
        }
        unchanged(app, id).await;
        // The other contact's name was never shown to her.
        let res = berit.get(&url).send().await.unwrap();
        assert!(!res.text().await.unwrap().contains("Hemmelig"));
        let res = berit.delete(&url).send().await.unwrap();
        assert_eq!(res.status(), 403);
        unchanged(app, id).await;

        // Moving and resizing is hers to do.
        let res = berit
            .patch(&url)
            .json(&json!({"start": at(2), "end": at(2).replace(":00", ":30")}))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 200);
        unchanged(app, id).await;
        assert_eq!(
            count(
                app,
                &format!("SELECT COUNT(*) FROM activities WHERE id = {id} AND version = 2")
            )
            .await,
            1
        );
    }
);

db_test!(
    a_participant_from_elsewhere_may_only_move_through_the_form,
    |app| {
        let (_, id, kari, per) = shared_meeting(app).await;
        let berit = app.login("berit@test.no").await;
        let meeting_type = crate::support::fixtures::type_id(app, "customer_meeting").await;
        let base = |start: String| -> Vec<(&'static str, String)> {
            vec![
                ("type_id", meeting_type.to_string()),
                ("title", "Felles møte".into()),
                ("start", start),
                ("participant", app.fx.consultant_oslo.to_string()),
                ("participant", app.fx.consultant_bergen.to_string()),
                ("version", "1".into()),
            ]
        };
        let url = app.url(&format!("/diary/activities/{id}"));
        let mut changes: Vec<(&str, Vec<(&'static str, String)>)> = Vec::new();
        let mut retitled = base(at(2));
        retitled[1].1 = "Endret".into();
        changes.push(("title", retitled));
        let mut noted = base(at(1));
        noted.push(("notes", "Mine notater".into()));
        changes.push(("notes", noted));
        let mut done = base(at(1));
        done.push(("done", "1".into()));
        changes.push(("done", done));
        let mut alone = base(at(1));
        alone.remove(3);
        changes.push(("participants", alone));
        for (what, form) in changes {
            let res = berit.post(&url).form(&form).send().await.unwrap();
            assert_eq!(res.status(), 403, "{what}");
        }
        // Contacts she sends are ignored: the form cannot offer them, the ones on it stay.
        let mut contacts = base(at(1));
        contacts.push(("contact", per.to_string()));
        contacts.push(("contact", kari.to_string()));
        let res = berit.post(&url).form(&contacts).send().await.unwrap();
        assert_eq!(res.status(), 303);
        unchanged(app, id).await;

        // Notes written through the API with LF come back from the browser with CR LF: the same.
        sqlx::query("UPDATE activities SET notes = $1 WHERE id = $2")
            .bind("Linje 1\nLinje 2")
            .bind(id)
            .execute(&app.db.pool)
            .await
            .unwrap();
        let mut moved = base(at(3));
        moved[5].1 = "2".into();
        moved.push(("notes", "Linje 1\r\nLinje 2".into()));
        let res = berit.post(&url).form(&moved).send().await.unwrap();
        assert_eq!(res.status(), 303);
        sqlx::query("UPDATE activities SET notes = NULL WHERE id = $1")
            .bind(id)
            .execute(&app.db.pool)
            .await
            .unwrap();

        // "Schedule next step" would create an activity on a customer she cannot see.
        let mut next = base(at(1));
        next.push(("next_type_id", meeting_type.to_string()));
        next.push(("next_title", "Oppfølging".into()));
        next.push(("next_start", at(7)[..10].to_string()));
        let res = berit.post(&url).form(&next).send().await.unwrap();
        assert_eq!(res.status(), 404);
        assert_eq!(count(app, "SELECT COUNT(*) FROM activities").await, 1);

        let res = berit
            .post(app.url(&format!("/diary/activities/{id}/delete")))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 403);
        unchanged(app, id).await;
    }
);

db_test!(
    a_participant_seeing_the_customer_may_not_schedule_a_next_step,
    config = consultants_see_the_whole_firm,
    |app| {
        let (_, id, kari, _) = shared_meeting(app).await;
        let berit = app.login("berit@test.no").await;
        let meeting_type = crate::support::fixtures::type_id(app, "customer_meeting").await;
        let form = [
            ("contact", kari.to_string()),
            ("type_id", meeting_type.to_string()),
            ("title", "Felles møte".into()),
            ("start", at(1)),
            ("participant", app.fx.consultant_oslo.to_string()),
            ("participant", app.fx.consultant_bergen.to_string()),
            ("version", "1".into()),
            ("next_type_id", meeting_type.to_string()),
            ("next_title", "Oppfølging".into()),
            ("next_start", at(7)[..10].to_string()),
        ];
        let res = berit
            .post(app.url(&format!("/diary/activities/{id}")))
            .form(&form)
            .send()
            .await
            .unwrap();
        assert_eq!(
            res.status(),
            403,
            "she sees the customer but may not change it"
        );
        assert_eq!(count(app, "SELECT COUNT(*) FROM activities").await, 1);
    }
);

/// The firm lets consultants see every customer (`consultant_scope = all`).
fn consultants_see_the_whole_firm(c: &mut kundekort::config::Config) {
    c.consultant_scope = ConsultantScope::All;
}
