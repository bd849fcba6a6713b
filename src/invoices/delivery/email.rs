//! Email: the document's PDF to the buyer's invoice email through the outbox, in the customer's
//! invoice language. The PDF becomes a card document first (category "other", as
//! `dialog::attach` does for uploads), so what was sent is on record in the dialog; then one
//! transaction writes the document, queues the email with it attached and records the message
//! on the delivery. The message's own outcome (sent, or failed after the outbox's retries)
//! becomes the delivery's: [`sync`] reads it, from a later job ([`watch`], with back-off) and
//! when the invoice page is viewed.

use sha2::{Digest, Sha256};

use super::{Payload, WATCH_KIND, store};
use crate::{
    AppError, Result,
    customers::billing::billing,
    dialog::outbox::{self, Attachment, NewEmail, Recipient},
    documents::store::{self as documents, Meta},
    files::{FileStore, Stored},
    i18n::Lang,
    invoices::documents::{Issued, pdf_bytes},
    jobs::{self, Outcome},
    money::format_kr,
    state::AppState,
    timefmt::now,
};

/// The first look at the email's outcome, in seconds; each further look waits twice as long,
/// at most an hour.
const FIRST_LOOK: i64 = 30;

fn subject_and_body(doc: &Issued, lang: Lang, seller: &str) -> (String, String) {
    let inv = &doc.invoice;
    let args = [
        ("number", inv.number.unwrap_or_default().to_string()),
        ("total", format_kr(inv.total_ore.unwrap_or(0))),
        ("due", inv.due_date.clone().unwrap_or_default()),
        ("kid", inv.kid.clone().unwrap_or_default()),
        ("seller", seller.to_string()),
    ];
    let which = if inv.kind == "credit_note" {
        "credit"
    } else {
        "invoice"
    };
    (
        lang.t_with(&format!("deliv-email-{which}-subject"), &args),
        lang.t_with(&format!("deliv-email-{which}-body"), &args),
    )
}

pub async fn deliver(state: &AppState, p: &Payload) -> Result<Outcome> {
    let Some(d) = store::current(&state.db, p.invoice_id, &p.key).await? else {
        return Ok(Outcome::Done);
    };
    if d.delivery_message_id.is_some() {
        return Ok(Outcome::Done);
    }
    let doc = {
        let mut conn = state.db.pool.acquire().await?;
        Issued::load(&mut conn, p.invoice_id).await?
    };
    let Some(doc) = doc else {
        return Ok(Outcome::Fail("not an issued document".into()));
    };
    let address = match doc
        .invoice
        .buyer_email
        .clone()
        .filter(|e| !e.trim().is_empty())
    {
        Some(a) => Some(a),
        None => billing(&mut *state.db.pool.acquire().await?, d.customer_id)
            .await?
            .and_then(|b| b.invoice_email()),
    };
    let Some(address) = address else {
        let mut tx = state.db.begin().await?;
        store::finish(&mut tx, &d, Some(&p.key), "failed", "no-email:", None).await?;
        tx.commit().await?;
        return Ok(Outcome::Done);
    };
    let pdf = match pdf_bytes(state, p.invoice_id).await {
        Ok(Some(bytes)) => bytes,
        Ok(None) => return Ok(Outcome::Fail("not an issued document".into())),
        Err(e) => return Ok(Outcome::Retry(format!("PDF: {e}"))),
    };
    let lang = Lang::parse(&doc.language).unwrap_or(Lang::Nb);
    let number = doc.invoice.number.unwrap_or_default();
    let file_name = if doc.invoice.kind == "credit_note" {
        lang.t_with("deliv-file-credit", &[("number", number.to_string())])
    } else {
        lang.t_with("deliv-file-invoice", &[("number", number.to_string())])
    };
    let stored = Stored {
        key: FileStore::new_key(d.customer_id),
        content_type: "application/pdf".into(),
        size_bytes: pdf.len() as i64,
        sha256: hex::encode(Sha256::digest(&pdf)),
    };
    state
        .files
        .put(&stored.key, pdf)
        .await
        .map_err(AppError::Internal)?;
    let other = documents::categories(&state.db, true)
        .await?
        .into_iter()
        .find(|c| c.key.as_deref() == Some("other"))
        .ok_or_else(|| AppError::Internal(anyhow::anyhow!("the category 'other' is missing")))?;
    let meta = Meta {
        category_id: other.id,
        description: lang.t_with("deliv-document-description", &[("name", file_name.clone())]),
        valid_until: None,
        shared_with_customer: false,
    };
    let (subject, body) = subject_and_body(&doc, lang, &state.config.seller.name);
    let mut tx = state.db.begin().await?;
    let (_, version_id) =
        documents::create(&mut tx, d.customer_id, &meta, &file_name, &stored, None).await?;
    let message_id = outbox::queue_email(
        &mut tx,
        NewEmail {
            customer_id: Some(d.customer_id),
            worker_id: None,
            sender_user_id: None,
            to: vec![Recipient {
                name: doc.invoice.buyer_name.clone().unwrap_or_default(),
                email: address.clone(),
                contact_id: None,
            }],
            cc: Vec::new(),
            subject,
            body,
            attachments: vec![Attachment {
                document_version_id: version_id,
                file_name: file_name.clone(),
                content_type: stored.content_type.clone(),
                size_bytes: stored.size_bytes,
            }],
            sealed: None,
        },
    )
    .await?;
    let detail = format!("email-to:{address}");
    if !store::set_message(&mut tx, p.invoice_id, &p.key, message_id, &detail).await? {
        // Superseded meanwhile: nothing of this attempt is kept.
        tx.rollback().await?;
        let _ = state.files.delete(&stored.key).await;
        return Ok(Outcome::Done);
    }
    let next = Payload {
        round: 0,
        ..p.clone()
    };
    jobs::enqueue_at(&mut tx, WATCH_KIND, &next, now() + FIRST_LOOK).await?;
    tx.commit().await?;
    state.jobs.wake();
    Ok(Outcome::Done)
}

/// Records the email's outcome on the delivery when the message has one; `true` while the
/// message still waits in the outbox.
pub async fn sync(state: &AppState, invoice_id: i64) -> Result<bool> {
    let mut conn = state.db.pool.acquire().await?;
    let Some(d) = store::get(&mut conn, invoice_id).await? else {
        return Ok(false);
    };
    let (Some(message_id), Some(key)) = (d.delivery_message_id, d.delivery_key.clone()) else {
        return Ok(false);
    };
    if d.delivery_status != "pending" {
        return Ok(false);
    }
    let Some((status, reason)) = outbox::status(&mut conn, message_id).await? else {
        return Ok(false);
    };
    drop(conn);
    let outcome = match status.as_str() {
        "sent" | "delivered" => Some(("sent", d.delivery_detail.clone().unwrap_or_default())),
        "failed" => Some((
            "failed",
            format!("error:{}", reason.unwrap_or_else(|| "email failed".into())),
        )),
        _ => None,
    };
    let Some((status, detail)) = outcome else {
        return Ok(true);
    };
    let mut tx = state.db.begin().await?;
    store::finish(&mut tx, &d, Some(&key), status, &detail, None).await?;
    tx.commit().await?;
    Ok(false)
}

/// The later look: the outcome recorded, or another look queued (30 s, doubled, at most an
/// hour; the outbox gives a message up after about an hour, so this ends).
pub async fn watch(state: &AppState, p: &Payload) -> Result<Outcome> {
    if store::current(&state.db, p.invoice_id, &p.key)
        .await?
        .is_none()
    {
        return Ok(Outcome::Done);
    }
    if sync(state, p.invoice_id).await? {
        let round = p.round.saturating_add(1).min(20);
        let wait = (FIRST_LOOK << round.min(7)).min(3600);
        let next = Payload { round, ..p.clone() };
        let mut conn = state.db.pool.acquire().await?;
        jobs::enqueue_at(&mut conn, WATCH_KIND, &next, now() + wait).await?;
    }
    Ok(Outcome::Done)
}
