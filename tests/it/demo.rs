//! The demo data (`serve --demo`) builds on both databases, and what it builds holds up: a dialog
//! to look at with nothing queued to send, documents in the file store, signed copies with their
//! signature page.

use kundekort::{
    config::FileStoreConfig, db::Db, files::FileStore, seed, signing::pdf::last_page_text,
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
}

db_test!(demo_data_builds, each_backend = demo_data_builds);
async fn demo_data_builds(backend: Backend) {
    with_empty_database(backend, async |db: &Db| demo(db).await).await
}
