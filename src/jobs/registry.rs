//! Which code runs which kind of job. `jobs` knows no feature: a feature offers a [`Handler`]
//! for its kinds, and `app` (which sits on top) puts them in a [`Registry`] that the workers are
//! given. A kind is only claimed when its handler says what it needs is configured: email waits
//! in the outbox until SMTP is set up, SMS until a gateway is.

use std::{future::Future, pin::Pin, sync::Arc};

use super::{Claimed, Outcome};
use crate::{Result, config::Config, state::AppState};

/// A boxed future, so that handlers can live in one registry.
pub type BoxFuture<'a, T> = Pin<Box<dyn Future<Output = T> + Send + 'a>>;

/// Runs the jobs of some kinds (written to be safe to run again: a job may be claimed twice).
pub trait Handler: Send + Sync {
    /// The job kinds this handler runs.
    fn kinds(&self) -> &'static [&'static str];

    /// Whether the settings let jobs of `kind` run now; until then they wait.
    fn ready(&self, _kind: &str, _config: &Config) -> bool {
        true
    }

    fn run<'a>(&'a self, state: &'a AppState, job: &'a Claimed) -> BoxFuture<'a, Outcome>;

    /// After a failed attempt that will be retried at `run_at`.
    fn retrying<'a>(
        &'a self,
        _state: &'a AppState,
        _job: &'a Claimed,
        _reason: &'a str,
        _run_at: i64,
    ) -> BoxFuture<'a, Result<()>> {
        Box::pin(async { Ok(()) })
    }

    /// After the last attempt failed, or a permanent failure.
    fn failed<'a>(
        &'a self,
        _state: &'a AppState,
        _job: &'a Claimed,
        _reason: &'a str,
    ) -> BoxFuture<'a, Result<()>> {
        Box::pin(async { Ok(()) })
    }
}

/// The handlers of every job kind; cheap to clone.
#[derive(Clone, Default)]
pub struct Registry {
    handlers: Vec<Arc<dyn Handler>>,
}

impl Registry {
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds a handler. Panics when one of its kinds already has one (a programming error).
    pub fn with(mut self, handler: impl Handler + 'static) -> Self {
        for kind in handler.kinds() {
            assert!(
                self.handler(kind).is_none(),
                "job kind {kind} registered twice"
            );
        }
        self.handlers.push(Arc::new(handler));
        self
    }

    fn handler(&self, kind: &str) -> Option<&dyn Handler> {
        self.handlers
            .iter()
            .find(|h| h.kinds().contains(&kind))
            .map(|h| h.as_ref())
    }

    /// The kinds a worker may claim with these settings.
    pub fn claimable_kinds(&self, config: &Config) -> Vec<&'static str> {
        self.handlers
            .iter()
            .flat_map(|h| h.kinds().iter().filter(|kind| h.ready(kind, config)))
            .copied()
            .collect()
    }

    #[tracing::instrument(skip_all, fields(job_id = job.id, job_kind = %job.kind))]
    pub(super) async fn run(&self, state: &AppState, job: &Claimed) -> Outcome {
        match self.handler(&job.kind) {
            Some(h) => h.run(state, job).await,
            None => Outcome::Fail(format!("unknown job kind {}", job.kind)),
        }
    }

    pub(super) async fn retrying(
        &self,
        state: &AppState,
        job: &Claimed,
        reason: &str,
        run_at: i64,
    ) -> Result<()> {
        match self.handler(&job.kind) {
            Some(h) => h.retrying(state, job, reason, run_at).await,
            None => Ok(()),
        }
    }

    pub(super) async fn failed(&self, state: &AppState, job: &Claimed, reason: &str) -> Result<()> {
        match self.handler(&job.kind) {
            Some(h) => h.failed(state, job, reason).await,
            None => Ok(()),
        }
    }
}
