//! The live margin of an assignment, in øre: what the customer pays per hour minus what the
//! hour costs the agency — the pay plus holiday pay, employer's contribution, pension and
//! insurance, each a firm setting in basis points (1 % = 100). All sums are exact integers;
//! each shown amount is rounded once, half away from zero.

use crate::money::div_round;

/// The firm's cost of employment on top of pay, in basis points of pay.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CostFactors {
    /// Feriepenger: 10.2 % by law (12 % with a collective agreement's fifth week).
    pub holiday_pay_bp: i64,
    /// Arbeidsgiveravgift: 14.1 % in zone 1.
    pub employer_contribution_bp: i64,
    /// Obligatory occupational pension (OTP): at least 2 %.
    pub pension_bp: i64,
    /// Occupational injury and other insurance.
    pub insurance_bp: i64,
}

impl CostFactors {
    pub fn total_bp(&self) -> i64 {
        self.holiday_pay_bp + self.employer_contribution_bp + self.pension_bp + self.insurance_bp
    }
}

impl Default for CostFactors {
    fn default() -> Self {
        Self {
            holiday_pay_bp: 1200,
            employer_contribution_bp: 1410,
            pension_bp: 200,
            insurance_bp: 100,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Margin {
    /// What one hour costs the agency, in øre.
    pub cost_per_hour: i64,
    /// Bill rate minus that cost, in øre (negative when the agency loses money).
    pub per_hour: i64,
    /// The margin as a share of the bill rate, in basis points (`None` when the bill rate is 0).
    pub share_bp: Option<i64>,
}

/// The exact margin per hour times 10 000 (so no rounding happens before the last step).
fn scaled_margin(bill_ore: i64, pay_ore: i64, f: &CostFactors) -> i128 {
    i128::from(bill_ore) * 10_000 - i128::from(pay_ore) * i128::from(10_000 + f.total_bp())
}

pub fn per_hour(bill_ore: i64, pay_ore: i64, f: &CostFactors) -> Margin {
    let cost = div_round(
        i128::from(pay_ore) * i128::from(10_000 + f.total_bp()),
        10_000,
    );
    let scaled = scaled_margin(bill_ore, pay_ore, f);
    Margin {
        cost_per_hour: cost as i64,
        per_hour: div_round(scaled, 10_000) as i64,
        share_bp: (bill_ore > 0).then(|| div_round(scaled, i128::from(bill_ore)) as i64),
    }
}

/// The margin over `minutes` of planned work, in øre, rounded once.
pub fn for_minutes(bill_ore: i64, pay_ore: i64, f: &CostFactors, minutes: i64) -> i64 {
    div_round(
        scaled_margin(bill_ore, pay_ore, f) * i128::from(minutes),
        10_000 * 60,
    ) as i64
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn margin_of_a_warehouse_worker() {
        // Bill 450.00, pay 230.00, costs 12 + 14.1 + 2 + 1 = 29.1 %.
        let m = per_hour(45_000, 23_000, &CostFactors::default());
        assert_eq!(m.cost_per_hour, 29_693); // 230 × 1.291 = 296.93
        assert_eq!(m.per_hour, 15_307);
        assert_eq!(m.share_bp, Some(3402)); // 153.07 / 450 = 34.02 %
    }

    #[test]
    fn rounding_happens_once_over_a_period() {
        // Pay 199.99: cost per hour 258.187… øre-exact, so 1 000 hours differ from 1 000 ×
        // the rounded hour by the accumulated fractions.
        let f = CostFactors::default();
        let m = per_hour(30_000, 19_999, &f);
        assert_eq!(m.cost_per_hour, 25_819); // 199.99 × 1.291 = 258.18709
        assert_eq!(m.per_hour, 4181); // 300 − 258.18709 = 41.81291
        assert_eq!(for_minutes(30_000, 19_999, &f, 1000 * 60), 4_181_291);
        assert_eq!(for_minutes(30_000, 19_999, &f, 30), 2091); // half an hour: 20.906455
    }

    #[test]
    fn a_loss_is_negative_and_rounds_away_from_zero() {
        let m = per_hour(20_000, 20_000, &CostFactors::default());
        assert_eq!(m.per_hour, -5820);
        assert_eq!(m.share_bp, Some(-2910));
        assert_eq!(div_round(-5, 10), -1);
        assert_eq!(div_round(5, 10), 1);
        assert_eq!(div_round(-4, 10), 0);
        assert_eq!(per_hour(0, 100, &CostFactors::default()).share_bp, None);
    }
}
