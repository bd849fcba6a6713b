//! The export's two formats. CSV: one row per posting, semicolon-separated, amounts in kroner
//! with a decimal point (`1234.50`), so an accounting system's generic voucher import reads it;
//! the columns are `voucher;date;type;number;account;vat_code;customer_number;customer_name;
//! text;debit;credit;due_date;kid`, the voucher being `F<number>` for an invoice,
//! `K<number>` for a credit note and `I<payment id>` for a payment (innbetaling; its `number` is
//! the payment's id, its text names the invoice paid); a cell a spreadsheet would read as a
//! formula (a customer named `=…`) gets a `'` in front (`files::csv::cell`). JSON: `{"entries": [...]}` with amounts in øre as stored.

use super::journal::{Entry, Source};
use crate::{Result, i18n::Lang};

/// `12345` øre → `123.45` (a minus sign before a negative amount; postings have none).
fn kroner(ore: i64) -> String {
    let sign = if ore < 0 { "-" } else { "" };
    format!(
        "{sign}{}.{:02}",
        ore.unsigned_abs() / 100,
        ore.unsigned_abs() % 100
    )
}

fn voucher(e: &Entry) -> String {
    match e.source {
        Source::Invoice => format!("F{}", e.number),
        Source::CreditNote => format!("K{}", e.number),
        Source::Payment => format!("I{}", e.number),
    }
}

/// The entry's text in the firm's language: "Faktura 12 Nordlys AS".
fn text(e: &Entry, lang: Lang) -> String {
    let (key, number) = match e.source {
        Source::Invoice => ("accounting-text-invoice", e.number),
        Source::CreditNote => ("accounting-text-credit-note", e.number),
        Source::Payment => (
            "accounting-text-payment",
            e.invoice_number.unwrap_or_default(),
        ),
    };
    lang.t_with(
        key,
        &[
            ("number", number.to_string()),
            ("customer", e.customer_name.clone()),
        ],
    )
}

pub fn csv(entries: &[Entry], lang: Lang) -> Result<Vec<u8>> {
    let mut w = csv::WriterBuilder::new()
        .delimiter(b';')
        .from_writer(Vec::new());
    let io = |e: csv::Error| crate::AppError::Internal(e.into());
    w.write_record([
        "voucher",
        "date",
        "type",
        "number",
        "account",
        "vat_code",
        "customer_number",
        "customer_name",
        "text",
        "debit",
        "credit",
        "due_date",
        "kid",
    ])
    .map_err(io)?;
    for e in entries {
        let kind = match e.source {
            Source::Invoice => "invoice",
            Source::CreditNote => "credit_note",
            Source::Payment => "payment",
        };
        let text = text(e, lang);
        for p in &e.postings {
            let customer = p.customer_number.is_some();
            let row = [
                voucher(e),
                e.date.clone(),
                kind.to_string(),
                e.number.to_string(),
                p.account.clone(),
                p.vat_code.clone().unwrap_or_default(),
                p.customer_number.map(|n| n.to_string()).unwrap_or_default(),
                if customer {
                    e.customer_name.clone()
                } else {
                    String::new()
                },
                text.clone(),
                kroner(p.debit_ore),
                kroner(p.credit_ore),
                if customer {
                    e.due_date.clone().unwrap_or_default()
                } else {
                    String::new()
                },
                if customer {
                    e.kid.clone().unwrap_or_default()
                } else {
                    String::new()
                },
            ];
            // The customer's name is typed text: a cell a spreadsheet would run as a formula
            // gets a quote in front, as in every CSV we write (`files::csv::cell`).
            w.write_record(row.iter().map(|c| crate::files::csv::cell(c).into_owned()))
                .map_err(io)?;
        }
    }
    w.into_inner()
        .map_err(|e| crate::AppError::Internal(anyhow::anyhow!("csv: {e}")))
}

pub fn json(entries: &[Entry]) -> Result<Vec<u8>> {
    serde_json::to_vec_pretty(&serde_json::json!({ "entries": entries }))
        .map_err(|e| crate::AppError::Internal(e.into()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kroner_have_two_decimals() {
        assert_eq!(kroner(0), "0.00");
        assert_eq!(kroner(5), "0.05");
        assert_eq!(kroner(123_456), "1234.56");
        assert_eq!(kroner(-150), "-1.50");
    }
}
