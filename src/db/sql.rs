//! A small builder for dynamic SQL with `$N` placeholders, which both SQLite and PostgreSQL accept.
//! (sqlx's `QueryBuilder` emits `?` for the `Any` driver, which PostgreSQL rejects.)

use std::fmt::Write;

use sqlx::{Any, Arguments, any::AnyArguments, query::Query};

/// A value bound to a placeholder.
#[derive(Clone, Debug)]
pub enum Arg {
    Int(i64),
    Text(String),
    /// A null in an integer column.
    NullInt,
    /// A null in a text column (PostgreSQL types a null parameter).
    NullText,
}

impl From<Option<i64>> for Arg {
    fn from(v: Option<i64>) -> Self {
        v.map_or(Arg::NullInt, Arg::Int)
    }
}
impl From<Option<String>> for Arg {
    fn from(v: Option<String>) -> Self {
        v.map_or(Arg::NullText, Arg::Text)
    }
}

impl From<i64> for Arg {
    fn from(v: i64) -> Self {
        Arg::Int(v)
    }
}
impl From<String> for Arg {
    fn from(v: String) -> Self {
        Arg::Text(v)
    }
}
impl From<&str> for Arg {
    fn from(v: &str) -> Self {
        Arg::Text(v.to_string())
    }
}

#[derive(Clone, Debug, Default)]
pub struct Sql {
    text: String,
    args: Vec<Arg>,
    /// Where in `text` each placeholder written by [`Sql::bind`] starts, in order.
    marks: Vec<usize>,
}

impl Sql {
    pub fn new(text: &str) -> Self {
        Self {
            text: text.to_string(),
            args: Vec::new(),
            marks: Vec::new(),
        }
    }

    pub fn push(&mut self, text: &str) -> &mut Self {
        self.text.push_str(text);
        self
    }

    /// Appends the next placeholder (`$N`) and remembers its value.
    pub fn bind(&mut self, value: impl Into<Arg>) -> &mut Self {
        self.args.push(value.into());
        self.marks.push(self.text.len());
        let _ = write!(self.text, "${}", self.args.len());
        self
    }

    /// Appends `$N, $N+1, …` for each value: the inside of an `IN (…)` list (at least one value).
    pub fn bind_list<T: Into<Arg>>(&mut self, values: impl IntoIterator<Item = T>) -> &mut Self {
        for (i, value) in values.into_iter().enumerate() {
            if i > 0 {
                self.push(", ");
            }
            self.bind(value);
        }
        self
    }

    /// Appends ` LIMIT n` with the number written out, not bound. PostgreSQL plans a statement
    /// whose `LIMIT` is a parameter again on every execution: it costs a plan for an unknown
    /// `LIMIT` as if a tenth of the rows were read, so its usual switch to one plan kept after
    /// five executions never happens. In the list's and the search's short statements planning
    /// cost several times the read (decision 0090). Written out, each `LIMIT` is a statement of
    /// its own, so only for numbers of a few kinds (a page, a page and one, a bound).
    pub fn limit(&mut self, n: i64) -> &mut Self {
        let _ = write!(self.text, " LIMIT {n}");
        self
    }

    /// Appends ` OFFSET n`, written out as [`Sql::limit`] writes its number: the first page's
    /// `OFFSET 0` is then one statement, kept planned; each deeper page is one more.
    pub fn offset(&mut self, n: i64) -> &mut Self {
        let _ = write!(self.text, " OFFSET {n}");
        self
    }

    pub fn text(&self) -> &str {
        &self.text
    }

    /// The statement and its values as one string: equal keys mean equal results.
    pub fn cache_key(&self) -> String {
        format!("{}|{:?}", self.text, self.args)
    }

    pub fn query(&self) -> Query<'_, Any, AnyArguments> {
        sqlx::query_with(sqlx::AssertSqlSafe(self.text.as_str()), self.arguments())
    }

    /// The values, in the order of their `$N`, as [`query`](Self::query) and
    /// [`query_as`](Self::query_as) send them.
    fn arguments(&self) -> AnyArguments {
        let mut arguments = AnyArguments::default();
        for arg in &self.args {
            let added = match arg {
                Arg::Int(v) => arguments.add(*v),
                Arg::Text(v) => arguments.add(v.as_str()),
                Arg::NullInt => arguments.add(None::<i64>),
                Arg::NullText => arguments.add(None::<String>),
            };
            // Encoding an integer, a text or a null for `Any` only copies it into the buffer.
            added.expect("integers, texts and nulls always encode");
        }
        arguments
    }

    /// This statement with SQLite's anonymous placeholder `?` for each `$N`: the same
    /// statement there, as every `$N` here is used once and in order. For statements with
    /// hundreds of values (bulk loads): sqlx binds each `$N` by looking its name up in SQLite's
    /// list of the statement's parameters, a cost linear in their number for each one, so
    /// quadratic in all (a fifth of the time seeding customers at 40 rows a statement, seen
    /// with `perf`); `?` has no name to look up. PostgreSQL knows only `$N`.
    pub fn anonymous(&self) -> Sql {
        let mut text = String::with_capacity(self.text.len());
        let mut from = 0;
        for (i, &at) in self.marks.iter().enumerate() {
            text.push_str(&self.text[from..at]);
            text.push('?');
            // `$` and the number's digits.
            from = at + 1 + (i + 1).to_string().len();
        }
        text.push_str(&self.text[from..]);
        Sql {
            text,
            args: self.args.clone(),
            // No numbered placeholders left.
            marks: Vec::new(),
        }
    }

    pub fn query_as<'q, T>(&'q self) -> sqlx::query::QueryAs<'q, Any, T, AnyArguments>
    where
        T: for<'r> sqlx::FromRow<'r, sqlx::any::AnyRow>,
    {
        sqlx::query_as_with(sqlx::AssertSqlSafe(self.text.as_str()), self.arguments())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_placeholders_in_order() {
        let mut sql = Sql::new("SELECT 1 WHERE a = ");
        sql.bind(1).push(" AND b = ").bind("x");
        assert_eq!(sql.text(), "SELECT 1 WHERE a = $1 AND b = $2");
    }

    #[test]
    fn anonymous_placeholders_replace_each_numbered_one() {
        let mut sql = Sql::new("INSERT INTO t (a, b) VALUES ");
        for v in 0..12_i64 {
            if v > 0 {
                sql.push(", ");
            }
            sql.push("(").bind(v).push(", '$1'||").bind("x").push(")");
        }
        let anonymous = sql.anonymous();
        let text = anonymous.text();
        assert_eq!(text.matches('?').count(), 24);
        assert!(!text.contains("$2"), "{text}");
        // A `$` in the statement's own text stays.
        assert_eq!(text.matches("'$1'").count(), 12);
        assert!(text.ends_with("(?, '$1'||?)"), "{text}");
    }

    #[test]
    fn limits_and_offsets_are_written_out_between_bound_values() {
        let mut sql = Sql::new("SELECT id FROM t WHERE a = ");
        sql.bind(3).limit(51).offset(0);
        sql.push(" -- ").bind("x");
        assert_eq!(
            sql.text(),
            "SELECT id FROM t WHERE a = $1 LIMIT 51 OFFSET 0 -- $2"
        );
        assert_eq!(
            sql.anonymous().text(),
            "SELECT id FROM t WHERE a = ? LIMIT 51 OFFSET 0 -- ?"
        );
    }
}
