//! The rules together, as the sheet pages will use them: W53 at the turn of 2026/2027.

use time::macros::date;

use super::{
    allowances::{Earned, Quantity, UnitEntry, sheet_allowances},
    law::{LawRule, OvertimeLimits, check},
    line::{Line, LineDraft, prefill},
    pay::{Rates, sheet_pay},
    period::periods,
    split::{Agreement, split_sheet},
};
use crate::assignments::{
    allowance::{Allowance, AllowanceKind, Days, Rule, Unit},
    model::OvertimeRate,
    week::{Shift, StandardWeek},
};

fn agreement() -> Agreement {
    Agreement {
        week: StandardWeek::weekdays(Shift {
            start: 7 * 60 + 30,
            end: 15 * 60 + 30,
            break_minutes: 30,
        }),
        week_minutes: 2250,
        overtime: vec![OvertimeRate {
            percent: 50,
            bill_ore: 67_500,
            pay_ore: 37_500,
        }],
    }
}

fn allowances() -> Vec<Allowance> {
    vec![
        Allowance {
            code: "evening".into(),
            name: "Kveldstillegg".into(),
            rule: Rule::Window {
                start: 17 * 60,
                end: 21 * 60,
                days: Days {
                    weekdays: [true, true, true, true, true, false, false],
                    holidays: false,
                },
            },
            kind: AllowanceKind::Pay,
            bill_ore: 6_000,
            pay_ore: 4_500,
        },
        Allowance {
            code: "km".into(),
            name: "Kilometergodtgjørelse".into(),
            rule: Rule::PerUnit { unit: Unit::Km },
            kind: AllowanceKind::Expense,
            bill_ore: 500,
            pay_ore: 350,
        },
    ]
}

fn typed(date: &str, start: &str, end: &str, brk: &str) -> Line {
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

#[test]
fn a_split_week_53_from_prefill_to_pay_and_the_law_across_assignments() {
    let a = agreement();
    let sheets = periods(date!(2026 - 12 - 28), None, date!(2027 - 01 - 03));
    assert_eq!(sheets.len(), 2);

    // December: prefilled Monday–Thursday, Wednesday worked until 19:30.
    let mut december = prefill(&a.week, &sheets[0]);
    assert_eq!(december.len(), 4);
    december[2] = typed("2026-12-30", "07:30", "19:30", "30");
    let dec = split_sheet(&a, &december, &[]);
    assert_eq!(
        (dec.normal, dec.overtime_total(), dec.law_overtime),
        (1800, 240, 150)
    );
    let units = [UnitEntry {
        code: "km".into(),
        quantity_milli: 20_000,
    }];
    let earned = sheet_allowances(&allowances(), &december, &units);
    assert_eq!(
        earned[0],
        Earned {
            code: "evening".into(),
            quantity: Quantity::Minutes(150),
        }
    );
    let rates = Rates {
        pay_ore: 25_000,
        bill_ore: 45_000,
        overtime: a.overtime.clone(),
    };
    let pay = sheet_pay(&rates, &dec, &allowances(), &earned);
    assert_eq!(pay.pay_ore, 750_000 + 150_000 + 11_250);
    assert_eq!(pay.expenses_ore, 7_000);
    assert_eq!(pay.bill_ore, 1_350_000 + 270_000 + 15_000 + 10_000);

    // January: New Year's Day is left out of the prefill; a Saturday morning is overtime.
    assert!(prefill(&a.week, &sheets[1]).is_empty());
    let january = vec![typed("2027-01-02", "08:00", "12:00", "")];
    let other: Vec<_> = december
        .iter()
        .map(|l| (l.work_date, l.worked_minutes()))
        .collect();
    let jan = split_sheet(&a, &january, &other);
    assert_eq!(
        (jan.normal, jan.overtime_total(), jan.law_overtime),
        (0, 240, 0)
    );

    // The law reads every assignment: alone the week is fine; an evening job elsewhere on
    // Wednesday makes 13.5 hours in 24 and leaves 9.5 hours of rest before Thursday.
    let mut intervals: Vec<_> = december
        .iter()
        .chain(&january)
        .map(Line::interval)
        .collect();
    assert_eq!(check(&intervals, OvertimeLimits::new(false), None), vec![]);
    intervals.push(typed("2026-12-30", "20:00", "22:00", "").interval());
    let rules: Vec<_> = check(&intervals, OvertimeLimits::new(false), None)
        .into_iter()
        .map(|w| (w.rule, w.value))
        .collect();
    assert_eq!(
        rules,
        vec![(LawRule::Work24Hours, 810), (LawRule::DailyRest, 570)]
    );
}
