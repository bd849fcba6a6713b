//! Journal entries of issued invoices and credit notes (decision 0030), as pure functions of the
//! stored document and the chart of accounts, so that "every entry balances" is a property of
//! this code, tested over random invoices:
//!
//! - debit the receivable (NS 4102 1500 Kundefordringer), with the customer number as the
//!   sub-ledger, the total including VAT;
//! - credit the revenue account of each VAT category and rate, the group's net amount, with the
//!   SAF-T standard VAT code (3 = output VAT 25 %, 31 = 15 %, 33 = 12 %, 5 = zero-rated, 51 =
//!   domestic reverse charge, 6 = outside the VAT act);
//! - credit the output VAT account of each standard rate (2700/2701/2702), the group's VAT.
//!
//! A credit note's lines carry negated quantities, so its amounts are negative and the same rules
//! give the reversed entry: debit revenue and VAT, credit the receivable. An amount is never
//! negative in a posting; a negative one moves to the other side.
//!
//! A payment matched to an invoice ([`payment_entry`], decision 0033): debit the bank (the
//! chart's `bank` purpose, NS 4102 1920), credit the receivable with the customer number as the
//! sub-ledger, the amount paid; a reversal (negative) gives the reversed entry.

use std::collections::HashMap;

use serde::Serialize;

use crate::{
    AppError, Result,
    invoices::store::{Invoice, Line},
    money::vat::{self, Rounding, Vat},
};

/// The purpose of the receivable account in the chart.
pub const RECEIVABLE: &str = "receivable";
/// The purpose of the bank account (payments' entries).
pub const BANK: &str = "bank";

/// One purpose's accounts: a VAT group's revenue account, its output VAT account and SAF-T code;
/// or the receivable (or bank) account alone.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, sqlx::FromRow)]
pub struct Account {
    pub purpose: String,
    pub account: String,
    pub vat_account: Option<String>,
    pub vat_code: Option<String>,
}

/// The chart of accounts by purpose.
#[derive(Clone, Debug, Default)]
pub struct Chart(pub HashMap<String, Account>);

impl Chart {
    pub fn new(accounts: Vec<Account>) -> Self {
        Self(
            accounts
                .into_iter()
                .map(|a| (a.purpose.clone(), a))
                .collect(),
        )
    }
    pub fn get(&self, purpose: &str) -> Option<&Account> {
        self.0.get(purpose)
    }
}

/// The chart's purpose for a VAT category and rate: `S:2500`, `Z`, `E`, `AE`, `O`.
pub fn purpose_of(vat: &Vat) -> String {
    match vat {
        Vat::Standard { rate_bp } => format!("S:{rate_bp}"),
        other => other.code().to_string(),
    }
}

/// What an entry records.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Source {
    Invoice,
    CreditNote,
    Payment,
}

/// One posting: an account, debit or credit (øre, never negative, one of them 0), the VAT code
/// on revenue and VAT postings, the customer number on the receivable's.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Posting {
    pub account: String,
    pub vat_code: Option<String>,
    pub customer_number: Option<i64>,
    pub debit_ore: i64,
    pub credit_ore: i64,
}

impl Posting {
    /// A posting of `amount` on the debit side (negative: credit).
    fn debit(account: &str, amount: i64) -> Self {
        Self {
            account: account.to_string(),
            vat_code: None,
            customer_number: None,
            debit_ore: amount.max(0),
            credit_ore: (-amount).max(0),
        }
    }
    fn credit(account: &str, amount: i64) -> Self {
        Self::debit(account, -amount)
    }
}

/// A journal entry (bilag): the document it records and its postings.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Entry {
    /// The invoice or credit note; for a payment, the invoice it pays.
    pub invoice_id: i64,
    /// A payment's id (none for an invoice or credit note).
    pub payment_id: Option<i64>,
    pub source: Source,
    /// The invoice's or credit note's number, or the payment's id: the voucher number.
    pub number: i64,
    /// For a payment: the number of the invoice it pays.
    pub invoice_number: Option<i64>,
    /// The issue date (a payment: the day paid), `YYYY-MM-DD`: the entry's date.
    pub date: String,
    pub due_date: Option<String>,
    pub customer_number: i64,
    pub customer_name: String,
    pub kid: Option<String>,
    pub postings: Vec<Posting>,
}

impl Entry {
    pub fn debits(&self) -> i64 {
        self.postings.iter().map(|p| p.debit_ore).sum()
    }
    pub fn credits(&self) -> i64 {
        self.postings.iter().map(|p| p.credit_ore).sum()
    }
}

/// Why a document cannot be journalised.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum JournalError {
    /// No account for this purpose (`receivable`, `S:1100`, …): set it at /accounting/settings.
    NoAccount(String),
    /// A draft, or amounts that do not add up to the stored totals.
    NotIssued,
    Amounts,
}

/// The entry of an issued invoice or credit note with its lines, for a customer number.
pub fn entry(
    invoice: &Invoice,
    lines: &[Line],
    customer_number: i64,
    chart: &Chart,
) -> std::result::Result<Entry, JournalError> {
    let (Some(number), Some(date), Some(total)) = (
        invoice.number,
        invoice.issue_date.clone(),
        invoice.total_ore,
    ) else {
        return Err(JournalError::NotIssued);
    };
    if invoice.status != "issued" {
        return Err(JournalError::NotIssued);
    }
    let priced = lines
        .iter()
        .map(Line::priced)
        .collect::<Result<Vec<_>>>()
        .map_err(|_| JournalError::Amounts)?;
    let totals = vat::totals(&priced, 0, Rounding::None).map_err(|_| JournalError::Amounts)?;
    // The stored totals were made by the same function at issue; a difference is a defect.
    if totals.with_vat_ore != total {
        return Err(JournalError::Amounts);
    }
    let account = |purpose: &str| {
        chart
            .get(purpose)
            .ok_or_else(|| JournalError::NoAccount(purpose.to_string()))
    };
    let receivable = account(RECEIVABLE)?;
    let mut postings = vec![Posting {
        customer_number: Some(customer_number),
        ..Posting::debit(&receivable.account, totals.with_vat_ore)
    }];
    for group in &totals.breakdown {
        let purpose = purpose_of(&group.vat);
        let a = account(&purpose)?;
        postings.push(Posting {
            vat_code: a.vat_code.clone(),
            ..Posting::credit(&a.account, group.taxable_ore)
        });
        if group.vat_ore != 0 {
            let vat_account = a
                .vat_account
                .as_deref()
                .ok_or_else(|| JournalError::NoAccount(purpose.clone()))?;
            postings.push(Posting {
                vat_code: a.vat_code.clone(),
                ..Posting::credit(vat_account, group.vat_ore)
            });
        }
    }
    let entry = Entry {
        invoice_id: invoice.id,
        payment_id: None,
        invoice_number: None,
        source: if invoice.kind == "credit_note" {
            Source::CreditNote
        } else {
            Source::Invoice
        },
        number,
        date,
        due_date: invoice.due_date.clone(),
        customer_number,
        customer_name: invoice.buyer_name.clone().unwrap_or_default(),
        kid: invoice.kid.clone(),
        postings,
    };
    if entry.debits() != entry.credits() {
        return Err(JournalError::Amounts);
    }
    Ok(entry)
}

/// A payment matched to an issued invoice, as its entry needs it.
#[derive(Clone, Debug, PartialEq, Eq, sqlx::FromRow)]
pub struct PaymentFacts {
    pub payment_id: i64,
    pub invoice_id: i64,
    pub invoice_number: i64,
    /// `YYYY-MM-DD`.
    pub paid_on: String,
    /// Øre; negative for a reversal.
    pub amount_ore: i64,
    pub customer_number: i64,
    pub customer_name: String,
    pub kid: Option<String>,
}

/// The entry of a payment: debit the bank, credit the receivable on the customer's sub-ledger
/// (a reversal the other way round). Balanced by construction.
pub fn payment_entry(p: &PaymentFacts, chart: &Chart) -> std::result::Result<Entry, JournalError> {
    let account = |purpose: &str| {
        chart
            .get(purpose)
            .ok_or_else(|| JournalError::NoAccount(purpose.to_string()))
    };
    let bank = account(BANK)?;
    let receivable = account(RECEIVABLE)?;
    Ok(Entry {
        invoice_id: p.invoice_id,
        payment_id: Some(p.payment_id),
        source: Source::Payment,
        number: p.payment_id,
        invoice_number: Some(p.invoice_number),
        date: p.paid_on.clone(),
        due_date: None,
        customer_number: p.customer_number,
        customer_name: p.customer_name.clone(),
        kid: p.kid.clone(),
        postings: vec![
            Posting::debit(&bank.account, p.amount_ore),
            Posting {
                customer_number: Some(p.customer_number),
                ..Posting::credit(&receivable.account, p.amount_ore)
            },
        ],
    })
}

impl From<JournalError> for AppError {
    fn from(e: JournalError) -> Self {
        use crate::error::Msg;
        match e {
            JournalError::NoAccount(purpose) => AppError::Conflict(
                Msg::new("accounting-no-account").arg("purpose", purpose_label(&purpose)),
            ),
            JournalError::NotIssued | JournalError::Amounts => {
                AppError::Internal(anyhow::anyhow!("invoice cannot be journalised: {e:?}"))
            }
        }
    }
}

/// A purpose as people read it: `S:2500` → `25 %`, others as they are.
pub fn purpose_label(purpose: &str) -> String {
    match purpose
        .strip_prefix("S:")
        .and_then(|r| r.parse::<i64>().ok())
    {
        Some(bp) if bp % 100 == 0 => format!("{} %", bp / 100),
        Some(bp) => format!("{},{:02} %", bp / 100, bp % 100),
        None => purpose.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn chart() -> Chart {
        let a = |p: &str, acc: &str, vat: Option<&str>, code: Option<&str>| Account {
            purpose: p.into(),
            account: acc.into(),
            vat_account: vat.map(Into::into),
            vat_code: code.map(Into::into),
        };
        Chart::new(vec![
            a(RECEIVABLE, "1500", None, None),
            a("S:2500", "3000", Some("2700"), Some("3")),
            a("S:1500", "3000", Some("2701"), Some("31")),
            a("S:1200", "3000", Some("2702"), Some("33")),
            a("Z", "3100", None, Some("5")),
            a("E", "3200", None, Some("6")),
            a("AE", "3100", None, Some("51")),
            a("O", "3200", None, Some("6")),
        ])
    }

    #[test]
    fn a_payment_debits_the_bank_and_a_reversal_credits_it() {
        let mut chart = chart();
        chart.0.insert(
            BANK.into(),
            Account {
                purpose: BANK.into(),
                account: "1920".into(),
                vat_account: None,
                vat_code: None,
            },
        );
        let mut p = PaymentFacts {
            payment_id: 4,
            invoice_id: 7,
            invoice_number: 1045,
            paid_on: "2026-12-01".into(),
            amount_ore: 125_000,
            customer_number: 10001,
            customer_name: "Nordlys AS".into(),
            kid: None,
        };
        let e = payment_entry(&p, &chart).unwrap();
        assert_eq!(e.source, Source::Payment);
        assert_eq!(e.debits(), e.credits());
        assert_eq!(
            (e.postings[0].account.as_str(), e.postings[0].debit_ore),
            ("1920", 125_000)
        );
        assert_eq!(e.postings[1].credit_ore, 125_000);
        assert_eq!(e.postings[1].customer_number, Some(10001));
        p.amount_ore = -5_000;
        let e = payment_entry(&p, &chart).unwrap();
        assert_eq!(
            (e.postings[0].debit_ore, e.postings[0].credit_ore),
            (0, 5_000)
        );
        assert_eq!(
            (e.postings[1].debit_ore, e.postings[1].credit_ore),
            (5_000, 0)
        );
        chart.0.remove(BANK);
        assert_eq!(
            payment_entry(&p, &chart).unwrap_err(),
            JournalError::NoAccount(BANK.into())
        );
    }

    fn line(id: i64, qty: i64, price: i64, cat: &str, rate: i64) -> Line {
        Line {
            id,
            invoice_id: 1,
            position: id,
            description: "Arbeid".into(),
            quantity_milli: qty,
            unit_code: "HUR".into(),
            unit_price_ore: price,
            vat_category: cat.into(),
            vat_rate_bp: rate,
            exemption_reason: (cat == "E").then(|| "mval. § 3-2".into()),
            line_net_ore: vat::line_net(qty, price).unwrap(),
            timesheet_id: None,
            credited_line_id: None,
        }
    }

    fn issued(kind: &str, lines: &[Line]) -> Invoice {
        let totals = crate::invoices::store::totals_of(lines).unwrap();
        Invoice {
            id: 7,
            kind: kind.into(),
            customer_id: 3,
            status: "issued".into(),
            number: Some(12),
            issue_date: Some("2026-12-02".into()),
            due_date: Some("2026-12-16".into()),
            kid: None,
            currency: "NOK".into(),
            buyer_name: Some("Nordlys AS".into()),
            buyer_org_number: None,
            buyer_street: None,
            buyer_additional_street: None,
            buyer_postal_code: None,
            buyer_city: None,
            buyer_country: None,
            buyer_email: None,
            buyer_peppol_id: None,
            buyer_reference: None,
            order_reference: None,
            line_net_ore: Some(totals.line_total_ore),
            vat_ore: Some(totals.vat_ore),
            total_ore: Some(totals.with_vat_ore),
            payable_ore: Some(totals.payable_ore),
            credited_invoice_id: None,
            reason: None,
            created_by: None,
            issued_by: None,
            created_at: 0,
            issued_at: None,
            version: 2,
            origin: "ours".into(),
            earlier_pdf_key: None,
        }
    }

    #[test]
    fn an_invoice_and_its_credit_note() {
        let lines = [
            line(1, 7500, 45_000, "S", 2500),
            line(2, 1000, 10_001, "S", 1500),
            line(3, 2000, 5_000, "Z", 0),
        ];
        let e = entry(&issued("invoice", &lines), &lines, 100_042, &chart()).unwrap();
        let p = |acc: &str| {
            e.postings
                .iter()
                .find(|p| p.account == acc)
                .unwrap()
                .clone()
        };
        assert_eq!(e.source, Source::Invoice);
        assert_eq!(
            p("1500").debit_ore,
            337_500 + 10_001 + 84_375 + 1_500 + 10_000
        );
        assert_eq!(p("1500").customer_number, Some(100_042));
        assert_eq!(p("2700").credit_ore, 84_375);
        assert_eq!(p("2700").vat_code.as_deref(), Some("3"));
        assert_eq!(p("2701").credit_ore, 1_500);
        assert_eq!(p("3100").credit_ore, 10_000);
        assert_eq!(p("3100").vat_code.as_deref(), Some("5"));
        assert_eq!(
            e.postings
                .iter()
                .filter(|p| p.account == "3000")
                .map(|p| p.credit_ore)
                .sum::<i64>(),
            337_500 + 10_001
        );
        assert_eq!(e.debits(), e.credits());
        // The credit note: negated quantities, everything on the other side.
        let negated: Vec<Line> = lines
            .iter()
            .map(|l| {
                line(
                    l.id,
                    -l.quantity_milli,
                    l.unit_price_ore,
                    &l.vat_category,
                    l.vat_rate_bp,
                )
            })
            .collect();
        let c = entry(
            &issued("credit_note", &negated),
            &negated,
            100_042,
            &chart(),
        )
        .unwrap();
        assert_eq!(c.source, Source::CreditNote);
        for (a, b) in e.postings.iter().zip(&c.postings) {
            assert_eq!(
                (a.account.as_str(), a.debit_ore, a.credit_ore),
                (b.account.as_str(), b.credit_ore, b.debit_ore)
            );
        }
    }

    #[test]
    fn a_missing_account_is_named() {
        let lines = [line(1, 1000, 100, "S", 1100)];
        assert_eq!(
            entry(&issued("invoice", &lines), &lines, 1, &chart()),
            Err(JournalError::NoAccount("S:1100".into()))
        );
        assert_eq!(purpose_label("S:1100"), "11 %");
        assert_eq!(purpose_label("S:1250"), "12,50 %");
    }

    fn any_line() -> impl Strategy<Value = (i64, i64, usize)> {
        (1i64..=2_000_000, 0i64..=5_000_000, 0usize..6)
    }

    proptest! {
        /// Debits equal credits, the receivable is the total, no posting is negative — for any
        /// invoice and for its credit note.
        #[test]
        fn every_entry_balances(specs in proptest::collection::vec(any_line(), 1..12), credit in any::<bool>()) {
            let kinds = [("S", 2500), ("S", 1500), ("S", 1200), ("Z", 0), ("E", 0), ("AE", 0)];
            let sign = if credit { -1 } else { 1 };
            let lines: Vec<Line> = specs
                .iter()
                .enumerate()
                .map(|(i, (q, p, k))| line(i as i64, sign * q, *p, kinds[*k].0, kinds[*k].1))
                .collect();
            let kind = if credit { "credit_note" } else { "invoice" };
            let inv = issued(kind, &lines);
            let e = entry(&inv, &lines, 5, &chart()).unwrap();
            prop_assert_eq!(e.debits(), e.credits());
            prop_assert!(e.postings.iter().all(|p| p.debit_ore >= 0 && p.credit_ore >= 0 && (p.debit_ore == 0 || p.credit_ore == 0)));
            let receivable = &e.postings[0];
            prop_assert_eq!(receivable.debit_ore - receivable.credit_ore, inv.total_ore.unwrap());
        }
    }
}
