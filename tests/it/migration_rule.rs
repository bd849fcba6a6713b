//! The rule for migrations (decision 0053, docs/operations.md "Upgrading"): one release may add
//! (tables, nullable or defaulted columns, indexes) but never takes away or changes what the
//! previous release's code still reads or writes, so an instance of the old release keeps
//! serving while the new one migrates the shared database. Taking away — dropping or renaming a
//! table or column, changing a column's type, making a column NOT NULL afterwards — belongs in
//! a later release than the code that stopped using it, and its file says so on a line
//! `-- contract: <what is removed> unused since migration NNNN`. This test reads every migration
//! of both databases and fails on a destructive statement without that line.

use std::path::Path;

/// The statements that take something away from the previous release's code.
const DESTRUCTIVE: &[&str] = &[
    "DROP TABLE",
    "DROP COLUMN",
    "RENAME COLUMN",
    "RENAME TO",
    "ALTER COLUMN",
    "DROP VIEW",
    "TRUNCATE",
];

/// Destructive statements in `sql` (comments left out), as found.
fn destructive(sql: &str) -> Vec<&'static str> {
    let code: String = sql
        .lines()
        .map(|l| l.split("--").next().unwrap_or(""))
        .collect::<Vec<_>>()
        .join(" ")
        .to_uppercase();
    let code = code.split_whitespace().collect::<Vec<_>>().join(" ");
    DESTRUCTIVE
        .iter()
        .copied()
        .filter(|d| code.contains(d))
        .collect()
}

#[test]
fn no_migration_takes_away_what_the_previous_release_uses_unannounced() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("migrations");
    let mut checked = 0;
    let mut offences = Vec::new();
    for backend in ["sqlite", "postgres"] {
        let mut files: Vec<_> = std::fs::read_dir(root.join(backend))
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|e| e == "sql"))
            .collect();
        files.sort();
        for file in files {
            let sql = std::fs::read_to_string(&file).unwrap();
            checked += 1;
            let found = destructive(&sql);
            if !found.is_empty()
                && !sql
                    .lines()
                    .any(|l| l.trim_start().starts_with("-- contract:"))
            {
                offences.push(format!("{}: {}", file.display(), found.join(", ")));
            }
        }
    }
    assert!(
        checked >= 60,
        "read the migrations of both databases ({checked})"
    );
    assert!(
        offences.is_empty(),
        "destructive without `-- contract:` line: {offences:#?}"
    );
}

#[test]
fn the_check_sees_destructive_statements_and_not_comments() {
    assert_eq!(
        destructive("ALTER TABLE jobs\n  DROP   COLUMN locked_by;"),
        vec!["DROP COLUMN"]
    );
    assert_eq!(destructive("alter table a rename to b;"), vec!["RENAME TO"]);
    assert!(destructive("-- we never DROP TABLE here\nCREATE TABLE x (id BIGINT);").is_empty());
    assert!(destructive("ALTER TABLE x ADD COLUMN y TEXT;").is_empty());
}
