//! `/api/v1/customers/{id}/assignments`: a customer's assignments as JSON, each with its
//! compliance light and margin, with the same validation, reference checks, access rules and
//! status moves as the card's pages.

use axum::{
    Json, Router,
    extract::{Path, State},
    http::{StatusCode, header},
    response::{IntoResponse, Response},
    routing::{get, post},
};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::{
    allowance::Allowance,
    evaluate::{Evaluation, Subject, evaluate_all},
    input, moves,
    store::{self, Assignment},
    tab::finding_text,
};
use crate::{
    AppError, AppState, Result,
    auth::Staff,
    customers::{
        access::{self, Need},
        store::Customer,
    },
    error::Msg,
    i18n::Lang,
    timefmt::{now, when::oslo_date},
    web::json::{ApiJson, Problem},
};

mod fields;

pub use fields::AssignmentFields;
use fields::checked;

pub fn router() -> Router<AppState> {
    Router::new()
        .route(
            "/api/v1/customers/{id}/assignments",
            get(list_assignments).post(create_assignment),
        )
        .route(
            "/api/v1/customers/{id}/assignments/{aid}",
            get(get_assignment).patch(patch_assignment),
        )
        .route(
            "/api/v1/customers/{id}/assignments/{aid}/status",
            post(move_assignment),
        )
}

/// One reason for the light, in the user's language.
#[derive(Serialize, ToSchema)]
pub struct ReasonOut {
    /// `green`, `yellow` or `red`.
    pub light: &'static str,
    /// Stable code, e.g. `no-hms-card`.
    pub code: &'static str,
    pub text: String,
}

/// The hiring law's light: red blocks activation, yellow warns.
#[derive(Serialize, ToSchema)]
pub struct ComplianceOut {
    /// `green`, `yellow` or `red`.
    pub light: &'static str,
    pub reasons: Vec<ReasonOut>,
}

/// The margin per hour, in øre.
#[derive(Serialize, ToSchema)]
pub struct MarginOut {
    /// Bill rate minus what the hour costs the agency (negative: a loss).
    pub per_hour_ore: i64,
    /// The margin as a share of the bill rate, in basis points (1 % = 100).
    pub share_bp: Option<i64>,
    /// Pay plus holiday pay, employer's contribution, pension and insurance.
    pub cost_per_hour_ore: i64,
}

#[derive(Serialize, ToSchema)]
pub struct AssignmentOut {
    #[serde(flatten)]
    pub assignment: Assignment,
    /// The allowances (tillegg), amounts in øre per hour or per unit.
    pub allowances: Vec<Allowance>,
    pub compliance: ComplianceOut,
    pub margin: MarginOut,
}

impl AssignmentOut {
    fn of(assignment: Assignment, e: &Evaluation, lang: Lang) -> Self {
        Self {
            allowances: assignment.allowances(),
            assignment,
            compliance: ComplianceOut {
                light: e.light.key(),
                reasons: e
                    .findings
                    .iter()
                    .map(|f| ReasonOut {
                        light: f.light.key(),
                        code: f.code,
                        text: finding_text(lang, f),
                    })
                    .collect(),
            },
            margin: MarginOut {
                per_hour_ore: e.margin.per_hour,
                share_bp: e.margin.share_bp,
                cost_per_hour_ore: e.margin.cost_per_hour,
            },
        }
    }
}

/// A customer's assignments: current and upcoming first, then ended and cancelled.
#[derive(Serialize, ToSchema)]
pub struct AssignmentList {
    pub items: Vec<AssignmentOut>,
    pub total: i64,
}

/// The light and margin of stored assignments of `customer`.
async fn evaluate(
    state: &AppState,
    customer: &Customer,
    all: &[Assignment],
) -> Result<Vec<Evaluation>> {
    let (costs, rules) = store::settings(&state.db).await?;
    let today = oslo_date(now());
    let subjects: Vec<Subject> = all.iter().map(|a| Subject::of(a, today)).collect();
    evaluate_all(
        &state.db,
        customer.id,
        customer.industry_code.as_deref(),
        &subjects,
        &costs,
        &rules,
        today,
    )
    .await
}

/// One assignment of a customer the user may see (`need`), evaluated.
async fn load(
    state: &AppState,
    user: &Staff,
    id: i64,
    aid: i64,
    need: Need,
) -> Result<(Customer, Assignment, Evaluation)> {
    let customer = access::load(state, user, id, need).await?;
    let a = store::get(&state.db, id, aid)
        .await?
        .ok_or(AppError::NotFound)?;
    let e = evaluate(state, &customer, std::slice::from_ref(&a))
        .await?
        .remove(0);
    Ok((customer, a, e))
}

async fn answer(state: &AppState, user: &Staff, id: i64, aid: i64) -> Result<AssignmentOut> {
    let (_, a, e) = load(state, user, id, aid, Need::See).await?;
    Ok(AssignmentOut::of(a, &e, user.lang))
}

/// A customer's assignments, each with its light and margin.
#[utoipa::path(get, path = "/api/v1/customers/{id}/assignments", tag = "assignments",
    params(("id" = i64, Path, description = "The customer.")),
    responses((status = 200, description = "The customer's assignments: current and upcoming first, then ended and cancelled.", body = AssignmentList),
        (status = 404, body = Problem)))]
#[tracing::instrument(skip_all, fields(customer_id = id, user_id = user.id))]
pub async fn list_assignments(
    State(state): State<AppState>,
    user: Staff,
    Path(id): Path<i64>,
) -> Result<Json<AssignmentList>> {
    let customer = access::load(&state, &user, id, Need::See).await?;
    let all = store::list_for_customer(&state.db, id).await?;
    let evaluations = evaluate(&state, &customer, &all).await?;
    let items: Vec<AssignmentOut> = all
        .into_iter()
        .zip(&evaluations)
        .map(|(a, e)| AssignmentOut::of(a, e, user.lang))
        .collect();
    Ok(Json(AssignmentList {
        total: items.len() as i64,
        items,
    }))
}

/// Read one assignment.
#[utoipa::path(get, path = "/api/v1/customers/{id}/assignments/{aid}", params(("id" = i64, Path, description = "The customer."), ("aid" = i64, Path, description = "The assignment.")), tag = "assignments",
    responses((status = 200, description = "The assignment with its light and margin.", body = AssignmentOut), (status = 404, body = Problem)))]
#[tracing::instrument(skip_all, fields(customer_id = id, assignment_id = aid, user_id = user.id))]
pub async fn get_assignment(
    State(state): State<AppState>,
    user: Staff,
    Path((id, aid)): Path<(i64, i64)>,
) -> Result<Json<AssignmentOut>> {
    Ok(Json(answer(&state, &user, id, aid).await?))
}

/// Create an assignment (planned), checked as the card's form checks it.
#[utoipa::path(post, path = "/api/v1/customers/{id}/assignments", tag = "assignments",
    params(("id" = i64, Path, description = "The customer.")), request_body = AssignmentFields,
    responses((status = 201, description = "Created (planned); `Location` names it.", body = AssignmentOut), (status = 403, body = Problem),
        (status = 422, body = Problem)))]
#[tracing::instrument(skip_all, fields(customer_id = id, user_id = user.id))]
pub async fn create_assignment(
    State(state): State<AppState>,
    user: Staff,
    Path(id): Path<i64>,
    ApiJson(fields): ApiJson<AssignmentFields>,
) -> Result<Response> {
    access::load(&state, &user, id, Need::Change).await?;
    let mut draft = super::model::AssignmentDraft::default();
    let errors = fields.apply(&mut draft);
    let data = checked(&state, id, &draft, errors).await?;
    let mut tx = state.db.begin().await?;
    let aid = store::create(&mut tx, user.id, id, &data).await?;
    tx.commit().await?;
    let body = answer(&state, &user, id, aid).await?;
    Ok((
        StatusCode::CREATED,
        [(
            header::LOCATION,
            format!("/api/v1/customers/{id}/assignments/{aid}"),
        )],
        Json(body),
    )
        .into_response())
}

/// Change some fields of a planned or active assignment.
#[utoipa::path(patch, path = "/api/v1/customers/{id}/assignments/{aid}", params(("id" = i64, Path, description = "The customer."), ("aid" = i64, Path, description = "The assignment.")), tag = "assignments", request_body = AssignmentFields,
    responses((status = 200, description = "Saved; the assignment as it is now.", body = AssignmentOut), (status = 403, body = Problem), (status = 404, body = Problem),
        (status = 409, description = "Changed by someone else since the `version` sent, or ended or cancelled (those cannot be changed).", body = Problem),
        (status = 422, body = Problem)))]
#[tracing::instrument(skip_all, fields(customer_id = id, assignment_id = aid, user_id = user.id))]
pub async fn patch_assignment(
    State(state): State<AppState>,
    user: Staff,
    Path((id, aid)): Path<(i64, i64)>,
    ApiJson(fields): ApiJson<AssignmentFields>,
) -> Result<Json<AssignmentOut>> {
    let (_, a, _) = load(&state, &user, id, aid, Need::Change).await?;
    if matches!(a.status.as_str(), "ended" | "cancelled") {
        return Err(AppError::Conflict(Msg::new("assignment-closed")));
    }
    let expected = fields.version.unwrap_or(a.version);
    let terms = match a.equal_terms_id {
        Some(t) => store::equal_terms(&state.db, t).await?,
        None => None,
    };
    let mut draft = input::to_draft(&a, terms);
    let old = draft.validate().ok();
    let errors = fields.apply(&mut draft);
    let data = checked(&state, id, &draft, errors).await?;
    let mut tx = state.db.begin().await?;
    if !store::update(&mut tx, user.id, &a, old.as_ref(), expected, &data).await? {
        return Err(AppError::Conflict(
            Msg::new("assignment-stale-api").arg("version", a.version),
        ));
    }
    tx.commit().await?;
    Ok(Json(answer(&state, &user, id, aid).await?))
}

/// A move between statuses.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct StatusMove {
    /// `activate` (planned → active; refused while the light is red), `extend` (a new end date,
    /// or none for an open end), `end` (active → ended on `to_date`), `cancel` (planned only).
    pub action: String,
    /// `YYYY-MM-DD`, for `extend` and `end`.
    pub to_date: Option<String>,
}

/// Activate, extend, end or cancel an assignment, by the card's rules.
#[utoipa::path(post, path = "/api/v1/customers/{id}/assignments/{aid}/status", params(("id" = i64, Path, description = "The customer."), ("aid" = i64, Path, description = "The assignment.")), tag = "assignments", request_body = StatusMove,
    responses((status = 200, description = "Moved; the assignment as it is now.", body = AssignmentOut), (status = 403, body = Problem), (status = 404, body = Problem),
        (status = 409, description = "The move is refused: activation while the light is red, an end date before the start, a move the status does not allow, or a change by someone else meanwhile.", body = Problem),
        (status = 422, body = Problem)))]
#[tracing::instrument(skip_all, fields(customer_id = id, assignment_id = aid, user_id = user.id))]
pub async fn move_assignment(
    State(state): State<AppState>,
    user: Staff,
    Path((id, aid)): Path<(i64, i64)>,
    ApiJson(body): ApiJson<StatusMove>,
) -> Result<Json<AssignmentOut>> {
    let (_, a, e) = load(&state, &user, id, aid, Need::Change).await?;
    let to_date = body.to_date.unwrap_or_default();
    let mut tx = state.db.begin().await?;
    if let Err(key) = moves::perform(&mut tx, user.id, &a, e.light, &body.action, &to_date).await? {
        return Err(AppError::Conflict(Msg::new(key)));
    }
    tx.commit().await?;
    Ok(Json(answer(&state, &user, id, aid).await?))
}
