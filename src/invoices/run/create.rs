//! Making the drafts of a run: per customer without red problems, in one transaction of its
//! own, the plan is made again inside the transaction (so what was billed or reopened since the
//! preview is seen), each planned invoice becomes a draft with its lines, each line's source gets
//! its `invoice_billing` row (the primary key refuses a source billed by another run at once: that
//! customer's transaction rolls back and is reported) and each billed sheet is marked
//! (`timesheets.invoiced_at` / `invoice_id`), so it can no longer be reopened.

use std::collections::HashMap;

use sqlx::{AnyConnection, Connection};

use super::collect::{self, CustomerPlan, Plan, Scope};
use crate::{
    AppError, Result,
    db::{Db, Sql},
    error::Msg,
    invoices::store,
    timefmt::now,
};

/// A draft the run made.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Made {
    pub customer_id: i64,
    pub invoice_id: i64,
    pub lines: usize,
    pub net_ore: i64,
}

/// What a run did.
#[derive(Clone, Debug, Default)]
pub struct Outcome {
    pub made: Vec<Made>,
    /// Customers left out for red problems.
    pub blocked: Vec<(i64, String)>,
    /// Customers whose drafts could not be made (the message key).
    pub failed: Vec<(i64, String, &'static str)>,
}

/// Makes the drafts of `plan`'s customers that are not blocked.
pub async fn make_drafts(
    db: &Db,
    plan: &Plan,
    user_id: i64,
    may: &(dyn Fn(Option<i64>, Option<i64>) -> bool + Sync),
) -> Result<Outcome> {
    let mut outcome = Outcome::default();
    for c in &plan.customers {
        if c.invoices.is_empty() {
            continue;
        }
        if c.blocked() {
            outcome.blocked.push((c.customer_id, c.name.clone()));
            continue;
        }
        let mut tx = db.pool.begin().await?;
        match for_customer(&mut tx, c.customer_id, &plan.from, &plan.to, user_id, may).await {
            Ok(made) => {
                tx.commit().await?;
                outcome.made.extend(made);
            }
            Err(e) => {
                let _ = tx.rollback().await;
                let key = match e {
                    AppError::Conflict(m) => m.key,
                    other => {
                        tracing::warn!(customer_id = c.customer_id, error = %other, "invoice run");
                        "invoice-run-failed"
                    }
                };
                outcome.failed.push((c.customer_id, c.name.clone(), key));
            }
        }
    }
    Ok(outcome)
}

/// One customer's drafts in the caller's transaction.
pub async fn for_customer(
    conn: &mut AnyConnection,
    customer_id: i64,
    from: &str,
    to: &str,
    user_id: i64,
    may: &(dyn Fn(Option<i64>, Option<i64>) -> bool + Sync),
) -> Result<Vec<Made>> {
    // The first statement writes, so SQLite takes its write lock before anything is read.
    sqlx::query("UPDATE invoice_settings SET updated_at = updated_at WHERE customer_id = $1")
        .bind(customer_id)
        .execute(&mut *conn)
        .await?;
    let plan = collect::plan(conn, Scope::Customer(customer_id), from, to, may).await?;
    let Some(c) = plan.customers.into_iter().next() else {
        return Ok(Vec::new());
    };
    if c.blocked() {
        return Err(AppError::Conflict(Msg::new("invoice-run-blocked-now")));
    }
    write(conn, &c, user_id).await
}

/// The drafts of the customers `ids` (one batch of a run, claimed by the caller's first
/// statement) in the caller's transaction: one plan for all of them, made inside it as
/// [`for_customer`] makes one, then each customer's drafts under a savepoint of its own, so a
/// customer that cannot be invoiced now (blocked since the preview, billed meanwhile) leaves
/// nothing behind and the others go on. Per customer in `ids`' order: its drafts or why not.
/// An error of the batch as a whole (the plan could not be read) is the `Err`.
pub async fn for_customers(
    conn: &mut AnyConnection,
    ids: &[i64],
    from: &str,
    to: &str,
    user_id: i64,
    may: &(dyn Fn(Option<i64>, Option<i64>) -> bool + Sync),
) -> Result<Vec<(i64, Result<Vec<Made>>)>> {
    let plan = collect::plan_customers(conn, ids, from, to, may).await?;
    let mut by_customer: HashMap<i64, CustomerPlan> = plan
        .customers
        .into_iter()
        .map(|c| (c.customer_id, c))
        .collect();
    let mut out = Vec::with_capacity(ids.len());
    for &id in ids {
        let Some(c) = by_customer.remove(&id) else {
            out.push((id, Ok(Vec::new())));
            continue;
        };
        if c.blocked() {
            out.push((
                id,
                Err(AppError::Conflict(Msg::new("invoice-run-blocked-now"))),
            ));
            continue;
        }
        let mut savepoint = conn.begin().await?;
        match write(&mut savepoint, &c, user_id).await {
            Ok(made) => {
                savepoint.commit().await?;
                out.push((id, Ok(made)));
            }
            Err(e) => {
                savepoint.rollback().await?;
                out.push((id, Err(e)));
            }
        }
    }
    Ok(out)
}

/// Rows per multi-row INSERT: well under both backends' limit on parameters.
const ROWS_PER_INSERT: usize = 200;

async fn write(conn: &mut AnyConnection, c: &CustomerPlan, user_id: i64) -> Result<Vec<Made>> {
    let mut made = Vec::new();
    let at = now();
    for inv in &c.invoices {
        let id = store::create_draft(
            conn,
            c.customer_id,
            inv.buyer_reference.as_deref(),
            inv.order_reference.as_deref(),
            user_id,
        )
        .await?;
        // The lines, a few hundred rows per statement (decision 0034: round trips were the run's
        // cost), then their ids by position for the billing rows.
        for (n, chunk) in inv.lines.chunks(ROWS_PER_INSERT).enumerate() {
            let mut sql = Sql::new(
                "INSERT INTO invoice_lines (invoice_id, position, description, quantity_milli, \
                 unit_code, unit_price_ore, vat_category, vat_rate_bp, line_net_ore, \
                 timesheet_id, timesheet_line_id, timesheet_allowance_id, bill_part, worker_id, \
                 work_date) VALUES ",
            );
            for (i, l) in chunk.iter().enumerate() {
                let position = i64::try_from(n * ROWS_PER_INSERT + i).unwrap_or(i64::MAX) + 1;
                if i > 0 {
                    sql.push(", ");
                }
                sql.push("(")
                    .bind(id)
                    .push(", ")
                    .bind(position)
                    .push(", ")
                    .bind(l.description.as_str())
                    .push(", ")
                    .bind(l.quantity_milli)
                    .push(", ")
                    .bind(l.unit_code)
                    .push(", ")
                    .bind(l.unit_price_ore)
                    .push(", 'S', ")
                    .bind(collect::VAT_RATE_BP)
                    .push(", ")
                    .bind(l.line_net_ore)
                    .push(", ")
                    .bind(l.timesheet_id)
                    .push(", ")
                    .bind(l.timesheet_line_id)
                    .push(", ")
                    .bind(l.timesheet_allowance_id)
                    .push(", ")
                    .bind(l.bill_part.as_str())
                    .push(", ")
                    .bind(l.worker_id)
                    .push(", ")
                    .bind(l.work_date.as_str())
                    .push(")");
            }
            sql.query().execute(&mut *conn).await?;
        }
        let ids: HashMap<i64, i64> =
            sqlx::query_as("SELECT position, id FROM invoice_lines WHERE invoice_id = $1")
                .bind(id)
                .fetch_all(&mut *conn)
                .await?
                .into_iter()
                .collect();
        for (n, chunk) in inv.lines.chunks(ROWS_PER_INSERT).enumerate() {
            let mut sql = Sql::new(
                "INSERT INTO invoice_billing (source_key, invoice_line_id, invoice_id, \
                 timesheet_id) VALUES ",
            );
            for (i, l) in chunk.iter().enumerate() {
                let position = i64::try_from(n * ROWS_PER_INSERT + i).unwrap_or(i64::MAX) + 1;
                let line_id = *ids.get(&position).ok_or(AppError::NotFound)?;
                if i > 0 {
                    sql.push(", ");
                }
                sql.push("(")
                    .bind(l.source_key.as_str())
                    .push(", ")
                    .bind(line_id)
                    .push(", ")
                    .bind(id)
                    .push(", ")
                    .bind(l.timesheet_id)
                    .push(")");
            }
            sql.query().execute(&mut *conn).await.map_err(|e| match e {
                sqlx::Error::Database(d) if d.is_unique_violation() => {
                    AppError::Conflict(Msg::new("invoice-run-billed-meanwhile"))
                }
                e => e.into(),
            })?;
        }
        // The sheets' mark, each at the version the plan saw.
        let sheets: Vec<(i64, i64)> = inv.sheets.iter().map(|(&s, &v)| (s, v)).collect();
        for chunk in sheets.chunks(ROWS_PER_INSERT) {
            let mut sql = Sql::new("UPDATE timesheets SET invoiced_at = ");
            sql.bind(at)
                .push(", invoice_id = ")
                .bind(id)
                .push(" WHERE status = 'approved' AND (");
            for (i, (sheet, version)) in chunk.iter().enumerate() {
                if i > 0 {
                    sql.push(" OR ");
                }
                sql.push("(id = ")
                    .bind(*sheet)
                    .push(" AND version = ")
                    .bind(*version)
                    .push(")");
            }
            sql.push(")");
            let done = sql.query().execute(&mut *conn).await?;
            if done.rows_affected() != chunk.len() as u64 {
                return Err(AppError::Conflict(Msg::new(
                    "invoice-run-changed-meanwhile",
                )));
            }
        }
        made.push(Made {
            customer_id: c.customer_id,
            invoice_id: id,
            lines: inv.lines.len(),
            net_ore: inv.net_ore(),
        });
    }
    Ok(made)
}

/// Clears the mark of the sheets among `sheet_ids` that nothing bills any more (after a credit
/// by line, or a draft deleted), so they can be reopened.
pub async fn release_sheets(conn: &mut AnyConnection, sheet_ids: &[i64]) -> Result<()> {
    for chunk in sheet_ids.chunks(500) {
        let mut sql = crate::db::Sql::new(
            "UPDATE timesheets SET invoiced_at = NULL, invoice_id = NULL WHERE id IN (",
        );
        sql.bind_list(chunk.iter().copied()).push(
            ") AND invoiced_at IS NOT NULL AND NOT EXISTS \
             (SELECT 1 FROM invoice_billing b WHERE b.timesheet_id = timesheets.id)",
        );
        sql.query().execute(&mut *conn).await?;
    }
    Ok(())
}
