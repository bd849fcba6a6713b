//! A substring search in an order the user chose (`q=bygg&sort=city`) with many matches, read
//! along the sort's index when its first rows hold the page (decision 0084).
//!
//! Otherwise such a search finds every match through the substring index and sorts them all:
//! `bygg` by city at a million customers is tens of thousands of matches, 69 ms on SQLite and
//! 187 ms on PostgreSQL, for a page of 50. A common word's matches lie all along any order but
//! the name's, so a walk of the list in that order (the sort's index, with the filters, as for a
//! list without a search) meets a page of them early: each row read is checked
//! (`search_text LIKE '%word%'`, [`search::push_search_row_check`]). The walk is bounded: when
//! the word is rarer than it looked, or its matches cluster far down the order (`oslo` by city,
//! a place name the search text holds), it gives up after [`WALK_BOUND`] rows and the caller
//! sorts the matches as before. The rows are those, in the order, that sorting every match
//! gives — which `tests/it/sorted_search.rs` compares.

use super::{
    params::ListQuery,
    query::{FROM_IDS, ListItem, SearchBy, by_ids, push_conditions},
};
use crate::{
    Result,
    auth::Staff,
    customers::access::Visibility,
    db::{Db, Sql, search},
};

/// How many rows of the list, in the chosen order, the walk reads before it gives up: about
/// 2–4 ms on either database. A page of 50 is found within it when at least one customer in
/// 80 matches.
pub const WALK_BOUND: i64 = 4_000;

/// Rows `offset..offset + limit` of the sorted search `q` ([`ListQuery::sorted_search`]), when
/// they lie within the first [`WALK_BOUND`] rows of the list in its order; `None` when they do
/// not (or the page lies too deep to be found so), and the matches must be sorted.
pub(super) async fn page(
    db: &Db,
    user: &Staff,
    visibility: Visibility,
    q: &ListQuery,
    limit: i64,
    offset: i64,
) -> Result<Option<Vec<ListItem>>> {
    let need = offset + limit;
    if need > WALK_BOUND / 4 {
        return Ok(None);
    }
    let column = q.sort.column();
    // The walk: the list without the search, in order, at most WALK_BOUND rows, with what the
    // outer query needs to check and to keep the order.
    let unsearched = ListQuery {
        q: String::new(),
        ..q.clone()
    };
    let mut sql = Sql::new(&format!(
        "SELECT w.id FROM (SELECT c.id, c.search_text, c.sort_name, {column} AS sort_key{FROM_IDS}"
    ));
    push_conditions(
        &mut sql,
        db,
        user,
        visibility,
        &unsearched,
        true,
        SearchBy::Index,
    );
    sql.push(&q.order_by(column, "c"))
        .limit(WALK_BOUND)
        .push(") w WHERE 1 = 1");
    search::push_search_row_check(&mut sql, db.backend, "w", &q.q);
    // The walk's order again: a subquery's order is not promised to the query around it. It
    // sorts only the matches among the rows walked.
    sql.push(&q.order_by("w.sort_key", "w")).limit(need);
    let ids: Vec<(i64,)> = sql.query_as().fetch_all(&db.pool).await?;
    if (ids.len() as i64) < need {
        return Ok(None);
    }
    let page: Vec<i64> = ids
        .into_iter()
        .skip(offset.max(0) as usize)
        .map(|(id,)| id)
        .collect();
    Ok(Some(by_ids(db, &page).await?))
}
