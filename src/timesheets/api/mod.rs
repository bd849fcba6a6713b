//! `/api/v1`: timesheets as JSON over the same store functions as the pages
//! ([`super::store`], with `Via::Api`), under the same access rules (decision 0021):
//!
//! - staff (a bearer token or a session) read an assignment's sheets and one sheet when they may
//!   see the customer (`customers::access`, 404 out of sight), and write lines, submit on the
//!   worker's behalf and reopen an approved sheet when they may change it (403 read-only), as on
//!   the sheet's page;
//! - approving and rejecting are the customer's approvers' acts ([`decide`]): they take the
//!   portal's session of a contact with the *approve timesheets* right, and the store refuses
//!   anyone who is not one of the assignment's approvers — staff included (403).
//!
//! Every write takes the `version` read; a sheet changed meanwhile is a 409. Bad lines are a 422
//! whose `errors` name the field as sent: `lines[2].start`, `units[0].quantity`.

mod decide;
mod write;

use axum::{
    Json, Router,
    extract::{Path, Query, State},
    routing::{get, post, put},
};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

pub use decide::{
    __path_approve_timesheet, __path_reject_timesheet, DecisionIn, DecisionOut, approve_timesheet,
    reject_timesheet,
};
pub use write::{
    __path_put_lines, __path_reopen_timesheet, __path_submit_timesheet, LineIn, LinesIn, ReasonIn,
    UnitIn, VersionIn, put_lines, reopen_timesheet, submit_timesheet,
};

use super::store::{self, Detail, Sheet, Status};
use crate::{
    AppError, AppState, Result,
    assignments::store::sheet_terms::{self, Terms},
    auth::Staff,
    customers::access::{self, Need},
    error::{FieldErrors, Msg},
    timefmt::when::parse_date,
    web::json::Problem,
};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/api/v1/assignments/{aid}/timesheets", get(list_timesheets))
        .route("/api/v1/timesheets/{tid}", get(get_timesheet))
        .route("/api/v1/timesheets/{tid}/lines", put(put_lines))
        .route("/api/v1/timesheets/{tid}/submit", post(submit_timesheet))
        .route("/api/v1/timesheets/{tid}/approve", post(approve_timesheet))
        .route("/api/v1/timesheets/{tid}/reject", post(reject_timesheet))
        .route("/api/v1/timesheets/{tid}/reopen", post(reopen_timesheet))
}

/// An assignment's terms and whether `user` may change its customer, when they may see (or,
/// with `need` Change, change) it: 404 out of sight, 403 read-only.
async fn assignment_for(
    state: &AppState,
    user: &Staff,
    aid: i64,
    need: Need,
) -> Result<(Terms, bool)> {
    let mut conn = state.db.pool.acquire().await?;
    let t = sheet_terms::terms(&mut conn, aid)
        .await?
        .ok_or(AppError::NotFound)?;
    drop(conn);
    let c = access::load(state, user, t.customer_id, need).await?;
    let can_edit = access::can_edit(user, c.owner_id, c.department_id);
    Ok((t, can_edit))
}

/// A sheet whose customer `user` may see (or change): 404 out of sight, 403 read-only.
async fn sheet_for(state: &AppState, user: &Staff, tid: i64, need: Need) -> Result<Sheet> {
    let sheet = store::get(&state.db, tid)
        .await?
        .ok_or(AppError::NotFound)?;
    assignment_for(state, user, sheet.assignment_id, need).await?;
    Ok(sheet)
}

/// The sheet as it is now, with everything on it.
async fn detail(state: &AppState, tid: i64) -> Result<Json<Detail>> {
    Ok(Json(
        store::detail(&state.db, tid)
            .await?
            .ok_or(AppError::NotFound)?,
    ))
}

/// An assignment's sheets, newest period first.
#[derive(Serialize, ToSchema)]
pub struct SheetList {
    pub items: Vec<Sheet>,
    pub total: i64,
}

/// Which sheets to list.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[serde(default)]
#[into_params(parameter_in = Query)]
pub struct SheetFilter {
    /// `draft`, `submitted`, `approved` or `rejected`.
    pub status: Option<String>,
    /// `YYYY-MM-DD`: sheets whose period ends on or after this day.
    pub from: Option<String>,
    /// `YYYY-MM-DD`: sheets whose period starts on or before this day.
    pub to: Option<String>,
}

impl SheetFilter {
    /// The filter checked: the status and the two days, each error by its parameter.
    fn checked(&self) -> Result<(Option<Status>, Option<String>, Option<String>)> {
        let mut errors = FieldErrors::default();
        let status = self.status.as_deref().filter(|s| !s.is_empty());
        let status = status.and_then(|s| {
            let parsed = Status::parse(s);
            if parsed.is_none() {
                errors.add("status", Msg::new("timesheet-api-status-invalid"));
            }
            parsed
        });
        let mut day = |name: &str, value: &Option<String>| {
            let value = value.as_deref().filter(|s| !s.is_empty())?;
            match parse_date(value) {
                Some(d) => Some(crate::timefmt::when::date_string(d)),
                None => {
                    errors.add(name, Msg::new("timesheet-api-date-invalid"));
                    None
                }
            }
        };
        let from = day("from", &self.from);
        let to = day("to", &self.to);
        errors.into_result()?;
        Ok((status, from, to))
    }
}

/// An assignment's timesheets. For staff who may change the card, this month's sheets are made
/// first where missing (drafts prefilled from the plan), as the assignment's sheet page does.
#[utoipa::path(get, path = "/api/v1/assignments/{aid}/timesheets", tag = "timesheets",
    params(("aid" = i64, Path, description = "The assignment."), SheetFilter),
    responses((status = 200, description = "The sheets, newest period first; minutes and øre as stored.", body = SheetList),
        (status = 404, body = Problem), (status = 422, body = Problem)))]
#[tracing::instrument(skip_all, fields(assignment_id = aid, user_id = user.id))]
pub async fn list_timesheets(
    State(state): State<AppState>,
    user: Staff,
    Path(aid): Path<i64>,
    Query(filter): Query<SheetFilter>,
) -> Result<Json<SheetList>> {
    let (_, can_edit) = assignment_for(&state, &user, aid, Need::See).await?;
    let (status, from, to) = filter.checked()?;
    if can_edit {
        super::sheet::list::ensure_this_month(&state, aid).await?;
    }
    let items: Vec<Sheet> = store::for_assignment(&state.db, aid)
        .await?
        .into_iter()
        .filter(|s| status.is_none_or(|st| s.status() == st))
        .filter(|s| from.as_ref().is_none_or(|f| s.period_end >= *f))
        .filter(|s| to.as_ref().is_none_or(|t| s.period_start <= *t))
        .collect();
    Ok(Json(SheetList {
        total: items.len() as i64,
        items,
    }))
}

/// One timesheet: its lines (start and end in minutes after midnight, Oslo time), the computed
/// normal hours and overtime, the earned allowances, hand-entered units, the working-hours law's
/// warnings, its events and its `version`.
#[utoipa::path(get, path = "/api/v1/timesheets/{tid}", tag = "timesheets",
    params(("tid" = i64, Path, description = "The timesheet.")),
    responses((status = 200, description = "The sheet with everything on it.", body = Detail),
        (status = 404, body = Problem)))]
#[tracing::instrument(skip_all, fields(sheet = tid, user_id = user.id))]
pub async fn get_timesheet(
    State(state): State<AppState>,
    user: Staff,
    Path(tid): Path<i64>,
) -> Result<Json<Detail>> {
    sheet_for(&state, &user, tid, Need::See).await?;
    detail(&state, tid).await
}
