//! Keyset paging of the customer list (issue 17): the next-page links and the API's `next_after`
//! carry the page's last customer, and the page read on from it holds exactly the rows of the
//! `OFFSET` page with the same number — with ties, Norwegian letters, both directions, a filter
//! and a search with a chosen sort.

use kundekort::{collate::sort_key, db::bulk::Rows};
use serde_json::Value;

use crate::{db_test, support::TestApp};

/// Names with Norwegian letters, hyphens and shared words, for ties.
pub(crate) const NAMES: [&str; 7] = [
    "Bygg AS",
    "Ås Rør",
    "Ærlig Transport",
    "Øvre-Bygg",
    "Åsen Bygg",
    "Hansen",
    "Ørsta Elektro",
];

/// Writes customers straight into the table, as many as the tests of the list's orders need —
/// `(customer number, name, status, city, last change)` each, the search text and sort key made
/// as the application makes them — and the name words for them.
pub(crate) async fn insert_customers(
    app: &TestApp,
    customers: impl IntoIterator<Item = (i64, String, &'static str, Option<&'static str>, i64)>,
) {
    let mut rows = Rows::new(
        "INSERT INTO customers (customer_number, name, status, visit_city, search_text, \
         sort_name, created_at, updated_at) VALUES ",
        200,
    );
    for (number, name, status, city, updated_at) in customers {
        let search_text = match city {
            Some(city) => format!("{} {}", name.to_lowercase(), city.to_lowercase()),
            None => name.to_lowercase(),
        };
        rows.row()
            .push("(")
            .bind(number)
            .push(", ")
            .bind(name.clone())
            .push(", ")
            .bind(status)
            .push(", ")
            .bind(city.map(str::to_string))
            .push(", ")
            .bind(search_text)
            .push(", ")
            .bind(sort_key(&name))
            .push(", 0, ")
            .bind(updated_at)
            .push(")");
    }
    let mut conn = app.db.pool.acquire().await.unwrap();
    rows.execute(&mut conn).await.unwrap();
    kundekort::customers::name_words::rebuild(&mut conn)
        .await
        .unwrap();
}

/// The API's answer to `/api/v1/customers?{query}`.
pub(crate) async fn list(client: &reqwest::Client, app: &TestApp, query: &str) -> Value {
    let res = client
        .get(app.url(&format!("/api/v1/customers?{query}")))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200, "{query}");
    res.json().await.unwrap()
}

/// The ids of an API answer's page.
pub(crate) fn ids(json: &Value) -> Vec<i64> {
    json["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["id"].as_i64().unwrap())
        .collect()
}

db_test!(keyset_pages_equal_the_offset_pages, |app| {
    // Ties in name (13 of each), in last change (17 values) and in status.
    insert_customers(
        app,
        (0..1_200_i64).map(|i| {
            let name = format!("{} {}", NAMES[(i % 7) as usize], i % 13);
            let status = ["active", "potential", "former"][(i % 3) as usize];
            (700_000 + i, name, status, None, i % 17)
        }),
    )
    .await;
    let admin = app.admin().await;

    for query in [
        "limit=50",
        "sort=-name&limit=50",
        "sort=customer_number&limit=100",
        "sort=-updated&limit=37",
        "sort=updated&status=active&limit=30",
        "q=bygg&sort=name&limit=40",
        "q=bygg&sort=-updated&limit=25",
        // Small pages, whose last one is short.
        "q=bygg&sort=name&limit=7",
        "sort=-updated&status=former&limit=9",
    ] {
        let limit: usize = query.rsplit("limit=").next().unwrap().parse().unwrap();
        let mut json = list(&admin, app, query).await;
        let mut pages = 1;
        while let Some(next) = json["next_page"].as_i64() {
            // Every page but the last is full, and no more.
            assert_eq!(ids(&json).len(), limit, "{query} page {}", next - 1);
            let after = json["next_after"]
                .as_i64()
                .unwrap_or_else(|| panic!("{query}: next_after on page {}", next - 1));
            assert_eq!(after, *ids(&json).last().unwrap(), "{query}");
            let keyset = list(&admin, app, &format!("{query}&page={next}&after={after}")).await;
            let offset = list(&admin, app, &format!("{query}&page={next}")).await;
            assert_eq!(ids(&keyset), ids(&offset), "{query} page {next}");
            assert!(!ids(&keyset).is_empty(), "{query} page {next}");
            assert_eq!(keyset["page"], next);
            assert_eq!(
                keyset["next_page"], offset["next_page"],
                "{query} page {next}"
            );
            json = keyset;
            pages += 1;
        }
        assert!(pages >= 3, "{query}: {pages} pages");
        assert_eq!(json["next_after"], Value::Null, "{query}: the last page");
    }

    // A ranked page of 5 is the first 5 of the page of 50.
    let five = list(&admin, app, "q=bygg&limit=5").await;
    let fifty = list(&admin, app, "q=bygg&limit=50").await;
    assert_eq!(ids(&five), ids(&fifty)[..5]);

    // A ranked search is not read on from a row (its order is not an index's): no `next_after`.
    let ranked = list(&admin, app, "q=bygg").await;
    assert_eq!(ranked["next_page"], 2);
    assert_eq!(ranked["next_after"], Value::Null);

    // The page's next link carries the last customer; following it gives page 2.
    let first = list(&admin, app, "").await;
    let last = *ids(&first).last().unwrap();
    let html = admin
        .get(app.url("/customers"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        html.contains(&format!("/customers?page=2&#38;after={last}\"")),
        "next link"
    );
    let html = admin
        .get(app.url(&format!("/customers?page=2&after={last}")))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let second = list(&admin, app, "page=2").await;
    let first_name = second["items"][0]["name"].as_str().unwrap();
    assert!(html.contains(first_name), "{first_name}");
    // The previous link is the plain page number.
    assert!(html.contains("/customers?page=1\"") || html.contains("href=\"/customers?\""));

    // The customer a link names is gone: the page number alone counts.
    sqlx::query("DELETE FROM customers WHERE id = $1")
        .bind(last)
        .execute(&app.db.pool)
        .await
        .unwrap();
    assert_eq!(
        ids(&list(&admin, app, &format!("page=2&after={last}")).await),
        ids(&list(&admin, app, "page=2").await)
    );
    // Not a customer id: refused like any bad parameter.
    let res = admin
        .get(app.url("/api/v1/customers?after=x"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 422);
});

db_test!(deep_pages_in_every_order_hold_the_first_pages_rows, |app| {
    // A page with an offset reads only the ids first (without the owner and department joins,
    // unless the order needs their names), then the rows: it must hold the same rows as the
    // same stretch of one long first page, which reads whole rows in one statement.
    let mut conn = app.db.pool.acquire().await.unwrap();
    let mut owners = Vec::new();
    let mut departments = Vec::new();
    for (i, name) in ["Østre", "Apen", "Åsane"].iter().enumerate() {
        let dep: i64 = sqlx::query_scalar(
            "INSERT INTO departments (name, created_at) VALUES ($1, 0) RETURNING id",
        )
        .bind(format!("{name} avdeling"))
        .fetch_one(&mut *conn)
        .await
        .unwrap();
        departments.push(dep);
        let owner: i64 = sqlx::query_scalar(
            "INSERT INTO users (email, name, password_hash, role, department_id, created_at, \
             updated_at) VALUES ($1, $2, 'x', 'consultant', $3, 0, 0) RETURNING id",
        )
        .bind(format!("eier{i}@example.no"))
        .bind(format!("{name} Eier"))
        .bind(dep)
        .fetch_one(&mut *conn)
        .await
        .unwrap();
        owners.push(owner);
    }
    let mut rows = Rows::new(
        "INSERT INTO customers (customer_number, name, org_number, status, owner_id, \
         department_id, visit_city, search_text, sort_name, created_at, updated_at, \
         last_activity_at) VALUES ",
        100,
    );
    for i in 0..300_i64 {
        let name = format!("{} {}", NAMES[(i % 7) as usize], i % 11);
        // Ties in every column, and some without an owner, department, city, number or
        // activity.
        let owner = (i % 4 < 3).then(|| owners[(i % 3) as usize]);
        let department = (i % 5 < 4).then(|| departments[(i % 3) as usize]);
        let org = (i % 6 > 0).then(|| format!("{}", 900_000_000 + i * 7 % 300));
        let city = (i % 7 > 0).then(|| ["Ås", "Bø", "Oslo"][(i % 3) as usize].to_string());
        let activity = (i % 3 > 0).then_some(i % 13);
        rows.row()
            .push("(")
            .bind(800_000 + i)
            .push(", ")
            .bind(name.clone())
            .push(", ")
            .bind(org)
            .push(", ")
            .bind(["active", "potential", "former"][(i % 3) as usize])
            .push(", ")
            .bind(owner)
            .push(", ")
            .bind(department)
            .push(", ")
            .bind(city)
            .push(", ")
            .bind(name.to_lowercase())
            .push(", ")
            .bind(sort_key(&name))
            .push(", 0, ")
            .bind(i % 17)
            .push(", ")
            .bind(activity)
            .push(")");
    }
    rows.execute(&mut conn).await.unwrap();
    drop(conn);
    let admin = app.admin().await;

    for sort in [
        "name",
        "customer_number",
        "org_number",
        "city",
        "status",
        "owner",
        "department",
        "updated",
        "last_activity",
    ] {
        for order in [sort.to_string(), format!("-{sort}")] {
            for filter in ["", "&status=active"] {
                let query = format!("sort={order}{filter}");
                let whole = ids(&list(&admin, app, &format!("{query}&limit=300")).await);
                assert!(whole.len() >= 100, "{query}");
                let deep = ids(&list(&admin, app, &format!("{query}&limit=20&page=3")).await);
                assert_eq!(deep, whole[40..60], "{query}");
            }
        }
    }
});
