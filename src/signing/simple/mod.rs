//! The built-in simple electronic signature, from the signer's side: `/sign/{token}`.
//!
//! 1. The link identifies the signer (only its hash is stored; see `signing::links`).
//! 2. They ask for a code, sent to their email or by SMS to their mobile (decision 0049); typing
//!    it proves they hold that mailbox or phone. The browser then gets a cookie bound to this
//!    signer for 30 minutes ([`code`]). A contact logged in to the portal needs no code
//!    (decision 0047).
//! 3. They see the whole document (the exact bytes whose SHA-256 is recorded) and sign, or refuse
//!    with a reason ([`sign`]).
//! 4. The evidence (time, IP, user agent, SHA-256) is kept on the signer's row; when the last
//!    signer signs, a copy with a signature page is stored as a new version of the document.
//!
//! It is named for what it is in the UI: a simple electronic signature, not BankID.

mod code;
mod sign;

use askama::Template;
use askama_web::WebTemplate;
use axum::{
    extract::{FromRequestParts, Path, State},
    http::{header, request::Parts},
    response::{IntoResponse, Response},
};
use axum_extra::extract::cookie::CookieJar;

pub use self::{
    code::{send_code, verify},
    sign::{document, reject, sign},
};
use super::{
    orders,
    store::{self, METHOD_SIMPLE, Order, Signer, signer_status, status},
};
use crate::{
    AppError, AppState, Result,
    auth::hash_token,
    dialog::outbox,
    error::Msg,
    i18n::Lang,
    timefmt::{self, now},
    web,
};

/// The cookie that says this browser confirmed the signer's code.
pub const COOKIE: &str = "kk_sign";

/// Marks `signer_id` as verified by `via` (`email_code`, `sms_code` or `portal_login`) for this
/// browser: records the event and returns the cookie that carries the proof (its hash is stored).
pub(in crate::signing) async fn mark_verified(
    state: &AppState,
    order_id: i64,
    signer_id: i64,
    via: &'static str,
    detail: Option<String>,
) -> Result<axum_extra::extract::cookie::Cookie<'static>> {
    use axum_extra::extract::cookie::{Cookie, SameSite};
    let secret = crate::auth::random_token();
    let mut tx = state.db.begin().await?;
    sqlx::query(
        "UPDATE signature_signers SET code_hash = NULL, code_expires_at = NULL, \
         verified_hash = $1, verified_until = $2, verified_via = $3 WHERE id = $4",
    )
    .bind(hash_token(&secret))
    .bind(now() + code::VERIFIED_MINUTES * 60)
    .bind(via)
    .bind(signer_id)
    .execute(&mut *tx)
    .await?;
    let event = if via == VIA_PORTAL {
        "portal_login_confirmed"
    } else {
        "code_confirmed"
    };
    store::add_event(
        &mut tx,
        order_id,
        Some(signer_id),
        event,
        detail.as_deref(),
        None,
    )
    .await?;
    tx.commit().await?;
    Ok(Cookie::build((COOKIE, secret))
        .path("/sign")
        .http_only(true)
        .same_site(SameSite::Strict)
        .secure(state.config.secure_cookies())
        .build())
}

/// Proof of identity: a one-time code mailed to the signer.
pub const VIA_EMAIL_CODE: &str = "email_code";
/// Proof of identity: a one-time code sent by SMS to the signer's mobile (decision 0049).
pub const VIA_SMS_CODE: &str = "sms_code";
/// Proof of identity: logged in to the customer portal as the signer's contact.
pub const VIA_PORTAL: &str = "portal_login";

/// The channels a code can go by to this signer: email when it is set up and they have an
/// address; SMS (to this number, E.164) when it is set up and they have a mobile number.
pub(in crate::signing) struct CodeWays {
    pub email: bool,
    pub sms: Option<String>,
}

impl CodeWays {
    pub fn of(state: &AppState, signer: &Signer) -> Self {
        CodeWays {
            email: outbox::email_configured(&state.config) && !signer.email.trim().is_empty(),
            sms: if outbox::sms_configured(&state.config) {
                orders::sms_number(&signer.mobile)
            } else {
                None
            },
        }
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "signing/sign.html")]
pub struct SignPage {
    lang: Lang,
    token: String,
    order: Order,
    signer: Signer,
    sender_name: String,
    verified: bool,
    code_sent: bool,
    /// A code can go by email to this signer.
    code_by_email: bool,
    /// A code can go by SMS to this number (E.164).
    code_by_sms: Option<String>,
    code: String,
    reason: String,
    error: Option<String>,
}

impl SignPage {
    fn masked_email(&self) -> String {
        mask_email(&self.signer.email)
    }
    fn masked_mobile(&self) -> String {
        self.code_by_sms
            .as_deref()
            .map(mask_mobile)
            .unwrap_or_default()
    }
    /// No channel can carry a code to this signer.
    fn no_code_way(&self) -> bool {
        !self.code_by_email && self.code_by_sms.is_none()
    }
    /// Where the newest code went, said above the field to type it in.
    fn code_sent_to(&self) -> String {
        let by_sms = match self.signer.code_via.as_deref() {
            Some(via) => via == "sms",
            None => !self.code_by_email,
        };
        if by_sms {
            self.lang
                .t_with("signing-code-sent-sms", &[("mobile", self.masked_mobile())])
        } else {
            self.lang
                .t_with("signing-code-sent-email", &[("email", self.masked_email())])
        }
    }
    fn expires(&self) -> String {
        timefmt::oslo_date(self.order.expires_at)
    }
    fn signed_at(&self) -> String {
        self.signer
            .signed_at
            .map(timefmt::oslo_datetime)
            .unwrap_or_default()
    }
    /// The signer proved who they are by their portal log-in (said on the page).
    fn via_portal(&self) -> bool {
        self.verified && self.signer.verified_via.as_deref() == Some(VIA_PORTAL)
    }
    fn order_open(&self) -> bool {
        self.order.status == status::OPEN && self.order.expires_at > now()
    }
}

/// `+4791234567` → `+47 ••• •• •67`; other numbers: the country part, bullets and the last two
/// digits. Enough for the signer to know which phone, not enough to call it.
pub fn mask_mobile(e164: &str) -> String {
    let digits: Vec<char> = e164.chars().filter(char::is_ascii_digit).collect();
    if digits.len() < 4 {
        return String::new();
    }
    let last: String = digits[digits.len() - 2..].iter().collect();
    if let Some(n) = e164.strip_prefix("+47")
        && n.len() == 8
    {
        return format!("+47 ••• •• •{last}");
    }
    let country: String = digits.iter().take(2).collect();
    format!("+{country} {} {last}", "•".repeat(digits.len() - 4))
}

/// `k***@firma.no`
pub fn mask_email(email: &str) -> String {
    match email.split_once('@') {
        Some((local, domain)) => {
            let first: String = local.chars().take(1).collect();
            format!("{first}***@{domain}")
        }
        None => String::new(),
    }
}

/// What every request on a signing link starts with: the link's signer and their order (404 for
/// an unknown link or a BankID order), the visitor's language, and whether this browser has
/// confirmed the signer's code.
pub struct Visit {
    lang: Lang,
    token: String,
    order: Order,
    signer: Signer,
    verified: bool,
}

impl FromRequestParts<AppState> for Visit {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self> {
        let Path(token) = Path::<String>::from_request_parts(parts, state)
            .await
            .map_err(|_| AppError::NotFound)?;
        let signer = store::signer_by_token_hash(&state.db, &hash_token(&token))
            .await?
            .ok_or(AppError::NotFound)?;
        let order = store::order_by_id(&state.db, signer.order_id)
            .await?
            .filter(|o| o.method == METHOD_SIMPLE)
            .ok_or(AppError::NotFound)?;
        let jar = CookieJar::from_headers(&parts.headers);
        let verified = match (
            jar.get(COOKIE),
            &signer.verified_hash,
            signer.verified_until,
        ) {
            (Some(cookie), Some(hash), Some(until)) => {
                until > now() && hash_token(cookie.value()) == *hash
            }
            _ => false,
        };
        Ok(Visit {
            lang: web::request_lang(&parts.headers),
            token,
            order,
            signer,
            verified,
        })
    }
}

impl Visit {
    /// The order is open and this signer has neither signed nor refused.
    fn still_signable(&self) -> Result<()> {
        if self.order.status != status::OPEN || self.order.expires_at <= now() {
            return Err(AppError::Conflict(Msg::new("signing-not-open")));
        }
        if self.signer.status == signer_status::SIGNED
            || self.signer.status == signer_status::REJECTED
        {
            return Err(AppError::Conflict(Msg::new("signing-already-done")));
        }
        Ok(())
    }

    /// Only a browser that confirmed the code sees the document or acts on it.
    fn require_verified(&self) -> Result<()> {
        if self.verified {
            Ok(())
        } else {
            Err(AppError::Forbidden)
        }
    }

    /// The signer's page, as the visit finds it.
    async fn page(self, state: &AppState) -> Result<SignPage> {
        let sender_name = match self.order.created_by {
            Some(uid) => sqlx::query_scalar("SELECT name FROM users WHERE id = $1")
                .bind(uid)
                .fetch_optional(&state.db.pool)
                .await?
                .unwrap_or_default(),
            None => String::new(),
        };
        let ways = CodeWays::of(state, &self.signer);
        Ok(SignPage {
            lang: self.lang,
            token: self.token,
            verified: self.verified,
            code_sent: self.signer.codes_sent > 0,
            code_by_email: ways.email,
            code_by_sms: ways.sms,
            order: self.order,
            signer: self.signer,
            sender_name,
            code: String::new(),
            reason: String::new(),
            error: None,
        })
    }

    /// The page again with an error (and what was typed, set by the caller).
    async fn page_with_error(self, state: &AppState, key: &'static str) -> Result<SignPage> {
        let lang = self.lang;
        let mut page = self.page(state).await?;
        page.error = Some(lang.t(key));
        Ok(page)
    }
}

/// GET /sign/{token}
#[tracing::instrument(skip_all, fields(order_id = visit.order.id, signer_id = visit.signer.id))]
pub async fn show(State(state): State<AppState>, mut visit: Visit) -> Result<Response> {
    orders::expire_overdue(&state).await?;
    if let Some(order) = store::order_by_id(&state.db, visit.order.id).await? {
        visit.order = order;
    }
    if visit.signer.status == signer_status::OPEN && visit.order.status == status::OPEN {
        let mut tx = state.db.begin().await?;
        let changed = sqlx::query(
            "UPDATE signature_signers SET status = 'opened', opened_at = $1 \
             WHERE id = $2 AND status = 'open'",
        )
        .bind(now())
        .bind(visit.signer.id)
        .execute(&mut *tx)
        .await?
        .rows_affected();
        if changed == 1 {
            store::add_event(
                &mut tx,
                visit.order.id,
                Some(visit.signer.id),
                "opened",
                None,
                None,
            )
            .await?;
        }
        tx.commit().await?;
        visit.signer.status = signer_status::OPENED.into();
    }
    Ok(no_referrer(visit.page(&state).await?.into_response()))
}

/// The signer's link is in the page's address: it is never sent on as a referrer. (That nothing
/// of it is cached is the app-wide `Cache-Control: no-store`.)
fn no_referrer(mut response: Response) -> Response {
    response.headers_mut().insert(
        header::REFERRER_POLICY,
        header::HeaderValue::from_static("no-referrer"),
    );
    response
}
