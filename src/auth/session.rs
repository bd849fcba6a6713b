//! Sessions live in the database (so any number of app instances can serve a user, and
//! ending a session takes effect at once). The cookie holds a random token; the table holds
//! its SHA-256.

use axum_extra::extract::cookie::{Cookie, SameSite};

use super::{SESSION_COOKIE, Staff, StaffRow, hash_token, random_token};
use crate::{AppState, Result, db::Db, timefmt::now};

/// Starts a session for `user_id`; returns the cookie to set.
pub async fn create(state: &AppState, user_id: i64) -> Result<Cookie<'static>> {
    let token = random_token();
    let now = now();
    let expires = now + state.config.session_hours * 3600;
    sqlx::query("INSERT INTO sessions (token_hash, user_id, created_at, expires_at) VALUES ($1, $2, $3, $4)")
        .bind(hash_token(&token))
        .bind(user_id)
        .bind(now)
        .bind(expires)
        .execute(&state.db.pool)
        .await?;
    // Expired sessions are cleared now and then, at log-in time.
    sqlx::query("DELETE FROM sessions WHERE expires_at < $1")
        .bind(now)
        .execute(&state.db.pool)
        .await?;
    Ok(cookie(state, token))
}

pub fn cookie(state: &AppState, value: String) -> Cookie<'static> {
    Cookie::build((SESSION_COOKIE, value))
        .path("/")
        .http_only(true)
        .same_site(SameSite::Lax)
        .secure(state.config.secure_cookies())
        .build()
}

/// The staff user behind a session cookie, extending the session while it is used.
pub async fn authenticate(state: &AppState, token: &str) -> Result<Option<Staff>> {
    let hash = hash_token(token);
    let now = now();
    let row: Option<(i64, i64)> = sqlx::query_as(
        "SELECT s.user_id, s.expires_at FROM sessions s JOIN users u ON u.id = s.user_id \
         WHERE s.token_hash = $1 AND s.expires_at > $2 AND u.active = 1",
    )
    .bind(&hash)
    .bind(now)
    .fetch_optional(&state.db.pool)
    .await?;
    let Some((user_id, expires_at)) = row else {
        return Ok(None);
    };
    let lifetime = state.config.session_hours * 3600;
    if expires_at - now < lifetime - 300 {
        sqlx::query("UPDATE sessions SET expires_at = $1 WHERE token_hash = $2")
            .bind(now + lifetime)
            .bind(&hash)
            .execute(&state.db.pool)
            .await?;
    }
    load_staff(&state.db, user_id).await
}

pub async fn load_staff(db: &Db, user_id: i64) -> Result<Option<Staff>> {
    let row: Option<StaffRow> = sqlx::query_as(
        "SELECT id, email, name, role, department_id, locale FROM users WHERE id = $1 AND active = 1",
    )
    .bind(user_id)
    .fetch_optional(&db.pool)
    .await?;
    Ok(row.and_then(StaffRow::into_staff))
}

pub async fn end(db: &Db, token: &str) -> Result<()> {
    sqlx::query("DELETE FROM sessions WHERE token_hash = $1")
        .bind(hash_token(token))
        .execute(&db.pool)
        .await?;
    Ok(())
}

/// Ends every session of a user (deactivation, password change).
pub async fn end_all_for_user(db: &Db, user_id: i64) -> Result<()> {
    sqlx::query("DELETE FROM sessions WHERE user_id = $1")
        .bind(user_id)
        .execute(&db.pool)
        .await?;
    Ok(())
}
