//! The user's own settings: language, password and API tokens.

use askama::Template;
use askama_web::WebTemplate;
use axum::{
    Form, Router,
    extract::{Path, Query, State},
    http::StatusCode,
    response::{IntoResponse, Redirect, Response},
    routing::{get, post},
};
use axum_extra::extract::{CookieJar, cookie::Cookie};
use serde::Deserialize;

use super::{
    SESSION_COOKIE, Staff,
    new_password::NewPasswordPage,
    password,
    security_log::{self, Event, Kind, Subject},
    session::{self, Holder},
    throttle::{self, Door},
    tokens,
};
use crate::{
    AppError, AppState, Result,
    error::{FieldErrors, Msg},
    i18n::Lang,
    timefmt,
    web::{Chrome, LANG_COOKIE, client_ip::ClientIp, form::field_messages},
};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/settings", get(page))
        .route("/settings/language", post(set_language))
        .route("/settings/password", post(change_password))
        .route("/settings/signature", post(set_signature))
        .route("/settings/tokens", post(create_token))
        .route("/settings/tokens/{id}/delete", post(revoke_token))
}

pub struct TokenView {
    pub id: i64,
    pub name: String,
    pub created: String,
    pub last_used: String,
    /// When it stops working; empty for a token that never expires (made before 0045).
    pub expires: String,
    pub expired: bool,
}

#[derive(Template, WebTemplate)]
#[template(path = "auth/settings.html")]
struct SettingsPage {
    lang: Lang,
    chrome: Chrome,
    email: String,
    tokens: Vec<TokenView>,
    new_token: Option<String>,
    token_name: String,
    /// The lifetime chosen (or offered) in the form, in days.
    token_days: i64,
    password_errors: FieldErrors,
    /// Two-factor log-in is on: the password change asks for a code as well (ASVS V7.5.1).
    two_factor_on: bool,
    signature: String,
    signature_errors: FieldErrors,
    password_changed: bool,
}

impl SettingsPage {
    fn errors(&self, field: &str) -> Vec<String> {
        field_messages(&self.password_errors, self.lang, field)
    }
    fn token_count(&self) -> i64 {
        self.tokens.len() as i64
    }
    fn token_day_choices(&self) -> [i64; 3] {
        tokens::Lifetime::DAYS
    }
    fn signature_errors(&self) -> Vec<String> {
        field_messages(&self.signature_errors, self.lang, "signature")
    }
}

async fn render(state: &AppState, user: &Staff, lang: Lang) -> Result<SettingsPage> {
    let tokens = tokens::list(&state.db, user.id)
        .await?
        .into_iter()
        .map(|t| TokenView {
            id: t.id,
            expired: t.expired(timefmt::now()),
            expires: t.expires_at.map(timefmt::oslo_date).unwrap_or_default(),
            name: t.name,
            created: timefmt::oslo_datetime(t.created_at),
            last_used: t
                .last_used_at
                .map(timefmt::oslo_datetime)
                .unwrap_or_default(),
        })
        .collect();
    Ok(SettingsPage {
        lang,
        chrome: Chrome::new(user, "settings"),
        email: user.email.clone(),
        tokens,
        new_token: None,
        token_name: String::new(),
        token_days: tokens::Lifetime::DEFAULT.in_days(),
        password_errors: FieldErrors::default(),
        two_factor_on: super::two_factor::status(&state.db, Holder::User(user.id))
            .await?
            .enabled,
        signature: sqlx::query_scalar("SELECT signature FROM users WHERE id = $1")
            .bind(user.id)
            .fetch_one(&state.db.pool)
            .await?,
        signature_errors: FieldErrors::default(),
        password_changed: false,
    })
}

#[tracing::instrument(skip_all, fields(user_id = user.id))]
async fn page(
    State(state): State<AppState>,
    user: Staff,
    Query(q): Query<PageParams>,
) -> Result<SettingsPage> {
    let mut page = render(&state, &user, user.lang).await?;
    page.password_changed = q.password.as_deref() == Some("changed");
    Ok(page)
}

#[derive(Deserialize)]
struct PageParams {
    password: Option<String>,
}

#[derive(Deserialize)]
struct LanguageForm {
    locale: String,
}

#[tracing::instrument(skip_all, fields(user_id = user.id))]
async fn set_language(
    State(state): State<AppState>,
    user: Staff,
    jar: CookieJar,
    Form(form): Form<LanguageForm>,
) -> Result<Response> {
    let lang =
        Lang::parse(&form.locale).ok_or(AppError::BadRequest(Msg::new("error-bad-language")))?;
    sqlx::query("UPDATE users SET locale = $1, updated_at = $2 WHERE id = $3")
        .bind(lang.code())
        .bind(timefmt::now())
        .bind(user.id)
        .execute(&state.db.pool)
        .await?;
    let jar = jar.add(Cookie::build((LANG_COOKIE, lang.code())).path("/").build());
    Ok((jar, Redirect::to("/settings")).into_response())
}

#[derive(Deserialize)]
struct SignatureForm {
    #[serde(default)]
    signature: String,
}

/// POST /settings/signature — the text for the `{sender_signature}` merge field.
#[tracing::instrument(skip_all, fields(user_id = user.id))]
async fn set_signature(
    State(state): State<AppState>,
    user: Staff,
    Form(form): Form<SignatureForm>,
) -> Result<Response> {
    let signature = form.signature.trim_end().replace("\r\n", "\n");
    if signature.chars().count() > 1000 {
        let mut page = render(&state, &user, user.lang).await?;
        page.signature = form.signature;
        page.signature_errors
            .add("signature", Msg::new("field-too-long").arg("max", 1000));
        return Ok((axum::http::StatusCode::UNPROCESSABLE_ENTITY, page).into_response());
    }
    sqlx::query("UPDATE users SET signature = $1, updated_at = $2 WHERE id = $3")
        .bind(signature)
        .bind(timefmt::now())
        .bind(user.id)
        .execute(&state.db.pool)
        .await?;
    Ok(Redirect::to("/settings").into_response())
}

/// The password form again with its errors: on the settings page, or on the page of its own for
/// a user who must choose a new password.
async fn refuse(
    state: &AppState,
    user: &Staff,
    forced: bool,
    errors: FieldErrors,
    status: StatusCode,
) -> Result<Response> {
    if forced {
        return Ok((status, NewPasswordPage::new(user, errors)).into_response());
    }
    let mut page = render(state, user, user.lang).await?;
    page.password_errors = errors;
    Ok((status, page).into_response())
}

#[derive(Deserialize)]
struct PasswordForm {
    #[serde(default)]
    current: String,
    #[serde(default)]
    new: String,
    #[serde(default)]
    confirm: String,
    /// A code from the authenticator app (or a recovery code), when two-factor log-in is on.
    #[serde(default)]
    code: String,
    /// "Also revoke my API tokens" (offered, and ticked, when the user has any).
    revoke_tokens: Option<String>,
}

#[tracing::instrument(skip_all, fields(user_id = user.id))]
async fn change_password(
    State(state): State<AppState>,
    user: Staff,
    ClientIp(ip): ClientIp,
    jar: CookieJar,
    Form(form): Form<PasswordForm>,
) -> Result<Response> {
    // The current password is guessed at here as at the log-in (by whoever holds a session):
    // throttled the same way, on its own door.
    let account = format!("user:{}", user.id);
    let door = Door::PasswordChange;
    let mut errors = FieldErrors::default();
    let (stored, must_change): (String, i64) =
        sqlx::query_as("SELECT password_hash, must_change_password FROM users WHERE id = $1")
            .bind(user.id)
            .fetch_one(&state.db.pool)
            .await?;
    // A user who must choose a new password sees the form on its own page (decision 0064).
    let forced = must_change == 1;
    if let Some(seconds) = throttle::wait_seconds(&state.db, door, &account, ip).await? {
        errors.add("current", throttle::wait_msg(seconds));
        return refuse(&state, &user, forced, errors, StatusCode::TOO_MANY_REQUESTS).await;
    }
    if password::verify(Some(stored), form.current.clone()).await {
        throttle::clear(&state.db, door, &account, ip).await?;
    } else {
        throttle::record_failure(&state.db, door, &account, ip).await?;
        errors.add("current", Msg::new("password-wrong-current"));
    }
    // With two-factor log-in on, the change is a full re-authentication: the password and a
    // code (ASVS V7.5.1). Not on the page a user is sent to right after log-in to replace a
    // password someone else chose (decision 0064): that log-in has just asked for the code.
    if !forced
        && super::two_factor::status(&state.db, Holder::User(user.id))
            .await?
            .enabled
    {
        if form.code.trim().is_empty() {
            errors.add("code", Msg::new("field-required"));
        } else if let Err((_, why)) =
            super::two_factor_pages::check_code(&state, Holder::User(user.id), ip, &form.code)
                .await?
        {
            errors.add("code", why);
        }
    }
    if let Some(msg) = password::weakness(
        &form.new,
        &[&user.name, &user.email],
        &password::context_words(&state.config),
    ) {
        errors.add("new", msg);
    } else if form.new == form.current {
        // Above all when someone else chose the current one.
        errors.add("new", Msg::new("password-same-as-current"));
    }
    if form.new != form.confirm {
        errors.add("confirm", Msg::new("password-mismatch"));
    }
    if !errors.is_empty() {
        return refuse(
            &state,
            &user,
            forced,
            errors,
            StatusCode::UNPROCESSABLE_ENTITY,
        )
        .await;
    }
    let hash = password::hash(form.new).await?;
    sqlx::query(
        "UPDATE users SET password_hash = $1, updated_at = $2, must_change_password = 0 \
         WHERE id = $3",
    )
    .bind(hash)
    .bind(timefmt::now())
    .bind(user.id)
    .execute(&state.db.pool)
    .await?;
    // Other devices are logged out; this one goes on with a new session id. API tokens go too
    // when asked.
    let current = jar.get(SESSION_COOKIE).map(|c| c.value().to_string());
    let ended = match &current {
        Some(token) => session::end_others(&state.db, Holder::User(user.id), token).await?,
        None => session::end_all_for_user(&state.db, user.id).await?,
    };
    let e = Event::new(Kind::PasswordChanged, Subject::User(user.id))
        .ip(ip)
        .detail(ended.to_string());
    security_log::log(&state.db, e).await?;
    if form.revoke_tokens.is_some() {
        tokens::revoke_all(&mut *state.db.pool.acquire().await?, user.id).await?;
    }
    let fresh = match current {
        Some(token) => session::reissue(&state.db, &token).await?,
        None => None,
    };
    match fresh {
        Some(token) => Ok((
            jar.add(session::cookie(&state, token)),
            Redirect::to("/settings?password=changed"),
        )
            .into_response()),
        None => Ok(Redirect::to("/login?next=/settings").into_response()),
    }
}

#[derive(Deserialize)]
struct TokenForm {
    #[serde(default)]
    name: String,
    /// 30, 90 or 365 (decision 0060); missing means the default, 90.
    #[serde(default)]
    days: Option<String>,
}

#[tracing::instrument(skip_all, fields(user_id = user.id))]
async fn create_token(
    State(state): State<AppState>,
    user: Staff,
    jar: CookieJar,
    Form(form): Form<TokenForm>,
) -> Result<Response> {
    // Not while the firm requires a second factor of the user's role and they have none: their
    // tokens are refused then, and a new one would be too (decision 0072).
    if !tokens::may_create(&state.db, user.id, user.role).await? {
        return Err(AppError::ForbiddenBecause(Msg::new(
            "token-create-two-factor-required",
        )));
    }
    // A token is a lasting credential: made only by a session authenticated lately.
    if !super::reauth::is_fresh(&state, &jar).await? {
        // The name and lifetime as typed go along (decision 0060).
        let mut typed = vec![("name".to_string(), form.name.clone())];
        if let Some(days) = &form.days {
            typed.push(("days".to_string(), days.clone()));
        }
        return super::reauth::ask_keeping(&state, &user, "/settings", "/settings/tokens", typed)
            .await;
    }
    let name = form.name.trim();
    let mut errors = FieldErrors::default();
    if name.is_empty() || name.chars().count() > 100 {
        errors.add("token_name", Msg::new("token-name-required"));
    }
    let lifetime = match form.days.as_deref().map(str::trim) {
        None | Some("") => Some(tokens::Lifetime::DEFAULT),
        Some(days) => days.parse().ok().and_then(tokens::Lifetime::days),
    };
    if lifetime.is_none() {
        errors.add("token_days", Msg::new("token-days-invalid"));
    }
    let Some(lifetime) = lifetime.filter(|_| errors.is_empty()) else {
        let mut page = render(&state, &user, user.lang).await?;
        page.token_name = form.name.clone();
        if let Some(days) = form.days.as_deref().and_then(|d| d.trim().parse().ok()) {
            page.token_days = days;
        }
        page.password_errors = errors;
        return Ok((axum::http::StatusCode::UNPROCESSABLE_ENTITY, page).into_response());
    };
    let mut conn = state.db.pool.acquire().await?;
    let token = tokens::create_for(&mut conn, user.id, name, lifetime).await?;
    drop(conn);
    let mut page = render(&state, &user, user.lang).await?;
    page.new_token = Some(token);
    Ok(page.into_response())
}

#[tracing::instrument(skip_all, fields(user_id = user.id))]
async fn revoke_token(
    State(state): State<AppState>,
    user: Staff,
    Path(id): Path<i64>,
) -> Result<Redirect> {
    if !tokens::revoke(&mut *state.db.pool.acquire().await?, user.id, id).await? {
        return Err(AppError::NotFound);
    }
    Ok(Redirect::to("/settings"))
}
