//! Who may see and change activities, and whose diary a user may open
//! (docs/decisions/0005-diary-visibility.md).
//!
//! - An activity on a customer follows the customer's policy (`customers::access`): visible when
//!   the customer is; changed by those who may change the customer. Participants always see and
//!   may move their own activities. Activities without a customer belong to their creator and
//!   participants (and admins).
//! - Diaries: your own in full; admins any; managers their department's staff in full; consultants
//!   their department colleagues' — busy/free only, unless the firm turns on details. Details of an
//!   activity on a customer the viewer may not see are always reduced to busy/free.

use super::store::{self, Activity};
use crate::{
    AppError, AppState, Result,
    auth::{Role, Staff},
    customers::access::{Visibility, can_edit},
    db::Db,
};

/// Is `user_id` a participant of the activity?
pub async fn is_participant(db: &Db, activity_id: i64, user_id: i64) -> Result<bool> {
    let found: Option<(i64,)> = sqlx::query_as(
        "SELECT user_id FROM activity_participants WHERE activity_id = $1 AND user_id = $2",
    )
    .bind(activity_id)
    .bind(user_id)
    .fetch_optional(&db.pool)
    .await?;
    Ok(found.is_some())
}

/// May a user with `visibility` see activities of this customer?
pub fn customer_visible(
    visibility: Visibility,
    owner_id: Option<i64>,
    department_id: Option<i64>,
) -> bool {
    match visibility {
        Visibility::All => true,
        Visibility::DepartmentOrOwn {
            user_id,
            department_id: dep,
        } => owner_id == Some(user_id) || (dep.is_some() && department_id == dep),
    }
}

/// Rules for one activity, given whether the user takes part in it.
pub fn can_see(user: &Staff, visibility: Visibility, a: &Activity, participant: bool) -> bool {
    participant
        || user.role.is_admin()
        || match a.customer_id {
            Some(_) => customer_visible(visibility, a.customer_owner_id, a.customer_department_id),
            None => a.created_by == Some(user.id),
        }
}

pub fn can_change(user: &Staff, a: &Activity, participant: bool) -> bool {
    participant
        || user.role.is_admin()
        || match a.customer_id {
            Some(_) => can_edit(user, a.customer_owner_id, a.customer_department_id),
            None => a.created_by == Some(user.id),
        }
}

/// Loads an activity the user may see (404 otherwise: a guessed id tells nothing).
pub async fn load_visible(state: &AppState, user: &Staff, id: i64) -> Result<Activity> {
    let a = store::get(&state.db, id).await?.ok_or(AppError::NotFound)?;
    let participant = is_participant(&state.db, id, user.id).await?;
    let visibility = Visibility::of(user, state.config.consultant_scope);
    if !can_see(user, visibility, &a, participant) {
        return Err(AppError::NotFound);
    }
    Ok(a)
}

/// Loads an activity the user may change: 404 when out of sight, 403 when only visible.
pub async fn load_changeable(state: &AppState, user: &Staff, id: i64) -> Result<Activity> {
    let a = load_visible(state, user, id).await?;
    let participant = is_participant(&state.db, id, user.id).await?;
    if !can_change(user, &a, participant) {
        return Err(AppError::Forbidden);
    }
    Ok(a)
}

/// How much of someone's diary a viewer sees.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DiaryView {
    /// Titles, customers, notes (still only busy/free for customers out of the viewer's sight).
    Details,
    /// Only when the person is busy.
    BusyOnly,
}

/// The firm's choice: may consultants see details in their colleagues' diaries?
pub async fn colleague_details(db: &Db) -> Result<bool> {
    let row: Option<(i64,)> =
        sqlx::query_as("SELECT colleague_details FROM diary_settings WHERE id = 1")
            .fetch_optional(&db.pool)
            .await?;
    Ok(row.is_some_and(|(v,)| v == 1))
}

pub async fn set_colleague_details(db: &Db, on: bool) -> Result<()> {
    sqlx::query("UPDATE diary_settings SET colleague_details = $1, updated_at = $2 WHERE id = 1")
        .bind(i64::from(on))
        .bind(crate::timefmt::now())
        .execute(&db.pool)
        .await?;
    Ok(())
}

/// The owner of a diary, as far as access is concerned.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct DiaryOwner {
    pub id: i64,
    pub name: String,
    pub department_id: Option<i64>,
}

pub async fn diary_owner(db: &Db, user_id: i64) -> Result<Option<DiaryOwner>> {
    Ok(
        sqlx::query_as("SELECT id, name, department_id FROM users WHERE id = $1 AND active = 1")
            .bind(user_id)
            .fetch_optional(&db.pool)
            .await?,
    )
}

/// What `viewer` may see of `owner`'s diary; 403 when nothing.
pub async fn diary_view(db: &Db, viewer: &Staff, owner: &DiaryOwner) -> Result<DiaryView> {
    let same_department =
        owner.department_id.is_some() && owner.department_id == viewer.department_id;
    match viewer.role {
        _ if viewer.id == owner.id => Ok(DiaryView::Details),
        Role::Admin => Ok(DiaryView::Details),
        Role::Manager if same_department => Ok(DiaryView::Details),
        Role::Consultant if same_department => Ok(if colleague_details(db).await? {
            DiaryView::Details
        } else {
            DiaryView::BusyOnly
        }),
        _ => Err(AppError::Forbidden),
    }
}

/// The diaries a user may open (for the picker on the diary page): id and name.
pub async fn openable_diaries(db: &Db, viewer: &Staff) -> Result<Vec<(i64, String)>> {
    let rows: Vec<(i64, String, Option<i64>)> =
        sqlx::query_as("SELECT id, name, department_id FROM users WHERE active = 1 ORDER BY name")
            .fetch_all(&db.pool)
            .await?;
    Ok(rows
        .into_iter()
        .filter(|(id, _, dep)| {
            *id == viewer.id
                || viewer.role.is_admin()
                || (dep.is_some() && *dep == viewer.department_id)
        })
        .map(|(id, name, _)| (id, name))
        .collect())
}
