//! A worker's rights under GDPR: access (everything stored about them, as JSON) and erasure.
//!
//! What erasure keeps, and why: a worker who has never been on an assignment is deleted
//! outright. One who has keeps their name, employee number and assignments (period, role, pay),
//! because those are the basis of payroll and of invoices the agency must keep for five years
//! after the end of the financial year (bokføringsloven § 13, bokføringsforskriften § 5-1-1);
//! everything else — contact details, address, bank account, skills, papers, availability — is
//! removed at once, with their log-in to their own pages and the messages that were theirs
//! alone (an invitation; messages in a customer's dialog stay there). Deleting the rest when
//! the five years have passed is not automated yet.

use sqlx::AnyConnection;

use super::{
    credentials,
    store::{self, Worker},
};
use crate::{Result, db::Db, timefmt::now};

/// Everything stored about a worker, for a GDPR access request. Bill rates and margins are the
/// agency's, not the worker's, and are left out.
pub async fn export(db: &Db, w: &Worker) -> Result<serde_json::Value> {
    /// One assignment as the worker sees it: no bill rate.
    #[derive(serde::Serialize, sqlx::FromRow)]
    struct Row {
        customer: String,
        role: String,
        from_date: String,
        to_date: Option<String>,
        status: String,
        pay_rate_ore: i64,
        hours_per_week_minutes: i64,
    }
    let assignments: Vec<Row> = sqlx::query_as(
        "SELECT c.name AS customer, a.title AS role, a.from_date, a.to_date, a.status, \
         a.pay_rate_ore, a.hours_per_week_minutes \
         FROM assignments a JOIN customers c ON c.id = a.customer_id WHERE a.worker_id = $1 ORDER BY a.from_date",
    )
    .bind(w.id)
    .fetch_all(&db.pool)
    .await?;
    Ok(serde_json::json!({
        "worker": w,
        "skills": store::skills(db, w.id).await?,
        "papers": credentials::list(db, w.id).await?,
        "assignments": assignments,
        "exported_at": now(),
    }))
}

/// An erased worker is not edited again: that would put personal data back that was erased on
/// request. Every path that changes a worker (the form, the API, papers) asks this first.
pub fn refuse_if_erased(w: &Worker) -> Result<()> {
    match w.erased_at {
        Some(_) => Err(crate::AppError::Conflict(crate::error::Msg::new(
            "worker-erased-no-edit",
        ))),
        None => Ok(()),
    }
}

/// What erasure did.
#[derive(Debug, PartialEq, Eq)]
pub enum Erased {
    /// No assignments: the worker is gone.
    Deleted,
    /// Assignments keep the name and employee number; the rest is removed.
    Anonymised,
}

/// GDPR erasure in the caller's transaction (see the module comment for what is kept).
pub async fn erase(conn: &mut AnyConnection, id: i64) -> Result<Erased> {
    // Their log-in ends at once, and messages that were theirs alone (an invitation) go.
    super::account::end_access(conn, id).await?;
    crate::dialog::worker::erase_for_worker(conn, id).await?;
    let (assignments,): (i64,) =
        sqlx::query_as("SELECT COUNT(*) FROM assignments WHERE worker_id = $1")
            .bind(id)
            .fetch_one(&mut *conn)
            .await?;
    if assignments == 0 {
        sqlx::query("DELETE FROM workers WHERE id = $1")
            .bind(id)
            .execute(&mut *conn)
            .await?;
        return Ok(Erased::Deleted);
    }
    for table in ["worker_skills", "worker_credentials"] {
        sqlx::query(sqlx::AssertSqlSafe(format!(
            "DELETE FROM {table} WHERE worker_id = $1"
        )))
        .bind(id)
        .execute(&mut *conn)
        .await?;
    }
    let (name,): (String,) = sqlx::query_as("SELECT name FROM workers WHERE id = $1")
        .bind(id)
        .fetch_one(&mut *conn)
        .await?;
    let now = now();
    sqlx::query(
        "UPDATE workers SET email = NULL, mobile = NULL, street = NULL, postal_code = NULL, city = NULL, \
         preferred_places = NULL, place_text = '', available_from = NULL, bank_account = NULL, bic = NULL, \
         needs_work_permit = 0, status = 'former', search_text = $1, version = version + 1, \
         updated_at = $2, erased_at = $2 WHERE id = $3",
    )
    .bind(name.to_lowercase())
    .bind(now)
    .bind(id)
    .execute(&mut *conn)
    .await?;
    Ok(Erased::Anonymised)
}
