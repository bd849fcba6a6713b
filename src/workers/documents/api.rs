//! `/api/v1/workers/{id}/documents`: a worker's documents as JSON and their files, under the
//! pages' access rule (`super::access`: 403 for a staff member who may not see them).

use axum::{
    Json, Router,
    extract::{Path, State},
    response::Response,
    routing::get,
};
use serde::Serialize;
use utoipa::ToSchema;

use super::{require, store};
use crate::{AppState, Result, auth::Staff, web::json::Problem};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/api/v1/workers/{id}/documents", get(list_worker_documents))
        .route(
            "/api/v1/workers/{id}/documents/{did}/file",
            get(download_worker_document),
        )
}

/// A worker's documents, newest first.
#[derive(Serialize, ToSchema)]
pub struct WorkerDocumentList {
    pub items: Vec<store::WorkerDocument>,
    pub total: i64,
}

/// The worker's documents (details and names; the files at `…/documents/{did}/file`).
#[utoipa::path(get, path = "/api/v1/workers/{id}/documents", tag = "workers",
    params(("id" = i64, Path, description = "The worker.")),
    responses((status = 200, description = "The documents, newest first.", body = WorkerDocumentList),
        (status = 403, description = "The worker's documents are kept by another department.", body = Problem),
        (status = 404, body = Problem)))]
#[tracing::instrument(skip_all, fields(worker_id = id, user_id = user.id))]
pub async fn list_worker_documents(
    State(state): State<AppState>,
    user: Staff,
    Path(id): Path<i64>,
) -> Result<Json<WorkerDocumentList>> {
    require(&state, &user, id, false).await?;
    let items = store::list(&state.db, id).await?;
    Ok(Json(WorkerDocumentList {
        total: items.len() as i64,
        items,
    }))
}

/// One document's file, streamed with its type and a safe `Content-Disposition` (always an
/// attachment).
#[utoipa::path(get, path = "/api/v1/workers/{id}/documents/{did}/file", tag = "workers",
    params(("id" = i64, Path, description = "The worker."), ("did" = i64, Path, description = "The document.")),
    responses((status = 200, description = "The file, in its own content type.", content_type = "application/octet-stream", body = Vec<u8>),
        (status = 403, description = "The worker's documents are kept by another department.", body = Problem),
        (status = 404, body = Problem)))]
#[tracing::instrument(skip_all, fields(worker_id = id, document_id = did, user_id = user.id))]
pub async fn download_worker_document(
    State(state): State<AppState>,
    user: Staff,
    Path((id, did)): Path<(i64, i64)>,
) -> Result<Response> {
    require(&state, &user, id, false).await?;
    super::download(&state, id, did, false, false).await
}
