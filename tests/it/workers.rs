//! The worker register's GDPR rights: access as JSON, and erasure that deletes a worker with no
//! assignments and keeps only name, employee number and assignments for one with them.

use kundekort::customers::model::CustomerDraft;
use serde_json::Value;

use crate::db_test;

db_test!(
    a_workers_data_is_exported_and_erased_keeping_what_payroll_needs,
    |app| {
        let ola = app.login("ola@test.no").await;
        let admin = app.admin().await;
        let make = |name: &'static str| {
            let ola = ola.clone();
            let url = app.url("/workers");
            async move {
                let res = ola
                    .post(url)
                    .form(&[
                        ("name", name),
                        ("email", "x@vikar.test"),
                        ("employee_number", name),
                        ("skills", "truck"),
                        ("bank_account", "8601 11 17947"),
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
                    .parse::<i64>()
                    .unwrap()
            }
        };
        let lone = make("Lone Uten").await;
        let kari = make("Kari Med").await;
        ola.post(app.url(&format!("/workers/{kari}/credentials")))
            .form(&[("kind", "hms_card"), ("valid_until", "2030-01-01")])
            .send()
            .await
            .unwrap();
        let customer = app
            .customer(CustomerDraft {
                name: "Lager AS".into(),
                status: "active".into(),
                owner_id: app.fx.consultant_oslo.to_string(),
                department_id: app.fx.oslo.to_string(),
                ..Default::default()
            })
            .await;
        let form: Vec<(&str, String)> = vec![
            ("worker_id", kari.to_string()),
            ("title", "Lager".into()),
            ("from_date", "2027-01-04".into()),
            ("hours_per_week", "37,5".into()),
            ("day", "1".into()),
            ("day_start", "08:00".into()),
            ("day_end", "16:00".into()),
            ("bill_rate", "450".into()),
            ("pay_rate", "230".into()),
        ];
        let res = ola
            .post(app.url(&format!("/customers/{customer}/assignments")))
            .form(&form)
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 303);

        // Access: the worker's own data, with their pay but not the agency's bill rate.
        let res = ola
            .get(app.url(&format!("/workers/{kari}/export.json")))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 200);
        let export: Value = res.json().await.unwrap();
        assert_eq!(export["worker"]["email"], "x@vikar.test");
        assert_eq!(export["skills"][0], "truck");
        assert_eq!(export["papers"][0]["kind"], "hms_card");
        assert_eq!(export["assignments"][0]["pay_rate_ore"], 23_000);
        assert!(!export.to_string().contains("45000"), "{export}");

        // A consultant may not erase; an admin may.
        let res = ola
            .post(app.url(&format!("/workers/{lone}/erase")))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 403);
        let res = admin
            .post(app.url(&format!("/workers/{lone}/erase")))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 303);
        let (n,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM workers WHERE id = $1")
            .bind(lone)
            .fetch_one(&app.db.pool)
            .await
            .unwrap();
        assert_eq!(n, 0, "a worker with no assignments is deleted");

        let res = admin
            .post(app.url(&format!("/workers/{kari}/erase")))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 303);
        let row: (String, Option<String>, Option<String>, Option<String>, String, Option<i64>) = sqlx::query_as(
        "SELECT name, email, COALESCE(bank_account_sealed, bank_account_last4), employee_number, status, erased_at FROM workers WHERE id = $1",
    )
    .bind(kari)
    .fetch_one(&app.db.pool)
    .await
    .unwrap();
        assert_eq!(row.0, "Kari Med");
        assert_eq!((row.1, row.2), (None, None));
        assert_eq!(
            row.3.as_deref(),
            Some("Kari Med"),
            "the employee number is kept"
        );
        assert_eq!(row.4, "former");
        assert!(row.5.is_some());
        let (papers, skills, assignments): (i64, i64, i64) = sqlx::query_as(
            "SELECT (SELECT COUNT(*) FROM worker_credentials WHERE worker_id = $1), \
         (SELECT COUNT(*) FROM worker_skills WHERE worker_id = $1), \
         (SELECT COUNT(*) FROM assignments WHERE worker_id = $1)",
        )
        .bind(kari)
        .fetch_one(&app.db.pool)
        .await
        .unwrap();
        assert_eq!((papers, skills, assignments), (0, 0, 1));
        let page = admin
            .get(app.url(&format!("/workers/{kari}")))
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        assert!(
            page.contains("id=\"worker-erased\"") && !page.contains("id=\"erase-worker\""),
            "{page}"
        );
        let res = admin
            .post(app.url(&format!("/workers/{kari}/erase")))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 404, "erased once");
        // Erased data does not come back through an edit: the form, the API and papers refuse.
        let res = admin
            .post(app.url(&format!("/workers/{kari}")))
            .form(&[
                ("name", "Kari Med"),
                ("email", "ny@vikar.test"),
                ("version", "3"),
            ])
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 409);
        let res = admin
            .patch(app.url(&format!("/api/v1/workers/{kari}")))
            .json(&serde_json::json!({"email": "ny@vikar.test"}))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 409);
        assert!(res.text().await.unwrap().contains("kan ikke endres lenger"));
        let res = admin
            .post(app.url(&format!("/workers/{kari}/credentials")))
            .form(&[("kind", "hms_card"), ("valid_until", "2030-01-01")])
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 409);
        assert!(res.text().await.unwrap().contains("kan ikke endres lenger"));
        let (email,): (Option<String>,) = sqlx::query_as("SELECT email FROM workers WHERE id = $1")
            .bind(kari)
            .fetch_one(&app.db.pool)
            .await
            .unwrap();
        assert_eq!(email, None);
    }
);
