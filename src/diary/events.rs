//! The calendar's data: a person's activities in the visible range as FullCalendar events,
//! and moving or resizing one by drag and drop.

use axum::{
    Json,
    extract::{Path, Query, State},
};
use serde::{Deserialize, Serialize};

use super::{
    access::{self, DiaryView},
    query, schedule, types,
};
use crate::{
    AppError, AppState, Result, auth::Staff, customers::access::Visibility, error::Msg,
    timefmt::when, web::json::ApiJson,
};

#[derive(Deserialize)]
pub struct Range {
    pub start: String,
    pub end: String,
}

/// One event as FullCalendar reads it.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CalendarEvent {
    pub id: String,
    pub title: String,
    pub start: String,
    pub end: String,
    pub all_day: bool,
    pub color: String,
    pub editable: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    pub extended_props: EventProps,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct EventProps {
    pub busy: bool,
    pub version: i64,
    pub done: bool,
    pub customer: Option<String>,
    pub type_name: String,
}

/// A range bound: a date (Oslo midnight) or a date-time with or without offset.
fn bound(s: &str) -> Option<i64> {
    when::parse_datetime(s).or_else(|| when::parse_date(s).map(when::day_start))
}

/// GET /diary/{user_id}/events?start=…&end=…
#[tracing::instrument(skip_all, fields(owner_id = owner_id, user_id = user.id))]
pub async fn list(
    State(state): State<AppState>,
    user: Staff,
    Path(owner_id): Path<i64>,
    Query(range): Query<Range>,
) -> Result<Json<Vec<CalendarEvent>>> {
    let owner = access::diary_owner(&state.db, owner_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let view = access::diary_view(&state.db, &user, &owner).await?;
    let (Some(from), Some(to)) = (bound(&range.start), bound(&range.end)) else {
        return Err(AppError::BadRequest(Msg::new("activity-range-invalid")));
    };
    if to <= from || to - from > 62 * 86_400 {
        return Err(AppError::BadRequest(Msg::new("activity-range-invalid")));
    }
    let own = owner.id == user.id;
    let visibility = Visibility::of(&user, state.config.consultant_scope);
    let rows = query::calendar_range(&state.db, owner.id, from, to).await?;
    let events = rows
        .into_iter()
        .map(|a| {
            let details = own
                || (view == DiaryView::Details && access::can_see(&user, visibility, &a, false));
            let editable = details && (own || access::can_change(&user, &a, false));
            let type_name = types::label(user.lang, a.type_key.as_deref(), a.type_name.as_deref());
            let all_day = a.all_day == 1;
            let fmt = |ts: i64| {
                if all_day {
                    when::date_string(when::oslo_date(ts))
                } else {
                    when::iso_oslo(ts)
                }
            };
            CalendarEvent {
                id: if details {
                    a.id.to_string()
                } else {
                    format!("busy-{}", a.id)
                },
                title: if details {
                    match &a.customer_name {
                        Some(c) => format!("{} · {c}", a.title),
                        None => a.title.clone(),
                    }
                } else {
                    user.lang.t("diary-busy")
                },
                start: fmt(a.starts_at),
                end: fmt(a.ends_at),
                all_day,
                color: if details {
                    a.colour.clone()
                } else {
                    "#94a3b8".into()
                },
                editable,
                url: details.then(|| format!("/diary/activities/{}", a.id)),
                extended_props: EventProps {
                    busy: !details,
                    version: a.version,
                    done: a.done == 1,
                    customer: if details {
                        a.customer_name.clone()
                    } else {
                        None
                    },
                    type_name: if details { type_name } else { String::new() },
                },
            }
        })
        .collect();
    Ok(Json(events))
}

/// Where the activity was dropped (FullCalendar's `startStr` / `endStr`).
#[derive(Deserialize, utoipa::ToSchema)]
pub struct Move {
    /// `YYYY-MM-DD` for all-day, else a date-time (RFC 3339, or Oslo time without offset).
    pub start: String,
    pub end: Option<String>,
    #[serde(default)]
    pub all_day: bool,
    /// The version the calendar showed; a newer one on the server gives 409.
    pub version: Option<i64>,
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct Moved {
    pub id: i64,
    pub version: i64,
}

/// POST /diary/activities/{id}/move (and PATCH-like moves from the API).
#[tracing::instrument(skip_all, fields(activity_id = id, user_id = user.id))]
pub async fn move_activity(
    State(state): State<AppState>,
    user: Staff,
    Path(id): Path<i64>,
    ApiJson(m): ApiJson<Move>,
) -> Result<Json<Moved>> {
    let (mut a, _) = access::load_changeable(&state, &user, id).await?;
    if let Some(v) = m.version {
        a.version = v;
    }
    let start = bound(&m.start);
    let end = match &m.end {
        Some(e) if !e.trim().is_empty() => bound(e),
        // FullCalendar leaves out the end of an event dropped with its default length.
        _ => start.map(|s| s + (a.ends_at - a.starts_at)),
    };
    let (Some(start), Some(end)) = (start, end) else {
        let mut errors = crate::error::FieldErrors::default();
        errors.add("start", Msg::new("activity-datetime-invalid"));
        return Err(AppError::Invalid(errors));
    };
    let version = schedule::reschedule(&state.db, user.id, &a, start, end, m.all_day).await?;
    Ok(Json(Moved { id, version }))
}
