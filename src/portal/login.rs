//! Portal log-in and log-out, and accepting an invitation (setting a password).

use askama::Template;
use askama_web::WebTemplate;
use axum::{
    Form,
    extract::{Path, State},
    http::StatusCode,
    response::{IntoResponse, Redirect, Response},
};
use axum_extra::extract::{CookieJar, cookie::Cookie};
use serde::Deserialize;

use super::session::{self, PORTAL_COOKIE};
use crate::{
    AppState, Result,
    auth::{
        hash_token, password,
        security_log::{self, Event, Kind, Subject},
        throttle::{self, Door},
        two_factor_holder_pages::{self, Area},
    },
    contacts::portal_access,
    i18n::Lang,
    timefmt::now,
    web::{ReqLang, client_ip::ClientIp},
};

#[derive(Template, WebTemplate)]
#[template(path = "portal/login.html")]
pub struct LoginPage {
    lang: Lang,
    email: String,
    error: Option<String>,
}

#[tracing::instrument(skip_all)]
pub async fn page(ReqLang(lang): ReqLang) -> LoginPage {
    LoginPage {
        lang,
        email: String::new(),
        error: None,
    }
}

/// The log-in page with a message (a two-factor log-in that has to start again).
pub fn page_with_error(lang: Lang, error: String) -> LoginPage {
    LoginPage {
        lang,
        email: String::new(),
        error: Some(error),
    }
}

#[derive(Deserialize)]
pub struct LoginForm {
    #[serde(default)]
    email: String,
    #[serde(default)]
    password: String,
}

#[tracing::instrument(skip_all)]
pub async fn login(
    State(state): State<AppState>,
    client: crate::auth::session::Client,
    ClientIp(ip): ClientIp,
    ReqLang(lang): ReqLang,
    jar: CookieJar,
    Form(form): Form<LoginForm>,
) -> Result<Response> {
    let email = form.email.trim().to_lowercase();
    let fail = |error: String, status| {
        let page = LoginPage {
            lang,
            email: form.email.clone(),
            error: Some(error),
        };
        Ok((status, page).into_response())
    };
    // Portal failures are counted apart from staff failures, for accounts and addresses alike.
    if let Some(seconds) = throttle::wait_seconds(&state.db, Door::Portal, &email, ip).await? {
        return fail(
            throttle::wait_msg(seconds).render(lang),
            StatusCode::TOO_MANY_REQUESTS,
        );
    }
    let account = portal_access::account_by_login(&state.db, &email).await?;
    let stored = account.as_ref().and_then(|a| a.password_hash.clone());
    if let (true, Some(account)) = (
        password::verify(stored, form.password.clone()).await,
        account,
    ) {
        let contact_id = account.contact_id;
        throttle::clear(&state.db, Door::Portal, &email, ip).await?;
        // With two-factor log-in (or when the firm requires it of this contact and it is not
        // set up yet) the password gives only a challenge for the second step (decision 0059).
        let required = two_factor_holder_pages::contact_required(&state, contact_id).await?;
        let holder = crate::auth::session::Holder::Contact(contact_id);
        if let Some(step) = two_factor_holder_pages::second_step(
            &state,
            Area::Portal,
            holder,
            required,
            jar.clone(),
        )
        .await?
        {
            return Ok(step);
        }
        let cookie = session::create(&state, contact_id, &client).await?;
        return Ok((jar.add(cookie), Redirect::to("/portal")).into_response());
    }
    throttle::record_failure(&state.db, Door::Portal, &email, ip).await?;
    let known = portal_access::account_by_login(&state.db, &email).await?;
    let subject = known.map_or(Subject::Nobody, |a| Subject::Contact(a.contact_id));
    let e = Event::new(Kind::LoginFailed, subject)
        .login(&form.email)
        .ip(ip)
        .detail("portal");
    security_log::log(&state.db, e).await?;
    fail(lang.t("login-failed"), StatusCode::UNAUTHORIZED)
}

#[tracing::instrument(skip_all)]
pub async fn logout(
    State(state): State<AppState>,
    ClientIp(ip): ClientIp,
    jar: CookieJar,
) -> Result<Response> {
    if let Some(c) = jar.get(PORTAL_COOKIE) {
        crate::auth::session::end(&state.db, c.value(), ip).await?;
    }
    let jar = jar.remove(Cookie::build(PORTAL_COOKIE).path("/portal"));
    Ok((jar, Redirect::to("/portal/login")).into_response())
}

/// POST /portal/logout-everywhere — every session of the contact ends, this one too.
#[tracing::instrument(skip_all, fields(contact_id = me.contact_id))]
pub async fn logout_everywhere(
    State(state): State<AppState>,
    me: super::session::PortalUser,
    ClientIp(ip): ClientIp,
    jar: CookieJar,
) -> Result<Response> {
    let holder = crate::auth::session::Holder::Contact(me.contact_id);
    crate::auth::session::end_everywhere(&state.db, holder, ip).await?;
    let jar = jar.remove(Cookie::build(PORTAL_COOKIE).path("/portal"));
    Ok((jar, Redirect::to("/portal/login")).into_response())
}

#[derive(Template, WebTemplate)]
#[template(path = "portal/invite.html")]
pub struct InvitePage {
    lang: Lang,
    valid: bool,
    name: String,
    error: Option<String>,
}

/// The contact an unused, unexpired invitation belongs to (while they and their account are
/// active), with their first name.
async fn invitation(state: &AppState, token: &str) -> Result<Option<(i64, String)>> {
    let contact_id: Option<i64> = sqlx::query_scalar(
        "SELECT contact_id FROM one_time_links WHERE token_hash = $1 AND purpose = 'portal_invite' \
         AND used_at IS NULL AND expires_at > $2 AND contact_id IS NOT NULL",
    )
    .bind(hash_token(token))
    .bind(now())
    .fetch_optional(&state.db.pool)
    .await?;
    let Some(contact_id) = contact_id else {
        return Ok(None);
    };
    Ok(portal_access::account(&state.db, contact_id)
        .await?
        .map(|a| (a.contact_id, a.first_name)))
}

#[tracing::instrument(skip_all)]
pub async fn invite_page(
    State(state): State<AppState>,
    ReqLang(lang): ReqLang,
    Path(token): Path<String>,
) -> Result<Response> {
    Ok(match invitation(&state, &token).await? {
        Some((_, name)) => InvitePage {
            lang,
            valid: true,
            name,
            error: None,
        }
        .into_response(),
        None => (
            StatusCode::NOT_FOUND,
            InvitePage {
                lang,
                valid: false,
                name: String::new(),
                error: None,
            },
        )
            .into_response(),
    })
}

#[derive(Deserialize)]
pub struct PasswordForm {
    #[serde(default)]
    password: String,
    #[serde(default)]
    confirm: String,
}

#[tracing::instrument(skip_all)]
pub async fn accept_invite(
    State(state): State<AppState>,
    client: crate::auth::session::Client,
    ReqLang(lang): ReqLang,
    Path(token): Path<String>,
    jar: CookieJar,
    Form(form): Form<PasswordForm>,
) -> Result<Response> {
    let Some((contact_id, name)) = invitation(&state, &token).await? else {
        return Ok((
            StatusCode::NOT_FOUND,
            InvitePage {
                lang,
                valid: false,
                name: String::new(),
                error: None,
            },
        )
            .into_response());
    };
    let error = if let Some(msg) = password::weakness(
        &form.password,
        &[&name],
        &password::context_words(&state.config),
    ) {
        Some(msg.render(lang))
    } else if form.password != form.confirm {
        Some(lang.t("password-mismatch"))
    } else {
        None
    };
    if error.is_some() {
        return Ok((
            StatusCode::UNPROCESSABLE_ENTITY,
            InvitePage {
                lang,
                valid: true,
                name,
                error,
            },
        )
            .into_response());
    }
    let hash = password::hash(form.password).await?;
    let mut tx = state.db.begin().await?;
    // Marking the link used in the same statement that checks it makes it work exactly once.
    let used = sqlx::query(
        "UPDATE one_time_links SET used_at = $1 WHERE token_hash = $2 AND used_at IS NULL",
    )
    .bind(now())
    .bind(hash_token(&token))
    .execute(&mut *tx)
    .await?;
    if used.rows_affected() != 1 {
        return Ok((
            StatusCode::NOT_FOUND,
            InvitePage {
                lang,
                valid: false,
                name: String::new(),
                error: None,
            },
        )
            .into_response());
    }
    sqlx::query(
        "UPDATE portal_accounts SET password_hash = $1, updated_at = $2 WHERE contact_id = $3",
    )
    .bind(hash)
    .bind(now())
    .bind(contact_id)
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    let cookie = session::create(&state, contact_id, &client).await?;
    Ok((jar.add(cookie), Redirect::to("/portal")).into_response())
}
