//! Money in øre (i64), as typed and as shown: `1 234,50` kroner. Parts 7 and 8 keep every
//! amount in øre; only the edges turn text into øre and back. An invoice's amounts (lines, VAT
//! breakdown, totals as EN 16931 computes them) are in [`vat`].

pub mod vat;

/// `450`, `450,5`, `450,50`, `1 234.50`, `kr 450` → øre. At most two decimals; no negatives.
pub fn parse_kr(input: &str) -> Option<i64> {
    let cleaned: String = input
        .trim()
        .trim_start_matches("kr")
        .trim_end_matches("kr")
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '\u{a0}')
        .collect();
    let (whole, frac) = match cleaned.split_once([',', '.']) {
        Some((w, f)) => (w, f),
        None => (cleaned.as_str(), ""),
    };
    if whole.is_empty()
        || whole.len() > 12
        || frac.len() > 2
        || !whole.bytes().all(|b| b.is_ascii_digit())
        || !frac.bytes().all(|b| b.is_ascii_digit())
    {
        return None;
    }
    let kr: i64 = whole.parse().ok()?;
    let ore: i64 = match frac.len() {
        0 => 0,
        1 => frac.parse::<i64>().ok()? * 10,
        _ => frac.parse().ok()?,
    };
    kr.checked_mul(100)?.checked_add(ore)
}

/// Øre as people here write kroner: `1 234,50` (no-break space between thousands).
pub fn format_kr(ore: i64) -> String {
    let sign = if ore < 0 { "−" } else { "" };
    let abs = ore.unsigned_abs();
    let kr = abs / 100;
    let rest = abs % 100;
    let digits = kr.to_string();
    let mut grouped = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            grouped.push('\u{a0}');
        }
        grouped.push(c);
    }
    format!("{sign}{grouped},{rest:02}")
}

/// Øre as typed into a form field: `450,50`, or `450` for whole kroner.
pub fn input_kr(ore: i64) -> String {
    if ore % 100 == 0 {
        (ore / 100).to_string()
    } else {
        format!("{},{:02}", ore / 100, ore % 100)
    }
}

/// `n / d` rounded half away from zero (`d > 0`): how an amount computed from a quantity and
/// a rate is rounded once, e.g. minutes × øre per hour / 60.
pub fn div_round(n: i128, d: i128) -> i128 {
    let q = n / d;
    let r = n % d;
    if 2 * r.abs() >= d { q + n.signum() } else { q }
}

/// Basis points as a percentage: `3402` → `34,0 %`.
pub fn format_share(bp: i64) -> String {
    let tenths = (bp as f64 / 10.0).round() as i64;
    let sign = if tenths < 0 { "−" } else { "" };
    format!("{sign}{},{} %", tenths.abs() / 10, tenths.abs() % 10)
}

/// A percentage as typed — `12`, `12,0 %`, `14.1%`, `2,25` — in basis points (`1200`, `1410`,
/// `225`). At most two decimals (a basis point); no negatives.
pub fn parse_share(input: &str) -> Option<i64> {
    let cleaned: String = input
        .trim()
        .trim_end_matches('%')
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '\u{a0}')
        .collect();
    let (whole, frac) = match cleaned.split_once([',', '.']) {
        Some((w, f)) => (w, f),
        None => (cleaned.as_str(), ""),
    };
    if whole.is_empty()
        || whole.len() > 6
        || frac.len() > 2
        || !whole.bytes().all(|b| b.is_ascii_digit())
        || !frac.bytes().all(|b| b.is_ascii_digit())
    {
        return None;
    }
    let pct: i64 = whole.parse().ok()?;
    let rest: i64 = match frac.len() {
        0 => 0,
        1 => frac.parse::<i64>().ok()? * 10,
        _ => frac.parse().ok()?,
    };
    Some(pct * 100 + rest)
}

/// Basis points as typed into a form field: `12,0`, `2,25`.
pub fn input_share(bp: i64) -> String {
    if bp % 10 == 0 {
        format!("{},{}", bp / 100, (bp % 100) / 10)
    } else {
        format!("{},{:02}", bp / 100, bp % 100)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kroner_as_typed() {
        assert_eq!(parse_kr("450"), Some(45_000));
        assert_eq!(parse_kr("450,5"), Some(45_050));
        assert_eq!(parse_kr(" 1 234.50 kr"), Some(123_450));
        assert_eq!(parse_kr("kr 0,07"), Some(7));
        assert_eq!(parse_kr("450,505"), None);
        assert_eq!(parse_kr("-5"), None);
        assert_eq!(parse_kr("fire hundre"), None);
        assert_eq!(parse_kr(""), None);
        assert_eq!(parse_kr(",50"), None);
    }

    #[test]
    fn kroner_as_shown() {
        assert_eq!(format_kr(123_450), "1\u{a0}234,50");
        assert_eq!(format_kr(-5_820), "−58,20");
        assert_eq!(format_kr(7), "0,07");
        assert_eq!(input_kr(45_000), "450");
        assert_eq!(input_kr(45_050), "450,50");
        assert_eq!(format_share(3402), "34,0 %");
        assert_eq!(format_share(-2910), "−29,1 %");
    }

    #[test]
    fn division_rounds_half_away_from_zero() {
        assert_eq!(div_round(5, 10), 1);
        assert_eq!(div_round(4, 10), 0);
        assert_eq!(div_round(-5, 10), -1);
        assert_eq!(div_round(-4, 10), 0);
        assert_eq!(div_round(175_350, 60), 2923); // 7 minutes at 250,50 kr an hour
    }

    #[test]
    fn shares_as_typed() {
        assert_eq!(parse_share("12,0 %"), Some(1200));
        assert_eq!(parse_share("14.1%"), Some(1410));
        assert_eq!(parse_share(" 2,25 "), Some(225));
        assert_eq!(parse_share("0"), Some(0));
        assert_eq!(parse_share("12,345"), None);
        assert_eq!(parse_share("-1"), None);
        assert_eq!(parse_share("tolv"), None);
        assert_eq!(parse_share("%"), None);
        assert_eq!(input_share(1200), "12,0");
        assert_eq!(input_share(1410), "14,1");
        assert_eq!(input_share(225), "2,25");
    }
}
