//! Norwegian geography: postal codes (from Bring's register, shipped in the binary),
//! municipalities and counties. A postal code fills in place, municipality and county.

pub mod postal;

/// Counties (fylker) from 2024-01-01, by the first two digits of the municipality number.
pub const COUNTIES: &[(&str, &str)] = &[
    ("03", "Oslo"),
    ("11", "Rogaland"),
    ("15", "Møre og Romsdal"),
    ("18", "Nordland"),
    ("31", "Østfold"),
    ("32", "Akershus"),
    ("33", "Buskerud"),
    ("34", "Innlandet"),
    ("39", "Vestfold"),
    ("40", "Telemark"),
    ("42", "Agder"),
    ("46", "Vestland"),
    ("50", "Trøndelag"),
    ("55", "Troms"),
    ("56", "Finnmark"),
    ("21", "Svalbard"),
    ("22", "Jan Mayen"),
];

pub fn county_name(number: &str) -> Option<&'static str> {
    COUNTIES
        .iter()
        .find(|(n, _)| *n == number)
        .map(|(_, name)| *name)
}

pub fn county_of_municipality(municipality_no: &str) -> Option<&str> {
    let county = municipality_no.get(..2)?;
    county_name(county).map(|_| county)
}
