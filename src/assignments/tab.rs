//! The card's Assignments tab: current, upcoming and ended assignments, who works there, each
//! with its compliance light and margin, and this month's timesheets: the state of each week
//! begun (missing, draft, submitted, approved, rejected, each a link to the sheet) and the hours
//! reported. The sheets of all the customer's assignments come in one query.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Path, State};

use super::{
    evaluate::{Evaluation, Subject, evaluate_all},
    store::{self, Assignment},
};
use time::Date;

use crate::{
    AppState, Result,
    auth::Staff,
    customers::card::CardHead,
    i18n::Lang,
    money::{format_kr, format_share},
    timefmt::{
        date_text, now,
        when::{date_string, oslo_date, parse_date},
    },
    timesheets::{
        period::{Period, month_of, periods_in_month},
        store::{MonthSummary, WeekSheet, month_for_customer},
    },
    web::Chrome,
};

pub struct Row {
    pub a: Assignment,
    pub e: Evaluation,
    /// This month's timesheets: the hours reported.
    pub sheets: MonthSummary,
    /// This month's weeks begun, each with its sheet's state.
    pub weeks: Vec<WeekState>,
}

/// A week (or a week's part, split at the month's end) of this month on the tab.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WeekState {
    pub period: Period,
    /// `missing`, or the sheet's status.
    pub status: String,
    pub sheet_id: Option<i64>,
}

/// The periods of `month` begun by `today` that assignment `a` works in, each with its sheet
/// (by the period's first day) or `missing`; then any other sheet of the month begun (an
/// assignment whose dates changed after its sheets were made). A cancelled assignment has none.
pub fn month_weeks(
    a: &Assignment,
    month: &Period,
    today: Date,
    sheets: &[WeekSheet],
) -> Vec<WeekState> {
    let dates = (a.status != "cancelled")
        .then(|| parse_date(&a.from_date))
        .flatten()
        .map(|from| (from, a.to_date.as_deref().and_then(parse_date)));
    weeks(dates, month, today, sheets)
}

/// [`month_weeks`] for an assignment running `dates` (from, to), `None` for none.
fn weeks(
    dates: Option<(Date, Option<Date>)>,
    month: &Period,
    today: Date,
    sheets: &[WeekSheet],
) -> Vec<WeekState> {
    let begun = |p: &Period| p.start <= today;
    let planned = dates.map_or_else(Vec::new, |(from, to)| periods_in_month(from, to, month));
    let mut out: Vec<WeekState> = planned
        .into_iter()
        .filter(begun)
        .map(|period| {
            let sheet = sheets
                .iter()
                .find(|s| s.period_start == date_string(period.start));
            WeekState {
                period,
                status: sheet.map_or_else(|| "missing".to_string(), |s| s.status.clone()),
                sheet_id: sheet.map(|s| s.id),
            }
        })
        .collect();
    for s in sheets {
        let Some(start) = parse_date(&s.period_start) else {
            continue;
        };
        if start <= today && !out.iter().any(|w| w.sheet_id == Some(s.id)) {
            out.push(WeekState {
                period: Period { start, end: start },
                status: s.status.clone(),
                sheet_id: Some(s.id),
            });
        }
    }
    out.sort_by_key(|w| w.period.start);
    out
}

#[derive(Template, WebTemplate)]
#[template(path = "assignments/tab.html")]
pub struct TabView {
    lang: Lang,
    chrome: Chrome,
    card: CardHead,
    current: Vec<Row>,
    ended: Vec<Row>,
    /// The customer's vacancies (open first), each with its light and margin.
    vacancies: Vec<(crate::vacancies::store::Vacancy, Evaluation)>,
    /// All the customer's vacancies (the tab shows the first [`CARD_VACANCIES`]).
    vacancies_total: i64,
    /// The customer's recruitments (searching first).
    recruitments: Vec<crate::recruitments::store::Recruitment>,
}

impl TabView {
    fn vacancy_period(&self, v: &crate::vacancies::store::Vacancy) -> String {
        crate::timefmt::period_text(
            self.lang,
            &v.from_date,
            v.to_date.as_deref(),
            "assignment-open-ended",
        )
    }
    fn vacancy_filled(&self, v: &crate::vacancies::store::Vacancy) -> String {
        crate::vacancies::detail::filled_text(self.lang, v)
    }
    fn vacancies_all(&self) -> String {
        self.lang
            .t_count("vacancies-show-all", self.vacancies_total)
    }
    fn vacancy_status(&self, v: &crate::vacancies::store::Vacancy) -> String {
        self.lang.t(&format!("vacancy-status-{}", v.status))
    }
    fn recruitment_status(&self, r: &crate::recruitments::store::Recruitment) -> String {
        self.lang.t(&format!("rec-status-{}", r.status))
    }
    fn recruitment_fee(&self, r: &crate::recruitments::store::Recruitment) -> String {
        crate::recruitments::detail::fee_text(self.lang, r)
    }
    fn light_of(&self, e: &Evaluation) -> String {
        self.lang.t(&format!("compliance-{}", e.light.key()))
    }
    fn sections(&self) -> [(&'static str, &Vec<Row>); 2] {
        [
            ("assignments-current", &self.current),
            ("assignments-ended", &self.ended),
        ]
    }
    fn period(&self, a: &Assignment) -> String {
        period_text(self.lang, a)
    }
    fn status_label(&self, a: &Assignment) -> String {
        self.lang.t(&format!("assignment-status-{}", a.status))
    }
    fn light_label(&self, r: &Row) -> String {
        self.lang.t(&format!("compliance-{}", r.e.light.key()))
    }
    fn reasons(&self, r: &Row) -> String {
        r.e.findings
            .iter()
            .map(|f| finding_text(self.lang, f))
            .collect::<Vec<_>>()
            .join(" ")
    }
    fn rate(&self, ore: &i64) -> String {
        format_kr(*ore)
    }
    fn week_status(&self, w: &WeekState) -> String {
        self.lang.t(&format!("timesheet-status-{}", w.status))
    }
    fn week_label(&self, w: &WeekState) -> String {
        let (_, week) = w.period.iso_week();
        self.lang
            .t_with("timesheet-week-short", &[("week", week.to_string())])
    }
    fn week_title(&self, w: &WeekState) -> String {
        format!(
            "{} – {}: {}",
            date_text(w.period.start),
            date_text(w.period.end),
            self.week_status(w)
        )
    }
    /// The sheet, or for a missing one the assignment's sheets (which makes the month's).
    fn week_href(&self, r: &Row, w: &WeekState) -> String {
        let base = format!(
            "/customers/{}/assignments/{}/timesheets",
            self.card.customer.id, r.a.id
        );
        match w.sheet_id {
            Some(id) => format!("{base}/{id}"),
            None => base,
        }
    }
    fn month_hours(&self, r: &Row) -> String {
        crate::timefmt::hours_text(r.sheets.worked_minutes)
    }
    fn margin(&self, r: &Row) -> String {
        let share = r.e.margin.share_bp.map(format_share).unwrap_or_default();
        format!("{} ({share})", format_kr(r.e.margin.per_hour))
    }
}

/// `04.01.2027 – 30.06.2027`, or `fra 04.01.2027` for an open end.
pub fn period_text(lang: Lang, a: &Assignment) -> String {
    crate::timefmt::period_text(
        lang,
        &a.from_date,
        a.to_date.as_deref(),
        "assignment-open-ended",
    )
}

/// A finding in the user's language.
pub fn finding_text(lang: Lang, f: &super::compliance::Finding) -> String {
    let args: Vec<(&str, String)> = f.args.iter().map(|(k, v)| (*k, v.clone())).collect();
    lang.t_with(&format!("compliance-{}", f.code), &args)
}

/// The vacancies the tab shows (open first); the rest are on `/vacancies?customer=`, linked.
/// A customer with a thousand vacancies made this tab 415 KB and 750 ms (`benches/job_ads.rs`).
pub const CARD_VACANCIES: i64 = 25;

/// GET /customers/{id}/assignments
#[tracing::instrument(skip_all, fields(user = user.id, customer = id))]
pub async fn list(
    State(state): State<AppState>,
    user: Staff,
    Path(id): Path<i64>,
) -> Result<TabView> {
    let card = CardHead::load(&state, &user, id, "assignments").await?;
    let all = store::list_for_customer(&state.db, id).await?;
    let (costs, rules) = store::settings(&state.db).await?;
    let today = oslo_date(now());
    let subjects: Vec<Subject> = all.iter().map(|a| Subject::of(a, today)).collect();
    let evaluations = evaluate_all(
        &state.db,
        id,
        card.customer.industry_code.as_deref(),
        &subjects,
        &costs,
        &rules,
        today,
    )
    .await?;
    let month = month_of(today);
    let mut months = month_for_customer(
        &state.db,
        id,
        &date_string(month.start),
        &date_string(month.end),
        &date_string(today),
    )
    .await?;
    let (current, ended): (Vec<Row>, Vec<Row>) = all
        .into_iter()
        .zip(evaluations)
        .map(|(a, e)| {
            let sheets = months.remove(&a.id).unwrap_or_default();
            Row {
                weeks: month_weeks(&a, &month, today, &sheets.weeks),
                sheets,
                a,
                e,
            }
        })
        .partition(|r| matches!(r.a.status.as_str(), "planned" | "active"));
    let vacancies =
        crate::vacancies::store::list_for_customer(&state.db, id, CARD_VACANCIES).await?;
    let vacancies_total = if (vacancies.len() as i64) < CARD_VACANCIES {
        vacancies.len() as i64
    } else {
        crate::vacancies::store::count_for_customer(&state.db, id).await?
    };
    let vacancy_lights = crate::vacancies::terms::evaluate_stored(
        &state,
        id,
        card.customer.industry_code.as_deref(),
        &vacancies,
        today,
    )
    .await?;
    let recruitments = crate::recruitments::store::list_for_customer(&state.db, id).await?;
    Ok(TabView {
        vacancies: vacancies.into_iter().zip(vacancy_lights).collect(),
        vacancies_total,
        recruitments,
        lang: user.lang,
        chrome: Chrome::new(&user, "customers"),
        card,
        current,
        ended,
    })
}

#[cfg(test)]
mod tests {
    use time::macros::date;

    use super::*;

    fn sheet(id: i64, start: &str, status: &str) -> WeekSheet {
        WeekSheet {
            id,
            period_start: start.into(),
            status: status.into(),
        }
    }

    fn states(w: &[WeekState]) -> Vec<(String, &str, Option<i64>)> {
        w.iter()
            .map(|x| (date_string(x.period.start), x.status.as_str(), x.sheet_id))
            .collect()
    }

    #[test]
    fn each_week_begun_has_its_sheets_state_or_is_missing() {
        // December 2026 from Friday the 18th: 1–6, 7–13, 14–20 (begun), 21–27 (not yet).
        let month = month_of(date!(2026 - 12 - 18));
        let today = date!(2026 - 12 - 18);
        let sheets = [
            sheet(1, "2026-12-01", "approved"),
            sheet(2, "2026-12-14", "rejected"),
            sheet(3, "2026-12-21", "draft"),
        ];
        let got = weeks(Some((date!(2026 - 11 - 02), None)), &month, today, &sheets);
        assert_eq!(
            states(&got),
            [
                ("2026-12-01".to_string(), "approved", Some(1)),
                ("2026-12-07".to_string(), "missing", None),
                ("2026-12-14".to_string(), "rejected", Some(2)),
            ]
        );
        // Starting on Wednesday the 9th and ending on the 15th: two periods.
        let got = weeks(
            Some((date!(2026 - 12 - 09), Some(date!(2026 - 12 - 15)))),
            &month,
            today,
            &[],
        );
        assert_eq!(
            states(&got),
            [
                ("2026-12-09".to_string(), "missing", None),
                ("2026-12-14".to_string(), "missing", None),
            ]
        );
        assert_eq!(got[1].period.end, date!(2026 - 12 - 15));
        // No dates (cancelled): only the sheets that exist and have begun.
        let got = weeks(None, &month, today, &sheets);
        assert_eq!(
            states(&got),
            [
                ("2026-12-01".to_string(), "approved", Some(1)),
                ("2026-12-14".to_string(), "rejected", Some(2)),
            ]
        );
    }
}
