//! Staff write an email to a worker from the worker page: it goes through the outbox like every
//! message and is logged on the worker (`dialog::worker`). Every staff member keeps the shared
//! pool of workers, so every staff member may write; not to an erased worker.

use axum::{
    Form,
    extract::{Path, State},
    http::StatusCode,
    response::{IntoResponse, Redirect, Response},
};
use serde::Deserialize;

use super::{detail, store::Worker};
use crate::{
    AppError, AppState, Result,
    auth::Staff,
    dialog::{outbox, worker::WorkerRecipient},
    error::FieldErrors,
};

/// The write-an-email form on the worker page, as typed, with its errors.
#[derive(Clone, Debug, Default, Deserialize)]
pub struct MailDraft {
    #[serde(default)]
    pub subject: String,
    #[serde(default)]
    pub body: String,
}

#[derive(Clone, Debug, Default)]
pub struct MailSection {
    /// The worker has an email address and is not erased.
    pub can_email: bool,
    /// Email is set up; without it the message waits in the outbox, and the form says so.
    pub configured: bool,
    pub draft: MailDraft,
    pub errors: FieldErrors,
}

impl MailSection {
    pub fn new(state: &AppState, w: &Worker) -> Self {
        Self {
            can_email: w.erased_at.is_none() && w.email.as_deref().is_some_and(|e| !e.is_empty()),
            configured: outbox::email_configured(&state.config),
            ..Self::default()
        }
    }
}

/// POST /workers/{id}/email
#[tracing::instrument(skip_all, fields(user = user.id, worker = id))]
pub async fn send(
    State(state): State<AppState>,
    user: Staff,
    Path(id): Path<i64>,
    Form(draft): Form<MailDraft>,
) -> Result<Response> {
    let mut view = detail::load(&state, &user, id).await?;
    let w = view.worker().clone();
    super::gdpr::refuse_if_erased(&w)?;
    let Some(email) = w.email.clone().filter(|e| !e.is_empty()) else {
        return Err(AppError::NotFound);
    };
    let to = WorkerRecipient {
        id,
        name: w.name.clone(),
        email,
    };
    let mut tx = state.db.begin().await?;
    match crate::dialog::worker::queue_email(&mut tx, user.id, to, &draft.subject, &draft.body)
        .await
    {
        Ok(_) => {
            tx.commit().await?;
            state.jobs.wake();
            Ok(Redirect::to(&format!("/workers/{id}#worker-messages")).into_response())
        }
        Err(AppError::Invalid(errors)) => {
            view.mail.draft = draft;
            view.mail.errors = errors;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, view).into_response())
        }
        Err(e) => Err(e),
    }
}
