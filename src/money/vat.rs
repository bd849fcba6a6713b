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
mod tests;
