//! "Hired": the one draft fee invoice with the right øre, and the guarantee period.

use super::*;

db_test!(
    hired_makes_one_draft_fee_invoice_with_the_right_ore,
    |app| {
        let customer = oslo_customer(app, "Regnskap Nord AS").await;
        let ola = app.login("ola@test.no").await;
        let kari = worker(&ola, app, "Kari Nordmann", "candidate").await;
        let nils = worker(&ola, app, "Nils Nilsen", "candidate").await;
        // Percent: 12,5 % of 654 321,23 kr.
        let (rid, path) = recruitment(app, &ola, customer, &percent_form(0)[..8]).await;
        for w in [kari, nils] {
            post(
                &ola,
                app,
                &format!("{path}/candidates"),
                &[("worker_id", &w.to_string())],
            )
            .await;
        }
        let ck = candidate_of(app, rid, kari).await;
        // A bad date is explained and kept.
        let (s, body) = post(
            &ola,
            app,
            &format!("{path}/hire"),
            &[
                ("candidate_id", ck.to_string().as_str()),
                ("start_date", "snart"),
            ],
        )
        .await;
        assert_eq!(s, 422);
        assert!(body.contains("value=\"snart\""), "{body}");
        assert!(body.contains("Skriv en dato"), "{body}");
        let res = ola
            .post(app.url(&format!("{path}/hire")))
            .form(&[
                ("candidate_id", ck.to_string()),
                ("start_date", "15.01.2027".into()),
            ])
            .send()
            .await
            .unwrap();
        assert!(location(res).await.contains("invoiced=1"));
        let (status, hired, start, inv): (String, Option<i64>, Option<String>, Option<i64>) =
        sqlx::query_as(
            "SELECT status, hired_worker_id, start_date, fee_invoice_id FROM recruitments WHERE id = $1",
        )
        .bind(rid)
        .fetch_one(&app.db.pool)
        .await
        .unwrap();
        assert_eq!(status, "hired");
        assert_eq!(hired, Some(kari));
        assert_eq!(start.as_deref(), Some("2027-01-15"));
        let inv = inv.expect("fee invoice");
        let (inv_status, inv_customer): (String, i64) =
            sqlx::query_as("SELECT status, customer_id FROM invoices WHERE id = $1")
                .bind(inv)
                .fetch_one(&app.db.pool)
                .await
                .unwrap();
        assert_eq!((inv_status.as_str(), inv_customer), ("draft", customer));
        let lines: Vec<(String, i64, i64, String, i64, i64)> = sqlx::query_as(
        "SELECT description, quantity_milli, unit_price_ore, vat_category, vat_rate_bp, line_net_ore \
         FROM invoice_lines WHERE invoice_id = $1",
    )
    .bind(inv)
    .fetch_all(&app.db.pool)
    .await
    .unwrap();
        assert_eq!(lines.len(), 1);
        let (text, qty, price, cat, rate, net) = &lines[0];
        assert!(
            text.contains("Økonomisjef") && text.contains("Kari Nordmann"),
            "{text}"
        );
        assert_eq!(
            (*qty, *price, cat.as_str(), *rate, *net),
            (1000, 8_179_015, "S", 2500, 8_179_015)
        );
        assert_eq!(
            board(app, rid)
                .await
                .iter()
                .find(|(_, _, w)| *w == kari)
                .unwrap()
                .0,
            "hired"
        );
        // Hiring again is refused while hired; nothing more is invoiced.
        let cn = candidate_of(app, rid, nils).await;
        let (s, _) = post(
            &ola,
            app,
            &format!("{path}/hire"),
            &[
                ("candidate_id", cn.to_string().as_str()),
                ("start_date", "2027-02-01"),
            ],
        )
        .await;
        assert_eq!(s, 409);
        // Kari leaves within the guarantee: replacement; Nils is hired at no new fee.
        let (s, _) = post(
            &ola,
            app,
            &format!("{path}/left"),
            &[("left_date", "01.03.2027")],
        )
        .await;
        assert_eq!(s, 303);
        assert_eq!(status_of(app, rid).await, "reopened");
        let (_, body) = page(&ola, app, &path).await;
        assert!(body.contains("id=\"rec-offer-replacement\""), "{body}");
        let res = ola
            .post(app.url(&format!("{path}/hire")))
            .form(&[
                ("candidate_id", cn.to_string()),
                ("start_date", "2027-03-15".into()),
            ])
            .send()
            .await
            .unwrap();
        assert!(!location(res).await.contains("invoiced=1"));
        let n: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM invoices WHERE customer_id = $1")
            .bind(customer)
            .fetch_one(&app.db.pool)
            .await
            .unwrap();
        assert_eq!(n, 1);
        assert_eq!(status_of(app, rid).await, "hired");

        // Fixed: 95 000 kr.
        let fixed: Vec<(&'static str, String)> = vec![
            ("title", "Controller".into()),
            ("fee_kind", "fixed".into()),
            ("fee", "95 000".into()),
            ("guarantee_months", "3".into()),
        ];
        let (rid2, path2) = recruitment(app, &ola, customer, &fixed).await;
        post(
            &ola,
            app,
            &format!("{path2}/candidates"),
            &[("worker_id", &kari.to_string())],
        )
        .await;
        let c = candidate_of(app, rid2, kari).await;
        post(
            &ola,
            app,
            &format!("{path2}/hire"),
            &[
                ("candidate_id", c.to_string().as_str()),
                ("start_date", "2027-04-01"),
            ],
        )
        .await;
        let price: i64 = sqlx::query_scalar(
        "SELECT l.unit_price_ore FROM invoice_lines l JOIN recruitments r ON r.fee_invoice_id = l.invoice_id \
         WHERE r.id = $1",
    )
    .bind(rid2)
    .fetch_one(&app.db.pool)
    .await
    .unwrap();
        assert_eq!(price, 9_500_000);
    }
);

db_test!(
    leaving_within_the_guarantee_reopens_and_after_it_changes_nothing,
    |app| {
        // A customer the invoice can be issued to, in Ola's department.
        let customer = app
            .customer(CustomerDraft {
                name: "Regnskap Nord AS".into(),
                org_number: "974760673".into(),
                status: "active".into(),
                postal_street: "Postboks 900".into(),
                postal_postal_code: "0150".into(),
                owner_id: app.fx.consultant_oslo.to_string(),
                department_id: app.fx.oslo.to_string(),
                ..Default::default()
            })
            .await;
        let ola = app.login("ola@test.no").await;
        let kari = worker(&ola, app, "Kari Nordmann", "candidate").await;
        let credit: Vec<(&'static str, String)> = vec![
            ("title", "Controller".into()),
            ("fee_kind", "fixed".into()),
            ("fee", "100 000".into()),
            ("guarantee_months", "6".into()),
            ("guarantee_consequence", "partial_credit".into()),
            ("guarantee_credit_percent", "50".into()),
        ];
        let hire = |path: String, c: i64| {
            let ola = ola.clone();
            async move {
                let (s, _) = post(
                    &ola,
                    app,
                    &format!("{path}/hire"),
                    &[
                        ("candidate_id", c.to_string().as_str()),
                        ("start_date", "15.01.2027"),
                    ],
                )
                .await;
                assert_eq!(s, 303);
            }
        };
        // Outside the period: 15 July 2027 is the day after the guarantee's last day.
        let (r1, p1) = recruitment(app, &ola, customer, &credit).await;
        post(
            &ola,
            app,
            &format!("{p1}/candidates"),
            &[("worker_id", &kari.to_string())],
        )
        .await;
        hire(p1.clone(), candidate_of(app, r1, kari).await).await;
        let (s, body) = post(
            &ola,
            app,
            &format!("{p1}/left"),
            &[("left_date", "14.01.2027")],
        )
        .await;
        assert_eq!(s, 409, "{body}");
        let (s, _) = post(
            &ola,
            app,
            &format!("{p1}/left"),
            &[("left_date", "15.07.2027")],
        )
        .await;
        assert_eq!(s, 303);
        assert_eq!(status_of(app, r1).await, "hired");
        let left: Option<String> =
            sqlx::query_scalar("SELECT left_at FROM recruitments WHERE id = $1")
                .bind(r1)
                .fetch_one(&app.db.pool)
                .await
                .unwrap();
        assert_eq!(left.as_deref(), Some("2027-07-15"));

        // Inside, with the fee invoice still a draft: say plainly to change the draft.
        let (r2, p2) = recruitment(app, &ola, customer, &credit).await;
        post(
            &ola,
            app,
            &format!("{p2}/candidates"),
            &[("worker_id", &kari.to_string())],
        )
        .await;
        hire(p2.clone(), candidate_of(app, r2, kari).await).await;
        let (s, _) = post(
            &ola,
            app,
            &format!("{p2}/left"),
            &[("left_date", "14.07.2027")],
        )
        .await;
        assert_eq!(s, 303);
        assert_eq!(status_of(app, r2).await, "reopened");
        let (_, body) = page(&ola, app, &p2).await;
        assert!(body.contains("id=\"rec-offer-credit-draft\""), "{body}");
        assert!(body.contains("50\u{a0}000,00"), "{body}");
        assert!(!body.contains("id=\"rec-credit-link\""), "{body}");

        // Inside, with the fee invoice issued: the credit page with the amount filled in.
        let (r3, p3) = recruitment(app, &ola, customer, &credit).await;
        post(
            &ola,
            app,
            &format!("{p3}/candidates"),
            &[("worker_id", &kari.to_string())],
        )
        .await;
        hire(p3.clone(), candidate_of(app, r3, kari).await).await;
        let inv: i64 = sqlx::query_scalar("SELECT fee_invoice_id FROM recruitments WHERE id = $1")
            .bind(r3)
            .fetch_one(&app.db.pool)
            .await
            .unwrap();
        let version: i64 = sqlx::query_scalar("SELECT version FROM invoices WHERE id = $1")
            .bind(inv)
            .fetch_one(&app.db.pool)
            .await
            .unwrap();
        let mut tx = app.db.begin().await.unwrap();
        kundekort::invoices::store::issue(&mut tx, inv, version, app.fx.admin, oslo_date(now()))
            .await
            .unwrap();
        tx.commit().await.unwrap();
        post(
            &ola,
            app,
            &format!("{p3}/left"),
            &[("left_date", "2027-02-01")],
        )
        .await;
        assert_eq!(status_of(app, r3).await, "reopened");
        // A consultant is told who may credit; an admin gets the link.
        let (_, body) = page(&ola, app, &p3).await;
        assert!(body.contains("id=\"rec-offer-credit\""), "{body}");
        assert!(body.contains("administrator eller leder"), "{body}");
        let admin = app.admin().await;
        let (_, body) = page(&admin, app, &p3).await;
        let href = body
            .split("id=\"rec-credit-link\"")
            .next()
            .unwrap()
            .rsplit("href=\"")
            .next()
            .unwrap()
            .split('"')
            .next()
            .unwrap()
            .replace("&amp;", "&")
            .replace("&#38;", "&");
        assert!(
            href.starts_with(&format!("/invoices/{inv}/credit?")),
            "{href}"
        );
        let (s, form) = page(&admin, app, &href).await;
        assert_eq!(s, 200, "{form}");
        assert!(form.contains("value=\"50000\""), "{form}");
        assert!(form.contains("value=\"S:2500\" selected"), "{form}");
        assert!(form.contains("Garanti: kreditering"), "{form}");
    }
);
