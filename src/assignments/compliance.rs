//! The compliance light of an assignment: the hiring rules of the Working Environment Act
//! (arbeidsmiljøloven § 14-12, § 14-12 a, § 10-6) and the regulations on hiring in
//! construction, checked as data. Each finding says why (a translation key and its values);
//! red blocks activation, yellow warns. The rule values an admin can change are in
//! [`HiringRules`]; the facts about one assignment in [`Facts`].

use time::{Date, Duration};

use crate::timefmt::date_text;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Light {
    Green,
    Yellow,
    Red,
}

impl Light {
    pub fn key(self) -> &'static str {
        match self {
            Light::Green => "green",
            Light::Yellow => "yellow",
            Light::Red => "red",
        }
    }
}

/// One reason: `compliance-<code>` in the locales, with `args` as its variables.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Finding {
    pub light: Light,
    pub code: &'static str,
    pub args: Vec<(&'static str, String)>,
}

impl Finding {
    fn new(light: Light, code: &'static str) -> Self {
        Self {
            light,
            code,
            args: Vec::new(),
        }
    }

    fn arg(mut self, name: &'static str, value: impl ToString) -> Self {
        self.args.push((name, value.to_string()));
        self
    }
}

/// The light of a set of findings: the worst of them, green when there are none.
pub fn light(findings: &[Finding]) -> Light {
    findings
        .iter()
        .map(|f| f.light)
        .max()
        .unwrap_or(Light::Green)
}

/// The legal basis of a hire from a staffing agency (§ 14-12).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LegalBasis {
    /// § 14-12 (1), cf. § 14-9 (2) a: the work is of a temporary nature; `need` says what the
    /// temporary need on the customer's side is.
    TemporaryWork { need: String },
    /// § 14-12 (1), cf. § 14-9 (2) b: work in place of another (vikariat); `for_whom` names
    /// who is away.
    Substitute { for_whom: String },
    /// § 14-12 (2): a written agreement with the employees' elected representatives at a
    /// customer bound by a collective agreement; `reference` identifies it.
    Agreement { reference: String },
}

impl LegalBasis {
    /// The stored kinds, in the order the form offers them.
    pub const KINDS: [&'static str; 3] = ["temporary_work", "substitute", "agreement"];

    /// A basis from its stored kind and description; `None` for an unknown kind.
    pub fn from_parts(kind: &str, text: String) -> Option<Self> {
        match kind {
            "temporary_work" => Some(LegalBasis::TemporaryWork { need: text }),
            "substitute" => Some(LegalBasis::Substitute { for_whom: text }),
            "agreement" => Some(LegalBasis::Agreement { reference: text }),
            _ => None,
        }
    }

    /// The stored kind and the description.
    pub fn parts(&self) -> (&'static str, &str) {
        match self {
            LegalBasis::TemporaryWork { need } => ("temporary_work", need),
            LegalBasis::Substitute { for_whom } => ("substitute", for_whom),
            LegalBasis::Agreement { reference } => ("agreement", reference),
        }
    }

    /// The description the basis needs, when it is filled in.
    fn is_complete(&self) -> bool {
        !self.parts().1.trim().is_empty()
    }
}

/// The worker's right to work in Norway.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum WorkPermit {
    /// Norwegian, EEA or Swiss citizen: no permit needed.
    NotNeeded,
    /// A residence permit that allows the work, valid to and including the date.
    Until(Date),
    /// Needs one, none registered.
    Missing,
}

/// The hirer's terms for the position (the equal treatment rule, § 14-12 a).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct EqualTerms {
    pub pay_ore: i64,
    pub confirmed_on: Date,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct OvertimeClass {
    /// 50 for "50 %", 100 for "100 %".
    pub percent: i64,
    pub pay_ore: i64,
}

/// Everything the rules look at for one assignment.
#[derive(Clone, Debug)]
pub struct Facts {
    pub today: Date,
    pub from: Date,
    pub to: Option<Date>,
    /// The customer's industry code (NACE/SN2007, e.g. "41.200"), from Brønnøysund.
    pub customer_nace: Option<String>,
    /// The assignment is construction work on a building site.
    pub building_site_work: bool,
    /// The county (fylke) number of the workplace, from its postal code.
    pub workplace_county: Option<String>,
    pub legal_basis: Option<LegalBasis>,
    pub pay_ore: i64,
    pub overtime: Vec<OvertimeClass>,
    /// The worker's HMS card (construction and cleaning ID card) valid to; `None`: none.
    pub hms_card_until: Option<Date>,
    pub work_permit: WorkPermit,
    pub equal_terms: Option<EqualTerms>,
    /// The margin's share of the bill rate, in basis points.
    pub margin_share_bp: Option<i64>,
    /// The first day of the worker's uninterrupted hire to this customer that this assignment
    /// continues (see [`continuous_since`]); the assignment's own start when it stands alone.
    pub hired_since: Date,
}

/// The rule values, kept as data (firm settings, with the law's defaults).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HiringRules {
    /// NACE prefixes whose workers need an HMS card: construction (41–43), cleaning (81.2).
    pub hms_card_nace: Vec<String>,
    /// Counties where hiring from staffing agencies for construction work on building sites is
    /// banned (since 1 April 2023: Oslo, former Viken — now Østfold, Akershus and Buskerud —
    /// and former Vestfold).
    pub building_site_ban_counties: Vec<String>,
    /// Overtime pay must be at least this many per mille of pay (§ 10-6 (11): 40 % more).
    pub overtime_min_permille: i64,
    /// Warn about the margin below this share of the bill rate, in basis points.
    pub margin_floor_bp: i64,
    /// Equal-treatment terms must be confirmed again after this many days.
    pub equal_terms_max_age_days: i64,
    /// Warn this many days before three years of uninterrupted hire to one customer.
    pub three_years_warning_days: i64,
}

impl Default for HiringRules {
    fn default() -> Self {
        Self {
            hms_card_nace: vec!["41".into(), "42".into(), "43".into(), "81.2".into()],
            building_site_ban_counties: ["03", "31", "32", "33", "39"].map(String::from).to_vec(),
            overtime_min_permille: 1400,
            margin_floor_bp: 1500,
            equal_terms_max_age_days: 365,
            three_years_warning_days: 90,
        }
    }
}

/// `"41"` matches `"41.200"` but not `"410"`; `"81.2"` matches `"81.210"` (a group's classes).
fn nace_matches(nace: &str, prefix: &str) -> bool {
    nace.starts_with(prefix)
        && (prefix.contains('.')
            || nace.len() == prefix.len()
            || !nace.as_bytes()[prefix.len()].is_ascii_digit())
}

/// All findings for one assignment, the red ones first.
pub fn check(f: &Facts, rules: &HiringRules) -> Vec<Finding> {
    let mut out = Vec::new();
    let nace = f.customer_nace.as_deref().unwrap_or("");

    match &f.legal_basis {
        None => out.push(Finding::new(Light::Red, "no-legal-basis")),
        Some(b) if !b.is_complete() => out.push(Finding::new(Light::Red, "legal-basis-incomplete")),
        Some(_) => {}
    }

    if rules.hms_card_nace.iter().any(|p| nace_matches(nace, p)) {
        match f.hms_card_until {
            None => out.push(Finding::new(Light::Red, "no-hms-card")),
            Some(until) if until < f.from.max(f.today) => {
                out.push(Finding::new(Light::Red, "hms-card-expired").arg("date", date_text(until)))
            }
            Some(until) if f.to.is_none_or(|to| until < to) => out.push(
                Finding::new(Light::Yellow, "hms-card-expires").arg("date", date_text(until)),
            ),
            Some(_) => {}
        }
    }

    match f.work_permit {
        WorkPermit::NotNeeded => {}
        WorkPermit::Missing => out.push(Finding::new(Light::Red, "no-work-permit")),
        WorkPermit::Until(until) if f.to.is_none_or(|to| until < to) => {
            out.push(Finding::new(Light::Red, "work-permit-ends").arg("date", date_text(until)))
        }
        WorkPermit::Until(_) => {}
    }

    for class in &f.overtime {
        if class.pay_ore * 1000 < f.pay_ore * rules.overtime_min_permille {
            out.push(
                Finding::new(Light::Red, "overtime-pay-too-low")
                    .arg("percent", class.percent)
                    .arg("minimum", rules.overtime_min_permille / 10 - 100),
            );
        }
    }

    if f.building_site_work
        && f.workplace_county
            .as_ref()
            .is_some_and(|c| rules.building_site_ban_counties.contains(c))
    {
        out.push(Finding::new(Light::Red, "building-site-ban"));
    }

    match f.equal_terms {
        None => out.push(Finding::new(Light::Yellow, "equal-terms-missing")),
        Some(t) if t.pay_ore > f.pay_ore => {
            out.push(Finding::new(Light::Yellow, "equal-terms-unmet"))
        }
        Some(t) if (f.today - t.confirmed_on).whole_days() > rules.equal_terms_max_age_days => out
            .push(
                Finding::new(Light::Yellow, "equal-terms-old")
                    .arg("date", date_text(t.confirmed_on)),
            ),
        Some(_) => {}
    }

    if let Some(share) = f.margin_share_bp
        && share < rules.margin_floor_bp
    {
        out.push(Finding::new(Light::Yellow, "margin-below-floor"));
    }

    let horizon = f.to.unwrap_or(f.today).max(f.today);
    let three_years = add_years(f.hired_since, 3);
    if horizon >= three_years - Duration::days(rules.three_years_warning_days) {
        out.push(Finding::new(Light::Yellow, "three-years").arg("date", date_text(three_years)));
    }

    out.sort_by_key(|f| std::cmp::Reverse(f.light));
    out
}

/// The same day `years` later (29 February becomes 28 February).
fn add_years(d: Date, years: i32) -> Date {
    d.replace_year(d.year() + years)
        .or_else(|_| {
            d.replace_day(28)
                .and_then(|d| d.replace_year(d.year() + years))
        })
        .unwrap_or(d)
}

/// The first day of the uninterrupted hire that the period `from..=to` is part of, given the
/// worker's other periods at the same customer. Periods join when the next starts at most
/// `max_gap_days` after the previous ended: a short break does not reset the count.
pub fn continuous_since(from: Date, others: &[(Date, Option<Date>)], max_gap_days: i64) -> Date {
    let mut periods: Vec<(Date, Option<Date>)> =
        others.iter().copied().filter(|(s, _)| *s < from).collect();
    periods.sort_by_key(|(s, _)| std::cmp::Reverse(*s));
    let mut start = from;
    for (s, e) in periods {
        let joins = e.is_none_or(|e| (start - e).whole_days() <= max_gap_days + 1);
        if joins {
            start = start.min(s);
        } else {
            break;
        }
    }
    start
}

#[cfg(test)]
mod tests;
