//! A run as a row (decision 0034): making a run's drafts and issuing them are worked in batches
//! of customers (each customer under its own savepoint) and invoice by invoice, each in its own
//! transaction, against `invoice_runs` (the
//! progress the page polls), `invoice_run_customers` (what the drafts phase did per customer)
//! and `invoice_run_invoices` (the drafts made and what issuing each did). The work is the same
//! whether the request does it (a small run) or the `invoice_run` job does (a large one), and
//! it is safe to run again: only customers still `waiting` and invoices still `draft` are taken,
//! each claimed by the first statement of its transaction.

use sqlx::{AnyConnection, Connection};
use time::Date;

use super::{
    collect::{Plan, Scope},
    create,
};
use crate::{
    AppError, Result,
    db::{Db, Sql},
    error::Msg,
    invoices::store,
    jobs,
    norway::kid::KidRule,
    timefmt::now,
};

/// The job kind that works a run (payload `{"run_id": N}`).
pub const KIND: &str = "invoice_run";

/// A run as stored.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct Run {
    pub id: i64,
    pub created_by: i64,
    pub from_date: String,
    pub to_date: String,
    pub scope: String,
    pub scope_id: Option<i64>,
    pub phase: String,
    pub state: String,
    pub total: i64,
    pub done: i64,
    pub failed: i64,
    pub made: i64,
    pub issued: i64,
    pub net_ore: i64,
    pub issued_by: Option<i64>,
    pub error: Option<String>,
    pub created_at: i64,
    pub started_at: Option<i64>,
    pub finished_at: Option<i64>,
}

impl Run {
    /// Whether the phase is over (done or failed as a whole).
    pub fn finished(&self) -> bool {
        matches!(self.state.as_str(), "done" | "failed")
    }

    /// Per mille of the phase done (failures count as done).
    pub fn permille(&self) -> i64 {
        if self.total <= 0 {
            return if self.finished() { 1000 } else { 0 };
        }
        ((self.done + self.failed) * 1000 / self.total).clamp(0, 1000)
    }
}

/// A customer of a run's drafts phase.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct RunCustomer {
    pub customer_id: i64,
    pub name: String,
    pub state: String,
    pub reason: Option<String>,
}

/// A draft a run made and what issuing it did.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct RunInvoice {
    pub invoice_id: i64,
    pub customer_id: i64,
    pub name: String,
    pub lines: i64,
    pub net_ore: i64,
    pub state: String,
    pub reason: Option<String>,
    pub number: Option<i64>,
}

const COLUMNS: &str = "id, created_by, from_date, to_date, scope, scope_id, phase, state, total, \
     done, failed, made, issued, net_ore, issued_by, error, created_at, started_at, finished_at";

fn scope_parts(scope: Scope) -> (&'static str, Option<i64>) {
    match scope {
        Scope::Firm => ("firm", None),
        Scope::Department(d) => ("department", Some(d)),
        Scope::Customer(c) => ("customer", Some(c)),
    }
}

/// Records a run of `plan`'s drafts (queued) in the caller's transaction: its customers with
/// invoices, `blocked` ones (red problems) already settled. Returns the run's id.
pub async fn start(
    conn: &mut AnyConnection,
    plan: &Plan,
    scope: Scope,
    user_id: i64,
) -> Result<i64> {
    let (scope, scope_id) = scope_parts(scope);
    let customers: Vec<_> = plan
        .customers
        .iter()
        .filter(|c| !c.invoices.is_empty())
        .collect();
    let total = customers.iter().filter(|c| !c.blocked()).count();
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO invoice_runs (created_by, from_date, to_date, scope, scope_id, phase, \
         state, total, created_at) VALUES ($1, $2, $3, $4, $5, 'drafts', 'queued', $6, $7) \
         RETURNING id",
    )
    .bind(user_id)
    .bind(&plan.from)
    .bind(&plan.to)
    .bind(scope)
    .bind(scope_id)
    .bind(i64::try_from(total).unwrap_or(i64::MAX))
    .bind(now())
    .fetch_one(&mut *conn)
    .await?;
    for chunk in customers.chunks(200) {
        let mut sql = crate::db::Sql::new(
            "INSERT INTO invoice_run_customers (run_id, customer_id, state) VALUES ",
        );
        for (i, c) in chunk.iter().enumerate() {
            if i > 0 {
                sql.push(", ");
            }
            sql.push("(")
                .bind(id)
                .push(", ")
                .bind(c.customer_id)
                .push(", ")
                .bind(if c.blocked() { "blocked" } else { "waiting" })
                .push(")");
        }
        sql.query().execute(&mut *conn).await?;
    }
    Ok(id)
}

/// Queues the job that works run `id`, in the caller's transaction.
pub async fn queue(conn: &mut AnyConnection, id: i64) -> Result<()> {
    jobs::enqueue(conn, KIND, &serde_json::json!({ "run_id": id })).await?;
    Ok(())
}

pub async fn get(db: &Db, id: i64) -> Result<Option<Run>> {
    let sql = format!("SELECT {COLUMNS} FROM invoice_runs WHERE id = $1");
    Ok(sqlx::query_as(sqlx::AssertSqlSafe(sql))
        .bind(id)
        .fetch_optional(&db.pool)
        .await?)
}

/// The run's customers, by name.
pub async fn customers(db: &Db, id: i64) -> Result<Vec<RunCustomer>> {
    Ok(sqlx::query_as(
        "SELECT r.customer_id, c.name, r.state, r.reason FROM invoice_run_customers r \
         JOIN customers c ON c.id = r.customer_id WHERE r.run_id = $1 ORDER BY c.name, c.id",
    )
    .bind(id)
    .fetch_all(&db.pool)
    .await?)
}

/// The run's drafts and what became of them, by customer name and invoice.
pub async fn invoices(db: &Db, id: i64) -> Result<Vec<RunInvoice>> {
    Ok(sqlx::query_as(
        "SELECT r.invoice_id, r.customer_id, c.name, r.lines, r.net_ore, r.state, r.reason, \
         i.number FROM invoice_run_invoices r JOIN customers c ON c.id = r.customer_id \
         LEFT JOIN invoices i ON i.id = r.invoice_id WHERE r.run_id = $1 \
         ORDER BY c.name, c.id, r.invoice_id",
    )
    .bind(id)
    .fetch_all(&db.pool)
    .await?)
}

/// The drafts still to issue (never tried, or failed before and still drafts): how many and
/// their sum without VAT.
pub async fn to_issue(db: &Db, id: i64) -> Result<(i64, i64)> {
    Ok(sqlx::query_as(
        "SELECT COUNT(*), CAST(COALESCE(SUM(r.net_ore), 0) AS BIGINT) \
         FROM invoice_run_invoices r JOIN invoices i ON i.id = r.invoice_id \
         WHERE r.run_id = $1 AND r.state IN ('draft', 'failed') AND i.status = 'draft'",
    )
    .bind(id)
    .fetch_one(&db.pool)
    .await?)
}

async fn begin_phase(db: &Db, id: i64) -> Result<()> {
    sqlx::query(
        "UPDATE invoice_runs SET state = 'running', started_at = COALESCE(started_at, $1) \
         WHERE id = $2 AND state IN ('queued', 'running')",
    )
    .bind(now())
    .bind(id)
    .execute(&db.pool)
    .await?;
    Ok(())
}

async fn end_phase(db: &Db, id: i64) -> Result<()> {
    sqlx::query(
        "UPDATE invoice_runs SET state = 'done', finished_at = $1 WHERE id = $2 \
         AND state IN ('queued', 'running')",
    )
    .bind(now())
    .bind(id)
    .execute(&db.pool)
    .await?;
    Ok(())
}

/// Marks the run failed as a whole (the job gave up), with the reason for the log.
pub async fn fail(db: &Db, id: i64, reason: &str) -> Result<()> {
    sqlx::query(
        "UPDATE invoice_runs SET state = 'failed', error = $1, finished_at = $2 WHERE id = $3",
    )
    .bind(reason)
    .bind(now())
    .bind(id)
    .execute(&db.pool)
    .await?;
    Ok(())
}

/// The message key of a failed customer or invoice.
fn reason_of(e: &AppError, fallback: &'static str) -> String {
    match e {
        AppError::Conflict(m) => m.key.to_string(),
        AppError::Invalid(errors) => {
            let keys: Vec<&str> = errors.0.values().flatten().map(|m: &Msg| m.key).collect();
            if keys.is_empty() {
                fallback.to_string()
            } else {
                keys.join(" ")
            }
        }
        AppError::NotFound => "invoice-run-not-draft".to_string(),
        other => {
            tracing::warn!(error = %other, "invoice run");
            fallback.to_string()
        }
    }
}

/// Makes the drafts of run `id`'s waiting customers, a batch of them per transaction (the plan
/// made again inside it, `create::for_customers`, each customer under its own savepoint). The
/// customers were chosen with the user's access when the run was started.
pub async fn work_drafts(db: &Db, run: &Run) -> Result<()> {
    begin_phase(db, run.id).await?;
    let waiting: Vec<(i64,)> = sqlx::query_as(
        "SELECT customer_id FROM invoice_run_customers WHERE run_id = $1 AND state = 'waiting' \
         ORDER BY customer_id",
    )
    .bind(run.id)
    .fetch_all(&db.pool)
    .await?;
    let ids: Vec<i64> = waiting.into_iter().map(|(id,)| id).collect();
    for batch in ids.chunks(CUSTOMERS_PER_TRANSACTION) {
        match drafts_batch(db, run, batch).await {
            Ok(()) => {}
            // The batch as a whole failed (its plan could not be read): each customer alone, so
            // the one at fault is named and the others are made.
            Err(_) if batch.len() > 1 => {
                for &customer_id in batch {
                    if let Err(e) = drafts_batch(db, run, &[customer_id]).await {
                        mark_failed(db, run.id, customer_id, &e).await?;
                    }
                }
            }
            Err(e) => mark_failed(db, run.id, batch[0], &e).await?,
        }
    }
    end_phase(db, run.id).await
}

/// Customers whose drafts are made in one transaction (one plan read for them all, each
/// customer under its own savepoint): the round trips per customer were the drafts phase's cost
/// (decision 0034).
const CUSTOMERS_PER_TRANSACTION: usize = 25;

/// One batch of a run's waiting customers in one transaction: claimed (a second worker on the
/// same run finds them taken), planned together, each customer's drafts made or its reason
/// recorded, the run's counters moved once.
async fn drafts_batch(db: &Db, run: &Run, batch: &[i64]) -> Result<()> {
    let all = |_: Option<i64>, _: Option<i64>| true;
    let mut tx = db.begin().await?;
    let mut claim = Sql::new("UPDATE invoice_run_customers SET state = 'done' WHERE run_id = ");
    claim
        .bind(run.id)
        .push(" AND state = 'waiting' AND customer_id IN (")
        .bind_list(batch.iter().copied())
        .push(") RETURNING customer_id");
    let mut claimed: Vec<i64> = claim
        .query_as::<(i64,)>()
        .fetch_all(&mut *tx)
        .await?
        .into_iter()
        .map(|(id,)| id)
        .collect();
    if claimed.is_empty() {
        return Ok(());
    }
    claimed.sort_unstable();
    let outcomes = create::for_customers(
        &mut tx,
        &claimed,
        &run.from_date,
        &run.to_date,
        run.created_by,
        &all,
    )
    .await?;
    let (mut done, mut failed, mut made_count, mut net) = (0_i64, 0_i64, 0_i64, 0_i64);
    let mut made_all = Vec::new();
    for (customer_id, outcome) in outcomes {
        match outcome {
            Ok(made) => {
                done += 1;
                made_count += i64::try_from(made.len()).unwrap_or(i64::MAX);
                net += made.iter().map(|m| m.net_ore).sum::<i64>();
                made_all.extend(made);
            }
            Err(e) => {
                failed += 1;
                sqlx::query(
                    "UPDATE invoice_run_customers SET state = 'failed', reason = $1 \
                     WHERE run_id = $2 AND customer_id = $3",
                )
                .bind(reason_of(&e, "invoice-run-failed"))
                .bind(run.id)
                .bind(customer_id)
                .execute(&mut *tx)
                .await?;
            }
        }
    }
    for chunk in made_all.chunks(200) {
        let mut sql = Sql::new(
            "INSERT INTO invoice_run_invoices (run_id, invoice_id, customer_id, lines, net_ore, \
             state) VALUES ",
        );
        for (i, m) in chunk.iter().enumerate() {
            if i > 0 {
                sql.push(", ");
            }
            sql.push("(")
                .bind(run.id)
                .push(", ")
                .bind(m.invoice_id)
                .push(", ")
                .bind(m.customer_id)
                .push(", ")
                .bind(i64::try_from(m.lines).unwrap_or(i64::MAX))
                .push(", ")
                .bind(m.net_ore)
                .push(", 'draft')");
        }
        sql.query().execute(&mut *tx).await?;
    }
    sqlx::query(
        "UPDATE invoice_runs SET done = done + $1, failed = failed + $2, made = made + $3, \
         net_ore = net_ore + $4 WHERE id = $5",
    )
    .bind(done)
    .bind(failed)
    .bind(made_count)
    .bind(net)
    .bind(run.id)
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Records that a customer's drafts could not be made at all (its batch failed, and so did it
/// alone), in a transaction of its own.
async fn mark_failed(db: &Db, run_id: i64, customer_id: i64, e: &AppError) -> Result<()> {
    let reason = reason_of(e, "invoice-run-failed");
    let mut tx = db.begin().await?;
    let marked = sqlx::query(
        "UPDATE invoice_run_customers SET state = 'failed', reason = $1 \
         WHERE run_id = $2 AND customer_id = $3 AND state = 'waiting'",
    )
    .bind(&reason)
    .bind(run_id)
    .bind(customer_id)
    .execute(&mut *tx)
    .await?;
    if marked.rows_affected() == 1 {
        sqlx::query("UPDATE invoice_runs SET failed = failed + 1 WHERE id = $1")
            .bind(run_id)
            .execute(&mut *tx)
            .await?;
    }
    tx.commit().await?;
    Ok(())
}

/// Starts issuing run `id`'s drafts (queued), in the caller's transaction: the phase becomes
/// `issue` with the drafts still drafts as its total (those that failed before included). Refuses a run whose drafts are still being
/// made or issued (`invoice-run-busy`) and one with nothing to issue (`invoice-run-nothing-to-issue`).
pub async fn start_issue(conn: &mut AnyConnection, id: i64) -> Result<i64> {
    let (count,): (i64,) = sqlx::query_as(
        "SELECT COUNT(*) FROM invoice_run_invoices r JOIN invoices i ON i.id = r.invoice_id \
         WHERE r.run_id = $1 AND r.state IN ('draft', 'failed') AND i.status = 'draft'",
    )
    .bind(id)
    .fetch_one(&mut *conn)
    .await?;
    if count == 0 {
        return Err(AppError::Conflict(Msg::new("invoice-run-nothing-to-issue")));
    }
    let started = sqlx::query(
        "UPDATE invoice_runs SET phase = 'issue', state = 'queued', total = $1, done = 0, \
         failed = 0, started_at = NULL, finished_at = NULL, error = NULL \
         WHERE id = $2 AND state IN ('done', 'failed')",
    )
    .bind(count)
    .bind(id)
    .execute(&mut *conn)
    .await?;
    if started.rows_affected() == 0 {
        return Err(AppError::Conflict(Msg::new("invoice-run-busy")));
    }
    // What failed before is tried again (it may have been put right); a draft issued or deleted
    // by hand meanwhile is left as it is.
    sqlx::query(
        "UPDATE invoice_run_invoices SET state = 'draft', reason = NULL WHERE run_id = $1 \
         AND state = 'failed' AND invoice_id IN (SELECT id FROM invoices WHERE status = 'draft')",
    )
    .bind(id)
    .execute(&mut *conn)
    .await?;
    Ok(count)
}

/// Issues run `id`'s drafts, a batch per transaction and each under its own savepoint (the
/// number is taken inside it, `store::issue_with`), as the user who started issuing them.
pub async fn work_issue(
    db: &Db,
    run: &Run,
    user_id: i64,
    today: Date,
    kid_rule: &KidRule,
) -> Result<()> {
    begin_phase(db, run.id).await?;
    let drafts: Vec<(i64,)> = sqlx::query_as(
        "SELECT invoice_id FROM invoice_run_invoices WHERE run_id = $1 AND state = 'draft' \
         ORDER BY invoice_id",
    )
    .bind(run.id)
    .fetch_all(&db.pool)
    .await?;
    let ids: Vec<i64> = drafts.into_iter().map(|(id,)| id).collect();
    for batch in ids.chunks(INVOICES_PER_TRANSACTION) {
        issue_batch(db, run, batch, user_id, today, kid_rule).await?;
    }
    end_phase(db, run.id).await
}

/// Drafts issued in one transaction, each under its own savepoint: a draft that cannot be issued
/// rolls back to it (its number too, so the series stays gap-free) and the others are issued.
const INVOICES_PER_TRANSACTION: usize = 25;

/// One batch of a run's drafts issued in one transaction: claimed, each issued with its number
/// taken inside the transaction (`store::issue_with`) or its reason recorded, the run's counters
/// moved once.
async fn issue_batch(
    db: &Db,
    run: &Run,
    batch: &[i64],
    user_id: i64,
    today: Date,
    kid_rule: &KidRule,
) -> Result<()> {
    let mut tx = db.begin().await?;
    let mut claim = Sql::new("UPDATE invoice_run_invoices SET state = 'issued' WHERE run_id = ");
    claim
        .bind(run.id)
        .push(" AND state = 'draft' AND invoice_id IN (")
        .bind_list(batch.iter().copied())
        .push(") RETURNING invoice_id");
    let mut claimed: Vec<i64> = claim
        .query_as::<(i64,)>()
        .fetch_all(&mut *tx)
        .await?
        .into_iter()
        .map(|(id,)| id)
        .collect();
    if claimed.is_empty() {
        return Ok(());
    }
    // In the drafts' order, so the numbers follow it.
    claimed.sort_unstable();
    let (mut issued, mut failed) = (0_i64, 0_i64);
    for invoice_id in claimed {
        let mut savepoint = tx.begin().await?;
        let version: Option<(i64,)> =
            sqlx::query_as("SELECT version FROM invoices WHERE id = $1 AND status = 'draft'")
                .bind(invoice_id)
                .fetch_optional(&mut *savepoint)
                .await?;
        let outcome = match version {
            Some((version,)) => {
                store::issue_with(
                    &mut savepoint,
                    invoice_id,
                    version,
                    user_id,
                    today,
                    kid_rule,
                )
                .await
            }
            None => Err(AppError::NotFound),
        };
        match outcome {
            Ok(_) => {
                savepoint.commit().await?;
                issued += 1;
            }
            Err(e) => {
                savepoint.rollback().await?;
                failed += 1;
                sqlx::query(
                    "UPDATE invoice_run_invoices SET state = 'failed', reason = $1 \
                     WHERE run_id = $2 AND invoice_id = $3",
                )
                .bind(reason_of(&e, "invoice-run-issue-failed"))
                .bind(run.id)
                .bind(invoice_id)
                .execute(&mut *tx)
                .await?;
            }
        }
    }
    sqlx::query(
        "UPDATE invoice_runs SET done = done + $1, issued = issued + $1, failed = failed + $2 \
         WHERE id = $3",
    )
    .bind(issued)
    .bind(failed)
    .bind(run.id)
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Who issues a run's drafts: the user who asked for it, kept on the run while issuing.
pub async fn set_issuer(conn: &mut AnyConnection, id: i64, user_id: i64) -> Result<()> {
    sqlx::query("UPDATE invoice_runs SET issued_by = $1 WHERE id = $2")
        .bind(user_id)
        .bind(id)
        .execute(&mut *conn)
        .await?;
    Ok(())
}
