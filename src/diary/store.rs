//! Activities in the database. Every change runs in the caller's transaction and also keeps the
//! customer's `last_activity_at` (the list's "last activity") up to date, so the caller commits
//! with `Db::commit_and_recount`; it bumps `version` (stale edits are refused; the calendar
//! feed's SEQUENCE follows it).

use serde::Serialize;
use sqlx::AnyConnection;

use super::{
    audit,
    model::{ActivityData, NextStep},
    types,
};
use crate::{
    AppError, Result,
    contacts::lookup,
    db::Db,
    error::{FieldErrors, Msg},
    timefmt::now,
};

/// An activity as stored, with its type and customer (whose owner and department decide access).
#[derive(Clone, Debug, Serialize, sqlx::FromRow)]
pub struct Activity {
    pub id: i64,
    pub customer_id: Option<i64>,
    pub customer_name: Option<String>,
    #[serde(skip)]
    pub customer_owner_id: Option<i64>,
    #[serde(skip)]
    pub customer_department_id: Option<i64>,
    pub type_id: i64,
    pub type_key: Option<String>,
    pub type_name: Option<String>,
    pub colour: String,
    pub kind: String,
    pub title: String,
    pub notes: Option<String>,
    pub starts_at: i64,
    pub ends_at: i64,
    pub all_day: i64,
    pub due_date: Option<String>,
    pub location: Option<String>,
    pub done: i64,
    pub follows_activity_id: Option<i64>,
    pub created_by: Option<i64>,
    pub created_at: i64,
    pub updated_at: i64,
    pub version: i64,
}

/// Columns of [`Activity`] over `activities a JOIN activity_types t LEFT JOIN customers c`.
pub const ACTIVITY_COLUMNS: &str = "a.id, a.customer_id, c.name AS customer_name, \
    c.owner_id AS customer_owner_id, c.department_id AS customer_department_id, a.type_id, \
    t.key AS type_key, t.name AS type_name, t.colour, t.kind, a.title, a.notes, a.starts_at, \
    a.ends_at, a.all_day, a.due_date, a.location, a.done, a.follows_activity_id, a.created_by, \
    a.created_at, a.updated_at, a.version";

pub const ACTIVITY_FROM: &str = " FROM activities a JOIN activity_types t ON t.id = a.type_id \
    LEFT JOIN customers c ON c.id = a.customer_id";

/// A person linked to an activity (participant or contact).
#[derive(Clone, Debug, Serialize, sqlx::FromRow, utoipa::ToSchema)]
pub struct Person {
    pub id: i64,
    pub name: String,
}

/// Loads a (not deleted) activity, without any access check: callers go through `access`.
pub async fn get(db: &Db, id: i64) -> Result<Option<Activity>> {
    let sql = format!(
        "SELECT {ACTIVITY_COLUMNS}{ACTIVITY_FROM} WHERE a.id = $1 AND a.deleted_at IS NULL"
    );
    Ok(sqlx::query_as(sqlx::AssertSqlSafe(sql))
        .bind(id)
        .fetch_optional(&db.pool)
        .await?)
}

pub async fn participants(db: &Db, id: i64) -> Result<Vec<Person>> {
    Ok(sqlx::query_as(
        "SELECT u.id, u.name FROM activity_participants p JOIN users u ON u.id = p.user_id \
         WHERE p.activity_id = $1 ORDER BY u.name",
    )
    .bind(id)
    .fetch_all(&db.pool)
    .await?)
}

/// The activity's contacts, by last name (their names through `contacts::lookup`).
pub async fn contacts(db: &Db, id: i64) -> Result<Vec<Person>> {
    let ids: Vec<i64> =
        sqlx::query_scalar("SELECT contact_id FROM activity_contacts WHERE activity_id = $1")
            .bind(id)
            .fetch_all(&db.pool)
            .await?;
    Ok(lookup::names_of(db, &ids)
        .await?
        .into_iter()
        .map(|(id, name)| Person { id, name })
        .collect())
}

/// Checks what only the database knows: participants are active staff, contacts belong to
/// this customer (and there are none without a customer).
async fn check_links(
    conn: &mut AnyConnection,
    customer_id: Option<i64>,
    data: &ActivityData,
) -> Result<()> {
    let mut errors = FieldErrors::default();
    for &user_id in &data.participants {
        let found: Option<(i64,)> =
            sqlx::query_as("SELECT id FROM users WHERE id = $1 AND active = 1")
                .bind(user_id)
                .fetch_optional(&mut *conn)
                .await?;
        if found.is_none() {
            errors.add("participants", Msg::new("activity-participant-unknown"));
            break;
        }
    }
    for &contact_id in &data.contacts {
        if !lookup::belongs_to(conn, contact_id, customer_id.unwrap_or(0)).await? {
            errors.add("contacts", Msg::new("activity-contact-unknown"));
            break;
        }
    }
    errors.into_result()
}

async fn write_links(conn: &mut AnyConnection, id: i64, data: &ActivityData) -> Result<()> {
    sqlx::query("DELETE FROM activity_participants WHERE activity_id = $1")
        .bind(id)
        .execute(&mut *conn)
        .await?;
    sqlx::query("DELETE FROM activity_contacts WHERE activity_id = $1")
        .bind(id)
        .execute(&mut *conn)
        .await?;
    for &user_id in &data.participants {
        sqlx::query("INSERT INTO activity_participants (activity_id, user_id) VALUES ($1, $2)")
            .bind(id)
            .bind(user_id)
            .execute(&mut *conn)
            .await?;
    }
    for &contact_id in &data.contacts {
        sqlx::query("INSERT INTO activity_contacts (activity_id, contact_id) VALUES ($1, $2)")
            .bind(id)
            .bind(contact_id)
            .execute(&mut *conn)
            .await?;
    }
    Ok(())
}

/// Recomputes the customer's "last activity": the start of its latest done activity.
pub async fn refresh_last_activity(
    conn: &mut AnyConnection,
    customer_id: Option<i64>,
) -> Result<()> {
    let Some(customer_id) = customer_id else {
        return Ok(());
    };
    sqlx::query(
        "UPDATE customers SET last_activity_at = (SELECT MAX(a.starts_at) FROM activities a \
         WHERE a.customer_id = $1 AND a.deleted_at IS NULL AND a.done = 1) WHERE id = $1",
    )
    .bind(customer_id)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

async fn insert(
    conn: &mut AnyConnection,
    user_id: i64,
    customer_id: Option<i64>,
    data: &ActivityData,
    follows: Option<i64>,
) -> Result<i64> {
    check_links(conn, customer_id, data).await?;
    let now = now();
    let (id,): (i64,) = sqlx::query_as(
        "INSERT INTO activities (customer_id, type_id, title, notes, starts_at, ends_at, all_day, \
         due_date, location, done, done_at, follows_activity_id, created_by, created_at, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $14) RETURNING id",
    )
    .bind(customer_id)
    .bind(data.type_id)
    .bind(&data.title)
    .bind(data.notes.clone())
    .bind(data.starts_at)
    .bind(data.ends_at)
    .bind(i64::from(data.all_day))
    .bind(data.due_date.clone())
    .bind(data.location.clone())
    .bind(i64::from(data.done))
    .bind(data.done.then_some(now))
    .bind(follows)
    .bind(user_id)
    .bind(now)
    .fetch_one(&mut *conn)
    .await?;
    write_links(conn, id, data).await?;
    let changes = audit::created(&data.title, data.starts_at, data.ends_at);
    audit::record(conn, customer_id, id, "activity-create", &changes, user_id).await?;
    Ok(id)
}

/// The follow-up's data: same people as the activity it follows, the step's type and time.
/// Checked before the activity is saved (`create` and `update` take it as `next`).
pub async fn follow_up(db: &Db, base: &ActivityData, step: &NextStep) -> Result<ActivityData> {
    let ty = types::get(db, step.type_id)
        .await?
        .filter(|t| t.is_active());
    let mut errors = FieldErrors::default();
    let Some(ty) = ty else {
        errors.add("next_type_id", Msg::new("activity-type-missing"));
        return Err(AppError::Invalid(errors));
    };
    let has_time = step.start.len() > 10;
    let draft = super::model::ActivityDraft {
        type_id: ty.id.to_string(),
        title: step.title.clone(),
        start: step.start.clone(),
        due_date: step.start.clone(),
        all_day: (!has_time).then(|| "1".to_string()),
        participants: base.participants.iter().map(i64::to_string).collect(),
        contacts: base.contacts.iter().map(i64::to_string).collect(),
        ..Default::default()
    };
    draft.validate(Some(&ty)).map_err(|e| {
        let mut errors = FieldErrors::default();
        for msgs in e.0.into_values() {
            for m in msgs {
                errors.add("next_start", m);
            }
        }
        AppError::Invalid(errors)
    })
}

/// Creates an activity (and its next step, see [`follow_up`]) in the caller's transaction;
/// returns its id. "Last activity" feeds a list filter: commit with `Db::commit_and_recount`.
pub async fn create(
    conn: &mut AnyConnection,
    user_id: i64,
    customer_id: Option<i64>,
    data: &ActivityData,
    next: Option<&ActivityData>,
) -> Result<i64> {
    let id = insert(conn, user_id, customer_id, data, None).await?;
    if let Some(nd) = next {
        insert(conn, user_id, customer_id, nd, Some(id)).await?;
    }
    refresh_last_activity(conn, customer_id).await?;
    Ok(id)
}

pub(super) fn stale() -> AppError {
    AppError::Conflict(Msg::new("activity-stale"))
}

/// Saves an edited activity in the caller's transaction if nobody changed it since `version`;
/// a next step ([`follow_up`]) is created with it. Commit with `Db::commit_and_recount`.
pub async fn update(
    conn: &mut AnyConnection,
    user_id: i64,
    current: &Activity,
    version: i64,
    data: &ActivityData,
    next: Option<&ActivityData>,
) -> Result<()> {
    check_links(conn, current.customer_id, data).await?;
    let now = now();
    let res = sqlx::query(
        "UPDATE activities SET type_id = $1, title = $2, notes = $3, starts_at = $4, ends_at = $5, \
         all_day = $6, due_date = $7, location = $8, done = $9, \
         done_at = CASE WHEN $9 = 1 THEN COALESCE(done_at, $10) ELSE NULL END, updated_at = $10, \
         version = version + 1 WHERE id = $11 AND version = $12 AND deleted_at IS NULL",
    )
    .bind(data.type_id)
    .bind(&data.title)
    .bind(data.notes.clone())
    .bind(data.starts_at)
    .bind(data.ends_at)
    .bind(i64::from(data.all_day))
    .bind(data.due_date.clone())
    .bind(data.location.clone())
    .bind(i64::from(data.done))
    .bind(now)
    .bind(current.id)
    .bind(version)
    .execute(&mut *conn)
    .await?;
    if res.rows_affected() == 0 {
        return Err(stale());
    }
    write_links(conn, current.id, data).await?;
    let changes = audit::changed(
        audit::fields(&current.title, current.starts_at, current.ends_at),
        audit::fields(&data.title, data.starts_at, data.ends_at),
    );
    let action = if data.done && current.done == 0 {
        "activity-complete"
    } else {
        "activity-update"
    };
    audit::record(
        conn,
        current.customer_id,
        current.id,
        action,
        &changes,
        user_id,
    )
    .await?;
    if let Some(nd) = next {
        insert(conn, user_id, current.customer_id, nd, Some(current.id)).await?;
    }
    refresh_last_activity(conn, current.customer_id).await?;
    Ok(())
}
