//! An assignment's form as typed ([`AssignmentDraft`]) and checked ([`AssignmentData`]):
//! dates, rates in kroner turned into øre, the standard week, the legal basis and the hirer's
//! terms. The law's rules are not checked here (they warn, see [`super::compliance`]); only
//! what cannot be saved is refused.

use serde::{Deserialize, Serialize};
use time::Date;

use super::{
    allowance::Allowance,
    allowance_form::AllowanceDraft,
    compliance::{LegalBasis, OvertimeClass},
    week::{Shift, StandardWeek},
};
use crate::{
    error::{FieldErrors, Msg},
    money::parse_kr,
    timefmt::when::{date_string, parse_date},
};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    Planned,
    Active,
    Ended,
    Cancelled,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Planned => "planned",
            Status::Active => "active",
            Status::Ended => "ended",
            Status::Cancelled => "cancelled",
        }
    }
    pub fn parse(s: &str) -> Option<Self> {
        [
            Status::Planned,
            Status::Active,
            Status::Ended,
            Status::Cancelled,
        ]
        .into_iter()
        .find(|v| v.as_str() == s)
    }
}

/// The form as typed: every field a string, so it can be shown back exactly as it was.
#[derive(Clone, Debug, Default, Deserialize, Serialize, PartialEq, Eq, utoipa::ToSchema)]
#[serde(default)]
pub struct AssignmentDraft {
    pub worker_id: String,
    pub title: String,
    /// STYRK-08 occupation code, four digits.
    pub styrk_code: String,
    pub workplace_street: String,
    pub workplace_postal_code: String,
    pub workplace_city: String,
    /// "1": construction work on a building site.
    pub building_site: String,
    pub consultant_id: String,
    pub approver_contact_id: String,
    pub second_approver_contact_id: String,
    /// `YYYY-MM-DD`.
    pub from_date: String,
    /// `YYYY-MM-DD`, empty for an open end.
    pub to_date: String,
    /// Hours per week, e.g. `37,5`.
    pub hours_per_week: String,
    /// Weekdays worked, `1` (Monday) … `7` (Sunday), comma-separated.
    pub days: String,
    /// `07:30`.
    pub day_start: String,
    pub day_end: String,
    pub break_minutes: String,
    /// Kroner per hour, e.g. `450` or `450,50`.
    pub bill_rate: String,
    pub pay_rate: String,
    pub ot50_bill: String,
    pub ot50_pay: String,
    pub ot100_bill: String,
    pub ot100_pay: String,
    /// `temporary_work`, `substitute` or `agreement`.
    pub legal_basis: String,
    pub legal_basis_text: String,
    /// The hirer's pay for the position (kroner per hour) and when it was last confirmed.
    pub equal_pay: String,
    pub equal_confirmed_on: String,
    pub purchase_order: String,
    pub invoice_grouping: String,
    /// The allowance rows (`allowance_<row>_<field>` on the form; see `allowance_form`).
    #[serde(skip)]
    pub allowances: Vec<AllowanceDraft>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OvertimeRate {
    pub percent: i64,
    pub bill_ore: i64,
    pub pay_ore: i64,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AssignmentData {
    pub worker_id: i64,
    pub title: String,
    pub styrk_code: Option<String>,
    pub workplace_street: Option<String>,
    pub workplace_postal_code: Option<String>,
    pub workplace_city: Option<String>,
    pub workplace_county_no: Option<String>,
    pub building_site: bool,
    pub consultant_id: Option<i64>,
    pub approver_contact_id: Option<i64>,
    pub second_approver_contact_id: Option<i64>,
    pub from: Date,
    pub to: Option<Date>,
    pub hours_per_week_minutes: i64,
    pub week: StandardWeek,
    pub bill_rate_ore: i64,
    pub pay_rate_ore: i64,
    pub overtime: Vec<OvertimeRate>,
    pub legal_basis: Option<LegalBasis>,
    pub equal_terms: Option<(i64, Date)>,
    pub purchase_order: Option<String>,
    pub invoice_grouping: Option<String>,
    pub allowances: Vec<Allowance>,
}

impl AssignmentData {
    pub fn overtime_classes(&self) -> Vec<OvertimeClass> {
        self.overtime
            .iter()
            .map(|o| OvertimeClass {
                percent: o.percent,
                pay_ore: o.pay_ore,
            })
            .collect()
    }
}

fn opt(s: &str) -> Option<String> {
    let t = s.trim();
    (!t.is_empty()).then(|| t.to_string())
}

fn id(s: &str) -> Option<i64> {
    s.trim().parse().ok().filter(|v| *v > 0)
}

/// `07:30` → minutes after midnight.
fn clock(s: &str) -> Option<u16> {
    let (h, m) = s.trim().split_once(':')?;
    let (h, m): (u16, u16) = (h.parse().ok()?, m.parse().ok()?);
    (h < 24 && m < 60).then_some(h * 60 + m)
}

/// `37,5` or `37.5` hours → minutes.
fn hours(s: &str) -> Option<i64> {
    let ore = parse_kr(s)?; // the same shape as kroner: whole and up to two decimals
    Some(ore * 60 / 100).filter(|m| (1..=100 * 60).contains(m))
}

fn date(errors: &mut FieldErrors, field: &str, raw: &str) -> Option<Date> {
    let raw = raw.trim();
    let d = parse_date(raw).filter(|d| date_string(*d) == raw);
    if d.is_none() {
        errors.add(field, Msg::new("worker-date-invalid"));
    }
    d
}

impl AssignmentDraft {
    pub fn validate(&self) -> Result<AssignmentData, FieldErrors> {
        self.checked(true)
    }

    /// The terms alone, for a vacancy (no worker yet): the same rules as [`Self::validate`]
    /// but the worker is not asked for (`worker_id` is 0 in the result).
    pub fn validate_terms(&self) -> Result<AssignmentData, FieldErrors> {
        self.checked(false)
    }

    fn checked(&self, need_worker: bool) -> Result<AssignmentData, FieldErrors> {
        let mut e = FieldErrors::default();
        let worker_id = id(&self.worker_id);
        if need_worker && worker_id.is_none() {
            e.add("worker_id", Msg::new("assignment-worker-required"));
        }
        if self.title.trim().is_empty() {
            e.add("title", Msg::new("field-required"));
        }
        for (field, value, max) in [
            ("title", &self.title, 200),
            ("workplace_street", &self.workplace_street, 200),
            ("workplace_city", &self.workplace_city, 100),
            ("purchase_order", &self.purchase_order, 100),
            ("legal_basis_text", &self.legal_basis_text, 1000),
        ] {
            if value.trim().chars().count() > max {
                e.add(field, Msg::new("field-too-long").arg("max", max));
            }
            e.single_line(field, value);
        }
        let styrk_code = opt(&self.styrk_code);
        if let Some(c) = &styrk_code
            && (c.len() != 4 || !c.bytes().all(|b| b.is_ascii_digit()))
        {
            e.add("styrk_code", Msg::new("assignment-styrk-invalid"));
        }
        let postal_code = opt(&self.workplace_postal_code);
        let mut city = opt(&self.workplace_city);
        let mut county = None;
        if let Some(p) = &postal_code {
            match crate::geo::postal::lookup(p) {
                Some(place) => {
                    city.get_or_insert_with(|| place.place_title());
                    county = Some(place.county_no.to_string());
                }
                None if p.len() == 4 && p.bytes().all(|b| b.is_ascii_digit()) => e.add(
                    "workplace_postal_code",
                    Msg::new("postal-code-unknown").arg("code", p),
                ),
                None => e.add("workplace_postal_code", Msg::new("postal-code-format")),
            }
        }
        let from = date(&mut e, "from_date", &self.from_date);
        let to = opt(&self.to_date).and_then(|raw| date(&mut e, "to_date", &raw));
        if let (Some(f), Some(t)) = (from, to)
            && t < f
        {
            e.add("to_date", Msg::new("assignment-to-before-from"));
        }
        let hours_per_week_minutes = hours(&self.hours_per_week).unwrap_or_else(|| {
            e.add("hours_per_week", Msg::new("assignment-hours-invalid"));
            0
        });
        let week = self.week(&mut e);
        let mut rate = |field: &str, raw: &str, required: bool| -> Option<i64> {
            match opt(raw) {
                None if required => {
                    e.add(field, Msg::new("field-required"));
                    None
                }
                None => None,
                Some(v) => parse_kr(&v).filter(|o| *o > 0).or_else(|| {
                    e.add(field, Msg::new("assignment-rate-invalid"));
                    None
                }),
            }
        };
        let bill = rate("bill_rate", &self.bill_rate, true);
        let pay = rate("pay_rate", &self.pay_rate, true);
        let mut overtime = Vec::new();
        for (percent, b, p) in [
            (50, &self.ot50_bill, &self.ot50_pay),
            (100, &self.ot100_bill, &self.ot100_pay),
        ] {
            let (bf, pf) = (format!("ot{percent}_bill"), format!("ot{percent}_pay"));
            let any = opt(b).is_some() || opt(p).is_some();
            let (bo, po) = (rate(&bf, b, any), rate(&pf, p, any));
            if let (Some(bill_ore), Some(pay_ore)) = (bo, po) {
                overtime.push(OvertimeRate {
                    percent,
                    bill_ore,
                    pay_ore,
                });
            }
        }
        let equal_pay = rate("equal_pay", &self.equal_pay, false);
        let legal_text = self.legal_basis_text.trim().to_string();
        let legal_basis = match self.legal_basis.trim() {
            "" => None,
            kind => LegalBasis::from_parts(kind, legal_text).or_else(|| {
                e.add("legal_basis", Msg::new("filter-invalid"));
                None
            }),
        };
        let equal_confirmed = match (equal_pay, opt(&self.equal_confirmed_on)) {
            (Some(_), None) => {
                e.add(
                    "equal_confirmed_on",
                    Msg::new("assignment-equal-date-required"),
                );
                None
            }
            (_, Some(raw)) => date(&mut e, "equal_confirmed_on", &raw),
            (None, None) => None,
        };
        let allowances = super::allowance_form::validate(&self.allowances, &mut e);
        let grouping = opt(&self.invoice_grouping);
        if let Some(g) = &grouping
            && !["assignment", "worker", "purchase_order", "customer"].contains(&g.as_str())
        {
            e.add("invoice_grouping", Msg::new("filter-invalid"));
        }
        if !e.is_empty() {
            return Err(e);
        }
        Ok(AssignmentData {
            worker_id: worker_id.unwrap_or_default(),
            title: self.title.trim().to_string(),
            styrk_code,
            workplace_street: opt(&self.workplace_street),
            workplace_postal_code: postal_code,
            workplace_city: city,
            workplace_county_no: county,
            building_site: matches!(self.building_site.trim(), "1" | "on" | "true"),
            consultant_id: id(&self.consultant_id),
            approver_contact_id: id(&self.approver_contact_id),
            second_approver_contact_id: id(&self.second_approver_contact_id),
            from: from.expect("checked"),
            to,
            hours_per_week_minutes,
            week,
            bill_rate_ore: bill.expect("checked"),
            pay_rate_ore: pay.expect("checked"),
            overtime,
            legal_basis,
            equal_terms: equal_pay.zip(equal_confirmed),
            purchase_order: opt(&self.purchase_order),
            invoice_grouping: grouping,
            allowances,
        })
    }

    fn week(&self, e: &mut FieldErrors) -> StandardWeek {
        let mut week = StandardWeek::default();
        let days: Vec<usize> = self
            .days
            .split(',')
            .filter_map(|d| d.trim().parse::<usize>().ok())
            .filter(|d| (1..=7).contains(d))
            .collect();
        if days.is_empty() {
            e.add("days", Msg::new("assignment-days-required"));
            return week;
        }
        let (Some(start), Some(end)) = (clock(&self.day_start), clock(&self.day_end)) else {
            e.add("day_start", Msg::new("assignment-time-invalid"));
            return week;
        };
        let break_minutes: u16 = match opt(&self.break_minutes) {
            None => 0,
            Some(b) => b
                .parse()
                .ok()
                .filter(|b: &u16| *b <= 180)
                .unwrap_or_else(|| {
                    e.add("break_minutes", Msg::new("assignment-break-invalid"));
                    0
                }),
        };
        if end <= start || end - start <= break_minutes {
            e.add("day_end", Msg::new("assignment-end-before-start"));
            return week;
        }
        for d in days {
            week.days[d - 1] = Some(Shift {
                start,
                end,
                break_minutes,
            });
        }
        week
    }
}

#[cfg(test)]
mod tests;
