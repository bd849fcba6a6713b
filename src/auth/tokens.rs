//! Personal API tokens (`Authorization: Bearer kk_…`), created in settings or by the CLI.

use axum::{
    extract::OriginalUri,
    http::{Method, request::Parts},
};
use sqlx::AnyConnection;

use std::net::IpAddr;

use super::{
    Staff, StaffRow, hash_token, random_token,
    security_log::{self, Event, Kind, Subject},
};
use crate::{AppError, AppState, Result, db::Db, error::Msg, timefmt::now};

/// A token's use is written to the security log on its first use and then at most this often
/// (seconds): its last use is on the token, not a row per request.
const USE_LOGGED_EVERY: i64 = 24 * 3600;

#[derive(Debug, sqlx::FromRow)]
pub struct ApiToken {
    pub id: i64,
    pub name: String,
    pub created_at: i64,
    pub last_used_at: Option<i64>,
    /// `None`: made before tokens expired (migration 0045 gave those that existed 90 days).
    pub expires_at: Option<i64>,
}

impl ApiToken {
    pub fn expired(&self, at: i64) -> bool {
        self.expires_at.is_some_and(|end| end <= at)
    }
}

/// How long a new token lives (decision 0060): there is no "never", for admins neither.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Lifetime(i64);

impl Lifetime {
    /// The choices offered, in days.
    pub const DAYS: [i64; 3] = [30, 90, 365];
    pub const DEFAULT: Lifetime = Lifetime(90);

    /// One of [`Self::DAYS`]; anything else is `None`.
    pub fn days(days: i64) -> Option<Self> {
        Self::DAYS.contains(&days).then_some(Self(days))
    }
    pub fn in_days(self) -> i64 {
        self.0
    }
}

/// Creates a token of the default lifetime (90 days) and returns its secret.
pub async fn create(conn: &mut AnyConnection, user_id: i64, name: &str) -> Result<String> {
    create_for(conn, user_id, name, Lifetime::DEFAULT).await
}

/// Creates a token that expires after `lifetime` and returns its secret: shown once, stored
/// only as a hash.
pub async fn create_for(
    conn: &mut AnyConnection,
    user_id: i64,
    name: &str,
    lifetime: Lifetime,
) -> Result<String> {
    let token = format!("kk_{}", random_token());
    let created = now();
    sqlx::query(
        "INSERT INTO api_tokens (user_id, name, token_hash, created_at, expires_at) \
         VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(user_id)
    .bind(name)
    .bind(hash_token(&token))
    .bind(created)
    .bind(created + lifetime.in_days() * 86_400)
    .execute(&mut *conn)
    .await?;
    let e = Event::new(Kind::TokenCreated, Subject::User(user_id)).detail(name);
    security_log::record(conn, &e).await?;
    Ok(token)
}

pub async fn list(db: &Db, user_id: i64) -> Result<Vec<ApiToken>> {
    Ok(sqlx::query_as(
        "SELECT id, name, created_at, last_used_at, expires_at FROM api_tokens \
         WHERE user_id = $1 ORDER BY id",
    )
    .bind(user_id)
    .fetch_all(&db.pool)
    .await?)
}

pub async fn revoke(conn: &mut AnyConnection, user_id: i64, token_id: i64) -> Result<bool> {
    let name: Option<String> =
        sqlx::query_scalar("DELETE FROM api_tokens WHERE id = $1 AND user_id = $2 RETURNING name")
            .bind(token_id)
            .bind(user_id)
            .fetch_optional(&mut *conn)
            .await?;
    let Some(name) = name else { return Ok(false) };
    let e = Event::new(Kind::TokenRevoked, Subject::User(user_id)).detail(name);
    security_log::record(conn, &e).await?;
    Ok(true)
}

/// Revokes all of a user's tokens (e.g. with a password change); returns how many. Each is
/// logged by its name.
pub async fn revoke_all(conn: &mut AnyConnection, user_id: i64) -> Result<u64> {
    revoke_all_logged(conn, user_id, |e| e).await
}

/// Revokes all of a user's tokens for an admin who reset the user's password or deactivated
/// them (decision 0058); each revocation is logged with the admin and their address.
pub async fn revoke_all_by(
    conn: &mut AnyConnection,
    user_id: i64,
    admin_id: i64,
    ip: IpAddr,
) -> Result<u64> {
    revoke_all_logged(conn, user_id, |e| e.by(admin_id).ip(ip)).await
}

async fn revoke_all_logged(
    conn: &mut AnyConnection,
    user_id: i64,
    who: impl Fn(Event) -> Event,
) -> Result<u64> {
    let names: Vec<String> =
        sqlx::query_scalar("DELETE FROM api_tokens WHERE user_id = $1 RETURNING name")
            .bind(user_id)
            .fetch_all(&mut *conn)
            .await?;
    for name in &names {
        let e = who(Event::new(Kind::TokenRevoked, Subject::User(user_id)).detail(name));
        security_log::record(conn, &e).await?;
    }
    Ok(names.len() as u64)
}

/// Where a token is accepted (decision 0058): the JSON API under `/api/v1`, whatever the
/// method, and staff pages that only read (`GET`, `HEAD`: lists, cards, their htmx fragments,
/// exports). Never the user's own settings (`/settings…`: tokens, password, sessions),
/// administration and user management (`/admin…`), or a request outside the API that changes
/// something: those need a log-in in a browser.
pub fn allows(method: &Method, path: &str) -> bool {
    if under(path, "/api/v1") {
        return true;
    }
    let reads = *method == Method::GET || *method == Method::HEAD;
    reads && !under(path, "/settings") && !under(path, "/admin")
}

/// `path` is `prefix` or below it.
fn under(path: &str, prefix: &str) -> bool {
    path.strip_prefix(prefix)
        .is_some_and(|rest| rest.is_empty() || rest.starts_with('/'))
}

/// Refuses a (valid) token outside [`allows`], with a message that says where tokens work.
/// The path is the one the client asked for, whatever router the handler sits in.
pub fn check_scope(parts: &Parts) -> Result<()> {
    let path = parts
        .extensions
        .get::<OriginalUri>()
        .map_or_else(|| parts.uri.path(), |uri| uri.0.path());
    if allows(&parts.method, path) {
        return Ok(());
    }
    tracing::warn!(
        method = %parts.method,
        path = %crate::web::loggable_path(path),
        "API token refused outside its scope"
    );
    Err(AppError::ForbiddenBecause(Msg::new("token-out-of-scope")))
}

/// Why a bearer token was not accepted. A revoked token is deleted, so it is `Unknown` too.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Refusal {
    /// No such token (never made, mistyped, or revoked).
    Unknown,
    /// Past its `expires_at`; the token's user.
    Expired(i64),
    /// Its user (given) is deactivated.
    Inactive(i64),
    /// The firm requires two-factor log-in of its user's (given) role and they have not set it
    /// up (decision 0072): refused until they have, as their log-in is.
    TwoFactorMissing(i64),
}

impl Refusal {
    /// The security log's detail and the flood guard's reason (`token-refused`).
    pub fn as_str(self) -> &'static str {
        match self {
            Refusal::Unknown => "unknown",
            Refusal::Expired(_) => "expired",
            Refusal::Inactive(_) => "inactive",
            Refusal::TwoFactorMissing(_) => "two_factor_missing",
        }
    }

    /// The `401` with its reason, as problem JSON under `/api` (decision 0060); `403` for a
    /// token that is good but whose user must set up two-factor log-in first (decision 0072).
    pub fn error(self) -> AppError {
        match self {
            Refusal::Expired(_) => AppError::UnauthenticatedBecause(Msg::new("token-expired")),
            Refusal::Unknown | Refusal::Inactive(_) => {
                AppError::UnauthenticatedBecause(Msg::new("token-unknown"))
            }
            Refusal::TwoFactorMissing(_) => {
                AppError::ForbiddenBecause(Msg::new("token-two-factor-required"))
            }
        }
    }
}

/// Writes a refused token to the security log: about its user when it has one, at most one row
/// per address and reason a minute (`security_log::refusals`). Never the token.
pub async fn log_refusal(state: &AppState, refusal: Refusal, ip: IpAddr) {
    let subject = match refusal {
        Refusal::Unknown => Subject::Nobody,
        Refusal::Expired(user) | Refusal::Inactive(user) | Refusal::TwoFactorMissing(user) => {
            Subject::User(user)
        }
    };
    let e = Event::new(Kind::TokenRefused, subject).detail(refusal.as_str());
    security_log::refusals::note(state, e, ip, refusal.as_str()).await;
}

/// The staff user behind a bearer token, or why there is none. `last_used_at` is refreshed at
/// most every five minutes: a write on every request would queue all readers behind SQLite's
/// single writer. The security log gets the token's first use and then one row a day at most.
/// A token is no way around the second factor (decision 0072): when the firm requires it of the
/// user's role and they have not set it up, the token is refused, in the same query.
pub async fn authenticate(
    db: &Db,
    token: &str,
    ip: IpAddr,
) -> Result<std::result::Result<Staff, Refusal>> {
    let hash = hash_token(token);
    let row: Option<TokenUser> = sqlx::query_as(
        "SELECT u.id, u.email, u.name, u.role, u.department_id, u.locale, t.last_used_at, \
         t.name AS token_name, t.expires_at, u.active, \
         (SELECT s.two_factor_roles FROM session_settings s WHERE s.id = 1) AS two_factor_roles, \
         (SELECT COUNT(*) FROM user_two_factor f \
          WHERE f.user_id = u.id AND f.secret IS NOT NULL) AS two_factor_keys \
         FROM api_tokens t JOIN users u ON u.id = t.user_id WHERE t.token_hash = $1",
    )
    .bind(&hash)
    .fetch_optional(&db.pool)
    .await?;
    let Some(row) = row else {
        return Ok(Err(Refusal::Unknown));
    };
    let now = now();
    if row.active != 1 {
        return Ok(Err(Refusal::Inactive(row.user.id)));
    }
    if row.expires_at.is_some_and(|end| end <= now) {
        return Ok(Err(Refusal::Expired(row.user.id)));
    }
    if row.two_factor_keys == 0 && required_of(row.two_factor_roles.as_deref(), &row.user.role) {
        return Ok(Err(Refusal::TwoFactorMissing(row.user.id)));
    }
    if row.last_used_at.is_none_or(|t| now - t > 300) {
        sqlx::query("UPDATE api_tokens SET last_used_at = $1 WHERE token_hash = $2")
            .bind(now)
            .bind(&hash)
            .execute(&db.pool)
            .await?;
    }
    if row.last_used_at.is_none_or(|t| now - t > USE_LOGGED_EVERY) {
        let e = Event::new(Kind::TokenUsed, Subject::User(row.user.id))
            .ip(ip)
            .detail(&row.token_name);
        security_log::log(db, e).await?;
    }
    Ok(row.user.into_staff().ok_or(Refusal::Unknown))
}

#[derive(sqlx::FromRow)]
struct TokenUser {
    #[sqlx(flatten)]
    user: StaffRow,
    last_used_at: Option<i64>,
    token_name: String,
    expires_at: Option<i64>,
    active: i64,
    /// `session_settings.two_factor_roles` (`None` before the settings row exists).
    two_factor_roles: Option<String>,
    /// 1 when the user has a confirmed second factor.
    two_factor_keys: i64,
}

/// Whether the firm's `two_factor_roles` includes `role` (as stored in `users.role`).
fn required_of(roles: Option<&str>, role: &str) -> bool {
    super::two_factor::parse_roles(roles.unwrap_or_default())
        .iter()
        .any(|r| r.as_str() == role)
}

/// Whether a new token may be made for this user (decision 0072): not while the firm requires
/// two-factor log-in of their role and they have not set it up — the settings page (an admin
/// who ticked their own role keeps their session) and `kundekort api-token create` both ask.
pub async fn may_create(db: &Db, user_id: i64, role: super::Role) -> Result<bool> {
    use super::{session::Holder, two_factor};
    Ok(!two_factor::is_required(db, role).await?
        || two_factor::status(db, Holder::User(user_id)).await?.enabled)
}

#[cfg(test)]
mod tests {
    use axum::http::Method;

    use super::allows;

    #[test]
    fn tokens_work_for_the_api_and_for_reading_pages_only() {
        assert!(allows(&Method::GET, "/api/v1/customers"));
        assert!(allows(&Method::POST, "/api/v1/customers"));
        assert!(allows(&Method::DELETE, "/api/v1/customers/7"));
        assert!(allows(&Method::GET, "/customers"));
        assert!(allows(&Method::HEAD, "/customers/7/dialog"));
        assert!(allows(&Method::GET, "/settingsx"));
        assert!(!allows(&Method::POST, "/customers"));
        assert!(!allows(&Method::POST, "/api/v1x"));
        assert!(!allows(&Method::GET, "/settings"));
        assert!(!allows(&Method::GET, "/settings/sessions"));
        assert!(!allows(&Method::POST, "/settings/tokens"));
        assert!(!allows(&Method::GET, "/admin"));
        assert!(!allows(&Method::GET, "/admin/users/3"));
        assert!(!allows(&Method::POST, "/admin/users/3"));
    }
}
