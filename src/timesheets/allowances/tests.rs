use super::*;
use crate::assignments::allowance::{AllowanceKind, Unit};
use crate::timesheets::line::LineDraft;

const EVERY_DAY: Days = Days {
    weekdays: [true; 7],
    holidays: true,
};
const WEEKDAYS: Days = Days {
    weekdays: [true, true, true, true, true, false, false],
    holidays: false,
};

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

fn allowance(code: &str, rule: Rule, kind: AllowanceKind) -> Allowance {
    Allowance {
        code: code.into(),
        name: code.into(),
        rule,
        kind,
        bill_ore: 6_000,
        pay_ore: 4_500,
    }
}

const NIGHT: (u16, u16) = (21 * 60, 6 * 60);

#[test]
fn a_window_over_midnight_meets_lines_on_both_sides() {
    let (s, e) = NIGHT;
    // 20:00–04:00: 21:00–04:00 in Wednesday's window.
    assert_eq!(
        window_minutes(s, e, &EVERY_DAY, &line("2026-12-02", "20:00", "04:00", "")),
        420
    );
    // 05:00–13:00: the last hour of the window that started the evening before.
    assert_eq!(
        window_minutes(s, e, &EVERY_DAY, &line("2026-12-02", "05:00", "13:00", "")),
        60
    );
    // A day line touches no night window.
    assert_eq!(
        window_minutes(s, e, &EVERY_DAY, &line("2026-12-02", "06:00", "21:00", "")),
        0
    );
    // 16:00 to 16:00 the next day: 9 hours of one night window.
    assert_eq!(
        window_minutes(s, e, &EVERY_DAY, &line("2026-12-02", "16:00", "16:00", "")),
        540
    );
}

#[test]
fn a_windows_days_are_the_days_it_starts_on() {
    let (s, e) = NIGHT;
    // Friday night runs into Saturday: paid, it started on a Friday.
    assert_eq!(
        window_minutes(s, e, &WEEKDAYS, &line("2026-12-04", "22:00", "06:00", "")),
        480
    );
    assert_eq!(
        window_minutes(s, e, &WEEKDAYS, &line("2026-12-05", "02:00", "08:00", "")),
        240
    );
    // Sunday night: Sunday's window does not apply, Monday's starts at 21:00 Monday.
    assert_eq!(
        window_minutes(s, e, &WEEKDAYS, &line("2026-12-06", "22:00", "06:00", "")),
        0
    );
    // Christmas Day is a Friday in 2026 and a public holiday: no weekday window.
    assert_eq!(
        window_minutes(s, e, &WEEKDAYS, &line("2026-12-25", "22:00", "06:00", "")),
        0
    );
    let holidays = Days {
        weekdays: [false; 7],
        holidays: true,
    };
    // A whole-day holiday window (start == end): Christmas Day runs into Boxing Day, also a
    // holiday; Boxing Day runs into an ordinary Sunday.
    assert_eq!(
        window_minutes(0, 0, &holidays, &line("2026-12-25", "18:00", "02:00", "")),
        480
    );
    assert_eq!(
        window_minutes(0, 0, &holidays, &line("2026-12-26", "18:00", "02:00", "")),
        360
    );
}

#[test]
fn windows_run_as_the_clock_does_and_the_break_caps_them() {
    let (s, e) = NIGHT;
    // The spring's change night: the 22:00–06:00 line lasts 7 hours, all inside the window.
    assert_eq!(
        window_minutes(s, e, &EVERY_DAY, &line("2026-03-28", "22:00", "06:00", "")),
        420
    );
    assert_eq!(
        window_minutes(s, e, &EVERY_DAY, &line("2026-10-24", "22:00", "06:00", "")),
        540
    );
    // The break lies outside the window where it can: 20:00–23:00 less 30 is 2 hours inside.
    assert_eq!(
        window_minutes(
            s,
            e,
            &EVERY_DAY,
            &line("2026-12-02", "20:00", "23:00", "30")
        ),
        120
    );
    // …and inside it when the line is all window.
    assert_eq!(
        window_minutes(
            s,
            e,
            &EVERY_DAY,
            &line("2026-12-02", "21:00", "23:00", "30")
        ),
        90
    );
}

#[test]
fn after_hours_counts_the_day_across_its_lines() {
    let a = [allowance(
        "long",
        Rule::AfterHours { minutes: 480 },
        AllowanceKind::Pay,
    )];
    let lines = [
        line("2026-12-02", "13:00", "18:00", ""),
        line("2026-12-02", "07:00", "12:00", ""),
        line("2026-12-03", "07:00", "15:00", ""),
    ];
    let got = line_allowances(&a, &lines);
    // The afternoon line is the later one: its last 2 hours pass the 8.
    assert_eq!(got, vec![vec![("long".to_string(), 120)], vec![], vec![]]);
}

#[test]
fn a_sheet_sums_windows_and_hand_entered_units() {
    let a = [
        allowance(
            "evening",
            Rule::Window {
                start: 17 * 60,
                end: 21 * 60,
                days: WEEKDAYS,
            },
            AllowanceKind::Pay,
        ),
        allowance(
            "km",
            Rule::PerUnit { unit: Unit::Km },
            AllowanceKind::Expense,
        ),
        allowance(
            "meal",
            Rule::PerUnit { unit: Unit::Meal },
            AllowanceKind::Expense,
        ),
    ];
    let lines = [
        line("2026-12-02", "12:00", "20:00", "30"),
        line("2026-12-03", "12:00", "22:00", "30"),
    ];
    let units = [
        UnitEntry {
            code: "km".into(),
            quantity_milli: 12_500,
        },
        UnitEntry {
            code: "km".into(),
            quantity_milli: 3_000,
        },
    ];
    assert_eq!(
        sheet_allowances(&a, &lines, &units),
        vec![
            Earned {
                code: "evening".into(),
                quantity: Quantity::Minutes(180 + 240),
            },
            Earned {
                code: "km".into(),
                quantity: Quantity::Milli(15_500),
            },
        ]
    );
    assert_eq!(check_unit(&a, &units[0]), Ok(()));
    let evening = UnitEntry {
        code: "evening".into(),
        quantity_milli: 1000,
    };
    assert_eq!(check_unit(&a, &evening), Err(UnitError::UnknownCode));
    let zero = UnitEntry {
        code: "meal".into(),
        quantity_milli: 0,
    };
    assert_eq!(check_unit(&a, &zero), Err(UnitError::QuantityInvalid));
}

#[test]
fn quantities_as_typed() {
    assert_eq!(parse_quantity("12,5"), Some(12_500));
    assert_eq!(parse_quantity("12.125"), Some(12_125));
    assert_eq!(parse_quantity(" 3 "), Some(3_000));
    assert_eq!(parse_quantity("0"), None);
    assert_eq!(parse_quantity("1,2345"), None);
    assert_eq!(parse_quantity("-1"), None);
    assert_eq!(parse_quantity(",5"), None);
    assert_eq!(parse_quantity("tre"), None);
}
