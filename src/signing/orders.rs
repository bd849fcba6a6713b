//! What happens to a signing order: sending it (to the broker or with the built-in signature),
//! reminders, cancelling, expiry, and completing it with a signed copy stored as a new version
//! of the document. Emails to signers go through the dialog's outbox in the same transaction.

use sqlx::{Any, Transaction};

use super::{
    pdf::{self, Line},
    store::{self, METHOD_IDURA, METHOD_SIMPLE, Order, Signer, signer_status, status},
};
use crate::{
    AppError, AppState, Result,
    auth::{hash_token, random_token},
    dialog::outbox::{self, NewEmail, Recipient},
    documents::{
        storage::{FileStore, Stored},
        store::{self as documents, Version},
    },
    error::Msg,
    i18n::Lang,
    integrations::idura::{IduraClient, NewOrder},
    jobs,
    timefmt::{self, now},
};

/// The job that closes a BankID order at the broker once everyone has signed.
pub const CLOSE_KIND: &str = "signing.close";

/// Someone asked to sign.
#[derive(Clone, Debug, PartialEq)]
pub struct SignerInput {
    pub contact_id: Option<i64>,
    pub user_id: Option<i64>,
    pub name: String,
    pub email: String,
    pub mobile: String,
}

pub struct OrderInput {
    pub customer_id: i64,
    pub version: Version,
    pub document_id: i64,
    pub title: String,
    pub message: String,
    pub expires_days: i64,
    pub method: &'static str,
    pub signers: Vec<SignerInput>,
}

fn sign_link(state: &AppState, token: &str) -> String {
    let mut url = state.config.public_url.clone();
    url.set_path(&format!("/sign/{token}"));
    url.to_string()
}

/// Sends a document version for signing. With BankID the order is created at the broker
/// first (nothing is saved when the broker refuses); then everything is written in one
/// transaction, with an email per signer in the outbox.
pub async fn create(state: &AppState, user_id: i64, input: OrderInput) -> Result<i64> {
    let at = now();
    let expires_at = at + input.expires_days * 86_400;
    // Our own references for each signer (stable within the order).
    let references: Vec<String> = (0..input.signers.len())
        .map(|i| format!("signer-{}", i + 1))
        .collect();
    let broker = match input.method {
        METHOD_IDURA => {
            let client = idura(state)?;
            let pdf = state.files.bytes(&input.version.storage_key).await?;
            let mut webhook_url = state.config.public_url.clone();
            webhook_url.set_path("/webhooks/idura");
            let created = client
                .create_order(NewOrder {
                    title: &input.title,
                    pdf: &pdf,
                    document_reference: &format!("version-{}", input.version.id),
                    signatory_references: references.clone(),
                    webhook_url,
                    expires_in_days: input.expires_days,
                    language: "NB_NO",
                    redirect_uri: None,
                })
                .await
                .map_err(|err| {
                    AppError::Unavailable(Msg::new("signing-broker-failed").arg("reason", err))
                })?;
            Some(created)
        }
        _ => None,
    };
    let mut tx = state.db.pool.begin().await?;
    let (order_id,): (i64,) = sqlx::query_as(
        "INSERT INTO signature_orders (customer_id, document_id, document_version_id, method, \
         status, title, message, provider_order_id, expires_at, created_by, created_at, \
         updated_at) VALUES ($1, $2, $3, $4, 'open', $5, $6, $7, $8, $9, $10, $10) RETURNING id",
    )
    .bind(input.customer_id)
    .bind(input.document_id)
    .bind(input.version.id)
    .bind(input.method)
    .bind(&input.title)
    .bind(&input.message)
    .bind(broker.as_ref().map(|b| b.id.clone()))
    .bind(expires_at)
    .bind(user_id)
    .bind(at)
    .fetch_one(&mut *tx)
    .await?;
    store::add_event(&mut tx, order_id, None, "created", None, Some(user_id)).await?;
    for (i, signer) in input.signers.iter().enumerate() {
        let (provider_id, link, token_hash) = match &broker {
            Some(created) => {
                let (_, id, href) = created
                    .signatories
                    .iter()
                    .find(|(r, _, _)| *r == references[i])
                    .ok_or_else(|| anyhow::anyhow!("signatory {} missing", references[i]))?;
                (Some(id.clone()), href.clone(), None)
            }
            None => {
                let token = random_token();
                (None, sign_link(state, &token), Some(hash_token(&token)))
            }
        };
        let (signer_id,): (i64,) = sqlx::query_as(
            "INSERT INTO signature_signers (order_id, contact_id, user_id, name, email, mobile, \
             position, status, provider_signatory_id, sign_url, token_hash) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, 'open', $8, $9, $10) RETURNING id",
        )
        .bind(order_id)
        .bind(signer.contact_id)
        .bind(signer.user_id)
        .bind(&signer.name)
        .bind(&signer.email)
        .bind(&signer.mobile)
        .bind(i as i64 + 1)
        .bind(provider_id)
        .bind(&link)
        .bind(token_hash)
        .fetch_one(&mut *tx)
        .await?;
        let order = OrderMail {
            customer_id: input.customer_id,
            title: &input.title,
            message: &input.message,
            method: input.method,
            expires_at,
        };
        mail_link(&mut tx, &order, signer, &link, user_id, false).await?;
        store::add_event(
            &mut tx,
            order_id,
            Some(signer_id),
            "sent",
            None,
            Some(user_id),
        )
        .await?;
    }
    tx.commit().await?;
    state.jobs.wake();
    Ok(order_id)
}

struct OrderMail<'a> {
    customer_id: i64,
    title: &'a str,
    message: &'a str,
    method: &'a str,
    expires_at: i64,
}

/// Queues the email with the signing link (when the signer has an address).
async fn mail_link(
    tx: &mut Transaction<'_, Any>,
    order: &OrderMail<'_>,
    signer: &SignerInput,
    link: &str,
    sender: i64,
    reminder: bool,
) -> Result<bool> {
    if signer.email.is_empty() {
        return Ok(false);
    }
    let lang = Lang::Nb;
    let method = lang.t(if order.method == METHOD_IDURA {
        "signing-method-idura"
    } else {
        "signing-method-simple"
    });
    let subject_key = if reminder {
        "signing-mail-reminder-subject"
    } else {
        "signing-mail-subject"
    };
    outbox::queue_email(
        tx,
        NewEmail {
            customer_id: order.customer_id,
            sender_user_id: Some(sender),
            to: vec![Recipient {
                name: signer.name.clone(),
                email: signer.email.clone(),
                contact_id: signer.contact_id,
            }],
            cc: Vec::new(),
            subject: lang.t_with(subject_key, &[("title", order.title.to_string())]),
            body: lang.t_with(
                "signing-mail-body",
                &[
                    ("name", signer.name.clone()),
                    ("title", order.title.to_string()),
                    ("message", order.message.to_string()),
                    ("link", link.to_string()),
                    ("method", method),
                    ("expires", timefmt::oslo_date(order.expires_at)),
                ],
            ),
            attachments: Vec::new(),
        },
    )
    .await?;
    Ok(true)
}

fn idura(state: &AppState) -> Result<IduraClient> {
    state
        .config
        .idura
        .as_ref()
        .map(IduraClient::new)
        .ok_or_else(|| AppError::Unavailable(Msg::new("signing-idura-not-configured")))
}

/// Sends the link again to one signer who has not signed.
pub async fn remind(
    state: &AppState,
    order: &Order,
    signer: &Signer,
    user_id: i64,
) -> Result<bool> {
    if order.status != status::OPEN || signer.status == signer_status::SIGNED {
        return Err(AppError::Conflict(Msg::new("signing-not-open")));
    }
    let Some(link) = &signer.sign_url else {
        return Ok(false);
    };
    let mut tx = state.db.pool.begin().await?;
    let input = SignerInput {
        contact_id: signer.contact_id,
        user_id: signer.user_id,
        name: signer.name.clone(),
        email: signer.email.clone(),
        mobile: signer.mobile.clone(),
    };
    let mail = OrderMail {
        customer_id: order.customer_id,
        title: &order.title,
        message: &order.message,
        method: &order.method,
        expires_at: order.expires_at,
    };
    let sent = mail_link(&mut tx, &mail, &input, link, user_id, true).await?;
    sqlx::query(
        "UPDATE signature_signers SET reminders = reminders + 1, last_reminded_at = $1 WHERE id = $2",
    )
    .bind(now())
    .bind(signer.id)
    .execute(&mut *tx)
    .await?;
    store::add_event(
        &mut tx,
        order.id,
        Some(signer.id),
        "reminded",
        None,
        Some(user_id),
    )
    .await?;
    tx.commit().await?;
    state.jobs.wake();
    Ok(sent)
}

/// Cancels an open order (at the broker too).
pub async fn cancel(state: &AppState, order: &Order, user_id: i64) -> Result<()> {
    if order.status != status::OPEN {
        return Err(AppError::Conflict(Msg::new("signing-not-open")));
    }
    if order.method == METHOD_IDURA
        && let Some(provider_id) = &order.provider_order_id
    {
        idura(state)?
            .cancel_order(provider_id)
            .await
            .map_err(|err| {
                AppError::Unavailable(Msg::new("signing-broker-failed").arg("reason", err))
            })?;
    }
    let mut tx = state.db.pool.begin().await?;
    lock_order(&mut tx, order.id).await?;
    store::set_order_status(&mut tx, order.id, status::CANCELLED, None).await?;
    store::add_event(&mut tx, order.id, None, "cancelled", None, Some(user_id)).await?;
    tx.commit().await?;
    Ok(())
}

/// Takes the order's row lock first, so two signers finishing at once cannot both miss being
/// the last (and two webhooks cannot both complete it).
pub async fn lock_order(tx: &mut Transaction<'_, Any>, order_id: i64) -> Result<()> {
    sqlx::query("UPDATE signature_orders SET updated_at = $1 WHERE id = $2")
        .bind(now())
        .bind(order_id)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

/// Marks open orders past their expiry date as expired. Cheap; run before showing orders.
pub async fn expire_overdue(state: &AppState) -> Result<()> {
    let at = now();
    let overdue: Vec<(i64,)> = sqlx::query_as(
        "SELECT id FROM signature_orders WHERE status = 'open' AND expires_at <= $1 LIMIT 1000",
    )
    .bind(at)
    .fetch_all(&state.db.pool)
    .await?;
    if overdue.is_empty() {
        return Ok(());
    }
    let mut tx = state.db.pool.begin().await?;
    for (id,) in overdue {
        let changed = sqlx::query(
            "UPDATE signature_orders SET status = 'expired', updated_at = $1, closed_at = $1 \
             WHERE id = $2 AND status = 'open'",
        )
        .bind(at)
        .bind(id)
        .execute(&mut *tx)
        .await?
        .rows_affected();
        if changed == 1 {
            store::add_event(&mut tx, id, None, "expired", None, None).await?;
        }
    }
    tx.commit().await?;
    Ok(())
}

/// The built-in signature's signed copy: the original with a signature page listing every
/// signer's evidence. Stored as a new version of the document, marked signed.
pub async fn complete_simple(
    tx: &mut Transaction<'_, Any>,
    files: &FileStore,
    order: &Order,
    original: &Version,
    original_bytes: &[u8],
    signers: &[Signer],
) -> Result<i64> {
    let lang = Lang::Nb;
    let mut lines = vec![
        Line::title(lang.t("signing-page-title")),
        Line::text(lang.t("signing-page-kind")),
        Line::blank(),
        Line::heading(lang.t_with("signing-page-document", &[("title", order.title.clone())])),
        Line::text(format!(
            "{}: {}",
            lang.t("signing-page-file"),
            original.file_name
        )),
        Line::text(format!("SHA-256: {}", original.sha256)),
        Line::blank(),
    ];
    for s in signers {
        lines.push(Line::heading(s.name.clone()));
        if !s.email.is_empty() {
            lines.push(Line::text(format!(
                "{}: {}",
                lang.t("signing-page-email"),
                s.email
            )));
        }
        lines.push(Line::text(format!(
            "{}: {}",
            lang.t("signing-page-signed-at"),
            s.signed_at.map(timefmt::oslo_datetime).unwrap_or_default()
        )));
        lines.push(Line::text(format!(
            "{}: {}",
            lang.t("signing-page-ip"),
            s.signed_ip.clone().unwrap_or_default()
        )));
        lines.push(Line::text(format!(
            "{}: {}",
            lang.t("signing-page-user-agent"),
            s.signed_user_agent.clone().unwrap_or_default()
        )));
        lines.push(Line::text(format!(
            "{}: {}",
            lang.t("signing-page-hash"),
            s.signed_sha256.clone().unwrap_or_default()
        )));
        lines.push(Line::blank());
    }
    let signed = pdf::append_page(original_bytes, &lines)
        .map_err(|err| anyhow::anyhow!("signature page: {err}"))?;
    store_signed_copy(tx, files, order, original, signed, None).await
}

/// Stores a signed PDF as the document's newest version and completes the order.
pub async fn store_signed_copy(
    tx: &mut Transaction<'_, Any>,
    files: &FileStore,
    order: &Order,
    original: &Version,
    signed: Vec<u8>,
    user_id: Option<i64>,
) -> Result<i64> {
    use sha2::Digest;
    let stored = Stored {
        key: FileStore::new_key(order.customer_id),
        content_type: "application/pdf".into(),
        size_bytes: signed.len() as i64,
        sha256: hex::encode(sha2::Sha256::digest(&signed)),
    };
    files.put(&stored.key, signed).await?;
    let stem = original
        .file_name
        .strip_suffix(".pdf")
        .or_else(|| original.file_name.strip_suffix(".PDF"))
        .unwrap_or(&original.file_name);
    let file_name = format!(
        "{stem} ({}).pdf",
        Lang::Nb.t("document-signed").to_lowercase()
    );
    let version_id = documents::add_version(
        tx,
        order.customer_id,
        order.document_id,
        &file_name,
        &stored,
        user_id,
        Some(order.id),
    )
    .await?;
    sqlx::query("UPDATE signature_orders SET signed_version_id = $1 WHERE id = $2")
        .bind(version_id)
        .bind(order.id)
        .execute(&mut **tx)
        .await?;
    store::set_order_status(tx, order.id, status::COMPLETED, None).await?;
    store::add_event(tx, order.id, None, "completed", None, None).await?;
    Ok(version_id)
}

/// Queues closing a BankID order at the broker (everyone has signed).
pub async fn queue_close(tx: &mut Transaction<'_, Any>, order_id: i64) -> Result<()> {
    jobs::enqueue(tx, CLOSE_KIND, &serde_json::json!({ "order_id": order_id })).await?;
    Ok(())
}

/// The close job: fetch the signed PDF from the broker and store it. Idempotent: an order that
/// is already completed is left alone.
pub async fn run_close(state: &AppState, order_id: i64) -> std::result::Result<(), String> {
    let order = store::order_by_id(&state.db, order_id)
        .await
        .map_err(|e| e.to_string())?
        .ok_or("the order is gone")?;
    if order.status == status::COMPLETED {
        return Ok(());
    }
    let provider_id = order
        .provider_order_id
        .clone()
        .ok_or("the order has no broker id")?;
    let client = idura(state).map_err(|e| e.to_string())?;
    let signed = client
        .close_order(&provider_id)
        .await
        .map_err(|e| e.to_string())?;
    let (_, original) = documents::version_by_id(&state.db, order.document_version_id)
        .await
        .map_err(|e| e.to_string())?
        .ok_or("the signed document's version is gone")?;
    let mut tx = state.db.pool.begin().await.map_err(|e| e.to_string())?;
    lock_order(&mut tx, order.id)
        .await
        .map_err(|e| e.to_string())?;
    store_signed_copy(&mut tx, &state.files, &order, &original, signed, None)
        .await
        .map_err(|e| e.to_string())?;
    tx.commit().await.map_err(|e| e.to_string())?;
    if let Err(err) = client.cleanup_order(&provider_id).await {
        tracing::warn!(order = order.id, %err, "could not clean up the order at the broker");
    }
    Ok(())
}

/// The close job gave up: the order is marked failed with the broker's reason, for staff to see.
pub async fn close_failed(state: &AppState, payload: &str, reason: &str) -> Result<()> {
    let Some(order_id) = serde_json::from_str::<serde_json::Value>(payload)
        .ok()
        .and_then(|v| v["order_id"].as_i64())
    else {
        return Ok(());
    };
    let mut tx = state.db.pool.begin().await?;
    store::set_order_status(&mut tx, order_id, status::FAILED, Some(reason)).await?;
    store::add_event(&mut tx, order_id, None, "failed", Some(reason), None).await?;
    tx.commit().await?;
    Ok(())
}

pub const METHODS: [&str; 2] = [METHOD_SIMPLE, METHOD_IDURA];
