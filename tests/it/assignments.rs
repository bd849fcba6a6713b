//! Workers and assignments through the app: the compliance light from stored facts (a
//! construction customer without an HMS card is red and cannot be activated until the card is
//! registered), bad input kept, the margin shown, and access by department.

use crate::db_test;
use crate::support::http::location;
use crate::support::{TestApp, fixtures::builder};

/// A worker made through the form; their id.
async fn worker(client: &reqwest::Client, app: &TestApp, name: &str) -> i64 {
    let res = client
        .post(app.url("/workers"))
        .form(&[
            ("name", name),
            ("status", "employee"),
            ("mobile", "912 34 567"),
            ("skills", "Betong, forskaling"),
            ("bank_account", "8601 11 17947"),
        ])
        .send()
        .await
        .unwrap();
    let to = location(res).await;
    to.trim_start_matches("/workers/")
        .split('?')
        .next()
        .unwrap()
        .parse()
        .unwrap()
}

fn assignment_form(worker: i64) -> Vec<(&'static str, String)> {
    [
        ("worker_id", worker.to_string()),
        ("title", "Betongarbeider".into()),
        ("styrk_code", "7114".into()),
        ("from_date", "2027-01-04".into()),
        ("to_date", "2027-06-30".into()),
        ("hours_per_week", "37,5".into()),
        ("day", "1".into()),
        ("day", "2".into()),
        ("day", "3".into()),
        ("day", "4".into()),
        ("day", "5".into()),
        ("day_start", "07:00".into()),
        ("day_end", "15:00".into()),
        ("break_minutes", "30".into()),
        ("bill_rate", "450".into()),
        ("pay_rate", "230".into()),
        ("ot50_bill", "675".into()),
        ("ot50_pay", "345".into()),
        ("legal_basis", "temporary_work".into()),
        (
            "legal_basis_text",
            "Betongstøp i vår, midlertidig topp".into(),
        ),
        ("equal_pay", "225".into()),
        ("equal_confirmed_on", "2026-09-01".into()),
        ("workplace_postal_code", "5003".into()),
    ]
    .into_iter()
    .collect()
}

db_test!(
    a_builder_without_hms_card_is_red_until_the_card_is_registered,
    |app| {
        let customer = builder(app).await;
        let ola = app.login("ola@test.no").await;
        let w = worker(&ola, app, "Kari Nordmann").await;
        let res = ola
            .post(app.url(&format!("/customers/{customer}/assignments")))
            .form(&assignment_form(w))
            .send()
            .await
            .unwrap();
        let detail = location(res).await;
        let page = ola
            .get(app.url(&detail))
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        assert!(page.contains("light-red"), "{page}");
        assert!(page.contains("vikaren har ikke gyldig HMS-kort"), "{page}");
        // Margin: 450 − 230 × 1.291 = 153.07 per hour, 34.0 % of the bill rate.
        assert!(page.contains("153,07 (34,0 %)"), "{page}");

        // Red blocks activation: refused with the reason, nothing changed.
        let activate = format!("{}/status", detail.split('?').next().unwrap());
        let res = ola
            .post(app.url(&activate))
            .form(&[("action", "activate")])
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 409);
        assert!(
            res.text()
                .await
                .unwrap()
                .contains("kan ikke aktiveres mens regelsjekken er rød")
        );
        let (status,): (String,) = sqlx::query_as("SELECT status FROM assignments")
            .fetch_one(&app.db.pool)
            .await
            .unwrap();
        assert_eq!(status, "planned");

        // An HMS card valid past the end: green (Bergen is outside the building-site ban).
        let res = ola
            .post(app.url(&format!("/workers/{w}/credentials")))
            .form(&[
                ("kind", "hms_card"),
                ("reference", "HMS-123"),
                ("valid_until", "2028-01-31"),
            ])
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 303);
        let page = ola
            .get(app.url(&detail))
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        assert!(page.contains("light-green"), "{page}");
        let res = ola
            .post(app.url(&activate))
            .form(&[("action", "activate")])
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 303);
        let (status,): (String,) = sqlx::query_as("SELECT status FROM assignments")
            .fetch_one(&app.db.pool)
            .await
            .unwrap();
        assert_eq!(status, "active");
        // The card's history has both events.
        let actions: Vec<(String,)> =
            sqlx::query_as("SELECT action FROM audit_log WHERE entity = 'assignment' ORDER BY id")
                .fetch_all(&app.db.pool)
                .await
                .unwrap();
        let actions: Vec<&str> = actions.iter().map(|(a,)| a.as_str()).collect();
        assert_eq!(actions, vec!["assignment-create", "assignment-activate"]);
        // The tab lists it with the worker.
        let tab = ola
            .get(app.url(&format!("/customers/{customer}/assignments")))
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        assert!(
            tab.contains("Kari Nordmann") && tab.contains("light-green"),
            "{tab}"
        );
    }
);

db_test!(
    building_site_work_in_oslo_is_red_and_the_live_check_says_why,
    |app| {
        let customer = builder(app).await;
        let ola = app.login("ola@test.no").await;
        let w = worker(&ola, app, "Per Hansen").await;
        let mut form = assignment_form(w);
        form.retain(|(k, _)| *k != "workplace_postal_code");
        form.push(("workplace_postal_code", "0152".into()));
        form.push(("building_site", "1".into()));
        let res = ola
            .post(app.url(&format!("/customers/{customer}/assignments/check")))
            .form(&form)
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 200);
        let check = res.text().await.unwrap();
        assert!(check.contains("light-red"), "{check}");
        assert!(
            check.contains("bygningsarbeid på byggeplass er forbudt i dette fylket"),
            "{check}"
        );
        // Overtime pay below 1.4 × pay is named too.
        form.retain(|(k, _)| *k != "ot50_pay");
        form.push(("ot50_pay", "300".into()));
        let check = ola
            .post(app.url(&format!("/customers/{customer}/assignments/check")))
            .form(&form)
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        assert!(check.contains("Overtidslønnen for 50 %"), "{check}");
        // Nothing was saved by checking.
        let (n,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM assignments")
            .fetch_one(&app.db.pool)
            .await
            .unwrap();
        assert_eq!(n, 0);
    }
);

db_test!(bad_assignment_input_is_explained_and_kept, |app| {
    let customer = builder(app).await;
    let ola = app.login("ola@test.no").await;
    let w = worker(&ola, app, "Kari Nordmann").await;
    let mut form = assignment_form(w);
    form.retain(|(k, _)| !["bill_rate", "to_date"].contains(k));
    form.push(("bill_rate", "fire hundre".into()));
    form.push(("to_date", "2026-12-01".into()));
    let res = ola
        .post(app.url(&format!("/customers/{customer}/assignments")))
        .form(&form)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 422);
    let body = res.text().await.unwrap();
    assert!(body.contains("value=\"fire hundre\""), "{body}");
    assert!(body.contains("Skriv et beløp i kroner"), "{body}");
    assert!(body.contains("Sluttdatoen er før startdatoen"), "{body}");
    assert!(body.contains("value=\"Betongstøp i vår, midlertidig topp\""));
    let (n,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM assignments")
        .fetch_one(&app.db.pool)
        .await
        .unwrap();
    assert_eq!(n, 0);
});

db_test!(
    a_consultant_of_another_department_does_not_see_the_assignments,
    |app| {
        let customer = builder(app).await;
        let ola = app.login("ola@test.no").await;
        let w = worker(&ola, app, "Kari Nordmann").await;
        let res = ola
            .post(app.url(&format!("/customers/{customer}/assignments")))
            .form(&assignment_form(w))
            .send()
            .await
            .unwrap();
        let detail = location(res).await;
        let berit = app.login("berit@test.no").await;
        for path in [
            format!("/customers/{customer}/assignments"),
            detail.split('?').next().unwrap().to_string(),
            format!("/customers/{customer}/assignments/new"),
        ] {
            let res = berit.get(app.url(&path)).send().await.unwrap();
            assert_eq!(res.status(), 404, "{path}");
        }
        let res = berit
            .post(app.url(&format!("/customers/{customer}/assignments")))
            .form(&assignment_form(w))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 404);
    }
);

db_test!(
    workers_bad_account_is_explained_and_the_list_filters,
    |app| {
        let ola = app.login("ola@test.no").await;
        let res = ola
            .post(app.url("/workers"))
            .form(&[
                ("name", "Ivan Petrov"),
                ("bank_account", "8601 11 17949"),
                ("mobile", "22 33 44 55"),
            ])
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 422);
        let body = res.text().await.unwrap();
        assert!(
            body.contains("feil kontrollsiffer") && body.contains("value=\"8601 11 17949\""),
            "{body}"
        );
        assert!(body.contains("value=\"Ivan Petrov\""));

        let kari = worker(&ola, app, "Kari Nordmann").await;
        let _per = worker(&ola, app, "Per Truckfører").await;
        let res = ola
            .post(app.url(&format!("/workers/{kari}/credentials")))
            .form(&[("kind", "work_permit"), ("valid_until", "")])
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 422);
        assert!(
            res.text()
                .await
                .unwrap()
                .contains("har alltid en sluttdato")
        );
        ola.post(app.url(&format!("/workers/{kari}/credentials")))
            .form(&[("kind", "hms_card"), ("valid_until", "2020-01-01")])
            .send()
            .await
            .unwrap();

        let list = |q: &'static str| {
            let ola = ola.clone();
            let url = app.url(&format!("/workers?{q}"));
            async move {
                // Only the results: the top of the page lists the user's workers' expiring papers.
                let page = ola.get(url).send().await.unwrap().text().await.unwrap();
                page.split("id=\"worker-results\"")
                    .nth(1)
                    .unwrap_or_default()
                    .to_string()
            }
        };
        let page = list("q=truck").await;
        assert!(
            page.contains("Per Truckfører") && !page.contains("Kari Nordmann"),
            "{page}"
        );
        assert!(page.contains("1 vikar"), "{page}");
        let top = ola
            .get(app.url("/workers"))
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        assert!(
            top.contains("id=\"expiring-papers\"") && top.contains("HMS-kort 01.01.2020"),
            "{top}"
        );
        let page = list("expiring=30").await;
        assert!(
            page.contains("Kari Nordmann") && !page.contains("Per Truckfører"),
            "{page}"
        );
        let page = list("skill=betong").await;
        assert!(page.contains("2 vikarer"), "{page}");
        let res = ola
            .get(app.url("/workers?status=boss&available_by=soon"))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 422);
    }
);
