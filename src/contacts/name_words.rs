//! The word-start index of contact names (`contact_name_words`), the contacts' counterpart of
//! [`crate::customers::name_words`]: for every word of a contact's sort key after the first (the
//! sort key is "last name first name", so the first name and any later or hyphenated part of
//! either), each of its prefixes of 3 to 12 characters, next to the sort key. "Contacts with a
//! later word of the name starting with `kari`, in name order" — the search's second rank — is
//! one range of an index already in the order the search shows
//! (docs/decisions/0061-contact-search-read-in-order.md).
//!
//! Kept by the application wherever a contact's name is written (`contacts::store::insert` /
//! `update`, the GDPR erasure, the seeding), in the same transaction; [`check`] compares it with
//! the names.

use std::collections::{BTreeSet, HashMap};

use sqlx::AnyConnection;

use crate::{
    Result,
    customers::name_words::prefixes,
    db::{
        Db,
        bulk::{Rows, SeedingConnection},
    },
};

/// Writes the rows of contact `id` whose sort key is `sort_name` (a new contact).
pub async fn insert(conn: &mut AnyConnection, id: i64, sort_name: &str) -> Result<()> {
    for prefix in prefixes(sort_name) {
        sqlx::query(
            "INSERT INTO contact_name_words (prefix, sort_name, contact_id) VALUES ($1, $2, $3)",
        )
        .bind(prefix)
        .bind(sort_name)
        .bind(id)
        .execute(&mut *conn)
        .await?;
    }
    Ok(())
}

/// Replaces the rows of contact `id` by those of its sort key `sort_name` (a contact saved,
/// or erased: an empty key has no rows).
pub async fn replace(conn: &mut AnyConnection, id: i64, sort_name: &str) -> Result<()> {
    sqlx::query("DELETE FROM contact_name_words WHERE contact_id = $1")
        .bind(id)
        .execute(&mut *conn)
        .await?;
    insert(conn, id, sort_name).await
}

/// Writes the rows of many contacts, `(id, sort_name)`, in multi-row statements (seeding,
/// [`rebuild`]).
pub async fn insert_many(conn: &mut AnyConnection, contacts: &[(i64, String)]) -> Result<()> {
    let mut rows = Rows::new(
        "INSERT INTO contact_name_words (prefix, sort_name, contact_id) VALUES ",
        100,
    );
    for (id, sort_name) in contacts {
        for prefix in prefixes(sort_name) {
            rows.row()
                .push("(")
                .bind(prefix)
                .push(", ")
                .bind(sort_name.clone())
                .push(", ")
                .bind(*id)
                .push(")");
        }
    }
    rows.execute(conn).await?;
    Ok(())
}

/// Fills the index for every contact, once: after the migration that created it (a counter
/// says whether it was done; the first process to start claims it, others wait for its
/// transaction and find it done).
pub async fn build_if_new(db: &Db) -> anyhow::Result<()> {
    let mut conn = SeedingConnection::acquire(db).await?;
    let mut tx = conn.begin().await?;
    let claimed = sqlx::query(
        "UPDATE counters SET value = 1 WHERE name = 'contact_name_words_built' AND value = 0",
    )
    .execute(&mut *tx)
    .await?
    .rows_affected();
    if claimed == 1 {
        rebuild(&mut tx).await?;
    }
    tx.commit().await?;
    conn.release().await?;
    Ok(())
}

/// Writes the index again from the contacts' sort keys (after [`build_if_new`]'s migration, or
/// rows written around the application, as tests do).
pub async fn rebuild(conn: &mut AnyConnection) -> Result<()> {
    sqlx::query("DELETE FROM contact_name_words")
        .execute(&mut *conn)
        .await?;
    let contacts: Vec<(i64, String)> =
        sqlx::query_as("SELECT id, sort_name FROM contacts ORDER BY id")
            .fetch_all(&mut *conn)
            .await?;
    for chunk in contacts.chunks(10_000) {
        insert_many(conn, chunk).await?;
    }
    Ok(())
}

/// The contacts whose rows differ from their sort keys' [`prefixes`] (ids, at most `limit`):
/// empty when the index is in step.
pub async fn check(conn: &mut AnyConnection, limit: usize) -> Result<Vec<i64>> {
    let names: Vec<(i64, String)> = sqlx::query_as("SELECT id, sort_name FROM contacts")
        .fetch_all(&mut *conn)
        .await?;
    let rows: Vec<(i64, String, String)> =
        sqlx::query_as("SELECT contact_id, prefix, sort_name FROM contact_name_words")
            .fetch_all(&mut *conn)
            .await?;
    let mut stored: HashMap<i64, BTreeSet<(String, String)>> = HashMap::new();
    for (id, prefix, sort_name) in rows {
        stored.entry(id).or_default().insert((prefix, sort_name));
    }
    let mut wrong = Vec::new();
    for (id, sort_name) in &names {
        let expected: BTreeSet<(String, String)> = prefixes(sort_name)
            .into_iter()
            .map(|p| (p, sort_name.clone()))
            .collect();
        if stored.remove(id).unwrap_or_default() != expected {
            wrong.push(*id);
        }
    }
    // Rows of contacts that no longer exist.
    wrong.extend(stored.into_keys());
    wrong.truncate(limit);
    Ok(wrong)
}
