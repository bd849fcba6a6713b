//! The contacts tab of the card: the list, and creating and editing a contact.

use askama::Template;
use askama_web::WebTemplate;
use axum::{
    Form,
    extract::{Path, Query, State},
    http::StatusCode,
    response::{IntoResponse, Redirect, Response},
};
use serde::Deserialize;

use super::{
    admin::position_names,
    model::ContactDraft,
    store::{self, Contact},
};
use crate::{
    AppError, AppState, Result,
    auth::Staff,
    customers::card::CardHead,
    error::{FieldErrors, Msg},
    i18n::Lang,
    web::{Chrome, form::field_messages},
};

#[derive(Template, WebTemplate)]
#[template(path = "contacts/tab.html")]
pub struct TabView {
    lang: Lang,
    chrome: Chrome,
    card: CardHead,
    contacts: Vec<Contact>,
    show_inactive: bool,
}

impl TabView {
    fn portal_label(&self, c: &Contact) -> String {
        self.lang.t(&format!("portal-state-{}", c.portal))
    }
}

#[derive(Deserialize, Default)]
pub struct ListParams {
    inactive: Option<String>,
}

/// GET /customers/{id}/contacts
#[tracing::instrument(skip_all, fields(customer_id = id, user_id = user.id))]
pub async fn list(
    State(state): State<AppState>,
    user: Staff,
    Path(id): Path<i64>,
    Query(params): Query<ListParams>,
) -> Result<TabView> {
    let card = CardHead::load(&state, &user, id, "contacts").await?;
    let show_inactive = params.inactive.is_some();
    let contacts = store::list_for_customer(&state.db, id, show_inactive).await?;
    Ok(TabView {
        lang: user.lang,
        chrome: Chrome::new(&user, "customers"),
        card,
        contacts,
        show_inactive,
    })
}

#[derive(Template, WebTemplate)]
#[template(path = "contacts/form.html")]
pub struct FormView {
    lang: Lang,
    chrome: Chrome,
    card: CardHead,
    contact_id: Option<i64>,
    version: i64,
    draft: ContactDraft,
    errors: FieldErrors,
    duplicates: Vec<String>,
    stale: bool,
    positions: Vec<String>,
}

impl FormView {
    fn errs(&self, field: &str) -> Vec<String> {
        field_messages(&self.errors, self.lang, field)
    }
    fn action(&self) -> String {
        match self.contact_id {
            Some(cid) => format!("/customers/{}/contacts/{cid}", self.card.customer.id),
            None => format!("/customers/{}/contacts", self.card.customer.id),
        }
    }
}

async fn form(
    state: &AppState,
    user: &Staff,
    card: CardHead,
    contact: Option<&Contact>,
    draft: ContactDraft,
) -> Result<FormView> {
    Ok(FormView {
        lang: user.lang,
        chrome: Chrome::new(user, "customers"),
        card,
        contact_id: contact.map(|c| c.id),
        version: contact.map(|c| c.version).unwrap_or(0),
        draft,
        errors: FieldErrors::default(),
        duplicates: Vec::new(),
        stale: false,
        positions: position_names(&state.db).await?,
    })
}

/// GET /customers/{id}/contacts/new
#[tracing::instrument(skip_all, fields(customer_id = id, user_id = user.id))]
pub async fn new(
    State(state): State<AppState>,
    user: Staff,
    Path(id): Path<i64>,
) -> Result<FormView> {
    let card = CardHead::load_editable(&state, &user, id, "contacts").await?;
    form(&state, &user, card, None, ContactDraft::default()).await
}

#[derive(Deserialize)]
pub struct ContactForm {
    #[serde(flatten)]
    draft: ContactDraft,
    #[serde(default)]
    version: String,
    /// Set when the user has seen the duplicate warning and saves anyway.
    #[serde(default)]
    confirm_duplicate: String,
}

/// POST /customers/{id}/contacts
#[tracing::instrument(skip_all, fields(customer_id = id, user_id = user.id))]
pub async fn create(
    State(state): State<AppState>,
    user: Staff,
    Path(id): Path<i64>,
    Form(input): Form<ContactForm>,
) -> Result<Response> {
    let card = CardHead::load_editable(&state, &user, id, "contacts").await?;
    let mut view = form(&state, &user, card, None, input.draft.clone()).await?;
    let data = match input.draft.validate() {
        Ok(d) => d,
        Err(errors) => {
            view.errors = errors;
            return Ok((StatusCode::UNPROCESSABLE_ENTITY, view).into_response());
        }
    };
    if input.confirm_duplicate.is_empty() {
        let duplicates = store::possible_duplicates(&state.db, id, None, &data).await?;
        if !duplicates.is_empty() {
            view.duplicates = duplicates;
            return Ok((StatusCode::CONFLICT, view).into_response());
        }
    }
    let cid = store::create(&state.db, user.id, id, &data).await?;
    Ok(Redirect::to(&format!("/customers/{id}/contacts/{cid}?saved=1")).into_response())
}

/// GET /customers/{id}/contacts/{cid}/edit
#[tracing::instrument(skip_all, fields(customer_id = id, contact_id = cid, user_id = user.id))]
pub async fn edit(
    State(state): State<AppState>,
    user: Staff,
    Path((id, cid)): Path<(i64, i64)>,
) -> Result<FormView> {
    let card = CardHead::load_editable(&state, &user, id, "contacts").await?;
    let contact = store::get(&state.db, id, cid)
        .await?
        .ok_or(AppError::NotFound)?;
    let draft = contact.to_draft();
    form(&state, &user, card, Some(&contact), draft).await
}

/// POST /customers/{id}/contacts/{cid}
#[tracing::instrument(skip_all, fields(customer_id = id, contact_id = cid, user_id = user.id))]
pub async fn update(
    State(state): State<AppState>,
    user: Staff,
    Path((id, cid)): Path<(i64, i64)>,
    Form(input): Form<ContactForm>,
) -> Result<Response> {
    let card = CardHead::load_editable(&state, &user, id, "contacts").await?;
    let contact = store::get(&state.db, id, cid)
        .await?
        .ok_or(AppError::NotFound)?;
    let mut view = form(&state, &user, card, Some(&contact), input.draft.clone()).await?;
    let expected: i64 = input.version.trim().parse().unwrap_or(0);
    view.version = expected;
    let data = match input.draft.validate() {
        Ok(d) => d,
        Err(errors) => {
            view.errors = errors;
            return Ok((StatusCode::UNPROCESSABLE_ENTITY, view).into_response());
        }
    };
    if input.confirm_duplicate.is_empty() {
        let duplicates = store::possible_duplicates(&state.db, id, Some(cid), &data).await?;
        if !duplicates.is_empty() {
            view.duplicates = duplicates;
            return Ok((StatusCode::CONFLICT, view).into_response());
        }
    }
    if !store::update(&state.db, user.id, &contact, expected, &data).await? {
        view.stale = true;
        view.version = contact.version;
        view.errors.add("form", Msg::new("contact-stale"));
        return Ok((StatusCode::CONFLICT, view).into_response());
    }
    Ok(Redirect::to(&format!("/customers/{id}/contacts/{cid}?saved=1")).into_response())
}
