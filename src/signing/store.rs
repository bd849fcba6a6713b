//! Signing orders in the database: orders, their signers and their timeline.

use serde::Serialize;
use sqlx::AnyConnection;

use crate::{Result, db::Db, timefmt::now};

/// The order's state. `open` covers sent, opened and partly signed (see the signers).
pub mod status {
    pub const OPEN: &str = "open";
    pub const COMPLETED: &str = "completed";
    pub const REJECTED: &str = "rejected";
    pub const EXPIRED: &str = "expired";
    pub const CANCELLED: &str = "cancelled";
    pub const FAILED: &str = "failed";
}

pub mod signer_status {
    pub const OPEN: &str = "open";
    pub const OPENED: &str = "opened";
    pub const SIGNED: &str = "signed";
    pub const REJECTED: &str = "rejected";
}

pub const METHOD_IDURA: &str = "idura";
pub const METHOD_SIMPLE: &str = "simple";

#[derive(Clone, Debug, Serialize, sqlx::FromRow)]
pub struct Order {
    pub id: i64,
    pub customer_id: i64,
    pub document_id: i64,
    pub document_version_id: i64,
    pub method: String,
    pub status: String,
    pub status_reason: Option<String>,
    pub title: String,
    pub message: String,
    pub provider_order_id: Option<String>,
    pub expires_at: i64,
    pub signed_version_id: Option<i64>,
    pub created_by: Option<i64>,
    pub created_by_name: Option<String>,
    pub created_at: i64,
    pub updated_at: i64,
    pub closed_at: Option<i64>,
}

const ORDER_COLUMNS: &str = "o.id, o.customer_id, o.document_id, o.document_version_id, o.method, \
     o.status, o.status_reason, o.title, o.message, o.provider_order_id, o.expires_at, \
     o.signed_version_id, o.created_by, u.name AS created_by_name, o.created_at, o.updated_at, \
     o.closed_at FROM signature_orders o LEFT JOIN users u ON u.id = o.created_by";

/// An order as lists show it, with its signers counted.
#[derive(Clone, Debug, Serialize, sqlx::FromRow)]
pub struct OrderSummary {
    pub id: i64,
    pub customer_id: i64,
    pub document_id: i64,
    pub title: String,
    pub method: String,
    pub status: String,
    pub status_reason: Option<String>,
    pub signers: i64,
    pub signed: i64,
    pub opened: i64,
    pub expires_at: i64,
    pub created_by_name: Option<String>,
    pub created_at: i64,
}

impl OrderSummary {
    /// What the card shows: completed, rejected, …, or for open orders how far it has got.
    pub fn state_key(&self) -> &'static str {
        match self.status.as_str() {
            status::COMPLETED => "signing-state-completed",
            status::REJECTED => "signing-state-rejected",
            status::EXPIRED => "signing-state-expired",
            status::CANCELLED => "signing-state-cancelled",
            status::FAILED => "signing-state-failed",
            _ if self.signed > 0 => "signing-state-partly",
            _ if self.opened > 0 => "signing-state-opened",
            _ => "signing-state-sent",
        }
    }
}

const SUMMARY_SQL: &str = "SELECT o.id, o.customer_id, o.document_id, o.title, o.method, o.status, \
     o.status_reason, \
     (SELECT COUNT(*) FROM signature_signers s WHERE s.order_id = o.id) AS signers, \
     (SELECT COUNT(*) FROM signature_signers s WHERE s.order_id = o.id AND s.status = 'signed') AS signed, \
     (SELECT COUNT(*) FROM signature_signers s WHERE s.order_id = o.id AND s.status = 'opened') AS opened, \
     o.expires_at, u.name AS created_by_name, o.created_at \
     FROM signature_orders o LEFT JOIN users u ON u.id = o.created_by";

pub async fn orders_for_document(db: &Db, document_id: i64) -> Result<Vec<OrderSummary>> {
    Ok(sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "{SUMMARY_SQL} WHERE o.document_id = $1 ORDER BY o.created_at DESC, o.id DESC"
    )))
    .bind(document_id)
    .fetch_all(&db.pool)
    .await?)
}

pub async fn orders_for_customer(db: &Db, customer_id: i64) -> Result<Vec<OrderSummary>> {
    Ok(sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "{SUMMARY_SQL} WHERE o.customer_id = $1 ORDER BY o.created_at DESC, o.id DESC LIMIT 500"
    )))
    .bind(customer_id)
    .fetch_all(&db.pool)
    .await?)
}

pub async fn order(db: &Db, customer_id: i64, order_id: i64) -> Result<Option<Order>> {
    Ok(sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "SELECT {ORDER_COLUMNS} WHERE o.customer_id = $1 AND o.id = $2"
    )))
    .bind(customer_id)
    .bind(order_id)
    .fetch_optional(&db.pool)
    .await?)
}

pub async fn order_by_id(db: &Db, order_id: i64) -> Result<Option<Order>> {
    Ok(sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "SELECT {ORDER_COLUMNS} WHERE o.id = $1"
    )))
    .bind(order_id)
    .fetch_optional(&db.pool)
    .await?)
}

pub async fn order_by_provider_id(db: &Db, provider_order_id: &str) -> Result<Option<Order>> {
    Ok(sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "SELECT {ORDER_COLUMNS} WHERE o.provider_order_id = $1"
    )))
    .bind(provider_order_id)
    .fetch_optional(&db.pool)
    .await?)
}

#[derive(Clone, Debug, Serialize, sqlx::FromRow)]
pub struct Signer {
    pub id: i64,
    pub order_id: i64,
    pub contact_id: Option<i64>,
    pub user_id: Option<i64>,
    pub name: String,
    pub email: String,
    pub mobile: String,
    pub position: i64,
    pub status: String,
    pub status_reason: Option<String>,
    pub provider_signatory_id: Option<String>,
    /// The broker's link (BankID only): for the signer's emails, never shown to staff.
    #[serde(skip)]
    pub sign_url: Option<String>,
    #[serde(skip)]
    pub code_hash: Option<String>,
    pub code_expires_at: Option<i64>,
    pub code_attempts: i64,
    pub codes_sent: i64,
    #[serde(skip)]
    pub verified_hash: Option<String>,
    pub verified_until: Option<i64>,
    /// How the signer proved who they are: `email_code`, `sms_code` (decision 0049) or
    /// `portal_login` (decision 0047).
    pub verified_via: Option<String>,
    /// The channel that carried the newest code: `email` or `sms` (decision 0049).
    pub code_via: Option<String>,
    pub opened_at: Option<i64>,
    pub signed_at: Option<i64>,
    pub signed_ip: Option<String>,
    pub signed_user_agent: Option<String>,
    pub signed_sha256: Option<String>,
    pub reminders: i64,
    pub last_reminded_at: Option<i64>,
}

const SIGNER_COLUMNS: &str = "id, order_id, contact_id, user_id, name, email, mobile, position, \
     status, status_reason, provider_signatory_id, sign_url, code_hash, code_expires_at, \
     code_attempts, codes_sent, verified_hash, verified_until, verified_via, code_via, opened_at, signed_at, signed_ip, \
     signed_user_agent, signed_sha256, reminders, last_reminded_at FROM signature_signers";

pub async fn signers(db: &Db, order_id: i64) -> Result<Vec<Signer>> {
    Ok(sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "SELECT {SIGNER_COLUMNS} WHERE order_id = $1 ORDER BY position, id"
    )))
    .bind(order_id)
    .fetch_all(&db.pool)
    .await?)
}

/// The signers as the caller's transaction sees them (including its own changes).
pub async fn signers_in(conn: &mut AnyConnection, order_id: i64) -> Result<Vec<Signer>> {
    Ok(sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "SELECT {SIGNER_COLUMNS} WHERE order_id = $1 ORDER BY position, id"
    )))
    .bind(order_id)
    .fetch_all(&mut *conn)
    .await?)
}

pub async fn signer(db: &Db, signer_id: i64) -> Result<Option<Signer>> {
    Ok(sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "SELECT {SIGNER_COLUMNS} WHERE id = $1"
    )))
    .bind(signer_id)
    .fetch_optional(&db.pool)
    .await?)
}

/// The signer a signing link belongs to (any of their links, until it expires).
pub async fn signer_by_token_hash(db: &Db, token_hash: &str) -> Result<Option<Signer>> {
    Ok(sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "SELECT {SIGNER_COLUMNS} WHERE id = (SELECT signer_id FROM one_time_links \
         WHERE token_hash = $1 AND purpose = 'sign' AND expires_at > $2)"
    )))
    .bind(token_hash)
    .bind(now())
    .fetch_optional(&db.pool)
    .await?)
}

pub async fn signer_by_provider_id(db: &Db, signatory_id: &str) -> Result<Option<Signer>> {
    Ok(sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "SELECT {SIGNER_COLUMNS} WHERE provider_signatory_id = $1"
    )))
    .bind(signatory_id)
    .fetch_optional(&db.pool)
    .await?)
}

#[derive(Clone, Debug, Serialize, sqlx::FromRow)]
pub struct Event {
    pub id: i64,
    pub signer_id: Option<i64>,
    pub signer_name: Option<String>,
    pub kind: String,
    pub detail: Option<String>,
    pub user_name: Option<String>,
    pub at: i64,
}

pub async fn events(db: &Db, order_id: i64) -> Result<Vec<Event>> {
    Ok(sqlx::query_as(
        "SELECT e.id, e.signer_id, s.name AS signer_name, e.kind, e.detail, u.name AS user_name, \
         e.at FROM signature_events e \
         LEFT JOIN signature_signers s ON s.id = e.signer_id \
         LEFT JOIN users u ON u.id = e.user_id \
         WHERE e.order_id = $1 ORDER BY e.at, e.id",
    )
    .bind(order_id)
    .fetch_all(&db.pool)
    .await?)
}

/// Adds a line to the order's timeline.
pub async fn add_event(
    conn: &mut AnyConnection,
    order_id: i64,
    signer_id: Option<i64>,
    kind: &str,
    detail: Option<&str>,
    user_id: Option<i64>,
) -> Result<()> {
    sqlx::query(
        "INSERT INTO signature_events (order_id, customer_id, signer_id, kind, detail, user_id, at) \
         VALUES ($1, (SELECT customer_id FROM signature_orders WHERE id = $1), $2, $3, $4, $5, $6)",
    )
    .bind(order_id)
    .bind(signer_id)
    .bind(kind)
    .bind(detail)
    .bind(user_id)
    .bind(now())
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// Records a broker event under its key. `false` when the same event was recorded before:
/// the caller then changes nothing.
pub async fn add_event_once(
    conn: &mut AnyConnection,
    order_id: i64,
    signer_id: Option<i64>,
    kind: &str,
    event_key: &str,
) -> Result<bool> {
    let inserted = sqlx::query(
        "INSERT INTO signature_events (order_id, customer_id, signer_id, kind, event_key, at) \
         VALUES ($1, (SELECT customer_id FROM signature_orders WHERE id = $1), $2, $3, $4, $5) \
         ON CONFLICT (event_key) DO NOTHING",
    )
    .bind(order_id)
    .bind(signer_id)
    .bind(kind)
    .bind(event_key)
    .bind(now())
    .execute(&mut *conn)
    .await?
    .rows_affected();
    Ok(inserted == 1)
}

/// Sets the order's status (and closes it unless it stays open).
pub async fn set_order_status(
    conn: &mut AnyConnection,
    order_id: i64,
    status: &str,
    reason: Option<&str>,
) -> Result<()> {
    let at = now();
    let closed = (status != status::OPEN).then_some(at);
    sqlx::query(
        "UPDATE signature_orders SET status = $1, status_reason = $2, updated_at = $3, \
         closed_at = $4 WHERE id = $5",
    )
    .bind(status)
    .bind(reason)
    .bind(at)
    .bind(closed)
    .bind(order_id)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// Signers not yet signed, for an order that is `open`.
pub async fn unsigned_count(conn: &mut AnyConnection, order_id: i64) -> Result<i64> {
    let (n,): (i64,) = sqlx::query_as(
        "SELECT COUNT(*) FROM signature_signers WHERE order_id = $1 AND status <> 'signed'",
    )
    .bind(order_id)
    .fetch_one(&mut *conn)
    .await?;
    Ok(n)
}

/// Open signatures waiting for a contact (the portal).
#[derive(Clone, Debug, Serialize, sqlx::FromRow)]
pub struct Waiting {
    pub signer_id: i64,
    pub order_id: i64,
    pub title: String,
    pub expires_at: i64,
    pub method: String,
    pub created_at: i64,
}

pub async fn waiting_for_contact(
    db: &Db,
    contact_id: i64,
    customer_id: i64,
) -> Result<Vec<Waiting>> {
    Ok(sqlx::query_as(
        "SELECT s.id AS signer_id, o.id AS order_id, o.title, o.expires_at, o.method, \
         o.created_at FROM signature_signers s JOIN signature_orders o ON o.id = s.order_id \
         WHERE s.contact_id = $1 AND o.customer_id = $2 AND o.status = 'open' \
         AND s.status IN ('open', 'opened') AND o.expires_at > $3 ORDER BY o.created_at",
    )
    .bind(contact_id)
    .bind(customer_id)
    .bind(now())
    .fetch_all(&db.pool)
    .await?)
}
