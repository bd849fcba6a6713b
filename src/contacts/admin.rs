//! Admin-kept lists for contacts: positions (offered when typing a contact's position) and
//! portal-rights presets.

use askama::Template;
use askama_web::WebTemplate;
use axum::{
    Router,
    extract::{Path, State},
    http::StatusCode,
    response::{IntoResponse, Redirect, Response},
    routing::{get, post},
};
use serde::Deserialize;

use super::{
    model::{Right, Rights},
    portal_access::{self, Preset},
};
use crate::{
    AppError, AppState, Result,
    auth::Staff,
    db::{self, Db},
    error::{FieldErrors, Msg},
    i18n::Lang,
    timefmt::now,
    web::{Chrome, form::field_messages},
};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/admin/positions", get(page).post(add_position))
        .route("/admin/positions/{id}/delete", post(delete_position))
        .route("/admin/portal-presets", post(add_preset))
        .route("/admin/portal-presets/{id}/delete", post(delete_preset))
}

pub async fn position_names(db: &Db) -> Result<Vec<String>> {
    let rows: Vec<(String,)> = sqlx::query_as("SELECT name FROM positions ORDER BY name")
        .fetch_all(&db.pool)
        .await?;
    Ok(rows.into_iter().map(|(n,)| n).collect())
}

#[derive(Template, WebTemplate)]
#[template(path = "contacts/admin.html")]
struct AdminPage {
    lang: Lang,
    chrome: Chrome,
    positions: Vec<(i64, String)>,
    presets: Vec<Preset>,
    errors: FieldErrors,
}

impl AdminPage {
    fn errs(&self, field: &str) -> Vec<String> {
        field_messages(&self.errors, self.lang, field)
    }
    fn all_rights(&self) -> Vec<(&'static str, String)> {
        Right::ALL
            .iter()
            .map(|r| (r.as_str(), self.lang.t(r.label_key())))
            .collect()
    }
    fn summary(&self, p: &Preset) -> String {
        p.rights()
            .0
            .iter()
            .map(|r| self.lang.t(r.label_key()))
            .collect::<Vec<_>>()
            .join(", ")
    }
}

async fn render(state: &AppState, user: &Staff, errors: FieldErrors) -> Result<AdminPage> {
    Ok(AdminPage {
        lang: user.lang,
        chrome: Chrome::new(user, "admin"),
        positions: sqlx::query_as("SELECT id, name FROM positions ORDER BY name")
            .fetch_all(&state.db.pool)
            .await?,
        presets: portal_access::presets(&state.db).await?,
        errors,
    })
}

#[tracing::instrument(skip_all, fields(user_id = user.id))]
async fn page(State(state): State<AppState>, user: Staff) -> Result<AdminPage> {
    user.require_admin()?;
    render(&state, &user, FieldErrors::default()).await
}

#[derive(Deserialize)]
struct NameForm {
    #[serde(default)]
    name: String,
}

#[tracing::instrument(skip_all, fields(user_id = user.id))]
async fn add_position(
    State(state): State<AppState>,
    user: Staff,
    axum::Form(form): axum::Form<NameForm>,
) -> Result<Response> {
    user.require_admin()?;
    let name = form.name.trim();
    let mut errors = FieldErrors::default();
    if name.is_empty() || name.chars().count() > 100 {
        errors.add("position", Msg::new("field-required"));
    } else if let Err(e) = sqlx::query("INSERT INTO positions (name, created_at) VALUES ($1, $2)")
        .bind(name)
        .bind(now())
        .execute(&state.db.pool)
        .await
    {
        if !db::is_unique_violation(&e, "name") {
            return Err(e.into());
        }
        errors.add("position", Msg::new("position-duplicate"));
    }
    if errors.is_empty() {
        return Ok(Redirect::to("/admin/positions").into_response());
    }
    Ok((
        StatusCode::UNPROCESSABLE_ENTITY,
        render(&state, &user, errors).await?,
    )
        .into_response())
}

#[tracing::instrument(skip_all, fields(position_id = id, user_id = user.id))]
async fn delete_position(
    State(state): State<AppState>,
    user: Staff,
    Path(id): Path<i64>,
) -> Result<Redirect> {
    user.require_admin()?;
    sqlx::query("DELETE FROM positions WHERE id = $1")
        .bind(id)
        .execute(&state.db.pool)
        .await?;
    Ok(Redirect::to("/admin/positions"))
}

#[derive(Deserialize, Default)]
struct PresetForm {
    #[serde(default)]
    name: String,
    #[serde(default)]
    rights: Vec<String>,
}

#[tracing::instrument(skip_all, fields(user_id = user.id))]
async fn add_preset(
    State(state): State<AppState>,
    user: Staff,
    axum_extra::extract::Form(form): axum_extra::extract::Form<PresetForm>,
) -> Result<Response> {
    user.require_admin()?;
    let rights = Rights::parse_list(form.rights.iter().map(String::as_str));
    match portal_access::create_preset(&state.db, &form.name, &rights).await {
        Ok(()) => Ok(Redirect::to("/admin/positions").into_response()),
        Err(AppError::Invalid(errors)) => Ok((
            StatusCode::UNPROCESSABLE_ENTITY,
            render(&state, &user, errors).await?,
        )
            .into_response()),
        Err(e) => Err(e),
    }
}

#[tracing::instrument(skip_all, fields(preset_id = id, user_id = user.id))]
async fn delete_preset(
    State(state): State<AppState>,
    user: Staff,
    Path(id): Path<i64>,
) -> Result<Redirect> {
    user.require_admin()?;
    portal_access::delete_preset(&state.db, id).await?;
    Ok(Redirect::to("/admin/positions"))
}
