//! `/api/v1`: JSON over the same feature functions the pages use, described by an OpenAPI 3
//! document at `/api/openapi.json` and browsable at `/api/docs`. Errors are problem JSON
//! (RFC 9457), rendered centrally by `web::errors`.

pub mod contacts;
pub mod customers;
mod json;
pub mod problems;

use axum::Router;
use utoipa::{
    Modify, OpenApi,
    openapi::security::{ApiKey, ApiKeyValue, HttpAuthScheme, HttpBuilder, SecurityScheme},
};
use utoipa_swagger_ui::SwaggerUi;

pub use json::ApiJson;
use problems::ProblemResponses;

use crate::{AppState, diary::api as diary};

/// Problem details (RFC 9457) as every API error answers.
#[derive(serde::Serialize, utoipa::ToSchema)]
pub struct Problem {
    pub r#type: String,
    pub title: String,
    pub status: u16,
    pub detail: Option<String>,
    /// Messages per field, in the user's language.
    pub errors: Option<std::collections::BTreeMap<String, Vec<String>>>,
}

#[derive(OpenApi)]
#[openapi(
    info(title = "Kundekort API", version = "1", description = "Customers of a Norwegian staffing agency."),
    paths(
        customers::list_customers, customers::create_customer, customers::get_customer, customers::patch_customer,
        contacts::list_contacts, contacts::create_contact, contacts::get_contact, contacts::patch_contact,
        crate::customers::overview::layout::api_get, crate::customers::overview::layout::api_put,
        crate::customers::overview::comments::api_list, crate::customers::overview::comments::api_create,
        diary::list_activities, diary::create_activity, diary::get_activity, diary::patch_activity, diary::delete_activity,
        crate::diary::api_types::list_types, crate::diary::api_types::create_type, crate::diary::api_types::patch_type,
    ),
    components(schemas(
        Problem, customers::CustomerFields, customers::CustomerList, crate::customers::store::Customer,
        crate::customers::list::ListItem, contacts::ContactFields, crate::contacts::store::Contact,
        crate::customers::overview::layout::Layout, crate::customers::overview::comments::CommentJson,
        diary::ActivityOut, diary::ActivityInput, crate::diary::api_types::TypeInput, crate::diary::types::ActivityType,
        crate::diary::store::Person, crate::diary::ActivitySummary,
    )),
    modifiers(&Security, &ProblemResponses),
    security(("bearer" = []), ("session" = [])),
)]
pub struct ApiDoc;

struct Security;

impl Modify for Security {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(HttpBuilder::new().scheme(HttpAuthScheme::Bearer).build()),
        );
        components.add_security_scheme(
            "session",
            SecurityScheme::ApiKey(ApiKey::Cookie(ApiKeyValue::new(
                crate::auth::SESSION_COOKIE,
            ))),
        );
    }
}

pub fn router() -> Router<AppState> {
    Router::new()
        .merge(customers::router())
        .merge(contacts::router())
        .merge(SwaggerUi::new("/api/docs").url("/api/openapi.json", ApiDoc::openapi()))
}
