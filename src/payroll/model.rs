//! The payroll file's vocabulary as data: pay items and their keys, the columns a file may
//! have, the presets (docs/payroll-export.md), the wage type mapping, and numbers as the file
//! writes them. Pure functions, unit-tested.

use crate::timesheets::pay::Item;

/// The stable key of a pay item, as the wage type mapping and the sent lines store it:
/// `normal`, `overtime:50`, `overtime:none`, `allowance:km`.
pub fn item_key(item: &Item) -> String {
    match item {
        Item::Normal => "normal".into(),
        Item::Overtime(Some(p)) => format!("overtime:{p}"),
        Item::Overtime(None) => "overtime:none".into(),
        Item::Allowance(code) => format!("allowance:{code}"),
    }
}

/// The order pay items are listed in: normal, overtime by class, allowances by code.
pub fn item_order(key: &str) -> (u8, i64, &str) {
    if key == "normal" {
        (0, 0, "")
    } else if let Some(p) = key.strip_prefix("overtime:") {
        (1, p.parse().unwrap_or(i64::MAX), "")
    } else {
        (2, 0, key.strip_prefix("allowance:").unwrap_or(key))
    }
}

/// One column of the file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Column {
    EmployeeNumber,
    NationalId,
    /// The worker's bank account, unsealed (and audited) for the file: only in a custom format
    /// that names it (no preset has it; decision 0073).
    BankAccount,
    WorkerName,
    WageType,
    Text,
    Quantity,
    Rate,
    Amount,
    HolidayPayBasis,
    TaxFree,
    Styrk,
    AssignmentStart,
    AssignmentEnd,
    AssignmentId,
    TimesheetId,
    PeriodStart,
    PeriodEnd,
}

impl Column {
    pub const ALL: [Column; 18] = [
        Column::EmployeeNumber,
        Column::NationalId,
        Column::BankAccount,
        Column::WorkerName,
        Column::WageType,
        Column::Text,
        Column::Quantity,
        Column::Rate,
        Column::Amount,
        Column::HolidayPayBasis,
        Column::TaxFree,
        Column::Styrk,
        Column::AssignmentStart,
        Column::AssignmentEnd,
        Column::AssignmentId,
        Column::TimesheetId,
        Column::PeriodStart,
        Column::PeriodEnd,
    ];

    /// The key: the header's text and what the settings store.
    pub fn key(self) -> &'static str {
        match self {
            Column::EmployeeNumber => "employee_number",
            Column::NationalId => "national_id",
            Column::BankAccount => "bank_account",
            Column::WorkerName => "name",
            Column::WageType => "wage_type",
            Column::Text => "text",
            Column::Quantity => "quantity",
            Column::Rate => "rate",
            Column::Amount => "amount",
            Column::HolidayPayBasis => "holiday_pay_basis",
            Column::TaxFree => "tax_free",
            Column::Styrk => "styrk",
            Column::AssignmentStart => "assignment_start",
            Column::AssignmentEnd => "assignment_end",
            Column::AssignmentId => "assignment_id",
            Column::TimesheetId => "timesheet_id",
            Column::PeriodStart => "period_start",
            Column::PeriodEnd => "period_end",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|c| c.key() == s)
    }
}

/// The file's format.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Format {
    /// `standard`, `payroll_import`, `identity` or `custom`.
    pub preset: String,
    pub columns: Vec<Column>,
    pub header: bool,
    pub decimal_comma: bool,
    pub bom: bool,
}

pub const PRESETS: [&str; 4] = ["standard", "payroll_import", "identity", "custom"];

impl Format {
    /// A preset's format; `None` for `custom` or an unknown name.
    pub fn preset(name: &str) -> Option<Self> {
        use Column::*;
        let (columns, header, decimal_comma, bom) = match name {
            // Every column but the bank account, which a file has only when asked for.
            "standard" => (
                Column::ALL
                    .into_iter()
                    .filter(|c| *c != BankAccount)
                    .collect(),
                true,
                true,
                true,
            ),
            "payroll_import" => (
                vec![
                    EmployeeNumber,
                    WageType,
                    Quantity,
                    Rate,
                    Amount,
                    PeriodStart,
                    PeriodEnd,
                    Text,
                ],
                false,
                true,
                false,
            ),
            "identity" => (
                vec![
                    EmployeeNumber,
                    NationalId,
                    WageType,
                    Quantity,
                    Rate,
                    Amount,
                    HolidayPayBasis,
                    TaxFree,
                    Styrk,
                    AssignmentStart,
                    AssignmentEnd,
                ],
                true,
                false,
                false,
            ),
            _ => return None,
        };
        Some(Self {
            preset: name.into(),
            columns,
            header,
            decimal_comma,
            bom,
        })
    }

    /// The stored format: a preset's own, or the stored custom columns and options.
    pub fn stored(
        preset: &str,
        columns: &str,
        header: bool,
        decimal_comma: bool,
        bom: bool,
    ) -> Self {
        Self::preset(preset).unwrap_or_else(|| Self {
            preset: "custom".into(),
            columns: parse_columns(columns).unwrap_or_else(|_| Column::ALL.to_vec()),
            header,
            decimal_comma,
            bom,
        })
    }

    pub fn columns_text(&self) -> String {
        self.columns
            .iter()
            .map(|c| c.key())
            .collect::<Vec<_>>()
            .join(",")
    }

    pub fn has(&self, column: Column) -> bool {
        self.columns.contains(&column)
    }
}

/// Why a column list was refused.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ColumnsError {
    Empty,
    Unknown(String),
    Twice(String),
}

/// Column keys separated by commas, semicolons or spaces, each once.
pub fn parse_columns(text: &str) -> Result<Vec<Column>, ColumnsError> {
    let mut out = Vec::new();
    for key in text
        .split([',', ';', ' ', '\n', '\r', '\t'])
        .map(str::trim)
        .filter(|k| !k.is_empty())
    {
        let c = Column::parse(&key.to_lowercase())
            .ok_or_else(|| ColumnsError::Unknown(key.to_string()))?;
        if out.contains(&c) {
            return Err(ColumnsError::Twice(key.to_string()));
        }
        out.push(c);
    }
    if out.is_empty() {
        return Err(ColumnsError::Empty);
    }
    Ok(out)
}

/// A pay item's wage type code and how payroll treats it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WageType {
    pub item: String,
    pub code: String,
    pub holiday_pay_basis: bool,
    pub tax_free: bool,
}

/// The sensible defaults for an item (Norwegian practice): hours, overtime and pay allowances
/// are taxed pay and holiday-pay basis; an expense allowance (km, meals, diet within the
/// state's rates) is a tax-free reimbursement and not holiday-pay basis.
pub fn default_flags(item: &str, expense: bool) -> (bool, bool) {
    if item.starts_with("allowance:") && expense {
        (false, true)
    } else {
        (true, false)
    }
}

/// The longest wage type code.
pub const CODE_MAX: usize = 20;

/// Why a code was refused (a Fluent key).
pub fn check_code(code: &str) -> Result<(), &'static str> {
    if code.is_empty() {
        Err("payroll-code-required")
    } else if code.chars().count() > CODE_MAX {
        Err("payroll-code-too-long")
    } else if !code
        .chars()
        .all(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | '.' | '/'))
    {
        Err("payroll-code-invalid")
    } else {
        Ok(())
    }
}

/// Thousandths as the file writes them: at least two decimals, three when needed, the
/// preset's decimal mark, no grouping (`7,50`, `0,333`, `-12,00`).
pub fn decimal(milli: i64, comma: bool) -> String {
    let sign = if milli < 0 { "-" } else { "" };
    let abs = milli.unsigned_abs();
    let (whole, frac) = (abs / 1000, abs % 1000);
    let mark = if comma { ',' } else { '.' };
    if frac % 10 == 0 {
        format!("{sign}{whole}{mark}{:02}", frac / 10)
    } else {
        format!("{sign}{whole}{mark}{frac:03}")
    }
}

/// Øre as kroner with two decimals (`250,00`).
pub fn kr(ore: i64, comma: bool) -> String {
    decimal(ore * 10, comma)
}

/// Minutes as thousandths of an hour, rounded half away from zero.
pub fn minutes_to_milli(minutes: i64) -> i64 {
    i64::try_from(crate::money::div_round(i128::from(minutes) * 1000, 60)).unwrap_or(i64::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_written_with_the_presets_mark() {
        assert_eq!(decimal(7_500, true), "7,50");
        assert_eq!(decimal(333, false), "0.333");
        assert_eq!(decimal(-12_000, true), "-12,00");
        assert_eq!(kr(37_500, true), "375,00");
        assert_eq!(kr(5, false), "0.05");
        assert_eq!(minutes_to_milli(20), 333);
        assert_eq!(minutes_to_milli(450), 7_500);
    }

    #[test]
    fn item_keys_and_order() {
        assert_eq!(item_key(&Item::Overtime(Some(50))), "overtime:50");
        assert_eq!(item_key(&Item::Overtime(None)), "overtime:none");
        assert_eq!(item_key(&Item::Allowance("km".into())), "allowance:km");
        let mut keys = vec!["allowance:km", "overtime:100", "normal", "overtime:50"];
        keys.sort_by_key(|k| item_order(k));
        assert_eq!(
            keys,
            ["normal", "overtime:50", "overtime:100", "allowance:km"]
        );
    }

    #[test]
    fn columns_are_known_and_each_once() {
        assert_eq!(
            parse_columns("employee_number; wage_type,AMOUNT").unwrap(),
            vec![Column::EmployeeNumber, Column::WageType, Column::Amount]
        );
        assert_eq!(
            parse_columns("wage_type,lønnsart"),
            Err(ColumnsError::Unknown("lønnsart".into()))
        );
        assert_eq!(
            parse_columns("amount amount"),
            Err(ColumnsError::Twice("amount".into()))
        );
        assert_eq!(parse_columns(" , "), Err(ColumnsError::Empty));
    }

    #[test]
    fn presets_and_codes() {
        assert_eq!(Format::preset("standard").unwrap().columns.len(), 17);
        assert!(!Format::preset("standard").unwrap().has(Column::BankAccount));
        assert_eq!(
            parse_columns("employee_number,bank_account").unwrap(),
            vec![Column::EmployeeNumber, Column::BankAccount]
        );
        assert!(!Format::preset("payroll_import").unwrap().header);
        assert!(Format::preset("custom").is_none());
        let f = Format::stored("custom", "amount,wage_type", false, false, true);
        assert_eq!(f.columns, vec![Column::Amount, Column::WageType]);
        assert_eq!(check_code("1000"), Ok(()));
        assert_eq!(check_code(""), Err("payroll-code-required"));
        assert_eq!(check_code("=1+1"), Err("payroll-code-invalid"));
        assert_eq!(check_code(&"9".repeat(21)), Err("payroll-code-too-long"));
        assert_eq!(default_flags("allowance:km", true), (false, true));
        assert_eq!(default_flags("overtime:50", false), (true, false));
    }
}
