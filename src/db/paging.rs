//! Page numbers of paged lists, checked before they become an `OFFSET`: a page number from a URL
//! is any text, and `(page - 1) * size` on a huge number overflows (and wrapped to the first page).

use crate::{
    error::Msg,
    i18n::{Lang, group_thousands},
};

/// How far a long list counts its rows: a total of at most this many is exact; beyond it the list
/// says "more than 1 000" instead of counting every row on every request (decisions 0017, 0074).
/// Every list's count stops here.
pub const COUNT_BOUND: i64 = 1000;

/// The deepest row a list pages to. Beyond it a page is refused rather than read: nobody pages
/// through a million rows, and an `OFFSET` that large makes the database read them all.
pub const MAX_OFFSET: i64 = 1_000_000;

/// The offset of the first row of `page` (counted from 1) with `size` rows per page, or `None`
/// when the page is below 1, overflows or lies beyond [`MAX_OFFSET`].
pub fn offset(page: i64, size: i64) -> Option<i64> {
    if page < 1 || size < 1 {
        return None;
    }
    page.checked_sub(1)?
        .checked_mul(size)
        .filter(|&offset| offset <= MAX_OFFSET)
}

/// The last page number [`offset`] accepts with `size` rows per page.
pub fn max_page(size: i64) -> i64 {
    MAX_OFFSET / size.max(1) + 1
}

/// What to tell someone whose page number is refused.
pub fn out_of_range(size: i64) -> Msg {
    Msg::new("page-out-of-range").arg("max", max_page(size))
}

/// A page number as typed in a URL: a whole number from 1 to [`max_page`].
pub fn parse_page(raw: &str, size: i64) -> Result<i64, Msg> {
    raw.trim()
        .parse::<i64>()
        .ok()
        .filter(|&page| offset(page, size).is_some())
        .ok_or_else(|| out_of_range(size))
}

/// A `page` query parameter: none given is the first page; otherwise [`parse_page`].
pub fn page_param(raw: &str, size: i64) -> Result<i64, Msg> {
    match raw.trim() {
        "" => Ok(1),
        raw => parse_page(raw, size),
    }
}

/// How many rows a list's filter matches, counted no further than a bound: exact up to it, a
/// lower bound beyond it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Count {
    /// The number of matches when `exact`; otherwise the bound plus one (the count stopped
    /// there: more than `total - 1` match).
    pub total: i64,
    pub exact: bool,
}

impl Count {
    /// The result of a count that read at most `bound + 1` rows.
    pub fn up_to(counted: i64, bound: i64) -> Self {
        Self {
            total: counted,
            exact: counted <= bound,
        }
    }

    /// The count in words: `key` with the number (a Fluent plural), or, when the count stopped,
    /// `key` + `-more` with the bound ("mer enn 1 000 vikarer").
    pub fn text(self, lang: Lang, key: &str) -> String {
        if self.exact {
            lang.t_count(key, self.total)
        } else {
            lang.t_count(&format!("{key}-more"), self.total - 1)
        }
    }

    /// The pager's position: "Side 3 av 12", or "Side 3" when the count stopped (the last page
    /// is not known).
    pub fn position(self, lang: Lang, page: i64, size: i64) -> String {
        let page = group_thousands(page);
        if self.exact {
            let pages = (self.total + size - 1) / size.max(1);
            lang.t_with(
                "pager-position",
                &[("page", page), ("pages", group_thousands(pages.max(1)))],
            )
        } else {
            lang.t_with("pager-position-open", &[("page", page)])
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offsets_are_checked() {
        assert_eq!(offset(1, 50), Some(0));
        assert_eq!(offset(3, 50), Some(100));
        assert_eq!(offset(max_page(50), 50), Some(MAX_OFFSET));
        assert_eq!(offset(max_page(50) + 1, 50), None);
        assert_eq!(offset(max_page(500), 500), Some(MAX_OFFSET));
        assert_eq!(offset(0, 50), None);
        assert_eq!(offset(-1, 50), None);
        assert_eq!(offset(i64::MIN, 50), None);
        assert_eq!(offset(i64::MAX, 50), None);
        assert_eq!(offset(i64::MAX / 50 + 2, 50), None);
    }

    #[test]
    fn page_numbers_from_urls() {
        assert_eq!(parse_page("2", 50), Ok(2));
        assert_eq!(parse_page(" 20001 ", 50), Ok(20001));
        for raw in [
            "0",
            "-1",
            "20002",
            "9223372036854775807",
            "99999999999999999999",
            "x",
            "1.5",
        ] {
            assert_eq!(parse_page(raw, 50), Err(out_of_range(50)), "{raw}");
        }
    }
}
