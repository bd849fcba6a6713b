//! Invoices in the database: a manual draft for a customer, its lines, and issuing it (decision
//! 0024). Writes take the caller's connection and never begin a transaction of their own; every
//! write to an invoice first "claims" it with an UPDATE whose WHERE has `status = 'draft'` and the
//! version the caller saw, so an issued invoice is never changed and a stale edit is refused.
//! Issuing takes the next number of the series in the same transaction (gap-free), computes the
//! KID, the dates and the totals (`money::vat`), and copies the buyer as the customer is now.

use sqlx::AnyConnection;
use time::{Date, Duration};

use super::model::{LineInput, vat_of};
use crate::{
    AppError, Result,
    audit::{self, Change},
    customers::billing::billing,
    db::Db,
    error::{FieldErrors, Msg},
    money::vat::{self, AmountError, Rounding, Totals},
    norway::kid::{Kid, KidRule},
    timefmt::{now, when::date_string},
};

/// Days from the issue date to the due date when the customer's terms are out of range.
pub const PAYMENT_DAYS: i64 = 14;
/// The longest payment terms taken from a customer's settings.
const MAX_PAYMENT_DAYS: i64 = 365;
/// The KID when the firm has set none: MOD10, 15 digits: the customer number (6), the invoice
/// number (8), the check digit. The configured rule is `config.seller.kid_rule` ([`issue_with`]).
pub const KID_RULE: KidRule = crate::config::DEFAULT_KID_RULE;

/// An invoice or credit note as stored.
#[derive(Clone, Debug, PartialEq, Eq, sqlx::FromRow)]
pub struct Invoice {
    pub id: i64,
    pub kind: String,
    pub customer_id: i64,
    pub status: String,
    pub number: Option<i64>,
    pub issue_date: Option<String>,
    pub due_date: Option<String>,
    pub kid: Option<String>,
    pub currency: String,
    pub buyer_name: Option<String>,
    pub buyer_org_number: Option<String>,
    pub buyer_street: Option<String>,
    pub buyer_additional_street: Option<String>,
    pub buyer_postal_code: Option<String>,
    pub buyer_city: Option<String>,
    pub buyer_country: Option<String>,
    pub buyer_email: Option<String>,
    pub buyer_peppol_id: Option<String>,
    pub buyer_reference: Option<String>,
    pub order_reference: Option<String>,
    pub line_net_ore: Option<i64>,
    pub vat_ore: Option<i64>,
    pub total_ore: Option<i64>,
    pub payable_ore: Option<i64>,
    pub credited_invoice_id: Option<i64>,
    pub reason: Option<String>,
    pub created_by: Option<i64>,
    pub issued_by: Option<i64>,
    pub created_at: i64,
    pub issued_at: Option<i64>,
    pub version: i64,
    /// `ours`, or `earlier`: imported from a former system (its number is the old system's,
    /// never from our series; decision 0033).
    pub origin: String,
    /// An earlier invoice's imported PDF in the file store.
    pub earlier_pdf_key: Option<String>,
}

impl Invoice {
    /// Imported from a former system (decision 0033): read-only, no EHF of ours.
    pub fn is_earlier(&self) -> bool {
        self.origin == "earlier"
    }
}

const INVOICE_COLUMNS: &str = "id, kind, customer_id, status, number, issue_date, due_date, kid, \
    currency, buyer_name, buyer_org_number, buyer_street, buyer_additional_street, \
    buyer_postal_code, buyer_city, buyer_country, buyer_email, buyer_peppol_id, buyer_reference, \
    order_reference, line_net_ore, vat_ore, total_ore, payable_ore, credited_invoice_id, reason, \
    created_by, issued_by, created_at, issued_at, version, origin, earlier_pdf_key";

/// A line as stored.
#[derive(Clone, Debug, PartialEq, Eq, sqlx::FromRow)]
pub struct Line {
    pub id: i64,
    pub invoice_id: i64,
    pub position: i64,
    pub description: String,
    pub quantity_milli: i64,
    pub unit_code: String,
    pub unit_price_ore: i64,
    pub vat_category: String,
    pub vat_rate_bp: i64,
    pub exemption_reason: Option<String>,
    pub line_net_ore: i64,
    pub timesheet_id: Option<i64>,
    pub credited_line_id: Option<i64>,
}

const LINE_COLUMNS: &str = "id, invoice_id, position, description, quantity_milli, unit_code, \
    unit_price_ore, vat_category, vat_rate_bp, exemption_reason, line_net_ore, timesheet_id, \
    credited_line_id";

impl Line {
    /// The line as `money::vat` prices it.
    pub fn priced(&self) -> Result<vat::Line> {
        let vat = vat_of(
            &self.vat_category,
            self.vat_rate_bp,
            self.exemption_reason.as_deref(),
        )
        .ok_or_else(|| AppError::Internal(anyhow::anyhow!("line {} has bad VAT", self.id)))?;
        Ok(vat::Line {
            quantity_milli: self.quantity_milli,
            unit_price_ore: self.unit_price_ore,
            vat,
        })
    }
}

/// What issuing gave the invoice.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Issued {
    pub number: i64,
    pub kid: Kid,
    pub version: i64,
}

/// One invoice or credit note.
pub async fn get(db: &Db, id: i64) -> Result<Option<Invoice>> {
    get_in(&mut *db.pool.acquire().await?, id).await
}

/// One invoice, read in the caller's transaction.
pub async fn get_in(conn: &mut AnyConnection, id: i64) -> Result<Option<Invoice>> {
    let sql = format!("SELECT {INVOICE_COLUMNS} FROM invoices WHERE id = $1");
    Ok(sqlx::query_as(sqlx::AssertSqlSafe(sql))
        .bind(id)
        .fetch_optional(conn)
        .await?)
}

/// An invoice's lines in order.
pub async fn lines(db: &Db, invoice_id: i64) -> Result<Vec<Line>> {
    lines_in(&mut *db.pool.acquire().await?, invoice_id).await
}

/// An invoice's lines, read in the caller's transaction.
pub async fn lines_in(conn: &mut AnyConnection, invoice_id: i64) -> Result<Vec<Line>> {
    let sql = format!(
        "SELECT {LINE_COLUMNS} FROM invoice_lines WHERE invoice_id = $1 ORDER BY position, id"
    );
    Ok(sqlx::query_as(sqlx::AssertSqlSafe(sql))
        .bind(invoice_id)
        .fetch_all(conn)
        .await?)
}

/// A document's totals from its lines; a mix `money::vat` refuses is an error on `lines`.
pub fn totals_of(lines: &[Line]) -> Result<Totals> {
    let priced = lines.iter().map(Line::priced).collect::<Result<Vec<_>>>()?;
    vat::totals(&priced, 0, Rounding::None).map_err(|e| {
        let key = match e {
            AmountError::NoLines => "invoice-empty",
            AmountError::OutsideScopeMixed => "invoice-outside-scope-mixed",
            _ => "invoice-amounts",
        };
        invalid("lines", key)
    })
}

pub(super) fn invalid(field: &str, key: &'static str) -> AppError {
    let mut errors = FieldErrors::default();
    errors.add(field, Msg::new(key));
    AppError::Invalid(errors)
}

/// Takes the next number of `kind`'s series, in the caller's transaction: the row stays locked
/// until it ends, and a rollback gives the number back.
pub(super) async fn take_number(conn: &mut AnyConnection, kind: &str) -> Result<i64> {
    let (number,): (i64,) = sqlx::query_as(
        "UPDATE number_series SET next_number = next_number + 1 WHERE kind = $1 \
         RETURNING next_number - 1",
    )
    .bind(kind)
    .fetch_one(conn)
    .await?;
    Ok(number)
}

/// A new, empty draft invoice for a customer; its id.
pub async fn create_draft(
    conn: &mut AnyConnection,
    customer_id: i64,
    buyer_reference: Option<&str>,
    order_reference: Option<&str>,
    user_id: i64,
) -> Result<i64> {
    billing(conn, customer_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let id = insert_draft(conn, customer_id, buyer_reference, order_reference, user_id).await?;
    audit::record(
        conn,
        customer_id,
        "invoice",
        id,
        "create",
        &[],
        Some(user_id),
    )
    .await?;
    Ok(id)
}

/// The row of a new draft of an existing customer (the caller has read it in this transaction),
/// its references checked (one line each) and trimmed; its id. Without the audit row, which
/// the caller writes ([`create_draft`] one, an invoice run's batch many at once).
pub(crate) async fn insert_draft(
    conn: &mut AnyConnection,
    customer_id: i64,
    buyer_reference: Option<&str>,
    order_reference: Option<&str>,
    user_id: i64,
) -> Result<i64> {
    let clean = |v: Option<&str>| v.map(str::trim).filter(|s| !s.is_empty()).map(String::from);
    let mut errors = FieldErrors::default();
    for (field, v) in [
        ("buyer_reference", buyer_reference),
        ("order_reference", order_reference),
    ] {
        errors.single_line(field, v.unwrap_or_default());
    }
    errors.into_result()?;
    let (id,): (i64,) = sqlx::query_as(
        "INSERT INTO invoices (kind, customer_id, status, buyer_reference, order_reference, \
         created_by, created_at) VALUES ('invoice', $1, 'draft', $2, $3, $4, $5) RETURNING id",
    )
    .bind(customer_id)
    .bind(clean(buyer_reference))
    .bind(clean(order_reference))
    .bind(user_id)
    .bind(now())
    .fetch_one(&mut *conn)
    .await?;
    Ok(id)
}

/// Claims a draft invoice at `version` for a change: bumps its version (the first write of the
/// transaction, so concurrent changes queue here). Refuses an issued invoice, a credit note, a
/// stale version. Returns the customer and the new version.
async fn claim(conn: &mut AnyConnection, id: i64, version: i64) -> Result<(i64, i64)> {
    let row: Option<(i64, i64)> = sqlx::query_as(
        "UPDATE invoices SET version = version + 1 WHERE id = $1 AND version = $2 \
         AND status = 'draft' AND kind = 'invoice' RETURNING customer_id, version",
    )
    .bind(id)
    .bind(version)
    .fetch_optional(&mut *conn)
    .await?;
    if let Some(row) = row {
        return Ok(row);
    }
    match get_in(conn, id).await? {
        None => Err(AppError::NotFound),
        Some(inv) if inv.status != "draft" || inv.kind != "invoice" => {
            Err(AppError::Conflict(Msg::new("invoice-not-draft")))
        }
        Some(_) => Err(AppError::Conflict(Msg::new("invoice-changed-meanwhile"))),
    }
}

fn line_changes(line: &super::model::CheckedLine) -> Vec<Change> {
    let new = |field: &str, v: String| Change {
        field: field.into(),
        old: None,
        new: Some(v),
    };
    vec![
        new("description", line.description.clone()),
        new("quantity_milli", line.quantity_milli.to_string()),
        new("unit_price_ore", line.unit_price_ore.to_string()),
        new("vat", line.vat.code().into()),
    ]
}

/// Adds a line to a draft; the line's id and the invoice's new version.
pub async fn add_line(
    conn: &mut AnyConnection,
    id: i64,
    version: i64,
    input: &LineInput,
    user_id: i64,
) -> Result<(i64, i64)> {
    let line = input.check()?;
    let (customer_id, version) = claim(conn, id, version).await?;
    let (line_id,): (i64,) = sqlx::query_as(
        "INSERT INTO invoice_lines (invoice_id, position, description, quantity_milli, unit_code, \
         unit_price_ore, vat_category, vat_rate_bp, exemption_reason, line_net_ore) \
         SELECT $1, COALESCE(MAX(position), 0) + 1, $2, $3, $4, $5, $6, $7, $8, $9 \
         FROM invoice_lines WHERE invoice_id = $1 RETURNING id",
    )
    .bind(id)
    .bind(&line.description)
    .bind(line.quantity_milli)
    .bind(line.unit.code())
    .bind(line.unit_price_ore)
    .bind(line.vat.code())
    .bind(i64::from(line.vat.rate_bp().unwrap_or(0)))
    .bind(exemption(&line.vat))
    .bind(line.line_net_ore)
    .fetch_one(&mut *conn)
    .await?;
    let changes = line_changes(&line);
    audit::record(
        conn,
        customer_id,
        "invoice",
        id,
        "line_add",
        &changes,
        Some(user_id),
    )
    .await?;
    Ok((line_id, version))
}

fn exemption(vat: &vat::Vat) -> Option<String> {
    match vat {
        vat::Vat::Exempt { reason } => Some(reason.clone()),
        _ => None,
    }
}

/// Changes a draft's line; the invoice's new version.
pub async fn update_line(
    conn: &mut AnyConnection,
    id: i64,
    version: i64,
    line_id: i64,
    input: &LineInput,
    user_id: i64,
) -> Result<i64> {
    let line = input.check()?;
    let (customer_id, version) = claim(conn, id, version).await?;
    let done = sqlx::query(
        "UPDATE invoice_lines SET description = $1, quantity_milli = $2, unit_code = $3, \
         unit_price_ore = $4, vat_category = $5, vat_rate_bp = $6, exemption_reason = $7, \
         line_net_ore = $8 WHERE id = $9 AND invoice_id = $10 \
         AND invoice_id IN (SELECT id FROM invoices WHERE status = 'draft')",
    )
    .bind(&line.description)
    .bind(line.quantity_milli)
    .bind(line.unit.code())
    .bind(line.unit_price_ore)
    .bind(line.vat.code())
    .bind(i64::from(line.vat.rate_bp().unwrap_or(0)))
    .bind(exemption(&line.vat))
    .bind(line.line_net_ore)
    .bind(line_id)
    .bind(id)
    .execute(&mut *conn)
    .await?;
    if done.rows_affected() == 0 {
        return Err(AppError::NotFound);
    }
    let changes = line_changes(&line);
    audit::record(
        conn,
        customer_id,
        "invoice",
        id,
        "line_update",
        &changes,
        Some(user_id),
    )
    .await?;
    Ok(version)
}

/// Removes a draft's line; the invoice's new version.
pub async fn remove_line(
    conn: &mut AnyConnection,
    id: i64,
    version: i64,
    line_id: i64,
    user_id: i64,
) -> Result<i64> {
    let (customer_id, version) = claim(conn, id, version).await?;
    let done = sqlx::query(
        "DELETE FROM invoice_lines WHERE id = $1 AND invoice_id = $2 \
         AND invoice_id IN (SELECT id FROM invoices WHERE status = 'draft')",
    )
    .bind(line_id)
    .bind(id)
    .execute(&mut *conn)
    .await?;
    if done.rows_affected() == 0 {
        return Err(AppError::NotFound);
    }
    let changes = [Change {
        field: "line".into(),
        old: Some(line_id.to_string()),
        new: None,
    }];
    audit::record(
        conn,
        customer_id,
        "invoice",
        id,
        "line_remove",
        &changes,
        Some(user_id),
    )
    .await?;
    Ok(version)
}

/// Issues a draft (§ 5-1-1 of the bookkeeping regulation wants the buyer's organisation number
/// and address on it): the next number, the KID, issue and due date, the buyer as now, the
/// totals. Refuses an issued invoice, an empty one, a buyer without organisation number or
/// invoice address (the field named), and a draft with neither a buyer reference nor a purchase
/// order number when the customer wants one on every invoice (`po_required`) or gets its
/// invoices by EHF (which refuses a document without either, PEPPOL-EN16931-R003). The KID follows
/// [`KID_RULE`]; routes use [`issue_with`] and the configured rule.
pub async fn issue(
    conn: &mut AnyConnection,
    id: i64,
    version: i64,
    user_id: i64,
    today: Date,
) -> Result<Issued> {
    issue_with(conn, id, version, user_id, today, &KID_RULE).await
}

/// [`issue`] with the bank agreement's KID rule (`config.seller.kid_rule`). Queues the PDF's
/// rendering (`invoices::documents`) in the same transaction.
pub async fn issue_with(
    conn: &mut AnyConnection,
    id: i64,
    version: i64,
    user_id: i64,
    today: Date,
    kid_rule: &KidRule,
) -> Result<Issued> {
    let (customer_id, _) = claim(conn, id, version).await?;
    let lines = lines_in(conn, id).await?;
    if lines.is_empty() {
        return Err(invalid("lines", "invoice-empty"));
    }
    let buyer = billing(conn, customer_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let (street, postal_code, city) = buyer.invoice_address();
    let org = buyer
        .org_number
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty());
    let mut errors = FieldErrors::default();
    let ehf = buyer.delivery_method == "ehf";
    if buyer.po_required == 1 || ehf {
        let inv = get_in(conn, id).await?.ok_or(AppError::NotFound)?;
        let filled = |v: &Option<String>| v.as_deref().is_some_and(|s| !s.trim().is_empty());
        if !filled(&inv.buyer_reference) && !filled(&inv.order_reference) {
            // EHF refuses an invoice without either (PEPPOL-EN16931-R003).
            let key = if buyer.po_required == 1 {
                "inv-po-required"
            } else {
                "inv-ehf-reference-required"
            };
            errors.add("order_reference", Msg::new(key));
        }
    }
    if org.is_none() {
        errors.add("buyer_org_number", Msg::new("invoice-buyer-org-number"));
    }
    if street.is_none() || postal_code.is_none() || city.is_none() {
        errors.add("buyer_address", Msg::new("invoice-buyer-address"));
    }
    errors.into_result()?;
    let totals = totals_of(&lines)?;
    let number = take_number(conn, "invoice").await?;
    let kid = kid_rule
        .for_invoice(
            u64::try_from(buyer.customer_number).unwrap_or(u64::MAX),
            u64::try_from(number).unwrap_or(u64::MAX),
        )
        .map_err(|_| AppError::Conflict(Msg::new("invoice-kid")))?;
    let days = if (0..=MAX_PAYMENT_DAYS).contains(&buyer.payment_terms_days) {
        buyer.payment_terms_days
    } else {
        PAYMENT_DAYS
    };
    let due = today + Duration::days(days);
    let (version,): (i64,) = sqlx::query_as(
        "UPDATE invoices SET status = 'issued', number = $1, issue_date = $2, due_date = $3, \
         kid = $4, buyer_name = $5, buyer_org_number = $6, buyer_street = $7, \
         buyer_postal_code = $8, buyer_city = $9, buyer_country = 'NO', buyer_email = $10, \
         buyer_peppol_id = $11, line_net_ore = $12, vat_ore = $13, total_ore = $14, \
         payable_ore = $15, issued_by = $16, issued_at = $17, version = version + 1 \
         WHERE id = $18 AND status = 'draft' RETURNING version",
    )
    .bind(number)
    .bind(date_string(today))
    .bind(date_string(due))
    .bind(kid.as_str())
    .bind(&buyer.name)
    .bind(org)
    .bind(street)
    .bind(postal_code)
    .bind(city)
    .bind(buyer.invoice_email())
    .bind(&buyer.peppol_id)
    .bind(totals.line_total_ore)
    .bind(totals.vat_ore)
    .bind(totals.with_vat_ore)
    .bind(totals.payable_ore)
    .bind(user_id)
    .bind(now())
    .bind(id)
    .fetch_one(&mut *conn)
    .await?;
    super::state::open(conn, id, &buyer.delivery_method).await?;
    super::documents::queue_pdf(conn, id).await?;
    super::delivery::queue_on_issue(conn, id).await?;
    let changes = [
        Change {
            field: "status".into(),
            old: Some("draft".into()),
            new: Some("issued".into()),
        },
        Change {
            field: "number".into(),
            old: None,
            new: Some(number.to_string()),
        },
    ];
    audit::record(
        conn,
        customer_id,
        "invoice",
        id,
        "issue",
        &changes,
        Some(user_id),
    )
    .await?;
    Ok(Issued {
        number,
        kid,
        version,
    })
}

/// Changes a draft's references (buyer reference BT-10, order reference BT-13); the new version.
pub async fn update_references(
    conn: &mut AnyConnection,
    id: i64,
    version: i64,
    buyer_reference: &str,
    order_reference: &str,
    user_id: i64,
) -> Result<i64> {
    let mut errors = FieldErrors::default();
    errors.single_line("buyer_reference", buyer_reference);
    errors.single_line("order_reference", order_reference);
    errors.into_result()?;
    let old = get_in(conn, id).await?.ok_or(AppError::NotFound)?;
    let (customer_id, version) = claim(conn, id, version).await?;
    let clean = |v: &str| Some(v.trim().to_string()).filter(|s| !s.is_empty());
    let (buyer, order) = (clean(buyer_reference), clean(order_reference));
    sqlx::query("UPDATE invoices SET buyer_reference = $1, order_reference = $2 WHERE id = $3")
        .bind(&buyer)
        .bind(&order)
        .bind(id)
        .execute(&mut *conn)
        .await?;
    let changes = [
        Change {
            field: "buyer_reference".into(),
            old: old.buyer_reference,
            new: buyer,
        },
        Change {
            field: "order_reference".into(),
            old: old.order_reference,
            new: order,
        },
    ];
    audit::record(
        conn,
        customer_id,
        "invoice",
        id,
        "references",
        &changes,
        Some(user_id),
    )
    .await?;
    Ok(version)
}

/// Deletes a draft and its lines (a draft has no number, so no gap in the series). Refuses an
/// issued invoice and a stale version.
pub async fn delete_draft(
    conn: &mut AnyConnection,
    id: i64,
    version: i64,
    user_id: i64,
) -> Result<i64> {
    let (customer_id, _) = claim(conn, id, version).await?;
    // A draft made by an invoice run gives its sheets back: their hours are billable again (the
    // billing rows go with the lines) and the sheets may be reopened (decision 0028).
    sqlx::query(
        "UPDATE timesheets SET invoiced_at = NULL, invoice_id = NULL WHERE invoice_id = $1",
    )
    .bind(id)
    .execute(&mut *conn)
    .await?;
    sqlx::query("DELETE FROM invoice_billing WHERE invoice_id = $1")
        .bind(id)
        .execute(&mut *conn)
        .await?;
    sqlx::query("DELETE FROM invoice_lines WHERE invoice_id = $1")
        .bind(id)
        .execute(&mut *conn)
        .await?;
    sqlx::query("DELETE FROM invoices WHERE id = $1 AND status = 'draft'")
        .bind(id)
        .execute(&mut *conn)
        .await?;
    audit::record(
        conn,
        customer_id,
        "invoice",
        id,
        "delete",
        &[],
        Some(user_id),
    )
    .await?;
    Ok(customer_id)
}
