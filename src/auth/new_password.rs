//! A password someone else chose must be changed at first use (ASVS V6.4.1, decision 0064): the
//! one an admin sets for a user, and the first admin's generated one. `users.must_change_password`
//! marks them; the [`super::Staff`] extractor sends such a user's session to
//! `/settings/password` before any other staff page ([`gate`]), and their own change clears it.
//! API tokens are not held back: an admin's password reset already deletes the user's tokens
//! (decision 0058), so a token in use was made by the user in a session of their own.

use askama::Template;
use askama_web::WebTemplate;
use axum::{
    Router,
    extract::OriginalUri,
    http::{Method, request::Parts},
    routing::get,
};

use super::Staff;
use crate::{
    AppError, AppState, Result,
    error::{FieldErrors, Msg},
    i18n::Lang,
    web::{Chrome, form::field_messages},
};

/// Where a user who must choose a new password is sent.
pub const PATH: &str = crate::web::errors::PASSWORD_CHANGE_REQUIRED.1;

pub fn router() -> Router<AppState> {
    Router::new().route(PATH, get(page))
}

/// What such a user may reach before the change: this page, its form, and the language switch.
/// (Logging out and the log-in pages take no staff session.)
pub fn allowed(method: &Method, path: &str) -> bool {
    (path == PATH && [Method::GET, Method::HEAD, Method::POST].contains(method))
        || (path == "/settings/language" && *method == Method::POST)
}

/// Refuses a request of a session whose user must choose a new password first, unless it is one
/// of the [`allowed`] ones; the refusal is rendered as a redirect to [`PATH`] for pages
/// (`web::errors`) and as a 403 with the reason for the API.
pub fn gate(parts: &Parts, must_change: bool) -> Result<()> {
    if !must_change {
        return Ok(());
    }
    let path = parts
        .extensions
        .get::<OriginalUri>()
        .map_or_else(|| parts.uri.path(), |uri| uri.0.path());
    if allowed(&parts.method, path) {
        Ok(())
    } else {
        Err(AppError::ForbiddenBecause(Msg::new(REFUSAL)))
    }
}

/// The refusal's message key, which `web::errors` turns into the redirect.
const REFUSAL: &str = crate::web::errors::PASSWORD_CHANGE_REQUIRED.0;

#[derive(Template, WebTemplate)]
#[template(path = "auth/new_password.html")]
pub(super) struct NewPasswordPage {
    lang: Lang,
    chrome: Chrome,
    email: String,
    errors: FieldErrors,
}

impl NewPasswordPage {
    pub(super) fn new(user: &Staff, errors: FieldErrors) -> Self {
        Self {
            lang: user.lang,
            chrome: Chrome::new(user, "settings"),
            email: user.email.clone(),
            errors,
        }
    }
    fn errors(&self, field: &str) -> Vec<String> {
        field_messages(&self.errors, self.lang, field)
    }
}

/// The page on its own: for anyone, and the only one for a user who must change it.
#[tracing::instrument(skip_all, fields(user_id = user.id))]
async fn page(user: Staff) -> NewPasswordPage {
    NewPasswordPage::new(&user, FieldErrors::default())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_password_form_and_the_language_are_allowed_before_the_change() {
        assert!(allowed(&Method::GET, "/settings/password"));
        assert!(allowed(&Method::POST, "/settings/password"));
        assert!(allowed(&Method::POST, "/settings/language"));
        for (m, p) in [
            (Method::GET, "/customers"),
            (Method::GET, "/settings"),
            (Method::POST, "/settings/tokens"),
            (Method::GET, "/settings/password/x"),
            (Method::GET, "/admin/users"),
        ] {
            assert!(!allowed(&m, p), "{m} {p}");
        }
    }
}
