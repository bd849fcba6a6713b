//! The built-in simple electronic signature, from the signer's side: `/sign/{token}`.
//!
//! 1. The one-time link identifies the signer (only its hash is stored).
//! 2. They ask for a code, sent to their email; typing it proves they hold that mailbox. The
//!    browser then gets a cookie bound to this signer for 30 minutes.
//! 3. They see the whole document (the exact bytes whose SHA-256 is recorded) and sign, or refuse
//!    with a reason.
//! 4. The evidence (time, IP, user agent, SHA-256) is kept on the signer's row; when the last
//!    signer signs, a copy with a signature page is stored as a new version of the document.
//!
//! It is named for what it is in the UI: a simple electronic signature, not BankID.

use askama::Template;
use askama_web::WebTemplate;
use axum::{
    Form,
    extract::{Path, State},
    http::{HeaderMap, StatusCode, header},
    response::{IntoResponse, Redirect, Response},
};
use axum_extra::extract::cookie::{Cookie, CookieJar, SameSite};
use serde::Deserialize;
use sha2::Digest;

use super::{
    complete,
    links::{CODE_MINUTES, code_hash},
    orders::{self, lock_order},
    store::{self, METHOD_SIMPLE, Order, Signer, signer_status, status},
};
use crate::{
    AppError, AppState, Result,
    auth::{hash_token, random_token},
    dialog::{
        outbox::{self, NewEmail, Recipient},
        sealed::{Sealed, SealedKind},
    },
    documents::{detail::serve, store as documents},
    error::Msg,
    i18n::Lang,
    timefmt::{self, now},
    web::{self, client_ip::ClientIp},
};

const COOKIE: &str = "kk_sign";
/// Wrong tries of one code.
const MAX_CODE_ATTEMPTS: i64 = 5;
/// Codes one signer may ask for: asking again is no way around the limit on tries.
const MAX_CODES_PER_SIGNER: i64 = 5;
/// Wrong tries over all codes of all signers of one order (guessing across signers).
const MAX_WRONG_PER_ORDER: i64 = 20;
const VERIFIED_MINUTES: i64 = 30;

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
    email_configured: bool,
    code: String,
    reason: String,
    error: Option<String>,
}

impl SignPage {
    fn masked_email(&self) -> String {
        mask_email(&self.signer.email)
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
    fn order_open(&self) -> bool {
        self.order.status == status::OPEN && self.order.expires_at > now()
    }
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

struct Loaded {
    order: Order,
    signer: Signer,
}

async fn load(state: &AppState, token: &str) -> Result<Loaded> {
    let signer = store::signer_by_token_hash(&state.db, &hash_token(token))
        .await?
        .ok_or(AppError::NotFound)?;
    let order = store::order_by_id(&state.db, signer.order_id)
        .await?
        .filter(|o| o.method == METHOD_SIMPLE)
        .ok_or(AppError::NotFound)?;
    Ok(Loaded { order, signer })
}

fn is_verified(signer: &Signer, jar: &CookieJar) -> bool {
    match (
        jar.get(COOKIE),
        &signer.verified_hash,
        signer.verified_until,
    ) {
        (Some(cookie), Some(hash), Some(until)) => {
            until > now() && hash_token(cookie.value()) == *hash
        }
        _ => false,
    }
}

async fn page(
    state: &AppState,
    lang: Lang,
    token: &str,
    loaded: Loaded,
    jar: &CookieJar,
) -> Result<SignPage> {
    let sender_name = match loaded.order.created_by {
        Some(uid) => sqlx::query_scalar("SELECT name FROM users WHERE id = $1")
            .bind(uid)
            .fetch_optional(&state.db.pool)
            .await?
            .unwrap_or_default(),
        None => String::new(),
    };
    Ok(SignPage {
        lang,
        token: token.to_string(),
        verified: is_verified(&loaded.signer, jar),
        code_sent: loaded.signer.codes_sent > 0,
        email_configured: outbox::email_configured(&state.config),
        order: loaded.order,
        signer: loaded.signer,
        sender_name,
        code: String::new(),
        reason: String::new(),
        error: None,
    })
}

/// GET /sign/{token}
pub async fn show(
    State(state): State<AppState>,
    headers: HeaderMap,
    jar: CookieJar,
    Path(token): Path<String>,
) -> Result<Response> {
    let lang = web::request_lang(&headers);
    orders::expire_overdue(&state).await?;
    let mut loaded = load(&state, &token).await?;
    if loaded.signer.status == signer_status::OPEN && loaded.order.status == status::OPEN {
        let mut tx = state.db.pool.begin().await?;
        let changed = sqlx::query(
            "UPDATE signature_signers SET status = 'opened', opened_at = $1 \
             WHERE id = $2 AND status = 'open'",
        )
        .bind(now())
        .bind(loaded.signer.id)
        .execute(&mut *tx)
        .await?
        .rows_affected();
        if changed == 1 {
            store::add_event(
                &mut tx,
                loaded.order.id,
                Some(loaded.signer.id),
                "opened",
                None,
                None,
            )
            .await?;
        }
        tx.commit().await?;
        loaded.signer.status = signer_status::OPENED.into();
    }
    let page = page(&state, lang, &token, loaded, &jar).await?;
    Ok(no_store(page.into_response()))
}

fn no_store(mut response: Response) -> Response {
    response.headers_mut().insert(
        header::CACHE_CONTROL,
        header::HeaderValue::from_static("no-store"),
    );
    response.headers_mut().insert(
        header::REFERRER_POLICY,
        header::HeaderValue::from_static("no-referrer"),
    );
    response
}

fn still_signable(loaded: &Loaded) -> Result<()> {
    if loaded.order.status != status::OPEN || loaded.order.expires_at <= now() {
        return Err(AppError::Conflict(Msg::new("signing-not-open")));
    }
    if loaded.signer.status == signer_status::SIGNED
        || loaded.signer.status == signer_status::REJECTED
    {
        return Err(AppError::Conflict(Msg::new("signing-already-done")));
    }
    Ok(())
}

/// POST /sign/{token}/code — emails a fresh six-digit code.
pub async fn send_code(
    State(state): State<AppState>,
    headers: HeaderMap,
    jar: CookieJar,
    Path(token): Path<String>,
) -> Result<Response> {
    let lang = web::request_lang(&headers);
    let loaded = load(&state, &token).await?;
    still_signable(&loaded)?;
    if !outbox::email_configured(&state.config) || loaded.signer.email.is_empty() {
        let mut page = page(&state, lang, &token, loaded, &jar).await?;
        page.error = Some(lang.t("signing-code-cannot-send"));
        return Ok((StatusCode::SERVICE_UNAVAILABLE, page).into_response());
    }
    if loaded.signer.codes_sent >= MAX_CODES_PER_SIGNER {
        let mut page = page(&state, lang, &token, loaded, &jar).await?;
        page.error = Some(lang.t("signing-code-limit"));
        return Ok((StatusCode::TOO_MANY_REQUESTS, page).into_response());
    }
    let mut tx = state.db.pool.begin().await?;
    sqlx::query("UPDATE signature_signers SET codes_sent = codes_sent + 1 WHERE id = $1")
        .bind(loaded.signer.id)
        .execute(&mut *tx)
        .await?;
    // The code is made when the email goes (`links::mint_code`): the dialog shows a placeholder.
    let sealed = Sealed::new(SealedKind::SigningCode, loaded.signer.id, lang);
    outbox::queue_email(
        &mut tx,
        NewEmail {
            customer_id: loaded.order.customer_id,
            sender_user_id: None,
            to: vec![Recipient {
                name: loaded.signer.name.clone(),
                email: loaded.signer.email.clone(),
                contact_id: loaded.signer.contact_id,
            }],
            cc: Vec::new(),
            subject: lang.t_with(
                "signing-code-subject",
                &[("title", loaded.order.title.clone())],
            ),
            body: lang.t_with(
                "signing-code-body",
                &[
                    ("name", loaded.signer.name.clone()),
                    ("title", loaded.order.title.clone()),
                    ("code", sealed.placeholder.clone()),
                    ("minutes", CODE_MINUTES.to_string()),
                ],
            ),
            attachments: Vec::new(),
            sealed: Some(sealed),
        },
    )
    .await?;
    store::add_event(
        &mut tx,
        loaded.order.id,
        Some(loaded.signer.id),
        "code_sent",
        None,
        None,
    )
    .await?;
    tx.commit().await?;
    state.jobs.wake();
    Ok(Redirect::to(&format!("/sign/{token}")).into_response())
}

#[derive(Deserialize)]
pub struct CodeForm {
    #[serde(default)]
    code: String,
}

/// POST /sign/{token}/verify
pub async fn verify(
    State(state): State<AppState>,
    headers: HeaderMap,
    jar: CookieJar,
    Path(token): Path<String>,
    Form(form): Form<CodeForm>,
) -> Result<Response> {
    let lang = web::request_lang(&headers);
    let loaded = load(&state, &token).await?;
    still_signable(&loaded)?;
    let s = &loaded.signer;
    let fresh = s.code_expires_at.is_some_and(|t| t > now());
    let wrong_in_order: i64 = sqlx::query_scalar(
        "SELECT CAST(COALESCE(SUM(wrong_codes), 0) AS BIGINT) FROM signature_signers \
         WHERE order_id = $1",
    )
    .bind(loaded.order.id)
    .fetch_one(&state.db.pool)
    .await?;
    let error = if wrong_in_order >= MAX_WRONG_PER_ORDER {
        Some("signing-code-locked")
    } else if !fresh || s.code_hash.is_none() {
        Some("signing-code-expired")
    } else if s.code_attempts >= MAX_CODE_ATTEMPTS {
        Some("signing-code-too-many")
    } else if s.code_hash.as_deref() != Some(code_hash(s.id, &form.code).as_str()) {
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
    };
    if let Some(key) = error {
        let mut page = page(&state, lang, &token, loaded, &jar).await?;
        page.error = Some(lang.t(key));
        page.code = form.code;
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response());
    }
    let secret = random_token();
    let mut tx = state.db.pool.begin().await?;
    sqlx::query(
        "UPDATE signature_signers SET code_hash = NULL, code_expires_at = NULL, \
         verified_hash = $1, verified_until = $2 WHERE id = $3",
    )
    .bind(hash_token(&secret))
    .bind(now() + VERIFIED_MINUTES * 60)
    .bind(s.id)
    .execute(&mut *tx)
    .await?;
    store::add_event(
        &mut tx,
        loaded.order.id,
        Some(s.id),
        "code_confirmed",
        None,
        None,
    )
    .await?;
    tx.commit().await?;
    let cookie = Cookie::build((COOKIE, secret))
        .path("/sign")
        .http_only(true)
        .same_site(SameSite::Strict)
        .secure(state.config.secure_cookies())
        .build();
    Ok((jar.add(cookie), Redirect::to(&format!("/sign/{token}"))).into_response())
}

/// GET /sign/{token}/document — the document, for a signer who confirmed the code (or the
/// signed copy, once the order is completed).
pub async fn document(
    State(state): State<AppState>,
    jar: CookieJar,
    Path(token): Path<String>,
) -> Result<Response> {
    let loaded = load(&state, &token).await?;
    if !is_verified(&loaded.signer, &jar) {
        return Err(AppError::Forbidden);
    }
    let version_id = loaded
        .order
        .signed_version_id
        .unwrap_or(loaded.order.document_version_id);
    let (_, version) = documents::version_by_id(&state.db, version_id)
        .await?
        .ok_or(AppError::NotFound)?;
    Ok(no_store(serve(&state, &version, true).await?))
}

#[derive(Deserialize)]
pub struct SignForm {
    confirm: Option<String>,
}

/// POST /sign/{token}/sign
pub async fn sign(
    State(state): State<AppState>,
    headers: HeaderMap,
    jar: CookieJar,
    ClientIp(ip): ClientIp,
    Path(token): Path<String>,
    Form(form): Form<SignForm>,
) -> Result<Response> {
    let lang = web::request_lang(&headers);
    let loaded = load(&state, &token).await?;
    still_signable(&loaded)?;
    if !is_verified(&loaded.signer, &jar) {
        return Err(AppError::Forbidden);
    }
    if form.confirm.is_none() {
        let mut page = page(&state, lang, &token, loaded, &jar).await?;
        page.error = Some(lang.t("signing-confirm-required"));
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response());
    }
    let (_, version) = documents::version_by_id(&state.db, loaded.order.document_version_id)
        .await?
        .ok_or(AppError::NotFound)?;
    // The evidence is the hash of the bytes in the store now, not the one recorded at upload:
    // if they ever differed, signing stops.
    let bytes = state.files.bytes(&version.storage_key).await?;
    let sha = hex::encode(sha2::Sha256::digest(&bytes));
    if sha != version.sha256 {
        tracing::error!(
            version = version.id,
            "a stored file no longer matches its hash"
        );
        return Err(AppError::Conflict(Msg::new("signing-document-changed")));
    }
    let user_agent = headers
        .get(header::USER_AGENT)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .chars()
        .take(400)
        .collect::<String>();
    let order = loaded.order;
    let mut tx = state.db.pool.begin().await?;
    lock_order(&mut tx, order.id).await?;
    let changed = sqlx::query(
        "UPDATE signature_signers SET status = 'signed', signed_at = $1, signed_ip = $2, \
         signed_user_agent = $3, signed_sha256 = $4 \
         WHERE id = $5 AND status IN ('open', 'opened')",
    )
    .bind(now())
    .bind(ip.to_string())
    .bind(&user_agent)
    .bind(&sha)
    .bind(loaded.signer.id)
    .execute(&mut *tx)
    .await?
    .rows_affected();
    if changed == 1 {
        store::add_event(
            &mut tx,
            order.id,
            Some(loaded.signer.id),
            "signed",
            None,
            None,
        )
        .await?;
        let (current,): (String,) =
            sqlx::query_as("SELECT status FROM signature_orders WHERE id = $1")
                .bind(order.id)
                .fetch_one(&mut *tx)
                .await?;
        if current == status::OPEN && store::unsigned_count(&mut tx, order.id).await? == 0 {
            let signers = store::signers_in(&mut tx, order.id).await?;
            complete::complete_simple(&mut tx, &state.files, &order, &version, &bytes, &signers)
                .await?;
        }
    }
    tx.commit().await?;
    Ok(Redirect::to(&format!("/sign/{token}")).into_response())
}

#[derive(Deserialize)]
pub struct RejectForm {
    #[serde(default)]
    reason: String,
}

/// POST /sign/{token}/reject
pub async fn reject(
    State(state): State<AppState>,
    headers: HeaderMap,
    jar: CookieJar,
    Path(token): Path<String>,
    Form(form): Form<RejectForm>,
) -> Result<Response> {
    let lang = web::request_lang(&headers);
    let loaded = load(&state, &token).await?;
    still_signable(&loaded)?;
    if !is_verified(&loaded.signer, &jar) {
        return Err(AppError::Forbidden);
    }
    let reason = form.reason.trim().to_string();
    if reason.is_empty() || reason.chars().count() > 1000 {
        let mut page = page(&state, lang, &token, loaded, &jar).await?;
        page.error = Some(lang.t("signing-reason-required"));
        page.reason = form.reason;
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response());
    }
    let mut tx = state.db.pool.begin().await?;
    lock_order(&mut tx, loaded.order.id).await?;
    sqlx::query(
        "UPDATE signature_signers SET status = 'rejected', status_reason = $1, verified_hash = NULL \
         WHERE id = $2",
    )
    .bind(&reason)
    .bind(loaded.signer.id)
    .execute(&mut *tx)
    .await?;
    store::set_order_status(&mut tx, loaded.order.id, status::REJECTED, Some(&reason)).await?;
    store::add_event(
        &mut tx,
        loaded.order.id,
        Some(loaded.signer.id),
        "rejected",
        Some(&reason),
        None,
    )
    .await?;
    tx.commit().await?;
    Ok(Redirect::to(&format!("/sign/{token}")).into_response())
}
