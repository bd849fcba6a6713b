//! One document: its details (editable), its versions, a new version, the bin; and downloads.

use askama::Template;
use askama_web::WebTemplate;
use axum::{
    Form,
    extract::{Multipart, Path, Query, State},
    http::StatusCode,
    response::{IntoResponse, Redirect, Response},
};
use serde::Deserialize;

use super::{
    rules,
    store::{self, Category, Document, Version},
    upload::{self, MetaForm, Refused},
};
use crate::{
    AppError, AppState, Result,
    auth::Staff,
    customers::card::CardHead,
    files::sniff,
    i18n::Lang,
    signing::store::{self as signing_store, OrderSummary},
    timefmt,
    web::Chrome,
};

#[derive(Template, WebTemplate)]
#[template(path = "documents/detail.html")]
pub struct DetailView {
    lang: Lang,
    chrome: Chrome,
    card: CardHead,
    doc: Document,
    versions: Vec<Version>,
    categories: Vec<Category>,
    orders: Vec<OrderSummary>,
    form: MetaForm,
    form_errors: Vec<String>,
    refused: Vec<Refused>,
    saved: bool,
    is_admin: bool,
    max_bytes: u64,
}

impl DetailView {
    fn size(&self, bytes: &i64) -> String {
        crate::web::format_size(*bytes)
    }
    fn when(&self, ts: &i64) -> String {
        timefmt::oslo_datetime(*ts)
    }
    fn category_selected(&self, id: &i64) -> bool {
        self.form.category_id == id.to_string()
    }
    fn previewable(&self, v: &Version) -> bool {
        sniff::previewable(&v.content_type)
    }
    fn href(&self, v: &Version) -> String {
        format!(
            "/customers/{}/documents/{}/versions/{}",
            self.doc.customer_id, self.doc.id, v.id
        )
    }
    fn max_text(&self) -> String {
        crate::web::format_size(self.max_bytes as i64)
    }
    fn previewable_doc(&self) -> bool {
        self.doc.deleted_at.is_none() && sniff::previewable(&self.doc.content_type)
    }
}

fn form_of(doc: &Document) -> MetaForm {
    MetaForm {
        category_id: doc.category_id.to_string(),
        description: doc.description.clone(),
        valid_until: doc.valid_until.clone().unwrap_or_default(),
        shared: doc.shared(),
    }
}

async fn load(state: &AppState, customer_id: i64, document_id: i64) -> Result<Document> {
    store::get(&state.db, customer_id, document_id)
        .await?
        .ok_or(AppError::NotFound)
}

async fn view(
    state: &AppState,
    user: &Staff,
    card: CardHead,
    doc: Document,
    form: Option<MetaForm>,
) -> Result<DetailView> {
    let mut categories = store::categories(&state.db, true).await?;
    categories.retain(|c| c.active == 1 || c.id == doc.category_id);
    Ok(DetailView {
        lang: user.lang,
        chrome: Chrome::new(user, "customers"),
        versions: store::versions(&state.db, doc.id).await?,
        orders: signing_store::orders_for_document(&state.db, doc.id).await?,
        form: form.unwrap_or_else(|| form_of(&doc)),
        categories,
        card,
        doc,
        form_errors: Vec::new(),
        refused: Vec::new(),
        saved: false,
        is_admin: user.role.is_admin(),
        max_bytes: state.config.max_upload_bytes,
    })
}

#[derive(Deserialize, Default)]
pub struct ShowParams {
    saved: Option<String>,
}

/// GET /customers/{id}/documents/{did}
#[tracing::instrument(skip_all, fields(customer_id = id, document_id = did, user_id = user.id))]
pub async fn show(
    State(state): State<AppState>,
    user: Staff,
    Path((id, did)): Path<(i64, i64)>,
    Query(params): Query<ShowParams>,
) -> Result<DetailView> {
    let card = CardHead::load(&state, &user, id, "documents").await?;
    let doc = load(&state, id, did).await?;
    if doc.deleted_at.is_some() && !rules::sees_bin(&user) {
        return Err(AppError::NotFound);
    }
    let mut page = view(&state, &user, card, doc, None).await?;
    page.saved = params.saved.is_some();
    Ok(page)
}

#[derive(Deserialize)]
pub struct MetaInput {
    category_id: String,
    #[serde(default)]
    description: String,
    #[serde(default)]
    valid_until: String,
    shared: Option<String>,
}

/// POST /customers/{id}/documents/{did} — the details.
#[tracing::instrument(skip_all, fields(customer_id = id, document_id = did, user_id = user.id))]
pub async fn update(
    State(state): State<AppState>,
    user: Staff,
    Path((id, did)): Path<(i64, i64)>,
    Form(input): Form<MetaInput>,
) -> Result<Response> {
    let card = CardHead::load_editable(&state, &user, id, "documents").await?;
    let doc = load(&state, id, did).await?;
    if doc.deleted_at.is_some() {
        return Err(AppError::NotFound);
    }
    let form = MetaForm {
        category_id: input.category_id,
        description: input.description,
        valid_until: input.valid_until,
        shared: input.shared.is_some(),
    };
    let mut allowed: Vec<i64> = store::categories(&state.db, false)
        .await?
        .iter()
        .map(|c| c.id)
        .collect();
    allowed.push(doc.category_id);
    match form.validate(&allowed) {
        Ok(meta) => {
            let mut tx = state.db.begin().await?;
            store::update_meta(&mut tx, &doc, &meta, user.id).await?;
            tx.commit().await?;
            Ok(Redirect::to(&format!("/customers/{id}/documents/{did}?saved=1")).into_response())
        }
        Err(errors) => {
            let mut page = view(&state, &user, card, doc, Some(form)).await?;
            page.form_errors = errors.iter().map(|m| m.render(user.lang)).collect();
            Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response())
        }
    }
}

/// POST /customers/{id}/documents/{did}/versions — a new version (one file).
#[tracing::instrument(skip_all, fields(customer_id = id, document_id = did, user_id = user.id))]
pub async fn new_version(
    State(state): State<AppState>,
    user: Staff,
    Path((id, did)): Path<(i64, i64)>,
    multipart: Multipart,
) -> Result<Response> {
    let card = CardHead::load_editable(&state, &user, id, "documents").await?;
    let doc = load(&state, id, did).await?;
    if doc.deleted_at.is_some() {
        return Err(AppError::NotFound);
    }
    let parsed = upload::receive(
        multipart,
        &state.files,
        id,
        state.config.max_upload_bytes,
        user.lang,
    )
    .await?;
    let mut received = parsed.received.into_iter();
    let Some(first) = received.next() else {
        let mut page = view(&state, &user, card, doc, None).await?;
        page.refused = parsed.refused;
        if page.refused.is_empty() {
            page.form_errors = vec![user.lang.t("document-no-files")];
        }
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response());
    };
    let extra: Vec<_> = received.collect();
    upload::discard(&state.files, &extra).await;
    let mut tx = state.db.begin().await?;
    store::add_version(
        &mut tx,
        id,
        did,
        &first.file_name,
        &first.stored,
        Some(user.id),
        None,
    )
    .await?;
    tx.commit().await?;
    Ok(Redirect::to(&format!("/customers/{id}/documents/{did}?saved=1")).into_response())
}

/// POST /customers/{id}/documents/{did}/delete — to the bin.
#[tracing::instrument(skip_all, fields(customer_id = id, document_id = did, user_id = user.id))]
pub async fn delete(
    State(state): State<AppState>,
    user: Staff,
    Path((id, did)): Path<(i64, i64)>,
) -> Result<Redirect> {
    CardHead::load_editable(&state, &user, id, "documents").await?;
    let doc = load(&state, id, did).await?;
    rules::to_bin(&state, &doc, &user).await?;
    Ok(Redirect::to(&format!("/customers/{id}/documents")))
}

/// POST /customers/{id}/documents/{did}/restore — out of the bin (admins).
#[tracing::instrument(skip_all, fields(customer_id = id, document_id = did, user_id = user.id))]
pub async fn restore(
    State(state): State<AppState>,
    user: Staff,
    Path((id, did)): Path<(i64, i64)>,
) -> Result<Redirect> {
    user.require_admin()?;
    CardHead::load(&state, &user, id, "documents").await?;
    let doc = load(&state, id, did).await?;
    rules::restore(&state, &doc, &user).await?;
    Ok(Redirect::to(&format!("/customers/{id}/documents/{did}")))
}

/// GET /customers/{id}/documents/{did}/versions/{vid}/download (and `/preview`, inline).
#[tracing::instrument(skip_all, fields(customer_id = id, document_id = did, version_id = vid, user_id = user.id))]
pub async fn download(
    State(state): State<AppState>,
    user: Staff,
    Path((id, did, vid, how)): Path<(i64, i64, i64, String)>,
) -> Result<Response> {
    CardHead::load(&state, &user, id, "documents").await?;
    let in_bin = rules::sees_bin(&user);
    let version = store::version(&state.db, id, did, vid, in_bin)
        .await?
        .ok_or(AppError::NotFound)?;
    serve(&state, &version, inline(&how)?).await
}

/// The last part of a file's address: `download` (attachment) or `preview` (inline).
pub fn inline(how: &str) -> Result<bool> {
    match how {
        "download" => Ok(false),
        "preview" => Ok(true),
        _ => Err(AppError::NotFound),
    }
}

/// A stored file as a response (see [`crate::files::respond`]).
pub async fn serve(state: &AppState, version: &Version, inline: bool) -> Result<Response> {
    crate::files::respond(
        &state.files,
        &crate::files::Served {
            key: &version.storage_key,
            content_type: &version.content_type,
            size_bytes: version.size_bytes,
            file_name: &version.file_name,
            sha256: &version.sha256,
        },
        inline,
    )
    .await
}

/// GET /documents/versions/{vid} — a version by id alone (links from sent emails), on to its
/// place on the card, where access is checked.
#[tracing::instrument(skip_all, fields(version_id = vid, user_id = user.id))]
pub async fn by_version(
    State(state): State<AppState>,
    user: Staff,
    Path(vid): Path<i64>,
) -> Result<Redirect> {
    let (customer_id, version) = store::version_by_id(&state.db, vid)
        .await?
        .ok_or(AppError::NotFound)?;
    CardHead::load(&state, &user, customer_id, "documents").await?;
    Ok(Redirect::to(&format!(
        "/customers/{customer_id}/documents/{}/versions/{vid}/download",
        version.document_id
    )))
}
