//! A contact's rights under GDPR: access (everything stored about them, as JSON) and erasure (the
//! row anonymised so that what must be kept still points at it; portal access ends at once).

use super::store::Contact;
use crate::{AppError, Result, audit, db::Db, timefmt::now};

/// Everything stored about a contact, for a GDPR access request.
pub async fn export(db: &Db, c: &Contact) -> Result<serde_json::Value> {
    let history: Vec<(String, String, i64)> = sqlx::query_as(
        "SELECT action, changes, at FROM audit_log WHERE entity = 'contact' AND entity_id = $1 ORDER BY id",
    )
    .bind(c.id)
    .fetch_all(&db.pool)
    .await?;
    let portal: Option<(String, String, i64, i64, Option<i64>)> = sqlx::query_as(
        "SELECT login_email, rights, active, created_at, last_login_at FROM portal_accounts WHERE contact_id = $1",
    )
    .bind(c.id)
    .fetch_optional(&db.pool)
    .await?;
    Ok(serde_json::json!({
        "contact": c,
        "portal_account": portal.map(|(email, rights, active, created, last)| serde_json::json!({
            "login_email": email, "rights": rights.split(',').filter(|r| !r.is_empty()).collect::<Vec<_>>(),
            "active": active == 1, "created_at": created, "last_login_at": last,
        })),
        "change_history": history.into_iter().map(|(action, changes, at)| serde_json::json!({
            "action": action,
            "changes": serde_json::from_str::<serde_json::Value>(&changes).unwrap_or_default(),
            "at": at,
        })).collect::<Vec<_>>(),
        "exported_at": now(),
    }))
}

/// GDPR erasure: the person's data is removed and the row anonymised, so that what others must
/// keep (invoices, signed contracts, later) still points at a row. Portal access ends at once.
pub async fn erase(db: &Db, user_id: i64, c: &Contact) -> Result<()> {
    if c.portal == "erased" {
        return Err(AppError::NotFound);
    }
    let mut tx = db.begin().await?;
    let now = now();
    sqlx::query(
        "UPDATE contacts SET first_name = '—', last_name = '—', position = NULL, department = NULL, email = NULL, \
         mobile = NULL, phone = NULL, notes = NULL, is_main = 0, active = 0, search_text = '', sort_name = '', \
         anonymised_at = $1, version = version + 1, updated_at = $1 WHERE id = $2",
    )
    .bind(now)
    .bind(c.id)
    .execute(&mut *tx)
    .await?;
    // No name, no words to be found by.
    super::name_words::replace(&mut tx, c.id, "").await?;
    super::portal_access::end_access(&mut tx, c.id).await?;
    // The history held the person's old values: keep that changes happened, not what they were.
    sqlx::query("UPDATE audit_log SET changes = '[]' WHERE entity = 'contact' AND entity_id = $1")
        .bind(c.id)
        .execute(&mut *tx)
        .await?;
    audit::record(
        &mut tx,
        c.customer_id,
        "contact",
        c.id,
        "contact-erase",
        &[],
        Some(user_id),
    )
    .await?;
    // The contact search keeps what matched for a few seconds: not past this change.
    db.commit_and_recount(tx).await?;
    Ok(())
}
