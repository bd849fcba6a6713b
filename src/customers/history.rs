//! The card's change history as the overview shows it: a customer's `audit_log` rows (written
//! by `crate::audit`) except portal log-ins (the timeline's), newest first, with who made each change and whom it was about.

use std::collections::HashMap;

use serde::Serialize;

use crate::{Result, contacts::lookup, db::Db};

/// One entry of the card's history.
#[derive(Debug, Serialize, sqlx::FromRow)]
pub struct AuditRow {
    pub id: i64,
    pub entity: String,
    pub action: String,
    pub changes: String,
    pub user_name: Option<String>,
    /// Who or what the entry is about, when not the customer itself (e.g. the contact's name).
    #[sqlx(default)]
    pub subject: Option<String>,
    #[serde(skip)]
    pub entity_id: i64,
    pub at: i64,
}

/// The newest `limit` entries of the customer's history.
pub async fn latest(db: &Db, customer_id: i64, limit: i64) -> Result<Vec<AuditRow>> {
    let mut rows: Vec<AuditRow> = sqlx::query_as(
        "SELECT a.id, a.entity, a.action, a.changes, u.name AS user_name, \
         a.entity_id, a.at FROM audit_log a \
         LEFT JOIN users u ON u.id = a.user_id \
         WHERE a.customer_id = $1 AND a.entity <> $3 ORDER BY a.id DESC LIMIT $2",
    )
    .bind(customer_id)
    .bind(limit)
    .bind(super::timeline::PORTAL_LOGIN_ENTITY)
    .fetch_all(&db.pool)
    .await?;
    // Whom an entry about a contact is about: the contact's name, through `contacts::lookup`.
    let ids: Vec<i64> = rows
        .iter()
        .filter(|r| r.entity == "contact")
        .map(|r| r.entity_id)
        .collect();
    let names: HashMap<i64, String> = lookup::names_of(db, &ids).await?.into_iter().collect();
    for r in rows.iter_mut().filter(|r| r.entity == "contact") {
        r.subject = names.get(&r.entity_id).cloned();
    }
    Ok(rows)
}
