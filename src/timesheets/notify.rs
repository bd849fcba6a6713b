//! Telling a sheet's approvers that it waits for them (decision 0018), when it is submitted
//! (`store::submit` calls [`notify_approvers`]) and, later, as a reminder. Each approver of the
//! assignment who has not already given their approval is told once, through the outbox in the
//! caller's transaction, so the message shows in the customer's dialog:
//!
//! - one who logs in to the portal with the *approve timesheets* right gets an email pointing to
//!   the portal's timesheets page (no secret);
//! - anyone else gets a one-time link ([`super::links`]) by email, or by SMS when they have a
//!   mobile number and no email; with neither, nobody can be told (logged, and the result says so).
//!
//! Each is a row in `timesheet_approval_requests`, the owner of the sealed link: the stored
//! message has a placeholder, and the link is made only when the message is delivered.

use sqlx::AnyConnection;

use super::{
    links::LINK_DAYS,
    store::{Sheet, Status, get_in},
};
use crate::{
    Result,
    assignments::store::sheet_terms,
    contacts::{
        lookup::{self, Addresses},
        model::{Right, Rights},
    },
    db::Db,
    dialog::{
        outbox::{self, NewEmail, NewSms, Origin, Recipient},
        sealed::{Sealed, SealedKind},
    },
    i18n::Lang,
    timefmt::{date_text, now, when::parse_date},
};

/// Why the approvers are told.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Reason {
    Submitted,
    Reminder,
}

impl Reason {
    fn as_str(self) -> &'static str {
        match self {
            Reason::Submitted => "submitted",
            Reason::Reminder => "reminder",
        }
    }
}

/// How an approver was told.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Channel {
    /// By email, pointing to the portal where they log in.
    Portal,
    /// A one-time link by email.
    Email,
    /// A one-time link by SMS.
    Sms,
}

impl Channel {
    fn as_str(self) -> &'static str {
        match self {
            Channel::Portal => "portal",
            Channel::Email => "email",
            Channel::Sms => "sms",
        }
    }
}

/// One approver and how they were told (`None`: no email and no mobile number to tell them at).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Notified {
    pub contact_id: i64,
    pub channel: Option<Channel>,
}

/// What the message says about the sheet.
struct About {
    worker: String,
    title: String,
    period: String,
    week: i64,
    customer_id: i64,
    consultant_id: Option<i64>,
}

/// Tells each approver that sheet `sheet_id` waits for them, in the caller's transaction.
/// Nothing when the sheet is not submitted; an approver who already gave the first of two
/// approvals, or who is no longer an active contact of the customer, is left out.
pub async fn notify_approvers(
    conn: &mut AnyConnection,
    sheet_id: i64,
    reason: Reason,
) -> Result<Vec<Notified>> {
    Ok(notify(conn, sheet_id, reason, None)
        .await?
        .into_iter()
        .map(|(n, _)| n)
        .collect())
}

/// Tells one approver, `contact_id`, that sheet `sheet_id` still waits for them (the daily
/// reminders, `super::reminders`), as [`notify_approvers`] would; the queued message's id, or
/// `None` when they are not (or no longer) an approver who waits, or cannot be reached.
pub async fn notify_approver(
    conn: &mut AnyConnection,
    sheet_id: i64,
    contact_id: i64,
    reason: Reason,
) -> Result<Option<i64>> {
    Ok(notify(conn, sheet_id, reason, Some(contact_id))
        .await?
        .into_iter()
        .find_map(|(n, message)| (n.contact_id == contact_id).then_some(message).flatten()))
}

/// The approvers told (all of them, or only `only`), each with the message queued.
async fn notify(
    conn: &mut AnyConnection,
    sheet_id: i64,
    reason: Reason,
    only: Option<i64>,
) -> Result<Vec<(Notified, Option<i64>)>> {
    let sheet = get_in(conn, sheet_id).await?;
    if sheet.status() != Status::Submitted {
        return Ok(Vec::new());
    }
    let Some(t) = sheet_terms::terms(conn, sheet.assignment_id).await? else {
        return Ok(Vec::new());
    };
    let (worker, title, consultant_id): (String, String, Option<i64>) = sqlx::query_as(
        "SELECT w.name, a.title, a.consultant_id FROM assignments a \
         JOIN workers w ON w.id = a.worker_id WHERE a.id = $1",
    )
    .bind(t.id)
    .fetch_one(&mut *conn)
    .await?;
    let d = |s: &str| parse_date(s).map(date_text).unwrap_or_default();
    let about = About {
        worker,
        title,
        period: format!("{} – {}", d(&sheet.period_start), d(&sheet.period_end)),
        week: sheet.iso_week,
        customer_id: t.customer_id,
        consultant_id,
    };
    let mut approvers: Vec<i64> = [t.approver_contact_id, t.second_approver_contact_id]
        .into_iter()
        .flatten()
        .filter(|c| sheet.first_approved_by_contact_id != Some(*c))
        .filter(|c| only.is_none_or(|o| o == *c))
        .collect();
    approvers.dedup();
    let mut out = Vec::new();
    for contact_id in approvers {
        let Some(a) = lookup::addresses(conn, contact_id).await? else {
            continue;
        };
        if a.active != 1 || a.customer_id != t.customer_id {
            continue;
        }
        let told = tell(conn, sheet_id, &a, &about, reason).await?;
        let channel = told.map(|(c, _)| c);
        if channel.is_none() {
            tracing::warn!(
                sheet_id,
                contact_id,
                "an approver has no email and no mobile"
            );
        }
        out.push((
            Notified {
                contact_id,
                channel,
            },
            told.map(|(_, message)| message),
        ));
    }
    Ok(out)
}

fn filled(v: &Option<String>) -> Option<String> {
    v.clone().filter(|s| !s.trim().is_empty())
}

/// How an approver can be told, and at which address; `None` without one.
fn reach(a: &Addresses) -> Option<(Channel, String)> {
    let in_portal = a
        .portal_rights
        .as_deref()
        .is_some_and(|r| Rights::from_stored(r).has(Right::ApproveTimesheets));
    match (in_portal, filled(&a.email), filled(&a.mobile)) {
        (true, email, _) => email
            .or_else(|| filled(&a.login_email))
            .map(|e| (Channel::Portal, e)),
        (false, Some(e), _) => Some((Channel::Email, e)),
        (false, None, Some(m)) => Some((Channel::Sms, m)),
        (false, None, None) => None,
    }
}

/// How each approver still waited for was told about submitted `sheet` (for the staff's sheet
/// page): the latest request since its submission, by name; `None` when there is none and the
/// approver has no email and no mobile number (notify found nobody to tell; the channel column
/// cannot hold that, see decision 0018). Nothing for a sheet not submitted.
pub async fn told(db: &Db, sheet: &Sheet) -> Result<Vec<(String, Option<Channel>)>> {
    let (Status::Submitted, Some(since)) = (sheet.status(), sheet.submitted_at) else {
        return Ok(Vec::new());
    };
    let mut conn = db.pool.acquire().await?;
    let Some(t) = sheet_terms::terms(&mut conn, sheet.assignment_id).await? else {
        return Ok(Vec::new());
    };
    let mut out = Vec::new();
    let mut approvers: Vec<i64> = [t.approver_contact_id, t.second_approver_contact_id]
        .into_iter()
        .flatten()
        .filter(|c| sheet.first_approved_by_contact_id != Some(*c))
        .collect();
    approvers.dedup();
    for contact_id in approvers {
        let Some(a) = lookup::addresses(&mut conn, contact_id).await? else {
            continue;
        };
        if a.active != 1 || a.customer_id != t.customer_id {
            continue;
        }
        let latest: Option<(String,)> = sqlx::query_as(
            "SELECT channel FROM timesheet_approval_requests WHERE timesheet_id = $1 \
             AND contact_id = $2 AND created_at >= $3 ORDER BY id DESC LIMIT 1",
        )
        .bind(sheet.id)
        .bind(contact_id)
        .bind(since)
        .fetch_optional(&mut *conn)
        .await?;
        let channel = match latest.as_ref().map(|(c,)| c.as_str()) {
            Some("portal") => Some(Channel::Portal),
            Some("email") => Some(Channel::Email),
            Some(_) => Some(Channel::Sms),
            // Told of nothing: shown only when there was nobody to tell (an approver given an
            // address since will be told by the reminder).
            None if reach(&a).is_none() => None,
            None => continue,
        };
        out.push((a.name(), channel));
    }
    Ok(out)
}

/// Queues the message for one approver; how and the message's id, or `None` when they cannot
/// be reached.
async fn tell(
    conn: &mut AnyConnection,
    sheet_id: i64,
    a: &Addresses,
    about: &About,
    reason: Reason,
) -> Result<Option<(Channel, i64)>> {
    let Some((channel, address)) = reach(a) else {
        return Ok(None);
    };
    let (request_id,): (i64,) = sqlx::query_as(
        "INSERT INTO timesheet_approval_requests (timesheet_id, contact_id, reason, channel, \
         created_at) VALUES ($1, $2, $3, $4, $5) RETURNING id",
    )
    .bind(sheet_id)
    .bind(a.id)
    .bind(reason.as_str())
    .bind(channel.as_str())
    .bind(now())
    .fetch_one(&mut *conn)
    .await?;
    // Contacts have no language of their own yet: bokmål, as the portal's invitation.
    let lang = Lang::Nb;
    let kind = match channel {
        Channel::Portal => SealedKind::TimesheetPortal,
        Channel::Email | Channel::Sms => SealedKind::TimesheetApproval,
    };
    let sealed = Sealed::new(kind, request_id, lang);
    let args = [
        ("name", a.first_name.clone()),
        ("worker", about.worker.clone()),
        ("title", about.title.clone()),
        ("period", about.period.clone()),
        ("week", about.week.to_string()),
        ("link", sealed.placeholder.clone()),
        ("days", LINK_DAYS.to_string()),
    ];
    let reminder = match reason {
        Reason::Submitted => String::new(),
        Reason::Reminder => lang.t("timesheet-notify-reminder") + " ",
    };
    let recipient = Recipient {
        name: a.name(),
        email: address,
        contact_id: Some(a.id),
    };
    let message_id = if channel == Channel::Sms {
        let sms = NewSms {
            customer_id: Some(about.customer_id),
            worker_id: None,
            sender_user_id: about.consultant_id,
            to: recipient,
            body: reminder + &lang.t_with("timesheet-notify-sms", &args),
            sealed: Some(sealed),
        };
        outbox::queue_sms(conn, sms, &Origin::default()).await?
    } else {
        let body = match channel {
            Channel::Portal => "timesheet-notify-portal-body",
            _ => "timesheet-notify-link-body",
        };
        let email = NewEmail {
            customer_id: Some(about.customer_id),
            worker_id: None,
            sender_user_id: about.consultant_id,
            to: vec![recipient],
            cc: Vec::new(),
            subject: outbox::one_line(
                &(reminder + &lang.t_with("timesheet-notify-subject", &args)),
            ),
            body: lang.t_with(body, &args),
            attachments: Vec::new(),
            sealed: Some(sealed),
        };
        outbox::queue_email(conn, email).await?
    };
    sqlx::query("UPDATE timesheet_approval_requests SET message_id = $1 WHERE id = $2")
        .bind(message_id)
        .bind(request_id)
        .execute(&mut *conn)
        .await?;
    Ok(Some((channel, message_id)))
}
