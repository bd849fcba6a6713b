//! Writing a checked file of earlier invoices, all or nothing, in the caller's transaction:
//! every line checked again (the state now, not the preview's), then per invoice a row marked
//! `origin = 'earlier'` with the old system's number (never from `number_series`), issued as it
//! was, the buyer copied from the customer as it is now, one line per VAT rate, its imported
//! PDF's key, and its `invoice_state` (sent, with what was paid before the switch), recorded on
//! the card. The import itself is a row in `earlier_imports`, whose SHA-256 refuses the file twice.

use std::collections::HashMap;

use sqlx::AnyConnection;

use super::{
    check::{Target, check},
    file::{FileLine, invoices},
};
use crate::{
    AppError, Result,
    audit::{self, Change},
    auth::Staff,
    customers::billing::billing,
    db,
    error::Msg,
    i18n::Lang,
    invoices::state,
    timefmt::{now, when::date_string},
};

/// What an import wrote.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Imported {
    pub import_id: i64,
    pub invoices: usize,
}

/// The file as the import takes it.
pub struct Upload<'a> {
    pub file_name: &'a str,
    pub sha256: &'a str,
    /// Each PDF's name in the form and its key in the file store.
    pub pdfs: &'a HashMap<String, String>,
}

/// Imports `lines` or, when any line is bad (now), nothing: `Ok(Err(targets))` with every line's
/// errors added, and the caller rolls back. The same file twice is a conflict.
pub async fn import(
    conn: &mut AnyConnection,
    user: &Staff,
    lang: Lang,
    lines: &mut [FileLine],
    upload: &Upload<'_>,
) -> Result<std::result::Result<Imported, Vec<Option<Target>>>> {
    let names: Vec<String> = upload.pdfs.keys().cloned().collect();
    let targets = check(conn, user, lines, &names).await?;
    if lines.iter().any(|l| !l.errors.is_empty()) {
        return Ok(Err(targets));
    }
    let found = invoices(lines);
    let total: i64 = lines
        .iter()
        .filter_map(|l| l.row.as_ref().map(|r| r.total_ore))
        .sum();
    let at = now();
    let import_id: i64 = {
        let mut sp = sqlx::Connection::begin(&mut *conn).await?;
        let res: std::result::Result<i64, sqlx::Error> = sqlx::query_scalar(
            "INSERT INTO earlier_imports (file_name, sha256, invoices, total_ore, imported_by, \
             imported_at) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
        )
        .bind(upload.file_name)
        .bind(upload.sha256)
        .bind(found.len() as i64)
        .bind(total)
        .bind(user.id)
        .bind(at)
        .fetch_one(&mut *sp)
        .await;
        match res {
            Ok(id) => {
                sp.commit().await?;
                id
            }
            Err(e) if db::is_unique_violation(&e, "sha256") => {
                return Err(AppError::Conflict(Msg::new("earlier-import-again")));
            }
            Err(e) => return Err(e.into()),
        }
    };
    for inv in &found {
        let rows: Vec<_> = inv
            .lines
            .iter()
            .map(|&i| lines[i].row.clone().ok_or(AppError::NotFound))
            .collect::<Result<_>>()?;
        let target = targets[inv.lines[0]].clone().ok_or(AppError::NotFound)?;
        let first = &rows[0];
        let buyer = billing(conn, target.customer_id)
            .await?
            .ok_or(AppError::NotFound)?;
        let (street, postal_code, city) = buyer.invoice_address();
        let net: i64 = rows.iter().map(|r| r.net_ore).sum();
        let vat: i64 = rows.iter().map(|r| r.vat_ore).sum();
        let total: i64 = rows.iter().map(|r| r.total_ore).sum();
        let paid: i64 = rows.iter().find_map(|r| r.paid_ore).unwrap_or(0);
        // EHF wants a buyer reference (BT-10) or an order number (BT-13) on a credit note too:
        // without either in the file, the old invoice's number is the buyer reference.
        let buyer_reference = match (&first.buyer_reference, &first.order_reference) {
            (None, None) => Some(inv.number.to_string()),
            (r, _) => r.clone(),
        };
        let pdf_key = rows
            .iter()
            .find_map(|r| r.pdf.as_ref())
            .and_then(|name| upload.pdfs.get(name))
            .cloned();
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO invoices (kind, customer_id, status, number, issue_date, due_date, kid, \
             currency, buyer_name, buyer_org_number, buyer_street, buyer_postal_code, buyer_city, \
             buyer_country, buyer_email, buyer_peppol_id, line_net_ore, vat_ore, total_ore, \
             payable_ore, created_by, issued_by, created_at, issued_at, origin, earlier_pdf_key, \
             earlier_import_id, buyer_reference, order_reference) VALUES ('invoice', $1, 'issued', \
             $2, $3, $4, $5, 'NOK', $6, $7, $8, $9, $10, 'NO', $11, $12, $13, $14, $15, $15, $16, \
             $16, $17, $17, 'earlier', $18, $19, $20, $21) RETURNING id",
        )
        .bind(target.customer_id)
        .bind(inv.number)
        .bind(date_string(first.issue_date))
        .bind(date_string(first.due_date))
        .bind(first.kid.as_deref())
        .bind(&buyer.name)
        .bind(buyer.org_number.as_deref())
        .bind(street)
        .bind(postal_code)
        .bind(city)
        .bind(buyer.invoice_email())
        .bind(&buyer.peppol_id)
        .bind(net)
        .bind(vat)
        .bind(total)
        .bind(user.id)
        .bind(at)
        .bind(pdf_key)
        .bind(import_id)
        .bind(buyer_reference)
        .bind(first.order_reference.as_deref())
        .fetch_one(&mut *conn)
        .await?;
        for (pos, r) in rows.iter().enumerate() {
            let vat = r.vat();
            let text = r.description.clone().unwrap_or_else(|| {
                lang.t_with(
                    "earlier-line-text",
                    &[
                        ("number", inv.number.to_string()),
                        ("rate", (r.rate_bp / 100).to_string()),
                    ],
                )
            });
            sqlx::query(
                "INSERT INTO invoice_lines (invoice_id, position, description, quantity_milli, \
                 unit_code, unit_price_ore, vat_category, vat_rate_bp, line_net_ore) \
                 VALUES ($1, $2, $3, 1000, 'C62', $4, $5, $6, $4)",
            )
            .bind(id)
            .bind(pos as i64 + 1)
            .bind(text)
            .bind(r.net_ore)
            .bind(vat.code())
            .bind(i64::from(vat.rate_bp().unwrap_or(0)))
            .execute(&mut *conn)
            .await?;
        }
        state::open_earlier(conn, id, &buyer.delivery_method, paid).await?;
        let changes = [
            Change {
                field: "earlier_number".into(),
                old: None,
                new: Some(inv.number.to_string()),
            },
            Change {
                field: "total_ore".into(),
                old: None,
                new: Some(total.to_string()),
            },
        ];
        audit::record(
            conn,
            target.customer_id,
            "invoice",
            id,
            "import_earlier",
            &changes,
            Some(user.id),
        )
        .await?;
    }
    Ok(Ok(Imported {
        import_id,
        invoices: found.len(),
    }))
}
