//! FINN.no job ads as an XML document, behind a configurable transport (decision 0037).
//!
//! **The format is NOT verified with FINN.** FINN's import format (`IADIF-job80.dtd`) is given
//! to partners only; what is public (FINN's help centre, "Important updates" for the job DTDs)
//! is: the ad types JOB, JOB_EXECUTIVE and JOB_PARTTIME; HEAD and OBJECT_HEAD elements; an
//! OBJECT_LOCATION (ADDRESS1 left after ADDRESS2–4 were removed); a mandatory single COMPANY;
//! a required APPLICATION_URL; at least one JOB_CONTACT; OCCUPATION with GENERAL or
//! SPECIALIZATION (at least one; values from FINN's own list at
//! `https://www.finn.no/job/v1/referencevalue?xmlCode=OCCUPATION`, not STYRK); DURATION,
//! INDUSTRY and COMPENSATION from the same lists. Every other element name here is ours (the
//! root `IAD`, what OBJECT_HEAD holds; HEAD is left out as its remaining content is unknown), and
//! the whole document is our best reading until FINN checks it. The document says so in a comment. [`FORMAT_VERIFIED_WITH_FINN`]
//! says so in code, and every export carries it.
//!
//! Transports (`KUNDEKORT_FINN_TRANSPORT`): `http:URL` POSTs the document; `dir:PATH` drops it
//! as a file into a folder. Neither makes an ad "published on FINN": a file drop is only
//! [`FinnOutcome::Exported`], and an HTTP POST is [`FinnOutcome::Sent`] with FINN's receipt only
//! when the answer carries one (a non-empty body, kept as it came).

use std::{io, path::PathBuf, time::Duration};

use quick_xml::{
    Writer,
    events::{BytesDecl, BytesEnd, BytesStart, BytesText, Event},
};
use time::{
    Date, PrimitiveDateTime, format_description::BorrowedFormatItem, macros::format_description,
};
use url::Url;

use crate::config::FinnTransport;
use crate::i18n::Lang;

/// The document follows FINN's job format as far as public information goes; FINN has not
/// checked it.
pub const FORMAT_VERIFIED_WITH_FINN: bool = false;
/// The DTD the document names (FINN's current job DTD, not public).
pub const DTD: &str = "IADIF-job80.dtd";

const DATE_TIME: &[BorrowedFormatItem<'static>] =
    format_description!("[year]-[month]-[day]T[hour]:[minute]:[second]");
const DATE: &[BorrowedFormatItem<'static>] = format_description!("[year]-[month]-[day]");
const STAMP: &[BorrowedFormatItem<'static>] =
    format_description!("[year][month][day]T[hour][minute][second]");

/// FINN's ad types for jobs (JOB_EXECUTIVE is not used).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FinnAdType {
    Job,
    JobPartTime,
}

impl FinnAdType {
    pub fn element(self) -> &'static str {
        match self {
            FinnAdType::Job => "JOB",
            FinnAdType::JobPartTime => "JOB_PARTTIME",
        }
    }
}

/// The occupation in FINN's own list: GENERAL when the value has no specialisation,
/// SPECIALIZATION otherwise.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FinnOccupation {
    General(String),
    Specialization(String),
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FinnLocation {
    pub address: Option<String>,
    pub postal_code: Option<String>,
    pub city: Option<String>,
    /// ISO 3166 code; `None` means NO.
    pub country: Option<String>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FinnContact {
    pub name: String,
    pub title: Option<String>,
    pub phone: Option<String>,
    pub email: Option<String>,
}

/// The application deadline: a date or "as soon as possible".
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FinnDeadline {
    Date(Date),
    Asap,
}

/// One job ad for FINN.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FinnAd {
    /// Our stable id of the ad (the same on every update).
    pub reference: String,
    pub ad_type: FinnAdType,
    pub title: String,
    /// The ad text as HTML, sanitised by the caller.
    pub text: String,
    /// The employer shown: the agency, the customer, or "a customer of ours".
    pub company: String,
    pub positions: i32,
    pub published: PrimitiveDateTime,
    pub deadline: Option<FinnDeadline>,
    pub application_url: String,
    pub occupation: Option<FinnOccupation>,
    pub location: FinnLocation,
    pub contacts: Vec<FinnContact>,
    /// A DURATION value from FINN's list (e.g. for a temporary job), when known.
    pub duration: Option<String>,
    /// Free text, e.g. "Etter avtale".
    pub start: Option<String>,
}

/// What FINN requires (by its public notes) and the ad lacks.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FinnProblem {
    ReferenceMissing,
    TitleMissing,
    TextMissing,
    CompanyMissing,
    ApplicationUrlMissing,
    ContactMissing,
    OccupationMissing,
    PositionsBelowOne,
    DeadlineBeforePublished,
}

impl FinnProblem {
    pub fn message_id(self) -> &'static str {
        match self {
            FinnProblem::ReferenceMissing => "finn-problem-reference-missing",
            FinnProblem::TitleMissing => "finn-problem-title-missing",
            FinnProblem::TextMissing => "finn-problem-text-missing",
            FinnProblem::CompanyMissing => "finn-problem-company-missing",
            FinnProblem::ApplicationUrlMissing => "finn-problem-application-url-missing",
            FinnProblem::ContactMissing => "finn-problem-contact-missing",
            FinnProblem::OccupationMissing => "finn-problem-occupation-missing",
            FinnProblem::PositionsBelowOne => "finn-problem-positions",
            FinnProblem::DeadlineBeforePublished => "finn-problem-expires",
        }
    }

    pub fn message(self, lang: Lang) -> String {
        lang.t(self.message_id())
    }
}

impl std::fmt::Display for FinnProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message(Lang::En))
    }
}

fn blank(s: &str) -> bool {
    s.trim().is_empty()
}

fn is_web_url(s: &str) -> bool {
    Url::parse(s.trim()).is_ok_and(|u| matches!(u.scheme(), "http" | "https"))
}

impl FinnAd {
    /// What FINN requires and this ad lacks; empty when it may be exported.
    pub fn problems(&self) -> Vec<FinnProblem> {
        let mut out = Vec::new();
        if blank(&self.reference) {
            out.push(FinnProblem::ReferenceMissing);
        }
        if blank(&self.title) {
            out.push(FinnProblem::TitleMissing);
        }
        if blank(&self.text) {
            out.push(FinnProblem::TextMissing);
        }
        if blank(&self.company) {
            out.push(FinnProblem::CompanyMissing);
        }
        if !is_web_url(&self.application_url) {
            out.push(FinnProblem::ApplicationUrlMissing);
        }
        if !self.contacts.iter().any(|c| !blank(&c.name)) {
            out.push(FinnProblem::ContactMissing);
        }
        let occupation_given = match &self.occupation {
            Some(FinnOccupation::General(v) | FinnOccupation::Specialization(v)) => !blank(v),
            None => false,
        };
        if !occupation_given {
            out.push(FinnProblem::OccupationMissing);
        }
        if self.positions < 1 {
            out.push(FinnProblem::PositionsBelowOne);
        }
        if let Some(FinnDeadline::Date(d)) = self.deadline
            && d < self.published.date()
        {
            out.push(FinnProblem::DeadlineBeforePublished);
        }
        out
    }
}

/// The export as a document.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FinnDocument {
    /// A safe file name: `finn-job-<reference>.xml`.
    pub file_name: String,
    pub xml: String,
    /// Always [`FORMAT_VERIFIED_WITH_FINN`] (false).
    pub format_verified_with_finn: bool,
}

/// Characters XML 1.0 cannot carry are dropped.
fn clean(text: &str) -> String {
    text.chars()
        .filter(|c| {
            matches!(c, '\t' | '\n' | '\r') || (*c >= ' ' && !matches!(c, '\u{fffe}' | '\u{ffff}'))
        })
        .collect::<String>()
        .trim()
        .to_string()
}

fn safe_name(reference: &str) -> String {
    reference
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '_'
            }
        })
        .take(80)
        .collect()
}

struct Xml(Writer<Vec<u8>>);

impl Xml {
    fn start(&mut self, name: &str) -> io::Result<()> {
        self.0.write_event(Event::Start(BytesStart::new(name)))
    }
    fn end(&mut self, name: &str) -> io::Result<()> {
        self.0.write_event(Event::End(BytesEnd::new(name)))
    }
    fn group(
        &mut self,
        name: &str,
        inner: impl FnOnce(&mut Self) -> io::Result<()>,
    ) -> io::Result<()> {
        self.start(name)?;
        inner(self)?;
        self.end(name)
    }
    fn text(&mut self, name: &str, text: &str) -> io::Result<()> {
        self.start(name)?;
        self.0
            .write_event(Event::Text(BytesText::new(&clean(text))))?;
        self.end(name)
    }
    /// Left out when absent or blank.
    fn opt(&mut self, name: &str, text: Option<&str>) -> io::Result<()> {
        match text.map(clean).filter(|t| !t.is_empty()) {
            Some(t) => self.text(name, &t),
            None => Ok(()),
        }
    }
}

/// The ad as a FINN job document, or what FINN would refuse.
pub fn document(ad: &FinnAd) -> Result<FinnDocument, Vec<FinnProblem>> {
    let problems = ad.problems();
    if !problems.is_empty() {
        return Err(problems);
    }
    let xml = write(ad).map_err(|_| vec![FinnProblem::TextMissing])?;
    Ok(FinnDocument {
        file_name: format!("finn-job-{}.xml", safe_name(ad.reference.trim())),
        xml,
        format_verified_with_finn: FORMAT_VERIFIED_WITH_FINN,
    })
}

fn write(ad: &FinnAd) -> io::Result<String> {
    let mut x = Xml(Writer::new_with_indent(Vec::new(), b' ', 2));
    x.0.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))?;
    x.0.write_event(Event::DocType(BytesText::from_escaped(format!(
        "IAD SYSTEM \"{DTD}\""
    ))))?;
    x.0.write_event(Event::Comment(BytesText::from_escaped(
        " Made by Kundekort from the public notes on IADIF-job80; NOT verified with FINN. ",
    )))?;
    x.group("IAD", |x| {
        x.group(ad.ad_type.element(), |x| {
            x.group("OBJECT_HEAD", |x| {
                x.text("REFERENCE", &ad.reference)?;
                x.text(
                    "PUBLISH_START",
                    &ad.published.format(DATE_TIME).unwrap_or_default(),
                )
            })?;
            x.group("OBJECT_LOCATION", |x| {
                x.opt("ADDRESS1", ad.location.address.as_deref())?;
                x.opt("POSTCODE", ad.location.postal_code.as_deref())?;
                x.opt("CITY", ad.location.city.as_deref())?;
                x.text("COUNTRY", ad.location.country.as_deref().unwrap_or("NO"))
            })?;
            x.text("COMPANY", &ad.company)?;
            x.text("HEADING", &ad.title)?;
            x.text("GENERAL_TEXT", &ad.text)?;
            x.text("NO_OF_POSITIONS", &ad.positions.to_string())?;
            match &ad.occupation {
                Some(FinnOccupation::General(v)) => {
                    x.group("OCCUPATION", |x| x.text("GENERAL", v))?
                }
                Some(FinnOccupation::Specialization(v)) => {
                    x.group("OCCUPATION", |x| x.text("SPECIALIZATION", v))?
                }
                None => {}
            }
            x.opt("DURATION", ad.duration.as_deref())?;
            x.opt("START", ad.start.as_deref())?;
            match ad.deadline {
                Some(FinnDeadline::Date(d)) => {
                    x.text("APPLICATION_DEADLINE", &d.format(DATE).unwrap_or_default())?
                }
                Some(FinnDeadline::Asap) => x.text("APPLICATION_DEADLINE", "SNAREST")?,
                None => {}
            }
            x.text("APPLICATION_URL", ad.application_url.trim())?;
            for c in ad.contacts.iter().filter(|c| !blank(&c.name)) {
                x.group("JOB_CONTACT", |x| {
                    x.text("NAME", &c.name)?;
                    x.opt("TITLE", c.title.as_deref())?;
                    x.opt("PHONE", c.phone.as_deref())?;
                    x.opt("EMAIL", c.email.as_deref())
                })?;
            }
            Ok(())
        })
    })?;
    String::from_utf8(x.0.into_inner()).map_err(io::Error::other)
}

/// Where the document went.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FinnOutcome {
    /// Written into the configured folder; not sent to FINN by us, not published.
    Exported { path: PathBuf },
    /// POSTed and answered 2xx. `receipt` is the answer's body when it had one: only that may
    /// ever be shown as FINN's word on the ad.
    Sent { receipt: Option<String> },
}

impl FinnOutcome {
    /// FINN's own receipt, if the transport brought one back.
    pub fn receipt(&self) -> Option<&str> {
        match self {
            FinnOutcome::Sent { receipt } => receipt.as_deref(),
            FinnOutcome::Exported { .. } => None,
        }
    }
}

/// An export's result, with the flag that the format is not verified with FINN.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FinnExport {
    pub outcome: FinnOutcome,
    pub format_verified_with_finn: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum FinnError {
    /// `KUNDEKORT_FINN_TRANSPORT` is not set: nothing was made or sent.
    #[error("the FINN export is not configured")]
    NotConfigured,
    /// The ad lacks what FINN requires; nothing was sent.
    #[error("{}", .0.iter().map(ToString::to_string).collect::<Vec<_>>().join("; "))]
    Invalid(Vec<FinnProblem>),
    /// The receiver refused the document (4xx); sending it again will not help.
    #[error("refused: {reason}")]
    Refused { reason: String },
    /// A passing problem (5xx, 408, 429, time-out, unreachable, the folder not writable).
    #[error("not delivered: {reason}")]
    Retryable { reason: String },
}

/// Sends FINN documents by the configured transport.
#[derive(Clone, Debug)]
pub struct FinnExporter {
    transport: Option<FinnTransport>,
    http: reqwest::Client,
}

impl FinnExporter {
    pub fn new(transport: Option<&FinnTransport>) -> Self {
        Self::with_timeout(transport, Duration::from_secs(30))
    }

    pub fn with_timeout(transport: Option<&FinnTransport>, timeout: Duration) -> Self {
        let http = crate::integrations::http_client(timeout)
            .build()
            .expect("http client");
        Self {
            transport: transport.cloned(),
            http,
        }
    }

    pub fn is_configured(&self) -> bool {
        self.transport.is_some()
    }

    /// Makes the ad's document and hands it to the transport.
    pub async fn export(&self, ad: &FinnAd) -> Result<FinnExport, FinnError> {
        let transport = self.transport.as_ref().ok_or(FinnError::NotConfigured)?;
        let doc = document(ad).map_err(FinnError::Invalid)?;
        let outcome = match transport {
            FinnTransport::Dir(dir) => drop_file(dir, &doc).await?,
            FinnTransport::Http(url) => self.post(url, &doc).await?,
        };
        Ok(FinnExport {
            outcome,
            format_verified_with_finn: FORMAT_VERIFIED_WITH_FINN,
        })
    }

    async fn post(&self, url: &Url, doc: &FinnDocument) -> Result<FinnOutcome, FinnError> {
        let response = self
            .http
            .post(url.clone())
            .header("content-type", "application/xml; charset=utf-8")
            .body(doc.xml.clone())
            .send()
            .await
            .map_err(|e| FinnError::Retryable {
                reason: if e.is_timeout() {
                    format!("no answer in time: {e}")
                } else {
                    format!("unreachable: {e}")
                },
            })?;
        let status = response.status().as_u16();
        let body = response.text().await.unwrap_or_default();
        let body: String = body.trim().chars().take(4000).collect();
        if (200..300).contains(&status) {
            return Ok(FinnOutcome::Sent {
                receipt: Some(body).filter(|b| !b.is_empty()),
            });
        }
        let reason = format!(
            "HTTP {status} {}",
            body.chars().take(300).collect::<String>()
        )
        .trim()
        .to_string();
        if status >= 500 || status == 408 || status == 429 {
            Err(FinnError::Retryable { reason })
        } else {
            Err(FinnError::Refused { reason })
        }
    }
}

/// Writes the document under a temporary name and renames it, so that whatever watches the
/// folder never sees half a file. The name carries the time, so updates do not overwrite.
async fn drop_file(dir: &std::path::Path, doc: &FinnDocument) -> Result<FinnOutcome, FinnError> {
    let io_error = |e: io::Error| FinnError::Retryable {
        reason: format!("{}: {e}", dir.display()),
    };
    tokio::fs::create_dir_all(dir).await.map_err(io_error)?;
    let stamp = time::OffsetDateTime::now_utc()
        .format(STAMP)
        .unwrap_or_default();
    let stem = doc.file_name.trim_end_matches(".xml");
    let name = format!("{stem}-{stamp}-{:08x}.xml", rand::random::<u32>());
    let path = dir.join(&name);
    let partial = dir.join(format!(".{name}.partial"));
    tokio::fs::write(&partial, doc.xml.as_bytes())
        .await
        .map_err(io_error)?;
    tokio::fs::rename(&partial, &path).await.map_err(io_error)?;
    Ok(FinnOutcome::Exported { path })
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::{date, datetime};

    fn sample() -> FinnAd {
        FinnAd {
            reference: "kk-ad-17".into(),
            ad_type: FinnAdType::Job,
            title: "Lagermedarbeidere <søkes> & mer".into(),
            text: "<p>Vi søker tre lagermedarbeidere.</p>".into(),
            company: "Berger Logistikk AS".into(),
            positions: 3,
            published: datetime!(2026-12-03 09:00:00),
            deadline: Some(FinnDeadline::Date(date!(2026 - 12 - 20))),
            application_url: "https://byraa.no/jobb/17/sok".into(),
            occupation: Some(FinnOccupation::General("Lager og logistikk".into())),
            location: FinnLocation {
                postal_code: Some("0668".into()),
                city: Some("Oslo".into()),
                ..Default::default()
            },
            contacts: vec![FinnContact {
                name: "Kari Nordmann".into(),
                email: Some("kari@byraa.no".into()),
                ..Default::default()
            }],
            duration: None,
            start: Some("Etter avtale".into()),
        }
    }

    #[test]
    fn refuses_without_what_finn_requires() {
        let mut ad = sample();
        ad.company = " ".into();
        ad.application_url = "byraa.no/sok".into();
        ad.contacts = vec![FinnContact::default()];
        ad.occupation = None;
        assert_eq!(
            ad.problems(),
            vec![
                FinnProblem::CompanyMissing,
                FinnProblem::ApplicationUrlMissing,
                FinnProblem::ContactMissing,
                FinnProblem::OccupationMissing,
            ]
        );
        assert!(document(&ad).is_err());
    }

    #[test]
    fn the_document_says_it_is_not_verified() {
        let doc = document(&sample()).unwrap();
        assert!(!doc.format_verified_with_finn);
        assert_eq!(doc.file_name, "finn-job-kk-ad-17.xml");
        assert!(
            doc.xml
                .contains("<!DOCTYPE IAD SYSTEM \"IADIF-job80.dtd\">")
        );
        assert!(doc.xml.contains("<JOB>"));
        assert!(doc.xml.contains("&lt;søkes&gt; &amp; mer"));
        let mut part_time = sample();
        part_time.ad_type = FinnAdType::JobPartTime;
        assert!(document(&part_time).unwrap().xml.contains("<JOB_PARTTIME>"));
    }

    #[tokio::test]
    async fn unconfigured_exports_nothing() {
        let exporter = FinnExporter::new(None);
        assert!(!exporter.is_configured());
        assert_eq!(
            exporter.export(&sample()).await,
            Err(FinnError::NotConfigured)
        );
    }
}
