//! A job ad as typed ([`AdDraft`]) and checked ([`AdData`]), the words of its fields (employment
//! type, sector, employer shown, status, channels and their statuses), the body's sanitising
//! ([`sanitize`]) and the public address ([`slug`]).

use std::collections::{HashMap, HashSet};

use serde::{Deserialize, Serialize};

use crate::{
    error::{FieldErrors, Msg},
    money::parse_kr,
    timefmt::when::{date_string, parse_date},
};

/// Defines a closed list of words stored as text, with `as_str`, `parse` and `ALL`.
macro_rules! words {
    ($(#[$m:meta])* $name:ident { $($variant:ident = $text:literal),+ $(,)? }) => {
        $(#[$m])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
        pub enum $name { $($variant),+ }
        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];
            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $text),+ }
            }
            pub fn parse(s: &str) -> Option<Self> {
                Self::ALL.iter().copied().find(|v| v.as_str() == s.trim())
            }
        }
    };
}

words!(
    /// schema.org's `employmentType` values, stored as schema.org writes them.
    EmploymentType {
        FullTime = "FULL_TIME",
        PartTime = "PART_TIME",
        Temporary = "TEMPORARY",
        Contractor = "CONTRACTOR",
        Intern = "INTERN",
        PerDiem = "PER_DIEM",
        Other = "OTHER",
    }
);

words!(
    /// arbeidsplassen's `sector`.
    Sector { Private = "private", Public = "public" }
);

words!(
    /// Who the ad names as employer. `Anonymous` ("a customer of ours") never shows the
    /// customer's name: not on the page, in the JSON-LD or in the feeds.
    EmployerShown {
        Agency = "agency",
        Customer = "customer",
        Anonymous = "anonymous",
    }
);

words!(
    /// The ad's own life: a draft, published (on the channels), or taken down.
    AdStatus {
        Draft = "draft",
        Published = "published",
        Unpublished = "unpublished",
    }
);

words!(
    /// Where an ad can be published. Only the homepage is worked here; the other two have their
    /// own clients (issue 15), which use the same rows and statuses.
    Channel {
        Homepage = "homepage",
        Arbeidsplassen = "arbeidsplassen",
        Finn = "finn",
    }
);

words!(
    /// How an ad stands on one channel. `Published` only on the channel's own receipt.
    PublicationStatus {
        Pending = "pending",
        Published = "published",
        Refused = "refused",
        Stopped = "stopped",
        Failed = "failed",
    }
);

words!(
    /// Why an ad was unpublished.
    UnpublishReason {
        Manual = "manual",
        Deadline = "deadline",
        VacancyClosed = "vacancy_closed",
        RecruitmentClosed = "recruitment_closed",
    }
);

/// The longest title, lead and body kept, in characters.
pub const MAX_TITLE: usize = 200;
pub const MAX_LEAD: usize = 1_000;
pub const MAX_BODY: usize = 50_000;

/// The ad's fields as typed, kept as strings so the form shows them back unchanged.
#[derive(Clone, Debug, Default, Deserialize, Serialize, PartialEq, Eq)]
#[serde(default)]
pub struct AdDraft {
    pub title: String,
    pub lead: String,
    /// Rich text (HTML); sanitised when saved.
    pub body_html: String,
    pub styrk_code: String,
    pub occupation_title: String,
    pub postal_code: String,
    pub city: String,
    pub employment_type: String,
    pub sector: String,
    /// `YYYY-MM-DD`, or empty with `asap`.
    pub deadline: String,
    /// `1`: "snarest" (as soon as possible) instead of a deadline.
    pub asap: String,
    /// `YYYY-MM-DD`.
    pub start_date: String,
    /// A start as text ("etter avtale"), when there is no date.
    pub start_text: String,
    pub positions: String,
    /// Pay per hour in kroner (optional; told in the JSON-LD's `baseSalary` only when set).
    pub salary_hour: String,
    /// `c:{contact id}` (the customer's contact) or `u:{user id}` (the agency's staff), or empty.
    pub contact: String,
    pub employer_shown: String,
    /// `1`: publish on arbeidsplassen.no too.
    pub to_arbeidsplassen: String,
    /// `1`: export to FINN too.
    pub to_finn: String,
    /// The customer's sub-unit organisation number for arbeidsplassen.no (optional).
    pub employer_orgnr: String,
    /// The version the form was read at (stale-edit detection).
    pub version: String,
}

/// Who the applicants can ask.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ContactPerson {
    Contact(i64),
    Staff(i64),
}

impl ContactPerson {
    pub fn parse(s: &str) -> Option<Self> {
        let (kind, id) = s.trim().split_once(':')?;
        let id: i64 = id.parse().ok()?;
        match kind {
            "c" => Some(Self::Contact(id)),
            "u" => Some(Self::Staff(id)),
            _ => None,
        }
    }
    pub fn key(self) -> String {
        match self {
            Self::Contact(id) => format!("c:{id}"),
            Self::Staff(id) => format!("u:{id}"),
        }
    }
}

/// An ad's fields, checked; the body already sanitised.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AdData {
    pub title: String,
    pub lead: String,
    pub body_html: String,
    pub styrk_code: Option<String>,
    pub occupation_title: Option<String>,
    pub postal_code: Option<String>,
    pub city: Option<String>,
    pub employment_type: EmploymentType,
    pub sector: Sector,
    pub deadline: Option<String>,
    pub asap: bool,
    pub start_date: Option<String>,
    pub start_text: Option<String>,
    pub positions: i64,
    pub salary_hour_ore: Option<i64>,
    pub contact: Option<ContactPerson>,
    pub employer_shown: EmployerShown,
    pub to_arbeidsplassen: bool,
    pub to_finn: bool,
    /// Nine digits.
    pub employer_orgnr: Option<String>,
}

fn opt(s: &str) -> Option<String> {
    let t = s.trim();
    (!t.is_empty()).then(|| t.to_string())
}

fn date(errors: &mut FieldErrors, field: &str, s: &str) -> Option<String> {
    let s = s.trim();
    if s.is_empty() {
        return None;
    }
    match parse_date(s) {
        Some(d) => Some(date_string(d)),
        None => {
            errors.add(field, Msg::new("job-ad-date-invalid"));
            None
        }
    }
}

impl AdDraft {
    /// Checks the fields; the contact person must be one of `contacts` (the customer's) or
    /// `staff` (active users).
    pub fn validate(&self, contacts: &[i64], staff: &[i64]) -> Result<AdData, FieldErrors> {
        let mut errors = FieldErrors::default();
        let title = self.title.trim().to_string();
        if title.is_empty() {
            errors.add("title", Msg::new("field-required"));
        }
        for (field, value, max) in [
            ("title", &self.title, MAX_TITLE),
            ("lead", &self.lead, MAX_LEAD),
            ("body_html", &self.body_html, MAX_BODY),
            ("occupation_title", &self.occupation_title, 200),
            ("city", &self.city, 100),
            ("start_text", &self.start_text, 200),
        ] {
            if value.trim().chars().count() > max {
                errors.add(field, Msg::new("field-too-long").arg("max", max));
            }
        }
        for field in ["title", "occupation_title", "city", "start_text"] {
            let value = match field {
                "title" => &self.title,
                "occupation_title" => &self.occupation_title,
                "city" => &self.city,
                _ => &self.start_text,
            };
            errors.single_line(field, value);
        }
        let styrk_code = opt(&self.styrk_code);
        if let Some(s) = &styrk_code
            && (s.len() != 4 || !s.bytes().all(|b| b.is_ascii_digit()))
        {
            errors.add("styrk_code", Msg::new("job-ad-styrk-invalid"));
        }
        let postal_code = opt(&self.postal_code);
        let mut city = opt(&self.city);
        if let Some(p) = &postal_code {
            match crate::geo::postal::lookup(p) {
                Some(place) if p.len() == 4 => {
                    city.get_or_insert_with(|| place.place_title());
                }
                _ => errors.add(
                    "postal_code",
                    Msg::new("postal-code-unknown").arg("code", p),
                ),
            }
        }
        let employment_type = EmploymentType::parse(&self.employment_type);
        if employment_type.is_none() {
            errors.add("employment_type", Msg::new("job-ad-choose"));
        }
        let sector = Sector::parse(&self.sector);
        if sector.is_none() {
            errors.add("sector", Msg::new("job-ad-choose"));
        }
        let employer_shown = EmployerShown::parse(&self.employer_shown);
        if employer_shown.is_none() {
            errors.add("employer_shown", Msg::new("job-ad-choose"));
        }
        let asap = !self.asap.trim().is_empty();
        let deadline = date(&mut errors, "deadline", &self.deadline);
        if asap && deadline.is_some() {
            errors.add("deadline", Msg::new("job-ad-deadline-or-asap"));
        } else if !asap && deadline.is_none() && errors.get("deadline").is_none() {
            errors.add("deadline", Msg::new("job-ad-deadline-required"));
        }
        let start_date = date(&mut errors, "start_date", &self.start_date);
        let positions = match self.positions.trim() {
            "" => 1,
            s => match s.parse::<i64>() {
                Ok(n) if (1..=500).contains(&n) => n,
                _ => {
                    errors.add("positions", Msg::new("job-ad-positions-invalid"));
                    1
                }
            },
        };
        let salary_hour_ore = match self.salary_hour.trim() {
            "" => None,
            s => match parse_kr(s) {
                Some(ore) if ore > 0 => Some(ore),
                _ => {
                    errors.add("salary_hour", Msg::new("job-ad-salary-invalid"));
                    None
                }
            },
        };
        let contact = match self.contact.trim() {
            "" => None,
            s => match ContactPerson::parse(s) {
                Some(ContactPerson::Contact(id)) if contacts.contains(&id) => {
                    Some(ContactPerson::Contact(id))
                }
                Some(ContactPerson::Staff(id)) if staff.contains(&id) => {
                    Some(ContactPerson::Staff(id))
                }
                _ => {
                    errors.add("contact", Msg::new("job-ad-contact-invalid"));
                    None
                }
            },
        };
        let employer_orgnr = match opt(&self.employer_orgnr) {
            None => None,
            Some(o) => match crate::norway::orgnr::OrgNumber::parse(&o) {
                Ok(n) => Some(n.as_str().to_string()),
                Err(crate::norway::orgnr::OrgNumberError::Format) => {
                    errors.add("employer_orgnr", Msg::new("orgnr-format"));
                    None
                }
                Err(crate::norway::orgnr::OrgNumberError::Checksum) => {
                    errors.add("employer_orgnr", Msg::new("orgnr-checksum"));
                    None
                }
            },
        };
        let body_html = sanitize(self.body_html.trim());
        match (employment_type, sector, employer_shown) {
            (Some(employment_type), Some(sector), Some(employer_shown)) if errors.is_empty() => {
                Ok(AdData {
                    title,
                    lead: self.lead.trim().to_string(),
                    body_html,
                    styrk_code,
                    occupation_title: opt(&self.occupation_title),
                    postal_code,
                    city,
                    employment_type,
                    sector,
                    deadline,
                    asap,
                    start_date,
                    start_text: opt(&self.start_text),
                    positions,
                    salary_hour_ore,
                    contact,
                    employer_shown,
                    to_arbeidsplassen: !self.to_arbeidsplassen.trim().is_empty(),
                    to_finn: !self.to_finn.trim().is_empty(),
                    employer_orgnr,
                })
            }
            _ => Err(errors),
        }
    }
}

/// The ad body as it may be shown: paragraphs, line breaks, lists, bold, italics, two heading
/// levels and links to http(s) or mailto (with `rel="noopener nofollow"`). Everything else is
/// removed: scripts and styles with their content, other tags keeping their text, every
/// attribute but a link's `href`, relative and `javascript:` links.
pub fn sanitize(html: &str) -> String {
    let tags: HashSet<&str> = ["p", "br", "ul", "ol", "li", "strong", "em", "h2", "h3", "a"]
        .into_iter()
        .collect();
    let attributes: HashMap<&str, HashSet<&str>> = [("a", ["href"].into_iter().collect())]
        .into_iter()
        .collect();
    ammonia::Builder::empty()
        .tags(tags)
        .tag_attributes(attributes)
        .url_schemes(["http", "https", "mailto"].into_iter().collect())
        .url_relative(ammonia::UrlRelative::Deny)
        .link_rel(Some("noopener nofollow"))
        .clean_content_tags(["script", "style"].into_iter().collect())
        .strip_comments(true)
        .clean(html)
        .to_string()
}

/// The ad's text without tags, for feeds' summaries and meta descriptions.
pub fn plain_text(html: &str) -> String {
    let text = ammonia::Builder::empty()
        .clean_content_tags(["script", "style"].into_iter().collect())
        .clean(&html.replace("</p>", "</p> ").replace("<br>", " "))
        .to_string();
    // ammonia escapes what it keeps as text; the callers escape again where they write it.
    let text = text
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&");
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The public address's last part: the title in lower-case ASCII words joined by `-` (Norwegian
/// letters spelled out), then `suffix` (random, so two ads with one title differ).
pub fn slug(title: &str, suffix: &str) -> String {
    let mut out = String::new();
    for c in title.to_lowercase().chars() {
        let piece = match c {
            'æ' => "ae".to_string(),
            'ø' => "o".to_string(),
            'å' => "a".to_string(),
            'é' | 'è' | 'ê' => "e".to_string(),
            'ü' => "u".to_string(),
            'ö' => "o".to_string(),
            'ä' => "a".to_string(),
            c if c.is_ascii_alphanumeric() => c.to_string(),
            _ => String::from('-'),
        };
        out.push_str(&piece);
    }
    let words: Vec<&str> = out.split('-').filter(|w| !w.is_empty()).collect();
    let mut base = String::new();
    for w in words {
        if base.len() + w.len() > 60 {
            break;
        }
        if !base.is_empty() {
            base.push('-');
        }
        base.push_str(w);
    }
    if base.is_empty() {
        suffix.to_string()
    } else {
        format!("{base}-{suffix}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn draft() -> AdDraft {
        AdDraft {
            title: "Betongarbeider".into(),
            employment_type: "TEMPORARY".into(),
            sector: "private".into(),
            employer_shown: "anonymous".into(),
            deadline: "2027-01-15".into(),
            postal_code: "5003".into(),
            contact: "u:3".into(),
            ..AdDraft::default()
        }
    }

    #[test]
    fn a_good_draft_is_checked_with_the_place_filled_in() {
        let d = draft().validate(&[], &[3]).unwrap();
        assert_eq!(d.city.as_deref(), Some("Bergen"));
        assert_eq!(d.positions, 1);
        assert_eq!(d.contact, Some(ContactPerson::Staff(3)));
        assert_eq!(d.employer_shown, EmployerShown::Anonymous);
    }

    #[test]
    fn bad_fields_are_named() {
        let mut d = draft();
        d.title = " ".into();
        d.styrk_code = "71a4".into();
        d.deadline = "31.02.2027".into();
        d.employment_type = "SOMETIMES".into();
        d.contact = "c:9".into();
        d.salary_hour = "mye".into();
        let errors = d.validate(&[1], &[3]).unwrap_err();
        for f in [
            "title",
            "styrk_code",
            "deadline",
            "employment_type",
            "contact",
            "salary_hour",
        ] {
            assert!(errors.get(f).is_some(), "{f}");
        }
        let mut d = draft();
        d.deadline = String::new();
        assert!(d.validate(&[], &[3]).unwrap_err().get("deadline").is_some());
        d.asap = "1".into();
        let ok = d.validate(&[], &[3]).unwrap();
        assert!(ok.asap && ok.deadline.is_none());
    }

    #[test]
    fn the_body_keeps_the_small_tag_set_only() {
        let dirty = r#"<p onclick="x()">Hei <strong>du</strong><script>alert(1)</script></p>
<img src=x onerror="alert(2)"><a href="javascript:alert(3)">lur</a>
<a href="https://example.no/a" target="_blank">ok</a><a href="/relative">rel</a>
<h1>Stor</h1><h2>Under</h2><style>p{}</style><iframe src="https://x"></iframe>"#;
        let clean = sanitize(dirty);
        assert!(!clean.contains("script"), "{clean}");
        assert!(!clean.contains("alert"), "{clean}");
        assert!(!clean.contains("onerror"), "{clean}");
        assert!(!clean.contains("onclick"), "{clean}");
        assert!(!clean.contains("javascript"), "{clean}");
        assert!(!clean.contains("<img"), "{clean}");
        assert!(!clean.contains("iframe"), "{clean}");
        assert!(!clean.contains("/relative"), "{clean}");
        assert!(!clean.contains("target"), "{clean}");
        assert!(clean.contains("<strong>du</strong>"), "{clean}");
        assert!(clean.contains("<h2>Under</h2>"), "{clean}");
        assert!(clean.contains("Stor"), "{clean}");
        assert!(
            clean.contains(r#"<a href="https://example.no/a" rel="noopener nofollow">ok</a>"#),
            "{clean}"
        );
    }

    #[test]
    fn slugs_are_ascii_words() {
        assert_eq!(
            slug("Lagermedarbeider på Ålgård!", "ab12"),
            "lagermedarbeider-pa-algard-ab12"
        );
        assert_eq!(slug("???", "ab12"), "ab12");
        assert_eq!(plain_text("<p>Hei</p><p>du &amp; jeg</p>"), "Hei du & jeg");
    }
}
