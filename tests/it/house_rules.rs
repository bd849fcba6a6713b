//! Rules of the codebase that a reader could miss, checked over `src/` (and `tests/` where said).

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
/// when another writer is at work (see `db::Db::begin`). The tests' own transactions too: a
/// deferred one in a fixture failed that way in a full run under load. A test that races two
/// transactions on purpose says so on the line before (`deferred on purpose`).
#[test]
fn transactions_start_with_db_begin() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    rust_files(&root.join("src"), &mut files);
    let in_src = files.len();
    rust_files(&root.join("tests"), &mut files);
    assert!(
        in_src > 100 && files.len() > in_src + 100,
        "read {} files",
        files.len()
    );
    let offenders: Vec<String> = files
        .iter()
        .filter(|f| !f.ends_with("db/mod.rs") && !f.ends_with("house_rules.rs"))
        .flat_map(|f| {
            let text = std::fs::read_to_string(f).unwrap();
            let lines: Vec<&str> = text.lines().collect();
            lines
                .iter()
                .enumerate()
                .filter(|(n, l)| {
                    (l.contains("pool.begin()") || l.contains("pool.begin_with("))
                        && !(*n > 0 && lines[n - 1].contains("deferred on purpose"))
                })
                .map(|(n, _)| format!("{}:{}", f.display(), n + 1))
                .collect::<Vec<_>>()
        })
        .collect();
    assert!(offenders.is_empty(), "use Db::begin: {offenders:?}");
}
