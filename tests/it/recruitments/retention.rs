//! The candidates' privacy job.

use super::*;

db_test!(the_privacy_job_anonymises_old_candidates_only, |app| {
    let customer = oslo_customer(app, "Regnskap Nord AS").await;
    let ola = app.login("ola@test.no").await;
    let old = worker(&ola, app, "Olga Gammel", "candidate").await;
    let consented = worker(&ola, app, "Sigrid Samtykke", "candidate").await;
    let hired = worker(&ola, app, "Harald Ansatt", "candidate").await;
    let active = worker(&ola, app, "Aktiv Kandidat", "candidate").await;
    let recent = worker(&ola, app, "Ny Kandidat", "candidate").await;
    let employee = worker(&ola, app, "Eva Ansatt", "employee").await;
    let fixed: Vec<(&'static str, String)> = vec![
        ("title", "Controller".into()),
        ("fee_kind", "fixed".into()),
        ("fee", "95 000".into()),
    ];
    let (rid, path) = recruitment(app, &ola, customer, &fixed).await;
    for w in [old, consented, hired, active] {
        post(
            &ola,
            app,
            &format!("{path}/candidates"),
            &[("worker_id", &w.to_string())],
        )
        .await;
    }
    let c = candidate_of(app, rid, consented).await;
    assert_eq!(
        post(
            &ola,
            app,
            &format!("{path}/candidates/{c}/keep"),
            &[("keep", "1")]
        )
        .await
        .0,
        303
    );
    let c = candidate_of(app, rid, hired).await;
    post(
        &ola,
        app,
        &format!("{path}/hire"),
        &[
            ("candidate_id", c.to_string().as_str()),
            ("start_date", "2026-01-05"),
        ],
    )
    .await;
    // A year ago: every worker and candidacy but "active" (moved recently) and "recent".
    let year_ago = now() - 365 * 86_400;
    for w in [old, consented, hired, active, employee] {
        sqlx::query("UPDATE workers SET updated_at = $1 WHERE id = $2")
            .bind(year_ago)
            .bind(w)
            .execute(&app.db.pool)
            .await
            .unwrap();
    }
    sqlx::query("UPDATE recruitment_candidates SET updated_at = $1 WHERE worker_id <> $2")
        .bind(year_ago)
        .bind(active)
        .execute(&app.db.pool)
        .await
        .unwrap();
    let report = privacy::run_due(&app.state, now()).await.unwrap();
    assert_eq!(report.anonymised, 1, "{report:?}");
    assert_eq!(report.kept_by_consent, 1, "{report:?}");
    assert_eq!(report.kept_active, 2, "{report:?}");
    let name = |w: i64| async move {
        sqlx::query_as::<_, (String, Option<String>, Option<i64>)>(
            "SELECT name, mobile, erased_at FROM workers WHERE id = $1",
        )
        .bind(w)
        .fetch_one(&app.db.pool)
        .await
        .unwrap()
    };
    let (n, mobile, erased) = name(old).await;
    assert_eq!(n, format!("#{old}"));
    assert!(mobile.is_none() && erased.is_some());
    for (w, expected) in [
        (consented, "Sigrid Samtykke"),
        (hired, "Harald Ansatt"),
        (active, "Aktiv Kandidat"),
        (recent, "Ny Kandidat"),
        (employee, "Eva Ansatt"),
    ] {
        assert_eq!(name(w).await.0, expected);
    }
    // The candidacy stays on the board, anonymised; the run is in the audit log.
    let (_, body) = page(&ola, app, &path).await;
    assert!(
        body.contains(&format!("#{old}")) && body.contains("Anonymisert"),
        "{body}"
    );
    assert!(!body.contains("Olga Gammel"), "{body}");
    let runs: Vec<String> = sqlx::query_scalar(
        "SELECT changes FROM audit_log WHERE entity = 'recruitment-privacy' AND action = 'privacy-run'",
    )
    .fetch_all(&app.db.pool)
    .await
    .unwrap();
    assert_eq!(runs.len(), 1);
    assert!(runs[0].contains("anonymised"), "{}", runs[0]);
    let marked: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM audit_log WHERE entity = 'worker' AND action = 'privacy-anonymise' AND entity_id = $1",
    )
    .bind(old)
    .fetch_one(&app.db.pool)
    .await
    .unwrap();
    assert_eq!(marked, 1);
    // A second run finds nothing new.
    let again = privacy::run_due(&app.state, now()).await.unwrap();
    assert_eq!(again.anonymised, 0);

    // The period is the firm's setting (admins only).
    let (s, _) = post(
        &ola,
        app,
        "/admin/recruitments",
        &[("candidate_retention_months", "12")],
    )
    .await;
    assert_eq!(s, 403);
    let admin = app.admin().await;
    let (s, body) = post(
        &admin,
        app,
        "/admin/recruitments",
        &[("candidate_retention_months", "0")],
    )
    .await;
    assert_eq!(s, 422);
    assert!(body.contains("value=\"0\""), "{body}");
    let (s, _) = post(
        &admin,
        app,
        "/admin/recruitments",
        &[("candidate_retention_months", "24")],
    )
    .await;
    assert_eq!(s, 303);
    assert_eq!(privacy::retention_months(&app.db).await.unwrap(), 24);
    // With 24 months, a worker idle for a year is kept.
    let idle = worker(&ola, app, "Ett År", "candidate").await;
    sqlx::query("UPDATE workers SET updated_at = $1 WHERE id = $2")
        .bind(year_ago)
        .bind(idle)
        .execute(&app.db.pool)
        .await
        .unwrap();
    assert_eq!(
        privacy::run_due(&app.state, now())
            .await
            .unwrap()
            .anonymised,
        0
    );
});
