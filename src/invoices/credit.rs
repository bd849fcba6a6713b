//! Credit notes (decision 0024): an issued invoice is never changed; it is corrected by a credit
//! note, issued when it is made, with its own number series, the invoice's buyer snapshot, and
//! the chosen lines with their quantity negated (`credited_line_id` names each credited line).
//! A line is credited at most once (a unique index holds it even against a concurrent credit).

use std::collections::HashSet;

use sqlx::AnyConnection;
use time::Date;

use super::store::{get_in, invalid, lines_in, take_number, totals_of};
use crate::{
    AppError, Result,
    audit::{self, Change},
    error::{FieldErrors, Msg},
    timefmt::{now, when::date_string},
};

/// What a credit note was given.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Credited {
    pub id: i64,
    pub number: i64,
}

/// Credits every line of the invoice not credited yet. Refuses when nothing is left.
pub async fn credit_whole(
    conn: &mut AnyConnection,
    invoice_id: i64,
    reason: &str,
    user_id: i64,
    today: Date,
) -> Result<Credited> {
    let credited = credited_lines(conn, invoice_id).await?;
    let left: Vec<i64> = lines_in(conn, invoice_id)
        .await?
        .into_iter()
        .map(|l| l.id)
        .filter(|id| !credited.contains(id))
        .collect();
    if left.is_empty() && get_in(conn, invoice_id).await?.is_some() {
        return Err(AppError::Conflict(Msg::new("invoice-credit-nothing-left")));
    }
    credit_lines(conn, invoice_id, &left, reason, user_id, today).await
}

/// The ids of the invoice's lines that a credit note has credited.
async fn credited_lines(conn: &mut AnyConnection, invoice_id: i64) -> Result<HashSet<i64>> {
    let rows: Vec<(i64,)> = sqlx::query_as(
        "SELECT l.credited_line_id FROM invoice_lines l JOIN invoices c ON c.id = l.invoice_id \
         WHERE c.credited_invoice_id = $1 AND l.credited_line_id IS NOT NULL",
    )
    .bind(invoice_id)
    .fetch_all(conn)
    .await?;
    Ok(rows.into_iter().map(|(id,)| id).collect())
}

/// Credits the chosen lines of an issued invoice. Refuses a draft or a credit note, no lines,
/// a line of another invoice, a line already credited, and a blank reason.
pub async fn credit_lines(
    conn: &mut AnyConnection,
    invoice_id: i64,
    line_ids: &[i64],
    reason: &str,
    user_id: i64,
    today: Date,
) -> Result<Credited> {
    let invoice = get_in(conn, invoice_id).await?.ok_or(AppError::NotFound)?;
    if invoice.kind != "invoice" || invoice.status != "issued" {
        return Err(AppError::Conflict(Msg::new("invoice-credit-not-issued")));
    }
    let reason = reason.trim();
    let mut errors = FieldErrors::default();
    if reason.is_empty() {
        errors.add("reason", Msg::new("invoice-credit-reason"));
    }
    errors.single_line("reason", reason);
    errors.into_result()?;
    let all = lines_in(conn, invoice_id).await?;
    let credited = credited_lines(conn, invoice_id).await?;
    let chosen: Vec<_> = all.iter().filter(|l| line_ids.contains(&l.id)).collect();
    let distinct: HashSet<_> = line_ids.iter().collect();
    if chosen.is_empty() || chosen.len() != distinct.len() {
        return Err(invalid("lines", "invoice-credit-lines"));
    }
    if chosen.iter().any(|l| credited.contains(&l.id)) {
        return Err(invalid("lines", "invoice-credit-line-credited"));
    }
    // The credit note's lines: the chosen ones with the quantity negated.
    let negated: Vec<_> = chosen
        .iter()
        .map(|l| super::store::Line {
            quantity_milli: -l.quantity_milli,
            line_net_ore: -l.line_net_ore,
            ..(*l).clone()
        })
        .collect();
    let totals = totals_of(&negated)?;
    let number = take_number(conn, "credit_note").await?;
    let at = now();
    let (id,): (i64,) = sqlx::query_as(
        "INSERT INTO invoices (kind, customer_id, status, number, issue_date, kid, currency, \
         buyer_name, buyer_org_number, buyer_street, buyer_additional_street, buyer_postal_code, \
         buyer_city, buyer_country, buyer_email, buyer_peppol_id, buyer_reference, \
         order_reference, line_net_ore, vat_ore, total_ore, payable_ore, credited_invoice_id, \
         reason, created_by, issued_by, created_at, issued_at) \
         SELECT 'credit_note', customer_id, 'issued', $1, $2, kid, currency, buyer_name, \
         buyer_org_number, buyer_street, buyer_additional_street, buyer_postal_code, buyer_city, \
         buyer_country, buyer_email, buyer_peppol_id, buyer_reference, order_reference, $3, $4, \
         $5, $6, id, $7, $8, $8, $9, $9 FROM invoices WHERE id = $10 RETURNING id",
    )
    .bind(number)
    .bind(date_string(today))
    .bind(totals.line_total_ore)
    .bind(totals.vat_ore)
    .bind(totals.with_vat_ore)
    .bind(totals.payable_ore)
    .bind(reason)
    .bind(user_id)
    .bind(at)
    .bind(invoice_id)
    .fetch_one(&mut *conn)
    .await?;
    for (position, line) in chosen.iter().enumerate() {
        sqlx::query(
            "INSERT INTO invoice_lines (invoice_id, position, description, quantity_milli, \
             unit_code, unit_price_ore, vat_category, vat_rate_bp, exemption_reason, \
             line_net_ore, timesheet_id, credited_line_id) \
             SELECT $1, $2, description, -quantity_milli, unit_code, unit_price_ore, \
             vat_category, vat_rate_bp, exemption_reason, -line_net_ore, timesheet_id, id \
             FROM invoice_lines WHERE id = $3",
        )
        .bind(id)
        .bind(i64::try_from(position).unwrap_or(i64::MAX) + 1)
        .bind(line.id)
        .execute(&mut *conn)
        .await
        .map_err(|e| match e {
            sqlx::Error::Database(d) if d.is_unique_violation() => {
                invalid("lines", "invoice-credit-line-credited")
            }
            e => e.into(),
        })?;
    }
    // The credit note goes the way its invoice went; the invoice's state counts it.
    let (method,): (String,) =
        sqlx::query_as("SELECT delivery_method FROM invoice_state WHERE invoice_id = $1")
            .bind(invoice_id)
            .fetch_one(&mut *conn)
            .await?;
    super::state::open(conn, id, &method).await?;
    super::documents::queue_pdf(conn, id).await?;
    super::state::add_credited(conn, invoice_id, -totals.with_vat_ore).await?;
    let changes = [
        Change {
            field: "credit_note".into(),
            old: None,
            new: Some(number.to_string()),
        },
        Change {
            field: "reason".into(),
            old: None,
            new: Some(reason.into()),
        },
    ];
    audit::record(
        conn,
        invoice.customer_id,
        "invoice",
        invoice_id,
        "credit",
        &changes,
        Some(user_id),
    )
    .await?;
    Ok(Credited { id, number })
}
