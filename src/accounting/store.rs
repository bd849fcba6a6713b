//! The accounting tables (migration 0023): the chart of accounts by purpose, the issued invoices
//! and credit notes an export takes (a period, or everything not exported before; "again" takes
//! the exported ones too), and the export's record with one row per document it held. The
//! matched payments are taken the same way by the day paid (migration 0025, decision 0033:
//! `accounting_export_payments`). Earlier invoices imported from a former system were booked
//! there and are left out; their credit notes and payments are ours and go in.

use std::collections::HashMap;

use sqlx::AnyConnection;

use super::journal::{self, Account, Chart, Entry};
use crate::{
    Result,
    db::Sql,
    invoices::store::{Invoice, Line},
    timefmt::now,
};

/// The chart of accounts, receivable and bank first, then the VAT groups by purpose.
pub async fn accounts(conn: &mut AnyConnection) -> Result<Vec<Account>> {
    let mut rows: Vec<Account> =
        sqlx::query_as("SELECT purpose, account, vat_account, vat_code FROM accounting_accounts")
            .fetch_all(conn)
            .await?;
    rows.sort_by_key(|a| order(&a.purpose));
    Ok(rows)
}

/// Receivable, bank, standard rates from the highest, then Z, E, AE, O, then anything else.
pub fn order(purpose: &str) -> (u8, i64, String) {
    match purpose {
        journal::RECEIVABLE => (0, 0, String::new()),
        journal::BANK => (1, 0, String::new()),
        p => match p.strip_prefix("S:").and_then(|r| r.parse::<i64>().ok()) {
            Some(bp) => (2, -bp, String::new()),
            None => {
                let rank = ["Z", "E", "AE", "O"].iter().position(|c| *c == p);
                (3, rank.map_or(9, |r| r as i64), p.to_string())
            }
        },
    }
}

/// The VAT groups on issued lines that the chart has no row for (a rate added later).
pub async fn unmapped(conn: &mut AnyConnection) -> Result<Vec<String>> {
    let rows: Vec<(String, i64)> = sqlx::query_as(
        "SELECT DISTINCT l.vat_category, l.vat_rate_bp FROM invoice_lines l \
         JOIN invoices i ON i.id = l.invoice_id WHERE i.status = 'issued' AND i.origin = 'ours'",
    )
    .fetch_all(&mut *conn)
    .await?;
    let known: Vec<String> = accounts(conn)
        .await?
        .into_iter()
        .map(|a| a.purpose)
        .collect();
    let mut out: Vec<String> = rows
        .into_iter()
        .map(|(c, r)| if c == "S" { format!("S:{r}") } else { c })
        .filter(|p| !known.contains(p))
        .collect();
    out.sort_by_key(|p| order(p));
    out.dedup();
    Ok(out)
}

/// Saves the chart: every row given replaces (or adds) its purpose.
pub async fn save_accounts(conn: &mut AnyConnection, accounts: &[Account]) -> Result<()> {
    let at = now();
    for a in accounts {
        let done = sqlx::query(
            "UPDATE accounting_accounts SET account = $1, vat_account = $2, vat_code = $3, \
             updated_at = $4 WHERE purpose = $5",
        )
        .bind(&a.account)
        .bind(&a.vat_account)
        .bind(&a.vat_code)
        .bind(at)
        .bind(&a.purpose)
        .execute(&mut *conn)
        .await?;
        if done.rows_affected() == 0 {
            sqlx::query(
                "INSERT INTO accounting_accounts (purpose, account, vat_account, vat_code, \
                 updated_at) VALUES ($1, $2, $3, $4, $5)",
            )
            .bind(&a.purpose)
            .bind(&a.account)
            .bind(&a.vat_account)
            .bind(&a.vat_code)
            .bind(at)
            .execute(&mut *conn)
            .await?;
        }
    }
    Ok(())
}

/// Which documents an export takes.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Scope {
    /// `YYYY-MM-DD`, issue dates from and to (both or neither).
    pub period: Option<(String, String)>,
    /// Take documents exported before too.
    pub again: bool,
}

fn push_scope(sql: &mut Sql, scope: &Scope) {
    sql.push(" WHERE i.status = 'issued' AND i.origin = 'ours'");
    if let Some((from, to)) = &scope.period {
        sql.push(" AND i.issue_date >= ")
            .bind(from.as_str())
            .push(" AND i.issue_date <= ")
            .bind(to.as_str());
    }
    if !scope.again {
        sql.push(
            " AND NOT EXISTS (SELECT 1 FROM accounting_export_items x WHERE x.invoice_id = i.id)",
        );
    }
}

/// The journal entries of the documents in `scope`, by issue date, invoices before credit notes,
/// by number; then the matched payments in `scope` by the day paid.
pub async fn entries(conn: &mut AnyConnection, scope: &Scope, chart: &Chart) -> Result<Vec<Entry>> {
    let mut out = document_entries(conn, scope, chart).await?;
    out.extend(payment_entries(conn, scope, chart).await?);
    Ok(out)
}

/// The entries of the matched payments in `scope` (the period is of the day paid).
async fn payment_entries(
    conn: &mut AnyConnection,
    scope: &Scope,
    chart: &Chart,
) -> Result<Vec<Entry>> {
    let mut sql = Sql::new(
        "SELECT p.id AS payment_id, p.invoice_id, i.number AS invoice_number, p.paid_on, \
         p.amount_ore, c.customer_number, c.name AS customer_name, p.kid \
         FROM payments p JOIN invoices i ON i.id = p.invoice_id \
         JOIN customers c ON c.id = i.customer_id WHERE p.status = 'matched'",
    );
    if let Some((from, to)) = &scope.period {
        sql.push(" AND p.paid_on >= ")
            .bind(from.as_str())
            .push(" AND p.paid_on <= ")
            .bind(to.as_str());
    }
    if !scope.again {
        sql.push(
            " AND NOT EXISTS (SELECT 1 FROM accounting_export_payments x \
             WHERE x.payment_id = p.id)",
        );
    }
    sql.push(" ORDER BY p.paid_on, p.id");
    let payments: Vec<journal::PaymentFacts> = sql.query_as().fetch_all(&mut *conn).await?;
    Ok(payments
        .iter()
        .map(|p| journal::payment_entry(p, chart))
        .collect::<std::result::Result<_, _>>()?)
}

async fn document_entries(
    conn: &mut AnyConnection,
    scope: &Scope,
    chart: &Chart,
) -> Result<Vec<Entry>> {
    let mut sql = Sql::new("SELECT i.* FROM invoices i");
    push_scope(&mut sql, scope);
    sql.push(" ORDER BY i.issue_date, i.kind DESC, i.number");
    let invoices: Vec<Invoice> = sql.query_as().fetch_all(&mut *conn).await?;
    if invoices.is_empty() {
        return Ok(Vec::new());
    }
    let mut sql = Sql::new(
        "SELECT i.id, c.customer_number FROM invoices i JOIN customers c ON c.id = i.customer_id",
    );
    push_scope(&mut sql, scope);
    let numbers: HashMap<i64, i64> = sql
        .query_as::<(i64, i64)>()
        .fetch_all(&mut *conn)
        .await?
        .into_iter()
        .collect();
    let mut sql = Sql::new(
        "SELECT l.id, l.invoice_id, l.position, l.description, l.quantity_milli, l.unit_code, \
         l.unit_price_ore, l.vat_category, l.vat_rate_bp, l.exemption_reason, l.line_net_ore, \
         l.timesheet_id, l.credited_line_id FROM invoice_lines l \
         JOIN invoices i ON i.id = l.invoice_id",
    );
    push_scope(&mut sql, scope);
    sql.push(" ORDER BY l.invoice_id, l.position, l.id");
    let mut lines: HashMap<i64, Vec<Line>> = HashMap::new();
    for line in sql.query_as::<Line>().fetch_all(&mut *conn).await? {
        lines.entry(line.invoice_id).or_default().push(line);
    }
    let mut out = Vec::with_capacity(invoices.len());
    for invoice in &invoices {
        let its_lines = lines.remove(&invoice.id).unwrap_or_default();
        let number = numbers.get(&invoice.id).copied().unwrap_or_default();
        out.push(journal::entry(invoice, &its_lines, number, chart)?);
    }
    Ok(out)
}

/// Records an export of `entries` and marks each document and payment as exported; the
/// export's id.
pub async fn record(
    conn: &mut AnyConnection,
    scope: &Scope,
    format: &str,
    entries: &[Entry],
    user_id: i64,
) -> Result<i64> {
    let (from, to) = match &scope.period {
        Some((f, t)) => (Some(f.as_str()), Some(t.as_str())),
        None => (None, None),
    };
    let (id,): (i64,) = sqlx::query_as(
        "INSERT INTO accounting_exports (period_from, period_to, again, format, entries, \
         created_by, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
    )
    .bind(from)
    .bind(to)
    .bind(i64::from(scope.again))
    .bind(format)
    .bind(entries.len() as i64)
    .bind(user_id)
    .bind(now())
    .fetch_one(&mut *conn)
    .await?;
    let documents: Vec<i64> = entries
        .iter()
        .filter(|e| e.payment_id.is_none())
        .map(|e| e.invoice_id)
        .collect();
    let payments: Vec<i64> = entries.iter().filter_map(|e| e.payment_id).collect();
    for (table, column, ids) in [
        ("accounting_export_items", "invoice_id", documents),
        ("accounting_export_payments", "payment_id", payments),
    ] {
        for chunk in ids.chunks(400) {
            let mut sql = Sql::new(&format!(
                "INSERT INTO {table} (export_id, {column}) VALUES "
            ));
            for (i, x) in chunk.iter().enumerate() {
                if i > 0 {
                    sql.push(", ");
                }
                sql.push("(").bind(id).push(", ").bind(*x).push(")");
            }
            sql.query().execute(&mut *conn).await?;
        }
    }
    Ok(id)
}

/// An earlier export, for the page's list.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct ExportRow {
    pub id: i64,
    pub period_from: Option<String>,
    pub period_to: Option<String>,
    pub again: i64,
    pub format: String,
    pub entries: i64,
    pub created_by_name: Option<String>,
    pub created_at: i64,
}

/// The latest exports, newest first.
pub async fn recent(conn: &mut AnyConnection, limit: i64) -> Result<Vec<ExportRow>> {
    Ok(sqlx::query_as(
        "SELECT e.id, e.period_from, e.period_to, e.again, e.format, e.entries, \
         u.name AS created_by_name, e.created_at FROM accounting_exports e \
         LEFT JOIN users u ON u.id = e.created_by ORDER BY e.id DESC LIMIT $1",
    )
    .bind(limit)
    .fetch_all(conn)
    .await?)
}
