//! The payroll export's pages, for admins and managers (the roles that run payroll and may see
//! national identity numbers, `workers::national_id::may_reveal`), firm-wide: the period's
//! preview (`/payroll`: totals per worker, what was sent before and what changed since), the
//! export itself (`POST /payroll/export`, the file as the answer) and an earlier export's file
//! again (`/payroll/exports/{id}.csv`).

use std::collections::BTreeMap;

use askama::Template;
use askama_web::WebTemplate;
use axum::{
    extract::{Path, Query, State},
    http::{StatusCode, header},
    response::{IntoResponse, Redirect, Response},
};
use axum_extra::extract::Form;
use serde::Deserialize;
use time::{Date, Duration};

use super::{lines::Difference, model::decimal, run, store};
use crate::{
    AppError, AppState, Result,
    auth::Staff,
    error::{FieldErrors, Msg},
    files::names::content_disposition,
    i18n::Lang,
    money::format_kr,
    timefmt::{
        self,
        when::{date_string, parse_date},
    },
    web::{Chrome, form::field_messages},
    workers::national_id::may_reveal,
};

/// At most this many workers' totals on the page (the file holds them all).
const SHOWN_WORKERS: usize = 500;
/// The longest period, in days.
const MAX_DAYS: i64 = 366;

fn require(user: &Staff) -> Result<()> {
    if may_reveal(user.role) {
        Ok(())
    } else {
        Err(AppError::Forbidden)
    }
}

/// The period as typed.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default)]
pub struct PeriodForm {
    pub from: String,
    pub to: String,
    pub nothing: Option<String>,
}

impl PeriodForm {
    /// Last month, the usual payroll period.
    fn last_month() -> Self {
        let today = timefmt::when::oslo_date(timefmt::now());
        let first = today.replace_day(1).unwrap_or(today);
        let last = first - Duration::days(1);
        let start = Date::from_calendar_date(last.year(), last.month(), 1).unwrap_or(last);
        Self {
            from: date_string(start),
            to: date_string(last),
            nothing: None,
        }
    }

    pub fn parse(&self) -> Result<(String, String), FieldErrors> {
        let mut e = FieldErrors::default();
        let date = |s: &str| parse_date(s).filter(|_| s.trim().len() == 10);
        let from = date(&self.from);
        let to = date(&self.to);
        if from.is_none() {
            e.add("from", Msg::new("payroll-date-invalid"));
        }
        if to.is_none() {
            e.add("to", Msg::new("payroll-date-invalid"));
        }
        if let (Some(f), Some(t)) = (from, to) {
            if t < f {
                e.add("to", Msg::new("payroll-period-backwards"));
            } else if (t - f).whole_days() >= MAX_DAYS {
                e.add("to", Msg::new("payroll-period-too-long"));
            }
            if e.is_empty() {
                return Ok((date_string(f), date_string(t)));
            }
        }
        Err(e)
    }
}

/// A worker's totals in the preview.
pub struct WorkerTotal {
    pub employee_number: String,
    pub name: String,
    pub lines: usize,
    pub hours: String,
    pub pay: String,
    pub expenses: String,
}

/// A difference as shown.
pub struct DiffRow {
    pub name: String,
    pub period: String,
    pub item: String,
    pub sent: String,
    pub now: String,
}

pub struct Preview {
    pub new_lines: usize,
    pub workers: Vec<WorkerTotal>,
    pub worker_count: usize,
    pub pay: String,
    pub expenses: String,
    pub sent_unchanged: String,
    pub exports: Vec<store::Export>,
    pub differences: Vec<DiffRow>,
    pub unmapped: Vec<String>,
    pub repriced: Option<String>,
    pub not_approved: Option<String>,
    pub more_workers: Option<String>,
}

#[derive(Template, WebTemplate)]
#[template(path = "payroll/export.html")]
pub struct ExportView {
    lang: Lang,
    chrome: Chrome,
    form: PeriodForm,
    errors: FieldErrors,
    preview: Option<Preview>,
    nothing: bool,
}

impl ExportView {
    fn errs(&self, field: &str) -> Vec<String> {
        field_messages(&self.errors, self.lang, field)
    }
    fn when(&self, e: &store::Export) -> String {
        timefmt::oslo_datetime(e.created_at)
    }
    fn kr(&self, ore: impl std::borrow::Borrow<i64>) -> String {
        format_kr(*ore.borrow())
    }
}

fn hours(item: &str) -> bool {
    item == "normal" || item.starts_with("overtime:")
}

fn line_text(l: &store::SentLine) -> String {
    format!(
        "{} × {} = {}",
        decimal(l.quantity_milli, true),
        format_kr(l.rate_ore),
        format_kr(l.amount_ore)
    )
}

fn preview(p: run::Prepared, exports: Vec<store::Export>, lang: Lang) -> Preview {
    let b = &p.built;
    // By (employee number, name, worker id): lines, hours (thousandths), pay, reimbursements.
    type Totals = (usize, i64, i64, i64);
    let mut per: BTreeMap<(String, String, i64), Totals> = BTreeMap::new();
    for l in &b.new {
        let w = p.workers.get(&l.worker_id);
        let key = (
            w.and_then(|w| w.employee_number.clone())
                .unwrap_or_default(),
            w.map(|w| w.name.clone()).unwrap_or_default(),
            l.worker_id,
        );
        let e = per.entry(key).or_default();
        e.0 += 1;
        if hours(&l.item) {
            e.1 += l.quantity_milli;
        }
        if l.tax_free != 0 {
            e.3 += l.amount_ore;
        } else {
            e.2 += l.amount_ore;
        }
    }
    let worker_count = per.len();
    let count = |key: &str, n: usize| (n > 0).then(|| lang.t_count(key, n as i64));
    let workers = per
        .into_iter()
        .take(SHOWN_WORKERS)
        .map(
            |((employee_number, name, _), (lines, h, pay, exp))| WorkerTotal {
                employee_number,
                name,
                lines,
                hours: decimal(h, true),
                pay: format_kr(pay),
                expenses: format_kr(exp),
            },
        )
        .collect();
    let sum = |tax_free: bool| {
        b.new
            .iter()
            .filter(|l| (l.tax_free != 0) == tax_free)
            .map(|l| l.amount_ore)
            .sum::<i64>()
    };
    let differences = b
        .differences
        .iter()
        .map(|d: &Difference| DiffRow {
            name: p
                .workers
                .get(&d.sent.worker_id)
                .map(|w| w.name.clone())
                .unwrap_or_default(),
            period: format!("{} – {}", d.sent.period_start, d.sent.period_end),
            item: d.sent.item_name.clone(),
            sent: line_text(&d.sent),
            now: match &d.now {
                Some(n) => line_text(n),
                None if d.status == "approved" => lang.t("payroll-diff-gone"),
                None => lang.t_with(
                    "payroll-diff-reopened",
                    &[("status", lang.t(&format!("timesheet-status-{}", d.status)))],
                ),
            },
        })
        .collect();
    Preview {
        new_lines: b.new.len(),
        workers,
        worker_count,
        pay: format_kr(sum(false)),
        expenses: format_kr(sum(true)),
        sent_unchanged: lang.t_count("payroll-sent-unchanged", b.sent_unchanged as i64),
        exports,
        differences,
        unmapped: b.unmapped.clone(),
        repriced: count("payroll-repriced", b.repriced.len()),
        not_approved: count("payroll-not-approved", b.not_approved),
        more_workers: count(
            "payroll-more-workers",
            worker_count.saturating_sub(SHOWN_WORKERS),
        ),
    }
}

/// GET /payroll?from=&to=
#[tracing::instrument(skip_all, fields(user_id = user.id))]
pub async fn page(
    State(state): State<AppState>,
    user: Staff,
    Query(form): Query<PeriodForm>,
) -> Result<Response> {
    require(&user)?;
    let form = if form.from.is_empty() && form.to.is_empty() {
        PeriodForm::last_month()
    } else {
        form
    };
    let nothing = form.nothing.is_some();
    let (errors, preview) = match form.parse() {
        Ok((from, to)) => {
            let p = run::prepare(&state.db, &from, &to, user.lang).await?;
            let exports = store::exports_overlapping(&state.db, &from, &to).await?;
            (FieldErrors::default(), Some(preview(p, exports, user.lang)))
        }
        Err(e) => (e, None),
    };
    let status = if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    let view = ExportView {
        lang: user.lang,
        chrome: Chrome::new(&user, "payroll"),
        form,
        errors,
        preview,
        nothing,
    };
    Ok((status, view).into_response())
}

fn csv_response(name: &str, bytes: Vec<u8>) -> Response {
    (
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_string()),
            (
                header::CONTENT_DISPOSITION,
                content_disposition(name, false),
            ),
            (header::CACHE_CONTROL, "private, no-store".to_string()),
        ],
        bytes,
    )
        .into_response()
}

fn file_name(from: &str, to: &str, id: i64) -> String {
    format!("lonn-{from}-{to}-{id}.csv")
}

/// POST /payroll/export: the new lines' file; back to the page when there is none.
#[tracing::instrument(skip_all, fields(user_id = user.id))]
pub async fn export(
    State(state): State<AppState>,
    user: Staff,
    Form(form): Form<PeriodForm>,
) -> Result<Response> {
    require(&user)?;
    let (from, to) = form.parse().map_err(AppError::Invalid)?;
    match run::export(&state.db, &state.data_key, user.id, &from, &to, user.lang).await? {
        Some((id, bytes)) => Ok(csv_response(&file_name(&from, &to, id), bytes)),
        None => {
            Ok(Redirect::to(&format!("/payroll?from={from}&to={to}&nothing=1")).into_response())
        }
    }
}

/// GET /payroll/exports/{id}.csv: an earlier export's file again (audited).
#[tracing::instrument(skip_all, fields(user_id = user.id))]
pub async fn download(
    State(state): State<AppState>,
    user: Staff,
    Path(name): Path<String>,
) -> Result<Response> {
    require(&user)?;
    let id: i64 = name
        .strip_suffix(".csv")
        .and_then(|n| n.parse().ok())
        .ok_or(AppError::NotFound)?;
    let (e, bytes) = run::download(&state.db, &state.data_key, user.id, id).await?;
    Ok(csv_response(
        &file_name(&e.from_date, &e.to_date, e.id),
        bytes,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form(from: &str, to: &str) -> PeriodForm {
        PeriodForm {
            from: from.into(),
            to: to.into(),
            nothing: None,
        }
    }

    #[test]
    fn a_period_is_two_dates_in_order_within_a_year() {
        assert_eq!(
            form("2026-12-01", "2026-12-31").parse().unwrap(),
            ("2026-12-01".into(), "2026-12-31".into())
        );
        assert!(
            form("1.12.2026", "2026-12-31")
                .parse()
                .unwrap_err()
                .get("from")
                .is_some()
        );
        assert!(
            form("2026-12-31", "2026-12-01")
                .parse()
                .unwrap_err()
                .get("to")
                .is_some()
        );
        assert!(
            form("2025-01-01", "2026-12-31")
                .parse()
                .unwrap_err()
                .get("to")
                .is_some()
        );
        let m = PeriodForm::last_month();
        assert!(m.parse().is_ok());
    }
}
