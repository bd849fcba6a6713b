//! Time in one place: stored as unix seconds (UTC), shown in Europe/Oslo.

pub mod when;

use time::{OffsetDateTime, macros::format_description};
use time_tz::{OffsetDateTimeExt, timezones::db::europe::OSLO};

/// Now, as stored in the database.
pub fn now() -> i64 {
    OffsetDateTime::now_utc().unix_timestamp()
}

/// `28.11.2026 14:05`, in Oslo time.
pub fn oslo_datetime(ts: i64) -> String {
    let Ok(utc) = OffsetDateTime::from_unix_timestamp(ts) else {
        return String::new();
    };
    let local = utc.to_timezone(OSLO);
    local
        .format(format_description!("[day].[month].[year] [hour]:[minute]"))
        .unwrap_or_default()
}

/// `28.11.2026 14:05:09 +01:00`: Oslo time to the second, with its offset, so that the hour
/// the clocks go back is not ambiguous (the security log, ASVS V16.2.2).
pub fn oslo_datetime_offset(ts: i64) -> String {
    let Ok(utc) = OffsetDateTime::from_unix_timestamp(ts) else {
        return String::new();
    };
    utc.to_timezone(OSLO)
        .format(format_description!(
            "[day].[month].[year] [hour]:[minute]:[second] [offset_hour sign:mandatory]:[offset_minute]"
        ))
        .unwrap_or_default()
}

/// `28.11.2026`, in Oslo time.
pub fn oslo_date(ts: i64) -> String {
    let Ok(utc) = OffsetDateTime::from_unix_timestamp(ts) else {
        return String::new();
    };
    utc.to_timezone(OSLO)
        .format(format_description!("[day].[month].[year]"))
        .unwrap_or_default()
}

/// Minutes as hours the way people here write them, one decimal: `2250` → `37,5`.
pub fn hours_text(minutes: i64) -> String {
    format!("{:.1}", minutes as f64 / 60.0).replace('.', ",")
}

/// A period of dates (`YYYY-MM-DD`) as shown: `04.01.2027 – 30.06.2027`, or the
/// `open_ended` text with `$from` when there is no end.
pub fn period_text(
    lang: crate::i18n::Lang,
    from: &str,
    to: Option<&str>,
    open_ended: &str,
) -> String {
    let d = |s: &str| when::parse_date(s).map(date_text).unwrap_or_default();
    match to {
        Some(to) => format!("{} – {}", d(from), d(to)),
        None => lang.t_with(open_ended, &[("from", d(from))]),
    }
}

/// A calendar date as people here write it: `28.11.2026`.
pub fn date_text(date: time::Date) -> String {
    date.format(format_description!("[day].[month].[year]"))
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shows_oslo_time_in_winter_and_summer() {
        // 2026-01-15 12:00 UTC is 13:00 in Oslo (CET); 2026-07-15 12:00 UTC is 14:00 (CEST).
        assert_eq!(oslo_datetime(1_768_478_400), "15.01.2026 13:00");
        assert_eq!(oslo_datetime(1_784_116_800), "15.07.2026 14:00");
        assert_eq!(oslo_date(1_784_116_800), "15.07.2026");
    }
}
