//! Each consultant's diary: the calendar page (FullCalendar: day, week and month views in
//! Norwegian, weeks from Monday with week numbers), open tasks and overdue follow-ups, and the
//! link to the calendar feed. The calendar's data and drag-and-drop live in `events`.

use askama::Template;
use askama_web::WebTemplate;
use axum::{
    extract::{Path, State},
    response::Redirect,
};

use super::{
    access::{self, DiaryView},
    feed, query,
    store::Activity,
    types,
};
use crate::{AppError, AppState, Result, auth::Staff, i18n::Lang, timefmt, web::Chrome};

#[derive(Template, WebTemplate)]
#[template(path = "diary/calendar.html")]
pub struct CalendarView {
    pub lang: Lang,
    pub chrome: Chrome,
    pub owner_id: i64,
    pub owner_name: String,
    pub own: bool,
    pub busy_only: bool,
    pub diaries: Vec<(i64, String)>,
    pub tasks: Vec<Activity>,
    /// The feed box (rendered), on one's own diary only.
    pub feed: Option<String>,
    pub now: i64,
}

impl CalendarView {
    fn type_label(&self, a: &Activity) -> String {
        types::label(self.lang, a.type_key.as_deref(), a.type_name.as_deref())
    }
    fn due_text(&self, a: &Activity) -> String {
        timefmt::oslo_date(a.starts_at)
    }
    fn overdue(&self, a: &Activity) -> bool {
        a.ends_at <= self.now
    }
    fn is_owner(&self, id: &i64) -> bool {
        *id == self.owner_id
    }
}

/// GET /diary: one's own diary.
#[tracing::instrument(skip_all, fields(user_id = user.id))]
pub async fn mine(user: Staff) -> Redirect {
    Redirect::to(&format!("/diary/{}", user.id))
}

/// GET /diary/{user_id}
#[tracing::instrument(skip_all, fields(owner_id = owner_id, user_id = user.id))]
pub async fn page(
    State(state): State<AppState>,
    user: Staff,
    Path(owner_id): Path<i64>,
) -> Result<CalendarView> {
    let owner = access::diary_owner(&state.db, owner_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let view = access::diary_view(&state.db, &user, &owner).await?;
    let own = owner.id == user.id;
    // Tasks carry titles and customers: only for those who see details.
    let tasks = if view == DiaryView::Details {
        let visibility =
            crate::customers::access::Visibility::of(&user, state.config.consultant_scope);
        query::open_tasks(&state.db, owner.id)
            .await?
            .into_iter()
            .filter(|a| own || access::can_see(&user, visibility, a, false))
            .collect()
    } else {
        Vec::new()
    };
    Ok(CalendarView {
        lang: user.lang,
        chrome: Chrome::new(&user, "diary"),
        owner_id: owner.id,
        owner_name: owner.name,
        own,
        busy_only: view == DiaryView::BusyOnly,
        diaries: access::openable_diaries(&state.db, &user).await?,
        tasks,
        feed: if own {
            Some(
                feed::panel(&state, &user, None)
                    .await?
                    .render()
                    .map_err(anyhow::Error::from)?,
            )
        } else {
            None
        },
        now: timefmt::now(),
    })
}
