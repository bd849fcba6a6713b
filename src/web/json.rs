//! The JSON API's plumbing, below the features: a JSON body extractor whose rejections are
//! problem JSON in the user's language (400 for malformed JSON, 422 for JSON of the wrong
//! shape, 415 for another content type), and the [`Problem`] every API error answers with.

use axum::{
    Json,
    extract::{FromRequest, Request, rejection::JsonRejection},
};

use crate::{AppError, error::Msg};

pub struct ApiJson<T>(pub T);

impl<S, T> FromRequest<S> for ApiJson<T>
where
    Json<T>: FromRequest<S, Rejection = JsonRejection>,
    S: Send + Sync,
{
    type Rejection = AppError;

    async fn from_request(req: Request, state: &S) -> Result<Self, AppError> {
        match Json::<T>::from_request(req, state).await {
            Ok(Json(v)) => Ok(ApiJson(v)),
            Err(JsonRejection::JsonDataError(e)) => {
                let mut errors = crate::error::FieldErrors::default();
                errors.add(
                    "body",
                    Msg::new("json-wrong-shape").arg("detail", e.body_text()),
                );
                Err(AppError::Invalid(errors))
            }
            Err(JsonRejection::MissingJsonContentType(_)) => {
                Err(AppError::BadRequest(Msg::new("json-content-type")))
            }
            Err(e) => Err(AppError::BadRequest(
                Msg::new("json-malformed").arg("detail", e.body_text()),
            )),
        }
    }
}

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

/// A list's `status` query parameter read with `parse`: none when absent or empty, else the
/// value, or the 422 problem naming the field (`filter-invalid`). Shared by the features' API
/// lists (vacancies, recruitments, job ads).
pub fn status_filter<T>(
    raw: Option<&str>,
    parse: impl Fn(&str) -> Option<T>,
) -> Result<Option<T>, AppError> {
    match raw.map(str::trim) {
        None | Some("") => Ok(None),
        Some(s) => parse(s).map(Some).ok_or_else(|| {
            let mut e = crate::error::FieldErrors::default();
            e.add("status", Msg::new("filter-invalid"));
            AppError::Invalid(e)
        }),
    }
}
