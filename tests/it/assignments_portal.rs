//! What others see of an assignment: the confirmation emails (the worker sees pay, the
//! customer's approver the bill rate, neither the other's), the portal (names, role and period,
//! never pay), and the overview's count of active assignments.

use crate::{
    db_test,
    support::fixtures::{accept, customer_with_contacts, invite, run_worker},
};

/// Kari on an active, green assignment at the Oslo customer with Åse approving; the detail path.
async fn active_assignment(app: &crate::support::TestApp, oslo: i64, ase: i64) -> String {
    let ola = app.login("ola@test.no").await;
    let res = ola
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
    let (worker,): (i64,) = sqlx::query_as("SELECT id FROM workers")
        .fetch_one(&app.db.pool)
        .await
        .unwrap();
    let form: Vec<(&str, String)> = vec![
        ("worker_id", worker.to_string()),
        ("title", "Lagermedarbeider".into()),
        ("from_date", "2027-01-04".into()),
        ("to_date", "2027-03-31".into()),
        ("hours_per_week", "37,5".into()),
        ("day", "1".into()),
        ("day", "2".into()),
        ("day", "3".into()),
        ("day", "4".into()),
        ("day", "5".into()),
        ("day_start", "07:30".into()),
        ("day_end", "15:30".into()),
        ("break_minutes", "30".into()),
        ("bill_rate", "450".into()),
        ("pay_rate", "230".into()),
        ("legal_basis", "temporary_work".into()),
        ("legal_basis_text", "Vareopptelling".into()),
        ("equal_pay", "225".into()),
        ("equal_confirmed_on", "2026-10-01".into()),
        ("approver_contact_id", ase.to_string()),
    ];
    let res = ola
        .post(app.url(&format!("/customers/{oslo}/assignments")))
        .form(&form)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303);
    let detail = res.headers()["location"]
        .to_str()
        .unwrap()
        .split('?')
        .next()
        .unwrap()
        .to_string();
    let res = ola
        .post(app.url(&format!("{detail}/status")))
        .form(&[("action", "activate")])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303, "a green assignment activates");
    detail
}

db_test!(
    confirmations_show_each_side_only_its_own_rate,
    providers,
    |app, smtp, _sms| {
        let (oslo, _, ase, _) = customer_with_contacts(app).await;
        let detail = active_assignment(app, oslo, ase).await;
        let ola = app.login("ola@test.no").await;

        // The overview counts it.
        let overview = ola
            .get(app.url(&format!("/customers/{oslo}")))
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        assert!(
            overview.contains("id=\"figure-active-assignments\">1<"),
            "{overview}"
        );

        // The confirmation: two emails through the outbox, each with its own rate.
        let res = ola
            .post(app.url(&format!("{detail}/confirm")))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 200);
        let page = res.text().await.unwrap();
        assert!(page.contains("til vikaren og til 1 godkjenner"), "{page}");
        assert_eq!(run_worker(app).await, 2);
        let got = smtp.messages();
        assert_eq!(got.len(), 2);
        let to_worker = got
            .iter()
            .find(|m| m.rcpt_to == vec!["kari@vikar.test".to_string()])
            .unwrap();
        let to_ase = got
            .iter()
            .find(|m| m.rcpt_to == vec!["ase@nordlys.test".to_string()])
            .unwrap();
        let text =
            |m: &crate::support::fake_smtp::Received| m.parsed().body_text(0).unwrap().to_string();
        assert!(
            text(to_worker).contains("Timelønn: 230,00 kr") && !text(to_worker).contains("450"),
            "{}",
            text(to_worker)
        );
        assert!(
            text(to_ase).contains("Timepris: 450,00 kr") && !text(to_ase).contains("230"),
            "{}",
            text(to_ase)
        );
        assert_eq!(
            to_ase.parsed().subject(),
            Some("Oppdragsbekreftelse: Lagermedarbeider hos Nordlys Elektro AS")
        );
    }
);

db_test!(the_portal_shows_who_works_there_never_the_rates, |app| {
    let (oslo, _, ase, per) = customer_with_contacts(app).await;
    active_assignment(app, oslo, ase).await;
    let ola = app.login("ola@test.no").await;
    // The portal: Åse may view assignments and sees who works there, never the rates.
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
    assert!(home.contains("id=\"portal-assignments\""), "{home}");
    assert!(
        home.contains("Kari Nordmann") && home.contains("Lagermedarbeider"),
        "{home}"
    );
    assert!(home.contains("04.01.2027 – 31.03.2027"), "{home}");
    for secret in [
        "450",
        "230",
        "225",
        "margin",
        "Dekningsbidrag",
        "kari@vikar.test",
    ] {
        assert!(!home.contains(secret), "the portal shows {secret}");
    }
    // Per has no right to view assignments: no section at all.
    let path = invite(&ola, app, oslo, per, &["view_documents"]).await;
    let portal = accept(app, &path).await;
    let home = portal
        .get(app.url("/portal"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        !home.contains("portal-assignments") && !home.contains("Kari Nordmann"),
        "{home}"
    );
});
