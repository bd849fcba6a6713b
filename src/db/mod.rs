//! The database: one pool over SQLite or PostgreSQL through sqlx's `Any` driver, portable SQL,
//! and the few backend-specific pieces (migrations folder, full-text search, planner hints) kept in
//! this module.

pub mod bulk;
pub mod count_cache;
pub mod hints;
pub mod paging;
pub mod search;
mod sql;
mod statistics;
pub mod trigrams;

use std::{str::FromStr, time::Duration};

use anyhow::Context;
use sqlx::{
    AnyPool, Executor,
    any::{AnyConnectOptions, AnyPoolOptions},
};

pub use sql::{Arg, Sql};

/// Which database the pool talks to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// The application's database handle: cheap to clone.
#[derive(Clone, Debug)]
pub struct Db {
    pub pool: AnyPool,
    pub backend: Backend,
    /// List totals, reused briefly (see `count_cache`).
    pub counts: std::sync::Arc<count_cache::CountCache>,
    /// How common each trigram is in the searchable tables (see `trigrams`).
    pub trigrams: std::sync::Arc<trigrams::Trigrams>,
}

impl Db {
    /// Connects to `url` (`sqlite://…` or `postgres://…`), creating the SQLite file if needed.
    pub async fn connect(url: &str) -> anyhow::Result<Self> {
        sqlx::any::install_default_drivers();
        let backend = if url.starts_with("sqlite:") {
            Backend::Sqlite
        } else if url.starts_with("postgres:") || url.starts_with("postgresql:") {
            Backend::Postgres
        } else {
            anyhow::bail!("DATABASE_URL must start with sqlite: or postgres:");
        };
        let url = match backend {
            Backend::Sqlite if !url.contains("mode=") => {
                let sep = if url.contains('?') { '&' } else { '?' };
                format!("{url}{sep}mode=rwc")
            }
            _ => url.to_string(),
        };
        let options = AnyConnectOptions::from_str(&url).context("invalid DATABASE_URL")?;
        let pool_options = AnyPoolOptions::new().acquire_timeout(Duration::from_secs(10));
        let pool = match backend {
            Backend::Sqlite => {
                pool_options
                    .max_connections(8)
                    .after_connect(|conn, _meta| {
                        Box::pin(async move {
                            // WAL lets readers run beside the one writer; busy_timeout makes writers
                            // wait for each other instead of failing. (No mmap: every pooled
                            // connection would map the whole file and count it in the RSS.)
                            conn.execute(
                                "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; \
                                 PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 10000;",
                            )
                            .await?;
                            Ok(())
                        })
                    })
                    .connect_with(options)
                    .await
            }
            Backend::Postgres => {
                pool_options
                    .max_connections(16)
                    .after_connect(|conn, _meta| {
                        Box::pin(async move {
                            // No parallel workers for the server's queries: a page's query reads
                            // a few thousand rows at most, and starting a worker cost more than
                            // it saved — a search's deep page planned as a Gather Merge took
                            // 12.2 ms against 6.8 ms without (decision 0089). Index builds keep
                            // theirs (`max_parallel_maintenance_workers`).
                            conn.execute("SET max_parallel_workers_per_gather = 0")
                                .await?;
                            Ok(())
                        })
                    })
                    .connect_with(options)
                    .await
            }
        }
        .with_context(|| format!("cannot connect to the {backend:?} database"))?;
        Ok(Self {
            pool,
            backend,
            counts: Default::default(),
            trigrams: Default::default(),
        })
    }

    /// Starts a transaction. On SQLite it takes the write lock at once (`BEGIN IMMEDIATE`): a
    /// transaction that reads before it writes would otherwise fail with "database is locked"
    /// (`SQLITE_BUSY`, or `SQLITE_BUSY_SNAPSHOT` when another connection wrote since its read)
    /// whenever two run at once, instead of waiting its turn under `busy_timeout` — two users
    /// saving at the same moment got a 500 (found by `tests/it/search_index_crash.rs`). Readers
    /// outside transactions are not held up (WAL). On PostgreSQL a plain `BEGIN`.
    /// Always start transactions here, never with `pool.begin()` (`tests/it/house_rules.rs`).
    pub async fn begin(&self) -> sqlx::Result<sqlx::Transaction<'static, sqlx::Any>> {
        match self.backend {
            Backend::Sqlite => self.pool.begin_with("BEGIN IMMEDIATE").await,
            Backend::Postgres => self.pool.begin().await,
        }
    }

    /// This release's migrations for the backend.
    fn migrator(&self) -> sqlx::migrate::Migrator {
        match self.backend {
            Backend::Sqlite => sqlx::migrate!("migrations/sqlite"),
            Backend::Postgres => sqlx::migrate!("migrations/postgres"),
        }
    }

    /// Brings the schema up to date. Safe to run on every start.
    pub async fn migrate(&self) -> anyhow::Result<()> {
        self.migrator()
            .run(&self.pool)
            .await
            .context("migration failed")?;
        // Indexes the application keeps, filled once after the migration that made them.
        crate::customers::name_words::build_if_new(self).await?;
        crate::contacts::name_words::build_if_new(self).await?;
        // Recovery codes from before decision 0064 get their salted hash (once; no-op after).
        crate::auth::recovery_codes::salt_legacy(self).await?;
        Ok(())
    }

    /// Checks, without changing anything, that every migration of this release has been applied
    /// (for a server started with `KUNDEKORT_MIGRATE=off`, whose database role may not change
    /// the schema). The error names the first one missing and what to run.
    pub async fn check_migrated(&self) -> anyhow::Result<()> {
        let applied: Vec<i64> = sqlx::query_scalar(
            "SELECT version FROM _sqlx_migrations WHERE success = TRUE ORDER BY version",
        )
        .fetch_all(&self.pool)
        .await
        .unwrap_or_default();
        let migrator = self.migrator();
        let missing = migrator
            .iter()
            .find(|m| m.migration_type.is_up_migration() && !applied.contains(&m.version));
        match missing {
            None => Ok(()),
            Some(m) => anyhow::bail!(
                "the database schema is not up to date (migration {} \"{}\" is missing) and \
                 KUNDEKORT_MIGRATE is off: run `kundekort migrate` as the schema's owner first",
                m.version,
                m.description
            ),
        }
    }
}

impl Db {
    /// Commits a transaction that may have changed what the lists count or a search matches
    /// (customers, their last activity, contacts, …), then drops the cached totals and the
    /// matches kept with them. After the commit, not before: a list
    /// counted in between would otherwise keep the old total.
    pub async fn commit_and_recount(
        &self,
        tx: sqlx::Transaction<'_, sqlx::Any>,
    ) -> Result<(), sqlx::Error> {
        tx.commit().await?;
        self.counts.invalidate();
        Ok(())
    }
}

/// `rows` sorted into the order of `ids` (`id` gives a row's): the rows of a page read by id
/// with `IN (…)`, which promises no order. A row whose id is not in `ids` goes last.
pub fn in_order_of<T>(ids: &[i64], mut rows: Vec<T>, id: impl Fn(&T) -> i64) -> Vec<T> {
    let position: std::collections::HashMap<i64, usize> =
        ids.iter().enumerate().map(|(i, id)| (*id, i)).collect();
    rows.sort_by_key(|row| position.get(&id(row)).copied().unwrap_or(usize::MAX));
    rows
}

/// Takes the next number of a named gap-free series, inside the caller's transaction.
/// The row lock (PostgreSQL) or the write lock (SQLite) keeps two transactions from
/// getting the same number; a rolled-back transaction gives its number back. The series'
/// first number (`first`) is taken by the same statement: two transactions taking a series'
/// very first numbers at once get `first` and `first + 1` (PostgreSQL makes the second wait for
/// the first's row), where a separate `INSERT` made the second fail on the key.
pub async fn next_number(
    conn: &mut sqlx::AnyConnection,
    name: &str,
    first: i64,
) -> Result<i64, sqlx::Error> {
    let (value,): (i64,) = sqlx::query_as(
        "INSERT INTO counters (name, value) VALUES ($1, $2) \
         ON CONFLICT (name) DO UPDATE SET value = counters.value + 1 RETURNING value",
    )
    .bind(name)
    .bind(first)
    .fetch_one(&mut *conn)
    .await?;
    Ok(value)
}

/// True when the error is a unique-constraint violation on the named column or constraint.
pub fn is_unique_violation(err: &sqlx::Error, column: &str) -> bool {
    match err {
        sqlx::Error::Database(db) => {
            db.is_unique_violation()
                && (db.message().contains(column)
                    || db.constraint().is_some_and(|c| c.contains(column)))
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `.cargo/config.toml` builds the bundled SQLite without the locks that every pooled
    /// connection took in turn (decision 0093): one LRU list for all page caches, statistics
    /// kept under a mutex on every allocation and every page buffer. SQLite reports the options
    /// it was compiled with.
    #[tokio::test]
    async fn sqlite_is_built_without_process_wide_locks() {
        let dir = tempfile::tempdir().unwrap();
        let url = format!("sqlite://{}", dir.path().join("options.db").display());
        let db = Db::connect(&url).await.unwrap();
        let rows: Vec<(String,)> = sqlx::query_as("PRAGMA compile_options")
            .fetch_all(&db.pool)
            .await
            .unwrap();
        let options: Vec<String> = rows.into_iter().map(|(o,)| o).collect();
        // Sanity: the list is the bundled build's (libsqlite3-sys turns FTS5 on).
        assert!(options.iter().any(|o| o == "ENABLE_FTS5"), "{options:?}");
        assert!(
            !options.iter().any(|o| o == "ENABLE_MEMORY_MANAGEMENT"),
            "{options:?}"
        );
        assert!(
            options.iter().any(|o| o == "DEFAULT_MEMSTATUS=0"),
            "{options:?}"
        );
        assert!(
            options
                .iter()
                .any(|o| o == "DISABLE_PAGECACHE_OVERFLOW_STATS"),
            "{options:?}"
        );
    }
}
