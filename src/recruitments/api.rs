//! `/api/v1/recruitments`: the firm's recruitments at the customers the user may see (list,
//! one with its candidates, create), over the same store, checks and access rules as the
//! card's pages.

use axum::{
    Json, Router,
    extract::{Path, Query, State},
    http::{StatusCode, header},
    response::{IntoResponse, Response},
    routing::get,
};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use super::{
    form::checked,
    model::{RecruitmentDraft, Status},
    store::{self, Recruitment, RecruitmentCandidate},
};
use crate::{
    AppError, AppState, Result,
    auth::Staff,
    customers::access::{self, Need, Visibility},
    error::FieldErrors,
    money::{input_kr, input_share},
    web::json::{ApiJson, Problem, status_filter},
};

pub fn router() -> Router<AppState> {
    Router::new()
        .route(
            "/api/v1/recruitments",
            get(list_recruitments).post(create_recruitment),
        )
        .route("/api/v1/recruitments/{id}", get(get_recruitment))
}

#[derive(Serialize, ToSchema)]
pub struct RecruitmentOut {
    #[serde(flatten)]
    pub recruitment: Recruitment,
    /// The fee in øre excluding VAT (a percentage fee computed from the annual salary).
    pub fee_amount_ore: i64,
    /// The candidates on the board (only when one recruitment is read).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub candidates: Option<Vec<RecruitmentCandidate>>,
}

impl RecruitmentOut {
    fn of(recruitment: Recruitment) -> Self {
        Self {
            fee_amount_ore: recruitment.fee().amount_ore(),
            recruitment,
            candidates: None,
        }
    }
}

/// Recruitments, searching first, newest first.
#[derive(Serialize, ToSchema)]
pub struct RecruitmentList {
    pub items: Vec<RecruitmentOut>,
    /// How many match (the list holds at most 500).
    pub total: i64,
}

#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(default)]
pub struct RecruitmentQuery {
    /// `open`, `hired`, `reopened`, `cancelled` or `closed`; none: open, reopened and hired.
    pub status: Option<String>,
    /// Only this customer's.
    pub customer_id: Option<i64>,
}

/// A new recruitment.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewRecruitment {
    pub customer_id: i64,
    /// The position to fill.
    #[schema(max_length = 200)]
    pub title: String,
    /// STYRK-08 occupation code, four digits.
    pub styrk_code: Option<String>,
    #[schema(max_length = 10000)]
    pub description: Option<String>,
    /// `fixed` (then `fee_ore`) or `percent` (then `fee_percent_bp` and `annual_salary_ore`).
    pub fee_kind: String,
    pub fee_ore: Option<i64>,
    /// Basis points: 1500 = 15 %.
    pub fee_percent_bp: Option<i64>,
    pub annual_salary_ore: Option<i64>,
    /// 0–36.
    pub guarantee_months: Option<i64>,
    /// `replacement` (default) or `partial_credit` (then `guarantee_credit_bp`).
    pub guarantee_consequence: Option<String>,
    pub guarantee_credit_bp: Option<i64>,
    /// A contact of this customer.
    pub contact_id: Option<i64>,
    /// The responsible consultant (active staff).
    pub consultant_id: Option<i64>,
}

impl NewRecruitment {
    fn draft(&self) -> RecruitmentDraft {
        let s = |v: Option<i64>| v.map(|v| v.to_string()).unwrap_or_default();
        RecruitmentDraft {
            title: self.title.clone(),
            styrk_code: self.styrk_code.clone().unwrap_or_default(),
            description: self.description.clone().unwrap_or_default(),
            fee_kind: self.fee_kind.clone(),
            // Negative amounts become text the parser refuses.
            fee: self
                .fee_ore
                .map(|v| if v < 0 { v.to_string() } else { input_kr(v) })
                .unwrap_or_default(),
            fee_percent: self
                .fee_percent_bp
                .map(|v| if v < 0 { v.to_string() } else { input_share(v) })
                .unwrap_or_default(),
            annual_salary: self
                .annual_salary_ore
                .map(|v| if v < 0 { v.to_string() } else { input_kr(v) })
                .unwrap_or_default(),
            guarantee_months: s(self.guarantee_months),
            guarantee_consequence: self.guarantee_consequence.clone().unwrap_or_default(),
            guarantee_credit_percent: self
                .guarantee_credit_bp
                .map(|v| if v < 0 { v.to_string() } else { input_share(v) })
                .unwrap_or_default(),
            contact_id: s(self.contact_id),
            consultant_id: s(self.consultant_id),
            version: String::new(),
        }
    }
}

/// The form's field names as the API's.
fn api_fields(e: FieldErrors) -> FieldErrors {
    let mut out = FieldErrors::default();
    for (field, msgs) in e.0 {
        let name = match field.as_str() {
            "fee" => "fee_ore",
            "fee_percent" => "fee_percent_bp",
            "annual_salary" => "annual_salary_ore",
            "guarantee_credit_percent" => "guarantee_credit_bp",
            other => other,
        };
        for m in msgs {
            out.add(name, m);
        }
    }
    out
}

async fn answer(state: &AppState, user: &Staff, id: i64) -> Result<RecruitmentOut> {
    let customer_id = store::customer_of(&state.db, id)
        .await?
        .ok_or(AppError::NotFound)?;
    access::load(state, user, customer_id, Need::See).await?;
    let r = store::get(&state.db, customer_id, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let mut out = RecruitmentOut::of(r);
    out.candidates = Some(store::candidates(&state.db, id).await?);
    Ok(out)
}

/// The recruitments at the customers the user may see.
#[utoipa::path(get, path = "/api/v1/recruitments", tag = "recruitments", params(RecruitmentQuery),
    responses((status = 200, description = "Recruitments, searching first, newest first.", body = RecruitmentList),
        (status = 422, body = Problem)))]
#[tracing::instrument(skip_all, fields(user_id = user.id))]
pub async fn list_recruitments(
    State(state): State<AppState>,
    user: Staff,
    Query(q): Query<RecruitmentQuery>,
) -> Result<Json<RecruitmentList>> {
    let status = status_filter(q.status.as_deref(), Status::parse)?;
    let visibility = Visibility::of(&user, state.config.consultant_scope);
    let (rows, total) = store::list(&state.db, visibility, status, q.customer_id).await?;
    Ok(Json(RecruitmentList {
        items: rows
            .into_iter()
            .map(|r| RecruitmentOut::of(r.recruitment))
            .collect(),
        total,
    }))
}

/// Read one recruitment with its candidates.
#[utoipa::path(get, path = "/api/v1/recruitments/{id}", tag = "recruitments",
    params(("id" = i64, Path, description = "The recruitment.")),
    responses((status = 200, description = "The recruitment with its candidates.", body = RecruitmentOut),
        (status = 404, body = Problem)))]
#[tracing::instrument(skip_all, fields(recruitment_id = id, user_id = user.id))]
pub async fn get_recruitment(
    State(state): State<AppState>,
    user: Staff,
    Path(id): Path<i64>,
) -> Result<Json<RecruitmentOut>> {
    Ok(Json(answer(&state, &user, id).await?))
}

/// Create a recruitment (open), checked as the card's form checks it.
#[utoipa::path(post, path = "/api/v1/recruitments", tag = "recruitments", request_body = NewRecruitment,
    responses((status = 201, description = "Created (open); `Location` names it.", body = RecruitmentOut),
        (status = 403, body = Problem), (status = 404, body = Problem), (status = 422, body = Problem)))]
#[tracing::instrument(skip_all, fields(user_id = user.id))]
pub async fn create_recruitment(
    State(state): State<AppState>,
    user: Staff,
    ApiJson(body): ApiJson<NewRecruitment>,
) -> Result<Response> {
    let customer_id = body.customer_id;
    access::load(&state, &user, customer_id, Need::Change).await?;
    let d = checked(&state, customer_id, &body.draft())
        .await?
        .map_err(|e| AppError::Invalid(api_fields(e)))?;
    let mut tx = state.db.begin().await?;
    let id = store::create(&mut tx, user.id, customer_id, &d).await?;
    tx.commit().await?;
    let out = answer(&state, &user, id).await?;
    Ok((
        StatusCode::CREATED,
        [(header::LOCATION, format!("/api/v1/recruitments/{id}"))],
        Json(out),
    )
        .into_response())
}
