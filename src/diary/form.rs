//! The activity form in the browser: register an activity on a customer's card or in one's own
//! diary, edit it (with "schedule next step"), delete it. Bad input comes back with the
//! messages beside the fields and everything typed kept; nothing is half-saved.

use askama::Template;
use askama_web::WebTemplate;
use axum::{
    extract::{Path, Query, State},
    http::StatusCode,
    response::{IntoResponse, Redirect, Response},
};
use axum_extra::extract::Form;
use serde::Deserialize;

use super::{
    access,
    model::{ActivityData, ActivityDraft, NextStep},
    store::{self, Activity},
    types::{self, ActivityType},
    when,
};
use crate::{
    AppError, AppState, Result,
    auth::Staff,
    customers::card::CardHead,
    error::FieldErrors,
    i18n::Lang,
    timefmt::now,
    web::{Chrome, form::field_messages},
};

#[derive(Template, WebTemplate)]
#[template(path = "diary/form.html")]
pub struct FormView {
    pub lang: Lang,
    pub chrome: Chrome,
    /// The customer's card frame, for activities on a customer.
    pub card: Option<CardHead>,
    pub draft: ActivityDraft,
    pub errors: FieldErrors,
    pub types: Vec<ActivityType>,
    pub staff: Vec<(i64, String)>,
    pub contacts: Vec<(i64, String)>,
    pub action: String,
    pub back: String,
    pub activity_id: Option<i64>,
}

impl FormView {
    fn errs(&self, field: &str) -> Vec<String> {
        field_messages(&self.errors, self.lang, field)
    }
    fn type_label(&self, t: &ActivityType) -> String {
        t.label(self.lang)
    }
    fn is_type(&self, id: &i64) -> bool {
        self.draft.type_id == id.to_string()
    }
    fn is_next_type(&self, id: &i64) -> bool {
        self.draft.next_type_id == id.to_string()
    }
    fn is_task(&self) -> bool {
        self.types
            .iter()
            .find(|t| self.is_type(&t.id))
            .is_some_and(|t| t.kind() == types::Kind::Task)
    }
    fn has_participant(&self, id: &i64) -> bool {
        self.draft.participants.contains(&id.to_string())
    }
    fn has_contact(&self, id: &i64) -> bool {
        self.draft.contacts.contains(&id.to_string())
    }
    fn checked(&self, v: &Option<String>) -> bool {
        super::model::is_checked(v)
    }
}

/// Active staff, for the participants' boxes.
async fn staff_choices(state: &AppState) -> Result<Vec<(i64, String)>> {
    Ok(
        sqlx::query_as("SELECT id, name FROM users WHERE active = 1 ORDER BY name")
            .fetch_all(&state.db.pool)
            .await?,
    )
}

/// The customer's active contacts (and any already on the activity).
async fn contact_choices(state: &AppState, customer_id: i64) -> Result<Vec<(i64, String)>> {
    Ok(sqlx::query_as(
        "SELECT id, first_name || ' ' || last_name FROM contacts WHERE customer_id = $1 \
         AND active = 1 ORDER BY last_name, first_name",
    )
    .bind(customer_id)
    .fetch_all(&state.db.pool)
    .await?)
}

/// Types offered: the active ones, plus the activity's own type if it has been deactivated.
async fn type_choices(state: &AppState, current: Option<i64>) -> Result<Vec<ActivityType>> {
    Ok(types::list(&state.db, true)
        .await?
        .into_iter()
        .filter(|t| t.is_active() || Some(t.id) == current)
        .collect())
}

async fn view(
    state: &AppState,
    user: &Staff,
    card: Option<CardHead>,
    draft: ActivityDraft,
    activity: Option<&Activity>,
) -> Result<FormView> {
    let customer_id = card.as_ref().map(|c| c.customer.id);
    let back = match (customer_id, activity) {
        (Some(id), _) => format!("/customers/{id}/diary"),
        (None, _) => "/diary".to_string(),
    };
    let action = match (activity, customer_id) {
        (Some(a), _) => format!("/diary/activities/{}", a.id),
        (None, Some(id)) => format!("/customers/{id}/diary"),
        (None, None) => "/diary/new".to_string(),
    };
    Ok(FormView {
        lang: user.lang,
        chrome: Chrome::new(user, if card.is_some() { "customers" } else { "diary" }),
        types: type_choices(state, activity.map(|a| a.type_id)).await?,
        staff: staff_choices(state).await?,
        contacts: match customer_id {
            Some(id) => contact_choices(state, id).await?,
            None => Vec::new(),
        },
        card,
        draft,
        errors: FieldErrors::default(),
        action,
        back,
        activity_id: activity.map(|a| a.id),
    })
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct NewParams {
    pub start: Option<String>,
    pub end: Option<String>,
    pub all_day: Option<String>,
    #[serde(rename = "type")]
    pub type_id: Option<String>,
}

/// A fresh draft: the first active type, the user taking part, the next whole hour (or what
/// the calendar's click or selection said).
async fn new_draft(state: &AppState, user: &Staff, p: &NewParams) -> Result<ActivityDraft> {
    let ty = types::list(&state.db, false).await?.into_iter().next();
    let start = when::next_full_hour(now());
    let minutes = ty.as_ref().map(|t| t.default_minutes).unwrap_or(60);
    Ok(ActivityDraft {
        type_id: p
            .type_id
            .clone()
            .or(ty.map(|t| t.id.to_string()))
            .unwrap_or_default(),
        start: p
            .start
            .clone()
            .unwrap_or_else(|| when::input_datetime(start)),
        end: p
            .end
            .clone()
            .unwrap_or_else(|| when::input_datetime(start + minutes * 60)),
        all_day: p.all_day.clone(),
        due_date: p
            .start
            .as_deref()
            .and_then(|s| s.get(..10))
            .map(str::to_string)
            .unwrap_or_else(|| when::date_string(when::oslo_date(start))),
        participants: vec![user.id.to_string()],
        ..Default::default()
    })
}

async fn editable_card(state: &AppState, user: &Staff, id: i64) -> Result<CardHead> {
    let card = CardHead::load(state, user, id, "diary").await?;
    if !card.can_edit {
        return Err(AppError::Forbidden);
    }
    Ok(card)
}

/// GET /customers/{id}/diary/new
pub async fn new_on_card(
    State(state): State<AppState>,
    user: Staff,
    Path(id): Path<i64>,
    Query(p): Query<NewParams>,
) -> Result<FormView> {
    let card = editable_card(&state, &user, id).await?;
    let draft = new_draft(&state, &user, &p).await?;
    view(&state, &user, Some(card), draft, None).await
}

/// GET /diary/new: an activity in one's own diary, not tied to a customer.
pub async fn new_in_diary(
    State(state): State<AppState>,
    user: Staff,
    Query(p): Query<NewParams>,
) -> Result<FormView> {
    let draft = new_draft(&state, &user, &p).await?;
    view(&state, &user, None, draft, None).await
}

/// Validates a draft against its type; a new activity needs an active type.
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

/// Turns validation errors into the form again (422), everything else passes through.
async fn saved_or_form(
    state: &AppState,
    user: &Staff,
    result: Result<String>,
    card: Option<CardHead>,
    draft: ActivityDraft,
    activity: Option<&Activity>,
) -> Result<Response> {
    match result {
        Ok(to) => Ok(Redirect::to(&to).into_response()),
        Err(AppError::Invalid(errors)) => {
            let mut form = view(state, user, card, draft, activity).await?;
            form.errors = errors;
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
pub async fn create_on_card(
    State(state): State<AppState>,
    user: Staff,
    Path(id): Path<i64>,
    Form(draft): Form<ActivityDraft>,
) -> Result<Response> {
    let card = editable_card(&state, &user, id).await?;
    let result = async {
        let (data, next) = parse(&state, &draft, None).await?;
        store::create(&state.db, user.id, Some(id), &data, next.as_ref()).await?;
        Ok(format!("/customers/{id}/diary?saved=1"))
    }
    .await;
    saved_or_form(&state, &user, result, Some(card), draft, None).await
}

/// POST /diary/new
pub async fn create_in_diary(
    State(state): State<AppState>,
    user: Staff,
    Form(draft): Form<ActivityDraft>,
) -> Result<Response> {
    let result = async {
        let (data, next) = parse(&state, &draft, None).await?;
        store::create(&state.db, user.id, None, &data, next.as_ref()).await?;
        Ok(format!("/diary/{}", user.id))
    }
    .await;
    saved_or_form(&state, &user, result, None, draft, None).await
}

async fn card_of(state: &AppState, user: &Staff, a: &Activity) -> Result<Option<CardHead>> {
    match a.customer_id {
        Some(id) => Ok(Some(CardHead::load(state, user, id, "diary").await?)),
        None => Ok(None),
    }
}

/// The stored activity as a draft for the edit form.
pub async fn to_draft(state: &AppState, a: &Activity) -> Result<ActivityDraft> {
    let people = store::participants(&state.db, a.id).await?;
    let contacts = store::contacts(&state.db, a.id).await?;
    let all_day = a.all_day == 1;
    let (start, end) = if all_day {
        (
            when::date_string(when::oslo_date(a.starts_at)),
            when::date_string(when::oslo_date(a.ends_at - 1)),
        )
    } else {
        (
            when::input_datetime(a.starts_at),
            when::input_datetime(a.ends_at),
        )
    };
    Ok(ActivityDraft {
        type_id: a.type_id.to_string(),
        title: a.title.clone(),
        notes: a.notes.clone().unwrap_or_default(),
        start,
        end,
        all_day: all_day.then(|| "1".into()),
        due_date: a.due_date.clone().unwrap_or_default(),
        location: a.location.clone().unwrap_or_default(),
        done: (a.done == 1).then(|| "1".into()),
        participants: people.iter().map(|p| p.id.to_string()).collect(),
        contacts: contacts.iter().map(|p| p.id.to_string()).collect(),
        version: a.version.to_string(),
        ..Default::default()
    })
}

/// GET /diary/activities/{id}: the edit form (read access suffices to open; saving checks more).
pub async fn edit(
    State(state): State<AppState>,
    user: Staff,
    Path(id): Path<i64>,
) -> Result<FormView> {
    let a = access::load_changeable(&state, &user, id).await?;
    let card = card_of(&state, &user, &a).await?;
    let draft = to_draft(&state, &a).await?;
    view(&state, &user, card, draft, Some(&a)).await
}

/// POST /diary/activities/{id}
pub async fn update(
    State(state): State<AppState>,
    user: Staff,
    Path(id): Path<i64>,
    Form(draft): Form<ActivityDraft>,
) -> Result<Response> {
    let a = access::load_changeable(&state, &user, id).await?;
    let card = card_of(&state, &user, &a).await?;
    let result = async {
        let (data, next) = parse(&state, &draft, Some(a.type_id)).await?;
        let version = draft.version.trim().parse().unwrap_or(a.version);
        store::update(&state.db, user.id, &a, version, &data, next.as_ref()).await?;
        Ok(match a.customer_id {
            Some(c) => format!("/customers/{c}/diary?saved=1"),
            None => format!("/diary/{}", user.id),
        })
    }
    .await;
    saved_or_form(&state, &user, result, card, draft, Some(&a)).await
}

/// POST /diary/activities/{id}/delete
pub async fn delete(
    State(state): State<AppState>,
    user: Staff,
    Path(id): Path<i64>,
) -> Result<Redirect> {
    let a = access::load_changeable(&state, &user, id).await?;
    store::delete(&state.db, &a).await?;
    Ok(Redirect::to(&match a.customer_id {
        Some(c) => format!("/customers/{c}/diary"),
        None => format!("/diary/{}", user.id),
    }))
}
