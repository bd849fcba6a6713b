//! Oslo time as people type it (dates, date-times in forms, filters, feeds) parsed into stored
//! unix seconds, and back; used by the diary, the dialog's and documents' date filters.
//! All-day activities and tasks span whole Oslo days: `[midnight, next midnight)`.

use time::{
    Date, Duration, OffsetDateTime, PrimitiveDateTime, Time, UtcOffset,
    format_description::well_known::Rfc3339, macros::format_description,
};
use time_tz::{OffsetDateTimeExt, OffsetResult, PrimitiveDateTimeExt, timezones::db::europe::OSLO};

/// `2026-11-28`.
pub fn parse_date(s: &str) -> Option<Date> {
    Date::parse(
        s.trim().get(..10)?,
        format_description!("[year]-[month]-[day]"),
    )
    .ok()
}

/// A day as people type it: `2026-11-28` or `28.11.2026` (also `28.11.26` is not accepted: the
/// year is written in full). Nothing else may follow.
pub fn parse_day(s: &str) -> Option<Date> {
    let s = s.trim();
    if let Some(d) = parse_date(s).filter(|d| date_string(*d) == s) {
        return Some(d);
    }
    let mut parts = s.split('.');
    let (d, m, y) = (parts.next()?, parts.next()?, parts.next()?);
    let digits = |x: &str, lo: usize, hi: usize| {
        (lo..=hi).contains(&x.len()) && x.bytes().all(|b| b.is_ascii_digit())
    };
    if parts.next().is_some() || !digits(d, 1, 2) || !digits(m, 1, 2) || !digits(y, 4, 4) {
        return None;
    }
    let month = time::Month::try_from(m.parse::<u8>().ok()?).ok()?;
    Date::from_calendar_date(y.parse().ok()?, month, d.parse().ok()?).ok()
}

/// A time of day as people type it: `14:00`, `9:30`, `14.00` or `1400` (24-hour).
pub fn parse_clock(s: &str) -> Option<Time> {
    let s = s.trim();
    let (h, m) = match s.split_once([':', '.']) {
        Some(hm) => hm,
        None if s.len() == 4 => s.split_at(2),
        None => return None,
    };
    let ok =
        |x: &str, lo: usize| (lo..=2).contains(&x.len()) && x.bytes().all(|b| b.is_ascii_digit());
    if !ok(h, 1) || !ok(m, 2) {
        return None;
    }
    Time::from_hms(h.parse().ok()?, m.parse().ok()?, 0).ok()
}

/// `14:00`.
pub fn clock_string(t: Time) -> String {
    format!("{:02}:{:02}", t.hour(), t.minute())
}

/// An Oslo day and time of day as unix seconds (see [`oslo_to_unix`]).
pub fn at(date: Date, time: Time) -> i64 {
    oslo_to_unix(PrimitiveDateTime::new(date, time))
}

/// The Oslo day and time of day of an instant.
pub fn oslo_day_and_clock(ts: i64) -> (Date, Time) {
    let t = oslo(ts);
    (t.date(), t.time())
}

/// A sensible start for a new appointment: the next whole quarter of an hour if that is within
/// working hours (a weekday, 07:00 to 16:00, so an hour's meeting ends by 17:00), else 08:00 on
/// the next weekday — never 04:00 or a Sunday.
pub fn next_working_quarter(ts: i64) -> i64 {
    let quarter = (ts / 900 + 1) * 900;
    let (day, clock) = oslo_day_and_clock(quarter);
    let weekday = |d: Date| !matches!(d.weekday(), time::Weekday::Saturday | time::Weekday::Sunday);
    let eight = Time::from_hms(8, 0, 0).unwrap_or(Time::MIDNIGHT);
    let (open, close) = (
        Time::from_hms(7, 0, 0).unwrap_or(Time::MIDNIGHT),
        Time::from_hms(16, 0, 0).unwrap_or(Time::MIDNIGHT),
    );
    if weekday(day) && clock >= open && clock <= close {
        return quarter;
    }
    let mut next = if weekday(day) && clock < open {
        day
    } else {
        day.next_day().unwrap_or(day)
    };
    while !weekday(next) {
        next = next.next_day().unwrap_or(next);
    }
    at(next, eight)
}

/// A follow-up's default start: the next weekday after today, at the time of day of the next
/// whole quarter if that is within working hours (07:00 to 16:00), else at 08:00.
pub fn next_working_day(ts: i64) -> i64 {
    let (today, _) = oslo_day_and_clock(ts);
    let (_, clock) = oslo_day_and_clock((ts / 900 + 1) * 900);
    let weekday = |d: Date| !matches!(d.weekday(), time::Weekday::Saturday | time::Weekday::Sunday);
    let (open, close) = (
        Time::from_hms(7, 0, 0).unwrap_or(Time::MIDNIGHT),
        Time::from_hms(16, 0, 0).unwrap_or(Time::MIDNIGHT),
    );
    let clock = if clock >= open && clock <= close {
        clock
    } else {
        Time::from_hms(8, 0, 0).unwrap_or(Time::MIDNIGHT)
    };
    let mut day = today.next_day().unwrap_or(today);
    while !weekday(day) {
        day = day.next_day().unwrap_or(day);
    }
    at(day, clock)
}

/// An Oslo wall-clock time as unix seconds; in the autumn's repeated hour the first one,
/// in the spring's missing hour the time an hour later.
pub fn oslo_to_unix(dt: PrimitiveDateTime) -> i64 {
    match dt.assume_timezone(OSLO) {
        OffsetResult::Some(t) | OffsetResult::Ambiguous(t, _) => t.unix_timestamp(),
        OffsetResult::None => oslo_to_unix(dt + Duration::hours(1)) - 3600,
    }
}

/// Midnight at the start of an Oslo day.
pub fn day_start(date: Date) -> i64 {
    oslo_to_unix(PrimitiveDateTime::new(date, Time::MIDNIGHT))
}

/// Parses `2026-11-28T14:00`, `2026-11-28 14:00` (Oslo time) or RFC 3339 with an offset.
pub fn parse_datetime(s: &str) -> Option<i64> {
    let s = s.trim();
    if let Ok(t) = OffsetDateTime::parse(s, &Rfc3339) {
        return Some(t.unix_timestamp());
    }
    let date = parse_date(s)?;
    let rest = s.get(10..)?.trim_start_matches(['T', ' ']);
    let hm = rest.get(..5)?;
    let time = Time::parse(hm, format_description!("[hour]:[minute]")).ok()?;
    Some(oslo_to_unix(PrimitiveDateTime::new(date, time)))
}

fn oslo(ts: i64) -> OffsetDateTime {
    OffsetDateTime::from_unix_timestamp(ts)
        .unwrap_or(OffsetDateTime::UNIX_EPOCH)
        .to_timezone(OSLO)
}

/// The Oslo calendar date of an instant.
pub fn oslo_date(ts: i64) -> Date {
    oslo(ts).date()
}

/// `2026-11-28`.
pub fn date_string(date: Date) -> String {
    date.format(format_description!("[year]-[month]-[day]"))
        .unwrap_or_default()
}

/// `2026-11-28T14:00` in Oslo time, as `<input type="datetime-local">` wants it.
pub fn input_datetime(ts: i64) -> String {
    oslo(ts)
        .format(format_description!("[year]-[month]-[day]T[hour]:[minute]"))
        .unwrap_or_default()
}

/// `2026-11-28T14:00:00+01:00`: Oslo time with its offset (for the calendar in the browser).
pub fn iso_oslo(ts: i64) -> String {
    oslo(ts).format(&Rfc3339).unwrap_or_default()
}

/// `20261128T140000` in Oslo time, for `DTSTART;TZID=Europe/Oslo:`.
pub fn ical_local(ts: i64) -> String {
    oslo(ts)
        .format(format_description!(
            "[year][month][day]T[hour][minute][second]"
        ))
        .unwrap_or_default()
}

/// `20261128T130000Z`.
pub fn ical_utc(ts: i64) -> String {
    OffsetDateTime::from_unix_timestamp(ts)
        .unwrap_or(OffsetDateTime::UNIX_EPOCH)
        .to_offset(UtcOffset::UTC)
        .format(format_description!(
            "[year][month][day]T[hour][minute][second]Z"
        ))
        .unwrap_or_default()
}

/// `20261128`.
pub fn ical_date(date: Date) -> String {
    date.format(format_description!("[year][month][day]"))
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clocks_are_read_as_people_type_them() {
        let hm = |s: &str| parse_clock(s).map(clock_string);
        assert_eq!(hm("14:00").as_deref(), Some("14:00"));
        assert_eq!(hm(" 9:30 ").as_deref(), Some("09:30"));
        assert_eq!(hm("14.15").as_deref(), Some("14:15"));
        assert_eq!(hm("0745").as_deref(), Some("07:45"));
        for bad in [
            "", "24:00", "12:60", "12:5", "1:2:3", "12", "kl 12", "12:00pm", "-1:00",
        ] {
            assert_eq!(parse_clock(bad), None, "{bad}");
        }
    }

    /// A moment on Oslo's wall clock.
    fn wall(y: i32, m: u8, d: u8, h: u8, min: u8) -> i64 {
        at(
            Date::from_calendar_date(y, time::Month::try_from(m).unwrap(), d).unwrap(),
            Time::from_hms(h, min, 0).unwrap(),
        )
    }

    #[test]
    fn a_follow_up_starts_the_next_weekday_at_the_next_quarter_within_working_hours() {
        // Thursday 3 December 2026 → Friday, same quarter; Friday → Monday.
        assert_eq!(
            next_working_day(wall(2026, 12, 3, 10, 7)),
            wall(2026, 12, 4, 10, 15)
        );
        assert_eq!(
            next_working_day(wall(2026, 12, 4, 14, 0)),
            wall(2026, 12, 7, 14, 15)
        );
        // Outside working hours: eight on the next weekday; from a Sunday, Monday.
        assert_eq!(
            next_working_day(wall(2026, 12, 3, 18, 30)),
            wall(2026, 12, 4, 8, 0)
        );
        assert_eq!(
            next_working_day(wall(2026, 12, 6, 11, 0)),
            wall(2026, 12, 7, 11, 15)
        );
    }

    #[test]
    fn a_new_appointment_starts_at_the_next_quarter_within_working_hours() {
        // Thursday 3 December 2026.
        assert_eq!(
            next_working_quarter(wall(2026, 12, 3, 10, 7)),
            wall(2026, 12, 3, 10, 15)
        );
        assert_eq!(
            next_working_quarter(wall(2026, 12, 3, 10, 0)),
            wall(2026, 12, 3, 10, 15)
        );
        assert_eq!(
            next_working_quarter(wall(2026, 12, 3, 15, 50)),
            wall(2026, 12, 3, 16, 0)
        );
        // Too early: eight the same morning; too late: eight the next weekday.
        assert_eq!(
            next_working_quarter(wall(2026, 12, 3, 4, 0)),
            wall(2026, 12, 3, 8, 0)
        );
        assert_eq!(
            next_working_quarter(wall(2026, 12, 3, 16, 5)),
            wall(2026, 12, 4, 8, 0)
        );
        // Friday evening and the weekend: Monday at eight.
        assert_eq!(
            next_working_quarter(wall(2026, 12, 4, 18, 0)),
            wall(2026, 12, 7, 8, 0)
        );
        assert_eq!(
            next_working_quarter(wall(2026, 12, 6, 11, 0)),
            wall(2026, 12, 7, 8, 0)
        );
        // Summer time: still Oslo's wall clock.
        assert_eq!(
            next_working_quarter(wall(2027, 6, 2, 9, 1)),
            wall(2027, 6, 2, 9, 15)
        );
    }

    #[test]
    fn reads_a_day_as_typed_in_either_form() {
        let d = time::macros::date!(2026 - 12 - 28);
        assert_eq!(parse_day("2026-12-28"), Some(d));
        assert_eq!(parse_day(" 28.12.2026 "), Some(d));
        assert_eq!(
            parse_day("1.2.2027"),
            Some(time::macros::date!(2027 - 02 - 01))
        );
        for bad in [
            "28.12.26",
            "2026-12-28x",
            "31.02.2027",
            "28.12.2026.",
            "28/12/2026",
            "",
        ] {
            assert_eq!(parse_day(bad), None, "{bad}");
        }
    }

    #[test]
    fn reads_oslo_wall_clock_time_in_winter_and_summer() {
        assert_eq!(parse_datetime("2026-01-15T13:00"), Some(1_768_478_400));
        assert_eq!(parse_datetime("2026-07-15 14:00"), Some(1_784_116_800));
        assert_eq!(parse_datetime("2026-07-15T12:00:00Z"), Some(1_784_116_800));
        assert_eq!(input_datetime(1_784_116_800), "2026-07-15T14:00");
        assert_eq!(ical_local(1_784_116_800), "20260715T140000");
        assert_eq!(ical_utc(1_784_116_800), "20260715T120000Z");
        assert_eq!(parse_datetime("15.07.2026"), None);
    }

    #[test]
    fn days_are_oslo_days() {
        let d = parse_date("2026-03-29").unwrap();
        // The spring change: that Sunday is 23 hours long.
        assert_eq!(day_start(d.next_day().unwrap()) - day_start(d), 23 * 3600);
        assert_eq!(oslo_date(day_start(d)), d);
    }
}
