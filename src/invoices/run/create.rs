//! Making the drafts of a run: per customer without red problems, in one transaction of its
//! own, the plan is made again inside the transaction (so what was billed or reopened since the
//! preview is seen), each planned invoice becomes a draft with its lines, each line's source gets
//! its `invoice_billing` row (the primary key refuses a source billed by another run at once: that
//! customer's transaction rolls back and is reported) and each billed sheet is marked
//! (`timesheets.invoiced_at` / `invoice_id`), so it can no longer be reopened.

use std::collections::HashMap;

use sqlx::{AnyConnection, Connection};

use super::collect::{self, CustomerPlan, Plan, PlannedInvoice, Scope};
use crate::{
    AppError, Result, audit,
    db::{Db, Sql, bulk::Rows},
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
        let mut tx = db.begin().await?;
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
    write(conn, &[&c], user_id).await
}

/// The drafts of the customers `ids` (one batch of a run, claimed by the caller's first
/// statement) in the caller's transaction: one plan for all of them, made inside it as
/// [`for_customer`] makes one, then the drafts of all that are not blocked written together
/// under one savepoint. Should that conflict (a source billed by another run meanwhile, a sheet
/// changed), it is undone and each customer is written under a savepoint of its own, so the one
/// that cannot be invoiced now leaves nothing behind and the others go on. Per customer in
/// `ids`' order: its drafts or why not.
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
    let ready: Vec<&CustomerPlan> = ids
        .iter()
        .filter_map(|id| by_customer.get(id))
        .filter(|c| !c.blocked())
        .collect();
    // All ready customers at once; should any of them conflict, none of it stays and each is
    // tried alone below, so the one at fault is named and the others are made.
    let mut together: HashMap<i64, Vec<Made>> = HashMap::new();
    let mut savepoint = conn.begin().await?;
    let all_made = match write(&mut savepoint, &ready, user_id).await {
        Ok(made) => {
            savepoint.commit().await?;
            for m in made {
                together.entry(m.customer_id).or_default().push(m);
            }
            true
        }
        Err(_) => {
            savepoint.rollback().await?;
            false
        }
    };
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
        if all_made {
            out.push((id, Ok(together.remove(&id).unwrap_or_default())));
            continue;
        }
        let mut savepoint = conn.begin().await?;
        match write(&mut savepoint, &[&c], user_id).await {
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

/// Rows per multi-row statement: a few hundred parameters each (sqlx looks each `$N` up by
/// name, `db::bulk::Rows`), well under both backends' limits.
const LINES_PER_INSERT: usize = 25;
const BILLING_PER_INSERT: usize = 100;
const SHEETS_PER_UPDATE: usize = 100;

/// Writes the drafts of `customers`' plans in the caller's transaction, all of them together:
/// each invoice's row, then every line of them all, their billing rows and the billed sheets'
/// marks in multi-row statements, and the audit rows at once (decision 0034: the round trips
/// were the run's cost). Any conflict — a source billed by another run meanwhile, a sheet
/// changed since the plan — fails the whole call; the caller decides whether to try the
/// customers one by one.
async fn write(
    conn: &mut AnyConnection,
    customers: &[&CustomerPlan],
    user_id: i64,
) -> Result<Vec<Made>> {
    let at = now();
    let mut made = Vec::new();
    // The invoices' rows (one statement each: their ids are needed, and neither database
    // promises to return a multi-row insert's ids in the order of its rows).
    let mut drafts: Vec<(i64, &PlannedInvoice)> = Vec::new();
    for c in customers {
        for inv in &c.invoices {
            let id = store::insert_draft(
                conn,
                c.customer_id,
                inv.buyer_reference.as_deref(),
                inv.order_reference.as_deref(),
                user_id,
            )
            .await?;
            drafts.push((id, inv));
            made.push(Made {
                customer_id: c.customer_id,
                invoice_id: id,
                lines: inv.lines.len(),
                net_ore: inv.net_ore(),
            });
        }
    }
    // Every line, returning its id with what identifies it.
    let mut lines = Rows::new(
        "INSERT INTO invoice_lines (invoice_id, position, description, quantity_milli, \
         unit_code, unit_price_ore, vat_category, vat_rate_bp, line_net_ore, timesheet_id, \
         timesheet_line_id, timesheet_allowance_id, bill_part, worker_id, work_date) VALUES ",
        LINES_PER_INSERT,
    );
    for (id, inv) in &drafts {
        for (i, l) in inv.lines.iter().enumerate() {
            let position = i64::try_from(i).unwrap_or(i64::MAX) + 1;
            lines
                .row()
                .push("(")
                .bind(*id)
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
    }
    let line_ids: HashMap<(i64, i64), i64> = lines
        .fetch_all::<(i64, i64, i64)>(" RETURNING invoice_id, position, id", conn)
        .await?
        .into_iter()
        .map(|(invoice, position, id)| ((invoice, position), id))
        .collect();
    // What each line bills: the primary key refuses a source billed meanwhile.
    let mut billing = Rows::new(
        "INSERT INTO invoice_billing (source_key, invoice_line_id, invoice_id, timesheet_id) \
         VALUES ",
        BILLING_PER_INSERT,
    );
    for (id, inv) in &drafts {
        for (i, l) in inv.lines.iter().enumerate() {
            let position = i64::try_from(i).unwrap_or(i64::MAX) + 1;
            let line_id = *line_ids.get(&(*id, position)).ok_or(AppError::NotFound)?;
            billing
                .row()
                .push("(")
                .bind(l.source_key.as_str())
                .push(", ")
                .bind(line_id)
                .push(", ")
                .bind(*id)
                .push(", ")
                .bind(l.timesheet_id)
                .push(")");
        }
    }
    billing.execute(conn).await.map_err(|e| match e {
        sqlx::Error::Database(d) if d.is_unique_violation() => {
            AppError::Conflict(Msg::new("invoice-run-billed-meanwhile"))
        }
        e => e.into(),
    })?;
    // The sheets' mark, each at the version the plan saw.
    let sheets: Vec<(i64, i64, i64)> = drafts
        .iter()
        .flat_map(|(id, inv)| inv.sheets.iter().map(|(&s, &v)| (s, v, *id)))
        .collect();
    for chunk in sheets.chunks(SHEETS_PER_UPDATE) {
        let mut sql = Sql::new("UPDATE timesheets SET invoiced_at = ");
        sql.bind(at).push(", invoice_id = CASE id");
        for (sheet, _, invoice) in chunk {
            sql.push(" WHEN ")
                .bind(*sheet)
                .push(" THEN ")
                .bind(*invoice);
        }
        sql.push(" END WHERE status = 'approved' AND (");
        for (i, (sheet, version, _)) in chunk.iter().enumerate() {
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
    let audited: Vec<(i64, i64)> = made.iter().map(|m| (m.customer_id, m.invoice_id)).collect();
    audit::record_many(conn, "invoice", "create", &audited, Some(user_id)).await?;
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
