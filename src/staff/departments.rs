//! Departments: admins create and rename them.

use askama::Template;
use askama_web::WebTemplate;
use axum::{
    Form, Router,
    extract::{Path, State},
    http::StatusCode,
    response::{IntoResponse, Redirect, Response},
    routing::{get, post},
};
use serde::Deserialize;
use sqlx::AnyConnection;

use crate::{
    AppState, Result,
    auth::Staff,
    db::{self, Db},
    error::{FieldErrors, Msg},
    i18n::Lang,
    timefmt::now,
    web::{Chrome, form::field_messages},
};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/admin/departments", get(page).post(create))
        .route("/admin/departments/{id}", post(rename))
}

#[derive(sqlx::FromRow)]
pub struct DepartmentRow {
    pub id: i64,
    pub name: String,
    pub users: i64,
    pub customers: i64,
}

#[derive(Template, WebTemplate)]
#[template(path = "staff/departments.html")]
struct DepartmentsPage {
    lang: Lang,
    chrome: Chrome,
    departments: Vec<DepartmentRow>,
    name: String,
    errors: FieldErrors,
}

impl DepartmentsPage {
    fn errs(&self, field: &str) -> Vec<String> {
        field_messages(&self.errors, self.lang, field)
    }
}

async fn rows(db: &Db) -> Result<Vec<DepartmentRow>> {
    Ok(sqlx::query_as(
        "SELECT d.id, d.name, \
         (SELECT COUNT(*) FROM users u WHERE u.department_id = d.id) AS users, \
         (SELECT COUNT(*) FROM customers c WHERE c.department_id = d.id) AS customers \
         FROM departments d ORDER BY d.name",
    )
    .fetch_all(&db.pool)
    .await?)
}

#[tracing::instrument(skip_all, fields(user_id = user.id))]
async fn page(State(state): State<AppState>, user: Staff) -> Result<Response> {
    user.require_admin()?;
    let view = DepartmentsPage {
        lang: user.lang,
        chrome: Chrome::new(&user, "admin"),
        departments: rows(&state.db).await?,
        name: String::new(),
        errors: FieldErrors::default(),
    };
    Ok(view.into_response())
}

#[derive(Deserialize)]
struct NameForm {
    #[serde(default)]
    name: String,
}

fn validate(name: &str) -> FieldErrors {
    let mut errors = FieldErrors::default();
    if name.trim().is_empty() {
        errors.add("name", Msg::new("field-required"));
    } else if name.trim().chars().count() > 100 {
        errors.add("name", Msg::new("field-too-long").arg("max", 100));
    }
    errors
}

/// Creates a department (`id` none) or renames one; the messages when the name is refused.
async fn save(conn: &mut AnyConnection, id: Option<i64>, name: &str) -> Result<FieldErrors> {
    let mut errors = validate(name);
    if !errors.is_empty() {
        return Ok(errors);
    }
    let result = match id {
        None => {
            sqlx::query("INSERT INTO departments (name, created_at) VALUES ($1, $2)")
                .bind(name.trim())
                .bind(now())
                .execute(&mut *conn)
                .await
        }
        Some(id) => {
            sqlx::query("UPDATE departments SET name = $1 WHERE id = $2")
                .bind(name.trim())
                .bind(id)
                .execute(&mut *conn)
                .await
        }
    };
    match result {
        Ok(_) => Ok(errors),
        Err(e) if db::is_unique_violation(&e, "name") => {
            errors.add("name", Msg::new("department-duplicate"));
            Ok(errors)
        }
        Err(e) => Err(e.into()),
    }
}

#[tracing::instrument(skip_all, fields(user_id = user.id))]
async fn create(
    State(state): State<AppState>,
    user: Staff,
    Form(form): Form<NameForm>,
) -> Result<Response> {
    user.require_admin()?;
    let errors = save(&mut *state.db.pool.acquire().await?, None, &form.name).await?;
    if errors.is_empty() {
        return Ok(Redirect::to("/admin/departments").into_response());
    }
    let view = DepartmentsPage {
        lang: user.lang,
        chrome: Chrome::new(&user, "admin"),
        departments: rows(&state.db).await?,
        name: form.name,
        errors,
    };
    Ok((StatusCode::UNPROCESSABLE_ENTITY, view).into_response())
}

#[tracing::instrument(skip_all, fields(department_id = id, user_id = user.id))]
async fn rename(
    State(state): State<AppState>,
    user: Staff,
    Path(id): Path<i64>,
    Form(form): Form<NameForm>,
) -> Result<Response> {
    user.require_admin()?;
    let errors = save(&mut *state.db.pool.acquire().await?, Some(id), &form.name).await?;
    if errors.is_empty() {
        return Ok(Redirect::to("/admin/departments").into_response());
    }
    let view = DepartmentsPage {
        lang: user.lang,
        chrome: Chrome::new(&user, "admin"),
        departments: rows(&state.db).await?,
        name: String::new(),
        errors,
    };
    Ok((StatusCode::UNPROCESSABLE_ENTITY, view).into_response())
}
