//! PDF work for the built-in simple signature: a signature page appended to the signed document
//! (who signed, when, from where, and the SHA-256 of the exact file they saw), and a small
//! generated PDF for demo data and tests. Text uses the standard Helvetica font with WinAnsi
//! encoding, which covers Norwegian letters.

use lopdf::{
    Dictionary, Document, Object, ObjectId, Stream, StringFormat,
    content::{Content, Operation},
    dictionary,
};

/// A line on the signature page.
pub struct Line {
    pub text: String,
    pub bold: bool,
    pub size: f32,
}

impl Line {
    pub fn title(text: impl Into<String>) -> Self {
        Self {
            text: text.into(),
            bold: true,
            size: 16.0,
        }
    }
    pub fn heading(text: impl Into<String>) -> Self {
        Self {
            text: text.into(),
            bold: true,
            size: 11.0,
        }
    }
    pub fn text(text: impl Into<String>) -> Self {
        Self {
            text: text.into(),
            bold: false,
            size: 10.0,
        }
    }
    pub fn blank() -> Self {
        Self::text("")
    }
}

/// Text in WinAnsi (Windows-1252) bytes; characters outside it become `?`.
fn win_ansi(text: &str) -> Vec<u8> {
    text.chars()
        .map(|c| match c as u32 {
            0x20..=0x7e | 0xa0..=0xff => c as u32 as u8,
            0x2013 => 0x96, // –
            0x2014 => 0x97, // —
            0x2019 => 0x92, // ’
            0x201c => 0x93,
            0x201d => 0x94,
            0x2022 => 0x95, // •
            0x20ac => 0x80, // €
            _ => b'?',
        })
        .collect()
}

fn font(doc: &mut Document, base: &str) -> ObjectId {
    doc.add_object(dictionary! {
        "Type" => "Font",
        "Subtype" => "Type1",
        "BaseFont" => base,
        "Encoding" => "WinAnsiEncoding",
    })
}

/// A4 page with the lines, wrapped at ~95 characters; returns the page's content and resources.
fn page_objects(doc: &mut Document, lines: &[Line]) -> (ObjectId, ObjectId) {
    let regular = font(doc, "Helvetica");
    let bold = font(doc, "Helvetica-Bold");
    let resources = doc.add_object(dictionary! {
        "Font" => dictionary! { "F1" => regular, "F2" => bold },
    });
    let mut ops = vec![Operation::new("BT", vec![])];
    let mut y = 790.0_f32;
    for line in lines {
        let width = if line.size > 12.0 { 60 } else { 95 };
        for chunk in wrap(&line.text, width) {
            ops.push(Operation::new(
                "Tf",
                vec![
                    if line.bold { "F2" } else { "F1" }.into(),
                    Object::Real(line.size),
                ],
            ));
            ops.push(Operation::new(
                "Tm",
                vec![
                    1.into(),
                    0.into(),
                    0.into(),
                    1.into(),
                    Object::Real(56.0),
                    Object::Real(y),
                ],
            ));
            ops.push(Operation::new(
                "Tj",
                vec![Object::String(win_ansi(&chunk), StringFormat::Literal)],
            ));
            y -= line.size * 1.5;
        }
    }
    ops.push(Operation::new("ET", vec![]));
    let content = Content { operations: ops };
    let stream = Stream::new(
        Dictionary::new(),
        content.encode().expect("operations encode"),
    );
    (doc.add_object(stream), resources)
}

fn wrap(text: &str, width: usize) -> Vec<String> {
    if text.is_empty() {
        return vec![String::new()];
    }
    let mut out = Vec::new();
    let mut line = String::new();
    for word in text.split(' ') {
        if !line.is_empty() && line.chars().count() + 1 + word.chars().count() > width {
            out.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
        while line.chars().count() > width {
            let head: String = line.chars().take(width).collect();
            let rest: String = line.chars().skip(width).collect();
            out.push(head);
            line = rest;
        }
    }
    out.push(line);
    out
}

#[derive(Debug, thiserror::Error)]
pub enum PdfError {
    #[error("the file is not a PDF we can read: {0}")]
    Unreadable(String),
    #[error("the PDF is encrypted")]
    Encrypted,
}

/// The document with one more page at the end carrying `lines`.
pub fn append_page(original: &[u8], lines: &[Line]) -> Result<Vec<u8>, PdfError> {
    let mut doc =
        Document::load_mem(original).map_err(|err| PdfError::Unreadable(err.to_string()))?;
    if doc.is_encrypted() {
        return Err(PdfError::Encrypted);
    }
    let pages_id = doc
        .catalog()
        .and_then(|c| c.get(b"Pages"))
        .and_then(Object::as_reference)
        .map_err(|err| PdfError::Unreadable(err.to_string()))?;
    let (content, resources) = page_objects(&mut doc, lines);
    let page = doc.add_object(dictionary! {
        "Type" => "Page",
        "Parent" => pages_id,
        "MediaBox" => vec![0.into(), 0.into(), 595.into(), 842.into()],
        "Contents" => content,
        "Resources" => resources,
    });
    let pages = doc
        .get_object_mut(pages_id)
        .and_then(Object::as_dict_mut)
        .map_err(|err| PdfError::Unreadable(err.to_string()))?;
    let count = pages.get(b"Count").and_then(Object::as_i64).unwrap_or(0);
    pages.set("Count", count + 1);
    match pages.get_mut(b"Kids").and_then(Object::as_array_mut) {
        Ok(kids) => kids.push(page.into()),
        Err(_) => pages.set("Kids", vec![Object::from(page)]),
    }
    let mut out = Vec::new();
    doc.save_to(&mut out)
        .map_err(|err| PdfError::Unreadable(err.to_string()))?;
    Ok(out)
}

/// A one-page PDF with the lines; for demo data and tests.
pub fn simple_pdf(lines: &[Line]) -> Vec<u8> {
    let mut doc = Document::with_version("1.5");
    let pages_id = doc.new_object_id();
    let (content, resources) = page_objects(&mut doc, lines);
    let page = doc.add_object(dictionary! {
        "Type" => "Page",
        "Parent" => pages_id,
        "MediaBox" => vec![0.into(), 0.into(), 595.into(), 842.into()],
        "Contents" => content,
        "Resources" => resources,
    });
    doc.objects.insert(
        pages_id,
        Object::Dictionary(dictionary! {
            "Type" => "Pages",
            "Kids" => vec![page.into()],
            "Count" => 1,
        }),
    );
    let catalog = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages_id });
    doc.trailer.set("Root", catalog);
    let mut out = Vec::new();
    doc.save_to(&mut out).expect("writing to memory");
    out
}

/// The number of pages and the text of the last one; for checks.
pub fn last_page_text(pdf: &[u8]) -> Result<(usize, String), PdfError> {
    let doc = Document::load_mem(pdf).map_err(|err| PdfError::Unreadable(err.to_string()))?;
    let pages = doc.get_pages();
    let last = pages.keys().max().copied().unwrap_or(1);
    let text = doc
        .extract_text(&[last])
        .map_err(|err| PdfError::Unreadable(err.to_string()))?;
    Ok((pages.len(), text))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_signature_page_is_appended_and_readable() {
        let original = simple_pdf(&[Line::title("Rammeavtale"), Line::text("Side 1")]);
        let signed = append_page(
            &original,
            &[
                Line::title("Signaturside"),
                Line::text("Signert av Åse Ørnulf Dæhlie"),
            ],
        )
        .unwrap();
        let (pages, text) = last_page_text(&signed).unwrap();
        assert_eq!(pages, 2);
        assert!(text.contains("Signaturside"), "{text}");
        assert!(text.contains("Åse Ørnulf Dæhlie"), "{text}");
        let (_, first) = last_page_text(&original).unwrap();
        assert!(first.contains("Side 1"));
    }

    #[test]
    fn not_a_pdf_is_an_error() {
        assert!(matches!(
            append_page(b"hello", &[Line::text("x")]),
            Err(PdfError::Unreadable(_))
        ));
    }

    #[test]
    fn long_lines_wrap() {
        let words = "ord ".repeat(60);
        let lines = wrap(words.trim(), 95);
        assert!(lines.len() >= 2);
        assert!(lines.iter().all(|l| l.chars().count() <= 95));
    }
}
