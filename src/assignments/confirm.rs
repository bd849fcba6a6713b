//! The assignment confirmation (oppdragsbekreftelse): one email to the worker (with their pay)
//! and one to the customer's approvers (with the bill rate), queued in the outbox in one
//! transaction and logged in the card's dialog like every message. Neither sees the other's
//! rate.

use sqlx::AnyConnection;

use super::store::Assignment;
use crate::{
    Result,
    audit::{self, Change},
    contacts,
    dialog::outbox::{self, NewEmail, Recipient},
    i18n::Lang,
    money::format_kr,
    workers,
};

/// Who got a confirmation: (worker emailed, number of approvers emailed).
pub struct Sent {
    pub worker: bool,
    pub approvers: usize,
}

/// Queues the confirmations. `period` and `workplace` are the texts the page shows.
pub async fn send(
    conn: &mut AnyConnection,
    db: &crate::db::Db,
    user_id: i64,
    customer_name: &str,
    a: &Assignment,
    period: &str,
) -> Result<Sent> {
    // Confirmations go out in Norwegian: they are read by the customer and the worker.
    let lang = Lang::Nb;
    let worker = workers::store::get(db, a.worker_id).await?;
    let place = [a.workplace_street.as_deref(), a.workplace_city.as_deref()]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(", ");
    let hours = crate::timefmt::hours_text(a.hours_per_week_minutes);
    let common = |rate: String| {
        vec![
            ("worker", a.worker_name.clone()),
            ("customer", customer_name.to_string()),
            ("title", a.title.clone()),
            ("period", period.to_string()),
            ("place", place.clone()),
            ("hours", hours.clone()),
            ("rate", rate),
        ]
    };
    let subject = lang.t_with(
        "confirmation-subject",
        &[
            ("title", a.title.clone()),
            ("customer", customer_name.to_string()),
        ],
    );
    let mut sent = Sent {
        worker: false,
        approvers: 0,
    };
    if let Some(email) = worker.as_ref().and_then(|w| w.email.clone()) {
        outbox::queue_email(
            conn,
            NewEmail {
                customer_id: Some(a.customer_id),
                worker_id: Some(a.worker_id),
                sender_user_id: Some(user_id),
                to: vec![Recipient {
                    name: a.worker_name.clone(),
                    email,
                    contact_id: None,
                }],
                cc: Vec::new(),
                subject: subject.clone(),
                body: with_allowances(
                    lang,
                    a,
                    lang.t_with(
                        "confirmation-worker-body",
                        &common(format_kr(a.pay_rate_ore)),
                    ),
                ),
                attachments: Vec::new(),
                sealed: None,
            },
        )
        .await?;
        sent.worker = true;
    }
    let mut approvers = Vec::new();
    for id in [a.approver_contact_id, a.second_approver_contact_id]
        .into_iter()
        .flatten()
    {
        if let Some(c) = contacts::store::get(db, a.customer_id, id).await?
            && let Some(email) = c.email.clone()
        {
            approvers.push(Recipient {
                name: c.name(),
                email,
                contact_id: Some(c.id),
            });
        }
    }
    if !approvers.is_empty() {
        sent.approvers = approvers.len();
        outbox::queue_email(
            conn,
            NewEmail {
                customer_id: Some(a.customer_id),
                worker_id: None,
                sender_user_id: Some(user_id),
                to: approvers,
                cc: Vec::new(),
                subject,
                body: lang.t_with(
                    "confirmation-customer-body",
                    &common(format_kr(a.bill_rate_ore)),
                ),
                attachments: Vec::new(),
                sealed: None,
            },
        )
        .await?;
    }
    if sent.worker || sent.approvers > 0 {
        let change = Change {
            field: "confirmation".into(),
            old: None,
            new: Some(a.worker_name.clone()),
        };
        audit::record(
            conn,
            a.customer_id,
            "assignment",
            a.id,
            "assignment-confirm",
            &[change],
            Some(user_id),
        )
        .await?;
    }
    Ok(sent)
}

/// The worker's confirmation names the allowances agreed (names only, before the last
/// paragraph); the customer's does not.
fn with_allowances(lang: Lang, a: &Assignment, body: String) -> String {
    let names: Vec<String> = a.allowances().into_iter().map(|x| x.name).collect();
    if names.is_empty() {
        return body;
    }
    let line = lang.t_with("confirmation-allowances", &[("names", names.join(", "))]);
    match body.rsplit_once("\n\n") {
        Some((head, last)) => format!("{head}\n{line}\n\n{last}"),
        None => format!("{body}\n{line}"),
    }
}
