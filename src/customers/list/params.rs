//! The list's parameters: raw text from a query string or the API, parsed into a [`ListQuery`].

use serde::{Deserialize, Serialize};

use crate::{
    customers::model::Status,
    db::paging,
    error::{FieldErrors, Msg},
    geo,
};

pub const DEFAULT_LIMIT: i64 = 50;
pub const MAX_LIMIT: i64 = 500;

/// The raw parameters, as typed in a URL. Everything is optional text until parsed.
#[derive(Clone, Debug, Default, Deserialize, Serialize, utoipa::IntoParams)]
#[serde(default)]
#[into_params(parameter_in = Query)]
pub struct ListParams {
    /// Search in name, organisation number, customer number and place (every word of three or
    /// more characters as a substring; one or two characters: the name's start). Unless `sort`
    /// is given, matches are ranked: the name starts with the first long word, then a later word
    /// of the name does, then the rest; ties by name. A whole organisation number (spaces
    /// allowed) or customer number of a customer you may see answers with only that customer.
    #[param(max_length = 200)]
    pub q: Option<String>,
    /// `mine`, `department` or `all` (default).
    pub scope: Option<String>,
    /// `potential`, `active` or `former`.
    pub status: Option<String>,
    /// Two-digit county number, e.g. `46` (Vestland).
    pub county: Option<String>,
    /// Four-digit municipality number, e.g. `4601` (Bergen).
    pub municipality: Option<String>,
    /// NACE code or its beginning, e.g. `78` (employment activities) or `78.200`.
    pub industry: Option<String>,
    /// Owner's user id.
    pub owner: Option<String>,
    /// Department id.
    pub department: Option<String>,
    /// Only customers with no activity in the diary in the last N days (1–3650).
    #[param(value_type = Option<i64>, minimum = 1, maximum = 3650)]
    pub inactive_days: Option<String>,
    /// `name`, `customer_number`, `org_number`, `city`, `status`, `owner`, `department`,
    /// `updated`, `last_activity`; prefix with `-` for descending.
    pub sort: Option<String>,
    /// Rows per page (1–500, default 50).
    #[param(value_type = Option<i64>, minimum = 1, maximum = 500)]
    pub limit: Option<String>,
    /// Page number, from 1; the page's first row may lie at most 1,000,000 rows in
    /// (page 20001 with the default limit, 2001 with a limit of 500).
    #[param(value_type = Option<i64>, minimum = 1, maximum = 20001)]
    pub page: Option<String>,
    /// The id of the last customer of the page before (`next_after` of that page; the page's
    /// "next" link carries it): the page is read on from that customer along the sort order
    /// instead of skipping `(page - 1) × limit` rows, so a deep page costs what the first does.
    /// `page` still numbers the page. Used with the sorts by name, customer number and last
    /// change outside a ranked search; otherwise, or when that customer is gone, `page` alone
    /// counts.
    #[param(value_type = Option<i64>, minimum = 1)]
    pub after: Option<String>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scope {
    Mine,
    Department,
    All,
}

impl Scope {
    pub fn as_str(self) -> &'static str {
        match self {
            Scope::Mine => "mine",
            Scope::Department => "department",
            Scope::All => "all",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SortKey {
    Name,
    CustomerNumber,
    OrgNumber,
    City,
    Status,
    Owner,
    Department,
    Updated,
    LastActivity,
}

impl SortKey {
    /// Whether the sort key is text (otherwise a number).
    pub(super) fn text(self) -> bool {
        !matches!(
            self,
            SortKey::CustomerNumber | SortKey::Updated | SortKey::LastActivity
        )
    }

    /// Whether rows with equal sort keys are in name order (`sort_name`) before the id: the lists
    /// by status, owner and department, as their indexes `(key, sort_name, id, …)` hold them.
    pub(super) fn ties_by_name(self) -> bool {
        matches!(self, SortKey::Status | SortKey::Owner | SortKey::Department)
    }

    const ALL: [SortKey; 9] = [
        SortKey::Name,
        SortKey::CustomerNumber,
        SortKey::OrgNumber,
        SortKey::City,
        SortKey::Status,
        SortKey::Owner,
        SortKey::Department,
        SortKey::Updated,
        SortKey::LastActivity,
    ];
    pub fn as_str(self) -> &'static str {
        match self {
            SortKey::Name => "name",
            SortKey::CustomerNumber => "customer_number",
            SortKey::OrgNumber => "org_number",
            SortKey::City => "city",
            SortKey::Status => "status",
            SortKey::Owner => "owner",
            SortKey::Department => "department",
            SortKey::Updated => "updated",
            SortKey::LastActivity => "last_activity",
        }
    }
    /// The expression the list sorts by. Each has an index that serves `ORDER BY column
    /// [, ties], id` in order (migrations 0051, 0053 and 0054).
    pub(super) fn column(self) -> &'static str {
        match self {
            SortKey::Name => "c.sort_name",
            SortKey::CustomerNumber => "c.customer_number",
            SortKey::OrgNumber => "COALESCE(c.org_number, '')",
            SortKey::City => "COALESCE(c.visit_city, c.postal_city, '')",
            SortKey::Status => "c.status",
            // The owner's and the department's names as kept on the customer (migration 0054),
            // `''` without one: an index serves the order.
            SortKey::Owner => "c.owner_sort",
            SortKey::Department => "c.department_sort",
            SortKey::Updated => "c.updated_at",
            SortKey::LastActivity => "COALESCE(c.last_activity_at, 0)",
        }
    }
}

/// A parsed, valid list request.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ListQuery {
    pub q: String,
    pub scope: Scope,
    pub status: Option<Status>,
    pub county: Option<String>,
    pub municipality: Option<String>,
    pub industry: Option<String>,
    pub owner: Option<i64>,
    pub department: Option<i64>,
    pub inactive_days: Option<i64>,
    pub sort: SortKey,
    pub descending: bool,
    /// The user chose the sort (a `sort` parameter). Without it, a search is ranked
    /// ([`ListQuery::ranked`]) and a list without one is in name order.
    pub sort_chosen: bool,
    pub limit: i64,
    pub page: i64,
    /// Read on after this customer (keyset paging), when the order allows it.
    pub after: Option<i64>,
}

fn non_empty(v: &Option<String>) -> Option<&str> {
    v.as_deref().map(str::trim).filter(|s| !s.is_empty())
}

impl ListParams {
    /// Parses every parameter; unknown values are reported per parameter, never ignored.
    pub fn parse(&self) -> std::result::Result<ListQuery, FieldErrors> {
        let mut errors = FieldErrors::default();
        let invalid =
            |errors: &mut FieldErrors, field: &str| errors.add(field, Msg::new("filter-invalid"));

        let q = self.q.as_deref().unwrap_or("").trim().to_string();
        if q.chars().count() > 200 {
            errors.add("q", Msg::new("field-too-long").arg("max", 200));
        }
        let scope = match non_empty(&self.scope) {
            None | Some("all") => Scope::All,
            Some("mine") => Scope::Mine,
            Some("department") => Scope::Department,
            Some(_) => {
                invalid(&mut errors, "scope");
                Scope::All
            }
        };
        let status = non_empty(&self.status).and_then(|s| {
            let parsed = Status::parse(s);
            if parsed.is_none() {
                invalid(&mut errors, "status");
            }
            parsed
        });
        let county = non_empty(&self.county).and_then(|c| {
            if geo::county_name(c).is_none() {
                invalid(&mut errors, "county");
                return None;
            }
            Some(c.to_string())
        });
        let municipality = non_empty(&self.municipality).and_then(|m| {
            if geo::postal::municipality_name(m).is_none() {
                invalid(&mut errors, "municipality");
                return None;
            }
            Some(m.to_string())
        });
        let industry = non_empty(&self.industry).and_then(|i| {
            if i.len() > 6 || !i.chars().all(|c| c.is_ascii_digit() || c == '.') {
                invalid(&mut errors, "industry");
                return None;
            }
            Some(i.to_string())
        });
        let mut id = |field: &str, v: &Option<String>| {
            non_empty(v).and_then(|raw| match raw.parse::<i64>() {
                Ok(n) if n > 0 => Some(n),
                _ => {
                    invalid(&mut errors, field);
                    None
                }
            })
        };
        let owner = id("owner", &self.owner);
        let department = id("department", &self.department);
        let after = id("after", &self.after);
        let inactive_days = non_empty(&self.inactive_days).and_then(|raw| match raw.parse() {
            Ok(n) if (1..=3650).contains(&n) => Some(n),
            _ => {
                invalid(&mut errors, "inactive_days");
                None
            }
        });
        let sort_chosen = non_empty(&self.sort).is_some();
        let (sort, descending) = match non_empty(&self.sort) {
            None => (SortKey::Name, false),
            Some(raw) => {
                let (name, desc) = match raw.strip_prefix('-') {
                    Some(rest) => (rest, true),
                    None => (raw, false),
                };
                match SortKey::ALL.into_iter().find(|k| k.as_str() == name) {
                    Some(k) => (k, desc),
                    None => {
                        invalid(&mut errors, "sort");
                        (SortKey::Name, false)
                    }
                }
            }
        };
        let limit = match non_empty(&self.limit) {
            None => DEFAULT_LIMIT,
            Some(raw) => match raw.parse::<i64>() {
                Ok(n) if (1..=MAX_LIMIT).contains(&n) => n,
                _ => {
                    invalid(&mut errors, "limit");
                    DEFAULT_LIMIT
                }
            },
        };
        let page = match non_empty(&self.page).map(|raw| paging::parse_page(raw, limit)) {
            None => 1,
            Some(Ok(n)) => n,
            Some(Err(msg)) => {
                errors.add("page", msg);
                1
            }
        };
        if !errors.is_empty() {
            return Err(errors);
        }
        Ok(ListQuery {
            q,
            scope,
            status,
            county,
            municipality,
            industry,
            owner,
            department,
            inactive_days,
            sort,
            descending,
            sort_chosen,
            limit,
            page,
            after,
        })
    }
}

impl ListQuery {
    /// A search the user did not sort otherwise is ranked by relevance
    /// ([`crate::db::search::rank_expression`]), ties in name order.
    pub fn ranked(&self) -> bool {
        !self.sort_chosen && crate::db::search::has_substring_terms(&self.q)
    }

    /// ` ORDER BY <key> <dir>[, <alias>.sort_name <dir>], <alias>.id <dir>`: the list's order,
    /// `key` being the sort's column (or an expression standing for it), ties by name where the
    /// sort has them ([`SortKey::ties_by_name`]), then by id — as every sort index holds them.
    pub(super) fn order_by(&self, key: &str, alias: &str) -> String {
        let dir = if self.descending { "DESC" } else { "ASC" };
        let ties = if self.sort.ties_by_name() {
            format!(", {alias}.sort_name {dir}")
        } else {
            String::new()
        };
        format!(" ORDER BY {key} {dir}{ties}, {alias}.id {dir}")
    }

    /// Whether this is a substring search in an order the user chose (not ranked).
    pub fn sorted_search(&self) -> bool {
        self.sort_chosen && crate::db::search::has_substring_terms(&self.q)
    }

    /// Whether any filter narrows the list beyond the search and the scope.
    pub fn filtered(&self) -> bool {
        self.status.is_some()
            || self.county.is_some()
            || self.municipality.is_some()
            || self.industry.is_some()
            || self.owner.is_some()
            || self.department.is_some()
            || self.inactive_days.is_some()
    }

    /// Whether pages can be read on from the row before ([`ListQuery::after`]): the sort is by
    /// a column that is never empty and has an index, and the order is not a ranked search's.
    pub fn keyset(&self) -> bool {
        matches!(
            self.sort,
            SortKey::Name | SortKey::CustomerNumber | SortKey::Updated
        ) && !self.ranked()
    }

    /// The query string that reproduces this list (for links, paging, export), with changes.
    pub fn to_params(&self) -> ListParams {
        let sort = match (self.sort, self.descending) {
            (SortKey::Name, false) if !self.sort_chosen => None,
            (k, true) => Some(format!("-{}", k.as_str())),
            (k, false) => Some(k.as_str().to_string()),
        };
        ListParams {
            q: (!self.q.is_empty()).then(|| self.q.clone()),
            scope: (self.scope != Scope::All).then(|| self.scope.as_str().to_string()),
            status: self.status.map(|s| s.as_str().to_string()),
            county: self.county.clone(),
            municipality: self.municipality.clone(),
            industry: self.industry.clone(),
            owner: self.owner.map(|v| v.to_string()),
            department: self.department.map(|v| v.to_string()),
            inactive_days: self.inactive_days.map(|v| v.to_string()),
            sort,
            limit: (self.limit != DEFAULT_LIMIT).then(|| self.limit.to_string()),
            page: (self.page != 1).then(|| self.page.to_string()),
            after: self.after.map(|id| id.to_string()),
        }
    }
}

impl ListParams {
    /// The same parameters with the named ones removed (used to drop invalid values).
    pub fn without<'a>(&self, names: impl IntoIterator<Item = &'a str>) -> ListParams {
        let mut p = self.clone();
        for name in names {
            let field = match name {
                "q" => &mut p.q,
                "scope" => &mut p.scope,
                "status" => &mut p.status,
                "county" => &mut p.county,
                "municipality" => &mut p.municipality,
                "industry" => &mut p.industry,
                "owner" => &mut p.owner,
                "department" => &mut p.department,
                "inactive_days" => &mut p.inactive_days,
                "sort" => &mut p.sort,
                "limit" => &mut p.limit,
                "page" => &mut p.page,
                "after" => &mut p.after,
                _ => continue,
            };
            *field = None;
        }
        p
    }

    pub fn to_query_string(&self) -> String {
        serde_urlencoded::to_string(self).unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_round_trips_parameters() {
        let params = ListParams {
            q: Some(" bygg ".into()),
            scope: Some("mine".into()),
            status: Some("active".into()),
            county: Some("46".into()),
            sort: Some("-updated".into()),
            page: Some("3".into()),
            ..Default::default()
        };
        let q = params.parse().unwrap();
        assert_eq!(q.q, "bygg");
        assert_eq!(q.scope, Scope::Mine);
        assert_eq!(q.sort, SortKey::Updated);
        assert!(q.descending);
        assert_eq!(q.to_params().parse().unwrap(), q);
        assert!(!q.ranked());
    }

    #[test]
    fn a_search_is_ranked_unless_a_sort_is_chosen() {
        let search = |sort: Option<&str>| {
            ListParams {
                q: Some("bygg".into()),
                sort: sort.map(String::from),
                ..Default::default()
            }
            .parse()
            .unwrap()
        };
        assert!(search(None).ranked());
        let by_name = search(Some("name"));
        assert!(!by_name.ranked());
        assert_eq!(by_name.to_params().sort.as_deref(), Some("name"));
        assert_eq!(by_name.to_params().parse().unwrap(), by_name);
    }

    #[test]
    fn reports_unknown_values_by_parameter() {
        let params = ListParams {
            scope: Some("galaxy".into()),
            status: Some("asleep".into()),
            county: Some("99".into()),
            sort: Some("shoe_size".into()),
            limit: Some("100000".into()),
            ..Default::default()
        };
        let errors = params.parse().unwrap_err();
        let fields: Vec<&str> = errors.0.keys().map(String::as_str).collect();
        assert_eq!(fields, vec!["county", "limit", "scope", "sort", "status"]);
    }
}
