//! The admin's list of document categories: rename (built-in ones keep their translated name
//! until renamed), reorder, deactivate, add. Categories are never deleted — documents keep theirs.
//! The page also says whether uploads are scanned for viruses (decision 0071).

use askama::Template;
use askama_web::WebTemplate;
use axum::{
    Form,
    extract::{Path, State},
    http::StatusCode,
    response::{IntoResponse, Redirect, Response},
};
use serde::Deserialize;

use super::store::{self, Category};
use crate::{AppError, AppState, Result, auth::Staff, i18n::Lang, timefmt::now, web::Chrome};

#[derive(Template, WebTemplate)]
#[template(path = "documents/categories.html")]
pub struct CategoriesView {
    lang: Lang,
    chrome: Chrome,
    categories: Vec<Category>,
    new_name: String,
    error: Option<String>,
    /// Where uploads are scanned for viruses (clamd's address), `None` when they are not
    /// (decision 0071).
    virus_scan: Option<String>,
}

impl CategoriesView {
    fn own_name<'a>(&self, c: &'a Category) -> &'a str {
        c.name.as_deref().unwrap_or("")
    }
    fn builtin_name(&self, c: &Category) -> String {
        store::category_label(c.key.as_deref(), None, self.lang)
    }
}

async fn view(state: &AppState, user: &Staff) -> Result<CategoriesView> {
    Ok(CategoriesView {
        lang: user.lang,
        chrome: Chrome::new(user, "admin"),
        categories: store::categories(&state.db, true).await?,
        new_name: String::new(),
        error: None,
        virus_scan: state.files.scanner().map(|s| s.addr().to_string()),
    })
}

/// GET /admin/document-categories
#[tracing::instrument(skip_all, fields(user_id = user.id))]
pub async fn list(State(state): State<AppState>, user: Staff) -> Result<CategoriesView> {
    user.require_admin()?;
    view(&state, &user).await
}

#[derive(Deserialize)]
pub struct NewCategory {
    name: String,
}

fn check_name(name: &str) -> Option<&'static str> {
    let n = name.trim().chars().count();
    if n == 0 {
        Some("document-category-name-required")
    } else if n > 60 {
        Some("document-category-name-too-long")
    } else {
        None
    }
}

/// POST /admin/document-categories
#[tracing::instrument(skip_all, fields(user_id = user.id))]
pub async fn create(
    State(state): State<AppState>,
    user: Staff,
    Form(input): Form<NewCategory>,
) -> Result<Response> {
    user.require_admin()?;
    if let Some(key) = check_name(&input.name) {
        let mut page = view(&state, &user).await?;
        page.error = Some(user.lang.t(key));
        page.new_name = input.name;
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response());
    }
    let at = now();
    sqlx::query(
        "INSERT INTO document_categories (name, position, created_at, updated_at) \
         VALUES ($1, (SELECT COALESCE(MAX(position), 0) + 1 FROM document_categories), $2, $2)",
    )
    .bind(input.name.trim())
    .bind(at)
    .execute(&state.db.pool)
    .await?;
    Ok(Redirect::to("/admin/document-categories").into_response())
}

#[derive(Deserialize)]
pub struct CategoryUpdate {
    #[serde(default)]
    name: String,
    position: String,
    active: Option<String>,
}

/// POST /admin/document-categories/{cid}
#[tracing::instrument(skip_all, fields(category_id = cid, user_id = user.id))]
pub async fn update(
    State(state): State<AppState>,
    user: Staff,
    Path(cid): Path<i64>,
    Form(input): Form<CategoryUpdate>,
) -> Result<Response> {
    user.require_admin()?;
    let current: Category = sqlx::query_as(
        "SELECT id, key, name, active, position FROM document_categories WHERE id = $1",
    )
    .bind(cid)
    .fetch_optional(&state.db.pool)
    .await?
    .ok_or(AppError::NotFound)?;
    let name = input.name.trim();
    // A built-in category may go back to its translated name; the firm's own need a name.
    let error = match (name.is_empty(), current.key.is_some()) {
        (true, true) => None,
        _ => check_name(name),
    };
    let position = input.position.trim().parse::<i64>().ok();
    let error = error.or(position
        .is_none()
        .then_some("document-category-position-invalid"));
    if let Some(key) = error {
        let mut page = view(&state, &user).await?;
        page.error = Some(user.lang.t(key));
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response());
    }
    sqlx::query(
        "UPDATE document_categories SET name = $1, position = $2, active = $3, updated_at = $4 \
         WHERE id = $5",
    )
    .bind((!name.is_empty()).then_some(name))
    .bind(position.unwrap_or(current.position))
    .bind(input.active.is_some() as i64)
    .bind(now())
    .bind(cid)
    .execute(&state.db.pool)
    .await?;
    Ok(Redirect::to("/admin/document-categories").into_response())
}
