//! The store's fixes: a split week's other part follows a save (its overtime while it is a
//! draft, its warnings always); the rates fixed at submit (a later change of the assignment's
//! rates reprices no submitted or approved sheet; withdrawing releases them); a comment is one
//! line.

use kundekort::{
    AppError,
    timesheets::store::{self, Actor, By, Via},
};

use crate::{
    db_test,
    support::{
        TestApp,
        timesheets::{december_lines, line, save, setup, version, week_53},
    },
};

async fn set_pay_rate(app: &TestApp, assignment: i64, ore: i64) {
    sqlx::query("UPDATE assignments SET pay_rate_ore = $1 WHERE id = $2")
        .bind(ore)
        .bind(assignment)
        .execute(&app.db.pool)
        .await
        .unwrap();
}

async fn in_tx<T>(
    app: &TestApp,
    f: impl AsyncFnOnce(&mut sqlx::AnyConnection) -> Result<T, AppError>,
) -> T {
    let mut tx = app.db.begin().await.unwrap();
    let out = f(&mut tx).await.unwrap();
    tx.commit().await.unwrap();
    out
}

db_test!(the_other_part_of_a_split_week_follows_a_save, |app| {
    let s = setup(app, false).await;
    let (dec, jan) = week_53(app, &s).await;
    let staff = By::staff(app.fx.consultant_oslo);
    // New Year's Day worked: with December as planned (30 hours) no law overtime.
    save(
        app,
        jan,
        &[line("2027-01-01", "07:30", "15:30", "30")],
        &staff,
    )
    .await
    .unwrap();
    let j = store::detail(&app.db, jan).await.unwrap().unwrap();
    assert_eq!(j.sheet.law_overtime_minutes, 0);
    assert!(j.warnings.is_empty(), "{:?}", j.warnings);
    let jan_version = j.sheet.version;

    // December's four days to 11.5 hours each: 36 of the law's 40 hours used by Thursday, so
    // 3.5 of Friday's 7.5 are the law's overtime, and 53.5 hours in 7 days is a warning.
    let long: Vec<_> = ["2026-12-28", "2026-12-29", "2026-12-30", "2026-12-31"]
        .iter()
        .map(|d| line(d, "07:00", "19:00", "30"))
        .collect();
    save(app, dec, &long, &staff).await.unwrap();
    let j = store::detail(&app.db, jan).await.unwrap().unwrap();
    assert_eq!(j.sheet.law_overtime_minutes, 210);
    assert_eq!(j.lines[0].law_overtime_minutes, 210);
    assert!(
        j.warnings.iter().any(|w| w.rule == "work_7_days"),
        "{:?}",
        j.warnings
    );
    assert_eq!(j.sheet.version, jan_version, "nothing typed changed");

    // A submitted January stands as sent; its warnings still follow December.
    let by = By::new(Actor::Worker(s.worker), Via::Page);
    in_tx(app, async |c| store::submit(c, jan, jan_version, &by).await).await;
    save(app, dec, &december_lines()[..2], &staff)
        .await
        .unwrap();
    let j = store::detail(&app.db, jan).await.unwrap().unwrap();
    assert_eq!(
        j.sheet.law_overtime_minutes, 210,
        "not recomputed once submitted"
    );
    assert!(
        !j.warnings.iter().any(|w| w.rule == "work_7_days"),
        "{:?}",
        j.warnings
    );
});

db_test!(rates_are_fixed_at_submit, |app| {
    let s = setup(app, false).await;
    let (dec, _) = week_53(app, &s).await;
    let kari = By::new(Actor::Worker(s.worker), Via::Page);
    save(app, dec, &december_lines(), &kari).await.unwrap();
    assert_eq!(
        store::get(&app.db, dec).await.unwrap().unwrap().pay_ore,
        900_000
    );

    // The rate goes up before she submits: the sheet is priced at it when submitted.
    set_pay_rate(app, s.assignment, 30_000).await;
    let v = version(app, dec).await;
    in_tx(app, async |c| store::submit(c, dec, v, &kari).await).await;
    let sheet = store::get(&app.db, dec).await.unwrap().unwrap();
    assert_eq!(sheet.pay_ore, 30 * 30_000 + 4 * 37_500);
    let submitted_pay = sheet.pay_ore;

    // Approved, the rate changes again, staff reopen and correct a comment: the approved
    // rates stay.
    let per = By::new(Actor::Contact(s.approver), Via::Page);
    in_tx(app, async |c| {
        store::approve(c, dec, sheet.version, &per).await
    })
    .await;
    set_pay_rate(app, s.assignment, 40_000).await;
    let v = version(app, dec).await;
    let staff = By::staff(app.fx.consultant_oslo);
    in_tx(app, async |c| {
        store::reopen(c, dec, v, "Kommentar", &staff).await
    })
    .await;
    let mut lines = december_lines();
    lines[0].comment = "Rettet".into();
    save(app, dec, &lines, &staff).await.unwrap();
    assert_eq!(
        store::get(&app.db, dec).await.unwrap().unwrap().pay_ore,
        submitted_pay
    );

    // Withdrawn before any decision: the assignment's rate again at the next save.
    let v = version(app, dec).await;
    in_tx(app, async |c| store::submit(c, dec, v, &staff).await).await;
    let v = version(app, dec).await;
    in_tx(app, async |c| store::withdraw(c, dec, v, &staff).await).await;
    let (fixed,): (Option<i64>,) =
        sqlx::query_as("SELECT fixed_pay_rate_ore FROM timesheets WHERE id = $1")
            .bind(dec)
            .fetch_one(&app.db.pool)
            .await
            .unwrap();
    assert_eq!(fixed, None);
    save(app, dec, &lines, &staff).await.unwrap();
    assert_eq!(
        store::get(&app.db, dec).await.unwrap().unwrap().pay_ore,
        30 * 40_000 + 4 * 37_500
    );
});

db_test!(a_comment_with_a_line_break_is_refused_and_kept, |app| {
    let s = setup(app, false).await;
    let (dec, _) = week_53(app, &s).await;
    let ola = app.login("ola@test.no").await;
    let path = format!(
        "/customers/{}/assignments/{}/timesheets/{dec}",
        s.customer, s.assignment
    );
    let v = version(app, dec).await;
    let form = [
        ("version", v.to_string()),
        ("action", "save".into()),
        ("work_date", "2026-12-28".into()),
        ("start", "07:30".into()),
        ("end", "15:30".into()),
        ("break_minutes", "30".into()),
        ("comment", "Støp\r\nBcc: x".into()),
    ];
    let res = ola.post(app.url(&path)).form(&form).send().await.unwrap();
    assert_eq!(res.status(), 422);
    let body = res.text().await.unwrap();
    assert!(
        body.contains("Kan ikke inneholde linjeskift, tabulatorer eller andre kontrolltegn."),
        "{body}"
    );
    assert!(body.contains("Støp"), "what was typed is kept: {body}");
    assert_eq!(version(app, dec).await, v, "nothing saved");
});
