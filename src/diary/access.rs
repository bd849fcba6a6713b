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

use super::{
    model::ActivityData,
    store::{self, Activity},
};
use crate::{
    AppError, AppState, Result,
    auth::{Role, Staff},
    customers::access::{Holder, Visibility, can_edit},
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

/// Who holds the activity's customer, for [`Visibility::allows`].
fn customer_holder(a: &Activity) -> Holder {
    Holder {
        owner_id: a.customer_owner_id,
        department_id: a.customer_department_id,
    }
}

/// Rules for one activity, given whether the user takes part in it.
pub fn can_see(user: &Staff, visibility: Visibility, a: &Activity, participant: bool) -> bool {
    participant
        || user.role.is_admin()
        || match a.customer_id {
            Some(_) => visibility.allows(customer_holder(a)),
            None => a.created_by == Some(user.id),
        }
}

/// What a user may change on an activity they may change at all.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Change {
    /// Everything: edit, move, complete, delete, schedule the next step.
    All,
    /// Only its time (move, resize): a participant who may not change the customer.
    TimeOnly,
}

/// Rules for changing one activity, given whether the user takes part in it.
pub fn change_rights(user: &Staff, a: &Activity, participant: bool) -> Option<Change> {
    let all = user.role.is_admin()
        || match a.customer_id {
            Some(_) => can_edit(user, a.customer_owner_id, a.customer_department_id),
            None => participant || a.created_by == Some(user.id),
        };
    if all {
        Some(Change::All)
    } else if participant {
        Some(Change::TimeOnly)
    } else {
        None
    }
}

pub fn can_change(user: &Staff, a: &Activity, participant: bool) -> bool {
    change_rights(user, a, participant).is_some()
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

/// Loads an activity the user may change in some way, with how far: 404 when out of sight,
/// 403 when only visible.
pub async fn load_changeable(
    state: &AppState,
    user: &Staff,
    id: i64,
) -> Result<(Activity, Change)> {
    let a = load_visible(state, user, id).await?;
    let participant = is_participant(&state.db, id, user.id).await?;
    match change_rights(user, &a, participant) {
        Some(change) => Ok((a, change)),
        None => Err(AppError::Forbidden),
    }
}

/// Loads an activity the user may change in every way (edit, complete, delete).
pub async fn load_editable(state: &AppState, user: &Staff, id: i64) -> Result<Activity> {
    match load_changeable(state, user, id).await? {
        (a, Change::All) => Ok(a),
        (_, Change::TimeOnly) => Err(AppError::Forbidden),
    }
}

/// Refuses a save that changes more than the time when the user may only move the activity.
pub async fn check_change(
    db: &Db,
    a: &Activity,
    change: Change,
    data: &ActivityData,
) -> Result<()> {
    if change == Change::All {
        return Ok(());
    }
    let sorted = |mut ids: Vec<i64>| {
        ids.sort_unstable();
        ids
    };
    let people = store::participants(db, a.id).await?;
    let contacts = store::contacts(db, a.id).await?;
    let same = data.type_id == a.type_id
        && data.title == a.title
        && same_text(data.notes.as_deref(), a.notes.as_deref())
        && data.location == a.location
        && data.done == (a.done == 1)
        && sorted(data.participants.clone()) == sorted(people.iter().map(|p| p.id).collect())
        && sorted(data.contacts.clone()) == sorted(contacts.iter().map(|c| c.id).collect());
    if same {
        Ok(())
    } else {
        Err(AppError::Forbidden)
    }
}

/// Texts equal but for line endings: a browser sends a textarea's line breaks as CR LF, while
/// notes written through the API may have LF alone.
fn same_text(a: Option<&str>, b: Option<&str>) -> bool {
    let lf = |s: Option<&str>| s.map(|s| s.replace("\r\n", "\n"));
    lf(a) == lf(b)
}

/// Refuses a follow-up ("schedule next step") on a customer the user may not change: 404 when
/// the customer is out of their sight, 403 otherwise.
pub fn check_follow_up(state: &AppState, user: &Staff, a: &Activity, change: Change) -> Result<()> {
    if change == Change::All {
        return Ok(());
    }
    let visibility = Visibility::of(user, state.config.consultant_scope);
    if visibility.allows(customer_holder(a)) {
        Err(AppError::Forbidden)
    } else {
        Err(AppError::NotFound)
    }
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
