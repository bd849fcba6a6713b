//! An invoice's or credit note's amounts as EN 16931 computes them, in øre (decision 0023):
//! - line net amount (BT-131) = quantity × unit price, rounded once per line to øre, half away
//!   from zero (quantity in thousandths, price in øre; no line allowances or charges);
//! - the VAT breakdown (BG-23): one group per VAT category and rate, taxable amount (BT-116) =
//!   the sum of its lines' net amounts, VAT (BT-117) = taxable × rate rounded **once per group**
//!   (never per line);
//! - the totals: BT-106 = Σ BT-131, BT-109 = BT-106 (no document-level allowances or charges),
//!   BT-110 = Σ BT-117, BT-112 = BT-109 + BT-110, BT-115 = BT-112 − BT-113 (prepaid) + BT-114
//!   (rounding to whole kroner when asked).
//!
//! So the CEN arithmetic rules BR-CO-10 … BR-CO-17 hold by construction (a property test below).
//! The same numbers go on the PDF, into the invoice's stored totals and into the EHF.

use std::collections::BTreeMap;

use super::div_round;

/// A line's VAT category (UNCL 5305 as EN 16931 uses it) with what each one needs.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Vat {
    /// `S`: standard rated, at a rate in basis points above zero (2500, 1500, 1200).
    Standard { rate_bp: u32 },
    /// `Z`: zero rated (fritatt, e.g. export of services); no exemption reason (BR-Z-10).
    ZeroRated,
    /// `E`: exempt (unntatt), with the reason as text (BT-120; BR-E-10), e.g. the law's section.
    Exempt { reason: String },
    /// `AE`: reverse charge (the buyer accounts for the VAT); reason code `VATEX-EU-AE`.
    ReverseCharge,
    /// `O`: outside the scope of VAT; reason code `VATEX-EU-O`. EN 16931 allows no other
    /// category on the same document (BR-O-11) and no seller VAT identifier (BR-O-02).
    OutsideScope,
}

impl Vat {
    /// The UNCL 5305 code.
    pub fn code(&self) -> &'static str {
        match self {
            Vat::Standard { .. } => "S",
            Vat::ZeroRated => "Z",
            Vat::Exempt { .. } => "E",
            Vat::ReverseCharge => "AE",
            Vat::OutsideScope => "O",
        }
    }

    /// The rate in basis points; `None` for outside scope, which has no rate (BR-O-05).
    pub fn rate_bp(&self) -> Option<u32> {
        match self {
            Vat::Standard { rate_bp } => Some(*rate_bp),
            Vat::OutsideScope => None,
            _ => Some(0),
        }
    }

    /// The order of the breakdown: standard rates from the highest, then Z, E, AE, O.
    fn key(&self) -> (u8, std::cmp::Reverse<u32>) {
        let rank = match self {
            Vat::Standard { .. } => 0,
            Vat::ZeroRated => 1,
            Vat::Exempt { .. } => 2,
            Vat::ReverseCharge => 3,
            Vat::OutsideScope => 4,
        };
        (rank, std::cmp::Reverse(self.rate_bp().unwrap_or(0)))
    }
}

/// What a line is priced at: quantity in thousandths (`7500` = 7,5 hours; negative for a
/// deduction), unit price in øre (never negative: BR-27), and its VAT category.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Line {
    pub quantity_milli: i64,
    pub unit_price_ore: i64,
    pub vat: Vat,
}

/// Amounts that cannot make a valid invoice.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum AmountError {
    NoLines,
    NegativePrice,
    /// A standard-rated line at 0 % or above 100 %.
    Rate,
    /// An exempt line without its reason.
    NoExemptionReason,
    /// Outside-scope lines mixed with others (BR-O-11).
    OutsideScopeMixed,
    /// Beyond what øre in an i64 can hold.
    Overflow,
}

impl std::fmt::Display for AmountError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            AmountError::NoLines => "no lines",
            AmountError::NegativePrice => "a unit price is negative",
            AmountError::Rate => "a standard VAT rate must be above 0 and at most 100 %",
            AmountError::NoExemptionReason => "an exempt line needs its reason",
            AmountError::OutsideScopeMixed => {
                "lines outside the scope of VAT cannot share an invoice with other VAT categories"
            }
            AmountError::Overflow => "the amounts are too large",
        })
    }
}

impl std::error::Error for AmountError {}

/// One group of the VAT breakdown (BG-23). `exemption_reason` is the exempt lines' distinct
/// reasons joined with "; " (EN 16931 allows one E group, BR-E-01).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct VatGroup {
    pub vat: Vat,
    pub taxable_ore: i64,
    pub vat_ore: i64,
}

/// How the amount due is rounded.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Rounding {
    /// To the øre (no BT-114).
    #[default]
    None,
    /// To whole kroner, half away from zero; the difference is BT-114.
    WholeKroner,
}

/// A document's amounts, all in øre.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Totals {
    /// BT-131 of each line, in the lines' order.
    pub line_net_ore: Vec<i64>,
    /// BG-23, standard rates from the highest, then Z, E, AE, O.
    pub breakdown: Vec<VatGroup>,
    /// BT-106.
    pub line_total_ore: i64,
    /// BT-109 (= BT-106: no document-level allowances or charges).
    pub without_vat_ore: i64,
    /// BT-110.
    pub vat_ore: i64,
    /// BT-112.
    pub with_vat_ore: i64,
    /// BT-113.
    pub prepaid_ore: i64,
    /// BT-114 (0 unless rounded to whole kroner).
    pub rounding_ore: i64,
    /// BT-115.
    pub payable_ore: i64,
}

/// BT-131: quantity (thousandths) × unit price (øre), rounded half away from zero to øre.
pub fn line_net(quantity_milli: i64, unit_price_ore: i64) -> Result<i64, AmountError> {
    let n = div_round(
        i128::from(quantity_milli) * i128::from(unit_price_ore),
        1000,
    );
    i64::try_from(n).map_err(|_| AmountError::Overflow)
}

/// BT-117: a group's VAT, `taxable × rate`, rounded once, half away from zero.
pub fn group_vat(taxable_ore: i64, rate_bp: u32) -> Result<i64, AmountError> {
    let n = div_round(i128::from(taxable_ore) * i128::from(rate_bp), 10_000);
    i64::try_from(n).map_err(|_| AmountError::Overflow)
}

/// All of a document's amounts from its lines.
pub fn totals<'a>(
    lines: impl IntoIterator<Item = &'a Line>,
    prepaid_ore: i64,
    rounding: Rounding,
) -> Result<Totals, AmountError> {
    let add = |a: i64, b: i64| a.checked_add(b).ok_or(AmountError::Overflow);
    let mut line_net_ore = Vec::new();
    // Grouped by (order key, code): one group per category and rate.
    let mut groups: BTreeMap<((u8, std::cmp::Reverse<u32>), &'static str), VatGroup> =
        BTreeMap::new();
    for line in lines {
        match &line.vat {
            Vat::Standard { rate_bp } if *rate_bp == 0 || *rate_bp > 10_000 => {
                return Err(AmountError::Rate);
            }
            Vat::Exempt { reason } if reason.trim().is_empty() => {
                return Err(AmountError::NoExemptionReason);
            }
            _ => {}
        }
        if line.unit_price_ore < 0 {
            return Err(AmountError::NegativePrice);
        }
        let net = line_net(line.quantity_milli, line.unit_price_ore)?;
        line_net_ore.push(net);
        let group = groups
            .entry((line.vat.key(), line.vat.code()))
            .or_insert_with(|| VatGroup {
                vat: line.vat.clone(),
                taxable_ore: 0,
                vat_ore: 0,
            });
        group.taxable_ore = add(group.taxable_ore, net)?;
        if let (Vat::Exempt { reason: all }, Vat::Exempt { reason }) = (&mut group.vat, &line.vat) {
            let reason = reason.trim();
            if !all.split("; ").any(|r| r == reason) {
                all.push_str("; ");
                all.push_str(reason);
            }
        }
    }
    if line_net_ore.is_empty() {
        return Err(AmountError::NoLines);
    }
    if groups.len() > 1 && groups.values().any(|g| g.vat == Vat::OutsideScope) {
        return Err(AmountError::OutsideScopeMixed);
    }
    let mut breakdown: Vec<VatGroup> = groups.into_values().collect();
    let mut vat_ore = 0;
    for group in &mut breakdown {
        group.vat_ore = match group.vat {
            Vat::Standard { rate_bp } => group_vat(group.taxable_ore, rate_bp)?,
            _ => 0,
        };
        vat_ore = add(vat_ore, group.vat_ore)?;
    }
    let line_total_ore = line_net_ore.iter().try_fold(0, |a, b| add(a, *b))?;
    let without_vat_ore = line_total_ore;
    let with_vat_ore = add(without_vat_ore, vat_ore)?;
    let due = with_vat_ore
        .checked_sub(prepaid_ore)
        .ok_or(AmountError::Overflow)?;
    let payable_ore = match rounding {
        Rounding::None => due,
        Rounding::WholeKroner => i64::try_from(div_round(i128::from(due), 100) * 100)
            .map_err(|_| AmountError::Overflow)?,
    };
    Ok(Totals {
        line_net_ore,
        breakdown,
        line_total_ore,
        without_vat_ore,
        vat_ore,
        with_vat_ore,
        prepaid_ore,
        rounding_ore: payable_ore - due,
        payable_ore,
    })
}

#[cfg(test)]
mod tests {
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
}
