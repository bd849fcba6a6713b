//! Workers in the database: the register, their skills and their dated papers (credentials).
//! Writes take a connection, so a caller can combine them in one transaction.

use serde::Serialize;
use sqlx::AnyConnection;
use time::{Date, Duration};

use super::model::{Status, WorkerData};
use crate::{
    Result,
    collate::sort_key,
    db::{Db, Sql, paging, search},
    error::{FieldErrors, Msg},
    norway::mobile::format_mobile,
    timefmt::{now, when::date_string},
};

#[derive(Clone, Debug, Serialize, sqlx::FromRow, utoipa::ToSchema)]
pub struct Worker {
    pub id: i64,
    pub name: String,
    pub email: Option<String>,
    /// E.164, e.g. `+4791234567`.
    pub mobile: Option<String>,
    pub street: Option<String>,
    pub postal_code: Option<String>,
    pub city: Option<String>,
    pub employee_number: Option<String>,
    /// `candidate`, `employee` or `former`.
    pub status: String,
    pub preferred_places: Option<String>,
    pub available_from: Option<String>,
    /// The bank account masked (`•••• 7947`): only its last four characters are stored in the
    /// clear, the account itself is sealed (`workers::bank`, decision 0073) and never read here.
    #[serde(rename = "bank_account", serialize_with = "masked_account")]
    #[schema(value_type = Option<String>, example = "•••• 7947")]
    pub bank_account_last4: Option<String>,
    pub bic: Option<String>,
    pub needs_work_permit: i64,
    pub responsible_id: Option<i64>,
    pub version: i64,
    pub created_at: i64,
    pub updated_at: i64,
    /// When the worker's personal data was erased (GDPR); see `workers::gdpr`.
    pub erased_at: Option<i64>,
    /// The national identity number's kind and last two digits (the number itself is sealed and
    /// never read here); shown through [`Worker::national_id`].
    #[serde(skip)]
    pub national_id_kind: Option<String>,
    #[serde(skip)]
    pub national_id_last2: Option<String>,
}

fn masked_account<S: serde::Serializer>(last4: &Option<String>, s: S) -> Result<S::Ok, S::Error> {
    match last4 {
        Some(t) => s.serialize_some(&super::bank::masked(t)),
        None => s.serialize_none(),
    }
}

impl Worker {
    /// The bank account masked (`•••• 7947`); `None` when none is stored.
    pub fn bank_account_masked(&self) -> Option<String> {
        self.bank_account_last4.as_deref().map(super::bank::masked)
    }

    pub fn mobile_text(&self) -> String {
        self.mobile
            .as_deref()
            .map(format_mobile)
            .unwrap_or_default()
    }

    /// The national identity number, masked; `None` when none is stored.
    pub fn national_id(&self) -> Option<super::national_id::Masked> {
        super::national_id::Masked::new(
            self.national_id_kind.as_deref(),
            self.national_id_last2.as_deref(),
        )
    }
}

const COLUMNS: &str = "w.id, w.name, w.email, w.mobile, w.street, w.postal_code, w.city, \
    w.employee_number, w.status, w.preferred_places, w.available_from, w.bank_account_last4, w.bic, \
    w.needs_work_permit, w.responsible_id, w.version, w.created_at, w.updated_at, w.erased_at, \
    w.national_id_kind, w.national_id_last2";

/// A row of the worker list: the worker, their skills and their soonest-ending paper.
#[derive(Clone, Debug, Serialize, utoipa::ToSchema)]
pub struct ListRow {
    #[serde(flatten)]
    pub worker: Worker,
    pub skills: Vec<String>,
    /// The earliest `valid_until` among the worker's credentials, `YYYY-MM-DD`.
    pub next_expiry: Option<String>,
}

/// What the worker list is filtered by; every field optional.
#[derive(Clone, Debug, Default)]
pub struct Filter {
    pub q: String,
    pub status: Option<Status>,
    pub skill: Option<String>,
    pub place: Option<String>,
    /// Available on or before this date (or with no date set).
    pub available_by: Option<Date>,
    /// Has a credential that has expired or expires within this many days.
    pub expiring_within_days: Option<i64>,
    pub responsible_id: Option<i64>,
    /// Free for the whole period (from, to; none for an open end): no planned or active
    /// assignment overlaps it (`assignments::store::push_free_between`).
    pub free_between: Option<(Date, Option<Date>)>,
    pub page: i64,
    /// Read on after this worker in name order (keyset paging: the page's "next" link and the
    /// API's `next_after` carry the last worker of the page before); when the worker is gone,
    /// `page` counts.
    pub after: Option<i64>,
}

pub const PAGE_SIZE: i64 = 50;

fn push_filter(sql: &mut Sql, db: &Db, f: &Filter, today: Date) {
    search::push_search(sql, db, search::WORKERS, "w", &f.q);
    if let Some(s) = f.status {
        sql.push(" AND w.status = ").bind(s.as_str());
    }
    if let Some(skill) = &f.skill {
        sql.push(" AND EXISTS (SELECT 1 FROM worker_skills s WHERE s.worker_id = w.id AND s.skill_key = ")
            .bind(sort_key(skill))
            .push(")");
    }
    if let Some(place) = &f.place {
        // The key holds letters, digits and spaces only, so no LIKE wildcard can come from it.
        let key: String = sort_key(place)
            .chars()
            .filter(|c| c.is_alphanumeric() || *c == ' ')
            .collect();
        sql.push(" AND w.place_text LIKE ").bind(format!("%{key}%"));
    }
    if let Some(by) = f.available_by {
        sql.push(" AND (w.available_from IS NULL OR w.available_from <= ")
            .bind(date_string(by))
            .push(")");
    }
    if let Some(days) = f.expiring_within_days {
        sql.push(" AND EXISTS (SELECT 1 FROM worker_credentials c WHERE c.worker_id = w.id AND c.valid_until <= ")
            .bind(date_string(today + Duration::days(days)))
            .push(&format!(" AND {})", super::credentials::NOT_SUPERSEDED));
    }
    if let Some(r) = f.responsible_id {
        sql.push(" AND w.responsible_id = ").bind(r);
    }
    if let Some((from, to)) = f.free_between {
        crate::assignments::store::push_free_between(sql, "w", from, to);
    }
}

/// Workers are counted exactly up to this many; beyond it a list says "more than 1,000" instead
/// of counting every match on every request (decision 0074, as customers and invoices do).
pub const COUNT_BOUND: i64 = crate::db::paging::COUNT_BOUND;

/// How many workers a filter matches: exact up to [`COUNT_BOUND`], a lower bound beyond it.
pub use crate::db::paging::Count;

/// One page of the worker list.
#[derive(Debug)]
pub struct ListPage {
    pub rows: Vec<ListRow>,
    pub count: Count,
    /// Another page follows this one (a row past the page was read).
    pub more: bool,
}

/// One page of the worker list in name order, and how many workers the filter matches
/// (counted no further than [`COUNT_BOUND`] + 1 rows: the first page costs the same however
/// large the register).
pub async fn list(db: &Db, f: &Filter, today: Date) -> Result<ListPage> {
    let offset = paging::offset(f.page.max(1), PAGE_SIZE).ok_or_else(|| {
        let mut errors = FieldErrors::default();
        errors.add("page", paging::out_of_range(PAGE_SIZE));
        crate::AppError::Invalid(errors)
    })?;
    let mut count = Sql::new("SELECT COUNT(*) FROM (SELECT 1 FROM workers w WHERE 1 = 1");
    push_filter(&mut count, db, f, today);
    count
        .push(" LIMIT ")
        .bind(COUNT_BOUND + 1)
        .push(") matches");
    let (total,): (i64,) = count.query_as().fetch_one(&db.pool).await?;

    let after = match f.after {
        Some(id) => sqlx::query_as::<_, (String,)>("SELECT sort_name FROM workers WHERE id = $1")
            .bind(id)
            .fetch_optional(&db.pool)
            .await?
            .map(|(name,)| (name, id)),
        None => None,
    };
    let mut sql = Sql::new(&format!(
        "SELECT {COLUMNS}, (SELECT MIN(c.valid_until) FROM worker_credentials c WHERE c.worker_id = w.id) \
         AS next_expiry FROM workers w WHERE 1 = 1"
    ));
    push_filter(&mut sql, db, f, today);
    if let Some((name, id)) = &after {
        // `sort_name >= v` is the range of the name index; the rest drops the ties at `v` up to
        // the anchor (the id breaks ties, as in the ORDER BY).
        sql.push(" AND w.sort_name >= ")
            .bind(name.clone())
            .push(" AND (w.sort_name > ")
            .bind(name.clone())
            .push(" OR w.id > ")
            .bind(*id)
            .push(")");
    }
    // One row past the page says whether another follows (the count may have stopped short).
    sql.push(" ORDER BY w.sort_name, w.id LIMIT ")
        .bind(PAGE_SIZE + 1)
        .push(" OFFSET ")
        .bind(if after.is_some() { 0 } else { offset });
    let mut rows: Vec<WorkerWithExpiry> = sql.query_as().fetch_all(&db.pool).await?;
    let more = rows.len() as i64 > PAGE_SIZE;
    rows.truncate(PAGE_SIZE as usize);
    let ids: Vec<i64> = rows.iter().map(|r| r.worker.id).collect();
    let mut skills = skills_of(db, &ids).await?;
    Ok(ListPage {
        rows: rows
            .into_iter()
            .map(|r| ListRow {
                skills: skills.remove(&r.worker.id).unwrap_or_default(),
                next_expiry: r.next_expiry,
                worker: r.worker,
            })
            .collect(),
        count: Count::up_to(total, COUNT_BOUND),
        more,
    })
}

#[derive(sqlx::FromRow)]
struct WorkerWithExpiry {
    #[sqlx(flatten)]
    worker: Worker,
    next_expiry: Option<String>,
}

/// The skills of these workers, in the order they were typed.
async fn skills_of(db: &Db, ids: &[i64]) -> Result<std::collections::HashMap<i64, Vec<String>>> {
    let mut out: std::collections::HashMap<i64, Vec<String>> = Default::default();
    if ids.is_empty() {
        return Ok(out);
    }
    let mut sql = Sql::new("SELECT worker_id, skill FROM worker_skills WHERE worker_id IN (");
    sql.bind_list(ids.iter().copied())
        .push(") ORDER BY worker_id, position");
    let rows: Vec<(i64, String)> = sql.query_as().fetch_all(&db.pool).await?;
    for (id, skill) in rows {
        out.entry(id).or_default().push(skill);
    }
    Ok(out)
}

pub async fn get(db: &Db, id: i64) -> Result<Option<Worker>> {
    get_in(&mut *db.pool.acquire().await?, id).await
}

/// A worker as the caller's transaction sees them.
pub async fn get_in(conn: &mut AnyConnection, id: i64) -> Result<Option<Worker>> {
    let mut sql = Sql::new(&format!("SELECT {COLUMNS} FROM workers w WHERE w.id = "));
    sql.bind(id);
    Ok(sql.query_as().fetch_optional(&mut *conn).await?)
}

pub async fn skills(db: &Db, id: i64) -> Result<Vec<String>> {
    Ok(skills_of(db, &[id]).await?.remove(&id).unwrap_or_default())
}

/// Every skill in use, with how many workers have it (for the filter).
pub async fn all_skills(db: &Db) -> Result<Vec<(String, i64)>> {
    Ok(sqlx::query_as(
        "SELECT MIN(skill), COUNT(*) FROM worker_skills GROUP BY skill_key ORDER BY skill_key",
    )
    .fetch_all(&db.pool)
    .await?)
}

fn search_text(d: &WorkerData) -> String {
    let mut parts: Vec<&str> = vec![d.name.as_str()];
    parts.extend(
        [&d.email, &d.mobile, &d.employee_number, &d.city]
            .into_iter()
            .flatten()
            .map(String::as_str),
    );
    parts.extend(d.skills.iter().map(String::as_str));
    parts.join(" ").to_lowercase()
}

fn place_text(d: &WorkerData) -> String {
    let places = [d.city.as_deref(), d.preferred_places.as_deref()];
    sort_key(&places.into_iter().flatten().collect::<Vec<_>>().join(" "))
}

/// An employee number someone else has: said on the field, as a form error.
fn employee_number_taken(err: sqlx::Error) -> crate::AppError {
    if crate::db::is_unique_violation(&err, "employee_number") {
        let mut errors = FieldErrors::default();
        errors.add("employee_number", Msg::new("worker-employee-number-taken"));
        return crate::AppError::Invalid(errors);
    }
    crate::AppError::Database(err)
}

pub async fn create(conn: &mut AnyConnection, user_id: i64, d: &WorkerData) -> Result<i64> {
    let now = now();
    let (id,): (i64,) = sqlx::query_as(
        "INSERT INTO workers (name, email, mobile, street, postal_code, city, employee_number, status, \
         preferred_places, place_text, available_from, needs_work_permit, responsible_id, \
         search_text, sort_name, version, created_by, created_at, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, 1, $13, $16, $16) \
         RETURNING id",
    )
    .bind(&d.name)
    .bind(&d.email)
    .bind(&d.mobile)
    .bind(&d.street)
    .bind(&d.postal_code)
    .bind(&d.city)
    .bind(&d.employee_number)
    .bind(d.status.as_str())
    .bind(&d.preferred_places)
    .bind(place_text(d))
    .bind(&d.available_from)
    .bind(i64::from(d.needs_work_permit))
    .bind(user_id)
    .bind(search_text(d))
    .bind(sort_key(&d.name))
    .bind(now)
    .fetch_one(&mut *conn)
    .await
    .map_err(employee_number_taken)?;
    set_skills(conn, id, &d.skills).await?;
    Ok(id)
}

/// Saves `d` unless someone saved since `expected_version`; `Ok(false)` when stale.
pub async fn update(
    conn: &mut AnyConnection,
    id: i64,
    expected_version: i64,
    d: &WorkerData,
) -> Result<bool> {
    let done = sqlx::query(
        "UPDATE workers SET name = $1, email = $2, mobile = $3, street = $4, postal_code = $5, city = $6, \
         employee_number = $7, status = $8, preferred_places = $9, place_text = $10, available_from = $11, \
         needs_work_permit = $12, search_text = $13, sort_name = $14, \
         version = version + 1, updated_at = $15 WHERE id = $16 AND version = $17",
    )
    .bind(&d.name)
    .bind(&d.email)
    .bind(&d.mobile)
    .bind(&d.street)
    .bind(&d.postal_code)
    .bind(&d.city)
    .bind(&d.employee_number)
    .bind(d.status.as_str())
    .bind(&d.preferred_places)
    .bind(place_text(d))
    .bind(&d.available_from)
    .bind(i64::from(d.needs_work_permit))
    .bind(search_text(d))
    .bind(sort_key(&d.name))
    .bind(now())
    .bind(id)
    .bind(expected_version)
    .execute(&mut *conn)
    .await
    .map_err(employee_number_taken)?;
    if done.rows_affected() == 0 {
        return Ok(false);
    }
    set_skills(conn, id, &d.skills).await?;
    Ok(true)
}

async fn set_skills(conn: &mut AnyConnection, id: i64, skills: &[String]) -> Result<()> {
    sqlx::query("DELETE FROM worker_skills WHERE worker_id = $1")
        .bind(id)
        .execute(&mut *conn)
        .await?;
    let mut seen = std::collections::HashSet::new();
    for (position, skill) in skills.iter().enumerate() {
        if !seen.insert(sort_key(skill)) {
            continue;
        }
        sqlx::query("INSERT INTO worker_skills (worker_id, skill_key, skill, position) VALUES ($1, $2, $3, $4)")
            .bind(id)
            .bind(sort_key(skill))
            .bind(skill)
            .bind(position as i64)
            .execute(&mut *conn)
            .await?;
    }
    Ok(())
}

/// Workers to choose from for an assignment (not former ones), by name, matching `q`, at most
/// `limit`; the one already chosen is always included.
pub async fn options(
    db: &Db,
    q: &str,
    selected: Option<i64>,
    limit: i64,
) -> Result<Vec<(i64, String)>> {
    let mut sql = Sql::new("SELECT w.id, w.name FROM workers w WHERE w.status <> 'former'");
    search::push_search(&mut sql, db, search::WORKERS, "w", q);
    sql.push(" ORDER BY w.sort_name, w.id LIMIT ").bind(limit);
    let mut rows: Vec<(i64, String)> = sql.query_as().fetch_all(&db.pool).await?;
    if let Some(id) = selected
        && !rows.iter().any(|(r, _)| *r == id)
        && let Some(w) = get(db, id).await?
    {
        rows.insert(0, (w.id, w.name));
    }
    Ok(rows)
}

/// A worker's name, in the caller's transaction (for the card's history).
pub async fn name(conn: &mut AnyConnection, id: i64) -> Result<String> {
    let (name,): (String,) = sqlx::query_as("SELECT name FROM workers WHERE id = $1")
        .bind(id)
        .fetch_one(&mut *conn)
        .await?;
    Ok(name)
}

/// Records whether the worker consented to be kept beyond the firm's retention period for
/// candidates (the recruitments' privacy job leaves them alone; decision 0038).
pub async fn set_keep_consent(conn: &mut AnyConnection, id: i64, keep: bool) -> Result<()> {
    let now = crate::timefmt::now();
    sqlx::query(
        "UPDATE workers SET keep_consent = $1, keep_consent_at = CASE WHEN $1 = 1 THEN $2 ELSE NULL END \
         WHERE id = $3 AND erased_at IS NULL",
    )
    .bind(i64::from(keep))
    .bind(now)
    .bind(id)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// Workers named by employee number or by id (a time-clock file's lines): (id, employee
/// number, name), for those that exist.
pub async fn by_numbers_or_ids(
    conn: &mut AnyConnection,
    numbers: &[String],
    ids: &[i64],
) -> Result<Vec<(i64, Option<String>, String)>> {
    if numbers.is_empty() && ids.is_empty() {
        return Ok(Vec::new());
    }
    let mut sql = Sql::new("SELECT id, employee_number, name FROM workers WHERE ");
    if !ids.is_empty() {
        sql.push("id IN (").bind_list(ids.iter().copied()).push(")");
    }
    if !numbers.is_empty() {
        if !ids.is_empty() {
            sql.push(" OR ");
        }
        sql.push("employee_number IN (")
            .bind_list(numbers.iter().cloned())
            .push(")");
    }
    Ok(sql.query_as().fetch_all(&mut *conn).await?)
}

/// The worker with this email address (lower-case), not erased; the oldest when several.
/// Applications through the homepage are matched to a worker by it (`job_ads::apply`).
pub async fn find_by_email(conn: &mut AnyConnection, email: &str) -> Result<Option<Worker>> {
    let mut sql = Sql::new(&format!(
        "SELECT {COLUMNS} FROM workers w WHERE w.erased_at IS NULL AND LOWER(w.email) = "
    ));
    sql.bind(email.trim().to_lowercase())
        .push(" ORDER BY w.id LIMIT 1");
    Ok(sql.query_as().fetch_optional(&mut *conn).await?)
}

/// Gives a worker who has no mobile number the one they typed in an application (E.164); the
/// search text gets it too. Nothing else of a known worker is changed by an application.
pub async fn fill_mobile(conn: &mut AnyConnection, id: i64, mobile: &str) -> Result<()> {
    sqlx::query(
        "UPDATE workers SET mobile = $1, search_text = search_text || ' ' || $2, \
         version = version + 1, updated_at = $3 WHERE id = $4 AND mobile IS NULL",
    )
    .bind(mobile)
    .bind(mobile.to_lowercase())
    .bind(now())
    .bind(id)
    .execute(&mut *conn)
    .await?;
    Ok(())
}
