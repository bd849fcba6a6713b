//! A short-lived cache of list totals, one per database handle. Counting every matching row is
//! the most expensive part of a list page at 100,000 customers, and paging, re-sorting and
//! repeated searches ask for the same total again and again. A total is reused for a few
//! seconds, and never after a write through this handle said the data changed; another
//! instance's change shows within the TTL.
//!
//! A search with few matches (no more than its count went to) may keep the matches' ids beside
//! its total ([`CountCache::put_matches`]): the page is then sorted from those ids instead of
//! asking the substring index for every match a second time (decision 0085).

use std::{
    collections::HashMap,
    sync::{
        Arc, Mutex,
        atomic::{AtomicU64, Ordering},
    },
    time::{Duration, Instant},
};

const TTL: Duration = Duration::from_secs(5);
/// At most this many totals; with the ids of at most a bound's worth of matches each (1,001),
/// no more than 16 MB.
const MAX_ENTRIES: usize = 2048;

struct Entry {
    total: i64,
    /// Every matching row's id, when they were read rather than counted.
    ids: Option<Arc<[i64]>>,
    at: Instant,
    generation: u64,
}

#[derive(Default)]
pub struct CountCache {
    generation: AtomicU64,
    entries: Mutex<HashMap<String, Entry>>,
}

impl std::fmt::Debug for CountCache {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("CountCache")
    }
}

impl CountCache {
    /// Call after any change that may alter a cached total.
    pub fn invalidate(&self) {
        self.generation.fetch_add(1, Ordering::Relaxed);
    }

    pub fn get(&self, key: &str) -> Option<i64> {
        self.fresh(key, |entry| Some(entry.total))
    }

    /// The ids of every row `key` matches, when [`CountCache::put_matches`] kept them and the
    /// total is still fresh.
    pub fn matches(&self, key: &str) -> Option<Arc<[i64]>> {
        self.fresh(key, |entry| entry.ids.clone())
    }

    fn fresh<T>(&self, key: &str, read: impl FnOnce(&Entry) -> Option<T>) -> Option<T> {
        let generation = self.generation.load(Ordering::Relaxed);
        let entries = self.entries.lock().ok()?;
        let entry = entries.get(key)?;
        (entry.generation == generation && entry.at.elapsed() < TTL)
            .then(|| read(entry))
            .flatten()
    }

    pub fn put(&self, key: String, total: i64) {
        self.insert(key, total, None);
    }

    /// Keeps `ids`, every row `key` matches, and their number as its total.
    pub fn put_matches(&self, key: String, ids: Arc<[i64]>) {
        self.insert(key, ids.len() as i64, Some(ids));
    }

    fn insert(&self, key: String, total: i64, ids: Option<Arc<[i64]>>) {
        let generation = self.generation.load(Ordering::Relaxed);
        if let Ok(mut map) = self.entries.lock() {
            if map.len() >= MAX_ENTRIES {
                map.retain(|_, e| e.generation == generation && e.at.elapsed() < TTL);
                if map.len() >= MAX_ENTRIES {
                    map.clear();
                }
            }
            map.insert(
                key,
                Entry {
                    total,
                    ids,
                    at: Instant::now(),
                    generation,
                },
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_change_makes_cached_totals_stale() {
        let cache = CountCache::default();
        cache.put("q".into(), 42);
        assert_eq!(cache.get("q"), Some(42));
        cache.invalidate();
        assert_eq!(cache.get("q"), None);
    }

    #[test]
    fn matches_are_kept_with_their_total_and_go_stale_with_it() {
        let cache = CountCache::default();
        cache.put_matches("q".into(), vec![7, 3, 5].into());
        assert_eq!(cache.get("q"), Some(3));
        assert_eq!(cache.matches("q").as_deref(), Some(&[7, 3, 5][..]));
        // A total put later, counted and not read, has no ids to give.
        cache.put("q".into(), 3);
        assert_eq!(cache.matches("q"), None);
        cache.put_matches("q".into(), vec![1].into());
        cache.invalidate();
        assert_eq!(cache.matches("q"), None);
        assert_eq!(cache.get("q"), None);
    }
}
