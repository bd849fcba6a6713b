//! `/api/v1/vacancies`: the firm's vacancies at the customers the user may see (list, one,
//! create), over the same store, checks and access rules as the card's pages. The terms are
//! sent as the assignments' fields (`terms`, without a worker).

use std::collections::{HashMap, hash_map::Entry};

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
    model::{Status, VacancyDraft},
    store::{self, Candidate, Vacancy},
    terms,
};
use crate::{
    AppError, AppState, Result,
    assignments::{
        allowance::Allowance,
        api::{AssignmentFields, ComplianceOut, MarginOut, ReasonOut},
        evaluate::Evaluation,
        model::AssignmentDraft,
        tab::finding_text,
    },
    auth::Staff,
    customers::{
        access::{self, Need, Visibility},
        store::Customer,
    },
    error::{FieldErrors, Msg},
    i18n::Lang,
    timefmt::{now, when::oslo_date},
    web::json::{ApiJson, Problem, status_filter},
};

pub fn router() -> Router<AppState> {
    Router::new()
        .route(
            "/api/v1/vacancies",
            get(list_vacancies).post(create_vacancy),
        )
        .route("/api/v1/vacancies/{id}", get(get_vacancy))
}

#[derive(Serialize, ToSchema)]
pub struct VacancyOut {
    #[serde(flatten)]
    pub vacancy: Vacancy,
    /// The allowances (tillegg), amounts in øre per hour or per unit.
    pub allowances: Vec<Allowance>,
    /// The hiring law's light for the terms (the findings about a worker's papers come with
    /// the assignment made from the vacancy).
    pub compliance: ComplianceOut,
    pub margin: MarginOut,
    /// The workers linked to the vacancy (only when one vacancy is read).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub candidates: Option<Vec<Candidate>>,
}

impl VacancyOut {
    fn of(vacancy: Vacancy, e: &Evaluation, lang: Lang) -> Self {
        Self {
            allowances: vacancy.as_assignment(0).allowances(),
            vacancy,
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
            candidates: None,
        }
    }
}

/// Vacancies, soonest start first.
#[derive(Serialize, ToSchema)]
pub struct VacancyList {
    pub items: Vec<VacancyOut>,
    /// How many match (the list holds at most 500).
    pub total: i64,
}

#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(default)]
pub struct VacancyQuery {
    /// `open`, `filled` or `cancelled`; none: open and filled.
    pub status: Option<String>,
    /// Only this customer's.
    pub customer_id: Option<i64>,
}

/// A new vacancy: the customer, its own fields and the terms.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewVacancy {
    pub customer_id: i64,
    /// How many workers, 1–500.
    pub positions: i64,
    /// The STYRK-08 occupation's title (its code is `terms.styrk_code`).
    #[schema(max_length = 200)]
    pub occupation_title: Option<String>,
    #[schema(max_length = 10000)]
    pub description: Option<String>,
    #[schema(max_length = 5000)]
    pub requirements: Option<String>,
    /// The customer's contact for the vacancy: a contact of this customer.
    pub contact_id: Option<i64>,
    /// The terms as an assignment's fields, checked as the assignment's; `worker_id` is not
    /// taken (the workers come as candidates). `consultant_id` is the responsible consultant.
    pub terms: AssignmentFields,
}

async fn evaluated(
    state: &AppState,
    customer: &Customer,
    vacancies: Vec<Vacancy>,
    lang: Lang,
) -> Result<Vec<VacancyOut>> {
    let today = oslo_date(now());
    let e = terms::evaluate_stored(
        state,
        customer.id,
        customer.industry_code.as_deref(),
        &vacancies,
        today,
    )
    .await?;
    Ok(vacancies
        .into_iter()
        .zip(&e)
        .map(|(v, e)| VacancyOut::of(v, e, lang))
        .collect())
}

async fn answer(state: &AppState, user: &Staff, id: i64) -> Result<VacancyOut> {
    let customer_id = store::customer_of(&state.db, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let customer = access::load(state, user, customer_id, Need::See).await?;
    let v = store::get(&state.db, customer_id, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let mut out = evaluated(state, &customer, vec![v], user.lang)
        .await?
        .remove(0);
    out.candidates = Some(store::candidates(&state.db, id).await?);
    Ok(out)
}

/// The vacancies at the customers the user may see.
#[utoipa::path(get, path = "/api/v1/vacancies", tag = "vacancies", params(VacancyQuery),
    responses((status = 200, description = "Vacancies, soonest start first, each with the light and margin of its terms.", body = VacancyList),
        (status = 422, body = Problem)))]
#[tracing::instrument(skip_all, fields(user_id = user.id))]
pub async fn list_vacancies(
    State(state): State<AppState>,
    user: Staff,
    Query(q): Query<VacancyQuery>,
) -> Result<Json<VacancyList>> {
    let status = status_filter(q.status.as_deref(), Status::parse)?;
    let visibility = Visibility::of(&user, state.config.consultant_scope);
    let (rows, total) = store::list(&state.db, visibility, status, q.customer_id).await?;
    // Evaluated per customer: the rules read the customer's industry and terms.
    let mut items = Vec::with_capacity(rows.len());
    let mut customers: HashMap<i64, Customer> = HashMap::new();
    for r in rows {
        let cid = r.vacancy.customer_id;
        let c = match customers.entry(cid) {
            Entry::Occupied(o) => o.into_mut(),
            Entry::Vacant(v) => v.insert(access::load(&state, &user, cid, Need::See).await?),
        };
        items.extend(evaluated(&state, c, vec![r.vacancy], user.lang).await?);
    }
    Ok(Json(VacancyList { items, total }))
}

/// Read one vacancy with its candidates.
#[utoipa::path(get, path = "/api/v1/vacancies/{id}", tag = "vacancies",
    params(("id" = i64, Path, description = "The vacancy.")),
    responses((status = 200, description = "The vacancy with its light, margin and candidates.", body = VacancyOut),
        (status = 404, body = Problem)))]
#[tracing::instrument(skip_all, fields(vacancy_id = id, user_id = user.id))]
pub async fn get_vacancy(
    State(state): State<AppState>,
    user: Staff,
    Path(id): Path<i64>,
) -> Result<Json<VacancyOut>> {
    Ok(Json(answer(&state, &user, id).await?))
}

/// Create a vacancy (open), checked as the card's form checks it.
#[utoipa::path(post, path = "/api/v1/vacancies", tag = "vacancies", request_body = NewVacancy,
    responses((status = 201, description = "Created (open); `Location` names it.", body = VacancyOut),
        (status = 403, body = Problem), (status = 404, body = Problem), (status = 422, body = Problem)))]
#[tracing::instrument(skip_all, fields(user_id = user.id))]
pub async fn create_vacancy(
    State(state): State<AppState>,
    user: Staff,
    ApiJson(body): ApiJson<NewVacancy>,
) -> Result<Response> {
    let customer_id = body.customer_id;
    access::load(&state, &user, customer_id, Need::Change).await?;
    let mut errors = FieldErrors::default();
    if body.terms.worker_id.is_some() {
        errors.add("worker_id", Msg::new("vacancy-no-worker"));
    }
    let own = VacancyDraft {
        positions: body.positions.to_string(),
        occupation_title: body.occupation_title.unwrap_or_default(),
        description: body.description.unwrap_or_default(),
        requirements: body.requirements.unwrap_or_default(),
        contact_id: body.contact_id.map(|c| c.to_string()).unwrap_or_default(),
    };
    let mut draft = AssignmentDraft::default();
    for (field, msgs) in body.terms.apply(&mut draft).0 {
        for m in msgs {
            errors.add(&field, m);
        }
    }
    let (v, t) = match checked(&state, customer_id, &own, &draft).await? {
        Ok(ok) if errors.is_empty() => ok,
        Ok(_) => return Err(AppError::Invalid(errors)),
        Err(more) => {
            for (field, msgs) in more.0 {
                for m in msgs {
                    errors.add(&field, m);
                }
            }
            return Err(AppError::Invalid(errors));
        }
    };
    let mut tx = state.db.begin().await?;
    let id = store::create(&mut tx, user.id, customer_id, &v, &t).await?;
    tx.commit().await?;
    let body = answer(&state, &user, id).await?;
    Ok((
        StatusCode::CREATED,
        [(header::LOCATION, format!("/api/v1/vacancies/{id}"))],
        Json(body),
    )
        .into_response())
}
