//! An activity as typed (the form's text fields) and parsed into [`ActivityData`] with every rule
//! checked, so the store never re-validates. Rules that need the database (participants are
//! active staff, contacts belong to the customer) are checked by the store in its transaction.

use std::collections::HashSet;

use serde::{Deserialize, Serialize};

use super::types::{ActivityType, Kind};
use crate::{
    error::{FieldErrors, Msg},
    timefmt::when,
};

/// The longest an activity may last (keeps a typo like year 2206 out of everyone's calendar).
const MAX_SPAN_SECONDS: i64 = 62 * 86_400;

/// The most staff taking part in one activity.
pub const MAX_PARTICIPANTS: usize = 100;
/// The most of the customer's contacts on one activity.
pub const MAX_CONTACTS: usize = 100;

/// The form's fields. The form sends the start and end as a day (`start_date`, `end_date`:
/// `dd.mm.åååå` or `YYYY-MM-DD`, what a date input sends) and a time of day (`start_time`,
/// `end_time`: `HH:MM`, 24-hour, offered in 15-minute steps); the API and the calendar send
/// `start`/`end` as `YYYY-MM-DDTHH:MM` instead. Oslo time; only the days count for all-day
/// activities; tasks have a `due_date` instead.
#[derive(Clone, Debug, Default, Deserialize, Serialize)]
#[serde(default)]
pub struct ActivityDraft {
    pub type_id: String,
    pub title: String,
    pub notes: String,
    pub start: String,
    pub end: String,
    pub start_date: String,
    pub start_time: String,
    pub end_date: String,
    pub end_time: String,
    pub all_day: Option<String>,
    pub due_date: String,
    pub location: String,
    pub done: Option<String>,
    #[serde(rename = "participant")]
    pub participants: Vec<String>,
    #[serde(rename = "contact")]
    pub contacts: Vec<String>,
    pub version: String,
    /// A new activity in one's own diary linked to a customer (the calendar's form): the id
    /// chosen and what was typed to find it.
    pub customer_id: String,
    pub customer_query: String,
    /// "Schedule next step": a follow-up created together with this save.
    pub next_type_id: String,
    pub next_title: String,
    pub next_start: String,
}

/// A valid activity.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ActivityData {
    pub type_id: i64,
    pub title: String,
    pub notes: Option<String>,
    pub starts_at: i64,
    pub ends_at: i64,
    pub all_day: bool,
    pub due_date: Option<String>,
    pub location: Option<String>,
    pub done: bool,
    pub participants: Vec<i64>,
    pub contacts: Vec<i64>,
}

/// The follow-up asked for with "schedule next step".
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NextStep {
    pub type_id: i64,
    pub title: String,
    /// Oslo time `YYYY-MM-DDTHH:MM`, or a date alone for an all-day step.
    pub start: String,
}

pub fn is_checked(v: &Option<String>) -> bool {
    matches!(v.as_deref(), Some("1" | "on" | "true"))
}

/// Parses a list of ids (duplicates dropped, order kept); more than `max` is refused before
/// any is parsed, so a huge list costs nothing.
fn ids(field: &str, raw: &[String], max: usize, errors: &mut FieldErrors) -> Vec<i64> {
    if raw.len() > max {
        errors.add(field, Msg::new("activity-list-too-long").arg("max", max));
        return Vec::new();
    }
    let mut seen = HashSet::new();
    let mut out = Vec::new();
    for r in raw.iter().map(|s| s.trim()).filter(|s| !s.is_empty()) {
        match r.parse::<i64>() {
            Ok(id) if id > 0 => {
                if seen.insert(id) {
                    out.push(id);
                }
            }
            _ => errors.add(field, Msg::new("filter-invalid")),
        }
    }
    out
}

fn text(v: &str) -> Option<String> {
    let v = v.trim();
    (!v.is_empty()).then(|| v.to_string())
}

impl ActivityDraft {
    /// The chosen type id, if it is a number (the caller looks the type up).
    pub fn type_id(&self) -> Option<i64> {
        self.type_id.trim().parse().ok()
    }

    pub fn is_all_day(&self) -> bool {
        is_checked(&self.all_day)
    }

    /// Parses the draft for an activity of type `ty` (`None`: the chosen type does not exist).
    pub fn validate(&self, ty: Option<&ActivityType>) -> Result<ActivityData, FieldErrors> {
        let mut errors = FieldErrors::default();
        let title = self.title.trim();
        if title.is_empty() {
            errors.add("title", Msg::new("field-required"));
        } else if title.chars().count() > 200 {
            errors.add("title", Msg::new("field-too-long").arg("max", 200));
        }
        if self.notes.chars().count() > 10_000 {
            errors.add("notes", Msg::new("field-too-long").arg("max", 10_000));
        }
        if self.location.chars().count() > 200 {
            errors.add("location", Msg::new("field-too-long").arg("max", 200));
        }
        if ty.is_none() {
            errors.add("type_id", Msg::new("activity-type-missing"));
        }
        let kind = ty.map(ActivityType::kind).unwrap_or(Kind::Appointment);
        let minutes = ty.map(|t| t.default_minutes).unwrap_or(60);
        let mut all_day = self.is_all_day();
        let mut due_date = None;
        let (mut starts_at, mut ends_at) = (0, 0);
        match kind {
            Kind::Task => match when::parse_date(&self.due_date) {
                Some(d) => {
                    all_day = true;
                    due_date = Some(when::date_string(d));
                    starts_at = when::day_start(d);
                    ends_at = when::day_start(d.next_day().unwrap_or(d));
                }
                None if self.due_date.trim().is_empty() => {
                    errors.add("due_date", Msg::new("field-required"))
                }
                None => errors.add("due_date", Msg::new("activity-date-invalid")),
            },
            Kind::Appointment if self.sent_by_day_and_time() => {
                if let Some((s, e)) = self.form_times(all_day, minutes, &mut errors) {
                    (starts_at, ends_at) = (s, e);
                }
            }
            Kind::Appointment if all_day => {
                let start = when::parse_date(&self.start);
                let end = if self.end.trim().is_empty() {
                    start
                } else {
                    when::parse_date(&self.end)
                };
                match (start, end) {
                    (None, _) => errors.add("start", Msg::new("activity-date-invalid")),
                    (_, None) => errors.add("end", Msg::new("activity-date-invalid")),
                    (Some(s), Some(e)) if e < s => {
                        errors.add("end", Msg::new("activity-end-before-start"))
                    }
                    (Some(s), Some(e)) => {
                        starts_at = when::day_start(s);
                        ends_at = when::day_start(e.next_day().unwrap_or(e));
                    }
                }
            }
            Kind::Appointment => match when::parse_datetime(&self.start) {
                None => errors.add("start", Msg::new("activity-datetime-invalid")),
                Some(s) => {
                    starts_at = s;
                    if self.end.trim().is_empty() {
                        ends_at = s + minutes * 60;
                    } else {
                        match when::parse_datetime(&self.end) {
                            None => errors.add("end", Msg::new("activity-datetime-invalid")),
                            Some(e) if e <= s => {
                                errors.add("end", Msg::new("activity-end-before-start"))
                            }
                            Some(e) => ends_at = e,
                        }
                    }
                }
            },
        }
        if ends_at - starts_at > MAX_SPAN_SECONDS {
            let field = if self.sent_by_day_and_time() {
                "end_date"
            } else {
                "end"
            };
            errors.add(field, Msg::new("activity-too-long"));
        }
        let participants = ids(
            "participants",
            &self.participants,
            MAX_PARTICIPANTS,
            &mut errors,
        );
        if participants.is_empty() && errors.get("participants").is_none() {
            errors.add("participants", Msg::new("activity-participants-required"));
        }
        let contacts = ids("contacts", &self.contacts, MAX_CONTACTS, &mut errors);
        if !errors.is_empty() {
            return Err(errors);
        }
        Ok(ActivityData {
            type_id: ty.map(|t| t.id).unwrap_or_default(),
            title: title.to_string(),
            notes: text(&self.notes),
            starts_at,
            ends_at,
            all_day,
            due_date,
            location: text(&self.location),
            done: is_checked(&self.done),
            participants,
            contacts,
        })
    }

    /// A draft whose start and end came as one text each (`YYYY-MM-DDTHH:MM`) with its days and
    /// times in the form's fields, text kept as typed, for showing the form again.
    pub fn split_start_and_end(mut self) -> Self {
        if self.sent_by_day_and_time() {
            return self;
        }
        let split = |v: &str| {
            let v = v.trim();
            match v.split_once(['T', ' ']) {
                Some((d, t)) => (d.to_string(), t.to_string()),
                None => (v.to_string(), String::new()),
            }
        };
        (self.start_date, self.start_time) = split(&self.start);
        (self.end_date, self.end_time) = split(&self.end);
        self
    }

    /// Whether the start and end came as the form's separate days and times.
    fn sent_by_day_and_time(&self) -> bool {
        [
            &self.start_date,
            &self.start_time,
            &self.end_date,
            &self.end_time,
        ]
        .iter()
        .any(|v| !v.trim().is_empty())
    }

    /// The form's days and times as `[start, end)` in unix seconds (an all-day activity from
    /// the start of its first day to the end of its last); errors go to the field at fault.
    /// An empty end day is the start's day; an empty end time is the type's length later.
    fn form_times(
        &self,
        all_day: bool,
        minutes: i64,
        errors: &mut FieldErrors,
    ) -> Option<(i64, i64)> {
        let day = |field: &str, v: &str, errors: &mut FieldErrors| {
            let d = when::parse_day(v);
            if d.is_none() {
                let key = if v.trim().is_empty() {
                    "field-required"
                } else {
                    "activity-day-format"
                };
                errors.add(field, Msg::new(key));
            }
            d
        };
        let start_day = day("start_date", &self.start_date, errors);
        let end_day = if self.end_date.trim().is_empty() {
            start_day
        } else {
            day("end_date", &self.end_date, errors)
        };
        if all_day {
            let (s, e) = (start_day?, end_day?);
            if e < s {
                errors.add("end_date", Msg::new("activity-end-before-start"));
                return None;
            }
            return Some((
                when::day_start(s),
                when::day_start(e.next_day().unwrap_or(e)),
            ));
        }
        let time = |field: &str, v: &str, errors: &mut FieldErrors| {
            let t = when::parse_clock(v);
            if t.is_none() {
                let key = if v.trim().is_empty() {
                    "field-required"
                } else {
                    "activity-clock-format"
                };
                errors.add(field, Msg::new(key));
            }
            t
        };
        let start_time = time("start_time", &self.start_time, errors);
        let end_time = if self.end_time.trim().is_empty() {
            None
        } else {
            Some(time("end_time", &self.end_time, errors)?)
        };
        let start = when::at(start_day?, start_time?);
        let end = match end_time {
            Some(t) => when::at(end_day?, t),
            None => start + minutes * 60,
        };
        if end <= start {
            errors.add("end_time", Msg::new("activity-end-before-start"));
            return None;
        }
        Some((start, end))
    }

    /// The next step, when one was asked for; errors go to the `next_*` fields.
    pub fn next_step(&self, errors: &mut FieldErrors) -> Option<NextStep> {
        let title = self.next_title.trim();
        let start = self.next_start.trim();
        if title.is_empty() && start.is_empty() {
            return None;
        }
        if title.is_empty() {
            errors.add("next_title", Msg::new("field-required"));
        }
        if when::parse_date(start).is_none() {
            errors.add("next_start", Msg::new("activity-date-invalid"));
        }
        let type_id = self.next_type_id.trim().parse::<i64>().ok();
        if type_id.is_none() {
            errors.add("next_type_id", Msg::new("activity-type-missing"));
        }
        Some(NextStep {
            type_id: type_id.unwrap_or_default(),
            title: title.to_string(),
            start: start.to_string(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn meeting() -> ActivityType {
        ActivityType {
            id: 1,
            key: Some("customer_meeting".into()),
            name: None,
            colour: "#2563eb".into(),
            default_minutes: 60,
            kind: "appointment".into(),
            active: 1,
            position: 1,
        }
    }

    fn draft() -> ActivityDraft {
        ActivityDraft {
            type_id: "1".into(),
            title: "Møte om bemanning".into(),
            start: "2026-07-15T14:00".into(),
            participants: vec!["7".into()],
            ..Default::default()
        }
    }

    #[test]
    fn an_appointment_without_end_lasts_the_types_default() {
        let data = draft().validate(Some(&meeting())).unwrap();
        assert_eq!(data.starts_at, 1_784_116_800);
        assert_eq!(data.ends_at - data.starts_at, 3600);
        assert_eq!(data.participants, vec![7]);
    }

    #[test]
    fn the_forms_days_and_times_make_the_same_activity() {
        let mut d = draft();
        d.start.clear();
        d.start_date = "15.07.2026".into();
        d.start_time = "14:00".into();
        let data = d.validate(Some(&meeting())).unwrap();
        assert_eq!(data.starts_at, 1_784_116_800);
        assert_eq!(data.ends_at - data.starts_at, 3600);
        d.start_date = "2026-07-15".into();
        d.end_date = "16.07.2026".into();
        d.end_time = "09:30".into();
        let data = d.validate(Some(&meeting())).unwrap();
        assert_eq!(data.ends_at - data.starts_at, 19 * 3600 + 1800);
        // A whole day from the form: its times are ignored.
        d.all_day = Some("1".into());
        d.start_time = "nonsense".into();
        let data = d.validate(Some(&meeting())).unwrap();
        assert!(data.all_day);
        assert_eq!(data.ends_at - data.starts_at, 2 * 86_400);
    }

    #[test]
    fn the_forms_bad_days_and_times_are_named_by_field() {
        let mut d = draft();
        d.start.clear();
        d.start_date = "15/7".into();
        d.start_time = "25:00".into();
        let errors = d.validate(Some(&meeting())).unwrap_err();
        let fields: Vec<&str> = errors.0.keys().map(String::as_str).collect();
        assert_eq!(fields, vec!["start_date", "start_time"]);
        assert_eq!(
            errors.get("start_date").unwrap()[0].key,
            "activity-day-format"
        );
        assert_eq!(
            errors.get("start_time").unwrap()[0].key,
            "activity-clock-format"
        );
        d.start_date = "15.07.2026".into();
        d.start_time = "14:00".into();
        d.end_time = "13:45".into();
        let errors = d.validate(Some(&meeting())).unwrap_err();
        assert_eq!(
            errors.get("end_time").unwrap()[0].key,
            "activity-end-before-start"
        );
        // Shown again as typed.
        let mut legacy = draft();
        legacy.end = "2026-07-15 1300".into();
        let shown = legacy.split_start_and_end();
        assert_eq!(
            (shown.start_date.as_str(), shown.start_time.as_str()),
            ("2026-07-15", "14:00")
        );
        assert_eq!(shown.end_time, "1300");
    }

    #[test]
    fn reports_each_bad_field() {
        let mut d = draft();
        d.title = " ".into();
        d.end = "2026-07-15T13:00".into();
        d.participants.clear();
        let errors = d.validate(Some(&meeting())).unwrap_err();
        let fields: Vec<&str> = errors.0.keys().map(String::as_str).collect();
        assert_eq!(fields, vec!["end", "participants", "title"]);
    }

    #[test]
    fn a_task_spans_its_due_day() {
        let mut task = meeting();
        task.kind = "task".into();
        let mut d = draft();
        d.due_date = "2026-07-15".into();
        let data = d.validate(Some(&task)).unwrap();
        assert!(data.all_day);
        assert_eq!(data.due_date.as_deref(), Some("2026-07-15"));
        assert_eq!(data.ends_at - data.starts_at, 86_400);
    }
}
