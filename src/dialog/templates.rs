//! Message templates: the firm's (kept by admins) and each user's own, per channel.

use askama::Template;
use askama_web::WebTemplate;
use axum::{
    Form,
    extract::{Path, Query, State},
    http::StatusCode,
    response::{IntoResponse, Redirect, Response},
};
use serde::Deserialize;

use super::{merge, model::Channel};
use crate::{
    AppError, AppState, Result,
    auth::Staff,
    db::Db,
    error::{FieldErrors, Msg},
    i18n::Lang,
    timefmt::now,
    web::{Chrome, form::field_messages},
};

#[derive(Clone, Debug, sqlx::FromRow)]
pub struct MessageTemplate {
    pub id: i64,
    pub owner_id: Option<i64>,
    pub channel: String,
    pub name: String,
    pub subject: String,
    pub body: String,
}

impl MessageTemplate {
    pub fn is_firm(&self) -> bool {
        self.owner_id.is_none()
    }
    /// Admins change the firm's templates; everyone changes their own.
    pub fn can_change(&self, user: &Staff) -> bool {
        match self.owner_id {
            None => user.role.is_admin(),
            Some(owner) => owner == user.id,
        }
    }
}

const COLUMNS: &str = "id, owner_id, channel, name, subject, body";

/// The templates `user` may use for `channel`: the firm's and their own, by name.
pub async fn usable(db: &Db, user: &Staff, channel: Channel) -> Result<Vec<MessageTemplate>> {
    Ok(sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "SELECT {COLUMNS} FROM message_templates WHERE channel = $1 \
         AND (owner_id IS NULL OR owner_id = $2) ORDER BY owner_id IS NOT NULL, name"
    )))
    .bind(channel.as_str())
    .bind(user.id)
    .fetch_all(&db.pool)
    .await?)
}

/// One template, if `user` may use it.
pub async fn get(db: &Db, user: &Staff, id: i64) -> Result<Option<MessageTemplate>> {
    Ok(sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "SELECT {COLUMNS} FROM message_templates WHERE id = $1 \
         AND (owner_id IS NULL OR owner_id = $2)"
    )))
    .bind(id)
    .bind(user.id)
    .fetch_optional(&db.pool)
    .await?)
}

#[derive(Clone, Debug, Default, Deserialize)]
pub struct TemplateDraft {
    #[serde(default)]
    pub channel: String,
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub subject: String,
    #[serde(default)]
    pub body: String,
    /// "firm" (admins only) or "personal".
    #[serde(default)]
    pub scope: String,
}

impl TemplateDraft {
    fn validate(&self, user: &Staff) -> std::result::Result<Channel, FieldErrors> {
        let mut errors = FieldErrors::default();
        let channel = Channel::parse(&self.channel);
        if channel.is_none() {
            errors.add("channel", Msg::new("field-required"));
        }
        if self.name.trim().is_empty() {
            errors.add("name", Msg::new("field-required"));
        } else if self.name.trim().chars().count() > 80 {
            errors.add("name", Msg::new("field-too-long").arg("max", 80));
        }
        if let Some(channel) = channel {
            super::check::check(channel, &self.subject, &self.body, &mut errors);
        }
        if self.scope == "firm" && !user.role.is_admin() {
            errors.add("scope", Msg::new("dialog-template-firm-admin-only"));
        }
        match channel {
            Some(channel) if errors.is_empty() => Ok(channel),
            _ => Err(errors),
        }
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "dialog/templates.html")]
pub struct ListView {
    lang: Lang,
    chrome: Chrome,
    templates: Vec<MessageTemplate>,
    user: Staff,
    saved: bool,
}

#[derive(Deserialize, Default)]
pub struct Saved {
    saved: Option<String>,
}

/// GET /dialog/templates
#[tracing::instrument(skip_all, fields(user_id = user.id))]
pub async fn list(
    State(state): State<AppState>,
    user: Staff,
    Query(saved): Query<Saved>,
) -> Result<ListView> {
    let templates = sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "SELECT {COLUMNS} FROM message_templates WHERE owner_id IS NULL OR owner_id = $1 \
         ORDER BY channel, owner_id IS NOT NULL, name"
    )))
    .bind(user.id)
    .fetch_all(&state.db.pool)
    .await?;
    Ok(ListView {
        lang: user.lang,
        chrome: Chrome::new(&user, "dialog"),
        templates,
        user,
        saved: saved.saved.is_some(),
    })
}

#[derive(Template, WebTemplate)]
#[template(path = "dialog/template_form.html")]
pub struct FormView {
    lang: Lang,
    chrome: Chrome,
    id: Option<i64>,
    draft: TemplateDraft,
    errors: FieldErrors,
    is_admin: bool,
    fields: [&'static str; 7],
}

impl FormView {
    fn errs(&self, field: &str) -> Vec<String> {
        field_messages(&self.errors, self.lang, field)
    }
    fn action(&self) -> String {
        match self.id {
            Some(id) => format!("/dialog/templates/{id}"),
            None => "/dialog/templates".into(),
        }
    }
}

fn form(user: &Staff, id: Option<i64>, draft: TemplateDraft) -> FormView {
    FormView {
        lang: user.lang,
        chrome: Chrome::new(user, "dialog"),
        id,
        draft,
        errors: FieldErrors::default(),
        is_admin: user.role.is_admin(),
        fields: merge::FIELDS,
    }
}

#[derive(Deserialize, Default)]
pub struct NewParams {
    channel: Option<String>,
}

/// GET /dialog/templates/new
#[tracing::instrument(skip_all, fields(user_id = user.id))]
pub async fn new(user: Staff, Query(params): Query<NewParams>) -> FormView {
    let draft = TemplateDraft {
        channel: params.channel.unwrap_or_else(|| "email".into()),
        scope: "personal".into(),
        ..Default::default()
    };
    form(&user, None, draft)
}

/// POST /dialog/templates
#[tracing::instrument(skip_all, fields(user_id = user.id))]
pub async fn create(
    State(state): State<AppState>,
    user: Staff,
    Form(draft): Form<TemplateDraft>,
) -> Result<Response> {
    let channel = match draft.validate(&user) {
        Ok(c) => c,
        Err(errors) => {
            let mut view = form(&user, None, draft);
            view.errors = errors;
            return Ok((StatusCode::UNPROCESSABLE_ENTITY, view).into_response());
        }
    };
    let owner = (draft.scope != "firm").then_some(user.id);
    let at = now();
    sqlx::query(
        "INSERT INTO message_templates (owner_id, channel, name, subject, body, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $6)",
    )
    .bind(owner)
    .bind(channel.as_str())
    .bind(draft.name.trim())
    .bind(draft.subject.trim())
    .bind(draft.body.as_str())
    .bind(at)
    .execute(&state.db.pool)
    .await?;
    Ok(Redirect::to("/dialog/templates?saved=1").into_response())
}

async fn changeable(state: &AppState, user: &Staff, id: i64) -> Result<MessageTemplate> {
    let template = get(&state.db, user, id).await?.ok_or(AppError::NotFound)?;
    if !template.can_change(user) {
        return Err(AppError::Forbidden);
    }
    Ok(template)
}

/// GET /dialog/templates/{id}
#[tracing::instrument(skip_all, fields(template_id = id, user_id = user.id))]
pub async fn edit(
    State(state): State<AppState>,
    user: Staff,
    Path(id): Path<i64>,
) -> Result<FormView> {
    let t = changeable(&state, &user, id).await?;
    let draft = TemplateDraft {
        scope: if t.is_firm() { "firm" } else { "personal" }.into(),
        channel: t.channel,
        name: t.name,
        subject: t.subject,
        body: t.body,
    };
    Ok(form(&user, Some(id), draft))
}

/// POST /dialog/templates/{id}
#[tracing::instrument(skip_all, fields(template_id = id, user_id = user.id))]
pub async fn update(
    State(state): State<AppState>,
    user: Staff,
    Path(id): Path<i64>,
    Form(draft): Form<TemplateDraft>,
) -> Result<Response> {
    changeable(&state, &user, id).await?;
    let channel = match draft.validate(&user) {
        Ok(c) => c,
        Err(errors) => {
            let mut view = form(&user, Some(id), draft);
            view.errors = errors;
            return Ok((StatusCode::UNPROCESSABLE_ENTITY, view).into_response());
        }
    };
    let owner = (draft.scope != "firm").then_some(user.id);
    sqlx::query(
        "UPDATE message_templates SET owner_id = $1, channel = $2, name = $3, subject = $4,
         body = $5, updated_at = $6 WHERE id = $7",
    )
    .bind(owner)
    .bind(channel.as_str())
    .bind(draft.name.trim())
    .bind(draft.subject.trim())
    .bind(draft.body.as_str())
    .bind(now())
    .bind(id)
    .execute(&state.db.pool)
    .await?;
    Ok(Redirect::to("/dialog/templates?saved=1").into_response())
}

/// POST /dialog/templates/{id}/delete
#[tracing::instrument(skip_all, fields(template_id = id, user_id = user.id))]
pub async fn delete(
    State(state): State<AppState>,
    user: Staff,
    Path(id): Path<i64>,
) -> Result<Redirect> {
    changeable(&state, &user, id).await?;
    sqlx::query("DELETE FROM message_templates WHERE id = $1")
        .bind(id)
        .execute(&state.db.pool)
        .await?;
    Ok(Redirect::to("/dialog/templates?saved=1"))
}
