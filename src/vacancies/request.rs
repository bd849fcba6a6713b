//! A portal contact's request for staff (right *request staff*; decision 0041): the short form
//! as typed ([`RequestDraft`]) and checked ([`RequestData`]), the draft vacancy it becomes
//! ([`create_draft`]), and telling the responsible consultant ([`tell_consultant`]) — a diary
//! task on the customer's card and a message through the outbox, both in the caller's
//! transaction. The portal's accept/decline tells the consultant the same way.

use serde::{Deserialize, Serialize};
use sqlx::AnyConnection;
use time::Date;

use super::model::MAX_POSITIONS;
use crate::{
    Result,
    assignments::week::StandardWeek,
    audit::{self, Change},
    dialog::outbox::{self, NewEmail, Recipient},
    diary,
    error::{FieldErrors, Msg},
    i18n::Lang,
    timefmt::{
        date_text, now,
        when::{date_string, oslo_date, parse_day},
    },
};

/// The request form as typed, kept as strings so the form shows them back unchanged.
#[derive(Clone, Debug, Default, Deserialize, Serialize, PartialEq, Eq)]
#[serde(default)]
pub struct RequestDraft {
    /// What is needed, e.g. "Tømrer" (the vacancy's title).
    pub what: String,
    pub positions: String,
    pub from_date: String,
    pub to_date: String,
    /// Where the work is (the workplace's city or address as typed).
    pub place: String,
    pub description: String,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RequestData {
    pub title: String,
    pub positions: i64,
    pub from: Date,
    pub to: Option<Date>,
    pub place: Option<String>,
    pub description: Option<String>,
}

fn opt(s: &str) -> Option<String> {
    let t = s.trim();
    (!t.is_empty()).then(|| t.to_string())
}

impl RequestDraft {
    /// Checks the form; `today` (Oslo) is the earliest start.
    pub fn validate(&self, today: Date) -> std::result::Result<RequestData, FieldErrors> {
        let mut e = FieldErrors::default();
        let what = self.what.trim();
        if what.is_empty() {
            e.add("what", Msg::new("field-required"));
        } else if what.chars().count() > 200 {
            e.add("what", Msg::new("field-too-long").arg("max", 200));
        }
        e.single_line("what", &self.what);
        let positions = match self.positions.trim() {
            "" => {
                e.add("positions", Msg::new("field-required"));
                0
            }
            raw => raw
                .parse::<i64>()
                .ok()
                .filter(|n| (1..=MAX_POSITIONS).contains(n))
                .unwrap_or_else(|| {
                    e.add(
                        "positions",
                        Msg::new("vacancy-positions-invalid").arg("max", MAX_POSITIONS),
                    );
                    0
                }),
        };
        let from = match self.from_date.trim() {
            "" => {
                e.add("from_date", Msg::new("field-required"));
                None
            }
            raw => match parse_day(raw) {
                Some(d) if d < today => {
                    e.add("from_date", Msg::new("vacancy-request-from-past"));
                    None
                }
                Some(d) => Some(d),
                None => {
                    e.add("from_date", Msg::new("vacancy-request-date-invalid"));
                    None
                }
            },
        };
        let to = match self.to_date.trim() {
            "" => None,
            raw => match parse_day(raw) {
                Some(d) if from.is_some_and(|f| d < f) => {
                    e.add("to_date", Msg::new("vacancy-request-to-before-from"));
                    None
                }
                Some(d) => Some(d),
                None => {
                    e.add("to_date", Msg::new("vacancy-request-date-invalid"));
                    None
                }
            },
        };
        if self.place.trim().chars().count() > 200 {
            e.add("place", Msg::new("field-too-long").arg("max", 200));
        }
        e.single_line("place", &self.place);
        if self.description.trim().chars().count() > 5_000 {
            e.add("description", Msg::new("field-too-long").arg("max", 5_000));
        }
        match (e.is_empty(), from) {
            (true, Some(from)) => Ok(RequestData {
                title: what.to_string(),
                positions,
                from,
                to,
                place: opt(&self.place),
                description: opt(&self.description),
            }),
            _ => Err(e),
        }
    }
}

/// The customer's responsible consultant (an active user), else the first active
/// administrator, so a request always reaches someone; `None` when there is nobody at all.
pub async fn consultant_for(conn: &mut AnyConnection, customer_id: i64) -> Result<Option<i64>> {
    let owner: Option<i64> = sqlx::query_scalar(
        "SELECT u.id FROM customers c JOIN users u ON u.id = c.owner_id \
         WHERE c.id = $1 AND u.active = 1",
    )
    .bind(customer_id)
    .fetch_optional(&mut *conn)
    .await?;
    if owner.is_some() {
        return Ok(owner);
    }
    Ok(sqlx::query_scalar(
        "SELECT id FROM users WHERE active = 1 AND role = 'admin' ORDER BY id LIMIT 1",
    )
    .fetch_optional(&mut *conn)
    .await?)
}

/// Writes the draft vacancy of a request by `contact_id` for `customer_id`, with the consultant
/// responsible and the contact as the vacancy's contact. The terms the request does not give
/// (hours, rates, legal basis) are left empty for the consultant to complete on the form.
pub async fn create_draft(
    conn: &mut AnyConnection,
    customer_id: i64,
    contact_id: i64,
    consultant_id: Option<i64>,
    r: &RequestData,
) -> Result<i64> {
    let now = now();
    let week = serde_json::to_string(&StandardWeek::default()).unwrap_or_else(|_| "{}".into());
    let (id,): (i64,) = sqlx::query_as(
        "INSERT INTO vacancies (customer_id, positions, description, contact_id, title, \
         workplace_city, consultant_id, from_date, to_date, hours_per_week_minutes, standard_week, \
         bill_rate_ore, pay_rate_ore, status, draft, requested_by_contact_id, requested_at, version, \
         created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 0, $10, 0, 0, 'open', 1, \
         $4, $11, 1, $11, $11) RETURNING id",
    )
    .bind(customer_id)
    .bind(r.positions)
    .bind(r.description.clone())
    .bind(contact_id)
    .bind(&r.title)
    .bind(r.place.clone())
    .bind(consultant_id)
    .bind(date_string(r.from))
    .bind(r.to.map(date_string))
    .bind(week)
    .bind(now)
    .fetch_one(&mut *conn)
    .await?;
    let contact: Option<String> = sqlx::query_scalar(
        "SELECT TRIM(first_name || ' ' || last_name) FROM contacts WHERE id = $1",
    )
    .bind(contact_id)
    .fetch_optional(&mut *conn)
    .await?;
    let changes = [
        ("title", Some(r.title.clone())),
        ("positions", Some(r.positions.to_string())),
        ("from", Some(date_text(r.from))),
        ("to", r.to.map(date_text)),
        ("workplace_city", r.place.clone()),
        ("requested_by", contact),
    ]
    .into_iter()
    .filter(|(_, v)| v.is_some())
    .map(|(f, v)| Change {
        field: f.into(),
        old: None,
        new: v,
    })
    .collect::<Vec<_>>();
    audit::record(
        conn,
        customer_id,
        "vacancy",
        id,
        "vacancy-requested",
        &changes,
        None,
    )
    .await?;
    Ok(id)
}

/// What the consultant is told.
pub struct Note {
    /// The diary task's title and the email's subject.
    pub title: String,
    /// The email's body and the task's notes.
    pub body: String,
}

/// Tells consultant `user_id` about `note` on customer `customer_id`'s card: a diary task due
/// today (the built-in follow-up type, else the first task type) and an email queued through
/// the outbox (sent when email is configured; until then it waits, decision 0007). Returns
/// (the task's id, the message's id); the task is `None` when no task type exists, the
/// message `None` when the consultant has no email address.
pub async fn tell_consultant(
    conn: &mut AnyConnection,
    customer_id: i64,
    user_id: i64,
    contacts: Vec<i64>,
    note: &Note,
) -> Result<(Option<i64>, Option<i64>)> {
    let ty: Option<i64> = sqlx::query_scalar(
        "SELECT id FROM activity_types WHERE kind = 'task' AND active = 1 \
         ORDER BY CASE WHEN key = 'follow_up' THEN 0 ELSE 1 END, position, id LIMIT 1",
    )
    .fetch_optional(&mut *conn)
    .await?;
    let task = match ty {
        Some(type_id) => {
            let today = oslo_date(now());
            let data = diary::model::ActivityData {
                type_id,
                title: note.title.chars().take(200).collect(),
                notes: Some(note.body.clone()),
                starts_at: crate::timefmt::when::day_start(today),
                ends_at: crate::timefmt::when::day_start(today.next_day().unwrap_or(today)),
                all_day: true,
                due_date: Some(date_string(today)),
                location: None,
                done: false,
                participants: vec![user_id],
                contacts,
            };
            Some(diary::store::create(conn, user_id, Some(customer_id), &data, None).await?)
        }
        None => None,
    };
    let to: Option<(String, String)> =
        sqlx::query_as("SELECT name, email FROM users WHERE id = $1 AND email <> ''")
            .bind(user_id)
            .fetch_optional(&mut *conn)
            .await?;
    let message = match to {
        Some((name, email)) => Some(
            outbox::queue_email(
                conn,
                NewEmail {
                    customer_id: Some(customer_id),
                    worker_id: None,
                    sender_user_id: None,
                    to: vec![Recipient {
                        name,
                        email,
                        contact_id: None,
                    }],
                    cc: Vec::new(),
                    subject: note.title.clone(),
                    body: note.body.clone(),
                    attachments: Vec::new(),
                    sealed: None,
                },
            )
            .await?,
        ),
        None => None,
    };
    Ok((task, message))
}

/// The language staff member `user_id` reads in (bokmål when unknown).
pub async fn user_lang(conn: &mut AnyConnection, user_id: i64) -> Result<Lang> {
    let code: Option<String> = sqlx::query_scalar("SELECT locale FROM users WHERE id = $1")
        .bind(user_id)
        .fetch_optional(&mut *conn)
        .await?;
    Ok(code.as_deref().and_then(Lang::parse).unwrap_or(Lang::Nb))
}

/// The note for a new request, in the consultant's language.
pub fn request_note(
    lang: Lang,
    customer: &str,
    contact: &str,
    r: &RequestData,
    link: &str,
) -> Note {
    let period = match r.to {
        Some(to) => format!("{} – {}", date_text(r.from), date_text(to)),
        None => date_text(r.from),
    };
    Note {
        title: lang.t_with(
            "vacancy-request-task-title",
            &[
                ("customer", customer.to_string()),
                ("title", r.title.clone()),
            ],
        ),
        body: lang.t_with(
            "vacancy-request-task-body",
            &[
                ("contact", contact.to_string()),
                ("customer", customer.to_string()),
                ("title", r.title.clone()),
                ("count", r.positions.to_string()),
                ("period", period),
                ("place", r.place.clone().unwrap_or_default()),
                ("description", r.description.clone().unwrap_or_default()),
                ("link", link.to_string()),
            ],
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    fn ok() -> RequestDraft {
        RequestDraft {
            what: " Tømrer ".into(),
            positions: "2".into(),
            from_date: "04.01.2027".into(),
            to_date: "2027-02-26".into(),
            place: "Oslo".into(),
            description: "Forskaling".into(),
        }
    }

    #[test]
    fn a_request_is_checked_and_trimmed() {
        let r = ok().validate(date!(2026 - 12 - 01)).expect("valid");
        assert_eq!(r.title, "Tømrer");
        assert_eq!(r.positions, 2);
        assert_eq!(r.from, date!(2027 - 01 - 04));
        assert_eq!(r.to, Some(date!(2027 - 02 - 26)));
        assert_eq!(r.place.as_deref(), Some("Oslo"));
    }

    #[test]
    fn bad_input_is_named_per_field() {
        let bad = RequestDraft {
            what: "".into(),
            positions: "0".into(),
            from_date: "31.02.2027".into(),
            to_date: "i morgen".into(),
            place: "a\nb".into(),
            description: "x".repeat(5_001),
        };
        let e = bad.validate(date!(2026 - 12 - 01)).unwrap_err();
        for f in [
            "what",
            "positions",
            "from_date",
            "to_date",
            "place",
            "description",
        ] {
            assert!(e.get(f).is_some(), "{f}");
        }
        let past = RequestDraft {
            from_date: "2026-11-30".into(),
            to_date: "".into(),
            ..ok()
        };
        let e = past.validate(date!(2026 - 12 - 01)).unwrap_err();
        assert_eq!(
            e.get("from_date").unwrap()[0].key,
            "vacancy-request-from-past"
        );
        let backwards = RequestDraft {
            to_date: "2027-01-03".into(),
            ..ok()
        };
        let e = backwards.validate(date!(2026 - 12 - 01)).unwrap_err();
        assert_eq!(
            e.get("to_date").unwrap()[0].key,
            "vacancy-request-to-before-from"
        );
    }
}
