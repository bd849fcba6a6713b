//! Queuing a bulk send: many one-recipient messages written with multi-row statements, the same
//! rows [`super::queue_email_from`] and [`super::queue_sms`] write one by one.

use sqlx::AnyConnection;

use super::{
    super::send, Origin, Recipient, display, from_and_reply_to, new_uid, one_line, search_text,
};
use crate::{
    Result,
    db::Sql,
    dialog::model::{Channel, SmsLength, Status},
    jobs,
    timefmt::now,
};

/// One message of a bulk send: a single recipient, text already merged.
pub struct BulkMessage {
    pub customer_id: i64,
    pub to: Recipient,
    /// Empty for SMS.
    pub subject: String,
    pub body: String,
}

/// How many messages go in one multi-row statement (about 800 bound values).
const BULK_CHUNK: usize = 50;

/// Queues the messages of a bulk send in the caller's transaction: the same rows as
/// [`queue_email_from`] / [`queue_sms`] would write one by one, with four multi-row statements per
/// 50 messages instead of five statements per message (10,000 messages: 800 statements, not 50,000).
pub async fn queue_bulk(
    conn: &mut AnyConnection,
    channel: Channel,
    sender_user_id: Option<i64>,
    messages: Vec<BulkMessage>,
    origin: &Origin,
) -> Result<usize> {
    let (from_address, reply_to) = from_and_reply_to(conn, sender_user_id, channel).await?;
    let kind = match channel {
        Channel::Email => send::EMAIL_KIND,
        Channel::Sms => send::SMS_KIND,
    };
    let at = now();
    let opt_int = |sql: &mut Sql, v: Option<i64>| {
        match v {
            Some(v) => sql.bind(v),
            None => sql.push("NULL"),
        };
    };
    for chunk in messages.chunks(BULK_CHUNK) {
        let uids: Vec<String> = chunk.iter().map(|_| new_uid()).collect();
        let mut sql = Sql::new(
            "INSERT INTO messages (uid, customer_id, channel, direction, from_address, to_display, \
             cc_display, reply_to, subject, body, search_text, status, user_id, template_id, \
             bulk_id, sms_parts, created_at, updated_at) VALUES ",
        );
        for (i, (m, uid)) in chunk.iter().zip(&uids).enumerate() {
            if i > 0 {
                sql.push(", ");
            }
            let subject = one_line(&m.subject);
            let subject = subject.as_str();
            sql.push("(")
                .bind(uid.as_str())
                .push(", ")
                .bind(m.customer_id)
                .push(", ")
                .bind(channel.as_str())
                .push(", 'out', ")
                .bind(from_address.as_str())
                .push(", ")
                .bind(display(std::slice::from_ref(&m.to)))
                .push(", '', ");
            match &reply_to {
                Some(r) => sql.bind(r.as_str()),
                None => sql.push("NULL"),
            };
            sql.push(", ")
                .bind(subject)
                .push(", ")
                .bind(m.body.as_str())
                .push(", ")
                .bind(search_text(subject, &m.body))
                .push(", ")
                .bind(Status::Queued.as_str())
                .push(", ");
            opt_int(&mut sql, sender_user_id);
            sql.push(", ");
            opt_int(&mut sql, origin.template_id);
            sql.push(", ");
            match &origin.bulk_id {
                Some(b) => sql.bind(b.as_str()),
                None => sql.push("NULL"),
            };
            sql.push(", ");
            opt_int(
                &mut sql,
                (channel == Channel::Sms).then(|| SmsLength::of(&m.body).parts as i64),
            );
            sql.push(", ").bind(at).push(", ").bind(at).push(")");
        }
        sql.push(" RETURNING id, uid");
        let rows: Vec<(i64, String)> = sql.query_as().fetch_all(&mut *conn).await?;
        let id_of = |uid: &str| {
            rows.iter()
                .find(|(_, u)| u == uid)
                .map(|(id, _)| *id)
                .ok_or_else(|| anyhow::anyhow!("message {uid} was not returned"))
        };
        let ids: Vec<i64> = uids
            .iter()
            .map(|u| id_of(u))
            .collect::<anyhow::Result<_>>()?;
        let mut recipients = Sql::new(
            "INSERT INTO message_recipients (message_id, kind, contact_id, name, address) VALUES ",
        );
        let mut events =
            Sql::new("INSERT INTO message_events (message_id, at, status, detail) VALUES ");
        for (i, (m, id)) in chunk.iter().zip(&ids).enumerate() {
            if i > 0 {
                recipients.push(", ");
                events.push(", ");
            }
            recipients.push("(").bind(*id).push(", 'to', ");
            opt_int(&mut recipients, m.to.contact_id);
            recipients
                .push(", ")
                .bind(m.to.name.as_str())
                .push(", ")
                .bind(m.to.email.as_str())
                .push(")");
            events
                .push("(")
                .bind(*id)
                .push(", ")
                .bind(at)
                .push(", ")
                .bind(Status::Queued.as_str())
                .push(", NULL)");
        }
        recipients.query().execute(&mut *conn).await?;
        events.query().execute(&mut *conn).await?;
        let payloads: Vec<String> = ids
            .iter()
            .map(|id| {
                serde_json::to_string(&send::Payload {
                    message_id: *id,
                    sealed: None,
                })
            })
            .collect::<std::result::Result<_, _>>()
            .map_err(anyhow::Error::from)?;
        jobs::enqueue_many(conn, kind, &payloads).await?;
    }
    Ok(messages.len())
}
