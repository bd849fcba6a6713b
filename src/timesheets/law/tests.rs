use time::macros::date;

use super::*;
use crate::timesheets::line::LineDraft;

/// One line's interval: `date` (`2026-12-01`), `start`–`end`, break minutes.
fn iv(date: Date, start: &str, end: &str, brk: u16) -> WorkInterval {
    LineDraft {
        work_date: crate::timefmt::when::date_string(date),
        start: start.into(),
        end: end.into(),
        break_minutes: brk.to_string(),
        comment: String::new(),
    }
    .validate(None)
    .unwrap()
    .interval()
}

/// Days `first`, `first + 1`, … (`count` of them) with the same hours.
fn days(first: Date, count: i64, start: &str, end: &str, brk: u16) -> Vec<WorkInterval> {
    (0..count)
        .map(|k| iv(first + Duration::days(k), start, end, brk))
        .collect()
}

fn of(rule: LawRule, ivs: &[WorkInterval]) -> Vec<Warning> {
    of_young(rule, ivs, None)
}

fn of_young(rule: LawRule, ivs: &[WorkInterval], born: Option<Date>) -> Vec<Warning> {
    check(ivs, OvertimeLimits::new(false), born)
        .into_iter()
        .filter(|w| w.rule == rule)
        .collect()
}

const MONDAY: Date = date!(2026 - 11 - 30);

#[test]
fn an_ordinary_working_life_gives_no_warnings() {
    let mut ivs = Vec::new();
    for week in 0..8 {
        ivs.extend(days(
            MONDAY + Duration::weeks(week),
            5,
            "08:00",
            "16:00",
            30,
        ));
    }
    assert_eq!(
        check(
            &ivs,
            OvertimeLimits::new(false),
            Some(date!(1990 - 01 - 01))
        ),
        vec![]
    );
}

#[test]
fn overtime_in_7_days_at_its_edge() {
    // Four days of 11.5 hours: 2.5 hours beyond 9 each, 10 hours in all.
    let mut ivs = days(MONDAY, 4, "06:00", "18:00", 30);
    assert_eq!(of(LawRule::Overtime7Days, &ivs), vec![]);
    ivs[3] = iv(MONDAY + Duration::days(3), "06:00", "18:01", 30);
    assert_eq!(
        of(LawRule::Overtime7Days, &ivs),
        vec![Warning {
            rule: LawRule::Overtime7Days,
            from: MONDAY,
            to: date!(2026 - 12 - 03),
            value: 601,
            limit: 600,
        }]
    );
    // With an agreement the limit is 20 hours.
    let agreed = check(&ivs, OvertimeLimits::new(true), None);
    assert!(agreed.iter().all(|w| w.rule != LawRule::Overtime7Days));
}

#[test]
fn overtime_in_4_weeks_at_its_edge() {
    // Four weeks of five 9.25-hour days: 46.25 hours, 6.25 beyond 40 a week, 25 in all.
    let mut ivs = Vec::new();
    for week in 0..4 {
        ivs.extend(days(
            MONDAY + Duration::weeks(week),
            5,
            "07:00",
            "16:45",
            30,
        ));
    }
    assert_eq!(of(LawRule::Overtime4Weeks, &ivs), vec![]);
    assert_eq!(of(LawRule::Overtime7Days, &ivs), vec![]);
    ivs[19] = iv(MONDAY + Duration::days(25), "07:00", "16:46", 30);
    let got = of(LawRule::Overtime4Weeks, &ivs);
    assert_eq!(got.len(), 1);
    assert_eq!((got[0].value, got[0].limit), (1501, 1500));
    assert_eq!(got[0].to, MONDAY + Duration::days(25));
}

#[test]
fn overtime_in_52_weeks_counts_364_days() {
    let mut per_day = BTreeMap::from([(MONDAY, 6000), (MONDAY + Duration::days(363), 6000)]);
    assert_eq!(
        over_days(&per_day, LawRule::Overtime52Weeks, 364, 12_000),
        vec![]
    );
    per_day.insert(MONDAY + Duration::days(363), 6001);
    assert_eq!(
        over_days(&per_day, LawRule::Overtime52Weeks, 364, 12_000).len(),
        1
    );
    // A day later the first day has left the window.
    let apart = BTreeMap::from([(MONDAY, 6000), (MONDAY + Duration::days(364), 6001)]);
    assert_eq!(
        over_days(&apart, LawRule::Overtime52Weeks, 364, 12_000),
        vec![]
    );
}

#[test]
fn working_time_over_13_hours_in_24() {
    assert_eq!(
        of(LawRule::Work24Hours, &[iv(MONDAY, "06:00", "19:30", 30)]),
        vec![]
    );
    let got = of(LawRule::Work24Hours, &[iv(MONDAY, "06:00", "19:31", 30)]);
    assert_eq!(
        (got[0].value, got[0].from, got[0].to),
        (781, MONDAY, MONDAY)
    );
    // Across midnight: 12:00–18:30 and 05:30–12:00 the next day are 13 hours in 24.
    let tuesday = MONDAY + Duration::days(1);
    let two = [
        iv(MONDAY, "12:00", "18:30", 0),
        iv(tuesday, "05:30", "12:00", 0),
    ];
    assert_eq!(of(LawRule::Work24Hours, &two), vec![]);
    let two = [
        iv(MONDAY, "12:00", "18:30", 0),
        iv(tuesday, "05:29", "12:00", 0),
    ];
    let got = of(LawRule::Work24Hours, &two);
    assert_eq!(
        (got[0].value, got[0].from, got[0].to),
        (781, MONDAY, tuesday)
    );
}

#[test]
fn working_time_over_48_hours_in_7_days() {
    let mut ivs = days(MONDAY, 6, "08:00", "16:30", 30);
    assert_eq!(of(LawRule::Work7Days, &ivs), vec![]);
    ivs[5] = iv(MONDAY + Duration::days(5), "08:00", "16:31", 30);
    let got = of(LawRule::Work7Days, &ivs);
    assert_eq!(got.len(), 1);
    assert_eq!((got[0].value, got[0].limit), (48 * 60 + 1, 48 * 60));
}

#[test]
fn daily_rest_under_11_hours() {
    let tuesday = MONDAY + Duration::days(1);
    let ok = [
        iv(MONDAY, "08:00", "16:00", 30),
        iv(tuesday, "03:00", "07:00", 0),
    ];
    assert_eq!(of(LawRule::DailyRest, &ok), vec![]);
    let short = [
        iv(MONDAY, "08:00", "16:00", 30),
        iv(tuesday, "02:59", "07:00", 0),
    ];
    let got = of(LawRule::DailyRest, &short);
    assert_eq!(got.len(), 1);
    assert_eq!(
        (got[0].value, got[0].limit, got[0].from),
        (659, 660, MONDAY)
    );
}

#[test]
fn weekly_rest_under_35_hours() {
    // Monday–Friday 08–16, then Sunday from 03:00: Friday 16:00 to Sunday 03:00 is 35 hours.
    let sunday = MONDAY + Duration::days(6);
    let mut ivs = days(MONDAY, 5, "08:00", "16:00", 30);
    ivs.push(iv(sunday, "03:00", "11:00", 30));
    assert_eq!(of(LawRule::WeeklyRest, &ivs), vec![]);
    ivs[5] = iv(sunday, "02:59", "11:00", 30);
    let got = of(LawRule::WeeklyRest, &ivs);
    assert_eq!(got.len(), 1);
    assert_eq!((got[0].value, got[0].limit), (35 * 60 - 1, 35 * 60));
    assert_eq!((got[0].from, got[0].to), (MONDAY, sunday));
}

#[test]
fn breaks_over_5_5_and_8_hours() {
    assert_eq!(
        of(LawRule::NoBreak, &[iv(MONDAY, "08:00", "13:30", 0)]),
        vec![]
    );
    let got = of(LawRule::NoBreak, &[iv(MONDAY, "08:00", "13:31", 0)]);
    assert_eq!((got[0].value, got[0].limit), (331, 330));
    assert_eq!(
        of(LawRule::ShortBreak, &[iv(MONDAY, "08:00", "16:31", 30)]),
        vec![]
    );
    let got = of(LawRule::ShortBreak, &[iv(MONDAY, "08:00", "16:31", 29)]);
    assert_eq!((got[0].value, got[0].limit), (29, 30));
    // A gap between two lines of the day is a break.
    let split = [
        iv(MONDAY, "08:00", "12:00", 0),
        iv(MONDAY, "12:30", "17:00", 0),
    ];
    assert!(check(&split, OvertimeLimits::new(false), None).is_empty());
}

#[test]
fn a_young_worker_at_night_and_beyond_8_and_40_hours() {
    let born = Some(date!(2009 - 06 - 15)); // 17 in December 2026
    assert_eq!(
        of_young(
            LawRule::YoungNight,
            &[iv(MONDAY, "13:00", "21:00", 30)],
            born
        ),
        vec![]
    );
    let got = of_young(
        LawRule::YoungNight,
        &[iv(MONDAY, "13:00", "21:01", 30)],
        born,
    );
    assert_eq!((got[0].value, got[0].from), (1, MONDAY));
    assert_eq!(
        of_young(
            LawRule::YoungNight,
            &[iv(MONDAY, "06:00", "12:00", 0)],
            born
        ),
        vec![]
    );
    assert_eq!(
        of_young(
            LawRule::YoungNight,
            &[iv(MONDAY, "05:59", "12:00", 0)],
            born
        )
        .len(),
        1
    );
    // Adults are not asked, and neither is anyone whose birth date is unknown.
    assert_eq!(
        of_young(
            LawRule::YoungNight,
            &[iv(MONDAY, "13:00", "23:00", 30)],
            None
        ),
        vec![]
    );
    let week = days(MONDAY, 5, "08:00", "16:30", 30);
    assert_eq!(of_young(LawRule::YoungDay, &week, born), vec![]);
    assert_eq!(of_young(LawRule::YoungWeek, &week, born), vec![]);
    let mut long = week.clone();
    long[2] = iv(MONDAY + Duration::days(2), "08:00", "16:31", 30);
    assert_eq!(of_young(LawRule::YoungDay, &long, born).len(), 1);
    let got = of_young(LawRule::YoungWeek, &long, born);
    assert_eq!(
        (got[0].value, got[0].from, got[0].to),
        (2401, MONDAY, date!(2026 - 12 - 04))
    );
    // 18 on Tuesday 1 December 2026: Monday night is the last young one.
    let born = Some(date!(2008 - 12 - 01));
    let nights = [
        iv(MONDAY, "20:00", "23:00", 0),
        iv(MONDAY + Duration::days(1), "20:00", "23:00", 0),
    ];
    let got = of_young(LawRule::YoungNight, &nights, born);
    assert_eq!(got.iter().map(|w| w.from).collect::<Vec<_>>(), vec![MONDAY]);
    assert_eq!(
        rest::eighteenth_birthday(date!(2008 - 02 - 29)),
        date!(2026 - 03 - 01)
    );
}

#[test]
fn each_rule_has_a_key_and_a_section() {
    assert_eq!(LawRule::DailyRest.key(), "timesheet-law-daily-rest");
    assert_eq!(LawRule::Work7Days.section(), "§ 10-6 (8)");
}
