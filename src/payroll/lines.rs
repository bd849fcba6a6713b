//! The pay lines of a period, from the approved sheets ending in it: per sheet, its normal
//! hours, its overtime per class (priced at the rates fixed when the sheet was submitted — the
//! assignment's for a sheet approved before rates were fixed — rounded once per sheet and
//! item as `timesheets::pay` does) and its priced allowances; each under its wage type. Set
//! against what was already sent: lines not yet sent are the export, unchanged sent lines are
//! counted, and sent lines whose sheet has changed since (reopened, corrected) are listed as
//! differences — never sent again by themselves (decision 0020).

use std::collections::HashMap;

use super::{
    model::{WageType, item_key, item_order, minutes_to_milli},
    store::SentLine,
};
use crate::{
    assignments::{model::OvertimeRate, store::payroll::PayTerms},
    i18n::Lang,
    timesheets::{
        allowances::Quantity,
        pay::{Item, amount},
        store::payroll::PayData,
    },
};

/// A sent line and what the sheet gives now (`None`: the item is gone or the sheet is no
/// longer approved).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Difference {
    pub sent: SentLine,
    pub now: Option<SentLine>,
    /// The sheet's status now.
    pub status: String,
}

#[derive(Clone, Debug, Default)]
pub struct Built {
    /// Not yet sent: what an export sends.
    pub new: Vec<SentLine>,
    /// Sent before and unchanged.
    pub sent_unchanged: usize,
    pub differences: Vec<Difference>,
    /// Item keys of new lines without a wage type (the export waits for the mapping).
    pub unmapped: Vec<String>,
    /// Sheets whose pay at those rates differs from the pay saved with them.
    pub repriced: Vec<i64>,
    /// Sheets ending in the period that are not approved (not exported).
    pub not_approved: usize,
}

/// The text of an item in `lang`.
fn item_name(item: &Item, terms: Option<&PayTerms>, lang: Lang) -> String {
    match item {
        Item::Normal => lang.t("payroll-item-normal"),
        Item::Overtime(Some(p)) => {
            lang.t_with("payroll-item-overtime", &[("percent", p.to_string())])
        }
        Item::Overtime(None) => lang.t("payroll-item-overtime-none"),
        Item::Allowance(code) => terms
            .and_then(|t| t.allowances().into_iter().find(|a| &a.code == code))
            .map_or_else(|| code.clone(), |a| a.name),
    }
}

/// The current pay lines of the approved sheets in `data`, with the wage types (an unmapped
/// item's wage type is empty).
fn current(
    data: &PayData,
    terms: &HashMap<i64, PayTerms>,
    types: &HashMap<String, WageType>,
    lang: Lang,
    repriced: &mut Vec<i64>,
) -> Vec<SentLine> {
    // Per sheet: normal minutes, and overtime minutes per class.
    type Hours = (i64, Vec<(Option<i64>, i64)>);
    let mut hours: HashMap<i64, Hours> = HashMap::new();
    for h in &data.hours {
        let e = hours.entry(h.timesheet_id).or_default();
        e.0 += h.normal_minutes;
        if h.overtime_minutes > 0 {
            e.1.push((h.overtime_percent, h.overtime_minutes));
        }
    }
    let mut allowances: HashMap<i64, Vec<_>> = HashMap::new();
    for a in &data.allowances {
        allowances.entry(a.timesheet_id).or_default().push(a);
    }
    let mut out = Vec::new();
    for sheet in data.sheets.iter().filter(|s| s.status == "approved") {
        let Some(t) = terms.get(&sheet.assignment_id) else {
            continue;
        };
        let mut lines: Vec<(Item, i64, i64, i64)> = Vec::new();
        let (normal, mut overtime) = hours.remove(&sheet.id).unwrap_or_default();
        // The rates fixed at submission (decision 0022); the assignment's for a sheet approved
        // before rates were fixed.
        let pay_rate_ore = sheet.fixed_pay_rate_ore.unwrap_or(t.pay_rate_ore);
        if normal > 0 {
            let q = Quantity::Minutes(normal);
            lines.push((
                Item::Normal,
                minutes_to_milli(normal),
                pay_rate_ore,
                amount(q, pay_rate_ore),
            ));
        }
        overtime.sort_by_key(|(p, _)| p.unwrap_or(i64::MAX));
        let classes: Vec<OvertimeRate> = match &sheet.fixed_overtime {
            Some(fixed) => serde_json::from_str(fixed).unwrap_or_default(),
            None => t.overtime_rates(),
        };
        for (percent, minutes) in overtime {
            let rate = classes
                .iter()
                .find(|c| Some(c.percent) == percent)
                .map_or(pay_rate_ore, |c| c.pay_ore);
            let q = Quantity::Minutes(minutes);
            lines.push((
                Item::Overtime(percent),
                minutes_to_milli(minutes),
                rate,
                amount(q, rate),
            ));
        }
        let mut taxed = lines.iter().map(|l| l.3).sum::<i64>();
        let mut own = allowances.remove(&sheet.id).unwrap_or_default();
        own.sort_by(|a, b| a.allowance_code.cmp(&b.allowance_code));
        for a in own {
            let milli = match (a.minutes, a.quantity_milli) {
                (Some(m), _) => minutes_to_milli(m),
                (None, q) => q.unwrap_or(0),
            };
            if a.kind == "pay" {
                taxed += a.pay_ore;
            }
            lines.push((
                Item::Allowance(a.allowance_code.clone()),
                milli,
                a.pay_rate_ore,
                a.pay_ore,
            ));
        }
        if taxed != sheet.pay_ore {
            repriced.push(sheet.id);
        }
        for (item, quantity_milli, rate_ore, amount_ore) in lines {
            let key = item_key(&item);
            let w = types.get(&key);
            out.push(SentLine {
                timesheet_id: sheet.id,
                item_name: item_name(&item, Some(t), lang),
                item: key,
                worker_id: t.worker_id,
                assignment_id: t.id,
                period_start: sheet.period_start.clone(),
                period_end: sheet.period_end.clone(),
                wage_type: w.map(|w| w.code.clone()).unwrap_or_default(),
                quantity_milli,
                rate_ore,
                amount_ore,
                holiday_pay_basis: w.is_some_and(|w| w.holiday_pay_basis).into(),
                tax_free: w.is_some_and(|w| w.tax_free).into(),
            });
        }
    }
    out
}

/// Whether what a sent line says still holds.
fn same(a: &SentLine, b: &SentLine) -> bool {
    (a.quantity_milli, a.rate_ore, a.amount_ore) == (b.quantity_milli, b.rate_ore, b.amount_ore)
}

/// The period's lines set against `sent` (the lines already sent for sheets ending in it).
pub fn build(
    data: &PayData,
    terms: &HashMap<i64, PayTerms>,
    types: &HashMap<String, WageType>,
    sent: &[SentLine],
    lang: Lang,
) -> Built {
    let mut built = Built {
        not_approved: data
            .sheets
            .iter()
            .filter(|s| s.status != "approved")
            .count(),
        ..Built::default()
    };
    let now = current(data, terms, types, lang, &mut built.repriced);
    let sent_by: HashMap<(i64, &str), &SentLine> = sent
        .iter()
        .map(|l| ((l.timesheet_id, l.item.as_str()), l))
        .collect();
    let status: HashMap<i64, &str> = data
        .sheets
        .iter()
        .map(|s| (s.id, s.status.as_str()))
        .collect();
    let mut seen = std::collections::HashSet::new();
    for line in now {
        match sent_by.get(&(line.timesheet_id, line.item.as_str())) {
            Some(old) => {
                seen.insert((line.timesheet_id, line.item.clone()));
                if same(old, &line) {
                    built.sent_unchanged += 1;
                } else {
                    built.differences.push(Difference {
                        sent: (*old).clone(),
                        now: Some(line),
                        status: "approved".into(),
                    });
                }
            }
            None => {
                if line.wage_type.is_empty() && !built.unmapped.contains(&line.item) {
                    built.unmapped.push(line.item.clone());
                }
                built.new.push(line);
            }
        }
    }
    for old in sent {
        if !seen.contains(&(old.timesheet_id, old.item.clone())) {
            built.differences.push(Difference {
                sent: old.clone(),
                now: None,
                status: status.get(&old.timesheet_id).unwrap_or(&"").to_string(),
            });
        }
    }
    built
        .unmapped
        .sort_by(|a, b| item_order(a).cmp(&item_order(b)));
    built.new.sort_by(|a, b| {
        (a.worker_id, &a.period_start, item_order(&a.item)).cmp(&(
            b.worker_id,
            &b.period_start,
            item_order(&b.item),
        ))
    });
    built
}
