//! `/invoices/{id}/hours`: an invoice's (or credit note's) hours specification — per line made
//! from a timesheet the date, worker, hours, rate and amount — and the trail: the timesheet, who
//! approved it and when (the last approval before the invoice was made), and the credit note
//! that credited the line. Whoever sees the customer sees it.

use std::collections::HashMap;

use askama::Template;
use askama_web::WebTemplate;
use axum::{
    extract::{Path, State},
    response::{IntoResponse, Response},
};

use crate::{
    AppError, AppState, Result,
    auth::Staff,
    customers::access::{self, Need},
    i18n::Lang,
    invoices::store,
    money::format_kr,
    timefmt::oslo_datetime,
    web::Chrome,
};

#[derive(sqlx::FromRow)]
struct LineRow {
    description: String,
    work_date: Option<String>,
    quantity_milli: i64,
    unit_code: String,
    unit_price_ore: i64,
    line_net_ore: i64,
    timesheet_id: Option<i64>,
    worker_name: Option<String>,
    assignment_id: Option<i64>,
    period_start: Option<String>,
    period_end: Option<String>,
    credit_number: Option<i64>,
}

/// A line as shown.
pub struct HoursRow {
    pub date: String,
    pub worker: String,
    pub description: String,
    pub quantity: String,
    pub rate: String,
    pub amount: String,
    pub sheet: Option<(String, String)>,
    pub approved: String,
    pub credited: Option<String>,
}

#[derive(Template, WebTemplate)]
#[template(path = "invoices/run/hours.html")]
pub struct HoursView {
    lang: Lang,
    chrome: Chrome,
    invoice_id: i64,
    title: String,
    customer_id: i64,
    customer_name: String,
    rows: Vec<HoursRow>,
    total_hours: String,
    total: String,
}

/// Thousandths as a decimal with a comma, as the invoice shows quantities: `7500` → `7,5`.
fn decimal(milli: i64) -> String {
    let sign = if milli < 0 { "-" } else { "" };
    let m = milli.abs();
    let whole = m / 1000;
    let frac = m % 1000;
    if frac == 0 {
        format!("{sign}{whole}")
    } else {
        let f = format!("{frac:03}");
        format!("{sign}{whole},{}", f.trim_end_matches('0'))
    }
}

/// GET /invoices/{id}/hours
#[tracing::instrument(skip_all, fields(user_id = user.id))]
pub async fn page(
    State(state): State<AppState>,
    user: Staff,
    Path(id): Path<i64>,
) -> Result<Response> {
    let invoice = store::get(&state.db, id).await?.ok_or(AppError::NotFound)?;
    let customer = access::load(&state, &user, invoice.customer_id, Need::See).await?;
    let lines: Vec<LineRow> = sqlx::query_as(
        "SELECT l.description, l.work_date, l.quantity_milli, l.unit_code, l.unit_price_ore, \
         l.line_net_ore, l.timesheet_id, w.name AS worker_name, t.assignment_id, \
         t.period_start, t.period_end, cr.number AS credit_number \
         FROM invoice_lines l LEFT JOIN workers w ON w.id = l.worker_id \
         LEFT JOIN timesheets t ON t.id = l.timesheet_id \
         LEFT JOIN invoice_lines cl ON cl.credited_line_id = l.id \
         LEFT JOIN invoices cr ON cr.id = cl.invoice_id \
         WHERE l.invoice_id = $1 AND l.timesheet_id IS NOT NULL ORDER BY l.position, l.id",
    )
    .bind(id)
    .fetch_all(&state.db.pool)
    .await?;
    // Each sheet's approvals (contact and time), newest last.
    let mut approvals: HashMap<i64, Vec<(i64, String)>> = HashMap::new();
    let mut sheets: Vec<i64> = lines.iter().filter_map(|l| l.timesheet_id).collect();
    sheets.sort_unstable();
    sheets.dedup();
    for chunk in sheets.chunks(500) {
        let mut sql = crate::db::Sql::new(
            "SELECT e.timesheet_id, e.at, COALESCE(c.first_name || ' ' || c.last_name, '') \
             FROM timesheet_events e LEFT JOIN contacts c ON c.id = e.contact_id \
             WHERE e.action = 'approved' AND e.timesheet_id IN (",
        );
        sql.bind_list(chunk.iter().copied())
            .push(") ORDER BY e.at, e.id");
        let rows: Vec<(i64, i64, String)> = sql.query_as().fetch_all(&state.db.pool).await?;
        for (sheet, at, name) in rows {
            approvals.entry(sheet).or_default().push((at, name));
        }
    }
    let lang = user.lang;
    let approved = |sheet: i64| -> String {
        approvals
            .get(&sheet)
            .and_then(|a| a.iter().rev().find(|(at, _)| *at <= invoice.created_at))
            .map(|(at, name)| {
                lang.t_with(
                    "invoice-hours-approved-by",
                    &[("name", name.clone()), ("when", oslo_datetime(*at))],
                )
            })
            .unwrap_or_else(|| lang.t("invoice-hours-approval-unknown"))
    };
    let total_hours: i64 = lines
        .iter()
        .filter(|l| l.unit_code == "HUR")
        .map(|l| l.quantity_milli)
        .sum();
    let total: i64 = lines.iter().map(|l| l.line_net_ore).sum();
    let rows = lines
        .iter()
        .map(|l| HoursRow {
            date: l.work_date.clone().unwrap_or_default(),
            worker: l.worker_name.clone().unwrap_or_default(),
            description: l.description.clone(),
            quantity: format!("{} {}", decimal(l.quantity_milli), unit(lang, &l.unit_code)),
            rate: format_kr(l.unit_price_ore),
            amount: format_kr(l.line_net_ore),
            sheet: match (l.assignment_id, l.timesheet_id) {
                (Some(a), Some(t)) => Some((
                    format!(
                        "/customers/{}/assignments/{a}/timesheets/{t}",
                        invoice.customer_id
                    ),
                    format!(
                        "{} – {}",
                        l.period_start.clone().unwrap_or_default(),
                        l.period_end.clone().unwrap_or_default()
                    ),
                )),
                _ => None,
            },
            approved: l.timesheet_id.map(&approved).unwrap_or_default(),
            credited: l
                .credit_number
                .map(|n| lang.t_with("invoice-hours-credited", &[("number", n.to_string())])),
        })
        .collect();
    let title = match (invoice.kind.as_str(), invoice.number) {
        ("credit_note", Some(n)) => {
            lang.t_with("invoice-hours-title-credit", &[("number", n.to_string())])
        }
        (_, Some(n)) => lang.t_with("invoice-hours-title", &[("number", n.to_string())]),
        _ => lang.t("invoice-hours-title-draft"),
    };
    let view = HoursView {
        lang,
        chrome: Chrome::new(&user, "invoices"),
        invoice_id: id,
        title,
        customer_id: customer.id,
        customer_name: customer.name,
        rows,
        total_hours: decimal(total_hours),
        total: format_kr(total),
    };
    Ok(view.into_response())
}

fn unit(lang: Lang, code: &str) -> String {
    match code {
        "HUR" => lang.t("invoice-hours-unit-hours"),
        "KMT" => lang.t("invoice-hours-unit-km"),
        _ => lang.t("invoice-hours-unit-pieces"),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn decimals_with_a_comma() {
        assert_eq!(super::decimal(7500), "7,5");
        assert_eq!(super::decimal(8000), "8");
        assert_eq!(super::decimal(-1250), "-1,25");
    }
}
