//! The card's invoice key figures (issue 14; decision 0030) and how the history names invoice
//! events. The figures come from the issued documents and their `invoice_state` in one query,
//! by the rules of `invoices::state`: invoiced this year is the net amount (without VAT) of the
//! invoices issued this year less the credit notes issued this year; outstanding is what issued
//! invoices still have owing (total − credited − paid, where above 0), overdue the part of it
//! past its due date.

use std::collections::HashMap;

use crate::{Result, db::Db, i18n::Lang, money::format_kr};

/// The figures as shown.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct InvoiceFigures {
    pub invoiced_this_year_ore: i64,
    pub outstanding_ore: i64,
    pub overdue_ore: i64,
    pub overdue_count: i64,
}

impl InvoiceFigures {
    pub fn invoiced_text(&self) -> String {
        format_kr(self.invoiced_this_year_ore)
    }
    pub fn outstanding_text(&self) -> String {
        format_kr(self.outstanding_ore)
    }
    pub fn overdue_text(&self, lang: Lang) -> String {
        if self.overdue_count == 0 {
            return format_kr(0);
        }
        lang.t_with(
            "figures-overdue-value",
            &[
                ("amount", format_kr(self.overdue_ore)),
                ("count", self.overdue_count.to_string()),
            ],
        )
    }
}

/// The customer's figures on `today` (`YYYY-MM-DD`, Oslo).
pub async fn figures(db: &Db, customer_id: i64, today: &str) -> Result<InvoiceFigures> {
    let year_start = format!("{}-01-01", &today[..4.min(today.len())]);
    let owed = "(i.total_ore - COALESCE(s.credited_ore, 0) - COALESCE(s.paid_ore, 0))";
    let sql = format!(
        "SELECT \
         CAST(COALESCE(SUM(CASE WHEN i.issue_date >= $2 THEN i.line_net_ore ELSE 0 END), 0) AS BIGINT), \
         CAST(COALESCE(SUM(CASE WHEN i.kind = 'invoice' AND {owed} > 0 THEN {owed} ELSE 0 END), 0) AS BIGINT), \
         CAST(COALESCE(SUM(CASE WHEN i.kind = 'invoice' AND {owed} > 0 AND i.due_date < $3 \
             THEN {owed} ELSE 0 END), 0) AS BIGINT), \
         CAST(COALESCE(SUM(CASE WHEN i.kind = 'invoice' AND {owed} > 0 AND i.due_date < $3 \
             THEN 1 ELSE 0 END), 0) AS BIGINT) \
         FROM invoices i LEFT JOIN invoice_state s ON s.invoice_id = i.id \
         WHERE i.customer_id = $1 AND i.status = 'issued'"
    );
    let (invoiced, outstanding, overdue, count): (i64, i64, i64, i64) =
        sqlx::query_as(sqlx::AssertSqlSafe(sql))
            .bind(customer_id)
            .bind(year_start)
            .bind(today)
            .fetch_one(&db.pool)
            .await?;
    Ok(InvoiceFigures {
        invoiced_this_year_ore: invoiced,
        outstanding_ore: outstanding,
        overdue_ore: overdue,
        overdue_count: count,
    })
}

/// How the history names an invoice: "Faktura 12", "Kreditnota 3" or "Fakturautkast", by id.
pub async fn subjects(db: &Db, ids: &[i64], lang: Lang) -> Result<HashMap<i64, String>> {
    if ids.is_empty() {
        return Ok(HashMap::new());
    }
    let mut sql = crate::db::Sql::new("SELECT id, kind, number FROM invoices WHERE id IN (");
    sql.bind_list(ids.iter().copied()).push(")");
    let rows: Vec<(i64, String, Option<i64>)> = sql.query_as().fetch_all(&db.pool).await?;
    Ok(rows
        .into_iter()
        .map(|(id, kind, number)| {
            let text = match (kind.as_str(), number) {
                ("credit_note", Some(n)) => {
                    lang.t_with("history-subject-credit-note", &[("number", n.to_string())])
                }
                (_, Some(n)) => {
                    lang.t_with("history-subject-invoice", &[("number", n.to_string())])
                }
                _ => lang.t("history-subject-invoice-draft"),
            };
            (id, text)
        })
        .collect())
}

/// The history's entity name of an invoice or credit note's own event (the audit's entity
/// `invoice` is shared with the customer's invoice settings, action `invoice-settings`).
pub const DOCUMENT_ENTITY: &str = "invoice_document";

/// Whether an audit row is an event of an invoice or credit note (not of the invoice settings).
pub fn is_document_event(entity: &str, action: &str) -> bool {
    entity == "invoice" && action != "invoice-settings"
}

/// The history's label of an invoice event (`create`, `line_add`, `issue`, `credit`, …).
pub fn action_label(action: &str, lang: Lang) -> String {
    lang.t(&format!("history-invoice-{}", action.replace('_', "-")))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every action and field the invoices' store writes to the history has a label.
    #[test]
    fn invoice_history_labels_exist() {
        for lang in [Lang::Nb, Lang::En] {
            for action in [
                "create",
                "line_add",
                "line_update",
                "line_remove",
                "issue",
                "credit",
                "credit_amount",
                "references",
                "delete",
                "payment",
                "remind",
                "delivered",
                "delivery_failed",
                "delivery_change",
                "import_earlier",
            ] {
                let label = action_label(action, lang);
                assert!(!label.starts_with("history-"), "{label}");
            }
            for field in [
                "status",
                "number",
                "description",
                "quantity_milli",
                "unit_price_ore",
                "vat",
                "line",
                "credit_note",
                "reason",
                "buyer_reference",
                "order_reference",
                "amount_ore",
                "paid",
                "reminder_fee",
                "delivery_method",
                "delivery_detail",
                "earlier_number",
                "total_ore",
            ] {
                let key = format!("history-invoice-field-{}", field.replace('_', "-"));
                assert_ne!(lang.t(&key), key);
            }
        }
    }
}
