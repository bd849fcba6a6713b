//! Norwegian organisation numbers: 9 digits, MOD11 check digit (weights 3,2,7,6,5,4,3,2).

use std::fmt;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OrgNumber(String);

#[derive(Debug, PartialEq, Eq)]
pub enum OrgNumberError {
    /// Not nine digits (after removing spaces).
    Format,
    /// Nine digits, but the check digit is wrong.
    Checksum,
}

impl OrgNumber {
    /// Accepts `923609016` and `923 609 016`.
    pub fn parse(input: &str) -> Result<Self, OrgNumberError> {
        let digits: String = input.chars().filter(|c| !c.is_whitespace()).collect();
        if digits.len() != 9 || !digits.chars().all(|c| c.is_ascii_digit()) {
            return Err(OrgNumberError::Format);
        }
        let d: Vec<u32> = digits
            .chars()
            .map(|c| c.to_digit(10).unwrap_or(0))
            .collect();
        match check_digit(&d[..8]) {
            Some(check) if check == d[8] => Ok(Self(digits)),
            _ => Err(OrgNumberError::Checksum),
        }
    }

    /// The nine digits, as stored.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// The MOD11 check digit for the first eight digits; `None` when no valid number has them.
pub fn check_digit(first8: &[u32]) -> Option<u32> {
    const WEIGHTS: [u32; 8] = [3, 2, 7, 6, 5, 4, 3, 2];
    let sum: u32 = first8.iter().zip(WEIGHTS).map(|(d, w)| d * w).sum();
    match 11 - sum % 11 {
        11 => Some(0),
        10 => None,
        c => Some(c),
    }
}

/// `923609016` → `923 609 016`; anything else is shown as it is.
pub fn format_grouped(digits: &str) -> String {
    if digits.len() == 9 && digits.chars().all(|c| c.is_ascii_digit()) {
        format!("{} {} {}", &digits[..3], &digits[3..6], &digits[6..])
    } else {
        digits.to_string()
    }
}

impl fmt::Display for OrgNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&format_grouped(&self.0))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_valid_numbers_with_or_without_spaces() {
        // Brønnøysundregistrene and DNB.
        assert_eq!(OrgNumber::parse("974760673").unwrap().as_str(), "974760673");
        assert_eq!(
            OrgNumber::parse("984 851 006").unwrap().to_string(),
            "984 851 006"
        );
        assert_eq!(OrgNumber::parse("923609016").unwrap().as_str(), "923609016");
    }

    #[test]
    fn rejects_wrong_check_digit_and_bad_format() {
        assert_eq!(OrgNumber::parse("974760672"), Err(OrgNumberError::Checksum));
        assert_eq!(OrgNumber::parse("97476067"), Err(OrgNumberError::Format));
        assert_eq!(OrgNumber::parse("97476067a"), Err(OrgNumberError::Format));
        assert_eq!(OrgNumber::parse(""), Err(OrgNumberError::Format));
    }

    #[test]
    fn remainder_one_means_no_valid_number() {
        // 11 - r == 10 cannot be a check digit: every ninth digit is refused.
        let first8 = [1, 0, 0, 0, 0, 0, 0, 3]; // sum = 3 + 6 = 9 → 11 - 9 = 2, valid
        assert_eq!(check_digit(&first8), Some(2));
        let first8 = [0, 0, 0, 0, 0, 0, 0, 5]; // sum = 10 → r = 10 → 11 - 10 = 1
        assert_eq!(check_digit(&first8), Some(1));
        let first8 = [0, 0, 0, 0, 0, 0, 5, 0]; // sum = 15 → r = 4 → 7
        assert_eq!(check_digit(&first8), Some(7));
        let first8 = [0, 0, 0, 0, 0, 0, 0, 6]; // sum = 12 → r = 1 → 10: invalid
        assert_eq!(check_digit(&first8), None);
    }
}
