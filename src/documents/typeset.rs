//! PDFs typeset with typst (STACK.md) from a template compiled into the binary: the engine with
//! the fonts shipped in the repository (DejaVu Sans, then typst's own for glyphs it lacks), so no
//! font or package is ever looked up or downloaded. The data goes to the template as one JSON
//! text in `sys.inputs.data` (and a logo as bytes in `sys.inputs.logo`), never spliced into
//! markup, so nothing a user typed can change the layout. Used by the invoices' PDF
//! (`invoices::documents::pdf`) and the vacancies' rental offers (`vacancies::offers::pdf`).

use crate::AppError;

/// Whether this build renders PDFs (the `pdf` feature).
pub const AVAILABLE: bool = cfg!(feature = "pdf");

pub fn internal(what: impl std::fmt::Display) -> AppError {
    AppError::Internal(anyhow::anyhow!("PDF: {what}"))
}

/// A typst engine for one template.
#[cfg(feature = "pdf")]
pub type Engine = typst_as_lib::TypstEngine<typst_as_lib::TypstTemplateMainFile>;

/// The engine for `template` with the shipped fonts. Build it once (a `OnceLock`): loading the
/// fonts is the slow part. typst's memo cache is emptied after each compile (the default):
/// keeping ten compiles' worth made different invoices twice as slow (18 instead of about 30 PDFs
/// a second; `benches/invoice_pdf.rs`) — most likely because every memoised call then checks
/// the old entries before it misses.
#[cfg(feature = "pdf")]
pub fn engine(template: &'static str) -> Engine {
    typst_as_lib::TypstEngine::builder()
        .main_file(template)
        .fonts(
            [
                dejavu::sans::regular(),
                dejavu::sans::bold(),
                dejavu::sans::oblique(),
                dejavu::sans::bold_oblique(),
            ]
            .into_iter()
            // typst's own fonts, for glyphs DejaVu Sans lacks.
            .chain(typst_assets::fonts()),
        )
        .build()
}

/// The PDF of `data` (and the logo file, when given) through `engine`'s template.
#[cfg(feature = "pdf")]
pub fn compile(
    engine: &Engine,
    data: &serde_json::Value,
    logo: Option<&std::path::Path>,
) -> crate::Result<Vec<u8>> {
    use typst::foundations::{Bytes, Dict, IntoValue};
    let mut inputs = Dict::new();
    inputs.insert("data".into(), data.to_string().into_value());
    if let Some(path) = logo {
        let bytes = std::fs::read(path).map_err(|e| internal(format!("logo: {e}")))?;
        inputs.insert("logo".into(), Bytes::new(bytes).into_value());
    }
    let document = engine
        .compile_with_input(inputs)
        .output
        .map_err(|e| internal(format!("{e:?}")))?;
    typst_pdf::pdf(&document, &typst_pdf::PdfOptions::default())
        .map_err(|e| internal(format!("{e:?}")))
}
