//! Documents in the customer portal: only documents marked "shared with customer", only of the
//! contact's own company, only for contacts with the *view documents* right.

use askama::Template;
use askama_web::WebTemplate;
use axum::{
    extract::{Path, State},
    response::Response,
};

use super::{
    detail::{inline, serve},
    store::{self, Document, Filter},
};
use crate::{
    AppError, AppState, Result, contacts::model::Right, i18n::Lang, portal::session::PortalUser,
    timefmt,
};

#[derive(Template, WebTemplate)]
#[template(path = "portal/documents.html")]
pub struct DocumentsPage {
    lang: Lang,
    me: PortalUser,
    documents: Vec<Document>,
}

impl DocumentsPage {
    fn size(&self, bytes: &i64) -> String {
        crate::web::format_size(*bytes)
    }
    fn when(&self, ts: &i64) -> String {
        timefmt::oslo_date(*ts)
    }
}

/// The documents shared with the contact's company.
pub async fn shared(state: &AppState, me: &PortalUser) -> Result<Vec<Document>> {
    let filter = Filter {
        shared_only: true,
        ..Filter::default()
    };
    store::list(&state.db, me.customer_id, &filter).await
}

/// GET /portal/documents
#[tracing::instrument(skip_all, fields(customer_id = me.customer_id, contact_id = me.contact_id))]
pub async fn list(State(state): State<AppState>, me: PortalUser) -> Result<DocumentsPage> {
    me.require(Right::ViewDocuments)?;
    Ok(DocumentsPage {
        lang: me.lang,
        documents: shared(&state, &me).await?,
        me,
    })
}

/// GET /portal/documents/{did}/download (or `/preview`): the latest version of a shared document
/// of the contact's own company. Anything else is "not found", so ids reveal nothing.
#[tracing::instrument(skip_all, fields(customer_id = me.customer_id, contact_id = me.contact_id, document_id = did))]
pub async fn download(
    State(state): State<AppState>,
    me: PortalUser,
    Path((did, how)): Path<(i64, String)>,
) -> Result<Response> {
    me.require(Right::ViewDocuments)?;
    let doc = store::get(&state.db, me.customer_id, did)
        .await?
        .filter(|d| d.shared() && d.deleted_at.is_none())
        .ok_or(AppError::NotFound)?;
    let version = store::version(&state.db, me.customer_id, doc.id, doc.version_id, false)
        .await?
        .ok_or(AppError::NotFound)?;
    serve(&state, &version, inline(&how)?).await
}
