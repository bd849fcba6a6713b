//! Worker documents in the database (`worker_documents`, migration 0009). The files are in the
//! object store under `workers/{worker_id}/…`; a row is written only once its file is complete,
//! and a file is removed only after the row that pointed at it is gone (the caller does that
//! after its commit, with the keys these functions return).

use serde::Serialize;
use sqlx::AnyConnection;

use super::Category;
use crate::{Result, customers::access::Holder, db::Db, files::Stored, timefmt::now};

#[derive(Clone, Debug, Serialize, sqlx::FromRow, utoipa::ToSchema)]
pub struct WorkerDocument {
    pub id: i64,
    pub worker_id: i64,
    /// `cv`, `hms_card`, `work_permit`, `licence`, `certificate`, `employment_contract` or `other`.
    pub category: String,
    pub title: String,
    pub file_name: String,
    #[serde(skip)]
    pub storage_key: String,
    pub content_type: String,
    pub size_bytes: i64,
    pub sha256: String,
    /// `YYYY-MM-DD`.
    pub valid_until: Option<String>,
    /// The paper (credential) this is the scan of.
    pub credential_id: Option<i64>,
    /// 1 when the worker sees it on their own pages.
    pub visible_to_worker: i64,
    /// Set on a document erasure kept because the law requires it: kept until this date.
    pub retain_until: Option<String>,
    pub created_at: i64,
}

const COLUMNS: &str = "id, worker_id, category, title, file_name, storage_key, content_type, \
    size_bytes, sha256, valid_until, credential_id, visible_to_worker, retain_until, created_at";

/// A new document's details, checked.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewDocument {
    pub category: Category,
    pub title: String,
    pub valid_until: Option<String>,
    pub credential_id: Option<i64>,
    pub visible_to_worker: bool,
}

/// Files a received file as a document of the worker.
pub async fn create(
    conn: &mut AnyConnection,
    worker_id: i64,
    d: &NewDocument,
    file_name: &str,
    stored: &Stored,
    user_id: Option<i64>,
) -> Result<i64> {
    let title = if d.title.is_empty() {
        file_name
    } else {
        &d.title
    };
    let (id,): (i64,) = sqlx::query_as(
        "INSERT INTO worker_documents (worker_id, category, title, file_name, storage_key, \
         content_type, size_bytes, sha256, valid_until, credential_id, visible_to_worker, \
         created_by, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) \
         RETURNING id",
    )
    .bind(worker_id)
    .bind(d.category.as_str())
    .bind(title)
    .bind(file_name)
    .bind(&stored.key)
    .bind(&stored.content_type)
    .bind(stored.size_bytes)
    .bind(&stored.sha256)
    .bind(d.valid_until.as_deref())
    .bind(d.credential_id)
    .bind(i64::from(d.visible_to_worker))
    .bind(user_id)
    .bind(now())
    .fetch_one(&mut *conn)
    .await?;
    Ok(id)
}

/// The worker's documents, newest first.
pub async fn list(db: &Db, worker_id: i64) -> Result<Vec<WorkerDocument>> {
    Ok(sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "SELECT {COLUMNS} FROM worker_documents WHERE worker_id = $1 ORDER BY created_at DESC, id DESC"
    )))
    .bind(worker_id)
    .fetch_all(&db.pool)
    .await?)
}

/// The documents the worker sees on their own pages (marked "visible to the worker").
pub async fn list_for_worker_pages(db: &Db, worker_id: i64) -> Result<Vec<WorkerDocument>> {
    Ok(sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "SELECT {COLUMNS} FROM worker_documents WHERE worker_id = $1 AND visible_to_worker = 1 \
         ORDER BY created_at DESC, id DESC"
    )))
    .bind(worker_id)
    .fetch_all(&db.pool)
    .await?)
}

pub async fn get(db: &Db, worker_id: i64, id: i64) -> Result<Option<WorkerDocument>> {
    Ok(sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "SELECT {COLUMNS} FROM worker_documents WHERE worker_id = $1 AND id = $2"
    )))
    .bind(worker_id)
    .bind(id)
    .fetch_optional(&db.pool)
    .await?)
}

/// Deletes a document; its file's key, for the caller to remove after the commit.
pub async fn delete(conn: &mut AnyConnection, worker_id: i64, id: i64) -> Result<Option<String>> {
    let key: Option<(String,)> = sqlx::query_as(
        "DELETE FROM worker_documents WHERE worker_id = $1 AND id = $2 RETURNING storage_key",
    )
    .bind(worker_id)
    .bind(id)
    .fetch_optional(&mut *conn)
    .await?;
    Ok(key.map(|(k,)| k))
}

/// What erasure did to a worker's documents.
#[derive(Debug, Default)]
pub struct ErasedDocuments {
    /// The files of the deleted documents, for the caller to remove after the commit.
    pub removed_keys: Vec<String>,
    /// How many were kept (see [`Category::kept_on_erasure`]).
    pub kept: i64,
}

/// GDPR erasure of the worker's documents, in the caller's transaction: every document is
/// deleted except those the law requires the agency to keep, which are marked to be kept until
/// `retain_until` and hidden from the worker's pages.
pub async fn erase_for_worker(
    conn: &mut AnyConnection,
    worker_id: i64,
    retain_until: &str,
) -> Result<ErasedDocuments> {
    let rows: Vec<(String, String)> =
        sqlx::query_as("SELECT category, storage_key FROM worker_documents WHERE worker_id = $1")
            .bind(worker_id)
            .fetch_all(&mut *conn)
            .await?;
    let mut out = ErasedDocuments::default();
    for (category, key) in rows {
        if Category::parse(&category).is_some_and(Category::kept_on_erasure) {
            out.kept += 1;
        } else {
            out.removed_keys.push(key);
        }
    }
    let kept: Vec<&str> = Category::ALL
        .iter()
        .filter(|c| c.kept_on_erasure())
        .map(|c| c.as_str())
        .collect();
    let mut sql = crate::db::Sql::new("DELETE FROM worker_documents WHERE worker_id = ");
    sql.bind(worker_id).push(" AND category NOT IN (");
    sql.bind_list(kept.iter().map(|s| s.to_string()));
    sql.push(")");
    sql.query().execute(&mut *conn).await?;
    sqlx::query(
        "UPDATE worker_documents SET retain_until = $1, visible_to_worker = 0, credential_id = NULL \
         WHERE worker_id = $2",
    )
    .bind(retain_until)
    .bind(worker_id)
    .execute(&mut *conn)
    .await?;
    Ok(out)
}

/// Who holds the worker, for the documents' access rule: the responsible consultant, and the
/// worker's department — or, when the worker has none, the responsible consultant's.
pub async fn holder(db: &Db, worker_id: i64) -> Result<Option<Holder>> {
    let row: Option<(Option<i64>, Option<i64>, Option<i64>)> = sqlx::query_as(
        "SELECT w.responsible_id, w.department_id, u.department_id FROM workers w \
         LEFT JOIN users u ON u.id = w.responsible_id WHERE w.id = $1",
    )
    .bind(worker_id)
    .fetch_optional(&db.pool)
    .await?;
    Ok(row.map(|(owner_id, own, responsibles)| Holder {
        owner_id,
        department_id: own.or(responsibles),
    }))
}
