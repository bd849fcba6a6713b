//! Log-in and log-out pages.

use std::net::SocketAddr;

use askama::Template;
use askama_web::WebTemplate;
use axum::{
    Form, Router,
    extract::{ConnectInfo, Query, State},
    http::StatusCode,
    response::{IntoResponse, Redirect, Response},
    routing::{get, post},
};
use axum_extra::extract::{CookieJar, cookie::Cookie};
use serde::Deserialize;

use super::{SESSION_COOKIE, password, session, throttle};
use crate::{
    AppState, Result,
    i18n::Lang,
    web::{LANG_COOKIE, ReqLang},
};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/login", get(login_page).post(login))
        .route("/logout", post(logout))
}

#[derive(Template, WebTemplate)]
#[template(path = "auth/login.html")]
struct LoginPage {
    lang: Lang,
    email: String,
    next: String,
    error: Option<String>,
}

#[derive(Deserialize)]
struct NextParam {
    next: Option<String>,
}

async fn login_page(ReqLang(lang): ReqLang, Query(q): Query<NextParam>) -> LoginPage {
    LoginPage {
        lang,
        email: String::new(),
        next: safe_next(q.next.as_deref()),
        error: None,
    }
}

#[derive(Deserialize)]
struct LoginForm {
    #[serde(default)]
    email: String,
    #[serde(default)]
    password: String,
    #[serde(default)]
    next: String,
}

#[derive(sqlx::FromRow)]
struct Credentials {
    id: i64,
    password_hash: String,
    active: i64,
    locale: String,
}

async fn login(
    State(state): State<AppState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    ReqLang(lang): ReqLang,
    jar: CookieJar,
    Form(form): Form<LoginForm>,
) -> Result<Response> {
    let email = form.email.trim().to_lowercase();
    let ip = peer.ip().to_string();
    let next = safe_next(Some(&form.next));
    let failed = |key: &str, status: StatusCode| {
        let page = LoginPage {
            lang,
            email: form.email.clone(),
            next: next.clone(),
            error: Some(lang.t(key)),
        };
        Ok((status, page).into_response())
    };
    if throttle::is_blocked(&state.db, &email, &ip).await? {
        return failed("login-throttled", StatusCode::TOO_MANY_REQUESTS);
    }
    let creds: Option<Credentials> =
        sqlx::query_as("SELECT id, password_hash, active, locale FROM users WHERE email = $1")
            .bind(&email)
            .fetch_optional(&state.db.pool)
            .await?;
    let ok = password::verify(
        creds.as_ref().map(|c| c.password_hash.clone()),
        form.password.clone(),
    )
    .await;
    match creds {
        Some(c) if ok && c.active == 1 => {
            throttle::clear(&state.db, &email).await?;
            let cookie = session::create(&state, c.id).await?;
            let lang_cookie = Cookie::build((LANG_COOKIE, c.locale)).path("/").build();
            Ok((jar.add(cookie).add(lang_cookie), Redirect::to(&next)).into_response())
        }
        _ => {
            throttle::record_failure(&state.db, &email, &ip).await?;
            failed("login-failed", StatusCode::UNAUTHORIZED)
        }
    }
}

async fn logout(State(state): State<AppState>, jar: CookieJar) -> Result<Response> {
    if let Some(cookie) = jar.get(SESSION_COOKIE) {
        session::end(&state.db, cookie.value()).await?;
    }
    let jar = jar.remove(Cookie::build(SESSION_COOKIE).path("/"));
    Ok((jar, Redirect::to("/login")).into_response())
}

/// Only local paths, so that a crafted link cannot send a user elsewhere after log-in.
fn safe_next(next: Option<&str>) -> String {
    match next {
        Some(n) if n.starts_with('/') && !n.starts_with("//") && !n.contains('\\') => n.to_string(),
        _ => "/customers".to_string(),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn next_stays_on_this_site() {
        assert_eq!(super::safe_next(Some("/customers?q=a")), "/customers?q=a");
        assert_eq!(super::safe_next(Some("//evil.example")), "/customers");
        assert_eq!(super::safe_next(Some("https://evil.example")), "/customers");
        assert_eq!(super::safe_next(None), "/customers");
    }
}
