//! The overview's "latest activity" box: a small serialisable summary of a customer's latest
//! activities, for the overview to render.

use serde::Serialize;

use super::{
    query::with_people,
    store::{ACTIVITY_COLUMNS, ACTIVITY_FROM, Activity, Person},
    types,
};
use crate::{
    Result,
    db::{Db, Sql},
    i18n::Lang,
    timefmt::now,
};

/// One line of the overview's "latest activity" box.
#[derive(Clone, Debug, Serialize, utoipa::ToSchema)]
pub struct ActivitySummary {
    pub id: i64,
    /// Built-in type key (its name is translated), if any.
    pub type_key: Option<String>,
    /// The firm's own name for the type, if set.
    pub type_name: Option<String>,
    /// `#rrggbb`.
    pub colour: String,
    pub title: String,
    pub starts_at: i64,
    pub ends_at: i64,
    pub all_day: bool,
    pub done: bool,
    /// Participating staff.
    pub participants: Vec<Person>,
    /// The customer's contacts involved.
    pub contacts: Vec<Person>,
}

impl ActivitySummary {
    /// The type's name in `lang`.
    pub fn type_label(&self, lang: Lang) -> String {
        types::label(lang, self.type_key.as_deref(), self.type_name.as_deref())
    }
    /// When, in Oslo time (`28.11.2026 14:00`, or the date alone for all-day activities).
    pub fn when_text(&self) -> String {
        if self.all_day {
            crate::timefmt::oslo_date(self.starts_at)
        } else {
            crate::timefmt::oslo_datetime(self.starts_at)
        }
    }
}

/// The customer's latest activities that have begun (latest first), for the overview.
/// No access check: the caller has already loaded the card for the user.
pub async fn latest_for_customer(
    db: &Db,
    customer_id: i64,
    limit: i64,
) -> Result<Vec<ActivitySummary>> {
    let mut sql = Sql::new(&format!(
        "SELECT {ACTIVITY_COLUMNS}{ACTIVITY_FROM} WHERE a.customer_id = "
    ));
    sql.bind(customer_id)
        .push(" AND a.deleted_at IS NULL AND a.starts_at <= ")
        .bind(now())
        .push(" ORDER BY a.starts_at DESC, a.id DESC LIMIT ")
        .bind(limit.clamp(1, 100));
    let rows = sql.query_as::<Activity>().fetch_all(&db.pool).await?;
    Ok(with_people(db, rows)
        .await?
        .into_iter()
        .map(|r| ActivitySummary {
            id: r.activity.id,
            type_key: r.activity.type_key,
            type_name: r.activity.type_name,
            colour: r.activity.colour,
            title: r.activity.title,
            starts_at: r.activity.starts_at,
            ends_at: r.activity.ends_at,
            all_day: r.activity.all_day == 1,
            done: r.activity.done == 1,
            participants: r.participants,
            contacts: r.contacts,
        })
        .collect())
}
