//! Re-authentication for portal contacts and workers (ASVS V7.5.2, decision 0065): ending one's
//! other sessions from `/portal/sessions` or `/worker/sessions` asks for the password again —
//! and a two-factor code when it is on — when the log-in is older than
//! [`super::reauth::FRESH_SECS`], as staff's `/reauth` does ([`super::reauth`]).
//!
//! There is no page of its own: the list of sessions answers with the password form above it,
//! posted to the same address as the button that asked, so the session ends once the password is
//! right. Nothing else is carried (the buttons send no fields), and no new route is needed.

use std::net::IpAddr;

use axum::http::StatusCode;
use serde::Deserialize;

use super::{
    hash_token, password,
    reauth::is_fresh_session,
    security_log::{self, Event, Kind},
    session::Holder,
    throttle::{self, Door},
    two_factor::{self, Verdict},
};
use crate::{AppState, Result, i18n::Lang, timefmt::now};

/// What the password form sends along with the button's post (nothing, the first time).
#[derive(Deserialize, Default)]
#[serde(default)]
pub struct Typed {
    pub password: Option<String>,
    pub code: String,
}

impl Typed {
    /// The form as sent; a post with no body (or another) is a post without a password.
    pub fn from_body(body: &[u8]) -> Self {
        serde_urlencoded::from_bytes(body).unwrap_or_default()
    }
}

/// The password form shown above the list.
pub struct Ask {
    /// Where it posts: the button's own address.
    pub action: String,
    pub with_code: bool,
    pub error: Option<String>,
}

/// `None` when the session behind `token` may go on — authenticated lately, or just now with
/// the password (and code) in `typed`, which makes it fresh; otherwise the form to show and the
/// status to answer with.
pub async fn check(
    state: &AppState,
    holder: Holder,
    token: &str,
    typed: &Typed,
    action: &str,
    lang: Lang,
    ip: IpAddr,
) -> Result<Option<(StatusCode, Ask)>> {
    if is_fresh_session(&state.db, token).await? {
        return Ok(None);
    }
    let with_code = two_factor::status(&state.db, holder).await?.enabled;
    let ask = |status: StatusCode, error: Option<String>| {
        Ok(Some((
            status,
            Ask {
                action: action.to_string(),
                with_code,
                error,
            },
        )))
    };
    let Some(typed_password) = typed.password.clone() else {
        return ask(StatusCode::OK, None);
    };
    let (account, sql) = match holder {
        Holder::Contact(id) => (
            format!("contact:{id}"),
            "SELECT password_hash FROM portal_accounts WHERE contact_id = $1",
        ),
        Holder::Worker(id) => (
            format!("worker:{id}"),
            "SELECT password_hash FROM worker_accounts WHERE worker_id = $1",
        ),
        // Staff use `/reauth`; a staff holder here is a mistake, never a pass.
        Holder::User(_) => return ask(StatusCode::FORBIDDEN, None),
    };
    for door in [Door::PasswordChange, Door::TwoFactor] {
        if let Some(seconds) = throttle::wait_seconds(&state.db, door, &account, ip).await? {
            let msg = throttle::wait_msg(seconds).render(lang);
            return ask(StatusCode::TOO_MANY_REQUESTS, Some(msg));
        }
    }
    let id = match holder {
        Holder::Contact(id) | Holder::Worker(id) | Holder::User(id) => id,
    };
    let stored: Option<Option<String>> = sqlx::query_scalar(sql)
        .bind(id)
        .fetch_optional(&state.db.pool)
        .await?;
    if !password::verify(stored.flatten(), typed_password).await {
        throttle::record_failure(&state.db, Door::PasswordChange, &account, ip).await?;
        let msg = lang.t("reauth-wrong-password");
        return ask(StatusCode::UNAUTHORIZED, Some(msg));
    }
    throttle::clear(&state.db, Door::PasswordChange, &account, ip).await?;
    if with_code {
        match two_factor::verify(&state.db, &state.data_key, holder, &typed.code, true).await? {
            Verdict::Wrong => {
                throttle::record_failure(&state.db, Door::TwoFactor, &account, ip).await?;
                let e = Event::new(Kind::TwoFactorFailed, holder.subject())
                    .ip(ip)
                    .detail("reauth");
                security_log::log(&state.db, e).await?;
                let msg = lang.t("two-factor-wrong-code");
                return ask(StatusCode::UNAUTHORIZED, Some(msg));
            }
            Verdict::Recovery => {
                let left = two_factor::status(&state.db, holder).await?.recovery_left;
                let e = Event::new(Kind::RecoveryCodeUsed, holder.subject())
                    .ip(ip)
                    .detail(format!("{left} left"));
                security_log::log(&state.db, e).await?;
            }
            Verdict::Code => {}
        }
        throttle::clear(&state.db, Door::TwoFactor, &account, ip).await?;
    }
    sqlx::query("UPDATE sessions SET authenticated_at = $1 WHERE token_hash = $2")
        .bind(now())
        .bind(hash_token(token))
        .execute(&state.db.pool)
        .await?;
    Ok(None)
}
