//! The query that answers a [`ListQuery`]: a page of rows and the total count.

use serde::Serialize;

use super::params::{ListQuery, Scope, SortKey};
use crate::{
    AppError, Result,
    auth::Staff,
    customers::access::Visibility,
    db::{Db, Sql, hints, paging, search},
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

const LIST_COLUMNS: &str = "c.id, c.customer_number, c.name, c.org_number, c.status, c.visit_city, \
    c.postal_city, c.municipality_no, c.county_no, c.industry_code, c.industry_text, c.owner_id, \
    u.name AS owner_name, c.department_id, d.name AS department_name, c.email, c.phone, c.updated_at, \
    c.last_activity_at";

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
fn push_conditions(
    sql: &mut Sql,
    db: &Db,
    user: &Staff,
    visibility: Visibility,
    q: &ListQuery,
    walk_sort_index: bool,
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
    search::push_customer_search(sql, db.backend, "c", &q.q);
}

const FROM: &str = " FROM customers c LEFT JOIN users u ON u.id = c.owner_id LEFT JOIN departments d ON d.id = c.department_id";

/// A page of the list and how many rows match in all.
#[derive(Debug, Serialize)]
pub struct ListPage {
    pub items: Vec<ListItem>,
    pub total: i64,
}

pub async fn fetch(
    db: &Db,
    user: &Staff,
    visibility: Visibility,
    q: &ListQuery,
) -> Result<ListPage> {
    let mut count = Sql::new("SELECT COUNT(*) FROM customers c");
    push_conditions(&mut count, db, user, visibility, q, false);
    let key = count.cache_key();
    let total = match db.counts.get(&key) {
        Some(total) => total,
        None => {
            let (total,): (i64,) = count.query_as().fetch_one(&db.pool).await?;
            db.counts.put(key, total);
            total
        }
    };
    let offset = paging::offset(q.page, q.limit).ok_or_else(|| {
        let mut errors = FieldErrors::default();
        errors.add("page", paging::out_of_range(q.limit));
        AppError::Invalid(errors)
    })?;
    // Walk the sort index when the page lies within the first 5 % of many matches.
    // Not for substring searches: their matches cluster (people search a name's start), and
    // sorting the matches costs no more than their number.
    let walk = q.sort.indexed()
        && !search::has_substring_terms(&q.q)
        && total >= 1000
        && (offset + q.limit) * 20 <= total;
    let items = rows(db, user, visibility, q, Some((q.limit, offset)), walk).await?;
    Ok(ListPage { items, total })
}

/// The matching rows in order; all of them when `window` is `None` (export).
pub async fn fetch_rows(
    db: &Db,
    user: &Staff,
    visibility: Visibility,
    q: &ListQuery,
    window: Option<(i64, i64)>,
) -> Result<Vec<ListItem>> {
    rows(db, user, visibility, q, window, false).await
}

async fn rows(
    db: &Db,
    user: &Staff,
    visibility: Visibility,
    q: &ListQuery,
    window: Option<(i64, i64)>,
    walk_sort_index: bool,
) -> Result<Vec<ListItem>> {
    let mut sql = Sql::new(&format!("SELECT {LIST_COLUMNS}{FROM}"));
    push_conditions(&mut sql, db, user, visibility, q, walk_sort_index);
    let dir = if q.descending { "DESC" } else { "ASC" };
    // The id breaks ties: every single-column index also holds the row id, so the sort by an
    // indexed column is read straight from its index and stops after one page.
    let column = q.sort.column();
    // PostgreSQL would walk the sort index for a substring search, assuming matches are spread
    // evenly; they cluster (a name's start), so the sort key is kept off its index and the
    // matches from the search index are sorted instead — a cost bounded by their number.
    let column = hints::sort_without_index(
        db.backend,
        column,
        q.sort == SortKey::Name,
        search::has_substring_terms(&q.q) && q.sort.indexed(),
    );
    sql.push(&format!(" ORDER BY {column} {dir}, c.id {dir}"));
    if let Some((limit, offset)) = window {
        sql.push(" LIMIT ")
            .bind(limit)
            .push(" OFFSET ")
            .bind(offset);
    }
    Ok(sql.query_as::<ListItem>().fetch_all(&db.pool).await?)
}
