//! A signer's secrets: the link to the signing page and the one-time code that confirms their
//! email. Both are made when the message carrying them is delivered (`dialog::sealed`), or when
//! the signer, logged in to the portal, opens their own signature; only hashes are stored.
//!
//! A signer may hold several links at once (the first email, a reminder, the portal's button),
//! each opening their page until a while after the order's deadline; a code is valid for [`CODE_MINUTES`], and only the
//! newest one works.

use super::store::{self, METHOD_IDURA, Signer, signer_status, status};
use crate::{
    AppState, Result,
    auth::{hash_token, random_token},
    timefmt::now,
};

/// `one_time_links.purpose` of a signing link.
pub const LINK_PURPOSE: &str = "sign";
/// How long a code is valid: ASVS 6.5.5 allows out-of-band codes at most ten minutes.
pub const CODE_MINUTES: i64 = 10;
/// How long a link keeps opening the signer's page after the order's deadline: to see what
/// became of it and fetch the signed copy. What it may do is decided by the order's state.
const LINK_GRACE_DAYS: i64 = 30;

/// The full link a signer opens.
pub fn sign_link(state: &AppState, token: &str) -> String {
    let mut url = state.config.public_url.clone();
    url.set_path(&format!("/sign/{token}"));
    url.to_string()
}

/// The signer and whether they may still sign: an open order before its deadline, and a signer
/// who has neither signed nor refused.
async fn signable(state: &AppState, signer_id: i64) -> Result<Option<(Signer, store::Order)>> {
    let Some(signer) = store::signer(&state.db, signer_id).await? else {
        return Ok(None);
    };
    let Some(order) = store::order_by_id(&state.db, signer.order_id).await? else {
        return Ok(None);
    };
    let open = order.status == status::OPEN
        && order.expires_at > now()
        && (signer.status == signer_status::OPEN || signer.status == signer_status::OPENED);
    Ok(open.then_some((signer, order)))
}

/// A new link for the signer, or `None` when they can no longer sign. With BankID it is the
/// broker's own link (which asks for BankID before anything is shown).
pub async fn mint_link(state: &AppState, signer_id: i64) -> Result<Option<String>> {
    let Some((signer, order)) = signable(state, signer_id).await? else {
        return Ok(None);
    };
    if order.method == METHOD_IDURA {
        return Ok(signer.sign_url);
    }
    let token = random_token();
    sqlx::query(
        "INSERT INTO one_time_links (token_hash, purpose, signer_id, created_at, expires_at) \
         VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(hash_token(&token))
    .bind(LINK_PURPOSE)
    .bind(signer.id)
    .bind(now())
    .bind(order.expires_at + LINK_GRACE_DAYS * 86_400)
    .execute(&state.db.pool)
    .await?;
    Ok(Some(sign_link(state, &token)))
}

/// What is stored of a code: bound to the signer, so one signer's code is nobody else's.
pub fn code_hash(signer_id: i64, code: &str) -> String {
    hash_token(&format!("{signer_id}:{}", code.trim()))
}

/// The channel a code goes by (stored as `signature_signers.code_via`, decision 0049).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CodeVia {
    Email,
    Sms,
}

impl CodeVia {
    pub fn as_str(self) -> &'static str {
        match self {
            CodeVia::Email => "email",
            CodeVia::Sms => "sms",
        }
    }
}

/// A new six-digit code for the signer (the earlier one stops working), or `None` when they can
/// no longer sign. `via` is recorded with it, so a confirmed code says which channel it came by.
pub async fn mint_code(state: &AppState, signer_id: i64, via: CodeVia) -> Result<Option<String>> {
    if signable(state, signer_id).await?.is_none() {
        return Ok(None);
    }
    let code = format!("{:06}", rand::random_range(0..1_000_000u32));
    sqlx::query(
        "UPDATE signature_signers SET code_hash = $1, code_expires_at = $2, code_attempts = 0, \
         code_via = $3 WHERE id = $4",
    )
    .bind(code_hash(signer_id, &code))
    .bind(now() + CODE_MINUTES * 60)
    .bind(via.as_str())
    .bind(signer_id)
    .execute(&state.db.pool)
    .await?;
    Ok(Some(code))
}
