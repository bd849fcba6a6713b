//! Re-authentication before sensitive changes (issue 18, decision 0054): creating an API token
//! and changing a user's role ask for the password again — and a two-factor code when it is on —
//! when the session's last authentication (its log-in, or the last re-authentication) is more
//! than [`FRESH_SECS`] ago. Changing one's own password asks for the current one anyway, and
//! every change of one's two-factor settings asks for a code.
//!
//! Nothing typed is lost on the way (decision 0060): the form that needed it answers with this
//! page at once ([`ask_keeping`]), carrying the fields as typed in hidden inputs; after the
//! password, a page posts them to the form's address again (by itself through `static/kk.js`,
//! or by its button without scripts). The pages are `no-store` (`web::security_headers`), so
//! the typed values are kept by no cache.

use askama::Template;
use askama_web::WebTemplate;
use axum::{
    Form, Router,
    extract::{Query, State},
    http::StatusCode,
    response::{IntoResponse, Redirect, Response},
    routing::get,
};
use axum_extra::extract::CookieJar;
use serde::Deserialize;

use super::{
    SESSION_COOKIE, Staff, hash_token, password,
    routes::safe_next,
    security_log::{self, Event, Kind, Subject},
    throttle::{self, Door},
    two_factor::{self, Verdict},
};
use crate::{
    AppState, Result,
    i18n::Lang,
    timefmt::now,
    web::{Chrome, client_ip::ClientIp},
};

/// How long an authentication counts for a sensitive change (seconds).
pub const FRESH_SECS: i64 = 10 * 60;

pub fn router() -> Router<AppState> {
    Router::new().route("/reauth", get(page).post(submit))
}

/// Whether the request's session was authenticated within [`FRESH_SECS`]. A request with no
/// session cookie (an API token) counts as fresh: the token is the credential.
pub async fn is_fresh(state: &AppState, jar: &CookieJar) -> Result<bool> {
    match jar.get(SESSION_COOKIE) {
        Some(token) => is_fresh_session(&state.db, token.value()).await,
        None => Ok(true),
    }
}

/// Whether the session behind `token` (staff, portal or worker) was authenticated within
/// [`FRESH_SECS`].
pub async fn is_fresh_session(db: &crate::db::Db, token: &str) -> Result<bool> {
    let last: Option<(i64, i64)> =
        sqlx::query_as("SELECT created_at, authenticated_at FROM sessions WHERE token_hash = $1")
            .bind(hash_token(token))
            .fetch_optional(&db.pool)
            .await?;
    Ok(last.is_some_and(|(created, again)| now() - created.max(again) <= FRESH_SECS))
}

/// The prefix of a kept field's name in the password form.
const KEEP: &str = "keep:";
/// At most this many fields are carried, each cut to [`KEPT_CHARS`].
const KEPT_FIELDS: usize = 50;
const KEPT_CHARS: usize = 10_000;

/// The password page for a form posted to `action` (from the page `back`) by a session whose
/// authentication is too old: `typed` (the form's fields as sent) goes along, and after the
/// password it is posted to `action` again.
pub async fn ask_keeping(
    state: &AppState,
    user: &Staff,
    back: &str,
    action: &str,
    typed: Vec<(String, String)>,
) -> Result<Response> {
    let page = ReauthPage {
        lang: user.lang,
        chrome: Chrome::new(user, "settings"),
        next: safe_next(Some(back)),
        with_code: two_factor::status(&state.db, super::session::Holder::User(user.id))
            .await?
            .enabled,
        error: None,
        resume: safe_next(Some(action)),
        kept: bounded(typed),
    };
    Ok(page.into_response())
}

fn bounded(fields: Vec<(String, String)>) -> Vec<(String, String)> {
    fields
        .into_iter()
        .take(KEPT_FIELDS)
        .map(|(k, v)| (k, v.chars().take(KEPT_CHARS).collect()))
        .collect()
}

#[derive(Template, WebTemplate)]
#[template(path = "auth/reauth.html")]
struct ReauthPage {
    lang: Lang,
    chrome: Chrome,
    next: String,
    with_code: bool,
    error: Option<String>,
    /// Where the kept form goes after the password; empty when nothing is kept.
    resume: String,
    kept: Vec<(String, String)>,
}

impl ReauthPage {
    fn kept_name(&self, name: &str) -> String {
        format!("{KEEP}{name}")
    }
}

/// After the password: the kept form, posted again to where it was going.
#[derive(Template, WebTemplate)]
#[template(path = "auth/reauth_resume.html")]
struct ResumePage {
    lang: Lang,
    chrome: Chrome,
    action: String,
    next: String,
    kept: Vec<(String, String)>,
}

#[derive(Deserialize, Default)]
struct NextParam {
    next: Option<String>,
}

/// GET /reauth
#[tracing::instrument(skip_all, fields(user_id = user.id))]
async fn page(
    State(state): State<AppState>,
    user: Staff,
    Query(q): Query<NextParam>,
) -> Result<ReauthPage> {
    Ok(ReauthPage {
        lang: user.lang,
        chrome: Chrome::new(&user, "settings"),
        next: safe_next(q.next.as_deref()),
        with_code: two_factor::status(&state.db, super::session::Holder::User(user.id))
            .await?
            .enabled,
        error: None,
        resume: String::new(),
        kept: Vec::new(),
    })
}

/// The password form: `password`, `code`, `next`, and when a form is kept, `resume` (its
/// address) and its fields as `keep:<name>`.
#[derive(Default)]
struct ReauthForm {
    password: String,
    code: String,
    next: String,
    resume: String,
    kept: Vec<(String, String)>,
}

impl ReauthForm {
    fn parse(pairs: Vec<(String, String)>) -> Self {
        let mut form = Self::default();
        for (name, value) in pairs {
            match name.as_str() {
                "password" => form.password = value,
                "code" => form.code = value,
                "next" => form.next = value,
                "resume" => form.resume = value,
                _ => {
                    if let Some(kept) = name.strip_prefix(KEEP) {
                        form.kept.push((kept.to_string(), value));
                    }
                }
            }
        }
        form.kept = bounded(form.kept);
        form
    }
}

/// POST /reauth — the password (throttled as when changing it), and a code when two-factor
/// log-in is on; then the session counts as just authenticated.
#[tracing::instrument(skip_all, fields(user_id = user.id))]
async fn submit(
    State(state): State<AppState>,
    user: Staff,
    ClientIp(ip): ClientIp,
    jar: CookieJar,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response> {
    let form = ReauthForm::parse(pairs);
    let with_code = two_factor::status(&state.db, super::session::Holder::User(user.id))
        .await?
        .enabled;
    let next = safe_next(Some(&form.next));
    let resume = if form.resume.is_empty() {
        String::new()
    } else {
        safe_next(Some(&form.resume))
    };
    let refuse = |msg: String, status: StatusCode| {
        let page = ReauthPage {
            lang: user.lang,
            chrome: Chrome::new(&user, "settings"),
            next: next.clone(),
            with_code,
            error: Some(msg),
            resume: resume.clone(),
            kept: form.kept.clone(),
        };
        Ok((status, page).into_response())
    };
    let account = format!("user:{}", user.id);
    for door in [Door::PasswordChange, Door::TwoFactor] {
        if let Some(seconds) = throttle::wait_seconds(&state.db, door, &account, ip).await? {
            return refuse(
                throttle::wait_msg(seconds).render(user.lang),
                StatusCode::TOO_MANY_REQUESTS,
            );
        }
    }
    let stored: String = sqlx::query_scalar("SELECT password_hash FROM users WHERE id = $1")
        .bind(user.id)
        .fetch_one(&state.db.pool)
        .await?;
    if !password::verify(Some(stored), form.password.clone()).await {
        throttle::record_failure(&state.db, Door::PasswordChange, &account, ip).await?;
        return refuse(
            user.lang.t("reauth-wrong-password"),
            StatusCode::UNAUTHORIZED,
        );
    }
    throttle::clear(&state.db, Door::PasswordChange, &account, ip).await?;
    if with_code {
        let verdict = two_factor::verify(
            &state.db,
            &state.data_key,
            super::session::Holder::User(user.id),
            &form.code,
            true,
        )
        .await?;
        match verdict {
            Verdict::Wrong => {
                throttle::record_failure(&state.db, Door::TwoFactor, &account, ip).await?;
                let e = Event::new(Kind::TwoFactorFailed, Subject::User(user.id))
                    .ip(ip)
                    .detail("reauth");
                security_log::log(&state.db, e).await?;
                return refuse(
                    user.lang.t("two-factor-wrong-code"),
                    StatusCode::UNAUTHORIZED,
                );
            }
            Verdict::Recovery => {
                let left = two_factor::status(&state.db, super::session::Holder::User(user.id))
                    .await?
                    .recovery_left;
                let e = Event::new(Kind::RecoveryCodeUsed, Subject::User(user.id))
                    .ip(ip)
                    .detail(format!("{left} left"));
                security_log::log(&state.db, e).await?;
            }
            Verdict::Code => {}
        }
        throttle::clear(&state.db, Door::TwoFactor, &account, ip).await?;
    }
    if let Some(token) = jar.get(SESSION_COOKIE) {
        sqlx::query("UPDATE sessions SET authenticated_at = $1 WHERE token_hash = $2")
            .bind(now())
            .bind(hash_token(token.value()))
            .execute(&state.db.pool)
            .await?;
    }
    if resume.is_empty() {
        return Ok(Redirect::to(&next).into_response());
    }
    Ok(ResumePage {
        lang: user.lang,
        chrome: Chrome::new(&user, "settings"),
        action: resume,
        next,
        kept: form.kept,
    }
    .into_response())
}
