//! Norwegian order for names, the same on both databases: a stored sort key that sorts right
//! in plain byte order, so `ORDER BY sort_name` needs no collation from either database.

/// Lower case, with æ, ø, å (and ä, ö) mapped past z in that order.
pub fn sort_key(name: &str) -> String {
    name.trim()
        .to_lowercase()
        .chars()
        .map(|c| match c {
            'æ' | 'ä' => '{',
            'ø' | 'ö' => '|',
            'å' => '}',
            other => other,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::sort_key;

    #[test]
    fn sorts_norwegian_letters_last() {
        let mut names = vec!["Åsen", "Ørsta", "Zeta", "Ærfugl", "alfa"];
        names.sort_by_key(|n| sort_key(n));
        assert_eq!(names, vec!["alfa", "Zeta", "Ærfugl", "Ørsta", "Åsen"]);
    }
}
