//! Admin only (decision 0050): the firm's session time-outs and the security log's retention
//! (decision 0056) at `/admin/sessions`, and the
//! security log at `/admin/security-log` (filter by user and kind, 50 a page) with its CSV
//! export at `/admin/security-log.csv` (cells safe to open in a spreadsheet).

use askama::Template;
use askama_web::WebTemplate;
use axum::{
    Form, Router,
    extract::{Query, State},
    http::{StatusCode, header},
    response::{IntoResponse, Redirect, Response},
    routing::get,
};
use serde::Deserialize;

use super::{
    Staff,
    security_log::{self, Event, Filter, Kind, Row, Subject, retention},
    session,
};
use crate::{
    AppState, Result,
    db::paging,
    error::{FieldErrors, Msg},
    files,
    i18n::Lang,
    timefmt,
    web::{Chrome, client_ip::ClientIp, form::field_messages},
};

/// Rows per page of the log.
const PAGE_SIZE: i64 = 50;
/// The most rows one CSV export holds (the newest).
const EXPORT_MAX: i64 = 100_000;
/// Bounds of the settings: the idle time-out in minutes, the absolute in hours.
const IDLE_MIN: i64 = 5;
const IDLE_MAX: i64 = 7 * 24 * 60;
const ABSOLUTE_MIN: i64 = 1;
const ABSOLUTE_MAX: i64 = 90 * 24;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/admin/sessions", get(settings_page).post(save_settings))
        .route("/admin/security-log", get(log_page))
        .route("/admin/security-log.csv", get(log_csv))
}

// ---- time-outs ----

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default)]
pub struct SettingsForm {
    pub idle_minutes: String,
    pub absolute_hours: String,
    pub security_log_days: String,
}

/// The settings of the page, read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Settings {
    timeouts: session::Timeouts,
    security_log_days: i64,
}

impl SettingsForm {
    fn parse(&self) -> std::result::Result<Settings, FieldErrors> {
        let mut errors = FieldErrors::default();
        let number = |raw: &str, min: i64, max: i64| {
            raw.trim()
                .parse::<i64>()
                .ok()
                .filter(|n| (min..=max).contains(n))
        };
        let idle = number(&self.idle_minutes, IDLE_MIN, IDLE_MAX);
        if idle.is_none() {
            errors.add(
                "idle_minutes",
                Msg::new("session-settings-idle-invalid")
                    .arg("min", IDLE_MIN)
                    .arg("max", IDLE_MAX),
            );
        }
        let absolute = number(&self.absolute_hours, ABSOLUTE_MIN, ABSOLUTE_MAX);
        if absolute.is_none() {
            errors.add(
                "absolute_hours",
                Msg::new("session-settings-absolute-invalid")
                    .arg("min", ABSOLUTE_MIN)
                    .arg("max", ABSOLUTE_MAX),
            );
        }
        let days = number(
            &self.security_log_days,
            retention::MIN_DAYS,
            retention::MAX_DAYS,
        );
        if days.is_none() {
            errors.add(
                "security_log_days",
                Msg::new("session-settings-log-days-invalid")
                    .arg("min", retention::MIN_DAYS)
                    .arg("max", retention::MAX_DAYS),
            );
        }
        match (idle, absolute, days) {
            (Some(idle), Some(absolute), _) if absolute * 60 < idle => {
                errors.add(
                    "absolute_hours",
                    Msg::new("session-settings-absolute-short"),
                );
                Err(errors)
            }
            (Some(idle_minutes), Some(absolute_hours), Some(security_log_days)) => Ok(Settings {
                timeouts: session::Timeouts {
                    idle_minutes,
                    absolute_hours,
                },
                security_log_days,
            }),
            _ => Err(errors),
        }
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "auth/session_settings.html")]
struct SettingsView {
    lang: Lang,
    chrome: Chrome,
    form: SettingsForm,
    errors: FieldErrors,
    saved: bool,
    /// Each role, its name, and whether two-factor log-in is required of it (decision 0054).
    two_factor: Vec<(&'static str, String, bool)>,
    /// The admin looking has not set up two-factor log-in.
    self_without_two_factor: bool,
    /// How many sessions "log everyone out" just ended (decision 0065).
    ended: Option<i64>,
}

impl SettingsView {
    fn errs(&self, field: &str) -> Vec<String> {
        field_messages(&self.errors, self.lang, field)
    }
}

#[derive(Deserialize, Default)]
struct SavedParam {
    saved: Option<String>,
    ended: Option<i64>,
}

/// GET /admin/sessions
#[tracing::instrument(skip_all, fields(user_id = user.id))]
async fn settings_page(
    State(state): State<AppState>,
    user: Staff,
    Query(p): Query<SavedParam>,
) -> Result<SettingsView> {
    user.require_admin()?;
    let t = session::timeouts(&state.db).await?;
    Ok(SettingsView {
        lang: user.lang,
        chrome: Chrome::new(&user, "admin"),
        form: SettingsForm {
            idle_minutes: t.idle_minutes.to_string(),
            absolute_hours: t.absolute_hours.to_string(),
            security_log_days: retention::days(&state.db).await?.to_string(),
        },
        errors: FieldErrors::default(),
        saved: p.saved.is_some(),
        two_factor: super::two_factor_pages::required_choices(&state, user.lang).await?,
        self_without_two_factor: !super::two_factor::status(
            &state.db,
            super::session::Holder::User(user.id),
        )
        .await?
        .enabled,
        ended: p.ended,
    })
}

/// POST /admin/sessions — new time-outs apply at once, to sessions already running too; a new
/// retention at the next daily run.
#[tracing::instrument(skip_all, fields(user_id = user.id))]
async fn save_settings(
    State(state): State<AppState>,
    user: Staff,
    ClientIp(ip): ClientIp,
    Form(form): Form<SettingsForm>,
) -> Result<Response> {
    user.require_admin()?;
    let new = match form.parse() {
        Ok(t) => t,
        Err(errors) => {
            let view = SettingsView {
                lang: user.lang,
                chrome: Chrome::new(&user, "admin"),
                form,
                errors,
                saved: false,
                two_factor: super::two_factor_pages::required_choices(&state, user.lang).await?,
                self_without_two_factor: !super::two_factor::status(
                    &state.db,
                    super::session::Holder::User(user.id),
                )
                .await?
                .enabled,
                ended: None,
            };
            return Ok((StatusCode::UNPROCESSABLE_ENTITY, view).into_response());
        }
    };
    let old = Settings {
        timeouts: session::timeouts(&state.db).await?,
        security_log_days: retention::days(&state.db).await?,
    };
    let mut tx = state.db.begin().await?;
    sqlx::query(
        "UPDATE session_settings SET idle_minutes = $1, absolute_hours = $2, \
         security_log_days = $3, updated_at = $4 WHERE id = 1",
    )
    .bind(new.timeouts.idle_minutes)
    .bind(new.timeouts.absolute_hours)
    .bind(new.security_log_days)
    .bind(timefmt::now())
    .execute(&mut *tx)
    .await?;
    if old != new {
        let (o, n) = (old.timeouts, new.timeouts);
        let e = Event::new(Kind::SessionSettings, Subject::User(user.id))
            .by(user.id)
            .ip(ip)
            .detail(format!(
                "idle {} → {} min, absolute {} → {} h, security log kept {} → {} days",
                o.idle_minutes,
                n.idle_minutes,
                o.absolute_hours,
                n.absolute_hours,
                old.security_log_days,
                new.security_log_days
            ));
        security_log::record(&mut tx, &e).await?;
    }
    tx.commit().await?;
    Ok(Redirect::to("/admin/sessions?saved=1").into_response())
}

// ---- the security log ----

/// The filters as typed in the URL.
#[derive(Clone, Debug, Default, Deserialize, serde::Serialize)]
#[serde(default)]
pub struct LogParams {
    pub user: String,
    pub kind: String,
    pub page: String,
}

impl LogParams {
    /// The filter, or the message for what cannot be read (the input is kept on the page).
    fn filter(&self) -> std::result::Result<Filter, Msg> {
        let user_id = match self.user.trim() {
            "" => None,
            raw => Some(
                raw.parse::<i64>()
                    .map_err(|_| Msg::new("field-invalid-choice"))?,
            ),
        };
        let kind = match self.kind.trim() {
            "" => None,
            raw => Some(Kind::parse(raw).ok_or_else(|| Msg::new("field-invalid-choice"))?),
        };
        Ok(Filter { user_id, kind })
    }

    fn query_with_page(&self, page: i64) -> String {
        let mut p = self.clone();
        p.page = if page > 1 {
            page.to_string()
        } else {
            String::new()
        };
        let pairs: Vec<(&str, &str)> = [("user", &p.user), ("kind", &p.kind), ("page", &p.page)]
            .into_iter()
            .filter(|(_, v)| !v.is_empty())
            .map(|(k, v)| (k, v.as_str()))
            .collect();
        serde_urlencoded::to_string(pairs).unwrap_or_default()
    }
}

pub struct RowView {
    pub at: String,
    pub kind: String,
    pub who: String,
    pub by: String,
    pub login: String,
    pub ip: String,
    pub detail: String,
}

fn view(lang: Lang, r: Row) -> RowView {
    let who = if let Some(name) = r.user_name {
        format!("{name} <{}>", r.user_email.unwrap_or_default())
    } else if let Some(name) = r.contact_name {
        lang.t_with("seclog-who-contact", &[("name", name)])
    } else if let Some(name) = r.worker_name {
        lang.t_with("seclog-who-worker", &[("name", name)])
    } else {
        String::new()
    };
    RowView {
        at: timefmt::oslo_datetime_offset(r.at),
        kind: Kind::parse(&r.kind)
            .map(|k| lang.t(k.label_key()))
            .unwrap_or(r.kind),
        who,
        by: r.actor_name.unwrap_or_default(),
        login: r.login,
        ip: r.ip,
        detail: match r.repeats {
            ..=1 => detail_text(lang, r.detail),
            n => format!(
                "{} ({})",
                detail_text(lang, r.detail),
                lang.t_with("seclog-repeats", &[("count", n.to_string())])
            ),
        },
    }
}

/// The detail codes the log writes in words (`password`, `idle`, …); anything else (a role
/// change, a count, a token's name) as written.
fn detail_text(lang: Lang, detail: String) -> String {
    const CODES: [&str; 9] = [
        "password",
        "unknown",
        "inactive",
        "throttled",
        "portal",
        "worker",
        "idle",
        "absolute",
        "cleared",
    ];
    if CODES.contains(&detail.as_str()) {
        lang.t(&format!("seclog-detail-{detail}"))
    } else {
        detail
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "auth/security_log.html")]
struct LogView {
    lang: Lang,
    chrome: Chrome,
    params: LogParams,
    error: Option<String>,
    users: Vec<(i64, String)>,
    kinds: Vec<(&'static str, String)>,
    rows: Vec<RowView>,
    count: paging::Count,
    page: i64,
}

impl LogView {
    fn count_text(&self) -> String {
        self.count.text(self.lang, "seclog-count")
    }
    fn position_text(&self) -> String {
        self.count.position(self.lang, self.page, PAGE_SIZE)
    }
    /// A page follows this one: the count went past its end (it counts at least to the end of
    /// the page asked for), or the exact total lies beyond it.
    fn more(&self) -> bool {
        !self.count.exact || self.page * PAGE_SIZE < self.count.total
    }
    fn page_href(&self, page: i64) -> String {
        format!("/admin/security-log?{}", self.params.query_with_page(page))
    }
    fn csv_href(&self) -> String {
        format!("/admin/security-log.csv?{}", self.params.query_with_page(1))
    }
    fn is_user(&self, id: &i64) -> bool {
        self.params.user.trim() == id.to_string()
    }
}

/// GET /admin/security-log
#[tracing::instrument(skip_all, fields(user_id = user.id))]
async fn log_page(
    State(state): State<AppState>,
    user: Staff,
    Query(params): Query<LogParams>,
) -> Result<Response> {
    user.require_admin()?;
    let lang = user.lang;
    let users: Vec<(i64, String)> = sqlx::query_as("SELECT id, name FROM users ORDER BY name, id")
        .fetch_all(&state.db.pool)
        .await?;
    let kinds = Kind::ALL
        .into_iter()
        .map(|k| (k.as_str(), lang.t(k.label_key())))
        .collect();
    let mut view = LogView {
        lang,
        chrome: Chrome::new(&user, "admin"),
        params: params.clone(),
        error: None,
        users,
        kinds,
        rows: Vec::new(),
        count: paging::Count::up_to(0, 0),
        page: 1,
    };
    let page = paging::page_param(&params.page, PAGE_SIZE);
    let (filter, page) = match (params.filter(), page) {
        (Ok(f), Ok(p)) => (f, p),
        (Err(msg), _) | (_, Err(msg)) => {
            view.error = Some(msg.render(lang));
            return Ok((StatusCode::UNPROCESSABLE_ENTITY, view).into_response());
        }
    };
    let offset = paging::offset(page, PAGE_SIZE).unwrap_or(0);
    // Counted no further than the bound, or than the end of the page asked for when that lies
    // deeper (so its pager still knows whether another page follows).
    let bound = paging::COUNT_BOUND.max(offset + PAGE_SIZE);
    let counted = security_log::count_up_to(&state.db, &filter, bound + 1).await?;
    view.count = paging::Count::up_to(counted, bound);
    view.page = page;
    view.rows = security_log::list(&state.db, &filter, PAGE_SIZE, offset)
        .await?
        .into_iter()
        .map(|r| self::view(lang, r))
        .collect();
    Ok(view.into_response())
}

/// GET /admin/security-log.csv — the rows the filter selects, newest first.
#[tracing::instrument(skip_all, fields(user_id = user.id))]
async fn log_csv(
    State(state): State<AppState>,
    user: Staff,
    Query(params): Query<LogParams>,
) -> Result<Response> {
    user.require_admin()?;
    let lang = user.lang;
    let filter = params.filter().map_err(crate::AppError::BadRequest)?;
    let rows = security_log::list(&state.db, &filter, EXPORT_MAX, 0).await?;
    let head: Vec<String> = [
        "seclog-col-at",
        "seclog-col-kind",
        "seclog-col-who",
        "seclog-col-by",
        "seclog-col-login",
        "seclog-col-ip",
        "seclog-col-detail",
    ]
    .iter()
    .map(|k| lang.t(k))
    .collect();
    let cells = rows.into_iter().map(|r| {
        let v = view(lang, r);
        [v.at, v.kind, v.who, v.by, v.login, v.ip, v.detail]
    });
    let bytes = files::csv::write(Some(&head), cells, true)?;
    Ok((
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_string()),
            (
                header::CONTENT_DISPOSITION,
                "attachment; filename=\"security-log.csv\"".to_string(),
            ),
        ],
        bytes,
    )
        .into_response())
}
