//! The card's Assignments tab: current, upcoming and ended assignments, who works there, each
//! with its compliance light and margin.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Path, State};

use super::{
    evaluate::{Evaluation, Subject, evaluate_all},
    store::{self, Assignment},
};
use crate::{
    AppState, Result,
    auth::Staff,
    customers::card::CardHead,
    i18n::Lang,
    money::{format_kr, format_share},
    timefmt::{
        now,
        when::{date_string, oslo_date},
    },
    timesheets::store::MonthSummary,
    web::Chrome,
};

pub struct Row {
    pub a: Assignment,
    pub e: Evaluation,
    /// This month's timesheets: the latest begun sheet's state and the hours.
    pub sheets: MonthSummary,
}

#[derive(Template, WebTemplate)]
#[template(path = "assignments/tab.html")]
pub struct TabView {
    lang: Lang,
    chrome: Chrome,
    card: CardHead,
    current: Vec<Row>,
    ended: Vec<Row>,
}

impl TabView {
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
    fn sheet_state(&self, r: &Row) -> String {
        let status = r.sheets.latest_status.as_deref().unwrap_or("missing");
        self.lang.t(&format!("timesheet-status-{status}"))
    }
    fn sheet_key<'a>(&self, r: &'a Row) -> &'a str {
        r.sheets.latest_status.as_deref().unwrap_or("missing")
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
    let first = today.replace_day(1).unwrap_or(today);
    let last = first
        .replace_day(first.month().length(first.year()))
        .unwrap_or(today);
    let mut months = crate::timesheets::store::month_for_customer(
        &state.db,
        id,
        &date_string(first),
        &date_string(last),
        &date_string(today),
    )
    .await?;
    let (current, ended): (Vec<Row>, Vec<Row>) = all
        .into_iter()
        .zip(evaluations)
        .map(|(a, e)| Row {
            sheets: months.remove(&a.id).unwrap_or_default(),
            a,
            e,
        })
        .partition(|r| matches!(r.a.status.as_str(), "planned" | "active"));
    Ok(TabView {
        lang: user.lang,
        chrome: Chrome::new(&user, "customers"),
        card,
        current,
        ended,
    })
}
