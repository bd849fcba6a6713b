//! `/api/v1/workers`: the register of workers as JSON — the list with the page's search and
//! filters, one worker with skills and papers, create, patch, and papers added and removed —
//! with the pages' validation. Every staff member keeps the whole register (decision 0011);
//! API tokens are staff. The national identity number and the bank account are shown masked;
//! `POST …/national-id/reveal` and `POST …/bank-account/reveal` give them whole to admins and
//! managers, audited (decisions 0013 and 0073).

use axum::{
    Json, Router,
    extract::{Path, Query, State},
    http::{StatusCode, header},
    response::{IntoResponse, Response},
    routing::{delete, get, post},
};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::{
    bank,
    credentials::{self, Credential, CredentialDraft},
    form::to_draft,
    list::ListParams,
    model::WorkerDraft,
    national_id::{self, Masked, Purpose, Revealed},
    store::{self, ListRow, PAGE_SIZE, Worker},
};
use crate::{
    AppError, AppState, Result,
    auth::Staff,
    db::paging,
    error::Msg,
    timefmt::{now, when::oslo_date},
    web::json::{ApiJson, Problem},
};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/api/v1/workers", get(list_workers).post(create_worker))
        .route("/api/v1/workers/{id}", get(get_worker).patch(patch_worker))
        .route("/api/v1/workers/{id}/credentials", post(add_credential))
        .route(
            "/api/v1/workers/{id}/national-id/reveal",
            post(reveal_national_id),
        )
        .route(
            "/api/v1/workers/{id}/bank-account/reveal",
            post(reveal_bank_account),
        )
        .route(
            "/api/v1/workers/{id}/credentials/{cid}",
            delete(remove_credential),
        )
}

/// One page of workers in name order.
#[derive(Serialize, ToSchema)]
pub struct WorkerList {
    pub items: Vec<ListRow>,
    /// How many workers match, in all, when `total_is_exact`. Counting stops a row past
    /// 1,000: then `total_is_exact` is false and `total` is a lower bound (at least this many
    /// match; more than `total - 1`).
    pub total: i64,
    /// False when `total` is only a lower bound. `next_page` is right either way.
    pub total_is_exact: bool,
    pub page: i64,
    /// Workers per page.
    pub page_size: i64,
    /// The next page's number, when there is one.
    pub next_page: Option<i64>,
    /// When another page follows: pass as `after` (with `page` = `next_page`) to read the next
    /// page on from this one's last worker, as cheap however deep.
    pub next_after: Option<i64>,
}

/// A worker with their skills and dated papers.
#[derive(Serialize, ToSchema)]
pub struct WorkerOut {
    #[serde(flatten)]
    pub worker: Worker,
    pub skills: Vec<String>,
    pub credentials: Vec<Credential>,
    /// The national identity number, masked; `null` when none is stored.
    pub national_id: Option<Masked>,
}

/// A worker's fields as the API takes them (those of the page's form). On create `name` is
/// required; on patch only the fields sent change (an empty string clears a field).
#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct WorkerFields {
    #[schema(max_length = 200)]
    pub name: Option<String>,
    pub email: Option<String>,
    /// Norwegian numbers without country code are accepted; stored as E.164.
    pub mobile: Option<String>,
    #[schema(max_length = 200)]
    pub street: Option<String>,
    pub postal_code: Option<String>,
    #[schema(max_length = 100)]
    pub city: Option<String>,
    #[schema(max_length = 30)]
    pub employee_number: Option<String>,
    /// `candidate` (default), `employee` or `former`.
    pub status: Option<String>,
    /// Replaces all the worker's skills, in this order.
    pub skills: Option<Vec<String>>,
    #[schema(max_length = 500)]
    pub preferred_places: Option<String>,
    /// `YYYY-MM-DD`.
    pub available_from: Option<String>,
    /// A Norwegian account number (11 digits, MOD11) or an IBAN; stored encrypted and shown
    /// masked in answers (`•••• 7947`). An empty string removes it (and its BIC).
    pub bank_account: Option<String>,
    /// Needed with an IBAN of a foreign bank; saved together with `bank_account` only.
    pub bic: Option<String>,
    /// The worker needs a residence permit to work in Norway.
    pub needs_work_permit: Option<bool>,
    /// A fødselsnummer or D-number (11 digits, checked); stored encrypted and never shown
    /// whole in answers. An empty string removes it.
    pub national_id: Option<String>,
    /// On patch: the `version` you read (409 if it has changed since).
    pub version: Option<i64>,
}

impl WorkerFields {
    fn apply(self, d: &mut WorkerDraft) {
        let set = |t: &mut String, v: Option<String>| {
            if let Some(v) = v {
                *t = v;
            }
        };
        set(&mut d.name, self.name);
        set(&mut d.email, self.email);
        set(&mut d.mobile, self.mobile);
        set(&mut d.street, self.street);
        set(&mut d.postal_code, self.postal_code);
        set(&mut d.city, self.city);
        set(&mut d.employee_number, self.employee_number);
        set(&mut d.status, self.status);
        set(&mut d.skills, self.skills.map(|s| s.join(", ")));
        set(&mut d.preferred_places, self.preferred_places);
        set(&mut d.available_from, self.available_from);
        match self.bank_account {
            Some(v) if v.trim().is_empty() => d.bank_account_remove = "1".into(),
            Some(v) => d.bank_account = v,
            None => {}
        }
        set(&mut d.bic, self.bic);
        if let Some(n) = self.needs_work_permit {
            d.needs_work_permit = if n { "1".into() } else { String::new() };
        }
        match self.national_id {
            Some(v) if v.trim().is_empty() => d.national_id_remove = "1".into(),
            Some(v) => d.national_id = v,
            None => {}
        }
    }
}

/// A paper to add to a worker.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CredentialFields {
    /// `hms_card`, `work_permit`, `driving_licence`, `truck_licence` or `other`.
    pub kind: String,
    #[schema(max_length = 100)]
    pub reference: Option<String>,
    #[schema(max_length = 500)]
    pub note: Option<String>,
    /// `YYYY-MM-DD`; required for an HMS card and a work permit.
    pub valid_until: Option<String>,
}

async fn worker_out(state: &AppState, id: i64) -> Result<WorkerOut> {
    let worker = store::get(&state.db, id).await?.ok_or(AppError::NotFound)?;
    Ok(WorkerOut {
        national_id: worker.national_id(),
        skills: store::skills(&state.db, id).await?,
        credentials: credentials::list(&state.db, id).await?,
        worker,
    })
}

/// List and search workers, with the register page's filters.
#[utoipa::path(get, path = "/api/v1/workers", params(ListParams), tag = "workers",
    responses((status = 200, description = "One page of the matching workers.", body = WorkerList), (status = 422, body = Problem)))]
#[tracing::instrument(skip_all, fields(user_id = user.id))]
pub async fn list_workers(
    State(state): State<AppState>,
    user: Staff,
    Query(params): Query<ListParams>,
) -> Result<Json<WorkerList>> {
    let filter = params.parse(&user).map_err(AppError::Invalid)?;
    let page = store::list(&state.db, &filter, oslo_date(now())).await?;
    // Whether another page follows is read (a row past the page), not computed from the
    // count, which stops at its bound.
    let next_page = page
        .more
        .then_some(filter.page + 1)
        .filter(|&next| paging::offset(next, PAGE_SIZE).is_some());
    let next_after = next_page.and(page.rows.last().map(|r| r.worker.id));
    Ok(Json(WorkerList {
        items: page.rows,
        total: page.count.total,
        total_is_exact: page.count.exact,
        page: filter.page,
        page_size: PAGE_SIZE,
        next_page,
        next_after,
    }))
}

/// Read one worker, with skills and papers.
#[utoipa::path(get, path = "/api/v1/workers/{id}", params(("id" = i64, Path, description = "The worker.")), tag = "workers",
    responses((status = 200, description = "The worker.", body = WorkerOut), (status = 404, body = Problem)))]
#[tracing::instrument(skip_all, fields(worker_id = id, user_id = user.id))]
pub async fn get_worker(
    State(state): State<AppState>,
    user: Staff,
    Path(id): Path<i64>,
) -> Result<Json<WorkerOut>> {
    Ok(Json(worker_out(&state, id).await?))
}

/// Add a worker to the register.
#[utoipa::path(post, path = "/api/v1/workers", tag = "workers", request_body = WorkerFields,
    responses((status = 201, description = "Created; `Location` names the new worker.", body = WorkerOut), (status = 422, body = Problem)))]
#[tracing::instrument(skip_all, fields(user_id = user.id))]
pub async fn create_worker(
    State(state): State<AppState>,
    user: Staff,
    ApiJson(fields): ApiJson<WorkerFields>,
) -> Result<Response> {
    let mut draft = WorkerDraft::default();
    fields.apply(&mut draft);
    let data = draft.validate().map_err(AppError::Invalid)?;
    let mut tx = state.db.begin().await?;
    let id = store::create(&mut tx, user.id, &data).await?;
    national_id::apply(&mut tx, &state.data_key, id, &data.national_id).await?;
    bank::apply(&mut tx, &state.data_key, id, &data.bank).await?;
    tx.commit().await?;
    Ok((
        StatusCode::CREATED,
        [(header::LOCATION, format!("/api/v1/workers/{id}"))],
        Json(worker_out(&state, id).await?),
    )
        .into_response())
}

/// Change some fields of a worker.
#[utoipa::path(patch, path = "/api/v1/workers/{id}", params(("id" = i64, Path, description = "The worker.")), tag = "workers", request_body = WorkerFields,
    responses((status = 200, description = "Saved; the worker as they are now.", body = WorkerOut), (status = 404, body = Problem),
        (status = 409, body = Problem), (status = 422, body = Problem)))]
#[tracing::instrument(skip_all, fields(worker_id = id, user_id = user.id))]
pub async fn patch_worker(
    State(state): State<AppState>,
    user: Staff,
    Path(id): Path<i64>,
    jar: axum_extra::extract::CookieJar,
    ApiJson(fields): ApiJson<WorkerFields>,
) -> Result<Json<WorkerOut>> {
    let current = store::get(&state.db, id).await?.ok_or(AppError::NotFound)?;
    super::gdpr::refuse_if_erased(&current)?;
    let skills = store::skills(&state.db, id).await?;
    let expected = fields.version.unwrap_or(current.version);
    let mut draft = to_draft(&current, &skills);
    fields.apply(&mut draft);
    let data = draft.validate().map_err(AppError::Invalid)?;
    // A browser session changing where the worker's pay goes must have logged in lately (the
    // form asks for the password; the API cannot). A personal API token is its own credential.
    if super::form::changes_bank_details(&state, &current, &data).await?
        && !crate::auth::reauth::is_fresh(&state, &jar).await?
    {
        return Err(AppError::ForbiddenBecause(Msg::new(
            "worker-bank-account-reauth",
        )));
    }
    let mut tx = state.db.begin().await?;
    if !store::update(&mut tx, id, expected, &data).await? {
        return Err(AppError::Conflict(
            Msg::new("worker-stale-api").arg("version", current.version),
        ));
    }
    national_id::apply(&mut tx, &state.data_key, id, &data.national_id).await?;
    bank::apply(&mut tx, &state.data_key, id, &data.bank).await?;
    tx.commit().await?;
    Ok(Json(worker_out(&state, id).await?))
}

/// What both reveals (national id, bank account) check first: admins and managers only (403
/// for consultants), and a worker that exists (404).
async fn may_reveal(state: &AppState, user: &Staff, id: i64) -> Result<()> {
    if !national_id::may_reveal(user.role) {
        return Err(AppError::Forbidden);
    }
    store::get(&state.db, id).await?.ok_or(AppError::NotFound)?;
    Ok(())
}

/// A revealed value, never kept by a cache on the way.
fn not_stored(body: impl IntoResponse) -> Response {
    ([(header::CACHE_CONTROL, "no-store")], body).into_response()
}

/// Reveal a worker's whole national identity number: admins and managers only (403 for
/// consultants); every reveal is written to the audit log. 404 when none is stored.
#[utoipa::path(post, path = "/api/v1/workers/{id}/national-id/reveal", params(("id" = i64, Path, description = "The worker.")), tag = "workers",
    responses((status = 200, description = "The whole number, audited.", body = Revealed), (status = 403, body = Problem),
        (status = 404, body = Problem), (status = 409, body = Problem)))]
#[tracing::instrument(skip_all, fields(worker_id = id, user_id = user.id))]
pub async fn reveal_national_id(
    State(state): State<AppState>,
    user: Staff,
    Path(id): Path<i64>,
) -> Result<Response> {
    may_reveal(&state, &user, id).await?;
    let mut tx = state.db.begin().await?;
    let revealed = national_id::reveal(&mut tx, &state.data_key, id, user.id, Purpose::Api)
        .await?
        .ok_or(AppError::NotFound)?;
    tx.commit().await?;
    Ok(not_stored(Json(revealed)))
}

/// Reveal a worker's whole bank account: admins and managers only (403 for consultants);
/// every reveal is written to the audit log. 404 when none is stored.
#[utoipa::path(post, path = "/api/v1/workers/{id}/bank-account/reveal", params(("id" = i64, Path, description = "The worker.")), tag = "workers",
    responses((status = 200, description = "The whole account, audited.", body = bank::RevealedAccount), (status = 403, body = Problem),
        (status = 404, body = Problem), (status = 409, body = Problem)))]
#[tracing::instrument(skip_all, fields(worker_id = id, user_id = user.id))]
pub async fn reveal_bank_account(
    State(state): State<AppState>,
    user: Staff,
    Path(id): Path<i64>,
) -> Result<Response> {
    may_reveal(&state, &user, id).await?;
    let mut tx = state.db.begin().await?;
    let revealed = bank::reveal(&mut tx, &state.data_key, id, user.id, Purpose::Api)
        .await?
        .ok_or(AppError::NotFound)?;
    tx.commit().await?;
    Ok(not_stored(Json(revealed)))
}

/// Add a dated paper (HMS card, work permit, licence) to a worker.
#[utoipa::path(post, path = "/api/v1/workers/{id}/credentials", params(("id" = i64, Path, description = "The worker.")), tag = "workers", request_body = CredentialFields,
    responses((status = 201, description = "Added; the paper.", body = Credential), (status = 404, body = Problem), (status = 422, body = Problem)))]
#[tracing::instrument(skip_all, fields(worker_id = id, user_id = user.id))]
pub async fn add_credential(
    State(state): State<AppState>,
    user: Staff,
    Path(id): Path<i64>,
    ApiJson(fields): ApiJson<CredentialFields>,
) -> Result<Response> {
    store::get(&state.db, id).await?.ok_or(AppError::NotFound)?;
    let draft = CredentialDraft {
        kind: fields.kind,
        reference: fields.reference.unwrap_or_default(),
        note: fields.note.unwrap_or_default(),
        valid_until: fields.valid_until.unwrap_or_default(),
    };
    let data = draft.validate().map_err(AppError::Invalid)?;
    let mut tx = state.db.begin().await?;
    let cid = credentials::add(&mut tx, user.id, id, &data).await?;
    tx.commit().await?;
    let credential = credentials::list(&state.db, id)
        .await?
        .into_iter()
        .find(|c| c.id == cid)
        .ok_or(AppError::NotFound)?;
    Ok((
        StatusCode::CREATED,
        [(header::LOCATION, format!("/api/v1/workers/{id}"))],
        Json(credential),
    )
        .into_response())
}

/// Remove one of a worker's papers.
#[utoipa::path(delete, path = "/api/v1/workers/{id}/credentials/{cid}", params(("id" = i64, Path, description = "The worker."), ("cid" = i64, Path, description = "The paper.")), tag = "workers",
    responses((status = 204, description = "Removed."), (status = 404, body = Problem)))]
#[tracing::instrument(skip_all, fields(worker_id = id, credential_id = cid, user_id = user.id))]
pub async fn remove_credential(
    State(state): State<AppState>,
    user: Staff,
    Path((id, cid)): Path<(i64, i64)>,
) -> Result<StatusCode> {
    let mut tx = state.db.begin().await?;
    if !credentials::remove(&mut tx, id, cid).await? {
        return Err(AppError::NotFound);
    }
    tx.commit().await?;
    tracing::info!(user = user.id, "credential removed");
    Ok(StatusCode::NO_CONTENT)
}
