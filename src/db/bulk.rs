//! Bulk loading (the seeding of large data sets, filling a new index): multi-row `INSERT`s and,
//! on SQLite, a connection with a page cache large enough that the indexes being filled stay in
//! memory.
//!
//! Why: one `INSERT` per row through sqlx costs a round of statement handling per row, and on
//! SQLite a 2 MB page cache (the default) makes every insert into an index with random keys (a
//! sort name, a mobile number, the trigram search index) read its pages from the file again —
//! seeding slowed from thousands of rows a second to hundreds as the tables grew.

use std::borrow::Cow;

use sqlx::{Any, Connection, Executor, pool::PoolConnection};

use super::{Backend, Db, Sql};

/// The page cache a bulk-loading connection gets on SQLite: 1 GiB (a negative `cache_size` is
/// KiB). Only bulk loads use it; the server's other connections keep their own setting.
const LARGE_CACHE: &str = "PRAGMA cache_size = -1048576";

/// FTS5's default `hashsize`: the new entries it keeps in memory before writing a segment.
const FTS_HASHSIZE: i64 = 1024 * 1024;
/// Its `hashsize` while a bulk load's rows are added (decision 0086).
const BULK_FTS_HASHSIZE: i64 = 64 * 1024 * 1024;

/// A pooled connection for bulk loading; on SQLite with a large page cache, which is set back
/// when [`SeedingConnection::release`] hands it back to the pool.
pub struct SeedingConnection {
    conn: PoolConnection<Any>,
    backend: Backend,
}

impl SeedingConnection {
    pub async fn acquire(db: &Db) -> anyhow::Result<Self> {
        let mut conn = db.pool.acquire().await?;
        if db.backend == Backend::Sqlite {
            conn.execute(LARGE_CACHE).await?;
        }
        Ok(Self {
            conn,
            backend: db.backend,
        })
    }

    /// Begins a transaction on this connection.
    pub async fn begin(&mut self) -> anyhow::Result<sqlx::Transaction<'_, Any>> {
        Ok(self.conn.begin().await?)
    }

    /// Sets the page cache back to SQLite's default before the connection returns to the pool.
    pub async fn release(mut self) -> anyhow::Result<()> {
        if self.backend == Backend::Sqlite {
            self.conn.execute("PRAGMA cache_size = -2000").await?;
        }
        Ok(())
    }
}

/// The secondary indexes of some tables, set aside for a bulk load inside the caller's
/// transaction and built again from their own definitions before it commits; on SQLite also the
/// trigger that writes a new row into a table's FTS5 index (`<table>_fts_insert`): the index is
/// given the load's rows in one statement instead; on PostgreSQL also their foreign keys,
/// added back (and so checked over every row at once) after the indexes.
///
/// Why: filling a table's indexes row by row costs a random write into each of them per row
/// (at a million customers: fifteen B-trees and PostgreSQL's trigram index, whose row-by-row
/// upkeep is its slowest part), where building each once at the end is one sort. FTS5 kept by
/// its triggers inside one long transaction writes a small segment at every statement and
/// spends its time merging them (seen with `perf` seeding 3,000,000 contacts). Unique indexes
/// stay (the load reads by them and relies on them), and primary keys unless the load says
/// otherwise ([`PrimaryKey`]). SQLite's foreign keys stay checked row by row: they cannot be
/// dropped, only switched off outside a transaction, and `PRAGMA foreign_key_check` afterwards
/// looks every row's parent up one by one as the inserts did (0.9 µs a row measured here).
///
/// Both databases change their schema transactionally: a load that fails or is killed rolls
/// the drops back with it, and no reader ever sees a table without its indexes. While the
/// transaction is open other writers (and on PostgreSQL readers) of these tables wait, which
/// is why only a load that at least doubles a table sets them aside ([`Self::worth_it`]).
pub struct IndexesSetAside {
    /// `CREATE INDEX …` statements as the database printed them, then the FTS5 indexes' new
    /// rows, then the FTS5 triggers' `CREATE TRIGGER …`, then PostgreSQL's foreign keys: what
    /// [`Self::rebuild`] runs, in order.
    definitions: Vec<String>,
    /// On SQLite, each FTS5 index whose insert trigger was set aside, and its table: checked
    /// to hold one entry per row after [`Self::rebuild`].
    full_text: Vec<(String, String)>,
}

/// What a bulk load does with a table's primary key.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PrimaryKey {
    /// Kept: the load looks rows up by it or relies on it (`ON CONFLICT`, ids it reads back).
    Kept,
    /// Set aside and built again with the other indexes, on PostgreSQL: the load only appends
    /// rows it knows to be unique and never reads them by that key (the name-word tables,
    /// whose keys start with a word: a random place in a B-tree larger than the database's
    /// buffers for every row). On SQLite such a table is `WITHOUT ROWID`: its key is the
    /// table itself, and stays.
    SetAside,
}

impl IndexesSetAside {
    /// Whether adding `rows` to a table that has `existing` is worth rebuilding its indexes:
    /// when the load at least doubles it.
    pub fn worth_it(existing: i64, rows: usize) -> bool {
        rows as i64 >= existing.max(1)
    }

    /// Sets aside the indexes of those of `tables` that a load of at least `rows` rows each
    /// will at least double ([`Self::worth_it`]), inside the transaction on `conn`.
    pub async fn for_load(
        conn: &mut sqlx::AnyConnection,
        backend: Backend,
        tables: &[(&str, PrimaryKey)],
        rows: usize,
    ) -> sqlx::Result<Self> {
        let mut doubled = Vec::new();
        for &(table, key) in tables {
            // Our own table names, never input.
            let (existing,): (i64,) =
                sqlx::query_as(sqlx::AssertSqlSafe(format!("SELECT COUNT(*) FROM {table}")))
                    .fetch_one(&mut *conn)
                    .await?;
            if Self::worth_it(existing, rows) {
                doubled.push((table, key));
            }
        }
        Self::take(conn, backend, &doubled).await
    }

    /// Drops the non-unique indexes of `tables` (and their primary keys where
    /// [`PrimaryKey::SetAside`]; on SQLite their FTS5 triggers, on PostgreSQL their foreign
    /// keys) inside the transaction on `conn`.
    pub async fn take(
        conn: &mut sqlx::AnyConnection,
        backend: Backend,
        tables: &[(&str, PrimaryKey)],
    ) -> sqlx::Result<Self> {
        if backend == Backend::Postgres && !tables.is_empty() {
            // Enough memory for each index to be built in one sort.
            conn.execute("SET LOCAL maintenance_work_mem = '512MB'")
                .await?;
        }
        let mut definitions = Vec::new();
        let mut full_text = Vec::new();
        // On PostgreSQL the tables' foreign keys, added back after every index is built.
        let mut references = Vec::new();
        for &(table, key) in tables {
            if backend == Backend::Postgres {
                // A foreign key checks each new row with a query of its own, which also locks
                // the row it refers to (3.7 µs a row measured here: a seed of a million
                // customers and three million contacts checks some twenty million). Added
                // back, it checks every row at once, in one join (1.1 s for 3,000,000 rows,
                // where checking them row by row added 11 s to their insert), and a load that
                // wrote a row referring to nothing fails there and is rolled back whole. While
                // it is set aside, the tables it refers to (users, departments, customers) take
                // no writes until the load commits.
                references.extend(set_constraints_aside(conn, table, 'f').await?);
                if key == PrimaryKey::SetAside {
                    // Added back under its own name, before the other indexes are built.
                    definitions.extend(set_constraints_aside(conn, table, 'p').await?);
                }
            }
            let found: Vec<(String, String)> = match backend {
                Backend::Postgres => {
                    sqlx::query_as(
                        "SELECT c.relname::text, pg_get_indexdef(x.indexrelid) FROM pg_index x \
                         JOIN pg_class c ON c.oid = x.indexrelid \
                         WHERE x.indrelid = to_regclass($1) AND NOT x.indisunique \
                         AND NOT x.indisprimary ORDER BY c.relname",
                    )
                    .bind(table)
                    .fetch_all(&mut *conn)
                    .await?
                }
                Backend::Sqlite => {
                    sqlx::query_as(
                        "SELECT name, sql FROM sqlite_master WHERE type = 'index' \
                         AND tbl_name = $1 AND sql IS NOT NULL \
                         AND UPPER(sql) NOT LIKE 'CREATE UNIQUE%' ORDER BY name",
                    )
                    .bind(table)
                    .fetch_all(&mut *conn)
                    .await?
                }
            };
            for (name, definition) in found {
                sqlx::query(sqlx::AssertSqlSafe(format!("DROP INDEX \"{name}\"")))
                    .execute(&mut *conn)
                    .await?;
                definitions.push(definition);
            }
        }
        if backend == Backend::Sqlite {
            let mut triggers = Vec::new();
            for &(table, _) in tables {
                // The trigger that writes a new row into the table's FTS5 index: set aside.
                // Those that take a changed or deleted row out of it stay, so a row that was
                // there before the load and is changed by it never leaves a stale entry.
                let fts = format!("{table}_fts");
                let insert_trigger = format!("{fts}_insert");
                let found: Option<(String,)> = sqlx::query_as(
                    "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = $1",
                )
                .bind(&insert_trigger)
                .fetch_optional(&mut *conn)
                .await?;
                let Some((definition,)) = found else {
                    continue;
                };
                sqlx::query(sqlx::AssertSqlSafe(format!(
                    "DROP TRIGGER \"{insert_trigger}\""
                )))
                .execute(&mut *conn)
                .await?;
                triggers.push(definition);
                let columns: Vec<(String,)> =
                    sqlx::query_as("SELECT name FROM pragma_table_info($1) ORDER BY cid")
                        .bind(&fts)
                        .fetch_all(&mut *conn)
                        .await?;
                let columns = columns
                    .into_iter()
                    .map(|(c,)| c)
                    .collect::<Vec<_>>()
                    .join(", ");
                // The rows the index lacks then (the load's, whatever ids they were given) are
                // written into it by one `INSERT … SELECT`: what the trigger would have done,
                // in one statement. A `'rebuild'` of the whole index took far longer: 80 s
                // against 12 s for a million customers (decision 0086). For that statement
                // FTS5 keeps up to 64 MB of new entries in memory before it writes them out as
                // a segment (its `hashsize`, 1 MB by default and set back after): fewer, larger
                // segments to merge. The contacts' index of a seed of 3,000,000 took 26 s so
                // against 123 s.
                definitions.push(format!(
                    "INSERT INTO {fts} ({fts}, rank) VALUES ('hashsize', {BULK_FTS_HASHSIZE})"
                ));
                definitions.push(format!(
                    "INSERT INTO {fts} (rowid, {columns}) SELECT t.id, {columns} FROM {table} t \
                     WHERE NOT EXISTS (SELECT 1 FROM {fts}_docsize d WHERE d.id = t.id) \
                     ORDER BY t.id"
                ));
                definitions.push(format!(
                    "INSERT INTO {fts} ({fts}, rank) VALUES ('hashsize', {FTS_HASHSIZE})"
                ));
                full_text.push((fts, table.to_string()));
            }
            definitions.extend(triggers);
        }
        definitions.extend(references);
        Ok(Self {
            definitions,
            full_text,
        })
    }

    /// Builds every index set aside again, as it was (and on SQLite writes the load's rows into
    /// the FTS5 indexes and puts their triggers back). Each statement's time is logged (`info`
    /// from a second up, else `debug`): a seed of a million rows spends minutes here.
    ///
    /// The FTS5 indexes get the rows they lack. A load may change or delete rows that were
    /// there before it (their triggers stayed), but must not change the search text of, or
    /// delete, a row it added itself: its trigger would take out of the index an entry that is
    /// not there yet. Seeds only add rows. As a last guard, an index that does not hold one
    /// entry per row of its table afterwards is rebuilt from every row, with a warning.
    pub async fn rebuild(self, conn: &mut sqlx::AnyConnection) -> sqlx::Result<()> {
        for definition in self.definitions {
            let started = std::time::Instant::now();
            sqlx::query(sqlx::AssertSqlSafe(definition.clone()))
                .execute(&mut *conn)
                .await?;
            let spent = started.elapsed();
            let statement = definition
                .split_whitespace()
                .take(6)
                .collect::<Vec<_>>()
                .join(" ");
            let seconds = format!("{:.1}", spent.as_secs_f64());
            // The slow ones at `info` (a seed's), the others (the demo's, a test's) at `debug`.
            if spent >= std::time::Duration::from_secs(1) {
                tracing::info!(seconds, "bulk load: {statement}");
            } else {
                tracing::debug!(seconds, "bulk load: {statement}");
            }
        }
        for (fts, table) in self.full_text {
            // Our own table names, never input.
            let (entries, rows): (i64, i64) = sqlx::query_as(sqlx::AssertSqlSafe(format!(
                "SELECT (SELECT COUNT(*) FROM {fts}_docsize), (SELECT COUNT(*) FROM {table})"
            )))
            .fetch_one(&mut *conn)
            .await?;
            if entries != rows {
                tracing::warn!("bulk load: {fts} did not match {table}; rebuilt from every row");
                sqlx::query(sqlx::AssertSqlSafe(format!(
                    "INSERT INTO {fts} ({fts}) VALUES ('rebuild')"
                )))
                .execute(&mut *conn)
                .await?;
            }
        }
        Ok(())
    }
}

/// Where a bulk load spends its time, part by part, logged once at its end (`info`): what to
/// look at first when seeding is slow.
#[derive(Default)]
pub struct Phases {
    parts: Vec<(&'static str, std::time::Duration)>,
}

impl Phases {
    /// Adds the time since `since` to `part`; returns now, the start of the next part.
    pub fn add(&mut self, part: &'static str, since: std::time::Instant) -> std::time::Instant {
        let now = std::time::Instant::now();
        let spent = now - since;
        match self.parts.iter_mut().find(|(name, _)| *name == part) {
            Some((_, total)) => *total += spent,
            None => self.parts.push((part, spent)),
        }
        now
    }

    /// Logs the parts' times, in the order they were first added.
    pub fn log(&self, load: &str) {
        let parts: Vec<String> = self
            .parts
            .iter()
            .map(|(name, spent)| format!("{name} {:.1} s", spent.as_secs_f64()))
            .collect();
        tracing::info!("bulk load of {load}: {}", parts.join(", "));
    }
}

/// Drops the constraints of `kind` (`pg_constraint.contype`: `'p'` the primary key, `'f'` the
/// foreign keys) of `table` on PostgreSQL; returns the statements that add them back as they
/// were, under their own names.
async fn set_constraints_aside(
    conn: &mut sqlx::AnyConnection,
    table: &str,
    kind: char,
) -> sqlx::Result<Vec<String>> {
    let found: Vec<(String, String)> = sqlx::query_as(
        "SELECT conname::text, pg_get_constraintdef(oid) FROM pg_constraint \
         WHERE conrelid = to_regclass($1) AND contype::text = $2 ORDER BY conname",
    )
    .bind(table)
    .bind(kind.to_string())
    .fetch_all(&mut *conn)
    .await?;
    let mut added_back = Vec::new();
    for (name, definition) in found {
        // Our own table names, and constraint names as the database printed them.
        sqlx::query(sqlx::AssertSqlSafe(format!(
            "ALTER TABLE {table} DROP CONSTRAINT \"{name}\""
        )))
        .execute(&mut *conn)
        .await?;
        added_back.push(format!(
            "ALTER TABLE {table} ADD CONSTRAINT \"{name}\" {definition}"
        ));
    }
    Ok(added_back)
}

/// Whether `conn` is SQLite's.
fn is_sqlite(conn: &sqlx::AnyConnection) -> bool {
    conn.backend_name().eq_ignore_ascii_case("sqlite")
}

/// A bulk statement as it is sent: on SQLite with anonymous placeholders
/// ([`Sql::anonymous`]), whose hundreds of `$N` would cost sqlx a quadratic lookup there.
fn for_connection(sql: &Sql, sqlite: bool) -> Cow<'_, Sql> {
    if sqlite {
        Cow::Owned(sql.anonymous())
    } else {
        Cow::Borrowed(sql)
    }
}

/// Rows for one table, gathered into `INSERT … VALUES (…), (…)` statements of at most
/// `per_statement` rows: one round of statement handling for many rows.
pub struct Rows {
    head: &'static str,
    per_statement: usize,
    rows: usize,
    statements: Vec<Sql>,
}

impl Rows {
    /// `head` is the statement up to and including `VALUES `.
    pub fn new(head: &'static str, per_statement: usize) -> Self {
        Self {
            head,
            per_statement: per_statement.max(1),
            rows: 0,
            statements: Vec::new(),
        }
    }

    /// Starts the next row: the statement to push this row's `(…)` into.
    pub fn row(&mut self) -> &mut Sql {
        if self.rows.is_multiple_of(self.per_statement) {
            self.statements.push(Sql::new(self.head));
        } else if let Some(sql) = self.statements.last_mut() {
            sql.push(", ");
        }
        self.rows += 1;
        self.statements
            .last_mut()
            .expect("a statement was started above")
    }

    /// Runs the statements on `conn` (inside the caller's transaction).
    pub async fn execute(self, conn: &mut sqlx::AnyConnection) -> sqlx::Result<()> {
        let sqlite = is_sqlite(conn);
        for sql in &self.statements {
            for_connection(sql, sqlite)
                .query()
                .execute(&mut *conn)
                .await?;
        }
        Ok(())
    }

    /// Runs the statements on `conn` with `tail` (a `RETURNING …` clause) after each, and
    /// collects the rows they return (in no particular order: both databases may return
    /// them in any, so the caller returns what identifies a row).
    pub async fn fetch_all<T>(
        mut self,
        tail: &str,
        conn: &mut sqlx::AnyConnection,
    ) -> sqlx::Result<Vec<T>>
    where
        T: for<'r> sqlx::FromRow<'r, sqlx::any::AnyRow> + Send + Unpin,
    {
        let sqlite = is_sqlite(conn);
        let mut out = Vec::with_capacity(self.rows);
        for sql in &mut self.statements {
            sql.push(tail);
            out.extend(
                for_connection(sql, sqlite)
                    .query_as::<T>()
                    .fetch_all(&mut *conn)
                    .await?,
            );
        }
        Ok(out)
    }

    /// Rows gathered so far.
    pub fn len(&self) -> usize {
        self.rows
    }

    pub fn is_empty(&self) -> bool {
        self.rows == 0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_are_grouped_into_statements() {
        let mut rows = Rows::new("INSERT INTO t (a) VALUES ", 2);
        for v in 0..5_i64 {
            rows.row().push("(").bind(v).push(")");
        }
        let texts: Vec<&str> = rows.statements.iter().map(Sql::text).collect();
        assert_eq!(texts.len(), 3);
        assert_eq!(texts[0], "INSERT INTO t (a) VALUES ($1), ($2)");
        assert_eq!(texts[2], "INSERT INTO t (a) VALUES ($1)");
    }
}
