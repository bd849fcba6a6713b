//! The arbeidsplassen.no client (NAV's pam-import-api) against its local fake: receipts, NAV's
//! refusals surfaced, passing problems (503, time-outs, unreachable) as retryable, stopping, and
//! the review status values. No database: the client is used on its own (decision 0037).

use std::time::Duration;

use kundekort::integrations::arbeidsplassen::{
    ApplicationDue, ArbeidsplassenClient, EngagementType, Extent, JobArrangement, NavAd,
    NavContact, NavEmployer, NavError, NavLocation, NavProblem, NavProperties, PublishStatus,
    Remote, Sector, Styrk08, TransferStatus, WorkHours, WorkLanguage, Workday,
};
use serde_json::json;
use time::macros::{date, datetime};

use crate::support::fake_arbeidsplassen::{FakeArbeidsplassen, KEY, PROVIDER};

fn ad(reference: &str) -> NavAd {
    NavAd {
        reference: reference.into(),
        title: "Lagermedarbeidere til Berger Logistikk".into(),
        ad_text: "<p>Vi søker tre lagermedarbeidere til <strong>Alnabru</strong>.</p>".into(),
        positions: 3,
        published: datetime!(2026-12-03 09:00:00),
        expires: datetime!(2027-01-04 00:00:00),
        employer: NavEmployer {
            business_name: "Berger Logistikk AS avd. Alnabru".into(),
            orgnr: Some("923609016".into()),
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
            municipal: Some("Oslo".into()),
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
            workdays: vec![Workday::Weekdays],
            work_hours: vec![WorkHours::Day, WorkHours::Evening],
            application_due: Some(ApplicationDue::Date(date!(2026 - 12 - 20))),
            application_url: Some("https://byraa.no/jobb/17".into()),
            ..Default::default()
        },
        occupation: Some(Styrk08 {
            code: "9321".into(),
            name: "Lagermedarbeider".into(),
        }),
    }
}

async fn connected() -> (
    FakeArbeidsplassen,
    ArbeidsplassenClient,
    std::net::SocketAddr,
) {
    let (fake, addr) = FakeArbeidsplassen::spawn().await;
    let client = ArbeidsplassenClient::with_timeout(
        Some(&FakeArbeidsplassen::config(addr)),
        Duration::from_secs(2),
    );
    (fake, client, addr)
}

#[tokio::test]
async fn a_batch_gets_navs_receipt_and_a_repeat_is_skipped() {
    let (fake, client, _) = connected().await;
    let receipt = client.transfer(&[ad("kk-1"), ad("kk-2")]).await.unwrap();
    assert_eq!(receipt.status, TransferStatus::Received);
    assert_eq!(receipt.version_id, Some(1));
    assert_eq!(receipt.items, Some(2));
    assert!(receipt.md5.is_some());

    // What NAV got is its own JSON, field for field.
    let held = fake.ad("kk-1").expect("the fake holds the ad").body;
    assert_eq!(held["title"], "Lagermedarbeidere til Berger Logistikk");
    assert_eq!(held["positions"], 3);
    assert_eq!(held["published"], "2026-12-03T09:00:00");
    assert_eq!(held["employer"]["orgnr"], "923609016");
    assert_eq!(held["properties"]["engagementtype"], "Vikariat");
    assert_eq!(held["properties"]["workhours"], r#"["Dagtid","Kveld"]"#);
    assert_eq!(held["properties"]["applicationdue"], "20.12.2026");
    assert_eq!(
        held["categoryList"],
        json!([{ "code": "9321", "categoryType": "STYRK08", "name": "Lagermedarbeider" }])
    );

    let again = client.transfer(&[ad("kk-1"), ad("kk-2")]).await.unwrap();
    assert_eq!(again.status, TransferStatus::Skipped);
    assert_eq!(again.version_id, None);
    assert_eq!(fake.batches().len(), 1, "the repeat changed nothing");
}

#[tokio::test]
async fn every_value_of_every_list_is_one_nav_accepts() {
    let (fake, client, _) = connected().await;
    let mut ads = Vec::new();
    for (i, engagement) in EngagementType::ALL.iter().enumerate() {
        let mut a = ad(&format!("kk-values-{i}"));
        let p = &mut a.properties;
        p.engagement_type = Some(*engagement);
        p.extent = Some(Extent::ALL[i % Extent::ALL.len()]);
        p.sector = Some(Sector::ALL[i % Sector::ALL.len()]);
        p.job_arrangement = Some(JobArrangement::ALL[i % JobArrangement::ALL.len()]);
        p.remote = Some(Remote::ALL[i % Remote::ALL.len()]);
        p.workdays = Workday::ALL.to_vec();
        p.work_hours = WorkHours::ALL.to_vec();
        p.work_languages = WorkLanguage::ALL.to_vec();
        p.application_due = Some(ApplicationDue::Asap);
        ads.push(a);
    }
    let receipt = client.transfer(&ads).await.unwrap();
    assert_eq!(receipt.items, Some(EngagementType::ALL.len() as i64));
    assert_eq!(
        fake.ad("kk-values-3").unwrap().body["properties"]["applicationdue"],
        "Snarest"
    );
}

#[tokio::test]
async fn what_nav_would_refuse_is_refused_before_sending() {
    let (fake, client, _) = connected().await;
    let mut bad = ad("kk-bad");
    bad.positions = 0;
    bad.properties.engagement_type = None;
    let err = client.transfer(&[ad("kk-ok"), bad]).await.unwrap_err();
    assert_eq!(
        err,
        NavError::Invalid {
            reference: "kk-bad".into(),
            problems: vec![
                NavProblem::PositionsBelowOne,
                NavProblem::EngagementTypeMissing
            ],
        }
    );
    let too_many: Vec<NavAd> = (0..101).map(|i| ad(&format!("kk-{i}"))).collect();
    assert!(matches!(
        client.transfer(&too_many).await,
        Err(NavError::Refused { .. })
    ));
    assert_eq!(fake.calls(), 0, "nothing reached NAV");
}

#[tokio::test]
async fn the_fake_refuses_like_nav() {
    // Our own checks keep the client from sending these, so they go to the fake raw: the fake
    // must refuse what NAV refuses, or the tests above prove nothing.
    let (_, addr) = FakeArbeidsplassen::spawn().await;
    let url = format!("http://{addr}/stillingsimport/api/v1/transfers/batch/{PROVIDER}");
    let http = reqwest::Client::new();
    let good = ad("kk-raw").to_json();
    let cases = [
        (
            "/properties/engagementtype",
            json!(null),
            "Missing parameter: engagementtype",
        ),
        (
            "/properties/extent",
            json!("Heltid/Deltid"),
            "property extent contains invalid value",
        ),
        (
            "/properties/workday",
            json!(r#"["Ukebager"]"#),
            "property workday contains invalid value",
        ),
        ("/positions", json!(0), "positions should be 1 or more"),
        (
            "/locationList",
            json!([{ "city": "Oslo" }]),
            "Location does not have postal code",
        ),
        ("/title", json!(" "), "title is blank"),
    ];
    for (pointer, value, said) in cases {
        let mut body = good.clone();
        *body.pointer_mut(pointer).unwrap() = value;
        let response = http
            .post(&url)
            .bearer_auth(KEY)
            .json(&json!([body]))
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 400, "{pointer}");
        let text = response.text().await.unwrap();
        assert!(text.contains(said), "{pointer}: {text}");
    }
}

#[tokio::test]
async fn navs_refusal_reaches_the_caller_with_navs_words() {
    let (fake, client, _) = connected().await;
    fake.refuse_next("property sector contains invalid value Frivillig");
    let err = client.transfer(&[ad("kk-3")]).await.unwrap_err();
    let NavError::Refused { reason } = err else {
        panic!("expected a refusal, got {err:?}");
    };
    assert!(reason.contains("HTTP 400"), "{reason}");
    assert!(reason.contains("INVALID_VALUE"), "{reason}");
    assert!(
        reason.contains("property sector contains invalid value Frivillig"),
        "{reason}"
    );
}

#[tokio::test]
async fn a_wrong_key_or_provider_is_a_refusal() {
    let (_fake, addr) = FakeArbeidsplassen::spawn().await;
    let mut config = FakeArbeidsplassen::config(addr);
    config.api_key = kundekort::config::Secret::new("not-the-key");
    let err = ArbeidsplassenClient::new(Some(&config))
        .transfer(&[ad("kk-4")])
        .await
        .unwrap_err();
    assert!(
        matches!(&err, NavError::Refused { reason } if reason.starts_with("HTTP 401")),
        "{err:?}"
    );
    let mut config = FakeArbeidsplassen::config(addr);
    config.provider_id = 1;
    let err = ArbeidsplassenClient::new(Some(&config))
        .stop("kk-4")
        .await
        .unwrap_err();
    assert!(
        matches!(&err, NavError::Refused { reason } if reason.contains("Ugyldig providerId 1")),
        "{err:?}"
    );
}

#[tokio::test]
async fn a_503_is_retryable_and_the_retry_goes_through() {
    let (fake, client, _) = connected().await;
    fake.unavailable_next(1);
    let err = client.transfer(&[ad("kk-5")]).await.unwrap_err();
    assert!(
        matches!(&err, NavError::Retryable { reason } if reason.starts_with("HTTP 503")),
        "{err:?}"
    );
    assert!(fake.ad("kk-5").is_none());
    let receipt = client.transfer(&[ad("kk-5")]).await.unwrap();
    assert_eq!(receipt.status, TransferStatus::Received);
    assert!(fake.ad("kk-5").is_some());
}

#[tokio::test]
async fn a_time_out_is_retryable() {
    let (fake, addr) = FakeArbeidsplassen::spawn().await;
    let client = ArbeidsplassenClient::with_timeout(
        Some(&FakeArbeidsplassen::config(addr)),
        Duration::from_millis(300),
    );
    fake.stall_next(1, Duration::from_secs(3));
    let err = client.admin_status("kk-6").await.unwrap_err();
    assert!(
        matches!(&err, NavError::Retryable { reason } if reason.contains("in time")),
        "{err:?}"
    );
}

#[tokio::test]
async fn an_unreachable_nav_is_retryable() {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    drop(listener);
    let client = ArbeidsplassenClient::with_timeout(
        Some(&FakeArbeidsplassen::config(addr)),
        Duration::from_secs(2),
    );
    let err = client.transfer(&[ad("kk-7")]).await.unwrap_err();
    assert!(matches!(err, NavError::Retryable { .. }), "{err:?}");
}

#[tokio::test]
async fn stopping_an_ad_marks_it_stopped_and_an_unknown_one_is_refused() {
    let (fake, client, _) = connected().await;
    client.transfer(&[ad("kk-8")]).await.unwrap();
    let receipt = client.stop("kk-8").await.unwrap();
    assert_eq!(receipt.message.as_deref(), Some("STOPPED"));
    assert_eq!(fake.ad("kk-8").unwrap().publish_status, "STOPPED");
    let status = client.admin_status("kk-8").await.unwrap().unwrap();
    assert_eq!(status.publish_status, PublishStatus::Stopped);

    let err = client.stop("never-sent").await.unwrap_err();
    assert!(
        matches!(&err, NavError::Refused { reason } if reason.starts_with("HTTP 404") && reason.contains("not found")),
        "{err:?}"
    );
}

#[tokio::test]
async fn review_status_is_polled_in_navs_values() {
    let (fake, client, _) = connected().await;
    assert_eq!(client.admin_status("kk-9").await, Ok(None), "not sent yet");

    client.transfer(&[ad("kk-9")]).await.unwrap();
    let status = client.admin_status("kk-9").await.unwrap().unwrap();
    assert_eq!(status.publish_status, PublishStatus::Inactive);
    assert_eq!(status.reference, "kk-9");
    assert_eq!(status.status, "DONE");
    let url = status.url.expect("NAV gives the ad's address");
    assert!(url.starts_with("https://arbeidsplassen.nav.no/stillinger/stilling/"));

    fake.set_publish_status("kk-9", "ACTIVE", None);
    let status = client.admin_status("kk-9").await.unwrap().unwrap();
    assert_eq!(status.publish_status, PublishStatus::Active);
    assert_eq!(status.message, None);

    fake.set_publish_status("kk-9", "REJECTED", Some("DISCRIMINATING"));
    let status = client.admin_status("kk-9").await.unwrap().unwrap();
    assert_eq!(status.publish_status, PublishStatus::Rejected);
    assert_eq!(status.message.as_deref(), Some("DISCRIMINATING"));

    fake.set_publish_status("kk-9", "DELETED", None);
    assert_eq!(
        client
            .admin_status("kk-9")
            .await
            .unwrap()
            .unwrap()
            .publish_status,
        PublishStatus::Deleted
    );
    assert_eq!(
        PublishStatus::from_nav("SOMETHING_NEW"),
        PublishStatus::Unknown
    );
}

#[tokio::test]
async fn without_configuration_nothing_is_sent() {
    let client = ArbeidsplassenClient::new(None);
    assert!(!client.is_configured());
    assert_eq!(
        client.transfer(&[ad("kk-10")]).await,
        Err(NavError::NotConfigured)
    );
}
