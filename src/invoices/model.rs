//! An invoice line as the store takes it, and its checks: the VAT category and rate combinations
//! `money::vat` accepts, the exemption reason where EN 16931 wants one (and none where it forbids
//! it), a unit from `ehf::Unit`, a unit price never negative. Errors name the field.

use crate::{
    AppError, Result,
    ehf::Unit,
    error::{FieldErrors, Msg},
    money::vat::{self, Vat},
};

/// A draft line as typed (the pages and the API parse amounts into these).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct LineInput {
    pub description: String,
    /// Thousandths: `7500` = 7,5.
    pub quantity_milli: i64,
    /// UN/ECE rec. 20 (`HUR`, `DAY`, `C62`, …), see [`Unit`].
    pub unit_code: String,
    pub unit_price_ore: i64,
    /// `S`, `Z`, `E`, `AE` or `O`.
    pub vat_category: String,
    /// Basis points: 2500 = 25 %. Above 0 for `S`, 0 for the others.
    pub vat_rate_bp: i64,
    pub exemption_reason: Option<String>,
}

/// A checked line with its net amount (BT-131).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CheckedLine {
    pub description: String,
    pub quantity_milli: i64,
    pub unit: Unit,
    pub unit_price_ore: i64,
    pub vat: Vat,
    pub line_net_ore: i64,
}

/// The largest quantity a line takes (a million units), so amounts stay far from overflow.
const MAX_QUANTITY_MILLI: i64 = 1_000_000_000;
/// The largest unit price (a hundred million kroner).
const MAX_PRICE_ORE: i64 = 10_000_000_000;

/// The VAT of a stored or typed category, rate and reason; `None` if the combination is not one
/// `money::vat` takes.
pub fn vat_of(category: &str, rate_bp: i64, reason: Option<&str>) -> Option<Vat> {
    let reason = reason.map(str::trim).filter(|r| !r.is_empty());
    match (category, rate_bp, reason) {
        ("S", 1..=10_000, None) => Some(Vat::Standard {
            rate_bp: u32::try_from(rate_bp).ok()?,
        }),
        ("Z", 0, None) => Some(Vat::ZeroRated),
        ("E", 0, Some(r)) => Some(Vat::Exempt { reason: r.into() }),
        ("AE", 0, None) => Some(Vat::ReverseCharge),
        ("O", 0, None) => Some(Vat::OutsideScope),
        _ => None,
    }
}

impl LineInput {
    pub fn check(&self) -> Result<CheckedLine> {
        let mut errors = FieldErrors::default();
        let description = self.description.trim().to_string();
        if description.is_empty() {
            errors.add("description", Msg::new("invoice-line-description-required"));
        }
        errors.single_line("description", &description);
        if self.quantity_milli == 0 || self.quantity_milli.abs() > MAX_QUANTITY_MILLI {
            errors.add("quantity", Msg::new("invoice-line-quantity"));
        }
        let unit = Unit::from_code(self.unit_code.trim());
        if unit.is_none() {
            errors.add("unit", Msg::new("invoice-line-unit"));
        }
        if !(0..=MAX_PRICE_ORE).contains(&self.unit_price_ore) {
            errors.add("unit_price", Msg::new("invoice-line-price"));
        }
        let reason = self.exemption_reason.as_deref();
        let has_reason = reason.is_some_and(|r| !r.trim().is_empty());
        let vat = vat_of(self.vat_category.trim(), self.vat_rate_bp, reason);
        if vat.is_none() {
            match self.vat_category.trim() {
                "S" | "Z" | "AE" | "O" if has_reason => errors.add(
                    "exemption_reason",
                    Msg::new("invoice-line-reason-forbidden"),
                ),
                "E" if !has_reason => {
                    errors.add("exemption_reason", Msg::new("invoice-line-reason-required"))
                }
                "S" | "Z" | "E" | "AE" | "O" => {
                    errors.add("vat_rate", Msg::new("invoice-line-vat-rate"))
                }
                _ => errors.add("vat_category", Msg::new("invoice-line-vat-category")),
            }
        }
        if let Some(r) = reason {
            errors.single_line("exemption_reason", r);
        }
        errors.into_result()?;
        let (Some(unit), Some(vat)) = (unit, vat) else {
            return Err(AppError::Internal(anyhow::anyhow!(
                "checked line lost its unit or VAT"
            )));
        };
        let line_net_ore = vat::line_net(self.quantity_milli, self.unit_price_ore)
            .map_err(|_| AppError::Internal(anyhow::anyhow!("line amount overflow")))?;
        Ok(CheckedLine {
            description,
            quantity_milli: self.quantity_milli,
            unit,
            unit_price_ore: self.unit_price_ore,
            vat,
            line_net_ore,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(category: &str, rate: i64, reason: Option<&str>) -> LineInput {
        LineInput {
            description: "Lagermedarbeider".into(),
            quantity_milli: 7500,
            unit_code: "HUR".into(),
            unit_price_ore: 45_000,
            vat_category: category.into(),
            vat_rate_bp: rate,
            exemption_reason: reason.map(Into::into),
        }
    }

    fn fields(input: LineInput) -> Vec<String> {
        match input.check() {
            Err(AppError::Invalid(f)) => f.0.keys().cloned().collect(),
            other => panic!("expected invalid, got {other:?}"),
        }
    }

    #[test]
    fn categories_and_rates() {
        assert_eq!(line("S", 2500, None).check().unwrap().line_net_ore, 337_500);
        assert!(line("Z", 0, None).check().is_ok());
        assert!(line("E", 0, Some("mval. § 3-2")).check().is_ok());
        assert!(line("AE", 0, None).check().is_ok());
        assert!(line("O", 0, None).check().is_ok());
        assert_eq!(fields(line("S", 0, None)), ["vat_rate"]);
        assert_eq!(fields(line("Z", 2500, None)), ["vat_rate"]);
        assert_eq!(fields(line("E", 0, None)), ["exemption_reason"]);
        assert_eq!(fields(line("Z", 0, Some("x"))), ["exemption_reason"]);
        assert_eq!(fields(line("X", 0, None)), ["vat_category"]);
    }

    #[test]
    fn amounts_and_text() {
        let mut l = line("S", 2500, None);
        l.quantity_milli = 0;
        l.unit_price_ore = -1;
        l.unit_code = "XYZ".into();
        l.description = " ".into();
        assert_eq!(fields(l), ["description", "quantity", "unit", "unit_price"]);
    }
}
