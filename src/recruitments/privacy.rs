//! Candidates' privacy (issue 15; decision 0038): candidates never hired are anonymised after
//! the period the firm sets (`recruitment_settings`, one row, kept by admins on
//! `/admin/recruitments`), unless they consented to be kept. A recurring job ([`Privacy`], kind
//! [`KIND`], daily at 03:00 Oslo time) does it, logs what it did and records it in the audit
//! log (one row per anonymised worker, and one for the run with its counts).
//!
//! Who is anonymised: workers with status `candidate`, never on an assignment, not erased,
//! without consent to be kept, whose own row was last changed before the cut-off, who were never
//! hired through a recruitment and whose candidacies (recruitments and vacancies) did not
//! change since the cut-off either. `workers::gdpr::anonymise_candidate` does the erasing.

use askama::Template;
use askama_web::WebTemplate;
use axum::{
    Form,
    extract::{Query, State},
    http::StatusCode,
    response::{IntoResponse, Redirect, Response},
};
use serde::Deserialize;
use sqlx::AnyConnection;
use time::Time;

use crate::{
    Result,
    audit::{self, Change},
    auth::Staff,
    db::Db,
    error::{FieldErrors, Msg},
    i18n::Lang,
    jobs::{self, BoxFuture, Claimed, Handler, Outcome},
    state::AppState,
    timefmt::{
        now,
        when::{day_start, oslo_date},
    },
    web::{Chrome, form::field_messages},
    workers::gdpr,
};

/// The daily job's kind.
pub const KIND: &str = "recruitments.privacy";
/// The retention period when none was set, in months.
pub const DEFAULT_MONTHS: i64 = 6;
/// The longest retention period taken, in months.
pub const MAX_MONTHS: i64 = 60;

/// When the daily run happens, Oslo time.
const RUN_AT: Time = time::macros::time!(03:00);

/// How long candidates are kept.
pub async fn retention_months(db: &Db) -> Result<i64> {
    let months: Option<i64> = sqlx::query_scalar(
        "SELECT candidate_retention_months FROM recruitment_settings WHERE id = 1",
    )
    .fetch_optional(&db.pool)
    .await?;
    Ok(months.unwrap_or(DEFAULT_MONTHS))
}

/// Saves the retention period and records the change firm-wide.
pub async fn save_retention(
    conn: &mut AnyConnection,
    user_id: i64,
    old: i64,
    months: i64,
) -> Result<()> {
    sqlx::query(
        "UPDATE recruitment_settings SET candidate_retention_months = $1, updated_at = $2 WHERE id = 1",
    )
    .bind(months)
    .bind(now())
    .execute(&mut *conn)
    .await?;
    if old != months {
        audit::record_unscoped(
            conn,
            "recruitment-settings",
            1,
            "update",
            &[Change {
                field: "candidate_retention_months".into(),
                old: Some(old.to_string()),
                new: Some(months.to_string()),
            }],
            Some(user_id),
        )
        .await?;
    }
    Ok(())
}

/// The start of the Oslo day `months` calendar months before `at`'s day.
pub fn cutoff(at: i64, months: i64) -> i64 {
    let today = oslo_date(at);
    let total = i64::from(today.year()) * 12 + i64::from(today.month() as u8) - 1 - months;
    let (year, month) = (
        total.div_euclid(12) as i32,
        (total.rem_euclid(12) + 1) as u8,
    );
    let month = time::Month::try_from(month).unwrap_or(time::Month::January);
    let day = today.day().min(time::util::days_in_month(month, year));
    time::Date::from_calendar_date(year, month, day)
        .map(day_start)
        .unwrap_or(0)
}

/// What one run did.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Report {
    pub anonymised: usize,
    /// Past the period but kept: they consented.
    pub kept_by_consent: usize,
    /// Past the period but kept: hired through a recruitment, or a candidacy changed since.
    pub kept_active: usize,
}

/// Anonymises the candidates due at `at` (see the module comment), each in its own
/// transaction; removes their deleted documents' files; records the run.
pub async fn run_due(state: &AppState, at: i64) -> Result<Report> {
    let months = retention_months(&state.db).await?;
    let before = cutoff(at, months);
    let mut conn = state.db.pool.acquire().await?;
    let idle = gdpr::idle_candidates(&mut conn, before).await?;
    let hired: Vec<i64> = sqlx::query_scalar(super::store::HIRED_WORKERS)
        .fetch_all(&mut *conn)
        .await?;
    let mut active: Vec<i64> = sqlx::query_scalar(
        "SELECT DISTINCT worker_id FROM recruitment_candidates WHERE updated_at >= $1",
    )
    .bind(before)
    .fetch_all(&mut *conn)
    .await?;
    active.extend(crate::vacancies::store::workers_active_since(&mut conn, before).await?);
    drop(conn);
    let mut report = Report::default();
    for (id, keep) in idle {
        if keep {
            report.kept_by_consent += 1;
            continue;
        }
        if hired.contains(&id) || active.contains(&id) {
            report.kept_active += 1;
            continue;
        }
        let mut tx = state.db.begin().await?;
        let files = gdpr::anonymise_candidate(&mut tx, id).await?;
        audit::record_unscoped(
            &mut tx,
            "worker",
            id,
            "privacy-anonymise",
            &[Change {
                field: "retention_months".into(),
                old: None,
                new: Some(months.to_string()),
            }],
            None,
        )
        .await?;
        tx.commit().await?;
        for key in files {
            crate::files::form::forget(&state.files, &key).await;
        }
        report.anonymised += 1;
    }
    let mut conn = state.db.pool.acquire().await?;
    let count = |n: usize| Some(n.to_string());
    audit::record_unscoped(
        &mut conn,
        "recruitment-privacy",
        1,
        "privacy-run",
        &[
            Change {
                field: "anonymised".into(),
                old: None,
                new: count(report.anonymised),
            },
            Change {
                field: "kept_by_consent".into(),
                old: None,
                new: count(report.kept_by_consent),
            },
            Change {
                field: "kept_active".into(),
                old: None,
                new: count(report.kept_active),
            },
        ],
        None,
    )
    .await?;
    Ok(report)
}

/// The next run after `at`: 03:00 Oslo time the next day.
pub fn next_run(at: i64) -> i64 {
    jobs::next_daily_run(at, RUN_AT)
}

/// Makes sure the daily job is queued (at start-up).
pub async fn ensure_scheduled(db: &Db) -> Result<()> {
    jobs::ensure_daily(db, KIND, RUN_AT).await
}

/// The recurring job: queues the next day's run, then anonymises what is due.
pub struct Privacy;

impl Handler for Privacy {
    fn kinds(&self) -> &'static [&'static str] {
        &[KIND]
    }

    fn run<'a>(&'a self, state: &'a AppState, job: &'a Claimed) -> BoxFuture<'a, Outcome> {
        Box::pin(async move {
            let at = now();
            if let Err(outcome) = jobs::queue_next_daily(&state.db, KIND, RUN_AT, job, at).await {
                return outcome;
            }
            match run_due(state, at).await {
                Ok(r) => {
                    tracing::info!(
                        anonymised = r.anonymised,
                        kept_by_consent = r.kept_by_consent,
                        kept_active = r.kept_active,
                        "candidates' privacy: run done"
                    );
                    Outcome::Done
                }
                Err(e) => Outcome::Retry(format!("database: {e}")),
            }
        })
    }
}

/// The setting as typed.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default)]
pub struct SettingsForm {
    pub candidate_retention_months: String,
}

impl SettingsForm {
    pub fn parse(&self) -> std::result::Result<i64, FieldErrors> {
        let mut e = FieldErrors::default();
        match self.candidate_retention_months.trim().parse::<i64>() {
            Ok(n) if (1..=MAX_MONTHS).contains(&n) => Ok(n),
            _ => {
                e.add(
                    "candidate_retention_months",
                    Msg::new("rec-settings-months-invalid").arg("max", MAX_MONTHS),
                );
                Err(e)
            }
        }
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "recruitments/settings.html")]
pub struct SettingsView {
    lang: Lang,
    chrome: Chrome,
    form: SettingsForm,
    errors: FieldErrors,
    saved: bool,
}

impl SettingsView {
    fn errs(&self, field: &str) -> Vec<String> {
        field_messages(&self.errors, self.lang, field)
    }
}

#[derive(Deserialize, Default)]
pub struct PageParams {
    saved: Option<String>,
}

/// GET /admin/recruitments
#[tracing::instrument(skip_all, fields(user_id = user.id))]
pub async fn page(
    State(state): State<AppState>,
    user: Staff,
    Query(p): Query<PageParams>,
) -> Result<SettingsView> {
    user.require_admin()?;
    Ok(SettingsView {
        lang: user.lang,
        chrome: Chrome::new(&user, "admin"),
        form: SettingsForm {
            candidate_retention_months: retention_months(&state.db).await?.to_string(),
        },
        errors: FieldErrors::default(),
        saved: p.saved.is_some(),
    })
}

/// POST /admin/recruitments
#[tracing::instrument(skip_all, fields(user_id = user.id))]
pub async fn save(
    State(state): State<AppState>,
    user: Staff,
    Form(form): Form<SettingsForm>,
) -> Result<Response> {
    user.require_admin()?;
    match form.parse() {
        Ok(months) => {
            let old = retention_months(&state.db).await?;
            let mut tx = state.db.begin().await?;
            save_retention(&mut tx, user.id, old, months).await?;
            tx.commit().await?;
            Ok(Redirect::to("/admin/recruitments?saved=1").into_response())
        }
        Err(errors) => {
            let view = SettingsView {
                lang: user.lang,
                chrome: Chrome::new(&user, "admin"),
                form,
                errors,
                saved: false,
            };
            Ok((StatusCode::UNPROCESSABLE_ENTITY, view).into_response())
        }
    }
}

#[cfg(test)]
mod tests {
    use time::macros::datetime;

    use super::*;
    use crate::timefmt::when::oslo_to_unix;

    #[test]
    fn the_cutoff_is_whole_calendar_months_back() {
        let at = oslo_to_unix(datetime!(2027-08-31 12:00));
        assert_eq!(
            cutoff(at, 6),
            day_start(time::macros::date!(2027 - 02 - 28))
        );
        let at = oslo_to_unix(datetime!(2027-01-15 12:00));
        assert_eq!(
            cutoff(at, 1),
            day_start(time::macros::date!(2026 - 12 - 15))
        );
        assert!(
            SettingsForm {
                candidate_retention_months: "0".into()
            }
            .parse()
            .is_err()
        );
        assert_eq!(
            SettingsForm {
                candidate_retention_months: " 12 ".into()
            }
            .parse()
            .ok(),
            Some(12)
        );
    }
}
