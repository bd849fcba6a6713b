//! Approving and rejecting through the API: the acts of the customer's approvers (decision
//! 0021). The caller is a portal contact (the portal's session cookie) with the *approve
//! timesheets* right, acting on a sheet of their own company (404 otherwise) as
//! `Actor::Contact` with `Via::Api`, their address recorded; the store then checks that they
//! are one of the assignment's approvers (403 if not) and handles double approval. Staff
//! calling these get what the store says to staff: 403 (after the same 404 as the reads for a
//! sheet out of their sight).

use axum::{
    Json,
    extract::{FromRequestParts, Path, State},
    http::request::Parts,
};
use axum_extra::extract::CookieJar;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::sheet_for;
use crate::{
    AppError, AppState, Result,
    auth::Staff,
    contacts::model::Right,
    customers::access::Need,
    portal::session::{PORTAL_COOKIE, PortalUser},
    timesheets::{
        portal,
        store::{self, Actor, By, Via},
    },
    web::{
        client_ip::ClientIp,
        json::{ApiJson, Problem},
    },
};

/// Who calls: a portal contact when the portal's session cookie is sent, staff otherwise.
pub enum Caller {
    Contact(PortalUser),
    Staff(Staff),
}

impl FromRequestParts<AppState> for Caller {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self> {
        if CookieJar::from_headers(&parts.headers)
            .get(PORTAL_COOKIE)
            .is_some()
        {
            return Ok(Caller::Contact(
                PortalUser::from_request_parts(parts, state).await?,
            ));
        }
        Ok(Caller::Staff(
            Staff::from_request_parts(parts, state).await?,
        ))
    }
}

/// Who acts on sheet `tid`, once they may reach it.
async fn actor(state: &AppState, caller: &Caller, tid: i64, ip: ClientIp) -> Result<By> {
    match caller {
        Caller::Contact(me) => {
            me.require(Right::ApproveTimesheets)?;
            if !portal::of_company(&state.db, me.customer_id, tid).await? {
                return Err(AppError::NotFound);
            }
            Ok(By {
                actor: Actor::Contact(me.contact_id),
                via: Via::Api,
                ip: Some(ip.0.to_string()),
            })
        }
        Caller::Staff(user) => {
            sheet_for(state, user, tid, Need::See).await?;
            Ok(By::new(Actor::Staff(user.id), Via::Api))
        }
    }
}

/// The `version` as read, and for a rejection the approver's comment (required).
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct DecisionIn {
    pub version: i64,
    #[serde(default)]
    pub comment: String,
}

/// A decided sheet as the approver may see it: never the pay (approvers see their price only).
#[derive(Debug, Serialize, ToSchema)]
pub struct DecisionOut {
    pub id: i64,
    /// `approved`, `rejected`, or still `submitted` after the first of two approvals.
    pub status: String,
    /// Whether the first of two approvals is given.
    pub first_approved: bool,
    pub version: i64,
}

async fn decided(state: &AppState, tid: i64) -> Result<Json<DecisionOut>> {
    let s = store::get(&state.db, tid)
        .await?
        .ok_or(AppError::NotFound)?;
    Ok(Json(DecisionOut {
        id: s.id,
        first_approved: s.first_approved_by_contact_id.is_some(),
        status: s.status,
        version: s.version,
    }))
}

/// Approve a submitted sheet, as one of the assignment's approvers (the portal's session). With
/// two approvers the first approval is recorded and the sheet waits for the other's.
#[utoipa::path(post, path = "/api/v1/timesheets/{tid}/approve", tag = "timesheets",
    params(("tid" = i64, Path, description = "The timesheet.")), request_body = DecisionIn,
    security(("portal" = [])),
    responses((status = 200, description = "Approved (or the first of two approvals recorded); its status and version now.", body = DecisionOut),
        (status = 403, description = "Not one of the assignment's approvers, without the *approve timesheets* right, or staff: approving is the customer's.", body = Problem),
        (status = 404, body = Problem),
        (status = 409, description = "Changed since the `version` sent (withdrawn, decided by someone else), or already approved by you as the first of two.", body = Problem)))]
#[tracing::instrument(skip_all, fields(sheet = tid))]
pub async fn approve_timesheet(
    State(state): State<AppState>,
    caller: Caller,
    ip: ClientIp,
    Path(tid): Path<i64>,
    ApiJson(body): ApiJson<DecisionIn>,
) -> Result<Json<DecisionOut>> {
    let by = actor(&state, &caller, tid, ip).await?;
    let mut tx = state.db.begin().await?;
    store::approve(&mut tx, tid, body.version, &by).await?;
    tx.commit().await?;
    decided(&state, tid).await
}

/// Reject a submitted sheet with a comment (required), as one of the assignment's approvers.
#[utoipa::path(post, path = "/api/v1/timesheets/{tid}/reject", tag = "timesheets",
    params(("tid" = i64, Path, description = "The timesheet.")), request_body = DecisionIn,
    security(("portal" = [])),
    responses((status = 200, description = "Rejected; its status and version now.", body = DecisionOut),
        (status = 403, description = "Not one of the assignment's approvers, without the *approve timesheets* right, or staff: rejecting is the customer's.", body = Problem),
        (status = 404, body = Problem),
        (status = 409, description = "Changed since the `version` sent (withdrawn, decided by someone else).", body = Problem),
        (status = 422, description = "No comment (or one over 1,000 characters): `errors.comment`.", body = Problem)))]
#[tracing::instrument(skip_all, fields(sheet = tid))]
pub async fn reject_timesheet(
    State(state): State<AppState>,
    caller: Caller,
    ip: ClientIp,
    Path(tid): Path<i64>,
    ApiJson(body): ApiJson<DecisionIn>,
) -> Result<Json<DecisionOut>> {
    let by = actor(&state, &caller, tid, ip).await?;
    let mut tx = state.db.begin().await?;
    store::reject(&mut tx, tid, body.version, &body.comment, &by).await?;
    tx.commit().await?;
    decided(&state, tid).await
}
