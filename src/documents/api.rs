//! `/api/v1/customers/{id}/documents`: a customer's documents as JSON, uploads as multipart, the
//! files themselves, and the bin — with the card's access rules, the same upload checks (size,
//! what a file really is, its name) and the same store functions as the pages.

use axum::{
    Json, Router,
    extract::{DefaultBodyLimit, Multipart, Path, Query, State},
    http::StatusCode,
    response::{IntoResponse, Response},
    routing::{get, post},
};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::{
    detail, rules,
    store::{self, Document, Filter, Version},
    upload,
};
use crate::{
    AppError, AppState, Result,
    auth::Staff,
    customers::access::{self, Need},
    error::{FieldErrors, Msg},
    i18n::Lang,
    web::json::Problem,
};

pub fn router() -> Router<AppState> {
    // Uploads are streamed and limited per file as they arrive (as on the page).
    let uploads = Router::new()
        .route(
            "/api/v1/customers/{id}/documents",
            get(list_documents).post(upload_documents),
        )
        .layer(DefaultBodyLimit::disable());
    Router::new()
        .merge(uploads)
        .route(
            "/api/v1/customers/{id}/documents/{did}",
            get(get_document).delete(bin_document),
        )
        .route(
            "/api/v1/customers/{id}/documents/{did}/restore",
            post(restore_document),
        )
        .route(
            "/api/v1/customers/{id}/documents/{did}/versions",
            get(list_versions),
        )
        .route(
            "/api/v1/customers/{id}/documents/{did}/versions/{vid}/file",
            get(download_version),
        )
}

/// A document with its latest version.
#[derive(Serialize, ToSchema)]
pub struct DocumentOut {
    pub id: i64,
    pub customer_id: i64,
    pub category_id: i64,
    /// The category's name in the user's language.
    pub category: String,
    pub title: String,
    pub description: String,
    /// `YYYY-MM-DD`.
    pub valid_until: Option<String>,
    pub shared_with_customer: bool,
    pub version_count: i64,
    /// The latest version.
    pub version_id: i64,
    pub file_name: String,
    pub content_type: String,
    pub size_bytes: i64,
    pub sha256: String,
    pub uploaded_by: Option<String>,
    /// Unix seconds.
    pub created_at: i64,
    pub updated_at: i64,
    /// Set when the document is in the bin.
    pub deleted_at: Option<i64>,
}

impl DocumentOut {
    fn of(d: Document, lang: Lang) -> Self {
        Self {
            category: d.category(lang),
            shared_with_customer: d.shared(),
            id: d.id,
            customer_id: d.customer_id,
            category_id: d.category_id,
            title: d.title,
            description: d.description,
            valid_until: d.valid_until,
            version_count: d.version_count,
            version_id: d.version_id,
            file_name: d.file_name,
            content_type: d.content_type,
            size_bytes: d.size_bytes,
            sha256: d.sha256,
            uploaded_by: d.uploaded_by_name,
            created_at: d.created_at,
            updated_at: d.updated_at,
            deleted_at: d.deleted_at,
        }
    }
}

/// Documents, newest change first (at most 500).
#[derive(Serialize, ToSchema)]
pub struct DocumentList {
    pub items: Vec<DocumentOut>,
    pub total: i64,
}

/// One version of a document.
#[derive(Serialize, ToSchema)]
pub struct VersionOut {
    pub id: i64,
    pub version_no: i64,
    pub file_name: String,
    pub content_type: String,
    pub size_bytes: i64,
    pub sha256: String,
    pub uploaded_by: Option<String>,
    pub uploaded_at: i64,
    /// Set when this version is a signed copy.
    pub signature_order_id: Option<i64>,
}

impl From<Version> for VersionOut {
    fn from(v: Version) -> Self {
        Self {
            id: v.id,
            version_no: v.version_no,
            file_name: v.file_name,
            content_type: v.content_type,
            size_bytes: v.size_bytes,
            sha256: v.sha256,
            uploaded_by: v.uploaded_by_name,
            uploaded_at: v.uploaded_at,
            signature_order_id: v.signature_order_id,
        }
    }
}

/// A document's versions, newest first.
#[derive(Serialize, ToSchema)]
pub struct VersionList {
    pub items: Vec<VersionOut>,
    pub total: i64,
}

/// The upload form (`multipart/form-data`): the details first, then one or more files.
#[derive(ToSchema)]
#[allow(dead_code)] // describes the form for the OpenAPI document only
pub struct UploadForm {
    /// A category id; the default category ("other") when left out.
    category_id: Option<i64>,
    #[schema(max_length = 2000)]
    description: Option<String>,
    /// `YYYY-MM-DD`.
    valid_until: Option<String>,
    /// Any value shares the documents with the customer (the portal).
    shared: Option<String>,
    /// The files (repeat the part for several; also accepted as `file`).
    #[schema(content_media_type = "application/octet-stream")]
    files: Vec<Vec<u8>>,
}

#[derive(Deserialize, Default)]
pub struct ListParams {
    /// The bin instead of the live documents (admins).
    #[serde(default)]
    bin: bool,
}

/// A document of a customer the user may see (404 otherwise); one in the bin only for those who
/// see the bin.
async fn visible(
    state: &AppState,
    user: &Staff,
    customer_id: i64,
    document_id: i64,
    need: Need,
) -> Result<Document> {
    access::load(state, user, customer_id, need).await?;
    store::get(&state.db, customer_id, document_id)
        .await?
        .filter(|d| d.deleted_at.is_none() || rules::sees_bin(user))
        .ok_or(AppError::NotFound)
}

/// A customer's documents, or its bin.
#[utoipa::path(get, path = "/api/v1/customers/{id}/documents", tag = "documents",
    params(("id" = i64, Path, description = "The customer."),
        ("bin" = Option<bool>, Query, description = "`true`: the documents in the bin (administrators).")),
    responses((status = 200, description = "The customer's documents.", body = DocumentList),
        (status = 403, description = "The bin is for administrators.", body = Problem),
        (status = 404, body = Problem)))]
pub async fn list_documents(
    State(state): State<AppState>,
    user: Staff,
    Path(id): Path<i64>,
    Query(params): Query<ListParams>,
) -> Result<Json<DocumentList>> {
    access::load(&state, &user, id, Need::See).await?;
    if params.bin && !rules::sees_bin(&user) {
        return Err(AppError::Forbidden);
    }
    let filter = Filter {
        deleted: params.bin,
        ..Filter::default()
    };
    let items: Vec<DocumentOut> = store::list(&state.db, id, &filter)
        .await?
        .into_iter()
        .map(|d| DocumentOut::of(d, user.lang))
        .collect();
    Ok(Json(DocumentList {
        total: items.len() as i64,
        items,
    }))
}

/// Upload one or more documents. All or nothing: when a file is refused (too large, its content
/// not what its name says, a program), nothing of the upload is kept.
#[utoipa::path(post, path = "/api/v1/customers/{id}/documents", tag = "documents",
    params(("id" = i64, Path, description = "The customer.")),
    request_body(content = inline(UploadForm), content_type = "multipart/form-data"),
    responses((status = 201, description = "The new documents.", body = DocumentList),
        (status = 403, body = Problem), (status = 404, body = Problem),
        (status = 413, description = "A form field is too large.", body = Problem),
        (status = 422, description = "Invalid details, no file, or a file refused; `errors` says which and why.", body = Problem)))]
pub async fn upload_documents(
    State(state): State<AppState>,
    user: Staff,
    Path(id): Path<i64>,
    multipart: Multipart,
) -> Result<Response> {
    access::load(&state, &user, id, Need::Change).await?;
    let mut parsed = upload::receive(
        multipart,
        &state.files,
        id,
        state.config.max_upload_bytes,
        user.lang,
    )
    .await?;
    if parsed.meta.category_id.trim().is_empty() {
        let categories = store::categories(&state.db, false).await?;
        if let Some(default) = rules::default_category(&categories) {
            parsed.meta.category_id = default.to_string();
        }
    }
    let categories = rules::upload_categories(&state).await?;
    let mut errors = FieldErrors::default();
    let meta = match parsed.meta.validate(&categories) {
        Ok(meta) => Some(meta),
        Err(msgs) => {
            for msg in msgs {
                errors.add("details", msg);
            }
            None
        }
    };
    for r in &parsed.refused {
        errors.add(
            "files",
            Msg::new("document-refused-named")
                .arg("name", &r.file_name)
                .arg("reason", &r.reason),
        );
    }
    if parsed.received.is_empty() && parsed.refused.is_empty() {
        errors.add("files", Msg::new("document-no-files"));
    }
    let meta = match meta {
        Some(meta) if errors.is_empty() => meta,
        _ => {
            upload::discard(&state.files, &parsed.received).await;
            return Err(AppError::Invalid(errors));
        }
    };
    let ids = rules::file_received(&state, id, &meta, &parsed.received, user.id).await?;
    let mut items = Vec::new();
    for did in ids {
        if let Some(d) = store::get(&state.db, id, did).await? {
            items.push(DocumentOut::of(d, user.lang));
        }
    }
    let list = DocumentList {
        total: items.len() as i64,
        items,
    };
    Ok((StatusCode::CREATED, Json(list)).into_response())
}

/// One document, with its latest version.
#[utoipa::path(get, path = "/api/v1/customers/{id}/documents/{did}", tag = "documents",
    params(("id" = i64, Path, description = "The customer."), ("did" = i64, Path, description = "The document.")),
    responses((status = 200, description = "The document.", body = DocumentOut), (status = 404, body = Problem)))]
pub async fn get_document(
    State(state): State<AppState>,
    user: Staff,
    Path((id, did)): Path<(i64, i64)>,
) -> Result<Json<DocumentOut>> {
    let doc = visible(&state, &user, id, did, Need::See).await?;
    Ok(Json(DocumentOut::of(doc, user.lang)))
}

/// A document's versions, newest first.
#[utoipa::path(get, path = "/api/v1/customers/{id}/documents/{did}/versions", tag = "documents",
    params(("id" = i64, Path, description = "The customer."), ("did" = i64, Path, description = "The document.")),
    responses((status = 200, description = "The versions.", body = VersionList), (status = 404, body = Problem)))]
pub async fn list_versions(
    State(state): State<AppState>,
    user: Staff,
    Path((id, did)): Path<(i64, i64)>,
) -> Result<Json<VersionList>> {
    let doc = visible(&state, &user, id, did, Need::See).await?;
    let items: Vec<VersionOut> = store::versions(&state.db, doc.id)
        .await?
        .into_iter()
        .map(VersionOut::from)
        .collect();
    Ok(Json(VersionList {
        total: items.len() as i64,
        items,
    }))
}

/// The file of one version, streamed with its type and a safe `Content-Disposition` (always an
/// attachment).
#[utoipa::path(get, path = "/api/v1/customers/{id}/documents/{did}/versions/{vid}/file", tag = "documents",
    params(("id" = i64, Path, description = "The customer."), ("did" = i64, Path, description = "The document."),
        ("vid" = i64, Path, description = "The version.")),
    responses((status = 200, description = "The file, in its own content type.", content_type = "application/octet-stream", body = Vec<u8>),
        (status = 404, body = Problem)))]
pub async fn download_version(
    State(state): State<AppState>,
    user: Staff,
    Path((id, did, vid)): Path<(i64, i64, i64)>,
) -> Result<Response> {
    access::load(&state, &user, id, Need::See).await?;
    let version = store::version(&state.db, id, did, vid, rules::sees_bin(&user))
        .await?
        .ok_or(AppError::NotFound)?;
    detail::serve(&state, &version, false).await
}

/// Move a document to the bin (an administrator can restore it).
#[utoipa::path(delete, path = "/api/v1/customers/{id}/documents/{did}", tag = "documents",
    params(("id" = i64, Path, description = "The customer."), ("did" = i64, Path, description = "The document.")),
    responses((status = 204, description = "In the bin."), (status = 403, body = Problem), (status = 404, body = Problem)))]
pub async fn bin_document(
    State(state): State<AppState>,
    user: Staff,
    Path((id, did)): Path<(i64, i64)>,
) -> Result<StatusCode> {
    let doc = visible(&state, &user, id, did, Need::Change).await?;
    rules::to_bin(&state, &doc, &user).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Take a document out of the bin (administrators).
#[utoipa::path(post, path = "/api/v1/customers/{id}/documents/{did}/restore", tag = "documents",
    params(("id" = i64, Path, description = "The customer."), ("did" = i64, Path, description = "The document.")),
    responses((status = 200, description = "Restored; the document as it is now.", body = DocumentOut),
        (status = 403, description = "Restoring is for administrators.", body = Problem), (status = 404, body = Problem)))]
pub async fn restore_document(
    State(state): State<AppState>,
    user: Staff,
    Path((id, did)): Path<(i64, i64)>,
) -> Result<Json<DocumentOut>> {
    user.require_admin()?;
    let doc = visible(&state, &user, id, did, Need::See).await?;
    rules::restore(&state, &doc, &user).await?;
    let doc = store::get(&state.db, id, did)
        .await?
        .ok_or(AppError::NotFound)?;
    Ok(Json(DocumentOut::of(doc, user.lang)))
}
