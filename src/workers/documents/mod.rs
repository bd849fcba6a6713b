//! Documents on a worker — CV, scans of the HMS card and permits, licences, course
//! certificates, the employment contract — like the documents on a customer: the same object
//! store, streamed upload and type check (`crate::files`), in a table of their own
//! (`worker_documents`; decision 0014).
//!
//! - here: the categories, who may see and change a worker's documents, the download;
//! - [`store`]: the table; [`upload`]: the form; [`section`]: the staff worker page's part;
//! - [`api`]: the list and the download in `/api/v1`.
//!
//! The worker's own pages list the documents marked "visible to the worker"
//! ([`store::list_for_worker_pages`]) and send them with [`download`] (`for_worker = true`).

pub mod api;
pub mod section;
pub mod store;
pub mod upload;

use axum::{
    Router,
    extract::DefaultBodyLimit,
    response::Response,
    routing::{get, post},
};

use crate::{
    AppError, AppState, Result,
    auth::Staff,
    customers::access::{Visibility, can_edit},
    files::{Served, respond},
};

/// What a worker document is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Category {
    Cv,
    HmsCard,
    WorkPermit,
    /// A driving or truck licence.
    Licence,
    /// A course or trade certificate.
    Certificate,
    EmploymentContract,
    Other,
}

impl Category {
    pub const ALL: [Category; 7] = [
        Category::Cv,
        Category::HmsCard,
        Category::WorkPermit,
        Category::Licence,
        Category::Certificate,
        Category::EmploymentContract,
        Category::Other,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Category::Cv => "cv",
            Category::HmsCard => "hms_card",
            Category::WorkPermit => "work_permit",
            Category::Licence => "licence",
            Category::Certificate => "certificate",
            Category::EmploymentContract => "employment_contract",
            Category::Other => "other",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|c| c.as_str() == s.trim())
    }

    /// `worker-document-category-cv` etc. in the locales.
    pub fn label_key(self) -> String {
        format!(
            "worker-document-category-{}",
            self.as_str().replace('_', "-")
        )
    }

    /// Kept when the worker's personal data is erased: the employment contract is a voucher
    /// for payroll (bokføringsloven § 13: five years after the end of the financial year).
    pub fn kept_on_erasure(self) -> bool {
        self == Category::EmploymentContract
    }
}

/// What `user` may do with a worker's documents.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Access {
    pub see: bool,
    pub change: bool,
}

/// A worker's documents follow the card's rule (decision 0003) with the worker's responsible
/// consultant as owner and the worker's department (else the responsible consultant's): the
/// worker register is shared, but papers such as permits and contracts are not.
/// A worker that does not exist answers 404.
pub async fn access(state: &AppState, user: &Staff, worker_id: i64) -> Result<Access> {
    let holder = store::holder(&state.db, worker_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let see = Visibility::of(user, state.config.consultant_scope).allows(holder);
    Ok(Access {
        see,
        change: see && can_edit(user, holder.owner_id, holder.department_id),
    })
}

/// Refuses (403) unless `user` may see the worker's documents, or change them when `change`.
pub async fn require(state: &AppState, user: &Staff, worker_id: i64, change: bool) -> Result<()> {
    let a = access(state, user, worker_id).await?;
    if a.see && (a.change || !change) {
        Ok(())
    } else {
        Err(AppError::Forbidden)
    }
}

/// Sends one of the worker's documents. Access is the caller's: staff checked by [`require`],
/// the worker by their own session; with `for_worker` only a document visible to the worker is
/// found.
pub async fn download(
    state: &AppState,
    worker_id: i64,
    document_id: i64,
    for_worker: bool,
    inline: bool,
) -> Result<Response> {
    let doc = store::get(&state.db, worker_id, document_id)
        .await?
        .filter(|d| !for_worker || d.visible_to_worker == 1)
        .ok_or(AppError::NotFound)?;
    respond(
        &state.files,
        &Served {
            key: &doc.storage_key,
            content_type: &doc.content_type,
            size_bytes: doc.size_bytes,
            file_name: &doc.file_name,
            sha256: &doc.sha256,
        },
        inline,
    )
    .await
}

/// The staff pages' routes; the upload's body is streamed and limited per file.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route(
            "/workers/{id}/documents",
            post(section::upload).layer(DefaultBodyLimit::disable()),
        )
        .route(
            "/workers/{id}/documents/{did}/{how}",
            get(section::download),
        )
        .route(
            "/workers/{id}/documents/{did}/delete",
            post(section::delete),
        )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn categories_round_trip_and_only_the_contract_is_kept() {
        for c in Category::ALL {
            assert_eq!(Category::parse(c.as_str()), Some(c));
        }
        assert_eq!(Category::parse("passport"), None);
        let kept: Vec<_> = Category::ALL
            .into_iter()
            .filter(|c| c.kept_on_erasure())
            .collect();
        assert_eq!(kept, [Category::EmploymentContract]);
    }
}
