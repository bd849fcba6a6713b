//! The price list (migration 0019): items a draft's line can be filled from — name, unit, unit
//! price and VAT — kept by admins on `/admin/invoice-items`. A line copies an item's values when
//! it is added; changing or removing an item never changes a line.

use askama::Template;
use askama_web::WebTemplate;
use axum::{
    extract::{Path, Query, State},
    http::StatusCode,
    response::{IntoResponse, Redirect, Response},
};
use axum_extra::extract::Form;
use serde::Deserialize;
use sqlx::AnyConnection;

use super::pages::{
    VAT_CHOICES, edit::parse_line, unit_text, units, vat_choice, vat_choice_key, vat_text,
    view::LineForm,
};
use crate::{
    AppError, AppState, Result,
    auth::Staff,
    db::{Db, is_unique_violation},
    error::{FieldErrors, Msg},
    i18n::Lang,
    money::{format_kr, input_kr},
    timefmt::now,
    web::{Chrome, form::field_messages},
};

#[derive(Clone, Debug, PartialEq, Eq, sqlx::FromRow)]
pub struct Item {
    pub id: i64,
    pub name: String,
    pub unit_code: String,
    pub unit_price_ore: i64,
    pub vat_category: String,
    pub vat_rate_bp: i64,
    pub exemption_reason: Option<String>,
}

const COLUMNS: &str =
    "id, name, unit_code, unit_price_ore, vat_category, vat_rate_bp, exemption_reason";

pub async fn all(db: &Db) -> Result<Vec<Item>> {
    let sql = format!("SELECT {COLUMNS} FROM invoice_items ORDER BY name");
    Ok(sqlx::query_as(sqlx::AssertSqlSafe(sql))
        .fetch_all(&db.pool)
        .await?)
}

pub async fn get(db: &Db, id: i64) -> Result<Option<Item>> {
    let sql = format!("SELECT {COLUMNS} FROM invoice_items WHERE id = $1");
    Ok(sqlx::query_as(sqlx::AssertSqlSafe(sql))
        .bind(id)
        .fetch_optional(&db.pool)
        .await?)
}

/// An item as typed on the admin page.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default)]
pub struct ItemForm {
    pub id: Option<i64>,
    pub name: String,
    pub unit: String,
    pub unit_price: String,
    pub vat: String,
    pub exemption_reason: String,
}

/// Saves an item (new when `id` is `None`), checked as a line is; its id.
pub async fn save(conn: &mut AnyConnection, form: &ItemForm) -> Result<i64> {
    let line = LineForm {
        version: 0,
        description: form.name.clone(),
        quantity: "1".into(),
        unit: form.unit.clone(),
        unit_price: form.unit_price.clone(),
        vat: form.vat.clone(),
        exemption_reason: form.exemption_reason.clone(),
    };
    let input = parse_line(&line).map_err(|e| match e {
        AppError::Invalid(mut errors) => {
            if let Some(m) = errors.0.remove("description") {
                errors.0.insert("name".into(), m);
            }
            AppError::Invalid(errors)
        }
        e => e,
    })?;
    let name = input.description.trim().to_string();
    let at = now();
    let result = match form.id {
        None => sqlx::query_as::<_, (i64,)>(
            "INSERT INTO invoice_items (name, unit_code, unit_price_ore, vat_category, \
             vat_rate_bp, exemption_reason, created_at, updated_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $7) RETURNING id",
        )
        .bind(&name)
        .bind(&input.unit_code)
        .bind(input.unit_price_ore)
        .bind(&input.vat_category)
        .bind(input.vat_rate_bp)
        .bind(&input.exemption_reason)
        .bind(at)
        .fetch_one(&mut *conn)
        .await
        .map(|(id,)| id),
        Some(id) => sqlx::query_as::<_, (i64,)>(
            "UPDATE invoice_items SET name = $1, unit_code = $2, unit_price_ore = $3, \
             vat_category = $4, vat_rate_bp = $5, exemption_reason = $6, updated_at = $7 \
             WHERE id = $8 RETURNING id",
        )
        .bind(&name)
        .bind(&input.unit_code)
        .bind(input.unit_price_ore)
        .bind(&input.vat_category)
        .bind(input.vat_rate_bp)
        .bind(&input.exemption_reason)
        .bind(at)
        .bind(id)
        .fetch_optional(&mut *conn)
        .await
        .and_then(|r| r.map(|(id,)| id).ok_or(sqlx::Error::RowNotFound)),
    };
    result.map_err(|e| match e {
        sqlx::Error::RowNotFound => AppError::NotFound,
        e if is_unique_violation(&e, "name") => {
            let mut errors = FieldErrors::default();
            errors.add("name", Msg::new("inv-item-name-taken"));
            AppError::Invalid(errors)
        }
        e => e.into(),
    })
}

fn require_admin(user: &Staff) -> Result<()> {
    if user.role.is_admin() {
        Ok(())
    } else {
        Err(AppError::Forbidden)
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "invoices/items.html")]
pub struct ItemsView {
    lang: Lang,
    chrome: Chrome,
    items: Vec<Item>,
    form: ItemForm,
    errors: FieldErrors,
}

impl ItemsView {
    fn errs(&self, field: &str) -> Vec<String> {
        field_messages(&self.errors, self.lang, field)
    }
    fn vat_errs(&self) -> Vec<String> {
        let mut all = self.errs("vat_category");
        all.extend(self.errs("vat_rate"));
        all
    }
    fn units(&self) -> Vec<(&'static str, String)> {
        units()
    }
    fn vat_choices(&self) -> Vec<(&'static str, String)> {
        VAT_CHOICES
            .iter()
            .map(|(c, _, _)| (*c, vat_choice_key(c)))
            .collect()
    }
    fn unit(&self, code: &str) -> String {
        unit_text(self.lang, code)
    }
    fn price(&self, ore: &i64) -> String {
        format_kr(*ore)
    }
    fn vat(&self, i: &Item) -> String {
        vat_text(self.lang, &i.vat_category, i.vat_rate_bp)
    }
}

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default)]
pub struct ItemsQuery {
    pub edit: Option<i64>,
}

async fn page_view(
    state: &AppState,
    user: &Staff,
    form: ItemForm,
    errors: FieldErrors,
) -> Result<ItemsView> {
    Ok(ItemsView {
        lang: user.lang,
        chrome: Chrome::new(user, "admin"),
        items: all(&state.db).await?,
        form,
        errors,
    })
}

/// GET /admin/invoice-items
#[tracing::instrument(skip_all, fields(user_id = user.id))]
pub async fn page(
    State(state): State<AppState>,
    user: Staff,
    Query(q): Query<ItemsQuery>,
) -> Result<Response> {
    require_admin(&user)?;
    let form = match q.edit {
        Some(id) => {
            let i = get(&state.db, id).await?.ok_or(AppError::NotFound)?;
            ItemForm {
                id: Some(i.id),
                name: i.name,
                unit: i.unit_code,
                unit_price: input_kr(i.unit_price_ore),
                vat: vat_choice(&i.vat_category, i.vat_rate_bp),
                exemption_reason: i.exemption_reason.unwrap_or_default(),
            }
        }
        None => ItemForm {
            unit: "C62".into(),
            vat: "S2500".into(),
            ..Default::default()
        },
    };
    Ok(page_view(&state, &user, form, FieldErrors::default())
        .await?
        .into_response())
}

/// POST /admin/invoice-items: add or change an item.
#[tracing::instrument(skip_all, fields(user_id = user.id))]
pub async fn save_item(
    State(state): State<AppState>,
    user: Staff,
    Form(form): Form<ItemForm>,
) -> Result<Response> {
    require_admin(&user)?;
    let mut tx = state.db.begin().await?;
    match save(&mut tx, &form).await {
        Ok(_) => {
            tx.commit().await?;
            Ok(Redirect::to("/admin/invoice-items").into_response())
        }
        Err(AppError::Invalid(errors)) => {
            drop(tx);
            let v = page_view(&state, &user, form, errors).await?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, v).into_response())
        }
        Err(e) => Err(e),
    }
}

/// POST /admin/invoice-items/{id}/delete
#[tracing::instrument(skip_all, fields(user_id = user.id))]
pub async fn delete(
    State(state): State<AppState>,
    user: Staff,
    Path(id): Path<i64>,
) -> Result<Response> {
    require_admin(&user)?;
    sqlx::query("DELETE FROM invoice_items WHERE id = $1")
        .bind(id)
        .execute(&state.db.pool)
        .await?;
    Ok(Redirect::to("/admin/invoice-items").into_response())
}
