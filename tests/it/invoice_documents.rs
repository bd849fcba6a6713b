//! Invoice documents (decision 0027): the EHF of invoices and credit notes issued through the
//! store passes the EHF validator; the PDF carries what § 5-1-1 asks for, in the customer's
//! language; the routes answer 404 for drafts and customers out of sight; the PDF job stores the
//! file; `/admin/invoicing` shows the seller for admins only; the portal shows a company its own
//! issued invoices and nothing else.

use kundekort::{
    customers::model::CustomerDraft,
    invoices::{
        credit::credit_lines,
        documents::{self, ehf::ehf},
        model::LineInput,
        store,
    },
};
use time::macros::date;

use crate::db_test;
use crate::support::{TestApp, fixtures::contact, timesheets::portal};

const TODAY: time::Date = date!(2026 - 12 - 02);

/// A customer in Oslo with organisation number and postal address.
async fn buyer(app: &TestApp, name: &str, org: &str) -> i64 {
    app.customer(CustomerDraft {
        name: name.into(),
        org_number: org.into(),
        status: "active".into(),
        postal_street: "Postboks 900".into(),
        postal_postal_code: "0150".into(),
        owner_id: app.fx.consultant_oslo.to_string(),
        department_id: app.fx.oslo.to_string(),
        ..Default::default()
    })
    .await
}

fn line(
    description: &str,
    quantity_milli: i64,
    price_ore: i64,
    category: &str,
    rate_bp: i64,
) -> LineInput {
    LineInput {
        description: description.into(),
        quantity_milli,
        unit_code: "HUR".into(),
        unit_price_ore: price_ore,
        vat_category: category.into(),
        vat_rate_bp: rate_bp,
        exemption_reason: (category == "E")
            .then(|| "Unntatt etter merverdiavgiftsloven § 3-5".into()),
    }
}

/// A draft with `lines`; its id, its line ids and version.
async fn draft(app: &TestApp, customer: i64, lines: &[LineInput]) -> (i64, Vec<i64>, i64) {
    let user = app.fx.admin;
    let mut tx = app.db.begin().await.unwrap();
    let id = store::create_draft(
        &mut tx,
        customer,
        Some("Kari Nordmann"),
        Some("PO-77"),
        user,
    )
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

/// An issued invoice with `lines` (the configured KID rule); its id, line ids and number.
async fn issued(app: &TestApp, customer: i64, lines: &[LineInput]) -> (i64, Vec<i64>, i64) {
    let (id, ids, version) = draft(app, customer, lines).await;
    let mut tx = app.db.begin().await.unwrap();
    let issued = store::issue_with(
        &mut tx,
        id,
        version,
        app.fx.admin,
        TODAY,
        &app.state.config.seller.kid_rule,
    )
    .await
    .unwrap();
    tx.commit().await.unwrap();
    (id, ids, issued.number)
}

async fn xml(app: &TestApp, id: i64) -> Option<String> {
    let mut conn = app.db.pool.acquire().await.unwrap();
    ehf(&mut conn, id, &app.state.config.seller)
        .await
        .unwrap()
        .map(|x| String::from_utf8(x).unwrap())
}

/// The PDF routes' answer: the file, or 503 in a build without the `pdf` feature.
const PDF_OK: u16 = if documents::pdf::AVAILABLE { 200 } else { 503 };

/// The text of every page of a PDF.
#[cfg(feature = "pdf")]
fn pdf_text(bytes: &[u8]) -> String {
    let doc = lopdf::Document::load_mem(bytes).expect("a PDF");
    let pages: Vec<u32> = doc.get_pages().keys().copied().collect();
    doc.extract_text(&pages).expect("text")
}

/// Whitespace (also no-break spaces) folded, so table cells and grouped numbers compare.
#[cfg(feature = "pdf")]
fn folded(text: &str) -> String {
    text.split(|c: char| c.is_whitespace() || c == '\u{a0}')
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

db_test!(
    ehf_of_stored_invoices_and_credit_notes_passes_the_validator,
    |app| {
        let customer = buyer(app, "Nordlys <Elektro> & Co AS", "974760673").await;
        let (rates, rate_lines, rates_number) = issued(
            app,
            customer,
            &[
                line("Lagermedarbeider", 150_500, 45_050, "S", 2500),
                line("Truckkurs", 1_000, 1_234_567, "S", 1500),
                line("Kantine", 3_000, 8_950, "S", 1200),
                line("Eksport av tjeneste", 2_000, 80_000, "Z", 0),
                line("Kurs for arbeidsledige", 1_000, 350_000, "E", 0),
            ],
        )
        .await;
        let (reverse, _, _) = issued(
            app,
            customer,
            &[line("Klimakvoter", 10_000, 12_500, "AE", 0)],
        )
        .await;
        let (outside, _, _) = issued(app, customer, &[line("Utlegg", 1_000, 25_000, "O", 0)]).await;
        // Rounding: half-øre lines (1,5 × 3,33 = 4,995), thirds, many tiny lines, a deduction.
        let mut small: Vec<LineInput> =
            (0..41).map(|_| line("Kopi", 1_000, 2, "S", 2500)).collect();
        small.push(line("Halvt øre", 1_500, 333, "S", 1500));
        small.push(line("Tredel", 333, 15, "S", 1200));
        small.push(line("Rabatt", -1_000, 1_001, "S", 2500));
        small.push(line("Timer", 7_333, 65_055, "S", 2500));
        let (rounding, _, _) = issued(app, customer, &small).await;
        // A partial credit note: the course and the canteen.
        let mut tx = app.db.begin().await.unwrap();
        let credit = credit_lines(
            &mut tx,
            rates,
            &rate_lines[1..3],
            "Kurset og kantinen var feilført",
            app.fx.admin,
            date!(2026 - 12 - 10),
        )
        .await
        .unwrap();
        tx.commit().await.unwrap();

        let dir = tempfile::tempdir().unwrap();
        let mut files = Vec::new();
        for (name, id) in [
            ("rates", rates),
            ("reverse", reverse),
            ("outside", outside),
            ("rounding", rounding),
            ("credit", credit.id),
        ] {
            let text = xml(app, id)
                .await
                .unwrap_or_else(|| panic!("{name}: no EHF"));
            if name != "outside" {
                assert!(
                    text.contains("<cbc:CompanyID>NO123456785MVA</cbc:CompanyID>"),
                    "{name}"
                );
            }
            assert!(
                text.contains("<cbc:CompanyID>Foretaksregisteret</cbc:CompanyID>"),
                "{name}"
            );
            assert!(text.contains("974760673"), "{name}");
            let path = dir.path().join(format!("{name}.xml"));
            std::fs::write(&path, &text).unwrap();
            files.push(path);
        }
        let credit_xml = xml(app, credit.id).await.unwrap();
        assert!(credit_xml.contains("<CreditNote"));
        assert!(credit_xml.contains("<cac:BillingReference>"));
        assert!(credit_xml.contains(&format!("<cbc:ID>{rates_number}</cbc:ID>")));
        assert!(credit_xml.contains("Kurset og kantinen var feilført"));
        // The credit note states what it credits as positive amounts: 12 345,67 + 15 % and
        // 3 × 89,50 + 12 % = 14 197,52 + 300,72.
        assert!(
            credit_xml.contains(">14498.24</cbc:TaxInclusiveAmount>"),
            "{credit_xml}"
        );
        let rates_xml = xml(app, rates).await.unwrap();
        assert!(rates_xml.contains("<cbc:PaymentID>"));
        assert!(rates_xml.contains("86011117947"));
        assert!(rates_xml.contains("Nordlys &lt;Elektro&gt; &amp; Co AS"));
        if let Some((ok, report)) = crate::ehf::validate(&files) {
            assert!(ok, "{report}");
        }

        // A draft has no EHF.
        let (draft_id, _, _) = draft(app, customer, &[line("Utkast", 1_000, 100, "S", 2500)]).await;
        assert!(xml(app, draft_id).await.is_none());
    }
);

#[cfg(feature = "pdf")]
db_test!(
    pdf_has_what_the_bookkeeping_regulation_asks_in_both_languages,
    |app| {
        let customer = buyer(app, "Nordlys Elektro AS", "974760673").await;
        let (id, ids, number) = issued(
            app,
            customer,
            &[
                line("Lagermedarbeider", 7_500, 45_000, "S", 2500),
                line("Kantine", 1_000, 10_001, "S", 1500),
            ],
        )
        .await;
        let inv = store::get(&app.db, id).await.unwrap().unwrap();
        let admin = app.admin().await;
        let res = admin
            .get(app.url(&format!("/invoices/{id}/pdf")))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 200);
        assert_eq!(res.headers()["content-type"], "application/pdf");
        let text = folded(&pdf_text(&res.bytes().await.unwrap()));
        for expected in [
            "Faktura",
            &number.to_string(),
            "02.12.2026",
            "16.12.2026",
            "Demo Bemanning AS",
            "123 456 785 MVA",
            "Foretaksregisteret",
            "Nordlys Elektro AS",
            "Postboks 900",
            "0150",
            "974 760 673",
            "Kari Nordmann",
            "PO-77",
            "Lagermedarbeider",
            "Kantine",
            "25,0 %",
            "15,0 %",
            "3 375,00",
            "843,75",
            // 3 375,00 + 100,01 + 843,75 + 15,00
            "4 333,76",
            inv.kid.as_deref().unwrap(),
            "8601.11.17947",
            "Å betale",
        ] {
            assert!(text.contains(expected), "{expected:?} missing from {text}");
        }

        // The customer's language: English.
        sqlx::query(
            "INSERT INTO invoice_settings (customer_id, invoice_language, updated_at) \
             VALUES ($1, 'en', 0)",
        )
        .bind(customer)
        .execute(&app.db.pool)
        .await
        .unwrap();
        let mut tx = app.db.begin().await.unwrap();
        let credit = credit_lines(&mut tx, id, &ids[..1], "Wrong hours", app.fx.admin, TODAY)
            .await
            .unwrap();
        tx.commit().await.unwrap();
        let res = admin
            .get(app.url(&format!("/invoices/{}/pdf", credit.id)))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 200);
        let text = folded(&pdf_text(&res.bytes().await.unwrap()));
        for expected in [
            "Credit note",
            "Credits invoice",
            &number.to_string(),
            "Wrong hours",
            "Foretaksregisteret",
            "123 456 785 MVA",
            "Nordlys Elektro AS",
            "Credited to you",
            // 3 375,00 + 843,75
            "4 218,75",
        ] {
            assert!(text.contains(expected), "{expected:?} missing from {text}");
        }
        assert!(!text.contains("Faktura"), "{text}");
    }
);

#[cfg(feature = "pdf")]
db_test!(pdf_is_rendered_by_the_job_and_kept, |app| {
    let customer = buyer(app, "Nordlys Elektro AS", "974760673").await;
    let (id, _, _) = issued(
        app,
        customer,
        &[line("Lagermedarbeider", 7_500, 45_000, "S", 2500)],
    )
    .await;
    assert_eq!(
        crate::support::fixtures::count(
            app,
            &format!(
                "SELECT COUNT(*) FROM jobs WHERE kind = '{}'",
                documents::PDF_KIND
            )
        )
        .await,
        1
    );
    assert!(
        app.state
            .files
            .bytes(&documents::pdf_key(id))
            .await
            .is_err()
    );
    crate::support::fixtures::run_worker(app).await;
    let stored = app
        .state
        .files
        .bytes(&documents::pdf_key(id))
        .await
        .unwrap();
    assert!(stored.starts_with(b"%PDF"));
    let counts = kundekort::jobs::counts(&app.state, documents::PDF_KIND)
        .await
        .unwrap();
    assert_eq!(counts.failed, 0);
    // The route serves the stored file.
    let res = app
        .admin()
        .await
        .get(app.url(&format!("/invoices/{id}/pdf")))
        .send()
        .await
        .unwrap();
    assert_eq!(res.bytes().await.unwrap().as_ref(), stored.as_slice());
});

db_test!(
    document_routes_refuse_drafts_and_customers_out_of_sight,
    |app| {
        let customer = buyer(app, "Nordlys Elektro AS", "974760673").await;
        let (id, _, _) = issued(
            app,
            customer,
            &[line("Lagermedarbeider", 7_500, 45_000, "S", 2500)],
        )
        .await;
        let (draft_id, _, _) = draft(app, customer, &[line("Utkast", 1_000, 100, "S", 2500)]).await;
        let ola = app.login("ola@test.no").await;
        let berit = app.login("berit@test.no").await;
        for (path, ok) in [("pdf", PDF_OK), ("ehf.xml", 200)] {
            let url = app.url(&format!("/invoices/{id}/{path}"));
            assert_eq!(ola.get(&url).send().await.unwrap().status(), ok, "{path}");
            // The Bergen consultant does not see the Oslo customer.
            assert_eq!(
                berit.get(&url).send().await.unwrap().status(),
                404,
                "{path}"
            );
            let url = app.url(&format!("/invoices/{draft_id}/{path}"));
            assert_eq!(ola.get(&url).send().await.unwrap().status(), 404, "{path}");
            let url = app.url(&format!("/invoices/999999/{path}"));
            assert_eq!(ola.get(&url).send().await.unwrap().status(), 404, "{path}");
        }
        let res = ola
            .get(app.url(&format!("/invoices/{id}/ehf.xml")))
            .send()
            .await
            .unwrap();
        assert_eq!(res.headers()["content-type"], "application/xml");
        // Not logged in: to the log-in page.
        let res = app
            .client()
            .get(app.url(&format!("/invoices/{id}/pdf")))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 303);
    }
);

db_test!(
    admin_invoicing_shows_the_seller_and_what_is_not_set,
    |app| {
        let res = app
            .admin()
            .await
            .get(app.url("/admin/invoicing"))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 200);
        let html = res.text().await.unwrap();
        assert!(html.contains("Demo Bemanning AS"));
        assert!(html.contains("KUNDEKORT_SELLER_NAME"));
        assert!(html.contains("id=\"invoicing-demo\""));
        assert!(html.contains("MOD10"));
        // Customer 1234, invoice 10001, 15 digits, MOD10.
        assert!(html.contains("00123400010001"), "{html}");
        let res = app
            .login("ola@test.no")
            .await
            .get(app.url("/admin/invoicing"))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 403);
    }
);

db_test!(portal_shows_a_company_its_own_issued_invoices_only, |app| {
    let mine = buyer(app, "Nordlys Elektro AS", "974760673").await;
    let other = buyer(app, "Fjordbygg AS", "987654325").await;
    let (id, _, number) = issued(
        app,
        mine,
        &[line("Lagermedarbeider", 7_500, 45_000, "S", 2500)],
    )
    .await;
    let (other_id, _, other_number) =
        issued(app, other, &[line("Tømrer", 7_500, 55_000, "S", 2500)]).await;
    let (draft_id, _, _) = draft(app, mine, &[line("Utkast", 1_000, 100, "S", 2500)]).await;
    let kari = contact(app, mine, "Kari", "Nordmann").await;
    let per = contact(app, mine, "Per", "Ås").await;
    let with_right = portal(app, kari, "view_invoices").await;
    let without = portal(app, per, "view_documents").await;

    let res = with_right
        .get(app.url("/portal/invoices"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    let html = res.text().await.unwrap();
    assert!(html.contains(&format!("id=\"portal-invoice-{id}\"")));
    assert!(html.contains(&format!("data-label=\"Nummer\">{number}</td>")));
    assert!(
        html.contains("4 218,75") || html.contains("4\u{a0}218,75"),
        "{html}"
    );
    assert!(html.contains("Utstedt"));
    assert!(!html.contains(&format!("portal-invoice-{other_id}\"")));
    assert!(!html.contains(&format!("portal-invoice-{draft_id}\"")));
    let _ = other_number;
    let home = with_right
        .get(app.url("/portal"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(home.contains("/portal/invoices"));

    let res = with_right
        .get(app.url(&format!("/portal/invoices/{id}/pdf")))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), PDF_OK);
    if PDF_OK == 200 {
        assert!(res.bytes().await.unwrap().starts_with(b"%PDF"));
    }
    for hidden in [other_id, draft_id, 999_999] {
        let res = with_right
            .get(app.url(&format!("/portal/invoices/{hidden}/pdf")))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 404, "{hidden}");
    }

    // Without the right: refused, and no link at home.
    assert_eq!(
        without
            .get(app.url("/portal/invoices"))
            .send()
            .await
            .unwrap()
            .status(),
        403
    );
    let res = without
        .get(app.url(&format!("/portal/invoices/{id}/pdf")))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 403);
    let home = without
        .get(app.url("/portal"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(!home.contains("/portal/invoices"));
});

#[cfg(feature = "pdf")]
db_test!(pdf_has_an_hours_appendix_for_lines_from_timesheets, |app| {
    use crate::support::timesheets::{december_lines, save, setup, week_53};
    let s = setup(app, false).await;
    sqlx::query(
        "UPDATE customers SET org_number = '974760673', postal_street = 'Postboks 900', \
         postal_postal_code = '0150', postal_city = 'OSLO' WHERE id = $1",
    )
    .bind(s.customer)
    .execute(&app.db.pool)
    .await
    .unwrap();
    sqlx::query("UPDATE workers SET name = 'Kari Arbeider' WHERE id = $1")
        .bind(s.worker)
        .execute(&app.db.pool)
        .await
        .unwrap();
    let (december, _) = week_53(app, &s).await;
    save(
        app,
        december,
        &december_lines(),
        &kundekort::timesheets::store::By::staff(app.fx.admin),
    )
    .await
    .unwrap();
    let (id, lines, version) = draft(
        app,
        s.customer,
        &[line("Betongarbeider uke 53", 34_000, 45_000, "S", 2500)],
    )
    .await;
    // The invoice run (not built here) sets the line's timesheet; here by hand, on the draft.
    sqlx::query("UPDATE invoice_lines SET timesheet_id = $1 WHERE id = $2")
        .bind(december)
        .bind(lines[0])
        .execute(&app.db.pool)
        .await
        .unwrap();
    let mut tx = app.db.begin().await.unwrap();
    store::issue(&mut tx, id, version, app.fx.admin, TODAY)
        .await
        .unwrap();
    tx.commit().await.unwrap();
    let res = app
        .admin()
        .await
        .get(app.url(&format!("/invoices/{id}/pdf")))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    let text = folded(&pdf_text(&res.bytes().await.unwrap()));
    for expected in [
        "Timespesifikasjon for faktura",
        "28.12.2026",
        "30.12.2026",
        "31.12.2026",
        "Kari Arbeider",
        "7,5",
        "11,5",
    ] {
        assert!(text.contains(expected), "{expected:?} missing from {text}");
    }
});

db_test!(
    an_invoice_without_reference_gets_a_clear_ehf_answer_and_ehf_customers_need_one,
    |app| {
        let customer = buyer(app, "Nordlys Elektro AS", "974760673").await;
        // Issued for email (no invoice settings: the default) with neither a buyer reference
        // (BT-10) nor a purchase order (BT-13): allowed, but EHF cannot be written for it.
        let user = app.fx.admin;
        let mut tx = app.db.begin().await.unwrap();
        let id = store::create_draft(&mut tx, customer, None, None, user)
            .await
            .unwrap();
        let (_, version) = store::add_line(
            &mut tx,
            id,
            1,
            &line("Lagermedarbeider", 7_500, 45_000, "S", 2500),
            user,
        )
        .await
        .unwrap();
        store::issue_with(
            &mut tx,
            id,
            version,
            user,
            TODAY,
            &app.state.config.seller.kid_rule,
        )
        .await
        .unwrap();
        tx.commit().await.unwrap();
        let res = app
            .admin()
            .await
            .get(app.url(&format!("/invoices/{id}/ehf.xml")))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 409);
        let body = res.text().await.unwrap();
        assert!(
            body.contains("verken kundens referanse (Deres ref.) eller bestillingsnummer"),
            "{body}"
        );

        // A customer that receives EHF: a draft without either is refused at issue, by name.
        sqlx::query(
            "INSERT INTO invoice_settings (customer_id, invoice_email, delivery_method, \
             invoice_language, updated_at) VALUES ($1, 'faktura@kunde.example', 'ehf', 'nb', 0)",
        )
        .bind(customer)
        .execute(&app.db.pool)
        .await
        .unwrap();
        let mut tx = app.db.begin().await.unwrap();
        let id = store::create_draft(&mut tx, customer, None, None, user)
            .await
            .unwrap();
        let (_, version) = store::add_line(
            &mut tx,
            id,
            1,
            &line("Lagermedarbeider", 7_500, 45_000, "S", 2500),
            user,
        )
        .await
        .unwrap();
        let refused = store::issue_with(
            &mut tx,
            id,
            version,
            user,
            TODAY,
            &app.state.config.seller.kid_rule,
        )
        .await;
        match refused {
            Err(kundekort::AppError::Invalid(errors)) => {
                let keys: Vec<&str> = errors
                    .0
                    .get("order_reference")
                    .into_iter()
                    .flatten()
                    .map(|m| m.key)
                    .collect();
                assert_eq!(keys, ["inv-ehf-reference-required"]);
            }
            Err(other) => panic!("expected the reference to be asked for, got {other:?}"),
            Ok(_) => panic!("issued without a reference"),
        }
        tx.rollback().await.unwrap();
        // With a reference it is issued, and its EHF is written.
        let (with_reference, _, _) = issued(
            app,
            customer,
            &[line("Lagermedarbeider", 7_500, 45_000, "S", 2500)],
        )
        .await;
        assert!(xml(app, with_reference).await.is_some());
    }
);
