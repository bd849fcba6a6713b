use time::macros::date;

use super::*;
use crate::assignments::week::Shift;
use crate::timesheets::line::LineDraft;

fn rates() -> Vec<OvertimeRate> {
    vec![
        OvertimeRate {
            percent: 50,
            bill_ore: 90_000,
            pay_ore: 45_000,
        },
        OvertimeRate {
            percent: 100,
            bill_ore: 120_000,
            pay_ore: 60_000,
        },
    ]
}

/// Monday–Friday, `start`–`end` with a 30-minute break, and the agreed week in hours.
fn agreement(start: u16, end: u16, week_hours_tenths: i64) -> Agreement {
    Agreement {
        week: StandardWeek::weekdays(Shift {
            start,
            end,
            break_minutes: 30,
        }),
        week_minutes: week_hours_tenths * 6,
        overtime: rates(),
    }
}

fn office_375() -> Agreement {
    agreement(7 * 60 + 30, 15 * 60 + 30, 375)
}

fn office_40() -> Agreement {
    agreement(8 * 60, 16 * 60 + 30, 400)
}

fn line(date: &str, start: &str, end: &str, brk: &str) -> Line {
    LineDraft {
        work_date: date.into(),
        start: start.into(),
        end: end.into(),
        break_minutes: brk.into(),
        comment: String::new(),
    }
    .validate(None)
    .unwrap()
}

/// Monday 30 November … Friday 4 December 2026, each `start`–`end` with a 30-minute break.
fn week_of(start: &str, end: &str) -> Vec<Line> {
    (0..5)
        .map(|i| {
            line(
                &format!("2026-{}", ["11-30", "12-01", "12-02", "12-03", "12-04"][i]),
                start,
                end,
                "30",
            )
        })
        .collect()
}

#[test]
fn the_agreed_week_has_no_overtime() {
    let s = split_sheet(&office_375(), &week_of("07:30", "15:30"), &[]);
    assert_eq!(
        (s.worked, s.normal, s.overtime_total(), s.law_overtime),
        (2250, 2250, 0, 0)
    );
    let s = split_sheet(&office_40(), &week_of("08:00", "16:30"), &[]);
    assert_eq!(
        (s.worked, s.normal, s.overtime_total(), s.law_overtime),
        (2400, 2400, 0, 0)
    );
}

#[test]
fn forty_hours_against_37_5_and_40_agreed() {
    // Five days of 8 hours: against 37.5 agreed (7.5 a day) half an hour a day is overtime;
    // against 40 agreed none; the law's 40 hours are not passed.
    let lines = week_of("08:00", "16:30");
    let s = split_sheet(&office_375(), &lines, &[]);
    assert_eq!(
        (s.normal, s.overtime_total(), s.law_overtime),
        (2250, 150, 0)
    );
    assert!(
        s.lines
            .iter()
            .all(|l| l.overtime == 30 && l.overtime_percent == Some(50))
    );
    let s = split_sheet(&office_40(), &lines, &[]);
    assert_eq!((s.normal, s.overtime_total(), s.law_overtime), (2400, 0, 0));
    // 37.5 agreed with 8-hour shifts (the week is shorter than its days): the week gives more,
    // and it is the last 2.5 hours of the week.
    let short_week = Agreement {
        week_minutes: 2250,
        ..office_40()
    };
    let s = split_sheet(&short_week, &lines, &[]);
    assert_eq!(s.overtime_total(), 150);
    assert_eq!(s.lines[4].overtime, 150);
    assert_eq!(s.lines[3].overtime, 0);
}

#[test]
fn a_long_day_is_overtime_once_by_the_day_and_the_week() {
    let mut lines = week_of("07:30", "15:30");
    lines[0] = line("2026-11-30", "07:00", "18:00", "30"); // 10.5 hours
    let s = split_sheet(&office_375(), &lines, &[]);
    // By the day 3 hours, by the week 40.5 − 37.5 = 3 hours: 3 hours, not 6.
    assert_eq!((s.worked, s.overtime_total()), (2430, 180));
    assert_eq!(s.lines[0].overtime, 180);
    // The law: 1.5 hours beyond 9 on Monday; the week's 39 other hours stay under 40.
    assert_eq!(s.law_overtime, 90);
    assert_eq!(s.lines[0].law_overtime, 90);
}

#[test]
fn a_sixth_day_is_overtime_and_a_sunday_in_the_second_class() {
    let mut lines = week_of("07:30", "15:30");
    lines.push(line("2026-12-05", "08:00", "13:00", "")); // Saturday, 5 hours
    let s = split_sheet(&office_375(), &lines, &[]);
    assert_eq!(s.lines[5].overtime, 300);
    assert_eq!(s.lines[5].overtime_percent, Some(50));
    // The law: 42.5 hours, the last 2.5 beyond 40.
    assert_eq!(s.lines[5].law_overtime, 150);
    lines[5] = line("2026-12-06", "08:00", "12:00", ""); // Sunday instead, 4 hours
    let s = split_sheet(&office_375(), &lines, &[]);
    assert_eq!(s.overtime, BTreeMap::from([(Some(100), 240)]));
    assert_eq!(s.law_overtime, 90);
    // Without a 100 % class Sunday overtime is in the lowest one.
    let only_50 = Agreement {
        overtime: rates()[..1].to_vec(),
        ..office_375()
    };
    assert_eq!(
        split_sheet(&only_50, &lines, &[]).overtime,
        BTreeMap::from([(Some(50), 240)])
    );
    // A public holiday on a weekday (Ascension Day, Thursday 14 May 2026) counts as a Sunday.
    assert_eq!(office_375().class_on(date!(2026 - 05 - 14)), Some(100));
    assert_eq!(office_375().class_on(date!(2026 - 05 - 13)), Some(50));
}

#[test]
fn a_week_split_at_a_months_end_counts_the_other_part() {
    // W40 2026: Monday 28 … Wednesday 30 September, then Thursday 1 … Sunday 4 October.
    let september = [
        (date!(2026 - 09 - 28), 540),
        (date!(2026 - 09 - 29), 540),
        (date!(2026 - 09 - 30), 540),
    ];
    let october = vec![
        line("2026-10-01", "07:30", "15:30", "30"),
        line("2026-10-02", "07:30", "15:30", "30"),
        line("2026-10-03", "08:00", "13:00", ""),
    ];
    let s = split_sheet(&office_375(), &october, &september);
    // September's 4.5 hours of overtime stay on September's sheet; here only Saturday.
    assert_eq!((s.normal, s.overtime_total()), (900, 300));
    // The law: 27 + 7.5 = 34.5 hours by Thursday, so Friday passes 40 after 5.5 hours.
    assert_eq!(s.lines[1].law_overtime, 120);
    assert_eq!(s.law_overtime, 120 + 300);
    // Alone, the October part has no law overtime at all.
    assert_eq!(split_sheet(&office_375(), &october, &[]).law_overtime, 0);
}

#[test]
fn without_a_standard_week_only_the_law_limits_the_day() {
    let shifts = Agreement {
        week: StandardWeek::default(),
        week_minutes: 2250,
        overtime: rates(),
    };
    let lines = vec![line("2026-12-05", "08:00", "18:00", "")]; // 10 hours on a Saturday
    let s = split_sheet(&shifts, &lines, &[]);
    assert_eq!(
        (s.normal, s.overtime_total(), s.law_overtime),
        (540, 60, 60)
    );
}

#[test]
fn in_order_the_day_and_the_week_never_count_twice() {
    let items = [
        (date!(2026 - 11 - 30), 600),
        (date!(2026 - 12 - 01), 600),
        (date!(2026 - 12 - 02), 600),
        (date!(2026 - 12 - 03), 600),
        (date!(2026 - 12 - 04), 600),
        (date!(2026 - 12 - 07), 600), // the next week starts afresh
    ];
    let got = split_in_order(&items, |_| 540, 2400);
    assert_eq!(
        got,
        vec![
            (540, 60),
            (540, 60),
            (540, 60),
            (540, 60),
            (240, 360),
            (540, 60)
        ]
    );
}
