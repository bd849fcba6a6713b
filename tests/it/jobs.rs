//! The job runner as seen from its logs: a failing job can be followed by its id and kind.

use std::sync::{Arc, Mutex};

use kundekort::{dialog::send, jobs};
use tracing::instrument::WithSubscriber;

use crate::db_test;

/// Log lines written by a subscriber, kept for the test to read.
#[derive(Clone, Default)]
struct Captured(Arc<Mutex<Vec<u8>>>);

impl Captured {
    fn text(&self) -> String {
        String::from_utf8(self.0.lock().unwrap().clone()).unwrap()
    }
}

impl std::io::Write for Captured {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl<'a> tracing_subscriber::fmt::MakeWriter<'a> for Captured {
    type Writer = Captured;

    fn make_writer(&'a self) -> Self::Writer {
        self.clone()
    }
}

db_test!(
    a_failed_job_is_logged_with_its_id_and_kind,
    providers,
    |app, _smtp, _sms| {
        // An email job whose payload names no message fails for good on its first attempt.
        let mut conn = app.db.pool.acquire().await.unwrap();
        let job_id = jobs::enqueue(&mut conn, send::EMAIL_KIND, &serde_json::json!({ "x": 1 }))
            .await
            .unwrap();
        drop(conn);
        let logs = Captured::default();
        let subscriber = tracing_subscriber::fmt()
            .with_writer(logs.clone())
            .with_ansi(false)
            .with_max_level(tracing::Level::INFO)
            .finish();
        let ran = jobs::try_run_one(&app.state, &kundekort::app::job_handlers(), "w")
            .with_subscriber(subscriber)
            .await
            .unwrap();
        assert!(ran);
        let failed: Option<i64> = sqlx::query_scalar("SELECT failed_at FROM jobs WHERE id = $1")
            .bind(job_id)
            .fetch_one(&app.db.pool)
            .await
            .unwrap();
        assert!(failed.is_some(), "the job is recorded as failed");
        let text = logs.text();
        let line = text
            .lines()
            .find(|l| l.contains("job failed"))
            .unwrap_or_else(|| panic!("no failure logged:\n{text}"));
        assert!(line.contains(&format!("job_id={job_id}")), "{line}");
        assert!(line.contains("job_kind=send_email"), "{line}");
        assert!(line.contains("WARN"), "{line}");
    }
);

/// A job that runs until the test lets it finish.
struct Held(Arc<tokio::sync::Notify>);

impl jobs::Handler for Held {
    fn kinds(&self) -> &'static [&'static str] {
        &["test.held"]
    }

    fn run<'a>(
        &'a self,
        _state: &'a kundekort::AppState,
        _job: &'a jobs::Claimed,
    ) -> jobs::BoxFuture<'a, jobs::Outcome> {
        Box::pin(async move {
            self.0.notified().await;
            jobs::Outcome::Done
        })
    }
}

async fn lease(app: &crate::support::TestApp, id: i64) -> Option<i64> {
    sqlx::query_scalar("SELECT locked_until FROM jobs WHERE id = $1")
        .bind(id)
        .fetch_one(&app.db.pool)
        .await
        .unwrap()
}

db_test!(a_running_job_keeps_renewing_its_short_lease, |app| {
    let mut conn = app.db.pool.acquire().await.unwrap();
    let id = jobs::enqueue(&mut conn, "test.held", &serde_json::json!({}))
        .await
        .unwrap();
    drop(conn);
    let release = Arc::new(tokio::sync::Notify::new());
    let registry = jobs::Registry::new().with(Held(release.clone()));
    let state = app.state.clone();
    let worker = tokio::spawn(async move { jobs::try_run_one(&state, &registry, "w1").await });
    // Claimed: a lease of LEASE_SECONDS from now, not minutes.
    let first = loop {
        if let Some(until) = lease(app, id).await {
            break until;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    };
    let claimed_at = kundekort::timefmt::now();
    assert!(
        first <= claimed_at + jobs::LEASE_SECONDS,
        "{first} vs {claimed_at}"
    );
    // While it runs, the lease moves on (renewed every RENEW_EVERY), however long it runs.
    let renewed = loop {
        let until = lease(app, id).await.expect("still leased while running");
        if until > first {
            break until;
        }
        tokio::time::sleep(std::time::Duration::from_millis(250)).await;
    };
    assert!(renewed > first);
    // Done: the lease is let go and renewing stops with the job.
    release.notify_one();
    assert!(worker.await.unwrap().unwrap());
    assert_eq!(lease(app, id).await, None);
    let done: Option<i64> = sqlx::query_scalar("SELECT done_at FROM jobs WHERE id = $1")
        .bind(id)
        .fetch_one(&app.db.pool)
        .await
        .unwrap();
    assert!(done.is_some());
});
