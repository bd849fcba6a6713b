//! Customer search: the one backend-specific query in the product.
//!
//! Both backends give the same meaning. Every typed word of three or more characters must occur
//! somewhere in the customer's `search_text` (name, organisation number, customer number,
//! places) — substrings, so that "bygg" finds "Fjordbygg AS", as Norwegian compounds demand.
//! SQLite answers from an FTS5 trigram index, PostgreSQL from a pg_trgm GIN index. A query of
//! only one or two characters matches the start of the name instead (trigrams need three).

use super::{Backend, Db, Sql, trigrams::Sample};
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

/// A searchable table (with a `search_text` column) and its FTS5 shadow table on SQLite
/// (PostgreSQL searches the table itself).
pub struct Searchable {
    table: &'static str,
    fts_table: &'static str,
}

pub const CUSTOMERS: Searchable = Searchable {
    table: "customers",
    fts_table: "customers_fts",
};
pub const CONTACTS: Searchable = Searchable {
    table: "contacts",
    fts_table: "contacts_fts",
};
pub const WORKERS: Searchable = Searchable {
    table: "workers",
    fts_table: "workers_fts",
};

/// Whether a search word is matched as a substring: three characters or more, a trigram at
/// least. Shorter words match the start of the name, and only when no word is this long.
pub fn is_long(term: &str) -> bool {
    term.chars().count() >= 3
}

/// True when the search has a word of three or more characters (a substring search), as opposed
/// to a name-prefix search or none.
pub fn has_substring_terms(query: &str) -> bool {
    terms(query).iter().any(|t| is_long(t))
}

/// Appends `AND <the customer matches the search>` to `sql`; nothing for an empty search.
pub fn push_customer_search(sql: &mut Sql, db: &Db, alias: &str, query: &str) {
    push_search(sql, db, CUSTOMERS, alias, query)
}

/// Appends `AND <the row aliased `alias` of `table` matches the search>`. The table has
/// `search_text` and `sort_name` columns kept by the application.
pub fn push_search(sql: &mut Sql, db: &Db, table: Searchable, alias: &str, query: &str) {
    let sample = sample(db, &table, query);
    push_search_sampled(sql, db.backend, sample.as_deref(), &table, alias, query)
}

/// [`push_search`] with the table's trigram sample, when there is one (SQLite).
fn push_search_sampled(
    sql: &mut Sql,
    backend: Backend,
    sample: Option<&Sample>,
    table: &Searchable,
    alias: &str,
    query: &str,
) {
    let all = terms(query);
    let long: Vec<&String> = all.iter().filter(|t| is_long(t)).collect();
    if long.is_empty() {
        return push_short_search(sql, alias, &all);
    }
    match backend {
        Backend::Sqlite => {
            let fts = table.fts_table;
            let (expr, checked) = fts_query(sample, &long);
            sql.push(&format!(
                " AND {alias}.id IN (SELECT rowid FROM {fts} WHERE {fts} MATCH "
            ))
            .bind(expr)
            .push(")");
            push_whole_words(sql, Backend::Sqlite, alias, &checked);
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

/// Starts taking the trigram samples of the searchable tables on SQLite (at the server's start,
/// so that its first searches need not ask FTS5 for every trigram); nothing on PostgreSQL.
pub fn start_sampling(db: &Db) {
    if db.backend == Backend::Sqlite {
        for table in [CUSTOMERS, CONTACTS, WORKERS] {
            db.trigrams.sample(db, table.table);
        }
    }
}

/// The trigram sample of `table` for a search of `query` that reads SQLite's FTS5 index, when
/// it has been taken ([`super::trigrams::Trigrams::sample`], which starts taking it when not).
fn sample(db: &Db, table: &Searchable, query: &str) -> Option<std::sync::Arc<Sample>> {
    (db.backend == Backend::Sqlite && has_substring_terms(query))
        .then(|| db.trigrams.sample(db, table.table))
        .flatten()
}

/// A search of short words only (one or two characters: no trigram): the name starts with the
/// first of them. Nothing for an empty search.
fn push_short_search(sql: &mut Sql, alias: &str, terms: &[String]) {
    if let Some(first) = terms.first() {
        let lower = sort_key(first);
        let upper = format!("{lower}\u{10FFFF}");
        sql.push(&format!(" AND {alias}.sort_name >= "))
            .bind(lower)
            .push(&format!(" AND {alias}.sort_name < "))
            .bind(upper);
    }
}

/// For a query that stops after a number of matches (a bounded count) on SQLite: the FTS5
/// table to read first, `FROM <table> CROSS JOIN <searched table> alias`, and the condition
/// that ties them ([`push_search_driving`]). `None` on PostgreSQL and for a search without a
/// word of three or more characters: those take [`push_search`].
///
/// Why: `alias.id IN (SELECT rowid FROM fts WHERE fts MATCH …)` makes SQLite collect every
/// match into a list before the first row is looked at, so a count that stops at 1,001 still
/// read all 17,000 customers in Tromsø at a million customers; read as the outer loop of a join,
/// the full-text index is left as soon as the count has its rows.
pub fn driving_table(backend: Backend, table: &Searchable, query: &str) -> Option<&'static str> {
    (backend == Backend::Sqlite && has_substring_terms(query)).then_some(table.fts_table)
}

/// Appends `AND <alias is the FTS5 row> AND <it matches>` for a query whose FROM starts with
/// [`driving_table`]'s table: the same matches as [`push_search`].
pub fn push_search_driving(sql: &mut Sql, db: &Db, table: &Searchable, alias: &str, query: &str) {
    let all = terms(query);
    let long: Vec<&String> = all.iter().filter(|t| is_long(t)).collect();
    let sample = sample(db, table, query);
    let (expr, checked) = fts_query(sample.as_deref(), &long);
    let fts = table.fts_table;
    sql.push(&format!(" AND {alias}.id = {fts}.rowid AND {fts} MATCH "))
        .bind(expr);
    push_whole_words(sql, Backend::Sqlite, alias, &checked);
}

/// The FTS5 query for the words `long` (three characters or more) of a search, and the words
/// longer than three characters, which the rows it gives must then be checked for
/// ([`push_whole_words`]): with the table's trigram sample, each word's rarest trigram
/// (decision 0091); without one, every word whole, checked by FTS5 itself.
fn fts_query<'t>(sample: Option<&Sample>, long: &[&'t String]) -> (String, Vec<&'t str>) {
    match sample {
        Some(sample) => query_of_rarest(sample, long),
        None => {
            // Terms are letters and digits only; quoting makes each one a literal substring.
            let expr: Vec<String> = long.iter().map(|t| format!("\"{t}\"")).collect();
            (expr.join(" AND "), Vec::new())
        }
    }
}

/// [`fts_query`] with a sample: each word's rarest trigram (once), and the words it stands for.
fn query_of_rarest<'t>(sample: &Sample, long: &[&'t String]) -> (String, Vec<&'t str>) {
    let mut trigrams: Vec<String> = Vec::new();
    let mut checked = Vec::new();
    for term in long {
        let Some(trigram) = sample.rarest(term) else {
            continue;
        };
        if trigram != term.as_str() && !checked.contains(&term.as_str()) {
            checked.push(term.as_str());
        }
        if !trigrams.contains(&trigram) {
            trigrams.push(trigram);
        }
    }
    let expr: Vec<String> = trigrams.iter().map(|t| format!("\"{t}\"")).collect();
    (expr.join(" AND "), checked)
}

/// Appends ` AND <alias>.search_text contains <word>`, checked on the rows read, for each of
/// `words` ([`super::hints::push_contains_on_rows`]).
fn push_whole_words<S: AsRef<str>>(sql: &mut Sql, backend: Backend, alias: &str, words: &[S]) {
    let column = format!("{alias}.search_text");
    for word in words {
        super::hints::push_contains_on_rows(sql, backend, &column, word.as_ref());
    }
}

/// Appends `AND <the row matches the search>` checked on each row read, not through the
/// substring index: `search_text LIKE '%word%'` for every word of three or more characters (the
/// same meaning as [`push_search`]), for a query that walks another index in order and stops
/// after a page ([`super::hints::push_contains_on_rows`]: on PostgreSQL neither a trigram index
/// scan of every match nor a sort of the whole range). Short-only searches are name prefixes,
/// as in [`push_search`].
pub fn push_search_row_check(sql: &mut Sql, backend: Backend, alias: &str, query: &str) {
    let all = terms(query);
    let long: Vec<&String> = all.iter().filter(|t| is_long(t)).collect();
    if long.is_empty() {
        return push_short_search(sql, alias, &all);
    }
    push_whole_words(sql, backend, alias, &long);
}

/// Appends ` AND <column> LIKE '%term%'` with `LIKE`'s wildcards in `term` escaped, for a
/// column without a search index of its own (already lower-cased as `term` is).
pub fn push_contains(sql: &mut Sql, column: &str, term: &str) {
    let escaped = term
        .replace('\\', "\\\\")
        .replace('%', "\\%")
        .replace('_', "\\_");
    sql.push(&format!(" AND {column} LIKE "))
        .bind(format!("%{escaped}%"))
        .push(" ESCAPE '\\'");
}

/// What a typed number may name exactly: an organisation number (nine digits, spaces allowed)
/// or a customer number. `None` unless the whole search is one number.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ExactNumber<'a> {
    /// The digits, when there are nine of them (an organisation number is stored as digits).
    pub org_number: Option<&'a str>,
    /// The number, when it fits a customer number.
    pub customer_number: Option<i64>,
}

/// The typed search as an exact number (see [`ExactNumber`]); `terms` is [`terms`]' answer.
pub fn exact_number(terms: &[String]) -> Option<ExactNumber<'_>> {
    let [only] = terms else { return None };
    if only.is_empty() || !only.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    Some(ExactNumber {
        org_number: (only.len() == 9).then_some(only.as_str()),
        customer_number: only.parse::<i64>().ok().filter(|&n| n > 0),
    })
}

/// The term a ranked search ranks by: the first word of three or more characters (the one the
/// substring index found), or `None` when the search has none (a name-prefix search is already
/// in name order).
pub fn rank_term(query: &str) -> Option<String> {
    terms(query)
        .into_iter()
        .find(|t| is_long(t))
        .map(|t| sort_key(&t))
}

/// The relevance of a row aliased `alias` (with a `sort_name` column) for the search, as an SQL
/// expression to sort by, ascending: 0 when the name starts with the first long word typed, 1
/// when a later word of the name does (after a space or a hyphen), 2 for a match inside a word
/// or elsewhere (a place, a number). `None` when the search has no word to rank by.
///
/// The same SQL on both databases: the sort key and the term are both lower case with æ, ø, å
/// mapped alike ([`sort_key`]), and terms hold no `LIKE` wildcards (letters and digits only).
pub fn rank_expression(sql: &mut Sql, alias: &str, query: &str) -> bool {
    let Some(term) = rank_term(query) else {
        return false;
    };
    sql.push(&format!("(CASE WHEN {alias}.sort_name LIKE "))
        .bind(format!("{term}%"))
        .push(&format!(" THEN 0 WHEN {alias}.sort_name LIKE "))
        .bind(format!("% {term}%"))
        .push(&format!(" OR {alias}.sort_name LIKE "))
        .bind(format!("%-{term}%"))
        .push(" THEN 1 ELSE 2 END)");
    true
}

/// The rank [`rank_expression`] gives a row whose sort key is `sort_name`, for the search's
/// [`rank_term`]: computed here for rows already read. `LIKE` is case-blind only for A–Z, and
/// both the key and the term are in lower-case sort-key form, so its patterns are these plain
/// string tests.
pub fn rank_of(term: &str, sort_name: &str) -> i64 {
    if sort_name.starts_with(term) {
        0
    } else if sort_name.contains(&format!(" {term}")) || sort_name.contains(&format!("-{term}")) {
        1
    } else {
        2
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn asks_for_each_words_rarest_trigram_and_checks_the_longer_words() {
        let sample = Sample::of([
            "nordlys transport",
            "nord bygg",
            "nordbygg vest",
            "vest rør",
        ]);
        let words: Vec<String> = ["nordlys", "vest", "rør", "vest", "vestfjord"]
            .map(String::from)
            .to_vec();
        let long: Vec<&String> = words.iter().collect();
        let (expr, checked) = query_of_rarest(&sample, &long);
        // `rdl` is in one row, `nor` and `ord` in three; `ves` and `est` tie, the first is
        // taken; `rør` is its own trigram and needs no check; a word typed twice is asked for
        // and checked once; `stf` is in no row at all, the rarest there is.
        assert_eq!(expr, "\"rdl\" AND \"ves\" AND \"rør\" AND \"stf\"");
        assert_eq!(checked, ["nordlys", "vest", "vestfjord"]);
    }

    #[test]
    fn a_rank_computed_from_the_key_is_the_rank_expressions() {
        let term = rank_term("Ørsta bygg").unwrap();
        assert_eq!(term, "|rsta");
        assert_eq!(rank_of(&term, &sort_key("Ørsta Rør AS")), 0);
        assert_eq!(rank_of(&term, &sort_key("Vest-Ørsta AS")), 1);
        assert_eq!(rank_of(&term, &sort_key("Bygg i Ørstavik")), 1);
        assert_eq!(rank_of(&term, &sort_key("Nørsta AS")), 2);
        assert_eq!(rank_of(&term, &sort_key("Bygg AS")), 2);
    }

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
        push_search_sampled(&mut sql, Backend::Postgres, None, &CUSTOMERS, "c", "øs");
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
        push_search_sampled(
            &mut sql,
            Backend::Postgres,
            None,
            &CUSTOMERS,
            "c",
            "as bygg",
        );
        assert_eq!(sql.text(), " AND c.search_text LIKE $1");
    }

    #[test]
    fn whole_numbers_are_exact_candidates() {
        let t = terms("923 609 016");
        let exact = exact_number(&t).unwrap();
        assert_eq!(exact.org_number, Some("923609016"));
        assert_eq!(exact.customer_number, Some(923609016));
        let t = terms("10042");
        assert_eq!(exact_number(&t).unwrap().org_number, None);
        assert_eq!(exact_number(&terms("bygg 12")), None);
        assert_eq!(exact_number(&terms("hansen")), None);
    }

    #[test]
    fn ranks_by_the_first_long_word_in_sort_key_form() {
        let mut sql = Sql::new("");
        assert!(rank_expression(&mut sql, "c", "AS Ørsta"));
        assert_eq!(
            sql.text(),
            "(CASE WHEN c.sort_name LIKE $1 THEN 0 WHEN c.sort_name LIKE $2 OR c.sort_name LIKE $3 THEN 1 ELSE 2 END)"
        );
        assert!(sql.cache_key().contains("|rsta%"));
        assert!(!rank_expression(&mut Sql::new(""), "c", "as"));
    }
}
