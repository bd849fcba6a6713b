//! Allowances as people read them: the form's section (rows with their errors, presets, rules,
//! units) rendered as a partial, and the lines the assignment page and the worker's
//! confirmation show. The customer portal shows none of this (`portal` selects no rates).

use askama::Template;

use super::{
    allowance::{Allowance, AllowanceKind, Rule},
    allowance_form::{AllowanceDraft, EMPTY_ROWS, PRESETS},
};
use crate::{error::FieldErrors, i18n::Lang, money::format_kr, web::form::field_messages};

/// The form's allowances section: the typed (or stored) rows, then empty ones.
#[derive(Template)]
#[template(path = "assignments/_allowances.html")]
pub struct Section<'a> {
    lang: Lang,
    rows: Vec<(usize, AllowanceDraft)>,
    errors: &'a FieldErrors,
}

impl<'a> Section<'a> {
    pub fn new(lang: Lang, typed: &[AllowanceDraft], errors: &'a FieldErrors) -> Self {
        // As typed, empty rows included: an error names its row by number.
        let mut rows = typed.to_vec();
        let filled = rows.iter().filter(|r| !r.is_blank()).count();
        let blanks = rows.len() - filled;
        for _ in blanks..EMPTY_ROWS {
            rows.push(AllowanceDraft {
                rule: "window".into(),
                kind: "pay".into(),
                ..Default::default()
            });
        }
        Self {
            lang,
            rows: rows.into_iter().enumerate().collect(),
            errors,
        }
    }

    fn errs(&self, i: &usize, field: &str) -> Vec<String> {
        field_messages(self.errors, self.lang, &format!("allowance_{i}_{field}"))
    }
    fn bad(&self, i: &usize, field: &str) -> &'static str {
        if self.errs(i, field).is_empty() {
            ""
        } else {
            " has-error"
        }
    }
    fn all_errs(&self) -> Vec<String> {
        field_messages(self.errors, self.lang, "allowances")
    }
    fn presets(&self) -> Vec<(&'static str, String)> {
        PRESETS
            .iter()
            .map(|p| (*p, self.lang.t(&format!("allowance-preset-{p}"))))
            .collect()
    }
    fn rules(&self) -> Vec<(&'static str, String)> {
        ["window", "after_hours", "per_unit"]
            .iter()
            .map(|r| (*r, self.lang.t(&format!("allowance-rule-{r}"))))
            .collect()
    }
    fn units(&self) -> Vec<(&'static str, String)> {
        super::allowance::Unit::ALL
            .iter()
            .map(|u| {
                (
                    u.as_str(),
                    self.lang.t(&format!("allowance-unit-{}", u.as_str())),
                )
            })
            .collect()
    }
    fn kinds(&self) -> Vec<(&'static str, String)> {
        ["pay", "expense"]
            .iter()
            .map(|k| (*k, self.lang.t(&format!("allowance-kind-{k}"))))
            .collect()
    }
    fn weekdays(&self) -> Vec<(usize, String)> {
        (1..=7)
            .map(|d| (d, self.lang.t(&format!("weekday-short-{d}"))))
            .collect()
    }
}

/// One allowance as the assignment page shows it.
pub struct Line {
    pub name: String,
    pub code: String,
    /// "21:00–06:00, Man, Søn, helligdager", "etter 9 t per dag", "per km".
    pub rule: String,
    /// "Lønn" or "Utgiftsgodtgjørelse".
    pub kind: String,
    pub bill: String,
    pub pay: String,
}

fn clock(m: u16) -> String {
    format!("{:02}:{:02}", m / 60, m % 60)
}

pub fn rule_text(lang: Lang, rule: &Rule) -> String {
    match rule {
        Rule::Window { start, end, days } => {
            let mut parts: Vec<String> = (1..=7usize)
                .filter(|d| days.weekdays[d - 1])
                .map(|d| lang.t(&format!("weekday-short-{d}")))
                .collect();
            if days.holidays {
                parts.push(lang.t("allowance-holidays"));
            }
            let time = if start == end {
                lang.t("allowance-whole-day")
            } else {
                format!("{}–{}", clock(*start), clock(*end))
            };
            format!("{time}, {}", parts.join(", "))
        }
        Rule::AfterHours { minutes } => lang.t_with(
            "allowance-after-hours-text",
            &[("hours", crate::timefmt::hours_text(i64::from(*minutes)))],
        ),
        Rule::PerUnit { unit } => lang.t(&format!("allowance-per-{}", unit.as_str())),
    }
}

pub fn lines(lang: Lang, allowances: &[Allowance]) -> Vec<Line> {
    allowances
        .iter()
        .map(|a| Line {
            name: a.name.clone(),
            code: a.code.clone(),
            rule: rule_text(lang, &a.rule),
            kind: lang.t(match a.kind {
                AllowanceKind::Pay => "allowance-kind-pay",
                AllowanceKind::Expense => "allowance-kind-expense",
            }),
            bill: format_kr(a.bill_ore),
            pay: format_kr(a.pay_ore),
        })
        .collect()
}
