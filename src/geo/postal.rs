//! The postal code register, parsed once from the embedded TSV.

use std::{collections::BTreeMap, sync::LazyLock};

use crate::collate::sort_key;

const REGISTER: &str = include_str!("../../resources/postnummerregister.tsv");

#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct PostalPlace {
    pub postal_code: &'static str,
    /// The place as Bring writes it (upper case), e.g. `OSLO`.
    pub place: &'static str,
    pub municipality_no: &'static str,
    pub municipality: &'static str,
    pub county_no: &'static str,
}

impl PostalPlace {
    /// `Oslo`, `Mo i Rana`: the register's upper-case place in ordinary case.
    pub fn place_title(&self) -> String {
        title_case(self.place)
    }
    pub fn municipality_title(&self) -> String {
        title_case(self.municipality)
    }
}

static BY_CODE: LazyLock<BTreeMap<&'static str, PostalPlace>> = LazyLock::new(|| {
    REGISTER
        .lines()
        .filter_map(|line| {
            let mut cols = line.split('\t');
            let (code, place, muni_no, muni) =
                (cols.next()?, cols.next()?, cols.next()?, cols.next()?);
            Some((
                code,
                PostalPlace {
                    postal_code: code,
                    place,
                    municipality_no: muni_no,
                    municipality: muni,
                    county_no: muni_no.get(..2).unwrap_or(""),
                },
            ))
        })
        .collect()
});

/// Municipalities (number → name in title case), for filters.
static MUNICIPALITIES: LazyLock<BTreeMap<&'static str, String>> = LazyLock::new(|| {
    BY_CODE
        .values()
        .map(|p| (p.municipality_no, p.municipality_title()))
        .collect()
});

pub fn lookup(code: &str) -> Option<&'static PostalPlace> {
    BY_CODE.get(code.trim())
}

pub fn municipality_name(number: &str) -> Option<&'static str> {
    MUNICIPALITIES.get(number).map(String::as_str)
}

/// All municipalities, optionally only those in one county: (number, name), sorted by name.
pub fn municipalities(county_no: Option<&str>) -> Vec<(&'static str, &'static str)> {
    let mut list: Vec<_> = MUNICIPALITIES
        .iter()
        .filter(|(no, _)| county_no.is_none_or(|c| no.starts_with(c)))
        .map(|(no, name)| (*no, name.as_str()))
        .collect();
    list.sort_by_key(|a| sort_key(a.1));
    list
}

/// All postal codes in the register (used by the seeder).
pub fn all() -> impl Iterator<Item = &'static PostalPlace> {
    BY_CODE.values()
}

/// `MO I RANA` → `Mo i Rana`; `AUST-AGDER` → `Aust-Agder`. Small words stay lower case.
pub fn title_case(upper: &str) -> String {
    upper
        .split(' ')
        .enumerate()
        .map(|(i, word)| {
            let lower = word.to_lowercase();
            if i > 0 && matches!(lower.as_str(), "i" | "på" | "og" | "ved" | "under") {
                return lower;
            }
            lower
                .split('-')
                .map(|part| {
                    let mut chars = part.chars();
                    match chars.next() {
                        Some(first) => first.to_uppercase().chain(chars).collect::<String>(),
                        None => String::new(),
                    }
                })
                .collect::<Vec<_>>()
                .join("-")
        })
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_places_and_counties() {
        let oslo = lookup("0150").unwrap();
        assert_eq!(oslo.place_title(), "Oslo");
        assert_eq!(oslo.county_no, "03");
        let tromso = lookup("9008").unwrap();
        assert_eq!(tromso.county_no, "55");
        assert!(lookup("0000").is_none());
        assert!(BY_CODE.len() > 5000);
    }

    #[test]
    fn every_row_has_a_known_county() {
        for place in all() {
            assert!(
                crate::geo::county_name(place.county_no).is_some(),
                "{place:?}"
            );
        }
    }

    #[test]
    fn title_cases_places() {
        assert_eq!(title_case("MO I RANA"), "Mo i Rana");
        assert_eq!(title_case("ÅLESUND"), "Ålesund");
        assert_eq!(title_case("BØ I TELEMARK"), "Bø i Telemark");
    }
}
