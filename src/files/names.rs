//! File names from users' machines are untrusted: they are reduced to a plain last path
//! component without control or invisible format characters before they are stored, and sent
//! back in a `Content-Disposition` that no browser can misread (RFC 6266 with an ASCII fallback).

/// The longest name kept, in characters (the extension is kept when shortening).
const MAX_CHARS: usize = 150;

/// A safe display and download name: the last path component (either slash), without control
/// characters, invisible format characters, quotes or reserved characters, not starting with a
/// dot, never empty.
pub fn sanitize(raw: &str) -> String {
    let last = raw.rsplit(['/', '\\']).next().unwrap_or("");
    let cleaned: String = last
        .chars()
        .filter(|&c| !is_format_char(c))
        .map(|c| match c {
            c if c.is_control() => ' ',
            '"' | '<' | '>' | ':' | '|' | '?' | '*' | ';' => '_',
            c => c,
        })
        .collect();
    let collapsed = cleaned.split_whitespace().collect::<Vec<_>>().join(" ");
    let trimmed = collapsed
        .trim_start_matches(['.', ' '])
        .trim_end_matches(['.', ' ']);
    let name = if trimmed.is_empty() { "fil" } else { trimmed };
    shorten(name)
}

/// Unicode's format characters (general category `Cf`): invisible, yet they change how the
/// text around them is shown. Bidirectional overrides make `faktura_\u{202E}gnp.pdf` display as
/// "faktura_fdp.png"; zero-width spaces and joiners make two names that look alike differ.
/// A name has no use for any of them, so they are dropped.
pub fn is_format_char(c: char) -> bool {
    matches!(
        c,
        '\u{00AD}'
            | '\u{0600}'..='\u{0605}'
            | '\u{061C}'
            | '\u{06DD}'
            | '\u{070F}'
            | '\u{0890}'..='\u{0891}'
            | '\u{08E2}'
            | '\u{180E}'
            | '\u{200B}'..='\u{200F}' // zero-width space, joiners, LRM, RLM
            | '\u{202A}'..='\u{202E}' // bidi embeddings and overrides
            | '\u{2060}'..='\u{2064}' // word joiner, invisible operators
            | '\u{2066}'..='\u{206F}' // bidi isolates, deprecated format characters
            | '\u{FEFF}' // zero-width no-break space (byte-order mark)
            | '\u{FFF9}'..='\u{FFFB}'
            | '\u{110BD}'
            | '\u{110CD}'
            | '\u{13430}'..='\u{1343F}'
            | '\u{1BCA0}'..='\u{1BCA3}'
            | '\u{1D173}'..='\u{1D17A}'
            | '\u{E0001}'
            | '\u{E0020}'..='\u{E007F}'
    )
}

fn shorten(name: &str) -> String {
    if name.chars().count() <= MAX_CHARS {
        return name.to_string();
    }
    let (stem, ext) = match name.rsplit_once('.') {
        Some((stem, ext)) if ext.chars().count() <= 10 => (stem, format!(".{ext}")),
        _ => (name, String::new()),
    };
    let keep = MAX_CHARS - ext.chars().count();
    format!("{}{ext}", stem.chars().take(keep).collect::<String>())
}

/// `attachment` (or `inline`) with the name twice: ASCII-only for old clients, UTF-8
/// percent-encoded (`filename*`) for the rest.
pub fn content_disposition(name: &str, inline: bool) -> String {
    let ascii: String = name
        .chars()
        .map(|c| match c {
            'æ' => 'e',
            'ø' => 'o',
            'å' => 'a',
            'Æ' => 'E',
            'Ø' => 'O',
            'Å' => 'A',
            c if c.is_ascii_graphic() && c != '"' && c != '\\' && c != '%' => c,
            ' ' => ' ',
            _ => '_',
        })
        .collect();
    let encoded: String = name
        .bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect();
    let kind = if inline { "inline" } else { "attachment" };
    format!("{kind}; filename=\"{ascii}\"; filename*=UTF-8''{encoded}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_are_cut_to_the_last_component() {
        assert_eq!(sanitize("../../etc/passwd"), "passwd");
        assert_eq!(sanitize("..\\..\\windows\\system.ini"), "system.ini");
        assert_eq!(sanitize("C:\\Users\\kari\\Tilbud.pdf"), "Tilbud.pdf");
        assert_eq!(sanitize(".."), "fil");
        assert_eq!(sanitize(".htaccess"), "htaccess");
        assert_eq!(sanitize(""), "fil");
    }

    #[test]
    fn control_and_reserved_characters_go() {
        assert_eq!(sanitize("a\r\nb\0c.pdf"), "a b c.pdf");
        assert_eq!(
            sanitize("kontrakt \"endelig\"?.pdf"),
            "kontrakt _endelig__.pdf"
        );
        assert_eq!(sanitize("Prisavtale Ærø Ås.pdf"), "Prisavtale Ærø Ås.pdf");
    }

    #[test]
    fn invisible_format_characters_go() {
        assert_eq!(sanitize("faktura_\u{202E}gnp.pdf"), "faktura_gnp.pdf");
        assert_eq!(
            sanitize("\u{FEFF}til\u{200B}bud\u{200D}\u{2066}x\u{2069}\u{2060}.pdf\u{200F}"),
            "tilbudx.pdf"
        );
        assert_eq!(sanitize("\u{202A}\u{202B}\u{202C}\u{202D}"), "fil");
        assert_eq!(sanitize("a\u{00AD}b\u{E0041}.pdf"), "ab.pdf");
        for c in [
            '\u{200B}', '\u{200F}', '\u{202A}', '\u{202E}', '\u{2064}', '\u{2069}',
        ] {
            assert!(is_format_char(c), "{c:?}");
        }
        for c in ['a', 'Æ', ' ', '-', '\u{2028}', '\u{1F600}'] {
            assert!(!is_format_char(c), "{c:?}");
        }
    }

    #[test]
    fn long_names_keep_their_extension() {
        let long = format!("{}.pdf", "a".repeat(400));
        let short = sanitize(&long);
        assert_eq!(short.chars().count(), MAX_CHARS);
        assert!(short.ends_with(".pdf"));
    }

    #[test]
    fn content_disposition_is_safe_and_keeps_the_name() {
        assert_eq!(
            content_disposition("Avtale Ærø \"x\".pdf", false),
            "attachment; filename=\"Avtale Ero _x_.pdf\"; \
             filename*=UTF-8''Avtale%20%C3%86r%C3%B8%20%22x%22.pdf"
        );
        assert!(content_disposition("a.pdf", true).starts_with("inline;"));
    }
}
