//! Reminders through the outbox (decision 0019), run once a day by a recurring job
//! ([`Reminders`], kind [`KIND`]): the worker, N days after a period ends with its sheet still a
//! draft or rejected, by email (or SMS when they have no email address); each approver still to
//! decide, N days after the sheet was submitted, by email pointing to the portal. N is the
//! firm's setting (0 = off). Each reminder is recorded in `timesheet_reminders` in the same
//! transaction as its message, so it goes once per sheet, kind and recipient (for approvers:
//! per submission) however often the job runs. A reminder that fell due more than
//! [`CATCH_UP_DAYS`] ago (the job was down, or the setting was just turned on) is not sent.

use sqlx::AnyConnection;
use time::{Date, Duration, Time};
use url::Url;

use super::{
    notify::{self, Reason},
    store::settings,
};
use crate::{
    Result,
    db::Db,
    dialog::outbox::{self, NewEmail, NewSms, Origin, Recipient},
    i18n::Lang,
    jobs::{self, BoxFuture, Claimed, Handler, Outcome},
    state::AppState,
    timefmt::{
        date_text, now,
        when::{date_string, oslo_date, parse_date},
    },
    workers::store as workers,
};

/// The daily job's kind.
pub const KIND: &str = "timesheets.reminders";

/// How long after falling due a reminder is still sent.
pub const CATCH_UP_DAYS: i64 = 7;

/// When the daily run happens, Oslo time.
const RUN_AT: Time = time::macros::time!(06:00);

/// What one run sent.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Sent {
    pub workers: usize,
    pub approvers: usize,
}

/// The recurring job: queues the next day's run, then sends what is due.
pub struct Reminders;

impl Handler for Reminders {
    fn kinds(&self) -> &'static [&'static str] {
        &[KIND]
    }

    fn run<'a>(&'a self, state: &'a AppState, job: &'a Claimed) -> BoxFuture<'a, Outcome> {
        Box::pin(async move {
            let at = now();
            if let Err(outcome) = jobs::queue_next_daily(&state.db, KIND, RUN_AT, job, at).await {
                return outcome;
            }
            match send_due(&state.db, &state.config.public_url, at).await {
                Ok(sent) => {
                    tracing::info!(
                        workers = sent.workers,
                        approvers = sent.approvers,
                        "timesheet reminders queued"
                    );
                    Outcome::Done
                }
                Err(e) => Outcome::Retry(format!("database: {e}")),
            }
        })
    }
}

/// The next run after `at`: 06:00 Oslo time the next day.
pub fn next_run(at: i64) -> i64 {
    jobs::next_daily_run(at, RUN_AT)
}

/// Makes sure the daily job is queued (at start-up).
pub async fn ensure_scheduled(db: &Db) -> Result<()> {
    jobs::ensure_daily(db, KIND, RUN_AT).await
}

/// Sends every reminder due at `at` that was not sent before.
pub async fn send_due(db: &Db, public_url: &Url, at: i64) -> Result<Sent> {
    let s = settings::settings(db).await?;
    let mut sent = Sent::default();
    if s.worker_reminder_days > 0 {
        let due = oslo_date(at) - Duration::days(s.worker_reminder_days);
        for sheet in workers_due(db, due).await? {
            let mut tx = db.begin().await?;
            if remind_worker(&mut tx, &sheet, public_url).await? {
                tx.commit().await?;
                sent.workers += 1;
            } else {
                // At once: a dropped transaction would keep SQLite's write lock until reused.
                tx.rollback().await?;
            }
        }
    }
    if s.approver_reminder_days > 0 {
        let due = at - s.approver_reminder_days * 86_400;
        for (sheet_id, submitted_at, contact_id) in approvers_due(db, due).await? {
            let mut tx = db.begin().await?;
            if record(&mut tx, sheet_id, "approver", contact_id, submitted_at).await?
                && let Some(message) = remind_approver(&mut tx, sheet_id, contact_id).await?
            {
                set_message(
                    &mut tx,
                    sheet_id,
                    "approver",
                    (contact_id, submitted_at),
                    message,
                )
                .await?;
                tx.commit().await?;
                sent.approvers += 1;
            } else {
                tx.rollback().await?;
            }
        }
    }
    Ok(sent)
}

/// A sheet whose worker is due a reminder.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct WorkerDue {
    pub id: i64,
    pub worker_id: i64,
    pub period_start: String,
    pub period_end: String,
    pub title: String,
    pub customer_name: String,
}

/// Sheets still a draft or rejected whose period ended on `due` or in the [`CATCH_UP_DAYS`]
/// before, of assignments not cancelled, without a worker's reminder.
async fn workers_due(db: &Db, due: Date) -> Result<Vec<WorkerDue>> {
    Ok(sqlx::query_as(
        "SELECT t.id, a.worker_id, t.period_start, t.period_end, a.title, c.name AS customer_name \
         FROM timesheets t JOIN assignments a ON a.id = t.assignment_id \
         JOIN customers c ON c.id = a.customer_id \
         WHERE t.status IN ('draft', 'rejected') AND t.period_end <= $1 AND t.period_end >= $2 \
         AND a.status <> 'cancelled' AND NOT EXISTS (SELECT 1 FROM timesheet_reminders r \
         WHERE r.timesheet_id = t.id AND r.kind = 'worker') ORDER BY t.id",
    )
    .bind(date_string(due))
    .bind(date_string(due - Duration::days(CATCH_UP_DAYS)))
    .fetch_all(&db.pool)
    .await?)
}

/// (sheet, submitted at, approver) for each approver still to decide on a sheet submitted at
/// or before `due` (and within [`CATCH_UP_DAYS`] of it), not yet reminded of this submission.
async fn approvers_due(db: &Db, due: i64) -> Result<Vec<(i64, i64, i64)>> {
    #[derive(sqlx::FromRow)]
    struct Row {
        id: i64,
        submitted_at: i64,
        approver_contact_id: Option<i64>,
        second_approver_contact_id: Option<i64>,
        first_approved_by_contact_id: Option<i64>,
    }
    let rows: Vec<Row> = sqlx::query_as(
        "SELECT t.id, t.submitted_at, a.approver_contact_id, a.second_approver_contact_id, \
         t.first_approved_by_contact_id FROM timesheets t \
         JOIN assignments a ON a.id = t.assignment_id \
         WHERE t.status = 'submitted' AND t.submitted_at <= $1 AND t.submitted_at >= $2 \
         ORDER BY t.id",
    )
    .bind(due)
    .bind(due - CATCH_UP_DAYS * 86_400)
    .fetch_all(&db.pool)
    .await?;
    let mut out = Vec::new();
    for r in rows {
        let approvers = [r.approver_contact_id, r.second_approver_contact_id];
        for contact in approvers.into_iter().flatten() {
            let due = (r.id, r.submitted_at, contact);
            if Some(contact) != r.first_approved_by_contact_id && !out.contains(&due) {
                out.push(due);
            }
        }
    }
    Ok(out)
}

/// Records a reminder; false when it was sent before (nothing to do).
async fn record(
    conn: &mut AnyConnection,
    sheet_id: i64,
    kind: &str,
    recipient_id: i64,
    round: i64,
) -> Result<bool> {
    let done = sqlx::query(
        "INSERT INTO timesheet_reminders (timesheet_id, kind, recipient_id, round, sent_at) \
         VALUES ($1, $2, $3, $4, $5) \
         ON CONFLICT (timesheet_id, kind, recipient_id, round) DO NOTHING",
    )
    .bind(sheet_id)
    .bind(kind)
    .bind(recipient_id)
    .bind(round)
    .bind(now())
    .execute(&mut *conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

async fn set_message(
    conn: &mut AnyConnection,
    sheet_id: i64,
    kind: &str,
    (recipient_id, round): (i64, i64),
    message_id: i64,
) -> Result<()> {
    sqlx::query(
        "UPDATE timesheet_reminders SET message_id = $1 \
         WHERE timesheet_id = $2 AND kind = $3 AND recipient_id = $4 AND round = $5",
    )
    .bind(message_id)
    .bind(sheet_id)
    .bind(kind)
    .bind(recipient_id)
    .bind(round)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

fn period(start: &str, end: &str) -> String {
    let d = |s: &str| parse_date(s).map(date_text).unwrap_or_default();
    format!("{} – {}", d(start), d(end))
}

fn link(public_url: &Url, path: &str) -> String {
    format!("{}{path}", public_url.as_str().trim_end_matches('/'))
}

/// Reminds the worker of `sheet` (email, or SMS without an email address), recorded; false
/// when they were reminded before, are erased or have no address (nothing recorded then, so a
/// later address still gets one).
pub async fn remind_worker(
    conn: &mut AnyConnection,
    sheet: &WorkerDue,
    public_url: &Url,
) -> Result<bool> {
    let Some(w) = workers::get_in(conn, sheet.worker_id).await? else {
        return Ok(false);
    };
    let email = w.email.clone().filter(|e| !e.is_empty());
    let mobile = w.mobile.clone().filter(|m| !m.is_empty());
    if w.erased_at.is_some() || (email.is_none() && mobile.is_none()) {
        return Ok(false);
    }
    if !record(conn, sheet.id, "worker", sheet.worker_id, 0).await? {
        return Ok(false);
    }
    // Workers have no language of their own yet: the reminder speaks bokmål, as the invitation.
    let lang = Lang::Nb;
    let args = [
        ("name", w.name.clone()),
        ("assignment", sheet.title.clone()),
        ("customer", sheet.customer_name.clone()),
        ("period", period(&sheet.period_start, &sheet.period_end)),
        (
            "link",
            link(public_url, &format!("/worker/timesheets/{}", sheet.id)),
        ),
    ];
    let message = match email {
        Some(email) => {
            outbox::queue_email(
                conn,
                NewEmail {
                    customer_id: None,
                    worker_id: Some(w.id),
                    sender_user_id: None,
                    to: vec![Recipient {
                        name: w.name.clone(),
                        email,
                        contact_id: None,
                    }],
                    cc: Vec::new(),
                    subject: lang.t_with("ts-remind-worker-subject", &args),
                    body: lang.t_with("ts-remind-worker-body", &args),
                    attachments: Vec::new(),
                    sealed: None,
                },
            )
            .await?
        }
        None => {
            outbox::queue_sms(
                conn,
                NewSms {
                    customer_id: None,
                    worker_id: Some(w.id),
                    sender_user_id: None,
                    to: Recipient {
                        name: w.name.clone(),
                        email: mobile.unwrap_or_default(),
                        contact_id: None,
                    },
                    body: lang.t_with("ts-remind-worker-sms", &args),
                    sealed: None,
                },
                &Origin::default(),
            )
            .await?
        }
    };
    set_message(conn, sheet.id, "worker", (sheet.worker_id, 0), message).await?;
    Ok(true)
}

/// Reminds approver `contact_id` of sheet `sheet_id` as they were told on submission
/// ([`notify::notify_approver`]): an email pointing to the portal for one who logs in there, a
/// new one-time link by email or SMS for anyone else (decision 0018); the message's id, or `None`
/// when they can no longer decide on it or cannot be reached.
pub async fn remind_approver(
    conn: &mut AnyConnection,
    sheet_id: i64,
    contact_id: i64,
) -> Result<Option<i64>> {
    notify::notify_approver(conn, sheet_id, contact_id, Reason::Reminder).await
}
