//! The demo's portal log-in: the contact who approves the demo worker's timesheets gets
//! `kunde@demo.kundekort.no` and the demo password with every right, as if they had accepted an
//! invitation, so the portal (assignments, timesheets to approve, invoices, documents) can be
//! looked at without sending an invitation first.

use crate::{db::Db, timefmt::now};

const LOGIN: &str = "kunde@demo.kundekort.no";
const RIGHTS: &str =
    "view_assignments,approve_timesheets,view_invoices,view_documents,sign_documents,request_staff";

/// The approver of the first active assignment (the demo worker's, see `workers::demo_login`).
pub(super) async fn approver(db: &Db) -> anyhow::Result<Option<(i64, i64)>> {
    Ok(sqlx::query_as(
        "SELECT a.approver_contact_id, a.customer_id FROM assignments a \
         JOIN workers w ON w.id = a.worker_id \
         WHERE a.status = 'active' AND a.approver_contact_id IS NOT NULL AND w.erased_at IS NULL \
         ORDER BY w.id, a.id LIMIT 1",
    )
    .fetch_optional(&db.pool)
    .await?)
}

/// Gives the approver a portal log-in; returns it to print, if there was such a contact.
pub(super) async fn demo_login(db: &Db, password_hash: &str) -> anyhow::Result<Option<String>> {
    let Some((contact, _)) = approver(db).await? else {
        return Ok(None);
    };
    let at = now();
    let mut tx = db.begin().await?;
    // The log-in is the contact's email, so the search text follows it.
    let (old_email,): (Option<String>,) =
        sqlx::query_as("SELECT email FROM contacts WHERE id = $1")
            .bind(contact)
            .fetch_one(&mut *tx)
            .await?;
    sqlx::query(
        "UPDATE contacts SET email = $1, search_text = REPLACE(search_text, $2, $1) WHERE id = $3",
    )
    .bind(LOGIN)
    .bind(old_email.unwrap_or_default().to_lowercase())
    .bind(contact)
    .execute(&mut *tx)
    .await?;
    sqlx::query(
        "INSERT INTO portal_accounts (contact_id, login_email, password_hash, rights, active, \
         created_at, updated_at) VALUES ($1, $2, $3, $4, 1, $5, $5)",
    )
    .bind(contact)
    .bind(LOGIN)
    .bind(password_hash)
    .bind(RIGHTS)
    .bind(at)
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(Some(LOGIN.to_string()))
}
