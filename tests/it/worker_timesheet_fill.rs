//! The worker's week page shortcuts (`/worker/timesheets/{id}`): "copy last week" fills the
//! week from the week before on the same assignment and saves a draft (never submits), with a
//! plain message when there is nothing to copy; one tap per planned day fills that day as
//! planned, the other days as typed.

use kundekort::timesheets::store;
use time::macros::date;

use crate::{
    db_test,
    support::{
        TestApp,
        timesheets::{assignment_terms, line, save, version},
        workers::get,
    },
    worker_timesheets::kari,
};

async fn post(
    client: &reqwest::Client,
    app: &TestApp,
    path: &str,
    f: &[(&str, String)],
) -> (u16, String) {
    let res = client.post(app.url(path)).form(f).send().await.unwrap();
    let status = res.status().as_u16();
    (status, res.text().await.unwrap())
}

db_test!(copy_last_week_fills_the_week_as_a_draft, |app| {
    let (me, s, dec, path) = kari(app).await;
    let v = version(app, dec).await;
    let copy = [
        ("version", v.to_string()),
        ("action", "copy-last-week".into()),
    ];
    // No week before yet: said plainly, nothing saved.
    let (status, page) = post(&me, app, &path, &copy).await;
    assert_eq!(status, 422, "{page}");
    assert!(
        page.contains("Forrige uke har ingen timer å kopiere."),
        "{page}"
    );
    assert_eq!(version(app, dec).await, v);

    // Week 52 made and worked early on Monday and Tuesday.
    let t = assignment_terms(app, s.assignment).await;
    let mut tx = app.db.begin().await.unwrap();
    store::ensure(&mut tx, &[t], date!(2026 - 12 - 21), date!(2026 - 12 - 27))
        .await
        .unwrap();
    tx.commit().await.unwrap();
    let w52 = store::for_assignment(&app.db, s.assignment)
        .await
        .unwrap()
        .into_iter()
        .find(|x| x.period_start == "2026-12-21")
        .unwrap();
    let mut monday = line("2026-12-21", "06:00", "14:00", "30");
    monday.comment = "Tidligvakt".into();
    let by = store::By::new(store::Actor::Worker(s.worker), store::Via::Page);
    save(
        app,
        w52.id,
        &[monday, line("2026-12-22", "06:00", "14:00", "30")],
        &by,
    )
    .await
    .unwrap();

    let (page_status, page) = get(&me, app, &path).await;
    assert_eq!(page_status, 200);
    assert!(page.contains("id=\"copy-last-week\""), "{page}");
    let (status, page) = post(&me, app, &path, &copy).await;
    assert_eq!(status, 303, "{page}");
    let d = store::detail(&app.db, dec).await.unwrap().unwrap();
    assert_eq!(d.sheet.status, "draft", "not submitted");
    let lines: Vec<(&str, i64, Option<&str>)> = d
        .lines
        .iter()
        .map(|l| (l.work_date.as_str(), l.start_minute, l.comment.as_deref()))
        .collect();
    assert_eq!(
        lines,
        [
            ("2026-12-28", 360, Some("Tidligvakt")),
            ("2026-12-29", 360, None)
        ]
    );
    assert_eq!(d.sheet.worked_minutes, 2 * 450);
    assert_eq!(d.events.last().map(|e| e.actor.as_str()), Some("worker"));
});

db_test!(one_tap_fills_a_planned_day, |app| {
    let (me, _, dec, path) = kari(app).await;
    let (_, page) = get(&me, app, &path).await;
    assert!(
        page.contains("value=\"plan:2026-12-28\"") && page.contains("Som planlagt 07:30–15:30"),
        "{page}"
    );
    // Monday typed wrong, Tuesday typed short: the tap on Monday fills Monday as planned and
    // saves Tuesday as typed.
    let v = version(app, dec).await;
    let mut f = vec![
        ("version", v.to_string()),
        ("action", "plan:2026-12-28".to_string()),
    ];
    for (date, start, end) in [
        ("2026-12-28", "25:00", ""),
        ("2026-12-29", "07:30", "12:00"),
    ] {
        f.push(("work_date", date.into()));
        f.push(("start", start.into()));
        f.push(("end", end.into()));
        f.push(("break_minutes", String::new()));
        f.push(("comment", String::new()));
    }
    let (status, page) = post(&me, app, &path, &f).await;
    assert_eq!(status, 303, "{page}");
    let d = store::detail(&app.db, dec).await.unwrap().unwrap();
    let lines: Vec<(&str, i64, i64, i64)> = d
        .lines
        .iter()
        .map(|l| {
            (
                l.work_date.as_str(),
                l.start_minute,
                l.end_minute,
                l.break_minutes,
            )
        })
        .collect();
    assert_eq!(
        lines,
        [("2026-12-28", 450, 930, 30), ("2026-12-29", 450, 720, 0)]
    );
    assert_eq!(d.sheet.status, "draft");
});
