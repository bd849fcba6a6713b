//! Bulk loads set a table's indexes aside and build them again (`db::bulk::IndexesSetAside`):
//! afterwards every index is there as it was, the rows are found through them, and a load that
//! fails leaves the indexes where they were.

use kundekort::db::{
    Backend, Db,
    bulk::{IndexesSetAside, PrimaryKey},
};

use crate::{
    db_test,
    support::{TestApp, http::send},
};

const TABLES: [&str; 5] = [
    "customers",
    "audit_log",
    "customer_name_words",
    "contacts",
    "contact_name_words",
];

/// Every index of the bulk-loaded tables: (name, definition as the database prints it).
async fn indexes(db: &Db) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for table in TABLES {
        let rows: Vec<(String, String)> = match db.backend {
            Backend::Postgres => sqlx::query_as(
                "SELECT indexname::text, indexdef FROM pg_indexes \
                 WHERE tablename = $1 AND schemaname = current_schema() ORDER BY indexname",
            ),
            // With the triggers that keep the FTS5 indexes, set aside as well.
            Backend::Sqlite => sqlx::query_as(
                "SELECT name, COALESCE(sql, '<automatic>') FROM sqlite_master \
                 WHERE type IN ('index', 'trigger') AND tbl_name = $1 ORDER BY name",
            ),
        }
        .bind(table)
        .fetch_all(&db.pool)
        .await
        .unwrap();
        out.extend(rows);
    }
    out
}

/// The primary and foreign keys of the bulk-loaded tables: (table, constraint, definition). On
/// SQLite the tables' own definitions, which hold them.
async fn constraints(db: &Db) -> Vec<(String, String, String)> {
    let sql = match db.backend {
        Backend::Postgres => {
            "SELECT conrelid::regclass::text, conname::text, pg_get_constraintdef(oid) \
             FROM pg_constraint WHERE contype IN ('p', 'f') AND conrelid::regclass::text IN \
             ('customers', 'audit_log', 'customer_name_words', 'contacts', 'contact_name_words') \
             ORDER BY 1, 2"
        }
        Backend::Sqlite => {
            "SELECT tbl_name, name, sql FROM sqlite_master WHERE type = 'table' AND name IN \
             ('customers', 'audit_log', 'customer_name_words', 'contacts', 'contact_name_words') \
             ORDER BY 1"
        }
    };
    sqlx::query_as(sql).fetch_all(&db.pool).await.unwrap()
}

/// The object id of the customers' name-word key on PostgreSQL (new when built again); on
/// SQLite the table's definition (kept: the key is the table).
async fn name_words_key(db: &Db) -> String {
    let sql = match db.backend {
        Backend::Postgres => "SELECT 'customer_name_words_pkey'::regclass::oid::text",
        Backend::Sqlite => "SELECT sql FROM sqlite_master WHERE name = 'customer_name_words'",
    };
    sqlx::query_scalar(sql).fetch_one(&db.pool).await.unwrap()
}

/// What changes when the customers' indexes are dropped and built again: PostgreSQL gives the
/// new index a new object id; on SQLite each index of the table gets a new root page (a dropped
/// index's pages go to the free list, and the first index built takes the last page freed).
/// (Not SQLite's `schema_version`: the refresh of the statistics after every load changes the
/// schema to make open connections read them again, decision 0080.)
async fn identity(db: &Db) -> String {
    let sql = match db.backend {
        Backend::Postgres => "SELECT 'customers_sort_name_id'::regclass::oid::text",
        Backend::Sqlite => {
            "SELECT group_concat(name || ':' || rootpage, ' ') FROM \
             (SELECT name, rootpage FROM sqlite_master WHERE type = 'index' \
             AND tbl_name = 'customers' ORDER BY name)"
        }
    };
    sqlx::query_scalar(sql).fetch_one(&db.pool).await.unwrap()
}

/// Whether the customer list's search for `name` holds customer `id`.
async fn found_by_name(app: &TestApp, client: &reqwest::Client, id: i64, name: &str) -> bool {
    let url = format!(
        "/api/v1/customers?scope=all&limit=200&sort=-customer_number&q={}",
        url::form_urlencoded::byte_serialize(name.as_bytes()).collect::<String>()
    );
    let (status, json) = send(client.get(app.url(&url))).await;
    assert_eq!(status, 200, "{json}");
    json["items"]
        .as_array()
        .unwrap()
        .iter()
        .any(|i| i["id"].as_i64() == Some(id))
}

async fn count(db: &Db, sql: &str) -> i64 {
    sqlx::query_scalar(sqlx::AssertSqlSafe(sql.to_string()))
        .fetch_one(&db.pool)
        .await
        .unwrap()
}

db_test!(a_seed_builds_the_indexes_it_set_aside_again, |app| {
    let before = indexes(&app.db).await;
    // The GIN trigram indexes on PostgreSQL, and the sort indexes on both.
    assert!(
        before.iter().any(|(n, _)| n == "customers_sort_name_id"),
        "{before:?}"
    );
    let keys = constraints(&app.db).await;
    // Five primary keys, and on PostgreSQL the foreign keys the loads set aside too: the
    // customers' owner, department and author, the audit rows' customer and user, the
    // contacts' customer and author, the name words' customer and contact.
    let expected = match app.db.backend {
        Backend::Postgres => 5 + 9,
        Backend::Sqlite => 5,
    };
    assert_eq!(keys.len(), expected, "{keys:?}");
    let customers = count(&app.db, "SELECT COUNT(*) FROM customers").await;
    let built = identity(&app.db).await;
    let words_key = name_words_key(&app.db).await;
    // More than the fixtures hold: the customers' tables are at least doubled, so set aside.
    kundekort::seed::large(&app.db, 600).await.unwrap();
    kundekort::seed::contacts(&app.db, 2).await.unwrap();
    assert_eq!(indexes(&app.db).await, before);
    assert_eq!(constraints(&app.db).await, keys);
    // Built again, not kept (the name words' key too, on PostgreSQL).
    let rebuilt = identity(&app.db).await;
    assert_ne!(rebuilt, built);
    let words_key_after = name_words_key(&app.db).await;
    match app.db.backend {
        Backend::Postgres => assert_ne!(words_key_after, words_key),
        Backend::Sqlite => assert_eq!(words_key_after, words_key),
    }
    assert_eq!(
        count(&app.db, "SELECT COUNT(*) FROM customers").await,
        customers + 600
    );
    // Written through the load, found through the rebuilt indexes: the search (the trigram
    // index on PostgreSQL, FTS5 kept by its triggers on SQLite) and the ranked list.
    let (id, name): (i64, String) =
        sqlx::query_as("SELECT id, name FROM customers ORDER BY id DESC LIMIT 1")
            .fetch_one(&app.db.pool)
            .await
            .unwrap();
    let admin = app.admin().await;
    let org: String = sqlx::query_scalar("SELECT org_number FROM customers WHERE id = $1")
        .bind(id)
        .fetch_one(&app.db.pool)
        .await
        .unwrap();
    // Its organisation number goes straight to it...
    let res = admin
        .get(app.url(&format!("/customers?scope=all&q={org}")))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303, "{org}");
    assert_eq!(res.headers()["location"], format!("/customers/{id}"));
    // ...and its name finds it among the others of that name (the full-text index).
    assert!(found_by_name(app, &admin, id, &name).await, "{name}");
    // A small load into the now larger tables leaves their indexes in place (and the same).
    kundekort::seed::large(&app.db, 5).await.unwrap();
    assert_eq!(indexes(&app.db).await, before);
    assert_eq!(identity(&app.db).await, rebuilt);
    // Written through the triggers put back: found by name too.
    let (id, name): (i64, String) =
        sqlx::query_as("SELECT id, name FROM customers ORDER BY id DESC LIMIT 1")
            .fetch_one(&app.db.pool)
            .await
            .unwrap();
    assert!(found_by_name(app, &admin, id, &name).await, "{name}");
    let words = count(
        &app.db,
        "SELECT COUNT(*) FROM customer_name_words w JOIN customers c ON c.id = w.customer_id",
    )
    .await;
    assert!(words > 600, "{words}");
    // On SQLite the FTS5 indexes were given the load's rows by one statement each: they hold
    // every row of their tables, as the triggers would have written them.
    full_text_in_step(&app.db).await;
});

/// On SQLite, the customers' and contacts' FTS5 indexes hold exactly the rows of their tables:
/// FTS5's own check of an external-content index against its table (every row tokenized again
/// and compared), and one entry per row. Nothing on PostgreSQL, whose trigram indexes are
/// built by `CREATE INDEX`.
async fn full_text_in_step(db: &Db) {
    if db.backend != Backend::Sqlite {
        return;
    }
    for (fts, table) in [("customers_fts", "customers"), ("contacts_fts", "contacts")] {
        sqlx::query(sqlx::AssertSqlSafe(format!(
            "INSERT INTO {fts} ({fts}, rank) VALUES ('integrity-check', 1)"
        )))
        .execute(&db.pool)
        .await
        .unwrap_or_else(|e| panic!("{fts}: {e}"));
        assert_eq!(
            count(db, &format!("SELECT COUNT(*) FROM {fts}_docsize")).await,
            count(db, &format!("SELECT COUNT(*) FROM {table}")).await,
            "{fts}"
        );
        // The larger in-memory buffer the load's rows were added with was set back to FTS5's
        // default (1 MB) for the writes that follow.
        let hashsize: Option<i64> = sqlx::query_scalar(sqlx::AssertSqlSafe(format!(
            "SELECT v FROM {fts}_config WHERE k = 'hashsize'"
        )))
        .fetch_optional(&db.pool)
        .await
        .unwrap();
        assert!(
            matches!(hashsize, None | Some(1_048_576)),
            "{fts}: {hashsize:?}"
        );
    }
}

db_test!(
    a_load_that_also_deletes_rows_leaves_the_full_text_index_in_step,
    |app| {
        // A customer written before the load, with the triggers in place: in the FTS5 index.
        let gone: i64 = sqlx::query_scalar(
            "INSERT INTO customers (customer_number, name, status, search_text, sort_name, \
             created_at, updated_at) VALUES (990001, 'Forsvinn AS', 'potential', \
             'forsvinn as', 'forsvinn as', 0, 0) RETURNING id",
        )
        .fetch_one(&app.db.pool)
        .await
        .unwrap();
        let mut tx = app.db.begin().await.unwrap();
        let aside =
            IndexesSetAside::take(&mut tx, app.db.backend, &[("customers", PrimaryKey::Kept)])
                .await
                .unwrap();
        // The load deletes it (no trigger takes it out of the index now) and adds another.
        sqlx::query("DELETE FROM customers WHERE id = $1")
            .bind(gone)
            .execute(&mut *tx)
            .await
            .unwrap();
        let added: i64 = sqlx::query_scalar(
            "INSERT INTO customers (customer_number, name, status, search_text, sort_name, \
             created_at, updated_at) VALUES (990002, 'Kommer AS', 'potential', 'kommer as', \
             'kommer as', 0, 0) RETURNING id",
        )
        .fetch_one(&mut *tx)
        .await
        .unwrap();
        if app.db.backend == Backend::Sqlite {
            // The deleted row's id, given again: the new row is not told apart by its id.
            assert_eq!(added, gone);
        }
        aside.rebuild(&mut tx).await.unwrap();
        tx.commit().await.unwrap();
        // The deleted row left the index (its trigger stayed) and the new one is in it.
        full_text_in_step(&app.db).await;
        let admin = app.admin().await;
        for (name, found) in [("Forsvinn", false), ("Kommer", true)] {
            let res = admin
                .get(app.url(&format!("/customers?scope=all&q={name}")))
                .send()
                .await
                .unwrap();
            let body = res.text().await.unwrap();
            assert_eq!(body.contains(&format!("{name} AS")), found, "{name}");
        }
    }
);

db_test!(
    a_load_that_fails_leaves_the_indexes_where_they_were,
    |app| {
        let before = indexes(&app.db).await;
        let keys = constraints(&app.db).await;
        let mut conn = app.db.pool.acquire().await.unwrap();
        let outside = indexes_in(&mut conn, app.db.backend).await;
        drop(conn);
        let mut tx = app.db.begin().await.unwrap();
        let aside = IndexesSetAside::take(
            &mut tx,
            app.db.backend,
            &[
                ("customers", PrimaryKey::Kept),
                ("contacts", PrimaryKey::Kept),
                ("contact_name_words", PrimaryKey::SetAside),
            ],
        )
        .await
        .unwrap();
        // Inside the transaction the non-unique indexes are gone (unique ones stay)...
        let inside = indexes_in(&mut tx, app.db.backend).await;
        assert!(inside < outside && inside > 0, "{inside} of {outside}");
        // ...and a load that ends without rebuilding them (an error, a killed process) rolls back.
        drop(aside);
        tx.rollback().await.unwrap();
        assert_eq!(indexes(&app.db).await, before);
        assert_eq!(constraints(&app.db).await, keys);
    }
);

db_test!(
    a_load_that_writes_a_row_referring_to_nothing_fails_whole,
    |app| {
        let keys = constraints(&app.db).await;
        let contacts = count(&app.db, "SELECT COUNT(*) FROM contacts").await;
        let mut tx = app.db.begin().await.unwrap();
        let aside =
            IndexesSetAside::take(&mut tx, app.db.backend, &[("contacts", PrimaryKey::Kept)])
                .await
                .unwrap();
        // A contact at a customer that does not exist: refused by the insert on SQLite (its
        // foreign keys stay checked row by row), by the foreign key added back on PostgreSQL.
        let written = sqlx::query(
            "INSERT INTO contacts (customer_id, first_name, last_name, is_main, active, \
             search_text, sort_name, version, created_at, updated_at) \
             VALUES (987654321, 'Ingen', 'Kunde', 0, 1, 'ingen kunde', 'kunde ingen', 1, 0, 0)",
        )
        .execute(&mut *tx)
        .await;
        if app.db.backend == Backend::Postgres {
            // Written: its foreign key is not there to refuse it during the load.
            assert!(written.is_ok(), "{written:?}");
        }
        let loaded = match written {
            Ok(_) => aside.rebuild(&mut tx).await,
            Err(e) => Err(e),
        };
        let error = loaded.expect_err("a contact at no customer was loaded");
        assert!(
            error.to_string().to_lowercase().contains("foreign key"),
            "{error}"
        );
        drop(tx);
        assert_eq!(
            count(&app.db, "SELECT COUNT(*) FROM contacts").await,
            contacts
        );
        assert_eq!(constraints(&app.db).await, keys);
    }
);

/// How many indexes the customers and contacts tables have, as `conn` sees them.
async fn indexes_in(conn: &mut sqlx::AnyConnection, backend: Backend) -> usize {
    let sql = match backend {
        Backend::Postgres => {
            "SELECT COUNT(*) FROM pg_indexes WHERE tablename IN ('customers', 'contacts') \
             AND schemaname = current_schema()"
        }
        Backend::Sqlite => {
            "SELECT COUNT(*) FROM sqlite_master WHERE type = 'index' \
             AND tbl_name IN ('customers', 'contacts')"
        }
    };
    let n: i64 = sqlx::query_scalar(sql).fetch_one(conn).await.unwrap();
    n as usize
}
