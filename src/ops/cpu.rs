//! CPU-heavy work — password hashes, PDFs, spreadsheets — runs on the blocking pool, at most one
//! piece per core at a time in this process (decision 0081). The blocking pool itself grows to
//! hundreds of threads, and an argon2 hash holds 19 MiB while it runs: a burst of logins (or a
//! flood of wrong passwords from many addresses) would otherwise take memory without bound and
//! leave every request waiting on every other. Work beyond the cores waits its turn here, in the
//! order it came.

use std::sync::OnceLock;

use tokio::sync::Semaphore;

/// Runs `work` on the blocking pool once a core's slot is free.
pub async fn run<T, F>(work: F) -> anyhow::Result<T>
where
    F: FnOnce() -> T + Send + 'static,
    T: Send + 'static,
{
    let _slot = slots().acquire().await?;
    Ok(tokio::task::spawn_blocking(work).await?)
}

/// How many pieces of work run at once: one per core.
pub fn slot_count() -> usize {
    std::thread::available_parallelism().map_or(2, |n| n.get())
}

fn slots() -> &'static Semaphore {
    static SLOTS: OnceLock<Semaphore> = OnceLock::new();
    SLOTS.get_or_init(|| Semaphore::new(slot_count()))
}

#[cfg(test)]
mod tests {
    use std::{
        sync::{
            Arc,
            atomic::{AtomicUsize, Ordering},
        },
        time::Duration,
    };

    #[tokio::test(flavor = "multi_thread", worker_threads = 4)]
    async fn no_more_pieces_run_at_once_than_there_are_cores() {
        let running = Arc::new(AtomicUsize::new(0));
        let most = Arc::new(AtomicUsize::new(0));
        let tasks: Vec<_> = (0..4 * super::slot_count())
            .map(|_| {
                let (running, most) = (running.clone(), most.clone());
                tokio::spawn(super::run(move || {
                    let now = running.fetch_add(1, Ordering::SeqCst) + 1;
                    most.fetch_max(now, Ordering::SeqCst);
                    std::thread::sleep(Duration::from_millis(30));
                    running.fetch_sub(1, Ordering::SeqCst);
                }))
            })
            .collect();
        for task in tasks {
            task.await.unwrap().unwrap();
        }
        let most = most.load(Ordering::SeqCst);
        assert!(
            (1..=super::slot_count()).contains(&most),
            "{most} ran at once on {} cores",
            super::slot_count()
        );
    }
}
