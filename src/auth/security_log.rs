//! The security log (issue 18, decision 0050): log-ins and their failures, log-outs, sessions
//! ended by a time-out or from the list of one's sessions, role and password changes, API tokens
//! created, revoked and used. One row per event in `security_log`, written by the code that does
//! the thing (in its transaction where it has one). Never a password: a failed log-in keeps the
//! name typed only when it looks like an email address (a password typed into the email field
//! is not kept). Admins read it at `/admin/security-log` ([`super::admin`]). Failed log-ins that
//! name nobody are counted on few rows per address and door within an hour ([`record`]), refused
//! tokens, CSRF refusals and API rate limits make one row per address a minute ([`refusals`]),
//! so do refused authorisation, locked signing codes, honeypot hits and refused uploads, noted
//! where they happen in a request ([`request`], decision 0066), and old rows are deleted by a
//! daily job ([`retention`]).

use std::net::IpAddr;

use sqlx::AnyConnection;

use crate::{Result, db::Sql, timefmt::now};

pub mod refusals;
pub mod request;
pub mod retention;

/// What happened.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Kind {
    Login,
    LoginFailed,
    Logout,
    /// Ended by the idle or the absolute time-out.
    SessionTimeout,
    /// One session ended from the list of one's sessions.
    SessionEnded,
    /// "Log out everywhere else".
    LogoutOthers,
    RoleChanged,
    DepartmentChanged,
    /// The user's own change, or an admin setting a new one.
    PasswordChanged,
    TokenCreated,
    TokenRevoked,
    /// A token's first use, and then at most once a day.
    TokenUsed,
    /// The firm's session time-outs (or the log's retention) changed.
    SessionSettings,
    /// The daily retention run deleted rows (decision 0056).
    LogPruned,
    /// Two-factor log-in set up (or moved to a new authenticator).
    TwoFactorEnabled,
    /// Turned off by the user.
    TwoFactorDisabled,
    /// Turned off by an admin (`actor_id`).
    TwoFactorReset,
    /// A wrong or reused code.
    TwoFactorFailed,
    RecoveryCodeUsed,
    RecoveryCodesRenewed,
    /// The roles that must use two-factor log-in changed.
    TwoFactorSettings,
    /// A bearer token refused: unknown (or revoked), expired, or its user deactivated
    /// (at most one row per address and reason a minute, [`refusals`]).
    TokenRefused,
    /// A cross-site request refused by the CSRF layer ([`refusals::csrf`]).
    CsrfRefused,
    /// An API caller over its rate limit (`429`).
    RateLimited,
    /// A `403`, or a `404` for a record out of the caller's sight ([`request`], decision 0066).
    AccessRefused,
    /// A signing code refused because too many wrong codes were typed.
    SigningCodeLocked,
    /// The public application form's hidden field filled in (a robot).
    HoneypotFilled,
    /// A file refused for its type or size (documents, CVs, attachments, imports).
    UploadRefused,
    /// Sessions ended by staff: an admin's "log out this user" or "log everyone out", or a
    /// contact's portal sessions when a new right makes two-factor log-in required of them.
    SessionsRevoked,
}

impl Kind {
    pub const ALL: [Kind; 29] = [
        Kind::Login,
        Kind::LoginFailed,
        Kind::Logout,
        Kind::SessionTimeout,
        Kind::SessionEnded,
        Kind::LogoutOthers,
        Kind::RoleChanged,
        Kind::DepartmentChanged,
        Kind::PasswordChanged,
        Kind::TokenCreated,
        Kind::TokenRevoked,
        Kind::TokenUsed,
        Kind::SessionSettings,
        Kind::LogPruned,
        Kind::TwoFactorEnabled,
        Kind::TwoFactorDisabled,
        Kind::TwoFactorReset,
        Kind::TwoFactorFailed,
        Kind::RecoveryCodeUsed,
        Kind::RecoveryCodesRenewed,
        Kind::TwoFactorSettings,
        Kind::TokenRefused,
        Kind::CsrfRefused,
        Kind::RateLimited,
        Kind::AccessRefused,
        Kind::SigningCodeLocked,
        Kind::HoneypotFilled,
        Kind::UploadRefused,
        Kind::SessionsRevoked,
    ];

    /// The code stored in `security_log.kind` and used in filters: its name's Fluent id without
    /// the `seclog-kind-` prefix (one list, so a new kind cannot lack its name in either
    /// language — the completeness test reads these ids).
    pub fn as_str(self) -> &'static str {
        let key = self.label_key();
        &key["seclog-kind-".len()..]
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == s)
    }

    /// The Fluent id of its name.
    pub fn label_key(self) -> &'static str {
        match self {
            Kind::Login => "seclog-kind-login",
            Kind::LoginFailed => "seclog-kind-login-failed",
            Kind::Logout => "seclog-kind-logout",
            Kind::SessionTimeout => "seclog-kind-session-timeout",
            Kind::SessionEnded => "seclog-kind-session-ended",
            Kind::LogoutOthers => "seclog-kind-logout-others",
            Kind::RoleChanged => "seclog-kind-role-changed",
            Kind::DepartmentChanged => "seclog-kind-department-changed",
            Kind::PasswordChanged => "seclog-kind-password-changed",
            Kind::TokenCreated => "seclog-kind-token-created",
            Kind::TokenRevoked => "seclog-kind-token-revoked",
            Kind::TokenUsed => "seclog-kind-token-used",
            Kind::SessionSettings => "seclog-kind-session-settings",
            Kind::LogPruned => "seclog-kind-log-pruned",
            Kind::TwoFactorEnabled => "seclog-kind-two-factor-enabled",
            Kind::TwoFactorDisabled => "seclog-kind-two-factor-disabled",
            Kind::TwoFactorReset => "seclog-kind-two-factor-reset",
            Kind::TwoFactorFailed => "seclog-kind-two-factor-failed",
            Kind::RecoveryCodeUsed => "seclog-kind-recovery-code-used",
            Kind::RecoveryCodesRenewed => "seclog-kind-recovery-codes-renewed",
            Kind::TwoFactorSettings => "seclog-kind-two-factor-settings",
            Kind::TokenRefused => "seclog-kind-token-refused",
            Kind::CsrfRefused => "seclog-kind-csrf-refused",
            Kind::RateLimited => "seclog-kind-api-rate-limited",
            Kind::AccessRefused => "seclog-kind-access-refused",
            Kind::SigningCodeLocked => "seclog-kind-signing-code-locked",
            Kind::HoneypotFilled => "seclog-kind-honeypot-filled",
            Kind::UploadRefused => "seclog-kind-upload-refused",
            Kind::SessionsRevoked => "seclog-kind-sessions-revoked",
        }
    }
}

/// Who an event is about: a staff user, a portal contact or a worker.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Subject {
    User(i64),
    Contact(i64),
    Worker(i64),
    /// A failed log-in with a name that matches nobody.
    Nobody,
}

/// One event, built with the setters and written by [`record`].
#[derive(Clone, Debug)]
pub struct Event {
    pub kind: Kind,
    pub subject: Subject,
    pub actor_id: Option<i64>,
    pub login: String,
    pub ip: String,
    pub detail: String,
}

impl Event {
    pub fn new(kind: Kind, subject: Subject) -> Self {
        Self {
            kind,
            subject,
            actor_id: None,
            login: String::new(),
            ip: String::new(),
            detail: String::new(),
        }
    }
    /// The staff member who did it, when that is not the subject (an admin).
    pub fn by(mut self, actor_id: i64) -> Self {
        self.actor_id = Some(actor_id);
        self
    }
    pub fn ip(mut self, ip: IpAddr) -> Self {
        self.ip = ip.to_string();
        self
    }
    pub fn detail(mut self, detail: impl Into<String>) -> Self {
        self.detail = cut(&detail.into(), 500);
        self
    }
    /// The log-in name as typed, kept only when it looks like an email address: whatever else
    /// is typed there may be a password in the wrong field.
    pub fn login(mut self, typed: &str) -> Self {
        let typed = typed.trim();
        self.login = if looks_like_email(typed) {
            cut(&typed.to_lowercase(), 200)
        } else if typed.is_empty() {
            String::new()
        } else {
            "?".to_string()
        };
        self
    }
}

fn looks_like_email(s: &str) -> bool {
    match s.split_once('@') {
        Some((local, domain)) => {
            !local.is_empty()
                && domain.contains('.')
                && !s.chars().any(|c| c.is_whitespace() || c.is_control())
        }
        None => false,
    }
}

fn cut(s: &str, max: usize) -> String {
    s.chars().filter(|c| !c.is_control()).take(max).collect()
}

/// How long failed log-ins naming nobody from one address at one door count together.
const REPEAT_WINDOW_SECS: i64 = 3600;
/// How many different names typed from one address at one door within that hour get a row each.
const NAMES_PER_WINDOW: i64 = 10;

/// Writes the event, in the caller's transaction or on a connection of its own.
///
/// A failed log-in that names nobody (an unknown name, or refused by the throttle) can be
/// caused by anyone, as fast as they send requests, so it does not always make a row: from an
/// address at a door within the hour, a name typed before adds to its row's `repeats`, and once
/// [`NAMES_PER_WINDOW`] names have a row, every further one adds to the latest row.
pub async fn record(conn: &mut AnyConnection, e: &Event) -> Result<()> {
    let (user, contact, worker) = match e.subject {
        Subject::User(id) => (Some(id), None, None),
        Subject::Contact(id) => (None, Some(id), None),
        Subject::Worker(id) => (None, None, Some(id)),
        Subject::Nobody => (None, None, None),
    };
    if e.kind == Kind::LoginFailed
        && e.subject == Subject::Nobody
        && e.actor_id.is_none()
        && add_to_earlier(conn, e).await?
    {
        return Ok(());
    }
    sqlx::query(
        "INSERT INTO security_log (at, kind, user_id, contact_id, worker_id, actor_id, login, ip, detail) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
    )
    .bind(now())
    .bind(e.kind.as_str())
    .bind(user)
    .bind(contact)
    .bind(worker)
    .bind(e.actor_id)
    .bind(&e.login)
    .bind(&e.ip)
    .bind(&e.detail)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// Counts a failed log-in naming nobody on an earlier row of the hour (see [`record`]);
/// whether it did.
async fn add_to_earlier(conn: &mut AnyConnection, e: &Event) -> Result<bool> {
    let recent = |what: &str| {
        format!(
            "SELECT {what} FROM security_log WHERE {} AND ip = $1 AND detail = $2 AND at > $3",
            retention::UNKNOWN_NAMES
        )
    };
    let since = now() - REPEAT_WINDOW_SECS;
    let same_name: Option<i64> =
        sqlx::query_scalar(sqlx::AssertSqlSafe(recent("MAX(id)") + " AND login = $4"))
            .bind(&e.ip)
            .bind(&e.detail)
            .bind(since)
            .bind(&e.login)
            .fetch_one(&mut *conn)
            .await?;
    let target = match same_name {
        Some(id) => Some(id),
        None => {
            let (rows, latest): (i64, Option<i64>) =
                sqlx::query_as(sqlx::AssertSqlSafe(recent("COUNT(*), MAX(id)")))
                    .bind(&e.ip)
                    .bind(&e.detail)
                    .bind(since)
                    .fetch_one(&mut *conn)
                    .await?;
            latest.filter(|_| rows >= NAMES_PER_WINDOW)
        }
    };
    let Some(id) = target else {
        return Ok(false);
    };
    sqlx::query("UPDATE security_log SET repeats = repeats + 1 WHERE id = $1")
        .bind(id)
        .execute(&mut *conn)
        .await?;
    Ok(true)
}

/// [`record`] on a connection from the pool.
pub async fn log(db: &crate::db::Db, e: Event) -> Result<()> {
    record(&mut *db.pool.acquire().await?, &e).await
}

/// Which rows the admin asked for.
#[derive(Clone, Debug, Default)]
pub struct Filter {
    pub user_id: Option<i64>,
    pub kind: Option<Kind>,
}

/// One row as the page and the CSV file show it.
#[derive(Debug, sqlx::FromRow)]
pub struct Row {
    pub id: i64,
    pub at: i64,
    pub kind: String,
    pub user_name: Option<String>,
    pub user_email: Option<String>,
    pub contact_name: Option<String>,
    pub worker_name: Option<String>,
    pub actor_name: Option<String>,
    pub login: String,
    pub ip: String,
    pub detail: String,
    /// How many times it happened (failed log-ins naming nobody, see [`record`]).
    pub repeats: i64,
}

fn select(filter: &Filter, what: &str) -> Sql {
    let mut sql = Sql::new(what);
    sql.push(
        " FROM security_log l LEFT JOIN users u ON u.id = l.user_id \
         LEFT JOIN users a ON a.id = l.actor_id \
         LEFT JOIN contacts c ON c.id = l.contact_id \
         LEFT JOIN workers w ON w.id = l.worker_id WHERE 1 = 1",
    );
    if let Some(user) = filter.user_id {
        sql.push(" AND l.user_id = ").bind(user);
    }
    if let Some(kind) = filter.kind {
        sql.push(" AND l.kind = ").bind(kind.as_str());
    }
    sql
}

const COLUMNS: &str = "SELECT l.id, l.at, l.kind, u.name AS user_name, u.email AS user_email, \
     c.first_name || ' ' || c.last_name AS contact_name, w.name AS worker_name, \
     a.name AS actor_name, l.login, l.ip, l.detail, l.repeats";

/// How many rows `filter` selects, counted no further than `limit` (the log of a large firm
/// holds hundreds of thousands of rows within its retention; the page says "more than …").
pub async fn count_up_to(db: &crate::db::Db, filter: &Filter, limit: i64) -> Result<i64> {
    let mut sql = select(filter, "SELECT COUNT(*) FROM (SELECT 1");
    sql.push(" LIMIT ").bind(limit).push(") matches");
    let (n,): (i64,) = sql.query_as().fetch_one(&db.pool).await?;
    Ok(n)
}

/// The newest first, `limit` rows from `offset`.
pub async fn list(
    db: &crate::db::Db,
    filter: &Filter,
    limit: i64,
    offset: i64,
) -> Result<Vec<Row>> {
    let mut sql = select(filter, COLUMNS);
    sql.push(" ORDER BY l.at DESC, l.id DESC LIMIT ")
        .bind(limit)
        .push(" OFFSET ")
        .bind(offset);
    Ok(sql.query_as().fetch_all(&db.pool).await?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_an_email_address_is_kept_as_typed() {
        let e = Event::new(Kind::LoginFailed, Subject::Nobody);
        assert_eq!(e.clone().login(" Ola@Test.no ").login, "ola@test.no");
        assert_eq!(e.clone().login("hemmelig-passord").login, "?");
        assert_eq!(e.clone().login("a b@c.no").login, "?");
        assert_eq!(e.login("").login, "");
        for k in Kind::ALL {
            assert_eq!(Kind::parse(k.as_str()), Some(k));
        }
    }
}
