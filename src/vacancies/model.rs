//! A vacancy's own fields as typed ([`VacancyDraft`]) and checked ([`VacancyData`]), its
//! statuses and the candidates' stages. The terms an assignment needs are not here: they are
//! the assignments' own draft ([`crate::assignments::model::AssignmentDraft`]), typed on the
//! same form part and checked by the same rules (`validate_terms`), so an assignment made from
//! the vacancy carries them over unchanged.

use serde::{Deserialize, Serialize};

use crate::error::{FieldErrors, Msg};

/// Open until every place is filled (or it is cancelled); a filled vacancy reopens when an
/// assignment made from it is no longer counted.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    Open,
    Filled,
    Cancelled,
}

impl Status {
    pub const ALL: [Status; 3] = [Status::Open, Status::Filled, Status::Cancelled];
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Open => "open",
            Status::Filled => "filled",
            Status::Cancelled => "cancelled",
        }
    }
    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|v| v.as_str() == s)
    }
}

/// Where a candidate stands. Any stage may follow any other (a declined candidate can be
/// asked again); only an accepted candidate can be made an assignment.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Stage {
    Suggested,
    Contacted,
    Presented,
    Accepted,
    Declined,
}

impl Stage {
    pub const ALL: [Stage; 5] = [
        Stage::Suggested,
        Stage::Contacted,
        Stage::Presented,
        Stage::Accepted,
        Stage::Declined,
    ];
    pub fn as_str(self) -> &'static str {
        match self {
            Stage::Suggested => "suggested",
            Stage::Contacted => "contacted",
            Stage::Presented => "presented",
            Stage::Accepted => "accepted",
            Stage::Declined => "declined",
        }
    }
    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|v| v.as_str() == s.trim())
    }
}

/// The vacancy's own fields as typed, kept as strings so the form shows them back unchanged.
#[derive(Clone, Debug, Default, Deserialize, Serialize, PartialEq, Eq)]
#[serde(default)]
pub struct VacancyDraft {
    /// How many workers, e.g. `3`.
    pub positions: String,
    /// The STYRK-08 occupation's title (the four-digit code is the terms' `styrk_code`).
    pub occupation_title: String,
    pub description: String,
    pub requirements: String,
    /// The customer's contact for the vacancy.
    pub contact_id: String,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct VacancyData {
    pub positions: i64,
    pub occupation_title: Option<String>,
    pub description: Option<String>,
    pub requirements: Option<String>,
    pub contact_id: Option<i64>,
}

/// The most workers one vacancy may ask for.
pub const MAX_POSITIONS: i64 = 500;

fn opt(s: &str) -> Option<String> {
    let t = s.trim();
    (!t.is_empty()).then(|| t.to_string())
}

impl VacancyDraft {
    /// Checks the vacancy's own fields into `e` (the terms add theirs to the same list).
    pub fn validate(&self, e: &mut FieldErrors) -> Option<VacancyData> {
        let before = e.0.len();
        let positions = match self.positions.trim() {
            "" => {
                e.add("positions", Msg::new("field-required"));
                0
            }
            raw => raw
                .parse::<i64>()
                .ok()
                .filter(|n| (1..=MAX_POSITIONS).contains(n))
                .unwrap_or_else(|| {
                    e.add(
                        "positions",
                        Msg::new("vacancy-positions-invalid").arg("max", MAX_POSITIONS),
                    );
                    0
                }),
        };
        for (field, value, max, one_line) in [
            ("occupation_title", &self.occupation_title, 200, true),
            ("description", &self.description, 10_000, false),
            ("requirements", &self.requirements, 5_000, false),
        ] {
            if value.trim().chars().count() > max {
                e.add(field, Msg::new("field-too-long").arg("max", max));
            }
            if one_line {
                e.single_line(field, value);
            }
        }
        let contact_id = match self.contact_id.trim() {
            "" => None,
            raw => match raw.parse::<i64>().ok().filter(|v| *v > 0) {
                Some(v) => Some(v),
                None => {
                    e.add("contact_id", Msg::new("filter-invalid"));
                    None
                }
            },
        };
        (e.0.len() == before).then(|| VacancyData {
            positions,
            occupation_title: opt(&self.occupation_title),
            description: opt(&self.description),
            requirements: opt(&self.requirements),
            contact_id,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_are_a_whole_number_from_one() {
        for (raw, ok) in [
            ("1", true),
            (" 12 ", true),
            ("500", true),
            ("0", false),
            ("-1", false),
            ("2,5", false),
            ("501", false),
            ("", false),
        ] {
            let mut e = FieldErrors::default();
            let d = VacancyDraft {
                positions: raw.into(),
                ..Default::default()
            };
            assert_eq!(d.validate(&mut e).is_some(), ok, "{raw}");
            assert_eq!(e.get("positions").is_some(), !ok, "{raw}");
        }
    }

    #[test]
    fn text_is_trimmed_and_a_title_is_one_line() {
        let mut e = FieldErrors::default();
        let d = VacancyDraft {
            positions: "2".into(),
            occupation_title: "  Tømrer ".into(),
            description: "Linje 1\nLinje 2".into(),
            ..Default::default()
        };
        let v = d.validate(&mut e).expect("valid");
        assert_eq!(v.occupation_title.as_deref(), Some("Tømrer"));
        assert_eq!(v.description.as_deref(), Some("Linje 1\nLinje 2"));
        assert_eq!(v.contact_id, None);
        let bad = VacancyDraft {
            positions: "2".into(),
            occupation_title: "a\nb".into(),
            contact_id: "x".into(),
            ..Default::default()
        };
        let mut e = FieldErrors::default();
        assert!(bad.validate(&mut e).is_none());
        assert!(e.get("occupation_title").is_some() && e.get("contact_id").is_some());
    }

    #[test]
    fn stages_and_statuses_round_trip() {
        for s in Stage::ALL {
            assert_eq!(Stage::parse(s.as_str()), Some(s));
        }
        for s in Status::ALL {
            assert_eq!(Status::parse(s.as_str()), Some(s));
        }
        assert_eq!(Stage::parse("hired"), None);
    }
}
