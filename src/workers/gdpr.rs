//! A worker's rights under GDPR: access (everything stored about them, as JSON) and erasure.
//!
//! What erasure keeps, and why: a worker who has never been on an assignment is deleted
//! outright. One who has keeps their name, employee number, national identity number (still
//! sealed) and assignments (period, role, pay), because those are the basis of payroll — the
//! a-melding names the employee by national identity number — and of invoices the agency must
//! keep for five years after the end of the financial year (bokføringsloven § 13,
//! bokføringsforskriften § 5-1-1); everything else — contact details, address, bank account,
//! skills, papers, availability — is removed at once, with their log-in to their own pages and
//! the messages that were theirs alone (an invitation; messages in a customer's dialog stay
//! there). Of the worker's documents only the employment contract is kept (a payroll voucher,
//! same law), marked to be kept until 31 December five years after the year of erasure and
//! hidden from the worker's pages; a worker with a kept contract is anonymised, not deleted.
//! The daily retention job deletes them, file and all, once that day has passed
//! (`ops::retention::prune_kept_documents`, decision 0073).
//!
//! The export holds the whole national identity number and bank account when an admin or a
//! manager makes it (the caller reveals them, audited, and passes them in); for anyone else it
//! holds the masked forms.

use sqlx::AnyConnection;

use super::{
    bank::RevealedAccount,
    credentials, documents,
    national_id::Revealed,
    store::{self, Worker},
};
use crate::{Result, db::Db, timefmt::now};

/// Everything stored about a worker, for a GDPR access request. Bill rates and margins are the
/// agency's, not the worker's, and are left out.
pub async fn export(
    db: &Db,
    w: &Worker,
    national_id: Option<Revealed>,
    bank_account: Option<RevealedAccount>,
) -> Result<serde_json::Value> {
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
    let mut worker = serde_json::to_value(w).map_err(anyhow::Error::from)?;
    if let Some(b) = bank_account {
        worker["bank_account"] = b.bank_account.into();
    }
    Ok(serde_json::json!({
        "worker": worker,
        "skills": store::skills(db, w.id).await?,
        "papers": credentials::list(db, w.id).await?,
        // The documents' details and names; the files themselves are sent on request.
        "documents": documents::store::list(db, w.id).await?,
        "national_id": match national_id {
            Some(r) => serde_json::to_value(r).map_err(anyhow::Error::from)?,
            None => serde_json::to_value(w.national_id()).map_err(anyhow::Error::from)?,
        },
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
    /// No assignments and no kept documents: the worker is gone.
    Deleted,
    /// Assignments and kept documents keep the name and employee number; the rest is removed.
    Anonymised,
}

/// What erasure did, and the files of the deleted documents, which the caller removes from the
/// store once its transaction is committed (`files::form::forget`).
#[derive(Debug)]
pub struct Erasure {
    pub outcome: Erased,
    pub removed_files: Vec<String>,
}

/// How long a kept document stays: to 31 December five years after this year (bokføringsloven
/// § 13: five years after the end of the financial year).
pub fn retain_until(today: time::Date) -> String {
    format!("{}-12-31", today.year() + 5)
}

/// GDPR erasure in the caller's transaction (see the module comment for what is kept).
pub async fn erase(conn: &mut AnyConnection, id: i64) -> Result<Erasure> {
    // Their log-in ends at once, and messages that were theirs alone (an invitation) go.
    super::account::end_access(conn, id).await?;
    crate::dialog::worker::erase_for_worker(conn, id).await?;
    let keep_until = retain_until(crate::timefmt::when::oslo_date(now()));
    let docs = documents::store::erase_for_worker(conn, id, &keep_until).await?;
    let (assignments,): (i64,) =
        sqlx::query_as("SELECT COUNT(*) FROM assignments WHERE worker_id = $1")
            .bind(id)
            .fetch_one(&mut *conn)
            .await?;
    let removed_files = docs.removed_keys;
    if assignments == 0 && docs.kept == 0 {
        sqlx::query("DELETE FROM workers WHERE id = $1")
            .bind(id)
            .execute(&mut *conn)
            .await?;
        return Ok(Erasure {
            outcome: Erased::Deleted,
            removed_files,
        });
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
         bank_account_sealed = NULL, bank_account_last4 = NULL, \
         needs_work_permit = 0, status = 'former', search_text = $1, version = version + 1, \
         updated_at = $2, erased_at = $2 WHERE id = $3",
    )
    .bind(name.to_lowercase())
    .bind(now)
    .bind(id)
    .execute(&mut *conn)
    .await?;
    Ok(Erasure {
        outcome: Erased::Anonymised,
        removed_files,
    })
}

/// Candidates (status `candidate`) never on an assignment, not erased, whose row was last
/// changed before `before`, with whether they consented to be kept: whom the recruitments'
/// privacy job may anonymise (it also leaves out those still in a recruitment or vacancy;
/// decision 0038).
pub async fn idle_candidates(conn: &mut AnyConnection, before: i64) -> Result<Vec<(i64, bool)>> {
    let rows: Vec<(i64, i64)> = sqlx::query_as(
        "SELECT w.id, w.keep_consent FROM workers w WHERE w.status = 'candidate' \
         AND w.erased_at IS NULL AND w.updated_at < $1 \
         AND NOT EXISTS (SELECT 1 FROM assignments a WHERE a.worker_id = w.id) ORDER BY w.id",
    )
    .bind(before)
    .fetch_all(&mut *conn)
    .await?;
    Ok(rows.into_iter().map(|(id, keep)| (id, keep == 1)).collect())
}

/// Anonymises a candidate who was never on an assignment (the privacy job, decision 0038): as
/// [`erase`], but the row stays (so the recruitments' and vacancies' boards keep their
/// counts) with the name replaced by `#<id>` and the national identity number, birth date and
/// employee number removed too. Returns the files to remove once committed.
pub async fn anonymise_candidate(conn: &mut AnyConnection, id: i64) -> Result<Vec<String>> {
    super::account::end_access(conn, id).await?;
    crate::dialog::worker::erase_for_worker(conn, id).await?;
    let keep_until = retain_until(crate::timefmt::when::oslo_date(now()));
    let docs = documents::store::erase_for_worker(conn, id, &keep_until).await?;
    for table in ["worker_skills", "worker_credentials"] {
        sqlx::query(sqlx::AssertSqlSafe(format!(
            "DELETE FROM {table} WHERE worker_id = $1"
        )))
        .bind(id)
        .execute(&mut *conn)
        .await?;
    }
    let name = format!("#{id}");
    let now = now();
    sqlx::query(
        "UPDATE workers SET name = $1, sort_name = $1, search_text = $1, email = NULL, \
         mobile = NULL, street = NULL, postal_code = NULL, city = NULL, employee_number = NULL, \
         preferred_places = NULL, place_text = '', available_from = NULL, bank_account = NULL, \
         bic = NULL, bank_account_sealed = NULL, bank_account_last4 = NULL, needs_work_permit = 0, national_id_sealed = NULL, national_id_kind = NULL, \
         national_id_last2 = NULL, birth_date = NULL, status = 'former', \
         version = version + 1, updated_at = $2, erased_at = $2 WHERE id = $3",
    )
    .bind(&name)
    .bind(now)
    .bind(id)
    .execute(&mut *conn)
    .await?;
    Ok(docs.removed_keys)
}

#[cfg(test)]
mod tests {
    #[test]
    fn kept_documents_stay_to_the_end_of_the_fifth_year() {
        let d = time::Date::from_calendar_date(2026, time::Month::December, 2).unwrap();
        assert_eq!(super::retain_until(d), "2031-12-31");
    }
}
