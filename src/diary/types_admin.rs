//! The admin's page for activity types (add, rename, recolour, deactivate) and the firm's diary
//! setting (may consultants see details in their colleagues' diaries?).

use askama::Template;
use askama_web::WebTemplate;
use axum::{
    Form,
    extract::{Path, State},
    http::StatusCode,
    response::{IntoResponse, Redirect, Response},
};
use serde::Deserialize;

use super::{
    access,
    types::{self, ActivityType, Kind, TypeDraft},
};
use crate::{
    AppError, AppState, Result,
    auth::Staff,
    error::FieldErrors,
    i18n::Lang,
    web::{Chrome, form::field_messages},
};

/// The colour picker's suggestions (migrations' built-in types, and a few more).
const PALETTE: [&str; 10] = [
    "#2563eb", "#0d9488", "#7c3aed", "#db2777", "#ea580c", "#ca8a04", "#4b5563", "#64748b",
    "#16a34a", "#dc2626",
];

#[derive(Template, WebTemplate)]
#[template(path = "diary/types.html")]
pub struct TypesView {
    pub lang: Lang,
    pub chrome: Chrome,
    pub types: Vec<ActivityType>,
    /// The type being edited (`None`: the form adds a new one).
    pub editing: Option<ActivityType>,
    pub draft: TypeDraft,
    pub errors: FieldErrors,
    pub colleague_details: bool,
}

impl TypesView {
    fn errs(&self, field: &str) -> Vec<String> {
        field_messages(&self.errors, self.lang, field)
    }
    fn kinds(&self) -> Vec<(&'static str, String)> {
        [Kind::Appointment, Kind::Task]
            .into_iter()
            .map(|k| (k.as_str(), self.lang.t(k.label_key())))
            .collect()
    }
    fn kind_label(&self, t: &ActivityType) -> String {
        self.lang.t(t.kind().label_key())
    }
    fn action(&self) -> String {
        match &self.editing {
            Some(t) => format!("/diary/types/{}", t.id),
            None => "/diary/types".to_string(),
        }
    }
    /// The colours the picker suggests: the built-in types' own, so a new type can match them.
    fn palette(&self) -> &'static [&'static str] {
        &PALETTE
    }
    fn is_active(&self) -> bool {
        super::model::is_checked(&self.draft.active)
    }
}

async fn view(state: &AppState, user: &Staff, editing: Option<ActivityType>) -> Result<TypesView> {
    let draft = editing
        .as_ref()
        .map(ActivityType::to_draft)
        .unwrap_or(TypeDraft {
            colour: "#0b5cad".into(),
            default_minutes: "60".into(),
            kind: "appointment".into(),
            active: Some("1".into()),
            ..Default::default()
        });
    Ok(TypesView {
        lang: user.lang,
        chrome: Chrome::new(user, "admin"),
        types: types::list(&state.db, true).await?,
        editing,
        draft,
        errors: FieldErrors::default(),
        colleague_details: access::colleague_details(&state.db).await?,
    })
}

/// GET /diary/types
#[tracing::instrument(skip_all, fields(user_id = user.id))]
pub async fn page(State(state): State<AppState>, user: Staff) -> Result<TypesView> {
    user.require_admin()?;
    view(&state, &user, None).await
}

/// GET /diary/types/{id}
#[tracing::instrument(skip_all, fields(activity_type_id = id, user_id = user.id))]
pub async fn edit(
    State(state): State<AppState>,
    user: Staff,
    Path(id): Path<i64>,
) -> Result<TypesView> {
    user.require_admin()?;
    let t = types::get(&state.db, id).await?.ok_or(AppError::NotFound)?;
    view(&state, &user, Some(t)).await
}

async fn invalid(
    state: &AppState,
    user: &Staff,
    editing: Option<ActivityType>,
    draft: TypeDraft,
    errors: FieldErrors,
) -> Result<Response> {
    let mut v = view(state, user, editing).await?;
    v.draft = draft;
    v.errors = errors;
    Ok((StatusCode::UNPROCESSABLE_ENTITY, v).into_response())
}

/// POST /diary/types
#[tracing::instrument(skip_all, fields(user_id = user.id))]
pub async fn create(
    State(state): State<AppState>,
    user: Staff,
    Form(draft): Form<TypeDraft>,
) -> Result<Response> {
    user.require_admin()?;
    match draft.validate(false) {
        Ok(data) => {
            types::create(&state.db, &data).await?;
            Ok(Redirect::to("/diary/types").into_response())
        }
        Err(errors) => invalid(&state, &user, None, draft, errors).await,
    }
}

/// POST /diary/types/{id}
#[tracing::instrument(skip_all, fields(activity_type_id = id, user_id = user.id))]
pub async fn update(
    State(state): State<AppState>,
    user: Staff,
    Path(id): Path<i64>,
    Form(draft): Form<TypeDraft>,
) -> Result<Response> {
    user.require_admin()?;
    let t = types::get(&state.db, id).await?.ok_or(AppError::NotFound)?;
    match draft.validate(t.key.is_some()) {
        Ok(data) => {
            types::update(&state.db, id, &data).await?;
            Ok(Redirect::to("/diary/types").into_response())
        }
        Err(errors) => invalid(&state, &user, Some(t), draft, errors).await,
    }
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct SettingsForm {
    colleague_details: Option<String>,
}

/// POST /diary/settings
#[tracing::instrument(skip_all, fields(user_id = user.id))]
pub async fn settings(
    State(state): State<AppState>,
    user: Staff,
    Form(form): Form<SettingsForm>,
) -> Result<Redirect> {
    user.require_admin()?;
    access::set_colleague_details(&state.db, super::model::is_checked(&form.colleague_details))
        .await?;
    Ok(Redirect::to("/diary/types"))
}
