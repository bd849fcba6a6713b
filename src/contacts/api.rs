//! `/api/v1/customers/{id}/contacts` and `/api/v1/contacts/{id}`: the card's contacts as JSON,
//! with the same validation and access rules as the pages.

use axum::{
    Json, Router,
    extract::{Path, State},
    http::{StatusCode, header},
    response::{IntoResponse, Response},
    routing::get,
};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::{
    AppError, AppState, Result,
    auth::Staff,
    contacts::{
        model::{ContactData, ContactDraft},
        store::{self, Contact},
    },
    customers::access::{self, Need},
    error::Msg,
    web::json::{ApiJson, Problem},
};

pub fn router() -> Router<AppState> {
    Router::new()
        .route(
            "/api/v1/customers/{id}/contacts",
            get(list_contacts).post(create_contact),
        )
        .route(
            "/api/v1/contacts/{id}",
            get(get_contact).patch(patch_contact),
        )
}

/// A customer's contacts, active and inactive.
#[derive(Serialize, ToSchema)]
pub struct ContactList {
    pub items: Vec<Contact>,
    pub total: i64,
}

/// A contact's fields as the API takes them; on patch only those sent change.
#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ContactFields {
    #[schema(max_length = 100)]
    pub first_name: Option<String>,
    #[schema(max_length = 100)]
    pub last_name: Option<String>,
    #[schema(max_length = 100)]
    pub position: Option<String>,
    #[schema(max_length = 100)]
    pub department: Option<String>,
    pub email: Option<String>,
    /// Norwegian numbers without country code are accepted; stored as E.164.
    pub mobile: Option<String>,
    pub phone: Option<String>,
    pub is_main: Option<bool>,
    #[schema(max_length = 4000)]
    pub notes: Option<String>,
    /// On patch: the `version` you read (409 if it has changed since).
    pub version: Option<i64>,
    /// `true` saves even when the customer has another active contact with the same name or
    /// email (otherwise 409 naming them, as the page warns).
    pub confirm_duplicate: Option<bool>,
}

impl ContactFields {
    fn apply(self, d: &mut ContactDraft) {
        let set = |t: &mut String, v: Option<String>| {
            if let Some(v) = v {
                *t = v;
            }
        };
        set(&mut d.first_name, self.first_name);
        set(&mut d.last_name, self.last_name);
        set(&mut d.position, self.position);
        set(&mut d.department, self.department);
        set(&mut d.email, self.email);
        set(&mut d.mobile, self.mobile);
        set(&mut d.phone, self.phone);
        set(&mut d.notes, self.notes);
        if let Some(main) = self.is_main {
            d.is_main = if main { "1".into() } else { String::new() };
        }
    }
}

async fn card(state: &AppState, user: &Staff, customer_id: i64, edit: bool) -> Result<()> {
    let need = if edit { Need::Change } else { Need::See };
    access::load(state, user, customer_id, need).await?;
    Ok(())
}

/// The contacts of a customer (active and inactive).
#[utoipa::path(get, path = "/api/v1/customers/{id}/contacts", tag = "contacts",
    responses((status = 200, description = "The customer's contacts, active and inactive.", body = ContactList), (status = 404, body = Problem)))]
#[tracing::instrument(skip_all, fields(customer_id = id, user_id = user.id))]
pub async fn list_contacts(
    State(state): State<AppState>,
    user: Staff,
    Path(id): Path<i64>,
) -> Result<Json<ContactList>> {
    card(&state, &user, id, false).await?;
    let items = store::list_for_customer(&state.db, id, true).await?;
    Ok(Json(ContactList {
        total: items.len() as i64,
        items,
    }))
}

/// Add a contact to a customer.
#[utoipa::path(post, path = "/api/v1/customers/{id}/contacts", tag = "contacts", request_body = ContactFields,
    responses((status = 201, description = "Created; `Location` names the new contact.", body = Contact), (status = 403, body = Problem),
        (status = 409, description = "The customer has an active contact with the same name or email; send `confirm_duplicate: true` to save anyway.", body = Problem),
        (status = 422, body = Problem)))]
#[tracing::instrument(skip_all, fields(customer_id = id, user_id = user.id))]
pub async fn create_contact(
    State(state): State<AppState>,
    user: Staff,
    Path(id): Path<i64>,
    ApiJson(fields): ApiJson<ContactFields>,
) -> Result<Response> {
    card(&state, &user, id, true).await?;
    let confirmed = fields.confirm_duplicate == Some(true);
    let mut draft = ContactDraft::default();
    fields.apply(&mut draft);
    let data = draft.validate().map_err(AppError::Invalid)?;
    if !confirmed {
        refuse_duplicates(&state, id, None, &data).await?;
    }
    let cid = store::create(&state.db, user.id, id, &data).await?;
    let contact = store::get(&state.db, id, cid)
        .await?
        .ok_or(AppError::NotFound)?;
    Ok((
        StatusCode::CREATED,
        [(header::LOCATION, format!("/api/v1/contacts/{cid}"))],
        Json(contact),
    )
        .into_response())
}

/// 409 naming the customer's other active contacts with the same name or email, as the page
/// warns (`confirm_duplicate: true` skips this).
async fn refuse_duplicates(
    state: &AppState,
    customer_id: i64,
    except: Option<i64>,
    data: &ContactData,
) -> Result<()> {
    let duplicates = store::possible_duplicates(&state.db, customer_id, except, data).await?;
    if duplicates.is_empty() {
        return Ok(());
    }
    Err(AppError::Conflict(
        Msg::new("contact-duplicate-api").arg("contacts", duplicates.join(", ")),
    ))
}

async fn visible_contact(state: &AppState, user: &Staff, id: i64, edit: bool) -> Result<Contact> {
    let contact = store::get_any(&state.db, id)
        .await?
        .ok_or(AppError::NotFound)?;
    card(state, user, contact.customer_id, edit).await?;
    Ok(contact)
}

/// Read one contact.
#[utoipa::path(get, path = "/api/v1/contacts/{id}", tag = "contacts",
    responses((status = 200, description = "The contact.", body = Contact), (status = 404, body = Problem)))]
#[tracing::instrument(skip_all, fields(contact_id = id, user_id = user.id))]
pub async fn get_contact(
    State(state): State<AppState>,
    user: Staff,
    Path(id): Path<i64>,
) -> Result<Json<Contact>> {
    Ok(Json(visible_contact(&state, &user, id, false).await?))
}

/// Change some fields of a contact.
#[utoipa::path(patch, path = "/api/v1/contacts/{id}", tag = "contacts", request_body = ContactFields,
    responses((status = 200, description = "Saved; the contact as it is now.", body = Contact), (status = 403, body = Problem), (status = 404, body = Problem),
        (status = 409, description = "Changed by someone else since the `version` sent, or the customer has another active contact with the same name or email (send `confirm_duplicate: true` to save anyway).", body = Problem),
        (status = 422, body = Problem)))]
#[tracing::instrument(skip_all, fields(contact_id = id, user_id = user.id))]
pub async fn patch_contact(
    State(state): State<AppState>,
    user: Staff,
    Path(id): Path<i64>,
    ApiJson(fields): ApiJson<ContactFields>,
) -> Result<Json<Contact>> {
    let current = visible_contact(&state, &user, id, true).await?;
    let expected = fields.version.unwrap_or(current.version);
    let confirmed = fields.confirm_duplicate == Some(true);
    let mut draft = current.to_draft();
    fields.apply(&mut draft);
    let data = draft.validate().map_err(AppError::Invalid)?;
    if !confirmed {
        refuse_duplicates(&state, current.customer_id, Some(id), &data).await?;
    }
    if !store::update(&state.db, user.id, &current, expected, &data).await? {
        return Err(AppError::Conflict(
            Msg::new("stale-edit-api").arg("version", current.version),
        ));
    }
    Ok(Json(
        store::get(&state.db, current.customer_id, id)
            .await?
            .ok_or(AppError::NotFound)?,
    ))
}
