//! The activity form in the browser: register an activity on a customer's card or in one's own
//! diary, edit it (with "schedule next step"), delete it. Bad input comes back with the
//! messages beside the fields and everything typed kept; nothing is half-saved.

use axum::{
    extract::{Path, Query, State},
    http::{HeaderMap, StatusCode},
    response::{IntoResponse, Redirect, Response},
};
use axum_extra::extract::Form;

use super::{
    access,
    form_view::{FormView, NewParams, new_draft, to_draft, view},
    model::{ActivityData, ActivityDraft, NextStep},
    schedule,
    store::{self, Activity},
    types,
};
use crate::{
    AppError, AppState, Result,
    auth::Staff,
    customers::card::CardHead,
    error::{FieldErrors, Msg},
    web::quick,
};

async fn editable_card(state: &AppState, user: &Staff, id: i64) -> Result<CardHead> {
    let card = CardHead::load(state, user, id, "diary").await?;
    if !card.can_edit {
        return Err(AppError::Forbidden);
    }
    Ok(card)
}

/// GET /customers/{id}/diary/new (`?follow_up=1`: a follow-up); from the card head's dialog,
/// the form alone.
#[tracing::instrument(skip_all, fields(customer_id = id, user_id = user.id))]
pub async fn new_on_card(
    State(state): State<AppState>,
    user: Staff,
    Path(id): Path<i64>,
    headers: HeaderMap,
    Query(p): Query<NewParams>,
) -> Result<Response> {
    let card = editable_card(&state, &user, id).await?;
    let draft = new_draft(&state, &user, &p).await?;
    let form = view(&state, &user, Some(card), draft, None).await?;
    if quick::is_quick(&headers) {
        return quick::fragment(StatusCode::OK, &form.as_quick());
    }
    Ok(form.into_response())
}

/// GET /diary/new: an activity in one's own diary, not tied to a customer.
#[tracing::instrument(skip_all, fields(user_id = user.id))]
pub async fn new_in_diary(
    State(state): State<AppState>,
    user: Staff,
    Query(p): Query<NewParams>,
) -> Result<FormView> {
    let draft = new_draft(&state, &user, &p).await?;
    view(&state, &user, None, draft, None).await
}

/// Validates a draft against its type; a new activity needs an active type.
/// The next step's activity, when one was asked for.
async fn follow_up(
    state: &AppState,
    data: &ActivityData,
    next: Option<NextStep>,
) -> Result<Option<ActivityData>> {
    match next {
        Some(step) => Ok(Some(store::follow_up(&state.db, data, &step).await?)),
        None => Ok(None),
    }
}

async fn parse(
    state: &AppState,
    draft: &ActivityDraft,
    current_type: Option<i64>,
) -> Result<(ActivityData, Option<NextStep>)> {
    let ty = match draft.type_id() {
        Some(id) => types::get(&state.db, id)
            .await?
            .filter(|t| t.is_active() || Some(t.id) == current_type),
        None => None,
    };
    let mut errors = FieldErrors::default();
    let data = draft.validate(ty.as_ref());
    let next = draft.next_step(&mut errors);
    match data {
        Ok(data) if errors.is_empty() => Ok((data, next)),
        Ok(_) => Err(AppError::Invalid(errors)),
        Err(mut e) => {
            for (field, msgs) in errors.0 {
                for m in msgs {
                    e.add(&field, m);
                }
            }
            Err(AppError::Invalid(e))
        }
    }
}

/// Turns validation errors into the form again (422), everything else passes through. From
/// the card head's dialog (`quick`), the form alone, and a confirmation instead of a redirect.
async fn saved_or_form(
    state: &AppState,
    user: &Staff,
    result: Result<String>,
    card: Option<CardHead>,
    draft: ActivityDraft,
    activity: Option<&Activity>,
    quick: bool,
) -> Result<Response> {
    match result {
        Ok(_) if quick => Ok(quick::done(&user.lang.t("activity-saved"))),
        Ok(to) => Ok(Redirect::to(&to).into_response()),
        Err(AppError::Invalid(errors)) => {
            let mut form = view(state, user, card, draft, activity).await?;
            form.errors = errors;
            if quick {
                return quick::fragment(StatusCode::UNPROCESSABLE_ENTITY, &form.as_quick());
            }
            Ok((StatusCode::UNPROCESSABLE_ENTITY, form).into_response())
        }
        Err(AppError::Conflict(msg)) if activity.is_some() => {
            let mut form = view(state, user, card, draft, activity).await?;
            form.errors.add("form", msg);
            Ok((StatusCode::CONFLICT, form).into_response())
        }
        Err(other) => Err(other),
    }
}

/// POST /customers/{id}/diary
#[tracing::instrument(skip_all, fields(customer_id = id, user_id = user.id))]
pub async fn create_on_card(
    State(state): State<AppState>,
    user: Staff,
    Path(id): Path<i64>,
    headers: HeaderMap,
    Form(draft): Form<ActivityDraft>,
) -> Result<Response> {
    let card = editable_card(&state, &user, id).await?;
    let result = async {
        let (data, next) = parse(&state, &draft, None).await?;
        let next = follow_up(&state, &data, next).await?;
        let mut tx = state.db.begin().await?;
        store::create(&mut tx, user.id, Some(id), &data, next.as_ref()).await?;
        state.db.commit_and_recount(tx).await?;
        Ok(format!("/customers/{id}/diary?saved=1"))
    }
    .await;
    let quick = quick::is_quick(&headers);
    saved_or_form(&state, &user, result, Some(card), draft, None, quick).await
}

/// POST /diary/new
#[tracing::instrument(skip_all, fields(user_id = user.id))]
pub async fn create_in_diary(
    State(state): State<AppState>,
    user: Staff,
    Form(draft): Form<ActivityDraft>,
) -> Result<Response> {
    let result = async {
        // A customer chosen in the form: only one whose card the user may add activities to.
        let customer = if draft.customer_id.trim().is_empty() {
            None
        } else {
            match super::customer_pick::editable(&state, &user, &draft.customer_id).await {
                Some(card) => Some(card.customer.id),
                None => {
                    let mut errors = FieldErrors::default();
                    errors.add("customer_id", Msg::new("activity-customer-unavailable"));
                    return Err(AppError::Invalid(errors));
                }
            }
        };
        let (data, next) = parse(&state, &draft, None).await?;
        let next = follow_up(&state, &data, next).await?;
        let mut tx = state.db.begin().await?;
        store::create(&mut tx, user.id, customer, &data, next.as_ref()).await?;
        state.db.commit_and_recount(tx).await?;
        Ok(format!("/diary/{}", user.id))
    }
    .await;
    saved_or_form(&state, &user, result, None, draft, None, false).await
}

/// The card frame of the activity's customer; none for personal activities, and none for a
/// participant who may not see the customer (they still edit their own activity).
async fn card_of(state: &AppState, user: &Staff, a: &Activity) -> Result<Option<CardHead>> {
    match a.customer_id {
        Some(id) => match CardHead::load(state, user, id, "diary").await {
            Ok(card) => Ok(Some(card)),
            Err(AppError::NotFound | AppError::OutOfSight) => Ok(None),
            Err(e) => Err(e),
        },
        None => Ok(None),
    }
}

/// GET /diary/activities/{id}: the edit form (read access suffices to open; saving checks more).
#[tracing::instrument(skip_all, fields(activity_id = id, user_id = user.id))]
pub async fn edit(
    State(state): State<AppState>,
    user: Staff,
    Path(id): Path<i64>,
) -> Result<FormView> {
    let (a, _) = access::load_changeable(&state, &user, id).await?;
    let card = card_of(&state, &user, &a).await?;
    let draft = to_draft(&state, &a).await?;
    view(&state, &user, card, draft, Some(&a)).await
}

/// POST /diary/activities/{id}
#[tracing::instrument(skip_all, fields(activity_id = id, user_id = user.id))]
pub async fn update(
    State(state): State<AppState>,
    user: Staff,
    Path(id): Path<i64>,
    Form(mut draft): Form<ActivityDraft>,
) -> Result<Response> {
    let (a, change) = access::load_changeable(&state, &user, id).await?;
    let card = card_of(&state, &user, &a).await?;
    if a.customer_id.is_some() && card.is_none() {
        // The form could not offer the customer's contacts: keep the ones on the activity.
        draft.contacts = store::contacts(&state.db, a.id)
            .await?
            .iter()
            .map(|c| c.id.to_string())
            .collect();
    }
    let on_card = card.is_some();
    let result = async {
        let (data, next) = parse(&state, &draft, Some(a.type_id)).await?;
        access::check_change(&state.db, &a, change, &data).await?;
        if next.is_some() {
            access::check_follow_up(&state, &user, &a, change)?;
        }
        let version = draft.version.trim().parse().unwrap_or(a.version);
        let next = follow_up(&state, &data, next).await?;
        let mut tx = state.db.begin().await?;
        store::update(&mut tx, user.id, &a, version, &data, next.as_ref()).await?;
        state.db.commit_and_recount(tx).await?;
        Ok(match a.customer_id {
            Some(c) if on_card => format!("/customers/{c}/diary?saved=1"),
            _ => format!("/diary/{}", user.id),
        })
    }
    .await;
    saved_or_form(&state, &user, result, card, draft, Some(&a), false).await
}

/// POST /diary/activities/{id}/delete
#[tracing::instrument(skip_all, fields(activity_id = id, user_id = user.id))]
pub async fn delete(
    State(state): State<AppState>,
    user: Staff,
    Path(id): Path<i64>,
) -> Result<Redirect> {
    let a = access::load_editable(&state, &user, id).await?;
    schedule::delete(&state.db, user.id, &a).await?;
    Ok(Redirect::to(&match a.customer_id {
        Some(c) => format!("/customers/{c}/diary"),
        None => format!("/diary/{}", user.id),
    }))
}
