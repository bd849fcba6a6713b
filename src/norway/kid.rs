//! KID (kundeidentifikasjon), the payment reference on an invoice: 2–25 characters, digits with a
//! check digit last. The bank agreement fixes the algorithm and the length:
//! - MOD10 (Luhn, the default): weights 2,1,2,1,… from the right, the digits of each product
//!   summed, check = (10 − sum mod 10) mod 10;
//! - MOD11: weights 2,3,4,5,6,7 repeating from the right, check = 11 − sum mod 11, where 11 gives
//!   0 and 10 gives `-`. Some banks and payers do not take a `-`, so [`Dash::Refuse`] refuses a
//!   base whose check would be `-` instead ([`KidError::DashCheckDigit`]); the caller decides what
//!   to do then (decision 0023).
//!
//! A KID is always a string: leading zeros matter. The usual shape is customer number + invoice
//! number + check digit, padded with leading zeros to the agreed length ([`KidRule::for_invoice`]).
//! Checked against an independent implementation in `tests/it/oracles.rs`.

use std::fmt;

/// The shortest and longest KID, check digit included.
pub const MIN_LEN: usize = 2;
pub const MAX_LEN: usize = 25;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Algorithm {
    Mod10,
    Mod11,
}

/// What a MOD11 KID does when the check would be 10.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Dash {
    /// The check digit is `-` (the standard).
    Use,
    /// Such a base gets no KID: [`KidError::DashCheckDigit`].
    Refuse,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum KidError {
    /// Not digits (a MOD11 KID may end in `-`), or empty.
    Format,
    /// Shorter than 2 or longer than 25, or a rule's length outside those bounds.
    Length,
    /// The base (or the customer or invoice number) does not fit the rule's length.
    TooLong,
    /// The check digit is wrong.
    Checksum,
    /// MOD11 would need `-` and the rule refuses it.
    DashCheckDigit,
}

impl fmt::Display for KidError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            KidError::Format => "a KID is digits only",
            KidError::Length => "a KID is 2 to 25 characters long",
            KidError::TooLong => "the number does not fit the KID length",
            KidError::Checksum => "the KID's check digit is wrong",
            KidError::DashCheckDigit => "the MOD11 check digit would be '-', which is refused",
        })
    }
}

impl std::error::Error for KidError {}

/// The bank agreement's rule: algorithm, what MOD11 does with a 10, the total length (check
/// digit included; `None` = as long as the number needs) and how many of the digits are the
/// customer number (`0` = the invoice number alone).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct KidRule {
    pub algorithm: Algorithm,
    pub dash: Dash,
    pub length: Option<usize>,
    pub customer_digits: usize,
}

impl Default for KidRule {
    /// MOD10, variable length, the invoice number alone.
    fn default() -> Self {
        Self {
            algorithm: Algorithm::Mod10,
            dash: Dash::Use,
            length: None,
            customer_digits: 0,
        }
    }
}

/// A checked KID.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Kid(String);

impl Kid {
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Kid {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl KidRule {
    /// The KID of `base` (digits): padded with leading zeros to the rule's length, check digit
    /// appended.
    pub fn make(&self, base: &str) -> Result<Kid, KidError> {
        if base.is_empty() || !base.bytes().all(|b| b.is_ascii_digit()) {
            return Err(KidError::Format);
        }
        let padded = match self.length {
            Some(len) => {
                if !(MIN_LEN..=MAX_LEN).contains(&len) {
                    return Err(KidError::Length);
                }
                if base.len() > len - 1 {
                    return Err(KidError::TooLong);
                }
                format!("{base:0>width$}", width = len - 1)
            }
            None if base.len() > MAX_LEN - 1 => return Err(KidError::TooLong),
            None => base.to_string(),
        };
        let check = match check_digit(&padded, self.algorithm) {
            '-' if self.dash == Dash::Refuse => return Err(KidError::DashCheckDigit),
            c => c,
        };
        Ok(Kid(format!("{padded}{check}")))
    }

    /// Customer number + invoice number + check digit. The customer number takes
    /// `customer_digits` digits (leading zeros); the invoice number the rest of a fixed length
    /// (leading zeros), or its own length when the rule's length is variable.
    pub fn for_invoice(&self, customer_number: u64, invoice_number: u64) -> Result<Kid, KidError> {
        let customer = if self.customer_digits == 0 {
            String::new()
        } else {
            let digits = customer_number.to_string();
            if digits.len() > self.customer_digits {
                return Err(KidError::TooLong);
            }
            format!("{digits:0>width$}", width = self.customer_digits)
        };
        let invoice = invoice_number.to_string();
        let invoice = match self.length {
            Some(len) => {
                let width = len
                    .checked_sub(1 + customer.len())
                    .ok_or(KidError::TooLong)?;
                if invoice.len() > width {
                    return Err(KidError::TooLong);
                }
                format!("{invoice:0>width$}")
            }
            None => invoice,
        };
        self.make(&format!("{customer}{invoice}"))
    }
}

/// The check digit of `base` (ASCII digits, not checked here): `0`–`9`, or `-` for MOD11.
pub fn check_digit(base: &str, algorithm: Algorithm) -> char {
    let digits = base
        .bytes()
        .rev()
        .map(|b| u32::from(b.wrapping_sub(b'0') % 10));
    match algorithm {
        Algorithm::Mod10 => {
            let sum: u32 = digits
                .enumerate()
                .map(|(i, d)| {
                    let p = if i % 2 == 0 { d * 2 } else { d };
                    p / 10 + p % 10
                })
                .sum();
            char::from(b'0' + ((10 - sum % 10) % 10) as u8)
        }
        Algorithm::Mod11 => {
            let sum: u32 = digits
                .enumerate()
                .map(|(i, d)| d * (2 + i as u32 % 6))
                .sum();
            match 11 - sum % 11 {
                11 => '0',
                10 => '-',
                n => char::from(b'0' + n as u8),
            }
        }
    }
}

/// Checks a KID as received (e.g. from a bank's payment file): 2–25 characters, digits, the
/// last a correct check digit (`-` allowed for MOD11).
pub fn check(kid: &str, algorithm: Algorithm) -> Result<Kid, KidError> {
    if !kid.is_ascii() || kid.is_empty() {
        return Err(KidError::Format);
    }
    let (base, last) = kid.split_at(kid.len() - 1);
    let last_ok =
        last.bytes().all(|b| b.is_ascii_digit()) || (algorithm == Algorithm::Mod11 && last == "-");
    if !base.bytes().all(|b| b.is_ascii_digit()) || !last_ok {
        return Err(KidError::Format);
    }
    if !(MIN_LEN..=MAX_LEN).contains(&kid.len()) {
        return Err(KidError::Length);
    }
    if last.starts_with(check_digit(base, algorithm)) {
        Ok(Kid(kid.to_string()))
    } else {
        Err(KidError::Checksum)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rule(algorithm: Algorithm, length: Option<usize>, customer_digits: usize) -> KidRule {
        KidRule {
            algorithm,
            dash: Dash::Use,
            length,
            customer_digits,
        }
    }

    #[test]
    fn known_mod10_values() {
        // Luhn's textbook example, and kid-util's README (`kid.make('1234')` → `12344`).
        assert_eq!(check_digit("7992739871", Algorithm::Mod10), '3');
        assert_eq!(check_digit("1234", Algorithm::Mod10), '4');
        assert_eq!(check_digit("0000", Algorithm::Mod10), '0');
        assert!(check("79927398713", Algorithm::Mod10).is_ok());
        assert_eq!(
            check("79927398710", Algorithm::Mod10),
            Err(KidError::Checksum)
        );
    }

    #[test]
    fn known_mod11_values() {
        // A Norwegian account number is MOD11 with the same weights: 8601 11 17947 is valid.
        assert_eq!(check_digit("8601111794", Algorithm::Mod11), '7');
        assert_eq!(check_digit("1234", Algorithm::Mod11), '3');
        // 6 × 2 = 12, 12 mod 11 = 1, 11 − 1 = 10 → '-'; 0 → 11 → '0'.
        assert_eq!(check_digit("6", Algorithm::Mod11), '-');
        assert_eq!(check_digit("0", Algorithm::Mod11), '0');
        assert!(check("86011117947", Algorithm::Mod11).is_ok());
        assert!(check("6-", Algorithm::Mod11).is_ok());
        assert_eq!(check("6-", Algorithm::Mod10), Err(KidError::Format));
        assert_eq!(check("65", Algorithm::Mod11), Err(KidError::Checksum));
    }

    #[test]
    fn made_with_padding_to_the_agreed_length() {
        let r = rule(Algorithm::Mod10, Some(10), 0);
        let kid = r.make("1234").unwrap();
        assert_eq!(kid.as_str(), "0000012344");
        assert!(check(kid.as_str(), Algorithm::Mod10).is_ok());
        assert_eq!(r.make("1234567890"), Err(KidError::TooLong));
        assert_eq!(r.make("123456789").unwrap().as_str().len(), 10);
        assert_eq!(r.make(""), Err(KidError::Format));
        assert_eq!(r.make("12a"), Err(KidError::Format));
        assert_eq!(
            rule(Algorithm::Mod10, Some(26), 0).make("1"),
            Err(KidError::Length)
        );
        assert_eq!(
            rule(Algorithm::Mod10, Some(1), 0).make("1"),
            Err(KidError::Length)
        );
        assert_eq!(
            KidRule::default().make(&"9".repeat(25)),
            Err(KidError::TooLong)
        );
        assert_eq!(
            KidRule::default()
                .make(&"9".repeat(24))
                .unwrap()
                .as_str()
                .len(),
            25
        );
    }

    #[test]
    fn customer_number_then_invoice_number_then_check_digit() {
        let r = rule(Algorithm::Mod10, Some(12), 5);
        let kid = r.for_invoice(42, 1234).unwrap();
        assert_eq!(kid.as_str().len(), 12);
        assert_eq!(&kid.as_str()[..11], "00042001234");
        assert!(check(kid.as_str(), Algorithm::Mod10).is_ok());
        assert_eq!(r.for_invoice(123456, 1), Err(KidError::TooLong));
        assert_eq!(r.for_invoice(1, 1234567), Err(KidError::TooLong));
        assert!(r.for_invoice(99999, 999999).is_ok());
        // Variable length: the invoice number as it is.
        let v = rule(Algorithm::Mod11, None, 4);
        assert_eq!(&v.for_invoice(7, 1001).unwrap().as_str()[..8], "00071001");
        // The invoice number alone.
        assert_eq!(
            KidRule::default().for_invoice(7, 1234).unwrap().as_str(),
            "12344"
        );
        // A length with no room for the invoice number.
        assert_eq!(
            rule(Algorithm::Mod10, Some(5), 5).for_invoice(1, 1),
            Err(KidError::TooLong)
        );
    }

    #[test]
    fn a_dash_is_used_or_refused_by_setting() {
        let mut r = rule(Algorithm::Mod11, None, 0);
        assert_eq!(r.make("6").unwrap().as_str(), "6-");
        r.dash = Dash::Refuse;
        assert_eq!(r.make("6"), Err(KidError::DashCheckDigit));
        assert_eq!(r.make("1234").unwrap().as_str(), "12343");
        // MOD10 never needs a dash.
        r.algorithm = Algorithm::Mod10;
        assert_eq!(r.make("6").unwrap().as_str(), "67");
    }

    #[test]
    fn odd_input_is_refused_not_a_panic() {
        for bad in [
            "",
            "1",
            "-",
            "12 34",
            "１２３",
            "12-4",
            "ø5",
            &"1".repeat(26),
        ] {
            assert!(check(bad, Algorithm::Mod10).is_err(), "{bad}");
            assert!(check(bad, Algorithm::Mod11).is_err(), "{bad}");
        }
    }
}
