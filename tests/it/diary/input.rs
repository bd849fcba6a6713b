//! The diary's bad input: explained, kept and nothing saved; a stale edit refused with the input
//! kept; participant lists bounded.

use kundekort::timefmt::when;
use serde_json::{Value, json};

use crate::{
    db_test,
    support::fixtures::{at, contact, count, meeting, oslo_customer, type_id},
};

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
