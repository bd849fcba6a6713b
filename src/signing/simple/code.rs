//! The one-time code: asking for one by email or SMS (made when the message is delivered), and
//! typing it in — which gives this browser a cookie bound to the signer for
//! [`VERIFIED_MINUTES`].

use axum::{
    Form,
    extract::State,
    http::StatusCode,
    response::{IntoResponse, Redirect, Response},
};
use axum_extra::extract::cookie::CookieJar;
use serde::Deserialize;

use super::Visit;
use crate::{
    AppState, Result,
    auth::security_log::{self, Kind},
    dialog::{
        outbox::{self, NewEmail, NewSms, Origin, Recipient},
        sealed::{Sealed, SealedKind},
    },
    signing::{
        links::{CODE_MINUTES, CodeVia, code_hash},
        store,
    },
    timefmt::now,
};

/// Wrong tries of one code.
const MAX_CODE_ATTEMPTS: i64 = 5;
/// Codes one signer may ask for: asking again is no way around the limit on tries.
const MAX_CODES_PER_SIGNER: i64 = 5;
/// Wrong tries over all codes of all signers of one order (guessing across signers).
const MAX_WRONG_PER_ORDER: i64 = 20;
/// How long a confirmed code lets this browser see and sign the document.
pub(in crate::signing) const VERIFIED_MINUTES: i64 = 30;

/// What the signer asked for: the channel, when they had a choice (`email` or `sms`).
#[derive(Deserialize, Default)]
pub struct CodeRequest {
    #[serde(default)]
    via: String,
}

/// POST /sign/{token}/code — sends a fresh six-digit code by email or by SMS (decision 0049):
/// the channel the signer chose, else email when it reaches them, else SMS. The same limit
/// counts the codes of both channels.
#[tracing::instrument(skip_all, fields(order_id = visit.order.id, signer_id = visit.signer.id))]
pub async fn send_code(
    State(state): State<AppState>,
    visit: Visit,
    body: axum::body::Bytes,
) -> Result<Response> {
    visit.still_signable()?;
    // A bare POST (no form) asks for the default channel.
    let asked: CodeRequest = serde_urlencoded::from_bytes(&body).unwrap_or_default();
    let ways = super::CodeWays::of(&state, &visit.signer);
    let via = match asked.via.as_str() {
        "sms" if ways.sms.is_some() => CodeVia::Sms,
        "email" if ways.email => CodeVia::Email,
        _ if ways.email => CodeVia::Email,
        _ if ways.sms.is_some() => CodeVia::Sms,
        _ => {
            // The page itself says why no code can be sent (shown once, not also as an error).
            let page = visit.page(&state).await?;
            return Ok((StatusCode::SERVICE_UNAVAILABLE, page).into_response());
        }
    };
    if visit.signer.codes_sent >= MAX_CODES_PER_SIGNER {
        let page = visit.page_with_error(&state, "signing-code-limit").await?;
        return Ok((StatusCode::TOO_MANY_REQUESTS, page).into_response());
    }
    let (lang, order, signer) = (visit.lang, &visit.order, &visit.signer);
    let mut tx = state.db.begin().await?;
    // `code_via` says on the page where the code is on its way; delivery sets it again when it
    // makes the code, so a confirmed code names the channel that carried it.
    sqlx::query(
        "UPDATE signature_signers SET codes_sent = codes_sent + 1, code_via = $1 WHERE id = $2",
    )
    .bind(via.as_str())
    .bind(signer.id)
    .execute(&mut *tx)
    .await?;
    // The code is made when the message goes (`links::mint_code`): the dialog shows a
    // placeholder.
    let event = match (via, ways.sms) {
        (CodeVia::Sms, Some(number)) => {
            let sealed = Sealed::new(SealedKind::SigningCodeSms, signer.id, lang);
            outbox::queue_sms(
                &mut tx,
                NewSms {
                    customer_id: Some(order.customer_id),
                    worker_id: None,
                    sender_user_id: None,
                    to: Recipient {
                        name: signer.name.clone(),
                        email: number,
                        contact_id: signer.contact_id,
                    },
                    body: lang.t_with(
                        "signing-code-sms-body",
                        &[
                            ("title", outbox::one_line(&order.title)),
                            ("code", sealed.placeholder.clone()),
                            ("minutes", CODE_MINUTES.to_string()),
                        ],
                    ),
                    sealed: Some(sealed),
                },
                &Origin::default(),
            )
            .await?;
            "code_sent_sms"
        }
        _ => {
            let sealed = Sealed::new(SealedKind::SigningCode, signer.id, lang);
            outbox::queue_email(
                &mut tx,
                NewEmail {
                    customer_id: Some(order.customer_id),
                    worker_id: None,
                    sender_user_id: None,
                    to: vec![Recipient {
                        name: signer.name.clone(),
                        email: signer.email.clone(),
                        contact_id: signer.contact_id,
                    }],
                    cc: Vec::new(),
                    subject: lang.t_with("signing-code-subject", &[("title", order.title.clone())]),
                    body: lang.t_with(
                        "signing-code-body",
                        &[
                            ("name", signer.name.clone()),
                            ("title", order.title.clone()),
                            ("code", sealed.placeholder.clone()),
                            ("minutes", CODE_MINUTES.to_string()),
                        ],
                    ),
                    attachments: Vec::new(),
                    sealed: Some(sealed),
                },
            )
            .await?;
            "code_sent"
        }
    };
    store::add_event(&mut tx, order.id, Some(signer.id), event, None, None).await?;
    tx.commit().await?;
    state.jobs.wake();
    Ok(Redirect::to(&format!("/sign/{}", visit.token)).into_response())
}

#[derive(Deserialize)]
pub struct CodeForm {
    #[serde(default)]
    code: String,
}

/// Why a typed code is refused, counting a wrong one; `None` when it is right.
async fn refusal(state: &AppState, visit: &Visit, typed: &str) -> Result<Option<&'static str>> {
    let s = &visit.signer;
    let wrong_in_order: i64 = sqlx::query_scalar(
        "SELECT CAST(COALESCE(SUM(wrong_codes), 0) AS BIGINT) FROM signature_signers \
         WHERE order_id = $1",
    )
    .bind(visit.order.id)
    .fetch_one(&state.db.pool)
    .await?;
    let fresh = s.code_expires_at.is_some_and(|t| t > now());
    Ok(if wrong_in_order >= MAX_WRONG_PER_ORDER {
        Some("signing-code-locked")
    } else if !fresh || s.code_hash.is_none() {
        Some("signing-code-expired")
    } else if s.code_attempts >= MAX_CODE_ATTEMPTS {
        Some("signing-code-too-many")
    } else if s.code_hash.as_deref() != Some(code_hash(s.id, typed).as_str()) {
        sqlx::query(
            "UPDATE signature_signers SET code_attempts = code_attempts + 1, \
             wrong_codes = wrong_codes + 1 WHERE id = $1",
        )
        .bind(s.id)
        .execute(&state.db.pool)
        .await?;
        Some("signing-code-wrong")
    } else {
        None
    })
}

/// POST /sign/{token}/verify
#[tracing::instrument(skip_all, fields(order_id = visit.order.id, signer_id = visit.signer.id))]
pub async fn verify(
    State(state): State<AppState>,
    jar: CookieJar,
    visit: Visit,
    Form(form): Form<CodeForm>,
) -> Result<Response> {
    visit.still_signable()?;
    if let Some(key) = refusal(&state, &visit, &form.code).await? {
        // Too many wrong codes (in the order, or for this code) is worth an admin's look.
        if let Some(reason) = match key {
            "signing-code-locked" => Some("order"),
            "signing-code-too-many" => Some("code"),
            _ => None,
        } {
            let detail = format!(
                "order {}, signer {}, too many wrong codes ({reason})",
                visit.order.id, visit.signer.id
            );
            security_log::request::note(Kind::SigningCodeLocked, reason, &detail).await;
        }
        let mut page = visit.page_with_error(&state, key).await?;
        page.code = form.code;
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response());
    }
    // The proof names the channel the confirmed code really came by.
    let via = if visit.signer.code_via.as_deref() == Some(CodeVia::Sms.as_str()) {
        super::VIA_SMS_CODE
    } else {
        super::VIA_EMAIL_CODE
    };
    let cookie = super::mark_verified(&state, visit.order.id, visit.signer.id, via, None).await?;
    let back = format!("/sign/{}", visit.token);
    Ok((jar.add(cookie), Redirect::to(&back)).into_response())
}
