//! What happens to an issued invoice after issue (migration 0018): delivery, payments and credit
//! notes, kept in `invoice_state` so the issued `invoices` row never changes. The status shown in
//! lists (draft, issued, sent, partly paid, paid, overdue, credited) is derived here, in one
//! place, from that row, the kind, the total and the due date; delivery (`delivered`), payments
//! (`add_paid`) and credit notes (`add_credited`) each keep their column in the caller's
//! transaction.

use sqlx::AnyConnection;
use time::Date;

use crate::{Result, timefmt::now};

/// The status an invoice or credit note is shown with.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    Draft,
    Issued,
    Sent,
    PartlyPaid,
    Paid,
    Overdue,
    Credited,
}

impl Status {
    pub const ALL: [Status; 7] = [
        Status::Draft,
        Status::Issued,
        Status::Sent,
        Status::PartlyPaid,
        Status::Paid,
        Status::Overdue,
        Status::Credited,
    ];

    /// The code in URLs and the API, and the end of the translation key `invoice-status-…`.
    pub fn code(self) -> &'static str {
        match self {
            Status::Draft => "draft",
            Status::Issued => "issued",
            Status::Sent => "sent",
            Status::PartlyPaid => "partly_paid",
            Status::Paid => "paid",
            Status::Overdue => "overdue",
            Status::Credited => "credited",
        }
    }

    pub fn from_code(code: &str) -> Option<Status> {
        Status::ALL.into_iter().find(|s| s.code() == code)
    }

    /// The translation key of its label.
    pub fn label_key(self) -> String {
        format!("invoice-status-{}", self.code().replace('_', "-"))
    }
}

/// What the status is derived from: the invoice's own columns and its `invoice_state` row.
#[derive(Clone, Debug, Default)]
pub struct Facts<'a> {
    pub kind: &'a str,
    /// `draft` or `issued`.
    pub status: &'a str,
    /// The invoice's total with VAT (negative on a credit note).
    pub total_ore: i64,
    /// `YYYY-MM-DD`.
    pub due_date: Option<&'a str>,
    /// `pending`, `sent` or `failed`; `None` without a state row.
    pub delivery_status: Option<&'a str>,
    pub paid_ore: i64,
    pub credited_ore: i64,
}

/// What is still owed on an issued invoice: total minus credited minus paid (never below 0 is
/// not enforced: an overpayment shows as negative).
pub fn outstanding(total_ore: i64, credited_ore: i64, paid_ore: i64) -> i64 {
    total_ore - credited_ore - paid_ore
}

/// The status shown for `facts` on `today` (Oslo). An invoice fully credited is credited; fully
/// paid (after credits) is paid; past its due date with something owed is overdue; partly paid
/// is partly paid; delivered is sent; else issued. A credit note is issued or sent.
pub fn derive(facts: &Facts<'_>, today: Date) -> Status {
    if facts.status == "draft" {
        return Status::Draft;
    }
    let sent = facts.delivery_status == Some("sent");
    if facts.kind == "credit_note" {
        return if sent { Status::Sent } else { Status::Issued };
    }
    let owed = outstanding(facts.total_ore, facts.credited_ore, facts.paid_ore);
    if facts.credited_ore > 0 && facts.credited_ore >= facts.total_ore {
        return Status::Credited;
    }
    if owed <= 0 {
        return Status::Paid;
    }
    let today = crate::timefmt::when::date_string(today);
    if facts.due_date.is_some_and(|due| due < today.as_str()) {
        return Status::Overdue;
    }
    if facts.paid_ore > 0 {
        return Status::PartlyPaid;
    }
    if sent { Status::Sent } else { Status::Issued }
}

/// Makes the state row of a just-issued invoice or credit note (inside the issuing
/// transaction), with the delivery method chosen for it.
pub async fn open(conn: &mut AnyConnection, invoice_id: i64, delivery_method: &str) -> Result<()> {
    sqlx::query(
        "INSERT INTO invoice_state (invoice_id, delivery_method, updated_at) VALUES ($1, $2, $3)",
    )
    .bind(invoice_id)
    .bind(delivery_method)
    .bind(now())
    .execute(conn)
    .await?;
    Ok(())
}

/// Makes the state row of an imported earlier invoice: delivered by the former system (`sent`),
/// with what was paid before the switch (no payment date: those payments are not ours).
pub async fn open_earlier(
    conn: &mut AnyConnection,
    invoice_id: i64,
    delivery_method: &str,
    paid_ore: i64,
) -> Result<()> {
    sqlx::query(
        "INSERT INTO invoice_state (invoice_id, delivery_method, delivery_status, paid_ore, \
         updated_at) VALUES ($1, $2, 'sent', $3, $4)",
    )
    .bind(invoice_id)
    .bind(delivery_method)
    .bind(paid_ore)
    .bind(now())
    .execute(conn)
    .await?;
    Ok(())
}

/// Adds a credit note's amount (positive øre) to the credited invoice's state.
pub async fn add_credited(
    conn: &mut AnyConnection,
    invoice_id: i64,
    amount_ore: i64,
) -> Result<()> {
    sqlx::query(
        "UPDATE invoice_state SET credited_ore = credited_ore + $1, updated_at = $2 \
         WHERE invoice_id = $3",
    )
    .bind(amount_ore)
    .bind(now())
    .bind(invoice_id)
    .execute(conn)
    .await?;
    Ok(())
}

/// Adds a payment (øre; negative for a reversal) paid on `paid_on` (`YYYY-MM-DD`).
pub async fn add_paid(
    conn: &mut AnyConnection,
    invoice_id: i64,
    amount_ore: i64,
    paid_on: &str,
) -> Result<()> {
    sqlx::query(
        "UPDATE invoice_state SET paid_ore = paid_ore + $1, last_paid_on = $2, updated_at = $3 \
         WHERE invoice_id = $4",
    )
    .bind(amount_ore)
    .bind(paid_on)
    .bind(now())
    .bind(invoice_id)
    .execute(conn)
    .await?;
    Ok(())
}

/// Records the delivery's outcome: `sent` or `failed`, with the transport's id or the error.
pub async fn delivered(
    conn: &mut AnyConnection,
    invoice_id: i64,
    status: &str,
    detail: Option<&str>,
) -> Result<()> {
    sqlx::query(
        "UPDATE invoice_state SET delivery_status = $1, delivered_at = $2, delivery_detail = $3, \
         updated_at = $2 WHERE invoice_id = $4",
    )
    .bind(status)
    .bind(now())
    .bind(detail)
    .bind(invoice_id)
    .execute(conn)
    .await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    fn invoice(total: i64, paid: i64, credited: i64, delivery: &str) -> Facts<'static> {
        Facts {
            kind: "invoice",
            status: "issued",
            total_ore: total,
            due_date: Some("2026-12-15"),
            delivery_status: Some(if delivery == "sent" {
                "sent"
            } else {
                "pending"
            }),
            paid_ore: paid,
            credited_ore: credited,
        }
    }

    #[test]
    fn statuses() {
        let before = date!(2026 - 12 - 15);
        let after = date!(2026 - 12 - 16);
        assert_eq!(derive(&invoice(1000, 0, 0, ""), before), Status::Issued);
        assert_eq!(derive(&invoice(1000, 0, 0, "sent"), before), Status::Sent);
        assert_eq!(
            derive(&invoice(1000, 400, 0, "sent"), before),
            Status::PartlyPaid
        );
        assert_eq!(
            derive(&invoice(1000, 400, 0, "sent"), after),
            Status::Overdue
        );
        assert_eq!(
            derive(&invoice(1000, 600, 400, "sent"), after),
            Status::Paid
        );
        assert_eq!(derive(&invoice(1000, 0, 1000, ""), after), Status::Credited);
        assert_eq!(derive(&invoice(1000, 0, 0, "sent"), after), Status::Overdue);
        let draft = Facts {
            status: "draft",
            ..invoice(0, 0, 0, "")
        };
        assert_eq!(derive(&draft, after), Status::Draft);
        let note = Facts {
            kind: "credit_note",
            total_ore: -1000,
            ..invoice(0, 0, 0, "sent")
        };
        assert_eq!(derive(&note, after), Status::Sent);
        for s in Status::ALL {
            assert_eq!(Status::from_code(s.code()), Some(s));
        }
    }
}
