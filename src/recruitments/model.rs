//! A recruitment as typed ([`RecruitmentDraft`]) and checked ([`RecruitmentData`]), its statuses,
//! the pipeline's stages, the fee (fixed, or a share of the annual salary, rounded to øre once)
//! and the guarantee period's end. Pure rules, unit-tested here.

use serde::{Deserialize, Serialize};
use time::{Date, Month};

use crate::{
    error::{FieldErrors, Msg},
    money::{div_round, parse_kr, parse_share},
};

/// Open while searching; hired once the placement is recorded; reopened when the person left
/// within the guarantee; cancelled or closed by hand.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    Open,
    Hired,
    Reopened,
    Cancelled,
    Closed,
}

impl Status {
    pub const ALL: [Status; 5] = [
        Status::Open,
        Status::Hired,
        Status::Reopened,
        Status::Cancelled,
        Status::Closed,
    ];
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Open => "open",
            Status::Hired => "hired",
            Status::Reopened => "reopened",
            Status::Cancelled => "cancelled",
            Status::Closed => "closed",
        }
    }
    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|v| v.as_str() == s.trim())
    }
    /// Searching: candidates are added, moved and hired.
    pub fn is_searching(self) -> bool {
        matches!(self, Status::Open | Status::Reopened)
    }
}

/// The pipeline board's columns, in order. `Hired` is reached only through "hired" (which
/// records the placement and the fee); the others in any order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Stage {
    New,
    Screening,
    Interview,
    Shortlist,
    Offer,
    Hired,
    Rejected,
}

impl Stage {
    pub const ALL: [Stage; 7] = [
        Stage::New,
        Stage::Screening,
        Stage::Interview,
        Stage::Shortlist,
        Stage::Offer,
        Stage::Hired,
        Stage::Rejected,
    ];
    pub fn as_str(self) -> &'static str {
        match self {
            Stage::New => "new",
            Stage::Screening => "screening",
            Stage::Interview => "interview",
            Stage::Shortlist => "shortlist",
            Stage::Offer => "offer",
            Stage::Hired => "hired",
            Stage::Rejected => "rejected",
        }
    }
    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|v| v.as_str() == s.trim())
    }
    /// A candidate can be moved into (and out of) this column on the board.
    pub fn is_movable(self) -> bool {
        self != Stage::Hired
    }
    /// The column to the left (`-1`) or right (`1`) among the movable ones, if any.
    pub fn step(self, dir: i64) -> Option<Stage> {
        let movable: Vec<Stage> = Self::ALL.into_iter().filter(|s| s.is_movable()).collect();
        let i = movable.iter().position(|s| *s == self)? as i64 + dir;
        usize::try_from(i)
            .ok()
            .and_then(|i| movable.get(i).copied())
    }
}

/// How the fee is set.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Fee {
    /// A fixed amount, øre excluding VAT.
    Fixed { ore: i64 },
    /// A share (basis points) of the agreed annual salary (øre).
    Percent { bp: i64, annual_salary_ore: i64 },
}

impl Fee {
    /// The fee in øre excluding VAT: the share of the salary rounded half away from zero once.
    pub fn amount_ore(self) -> i64 {
        match self {
            Fee::Fixed { ore } => ore,
            Fee::Percent {
                bp,
                annual_salary_ore,
            } => div_round(i128::from(annual_salary_ore) * i128::from(bp), 10_000) as i64,
        }
    }
    pub fn kind(self) -> &'static str {
        match self {
            Fee::Fixed { .. } => "fixed",
            Fee::Percent { .. } => "percent",
        }
    }
}

/// What the agency owes when the person leaves within the guarantee.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Consequence {
    /// A new search at no new fee: the recruitment reopens and the pipeline goes on.
    Replacement,
    /// A credit of this share (basis points) of the fee.
    PartialCredit { bp: i64 },
}

impl Consequence {
    pub fn kind(self) -> &'static str {
        match self {
            Consequence::Replacement => "replacement",
            Consequence::PartialCredit { .. } => "partial_credit",
        }
    }
}

/// The credit owed for a fee of `fee_ore` with `bp` of it: rounded half away from zero.
pub fn credit_ore(fee_ore: i64, bp: i64) -> i64 {
    div_round(i128::from(fee_ore) * i128::from(bp), 10_000) as i64
}

/// The VAT rate of the fee line (25 %, mval. § 5-1).
pub const FEE_VAT_BP: i64 = 2500;
/// The longest guarantee period taken, in months.
pub const MAX_GUARANTEE_MONTHS: i64 = 36;
/// The largest fee or annual salary taken (a hundred million kroner).
const MAX_AMOUNT_ORE: i64 = 10_000_000_000;

/// The last day of the guarantee: `months` after the start date, less a day (a start on
/// 15 January with 6 months is covered to 14 July; the end of a shorter month is taken when the
/// day does not exist). `None` without a guarantee.
pub fn guarantee_end(start: Date, months: i64) -> Option<Date> {
    if months <= 0 {
        return None;
    }
    let total = i64::from(start.year()) * 12 + i64::from(start.month() as u8) - 1 + months;
    let (year, month) = (
        total.div_euclid(12) as i32,
        (total.rem_euclid(12) + 1) as u8,
    );
    let month = Month::try_from(month).ok()?;
    let last = time::util::days_in_month(month, year);
    let day = start.day().min(last);
    Some(Date::from_calendar_date(year, month, day).ok()? - time::Duration::days(1))
}

/// Whether leaving on `left` falls within the guarantee of a placement starting on `start`.
pub fn within_guarantee(start: Date, months: i64, left: Date) -> bool {
    guarantee_end(start, months).is_some_and(|end| left >= start && left <= end)
}

/// The form as typed, kept as strings so the form shows them back unchanged.
#[derive(Clone, Debug, Default, Deserialize, Serialize, PartialEq, Eq)]
#[serde(default)]
pub struct RecruitmentDraft {
    pub title: String,
    pub styrk_code: String,
    pub description: String,
    /// `fixed` or `percent`.
    pub fee_kind: String,
    /// Kroner, for a fixed fee.
    pub fee: String,
    /// Percent of the annual salary, e.g. `15` or `12,5`.
    pub fee_percent: String,
    /// Kroner per year.
    pub annual_salary: String,
    pub guarantee_months: String,
    /// `replacement` or `partial_credit`.
    pub guarantee_consequence: String,
    /// Percent of the fee credited.
    pub guarantee_credit_percent: String,
    pub contact_id: String,
    pub consultant_id: String,
    pub version: String,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RecruitmentData {
    pub title: String,
    pub styrk_code: Option<String>,
    pub description: Option<String>,
    pub fee: Fee,
    pub guarantee_months: i64,
    pub consequence: Consequence,
    pub contact_id: Option<i64>,
    pub consultant_id: Option<i64>,
}

fn opt(s: &str) -> Option<String> {
    let t = s.trim();
    (!t.is_empty()).then(|| t.to_string())
}

fn id(raw: &str, field: &str, e: &mut FieldErrors) -> Option<i64> {
    match raw.trim() {
        "" => None,
        raw => raw.parse::<i64>().ok().filter(|v| *v > 0).or_else(|| {
            e.add(field, Msg::new("filter-invalid"));
            None
        }),
    }
}

fn amount(raw: &str, field: &str, e: &mut FieldErrors) -> i64 {
    match raw.trim() {
        "" => {
            e.add(field, Msg::new("field-required"));
            0
        }
        raw => match parse_kr(raw).filter(|v| (1..=MAX_AMOUNT_ORE).contains(v)) {
            Some(v) => v,
            None => {
                e.add(field, Msg::new("rec-amount-invalid"));
                0
            }
        },
    }
}

fn share(raw: &str, field: &str, e: &mut FieldErrors) -> i64 {
    match raw.trim() {
        "" => {
            e.add(field, Msg::new("field-required"));
            0
        }
        raw => match parse_share(raw).filter(|v| (1..=10_000).contains(v)) {
            Some(v) => v,
            None => {
                e.add(field, Msg::new("rec-percent-invalid"));
                0
            }
        },
    }
}

impl RecruitmentDraft {
    /// Checks everything; a message per bad field.
    pub fn validate(&self) -> Result<RecruitmentData, FieldErrors> {
        let mut e = FieldErrors::default();
        let title = self.title.trim();
        if title.is_empty() {
            e.add("title", Msg::new("field-required"));
        } else if title.chars().count() > 200 {
            e.add("title", Msg::new("field-too-long").arg("max", 200));
        }
        e.single_line("title", &self.title);
        let styrk = opt(&self.styrk_code);
        if let Some(s) = &styrk
            && (s.len() != 4 || !s.bytes().all(|b| b.is_ascii_digit()))
        {
            e.add("styrk_code", Msg::new("rec-styrk-invalid"));
        }
        if self.description.trim().chars().count() > 10_000 {
            e.add("description", Msg::new("field-too-long").arg("max", 10_000));
        }
        let fee = match self.fee_kind.trim() {
            "fixed" => Some(Fee::Fixed {
                ore: amount(&self.fee, "fee", &mut e),
            }),
            "percent" => Some(Fee::Percent {
                bp: share(&self.fee_percent, "fee_percent", &mut e),
                annual_salary_ore: amount(&self.annual_salary, "annual_salary", &mut e),
            }),
            _ => {
                e.add("fee_kind", Msg::new("rec-fee-kind-required"));
                None
            }
        };
        let months = match self.guarantee_months.trim() {
            "" => 0,
            raw => raw
                .parse::<i64>()
                .ok()
                .filter(|m| (0..=MAX_GUARANTEE_MONTHS).contains(m))
                .unwrap_or_else(|| {
                    e.add(
                        "guarantee_months",
                        Msg::new("rec-months-invalid").arg("max", MAX_GUARANTEE_MONTHS),
                    );
                    0
                }),
        };
        let consequence = match self.guarantee_consequence.trim() {
            "replacement" | "" => Some(Consequence::Replacement),
            "partial_credit" => Some(Consequence::PartialCredit {
                bp: share(
                    &self.guarantee_credit_percent,
                    "guarantee_credit_percent",
                    &mut e,
                ),
            }),
            _ => {
                e.add("guarantee_consequence", Msg::new("filter-invalid"));
                None
            }
        };
        let contact_id = id(&self.contact_id, "contact_id", &mut e);
        let consultant_id = id(&self.consultant_id, "consultant_id", &mut e);
        match (fee, consequence) {
            (Some(fee), Some(consequence)) if e.is_empty() => Ok(RecruitmentData {
                title: title.to_string(),
                styrk_code: styrk,
                description: opt(&self.description),
                fee,
                guarantee_months: months,
                consequence,
                contact_id,
                consultant_id,
            }),
            _ => Err(e),
        }
    }
}

/// A date or a date and time as people here type them: `2027-03-01 10:00`,
/// `2027-03-01T10:00` or `01.03.2027 10:00` (Oslo time); unix seconds.
pub fn parse_when(s: &str) -> Option<i64> {
    let s = s.trim();
    if let Some(t) = crate::timefmt::when::parse_datetime(s) {
        return Some(t);
    }
    let (day, hm) = s.split_once([' ', 'T'])?;
    let date = crate::timefmt::when::parse_day(day)?;
    let time = time::Time::parse(
        hm.trim(),
        time::macros::format_description!("[hour]:[minute]"),
    )
    .ok()?;
    Some(crate::timefmt::when::oslo_to_unix(
        time::PrimitiveDateTime::new(date, time),
    ))
}

#[cfg(test)]
mod tests {
    use time::macros::date;

    use super::*;

    fn draft() -> RecruitmentDraft {
        RecruitmentDraft {
            title: "Økonomisjef".into(),
            fee_kind: "percent".into(),
            fee_percent: "15".into(),
            annual_salary: "850 000".into(),
            guarantee_months: "6".into(),
            guarantee_consequence: "partial_credit".into(),
            guarantee_credit_percent: "50".into(),
            ..Default::default()
        }
    }

    #[test]
    fn a_percent_fee_is_the_share_of_the_salary_rounded_to_ore() {
        let d = draft().validate().unwrap();
        assert_eq!(d.fee.amount_ore(), 12_750_000);
        let odd = Fee::Percent {
            bp: 1250,
            annual_salary_ore: 65_432_123,
        };
        // 65 432 123 × 0.125 = 8 179 015.375 → 8 179 015
        assert_eq!(odd.amount_ore(), 8_179_015);
        let half = Fee::Percent {
            bp: 5000,
            annual_salary_ore: 1,
        };
        assert_eq!(half.amount_ore(), 1);
        assert_eq!(Fee::Fixed { ore: 9_900_000 }.amount_ore(), 9_900_000);
        assert_eq!(credit_ore(12_750_000, 5000), 6_375_000);
    }

    #[test]
    fn bad_input_names_its_fields() {
        let bad = RecruitmentDraft {
            title: " ".into(),
            styrk_code: "12a4".into(),
            fee_kind: "fixed".into(),
            fee: "mange penger".into(),
            guarantee_months: "40".into(),
            guarantee_consequence: "partial_credit".into(),
            guarantee_credit_percent: "150".into(),
            contact_id: "x".into(),
            ..Default::default()
        };
        let e = bad.validate().unwrap_err();
        for f in [
            "title",
            "styrk_code",
            "fee",
            "guarantee_months",
            "guarantee_credit_percent",
            "contact_id",
        ] {
            assert!(e.get(f).is_some(), "{f}");
        }
        let none = RecruitmentDraft {
            title: "X".into(),
            ..Default::default()
        };
        assert!(none.validate().unwrap_err().get("fee_kind").is_some());
    }

    #[test]
    fn the_guarantee_ends_the_day_before_the_same_date_months_later() {
        assert_eq!(
            guarantee_end(date!(2027 - 01 - 15), 6),
            Some(date!(2027 - 07 - 14))
        );
        assert_eq!(
            guarantee_end(date!(2027 - 08 - 31), 6),
            Some(date!(2028 - 02 - 28))
        );
        assert_eq!(
            guarantee_end(date!(2027 - 11 - 01), 3),
            Some(date!(2028 - 01 - 31))
        );
        assert_eq!(guarantee_end(date!(2027 - 01 - 15), 0), None);
        let start = date!(2027 - 01 - 15);
        assert!(within_guarantee(start, 6, date!(2027 - 07 - 14)));
        assert!(!within_guarantee(start, 6, date!(2027 - 07 - 15)));
        assert!(!within_guarantee(start, 6, date!(2027 - 01 - 14)));
        assert!(!within_guarantee(start, 0, date!(2027 - 01 - 16)));
    }

    #[test]
    fn stages_step_over_hired() {
        assert_eq!(Stage::New.step(-1), None);
        assert_eq!(Stage::New.step(1), Some(Stage::Screening));
        assert_eq!(Stage::Offer.step(1), Some(Stage::Rejected));
        assert_eq!(Stage::Rejected.step(1), None);
        assert_eq!(Stage::Hired.step(1), None);
        for s in Stage::ALL {
            assert_eq!(Stage::parse(s.as_str()), Some(s));
        }
        for s in Status::ALL {
            assert_eq!(Status::parse(s.as_str()), Some(s));
        }
    }

    #[test]
    fn times_are_read_as_typed_here() {
        let a = parse_when("2027-03-01 10:00").unwrap();
        assert_eq!(parse_when("01.03.2027 10:00"), Some(a));
        assert_eq!(parse_when("2027-03-01T10:00"), Some(a));
        assert_eq!(parse_when("1.3.2027 10:00"), Some(a));
        assert_eq!(parse_when("i morgen"), None);
        assert_eq!(parse_when("01.03.2027"), None);
    }
}
