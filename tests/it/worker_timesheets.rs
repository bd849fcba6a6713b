//! The worker's own timesheets (`/worker/timesheets/{id}`): a week saved and submitted with its
//! expected pay (never the bill), a bad time kept with its message and nothing saved, another
//! worker's sheet not found, withdrawing while submitted, and an approved sheet read-only with a
//! stale save refused plainly.

use kundekort::{
    money::format_kr,
    timesheets::{
        line::LineDraft,
        store::{self, Actor, By, Via},
    },
};

use crate::{
    db_test,
    support::{
        TestApp,
        timesheets::{december_lines, setup, version, week_53},
        workers::{get, logged_in},
    },
};

/// Kari (with an account) on the timesheets' set-up assignment, W53 generated; her client, the
/// set-up, and the December sheet's id and page path.
pub(crate) async fn kari(
    app: &TestApp,
) -> (
    reqwest::Client,
    crate::support::timesheets::Setup,
    i64,
    String,
) {
    let mut s = setup(app, false).await;
    let (kari, client) = logged_in(app, "Kari Nordmann", "kari@vikar.test").await;
    sqlx::query("UPDATE assignments SET worker_id = $1 WHERE id = $2")
        .bind(kari)
        .bind(s.assignment)
        .execute(&app.db.pool)
        .await
        .unwrap();
    s.worker = kari;
    let (dec, _) = week_53(app, &s).await;
    (client, s, dec, format!("/worker/timesheets/{dec}"))
}

fn form(action: &str, version: i64, lines: &[LineDraft]) -> Vec<(&'static str, String)> {
    let mut f = vec![("version", version.to_string()), ("action", action.into())];
    for l in lines {
        f.push(("work_date", l.work_date.clone()));
        f.push(("start", l.start.clone()));
        f.push(("end", l.end.clone()));
        f.push(("break_minutes", l.break_minutes.clone()));
        f.push(("comment", l.comment.clone()));
    }
    f
}

async fn post(
    client: &reqwest::Client,
    app: &TestApp,
    path: &str,
    f: &[(&'static str, String)],
) -> (u16, String) {
    let res = client.post(app.url(path)).form(f).send().await.unwrap();
    let status = res.status().as_u16();
    (status, res.text().await.unwrap())
}

db_test!(a_worker_saves_and_submits_a_week_and_sees_the_pay, |app| {
    let (me, s, dec, path) = kari(app).await;
    // Home: this month's sheets are made and the begun ones wait for her.
    let (status, home) = get(&me, app, "/worker").await;
    assert_eq!(status, 200, "{home}");
    assert!(home.contains("id=\"timesheets-todo\""), "{home}");
    assert!(home.contains("/worker/timesheets/"), "{home}");
    let sheets = store::for_assignment(&app.db, s.assignment).await.unwrap();
    assert!(
        sheets.len() > 2,
        "this month's sheets made: {}",
        sheets.len()
    );

    let (status, page) = get(&me, app, &path).await;
    assert_eq!(status, 200, "{page}");
    assert!(
        page.contains("type=\"time\" name=\"start\" value=\"07:30\""),
        "{page}"
    );

    // Save, then save and submit: 30 hours at 250 kr and 4 at 375.
    let v = version(app, dec).await;
    let (status, _) = post(&me, app, &path, &form("save", v, &december_lines())).await;
    assert_eq!(status, 303);
    let v = version(app, dec).await;
    let (status, _) = post(&me, app, &path, &form("submit", v, &december_lines())).await;
    assert_eq!(status, 303);
    let d = store::detail(&app.db, dec).await.unwrap().unwrap();
    assert_eq!(d.sheet.status, "submitted");
    assert_eq!(d.sheet.pay_ore, 900_000);
    let actions: Vec<(&str, &str)> = d
        .events
        .iter()
        .map(|e| (e.action.as_str(), e.actor.as_str()))
        .collect();
    assert_eq!(
        actions,
        [
            ("saved", "worker"),
            ("saved", "worker"),
            ("submitted", "worker")
        ]
    );

    let (_, page) = get(&me, app, &path).await;
    assert!(
        page.contains(&format!("{} kr", format_kr(900_000))),
        "{page}"
    );
    assert!(
        !page.contains(&format_kr(d.sheet.bill_ore)),
        "never the bill"
    );
    assert!(!page.contains("450"), "never the bill rate");
    assert!(page.contains("Sendt inn"), "{page}");
    assert!(!page.contains("name=\"start\""), "submitted: no inputs");

    // Rejected: on the home page again, with the approver's comment.
    let mut tx = app.db.begin().await.unwrap();
    let by = By::new(Actor::Contact(s.approver), Via::Page);
    store::reject(&mut tx, dec, d.sheet.version, "Onsdag var til 17", &by)
        .await
        .unwrap();
    tx.commit().await.unwrap();
    let (_, home) = get(&me, app, "/worker").await;
    let todo = &home[home.find("id=\"timesheets-todo\"").unwrap()..];
    assert!(
        todo.contains(&format!("/worker/timesheets/{dec}")),
        "{home}"
    );
    assert!(todo.contains("Onsdag var til 17"), "{home}");
    let (_, page) = get(&me, app, &path).await;
    assert!(
        page.contains("id=\"rejection\"") && page.contains("name=\"start\""),
        "{page}"
    );
});

db_test!(a_bad_time_is_kept_with_its_message, |app| {
    let (me, _, dec, path) = kari(app).await;
    let v = version(app, dec).await;
    let mut lines = december_lines();
    lines[1].start = "25:00".into();
    lines[1].comment = "Støp".into();
    let (status, page) = post(&me, app, &path, &form("submit", v, &lines)).await;
    assert_eq!(status, 422);
    assert!(page.contains("Skriv starttiden som TT:MM"), "{page}");
    assert!(
        page.contains("value=\"25:00\"") && page.contains("value=\"Støp\""),
        "{page}"
    );
    assert!(page.contains("value=\"19:30\""), "everything typed kept");
    let d = store::detail(&app.db, dec).await.unwrap().unwrap();
    assert_eq!((d.sheet.version, d.sheet.status.as_str()), (v, "draft"));
    assert!(d.events.is_empty(), "nothing saved");

    // In English.
    let res = me
        .post(app.url(&path))
        .header("accept-language", "en")
        .form(&form("save", v, &lines))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 422);
    let page = res.text().await.unwrap();
    assert!(page.contains("value=\"25:00\""), "{page}");
    assert!(!page.contains("Skriv starttiden"), "{page}");
});

db_test!(another_workers_sheet_is_not_found, |app| {
    let (_, _, dec, path) = kari(app).await;
    let (_, per) = logged_in(app, "Per Hansen", "per@vikar.test").await;
    let (status, _) = get(&per, app, &path).await;
    assert_eq!(status, 404);
    let v = version(app, dec).await;
    let (status, _) = post(&per, app, &path, &form("save", v, &december_lines())).await;
    assert_eq!(status, 404);
    let d = store::detail(&app.db, dec).await.unwrap().unwrap();
    assert_eq!(d.sheet.version, v);
    // Not logged in at all: not the sheet either.
    let (status, _) = get(&app.client(), app, &path).await;
    assert_ne!(status, 200);
});

db_test!(withdraw_works_while_submitted, |app| {
    let (me, _, dec, path) = kari(app).await;
    let v = version(app, dec).await;
    let (status, _) = post(&me, app, &path, &form("submit", v, &december_lines())).await;
    assert_eq!(status, 303);
    let (_, page) = get(&me, app, &path).await;
    assert!(page.contains("id=\"withdraw-timesheet\""), "{page}");
    // A stale version is refused plainly.
    let (status, page) = post(&me, app, &path, &form("withdraw", v, &[])).await;
    assert_eq!(status, 409);
    assert!(page.contains("endret av noen andre"), "{page}");
    let v = version(app, dec).await;
    let (status, _) = post(&me, app, &path, &form("withdraw", v, &[])).await;
    assert_eq!(status, 303);
    let d = store::detail(&app.db, dec).await.unwrap().unwrap();
    assert_eq!(d.sheet.status, "draft");
    assert_eq!(d.events.last().unwrap().action, "withdrawn");
    // A draft cannot be withdrawn.
    let (status, page) = post(&me, app, &path, &form("withdraw", d.sheet.version, &[])).await;
    assert_eq!(status, 409);
    assert!(page.contains("utkast"), "{page}");
});

db_test!(an_approved_sheet_is_read_only, |app| {
    let (me, s, dec, path) = kari(app).await;
    let v = version(app, dec).await;
    let (status, _) = post(&me, app, &path, &form("submit", v, &december_lines())).await;
    assert_eq!(status, 303);
    // Approved meanwhile, while her page still has the submitted version.
    let seen = version(app, dec).await;
    let mut tx = app.db.begin().await.unwrap();
    store::approve(
        &mut tx,
        dec,
        seen,
        &By::new(Actor::Contact(s.approver), Via::Page),
    )
    .await
    .unwrap();
    tx.commit().await.unwrap();
    let (status, page) = post(&me, app, &path, &form("withdraw", seen, &[])).await;
    assert_eq!(status, 409);
    assert!(page.contains("godkjent"), "{page}");
    let (status, page) = post(&me, app, &path, &form("save", seen + 1, &december_lines())).await;
    assert_eq!(status, 409, "{page}");
    let (status, page) = get(&me, app, &path).await;
    assert_eq!(status, 200);
    assert!(page.contains("id=\"read-only\""), "{page}");
    assert!(
        !page.contains("name=\"start\"") && !page.contains("save-timesheet"),
        "{page}"
    );
    assert!(!page.contains("withdraw-timesheet"), "{page}");
    assert_eq!(
        store::get(&app.db, dec).await.unwrap().unwrap().status,
        "approved"
    );
});
