//! A substring search in a chosen order (`q=bygg&sort=city`, issue 17, decision 0084) with more
//! matches than the total counts to: the page read along the sort's index, each row checked,
//! holds exactly the rows that sorting every match gives — when the page lies within the walk's
//! reach, and when it does not (the matches all further down the order than the walk reads) —
//! with ties, Norwegian letters, both directions, deep pages and a filter.

use crate::{
    customer_keyset::{NAMES, ids, insert_customers, list},
    db_test,
};
use kundekort::customers::list::TOTAL_BOUND;

/// Cities that all sort before "Vardø", by bytes and in any collation.
const CITIES: [&str; 5] = ["Bergen", "Bø", "Hamar", "Alta", "Lom"];

db_test!(
    a_sorted_search_walked_along_its_order_equals_sorting_every_match,
    |app| {
        // 4,800 customers in cities before Vardø, a third of them (and three names in seven)
        // holding "bygg"; then 1,200 "Fjellstue" in Vardø, beyond the first 4,000 by city.
        insert_customers(
            app,
            (0..6_000_i64).map(|i| {
                let (name, city) = if i < 4_800 {
                    let bygg = if i % 3 == 0 { " Bygg" } else { "" };
                    (
                        format!("{}{bygg} {}", NAMES[(i % 7) as usize], i % 13),
                        CITIES[(i % 5) as usize],
                    )
                } else {
                    (format!("Fjellstue {}", i % 11), "Vardø")
                };
                let status = ["active", "potential", "former", "active"][(i % 4) as usize];
                (600_000 + i, name, status, Some(city), i % 17)
            }),
        )
        .await;
        let admin = app.admin().await;

        // (query, word, extra condition, order, limit, offset)
        let city = "COALESCE(c.visit_city, c.postal_city, '')";
        let cases = [
            (
                "q=bygg&sort=city&limit=50",
                "bygg",
                "",
                format!("{city} ASC, c.id ASC"),
                50,
                0,
            ),
            (
                "q=bygg&sort=-city&limit=20&page=3",
                "bygg",
                "",
                format!("{city} DESC, c.id DESC"),
                20,
                40,
            ),
            (
                "q=bygg&sort=status&limit=30&page=2",
                "bygg",
                "",
                "c.status ASC, c.sort_name ASC, c.id ASC".to_string(),
                30,
                30,
            ),
            (
                "q=bygg&sort=-updated&status=active&limit=25",
                "bygg",
                " AND c.status = 'active'",
                "c.updated_at DESC, c.id DESC".to_string(),
                25,
                0,
            ),
            (
                "q=bygg&sort=name&limit=40&page=2",
                "bygg",
                "",
                "c.sort_name ASC, c.id ASC".to_string(),
                40,
                40,
            ),
            // Every "fjell" lies beyond the walk in this order: the matches are sorted instead.
            (
                "q=fjell&sort=city&limit=50",
                "fjell",
                "",
                format!("{city} ASC, c.id ASC"),
                50,
                0,
            ),
            // And first in this one.
            (
                "q=fjell&sort=-city&limit=50",
                "fjell",
                "",
                format!("{city} DESC, c.id DESC"),
                50,
                0,
            ),
        ];
        for (query, word, condition, order, limit, offset) in cases {
            let json = list(&admin, app, query).await;
            assert_eq!(
                json["total_is_exact"], false,
                "{query}: more matches than {TOTAL_BOUND}"
            );
            let ids = ids(&json);
            let expected: Vec<i64> = sqlx::query_scalar(sqlx::AssertSqlSafe(format!(
                "SELECT c.id FROM customers c WHERE c.search_text LIKE $1{condition} \
             ORDER BY {order} LIMIT $2 OFFSET $3"
            )))
            .bind(format!("%{word}%"))
            .bind(limit)
            .bind(offset)
            .fetch_all(&app.db.pool)
            .await
            .unwrap();
            assert_eq!(expected.len() as i64, limit, "{query}");
            assert_eq!(ids, expected, "{query}");
        }
    }
);
