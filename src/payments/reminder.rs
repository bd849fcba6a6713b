//! The first payment reminder (purring) of an overdue invoice, by the debt collection rules
//! (decision 0029): inkassoloven § 9 and inkassoforskriften § 1-2.
//!
//! - it is sent no earlier than the day after the due date;
//! - it gives at least 14 days to pay, counted from the day it is sent;
//! - a reminder fee (purregebyr) may be charged only when the reminder is sent at least 14 days
//!   after the due date, and is at most a share of the inkassosats in force that day: a tenth for
//!   invoices due up to 2020-09-30, a twentieth (35 kr) for those due from 2020-10-01 on;
//! - it may mention late-payment interest (forsinkelsesrente, forsinkelsesrenteloven § 3), a rate
//!   set for each half-year: the rate is named only for a day inside a period we have the
//!   figure for, else the text speaks of interest without a figure.
//!
//! The figures are data with their dates below; see the decision for the sources and for what
//! must be added each year.

use time::{Date, Duration};

use crate::timefmt::when::parse_date;

/// The inkassosats (øre) from a date, oldest first. The reminder fee is at most a share of the
/// one in force ([`FEE_SHARE`]). Only figures confirmed from a published source are listed (decision 0029): a
/// later, higher figure not yet entered makes the fee lower than allowed, never higher.
pub const INKASSOSATS: &[(&str, i64)] = &[("2017-01-01", 70_000)];

/// The reminder fee's largest share of the inkassosats, by the invoice's due date (from, divisor),
/// oldest first: inkassoforskriften § 1-2 gave a tenth (70 kr); the change of 19 June 2020 in force
/// 1 October 2020 halved it to a twentieth (35 kr) for claims falling due from that day.
pub const FEE_SHARE: &[(&str, i64)] = &[("2000-01-01", 10), ("2020-10-01", 20)];

/// Forsinkelsesrente (basis points a year) for a period (first and last day).
pub const FORSINKELSESRENTE: &[(&str, &str, i64)] = &[("2025-01-01", "2025-06-30", 1_250)];

/// Days to pay, counted from the day the reminder is sent (inkassoloven § 9).
pub const DAYS_TO_PAY: i64 = 14;
/// Days after the due date before a fee may be charged (inkassoforskriften § 1-2).
pub const DAYS_BEFORE_FEE: i64 = 14;

/// What the first reminder for an invoice due on `due` says when sent on `sent`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Terms {
    /// The new date to pay by (at least 14 days after `sent`).
    pub pay_by: Date,
    /// The reminder fee in øre (0 when not allowed yet).
    pub fee_ore: i64,
    /// The late-payment interest rate in basis points, when known for `sent`.
    pub interest_bp: Option<i64>,
}

/// Why a reminder may not be sent.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NotYet {
    /// Sent on or before the due date.
    NotDue,
}

/// The inkassosats in force on `day`.
pub fn inkassosats(day: Date) -> Option<i64> {
    INKASSOSATS
        .iter()
        .rev()
        .find(|(from, _)| parse_date(from).is_some_and(|f| f <= day))
        .map(|(_, ore)| *ore)
}

/// The late-payment interest rate for `day`, when we have the period's figure.
pub fn interest_bp(day: Date) -> Option<i64> {
    FORSINKELSESRENTE
        .iter()
        .find(|(from, to, _)| {
            parse_date(from).is_some_and(|f| f <= day) && parse_date(to).is_some_and(|t| day <= t)
        })
        .map(|(_, _, bp)| *bp)
}

/// The terms of the first reminder for an invoice due on `due` when sent on `sent`.
pub fn terms(due: Date, sent: Date) -> Result<Terms, NotYet> {
    if sent <= due {
        return Err(NotYet::NotDue);
    }
    let fee_ore = if sent >= due + Duration::days(DAYS_BEFORE_FEE) {
        let divisor = FEE_SHARE
            .iter()
            .rev()
            .find(|(from, _)| parse_date(from).is_some_and(|f| f <= due))
            .map_or(20, |(_, d)| *d);
        inkassosats(sent).map_or(0, |s| s / divisor)
    } else {
        0
    };
    Ok(Terms {
        pay_by: sent + Duration::days(DAYS_TO_PAY),
        fee_ore,
        interest_bp: interest_bp(sent),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    #[test]
    fn first_reminder_rules() {
        let due = date!(2026 - 11 - 16);
        assert_eq!(terms(due, due), Err(NotYet::NotDue));
        assert_eq!(terms(due, date!(2026 - 11 - 01)), Err(NotYet::NotDue));
        let t = terms(due, date!(2026 - 11 - 17)).unwrap();
        assert_eq!(t.pay_by, date!(2026 - 12 - 01));
        assert_eq!(t.fee_ore, 0);
        let t = terms(due, date!(2026 - 11 - 30)).unwrap();
        assert_eq!(t.fee_ore, 3_500);
        // An invoice that fell due before the 2020 change keeps the old tenth.
        let old = date!(2020 - 09 - 30);
        assert_eq!(terms(old, date!(2020 - 10 - 20)).unwrap().fee_ore, 7_000);
        assert_eq!(
            terms(date!(2020 - 10 - 01), date!(2020 - 10 - 20))
                .unwrap()
                .fee_ore,
            3_500
        );
        assert_eq!(t.pay_by, date!(2026 - 12 - 14));
        assert_eq!(t.interest_bp, None);
        assert_eq!(interest_bp(date!(2025 - 03 - 01)), Some(1_250));
        assert_eq!(inkassosats(date!(2016 - 12 - 31)), None);
    }
}
