//! Sessions live in the database (so any number of app instances can serve a user, and
//! ending a session takes effect at once). The cookie holds a random token; the table holds
//! its SHA-256. Staff, portal contacts and workers all have rows here (decisions 0004, 0006,
//! 0012), and all obey the firm's time-outs (decision 0050): a session ends when it has not been
//! used for the idle time-out, and at the latest the absolute time-out after log-in, whatever
//! happens in between. Each row remembers when it was last used, from which address and browser,
//! so one can see one's own sessions and end them.

use std::net::IpAddr;

use axum::{
    extract::FromRequestParts,
    http::{header, request::Parts},
};
use axum_extra::extract::cookie::{Cookie, SameSite};

use super::{
    SESSION_COOKIE, Staff, StaffRow, hash_token, random_token,
    security_log::{self, Event, Kind, Subject},
};
use crate::{AppState, Result, db::Db, timefmt::now};

/// The idle and absolute time-outs when the settings row says nothing sensible.
pub const DEFAULT_IDLE_MINUTES: i64 = 8 * 60;
pub const DEFAULT_ABSOLUTE_HOURS: i64 = 7 * 24;
/// `last_seen_at` is written at most this often (seconds): one write per request would queue
/// every reader behind SQLite's single writer. The idle time-out is at least five minutes.
const TOUCH_EVERY: i64 = 60;

/// The browser a request comes from: its address and `User-Agent`.
#[derive(Clone, Debug)]
pub struct Client {
    pub ip: IpAddr,
    pub user_agent: String,
}

impl Client {
    pub fn from_parts(parts: &Parts, state: &AppState) -> Self {
        let peer = parts
            .extensions
            .get::<axum::extract::ConnectInfo<std::net::SocketAddr>>()
            .map(|c| c.0.ip())
            .unwrap_or(IpAddr::from([0, 0, 0, 0]));
        let ip =
            crate::web::client_ip::client_ip(peer, &parts.headers, &state.config.trusted_proxies);
        let user_agent = parts
            .headers
            .get(header::USER_AGENT)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .chars()
            .filter(|c| !c.is_control())
            .take(300)
            .collect();
        Client { ip, user_agent }
    }
}

impl FromRequestParts<AppState> for Client {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        Ok(Client::from_parts(parts, state))
    }
}

/// Who a session belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Holder {
    User(i64),
    Contact(i64),
    Worker(i64),
}

impl Holder {
    pub fn subject(self) -> Subject {
        match self {
            Holder::User(id) => Subject::User(id),
            Holder::Contact(id) => Subject::Contact(id),
            Holder::Worker(id) => Subject::Worker(id),
        }
    }
    fn columns(self) -> (Option<i64>, Option<i64>, Option<i64>) {
        match self {
            Holder::User(id) => (Some(id), None, None),
            Holder::Contact(id) => (None, Some(id), None),
            Holder::Worker(id) => (None, None, Some(id)),
        }
    }
    fn from_columns(user: Option<i64>, contact: Option<i64>, worker: Option<i64>) -> Option<Self> {
        match (user, contact, worker) {
            (Some(id), None, None) => Some(Holder::User(id)),
            (None, Some(id), None) => Some(Holder::Contact(id)),
            (None, None, Some(id)) => Some(Holder::Worker(id)),
            _ => None,
        }
    }
}

/// The firm's time-outs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Timeouts {
    pub idle_minutes: i64,
    pub absolute_hours: i64,
}

impl Timeouts {
    /// The stored values, or the defaults when there are none; never below the settings' minimum.
    fn sane(idle_minutes: Option<i64>, absolute_hours: Option<i64>) -> Self {
        Timeouts {
            idle_minutes: idle_minutes.unwrap_or(DEFAULT_IDLE_MINUTES).max(5),
            absolute_hours: absolute_hours.unwrap_or(DEFAULT_ABSOLUTE_HOURS).max(1),
        }
    }
    fn idle(self) -> i64 {
        self.idle_minutes * 60
    }
    fn absolute(self) -> i64 {
        self.absolute_hours * 3600
    }
    /// When a session created at `created` and last used at `seen` ends.
    fn ends_at(self, created: i64, seen: i64) -> i64 {
        (seen.max(created) + self.idle()).min(created + self.absolute())
    }
}

pub async fn timeouts(db: &Db) -> Result<Timeouts> {
    let row: Option<(i64, i64)> =
        sqlx::query_as("SELECT idle_minutes, absolute_hours FROM session_settings WHERE id = 1")
            .fetch_optional(&db.pool)
            .await?;
    Ok(Timeouts::sane(row.map(|r| r.0), row.map(|r| r.1)))
}

/// Starts a session and returns its token (for the caller's cookie). A log-in always makes a
/// new token: a session id from before the log-in is never carried over.
pub async fn start(db: &Db, holder: Holder, client: &Client) -> Result<String> {
    let token = random_token();
    let at = now();
    let limits = timeouts(db).await?;
    let (user, contact, worker) = holder.columns();
    sqlx::query(
        "INSERT INTO sessions (token_hash, user_id, contact_id, worker_id, created_at, expires_at, \
         last_seen_at, user_agent, ip, handle) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
    )
    .bind(hash_token(&token))
    .bind(user)
    .bind(contact)
    .bind(worker)
    .bind(at)
    .bind(limits.ends_at(at, at))
    .bind(at)
    .bind(&client.user_agent)
    .bind(client.ip.to_string())
    .bind(hex::encode(rand::random::<[u8; 16]>()))
    .execute(&db.pool)
    .await?;
    security_log::log(db, Event::new(Kind::Login, holder.subject()).ip(client.ip)).await?;
    clear_timed_out(db, limits).await?;
    Ok(token)
}

/// Deletes the sessions whose time is up (now and then, at log-in time), logging each.
async fn clear_timed_out(db: &Db, limits: Timeouts) -> Result<()> {
    let at = now();
    let (idle_cut, absolute_cut) = (at - limits.idle(), at - limits.absolute());
    let ended: Vec<(Option<i64>, Option<i64>, Option<i64>)> = sqlx::query_as(
        "DELETE FROM sessions WHERE (last_seen_at < $1 AND created_at < $1) OR created_at < $2 \
         RETURNING user_id, contact_id, worker_id",
    )
    .bind(idle_cut)
    .bind(absolute_cut)
    .fetch_all(&db.pool)
    .await?;
    let mut conn = db.pool.acquire().await?;
    for (u, c, w) in ended {
        if let Some(holder) = Holder::from_columns(u, c, w) {
            let e = Event::new(Kind::SessionTimeout, holder.subject()).detail("cleared");
            security_log::record(&mut conn, &e).await?;
        }
    }
    Ok(())
}

#[derive(sqlx::FromRow)]
struct Live {
    user_id: Option<i64>,
    contact_id: Option<i64>,
    worker_id: Option<i64>,
    created_at: i64,
    last_seen_at: i64,
    idle_minutes: Option<i64>,
    absolute_hours: Option<i64>,
}

/// Who holds the session behind `token`, if it is alive; it counts as used now. A session whose
/// time is up is ended here (and logged as a time-out).
pub async fn alive(db: &Db, token: &str, client: &Client) -> Result<Option<Holder>> {
    let hash = hash_token(token);
    // The settings come in the same query: one round trip per request, as before.
    let row: Option<Live> = sqlx::query_as(
        "SELECT s.user_id, s.contact_id, s.worker_id, s.created_at, s.last_seen_at, \
         t.idle_minutes, t.absolute_hours FROM sessions s \
         LEFT JOIN session_settings t ON t.id = 1 WHERE s.token_hash = $1",
    )
    .bind(&hash)
    .fetch_optional(&db.pool)
    .await?;
    let Some(row) = row else { return Ok(None) };
    let Some(holder) = Holder::from_columns(row.user_id, row.contact_id, row.worker_id) else {
        return Ok(None);
    };
    let limits = Timeouts::sane(row.idle_minutes, row.absolute_hours);
    let at = now();
    let seen = row.last_seen_at.max(row.created_at);
    let why = if at - row.created_at >= limits.absolute() {
        Some("absolute")
    } else if at - seen >= limits.idle() {
        Some("idle")
    } else {
        None
    };
    if let Some(why) = why {
        let ended = sqlx::query("DELETE FROM sessions WHERE token_hash = $1")
            .bind(&hash)
            .execute(&db.pool)
            .await?;
        // Two requests at once may both find it timed out: only the one that ended it logs.
        if ended.rows_affected() > 0 {
            let e = Event::new(Kind::SessionTimeout, holder.subject())
                .ip(client.ip)
                .detail(why);
            security_log::log(db, e).await?;
        }
        return Ok(None);
    }
    if at - seen >= TOUCH_EVERY {
        sqlx::query(
            "UPDATE sessions SET last_seen_at = $1, expires_at = $2, ip = $3 WHERE token_hash = $4",
        )
        .bind(at)
        .bind(limits.ends_at(row.created_at, at))
        .bind(client.ip.to_string())
        .bind(&hash)
        .execute(&db.pool)
        .await?;
    }
    Ok(Some(holder))
}

/// Starts a staff session for `user_id`; returns the cookie to set.
pub async fn create(state: &AppState, user_id: i64, client: &Client) -> Result<Cookie<'static>> {
    let token = start(&state.db, Holder::User(user_id), client).await?;
    Ok(cookie(state, token))
}

pub fn cookie(state: &AppState, value: String) -> Cookie<'static> {
    Cookie::build((SESSION_COOKIE, value))
        .path("/")
        .http_only(true)
        .same_site(SameSite::Lax)
        .secure(state.config.secure_cookies())
        .build()
}

/// The staff user behind a session cookie, if the session is alive, and whether they must choose
/// a new password before anything else (decision 0064).
pub async fn authenticate(
    state: &AppState,
    token: &str,
    client: &Client,
) -> Result<Option<(Staff, bool)>> {
    match alive(&state.db, token, client).await? {
        Some(Holder::User(user_id)) => load_staff(&state.db, user_id).await,
        _ => Ok(None),
    }
}

#[derive(sqlx::FromRow)]
struct SessionUser {
    #[sqlx(flatten)]
    user: StaffRow,
    must_change_password: i64,
}

/// An active staff user, and whether they must choose a new password first.
pub async fn load_staff(db: &Db, user_id: i64) -> Result<Option<(Staff, bool)>> {
    let row: Option<SessionUser> = sqlx::query_as(
        "SELECT id, email, name, role, department_id, locale, must_change_password FROM users \
         WHERE id = $1 AND active = 1",
    )
    .bind(user_id)
    .fetch_optional(&db.pool)
    .await?;
    Ok(row.and_then(|r| {
        let must_change = r.must_change_password == 1;
        r.user.into_staff().map(|s| (s, must_change))
    }))
}

/// Ends the session behind `token` (log-out), logging it for its holder.
pub async fn end(db: &Db, token: &str, ip: IpAddr) -> Result<()> {
    let ended: Option<(Option<i64>, Option<i64>, Option<i64>)> = sqlx::query_as(
        "DELETE FROM sessions WHERE token_hash = $1 RETURNING user_id, contact_id, worker_id",
    )
    .bind(hash_token(token))
    .fetch_optional(&db.pool)
    .await?;
    if let Some(holder) = ended.and_then(|(u, c, w)| Holder::from_columns(u, c, w)) {
        security_log::log(db, Event::new(Kind::Logout, holder.subject()).ip(ip)).await?;
    }
    Ok(())
}

/// Ends every session of a user (deactivation, a role changed by an admin).
pub async fn end_all_for_user(db: &Db, user_id: i64) -> Result<u64> {
    let done = sqlx::query("DELETE FROM sessions WHERE user_id = $1")
        .bind(user_id)
        .execute(&db.pool)
        .await?;
    Ok(done.rows_affected())
}

/// Ends every session of the firm — staff, portal contacts and workers — but the one behind
/// `keep` (an admin's "log everyone out"); returns how many ended.
pub async fn end_all_but(db: &Db, keep: Option<&str>) -> Result<u64> {
    let done = sqlx::query("DELETE FROM sessions WHERE token_hash <> $1")
        .bind(keep.map(hash_token).unwrap_or_default())
        .execute(&db.pool)
        .await?;
    Ok(done.rows_affected())
}

/// Ends every session of the holder but the one behind `keep` ("log out everywhere else", a
/// password change); returns how many ended.
pub async fn end_others(db: &Db, holder: Holder, keep: &str) -> Result<u64> {
    let (column, id) = match holder {
        Holder::User(id) => ("user_id", id),
        Holder::Contact(id) => ("contact_id", id),
        Holder::Worker(id) => ("worker_id", id),
    };
    let sql = format!("DELETE FROM sessions WHERE {column} = $1 AND token_hash <> $2");
    let done = sqlx::query(sqlx::AssertSqlSafe(sql))
        .bind(id)
        .bind(hash_token(keep))
        .execute(&db.pool)
        .await?;
    Ok(done.rows_affected())
}

/// "Log out everywhere" for a portal contact or a worker: every session of the holder ends,
/// this one too; logged. Returns how many ended.
pub async fn end_everywhere(db: &Db, holder: Holder, ip: IpAddr) -> Result<u64> {
    let (column, id) = match holder {
        Holder::User(id) => ("user_id", id),
        Holder::Contact(id) => ("contact_id", id),
        Holder::Worker(id) => ("worker_id", id),
    };
    let sql = format!("DELETE FROM sessions WHERE {column} = $1");
    let done = sqlx::query(sqlx::AssertSqlSafe(sql))
        .bind(id)
        .execute(&db.pool)
        .await?;
    let e = Event::new(Kind::LogoutOthers, holder.subject())
        .ip(ip)
        .detail(done.rows_affected().to_string());
    security_log::log(db, e).await?;
    Ok(done.rows_affected())
}

/// Gives the session behind `token` a new token (a new session id after a privilege change, e.g.
/// a new password), keeping its start and its place in the list; returns the new token.
pub async fn reissue(db: &Db, token: &str) -> Result<Option<String>> {
    let fresh = random_token();
    let done = sqlx::query("UPDATE sessions SET token_hash = $1 WHERE token_hash = $2")
        .bind(hash_token(&fresh))
        .bind(hash_token(token))
        .execute(&db.pool)
        .await?;
    Ok((done.rows_affected() > 0).then_some(fresh))
}

/// One of a user's sessions, as their list shows it.
#[derive(Debug, sqlx::FromRow)]
pub struct Listed {
    pub token_hash: String,
    pub handle: Option<String>,
    pub created_at: i64,
    pub last_seen_at: i64,
    pub user_agent: String,
    pub ip: String,
}

/// The holder's sessions that are alive, the last used first.
pub async fn list(db: &Db, holder: Holder) -> Result<Vec<Listed>> {
    let (column, id) = match holder {
        Holder::User(id) => ("user_id", id),
        Holder::Contact(id) => ("contact_id", id),
        Holder::Worker(id) => ("worker_id", id),
    };
    let limits = timeouts(db).await?;
    let at = now();
    let sql = format!(
        "SELECT token_hash, handle, created_at, last_seen_at, user_agent, ip FROM sessions \
         WHERE {column} = $1 AND created_at > $2 AND (last_seen_at > $3 OR created_at > $3) \
         ORDER BY last_seen_at DESC, created_at DESC"
    );
    Ok(sqlx::query_as(sqlx::AssertSqlSafe(sql))
        .bind(id)
        .bind(at - limits.absolute())
        .bind(at - limits.idle())
        .fetch_all(&db.pool)
        .await?)
}

/// Ends the holder's session named `handle`; whether there was one.
pub async fn end_by_handle(db: &Db, holder: Holder, handle: &str) -> Result<bool> {
    let (column, id) = match holder {
        Holder::User(id) => ("user_id", id),
        Holder::Contact(id) => ("contact_id", id),
        Holder::Worker(id) => ("worker_id", id),
    };
    let sql = format!("DELETE FROM sessions WHERE {column} = $1 AND handle = $2");
    let done = sqlx::query(sqlx::AssertSqlSafe(sql))
        .bind(id)
        .bind(handle)
        .execute(&db.pool)
        .await?;
    Ok(done.rows_affected() > 0)
}

/// "Firefox on Windows": what a person recognises of a `User-Agent`.
pub fn browser_summary(user_agent: &str) -> (Option<&'static str>, Option<&'static str>) {
    let ua = user_agent;
    let browser = if ua.contains("Edg/") {
        Some("Edge")
    } else if ua.contains("OPR/") {
        Some("Opera")
    } else if ua.contains("Firefox/") || ua.contains("FxiOS/") {
        Some("Firefox")
    } else if ua.contains("Chrome/") || ua.contains("CriOS/") || ua.contains("Chromium/") {
        Some("Chrome")
    } else if ua.contains("Safari/") {
        Some("Safari")
    } else {
        None
    };
    let os = if ua.contains("iPhone") || ua.contains("iPad") {
        Some("iOS")
    } else if ua.contains("Android") {
        Some("Android")
    } else if ua.contains("Windows") {
        Some("Windows")
    } else if ua.contains("Mac OS X") || ua.contains("Macintosh") {
        Some("macOS")
    } else if ua.contains("CrOS") {
        Some("ChromeOS")
    } else if ua.contains("Linux") {
        Some("Linux")
    } else {
        None
    };
    (browser, os)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_session_ends_at_the_earlier_time_out() {
        let t = Timeouts {
            idle_minutes: 60,
            absolute_hours: 2,
        };
        assert_eq!(t.ends_at(0, 0), 3600);
        assert_eq!(t.ends_at(0, 5000), 7200);
        assert_eq!(
            browser_summary(
                "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0"
            ),
            (Some("Firefox"), Some("Windows"))
        );
    }
}
