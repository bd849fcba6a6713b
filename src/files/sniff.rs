//! What a file really is: its type is told from its first bytes, and must agree with its name.
//! Executables and scripts are refused whatever they are called; a file whose content does not
//! match its extension (an `.exe` renamed `.pdf`) is refused with both named.

/// A type we accept.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FileKind {
    pub content_type: &'static str,
    /// Browsers may show it inline (PDF and raster images); everything else downloads.
    pub previewable: bool,
}

/// Why a file was refused; each maps to a message for the user.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Refusal {
    Empty,
    TooLarge {
        max_bytes: u64,
    },
    Executable,
    /// The content is `detected` (a type, or "unknown"), the name says `extension`.
    Mismatch {
        detected: String,
        extension: String,
    },
    /// A type we do not keep (archives, media, …).
    Unsupported {
        extension: String,
    },
    /// The virus scanner found `signature` in it (decision 0071).
    Infected {
        signature: String,
    },
    /// The virus scanner is configured but could not check it (`detail` is for the log).
    ScanFailed {
        detail: String,
    },
}

impl Refusal {
    /// A short code for the security log.
    pub fn code(&self) -> &'static str {
        match self {
            Refusal::Empty => "empty",
            Refusal::TooLarge { .. } => "too_large",
            Refusal::Executable => "executable",
            Refusal::Mismatch { .. } => "mismatch",
            Refusal::Unsupported { .. } => "unsupported",
            Refusal::Infected { .. } => "virus_found",
            Refusal::ScanFailed { .. } => "virus_scan_failed",
        }
    }

    pub fn message_key(&self) -> &'static str {
        match self {
            Refusal::Empty => "document-refused-empty",
            Refusal::TooLarge { .. } => "document-refused-too-large",
            Refusal::Executable => "document-refused-executable",
            Refusal::Mismatch { .. } => "document-refused-mismatch",
            Refusal::Unsupported { .. } => "document-refused-unsupported",
            Refusal::Infected { .. } => "document-refused-virus",
            Refusal::ScanFailed { .. } => "document-refused-scan-failed",
        }
    }
}

enum Detect {
    /// `infer` recognises one of these MIME types from the magic bytes.
    Magic(&'static [&'static str]),
    /// No magic: the content must be text.
    Text,
}

/// Extensions we accept, the type they are served as, and how their content is recognised.
const KINDS: &[(&[&str], &str, bool, Detect)] = &[
    (
        &["pdf"],
        "application/pdf",
        true,
        Detect::Magic(&["application/pdf"]),
    ),
    (&["png"], "image/png", true, Detect::Magic(&["image/png"])),
    (
        &["jpg", "jpeg"],
        "image/jpeg",
        true,
        Detect::Magic(&["image/jpeg"]),
    ),
    (&["gif"], "image/gif", true, Detect::Magic(&["image/gif"])),
    (
        &["webp"],
        "image/webp",
        true,
        Detect::Magic(&["image/webp"]),
    ),
    (
        &["heic", "heif"],
        "image/heif",
        false,
        Detect::Magic(&["image/heif"]),
    ),
    (
        &["tif", "tiff"],
        "image/tiff",
        false,
        Detect::Magic(&["image/tiff"]),
    ),
    (&["bmp"], "image/bmp", false, Detect::Magic(&["image/bmp"])),
    (
        &["docx"],
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        false,
        Detect::Magic(&[
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            "application/zip",
        ]),
    ),
    (
        &["xlsx"],
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        false,
        Detect::Magic(&[
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            "application/zip",
        ]),
    ),
    (
        &["pptx"],
        "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        false,
        Detect::Magic(&[
            "application/vnd.openxmlformats-officedocument.presentationml.presentation",
            "application/zip",
        ]),
    ),
    (
        &["odt"],
        "application/vnd.oasis.opendocument.text",
        false,
        Detect::Magic(&["application/vnd.oasis.opendocument.text", "application/zip"]),
    ),
    (
        &["ods"],
        "application/vnd.oasis.opendocument.spreadsheet",
        false,
        Detect::Magic(&[
            "application/vnd.oasis.opendocument.spreadsheet",
            "application/zip",
        ]),
    ),
    (
        &["doc", "xls", "ppt", "msg"],
        "application/octet-stream",
        false,
        Detect::Magic(&[
            "application/msword",
            "application/vnd.ms-excel",
            "application/vnd.ms-powerpoint",
            "application/x-ole-storage",
        ]),
    ),
    (
        &["rtf"],
        "application/rtf",
        false,
        Detect::Magic(&["application/rtf"]),
    ),
    (&["txt"], "text/plain; charset=utf-8", false, Detect::Text),
    (&["csv"], "text/csv; charset=utf-8", false, Detect::Text),
    (&["eml"], "message/rfc822", false, Detect::Text),
];

/// Names that run code when opened, whatever their content.
const EXECUTABLE_EXTENSIONS: &[&str] = &[
    "exe", "dll", "com", "bat", "cmd", "scr", "msi", "msp", "ps1", "psm1", "sh", "bash", "vbs",
    "vbe", "js", "jse", "mjs", "wsf", "wsh", "hta", "jar", "apk", "app", "bin", "cpl", "lnk",
    "reg", "pif", "gadget", "elf", "so", "dylib", "py", "pl", "rb", "php", "html", "htm", "svg",
    "xhtml",
];

pub fn extension(file_name: &str) -> String {
    match file_name.rsplit_once('.') {
        Some((stem, ext)) if !stem.is_empty() => ext.to_ascii_lowercase(),
        _ => String::new(),
    }
}

/// Checks a file from its name and its first bytes (a few KB are enough).
pub fn check(file_name: &str, head: &[u8]) -> Result<FileKind, Refusal> {
    let ext = extension(file_name);
    let detected = infer::get(head);
    if EXECUTABLE_EXTENSIONS.contains(&ext.as_str())
        || detected.is_some_and(|t| t.matcher_type() == infer::MatcherType::App)
        || head.starts_with(b"#!")
    {
        return Err(Refusal::Executable);
    }
    let Some((_, content_type, previewable, detect)) =
        KINDS.iter().find(|(exts, ..)| exts.contains(&ext.as_str()))
    else {
        return Err(Refusal::Unsupported { extension: ext });
    };
    let matches = match detect {
        Detect::Magic(types) => detected.is_some_and(|t| types.contains(&t.mime_type())),
        Detect::Text => detected.is_none() && looks_like_text(head),
    };
    if !matches {
        return Err(Refusal::Mismatch {
            detected: detected
                .map(|t| t.extension().to_string())
                .unwrap_or_else(|| if looks_like_text(head) { "txt" } else { "?" }.into()),
            extension: ext,
        });
    }
    Ok(FileKind {
        content_type,
        previewable: *previewable,
    })
}

/// Whether a stored content type may be shown inline in the browser.
pub fn previewable(content_type: &str) -> bool {
    KINDS
        .iter()
        .any(|(_, ct, preview, _)| *preview && *ct == content_type)
}

/// Text: no NUL bytes, and valid UTF-8 (a multi-byte character cut at the end is fine) or
/// Latin-1-looking bytes.
fn looks_like_text(head: &[u8]) -> bool {
    if head.contains(&0) {
        return false;
    }
    match std::str::from_utf8(head) {
        Ok(_) => true,
        Err(err) => err.error_len().is_none() || head.iter().all(|b| *b >= 0x09),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const PDF: &[u8] = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n";
    const PNG: &[u8] = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x06\0\0\0";
    const EXE: &[u8] = b"MZ\x90\0\x03\0\0\0\x04\0\0\0\xff\xff\0\0\xb8\0\0\0\0\0\0\0@\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\x80\0\0\0PE\0\0";

    #[test]
    fn a_pdf_is_a_pdf() {
        let kind = check("Rammeavtale 2026.pdf", PDF).unwrap();
        assert_eq!(kind.content_type, "application/pdf");
        assert!(kind.previewable);
        assert_eq!(check("logo.PNG", PNG).unwrap().content_type, "image/png");
    }

    #[test]
    fn content_must_agree_with_the_name() {
        assert_eq!(
            check("faktura.pdf", PNG),
            Err(Refusal::Mismatch {
                detected: "png".into(),
                extension: "pdf".into()
            })
        );
        assert!(matches!(
            check("notes.txt", PDF),
            Err(Refusal::Mismatch { .. })
        ));
        assert!(matches!(
            check("kontrakt.pdf", b"just some text"),
            Err(Refusal::Mismatch { .. })
        ));
    }

    #[test]
    fn executables_are_refused_whatever_their_name() {
        assert_eq!(check("kontrakt.pdf", EXE), Err(Refusal::Executable));
        assert_eq!(check("setup.exe", EXE), Err(Refusal::Executable));
        assert_eq!(check("run.sh", b"echo hi"), Err(Refusal::Executable));
        assert_eq!(
            check("notes.txt", b"#!/bin/sh\nrm -rf /"),
            Err(Refusal::Executable)
        );
        assert_eq!(check("page.html", b"<html>"), Err(Refusal::Executable));
    }

    #[test]
    fn text_files_are_text() {
        assert!(check("liste.csv", "navn;by\nÅse;Tromsø\n".as_bytes()).is_ok());
        assert!(check("liste.csv", b"navn;by\n\xc5se;Troms\xf8\n").is_ok());
        assert!(matches!(
            check("liste.csv", b"a\0b"),
            Err(Refusal::Mismatch { .. })
        ));
    }

    #[test]
    fn other_types_are_not_kept() {
        assert_eq!(
            check("film.mp4", b"\0\0\0\x18ftypmp42"),
            Err(Refusal::Unsupported {
                extension: "mp4".into()
            })
        );
        assert_eq!(
            check("README", b"hello"),
            Err(Refusal::Unsupported {
                extension: String::new()
            })
        );
    }
}
