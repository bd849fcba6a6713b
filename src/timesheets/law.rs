//! The working-hours law's warnings (arbeidsmiljøloven chapters 10 and 11) over all of a
//! worker's work intervals, every assignment together. Warnings never block an entry (the work
//! happened); each is a typed value with its rule, the days concerned and the numbers, so pages
//! can say it in either language. The exact reading of each rule is in decision 0015; in short:
//! - the law's overtime is counted as in [`super::split`] (beyond 9 hours on a work date or 40
//!   in an ISO week) and its limits over any 7, 28 and 364 consecutive days (§ 10-6 (4), with an
//!   agreement (5));
//! - working time over any 24 hours and any 7 × 24 hours, as the clock runs, a line's break
//!   spread evenly over it (§ 10-6 (8));
//! - rest: from the start of each stretch of work, the next 24 hours must hold 11 hours free in
//!   one piece and the next 7 days 35 hours (§ 10-8 (1), (2));
//! - breaks per work date: over 5.5 hours worked some break, over 8 hours 30 minutes in all;
//!   a gap between two lines of the day is a break (§ 10-9 (1));
//! - a worker under 18 on the day: no work 21–06, at most 8 hours a day and 40 an ISO week
//!   (§ 11-3 (night), § 11-2 (3)).
//!
//! Overlapping windows of the same rule are reported once, with the worst number.

mod rest;

use std::collections::BTreeMap;

use time::{Date, Duration};

use super::{
    line::WorkInterval,
    split::{LAW_DAY_MINUTES, LAW_WEEK_MINUTES, split_in_order},
};
use crate::timefmt::when::oslo_date;

/// Which rule a warning is about; [`LawRule::key`] names it in the user's language.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum LawRule {
    /// The law's overtime over the limit in 7 days (§ 10-6 (4)/(5)).
    Overtime7Days,
    /// … in 4 weeks (28 days).
    Overtime4Weeks,
    /// … in 52 weeks (364 days).
    Overtime52Weeks,
    /// Working time over 13 hours in 24 (§ 10-6 (8)).
    Work24Hours,
    /// Working time over 48 hours in 7 days (§ 10-6 (8)).
    Work7Days,
    /// Under 11 hours of daily rest (§ 10-8 (1)).
    DailyRest,
    /// Under 35 hours of weekly rest (§ 10-8 (2)).
    WeeklyRest,
    /// Over 5.5 hours worked without a break (§ 10-9 (1)).
    NoBreak,
    /// Over 8 hours worked with breaks under 30 minutes (§ 10-9 (1)).
    ShortBreak,
    /// A worker under 18 working between 21 and 06 (§ 11-3).
    YoungNight,
    /// A worker under 18 working over 8 hours a day (§ 11-2 (3)).
    YoungDay,
    /// A worker under 18 working over 40 hours an ISO week (§ 11-2 (3)).
    YoungWeek,
}

impl LawRule {
    pub fn key(self) -> &'static str {
        match self {
            LawRule::Overtime7Days => "timesheet-law-overtime-7-days",
            LawRule::Overtime4Weeks => "timesheet-law-overtime-4-weeks",
            LawRule::Overtime52Weeks => "timesheet-law-overtime-52-weeks",
            LawRule::Work24Hours => "timesheet-law-work-24-hours",
            LawRule::Work7Days => "timesheet-law-work-7-days",
            LawRule::DailyRest => "timesheet-law-daily-rest",
            LawRule::WeeklyRest => "timesheet-law-weekly-rest",
            LawRule::NoBreak => "timesheet-law-no-break",
            LawRule::ShortBreak => "timesheet-law-short-break",
            LawRule::YoungNight => "timesheet-law-young-night",
            LawRule::YoungDay => "timesheet-law-young-day",
            LawRule::YoungWeek => "timesheet-law-young-week",
        }
    }

    /// The section of the Act, as cited.
    pub fn section(self) -> &'static str {
        match self {
            LawRule::Overtime7Days | LawRule::Overtime4Weeks | LawRule::Overtime52Weeks => {
                "§ 10-6 (4)"
            }
            LawRule::Work24Hours | LawRule::Work7Days => "§ 10-6 (8)",
            LawRule::DailyRest => "§ 10-8 (1)",
            LawRule::WeeklyRest => "§ 10-8 (2)",
            LawRule::NoBreak | LawRule::ShortBreak => "§ 10-9 (1)",
            LawRule::YoungNight => "§ 11-3",
            LawRule::YoungDay | LawRule::YoungWeek => "§ 11-2 (3)",
        }
    }
}

/// One warning: the rule, the Oslo days concerned (both included) and the numbers in minutes.
/// `value` is what was found — overtime or working time in the worst window, the longest rest,
/// the day's worked minutes (no break), the day's breaks (short break), minutes at night, a
/// young worker's day or week — and `limit` what the rule allows (a rest or a break must reach
/// it; everything else must not pass it).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Warning {
    pub rule: LawRule,
    pub from: Date,
    pub to: Date,
    pub value: i64,
    pub limit: i64,
}

/// The overtime limits in minutes: the law's, or the wider ones a written agreement with the
/// employees' representatives allows (§ 10-6 (5)); a firm setting.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct OvertimeLimits {
    pub days_7: i64,
    pub weeks_4: i64,
    pub weeks_52: i64,
}

impl OvertimeLimits {
    pub fn new(agreement: bool) -> Self {
        if agreement {
            Self {
                days_7: 20 * 60,
                weeks_4: 50 * 60,
                weeks_52: 300 * 60,
            }
        } else {
            Self {
                days_7: 10 * 60,
                weeks_4: 25 * 60,
                weeks_52: 200 * 60,
            }
        }
    }
}

pub const WORK_24_HOURS: i64 = 13 * 60;
pub const WORK_7_DAYS: i64 = 48 * 60;
const HOUR: i64 = 3600;

/// Every warning over `intervals` (any order, all of the worker's assignments), sorted by day
/// and rule. `birth_date`: when known, the young workers' rules apply on days before the 18th
/// birthday.
pub fn check(
    intervals: &[WorkInterval],
    limits: OvertimeLimits,
    birth_date: Option<Date>,
) -> Vec<Warning> {
    let mut sorted: Vec<WorkInterval> = intervals
        .iter()
        .copied()
        .filter(|i| i.end > i.start)
        .collect();
    sorted.sort_by_key(|i| (i.start, i.end));
    let mut out = Vec::new();
    let overtime = law_overtime_by_day(&sorted);
    for (rule, days, limit) in [
        (LawRule::Overtime7Days, 7, limits.days_7),
        (LawRule::Overtime4Weeks, 28, limits.weeks_4),
        (LawRule::Overtime52Weeks, 364, limits.weeks_52),
    ] {
        out.extend(over_days(&overtime, rule, days, limit));
    }
    out.extend(over_hours(&sorted, LawRule::Work24Hours, 24, WORK_24_HOURS));
    out.extend(over_hours(&sorted, LawRule::Work7Days, 7 * 24, WORK_7_DAYS));
    out.extend(rest::rests(&sorted));
    out.extend(rest::breaks(&sorted));
    if let Some(born) = birth_date {
        out.extend(rest::young(&sorted, born));
    }
    out.sort_by_key(|w| (w.from, w.rule, w.to));
    out
}

/// The law's overtime minutes on each work date (intervals in time order).
pub fn law_overtime_by_day(sorted: &[WorkInterval]) -> BTreeMap<Date, i64> {
    let items: Vec<(Date, i64)> = sorted
        .iter()
        .map(|i| (oslo_date(i.start), i.worked_minutes()))
        .collect();
    let mut out = BTreeMap::new();
    for ((date, _), (_, ot)) in items.iter().zip(split_in_order(
        &items,
        |_| LAW_DAY_MINUTES,
        LAW_WEEK_MINUTES,
    )) {
        if ot > 0 {
            *out.entry(*date).or_insert(0) += ot;
        }
    }
    out
}

/// Windows of `days` consecutive days whose sum passes `limit`.
fn over_days(per_day: &BTreeMap<Date, i64>, rule: LawRule, days: i64, limit: i64) -> Vec<Warning> {
    let mut found = Vec::new();
    for &end in per_day.keys() {
        let start = end - Duration::days(days - 1);
        let window = per_day.range(start..=end);
        let sum: i64 = window.clone().map(|(_, m)| m).sum();
        if sum > limit {
            let from = *window.clone().next().map(|(d, _)| d).unwrap_or(&end);
            found.push(Warning {
                rule,
                from,
                to: end,
                value: sum,
                limit,
            });
        }
    }
    merge(found, i64::max)
}

/// Worked minutes from `from` to `to` (unix seconds), each interval's break spread evenly.
pub fn worked_between(sorted: &[WorkInterval], from: i64, to: i64) -> i64 {
    let seconds: i128 = sorted
        .iter()
        .filter(|i| i.start < to && i.end > from)
        .map(|i| {
            let overlap = i128::from(i.end.min(to) - i.start.max(from));
            let span = i128::from(i.end - i.start);
            overlap * i128::from(i.worked_minutes() * 60) / span
        })
        .sum();
    i64::try_from(seconds / 60).unwrap_or(i64::MAX)
}

/// Windows of `hours` as the clock runs whose worked time passes `limit`. The worst window
/// starts where an interval starts or ends where one ends, so only those are tried.
fn over_hours(sorted: &[WorkInterval], rule: LawRule, hours: i64, limit: i64) -> Vec<Warning> {
    let len = hours * HOUR;
    let longest = sorted.iter().map(|i| i.end - i.start).max().unwrap_or(0);
    let mut found = Vec::new();
    let windows = sorted
        .iter()
        .flat_map(|i| [(i.start, i.start + len), (i.end - len, i.end)]);
    for (from, to) in windows {
        // Only intervals starting from `from - longest` until `to` can meet the window.
        let near = &sorted[sorted.partition_point(|i| i.start < from - longest)
            ..sorted.partition_point(|i| i.start < to)];
        let value = worked_between(near, from, to);
        if value > limit {
            let inside = near.iter().filter(|i| i.start < to && i.end > from);
            let first = inside
                .clone()
                .map(|i| i.start.max(from))
                .min()
                .unwrap_or(from);
            let last = inside.map(|i| i.end.min(to)).max().unwrap_or(to);
            found.push(Warning {
                rule,
                from: oslo_date(first),
                to: oslo_date(last - 1),
                value,
                limit,
            });
        }
    }
    found.sort_by_key(|w| (w.from, w.to));
    merge(found, i64::max)
}

/// One warning per run of overlapping windows (sorted by `from`), with the worst value.
fn merge(found: Vec<Warning>, worst: fn(i64, i64) -> i64) -> Vec<Warning> {
    let mut out: Vec<Warning> = Vec::new();
    for w in found {
        match out.last_mut() {
            Some(last) if last.rule == w.rule && w.from <= last.to => {
                last.to = last.to.max(w.to);
                last.value = worst(last.value, w.value);
            }
            _ => out.push(w),
        }
    }
    out
}

#[cfg(test)]
mod tests;
