//! The Documents section of the staff worker page (`workers/detail.rs` renders it from
//! `templates/workers/_documents.html`): the list, the upload form, download and delete.

use axum::{
    extract::{Multipart, Path, State},
    http::StatusCode,
    response::{IntoResponse, Redirect, Response},
};

use super::{
    Access, Category, access, require,
    store::{self, WorkerDocument},
    upload::{self, DocForm},
};
use crate::{
    AppError, AppState, Result,
    auth::Staff,
    error::FieldErrors,
    files::form::{discard, forget},
    i18n::Lang,
    timefmt::{date_text, when::parse_date},
    web::{form::field_messages, format_size},
    workers::credentials::Credential,
};

/// What the worker page shows of the worker's documents.
pub struct Section {
    pub lang: Lang,
    pub worker_id: i64,
    pub access: Access,
    /// The worker's data was erased: nothing is added any more.
    pub erased: bool,
    pub documents: Vec<WorkerDocument>,
    /// The worker's papers a document may be linked to: (id, label).
    pub credentials: Vec<(i64, String)>,
    /// The upload form as typed, with its errors.
    pub form: DocForm,
    pub errors: FieldErrors,
    pub max_bytes: u64,
}

impl Section {
    pub async fn load(
        state: &AppState,
        user: &Staff,
        worker_id: i64,
        credentials: &[Credential],
        erased: bool,
    ) -> Result<Self> {
        let access = access(state, user, worker_id).await?;
        let documents = if access.see {
            store::list(&state.db, worker_id).await?
        } else {
            Vec::new()
        };
        let lang = user.lang;
        Ok(Self {
            lang,
            worker_id,
            access,
            erased,
            documents,
            credentials: credentials
                .iter()
                .map(|c| {
                    let mut label = lang.t(&format!("credential-{}", c.kind));
                    if let Some(r) = &c.reference {
                        label = format!("{label} {r}");
                    }
                    if let Some(d) = c.valid_until.as_deref().and_then(parse_date) {
                        label = format!("{label} ({})", date_text(d));
                    }
                    (c.id, label)
                })
                .collect(),
            form: DocForm::default(),
            errors: FieldErrors::default(),
            max_bytes: state.config.max_upload_bytes,
        })
    }

    pub fn may_upload(&self) -> bool {
        self.access.change && !self.erased
    }
    pub fn errs(&self, field: &str) -> Vec<String> {
        field_messages(&self.errors, self.lang, field)
    }
    pub fn categories(&self) -> Vec<(&'static str, String)> {
        Category::ALL
            .iter()
            .map(|c| (c.as_str(), self.lang.t(&c.label_key())))
            .collect()
    }
    pub fn category_label(&self, d: &WorkerDocument) -> String {
        Category::parse(&d.category)
            .map(|c| self.lang.t(&c.label_key()))
            .unwrap_or_else(|| d.category.clone())
    }
    pub fn selected_credential(&self, id: &i64) -> bool {
        self.form.credential_id.trim() == id.to_string()
    }
    pub fn credential_label(&self, d: &WorkerDocument) -> String {
        d.credential_id
            .and_then(|id| self.credentials.iter().find(|(c, _)| *c == id))
            .map(|(_, label)| label.clone())
            .unwrap_or_default()
    }
    pub fn until(&self, d: &WorkerDocument) -> String {
        d.valid_until
            .as_deref()
            .and_then(parse_date)
            .map(date_text)
            .unwrap_or_default()
    }
    pub fn retained(&self, d: &WorkerDocument) -> String {
        d.retain_until
            .as_deref()
            .and_then(parse_date)
            .map(date_text)
            .unwrap_or_default()
    }
    pub fn size(&self, d: &WorkerDocument) -> String {
        format_size(d.size_bytes)
    }
    pub fn max_size(&self) -> String {
        format_size(self.max_bytes as i64)
    }
}

/// POST /workers/{id}/documents: one file with its details.
#[tracing::instrument(skip_all, fields(user = user.id, worker = id))]
pub async fn upload(
    State(state): State<AppState>,
    user: Staff,
    Path(id): Path<i64>,
    multipart: Multipart,
) -> Result<Response> {
    require(&state, &user, id, true).await?;
    let worker = crate::workers::store::get(&state.db, id)
        .await?
        .ok_or(AppError::NotFound)?;
    crate::workers::gdpr::refuse_if_erased(&worker)?;
    let mut parsed =
        upload::receive(multipart, &state.files, id, state.config.max_upload_bytes).await?;
    let credentials = crate::workers::credentials::list(&state.db, id).await?;
    let ids: Vec<i64> = credentials.iter().map(|c| c.id).collect();
    let checked = parsed.form.validate(&ids);
    let mut errors = checked.as_ref().err().cloned().unwrap_or_default();
    parsed.file_errors(&mut errors, user.lang);
    if let (Ok(doc), true, Some(file)) = (&checked, errors.is_empty(), parsed.file.as_ref()) {
        let mut tx = state.db.begin().await?;
        let did = store::create(
            &mut tx,
            id,
            doc,
            &file.file_name,
            &file.stored,
            Some(user.id),
        )
        .await?;
        tx.commit().await?;
        tracing::info!(document = did, "worker document added");
        return Ok(Redirect::to(&format!("/workers/{id}#documents")).into_response());
    }
    if let Some(file) = parsed.file.take() {
        discard(&state.files, &[file]).await;
    }
    let mut view = crate::workers::detail::load(&state, &user, id).await?;
    view.docs.form = parsed.form;
    view.docs.errors = errors;
    Ok((StatusCode::UNPROCESSABLE_ENTITY, view).into_response())
}

/// GET /workers/{id}/documents/{did}/{download|preview}
#[tracing::instrument(skip_all, fields(user = user.id, worker = id, document = did))]
pub async fn download(
    State(state): State<AppState>,
    user: Staff,
    Path((id, did, how)): Path<(i64, i64, String)>,
) -> Result<Response> {
    let inline = match how.as_str() {
        "download" => false,
        "preview" => true,
        _ => return Err(AppError::NotFound),
    };
    require(&state, &user, id, false).await?;
    super::download(&state, id, did, false, inline).await
}

/// POST /workers/{id}/documents/{did}/delete: the row, then its file.
#[tracing::instrument(skip_all, fields(user = user.id, worker = id, document = did))]
pub async fn delete(
    State(state): State<AppState>,
    user: Staff,
    Path((id, did)): Path<(i64, i64)>,
) -> Result<Response> {
    require(&state, &user, id, true).await?;
    let mut tx = state.db.begin().await?;
    let key = store::delete(&mut tx, id, did)
        .await?
        .ok_or(AppError::NotFound)?;
    tx.commit().await?;
    forget(&state.files, &key).await;
    tracing::info!("worker document deleted");
    Ok(Redirect::to(&format!("/workers/{id}#documents")).into_response())
}
