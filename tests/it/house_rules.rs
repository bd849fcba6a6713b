//! Rules of the codebase that a reader could miss, checked over `src/`.

use std::path::Path;

fn rust_files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// Transactions start with `Db::begin`, which takes SQLite's write lock at once (`BEGIN
/// IMMEDIATE`); `pool.begin()` would start a deferred one that fails with "database is locked"
/// when another writer is at work (see `db::Db::begin`).
#[test]
fn transactions_start_with_db_begin() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    assert!(files.len() > 100, "read {} files", files.len());
    let offenders: Vec<String> = files
        .iter()
        .filter(|f| !f.ends_with("db/mod.rs"))
        .flat_map(|f| {
            std::fs::read_to_string(f)
                .unwrap()
                .lines()
                .enumerate()
                .filter(|(_, l)| l.contains("pool.begin()") || l.contains("pool.begin_with("))
                .map(|(n, _)| format!("{}:{}", f.display(), n + 1))
                .collect::<Vec<_>>()
        })
        .collect();
    assert!(offenders.is_empty(), "use Db::begin: {offenders:?}");
}
