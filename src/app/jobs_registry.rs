//! The job runner's handlers: each feature with jobs offers a [`jobs::Handler`], and this is the
//! one place that registers them. It also joins the outbox to the features that own secrets:
//! [`Secrets`] makes the link or code a sealed message carries, at delivery (see
//! `dialog::sealed`).

use crate::{
    contacts::portal_access,
    dialog::{
        delivery::Delivery,
        sealed::{Sealed, SealedKind, Unseal},
    },
    jobs::{self, Outcome},
    signing::{complete, links},
    state::AppState,
    timesheets::links as approval_links,
    timesheets::reminders::Reminders,
    workers::account,
};

/// Every job kind's handler, for the workers (`jobs::spawn_workers`, `jobs::try_run_one`).
pub fn handlers() -> jobs::Registry {
    jobs::Registry::new()
        .with(Delivery(Secrets))
        .with(complete::Closing)
        .with(Reminders)
        .with(crate::invoices::documents::PdfJob)
        .with(crate::invoices::run::RunJob)
        .with(crate::invoices::delivery::DeliveryJob)
        .with(crate::job_ads::expire::Expiry)
        .with(crate::job_ads::channels::Channels)
        .with(crate::recruitments::privacy::Privacy)
        .with(crate::auth::security_log::retention::Retention)
        .with(crate::ops::retention::DataRetention)
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
            SealedKind::SigningCode => {
                links::mint_code(state, sealed.owner_id, links::CodeVia::Email).await
            }
            SealedKind::SigningCodeSms => {
                links::mint_code(state, sealed.owner_id, links::CodeVia::Sms).await
            }
            SealedKind::PortalInvite => portal_access::mint_invite(state, sealed.owner_id).await,
            SealedKind::WorkerInvite => account::mint_invite(state, sealed.owner_id).await,
            SealedKind::TimesheetApproval => approval_links::mint(state, sealed.owner_id).await,
            SealedKind::TimesheetPortal => approval_links::portal_url(state, sealed.owner_id).await,
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
