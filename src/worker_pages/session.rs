//! Worker sessions: rows in `sessions` with `worker_id` set (no user, no contact), in their own
//! cookie scoped to `/worker` (decision 0012). The extractor joins the worker's active account,
//! so a session stops working the moment access is ended or the worker is erased.

use axum::{extract::FromRequestParts, http::request::Parts};
use axum_extra::extract::{
    CookieJar,
    cookie::{Cookie, SameSite},
};

use crate::{
    AppError, AppState, Result, auth::session as auth_session, i18n::Lang, web, workers::account,
};

pub const WORKER_COOKIE: &str = "kk_worker";
pub const COOKIE_PATH: &str = "/worker";

/// The logged-in worker. Every worker page keys its queries on `worker_id`, never on an id
/// from the request.
#[derive(Clone, Debug)]
pub struct WorkerUser {
    pub worker_id: i64,
    pub name: String,
    pub lang: Lang,
}

/// Starts a session for the worker; returns the cookie to set.
pub async fn create(
    state: &AppState,
    worker_id: i64,
    client: &auth_session::Client,
) -> Result<Cookie<'static>> {
    let token =
        auth_session::start(&state.db, auth_session::Holder::Worker(worker_id), client).await?;
    account::touch_login(&state.db, worker_id).await?;
    Ok(Cookie::build((WORKER_COOKIE, token))
        .path(COOKIE_PATH)
        .http_only(true)
        .same_site(SameSite::Lax)
        .secure(state.config.secure_cookies())
        .build())
}

/// Ends the session behind `token` (a worker's only: a staff or portal token sent here ends
/// nothing).
pub async fn end(state: &AppState, token: &str, ip: std::net::IpAddr) -> Result<()> {
    let holder: Option<Option<i64>> =
        sqlx::query_scalar("SELECT worker_id FROM sessions WHERE token_hash = $1")
            .bind(crate::auth::hash_token(token))
            .fetch_optional(&state.db.pool)
            .await?;
    if matches!(holder, Some(Some(_))) {
        auth_session::end(&state.db, token, ip).await?;
    }
    Ok(())
}

impl FromRequestParts<AppState> for WorkerUser {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, AppError> {
        let jar = CookieJar::from_headers(&parts.headers);
        let token = jar
            .get(WORKER_COOKIE)
            .ok_or(AppError::Unauthenticated)?
            .value()
            .to_string();
        let client = auth_session::Client::from_parts(parts, state);
        let worker_id = match auth_session::alive(&state.db, &token, &client).await? {
            Some(auth_session::Holder::Worker(id)) => Some(id),
            _ => None,
        };
        let worker_id = worker_id.ok_or(AppError::Unauthenticated)?;
        // Only an active account of a worker who is not erased, with a password set.
        let account = account::account(&state.db, worker_id)
            .await?
            .filter(|a| a.password_hash.is_some())
            .ok_or(AppError::Unauthenticated)?;
        crate::auth::security_log::request::saw(crate::auth::security_log::Subject::Worker(
            worker_id,
        ));
        Ok(WorkerUser {
            worker_id,
            name: account.name,
            lang: web::request_lang(&parts.headers),
        })
    }
}
