//! `/api/v1/activities` and `/api/v1/activity-types`: JSON over the same feature functions as
//! the pages, with the same access rules.

use axum::{
    Json, Router,
    extract::{Path, Query, State},
    http::StatusCode,
    response::{IntoResponse, Response},
    routing::get,
};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

pub mod types;

use super::{
    access::{self, DiaryView},
    form_view::to_draft,
    model::ActivityDraft,
    query::{self, ActivityFilterParams, ActivityRow},
    schedule,
    store::{self, Person},
    types as activity_types,
};
use crate::{
    AppError, AppState, Result,
    auth::Staff,
    customers::access::{self as customer_access, Need, Visibility},
    error::{FieldErrors, Msg},
    timefmt::when,
    web::json::{ApiJson, Problem},
};

pub fn router() -> Router<AppState> {
    Router::new()
        .route(
            "/api/v1/activity-types",
            get(types::list_types).post(types::create_type),
        )
        .route(
            "/api/v1/activity-types/{id}",
            axum::routing::patch(types::patch_type),
        )
        .route(
            "/api/v1/activities",
            get(list_activities).post(create_activity),
        )
        .route(
            "/api/v1/activities/{id}",
            get(get_activity)
                .patch(patch_activity)
                .delete(delete_activity),
        )
}

/// An activity as the API shows it. Times are unix seconds (UTC) and ISO 8601 in Oslo time.
#[derive(Serialize, ToSchema)]
pub struct ActivityOut {
    pub id: i64,
    pub customer_id: Option<i64>,
    pub customer_name: Option<String>,
    pub type_id: i64,
    pub type_name: String,
    pub colour: String,
    /// `appointment` or `task`.
    pub kind: String,
    pub title: String,
    pub notes: Option<String>,
    pub starts_at: i64,
    pub ends_at: i64,
    pub start: String,
    pub end: String,
    pub all_day: bool,
    /// Tasks: `YYYY-MM-DD`.
    pub due_date: Option<String>,
    pub location: Option<String>,
    pub done: bool,
    pub follows_activity_id: Option<i64>,
    pub participants: Vec<Person>,
    pub contacts: Vec<Person>,
    pub version: i64,
    pub updated_at: i64,
}

/// Activities: for a customer at most the first 1,000 of `total`; for a diary all in the range.
#[derive(Serialize, ToSchema)]
pub struct ActivityList {
    pub items: Vec<ActivityOut>,
    pub total: i64,
}

fn out(row: ActivityRow, user: &Staff) -> ActivityOut {
    let a = row.activity;
    ActivityOut {
        type_name: activity_types::label(user.lang, a.type_key.as_deref(), a.type_name.as_deref()),
        start: when::iso_oslo(a.starts_at),
        end: when::iso_oslo(a.ends_at),
        all_day: a.all_day == 1,
        done: a.done == 1,
        id: a.id,
        customer_id: a.customer_id,
        customer_name: a.customer_name,
        type_id: a.type_id,
        colour: a.colour,
        kind: a.kind,
        title: a.title,
        notes: a.notes,
        starts_at: a.starts_at,
        ends_at: a.ends_at,
        due_date: a.due_date,
        location: a.location,
        follows_activity_id: a.follows_activity_id,
        participants: row.participants,
        contacts: row.contacts,
        version: a.version,
        updated_at: a.updated_at,
    }
}

/// Fields of an activity as the API takes them. On create, `type_id`, `title`, `participants`
/// and the time (`start` [+ `end`], or `due_date` for tasks) are required; on patch only the
/// fields sent change.
#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ActivityInput {
    /// Only on create: the customer the activity belongs to (none: a personal activity).
    pub customer_id: Option<i64>,
    pub type_id: Option<i64>,
    #[schema(max_length = 200)]
    pub title: Option<String>,
    #[schema(max_length = 10000)]
    pub notes: Option<String>,
    /// `YYYY-MM-DDTHH:MM` in Oslo time or RFC 3339; a date for all-day activities. An activity
    /// lasts at most 62 days from `start` to `end`.
    pub start: Option<String>,
    pub end: Option<String>,
    pub all_day: Option<bool>,
    /// Tasks: `YYYY-MM-DD`.
    pub due_date: Option<String>,
    #[schema(max_length = 200)]
    pub location: Option<String>,
    pub done: Option<bool>,
    /// User ids of the staff taking part.
    pub participants: Option<Vec<i64>>,
    /// Contact ids (of the same customer).
    pub contacts: Option<Vec<i64>>,
    /// On patch: the `version` you read; a newer one gives 409.
    pub version: Option<i64>,
}

impl ActivityInput {
    fn apply(self, d: &mut ActivityDraft) {
        let flag = |b: bool| b.then(|| "1".to_string());
        let ids = |v: Vec<i64>| v.into_iter().map(|i| i.to_string()).collect();
        if let Some(v) = self.type_id {
            d.type_id = v.to_string();
        }
        if let Some(v) = self.title {
            d.title = v;
        }
        if let Some(v) = self.notes {
            d.notes = v;
        }
        if let Some(v) = self.start {
            d.start = v;
        }
        if let Some(v) = self.end {
            d.end = v;
        }
        if let Some(v) = self.all_day {
            d.all_day = flag(v);
        }
        if let Some(v) = self.due_date {
            d.due_date = v;
        }
        if let Some(v) = self.location {
            d.location = v;
        }
        if let Some(v) = self.done {
            d.done = flag(v);
        }
        if let Some(v) = self.participants {
            d.participants = ids(v);
        }
        if let Some(v) = self.contacts {
            d.contacts = ids(v);
        }
    }
}

async fn validated(
    state: &AppState,
    draft: &ActivityDraft,
    current_type: Option<i64>,
) -> Result<super::model::ActivityData> {
    let ty = match draft.type_id() {
        Some(id) => activity_types::get(&state.db, id)
            .await?
            .filter(|t| t.is_active() || Some(t.id) == current_type),
        None => None,
    };
    draft.validate(ty.as_ref()).map_err(AppError::Invalid)
}

async fn one(state: &AppState, user: &Staff, id: i64) -> Result<ActivityOut> {
    let a = access::load_visible(state, user, id).await?;
    let row = query::with_people(&state.db, vec![a]).await?.remove(0);
    Ok(out(row, user))
}

#[derive(Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ListScope {
    /// A customer's activities (with the filters below).
    pub customer_id: Option<i64>,
    /// Otherwise a person's diary (default: yours) between `from` and `to`.
    pub user_id: Option<i64>,
}

/// List a customer's activities, or a person's diary in a date range (at most 62 days).
#[utoipa::path(get, path = "/api/v1/activities", params(ListScope, ActivityFilterParams), tag = "diary",
    responses((status = 200, description = "The activities.", body = ActivityList),
        (status = 400, description = "A parameter of the wrong type, or a diary range from `from` to `to` longer than 62 days.", body = Problem),
        (status = 403, description = "The person's diary shows only busy and free to this user.", body = Problem),
        (status = 404, description = "No such customer or person, or not one the user may see.", body = Problem),
        (status = 422, description = "An invalid filter, or a person's diary asked for without both `from` and `to`.", body = Problem)))]
#[tracing::instrument(skip_all, fields(user_id = user.id))]
pub async fn list_activities(
    State(state): State<AppState>,
    user: Staff,
    Query(scope): Query<ListScope>,
    Query(params): Query<ActivityFilterParams>,
) -> Result<Json<ActivityList>> {
    let filter = params.parse().map_err(AppError::Invalid)?;
    let visibility = Visibility::of(&user, state.config.consultant_scope);
    let mut total = None;
    let rows = if let Some(cid) = scope.customer_id {
        customer_access::load(&state, &user, cid, Need::See).await?;
        total = Some(query::count_for_customer(&state.db, cid, &filter).await?);
        query::for_customer(&state.db, cid, &filter, 1000).await?
    } else {
        let owner_id = scope.user_id.unwrap_or(user.id);
        let owner = access::diary_owner(&state.db, owner_id)
            .await?
            .ok_or(AppError::NotFound)?;
        if access::diary_view(&state.db, &user, &owner).await? != DiaryView::Details {
            return Err(AppError::Forbidden);
        }
        let (Some(from), Some(to)) = (filter.from, filter.to) else {
            let mut e = FieldErrors::default();
            e.add("from", Msg::new("activity-range-invalid"));
            return Err(AppError::Invalid(e));
        };
        if to - from > 63 * 86_400 {
            return Err(AppError::BadRequest(Msg::new("activity-range-invalid")));
        }
        let own = owner.id == user.id;
        let acts = query::calendar_range(&state.db, owner.id, from, to)
            .await?
            .into_iter()
            .filter(|a| own || access::can_see(&user, visibility, a, false))
            .collect();
        query::with_people(&state.db, acts).await?
    };
    let items: Vec<ActivityOut> = rows.into_iter().map(|r| out(r, &user)).collect();
    Ok(Json(ActivityList {
        total: total.unwrap_or(items.len() as i64),
        items,
    }))
}

/// Register an activity.
#[utoipa::path(post, path = "/api/v1/activities", request_body = ActivityInput, tag = "diary",
    responses((status = 201, description = "Registered.", body = ActivityOut), (status = 403, body = Problem),
        (status = 404, description = "`customer_id` names no customer the user may see.", body = Problem), (status = 422, body = Problem)))]
#[tracing::instrument(skip_all, fields(user_id = user.id))]
pub async fn create_activity(
    State(state): State<AppState>,
    user: Staff,
    ApiJson(input): ApiJson<ActivityInput>,
) -> Result<Response> {
    let customer_id = input.customer_id;
    if let Some(cid) = customer_id {
        customer_access::load(&state, &user, cid, Need::Change).await?;
    }
    let mut draft = ActivityDraft::default();
    input.apply(&mut draft);
    let data = validated(&state, &draft, None).await?;
    let mut tx = state.db.begin().await?;
    let id = store::create(&mut tx, user.id, customer_id, &data, None).await?;
    state.db.commit_and_recount(tx).await?;
    Ok((StatusCode::CREATED, Json(one(&state, &user, id).await?)).into_response())
}

/// Read one activity.
#[utoipa::path(get, path = "/api/v1/activities/{id}", tag = "diary",
    responses((status = 200, description = "The activity.", body = ActivityOut), (status = 404, body = Problem)))]
#[tracing::instrument(skip_all, fields(activity_id = id, user_id = user.id))]
pub async fn get_activity(
    State(state): State<AppState>,
    user: Staff,
    Path(id): Path<i64>,
) -> Result<Json<ActivityOut>> {
    Ok(Json(one(&state, &user, id).await?))
}

/// Change an activity (move, complete, edit); send `version` to detect stale edits.
#[utoipa::path(patch, path = "/api/v1/activities/{id}", request_body = ActivityInput, tag = "diary",
    responses((status = 200, description = "Saved; the activity as it is now.", body = ActivityOut), (status = 403, body = Problem), (status = 409, body = Problem), (status = 422, body = Problem)))]
#[tracing::instrument(skip_all, fields(activity_id = id, user_id = user.id))]
pub async fn patch_activity(
    State(state): State<AppState>,
    user: Staff,
    Path(id): Path<i64>,
    ApiJson(input): ApiJson<ActivityInput>,
) -> Result<Json<ActivityOut>> {
    let (a, change) = access::load_changeable(&state, &user, id).await?;
    if input.customer_id.is_some_and(|c| Some(c) != a.customer_id) {
        let mut e = FieldErrors::default();
        e.add("customer_id", Msg::new("activity-customer-fixed"));
        return Err(AppError::Invalid(e));
    }
    let version = input.version.unwrap_or(a.version);
    let mut draft = to_draft(&state, &a).await?;
    input.apply(&mut draft);
    let data = validated(&state, &draft, Some(a.type_id)).await?;
    access::check_change(&state.db, &a, change, &data).await?;
    let mut tx = state.db.begin().await?;
    store::update(&mut tx, user.id, &a, version, &data, None).await?;
    state.db.commit_and_recount(tx).await?;
    Ok(Json(one(&state, &user, id).await?))
}

/// Delete an activity.
#[utoipa::path(delete, path = "/api/v1/activities/{id}", tag = "diary",
    responses((status = 204, description = "Deleted."), (status = 403, body = Problem), (status = 404, body = Problem)))]
#[tracing::instrument(skip_all, fields(activity_id = id, user_id = user.id))]
pub async fn delete_activity(
    State(state): State<AppState>,
    user: Staff,
    Path(id): Path<i64>,
) -> Result<StatusCode> {
    let a = access::load_editable(&state, &user, id).await?;
    schedule::delete(&state.db, user.id, &a).await?;
    Ok(StatusCode::NO_CONTENT)
}
