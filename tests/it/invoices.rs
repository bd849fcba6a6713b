//! Invoices' store (decision 0024): drafts and lines, issuing with gap-free numbers (also two at
//! once), KID, totals, immutability once issued, § 5-1-1 checks, credit notes whole and partial.

use kundekort::{
    AppError,
    customers::model::CustomerDraft,
    invoices::{
        credit::{credit_lines, credit_whole},
        model::LineInput,
        store::{self, Issued},
    },
    norway::kid::{self, Algorithm},
};
use time::macros::date;

use crate::db_test;
use crate::support::{TestApp, fixtures::count};

const TODAY: time::Date = date!(2026 - 12 - 02);

/// A customer with organisation number and postal address (the invoice address's fallback).
async fn buyer(app: &TestApp) -> i64 {
    app.customer(CustomerDraft {
        name: "Nordlys Elektro AS".into(),
        org_number: "974760673".into(),
        status: "active".into(),
        postal_street: "Postboks 900".into(),
        postal_postal_code: "0150".into(),
        ..Default::default()
    })
    .await
}

fn line(description: &str, quantity_milli: i64, price_ore: i64, rate_bp: i64) -> LineInput {
    LineInput {
        description: description.into(),
        quantity_milli,
        unit_code: "HUR".into(),
        unit_price_ore: price_ore,
        vat_category: "S".into(),
        vat_rate_bp: rate_bp,
        exemption_reason: None,
    }
}

/// A draft for `customer` with one line per input; its id, line ids and version.
async fn draft(app: &TestApp, customer: i64, lines: &[LineInput]) -> (i64, Vec<i64>, i64) {
    let user = app.fx.admin;
    let mut tx = app.db.begin().await.unwrap();
    let id = store::create_draft(&mut tx, customer, Some("Kari Nordmann"), None, user)
        .await
        .unwrap();
    let mut version = 1;
    let mut ids = Vec::new();
    for l in lines {
        let (line_id, v) = store::add_line(&mut tx, id, version, l, user)
            .await
            .unwrap();
        ids.push(line_id);
        version = v;
    }
    tx.commit().await.unwrap();
    (id, ids, version)
}

async fn issue(app: &TestApp, id: i64, version: i64) -> Result<Issued, AppError> {
    let mut tx = app.db.begin().await.unwrap();
    let issued = store::issue(&mut tx, id, version, app.fx.admin, TODAY).await?;
    tx.commit().await.unwrap();
    Ok(issued)
}

fn fields(err: AppError) -> Vec<String> {
    match err {
        AppError::Invalid(f) => f.0.keys().cloned().collect(),
        other => panic!("expected invalid, got {other:?}"),
    }
}

fn conflict(err: AppError) -> &'static str {
    match err {
        AppError::Conflict(msg) => msg.key,
        other => panic!("expected conflict, got {other:?}"),
    }
}

db_test!(issue_numbers_kid_totals_and_snapshot, |app| {
    let customer = buyer(app).await;
    let mut numbers = Vec::new();
    for _ in 0..3 {
        let (id, _, version) = draft(
            app,
            customer,
            &[
                line("Lagermedarbeider", 7500, 45_000, 2500),
                line("Kantine", 1000, 10_001, 1500),
            ],
        )
        .await;
        let issued = issue(app, id, version).await.unwrap();
        assert_eq!(
            kid::check(issued.kid.as_str(), Algorithm::Mod10).unwrap(),
            issued.kid
        );
        assert_eq!(issued.kid.as_str().len(), 15);
        numbers.push(issued.number);
        let inv = store::get(&app.db, id).await.unwrap().unwrap();
        assert_eq!(inv.status, "issued");
        assert_eq!(inv.kid.as_deref(), Some(issued.kid.as_str()));
        assert_eq!(inv.issue_date.as_deref(), Some("2026-12-02"));
        assert_eq!(inv.due_date.as_deref(), Some("2026-12-16"));
        // 7,5 × 450,00 = 3 375,00 at 25 % (843,75) + 100,01 at 15 % (15,0015 → 15,00).
        assert_eq!(inv.line_net_ore, Some(337_500 + 10_001));
        assert_eq!(inv.vat_ore, Some(84_375 + 1_500));
        assert_eq!(inv.total_ore, Some(337_500 + 10_001 + 84_375 + 1_500));
        assert_eq!(inv.payable_ore, inv.total_ore);
        assert_eq!(inv.buyer_org_number.as_deref(), Some("974760673"));
        assert_eq!(inv.buyer_street.as_deref(), Some("Postboks 900"));
        assert_eq!(inv.buyer_postal_code.as_deref(), Some("0150"));
        assert!(inv.buyer_city.is_some());
    }
    assert_eq!(numbers, [1, 2, 3]);
    let audits = count(
        app,
        "SELECT COUNT(*) FROM audit_log WHERE entity = 'invoice' AND action = 'issue'",
    )
    .await;
    assert_eq!(audits, 3);
});

db_test!(concurrent_issues_get_consecutive_numbers, |app| {
    let customer = buyer(app).await;
    let (a, _, va) = draft(app, customer, &[line("A", 1000, 100, 2500)]).await;
    let (b, _, vb) = draft(app, customer, &[line("B", 1000, 100, 2500)]).await;
    let (ra, rb) = tokio::join!(issue(app, a, va), issue(app, b, vb));
    let mut numbers = [ra.unwrap().number, rb.unwrap().number];
    numbers.sort();
    assert_eq!(numbers, [1, 2]);
    // The next one follows without a gap.
    let (c, _, vc) = draft(app, customer, &[line("C", 1000, 100, 2500)]).await;
    assert_eq!(issue(app, c, vc).await.unwrap().number, 3);
});

db_test!(issued_invoice_is_immutable, |app| {
    let customer = buyer(app).await;
    let (id, lines, version) = draft(app, customer, &[line("A", 1000, 100, 2500)]).await;
    let issued = issue(app, id, version).await.unwrap();
    let user = app.fx.admin;
    let mut tx = app.db.begin().await.unwrap();
    let v = issued.version;
    let err = store::add_line(&mut tx, id, v, &line("B", 1000, 1, 2500), user).await;
    assert_eq!(conflict(err.unwrap_err()), "invoice-not-draft");
    let err = store::update_line(&mut tx, id, v, lines[0], &line("B", 1000, 1, 2500), user).await;
    assert_eq!(conflict(err.unwrap_err()), "invoice-not-draft");
    let err = store::remove_line(&mut tx, id, v, lines[0], user).await;
    assert_eq!(conflict(err.unwrap_err()), "invoice-not-draft");
    let err = store::issue(&mut tx, id, v, user, TODAY).await;
    assert_eq!(conflict(err.unwrap_err()), "invoice-not-draft");
    drop(tx);
    let inv = store::get(&app.db, id).await.unwrap().unwrap();
    assert_eq!((inv.number, inv.version), (Some(1), issued.version));
    assert_eq!(store::lines(&app.db, id).await.unwrap().len(), 1);
});

db_test!(draft_lines_are_checked_and_edited, |app| {
    let customer = buyer(app).await;
    let (id, _, version) = draft(app, customer, &[]).await;
    let user = app.fx.admin;
    let mut tx = app.db.begin().await.unwrap();
    // An empty invoice is not issued.
    let err = store::issue(&mut tx, id, version, user, TODAY)
        .await
        .unwrap_err();
    assert_eq!(fields(err), ["lines"]);
    drop(tx);
    let mut tx = app.db.begin().await.unwrap();
    let mut exempt = line("Kurs", 1000, 100, 0);
    exempt.vat_category = "E".into();
    let err = store::add_line(&mut tx, id, version, &exempt, user)
        .await
        .unwrap_err();
    assert_eq!(fields(err), ["exemption_reason"]);
    exempt.exemption_reason = Some("mval. § 3-5".into());
    let (line_id, v) = store::add_line(&mut tx, id, version, &exempt, user)
        .await
        .unwrap();
    // A stale version is refused.
    let err = store::remove_line(&mut tx, id, version, line_id, user)
        .await
        .unwrap_err();
    assert_eq!(conflict(err), "invoice-changed-meanwhile");
    let v = store::update_line(
        &mut tx,
        id,
        v,
        line_id,
        &line("Timer", 2000, 100, 2500),
        user,
    )
    .await
    .unwrap();
    let stored = store::lines_in(&mut tx, id).await.unwrap();
    assert_eq!(
        (stored[0].vat_category.as_str(), stored[0].line_net_ore),
        ("S", 200)
    );
    store::remove_line(&mut tx, id, v, line_id, user)
        .await
        .unwrap();
    assert!(store::lines_in(&mut tx, id).await.unwrap().is_empty());
    tx.commit().await.unwrap();
});

db_test!(buyer_without_org_number_or_address_is_refused, |app| {
    let customer = app
        .customer(CustomerDraft {
            name: "Uten Orgnr AS".into(),
            status: "active".into(),
            ..Default::default()
        })
        .await;
    let (id, _, version) = draft(app, customer, &[line("A", 1000, 100, 2500)]).await;
    let err = issue(app, id, version).await.unwrap_err();
    assert_eq!(fields(err), ["buyer_address", "buyer_org_number"]);
    // Nothing was taken from the series: the next issue is number 1.
    let other = buyer(app).await;
    let (id, _, version) = draft(app, other, &[line("A", 1000, 100, 2500)]).await;
    assert_eq!(issue(app, id, version).await.unwrap().number, 1);
});

db_test!(credit_notes_whole_and_partial, |app| {
    let customer = buyer(app).await;
    let user = app.fx.admin;
    let lines = [
        line("A", 2000, 10_000, 2500),
        line("B", 1000, 5_000, 1500),
        line("C", 1000, 1_000, 2500),
    ];
    let (id, line_ids, version) = draft(app, customer, &lines).await;
    let mut tx = app.db.begin().await.unwrap();
    // A draft cannot be credited.
    let err = credit_whole(&mut tx, id, "Feil", user, TODAY)
        .await
        .unwrap_err();
    assert_eq!(conflict(err), "invoice-credit-not-issued");
    drop(tx);
    issue(app, id, version).await.unwrap();

    let mut tx = app.db.begin().await.unwrap();
    let err = credit_lines(&mut tx, id, &[line_ids[0]], " ", user, TODAY)
        .await
        .unwrap_err();
    assert_eq!(fields(err), ["reason"]);
    let first = credit_lines(&mut tx, id, &[line_ids[0]], "Feil timetall", user, TODAY)
        .await
        .unwrap();
    assert_eq!(first.number, 1);
    // The same line again is refused, alone or among others.
    let err = credit_lines(
        &mut tx,
        id,
        &[line_ids[1], line_ids[0]],
        "Igjen",
        user,
        TODAY,
    )
    .await
    .unwrap_err();
    assert_eq!(fields(err), ["lines"]);
    // The whole invoice credits what is left.
    let rest = credit_whole(&mut tx, id, "Avlyst", user, TODAY)
        .await
        .unwrap();
    assert_eq!(rest.number, 2);
    let err = credit_whole(&mut tx, id, "Igjen", user, TODAY)
        .await
        .unwrap_err();
    assert_eq!(conflict(err), "invoice-credit-nothing-left");
    tx.commit().await.unwrap();

    let note = store::get(&app.db, first.id).await.unwrap().unwrap();
    assert_eq!(
        (
            note.kind.as_str(),
            note.status.as_str(),
            note.credited_invoice_id
        ),
        ("credit_note", "issued", Some(id))
    );
    assert_eq!(note.buyer_org_number.as_deref(), Some("974760673"));
    assert_eq!(
        (note.line_net_ore, note.vat_ore),
        (Some(-20_000), Some(-5_000))
    );
    let note_lines = store::lines(&app.db, rest.id).await.unwrap();
    let credited: Vec<_> = note_lines.iter().map(|l| l.credited_line_id).collect();
    assert_eq!(credited, [Some(line_ids[1]), Some(line_ids[2])]);
    assert_eq!(note_lines[0].quantity_milli, -1000);
    let rest_note = store::get(&app.db, rest.id).await.unwrap().unwrap();
    // −50,00 at 15 % (−7,50) and −10,00 at 25 % (−2,50).
    assert_eq!(rest_note.total_ore, Some(-6_000 - 750 - 250));
    // The invoice itself is untouched.
    let inv = store::get(&app.db, id).await.unwrap().unwrap();
    assert_eq!((inv.status.as_str(), inv.number), ("issued", Some(1)));
});
