//! A recruitment's own moves: cancel, close or reopen it, "hired" (the placement and the draft
//! fee invoice), and "the person left" (the guarantee's consequence or only the date).

use axum::{
    Form,
    extract::{Path, State},
    http::StatusCode,
    response::Response,
};
use serde::Deserialize;

use super::{
    detail::{Typed, again, back, load, or_refused},
    store,
};
use crate::{
    AppError, AppState, Result, auth::Staff, error::Msg, i18n::Lang, timefmt::when::parse_day,
};

#[derive(Deserialize)]
pub struct StatusForm {
    /// `cancel`, `close` or `reopen`.
    action: String,
}

/// POST /customers/{id}/recruitments/{rid}/status
#[tracing::instrument(skip_all, fields(user = user.id, customer = id, recruitment = rid))]
pub async fn change_status(
    State(state): State<AppState>,
    user: Staff,
    Path((id, rid)): Path<(i64, i64)>,
    Form(form): Form<StatusForm>,
) -> Result<Response> {
    let r = load(&state, &user, id, rid).await?;
    if !["cancel", "close", "reopen"].contains(&form.action.as_str()) {
        return Err(AppError::BadRequest(Msg::new("form-malformed")));
    }
    let res: Result<Response> = async {
        let mut tx = state.db.begin().await?;
        store::set_status(&mut tx, user.id, &r, &form.action).await?;
        tx.commit().await?;
        Ok(back(id, rid, ""))
    }
    .await;
    or_refused(&state, &user, id, rid, res).await
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct HireForm {
    candidate_id: String,
    /// The start date as typed.
    start_date: String,
}

/// POST /customers/{id}/recruitments/{rid}/hire
#[tracing::instrument(skip_all, fields(user = user.id, customer = id, recruitment = rid))]
pub async fn hire(
    State(state): State<AppState>,
    user: Staff,
    Path((id, rid)): Path<(i64, i64)>,
    Form(form): Form<HireForm>,
) -> Result<Response> {
    let r = load(&state, &user, id, rid).await?;
    let typed = |field: &'static str, key: &'static str| Typed {
        hire_candidate: form.candidate_id.clone(),
        hire_start: form.start_date.clone(),
        error: Some((field, user.lang.t(key))),
        ..Default::default()
    };
    let cid: Option<i64> = form.candidate_id.trim().parse().ok();
    let c = match cid {
        Some(cid) => store::candidate(&state.db, rid, cid).await?,
        None => None,
    };
    let Some(c) = c else {
        return again(
            &state,
            &user,
            id,
            rid,
            StatusCode::UNPROCESSABLE_ENTITY,
            None,
            typed("hire_candidate", "rec-hire-choose"),
        )
        .await;
    };
    let Some(start) = parse_day(&form.start_date) else {
        return again(
            &state,
            &user,
            id,
            rid,
            StatusCode::UNPROCESSABLE_ENTITY,
            None,
            typed("hire_start", "rec-date-invalid"),
        )
        .await;
    };
    // The fee line in the language of the invoice's default (bokmål); the draft can be edited.
    let line = Lang::Nb.t_with(
        "rec-fee-line",
        &[
            ("title", r.title.clone()),
            ("worker", c.worker_name.clone()),
        ],
    );
    let res: Result<Response> = async {
        let mut tx = state.db.begin().await?;
        let done = store::hire(&mut tx, user.id, &r, &c, start, &line).await?;
        tx.commit().await?;
        let flag = if done.invoice_id.is_some() {
            "?invoiced=1"
        } else {
            ""
        };
        Ok(back(id, rid, flag))
    }
    .await;
    or_refused(&state, &user, id, rid, res).await
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct LeftForm {
    left_date: String,
}

/// POST /customers/{id}/recruitments/{rid}/left
#[tracing::instrument(skip_all, fields(user = user.id, customer = id, recruitment = rid))]
pub async fn left(
    State(state): State<AppState>,
    user: Staff,
    Path((id, rid)): Path<(i64, i64)>,
    Form(form): Form<LeftForm>,
) -> Result<Response> {
    let r = load(&state, &user, id, rid).await?;
    let Some(day) = parse_day(&form.left_date) else {
        let typed = Typed {
            left_date: form.left_date.clone(),
            error: Some(("left_date", user.lang.t("rec-date-invalid"))),
            ..Default::default()
        };
        return again(
            &state,
            &user,
            id,
            rid,
            StatusCode::UNPROCESSABLE_ENTITY,
            None,
            typed,
        )
        .await;
    };
    let res: Result<Response> = async {
        let mut tx = state.db.begin().await?;
        store::left(&mut tx, user.id, &r, day).await?;
        tx.commit().await?;
        Ok(back(id, rid, "#guarantee"))
    }
    .await;
    or_refused(&state, &user, id, rid, res).await
}
