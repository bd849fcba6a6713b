//! `/settings/sessions`: a staff member's own sessions that are alive (started, last used,
//! browser, address), "log out this one" and "log out everywhere else" (decision 0050). Only the
//! user's own rows are ever read or ended: every query is keyed on the session's user. The
//! same list for portal contacts (`/portal/sessions`) and workers (`/worker/sessions`) is built
//! from [`views`], [`end_handle`] and [`end_others_of`] (decision 0056). Ending another session
//! — one or all — asks for the password again when the log-in is older than the
//! re-authentication window (decision 0065): staff through `/reauth`, portal contacts and
//! workers through the form [`super::reauth_holder`] puts above their list. Ending the current
//! one is a log-out and asks for nothing.

use askama::Template;
use askama_web::WebTemplate;
use axum::{
    Router,
    extract::{Path, State},
    response::{IntoResponse, Redirect, Response},
    routing::{get, post},
};
use axum_extra::extract::{CookieJar, cookie::Cookie};

use super::{
    SESSION_COOKIE, Staff, hash_token, reauth, reauth_holder,
    security_log::{self, Event, Kind},
    session::{self, Holder},
};
use crate::{
    AppError, AppState, Result, db::Db, i18n::Lang, timefmt, web::Chrome, web::client_ip::ClientIp,
};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/settings/sessions", get(page))
        .route("/settings/sessions/end-others", post(end_others))
        .route("/settings/sessions/{handle}/end", post(end_one))
}

pub struct SessionView {
    pub handle: String,
    pub current: bool,
    pub started: String,
    pub last_seen: String,
    pub browser: String,
    pub ip: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "auth/sessions.html")]
struct SessionsPage {
    lang: Lang,
    chrome: Chrome,
    sessions: Vec<SessionView>,
    idle: String,
    absolute: String,
    /// Where the list's forms post to.
    base: &'static str,
    /// Staff re-authenticate at `/reauth`, never in the list.
    reauth: Option<reauth_holder::Ask>,
}

impl SessionsPage {
    fn others(&self) -> bool {
        self.sessions.iter().any(|s| !s.current)
    }
}

/// The holder's live sessions as the lists show them; `current` is the token of the cookie the
/// request came with.
pub async fn views(
    db: &Db,
    holder: Holder,
    current: Option<&str>,
    lang: Lang,
) -> Result<Vec<SessionView>> {
    let current = current.map(hash_token);
    Ok(session::list(db, holder)
        .await?
        .into_iter()
        .filter_map(|s| {
            Some(SessionView {
                current: current.as_deref() == Some(s.token_hash.as_str()),
                handle: s.handle?,
                started: timefmt::oslo_datetime(s.created_at),
                last_seen: timefmt::oslo_datetime(s.last_seen_at.max(s.created_at)),
                browser: browser_text(lang, &s.user_agent),
                ip: s.ip,
            })
        })
        .collect())
}

/// The firm's time-outs in words: (idle, absolute).
pub async fn timeouts_text(db: &Db, lang: Lang) -> Result<(String, String)> {
    let limits = session::timeouts(db).await?;
    Ok((
        lang.t_count("sessions-minutes", limits.idle_minutes),
        lang.t_count("sessions-hours", limits.absolute_hours),
    ))
}

/// The holder's live session named `handle`: `None` when there is none by that name, else
/// whether it is the current one (whose cookie is `current`).
pub async fn find_handle(
    db: &Db,
    holder: Holder,
    current: Option<&str>,
    handle: &str,
) -> Result<Option<bool>> {
    let current = current.map(hash_token);
    Ok(session::list(db, holder)
        .await?
        .iter()
        .find(|s| s.handle.as_deref() == Some(handle))
        .map(|s| current.as_deref() == Some(s.token_hash.as_str())))
}

/// Ends the holder's session named `handle`, and logs it: `None` when the holder has none by
/// that name, else whether it was the current one (whose cookie is `current`).
pub async fn end_handle(
    db: &Db,
    holder: Holder,
    current: Option<&str>,
    handle: &str,
    ip: std::net::IpAddr,
) -> Result<Option<bool>> {
    let is_current = find_handle(db, holder, current, handle)
        .await?
        .unwrap_or(false);
    if !session::end_by_handle(db, holder, handle).await? {
        return Ok(None);
    }
    let kind = if is_current {
        Kind::Logout
    } else {
        Kind::SessionEnded
    };
    security_log::log(db, Event::new(kind, holder.subject()).ip(ip)).await?;
    Ok(Some(is_current))
}

/// "Log out everywhere else" for the holder of the session `token`, logged; how many ended.
pub async fn end_others_of(
    db: &Db,
    holder: Holder,
    token: &str,
    ip: std::net::IpAddr,
) -> Result<u64> {
    let ended = session::end_others(db, holder, token).await?;
    let e = Event::new(Kind::LogoutOthers, holder.subject())
        .ip(ip)
        .detail(ended.to_string());
    security_log::log(db, e).await?;
    Ok(ended)
}

/// A `User-Agent` as "Firefox, Windows" in the user's language when unknown.
pub fn browser_text(lang: Lang, user_agent: &str) -> String {
    match session::browser_summary(user_agent) {
        (Some(b), Some(os)) => lang.t_with(
            "sessions-browser-on",
            &[("browser", b.to_string()), ("os", os.to_string())],
        ),
        (Some(b), None) => b.to_string(),
        (None, Some(os)) => os.to_string(),
        (None, None) => lang.t("sessions-browser-unknown"),
    }
}

#[tracing::instrument(skip_all, fields(user_id = user.id))]
async fn page(State(state): State<AppState>, user: Staff, jar: CookieJar) -> Result<SessionsPage> {
    let lang = user.lang;
    let current = jar.get(SESSION_COOKIE).map(|c| c.value().to_string());
    let sessions = views(&state.db, Holder::User(user.id), current.as_deref(), lang).await?;
    let (idle, absolute) = timeouts_text(&state.db, lang).await?;
    Ok(SessionsPage {
        lang,
        chrome: Chrome::new(&user, "settings"),
        sessions,
        idle,
        absolute,
        base: "/settings/sessions",
        reauth: None,
    })
}

/// POST /settings/sessions/{handle}/end — one of the user's own sessions; the current one logs
/// out.
#[tracing::instrument(skip_all, fields(user_id = user.id))]
async fn end_one(
    State(state): State<AppState>,
    user: Staff,
    ClientIp(ip): ClientIp,
    jar: CookieJar,
    Path(handle): Path<String>,
) -> Result<Response> {
    let current = jar.get(SESSION_COOKIE).map(|c| c.value().to_string());
    let holder = Holder::User(user.id);
    let Some(is_current) = find_handle(&state.db, holder, current.as_deref(), &handle).await?
    else {
        return Err(AppError::NotFound);
    };
    if !is_current && !reauth::is_fresh(&state, &jar).await? {
        let action = format!("/settings/sessions/{handle}/end");
        return reauth::ask_keeping(&state, &user, "/settings/sessions", &action, Vec::new()).await;
    }
    let Some(is_current) = end_handle(&state.db, holder, current.as_deref(), &handle, ip).await?
    else {
        return Err(AppError::NotFound);
    };
    if is_current {
        let jar = jar.remove(Cookie::build(SESSION_COOKIE).path("/"));
        return Ok((jar, Redirect::to("/login")).into_response());
    }
    Ok(Redirect::to("/settings/sessions").into_response())
}

/// POST /settings/sessions/end-others — "log out everywhere else": this session stays.
#[tracing::instrument(skip_all, fields(user_id = user.id))]
async fn end_others(
    State(state): State<AppState>,
    user: Staff,
    ClientIp(ip): ClientIp,
    jar: CookieJar,
) -> Result<Response> {
    // Without a session cookie (an API token) there is no "this one" to keep.
    let token = jar
        .get(SESSION_COOKIE)
        .map(|c| c.value().to_string())
        .ok_or(AppError::Forbidden)?;
    if !reauth::is_fresh(&state, &jar).await? {
        let back = "/settings/sessions";
        return reauth::ask_keeping(
            &state,
            &user,
            back,
            "/settings/sessions/end-others",
            Vec::new(),
        )
        .await;
    }
    end_others_of(&state.db, Holder::User(user.id), &token, ip).await?;
    Ok(Redirect::to("/settings/sessions").into_response())
}
