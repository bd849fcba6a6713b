//! Log-in and log-out pages.

use askama::Template;
use askama_web::WebTemplate;
use axum::{
    Form, Router,
    extract::{Query, State},
    http::StatusCode,
    response::{IntoResponse, Redirect, Response},
    routing::{get, post},
};
use axum_extra::extract::{CookieJar, cookie::Cookie};
use serde::Deserialize;

use super::{
    SESSION_COOKIE, password,
    security_log::{self, Event, Kind, Subject},
    session::{self, Client},
    throttle::{self, Door},
    two_factor,
};
use crate::{
    AppState, Result,
    i18n::Lang,
    web::{LANG_COOKIE, ReqLang, client_ip::ClientIp},
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

/// The log-in page with a message (the second step sends people back here when it ended).
pub(crate) fn login_page_with_error(lang: Lang, error: String, status: StatusCode) -> Response {
    let page = LoginPage {
        lang,
        email: String::new(),
        next: safe_next(None),
        error: Some(error),
    };
    (status, page).into_response()
}

#[derive(Deserialize)]
struct NextParam {
    next: Option<String>,
}

#[tracing::instrument(skip_all)]
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
    role: String,
}

#[tracing::instrument(skip_all)]
async fn login(
    State(state): State<AppState>,
    ClientIp(ip): ClientIp,
    client: Client,
    ReqLang(lang): ReqLang,
    jar: CookieJar,
    Form(form): Form<LoginForm>,
) -> Result<Response> {
    let email = form.email.trim().to_lowercase();
    let next = safe_next(Some(&form.next));
    let failed = |error: String, status: StatusCode| {
        let page = LoginPage {
            lang,
            email: form.email.clone(),
            next: next.clone(),
            error: Some(error),
        };
        Ok((status, page).into_response())
    };
    if let Some(seconds) = throttle::wait_seconds(&state.db, Door::Staff, &email, ip).await? {
        let e = Event::new(Kind::LoginFailed, Subject::Nobody)
            .login(&email)
            .ip(ip)
            .detail("throttled");
        security_log::log(&state.db, e).await?;
        return failed(
            throttle::wait_msg(seconds).render(lang),
            StatusCode::TOO_MANY_REQUESTS,
        );
    }
    let creds: Option<Credentials> = sqlx::query_as(
        "SELECT id, password_hash, active, locale, role FROM users WHERE email = $1",
    )
    .bind(&email)
    .fetch_optional(&state.db.pool)
    .await?;
    let ok = password::verify(
        creds.as_ref().map(|c| c.password_hash.clone()),
        form.password.clone(),
    )
    .await;
    match &creds {
        Some(c) if ok && c.active == 1 => {
            throttle::clear(&state.db, Door::Staff, &email, ip).await?;
            // With two-factor log-in (or when it is required and not set up yet) the password
            // gives only a challenge for the second step, never a session.
            let role = super::Role::parse(&c.role).unwrap_or(super::Role::Consultant);
            if let Some(purpose) = two_factor::after_password(&state.db, c.id, role).await? {
                let token = two_factor::start_challenge(
                    &state.db,
                    super::session::Holder::User(c.id),
                    purpose,
                    &next,
                )
                .await?;
                let to = match purpose {
                    two_factor::Purpose::Code => "/login/two-factor",
                    two_factor::Purpose::Enrol => "/login/two-factor/enrol",
                };
                let cookie = challenge_cookie(&state, token);
                return Ok((jar.add(cookie), Redirect::to(to)).into_response());
            }
            let jar = finish_login(&state, jar, c.id, &c.locale, &client).await?;
            Ok((jar, Redirect::to(&next)).into_response())
        }
        _ => {
            throttle::record_failure(&state.db, Door::Staff, &email, ip).await?;
            // Never the password; the name typed only when it looks like an email address.
            let (subject, detail) = match &creds {
                Some(c) if c.active != 1 => (Subject::User(c.id), "inactive"),
                Some(c) => (Subject::User(c.id), "password"),
                None => (Subject::Nobody, "unknown"),
            };
            let e = Event::new(Kind::LoginFailed, subject)
                .login(&form.email)
                .ip(ip)
                .detail(detail);
            security_log::log(&state.db, e).await?;
            failed(lang.t("login-failed"), StatusCode::UNAUTHORIZED)
        }
    }
}

/// The cookie that carries a log-in's challenge (decision 0054): only for the log-in pages.
pub(crate) fn challenge_cookie(state: &AppState, token: String) -> Cookie<'static> {
    Cookie::build((two_factor::CHALLENGE_COOKIE, token))
        .path("/login")
        .http_only(true)
        .same_site(axum_extra::extract::cookie::SameSite::Lax)
        .secure(state.config.secure_cookies())
        .build()
}

/// The end of a log-in (after the password, or after the second step): a new session with a
/// new token every time — a session cookie from before is ended — and the user's language.
pub(crate) async fn finish_login(
    state: &AppState,
    jar: CookieJar,
    user_id: i64,
    locale: &str,
    client: &Client,
) -> Result<CookieJar> {
    if let Some(old) = jar.get(SESSION_COOKIE) {
        session::end(&state.db, old.value(), client.ip).await?;
    }
    let cookie = session::create(state, user_id, client).await?;
    let lang_cookie = Cookie::build((LANG_COOKIE, locale.to_string()))
        .path("/")
        .build();
    let jar = jar.remove(Cookie::build(two_factor::CHALLENGE_COOKIE).path("/login"));
    Ok(jar.add(cookie).add(lang_cookie))
}

#[tracing::instrument(skip_all)]
async fn logout(
    State(state): State<AppState>,
    ClientIp(ip): ClientIp,
    jar: CookieJar,
) -> Result<Response> {
    if let Some(cookie) = jar.get(SESSION_COOKIE) {
        session::end(&state.db, cookie.value(), ip).await?;
    }
    let jar = jar.remove(Cookie::build(SESSION_COOKIE).path("/"));
    Ok((jar, Redirect::to("/login")).into_response())
}

/// Where to go after log-in: only a path on this site, so that a crafted link cannot send a
/// user elsewhere. A path that a browser could read as another host is refused: `//host`, a
/// backslash (`/\\host`), and any control character or space (browsers drop a tab or newline,
/// so `/\t/host` becomes `//host`); and it must stay on this origin once parsed as a URL.
pub(crate) fn safe_next(next: Option<&str>) -> String {
    const HOME: &str = "/customers";
    let Some(next) = next else {
        return HOME.to_string();
    };
    let plain = next.starts_with('/')
        && !next.starts_with("//")
        && !next.contains('\\')
        && !next.chars().any(|c| c.is_control() || c.is_whitespace())
        && next.len() <= 2000;
    if !plain {
        return HOME.to_string();
    }
    // Parsed, the path comes back percent-encoded: ASCII only, always a valid `Location`.
    let base = url::Url::parse("http://kundekort.invalid/").expect("a valid base");
    match base.join(next) {
        Ok(u) if u.origin() == base.origin() => u[url::Position::BeforePath..].to_string(),
        _ => HOME.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::safe_next;

    #[test]
    fn next_stays_on_this_site() {
        assert_eq!(safe_next(Some("/customers?q=a")), "/customers?q=a");
        assert_eq!(
            safe_next(Some("/customers/12#contacts")),
            "/customers/12#contacts"
        );
        assert_eq!(safe_next(None), "/customers");
        assert_eq!(safe_next(Some("/customers?q=bø")), "/customers?q=b%C3%B8");
        for bad in [
            "//evil.example",
            "https://evil.example",
            "/\\evil.example",
            "/\t/evil.example",
            "/\n/evil.example",
            "/\r\nSet-Cookie: x=1",
            "/\x0b/evil.example",
            "/ /evil.example",
            "evil.example",
            "",
        ] {
            assert_eq!(safe_next(Some(bad)), "/customers", "{bad:?}");
        }
    }
}
