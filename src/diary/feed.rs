//! Each user's iCalendar feed (RFC 5545) at a secret URL, so the diary shows up in Outlook or
//! Google Calendar. Times carry `TZID=Europe/Oslo` with a VTIMEZONE; UIDs are stable
//! (`activity-<id>@kundekort`); SEQUENCE and LAST-MODIFIED follow each change; a deleted
//! activity (or one the user no longer takes part in) is simply no longer listed, which is how
//! subscribed calendars learn of deletions. Only the secret's hash is stored; renewing it
//! replaces the hash, so the old URL stops working at once.

use askama::Template;
use axum::{
    extract::{Path, State},
    http::header,
    response::{Html, IntoResponse, Response},
};
use icalendar::{Calendar, CalendarComponent, Component, Event, EventStatus, Property};

use super::{store::Activity, types};
use crate::{
    AppError, AppState, Result,
    auth::{Staff, hash_token, random_token},
    db::Db,
    i18n::Lang,
    timefmt::now,
    timefmt::when,
};

/// How far back the feed reaches; everything ahead is included.
pub const FEED_PAST_DAYS: i64 = 365;

const TZID: &str = "Europe/Oslo";

/// Europe/Oslo's rules since 1996 (the EU's: last Sunday of March and of October, 01:00 UTC).
const VTIMEZONE: &str = "BEGIN:VTIMEZONE\r\nTZID:Europe/Oslo\r\nX-LIC-LOCATION:Europe/Oslo\r\n\
BEGIN:DAYLIGHT\r\nTZOFFSETFROM:+0100\r\nTZOFFSETTO:+0200\r\nTZNAME:CEST\r\nDTSTART:19700329T020000\r\n\
RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU\r\nEND:DAYLIGHT\r\n\
BEGIN:STANDARD\r\nTZOFFSETFROM:+0200\r\nTZOFFSETTO:+0100\r\nTZNAME:CET\r\nDTSTART:19701025T030000\r\n\
RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU\r\nEND:STANDARD\r\nEND:VTIMEZONE\r\n";

/// The feed box on one's own diary page. `url` is shown only right after (re)creating it.
#[derive(Template)]
#[template(path = "diary/_feed.html")]
pub struct FeedPanel {
    pub lang: Lang,
    pub exists: bool,
    pub url: Option<String>,
}

pub async fn panel(state: &AppState, user: &Staff, url: Option<String>) -> Result<FeedPanel> {
    let row: Option<(i64,)> =
        sqlx::query_as("SELECT user_id FROM calendar_feeds WHERE user_id = $1")
            .bind(user.id)
            .fetch_optional(&state.db.pool)
            .await?;
    Ok(FeedPanel {
        lang: user.lang,
        exists: row.is_some(),
        url,
    })
}

/// Creates or replaces the user's feed secret; returns the new secret.
pub async fn renew(db: &Db, user_id: i64) -> Result<String> {
    let secret = random_token();
    let mut tx = db.begin().await?;
    sqlx::query("DELETE FROM calendar_feeds WHERE user_id = $1")
        .bind(user_id)
        .execute(&mut *tx)
        .await?;
    sqlx::query(
        "INSERT INTO calendar_feeds (user_id, secret_hash, created_at) VALUES ($1, $2, $3)",
    )
    .bind(user_id)
    .bind(hash_token(&secret))
    .bind(now())
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(secret)
}

pub fn feed_url(state: &AppState, secret: &str) -> String {
    let base = state.config.public_url.as_str().trim_end_matches('/');
    format!("{base}/diary/feed/{secret}.ics")
}

/// POST /diary/feed: make a new secret URL (the old one stops working).
#[tracing::instrument(skip_all, fields(user_id = user.id))]
pub async fn renew_route(State(state): State<AppState>, user: Staff) -> Result<Response> {
    let secret = renew(&state.db, user.id).await?;
    let panel = panel(&state, &user, Some(feed_url(&state, &secret))).await?;
    Ok(Html(panel.render().map_err(anyhow::Error::from)?).into_response())
}

/// GET /diary/feed/{secret}.ics: no log-in; the secret is the key.
#[tracing::instrument(skip_all)]
pub async fn serve(State(state): State<AppState>, Path(file): Path<String>) -> Result<Response> {
    let secret = file.strip_suffix(".ics").ok_or(AppError::NotFound)?;
    let owner: Option<(i64, String, String)> = sqlx::query_as(
        "SELECT u.id, u.name, u.locale FROM calendar_feeds f JOIN users u ON u.id = f.user_id \
         WHERE f.secret_hash = $1 AND u.active = 1",
    )
    .bind(hash_token(secret))
    .fetch_optional(&state.db.pool)
    .await?;
    let (user_id, name, locale) = owner.ok_or(AppError::NotFound)?;
    let lang = Lang::parse(&locale).unwrap_or_default();
    let body = render(&state.db, user_id, &name, lang).await?;
    Ok((
        [
            (header::CONTENT_TYPE, "text/calendar; charset=utf-8"),
            (header::CACHE_CONTROL, "private, max-age=300"),
        ],
        body,
    )
        .into_response())
}

/// The user's activities from a year back onwards.
pub async fn activities(db: &Db, user_id: i64) -> Result<Vec<Activity>> {
    let sql = format!(
        "SELECT {}{} JOIN activity_participants p ON p.activity_id = a.id \
         WHERE p.user_id = $1 AND a.deleted_at IS NULL AND a.ends_at > $2 ORDER BY a.starts_at, a.id",
        super::store::ACTIVITY_COLUMNS,
        super::store::ACTIVITY_FROM
    );
    Ok(sqlx::query_as(sqlx::AssertSqlSafe(sql))
        .bind(user_id)
        .bind(now() - FEED_PAST_DAYS * 86_400)
        .fetch_all(&db.pool)
        .await?)
}

/// The whole feed as text.
pub async fn render(db: &Db, user_id: i64, name: &str, lang: Lang) -> Result<String> {
    let rows = activities(db, user_id).await?;
    let mut cal = Calendar::new();
    cal.properties.retain(|p| p.key() != "PRODID");
    cal.append_property(Property::new("PRODID", "-//Kundekort//Diary//NB"));
    cal.append_property(Property::new("METHOD", "PUBLISH"));
    cal.name(&format!("Kundekort · {name}"));
    cal.timezone(TZID);
    // How often subscribers should poll (RFC 7986; Outlook reads the X- variant).
    cal.append_property(Property::new("X-PUBLISHED-TTL", "PT15M"));
    cal.append_property(
        Property::new("REFRESH-INTERVAL", "PT15M")
            .add_parameter("VALUE", "DURATION")
            .done(),
    );
    let tz: CalendarComponent = VTIMEZONE
        .parse()
        .map_err(|e: String| anyhow::anyhow!("VTIMEZONE: {e}"))?;
    cal.push(tz);
    for a in &rows {
        cal.push(event(a, lang));
    }
    Ok(cal.to_string())
}

/// Typed text as one kind of line break: `icalendar` escapes `\n` inside a value but writes a
/// carriage return (a textarea sends `\r\n`) as it is, and a bare CR is no TEXT in RFC 5545.
fn plain_breaks(text: &str) -> String {
    text.replace("\r\n", "\n").replace('\r', "\n")
}

fn event(a: &Activity, lang: Lang) -> Event {
    let mut e = Event::new();
    e.uid(&format!("activity-{}@kundekort", a.id))
        .add_property("DTSTAMP", when::ical_utc(a.updated_at))
        .add_property("CREATED", when::ical_utc(a.created_at))
        .add_property("LAST-MODIFIED", when::ical_utc(a.updated_at))
        .sequence(u32::try_from(a.version - 1).unwrap_or(0));
    let summary = match &a.customer_name {
        Some(c) => format!("{} · {c}", a.title),
        None => a.title.clone(),
    };
    e.summary(&plain_breaks(&summary));
    if a.all_day == 1 {
        let start = when::oslo_date(a.starts_at);
        let end = when::oslo_date(a.ends_at);
        e.append_property(
            Property::new("DTSTART", when::ical_date(start))
                .add_parameter("VALUE", "DATE")
                .done(),
        );
        e.append_property(
            Property::new("DTEND", when::ical_date(end))
                .add_parameter("VALUE", "DATE")
                .done(),
        );
        e.add_property("TRANSP", "TRANSPARENT");
    } else {
        e.append_property(
            Property::new("DTSTART", when::ical_local(a.starts_at))
                .add_parameter("TZID", TZID)
                .done(),
        );
        e.append_property(
            Property::new("DTEND", when::ical_local(a.ends_at))
                .add_parameter("TZID", TZID)
                .done(),
        );
    }
    let type_name = types::label(lang, a.type_key.as_deref(), a.type_name.as_deref());
    let mut description = type_name.clone();
    if let Some(notes) = &a.notes {
        description.push_str("\n\n");
        description.push_str(notes);
    }
    e.description(&plain_breaks(&description));
    e.add_property("CATEGORIES", type_name);
    if let Some(loc) = &a.location {
        e.add_property("LOCATION", plain_breaks(loc));
    }
    e.status(EventStatus::Confirmed);
    e.done()
}
