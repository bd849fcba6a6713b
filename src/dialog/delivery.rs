//! The dialog's jobs: delivering queued email and SMS ([`send`]). `app` registers [`Delivery`]
//! with the job runner, with the [`Unseal`] that asks the features owning secrets to make them.

use super::{
    sealed::Unseal,
    send::{self, EMAIL_KIND, SMS_KIND},
};
use crate::{
    Result,
    config::Config,
    jobs::{BoxFuture, Claimed, Handler, Outcome},
    state::AppState,
};

/// Delivers email once SMTP is set up, SMS once a gateway is; until then they wait.
pub struct Delivery<U>(pub U);

impl<U: Unseal + Send> Handler for Delivery<U> {
    fn kinds(&self) -> &'static [&'static str] {
        &[EMAIL_KIND, SMS_KIND]
    }

    fn ready(&self, kind: &str, config: &Config) -> bool {
        match kind {
            EMAIL_KIND => config.smtp.is_some(),
            _ => config.sms.is_some(),
        }
    }

    fn run<'a>(&'a self, state: &'a AppState, job: &'a Claimed) -> BoxFuture<'a, Outcome> {
        Box::pin(send::run(state, job, &self.0))
    }

    fn retrying<'a>(
        &'a self,
        state: &'a AppState,
        job: &'a Claimed,
        reason: &'a str,
        run_at: i64,
    ) -> BoxFuture<'a, Result<()>> {
        Box::pin(send::retrying(state, job, reason, run_at))
    }

    fn failed<'a>(
        &'a self,
        state: &'a AppState,
        job: &'a Claimed,
        reason: &'a str,
    ) -> BoxFuture<'a, Result<()>> {
        Box::pin(send::failed(state, job, reason))
    }
}
