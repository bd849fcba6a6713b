//! Worker sessions: rows in `sessions` with `worker_id` set (no user, no contact), in their own
//! cookie scoped to `/worker` (decision 0012). The extractor joins the worker's active account,
//! so a session stops working the moment access is ended or the worker is erased.

use axum::{extract::FromRequestParts, http::request::Parts};
use axum_extra::extract::{
    CookieJar,
    cookie::{Cookie, SameSite},
};

use crate::{
    AppError, AppState, Result,
    auth::{hash_token, random_token},
    i18n::Lang,
    timefmt::now,
    web,
    workers::account,
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
pub async fn create(state: &AppState, worker_id: i64) -> Result<Cookie<'static>> {
    let token = random_token();
    let at = now();
    sqlx::query(
        "INSERT INTO sessions (token_hash, user_id, contact_id, worker_id, created_at, expires_at) \
         VALUES ($1, NULL, NULL, $2, $3, $4)",
    )
    .bind(hash_token(&token))
    .bind(worker_id)
    .bind(at)
    .bind(at + state.config.session_hours * 3600)
    .execute(&state.db.pool)
    .await?;
    account::touch_login(&state.db, worker_id).await?;
    Ok(Cookie::build((WORKER_COOKIE, token))
        .path(COOKIE_PATH)
        .http_only(true)
        .same_site(SameSite::Lax)
        .secure(state.config.secure_cookies())
        .build())
}

/// Ends the session behind `token`.
pub async fn end(state: &AppState, token: &str) -> Result<()> {
    sqlx::query("DELETE FROM sessions WHERE token_hash = $1 AND worker_id IS NOT NULL")
        .bind(hash_token(token))
        .execute(&state.db.pool)
        .await?;
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
        let worker_id: Option<i64> = sqlx::query_scalar(
            "SELECT worker_id FROM sessions WHERE token_hash = $1 AND expires_at > $2 \
             AND worker_id IS NOT NULL",
        )
        .bind(hash_token(&token))
        .bind(now())
        .fetch_optional(&state.db.pool)
        .await?;
        let worker_id = worker_id.ok_or(AppError::Unauthenticated)?;
        // Only an active account of a worker who is not erased, with a password set.
        let account = account::account(&state.db, worker_id)
            .await?
            .filter(|a| a.password_hash.is_some())
            .ok_or(AppError::Unauthenticated)?;
        Ok(WorkerUser {
            worker_id,
            name: account.name,
            lang: web::request_lang(&parts.headers),
        })
    }
}
