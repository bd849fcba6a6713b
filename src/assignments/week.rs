//! The agreed working time of an assignment: a standard week (which weekdays, from–to, break)
//! and the planned hours it gives over a period, public holidays left out.

use serde::{Deserialize, Serialize};
use time::{Date, Duration, Weekday};

use crate::norway::holidays::is_public_holiday;

/// One working day: start and end as minutes after midnight (end after start; night shifts over
/// midnight are planned as shifts, not as a standard week), and the unpaid break in minutes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Shift {
    pub start: u16,
    pub end: u16,
    pub break_minutes: u16,
}

impl Shift {
    pub fn minutes(&self) -> i64 {
        (i64::from(self.end) - i64::from(self.start) - i64::from(self.break_minutes)).max(0)
    }
}

/// Monday first.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct StandardWeek {
    pub days: [Option<Shift>; 7],
}

impl StandardWeek {
    /// The common one: Monday to Friday, the same hours each day.
    pub fn weekdays(shift: Shift) -> Self {
        let mut days = [None; 7];
        for d in days.iter_mut().take(5) {
            *d = Some(shift);
        }
        Self { days }
    }

    pub fn shift_on(&self, day: Weekday) -> Option<Shift> {
        self.days[usize::from(day.number_days_from_monday())]
    }

    pub fn minutes_per_week(&self) -> i64 {
        self.days.iter().flatten().map(Shift::minutes).sum()
    }
}

/// Planned working minutes from `from` to `to`, both included: the standard week's minutes on
/// each day that is not a public holiday.
pub fn planned_minutes(week: &StandardWeek, from: Date, to: Date) -> i64 {
    let mut total = 0;
    let mut day = from;
    while day <= to {
        if let Some(shift) = week.shift_on(day.weekday())
            && !is_public_holiday(day)
        {
            total += shift.minutes();
        }
        day += Duration::days(1);
    }
    total
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    fn office() -> StandardWeek {
        StandardWeek::weekdays(Shift {
            start: 7 * 60 + 30,
            end: 15 * 60 + 30,
            break_minutes: 30,
        })
    }

    #[test]
    fn a_standard_week_is_37_and_a_half_hours() {
        assert_eq!(office().minutes_per_week(), 37 * 60 + 30);
    }

    #[test]
    fn easter_week_has_fewer_hours() {
        // 2026: Maundy Thursday 2 April, Good Friday 3 April, Easter Monday 6 April.
        let easter_weeks = planned_minutes(&office(), date!(2026 - 03 - 30), date!(2026 - 04 - 12));
        // Mon–Wed of the first week, Tue–Fri of the second: seven days of 7.5 hours.
        assert_eq!(easter_weeks, 7 * 450);
    }
}
