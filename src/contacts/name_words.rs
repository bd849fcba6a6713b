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

use sqlx::AnyConnection;

use crate::{Result, customers::name_words::WordIndex, db::Db};

pub const CONTACTS: WordIndex = WordIndex {
    table: "contact_name_words",
    owner: "contact_id",
    source: "contacts",
    built: "contact_name_words_built",
    insert_head: "INSERT INTO contact_name_words (prefix, sort_name, contact_id) VALUES ",
};

/// Writes the rows of contact `id` whose sort key is `sort_name` (a new contact).
pub async fn insert(conn: &mut AnyConnection, id: i64, sort_name: &str) -> Result<()> {
    CONTACTS.insert(conn, id, sort_name).await
}

/// Replaces the rows of contact `id` by those of its sort key `sort_name` (a contact saved,
/// or erased: an empty key has no rows).
pub async fn replace(conn: &mut AnyConnection, id: i64, sort_name: &str) -> Result<()> {
    CONTACTS.replace(conn, id, sort_name).await
}

/// Writes the rows of many contacts, `(id, sort_name)`, in multi-row statements (seeding).
pub async fn insert_many(conn: &mut AnyConnection, contacts: &[(i64, String)]) -> Result<()> {
    CONTACTS.insert_many(conn, contacts).await
}

/// Fills the index for every contact, once, after its migration.
pub async fn build_if_new(db: &Db) -> anyhow::Result<()> {
    CONTACTS.build_if_new(db).await
}

/// Writes the index again from the contacts' sort keys.
pub async fn rebuild(conn: &mut AnyConnection) -> Result<()> {
    CONTACTS.rebuild(conn).await
}

/// The contacts whose rows differ from their sort keys' prefixes (ids, at most `limit`).
pub async fn check(conn: &mut AnyConnection, limit: usize) -> Result<Vec<i64>> {
    CONTACTS.check(conn, limit).await
}
