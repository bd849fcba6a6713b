//! CSV out, as Norwegian spreadsheets read it: semicolon-separated, UTF-8 (with a byte-order
//! mark when asked, so Excel reads æ, ø, å), every cell made safe to open ([`cell`]). The
//! customer list's export and the payroll file write through here; reading a CSV file, the
//! separator its header uses ([`separator`]) and a record's line ([`line_at`]).

use std::borrow::Cow;

/// The rows (and a header row) as a semicolon-separated file, each cell through [`cell`].
pub fn write<R, C>(
    header: Option<&[String]>,
    rows: impl IntoIterator<Item = R>,
    bom: bool,
) -> crate::Result<Vec<u8>>
where
    R: IntoIterator<Item = C>,
    C: AsRef<str>,
{
    let start = if bom {
        "\u{feff}".as_bytes().to_vec()
    } else {
        Vec::new()
    };
    let mut out = csv::WriterBuilder::new().delimiter(b';').from_writer(start);
    if let Some(h) = header {
        out.write_record(h.iter().map(|c| cell(c).into_owned()))
            .map_err(anyhow::Error::from)?;
    }
    for r in rows {
        out.write_record(r.into_iter().map(|c| cell(c.as_ref()).into_owned()))
            .map_err(anyhow::Error::from)?;
    }
    Ok(out.into_inner().map_err(|e| anyhow::anyhow!("csv: {e}"))?)
}

/// Makes a CSV cell safe to open in a spreadsheet ("CSV injection", OWASP): Excel, LibreOffice
/// and Google Sheets treat a cell that starts with `=`, `+`, `-` or `@` as a formula (which can
/// call `HYPERLINK`, `WEBSERVICE` or DDE), and some strip a leading tab or carriage return first.
/// Such a cell gets a single quote in front, so it is shown as the text it is.
///
/// The rule keeps one kind of value as it is: a value that is entirely one number — an optional
/// sign, digits, and at most one decimal point or comma followed by digits (`-12`, `-1,5`, an
/// E.164 phone number `+4791234567`). A spreadsheet reads that as the number it is; it cannot
/// compute or call anything. Everything else that starts with one of those characters is quoted,
/// including arithmetic such as `-2+3` and phone numbers written with spaces (`+47 912 34 567`),
/// which a spreadsheet would otherwise evaluate.
pub fn cell(value: &str) -> Cow<'_, str> {
    let risky = value.starts_with(['=', '+', '-', '@', '\t', '\r']);
    if risky && !is_plain_number(value) {
        Cow::Owned(format!("'{value}"))
    } else {
        Cow::Borrowed(value)
    }
}

/// `[+-]digits[(.|,)digits]`, nothing else.
fn is_plain_number(value: &str) -> bool {
    let unsigned = value.strip_prefix(['+', '-']).unwrap_or(value);
    let (whole, fraction) = match unsigned.split_once(['.', ',']) {
        Some((whole, fraction)) => (whole, Some(fraction)),
        None => (unsigned, None),
    };
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    digits(whole) && fraction.is_none_or(digits)
}

/// `;` when the header row has one (outside quotes), else `,`.
pub fn separator(text: &str) -> u8 {
    let header = text.lines().next().unwrap_or_default();
    let mut quoted = false;
    for c in header.chars() {
        match c {
            '"' => quoted = !quoted,
            ';' if !quoted => return b';',
            _ => {}
        }
    }
    b','
}

/// The 1-based line of the first field at or after the byte offset `at` in `text` (the reader
/// may place a record at the line break before it).
pub fn line_at(text: &str, at: u64) -> u64 {
    let bytes = text.as_bytes();
    let mut at = usize::try_from(at).unwrap_or(usize::MAX).min(bytes.len());
    while at < bytes.len() && matches!(bytes[at], b'\r' | b'\n') {
        at += 1;
    }
    bytes[..at].iter().filter(|b| **b == b'\n').count() as u64 + 1
}

#[cfg(test)]
mod tests {
    use super::cell;

    #[test]
    fn formula_starts_are_quoted() {
        for (value, safe) in [
            (
                "=HYPERLINK(\"http://evil.example\",\"x\")",
                "'=HYPERLINK(\"http://evil.example\",\"x\")",
            ),
            ("=cmd|' /C calc'!A0", "'=cmd|' /C calc'!A0"),
            ("+SUM(A1:A2)", "'+SUM(A1:A2)"),
            ("@SUM(A1)", "'@SUM(A1)"),
            ("-2+3", "'-2+3"),
            ("\t=1+1", "'\t=1+1"),
            ("\r=1+1", "'\r=1+1"),
            ("+47 912 34 567", "'+47 912 34 567"),
            ("-", "'-"),
            ("+1,", "'+1,"),
            ("-1.2.3", "'-1.2.3"),
        ] {
            assert_eq!(cell(value), safe, "{value:?}");
        }
    }

    #[test]
    fn plain_numbers_and_ordinary_text_stay() {
        for value in [
            "+4791234567",
            "-12",
            "-1,5",
            "+0.25",
            "10001",
            "Nordlys Elektro AS",
            "974 760 673",
            "post@nordlys.no",
            "Ås = Akershus",
            "",
        ] {
            assert_eq!(cell(value), value, "{value:?}");
        }
    }
}
