//! Messages logged on a worker (`messages.worker_id`): the worker page's Messages section reads
//! them here, and GDPR erasure of a worker removes those that belong to no customer's dialog.

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
