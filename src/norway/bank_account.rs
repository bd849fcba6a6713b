//! Where a worker's pay goes: a Norwegian account number (11 digits, MOD11 check digit) or,
//! for a foreign account, an IBAN (ISO 13616, mod 97) with its BIC (ISO 9362).

use std::fmt;

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum AccountError {
    /// Not 11 digits (Norwegian) or not letters and digits of an IBAN's length.
    Format,
    /// The right shape, but the check digits are wrong.
    Checksum,
    /// An IBAN of a country we do not know the length of, or of the wrong length for it.
    Country,
}

/// A Norwegian account number, stored as its 11 digits.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Kontonr(String);

impl Kontonr {
    /// Accepts `86011117947`, `8601 11 17947` and `8601.11.17947`. Seven-digit postgiro
    /// numbers (`0000` + 7 digits, Luhn) are not accepted: payroll pays to 11-digit accounts.
    pub fn parse(input: &str) -> Result<Self, AccountError> {
        let digits: String = input
            .chars()
            .filter(|c| !matches!(c, ' ' | '.' | '-'))
            .collect();
        if digits.len() != 11
            || !digits.bytes().all(|b| b.is_ascii_digit())
            || digits.starts_with("0000")
        {
            return Err(AccountError::Format);
        }
        let d: Vec<u32> = digits.bytes().map(|b| u32::from(b - b'0')).collect();
        match mod11_check_digit(&d[..10]) {
            Some(check) if check == d[10] => Ok(Self(digits)),
            _ => Err(AccountError::Checksum),
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The same account as an IBAN (`NO` + check digits + the 11 digits).
    pub fn to_iban(&self) -> Iban {
        let check = 98 - mod97(&format!("{}NO00", self.0));
        Iban(format!("NO{check:02}{}", self.0))
    }
}

impl fmt::Display for Kontonr {
    /// The usual way of writing it: `8601.11.17947`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}.{}.{}", &self.0[..4], &self.0[4..6], &self.0[6..])
    }
}

/// MOD11 with weights 5,4,3,2,7,6,5,4,3,2: `None` when the remainder leaves 10 (no valid
/// number has those ten digits).
fn mod11_check_digit(first10: &[u32]) -> Option<u32> {
    const WEIGHTS: [u32; 10] = [5, 4, 3, 2, 7, 6, 5, 4, 3, 2];
    let sum: u32 = first10.iter().zip(WEIGHTS).map(|(d, w)| d * w).sum();
    match 11 - sum % 11 {
        11 => Some(0),
        10 => None,
        n => Some(n),
    }
}

/// An IBAN, stored without spaces in capitals.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Iban(String);

impl Iban {
    pub fn parse(input: &str) -> Result<Self, AccountError> {
        let iban: String = input
            .chars()
            .filter(|c| !c.is_whitespace() && *c != '-')
            .collect::<String>()
            .to_ascii_uppercase();
        let bytes = iban.as_bytes();
        if iban.len() < 5
            || !iban.bytes().all(|b| b.is_ascii_alphanumeric())
            || !bytes[..2].iter().all(u8::is_ascii_alphabetic)
            || !bytes[2..4].iter().all(u8::is_ascii_digit)
        {
            return Err(AccountError::Format);
        }
        match iban_length(&iban[..2]) {
            Some(len) if len == iban.len() => {}
            _ => return Err(AccountError::Country),
        }
        let rearranged = format!("{}{}", &iban[4..], &iban[..4]);
        if mod97(&rearranged) != 1 {
            return Err(AccountError::Checksum);
        }
        if &iban[..2] == "NO" {
            Kontonr::parse(&iban[4..]).map_err(|_| AccountError::Checksum)?;
        }
        Ok(Self(iban))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn country(&self) -> &str {
        &self.0[..2]
    }
}

impl fmt::Display for Iban {
    /// Groups of four: `NO93 8601 1117 947`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let groups: Vec<&str> = self
            .0
            .as_bytes()
            .chunks(4)
            .map(|c| std::str::from_utf8(c).unwrap_or(""))
            .collect();
        f.write_str(&groups.join(" "))
    }
}

/// The remainder mod 97 of a string of digits and letters (A = 10 … Z = 35), computed piecewise.
fn mod97(s: &str) -> u32 {
    s.chars().fold(0u32, |acc, c| match c.to_digit(36) {
        Some(v) if v >= 10 => (acc * 100 + v) % 97,
        Some(v) => (acc * 10 + v) % 97,
        None => acc,
    })
}

/// A BIC (SWIFT code): 4 letters (bank), 2 letters (country), 2 letters or digits (place),
/// and optionally 3 letters or digits (branch).
pub fn valid_bic(input: &str) -> bool {
    let bic = input.trim().to_ascii_uppercase();
    let b = bic.as_bytes();
    (b.len() == 8 || b.len() == 11)
        && b[..6].iter().all(u8::is_ascii_alphabetic)
        && b[6..].iter().all(u8::is_ascii_alphanumeric)
        && iban_length(&bic[4..6]).is_some()
}

/// A stored account (Norwegian or IBAN) shown masked, only its last four characters readable:
/// `•••• 7947`. For pages where the account's owner checks it is theirs.
pub fn masked(stored: &str) -> String {
    let chars: Vec<char> = stored.chars().filter(char::is_ascii_alphanumeric).collect();
    let tail: String = chars[chars.len().saturating_sub(4)..].iter().collect();
    format!("•••• {tail}")
}

/// IBAN lengths by country (the SWIFT IBAN registry): the countries whose workers an agency in
/// Norway pays, i.e. the EEA, the UK and Switzerland, plus a few more seen in practice.
fn iban_length(country: &str) -> Option<usize> {
    const LENGTHS: &[(&str, usize)] = &[
        ("AD", 24),
        ("AT", 20),
        ("BA", 20),
        ("BE", 16),
        ("BG", 22),
        ("CH", 21),
        ("CY", 28),
        ("CZ", 24),
        ("DE", 22),
        ("DK", 18),
        ("EE", 20),
        ("ES", 24),
        ("FI", 18),
        ("FO", 18),
        ("FR", 27),
        ("GB", 22),
        ("GI", 23),
        ("GL", 18),
        ("GR", 27),
        ("HR", 21),
        ("HU", 28),
        ("IE", 22),
        ("IS", 26),
        ("IT", 27),
        ("LI", 21),
        ("LT", 20),
        ("LU", 20),
        ("LV", 21),
        ("MC", 27),
        ("ME", 22),
        ("MK", 19),
        ("MT", 31),
        ("NL", 18),
        ("NO", 15),
        ("PL", 28),
        ("PT", 25),
        ("RO", 24),
        ("RS", 22),
        ("SE", 24),
        ("SI", 19),
        ("SK", 24),
        ("SM", 27),
        ("TR", 26),
        ("UA", 29),
        ("VA", 22),
    ];
    LENGTHS.iter().find(|(c, _)| *c == country).map(|(_, l)| *l)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn masked_shows_the_last_four_only() {
        assert_eq!(masked("86011117947"), "•••• 7947");
        assert_eq!(masked("DE89 3704 0044 0532 0130 00"), "•••• 3000");
        assert_eq!(masked("12"), "•••• 12");
    }

    #[test]
    fn norwegian_accounts() {
        let k = Kontonr::parse("8601 11 17947").unwrap();
        assert_eq!(k.as_str(), "86011117947");
        assert_eq!(k.to_string(), "8601.11.17947");
        assert_eq!(k.to_iban().as_str(), "NO9386011117947");
        assert_eq!(Kontonr::parse("86011117949"), Err(AccountError::Checksum));
        assert_eq!(Kontonr::parse("8601111794"), Err(AccountError::Format));
        assert_eq!(Kontonr::parse("0000.4090403"), Err(AccountError::Format));
    }

    #[test]
    fn ibans() {
        assert!(Iban::parse("NO93 8601 1117 947").is_ok());
        assert!(Iban::parse("de89 3704 0044 0532 0130 00").is_ok());
        assert!(Iban::parse("GB29 NWBK 6016 1331 9268 19").is_ok());
        assert_eq!(
            Iban::parse("DE89 3704 0044 0532 0130 01"),
            Err(AccountError::Checksum)
        );
        assert_eq!(
            Iban::parse("DE89 3704 0044 0532 0130"),
            Err(AccountError::Country)
        );
        assert_eq!(Iban::parse("XX89 3704"), Err(AccountError::Country));
        assert_eq!(
            Iban::parse("GB29NWBK60161331926819").unwrap().to_string(),
            "GB29 NWBK 6016 1331 9268 19"
        );
    }

    #[test]
    fn bics() {
        assert!(valid_bic("DNBANOKK"));
        assert!(valid_bic("deutdeff500"));
        assert!(!valid_bic("DNBANOK"));
        assert!(!valid_bic("DNB1NOKK"));
        assert!(!valid_bic("DNBAXXKK"));
    }
}
