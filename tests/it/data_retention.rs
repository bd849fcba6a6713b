//! Retention of the dialog's messages and of finished background jobs (decision 0073): the
//! daily job deletes messages older than `KUNDEKORT_RETAIN_MESSAGES_MONTHS` with their
//! recipients, attachments' rows and delivery history (never a queued one), and jobs finished
//! more than `KUNDEKORT_RETAIN_JOBS_DAYS` ago, in batches; unset, messages are kept. Documents
//! an erasure kept are deleted, file and all, once the day they were kept until has passed.

use kundekort::{
    ops::retention::{self, BATCH, KIND},
    timefmt::now,
};

use crate::{
    db_test,
    support::{TestApp, fixtures::run_worker},
};

const DAY: i64 = 86_400;

async fn count(app: &TestApp, sql: &str) -> i64 {
    sqlx::query_scalar(sqlx::AssertSqlSafe(sql.to_string()))
        .fetch_one(&app.db.pool)
        .await
        .unwrap()
}

async fn exec(app: &TestApp, sql: &str) {
    sqlx::query(sqlx::AssertSqlSafe(sql.to_string()))
        .execute(&app.db.pool)
        .await
        .unwrap();
}

/// `n` messages `days_ago` days old with status `status`, uids `<prefix>-<i>`; each with a
/// recipient, an attachment's row and a delivery event.
async fn messages(app: &TestApp, prefix: &str, n: i64, days_ago: i64, status: &str) {
    let at = now() - days_ago * DAY;
    exec(
        app,
        &format!(
            "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < {n}) \
             INSERT INTO messages (uid, channel, direction, from_address, to_display, body, \
             search_text, status, created_at, updated_at) \
             SELECT '{prefix}-' || CAST(i AS TEXT), 'email', 'out', 'post@byraa.test', 'Kari', 'Hei', 'hei', \
             '{status}', {at}, {at} FROM n"
        ),
    )
    .await;
    let mine = format!("SELECT id FROM messages WHERE uid LIKE '{prefix}-%'");
    exec(
        app,
        &format!(
            "INSERT INTO message_recipients (message_id, kind, name, address) \
             SELECT id, 'to', 'Kari', 'kari@kunde.test' FROM messages WHERE id IN ({mine})"
        ),
    )
    .await;
    exec(
        app,
        &format!(
            "INSERT INTO message_attachments (message_id, document_version_id, file_name, \
             content_type, size_bytes) SELECT id, 1, 'kontrakt.pdf', 'application/pdf', 10 \
             FROM messages WHERE id IN ({mine})"
        ),
    )
    .await;
    exec(
        app,
        &format!(
            "INSERT INTO message_events (message_id, at, status) SELECT id, {at}, '{status}' \
             FROM messages WHERE id IN ({mine})"
        ),
    )
    .await;
}

/// `n` jobs of kind `kind` that finished (`done_at` or `failed_at`) `days_ago` days ago.
async fn finished_jobs(app: &TestApp, kind: &str, n: i64, column: &str, days_ago: i64) {
    let at = now() - days_ago * DAY;
    exec(
        app,
        &format!(
            "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < {n}) \
             INSERT INTO jobs (kind, payload, run_at, attempts, max_attempts, {column}, created_at) \
             SELECT '{kind}', '{{}}', {at}, 1, 5, {at}, {at} FROM n"
        ),
    )
    .await;
}

async fn seed(app: &TestApp) {
    // Old enough under 12 months: more than two batches of them.
    messages(app, "old", 2 * BATCH + 100, 400, "delivered").await;
    messages(app, "inbox", 3, 400, "received").await;
    // Old but still queued: on its way, kept.
    messages(app, "stuck", 1, 400, "queued").await;
    // Younger than 12 months.
    messages(app, "new", 5, 300, "sent").await;
    finished_jobs(app, "send_email", BATCH + 20, "done_at", 31).await;
    finished_jobs(app, "send_sms", 2, "failed_at", 45).await;
    finished_jobs(app, "send_email_recent", 4, "done_at", 29).await;
    // A job not finished, however old (made long ago, due later): kept.
    exec(
        app,
        &format!(
            "INSERT INTO jobs (kind, payload, run_at, attempts, max_attempts, created_at) \
             VALUES ('waiting', '{{}}', {}, 0, 5, {})",
            now() + 400 * DAY,
            now() - 400 * DAY
        ),
    )
    .await;
}

db_test!(
    old_messages_and_finished_jobs_are_deleted_by_the_daily_job,
    config = |c| c.retain_messages_months = Some(12),
    |app| {
        seed(app).await;
        retention::ensure_scheduled(&app.db).await.unwrap();
        retention::ensure_scheduled(&app.db).await.unwrap();
        let waiting = format!(
            "SELECT COUNT(*) FROM jobs WHERE kind = '{KIND}' AND done_at IS NULL AND failed_at IS NULL"
        );
        assert_eq!(count(app, &waiting).await, 1, "one run waits");
        exec(
            app,
            &format!("UPDATE jobs SET run_at = 0 WHERE kind = '{KIND}'"),
        )
        .await;
        assert_eq!(run_worker(app).await, 1);

        let uids: Vec<String> =
            sqlx::query_scalar("SELECT uid FROM messages WHERE uid NOT LIKE 'new-%' ORDER BY uid")
                .fetch_all(&app.db.pool)
                .await
                .unwrap();
        assert_eq!(uids, ["stuck-1"], "only the queued old one is left");
        assert_eq!(
            count(app, "SELECT COUNT(*) FROM messages WHERE uid LIKE 'new-%'").await,
            5
        );
        for child in [
            "message_recipients",
            "message_attachments",
            "message_events",
        ] {
            assert_eq!(
                count(app, &format!("SELECT COUNT(*) FROM {child}")).await,
                6,
                "{child}: the kept messages' rows only"
            );
            assert_eq!(
                count(
                    app,
                    &format!(
                        "SELECT COUNT(*) FROM {child} WHERE message_id NOT IN (SELECT id FROM messages)"
                    )
                )
                .await,
                0
            );
        }
        let kinds: Vec<String> = sqlx::query_scalar(
            "SELECT DISTINCT kind FROM jobs WHERE kind <> 'invoice_pdf' ORDER BY kind",
        )
        .fetch_all(&app.db.pool)
        .await
        .unwrap();
        assert_eq!(kinds, [KIND, "send_email_recent", "waiting"], "{kinds:?}");
        assert_eq!(
            count(
                app,
                "SELECT COUNT(*) FROM jobs WHERE kind = 'send_email_recent'"
            )
            .await,
            4
        );
        // This run finished just now and stays; the next night's run waits.
        assert_eq!(count(app, &waiting).await, 1);
        assert_eq!(
            count(
                app,
                &format!("SELECT COUNT(*) FROM jobs WHERE kind = '{KIND}'")
            )
            .await,
            2
        );
    }
);

db_test!(without_a_message_retention_messages_are_kept, |app| {
    assert_eq!(app.state.config.retain_messages_months, None);
    assert_eq!(app.state.config.retain_jobs_days, 30);
    seed(app).await;
    let all = count(app, "SELECT COUNT(*) FROM messages").await;
    let pruned = retention::prune(
        &app.db,
        now(),
        app.state.config.retain_messages_months,
        app.state.config.retain_jobs_days,
    )
    .await
    .unwrap();
    assert_eq!((pruned.messages, pruned.jobs), (0, BATCH as u64 + 22));
    assert_eq!(count(app, "SELECT COUNT(*) FROM messages").await, all);
    // `0` days keeps finished jobs too.
    finished_jobs(app, "send_email", 3, "done_at", 400).await;
    let pruned = retention::prune(&app.db, now(), None, 0).await.unwrap();
    assert_eq!((pruned.messages, pruned.jobs), (0, 0));
});

db_test!(
    a_contract_kept_after_an_erasure_goes_when_its_date_has_passed,
    |app| {
        let kari = crate::support::workers::worker(app, "Kari Nordmann", "kari@vikar.test").await;
        let mut keys = Vec::new();
        for (title, until) in [("Gammel", "2025-12-31"), ("Ny", "2031-12-31")] {
            let key = format!("retention-test/{title}");
            app.state
                .files
                .put(&key, b"%PDF-1.4 kontrakt".to_vec())
                .await
                .unwrap();
            sqlx::query(
                "INSERT INTO worker_documents (worker_id, category, title, file_name, storage_key, \
                 content_type, size_bytes, sha256, retain_until, created_at) \
                 VALUES ($1, 'employment_contract', $2, 'kontrakt.pdf', $3, 'application/pdf', 17, \
                 'x', $4, 0)",
            )
            .bind(kari)
            .bind(title)
            .bind(&key)
            .bind(until)
            .execute(&app.db.pool)
            .await
            .unwrap();
            keys.push(key);
        }
        let today = time::macros::date!(2026 - 01 - 01);
        let deleted = retention::prune_kept_documents(&app.db, &app.state.files, today)
            .await
            .unwrap();
        assert_eq!(deleted, 1);
        let titles: Vec<String> =
            sqlx::query_scalar("SELECT title FROM worker_documents WHERE worker_id = $1")
                .bind(kari)
                .fetch_all(&app.db.pool)
                .await
                .unwrap();
        assert_eq!(titles, ["Ny"]);
        assert!(
            app.state.files.bytes(&keys[0]).await.is_err(),
            "the file is gone"
        );
        assert!(
            app.state.files.bytes(&keys[1]).await.is_ok(),
            "the newer one stays"
        );
        // On its last day it is still kept.
        let deleted = retention::prune_kept_documents(
            &app.db,
            &app.state.files,
            time::macros::date!(2031 - 12 - 31),
        )
        .await
        .unwrap();
        assert_eq!(deleted, 0);
    }
);
