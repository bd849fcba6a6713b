//! The query planner's statistics: refreshed after bulk loads and at start-up on SQLite, where
//! nothing else does it; there also kept from planning a range of names as a skip-scan
//! (decision 0080).

use super::{Backend, Db};

/// Marks `noskipscan` (a token SQLite reads from `sqlite_stat1`) every index whose second
/// column is `sort_name`: the `(filter, sort_name, id)` indexes of the customers, contacts and
/// workers, the customers' sorts by owner and department (`(owner_sort, sort_name, id, …)`), and
/// the name words' `(prefix, sort_name, …)` keys. Each serves one filter value in
/// name order; a range of names without that filter is the name index's (`(sort_name, id)`).
///
/// Why: at a million customers SQLite 3.51 planned the rank-0 read of a search (`sort_name`
/// from "vest" to "vest\u{10FFFF}", 50 rows in name order) as a skip-scan of
/// `customers_owner_sort_id` — every owner's part of the range read and then sorted — in 65 ms,
/// against 0.2 ms walking the name index. The planner cannot know that the range is large and
/// the page small; with the token it no longer has the choice.
const MARK_NAME_ORDER_INDEXES: &str = "UPDATE sqlite_stat1 SET stat = stat || ' noskipscan' \
     WHERE stat NOT LIKE '%noskipscan%' AND idx IN (SELECT s.idx FROM sqlite_stat1 s \
     WHERE EXISTS (SELECT 1 FROM pragma_index_info(s.idx) i \
     WHERE i.seqno = 1 AND i.name = 'sort_name'))";

impl Db {
    /// Refreshes the query planner's statistics (after bulk loads, and at start-up on SQLite,
    /// where nothing else does it). Without them SQLite may scan a whole table for a sorted page.
    pub async fn refresh_statistics(&self) -> anyhow::Result<()> {
        match self.backend {
            Backend::Sqlite => {
                sqlx::query("PRAGMA optimize = 0x10002")
                    .execute(&self.pool)
                    .await?;
                // `ANALYZE` writes its rows anew, without the tokens.
                self.no_skip_scan_by_name().await?;
            }
            Backend::Postgres => {
                sqlx::query("ANALYZE").execute(&self.pool).await?;
            }
        }
        Ok(())
    }

    /// After a bulk load (the seeding of a large data set): the planner's statistics, and on
    /// PostgreSQL also `VACUUM`, which marks the new pages all-visible so that index-only scans
    /// (a deep page's ids, a bounded count) need not visit the table for every row; autovacuum
    /// would do it, but only some minutes later.
    pub async fn after_bulk_load(&self) -> anyhow::Result<()> {
        match self.backend {
            Backend::Sqlite => self.refresh_statistics().await,
            Backend::Postgres => {
                sqlx::query("VACUUM (ANALYZE)").execute(&self.pool).await?;
                Ok(())
            }
        }
    }

    /// On SQLite, marks the indexes in name order `noskipscan` ([`MARK_NAME_ORDER_INDEXES`])
    /// where their statistics lack it, and makes every open connection read the statistics
    /// again; how many were marked. Nothing on PostgreSQL (which has no skip-scan) or before
    /// the first `ANALYZE`.
    pub async fn no_skip_scan_by_name(&self) -> sqlx::Result<u64> {
        if self.backend != Backend::Sqlite {
            return Ok(0);
        }
        let analysed: Option<(i64,)> = sqlx::query_as(
            "SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'sqlite_stat1'",
        )
        .fetch_optional(&self.pool)
        .await?;
        if analysed.is_none() {
            return Ok(0);
        }
        let mut tx = self.begin().await?;
        let marked = sqlx::query(MARK_NAME_ORDER_INDEXES)
            .execute(&mut *tx)
            .await?
            .rows_affected();
        if marked > 0 {
            // A connection reads `sqlite_stat1` when it loads the schema, and loads it again
            // only when the schema changes: this change makes the pool's open connections
            // (and any other process's) plan with the tokens from their next statement on.
            sqlx::query("CREATE TABLE statistics_reload (x INTEGER)")
                .execute(&mut *tx)
                .await?;
            sqlx::query("DROP TABLE statistics_reload")
                .execute(&mut *tx)
                .await?;
        }
        tx.commit().await?;
        Ok(marked)
    }
}
