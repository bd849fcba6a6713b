//! A JSON body extractor whose rejections are problem JSON in the user's language:
//! 400 for malformed JSON, 422 for JSON of the wrong shape, 415 for another content type.

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
