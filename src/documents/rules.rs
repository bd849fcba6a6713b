//! The documents' rules that the card's pages and the API share: who sees the bin, which
//! categories a new document may take, filing received files, the bin and back. Access to the
//! customer itself is `customers::access`, checked by the caller.

use super::{
    store::{self, Category, Document},
    upload::Received,
};
use crate::{AppState, Result, auth::Staff};

/// Who sees the bin (its list, its documents and their files): admins.
pub fn sees_bin(user: &Staff) -> bool {
    user.role.is_admin()
}

/// The category a new document gets unless the user picks one: "other", else the first.
pub fn default_category(categories: &[Category]) -> Option<i64> {
    categories
        .iter()
        .find(|c| c.key.as_deref() == Some("other"))
        .or(categories.first())
        .map(|c| c.id)
}

/// The categories a new document may be filed under: the active ones.
pub async fn upload_categories(state: &AppState) -> Result<Vec<i64>> {
    Ok(store::categories(&state.db, false)
        .await?
        .iter()
        .map(|c| c.id)
        .collect())
}

/// Files already in the store become documents of the customer, all in one transaction.
/// Returns the new documents' ids.
pub async fn file_received(
    state: &AppState,
    customer_id: i64,
    meta: &store::Meta,
    received: &[Received],
    user_id: i64,
) -> Result<Vec<i64>> {
    let mut ids = Vec::new();
    let mut tx = state.db.begin().await?;
    for r in received {
        let (document_id, _) = store::create(
            &mut tx,
            customer_id,
            meta,
            &r.file_name,
            &r.stored,
            Some(user_id),
        )
        .await?;
        ids.push(document_id);
    }
    tx.commit().await?;
    Ok(ids)
}

/// Moves a document to the bin (nothing happens when it is there already).
pub async fn to_bin(state: &AppState, doc: &Document, user: &Staff) -> Result<()> {
    if doc.deleted_at.is_none() {
        let mut tx = state.db.begin().await?;
        store::set_deleted(&mut tx, doc, true, user.id).await?;
        tx.commit().await?;
    }
    Ok(())
}

/// Takes a document out of the bin: admins only (nothing happens when it is not there).
pub async fn restore(state: &AppState, doc: &Document, user: &Staff) -> Result<()> {
    user.require_admin()?;
    if doc.deleted_at.is_some() {
        let mut tx = state.db.begin().await?;
        store::set_deleted(&mut tx, doc, false, user.id).await?;
        tx.commit().await?;
    }
    Ok(())
}
