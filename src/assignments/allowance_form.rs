//! The allowances (tillegg) section of the assignment form: rows as typed ([`AllowanceDraft`],
//! fields `allowance_<row>_<field>`), the common presets (evening, night, Saturday, Sunday,
//! public holiday, km, meal) that fill a row's empty fields, and the checking of the rows into
//! [`Allowance`]s with an error on the row's field. The form shows the stored rows and a few
//! empty ones; an empty row is ignored. The JSON API sends [`Allowance`]s, turned into rows
//! here so both are checked alike.

use super::allowance::{Allowance, AllowanceKind, Days, Rule, Unit};
use crate::{
    error::{FieldErrors, Msg},
    i18n::Lang,
    money::{input_kr, parse_kr},
};

/// How many empty rows the form offers below the filled ones.
pub const EMPTY_ROWS: usize = 3;
/// The most allowances an assignment takes.
pub const MAX_ROWS: usize = 20;

/// The presets, in the order the form offers them.
pub const PRESETS: [&str; 7] = [
    "evening", "night", "saturday", "sunday", "holiday", "km", "meal",
];

/// One allowance row as typed; every field a string so it can be shown back as it was.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct AllowanceDraft {
    /// One of [`PRESETS`]: fills the row's empty fields.
    pub preset: String,
    pub name: String,
    pub code: String,
    /// `window`, `after_hours` or `per_unit`.
    pub rule: String,
    /// `HH:MM`, for a window.
    pub start: String,
    pub end: String,
    /// Weekdays `1` (Monday) … `7`, comma-separated, for a window.
    pub days: String,
    /// "1": the window applies on public holidays.
    pub holidays: String,
    /// Hours a day after which it is paid (`after_hours`), e.g. `9` or `7,5`.
    pub hours: String,
    /// `km`, `meal`, `day` or `piece` (`per_unit`).
    pub unit: String,
    /// `pay` or `expense`.
    pub kind: String,
    /// Kroner per hour or per unit.
    pub bill: String,
    pub pay: String,
}

fn clock_text(m: u16) -> String {
    format!("{:02}:{:02}", m / 60, m % 60)
}

fn clock(s: &str) -> Option<u16> {
    let (h, m) = s.trim().split_once(':')?;
    if h.is_empty() || h.len() > 2 || m.len() != 2 {
        return None;
    }
    let (h, m): (u16, u16) = (h.parse().ok()?, m.parse().ok()?);
    (h < 24 && m < 60).then_some(h * 60 + m)
}

impl From<&Allowance> for AllowanceDraft {
    fn from(a: &Allowance) -> Self {
        let mut d = AllowanceDraft {
            name: a.name.clone(),
            code: a.code.clone(),
            kind: match a.kind {
                AllowanceKind::Pay => "pay",
                AllowanceKind::Expense => "expense",
            }
            .into(),
            bill: input_kr(a.bill_ore),
            pay: input_kr(a.pay_ore),
            ..Default::default()
        };
        match a.rule {
            Rule::Window { start, end, days } => {
                d.rule = "window".into();
                d.start = clock_text(start);
                d.end = clock_text(end);
                d.days = (1..=7usize)
                    .filter(|i| days.weekdays[i - 1])
                    .map(|i| i.to_string())
                    .collect::<Vec<_>>()
                    .join(",");
                d.holidays = if days.holidays { "1".into() } else { "".into() };
            }
            Rule::AfterHours { minutes } => {
                d.rule = "after_hours".into();
                d.hours = input_kr(i64::from(minutes) * 100 / 60);
            }
            Rule::PerUnit { unit } => {
                d.rule = "per_unit".into();
                d.unit = unit.as_str().into();
            }
        }
        d
    }
}

/// A preset as a row: name in `lang`, the rule and its days; amounts left to type.
pub fn preset(code: &str, lang: Lang) -> Option<AllowanceDraft> {
    let window = |start: &str, end: &str, days: &str, holidays: bool| AllowanceDraft {
        rule: "window".into(),
        start: start.into(),
        end: end.into(),
        days: days.into(),
        holidays: if holidays { "1".into() } else { "".into() },
        kind: "pay".into(),
        ..Default::default()
    };
    let unit = |u: &str| AllowanceDraft {
        rule: "per_unit".into(),
        unit: u.into(),
        kind: "expense".into(),
        ..Default::default()
    };
    let mut d = match code {
        "evening" => window("17:00", "21:00", "1,2,3,4,5", false),
        "night" => window("21:00", "06:00", "1,2,3,4,5,6,7", true),
        "saturday" => window("00:00", "00:00", "6", false),
        "sunday" => window("00:00", "00:00", "7", false),
        "holiday" => window("00:00", "00:00", "", true),
        "km" => unit("km"),
        "meal" => unit("meal"),
        _ => return None,
    };
    d.code = code.into();
    d.name = lang.t(&format!("allowance-preset-{code}"));
    Some(d)
}

impl AllowanceDraft {
    pub fn is_blank(&self) -> bool {
        [
            &self.preset,
            &self.name,
            &self.code,
            &self.start,
            &self.end,
            &self.hours,
            &self.bill,
            &self.pay,
        ]
        .iter()
        .all(|v| v.trim().is_empty())
    }

    /// Fills the empty fields from the chosen preset (what was typed wins), and forgets it.
    pub fn fill_preset(&mut self, lang: Lang) {
        let Some(p) = preset(self.preset.trim(), lang) else {
            self.preset.clear();
            return;
        };
        let untouched = self.name.trim().is_empty() && self.code.trim().is_empty();
        let fill = |t: &mut String, v: String| {
            if t.trim().is_empty() {
                *t = v;
            }
        };
        fill(&mut self.name, p.name);
        fill(&mut self.code, p.code);
        fill(&mut self.start, p.start);
        fill(&mut self.end, p.end);
        if untouched {
            // A fresh row's selects and boxes show defaults: the preset's rule decides.
            self.rule = p.rule;
            self.days = p.days;
            self.holidays = p.holidays;
            self.unit = p.unit;
            self.kind = p.kind;
        }
        self.preset.clear();
    }

    pub fn has_day(&self, day: &usize) -> bool {
        self.days.split(',').any(|d| d.trim() == day.to_string())
    }
}

/// Reads the rows from the form's pairs (`allowance_<row>_<field>`; `day` repeats), in row
/// order, empty rows included so each keeps its number.
pub fn from_pairs(pairs: &[(String, String)]) -> Vec<AllowanceDraft> {
    let mut rows: Vec<AllowanceDraft> = Vec::new();
    let mut removed: Vec<usize> = Vec::new();
    for (key, value) in pairs {
        let Some(rest) = key.strip_prefix("allowance_") else {
            continue;
        };
        let Some((i, field)) = rest.split_once('_') else {
            continue;
        };
        let Some(i) = i
            .parse::<usize>()
            .ok()
            .filter(|i| *i < MAX_ROWS + EMPTY_ROWS)
        else {
            continue;
        };
        if rows.len() <= i {
            rows.resize_with(i + 1, AllowanceDraft::default);
        }
        let r = &mut rows[i];
        let v = value.clone();
        match field {
            "preset" => r.preset = v,
            "name" => r.name = v,
            "code" => r.code = v,
            "rule" => r.rule = v,
            "start" => r.start = v,
            "end" => r.end = v,
            "day" => {
                if !r.days.is_empty() {
                    r.days.push(',');
                }
                r.days.push_str(&v);
            }
            "holidays" => r.holidays = v,
            "hours" => r.hours = v,
            "unit" => r.unit = v,
            "kind" => r.kind = v,
            "bill" => r.bill = v,
            "pay" => r.pay = v,
            // "Remove" on a row: it is left empty, so it is not saved.
            "remove" => removed.push(i),
            _ => {}
        }
    }
    for i in removed {
        rows[i] = AllowanceDraft::default();
    }
    rows
}

/// Reads the rows and fills those with a preset chosen (names in `lang`).
pub fn from_form(pairs: &[(String, String)], lang: Lang) -> Vec<AllowanceDraft> {
    let mut rows = from_pairs(pairs);
    for r in &mut rows {
        r.fill_preset(lang);
    }
    rows
}

/// Checks the rows that are not empty; errors go on `allowance_<row>_<field>`.
pub fn validate(rows: &[AllowanceDraft], e: &mut FieldErrors) -> Vec<Allowance> {
    let mut out: Vec<Allowance> = Vec::new();
    let filled: Vec<(usize, &AllowanceDraft)> = rows
        .iter()
        .enumerate()
        .filter(|(_, r)| !r.is_blank())
        .collect();
    if filled.len() > MAX_ROWS {
        e.add(
            "allowances",
            Msg::new("allowance-too-many").arg("max", MAX_ROWS),
        );
        return out;
    }
    let mut codes: Vec<String> = Vec::new();
    for (i, r) in filled {
        let f = |field: &str| format!("allowance_{i}_{field}");
        let mut ok = true;
        let mut err = |field: &str, msg: Msg| {
            e.add(&f(field), msg);
            ok = false;
        };
        let name = r.name.trim().to_string();
        if name.is_empty() {
            err("name", Msg::new("field-required"));
        } else if name.chars().count() > 100 {
            err("name", Msg::new("field-too-long").arg("max", 100));
        } else if crate::error::has_control_chars(&name) {
            err("name", Msg::new("field-control-chars"));
        }
        let code = r.code.trim().to_lowercase();
        if code.is_empty() {
            err("code", Msg::new("field-required"));
        } else if code.len() > 30
            || !code
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_' || b == b'-')
        {
            err("code", Msg::new("allowance-code-invalid"));
        } else if codes.contains(&code) {
            err(
                "code",
                Msg::new("allowance-code-duplicate").arg("code", code.as_str()),
            );
        }
        codes.push(code.clone());
        let rule = match r.rule.trim() {
            "window" => {
                let start = clock(&r.start);
                let end = clock(&r.end);
                if start.is_none() {
                    err("start", Msg::new("allowance-time-invalid"));
                }
                if end.is_none() {
                    err("end", Msg::new("allowance-time-invalid"));
                }
                let mut weekdays = [false; 7];
                for d in r
                    .days
                    .split(',')
                    .filter_map(|d| d.trim().parse::<usize>().ok())
                {
                    if (1..=7).contains(&d) {
                        weekdays[d - 1] = true;
                    }
                }
                let holidays = matches!(r.holidays.trim(), "1" | "on" | "true");
                if !holidays && !weekdays.contains(&true) {
                    err("days", Msg::new("allowance-days-required"));
                }
                start.zip(end).map(|(start, end)| Rule::Window {
                    start,
                    end,
                    days: Days { weekdays, holidays },
                })
            }
            "after_hours" => parse_kr(&r.hours)
                .map(|h| h * 60 / 100)
                .filter(|m| (1..=24 * 60).contains(m))
                .map(|m| Rule::AfterHours { minutes: m as u16 })
                .or_else(|| {
                    err("hours", Msg::new("allowance-hours-invalid"));
                    None
                }),
            "per_unit" => Unit::parse(r.unit.trim())
                .map(|unit| Rule::PerUnit { unit })
                .or_else(|| {
                    err("unit", Msg::new("filter-invalid"));
                    None
                }),
            _ => {
                err("rule", Msg::new("filter-invalid"));
                None
            }
        };
        let kind = match r.kind.trim() {
            "pay" => Some(AllowanceKind::Pay),
            "expense" => Some(AllowanceKind::Expense),
            _ => {
                err("kind", Msg::new("filter-invalid"));
                None
            }
        };
        let mut amount = |field: &str, raw: &str| -> Option<i64> {
            let raw = raw.trim();
            if raw.is_empty() {
                err(field, Msg::new("field-required"));
                return None;
            }
            if raw.starts_with(['-', '−']) {
                err(field, Msg::new("allowance-amount-negative"));
                return None;
            }
            parse_kr(raw).filter(|o| *o >= 0).or_else(|| {
                err(field, Msg::new("assignment-rate-invalid"));
                None
            })
        };
        let bill = amount("bill", &r.bill);
        let pay = amount("pay", &r.pay);
        if let (true, Some(rule), Some(kind), Some(bill_ore), Some(pay_ore)) =
            (ok, rule, kind, bill, pay)
        {
            out.push(Allowance {
                code,
                name,
                rule,
                kind,
                bill_ore,
                pay_ore,
            });
        }
    }
    out
}

#[cfg(test)]
mod tests;
