//! One-time approval links (decision 0018): a secret for one approver (decision 0009), bound to
//! one sheet and that approver, valid [`LINK_DAYS`] days, used up by approving or rejecting
//! (opening it may be repeated until then). Only the token's hash is stored, in
//! `one_time_links` with `purpose = 'timesheet_approval'`, `timesheet_id` and `contact_id`.
//! The link is made when the message carrying it is delivered ([`mint`], called by `app`'s
//! `Secrets`), for an approval request (`timesheet_approval_requests`, written by
//! [`super::notify`]) — and only while the sheet still waits for that approver.

use sqlx::AnyConnection;

use crate::{
    AppState, Result,
    auth::{hash_token, random_token},
    contacts::store as contacts,
    db::Db,
    timefmt::now,
};

/// How long an approval link works.
pub const LINK_DAYS: i64 = 14;

const PURPOSE: &str = "timesheet_approval";

/// Whether approval request `id` still waits (the sheet submitted, the contact an active
/// approver of the customer who has not given their approval yet); its sheet, contact and
/// channel.
async fn waiting(db: &Db, id: i64) -> Result<Option<(i64, i64, String)>> {
    let row: Option<(i64, i64, String, i64)> = sqlx::query_as(
        "SELECT r.timesheet_id, r.contact_id, r.channel, a.customer_id \
         FROM timesheet_approval_requests r JOIN timesheets t ON t.id = r.timesheet_id \
         JOIN assignments a ON a.id = t.assignment_id \
         WHERE r.id = $1 AND t.status = 'submitted' \
         AND (a.approver_contact_id = r.contact_id OR a.second_approver_contact_id = r.contact_id) \
         AND (t.first_approved_by_contact_id IS NULL OR t.first_approved_by_contact_id <> r.contact_id)",
    )
    .bind(id)
    .fetch_optional(&db.pool)
    .await?;
    let Some((sheet, contact, channel, customer)) = row else {
        return Ok(None);
    };
    let active = contacts::get_any(db, contact)
        .await?
        .is_some_and(|c| c.active == 1 && c.customer_id == customer);
    Ok(active.then_some((sheet, contact, channel)))
}

fn base(state: &AppState) -> &str {
    state.config.public_url.as_str().trim_end_matches('/')
}

/// A new approval link for request `id`, made as the message carrying it is delivered. `None`
/// when the sheet no longer waits for the approver (withdrawn, decided, approved by them).
pub async fn mint(state: &AppState, id: i64) -> Result<Option<String>> {
    let Some((sheet, contact, channel)) = waiting(&state.db, id).await? else {
        return Ok(None);
    };
    if channel == "portal" {
        return Ok(None);
    }
    let token = random_token();
    let at = now();
    sqlx::query(
        "INSERT INTO one_time_links (token_hash, purpose, contact_id, timesheet_id, created_at, \
         expires_at) VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(hash_token(&token))
    .bind(PURPOSE)
    .bind(contact)
    .bind(sheet)
    .bind(at)
    .bind(at + LINK_DAYS * 86400)
    .execute(&state.db.pool)
    .await?;
    Ok(Some(format!("{}/approve/{token}", base(state))))
}

/// The portal's timesheets page for request `id` (an approver who logs in there); `None` when
/// the sheet no longer waits for them.
pub async fn portal_url(state: &AppState, id: i64) -> Result<Option<String>> {
    Ok(match waiting(&state.db, id).await? {
        Some((_, _, channel)) if channel == "portal" => {
            Some(format!("{}/portal/timesheets", base(state)))
        }
        _ => None,
    })
}

/// What a token is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Link {
    /// Usable: for this sheet and this approver.
    Valid {
        sheet_id: i64,
        contact_id: i64,
    },
    Used,
    Expired,
    /// No such link (forged, mistyped, or of another kind): nothing more is said.
    Unknown,
}

/// A link's row: sheet, contact, expiry, use.
type Row = (Option<i64>, Option<i64>, i64, Option<i64>);

/// The link whose token this is, by its hash.
pub async fn find(db: &Db, token: &str) -> Result<Link> {
    let row: Option<Row> = sqlx::query_as(
        "SELECT timesheet_id, contact_id, expires_at, used_at FROM one_time_links \
         WHERE token_hash = $1 AND purpose = $2",
    )
    .bind(hash_token(token))
    .bind(PURPOSE)
    .fetch_optional(&db.pool)
    .await?;
    Ok(match row {
        Some((_, _, _, Some(_))) => Link::Used,
        Some((_, _, expires, None)) if expires <= now() => Link::Expired,
        Some((Some(sheet_id), Some(contact_id), _, None)) => Link::Valid {
            sheet_id,
            contact_id,
        },
        _ => Link::Unknown,
    })
}

/// Uses the link up, in the caller's transaction (with the approval or rejection it allows):
/// false when it was used or expired meanwhile, or is not for `sheet_id`. The approver's other
/// unused links to the same sheet (an earlier email, a reminder) end with it.
pub async fn use_up(conn: &mut AnyConnection, token: &str, sheet_id: i64) -> Result<bool> {
    let at = now();
    let contact: Option<i64> = sqlx::query_scalar(
        "UPDATE one_time_links SET used_at = $1 WHERE token_hash = $2 AND purpose = $3 \
         AND timesheet_id = $4 AND used_at IS NULL AND expires_at > $1 RETURNING contact_id",
    )
    .bind(at)
    .bind(hash_token(token))
    .bind(PURPOSE)
    .bind(sheet_id)
    .fetch_optional(&mut *conn)
    .await?;
    let Some(contact) = contact else {
        return Ok(false);
    };
    sqlx::query(
        "UPDATE one_time_links SET used_at = $1 WHERE purpose = $2 AND timesheet_id = $3 \
         AND contact_id = $4 AND used_at IS NULL",
    )
    .bind(at)
    .bind(PURPOSE)
    .bind(sheet_id)
    .bind(contact)
    .execute(&mut *conn)
    .await?;
    Ok(true)
}
