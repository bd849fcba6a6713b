//! A sheet's life: draft → submitted → approved or rejected; a submitted sheet may be withdrawn
//! to a draft until it is decided; staff may reopen an approved sheet (with a reason) while it
//! is not invoiced. Each move's UPDATE checks the status the move starts from AND the version
//! the actor saw, so of two moves made at once on the same version exactly one wins and the
//! other gets a `Conflict` saying the sheet changed. Double approval: where the assignment
//! names a second approver, the first approval is recorded and the other approver's completes.
//! Every move writes a `timesheet_events` row; staff's moves also go to the card's history.

use sqlx::AnyConnection;

use super::{Actor, By, Sheet, Status, conflict, event, get_in, recompute, save::may_edit};
use crate::timesheets::notify::{self, Reason};
use crate::{
    AppError, Result,
    assignments::store::sheet_terms::{self, Terms},
    audit,
    db::{Arg, Sql},
    error::{FieldErrors, Msg},
    timefmt::now,
};

/// The longest comment or reason, in characters.
pub const COMMENT_MAX: usize = 1000;

async fn load(conn: &mut AnyConnection, id: i64) -> Result<(Sheet, Terms)> {
    let sheet = get_in(conn, id).await?;
    let t = sheet_terms::terms(conn, sheet.assignment_id)
        .await?
        .ok_or(AppError::NotFound)?;
    Ok((sheet, t))
}

/// `UPDATE … SET version + 1, sets … WHERE id, version, status IN from` plus `extra`; a
/// `Conflict` when nothing matched.
async fn guarded(
    conn: &mut AnyConnection,
    id: i64,
    version: i64,
    from: &[Status],
    sets: Vec<(&'static str, Arg)>,
    extra: &'static str,
) -> Result<i64> {
    let mut sql = Sql::new("UPDATE timesheets SET version = version + 1, updated_at = ");
    sql.bind(now());
    for (column, value) in sets {
        sql.push(", ").push(column).push(" = ").bind(value);
    }
    sql.push(" WHERE id = ")
        .bind(id)
        .push(" AND version = ")
        .bind(version)
        .push(" AND status IN (")
        .bind_list(from.iter().map(|s| s.as_str()))
        .push(")")
        .push(extra);
    if sql.query().execute(&mut *conn).await?.rows_affected() == 0 {
        return Err(conflict(conn, id, version).await);
    }
    Ok(version + 1)
}

fn required(field: &str, text: &str, key: &'static str) -> Result<String> {
    let text = text.trim();
    let mut e = FieldErrors::default();
    if text.is_empty() {
        e.add(field, Msg::new(key));
    } else if text.chars().count() > COMMENT_MAX {
        e.add(field, Msg::new("timesheet-comment-too-long"));
    }
    e.into_result()?;
    Ok(text.to_string())
}

async fn audited(
    conn: &mut AnyConnection,
    by: &By,
    t: &Terms,
    sheet_id: i64,
    action: &str,
    reason: Option<&str>,
) -> Result<()> {
    if let Actor::Staff(user) = by.actor {
        let changes: Vec<audit::Change> = reason
            .map(|r| audit::Change {
                field: "reason".into(),
                old: None,
                new: Some(r.to_string()),
            })
            .into_iter()
            .collect();
        audit::record(
            conn,
            t.customer_id,
            "timesheet",
            sheet_id,
            action,
            &changes,
            Some(user),
        )
        .await?;
    }
    Ok(())
}

/// Draft or rejected → submitted, by the worker or staff on their behalf; the approvers are
/// told through the outbox in the same transaction (`timesheets::notify`).
pub async fn submit(conn: &mut AnyConnection, id: i64, version: i64, by: &By) -> Result<i64> {
    let (sheet, t) = load(conn, id).await?;
    may_edit(by, &t)?;
    let v = guarded(
        conn,
        id,
        version,
        &[Status::Draft, Status::Rejected],
        vec![
            ("status", Status::Submitted.as_str().into()),
            ("submitted_at", now().into()),
            ("decided_at", Arg::NullInt),
            ("decided_by_contact_id", Arg::NullInt),
            ("comment", Arg::NullText),
        ],
        "",
    )
    .await?;
    // The rates are fixed now, and the sheet priced at them (decision 0022).
    recompute::fix_rates(conn, id, &t).await?;
    recompute::recompute(conn, &sheet, t.clone()).await?;
    event(conn, id, "submitted", by, None).await?;
    audited(conn, by, &t, id, "timesheet-submit", None).await?;
    notify::notify_approvers(conn, id, Reason::Submitted).await?;
    Ok(v)
}

/// Submitted → draft, until it is decided: the worker (or staff on their behalf).
pub async fn withdraw(conn: &mut AnyConnection, id: i64, version: i64, by: &By) -> Result<i64> {
    let (_, t) = load(conn, id).await?;
    may_edit(by, &t)?;
    let v = guarded(
        conn,
        id,
        version,
        &[Status::Submitted],
        [
            ("status", Status::Draft.as_str().into()),
            ("submitted_at", Arg::NullInt),
            ("first_approved_by_contact_id", Arg::NullInt),
            ("first_approved_at", Arg::NullInt),
        ]
        .into_iter()
        .chain(recompute::released())
        .collect(),
        "",
    )
    .await?;
    event(conn, id, "withdrawn", by, None).await?;
    audited(conn, by, &t, id, "timesheet-withdraw", None).await?;
    Ok(v)
}

fn approver(by: &By, t: &Terms) -> Result<i64> {
    match by.actor {
        Actor::Contact(c) if t.is_approver(c) => Ok(c),
        _ => Err(AppError::Forbidden),
    }
}

/// What an approval did.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Approval {
    /// The first of two: the sheet waits for the other approver.
    First {
        version: i64,
    },
    Approved {
        version: i64,
    },
}

/// Submitted → approved by one of the assignment's approvers; with two approvers, the first
/// approval is recorded and the other's completes it.
pub async fn approve(conn: &mut AnyConnection, id: i64, version: i64, by: &By) -> Result<Approval> {
    let (sheet, t) = load(conn, id).await?;
    let contact = approver(by, &t)?;
    let two = matches!(
        (t.approver_contact_id, t.second_approver_contact_id),
        (Some(a), Some(b)) if a != b
    );
    if two && sheet.first_approved_by_contact_id.is_none() {
        let v = guarded(
            conn,
            id,
            version,
            &[Status::Submitted],
            vec![
                ("first_approved_by_contact_id", contact.into()),
                ("first_approved_at", now().into()),
            ],
            " AND first_approved_by_contact_id IS NULL",
        )
        .await?;
        event(conn, id, "first_approved", by, None).await?;
        return Ok(Approval::First { version: v });
    }
    if two && sheet.first_approved_by_contact_id == Some(contact) {
        return Err(AppError::Conflict(Msg::new("timesheet-approved-by-you")));
    }
    let v = guarded(
        conn,
        id,
        version,
        &[Status::Submitted],
        vec![
            ("status", Status::Approved.as_str().into()),
            ("decided_at", now().into()),
            ("decided_by_contact_id", contact.into()),
        ],
        "",
    )
    .await?;
    event(conn, id, "approved", by, None).await?;
    Ok(Approval::Approved { version: v })
}

/// Submitted → rejected by an approver, with a comment (required).
pub async fn reject(
    conn: &mut AnyConnection,
    id: i64,
    version: i64,
    comment: &str,
    by: &By,
) -> Result<i64> {
    let (_, t) = load(conn, id).await?;
    let contact = approver(by, &t)?;
    let comment = required("comment", comment, "timesheet-reject-comment-required")?;
    let v = guarded(
        conn,
        id,
        version,
        &[Status::Submitted],
        [
            ("status", Status::Rejected.as_str().into()),
            ("decided_at", now().into()),
            ("decided_by_contact_id", contact.into()),
            ("comment", comment.clone().into()),
            ("first_approved_by_contact_id", Arg::NullInt),
            ("first_approved_at", Arg::NullInt),
        ]
        .into_iter()
        .chain(recompute::released())
        .collect(),
        "",
    )
    .await?;
    event(conn, id, "rejected", by, Some(&comment)).await?;
    Ok(v)
}

/// Approved → draft by staff, with a reason (required), while the sheet is not invoiced.
pub async fn reopen(
    conn: &mut AnyConnection,
    id: i64,
    version: i64,
    reason: &str,
    by: &By,
) -> Result<i64> {
    let (sheet, t) = load(conn, id).await?;
    if !matches!(by.actor, Actor::Staff(_)) {
        return Err(AppError::Forbidden);
    }
    let reason = required("reason", reason, "timesheet-reopen-reason-required")?;
    if sheet.invoiced_at.is_some() {
        return Err(AppError::Conflict(Msg::new("timesheet-invoiced")));
    }
    let v = guarded(
        conn,
        id,
        version,
        &[Status::Approved],
        vec![
            ("status", Status::Draft.as_str().into()),
            ("submitted_at", Arg::NullInt),
            ("decided_at", Arg::NullInt),
            ("decided_by_contact_id", Arg::NullInt),
            ("first_approved_by_contact_id", Arg::NullInt),
            ("first_approved_at", Arg::NullInt),
        ],
        " AND invoiced_at IS NULL",
    )
    .await?;
    event(conn, id, "reopened", by, Some(&reason)).await?;
    audited(conn, by, &t, id, "timesheet-reopen", Some(&reason)).await?;
    Ok(v)
}
