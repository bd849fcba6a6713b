//! Mobile numbers: stored in E.164 (`+4791234567`); Norwegian ones have 8 digits and start
//! with 4 or 9. Used for contacts, workers and the SMS gateways' reports.

/// `912 34 567`, `+47 912 34 567` and `0047 91234567` → `+4791234567`; foreign numbers need `+`.
/// Norwegian mobile numbers have 8 digits and start with 4 or 9.
pub fn normalize_mobile(raw: &str) -> Result<String, &'static str> {
    let compact: String = raw.chars().filter(|c| !" -().".contains(*c)).collect();
    let international = if let Some(rest) = compact.strip_prefix("00") {
        Some(rest.to_string())
    } else {
        compact.strip_prefix('+').map(str::to_string)
    };
    let (country, national) = match international {
        Some(digits) => {
            if !digits.chars().all(|c| c.is_ascii_digit()) || !(8..=15).contains(&digits.len()) {
                return Err("mobile-invalid");
            }
            match digits.strip_prefix("47") {
                Some(n) => ("47".to_string(), n.to_string()),
                None => return Ok(format!("+{digits}")),
            }
        }
        None => ("47".to_string(), compact),
    };
    let norwegian_mobile = national.len() == 8
        && national.chars().all(|c| c.is_ascii_digit())
        && (national.starts_with('4') || national.starts_with('9'));
    if norwegian_mobile {
        Ok(format!("+{country}{national}"))
    } else if national.chars().all(|c| c.is_ascii_digit()) && national.len() == 8 {
        Err("mobile-not-mobile")
    } else {
        Err("mobile-invalid")
    }
}

/// `+4791234567` → `912 34 567`; other numbers as stored.
pub fn format_mobile(e164: &str) -> String {
    match e164.strip_prefix("+47") {
        Some(n) if n.len() == 8 => format!("{} {} {}", &n[..3], &n[3..5], &n[5..]),
        _ => e164.to_string(),
    }
}

/// A number as an SMS gateway reports it (`4791234567`, `+4791234567`, `91234567`) in E.164.
pub fn from_gateway(raw: &str) -> Option<String> {
    normalize_mobile(raw)
        .or_else(|_| normalize_mobile(&format!("+{raw}")))
        .ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mobile_numbers_become_e164() {
        assert_eq!(normalize_mobile("912 34 567"), Ok("+4791234567".into()));
        assert_eq!(normalize_mobile("+47 412-34-567"), Ok("+4741234567".into()));
        assert_eq!(normalize_mobile("0047 91234567"), Ok("+4791234567".into()));
        assert_eq!(
            normalize_mobile("+46 70 123 45 67"),
            Ok("+46701234567".into())
        );
        assert_eq!(normalize_mobile("22 33 44 55"), Err("mobile-not-mobile"));
        assert_eq!(normalize_mobile("9123"), Err("mobile-invalid"));
        assert_eq!(normalize_mobile("ring meg"), Err("mobile-invalid"));
        assert_eq!(format_mobile("+4791234567"), "912 34 567");
    }

    #[test]
    fn gateway_numbers_become_e164() {
        assert_eq!(from_gateway("4791234567").as_deref(), Some("+4791234567"));
        assert_eq!(from_gateway("+4791234567").as_deref(), Some("+4791234567"));
        assert_eq!(from_gateway("91234567").as_deref(), Some("+4791234567"));
        assert_eq!(from_gateway("Kundekort"), None);
    }
}
