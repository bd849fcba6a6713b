//! The contact search (the top bar's contacts group and the contacts page), ranked as the
//! customer search is: the sort key ("last name first name") starts with the first long word
//! typed (rank 0), a later word of it does (rank 1), a match anywhere else — inside a word, the
//! email, a number, the position (rank 2); ties in name order, then id.
//!
//! With few matches the substring index finds them all and they are sorted ([`plain`]). With
//! many (more than [`MANY`]) each rank is read from an index already in name order and stops
//! once the page is full (docs/decisions/0061-contact-search-read-in-order.md, as 0057 does for
//! customers):
//! - rank 0: the range of the `contacts_sort_name_search` index that starts with the term —
//!   read first in any case, since a page it fills needs no count;
//! - rank 1: the term's range of `contact_name_words` ([`super::name_words`]), minus rank 0;
//! - rank 2: the `contacts_sort_name_search` index walked in order, keeping matches of neither
//!   rank above (many matches lie close together along that walk).
//!
//! Every rank checks the search words on the row itself (`search_text LIKE '%word%'`, read from
//! the index, which carries the search text: decision 0085) and the
//! user's sight through the contact's customer ([`Visibility::push_filter`]), as the plain query
//! does; the rows are those, and in the order, of the plain query — which a test compares.

use std::sync::Arc;

use super::store::Found;
use crate::{
    Result,
    customers::{access::Visibility, name_words::lookup_key},
    db::{Db, Sql, in_order_of, search},
};

/// More matches than this: read rank by rank. Fewer: sorting them all costs no more.
pub const MANY: i64 = 1000;

const COLUMNS: &str = "k.id, k.customer_id, c.name AS customer_name, k.first_name, k.last_name, \
    k.position, k.email, k.mobile, k.active";

/// Where a page of the search is read on from (keyset paging): the last contact of the page
/// before, with its rank for this search and its sort key.
pub(super) struct Anchor {
    rank: i64,
    sort_name: String,
    id: i64,
}

impl Anchor {
    /// The contact `id` as a place to read on from, when the user may see it (a contact out of
    /// sight, erased or gone gives `None`: the search starts over).
    pub(super) async fn of(
        db: &Db,
        visibility: Visibility,
        query: &str,
        id: i64,
    ) -> Result<Option<Anchor>> {
        let mut sql = Sql::new(
            "SELECT k.sort_name FROM contacts k JOIN customers c ON c.id = k.customer_id \
             WHERE k.anonymised_at IS NULL AND k.id = ",
        );
        sql.bind(id);
        visibility.push_filter(&mut sql, "c");
        let Some((sort_name,)) = sql.query_as::<(String,)>().fetch_optional(&db.pool).await? else {
            return Ok(None);
        };
        // The rank [`search::rank_expression`] gives the row, computed here from its key.
        let rank = search::rank_term(query).map_or(0, |term| search::rank_of(&term, &sort_name));
        Ok(Some(Anchor {
            rank,
            sort_name,
            id,
        }))
    }

    /// `AND` the rows after the anchor within its rank, in `(sort_name, id)` order: the range
    /// `sort_name >= v` of the index the rank is read from, minus the ties up to the anchor.
    fn push_within_rank(&self, sql: &mut Sql, sort_name: &str, id: &str) {
        sql.push(&format!(" AND {sort_name} >= "))
            .bind(self.sort_name.clone())
            .push(&format!(" AND ({sort_name} > "))
            .bind(self.sort_name.clone())
            .push(&format!(" OR {id} > "))
            .bind(self.id)
            .push(")");
    }
}

/// The first `limit` contacts matching `query` that the user may see, ranked; with `after`,
/// the first `limit` after that contact in the same order.
pub(super) async fn search(
    db: &Db,
    visibility: Visibility,
    query: &str,
    limit: i64,
    after: Option<&Anchor>,
) -> Result<Vec<Found>> {
    // The ranks to read: those from the anchor's on.
    let from_rank = after.map_or(0, |a| a.rank);
    let within = |sql: &mut Sql, rank: i64, sort_name: &str, id: &str| {
        if let Some(a) = after.filter(|a| a.rank == rank) {
            a.push_within_rank(sql, sort_name, id);
        }
    };
    if let Some(term) = search::rank_term(query) {
        let upper = format!("{term}\u{10FFFF}");
        // Each rank reads ids alone (on PostgreSQL an index-only walk, its rows checked in the
        // index: decision 0085); the page's rows are read by id at the end.
        let mut items: Vec<i64> = Vec::new();
        if from_rank == 0 {
            // Rank 0: the name starts with the term (the last name, for most searches by name).
            let mut sql = walk(db, visibility, query);
            sql.push(" AND k.sort_name >= ")
                .bind(term.clone())
                .push(" AND k.sort_name < ")
                .bind(upper.clone());
            within(&mut sql, 0, "k.sort_name", "k.id");
            sql.push(" ORDER BY k.sort_name, k.id").limit(limit);
            items = ids(db, sql).await?;
            if items.len() as i64 >= limit {
                return by_ids(db, visibility, &items).await;
            }
        }
        let few = match matches(db, visibility, query).await? {
            Matches::Few(ids) => Some(ids),
            Matches::Many => None,
        };
        if few.is_none() {
            // Rank 1: a later word starts with it (and the name does not). The words' index
            // drives (`CROSS JOIN` keeps SQLite from starting elsewhere); its order (prefix,
            // sort key, contact id) is the search's.
            if let Some(key) = lookup_key(&term).filter(|_| from_rank <= 1) {
                let mut sql = Sql::new(
                    "SELECT k.id FROM contact_name_words w CROSS JOIN contacts k \
                     CROSS JOIN customers c WHERE k.id = w.contact_id AND c.id = k.customer_id \
                     AND k.anonymised_at IS NULL",
                );
                visibility.push_filter(&mut sql, "c");
                search::push_search_row_check(&mut sql, db.backend, "k", query);
                sql.push(" AND w.prefix = ")
                    .bind(key.clone())
                    .push(" AND NOT (k.sort_name >= ")
                    .bind(term.clone())
                    .push(" AND k.sort_name < ")
                    .bind(upper.clone())
                    .push(")");
                if key != term {
                    // Longer than the index's prefixes: the word must start with all of it.
                    sql.push(" AND (");
                    push_word_start(&mut sql, &term);
                    sql.push(")");
                }
                within(&mut sql, 1, "w.sort_name", "w.contact_id");
                // `limit` rows, not `limit` less those read: one statement for every search,
                // kept planned (decision 0090), for at most a page more read.
                sql.push(" ORDER BY w.sort_name, w.contact_id").limit(limit);
                items.extend(ids(db, sql).await?);
                items.truncate(limit.max(0) as usize);
            }
            // Rank 2: every other match, walking the names in order.
            if (items.len() as i64) < limit {
                let mut sql = walk(db, visibility, query);
                sql.push(" AND NOT (k.sort_name >= ")
                    .bind(term.clone())
                    .push(" AND k.sort_name < ")
                    .bind(upper)
                    .push(") AND NOT (");
                push_word_start(&mut sql, &term);
                sql.push(")");
                within(&mut sql, 2, "k.sort_name", "k.id");
                sql.push(" ORDER BY k.sort_name, k.id").limit(limit);
                items.extend(ids(db, sql).await?);
                items.truncate(limit.max(0) as usize);
            }
            return by_ids(db, visibility, &items).await;
        }
        if let Some(Some(ids)) = few {
            return plain(db, visibility, query, limit, after, Some(&ids)).await;
        }
    }
    plain(db, visibility, query, limit, after, None).await
}

/// `SELECT k.id … WHERE <visible, not erased, every word on the row>`, contacts read first
/// (along their sort key index, for the caller's `ORDER BY k.sort_name, k.id`).
fn walk(db: &Db, visibility: Visibility, query: &str) -> Sql {
    let mut sql = Sql::new(
        "SELECT k.id FROM contacts k CROSS JOIN customers c \
         WHERE c.id = k.customer_id AND k.anonymised_at IS NULL",
    );
    visibility.push_filter(&mut sql, "c");
    search::push_search_row_check(&mut sql, db.backend, "k", query);
    sql
}

/// The ids `sql` selects, in its order.
async fn ids(db: &Db, sql: Sql) -> Result<Vec<i64>> {
    let rows: Vec<(i64,)> = sql.query_as().fetch_all(&db.pool).await?;
    Ok(rows.into_iter().map(|(id,)| id).collect())
}

/// The contacts `ids` the user may see, in that order (one erased, gone or out of sight since
/// they were read is left out).
async fn by_ids(db: &Db, visibility: Visibility, ids: &[i64]) -> Result<Vec<Found>> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let mut sql = Sql::new(&format!(
        "SELECT {COLUMNS} FROM contacts k JOIN customers c ON c.id = k.customer_id \
         WHERE k.anonymised_at IS NULL"
    ));
    visibility.push_filter(&mut sql, "c");
    sql.push(" AND k.id IN (")
        .bind_list(ids.iter().copied())
        .push(")");
    let rows: Vec<Found> = sql.query_as().fetch_all(&db.pool).await?;
    Ok(in_order_of(ids, rows, |row| row.id))
}

/// How many contacts the user may see match: more than [`MANY`], or no more, with their ids
/// when the cache still has them.
enum Matches {
    Many,
    Few(Option<Arc<[i64]>>),
}

/// Whether more than [`MANY`] contacts the user may see match: their ids are read (no more than
/// one past [`MANY`]) and, when that is all of them, kept for a few seconds with the customer
/// list's counts, so that [`plain`] sorts them instead of asking the substring index for them a
/// second time (decision 0085).
async fn matches(db: &Db, visibility: Visibility, query: &str) -> Result<Matches> {
    // On SQLite the full-text index drives, so that the read stops at `MANY` matches instead
    // of listing them all first (`search::driving_table`).
    let driving = search::driving_table(db.backend, &search::CONTACTS, query);
    let from = match driving {
        Some(fts) => format!("{fts} CROSS JOIN contacts k"),
        None => "contacts k".to_string(),
    };
    let mut sql = Sql::new(&format!(
        "SELECT k.id FROM {from} JOIN customers c ON c.id = k.customer_id \
         WHERE k.anonymised_at IS NULL"
    ));
    visibility.push_filter(&mut sql, "c");
    match driving {
        Some(_) => search::push_search_driving(&mut sql, db, &search::CONTACTS, "k", query),
        None => search::push_search(&mut sql, db, search::CONTACTS, "k", query),
    }
    sql.limit(MANY + 1);
    let key = sql.cache_key();
    if let Some(total) = db.counts.get(&key) {
        return Ok(if total > MANY {
            Matches::Many
        } else {
            Matches::Few(db.counts.matches(&key))
        });
    }
    let ids: Vec<(i64,)> = sql.query_as().fetch_all(&db.pool).await?;
    if ids.len() as i64 > MANY {
        db.counts.put(key, ids.len() as i64);
        return Ok(Matches::Many);
    }
    let ids: Arc<[i64]> = ids.into_iter().map(|(id,)| id).collect();
    db.counts.put_matches(key, ids.clone());
    Ok(Matches::Few(Some(ids)))
}

/// The rank-1 condition of [`search::rank_expression`] on the contact's sort key: after a space
/// or a hyphen. The term is letters and digits in sort-key form: no `LIKE` wildcards.
fn push_word_start(sql: &mut Sql, term: &str) {
    sql.push("k.sort_name LIKE ")
        .bind(format!("% {term}%"))
        .push(" OR k.sort_name LIKE ")
        .bind(format!("%-{term}%"));
}

/// Every match from the substring index (or `ids`, the matches [`matches`] read a moment ago),
/// sorted by rank and name: the whole answer for a search with few matches (or none to rank
/// by), and the order the ranks above must give.
pub(super) async fn plain(
    db: &Db,
    visibility: Visibility,
    query: &str,
    limit: i64,
    after: Option<&Anchor>,
    ids: Option<&[i64]>,
) -> Result<Vec<Found>> {
    let mut sql = Sql::new(&format!(
        "SELECT {COLUMNS} FROM contacts k JOIN customers c ON c.id = k.customer_id \
         WHERE k.anonymised_at IS NULL"
    ));
    visibility.push_filter(&mut sql, "c");
    match ids {
        Some([]) => {
            sql.push(" AND 1 = 0");
        }
        Some(ids) => {
            // Each row checked again: one changed since no longer matches.
            sql.push(" AND k.id IN (")
                .bind_list(ids.iter().copied())
                .push(")");
            search::push_search_row_check(&mut sql, db.backend, "k", query);
        }
        None => search::push_search(&mut sql, db, search::CONTACTS, "k", query),
    }
    if let Some(a) = after {
        // After the anchor: a later rank, or its rank and later in name order.
        if search::rank_term(query).is_some() {
            sql.push(" AND (");
            search::rank_expression(&mut sql, "k", query);
            sql.push(" > ").bind(a.rank).push(" OR (");
            search::rank_expression(&mut sql, "k", query);
            sql.push(" = ").bind(a.rank);
            a.push_within_rank(&mut sql, "k.sort_name", "k.id");
            sql.push("))");
        } else {
            a.push_within_rank(&mut sql, "k.sort_name", "k.id");
        }
    }
    // Those whose own name starts with (a word of) what was typed before those found by their
    // customer's name or elsewhere (decision 0017's ranking), then by name.
    sql.push(" ORDER BY ");
    if search::rank_expression(&mut sql, "k", query) {
        sql.push(", ");
    }
    sql.push("k.sort_name, k.id").limit(limit);
    Ok(sql.query_as().fetch_all(&db.pool).await?)
}
