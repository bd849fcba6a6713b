//! The diary tab of the customer card: the customer's activities, upcoming first and then the
//! history, filtered by type, consultant, contact, open/done and date range.

use askama::Template;
use askama_web::WebTemplate;
use axum::{
    extract::{Path, Query, State},
    http::StatusCode,
    response::{IntoResponse, Response},
};
use serde::Deserialize;

use super::{
    query::{self, ActivityFilterParams, ActivityRow},
    types::{self, ActivityType},
};
use crate::{
    AppState, Result,
    auth::Staff,
    contacts::lookup::{self, Which},
    customers::card::CardHead,
    i18n::Lang,
    timefmt,
    web::Chrome,
};

#[derive(Template, WebTemplate)]
#[template(path = "diary/tab.html")]
pub struct TabView {
    pub lang: Lang,
    pub chrome: Chrome,
    pub card: CardHead,
    pub rows: Vec<ActivityRow>,
    pub params: ActivityFilterParams,
    pub errors: Vec<String>,
    pub types: Vec<ActivityType>,
    pub staff: Vec<(i64, String)>,
    pub contacts: Vec<(i64, String)>,
    pub saved: bool,
    pub now: i64,
}

impl TabView {
    fn type_label(&self, row: &ActivityRow) -> String {
        types::label(
            self.lang,
            row.activity.type_key.as_deref(),
            row.activity.type_name.as_deref(),
        )
    }
    fn when_text(&self, row: &ActivityRow) -> String {
        let a = &row.activity;
        if let Some(due) = &a.due_date {
            let date = timefmt::when::parse_date(due)
                .map(|d| timefmt::oslo_date(timefmt::when::day_start(d)))
                .unwrap_or_default();
            return self.lang.t_with("activity-due", &[("date", date)]);
        }
        if a.all_day == 1 {
            let (s, e) = (
                timefmt::oslo_date(a.starts_at),
                timefmt::oslo_date(a.ends_at - 1),
            );
            return if s == e { s } else { format!("{s} – {e}") };
        }
        format!(
            "{} – {}",
            timefmt::oslo_datetime(a.starts_at),
            timefmt::oslo_datetime(a.ends_at)
                .split(' ')
                .nth(1)
                .unwrap_or("")
        )
    }
    fn is_upcoming(&self, row: &ActivityRow) -> bool {
        row.activity.ends_at >= self.now
    }
    fn names(&self, people: &[crate::diary::store::Person]) -> String {
        people
            .iter()
            .map(|p| p.name.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    }
    fn sel(&self, v: &Option<String>, candidate: &str) -> bool {
        v.as_deref() == Some(candidate)
    }
    fn sel_id(&self, v: &Option<String>, id: &i64) -> bool {
        v.as_deref() == Some(id.to_string().as_str())
    }
    fn val(&self, v: &Option<String>) -> String {
        v.clone().unwrap_or_default()
    }
}

#[derive(Deserialize, Default)]
pub struct Saved {
    saved: Option<String>,
}

/// GET /customers/{id}/diary
#[tracing::instrument(skip_all, fields(customer_id = id, user_id = user.id))]
pub async fn tab(
    State(state): State<AppState>,
    user: Staff,
    Path(id): Path<i64>,
    Query(params): Query<ActivityFilterParams>,
    Query(saved): Query<Saved>,
) -> Result<Response> {
    let card = CardHead::load(&state, &user, id, "diary").await?;
    let (filter, errors) = match params.parse() {
        Ok(f) => (f, Vec::new()),
        Err(e) => (
            Default::default(),
            e.0.iter()
                .flat_map(|(field, msgs)| {
                    msgs.iter()
                        .map(move |m| format!("{field}: {}", m.render(user.lang)))
                })
                .collect(),
        ),
    };
    let rows = query::for_customer(&state.db, id, &filter, 500).await?;
    let staff = sqlx::query_as(
        "SELECT DISTINCT u.id, u.name FROM users u JOIN activity_participants p ON p.user_id = u.id \
         JOIN activities a ON a.id = p.activity_id WHERE a.customer_id = $1 ORDER BY u.name",
    )
    .bind(id)
    .fetch_all(&state.db.pool)
    .await?;
    let contacts = lookup::names(&state.db, id, Which::All).await?;
    let status = if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    let view = TabView {
        lang: user.lang,
        chrome: Chrome::new(&user, "customers"),
        card,
        rows,
        params,
        errors,
        types: types::list(&state.db, true).await?,
        staff,
        contacts,
        saved: saved.saved.is_some(),
        now: timefmt::now(),
    };
    Ok((status, view).into_response())
}
