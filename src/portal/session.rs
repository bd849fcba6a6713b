//! Portal sessions: rows in `sessions` with `contact_id` set (and no user), in their own cookie.
//! A session stops working the moment the contact is deactivated or loses portal access.

use axum::{extract::FromRequestParts, http::request::Parts};
use axum_extra::extract::{
    CookieJar,
    cookie::{Cookie, SameSite},
};

use crate::{
    AppError, AppState, Result,
    auth::session as auth_session,
    contacts::{
        model::{Right, Rights},
        portal_access,
    },
    i18n::Lang,
    timefmt::now,
    web,
};

pub const PORTAL_COOKIE: &str = "kk_portal";

/// The logged-in contact person.
#[derive(Clone, Debug)]
pub struct PortalUser {
    pub contact_id: i64,
    pub customer_id: i64,
    pub name: String,
    pub rights: Rights,
    pub lang: Lang,
}

impl PortalUser {
    pub fn require(&self, right: Right) -> Result<()> {
        if self.rights.has(right) {
            Ok(())
        } else {
            Err(AppError::Forbidden)
        }
    }
}

pub async fn create(
    state: &AppState,
    contact_id: i64,
    client: &auth_session::Client,
) -> Result<Cookie<'static>> {
    let token =
        auth_session::start(&state.db, auth_session::Holder::Contact(contact_id), client).await?;
    let now = now();
    sqlx::query("UPDATE portal_accounts SET last_login_at = $1 WHERE contact_id = $2")
        .bind(now)
        .bind(contact_id)
        .execute(&state.db.pool)
        .await?;
    // Each log-in is an event on the card's timeline (not a change: the history leaves it out).
    let customer_id: Option<i64> =
        sqlx::query_scalar("SELECT customer_id FROM contacts WHERE id = $1")
            .bind(contact_id)
            .fetch_optional(&state.db.pool)
            .await?;
    if let Some(customer_id) = customer_id {
        crate::audit::record(
            &mut *state.db.pool.acquire().await?,
            customer_id,
            crate::customers::timeline::PORTAL_LOGIN_ENTITY,
            contact_id,
            "portal-login",
            &[],
            None,
        )
        .await?;
    }
    Ok(Cookie::build((PORTAL_COOKIE, token))
        .path("/portal")
        .http_only(true)
        .same_site(SameSite::Lax)
        .secure(state.config.secure_cookies())
        .build())
}

impl FromRequestParts<AppState> for PortalUser {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, AppError> {
        let jar = CookieJar::from_headers(&parts.headers);
        let token = jar
            .get(PORTAL_COOKIE)
            .ok_or(AppError::Unauthenticated)?
            .value()
            .to_string();
        let client = auth_session::Client::from_parts(parts, state);
        let contact_id = match auth_session::alive(&state.db, &token, &client).await? {
            Some(auth_session::Holder::Contact(id)) => Some(id),
            _ => None,
        };
        let contact_id = contact_id.ok_or(AppError::Unauthenticated)?;
        // Only an account whose invitation was accepted (a password is set) logs in.
        let account = portal_access::account(&state.db, contact_id)
            .await?
            .filter(|a| a.password_hash.is_some())
            .ok_or(AppError::Unauthenticated)?;
        crate::auth::security_log::request::saw(crate::auth::security_log::Subject::Contact(
            contact_id,
        ));
        Ok(PortalUser {
            contact_id,
            customer_id: account.customer_id,
            name: format!("{} {}", account.first_name, account.last_name),
            rights: Rights::from_stored(&account.rights),
            lang: web::request_lang(&parts.headers),
        })
    }
}
