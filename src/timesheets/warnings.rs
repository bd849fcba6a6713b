//! The firm-wide report of the working-hours law's warnings for staff (`/timesheets/warnings`,
//! in the main menu): every logged warning on the customers the staff member may see, filtered
//! by period (the last four weeks unless asked), rule and department, newest first, each with
//! the worker, customer, assignment, a link to the sheet and the rule's text with the number
//! found and the limit. A hundred rows a page, by keyset ([`store::warnings`]).

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Query, State};
use serde::Deserialize;
use time::{Date, Duration};

use super::{
    law::LawRule,
    sheet::warning_text,
    store::{
        save::rule_name,
        warnings::{self, After, Filter, PAGE, ReportRow},
    },
};
use crate::{
    AppState, Result,
    auth::Staff,
    customers::{access::Visibility, facets::Choice},
    i18n::Lang,
    timefmt::{
        now,
        when::{date_string, oslo_date, parse_date},
    },
    web::Chrome,
};

/// Every rule, in the law's order (the filter's choices).
pub const RULES: [LawRule; 12] = [
    LawRule::Overtime7Days,
    LawRule::Overtime4Weeks,
    LawRule::Overtime52Weeks,
    LawRule::Work24Hours,
    LawRule::Work7Days,
    LawRule::DailyRest,
    LawRule::WeeklyRest,
    LawRule::NoBreak,
    LawRule::ShortBreak,
    LawRule::YoungNight,
    LawRule::YoungDay,
    LawRule::YoungWeek,
];

/// The default period: the last four weeks, today included.
const DEFAULT_DAYS: i64 = 28;

/// The filter as typed (kept on the page, bad values too).
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default)]
pub struct Params {
    pub from: String,
    pub to: String,
    pub rule: String,
    pub department: String,
    /// The keyset of the next page: `YYYY-MM-DD.id`.
    pub after: String,
}

impl Params {
    /// The checked filter (`today` for the defaults) and a message key per bad value, which
    /// is then left out of the filter.
    fn filter(&self, today: Date) -> (Filter, Vec<&'static str>) {
        let mut bad = Vec::new();
        let mut date = |raw: &str, default: Date| {
            if raw.trim().is_empty() {
                default
            } else {
                parse_date(raw).unwrap_or_else(|| {
                    bad.push("ts-warnings-bad-date");
                    default
                })
            }
        };
        let to = date(&self.to, today);
        let from = date(&self.from, to - Duration::days(DEFAULT_DAYS - 1));
        let rule = match self.rule.as_str() {
            "" => None,
            r => match RULES.iter().find(|x| rule_name(**x) == r) {
                Some(x) => Some(rule_name(*x).to_string()),
                None => {
                    bad.push("ts-warnings-bad-rule");
                    None
                }
            },
        };
        let department_id = match self.department.trim() {
            "" => None,
            d => d.parse().ok().or_else(|| {
                bad.push("ts-warnings-bad-department");
                None
            }),
        };
        (
            Filter {
                from: from.min(to),
                to: to.max(from),
                rule,
                department_id,
            },
            bad,
        )
    }

    fn after(&self) -> Option<After> {
        let (day, id) = self.after.split_once('.')?;
        Some(After {
            from_date: date_string(parse_date(day)?),
            id: id.parse().ok()?,
        })
    }
}

fn typed_or(typed: &str, used: Date) -> String {
    if typed.trim().is_empty() {
        date_string(used)
    } else {
        typed.trim().to_string()
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "timesheets/warnings.html")]
pub struct ReportView {
    lang: Lang,
    chrome: Chrome,
    params: Params,
    filter: Filter,
    errors: Vec<String>,
    departments: Vec<Choice>,
    rows: Vec<ReportRow>,
    /// The link to the next page, with the same filter.
    next: Option<String>,
}

impl ReportView {
    /// The period's dates as typed (a bad one kept), or as used.
    fn period_from(&self) -> String {
        typed_or(&self.params.from, self.filter.from)
    }
    fn period_to(&self) -> String {
        typed_or(&self.params.to, self.filter.to)
    }
    /// Every rule: stored name, short name, chosen.
    fn rules(&self) -> Vec<(&'static str, String, bool)> {
        RULES
            .iter()
            .map(|r| {
                let name = rule_name(*r);
                (
                    name,
                    self.lang.t(&format!("ts-rule-{}", name.replace('_', "-"))),
                    self.filter.rule.as_deref() == Some(name),
                )
            })
            .collect()
    }
    fn department_chosen(&self, id: &i64) -> bool {
        self.filter.department_id == Some(*id)
    }
    fn rule_short(&self, r: &ReportRow) -> String {
        self.lang
            .t(&format!("ts-rule-{}", r.rule.replace('_', "-")))
    }
    fn text(&self, r: &ReportRow) -> String {
        warning_text(self.lang, &r.warning())
    }
    fn sheet_link(&self, r: &ReportRow) -> String {
        format!(
            "/customers/{}/assignments/{}/timesheets/{}",
            r.customer_id, r.assignment_id, r.timesheet_id
        )
    }
    fn count_text(&self) -> String {
        self.lang
            .t_count("ts-warnings-count", self.rows.len() as i64)
    }
}

/// GET /timesheets/warnings
#[tracing::instrument(skip_all, fields(user_id = user.id))]
pub async fn page(
    State(state): State<AppState>,
    user: Staff,
    Query(params): Query<Params>,
) -> Result<ReportView> {
    let (filter, bad) = params.filter(oslo_date(now()));
    let visibility = Visibility::of(&user, state.config.consultant_scope);
    let (rows, after) = warnings::report(
        &state.db,
        visibility,
        &filter,
        params.after().as_ref(),
        PAGE,
    )
    .await?;
    let next = after.map(|a| {
        let query = serde_urlencoded::to_string([
            ("from", date_string(filter.from)),
            ("to", date_string(filter.to)),
            ("rule", filter.rule.clone().unwrap_or_default()),
            (
                "department",
                filter
                    .department_id
                    .map(|d| d.to_string())
                    .unwrap_or_default(),
            ),
            ("after", format!("{}.{}", a.from_date, a.id)),
        ])
        .unwrap_or_default();
        format!("/timesheets/warnings?{query}")
    });
    Ok(ReportView {
        lang: user.lang,
        chrome: Chrome::new(&user, "timesheets"),
        errors: bad.into_iter().map(|k| user.lang.t(k)).collect(),
        departments: crate::customers::facets::departments(&state.db).await?,
        params,
        filter,
        rows,
        next,
    })
}

#[cfg(test)]
mod tests {
    use time::macros::date;

    use super::*;

    #[test]
    fn the_default_period_is_the_last_four_weeks_and_bad_values_are_named() {
        let today = date!(2026 - 12 - 02);
        let (f, bad) = Params::default().filter(today);
        assert_eq!((f.from, f.to), (date!(2026 - 11 - 05), today));
        assert!(bad.is_empty());
        let p = Params {
            from: "2026-13-01".into(),
            rule: "young_night".into(),
            department: "Oslo".into(),
            ..Params::default()
        };
        let (f, bad) = p.filter(today);
        assert_eq!(f.rule.as_deref(), Some("young_night"));
        assert_eq!(f.department_id, None);
        assert_eq!(
            bad,
            vec!["ts-warnings-bad-date", "ts-warnings-bad-department"]
        );
        let p = Params {
            rule: "sleeping".into(),
            after: "2026-11-30.17".into(),
            ..Params::default()
        };
        assert_eq!(p.filter(today).1, vec!["ts-warnings-bad-rule"]);
        assert_eq!(
            p.after(),
            Some(After {
                from_date: "2026-11-30".into(),
                id: 17
            })
        );
    }
}
