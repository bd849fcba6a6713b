//! The expected gross pay and the bill of a sheet, in øre: normal minutes × the pay (bill)
//! rate, overtime minutes × their class's rate, and the allowances — pay (taxed, part of the
//! holiday-pay basis) kept apart from expense reimbursements (tax-free, neither). Each line is
//! rounded once, half away from zero: minutes × øre per hour / 60, thousandths of a unit × øre
//! per unit / 1000. Overtime of an assignment without overtime rates is priced at the normal
//! rate (the assignment's compliance light already warns that it lacks them).

use super::{
    allowances::{Earned, Quantity},
    split::SheetSplit,
};
use crate::{
    assignments::{
        allowance::{Allowance, AllowanceKind},
        model::OvertimeRate,
    },
    money::div_round,
};

/// An assignment's rates, øre per hour.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Rates {
    pub pay_ore: i64,
    pub bill_ore: i64,
    pub overtime: Vec<OvertimeRate>,
}

/// What a pay line is for: the payroll settings map each to a wage type code.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Item {
    Normal,
    /// Overtime in a class (percent); `None` when the assignment has no overtime rates.
    Overtime(Option<i64>),
    /// An allowance by its code.
    Allowance(String),
}

/// How payroll treats a line.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Basis {
    /// Taxed pay, part of the holiday-pay basis (feriepengegrunnlag).
    HolidayPay,
    /// A tax-free reimbursement of expenses.
    Reimbursement,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PayLine {
    pub item: Item,
    pub quantity: Quantity,
    pub basis: Basis,
    /// Øre per hour (minutes) or per unit.
    pub pay_rate_ore: i64,
    pub pay_ore: i64,
    pub bill_rate_ore: i64,
    pub bill_ore: i64,
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SheetPay {
    pub lines: Vec<PayLine>,
    /// Gross pay: the holiday-pay basis.
    pub pay_ore: i64,
    /// Reimbursements, paid out beside the pay.
    pub expenses_ore: i64,
    /// The bill before VAT.
    pub bill_ore: i64,
}

/// `quantity` at `rate_ore` (per hour for minutes, per unit for thousandths), rounded once.
pub fn amount(quantity: Quantity, rate_ore: i64) -> i64 {
    let (n, d) = match quantity {
        Quantity::Minutes(m) => (m, 60),
        Quantity::Milli(m) => (m, 1000),
    };
    i64::try_from(div_round(i128::from(n) * i128::from(rate_ore), d)).unwrap_or(i64::MAX)
}

/// The pay and bill of a split sheet and its earned allowances (see [`super::allowances`]).
/// An earned allowance whose code the assignment no longer has is left out.
pub fn sheet_pay(
    rates: &Rates,
    split: &SheetSplit,
    allowances: &[Allowance],
    earned: &[Earned],
) -> SheetPay {
    let mut lines = Vec::new();
    let mut push = |item, quantity, basis, pay_rate_ore, bill_rate_ore| {
        lines.push(PayLine {
            item,
            quantity,
            basis,
            pay_rate_ore,
            pay_ore: amount(quantity, pay_rate_ore),
            bill_rate_ore,
            bill_ore: amount(quantity, bill_rate_ore),
        })
    };
    if split.normal > 0 {
        let q = Quantity::Minutes(split.normal);
        push(
            Item::Normal,
            q,
            Basis::HolidayPay,
            rates.pay_ore,
            rates.bill_ore,
        );
    }
    for (&percent, &minutes) in &split.overtime {
        let class = rates.overtime.iter().find(|o| Some(o.percent) == percent);
        let (pay, bill) =
            class.map_or((rates.pay_ore, rates.bill_ore), |c| (c.pay_ore, c.bill_ore));
        let q = Quantity::Minutes(minutes);
        push(Item::Overtime(percent), q, Basis::HolidayPay, pay, bill);
    }
    for e in earned {
        let Some(a) = allowances.iter().find(|a| a.code == e.code) else {
            continue;
        };
        let basis = match a.kind {
            AllowanceKind::Pay => Basis::HolidayPay,
            AllowanceKind::Expense => Basis::Reimbursement,
        };
        push(
            Item::Allowance(a.code.clone()),
            e.quantity,
            basis,
            a.pay_ore,
            a.bill_ore,
        );
    }
    let sum = |basis: Basis| -> i64 {
        lines
            .iter()
            .filter(|l| l.basis == basis)
            .map(|l| l.pay_ore)
            .sum()
    };
    SheetPay {
        pay_ore: sum(Basis::HolidayPay),
        expenses_ore: sum(Basis::Reimbursement),
        bill_ore: lines.iter().map(|l| l.bill_ore).sum(),
        lines,
    }
}

#[cfg(test)]
mod tests;
