//! Reading documents and their versions.

use serde::Serialize;

use super::category_label;
use crate::{
    Result,
    db::{Db, Sql},
    i18n::Lang,
};

/// A document as lists show it: its metadata and its latest version.
#[derive(Clone, Debug, Serialize, sqlx::FromRow)]
pub struct Document {
    pub id: i64,
    pub customer_id: i64,
    pub category_id: i64,
    pub category_key: Option<String>,
    pub category_name: Option<String>,
    pub title: String,
    pub description: String,
    pub valid_until: Option<String>,
    pub shared_with_customer: i64,
    pub version_count: i64,
    pub version_id: i64,
    pub file_name: String,
    pub content_type: String,
    pub size_bytes: i64,
    pub sha256: String,
    /// Set when the latest version is a signed copy.
    pub signature_order_id: Option<i64>,
    pub uploaded_by: Option<i64>,
    pub uploaded_by_name: Option<String>,
    pub created_at: i64,
    pub updated_at: i64,
    pub deleted_at: Option<i64>,
    pub deleted_by_name: Option<String>,
}

impl Document {
    pub fn category(&self, lang: Lang) -> String {
        category_label(
            self.category_key.as_deref(),
            self.category_name.as_deref(),
            lang,
        )
    }
    pub fn is_pdf(&self) -> bool {
        self.content_type == "application/pdf"
    }
    pub fn shared(&self) -> bool {
        self.shared_with_customer == 1
    }
}

const DOCUMENT_COLUMNS: &str = "d.id, d.customer_id, d.category_id, c.key AS category_key, \
     c.name AS category_name, d.title, d.description, d.valid_until, d.shared_with_customer, \
     d.version_count, v.id AS version_id, v.file_name, v.content_type, v.size_bytes, v.sha256, \
     v.signature_order_id, v.uploaded_by, u.name AS uploaded_by_name, d.created_at, d.updated_at, \
     d.deleted_at, du.name AS deleted_by_name \
     FROM documents d \
     JOIN document_categories c ON c.id = d.category_id \
     JOIN document_versions v ON v.id = d.current_version_id \
     LEFT JOIN users u ON u.id = v.uploaded_by \
     LEFT JOIN users du ON du.id = d.deleted_by";

/// The list's filters, already parsed.
#[derive(Clone, Debug, Default)]
pub struct Filter {
    pub category_id: Option<i64>,
    pub uploader_id: Option<i64>,
    /// Uploaded (latest version) at or after, unix seconds.
    pub from: Option<i64>,
    /// Uploaded before, unix seconds.
    pub to: Option<i64>,
    pub q: Option<String>,
    /// The bin instead of the live documents.
    pub deleted: bool,
    /// Only documents shared with the customer (the portal).
    pub shared_only: bool,
    pub pdf_only: bool,
}

pub async fn list(db: &Db, customer_id: i64, filter: &Filter) -> Result<Vec<Document>> {
    let mut sql = Sql::new(&format!("SELECT {DOCUMENT_COLUMNS} WHERE d.customer_id = "));
    sql.bind(customer_id);
    sql.push(if filter.deleted {
        " AND d.deleted_at IS NOT NULL"
    } else {
        " AND d.deleted_at IS NULL"
    });
    if let Some(c) = filter.category_id {
        sql.push(" AND d.category_id = ").bind(c);
    }
    if let Some(u) = filter.uploader_id {
        sql.push(" AND v.uploaded_by = ").bind(u);
    }
    if let Some(from) = filter.from {
        sql.push(" AND v.uploaded_at >= ").bind(from);
    }
    if let Some(to) = filter.to {
        sql.push(" AND v.uploaded_at < ").bind(to);
    }
    if let Some(q) = filter.q.as_deref().map(str::trim).filter(|q| !q.is_empty()) {
        for term in q.to_lowercase().split_whitespace() {
            crate::db::search::push_contains(&mut sql, "d.search_name", term);
        }
    }
    if filter.shared_only {
        sql.push(" AND d.shared_with_customer = 1");
    }
    if filter.pdf_only {
        sql.push(" AND v.content_type = 'application/pdf'");
    }
    sql.push(if filter.deleted {
        " ORDER BY d.deleted_at DESC, d.id DESC"
    } else {
        " ORDER BY d.updated_at DESC, d.id DESC"
    });
    sql.push(" LIMIT 500");
    Ok(sql.query_as().fetch_all(&db.pool).await?)
}

/// One document of a customer, live or in the bin.
pub async fn get(db: &Db, customer_id: i64, document_id: i64) -> Result<Option<Document>> {
    Ok(sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "SELECT {DOCUMENT_COLUMNS} WHERE d.customer_id = $1 AND d.id = $2"
    )))
    .bind(customer_id)
    .bind(document_id)
    .fetch_optional(&db.pool)
    .await?)
}

#[derive(Clone, Debug, Serialize, sqlx::FromRow)]
pub struct Version {
    pub id: i64,
    pub document_id: i64,
    pub version_no: i64,
    pub storage_key: String,
    pub file_name: String,
    pub content_type: String,
    pub size_bytes: i64,
    pub sha256: String,
    pub uploaded_by_name: Option<String>,
    pub uploaded_at: i64,
    pub signature_order_id: Option<i64>,
}

const VERSION_COLUMNS: &str = "v.id, v.document_id, v.version_no, v.storage_key, v.file_name, \
     v.content_type, v.size_bytes, v.sha256, u.name AS uploaded_by_name, v.uploaded_at, \
     v.signature_order_id FROM document_versions v \
     JOIN documents d ON d.id = v.document_id \
     LEFT JOIN users u ON u.id = v.uploaded_by";

pub async fn versions(db: &Db, document_id: i64) -> Result<Vec<Version>> {
    Ok(sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "SELECT {VERSION_COLUMNS} WHERE v.document_id = $1 ORDER BY v.version_no DESC"
    )))
    .bind(document_id)
    .fetch_all(&db.pool)
    .await?)
}

/// One version of one of the customer's documents (live documents only unless `in_bin`).
pub async fn version(
    db: &Db,
    customer_id: i64,
    document_id: i64,
    version_id: i64,
    in_bin: bool,
) -> Result<Option<Version>> {
    let bin = if in_bin {
        ""
    } else {
        " AND d.deleted_at IS NULL"
    };
    Ok(sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "SELECT {VERSION_COLUMNS} WHERE d.customer_id = $1 AND d.id = $2 AND v.id = $3{bin}"
    )))
    .bind(customer_id)
    .bind(document_id)
    .bind(version_id)
    .fetch_optional(&db.pool)
    .await?)
}

/// A version by its id alone, with its document's customer; for code that already checked
/// access another way (sending an attachment, signing).
pub async fn version_by_id(db: &Db, version_id: i64) -> Result<Option<(i64, Version)>> {
    let row: Option<(i64,)> = sqlx::query_as(
        "SELECT d.customer_id FROM document_versions v JOIN documents d ON d.id = v.document_id \
         WHERE v.id = $1",
    )
    .bind(version_id)
    .fetch_optional(&db.pool)
    .await?;
    let Some((customer_id,)) = row else {
        return Ok(None);
    };
    let version: Option<Version> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "SELECT {VERSION_COLUMNS} WHERE v.id = $1"
    )))
    .bind(version_id)
    .fetch_optional(&db.pool)
    .await?;
    Ok(version.map(|v| (customer_id, v)))
}
