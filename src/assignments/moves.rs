//! The moves between an assignment's statuses — activate (refused while the light is red),
//! extend, end early, cancel — decided in one place for the page and the JSON API.

use sqlx::AnyConnection;

use super::{
    compliance::Light,
    model::Status,
    store::{self, Assignment},
};
use crate::{
    Result,
    timefmt::when::{date_string, parse_date},
};

/// Where a move leads: the next status and, when the end date changes, the new one
/// (`Some(None)`: an open end).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Move {
    pub next: Status,
    pub to_date: Option<Option<String>>,
}

/// Decides `action` (`activate`, `extend`, `end` or `cancel`) on `a`, whose light is `light`;
/// `to_date` is the typed end date for `extend` and `end` (`YYYY-MM-DD`; empty: an open end
/// when extending). `Err` holds the translation key of why the move is refused.
pub fn decide(
    a: &Assignment,
    light: Light,
    action: &str,
    to_date: &str,
) -> std::result::Result<Move, &'static str> {
    let status = a.status();
    let typed = to_date.trim();
    let typed_date = parse_date(typed).filter(|d| date_string(*d) == typed);
    let from = parse_date(&a.from_date);
    let (next, to_date) = match (action, status) {
        ("activate", Status::Planned) => {
            if light == Light::Red {
                return Err("assignment-red-blocks");
            }
            (Status::Active, None)
        }
        ("cancel", Status::Planned) => (Status::Cancelled, None),
        ("end", Status::Active) => match typed_date {
            Some(d) if from.is_none_or(|f| d >= f) => (Status::Ended, Some(Some(date_string(d)))),
            _ => return Err("assignment-end-date-invalid"),
        },
        ("extend", Status::Planned | Status::Active) => match (typed, typed_date) {
            ("", _) => (status, Some(None)),
            (_, Some(d)) if from.is_none_or(|f| d >= f) => (status, Some(Some(date_string(d)))),
            _ => return Err("assignment-end-date-invalid"),
        },
        _ => return Err("assignment-move-not-allowed"),
    };
    Ok(Move { next, to_date })
}

/// Decides and, when allowed, makes the move in the caller's transaction (recorded on the
/// card). The outer `Err` is a failure; the inner one the key of why the move is refused.
pub async fn perform(
    conn: &mut AnyConnection,
    user_id: i64,
    a: &Assignment,
    light: Light,
    action: &str,
    to_date: &str,
) -> Result<std::result::Result<Move, &'static str>> {
    let m = match decide(a, light, action, to_date) {
        Ok(m) => m,
        Err(key) => return Ok(Err(key)),
    };
    store::set_status(conn, user_id, a, m.next, m.to_date.clone()).await?;
    Ok(Ok(m))
}
