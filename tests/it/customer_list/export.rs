//! The list's export: the filters it follows, its limit, and formulas neutralised in the CSV.

use kundekort::customers::model::CustomerDraft;

use super::five;
use crate::{db_test, support::fixtures::many_customers};

db_test!(exports_follow_the_filters, |app| {
    five(app).await;
    let admin = app.admin().await;
    let res = admin
        .get(app.url("/customers/export.csv?county=46"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    assert!(
        res.headers()["content-disposition"]
            .to_str()
            .unwrap()
            .contains(".csv")
    );
    let csv = res.text().await.unwrap();
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(lines.len(), 3, "{csv}");
    assert!(
        lines[0].starts_with("\u{feff}Kundenummer;Navn;Org.nr."),
        "{}",
        lines[0]
    );
    assert!(lines[1].contains("Bergen Renhold AS") && lines[2].contains("974 760 673"));

    let bytes = admin
        .get(app.url("/customers/export.xlsx?status=active"))
        .send()
        .await
        .unwrap()
        .bytes()
        .await
        .unwrap();
    use calamine::Reader;
    let mut book = calamine::Xlsx::new(std::io::Cursor::new(bytes.to_vec())).expect("valid xlsx");
    let sheet = book.worksheet_range("Kunder").expect("sheet named Kunder");
    assert_eq!(sheet.height(), 4); // header + 3 active customers
    let names: Vec<String> = sheet.rows().skip(1).map(|r| r[1].to_string()).collect();
    assert_eq!(
        names,
        vec!["Fjordbygg AS", "Nordlys Elektro AS", "Ærlig Transport AS"]
    );
    // A consultant's export holds only what they may see.
    let berit = app.login("berit@test.no").await;
    let csv = berit
        .get(app.url("/customers/export.csv"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert_eq!(csv.lines().count(), 3);
});

db_test!(
    an_export_longer_than_its_limit_is_refused_with_what_to_do,
    |app| {
        // One more than the limit, and one former customer.
        let over = kundekort::customers::export::EXPORT_LIMIT + 1;
        many_customers(app, over, 600_000, None).await;
        sqlx::query(
            "INSERT INTO customers (customer_number, name, status, search_text, sort_name, \
         created_at, updated_at) VALUES (800000, 'Gammel Kunde AS', 'former', 'gammel kunde as', \
         'gammel kunde as', 0, 0)",
        )
        .execute(&app.db.pool)
        .await
        .unwrap();
        let admin = app.admin().await;
        for format in ["csv", "xlsx"] {
            let res = admin
                .get(app.url(&format!("/customers/export.{format}")))
                .send()
                .await
                .unwrap();
            assert_eq!(res.status(), 400, "{format}");
            let body = res.text().await.unwrap();
            assert!(
                body.contains(
                    "En eksport tar med høyst 100\u{a0}000 kunder, og denne listen har flere. \
                 Snevre inn listen med et filter eller et søk, og eksporter igjen."
                ),
                "{format}: {body}"
            );
        }
        // A narrowed list is exported.
        let csv = admin
            .get(app.url("/customers/export.csv?status=former"))
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        assert_eq!(csv.lines().count(), 2, "{csv}");
        assert!(csv.contains("Gammel Kunde AS"), "{csv}");
    }
);

db_test!(csv_export_neutralises_formulas, |app| {
    let evil = r#"=HYPERLINK("http://evil.example","x")"#;
    for (name, phone) in [
        (evil, "+4791234567"),
        ("-2+3", "+47 912 34 567"),
        ("@SUM(A1)", ""),
    ] {
        app.customer(CustomerDraft {
            phone: phone.into(),
            ..crate::support::fixtures::draft(name)
        })
        .await;
    }
    let admin = app.admin().await;
    let csv = admin
        .get(app.url("/customers/export.csv"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(b';')
        .from_reader(csv.trim_start_matches('\u{feff}').as_bytes());
    let mut cells: Vec<(String, String)> = reader
        .records()
        .map(|r| {
            let r = r.unwrap();
            (r[1].to_string(), r[11].to_string())
        })
        .collect();
    cells.sort();
    assert_eq!(
        cells,
        vec![
            ("'-2+3".to_string(), "'+47 912 34 567".to_string()),
            (format!("'{evil}"), "+4791234567".to_string()),
            ("'@SUM(A1)".to_string(), String::new()),
        ]
    );
});
