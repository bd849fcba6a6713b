//! Two-factor log-in for portal contacts and workers (issue 18, decision 0059): the same TOTP,
//! recovery codes, challenge and throttle as staff's ([`super::two_factor`], decision 0054), on
//! the portal's and the worker pages' own paths:
//!
//! - `{area}/login/two-factor` and `{area}/login/two-factor/enrol`: the log-in's second step
//!   (`/portal/login/…`, `/worker/login/…`), with the challenge in its own cookie scoped there;
//! - `{area}/two-factor` and its forms: one's own settings (turn on with a QR code and a typed
//!   code, new recovery codes, a new phone, turn off — each change with a code);
//! - an admin's reset of a contact's (`/customers/{id}/contacts/{cid}/portal/two-factor/reset`)
//!   or a worker's (`/workers/{id}/login/two-factor/reset`).
//!
//! The firm may require it of portal contacts who may approve timesheets or sign documents
//! (`session_settings.two_factor_approvers`): such a contact enrols right after the password,
//! before any portal page. Workers are never required to use it.

use askama::Template;
use askama_web::WebTemplate;
use axum::{
    Form, Router,
    extract::{Path, Query, State},
    http::{StatusCode, Uri},
    response::{IntoResponse, Redirect, Response},
    routing::{get, post},
};
use axum_extra::extract::{
    CookieJar,
    cookie::{Cookie, SameSite},
};
use serde::Deserialize;

use super::{
    Staff,
    security_log::{self, Event, Kind},
    session::{self, Client, Holder},
    throttle::{self, Door},
    two_factor::{self, Challenge, Purpose, Status, SubjectKind, Verdict},
    two_factor_pages::{Setup, StepPage, check_code, log_recovery_used, setup_for, wrong_code},
};
use crate::{
    AppError, AppState, Result,
    error::Msg,
    i18n::Lang,
    portal::session::PortalUser,
    web::{ReqLang, client_ip::ClientIp},
    worker_pages::session::WorkerUser,
};

/// Where a contact's or worker's two-factor pages are.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Area {
    Portal,
    Worker,
}

impl Area {
    fn kind(self) -> SubjectKind {
        match self {
            Area::Portal => SubjectKind::Contact,
            Area::Worker => SubjectKind::Worker,
        }
    }
    fn login_base(self) -> &'static str {
        match self {
            Area::Portal => "/portal/login",
            Area::Worker => "/worker/login",
        }
    }
    fn base(self) -> &'static str {
        match self {
            Area::Portal => "/portal/two-factor",
            Area::Worker => "/worker/two-factor",
        }
    }
    fn home(self) -> &'static str {
        match self {
            Area::Portal => "/portal",
            Area::Worker => "/worker",
        }
    }
    /// The cookie of a log-in's challenge, scoped to the area's log-in pages.
    fn cookie(self) -> &'static str {
        match self {
            Area::Portal => "kk_portal_2fa",
            Area::Worker => "kk_worker_2fa",
        }
    }
    /// The security log's detail of a failed code at the log-in.
    fn detail(self) -> &'static str {
        match self {
            Area::Portal => "portal",
            Area::Worker => "worker",
        }
    }
}

/// The portal's two-factor routes.
pub fn portal_routes() -> Router<AppState> {
    Router::new()
        .route(
            "/portal/login/two-factor",
            get(portal_code_page).post(portal_code_submit),
        )
        .route(
            "/portal/login/two-factor/enrol",
            get(portal_enrol_page).post(portal_enrol_submit),
        )
        .route("/portal/two-factor", get(portal_settings))
        .route("/portal/two-factor/setup", post(portal_change))
        .route("/portal/two-factor/confirm", post(portal_change))
        .route("/portal/two-factor/recovery-codes", post(portal_change))
        .route("/portal/two-factor/disable", post(portal_change))
}

/// The worker pages' two-factor routes.
pub fn worker_routes() -> Router<AppState> {
    Router::new()
        .route(
            "/worker/login/two-factor",
            get(worker_code_page).post(worker_code_submit),
        )
        .route(
            "/worker/login/two-factor/enrol",
            get(worker_enrol_page).post(worker_enrol_submit),
        )
        .route("/worker/two-factor", get(worker_settings))
        .route("/worker/two-factor/setup", post(worker_change))
        .route("/worker/two-factor/confirm", post(worker_change))
        .route("/worker/two-factor/recovery-codes", post(worker_change))
        .route("/worker/two-factor/disable", post(worker_change))
}

/// Admins' resets.
pub fn admin_routes() -> Router<AppState> {
    Router::new()
        .route(
            "/customers/{id}/contacts/{cid}/portal/two-factor/reset",
            post(reset_contact),
        )
        .route("/workers/{id}/login/two-factor/reset", post(reset_worker))
}

#[derive(Deserialize, Default)]
struct CodeForm {
    #[serde(default)]
    code: String,
}

// ---- after the password ----

/// After the right password of a contact or worker: when two-factor log-in is on (or required
/// and not set up), a challenge cookie and the way to the second step instead of a session.
pub async fn second_step(
    state: &AppState,
    area: Area,
    holder: Holder,
    required: bool,
    jar: CookieJar,
) -> Result<Option<Response>> {
    let Some(purpose) = two_factor::after_password_for(&state.db, holder, required).await? else {
        return Ok(None);
    };
    let token = two_factor::start_challenge(&state.db, holder, purpose, area.home()).await?;
    let cookie = Cookie::build((area.cookie(), token))
        .path(area.login_base())
        .http_only(true)
        .same_site(SameSite::Lax)
        .secure(state.config.secure_cookies())
        .build();
    let to = match purpose {
        Purpose::Code => format!("{}/two-factor", area.login_base()),
        Purpose::Enrol => format!("{}/two-factor/enrol", area.login_base()),
    };
    Ok(Some((jar.add(cookie), Redirect::to(&to)).into_response()))
}

/// Whether a contact must use two-factor log-in (the firm's setting and their rights).
pub async fn contact_required(state: &AppState, contact_id: i64) -> Result<bool> {
    let account = crate::contacts::portal_access::account(&state.db, contact_id).await?;
    Ok(match account {
        Some(a) => {
            let rights = crate::contacts::model::Rights::from_stored(&a.rights);
            two_factor::contact_required(&state.db, &rights).await?
        }
        None => false,
    })
}

// ---- the log-in's second step ----

async fn current_challenge(
    state: &AppState,
    area: Area,
    jar: &CookieJar,
) -> Result<Option<(String, Challenge)>> {
    let Some(token) = jar.get(area.cookie()).map(|c| c.value().to_string()) else {
        return Ok(None);
    };
    Ok(two_factor::challenge(&state.db, area.kind(), &token)
        .await?
        .map(|c| (token, c)))
}

fn forget_challenge(area: Area, jar: CookieJar) -> CookieJar {
    jar.remove(Cookie::build(area.cookie()).path(area.login_base()))
}

/// Back to the password, saying why (the area's own log-in page).
fn start_again(area: Area, lang: Lang, jar: CookieJar) -> Response {
    let jar = forget_challenge(area, jar);
    let page = match area {
        Area::Portal => {
            crate::portal::login::page_with_error(lang, lang.t("two-factor-start-again"))
                .into_response()
        }
        Area::Worker => {
            crate::worker_pages::login::page_with_error(lang, lang.t("two-factor-start-again"))
                .into_response()
        }
    };
    (jar, (StatusCode::UNAUTHORIZED, page)).into_response()
}

/// The session at the end of the log-in, while the account still lets the holder in.
async fn finish(
    state: &AppState,
    area: Area,
    lang: Lang,
    jar: CookieJar,
    ch: &Challenge,
    client: &Client,
) -> Result<std::result::Result<CookieJar, Response>> {
    let cookie = match area {
        Area::Portal => {
            let ok = crate::contacts::portal_access::account(&state.db, ch.id)
                .await?
                .is_some_and(|a| a.password_hash.is_some());
            if !ok {
                return Ok(Err(start_again(area, lang, jar)));
            }
            crate::portal::session::create(state, ch.id, client).await?
        }
        Area::Worker => {
            let ok = crate::workers::account::account(&state.db, ch.id)
                .await?
                .is_some_and(|a| a.password_hash.is_some());
            if !ok {
                return Ok(Err(start_again(area, lang, jar)));
            }
            crate::worker_pages::session::create(state, ch.id, client).await?
        }
    };
    Ok(Ok(forget_challenge(area, jar).add(cookie)))
}

async fn code_page(state: AppState, area: Area, lang: Lang, jar: CookieJar) -> Result<Response> {
    match current_challenge(&state, area, &jar).await? {
        Some((_, c)) if c.purpose == Purpose::Enrol => {
            Ok(Redirect::to(&format!("{}/two-factor/enrol", area.login_base())).into_response())
        }
        Some(_) => Ok(StepPage::at(area.login_base(), lang, "code").into_response()),
        None => Ok(Redirect::to(area.login_base()).into_response()),
    }
}

async fn code_submit(
    state: AppState,
    area: Area,
    lang: Lang,
    client: Client,
    jar: CookieJar,
    form: CodeForm,
) -> Result<Response> {
    let Some((token, ch)) = current_challenge(&state, area, &jar).await? else {
        return Ok(start_again(area, lang, jar));
    };
    if ch.purpose == Purpose::Enrol {
        return Ok(
            Redirect::to(&format!("{}/two-factor/enrol", area.login_base())).into_response(),
        );
    }
    let ip = client.ip;
    let account = area.kind().throttle_account(ch.id);
    if let Some(seconds) = throttle::wait_seconds(&state.db, Door::TwoFactor, &account, ip).await? {
        let mut page = StepPage::at(area.login_base(), lang, "code");
        page.error = Some(throttle::wait_msg(seconds).render(lang));
        return Ok((StatusCode::TOO_MANY_REQUESTS, page).into_response());
    }
    let verdict =
        two_factor::verify(&state.db, &state.data_key, ch.holder, &form.code, true).await?;
    if verdict == Verdict::Wrong {
        if !wrong_code(&state, &token, ch.holder, ip, area.detail()).await? {
            return Ok(start_again(area, lang, jar));
        }
        let mut page = StepPage::at(area.login_base(), lang, "code");
        page.error = Some(lang.t("two-factor-wrong-code"));
        return Ok((StatusCode::UNAUTHORIZED, page).into_response());
    }
    throttle::clear(&state.db, Door::TwoFactor, &account, ip).await?;
    two_factor::end_challenge(&state.db, area.kind(), &token).await?;
    if verdict == Verdict::Recovery {
        log_recovery_used(&state, ch.holder, ip).await?;
    }
    match finish(&state, area, lang, jar, &ch, &client).await? {
        Ok(jar) => Ok((jar, Redirect::to(&ch.next)).into_response()),
        Err(response) => Ok(response),
    }
}

async fn enrol_page(state: AppState, area: Area, lang: Lang, jar: CookieJar) -> Result<Response> {
    match current_challenge(&state, area, &jar).await? {
        Some((_, c)) if c.purpose == Purpose::Enrol => {
            let mut page = StepPage::at(area.login_base(), lang, "enrol");
            page.setup = Some(setup_for(&state, c.holder, false).await?);
            Ok(page.into_response())
        }
        Some(_) => Ok(Redirect::to(&format!("{}/two-factor", area.login_base())).into_response()),
        None => Ok(Redirect::to(area.login_base()).into_response()),
    }
}

async fn enrol_submit(
    state: AppState,
    area: Area,
    lang: Lang,
    client: Client,
    jar: CookieJar,
    form: CodeForm,
) -> Result<Response> {
    let Some((token, ch)) = current_challenge(&state, area, &jar).await? else {
        return Ok(start_again(area, lang, jar));
    };
    if ch.purpose != Purpose::Enrol {
        return Ok(Redirect::to(&format!("{}/two-factor", area.login_base())).into_response());
    }
    let ip = client.ip;
    let account = area.kind().throttle_account(ch.id);
    let mut page = StepPage::at(area.login_base(), lang, "enrol");
    if let Some(seconds) = throttle::wait_seconds(&state.db, Door::TwoFactor, &account, ip).await? {
        page.setup = Some(setup_for(&state, ch.holder, false).await?);
        page.error = Some(throttle::wait_msg(seconds).render(lang));
        return Ok((StatusCode::TOO_MANY_REQUESTS, page).into_response());
    }
    let Some(codes) =
        two_factor::confirm(&state.db, &state.data_key, ch.holder, &form.code).await?
    else {
        if !wrong_code(&state, &token, ch.holder, ip, "enrol").await? {
            return Ok(start_again(area, lang, jar));
        }
        page.setup = Some(setup_for(&state, ch.holder, false).await?);
        page.error = Some(lang.t("two-factor-wrong-new-code"));
        return Ok((StatusCode::UNAUTHORIZED, page).into_response());
    };
    throttle::clear(&state.db, Door::TwoFactor, &account, ip).await?;
    two_factor::end_challenge(&state.db, area.kind(), &token).await?;
    let e = Event::new(Kind::TwoFactorEnabled, ch.holder.subject())
        .ip(ip)
        .detail("log-in");
    security_log::log(&state.db, e).await?;
    let jar = match finish(&state, area, lang, jar, &ch, &client).await? {
        Ok(jar) => jar,
        Err(response) => return Ok(response),
    };
    let mut page = StepPage::at(area.login_base(), lang, "codes");
    page.codes = codes;
    page.next = ch.next;
    Ok((jar, page).into_response())
}

/// GET /portal/login/two-factor
#[tracing::instrument(skip_all)]
async fn portal_code_page(
    State(state): State<AppState>,
    ReqLang(lang): ReqLang,
    jar: CookieJar,
) -> Result<Response> {
    code_page(state, Area::Portal, lang, jar).await
}

/// POST /portal/login/two-factor — a code from the app, or a recovery code.
#[tracing::instrument(skip_all)]
async fn portal_code_submit(
    State(state): State<AppState>,
    ReqLang(lang): ReqLang,
    client: Client,
    jar: CookieJar,
    Form(form): Form<CodeForm>,
) -> Result<Response> {
    code_submit(state, Area::Portal, lang, client, jar, form).await
}

/// GET /portal/login/two-factor/enrol — required and not set up.
#[tracing::instrument(skip_all)]
async fn portal_enrol_page(
    State(state): State<AppState>,
    ReqLang(lang): ReqLang,
    jar: CookieJar,
) -> Result<Response> {
    enrol_page(state, Area::Portal, lang, jar).await
}

/// POST /portal/login/two-factor/enrol
#[tracing::instrument(skip_all)]
async fn portal_enrol_submit(
    State(state): State<AppState>,
    ReqLang(lang): ReqLang,
    client: Client,
    jar: CookieJar,
    Form(form): Form<CodeForm>,
) -> Result<Response> {
    enrol_submit(state, Area::Portal, lang, client, jar, form).await
}

/// GET /worker/login/two-factor
#[tracing::instrument(skip_all)]
async fn worker_code_page(
    State(state): State<AppState>,
    ReqLang(lang): ReqLang,
    jar: CookieJar,
) -> Result<Response> {
    code_page(state, Area::Worker, lang, jar).await
}

/// POST /worker/login/two-factor
#[tracing::instrument(skip_all)]
async fn worker_code_submit(
    State(state): State<AppState>,
    ReqLang(lang): ReqLang,
    client: Client,
    jar: CookieJar,
    Form(form): Form<CodeForm>,
) -> Result<Response> {
    code_submit(state, Area::Worker, lang, client, jar, form).await
}

/// GET /worker/login/two-factor/enrol (a worker only gets here with a challenge to enrol,
/// which today nothing makes: workers are never required to use it).
#[tracing::instrument(skip_all)]
async fn worker_enrol_page(
    State(state): State<AppState>,
    ReqLang(lang): ReqLang,
    jar: CookieJar,
) -> Result<Response> {
    enrol_page(state, Area::Worker, lang, jar).await
}

/// POST /worker/login/two-factor/enrol
#[tracing::instrument(skip_all)]
async fn worker_enrol_submit(
    State(state): State<AppState>,
    ReqLang(lang): ReqLang,
    client: Client,
    jar: CookieJar,
    Form(form): Form<CodeForm>,
) -> Result<Response> {
    enrol_submit(state, Area::Worker, lang, client, jar, form).await
}

// ---- one's own settings ----

/// The name the area's layout shows for the logged-in person.
struct Me {
    name: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "portal/two_factor.html")]
struct PortalView {
    lang: Lang,
    me: Me,
    base: &'static str,
    status: Status,
    required: bool,
    required_note: &'static str,
    setup: Option<Setup>,
    codes: Vec<String>,
    error_at: &'static str,
    error: Option<String>,
    turned_off: bool,
}

#[derive(Template, WebTemplate)]
#[template(path = "worker_pages/two_factor.html")]
struct WorkerView {
    lang: Lang,
    me: Me,
    base: &'static str,
    status: Status,
    required: bool,
    required_note: &'static str,
    setup: Option<Setup>,
    codes: Vec<String>,
    error_at: &'static str,
    error: Option<String>,
    turned_off: bool,
}

/// A contact's or worker's settings page, whichever area it is shown in.
struct View {
    area: Area,
    holder: Holder,
    lang: Lang,
    name: String,
    status: Status,
    required: bool,
    setup: Option<Setup>,
    codes: Vec<String>,
    error_at: &'static str,
    error: Option<String>,
    turned_off: bool,
}

impl View {
    async fn new(
        state: &AppState,
        area: Area,
        holder: Holder,
        lang: Lang,
        name: String,
        required: bool,
    ) -> Result<Self> {
        Ok(View {
            area,
            holder,
            lang,
            name,
            status: two_factor::status(&state.db, holder).await?,
            required,
            setup: None,
            codes: Vec::new(),
            error_at: "",
            error: None,
            turned_off: false,
        })
    }

    fn with_error(mut self, at: &'static str, msg: &Msg) -> Self {
        self.error_at = at;
        self.error = Some(msg.render(self.lang));
        self
    }

    fn render(self, status: StatusCode) -> Response {
        let required_note = "two-factor-required-note-approver";
        let base = self.area.base();
        let me = Me { name: self.name };
        let page = match self.area {
            Area::Portal => PortalView {
                lang: self.lang,
                me,
                base,
                status: self.status,
                required: self.required,
                required_note,
                setup: self.setup,
                codes: self.codes,
                error_at: self.error_at,
                error: self.error,
                turned_off: self.turned_off,
            }
            .into_response(),
            Area::Worker => WorkerView {
                lang: self.lang,
                me,
                base,
                status: self.status,
                required: self.required,
                required_note,
                setup: self.setup,
                codes: self.codes,
                error_at: self.error_at,
                error: self.error,
                turned_off: self.turned_off,
            }
            .into_response(),
        };
        (status, page).into_response()
    }
}

#[derive(Deserialize, Default)]
struct SettingsParams {
    off: Option<String>,
}

/// GET /portal/two-factor
#[tracing::instrument(skip_all, fields(contact_id = me.contact_id))]
async fn portal_settings(
    State(state): State<AppState>,
    me: PortalUser,
    Query(q): Query<SettingsParams>,
) -> Result<Response> {
    let required = two_factor::contact_required(&state.db, &me.rights).await?;
    let holder = Holder::Contact(me.contact_id);
    let mut v = View::new(&state, Area::Portal, holder, me.lang, me.name, required).await?;
    v.turned_off = q.off.is_some();
    Ok(v.render(StatusCode::OK))
}

/// GET /worker/two-factor
#[tracing::instrument(skip_all, fields(worker_id = me.worker_id))]
async fn worker_settings(
    State(state): State<AppState>,
    me: WorkerUser,
    Query(q): Query<SettingsParams>,
) -> Result<Response> {
    let holder = Holder::Worker(me.worker_id);
    let mut v = View::new(&state, Area::Worker, holder, me.lang, me.name, false).await?;
    v.turned_off = q.off.is_some();
    Ok(v.render(StatusCode::OK))
}

/// POST /portal/two-factor/{setup,confirm,recovery-codes,disable}
#[tracing::instrument(skip_all, fields(contact_id = me.contact_id))]
async fn portal_change(
    State(state): State<AppState>,
    me: PortalUser,
    ClientIp(ip): ClientIp,
    uri: Uri,
    Form(form): Form<CodeForm>,
) -> Result<Response> {
    let required = two_factor::contact_required(&state.db, &me.rights).await?;
    let holder = Holder::Contact(me.contact_id);
    let v = View::new(&state, Area::Portal, holder, me.lang, me.name, required).await?;
    change(&state, v, ip, action(&uri), &form.code).await
}

/// POST /worker/two-factor/{setup,confirm,recovery-codes,disable}
#[tracing::instrument(skip_all, fields(worker_id = me.worker_id))]
async fn worker_change(
    State(state): State<AppState>,
    me: WorkerUser,
    ClientIp(ip): ClientIp,
    uri: Uri,
    Form(form): Form<CodeForm>,
) -> Result<Response> {
    let holder = Holder::Worker(me.worker_id);
    let v = View::new(&state, Area::Worker, holder, me.lang, me.name, false).await?;
    change(&state, v, ip, action(&uri), &form.code).await
}

/// The form a settings request is for: the last segment of its path.
fn action(uri: &Uri) -> &str {
    uri.path().rsplit('/').next().unwrap_or_default()
}

/// One of the settings forms, as staff's (`/settings/two-factor/…`): a new key to scan (the
/// current code first when it is on), the first code from it, new recovery codes, turning off.
async fn change(
    state: &AppState,
    mut v: View,
    ip: std::net::IpAddr,
    action: &str,
    code: &str,
) -> Result<Response> {
    let holder = v.holder;
    let settings = v.area.base();
    match action {
        "setup" => {
            if v.status.enabled
                && let Err((status, msg)) = check_code(state, holder, ip, code).await?
            {
                return Ok(v.with_error("setup", &msg).render(status));
            }
            v.setup = Some(setup_for(state, holder, true).await?);
            Ok(v.render(StatusCode::OK))
        }
        "confirm" => {
            let (kind, id) = SubjectKind::of(holder);
            let account = kind.throttle_account(id);
            if let Some(seconds) =
                throttle::wait_seconds(&state.db, Door::TwoFactor, &account, ip).await?
            {
                v.setup = Some(setup_for(state, holder, false).await?);
                let msg = throttle::wait_msg(seconds);
                return Ok(v
                    .with_error("confirm", &msg)
                    .render(StatusCode::TOO_MANY_REQUESTS));
            }
            match two_factor::confirm(&state.db, &state.data_key, holder, code).await? {
                Some(codes) => {
                    throttle::clear(&state.db, Door::TwoFactor, &account, ip).await?;
                    let e = Event::new(Kind::TwoFactorEnabled, holder.subject())
                        .ip(ip)
                        .detail("settings");
                    security_log::log(&state.db, e).await?;
                    v.status = two_factor::status(&state.db, holder).await?;
                    v.codes = codes;
                    Ok(v.render(StatusCode::OK))
                }
                None => {
                    throttle::record_failure(&state.db, Door::TwoFactor, &account, ip).await?;
                    let e = Event::new(Kind::TwoFactorFailed, holder.subject())
                        .ip(ip)
                        .detail("enrol");
                    security_log::log(&state.db, e).await?;
                    v.setup = Some(setup_for(state, holder, false).await?);
                    let msg = Msg::new("two-factor-wrong-new-code");
                    Ok(v.with_error("confirm", &msg)
                        .render(StatusCode::UNPROCESSABLE_ENTITY))
                }
            }
        }
        "recovery-codes" => {
            if !v.status.enabled {
                return Ok(Redirect::to(settings).into_response());
            }
            if let Err((status, msg)) = check_code(state, holder, ip, code).await? {
                return Ok(v.with_error("codes", &msg).render(status));
            }
            let codes = two_factor::renew_recovery_codes(&state.db, holder).await?;
            let e = Event::new(Kind::RecoveryCodesRenewed, holder.subject()).ip(ip);
            security_log::log(&state.db, e).await?;
            v.status = two_factor::status(&state.db, holder).await?;
            v.codes = codes;
            Ok(v.render(StatusCode::OK))
        }
        "disable" => {
            if !v.status.enabled {
                return Ok(Redirect::to(settings).into_response());
            }
            if v.required {
                let msg = Msg::new("two-factor-required-keep-approver");
                return Ok(v
                    .with_error("disable", &msg)
                    .render(StatusCode::UNPROCESSABLE_ENTITY));
            }
            if let Err((status, msg)) = check_code(state, holder, ip, code).await? {
                return Ok(v.with_error("disable", &msg).render(status));
            }
            two_factor::remove(&state.db, holder).await?;
            let e = Event::new(Kind::TwoFactorDisabled, holder.subject()).ip(ip);
            security_log::log(&state.db, e).await?;
            Ok(Redirect::to(&format!("{settings}?off=1")).into_response())
        }
        _ => Err(AppError::NotFound),
    }
}

// ---- admin ----

/// A contact's or worker's key and codes go and their sessions end; logged with the admin.
async fn reset(
    state: &AppState,
    admin: &Staff,
    ip: std::net::IpAddr,
    holder: Holder,
) -> Result<()> {
    two_factor::remove(&state.db, holder).await?;
    let ended = session::end_others(&state.db, holder, "").await?;
    let e = Event::new(Kind::TwoFactorReset, holder.subject())
        .by(admin.id)
        .ip(ip)
        .detail(format!("{ended} sessions ended"));
    security_log::log(&state.db, e).await
}

/// POST /customers/{id}/contacts/{cid}/portal/two-factor/reset — an admin, for a contact who
/// lost their phone and codes.
#[tracing::instrument(skip_all, fields(user_id = user.id, customer_id = id, contact_id = cid))]
async fn reset_contact(
    State(state): State<AppState>,
    user: Staff,
    ClientIp(ip): ClientIp,
    Path((id, cid)): Path<(i64, i64)>,
) -> Result<Response> {
    user.require_admin()?;
    let found: Option<i64> =
        sqlx::query_scalar("SELECT id FROM contacts WHERE id = $1 AND customer_id = $2")
            .bind(cid)
            .bind(id)
            .fetch_optional(&state.db.pool)
            .await?;
    found.ok_or(AppError::NotFound)?;
    reset(&state, &user, ip, Holder::Contact(cid)).await?;
    Ok(Redirect::to(&format!("/customers/{id}/contacts/{cid}?two_factor=reset")).into_response())
}

/// POST /workers/{id}/login/two-factor/reset — an admin, for a worker who lost their phone
/// and codes.
#[tracing::instrument(skip_all, fields(user_id = user.id, worker_id = id))]
async fn reset_worker(
    State(state): State<AppState>,
    user: Staff,
    ClientIp(ip): ClientIp,
    Path(id): Path<i64>,
) -> Result<Response> {
    user.require_admin()?;
    let found: Option<i64> = sqlx::query_scalar("SELECT id FROM workers WHERE id = $1")
        .bind(id)
        .fetch_optional(&state.db.pool)
        .await?;
    found.ok_or(AppError::NotFound)?;
    reset(&state, &user, ip, Holder::Worker(id)).await?;
    Ok(Redirect::to(&format!("/workers/{id}?two_factor=reset#worker-login")).into_response())
}
