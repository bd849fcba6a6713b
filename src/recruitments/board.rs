//! The board's moves on one recruitment: add a candidate from the worker search, move a card
//! (a column left or right, up or down in its column, to a stage chosen, or dropped at a place
//! by `static/recruitments.js`), the consent to be presented and sharing with the customer, the
//! consent to be kept, and an interview booked in the diary.

use axum::{
    Form,
    extract::{Path, State},
    http::StatusCode,
    response::Response,
};
use serde::Deserialize;

use super::{
    detail::{Typed, again, back, candidate, load, or_refused},
    model::{Stage, parse_when},
    store,
};
use crate::{
    AppError, AppState, Result, auth::Staff, diary, error::Msg, workers::store as worker_store,
};

#[derive(Deserialize)]
pub struct AddForm {
    worker_id: String,
}

/// POST /customers/{id}/recruitments/{rid}/candidates
#[tracing::instrument(skip_all, fields(user = user.id, customer = id, recruitment = rid))]
pub async fn add_candidate(
    State(state): State<AppState>,
    user: Staff,
    Path((id, rid)): Path<(i64, i64)>,
    Form(form): Form<AddForm>,
) -> Result<Response> {
    let r = load(&state, &user, id, rid).await?;
    let worker_id: i64 = form
        .worker_id
        .trim()
        .parse()
        .map_err(|_| AppError::BadRequest(Msg::new("form-malformed")))?;
    let res: Result<Response> = async {
        let mut tx = state.db.begin().await?;
        store::add_candidate(&mut tx, user.id, &r, worker_id).await?;
        tx.commit().await?;
        Ok(back(id, rid, "#pipeline"))
    }
    .await;
    or_refused(&state, &user, id, rid, res).await
}

/// A move as the card's buttons, its stage select or the board's script send it.

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct MoveForm {
    /// `left`, `right` (the next column), `up`, `down` (within the column).
    dir: String,
    /// The column to move to (the select; with `index`, a drop).
    stage: String,
    /// The place in the column, 0 first (a drop).
    index: String,
}

/// POST /customers/{id}/recruitments/{rid}/candidates/{cid}/move
#[tracing::instrument(skip_all, fields(user = user.id, customer = id, recruitment = rid, candidate = cid))]
pub async fn move_candidate(
    State(state): State<AppState>,
    user: Staff,
    Path((id, rid, cid)): Path<(i64, i64, i64)>,
    Form(form): Form<MoveForm>,
) -> Result<Response> {
    let r = load(&state, &user, id, rid).await?;
    let c = candidate(&state, rid, cid).await?;
    let malformed = || AppError::BadRequest(Msg::new("form-malformed"));
    let (stage, index) = match form.dir.as_str() {
        "left" | "right" => {
            let step = if form.dir == "left" { -1 } else { 1 };
            match c.stage().step(step) {
                Some(s) => (s, None),
                None => return Ok(back(id, rid, &format!("#candidate-{cid}"))),
            }
        }
        "up" | "down" => {
            let col: Vec<i64> = store::candidates(&state.db, rid)
                .await?
                .into_iter()
                .filter(|o| o.stage == c.stage)
                .map(|o| o.id)
                .collect();
            let at = col.iter().position(|i| *i == cid).unwrap_or(0);
            let to = if form.dir == "up" {
                at.saturating_sub(1)
            } else {
                at + 1
            };
            (c.stage(), Some(to))
        }
        "" => {
            let stage = Stage::parse(&form.stage).ok_or_else(malformed)?;
            let index = match form.index.trim() {
                "" => None,
                raw => Some(raw.parse::<usize>().map_err(|_| malformed())?),
            };
            (stage, index)
        }
        _ => return Err(malformed()),
    };
    let res: Result<Response> = async {
        let mut tx = state.db.begin().await?;
        store::move_candidate(&mut tx, user.id, &r, &c, stage, index).await?;
        tx.commit().await?;
        Ok(back(id, rid, &format!("#candidate-{cid}")))
    }
    .await;
    or_refused(&state, &user, id, rid, res).await
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct SharingForm {
    /// `1`: the candidate consented to be presented to this customer.
    consent: String,
    /// `1`: shown to the customer.
    shared: String,
}

/// POST /customers/{id}/recruitments/{rid}/candidates/{cid}/sharing
#[tracing::instrument(skip_all, fields(user = user.id, customer = id, recruitment = rid, candidate = cid))]
pub async fn sharing(
    State(state): State<AppState>,
    user: Staff,
    Path((id, rid, cid)): Path<(i64, i64, i64)>,
    Form(form): Form<SharingForm>,
) -> Result<Response> {
    let r = load(&state, &user, id, rid).await?;
    let c = candidate(&state, rid, cid).await?;
    let res: Result<Response> = async {
        let mut tx = state.db.begin().await?;
        store::set_sharing(
            &mut tx,
            user.id,
            &r,
            &c,
            form.consent == "1",
            form.shared == "1",
        )
        .await?;
        tx.commit().await?;
        Ok(back(id, rid, &format!("#candidate-{cid}")))
    }
    .await;
    or_refused(&state, &user, id, rid, res).await
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct KeepForm {
    /// `1`: the worker consented to be kept beyond the retention period.
    keep: String,
}

/// POST /customers/{id}/recruitments/{rid}/candidates/{cid}/keep
#[tracing::instrument(skip_all, fields(user = user.id, customer = id, recruitment = rid, candidate = cid))]
pub async fn keep(
    State(state): State<AppState>,
    user: Staff,
    Path((id, rid, cid)): Path<(i64, i64, i64)>,
    Form(form): Form<KeepForm>,
) -> Result<Response> {
    load(&state, &user, id, rid).await?;
    let c = candidate(&state, rid, cid).await?;
    let mut tx = state.db.begin().await?;
    worker_store::set_keep_consent(&mut tx, c.worker_id, form.keep == "1").await?;
    crate::audit::record(
        &mut tx,
        id,
        "recruitment",
        rid,
        "rec-keep-consent",
        &[
            crate::audit::Change {
                field: "worker".into(),
                old: None,
                new: Some(c.worker_name.clone()),
            },
            crate::audit::Change {
                field: "keep_consent".into(),
                old: Some(if c.keep_consent == 1 { "yes" } else { "no" }.into()),
                new: Some(if form.keep == "1" { "yes" } else { "no" }.into()),
            },
        ],
        Some(user.id),
    )
    .await?;
    tx.commit().await?;
    Ok(back(id, rid, &format!("#candidate-{cid}")))
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct InterviewForm {
    /// As typed: `2027-03-01 10:00` or `01.03.2027 10:00`.
    when: String,
    /// Minutes; empty: the interview type's default.
    minutes: String,
}

/// POST /customers/{id}/recruitments/{rid}/candidates/{cid}/interview: an appointment of the
/// diary's "interview" type on the customer's card, with the recruitment's contact and the
/// user, named after the candidate; linked to the candidate.
#[tracing::instrument(skip_all, fields(user = user.id, customer = id, recruitment = rid, candidate = cid))]
pub async fn interview(
    State(state): State<AppState>,
    user: Staff,
    Path((id, rid, cid)): Path<(i64, i64, i64)>,
    Form(form): Form<InterviewForm>,
) -> Result<Response> {
    let r = load(&state, &user, id, rid).await?;
    let c = candidate(&state, rid, cid).await?;
    let ty = diary::types::list(&state.db, false)
        .await?
        .into_iter()
        .find(|t| t.key.as_deref() == Some("interview"))
        .or(diary::types::list(&state.db, false)
            .await?
            .into_iter()
            .find(|t| t.kind() == diary::types::Kind::Appointment));
    let typed = |error: &'static str| Typed {
        interview_candidate: cid,
        interview_when: form.when.clone(),
        error: Some(("interview", user.lang.t(error))),
        ..Default::default()
    };
    let Some(ty) = ty else {
        return again(
            &state,
            &user,
            id,
            rid,
            StatusCode::CONFLICT,
            None,
            typed("rec-interview-no-type"),
        )
        .await;
    };
    let Some(starts_at) = parse_when(&form.when) else {
        return again(
            &state,
            &user,
            id,
            rid,
            StatusCode::UNPROCESSABLE_ENTITY,
            None,
            typed("rec-interview-when-invalid"),
        )
        .await;
    };
    let minutes = match form.minutes.trim() {
        "" => ty.default_minutes.max(15),
        raw => match raw.parse::<i64>().ok().filter(|m| (5..=600).contains(m)) {
            Some(m) => m,
            None => {
                return again(
                    &state,
                    &user,
                    id,
                    rid,
                    StatusCode::UNPROCESSABLE_ENTITY,
                    None,
                    typed("rec-interview-minutes-invalid"),
                )
                .await;
            }
        },
    };
    let data = diary::model::ActivityData {
        type_id: ty.id,
        title: user.lang.t_with(
            "rec-interview-title",
            &[
                ("worker", c.worker_name.clone()),
                ("title", r.title.clone()),
            ],
        ),
        notes: Some(user.lang.t_with(
            "rec-interview-notes",
            &[(
                "link",
                format!("/customers/{id}/recruitments/{rid}#candidate-{cid}"),
            )],
        )),
        starts_at,
        ends_at: starts_at + minutes * 60,
        all_day: false,
        due_date: None,
        location: None,
        done: false,
        participants: vec![user.id],
        contacts: r.contact_id.into_iter().collect(),
    };
    let mut tx = state.db.begin().await?;
    let aid = diary::store::create(&mut tx, user.id, Some(id), &data, None).await?;
    store::interview_booked(&mut tx, user.id, &r, &c, aid, starts_at).await?;
    state.db.commit_and_recount(tx).await?;
    Ok(back(id, rid, &format!("#candidate-{cid}")))
}
