//! The amounts on known values and edge cases, and the CEN arithmetic rules as a property.

use super::*;
use proptest::prelude::*;

fn line(quantity_milli: i64, unit_price_ore: i64, vat: Vat) -> Line {
    Line {
        quantity_milli,
        unit_price_ore,
        vat,
    }
}

fn s(rate_pct: u32) -> Vat {
    Vat::Standard {
        rate_bp: rate_pct * 100,
    }
}

#[test]
fn a_line_is_rounded_once_half_away_from_zero() {
    // 7,5 hours at 650,00 kr.
    assert_eq!(line_net(7_500, 65_000), Ok(487_500));
    // 0,333 × 0,15 kr = 0,04995 kr → 0,05 kr; 0,001 × 5 øre = 0,005 øre → 0.
    assert_eq!(line_net(333, 15), Ok(5));
    assert_eq!(line_net(1, 5), Ok(0));
    // Exactly half an øre goes away from zero, both ways.
    assert_eq!(line_net(500, 1), Ok(1));
    assert_eq!(line_net(-500, 1), Ok(-1));
    assert_eq!(line_net(1_500, 333), Ok(500)); // 499,5 → 500
    assert_eq!(line_net(-1_500, 333), Ok(-500));
    assert_eq!(line_net(i64::MAX, i64::MAX), Err(AmountError::Overflow));
}

#[test]
fn vat_is_rounded_per_group_not_per_line() {
    // Three lines of 0,02 kr at 25 %: per line 0,005 → 0,01 each (0,03); per group
    // 0,06 × 25 % = 0,015 → 0,02.
    let lines = vec![line(1_000, 2, s(25)); 3];
    let t = totals(&lines, 0, Rounding::None).unwrap();
    assert_eq!(t.breakdown.len(), 1);
    assert_eq!(t.breakdown[0].taxable_ore, 6);
    assert_eq!(t.breakdown[0].vat_ore, 2);
    assert_eq!(t.vat_ore, 2);
    assert_eq!(t.with_vat_ore, 8);
}

#[test]
fn several_rates_and_categories() {
    let lines = vec![
        line(7_500, 65_000, s(25)), // 4 875,00
        line(2_000, 12_345, s(15)), // 246,90
        line(1_000, 9_999, s(12)),  // 99,99
        line(3_000, 10_001, s(25)), // 300,03
        line(1_000, 50_000, Vat::ZeroRated),
        line(
            1_000,
            20_000,
            Vat::Exempt {
                reason: "Kurs (mval. § 3-5)".into(),
            },
        ),
        line(
            1_000,
            100,
            Vat::Exempt {
                reason: "Kurs (mval. § 3-5)".into(),
            },
        ),
    ];
    let t = totals(&lines, 0, Rounding::None).unwrap();
    let codes: Vec<_> = t
        .breakdown
        .iter()
        .map(|g| (g.vat.code(), g.vat.rate_bp()))
        .collect();
    assert_eq!(
        codes,
        [
            ("S", Some(2500)),
            ("S", Some(1500)),
            ("S", Some(1200)),
            ("Z", Some(0)),
            ("E", Some(0))
        ]
    );
    assert_eq!(t.breakdown[0].taxable_ore, 517_503);
    assert_eq!(t.breakdown[0].vat_ore, 129_376); // 129 375,75 → 129 376
    assert_eq!(t.breakdown[1].vat_ore, 3_704); // 24 690 × 15 % = 3 703,5 → 3 704
    assert_eq!(t.breakdown[2].vat_ore, 1_200); // 9 999 × 12 % = 1 199,88 → 1 200
    assert_eq!(t.breakdown[3].vat_ore, 0);
    assert_eq!(t.breakdown[4].taxable_ore, 20_100);
    assert_eq!(
        t.breakdown[4].vat,
        Vat::Exempt {
            reason: "Kurs (mval. § 3-5)".into()
        }
    );
    assert_eq!(t.line_total_ore, 517_503 + 24_690 + 9_999 + 50_000 + 20_100);
    assert_eq!(t.vat_ore, 129_376 + 3_704 + 1_200);
    assert_eq!(t.payable_ore, t.line_total_ore + t.vat_ore);
    assert_eq!(t.rounding_ore, 0);
}

#[test]
fn exempt_reasons_join_in_one_group() {
    let lines = [
        line(1_000, 100, Vat::Exempt { reason: "A".into() }),
        line(1_000, 100, Vat::Exempt { reason: "B".into() }),
        line(1_000, 100, Vat::Exempt { reason: "A".into() }),
    ];
    let t = totals(&lines, 0, Rounding::None).unwrap();
    assert_eq!(
        t.breakdown,
        [VatGroup {
            vat: Vat::Exempt {
                reason: "A; B".into()
            },
            taxable_ore: 300,
            vat_ore: 0
        }]
    );
}

#[test]
fn rounding_to_whole_kroner_and_prepaid() {
    let lines = [line(1_000, 10_010, s(25))]; // 100,10 + 25,03 (25,025 → 25,03) = 125,13
    let t = totals(&lines, 0, Rounding::WholeKroner).unwrap();
    assert_eq!(t.with_vat_ore, 12_513);
    assert_eq!((t.payable_ore, t.rounding_ore), (12_500, -13));
    let t = totals(&lines, 2_563, Rounding::WholeKroner).unwrap();
    // 125,13 − 25,63 = 99,50 → 100,00 (half away from zero).
    assert_eq!((t.payable_ore, t.rounding_ore), (10_000, 50));
    let t = totals(&lines, 0, Rounding::None).unwrap();
    assert_eq!((t.payable_ore, t.rounding_ore), (12_513, 0));
}

#[test]
fn what_cannot_be_an_invoice_is_refused() {
    assert_eq!(totals([], 0, Rounding::None), Err(AmountError::NoLines));
    let bad = |l: Line| totals(&[l], 0, Rounding::None).unwrap_err();
    assert_eq!(bad(line(1_000, -1, s(25))), AmountError::NegativePrice);
    assert_eq!(bad(line(1_000, 1, s(0))), AmountError::Rate);
    assert_eq!(bad(line(1_000, 1, s(101))), AmountError::Rate);
    assert_eq!(
        bad(line(1_000, 1, Vat::Exempt { reason: " ".into() })),
        AmountError::NoExemptionReason
    );
    let mixed = [line(1_000, 1, s(25)), line(1_000, 1, Vat::OutsideScope)];
    assert_eq!(
        totals(&mixed, 0, Rounding::None),
        Err(AmountError::OutsideScopeMixed)
    );
    let only_o = [
        line(1_000, 1, Vat::OutsideScope),
        line(2_000, 1, Vat::OutsideScope),
    ];
    let t = totals(&only_o, 0, Rounding::None).unwrap();
    assert_eq!((t.breakdown.len(), t.vat_ore, t.payable_ore), (1, 0, 3));
    let huge = [line(1_000, i64::MAX, s(25)), line(1_000, i64::MAX, s(25))];
    assert_eq!(totals(&huge, 0, Rounding::None), Err(AmountError::Overflow));
}

fn any_vat() -> impl Strategy<Value = Vat> {
    prop_oneof![
        4 => Just(s(25)),
        2 => Just(s(15)),
        2 => Just(s(12)),
        1 => (1u32..=10_000).prop_map(|rate_bp| Vat::Standard { rate_bp }),
        1 => Just(Vat::ZeroRated),
        1 => "[a-z]{1,3}".prop_map(|reason| Vat::Exempt { reason }),
        1 => Just(Vat::ReverseCharge),
    ]
}

fn any_line() -> impl Strategy<Value = Line> {
    (-1_000_000i64..100_000_000, 0i64..10_000_000_000, any_vat()).prop_map(
        |(quantity_milli, unit_price_ore, vat)| Line {
            quantity_milli,
            unit_price_ore,
            vat,
        },
    )
}

proptest! {
    /// BR-CO-10 … BR-CO-17 and BR-S/Z/E/AE-08/09 as the schematron computes them, on any lines.
    #[test]
    fn totals_satisfy_the_cen_arithmetic_rules(
        lines in prop::collection::vec(any_line(), 1..40),
        prepaid in 0i64..1_000_000,
        whole in any::<bool>(),
    ) {
        let rounding = if whole { Rounding::WholeKroner } else { Rounding::None };
        let t = totals(&lines, prepaid, rounding).unwrap();
        // BT-131 is quantity × price within half an øre (PEPPOL-EN16931-R120 allows 2).
        for (l, net) in lines.iter().zip(&t.line_net_ore) {
            let exact = i128::from(l.quantity_milli) * i128::from(l.unit_price_ore);
            prop_assert!((i128::from(*net) * 1000 - exact).abs() <= 500);
        }
        // BR-CO-10
        prop_assert_eq!(t.line_total_ore, t.line_net_ore.iter().sum::<i64>());
        // BR-CO-13 (no document-level allowances or charges: BR-CO-11/12 are 0)
        prop_assert_eq!(t.without_vat_ore, t.line_total_ore);
        // BR-CO-14
        prop_assert_eq!(t.vat_ore, t.breakdown.iter().map(|g| g.vat_ore).sum::<i64>());
        // BR-CO-15
        prop_assert_eq!(t.with_vat_ore, t.without_vat_ore + t.vat_ore);
        // BR-CO-16
        prop_assert_eq!(t.payable_ore, t.with_vat_ore - t.prepaid_ore + t.rounding_ore);
        prop_assert!(t.rounding_ore.abs() <= 50);
        if whole {
            prop_assert_eq!(t.payable_ore % 100, 0);
        } else {
            prop_assert_eq!(t.rounding_ore, 0);
        }
        // One group per category and rate, each the sum of its lines (BR-S-08, BR-Z-08,
        // BR-E-08, BR-AE-08), VAT = taxable × rate within half an øre (BR-CO-17), zero for
        // the zero categories (BR-Z-09, BR-E-09, BR-AE-09).
        for (i, g) in t.breakdown.iter().enumerate() {
            let mine: i64 = lines
                .iter()
                .zip(&t.line_net_ore)
                .filter(|(l, _)| l.vat.code() == g.vat.code() && l.vat.rate_bp() == g.vat.rate_bp())
                .map(|(_, n)| *n)
                .sum();
            prop_assert_eq!(g.taxable_ore, mine);
            let rate = i128::from(g.vat.rate_bp().unwrap_or(0));
            let exact = i128::from(g.taxable_ore) * rate;
            prop_assert!((i128::from(g.vat_ore) * 10_000 - exact).abs() <= 5_000);
            if g.vat.code() != "S" {
                prop_assert_eq!(g.vat_ore, 0);
            }
            for other in &t.breakdown[i + 1..] {
                prop_assert!(
                    (other.vat.code(), other.vat.rate_bp()) != (g.vat.code(), g.vat.rate_bp())
                );
            }
        }
    }
}
