//! The demo data (`serve --demo`) builds on both databases, and what it builds holds up: a dialog
//! to look at with nothing queued to send, documents in the file store, signed copies with their
//! signature page, workers with papers about to expire, and assignments in every state, one of
//! them red for a missing HMS card.

use kundekort::{
    assignments::{
        compliance::Light,
        evaluate::{Subject, evaluate_all},
        store as assignments,
    },
    config::FileStoreConfig,
    db::Db,
    files::FileStore,
    seed,
    signing::pdf::last_page_text,
    timefmt::{
        now,
        when::{date_string, oslo_date},
    },
};

use crate::{
    db_test,
    support::{Backend, app::with_empty_database},
};

async fn demo(db: &Db) {
    db.migrate().await.unwrap();
    let dir = tempfile::tempdir().unwrap();
    let files = FileStore::from_config(&FileStoreConfig::Local(dir.path().join("files"))).unwrap();
    let logins = seed::demo_if_empty(db, &files)
        .await
        .unwrap()
        .expect("an empty database gets demo data");
    assert!(logins.iter().any(|(_, role)| *role == "admin"));
    // A worker who can log in to their own pages, with an active assignment and this month's
    // timesheets prefilled.
    let (worker_login, _) = logins
        .iter()
        .find(|(_, role)| role.starts_with("worker"))
        .expect("a demo worker log-in");
    let (worker, hash): (i64, Option<String>) = sqlx::query_as(
        "SELECT worker_id, password_hash FROM worker_accounts WHERE login_email = $1",
    )
    .bind(worker_login)
    .fetch_one(&db.pool)
    .await
    .unwrap();
    assert!(hash.is_some());
    let (sheets,): (i64,) = sqlx::query_as(
        "SELECT COUNT(*) FROM timesheets t JOIN assignments a ON a.id = t.assignment_id \
         WHERE a.worker_id = $1",
    )
    .bind(worker)
    .fetch_one(&db.pool)
    .await
    .unwrap();
    assert!(sheets >= 1, "{sheets} sheets this month");
    // Job ads on the public pages.
    let (ads,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM job_ads WHERE status = 'published'")
        .fetch_one(&db.pool)
        .await
        .unwrap();
    assert_eq!(ads, 6);
    // Invoices to look at: issued ones (paid, overdue, credited in part) and drafts.
    let kinds: Vec<(String, String, i64)> = sqlx::query_as(
        "SELECT kind, status, COUNT(*) FROM invoices GROUP BY kind, status ORDER BY kind, status",
    )
    .fetch_all(&db.pool)
    .await
    .unwrap();
    let n = |kind: &str, status: &str| {
        kinds
            .iter()
            .find(|k| k.0 == kind && k.1 == status)
            .map_or(0, |k| k.2)
    };
    assert!(n("invoice", "issued") >= 12, "{kinds:?}");
    assert!(n("invoice", "draft") >= 1, "{kinds:?}");
    assert!(n("credit_note", "issued") >= 1, "{kinds:?}");
    // The portal log-in approves the demo worker's sheets, and its company has invoices.
    let (portal_invoices,): (i64,) = sqlx::query_as(
        "SELECT COUNT(*) FROM portal_accounts p JOIN contacts c ON c.id = p.contact_id \
         JOIN invoices i ON i.customer_id = c.customer_id \
         WHERE p.login_email = 'kunde@demo.kundekort.no' AND p.password_hash IS NOT NULL \
         AND i.status = 'issued' AND p.rights LIKE '%view_invoices%'",
    )
    .fetch_one(&db.pool)
    .await
    .unwrap();
    assert!(portal_invoices >= 3, "{portal_invoices}");
    let statuses: Vec<String> =
        sqlx::query_scalar("SELECT DISTINCT status FROM messages ORDER BY status")
            .fetch_all(&db.pool)
            .await
            .unwrap();
    assert_eq!(statuses, ["delivered", "failed", "received", "sent"]);
    let (jobs,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM jobs WHERE kind <> 'invoice_pdf'")
        .fetch_one(&db.pool)
        .await
        .unwrap();
    assert_eq!(
        jobs, 0,
        "history is not sent again (only the demo invoices' PDFs wait)"
    );
    let (unmerged,): (i64,) =
        sqlx::query_as("SELECT COUNT(*) FROM messages WHERE body LIKE '%{%' OR subject LIKE '%{%'")
            .fetch_one(&db.pool)
            .await
            .unwrap();
    assert_eq!(unmerged, 0, "merge fields are filled in");
    let (without_events,): (i64,) = sqlx::query_as(
        "SELECT COUNT(*) FROM messages m WHERE NOT EXISTS \
         (SELECT 1 FROM message_events e WHERE e.message_id = m.id)",
    )
    .fetch_one(&db.pool)
    .await
    .unwrap();
    assert_eq!(without_events, 0);
    let templates: Vec<(Option<i64>, String)> =
        sqlx::query_as("SELECT owner_id, channel FROM message_templates")
            .fetch_all(&db.pool)
            .await
            .unwrap();
    assert!(templates.iter().any(|t| t.0.is_none() && t.1 == "sms"));
    assert!(templates.iter().any(|t| t.0.is_some() && t.1 == "email"));
    assert!(
        seed::demo_if_empty(db, &files).await.unwrap().is_none(),
        "only once"
    );
    // Documents, some out for signing, some signed with a signature page.
    let (documents,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM documents")
        .fetch_one(&db.pool)
        .await
        .unwrap();
    assert!(documents >= 40, "{documents}");
    let completed: Vec<(i64, String)> = sqlx::query_as(
        "SELECT o.id, v.storage_key FROM signature_orders o \
         JOIN document_versions v ON v.id = o.signed_version_id WHERE o.status = 'completed'",
    )
    .fetch_all(&db.pool)
    .await
    .unwrap();
    assert!(!completed.is_empty());
    let copy = files.bytes(&completed[0].1).await.unwrap();
    let (pages, text) = last_page_text(&copy).unwrap();
    assert_eq!(pages, 2);
    assert!(text.contains("Signaturside"), "{text}");
    let (open,): (i64,) =
        sqlx::query_as("SELECT COUNT(*) FROM signature_orders WHERE status = 'open'")
            .fetch_one(&db.pool)
            .await
            .unwrap();
    assert!(open > 0);
    staffing(db).await;
}

/// Workers with skills and papers, and assignments planned, active and ended.
async fn staffing(db: &Db) {
    let count = async |sql: &str| -> i64 {
        let today = date_string(oslo_date(now()));
        let in_30 = date_string(oslo_date(now() + 30 * 86400));
        sqlx::query_scalar(sqlx::AssertSqlSafe(sql.to_string()))
            .bind(today)
            .bind(in_30)
            .fetch_one(&db.pool)
            .await
            .unwrap()
    };
    let workers = count("SELECT COUNT(*) + 0 * LENGTH($1 || $2) FROM workers").await;
    assert!(workers >= 60, "{workers}");
    for status in ["candidate", "employee", "former"] {
        let n = count(&format!(
            "SELECT COUNT(*) FROM workers WHERE status = '{status}' AND LENGTH($1 || $2) > 0"
        ))
        .await;
        assert!(n > 0, "{status}");
    }
    for skill in ["truck", "lager", "betong", "renhold", "sveis"] {
        let n = count(&format!(
            "SELECT COUNT(*) FROM worker_skills WHERE skill_key = '{skill}' AND LENGTH($1 || $2) > 0"
        ))
        .await;
        assert!(n > 0, "{skill}");
    }
    let foreign =
        count("SELECT COUNT(*) FROM workers WHERE needs_work_permit = 1 AND LENGTH($1 || $2) > 0")
            .await;
    assert!(foreign > 0);
    let expiring = count(
        "SELECT COUNT(*) FROM worker_credentials WHERE valid_until >= $1 AND valid_until <= $2",
    )
    .await;
    assert!(expiring >= 3, "{expiring}");
    let expired =
        count("SELECT COUNT(*) + 0 * LENGTH($2) FROM worker_credentials WHERE valid_until < $1")
            .await;
    assert_eq!(expired, 1);

    type Row = (String, i64, i64, String, Option<String>, Option<i64>);
    let rows: Vec<Row> = sqlx::query_as(
        "SELECT status, bill_rate_ore, pay_rate_ore, overtime, legal_basis, equal_terms_id FROM assignments",
    )
    .fetch_all(&db.pool)
    .await
    .unwrap();
    for status in ["planned", "active", "ended"] {
        assert!(rows.iter().any(|r| r.0 == status), "{status}");
    }
    for (_, bill, pay, overtime, ..) in &rows {
        assert!((42_000..=65_000).contains(bill), "{bill}");
        assert!((21_000..=32_000).contains(pay), "{pay}");
        assert!(
            overtime.contains(&format!("\"pay_ore\":{}", pay * 3 / 2)),
            "{overtime}"
        );
    }
    let with_basis = rows.iter().filter(|r| r.4.is_some()).count();
    assert!(
        with_basis * 10 >= rows.len() * 8,
        "{with_basis} of {}",
        rows.len()
    );
    assert!(
        rows.iter().any(|r| r.5.is_some()),
        "some with the hirer's terms"
    );

    // A construction customer whose planned assignment is red for want of an HMS card.
    let (customer, nace): (i64, String) = sqlx::query_as(
        "SELECT c.id, c.industry_code FROM assignments a JOIN workers w ON w.id = a.worker_id \
         JOIN customers c ON c.id = a.customer_id WHERE w.name = 'Tomas Petrauskas'",
    )
    .fetch_one(&db.pool)
    .await
    .unwrap();
    assert!(["41", "42", "43"].contains(&&nace[..2]), "{nace}");
    let list = assignments::list_for_customer(db, customer).await.unwrap();
    let (costs, rules) = assignments::settings(db).await.unwrap();
    let today = oslo_date(now());
    let subjects: Vec<Subject> = list.iter().map(|a| Subject::of(a, today)).collect();
    let lights = evaluate_all(db, customer, Some(&nace), &subjects, &costs, &rules, today)
        .await
        .unwrap();
    let (red, e) = list
        .iter()
        .zip(&lights)
        .find(|(a, _)| a.worker_name == "Tomas Petrauskas")
        .unwrap();
    assert_eq!(red.status, "planned");
    assert_eq!(e.light, Light::Red);
    assert_eq!(
        e.findings.iter().map(|f| f.code).collect::<Vec<_>>(),
        ["no-hms-card"]
    );
    for (a, e) in list.iter().zip(&lights) {
        if a.status == "active" {
            assert_ne!(e.light, Light::Red, "{} is active", a.worker_name);
        }
    }

    // Open vacancies with their terms, and candidates at more than one stage.
    let vacancies: Vec<(i64, i64, i64)> =
        sqlx::query_as("SELECT id, positions, bill_rate_ore FROM vacancies WHERE status = 'open'")
            .fetch_all(&db.pool)
            .await
            .unwrap();
    assert!(vacancies.len() >= 5, "{vacancies:?}");
    assert!(vacancies.iter().all(|v| v.1 >= 1 && v.2 >= 42_000));
    let stages: Vec<(String,)> =
        sqlx::query_as("SELECT DISTINCT stage FROM vacancy_candidates ORDER BY stage")
            .fetch_all(&db.pool)
            .await
            .unwrap();
    assert!(stages.len() >= 3, "{stages:?}");
}

db_test!(demo_data_builds, each_backend = demo_data_builds);
async fn demo_data_builds(backend: Backend) {
    with_empty_database(backend, async |db: &Db| demo(db).await).await
}
