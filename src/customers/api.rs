//! The customers' JSON API: `/api/v1/customers` — list (same search, scope and filters as the
//! page), create, read, patch — and the overview's arrangement and fixed comments
//! ([`overview`]).

pub mod overview;

use axum::{
    Json, Router,
    extract::{Path, Query, State},
    http::{StatusCode, header},
    response::{IntoResponse, Response},
    routing::get,
};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::{
    AppError, AppState, Result,
    auth::Staff,
    customers::{
        access::{self, Need, Visibility},
        list::{self, ListItem, ListParams},
        model::CustomerDraft,
        store::{self, Customer, Updated},
    },
    db::paging,
    error::Msg,
    web::json::{ApiJson, Problem},
};

pub fn router() -> Router<AppState> {
    Router::new()
        .route(
            "/api/v1/customers",
            get(list_customers).post(create_customer),
        )
        .route(
            "/api/v1/customers/{id}",
            get(get_customer).patch(patch_customer),
        )
        .route(
            "/api/v1/card-layout",
            get(overview::get_card_layout).put(overview::put_card_layout),
        )
        .route(
            "/api/v1/customers/{id}/comments",
            get(overview::list_comments).post(overview::create_comment),
        )
}

#[derive(Serialize, ToSchema)]
pub struct CustomerList {
    pub items: Vec<ListItem>,
    /// How many customers match, in all, when `total_is_exact`. Counting stops a row past
    /// 1,000 (or past the page asked for, when deeper): then `total_is_exact` is false and
    /// `total` is a lower bound (at least this many match; more than `total - 1`).
    pub total: i64,
    /// False when `total` is only a lower bound. `next_page` is right either way.
    pub total_is_exact: bool,
    pub page: i64,
    pub limit: i64,
    /// The next page's number, when there is one.
    pub next_page: Option<i64>,
    /// Pass as `after` with `next_page` to read the next page on from this one's last
    /// customer (as cheap however deep), when the order allows it (sorted by name, customer
    /// number or last change, not a ranked search).
    pub next_after: Option<i64>,
}

/// Fields of a customer as the API takes them. On create, `name` is required; on patch, only
/// the fields sent change (an empty string clears a field).
#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CustomerFields {
    #[schema(max_length = 200)]
    pub name: Option<String>,
    /// Nine digits, spaces allowed; MOD11-checked.
    pub org_number: Option<String>,
    /// `potential`, `active` or `former`.
    pub status: Option<String>,
    pub owner_id: Option<i64>,
    pub department_id: Option<i64>,
    /// NACE code, e.g. `78.200`.
    #[schema(max_length = 6)]
    pub industry_code: Option<String>,
    #[schema(max_length = 200)]
    pub industry_text: Option<String>,
    #[schema(max_length = 200)]
    pub visit_street: Option<String>,
    pub visit_postal_code: Option<String>,
    #[schema(max_length = 200)]
    pub postal_street: Option<String>,
    pub postal_postal_code: Option<String>,
    #[schema(max_length = 254)]
    pub email: Option<String>,
    pub phone: Option<String>,
    pub website: Option<String>,
    /// On patch: the `version` you read; a newer one on the server gives 409 instead of
    /// overwriting someone else's change.
    pub version: Option<i64>,
}

impl CustomerFields {
    fn apply(self, draft: &mut CustomerDraft) {
        let set = |target: &mut String, v: Option<String>| {
            if let Some(v) = v {
                *target = v;
            }
        };
        set(&mut draft.name, self.name);
        set(&mut draft.org_number, self.org_number);
        set(&mut draft.status, self.status);
        set(&mut draft.owner_id, self.owner_id.map(|v| v.to_string()));
        set(
            &mut draft.department_id,
            self.department_id.map(|v| v.to_string()),
        );
        set(&mut draft.industry_code, self.industry_code);
        set(&mut draft.industry_text, self.industry_text);
        set(&mut draft.visit_street, self.visit_street);
        set(&mut draft.visit_postal_code, self.visit_postal_code);
        set(&mut draft.postal_street, self.postal_street);
        set(&mut draft.postal_postal_code, self.postal_postal_code);
        set(&mut draft.email, self.email);
        set(&mut draft.phone, self.phone);
        set(&mut draft.website, self.website);
    }
}

/// List and search customers.
#[utoipa::path(get, path = "/api/v1/customers", params(ListParams), tag = "customers",
    responses((status = 200, description = "One page of the matching customers.", body = CustomerList),
        (status = 401, body = Problem), (status = 422, body = Problem)))]
#[tracing::instrument(skip_all, fields(user_id = user.id))]
pub async fn list_customers(
    State(state): State<AppState>,
    user: Staff,
    Query(params): Query<ListParams>,
) -> Result<Json<CustomerList>> {
    let query = params.parse().map_err(AppError::Invalid)?;
    let visibility = Visibility::of(&user, state.config.consultant_scope);
    let page = list::fetch(&state.db, &user, visibility, &query).await?;
    let next_page = query
        .page
        .checked_mul(query.limit)
        .is_some_and(|seen| seen < page.total)
        .then_some(query.page + 1)
        .filter(|&next| paging::offset(next, query.limit).is_some());
    let next_after = next_page
        .filter(|_| query.keyset())
        .and(page.items.last().map(|c| c.id));
    Ok(Json(CustomerList {
        next_after,
        items: page.items,
        total: page.total,
        total_is_exact: page.total_is_exact,
        page: query.page,
        limit: query.limit,
        next_page,
    }))
}

/// Create a customer.
#[utoipa::path(post, path = "/api/v1/customers", request_body = CustomerFields, tag = "customers",
    responses((status = 201, description = "Created; `Location` names the new customer.", body = Customer),
        (status = 400, body = Problem), (status = 422, body = Problem)))]
#[tracing::instrument(skip_all, fields(user_id = user.id))]
pub async fn create_customer(
    State(state): State<AppState>,
    user: Staff,
    ApiJson(fields): ApiJson<CustomerFields>,
) -> Result<Response> {
    let mut draft = CustomerDraft {
        owner_id: user.id.to_string(),
        department_id: user
            .department_id
            .map(|d| d.to_string())
            .unwrap_or_default(),
        ..Default::default()
    };
    fields.apply(&mut draft);
    let data = draft.validate().map_err(AppError::Invalid)?;
    let visibility = Visibility::of(&user, state.config.consultant_scope);
    let mut tx = state.db.begin().await?;
    let id = store::create(&mut tx, visibility, Some(user.id), &data).await?;
    state.db.commit_and_recount(tx).await?;
    let customer = store::get(&state.db, Visibility::All, id)
        .await?
        .ok_or(AppError::NotFound)?;
    Ok((
        StatusCode::CREATED,
        [(header::LOCATION, format!("/api/v1/customers/{id}"))],
        Json(customer),
    )
        .into_response())
}

/// Read one customer.
#[utoipa::path(get, path = "/api/v1/customers/{id}", tag = "customers",
    responses((status = 200, description = "The customer.", body = Customer), (status = 404, body = Problem)))]
#[tracing::instrument(skip_all, fields(customer_id = id, user_id = user.id))]
pub async fn get_customer(
    State(state): State<AppState>,
    user: Staff,
    Path(id): Path<i64>,
) -> Result<Json<Customer>> {
    Ok(Json(access::load(&state, &user, id, Need::See).await?))
}

/// Change some fields of a customer.
#[utoipa::path(patch, path = "/api/v1/customers/{id}", request_body = CustomerFields, tag = "customers",
    responses((status = 200, description = "Saved; the customer as it is now.", body = Customer), (status = 403, body = Problem), (status = 404, body = Problem),
        (status = 409, body = Problem), (status = 422, body = Problem)))]
#[tracing::instrument(skip_all, fields(customer_id = id, user_id = user.id))]
pub async fn patch_customer(
    State(state): State<AppState>,
    user: Staff,
    Path(id): Path<i64>,
    ApiJson(fields): ApiJson<CustomerFields>,
) -> Result<Json<Customer>> {
    let current = access::load(&state, &user, id, Need::Change).await?;
    let visibility = Visibility::of(&user, state.config.consultant_scope);
    let expected = fields.version.unwrap_or(current.version);
    let mut draft = current.to_draft();
    fields.apply(&mut draft);
    let data = draft.validate().map_err(AppError::Invalid)?;
    let mut tx = state.db.begin().await?;
    match store::update(&mut tx, visibility, user.id, &current, expected, &data).await? {
        Updated::Saved(_) => state.db.commit_and_recount(tx).await?,
        Updated::Stale(fresh) => {
            return Err(AppError::Conflict(
                Msg::new("stale-edit-api").arg("version", fresh.version),
            ));
        }
    }
    Ok(Json(
        store::get(&state.db, Visibility::All, id)
            .await?
            .ok_or(AppError::NotFound)?,
    ))
}
