//! The delivery's columns of `invoice_state` (migrations 0018, 0024): starting an attempt (a new
//! key, the job queued), recording its outcome once with a history event on the card, and the
//! print list. Writes take the caller's connection; the outcome is recorded only while the
//! attempt is still the current one and pending, so a superseded or repeated job changes nothing.

use sqlx::AnyConnection;

use super::{EHF_KIND, EMAIL_KIND, Payload};
use crate::{
    Result,
    audit::{self, Change},
    db::Db,
    integrations::access_point::new_guid,
    jobs,
    timefmt::now,
};

/// An issued document's delivery as `invoice_state` holds it.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct Delivery {
    pub invoice_id: i64,
    pub customer_id: i64,
    pub kind: String,
    pub delivery_method: String,
    pub delivery_status: String,
    pub delivered_at: Option<i64>,
    pub delivery_detail: Option<String>,
    pub delivery_key: Option<String>,
    pub delivery_message_id: Option<i64>,
}

/// The delivery of an issued document; `None` for a draft or an unknown id.
pub async fn get(conn: &mut AnyConnection, invoice_id: i64) -> Result<Option<Delivery>> {
    Ok(sqlx::query_as(
        "SELECT s.invoice_id, i.customer_id, i.kind, s.delivery_method, s.delivery_status, \
         s.delivered_at, s.delivery_detail, s.delivery_key, s.delivery_message_id \
         FROM invoice_state s JOIN invoices i ON i.id = s.invoice_id WHERE s.invoice_id = $1",
    )
    .bind(invoice_id)
    .fetch_optional(conn)
    .await?)
}

/// The delivery when `key` is still its current attempt and it is pending; else `None` (the
/// job was superseded, or the outcome is already recorded).
pub async fn current(db: &Db, invoice_id: i64, key: &str) -> Result<Option<Delivery>> {
    let found = get(&mut *db.pool.acquire().await?, invoice_id).await?;
    Ok(found.filter(|d| d.delivery_status == "pending" && d.delivery_key.as_deref() == Some(key)))
}

/// Starts a delivery attempt by `method` (`ehf`, `email`, `paper`): pending, a fresh key, no
/// message yet, and for EHF and email the job queued — in the caller's transaction. Paper waits
/// on the print list. Returns the key.
pub async fn start(conn: &mut AnyConnection, invoice_id: i64, method: &str) -> Result<String> {
    let key = new_guid();
    sqlx::query(
        "UPDATE invoice_state SET delivery_method = $1, delivery_status = 'pending', \
         delivered_at = NULL, delivery_detail = NULL, delivery_key = $2, \
         delivery_message_id = NULL, updated_at = $3 WHERE invoice_id = $4",
    )
    .bind(method)
    .bind(&key)
    .bind(now())
    .bind(invoice_id)
    .execute(&mut *conn)
    .await?;
    let kind = match method {
        "ehf" => Some(EHF_KIND),
        "email" => Some(EMAIL_KIND),
        _ => None,
    };
    if let Some(kind) = kind {
        let payload = Payload {
            invoice_id,
            key: key.clone(),
            round: 0,
        };
        jobs::enqueue(conn, kind, &payload).await?;
    }
    Ok(key)
}

/// Records the email an attempt went out as, once (`false`: the attempt is no longer current
/// or already has its message).
pub async fn set_message(
    conn: &mut AnyConnection,
    invoice_id: i64,
    key: &str,
    message_id: i64,
    detail: &str,
) -> Result<bool> {
    let done = sqlx::query(
        "UPDATE invoice_state SET delivery_message_id = $1, delivery_detail = $2, updated_at = $3 \
         WHERE invoice_id = $4 AND delivery_key = $5 AND delivery_status = 'pending' \
         AND delivery_message_id IS NULL",
    )
    .bind(message_id)
    .bind(detail)
    .bind(now())
    .bind(invoice_id)
    .bind(key)
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Records an attempt's outcome (`sent` or `failed`) with its detail (see `detail` codes in
/// `pages`), once, and a history event on the card. `false` when the attempt was no longer
/// current and pending (nothing written).
pub async fn finish(
    conn: &mut AnyConnection,
    d: &Delivery,
    key: Option<&str>,
    status: &str,
    detail: &str,
    user_id: Option<i64>,
) -> Result<bool> {
    let at = now();
    let done = match key {
        Some(key) => {
            sqlx::query(
                "UPDATE invoice_state SET delivery_status = $1, delivered_at = $2, \
                 delivery_detail = $3, updated_at = $2 \
                 WHERE invoice_id = $4 AND delivery_key = $5 AND delivery_status = 'pending'",
            )
            .bind(status)
            .bind(at)
            .bind(detail)
            .bind(d.invoice_id)
            .bind(key)
            .execute(&mut *conn)
            .await?
        }
        None => {
            sqlx::query(
                "UPDATE invoice_state SET delivery_status = $1, delivered_at = $2, \
                 delivery_detail = $3, updated_at = $2 \
                 WHERE invoice_id = $4 AND delivery_method = $5 AND delivery_status <> 'sent'",
            )
            .bind(status)
            .bind(at)
            .bind(detail)
            .bind(d.invoice_id)
            .bind(&d.delivery_method)
            .execute(&mut *conn)
            .await?
        }
    };
    if done.rows_affected() != 1 {
        return Ok(false);
    }
    let action = if status == "sent" {
        "delivered"
    } else {
        "delivery_failed"
    };
    audit::record(
        conn,
        d.customer_id,
        "invoice",
        d.invoice_id,
        action,
        &[
            Change {
                field: "delivery_method".into(),
                old: None,
                new: Some(d.delivery_method.clone()),
            },
            Change {
                field: "delivery_detail".into(),
                old: None,
                new: Some(detail.to_string()),
            },
        ],
        user_id,
    )
    .await?;
    Ok(true)
}

/// One issued document waiting on the print list.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct ToPrint {
    pub invoice_id: i64,
    pub kind: String,
    pub number: Option<i64>,
    pub customer_id: i64,
    pub buyer_name: Option<String>,
    pub issue_date: Option<String>,
    pub total_ore: Option<i64>,
    pub delivery_status: String,
}

/// Issued documents to be printed and posted (method paper, not yet sent), oldest first.
pub async fn print_list(db: &Db) -> Result<Vec<ToPrint>> {
    Ok(sqlx::query_as(
        "SELECT s.invoice_id, i.kind, i.number, i.customer_id, i.buyer_name, i.issue_date, \
         i.total_ore, s.delivery_status FROM invoice_state s JOIN invoices i ON i.id = s.invoice_id \
         WHERE s.delivery_method = 'paper' AND s.delivery_status <> 'sent' \
         AND i.status = 'issued' ORDER BY i.issue_date, i.id LIMIT 1000",
    )
    .fetch_all(&db.pool)
    .await?)
}
