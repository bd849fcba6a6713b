//! Bulk loading (the seeding of large data sets, filling a new index): multi-row `INSERT`s and,
//! on SQLite, a connection with a page cache large enough that the indexes being filled stay in
//! memory.
//!
//! Why: one `INSERT` per row through sqlx costs a round of statement handling per row, and on
//! SQLite a 2 MB page cache (the default) makes every insert into an index with random keys (a
//! sort name, a mobile number, the trigram search index) read its pages from the file again —
//! seeding slowed from thousands of rows a second to hundreds as the tables grew.

use sqlx::{Any, Connection, Executor, pool::PoolConnection};

use super::{Backend, Db, Sql};

/// The page cache a bulk-loading connection gets on SQLite: 1 GiB (a negative `cache_size` is
/// KiB). Only bulk loads use it; the server's other connections keep their own setting.
const LARGE_CACHE: &str = "PRAGMA cache_size = -1048576";

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

/// Rows for one table, gathered into `INSERT … VALUES (…), (…)` statements of at most
/// `per_statement` rows. sqlx looks every `$N` parameter up by name, which costs time linear in
/// a statement's parameter count, so a few hundred parameters a statement is the sweet spot.
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
        for sql in &self.statements {
            sql.query().execute(&mut *conn).await?;
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
        let mut out = Vec::with_capacity(self.rows);
        for sql in &mut self.statements {
            sql.push(tail);
            out.extend(sql.query_as::<T>().fetch_all(&mut *conn).await?);
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
