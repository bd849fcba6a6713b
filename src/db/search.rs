//! Customer search: the one backend-specific query in the product.
//!
//! Both backends give the same meaning. Every typed word of three or more characters must occur
//! somewhere in the customer's `search_text` (name, organisation number, customer number,
//! places) — substrings, so that "bygg" finds "Fjordbygg AS", as Norwegian compounds demand.
//! SQLite answers from an FTS5 trigram index, PostgreSQL from a pg_trgm GIN index. A query of
//! only one or two characters matches the start of the name instead (trigrams need three).

use super::{Backend, Sql};
use crate::collate::sort_key;

/// What the user typed, split into search terms: runs of letters and digits, lower-cased.
/// A typed organisation number with spaces ("923 609 016") becomes one term.
pub fn terms(query: &str) -> Vec<String> {
    let compact: String = query.chars().filter(|c| !c.is_whitespace()).collect();
    if !compact.is_empty() && compact.chars().all(|c| c.is_ascii_digit()) {
        return vec![compact];
    }
    query
        .split(|c: char| !c.is_alphanumeric())
        .filter(|t| !t.is_empty())
        .map(|t| t.to_lowercase())
        .take(8)
        .collect()
}

/// A searchable table: its FTS5 shadow table on SQLite (PostgreSQL searches the table itself).
pub struct Searchable {
    fts_table: &'static str,
}

pub const CUSTOMERS: Searchable = Searchable {
    fts_table: "customers_fts",
};
pub const CONTACTS: Searchable = Searchable {
    fts_table: "contacts_fts",
};
pub const WORKERS: Searchable = Searchable {
    fts_table: "workers_fts",
};

/// True when the search has a word of three or more characters (a substring search), as opposed
/// to a name-prefix search or none.
pub fn has_substring_terms(query: &str) -> bool {
    terms(query).iter().any(|t| t.chars().count() >= 3)
}

/// Appends `AND <the customer matches the search>` to `sql`; nothing for an empty search.
pub fn push_customer_search(sql: &mut Sql, backend: Backend, alias: &str, query: &str) {
    push_search(sql, backend, CUSTOMERS, alias, query)
}

/// Appends `AND <the row aliased `alias` of `table` matches the search>`. The table has
/// `search_text` and `sort_name` columns kept by the application.
pub fn push_search(sql: &mut Sql, backend: Backend, table: Searchable, alias: &str, query: &str) {
    let all = terms(query);
    let long: Vec<&String> = all.iter().filter(|t| t.chars().count() >= 3).collect();
    if long.is_empty() {
        // Only short words: the name starts with the first of them.
        if let Some(first) = all.first() {
            let lower = sort_key(first);
            let upper = format!("{lower}\u{10FFFF}");
            sql.push(&format!(" AND {alias}.sort_name >= "))
                .bind(lower)
                .push(&format!(" AND {alias}.sort_name < "))
                .bind(upper);
        }
        return;
    }
    match backend {
        Backend::Sqlite => {
            // Terms are letters and digits only; quoting makes each one a literal substring.
            let expr: Vec<String> = long.iter().map(|t| format!("\"{t}\"")).collect();
            let fts = table.fts_table;
            sql.push(&format!(
                " AND {alias}.id IN (SELECT rowid FROM {fts} WHERE {fts} MATCH "
            ))
            .bind(expr.join(" AND "))
            .push(")");
        }
        Backend::Postgres => {
            for term in long {
                // Terms hold no LIKE wildcards (letters and digits only).
                sql.push(&format!(" AND {alias}.search_text LIKE "))
                    .bind(format!("%{term}%"));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_words_and_joins_spaced_org_numbers() {
        assert_eq!(terms("Hansen & Sønn"), vec!["hansen", "sønn"]);
        assert_eq!(terms("923 609 016"), vec!["923609016"]);
        assert_eq!(terms("  \"'*%_) "), Vec::<String>::new());
        assert_eq!(terms("Bygg-AS Tromsø"), vec!["bygg", "as", "tromsø"]);
    }

    #[test]
    fn short_queries_match_the_start_of_the_name() {
        let mut sql = Sql::new("SELECT 1 FROM customers c WHERE 1 = 1");
        push_customer_search(&mut sql, Backend::Postgres, "c", "øs");
        assert!(
            sql.text()
                .ends_with("c.sort_name >= $1 AND c.sort_name < $2"),
            "{}",
            sql.text()
        );
    }

    #[test]
    fn long_words_are_substring_conditions_and_short_ones_are_dropped() {
        let mut sql = Sql::new("");
        push_customer_search(&mut sql, Backend::Postgres, "c", "as bygg");
        assert_eq!(sql.text(), " AND c.search_text LIKE $1");
    }
}
