//! The `invoice_run` job (decision 0034): works a large run in the background — its drafts, or
//! issuing its drafts — through [`runs`](super::runs), while `/invoices/run/{id}` shows the
//! progress. A database error is retried (the work goes on where it stopped); when the job gives
//! up, the run is marked failed.

use super::runs::{self, KIND};
use crate::{
    jobs::{BoxFuture, Claimed, Handler, Outcome},
    state::AppState,
    timefmt,
};

#[derive(serde::Deserialize)]
struct Payload {
    run_id: i64,
}

/// The handler `app` registers.
pub struct RunJob;

impl Handler for RunJob {
    fn kinds(&self) -> &'static [&'static str] {
        &[KIND]
    }

    fn run<'a>(&'a self, state: &'a AppState, job: &'a Claimed) -> BoxFuture<'a, Outcome> {
        Box::pin(async move {
            let Ok(payload) = serde_json::from_str::<Payload>(&job.payload) else {
                return Outcome::Fail("bad payload".into());
            };
            let run = match runs::get(&state.db, payload.run_id).await {
                Ok(Some(run)) => run,
                Ok(None) => return Outcome::Fail("no such run".into()),
                Err(e) => return Outcome::Retry(format!("{e}")),
            };
            if run.finished() {
                return Outcome::Done;
            }
            let worked = if run.phase == "issue" {
                let today = timefmt::when::oslo_date(timefmt::now());
                let user = run.issued_by.unwrap_or(run.created_by);
                runs::work_issue(&state.db, &run, user, today, &state.config.seller.kid_rule).await
            } else {
                runs::work_drafts(&state.db, &run).await
            };
            match worked {
                Ok(()) => Outcome::Done,
                Err(e) => Outcome::Retry(format!("{e}")),
            }
        })
    }

    fn failed<'a>(
        &'a self,
        state: &'a AppState,
        job: &'a Claimed,
        reason: &'a str,
    ) -> BoxFuture<'a, crate::Result<()>> {
        Box::pin(async move {
            if let Ok(p) = serde_json::from_str::<Payload>(&job.payload) {
                runs::fail(&state.db, p.run_id, reason).await?;
            }
            Ok(())
        })
    }
}
