//! The invoice pages (decision 0026): the card's tab and the firm-wide list (filters in SQL that
//! agree with `state::derive`, search by number, KID and amount, sums, export), the invoice page
//! with draft editing (bad input and a stale version keep what was typed), issuing with its
//! refusals (purchase order required), crediting chosen lines, the price list, and access:
//! out of sight 404, a consultant drafts but may not issue or credit (403), an issued invoice
//! cannot be changed through any route.

use kundekort::{
    AppError,
    customers::{access::Visibility, model::CustomerDraft},
    invoices::{
        model::LineInput,
        pages::list::{self, ListParams},
        state::{self, Status},
        store,
    },
    timefmt::when::date_string,
};
use time::Duration;

use crate::db_test;
use crate::support::TestApp;

/// A valid organisation number (MOD11, weights 3 2 7 6 5 4 3 2) made from `name`, so each buyer
/// has its own (organisation numbers are unique among customers).
fn org_number_for(name: &str) -> String {
    let mut base = 80_000_000
        + name
            .bytes()
            .fold(7u64, |h, b| (h * 31 + u64::from(b)) % 19_999_999);
    loop {
        let digits: Vec<u64> = format!("{base:08}")
            .bytes()
            .map(|b| u64::from(b - b'0'))
            .collect();
        let sum: u64 = digits
            .iter()
            .zip([3, 2, 7, 6, 5, 4, 3, 2])
            .map(|(d, w)| d * w)
            .sum();
        match 11 - sum % 11 {
            10 => base += 1,
            11 => return format!("{base:08}0"),
            check => return format!("{base:08}{check}"),
        }
    }
}

/// An Oslo customer owned by Ola, with organisation number and postal address.
async fn buyer(app: &TestApp, name: &str) -> i64 {
    app.customer(CustomerDraft {
        name: name.into(),
        org_number: org_number_for(name),
        status: "active".into(),
        postal_street: "Postboks 900".into(),
        postal_postal_code: "0150".into(),
        owner_id: app.fx.consultant_oslo.to_string(),
        department_id: app.fx.oslo.to_string(),
        ..Default::default()
    })
    .await
}

fn line(description: &str, quantity_milli: i64, price_ore: i64) -> LineInput {
    LineInput {
        description: description.into(),
        quantity_milli,
        unit_code: "HUR".into(),
        unit_price_ore: price_ore,
        vat_category: "S".into(),
        vat_rate_bp: 2500,
        exemption_reason: None,
    }
}

/// A draft with lines, through the store; its id and version.
async fn draft(app: &TestApp, customer: i64, lines: &[LineInput]) -> (i64, i64) {
    let mut tx = app.db.begin().await.unwrap();
    let id = store::create_draft(&mut tx, customer, None, None, app.fx.admin)
        .await
        .unwrap();
    let mut version = 1;
    for l in lines {
        version = store::add_line(&mut tx, id, version, l, app.fx.admin)
            .await
            .unwrap()
            .1;
    }
    tx.commit().await.unwrap();
    (id, version)
}

/// An issued invoice (issued on `today`); its id.
async fn issued(app: &TestApp, customer: i64, lines: &[LineInput], today: time::Date) -> i64 {
    let (id, version) = draft(app, customer, lines).await;
    let mut tx = app.db.begin().await.unwrap();
    store::issue(&mut tx, id, version, app.fx.admin, today)
        .await
        .unwrap();
    tx.commit().await.unwrap();
    id
}

fn today() -> time::Date {
    kundekort::invoices::pages::today()
}

async fn version(app: &TestApp, id: i64) -> i64 {
    store::get(&app.db, id).await.unwrap().unwrap().version
}

async fn post(
    c: &reqwest::Client,
    app: &TestApp,
    path: &str,
    form: &[(&str, &str)],
) -> (u16, String) {
    let res = c.post(app.url(path)).form(form).send().await.unwrap();
    let status = res.status().as_u16();
    (status, res.text().await.unwrap_or_default())
}

async fn get(c: &reqwest::Client, app: &TestApp, path: &str) -> (u16, String) {
    let res = c.get(app.url(path)).send().await.unwrap();
    let status = res.status().as_u16();
    (status, res.text().await.unwrap_or_default())
}

fn line_form<'a>(
    version: &'a str,
    description: &'a str,
    quantity: &'a str,
    price: &'a str,
) -> Vec<(&'a str, &'a str)> {
    vec![
        ("version", version),
        ("description", description),
        ("quantity", quantity),
        ("unit", "HUR"),
        ("unit_price", price),
        ("vat", "S2500"),
        ("exemption_reason", ""),
    ]
}

db_test!(draft_edit_issue_and_credit_through_the_pages, |app| {
    let customer = buyer(app, "Fjordkraft Bemanning AS").await;
    let admin = app.admin().await;
    let res = admin
        .post(app.url("/invoices/new"))
        .form(&[("customer_id", customer.to_string())])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303);
    let location = res.headers()["location"].to_str().unwrap().to_string();
    let id: i64 = location.trim_start_matches("/invoices/").parse().unwrap();
    // Two lines: 7,5 h × 450,00 and 1 × 1 234,50.
    let v = version(app, id).await.to_string();
    let (status, _) = post(
        &admin,
        app,
        &format!("/invoices/{id}/lines"),
        &line_form(&v, "Lagermedarbeider", "7,5", "450"),
    )
    .await;
    assert_eq!(status, 303);
    let v = version(app, id).await.to_string();
    let (status, _) = post(
        &admin,
        app,
        &format!("/invoices/{id}/lines"),
        &line_form(&v, "Kurs", "1", "1 234,50"),
    )
    .await;
    assert_eq!(status, 303);
    let lines = store::lines(&app.db, id).await.unwrap();
    assert_eq!(lines.len(), 2);
    assert_eq!(lines[1].unit_price_ore, 123_450);
    // Change the first line, remove nothing yet; references.
    let v = version(app, id).await.to_string();
    let (status, _) = post(
        &admin,
        app,
        &format!("/invoices/{id}/lines/{}", lines[0].id),
        &line_form(&v, "Lagermedarbeider natt", "8", "450"),
    )
    .await;
    assert_eq!(status, 303);
    let v = version(app, id).await.to_string();
    let (status, _) = post(
        &admin,
        app,
        &format!("/invoices/{id}/references"),
        &[
            ("version", v.as_str()),
            ("buyer_reference", "Kari Nordmann"),
            ("order_reference", "PO-77"),
        ],
    )
    .await;
    assert_eq!(status, 303);
    let (status, page) = get(&admin, app, &format!("/invoices/{id}")).await;
    assert_eq!(status, 200);
    // 8 × 450 + 1 234,50 = 4 834,50; 25 % = 1 208,63 (rounded once); total 6 043,13.
    assert!(page.contains("Lagermedarbeider natt"), "{page}");
    assert!(page.contains("4\u{a0}834,50"));
    assert!(page.contains("1\u{a0}208,63"));
    assert!(page.contains("6\u{a0}043,13"));
    assert!(page.contains("id=\"vat-summary\""));
    assert!(page.contains("PO-77"));
    // The confirm step shows the due date; issuing.
    let (status, confirm) = get(&admin, app, &format!("/invoices/{id}/issue")).await;
    assert_eq!(status, 200);
    let due = today() + Duration::days(14);
    assert!(confirm.contains(&format!(
        "{:02}.{:02}.{}",
        due.day(),
        u8::from(due.month()),
        due.year()
    )));
    let v = version(app, id).await.to_string();
    let (status, _) = post(
        &admin,
        app,
        &format!("/invoices/{id}/issue"),
        &[("version", v.as_str())],
    )
    .await;
    assert_eq!(status, 303);
    let inv = store::get(&app.db, id).await.unwrap().unwrap();
    assert_eq!(inv.status, "issued");
    assert_eq!(inv.total_ore, Some(604_313));
    let (_, page) = get(&admin, app, &format!("/invoices/{id}")).await;
    assert!(page.contains("href=\"/invoices/") && page.contains("/pdf\""));
    assert!(page.contains("/ehf.xml\""));
    assert!(page.contains(&format!("/invoices/{id}/payments/new")));
    assert!(
        !page.contains("id=\"line-edit\""),
        "no line form once issued"
    );
    // Credit the second line.
    let second = lines[1].id.to_string();
    let (status, _) = post(
        &admin,
        app,
        &format!("/invoices/{id}/credit"),
        &[
            ("reason", ""),
            ("scope", "lines"),
            ("line", second.as_str()),
        ],
    )
    .await;
    assert_eq!(status, 422, "a reason is required");
    let res = admin
        .post(app.url(&format!("/invoices/{id}/credit")))
        .form(&[
            ("reason", "Kurset ble avlyst"),
            ("scope", "lines"),
            ("line", second.as_str()),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303);
    let note: i64 = res.headers()["location"]
        .to_str()
        .unwrap()
        .trim_start_matches("/invoices/")
        .parse()
        .unwrap();
    let credit_note = store::get(&app.db, note).await.unwrap().unwrap();
    assert_eq!(credit_note.kind, "credit_note");
    assert_eq!(credit_note.credited_invoice_id, Some(id));
    // 1 234,50 + 25 % (308,63) credited.
    assert_eq!(credit_note.total_ore, Some(-154_313));
    let (_, page) = get(&admin, app, &format!("/invoices/{id}")).await;
    assert!(page.contains("id=\"credit-notes\""));
    assert!(page.contains(&format!("/invoices/{note}")));
    assert!(page.contains("1\u{a0}543,13"), "credited amount shown");
    assert!(page.contains("4\u{a0}500,00"), "outstanding shown");
    let (_, note_page) = get(&admin, app, &format!("/invoices/{note}")).await;
    assert!(note_page.contains("Kurset ble avlyst"));
    assert!(note_page.contains("id=\"credited-invoice\""));
    // The tab and the list show both documents.
    let (status, tab) = get(&admin, app, &format!("/customers/{customer}/invoices")).await;
    assert_eq!(status, 200);
    assert!(tab.contains(&format!("id=\"invoice-{id}\"")));
    assert!(tab.contains(&format!("id=\"invoice-{note}\"")));
    assert!(tab.contains("id=\"new-invoice\""));
    let (status, list) = get(&admin, app, "/invoices").await;
    assert_eq!(status, 200);
    assert!(list.contains(&format!("id=\"invoice-{id}\"")));
    assert!(list.contains("Fjordkraft Bemanning AS"));
});

db_test!(bad_input_and_stale_versions_keep_what_was_typed, |app| {
    let customer = buyer(app, "Havbruk Service AS").await;
    let (id, _) = draft(app, customer, &[line("Fôring", 1000, 10_000)]).await;
    let admin = app.admin().await;
    let v = version(app, id).await.to_string();
    let (status, page) = post(
        &admin,
        app,
        &format!("/invoices/{id}/lines"),
        &line_form(&v, "Dykker", "mange", "12x"),
    )
    .await;
    assert_eq!(status, 422);
    assert!(page.contains("Skriv antallet som et tall"), "{page}");
    assert!(page.contains("Skriv prisen i kroner"));
    assert!(page.contains("value=\"mange\""));
    assert!(page.contains("value=\"12x\""));
    assert!(page.contains("value=\"Dykker\""));
    // E without a reason: the store's message.
    let mut form = line_form(&v, "Helsetjeneste", "1", "100");
    form[5] = ("vat", "E");
    let (status, page) = post(&admin, app, &format!("/invoices/{id}/lines"), &form).await;
    assert_eq!(status, 422);
    assert!(page.contains("krever en begrunnelse"));
    // A stale version: refused, typed values kept, nothing added.
    let stale = (version(app, id).await - 1).to_string();
    let (status, page) = post(
        &admin,
        app,
        &format!("/invoices/{id}/lines"),
        &line_form(&stale, "Nattskift", "3", "500"),
    )
    .await;
    assert_eq!(status, 409);
    assert!(page.contains("i mellomtiden"));
    assert!(page.contains("value=\"Nattskift\""));
    assert_eq!(store::lines(&app.db, id).await.unwrap().len(), 1);
    // English.
    sqlx::query("UPDATE users SET locale = 'en' WHERE id = $1")
        .bind(app.fx.admin)
        .execute(&app.db.pool)
        .await
        .unwrap();
    let en = app.login("admin@test.no").await;
    let (status, page) = post(
        &en,
        app,
        &format!("/invoices/{id}/lines"),
        &line_form(&v, "Dykker", "x", "1"),
    )
    .await;
    assert_eq!(status, 422);
    assert!(page.contains("Write the quantity as a number"), "{page}");
});

db_test!(access_out_of_sight_prepare_and_finance, |app| {
    let customer = buyer(app, "Oslo Lager AS").await;
    let (id, _) = draft(app, customer, &[line("Lager", 1000, 10_000)]).await;
    // Berit (Bergen) does not see an Oslo customer: 404 everywhere.
    let berit = app.login("berit@test.no").await;
    for path in [
        format!("/invoices/{id}"),
        format!("/customers/{customer}/invoices"),
        format!("/invoices/{id}/issue"),
        format!("/invoices/{id}/credit"),
    ] {
        assert_eq!(get(&berit, app, &path).await.0, 404, "{path}");
    }
    let v = version(app, id).await.to_string();
    assert_eq!(
        post(
            &berit,
            app,
            &format!("/invoices/{id}/lines"),
            &line_form(&v, "X", "1", "1")
        )
        .await
        .0,
        404
    );
    assert_eq!(
        post(
            &berit,
            app,
            "/invoices/new",
            &[("customer_id", customer.to_string().as_str())]
        )
        .await
        .0,
        404
    );
    let (_, list) = get(&berit, app, "/invoices").await;
    assert!(
        !list.contains(&format!("id=\"invoice-{id}\"")),
        "the list is scoped"
    );
    // Ola (Oslo consultant) prepares: new draft and lines, but may not issue.
    let ola = app.login("ola@test.no").await;
    assert_eq!(
        post(
            &ola,
            app,
            "/invoices/new",
            &[("customer_id", customer.to_string().as_str())]
        )
        .await
        .0,
        303
    );
    assert_eq!(
        post(
            &ola,
            app,
            &format!("/invoices/{id}/lines"),
            &line_form(&v, "Truckfører", "2", "500")
        )
        .await
        .0,
        303
    );
    let v = version(app, id).await.to_string();
    assert_eq!(
        get(&ola, app, &format!("/invoices/{id}/issue")).await.0,
        403
    );
    assert_eq!(
        post(
            &ola,
            app,
            &format!("/invoices/{id}/issue"),
            &[("version", v.as_str())]
        )
        .await
        .0,
        403
    );
    assert_eq!(
        store::get(&app.db, id).await.unwrap().unwrap().status,
        "draft"
    );
    // Lise (Oslo manager) issues; Ola may not credit it.
    let lise = app.login("leder@test.no").await;
    assert_eq!(
        post(
            &lise,
            app,
            &format!("/invoices/{id}/issue"),
            &[("version", v.as_str())]
        )
        .await
        .0,
        303
    );
    assert_eq!(
        store::get(&app.db, id).await.unwrap().unwrap().status,
        "issued"
    );
    assert_eq!(
        get(&ola, app, &format!("/invoices/{id}/credit")).await.0,
        403
    );
    assert_eq!(
        post(
            &ola,
            app,
            &format!("/invoices/{id}/credit"),
            &[("reason", "x"), ("scope", "whole")]
        )
        .await
        .0,
        403
    );
    // Only admins keep the price list.
    assert_eq!(get(&lise, app, "/admin/invoice-items").await.0, 403);
    assert_eq!(
        post(&ola, app, "/admin/invoice-items", &[("name", "X")])
            .await
            .0,
        403
    );
});

db_test!(
    an_issued_invoice_cannot_be_changed_through_any_route,
    |app| {
        let customer = buyer(app, "Fast Faktura AS").await;
        let id = issued(app, customer, &[line("Lager", 1000, 10_000)], today()).await;
        let before = store::get(&app.db, id).await.unwrap().unwrap();
        let lines_before = store::lines(&app.db, id).await.unwrap();
        let line_id = lines_before[0].id;
        let v = before.version.to_string();
        let admin = app.admin().await;
        let attempts: Vec<(String, Vec<(&str, &str)>)> = vec![
            (
                format!("/invoices/{id}/lines"),
                line_form(&v, "Ny", "1", "1"),
            ),
            (
                format!("/invoices/{id}/lines/{line_id}"),
                line_form(&v, "Endret", "1", "1"),
            ),
            (
                format!("/invoices/{id}/lines/{line_id}/remove"),
                vec![("version", v.as_str())],
            ),
            (
                format!("/invoices/{id}/references"),
                vec![
                    ("version", v.as_str()),
                    ("buyer_reference", "Ny"),
                    ("order_reference", ""),
                ],
            ),
            (
                format!("/invoices/{id}/delete"),
                vec![("version", v.as_str())],
            ),
            (
                format!("/invoices/{id}/issue"),
                vec![("version", v.as_str())],
            ),
        ];
        for (path, form) in attempts {
            let (status, page) = post(&admin, app, &path, &form).await;
            assert_eq!(status, 409, "{path}");
            assert!(
                page.contains("kreditnota") || page.contains("Rett den"),
                "{path}: {page}"
            );
        }
        assert_eq!(store::get(&app.db, id).await.unwrap().unwrap(), before);
        assert_eq!(store::lines(&app.db, id).await.unwrap(), lines_before);
    }
);

db_test!(
    a_draft_can_be_deleted_and_po_required_refuses_issue,
    |app| {
        let customer = buyer(app, "Innkjøp Krever AS").await;
        sqlx::query(
            "INSERT INTO invoice_settings (customer_id, po_required, updated_at) VALUES ($1, 1, 0)",
        )
        .bind(customer)
        .execute(&app.db.pool)
        .await
        .unwrap();
        let (id, v) = draft(app, customer, &[line("Lager", 1000, 10_000)]).await;
        // The store refuses, naming the field.
        let mut tx = app.db.begin().await.unwrap();
        match store::issue(&mut tx, id, v, app.fx.admin, today()).await {
            Err(AppError::Invalid(f)) => assert!(f.get("order_reference").is_some()),
            other => panic!("expected refusal, got {other:?}"),
        }
        drop(tx);
        // The page shows the refusal with the link to the invoice details.
        let admin = app.admin().await;
        let (status, page) = get(&admin, app, &format!("/invoices/{id}/issue")).await;
        assert_eq!(status, 200);
        assert!(
            page.contains("bestillingsnummer på alle fakturaer"),
            "{page}"
        );
        assert!(page.contains(&format!("/customers/{customer}/invoice-settings")));
        assert!(!page.contains("id=\"confirm-issue\""));
        let vs = v.to_string();
        let (status, _) = post(
            &admin,
            app,
            &format!("/invoices/{id}/issue"),
            &[("version", vs.as_str())],
        )
        .await;
        assert_eq!(status, 422);
        // With an order reference it is issued.
        let mut tx = app.db.begin().await.unwrap();
        let v = store::update_references(&mut tx, id, v, "", "PO-1", app.fx.admin)
            .await
            .unwrap();
        store::issue(&mut tx, id, v, app.fx.admin, today())
            .await
            .unwrap();
        tx.commit().await.unwrap();
        // A draft is deleted (lines too); back to the tab.
        let (other, _) = draft(app, customer, &[line("Kurs", 1000, 10_000)]).await;
        let ov = version(app, other).await.to_string();
        let res = admin
            .post(app.url(&format!("/invoices/{other}/delete")))
            .form(&[("version", ov.as_str())])
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 303);
        assert_eq!(
            res.headers()["location"],
            format!("/customers/{customer}/invoices").as_str()
        );
        assert!(store::get(&app.db, other).await.unwrap().is_none());
        assert!(store::lines(&app.db, other).await.unwrap().is_empty());
    }
);

db_test!(
    list_status_filters_agree_with_derive_and_search_finds,
    |app| {
        let a = buyer(app, "Alfa AS").await;
        let b = buyer(app, "Beta AS").await;
        let past = today() - Duration::days(30);
        let l = |p| [line("Arbeid", 1000, p)];
        // 10 000,00 + 25 % = 12 500,00 each.
        let draft_id = draft(app, a, &l(1_000_000)).await.0;
        let open = issued(app, a, &l(1_000_000), today()).await;
        let overdue = issued(app, a, &l(1_000_000), past).await;
        let partly = issued(app, b, &l(1_000_000), today()).await;
        let paid = issued(app, b, &l(1_000_000), past).await;
        let sent = issued(app, b, &l(2_000_000), today()).await;
        let credited = issued(app, b, &l(1_000_000), today()).await;
        let mut tx = app.db.begin().await.unwrap();
        state::add_paid(&mut tx, partly, 500_000, "2026-12-01")
            .await
            .unwrap();
        state::add_paid(&mut tx, paid, 1_250_000, "2026-12-01")
            .await
            .unwrap();
        state::delivered(&mut tx, sent, "sent", None).await.unwrap();
        let note = kundekort::invoices::credit::credit_whole(
            &mut tx,
            credited,
            "Feil",
            app.fx.admin,
            today(),
        )
        .await
        .unwrap()
        .id;
        tx.commit().await.unwrap();
        let all = list::rows(&app.db, Visibility::All, &ListParams::default(), 0, 100)
            .await
            .unwrap();
        assert_eq!(all.len(), 8);
        for status in Status::ALL {
            let p = ListParams {
                status: status.code().into(),
                ..Default::default()
            };
            let mut by_sql: Vec<i64> = list::rows(&app.db, Visibility::All, &p, 0, 100)
                .await
                .unwrap()
                .iter()
                .map(|r| r.id)
                .collect();
            let mut by_rust: Vec<i64> = all
                .iter()
                .filter(|r| r.shown_status() == status)
                .map(|r| r.id)
                .collect();
            by_sql.sort();
            by_rust.sort();
            assert_eq!(by_sql, by_rust, "{status:?}");
        }
        let ids = |rows: Vec<list::Row>| rows.iter().map(|r| r.id).collect::<Vec<_>>();
        let one = |status: &str| ListParams {
            status: status.into(),
            ..Default::default()
        };
        assert_eq!(
            ids(list::rows(&app.db, Visibility::All, &one("draft"), 0, 9)
                .await
                .unwrap()),
            [draft_id]
        );
        assert_eq!(
            ids(list::rows(&app.db, Visibility::All, &one("overdue"), 0, 9)
                .await
                .unwrap()),
            [overdue]
        );
        assert_eq!(
            ids(
                list::rows(&app.db, Visibility::All, &one("partly_paid"), 0, 9)
                    .await
                    .unwrap()
            ),
            [partly]
        );
        assert_eq!(
            ids(list::rows(&app.db, Visibility::All, &one("paid"), 0, 9)
                .await
                .unwrap()),
            [paid]
        );
        assert_eq!(
            ids(list::rows(&app.db, Visibility::All, &one("credited"), 0, 9)
                .await
                .unwrap()),
            [credited]
        );
        let mut issued_ids = ids(list::rows(&app.db, Visibility::All, &one("issued"), 0, 9)
            .await
            .unwrap());
        issued_ids.sort();
        assert_eq!(issued_ids, [open, note]);
        assert_eq!(
            ids(list::rows(&app.db, Visibility::All, &one("sent"), 0, 9)
                .await
                .unwrap()),
            [sent]
        );
        // Search: amount as people write it, number, KID.
        let search = |q: &str| ListParams {
            q: q.into(),
            ..Default::default()
        };
        let found = ids(
            list::rows(&app.db, Visibility::All, &search("25 000"), 0, 9)
                .await
                .unwrap(),
        );
        assert_eq!(found, [sent]);
        let found = ids(
            list::rows(&app.db, Visibility::All, &search("25000,00"), 0, 9)
                .await
                .unwrap(),
        );
        assert_eq!(found, [sent]);
        let inv = store::get(&app.db, overdue).await.unwrap().unwrap();
        let kid = inv.kid.clone().unwrap();
        assert_eq!(
            ids(list::rows(&app.db, Visibility::All, &search(&kid), 0, 9)
                .await
                .unwrap()),
            [overdue]
        );
        let by_number = ids(list::rows(
            &app.db,
            Visibility::All,
            &search(&inv.number.unwrap().to_string()),
            0,
            9,
        )
        .await
        .unwrap());
        assert!(by_number.contains(&overdue));
        // Customer and period filters; sums.
        let p = ListParams {
            customer: a.to_string(),
            ..Default::default()
        };
        let mut of_a = ids(list::rows(&app.db, Visibility::All, &p, 0, 9)
            .await
            .unwrap());
        of_a.sort();
        assert_eq!(of_a, [draft_id, open, overdue]);
        let p = ListParams {
            to: date_string(past),
            ..Default::default()
        };
        let mut old = ids(list::rows(&app.db, Visibility::All, &p, 0, 9)
            .await
            .unwrap());
        old.sort();
        assert_eq!(old, [overdue, paid]);
        let sums = list::sums(&app.db, Visibility::All, &p).await.unwrap();
        assert_eq!(sums.invoiced, Some(2_500_000));
        assert_eq!(sums.outstanding, Some(1_250_000));
        assert_eq!(sums.overdue, Some(1_250_000));
        // The list page and its exports.
        let admin = app.admin().await;
        let (status, page) = get(&admin, app, "/invoices?status=overdue").await;
        assert_eq!(status, 200);
        // The firm-wide list's sums come after the page, for the same filters.
        assert!(
            page.contains("hx-get=\"/invoices/sums?status=overdue\""),
            "sums fetched after the page"
        );
        let (status, fragment) = get(
            &admin,
            app,
            &format!("/invoices/sums?to={}", date_string(past)),
        )
        .await;
        assert_eq!(status, 200);
        assert!(
            fragment.contains("id=\"sum-invoiced\">25\u{a0}000,00<"),
            "{fragment}"
        );
        assert!(
            fragment.contains("id=\"sum-outstanding\">12\u{a0}500,00<"),
            "{fragment}"
        );
        assert!(
            fragment.contains("id=\"sum-overdue\">12\u{a0}500,00<"),
            "{fragment}"
        );
        assert!(page.contains(&format!("id=\"invoice-{overdue}\"")));
        assert!(!page.contains(&format!("id=\"invoice-{open}\"")));
        let res = admin
            .get(app.url("/invoices/export.csv?status=overdue"))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 200);
        let csv = res.text().await.unwrap();
        assert_eq!(csv.lines().count(), 2, "{csv}");
        assert!(csv.contains(&kid));
        let res = admin
            .get(app.url("/invoices/export.xlsx"))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 200);
        assert!(
            res.headers()["content-type"]
                .to_str()
                .unwrap()
                .contains("spreadsheetml")
        );
        assert!(res.bytes().await.unwrap().starts_with(b"PK"));
    }
);

db_test!(price_list_fills_a_line, |app| {
    let admin = app.admin().await;
    let (status, page) = post(
        &admin,
        app,
        "/admin/invoice-items",
        &[
            ("name", "Rekrutteringshonorar"),
            ("unit", "LS"),
            ("unit_price", "25 000,5x"),
            ("vat", "S2500"),
        ],
    )
    .await;
    assert_eq!(status, 422);
    assert!(page.contains("value=\"25 000,5x\""));
    let (status, _) = post(
        &admin,
        app,
        "/admin/invoice-items",
        &[
            ("name", "Rekrutteringshonorar"),
            ("unit", "LS"),
            ("unit_price", "25 000"),
            ("vat", "S2500"),
        ],
    )
    .await;
    assert_eq!(status, 303);
    let (status, page) = post(
        &admin,
        app,
        "/admin/invoice-items",
        &[
            ("name", "Rekrutteringshonorar"),
            ("unit", "LS"),
            ("unit_price", "1"),
            ("vat", "S2500"),
        ],
    )
    .await;
    assert_eq!(status, 422, "names are unique");
    assert!(page.contains("allerede en vare"));
    let (item,): (i64,) =
        sqlx::query_as("SELECT id FROM invoice_items WHERE name = 'Rekrutteringshonorar'")
            .fetch_one(&app.db.pool)
            .await
            .unwrap();
    let customer = buyer(app, "Pris AS").await;
    let (id, _) = draft(app, customer, &[]).await;
    let (status, page) = get(&admin, app, &format!("/invoices/{id}?item={item}")).await;
    assert_eq!(status, 200);
    assert!(page.contains("value=\"Rekrutteringshonorar\""));
    assert!(page.contains("value=\"25000\""));
    assert!(page.contains("<option value=\"LS\" selected"));
});
