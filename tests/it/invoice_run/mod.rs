//! The invoice run (decision 0028): approved hours → drafts at the sheets' amounts; grouping per
//! customer, assignment, worker and purchase order; red and yellow problems; two runs at once;
//! the sheet's mark (no reopening while billed); credit-and-rebill against a credit by amount;
//! the hours specification and access; and the billing invariant as a property over random
//! sequences of runs, issues, credits and reopenings, on both databases ([`invariant`]).

mod invariant;

use kundekort::{
    AppError,
    invoices::{
        credit::{self, AmountCredit},
        run::{
            collect::{self, GroupKey, Plan, Problem, Scope},
            create,
        },
        store,
    },
    money::vat,
    timesheets::store::{self as sheets, Actor, By, Via},
};
use time::macros::date;

use crate::db_test;
use crate::support::{
    TestApp,
    fixtures::count,
    timesheets::{Setup, approve, conflict_key, days, generate, setup, version},
};

const TODAY: time::Date = date!(2027 - 01 - 05);
const FROM: &str = "2026-12-01";
const TO: &str = "2026-12-31";

fn all(_: Option<i64>, _: Option<i64>) -> bool {
    true
}

/// The customer made invoiceable: an organisation number and a postal address.
async fn invoiceable(app: &TestApp, customer: i64) {
    sqlx::query(
        "UPDATE customers SET org_number = $1, postal_street = 'Postboks 1', \
         postal_postal_code = '0150', postal_city = 'OSLO' WHERE id = $2",
    )
    .bind(format!("9{:08}", customer))
    .bind(customer)
    .execute(&app.db.pool)
    .await
    .unwrap();
}

async fn settings(app: &TestApp, customer: i64, set: &str) {
    sqlx::query(
        "INSERT INTO invoice_settings (customer_id, updated_at) VALUES ($1, 0) \
         ON CONFLICT (customer_id) DO NOTHING",
    )
    .bind(customer)
    .execute(&app.db.pool)
    .await
    .unwrap();
    sqlx::query(sqlx::AssertSqlSafe(format!(
        "UPDATE invoice_settings SET {set} WHERE customer_id = $1"
    )))
    .bind(customer)
    .execute(&app.db.pool)
    .await
    .unwrap();
}

/// Kari's invoiceable assignment with the weeks from 7 December approved: 37.5 hours and, on
/// the 11th, 4 hours of 50 % overtime; the week of 14 December 22.5 hours. The sheets' ids.
async fn kari(app: &TestApp) -> (Setup, Vec<i64>) {
    let s = setup(app, false).await;
    invoiceable(app, s.customer).await;
    let (a, b) = {
        let id = generate(app, &s, date!(2026 - 12 - 07), date!(2026 - 12 - 20)).await;
        (id("2026-12-07"), id("2026-12-14"))
    };
    approve(app, &s, a, &days("2026-12-", 7, 5, "19:30")).await;
    approve(app, &s, b, &days("2026-12-", 14, 3, "15:30")).await;
    (s, vec![a, b])
}

async fn plan(app: &TestApp, scope: Scope) -> Plan {
    let mut conn = app.db.pool.acquire().await.unwrap();
    collect::plan(&mut conn, scope, FROM, TO, &all)
        .await
        .unwrap()
}

async fn run(app: &TestApp, scope: Scope) -> create::Outcome {
    let p = plan(app, scope).await;
    create::make_drafts(&app.db, &p, app.fx.admin, &all)
        .await
        .unwrap()
}

async fn issue(app: &TestApp, id: i64) {
    let (v,): (i64,) = sqlx::query_as("SELECT version FROM invoices WHERE id = $1")
        .bind(id)
        .fetch_one(&app.db.pool)
        .await
        .unwrap();
    let mut tx = app.db.begin().await.unwrap();
    store::issue(&mut tx, id, v, app.fx.admin, TODAY)
        .await
        .unwrap();
    tx.commit().await.unwrap();
}

async fn sum(app: &TestApp, sql: &str, id: i64) -> i64 {
    let (n,): (Option<i64>,) = sqlx::query_as(sqlx::AssertSqlSafe(sql))
        .bind(id)
        .fetch_one(&app.db.pool)
        .await
        .unwrap();
    n.unwrap_or(0)
}

async fn reopen(app: &TestApp, sheet: i64) -> Result<i64, AppError> {
    let mut tx = app.db.begin().await.unwrap();
    let r = sheets::reopen(
        &mut tx,
        sheet,
        version(app, sheet).await,
        "Feil timer",
        &By::new(Actor::Staff(app.fx.admin), Via::Page),
    )
    .await;
    if r.is_ok() {
        tx.commit().await.unwrap();
    }
    r
}

db_test!(a_run_bills_approved_hours_at_the_sheets_amounts, |app| {
    let (s, ids) = kari(app).await;
    let p = plan(app, Scope::Customer(s.customer)).await;
    assert_eq!(p.customers.len(), 1);
    let c = &p.customers[0];
    assert!(c.problems.is_empty(), "{:?}", c.problems);
    assert_eq!(c.invoices.len(), 1);
    // 8 days of normal hours and one part of overtime.
    assert_eq!(c.invoices[0].lines.len(), 9);
    assert_eq!(
        c.invoices[0].lines[0].description,
        "07.12.2026 Kari Nordmann, Betongarbeider"
    );
    let overtime: Vec<_> = c.invoices[0]
        .lines
        .iter()
        .filter(|l| l.bill_part != "normal")
        .collect();
    assert_eq!(overtime.len(), 1);
    assert_eq!(overtime[0].bill_part, "overtime:50");
    assert_eq!(
        overtime[0].description,
        "11.12.2026 Kari Nordmann, Betongarbeider, overtid 50 %"
    );
    // In the customer's invoice language, as its documents are.
    settings(app, s.customer, "invoice_language = 'en'").await;
    let en = plan(app, Scope::Customer(s.customer)).await;
    let texts: Vec<&str> = en.customers[0].invoices[0]
        .lines
        .iter()
        .map(|l| l.description.as_str())
        .collect();
    assert!(
        texts.contains(&"11.12.2026 Kari Nordmann, Betongarbeider, overtime 50 %"),
        "{texts:?}"
    );
    settings(app, s.customer, "invoice_language = 'nb'").await;
    assert_eq!(
        (overtime[0].quantity_milli, overtime[0].unit_price_ore),
        (4000, 67_500)
    );
    // Nothing written by the preview.
    assert_eq!(count(app, "SELECT COUNT(*) FROM invoices").await, 0);

    let out = run(app, Scope::Customer(s.customer)).await;
    assert_eq!(out.made.len(), 1, "{out:?}");
    let inv = out.made[0].invoice_id;
    // "Your reference" is the contact who approved the hours (EHF needs a buyer reference).
    let (reference,): (Option<String>,) =
        sqlx::query_as("SELECT buyer_reference FROM invoices WHERE id = $1")
            .bind(inv)
            .fetch_one(&app.db.pool)
            .await
            .unwrap();
    assert_eq!(reference.as_deref(), Some("Per Godkjenner"));
    let bill: i64 = sum(
        app,
        "SELECT CAST(SUM(bill_ore) AS BIGINT) FROM timesheets WHERE assignment_id = $1",
        s.assignment,
    )
    .await;
    // 60 normal hours at 450 and 4 overtime hours at 675.
    assert_eq!(bill, 60 * 45_000 + 4 * 67_500);
    let lines = store::lines(&app.db, inv).await.unwrap();
    assert_eq!(lines.iter().map(|l| l.line_net_ore).sum::<i64>(), bill);
    assert!(lines.iter().all(|l| l.vat_category == "S"
        && l.vat_rate_bp == 2500
        && l.unit_code == "HUR"
        && l.line_net_ore == vat::line_net(l.quantity_milli, l.unit_price_ore).unwrap()));
    assert_eq!(out.made[0].net_ore, bill);
    assert_eq!(count(app, "SELECT COUNT(*) FROM invoice_billing").await, 9);
    for id in &ids {
        let sheet = sheets::get(&app.db, *id).await.unwrap().unwrap();
        assert!(sheet.invoiced_at.is_some());
    }
    // Billed: the next run has nothing, and the sheet cannot be reopened.
    assert!(
        plan(app, Scope::Customer(s.customer)).await.customers[0]
            .invoices
            .is_empty()
    );
    assert_eq!(
        conflict_key(reopen(app, ids[0]).await),
        "timesheet-invoiced"
    );
    // Issued, the invoice's totals are the sheets' bill plus 25 % VAT.
    issue(app, inv).await;
    let i = store::get(&app.db, inv).await.unwrap().unwrap();
    assert_eq!(i.line_net_ore, Some(bill));
    assert_eq!(i.vat_ore, Some(bill / 4));
});

/// A second worker on another assignment of the same customer; (assignment, worker).
async fn second(app: &TestApp, s: &Setup, po: Option<&str>, grouping: Option<&str>) -> (i64, i64) {
    let (worker,): (i64,) = sqlx::query_as(
        "INSERT INTO workers (name, status, search_text, sort_name, created_at, updated_at) \
         VALUES ('Per Hansen', 'employee', 'per hansen', 'hansen per', 0, 0) RETURNING id",
    )
    .fetch_one(&app.db.pool)
    .await
    .unwrap();
    let (assignment,): (i64,) = sqlx::query_as(
        "INSERT INTO assignments (customer_id, worker_id, title, approver_contact_id, from_date, \
         hours_per_week_minutes, standard_week, bill_rate_ore, pay_rate_ore, overtime, \
         purchase_order, invoice_grouping, status, created_at, updated_at) \
         SELECT customer_id, $1, 'Lagermedarbeider', approver_contact_id, from_date, \
         hours_per_week_minutes, standard_week, 40000, 22000, overtime, $2, $3, 'active', 0, 0 \
         FROM assignments WHERE id = $4 RETURNING id",
    )
    .bind(worker)
    .bind(po)
    .bind(grouping)
    .bind(s.assignment)
    .fetch_one(&app.db.pool)
    .await
    .unwrap();
    let other = Setup {
        worker,
        assignment,
        ..*s
    };
    let id = generate(app, &other, date!(2026 - 12 - 07), date!(2026 - 12 - 13)).await;
    approve(
        app,
        &other,
        id("2026-12-07"),
        &days("2026-12-", 7, 2, "15:30"),
    )
    .await;
    (assignment, worker)
}

fn keys(p: &Plan) -> Vec<GroupKey> {
    p.customers[0]
        .invoices
        .iter()
        .map(|i| i.key.clone())
        .collect()
}

db_test!(
    grouping_per_customer_assignment_worker_and_purchase_order,
    |app| {
        let (s, _) = kari(app).await;
        let (a2, w2) = second(app, &s, Some("PO-77"), None).await;
        // The customer's default: one invoice.
        let p = plan(app, Scope::Customer(s.customer)).await;
        assert_eq!(keys(&p), [GroupKey::Customer]);
        assert_eq!(p.customers[0].invoices[0].lines.len(), 11);
        // Mixed purchase orders: none on the invoice.
        assert_eq!(p.customers[0].invoices[0].order_reference, None);
        // The customer's default per worker.
        settings(app, s.customer, "invoice_grouping = 'worker'").await;
        let p = plan(app, Scope::Customer(s.customer)).await;
        assert_eq!(keys(&p), [GroupKey::Worker(s.worker), GroupKey::Worker(w2)]);
        // Per assignment.
        settings(app, s.customer, "invoice_grouping = 'assignment'").await;
        let p = plan(app, Scope::Customer(s.customer)).await;
        assert_eq!(
            keys(&p),
            [GroupKey::Assignment(s.assignment), GroupKey::Assignment(a2)]
        );
        // Per purchase order; the order reference goes on the invoice.
        settings(app, s.customer, "invoice_grouping = 'purchase_order'").await;
        sqlx::query("UPDATE assignments SET purchase_order = 'PO-12' WHERE id = $1")
            .bind(s.assignment)
            .execute(&app.db.pool)
            .await
            .unwrap();
        let p = plan(app, Scope::Customer(s.customer)).await;
        assert_eq!(
            keys(&p),
            [
                GroupKey::PurchaseOrder("PO-12".into()),
                GroupKey::PurchaseOrder("PO-77".into())
            ]
        );
        // An assignment's own grouping wins over the customer's default.
        sqlx::query("UPDATE assignments SET invoice_grouping = 'customer' WHERE customer_id = $1")
            .bind(s.customer)
            .execute(&app.db.pool)
            .await
            .unwrap();
        let p = plan(app, Scope::Customer(s.customer)).await;
        assert_eq!(keys(&p), [GroupKey::Customer]);
        // Made: the purchase-order drafts carry the order reference.
        settings(app, s.customer, "invoice_grouping = NULL").await;
        sqlx::query(
            "UPDATE assignments SET invoice_grouping = 'purchase_order' WHERE customer_id = $1",
        )
        .bind(s.customer)
        .execute(&app.db.pool)
        .await
        .unwrap();
        let out = run(app, Scope::Customer(s.customer)).await;
        assert_eq!(out.made.len(), 2);
        let mut refs = Vec::new();
        for m in &out.made {
            refs.push(
                store::get(&app.db, m.invoice_id)
                    .await
                    .unwrap()
                    .unwrap()
                    .order_reference
                    .unwrap(),
            );
        }
        refs.sort();
        assert_eq!(refs, ["PO-12", "PO-77"]);
    }
);

db_test!(preview_problems_red_block_and_yellow_do_not, |app| {
    let s = setup(app, false).await;
    let id = generate(app, &s, date!(2026 - 12 - 07), date!(2026 - 12 - 27)).await;
    approve(app, &s, id("2026-12-07"), &days("2026-12-", 7, 2, "15:30")).await;
    // A sheet approved with no hours, and one still submitted.
    approve(app, &s, id("2026-12-14"), &[]).await;
    let worker = By::new(Actor::Worker(s.worker), Via::Page);
    let w3 = id("2026-12-21");
    let mut tx = app.db.begin().await.unwrap();
    let saved = sheets::save(
        &mut tx,
        w3,
        version(app, w3).await,
        &days("2026-12-", 21, 1, "15:30"),
        &[],
        &worker,
    )
    .await
    .unwrap();
    sheets::submit(&mut tx, w3, saved.version, &worker)
        .await
        .unwrap();
    tx.commit().await.unwrap();
    settings(app, s.customer, "po_required = 1, delivery_method = 'ehf'").await;

    let p = plan(app, Scope::Customer(s.customer)).await;
    let c = &p.customers[0];
    let red: Vec<_> = c.problems.iter().filter(|p| p.red()).cloned().collect();
    assert_eq!(
        red,
        [
            Problem::NoOrgNumber,
            Problem::NoInvoiceAddress,
            Problem::NoPeppolId,
            Problem::PurchaseOrderMissing {
                assignment_id: s.assignment,
                title: "Betongarbeider".into()
            }
        ]
    );
    assert!(c.problems.contains(&Problem::ZeroHours {
        assignment_id: s.assignment,
        sheet_id: id("2026-12-14")
    }));
    assert!(c.problems.contains(&Problem::NotApproved { count: 1 }));
    assert!(c.blocked());
    let out = run(app, Scope::Customer(s.customer)).await;
    assert!(out.made.is_empty());
    assert_eq!(out.blocked.len(), 1);
    assert_eq!(count(app, "SELECT COUNT(*) FROM invoices").await, 0);

    // Fixed: an organisation number (EHF derives 0192:<orgnr>), address, purchase order.
    invoiceable(app, s.customer).await;
    sqlx::query("UPDATE assignments SET purchase_order = 'PO-1', bill_rate_ore = 0 WHERE id = $1")
        .bind(s.assignment)
        .execute(&app.db.pool)
        .await
        .unwrap();
    let p = plan(app, Scope::Customer(s.customer)).await;
    let c = &p.customers[0];
    assert!(!c.blocked(), "{:?}", c.problems);
    // Yellow only; the sheet's rate was fixed at submission, so no 0-rate warning.
    assert!(c.problems.iter().all(|p| !p.red()));
    assert!(
        !c.problems
            .iter()
            .any(|p| matches!(p, Problem::RateZero { .. }))
    );
    let out = run(app, Scope::Customer(s.customer)).await;
    assert_eq!(out.made.len(), 1);

    // The preview page shows the problems in the user's language.
    let admin = app.admin().await;
    let html = admin
        .get(app.url(&format!(
            "/invoices/run?from={FROM}&to={TO}&customer={}",
            s.customer
        )))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(html.contains("venter fortsatt på godkjenning"), "{html}");
});

db_test!(two_runs_at_once_do_not_bill_twice, |app| {
    let (s, _) = kari(app).await;
    let p = plan(app, Scope::Customer(s.customer)).await;
    let (a, b) = tokio::join!(
        create::make_drafts(&app.db, &p, app.fx.admin, &all),
        create::make_drafts(&app.db, &p, app.fx.admin, &all)
    );
    let (a, b) = (a.unwrap(), b.unwrap());
    assert_eq!(a.made.len() + b.made.len(), 1, "{a:?} {b:?}");
    assert_eq!(count(app, "SELECT COUNT(*) FROM invoice_billing").await, 9);
    assert_eq!(count(app, "SELECT COUNT(*) FROM invoice_lines").await, 9);
    assert_eq!(count(app, "SELECT COUNT(*) FROM invoices").await, 1);
});

db_test!(
    credit_and_rebill_returns_hours_a_credit_by_amount_does_not,
    |app| {
        let (s, ids) = kari(app).await;
        let out = run(app, Scope::Customer(s.customer)).await;
        let inv = out.made[0].invoice_id;
        issue(app, inv).await;
        // By amount: less owed, the hours stay billed.
        let mut tx = app.db.begin().await.unwrap();
        credit::credit_amount(
            &mut tx,
            inv,
            &AmountCredit {
                description: "Rabatt".into(),
                vat_category: "S".into(),
                vat_rate_bp: 2500,
                exemption_reason: None,
                amount_ore: 100_000,
            },
            "Avtalt rabatt",
            app.fx.admin,
            TODAY,
        )
        .await
        .unwrap();
        tx.commit().await.unwrap();
        assert_eq!(
            sum(
                app,
                "SELECT credited_ore FROM invoice_state WHERE invoice_id = $1",
                inv
            )
            .await,
            125_000
        );
        assert!(
            plan(app, Scope::Customer(s.customer)).await.customers[0]
                .invoices
                .is_empty()
        );
        assert_eq!(count(app, "SELECT COUNT(*) FROM invoice_billing").await, 9);
        assert_eq!(
            conflict_key(reopen(app, ids[0]).await),
            "timesheet-invoiced"
        );
        // More than is left: refused.
        let mut tx = app.db.begin().await.unwrap();
        let err = credit::credit_amount(
            &mut tx,
            inv,
            &AmountCredit {
                description: "Alt".into(),
                vat_category: "S".into(),
                vat_rate_bp: 2500,
                exemption_reason: None,
                amount_ore: 100_000_000,
            },
            "For mye",
            app.fx.admin,
            TODAY,
        )
        .await
        .unwrap_err();
        assert!(matches!(err, AppError::Invalid(_)));
        drop(tx);
        // Credit and rebill: every line credited, the hours billable again, the sheets free.
        let mut tx = app.db.begin().await.unwrap();
        let r = credit::credit_and_rebill(&mut tx, inv, "Feil sats", app.fx.admin, TODAY)
            .await
            .unwrap();
        tx.commit().await.unwrap();
        assert_eq!(r.sheets, ids);
        assert_eq!(count(app, "SELECT COUNT(*) FROM invoice_billing").await, 0);
        let p = plan(app, Scope::Customer(s.customer)).await;
        assert_eq!(p.customers[0].invoices[0].lines.len(), 9);
        // A sheet nothing bills may be reopened; corrected and approved, the next run bills it.
        reopen(app, ids[1]).await.unwrap();
        approve(app, &s, ids[1], &days("2026-12-", 14, 2, "15:30")).await;
        let out = run(app, Scope::Customer(s.customer)).await;
        let lines = store::lines(&app.db, out.made[0].invoice_id).await.unwrap();
        assert_eq!(lines.len(), 8);
        // The hours specification of the credit note names the credited lines' days.
        let admin = app.admin().await;
        let html = admin
            .get(app.url(&format!("/invoices/{inv}/hours")))
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        assert!(html.contains("Kreditert i kreditnota"), "{html}");
        assert!(html.contains("Per Godkjenner"), "{html}");
        assert_eq!(html.matches("class=\"invoice-hours-row\"").count(), 9);
    }
);

db_test!(access_to_the_run_and_the_hours, |app| {
    let (s, _) = kari(app).await;
    let q = format!("/invoices/run?from={FROM}&to={TO}&customer={}", s.customer);
    let form = [
        ("from", FROM.to_string()),
        ("to", TO.to_string()),
        ("customer", s.customer.to_string()),
    ];
    // Ola (consultant, Oslo) may prepare: the preview, not the drafts, not a firm-wide run.
    let ola = app.login("ola@test.no").await;
    let res = ola.get(app.url(&q)).send().await.unwrap();
    assert_eq!(res.status(), 200);
    let html = res.text().await.unwrap();
    // The preview (which lists planned invoices, not their lines): Kari's 64 hours for the
    // customer, 29 700 kr.
    assert!(
        html.contains(&format!("id=\"invoice-run-customer-{}\"", s.customer)),
        "{html}"
    );
    assert!(html.contains("29\u{a0}700,00"), "{html}");
    let res = ola
        .post(app.url("/invoices/run"))
        .form(&form)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 403);
    let res = ola
        .get(app.url(&format!("/invoices/run?from={FROM}&to={TO}")))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 403);
    // Berit (Bergen) does not see the Oslo customer: 404.
    let berit = app.login("berit@test.no").await;
    let res = berit.get(app.url(&q)).send().await.unwrap();
    assert_eq!(res.status(), 404);
    assert_eq!(count(app, "SELECT COUNT(*) FROM invoices").await, 0);
    // Lise (manager, Oslo) makes the drafts.
    let lise = app.login("leder@test.no").await;
    let res = lise
        .post(app.url("/invoices/run"))
        .form(&form)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    let html = res.text().await.unwrap();
    assert!(html.contains("Ett fakturautkast laget"), "{html}");
    let (inv,): (i64,) = sqlx::query_as("SELECT id FROM invoices")
        .fetch_one(&app.db.pool)
        .await
        .unwrap();
    // The hours: whoever sees the customer; 404 out of sight.
    let res = ola
        .get(app.url(&format!("/invoices/{inv}/hours")))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    let html = res.text().await.unwrap();
    assert!(html.contains("2026-12-07"), "{html}");
    let res = berit
        .get(app.url(&format!("/invoices/{inv}/hours")))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 404);
    // Bad input keeps what was typed.
    let res = lise
        .get(app.url("/invoices/run?from=2026-13-01&to=2026-12-31"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 422);
    assert!(res.text().await.unwrap().contains("value=\"2026-13-01\""));
});
