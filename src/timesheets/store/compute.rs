//! A sheet's input checked and computed through the rules, without the database: the day lines
//! parsed ([`crate::timesheets::line`]), hand-entered units checked, then the split, the
//! allowances and the pay. Errors carry the line's (or unit's) index, so a page shows each
//! message beside what was typed.

use time::Date;

use crate::{
    assignments::store::sheet_terms::Terms,
    error::{FieldErrors, Msg},
    timesheets::{
        allowances::{Earned, UnitEntry, check_unit, parse_quantity, sheet_allowances},
        line::{Line, LineDraft},
        pay::{Rates, SheetPay, sheet_pay},
        period::Period,
        split::{Agreement, SheetSplit, split_sheet},
    },
};

/// A hand-entered quantity as typed: the allowance's code and e.g. `12,5`.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Deserialize)]
pub struct UnitDraft {
    pub code: String,
    pub quantity: String,
}

/// The field name of a line's error: `line-3-start`.
pub fn line_field(index: usize, field: &str) -> String {
    format!("line-{index}-{field}")
}

/// A line left wholly empty (start, end, break and comment) is no line: a page may offer blank
/// rows, or one row per day.
pub fn is_blank(d: &LineDraft) -> bool {
    [&d.start, &d.end, &d.break_minutes, &d.comment]
        .iter()
        .all(|s| s.trim().is_empty())
}

/// Checks every line and unit; all errors at once, by index (`line-{i}-{field}`, `unit-{i}`).
pub fn parse(
    terms: &Terms,
    period: &Period,
    drafts: &[LineDraft],
    units: &[UnitDraft],
) -> Result<(Vec<Line>, Vec<UnitEntry>), FieldErrors> {
    let mut errors = FieldErrors::default();
    let mut lines = Vec::new();
    for (i, d) in drafts.iter().enumerate() {
        if is_blank(d) {
            continue;
        }
        match d.validate(Some(period)) {
            Ok(l) => lines.push(l),
            Err(es) => {
                for e in es {
                    errors.add(&line_field(i, e.field()), Msg::new(e.key()));
                }
            }
        }
    }
    let allowances = terms.allowances();
    let mut entries = Vec::new();
    for (i, u) in units.iter().enumerate() {
        if u.quantity.trim().is_empty() {
            continue;
        }
        let entry = UnitEntry {
            code: u.code.trim().to_string(),
            quantity_milli: parse_quantity(&u.quantity).unwrap_or(0),
        };
        match check_unit(&allowances, &entry) {
            Ok(()) => entries.push(entry),
            Err(e) => errors.add(&format!("unit-{i}"), Msg::new(e.key())),
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    lines.sort_by_key(|l| (l.interval().start, l.end));
    Ok((lines, entries))
}

/// What the rules give for a sheet.
pub struct Computed {
    pub split: SheetSplit,
    pub earned: Vec<Earned>,
    pub pay: SheetPay,
}

pub fn agreement(terms: &Terms) -> Agreement {
    Agreement {
        week: terms.week(),
        week_minutes: terms.hours_per_week_minutes,
        overtime: terms.overtime_rates(),
    }
}

/// Split, allowances and pay of `lines`; `other_part`: the other part of a split week as
/// (date, worked minutes).
pub fn compute(
    terms: &Terms,
    lines: &[Line],
    units: &[UnitEntry],
    other_part: &[(Date, i64)],
) -> Computed {
    let agreement = agreement(terms);
    let split = split_sheet(&agreement, lines, other_part);
    let allowances = terms.allowances();
    let earned = sheet_allowances(&allowances, lines, units);
    let rates = Rates {
        pay_ore: terms.pay_rate_ore,
        bill_ore: terms.bill_rate_ore,
        overtime: agreement.overtime.clone(),
    };
    let pay = sheet_pay(&rates, &split, &allowances, &earned);
    Computed { split, earned, pay }
}
