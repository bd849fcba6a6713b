//! Secrets in messages: a signing link, a one-time code, a portal or worker invitation.
//!
//! Such a secret is meant for one person, so it is never written down in plain text — not in the
//! message the dialog shows, not in the job, not in a log. The stored message carries a
//! placeholder ("[personal link, shown only to the recipient]") and its job carries a [`Sealed`]:
//! what kind of secret, for whom. When the worker delivers the message it asks an [`Unseal`] to
//! make the secret (storing only its hash) and puts it in place of the placeholder in what goes
//! out. A retried delivery makes a new one; an undelivered message leaves nothing that works.
//!
//! The features that own the secrets (signing, portal access) implement the making; `app` joins
//! them to the outbox (`dialog::delivery`) when it registers the jobs, so the dialog depends on
//! neither.

use std::future::Future;

use serde::{Deserialize, Serialize};

use crate::{AppState, i18n::Lang, jobs::Outcome};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SealedKind {
    /// A link to sign a document; `owner_id` is the signer.
    SigningLink,
    /// A six-digit code that confirms a signer's email; `owner_id` is the signer.
    SigningCode,
    /// A six-digit code that confirms a signer's mobile number (sent by SMS); `owner_id` is the
    /// signer.
    SigningCodeSms,
    /// A link to set a portal password; `owner_id` is the contact.
    PortalInvite,
    /// A link to set the password of a worker's own pages; `owner_id` is the worker.
    WorkerInvite,
    /// A one-time link to approve or reject one timesheet; `owner_id` is the approval request
    /// (the sheet and the approver, `timesheets::links`).
    TimesheetApproval,
    /// The address of the portal's timesheets page, for an approver who logs in there. Not a
    /// secret, but only delivery knows the public address; `owner_id` is the approval request.
    TimesheetPortal,
}

/// The secret a message carries, without the secret.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Sealed {
    pub kind: SealedKind,
    pub owner_id: i64,
    /// The text in the stored message that delivery replaces with the secret.
    pub placeholder: String,
}

impl Sealed {
    /// A sealed secret whose placeholder is the stored text in `lang`.
    pub fn new(kind: SealedKind, owner_id: i64, lang: Lang) -> Self {
        let key = match kind {
            SealedKind::SigningCode | SealedKind::SigningCodeSms => "sealed-code",
            SealedKind::SigningLink
            | SealedKind::PortalInvite
            | SealedKind::WorkerInvite
            | SealedKind::TimesheetApproval => "sealed-link",
            SealedKind::TimesheetPortal => "sealed-portal-link",
        };
        Self {
            kind,
            owner_id,
            placeholder: lang.t(key),
        }
    }

    /// The text to send: the placeholder replaced by the secret.
    pub fn reveal(&self, stored: &str, secret: &str) -> String {
        stored.replace(&self.placeholder, secret)
    }
}

/// Makes the secret for a sealed message at delivery.
pub trait Unseal: Sync {
    /// The secret's text, its hash stored by the owner. `Err(Outcome::Fail)` when the secret can
    /// no longer be made (the order closed, the invitation was withdrawn): the message is not
    /// sent. `Err(Outcome::Retry)` for a passing problem.
    fn unseal<'a>(
        &'a self,
        state: &'a AppState,
        sealed: &'a Sealed,
    ) -> impl Future<Output = Result<String, Outcome>> + Send + 'a;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reveal_replaces_only_the_placeholder() {
        let sealed = Sealed::new(SealedKind::SigningCode, 7, Lang::En);
        let stored = format!(
            "Your code: {}. It is valid for 10 minutes.",
            sealed.placeholder
        );
        assert!(!stored.contains("123456"));
        assert_eq!(
            sealed.reveal(&stored, "123456"),
            "Your code: 123456. It is valid for 10 minutes."
        );
    }

    #[test]
    fn the_job_payload_names_no_secret() {
        let sealed = Sealed::new(SealedKind::PortalInvite, 3, Lang::Nb);
        let json = serde_json::to_string(&sealed).unwrap();
        assert!(json.contains("\"portal_invite\"") && json.contains("\"owner_id\":3"));
    }
}
