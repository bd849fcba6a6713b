//! A search with no more matches than the total counts to reads their ids once, with the count,
//! and sorts the page from them — on the first request and, from the count cache, on the next
//! ones (decision 0085). The pages are those that sorting every match with the substring index
//! gives, in every order, with filters and deep pages (a ranked page is a slice of the ids, kept
//! in the ranked order); a customer changed since no longer matching is left out at once,
//! whoever changed it.

use crate::{
    customer_keyset::{NAMES, ids, insert_customers, list},
    db_test,
};
use kundekort::{collate::sort_key, customers::list::TOTAL_BOUND};

const CITIES: [&str; 4] = ["Ørsta", "Bø", "Alta", "Hamar"];

db_test!(
    a_page_sorted_from_the_ids_the_count_read_equals_sorting_every_match,
    |app| {
        // 1,400 customers; "fjord" in 700 of them: at the start of the name, at a later word's
        // start or inside a word — fewer than the bound, so the total is exact.
        insert_customers(
            app,
            (0..1_400_i64).map(|i| {
                let name = match i % 6 {
                    0 => format!("Fjord {} {}", NAMES[(i % 7) as usize], i % 11),
                    1 => format!("{} Fjord {}", NAMES[(i % 7) as usize], i % 11),
                    2 => format!("Vestfjord {} {}", NAMES[(i % 7) as usize], i % 11),
                    _ => format!("{} {}", NAMES[(i % 7) as usize], i % 13),
                };
                let status = ["active", "potential", "former"][(i % 3) as usize];
                (
                    700_000 + i,
                    name,
                    status,
                    Some(CITIES[(i % 4) as usize]),
                    i % 19,
                )
            }),
        )
        .await;
        let admin = app.admin().await;

        let term = sort_key("fjord");
        let ranked = format!(
            "CASE WHEN c.sort_name LIKE '{term}%' THEN 0 WHEN c.sort_name LIKE '% {term}%' \
             OR c.sort_name LIKE '%-{term}%' THEN 1 ELSE 2 END, c.sort_name, c.id"
        );
        let city = "COALESCE(c.visit_city, c.postal_city, '')";
        // (query, extra condition, order, limit, offset)
        let cases = [
            ("q=fjord&limit=50", "", ranked.clone(), 50, 0),
            ("q=fjord&limit=20&page=7", "", ranked.clone(), 20, 120),
            (
                "q=fjord&status=active&limit=30&page=2",
                " AND c.status = 'active'",
                ranked.clone(),
                30,
                30,
            ),
            (
                "q=fjord&sort=city&limit=50",
                "",
                format!("{city} ASC, c.id ASC"),
                50,
                0,
            ),
            (
                "q=fjord&sort=-name&limit=40&page=3",
                "",
                "c.sort_name DESC, c.id DESC".to_string(),
                40,
                80,
            ),
            (
                "q=fjord+%C3%B8rsta&sort=-updated&limit=25",
                " AND c.search_text LIKE '%ørsta%'",
                "c.updated_at DESC, c.id DESC".to_string(),
                25,
                0,
            ),
        ];
        for (query, condition, order, limit, offset) in &cases {
            let expected: Vec<i64> = sqlx::query_scalar(sqlx::AssertSqlSafe(format!(
                "SELECT c.id FROM customers c WHERE c.search_text LIKE '%fjord%'{condition} \
                 ORDER BY {order} LIMIT $1 OFFSET $2"
            )))
            .bind(limit)
            .bind(offset)
            .fetch_all(&app.db.pool)
            .await
            .unwrap();
            let (total,): (i64,) = sqlx::query_as(sqlx::AssertSqlSafe(format!(
                "SELECT COUNT(*) FROM customers c WHERE c.search_text LIKE '%fjord%'{condition}"
            )))
            .fetch_one(&app.db.pool)
            .await
            .unwrap();
            assert!(
                total <= TOTAL_BOUND && expected.len() as i64 == *limit,
                "{query}"
            );
            // The first request reads the ids with the count; the second takes them from the
            // count cache.
            for round in ["first", "again"] {
                let json = list(&admin, app, query).await;
                assert_eq!(json["total"], total, "{query} ({round})");
                assert_eq!(json["total_is_exact"], true, "{query} ({round})");
                assert_eq!(ids(&json), expected, "{query} ({round})");
            }
        }

        // A customer changed so that it no longer matches leaves the page at once: renamed
        // through the API (which drops the cached matches) …
        let query = "q=fjord&limit=50";
        let first = ids(&list(&admin, app, query).await)[0];
        let res = admin
            .patch(app.url(&format!("/api/v1/customers/{first}")))
            .json(&serde_json::json!({"name": "Solgløtt Bygg AS"}))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 200);
        let json = list(&admin, app, query).await;
        assert!(!ids(&json).contains(&first), "renamed through the API");
        // … or by a writer this server does not hear of (another instance): the ids are still
        // cached, and each row is checked again. The page is then one short (the rest keep
        // their places) until the ids go stale, a few seconds later, and are read again.
        let before = ids(&json);
        let second = before[0];
        sqlx::query(
            "UPDATE customers SET name = 'Solgløtt Rør AS', search_text = 'solgløtt rør as', \
             sort_name = $1 WHERE id = $2",
        )
        .bind(sort_key("Solgløtt Rør AS"))
        .bind(second)
        .execute(&app.db.pool)
        .await
        .unwrap();
        let again = ids(&list(&admin, app, query).await);
        assert!(!again.contains(&second), "changed by another writer");
        assert!(again.len() >= 49, "{again:?}");
        assert_eq!(again[..49], before[1..], "the others keep their places");
    }
);

db_test!(
    kept_matches_never_show_a_customer_moved_out_of_sight,
    |app| {
        let (oslo, bergen) = (app.fx.oslo, app.fx.bergen);
        insert_customers(
            app,
            (0..40_i64).map(|i| (800_000 + i, format!("Fjordsikt {i:02}"), "active", None, 0)),
        )
        .await;
        // Thirty in Oslo, ten in Bergen.
        sqlx::query(
            "UPDATE customers SET department_id = CASE WHEN customer_number < 800030 THEN $1 \
             ELSE $2 END WHERE customer_number >= 800000",
        )
        .bind(oslo)
        .bind(bergen)
        .execute(&app.db.pool)
        .await
        .unwrap();
        let ola = app.login("ola@test.no").await;
        let query = "q=fjordsikt&scope=all&limit=50";
        let first = list(&ola, app, query).await;
        assert_eq!(
            first["total"], 30,
            "a consultant in Oslo sees Oslo's customers"
        );
        let seen = ids(&first);
        assert_eq!(seen.len(), 30);
        // Another server moves one to Bergen: the ids kept with the count still hold it, and
        // the page leaves it out all the same.
        sqlx::query("UPDATE customers SET department_id = $1 WHERE id = $2")
            .bind(bergen)
            .bind(seen[3])
            .execute(&app.db.pool)
            .await
            .unwrap();
        for query in [query, "q=fjordsikt&scope=all&sort=-name&limit=50"] {
            let again = ids(&list(&ola, app, query).await);
            assert!(!again.contains(&seen[3]), "{query}: {again:?}");
            assert_eq!(again.len(), 29, "{query}");
        }
    }
);
