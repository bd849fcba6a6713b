//! The pages of two-factor log-in (decision 0054): the log-in's second step
//! (`/login/two-factor`, and `/login/two-factor/enrol` when it is required and not set up), the
//! user's own settings (`/settings/two-factor`), and an admin's: which roles must use it
//! (`/admin/two-factor`, shown on `/admin/sessions`) and resetting a user's
//! (`/admin/users/{id}/two-factor/reset`).

use askama::Template;
use askama_web::WebTemplate;
use axum::{
    Form, Router,
    extract::{Path, Query, State},
    http::StatusCode,
    response::{IntoResponse, Redirect, Response},
    routing::{get, post},
};
use axum_extra::extract::CookieJar;
use serde::Deserialize;

use super::{
    Role, SESSION_COOKIE, Staff,
    routes::{finish_login, login_page_with_error},
    security_log::{self, Event, Kind, Subject},
    session::{self, Client, Holder},
    throttle::{self, Door},
    two_factor::{self, CHALLENGE_COOKIE, Challenge, Purpose, Status, SubjectKind, Verdict},
};
use crate::{
    AppError, AppState, Result,
    error::Msg,
    i18n::Lang,
    web::{Chrome, ReqLang, client_ip::ClientIp},
};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/login/two-factor", get(code_page).post(code_submit))
        .route(
            "/login/two-factor/enrol",
            get(enrol_page).post(enrol_submit),
        )
        .route("/settings/two-factor", get(settings_page))
        .route("/settings/two-factor/setup", post(setup))
        .route("/settings/two-factor/confirm", post(confirm))
        .route("/settings/two-factor/recovery-codes", post(renew_codes))
        .route("/settings/two-factor/disable", post(disable))
        .route("/admin/two-factor", post(save_required))
        .route("/admin/users/{id}/two-factor/reset", post(admin_reset))
        .merge(super::two_factor_holder_pages::admin_routes())
}

#[derive(Deserialize, Default)]
struct CodeForm {
    #[serde(default)]
    code: String,
}

fn throttle_account(user_id: i64) -> String {
    format!("user:{user_id}")
}

/// A new key as the enrolment shows it: the QR code and the key in groups of four.
pub(crate) struct Setup {
    pub(crate) qr: String,
    pub(crate) secret: String,
}

/// A new (or the pending) key of `holder` for enrolment; the app's account name is the holder's
/// log-in email.
pub(crate) async fn setup_for(state: &AppState, holder: Holder, fresh: bool) -> Result<Setup> {
    let secret = two_factor::pending_secret(&state.db, &state.data_key, holder, fresh).await?;
    let (text, id) = match holder {
        Holder::User(id) => ("SELECT email FROM users WHERE id = $1", id),
        Holder::Contact(id) => (
            "SELECT login_email FROM portal_accounts WHERE contact_id = $1",
            id,
        ),
        Holder::Worker(id) => (
            "SELECT login_email FROM worker_accounts WHERE worker_id = $1",
            id,
        ),
    };
    let email: Option<String> = sqlx::query_scalar(text)
        .bind(id)
        .fetch_optional(&state.db.pool)
        .await?;
    let email = email.unwrap_or_default();
    Ok(Setup {
        qr: two_factor::qr_svg(&two_factor::otpauth_uri(&secret, &email)),
        secret: two_factor::grouped(&secret),
    })
}

// ---- the log-in's second step ----

#[derive(Template, WebTemplate)]
#[template(path = "auth/two_factor_login.html")]
pub(crate) struct StepPage {
    pub(crate) lang: Lang,
    /// Where the log-in's pages are: `/login`, `/portal/login` or `/worker/login`.
    pub(crate) login_base: &'static str,
    /// `code`, `enrol` or `codes` (the recovery codes, once, after enrolment).
    pub(crate) mode: &'static str,
    pub(crate) error: Option<String>,
    pub(crate) setup: Option<Setup>,
    pub(crate) codes: Vec<String>,
    pub(crate) next: String,
}

impl StepPage {
    fn new(lang: Lang, mode: &'static str) -> Self {
        Self::at("/login", lang, mode)
    }
    pub(crate) fn at(login_base: &'static str, lang: Lang, mode: &'static str) -> Self {
        Self {
            lang,
            login_base,
            mode,
            error: None,
            setup: None,
            codes: Vec::new(),
            next: String::new(),
        }
    }
}

/// The challenge behind the request's cookie, with its token.
async fn current_challenge(
    state: &AppState,
    jar: &CookieJar,
) -> Result<Option<(String, Challenge)>> {
    let Some(token) = jar.get(CHALLENGE_COOKIE).map(|c| c.value().to_string()) else {
        return Ok(None);
    };
    Ok(two_factor::challenge(&state.db, SubjectKind::Staff, &token)
        .await?
        .map(|c| (token, c)))
}

/// Back to the password, saying why.
fn start_again(lang: Lang, jar: CookieJar) -> Response {
    let jar =
        jar.remove(axum_extra::extract::cookie::Cookie::build(CHALLENGE_COOKIE).path("/login"));
    (
        jar,
        login_page_with_error(
            lang,
            lang.t("two-factor-start-again"),
            StatusCode::UNAUTHORIZED,
        ),
    )
        .into_response()
}

/// GET /login/two-factor
#[tracing::instrument(skip_all)]
async fn code_page(
    State(state): State<AppState>,
    ReqLang(lang): ReqLang,
    jar: CookieJar,
) -> Result<Response> {
    match current_challenge(&state, &jar).await? {
        Some((_, c)) if c.purpose == Purpose::Enrol => {
            Ok(Redirect::to("/login/two-factor/enrol").into_response())
        }
        Some(_) => Ok(StepPage::new(lang, "code").into_response()),
        None => Ok(Redirect::to("/login").into_response()),
    }
}

/// A wrong code at the log-in: counted by the throttle and against the challenge, logged.
async fn wrong_at_login(
    state: &AppState,
    token: &str,
    user_id: i64,
    ip: std::net::IpAddr,
    detail: &str,
) -> Result<bool> {
    wrong_code(state, token, Holder::User(user_id), ip, detail).await
}

/// A wrong code at a log-in's second step (staff, portal or worker pages): counted by the
/// throttle and against the challenge, logged; whether the challenge may still be used.
pub(crate) async fn wrong_code(
    state: &AppState,
    token: &str,
    holder: Holder,
    ip: std::net::IpAddr,
    detail: &str,
) -> Result<bool> {
    let (kind, id) = SubjectKind::of(holder);
    throttle::record_failure(&state.db, Door::TwoFactor, &kind.throttle_account(id), ip).await?;
    let e = Event::new(Kind::TwoFactorFailed, holder.subject())
        .ip(ip)
        .detail(detail);
    security_log::log(&state.db, e).await?;
    two_factor::challenge_failed(&state.db, kind, token).await
}

async fn locale_of(state: &AppState, user_id: i64) -> Result<String> {
    Ok(sqlx::query_scalar("SELECT locale FROM users WHERE id = $1")
        .bind(user_id)
        .fetch_one(&state.db.pool)
        .await?)
}

/// POST /login/two-factor — a code from the app, or a recovery code.
#[tracing::instrument(skip_all)]
async fn code_submit(
    State(state): State<AppState>,
    ReqLang(lang): ReqLang,
    client: Client,
    jar: CookieJar,
    Form(form): Form<CodeForm>,
) -> Result<Response> {
    let Some((token, ch)) = current_challenge(&state, &jar).await? else {
        return Ok(start_again(lang, jar));
    };
    if ch.purpose == Purpose::Enrol {
        return Ok(Redirect::to("/login/two-factor/enrol").into_response());
    }
    let ip = client.ip;
    let account = throttle_account(ch.id);
    if let Some(seconds) = throttle::wait_seconds(&state.db, Door::TwoFactor, &account, ip).await? {
        let mut page = StepPage::new(lang, "code");
        page.error = Some(throttle::wait_msg(seconds).render(lang));
        return Ok((StatusCode::TOO_MANY_REQUESTS, page).into_response());
    }
    let verdict = two_factor::verify(
        &state.db,
        &state.data_key,
        Holder::User(ch.id),
        &form.code,
        true,
    )
    .await?;
    if verdict == Verdict::Wrong {
        if !wrong_at_login(&state, &token, ch.id, ip, "login").await? {
            return Ok(start_again(lang, jar));
        }
        let mut page = StepPage::new(lang, "code");
        page.error = Some(lang.t("two-factor-wrong-code"));
        return Ok((StatusCode::UNAUTHORIZED, page).into_response());
    }
    throttle::clear(&state.db, Door::TwoFactor, &account, ip).await?;
    two_factor::end_challenge(&state.db, SubjectKind::Staff, &token).await?;
    if verdict == Verdict::Recovery {
        let left = two_factor::status(&state.db, Holder::User(ch.id))
            .await?
            .recovery_left;
        let e = Event::new(Kind::RecoveryCodeUsed, Subject::User(ch.id))
            .ip(ip)
            .detail(format!("{left} left"));
        security_log::log(&state.db, e).await?;
    }
    let locale = locale_of(&state, ch.id).await?;
    let jar = finish_login(&state, jar, ch.id, &locale, &client).await?;
    Ok((jar, Redirect::to(&ch.next)).into_response())
}

/// GET /login/two-factor/enrol — required and not set up: set it up before anything else.
#[tracing::instrument(skip_all)]
async fn enrol_page(
    State(state): State<AppState>,
    ReqLang(lang): ReqLang,
    jar: CookieJar,
) -> Result<Response> {
    match current_challenge(&state, &jar).await? {
        Some((_, c)) if c.purpose == Purpose::Enrol => {
            let mut page = StepPage::new(lang, "enrol");
            page.setup = Some(setup_for(&state, c.holder, false).await?);
            Ok(page.into_response())
        }
        Some(_) => Ok(Redirect::to("/login/two-factor").into_response()),
        None => Ok(Redirect::to("/login").into_response()),
    }
}

/// POST /login/two-factor/enrol — the first code from the new key turns it on, shows the
/// recovery codes once and logs the user in.
#[tracing::instrument(skip_all)]
async fn enrol_submit(
    State(state): State<AppState>,
    ReqLang(lang): ReqLang,
    client: Client,
    jar: CookieJar,
    Form(form): Form<CodeForm>,
) -> Result<Response> {
    let Some((token, ch)) = current_challenge(&state, &jar).await? else {
        return Ok(start_again(lang, jar));
    };
    if ch.purpose != Purpose::Enrol {
        return Ok(Redirect::to("/login/two-factor").into_response());
    }
    let ip = client.ip;
    let account = throttle_account(ch.id);
    let mut page = StepPage::new(lang, "enrol");
    if let Some(seconds) = throttle::wait_seconds(&state.db, Door::TwoFactor, &account, ip).await? {
        page.setup = Some(setup_for(&state, Holder::User(ch.id), false).await?);
        page.error = Some(throttle::wait_msg(seconds).render(lang));
        return Ok((StatusCode::TOO_MANY_REQUESTS, page).into_response());
    }
    let Some(codes) =
        two_factor::confirm(&state.db, &state.data_key, Holder::User(ch.id), &form.code).await?
    else {
        if !wrong_at_login(&state, &token, ch.id, ip, "enrol").await? {
            return Ok(start_again(lang, jar));
        }
        page.setup = Some(setup_for(&state, Holder::User(ch.id), false).await?);
        page.error = Some(lang.t("two-factor-wrong-new-code"));
        return Ok((StatusCode::UNAUTHORIZED, page).into_response());
    };
    throttle::clear(&state.db, Door::TwoFactor, &account, ip).await?;
    two_factor::end_challenge(&state.db, SubjectKind::Staff, &token).await?;
    let e = Event::new(Kind::TwoFactorEnabled, Subject::User(ch.id))
        .ip(ip)
        .detail("log-in");
    security_log::log(&state.db, e).await?;
    let locale = locale_of(&state, ch.id).await?;
    let jar = finish_login(&state, jar, ch.id, &locale, &client).await?;
    let mut page = StepPage::new(lang, "codes");
    page.codes = codes;
    page.next = ch.next;
    Ok((jar, page).into_response())
}

// ---- one's own settings ----

#[derive(Template, WebTemplate)]
#[template(path = "auth/two_factor.html")]
struct SettingsView {
    lang: Lang,
    chrome: Chrome,
    /// Where the forms post.
    base: &'static str,
    status: Status,
    required: bool,
    /// Why it cannot be turned off, when `required`.
    required_note: &'static str,
    setup: Option<Setup>,
    codes: Vec<String>,
    /// Which form the error belongs to (`setup`, `confirm`, `codes`, `disable`).
    error_at: &'static str,
    error: Option<String>,
    turned_off: bool,
}

async fn view(state: &AppState, user: &Staff) -> Result<SettingsView> {
    Ok(SettingsView {
        lang: user.lang,
        chrome: Chrome::new(user, "settings"),
        base: "/settings/two-factor",
        status: two_factor::status(&state.db, Holder::User(user.id)).await?,
        required: two_factor::is_required(&state.db, user.role).await?,
        required_note: "two-factor-required-note",
        setup: None,
        codes: Vec::new(),
        error_at: "",
        error: None,
        turned_off: false,
    })
}

#[derive(Deserialize, Default)]
struct SettingsParams {
    off: Option<String>,
}

/// GET /settings/two-factor
#[tracing::instrument(skip_all, fields(user_id = user.id))]
async fn settings_page(
    State(state): State<AppState>,
    user: Staff,
    Query(q): Query<SettingsParams>,
) -> Result<SettingsView> {
    let mut v = view(&state, &user).await?;
    v.turned_off = q.off.is_some();
    Ok(v)
}

/// Checks the code a change of two-factor settings asks for (throttled, failures logged); the
/// message to show when it is wrong. For staff, portal contacts and workers alike.
pub(crate) async fn check_code(
    state: &AppState,
    holder: Holder,
    ip: std::net::IpAddr,
    code: &str,
) -> Result<std::result::Result<Verdict, (StatusCode, Msg)>> {
    let (kind, id) = SubjectKind::of(holder);
    let account = kind.throttle_account(id);
    if let Some(seconds) = throttle::wait_seconds(&state.db, Door::TwoFactor, &account, ip).await? {
        return Ok(Err((
            StatusCode::TOO_MANY_REQUESTS,
            throttle::wait_msg(seconds),
        )));
    }
    let verdict = two_factor::verify(&state.db, &state.data_key, holder, code, true).await?;
    match verdict {
        Verdict::Wrong => {
            throttle::record_failure(&state.db, Door::TwoFactor, &account, ip).await?;
            let e = Event::new(Kind::TwoFactorFailed, holder.subject())
                .ip(ip)
                .detail("settings");
            security_log::log(&state.db, e).await?;
            Ok(Err((
                StatusCode::UNPROCESSABLE_ENTITY,
                Msg::new("two-factor-wrong-code"),
            )))
        }
        Verdict::Recovery => {
            throttle::clear(&state.db, Door::TwoFactor, &account, ip).await?;
            log_recovery_used(state, holder, ip).await?;
            Ok(Ok(verdict))
        }
        Verdict::Code => {
            throttle::clear(&state.db, Door::TwoFactor, &account, ip).await?;
            Ok(Ok(verdict))
        }
    }
}

/// The security log's row for a recovery code just used, with how many are left.
pub(crate) async fn log_recovery_used(
    state: &AppState,
    holder: Holder,
    ip: std::net::IpAddr,
) -> Result<()> {
    let left = two_factor::status(&state.db, holder).await?.recovery_left;
    let e = Event::new(Kind::RecoveryCodeUsed, holder.subject())
        .ip(ip)
        .detail(format!("{left} left"));
    security_log::log(&state.db, e).await
}

/// The settings page with an error at one form.
async fn refused(
    state: &AppState,
    user: &Staff,
    at: &'static str,
    (status, msg): (StatusCode, Msg),
) -> Result<Response> {
    let mut v = view(state, user).await?;
    v.error_at = at;
    v.error = Some(msg.render(user.lang));
    Ok((status, v).into_response())
}

/// POST /settings/two-factor/setup — a new key to scan (the current code first when it is on:
/// moving to a new phone must not be open to whoever finds an unlocked screen).
#[tracing::instrument(skip_all, fields(user_id = user.id))]
async fn setup(
    State(state): State<AppState>,
    user: Staff,
    ClientIp(ip): ClientIp,
    Form(form): Form<CodeForm>,
) -> Result<Response> {
    if two_factor::status(&state.db, Holder::User(user.id))
        .await?
        .enabled
        && let Err(why) = check_code(&state, Holder::User(user.id), ip, &form.code).await?
    {
        return refused(&state, &user, "setup", why).await;
    }
    let mut v = view(&state, &user).await?;
    v.setup = Some(setup_for(&state, Holder::User(user.id), true).await?);
    Ok(v.into_response())
}

/// POST /settings/two-factor/confirm — the first code from the new key turns it on.
#[tracing::instrument(skip_all, fields(user_id = user.id))]
async fn confirm(
    State(state): State<AppState>,
    user: Staff,
    ClientIp(ip): ClientIp,
    Form(form): Form<CodeForm>,
) -> Result<Response> {
    let account = throttle_account(user.id);
    let mut v = view(&state, &user).await?;
    if let Some(seconds) = throttle::wait_seconds(&state.db, Door::TwoFactor, &account, ip).await? {
        v.setup = Some(setup_for(&state, Holder::User(user.id), false).await?);
        v.error_at = "confirm";
        v.error = Some(throttle::wait_msg(seconds).render(user.lang));
        return Ok((StatusCode::TOO_MANY_REQUESTS, v).into_response());
    }
    match two_factor::confirm(
        &state.db,
        &state.data_key,
        Holder::User(user.id),
        &form.code,
    )
    .await?
    {
        Some(codes) => {
            throttle::clear(&state.db, Door::TwoFactor, &account, ip).await?;
            let e = Event::new(Kind::TwoFactorEnabled, Subject::User(user.id))
                .ip(ip)
                .detail("settings");
            security_log::log(&state.db, e).await?;
            let mut v = view(&state, &user).await?;
            v.codes = codes;
            Ok(v.into_response())
        }
        None => {
            throttle::record_failure(&state.db, Door::TwoFactor, &account, ip).await?;
            let e = Event::new(Kind::TwoFactorFailed, Subject::User(user.id))
                .ip(ip)
                .detail("enrol");
            security_log::log(&state.db, e).await?;
            v.setup = Some(setup_for(&state, Holder::User(user.id), false).await?);
            v.error_at = "confirm";
            v.error = Some(user.lang.t("two-factor-wrong-new-code"));
            Ok((StatusCode::UNPROCESSABLE_ENTITY, v).into_response())
        }
    }
}

/// POST /settings/two-factor/recovery-codes — ten new ones; the old ones stop working.
#[tracing::instrument(skip_all, fields(user_id = user.id))]
async fn renew_codes(
    State(state): State<AppState>,
    user: Staff,
    ClientIp(ip): ClientIp,
    Form(form): Form<CodeForm>,
) -> Result<Response> {
    if !two_factor::status(&state.db, Holder::User(user.id))
        .await?
        .enabled
    {
        return Ok(Redirect::to("/settings/two-factor").into_response());
    }
    if let Err(why) = check_code(&state, Holder::User(user.id), ip, &form.code).await? {
        return refused(&state, &user, "codes", why).await;
    }
    let codes = two_factor::renew_recovery_codes(&state.db, Holder::User(user.id)).await?;
    let e = Event::new(Kind::RecoveryCodesRenewed, Subject::User(user.id)).ip(ip);
    security_log::log(&state.db, e).await?;
    let mut v = view(&state, &user).await?;
    v.codes = codes;
    Ok(v.into_response())
}

/// POST /settings/two-factor/disable — not while the firm requires it of the user's role.
#[tracing::instrument(skip_all, fields(user_id = user.id))]
async fn disable(
    State(state): State<AppState>,
    user: Staff,
    ClientIp(ip): ClientIp,
    Form(form): Form<CodeForm>,
) -> Result<Response> {
    if !two_factor::status(&state.db, Holder::User(user.id))
        .await?
        .enabled
    {
        return Ok(Redirect::to("/settings/two-factor").into_response());
    }
    if two_factor::is_required(&state.db, user.role).await? {
        let why = (
            StatusCode::UNPROCESSABLE_ENTITY,
            Msg::new("two-factor-required-keep"),
        );
        return refused(&state, &user, "disable", why).await;
    }
    if let Err(why) = check_code(&state, Holder::User(user.id), ip, &form.code).await? {
        return refused(&state, &user, "disable", why).await;
    }
    two_factor::remove(&state.db, Holder::User(user.id)).await?;
    let e = Event::new(Kind::TwoFactorDisabled, Subject::User(user.id)).ip(ip);
    security_log::log(&state.db, e).await?;
    Ok(Redirect::to("/settings/two-factor?off=1").into_response())
}

// ---- admin ----

/// Roles as stored: `admin,consultant`.
fn roles_text(roles: &[Role]) -> String {
    roles
        .iter()
        .map(|r| r.as_str())
        .collect::<Vec<_>>()
        .join(",")
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct RequiredForm {
    admin: Option<String>,
    manager: Option<String>,
    consultant: Option<String>,
    /// Portal contacts who may approve timesheets or sign documents (decision 0059).
    portal_approvers: Option<String>,
}

/// POST /admin/two-factor — the roles that must use two-factor log-in. Sessions of users in a
/// newly required role who have not set it up end at once (the admin's own excepted), so they
/// set it up at their next log-in.
#[tracing::instrument(skip_all, fields(user_id = user.id))]
async fn save_required(
    State(state): State<AppState>,
    user: Staff,
    ClientIp(ip): ClientIp,
    jar: CookieJar,
    Form(form): Form<RequiredForm>,
) -> Result<Response> {
    user.require_admin()?;
    let wanted: Vec<Role> = [
        (Role::Admin, &form.admin),
        (Role::Manager, &form.manager),
        (Role::Consultant, &form.consultant),
    ]
    .into_iter()
    .filter(|(_, v)| v.is_some())
    .map(|(r, _)| r)
    .collect();
    let old = two_factor::required_roles(&state.db).await?;
    let approvers = form.portal_approvers.is_some();
    let old_approvers = two_factor::approvers_required(&state.db).await?;
    if approvers != old_approvers {
        save_approvers(&state, user.id, ip, approvers).await?;
    }
    if old == wanted {
        return Ok(Redirect::to("/admin/sessions?saved=1").into_response());
    }
    sqlx::query("UPDATE session_settings SET two_factor_roles = $1, updated_at = $2 WHERE id = 1")
        .bind(roles_text(&wanted))
        .bind(crate::timefmt::now())
        .execute(&state.db.pool)
        .await?;
    let keep = jar
        .get(SESSION_COOKIE)
        .map(|c| super::hash_token(c.value()))
        .unwrap_or_default();
    let mut ended = 0;
    for role in wanted.iter().filter(|r| !old.contains(r)) {
        let done = sqlx::query(
            "DELETE FROM sessions WHERE token_hash <> $1 AND user_id IN (SELECT u.id FROM users u \
             WHERE u.role = $2 AND NOT EXISTS (SELECT 1 FROM user_two_factor t \
             WHERE t.user_id = u.id AND t.secret IS NOT NULL))",
        )
        .bind(&keep)
        .bind(role.as_str())
        .execute(&state.db.pool)
        .await?;
        ended += done.rows_affected();
    }
    let e = Event::new(Kind::TwoFactorSettings, Subject::User(user.id))
        .by(user.id)
        .ip(ip)
        .detail(format!(
            "{} → {}; {ended} sessions ended",
            roles_text(&old),
            roles_text(&wanted)
        ));
    security_log::log(&state.db, e).await?;
    Ok(Redirect::to("/admin/sessions?saved=1").into_response())
}

/// POST /admin/users/{id}/two-factor/reset — for a user who lost their phone and codes: their
/// key and codes go and their sessions end; they log in with the password (and set it up again
/// where it is required).
#[tracing::instrument(skip_all, fields(user_id = user.id, staff_user_id = id))]
async fn admin_reset(
    State(state): State<AppState>,
    user: Staff,
    ClientIp(ip): ClientIp,
    Path(id): Path<i64>,
) -> Result<Response> {
    user.require_admin()?;
    if id == user.id {
        return Err(AppError::BadRequest(Msg::new("two-factor-reset-self")));
    }
    let exists: Option<i64> = sqlx::query_scalar("SELECT id FROM users WHERE id = $1")
        .bind(id)
        .fetch_optional(&state.db.pool)
        .await?;
    exists.ok_or(AppError::NotFound)?;
    two_factor::remove(&state.db, Holder::User(id)).await?;
    let ended = session::end_all_for_user(&state.db, id).await?;
    let e = Event::new(Kind::TwoFactorReset, Subject::User(id))
        .by(user.id)
        .ip(ip)
        .detail(format!("{ended} sessions ended"));
    security_log::log(&state.db, e).await?;
    Ok(Redirect::to(&format!("/admin/users/{id}?two_factor=reset")).into_response())
}

/// Turns the firm's requirement for approving and signing portal contacts on or off. Turned on,
/// the portal sessions of such contacts without two-factor log-in end at once, so they enrol at
/// their next log-in before they see any portal page.
async fn save_approvers(
    state: &AppState,
    admin_id: i64,
    ip: std::net::IpAddr,
    on: bool,
) -> Result<()> {
    sqlx::query(
        "UPDATE session_settings SET two_factor_approvers = $1, updated_at = $2 WHERE id = 1",
    )
    .bind(i64::from(on))
    .bind(crate::timefmt::now())
    .execute(&state.db.pool)
    .await?;
    let mut ended = 0;
    if on {
        // Rights are stored as a comma-separated list of codes; neither code is part of another.
        let done = sqlx::query(
            "DELETE FROM sessions WHERE contact_id IN (SELECT p.contact_id FROM portal_accounts p \
             WHERE (p.rights LIKE '%approve_timesheets%' OR p.rights LIKE '%sign_documents%') \
             AND NOT EXISTS (SELECT 1 FROM holder_two_factor t \
             WHERE t.contact_id = p.contact_id AND t.secret IS NOT NULL))",
        )
        .execute(&state.db.pool)
        .await?;
        ended = done.rows_affected();
    }
    let e = Event::new(Kind::TwoFactorSettings, Subject::User(admin_id))
        .by(admin_id)
        .ip(ip)
        .detail(format!(
            "portal approvers {}; {ended} sessions ended",
            if on { "on" } else { "off" }
        ));
    security_log::log(&state.db, e).await
}

/// The admin page's box: each role, its name, and whether it must use two-factor log-in; last
/// the portal contacts who may approve timesheets or sign documents (`portal_approvers`).
pub async fn required_choices(
    state: &AppState,
    lang: Lang,
) -> Result<Vec<(&'static str, String, bool)>> {
    let roles = two_factor::required_roles(&state.db).await?;
    let mut choices: Vec<_> = Role::ALL
        .into_iter()
        .map(|r| (r.as_str(), lang.t(r.label_key()), roles.contains(&r)))
        .collect();
    choices.push((
        "portal_approvers",
        lang.t("two-factor-required-approvers"),
        two_factor::approvers_required(&state.db).await?,
    ));
    Ok(choices)
}
