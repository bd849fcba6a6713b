//! SQLite plans a range of names along the name index, never as a skip-scan of a
//! `(filter, sort_name, id)` index (decision 0080): with the statistics of a million customers
//! it chose a skip-scan of `customers_owner_sort_id` (every owner's part of the range read,
//! then sorted: 65 ms for "vest" against 0.2 ms; here, with fewer samples, of another such index) until `Db::no_skip_scan_by_name` marked those indexes, and a
//! connection opened before the marking plans with it too. And with the same statistics, a page
//! far down a list sorted by last change, last activity, city, organisation number, owner or
//! department reads its ids from an index alone (decisions 0082 and 0083). SQLite only: PostgreSQL has no skip-scan, and plans by its own statistics.

use kundekort::db::Db;
use sqlx::Row;

use crate::support::app::{Backend, with_empty_database};

/// The statistics of the customers table at a million customers (see the file's header).
const MILLION: &str = include_str!("../fixtures/customers_statistics_1m.sql");

/// The search's rank-0 read, as `customers::list::ranked` sends it: the names starting with a
/// word that also hold a second one, a page of them in name order.
const NAME_RANGE: &str = "SELECT c.id FROM customers c LEFT JOIN users u ON u.id = c.owner_id \
     LEFT JOIN departments d ON d.id = c.department_id WHERE 1 = 1 AND c.search_text LIKE $1 \
     AND c.sort_name >= $2 AND c.sort_name < $3 ORDER BY c.sort_name, c.id LIMIT $4";

/// How `conn` plans [`NAME_RANGE`] for names starting with `word`, `limit` rows, after running
/// it once as the list does: the plan's lines joined. (Running it is what makes a connection
/// notice a changed schema: `EXPLAIN` alone opens no transaction, where the check is made.)
async fn plan(conn: &mut sqlx::AnyConnection, word: &str, limit: i64) -> String {
    let mut detail = Vec::new();
    for explain in [false, true] {
        let prefix = if explain { "EXPLAIN QUERY PLAN " } else { "" };
        let rows = sqlx::query(sqlx::AssertSqlSafe(format!("{prefix}{NAME_RANGE}")))
            .bind(format!("%{word}%"))
            .bind(word.to_string())
            .bind(format!("{word}\u{10FFFF}"))
            .bind(limit)
            .fetch_all(&mut *conn)
            .await
            .unwrap();
        if explain {
            detail = rows.iter().map(|row| row.get::<String, _>(3)).collect();
        }
    }
    detail.join(" / ")
}

/// How many rows of `sqlite_stat1` belong to the customers' `(filter, sort_name, id)` indexes,
/// and how many of them say `noskipscan`.
async fn name_order_stats(db: &Db) -> (i64, i64) {
    sqlx::query_as(
        "SELECT COUNT(*), COALESCE(SUM(stat LIKE '% noskipscan'), 0) FROM sqlite_stat1 \
         WHERE tbl = 'customers' AND idx LIKE 'customers\\_%\\_sort\\_id' ESCAPE '\\'",
    )
    .fetch_one(&db.pool)
    .await
    .unwrap()
}

/// Creates the statistics tables and puts the million customers' rows in them; returns a
/// connection that has read them.
async fn million_statistics(db: &Db) -> sqlx::pool::PoolConnection<sqlx::Any> {
    sqlx::raw_sql("ANALYZE").execute(&db.pool).await.unwrap();
    sqlx::raw_sql("DELETE FROM sqlite_stat1; DELETE FROM sqlite_stat4")
        .execute(&db.pool)
        .await
        .unwrap();
    sqlx::raw_sql(MILLION).execute(&db.pool).await.unwrap();
    let mut conn = db.pool.acquire().await.unwrap();
    sqlx::raw_sql("ANALYZE sqlite_schema")
        .execute(&mut *conn)
        .await
        .unwrap();
    conn
}

async fn stat(db: &Db, index: &str) -> String {
    sqlx::query_scalar("SELECT stat FROM sqlite_stat1 WHERE idx = $1")
        .bind(index)
        .fetch_one(&db.pool)
        .await
        .unwrap()
}

#[tokio::test]
async fn a_range_of_names_is_never_a_skip_scan() {
    with_empty_database(Backend::Sqlite, async |db: &Db| {
        db.migrate().await.unwrap();
        // Migration 0055's name index carries the search text, and with it the planner takes
        // the name order for this read by itself (the test below); without it the statistics
        // make the skip-scan the marking is for, as before that migration.
        sqlx::raw_sql("DROP INDEX customers_sort_name_search")
            .execute(&db.pool)
            .await
            .unwrap();
        // Nothing analysed yet: nothing to mark.
        assert_eq!(db.no_skip_scan_by_name().await.unwrap(), 0);
        // A connection that reads them now, and stays open while they are marked.
        let mut early = million_statistics(db).await;
        for limit in [5, 50] {
            let before = plan(&mut early, "vest", limit).await;
            assert!(
                before.contains("_sort_id (ANY(") && before.contains("TEMP B-TREE"),
                "the fixture no longer reproduces the skip-scan: {before}"
            );
        }

        // Every index whose second column is the name, and no other.
        let marked = db.no_skip_scan_by_name().await.unwrap();
        assert_eq!(marked, 5);
        for index in [
            "customers_status_sort_id",
            "customers_owner_sort_id",
            "customers_department_sort_id",
            "customers_county_sort_id",
            "customers_municipality_sort_id",
        ] {
            assert!(stat(db, index).await.ends_with(" noskipscan"), "{index}");
        }
        for index in ["customers_sort_name_id", "customers_county_facets"] {
            assert!(!stat(db, index).await.contains("noskipscan"), "{index}");
        }

        // The connection opened before plans along the name index from its next statement.
        for (word, limit) in [("vest", 5), ("vest", 50), ("ve", 1), ("b", 20)] {
            let after = plan(&mut early, word, limit).await;
            assert!(
                after.starts_with(
                    "SEARCH c USING INDEX customers_sort_name_id (sort_name>? AND sort_name<?)"
                ) && !after.contains("TEMP B-TREE"),
                "{word} {limit}: {after}"
            );
        }
        drop(early);

        // Marked once: nothing the second time, and the schema is left alone.
        let version: i64 = sqlx::query_scalar("PRAGMA schema_version")
            .fetch_one(&db.pool)
            .await
            .unwrap();
        assert_eq!(db.no_skip_scan_by_name().await.unwrap(), 0);
        let again: i64 = sqlx::query_scalar("PRAGMA schema_version")
            .fetch_one(&db.pool)
            .await
            .unwrap();
        assert_eq!(again, version);

        // `ANALYZE` writes the rows anew without the tokens; the refresh marks them again.
        kundekort::seed::large(db, 200).await.unwrap();
        sqlx::raw_sql("ANALYZE").execute(&db.pool).await.unwrap();
        assert_eq!(name_order_stats(db).await, (5, 0));
        db.refresh_statistics().await.unwrap();
        assert_eq!(name_order_stats(db).await, (5, 5));
    })
    .await
}

#[tokio::test]
async fn a_range_of_names_reads_the_name_index_that_carries_the_search_text() {
    with_empty_database(Backend::Sqlite, async |db: &Db| {
        db.migrate().await.unwrap();
        // The million customers' statistics, not yet marked `noskipscan`: the index that
        // carries the search text wins by itself (decision 0085).
        let mut conn = million_statistics(db).await;
        for (word, limit) in [("vest", 5), ("vest", 50), ("ve", 1), ("b", 20)] {
            let plan = plan(&mut conn, word, limit).await;
            assert!(
                plan.starts_with(
                    "SEARCH c USING INDEX customers_sort_name_search (sort_name>? AND sort_name<?)"
                ) && !plan.contains("TEMP B-TREE"),
                "{word} {limit}: {plan}"
            );
        }
    })
    .await
}

/// A page far down the list (its ids only, as `customers::list::query` reads a deep page), in a
/// county, by `order`; SQLite's plan for it, the lines joined.
async fn deep_page_plan(conn: &mut sqlx::AnyConnection, order: &str) -> String {
    let sql = format!(
        "EXPLAIN QUERY PLAN SELECT c.id FROM customers c WHERE 1 = 1 AND +c.county_no = $1 \
         AND +c.status = $2 ORDER BY {order} LIMIT $3 OFFSET $4"
    );
    let rows = sqlx::query(sqlx::AssertSqlSafe(sql))
        .bind("46")
        .bind("active")
        .bind(50_i64)
        .bind(4950_i64)
        .fetch_all(&mut *conn)
        .await
        .unwrap();
    let detail: Vec<String> = rows.iter().map(|row| row.get::<String, _>(3)).collect();
    detail.join(" / ")
}

#[tokio::test]
async fn a_deep_page_in_any_sort_order_is_read_from_an_index_alone() {
    with_empty_database(Backend::Sqlite, async |db: &Db| {
        db.migrate().await.unwrap();
        let mut conn = million_statistics(db).await;
        for (order, index) in [
            ("c.updated_at DESC, c.id DESC", "customers_updated_filters"),
            ("c.updated_at ASC, c.id ASC", "customers_updated_filters"),
            (
                "COALESCE(c.last_activity_at, 0) DESC, c.id DESC",
                "customers_last_activity_filters",
            ),
            (
                "COALESCE(c.last_activity_at, 0) ASC, c.id ASC",
                "customers_last_activity_filters",
            ),
            (
                "COALESCE(c.visit_city, c.postal_city, '') DESC, c.id DESC",
                "customers_city_filters",
            ),
            (
                "COALESCE(c.org_number, '') ASC, c.id ASC",
                "customers_org_number_filters",
            ),
            (
                "c.owner_sort ASC, c.sort_name ASC, c.id ASC",
                "customers_owner_sort_filters",
            ),
            (
                "c.department_sort DESC, c.sort_name DESC, c.id DESC",
                "customers_department_sort_filters",
            ),
        ] {
            let plan = deep_page_plan(&mut conn, order).await;
            // In order, the county and status checked on the index's own columns: no row read
            // to check them, and nothing sorted.
            assert_eq!(
                plan,
                format!("SCAN c USING COVERING INDEX {index}"),
                "{order}"
            );
        }
    })
    .await
}
