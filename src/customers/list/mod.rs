//! The customer list: parameters (from a page's query string or the API) parsed into a
//! [`ListQuery`], and the query that answers it with a page of rows and the total count.

mod exact;
mod params;
mod query;
mod ranked;
mod sorted_search;

pub use params::{DEFAULT_LIMIT, ListParams, ListQuery, MAX_LIMIT, Scope, SortKey};
pub use query::{
    ListItem, ListPage, MUNICIPALITY_COUNT_BOUND, TOTAL_BOUND, count_up_to, fetch, fetch_first,
    fetch_rows, municipality_counts,
};
