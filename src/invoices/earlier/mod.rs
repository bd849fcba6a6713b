//! Earlier invoices from a former system (issue 14, decision 0033), imported at
//! `/invoices/earlier/import` by those who may finance: a CSV file (docs/earlier-invoices.md)
//! and the invoices' PDFs beside it. The file is read ([`file`]) and every line checked against
//! the database ([`check`]); the preview names each line's result — ok, or what is wrong, by line
//! number. Nothing is written until every line is good; then [`write`] imports every invoice in
//! one transaction, checking everything again. Between preview and import the CSV's text travels
//! in the form with its SHA-256 (as the time-clock import's does), and each PDF is kept in the
//! file store under its own SHA-256 (`invoices/earlier/<sha256>.pdf`) from the preview on, the
//! form carrying the name and the hash; the import checks the stored bytes against the hash.
//!
//! An imported invoice is issued, read-only, numbered by the former system (`origin =
//! 'earlier'`, never from our series), shown in the lists with its status and what is owed,
//! credited through the ordinary credit flow (our credit note numbers), paid and matched on its
//! KID like ours; its PDF is the imported file, and it has no EHF of ours.

pub mod check;
pub mod file;
pub mod write;

use std::collections::HashMap;

use askama::Template;
use askama_web::WebTemplate;
use axum::{
    extract::{Multipart, Query, State},
    http::StatusCode,
    response::{IntoResponse, Redirect, Response},
};
use axum_extra::extract::Form;
use base64::{Engine, engine::general_purpose::STANDARD as BASE64};
use serde::Deserialize;
use sha2::{Digest, Sha256};

use self::{check::Target, file::FileLine};
use crate::{
    AppError, AppState, Result,
    auth::Staff,
    error::Msg,
    files::{
        form::{bad_form, drain, note_refused, skip},
        sniff::Refusal,
    },
    i18n::Lang,
    invoices::access::require_finance,
    money::format_kr,
    timefmt::{date_text, when::parse_day},
    web::Chrome,
};

/// The largest PDF taken, in bytes.
pub const MAX_PDF_BYTES: usize = 20 * 1024 * 1024;
/// The most PDFs in one upload.
pub const MAX_PDFS: usize = 500;
/// The largest upload (the CSV and its PDFs).
pub const MAX_UPLOAD_BYTES: usize = 256 * 1024 * 1024;

/// Where an imported PDF is kept: by its content.
pub fn pdf_key(sha256: &str) -> String {
    format!("invoices/earlier/{sha256}.pdf")
}

/// A line of the preview.
pub struct PreviewRow {
    pub line: u64,
    pub number: String,
    pub customer: String,
    pub issue_date: String,
    pub due_date: String,
    pub vat_rate: String,
    pub net: String,
    pub vat: String,
    pub total: String,
    pub kid: String,
    pub pdf: String,
    pub errors: Vec<String>,
}

/// A PDF that came with the file.
pub struct Pdf {
    pub name: String,
    pub sha256: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "invoices/earlier_import.html")]
pub struct ImportView {
    lang: Lang,
    chrome: Chrome,
    file_name: String,
    /// Why the upload as a whole could not be read.
    file_error: Option<String>,
    /// PDFs refused (not a PDF, too large), each with why.
    pdf_errors: Vec<String>,
    rows: Vec<PreviewRow>,
    /// Lines with errors.
    bad: usize,
    invoices: usize,
    content: String,
    sha256: String,
    pdfs: Vec<Pdf>,
    /// After an import: the invoices written.
    done: Option<i64>,
}

impl ImportView {
    fn new(user: &Staff) -> Self {
        Self {
            lang: user.lang,
            chrome: Chrome::new(user, "invoices"),
            file_name: String::new(),
            file_error: None,
            pdf_errors: Vec::new(),
            rows: Vec::new(),
            bad: 0,
            invoices: 0,
            content: String::new(),
            sha256: String::new(),
            pdfs: Vec::new(),
            done: None,
        }
    }
    fn count(&self, key: &str, n: impl std::borrow::Borrow<usize>) -> String {
        self.lang.t_count(key, *n.borrow() as i64)
    }
    fn done_text(&self) -> String {
        self.lang
            .t_count("earlier-import-done", self.done.unwrap_or_default())
    }
    fn blocked(&self) -> bool {
        self.bad > 0 || !self.pdf_errors.is_empty()
    }

    /// The preview of `lines` (checked) as read from `text`.
    fn preview(&mut self, text: &str, lines: &[FileLine], targets: &[Option<Target>]) {
        let lang = self.lang;
        self.content = BASE64.encode(text.as_bytes());
        self.sha256 = sha256(text.as_bytes());
        self.bad = lines.iter().filter(|l| !l.errors.is_empty()).count();
        self.invoices = file::invoices(lines).len();
        let amount =
            |typed: &str| crate::money::parse_kr(typed).map_or(typed.to_string(), format_kr);
        self.rows = lines
            .iter()
            .zip(targets.iter().chain(std::iter::repeat(&None)))
            .map(|(l, t)| PreviewRow {
                line: l.number,
                number: l.typed.number.clone(),
                customer: t.as_ref().map_or_else(
                    || l.typed.customer.clone(),
                    |t| format!("{} ({})", t.customer_name, t.customer_number),
                ),
                issue_date: parse_day(&l.typed.issue_date)
                    .map_or_else(|| l.typed.issue_date.clone(), date_text),
                due_date: parse_day(&l.typed.due_date)
                    .map_or_else(|| l.typed.due_date.clone(), date_text),
                vat_rate: l.typed.vat_rate.clone(),
                net: amount(&l.typed.net),
                vat: amount(&l.typed.vat),
                total: amount(&l.typed.total),
                kid: l.typed.kid.clone(),
                pdf: l.typed.pdf.clone(),
                errors: l.errors.iter().map(|m| m.render(lang)).collect(),
            })
            .collect();
    }
}

fn sha256(bytes: &[u8]) -> String {
    hex::encode(Sha256::digest(bytes))
}

#[derive(Deserialize, Default)]
pub struct PageParams {
    invoices: Option<i64>,
}

/// GET /invoices/earlier/import: the upload form and the format (after an import, how many).
pub async fn page(user: Staff, Query(p): Query<PageParams>) -> Result<ImportView> {
    require_finance(&user)?;
    let mut view = ImportView::new(&user);
    view.done = p.invoices;
    Ok(view)
}

/// Reads a field whole, up to `max` bytes; `None` when larger (the rest skipped).
async fn read_field(
    field: &mut axum::extract::multipart::Field<'_>,
    max: usize,
) -> Result<Option<Vec<u8>>> {
    let mut buf = Vec::new();
    while let Some(chunk) = field.chunk().await.map_err(bad_form)? {
        if buf.len() + chunk.len() > max {
            skip(field).await?;
            return Ok(None);
        }
        buf.extend_from_slice(&chunk);
    }
    Ok(Some(buf))
}

/// An earlier invoice's PDF through the virus scanner, when one is configured: why it is
/// refused (for the user and for the security log), or `None` when clean or not scanned.
async fn scan(state: &AppState, name: &str, bytes: &[u8]) -> Option<(Msg, Refusal)> {
    use crate::integrations::clamav::Verdict;
    let scanner = state.files.scanner()?;
    match scanner.scan_bytes(bytes).await {
        Ok(Verdict::Clean) => None,
        Ok(Verdict::Infected(signature)) => Some((
            Msg::new("earlier-import-pdf-virus")
                .arg("name", name)
                .arg("signature", &signature),
            Refusal::Infected { signature },
        )),
        Err(err) => {
            tracing::warn!(%err, "an earlier invoice's PDF could not be scanned for viruses");
            Some((
                Msg::new("earlier-import-pdf-scan-failed").arg("name", name),
                Refusal::ScanFailed { detail: err.0 },
            ))
        }
    }
}

/// POST /invoices/earlier/import/preview (multipart: `file`, the CSV; `pdfs`, the PDFs): every
/// line and its result. The PDFs are kept by their hash for the import.
#[tracing::instrument(skip_all, fields(user = user.id))]
pub async fn preview(
    State(state): State<AppState>,
    user: Staff,
    mut multipart: Multipart,
) -> Result<Response> {
    require_finance(&user)?;
    let mut view = ImportView::new(&user);
    let mut csv: Option<std::result::Result<Vec<u8>, Msg>> = None;
    while let Some(mut field) = multipart.next_field().await.map_err(bad_form)? {
        let name = field.name().map(str::to_string);
        match name.as_deref() {
            Some("file") if csv.is_none() => {
                view.file_name = field.file_name().unwrap_or_default().to_string();
                let read = read_field(&mut field, file::MAX_BYTES).await?;
                if read.is_none() {
                    note_refused(&Refusal::TooLarge {
                        max_bytes: file::MAX_BYTES as u64,
                    })
                    .await;
                }
                csv = Some(read.ok_or_else(|| file::FileError::TooLarge.msg()));
            }
            Some("pdfs") => {
                let name = crate::files::names::sanitize(field.file_name().unwrap_or_default());
                if name.is_empty() {
                    skip(&mut field).await?;
                    continue;
                }
                if view.pdfs.len() + view.pdf_errors.len() >= MAX_PDFS {
                    skip(&mut field).await?;
                    view.pdf_errors.push(
                        Msg::new("earlier-import-pdf-too-many")
                            .arg("max", MAX_PDFS)
                            .render(user.lang),
                    );
                    continue;
                }
                let bytes = read_field(&mut field, MAX_PDF_BYTES).await?;
                let refusal = match &bytes {
                    None => Some((
                        Msg::new("earlier-import-pdf-too-large")
                            .arg("name", &name)
                            .arg("max", crate::web::format_size(MAX_PDF_BYTES as i64)),
                        Refusal::TooLarge {
                            max_bytes: MAX_PDF_BYTES as u64,
                        },
                    )),
                    Some(b) if !b.starts_with(b"%PDF-") => Some((
                        Msg::new("earlier-import-pdf-not-pdf").arg("name", &name),
                        Refusal::Mismatch {
                            detected: "unknown".into(),
                            extension: "pdf".into(),
                        },
                    )),
                    // In memory already (within its limit): scanned whole (decision 0071).
                    Some(b) => scan(&state, &name, b).await,
                };
                match (refusal, bytes) {
                    (Some((m, refusal)), _) => {
                        note_refused(&refusal).await;
                        view.pdf_errors.push(m.render(user.lang))
                    }
                    (None, Some(b)) => {
                        let hash = sha256(&b);
                        state.files.put(&pdf_key(&hash), b).await?;
                        view.pdfs.retain(|p| p.name != name);
                        view.pdfs.push(Pdf { name, sha256: hash });
                    }
                    (None, None) => {}
                }
            }
            _ => skip(&mut field).await?,
        }
    }
    drain(&mut multipart).await;
    let bytes = csv
        .unwrap_or_else(|| Err(Msg::new("earlier-import-no-file")))
        .and_then(|b| {
            if b.is_empty() {
                Err(Msg::new("earlier-import-no-file"))
            } else {
                Ok(b)
            }
        });
    let text = match bytes.as_deref().map(file::decode) {
        Ok(Ok(text)) => text.to_string(),
        Ok(Err(e)) => return refused(view, e.msg()),
        Err(m) => return refused(view, m.clone()),
    };
    let mut lines = match file::read(text.as_bytes()) {
        Ok(lines) => lines,
        Err(e) => return refused(view, e.msg()),
    };
    let names: Vec<String> = view.pdfs.iter().map(|p| p.name.clone()).collect();
    let mut conn = state.db.pool.acquire().await?;
    let targets = check::check(&mut conn, &user, &mut lines, &names).await?;
    view.preview(&text, &lines, &targets);
    let status = if view.blocked() {
        StatusCode::UNPROCESSABLE_ENTITY
    } else {
        StatusCode::OK
    };
    Ok((status, view).into_response())
}

fn refused(mut view: ImportView, msg: Msg) -> Result<Response> {
    view.file_error = Some(msg.render(view.lang));
    Ok((StatusCode::UNPROCESSABLE_ENTITY, view).into_response())
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct ImportForm {
    file_name: String,
    content: String,
    sha256: String,
    /// `<sha256>:<name>` per PDF.
    pdf: Vec<String>,
}

/// POST /invoices/earlier/import: the previewed file written, all invoices or none.
#[tracing::instrument(skip_all, fields(user = user.id))]
pub async fn import(
    State(state): State<AppState>,
    user: Staff,
    Form(form): Form<ImportForm>,
) -> Result<Response> {
    require_finance(&user)?;
    let mut view = ImportView::new(&user);
    view.file_name = form.file_name.clone();
    let text = BASE64
        .decode(form.content.trim())
        .ok()
        .and_then(|b| String::from_utf8(b).ok())
        .filter(|t| sha256(t.as_bytes()) == form.sha256);
    let Some(text) = text else {
        return refused(view, Msg::new("earlier-import-changed"));
    };
    // Each PDF as previewed: still in the store, with the bytes its hash names.
    let mut pdfs: HashMap<String, String> = HashMap::new();
    for entry in &form.pdf {
        let Some((hash, name)) = entry.split_once(':') else {
            return refused(view, Msg::new("earlier-import-changed"));
        };
        let key = pdf_key(hash);
        let ok = hash.len() == 64
            && hash.bytes().all(|b| b.is_ascii_hexdigit())
            && state
                .files
                .bytes(&key)
                .await
                .is_ok_and(|b| sha256(&b) == hash);
        if !ok {
            return refused(view, Msg::new("earlier-import-changed"));
        }
        view.pdfs.push(Pdf {
            name: name.to_string(),
            sha256: hash.to_string(),
        });
        pdfs.insert(name.to_string(), key);
    }
    let mut lines = match file::read(text.as_bytes()) {
        Ok(lines) => lines,
        Err(e) => return refused(view, e.msg()),
    };
    let upload = write::Upload {
        file_name: &form.file_name,
        sha256: &form.sha256,
        pdfs: &pdfs,
    };
    let mut tx = state.db.begin().await?;
    match write::import(&mut tx, &user, user.lang, &mut lines, &upload).await {
        Ok(Ok(done)) => {
            tx.commit().await?;
            Ok(Redirect::to(&format!(
                "/invoices/earlier/import?invoices={}",
                done.invoices
            ))
            .into_response())
        }
        Ok(Err(targets)) => {
            drop(tx);
            view.preview(&text, &lines, &targets);
            Ok((StatusCode::UNPROCESSABLE_ENTITY, view).into_response())
        }
        Err(AppError::Conflict(msg)) => {
            drop(tx);
            refused(view, msg)
        }
        Err(e) => Err(e),
    }
}
