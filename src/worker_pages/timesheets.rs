//! The worker's own timesheets: on the home page the sheets needing action (this and past weeks
//! not submitted, rejected ones with the approver's comment) and the recent ones' states, this
//! month's sheets made for the worker's running assignments; and one sheet on a phone — a day per
//! row (start, end, break, comment), units, the computed hours and the expected pay (never bill
//! rates or margin), the working-hours warnings — saved, submitted or withdrawn through the same
//! store functions as the staff's page, as `Actor::Worker`. Another worker's sheet is "not
//! found"; an approved one is read-only.

use askama::Template;
use askama_web::WebTemplate;
use axum::{
    extract::{Path, Query, State},
    http::StatusCode,
    response::{IntoResponse, Redirect, Response},
};
use axum_extra::extract::Form;
use serde::{Deserialize, Serialize};

use super::{
    session::WorkerUser,
    timesheet_fill::{self, Fill, fill_planned, planned},
};
use crate::{
    AppError, AppState, Result,
    assignments::{
        allowance::from_stored,
        for_worker::{self, WorkerAssignment},
        store::sheet_terms,
        week::StandardWeek,
    },
    db::Db,
    i18n::Lang,
    money::format_kr,
    timefmt::{
        date_text, hours_text, now,
        when::{date_string, oslo_date, parse_date},
    },
    timesheets::{
        sheet::{
            Row, UnitSlot, add_blank_rows, allowances_json, milli_text, rows_from, unit_slots,
            warning_text,
            write::{SheetForm, keep_typed, refusal},
        },
        store::{self, Actor, By, Detail, Via},
    },
};

/// A sheet in the worker's lists.
#[derive(Clone, Debug, Serialize, sqlx::FromRow)]
pub struct MySheet {
    pub id: i64,
    pub period_start: String,
    pub period_end: String,
    pub iso_week: i64,
    pub status: String,
    pub comment: Option<String>,
    pub worked_minutes: i64,
    pub title: String,
    pub customer_name: String,
}

/// The worker's sheets: those needing action (begun drafts, and rejected ones; oldest first)
/// and the eight latest others. Drafts of weeks not begun are left out.
pub struct MySheets {
    pub todo: Vec<MySheet>,
    pub recent: Vec<MySheet>,
}

async fn my_sheets(db: &Db, worker_id: i64, today: &str) -> Result<MySheets> {
    let all: Vec<MySheet> = sqlx::query_as(
        "SELECT t.id, t.period_start, t.period_end, t.iso_week, t.status, t.comment, \
         t.worked_minutes, a.title, c.name AS customer_name FROM timesheets t \
         JOIN assignments a ON a.id = t.assignment_id JOIN customers c ON c.id = a.customer_id \
         WHERE a.worker_id = $1 AND (t.period_start <= $2 OR t.status <> 'draft') ORDER BY t.period_start DESC, t.id DESC",
    )
    .bind(worker_id)
    .bind(today)
    .fetch_all(&db.pool)
    .await?;
    let (mut todo, rest): (Vec<_>, Vec<_>) = all
        .into_iter()
        .partition(|s| matches!(s.status.as_str(), "draft" | "rejected"));
    todo.reverse();
    Ok(MySheets {
        todo,
        recent: rest.into_iter().take(8).collect(),
    })
}

/// Makes this month's sheets for the worker's planned and active assignments, then lists them.
pub async fn for_home(state: &AppState, me: &WorkerUser) -> Result<MySheets> {
    let today = oslo_date(now());
    let first = today.replace_day(1).unwrap_or(today);
    let last = first
        .replace_day(first.month().length(first.year()))
        .unwrap_or(today);
    let running: Vec<WorkerAssignment> = for_worker::list(&state.db, me.worker_id)
        .await?
        .into_iter()
        .filter(|a| matches!(a.status.as_str(), "planned" | "active"))
        .collect();
    if !running.is_empty() {
        let mut tx = state.db.begin().await?;
        let mut terms = Vec::with_capacity(running.len());
        for a in &running {
            terms.extend(sheet_terms::terms(&mut tx, a.id).await?);
        }
        store::ensure(&mut tx, &terms, first, last).await?;
        tx.commit().await?;
    }
    my_sheets(&state.db, me.worker_id, &date_string(today)).await
}

/// A sheet's line for the lists: `Uke 2 · 11.01.2027 – 17.01.2027`.
pub fn sheet_line(lang: Lang, s: &MySheet) -> String {
    let date = |d: &str| parse_date(d).map_or_else(|| d.to_string(), date_text);
    format!(
        "{} {} · {} – {}",
        lang.t("timesheet-week"),
        s.iso_week,
        date(&s.period_start),
        date(&s.period_end)
    )
}

#[derive(Template, WebTemplate)]
#[template(path = "worker_pages/timesheet.html")]
pub struct SheetPage {
    lang: Lang,
    me: WorkerUser,
    a: WorkerAssignment,
    d: Detail,
    rows: Vec<Row>,
    units: Vec<UnitSlot>,
    names: Vec<(String, String)>,
    errors: bool,
    refused: Option<String>,
    saved: bool,
}

impl SheetPage {
    fn base(&self) -> String {
        format!("/worker/timesheets/{}", self.d.sheet.id)
    }
    fn status_label(&self) -> String {
        self.lang
            .t(&format!("timesheet-status-{}", self.d.sheet.status))
    }
    fn title(&self) -> String {
        let s = &self.d.sheet;
        let date = |d: &str| parse_date(d).map_or_else(|| d.to_string(), date_text);
        format!(
            "{} {} · {} – {}",
            self.lang.t("timesheet-week"),
            s.iso_week,
            date(&s.period_start),
            date(&s.period_end)
        )
    }
    fn editable(&self) -> bool {
        self.d.sheet.status().editable()
    }
    fn week(&self) -> StandardWeek {
        serde_json::from_str(&self.a.standard_week).unwrap_or_default()
    }
    /// The one-tap button's text for a row's day with a planned shift: `Som planlagt 07:30–15:30`.
    fn planned_text(&self, r: &Row) -> Option<String> {
        let p = planned(&self.week(), &r.d.work_date)?;
        Some(self.lang.t_with(
            "worker-timesheet-as-planned",
            &[("start", p.start), ("end", p.end)],
        ))
    }
    fn withdrawable(&self) -> bool {
        self.d.sheet.status == "submitted"
    }
    /// `Man 04.01.2027`.
    fn day(&self, r: &Row) -> String {
        match parse_date(&r.d.work_date) {
            Some(d) => format!(
                "{} {}",
                self.lang.t(&format!(
                    "weekday-short-{}",
                    d.weekday().number_from_monday()
                )),
                date_text(d)
            ),
            None => r.d.work_date.clone(),
        }
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
}

/// The worker's own sheet, or "not found".
async fn load(state: &AppState, me: &WorkerUser, id: i64) -> Result<SheetPage> {
    let d = store::detail(&state.db, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let a = for_worker::get(&state.db, me.worker_id, d.sheet.assignment_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let mut rows = rows_from(me.lang, &d);
    if d.sheet.status().editable() {
        add_blank_rows(&mut rows, &d.sheet, false);
    }
    let all = from_stored(&allowances_json(state, a.id).await?);
    Ok(SheetPage {
        lang: me.lang,
        me: me.clone(),
        units: unit_slots(&all, &d),
        names: all
            .iter()
            .map(|x| (x.code.clone(), x.name.clone()))
            .collect(),
        a,
        d,
        rows,
        errors: false,
        refused: None,
        saved: false,
    })
}

#[derive(Deserialize, Default)]
pub struct ShowParams {
    saved: Option<String>,
}

/// GET /worker/timesheets/{id}
#[tracing::instrument(skip_all, fields(worker = me.worker_id, sheet = id))]
pub async fn show(
    State(state): State<AppState>,
    me: WorkerUser,
    Path(id): Path<i64>,
    Query(p): Query<ShowParams>,
) -> Result<SheetPage> {
    let mut page = load(&state, &me, id).await?;
    page.saved = p.saved.is_some();
    Ok(page)
}

/// POST /worker/timesheets/{id}: `save`, `submit` (save, then submit), `withdraw`, or a
/// shortcut that fills lines and saves them as a draft: `copy-last-week`, `plan:{date}`.
#[tracing::instrument(skip_all, fields(worker = me.worker_id, sheet = id))]
pub async fn post(
    State(state): State<AppState>,
    me: WorkerUser,
    Path(id): Path<i64>,
    Form(form): Form<SheetForm>,
) -> Result<Response> {
    let mut page = load(&state, &me, id).await?;
    let by = By::new(Actor::Worker(me.worker_id), Via::Page);
    let drafts = match Fill::parse(&form.action) {
        Some(Fill::CopyLastWeek) => {
            let copied = timesheet_fill::last_week(&state.db, &page.d.sheet).await?;
            if copied.is_empty() {
                page.refused = Some(page.lang.t("worker-timesheet-nothing-to-copy"));
                return Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response());
            }
            copied
        }
        Some(Fill::Planned(day)) => fill_planned(&page.week(), form.drafts(), &day),
        None => form.drafts(),
    };
    let units = form.units();
    let mut tx = state.db.begin().await?;
    let result = async {
        if form.action == "withdraw" {
            store::withdraw(&mut tx, id, form.version, &by).await?;
            return Ok(());
        }
        let saved = store::save(&mut tx, id, form.version, &drafts, &units, &by).await?;
        if form.action == "submit" {
            store::submit(&mut tx, id, saved.version, &by).await?;
        }
        Ok::<_, AppError>(())
    }
    .await;
    match result {
        Ok(()) => {
            tx.commit().await?;
            Ok(Redirect::to(&format!("{}?saved=1", page.base())).into_response())
        }
        Err(AppError::Invalid(fields)) => {
            drop(tx);
            page.errors = true;
            page.rows = keep_typed(page.lang, &fields, drafts, &units, &mut page.units);
            Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response())
        }
        Err(AppError::Conflict(msg)) => {
            drop(tx);
            page.refused = Some(refusal(page.lang, &msg));
            Ok((StatusCode::CONFLICT, page).into_response())
        }
        Err(e) => Err(e),
    }
}
