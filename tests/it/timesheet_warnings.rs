//! The firm-wide report of the working-hours law's warnings (`/timesheets/warnings`, decision
//! 0019): within the staff member's scope (a consultant of Bergen does not see Oslo's), by
//! period, rule and department, newest first, a page at a time.

use kundekort::{
    customers::access::Visibility,
    timesheets::store::{
        By,
        warnings::{Filter, report},
    },
};
use time::macros::date;

use crate::db_test;
use crate::support::{
    TestApp,
    timesheets::{Setup, december_lines, line, save, setup, week_53},
};

/// Kari at an Oslo customer and Bjørn at a Bergen customer (owned by Berit, Bergen), each with
/// a 14-hour Tuesday 29 December (over 13 hours in 24, and under 11 hours' rest in the 24 from
/// its start); Bjørn also a day without a break on Wednesday 30 December: five warnings.
async fn two_departments(app: &TestApp) -> (Setup, Setup) {
    let oslo = setup(app, false).await;
    let bergen = setup(app, false).await;
    sqlx::query(
        "UPDATE customers SET name = 'Bergen Bygg AS', department_id = $1, owner_id = $2 WHERE id = $3",
    )
    .bind(app.fx.bergen)
    .bind(app.fx.consultant_bergen)
    .bind(bergen.customer)
    .execute(&app.db.pool)
    .await
    .unwrap();
    sqlx::query("UPDATE workers SET name = 'Bjørn Berg' WHERE id = $1")
        .bind(bergen.worker)
        .execute(&app.db.pool)
        .await
        .unwrap();
    for (s, no_break) in [(&oslo, false), (&bergen, true)] {
        let (dec, _) = week_53(app, s).await;
        let mut lines = december_lines();
        lines[1] = line("2026-12-29", "06:00", "20:00", "30");
        if no_break {
            lines[2] = line("2026-12-30", "07:30", "15:30", "0");
        }
        save(app, dec, &lines, &By::staff(app.fx.admin))
            .await
            .unwrap();
    }
    (oslo, bergen)
}

async fn page(app: &TestApp, who: &str, query: &str) -> String {
    let client = app.login(who).await;
    let res = client
        .get(app.url(&format!("/timesheets/warnings?{query}")))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    res.text().await.unwrap()
}

const WEEK_53: &str = "from=2026-12-28&to=2026-12-31";

db_test!(a_consultant_sees_the_warnings_of_their_scope_only, |app| {
    let (oslo, bergen) = two_departments(app).await;
    let berit = page(app, "berit@test.no", WEEK_53).await;
    assert!(berit.contains("Bjørn Berg"), "{berit}");
    assert!(berit.contains("Bergen Bygg AS"));
    assert!(
        !berit.contains("Kari Nordmann"),
        "Oslo's warning shown to Bergen"
    );
    assert!(berit.contains("Arbeidstid 13,5 timer i løpet av 24 timer"));
    let link = format!(
        "/customers/{}/assignments/{}/timesheets/",
        bergen.customer, bergen.assignment
    );
    assert!(berit.contains(&link), "the sheet's link: {berit}");

    let ola = page(app, "ola@test.no", WEEK_53).await;
    assert!(
        ola.contains("Kari Nordmann") && !ola.contains("Bjørn Berg"),
        "{ola}"
    );
    assert!(ola.contains(&format!("/customers/{}", oslo.customer)));

    let admin = page(app, "admin@test.no", WEEK_53).await;
    assert!(admin.contains("Kari Nordmann") && admin.contains("Bjørn Berg"));
    // In the main menu.
    assert!(admin.contains("href=\"/timesheets/warnings\""));
    // Newest first: Bjørn's missing break (30 December) before the long days (29 December).
    let no_break = admin.find("data-rule=\"no_break\"").unwrap();
    let long_day = admin.find("data-rule=\"work_24_hours\"").unwrap();
    assert!(no_break < long_day);
    assert!(admin.contains("5 varsler på denne siden"), "{admin}");
});

db_test!(the_report_filters_by_period_rule_and_department, |app| {
    two_departments(app).await;
    // Before the long days: nothing.
    let before = page(app, "admin@test.no", "from=2026-12-01&to=2026-12-28").await;
    assert!(before.contains("id=\"no-warnings\""), "{before}");
    // The last day only: the missing break of 30 December is not in it either.
    let last = page(app, "admin@test.no", "from=2026-12-31&to=2026-12-31").await;
    assert!(last.contains("id=\"no-warnings\""));
    let wed = page(app, "admin@test.no", "from=2026-12-30&to=2026-12-30").await;
    assert!(wed.contains("data-rule=\"no_break\"") && !wed.contains("data-rule=\"work_24_hours\""));

    let rule = page(app, "admin@test.no", &format!("{WEEK_53}&rule=no_break")).await;
    assert!(rule.contains("Bjørn Berg") && !rule.contains("Kari Nordmann"));
    assert!(rule.contains("<option value=\"no_break\" selected>Ingen pause</option>"));

    let dep = page(
        app,
        "admin@test.no",
        &format!("{WEEK_53}&department={}", app.fx.oslo),
    )
    .await;
    assert!(dep.contains("Kari Nordmann") && !dep.contains("Bjørn Berg"));

    // Bad values are said and left out; the dates typed stay in the form.
    let bad = page(app, "admin@test.no", &format!("{WEEK_53}&rule=sleeping")).await;
    assert!(bad.contains("Ukjent regel"), "{bad}");
    assert!(bad.contains("value=\"2026-12-28\"") && bad.contains("Bjørn Berg"));
    let bad = page(app, "admin@test.no", "from=2026-13-40&to=2026-12-31").await;
    assert!(bad.contains("En dato er ugyldig"), "{bad}");
    assert!(bad.contains("value=\"2026-13-40\""));
});

db_test!(the_report_pages_by_keyset, |app| {
    two_departments(app).await;
    let filter = Filter {
        from: date!(2026 - 12 - 28),
        to: date!(2026 - 12 - 31),
        rule: None,
        department_id: None,
    };
    let mut seen = Vec::new();
    let mut after = None;
    let mut pages = 0;
    loop {
        let (rows, next) = report(&app.db, Visibility::All, &filter, after.as_ref(), 2)
            .await
            .unwrap();
        pages += 1;
        seen.extend(
            rows.iter()
                .map(|r| (r.from_date.clone(), r.id, r.rule.clone())),
        );
        match next {
            Some(n) => after = Some(n),
            None => break,
        }
    }
    assert_eq!(pages, 3);
    // Every warning once, newest day first, then the latest found first.
    assert_eq!(seen.len(), 5, "{seen:?}");
    assert_eq!(seen[0].0, "2026-12-30");
    assert_eq!(seen[0].2, "no_break");
    let mut sorted = seen.clone();
    sorted.sort_by(|a, b| (&b.0, b.1).cmp(&(&a.0, a.1)));
    assert_eq!(seen, sorted);
    sorted.dedup_by_key(|r| r.1);
    assert_eq!(sorted.len(), 5);
    // A page that holds them all has no next one.
    let (rows, next) = report(&app.db, Visibility::All, &filter, None, 5)
        .await
        .unwrap();
    assert_eq!((rows.len(), next), (5, None));
});
