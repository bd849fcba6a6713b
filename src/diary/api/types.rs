//! `/api/v1/activity-types`: list (everyone), add and change (admins).

use axum::{
    Json,
    extract::{Path, State},
    http::StatusCode,
    response::{IntoResponse, Response},
};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::diary::types::{self, ActivityType, TypeDraft};
use crate::{
    AppError, AppState, Result,
    auth::Staff,
    web::json::{ApiJson, Problem},
};

/// A type as the API takes it.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct TypeInput {
    #[schema(max_length = 60)]
    pub name: Option<String>,
    /// `#rrggbb`.
    pub colour: Option<String>,
    /// How long a new activity of this type lasts, in minutes.
    #[schema(minimum = 5, maximum = 1440)]
    pub default_minutes: Option<i64>,
    /// `appointment` or `task`.
    pub kind: Option<String>,
    pub active: Option<bool>,
}

impl TypeInput {
    fn apply(self, d: &mut TypeDraft) {
        if let Some(v) = self.name {
            d.name = v;
        }
        if let Some(v) = self.colour {
            d.colour = v;
        }
        if let Some(v) = self.default_minutes {
            d.default_minutes = v.to_string();
        }
        if let Some(v) = self.kind {
            d.kind = v;
        }
        if let Some(v) = self.active {
            d.active = v.then(|| "1".to_string());
        }
    }
}

/// Every activity type.
#[derive(Serialize, ToSchema)]
pub struct TypeList {
    pub items: Vec<ActivityType>,
    pub total: i64,
}

/// The activity types, inactive ones included.
#[utoipa::path(get, path = "/api/v1/activity-types", tag = "diary",
    responses((status = 200, description = "Every activity type, inactive ones included.", body = TypeList)))]
#[tracing::instrument(skip_all)]
pub async fn list_types(State(state): State<AppState>, _user: Staff) -> Result<Json<TypeList>> {
    let items = types::list(&state.db, true).await?;
    Ok(Json(TypeList {
        total: items.len() as i64,
        items,
    }))
}

/// Add a type (admins).
#[utoipa::path(post, path = "/api/v1/activity-types", request_body = TypeInput, tag = "diary",
    responses((status = 201, description = "Added.", body = ActivityType), (status = 403, body = Problem), (status = 422, body = Problem)))]
#[tracing::instrument(skip_all, fields(user_id = user.id))]
pub async fn create_type(
    State(state): State<AppState>,
    user: Staff,
    ApiJson(input): ApiJson<TypeInput>,
) -> Result<Response> {
    user.require_admin()?;
    let mut draft = TypeDraft {
        default_minutes: "60".into(),
        kind: "appointment".into(),
        active: Some("1".into()),
        ..Default::default()
    };
    input.apply(&mut draft);
    let data = draft.validate(false).map_err(AppError::Invalid)?;
    let id = types::create(&state.db, &data).await?;
    let t = types::get(&state.db, id).await?.ok_or(AppError::NotFound)?;
    Ok((StatusCode::CREATED, Json(t)).into_response())
}

/// Rename, recolour or (de)activate a type (admins).
#[utoipa::path(patch, path = "/api/v1/activity-types/{id}", request_body = TypeInput, tag = "diary",
    responses((status = 200, description = "Saved; the type as it is now.", body = ActivityType), (status = 403, body = Problem), (status = 422, body = Problem)))]
#[tracing::instrument(skip_all, fields(activity_type_id = id, user_id = user.id))]
pub async fn patch_type(
    State(state): State<AppState>,
    user: Staff,
    Path(id): Path<i64>,
    ApiJson(input): ApiJson<TypeInput>,
) -> Result<Json<ActivityType>> {
    user.require_admin()?;
    let t = types::get(&state.db, id).await?.ok_or(AppError::NotFound)?;
    let mut draft = t.to_draft();
    input.apply(&mut draft);
    let data = draft.validate(t.key.is_some()).map_err(AppError::Invalid)?;
    types::update(&state.db, id, &data).await?;
    Ok(Json(
        types::get(&state.db, id).await?.ok_or(AppError::NotFound)?,
    ))
}
