//! What happens to a signing order: sending it (to the broker or with the built-in signature),
//! reminders, cancelling, expiry, and completing it with a signed copy stored as a new version
//! of the document. Emails to signers go through the dialog's outbox in the same transaction.

use sqlx::{Any, Transaction};

use super::store::{self, METHOD_IDURA, Order, Signer, signer_status, status};
use crate::{
    AppError, AppState, Result,
    dialog::{
        outbox::{self, NewEmail, NewSms, Origin, Recipient},
        sealed::{Sealed, SealedKind},
    },
    documents::store::Version,
    error::Msg,
    i18n::Lang,
    integrations::idura::{IduraClient, NewOrder},
    timefmt::{self, now},
};

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
    let mut tx = state.db.begin().await?;
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
    // A rental offer sent for signing is now sent (decision 0042).
    crate::vacancies::offers::store::signing_created(&mut tx, input.document_id, order_id, user_id)
        .await?;
    for (i, signer) in input.signers.iter().enumerate() {
        // The broker's link asks for BankID before it shows anything, so it is kept (to send
        // reminders); the simple signature's links are made when mailed (`links`).
        let (provider_id, broker_link) = match &broker {
            Some(created) => {
                let (_, id, href) = created
                    .signatories
                    .iter()
                    .find(|(r, _, _)| *r == references[i])
                    .ok_or_else(|| anyhow::anyhow!("signatory {} missing", references[i]))?;
                (Some(id.clone()), Some(href.clone()))
            }
            None => (None, None),
        };
        let (signer_id,): (i64,) = sqlx::query_as(
            "INSERT INTO signature_signers (order_id, contact_id, user_id, name, email, mobile, \
             position, status, provider_signatory_id, sign_url) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, 'open', $8, $9) RETURNING id",
        )
        .bind(order_id)
        .bind(signer.contact_id)
        .bind(signer.user_id)
        .bind(&signer.name)
        .bind(&signer.email)
        .bind(&signer.mobile)
        .bind(i as i64 + 1)
        .bind(provider_id)
        .bind(broker_link)
        .fetch_one(&mut *tx)
        .await?;
        let order = OrderMail {
            customer_id: input.customer_id,
            title: &input.title,
            message: &input.message,
            method: input.method,
            expires_at,
        };
        // The email is queued whenever there is an address, so it goes out if email is set up
        // later; "link sent" only when a channel reaches the signer (decisions 0047, 0049).
        let reached = reach(state, input.method, signer).await?;
        if reached == Reach::Sms {
            text_link(&mut tx, &order, signer_id, signer, user_id, false).await?;
        } else {
            mail_link(&mut tx, &order, signer_id, signer, user_id, false).await?;
        }
        store::add_event(
            &mut tx,
            order_id,
            Some(signer_id),
            reached.event(),
            None,
            Some(user_id),
        )
        .await?;
    }
    tx.commit().await?;
    state.jobs.wake();
    Ok(order_id)
}

/// How a signer hears of an order and proves who they are (decisions 0047, 0049).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Reach {
    /// The link by email (email is set up and the signer has an address).
    Email,
    /// Not by email, but SMS is set up and the signer has a mobile number: the link by SMS, and
    /// the simple signature's code by SMS too (decision 0049).
    Sms,
    /// Neither, but the signer is a contact with an accepted portal account and the right to
    /// sign: the order waits for them in the portal, where the log-in is the proof (simple
    /// signature only; BankID's link must be sent).
    Portal,
    /// Nothing reaches them: no link is sent, no reminder offered.
    None,
}

impl Reach {
    /// The order's event for the signer when it is sent.
    pub fn event(self) -> &'static str {
        match self {
            Reach::Email => "sent",
            Reach::Sms => "sent_sms",
            Reach::Portal => "waiting_in_portal",
            Reach::None => "unreachable",
        }
    }

    /// A link (and reminders) can be sent: by email or by SMS.
    pub fn sends(self) -> bool {
        matches!(self, Reach::Email | Reach::Sms)
    }
}

/// Who a signer is, as far as reaching them goes.
pub trait Reachable {
    fn contact_id(&self) -> Option<i64>;
    fn email(&self) -> &str;
    fn mobile(&self) -> &str;
}

impl Reachable for SignerInput {
    fn contact_id(&self) -> Option<i64> {
        self.contact_id
    }
    fn email(&self) -> &str {
        &self.email
    }
    fn mobile(&self) -> &str {
        &self.mobile
    }
}

impl Reachable for Signer {
    fn contact_id(&self) -> Option<i64> {
        self.contact_id
    }
    fn email(&self) -> &str {
        &self.email
    }
    fn mobile(&self) -> &str {
        &self.mobile
    }
}

/// The signer's mobile number in E.164 when it is one SMS can go to.
pub fn sms_number(mobile: &str) -> Option<String> {
    if mobile.trim().is_empty() {
        return None;
    }
    crate::norway::mobile::normalize_mobile(mobile).ok()
}

/// How the order with `method` reaches a signer: email first, then SMS, then the portal.
pub async fn reach(state: &AppState, method: &str, signer: &impl Reachable) -> Result<Reach> {
    if outbox::email_configured(&state.config) && !signer.email().trim().is_empty() {
        return Ok(Reach::Email);
    }
    if outbox::sms_configured(&state.config) && sms_number(signer.mobile()).is_some() {
        return Ok(Reach::Sms);
    }
    if method != store::METHOD_SIMPLE {
        return Ok(Reach::None);
    }
    let Some(contact_id) = signer.contact_id() else {
        return Ok(Reach::None);
    };
    let account = crate::contacts::portal_access::account(&state.db, contact_id).await?;
    let may_sign = account.is_some_and(|a| {
        a.password_hash.is_some()
            && crate::contacts::model::Rights::from_stored(&a.rights)
                .has(crate::contacts::model::Right::SignDocuments)
    });
    Ok(if may_sign { Reach::Portal } else { Reach::None })
}

struct OrderMail<'a> {
    customer_id: i64,
    title: &'a str,
    message: &'a str,
    method: &'a str,
    expires_at: i64,
}

/// Queues the email with the signing link (when the signer has an address). The link itself is
/// made at delivery: the stored message, which the dialog shows, has a placeholder.
async fn mail_link(
    tx: &mut Transaction<'_, Any>,
    order: &OrderMail<'_>,
    signer_id: i64,
    signer: &SignerInput,
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
    let sealed = Sealed::new(SealedKind::SigningLink, signer_id, lang);
    let subject_key = if reminder {
        "signing-mail-reminder-subject"
    } else {
        "signing-mail-subject"
    };
    outbox::queue_email(
        tx,
        NewEmail {
            customer_id: Some(order.customer_id),
            worker_id: None,
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
                    ("link", sealed.placeholder.clone()),
                    ("method", method),
                    ("expires", timefmt::oslo_date(order.expires_at)),
                ],
            ),
            attachments: Vec::new(),
            sealed: Some(sealed),
        },
    )
    .await?;
    Ok(true)
}

/// Queues the SMS with the signing link (decision 0049); like the email, the link is made at
/// delivery and the stored message has a placeholder.
async fn text_link(
    tx: &mut Transaction<'_, Any>,
    order: &OrderMail<'_>,
    signer_id: i64,
    signer: &SignerInput,
    sender: i64,
    reminder: bool,
) -> Result<bool> {
    let Some(number) = sms_number(&signer.mobile) else {
        return Ok(false);
    };
    let lang = Lang::Nb;
    let sealed = Sealed::new(SealedKind::SigningLink, signer_id, lang);
    let key = if reminder {
        "signing-sms-reminder-body"
    } else {
        "signing-sms-body"
    };
    outbox::queue_sms(
        tx,
        NewSms {
            customer_id: Some(order.customer_id),
            worker_id: None,
            sender_user_id: Some(sender),
            to: Recipient {
                name: signer.name.clone(),
                email: number,
                contact_id: signer.contact_id,
            },
            body: lang.t_with(
                key,
                &[
                    ("title", outbox::one_line(order.title)),
                    ("link", sealed.placeholder.clone()),
                    ("expires", timefmt::oslo_date(order.expires_at)),
                ],
            ),
            sealed: Some(sealed),
        },
        &Origin::default(),
    )
    .await?;
    Ok(true)
}

pub(super) fn idura(state: &AppState) -> Result<IduraClient> {
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
    // A reminder goes by the channel that reaches the signer: refused when none sends.
    let reached = reach(state, &order.method, signer).await?;
    if !reached.sends() {
        return Err(AppError::Conflict(Msg::new("signing-remind-no-email")));
    }
    let mut tx = state.db.begin().await?;
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
    let sent = if reached == Reach::Sms {
        text_link(&mut tx, &mail, signer.id, &input, user_id, true).await?
    } else {
        mail_link(&mut tx, &mail, signer.id, &input, user_id, true).await?
    };
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
        if reached == Reach::Sms {
            "reminded_sms"
        } else {
            "reminded"
        },
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
    let mut tx = state.db.begin().await?;
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
    let mut tx = state.db.begin().await?;
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
