//! What the customer portal shows of assignments (with the *view assignments* right): who works
//! for the company, in which role and when — never pay, margins or anything personal. The
//! query selects only those columns, so nothing else can leak into the page.

use serde::Serialize;

use crate::{Result, db::Db};

#[derive(Clone, Debug, Serialize, sqlx::FromRow)]
pub struct PortalAssignment {
    pub worker_name: String,
    pub title: String,
    /// `YYYY-MM-DD`.
    pub from_date: String,
    pub to_date: Option<String>,
    /// `planned` or `active`.
    pub status: String,
}

/// The company's current and upcoming assignments, by start date.
pub async fn current(db: &Db, customer_id: i64) -> Result<Vec<PortalAssignment>> {
    Ok(sqlx::query_as(
        "SELECT w.name AS worker_name, a.title, a.from_date, a.to_date, a.status \
         FROM assignments a JOIN workers w ON w.id = a.worker_id \
         WHERE a.customer_id = $1 AND a.status IN ('planned', 'active') \
         ORDER BY a.from_date, w.sort_name",
    )
    .bind(customer_id)
    .fetch_all(&db.pool)
    .await?)
}
