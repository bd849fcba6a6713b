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

/// A text column in a condition that PostgreSQL must check on the rows it reads rather than
/// look up in the column's (trigram) index: `(column || '')`. SQLite's `LIKE` on a plain column
/// uses no index of its own, so the column stays as it is there.
pub fn text_without_index(backend: Backend, column: &str) -> String {
    match backend {
        Backend::Postgres => format!("({column} || '')"),
        Backend::Sqlite => column.to_string(),
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
