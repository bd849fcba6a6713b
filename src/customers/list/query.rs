//! The query that answers a [`ListQuery`]: a page of rows and the total count.

use std::sync::Arc;

use serde::Serialize;

use super::{
    exact,
    params::{ListQuery, Scope, SortKey},
};
use crate::{
    AppError, Result,
    auth::Staff,
    customers::access::Visibility,
    db::{Db, Sql, hints, in_order_of, paging, search},
    error::FieldErrors,
};

/// One row of the list.
#[derive(Clone, Debug, Serialize, sqlx::FromRow, utoipa::ToSchema)]
pub struct ListItem {
    pub id: i64,
    pub customer_number: i64,
    pub name: String,
    pub org_number: Option<String>,
    pub status: String,
    pub visit_city: Option<String>,
    pub postal_city: Option<String>,
    pub municipality_no: Option<String>,
    pub county_no: Option<String>,
    pub industry_code: Option<String>,
    pub industry_text: Option<String>,
    pub owner_id: Option<i64>,
    pub owner_name: Option<String>,
    pub department_id: Option<i64>,
    pub department_name: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub updated_at: i64,
    /// The start of the latest done activity in the diary.
    pub last_activity_at: Option<i64>,
}

impl ListItem {
    pub fn city(&self) -> &str {
        self.visit_city
            .as_deref()
            .or(self.postal_city.as_deref())
            .unwrap_or("")
    }
}

pub(super) const LIST_COLUMNS: &str = "c.id, c.customer_number, c.name, c.org_number, c.status, c.visit_city, \
    c.postal_city, c.municipality_no, c.county_no, c.industry_code, c.industry_text, c.owner_id, \
    u.name AS owner_name, c.department_id, d.name AS department_name, c.email, c.phone, c.updated_at, \
    c.last_activity_at";

/// How the search words are matched.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum SearchBy<'a> {
    /// The substring index (FTS5 trigram, pg_trgm) finds every match first.
    Index,
    /// Each row read is checked itself (`search_text LIKE '%word%'`), for a walk along another
    /// index that stops after a page ([`super::ranked`]).
    Rows,
    /// The FTS5 table is read first, joined to the customers (SQLite, a bounded count:
    /// [`search::driving_table`]); the FROM clause names it.
    Driving,
    /// The matches are these ids, read a moment ago by the count ([`matched_ids`]).
    Ids(&'a [i64]),
}

/// Appends the WHERE conditions shared by the page query and the count.
///
/// Some conditions are kept off their column's index ([`hints::skip_index`]: on SQLite, whose
/// planner cannot know how many rows match):
/// - `walk_sort_index`: many rows match, so reading the sort column's index in order and stopping
///   after one page beats narrowing by a filter's index and sorting thousands of rows. Lists by
///   name keep their filter indexes, which are `(filter, sort_name)` and already in order; only a
///   large search result is hinted. The caller decides from the (cached) total.
/// - A narrow filter (municipality, owner) always wins over a broad one (status, county), which
///   would otherwise be chosen because its `(column, sort_name)` index also serves the sort.
pub(super) fn push_conditions(
    sql: &mut Sql,
    db: &Db,
    user: &Staff,
    visibility: Visibility,
    q: &ListQuery,
    walk_sort_index: bool,
    search_by: SearchBy<'_>,
) {
    let walk_filters = walk_sort_index && q.sort != SortKey::Name;
    let narrow = q.municipality.is_some() || q.owner.is_some() || q.scope == Scope::Mine;
    let hint = hints::skip_index(db.backend, walk_filters);
    let broad = hints::skip_index(db.backend, walk_filters || narrow);
    sql.push(" WHERE 1 = 1");
    visibility.push_filter(sql, "c");
    match q.scope {
        Scope::Mine => {
            sql.push(&format!(" AND {hint}c.owner_id = ")).bind(user.id);
        }
        Scope::Department => match user.department_id {
            Some(dep) => {
                sql.push(&format!(" AND {hint}c.department_id = "))
                    .bind(dep);
            }
            None => {
                sql.push(" AND 1 = 0");
            }
        },
        Scope::All => {}
    }
    if let Some(status) = q.status {
        sql.push(&format!(" AND {broad}c.status = "))
            .bind(status.as_str());
    }
    if let Some(county) = &q.county {
        sql.push(&format!(" AND {broad}c.county_no = "))
            .bind(county.as_str());
    }
    if let Some(m) = &q.municipality {
        sql.push(&format!(" AND {hint}c.municipality_no = "))
            .bind(m.as_str());
    }
    if let Some(industry) = &q.industry {
        sql.push(" AND c.industry_code LIKE ")
            .bind(format!("{industry}%"));
    }
    if let Some(owner) = q.owner {
        sql.push(&format!(" AND {hint}c.owner_id = ")).bind(owner);
    }
    if let Some(dep) = q.department {
        sql.push(&format!(" AND {hint}c.department_id = "))
            .bind(dep);
    }
    if let Some(days) = q.inactive_days {
        sql.push(" AND (c.last_activity_at IS NULL OR c.last_activity_at < ")
            .bind(crate::timefmt::now() - days * 86_400)
            .push(")");
    }
    match search_by {
        SearchBy::Index => search::push_customer_search(sql, db, "c", &q.q),
        SearchBy::Rows => search::push_search_row_check(sql, db.backend, "c", &q.q),
        SearchBy::Driving => search::push_search_driving(sql, db, &search::CUSTOMERS, "c", &q.q),
        SearchBy::Ids([]) => {
            sql.push(" AND 1 = 0");
        }
        SearchBy::Ids(ids) => {
            // Each row checked again: one changed since no longer matches (one added since is
            // missed until the ids go stale, as the total is).
            sql.push(" AND c.id IN (")
                .bind_list(ids.iter().copied())
                .push(")");
            search::push_search_row_check(sql, db.backend, "c", &q.q);
        }
    }
}

pub(super) const FROM: &str = " FROM customers c LEFT JOIN users u ON u.id = c.owner_id LEFT JOIN departments d ON d.id = c.department_id";

/// The FROM clause of a statement that reads only ids (a deep page's, a rank's): the customers
/// alone. PostgreSQL removes the unused joins of [`FROM`] but still counts the columns they
/// joined on as needed, and so never reads the ids from an index alone: page 300 of the list
/// took 62 ms instead of 2.8 ms at a million customers (decision 0082).
pub(super) const FROM_IDS: &str = " FROM customers c";

/// Totals are counted exactly up to this many rows (or to the end of the page asked for, when
/// that lies deeper); beyond it a list says "more than …" instead of counting every match on
/// every keystroke (docs/decisions/0002-substring-search.md).
pub const TOTAL_BOUND: i64 = paging::COUNT_BOUND;

/// A page of the list and how many rows match in all.
#[derive(Debug, Serialize)]
pub struct ListPage {
    pub items: Vec<ListItem>,
    /// How many rows match when `total_is_exact`; otherwise a lower bound: more than
    /// `total - 1` rows match (the count stopped there).
    pub total: i64,
    pub total_is_exact: bool,
    /// The customer the search names exactly (an organisation or customer number the user may
    /// see): the page holds only that customer.
    pub exact: Option<i64>,
}

pub async fn fetch(
    db: &Db,
    user: &Staff,
    visibility: Visibility,
    q: &ListQuery,
) -> Result<ListPage> {
    if let Some(id) = exact::find(db, visibility, &q.q).await? {
        let mut sql = Sql::new(&format!("SELECT {LIST_COLUMNS}{FROM} WHERE c.id = "));
        sql.bind(id);
        let items = sql.query_as::<ListItem>().fetch_all(&db.pool).await?;
        return Ok(ListPage {
            total: items.len() as i64,
            items,
            total_is_exact: true,
            exact: Some(id),
        });
    }
    let offset = paging::offset(q.page, q.limit).ok_or_else(|| {
        let mut errors = FieldErrors::default();
        errors.add("page", paging::out_of_range(q.limit));
        AppError::Invalid(errors)
    })?;
    // Count no further than one row past the bound (or past the page asked for).
    let cap = TOTAL_BOUND.max(offset + q.limit);
    let count = count_sql(db, user, visibility, q, cap + 1);
    let key = count.cache_key();
    // A substring search reads its matches' ids rather than counting them (no more than the
    // bound and one): when they are all there is, the page is sorted from them below instead of
    // asking the substring index for every match a second time (decision 0085).
    let read_ids = search::has_substring_terms(&q.q) && cap == TOTAL_BOUND;
    let mut matched: Option<Arc<[i64]>> = None;
    let total = match db.counts.get(&key) {
        Some(total) => total,
        // A common word's first ranks alone may pass the bound: no need to ask the substring
        // index for all its matches (decision 0076).
        None if super::ranked::ranks_reach(db, user, visibility, q, cap + 1).await? => {
            db.counts.put(key.clone(), cap + 1);
            cap + 1
        }
        None if read_ids => {
            let ids: Arc<[i64]> = matched_ids(db, user, visibility, q, cap + 1).await?.into();
            let total = ids.len() as i64;
            if total <= cap {
                db.counts.put_matches(key.clone(), ids.clone());
                matched = Some(ids);
            } else {
                db.counts.put(key.clone(), total);
            }
            total
        }
        None => counted(db, &count).await?,
    };
    let total_is_exact = total <= cap;
    if matched.is_none() && total_is_exact && read_ids {
        matched = db.counts.matches(&key);
    }
    let search_by = match &matched {
        Some(ids) => SearchBy::Ids(ids),
        None => SearchBy::Index,
    };
    // Walk the sort index when many rows match: more than the count went to (at least 1,000
    // and more than this page reaches), or the page lies within the first 5 % of the matches.
    // Not for substring searches: their matches cluster (people search a name's start), and
    // sorting the matches costs no more than their number.
    let walk = !search::has_substring_terms(&q.q)
        && (!total_is_exact || (total >= 1000 && (offset + q.limit) * 20 <= total));
    // A ranked search with more matches than the count went to: read rank by rank in name
    // order and stop after the page, instead of sorting every match.
    let ranked = if q.ranked() && !total_is_exact {
        super::ranked::page(db, user, visibility, q, q.limit, offset).await?
    } else {
        None
    };
    // A sorted substring search with many matches: the first rows of the sort's index, each
    // checked, when the page lies among them (a page read on from a row is keyset paging's).
    let keyset = q.after.is_some() && q.keyset();
    let walked = if q.sorted_search() && !total_is_exact && !keyset {
        super::sorted_search::page(db, user, visibility, q, q.limit, offset).await?
    } else {
        None
    };
    // A ranked search whose matches were read with the count: they are in the ranked order
    // already, and the page is a slice of them.
    let sliced = match &matched {
        Some(ids) if q.ranked() => {
            let page: Vec<i64> = ids
                .iter()
                .skip(offset.max(0) as usize)
                .take(q.limit.max(0) as usize)
                .copied()
                .collect();
            Some(still_matching(db, user, visibility, q, &page).await?)
        }
        _ => None,
    };
    let items = match sliced.or(ranked).or(walked) {
        Some(items) => items,
        // Read on from the previous page's last row when the link says which it was (keyset
        // paging): `LIMIT` rows from there along the sort index, however deep the page.
        None => match anchor(db, q).await? {
            Some(after) => {
                rows_after(
                    db,
                    user,
                    visibility,
                    q,
                    Some((q.limit, 0)),
                    walk,
                    search_by,
                    Some(&after),
                )
                .await?
            }
            None => {
                rows_after(
                    db,
                    user,
                    visibility,
                    q,
                    Some((q.limit, offset)),
                    walk,
                    search_by,
                    None,
                )
                .await?
            }
        },
    };
    Ok(ListPage {
        items,
        total,
        total_is_exact,
        exact: None,
    })
}

/// The first page of `q` for a search that shows a few hits and whether more match, not how
/// many (the top bar's): `total` is the page's length, plus one when more match. A ranked
/// search whose first two ranks fill the page and one row more is two bounded index reads,
/// however common the word (no count: people type a new string on every keystroke, so a count
/// is almost never in the cache); any other search takes the list's own path, count and all.
pub async fn fetch_first(
    db: &Db,
    user: &Staff,
    visibility: Visibility,
    q: &ListQuery,
) -> Result<ListPage> {
    if q.ranked()
        && q.page <= 1
        && q.after.is_none()
        && exact::find(db, visibility, &q.q).await?.is_none()
        && let Some(mut items) =
            super::ranked::leading(db, user, visibility, q, q.limit + 1).await?
    {
        items.truncate(q.limit.max(0) as usize);
        return Ok(ListPage {
            total: items.len() as i64 + 1,
            items,
            total_is_exact: false,
            exact: None,
        });
    }
    fetch(db, user, visibility, q).await
}

/// The FROM clause of a count of `q`'s matches (or of [`matched_ids`]), and how it matches the
/// words: on SQLite the full-text index drives, so that the read stops at its `LIMIT` matches
/// instead of listing them all first (`search::driving_table`).
fn counted_from(db: &Db, q: &ListQuery) -> (String, SearchBy<'static>) {
    match search::driving_table(db.backend, &search::CUSTOMERS, &q.q) {
        Some(fts) => (format!("{fts} CROSS JOIN customers c"), SearchBy::Driving),
        None => ("customers c".to_string(), SearchBy::Index),
    }
}

/// `SELECT COUNT(*)` of the rows `q` matches, reading no more than `limit` of them.
fn count_sql(db: &Db, user: &Staff, visibility: Visibility, q: &ListQuery, limit: i64) -> Sql {
    // On SQLite the full-text index drives, so that the count stops at `limit` matches
    // instead of listing them all first (`search::driving_table`).
    let (from, by) = counted_from(db, q);
    let mut count = Sql::new(&format!("SELECT COUNT(*) FROM (SELECT 1 FROM {from}"));
    push_conditions(&mut count, db, user, visibility, q, false, by);
    count.limit(limit).push(") matches");
    count
}

/// The ids of the rows `q` matches, no more than `limit` of them: what [`count_sql`] counts,
/// read instead of counted. In the ranked order (relevance, name, id) when the search has a
/// word to rank by, whatever order `q` asks for (the count, and so the ids kept with it, is the
/// same for every order): a ranked page is then a slice of them.
async fn matched_ids(
    db: &Db,
    user: &Staff,
    visibility: Visibility,
    q: &ListQuery,
    limit: i64,
) -> Result<Vec<i64>> {
    let (from, by) = counted_from(db, q);
    let mut sql = Sql::new(&format!("SELECT c.id, c.sort_name FROM {from}"));
    push_conditions(&mut sql, db, user, visibility, q, false, by);
    sql.limit(limit);
    let mut rows: Vec<(i64, String)> = sql.query_as().fetch_all(&db.pool).await?;
    if let Some(term) = search::rank_term(&q.q) {
        // `ORDER BY <rank expression>, sort_name, id`: the sort keys compare by bytes on both
        // databases (`COLLATE "C"` on PostgreSQL), as Rust's strings do.
        rows.sort_by_cached_key(|(id, name)| (search::rank_of(&term, name), name.clone(), *id));
    }
    Ok(rows.into_iter().map(|(id, _)| id).collect())
}

/// How many rows `q` matches, counted no further than `limit` (cached as list totals are).
pub async fn count_up_to(
    db: &Db,
    user: &Staff,
    visibility: Visibility,
    q: &ListQuery,
    limit: i64,
) -> Result<i64> {
    counted(db, &count_sql(db, user, visibility, q, limit)).await
}

/// Runs a [`count_sql`] query, the total kept in the count cache for the next requests.
async fn counted(db: &Db, count: &Sql) -> Result<i64> {
    let key = count.cache_key();
    if let Some(total) = db.counts.get(&key) {
        return Ok(total);
    }
    let (total,): (i64,) = count.query_as().fetch_one(&db.pool).await?;
    db.counts.put(key, total);
    Ok(total)
}

/// The municipality choices are counted only when the county holds at most this many of the
/// customers the list is drawn from (the user's sight and scope, before any other filter):
/// counting the municipalities of a county of 100,000 customers on every request (a county and
/// an industry: every row of the county read) cost seconds at a million customers. Beyond it
/// the choices are listed without counts.
pub const MUNICIPALITY_COUNT_BOUND: i64 = 10_000;

/// How many customers of the filtered set lie in each municipality, the municipality filter
/// itself left out (the filter's own choices): one `GROUP BY` over the rows the other filters
/// select, the county narrowing them by its index. Only with a county chosen — the municipality
/// choice is offered within one county. `None` when the county holds more than
/// [`MUNICIPALITY_COUNT_BOUND`] customers in the user's sight and scope (a count that stops
/// there, cached as list totals are): the `GROUP BY` reads at most that many rows, whatever the
/// other filters — a filter that matches few of them (an industry, a word) would otherwise make
/// it read the whole county to count them.
pub async fn municipality_counts(
    db: &Db,
    user: &Staff,
    visibility: Visibility,
    q: &ListQuery,
) -> Result<Option<Vec<(String, i64)>>> {
    if q.county.is_none() {
        return Ok(Some(Vec::new()));
    }
    let county = ListQuery {
        q: String::new(),
        status: None,
        municipality: None,
        industry: None,
        owner: None,
        department: None,
        inactive_days: None,
        ..q.clone()
    };
    let size = counted(
        db,
        &count_sql(db, user, visibility, &county, MUNICIPALITY_COUNT_BOUND + 1),
    )
    .await?;
    if size > MUNICIPALITY_COUNT_BOUND {
        return Ok(None);
    }
    let q = ListQuery {
        municipality: None,
        ..q.clone()
    };
    let mut sql = Sql::new("SELECT c.municipality_no, COUNT(*) FROM customers c");
    push_conditions(&mut sql, db, user, visibility, &q, false, SearchBy::Index);
    sql.push(" AND c.municipality_no IS NOT NULL GROUP BY c.municipality_no");
    Ok(Some(sql.query_as().fetch_all(&db.pool).await?))
}

/// The matching rows in order; all of them when `window` is `None` (export).
pub async fn fetch_rows(
    db: &Db,
    user: &Staff,
    visibility: Visibility,
    q: &ListQuery,
    window: Option<(i64, i64)>,
) -> Result<Vec<ListItem>> {
    rows_after(
        db,
        user,
        visibility,
        q,
        window,
        false,
        SearchBy::Index,
        None,
    )
    .await
}

/// The sort value and id of the row a page is read on from ([`ListQuery::after`]).
struct Anchor {
    value: AnchorValue,
    id: i64,
}

enum AnchorValue {
    Text(String),
    Number(i64),
}

impl AnchorValue {
    fn bind(&self, sql: &mut Sql) {
        match self {
            AnchorValue::Text(v) => sql.bind(v.clone()),
            AnchorValue::Number(n) => sql.bind(*n),
        };
    }
}

/// The row `q.after` names, when the list's order can be read on from it
/// ([`ListQuery::keyset`]) and the customer still exists.
async fn anchor(db: &Db, q: &ListQuery) -> Result<Option<Anchor>> {
    let Some(id) = q.after.filter(|_| q.keyset()) else {
        return Ok(None);
    };
    let mut sql = Sql::new(&format!(
        "SELECT {} FROM customers c WHERE c.id = ",
        q.sort.column()
    ));
    sql.bind(id);
    Ok(if q.sort.text() {
        sql.query_as::<(String,)>()
            .fetch_optional(&db.pool)
            .await?
            .map(|(v,)| Anchor {
                value: AnchorValue::Text(v),
                id,
            })
    } else {
        sql.query_as::<(i64,)>()
            .fetch_optional(&db.pool)
            .await?
            .map(|(v,)| Anchor {
                value: AnchorValue::Number(v),
                id,
            })
    })
}

/// The rows of `window` in the list's order (all of them when `None`), from the row after
/// `after` when given; the search matched as `search_by` says.
#[allow(clippy::too_many_arguments)]
async fn rows_after(
    db: &Db,
    user: &Staff,
    visibility: Visibility,
    q: &ListQuery,
    window: Option<(i64, i64)>,
    walk_sort_index: bool,
    search_by: SearchBy<'_>,
    after: Option<&Anchor>,
) -> Result<Vec<ListItem>> {
    // A page deep into the list (`OFFSET`) reads only the ids in order first, and then the
    // page's rows: every row skipped would otherwise be read whole, owner and department
    // looked up, only to be thrown away.
    let deep = matches!(window, Some((_, offset)) if offset > 0);
    let (select, from) = if deep {
        ("c.id", FROM_IDS)
    } else {
        (LIST_COLUMNS, FROM)
    };
    let mut sql = Sql::new(&format!("SELECT {select}{from}"));
    push_conditions(
        &mut sql,
        db,
        user,
        visibility,
        q,
        walk_sort_index,
        search_by,
    );
    if q.ranked() {
        // Relevance first, ties in name order; the matches come from the search index and
        // are sorted here, a cost bounded by their number.
        sql.push(" ORDER BY ");
        search::rank_expression(&mut sql, "c", &q.q);
        sql.push(" ASC, c.sort_name ASC, c.id ASC");
        return window_and_fetch(db, sql, window, deep).await;
    }
    if let Some(a) = after {
        // `column >= v` is a range of the sort index; the rest only drops the ties at `v` up
        // to the anchor (the id breaks ties, as in the ORDER BY below).
        let (wide, strict) = if q.descending {
            ("<=", "<")
        } else {
            (">=", ">")
        };
        let column = q.sort.column();
        sql.push(&format!(" AND {column} {wide} "));
        a.value.bind(&mut sql);
        sql.push(&format!(" AND ({column} {strict} "));
        a.value.bind(&mut sql);
        sql.push(&format!(" OR c.id {strict} "))
            .bind(a.id)
            .push(")");
    }
    // The id breaks ties (after the name, by status, owner and department): every sort index
    // ends in the id, so the list is read straight from its sort's index and stops after one
    // page.
    let column = q.sort.column();
    // PostgreSQL would walk the sort index for a substring search, assuming matches are spread
    // evenly; they cluster (a name's start), so the sort key is kept off its index and the
    // matches from the search index are sorted instead — a cost bounded by their number.
    let column = hints::sort_without_index(
        db.backend,
        column,
        q.sort.text(),
        search::has_substring_terms(&q.q),
    );
    sql.push(&q.order_by(&column, "c"));
    window_and_fetch(db, sql, window, deep).await
}

/// Runs `sql` (the list's query, ordered) for `window`; when `ids_only`, it selects `c.id` and
/// the rows are read by id afterwards, in the order of the ids.
async fn window_and_fetch(
    db: &Db,
    mut sql: Sql,
    window: Option<(i64, i64)>,
    ids_only: bool,
) -> Result<Vec<ListItem>> {
    if let Some((limit, offset)) = window {
        sql.limit(limit).offset(offset);
    }
    if !ids_only {
        return Ok(sql.query_as::<ListItem>().fetch_all(&db.pool).await?);
    }
    let ids: Vec<(i64,)> = sql.query_as().fetch_all(&db.pool).await?;
    let ids: Vec<i64> = ids.into_iter().map(|(id,)| id).collect();
    by_ids(db, &ids).await
}

/// The list rows of `ids`, in that order. A row deleted since the ids were read is left out,
/// as if the page had been read a moment later.
pub(super) async fn by_ids(db: &Db, ids: &[i64]) -> Result<Vec<ListItem>> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let mut rows = Sql::new(&format!("SELECT {LIST_COLUMNS}{FROM} WHERE c.id IN ("));
    rows.bind_list(ids.iter().copied()).push(")");
    let items = rows.query_as::<ListItem>().fetch_all(&db.pool).await?;
    Ok(in_order_of(ids, items, |item| item.id))
}

/// The rows of `ids` (kept a few seconds with a count) that still pass every condition of `q` —
/// the user's sight and scope, the filters, the search words — in the order of `ids`: a
/// customer another server moved out of sight or changed since is left out.
async fn still_matching(
    db: &Db,
    user: &Staff,
    visibility: Visibility,
    q: &ListQuery,
    ids: &[i64],
) -> Result<Vec<ListItem>> {
    let mut rows = Sql::new(&format!("SELECT {LIST_COLUMNS}{FROM}"));
    push_conditions(
        &mut rows,
        db,
        user,
        visibility,
        q,
        false,
        SearchBy::Ids(ids),
    );
    let items = rows.query_as::<ListItem>().fetch_all(&db.pool).await?;
    Ok(in_order_of(ids, items, |item| item.id))
}
