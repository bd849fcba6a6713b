//! Normal hours and overtime of a sheet. Two counts, kept apart:
//! - **Paid overtime**, by the assignment's agreement: minutes beyond the agreed day (the
//!   standard week's shift that weekday; none on a day without one) or beyond the agreed week
//!   (the assignment's hours per week), whichever gives more, never counted twice. The agreed
//!   limits are capped at the law's (9 hours a day, 40 a week), so the paid overtime is never
//!   less than the law's (the supplement is owed for it, § 10-6 (11)). An assignment without a
//!   standard week has no agreed day: only the law's 9 hours apply by the day.
//! - **The law's overtime** (§ 10-4, § 10-6): beyond 9 hours a day or 40 a week, the same way;
//!   this is what the overtime limits count ([`super::law`], across all assignments).
//!
//! Both are attributed in time order: a day's minutes beyond its limit are overtime, and once
//! the week's normal minutes reach the week's limit the rest of the week is overtime. The ISO
//! week is the week; a sheet split at a month's end is computed with the other part's worked
//! minutes per day (which all lie before or after this part). A line's minutes belong to its
//! work date (a night shift to the day it starts). Overtime on a Sunday or a public holiday is
//! paid in the 100 % class when the assignment has one, other overtime in its lowest class
//! (50 % by default); see decision 0015.

use std::collections::{BTreeMap, HashMap};

use time::{Date, Weekday};

use super::{line::Line, period::monday_of};
use crate::{
    assignments::{model::OvertimeRate, week::StandardWeek},
    norway::holidays::is_public_holiday,
};

/// The law's normal working time (§ 10-4 (1)): 9 hours a day, 40 a week.
pub const LAW_DAY_MINUTES: i64 = 9 * 60;
pub const LAW_WEEK_MINUTES: i64 = 40 * 60;

/// What an assignment agreed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Agreement {
    pub week: StandardWeek,
    /// The agreed week (the assignment's hours per week), in minutes.
    pub week_minutes: i64,
    pub overtime: Vec<OvertimeRate>,
}

impl Agreement {
    /// The agreed day's minutes on `date`, capped at the law's.
    pub fn day_limit(&self, date: Date) -> i64 {
        if self.week.days.iter().all(Option::is_none) {
            return LAW_DAY_MINUTES;
        }
        self.week
            .shift_on(date.weekday())
            .map_or(0, |s| s.minutes())
            .min(LAW_DAY_MINUTES)
    }

    pub fn week_limit(&self) -> i64 {
        self.week_minutes.clamp(0, LAW_WEEK_MINUTES)
    }

    /// The overtime class (its percent) of overtime worked on `date`; `None` when the
    /// assignment has no overtime rates.
    pub fn class_on(&self, date: Date) -> Option<i64> {
        let lowest = self.overtime.iter().map(|o| o.percent).min();
        let holiday = date.weekday() == Weekday::Sunday || is_public_holiday(date);
        match self.overtime.iter().find(|o| o.percent == 100) {
            Some(hundred) if holiday => Some(hundred.percent),
            _ => lowest,
        }
    }
}

/// Normal and overtime minutes of each item, `items` being (work date, worked minutes) in time
/// order. See the module comment.
pub fn split_in_order(
    items: &[(Date, i64)],
    day_limit: impl Fn(Date) -> i64,
    week_limit: i64,
) -> Vec<(i64, i64)> {
    let mut day_used: HashMap<Date, i64> = HashMap::new();
    let mut week_normal: HashMap<Date, i64> = HashMap::new();
    items
        .iter()
        .map(|&(date, minutes)| {
            let minutes = minutes.max(0);
            let used = day_used.entry(date).or_default();
            let within_day = (day_limit(date) - *used).clamp(0, minutes);
            *used += minutes;
            let week = week_normal.entry(monday_of(date)).or_default();
            let normal = within_day.min((week_limit - *week).max(0));
            *week += normal;
            (normal, minutes - normal)
        })
        .collect()
}

/// One line's share.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct LineSplit {
    pub worked: i64,
    pub normal: i64,
    /// Paid overtime by the agreement.
    pub overtime: i64,
    /// Its class (percent), `None` when the assignment has no overtime rates.
    pub overtime_percent: Option<i64>,
    /// The law's overtime (counted by the limits, not paid separately).
    pub law_overtime: i64,
}

/// A sheet's split: per line (in the order given) and in total.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SheetSplit {
    pub lines: Vec<LineSplit>,
    pub worked: i64,
    pub normal: i64,
    /// Paid overtime minutes per class (percent), lowest first.
    pub overtime: BTreeMap<Option<i64>, i64>,
    pub law_overtime: i64,
}

impl SheetSplit {
    pub fn overtime_total(&self) -> i64 {
        self.overtime.values().sum()
    }
}

/// Splits a sheet's lines. `other_part`: the other part of the ISO week when the sheet is split
/// at a month's end, as (date, worked minutes) — an empty slice when the week is whole.
pub fn split_sheet(
    agreement: &Agreement,
    lines: &[Line],
    other_part: &[(Date, i64)],
) -> SheetSplit {
    // Time order: the other part's days and this sheet's lines by their start instant.
    let mut order: Vec<(i64, Option<usize>, Date, i64)> = other_part
        .iter()
        .map(|&(d, m)| (crate::timefmt::when::day_start(d), None, d, m))
        .collect();
    order.extend(
        lines
            .iter()
            .enumerate()
            .map(|(i, l)| (l.interval().start, Some(i), l.work_date, l.worked_minutes())),
    );
    order.sort_by_key(|&(at, i, _, _)| (at, i));
    let items: Vec<(Date, i64)> = order.iter().map(|&(_, _, d, m)| (d, m)).collect();
    let paid = split_in_order(&items, |d| agreement.day_limit(d), agreement.week_limit());
    let law = split_in_order(&items, |_| LAW_DAY_MINUTES, LAW_WEEK_MINUTES);

    let mut out = SheetSplit {
        lines: vec![LineSplit::default(); lines.len()],
        ..SheetSplit::default()
    };
    for (k, &(_, index, date, minutes)) in order.iter().enumerate() {
        let Some(i) = index else { continue };
        let (normal, overtime) = paid[k];
        let s = LineSplit {
            worked: minutes,
            normal,
            overtime,
            overtime_percent: (overtime > 0).then(|| agreement.class_on(date)).flatten(),
            law_overtime: law[k].1,
        };
        out.worked += s.worked;
        out.normal += s.normal;
        out.law_overtime += s.law_overtime;
        if overtime > 0 {
            *out.overtime.entry(s.overtime_percent).or_default() += overtime;
        }
        out.lines[i] = s;
    }
    out
}

#[cfg(test)]
mod tests;
