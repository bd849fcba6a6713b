//! The allowances a sheet earns (the rules are in `assignments::allowance`): minutes worked
//! inside each time window, minutes beyond a day's threshold, and quantities entered by hand.
//!
//! A window belongs to the day it starts on and applies by that day's `Days` rule (a public
//! holiday by `holidays`, other days by the weekday); one over midnight runs into the next day,
//! and a line over midnight meets the windows of both days. Windows are measured as the clock
//! really runs (a 21–06 window is 8 hours on the spring's change night). The unplaced break is
//! taken to lie outside the windows as far as the line allows: a line's minutes in a window are
//! at most its worked minutes. "After hours" counts a day's worked minutes (all its lines, in
//! time order, by work date) beyond the threshold.

use time::{Date, Duration};

use super::line::{Line, oslo_at};
use crate::assignments::allowance::{Allowance, Days, Rule};

/// What an allowance earned: minutes (windows, after hours) or units in thousandths.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Quantity {
    Minutes(i64),
    Milli(i64),
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Earned {
    pub code: String,
    pub quantity: Quantity,
}

/// A per-unit allowance as entered by hand (km driven, meals).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnitEntry {
    pub code: String,
    /// Thousandths of a unit: 12.5 km is 12 500.
    pub quantity_milli: i64,
}

/// Why a hand-entered quantity cannot be saved.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum UnitError {
    /// The assignment has no per-unit allowance with that code.
    UnknownCode,
    QuantityInvalid,
}

impl UnitError {
    pub fn key(self) -> &'static str {
        match self {
            UnitError::UnknownCode => "timesheet-unit-unknown",
            UnitError::QuantityInvalid => "timesheet-unit-quantity-invalid",
        }
    }
}

/// The most units one entry may have.
pub const UNITS_MAX: i64 = 100_000;

/// `12,5`, `12.5` or `3` → thousandths (`12 500`); at most three decimals, more than zero.
pub fn parse_quantity(s: &str) -> Option<i64> {
    let s = s.trim();
    let (whole, frac) = s.split_once([',', '.']).unwrap_or((s, ""));
    if whole.is_empty()
        || whole.len() > 6
        || frac.len() > 3
        || !whole.bytes().all(|b| b.is_ascii_digit())
        || !frac.bytes().all(|b| b.is_ascii_digit())
    {
        return None;
    }
    let frac_milli = format!("{frac:0<3}").parse::<i64>().ok()?;
    let milli = whole.parse::<i64>().ok()? * 1000 + frac_milli;
    (1..=UNITS_MAX * 1000).contains(&milli).then_some(milli)
}

/// Thousandths as typed back: `12,5` (what [`parse_quantity`] reads).
pub fn milli_text(q: i64) -> String {
    let whole = q / 1000;
    let frac = q % 1000;
    if frac == 0 {
        whole.to_string()
    } else {
        format!("{whole},{}", format!("{frac:03}").trim_end_matches('0'))
    }
}

/// Checks a hand-entered quantity against the assignment's allowances.
pub fn check_unit(allowances: &[Allowance], entry: &UnitEntry) -> Result<(), UnitError> {
    let per_unit = allowances
        .iter()
        .any(|a| a.code == entry.code && matches!(a.rule, Rule::PerUnit { .. }));
    if !per_unit {
        return Err(UnitError::UnknownCode);
    }
    if !(1..=UNITS_MAX * 1000).contains(&entry.quantity_milli) {
        return Err(UnitError::QuantityInvalid);
    }
    Ok(())
}

/// Minutes of `line` inside the window `start`–`end` on the days `days` applies to.
pub fn window_minutes(start: u16, end: u16, days: &Days, line: &Line) -> i64 {
    let worked = line.interval();
    let mut seconds = 0;
    for offset in -1..=1 {
        let day = line.work_date + Duration::days(offset);
        if !days.applies_on(day) {
            continue;
        }
        let from = oslo_at(day, start);
        let to = if end <= start {
            oslo_at(day + Duration::days(1), end)
        } else {
            oslo_at(day, end)
        };
        seconds += (worked.end.min(to) - worked.start.max(from)).max(0);
    }
    (seconds / 60).min(worked.worked_minutes())
}

/// Minutes of each time allowance on each line (in the order given), as (code, minutes) with
/// minutes above zero.
pub fn line_allowances(allowances: &[Allowance], lines: &[Line]) -> Vec<Vec<(String, i64)>> {
    let mut order: Vec<usize> = (0..lines.len()).collect();
    order.sort_by_key(|&i| (lines[i].interval().start, i));
    let mut out = vec![Vec::new(); lines.len()];
    for a in allowances {
        match a.rule {
            Rule::Window { start, end, days } => {
                for (i, line) in lines.iter().enumerate() {
                    let m = window_minutes(start, end, &days, line);
                    if m > 0 {
                        out[i].push((a.code.clone(), m));
                    }
                }
            }
            Rule::AfterHours { minutes } => {
                let limit = i64::from(minutes);
                let mut day_used: std::collections::HashMap<Date, i64> = Default::default();
                for &i in &order {
                    let used = day_used.entry(lines[i].work_date).or_default();
                    let before = (*used - limit).max(0);
                    *used += lines[i].worked_minutes();
                    let m = (*used - limit).max(0) - before;
                    if m > 0 {
                        out[i].push((a.code.clone(), m));
                    }
                }
            }
            Rule::PerUnit { .. } => {}
        }
    }
    out
}

/// A sheet's allowances in the assignment's order: time allowances in minutes over all lines,
/// per-unit ones summed from the entries. Nothing earned, nothing listed.
pub fn sheet_allowances(
    allowances: &[Allowance],
    lines: &[Line],
    units: &[UnitEntry],
) -> Vec<Earned> {
    let per_line = line_allowances(allowances, lines);
    allowances
        .iter()
        .filter_map(|a| {
            let quantity = match a.rule {
                Rule::PerUnit { .. } => Quantity::Milli(
                    units
                        .iter()
                        .filter(|u| u.code == a.code)
                        .map(|u| u.quantity_milli)
                        .sum(),
                ),
                _ => Quantity::Minutes(
                    per_line
                        .iter()
                        .flatten()
                        .filter(|(c, _)| *c == a.code)
                        .map(|(_, m)| m)
                        .sum(),
                ),
            };
            let zero = matches!(quantity, Quantity::Minutes(0) | Quantity::Milli(0));
            (!zero).then(|| Earned {
                code: a.code.clone(),
                quantity,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests;
