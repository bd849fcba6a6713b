//! An admin ends other people's sessions (ASVS V7.4.5, decision 0065): "log out this user" on a
//! staff user's page, and "log everyone out" on `/admin/sessions` — every session of the firm
//! (staff, portal contacts, workers) but the admin's own. Both are sensitive: a stolen admin
//! session could use them to throw the real users out, so both ask for the password again
//! when the admin's log-in is older than the re-authentication window ([`super::reauth`]).
//! Both are written to the security log as `sessions-revoked`, with the admin as actor.

use axum::{
    Form, Router,
    extract::{Path, State},
    response::{IntoResponse, Redirect, Response},
    routing::post,
};
use axum_extra::extract::CookieJar;
use serde::Deserialize;

use super::{
    SESSION_COOKIE, Staff, reauth,
    security_log::{self, Event, Kind, Subject},
    session,
};
use crate::{AppError, AppState, Result, error::Msg, web::client_ip::ClientIp};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/admin/users/{id}/sessions/end", post(end_user))
        .route("/admin/sessions/end-all", post(end_all))
}

/// POST /admin/users/{id}/sessions/end — every session of that user ends; their next request
/// goes to the log-in page.
#[tracing::instrument(skip_all, fields(staff_user_id = id, user_id = user.id))]
async fn end_user(
    State(state): State<AppState>,
    user: Staff,
    ClientIp(ip): ClientIp,
    jar: CookieJar,
    Path(id): Path<i64>,
) -> Result<Response> {
    user.require_admin()?;
    if id == user.id {
        // One's own sessions are ended from one's own list, which keeps this one.
        return Err(AppError::BadRequest(Msg::new("sessions-end-user-self")));
    }
    let exists: Option<i64> = sqlx::query_scalar("SELECT id FROM users WHERE id = $1")
        .bind(id)
        .fetch_optional(&state.db.pool)
        .await?;
    exists.ok_or(AppError::NotFound)?;
    let page = format!("/admin/users/{id}");
    if !reauth::is_fresh(&state, &jar).await? {
        let action = format!("{page}/sessions/end");
        return reauth::ask_keeping(&state, &user, &page, &action, Vec::new()).await;
    }
    let ended = session::end_all_for_user(&state.db, id).await?;
    let e = Event::new(Kind::SessionsRevoked, Subject::User(id))
        .by(user.id)
        .ip(ip)
        .detail(ended.to_string());
    security_log::log(&state.db, e).await?;
    Ok(Redirect::to(&format!("{page}?sessions_ended={ended}")).into_response())
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct EndAllForm {
    /// `everyone`: the form says what it does, so a bare post ends nothing.
    confirm: String,
}

/// POST /admin/sessions/end-all — every session of staff, portal contacts and workers ends,
/// but the admin's own.
#[tracing::instrument(skip_all, fields(user_id = user.id))]
async fn end_all(
    State(state): State<AppState>,
    user: Staff,
    ClientIp(ip): ClientIp,
    jar: CookieJar,
    Form(form): Form<EndAllForm>,
) -> Result<Response> {
    user.require_admin()?;
    if form.confirm != "everyone" {
        return Err(AppError::BadRequest(Msg::new(
            "sessions-end-all-unconfirmed",
        )));
    }
    if !reauth::is_fresh(&state, &jar).await? {
        let kept = vec![("confirm".to_string(), form.confirm)];
        return reauth::ask_keeping(
            &state,
            &user,
            "/admin/sessions",
            "/admin/sessions/end-all",
            kept,
        )
        .await;
    }
    let own = jar.get(SESSION_COOKIE).map(|c| c.value().to_string());
    let ended = session::end_all_but(&state.db, own.as_deref()).await?;
    let e = Event::new(Kind::SessionsRevoked, Subject::User(user.id))
        .by(user.id)
        .ip(ip)
        .detail(format!("everyone: {ended}"));
    security_log::log(&state.db, e).await?;
    Ok(Redirect::to(&format!("/admin/sessions?ended={ended}")).into_response())
}
