//! The word-start index of customer names (`customer_name_words`): for every word of a name
//! after the first, each of its prefixes of [`MIN_PREFIX`] to [`MAX_PREFIX`] characters, next to
//! the name's sort key. "Customers with a later word of the name starting with `bygg`, in name
//! order" — the search's second rank — is then one range of an index already in the order the
//! list shows, read a page at a time however many customers match
//! (docs/decisions/0057-search-ranks-read-in-order.md). The first rank (the name starts with
//! it) is a range of the `sort_name` index itself.
//!
//! Kept by the application wherever a customer's name is written (`customers::store`, the
//! seeding), in the same transaction; [`check`] compares it with the names, for tests and for
//! `kundekort doctor`-style checks.

use std::collections::{BTreeSet, HashMap};

use sqlx::AnyConnection;

use crate::{
    Result,
    db::{
        Db,
        bulk::{Rows, SeedingConnection},
    },
};

/// Shorter terms match only the name's start (the `sort_name` index), as the substring search
/// does (trigrams need three characters).
pub const MIN_PREFIX: usize = 3;
/// Longer terms are looked up by their first `MAX_PREFIX` characters and checked row by row.
pub const MAX_PREFIX: usize = 12;

/// The prefixes a name is found by at a later word's start, from its sort key
/// ([`crate::collate::sort_key`]): every word that follows a space or a hyphen — as the rank's
/// `sort_name LIKE '% term%' OR sort_name LIKE '%-term%'` reads it — cut to 3..=12 characters.
pub fn prefixes(sort_name: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    let chars: Vec<char> = sort_name.chars().collect();
    for (i, c) in chars.iter().enumerate() {
        if *c != ' ' && *c != '-' {
            continue;
        }
        let word: Vec<char> = chars[i + 1..]
            .iter()
            .take_while(|c| **c != ' ' && **c != '-')
            .take(MAX_PREFIX)
            .copied()
            .collect();
        for len in MIN_PREFIX..=word.len() {
            out.insert(word[..len].iter().collect());
        }
    }
    out
}

/// The key a search term (in sort-key form, letters and digits only) is looked up by: its first
/// [`MAX_PREFIX`] characters. `None` for a term shorter than [`MIN_PREFIX`].
pub fn lookup_key(term: &str) -> Option<String> {
    (term.chars().count() >= MIN_PREFIX).then(|| term.chars().take(MAX_PREFIX).collect())
}

/// One word-start index: a table of `(prefix, sort_name, <owner>)` rows kept beside the
/// `sort_name` column of its source table, filled once after its migration (a counter says
/// whether it was done). Customers' ([`CUSTOMERS`]) and contacts'
/// (`contacts::name_words::CONTACTS`) are two of them.
pub struct WordIndex {
    /// The index's table.
    pub table: &'static str,
    /// Its column naming the row's owner (`customer_id`, `contact_id`).
    pub owner: &'static str,
    /// The table with the `id` and `sort_name` the index follows.
    pub source: &'static str,
    /// The `counters` row that says the index was filled.
    pub built: &'static str,
    /// `INSERT INTO <table> (prefix, sort_name, <owner>) VALUES ` (multi-row statements).
    pub insert_head: &'static str,
}

pub const CUSTOMERS: WordIndex = WordIndex {
    table: "customer_name_words",
    owner: "customer_id",
    source: "customers",
    built: "customer_name_words_built",
    insert_head: "INSERT INTO customer_name_words (prefix, sort_name, customer_id) VALUES ",
};

impl WordIndex {
    /// Writes the rows of `id` whose sort key is `sort_name` (a new row of the source).
    pub async fn insert(&self, conn: &mut AnyConnection, id: i64, sort_name: &str) -> Result<()> {
        self.insert_many(conn, &[(id, sort_name.to_string())]).await
    }

    /// Replaces the rows of `id` by those of its sort key `sort_name` (saved, or erased: an
    /// empty key has no rows).
    pub async fn replace(&self, conn: &mut AnyConnection, id: i64, sort_name: &str) -> Result<()> {
        let delete = format!("DELETE FROM {} WHERE {} = $1", self.table, self.owner);
        sqlx::query(sqlx::AssertSqlSafe(delete))
            .bind(id)
            .execute(&mut *conn)
            .await?;
        self.insert(conn, id, sort_name).await
    }

    /// Writes the rows of many, `(id, sort_name)`, in multi-row statements (seeding,
    /// [`Self::rebuild`]).
    pub async fn insert_many(
        &self,
        conn: &mut AnyConnection,
        names: &[(i64, String)],
    ) -> Result<()> {
        let mut rows = Rows::new(self.insert_head, 100);
        for (id, sort_name) in names {
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

    /// Fills the index, once: after the migration that created it (the first process to start
    /// claims the counter, others wait for its transaction and find it done).
    pub async fn build_if_new(&self, db: &Db) -> anyhow::Result<()> {
        let mut conn = SeedingConnection::acquire(db).await?;
        let mut tx = conn.begin().await?;
        let claimed = sqlx::query("UPDATE counters SET value = 1 WHERE name = $1 AND value = 0")
            .bind(self.built)
            .execute(&mut *tx)
            .await?
            .rows_affected();
        if claimed == 1 {
            self.rebuild(&mut tx).await?;
        }
        tx.commit().await?;
        conn.release().await?;
        Ok(())
    }

    /// Writes the index again from the source's sort keys (after [`Self::build_if_new`]'s
    /// migration, or rows written around the application, as tests do).
    pub async fn rebuild(&self, conn: &mut AnyConnection) -> Result<()> {
        sqlx::query(sqlx::AssertSqlSafe(format!("DELETE FROM {}", self.table)))
            .execute(&mut *conn)
            .await?;
        let select = format!("SELECT id, sort_name FROM {} ORDER BY id", self.source);
        let names: Vec<(i64, String)> = sqlx::query_as(sqlx::AssertSqlSafe(select))
            .fetch_all(&mut *conn)
            .await?;
        for chunk in names.chunks(10_000) {
            self.insert_many(conn, chunk).await?;
        }
        Ok(())
    }

    /// The ids whose rows differ from their sort keys' [`prefixes`] (at most `limit`): empty
    /// when the index is in step.
    pub async fn check(&self, conn: &mut AnyConnection, limit: usize) -> Result<Vec<i64>> {
        let select = format!("SELECT id, sort_name FROM {}", self.source);
        let names: Vec<(i64, String)> = sqlx::query_as(sqlx::AssertSqlSafe(select))
            .fetch_all(&mut *conn)
            .await?;
        let select = format!(
            "SELECT {}, prefix, sort_name FROM {}",
            self.owner, self.table
        );
        let rows: Vec<(i64, String, String)> = sqlx::query_as(sqlx::AssertSqlSafe(select))
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
        // Rows of owners that no longer exist.
        wrong.extend(stored.into_keys());
        wrong.truncate(limit);
        Ok(wrong)
    }
}

/// Writes the rows of customer `id` named `sort_name` (a new customer).
pub async fn insert(conn: &mut AnyConnection, id: i64, sort_name: &str) -> Result<()> {
    CUSTOMERS.insert(conn, id, sort_name).await
}

/// Writes the rows of many customers, `(id, sort_name)`, in multi-row statements (seeding).
pub async fn insert_many(conn: &mut AnyConnection, customers: &[(i64, String)]) -> Result<()> {
    CUSTOMERS.insert_many(conn, customers).await
}

/// Fills the index for every customer, once, after its migration.
pub async fn build_if_new(db: &Db) -> anyhow::Result<()> {
    CUSTOMERS.build_if_new(db).await
}

/// Writes the index again from the customers' names.
pub async fn rebuild(conn: &mut AnyConnection) -> Result<()> {
    CUSTOMERS.rebuild(conn).await
}

/// Replaces the rows of customer `id` when its name changed from `old` to `new` (sort keys).
pub async fn rename(conn: &mut AnyConnection, id: i64, old: &str, new: &str) -> Result<()> {
    if old == new {
        return Ok(());
    }
    CUSTOMERS.replace(conn, id, new).await
}

/// The customers whose rows differ from their names' [`prefixes`] (ids, at most `limit`).
pub async fn check(conn: &mut AnyConnection, limit: usize) -> Result<Vec<i64>> {
    CUSTOMERS.check(conn, limit).await
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::collate::sort_key;

    #[test]
    fn later_words_give_their_prefixes() {
        let p = prefixes(&sort_key("Hansen Bygg & Anlegg AS"));
        let want: BTreeSet<String> = ["byg", "bygg", "anl", "anle", "anleg", "anlegg"]
            .into_iter()
            .map(String::from)
            .collect();
        assert_eq!(p, want);
    }

    #[test]
    fn hyphens_start_words_and_norwegian_letters_count_as_one_character() {
        let p = prefixes(&sort_key("Øvre-Bygg Ås Rør AS"));
        assert!(p.contains("byg") && p.contains("bygg"));
        // "rør" in sort-key form: three characters.
        assert!(p.contains(&sort_key("rør")), "{p:?}");
        // The first word is the sort_name index's business.
        assert!(!p.iter().any(|w| w.starts_with(&sort_key("øvr"))));
        assert!(!p.contains(&sort_key("ås")), "two letters are too short");
    }

    #[test]
    fn long_words_stop_at_twelve_characters() {
        let p = prefixes("nord transportformidling as");
        assert!(p.contains("transportfor"));
        assert!(!p.contains("transportform"));
        assert_eq!(
            lookup_key("transportformidling").as_deref(),
            Some("transportfor")
        );
        assert_eq!(lookup_key("as"), None);
    }
}
