//! How common each trigram is in a searchable table, estimated from a sample of its rows, so
//! that a search asks SQLite's substring index for each word's rarest trigram and checks the
//! whole words on the rows that index gives (decision 0091).
//!
//! Why: FTS5 reads a quoted word as a phrase of its trigrams, and checks the trigrams' positions
//! wherever all of them occur in one row. For "nordlys transport" at a million customers those
//! are the rows holding `nor`, `ord`, `tra`, `ans`, `por`, … — a good part of the table — and
//! the count of 963 matches took 14–20 ms. The rarest trigram of each word (`dly` and `nsp`)
//! gives 1,035 rows in about 1 ms, and `search_text LIKE '%nordlys%'` on each row read (read
//! anyway, for the count's other conditions) leaves the 963.
//!
//! The counts only choose which trigram to ask for; the words are always checked whole, so a
//! stale or missing sample makes a search slower, never wrong. A table's sample is taken in the
//! background when the server starts or the table is first searched, and again after
//! [`REFRESH`]; until the first one is there, searches ask for every word whole, as before.

use std::{
    collections::{HashMap, HashSet},
    sync::{Arc, Mutex},
    time::{Duration, Instant},
};

use super::{Db, Sql};

/// How old a sample may grow before the next search takes a new one.
pub const REFRESH: Duration = Duration::from_secs(3600);

/// The same for a sample of a small table (read whole, fewer than [`SAMPLE_ROWS`] rows): cheap
/// to take again, and such a table may be about to grow (the demo's data loaded after the
/// server's start, an import).
pub const REFRESH_SMALL: Duration = Duration::from_secs(60);

/// How many rows a sample reads at most: in [`WINDOWS`] runs of consecutive ids, each from a
/// random place, so that rows added together (an import) do not make the whole sample.
pub const SAMPLE_ROWS: i64 = 20_000;
const WINDOWS: i64 = 40;

/// Three characters, lower case, as FTS5's trigram tokenizer cuts a text.
pub type Trigram = [char; 3];

/// In how many of the sampled rows each trigram occurs.
#[derive(Debug, Default)]
pub struct Sample {
    pub rows: u32,
    /// The whole table was read (it held fewer than [`SAMPLE_ROWS`] rows).
    pub whole_table: bool,
    counts: HashMap<Trigram, u32>,
}

impl Sample {
    /// Counts the trigrams of `texts` (each once per text).
    pub fn of<'a>(texts: impl IntoIterator<Item = &'a str>) -> Self {
        let mut sample = Sample::default();
        let mut seen = HashSet::new();
        for text in texts {
            sample.rows += 1;
            seen.clear();
            let chars: Vec<char> = text.chars().collect();
            for window in chars.windows(3) {
                let trigram = [window[0], window[1], window[2]];
                if seen.insert(trigram) {
                    *sample.counts.entry(trigram).or_default() += 1;
                }
            }
        }
        sample
    }

    /// In how many sampled rows `trigram` occurs.
    pub fn count(&self, trigram: Trigram) -> u32 {
        self.counts.get(&trigram).copied().unwrap_or(0)
    }

    /// The trigram of `term` (three characters or more) found in the fewest sampled rows; the
    /// first of them when several tie. `None` for a shorter term.
    pub fn rarest(&self, term: &str) -> Option<String> {
        let chars: Vec<char> = term.chars().collect();
        chars
            .windows(3)
            .map(|w| [w[0], w[1], w[2]])
            .min_by_key(|&t| self.count(t))
            .map(|t| t.iter().collect())
    }
}

/// The samples of the searchable tables, shared by the pool's users.
#[derive(Debug, Default)]
pub struct Trigrams {
    tables: Mutex<HashMap<&'static str, Slot>>,
}

#[derive(Debug, Default)]
struct Slot {
    sample: Option<Arc<Sample>>,
    taken: Option<Instant>,
    taking: bool,
}

impl Trigrams {
    /// `table`'s sample when one has been taken; a new one is started in the background when
    /// there is none yet or it is older than [`REFRESH`] (only inside a Tokio runtime, which
    /// every caller of a search runs in).
    pub fn sample(&self, db: &Db, table: &'static str) -> Option<Arc<Sample>> {
        let mut tables = self.tables.lock().unwrap_or_else(|e| e.into_inner());
        let slot = tables.entry(table).or_default();
        let small = slot.sample.as_ref().is_none_or(|sample| sample.whole_table);
        let wait = if small { REFRESH_SMALL } else { REFRESH };
        let stale = slot.taken.is_none_or(|at| at.elapsed() >= wait);
        if stale
            && !slot.taking
            && let Ok(runtime) = tokio::runtime::Handle::try_current()
        {
            slot.taking = true;
            let db = db.clone();
            runtime.spawn(async move {
                let taken = take(&db, table).await;
                if let Err(e) = &taken {
                    tracing::warn!(table, error = %e, "cannot sample the search text's trigrams");
                }
                db.trigrams.put(table, taken.ok().map(Arc::new));
            });
        }
        slot.sample.clone()
    }

    /// Takes `table`'s sample now and keeps it (what the background task does, awaited: for
    /// tests).
    pub async fn refresh(&self, db: &Db, table: &'static str) -> sqlx::Result<Arc<Sample>> {
        let sample = Arc::new(take(db, table).await?);
        self.put(table, Some(sample.clone()));
        Ok(sample)
    }

    fn put(&self, table: &'static str, sample: Option<Arc<Sample>>) {
        let mut tables = self.tables.lock().unwrap_or_else(|e| e.into_inner());
        let slot = tables.entry(table).or_default();
        slot.taking = false;
        // A failed attempt is tried again after the wait of a small table's sample.
        slot.taken = Some(Instant::now());
        if sample.is_some() {
            slot.sample = sample;
        }
    }
}

/// Reads up to [`SAMPLE_ROWS`] rows' `search_text` of `table` and counts their trigrams.
async fn take(db: &Db, table: &'static str) -> sqlx::Result<Sample> {
    // `table` is one of `search`'s constants, never input. `MIN` and `MAX` each in a statement
    // of its own: SQLite reads one end of the primary key for either alone, but scans the whole
    // table for both together (121 ms at a million customers).
    let mut ends = [None, None];
    for (end, aggregate) in ends.iter_mut().zip(["MIN", "MAX"]) {
        (*end,) = Sql::new(&format!("SELECT {aggregate}(id) FROM {table}"))
            .query_as::<(Option<i64>,)>()
            .fetch_one(&db.pool)
            .await?;
    }
    let [Some(low), Some(high)] = ends else {
        return Ok(Sample {
            whole_table: true,
            ..Sample::default()
        });
    };
    let whole_table = high - low < SAMPLE_ROWS;
    let texts: Vec<(String,)> = if whole_table {
        Sql::new(&format!("SELECT search_text FROM {table}"))
            .query_as()
            .fetch_all(&db.pool)
            .await?
    } else {
        let per_window = SAMPLE_ROWS / WINDOWS;
        let span = (high - low - per_window) as u64;
        let mut texts = Vec::with_capacity(SAMPLE_ROWS as usize);
        for _ in 0..WINDOWS {
            let start = low + (rand::random::<u64>() % span) as i64;
            let mut sql = Sql::new(&format!("SELECT search_text FROM {table} WHERE id >= "));
            sql.bind(start).push(" ORDER BY id").limit(per_window);
            texts.extend(sql.query_as::<(String,)>().fetch_all(&db.pool).await?);
        }
        texts
    };
    let sample = Sample {
        whole_table,
        ..Sample::of(texts.iter().map(|(text,)| text.as_str()))
    };
    tracing::debug!(
        table,
        rows = sample.rows,
        trigrams = sample.counts.len(),
        "search trigrams sampled"
    );
    Ok(sample)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_each_trigram_once_a_row_and_picks_the_rarest() {
        let sample = Sample::of(["nordlys transport", "nord bygg", "fjordbygg nord"]);
        assert_eq!(sample.rows, 3);
        assert_eq!(
            sample.count(['n', 'o', 'r']),
            3,
            "once per row, twice in the third"
        );
        assert_eq!(sample.count(['d', 'l', 'y']), 1);
        assert_eq!(sample.count(['x', 'y', 'z']), 0);
        // `ord` is in all three rows, `dly` in one.
        assert_eq!(sample.rarest("nordly").as_deref(), Some("rdl"));
        // A trigram never seen is the rarest of all.
        assert_eq!(sample.rarest("byggx").as_deref(), Some("ggx"));
        // Ties: the first.
        assert_eq!(sample.rarest("abcd").as_deref(), Some("abc"));
        assert_eq!(sample.rarest("ab"), None);
        assert_eq!(sample.rarest("øst").as_deref(), Some("øst"));
    }
}
