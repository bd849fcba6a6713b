//! Allowances (tillegg) agreed on an assignment, as data: stored as JSON in
//! `assignments.allowances`, entered on the assignment form, and turned into hours or units on
//! each timesheet (`timesheets`). Each is either pay (taxed, part of the holiday-pay basis) or a
//! tax-free expense reimbursement (km, meals), which is neither.
//!
//! Which days a time window applies to: on a public holiday (Easter included, see
//! `norway::holidays`) only `holidays` decides; on any other day the weekday does. So "weekday
//! evenings" (Monday–Friday, `holidays: false`) is not paid on Ascension Day, a "public holiday"
//! allowance is `weekdays` all false with `holidays: true`, and a night allowance paid every night
//! has all seven weekdays and `holidays: true`. A window that ends before it starts runs over
//! midnight and belongs to the day it starts on.

use serde::{Deserialize, Serialize};
use time::Date;

use crate::norway::holidays::is_public_holiday;

/// Pay or a reimbursement of the worker's expenses.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum AllowanceKind {
    /// Taxed pay, part of the holiday-pay basis (feriepengegrunnlag).
    Pay,
    /// A tax-free reimbursement (km, meals): not pay, not holiday-pay basis.
    Expense,
}

/// What a per-unit allowance counts.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Unit {
    Km,
    Meal,
    Day,
    Piece,
}

impl Unit {
    pub const ALL: [Unit; 4] = [Unit::Km, Unit::Meal, Unit::Day, Unit::Piece];

    pub fn as_str(self) -> &'static str {
        match self {
            Unit::Km => "km",
            Unit::Meal => "meal",
            Unit::Day => "day",
            Unit::Piece => "piece",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|u| u.as_str() == s)
    }
}

/// The days a time window applies to (see the module comment for public holidays).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Days {
    /// Monday first.
    pub weekdays: [bool; 7],
    pub holidays: bool,
}

impl Days {
    pub fn applies_on(&self, date: Date) -> bool {
        if is_public_holiday(date) {
            self.holidays
        } else {
            self.weekdays[usize::from(date.weekday().number_days_from_monday())]
        }
    }
}

/// How an allowance is earned.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Rule {
    /// Per hour worked inside a daily window: `start` and `end` in minutes after midnight
    /// (`end <= start` runs over midnight; `start == end` is the whole day).
    Window { start: u16, end: u16, days: Days },
    /// Per hour worked beyond `minutes` on one day.
    AfterHours { minutes: u16 },
    /// Per unit, entered by hand by the worker (km driven, meals).
    PerUnit { unit: Unit },
}

/// One allowance on an assignment. Amounts in øre per hour (windows, after hours) or per unit.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Allowance {
    /// Stable short key (`evening`, `night`, `km`): the wage type mapping in the payroll
    /// settings and the invoice line refer to it. Unique on an assignment.
    pub code: String,
    /// As shown on the timesheet, the invoice and the payslip ("Kveldstillegg").
    pub name: String,
    pub rule: Rule,
    pub kind: AllowanceKind,
    pub bill_ore: i64,
    pub pay_ore: i64,
}

/// Reads the stored JSON; a row written by this code always parses, so an unreadable value
/// (hand-edited) is treated as no allowances rather than failing the page.
pub fn from_stored(json: &str) -> Vec<Allowance> {
    serde_json::from_str(json).unwrap_or_default()
}

pub fn to_stored(allowances: &[Allowance]) -> String {
    serde_json::to_string(allowances).unwrap_or_else(|_| "[]".into())
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    const WEEKDAY_EVENINGS: Days = Days {
        weekdays: [true, true, true, true, true, false, false],
        holidays: false,
    };

    #[test]
    fn a_weekday_window_skips_weekends_and_public_holidays() {
        assert!(WEEKDAY_EVENINGS.applies_on(date!(2026 - 12 - 02))); // Wednesday
        assert!(!WEEKDAY_EVENINGS.applies_on(date!(2026 - 12 - 05))); // Saturday
        assert!(!WEEKDAY_EVENINGS.applies_on(date!(2026 - 05 - 14))); // Ascension Day, Thursday
        assert!(!WEEKDAY_EVENINGS.applies_on(date!(2027 - 03 - 25))); // Maundy Thursday 2027
    }

    #[test]
    fn a_holiday_window_applies_only_on_public_holidays() {
        let holidays = Days {
            weekdays: [false; 7],
            holidays: true,
        };
        assert!(holidays.applies_on(date!(2026 - 12 - 25)));
        assert!(holidays.applies_on(date!(2026 - 04 - 06))); // Easter Monday 2026
        assert!(!holidays.applies_on(date!(2026 - 12 - 27))); // an ordinary Sunday
    }

    #[test]
    fn stored_json_round_trips_and_bad_json_is_none() {
        let a = vec![
            Allowance {
                code: "night".into(),
                name: "Nattillegg".into(),
                rule: Rule::Window {
                    start: 21 * 60,
                    end: 6 * 60,
                    days: Days {
                        weekdays: [true; 7],
                        holidays: true,
                    },
                },
                kind: AllowanceKind::Pay,
                bill_ore: 6_000,
                pay_ore: 4_500,
            },
            Allowance {
                code: "km".into(),
                name: "Kilometergodtgjørelse".into(),
                rule: Rule::PerUnit { unit: Unit::Km },
                kind: AllowanceKind::Expense,
                bill_ore: 500,
                pay_ore: 350,
            },
        ];
        assert_eq!(from_stored(&to_stored(&a)), a);
        assert!(from_stored("not json").is_empty());
        assert!(from_stored("[]").is_empty());
    }
}
