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
             line_net_ore, timesheet_id, credited_line_id, timesheet_line_id, \
             timesheet_allowance_id, bill_part, worker_id, work_date) \
             SELECT $1, $2, description, -quantity_milli, unit_code, unit_price_ore, \
             vat_category, vat_rate_bp, exemption_reason, -line_net_ore, timesheet_id, id, \
             timesheet_line_id, timesheet_allowance_id, bill_part, worker_id, work_date \
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
    // What the credited lines billed is billable again (decision 0028): their sources leave
    // `invoice_billing`, and a sheet nothing bills any more may be reopened.
    let chosen_ids: Vec<i64> = chosen.iter().map(|l| l.id).collect();
    let sheets: Vec<i64> = chosen.iter().filter_map(|l| l.timesheet_id).collect();
    for chunk in chosen_ids.chunks(500) {
        let mut sql = crate::db::Sql::new("DELETE FROM invoice_billing WHERE invoice_line_id IN (");
        sql.bind_list(chunk.iter().copied()).push(")");
        sql.query().execute(&mut *conn).await?;
    }
    super::run::release_sheets(conn, &sheets).await?;
    // The credit note goes the way its invoice went; the invoice's state counts it.
    let (method,): (String,) =
        sqlx::query_as("SELECT delivery_method FROM invoice_state WHERE invoice_id = $1")
            .bind(invoice_id)
            .fetch_one(&mut *conn)
            .await?;
    super::state::open(conn, id, &method).await?;
    super::documents::queue_pdf(conn, id).await?;
    super::delivery::queue_on_issue(conn, id).await?;
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

/// What [`credit_and_rebill`] did: the credit note, and the sheets it made billable again.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Rebilled {
    pub credited: Credited,
    /// The timesheets whose hours or allowances the credited lines billed.
    pub sheets: Vec<i64>,
}

/// Credits every line of the invoice not credited yet, and so returns what they billed from the
/// timesheets to "approved, not invoiced" (decision 0028): the next run bills it again — as it
/// is, or corrected after the sheet is reopened and approved again.
pub async fn credit_and_rebill(
    conn: &mut AnyConnection,
    invoice_id: i64,
    reason: &str,
    user_id: i64,
    today: Date,
) -> Result<Rebilled> {
    let credited = credited_lines(conn, invoice_id).await?;
    let mut sheets: Vec<i64> = lines_in(conn, invoice_id)
        .await?
        .into_iter()
        .filter(|l| !credited.contains(&l.id))
        .filter_map(|l| l.timesheet_id)
        .collect();
    sheets.sort_unstable();
    sheets.dedup();
    let credited = credit_whole(conn, invoice_id, reason, user_id, today).await?;
    Ok(Rebilled { credited, sheets })
}

/// A credit by amount: one free line (description, VAT, net amount in øre) that names no
/// credited line. It lowers what is owed and never makes hours billable again (decision 0028).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct AmountCredit {
    pub description: String,
    pub vat_category: String,
    pub vat_rate_bp: i64,
    pub exemption_reason: Option<String>,
    /// The net amount credited (positive).
    pub amount_ore: i64,
}

/// Credits an amount of an issued invoice. Refuses a draft or a credit note, a blank reason, a
/// line `model` refuses, an amount not above 0, and more (with VAT) than is left uncredited.
pub async fn credit_amount(
    conn: &mut AnyConnection,
    invoice_id: i64,
    credit: &AmountCredit,
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
    if credit.amount_ore <= 0 {
        errors.add("amount", Msg::new("invoice-run-credit-amount"));
    }
    errors.into_result()?;
    let input = super::model::LineInput {
        description: credit.description.clone(),
        quantity_milli: -1000,
        unit_code: "C62".into(),
        unit_price_ore: credit.amount_ore,
        vat_category: credit.vat_category.clone(),
        vat_rate_bp: credit.vat_rate_bp,
        exemption_reason: credit.exemption_reason.clone(),
    };
    let line = input.check()?;
    let priced = super::store::Line {
        id: 0,
        invoice_id: 0,
        position: 1,
        description: line.description.clone(),
        quantity_milli: line.quantity_milli,
        unit_code: line.unit.code().into(),
        unit_price_ore: line.unit_price_ore,
        vat_category: line.vat.code().into(),
        vat_rate_bp: i64::from(line.vat.rate_bp().unwrap_or(0)),
        exemption_reason: credit
            .exemption_reason
            .clone()
            .filter(|r| !r.trim().is_empty()),
        line_net_ore: line.line_net_ore,
        timesheet_id: None,
        credited_line_id: None,
    };
    let totals = totals_of(std::slice::from_ref(&priced))?;
    let (credited_ore, method): (i64, String) = sqlx::query_as(
        "SELECT credited_ore, delivery_method FROM invoice_state WHERE invoice_id = $1",
    )
    .bind(invoice_id)
    .fetch_one(&mut *conn)
    .await?;
    let left = invoice.total_ore.unwrap_or(0) - credited_ore;
    if -totals.with_vat_ore > left {
        return Err(invalid("amount", "invoice-run-credit-too-much"));
    }
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
    sqlx::query(
        "INSERT INTO invoice_lines (invoice_id, position, description, quantity_milli, \
         unit_code, unit_price_ore, vat_category, vat_rate_bp, exemption_reason, line_net_ore) \
         VALUES ($1, 1, $2, $3, $4, $5, $6, $7, $8, $9)",
    )
    .bind(id)
    .bind(&priced.description)
    .bind(priced.quantity_milli)
    .bind(&priced.unit_code)
    .bind(priced.unit_price_ore)
    .bind(&priced.vat_category)
    .bind(priced.vat_rate_bp)
    .bind(&priced.exemption_reason)
    .bind(priced.line_net_ore)
    .execute(&mut *conn)
    .await?;
    super::state::open(conn, id, &method).await?;
    super::documents::queue_pdf(conn, id).await?;
    super::delivery::queue_on_issue(conn, id).await?;
    super::state::add_credited(conn, invoice_id, -totals.with_vat_ore).await?;
    let changes = [
        Change {
            field: "credit_note".into(),
            old: None,
            new: Some(number.to_string()),
        },
        Change {
            field: "amount_ore".into(),
            old: None,
            new: Some(credit.amount_ore.to_string()),
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
        "credit_amount",
        &changes,
        Some(user_id),
    )
    .await?;
    Ok(Credited { id, number })
}
