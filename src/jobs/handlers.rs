//! Which code runs which kind of job. A kind is only claimed when what it needs is configured:
//! email waits in the outbox until SMTP is set up, SMS until a gateway is.
//!
//! This is also where the outbox meets the features that own secrets: [`Secrets`] makes the
//! link or code a sealed message carries, at delivery (see `dialog::sealed`).

use super::{Claimed, Outcome};
use crate::{
    Result,
    config::Config,
    contacts::portal_access,
    dialog::{
        sealed::{Sealed, SealedKind, Unseal},
        send,
    },
    signing::{complete, links},
    state::AppState,
};

pub fn claimable_kinds(config: &Config) -> Vec<&'static str> {
    let mut kinds = Vec::new();
    if config.smtp.is_some() {
        kinds.push(send::EMAIL_KIND);
    }
    if config.sms.is_some() {
        kinds.push(send::SMS_KIND);
    }
    if config.idura.is_some() {
        kinds.push(complete::CLOSE_KIND);
    }
    kinds
}

#[tracing::instrument(skip_all, fields(job_id = job.id, job_kind = %job.kind))]
pub async fn run(state: &AppState, job: &Claimed) -> Outcome {
    match job.kind.as_str() {
        send::EMAIL_KIND | send::SMS_KIND => send::run(state, job, &Secrets).await,
        complete::CLOSE_KIND => close_order(state, job).await,
        other => Outcome::Fail(format!("unknown job kind {other}")),
    }
}

/// Makes the secrets of sealed messages, each by the feature that owns it.
pub struct Secrets;

impl Unseal for Secrets {
    async fn unseal(
        &self,
        state: &AppState,
        sealed: &Sealed,
    ) -> std::result::Result<String, Outcome> {
        let made = match sealed.kind {
            SealedKind::SigningLink => links::mint_link(state, sealed.owner_id).await,
            SealedKind::SigningCode => links::mint_code(state, sealed.owner_id).await,
            SealedKind::PortalInvite => portal_access::mint_invite(state, sealed.owner_id).await,
        };
        match made {
            Ok(Some(secret)) => Ok(secret),
            Ok(None) => Err(Outcome::Fail(
                "not sent: the link or code is no longer valid (closed, used or withdrawn)".into(),
            )),
            Err(err) => Err(Outcome::Retry(format!("database: {err}"))),
        }
    }
}

/// After a failed attempt that will be retried at `run_at`.
pub async fn retrying(state: &AppState, job: &Claimed, reason: &str, run_at: i64) -> Result<()> {
    match job.kind.as_str() {
        send::EMAIL_KIND | send::SMS_KIND => send::retrying(state, job, reason, run_at).await,
        _ => Ok(()),
    }
}

/// After the last attempt failed, or a permanent failure.
pub async fn failed(state: &AppState, job: &Claimed, reason: &str) -> Result<()> {
    match job.kind.as_str() {
        send::EMAIL_KIND | send::SMS_KIND => send::failed(state, job, reason).await,
        complete::CLOSE_KIND => complete::close_failed(state, &job.payload, reason).await,
        _ => Ok(()),
    }
}

async fn close_order(state: &AppState, job: &Claimed) -> Outcome {
    #[derive(serde::Deserialize)]
    struct Payload {
        order_id: i64,
    }
    let Ok(payload) = serde_json::from_str::<Payload>(&job.payload) else {
        return Outcome::Fail("bad payload".into());
    };
    match complete::run_close(state, payload.order_id).await {
        Ok(()) => Outcome::Done,
        Err(reason) => Outcome::Retry(reason),
    }
}
