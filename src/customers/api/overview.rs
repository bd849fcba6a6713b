//! `/api/v1/card-layout` and `/api/v1/customers/{id}/comments`: the overview's arrangement and
//! fixed comments as JSON, over the same functions as the overview page.

use axum::{
    Json,
    extract::{Path, State},
    http::StatusCode,
    response::{IntoResponse, Response},
};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::{
    AppError, AppState, Result,
    auth::Staff,
    customers::{
        access::{self, Need},
        card::fixed_comments,
        overview::{
            comments,
            layout::{self, Layout},
        },
    },
    web::json::{ApiJson, Problem},
};

#[derive(Serialize, ToSchema)]
pub struct CommentJson {
    pub id: i64,
    pub body: String,
    pub position: i64,
    pub author_name: Option<String>,
    pub updated_at: i64,
}

/// The fixed comments of a customer, in order.
#[derive(Serialize, ToSchema)]
pub struct CommentList {
    pub items: Vec<CommentJson>,
    pub total: i64,
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewComment {
    #[schema(min_length = 1, max_length = 1000)]
    pub body: String,
}

/// The user's arrangement of the overview's boxes.
#[utoipa::path(get, path = "/api/v1/card-layout", tag = "customer card", responses((status = 200, description = "The user's arrangement of the overview's boxes.", body = Layout)))]
#[tracing::instrument(skip_all, fields(user_id = user.id))]
pub async fn get_card_layout(State(state): State<AppState>, user: Staff) -> Result<Json<Layout>> {
    Ok(Json(layout::for_user(&state.db, user.id).await?))
}

/// Save the user's arrangement of the overview's boxes.
#[utoipa::path(put, path = "/api/v1/card-layout", tag = "customer card", request_body = Layout,
    responses((status = 200, description = "Saved; the arrangement as stored.", body = Layout), (status = 422, body = Problem)))]
#[tracing::instrument(skip_all, fields(user_id = user.id))]
pub async fn put_card_layout(
    State(state): State<AppState>,
    user: Staff,
    ApiJson(layout): ApiJson<Layout>,
) -> Result<Json<Layout>> {
    Ok(Json(
        layout::save_for_user(&mut *state.db.pool.acquire().await?, user.id, layout).await?,
    ))
}

async fn comment_list(state: &AppState, customer_id: i64) -> Result<CommentList> {
    let items: Vec<CommentJson> = fixed_comments(&state.db, customer_id)
        .await?
        .into_iter()
        .map(|c| CommentJson {
            id: c.id,
            body: c.body,
            position: c.position,
            author_name: c.author_name,
            updated_at: c.updated_at,
        })
        .collect();
    Ok(CommentList {
        total: items.len() as i64,
        items,
    })
}

/// The customer's fixed comments, in order.
#[utoipa::path(get, path = "/api/v1/customers/{id}/comments", tag = "customer card",
    responses((status = 200, description = "The customer's fixed comments, in order.", body = CommentList), (status = 404, body = Problem)))]
#[tracing::instrument(skip_all, fields(customer_id = id, user_id = user.id))]
pub async fn list_comments(
    State(state): State<AppState>,
    user: Staff,
    Path(id): Path<i64>,
) -> Result<Json<CommentList>> {
    access::load(&state, &user, id, Need::See).await?;
    Ok(Json(comment_list(&state, id).await?))
}

/// Add a fixed comment.
#[utoipa::path(post, path = "/api/v1/customers/{id}/comments", tag = "customer card", request_body = NewComment,
    responses((status = 201, description = "Added; all the fixed comments, in order.", body = CommentList), (status = 403, body = Problem), (status = 422, body = Problem)))]
#[tracing::instrument(skip_all, fields(customer_id = id, user_id = user.id))]
pub async fn create_comment(
    State(state): State<AppState>,
    user: Staff,
    Path(id): Path<i64>,
    ApiJson(input): ApiJson<NewComment>,
) -> Result<Response> {
    access::load(&state, &user, id, Need::Change).await?;
    let body = comments::validate(&input.body).map_err(AppError::Invalid)?;
    let mut tx = state.db.begin().await?;
    comments::add(&mut tx, user.id, id, &body).await?;
    tx.commit().await?;
    Ok((StatusCode::CREATED, Json(comment_list(&state, id).await?)).into_response())
}
