//! One error type for the whole app. Handlers return [`Result`]; the error becomes a response
//! carrying an [`ErrorInfo`] extension, and `web::errors::render` (above us) turns that into an HTML
//! page, an htmx fragment, a redirect to log-in, or problem JSON for the API — with the text in
//! the user's language. Database code never knows about HTTP; this is the only bridge.

use std::collections::BTreeMap;

use axum::{
    http::{HeaderValue, StatusCode, header},
    response::{IntoResponse, Response},
};

/// A message key with Fluent arguments, translated when rendered.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct Msg {
    pub key: &'static str,
    pub args: Vec<(&'static str, String)>,
}

impl Msg {
    pub fn new(key: &'static str) -> Self {
        Self {
            key,
            args: Vec::new(),
        }
    }
    pub fn arg(mut self, name: &'static str, value: impl ToString) -> Self {
        self.args.push((name, value.to_string()));
        self
    }
    pub fn render(&self, lang: crate::i18n::Lang) -> String {
        let args: Vec<(&str, String)> = self.args.iter().map(|(k, v)| (*k, v.clone())).collect();
        lang.t_with(self.key, &args)
    }
}

/// Validation messages per field (`name`, `org_number`, …).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FieldErrors(pub BTreeMap<String, Vec<Msg>>);

impl FieldErrors {
    pub fn add(&mut self, field: &str, msg: Msg) {
        self.0.entry(field.to_string()).or_default().push(msg);
    }
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
    pub fn get(&self, field: &str) -> Option<&Vec<Msg>> {
        self.0.get(field)
    }
    /// Refuses control characters (line breaks, tabs, NUL …) in a one-line value: names,
    /// addresses and subjects end up in email headers, where a line break starts a new header.
    pub fn single_line(&mut self, field: &str, value: &str) {
        if has_control_chars(value) {
            self.add(field, Msg::new("field-control-chars"));
        }
    }
    /// Ok when there are no errors.
    pub fn into_result(self) -> Result<(), AppError> {
        if self.is_empty() {
            Ok(())
        } else {
            Err(AppError::Invalid(self))
        }
    }
}

/// Whether a value holds control characters (line breaks, tabs, NUL, DEL, C1 controls).
pub fn has_control_chars(value: &str) -> bool {
    value.chars().any(char::is_control)
}

#[derive(Debug, thiserror::Error)]
pub enum AppError {
    #[error("not logged in")]
    Unauthenticated,
    /// Not authenticated, with the reason (an expired API token).
    #[error("not authenticated: {0:?}")]
    UnauthenticatedBecause(Msg),
    #[error("forbidden")]
    Forbidden,
    /// Forbidden, with the reason and what to do instead.
    #[error("forbidden: {0:?}")]
    ForbiddenBecause(Msg),
    #[error("not found")]
    NotFound,
    /// Answered as [`AppError::NotFound`], word for word, but the record exists and is out of
    /// the caller's sight (another department's customer): the response carries [`OutOfSight`]
    /// so the security log can count the refusal (decision 0066).
    #[error("not found (out of sight)")]
    OutOfSight,
    #[error("invalid input")]
    Invalid(FieldErrors),
    #[error("conflict")]
    Conflict(Msg),
    #[error("bad request")]
    BadRequest(Msg),
    #[error("too many requests")]
    TooManyRequests(Msg),
    #[error("payload too large")]
    TooLarge(Msg),
    #[error("service unavailable")]
    Unavailable(Msg),
    #[error(transparent)]
    Database(#[from] sqlx::Error),
    #[error(transparent)]
    Internal(#[from] anyhow::Error),
}

pub type Result<T, E = AppError> = std::result::Result<T, E>;

/// Left on a 404 that refused a record out of the caller's sight ([`AppError::OutOfSight`]);
/// the client cannot tell it from any other 404.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct OutOfSight;

/// What the rendering middleware needs to know about an error.
#[derive(Clone, Debug)]
pub struct ErrorInfo {
    pub status: StatusCode,
    pub title: Msg,
    pub detail: Option<Msg>,
    pub fields: FieldErrors,
}

impl AppError {
    pub fn status(&self) -> StatusCode {
        match self {
            AppError::Unauthenticated | AppError::UnauthenticatedBecause(_) => {
                StatusCode::UNAUTHORIZED
            }
            AppError::Forbidden | AppError::ForbiddenBecause(_) => StatusCode::FORBIDDEN,
            AppError::NotFound | AppError::OutOfSight => StatusCode::NOT_FOUND,
            AppError::Invalid(_) => StatusCode::UNPROCESSABLE_ENTITY,
            AppError::Conflict(_) => StatusCode::CONFLICT,
            AppError::BadRequest(_) => StatusCode::BAD_REQUEST,
            AppError::TooManyRequests(_) => StatusCode::TOO_MANY_REQUESTS,
            AppError::TooLarge(_) => StatusCode::PAYLOAD_TOO_LARGE,
            AppError::Unavailable(_) | AppError::Database(sqlx::Error::PoolTimedOut) => {
                StatusCode::SERVICE_UNAVAILABLE
            }
            AppError::Database(_) | AppError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }
}

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        let status = self.status();
        let (title, detail, fields) = match self {
            AppError::Unauthenticated => (
                Msg::new("error-unauthenticated"),
                None,
                FieldErrors::default(),
            ),
            AppError::UnauthenticatedBecause(msg) => (
                Msg::new("error-unauthenticated"),
                Some(msg),
                FieldErrors::default(),
            ),
            AppError::Forbidden => (Msg::new("error-forbidden"), None, FieldErrors::default()),
            AppError::ForbiddenBecause(msg) => (
                Msg::new("error-forbidden"),
                Some(msg),
                FieldErrors::default(),
            ),
            AppError::NotFound => (Msg::new("error-not-found"), None, FieldErrors::default()),
            AppError::OutOfSight => {
                let mut response = AppError::NotFound.into_response();
                response.extensions_mut().insert(OutOfSight);
                return response;
            }
            AppError::Invalid(fields) => (Msg::new("error-invalid"), None, fields),
            AppError::Conflict(msg) => (
                Msg::new("error-conflict"),
                Some(msg),
                FieldErrors::default(),
            ),
            AppError::BadRequest(msg) => (
                Msg::new("error-bad-request"),
                Some(msg),
                FieldErrors::default(),
            ),
            AppError::TooManyRequests(msg) => (
                Msg::new("error-too-many"),
                Some(msg),
                FieldErrors::default(),
            ),
            AppError::TooLarge(msg) => (
                Msg::new("error-too-large"),
                Some(msg),
                FieldErrors::default(),
            ),
            AppError::Unavailable(msg) => (
                Msg::new("error-unavailable"),
                Some(msg),
                FieldErrors::default(),
            ),
            // Every connection stayed busy for the pool's whole wait: the server is overloaded,
            // not broken — ask the client to come back (and say so in the log).
            AppError::Database(sqlx::Error::PoolTimedOut) => {
                tracing::warn!("no database connection free in time: answered 503");
                let mut response = status.into_response();
                response
                    .headers_mut()
                    .insert(header::RETRY_AFTER, HeaderValue::from_static("5"));
                response.extensions_mut().insert(ErrorInfo {
                    status,
                    title: Msg::new("error-unavailable"),
                    detail: Some(Msg::new("error-busy")),
                    fields: FieldErrors::default(),
                });
                return response;
            }
            AppError::Database(err) => {
                tracing::error!(error = %err, "database error");
                (Msg::new("error-internal"), None, FieldErrors::default())
            }
            AppError::Internal(err) => {
                tracing::error!(error = ?err, "internal error");
                (Msg::new("error-internal"), None, FieldErrors::default())
            }
        };
        let mut response = status.into_response();
        response.extensions_mut().insert(ErrorInfo {
            status,
            title,
            detail,
            fields,
        });
        response
    }
}
