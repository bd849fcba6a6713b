//! The staff's writes through the API: a sheet's lines (and hand-entered units) saved, submitted
//! on the worker's behalf, an approved sheet reopened with a reason — each in one transaction
//! through the store, audited there as the pages are.

use axum::{
    Json,
    extract::{Path, State},
};
use serde::Deserialize;
use utoipa::ToSchema;

use super::{detail, sheet_for};
use crate::{
    AppError, AppState, Result,
    auth::Staff,
    customers::access::Need,
    error::FieldErrors,
    timesheets::{
        line::LineDraft,
        store::{self, Actor, By, Detail, Via, compute::UnitDraft},
    },
    web::json::{ApiJson, Problem},
};

/// One day line as sent.
#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(default, deny_unknown_fields)]
pub struct LineIn {
    /// `YYYY-MM-DD`, within the sheet's period.
    pub work_date: String,
    /// `07:30`, Oslo wall-clock time.
    pub start: String,
    /// `15:30`; before the start: the line ends the next day.
    pub end: String,
    /// Whole minutes.
    pub break_minutes: Option<i64>,
    pub comment: String,
}

/// A hand-entered quantity of a per-unit allowance.
#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(default, deny_unknown_fields)]
pub struct UnitIn {
    /// The allowance's code on the assignment.
    pub code: String,
    /// Up to three decimals, `12.5` or `12,5`.
    pub quantity: String,
}

/// A sheet's lines and units, replacing the stored ones.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct LinesIn {
    /// The sheet's `version` as read.
    pub version: i64,
    pub lines: Vec<LineIn>,
    #[serde(default)]
    pub units: Vec<UnitIn>,
}

/// The sheet's `version` as read.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct VersionIn {
    pub version: i64,
}

/// The `version` as read and why (required).
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ReasonIn {
    pub version: i64,
    pub reason: String,
}

fn staff(user: &Staff) -> By {
    By::new(Actor::Staff(user.id), Via::Api)
}

/// The store's field names (`line-2-start`, `unit-0`) as the JSON body names them
/// (`lines[2].start`, `units[0].quantity`).
pub(super) fn json_fields(errors: FieldErrors) -> FieldErrors {
    let rename = |field: &str| {
        if let Some(rest) = field.strip_prefix("line-")
            && let Some((i, name)) = rest.split_once('-')
        {
            return format!("lines[{i}].{name}");
        }
        if let Some(i) = field.strip_prefix("unit-") {
            return format!("units[{i}].quantity");
        }
        field.to_string()
    };
    FieldErrors(
        errors
            .0
            .into_iter()
            .map(|(field, msgs)| (rename(&field), msgs))
            .collect(),
    )
}

/// Write a sheet's lines on the worker's behalf, while it is a draft or rejected: normal hours,
/// overtime, allowances and pay are computed, the working-hours law's warnings renewed.
#[utoipa::path(put, path = "/api/v1/timesheets/{tid}/lines", tag = "timesheets",
    params(("tid" = i64, Path, description = "The timesheet.")), request_body = LinesIn,
    responses((status = 200, description = "Saved; the sheet as it is now.", body = Detail),
        (status = 403, body = Problem), (status = 404, body = Problem),
        (status = 409, description = "Changed by someone else since the `version` sent, or not a draft or rejected (submitted and approved sheets are locked).", body = Problem),
        (status = 422, description = "Invalid lines; `errors` names each field as sent, e.g. `lines[2].start`.", body = Problem)))]
#[tracing::instrument(skip_all, fields(sheet = tid, user_id = user.id))]
pub async fn put_lines(
    State(state): State<AppState>,
    user: Staff,
    Path(tid): Path<i64>,
    ApiJson(body): ApiJson<LinesIn>,
) -> Result<Json<Detail>> {
    sheet_for(&state, &user, tid, Need::Change).await?;
    let drafts: Vec<LineDraft> = body
        .lines
        .into_iter()
        .map(|l| LineDraft {
            work_date: l.work_date,
            start: l.start,
            end: l.end,
            break_minutes: l.break_minutes.map(|b| b.to_string()).unwrap_or_default(),
            comment: l.comment,
        })
        .collect();
    let units: Vec<UnitDraft> = body
        .units
        .into_iter()
        .map(|u| UnitDraft {
            code: u.code,
            quantity: u.quantity,
        })
        .collect();
    let mut tx = state.db.begin().await?;
    match store::save(&mut tx, tid, body.version, &drafts, &units, &staff(&user)).await {
        Err(AppError::Invalid(errors)) => return Err(AppError::Invalid(json_fields(errors))),
        other => other?,
    };
    tx.commit().await?;
    detail(&state, tid).await
}

/// Submit a draft or rejected sheet for approval, on the worker's behalf.
#[utoipa::path(post, path = "/api/v1/timesheets/{tid}/submit", tag = "timesheets",
    params(("tid" = i64, Path, description = "The timesheet.")), request_body = VersionIn,
    responses((status = 200, description = "Submitted; the sheet as it is now.", body = Detail),
        (status = 403, body = Problem), (status = 404, body = Problem),
        (status = 409, description = "Changed by someone else since the `version` sent, or not a draft or rejected.", body = Problem)))]
#[tracing::instrument(skip_all, fields(sheet = tid, user_id = user.id))]
pub async fn submit_timesheet(
    State(state): State<AppState>,
    user: Staff,
    Path(tid): Path<i64>,
    ApiJson(body): ApiJson<VersionIn>,
) -> Result<Json<Detail>> {
    sheet_for(&state, &user, tid, Need::Change).await?;
    let mut tx = state.db.begin().await?;
    store::submit(&mut tx, tid, body.version, &staff(&user)).await?;
    tx.commit().await?;
    detail(&state, tid).await
}

/// Reopen an approved sheet that is not invoiced: back to a draft, with the reason recorded on
/// the sheet and in the card's history.
#[utoipa::path(post, path = "/api/v1/timesheets/{tid}/reopen", tag = "timesheets",
    params(("tid" = i64, Path, description = "The timesheet.")), request_body = ReasonIn,
    responses((status = 200, description = "Reopened; the sheet as it is now.", body = Detail),
        (status = 403, body = Problem), (status = 404, body = Problem),
        (status = 409, description = "Changed by someone else since the `version` sent, not approved, or invoiced.", body = Problem),
        (status = 422, description = "No reason given (or one over 1,000 characters): `errors.reason`.", body = Problem)))]
#[tracing::instrument(skip_all, fields(sheet = tid, user_id = user.id))]
pub async fn reopen_timesheet(
    State(state): State<AppState>,
    user: Staff,
    Path(tid): Path<i64>,
    ApiJson(body): ApiJson<ReasonIn>,
) -> Result<Json<Detail>> {
    sheet_for(&state, &user, tid, Need::Change).await?;
    let mut tx = state.db.begin().await?;
    store::reopen(&mut tx, tid, body.version, &body.reason, &staff(&user)).await?;
    tx.commit().await?;
    detail(&state, tid).await
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::Msg;

    #[test]
    fn the_stores_field_names_become_the_bodys() {
        let mut e = FieldErrors::default();
        e.add("line-2-break_minutes", Msg::new("a"));
        e.add("unit-0", Msg::new("b"));
        e.add("comment", Msg::new("c"));
        let got: Vec<String> = json_fields(e).0.into_keys().collect();
        assert_eq!(
            got,
            ["comment", "lines[2].break_minutes", "units[0].quantity"]
        );
    }
}
