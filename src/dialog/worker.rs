//! Messages logged on a worker (`messages.worker_id`): the worker page's Messages section reads
//! them here, staff write an email to a worker here, and GDPR erasure of a worker removes those that belong to no customer's dialog.

use sqlx::AnyConnection;

use super::query::{Row, SELECT};
use crate::{
    Result,
    customers::access::Visibility,
    db::{Db, Sql},
};

/// How many of a worker's messages the worker page lists.
pub const LIMIT: i64 = 100;

/// A worker's messages, newest first: those that concern no customer (an invitation), and
/// those in the dialog of a customer `visibility` allows.
pub async fn for_worker(db: &Db, visibility: Visibility, worker_id: i64) -> Result<Vec<Row>> {
    let mut sql = Sql::new(SELECT);
    sql.push(" AND m.worker_id = ").bind(worker_id);
    if !visibility.sees_whole_firm() {
        sql.push(" AND (m.customer_id IS NULL OR (c.id IS NOT NULL");
        visibility.push_filter(&mut sql, "c");
        sql.push("))");
    }
    sql.push(" ORDER BY m.created_at DESC, m.id DESC LIMIT ")
        .bind(LIMIT);
    Ok(sql.query_as().fetch_all(&db.pool).await?)
}

/// Deletes a worker's messages that belong to no customer's dialog, in the caller's
/// transaction (GDPR erasure; the recipients, events and attachments go with them). Messages in
/// a customer's dialog stay there, as the customer's record.
pub async fn erase_for_worker(conn: &mut AnyConnection, worker_id: i64) -> Result<()> {
    sqlx::query("DELETE FROM messages WHERE worker_id = $1 AND customer_id IS NULL")
        .bind(worker_id)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

/// Who a staff member writes to: a worker with an email address.
pub struct WorkerRecipient {
    pub id: i64,
    pub name: String,
    pub email: String,
}

/// Queues an email from `user_id` to a worker, logged on the worker (and no customer), in the
/// caller's transaction. The text is checked like every message (`dialog::check`) and merged
/// with the worker's name and the sender's (`{customer_name}` is empty: no customer).
pub async fn queue_email(
    conn: &mut AnyConnection,
    user_id: i64,
    to: WorkerRecipient,
    subject: &str,
    body: &str,
) -> Result<i64> {
    let mut errors = crate::error::FieldErrors::default();
    super::check::check(super::model::Channel::Email, subject, body, &mut errors);
    errors.into_result()?;
    let (sender_name, sender_email, sender_signature): (String, String, String) =
        sqlx::query_as("SELECT name, email, signature FROM users WHERE id = $1")
            .bind(user_id)
            .fetch_one(&mut *conn)
            .await?;
    let (first, last) = to
        .name
        .trim()
        .split_once(' ')
        .unwrap_or((to.name.trim(), ""));
    let data = super::merge::MergeData {
        first_name: first.to_string(),
        last_name: last.trim().to_string(),
        customer_name: String::new(),
        sender_name,
        sender_email,
        sender_signature,
    };
    super::outbox::queue_email(
        conn,
        super::outbox::NewEmail {
            customer_id: None,
            worker_id: Some(to.id),
            sender_user_id: Some(user_id),
            to: vec![super::outbox::Recipient {
                name: to.name,
                email: to.email,
                contact_id: None,
            }],
            cc: Vec::new(),
            subject: super::merge::apply(subject.trim(), &data),
            body: super::merge::apply(body, &data),
            attachments: Vec::new(),
            sealed: None,
        },
    )
    .await
}
