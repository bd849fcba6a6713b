//! Completing a signing order: the signed copy becomes the document's newest version, marked
//! signed. For the simple signature the copy is made here (a signature page appended); for BankID
//! a job closes the order at the broker and stores the PAdES PDF it returns.

use sqlx::{Any, Transaction};

use super::{
    orders::{idura, lock_order},
    pdf::{self, Line},
    store::{self, Order, Signer, status},
};
use crate::{
    AppState, Result,
    config::Config,
    documents::store::{self as documents, Version},
    files::{FileStore, Stored},
    i18n::Lang,
    jobs::{self, BoxFuture, Claimed, Handler, Outcome},
    timefmt,
};

/// The job that closes a BankID order at the broker once everyone has signed.
pub const CLOSE_KIND: &str = "signing.close";

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
        if let Some(via) = &s.verified_via {
            // A code by SMS names the (masked) number it went to (decision 0049).
            let mobile = crate::signing::orders::sms_number(&s.mobile)
                .map(|n| super::simple::mask_mobile(&n))
                .unwrap_or_default();
            lines.push(Line::text(format!(
                "{}: {}",
                lang.t("signing-page-via"),
                lang.t_with(&format!("signing-page-via-{via}"), &[("mobile", mobile)])
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
    // A rental offer signed through this order is accepted (decision 0042).
    crate::vacancies::offers::store::signing_completed(tx, order.id).await?;
    Ok(version_id)
}

/// Queues closing a BankID order at the broker (everyone has signed).
pub async fn queue_close(tx: &mut Transaction<'_, Any>, order_id: i64) -> Result<()> {
    jobs::enqueue(tx, CLOSE_KIND, &serde_json::json!({ "order_id": order_id })).await?;
    Ok(())
}

/// The close job's handler, which `app` registers: it runs once Idura is configured.
pub struct Closing;

impl Handler for Closing {
    fn kinds(&self) -> &'static [&'static str] {
        &[CLOSE_KIND]
    }

    fn ready(&self, _kind: &str, config: &Config) -> bool {
        config.idura.is_some()
    }

    fn run<'a>(&'a self, state: &'a AppState, job: &'a Claimed) -> BoxFuture<'a, Outcome> {
        Box::pin(close_order(state, job))
    }

    fn failed<'a>(
        &'a self,
        state: &'a AppState,
        job: &'a Claimed,
        reason: &'a str,
    ) -> BoxFuture<'a, Result<()>> {
        Box::pin(close_failed(state, &job.payload, reason))
    }
}

async fn close_order(state: &AppState, job: &Claimed) -> Outcome {
    #[derive(serde::Deserialize)]
    struct Payload {
        order_id: i64,
    }
    let Ok(payload) = serde_json::from_str::<Payload>(&job.payload) else {
        return Outcome::Fail("bad payload".into());
    };
    match run_close(state, payload.order_id).await {
        Ok(()) => Outcome::Done,
        Err(reason) => Outcome::Retry(reason),
    }
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
    let mut tx = state.db.begin().await.map_err(|e| e.to_string())?;
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
    let mut tx = state.db.begin().await?;
    store::set_order_status(&mut tx, order_id, status::FAILED, Some(reason)).await?;
    store::add_event(&mut tx, order_id, None, "failed", Some(reason), None).await?;
    tx.commit().await?;
    Ok(())
}
