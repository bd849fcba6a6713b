//! The sheet periods of an assignment: one per ISO week, split at a month's end, so each period
//! lies in one month (a month can be invoiced alone) and one ISO week (the week's overtime can be
//! computed across its two parts, see [`super::split`]).

use time::{Date, Duration};

/// The days of one timesheet, `start` to `end`, both included.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Period {
    pub start: Date,
    pub end: Date,
}

impl Period {
    /// The ISO week the period lies in: (ISO year, week number). 2026-12-28 … 2027-01-03 is
    /// 2026-W53, both parts of it.
    pub fn iso_week(&self) -> (i32, u8) {
        let (year, week, _) = self.start.to_iso_week_date();
        (year, week)
    }

    /// The Monday of the period's ISO week (may lie before `start` in a split week).
    pub fn week_monday(&self) -> Date {
        monday_of(self.start)
    }

    /// Whether the ISO week lies in two months, so the sheet may have a sibling part (whose
    /// minutes [`super::split::split_sheet`] takes). A week merely clipped by the assignment's
    /// dates is not split.
    pub fn is_split(&self) -> bool {
        let monday = self.week_monday();
        monday.month() != (monday + Duration::days(6)).month()
    }

    pub fn contains(&self, date: Date) -> bool {
        (self.start..=self.end).contains(&date)
    }

    /// The days in order.
    pub fn days(&self) -> impl Iterator<Item = Date> + '_ {
        let mut next = Some(self.start);
        std::iter::from_fn(move || {
            let day = next.filter(|d| *d <= self.end)?;
            next = day.next_day();
            Some(day)
        })
    }
}

/// The Monday of `date`'s ISO week.
pub fn monday_of(date: Date) -> Date {
    date - Duration::days(i64::from(date.weekday().number_days_from_monday()))
}

fn last_of_month(date: Date) -> Date {
    date.replace_day(date.month().length(date.year()))
        .expect("the month's last day exists")
}

/// The month `date` lies in, first to last day.
pub fn month_of(date: Date) -> Period {
    Period {
        start: date.replace_day(1).expect("day 1 exists"),
        end: last_of_month(date),
    }
}

/// The periods of a month's weeks (split at its ends) that an assignment running `from` to `to`
/// works in.
pub fn periods_in_month(from: Date, to: Option<Date>, month: &Period) -> Vec<Period> {
    periods(from.max(month.start), to, month.end)
}

/// The periods of an assignment running `from` to `to` (both included; `None`: open), up to
/// `until` (the last day sheets are wanted for, e.g. the end of this month). Empty when the
/// assignment starts after `until` or ends before it starts.
pub fn periods(from: Date, to: Option<Date>, until: Date) -> Vec<Period> {
    let end = to.map_or(until, |t| t.min(until));
    let mut out = Vec::new();
    let mut day = from;
    while day <= end {
        let sunday = monday_of(day) + Duration::days(6);
        let stop = sunday.min(last_of_month(day)).min(end);
        out.push(Period {
            start: day,
            end: stop,
        });
        match stop.next_day() {
            Some(next) => day = next,
            None => break,
        }
    }
    out
}

/// The period of the assignment containing `date`, if the assignment runs that day.
pub fn period_of(from: Date, to: Option<Date>, date: Date) -> Option<Period> {
    if date < from || to.is_some_and(|t| date > t) {
        return None;
    }
    let start = monday_of(date)
        .max(from)
        .max(date.replace_day(1).expect("day 1 exists"));
    periods(start, to, monday_of(date) + Duration::days(6))
        .into_iter()
        .find(|p| p.contains(date))
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    fn p(start: Date, end: Date) -> Period {
        Period { start, end }
    }

    #[test]
    fn week_53_at_the_turn_of_the_year_is_split_into_two_months() {
        let got = periods(date!(2026 - 12 - 21), None, date!(2027 - 01 - 10));
        assert_eq!(
            got,
            vec![
                p(date!(2026 - 12 - 21), date!(2026 - 12 - 27)),
                p(date!(2026 - 12 - 28), date!(2026 - 12 - 31)),
                p(date!(2027 - 01 - 01), date!(2027 - 01 - 03)),
                p(date!(2027 - 01 - 04), date!(2027 - 01 - 10)),
            ]
        );
        assert_eq!(got[1].iso_week(), (2026, 53));
        assert_eq!(got[2].iso_week(), (2026, 53));
        assert_eq!(got[2].week_monday(), date!(2026 - 12 - 28));
        assert!(got[1].is_split() && got[2].is_split());
        assert!(!got[0].is_split());
        assert_eq!(got[3].iso_week(), (2027, 1));
    }

    #[test]
    fn a_week_is_split_inside_at_a_months_end() {
        // Wednesday 30 September 2026: W40 runs 28 September … 4 October.
        let got = periods(date!(2026 - 09 - 28), None, date!(2026 - 10 - 04));
        assert_eq!(
            got,
            vec![
                p(date!(2026 - 09 - 28), date!(2026 - 09 - 30)),
                p(date!(2026 - 10 - 01), date!(2026 - 10 - 04)),
            ]
        );
        assert_eq!(got[0].days().count() + got[1].days().count(), 7);
        // A week ending on a month's last day is not split: 2026-05-25 … 05-31.
        let may = periods(date!(2026 - 05 - 25), None, date!(2026 - 05 - 31));
        assert_eq!(may, vec![p(date!(2026 - 05 - 25), date!(2026 - 05 - 31))]);
    }

    #[test]
    fn clipped_to_the_assignment_and_the_given_date() {
        // From a Thursday to the next Tuesday.
        let got = periods(
            date!(2026 - 12 - 03),
            Some(date!(2026 - 12 - 08)),
            date!(2027 - 06 - 30),
        );
        assert_eq!(
            got,
            vec![
                p(date!(2026 - 12 - 03), date!(2026 - 12 - 06)),
                p(date!(2026 - 12 - 07), date!(2026 - 12 - 08)),
            ]
        );
        // An end after `until` stops at `until`; an open end too.
        let got = periods(
            date!(2026 - 12 - 03),
            Some(date!(2027 - 01 - 31)),
            date!(2026 - 12 - 09),
        );
        assert_eq!(got.last().unwrap().end, date!(2026 - 12 - 09));
        // A week clipped by the assignment (from Thursday 10 December) is not split.
        assert!(!periods(date!(2026 - 12 - 10), None, date!(2026 - 12 - 13))[0].is_split());
        assert!(periods(date!(2026 - 12 - 10), None, date!(2026 - 12 - 09)).is_empty());
        assert!(
            periods(
                date!(2026 - 12 - 10),
                Some(date!(2026 - 12 - 01)),
                date!(2027 - 01 - 01)
            )
            .is_empty()
        );
        // One day.
        assert_eq!(
            periods(
                date!(2026 - 12 - 10),
                Some(date!(2026 - 12 - 10)),
                date!(2027 - 01 - 01)
            ),
            vec![p(date!(2026 - 12 - 10), date!(2026 - 12 - 10))]
        );
    }

    #[test]
    fn the_period_of_a_date() {
        let from = date!(2026 - 12 - 02);
        assert_eq!(
            period_of(from, None, date!(2027 - 01 - 02)),
            Some(p(date!(2027 - 01 - 01), date!(2027 - 01 - 03)))
        );
        assert_eq!(
            period_of(from, None, date!(2026 - 12 - 03)),
            Some(p(date!(2026 - 12 - 02), date!(2026 - 12 - 06)))
        );
        assert_eq!(
            period_of(from, Some(date!(2026 - 12 - 29)), date!(2026 - 12 - 28)),
            Some(p(date!(2026 - 12 - 28), date!(2026 - 12 - 29)))
        );
        assert_eq!(period_of(from, None, date!(2026 - 12 - 01)), None);
    }
}
