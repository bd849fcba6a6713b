//! The worker page's "Log-in to their own pages" section: inviting a worker (the email goes
//! through the outbox; its link is made at delivery and shown to nobody else — decision 0009)
//! and ending their access. Every staff member keeps the shared pool of workers, so every staff
//! member may invite; an erased worker cannot be invited.

use axum::{
    extract::{Path, State},
    http::StatusCode,
    response::{IntoResponse, Redirect, Response},
};

use super::{
    account::{self, AccountState},
    detail,
    store::Worker,
};
use crate::{
    AppError, AppState, Result, auth::Staff, dialog::outbox, error::FieldErrors,
    web::form::field_messages,
};

/// What the section shows.
#[derive(Clone, Debug, Default)]
pub struct LoginSection {
    pub account: Option<AccountState>,
    /// The worker can be invited (not erased, has an email).
    pub can_invite: bool,
    /// An invitation was just queued: to this address, emailed now or waiting in the outbox.
    pub invited: Option<(String, bool)>,
    /// Why inviting was refused, in the user's language.
    pub error: Vec<String>,
    /// The worker has two-factor log-in on (decision 0065).
    pub two_factor_on: bool,
}

impl LoginSection {
    pub async fn load(state: &AppState, w: &Worker) -> Result<Self> {
        Ok(Self {
            account: account::state(&state.db, w.id).await?,
            can_invite: w.erased_at.is_none() && w.email.as_deref().is_some_and(|e| !e.is_empty()),
            invited: None,
            error: Vec::new(),
            two_factor_on: crate::auth::two_factor::status(
                &state.db,
                crate::auth::session::Holder::Worker(w.id),
            )
            .await?
            .enabled,
        })
    }
}

/// POST /workers/{id}/invite: a new invitation (earlier links stop working).
#[tracing::instrument(skip_all, fields(user = user.id, worker = id))]
pub async fn invite(
    State(state): State<AppState>,
    user: Staff,
    Path(id): Path<i64>,
) -> Result<Response> {
    let mut view = detail::load(&state, &user, id).await?;
    let mut tx = state.db.begin().await?;
    match account::invite(&mut tx, user.id, view.worker()).await {
        Ok(()) => {
            tx.commit().await?;
            let mut again = detail::load(&state, &user, id).await?;
            let email = again.worker().email.clone().unwrap_or_default();
            again.login.invited = Some((email, outbox::email_configured(&state.config)));
            Ok(again.into_response())
        }
        Err(AppError::Invalid(errors)) => {
            view.login.error = messages(&errors, user.lang);
            Ok((StatusCode::UNPROCESSABLE_ENTITY, view).into_response())
        }
        Err(e) => Err(e),
    }
}

fn messages(errors: &FieldErrors, lang: crate::i18n::Lang) -> Vec<String> {
    field_messages(errors, lang, "account")
}

/// POST /workers/{id}/login/end: ends the worker's access; their sessions stop at once.
#[tracing::instrument(skip_all, fields(user = user.id, worker = id))]
pub async fn end(
    State(state): State<AppState>,
    user: Staff,
    Path(id): Path<i64>,
) -> Result<Response> {
    let _ = detail::load(&state, &user, id).await?;
    let mut tx = state.db.begin().await?;
    account::end_access(&mut tx, id).await?;
    tx.commit().await?;
    tracing::info!(user = user.id, "worker access ended");
    Ok(Redirect::to(&format!("/workers/{id}#worker-login")).into_response())
}
