//! The accounting export (decision 0030): journal entries of issued invoices and credit notes as
//! JSON and CSV, each balanced, the receivable on the customer's sub-ledger, credit notes
//! reversed; "not exported" leaves out what an export held, "again" takes it back; the chart of
//! accounts is the admin's, with bad input kept; a VAT rate without account is refused by name;
//! only those who may finance export (403), only admins change the chart. Matched payments are
//! journalised too (bank debited, receivable credited; a reversal the other way), marked as
//! exported like the documents; earlier invoices imported from a former system are left out,
//! their credit notes and payments are not (decision 0033).

use kundekort::timefmt::{now, when::oslo_date};
use serde_json::Value;

use crate::db_test;
use crate::support::{
    TestApp,
    fixtures::count,
    invoices::{buyer, credit, customer_number, import_earlier, issued, line, pay},
};

async fn export(
    client: &reqwest::Client,
    app: &TestApp,
    form: &[(&str, &str)],
) -> reqwest::Response {
    client
        .post(app.url("/accounting/export"))
        .form(form)
        .send()
        .await
        .unwrap()
}

fn postings(entry: &Value) -> Vec<(String, i64, i64)> {
    entry["postings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            (
                p["account"].as_str().unwrap().to_string(),
                p["debit_ore"].as_i64().unwrap(),
                p["credit_ore"].as_i64().unwrap(),
            )
        })
        .collect()
}

db_test!(entries_balance_are_marked_and_not_exported_twice, |app| {
    let customer = buyer(app, "Nordlys Elektro AS").await;
    let (a, a_lines) = issued(
        app,
        customer,
        &[
            line("Lagermedarbeider", 7500, 45_000, "S", 2500),
            line("Kantine", 1000, 10_001, "S", 1500),
        ],
        0,
    )
    .await;
    let (b, _) = issued(app, customer, &[line("Eksport", 2000, 5_000, "Z", 0)], 0).await;
    let note = credit(app, a, &a_lines[..1]).await;
    let admin = app.admin().await;
    let res = export(&admin, app, &[("mode", "new"), ("format", "json")]).await;
    assert_eq!(res.status(), 200);
    assert_eq!(res.headers()["content-type"], "application/json");
    let body: Value = res.json().await.unwrap();
    let entries = body["entries"].as_array().unwrap();
    assert_eq!(entries.len(), 3);
    let number: i64 =
        sqlx::query_as::<_, (i64,)>("SELECT customer_number FROM customers WHERE id = $1")
            .bind(customer)
            .fetch_one(&app.db.pool)
            .await
            .unwrap()
            .0;
    for e in entries {
        let p = postings(e);
        let debits: i64 = p.iter().map(|x| x.1).sum();
        let credits: i64 = p.iter().map(|x| x.2).sum();
        assert_eq!(debits, credits, "{e}");
        assert_eq!(e["postings"][0]["account"], "1500");
        assert_eq!(e["postings"][0]["customer_number"], number);
    }
    let by_id = |id: i64| entries.iter().find(|e| e["invoice_id"] == id).unwrap();
    // Invoice A: 3 375,00 at 25 % (VAT 843,75) and 100,01 at 15 % (VAT 15,00).
    let pa = postings(by_id(a));
    assert!(pa.contains(&("1500".into(), 337_500 + 84_375 + 10_001 + 1_500, 0)));
    assert!(pa.contains(&("3000".into(), 0, 337_500)));
    assert!(pa.contains(&("2700".into(), 0, 84_375)));
    assert!(pa.contains(&("2701".into(), 0, 1_500)));
    assert_eq!(by_id(a)["postings"][2]["vat_code"], "3");
    // Zero-rated: revenue 3100 with code 5, no VAT posting.
    let pb = postings(by_id(b));
    assert_eq!(
        pb,
        vec![("1500".into(), 10_000, 0), ("3100".into(), 0, 10_000)]
    );
    // The credit note reverses the credited line.
    let n = by_id(note);
    assert_eq!(n["source"], "credit_note");
    let pn = postings(n);
    assert!(pn.contains(&("1500".into(), 0, 337_500 + 84_375)));
    assert!(pn.contains(&("3000".into(), 337_500, 0)));
    assert!(pn.contains(&("2700".into(), 84_375, 0)));
    assert_eq!(
        count(app, "SELECT COUNT(*) FROM accounting_export_items").await,
        3
    );
    assert_eq!(
        count(app, "SELECT COUNT(*) FROM accounting_exports").await,
        1
    );

    // Nothing new: the page says so, nothing recorded.
    let res = export(&admin, app, &[("mode", "new"), ("format", "json")]).await;
    assert_eq!(res.status(), 200);
    let html = res.text().await.unwrap();
    assert!(html.contains("id=\"accounting-alert\""), "{html}");
    assert!(html.contains("Ingen bilag å eksportere."));
    assert_eq!(
        count(app, "SELECT COUNT(*) FROM accounting_exports").await,
        1
    );

    // A new invoice is the only one in the next export.
    let (c, _) = issued(app, customer, &[line("Vakt", 1000, 20_000, "S", 2500)], 0).await;
    let res = export(&admin, app, &[("mode", "new"), ("format", "json")]).await;
    let body: Value = res.json().await.unwrap();
    let ids: Vec<i64> = body["entries"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["invoice_id"].as_i64().unwrap())
        .collect();
    assert_eq!(ids, vec![c]);

    // A period without "again" has nothing; with "again" it has all four.
    let today = kundekort::timefmt::when::date_string(oslo_date(now()));
    let period = [
        ("mode", "period"),
        ("from", today.as_str()),
        ("to", today.as_str()),
        ("format", "csv"),
    ];
    let res = export(&admin, app, &period).await;
    assert!(
        res.text()
            .await
            .unwrap()
            .contains("id=\"accounting-alert\"")
    );
    let mut again = period.to_vec();
    again.push(("again", "1"));
    let res = export(&admin, app, &again).await;
    assert_eq!(res.status(), 200);
    assert_eq!(res.headers()["content-type"], "text/csv; charset=utf-8");
    let csv = res.text().await.unwrap();
    let rows: Vec<&str> = csv.lines().collect();
    assert!(rows[0].starts_with("voucher;date;type;number;account;vat_code;customer_number"));
    // A: 5 postings, B: 2, the note: 3, C: 3.
    assert_eq!(rows.len(), 1 + 5 + 2 + 3 + 3, "{csv}");
    // The credit note's receivable: credited 3 375,00 + 843,75, with the customer's name and text.
    assert!(
        rows.iter().any(|r| r.starts_with("K")
            && r.contains(";1500;")
            && r.contains(";Kreditnota ")
            && r.contains(";0.00;4218.75;")),
        "{csv}"
    );
    assert_eq!(
        count(app, "SELECT COUNT(*) FROM accounting_export_items").await,
        4 + 4
    );
});

db_test!(
    a_rate_without_account_is_refused_by_name_until_the_chart_has_it,
    |app| {
        let customer = buyer(app, "Fjord Fisk AS").await;
        issued(
            app,
            customer,
            &[line("Servering", 1000, 10_000, "S", 1100)],
            0,
        )
        .await;
        let admin = app.admin().await;
        let res = export(&admin, app, &[("mode", "new"), ("format", "csv")]).await;
        assert_eq!(res.status(), 409);
        let html = res.text().await.unwrap();
        assert!(
            html.contains("Kontoplanen mangler konto for 11 %"),
            "{html}"
        );
        assert_eq!(
            count(app, "SELECT COUNT(*) FROM accounting_exports").await,
            0
        );

        // The settings page offers the missing rate; bad input keeps what was typed.
        let page = admin
            .get(app.url("/accounting/settings"))
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        assert!(page.contains("name=\"account.S:1100\""), "{page}");
        let mut form: Vec<(String, String)> = vec![
            ("account.receivable".into(), "1500".into()),
            ("account.bank".into(), "1920".into()),
        ];
        for (p, acc, vat, code) in [
            ("S:2500", "3000", "2700", "3"),
            ("S:1500", "3000", "2701", "31"),
            ("S:1200", "3000", "2702", "33"),
            ("S:1100", "30x0", "2703", "3"),
            ("Z", "3100", "", "5"),
            ("E", "3200", "", "6"),
            ("AE", "3100", "", "51"),
            ("O", "3200", "", "6"),
        ] {
            form.push((format!("account.{p}"), acc.into()));
            form.push((format!("vat_account.{p}"), vat.into()));
            form.push((format!("vat_code.{p}"), code.into()));
        }
        let res = admin
            .post(app.url("/accounting/settings"))
            .form(&form)
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 422);
        let html = res.text().await.unwrap();
        assert!(html.contains("value=\"30x0\""), "{html}");
        assert!(html.contains("Skriv et kontonummer på 4 til 8 sifre."));
        for f in form.iter_mut() {
            if f.1 == "30x0" {
                f.1 = "3010".into();
            }
        }
        let res = admin
            .post(app.url("/accounting/settings"))
            .form(&form)
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 303);
        let res = export(&admin, app, &[("mode", "new"), ("format", "json")]).await;
        assert_eq!(res.status(), 200);
        let body: Value = res.json().await.unwrap();
        let p = postings(&body["entries"][0]);
        assert!(p.contains(&("3010".into(), 0, 10_000)));
        assert!(p.contains(&("2703".into(), 0, 1_100)));
    }
);

db_test!(bad_periods_are_shown_with_what_was_typed, |app| {
    let admin = app.admin().await;
    let res = export(
        &admin,
        app,
        &[
            ("mode", "period"),
            ("from", "2026-12-31"),
            ("to", "2026-12-01"),
            ("format", "csv"),
        ],
    )
    .await;
    assert_eq!(res.status(), 422);
    let html = res.text().await.unwrap();
    assert!(html.contains("value=\"2026-12-31\""));
    assert!(html.contains("Til-datoen er før fra-datoen."));
    let res = export(
        &admin,
        app,
        &[
            ("mode", "period"),
            ("from", "1.12"),
            ("to", ""),
            ("format", "csv"),
        ],
    )
    .await;
    assert_eq!(res.status(), 422);
    assert!(res.text().await.unwrap().contains("value=\"1.12\""));
});

db_test!(
    only_finance_exports_and_only_admins_change_the_chart,
    |app| {
        let consultant = app.login("ola@test.no").await;
        for path in ["/accounting", "/accounting/settings"] {
            let res = consultant.get(app.url(path)).send().await.unwrap();
            assert_eq!(res.status(), 403, "{path}");
        }
        let res = export(&consultant, app, &[("mode", "new"), ("format", "csv")]).await;
        assert_eq!(res.status(), 403);
        let manager = app.login("leder@test.no").await;
        assert_eq!(
            manager
                .get(app.url("/accounting"))
                .send()
                .await
                .unwrap()
                .status(),
            200
        );
        assert_eq!(
            manager
                .get(app.url("/accounting/settings"))
                .send()
                .await
                .unwrap()
                .status(),
            403
        );
        let res = manager
            .post(app.url("/accounting/settings"))
            .form(&[("account.receivable", "1501")])
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 403);
        assert_eq!(
            count(
                app,
                "SELECT COUNT(*) FROM accounting_accounts WHERE account = '1501'"
            )
            .await,
            0
        );
    }
);

db_test!(the_card_shows_invoice_figures_and_invoice_events, |app| {
    use kundekort::money::format_kr;
    let customer = buyer(app, "Nordlys Elektro AS").await;
    let (a, a_lines) = issued(
        app,
        customer,
        &[
            line("Vakt", 1000, 20_000, "S", 2500),
            line("Ekstra", 1000, 10_000, "S", 2500),
        ],
        0,
    )
    .await;
    credit(app, a, &a_lines[1..]).await;
    let (_, _) = issued(app, customer, &[line("Vakt", 1000, 20_000, "S", 2500)], 60).await;
    let (c, _) = issued(app, customer, &[line("Vakt", 1000, 20_000, "S", 2500)], 0).await;
    {
        let mut tx = app.db.begin().await.unwrap();
        kundekort::invoices::state::add_paid(&mut tx, c, 25_000, "2026-12-01")
            .await
            .unwrap();
        tx.commit().await.unwrap();
    }
    let today = oslo_date(now());
    let b_this_year = (today - time::Duration::days(60)).year() == today.year();
    let invoiced = 30_000 - 10_000 + 20_000 + if b_this_year { 20_000 } else { 0 };
    let admin = app.admin().await;
    let html = admin
        .get(app.url(&format!("/customers/{customer}")))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let figure = |id: &str| {
        let start = html
            .find(&format!("id=\"{id}\""))
            .unwrap_or_else(|| panic!("{id}"));
        let rest = &html[start..];
        rest[rest.find('>').unwrap() + 1..rest.find("</dd>").unwrap()].to_string()
    };
    assert!(figure("figure-invoiced-this-year").contains(&format_kr(invoiced)));
    assert_eq!(figure("figure-outstanding"), format_kr(50_000));
    assert_eq!(
        figure("figure-overdue"),
        format!("{} (1 faktura)", format_kr(25_000))
    );
    assert!(
        html.contains(&format!(
            "Faktura utstedt</strong>: <a href=\"/invoices/{a}\">Faktura "
        )),
        "{html}"
    );
    assert!(html.contains("Faktura kreditert</strong>"));
    assert!(html.contains("Fakturautkast opprettet</strong>"));
    assert!(html.contains("<li>Kreditnota: "), "{html}");
});

db_test!(
    payments_are_journalised_and_earlier_invoices_left_out,
    |app| {
        let customer = buyer(app, "Nordlys Elektro AS").await;
        let number = customer_number(app, customer).await;
        let (ours, _) = issued(app, customer, &[line("Vakt", 1000, 100_000, "S", 2500)], 0).await;
        let today = kundekort::timefmt::when::date_string(oslo_date(now()));
        let earlier = import_earlier(
            app,
            &format!(
                "fakturanr;kundenr;fakturadato;forfallsdato;mva_sats;netto;mva;total\n\
                 1045;{number};2026-01-05;2026-01-19;25;2000;500;2500\n"
            ),
            &[],
        )
        .await[&1045];
        let p1 = pay(app, Some(ours), 125_000, &today).await;
        let p2 = pay(app, Some(earlier), 250_000, &today).await;
        let reversal = pay(app, Some(earlier), -50_000, &today).await;
        // Unmatched: not journalised until matched.
        pay(app, None, 999, &today).await;
        let admin = app.admin().await;
        let res = export(&admin, app, &[("mode", "new"), ("format", "json")]).await;
        assert_eq!(res.status(), 200);
        let body: Value = res.json().await.unwrap();
        let entries = body["entries"].as_array().unwrap();
        // Our invoice and the three payments; the earlier invoice was booked in the old system.
        let sources: Vec<(&str, i64)> = entries
            .iter()
            .map(|e| {
                (
                    e["source"].as_str().unwrap(),
                    e["invoice_id"].as_i64().unwrap(),
                )
            })
            .collect();
        assert_eq!(
            sources,
            vec![
                ("invoice", ours),
                ("payment", ours),
                ("payment", earlier),
                ("payment", earlier),
            ],
            "{body}"
        );
        for e in entries {
            let p = postings(e);
            let debits: i64 = p.iter().map(|x| x.1).sum();
            let credits: i64 = p.iter().map(|x| x.2).sum();
            assert_eq!(debits, credits, "{e}");
        }
        let by_payment = |id: i64| {
            entries
                .iter()
                .find(|e| e["payment_id"] == id)
                .unwrap_or_else(|| panic!("no payment {id}: {body}"))
        };
        assert_eq!(
            postings(by_payment(p1)),
            vec![("1920".into(), 125_000, 0), ("1500".into(), 0, 125_000)]
        );
        assert_eq!(by_payment(p1)["postings"][1]["customer_number"], number);
        assert_eq!(by_payment(p2)["invoice_number"], 1045);
        assert_eq!(
            postings(by_payment(reversal)),
            vec![("1920".into(), 0, 50_000), ("1500".into(), 50_000, 0)]
        );
        assert_eq!(
            count(app, "SELECT COUNT(*) FROM accounting_export_payments").await,
            3
        );
        assert_eq!(
            count(app, "SELECT COUNT(*) FROM accounting_export_items").await,
            1
        );

        // A credit note against the earlier invoice is ours: the next export has it alone.
        let (line_id,): (i64,) =
            sqlx::query_as("SELECT id FROM invoice_lines WHERE invoice_id = $1")
                .bind(earlier)
                .fetch_one(&app.db.pool)
                .await
                .unwrap();
        let note = credit(app, earlier, &[line_id]).await;
        let res = export(&admin, app, &[("mode", "new"), ("format", "json")]).await;
        let body: Value = res.json().await.unwrap();
        let entries = body["entries"].as_array().unwrap();
        assert_eq!(entries.len(), 1, "{body}");
        assert_eq!(entries[0]["invoice_id"], note);
        assert_eq!(entries[0]["source"], "credit_note");

        // Again, as CSV: the payments' vouchers and texts.
        let res = export(
            &admin,
            app,
            &[
                ("mode", "period"),
                ("from", today.as_str()),
                ("to", today.as_str()),
                ("again", "1"),
                ("format", "csv"),
            ],
        )
        .await;
        let csv = res.text().await.unwrap();
        assert!(
            csv.lines().any(|r| r.starts_with(&format!("I{p2};"))
                && r.contains(";payment;")
                && r.contains(";1920;")
                && r.contains(";Innbetaling faktura 1045 Nordlys Elektro AS;")
                && r.contains(";2500.00;0.00;")),
            "{csv}"
        );
        assert!(
            csv.lines().any(|r| r.starts_with(&format!("I{reversal};"))
                && r.contains(";1500;")
                && r.contains(";500.00;0.00;")),
            "{csv}"
        );
        assert!(!csv.contains("F1045;"), "{csv}");
    }
);
