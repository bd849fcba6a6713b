//! Export of the current filtered list to CSV (semicolon-separated, as Norwegian Excel expects)
//! and to Excel (.xlsx).

use std::borrow::Cow;

use axum::{
    extract::{Query, State},
    http::header,
    response::{IntoResponse, Response},
};
use rust_xlsxwriter::{Format, Workbook};

use super::{
    access::Visibility,
    list::{self, ListItem, ListParams},
    pages::{county_text, municipality_text, orgnr_text, status_key},
};
use crate::{AppError, AppState, Result, auth::Staff, i18n::Lang, timefmt};

const COLUMNS: [&str; 12] = [
    "customer-customer-number",
    "customer-name",
    "customer-org-number",
    "customer-status",
    "customer-city",
    "customer-municipality",
    "customer-county",
    "customer-industry-text",
    "customer-owner",
    "customer-department",
    "customer-email",
    "customer-phone",
];

fn row(item: &ListItem, lang: Lang) -> [String; 12] {
    [
        item.customer_number.to_string(),
        item.name.clone(),
        orgnr_text(&item.org_number),
        lang.t(status_key(&item.status)),
        item.city().to_string(),
        municipality_text(&item.municipality_no),
        county_text(&item.county_no),
        item.industry_text.clone().unwrap_or_default(),
        item.owner_name.clone().unwrap_or_default(),
        item.department_name.clone().unwrap_or_default(),
        item.email.clone().unwrap_or_default(),
        item.phone.clone().unwrap_or_default(),
    ]
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
pub fn csv_cell(value: &str) -> Cow<'_, str> {
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

async fn rows(state: &AppState, user: &Staff, params: &ListParams) -> Result<Vec<ListItem>> {
    let query = params.parse().map_err(AppError::Invalid)?;
    let visibility = Visibility::of(user, state.config.consultant_scope);
    list::fetch_rows(&state.db, user, visibility, &query, None).await
}

fn file_name(ext: &str) -> String {
    format!(
        "kunder-{}.{ext}",
        timefmt::oslo_date(timefmt::now()).replace('.', "-")
    )
}

/// GET /customers/export.csv
#[tracing::instrument(skip_all, fields(user_id = user.id))]
pub async fn csv(
    State(state): State<AppState>,
    user: Staff,
    Query(params): Query<ListParams>,
) -> Result<Response> {
    let items = rows(&state, &user, &params).await?;
    // A byte-order mark makes Excel read the file as UTF-8 (æ, ø, å).
    let bom = "\u{feff}".as_bytes().to_vec();
    let mut out = csv::WriterBuilder::new().delimiter(b';').from_writer(bom);
    let header: Vec<String> = COLUMNS.iter().map(|k| user.lang.t(k)).collect();
    out.write_record(&header).map_err(anyhow::Error::from)?;
    for item in &items {
        let cells = row(item, user.lang);
        out.write_record(cells.iter().map(|cell| csv_cell(cell).into_owned()))
            .map_err(anyhow::Error::from)?;
    }
    let bytes = out.into_inner().map_err(|e| anyhow::anyhow!("csv: {e}"))?;
    Ok((
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_string()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{}\"", file_name("csv")),
            ),
        ],
        bytes,
    )
        .into_response())
}

/// GET /customers/export.xlsx
#[tracing::instrument(skip_all, fields(user_id = user.id))]
pub async fn xlsx(
    State(state): State<AppState>,
    user: Staff,
    Query(params): Query<ListParams>,
) -> Result<Response> {
    let items = rows(&state, &user, &params).await?;
    let lang = user.lang;
    let bytes = tokio::task::spawn_blocking(move || -> anyhow::Result<Vec<u8>> {
        let mut book = Workbook::new();
        let sheet = book.add_worksheet();
        sheet.set_name(lang.t("nav-customers"))?;
        let bold = Format::new().set_bold();
        for (col, key) in COLUMNS.iter().enumerate() {
            sheet.write_string_with_format(0, col as u16, lang.t(key), &bold)?;
        }
        for (i, item) in items.iter().enumerate() {
            let r = (i + 1) as u32;
            sheet.write_number(r, 0, item.customer_number as f64)?;
            for (col, value) in row(item, lang).iter().enumerate().skip(1) {
                sheet.write_string(r, col as u16, value)?;
            }
        }
        sheet.set_freeze_panes(1, 0)?;
        sheet.autofilter(0, 0, items.len() as u32, (COLUMNS.len() - 1) as u16)?;
        sheet.set_column_width(1, 40)?;
        Ok(book.save_to_buffer()?)
    })
    .await
    .map_err(anyhow::Error::from)??;
    Ok((
        [
            (
                header::CONTENT_TYPE,
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet".to_string(),
            ),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{}\"", file_name("xlsx")),
            ),
        ],
        bytes,
    )
        .into_response())
}

#[cfg(test)]
mod tests {
    use super::csv_cell;

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
            assert_eq!(csv_cell(value), safe, "{value:?}");
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
            assert_eq!(csv_cell(value), value, "{value:?}");
        }
    }
}
