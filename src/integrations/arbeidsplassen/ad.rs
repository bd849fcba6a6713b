//! A job ad as NAV's import API takes it: the plain input struct [`NavAd`], the fixed value
//! lists as enums carrying NAV's exact strings, [`NavAd::problems`] (what NAV would refuse, and
//! what its documentation requires), and [`NavAd::to_json`] (the `AdDTO` JSON of
//! pam-import-api's `docs/index.md` and `dto/TransferDTO.kt`).

use std::collections::BTreeMap;

use serde_json::{Map, Value, json};
use time::{
    Date, PrimitiveDateTime, format_description::BorrowedFormatItem, macros::format_description,
};

use crate::i18n::Lang;
use crate::norway::orgnr::OrgNumber;

/// `2019-02-13T12:59:26`: NAV's `LocalDateTime` (Norwegian local time, no offset).
const LOCAL_DATE_TIME: &[BorrowedFormatItem<'static>] =
    format_description!("[year]-[month]-[day]T[hour]:[minute]:[second]");
/// `24.02.2019`: the dates inside `properties` (`applicationdue`, `starttime`).
const NORWEGIAN_DATE: &[BorrowedFormatItem<'static>] = format_description!("[day].[month].[year]");

/// One value list of NAV's: each variant is sent as NAV's exact string.
macro_rules! nav_values {
    ($(#[$doc:meta])* $name:ident { $($variant:ident => $value:literal),+ $(,)? }) => {
        $(#[$doc])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub enum $name {
            $($variant),+
        }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// NAV's exact string for this value.
            pub fn nav_value(self) -> &'static str {
                match self {
                    $($name::$variant => $value),+
                }
            }

            /// The value for NAV's string (exact match, as NAV checks it).
            pub fn from_nav(value: &str) -> Option<Self> {
                Self::ALL.iter().copied().find(|v| v.nav_value() == value)
            }
        }
    };
}

nav_values! {
    /// `engagementtype` (Ansettelsesform in NAV's pam-ansettelseskodeverk 1.18).
    EngagementType {
        Engagement => "Engasjement",
        Permanent => "Fast",
        HolidayJob => "Feriejobb",
        Project => "Prosjekt",
        SelfEmployed => "Selvstendig næringsdrivende",
        Seasonal => "Sesong",
        Temporary => "Vikariat",
        Trainee => "Trainee",
        Apprentice => "Lærling",
        FixedTerm => "Åremål",
        Freelancer => "Frilanser",
        Other => "Annet",
    }
}

nav_values! {
    /// `extent` (Omfang).
    Extent {
        FullTime => "Heltid",
        PartTime => "Deltid",
    }
}

nav_values! {
    /// `sector`.
    Sector {
        Private => "Privat",
        Public => "Offentlig",
    }
}

nav_values! {
    /// `workday` (Arbeidsdager); several may be given.
    Workday {
        Weekdays => "Ukedager",
        Saturday => "Lørdag",
        Sunday => "Søndag",
    }
}

nav_values! {
    /// `workhours` (Arbeidstid); several may be given.
    WorkHours {
        Day => "Dagtid",
        Evening => "Kveld",
        Night => "Natt",
    }
}

nav_values! {
    /// `jobarrangement` (Arbeidstidsordning).
    JobArrangement {
        Shift => "Skift",
        Rota => "Turnus",
        OnCall => "Vakt",
    }
}

nav_values! {
    /// `remote`.
    Remote {
        Remote => "Hjemmekontor",
        Hybrid => "Hybridkontor",
        OnSite => "Hjemmekontor ikke mulig",
    }
}

nav_values! {
    /// `workLanguage`; several may be given.
    WorkLanguage {
        Norwegian => "Norsk",
        English => "Engelsk",
        Scandinavian => "Skandinavisk",
        Sami => "Samisk",
    }
}

/// The application deadline: a date or "as soon as possible" (NAV then lets the ad run ten days).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ApplicationDue {
    Date(Date),
    Asap,
}

/// When the job starts: a date, or a text such as "Etter avtale".
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum StartTime {
    Date(Date),
    Text(String),
}

/// An address: the employer's, or a place of work.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct NavLocation {
    pub address: Option<String>,
    pub postal_code: Option<String>,
    pub city: Option<String>,
    pub municipal: Option<String>,
    pub county: Option<String>,
    /// `None` means Norway (NAV's default).
    pub country: Option<String>,
}

impl NavLocation {
    fn is_abroad(&self) -> bool {
        self.country.as_deref().is_some_and(|c| {
            let c = c.trim().to_uppercase();
            !c.is_empty() && !["NORGE", "NOREG", "NORWAY", "NO"].contains(&c.as_str())
        })
    }

    /// NAV needs a postal code, or a county or municipality, unless the place is abroad.
    fn is_placed(&self) -> bool {
        filled(&self.postal_code) || filled(&self.county) || filled(&self.municipal)
    }

    fn to_json(&self) -> Value {
        let mut out = Map::new();
        put(&mut out, "address", &self.address);
        put(&mut out, "postalCode", &self.postal_code);
        put(&mut out, "city", &self.city);
        put(&mut out, "municipal", &self.municipal);
        put(&mut out, "county", &self.county);
        put(&mut out, "country", &self.country);
        Value::Object(out)
    }
}

/// The employer shown on the ad.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct NavEmployer {
    pub business_name: String,
    /// The organisation number of the sub-unit (underenhet, virksomhet), not the legal entity:
    /// NAV supports only sub-units. Without it NAV matches on name and location.
    pub orgnr: Option<String>,
    /// Our own stable id of the employer, which NAV recommends when there is no orgnr.
    pub reference: Option<String>,
    pub location: NavLocation,
}

/// A contact person for applicants.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct NavContact {
    pub name: String,
    pub title: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub role: Option<String>,
}

/// The occupation as a STYRK-08 code (four digits) and its name.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Styrk08 {
    pub code: String,
    pub name: String,
}

/// The `properties` map, typed.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct NavProperties {
    /// Required by NAV's documentation.
    pub engagement_type: Option<EngagementType>,
    pub extent: Option<Extent>,
    pub sector: Option<Sector>,
    pub workdays: Vec<Workday>,
    pub work_hours: Vec<WorkHours>,
    pub job_arrangement: Option<JobArrangement>,
    pub remote: Option<Remote>,
    pub work_languages: Vec<WorkLanguage>,
    pub application_due: Option<ApplicationDue>,
    pub start: Option<StartTime>,
    pub application_url: Option<String>,
    pub application_email: Option<String>,
    pub employer_homepage: Option<String>,
    /// HTML, sanitised by the caller like the ad text.
    pub employer_description: Option<String>,
    pub job_title: Option<String>,
    /// E.g. `50 %` for a part-time job.
    pub job_percentage: Option<String>,
    pub keywords: Vec<String>,
    /// The ad on the agency's own pages.
    pub source_url: Option<String>,
}

/// One job ad for arbeidsplassen.no.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NavAd {
    /// Our unique, stable id of the ad (the same on every update; NAV's path key for stop and
    /// status).
    pub reference: String,
    pub title: String,
    /// The ad text as HTML: well-formed, basic tags only, sanitised by the caller.
    pub ad_text: String,
    pub positions: i32,
    /// When the ad is published, in Norwegian local time.
    pub published: PrimitiveDateTime,
    /// When it expires, in Norwegian local time.
    pub expires: PrimitiveDateTime,
    pub employer: NavEmployer,
    /// Places of work: at least one; NAV recommends at most three.
    pub locations: Vec<NavLocation>,
    pub contacts: Vec<NavContact>,
    pub properties: NavProperties,
    /// Sent in `categoryList` as a `STYRK08` category.
    pub occupation: Option<Styrk08>,
}

/// What NAV would refuse in an ad, or what its documentation requires.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum NavProblem {
    ReferenceMissing,
    ReferenceTooLong,
    TitleMissing,
    TitleTooLong,
    AdTextMissing,
    PositionsBelowOne,
    EngagementTypeMissing,
    ExpiresNotAfterPublished,
    EmployerNameMissing,
    EmployerNameTooLong,
    EmployerOrgnrInvalid,
    LocationMissing,
    /// The place of work at this index (from 0) has no postal code, county or municipality.
    LocationNotPlaced(usize),
    /// The contact at this index (from 0) has no name.
    ContactNameMissing(usize),
    /// A field of the contact at this index is longer than NAV takes.
    ContactFieldTooLong(usize),
    OccupationInvalid,
}

/// Longest values NAV takes (its `require(… length < N)` checks).
const MAX_REFERENCE: usize = 254;
const MAX_TITLE: usize = 511;
const MAX_NAME: usize = 254;
const MAX_PHONE: usize = 35;

impl NavProblem {
    /// The Fluent message id (`locales/*/job_ad_channels.ftl`).
    pub fn message_id(&self) -> &'static str {
        match self {
            NavProblem::ReferenceMissing => "arbeidsplassen-problem-reference-missing",
            NavProblem::ReferenceTooLong => "arbeidsplassen-problem-reference-too-long",
            NavProblem::TitleMissing => "arbeidsplassen-problem-title-missing",
            NavProblem::TitleTooLong => "arbeidsplassen-problem-title-too-long",
            NavProblem::AdTextMissing => "arbeidsplassen-problem-ad-text-missing",
            NavProblem::PositionsBelowOne => "arbeidsplassen-problem-positions",
            NavProblem::EngagementTypeMissing => "arbeidsplassen-problem-engagement-type",
            NavProblem::ExpiresNotAfterPublished => "arbeidsplassen-problem-expires",
            NavProblem::EmployerNameMissing => "arbeidsplassen-problem-employer-name-missing",
            NavProblem::EmployerNameTooLong => "arbeidsplassen-problem-employer-name-too-long",
            NavProblem::EmployerOrgnrInvalid => "arbeidsplassen-problem-employer-orgnr",
            NavProblem::LocationMissing => "arbeidsplassen-problem-location-missing",
            NavProblem::LocationNotPlaced(_) => "arbeidsplassen-problem-location-not-placed",
            NavProblem::ContactNameMissing(_) => "arbeidsplassen-problem-contact-name",
            NavProblem::ContactFieldTooLong(_) => "arbeidsplassen-problem-contact-too-long",
            NavProblem::OccupationInvalid => "arbeidsplassen-problem-occupation",
        }
    }

    /// The problem in the user's language.
    pub fn message(&self, lang: Lang) -> String {
        match self {
            NavProblem::LocationNotPlaced(i)
            | NavProblem::ContactNameMissing(i)
            | NavProblem::ContactFieldTooLong(i) => {
                lang.t_with(self.message_id(), &[("number", (i + 1).to_string())])
            }
            _ => lang.t(self.message_id()),
        }
    }
}

impl std::fmt::Display for NavProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message(Lang::En))
    }
}

fn filled(value: &Option<String>) -> bool {
    value.as_deref().is_some_and(|v| !v.trim().is_empty())
}

fn put(out: &mut Map<String, Value>, key: &str, value: &Option<String>) {
    if let Some(v) = value.as_deref().map(str::trim).filter(|v| !v.is_empty()) {
        out.insert(key.to_string(), Value::String(v.to_string()));
    }
}

/// Several values as NAV takes them: a stringified JSON list, `["Ukedager","Lørdag"]`.
fn stringified_list(values: impl Iterator<Item = &'static str>) -> String {
    serde_json::to_string(&values.collect::<Vec<_>>()).unwrap_or_default()
}

fn too_long(value: &Option<String>, max: usize) -> bool {
    value.as_deref().is_some_and(|v| v.chars().count() > max)
}

impl NavAd {
    /// Everything NAV would refuse (or its documentation requires) in this ad; empty when it
    /// may be sent.
    pub fn problems(&self) -> Vec<NavProblem> {
        let mut out = Vec::new();
        let reference = self.reference.trim();
        if reference.is_empty() {
            out.push(NavProblem::ReferenceMissing);
        } else if reference.chars().count() > MAX_REFERENCE {
            out.push(NavProblem::ReferenceTooLong);
        }
        let title = self.title.trim();
        if title.is_empty() {
            out.push(NavProblem::TitleMissing);
        } else if title.chars().count() > MAX_TITLE {
            out.push(NavProblem::TitleTooLong);
        }
        if self.ad_text.trim().is_empty() {
            out.push(NavProblem::AdTextMissing);
        }
        if self.positions < 1 {
            out.push(NavProblem::PositionsBelowOne);
        }
        if self.properties.engagement_type.is_none() {
            out.push(NavProblem::EngagementTypeMissing);
        }
        if self.expires <= self.published {
            out.push(NavProblem::ExpiresNotAfterPublished);
        }
        let name = self.employer.business_name.trim();
        if name.is_empty() {
            out.push(NavProblem::EmployerNameMissing);
        } else if name.chars().count() > MAX_NAME {
            out.push(NavProblem::EmployerNameTooLong);
        }
        if let Some(orgnr) = self
            .employer
            .orgnr
            .as_deref()
            .filter(|o| !o.trim().is_empty())
            && OrgNumber::parse(orgnr).is_err()
        {
            out.push(NavProblem::EmployerOrgnrInvalid);
        }
        if self.locations.is_empty() {
            out.push(NavProblem::LocationMissing);
        }
        for (i, place) in self.locations.iter().enumerate() {
            if !place.is_placed() && !place.is_abroad() {
                out.push(NavProblem::LocationNotPlaced(i));
            }
        }
        for (i, contact) in self.contacts.iter().enumerate() {
            if contact.name.trim().is_empty() {
                out.push(NavProblem::ContactNameMissing(i));
            }
            if contact.name.chars().count() > MAX_NAME
                || too_long(&contact.title, MAX_NAME)
                || too_long(&contact.email, MAX_NAME)
                || too_long(&contact.role, MAX_NAME)
                || too_long(&contact.phone, MAX_PHONE)
            {
                out.push(NavProblem::ContactFieldTooLong(i));
            }
        }
        if let Some(styrk) = &self.occupation {
            let four_digits =
                styrk.code.len() == 4 && styrk.code.bytes().all(|b| b.is_ascii_digit());
            if !four_digits || styrk.name.trim().is_empty() {
                out.push(NavProblem::OccupationInvalid);
            }
        }
        out
    }

    /// The `properties` map with NAV's property names; empty values are left out.
    pub fn property_map(&self) -> BTreeMap<&'static str, String> {
        let p = &self.properties;
        let mut out = BTreeMap::new();
        let mut set = |key: &'static str, value: Option<String>| {
            if let Some(v) = value
                .map(|v| v.trim().to_string())
                .filter(|v| !v.is_empty())
            {
                out.insert(key, v);
            }
        };
        set(
            "engagementtype",
            p.engagement_type.map(|v| v.nav_value().into()),
        );
        set("extent", p.extent.map(|v| v.nav_value().into()));
        set("sector", p.sector.map(|v| v.nav_value().into()));
        set(
            "jobarrangement",
            p.job_arrangement.map(|v| v.nav_value().into()),
        );
        set("remote", p.remote.map(|v| v.nav_value().into()));
        if !p.workdays.is_empty() {
            set(
                "workday",
                Some(stringified_list(p.workdays.iter().map(|v| v.nav_value()))),
            );
        }
        if !p.work_hours.is_empty() {
            set(
                "workhours",
                Some(stringified_list(p.work_hours.iter().map(|v| v.nav_value()))),
            );
        }
        if !p.work_languages.is_empty() {
            set(
                "workLanguage",
                Some(stringified_list(
                    p.work_languages.iter().map(|v| v.nav_value()),
                )),
            );
        }
        set(
            "applicationdue",
            p.application_due.map(|due| match due {
                ApplicationDue::Date(d) => d.format(NORWEGIAN_DATE).unwrap_or_default(),
                ApplicationDue::Asap => "Snarest".into(),
            }),
        );
        set(
            "starttime",
            p.start.as_ref().map(|start| match start {
                StartTime::Date(d) => d.format(NORWEGIAN_DATE).unwrap_or_default(),
                StartTime::Text(t) => t.clone(),
            }),
        );
        set("applicationurl", p.application_url.clone());
        set("applicationemail", p.application_email.clone());
        set("employerhomepage", p.employer_homepage.clone());
        set("employerdescription", p.employer_description.clone());
        set("jobtitle", p.job_title.clone());
        set("jobpercentage", p.job_percentage.clone());
        set("sourceurl", p.source_url.clone());
        let keywords: Vec<&str> = p
            .keywords
            .iter()
            .map(|k| k.trim())
            .filter(|k| !k.is_empty())
            .collect();
        if !keywords.is_empty() {
            set("keywords", Some(keywords.join(";")));
        }
        out
    }

    /// The ad as NAV's JSON (`AdDTO`), field for field as pam-import-api documents it.
    pub fn to_json(&self) -> Value {
        let mut employer = Map::new();
        put(&mut employer, "reference", &self.employer.reference);
        employer.insert(
            "businessName".into(),
            Value::String(self.employer.business_name.trim().to_string()),
        );
        let orgnr = self
            .employer
            .orgnr
            .as_deref()
            .map(|o| o.chars().filter(|c| !c.is_whitespace()).collect::<String>());
        put(&mut employer, "orgnr", &orgnr);
        employer.insert("location".into(), self.employer.location.to_json());

        let contacts: Vec<Value> = self
            .contacts
            .iter()
            .map(|c| {
                let mut out = Map::new();
                out.insert("name".into(), Value::String(c.name.trim().to_string()));
                put(&mut out, "title", &c.title);
                put(&mut out, "email", &c.email);
                put(&mut out, "phone", &c.phone);
                put(&mut out, "role", &c.role);
                Value::Object(out)
            })
            .collect();
        let categories: Vec<Value> = self
            .occupation
            .iter()
            .map(|s| json!({ "code": s.code, "categoryType": "STYRK08", "name": s.name.trim() }))
            .collect();
        json!({
            "reference": self.reference.trim(),
            "title": self.title.trim(),
            "adText": self.ad_text,
            "positions": self.positions,
            "published": self.published.format(LOCAL_DATE_TIME).unwrap_or_default(),
            "expires": self.expires.format(LOCAL_DATE_TIME).unwrap_or_default(),
            "privacy": "SHOW_ALL",
            "employer": Value::Object(employer),
            "locationList": self.locations.iter().map(NavLocation::to_json).collect::<Vec<_>>(),
            "contactList": contacts,
            "properties": self.property_map(),
            "categoryList": categories,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::{date, datetime};

    fn sample() -> NavAd {
        NavAd {
            reference: "kk-ad-17".into(),
            title: "Lagermedarbeidere til Berger Logistikk".into(),
            ad_text: "<p>Vi søker tre lagermedarbeidere.</p>".into(),
            positions: 3,
            published: datetime!(2026-12-03 09:00:00),
            expires: datetime!(2027-01-04 00:00:00),
            employer: NavEmployer {
                business_name: "Berger Logistikk AS avd. Alnabru".into(),
                orgnr: Some("923 609 016".into()),
                reference: None,
                location: NavLocation {
                    address: Some("Alnabruveien 1".into()),
                    postal_code: Some("0668".into()),
                    city: Some("Oslo".into()),
                    ..Default::default()
                },
            },
            locations: vec![NavLocation {
                postal_code: Some("0668".into()),
                city: Some("Oslo".into()),
                ..Default::default()
            }],
            contacts: vec![NavContact {
                name: "Kari Nordmann".into(),
                title: Some("Konsulent".into()),
                email: Some("kari@byraa.no".into()),
                phone: Some("+47 400 00 000".into()),
                role: None,
            }],
            properties: NavProperties {
                engagement_type: Some(EngagementType::Temporary),
                extent: Some(Extent::FullTime),
                sector: Some(Sector::Private),
                workdays: vec![Workday::Weekdays, Workday::Saturday],
                work_hours: vec![WorkHours::Day],
                application_due: Some(ApplicationDue::Date(date!(2026 - 12 - 20))),
                start: Some(StartTime::Text("Etter avtale".into())),
                ..Default::default()
            },
            occupation: Some(Styrk08 {
                code: "9321".into(),
                name: "Lagermedarbeider".into(),
            }),
        }
    }

    #[test]
    fn serialises_as_navs_ad_dto() {
        let json = sample().to_json();
        assert_eq!(json["reference"], "kk-ad-17");
        assert_eq!(json["adText"], "<p>Vi søker tre lagermedarbeidere.</p>");
        assert_eq!(json["positions"], 3);
        assert_eq!(json["published"], "2026-12-03T09:00:00");
        assert_eq!(json["expires"], "2027-01-04T00:00:00");
        assert_eq!(json["privacy"], "SHOW_ALL");
        assert_eq!(
            json["employer"]["businessName"],
            "Berger Logistikk AS avd. Alnabru"
        );
        assert_eq!(json["employer"]["orgnr"], "923609016");
        assert_eq!(json["employer"]["location"]["postalCode"], "0668");
        assert!(json["employer"].get("reference").is_none());
        assert_eq!(json["locationList"][0]["postalCode"], "0668");
        assert_eq!(json["contactList"][0]["name"], "Kari Nordmann");
        assert!(json["contactList"][0].get("role").is_none());
        assert_eq!(json["properties"]["engagementtype"], "Vikariat");
        assert_eq!(json["properties"]["extent"], "Heltid");
        assert_eq!(json["properties"]["sector"], "Privat");
        assert_eq!(json["properties"]["workday"], r#"["Ukedager","Lørdag"]"#);
        assert_eq!(json["properties"]["workhours"], r#"["Dagtid"]"#);
        assert_eq!(json["properties"]["applicationdue"], "20.12.2026");
        assert_eq!(json["properties"]["starttime"], "Etter avtale");
        assert_eq!(
            json["categoryList"],
            json!([{ "code": "9321", "categoryType": "STYRK08", "name": "Lagermedarbeider" }])
        );
    }

    #[test]
    fn asap_is_navs_snarest() {
        let mut ad = sample();
        ad.properties.application_due = Some(ApplicationDue::Asap);
        assert_eq!(ad.to_json()["properties"]["applicationdue"], "Snarest");
    }

    #[test]
    fn value_lists_round_trip_navs_strings() {
        assert_eq!(EngagementType::ALL.len(), 12);
        for v in EngagementType::ALL {
            assert_eq!(EngagementType::from_nav(v.nav_value()), Some(*v));
        }
        assert_eq!(Remote::OnSite.nav_value(), "Hjemmekontor ikke mulig");
        assert_eq!(EngagementType::from_nav("fast"), None);
    }

    #[test]
    fn a_good_ad_has_no_problems() {
        assert_eq!(sample().problems(), vec![]);
    }

    #[test]
    fn refuses_what_nav_would_refuse() {
        let mut ad = sample();
        ad.reference = " ".into();
        ad.title = String::new();
        ad.ad_text = "  ".into();
        ad.positions = 0;
        ad.properties.engagement_type = None;
        ad.expires = ad.published;
        ad.employer.business_name = String::new();
        ad.employer.orgnr = Some("923609017".into());
        ad.locations = vec![NavLocation::default()];
        ad.contacts[0].name = String::new();
        ad.contacts[0].phone = Some("1".repeat(36));
        ad.occupation = Some(Styrk08 {
            code: "93".into(),
            name: "x".into(),
        });
        assert_eq!(
            ad.problems(),
            vec![
                NavProblem::ReferenceMissing,
                NavProblem::TitleMissing,
                NavProblem::AdTextMissing,
                NavProblem::PositionsBelowOne,
                NavProblem::EngagementTypeMissing,
                NavProblem::ExpiresNotAfterPublished,
                NavProblem::EmployerNameMissing,
                NavProblem::EmployerOrgnrInvalid,
                NavProblem::LocationNotPlaced(0),
                NavProblem::ContactNameMissing(0),
                NavProblem::ContactFieldTooLong(0),
                NavProblem::OccupationInvalid,
            ]
        );
        ad.locations.clear();
        ad.title = "x".repeat(512);
        assert!(ad.problems().contains(&NavProblem::LocationMissing));
        assert!(ad.problems().contains(&NavProblem::TitleTooLong));
    }

    #[test]
    fn a_place_abroad_needs_no_postal_code() {
        let mut ad = sample();
        ad.locations = vec![NavLocation {
            country: Some("Sverige".into()),
            ..Default::default()
        }];
        assert_eq!(ad.problems(), vec![]);
    }

    #[test]
    fn problems_read_in_both_languages() {
        for p in [
            NavProblem::EngagementTypeMissing,
            NavProblem::ContactNameMissing(1),
        ] {
            for lang in Lang::ALL {
                let text = p.message(lang);
                assert_ne!(text, p.message_id(), "{lang:?} {p:?}");
            }
        }
        assert!(
            NavProblem::ContactNameMissing(1)
                .message(Lang::En)
                .contains('2')
        );
    }
}
