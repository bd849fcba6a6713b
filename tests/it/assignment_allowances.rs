//! Allowances (tillegg) on an assignment: saved from the form (a night window over midnight, and
//! a km allowance from its preset), shown on the assignment's page and in the API, refused with a
//! message on the row's field when wrong, written through the API — and never shown in the
//! customer portal.

use serde_json::{Value, json};

use crate::{
    db_test,
    support::{
        TestApp,
        fixtures::{accept, customer_with_contacts, invite, run_worker},
    },
};

async fn worker(app: &TestApp, client: &reqwest::Client) -> i64 {
    let res = client
        .post(app.url("/workers"))
        .form(&[
            ("name", "Kari Nordmann"),
            ("status", "employee"),
            ("email", "kari@vikar.test"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303);
    let (id,): (i64,) = sqlx::query_as("SELECT id FROM workers")
        .fetch_one(&app.db.pool)
        .await
        .unwrap();
    id
}

fn base(worker: i64) -> Vec<(&'static str, String)> {
    vec![
        ("worker_id", worker.to_string()),
        ("title", "Nattevakt".into()),
        ("from_date", "2027-01-04".into()),
        ("hours_per_week", "37,5".into()),
        ("day", "1".into()),
        ("day_start", "07:30".into()),
        ("day_end", "15:30".into()),
        ("bill_rate", "450".into()),
        ("pay_rate", "230".into()),
    ]
}

fn night_and_km() -> Vec<(&'static str, String)> {
    vec![
        ("allowance_0_name", "Nattillegg".into()),
        ("allowance_0_code", "night".into()),
        ("allowance_0_rule", "window".into()),
        ("allowance_0_start", "21:00".into()),
        ("allowance_0_end", "06:00".into()),
        ("allowance_0_day", "1".into()),
        ("allowance_0_day", "2".into()),
        ("allowance_0_day", "3".into()),
        ("allowance_0_day", "4".into()),
        ("allowance_0_day", "5".into()),
        ("allowance_0_day", "6".into()),
        ("allowance_0_day", "7".into()),
        ("allowance_0_holidays", "1".into()),
        ("allowance_0_kind", "pay".into()),
        ("allowance_0_bill", "61,50".into()),
        ("allowance_0_pay", "47".into()),
        // The empty row the form always has: ignored.
        ("allowance_1_rule", "window".into()),
        ("allowance_1_kind", "pay".into()),
        ("allowance_1_unit", "km".into()),
        // The km preset fills name, code, rule and kind; the amounts are typed.
        ("allowance_2_preset", "km".into()),
        ("allowance_2_rule", "window".into()),
        ("allowance_2_kind", "pay".into()),
        ("allowance_2_bill", "5,30".into()),
        ("allowance_2_pay", "3,50".into()),
    ]
}

db_test!(allowances_are_saved_shown_and_kept_from_the_portal, |app| {
    let (oslo, _, ase, _) = customer_with_contacts(app).await;
    let ola = app.login("ola@test.no").await;
    let w = worker(app, &ola).await;

    // A wrong row comes back with its message and as typed; nothing is saved.
    let mut bad = base(w);
    bad.extend(night_and_km());
    bad.push(("allowance_3_name", "Kveld".into()));
    bad.push(("allowance_3_code", "night".into()));
    bad.push(("allowance_3_rule", "window".into()));
    bad.push(("allowance_3_start", "25:00".into()));
    bad.push(("allowance_3_end", "21:00".into()));
    bad.push(("allowance_3_day", "1".into()));
    bad.push(("allowance_3_kind", "pay".into()));
    bad.push(("allowance_3_bill", "-5".into()));
    bad.push(("allowance_3_pay", "10".into()));
    let res = ola
        .post(app.url(&format!("/customers/{oslo}/assignments")))
        .form(&bad)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 422);
    let page = res.text().await.unwrap();
    for text in [
        "Koden «night» er brukt på et annet tillegg",
        "Skriv klokkeslett som TT:MM",
        "Beløpet kan ikke være negativt",
        "value=\"25:00\"",
        "value=\"Kilometergodtgjørelse\"",
    ] {
        assert!(page.contains(text), "{text}: {page}");
    }

    // Saved: the night window over midnight and the km allowance.
    let mut form = base(w);
    form.extend(night_and_km());
    form.push(("approver_contact_id", ase.to_string()));
    let res = ola
        .post(app.url(&format!("/customers/{oslo}/assignments")))
        .form(&form)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303);
    let (aid, stored): (i64, String) = sqlx::query_as("SELECT id, allowances FROM assignments")
        .fetch_one(&app.db.pool)
        .await
        .unwrap();
    let stored: Value = serde_json::from_str(&stored).unwrap();
    assert_eq!(stored.as_array().unwrap().len(), 2, "{stored}");
    assert_eq!(
        stored[0]["rule"],
        json!({"type": "window", "start": 1260, "end": 360,
                   "days": {"weekdays": [true, true, true, true, true, true, true], "holidays": true}})
    );

    // The page.
    let page = ola
        .get(app.url(&format!("/customers/{oslo}/assignments/{aid}")))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let section = &page[page.find("id=\"assignment-allowances\"").expect("section")..];
    for text in [
        "Nattillegg",
        "21:00–06:00",
        "Helligdager",
        "61,50",
        "Kilometergodtgjørelse",
        "per km",
        "Utgiftsgodtgjørelse",
        "5,30",
    ] {
        assert!(section.contains(text), "{text}: {section}");
    }
    // The edit form shows them back as rows.
    let edit = ola
        .get(app.url(&format!("/customers/{oslo}/assignments/{aid}/edit")))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        edit.contains("name=\"allowance_0_start\" value=\"21:00\""),
        "{edit}"
    );
    assert!(
        edit.contains("name=\"allowance_1_bill\" value=\"5,30\""),
        "{edit}"
    );

    // The API.
    let api: Value = ola
        .get(app.url(&format!("/api/v1/customers/{oslo}/assignments/{aid}")))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(api["allowances"][0]["code"], "night");
    assert_eq!(api["allowances"][0]["bill_ore"], 6150);
    assert_eq!(api["allowances"][0]["rule"]["start"], 1260);
    assert_eq!(
        api["allowances"][1]["rule"],
        json!({"type": "per_unit", "unit": "km"})
    );
    assert_eq!(api["allowances"][1]["kind"], "expense");
    assert_eq!(api["allowances"][1]["pay_ore"], 350);

    // The portal: who works there, never the allowances or their amounts.
    let path = invite(&ola, app, oslo, ase, &["view_assignments"]).await;
    let portal = accept(app, &path).await;
    let home = portal
        .get(app.url("/portal"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(home.contains("Nattevakt"), "{home}");
    for secret in [
        "Nattillegg",
        "Kilometergodtgjørelse",
        "61,50",
        "5,30",
        "3,50",
    ] {
        assert!(!home.contains(secret), "the portal shows {secret}");
    }
});

db_test!(allowances_are_written_and_checked_through_the_api, |app| {
    let (oslo, _, _, _) = customer_with_contacts(app).await;
    let ola = app.login("ola@test.no").await;
    let w = worker(app, &ola).await;
    let mut form = base(w);
    form.extend(night_and_km());
    let res = ola
        .post(app.url(&format!("/customers/{oslo}/assignments")))
        .form(&form)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303);
    let (aid,): (i64,) = sqlx::query_as("SELECT id FROM assignments")
        .fetch_one(&app.db.pool)
        .await
        .unwrap();
    let url = app.url(&format!("/api/v1/customers/{oslo}/assignments/{aid}"));
    let mut got: Value = ola.get(&url).send().await.unwrap().json().await.unwrap();
    let mut list = got["allowances"].as_array().unwrap().clone();
    list.push(
        json!({"code": "night", "name": "Igjen", "rule": {"type": "after_hours", "minutes": 540},
            "kind": "pay", "bill_ore": -100, "pay_ore": 50}),
    );
    let res = ola
        .patch(&url)
        .json(&json!({"allowances": list}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 422);
    let problem = res.text().await.unwrap();
    assert!(
        problem.contains("allowance_2_code") && problem.contains("allowance_2_bill"),
        "{problem}"
    );
    list.pop();
    list.push(json!({"code": "ot9", "name": "Etter 9 timer", "rule": {"type": "after_hours", "minutes": 540},
            "kind": "pay", "bill_ore": 2000, "pay_ore": 1500}));
    let res = ola
        .patch(&url)
        .json(&json!({"allowances": list}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    got = res.json().await.unwrap();
    assert_eq!(got["allowances"].as_array().unwrap().len(), 3);
    assert_eq!(got["allowances"][2]["rule"]["minutes"], 540);
    assert_eq!(got["allowances"][0]["rule"]["end"], 360);
});

db_test!(
    the_workers_confirmation_names_the_allowances,
    providers,
    |app, smtp, _sms| {
        let (oslo, _, ase, _) = customer_with_contacts(app).await;
        let ola = app.login("ola@test.no").await;
        let w = worker(app, &ola).await;
        let mut form = base(w);
        form.extend(night_and_km());
        form.push(("approver_contact_id", ase.to_string()));
        let res = ola
            .post(app.url(&format!("/customers/{oslo}/assignments")))
            .form(&form)
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 303);
        let (aid,): (i64,) = sqlx::query_as("SELECT id FROM assignments")
            .fetch_one(&app.db.pool)
            .await
            .unwrap();
        // The worker's confirmation names the allowances; the approver's does not.
        let res = ola
            .post(app.url(&format!("/customers/{oslo}/assignments/{aid}/confirm")))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 200);
        assert_eq!(run_worker(app).await, 2);
        let got = smtp.messages();
        let body = |to: &str| {
            let m = got
                .iter()
                .find(|m| m.rcpt_to == vec![to.to_string()])
                .expect("a confirmation");
            m.parsed().body_text(0).unwrap().to_string()
        };
        assert!(
            body("kari@vikar.test").contains("Tillegg: Nattillegg, Kilometergodtgjørelse"),
            "{}",
            body("kari@vikar.test")
        );
        assert!(!body("ase@nordlys.test").contains("Nattillegg"));
    }
);
