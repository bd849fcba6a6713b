//! Planner hints, the one place that knows how each database is told not to use an index.
//!
//! A caller says what it wants (e.g. "do not narrow by this column's index"); these functions
//! write it in the dialect of the database that needs it, and leave the SQL unchanged elsewhere:
//! - SQLite's planner cannot know how many rows a condition matches, so a condition can be kept
//!   off its column's index with a unary `+` before the column ([`skip_index`]).
//! - PostgreSQL knows the counts but assumes matches are spread evenly, so a sort key can be kept
//!   off its index by making it an expression ([`sort_without_index`]).

use super::Backend;

/// The prefix for a column in a condition: `+` on SQLite when `skip` (the planner will not use
/// the column's index for it), otherwise nothing.
pub fn skip_index(backend: Backend, skip: bool) -> &'static str {
    if backend == Backend::Sqlite && skip {
        "+"
    } else {
        ""
    }
}

/// The sort key for `ORDER BY`: on PostgreSQL when `skip`, an expression no index serves
/// (`(column || '')` for text, `(column + 0)` for numbers), so it sorts the rows it found instead
/// of walking the sort index; otherwise the column itself.
pub fn sort_without_index(backend: Backend, column: &str, text: bool, skip: bool) -> String {
    if backend == Backend::Postgres && skip {
        if text {
            format!("({column} || '')")
        } else {
            format!("({column} + 0)")
        }
    } else {
        column.to_string()
    }
}

/// Appends ` AND <column contains term>`, a condition checked on the rows read and never looked
/// up in the column's (trigram) index. SQLite: `column LIKE '%term%'` (its `LIKE` on a plain
/// column uses no index). PostgreSQL: `strpos(column, term) > 0` — no index serves it, and the
/// planner takes it for a third of the rows; a `LIKE '%term%'` (even on `column || ''`) it
/// takes for a tiny fraction, the longer the word the tinier, and then reads a whole name range
/// and sorts it instead of walking the range in order and stopping after a page (a contacts
/// search at a million: 410 ms against 2 ms). `term` holds no `LIKE` wildcards (letters and
/// digits, as [`super::search::terms`] gives them).
pub fn push_contains_on_rows(sql: &mut super::Sql, backend: Backend, column: &str, term: &str) {
    match backend {
        Backend::Postgres => {
            sql.push(&format!(" AND strpos({column}, "))
                .bind(term.to_string())
                .push(") > 0");
        }
        Backend::Sqlite => {
            sql.push(&format!(" AND {column} LIKE "))
                .bind(format!("%{term}%"));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_database_gets_its_own_hint() {
        assert_eq!(skip_index(Backend::Sqlite, true), "+");
        assert_eq!(skip_index(Backend::Sqlite, false), "");
        assert_eq!(skip_index(Backend::Postgres, true), "");
        assert_eq!(
            sort_without_index(Backend::Postgres, "c.sort_name", true, true),
            "(c.sort_name || '')"
        );
        assert_eq!(
            sort_without_index(Backend::Postgres, "c.updated_at", false, true),
            "(c.updated_at + 0)"
        );
        assert_eq!(
            sort_without_index(Backend::Sqlite, "c.updated_at", false, true),
            "c.updated_at"
        );
        assert_eq!(
            sort_without_index(Backend::Postgres, "c.updated_at", false, false),
            "c.updated_at"
        );
    }
}
