//! Rental offers in the database (`vacancy_offers`, migration 0033). Writes take the caller's
//! transaction and record each change on the customer's card (entity `vacancy`, the offer's
//! vacancy). The offer's PDF is a card document (category `offer`); sending it for signing is a
//! signing order on that document, and the signing order's completion accepts the offer
//! ([`signing_completed`], called by `signing::complete`).

use serde::Serialize;
use sqlx::{Any, AnyConnection, Transaction};

use crate::{
    AppError, Result,
    audit::{self, Change},
    db::Db,
    documents::store as documents,
    error::Msg,
    files::Stored,
    timefmt::{now, when::oslo_date},
};

pub mod status {
    pub const DRAFT: &str = "draft";
    pub const SENT: &str = "sent";
    pub const ACCEPTED: &str = "accepted";
    pub const DECLINED: &str = "declined";
    pub const EXPIRED: &str = "expired";
}

#[derive(Clone, Debug, Serialize, sqlx::FromRow)]
pub struct Offer {
    pub id: i64,
    pub vacancy_id: i64,
    pub customer_id: i64,
    pub document_id: i64,
    pub document_version_id: i64,
    /// The PDF's file name.
    pub file_name: String,
    /// `nb` or `en`.
    pub language: String,
    /// `draft`, `sent`, `accepted`, `declined` or `expired`.
    pub status: String,
    /// `email` or `signing`.
    pub sent_via: Option<String>,
    pub sent_at: Option<i64>,
    pub message_id: Option<i64>,
    pub signing_order_id: Option<i64>,
    /// `YYYY-MM-DD`.
    pub valid_until: String,
    /// `YYYY-MM-DD`.
    pub answered_on: Option<String>,
    pub answered_by: Option<String>,
    /// `signing`, or how it was answered as typed.
    pub answered_how: Option<String>,
    pub created_at: i64,
}

impl Offer {
    /// Still waiting for the customer's answer (and so can be sent, answered or expire).
    pub fn is_open(&self) -> bool {
        self.status == status::DRAFT || self.status == status::SENT
    }
}

const COLUMNS: &str = "o.id, o.vacancy_id, o.customer_id, o.document_id, o.document_version_id, \
    v.file_name, o.language, o.status, o.sent_via, o.sent_at, o.message_id, o.signing_order_id, \
    o.valid_until, o.answered_on, o.answered_by, o.answered_how, o.created_at \
    FROM vacancy_offers o JOIN document_versions v ON v.id = o.document_version_id";

/// A vacancy's offers, newest first.
pub async fn for_vacancy(db: &Db, vacancy_id: i64) -> Result<Vec<Offer>> {
    Ok(sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "SELECT {COLUMNS} WHERE o.vacancy_id = $1 ORDER BY o.id DESC"
    )))
    .bind(vacancy_id)
    .fetch_all(&db.pool)
    .await?)
}

/// One offer of a vacancy.
pub async fn get(db: &Db, vacancy_id: i64, offer_id: i64) -> Result<Option<Offer>> {
    Ok(sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "SELECT {COLUMNS} WHERE o.vacancy_id = $1 AND o.id = $2"
    )))
    .bind(vacancy_id)
    .bind(offer_id)
    .fetch_optional(&db.pool)
    .await?)
}

async fn history(
    conn: &mut AnyConnection,
    customer_id: i64,
    vacancy_id: i64,
    action: &str,
    changes: Vec<(&str, Option<String>)>,
    user_id: Option<i64>,
) -> Result<()> {
    let changes: Vec<Change> = changes
        .into_iter()
        .map(|(field, new)| Change {
            field: field.into(),
            old: None,
            new,
        })
        .collect();
    audit::record(
        conn,
        customer_id,
        "vacancy",
        vacancy_id,
        action,
        &changes,
        user_id,
    )
    .await
}

/// What a new offer is.
pub struct NewOffer<'a> {
    pub customer_id: i64,
    pub vacancy_id: i64,
    pub language: &'a str,
    /// `YYYY-MM-DD`.
    pub valid_until: &'a str,
    pub file_name: &'a str,
    pub stored: &'a Stored,
}

/// Saves a made offer: its PDF as a new card document (category `offer`) and the offer, a draft.
pub async fn create(tx: &mut Transaction<'_, Any>, user_id: i64, new: NewOffer<'_>) -> Result<i64> {
    let (category_id,): (i64,) =
        sqlx::query_as("SELECT id FROM document_categories WHERE key = 'offer'")
            .fetch_one(&mut **tx)
            .await?;
    let meta = documents::Meta {
        category_id,
        description: String::new(),
        valid_until: Some(new.valid_until.to_string()),
        shared_with_customer: false,
    };
    let (document_id, version_id) = documents::create(
        tx,
        new.customer_id,
        &meta,
        new.file_name,
        new.stored,
        Some(user_id),
    )
    .await?;
    let at = now();
    let (id,): (i64,) = sqlx::query_as(
        "INSERT INTO vacancy_offers (vacancy_id, customer_id, document_id, document_version_id, \
         language, status, valid_until, created_by, created_at, updated_at) \
         VALUES ($1, $2, $3, $4, $5, 'draft', $6, $7, $8, $8) RETURNING id",
    )
    .bind(new.vacancy_id)
    .bind(new.customer_id)
    .bind(document_id)
    .bind(version_id)
    .bind(new.language)
    .bind(new.valid_until)
    .bind(user_id)
    .bind(at)
    .fetch_one(&mut **tx)
    .await?;
    history(
        tx,
        new.customer_id,
        new.vacancy_id,
        "vacancy-offer-create",
        vec![
            ("offer", Some(new.file_name.to_string())),
            ("valid_until", Some(new.valid_until.to_string())),
        ],
        Some(user_id),
    )
    .await?;
    Ok(id)
}

/// Marks offers whose validity has passed without an answer as expired (cheap; run before
/// showing a vacancy's offers).
pub async fn expire_overdue(db: &Db, vacancy_id: i64) -> Result<()> {
    let today = crate::timefmt::when::date_string(oslo_date(now()));
    sqlx::query(
        "UPDATE vacancy_offers SET status = 'expired', updated_at = $1 \
         WHERE vacancy_id = $2 AND status IN ('draft', 'sent') AND valid_until < $3",
    )
    .bind(now())
    .bind(vacancy_id)
    .bind(today)
    .execute(&db.pool)
    .await?;
    Ok(())
}

/// Records that the offer was emailed (the message in the outbox).
pub async fn sent_by_email(
    tx: &mut Transaction<'_, Any>,
    user_id: i64,
    offer: &Offer,
    message_id: i64,
    to: &str,
) -> Result<()> {
    let changed = sqlx::query(
        "UPDATE vacancy_offers SET status = 'sent', sent_via = 'email', sent_at = $1, \
         message_id = $2, updated_at = $1 WHERE id = $3 AND status IN ('draft', 'sent')",
    )
    .bind(now())
    .bind(message_id)
    .bind(offer.id)
    .execute(&mut **tx)
    .await?
    .rows_affected();
    if changed != 1 {
        return Err(AppError::Conflict(Msg::new("offer-not-open")));
    }
    history(
        tx,
        offer.customer_id,
        offer.vacancy_id,
        "vacancy-offer-email",
        vec![
            ("offer", Some(offer.file_name.clone())),
            ("to", Some(to.to_string())),
        ],
        Some(user_id),
    )
    .await
}

/// A signing order was made for a document: an open offer with that document is now sent for
/// signing (called by `signing::orders::create`, in its transaction).
pub async fn signing_created(
    tx: &mut Transaction<'_, Any>,
    document_id: i64,
    order_id: i64,
    user_id: i64,
) -> Result<()> {
    let at = now();
    let offers: Vec<(i64, i64, i64)> = sqlx::query_as(
        "SELECT id, customer_id, vacancy_id FROM vacancy_offers \
         WHERE document_id = $1 AND status IN ('draft', 'sent')",
    )
    .bind(document_id)
    .fetch_all(&mut **tx)
    .await?;
    for (id, customer_id, vacancy_id) in offers {
        sqlx::query(
            "UPDATE vacancy_offers SET status = 'sent', sent_via = 'signing', sent_at = $1, \
             signing_order_id = $2, updated_at = $1 WHERE id = $3",
        )
        .bind(at)
        .bind(order_id)
        .bind(id)
        .execute(&mut **tx)
        .await?;
        history(
            tx,
            customer_id,
            vacancy_id,
            "vacancy-offer-signing",
            vec![("signing_order", Some(order_id.to_string()))],
            Some(user_id),
        )
        .await?;
    }
    Ok(())
}

/// A signing order was completed: the offer sent with it is accepted, on the day it completed,
/// by its signers (called by `signing::complete`, in its transaction).
pub async fn signing_completed(tx: &mut Transaction<'_, Any>, order_id: i64) -> Result<()> {
    let offers: Vec<(i64, i64, i64)> = sqlx::query_as(
        "SELECT id, customer_id, vacancy_id FROM vacancy_offers \
         WHERE signing_order_id = $1 AND status IN ('draft', 'sent', 'expired')",
    )
    .bind(order_id)
    .fetch_all(&mut **tx)
    .await?;
    if offers.is_empty() {
        return Ok(());
    }
    let signers: Vec<(String,)> =
        sqlx::query_as("SELECT name FROM signature_signers WHERE order_id = $1 ORDER BY position")
            .bind(order_id)
            .fetch_all(&mut **tx)
            .await?;
    let by = signers
        .into_iter()
        .map(|(n,)| n)
        .collect::<Vec<_>>()
        .join(", ");
    let today = crate::timefmt::when::date_string(oslo_date(now()));
    for (id, customer_id, vacancy_id) in offers {
        sqlx::query(
            "UPDATE vacancy_offers SET status = 'accepted', answered_on = $1, answered_by = $2, \
             answered_how = 'signing', recorded_by = NULL, updated_at = $3 WHERE id = $4",
        )
        .bind(&today)
        .bind(&by)
        .bind(now())
        .bind(id)
        .execute(&mut **tx)
        .await?;
        history(
            tx,
            customer_id,
            vacancy_id,
            "vacancy-offer-accepted",
            vec![
                ("answered_on", Some(today.clone())),
                ("answered_by", Some(by.clone())),
                ("answered_how", Some("signing".into())),
            ],
            None,
        )
        .await?;
    }
    Ok(())
}

/// The customer's answer recorded by hand: accepted or declined, on a day, by whom, how.
pub struct Answer {
    pub accepted: bool,
    /// `YYYY-MM-DD`.
    pub on: String,
    pub by: String,
    pub how: String,
}

pub async fn answer(
    tx: &mut Transaction<'_, Any>,
    user_id: i64,
    offer: &Offer,
    a: &Answer,
) -> Result<()> {
    let status = if a.accepted {
        status::ACCEPTED
    } else {
        status::DECLINED
    };
    // An expired offer can still be accepted late, if the agency agrees to it.
    let changed = sqlx::query(
        "UPDATE vacancy_offers SET status = $1, answered_on = $2, answered_by = $3, \
         answered_how = $4, recorded_by = $5, updated_at = $6 \
         WHERE id = $7 AND status IN ('draft', 'sent', 'expired')",
    )
    .bind(status)
    .bind(&a.on)
    .bind(&a.by)
    .bind(&a.how)
    .bind(user_id)
    .bind(now())
    .bind(offer.id)
    .execute(&mut **tx)
    .await?
    .rows_affected();
    if changed != 1 {
        return Err(AppError::Conflict(Msg::new("offer-already-answered")));
    }
    history(
        tx,
        offer.customer_id,
        offer.vacancy_id,
        if a.accepted {
            "vacancy-offer-accepted"
        } else {
            "vacancy-offer-declined"
        },
        vec![
            ("answered_on", Some(a.on.clone())),
            ("answered_by", Some(a.by.clone())),
            ("answered_how", Some(a.how.clone())),
        ],
        Some(user_id),
    )
    .await
}
