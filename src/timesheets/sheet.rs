//! The staff's timesheet pages under an assignment: its sheets with state and hours, and one
//! sheet — day lines editable (start, end, break, comment) with hand-entered units, the computed
//! normal hours, overtime, allowances, expected pay and bill, the working-hours law's warnings and
//! the sheet's history. Staff may enter or correct lines and submit on the worker's behalf and
//! reopen an approved sheet with a reason; approving and rejecting are the customer's contacts'.
//! Access is the assignment page's: the customer's card (404 out of sight, 403 read-only).

use std::collections::BTreeMap;

use askama::Template;
use askama_web::WebTemplate;
use axum::{
    extract::{Path, Query, State},
    http::StatusCode,
    response::{IntoResponse, Redirect, Response},
};
use axum_extra::extract::Form;
use serde::Deserialize;
use time::Duration;

use super::{
    line::{LineDraft, clock_text},
    store::{self, By, Detail, Sheet, compute::UnitDraft},
};
use crate::{
    AppError, AppState, Result,
    assignments::{
        allowance::Rule,
        store::{self as assignments, Assignment},
    },
    auth::Staff,
    customers::card::CardHead,
    error::Msg,
    i18n::Lang,
    money::format_kr,
    timefmt::{
        date_text, hours_text, now, oslo_datetime,
        when::{oslo_date, parse_date},
    },
    web::Chrome,
};

#[derive(Template, WebTemplate)]
#[template(path = "timesheets/list.html")]
pub struct ListView {
    lang: Lang,
    chrome: Chrome,
    card: CardHead,
    a: Assignment,
    sheets: Vec<Sheet>,
}

impl ListView {
    fn status_label(&self, s: &Sheet) -> String {
        self.lang.t(&format!("timesheet-status-{}", s.status))
    }
    fn period(&self, s: &Sheet) -> String {
        period_text(s)
    }
    fn hours(&self, m: &i64) -> String {
        hours_text(*m)
    }
}

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

/// GET /customers/{id}/assignments/{aid}/timesheets: the sheets, this month's made if missing.
#[tracing::instrument(skip_all, fields(user = user.id, customer = id, assignment = aid))]
pub async fn list(
    State(state): State<AppState>,
    user: Staff,
    Path((id, aid)): Path<(i64, i64)>,
) -> Result<ListView> {
    let (card, a) = assignment(&state, &user, id, aid).await?;
    if card.can_edit && matches!(a.status.as_str(), "planned" | "active") {
        let today = oslo_date(now());
        let first = today.replace_day(1).unwrap_or(today);
        let last = first
            .replace_day(first.month().length(first.year()))
            .unwrap_or(today);
        let mut tx = state.db.pool.begin().await?;
        if let Some(t) = assignments::terms::terms(&mut tx, aid).await? {
            store::ensure(&mut tx, &[t], first, last).await?;
        }
        tx.commit().await?;
    }
    let sheets = store::for_assignment(&state.db, aid).await?;
    Ok(ListView {
        lang: user.lang,
        chrome: Chrome::new(&user, "customers"),
        card,
        a,
        sheets,
    })
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
    units: Vec<(String, String, String, Option<String>)>,
    /// The assignment's allowances: (code, name).
    names: Vec<(String, String)>,
    errors: bool,
    /// Why a move was refused, in the user's language.
    refused: Option<String>,
    reason_error: Option<String>,
    saved: bool,
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
    let mut rows: Vec<Row> = d
        .lines
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
            computed: Some(computed_text(user.lang, l)),
            errors: Vec::new(),
        })
        .collect();
    if card.can_edit && d.sheet.status().editable() {
        add_blank_rows(&mut rows, &d.sheet);
    }
    let all = crate::assignments::allowance::from_stored(&allowances_json(state, aid).await?);
    let units = all
        .iter()
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
    })
}

async fn allowances_json(state: &AppState, aid: i64) -> Result<String> {
    let mut conn = state.db.pool.acquire().await?;
    Ok(assignments::terms::terms(&mut conn, aid)
        .await?
        .map(|t| t.allowances)
        .unwrap_or_default())
}

/// Thousandths as typed back: `12,5`.
fn milli_text(q: i64) -> String {
    let whole = q / 1000;
    let frac = q % 1000;
    if frac == 0 {
        whole.to_string()
    } else {
        format!("{whole},{}", format!("{frac:03}").trim_end_matches('0'))
    }
}

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

/// Blank rows for new lines: one per day of the period without a line, else two.
fn add_blank_rows(rows: &mut Vec<Row>, sheet: &Sheet) {
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
    if added == 0 {
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

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct SheetForm {
    version: i64,
    /// `save` or `submit` (save, then submit on the worker's behalf).
    action: String,
    work_date: Vec<String>,
    start: Vec<String>,
    end: Vec<String>,
    break_minutes: Vec<String>,
    comment: Vec<String>,
    unit_code: Vec<String>,
    unit_quantity: Vec<String>,
}

impl SheetForm {
    fn drafts(&self) -> Vec<LineDraft> {
        let at = |v: &Vec<String>, i: usize| v.get(i).cloned().unwrap_or_default();
        (0..self.work_date.len())
            .map(|i| LineDraft {
                work_date: at(&self.work_date, i),
                start: at(&self.start, i),
                end: at(&self.end, i),
                break_minutes: at(&self.break_minutes, i),
                comment: at(&self.comment, i),
            })
            .collect()
    }
    fn units(&self) -> Vec<UnitDraft> {
        self.unit_code
            .iter()
            .enumerate()
            .map(|(i, c)| UnitDraft {
                code: c.clone(),
                quantity: self.unit_quantity.get(i).cloned().unwrap_or_default(),
            })
            .collect()
    }
}

/// POST …/timesheets/{tid}: save the lines (and submit on the worker's behalf).
#[tracing::instrument(skip_all, fields(user = user.id, customer = id, assignment = aid, sheet = tid))]
pub async fn save(
    State(state): State<AppState>,
    user: Staff,
    Path((id, aid, tid)): Path<(i64, i64, i64)>,
    Form(form): Form<SheetForm>,
) -> Result<Response> {
    let mut view = load(&state, &user, id, aid, tid).await?;
    if !view.card.can_edit {
        return Err(AppError::Forbidden);
    }
    let drafts = form.drafts();
    let units = form.units();
    let by = By::staff(user.id);
    let mut tx = state.db.pool.begin().await?;
    let result = async {
        let saved = store::save(&mut tx, tid, form.version, &drafts, &units, &by).await?;
        if form.action == "submit" {
            store::submit(&mut tx, tid, saved.version, &by).await?;
        }
        Ok::<_, AppError>(())
    }
    .await;
    match result {
        Ok(()) => {
            tx.commit().await?;
            Ok(Redirect::to(&format!("{}?saved=1", view.base())).into_response())
        }
        Err(AppError::Invalid(fields)) => {
            drop(tx);
            view.errors = true;
            view.rows = drafts
                .into_iter()
                .enumerate()
                .map(|(i, d)| Row {
                    errors: messages(view.lang, &fields, &format!("line-{i}-")),
                    d,
                    computed: None,
                })
                .collect();
            for (i, u) in units.iter().enumerate() {
                if let Some(slot) = view.units.iter_mut().find(|x| x.0 == u.code) {
                    slot.2 = u.quantity.clone();
                    slot.3 = messages(view.lang, &fields, &format!("unit-{i}"))
                        .into_iter()
                        .next();
                }
            }
            Ok((StatusCode::UNPROCESSABLE_ENTITY, view).into_response())
        }
        Err(AppError::Conflict(msg)) => {
            drop(tx);
            view.refused = Some(refusal(view.lang, &msg));
            Ok((StatusCode::CONFLICT, view).into_response())
        }
        Err(e) => Err(e),
    }
}

fn refusal(lang: Lang, msg: &Msg) -> String {
    let mut m = msg.clone();
    for (k, v) in m.args.iter_mut() {
        if *k == "status" {
            *v = lang.t(&format!("timesheet-status-{v}")).to_lowercase();
        }
    }
    m.render(lang)
}

fn messages(lang: Lang, fields: &crate::error::FieldErrors, prefix: &str) -> Vec<String> {
    let by_field: BTreeMap<&String, &Vec<Msg>> = fields.0.iter().collect();
    by_field
        .into_iter()
        .filter(|(f, _)| f.starts_with(prefix))
        .flat_map(|(_, ms)| ms.iter().map(|m| m.render(lang)))
        .collect()
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct ReopenForm {
    version: i64,
    reason: String,
}

/// POST …/timesheets/{tid}/reopen: an approved sheet back to a draft, with a reason.
#[tracing::instrument(skip_all, fields(user = user.id, customer = id, assignment = aid, sheet = tid))]
pub async fn reopen(
    State(state): State<AppState>,
    user: Staff,
    Path((id, aid, tid)): Path<(i64, i64, i64)>,
    Form(form): Form<ReopenForm>,
) -> Result<Response> {
    let mut view = load(&state, &user, id, aid, tid).await?;
    if !view.card.can_edit {
        return Err(AppError::Forbidden);
    }
    let mut tx = state.db.pool.begin().await?;
    match store::reopen(
        &mut tx,
        tid,
        form.version,
        &form.reason,
        &By::staff(user.id),
    )
    .await
    {
        Ok(_) => {
            tx.commit().await?;
            Ok(Redirect::to(&format!("{}?saved=1", view.base())).into_response())
        }
        Err(AppError::Invalid(fields)) => {
            view.reason_error = messages(view.lang, &fields, "reason").into_iter().next();
            Ok((StatusCode::UNPROCESSABLE_ENTITY, view).into_response())
        }
        Err(AppError::Conflict(msg)) => {
            view.refused = Some(refusal(view.lang, &msg));
            Ok((StatusCode::CONFLICT, view).into_response())
        }
        Err(e) => Err(e),
    }
}
