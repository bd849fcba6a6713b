//! Documents in the database: categories, documents and their versions, the bin. Every change
//! to a document writes the card's history in the same transaction.

use serde::Serialize;
use sqlx::{Any, Transaction};

use crate::files::Stored;
use crate::{
    Result,
    audit::{self, Change},
    db::{Db, Sql},
    i18n::Lang,
    timefmt::now,
};

#[derive(Clone, Debug, sqlx::FromRow)]
pub struct Category {
    pub id: i64,
    pub key: Option<String>,
    pub name: Option<String>,
    pub active: i64,
    pub position: i64,
}

impl Category {
    /// The firm's own name, else the built-in one in the user's language.
    pub fn label(&self, lang: Lang) -> String {
        category_label(self.key.as_deref(), self.name.as_deref(), lang)
    }
}

pub fn category_label(key: Option<&str>, name: Option<&str>, lang: Lang) -> String {
    match (name, key) {
        (Some(name), _) if !name.trim().is_empty() => name.to_string(),
        (_, Some(key)) => lang.t(&format!("document-category-{}", key.replace('_', "-"))),
        _ => String::new(),
    }
}

pub async fn categories(db: &Db, include_inactive: bool) -> Result<Vec<Category>> {
    let sql = if include_inactive {
        "SELECT id, key, name, active, position FROM document_categories ORDER BY position, id"
    } else {
        "SELECT id, key, name, active, position FROM document_categories WHERE active = 1 \
         ORDER BY position, id"
    };
    Ok(sqlx::query_as(sql).fetch_all(&db.pool).await?)
}

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
            let escaped = term
                .replace('\\', "\\\\")
                .replace('%', "\\%")
                .replace('_', "\\_");
            sql.push(" AND d.search_name LIKE ")
                .bind(format!("%{escaped}%"))
                .push(" ESCAPE '\\'");
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

/// What the user says about a document.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Meta {
    pub category_id: i64,
    pub description: String,
    pub valid_until: Option<String>,
    pub shared_with_customer: bool,
}

fn meta_fields(title: &str, category: &str, meta: &Meta) -> Vec<(&'static str, Option<String>)> {
    vec![
        ("document", Some(title.to_string())),
        ("category", Some(category.to_string())),
        (
            "description",
            Some(meta.description.clone()).filter(|d| !d.is_empty()),
        ),
        ("valid_until", meta.valid_until.clone()),
        (
            "shared_with_customer",
            Some(if meta.shared_with_customer { "1" } else { "0" }.to_string()),
        ),
    ]
}

async fn category_name(tx: &mut Transaction<'_, Any>, id: i64) -> Result<String> {
    let (key, name): (Option<String>, Option<String>) =
        sqlx::query_as("SELECT key, name FROM document_categories WHERE id = $1")
            .bind(id)
            .fetch_one(&mut **tx)
            .await?;
    Ok(category_label(key.as_deref(), name.as_deref(), Lang::Nb))
}

/// A new document with its first version. Returns (document id, version id).
pub async fn create(
    tx: &mut Transaction<'_, Any>,
    customer_id: i64,
    meta: &Meta,
    file_name: &str,
    stored: &Stored,
    user_id: Option<i64>,
) -> Result<(i64, i64)> {
    let at = now();
    let (document_id,): (i64,) = sqlx::query_as(
        "INSERT INTO documents (customer_id, category_id, title, search_name, description, \
         valid_until, shared_with_customer, version_count, created_by, created_at, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, 0, $8, $9, $9) RETURNING id",
    )
    .bind(customer_id)
    .bind(meta.category_id)
    .bind(file_name)
    .bind(file_name.to_lowercase())
    .bind(&meta.description)
    .bind(meta.valid_until.as_deref())
    .bind(meta.shared_with_customer as i64)
    .bind(user_id)
    .bind(at)
    .fetch_one(&mut **tx)
    .await?;
    let version_id = insert_version(tx, document_id, file_name, stored, user_id, None).await?;
    let category = category_name(tx, meta.category_id).await?;
    let new = meta_fields(file_name, &category, meta);
    let old = new.iter().map(|(f, _)| (*f, None)).collect();
    audit::record(
        tx,
        customer_id,
        "document",
        document_id,
        "document-create",
        &audit::diff(old, new),
        user_id,
    )
    .await?;
    Ok((document_id, version_id))
}

/// A new version of a document (an upload, or a signed copy). Returns the version id.
pub async fn add_version(
    tx: &mut Transaction<'_, Any>,
    customer_id: i64,
    document_id: i64,
    file_name: &str,
    stored: &Stored,
    user_id: Option<i64>,
    signature_order_id: Option<i64>,
) -> Result<i64> {
    let version_id = insert_version(
        tx,
        document_id,
        file_name,
        stored,
        user_id,
        signature_order_id,
    )
    .await?;
    let changes = vec![Change {
        field: "version".into(),
        old: None,
        new: Some(file_name.to_string()),
    }];
    let action = if signature_order_id.is_some() {
        "document-signed"
    } else {
        "document-new-version"
    };
    audit::record(
        tx,
        customer_id,
        "document",
        document_id,
        action,
        &changes,
        user_id,
    )
    .await?;
    Ok(version_id)
}

async fn insert_version(
    tx: &mut Transaction<'_, Any>,
    document_id: i64,
    file_name: &str,
    stored: &Stored,
    user_id: Option<i64>,
    signature_order_id: Option<i64>,
) -> Result<i64> {
    let at = now();
    let (next,): (i64,) = sqlx::query_as("SELECT version_count + 1 FROM documents WHERE id = $1")
        .bind(document_id)
        .fetch_one(&mut **tx)
        .await?;
    let (version_id,): (i64,) = sqlx::query_as(
        "INSERT INTO document_versions (document_id, version_no, storage_key, file_name, \
         content_type, size_bytes, sha256, uploaded_by, uploaded_at, signature_order_id) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id",
    )
    .bind(document_id)
    .bind(next)
    .bind(&stored.key)
    .bind(file_name)
    .bind(&stored.content_type)
    .bind(stored.size_bytes)
    .bind(&stored.sha256)
    .bind(user_id)
    .bind(at)
    .bind(signature_order_id)
    .fetch_one(&mut **tx)
    .await?;
    sqlx::query(
        "UPDATE documents SET current_version_id = $1, version_count = $2, updated_at = $3 \
         WHERE id = $4",
    )
    .bind(version_id)
    .bind(next)
    .bind(at)
    .bind(document_id)
    .execute(&mut **tx)
    .await?;
    Ok(version_id)
}

/// Changes what the user says about a document.
pub async fn update_meta(
    tx: &mut Transaction<'_, Any>,
    doc: &Document,
    meta: &Meta,
    user_id: i64,
) -> Result<()> {
    let old_meta = Meta {
        category_id: doc.category_id,
        description: doc.description.clone(),
        valid_until: doc.valid_until.clone(),
        shared_with_customer: doc.shared(),
    };
    let old_category = category_name(tx, doc.category_id).await?;
    let new_category = category_name(tx, meta.category_id).await?;
    sqlx::query(
        "UPDATE documents SET category_id = $1, description = $2, valid_until = $3, \
         shared_with_customer = $4, updated_at = $5 WHERE id = $6",
    )
    .bind(meta.category_id)
    .bind(&meta.description)
    .bind(meta.valid_until.as_deref())
    .bind(meta.shared_with_customer as i64)
    .bind(now())
    .bind(doc.id)
    .execute(&mut **tx)
    .await?;
    let changes = audit::diff(
        meta_fields(&doc.title, &old_category, &old_meta),
        meta_fields(&doc.title, &new_category, meta),
    );
    if !changes.is_empty() {
        audit::record(
            tx,
            doc.customer_id,
            "document",
            doc.id,
            "document-update",
            &changes,
            Some(user_id),
        )
        .await?;
    }
    Ok(())
}

/// Moves a document to the bin, or back (`deleted = false`).
pub async fn set_deleted(
    tx: &mut Transaction<'_, Any>,
    doc: &Document,
    deleted: bool,
    user_id: i64,
) -> Result<()> {
    let at = now();
    sqlx::query("UPDATE documents SET deleted_at = $1, deleted_by = $2 WHERE id = $3")
        .bind(deleted.then_some(at))
        .bind(deleted.then_some(user_id))
        .bind(doc.id)
        .execute(&mut **tx)
        .await?;
    let changes = vec![Change {
        field: "document".into(),
        old: None,
        new: Some(doc.title.clone()),
    }];
    audit::record(
        tx,
        doc.customer_id,
        "document",
        doc.id,
        if deleted {
            "document-delete"
        } else {
            "document-restore"
        },
        &changes,
        Some(user_id),
    )
    .await
}
