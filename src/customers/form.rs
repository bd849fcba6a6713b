//! Creating and editing a customer in the browser: the form, saving with validation and
//! stale-edit detection, filling from Enhetsregisteret, and the postal code helper.

use askama::Template;
use askama_web::WebTemplate;
use axum::{
    Form,
    extract::{Path, Query, State},
    http::StatusCode,
    response::{Html, IntoResponse, Redirect, Response},
};
use serde::Deserialize;

use super::{
    access::{Visibility, can_edit},
    facets::{self, Choice},
    model::{CustomerDraft, Status},
    pages::askama_escape,
    store::{self, Updated},
};
use crate::{
    AppError, AppState, Result,
    auth::Staff,
    error::FieldErrors,
    geo::{self, postal},
    i18n::Lang,
    timefmt,
    web::{Chrome, form::field_messages},
};

/// A field that someone else changed while this user was editing.
pub struct ConflictField {
    pub label: String,
    pub now: String,
}

pub struct Conflict {
    pub by: String,
    pub at: String,
    pub fields: Vec<ConflictField>,
}

#[derive(Template)]
#[template(path = "customers/_form.html")]
pub struct FormView {
    pub lang: Lang,
    pub draft: CustomerDraft,
    pub errors: FieldErrors,
    pub customer_id: Option<i64>,
    pub version: i64,
    pub departments: Vec<Choice>,
    pub owners: Vec<Choice>,
    pub conflict: Option<Conflict>,
    pub notice: Option<String>,
}

impl FormView {
    fn errs(&self, field: &str) -> Vec<String> {
        field_messages(&self.errors, self.lang, field)
    }
    fn invalid(&self, field: &str) -> bool {
        self.errors.get(field).is_some()
    }
    fn action(&self) -> String {
        match self.customer_id {
            Some(id) => format!("/customers/{id}"),
            None => "/customers".to_string(),
        }
    }
    fn statuses(&self) -> Vec<(&'static str, String)> {
        Status::ALL
            .iter()
            .map(|s| (s.as_str(), self.lang.t(s.label_key())))
            .collect()
    }
    fn is_selected_id(&self, field: &str, id: &i64) -> bool {
        let v = if field == "owner_id" {
            &self.draft.owner_id
        } else {
            &self.draft.department_id
        };
        v.trim() == id.to_string()
    }
    fn place(&self, code: &str) -> String {
        place_text(code)
    }
    fn conflict_text(&self) -> String {
        match &self.conflict {
            Some(c) => self.lang.t_with(
                "stale-edit-body",
                &[("by", c.by.clone()), ("at", c.at.clone())],
            ),
            None => String::new(),
        }
    }
}

/// `Oslo · Oslo kommune · Oslo` for a postal code; empty when unknown.
pub fn place_text(code: &str) -> String {
    postal::lookup(code)
        .map(|p| {
            format!(
                "{} · {} · {}",
                p.place_title(),
                p.municipality_title(),
                geo::county_name(p.county_no).unwrap_or("")
            )
        })
        .unwrap_or_default()
}

#[derive(Template, WebTemplate)]
#[template(path = "customers/form.html")]
pub struct FormPage {
    pub lang: Lang,
    pub chrome: Chrome,
    pub title: String,
    pub cancel_href: String,
    pub form: FormView,
}

pub(super) async fn form_view(
    state: &AppState,
    lang: Lang,
    draft: CustomerDraft,
) -> Result<FormView> {
    Ok(FormView {
        lang,
        draft,
        errors: FieldErrors::default(),
        customer_id: None,
        version: 0,
        departments: facets::departments(&state.db).await?,
        owners: facets::active_users(&state.db).await?,
        conflict: None,
        notice: None,
    })
}

fn page(user: &Staff, form: FormView) -> FormPage {
    let (title, cancel_href) = match form.customer_id {
        Some(id) => (
            user.lang.t("customer-edit-title"),
            format!("/customers/{id}"),
        ),
        None => (user.lang.t("customer-new-title"), "/customers".to_string()),
    };
    FormPage {
        lang: user.lang,
        chrome: Chrome::new(user, "customers"),
        title,
        cancel_href,
        form,
    }
}

/// GET /customers/new
#[tracing::instrument(skip_all, fields(user_id = user.id))]
pub async fn new(State(state): State<AppState>, user: Staff) -> Result<FormPage> {
    let draft = CustomerDraft {
        status: Status::Potential.as_str().to_string(),
        owner_id: user.id.to_string(),
        department_id: user
            .department_id
            .map(|d| d.to_string())
            .unwrap_or_default(),
        ..Default::default()
    };
    let form = form_view(&state, user.lang, draft).await?;
    Ok(page(&user, form))
}

/// POST /customers
#[tracing::instrument(skip_all, fields(user_id = user.id))]
pub async fn create(
    State(state): State<AppState>,
    user: Staff,
    Form(draft): Form<CustomerDraft>,
) -> Result<Response> {
    let result = match draft.validate() {
        Ok(data) => {
            let visibility = Visibility::of(&user, state.config.consultant_scope);
            let mut tx = state.db.begin().await?;
            let created = store::create(&mut tx, visibility, Some(user.id), &data).await;
            if created.is_ok() {
                state.db.commit_and_recount(tx).await?;
            }
            created
        }
        Err(errors) => Err(AppError::Invalid(errors)),
    };
    match result {
        Ok(id) => Ok(Redirect::to(&format!("/customers/{id}?saved=1")).into_response()),
        Err(AppError::Invalid(errors)) => {
            let mut form = form_view(&state, user.lang, draft).await?;
            form.errors = errors;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, page(&user, form)).into_response())
        }
        Err(other) => Err(other),
    }
}

async fn editable(state: &AppState, user: &Staff, id: i64) -> Result<store::Customer> {
    let visibility = Visibility::of(user, state.config.consultant_scope);
    let c = store::get(&state.db, visibility, id)
        .await?
        .ok_or(AppError::NotFound)?;
    if !can_edit(user, c.owner_id, c.department_id) {
        return Err(AppError::Forbidden);
    }
    Ok(c)
}

/// GET /customers/{id}/edit
#[tracing::instrument(skip_all, fields(customer_id = id, user_id = user.id))]
pub async fn edit(
    State(state): State<AppState>,
    user: Staff,
    Path(id): Path<i64>,
) -> Result<FormPage> {
    let c = editable(&state, &user, id).await?;
    let mut form = form_view(&state, user.lang, c.to_draft()).await?;
    form.customer_id = Some(c.id);
    form.version = c.version;
    Ok(page(&user, form))
}

#[derive(Deserialize)]
pub struct EditForm {
    #[serde(flatten)]
    pub(super) draft: CustomerDraft,
    #[serde(default)]
    pub(super) version: String,
    #[serde(default)]
    pub(super) customer_id: String,
}

/// POST /customers/{id}
#[tracing::instrument(skip_all, fields(customer_id = id, user_id = user.id))]
pub async fn update(
    State(state): State<AppState>,
    user: Staff,
    Path(id): Path<i64>,
    Form(input): Form<EditForm>,
) -> Result<Response> {
    let current = editable(&state, &user, id).await?;
    let expected: i64 = input.version.trim().parse().unwrap_or(0);
    let mut form = form_view(&state, user.lang, input.draft.clone()).await?;
    form.customer_id = Some(id);
    form.version = expected;
    let data = match input.draft.validate() {
        Ok(data) => data,
        Err(errors) => {
            form.errors = errors;
            return Ok((StatusCode::UNPROCESSABLE_ENTITY, page(&user, form)).into_response());
        }
    };
    let visibility = Visibility::of(&user, state.config.consultant_scope);
    let mut tx = state.db.begin().await?;
    let updated = store::update(&mut tx, visibility, user.id, &current, expected, &data).await;
    match &updated {
        Ok(Updated::Saved(_)) => state.db.commit_and_recount(tx).await?,
        _ => drop(tx),
    }
    match updated {
        Ok(Updated::Saved(_)) => {
            Ok(Redirect::to(&format!("/customers/{id}?saved=1")).into_response())
        }
        Ok(Updated::Stale(fresh)) => {
            form.conflict = Some(conflict(&state, &user, &input.draft, &fresh).await?);
            // Saving again is now a conscious choice to overwrite what the other person saved.
            form.version = fresh.version;
            Ok((StatusCode::CONFLICT, page(&user, form)).into_response())
        }
        Err(AppError::Invalid(errors)) => {
            form.errors = errors;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, page(&user, form)).into_response())
        }
        Err(other) => Err(other),
    }
}

async fn conflict(
    state: &AppState,
    user: &Staff,
    mine: &CustomerDraft,
    fresh: &store::Customer,
) -> Result<Conflict> {
    let last = super::history::latest(&state.db, fresh.id, 1)
        .await?
        .into_iter()
        .next();
    let theirs = fresh.to_draft();
    let pairs = [
        ("name", &mine.name, &theirs.name),
        ("org_number", &mine.org_number, &theirs.org_number),
        ("status", &mine.status, &theirs.status),
        ("industry_text", &mine.industry_text, &theirs.industry_text),
        ("visit_street", &mine.visit_street, &theirs.visit_street),
        (
            "visit_postal_code",
            &mine.visit_postal_code,
            &theirs.visit_postal_code,
        ),
        ("postal_street", &mine.postal_street, &theirs.postal_street),
        (
            "postal_postal_code",
            &mine.postal_postal_code,
            &theirs.postal_postal_code,
        ),
        ("email", &mine.email, &theirs.email),
        ("phone", &mine.phone, &theirs.phone),
        ("website", &mine.website, &theirs.website),
    ];
    let fields = pairs
        .iter()
        .filter(|(_, a, b)| a.trim() != b.trim())
        .map(|(field, _, now)| ConflictField {
            label: user
                .lang
                .t(&format!("customer-{}", field.replace('_', "-"))),
            now: if now.is_empty() {
                "—".into()
            } else {
                now.to_string()
            },
        })
        .collect();
    Ok(Conflict {
        by: last
            .as_ref()
            .and_then(|h| h.user_name.clone())
            .unwrap_or_default(),
        at: last
            .map(|h| timefmt::oslo_datetime(h.at))
            .unwrap_or_default(),
        fields,
    })
}

/// GET /geo/postal?<any>_postal_code=NNNN: the place for a postal code, as a small fragment.
#[tracing::instrument(skip_all, fields(user_id = user.id))]
pub async fn postal_place(
    user: Staff,
    Query(params): Query<std::collections::HashMap<String, String>>,
) -> Html<String> {
    let code = params
        .iter()
        .find(|(k, _)| k.ends_with("postal_code"))
        .map(|(_, v)| v.trim().to_string())
        .unwrap_or_default();
    if code.is_empty() {
        return Html(String::new());
    }
    let text = place_text(&code);
    if text.is_empty() {
        let msg = user
            .lang
            .t_with("postal-code-unknown", &[("code", code.clone())]);
        return Html(format!(
            "<span class=\"field-error\">{}</span>",
            askama_escape(&msg)
        ));
    }
    Html(askama_escape(&text))
}
