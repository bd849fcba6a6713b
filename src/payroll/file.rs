//! The payroll file: the lines in the chosen columns (docs/payroll-export.md), one row per pay
//! line, ordered by employee number, name, the sheet's period and the item; semicolon
//! separated, each cell safe to open in a spreadsheet (`files::csv`).

use std::collections::HashMap;

use super::{
    model::{Column, Format, decimal, item_order, kr},
    store::SentLine,
};
use crate::{assignments::store::payroll::PayTerms, files, workers::payroll::Identity};

/// What the rows are made from besides the lines.
pub struct People<'a> {
    pub workers: &'a HashMap<i64, Identity>,
    /// Revealed national identity numbers, by worker (only when the format has the column).
    pub national_ids: &'a HashMap<i64, String>,
    /// Revealed bank accounts, by worker (only when the format has the column).
    pub bank_accounts: &'a HashMap<i64, String>,
    pub terms: &'a HashMap<i64, PayTerms>,
}

fn flag(v: i64) -> String {
    if v != 0 { "1" } else { "0" }.into()
}

fn cell(c: Column, l: &SentLine, p: &People<'_>, comma: bool) -> String {
    let worker = p.workers.get(&l.worker_id);
    let terms = p.terms.get(&l.assignment_id);
    match c {
        Column::EmployeeNumber => worker
            .and_then(|w| w.employee_number.clone())
            .unwrap_or_default(),
        Column::NationalId => p
            .national_ids
            .get(&l.worker_id)
            .cloned()
            .unwrap_or_default(),
        Column::BankAccount => p
            .bank_accounts
            .get(&l.worker_id)
            .cloned()
            .unwrap_or_default(),
        Column::WorkerName => worker.map(|w| w.name.clone()).unwrap_or_default(),
        Column::WageType => l.wage_type.clone(),
        Column::Text => l.item_name.clone(),
        Column::Quantity => decimal(l.quantity_milli, comma),
        Column::Rate => kr(l.rate_ore, comma),
        Column::Amount => kr(l.amount_ore, comma),
        Column::HolidayPayBasis => flag(l.holiday_pay_basis),
        Column::TaxFree => flag(l.tax_free),
        Column::Styrk => terms.and_then(|t| t.styrk_code.clone()).unwrap_or_default(),
        Column::AssignmentStart => terms.map(|t| t.from_date.clone()).unwrap_or_default(),
        Column::AssignmentEnd => terms.and_then(|t| t.to_date.clone()).unwrap_or_default(),
        Column::AssignmentId => l.assignment_id.to_string(),
        Column::TimesheetId => l.timesheet_id.to_string(),
        Column::PeriodStart => l.period_start.clone(),
        Column::PeriodEnd => l.period_end.clone(),
    }
}

/// The file's bytes.
pub fn write(format: &Format, lines: &[SentLine], p: &People<'_>) -> crate::Result<Vec<u8>> {
    let mut sorted: Vec<&SentLine> = lines.iter().collect();
    let key = |l: &SentLine| {
        let w = p.workers.get(&l.worker_id);
        (
            w.and_then(|w| w.employee_number.clone())
                .unwrap_or_default(),
            w.map(|w| w.name.clone()).unwrap_or_default(),
            l.worker_id,
            l.period_start.clone(),
            l.timesheet_id,
        )
    };
    sorted.sort_by_cached_key(|l| {
        (
            key(l),
            item_order(&l.item).0,
            item_order(&l.item).1,
            item_order(&l.item).2.to_string(),
        )
    });
    let header: Option<Vec<String>> = format
        .header
        .then(|| format.columns.iter().map(|c| c.key().to_string()).collect());
    let rows = sorted.iter().map(|l| {
        format
            .columns
            .iter()
            .map(|&c| cell(c, l, p, format.decimal_comma))
            .collect::<Vec<_>>()
    });
    files::csv::write(header.as_deref(), rows, format.bom)
}
