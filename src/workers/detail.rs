//! One worker's page: details, papers with their dates (added and removed here), the
//! worker's assignments and documents (`documents::section`).

use askama::Template;
use askama_web::WebTemplate;
use axum::{
    Form,
    extract::{Path, Query, State},
    http::StatusCode,
    response::{IntoResponse, Redirect, Response},
};
use serde::Deserialize;
use time::Date;

use super::{
    bank::{self, RevealedAccount},
    credentials::{self, Credential, CredentialDraft, Kind},
    national_id::{self, Purpose, Revealed},
    store::{self, Worker},
};
use crate::{
    AppError, AppState, Result,
    auth::Staff,
    error::FieldErrors,
    i18n::Lang,
    timefmt::{
        date_text, now,
        when::{oslo_date, parse_date},
    },
    web::{Chrome, form::field_messages},
};

#[derive(Template, WebTemplate)]
#[template(path = "workers/detail.html")]
pub struct DetailView {
    lang: Lang,
    chrome: Chrome,
    worker: Worker,
    skills: Vec<String>,
    credentials: Vec<Credential>,
    today: Date,
    saved: bool,
    erased: bool,
    /// Admins and managers may erase a worker's personal data.
    can_erase: bool,
    /// Admins and managers (payroll) may reveal the national identity number.
    can_reveal: bool,
    /// The whole number, for this response only (after "Show"; audited).
    revealed: Option<Revealed>,
    /// The whole bank account, for this response only (after "Show"; audited).
    revealed_bank: Option<RevealedAccount>,
    /// The worker's assignments at customers the user may see, with the customer's name.
    assignments: Vec<(crate::assignments::store::Assignment, String)>,
    /// The add-a-paper form, as typed, with its errors.
    draft: CredentialDraft,
    errors: FieldErrors,
    /// The Documents section.
    pub(crate) docs: super::documents::section::Section,
    /// The worker's log-in to their own pages, and what inviting just did.
    pub(super) login: super::invite::LoginSection,
    /// Messages to the worker, newest first (those at customers the user may not see left out).
    messages: Vec<crate::dialog::query::Row>,
    /// The write-an-email form.
    pub(super) mail: super::email::MailSection,
}

impl DetailView {
    pub(super) fn worker(&self) -> &Worker {
        &self.worker
    }
    fn errs(&self, field: &str) -> Vec<String> {
        field_messages(&self.errors, self.lang, field)
    }
    fn mail_errs(&self, field: &str) -> Vec<String> {
        field_messages(&self.mail.errors, self.lang, field)
    }
    fn status_label(&self) -> String {
        self.lang
            .t(&format!("worker-status-{}", self.worker.status))
    }
    fn kinds(&self) -> Vec<(&'static str, String)> {
        Kind::ALL
            .iter()
            .map(|k| (k.as_str(), self.lang.t(&k.label_key())))
            .collect()
    }
    fn kind_label(&self, c: &Credential) -> String {
        self.lang.t(&format!("credential-{}", c.kind))
    }
    /// `15.03.2027`, and "expired"/"soon" (within 30 days) as a class.
    fn until(&self, c: &Credential) -> Option<(String, &'static str)> {
        let d = c.until()?;
        Some((
            date_text(d),
            super::credentials::expiry_class(d, self.today),
        ))
    }
    /// The bank account: masked (`•••• 7947`), or whole once revealed; with its BIC.
    fn bank_text(&self) -> String {
        let (account, bic) = match &self.revealed_bank {
            Some(r) => (bank::display(&r.bank_account), r.bic.as_ref()),
            None => match self.worker.bank_account_masked() {
                Some(m) => (m, self.worker.bic.as_ref()),
                None => return String::new(),
            },
        };
        match bic {
            Some(bic) => format!("{account} ({bic})"),
            None => account,
        }
    }
    /// The national identity number's kind and the number: masked, or whole once revealed.
    fn national_id_text(&self) -> Option<String> {
        if let Some(r) = &self.revealed {
            let kind = self.lang.t(&format!("national-id-kind-{}", r.kind));
            return Some(format!("{kind} {}", r.national_id));
        }
        let m = self.worker.national_id()?;
        Some(format!("{} {}", self.lang.t(&m.kind_key()), m.masked))
    }
    fn period(&self, a: &crate::assignments::store::Assignment) -> String {
        crate::assignments::tab::period_text(self.lang, a)
    }
    fn assignment_status(&self, a: &crate::assignments::store::Assignment) -> String {
        self.lang.t(&format!("assignment-status-{}", a.status))
    }
    fn when(&self, ts: &i64) -> String {
        crate::timefmt::oslo_datetime(*ts)
    }
    fn available_text(&self) -> String {
        self.worker
            .available_from
            .as_deref()
            .and_then(parse_date)
            .map(date_text)
            .unwrap_or_default()
    }
}

pub(crate) async fn load(state: &AppState, user: &Staff, id: i64) -> Result<DetailView> {
    let worker = store::get(&state.db, id).await?.ok_or(AppError::NotFound)?;
    let visibility = crate::customers::access::Visibility::of(user, state.config.consultant_scope);
    let credentials = credentials::list(&state.db, id).await?;
    let docs = super::documents::section::Section::load(
        state,
        user,
        id,
        &credentials,
        worker.erased_at.is_some(),
    )
    .await?;
    Ok(DetailView {
        login: super::invite::LoginSection::load(state, &worker).await?,
        mail: super::email::MailSection::new(state, &worker),
        messages: crate::dialog::worker::for_worker(&state.db, visibility, id).await?,
        assignments: crate::assignments::store::list_for_worker(&state.db, visibility, id).await?,
        lang: user.lang,
        chrome: Chrome::new(user, "workers"),
        skills: store::skills(&state.db, id).await?,
        credentials,
        worker,
        today: oslo_date(now()),
        saved: false,
        erased: false,
        can_erase: !matches!(user.role, crate::auth::Role::Consultant),
        can_reveal: national_id::may_reveal(user.role),
        revealed: None,
        revealed_bank: None,
        draft: CredentialDraft::default(),
        errors: FieldErrors::default(),
        docs,
    })
}

#[derive(Deserialize, Default)]
pub struct ShowParams {
    saved: Option<String>,
    erased: Option<String>,
}

/// GET /workers/{id}
#[tracing::instrument(skip_all, fields(user = user.id, worker = id))]
pub async fn show(
    State(state): State<AppState>,
    user: Staff,
    Path(id): Path<i64>,
    Query(p): Query<ShowParams>,
) -> Result<DetailView> {
    let mut view = load(&state, &user, id).await?;
    view.saved = p.saved.is_some();
    view.erased = p.erased.is_some();
    Ok(view)
}

/// POST /workers/{id}/national-id/reveal: the page with the whole number, for this response
/// only, by an admin or a manager; every reveal is written to the audit log.
#[tracing::instrument(skip_all, fields(user = user.id, worker = id))]
pub async fn reveal_national_id(
    State(state): State<AppState>,
    user: Staff,
    Path(id): Path<i64>,
) -> Result<Response> {
    if !national_id::may_reveal(user.role) {
        return Err(AppError::Forbidden);
    }
    let mut view = load(&state, &user, id).await?;
    let mut tx = state.db.begin().await?;
    view.revealed =
        national_id::reveal(&mut tx, &state.data_key, id, user.id, Purpose::Page).await?;
    tx.commit().await?;
    Ok(([(axum::http::header::CACHE_CONTROL, "no-store")], view).into_response())
}

/// POST /workers/{id}/bank-account/reveal: the page with the whole bank account, for this
/// response only, by an admin or a manager; every reveal is written to the audit log.
#[tracing::instrument(skip_all, fields(user = user.id, worker = id))]
pub async fn reveal_bank_account(
    State(state): State<AppState>,
    user: Staff,
    Path(id): Path<i64>,
) -> Result<Response> {
    if !national_id::may_reveal(user.role) {
        return Err(AppError::Forbidden);
    }
    let mut view = load(&state, &user, id).await?;
    let mut tx = state.db.begin().await?;
    view.revealed_bank = bank::reveal(&mut tx, &state.data_key, id, user.id, Purpose::Page).await?;
    tx.commit().await?;
    Ok(([(axum::http::header::CACHE_CONTROL, "no-store")], view).into_response())
}

/// POST /workers/{id}/credentials
#[tracing::instrument(skip_all, fields(user = user.id, worker = id))]
pub async fn add_credential(
    State(state): State<AppState>,
    user: Staff,
    Path(id): Path<i64>,
    Form(draft): Form<CredentialDraft>,
) -> Result<Response> {
    let mut view = load(&state, &user, id).await?;
    super::gdpr::refuse_if_erased(&view.worker)?;
    match draft.validate() {
        Ok(data) => {
            let mut tx = state.db.begin().await?;
            credentials::add(&mut tx, user.id, id, &data).await?;
            tx.commit().await?;
            Ok(Redirect::to(&format!("/workers/{id}#credentials")).into_response())
        }
        Err(errors) => {
            view.draft = draft;
            view.errors = errors;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, view).into_response())
        }
    }
}

/// POST /workers/{id}/credentials/{cid}/delete
#[tracing::instrument(skip_all, fields(user = user.id, worker = id, credential = cid))]
pub async fn remove_credential(
    State(state): State<AppState>,
    user: Staff,
    Path((id, cid)): Path<(i64, i64)>,
) -> Result<Response> {
    let mut tx = state.db.begin().await?;
    if !credentials::remove(&mut tx, id, cid).await? {
        return Err(AppError::NotFound);
    }
    tx.commit().await?;
    tracing::info!(user = user.id, "credential removed");
    Ok(Redirect::to(&format!("/workers/{id}#credentials")).into_response())
}

/// GET /workers/{id}/export.json: everything stored about the worker (GDPR access).
#[tracing::instrument(skip_all, fields(user = user.id, worker = id))]
pub async fn export(
    State(state): State<AppState>,
    user: Staff,
    Path(id): Path<i64>,
) -> Result<Response> {
    let worker = store::get(&state.db, id).await?.ok_or(AppError::NotFound)?;
    // The whole national identity number and bank account for those who may see them, each
    // audited as a reveal.
    let (revealed, revealed_bank) = if national_id::may_reveal(user.role) {
        let mut tx = state.db.begin().await?;
        let r = national_id::reveal(&mut tx, &state.data_key, id, user.id, Purpose::Export).await?;
        let b = bank::reveal(&mut tx, &state.data_key, id, user.id, Purpose::Export).await?;
        tx.commit().await?;
        (r, b)
    } else {
        (None, None)
    };
    let body = super::gdpr::export(&state.db, &worker, revealed, revealed_bank).await?;
    let name = format!("attachment; filename=\"vikar-{id}.json\"");
    Ok((
        [
            (axum::http::header::CONTENT_DISPOSITION, name),
            (axum::http::header::CACHE_CONTROL, "no-store".to_string()),
        ],
        axum::Json(body),
    )
        .into_response())
}

/// POST /workers/{id}/erase: GDPR erasure, by an admin or a manager.
#[tracing::instrument(skip_all, fields(user = user.id, worker = id))]
pub async fn erase(
    State(state): State<AppState>,
    user: Staff,
    Path(id): Path<i64>,
) -> Result<Response> {
    if matches!(user.role, crate::auth::Role::Consultant) {
        return Err(AppError::Forbidden);
    }
    let worker = store::get(&state.db, id).await?.ok_or(AppError::NotFound)?;
    if worker.erased_at.is_some() {
        return Err(AppError::NotFound);
    }
    let mut tx = state.db.begin().await?;
    let done = super::gdpr::erase(&mut tx, id).await?;
    tx.commit().await?;
    for key in &done.removed_files {
        crate::files::form::forget(&state.files, key).await;
    }
    Ok(match done.outcome {
        super::gdpr::Erased::Deleted => Redirect::to("/workers?erased=1"),
        super::gdpr::Erased::Anonymised => Redirect::to(&format!("/workers/{id}?erased=1")),
    }
    .into_response())
}
