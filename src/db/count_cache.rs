//! A short-lived cache of list totals, one per database handle. Counting every matching row is
//! the most expensive part of a list page at 100,000 customers, and paging, re-sorting and
//! repeated searches ask for the same total again and again. A total is reused for a few
//! seconds, and never after a write through this handle said the data changed; another
//! instance's change shows within the TTL.

use std::{
    collections::HashMap,
    sync::{
        Mutex,
        atomic::{AtomicU64, Ordering},
    },
    time::{Duration, Instant},
};

const TTL: Duration = Duration::from_secs(5);
const MAX_ENTRIES: usize = 2048;

struct Entry {
    total: i64,
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
        let generation = self.generation.load(Ordering::Relaxed);
        let entries = self.entries.lock().ok()?;
        let entry = entries.get(key)?;
        (entry.generation == generation && entry.at.elapsed() < TTL).then_some(entry.total)
    }

    pub fn put(&self, key: String, total: i64) {
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
}
