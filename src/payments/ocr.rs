//! Nets OCR giro files (BBS format; Nets' "OCR giro — system specification"): records of 80
//! characters, each starting with the format code `NY`, a service code, a transaction or
//! assignment type and a record type:
//!
//! - `10` transmission start (service `00`): data transmitter, transmission number, recipient;
//! - `20` assignment start (service `09`): agreement id, assignment number, account;
//! - `30` amount item 1: transaction number (9–15), Nets date DDMMYY (16–21), centre (22–23),
//!   day code (24–25), partial settlement number (26) and serial (27–31), sign `-` or `0` (32),
//!   amount in øre (33–49), KID right-aligned (50–74), card number (75–76), filler;
//! - `31` amount item 2: transaction number, form number (16–25), archive reference (26–34),
//!   filler (35–41), bank date (42–47), debit account (48–58), filler;
//! - `32` amount item 3 (transaction types 20 and 21): free text (16–55);
//! - `88` assignment end: transactions (9–16), records (17–24), sum in øre (25–41), dates;
//! - `89` transmission end: transactions, records, sum, Nets date.
//!
//! Transaction types 10–21; 18 (reversal with KID) and 20 (reversal with text) take the money
//! back, so their amount is read negative. A file that breaks the structure or whose counts and
//! sums disagree is refused, naming the record (1-based), and nothing of it is used.

use time::{Date, Month};

/// A payment as read from a file (OCR or camt.054).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FilePayment {
    /// Where in the file: the record number (OCR) or the entry number (camt.054), 1-based.
    pub line: u64,
    /// Øre; negative for a reversal.
    pub amount_ore: i64,
    /// `YYYY-MM-DD`.
    pub paid_on: String,
    pub kid: Option<String>,
    pub payer: Option<String>,
    pub reference: Option<String>,
    pub reversal: bool,
}

/// Why a file was refused: the record (or entry) and what is wrong there.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FileError {
    pub line: u64,
    pub what: &'static str,
}

impl FileError {
    fn at(line: u64, what: &'static str) -> Self {
        Self { line, what }
    }
}

/// Reversal transaction types (with KID, with text).
pub fn is_reversal(transaction_type: u32) -> bool {
    matches!(transaction_type, 18 | 20)
}

fn digits(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit())
}

fn number(
    rec: &str,
    from: usize,
    to: usize,
    line: u64,
    what: &'static str,
) -> Result<u64, FileError> {
    let s = &rec[from - 1..to];
    if !digits(s) {
        return Err(FileError::at(line, what));
    }
    s.parse().map_err(|_| FileError::at(line, what))
}

/// DDMMYY (a two-digit year is 2000–2099) as `YYYY-MM-DD`.
fn date(s: &str) -> Option<String> {
    if s.len() != 6 || !digits(s) {
        return None;
    }
    let d: u8 = s[0..2].parse().ok()?;
    let m: u8 = s[2..4].parse().ok()?;
    let y: i32 = 2000 + s[4..6].parse::<i32>().ok()?;
    let date = Date::from_calendar_date(y, Month::try_from(m).ok()?, d).ok()?;
    Some(crate::timefmt::when::date_string(date))
}

struct Assignment {
    transactions: u64,
    records: u64,
    sum: i128,
}

/// Reads an OCR giro file. Lines may end in `\n` or `\r\n`; blank lines at the end are ignored.
pub fn parse(text: &str) -> Result<Vec<FilePayment>, FileError> {
    let records: Vec<&str> = text
        .trim_end_matches(['\r', '\n', ' '])
        .split('\n')
        .map(|l| l.strip_suffix('\r').unwrap_or(l))
        .collect();
    if records.len() == 1 && records[0].is_empty() {
        return Err(FileError::at(1, "ocr-empty"));
    }
    let mut out: Vec<FilePayment> = Vec::new();
    let mut assignment: Option<Assignment> = None;
    let mut transmission_started = false;
    let mut transmission_ended = false;
    let (mut all_transactions, mut all_sum) = (0u64, 0i128);
    // The transaction an amount item 2 or 3 belongs to: (number, type).
    let mut current: Option<(u64, u32)> = None;
    for (i, rec) in records.iter().enumerate() {
        let line = i as u64 + 1;
        if rec.len() != 80 || !rec.is_ascii() {
            return Err(FileError::at(line, "ocr-length"));
        }
        if transmission_ended {
            return Err(FileError::at(line, "ocr-after-end"));
        }
        if &rec[0..2] != "NY" {
            return Err(FileError::at(line, "ocr-format-code"));
        }
        let service = &rec[2..4];
        let kind = &rec[4..6];
        let record_type = &rec[6..8];
        match record_type {
            "10" => {
                if transmission_started || service != "00" || kind != "00" {
                    return Err(FileError::at(line, "ocr-structure"));
                }
                transmission_started = true;
            }
            "20" => {
                if !transmission_started || assignment.is_some() {
                    return Err(FileError::at(line, "ocr-structure"));
                }
                if service != "09" || kind != "00" {
                    return Err(FileError::at(line, "ocr-not-ocr-giro"));
                }
                assignment = Some(Assignment {
                    transactions: 0,
                    records: 1,
                    sum: 0,
                });
                current = None;
            }
            "30" | "31" | "32" => {
                let Some(a) = assignment.as_mut() else {
                    return Err(FileError::at(line, "ocr-structure"));
                };
                if service != "09" {
                    return Err(FileError::at(line, "ocr-not-ocr-giro"));
                }
                let ttype: u32 = match kind.parse() {
                    Ok(t) if (10..=21).contains(&t) && digits(kind) => t,
                    _ => return Err(FileError::at(line, "ocr-transaction-type")),
                };
                let tnumber = number(rec, 9, 15, line, "ocr-transaction-number")?;
                a.records += 1;
                if record_type == "30" {
                    let nets_date = date(&rec[15..21]).ok_or(FileError::at(line, "ocr-date"))?;
                    let sign = &rec[31..32];
                    if sign != "-" && sign != "0" {
                        return Err(FileError::at(line, "ocr-amount"));
                    }
                    let amount = number(rec, 33, 49, line, "ocr-amount")?;
                    let amount =
                        i64::try_from(amount).map_err(|_| FileError::at(line, "ocr-amount"))?;
                    let kid_field = &rec[49..74];
                    let kid = kid_field.trim_start();
                    if !kid_field.bytes().all(|b| b == b' ' || b.is_ascii_digit())
                        || kid.contains(' ')
                    {
                        return Err(FileError::at(line, "ocr-kid"));
                    }
                    let reversal = is_reversal(ttype);
                    let negative = reversal || sign == "-";
                    let signed = if negative { -amount } else { amount };
                    a.transactions += 1;
                    a.sum += i128::from(amount);
                    all_transactions += 1;
                    all_sum += i128::from(amount);
                    current = Some((tnumber, ttype));
                    out.push(FilePayment {
                        line,
                        amount_ore: signed,
                        paid_on: nets_date,
                        kid: (!kid.is_empty()).then(|| kid.to_string()),
                        payer: None,
                        reference: None,
                        reversal,
                    });
                } else {
                    if current != Some((tnumber, ttype)) {
                        return Err(FileError::at(line, "ocr-structure"));
                    }
                    let p = out.last_mut().expect("a transaction is current");
                    if record_type == "31" {
                        let archive = rec[25..34].trim_start_matches('0');
                        if !archive.is_empty() {
                            p.reference = Some(rec[25..34].to_string());
                        }
                        let account = &rec[47..58];
                        if account.bytes().any(|b| b != b'0') {
                            p.payer = Some(account.to_string());
                        }
                    } else {
                        let text = rec[15..55].trim();
                        if !text.is_empty() {
                            p.reference = Some(text.to_string());
                        }
                    }
                }
            }
            "88" => {
                let Some(a) = assignment.take() else {
                    return Err(FileError::at(line, "ocr-structure"));
                };
                let n = number(rec, 9, 16, line, "ocr-counts")?;
                let r = number(rec, 17, 24, line, "ocr-counts")?;
                let sum = number(rec, 25, 41, line, "ocr-sum")?;
                if n != a.transactions || r != a.records + 1 {
                    return Err(FileError::at(line, "ocr-counts"));
                }
                if i128::from(sum) != a.sum {
                    return Err(FileError::at(line, "ocr-sum"));
                }
                current = None;
            }
            "89" => {
                if !transmission_started || assignment.is_some() || service != "00" {
                    return Err(FileError::at(line, "ocr-structure"));
                }
                let n = number(rec, 9, 16, line, "ocr-counts")?;
                let r = number(rec, 17, 24, line, "ocr-counts")?;
                let sum = number(rec, 25, 41, line, "ocr-sum")?;
                if n != all_transactions || r != records.len() as u64 {
                    return Err(FileError::at(line, "ocr-counts"));
                }
                if i128::from(sum) != all_sum {
                    return Err(FileError::at(line, "ocr-sum"));
                }
                transmission_ended = true;
            }
            _ => return Err(FileError::at(line, "ocr-record-type")),
        }
    }
    if !transmission_ended {
        return Err(FileError::at(records.len() as u64, "ocr-no-end"));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    // Records built from the specification's field table, not from the parser.
    fn pad(s: String) -> String {
        assert!(s.len() <= 80, "{s}");
        format!("{s:0<80}")
    }
    fn start() -> String {
        pad(format!("NY000010{:08}{:07}{:08}", 100, 1, 8080))
    }
    fn a_start() -> String {
        pad(format!("NY090020{:09}{:07}{:011}", 1, 1, 86011117947u64))
    }
    fn tx(ttype: u32, n: u32, amount: i64, kid: &str) -> [String; 2] {
        [
            format!(
                "NY09{ttype:02}30{n:07}021226{:02}{:02}{:1}{:05}{}{:017}{kid:>25}{:06}",
                1, 1, 0, 0, "0", amount, 0
            ),
            pad(format!(
                "NY09{ttype:02}31{n:07}{:010}{:09}{:07}021226{:011}",
                0, 123456789, 0, 12345678903u64
            )),
        ]
    }
    fn a_end(n: u64, records: u64, sum: i64) -> String {
        pad(format!(
            "NY090088{n:08}{records:08}{sum:017}021226021226021226"
        ))
    }
    fn t_end(n: u64, records: u64, sum: i64) -> String {
        pad(format!("NY000089{n:08}{records:08}{sum:017}021226"))
    }

    fn file() -> Vec<String> {
        let mut r = vec![start(), a_start()];
        r.extend(tx(10, 1, 123_450, "12345678903"));
        r.extend(tx(18, 2, 50_000, "12345678903"));
        r.push(a_end(2, 6, 173_450));
        r.push(t_end(2, 8, 173_450));
        r
    }

    #[test]
    fn reads_payments_and_reversals() {
        let p = parse(&file().join("\r\n")).unwrap();
        assert_eq!(p.len(), 2);
        assert_eq!(p[0].amount_ore, 123_450);
        assert_eq!(p[0].kid.as_deref(), Some("12345678903"));
        assert_eq!(p[0].paid_on, "2026-12-02");
        assert_eq!(p[0].line, 3);
        assert_eq!(p[0].reference.as_deref(), Some("123456789"));
        assert!(!p[0].reversal);
        assert_eq!(p[1].amount_ore, -50_000);
        assert!(p[1].reversal);
    }

    #[test]
    fn refuses_bad_files_naming_the_record() {
        let mut f = file();
        f[4].replace_range(32..49, "0000000000000abcd");
        assert_eq!(parse(&f.join("\n")).unwrap_err().line, 5);
        let mut f = file();
        f[6] = a_end(2, 6, 999);
        assert_eq!(
            parse(&f.join("\n")).unwrap_err(),
            FileError::at(7, "ocr-sum")
        );
        let mut f = file();
        f[2].pop();
        assert_eq!(
            parse(&f.join("\n")).unwrap_err(),
            FileError::at(3, "ocr-length")
        );
        let mut f = file();
        f.pop();
        assert_eq!(parse(&f.join("\n")).unwrap_err().what, "ocr-no-end");
        let mut f = file();
        f[2].replace_range(15..21, "310226");
        assert_eq!(
            parse(&f.join("\n")).unwrap_err(),
            FileError::at(3, "ocr-date")
        );
        assert_eq!(parse("").unwrap_err().what, "ocr-empty");
    }
}
