//! The bin: a document moved there is hidden from lists and kept until restored.

use sqlx::{Any, Transaction};

use super::Document;
use crate::{
    Result,
    audit::{self, Change},
    timefmt::now,
};

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
