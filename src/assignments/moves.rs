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

#[cfg(test)]
mod tests {
    use super::*;

    fn assignment(status: &str) -> Assignment {
        Assignment {
            id: 1,
            customer_id: 1,
            worker_id: 1,
            worker_name: "Kari Nordmann".into(),
            title: "Lagermedarbeider".into(),
            styrk_code: None,
            workplace_street: None,
            workplace_postal_code: None,
            workplace_city: None,
            workplace_county_no: None,
            building_site: 0,
            consultant_id: None,
            approver_contact_id: None,
            second_approver_contact_id: None,
            from_date: "2027-01-04".into(),
            to_date: Some("2027-06-30".into()),
            hours_per_week_minutes: 2250,
            standard_week: "{}".into(),
            bill_rate_ore: 45_000,
            pay_rate_ore: 23_000,
            overtime: "[]".into(),
            allowances: "[]".into(),
            legal_basis: None,
            legal_basis_text: None,
            equal_terms_id: None,
            purchase_order: None,
            invoice_grouping: None,
            status: status.into(),
            version: 1,
            created_at: 0,
            updated_at: 0,
        }
    }

    fn mv(next: Status, to_date: Option<Option<&str>>) -> Result<Move, &'static str> {
        Ok(Move {
            next,
            to_date: to_date.map(|t| t.map(str::to_string)),
        })
    }

    #[test]
    fn red_blocks_activation_and_only_allowed_moves_pass() {
        let planned = assignment("planned");
        let active = assignment("active");
        assert_eq!(
            decide(&planned, Light::Red, "activate", ""),
            Err("assignment-red-blocks")
        );
        assert_eq!(
            decide(&planned, Light::Yellow, "activate", ""),
            mv(Status::Active, None)
        );
        assert_eq!(
            decide(&active, Light::Green, "activate", ""),
            Err("assignment-move-not-allowed")
        );
        assert_eq!(
            decide(&active, Light::Green, "cancel", ""),
            Err("assignment-move-not-allowed")
        );
        assert_eq!(
            decide(&planned, Light::Red, "cancel", ""),
            mv(Status::Cancelled, None)
        );
        assert_eq!(
            decide(&active, Light::Red, "end", "2027-03-31"),
            mv(Status::Ended, Some(Some("2027-03-31")))
        );
        assert_eq!(
            decide(&active, Light::Green, "end", "2026-12-31"),
            Err("assignment-end-date-invalid")
        );
        assert_eq!(
            decide(&active, Light::Green, "extend", " "),
            mv(Status::Active, Some(None))
        );
        assert_eq!(
            decide(&planned, Light::Green, "extend", "2027-2-1"),
            Err("assignment-end-date-invalid")
        );
        assert_eq!(
            decide(&assignment("ended"), Light::Green, "extend", ""),
            Err("assignment-move-not-allowed")
        );
    }
}
