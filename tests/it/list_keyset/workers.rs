//! Workers: `/workers` and the API, and their order on a PostgreSQL database with a language
//! collation (migration 0050).

use std::panic::AssertUnwindSafe;

use futures::FutureExt;
use kundekort::{
    collate::sort_key,
    db::{Db, bulk::Rows},
    workers::{model::Status, store as workers},
};

use super::{get_html, get_json, item_ids, next_link, walk_api};
use crate::{
    db_test,
    support::app::{Backend, postgres_url, with_empty_database},
};

/// Worker names with æ, ø, å and hyphens: the sort key's order is not the alphabet's byte order
/// nor a language collation's.
const WORKER_NAMES: [&str; 9] = [
    "Zakariassen Ola",
    "Ås Kari",
    "Ærø Per",
    "Øren Lise",
    "Aas Nils",
    "Berg Åse",
    "Berg-Ødegård Ali",
    "Hansen Eva",
    "Ørsta Jon",
];

/// `n` workers: the nine names × 23 suffixes (every full name about twelve times, in scattered
/// id order); statuses in turn; every fourth with `responsible` as their responsible.
async fn insert_workers(db: &Db, n: i64, responsible: Option<i64>) {
    let mut rows = Rows::new(
        "INSERT INTO workers (name, status, responsible_id, search_text, sort_name, created_at, \
         updated_at) VALUES ",
        100,
    );
    for i in 0..n {
        let name = format!("{} {}", WORKER_NAMES[(i % 9) as usize], (i * 7) % 23);
        rows.row()
            .push("(")
            .bind(name.clone())
            .push(", ")
            .bind(["candidate", "employee", "former"][(i % 3) as usize])
            .push(", ")
            .bind(responsible.filter(|_| i % 4 == 0))
            .push(", ")
            .bind(name.to_lowercase())
            .push(", ")
            .bind(sort_key(&name))
            .push(", 0, 0)");
    }
    let mut conn = db.pool.acquire().await.unwrap();
    rows.execute(&mut conn).await.unwrap();
}

db_test!(worker_pages_read_on_from_the_last_worker, |app| {
    let ola = app.fx.consultant_oslo;
    insert_workers(&app.db, 2_700, Some(ola)).await;

    let all: Vec<(i64, String, String, Option<i64>)> =
        sqlx::query_as("SELECT id, name, status, responsible_id FROM workers")
            .fetch_all(&app.db.pool)
            .await
            .unwrap();
    // The order the list promises, computed here: the Norwegian sort key, then the id.
    let mut expected = all.clone();
    expected.sort_by_key(|w| (sort_key(&w.1), w.0));
    let plain: Vec<(i64,)> = sqlx::query_as("SELECT id FROM workers ORDER BY sort_name, id")
        .fetch_all(&app.db.pool)
        .await
        .unwrap();
    let order: Vec<i64> = expected.iter().map(|w| w.0).collect();
    assert_eq!(plain.into_iter().map(|r| r.0).collect::<Vec<_>>(), order);
    // æ, ø, å after z.
    let pos = |prefix: &str| {
        expected
            .iter()
            .position(|w| w.1.starts_with(prefix))
            .unwrap()
    };
    assert!(pos("Zakariassen") < pos("Ærø") && pos("Ærø") < pos("Øren") && pos("Øren") < pos("Ås"));

    let admin = app.admin().await;
    let ola_client = app.login("ola@test.no").await;
    assert_eq!(walk_api(&admin, app, "/api/v1/workers", "").await, order);
    let employees: Vec<i64> = expected
        .iter()
        .filter(|w| w.2 == "employee")
        .map(|w| w.0)
        .collect();
    assert_eq!(
        walk_api(&admin, app, "/api/v1/workers", "status=employee").await,
        employees
    );
    // "Mine": the consultant's pages hold only the workers they are responsible for, all of them.
    let mine: Vec<i64> = expected
        .iter()
        .filter(|w| w.3 == Some(ola))
        .map(|w| w.0)
        .collect();
    assert_eq!(
        walk_api(&ola_client, app, "/api/v1/workers", "mine=1").await,
        mine
    );

    // The page's "next" links carry the last worker and read the list to its end.
    let html = get_html(&admin, app, "/workers").await;
    let first_page: Vec<i64> = order[..50].to_vec();
    let next = next_link(&html).unwrap();
    assert!(
        next.contains(&format!("page=2&after={}", first_page[49])),
        "{next}"
    );
    let json = get_json(&admin, app, &format!("/api/v1/{}", &next[1..])).await;
    assert_eq!(item_ids(&json), order[50..100].to_vec());
    let html = get_html(&admin, app, &next).await;
    assert!(
        html.contains(&format!("page=3&#38;after={}", order[99]))
            || html.contains(&format!("page=3&amp;after={}", order[99]))
    );
    // A worker that is gone: the page number counts; not an id: refused.
    sqlx::query("DELETE FROM workers WHERE id = $1")
        .bind(order[49])
        .execute(&app.db.pool)
        .await
        .unwrap();
    let json = get_json(
        &admin,
        app,
        &format!("/api/v1/workers?page=2&after={}", order[49]),
    )
    .await;
    assert_eq!(item_ids(&json), order[51..101].to_vec());
    let res = admin
        .get(app.url("/api/v1/workers?after=x"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 422);
});

/// Reads the worker list page by page through `after` (each page also by its number, as
/// `OFFSET`), with `status` as the only filter; every worker's id in the order read.
async fn walk_workers(db: &Db, status: Option<Status>) -> Vec<i64> {
    let today = time::Date::from_calendar_date(2026, time::Month::December, 6).unwrap();
    let filter = |page: i64, after: Option<i64>| workers::Filter {
        status,
        page,
        after,
        ..Default::default()
    };
    let mut read: Vec<i64> = Vec::new();
    let mut page = 1;
    loop {
        let keyset = workers::list(db, &filter(page, read.last().copied()), today)
            .await
            .unwrap();
        let offset = workers::list(db, &filter(page, None), today).await.unwrap();
        let ids: Vec<i64> = keyset.rows.iter().map(|r| r.worker.id).collect();
        let by_number: Vec<i64> = offset.rows.iter().map(|r| r.worker.id).collect();
        assert_eq!(ids, by_number, "page {page}");
        read.extend(ids);
        if !keyset.more {
            return read;
        }
        page += 1;
    }
}

/// The worker list on `db` (migrated here): 2,700 workers with æ, ø, å, hyphens and ties, read
/// through `after` and by page number, in exactly the order of `collate::sort_key` then id —
/// also as the plain `ORDER BY` of the database gives it.
async fn workers_in_byte_order(db: &Db) {
    db.migrate().await.unwrap();
    insert_workers(db, 2_700, None).await;
    let all: Vec<(i64, String, String)> = sqlx::query_as("SELECT id, name, status FROM workers")
        .fetch_all(&db.pool)
        .await
        .unwrap();
    let mut expected = all.clone();
    expected.sort_by_key(|w| (sort_key(&w.1), w.0));
    let order: Vec<i64> = expected.iter().map(|w| w.0).collect();
    let plain: Vec<(i64,)> = sqlx::query_as("SELECT id FROM workers ORDER BY sort_name, id")
        .fetch_all(&db.pool)
        .await
        .unwrap();
    assert_eq!(plain.into_iter().map(|r| r.0).collect::<Vec<_>>(), order);
    assert_eq!(walk_workers(db, None).await, order);
    // Along `workers_status_sort_id (status, sort_name, id)`.
    let employees: Vec<i64> = expected
        .iter()
        .filter(|w| w.2 == "employee")
        .map(|w| w.0)
        .collect();
    assert_eq!(walk_workers(db, Some(Status::Employee)).await, employees);
}

/// Migration 0050: the workers' sort key compares in byte order on PostgreSQL whatever the
/// database's own collation. The PostgreSQL half runs on a database created with ICU's `en-US`
/// collation, where the sort key's `{`, `|`, `}` (æ, ø, å) sort before the letters and hyphens
/// weigh differently; without `COLLATE "C"` on the column its `ORDER BY` and index follow that
/// collation and the pages come out in another order than the one the list promises (and
/// SQLite gives). The SQLite half is the same check on SQLite's byte order.
async fn worker_order_whatever_the_collation(backend: Backend) {
    if backend == Backend::Sqlite {
        with_empty_database(backend, async |db: &Db| workers_in_byte_order(db).await).await;
        return;
    }
    let Some(admin_url) = postgres_url() else {
        return;
    };
    let name = format!("kk_test_icu_{:016x}", rand::random::<u64>());
    let admin = Db::connect(&admin_url).await.unwrap();
    sqlx::query(sqlx::AssertSqlSafe(format!(
        "CREATE DATABASE {name} TEMPLATE template0 LOCALE_PROVIDER icu ICU_LOCALE 'en-US' \
         LOCALE 'C.UTF-8'"
    )))
    .execute(&admin.pool)
    .await
    .expect("a database with ICU's en-US collation");
    let mut url = url::Url::parse(&admin_url).unwrap();
    url.set_path(&format!("/{name}"));
    let db = Db::connect(url.as_str()).await.unwrap();
    let outcome = AssertUnwindSafe(async {
        // The database's own collation does put the sort key's æ before the letters (or this
        // test would prove nothing).
        let (language,): (i64,) =
            sqlx::query_as("SELECT CAST(CASE WHEN '{r' < 'ab' THEN 1 ELSE 0 END AS BIGINT)")
                .fetch_one(&db.pool)
                .await
                .unwrap();
        assert_eq!(
            language, 1,
            "the database sorts in byte order: no language collation"
        );
        workers_in_byte_order(&db).await;
    })
    .catch_unwind()
    .await;
    db.pool.close().await;
    let _ = sqlx::query(sqlx::AssertSqlSafe(format!(
        "DROP DATABASE IF EXISTS {name} WITH (FORCE)"
    )))
    .execute(&admin.pool)
    .await;
    admin.pool.close().await;
    if let Err(panic) = outcome {
        std::panic::resume_unwind(panic);
    }
}

db_test!(
    worker_pages_in_byte_order_whatever_the_database_collation,
    each_backend = worker_order_whatever_the_collation
);
