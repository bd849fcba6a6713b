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
