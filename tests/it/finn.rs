//! The FINN job ad export (decision 0037): the document parsed back with quick-xml, refused
//! without what FINN requires, dropped into a folder (exported, never published) or POSTed to a
//! tiny local server (sent, with FINN's receipt only when the answer has one). No database.

use std::{
    collections::HashMap,
    net::SocketAddr,
    sync::{Arc, Mutex},
    time::Duration,
};

use axum::{
    Router,
    extract::State,
    http::{HeaderMap, StatusCode},
    routing::post,
};
use kundekort::config::FinnTransport;
use kundekort::integrations::finn::{
    self, FinnAd, FinnAdType, FinnContact, FinnDeadline, FinnError, FinnExporter, FinnLocation,
    FinnOccupation, FinnOutcome, FinnProblem,
};
use quick_xml::{Reader, events::Event};
use time::macros::{date, datetime};

fn ad() -> FinnAd {
    FinnAd {
        reference: "kk/ad 17".into(),
        ad_type: FinnAdType::Job,
        title: "Lagermedarbeidere – «natt» & helg <snart>".into(),
        text: "<p>Vi søker tre lagermedarbeidere.</p>\u{1}<ul><li>Truckførerbevis 🚜</li></ul>"
            .into(),
        company: "Berger Logistikk AS".into(),
        positions: 3,
        published: datetime!(2026-12-03 09:00:00),
        deadline: Some(FinnDeadline::Date(date!(2026 - 12 - 20))),
        application_url: "https://byraa.no/jobb/17/sok?kilde=finn&x=1".into(),
        occupation: Some(FinnOccupation::Specialization("Lagermedarbeider".into())),
        location: FinnLocation {
            address: Some("Alnabruveien 1".into()),
            postal_code: Some("0668".into()),
            city: Some("Oslo".into()),
            country: None,
        },
        contacts: vec![
            FinnContact {
                name: "Kari Nordmann".into(),
                title: Some("Konsulent".into()),
                phone: Some("+47 400 00 000".into()),
                email: Some("kari@byraa.no".into()),
            },
            FinnContact {
                name: "Ola Nordmann".into(),
                ..Default::default()
            },
        ],
        duration: None,
        start: Some("Etter avtale".into()),
    }
}

/// Parses the document as XML (a malformed one fails here) and returns the root, the element
/// paths in order and each path's text.
fn parse(xml: &str) -> (String, Vec<String>, HashMap<String, String>) {
    let mut reader = Reader::from_str(xml);
    reader.config_mut().check_end_names = true;
    let mut stack: Vec<String> = Vec::new();
    let mut paths = Vec::new();
    let mut texts: HashMap<String, String> = HashMap::new();
    let mut doctype = String::new();
    loop {
        match reader.read_event().expect("well-formed XML") {
            Event::DocType(d) => doctype = d.decode().unwrap().into_owned(),
            Event::Start(e) => {
                stack.push(String::from_utf8(e.name().as_ref().to_vec()).unwrap());
                paths.push(stack.join("/"));
            }
            Event::End(_) => {
                stack.pop();
            }
            Event::Text(t) => {
                texts
                    .entry(stack.join("/"))
                    .or_default()
                    .push_str(&t.decode().unwrap());
            }
            Event::GeneralRef(r) => {
                let resolved = match &*r.decode().unwrap() {
                    "amp" => "&".to_string(),
                    "lt" => "<".to_string(),
                    "gt" => ">".to_string(),
                    "quot" => "\"".to_string(),
                    "apos" => "'".to_string(),
                    other => panic!("unexpected entity {other}"),
                };
                texts
                    .entry(stack.join("/"))
                    .or_default()
                    .push_str(&resolved);
            }
            Event::Eof => break,
            _ => {}
        }
    }
    assert!(stack.is_empty(), "every element closed");
    (doctype, paths, texts)
}

#[test]
fn the_document_is_well_formed_and_carries_what_finn_requires() {
    let doc = finn::document(&ad()).unwrap();
    assert!(!doc.format_verified_with_finn);
    assert_eq!(doc.file_name, "finn-job-kk_ad_17.xml");
    assert!(doc.xml.contains("NOT verified with FINN"));
    let (doctype, paths, texts) = parse(&doc.xml);
    assert_eq!(doctype.trim(), "IAD SYSTEM \"IADIF-job80.dtd\"");
    assert_eq!(paths[0], "IAD");
    for required in [
        "IAD/JOB/OBJECT_HEAD/REFERENCE",
        "IAD/JOB/COMPANY",
        "IAD/JOB/APPLICATION_URL",
        "IAD/JOB/JOB_CONTACT/NAME",
        "IAD/JOB/OCCUPATION/SPECIALIZATION",
    ] {
        assert!(
            paths.iter().any(|p| p == required),
            "{required} in {paths:?}"
        );
    }
    assert_eq!(
        paths.iter().filter(|p| *p == "IAD/JOB/JOB_CONTACT").count(),
        2
    );
    assert_eq!(texts["IAD/JOB/OBJECT_HEAD/REFERENCE"], "kk/ad 17");
    assert_eq!(
        texts["IAD/JOB/HEADING"],
        "Lagermedarbeidere – «natt» & helg <snart>"
    );
    assert_eq!(
        texts["IAD/JOB/APPLICATION_URL"],
        "https://byraa.no/jobb/17/sok?kilde=finn&x=1"
    );
    // The HTML travels as text; a control character XML cannot carry is dropped.
    assert_eq!(
        texts["IAD/JOB/GENERAL_TEXT"],
        "<p>Vi søker tre lagermedarbeidere.</p><ul><li>Truckførerbevis 🚜</li></ul>"
    );
    assert_eq!(texts["IAD/JOB/APPLICATION_DEADLINE"], "2026-12-20");
    assert_eq!(texts["IAD/JOB/OBJECT_LOCATION/COUNTRY"], "NO");

    let mut part_time = ad();
    part_time.ad_type = FinnAdType::JobPartTime;
    part_time.occupation = Some(FinnOccupation::General("Lager og logistikk".into()));
    part_time.deadline = Some(FinnDeadline::Asap);
    let (_, paths, texts) = parse(&finn::document(&part_time).unwrap().xml);
    assert!(
        paths
            .iter()
            .any(|p| p == "IAD/JOB_PARTTIME/OCCUPATION/GENERAL")
    );
    assert_eq!(texts["IAD/JOB_PARTTIME/APPLICATION_DEADLINE"], "SNAREST");
}

#[test]
fn without_company_application_url_contact_or_occupation_there_is_no_document() {
    let mut bad = ad();
    bad.company = String::new();
    bad.application_url = "mailto:jobb@byraa.no".into();
    bad.contacts = vec![FinnContact {
        name: "  ".into(),
        ..Default::default()
    }];
    bad.occupation = Some(FinnOccupation::General(" ".into()));
    assert_eq!(
        finn::document(&bad).unwrap_err(),
        vec![
            FinnProblem::CompanyMissing,
            FinnProblem::ApplicationUrlMissing,
            FinnProblem::ContactMissing,
            FinnProblem::OccupationMissing,
        ]
    );
}

#[tokio::test]
async fn a_file_drop_is_exported_never_published() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("finn-out");
    let exporter = FinnExporter::new(Some(&FinnTransport::Dir(out.clone())));
    let export = exporter.export(&ad()).await.unwrap();
    assert!(!export.format_verified_with_finn);
    assert_eq!(export.outcome.receipt(), None, "a file drop has no receipt");
    let FinnOutcome::Exported { path } = &export.outcome else {
        panic!("expected Exported, got {:?}", export.outcome);
    };
    assert_eq!(path.parent().unwrap(), out);
    let name = path.file_name().unwrap().to_str().unwrap();
    assert!(
        name.starts_with("finn-job-kk_ad_17-") && name.ends_with(".xml"),
        "{name}"
    );
    let written = std::fs::read_to_string(path).unwrap();
    assert_eq!(written, finn::document(&ad()).unwrap().xml);
    parse(&written);

    // A second export of the same ad is a second file; no partial file is left behind.
    exporter.export(&ad()).await.unwrap();
    let names: Vec<String> = std::fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    assert_eq!(names.len(), 2, "{names:?}");
    assert!(names.iter().all(|n| !n.starts_with('.')), "{names:?}");
}

#[tokio::test]
async fn an_invalid_ad_or_no_configuration_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let exporter = FinnExporter::new(Some(&FinnTransport::Dir(dir.path().to_path_buf())));
    let mut bad = ad();
    bad.contacts.clear();
    assert_eq!(
        exporter.export(&bad).await,
        Err(FinnError::Invalid(vec![FinnProblem::ContactMissing]))
    );
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
    assert_eq!(
        FinnExporter::new(None).export(&ad()).await,
        Err(FinnError::NotConfigured)
    );
}

/// A tiny receiver: records what it got and answers what it is told to.
#[derive(Clone, Default)]
struct Receiver {
    got: Arc<Mutex<Vec<(String, String)>>>,
    answer: Arc<Mutex<(u16, String)>>,
    delay: Arc<Mutex<Duration>>,
}

async fn receive(
    State(r): State<Receiver>,
    headers: HeaderMap,
    body: String,
) -> (StatusCode, String) {
    let delay = *r.delay.lock().unwrap();
    tokio::time::sleep(delay).await;
    let content_type = headers
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_string();
    r.got.lock().unwrap().push((content_type, body));
    let (status, text) = r.answer.lock().unwrap().clone();
    (StatusCode::from_u16(status).unwrap(), text)
}

async fn receiver() -> (Receiver, SocketAddr) {
    let r = Receiver::default();
    *r.answer.lock().unwrap() = (200, String::new());
    let app = Router::new()
        .route("/finn/import", post(receive))
        .with_state(r.clone());
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    (r, addr)
}

fn http_exporter(addr: SocketAddr) -> FinnExporter {
    let url = url::Url::parse(&format!("http://{addr}/finn/import")).unwrap();
    FinnExporter::with_timeout(Some(&FinnTransport::Http(url)), Duration::from_millis(500))
}

#[tokio::test]
async fn an_http_post_is_sent_with_a_receipt_only_when_the_answer_has_one() {
    let (r, addr) = receiver().await;
    let exporter = http_exporter(addr);

    *r.answer.lock().unwrap() = (
        200,
        "<receipt><finnkode>123456789</finnkode></receipt>".into(),
    );
    let export = exporter.export(&ad()).await.unwrap();
    assert!(!export.format_verified_with_finn);
    assert_eq!(
        export.outcome,
        FinnOutcome::Sent {
            receipt: Some("<receipt><finnkode>123456789</finnkode></receipt>".into())
        }
    );
    let (content_type, body) = r.got.lock().unwrap()[0].clone();
    assert_eq!(content_type, "application/xml; charset=utf-8");
    assert_eq!(body, finn::document(&ad()).unwrap().xml);
    parse(&body);

    *r.answer.lock().unwrap() = (202, "  ".into());
    let export = exporter.export(&ad()).await.unwrap();
    assert_eq!(export.outcome, FinnOutcome::Sent { receipt: None });
    assert_eq!(export.outcome.receipt(), None);
}

#[tokio::test]
async fn refusals_and_passing_problems_are_told_apart() {
    let (r, addr) = receiver().await;
    let exporter = http_exporter(addr);

    *r.answer.lock().unwrap() = (400, "OCCUPATION not in list".into());
    let err = exporter.export(&ad()).await.unwrap_err();
    assert_eq!(
        err,
        FinnError::Refused {
            reason: "HTTP 400 OCCUPATION not in list".into()
        }
    );

    *r.answer.lock().unwrap() = (503, String::new());
    let err = exporter.export(&ad()).await.unwrap_err();
    assert!(
        matches!(&err, FinnError::Retryable { reason } if reason == "HTTP 503"),
        "{err:?}"
    );

    *r.answer.lock().unwrap() = (200, "ok".into());
    *r.delay.lock().unwrap() = Duration::from_secs(3);
    let err = exporter.export(&ad()).await.unwrap_err();
    assert!(
        matches!(&err, FinnError::Retryable { reason } if reason.contains("in time")),
        "{err:?}"
    );
}
