//! The card's change history as the overview shows it: a customer's `audit_log` rows (written
//! by `crate::audit`), newest first, with who made each change and whom it was about.

use serde::Serialize;

use crate::{Result, db::Db};

/// One entry of the card's history.
#[derive(Debug, Serialize, sqlx::FromRow)]
pub struct AuditRow {
    pub id: i64,
    pub entity: String,
    pub action: String,
    pub changes: String,
    pub user_name: Option<String>,
    /// Who or what the entry is about, when not the customer itself (e.g. the contact's name).
    pub subject: Option<String>,
    pub at: i64,
}

/// The newest `limit` entries of the customer's history.
pub async fn latest(db: &Db, customer_id: i64, limit: i64) -> Result<Vec<AuditRow>> {
    Ok(sqlx::query_as(
        "SELECT a.id, a.entity, a.action, a.changes, u.name AS user_name, \
         k.first_name || ' ' || k.last_name AS subject, a.at FROM audit_log a \
         LEFT JOIN users u ON u.id = a.user_id \
         LEFT JOIN contacts k ON a.entity = 'contact' AND k.id = a.entity_id \
         WHERE a.customer_id = $1 ORDER BY a.id DESC LIMIT $2",
    )
    .bind(customer_id)
    .bind(limit)
    .fetch_all(&db.pool)
    .await?)
}
