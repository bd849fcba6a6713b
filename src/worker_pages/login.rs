//! Workers' log-in and log-out, accepting an invitation (setting a password), and choosing the
//! pages' language.

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

use super::session::{self, COOKIE_PATH, WORKER_COOKIE};
use crate::{
    AppState, Result,
    auth::{
        password,
        security_log::{self, Event, Kind, Subject},
        throttle::{self, Door},
        two_factor_holder_pages::{self, Area},
    },
    i18n::Lang,
    web::{LANG_COOKIE, ReqLang, client_ip::ClientIp},
    workers::account,
};

#[derive(Template, WebTemplate)]
#[template(path = "worker_pages/login.html")]
pub struct LoginPage {
    lang: Lang,
    email: String,
    error: Option<String>,
}

/// GET /worker/login
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

/// POST /worker/login
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
    // Workers' failures are counted apart from staff and portal failures.
    if let Some(seconds) = throttle::wait_seconds(&state.db, Door::Worker, &email, ip).await? {
        return fail(
            throttle::wait_msg(seconds).render(lang),
            StatusCode::TOO_MANY_REQUESTS,
        );
    }
    let account = account::account_by_login(&state.db, &email).await?;
    let stored = account.as_ref().and_then(|a| a.password_hash.clone());
    if let (true, Some(account)) = (
        password::verify(stored, form.password.clone()).await,
        account,
    ) {
        throttle::clear(&state.db, Door::Worker, &email, ip).await?;
        // With two-factor log-in on, the password gives only a challenge (decision 0059).
        let holder = crate::auth::session::Holder::Worker(account.worker_id);
        if let Some(step) =
            two_factor_holder_pages::second_step(&state, Area::Worker, holder, false, jar.clone())
                .await?
        {
            return Ok(step);
        }
        let cookie = session::create(&state, account.worker_id, &client).await?;
        return Ok((jar.add(cookie), Redirect::to("/worker")).into_response());
    }
    throttle::record_failure(&state.db, Door::Worker, &email, ip).await?;
    let known = account::account_by_login(&state.db, &email).await?;
    let subject = known.map_or(Subject::Nobody, |a| Subject::Worker(a.worker_id));
    let e = Event::new(Kind::LoginFailed, subject)
        .login(&form.email)
        .ip(ip)
        .detail("worker");
    security_log::log(&state.db, e).await?;
    fail(lang.t("login-failed"), StatusCode::UNAUTHORIZED)
}

/// POST /worker/logout
#[tracing::instrument(skip_all)]
pub async fn logout(
    State(state): State<AppState>,
    ClientIp(ip): ClientIp,
    jar: CookieJar,
) -> Result<Response> {
    if let Some(c) = jar.get(WORKER_COOKIE) {
        session::end(&state, c.value(), ip).await?;
    }
    let jar = jar.remove(Cookie::build(WORKER_COOKIE).path(COOKIE_PATH));
    Ok((jar, Redirect::to("/worker/login")).into_response())
}

#[derive(Deserialize)]
pub struct LangForm {
    #[serde(default)]
    lang: String,
}

/// POST /worker/lang: Norwegian or English for the worker's pages (a cookie, as before log-in).
#[tracing::instrument(skip_all)]
pub async fn set_lang(jar: CookieJar, Form(form): Form<LangForm>) -> Response {
    let lang = Lang::parse(&form.lang).unwrap_or_default();
    let jar = jar.add(Cookie::build((LANG_COOKIE, lang.code())).path("/").build());
    (jar, Redirect::to("/worker")).into_response()
}

/// POST /worker/logout-everywhere — every session of the worker ends, this one too.
#[tracing::instrument(skip_all, fields(worker_id = me.worker_id))]
pub async fn logout_everywhere(
    State(state): State<AppState>,
    me: super::session::WorkerUser,
    ClientIp(ip): ClientIp,
    jar: CookieJar,
) -> Result<Response> {
    let holder = crate::auth::session::Holder::Worker(me.worker_id);
    crate::auth::session::end_everywhere(&state.db, holder, ip).await?;
    let jar = jar.remove(Cookie::build(WORKER_COOKIE).path(COOKIE_PATH));
    Ok((jar, Redirect::to("/worker/login")).into_response())
}

#[derive(Template, WebTemplate)]
#[template(path = "worker_pages/invite.html")]
pub struct InvitePage {
    lang: Lang,
    valid: bool,
    name: String,
    error: Option<String>,
}

fn invalid(lang: Lang) -> Response {
    (
        StatusCode::NOT_FOUND,
        InvitePage {
            lang,
            valid: false,
            name: String::new(),
            error: None,
        },
    )
        .into_response()
}

/// GET /worker/invite/{token}
#[tracing::instrument(skip_all)]
pub async fn invite_page(
    State(state): State<AppState>,
    ReqLang(lang): ReqLang,
    Path(token): Path<String>,
) -> Result<Response> {
    Ok(match account::invitation(&state.db, &token).await? {
        Some(a) => InvitePage {
            lang,
            valid: true,
            name: account::first_name(&a.name),
            error: None,
        }
        .into_response(),
        None => invalid(lang),
    })
}

#[derive(Deserialize)]
pub struct PasswordForm {
    #[serde(default)]
    password: String,
    #[serde(default)]
    confirm: String,
}

/// POST /worker/invite/{token}: sets the password and logs the worker in.
#[tracing::instrument(skip_all)]
pub async fn accept_invite(
    State(state): State<AppState>,
    client: crate::auth::session::Client,
    ReqLang(lang): ReqLang,
    Path(token): Path<String>,
    jar: CookieJar,
    Form(form): Form<PasswordForm>,
) -> Result<Response> {
    let Some(a) = account::invitation(&state.db, &token).await? else {
        return Ok(invalid(lang));
    };
    let name = account::first_name(&a.name);
    let error = if let Some(msg) = password::weakness(
        &form.password,
        &[&a.name],
        &password::context_words(&state.config),
    ) {
        Some(msg.render(lang))
    } else if form.password != form.confirm {
        Some(lang.t("password-mismatch"))
    } else {
        None
    };
    if error.is_some() {
        let page = InvitePage {
            lang,
            valid: true,
            name,
            error,
        };
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response());
    }
    let hash = password::hash(form.password).await?;
    let mut tx = state.db.begin().await?;
    if !account::accept(&mut tx, &token, a.worker_id, &hash).await? {
        return Ok(invalid(lang));
    }
    tx.commit().await?;
    let cookie = session::create(&state, a.worker_id, &client).await?;
    Ok((jar.add(cookie), Redirect::to("/worker")).into_response())
}
