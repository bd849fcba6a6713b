//! Reading activities: a customer's list with filters, a person's calendar range, their open
//! tasks, and the overview's "latest activity" summary.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use super::store::{ACTIVITY_COLUMNS, ACTIVITY_FROM, Activity, Person};
use crate::{
    Result,
    contacts::lookup,
    db::{Db, Sql},
    error::{FieldErrors, Msg},
    timefmt::now,
    timefmt::when,
};

/// The filters of a customer's diary tab, as typed in the URL.
#[derive(Clone, Debug, Default, Deserialize, Serialize, utoipa::IntoParams)]
#[serde(default)]
#[into_params(parameter_in = Query)]
pub struct ActivityFilterParams {
    /// Activity type id.
    #[serde(rename = "type")]
    pub type_id: Option<String>,
    /// A participating consultant's user id.
    pub consultant: Option<String>,
    /// A contact id.
    pub contact: Option<String>,
    /// `open` or `done`.
    pub state: Option<String>,
    /// First day, `YYYY-MM-DD` (Oslo). A person's diary needs `from` and `to`, at most 62
    /// days apart.
    #[param(format = Date)]
    pub from: Option<String>,
    /// Last day, `YYYY-MM-DD` (Oslo).
    #[param(format = Date)]
    pub to: Option<String>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ActivityFilter {
    pub type_id: Option<i64>,
    pub consultant: Option<i64>,
    pub contact: Option<i64>,
    pub done: Option<bool>,
    pub from: Option<i64>,
    pub to: Option<i64>,
}

fn non_empty(v: &Option<String>) -> Option<&str> {
    v.as_deref().map(str::trim).filter(|s| !s.is_empty())
}

impl ActivityFilterParams {
    pub fn parse(&self) -> std::result::Result<ActivityFilter, FieldErrors> {
        let mut errors = FieldErrors::default();
        let mut id = |field: &str, v: &Option<String>| {
            non_empty(v).and_then(|raw| match raw.parse::<i64>() {
                Ok(n) if n > 0 => Some(n),
                _ => {
                    errors.add(field, Msg::new("filter-invalid"));
                    None
                }
            })
        };
        let type_id = id("type", &self.type_id);
        let consultant = id("consultant", &self.consultant);
        let contact = id("contact", &self.contact);
        let done = match non_empty(&self.state) {
            None => None,
            Some("open") => Some(false),
            Some("done") => Some(true),
            Some(_) => {
                errors.add("state", Msg::new("filter-invalid"));
                None
            }
        };
        let mut day = |field: &str, v: &Option<String>, next: bool| {
            non_empty(v).and_then(|raw| match when::parse_date(raw) {
                Some(d) if raw.len() == 10 => {
                    let d = if next { d.next_day().unwrap_or(d) } else { d };
                    Some(when::day_start(d))
                }
                _ => {
                    errors.add(field, Msg::new("activity-date-invalid"));
                    None
                }
            })
        };
        let from = day("from", &self.from, false);
        let to = day("to", &self.to, true);
        if !errors.is_empty() {
            return Err(errors);
        }
        Ok(ActivityFilter {
            type_id,
            consultant,
            contact,
            done,
            from,
            to,
        })
    }
}

/// An activity in a list, with the names of the people involved.
#[derive(Clone, Debug, Serialize)]
pub struct ActivityRow {
    #[serde(flatten)]
    pub activity: Activity,
    pub participants: Vec<Person>,
    pub contacts: Vec<Person>,
}

/// Adds participants' and contacts' names to activities (two queries, whatever the count).
pub async fn with_people(db: &Db, activities: Vec<Activity>) -> Result<Vec<ActivityRow>> {
    if activities.is_empty() {
        return Ok(Vec::new());
    }
    let ids: Vec<i64> = activities.iter().map(|a| a.id).collect();
    let mut people: HashMap<i64, Vec<Person>> = HashMap::new();
    let mut contacts: HashMap<i64, Vec<Person>> = HashMap::new();
    for chunk in ids.chunks(500) {
        let mut sql = Sql::new(
            "SELECT p.activity_id, u.id, u.name FROM activity_participants p JOIN users u ON u.id = p.user_id \
             WHERE p.activity_id IN ",
        );
        push_ids(&mut sql, chunk);
        sql.push(" ORDER BY u.name");
        for (aid, id, name) in sql
            .query_as::<(i64, i64, String)>()
            .fetch_all(&db.pool)
            .await?
        {
            people.entry(aid).or_default().push(Person { id, name });
        }
        let mut sql =
            Sql::new("SELECT contact_id, activity_id FROM activity_contacts WHERE activity_id IN ");
        push_ids(&mut sql, chunk);
        let mut on: HashMap<i64, Vec<i64>> = HashMap::new();
        for (contact_id, aid) in sql.query_as::<(i64, i64)>().fetch_all(&db.pool).await? {
            on.entry(contact_id).or_default().push(aid);
        }
        let ids: Vec<i64> = on.keys().copied().collect();
        // By last name, as `names_of` returns them.
        for (id, name) in lookup::names_of(db, &ids).await? {
            for aid in on.get(&id).into_iter().flatten() {
                let person = Person {
                    id,
                    name: name.clone(),
                };
                contacts.entry(*aid).or_default().push(person);
            }
        }
    }
    Ok(activities
        .into_iter()
        .map(|a| ActivityRow {
            participants: people.remove(&a.id).unwrap_or_default(),
            contacts: contacts.remove(&a.id).unwrap_or_default(),
            activity: a,
        })
        .collect())
}

/// How many of a customer's activities match `f` (the list itself stops at a limit).
pub async fn count_for_customer(db: &Db, customer_id: i64, f: &ActivityFilter) -> Result<i64> {
    let mut sql = Sql::new("SELECT COUNT(*) FROM activities a WHERE a.customer_id = ");
    sql.bind(customer_id).push(" AND a.deleted_at IS NULL");
    push_filter(&mut sql, f);
    let (n,): (i64,) = sql.query_as().fetch_one(&db.pool).await?;
    Ok(n)
}

/// A customer's activities: upcoming first (soonest first), then history (latest first).
pub async fn for_customer(
    db: &Db,
    customer_id: i64,
    f: &ActivityFilter,
    limit: i64,
) -> Result<Vec<ActivityRow>> {
    let now = now();
    let mut sql = Sql::new(&format!(
        "SELECT {ACTIVITY_COLUMNS}{ACTIVITY_FROM} WHERE a.customer_id = "
    ));
    sql.bind(customer_id).push(" AND a.deleted_at IS NULL");
    push_filter(&mut sql, f);
    sql.push(" ORDER BY CASE WHEN a.ends_at >= ")
        .bind(now)
        .push(" THEN 0 ELSE 1 END, CASE WHEN a.ends_at >= ")
        .bind(now)
        .push(" THEN a.starts_at ELSE -a.starts_at END, a.id LIMIT ")
        .bind(limit);
    let rows = sql.query_as::<Activity>().fetch_all(&db.pool).await?;
    with_people(db, rows).await
}

pub fn push_filter(sql: &mut Sql, f: &ActivityFilter) {
    if let Some(t) = f.type_id {
        sql.push(" AND a.type_id = ").bind(t);
    }
    if let Some(u) = f.consultant {
        sql.push(" AND EXISTS (SELECT 1 FROM activity_participants p WHERE p.activity_id = a.id AND p.user_id = ")
            .bind(u)
            .push(")");
    }
    if let Some(k) = f.contact {
        sql.push(" AND EXISTS (SELECT 1 FROM activity_contacts ac WHERE ac.activity_id = a.id AND ac.contact_id = ")
            .bind(k)
            .push(")");
    }
    if let Some(done) = f.done {
        sql.push(" AND a.done = ").bind(i64::from(done));
    }
    if let Some(from) = f.from {
        sql.push(" AND a.ends_at > ").bind(from);
    }
    if let Some(to) = f.to {
        sql.push(" AND a.starts_at < ").bind(to);
    }
}

/// A user's activities overlapping `[from, to)` (the calendar's visible range).
pub async fn calendar_range(db: &Db, user_id: i64, from: i64, to: i64) -> Result<Vec<Activity>> {
    let mut sql = Sql::new(&format!(
        "SELECT {ACTIVITY_COLUMNS}{ACTIVITY_FROM} JOIN activity_participants p ON p.activity_id = a.id \
         WHERE p.user_id = "
    ));
    sql.bind(user_id)
        .push(" AND a.deleted_at IS NULL AND a.starts_at < ")
        .bind(to)
        .push(" AND a.ends_at > ")
        .bind(from)
        .push(" AND a.starts_at > ")
        // Nothing lasts longer than 62 days, so this bound lets the index on starts_at do the work.
        .bind(from - 63 * 86_400)
        .push(" ORDER BY a.starts_at, a.id LIMIT 5000");
    Ok(sql.query_as::<Activity>().fetch_all(&db.pool).await?)
}

/// A user's open tasks and follow-ups, the overdue ones first.
pub async fn open_tasks(db: &Db, user_id: i64) -> Result<Vec<Activity>> {
    let sql = format!(
        "SELECT {ACTIVITY_COLUMNS}{ACTIVITY_FROM} JOIN activity_participants p ON p.activity_id = a.id \
         WHERE p.user_id = $1 AND a.deleted_at IS NULL AND a.done = 0 \
         AND (t.kind = 'task' OR t.key = 'follow_up') ORDER BY a.starts_at, a.id LIMIT 200"
    );
    Ok(sqlx::query_as(sqlx::AssertSqlSafe(sql))
        .bind(user_id)
        .fetch_all(&db.pool)
        .await?)
}

/// Appends ` AND a.id IN (…)`-style placeholders for a list of ids.
fn push_ids(sql: &mut Sql, ids: &[i64]) {
    sql.push("(");
    for (i, id) in ids.iter().enumerate() {
        if i > 0 {
            sql.push(", ");
        }
        sql.bind(*id);
    }
    sql.push(")");
}
