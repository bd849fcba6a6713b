//! Delivering an issued invoice or credit note by the customer's choice (issue 14; decision
//! 0032), recorded in `invoice_state` (method, status pending / sent / failed, when, detail):
//! - **EHF** (`ehf`): the document's UBL through the PEPPOL access point
//!   (`integrations::access_point`), after asking it whether the buyer receives that document
//!   type; not configured, the job waits (its handler is not ready) and the page says so;
//! - **email** (`email`): the PDF, kept as a card document, attached to an email queued through
//!   the outbox to the customer's invoice address, in the customer's invoice language; the
//!   message's outcome becomes the delivery's (a later look, `WATCH_KIND`, and on viewing);
//! - **paper**: the print list (`pages`, `/invoices/print`) until someone marks it printed.
//!
//! Issuing (`store::issue_with`, `credit`) calls [`queue_on_issue`] in its transaction. Staff
//! may start again or change the method of a pending or failed delivery (`pages`).

pub mod ehf;
pub mod email;
pub mod pages;
pub mod store;

use serde::{Deserialize, Serialize};
use sqlx::AnyConnection;

use crate::{
    Result,
    jobs::{BoxFuture, Claimed, Handler, Outcome},
    state::AppState,
};

/// Sends an EHF through the access point.
pub const EHF_KIND: &str = "invoice_delivery_ehf";
/// Emails the PDF through the outbox.
pub const EMAIL_KIND: &str = "invoice_delivery_email";
/// Looks again whether the email an invoice went out as was sent.
pub const WATCH_KIND: &str = "invoice_delivery_watch";

/// The methods, in the order offered.
pub const METHODS: [&str; 3] = ["ehf", "email", "paper"];

/// A delivery job: the document and the attempt (`key`) it belongs to.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Payload {
    pub invoice_id: i64,
    pub key: String,
    /// How many times the email was looked at already (the watch's back-off).
    #[serde(default)]
    pub round: u32,
}

/// Starts the delivery of a just-issued document by the method its state row holds, in the
/// issuing transaction.
pub async fn queue_on_issue(conn: &mut AnyConnection, invoice_id: i64) -> Result<()> {
    let (method,): (String,) =
        sqlx::query_as("SELECT delivery_method FROM invoice_state WHERE invoice_id = $1")
            .bind(invoice_id)
            .fetch_one(&mut *conn)
            .await?;
    store::start(conn, invoice_id, &method).await?;
    Ok(())
}

/// Whether deliveries by `method` can go out with these settings.
pub fn configured(method: &str, state: &AppState) -> bool {
    match method {
        "ehf" => state.access_point.is_some(),
        "email" => {
            crate::dialog::outbox::email_configured(&state.config)
                && crate::invoices::documents::pdf::AVAILABLE
        }
        _ => true,
    }
}

/// The delivery jobs' handler, which `app` registers.
pub struct DeliveryJob;

impl Handler for DeliveryJob {
    fn kinds(&self) -> &'static [&'static str] {
        &[EHF_KIND, EMAIL_KIND, WATCH_KIND]
    }

    /// EHF waits for the access point, email for SMTP and PDFs.
    fn ready(&self, kind: &str, config: &crate::config::Config) -> bool {
        match kind {
            EHF_KIND => config.access_point.is_some(),
            EMAIL_KIND => config.smtp.is_some() && crate::invoices::documents::pdf::AVAILABLE,
            _ => true,
        }
    }

    fn run<'a>(&'a self, state: &'a AppState, job: &'a Claimed) -> BoxFuture<'a, Outcome> {
        Box::pin(async move {
            let Ok(payload) = serde_json::from_str::<Payload>(&job.payload) else {
                return Outcome::Fail("bad payload".into());
            };
            let result = match job.kind.as_str() {
                EHF_KIND => ehf::deliver(state, &payload).await,
                EMAIL_KIND => email::deliver(state, &payload).await,
                _ => email::watch(state, &payload).await,
            };
            result.unwrap_or_else(|err| Outcome::Retry(format!("{err}")))
        })
    }

    /// The last attempt failed: the delivery is failed with the reason.
    fn failed<'a>(
        &'a self,
        state: &'a AppState,
        job: &'a Claimed,
        reason: &'a str,
    ) -> BoxFuture<'a, Result<()>> {
        Box::pin(async move {
            let Ok(payload) = serde_json::from_str::<Payload>(&job.payload) else {
                return Ok(());
            };
            if job.kind == WATCH_KIND {
                return Ok(());
            }
            let Some(d) = store::current(&state.db, payload.invoice_id, &payload.key).await? else {
                return Ok(());
            };
            let mut tx = state.db.begin().await?;
            store::finish(
                &mut tx,
                &d,
                Some(&payload.key),
                "failed",
                &format!("error:{reason}"),
                None,
            )
            .await?;
            tx.commit().await?;
            Ok(())
        })
    }
}
