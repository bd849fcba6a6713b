//! The customer list: search, scope, filters, sorting, paging, access and export.

use kundekort::customers::model::CustomerDraft;
use serde_json::Value;

use crate::{
    db_test,
    support::{TestApp, fixtures::many_customers},
};

/// Five customers over two departments, three counties and three statuses.
pub(crate) async fn five(app: &TestApp) {
    let fx = &app.fx;
    let mk = |name: &str,
              org: &str,
              status: &str,
              postal: &str,
              owner: i64,
              dep: i64,
              industry: &str| CustomerDraft {
        name: name.into(),
        org_number: org.into(),
        status: status.into(),
        visit_postal_code: postal.into(),
        owner_id: owner.to_string(),
        department_id: dep.to_string(),
        industry_code: industry.into(),
        industry_text: format!("Bransje {industry}"),
        ..Default::default()
    };
    app.customer(mk(
        "Fjordbygg AS",
        "974760673",
        "active",
        "5003",
        fx.consultant_bergen,
        fx.bergen,
        "41.200",
    ))
    .await;
    app.customer(mk(
        "Bergen Renhold AS",
        "",
        "potential",
        "5015",
        fx.consultant_bergen,
        fx.bergen,
        "81.210",
    ))
    .await;
    app.customer(mk(
        "Nordlys Elektro AS",
        "984851006",
        "active",
        "0150",
        fx.consultant_oslo,
        fx.oslo,
        "43.210",
    ))
    .await;
    app.customer(mk(
        "Ås Bygg og Anlegg AS",
        "",
        "former",
        "1430",
        fx.manager_oslo,
        fx.oslo,
        "41.200",
    ))
    .await;
    app.customer(mk(
        "Ærlig Transport AS",
        "",
        "active",
        "9008",
        fx.consultant_oslo,
        fx.oslo,
        "49.410",
    ))
    .await;
}

/// The names on the API's page for `query`, and its total.
pub(crate) async fn names(
    client: &reqwest::Client,
    app: &TestApp,
    query: &str,
) -> (Vec<String>, i64) {
    let res = client
        .get(app.url(&format!("/api/v1/customers?{query}")))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200, "{query}");
    let json: Value = res.json().await.unwrap();
    let names = json["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["name"].as_str().unwrap().to_string())
        .collect();
    (names, json["total"].as_i64().unwrap())
}

db_test!(search_finds_substrings_numbers_and_places, |app| {
    five(app).await;
    let admin = app.admin().await;
    // A part of a compound word (ranked after a word that starts with it).
    assert_eq!(
        names(&admin, app, "q=bygg").await.0,
        vec!["Ås Bygg og Anlegg AS", "Fjordbygg AS"]
    );
    // Several words must all match.
    assert_eq!(
        names(&admin, app, "q=bygg%20anlegg").await.0,
        vec!["Ås Bygg og Anlegg AS"]
    );
    // Organisation number typed with spaces, and a part of one.
    assert_eq!(
        names(&admin, app, "q=974%20760%20673").await.0,
        vec!["Fjordbygg AS"]
    );
    assert_eq!(
        names(&admin, app, "q=851006").await.0,
        vec!["Nordlys Elektro AS"]
    );
    // A place (filled from the postal code) and Norwegian letters.
    assert_eq!(
        names(&admin, app, "q=troms%C3%B8").await.0,
        vec!["Ærlig Transport AS"]
    );
    // One or two letters match the start of the name.
    assert_eq!(
        names(&admin, app, "q=%C3%A6r").await.0,
        vec!["Ærlig Transport AS"]
    );
    assert_eq!(names(&admin, app, "q=b").await.0, vec!["Bergen Renhold AS"]);
    // Characters that mean something to a search engine are just text.
    assert_eq!(names(&admin, app, "q=%22*%25_%27").await.1, 5);
});

db_test!(filters_and_scope_narrow_the_list, |app| {
    five(app).await;
    let manager = app.login("leder@test.no").await;
    assert_eq!(names(&manager, app, "").await.1, 5);
    assert_eq!(
        names(&manager, app, "county=46").await.0,
        vec!["Bergen Renhold AS", "Fjordbygg AS"]
    );
    assert_eq!(
        names(&manager, app, "municipality=0301").await.0,
        vec!["Nordlys Elektro AS"]
    );
    assert_eq!(names(&manager, app, "status=active").await.1, 3);
    assert_eq!(names(&manager, app, "industry=41").await.1, 2);
    assert_eq!(
        names(&manager, app, &format!("owner={}", app.fx.consultant_oslo))
            .await
            .1,
        2
    );
    assert_eq!(
        names(&manager, app, &format!("department={}", app.fx.bergen))
            .await
            .1,
        2
    );
    assert_eq!(
        names(&manager, app, "scope=mine").await.0,
        vec!["Ås Bygg og Anlegg AS"]
    );
    assert_eq!(names(&manager, app, "scope=department").await.1, 3);
    assert_eq!(
        names(&manager, app, "scope=department&status=active&county=55")
            .await
            .0,
        vec!["Ærlig Transport AS"]
    );
});

db_test!(sorting_is_norwegian_and_paging_counts, |app| {
    five(app).await;
    let admin = app.admin().await;
    let (all, _) = names(&admin, app, "").await;
    assert_eq!(
        all,
        vec![
            "Bergen Renhold AS",
            "Fjordbygg AS",
            "Nordlys Elektro AS",
            "Ærlig Transport AS",
            "Ås Bygg og Anlegg AS"
        ]
    );
    let (desc, _) = names(&admin, app, "sort=-name").await;
    assert_eq!(
        desc.first().map(String::as_str),
        Some("Ås Bygg og Anlegg AS")
    );
    let res: Value = admin
        .get(app.url("/api/v1/customers?limit=2&page=2"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(res["total"], 5);
    assert_eq!(res["next_page"], 3);
    let page2: Vec<&str> = res["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["name"].as_str().unwrap())
        .collect();
    assert_eq!(page2, vec!["Nordlys Elektro AS", "Ærlig Transport AS"]);
    let res: Value = admin
        .get(app.url("/api/v1/customers?limit=2&page=3"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(res["next_page"], Value::Null);
    let (by_number, _) = names(&admin, app, "sort=-customer_number").await;
    assert_eq!(
        by_number.first().map(String::as_str),
        Some("Ærlig Transport AS")
    );
});

db_test!(
    consultants_see_only_their_department_and_own_customers,
    |app| {
        five(app).await;
        let berit = app.login("berit@test.no").await;
        assert_eq!(
            names(&berit, app, "").await.0,
            vec!["Bergen Renhold AS", "Fjordbygg AS"]
        );
        // Asking for the whole firm, or another department, still shows only what she may see.
        assert_eq!(
            names(
                &berit,
                app,
                &format!("scope=all&department={}", app.fx.oslo)
            )
            .await
            .1,
            0
        );
        let (oslo_id,): (i64,) =
            sqlx::query_as("SELECT id FROM customers WHERE name = 'Nordlys Elektro AS'")
                .fetch_one(&app.db.pool)
                .await
                .unwrap();
        for path in [
            format!("/customers/{oslo_id}"),
            format!("/customers/{oslo_id}/edit"),
            format!("/api/v1/customers/{oslo_id}"),
        ] {
            assert_eq!(
                berit.get(app.url(&path)).send().await.unwrap().status(),
                404,
                "{path}"
            );
        }
        let res = berit
            .patch(app.url(&format!("/api/v1/customers/{oslo_id}")))
            .json(&serde_json::json!({"name": "Mine nå"}))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 404);
        let res = berit
            .post(app.url(&format!("/customers/{oslo_id}")))
            .form(&[("name", "Mine nå"), ("version", "1")])
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 404);
        // A manager sees every department but changes only their own.
        let manager = app.login("leder@test.no").await;
        let (bergen_id,): (i64,) =
            sqlx::query_as("SELECT id FROM customers WHERE name = 'Fjordbygg AS'")
                .fetch_one(&app.db.pool)
                .await
                .unwrap();
        assert_eq!(
            manager
                .get(app.url(&format!("/customers/{bergen_id}")))
                .send()
                .await
                .unwrap()
                .status(),
            200
        );
        let res = manager
            .patch(app.url(&format!("/api/v1/customers/{bergen_id}")))
            .json(&serde_json::json!({"status": "former"}))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 403);
        assert_eq!(
            manager
                .get(app.url(&format!("/customers/{bergen_id}/edit")))
                .send()
                .await
                .unwrap()
                .status(),
            403
        );
    }
);

db_test!(
    consultant_scope_all_opens_the_whole_firm,
    config = |c| c.consultant_scope = kundekort::config::ConsultantScope::All,
    |app| {
        five(app).await;
        let berit = app.login("berit@test.no").await;
        assert_eq!(names(&berit, app, "").await.1, 5);
        assert_eq!(names(&berit, app, "scope=department").await.1, 2);
    }
);

db_test!(unknown_filter_values_are_named_not_ignored, |app| {
    let admin = app.admin().await;
    let res = admin
        .get(app.url("/api/v1/customers?status=sleeping&county=99&sort=shoe&limit=0&owner=abc"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 422);
    assert_eq!(res.headers()["content-type"], "application/problem+json");
    let json: Value = res.json().await.unwrap();
    let mut keys: Vec<&str> = json["errors"]
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    keys.sort();
    assert_eq!(keys, vec!["county", "limit", "owner", "sort", "status"]);
    // The page says so too, and still shows a list.
    let res = admin
        .get(app.url("/customers?status=sleeping"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 422);
    let body = res.text().await.unwrap();
    assert!(body.contains("status: ukjent verdi"), "{body}");
    assert!(body.contains("id=\"customer-table\"") || body.contains("Ingen kunder"));
});

db_test!(
    the_page_and_its_htmx_fragment_show_the_same_results,
    |app| {
        five(app).await;
        let ola = app.login("ola@test.no").await;
        let page = ola
            .get(app.url("/customers?county=03"))
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        assert!(page.contains("<html"), "full page");
        assert!(page.contains("Nordlys Elektro AS"));
        assert!(!page.contains("Fjordbygg AS"));
        let fragment = ola
            .get(app.url("/customers?q=elektro"))
            .header("hx-request", "true")
            .header("hx-target", "results")
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        assert!(!fragment.contains("<html"), "fragment only");
        assert!(fragment.contains("Nordlys Elektro AS"));
        assert!(fragment.contains("1 kunde"));
    }
);

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

db_test!(page_numbers_beyond_reach_are_refused, |app| {
    five(app).await;
    let admin = app.admin().await;
    for page in ["9223372036854775807", "4611686018427387905", "20002", "0"] {
        let res = admin
            .get(app.url(&format!("/customers?page={page}")))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 422, "page={page}");
        let body = res.text().await.unwrap();
        assert!(
            body.contains("Sidetallet må være et heltall fra 1 til 20001"),
            "page={page}: {body}"
        );
    }
    // The deepest page allowed is answered (and empty).
    let res = admin
        .get(app.url("/customers?page=20001"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    assert!(!res.text().await.unwrap().contains("Fjordbygg AS"));
    // The same in the firm-wide dialog list.
    let res = admin
        .get(app.url("/dialog?page=9223372036854775807"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 422);
    assert!(
        res.text()
            .await
            .unwrap()
            .contains("Sidetallet må være et heltall fra 1 til 20001")
    );
});

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

const RANKED_BYGG: &str = "CASE WHEN c.sort_name LIKE 'bygg%' THEN 0 \
    WHEN c.sort_name LIKE '% bygg%' OR c.sort_name LIKE '%-bygg%' THEN 1 ELSE 2 END, c.sort_name, c.id";

db_test!(
    large_lists_return_the_same_rows_whichever_index_is_walked,
    |app| {
        // Enough customers that the list walks the sort index instead of the filter indexes.
        kundekort::seed::large(&app.db, 4000).await.unwrap();
        let admin = app.admin().await;
        let mine = format!("c.owner_id = {} AND c.status = 'active'", app.fx.admin);
        let cases: Vec<(&str, &str, &str)> = vec![
            ("", "c.sort_name, c.id", "1 = 1"),
            ("status=active", "c.sort_name, c.id", "c.status = 'active'"),
            (
                "status=active&sort=-updated",
                "c.updated_at DESC, c.id DESC",
                "c.status = 'active'",
            ),
            (
                "status=potential&sort=customer_number",
                "c.customer_number, c.id",
                "c.status = 'potential'",
            ),
            (
                "q=bygg&sort=name",
                "c.sort_name, c.id",
                "c.search_text LIKE '%bygg%'",
            ),
            // Ranked (no sort chosen): name start, a later word's start, inside a word.
            ("q=bygg", RANKED_BYGG, "c.search_text LIKE '%bygg%'"),
            (
                "q=bygg&status=active&page=2&limit=20",
                RANKED_BYGG,
                "c.search_text LIKE '%bygg%' AND c.status = 'active'",
            ),
            (
                "scope=mine&status=active",
                "c.sort_name, c.id",
                mine.as_str(),
            ),
            // Every seeded organisation number starts with 810: a search matching thousands.
            ("q=810", "c.sort_name, c.id", "c.search_text LIKE '%810%'"),
            (
                "q=810&sort=-updated&page=3",
                "c.updated_at DESC, c.id DESC",
                "c.search_text LIKE '%810%'",
            ),
        ];
        for (query, order, condition) in cases {
            let (page, limit) = if query.contains("page=2") {
                (2, 20)
            } else if query.contains("page=3") {
                (3, 50)
            } else {
                (1, 50)
            };
            let sql = format!(
                "SELECT c.name FROM customers c WHERE {condition} ORDER BY {order} LIMIT {limit} OFFSET {}",
                (page - 1) * limit
            );
            let expected: Vec<(String,)> = sqlx::query_as(sqlx::AssertSqlSafe(sql))
                .fetch_all(&app.db.pool)
                .await
                .unwrap();
            let expected: Vec<String> = expected.into_iter().map(|(n,)| n).collect();
            let json: serde_json::Value = admin
                .get(app.url(&format!("/api/v1/customers?{query}")))
                .send()
                .await
                .unwrap()
                .json()
                .await
                .unwrap();
            let got: Vec<String> = json["items"]
                .as_array()
                .unwrap()
                .iter()
                .map(|i| i["name"].as_str().unwrap().to_string())
                .collect();
            assert!(
                !expected.is_empty(),
                "{query}: the case must match something"
            );
            assert_eq!(got, expected, "{query}");
        }
    }
);

db_test!(a_consultant_is_told_what_each_scope_shows, |app| {
    five(app).await;
    // Ola (Oslo) also holds a customer in Bergen: "all I have access to" shows it, "my
    // department" does not, and the page says so.
    app.customer(CustomerDraft {
        name: "Vestland Vask AS".into(),
        status: "active".into(),
        visit_postal_code: "5003".into(),
        owner_id: app.fx.consultant_oslo.to_string(),
        department_id: app.fx.bergen.to_string(),
        ..Default::default()
    })
    .await;
    let ola = app.login("ola@test.no").await;
    assert_eq!(
        names(&ola, app, "scope=department").await.0,
        vec![
            "Nordlys Elektro AS",
            "Ærlig Transport AS",
            "Ås Bygg og Anlegg AS"
        ]
    );
    assert_eq!(
        names(&ola, app, "scope=all").await.0,
        vec![
            "Nordlys Elektro AS",
            "Vestland Vask AS",
            "Ærlig Transport AS",
            "Ås Bygg og Anlegg AS"
        ]
    );
    let page = ola
        .get(app.url("/customers"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(page.contains("Alle jeg har tilgang til"), "{page}");
    assert!(
        page.contains(
            "id=\"scope-hint\">Du ser kundene i avdelingen din og kundene du selv er ansvarlig for."
        ),
        "{page}"
    );
    // A manager sees the whole firm: no hint, and the choice says so.
    let lise = app.login("leder@test.no").await;
    let page = lise
        .get(app.url("/customers"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(page.contains("Hele firmaet"), "{page}");
    assert!(!page.contains("id=\"scope-hint\""), "{page}");
});

db_test!(
    the_municipality_filter_offers_only_places_with_customers_and_counts_them,
    |app| {
        five(app).await;
        app.customer(CustomerDraft {
            name: "Askøy Kai AS".into(),
            status: "potential".into(),
            visit_postal_code: "5300".into(),
            owner_id: app.fx.consultant_bergen.to_string(),
            department_id: app.fx.bergen.to_string(),
            ..Default::default()
        })
        .await;
        let lise = app.login("leder@test.no").await;
        let get = |url: String| {
            let lise = lise.clone();
            async move {
                let res = lise.get(app.url(&url)).send().await.unwrap();
                assert_eq!(res.status(), 200, "{url}");
                res.text().await.unwrap()
            }
        };
        // The whole page: Vestland's municipalities with customers, with their counts; none of
        // the county's other municipalities.
        let page = get("/customers?county=46".into()).await;
        assert!(
            page.contains("<option value=\"4601\" >Bergen (2)</option>"),
            "{page}"
        );
        assert!(
            page.contains("<option value=\"4627\" >Askøy (1)</option>"),
            "{page}"
        );
        assert!(!page.contains("Kinn"), "{page}");
        // The results htmx loads as the filters change carry the choices for those filters.
        let fragment = |client: reqwest::Client, query: &'static str| async move {
            let res = client
                .get(app.url(&format!("/customers?{query}")))
                .header("hx-request", "true")
                .header("hx-target", "results")
                .send()
                .await
                .unwrap();
            assert_eq!(res.status(), 200, "{query}");
            let body = res.text().await.unwrap();
            let at = body
                .find("<select name=\"municipality\"")
                .expect("the choices");
            body[at..].trim_end().to_string()
        };
        let all = "<option value=\"\">Alle kommuner</option>";
        assert_eq!(
            fragment(lise.clone(), "county=46&status=active").await,
            format!(
                "<select name=\"municipality\" id=\"filter-municipality\" hx-swap-oob=\"true\">{all}<option value=\"4601\">Bergen (1)</option></select>"
            )
        );
        // The chosen municipality stays offered when the other filters leave it empty.
        assert!(
            fragment(lise.clone(), "county=46&status=former&municipality=4627")
                .await
                .contains(&format!(
                    "{all}<option value=\"4627\" selected>Askøy (0)</option></select>"
                ))
        );
        assert!(
            fragment(lise.clone(), "county=")
                .await
                .contains(&format!("hx-swap-oob=\"true\">{all}</select>"))
        );
        // A consultant counts only the customers they may see.
        let ola = app.login("ola@test.no").await;
        assert!(
            fragment(ola, "county=46")
                .await
                .contains(&format!("hx-swap-oob=\"true\">{all}</select>"))
        );
    }
);

db_test!(
    a_county_too_large_to_count_offers_its_municipalities_by_name,
    |app| {
        // One more than the bound in Bergen, of no department, and one former customer in
        // Askøy of the Bergen department.
        let over = kundekort::customers::list::MUNICIPALITY_COUNT_BOUND + 1;
        many_customers(app, over, 600_000, Some(("46", "4601"))).await;
        sqlx::query(
            "INSERT INTO customers (customer_number, name, status, county_no, municipality_no, \
             department_id, search_text, sort_name, created_at, updated_at) \
             VALUES (700000, 'Askøy Kai AS', 'former', '46', '4627', $1, 'askøy kai as', \
             'askoy kai as', 0, 0)",
        )
        .bind(app.fx.bergen)
        .execute(&app.db.pool)
        .await
        .unwrap();
        let choices = |client: reqwest::Client, query: &'static str| async move {
            let res = client
                .get(app.url(&format!("/customers?{query}")))
                .send()
                .await
                .unwrap();
            assert_eq!(res.status(), 200, "{query}");
            let body = res.text().await.unwrap();
            let at = body
                .find("<select name=\"municipality\"")
                .expect("the choices");
            let end = body[at..]
                .find("</select>")
                .expect("the end of the choices");
            body[at..at + end].to_string()
        };
        let admin = app.admin().await;
        // More than the bound in the county: every municipality of it, by name, none counted —
        // whatever the other filters (a filter matching few rows would otherwise make the count
        // read the whole county).
        for query in ["county=46", "county=46&status=former", "county=46&q=askøy"] {
            let found = choices(admin.clone(), query).await;
            assert!(found.contains(">Bergen</option>"), "{query}: {found}");
            assert!(found.contains(">Askøy</option>"), "{query}: {found}");
            assert!(found.contains(">Kinn</option>"), "{query}: {found}");
            assert!(!found.contains(" ("), "{query}: {found}");
        }
        let found = choices(admin.clone(), "county=46&municipality=4627").await;
        assert!(found.contains(" selected>Askøy</option>"), "{found}");
        assert!(!found.contains(" ("), "{found}");
        // A consultant who sees only their department's customers sees a small county there:
        // counted.
        let berit = app.login("berit@test.no").await;
        let found = choices(berit, "county=46").await;
        assert!(found.contains(">Askøy (1)</option>"), "{found}");
        assert!(!found.contains("Bergen"), "{found}");
    }
);
