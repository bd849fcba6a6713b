//! The demo data (`serve --demo`): a dialog to look at on both databases, and nothing queued to
//! send.

use kundekort::{db::Db, seed};

async fn demo_dialog(db: &Db) {
    db.migrate().await.unwrap();
    assert!(seed::demo_if_empty(db).await.unwrap().is_some());
    let statuses: Vec<String> =
        sqlx::query_scalar("SELECT DISTINCT status FROM messages ORDER BY status")
            .fetch_all(&db.pool)
            .await
            .unwrap();
    assert_eq!(statuses, ["delivered", "failed", "received", "sent"]);
    let (jobs,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM jobs")
        .fetch_one(&db.pool)
        .await
        .unwrap();
    assert_eq!(jobs, 0, "history is not sent again");
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
        seed::demo_if_empty(db).await.unwrap().is_none(),
        "only once"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn demo_data_has_a_dialog_and_nothing_to_send_sqlite() {
    let dir = tempfile::tempdir().unwrap();
    let db = Db::connect(&format!("sqlite://{}/demo.db", dir.path().display()))
        .await
        .unwrap();
    demo_dialog(&db).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn demo_data_has_a_dialog_and_nothing_to_send_postgres() {
    let Some(admin_url) = crate::support::postgres_url() else {
        return;
    };
    let name = format!("kk_test_demo_{:016x}", rand::random::<u64>());
    let admin = Db::connect(&admin_url).await.unwrap();
    sqlx::query(sqlx::AssertSqlSafe(format!("CREATE DATABASE {name}")))
        .execute(&admin.pool)
        .await
        .unwrap();
    let mut url = url::Url::parse(&admin_url).unwrap();
    url.set_path(&format!("/{name}"));
    let db = Db::connect(url.as_str()).await.unwrap();
    let outcome =
        futures::FutureExt::catch_unwind(std::panic::AssertUnwindSafe(demo_dialog(&db))).await;
    db.pool.close().await;
    let drop = format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)");
    sqlx::query(sqlx::AssertSqlSafe(drop))
        .execute(&admin.pool)
        .await
        .unwrap();
    if let Err(panic) = outcome {
        std::panic::resume_unwind(panic);
    }
}
