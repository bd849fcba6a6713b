//! Writing documents: a new document, a new version, changed details; each with the card's
//! history in the caller's transaction.

use sqlx::{Any, Transaction};

use super::{Document, category_label};
use crate::files::Stored;
use crate::{
    Result,
    audit::{self, Change},
    i18n::Lang,
    timefmt::now,
};

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
