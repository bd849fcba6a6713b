//! The card's change history: every change to customer data — the customer itself or anything on
//! its card (contacts, comments, invoice details, documents, activities, portal access) — is a
//! row of `audit_log` (who, when, what changed: field, old → new), written in the same
//! transaction as the change. Features write it here; the card shows it
//! (`customers::history::latest`). Events on no customer's card — a firm-wide setting changed, a
//! worker's national identity number revealed — are rows without a customer ([`record_unscoped`]).

use serde::Serialize;
use sqlx::AnyConnection;

use crate::{Result, timefmt::now};

/// One field's change.
#[derive(Debug, Serialize, serde::Deserialize, PartialEq, Eq)]
pub struct Change {
    pub field: String,
    pub old: Option<String>,
    pub new: Option<String>,
}

/// The changes between two field lists (same fields, same order).
pub fn diff(
    old: Vec<(&'static str, Option<String>)>,
    new: Vec<(&'static str, Option<String>)>,
) -> Vec<Change> {
    old.into_iter()
        .zip(new)
        .filter(|((_, a), (_, b))| a != b)
        .map(|((field, a), (_, b))| Change {
            field: field.to_string(),
            old: a,
            new: b,
        })
        .collect()
}

/// Records a change to `entity` (`customer`, `contact`, `document`, …) on a customer's card, in
/// the caller's transaction.
pub async fn record(
    conn: &mut AnyConnection,
    customer_id: i64,
    entity: &str,
    entity_id: i64,
    action: &str,
    changes: &[Change],
    user_id: Option<i64>,
) -> Result<()> {
    sqlx::query(
        "INSERT INTO audit_log (customer_id, entity, entity_id, action, changes, user_id, at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(customer_id)
    .bind(entity)
    .bind(entity_id)
    .bind(action)
    .bind(serde_json::to_string(changes).map_err(anyhow::Error::from)?)
    .bind(user_id)
    .bind(now())
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// Records the same `action` on many entities of customers' cards at once (an invoice run's
/// drafts), a few hundred rows per statement, in the caller's transaction: `(customer_id,
/// entity_id)` per row, no field changes.
pub async fn record_many(
    conn: &mut AnyConnection,
    entity: &str,
    action: &str,
    rows: &[(i64, i64)],
    user_id: Option<i64>,
) -> Result<()> {
    let at = now();
    let mut statements = crate::db::bulk::Rows::new(
        "INSERT INTO audit_log (customer_id, entity, entity_id, action, changes, user_id, at) \
         VALUES ",
        50,
    );
    for &(customer_id, entity_id) in rows {
        statements
            .row()
            .push("(")
            .bind(customer_id)
            .push(", ")
            .bind(entity)
            .push(", ")
            .bind(entity_id)
            .push(", ")
            .bind(action)
            .push(", '[]', ")
            .bind(user_id)
            .push(", ")
            .bind(at)
            .push(")");
    }
    statements.execute(conn).await?;
    Ok(())
}

/// Records an event that belongs to no customer's card (e.g. a worker's national identity
/// number revealed), in the caller's transaction: a row of `audit_log` without a customer, so no
/// card's history shows it.
pub async fn record_unscoped(
    conn: &mut AnyConnection,
    entity: &str,
    entity_id: i64,
    action: &str,
    changes: &[Change],
    user_id: Option<i64>,
) -> Result<()> {
    sqlx::query(
        "INSERT INTO audit_log (customer_id, entity, entity_id, action, changes, user_id, at) \
         VALUES (NULL, $1, $2, $3, $4, $5, $6)",
    )
    .bind(entity)
    .bind(entity_id)
    .bind(action)
    .bind(serde_json::to_string(changes).map_err(anyhow::Error::from)?)
    .bind(user_id)
    .bind(now())
    .execute(&mut *conn)
    .await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::diff;

    #[test]
    fn only_changed_fields_are_kept() {
        let old = vec![("name", Some("A".into())), ("city", None)];
        let new = vec![("name", Some("A".into())), ("city", Some("Oslo".into()))];
        let changes = diff(old, new);
        assert_eq!(changes.len(), 1);
        assert_eq!(changes[0].field, "city");
        assert_eq!(changes[0].new.as_deref(), Some("Oslo"));
    }
}
