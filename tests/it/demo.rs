//! The README's first command seeds demo data: it must build, and what it builds must hold up
//! (documents in the file store, signed copies with their signature page).

use kundekort::{
    config::FileStoreConfig, db::Db, documents::storage::FileStore, seed,
    signing::pdf::last_page_text,
};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn demo_data_builds_with_documents_and_signed_copies() {
    let dir = tempfile::tempdir().unwrap();
    let db = Db::connect(&format!(
        "sqlite://{}/demo.db?mode=rwc",
        dir.path().display()
    ))
    .await
    .unwrap();
    db.migrate().await.unwrap();
    let files = FileStore::from_config(&FileStoreConfig::Local(dir.path().join("files"))).unwrap();
    let logins = seed::demo_if_empty(&db, &files)
        .await
        .unwrap()
        .expect("an empty database gets demo data");
    assert!(logins.iter().any(|(_, role)| *role == "admin"));
    assert!(
        seed::demo_if_empty(&db, &files).await.unwrap().is_none(),
        "only once"
    );
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
