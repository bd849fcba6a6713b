//! Staff authentication: passwords, database sessions, API tokens, log-in throttling,
//! and the [`Staff`] extractor every staff route takes. Authorisation rules per feature
//! live with the feature (e.g. `customers::access`).

pub mod admin;
pub mod admin_sessions;
pub mod new_password;
pub mod password;
pub mod reauth;
pub mod reauth_holder;
pub mod recovery_codes;
pub mod routes;
pub mod security_log;
pub mod session;
pub mod sessions_page;
pub mod settings;
pub mod throttle;
pub mod tokens;
pub mod two_factor;
pub mod two_factor_holder_pages;
pub mod two_factor_pages;

use axum::{extract::FromRequestParts, http::request::Parts};
use axum_extra::extract::CookieJar;

use crate::{AppError, AppState, i18n::Lang, web::Chrome};

pub const SESSION_COOKIE: &str = "kk_session";

#[derive(
    Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize, utoipa::ToSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    Admin,
    Manager,
    Consultant,
}

impl Role {
    pub const ALL: [Role; 3] = [Role::Admin, Role::Manager, Role::Consultant];

    pub fn as_str(self) -> &'static str {
        match self {
            Role::Admin => "admin",
            Role::Manager => "manager",
            Role::Consultant => "consultant",
        }
    }
    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|r| r.as_str() == s)
    }
    pub fn is_admin(self) -> bool {
        self == Role::Admin
    }
    pub fn label_key(self) -> &'static str {
        match self {
            Role::Admin => "role-admin",
            Role::Manager => "role-manager",
            Role::Consultant => "role-consultant",
        }
    }
}

/// The page chrome for a logged-in staff member. It is made here, not in `web`, so that `web`
/// (which `auth` uses) does not know `auth`.
impl Chrome {
    pub fn new(user: &Staff, section: &'static str) -> Self {
        Self {
            user_name: user.name.clone(),
            is_admin: user.role.is_admin(),
            may_finance: crate::invoices::access::may_finance(user),
            section,
        }
    }
}

/// A logged-in staff user (by session cookie or `Authorization: Bearer` token).
#[derive(Clone, Debug)]
pub struct Staff {
    pub id: i64,
    pub email: String,
    pub name: String,
    pub role: Role,
    pub department_id: Option<i64>,
    pub lang: Lang,
}

impl Staff {
    pub fn require_admin(&self) -> Result<(), AppError> {
        if self.role.is_admin() {
            Ok(())
        } else {
            Err(AppError::Forbidden)
        }
    }
}

/// The row shape shared by session and token look-ups.
#[derive(sqlx::FromRow)]
pub(crate) struct StaffRow {
    id: i64,
    email: String,
    name: String,
    role: String,
    department_id: Option<i64>,
    locale: String,
}

impl StaffRow {
    pub(crate) fn into_staff(self) -> Option<Staff> {
        Some(Staff {
            id: self.id,
            email: self.email,
            name: self.name,
            role: Role::parse(&self.role)?,
            department_id: self.department_id,
            lang: Lang::parse(&self.locale).unwrap_or_default(),
        })
    }
}

impl FromRequestParts<AppState> for Staff {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, AppError> {
        if let Some(staff) = parts.extensions.get::<Staff>() {
            return Ok(staff.clone());
        }
        let bearer = crate::web::bearer_token(&parts.headers);
        let client = session::Client::from_parts(parts, state);
        let staff = if let Some(token) = bearer {
            match tokens::authenticate(&state.db, token, client.ip).await? {
                Ok(staff) => {
                    // A token used outside its scope is refused as its user's (decision 0066).
                    security_log::request::saw(security_log::Subject::User(staff.id));
                    tokens::check_scope(parts)?;
                    Some(staff)
                }
                Err(refusal) => {
                    tokens::log_refusal(state, refusal, client.ip).await;
                    return Err(refusal.error());
                }
            }
        } else {
            let jar = CookieJar::from_headers(&parts.headers);
            match jar.get(SESSION_COOKIE) {
                Some(cookie) => {
                    match session::authenticate(state, cookie.value(), &client).await? {
                        Some((staff, must_change)) => {
                            // A password someone else set is changed before anything else.
                            new_password::gate(parts, must_change)?;
                            Some(staff)
                        }
                        None => None,
                    }
                }
                None => None,
            }
        };
        let staff = staff.ok_or(AppError::Unauthenticated)?;
        security_log::request::saw(security_log::Subject::User(staff.id));
        parts.extensions.insert(staff.clone());
        Ok(staff)
    }
}

/// A random secret for cookies and tokens (256 bits, URL-safe).
pub fn random_token() -> String {
    use base64::Engine;
    let bytes: [u8; 32] = rand::random();
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
}

/// What the database stores instead of a secret.
pub fn hash_token(token: &str) -> String {
    use sha2::Digest;
    hex::encode(sha2::Sha256::digest(token.as_bytes()))
}
