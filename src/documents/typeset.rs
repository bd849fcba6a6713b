//! PDFs typeset with typst (STACK.md) from a template compiled into the binary, in a typst
//! `World` of our own: the template, the fonts shipped in the repository (DejaVu Sans, then
//! typst's own for glyphs it lacks) and two files made per document — `/data.json` (the JSON
//! the template prints) and `/logo` (the seller's logo, when there is one) — so no font or
//! package is ever looked up or downloaded. The data is read by the template with
//! `json("/data.json")`, never spliced into markup, so nothing a user typed can change the
//! layout. Used by the invoices' PDF (`invoices::documents::pdf`) and the vacancies' rental
//! offers (`vacancies::offers::pdf`).
//!
//! Speed (issue 14, decision 0062): the standard library, the font book and the parsed fonts
//! are made once per engine and never change, so typst hashes them once and its memo cache
//! stays valid between documents; see [`compile`] for how long that cache is kept.

use crate::AppError;

/// Whether this build renders PDFs (the `pdf` feature).
pub const AVAILABLE: bool = cfg!(feature = "pdf");

pub fn internal(what: impl std::fmt::Display) -> AppError {
    AppError::Internal(anyhow::anyhow!("PDF: {what}"))
}

#[cfg(feature = "pdf")]
pub use engine::{Engine, compile, engine};

#[cfg(feature = "pdf")]
mod engine {
    use typst::{
        Library, LibraryExt, World,
        diag::{FileError, FileResult},
        foundations::{Bytes, Datetime, Duration},
        syntax::{FileId, RootedPath, Source, VirtualPath, VirtualRoot},
        text::{Font, FontBook},
        utils::LazyHash,
    };

    use super::internal;

    /// A typst engine for one template: what every document made from it shares.
    pub struct Engine {
        main: Source,
        library: LazyHash<Library>,
        book: LazyHash<FontBook>,
        fonts: Vec<Font>,
    }

    /// The engine for `template` with the shipped fonts. Build it once (a `OnceLock`): parsing
    /// the fonts is the slow part.
    pub fn engine(template: &'static str) -> Engine {
        let fonts: Vec<Font> = [
            dejavu::sans::regular(),
            dejavu::sans::bold(),
            dejavu::sans::oblique(),
            dejavu::sans::bold_oblique(),
        ]
        .into_iter()
        // typst's own fonts, for glyphs DejaVu Sans lacks.
        .chain(typst_assets::fonts())
        .flat_map(|data| Font::iter(Bytes::new(data)))
        .collect();
        // Each engine's template has a file id of its own, so typst never mixes two templates up.
        let id = FileId::unique(RootedPath::new(
            VirtualRoot::Project,
            VirtualPath::new("/main.typ").expect("a valid path"),
        ));
        Engine {
            main: Source::new(id, template.to_string()),
            library: LazyHash::new(Library::builder().build()),
            book: LazyHash::new(FontBook::from_fonts(&fonts)),
            fonts,
        }
    }

    /// One document: the engine's template and fonts, and this document's data and logo.
    struct Document<'a> {
        engine: &'a Engine,
        data: Bytes,
        logo: Option<Bytes>,
    }

    impl World for Document<'_> {
        fn library(&self) -> &LazyHash<Library> {
            &self.engine.library
        }

        fn book(&self) -> &LazyHash<FontBook> {
            &self.engine.book
        }

        fn main(&self) -> FileId {
            self.engine.main.id()
        }

        fn source(&self, id: FileId) -> FileResult<Source> {
            if id == self.engine.main.id() {
                Ok(self.engine.main.clone())
            } else {
                Err(not_found(id))
            }
        }

        fn file(&self, id: FileId) -> FileResult<Bytes> {
            if id == self.engine.main.id() {
                return Ok(Bytes::from_string(self.engine.main.text().to_string()));
            }
            if *id.root() != VirtualRoot::Project {
                return Err(not_found(id));
            }
            match id.vpath().get_with_slash() {
                "/data.json" => Ok(self.data.clone()),
                "/logo" => self.logo.clone().ok_or_else(|| not_found(id)),
                _ => Err(not_found(id)),
            }
        }

        fn font(&self, index: usize) -> Option<Font> {
            self.engine.fonts.get(index).cloned()
        }

        /// The templates print no "today": every date comes with the data.
        fn today(&self, _offset: Option<Duration>) -> Option<Datetime> {
            None
        }
    }

    fn not_found(id: FileId) -> FileError {
        FileError::NotFound(id.vpath().get_without_slash().into())
    }

    /// The PDF of `data` (and the logo file, when given) through `engine`'s template. The
    /// template finds `/logo` when `data.logo` is true.
    pub fn compile(
        engine: &Engine,
        data: &serde_json::Value,
        logo: Option<&std::path::Path>,
    ) -> crate::Result<Vec<u8>> {
        let logo = match logo {
            Some(path) => Some(Bytes::new(
                std::fs::read(path).map_err(|e| internal(format!("logo: {e}")))?,
            )),
            None => None,
        };
        let mut data = data.clone();
        if let Some(fields) = data.as_object_mut() {
            fields.insert("logo".into(), logo.is_some().into());
        }
        let world = Document {
            engine,
            data: Bytes::from_string(data.to_string()),
            logo,
        };
        let document = typst::compile(&world).output;
        let pdf = document
            .map_err(|e| internal(format!("{e:?}")))
            .and_then(|document| {
                typst_pdf::pdf(&document, &typst_pdf::PdfOptions::default())
                    .map_err(|e| internal(format!("{e:?}")))
            });
        // typst's memo cache is global (all threads). Emptying it after each document
        // (`evict(0)`, typst-as-lib's default) also emptied it under a document another
        // thread was rendering, which then did its work again (about 15 % more CPU per PDF
        // with two threads, `benches/invoice_pdf.rs`). What the last two documents used is
        // kept instead, so the cache stays the size of a few documents.
        typst::comemo::evict(2);
        pdf
    }
}
