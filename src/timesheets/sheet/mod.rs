//! The staff's timesheet pages under an assignment: its sheets with state and hours
//! ([`list`]), and one sheet — day lines editable (start, end, break, comment) with hand-entered
//! units, the computed normal hours, overtime, allowances, expected pay and bill, the
//! working-hours law's warnings and the sheet's history. Staff may enter or correct lines and
//! submit on the worker's behalf and reopen an approved sheet with a reason ([`write`]);
//! approving and rejecting are the customer's contacts'. Access is the assignment page's: the
//! customer's card (404 out of sight, 403 read-only).

pub(crate) mod list;
pub(crate) mod write;

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Path, Query, State};
use serde::Deserialize;
use time::Duration;

pub use list::list;
pub use write::{reopen, save};

use super::{
    line::{LineDraft, clock_text},
    notify::Channel,
    store::{self, Detail, Sheet},
};
use crate::{
    AppError, AppState, Result,
    assignments::{
        allowance::Rule,
        store::{self as assignments, Assignment},
    },
    auth::Staff,
    customers::card::CardHead,
    i18n::Lang,
    money::format_kr,
    timefmt::{date_text, hours_text, oslo_datetime, when::parse_date},
    web::Chrome,
};

fn period_text(s: &Sheet) -> String {
    match s.period() {
        Some(p) => format!("{} – {}", date_text(p.start), date_text(p.end)),
        None => s.period_start.clone(),
    }
}

async fn assignment(
    state: &AppState,
    user: &Staff,
    id: i64,
    aid: i64,
) -> Result<(CardHead, Assignment)> {
    let card = CardHead::load(state, user, id, "assignments").await?;
    let a = assignments::get(&state.db, id, aid)
        .await?
        .ok_or(AppError::NotFound)?;
    Ok((card, a))
}

/// A row of the sheet's table as typed (or as stored), with its messages.
pub struct Row {
    pub d: LineDraft,
    pub computed: Option<String>,
    pub errors: Vec<String>,
}

#[derive(Template, WebTemplate)]
#[template(path = "timesheets/sheet.html")]
pub struct SheetView {
    lang: Lang,
    chrome: Chrome,
    card: CardHead,
    a: Assignment,
    d: Detail,
    rows: Vec<Row>,
    /// Per-unit allowances: (code, name, quantity as typed, message).
    units: Vec<UnitSlot>,
    /// The assignment's allowances: (code, name).
    names: Vec<(String, String)>,
    errors: bool,
    /// Why a move was refused, in the user's language.
    refused: Option<String>,
    reason_error: Option<String>,
    saved: bool,
    /// How the approvers were told about the submitted sheet.
    told: Vec<String>,
}

impl SheetView {
    fn base(&self) -> String {
        format!(
            "/customers/{}/assignments/{}/timesheets/{}",
            self.card.customer.id, self.a.id, self.d.sheet.id
        )
    }
    fn status_label(&self) -> String {
        self.lang
            .t(&format!("timesheet-status-{}", self.d.sheet.status))
    }
    fn period(&self) -> String {
        period_text(&self.d.sheet)
    }
    fn editable(&self) -> bool {
        self.card.can_edit && self.d.sheet.status().editable()
    }
    fn reopenable(&self) -> bool {
        self.card.can_edit
            && self.d.sheet.status == "approved"
            && self.d.sheet.invoiced_at.is_none()
    }
    fn hours(&self, m: &i64) -> String {
        hours_text(*m)
    }
    fn kr(&self, ore: &i64) -> String {
        format!("{} kr", format_kr(*ore))
    }
    fn allowance_name(&self, code: &str) -> String {
        self.names
            .iter()
            .find(|(c, _)| c == code)
            .map_or_else(|| code.to_string(), |(_, n)| n.clone())
    }
    fn allowance_quantity(&self, a: &store::AllowanceRow) -> String {
        match (a.minutes, a.quantity_milli) {
            (Some(m), _) => format!("{} t", hours_text(m)),
            (_, Some(q)) => milli_text(q),
            _ => String::new(),
        }
    }
    fn warning_text(&self, w: &store::WarningRow) -> String {
        warning_text(self.lang, w)
    }
    fn event_text(&self, e: &store::EventRow) -> String {
        let action = self
            .lang
            .t(&format!("timesheet-event-{}", e.action.replace('_', "-")));
        let actor = self.lang.t(&format!("timesheet-actor-{}", e.actor));
        let mut s = format!("{} · {action} ({actor})", oslo_datetime(e.at));
        if let Some(c) = &e.comment {
            s.push_str(": ");
            s.push_str(c);
        }
        s
    }
}

/// A stored warning in the user's language: hours for time, minutes for breaks and night work.
pub fn warning_text(lang: Lang, w: &store::WarningRow) -> String {
    let in_minutes = matches!(w.rule.as_str(), "short_break" | "young_night");
    let num = |m: i64| {
        if in_minutes {
            m.to_string()
        } else {
            hours_text(m)
        }
    };
    let date = |s: &str| parse_date(s).map_or_else(|| s.to_string(), date_text);
    lang.t_with(
        &format!("timesheet-law-{}", w.rule.replace('_', "-")),
        &[
            ("value", num(w.value_minutes)),
            ("limit", num(w.limit_minutes)),
            ("from", date(&w.from_date)),
            ("to", date(&w.to_date)),
        ],
    )
}

async fn load(state: &AppState, user: &Staff, id: i64, aid: i64, tid: i64) -> Result<SheetView> {
    let (card, a) = assignment(state, user, id, aid).await?;
    let d = store::detail(&state.db, tid)
        .await?
        .filter(|d| d.sheet.assignment_id == aid)
        .ok_or(AppError::NotFound)?;
    let mut rows = rows_from(user.lang, &d);
    if card.can_edit && d.sheet.status().editable() {
        add_blank_rows(&mut rows, &d.sheet, true);
    }
    let all = crate::assignments::allowance::from_stored(&allowances_json(state, aid).await?);
    let units = unit_slots(&all, &d);
    let told = super::notify::told(&state.db, &d.sheet)
        .await?
        .into_iter()
        .map(|(name, channel)| told_text(user.lang, name, channel))
        .collect();
    Ok(SheetView {
        lang: user.lang,
        chrome: Chrome::new(user, "customers"),
        card,
        a,
        d,
        rows,
        units,
        names: all
            .iter()
            .map(|x| (x.code.clone(), x.name.clone()))
            .collect(),
        errors: false,
        refused: None,
        reason_error: None,
        saved: false,
        told,
    })
}

/// How one approver was told, in words.
fn told_text(lang: Lang, name: String, channel: Option<Channel>) -> String {
    let key = match channel {
        Some(Channel::Portal) => "timesheet-told-portal",
        Some(Channel::Email) => "timesheet-told-email",
        Some(Channel::Sms) => "timesheet-told-sms",
        None => "timesheet-told-none",
    };
    lang.t_with(key, &[("name", name)])
}

/// The stored lines as rows of the sheet's table, with their computed hours.
pub(crate) fn rows_from(lang: Lang, d: &Detail) -> Vec<Row> {
    d.lines
        .iter()
        .map(|l| Row {
            d: LineDraft {
                work_date: l.work_date.clone(),
                start: clock_text(u16::try_from(l.start_minute).unwrap_or(0)),
                end: clock_text(u16::try_from(l.end_minute).unwrap_or(0)),
                break_minutes: if l.break_minutes == 0 {
                    String::new()
                } else {
                    l.break_minutes.to_string()
                },
                comment: l.comment.clone().unwrap_or_default(),
            },
            computed: Some(computed_text(lang, l)),
            errors: Vec::new(),
        })
        .collect()
}

/// A per-unit allowance as shown: (code, name, quantity as typed, message).
pub(crate) type UnitSlot = (String, String, String, Option<String>);

/// The assignment's per-unit allowances with the sheet's stored quantities.
pub(crate) fn unit_slots(
    all: &[crate::assignments::allowance::Allowance],
    d: &Detail,
) -> Vec<UnitSlot> {
    all.iter()
        .filter(|x| matches!(x.rule, Rule::PerUnit { .. }))
        .map(|x| {
            let q: i64 = d
                .units
                .iter()
                .filter(|u| u.allowance_code == x.code)
                .map(|u| u.quantity_milli)
                .sum();
            let typed = if q == 0 { String::new() } else { milli_text(q) };
            (x.code.clone(), x.name.clone(), typed, None)
        })
        .collect()
}

pub(crate) async fn allowances_json(state: &AppState, aid: i64) -> Result<String> {
    let mut conn = state.db.pool.acquire().await?;
    Ok(assignments::sheet_terms::terms(&mut conn, aid)
        .await?
        .map(|t| t.allowances)
        .unwrap_or_default())
}

pub(crate) use crate::timesheets::allowances::milli_text;

fn computed_text(lang: Lang, l: &store::LineRow) -> String {
    let mut s = format!(
        "{} {}",
        hours_text(l.normal_minutes),
        lang.t("timesheet-normal-short")
    );
    if l.overtime_minutes > 0 {
        s.push_str(&format!(
            " + {} {}{}",
            hours_text(l.overtime_minutes),
            lang.t("timesheet-overtime-short"),
            l.overtime_percent
                .map(|p| format!(" {p} %"))
                .unwrap_or_default()
        ));
    }
    s
}

/// Blank rows for new lines: one per day of the period without a line; with `spare`, one for
/// the first day when every day has one.
pub(crate) fn add_blank_rows(rows: &mut Vec<Row>, sheet: &Sheet, spare: bool) {
    let Some(p) = sheet.period() else { return };
    let mut added = 0;
    let mut day = p.start;
    while day <= p.end {
        let date = crate::timefmt::when::date_string(day);
        if !rows.iter().any(|r| r.d.work_date == date) {
            rows.push(Row {
                d: LineDraft {
                    work_date: date,
                    ..LineDraft::default()
                },
                computed: None,
                errors: Vec::new(),
            });
            added += 1;
        }
        day += Duration::days(1);
    }
    if added == 0 && spare {
        rows.push(Row {
            d: LineDraft {
                work_date: sheet.period_start.clone(),
                ..LineDraft::default()
            },
            computed: None,
            errors: Vec::new(),
        });
    }
    rows.sort_by(|a, b| a.d.work_date.cmp(&b.d.work_date));
}

/// GET …/timesheets/{tid}
#[tracing::instrument(skip_all, fields(user = user.id, customer = id, assignment = aid, sheet = tid))]
pub async fn show(
    State(state): State<AppState>,
    user: Staff,
    Path((id, aid, tid)): Path<(i64, i64, i64)>,
    Query(p): Query<ShowParams>,
) -> Result<SheetView> {
    let mut view = load(&state, &user, id, aid, tid).await?;
    view.saved = p.saved.is_some();
    Ok(view)
}

#[derive(Deserialize, Default)]
pub struct ShowParams {
    saved: Option<String>,
}
