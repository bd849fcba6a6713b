//! Norwegian public holidays (helligdager og høytidsdager): the fixed ones, and the ones that
//! move with Easter. Sundays are days off too, but they are not listed here: a caller that
//! needs "a day with the public-holiday allowance" asks [`is_public_holiday`] or checks the
//! weekday itself.

use time::{Date, Duration, Month};

/// What a holiday is; [`Holiday::key`] names it in the user's language.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Holiday {
    NewYearsDay,
    MaundyThursday,
    GoodFriday,
    EasterSunday,
    EasterMonday,
    LabourDay,
    ConstitutionDay,
    AscensionDay,
    WhitSunday,
    WhitMonday,
    ChristmasDay,
    BoxingDay,
}

impl Holiday {
    pub fn key(self) -> &'static str {
        match self {
            Holiday::NewYearsDay => "holiday-new-years-day",
            Holiday::MaundyThursday => "holiday-maundy-thursday",
            Holiday::GoodFriday => "holiday-good-friday",
            Holiday::EasterSunday => "holiday-easter-sunday",
            Holiday::EasterMonday => "holiday-easter-monday",
            Holiday::LabourDay => "holiday-labour-day",
            Holiday::ConstitutionDay => "holiday-constitution-day",
            Holiday::AscensionDay => "holiday-ascension-day",
            Holiday::WhitSunday => "holiday-whit-sunday",
            Holiday::WhitMonday => "holiday-whit-monday",
            Holiday::ChristmasDay => "holiday-christmas-day",
            Holiday::BoxingDay => "holiday-boxing-day",
        }
    }
}

/// Easter Sunday in the Gregorian calendar (the anonymous Gregorian algorithm, "Meeus/Jones/
/// Butcher"), valid for every year the `time` crate can hold from 1583 on.
pub fn easter_sunday(year: i32) -> Date {
    let a = year.rem_euclid(19);
    let b = year.div_euclid(100);
    let c = year.rem_euclid(100);
    let d = b / 4;
    let e = b % 4;
    let f = (b + 8) / 25;
    let g = (b - f + 1) / 3;
    let h = (19 * a + b - d - g + 15) % 30;
    let i = c / 4;
    let k = c % 4;
    let l = (32 + 2 * e + 2 * i - h - k) % 7;
    let m = (a + 11 * h + 22 * l) / 451;
    let month = (h + l - 7 * m + 114) / 31;
    let day = (h + l - 7 * m + 114) % 31 + 1;
    let month = if month == 3 {
        Month::March
    } else {
        Month::April
    };
    Date::from_calendar_date(year, month, day as u8).expect("Easter is a real date")
}

/// The year's public holidays in date order.
pub fn public_holidays(year: i32) -> Vec<(Date, Holiday)> {
    let fixed = |month, day| Date::from_calendar_date(year, month, day).expect("fixed date");
    let easter = easter_sunday(year);
    let from_easter = |days: i64| easter + Duration::days(days);
    let mut days = vec![
        (fixed(Month::January, 1), Holiday::NewYearsDay),
        (from_easter(-3), Holiday::MaundyThursday),
        (from_easter(-2), Holiday::GoodFriday),
        (easter, Holiday::EasterSunday),
        (from_easter(1), Holiday::EasterMonday),
        (fixed(Month::May, 1), Holiday::LabourDay),
        (fixed(Month::May, 17), Holiday::ConstitutionDay),
        (from_easter(39), Holiday::AscensionDay),
        (from_easter(49), Holiday::WhitSunday),
        (from_easter(50), Holiday::WhitMonday),
        (fixed(Month::December, 25), Holiday::ChristmasDay),
        (fixed(Month::December, 26), Holiday::BoxingDay),
    ];
    // Ascension Day can fall on 1 or 17 May; both stay listed, once each by date order.
    days.sort_by_key(|(d, _)| *d);
    days
}

/// The holiday on `date`, if any.
pub fn holiday_on(date: Date) -> Option<Holiday> {
    public_holidays(date.year())
        .into_iter()
        .find(|(d, _)| *d == date)
        .map(|(_, h)| h)
}

pub fn is_public_holiday(date: Date) -> bool {
    holiday_on(date).is_some()
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    #[test]
    fn easter_in_known_years() {
        // From the Norwegian almanac (Almanakk for Norge).
        assert_eq!(easter_sunday(2024), date!(2024 - 03 - 31));
        assert_eq!(easter_sunday(2025), date!(2025 - 04 - 20));
        assert_eq!(easter_sunday(2026), date!(2026 - 04 - 05));
        assert_eq!(easter_sunday(2027), date!(2027 - 03 - 28));
        assert_eq!(easter_sunday(2038), date!(2038 - 04 - 25)); // the latest possible
        assert_eq!(easter_sunday(2285), date!(2285 - 03 - 22)); // the earliest possible
    }

    #[test]
    fn twelve_holidays_a_year_and_the_moving_ones_follow_easter() {
        let days = public_holidays(2026);
        assert_eq!(days.len(), 12);
        assert_eq!(
            holiday_on(date!(2026 - 04 - 02)),
            Some(Holiday::MaundyThursday)
        );
        assert_eq!(
            holiday_on(date!(2026 - 05 - 14)),
            Some(Holiday::AscensionDay)
        );
        assert_eq!(holiday_on(date!(2026 - 05 - 25)), Some(Holiday::WhitMonday));
        assert_eq!(holiday_on(date!(2026 - 12 - 24)), None); // Christmas Eve is not one
        assert!(!is_public_holiday(date!(2026 - 04 - 04))); // Easter Saturday is not one
    }

    #[test]
    fn ascension_day_can_share_a_date_with_may_day() {
        // 2008: Easter on 23 March, so Ascension Day on 1 May.
        let days = public_holidays(2008);
        let on_may_day: Vec<_> = days
            .iter()
            .filter(|(d, _)| *d == date!(2008 - 05 - 01))
            .collect();
        assert_eq!(on_may_day.len(), 2);
    }
}
