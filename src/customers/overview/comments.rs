//! Fixed comments: several per customer, ordered (most important first), shown at the top of
//! every tab of the card. Every change is in the card's history.

use axum::{
    Form,
    extract::{Path, State},
    response::{IntoResponse, Redirect, Response},
};
use serde::Deserialize;
use sqlx::AnyConnection;

use crate::{
    AppError, AppState, Result,
    audit::{self, Change},
    auth::Staff,
    customers::card::{CardHead, FixedComment, fixed_comments},
    db::Db,
    error::{FieldErrors, Msg},
    timefmt::now,
};

pub const MAX_LEN: usize = 1000;

pub fn validate(body: &str) -> std::result::Result<String, FieldErrors> {
    let mut errors = FieldErrors::default();
    let body = body.trim();
    if body.is_empty() {
        errors.add("comment", Msg::new("field-required"));
    } else if body.chars().count() > MAX_LEN {
        errors.add("comment", Msg::new("field-too-long").arg("max", MAX_LEN));
    }
    if errors.is_empty() {
        Ok(body.to_string())
    } else {
        Err(errors)
    }
}

/// Adds a comment last, in the caller's transaction; returns its id.
pub async fn add(
    conn: &mut AnyConnection,
    user_id: i64,
    customer_id: i64,
    body: &str,
) -> Result<i64> {
    let (next,): (i64,) = sqlx::query_as(
        "SELECT COALESCE(MAX(position), 0) + 1 FROM customer_comments WHERE customer_id = $1",
    )
    .bind(customer_id)
    .fetch_one(&mut *conn)
    .await?;
    let now = now();
    let (id,): (i64,) = sqlx::query_as(
        "INSERT INTO customer_comments (customer_id, body, position, author_id, created_at, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $5) RETURNING id",
    )
    .bind(customer_id)
    .bind(body)
    .bind(next)
    .bind(user_id)
    .bind(now)
    .fetch_one(&mut *conn)
    .await?;
    let change = Change {
        field: "body".into(),
        old: None,
        new: Some(body.to_string()),
    };
    audit::record(
        conn,
        customer_id,
        "comment",
        id,
        "comment-create",
        &[change],
        Some(user_id),
    )
    .await?;
    Ok(id)
}

async fn find(db: &Db, customer_id: i64, id: i64) -> Result<FixedComment> {
    fixed_comments(db, customer_id)
        .await?
        .into_iter()
        .find(|c| c.id == id)
        .ok_or(AppError::NotFound)
}

#[derive(Deserialize, Default)]
pub struct CommentForm {
    #[serde(default)]
    body: String,
    #[serde(default)]
    dir: String,
}

/// POST /customers/{id}/comments
#[tracing::instrument(skip_all, fields(customer_id = id, user_id = user.id))]
pub async fn create(
    State(state): State<AppState>,
    user: Staff,
    Path(id): Path<i64>,
    Form(form): Form<CommentForm>,
) -> Result<Response> {
    CardHead::load_editable(&state, &user, id, "overview").await?;
    match validate(&form.body) {
        Ok(body) => {
            let mut tx = state.db.begin().await?;
            add(&mut tx, user.id, id, &body).await?;
            tx.commit().await?;
            Ok(Redirect::to(&format!("/customers/{id}")).into_response())
        }
        // The overview again, with the message and the typed text.
        Err(errors) => super::render_with_comment_error(&state, &user, id, errors, form.body).await,
    }
}

/// POST /customers/{id}/comments/{cid}
#[tracing::instrument(skip_all, fields(customer_id = id, comment_id = cid, user_id = user.id))]
pub async fn update(
    State(state): State<AppState>,
    user: Staff,
    Path((id, cid)): Path<(i64, i64)>,
    Form(form): Form<CommentForm>,
) -> Result<Response> {
    CardHead::load_editable(&state, &user, id, "overview").await?;
    let old = find(&state.db, id, cid).await?;
    let body = match validate(&form.body) {
        Ok(b) => b,
        Err(errors) => {
            return super::render_with_comment_error(&state, &user, id, errors, form.body).await;
        }
    };
    let mut tx = state.db.begin().await?;
    sqlx::query(
        "UPDATE customer_comments SET body = $1, updated_at = $2, author_id = $3 WHERE id = $4",
    )
    .bind(&body)
    .bind(now())
    .bind(user.id)
    .bind(cid)
    .execute(&mut *tx)
    .await?;
    let change = Change {
        field: "body".into(),
        old: Some(old.body),
        new: Some(body),
    };
    audit::record(
        &mut tx,
        id,
        "comment",
        cid,
        "comment-update",
        &[change],
        Some(user.id),
    )
    .await?;
    tx.commit().await?;
    Ok(Redirect::to(&format!("/customers/{id}")).into_response())
}

/// POST /customers/{id}/comments/{cid}/delete
#[tracing::instrument(skip_all, fields(customer_id = id, comment_id = cid, user_id = user.id))]
pub async fn delete(
    State(state): State<AppState>,
    user: Staff,
    Path((id, cid)): Path<(i64, i64)>,
) -> Result<Redirect> {
    CardHead::load_editable(&state, &user, id, "overview").await?;
    let old = find(&state.db, id, cid).await?;
    let mut tx = state.db.begin().await?;
    sqlx::query("DELETE FROM customer_comments WHERE id = $1")
        .bind(cid)
        .execute(&mut *tx)
        .await?;
    let change = Change {
        field: "body".into(),
        old: Some(old.body),
        new: None,
    };
    audit::record(
        &mut tx,
        id,
        "comment",
        cid,
        "comment-delete",
        &[change],
        Some(user.id),
    )
    .await?;
    tx.commit().await?;
    Ok(Redirect::to(&format!("/customers/{id}")))
}

/// POST /customers/{id}/comments/{cid}/move (dir = up | down)
#[tracing::instrument(skip_all, fields(customer_id = id, comment_id = cid, user_id = user.id))]
pub async fn reorder(
    State(state): State<AppState>,
    user: Staff,
    Path((id, cid)): Path<(i64, i64)>,
    Form(form): Form<CommentForm>,
) -> Result<Redirect> {
    CardHead::load_editable(&state, &user, id, "overview").await?;
    let comments = fixed_comments(&state.db, id).await?;
    let pos = comments
        .iter()
        .position(|c| c.id == cid)
        .ok_or(AppError::NotFound)?;
    let other = if form.dir == "up" {
        pos.checked_sub(1)
    } else {
        Some(pos + 1).filter(|p| *p < comments.len())
    };
    if let Some(other) = other {
        let mut tx = state.db.begin().await?;
        // Positions are renumbered so that ties left by older data cannot block a move.
        let mut ids: Vec<i64> = comments.iter().map(|c| c.id).collect();
        ids.swap(pos, other);
        for (i, cid) in ids.iter().enumerate() {
            sqlx::query("UPDATE customer_comments SET position = $1 WHERE id = $2")
                .bind(i as i64 + 1)
                .bind(cid)
                .execute(&mut *tx)
                .await?;
        }
        audit::record(
            &mut tx,
            id,
            "comment",
            cid,
            "comment-move",
            &[],
            Some(user.id),
        )
        .await?;
        tx.commit().await?;
    }
    Ok(Redirect::to(&format!("/customers/{id}")))
}
