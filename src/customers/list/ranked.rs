//! A ranked search with many matches, read rank by rank in name order
//! (docs/decisions/0057-search-ranks-read-in-order.md).
//!
//! The ranked order is: the name starts with the first long word typed (rank 0), a later word of
//! the name starts with it (rank 1), a match anywhere else (rank 2); ties in name order. Sorting
//! every match by that costs as much as there are matches — 100,000s for a common word at a
//! million customers. Instead each rank is read from an index already in name order and
//! stops once the page is full:
//! - rank 0: the `sort_name` range of names starting with the term;
//! - rank 1: the term's range of `customer_name_words` (`customers::name_words`), minus rank 0;
//! - rank 2: the name order walked (`customers_sort_name_search`, which carries the search text
//!   the rows are checked by: decision 0085), keeping matches of neither rank above —
//!   read only when ranks 0 and 1 do not fill the page, and used only when there are many
//!   matches (so they lie close together in that walk).
//!
//! Every rank checks the search words on the row itself (`search_text LIKE '%word%'`) instead of
//! asking the substring index for all matches first. The rows are those, and in the order, that
//! `ORDER BY <rank expression>, sort_name, id` gives over all matches — which a test compares.

use super::query::{FROM_IDS, ListItem, SearchBy, by_ids, push_conditions};
use crate::{
    Result,
    auth::Staff,
    customers::{
        access::Visibility,
        list::{ListQuery, Scope},
        name_words,
    },
    db::{Db, Sql, search},
};

/// Rows `offset..offset + limit` of the ranked matches of `q`, or `None` when the search has no
/// word to rank by.
pub(super) async fn page(
    db: &Db,
    user: &Staff,
    visibility: Visibility,
    q: &ListQuery,
    limit: i64,
    offset: i64,
) -> Result<Option<Vec<ListItem>>> {
    let Some(term) = search::rank_term(&q.q) else {
        return Ok(None);
    };
    let need = offset + limit;
    let mut items = leading_ids(db, user, visibility, q, &term, need).await?;
    let upper = format!("{term}\u{10FFFF}");

    // Rank 2: every other match, walking the names in order.
    if (items.len() as i64) < need {
        let mut sql = Sql::new(&format!("SELECT c.id{FROM_IDS}"));
        push_conditions(&mut sql, db, user, visibility, q, true, SearchBy::Rows);
        sql.push(" AND NOT (c.sort_name >= ")
            .bind(term.clone())
            .push(" AND c.sort_name < ")
            .bind(upper)
            .push(") AND NOT (");
        push_word_start_expr(&mut sql, "c", &term);
        sql.push(") ORDER BY c.sort_name, c.id LIMIT ")
            .bind(need - items.len() as i64);
        let rest: Vec<(i64,)> = sql.query_as().fetch_all(&db.pool).await?;
        items.extend(rest.into_iter().map(|(id,)| id));
    }
    let page: Vec<i64> = items
        .into_iter()
        .skip(offset.max(0) as usize)
        .take(limit.max(0) as usize)
        .collect();
    Ok(Some(by_ids(db, &page).await?))
}

/// The first `need` matches of `q` when its first two ranks alone hold that many, read as
/// [`page`] reads them; `None` when they do not (the rest may lie in rank 2, which only the
/// list's own path reads well) or the search has no word to rank by. Two bounded index reads
/// whatever the number of matches: the top bar's search, which shows a few hits and whether
/// there are more, needs no total.
pub(super) async fn leading(
    db: &Db,
    user: &Staff,
    visibility: Visibility,
    q: &ListQuery,
    need: i64,
) -> Result<Option<Vec<ListItem>>> {
    let Some(term) = search::rank_term(&q.q) else {
        return Ok(None);
    };
    let ids = leading_ids(db, user, visibility, q, &term, need).await?;
    if (ids.len() as i64) < need {
        return Ok(None);
    }
    Ok(Some(by_ids(db, &ids).await?))
}

/// Ids of rank 0 then rank 1 of `q` (ranked by `term`), at most `need` of them, in order.
async fn leading_ids(
    db: &Db,
    user: &Staff,
    visibility: Visibility,
    q: &ListQuery,
    term: &str,
    need: i64,
) -> Result<Vec<i64>> {
    let upper = format!("{term}\u{10FFFF}");
    // Each rank reads the ids alone; the page's rows are read by id at the end, so a deep
    // page does not read whole every row before it.
    // Rank 0: the name starts with the term.
    let mut sql = Sql::new(&format!("SELECT c.id{FROM_IDS}"));
    push_conditions(&mut sql, db, user, visibility, q, false, SearchBy::Rows);
    sql.push(" AND c.sort_name >= ")
        .bind(term.to_string())
        .push(" AND c.sort_name < ")
        .bind(upper)
        .push(" ORDER BY c.sort_name, c.id")
        .limit(need);
    let mut items: Vec<(i64,)> = sql.query_as().fetch_all(&db.pool).await?;

    // Rank 1: a later word starts with it (and the name does not).
    if (items.len() as i64) < need
        && let Some(key) = name_words::lookup_key(term)
    {
        let mut sql = Sql::new("SELECT w.customer_id");
        push_rank_one(&mut sql, db, user, visibility, q, term, &key);
        // `need` rows, not `need` less rank 0's: one statement for every search, kept planned
        // (decision 0090), for at most one page more of the word index read.
        sql.push(" ORDER BY w.sort_name, w.customer_id").limit(need);
        items.extend(sql.query_as::<(i64,)>().fetch_all(&db.pool).await?);
        items.truncate(need.max(0) as usize);
    }
    Ok(items.into_iter().map(|(id,)| id).collect())
}

/// Whether ranks 0 and 1 alone hold at least `want` matches of `q`: then the list's total is
/// "more than …" without asking the substring index for its matches, which at a million
/// customers costs tens of milliseconds for a common word on every new keystroke (decision
/// 0076). Two bounded reads of indexes in name order, at most `want` rows each.
///
/// Only for a search of one word and no filters: with a second word or a filter each rank's
/// range could be read to its end (tens of thousands of rows) before giving up, and the
/// substring index is the better judge of those.
pub(super) async fn ranks_reach(
    db: &Db,
    user: &Staff,
    visibility: Visibility,
    q: &ListQuery,
    want: i64,
) -> Result<bool> {
    let Some(term) = search::rank_term(&q.q) else {
        return Ok(false);
    };
    if search::terms(&q.q).len() != 1 || q.filtered() {
        return Ok(false);
    }
    let upper = format!("{term}\u{10FFFF}");

    // Rank 0: the name starts with the term.
    let mut sql = Sql::new("SELECT COUNT(*) FROM (SELECT 1 FROM customers c");
    push_conditions(&mut sql, db, user, visibility, q, false, SearchBy::Rows);
    sql.push(" AND c.sort_name >= ")
        .bind(term.clone())
        .push(" AND c.sort_name < ")
        .bind(upper)
        .limit(want)
        .push(") r");
    let (first,): (i64,) = sql.query_as().fetch_one(&db.pool).await?;
    if first >= want {
        return Ok(true);
    }
    let Some(key) = name_words::lookup_key(&term) else {
        return Ok(false);
    };

    // Rank 1: a later word starts with it and the name does not (one row per customer and
    // prefix in the word index, so no customer is counted twice).
    let mut sql = Sql::new("SELECT COUNT(*) FROM (SELECT 1");
    push_rank_one(&mut sql, db, user, visibility, q, &term, &key);
    sql.push(" LIMIT ").bind(want - first).push(") r");
    let (second,): (i64,) = sql.query_as().fetch_one(&db.pool).await?;
    Ok(first + second >= want)
}

/// Appends rank 1's ` FROM … WHERE …` to a `SELECT` of `w.customer_id`: a later word of the
/// name starts with `term` (looked up by `key`, its first characters) and the name does not,
/// among the customers `q` and the user's sight allow.
///
/// The word index (`customer_name_words w`, whose order (prefix, sort_name, customer id) is the
/// list's) drives. When only the words typed narrow the search ([`words_alone`]) it is read
/// alone; otherwise each entry's customer is read too, for the filters, the user's sight and the
/// search words (`CROSS JOIN` keeps SQLite from starting elsewhere).
fn push_rank_one(
    sql: &mut Sql,
    db: &Db,
    user: &Staff,
    visibility: Visibility,
    q: &ListQuery,
    term: &str,
    key: &str,
) {
    if words_alone(visibility, q) {
        sql.push(" FROM customer_name_words w WHERE 1 = 1");
    } else {
        sql.push(" FROM customer_name_words w CROSS JOIN customers c");
        push_conditions(sql, db, user, visibility, q, false, SearchBy::Rows);
        sql.push(" AND c.id = w.customer_id");
    }
    // The entry's sort key is its customer's (`name_words` writes them together).
    sql.push(" AND w.prefix = ")
        .bind(key.to_string())
        .push(" AND NOT (w.sort_name >= ")
        .bind(term.to_string())
        .push(" AND w.sort_name < ")
        .bind(format!("{term}\u{10FFFF}"))
        .push(")");
    if key != term {
        // Longer than the index's prefixes: the word must start with all of it.
        sql.push(" AND (");
        push_word_start_expr(sql, "w", term);
        sql.push(")");
    }
}

/// Whether the word index alone answers rank 1 of `q` ([`push_rank_one`]), without reading a
/// customer: the user sees every customer, the list is in the whole firm's scope with no filter,
/// and one word of three or more characters was typed, in ASCII letters and digits. A name word
/// starting with that word then means the search text holds it: the search text is the name in
/// lower case (`customers::model::search_text`), and the sort key differs from it only in æ, ø,
/// å, ä and ö (`collate::sort_key`), which such a word does not hold. Any other search checks
/// its words on the customer's row.
///
/// Why: at a million customers a search's page 20 read 1,000 customers' rows for rank 1, one
/// random read each, 15–20 ms; the word index alone holds them in order (decision 0092).
fn words_alone(visibility: Visibility, q: &ListQuery) -> bool {
    let terms = search::terms(&q.q);
    let mut long = terms.iter().filter(|t| search::is_long(t));
    let one_ascii_word =
        matches!((long.next(), long.next()), (Some(word), None) if word.is_ascii());
    visibility == Visibility::All && q.scope == Scope::All && !q.filtered() && one_ascii_word
}

/// The rank-1 condition of [`search::rank_expression`] on the sort key of the row aliased
/// `alias`: after a space or a hyphen. The term is letters and digits in sort-key form: no
/// `LIKE` wildcards.
fn push_word_start_expr(sql: &mut Sql, alias: &str, term: &str) {
    sql.push(&format!("{alias}.sort_name LIKE "))
        .bind(format!("% {term}%"))
        .push(&format!(" OR {alias}.sort_name LIKE "))
        .bind(format!("%-{term}%"));
}
