//! Payments in the database (migration 0022, decision 0029). Writes take the caller's
//! connection; a payment matched to an invoice adds its amount to `invoice_state` through
//! `invoices::state::add_paid` in the same transaction, so the status shown follows at once.
//! Matching on KID takes issued invoices only (a credit note is never paid).

use sqlx::AnyConnection;

use super::ocr::FilePayment;
use crate::{
    AppError, Result,
    audit::{self, Change},
    db::Db,
    error::Msg,
    invoices::state,
    money::format_kr,
    timefmt::now,
};

/// An issued invoice as payments see it.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct Payable {
    pub id: i64,
    pub customer_id: i64,
    pub customer_name: String,
    pub number: i64,
    pub kid: Option<String>,
    pub issue_date: String,
    pub due_date: String,
    pub total_ore: i64,
    pub paid_ore: i64,
    pub credited_ore: i64,
    pub reminded_at: Option<i64>,
    pub buyer_email: Option<String>,
    pub delivery_status: String,
}

impl Payable {
    pub fn outstanding(&self) -> i64 {
        state::outstanding(self.total_ore, self.credited_ore, self.paid_ore)
    }
}

const PAYABLE: &str = "SELECT i.id, i.customer_id, c.name AS customer_name, i.number, i.kid, \
     i.issue_date, i.due_date, i.total_ore, s.paid_ore, s.credited_ore, s.reminded_at, \
     i.buyer_email, s.delivery_status \
     FROM invoices i JOIN invoice_state s ON s.invoice_id = i.id \
     JOIN customers c ON c.id = i.customer_id \
     WHERE i.kind = 'invoice' AND i.status = 'issued'";

/// An issued invoice (not a credit note, not a draft) by id.
pub async fn payable(conn: &mut AnyConnection, invoice_id: i64) -> Result<Option<Payable>> {
    Ok(
        sqlx::query_as(sqlx::AssertSqlSafe(format!("{PAYABLE} AND i.id = $1")))
            .bind(invoice_id)
            .fetch_optional(conn)
            .await?,
    )
}

/// Issued invoices whose number or KID is `q` (for matching by hand).
pub async fn search_payable(db: &Db, q: &str) -> Result<Vec<Payable>> {
    let q = q.trim();
    if q.is_empty() {
        return Ok(Vec::new());
    }
    let number: i64 = q.parse().unwrap_or(-1);
    Ok(sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "{PAYABLE} AND (i.number = $1 OR i.kid = $2) ORDER BY i.number LIMIT 20"
    )))
    .bind(number)
    .bind(q)
    .fetch_all(&db.pool)
    .await?)
}

/// The one issued invoice with this KID.
pub async fn by_kid(conn: &mut AnyConnection, kid: &str) -> Result<Option<i64>> {
    let ids: Vec<i64> = sqlx::query_scalar(
        "SELECT id FROM invoices WHERE kid = $1 AND kind = 'invoice' AND status = 'issued'",
    )
    .bind(kid)
    .fetch_all(conn)
    .await?;
    Ok(if ids.len() == 1 { Some(ids[0]) } else { None })
}

/// Issued invoices past their due date (before `today`, `YYYY-MM-DD`) with something owed,
/// the oldest due first.
pub async fn overdue(db: &Db, today: &str) -> Result<Vec<Payable>> {
    Ok(sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "{PAYABLE} AND i.due_date < $1 AND i.total_ore - s.credited_ore - s.paid_ore > 0 \
         ORDER BY i.due_date, i.number LIMIT 1000"
    )))
    .bind(today)
    .fetch_all(&db.pool)
    .await?)
}

/// A new payment.
pub struct NewPayment<'a> {
    pub invoice_id: Option<i64>,
    pub amount_ore: i64,
    pub paid_on: &'a str,
    pub kid: Option<&'a str>,
    pub payer: Option<&'a str>,
    pub reference: Option<&'a str>,
    pub note: Option<&'a str>,
    pub source: &'a str,
    pub import_id: Option<i64>,
    pub line_number: Option<i64>,
    pub user_id: i64,
}

/// Stores a payment; matched (and added to the invoice's state) when it has an invoice.
pub async fn insert(conn: &mut AnyConnection, p: &NewPayment<'_>) -> Result<i64> {
    let status = if p.invoice_id.is_some() {
        "matched"
    } else {
        "unmatched"
    };
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO payments (invoice_id, amount_ore, paid_on, kid, payer, reference, note, \
         source, import_id, line_number, status, registered_by, matched_by, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14) RETURNING id",
    )
    .bind(p.invoice_id)
    .bind(p.amount_ore)
    .bind(p.paid_on)
    .bind(p.kid)
    .bind(p.payer)
    .bind(p.reference)
    .bind(p.note)
    .bind(p.source)
    .bind(p.import_id)
    .bind(p.line_number)
    .bind(status)
    .bind(p.user_id)
    .bind(p.invoice_id.map(|_| p.user_id))
    .bind(now())
    .fetch_one(&mut *conn)
    .await?;
    if let Some(invoice_id) = p.invoice_id {
        applied(conn, invoice_id, p.amount_ore, p.paid_on, p.user_id).await?;
    }
    Ok(id)
}

/// The invoice's state and history after a payment of `amount_ore` was matched to it.
async fn applied(
    conn: &mut AnyConnection,
    invoice_id: i64,
    amount_ore: i64,
    paid_on: &str,
    user_id: i64,
) -> Result<()> {
    state::add_paid(conn, invoice_id, amount_ore, paid_on).await?;
    let customer_id: i64 = sqlx::query_scalar("SELECT customer_id FROM invoices WHERE id = $1")
        .bind(invoice_id)
        .fetch_one(&mut *conn)
        .await?;
    audit::record(
        conn,
        customer_id,
        "invoice",
        invoice_id,
        "payment",
        &[Change {
            field: "paid".into(),
            old: None,
            new: Some(format!("{} ({paid_on})", format_kr(amount_ore))),
        }],
        Some(user_id),
    )
    .await
}

/// What an import did.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Summary {
    pub import_id: i64,
    pub matched: i64,
    pub unmatched: i64,
    pub reversals: i64,
    pub total_ore: i64,
    pub skipped: i64,
}

/// Imports a file's payments in the caller's transaction: the same file (SHA-256) twice is
/// refused; each payment is matched on its KID or left unmatched for a person.
pub async fn import(
    conn: &mut AnyConnection,
    file_name: &str,
    format: &str,
    sha256: &str,
    payments: &[FilePayment],
    skipped: usize,
    user_id: i64,
) -> Result<Summary> {
    let seen: Option<i64> = sqlx::query_scalar("SELECT id FROM payment_imports WHERE sha256 = $1")
        .bind(sha256)
        .fetch_optional(&mut *conn)
        .await?;
    if seen.is_some() {
        return Err(AppError::Conflict(Msg::new("payments-import-duplicate")));
    }
    let import_id: i64 = sqlx::query_scalar(
        "INSERT INTO payment_imports (file_name, format, sha256, matched_count, unmatched_count, \
         reversal_count, total_ore, imported_by, imported_at) \
         VALUES ($1, $2, $3, 0, 0, 0, 0, $4, $5) RETURNING id",
    )
    .bind(file_name)
    .bind(format)
    .bind(sha256)
    .bind(user_id)
    .bind(now())
    .fetch_one(&mut *conn)
    .await?;
    let mut s = Summary {
        import_id,
        skipped: skipped as i64,
        ..Summary::default()
    };
    for p in payments {
        let invoice_id = match p.kid.as_deref() {
            Some(kid) => by_kid(conn, kid).await?,
            None => None,
        };
        insert(
            conn,
            &NewPayment {
                invoice_id,
                amount_ore: p.amount_ore,
                paid_on: &p.paid_on,
                kid: p.kid.as_deref(),
                payer: p.payer.as_deref(),
                reference: p.reference.as_deref(),
                note: None,
                source: format,
                import_id: Some(import_id),
                line_number: Some(p.line as i64),
                user_id,
            },
        )
        .await?;
        if invoice_id.is_some() {
            s.matched += 1;
        } else {
            s.unmatched += 1;
        }
        if p.reversal {
            s.reversals += 1;
        }
        s.total_ore += p.amount_ore;
    }
    sqlx::query(
        "UPDATE payment_imports SET matched_count = $1, unmatched_count = $2, \
         reversal_count = $3, total_ore = $4 WHERE id = $5",
    )
    .bind(s.matched)
    .bind(s.unmatched)
    .bind(s.reversals)
    .bind(s.total_ore)
    .bind(import_id)
    .execute(&mut *conn)
    .await?;
    Ok(s)
}

/// A payment as listed.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct Row {
    pub id: i64,
    pub invoice_id: Option<i64>,
    pub invoice_number: Option<i64>,
    pub customer_name: Option<String>,
    pub amount_ore: i64,
    pub paid_on: String,
    pub kid: Option<String>,
    pub payer: Option<String>,
    pub reference: Option<String>,
    pub note: Option<String>,
    pub source: String,
    pub file_name: Option<String>,
    pub line_number: Option<i64>,
    pub status: String,
}

/// What the payments list shows.
#[derive(Clone, Debug, Default, serde::Deserialize)]
#[serde(default)]
pub struct Filter {
    pub status: String,
    pub source: String,
    pub from: String,
    pub to: String,
}

/// Payments, the latest first (at most 500), by status, source and date.
pub async fn list(db: &Db, f: &Filter) -> Result<Vec<Row>> {
    let mut sql = String::from(
        "SELECT p.id, p.invoice_id, i.number AS invoice_number, c.name AS customer_name, \
         p.amount_ore, p.paid_on, p.kid, p.payer, p.reference, p.note, p.source, \
         m.file_name, p.line_number, p.status \
         FROM payments p LEFT JOIN invoices i ON i.id = p.invoice_id \
         LEFT JOIN customers c ON c.id = i.customer_id \
         LEFT JOIN payment_imports m ON m.id = p.import_id WHERE 1 = 1",
    );
    let mut args: Vec<String> = Vec::new();
    let mut add = |sql: &mut String, cond: &str, v: &str| {
        args.push(v.to_string());
        sql.push_str(&format!(" AND {cond} ${}", args.len()));
    };
    if ["matched", "unmatched", "ignored"].contains(&f.status.as_str()) {
        add(&mut sql, "p.status =", &f.status);
    }
    if ["manual", "ocr", "camt054"].contains(&f.source.as_str()) {
        add(&mut sql, "p.source =", &f.source);
    }
    if crate::timefmt::when::parse_date(&f.from).is_some() {
        add(&mut sql, "p.paid_on >=", &f.from);
    }
    if crate::timefmt::when::parse_date(&f.to).is_some() {
        add(&mut sql, "p.paid_on <=", &f.to);
    }
    sql.push_str(" ORDER BY p.paid_on DESC, p.id DESC LIMIT 500");
    let mut q = sqlx::query_as(sqlx::AssertSqlSafe(sql));
    for a in args {
        q = q.bind(a);
    }
    Ok(q.fetch_all(&db.pool).await?)
}

/// One payment.
pub async fn get(conn: &mut AnyConnection, id: i64) -> Result<Option<Row>> {
    Ok(sqlx::query_as(
        "SELECT p.id, p.invoice_id, i.number AS invoice_number, c.name AS customer_name, \
         p.amount_ore, p.paid_on, p.kid, p.payer, p.reference, p.note, p.source, \
         m.file_name, p.line_number, p.status \
         FROM payments p LEFT JOIN invoices i ON i.id = p.invoice_id \
         LEFT JOIN customers c ON c.id = i.customer_id \
         LEFT JOIN payment_imports m ON m.id = p.import_id WHERE p.id = $1",
    )
    .bind(id)
    .fetch_optional(conn)
    .await?)
}

/// Matches an unmatched payment to an issued invoice by hand. Refused (conflict) when the
/// payment is no longer unmatched.
pub async fn match_to(
    conn: &mut AnyConnection,
    payment_id: i64,
    invoice_id: i64,
    user_id: i64,
) -> Result<()> {
    let p = get(conn, payment_id).await?.ok_or(AppError::NotFound)?;
    let done = sqlx::query(
        "UPDATE payments SET invoice_id = $1, status = 'matched', matched_by = $2 \
         WHERE id = $3 AND status = 'unmatched'",
    )
    .bind(invoice_id)
    .bind(user_id)
    .bind(payment_id)
    .execute(&mut *conn)
    .await?;
    if done.rows_affected() != 1 {
        return Err(AppError::Conflict(Msg::new("payments-already-handled")));
    }
    applied(conn, invoice_id, p.amount_ore, &p.paid_on, user_id).await
}

/// Marks an unmatched payment as ignored (not ours, or handled elsewhere).
pub async fn ignore(conn: &mut AnyConnection, payment_id: i64, user_id: i64) -> Result<()> {
    let done = sqlx::query(
        "UPDATE payments SET status = 'ignored', matched_by = $1 \
         WHERE id = $2 AND status = 'unmatched'",
    )
    .bind(user_id)
    .bind(payment_id)
    .execute(&mut *conn)
    .await?;
    if done.rows_affected() != 1 {
        return Err(AppError::Conflict(Msg::new("payments-already-handled")));
    }
    Ok(())
}

/// Records that the reminder went out; false when one had already gone out (never twice).
pub async fn mark_reminded(conn: &mut AnyConnection, invoice_id: i64) -> Result<bool> {
    let done = sqlx::query(
        "UPDATE invoice_state SET reminded_at = $1, updated_at = $1 \
         WHERE invoice_id = $2 AND reminded_at IS NULL",
    )
    .bind(now())
    .bind(invoice_id)
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}
