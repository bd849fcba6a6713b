//! The iCalendar feed, read back with an independent parser (the `ical` crate): RFC 5545
//! structure, Europe/Oslo times with a VTIMEZONE, stable UIDs, SEQUENCE on updates, deletions
//! by omission, and a secret URL that can be renewed.

use ical::parser::ical::component::{IcalCalendar, IcalEvent};
use kundekort::timefmt::when;
use serde_json::json;

use crate::{
    db_test,
    support::TestApp,
    support::fixtures::{at, meeting, oslo_customer},
};

fn parse(text: &str) -> IcalCalendar {
    let mut parser = ical::IcalParser::new(std::io::BufReader::new(text.as_bytes()));
    let cal = parser
        .next()
        .expect("one calendar")
        .expect("valid iCalendar");
    assert!(parser.next().is_none(), "exactly one VCALENDAR");
    cal
}

fn prop<'a>(
    props: &'a [ical::property::Property],
    name: &str,
) -> Option<&'a ical::property::Property> {
    props.iter().find(|p| p.name == name)
}

fn value(e: &IcalEvent, name: &str) -> String {
    prop(&e.properties, name)
        .and_then(|p| p.value.clone())
        .unwrap_or_else(|| panic!("{name} missing"))
}

fn event<'a>(cal: &'a IcalCalendar, uid: &str) -> Option<&'a IcalEvent> {
    cal.events.iter().find(|e| value(e, "UID") == uid)
}

async fn feed_url(app: &TestApp, client: &reqwest::Client) -> String {
    let res = client
        .post(app.url("/diary/feed"))
        .header("hx-request", "true")
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    let html = res.text().await.unwrap();
    let start = html.find("/diary/feed/").expect("the URL is shown");
    let end = html[start..].find(".ics").unwrap() + start + 4;
    html[start..end].to_string()
}

async fn fetch(app: &TestApp, path: &str) -> (u16, String) {
    let res = app.client().get(app.url(path)).send().await.unwrap();
    let status = res.status().as_u16();
    if status == 200 {
        assert!(
            res.headers()["content-type"]
                .to_str()
                .unwrap()
                .starts_with("text/calendar")
        );
    }
    (status, res.text().await.unwrap())
}

db_test!(the_feed_follows_rfc_5545_and_propagates_changes, |app| {
    let cid = oslo_customer(app, "Feed Kunde AS").await;
    let ola = app.login("ola@test.no").await;
    let start = at(1);
    let id = meeting(
        app,
        &ola,
        cid,
        "Møte, med komma; og semikolon",
        &start,
        &[
            ("location", "Bryggen 1, Bergen".into()),
            ("notes", "Linje 1\nLinje 2".into()),
        ],
    )
    .await;
    let other = meeting(app, &ola, cid, "Blir slettet", &at(2), &[]).await;
    let path = feed_url(app, &ola).await;

    let (status, text) = fetch(app, &path).await;
    assert_eq!(status, 200);
    assert!(text.contains("\r\n"), "CRLF line ends");
    assert!(
        text.lines().all(|l| l.len() <= 75),
        "lines are folded at 75 octets"
    );
    let cal = parse(&text);
    assert_eq!(
        prop(&cal.properties, "VERSION").unwrap().value.as_deref(),
        Some("2.0")
    );
    assert!(prop(&cal.properties, "PRODID").is_some());
    let tz = &cal.timezones[0];
    assert_eq!(
        tz.properties
            .iter()
            .find(|p| p.name == "TZID")
            .unwrap()
            .value
            .as_deref(),
        Some("Europe/Oslo")
    );
    assert_eq!(tz.transitions.len(), 2, "standard and daylight time");

    let uid = format!("activity-{id}@kundekort");
    let e = event(&cal, &uid).expect("the meeting is in the feed");
    assert_eq!(
        value(e, "SUMMARY"),
        "Møte\\, med komma\\; og semikolon · Feed Kunde AS"
    );
    let dtstart = prop(&e.properties, "DTSTART").unwrap();
    let params = dtstart.params.clone().unwrap();
    assert!(
        params.contains(&("TZID".to_string(), vec!["Europe/Oslo".to_string()])),
        "{params:?}"
    );
    let starts_at = when::parse_datetime(&start).unwrap();
    assert_eq!(
        dtstart.value.as_deref(),
        Some(when::ical_local(starts_at).as_str())
    );
    assert_eq!(value(e, "DTEND"), when::ical_local(starts_at + 3600));
    assert_eq!(value(e, "SEQUENCE"), "0");
    assert_eq!(value(e, "LOCATION"), "Bryggen 1\\, Bergen");
    assert!(value(e, "DESCRIPTION").contains("Linje 1\\nLinje 2"));
    assert!(value(e, "DTSTAMP").ends_with('Z') && value(e, "LAST-MODIFIED").ends_with('Z'));

    // Move one, delete the other: the same UID with a higher SEQUENCE, and the deleted one gone.
    let moved_start = at(3);
    let res = ola
        .post(app.url(&format!("/diary/activities/{id}/move")))
        .json(&json!({"start": moved_start}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    let res = ola
        .delete(app.url(&format!("/api/v1/activities/{other}")))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 204);
    let cal = parse(&fetch(app, &path).await.1);
    let e = event(&cal, &uid).expect("still there, same UID");
    assert_eq!(value(e, "SEQUENCE"), "1");
    assert_eq!(
        value(e, "DTSTART"),
        when::ical_local(when::parse_datetime(&moved_start).unwrap())
    );
    assert!(
        event(&cal, &format!("activity-{other}@kundekort")).is_none(),
        "deleted: no longer listed"
    );
    assert_eq!(cal.events.len(), 1);

    // An all-day task is a DATE event.
    let follow_up = crate::support::fixtures::type_id(app, "follow_up")
        .await
        .to_string();
    let res = ola
        .post(app.url(&format!("/customers/{cid}/diary")))
        .form(&[
            ("type_id", follow_up.as_str()),
            ("title", "Ring tilbake"),
            ("due_date", "2026-12-24"),
            ("participant", &app.fx.consultant_oslo.to_string()),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303);
    let cal = parse(&fetch(app, &path).await.1);
    let e = cal
        .events
        .iter()
        .find(|e| value(e, "SUMMARY").starts_with("Ring tilbake"))
        .unwrap();
    let dt = prop(&e.properties, "DTSTART").unwrap();
    assert_eq!(dt.value.as_deref(), Some("20261224"));
    assert!(
        dt.params
            .clone()
            .unwrap()
            .contains(&("VALUE".to_string(), vec!["DATE".to_string()]))
    );
    assert_eq!(value(e, "DTEND"), "20261225");

    // Renewing the secret stops the old URL.
    let new_path = feed_url(app, &ola).await;
    assert_ne!(new_path, path);
    assert_eq!(fetch(app, &path).await.0, 404);
    assert_eq!(fetch(app, &new_path).await.0, 200);
    assert_eq!(fetch(app, "/diary/feed/guess.ics").await.0, 404);
    // The secret is stored only as a hash.
    let stored: (String,) = sqlx::query_as("SELECT secret_hash FROM calendar_feeds")
        .fetch_one(&app.db.pool)
        .await
        .unwrap();
    assert!(!new_path.contains(&stored.0));
});
