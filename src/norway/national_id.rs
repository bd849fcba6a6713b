//! Norwegian national identity numbers (fødselsnummer) and D-numbers: 11 digits, a birth date
//! (a D-number adds 4 to the first digit), three individual digits that also give the century,
//! and two MOD11 check digits. Needed only where payroll needs them (the a-melding); stored
//! encrypted and shown masked by the callers.

use time::{Date, Month};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum IdKind {
    BirthNumber,
    DNumber,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum IdError {
    Format,
    Checksum,
    /// The check digits add up, but the date is not a real one, or is after `today`. H-numbers
    /// (month + 40) and FH-numbers (first digit 8 or 9) are refused here too: they are not
    /// used in payroll.
    BirthDate,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NationalId {
    digits: String,
    kind: IdKind,
    birth_date: Date,
}

impl NationalId {
    /// `today` decides "not born yet" (the caller passes Oslo's date).
    pub fn parse(input: &str, today: Date) -> Result<Self, IdError> {
        let digits: String = input
            .chars()
            .filter(|c| !matches!(c, ' ' | '-' | ':'))
            .collect();
        if digits.len() != 11 || !digits.bytes().all(|b| b.is_ascii_digit()) {
            return Err(IdError::Format);
        }
        let d: Vec<u32> = digits.bytes().map(|b| u32::from(b - b'0')).collect();
        let k1 = check_digit(&d[..9], &[3, 7, 6, 1, 8, 9, 4, 5, 2]);
        let k2 = check_digit(&d[..10], &[5, 4, 3, 2, 7, 6, 5, 4, 3, 2]);
        if k1 != Some(d[9]) || k2 != Some(d[10]) {
            return Err(IdError::Checksum);
        }
        let mut day = d[0] * 10 + d[1];
        let month = d[2] * 10 + d[3];
        let yy = (d[4] * 10 + d[5]) as i32;
        let individual = d[6] * 100 + d[7] * 10 + d[8];
        let kind = if (41..=71).contains(&day) {
            day -= 40;
            IdKind::DNumber
        } else {
            IdKind::BirthNumber
        };
        let century = match (individual, yy) {
            (0..=499, _) => 1900,
            (500..=749, 54..) => 1800,
            (500..=999, ..=39) => 2000,
            (900..=999, 40..) => 1900,
            _ => return Err(IdError::BirthDate),
        };
        let birth_date = Month::try_from(month as u8)
            .ok()
            .and_then(|m| Date::from_calendar_date(century + yy, m, day as u8).ok())
            .filter(|d| *d <= today)
            .ok_or(IdError::BirthDate)?;
        Ok(Self {
            digits,
            kind,
            birth_date,
        })
    }

    pub fn as_str(&self) -> &str {
        &self.digits
    }

    pub fn kind(&self) -> IdKind {
        self.kind
    }

    pub fn birth_date(&self) -> Date {
        self.birth_date
    }

    /// Shown on screen: the birth date part and the rest hidden, `150586 *****`.
    pub fn masked(&self) -> String {
        format!("{} *****", &self.digits[..6])
    }
}

/// `11 - (weighted sum mod 11)`, where 11 gives 0 and 10 means no valid number.
fn check_digit(digits: &[u32], weights: &[u32]) -> Option<u32> {
    let sum: u32 = digits.iter().zip(weights).map(|(d, w)| d * w).sum();
    match 11 - sum % 11 {
        11 => Some(0),
        10 => None,
        n => Some(n),
    }
}

/// Nine digits completed with their two check digits, trying the following numbers when the
/// first nine have none (a number for tests and demo data: `"020310512"` gives a birth number
/// of 2 March 2010). `None` for anything but nine digits, or when no number up to 999999999
/// has check digits.
pub fn with_check_digits(first9: &str) -> Option<String> {
    if first9.len() != 9 {
        return None;
    }
    let first: u64 = first9.parse().ok()?;
    for n in first..1_000_000_000 {
        let s = format!("{n:09}");
        let d: Vec<u32> = s.bytes().map(|b| u32::from(b - b'0')).collect();
        if let Some(k1) = check_digit(&d, &[3, 7, 6, 1, 8, 9, 4, 5, 2]) {
            let mut d10 = d.clone();
            d10.push(k1);
            if let Some(k2) = check_digit(&d10, &[5, 4, 3, 2, 7, 6, 5, 4, 3, 2]) {
                return Some(format!("{s}{k1}{k2}"));
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    const TODAY: Date = date!(2026 - 12 - 02);

    #[test]
    fn birth_numbers_and_d_numbers() {
        let id = NationalId::parse("151086 95088", TODAY).unwrap();
        assert_eq!(id.kind(), IdKind::BirthNumber);
        assert_eq!(id.birth_date(), date!(1986 - 10 - 15));
        assert_eq!(id.masked(), "151086 *****");
        assert_eq!(
            NationalId::parse("15108695077", TODAY),
            Err(IdError::Checksum)
        );
        // A D-number: 1 January 1990 with 4 added to the first digit.
        let d = NationalId::parse(&with_check_digits("410190123").unwrap(), TODAY).unwrap();
        assert_eq!(d.kind(), IdKind::DNumber);
        assert_eq!(d.birth_date(), date!(1990 - 01 - 01));
        // Born in 2010 (individual digits 500–999, year below 40).
        let young = NationalId::parse(&with_check_digits("020310512").unwrap(), TODAY).unwrap();
        assert_eq!(young.birth_date(), date!(2010 - 03 - 02));
        // Not born yet, and no 31 February.
        let unborn = with_check_digits("010130512").unwrap();
        assert_eq!(NationalId::parse(&unborn, TODAY), Err(IdError::BirthDate));
        let no_such_day = with_check_digits("310290123").unwrap();
        assert_eq!(
            NationalId::parse(&no_such_day, TODAY),
            Err(IdError::BirthDate)
        );
    }

    #[test]
    fn check_digit_ten_means_invalid() {
        assert_eq!(
            check_digit(&[0, 0, 0, 1, 0, 0, 0, 0, 0], &[3, 7, 6, 1, 8, 9, 4, 5, 2]),
            None
        );
    }

    #[test]
    fn wrong_shape() {
        assert_eq!(NationalId::parse("1510869508", TODAY), Err(IdError::Format));
        assert_eq!(
            NationalId::parse("1510869508x", TODAY),
            Err(IdError::Format)
        );
    }
}
