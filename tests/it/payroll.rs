//! The payroll export: Kari's approved week 53 — the December part (30 normal hours, 4 hours of
//! 50 % overtime, 1.5 evening hours, 42.5 km) and the January part (a Saturday, which December's
//! export leaves out) — exported as CSV with exact values; the mapping page's validation;
//! access; exporting twice; national identity numbers only where stored; formula injection.

use kundekort::{
    assignments::allowance::{Allowance, AllowanceKind, Days, Rule, Unit, to_stored},
    norway::national_id::NationalId,
    timesheets::store::{self, Actor, By, Via, compute::UnitDraft},
    workers::national_id,
};
use time::macros::date;

use crate::db_test;
use crate::support::{
    TestApp,
    fixtures::count,
    timesheets::{Setup, december_lines, line, setup, version, week_53},
    workers::get,
};

const DEC: [(&str, &str); 2] = [("from", "2026-12-01"), ("to", "2026-12-31")];

/// Kari's assignment with an evening allowance (18–22 on weekdays, 50 kr an hour, pay) and
/// km (3.50 kr, expense), STYRK 7114, employee number `employee`; week 53 generated.
async fn kari(app: &TestApp, employee: &str) -> (Setup, i64, i64) {
    let s = setup(app, false).await;
    let allowances = vec![
        Allowance {
            code: "evening".into(),
            name: "Kveldstillegg".into(),
            rule: Rule::Window {
                start: 18 * 60,
                end: 22 * 60,
                days: Days {
                    weekdays: [true, true, true, true, true, false, false],
                    holidays: false,
                },
            },
            kind: AllowanceKind::Pay,
            bill_ore: 8_000,
            pay_ore: 5_000,
        },
        Allowance {
            code: "km".into(),
            name: "Kilometergodtgjørelse".into(),
            rule: Rule::PerUnit { unit: Unit::Km },
            kind: AllowanceKind::Expense,
            bill_ore: 500,
            pay_ore: 350,
        },
    ];
    sqlx::query(
        "UPDATE assignments SET allowances = $1, styrk_code = '7114', to_date = '2027-03-31' \
         WHERE id = $2",
    )
    .bind(to_stored(&allowances))
    .bind(s.assignment)
    .execute(&app.db.pool)
    .await
    .unwrap();
    sqlx::query("UPDATE workers SET employee_number = $1 WHERE id = $2")
        .bind(employee)
        .bind(s.worker)
        .execute(&app.db.pool)
        .await
        .unwrap();
    let (dec, jan) = week_53(app, &s).await;
    (s, dec, jan)
}

/// Saves `lines` (and km) as the worker, submits, and approves as the contact.
async fn approved(
    app: &TestApp,
    s: &Setup,
    id: i64,
    lines: &[kundekort::timesheets::line::LineDraft],
    km: &str,
) {
    let worker = By::new(Actor::Worker(s.worker), Via::Page);
    let units = [UnitDraft {
        code: "km".into(),
        quantity: km.into(),
    }];
    let mut tx = app.db.begin().await.unwrap();
    store::save(&mut tx, id, version(app, id).await, lines, &units, &worker)
        .await
        .unwrap();
    tx.commit().await.unwrap();
    let mut tx = app.db.begin().await.unwrap();
    let v = store::submit(&mut tx, id, version(app, id).await, &worker)
        .await
        .unwrap();
    store::approve(
        &mut tx,
        id,
        v,
        &By::new(Actor::Contact(s.approver), Via::Page),
    )
    .await
    .unwrap();
    tx.commit().await.unwrap();
}

/// Maps the items to wage types through the admin's page.
async fn map(app: &TestApp, client: &reqwest::Client, preset: &str) {
    let res = client
        .post(app.url("/admin/payroll"))
        .form(&[
            ("preset", preset),
            ("code.normal", "1000"),
            ("holiday.normal", "1"),
            ("code.overtime:50", "1050"),
            ("holiday.overtime:50", "1"),
            ("code.allowance:evening", "1200"),
            ("holiday.allowance:evening", "1"),
            ("code.allowance:km", "7100"),
            ("taxfree.allowance:km", "1"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303, "{}", res.text().await.unwrap());
}

async fn export(app: &TestApp, client: &reqwest::Client) -> reqwest::Response {
    client
        .post(app.url("/payroll/export"))
        .form(&DEC)
        .send()
        .await
        .unwrap()
}

async fn text(res: reqwest::Response) -> String {
    String::from_utf8(res.bytes().await.unwrap().to_vec()).unwrap()
}

db_test!(
    a_month_of_hours_overtime_an_allowance_and_km_is_one_csv_line_each,
    |app| {
        let (s, dec, jan) = kari(app, "V1001").await;
        approved(app, &s, dec, &december_lines(), "42,5").await;
        // January's part of the week is approved too, but ends in January.
        approved(
            app,
            &s,
            jan,
            &[line("2027-01-02", "07:00", "17:00", "")],
            "",
        )
        .await;
        let admin = app.admin().await;
        map(app, &admin, "standard").await;

        let preview = admin
            .get(app.url("/payroll?from=2026-12-01&to=2026-12-31"))
            .send()
            .await
            .unwrap();
        assert_eq!(preview.status(), 200);
        let page = preview.text().await.unwrap();
        assert!(page.contains("Lønnslinjer: 4 · vikarer: 1 · lønn: 9\u{a0}075,00 kr · skattefrie godtgjørelser: 148,75 kr"), "{page}");

        let res = export(app, &admin).await;
        assert_eq!(res.status(), 200);
        assert_eq!(
            res.headers()["content-type"].to_str().unwrap(),
            "text/csv; charset=utf-8"
        );
        let csv = text(res).await;
        let a = s.assignment;
        let expected = format!(
            "\u{feff}employee_number;national_id;name;wage_type;text;quantity;rate;amount;\
             holiday_pay_basis;tax_free;styrk;assignment_start;assignment_end;assignment_id;\
             timesheet_id;period_start;period_end\n\
             V1001;;Kari Nordmann;1000;Normaltimer;30,00;250,00;7500,00;1;0;7114;2026-12-01;2027-03-31;{a};{dec};2026-12-28;2026-12-31\n\
             V1001;;Kari Nordmann;1050;Overtid 50 %;4,00;375,00;1500,00;1;0;7114;2026-12-01;2027-03-31;{a};{dec};2026-12-28;2026-12-31\n\
             V1001;;Kari Nordmann;1200;Kveldstillegg;1,50;50,00;75,00;1;0;7114;2026-12-01;2027-03-31;{a};{dec};2026-12-28;2026-12-31\n\
             V1001;;Kari Nordmann;7100;Kilometergodtgjørelse;42,50;3,50;148,75;0;1;7114;2026-12-01;2027-03-31;{a};{dec};2026-12-28;2026-12-31\n"
        );
        assert_eq!(csv, expected);
        assert_eq!(
            count(app, "SELECT COUNT(*) FROM payroll_export_lines").await,
            4
        );
        // No national identity number in the file: nothing revealed.
        assert_eq!(
            count(
                app,
                "SELECT COUNT(*) FROM audit_log WHERE action = 'national-id-reveal'"
            )
            .await,
            0
        );

        // January's export has the Saturday: 10 hours of overtime without an agreed Saturday.
        let jan_csv = text(
            admin
                .post(app.url("/payroll/export"))
                .form(&[("from", "2027-01-01"), ("to", "2027-01-31")])
                .send()
                .await
                .unwrap(),
        )
        .await;
        let rows: Vec<&str> = jan_csv.lines().skip(1).collect();
        assert_eq!(rows.len(), 1, "{jan_csv}");
        assert!(
            rows[0].contains(";1050;Overtid 50 %;10,00;375,00;3750,00;1;0;"),
            "{jan_csv}"
        );
        assert!(rows[0].ends_with(&format!(";{jan};2027-01-01;2027-01-03")));
    }
);

db_test!(
    exported_twice_the_second_sends_nothing_again_and_says_what_was_sent,
    |app| {
        let (s, dec, _) = kari(app, "V1001").await;
        approved(app, &s, dec, &december_lines(), "42,5").await;
        let admin = app.admin().await;
        map(app, &admin, "payroll_import").await;
        let first = text(export(app, &admin).await).await;
        assert_eq!(first.lines().count(), 4, "{first}");
        assert!(
            first
                .starts_with("V1001;1000;30,00;250,00;7500,00;2026-12-28;2026-12-31;Normaltimer\n")
        );

        // Again: nothing new, the page says so and what was sent.
        let again = export(app, &admin).await;
        assert_eq!(again.status(), 303);
        let to = again.headers()["location"].to_str().unwrap().to_string();
        assert!(to.contains("nothing=1"));
        let page = get(&admin, app, &to).await.1;
        assert!(page.contains("id=\"payroll-nothing\""));
        assert!(
            page.contains("4 av periodens linjer er allerede sendt"),
            "{page}"
        );
        assert!(page.contains("Ada Admin"));
        assert_eq!(count(app, "SELECT COUNT(*) FROM payroll_exports").await, 1);
        assert_eq!(
            count(app, "SELECT COUNT(*) FROM payroll_export_lines").await,
            4
        );

        // The earlier file again, the same content, audited.
        let (id,): (i64,) = sqlx::query_as("SELECT id FROM payroll_exports")
            .fetch_one(&app.db.pool)
            .await
            .unwrap();
        let res = admin
            .get(app.url(&format!("/payroll/exports/{id}.csv")))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 200);
        assert_eq!(text(res).await, first);
        assert_eq!(
            count(
                app,
                "SELECT COUNT(*) FROM audit_log WHERE entity = 'payroll-export' AND action = 'download'"
            )
            .await,
            1
        );

        // Reopened and corrected: listed as a difference, not sent again; a new item is.
        let mut tx = app.db.begin().await.unwrap();
        store::reopen(
            &mut tx,
            dec,
            version(app, dec).await,
            "Feil onsdag",
            &By::staff(app.fx.admin),
        )
        .await
        .unwrap();
        tx.commit().await.unwrap();
        let page = get(&admin, app, "/payroll?from=2026-12-01&to=2026-12-31")
            .await
            .1;
        assert!(
            page.contains("Timelisten er gjenåpnet (nå: Utkast)"),
            "{page}"
        );
        let mut lines = december_lines();
        lines[2] = line("2026-12-30", "07:30", "15:30", "30");
        approved(app, &s, dec, &lines, "42,5").await;
        let page = get(&admin, app, "/payroll?from=2026-12-01&to=2026-12-31")
            .await
            .1;
        assert!(page.contains("id=\"payroll-differences\""));
        // Normal hours sent 30,00 × 250 = 7 500; the overtime and the evening are gone now.
        assert!(page.contains("Ikke lenger på timelisten"), "{page}");
        assert_eq!(export(app, &admin).await.status(), 303);
        assert_eq!(
            count(app, "SELECT COUNT(*) FROM payroll_export_lines").await,
            4
        );
    }
);

db_test!(
    national_ids_are_in_the_file_only_where_stored_and_revealing_is_audited,
    |app| {
        let (s, dec, _) = kari(app, "V1001").await;
        approved(app, &s, dec, &december_lines(), "").await;
        // A second worker on the same kind of assignment, without a number.
        let (s2, dec2, _) = kari(app, "V1002").await;
        approved(app, &s2, dec2, &december_lines(), "").await;
        let id = NationalId::parse("151086 95088", date!(2026 - 12 - 02)).unwrap();
        let mut tx = app.db.begin().await.unwrap();
        national_id::set(&mut tx, &app.state.data_key, s.worker, &id)
            .await
            .unwrap();
        tx.commit().await.unwrap();
        let admin = app.admin().await;
        map(app, &admin, "identity").await;
        let csv = text(export(app, &admin).await).await;
        let rows: Vec<&str> = csv.lines().collect();
        assert_eq!(
            rows[0],
            "employee_number;national_id;wage_type;quantity;rate;amount;holiday_pay_basis;tax_free;\
         styrk;assignment_start;assignment_end"
        );
        assert_eq!(
            rows[1],
            "V1001;15108695088;1000;30.00;250.00;7500.00;1;0;7114;2026-12-01;2027-03-31"
        );
        assert!(
            rows.iter().any(|r| r.starts_with("V1002;;1000;30.00;")),
            "{csv}"
        );
        // One reveal, for the worker who has a number.
        assert_eq!(
        count(
            app,
            "SELECT COUNT(*) FROM audit_log WHERE action = 'national-id-reveal' AND entity = 'worker'"
        )
        .await,
        1
    );
    }
);

db_test!(
    bank_accounts_are_in_a_custom_file_unsealed_and_audited,
    |app| {
        let (s, dec, _) = kari(app, "V1001").await;
        approved(app, &s, dec, &december_lines(), "").await;
        let (s2, dec2, _) = kari(app, "V1002").await;
        approved(app, &s2, dec2, &december_lines(), "").await;
        // Kari's account sealed; the second worker has none.
        let mut tx = app.db.begin().await.unwrap();
        kundekort::workers::bank::set(&mut tx, &app.state.data_key, s.worker, "86011117947", None)
            .await
            .unwrap();
        tx.commit().await.unwrap();
        let admin = app.admin().await;
        let res = admin
            .post(app.url("/admin/payroll"))
            .form(&[
                ("preset", "custom"),
                ("columns", "employee_number;bank_account;amount"),
                ("decimal", "dot"),
                ("header", "1"),
                ("code.normal", "1000"),
                ("holiday.normal", "1"),
                ("code.overtime:50", "1050"),
                ("holiday.overtime:50", "1"),
                ("code.allowance:evening", "1200"),
                ("code.allowance:km", "7100"),
            ])
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 303, "{}", res.text().await.unwrap());
        let csv = text(export(app, &admin).await).await;
        assert!(
            csv.lines().any(|r| r == "V1001;86011117947;7500.00"),
            "{csv}"
        );
        assert!(csv.lines().any(|r| r == "V1002;;7500.00"), "{csv}");
        // One reveal, for the worker who has an account, by the admin, for payroll.
        let rows: Vec<(i64, i64, String)> = sqlx::query_as(
            "SELECT entity_id, user_id, changes FROM audit_log WHERE action = 'bank-account-reveal'",
        )
        .fetch_all(&app.db.pool)
        .await
        .unwrap();
        assert_eq!(rows.len(), 1, "{rows:?}");
        assert_eq!((rows[0].0, rows[0].1), (s.worker, app.fx.admin));
        assert!(rows[0].2.contains("payroll"), "{}", rows[0].2);
    }
);

db_test!(formula_looking_texts_are_neutralised, |app| {
    let (s, dec, _) = kari(app, "=HYPERLINK(\"http://x\")").await;
    approved(app, &s, dec, &december_lines(), "").await;
    sqlx::query("UPDATE workers SET name = '@SUM(A1)' WHERE id = $1")
        .bind(s.worker)
        .execute(&app.db.pool)
        .await
        .unwrap();
    let admin = app.admin().await;
    map(app, &admin, "standard").await;
    let csv = text(export(app, &admin).await).await;
    let row = csv.lines().nth(1).unwrap();
    assert!(
        row.starts_with("\"'=HYPERLINK(\"\"http://x\"\")\";;'@SUM(A1);1000;"),
        "{row}"
    );
});

db_test!(only_admins_and_managers_export_and_only_admins_map, |app| {
    let (s, dec, _) = kari(app, "V1001").await;
    approved(app, &s, dec, &december_lines(), "").await;
    let consultant = app.login("ola@test.no").await;
    for path in ["/payroll", "/admin/payroll", "/payroll/exports/1.csv"] {
        let res = consultant.get(app.url(path)).send().await.unwrap();
        assert_eq!(res.status(), 403, "{path}");
    }
    assert_eq!(export(app, &consultant).await.status(), 403);
    let manager = app.login("leder@test.no").await;
    assert_eq!(
        manager
            .get(app.url("/admin/payroll"))
            .send()
            .await
            .unwrap()
            .status(),
        403
    );
    // Without wage types the export waits for the mapping.
    let page = get(&manager, app, "/payroll?from=2026-12-01&to=2026-12-31")
        .await
        .1;
    assert!(page.contains("id=\"payroll-unmapped\""), "{page}");
    assert!(!page.contains("id=\"payroll-export\""));
    assert_eq!(export(app, &manager).await.status(), 409);
    let admin = app.admin().await;
    map(app, &admin, "payroll_import").await;
    let res = export(app, &manager).await;
    assert_eq!(res.status(), 200);
    assert_eq!(text(res).await.lines().count(), 3);
    assert_eq!(count(app, "SELECT COUNT(*) FROM payroll_exports").await, 1);
});

db_test!(
    the_mapping_page_refuses_bad_input_and_keeps_what_was_typed,
    |app| {
        let (s, _, _) = kari(app, "V1001").await;
        let _ = s;
        let admin = app.admin().await;
        let page = get(&admin, app, "/admin/payroll").await.1;
        // Every item the assignments use, with the defaults: km tax-free, not holiday-pay basis.
        for item in [
            "code.normal",
            "code.overtime:50",
            "code.overtime:none",
            "code.allowance:evening",
            "code.allowance:km",
        ] {
            assert!(page.contains(&format!("name=\"{item}\"")), "{item}");
        }
        assert!(page.contains("name=\"taxfree.allowance:km\" value=\"1\" aria-label=\"Skattefri godtgjørelse\" checked"));
        assert!(page.contains("name=\"holiday.allowance:evening\" value=\"1\" aria-label=\"Feriepengegrunnlag\" checked"));

        let res = admin
            .post(app.url("/admin/payroll"))
            .form(&[
                ("preset", "custom"),
                ("columns", "employee_number, lønnsart"),
                ("code.normal", "10 00"),
                ("code.allowance:km", "7100"),
                ("holiday.allowance:km", "1"),
                ("taxfree.allowance:km", "1"),
            ])
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 422);
        let page = res.text().await.unwrap();
        assert!(page.contains("Ukjent kolonne: «lønnsart»"), "{page}");
        assert!(page.contains("Lønnsartkoden kan bare ha bokstaver"));
        assert!(page.contains("En skattefri godtgjørelse er ikke feriepengegrunnlag"));
        assert!(page.contains("value=\"employee_number, lønnsart\""));
        assert!(page.contains("value=\"10 00\""));
        assert_eq!(
            count(app, "SELECT COUNT(*) FROM payroll_wage_types").await,
            0
        );

        // In English too.
        sqlx::query("UPDATE users SET locale = 'en' WHERE id = $1")
            .bind(app.fx.admin)
            .execute(&app.db.pool)
            .await
            .unwrap();
        let res = admin
            .post(app.url("/admin/payroll"))
            .form(&[("preset", "custom"), ("columns", "amount amount")])
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 422);
        let page = res.text().await.unwrap();
        // Quotes are escaped in HTML.
        assert!(
            page.contains("The column &#34;amount&#34; is there more than once."),
            "{page}"
        );

        // A good custom format is saved and audited.
        let res = admin
            .post(app.url("/admin/payroll"))
            .form(&[
                ("preset", "custom"),
                ("columns", "employee_number;wage_type;amount"),
                ("decimal", "dot"),
                ("code.normal", "1000"),
                ("holiday.normal", "1"),
            ])
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 303);
        assert_eq!(
            count(app, "SELECT COUNT(*) FROM payroll_wage_types").await,
            1
        );
        assert_eq!(
            count(
                app,
                "SELECT COUNT(*) FROM audit_log WHERE entity = 'payroll-settings'"
            )
            .await,
            1
        );
        let page = get(&admin, app, "/admin/payroll").await.1;
        assert!(page.contains("value=\"employee_number,wage_type,amount\""));
    }
);

db_test!(
    hours_are_paid_at_the_rates_fixed_when_the_sheet_was_submitted,
    |app| {
        let (s, dec, _) = kari(app, "V1003").await;
        approved(app, &s, dec, &december_lines(), "").await;
        // A raise after the sheet was approved does not change what it pays (decision 0022).
        sqlx::query("UPDATE assignments SET pay_rate_ore = 40000, overtime = '[]' WHERE id = $1")
            .bind(s.assignment)
            .execute(&app.db.pool)
            .await
            .unwrap();
        let admin = app.admin().await;
        map(app, &admin, "standard").await;
        let csv = text(export(app, &admin).await).await;
        assert!(
            csv.contains(";1000;Normaltimer;30,00;250,00;7500,00;"),
            "{csv}"
        );
        assert!(
            csv.contains(";1050;Overtid 50 %;4,00;375,00;1500,00;"),
            "{csv}"
        );
    }
);
