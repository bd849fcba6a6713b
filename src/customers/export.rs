//! Export of the current filtered list to CSV (semicolon-separated, as Norwegian Excel expects)
//! and to Excel (.xlsx).

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
use crate::{
    AppError, AppState, Result,
    auth::Staff,
    error::Msg,
    files,
    i18n::{Lang, group_thousands},
    timefmt,
};

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

/// The most customers one export holds. The rows are built in memory (the spreadsheet writer
/// needs them all before it writes), so an export of a whole firm of a million prospects would
/// hold hundreds of megabytes; a list this long is narrowed with a filter first.
pub const EXPORT_LIMIT: i64 = 100_000;

/// The list's rows, at most [`EXPORT_LIMIT`] of them; more is refused with what to do instead.
async fn rows(state: &AppState, user: &Staff, params: &ListParams) -> Result<Vec<ListItem>> {
    let query = params.parse().map_err(AppError::Invalid)?;
    let visibility = Visibility::of(user, state.config.consultant_scope);
    // Counted first (the index alone), so a list too long is refused before its rows are read.
    let matches = list::count_up_to(&state.db, user, visibility, &query, EXPORT_LIMIT + 1).await?;
    if matches > EXPORT_LIMIT {
        return Err(AppError::BadRequest(
            Msg::new("customer-export-too-many")
                .arg("count", EXPORT_LIMIT)
                .arg("formatted", group_thousands(EXPORT_LIMIT)),
        ));
    }
    // The limit again: rows added since the count do not make the export longer.
    list::fetch_rows(&state.db, user, visibility, &query, Some((EXPORT_LIMIT, 0))).await
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
    let head: Vec<String> = COLUMNS.iter().map(|k| user.lang.t(k)).collect();
    let bytes = files::csv::write(Some(&head), items.iter().map(|i| row(i, user.lang)), true)?;
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
    let bytes = crate::ops::cpu::run(move || -> anyhow::Result<Vec<u8>> {
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
    .await??;
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
