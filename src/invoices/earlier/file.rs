//! A file of earlier invoices as read, without the database (docs/earlier-invoices.md): UTF-8
//! with or without a byte-order mark, `;` or `,` between fields (whichever the header uses), a
//! header naming the columns in Norwegian or English in any order, other columns ignored. One
//! line per invoice and VAT rate: lines with the same invoice number are one invoice and must
//! agree on everything but the rate and the amounts. Each line is checked on its own here (the
//! number, the customer as typed, the dates, the rate, the amounts adding up as EN 16931 computes
//! them, the KID's check digit); [`super::check`] does the rest against the database.

use std::collections::BTreeMap;

use time::Date;

use crate::{
    error::Msg,
    files::csv::{line_at, separator},
    money::{
        parse_kr,
        vat::{Vat, group_vat},
    },
    norway::{
        kid::{self, Algorithm},
        orgnr::OrgNumber,
    },
    timefmt::when::parse_day,
};

/// The largest CSV file read, in bytes.
pub const MAX_BYTES: usize = 2 * 1024 * 1024;
/// The most lines in one file.
pub const MAX_LINES: usize = 5000;

/// Who an invoice was for: the customer number in Kundekort, or the organisation number.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum CustomerRef {
    Number(i64),
    OrgNumber(String),
}

/// A line as typed, shown in the preview.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Typed {
    pub number: String,
    pub customer: String,
    pub issue_date: String,
    pub due_date: String,
    pub vat_rate: String,
    pub net: String,
    pub vat: String,
    pub total: String,
    pub kid: String,
    pub paid: String,
    pub pdf: String,
    pub description: String,
    pub buyer_reference: String,
    pub order_reference: String,
}

/// A line that could be read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Row {
    pub invoice_number: i64,
    pub customer: CustomerRef,
    pub issue_date: Date,
    pub due_date: Date,
    /// Basis points: 2500, 1500, 1200, or 0 (zero-rated).
    pub rate_bp: u32,
    pub net_ore: i64,
    pub vat_ore: i64,
    pub total_ore: i64,
    pub kid: Option<String>,
    /// Paid before the switch (the whole invoice's, on any of its lines).
    pub paid_ore: Option<i64>,
    /// The PDF's file name, as uploaded beside the file.
    pub pdf: Option<String>,
    pub description: Option<String>,
    /// The buyer's reference (BT-10) and order number (BT-13) on the old invoice.
    pub buyer_reference: Option<String>,
    pub order_reference: Option<String>,
}

impl Row {
    /// The line's VAT as `money::vat` takes it.
    pub fn vat(&self) -> Vat {
        if self.rate_bp == 0 {
            Vat::ZeroRated
        } else {
            Vat::Standard {
                rate_bp: self.rate_bp,
            }
        }
    }
}

/// One line of the file: its number in the file (the header is line 1), as typed, what it
/// gives, and why not.
#[derive(Clone, Debug)]
pub struct FileLine {
    pub number: u64,
    pub typed: Typed,
    pub row: Option<Row>,
    pub errors: Vec<Msg>,
}

/// Why the file as a whole cannot be read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FileError {
    Empty,
    TooLarge,
    NotUtf8,
    TooManyLines,
    /// A needed column is missing from the header: its name as documented.
    MissingColumn(&'static str),
    /// The file breaks off or is malformed at this line.
    Broken(u64),
}

impl FileError {
    pub fn msg(&self) -> Msg {
        match self {
            FileError::Empty => Msg::new("earlier-import-empty"),
            FileError::TooLarge => Msg::new("earlier-import-too-large")
                .arg("max", crate::web::format_size(MAX_BYTES as i64)),
            FileError::NotUtf8 => Msg::new("earlier-import-not-utf8"),
            FileError::TooManyLines => Msg::new("earlier-import-too-many").arg("max", MAX_LINES),
            FileError::MissingColumn(c) => {
                Msg::new("earlier-import-missing-column").arg("column", *c)
            }
            FileError::Broken(n) => Msg::new("earlier-import-broken").arg("line", *n),
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Column {
    Number,
    CustomerNumber,
    OrgNumber,
    IssueDate,
    DueDate,
    VatRate,
    Net,
    Vat,
    Total,
    Kid,
    Paid,
    Pdf,
    Description,
    BuyerReference,
    OrderReference,
}

/// The header names understood (lower case, `-` and spaces read as `_`).
const NAMES: &[(&str, Column)] = &[
    ("fakturanr", Column::Number),
    ("fakturanummer", Column::Number),
    ("number", Column::Number),
    ("invoice_number", Column::Number),
    ("kundenr", Column::CustomerNumber),
    ("kundenummer", Column::CustomerNumber),
    ("customer_number", Column::CustomerNumber),
    ("orgnr", Column::OrgNumber),
    ("org_number", Column::OrgNumber),
    ("organisasjonsnummer", Column::OrgNumber),
    ("fakturadato", Column::IssueDate),
    ("issue_date", Column::IssueDate),
    ("forfallsdato", Column::DueDate),
    ("forfall", Column::DueDate),
    ("due_date", Column::DueDate),
    ("mva_sats", Column::VatRate),
    ("vat_rate", Column::VatRate),
    ("netto", Column::Net),
    ("net", Column::Net),
    ("mva", Column::Vat),
    ("vat", Column::Vat),
    ("total", Column::Total),
    ("brutto", Column::Total),
    ("kid", Column::Kid),
    ("betalt", Column::Paid),
    ("paid", Column::Paid),
    ("pdf", Column::Pdf),
    ("tekst", Column::Description),
    ("description", Column::Description),
    ("referanse", Column::BuyerReference),
    ("deres_ref", Column::BuyerReference),
    ("buyer_reference", Column::BuyerReference),
    ("bestillingsnr", Column::OrderReference),
    ("order_reference", Column::OrderReference),
];

fn column(name: &str) -> Option<Column> {
    let n = name.trim().to_lowercase().replace(['-', ' '], "_");
    NAMES.iter().find(|(k, _)| *k == n).map(|(_, c)| *c)
}

/// The text of the file: UTF-8, a byte-order mark dropped.
pub fn decode(bytes: &[u8]) -> Result<&str, FileError> {
    if bytes.len() > MAX_BYTES {
        return Err(FileError::TooLarge);
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let text = std::str::from_utf8(bytes).map_err(|_| FileError::NotUtf8)?;
    if text.trim().is_empty() {
        return Err(FileError::Empty);
    }
    Ok(text)
}

/// Reads the file's lines, each checked on its own and then against the other lines of the same
/// invoice. Blank lines are skipped.
pub fn read(bytes: &[u8]) -> Result<Vec<FileLine>, FileError> {
    let text = decode(bytes)?;
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(separator(text))
        .flexible(true)
        .has_headers(true)
        .from_reader(text.as_bytes());
    let headers = reader.headers().map_err(|_| FileError::Broken(1))?.clone();
    let columns: Vec<Option<Column>> = headers.iter().map(column).collect();
    let has = |c: Column| columns.contains(&Some(c));
    if !has(Column::CustomerNumber) && !has(Column::OrgNumber) {
        return Err(FileError::MissingColumn("kundenr"));
    }
    for (c, name) in [
        (Column::Number, "fakturanr"),
        (Column::IssueDate, "fakturadato"),
        (Column::DueDate, "forfallsdato"),
        (Column::VatRate, "mva_sats"),
        (Column::Net, "netto"),
        (Column::Vat, "mva"),
        (Column::Total, "total"),
    ] {
        if !has(c) {
            return Err(FileError::MissingColumn(name));
        }
    }
    let mut out = Vec::new();
    for record in reader.records() {
        let record = record
            .map_err(|e| FileError::Broken(line_at(text, e.position().map_or(0, |p| p.byte()))))?;
        if record.iter().all(|f| f.trim().is_empty()) {
            continue;
        }
        if out.len() == MAX_LINES {
            return Err(FileError::TooManyLines);
        }
        let number = line_at(text, record.position().map_or(0, |p| p.byte()));
        let field = |c: Column| -> String {
            columns
                .iter()
                .position(|x| *x == Some(c))
                .and_then(|i| record.get(i))
                .unwrap_or_default()
                .trim()
                .to_string()
        };
        out.push(line(number, &field));
    }
    across(&mut out);
    Ok(out)
}

/// A VAT rate as typed: `25`, `25 %`, `15`, `12` or `0`.
fn rate(typed: &str) -> Option<u32> {
    match typed.trim_end_matches('%').trim() {
        "25" => Some(2500),
        "15" => Some(1500),
        "12" => Some(1200),
        "0" => Some(0),
        _ => None,
    }
}

/// A KID from another system: digits with a MOD10 or MOD11 check digit, 2–25 characters.
fn kid_ok(kid: &str) -> bool {
    kid::check(kid, Algorithm::Mod10).is_ok() || kid::check(kid, Algorithm::Mod11).is_ok()
}

fn line(number: u64, field: &dyn Fn(Column) -> String) -> FileLine {
    let mut errors = Vec::new();
    let org = field(Column::OrgNumber);
    let customer_number = field(Column::CustomerNumber);
    let typed = Typed {
        number: field(Column::Number),
        customer: if customer_number.is_empty() {
            org.clone()
        } else {
            customer_number.clone()
        },
        issue_date: field(Column::IssueDate),
        due_date: field(Column::DueDate),
        vat_rate: field(Column::VatRate),
        net: field(Column::Net),
        vat: field(Column::Vat),
        total: field(Column::Total),
        kid: field(Column::Kid),
        paid: field(Column::Paid),
        pdf: field(Column::Pdf),
        description: field(Column::Description),
        buyer_reference: field(Column::BuyerReference),
        order_reference: field(Column::OrderReference),
    };
    let mut err = |key: &'static str| errors.push(Msg::new(key));
    let invoice_number = match typed.number.parse::<i64>() {
        Ok(n) if n > 0 && typed.number.bytes().all(|b| b.is_ascii_digit()) => Some(n),
        _ => {
            err("earlier-import-number-invalid");
            None
        }
    };
    let customer = if !customer_number.is_empty() {
        match customer_number.parse::<i64>() {
            Ok(n) if n > 0 => Some(CustomerRef::Number(n)),
            _ => {
                err("earlier-import-customer-number-invalid");
                None
            }
        }
    } else if !org.is_empty() {
        match OrgNumber::parse(&org) {
            Ok(o) => Some(CustomerRef::OrgNumber(o.as_str().to_string())),
            Err(_) => {
                err("earlier-import-org-number-invalid");
                None
            }
        }
    } else {
        err("earlier-import-customer-missing");
        None
    };
    let issue_date = parse_day(&typed.issue_date);
    if issue_date.is_none() {
        err("earlier-import-issue-date-invalid");
    }
    let due_date = parse_day(&typed.due_date);
    if due_date.is_none() {
        err("earlier-import-due-date-invalid");
    }
    if let (Some(i), Some(d)) = (issue_date, due_date)
        && d < i
    {
        err("earlier-import-due-before-issue");
    }
    let rate_bp = rate(&typed.vat_rate);
    if rate_bp.is_none() {
        err("earlier-import-rate-invalid");
    }
    let mut amount = |typed: &str, key: &'static str| {
        let v = parse_kr(typed);
        if v.is_none() {
            errors.push(Msg::new(key));
        }
        v
    };
    let net = amount(&typed.net, "earlier-import-net-invalid");
    let vat = amount(&typed.vat, "earlier-import-vat-invalid");
    let total = amount(&typed.total, "earlier-import-total-invalid");
    let paid = if typed.paid.is_empty() {
        None
    } else {
        amount(&typed.paid, "earlier-import-paid-invalid")
    };
    if let (Some(net), Some(vat), Some(rate_bp)) = (net, vat, rate_bp) {
        match group_vat(net, rate_bp) {
            Ok(expected) if expected == vat => {}
            Ok(expected) => errors.push(
                Msg::new("earlier-import-vat-wrong")
                    .arg("expected", crate::money::format_kr(expected)),
            ),
            Err(_) => errors.push(Msg::new("earlier-import-net-invalid")),
        }
    }
    if let (Some(net), Some(vat), Some(total)) = (net, vat, total)
        && net.checked_add(vat) != Some(total)
    {
        errors.push(Msg::new("earlier-import-total-wrong"));
    }
    if !typed.kid.is_empty() && !kid_ok(&typed.kid) {
        errors.push(Msg::new("earlier-import-kid-invalid"));
    }
    if !typed.pdf.is_empty() && !typed.pdf.to_lowercase().ends_with(".pdf") {
        errors.push(Msg::new("earlier-import-pdf-name"));
    }
    if crate::error::has_control_chars(&typed.description)
        || typed.description.chars().count() > 200
    {
        errors.push(Msg::new("earlier-import-description-invalid"));
    }
    for r in [&typed.buyer_reference, &typed.order_reference] {
        if crate::error::has_control_chars(r) || r.chars().count() > 100 {
            errors.push(Msg::new("earlier-import-reference-invalid"));
        }
    }
    let row = match (
        invoice_number,
        customer,
        issue_date,
        due_date,
        rate_bp,
        net,
        vat,
        total,
    ) {
        (Some(n), Some(c), Some(i), Some(d), Some(r), Some(net), Some(vat), Some(total))
            if errors.is_empty() =>
        {
            Some(Row {
                invoice_number: n,
                customer: c,
                issue_date: i,
                due_date: d,
                rate_bp: r,
                net_ore: net,
                vat_ore: vat,
                total_ore: total,
                kid: Some(typed.kid.clone()).filter(|k| !k.is_empty()),
                paid_ore: paid,
                pdf: Some(typed.pdf.clone()).filter(|p| !p.is_empty()),
                description: Some(typed.description.clone()).filter(|d| !d.is_empty()),
                buyer_reference: Some(typed.buyer_reference.clone()).filter(|d| !d.is_empty()),
                order_reference: Some(typed.order_reference.clone()).filter(|d| !d.is_empty()),
            })
        }
        _ => None,
    };
    FileLine {
        number,
        typed,
        row,
        errors,
    }
}

/// The lines of one invoice must agree (customer, dates, KID, PDF, paid), name each VAT rate
/// once, and not be paid more than their total. A disagreeing line names the invoice's first.
fn across(lines: &mut [FileLine]) {
    let mut by_number: BTreeMap<i64, Vec<usize>> = BTreeMap::new();
    for (i, l) in lines.iter().enumerate() {
        if let Some(r) = &l.row {
            by_number.entry(r.invoice_number).or_default().push(i);
        }
    }
    for idx in by_number.values() {
        let first = lines[idx[0]].row.clone().expect("grouped rows are read");
        let first_line = lines[idx[0]].number;
        let mut rates = vec![first.rate_bp];
        let mut paid = first.paid_ore;
        let mut total = first.total_ore;
        for &i in &idx[1..] {
            let r = lines[i].row.clone().expect("grouped rows are read");
            let same = r.customer == first.customer
                && r.issue_date == first.issue_date
                && r.due_date == first.due_date
                && r.kid == first.kid
                && r.buyer_reference == first.buyer_reference
                && r.order_reference == first.order_reference
                && (r.pdf.is_none() || first.pdf.is_none() || r.pdf == first.pdf)
                && (r.paid_ore.is_none() || paid.is_none() || r.paid_ore == paid);
            if !same {
                lines[i]
                    .errors
                    .push(Msg::new("earlier-import-disagrees").arg("line", first_line));
            }
            if rates.contains(&r.rate_bp) {
                lines[i]
                    .errors
                    .push(Msg::new("earlier-import-rate-twice").arg("line", first_line));
            }
            rates.push(r.rate_bp);
            paid = paid.or(r.paid_ore);
            total += r.total_ore;
        }
        if let Some(p) = paid
            && p > total
        {
            let at = idx
                .iter()
                .copied()
                .find(|&i| lines[i].row.as_ref().is_some_and(|r| r.paid_ore.is_some()))
                .unwrap_or(idx[0]);
            lines[at]
                .errors
                .push(Msg::new("earlier-import-paid-too-much"));
        }
    }
    for l in lines.iter_mut() {
        if !l.errors.is_empty() {
            l.row = None;
        }
    }
}

/// An invoice of the file: its lines (indexes into the file's lines, all good), in file order.
#[derive(Clone, Debug)]
pub struct Invoice {
    pub number: i64,
    pub lines: Vec<usize>,
}

/// The file's invoices, by their first line, when every line is good.
pub fn invoices(lines: &[FileLine]) -> Vec<Invoice> {
    let mut out: Vec<Invoice> = Vec::new();
    for (i, l) in lines.iter().enumerate() {
        let Some(r) = &l.row else { continue };
        match out.iter_mut().find(|x| x.number == r.invoice_number) {
            Some(x) => x.lines.push(i),
            None => out.push(Invoice {
                number: r.invoice_number,
                lines: vec![i],
            }),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(l: &FileLine) -> Vec<&'static str> {
        l.errors.iter().map(|m| m.key).collect()
    }

    const HEADER: &str =
        "Fakturanr;Kundenr;Fakturadato;Forfallsdato;MVA-sats;Netto;MVA;Total;KID;Betalt;PDF\r\n";

    #[test]
    fn reads_an_invoice_over_two_rates() {
        let file = format!(
            "\u{feff}{HEADER}1045;10001;01.11.2025;2025-11-15;25;1 000,00;250,00;1250,00;0000100010453;;f1045.pdf\r\n\
             1045;10001;01.11.2025;2025-11-15;15 %;100;15;115;0000100010453;100,00;\r\n\r\n"
        );
        let lines = read(file.as_bytes()).unwrap();
        assert_eq!(lines.len(), 2);
        assert!(lines.iter().all(|l| l.errors.is_empty()), "{lines:?}");
        let r = lines[0].row.as_ref().unwrap();
        assert_eq!(r.invoice_number, 1045);
        assert_eq!(r.customer, CustomerRef::Number(10001));
        assert_eq!(r.net_ore, 100_000);
        assert_eq!(r.vat_ore, 25_000);
        assert_eq!(r.pdf.as_deref(), Some("f1045.pdf"));
        assert_eq!(lines[1].number, 3);
        assert_eq!(lines[1].row.as_ref().unwrap().rate_bp, 1500);
        let inv = invoices(&lines);
        assert_eq!(inv.len(), 1);
        assert_eq!(inv[0].lines, vec![0, 1]);
    }

    #[test]
    fn names_every_bad_field() {
        let file = format!(
            "{HEADER}A12;x;31.02.2025;2025-01-01;11;12,345;0;5;123;;f.txt\n\
             7;;2025-02-01;2025-01-01;25;100;24;124;;;\n\
             8;10001;2025-02-01;2025-03-01;25;100;25;126;;;\n\
             8;10001;2025-02-01;2025-03-01;25;100;25;125;;200;\n"
        );
        let lines = read(file.as_bytes()).unwrap();
        assert_eq!(
            keys(&lines[0]),
            vec![
                "earlier-import-number-invalid",
                "earlier-import-customer-number-invalid",
                "earlier-import-issue-date-invalid",
                "earlier-import-rate-invalid",
                "earlier-import-net-invalid",
                "earlier-import-kid-invalid",
                "earlier-import-pdf-name",
            ]
        );
        assert_eq!(
            keys(&lines[1]),
            vec![
                "earlier-import-customer-missing",
                "earlier-import-due-before-issue",
                "earlier-import-vat-wrong",
            ]
        );
        assert_eq!(keys(&lines[2]), vec!["earlier-import-total-wrong"]);
        assert_eq!(keys(&lines[3]), vec!["earlier-import-paid-too-much"]);
        assert!(lines.iter().all(|l| l.row.is_none()));
    }

    #[test]
    fn lines_of_one_invoice_must_agree() {
        let file = format!(
            "{HEADER}9;10001;2025-02-01;2025-03-01;25;100;25;125;;;\n\
             9;10002;2025-02-01;2025-03-01;15;100;15;115;;;\n\
             9;10001;2025-02-01;2025-03-01;25;100;25;125;;;\n"
        );
        let lines = read(file.as_bytes()).unwrap();
        assert!(lines[0].errors.is_empty());
        assert_eq!(keys(&lines[1]), vec!["earlier-import-disagrees"]);
        assert_eq!(keys(&lines[2]), vec!["earlier-import-rate-twice"]);
    }

    #[test]
    fn an_organisation_number_or_a_missing_column() {
        let file = "fakturanr,orgnr,fakturadato,forfallsdato,mva_sats,netto,mva,total\n\
                    3,974 760 673,2025-02-01,2025-03-01,0,100,0,100\n";
        let lines = read(file.as_bytes()).unwrap();
        let r = lines[0].row.as_ref().unwrap();
        assert_eq!(r.customer, CustomerRef::OrgNumber("974760673".into()));
        assert_eq!(r.vat(), Vat::ZeroRated);
        assert_eq!(
            read(b"fakturanr;kundenr;fakturadato\n1;2;2025-01-01\n").unwrap_err(),
            FileError::MissingColumn("forfallsdato")
        );
        assert_eq!(read(b"").unwrap_err(), FileError::Empty);
    }
}
