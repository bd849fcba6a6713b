//! `/worker/sessions`: a worker's own sessions, "log out this one" and "log out everywhere
//! else" — the staff list (`auth::sessions_page`) for the worker's sessions only (decision
//! 0056). Every query is keyed on the worker of the session asking.
//! Ending another session, or all others, asks for the password first when the log-in is
//! older than ten minutes (decision 0065, `auth::reauth_holder`).

use askama::Template;
use askama_web::WebTemplate;
use axum::{
    body::Bytes,
    extract::{Path, State},
    response::{IntoResponse, Redirect, Response},
};
use axum_extra::extract::{CookieJar, cookie::Cookie};

use super::session::{COOKIE_PATH, WORKER_COOKIE, WorkerUser};
use crate::{
    AppError, AppState, Result,
    auth::{
        reauth_holder::{self, Ask, Typed},
        session::Holder,
        sessions_page::{
            SessionView, end_handle, end_others_of, find_handle, timeouts_text, views,
        },
    },
    i18n::Lang,
    web::client_ip::ClientIp,
};

const BASE: &str = "/worker/sessions";

#[derive(Template, WebTemplate)]
#[template(path = "worker_pages/sessions.html")]
pub struct SessionsPage {
    lang: Lang,
    me: WorkerUser,
    sessions: Vec<SessionView>,
    idle: String,
    absolute: String,
    base: &'static str,
    /// The password form, when ending another session needs it (decision 0065).
    reauth: Option<Ask>,
}

impl SessionsPage {
    fn others(&self) -> bool {
        self.sessions.iter().any(|s| !s.current)
    }
}

fn token(jar: &CookieJar) -> Option<String> {
    jar.get(WORKER_COOKIE).map(|c| c.value().to_string())
}

async fn render(
    state: &AppState,
    me: WorkerUser,
    jar: &CookieJar,
    reauth: Option<Ask>,
) -> Result<SessionsPage> {
    let lang = me.lang;
    let holder = Holder::Worker(me.worker_id);
    let sessions = views(&state.db, holder, token(jar).as_deref(), lang).await?;
    let (idle, absolute) = timeouts_text(&state.db, lang).await?;
    Ok(SessionsPage {
        lang,
        me,
        sessions,
        idle,
        absolute,
        base: BASE,
        reauth,
    })
}

/// GET /worker/sessions
#[tracing::instrument(skip_all, fields(worker_id = me.worker_id))]
pub async fn page(
    State(state): State<AppState>,
    me: WorkerUser,
    jar: CookieJar,
) -> Result<SessionsPage> {
    render(&state, me, &jar, None).await
}

/// Ending another session asks for the password when the log-in is not recent: the list with
/// the password form, posted to `action`; `None` when it may go on.
async fn ask_first(
    state: &AppState,
    me: &WorkerUser,
    jar: &CookieJar,
    body: &Bytes,
    action: &str,
    ip: std::net::IpAddr,
) -> Result<Option<Response>> {
    let Some(token) = token(jar) else {
        return Err(AppError::Forbidden);
    };
    let typed = Typed::from_body(body);
    let holder = Holder::Worker(me.worker_id);
    let asked = reauth_holder::check(state, holder, &token, &typed, action, me.lang, ip).await?;
    Ok(match asked {
        Some((status, ask)) => {
            let page = render(state, me.clone(), jar, Some(ask)).await?;
            Some((status, page).into_response())
        }
        None => None,
    })
}

/// POST /worker/sessions/{handle}/end — one of the worker's own sessions; the current one logs
/// out.
#[tracing::instrument(skip_all, fields(worker_id = me.worker_id))]
pub async fn end_one(
    State(state): State<AppState>,
    me: WorkerUser,
    ClientIp(ip): ClientIp,
    jar: CookieJar,
    Path(handle): Path<String>,
    body: Bytes,
) -> Result<Response> {
    let holder = Holder::Worker(me.worker_id);
    let current = token(&jar);
    let Some(is_current) = find_handle(&state.db, holder, current.as_deref(), &handle).await?
    else {
        return Err(AppError::NotFound);
    };
    if !is_current {
        let action = format!("{BASE}/{handle}/end");
        if let Some(page) = ask_first(&state, &me, &jar, &body, &action, ip).await? {
            return Ok(page);
        }
    }
    let Some(is_current) = end_handle(&state.db, holder, current.as_deref(), &handle, ip).await?
    else {
        return Err(AppError::NotFound);
    };
    if is_current {
        let jar = jar.remove(Cookie::build(WORKER_COOKIE).path(COOKIE_PATH));
        return Ok((jar, Redirect::to("/worker/login")).into_response());
    }
    Ok(Redirect::to(BASE).into_response())
}

/// POST /worker/sessions/end-others — "log out everywhere else": this session stays.
#[tracing::instrument(skip_all, fields(worker_id = me.worker_id))]
pub async fn end_others(
    State(state): State<AppState>,
    me: WorkerUser,
    ClientIp(ip): ClientIp,
    jar: CookieJar,
    body: Bytes,
) -> Result<Response> {
    let action = format!("{BASE}/end-others");
    if let Some(page) = ask_first(&state, &me, &jar, &body, &action, ip).await? {
        return Ok(page);
    }
    let token = token(&jar).ok_or(AppError::Forbidden)?;
    end_others_of(&state.db, Holder::Worker(me.worker_id), &token, ip).await?;
    Ok(Redirect::to(BASE).into_response())
}
