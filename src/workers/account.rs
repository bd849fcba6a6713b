//! A worker's log-in to their own pages (`/worker`): the account, the one-time invitation that
//! lets them set a password (valid 7 days, usable once, made only when the email is delivered —
//! decision 0009), and ending access, which ends the worker's sessions at once (decision 0012).
//! The pages themselves are the `worker_pages` feature; this is the store it reads.

use sqlx::AnyConnection;

use super::store::Worker;
use crate::{
    AppError, AppState, Result,
    auth::{hash_token, random_token},
    db::{self, Db},
    dialog::{
        outbox::{self, NewEmail, Recipient},
        sealed::{Sealed, SealedKind},
    },
    error::{FieldErrors, Msg},
    i18n::Lang,
    timefmt::now,
};

pub const INVITE_DAYS: i64 = 7;

/// Where a worker's access stands, for the staff's worker page.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct AccountState {
    pub login_email: String,
    pub invited_at: i64,
    pub accepted_at: Option<i64>,
    pub last_login_at: Option<i64>,
}

pub async fn state(db: &Db, worker_id: i64) -> Result<Option<AccountState>> {
    Ok(sqlx::query_as(
        "SELECT login_email, invited_at, accepted_at, last_login_at FROM worker_accounts \
         WHERE worker_id = $1 AND active = 1",
    )
    .bind(worker_id)
    .fetch_optional(&db.pool)
    .await?)
}

fn refused(msg: Msg) -> AppError {
    let mut errors = FieldErrors::default();
    errors.add("account", msg);
    AppError::Invalid(errors)
}

/// Invites `w` to their own pages, in the caller's transaction: makes (or renews) the account
/// without a password, ends earlier invitation links and queues the invitation email. The link
/// is made when the email is delivered ([`mint_invite`]); nobody but the worker sees it.
/// Refused for an erased worker, one without email, and one whose email another worker logs in
/// with. Inviting a worker who already set a password starts over: the old password stops
/// working and their sessions end.
pub async fn invite(conn: &mut AnyConnection, user_id: i64, w: &Worker) -> Result<()> {
    super::gdpr::refuse_if_erased(w)?;
    let Some(email) = w.email.clone().filter(|e| !e.is_empty()) else {
        return Err(refused(Msg::new("worker-invite-needs-email")));
    };
    let login = email.to_lowercase();
    let at = now();
    // A savepoint, so that a clash on the login email leaves the caller's transaction usable.
    let mut sp = sqlx::Connection::begin(&mut *conn).await?;
    let taken: Option<(i64,)> = sqlx::query_as(
        "SELECT worker_id FROM worker_accounts WHERE login_email = $1 AND worker_id <> $2",
    )
    .bind(&login)
    .bind(w.id)
    .fetch_optional(&mut *sp)
    .await?;
    if taken.is_some() {
        return Err(refused(Msg::new("worker-email-taken").arg("email", &email)));
    }
    end_sessions_and_links(&mut sp, w.id).await?;
    sqlx::query("DELETE FROM worker_accounts WHERE worker_id = $1")
        .bind(w.id)
        .execute(&mut *sp)
        .await?;
    let inserted = sqlx::query(
        "INSERT INTO worker_accounts (worker_id, login_email, password_hash, active, invited_by, \
         invited_at, created_at, updated_at) VALUES ($1, $2, NULL, 1, $3, $4, $4, $4)",
    )
    .bind(w.id)
    .bind(&login)
    .bind(user_id)
    .bind(at)
    .execute(&mut *sp)
    .await;
    match inserted {
        Err(e) if db::is_unique_violation(&e, "login_email") => {
            return Err(refused(Msg::new("worker-email-taken").arg("email", &email)));
        }
        other => {
            other?;
        }
    }
    // Workers have no language of their own yet: the invitation speaks bokmål.
    let lang = Lang::Nb;
    let sealed = Sealed::new(SealedKind::WorkerInvite, w.id, lang);
    outbox::queue_email(
        &mut sp,
        NewEmail {
            customer_id: None,
            worker_id: Some(w.id),
            sender_user_id: Some(user_id),
            to: vec![Recipient {
                name: w.name.clone(),
                email,
                contact_id: None,
            }],
            cc: Vec::new(),
            subject: lang.t("worker-invite-mail-subject"),
            body: lang.t_with(
                "worker-invite-mail-body",
                &[
                    ("name", first_name(&w.name)),
                    ("link", sealed.placeholder.clone()),
                    ("days", INVITE_DAYS.to_string()),
                ],
            ),
            attachments: Vec::new(),
            sealed: Some(sealed),
        },
    )
    .await?;
    sp.commit().await?;
    Ok(())
}

/// The first word of a name, to greet with.
pub fn first_name(name: &str) -> String {
    name.split_whitespace().next().unwrap_or(name).to_string()
}

async fn end_links(conn: &mut AnyConnection, worker_id: i64) -> Result<()> {
    sqlx::query(
        "DELETE FROM one_time_links WHERE worker_id = $1 AND purpose = 'worker_invite' \
         AND used_at IS NULL",
    )
    .bind(worker_id)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

async fn end_sessions_and_links(conn: &mut AnyConnection, worker_id: i64) -> Result<()> {
    end_links(conn, worker_id).await?;
    sqlx::query("DELETE FROM sessions WHERE worker_id = $1")
        .bind(worker_id)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

/// Ends a worker's access in the caller's transaction: the account, open invitations and every
/// session go at once (revoking, and GDPR erasure).
pub async fn end_access(conn: &mut AnyConnection, worker_id: i64) -> Result<()> {
    end_sessions_and_links(conn, worker_id).await?;
    // Two-factor log-in goes with the access (decision 0059): a new invitation starts afresh.
    crate::auth::two_factor::remove_in(conn, crate::auth::session::Holder::Worker(worker_id))
        .await?;
    sqlx::query("DELETE FROM worker_accounts WHERE worker_id = $1")
        .bind(worker_id)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

/// A new invitation link for the worker, made as the email carrying it is delivered; earlier
/// links stop working. `None` when the worker no longer waits for one (they accepted, access
/// was ended, or they were erased).
pub async fn mint_invite(state: &AppState, worker_id: i64) -> Result<Option<String>> {
    let waiting: Option<(i64,)> = sqlx::query_as(
        "SELECT a.worker_id FROM worker_accounts a JOIN workers w ON w.id = a.worker_id \
         WHERE a.worker_id = $1 AND a.password_hash IS NULL AND a.active = 1 \
         AND w.erased_at IS NULL",
    )
    .bind(worker_id)
    .fetch_optional(&state.db.pool)
    .await?;
    if waiting.is_none() {
        return Ok(None);
    }
    let token = random_token();
    let at = now();
    let mut tx = state.db.begin().await?;
    end_links(&mut tx, worker_id).await?;
    sqlx::query(
        "INSERT INTO one_time_links (token_hash, purpose, worker_id, created_at, expires_at) \
         VALUES ($1, 'worker_invite', $2, $3, $4)",
    )
    .bind(hash_token(&token))
    .bind(worker_id)
    .bind(at)
    .bind(at + INVITE_DAYS * 86400)
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    let base = state.config.public_url.as_str().trim_end_matches('/');
    Ok(Some(format!("{base}/worker/invite/{token}")))
}

/// A worker's account as log-in and sessions read it: only while the account is active and
/// the worker not erased.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct Account {
    pub worker_id: i64,
    pub name: String,
    /// `None` until the invitation is accepted.
    pub password_hash: Option<String>,
}

const ACCOUNT: &str = "SELECT a.worker_id, w.name, a.password_hash FROM worker_accounts a \
     JOIN workers w ON w.id = a.worker_id WHERE a.active = 1 AND w.erased_at IS NULL";

pub async fn account(db: &Db, worker_id: i64) -> Result<Option<Account>> {
    let sql = format!("{ACCOUNT} AND a.worker_id = $1");
    Ok(sqlx::query_as(sqlx::AssertSqlSafe(sql))
        .bind(worker_id)
        .fetch_optional(&db.pool)
        .await?)
}

pub async fn account_by_login(db: &Db, login_email: &str) -> Result<Option<Account>> {
    let sql = format!("{ACCOUNT} AND a.login_email = $1");
    Ok(sqlx::query_as(sqlx::AssertSqlSafe(sql))
        .bind(login_email)
        .fetch_optional(&db.pool)
        .await?)
}

/// The worker an unused, unexpired invitation belongs to, while they still wait for it.
pub async fn invitation(db: &Db, token: &str) -> Result<Option<Account>> {
    let worker_id: Option<i64> = sqlx::query_scalar(
        "SELECT worker_id FROM one_time_links WHERE token_hash = $1 AND purpose = 'worker_invite' \
         AND used_at IS NULL AND expires_at > $2 AND worker_id IS NOT NULL",
    )
    .bind(hash_token(token))
    .bind(now())
    .fetch_optional(&db.pool)
    .await?;
    let Some(worker_id) = worker_id else {
        return Ok(None);
    };
    Ok(account(db, worker_id)
        .await?
        .filter(|a| a.password_hash.is_none()))
}

/// Uses the invitation `token` and sets the worker's password (already hashed), in the caller's
/// transaction. Marking the link used in the statement that checks it makes it work exactly
/// once, even under races. `false` when the link was used meanwhile.
pub async fn accept(
    conn: &mut AnyConnection,
    token: &str,
    worker_id: i64,
    password_hash: &str,
) -> Result<bool> {
    let at = now();
    let used = sqlx::query(
        "UPDATE one_time_links SET used_at = $1 WHERE token_hash = $2 AND used_at IS NULL \
         AND worker_id = $3 AND expires_at > $1",
    )
    .bind(at)
    .bind(hash_token(token))
    .bind(worker_id)
    .execute(&mut *conn)
    .await?;
    if used.rows_affected() != 1 {
        return Ok(false);
    }
    sqlx::query(
        "UPDATE worker_accounts SET password_hash = $1, accepted_at = $2, updated_at = $2 \
         WHERE worker_id = $3",
    )
    .bind(password_hash)
    .bind(at)
    .bind(worker_id)
    .execute(&mut *conn)
    .await?;
    Ok(true)
}

pub async fn touch_login(db: &Db, worker_id: i64) -> Result<()> {
    sqlx::query("UPDATE worker_accounts SET last_login_at = $1 WHERE worker_id = $2")
        .bind(now())
        .bind(worker_id)
        .execute(&db.pool)
        .await?;
    Ok(())
}
