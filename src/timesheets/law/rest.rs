//! Rest, breaks and young workers (see the parent module for the reading of each rule).

use std::collections::BTreeMap;

use time::{Date, Duration, Month};

use super::{HOUR, LawRule, Warning, merge};
use crate::{
    timefmt::when::oslo_date,
    timesheets::{
        line::{WorkInterval, oslo_at},
        period::monday_of,
    },
};

pub const DAILY_REST_MINUTES: i64 = 11 * 60;
pub const WEEKLY_REST_MINUTES: i64 = 35 * 60;
pub const BREAK_AFTER_MINUTES: i64 = 330;
pub const LONG_DAY_MINUTES: i64 = 8 * 60;
pub const LONG_DAY_BREAK_MINUTES: i64 = 30;
pub const YOUNG_DAY_MINUTES: i64 = 8 * 60;
pub const YOUNG_WEEK_MINUTES: i64 = 40 * 60;
/// Night for a young worker: 21:00 to 06:00.
const NIGHT: (u16, u16) = (21 * 60, 6 * 60);

/// Stretches of work: intervals that overlap or touch joined (a break inside a line is not
/// rest).
fn stretches(sorted: &[WorkInterval]) -> Vec<(i64, i64)> {
    let mut out: Vec<(i64, i64)> = Vec::new();
    for i in sorted {
        match out.last_mut() {
            Some(last) if i.start <= last.1 => last.1 = last.1.max(i.end),
            _ => out.push((i.start, i.end)),
        }
    }
    out
}

/// Daily and weekly rest: from each stretch's start, the longest time free in one piece within
/// the next 24 hours (7 days) must reach 11 (35) hours.
pub(super) fn rests(sorted: &[WorkInterval]) -> Vec<Warning> {
    let blocks = stretches(sorted);
    let mut out = Vec::new();
    for (rule, len, need) in [
        (LawRule::DailyRest, 24 * HOUR, DAILY_REST_MINUTES),
        (LawRule::WeeklyRest, 7 * 24 * HOUR, WEEKLY_REST_MINUTES),
    ] {
        let mut found = Vec::new();
        for (k, &(from, _)) in blocks.iter().enumerate() {
            let to = from + len;
            let mut longest = 0;
            let mut busy_until = from;
            for &(s, e) in blocks[k..].iter().take_while(|(s, _)| *s < to) {
                longest = longest.max(s - busy_until);
                busy_until = busy_until.max(e);
            }
            longest = longest.max(to - busy_until);
            if longest < need * 60 {
                found.push(Warning {
                    rule,
                    from: oslo_date(from),
                    to: oslo_date(busy_until.min(to) - 1),
                    value: longest / 60,
                    limit: need,
                });
            }
        }
        out.extend(merge(found, i64::min));
    }
    out
}

/// Breaks per work date: the lines' breaks and the gaps between the day's lines.
pub(super) fn breaks(sorted: &[WorkInterval]) -> Vec<Warning> {
    // date → (worked, breaks, end of the day's last line so far)
    let mut days: BTreeMap<Date, (i64, i64, Option<i64>)> = BTreeMap::new();
    for i in sorted {
        let day = days.entry(oslo_date(i.start)).or_insert((0, 0, None));
        day.0 += i.worked_minutes();
        day.1 += i.break_minutes;
        if let Some(end) = day.2 {
            day.1 += ((i.start - end) / 60).max(0);
        }
        day.2 = Some(day.2.map_or(i.end, |e| e.max(i.end)));
    }
    days.into_iter()
        .filter_map(|(date, (worked, breaks, _))| {
            let (rule, value, limit) = if worked > BREAK_AFTER_MINUTES && breaks == 0 {
                (LawRule::NoBreak, worked, BREAK_AFTER_MINUTES)
            } else if worked > LONG_DAY_MINUTES && breaks < LONG_DAY_BREAK_MINUTES {
                (LawRule::ShortBreak, breaks, LONG_DAY_BREAK_MINUTES)
            } else {
                return None;
            };
            Some(Warning {
                rule,
                from: date,
                to: date,
                value,
                limit,
            })
        })
        .collect()
}

/// The 18th birthday (one born on 29 February turns 18 on 1 March in a common year).
pub fn eighteenth_birthday(born: Date) -> Date {
    let year = born.year() + 18;
    born.replace_year(year).unwrap_or_else(|_| {
        Date::from_calendar_date(year, Month::March, 1).expect("1 March exists")
    })
}

/// A worker under 18: night work, long days and long weeks.
pub(super) fn young(sorted: &[WorkInterval], born: Date) -> Vec<Warning> {
    let adult = eighteenth_birthday(born);
    let mut nights: BTreeMap<Date, i64> = BTreeMap::new();
    let mut days: BTreeMap<Date, i64> = BTreeMap::new();
    for i in sorted {
        let first = oslo_date(i.start) - Duration::days(1);
        let mut night = first;
        while night <= oslo_date(i.end) {
            let from = oslo_at(night, NIGHT.0);
            let to = oslo_at(night + Duration::days(1), NIGHT.1);
            let minutes = (i.end.min(to) - i.start.max(from)).max(0) / 60;
            if minutes > 0 && night < adult {
                *nights.entry(night).or_default() += minutes;
            }
            night += Duration::days(1);
        }
        let date = oslo_date(i.start);
        if date < adult {
            *days.entry(date).or_default() += i.worked_minutes();
        }
    }
    let mut weeks: BTreeMap<Date, (i64, Date, Date)> = BTreeMap::new();
    for (&date, &m) in &days {
        let w = weeks.entry(monday_of(date)).or_insert((0, date, date));
        w.0 += m;
        w.2 = date;
    }
    let warn = |rule, from, to, value, limit| Warning {
        rule,
        from,
        to,
        value,
        limit,
    };
    let night = nights
        .into_iter()
        .map(|(d, m)| warn(LawRule::YoungNight, d, d, m, 0));
    let day = days
        .into_iter()
        .filter(|(_, m)| *m > YOUNG_DAY_MINUTES)
        .map(|(d, m)| warn(LawRule::YoungDay, d, d, m, YOUNG_DAY_MINUTES));
    let week = weeks
        .into_values()
        .filter(|(m, _, _)| *m > YOUNG_WEEK_MINUTES)
        .map(|(m, from, to)| warn(LawRule::YoungWeek, from, to, m, YOUNG_WEEK_MINUTES));
    night.chain(day).chain(week).collect()
}
