//! The SQLite and PostgreSQL migrations must describe the same schema: the same tables and
//! columns, each column with the same type family, nullability and default, the same primary
//! keys, and the same indexes (by table and indexed columns, uniqueness and whether partial).
//! Collations and triggers are not compared.
//!
//! Type families (SQLite's declared type and PostgreSQL's `data_type`):
//!
//! | family    | SQLite                                   | PostgreSQL                  |
//! |-----------|------------------------------------------|-----------------------------|
//! | `bigint`  | `BIGINT`; `INTEGER PRIMARY KEY` (rowid)  | `bigint` (`BIGSERIAL` ids)  |
//! | `integer` | `INTEGER` (flags 0/1 and small numbers)  | `integer`, `smallint`       |
//! | `text`    | `TEXT`, `VARCHAR…`, `CHAR…`, `CLOB`      | `text`, `character varying` |
//! | `real`    | `REAL`, `DOUBLE…`, `FLOAT`               | `real`, `double precision`  |
//! | `blob`    | `BLOB`                                   | `bytea`                     |
//!
//! Any other type is its own family (`sqlite NUMERIC`, `postgres boolean`) and matches nothing:
//! flags are `INTEGER` 0/1 on both (decision 0001), so a PostgreSQL `boolean` is a difference.
//! Defaults are compared as text after dropping PostgreSQL's `::type` casts and outer parentheses;
//! an id from the rowid or a sequence (`nextval(…)`) counts as the default `<generated>`.
//!
//! The differences the migrations are known to have are listed below, each with its reason; the
//! test fails on any other difference, and also when a listed one has gone (so the list stays
//! true). It needs PostgreSQL: without `TEST_POSTGRES_URL` it is skipped locally and fails under
//! `CI=true`, and it fails whenever it compared nothing.

use std::collections::{BTreeMap, BTreeSet};

use kundekort::db::Db;

use crate::support::{Backend, TestApp, run};

/// SQLite tables with no PostgreSQL counterpart, by name and as a prefix of `<name>_…`: the FTS5
/// index of customer, contact and worker search and its shadow tables. PostgreSQL searches the same
/// `search_text` columns through pg_trgm indexes instead (see [`INDEXES_ONLY_IN_POSTGRES`]).
const TABLES_ONLY_IN_SQLITE: &[&str] = &["customers_fts", "contacts_fts", "workers_fts"];

/// Indexes (table, indexed columns) that only PostgreSQL has: the pg_trgm GIN indexes that serve
/// `search_text LIKE '%…%'`. SQLite answers customer and contact search from FTS5
/// ([`TABLES_ONLY_IN_SQLITE`]) and scans `messages` (said in both `0004_dialog.sql`).
const INDEXES_ONLY_IN_POSTGRES: &[(&str, &str)] = &[
    ("contacts", "search_text"),
    ("customers", "search_text"),
    ("messages", "search_text"),
    ("workers", "search_text"),
];

/// Primary-key columns that are NOT NULL on PostgreSQL (as every primary key is there) but may
/// hold NULL on SQLite: SQLite lets a primary key other than `INTEGER PRIMARY KEY` be NULL unless
/// the column says `NOT NULL` (a legacy quirk; STRICT and WITHOUT ROWID tables do not have it).
/// The app never writes NULL here; a SQLite migration adding `NOT NULL` (a table rebuild) would
/// empty this list.
const NULLABLE_PRIMARY_KEYS_IN_SQLITE: &[(&str, &str)] = &[
    ("calendar_feeds", "user_id"),
    ("card_layouts", "scope"),
    ("counters", "name"),
    ("diary_settings", "id"),
    ("industries", "code"),
    ("invoice_settings", "customer_id"),
    ("one_time_links", "token_hash"),
    ("portal_accounts", "contact_id"),
    ("sessions", "token_hash"),
];

#[derive(Debug, PartialEq, Eq)]
struct Column {
    family: String,
    not_null: bool,
    default: Option<String>,
}

/// An index by what it does: its table, its columns in order (`<expr>` for an expression),
/// whether it is unique and whether it is partial. Primary keys are compared on their own.
#[derive(Debug, PartialEq, Eq, PartialOrd, Ord, Clone)]
struct Index {
    table: String,
    columns: String,
    unique: bool,
    partial: bool,
}

#[derive(Debug, Default)]
struct Schema {
    columns: BTreeMap<(String, String), Column>,
    primary_keys: BTreeMap<String, String>,
    indexes: BTreeSet<Index>,
    /// Tables left out of the comparison as [`TABLES_ONLY_IN_SQLITE`].
    set_aside: BTreeSet<String>,
}

fn sqlite_family(declared: &str, rowid: bool) -> String {
    let t = declared.to_ascii_uppercase();
    if rowid || t == "BIGINT" {
        "bigint".into()
    } else if t == "INTEGER" || t == "INT" || t == "SMALLINT" {
        "integer".into()
    } else if t == "TEXT" || t.contains("CHAR") || t == "CLOB" {
        "text".into()
    } else if t == "REAL" || t.starts_with("DOUBLE") || t == "FLOAT" {
        "real".into()
    } else if t == "BLOB" {
        "blob".into()
    } else {
        format!("sqlite {declared}")
    }
}

fn postgres_family(data_type: &str) -> String {
    match data_type {
        "bigint" => "bigint".into(),
        "integer" | "smallint" => "integer".into(),
        "text" | "character varying" | "character" => "text".into(),
        "real" | "double precision" => "real".into(),
        "bytea" => "blob".into(),
        other => format!("postgres {other}"),
    }
}

/// `'email'::text` → `'email'`, `(0)` → `0`, `nextval('…'::regclass)` → `<generated>`.
fn normalise_default(default: &str) -> String {
    if default.starts_with("nextval(") {
        return "<generated>".into();
    }
    let mut d = default.trim();
    while d.starts_with('(') && d.ends_with(')') {
        d = d[1..d.len() - 1].trim();
    }
    // A cast ends the value: `'nb'::text`, `'{}'::character varying`.
    match d.rfind("::") {
        Some(i) if !d[i..].contains('\'') => d[..i].trim().to_string(),
        _ => d.to_string(),
    }
}

fn sqlite_only(table: &str) -> bool {
    TABLES_ONLY_IN_SQLITE
        .iter()
        .any(|t| table == *t || table.starts_with(&format!("{t}_")))
}

async fn sqlite_schema(db: &Db) -> Schema {
    let mut schema = Schema::default();
    let rows: Vec<(String, String, String, i64, Option<String>, i64)> = sqlx::query_as(
        "SELECT m.name, p.name, p.type, p.\"notnull\", p.dflt_value, p.pk \
         FROM sqlite_master m JOIN pragma_table_info(m.name) p \
         WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%' AND m.name NOT LIKE '_sqlx%' \
         ORDER BY m.name, p.pk",
    )
    .fetch_all(&db.pool)
    .await
    .unwrap();
    // Primary-key columns in key order (`pk` is the position in the key, 0 for other columns).
    let mut keys: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for (table, column, _, _, _, pk) in &rows {
        if sqlite_only(table) {
            schema.set_aside.insert(table.clone());
        } else if *pk > 0 {
            keys.entry(table.clone()).or_default().push(column.clone());
        }
    }
    for (table, column, declared, not_null, default, pk) in rows {
        if sqlite_only(&table) {
            continue;
        }
        // `INTEGER PRIMARY KEY` alone makes the column the rowid: 64 bits, never NULL, generated.
        let rowid = pk == 1 && declared.eq_ignore_ascii_case("INTEGER") && keys[&table].len() == 1;
        schema.columns.insert(
            (table, column),
            Column {
                family: sqlite_family(&declared, rowid),
                not_null: not_null == 1 || rowid,
                default: if rowid {
                    Some("<generated>".into())
                } else {
                    default.as_deref().map(normalise_default)
                },
            },
        );
    }
    schema.primary_keys = keys.into_iter().map(|(t, k)| (t, k.join(","))).collect();
    let indexes: Vec<(String, i64, String, i64, Option<String>)> = sqlx::query_as(
        "SELECT m.name, il.\"unique\", il.origin, il.partial, \
           (SELECT group_concat(c, ',') FROM \
              (SELECT coalesce(ii.name, '<expr>') AS c FROM pragma_index_info(il.name) ii ORDER BY ii.seqno)) \
         FROM sqlite_master m JOIN pragma_index_list(m.name) il \
         WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%' AND m.name NOT LIKE '_sqlx%'",
    )
    .fetch_all(&db.pool)
    .await
    .unwrap();
    for (table, unique, origin, partial, columns) in indexes {
        // A primary key's index ('pk') is compared as the primary key.
        if origin == "pk" || sqlite_only(&table) {
            continue;
        }
        schema.indexes.insert(Index {
            table,
            columns: columns.unwrap_or_default(),
            unique: unique == 1,
            partial: partial == 1,
        });
    }
    schema
}

async fn postgres_schema(db: &Db) -> Schema {
    let mut schema = Schema::default();
    let rows: Vec<(String, String, String, String, Option<String>)> = sqlx::query_as(
        "SELECT table_name::text, column_name::text, data_type::text, is_nullable::text, \
           column_default::text \
         FROM information_schema.columns \
         WHERE table_schema = 'public' AND table_name NOT LIKE '_sqlx%'",
    )
    .fetch_all(&db.pool)
    .await
    .unwrap();
    for (table, column, data_type, nullable, default) in rows {
        schema.columns.insert(
            (table, column),
            Column {
                family: postgres_family(&data_type),
                not_null: nullable == "NO",
                default: default.as_deref().map(normalise_default),
            },
        );
    }
    let indexes: Vec<(String, i64, i64, i64, String)> = sqlx::query_as(
        "SELECT t.relname::text, x.indisunique::int::int8, x.indisprimary::int::int8, \
           (x.indpred IS NOT NULL)::int::int8, \
           (SELECT string_agg(coalesce(a.attname::text, '<expr>'), ',' ORDER BY k.ord) \
              FROM unnest(x.indkey::int2[]) WITH ORDINALITY k(attnum, ord) \
              LEFT JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.attnum AND k.attnum > 0) \
         FROM pg_index x JOIN pg_class t ON t.oid = x.indrelid \
         JOIN pg_namespace n ON n.oid = t.relnamespace \
         WHERE n.nspname = 'public' AND t.relname NOT LIKE '_sqlx%'",
    )
    .fetch_all(&db.pool)
    .await
    .unwrap();
    for (table, unique, primary, partial, columns) in indexes {
        if primary == 1 {
            schema.primary_keys.insert(table, columns);
            continue;
        }
        schema.indexes.insert(Index {
            table,
            columns,
            unique: unique == 1,
            partial: partial == 1,
        });
    }
    schema
}

/// Every difference between the two schemas that is not listed as known, and every known one
/// that is not there any more.
fn differences(sqlite: &Schema, postgres: &Schema) -> Vec<String> {
    let mut out = Vec::new();
    let mut nullable_keys_seen = BTreeSet::new();
    for (key, s) in &sqlite.columns {
        let Some(p) = postgres.columns.get(key) else {
            out.push(format!("column {}.{} only in SQLite", key.0, key.1));
            continue;
        };
        let known_nullable_key = NULLABLE_PRIMARY_KEYS_IN_SQLITE
            .iter()
            .any(|(t, c)| key.0 == *t && key.1 == *c);
        let mut s_not_null = s.not_null;
        if known_nullable_key && !s.not_null && p.not_null {
            nullable_keys_seen.insert(key.clone());
            s_not_null = true;
        }
        if s.family != p.family || s_not_null != p.not_null || s.default != p.default {
            out.push(format!(
                "column {}.{}: SQLite {s:?}, PostgreSQL {p:?}",
                key.0, key.1
            ));
        }
    }
    for key in postgres.columns.keys() {
        if !sqlite.columns.contains_key(key) {
            out.push(format!("column {}.{} only in PostgreSQL", key.0, key.1));
        }
    }
    for (t, c) in NULLABLE_PRIMARY_KEYS_IN_SQLITE {
        if !nullable_keys_seen.contains(&(t.to_string(), c.to_string())) {
            out.push(format!(
                "known difference gone: {t}.{c} is no longer a nullable primary key in SQLite; \
                 remove it from NULLABLE_PRIMARY_KEYS_IN_SQLITE"
            ));
        }
    }
    for table in sqlite
        .primary_keys
        .keys()
        .chain(postgres.primary_keys.keys())
    {
        let (s, p) = (
            sqlite.primary_keys.get(table),
            postgres.primary_keys.get(table),
        );
        if s != p {
            out.push(format!(
                "primary key of {table}: SQLite {s:?}, PostgreSQL {p:?}"
            ));
        }
    }
    for index in sqlite.indexes.difference(&postgres.indexes) {
        out.push(format!("index only in SQLite: {index:?}"));
    }
    for index in postgres.indexes.difference(&sqlite.indexes) {
        let known = INDEXES_ONLY_IN_POSTGRES
            .iter()
            .any(|(t, c)| index.table == *t && index.columns == *c);
        if !known {
            out.push(format!("index only in PostgreSQL: {index:?}"));
        }
    }
    for (t, c) in INDEXES_ONLY_IN_POSTGRES {
        let in_postgres = postgres
            .indexes
            .iter()
            .any(|i| i.table == *t && i.columns == *c);
        let in_sqlite = sqlite
            .indexes
            .iter()
            .any(|i| i.table == *t && i.columns == *c);
        if !in_postgres || in_sqlite {
            out.push(format!(
                "known difference gone: the index on {t}({c}) is no longer PostgreSQL's alone; \
                 remove it from INDEXES_ONLY_IN_POSTGRES"
            ));
        }
    }
    out.sort();
    out.dedup();
    out
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sqlite_and_postgres_schemas_match() {
    let dir = tempfile::tempdir().unwrap();
    let db = Db::connect(&format!("sqlite://{}/s.db", dir.path().display()))
        .await
        .unwrap();
    db.migrate().await.unwrap();
    let sqlite = sqlite_schema(&db).await;
    db.pool.close().await;
    for table in TABLES_ONLY_IN_SQLITE {
        assert!(
            sqlite.set_aside.contains(*table),
            "known difference gone: SQLite has no table {table}; remove it from TABLES_ONLY_IN_SQLITE"
        );
    }
    let mut compared = None;
    run(Backend::Postgres, async |app: &TestApp| {
        let postgres = postgres_schema(&app.db).await;
        for table in TABLES_ONLY_IN_SQLITE {
            assert!(
                !postgres.columns.keys().any(|(t, _)| t == table),
                "known difference gone: PostgreSQL has a table {table}"
            );
        }
        let found = differences(&sqlite, &postgres);
        assert!(
            found.is_empty(),
            "the SQLite and PostgreSQL schemas differ:\n{}",
            found.join("\n")
        );
        compared = Some((
            sqlite.columns.len(),
            sqlite.primary_keys.len(),
            sqlite.indexes.len(),
        ));
    })
    .await;
    match compared {
        Some((columns, keys, indexes)) => {
            // A comparison of (nearly) nothing is no comparison: the queries must have seen the
            // schema on both sides.
            assert!(
                columns > 200 && keys > 30 && indexes > 40,
                "compared too little: {columns} columns, {keys} primary keys, {indexes} indexes"
            );
        }
        None => {
            // `run` skips the body only when PostgreSQL is missing; under CI=true
            // `postgres_url` has already failed the test, and this says it again.
            assert!(
                !std::env::var("CI").is_ok_and(|v| v == "true"),
                "the schema comparison compared nothing under CI=true"
            );
            eprintln!("schema comparison SKIPPED: TEST_POSTGRES_URL is not set");
        }
    }
}
