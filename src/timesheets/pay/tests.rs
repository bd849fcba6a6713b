use std::collections::BTreeMap;

use super::*;
use crate::assignments::allowance::{Days, Rule, Unit};

fn rates() -> Rates {
    Rates {
        pay_ore: 25_000,
        bill_ore: 45_000,
        overtime: vec![
            OvertimeRate {
                percent: 50,
                bill_ore: 67_500,
                pay_ore: 37_500,
            },
            OvertimeRate {
                percent: 100,
                bill_ore: 90_000,
                pay_ore: 50_000,
            },
        ],
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
                    weekdays: [true; 7],
                    holidays: true,
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
            pay_ore: 351,
        },
    ]
}

fn split(normal: i64, overtime: &[(Option<i64>, i64)]) -> SheetSplit {
    SheetSplit {
        normal,
        overtime: overtime.iter().copied().collect::<BTreeMap<_, _>>(),
        ..SheetSplit::default()
    }
}

#[test]
fn a_week_with_overtime_and_allowances_in_ore() {
    let earned = [
        Earned {
            code: "evening".into(),
            quantity: Quantity::Minutes(420),
        },
        Earned {
            code: "km".into(),
            quantity: Quantity::Milli(12_345),
        },
    ];
    let got = sheet_pay(
        &rates(),
        &split(2250, &[(Some(50), 150), (Some(100), 240)]),
        &allowances(),
        &earned,
    );
    let amounts: Vec<(i64, i64)> = got.lines.iter().map(|l| (l.pay_ore, l.bill_ore)).collect();
    assert_eq!(
        amounts,
        vec![
            (937_500, 1_687_500), // 37.5 h × 250 kr, × 450 kr
            (93_750, 168_750),    // 2.5 h × 375 kr, × 675 kr
            (200_000, 360_000),   // 4 h × 500 kr, × 900 kr
            (31_500, 42_000),     // 7 h × 45 kr, × 60 kr
            (4_333, 6_173),       // 12.345 km × 3,51 kr = 43,33095; × 5 kr = 61,725
        ]
    );
    assert_eq!(got.lines[1].item, Item::Overtime(Some(50)));
    assert_eq!(got.lines[4].basis, Basis::Reimbursement);
    assert_eq!(got.pay_ore, 937_500 + 93_750 + 200_000 + 31_500);
    assert_eq!(got.expenses_ore, 4_333);
    assert_eq!(got.bill_ore, 1_687_500 + 168_750 + 360_000 + 42_000 + 6_173);
}

#[test]
fn each_line_is_rounded_once_half_away_from_zero() {
    // 7 minutes at 250,50 kr: 29,225 kr → 29,23 (not 7 × 4,175 rounded each).
    assert_eq!(amount(Quantity::Minutes(7), 25_050), 2_923);
    assert_eq!(amount(Quantity::Minutes(1), 30), 1); // 0,5 øre up
    assert_eq!(amount(Quantity::Minutes(1), 29), 0);
    assert_eq!(amount(Quantity::Milli(500), 1), 1);
    assert_eq!(amount(Quantity::Milli(499), 1), 0);
}

#[test]
fn overtime_without_rates_is_priced_at_the_normal_rate_and_unknown_codes_are_left_out() {
    let no_classes = Rates {
        overtime: vec![],
        ..rates()
    };
    let earned = [Earned {
        code: "gone".into(),
        quantity: Quantity::Minutes(60),
    }];
    let got = sheet_pay(
        &no_classes,
        &split(0, &[(None, 60)]),
        &allowances(),
        &earned,
    );
    assert_eq!(got.lines.len(), 1);
    assert_eq!(got.lines[0].item, Item::Overtime(None));
    assert_eq!(
        (got.pay_ore, got.bill_ore, got.expenses_ore),
        (25_000, 45_000, 0)
    );
}
