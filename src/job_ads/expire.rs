//! Automatic unpublishing, a recurring job ([`Expiry`], kind [`KIND`]) every
//! [`EVERY_SECONDS`]: ads whose deadline has passed, ads whose vacancy is filled or
//! cancelled (a vacancy's own status change already unpublishes them; this catches what that
//! missed), and ads whose recruitment no longer searches (hired, cancelled, closed). The public pages never show an ad past its deadline, even between two runs.

use crate::{
    Result,
    jobs::{self, BoxFuture, Claimed, Handler, Outcome},
    state::AppState,
    timefmt::now,
};

use super::{model::UnpublishReason, public::today, store};

/// The job's kind.
pub const KIND: &str = "job_ads.expiry";

/// How often it runs.
pub const EVERY_SECONDS: i64 = 5 * 60;

/// What one run took down.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Done {
    pub expired: usize,
    pub vacancy_closed: usize,
    pub recruitment_closed: usize,
}

/// Unpublishes what is due now.
pub async fn run_once(state: &AppState) -> Result<Done> {
    let mut done = Done::default();
    for id in store::expired(&state.db, &today()).await? {
        let mut tx = state.db.begin().await?;
        if store::unpublish(&mut tx, None, id, UnpublishReason::Deadline).await? {
            done.expired += 1;
        }
        tx.commit().await?;
    }
    for (customer_id, vacancy_id) in store::published_vacancies(&state.db).await? {
        let open = crate::vacancies::store::get(&state.db, customer_id, vacancy_id)
            .await?
            .is_some_and(|v| v.status() == crate::vacancies::model::Status::Open);
        if !open {
            let mut tx = state.db.begin().await?;
            done.vacancy_closed += store::unpublish_for_vacancy(&mut tx, vacancy_id).await?;
            tx.commit().await?;
        }
    }
    for (customer_id, recruitment_id) in store::published_recruitments(&state.db).await? {
        let searching = crate::recruitments::store::get(&state.db, customer_id, recruitment_id)
            .await?
            .is_some_and(|r| r.status().is_searching());
        if !searching {
            let mut tx = state.db.begin().await?;
            done.recruitment_closed +=
                store::unpublish_for_recruitment(&mut tx, recruitment_id).await?;
            tx.commit().await?;
        }
    }
    Ok(done)
}

/// Makes sure the job is queued (at start-up).
pub async fn ensure_scheduled(db: &crate::db::Db) -> Result<()> {
    let mut conn = db.pool.acquire().await?;
    jobs::schedule_once(&mut conn, KIND, now() + EVERY_SECONDS, None).await?;
    Ok(())
}

/// The recurring job: queues the next run, then unpublishes what is due.
pub struct Expiry;

impl Handler for Expiry {
    fn kinds(&self) -> &'static [&'static str] {
        &[KIND]
    }

    fn run<'a>(&'a self, state: &'a AppState, job: &'a Claimed) -> BoxFuture<'a, Outcome> {
        Box::pin(async move {
            let next = async {
                let mut conn = state.db.pool.acquire().await?;
                jobs::schedule_once(&mut conn, KIND, now() + EVERY_SECONDS, Some(job.id)).await
            };
            if let Err(e) = next.await {
                return Outcome::Retry(format!("database: {e}"));
            }
            match run_once(state).await {
                Ok(done) => {
                    if done != Done::default() {
                        tracing::info!(
                            expired = done.expired,
                            vacancy_closed = done.vacancy_closed,
                            recruitment_closed = done.recruitment_closed,
                            "job ads unpublished"
                        );
                    }
                    Outcome::Done
                }
                Err(e) => Outcome::Retry(format!("database: {e}")),
            }
        })
    }
}
