//! A contact's access to the customer portal: rights (set directly or from an admin-kept
//! preset), one-time invitation links (valid 7 days, usable once) and revoking access — which
//! ends the contact's portal sessions at once. A contact who gains the right to approve
//! timesheets or sign while the firm requires two-factor log-in of such contacts, and has not
//! set it up, is logged out of the portal at once, so the next log-in enrols (decision 0065).

use super::{
    model::{Right, Rights},
    store::Contact,
};
use crate::{
    AppError, AppState, Result,
    audit::{self, Change},
    auth::{hash_token, random_token},
    db::{self, Db},
    dialog::{
        outbox::{self, NewEmail, Recipient},
        sealed::{Sealed, SealedKind},
    },
    error::{FieldErrors, Msg},
    i18n::Lang,
    norway::mobile::format_mobile,
    timefmt::now,
};

pub const INVITE_DAYS: i64 = 7;

#[derive(Clone, Debug, sqlx::FromRow)]
pub struct Preset {
    pub id: i64,
    pub name: String,
    pub rights: String,
}

impl Preset {
    pub fn rights(&self) -> Rights {
        Rights::from_stored(&self.rights)
    }
}

pub async fn presets(db: &Db) -> Result<Vec<Preset>> {
    Ok(
        sqlx::query_as("SELECT id, name, rights FROM portal_presets ORDER BY name")
            .fetch_all(&db.pool)
            .await?,
    )
}

pub async fn create_preset(db: &Db, name: &str, rights: &Rights) -> Result<()> {
    let mut errors = FieldErrors::default();
    if name.trim().is_empty() {
        errors.add("name", Msg::new("field-required"));
    } else if name.trim().chars().count() > 60 {
        errors.add("name", Msg::new("field-too-long").arg("max", 60));
    }
    if rights.0.is_empty() {
        errors.add("rights", Msg::new("rights-none"));
    }
    errors.into_result()?;
    let result =
        sqlx::query("INSERT INTO portal_presets (name, rights, created_at) VALUES ($1, $2, $3)")
            .bind(name.trim())
            .bind(rights.to_stored())
            .bind(now())
            .execute(&db.pool)
            .await;
    match result {
        Ok(_) => Ok(()),
        Err(e) if db::is_unique_violation(&e, "name") => {
            let mut errors = FieldErrors::default();
            errors.add("name", Msg::new("preset-duplicate"));
            Err(AppError::Invalid(errors))
        }
        Err(e) => Err(e.into()),
    }
}

pub async fn delete_preset(db: &Db, id: i64) -> Result<()> {
    sqlx::query("DELETE FROM portal_presets WHERE id = $1")
        .bind(id)
        .execute(&db.pool)
        .await?;
    Ok(())
}

/// Gives `c` portal access with `rights`, or changes the rights of existing access. Returns
/// whether an invitation was queued: only when access is new. Changing the rights of a contact
/// who has not accepted yet leaves their invitation as it is (re-inviting is its own action).
pub async fn grant(db: &Db, user_id: i64, c: &Contact, rights: &Rights) -> Result<bool> {
    let mut errors = FieldErrors::default();
    let Some(email) = c.email.clone() else {
        errors.add("portal", Msg::new("portal-needs-email"));
        return Err(AppError::Invalid(errors));
    };
    if c.active == 0 {
        errors.add("portal", Msg::new("portal-inactive-contact"));
        return Err(AppError::Invalid(errors));
    }
    if rights.0.is_empty() {
        errors.add("rights", Msg::new("rights-none"));
        return Err(AppError::Invalid(errors));
    }
    // Read before the transaction: SQLite has one writer, and the setting is the firm's.
    let approvers_need_two_factor = crate::auth::two_factor::approvers_required(db).await?;
    let mut tx = db.begin().await?;
    let now = now();
    let existing: Option<(String, Option<String>)> =
        sqlx::query_as("SELECT rights, password_hash FROM portal_accounts WHERE contact_id = $1")
            .bind(c.id)
            .fetch_optional(&mut *tx)
            .await?;
    let needs_invite = match &existing {
        None => {
            let inserted = sqlx::query(
                "INSERT INTO portal_accounts (contact_id, login_email, password_hash, rights, active, created_at, updated_at) \
                 VALUES ($1, $2, NULL, $3, 1, $4, $4)",
            )
            .bind(c.id)
            .bind(&email)
            .bind(rights.to_stored())
            .bind(now)
            .execute(&mut *tx)
            .await;
            if let Err(e) = inserted {
                if db::is_unique_violation(&e, "login_email") {
                    errors.add(
                        "portal",
                        Msg::new("portal-email-taken").arg("email", &email),
                    );
                    return Err(AppError::Invalid(errors));
                }
                return Err(e.into());
            }
            true
        }
        Some(_) => {
            sqlx::query("UPDATE portal_accounts SET rights = $1, active = 1, updated_at = $2 WHERE contact_id = $3")
                .bind(rights.to_stored())
                .bind(now)
                .bind(c.id)
                .execute(&mut *tx)
                .await?;
            false
        }
    };
    let change = Change {
        field: "portal_rights".into(),
        old: existing.map(|(r, _)| r),
        new: Some(rights.to_stored()),
    };
    let gains_approval = change.old.as_deref().is_some_and(|old| {
        !crate::auth::two_factor::is_approver(&Rights::from_stored(old))
            && crate::auth::two_factor::is_approver(rights)
    });
    audit::record(
        &mut tx,
        c.customer_id,
        "contact",
        c.id,
        "portal-grant",
        &[change],
        Some(user_id),
    )
    .await?;
    if gains_approval && approvers_need_two_factor {
        end_sessions_until_enrolled(&mut tx, user_id, c.id).await?;
    }
    if needs_invite {
        new_invite(&mut tx, user_id, c).await?;
    }
    tx.commit().await?;
    Ok(needs_invite)
}

/// Ends the contact's portal sessions when they have not set up two-factor log-in (they have
/// just become an approver the firm requires it of): the next log-in takes them to enrolment
/// before any portal page, as ticking the firm's setting does (decision 0059). Logged when any
/// ended, with the staff member who changed the rights.
async fn end_sessions_until_enrolled(
    conn: &mut sqlx::AnyConnection,
    user_id: i64,
    contact_id: i64,
) -> Result<()> {
    use crate::auth::security_log::{self, Event, Kind, Subject};
    let done = sqlx::query(
        "DELETE FROM sessions WHERE contact_id = $1 AND NOT EXISTS (SELECT 1 FROM \
         holder_two_factor t WHERE t.contact_id = $1 AND t.secret IS NOT NULL)",
    )
    .bind(contact_id)
    .execute(&mut *conn)
    .await?;
    if done.rows_affected() > 0 {
        let e = Event::new(Kind::SessionsRevoked, Subject::Contact(contact_id))
            .by(user_id)
            .detail(format!("two-factor required: {}", done.rows_affected()));
        security_log::record(conn, &e).await?;
    }
    Ok(())
}

/// A new invitation for a contact with access but no password; earlier links stop working.
pub async fn reinvite(db: &Db, user_id: i64, c: &Contact) -> Result<()> {
    let mut tx = db.begin().await?;
    new_invite(&mut tx, user_id, c).await?;
    tx.commit().await?;
    Ok(())
}

/// Ends earlier invitation links and queues the invitation email. The link is made when the
/// email is delivered ([`mint_invite`]): the dialog shows a placeholder, and nobody but the
/// contact ever sees a working link. Without email set up it waits in the outbox.
async fn new_invite(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    user_id: i64,
    c: &Contact,
) -> Result<()> {
    end_invitations(tx, c.id).await?;
    if let Some(email) = c.email.as_deref().filter(|e| !e.is_empty()) {
        let customer: String = sqlx::query_scalar("SELECT name FROM customers WHERE id = $1")
            .bind(c.customer_id)
            .fetch_one(&mut **tx)
            .await?;
        // The rights as saved in this transaction (`c` may be from before the change).
        let rights: Option<String> =
            sqlx::query_scalar("SELECT rights FROM portal_accounts WHERE contact_id = $1")
                .bind(c.id)
                .fetch_optional(&mut **tx)
                .await?;
        // Contacts have no language of their own yet: the portal speaks bokmål first.
        let lang = Lang::Nb;
        let sealed = Sealed::new(SealedKind::PortalInvite, c.id, lang);
        outbox::queue_email(
            tx,
            NewEmail {
                customer_id: Some(c.customer_id),
                worker_id: None,
                sender_user_id: Some(user_id),
                to: vec![Recipient {
                    name: c.name(),
                    email: email.to_string(),
                    contact_id: Some(c.id),
                }],
                cc: Vec::new(),
                subject: lang.t_with("invite-mail-subject", &[("customer", customer.clone())]),
                body: lang.t_with(
                    "invite-mail-body",
                    &[
                        ("name", c.first_name.clone()),
                        ("customer", customer),
                        ("link", sealed.placeholder.clone()),
                        ("days", INVITE_DAYS.to_string()),
                        ("offers", invite_offers(lang, &rights.unwrap_or_default())),
                    ],
                ),
                attachments: Vec::new(),
                sealed: Some(sealed),
            },
        )
        .await?;
    }
    Ok(())
}

/// What the invitation says the contact can do in the portal: one line per right held whose
/// part exists in the portal now, so the text grows with the portal and promises nothing more.
fn invite_offers(lang: Lang, stored_rights: &str) -> String {
    let rights = Rights::from_stored(stored_rights);
    let lines: Vec<String> = [
        Right::ViewAssignments,
        Right::ApproveTimesheets,
        Right::ViewInvoices,
        Right::ViewDocuments,
        Right::SignDocuments,
    ]
    .into_iter()
    .filter(|r| rights.has(*r))
    .map(|r| lang.t(&format!("invite-offer-{}", r.as_str())))
    .collect();
    if lines.is_empty() {
        lang.t("invite-offer-none")
    } else {
        lines.join("\n")
    }
}

async fn end_invitations(conn: &mut sqlx::AnyConnection, contact_id: i64) -> Result<()> {
    sqlx::query(
        "DELETE FROM one_time_links WHERE contact_id = $1 AND purpose = 'portal_invite' \
         AND used_at IS NULL",
    )
    .bind(contact_id)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// A new invitation link for the contact, made as the email carrying it is delivered; earlier
/// links stop working. `None` when the contact is no longer waiting for one (they accepted, or
/// access was revoked).
pub async fn mint_invite(state: &AppState, contact_id: i64) -> Result<Option<String>> {
    let waiting: Option<(i64,)> = sqlx::query_as(
        "SELECT p.contact_id FROM portal_accounts p JOIN contacts k ON k.id = p.contact_id \
         WHERE p.contact_id = $1 AND p.password_hash IS NULL AND p.active = 1 AND k.active = 1",
    )
    .bind(contact_id)
    .fetch_optional(&state.db.pool)
    .await?;
    if waiting.is_none() {
        return Ok(None);
    }
    let token = random_token();
    let at = now();
    let mut tx = state.db.begin().await?;
    end_invitations(&mut tx, contact_id).await?;
    sqlx::query(
        "INSERT INTO one_time_links (token_hash, purpose, contact_id, created_at, expires_at) \
         VALUES ($1, 'portal_invite', $2, $3, $4)",
    )
    .bind(hash_token(&token))
    .bind(contact_id)
    .bind(at)
    .bind(at + INVITE_DAYS * 86400)
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(Some(invite_url(&state.config.public_url, &token)))
}

/// A contact's portal account, as the portal's log-in and sessions read it: only while both the
/// contact and the account are active.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct Account {
    pub contact_id: i64,
    pub customer_id: i64,
    pub first_name: String,
    pub last_name: String,
    /// As stored; see [`Rights::from_stored`].
    pub rights: String,
    /// `None` until the invitation is accepted.
    pub password_hash: Option<String>,
}

const ACCOUNT: &str = "SELECT k.id AS contact_id, k.customer_id, k.first_name, k.last_name, p.rights, \
     p.password_hash FROM portal_accounts p JOIN contacts k ON k.id = p.contact_id \
     WHERE p.active = 1 AND k.active = 1";

/// The active account of an active contact.
pub async fn account(db: &Db, contact_id: i64) -> Result<Option<Account>> {
    let sql = format!("{ACCOUNT} AND p.contact_id = $1");
    Ok(sqlx::query_as(sqlx::AssertSqlSafe(sql))
        .bind(contact_id)
        .fetch_optional(&db.pool)
        .await?)
}

/// The active account of an active contact that logs in with this email.
pub async fn account_by_login(db: &Db, login_email: &str) -> Result<Option<Account>> {
    let sql = format!("{ACCOUNT} AND p.login_email = $1");
    Ok(sqlx::query_as(sqlx::AssertSqlSafe(sql))
        .bind(login_email)
        .fetch_optional(&db.pool)
        .await?)
}

/// Deletes a contact's portal account, open links and sessions: access ends at once.
pub(super) async fn end_access(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    contact_id: i64,
) -> Result<()> {
    // Two-factor log-in goes with the access (decision 0059): a new invitation starts afresh.
    for table in [
        "sessions",
        "one_time_links",
        "holder_login_challenges",
        "holder_two_factor_recovery",
        "holder_two_factor",
        "portal_accounts",
    ] {
        let sql = format!("DELETE FROM {table} WHERE contact_id = $1");
        sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(contact_id)
            .execute(&mut **tx)
            .await?;
    }
    Ok(())
}

/// Removes portal access; the contact's portal sessions and open invitations end at once.
pub async fn revoke(db: &Db, user_id: i64, c: &Contact) -> Result<()> {
    let mut tx = db.begin().await?;
    end_access(&mut tx, c.id).await?;
    audit::record(
        &mut tx,
        c.customer_id,
        "contact",
        c.id,
        "portal-revoke",
        &[],
        Some(user_id),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// The full link a contact opens to set a password.
pub fn invite_url(public_url: &url::Url, token: &str) -> String {
    let base = public_url.as_str().trim_end_matches('/');
    format!("{base}/portal/invite/{token}")
}

/// For display in lists.
pub fn contact_line(c: &Contact) -> String {
    let mut parts = vec![c.name()];
    if let Some(m) = &c.mobile {
        parts.push(format_mobile(m));
    }
    parts.join(" · ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_invitation_names_invoices_only_for_those_who_may_see_them() {
        let with = invite_offers(Lang::Nb, "view_invoices,view_documents");
        assert!(with.contains("fakturaer og kreditnotaer"), "{with}");
        assert!(with.contains("dokumenter vi deler med dere"), "{with}");
        let without = invite_offers(Lang::En, "approve_timesheets");
        assert_eq!(without, "– approve timesheets");
    }
}
