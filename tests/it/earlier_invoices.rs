//! Earlier invoices from a former system (decision 0033): a CSV file and the PDFs previewed and
//! imported all or nothing; stored as issued invoices with the old numbers (our series
//! untouched, the same number as one of ours allowed), read-only, the imported PDF served, no
//! EHF; shown with status and what is owed; credited through the credit flow (our credit note
//! numbers, the EHF's BillingReference naming the old number); paid by hand and matched on the
//! KID from a bank file. Bad lines named by line number with nothing written; the same invoice
//! twice refused; access (finance only, and only customers the user may change).

use kundekort::{
    norway::kid::{Algorithm, check_digit},
    timefmt::{
        now,
        when::{date_string, oslo_date},
    },
};
use serde_json::{Value, json};
use time::Duration;

use crate::{
    db_test,
    support::{
        TestApp,
        bank::{camt_entry, camt_file},
        fixtures::count,
        invoices::{
            buyer, customer_number, earlier_import, earlier_preview, import_earlier, issued, line,
        },
    },
};

const PDF: &[u8] = b"%PDF-1.4\n% faktura 1045 fra det gamle systemet\n%%EOF\n";

fn days_ago(n: i64) -> String {
    date_string(oslo_date(now()) - Duration::days(n))
}

fn kid(base: &str) -> String {
    format!("{base}{}", check_digit(base, Algorithm::Mod10))
}

/// The row of line `n` in the preview.
fn row(page: &str, n: u64) -> &str {
    let at = page
        .find(&format!("id=\"import-line-{n}\""))
        .unwrap_or_else(|| panic!("no line {n}: {page}"));
    let rest = &page[at..];
    &rest[..rest.find("</tr>").unwrap()]
}

async fn get_json(client: &reqwest::Client, app: &TestApp, path: &str) -> (u16, Value) {
    let res = client.get(app.url(path)).send().await.unwrap();
    let code = res.status().as_u16();
    (code, res.json().await.unwrap_or(Value::Null))
}

/// Invoice 1045 over 25 % and 15 % with a KID and a PDF, and invoice 1 (zero-rated, by
/// organisation number, 200 kr paid before the switch), both overdue.
fn file(number: i64, kid: &str) -> String {
    format!(
        "Fakturanr;Kundenr;Orgnr;Fakturadato;Forfallsdato;MVA-sats;Netto;MVA;Total;KID;Betalt;PDF\r\n\
         1045;{number};;{i};{d};25;1 000,00;250,00;1250,00;{kid};;f1045.pdf\r\n\
         1045;{number};;{i};{d};15;100;15;115;{kid};;\r\n\
         1;;974 760 673;{i};{d};0;500;0;500;;200;\r\n",
        i = days_ago(60),
        d = days_ago(46),
    )
}

db_test!(
    earlier_invoices_are_imported_read_only_credited_and_paid,
    |app| {
        let customer = buyer(app, "Nordlys Elektro AS").await;
        let number = customer_number(app, customer).await;
        let kid = kid("10450001");
        let admin = app.admin().await;
        let (code, page) =
            earlier_preview(&admin, app, &file(number, &kid), &[("f1045.pdf", PDF)]).await;
        assert_eq!(code, 200, "{page}");
        assert!(
            page.contains("Alle linjene er i orden: 2 fakturaer."),
            "{page}"
        );
        assert!(row(&page, 2).contains("Nordlys Elektro AS"), "{page}");
        assert!(row(&page, 2).contains("1\u{a0}250,00"), "{page}");
        assert_eq!(
            count(app, "SELECT COUNT(*) FROM invoices").await,
            0,
            "the preview writes nothing"
        );
        let (code, _) = earlier_import(&admin, app, &page).await;
        assert_eq!(code, 303);
        let (code, done) = {
            let res = admin
                .get(app.url("/invoices/earlier/import?invoices=2"))
                .send()
                .await
                .unwrap();
            (res.status().as_u16(), res.text().await.unwrap())
        };
        assert_eq!(code, 200);
        assert!(
            done.contains("2 tidligere fakturaer er importert."),
            "{done}"
        );

        let ids: std::collections::HashMap<i64, i64> = sqlx::query_as::<_, (i64, i64)>(
            "SELECT number, id FROM invoices WHERE origin = 'earlier'",
        )
        .fetch_all(&app.db.pool)
        .await
        .unwrap()
        .into_iter()
        .collect();
        let (a, b) = (ids[&1045], ids[&1]);
        // Our series is untouched: our next invoice is number 1 too.
        let (ours, _) = issued(app, customer, &[line("Vakt", 1000, 10_000, "S", 2500)], 0).await;
        let (n,): (i64,) = sqlx::query_as("SELECT number FROM invoices WHERE id = $1")
            .bind(ours)
            .fetch_one(&app.db.pool)
            .await
            .unwrap();
        assert_eq!(n, 1);

        // Shown with status and what is owed.
        let (code, inv) = get_json(&admin, app, &format!("/api/v1/invoices/{a}")).await;
        assert_eq!(code, 200);
        assert_eq!(inv["number"], 1045);
        assert_eq!(inv["kid"], kid.as_str());
        assert_eq!(inv["total_ore"], 125_000 + 11_500);
        assert_eq!(inv["vat_ore"], 25_000 + 1_500);
        assert_eq!(inv["status"], "overdue");
        assert_eq!(inv["outstanding_ore"], 136_500);
        assert_eq!(inv["lines"].as_array().unwrap().len(), 2);
        assert_eq!(inv["state"]["delivery_status"], "sent");
        let (_, inv_b) = get_json(&admin, app, &format!("/api/v1/invoices/{b}")).await;
        assert_eq!(inv_b["outstanding_ore"], 30_000);
        assert_eq!(inv_b["lines"][0]["vat_category"], "Z");
        let (_, list) = get_json(&admin, app, "/api/v1/invoices?status=overdue").await;
        assert_eq!(list["total"], 2);
        let res = admin
            .get(app.url(&format!("/invoices/{a}")))
            .send()
            .await
            .unwrap();
        let html = res.text().await.unwrap();
        assert!(html.contains("id=\"earlier-notice\""), "{html}");
        assert!(!html.contains("id=\"link-ehf\""));

        // The imported PDF is served; no EHF; no PDF where none came.
        let res = admin
            .get(app.url(&format!("/invoices/{a}/pdf")))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 200);
        assert_eq!(res.bytes().await.unwrap().as_ref(), PDF);
        let res = admin
            .get(app.url(&format!("/invoices/{a}/ehf.xml")))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 404);
        let res = admin
            .get(app.url(&format!("/invoices/{b}/pdf")))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 404);

        // Read-only.
        let res = admin
            .post(app.url(&format!("/api/v1/invoices/{a}/lines")))
            .json(&json!({"version": inv["version"], "description": "Mer", "quantity_milli": 1000,
                "unit_code": "HUR", "unit_price_ore": 100, "vat_category": "S", "vat_rate_bp": 2500}))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 409);
        assert_eq!(
            count(
                app,
                &format!("SELECT COUNT(*) FROM invoice_lines WHERE invoice_id = {a}")
            )
            .await,
            2
        );

        // The same invoices again: each line named, nothing written.
        let (code, page) =
            earlier_preview(&admin, app, &file(number, &kid), &[("f1045.pdf", PDF)]).await;
        assert_eq!(code, 422);
        assert!(
            row(&page, 2)
                .contains("En tidligere faktura med dette nummeret er allerede importert."),
            "{page}"
        );
        assert!(row(&page, 2).contains("En annen faktura har allerede denne KID-en."));
        assert!(!page.contains("id=\"import-submit\""));

        // Credited through the credit flow: our credit note series, the old number referenced.
        let line_15 = inv["lines"][1]["id"].as_i64().unwrap();
        let res = admin
            .post(app.url(&format!("/api/v1/invoices/{a}/credit")))
            .json(&json!({"reason": "Bestridt", "line_ids": [line_15]}))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 201);
        let note: Value = res.json().await.unwrap();
        assert_eq!(note["kind"], "credit_note");
        assert_eq!(note["number"], 1);
        assert_eq!(note["credited_invoice_id"], a);
        assert_eq!(note["total_ore"], -11_500);
        let note_id = note["id"].as_i64().unwrap();
        let res = admin
            .get(app.url(&format!("/invoices/{note_id}/ehf.xml")))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 200);
        let xml = res.text().await.unwrap();
        let reference = &xml[xml.find("<cac:BillingReference>").expect("a reference")..];
        assert!(reference.contains("<cbc:ID>1045</cbc:ID>"), "{xml}");
        // And by amount on the credit page: 100 kr at 25 %; a bad amount shown with what was typed.
        let credit_page = format!("/invoices/{a}/credit");
        let res = admin.get(app.url(&credit_page)).send().await.unwrap();
        let html = res.text().await.unwrap();
        assert!(html.contains("id=\"scope-amount\""), "{html}");
        assert!(html.contains("value=\"S:1500\""), "{html}");
        let res = admin
            .post(app.url(&credit_page))
            .form(&[
                ("reason", "Avtalt avslag"),
                ("scope", "amount"),
                ("amount", "mye"),
                ("vat", "S:2500"),
            ])
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 422);
        let html = res.text().await.unwrap();
        assert!(html.contains("value=\"mye\""), "{html}");
        let res = admin
            .post(app.url(&credit_page))
            .form(&[
                ("reason", "Avtalt avslag"),
                ("scope", "amount"),
                ("amount", "100"),
                ("vat", "S:2500"),
            ])
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 303);
        let (number,): (i64,) = sqlx::query_as(
            "SELECT number FROM invoices WHERE credited_invoice_id = $1 AND reason = 'Avtalt avslag'",
        )
        .bind(a)
        .fetch_one(&app.db.pool)
        .await
        .unwrap();
        assert_eq!(number, 2);
        let (_, inv) = get_json(&admin, app, &format!("/api/v1/invoices/{a}")).await;
        assert_eq!(inv["outstanding_ore"], 136_500 - 11_500 - 12_500);
        assert_eq!(inv["credit_notes"].as_array().unwrap().len(), 2);

        // Paid: from a bank file, matched on the old KID; and by hand.
        let camt = camt_file(
            "E1",
            &[camt_entry("500.00", "CRDT", false, &[("500.00", &kid)])],
        );
        let form = reqwest::multipart::Form::new().part(
            "file",
            reqwest::multipart::Part::bytes(camt.into_bytes()).file_name("camt.xml"),
        );
        let res = admin
            .post(app.url("/payments/import"))
            .multipart(form)
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 200);
        let (matched,): (Option<i64>,) =
            sqlx::query_as("SELECT invoice_id FROM payments WHERE source = 'camt054'")
                .fetch_one(&app.db.pool)
                .await
                .unwrap();
        assert_eq!(matched, Some(a));
        let res = admin
            .post(app.url(&format!("/invoices/{b}/payments/new")))
            .form(&[
                ("paid_on", date_string(oslo_date(now()))),
                ("amount", "300".into()),
            ])
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 303);
        let (_, inv) = get_json(&admin, app, &format!("/api/v1/invoices/{a}")).await;
        assert_eq!(inv["outstanding_ore"], 112_500 - 50_000);
        assert_eq!(inv["status"], "overdue");
        let (_, inv_b) = get_json(&admin, app, &format!("/api/v1/invoices/{b}")).await;
        assert_eq!(inv_b["status"], "paid");
        assert_eq!(inv_b["state"]["paid_ore"], 50_000);
    }
);

db_test!(bad_lines_are_named_and_nothing_is_written, |app| {
    let customer = buyer(app, "Nordlys Elektro AS").await;
    let number = customer_number(app, customer).await;
    issued(app, customer, &[line("Vakt", 1000, 10_000, "S", 2500)], 0).await;
    let (our_kid,): (String,) = sqlx::query_as("SELECT kid FROM invoices WHERE number = 1")
        .fetch_one(&app.db.pool)
        .await
        .unwrap();
    let file = format!(
        "fakturanr;kundenr;fakturadato;forfallsdato;mva_sats;netto;mva;total;kid;pdf\n\
         7;{number};{i};{d};25;100;25;125;;\n\
         8;99999;{i};{d};25;100;25;125;;\n\
         9;{number};{i};{d};25;100;25;125;{our_kid};\n\
         10;{number};{i};{d};25;100;25;125;;mangler.pdf\n\
         11;{number};{i};{d};11;100;25;125;;\n\
         12;{number};{i};{d};25;100;24;124;;\n",
        i = days_ago(10),
        d = days_ago(1),
    );
    let admin = app.admin().await;
    let (code, page) =
        earlier_preview(&admin, app, &file, &[("ikke.pdf", b"hei".as_slice())]).await;
    assert_eq!(code, 422, "{page}");
    assert!(page.contains("5 linjer har feil."), "{page}");
    assert!(page.contains("«ikke.pdf» er ikke en PDF."), "{page}");
    assert!(row(&page, 2).contains("OK"));
    assert!(row(&page, 3).contains("Ingen kunde har dette nummeret."));
    assert!(row(&page, 4).contains("En annen faktura har allerede denne KID-en."));
    assert!(row(&page, 5).contains("PDF-en «mangler.pdf» ble ikke lastet opp sammen med filen."));
    assert!(row(&page, 6).contains("Mva-satsen må være 25, 15, 12 eller 0."));
    assert!(row(&page, 7).contains("Mva-beløpet stemmer ikke med satsen: det skal være 25,00 kr."));
    assert!(!page.contains("id=\"import-submit\""));
    // A missing column refuses the file.
    let (code, page) = earlier_preview(&admin, app, "fakturanr;kundenr\n1;2\n", &[]).await;
    assert_eq!(code, 422);
    assert!(
        page.contains("Kolonnen «fakturadato» mangler i første linje."),
        "{page}"
    );
    // A tampered import is refused.
    let good = format!(
        "fakturanr;kundenr;fakturadato;forfallsdato;mva_sats;netto;mva;total\n\
         7;{number};{i};{d};25;100;25;125\n",
        i = days_ago(10),
        d = days_ago(1),
    );
    let (code, page) = earlier_preview(&admin, app, &good, &[]).await;
    assert_eq!(code, 200, "{page}");
    let tampered = page.replace("name=\"sha256\" value=\"", "name=\"sha256\" value=\"0");
    let (code, body) = earlier_import(&admin, app, &tampered).await;
    assert_eq!(code, 422);
    assert!(body.contains("ikke de som ble forhåndsvist"), "{body}");
    assert_eq!(
        count(
            app,
            "SELECT COUNT(*) FROM invoices WHERE origin = 'earlier'"
        )
        .await,
        0
    );
    // The good file imports, once.
    let ids = import_earlier(app, &good, &[]).await;
    assert_eq!(ids.len(), 1);
    assert_eq!(count(app, "SELECT COUNT(*) FROM earlier_imports").await, 1);
});

db_test!(earlier_import_access, |app| {
    let customer = buyer(app, "Nordlys Elektro AS").await;
    let number = customer_number(app, customer).await;
    let file = format!(
        "fakturanr;kundenr;fakturadato;forfallsdato;mva_sats;netto;mva;total\n\
         7;{number};{i};{d};25;100;25;125\n",
        i = days_ago(10),
        d = days_ago(1),
    );
    // A consultant may not finance: 403.
    let ola = app.login("ola@test.no").await;
    let res = ola
        .get(app.url("/invoices/earlier/import"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 403);
    assert_eq!(earlier_preview(&ola, app, &file, &[]).await.0, 403);
    let res = ola
        .post(app.url("/invoices/earlier/import"))
        .form(&[("content", ""), ("sha256", "")])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 403);
    // The Oslo manager may import, but not for a customer outside her department.
    let lise = app.login("leder@test.no").await;
    let res = lise
        .get(app.url("/invoices/earlier/import"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    let (code, page) = earlier_preview(&lise, app, &file, &[]).await;
    assert_eq!(code, 422);
    assert!(
        row(&page, 2).contains("Du kan ikke endre denne kunden."),
        "{page}"
    );
    let res = lise.get(app.url("/invoices")).send().await.unwrap();
    assert!(
        res.text()
            .await
            .unwrap()
            .contains("id=\"link-earlier-import\"")
    );
    let res = ola.get(app.url("/invoices")).send().await.unwrap();
    assert!(
        !res.text()
            .await
            .unwrap()
            .contains("id=\"link-earlier-import\"")
    );
});
