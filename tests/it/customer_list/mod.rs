//! The customer list: search, scope, filters, sorting and paging. Who sees what is in [`access`],
//! the export in [`export`], the municipality filter's choices in [`municipalities`].

mod access;
mod export;
mod municipalities;

use kundekort::customers::model::CustomerDraft;
use serde_json::Value;

use crate::{db_test, support::TestApp};

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
