//! File names from users' machines are untrusted: they are reduced to a plain last path
//! component without control characters before they are stored, and sent back in a
//! `Content-Disposition` that no browser can misread (RFC 6266 with an ASCII fallback).

/// The longest name kept, in characters (the extension is kept when shortening).
const MAX_CHARS: usize = 150;

/// A safe display and download name: the last path component (either slash), without control
/// characters, quotes or reserved characters, not starting with a dot, never empty.
pub fn sanitize(raw: &str) -> String {
    let last = raw.rsplit(['/', '\\']).next().unwrap_or("");
    let cleaned: String = last
        .chars()
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
