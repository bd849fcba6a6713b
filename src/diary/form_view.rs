//! The activity form's view: what it shows (types, staff, the customer's contacts), a fresh
//! draft for a new activity, and a stored activity as a draft for editing.

use askama::Template;
use askama_web::WebTemplate;
use serde::Deserialize;

use super::{
    access::{self, Change},
    customer_pick,
    model::ActivityDraft,
    store::{self, Activity},
    types::{self, ActivityType},
};
use crate::{
    AppState, Result,
    auth::Staff,
    contacts::lookup::{self, Which},
    customers::card::CardHead,
    error::FieldErrors,
    i18n::Lang,
    timefmt::{now, when},
    web::{Chrome, form::field_messages},
};

#[derive(Template, WebTemplate)]
#[template(path = "diary/form.html", blocks = ["quick"])]
pub struct FormView {
    pub lang: Lang,
    pub chrome: Chrome,
    /// The customer's card frame, for activities on a customer.
    pub card: Option<CardHead>,
    pub draft: ActivityDraft,
    pub errors: FieldErrors,
    pub types: Vec<ActivityType>,
    pub staff: Vec<(i64, String)>,
    pub contacts: Vec<(i64, String)>,
    pub action: String,
    pub back: String,
    pub activity_id: Option<i64>,
    /// The user takes part but may not change the customer: only the time may change.
    pub time_only: bool,
    /// A new activity in one's own diary: a customer may be searched for and linked, with
    /// these fragments (`customer_pick`) in place.
    pub pick_customer: bool,
    pub customer_options_html: String,
    pub contacts_html: String,
}

impl FormView {
    fn errs(&self, field: &str) -> Vec<String> {
        let mut out = field_messages(&self.errors, self.lang, field);
        // What was sent as one `start`/`end` (the calendar, older links) is shown by the day.
        match field {
            "start_date" => out.extend(field_messages(&self.errors, self.lang, "start")),
            "end_date" => out.extend(field_messages(&self.errors, self.lang, "end")),
            _ => {}
        }
        out
    }
    fn type_label(&self, t: &ActivityType) -> String {
        t.label(self.lang)
    }
    fn is_type(&self, id: &i64) -> bool {
        self.draft.type_id == id.to_string()
    }
    fn is_next_type(&self, id: &i64) -> bool {
        self.draft.next_type_id == id.to_string()
    }
    /// The times of day the form offers, every quarter of an hour, with `current` selected (and
    /// offered even when it is not on a quarter, so an activity at 10:10 keeps its time, and
    /// what was typed is kept).
    fn clock_options(&self, current: &str) -> Vec<(String, bool)> {
        let current = current.trim();
        let mut out: Vec<(String, bool)> = (0..96)
            .map(|q| {
                let v = format!("{:02}:{:02}", q / 4, (q % 4) * 15);
                let selected = v == current;
                (v, selected)
            })
            .collect();
        if !current.is_empty() && !out.iter().any(|(v, _)| v == current) {
            let at = out.partition_point(|(v, _)| v.as_str() < current);
            out.insert(at, (current.to_string(), true));
        }
        out
    }
    fn is_task(&self) -> bool {
        self.types
            .iter()
            .find(|t| self.is_type(&t.id))
            .is_some_and(|t| t.kind() == types::Kind::Task)
    }
    fn has_participant(&self, id: &i64) -> bool {
        self.draft.participants.contains(&id.to_string())
    }
    fn has_contact(&self, id: &i64) -> bool {
        self.draft.contacts.contains(&id.to_string())
    }
    fn checked(&self, v: &Option<String>) -> bool {
        super::model::is_checked(v)
    }
}

/// Active staff, for the participants' picker: the user first, then by name.
async fn staff_choices(state: &AppState, user_id: i64) -> Result<Vec<(i64, String)>> {
    Ok(sqlx::query_as(
        "SELECT id, name FROM users WHERE active = 1 \
         ORDER BY CASE WHEN id = $1 THEN 0 ELSE 1 END, name",
    )
    .bind(user_id)
    .fetch_all(&state.db.pool)
    .await?)
}

/// Types offered: the active ones, plus the activity's own type if it has been deactivated.
async fn type_choices(state: &AppState, current: Option<i64>) -> Result<Vec<ActivityType>> {
    Ok(types::list(&state.db, true)
        .await?
        .into_iter()
        .filter(|t| t.is_active() || Some(t.id) == current)
        .collect())
}

pub(super) async fn view(
    state: &AppState,
    user: &Staff,
    card: Option<CardHead>,
    draft: ActivityDraft,
    activity: Option<&Activity>,
) -> Result<FormView> {
    let customer_id = card.as_ref().map(|c| c.customer.id);
    let back = match (customer_id, activity) {
        (Some(id), _) => format!("/customers/{id}/diary"),
        (None, _) => "/diary".to_string(),
    };
    let action = match (activity, customer_id) {
        (Some(a), _) => format!("/diary/activities/{}", a.id),
        (None, Some(id)) => format!("/customers/{id}/diary"),
        (None, None) => "/diary/new".to_string(),
    };
    let time_only = match activity {
        Some(a) => {
            let participant = access::is_participant(&state.db, a.id, user.id).await?;
            access::change_rights(user, a, participant) == Some(Change::TimeOnly)
        }
        None => false,
    };
    let pick_customer = card.is_none() && activity.is_none();
    let (customer_options_html, contacts_html) = if pick_customer {
        let chosen = customer_pick::editable(state, user, &draft.customer_id).await;
        let options =
            customer_pick::options(state, user, &draft.customer_query, chosen.as_ref()).await?;
        let contacts =
            customer_pick::contacts(state, user, chosen.as_ref(), draft.contacts.clone()).await?;
        (
            options.render().map_err(anyhow::Error::from)?,
            contacts.render().map_err(anyhow::Error::from)?,
        )
    } else {
        (String::new(), String::new())
    };
    Ok(FormView {
        lang: user.lang,
        chrome: Chrome::new(user, if card.is_some() { "customers" } else { "diary" }),
        types: type_choices(state, activity.map(|a| a.type_id)).await?,
        staff: staff_choices(state, user.id).await?,
        contacts: match customer_id {
            Some(id) => lookup::names(&state.db, id, Which::Active).await?,
            None => Vec::new(),
        },
        card,
        draft: draft.split_start_and_end(),
        errors: FieldErrors::default(),
        action,
        back,
        activity_id: activity.map(|a| a.id),
        time_only,
        pick_customer,
        customer_options_html,
        contacts_html,
    })
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct NewParams {
    pub start: Option<String>,
    pub end: Option<String>,
    pub all_day: Option<String>,
    #[serde(rename = "type")]
    pub type_id: Option<String>,
    /// `1`: a follow-up (the card's quick action): the follow-up type, due the next working day.
    pub follow_up: Option<String>,
}

/// A fresh draft: the first active type, the user taking part, the next whole hour (or what
/// the calendar's click or selection said).
pub(super) async fn new_draft(
    state: &AppState,
    user: &Staff,
    p: &NewParams,
) -> Result<ActivityDraft> {
    let active = types::list(&state.db, false).await?;
    let follow_up = if super::model::is_checked(&p.follow_up) {
        active
            .iter()
            .find(|t| t.key.as_deref() == Some("follow_up"))
            .cloned()
    } else {
        None
    };
    let is_follow_up = follow_up.is_some();
    let ty = follow_up.or_else(|| active.into_iter().next());
    let minutes = ty.as_ref().map(|t| t.default_minutes).unwrap_or(60);
    let all_day = super::model::is_checked(&p.all_day);
    // What the calendar's click or selection said, else the next quarter in working hours.
    let start = p
        .start
        .as_deref()
        .and_then(|s| {
            if all_day {
                when::parse_date(s).map(when::day_start)
            } else {
                when::parse_datetime(s)
            }
        })
        .unwrap_or_else(|| {
            if is_follow_up {
                when::next_working_day(now())
            } else {
                when::next_working_quarter(now())
            }
        });
    let end = p
        .end
        .as_deref()
        .and_then(when::parse_datetime)
        .filter(|e| *e > start && !all_day)
        .unwrap_or(start + minutes * 60);
    let (start_day, start_clock) = when::oslo_day_and_clock(start);
    let (end_day, end_clock) = if all_day {
        (start_day, start_clock)
    } else {
        when::oslo_day_and_clock(end)
    };
    let (start_time, end_time) = if all_day {
        ("08:00".to_string(), "09:00".to_string())
    } else {
        (
            when::clock_string(start_clock),
            when::clock_string(end_clock),
        )
    };
    Ok(ActivityDraft {
        type_id: p
            .type_id
            .clone()
            .filter(|_| !is_follow_up)
            .or(ty.map(|t| t.id.to_string()))
            .unwrap_or_default(),
        start_date: when::date_string(start_day),
        start_time,
        end_date: when::date_string(end_day),
        end_time,
        all_day: p.all_day.clone(),
        due_date: when::date_string(start_day),
        participants: vec![user.id.to_string()],
        ..Default::default()
    })
}

/// The stored activity as a draft for the edit form.
pub async fn to_draft(state: &AppState, a: &Activity) -> Result<ActivityDraft> {
    let people = store::participants(&state.db, a.id).await?;
    let contacts = store::contacts(&state.db, a.id).await?;
    let all_day = a.all_day == 1;
    let (start_day, start_clock) = when::oslo_day_and_clock(a.starts_at);
    let (end_day, end_clock) =
        when::oslo_day_and_clock(if all_day { a.ends_at - 1 } else { a.ends_at });
    let (start_time, end_time) = if all_day {
        ("08:00".to_string(), "09:00".to_string())
    } else {
        (
            when::clock_string(start_clock),
            when::clock_string(end_clock),
        )
    };
    Ok(ActivityDraft {
        type_id: a.type_id.to_string(),
        title: a.title.clone(),
        notes: a.notes.clone().unwrap_or_default(),
        start_date: when::date_string(start_day),
        start_time,
        end_date: when::date_string(end_day),
        end_time,
        all_day: all_day.then(|| "1".into()),
        due_date: a.due_date.clone().unwrap_or_default(),
        location: a.location.clone().unwrap_or_default(),
        done: (a.done == 1).then(|| "1".into()),
        participants: people.iter().map(|p| p.id.to_string()).collect(),
        contacts: contacts.iter().map(|p| p.id.to_string()).collect(),
        version: a.version.to_string(),
        ..Default::default()
    })
}
