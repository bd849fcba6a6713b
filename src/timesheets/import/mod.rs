//! Hours imported from a time-clock file (`/timesheets/import`, staff; format in
//! docs/timesheet-import.md): the file is read ([`file`]) and every line checked against the
//! database ([`check`]), and a preview names each line's result — ok, or what is wrong with it,
//! by line number. Nothing is written until every line is good; then the import writes all the
//! lines in one transaction through the same save as the sheet page ([`write`]), checking
//! everything again. Between preview and import the file's text travels in the preview's form
//! with its SHA-256, so the import writes exactly what was previewed (or says the file changed)
//! and nothing is kept on the server.

pub mod check;
pub mod file;
pub mod write;

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

use self::{
    check::Target,
    file::{FileLine, MAX_BYTES},
};
use crate::{
    AppState, Result,
    auth::Staff,
    error::Msg,
    files::{
        form::{bad_form, drain, note_refused, skip},
        sniff::Refusal,
    },
    i18n::Lang,
    timefmt::{date_text, hours_text, when::parse_date},
    timesheets::sheet::write::refusal,
    web::Chrome,
};

/// A line of the preview.
pub struct PreviewRow {
    pub number: u64,
    pub worker: String,
    pub assignment: String,
    pub date: String,
    pub times: String,
    pub break_minutes: String,
    pub comment: String,
    pub hours: String,
    pub errors: Vec<String>,
    /// The week's sheet, when it exists.
    pub link: Option<String>,
}

#[derive(Template, WebTemplate)]
#[template(path = "timesheets/import.html")]
pub struct ImportView {
    lang: Lang,
    chrome: Chrome,
    file_name: String,
    /// Why the file as a whole could not be read (or was not the previewed one).
    file_error: Option<String>,
    rows: Vec<PreviewRow>,
    /// Lines with errors.
    bad: usize,
    /// The file's text (base64, so no browser changes its line ends) and its SHA-256, carried
    /// to the import.
    content: String,
    sha256: String,
    /// After an import: lines and sheets written.
    done: Option<(i64, i64)>,
}

impl ImportView {
    fn new(user: &Staff) -> Self {
        Self {
            lang: user.lang,
            chrome: Chrome::new(user, "workers"),
            file_name: String::new(),
            file_error: None,
            rows: Vec::new(),
            bad: 0,
            content: String::new(),
            sha256: String::new(),
            done: None,
        }
    }
    fn count(&self, key: &str, n: impl std::borrow::Borrow<usize>) -> String {
        self.lang.t_count(key, *n.borrow() as i64)
    }
    fn done_text(&self) -> String {
        match self.done {
            Some((lines, sheets)) => format!(
                "{} {}",
                self.lang.t_count("timesheet-import-done", lines),
                self.lang.t_count("timesheet-import-done-sheets", sheets)
            ),
            None => String::new(),
        }
    }

    /// The preview of `lines` (checked) as read from `text`.
    fn preview(&mut self, text: &str, lines: &[FileLine], targets: &[Option<Target>]) {
        let lang = self.lang;
        self.content = BASE64.encode(text.as_bytes());
        self.sha256 = sha256(text);
        self.bad = lines.iter().filter(|l| !l.errors.is_empty()).count();
        self.rows = lines
            .iter()
            .zip(targets.iter().chain(std::iter::repeat(&None)))
            .map(|(l, t)| PreviewRow {
                number: l.number,
                worker: t
                    .as_ref()
                    .map_or_else(|| l.worker_typed.clone(), |t| t.worker_name.clone()),
                assignment: t.as_ref().map_or_else(String::new, |t| {
                    format!("{} · {}", t.assignment.title, t.assignment.customer_name)
                }),
                date: parse_date(&l.draft.work_date)
                    .filter(|_| l.line.is_some())
                    .map_or_else(|| l.draft.work_date.clone(), date_text),
                times: format!("{}–{}", l.draft.start, l.draft.end),
                break_minutes: l.draft.break_minutes.clone(),
                comment: l.draft.comment.clone(),
                hours: l
                    .line
                    .as_ref()
                    .map_or_else(String::new, |x| hours_text(x.worked_minutes())),
                errors: l.errors.iter().map(|m| refusal(lang, m)).collect(),
                link: t.as_ref().and_then(|t| {
                    Some(format!(
                        "/customers/{}/assignments/{}/timesheets/{}",
                        t.assignment.customer_id, t.assignment.id, t.sheet_id?
                    ))
                }),
            })
            .collect();
    }
}

fn sha256(text: &str) -> String {
    hex::encode(Sha256::digest(text.as_bytes()))
}

#[derive(Deserialize, Default)]
pub struct PageParams {
    lines: Option<i64>,
    sheets: Option<i64>,
}

/// GET /timesheets/import: the upload form and the format (after an import, what it wrote).
pub async fn page(user: Staff, Query(p): Query<PageParams>) -> ImportView {
    let mut view = ImportView::new(&user);
    view.done = p.lines.zip(p.sheets);
    view
}

/// POST /timesheets/import/preview (multipart, `file`): every line and its result.
#[tracing::instrument(skip_all, fields(user = user.id))]
pub async fn preview(
    State(state): State<AppState>,
    user: Staff,
    mut multipart: Multipart,
) -> Result<Response> {
    let mut view = ImportView::new(&user);
    let mut bytes: Option<Vec<u8>> = None;
    let mut too_large = false;
    while let Some(mut field) = multipart.next_field().await.map_err(bad_form)? {
        if field.name() != Some("file") || bytes.is_some() {
            skip(&mut field).await?;
            continue;
        }
        view.file_name = field.file_name().unwrap_or_default().to_string();
        let mut buf = Vec::new();
        while let Some(chunk) = field.chunk().await.map_err(bad_form)? {
            if buf.len() + chunk.len() > MAX_BYTES {
                too_large = true;
                skip(&mut field).await?;
                break;
            }
            buf.extend_from_slice(&chunk);
        }
        bytes = Some(buf);
    }
    drain(&mut multipart).await;
    let bytes = if too_large {
        note_refused(&Refusal::TooLarge {
            max_bytes: MAX_BYTES as u64,
        })
        .await;
        Err(file::FileError::TooLarge.msg())
    } else {
        bytes
            .filter(|b| !b.is_empty())
            .ok_or_else(|| Msg::new("timesheet-import-no-file"))
    };
    let text = match bytes.as_deref().map(file::decode) {
        Ok(Ok(text)) => text.to_string(),
        Ok(Err(e)) => return refused(view, e.msg()),
        Err(m) => return refused(view, m.clone()),
    };
    let mut lines = match file::read(text.as_bytes()) {
        Ok(lines) => lines,
        Err(e) => return refused(view, e.msg()),
    };
    let mut conn = state.db.pool.acquire().await?;
    let targets = check::check(&mut conn, &user, &mut lines).await?;
    view.preview(&text, &lines, &targets);
    Ok(view.into_response())
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
}

/// POST /timesheets/import: the previewed file written, all lines or none.
#[tracing::instrument(skip_all, fields(user = user.id))]
pub async fn import(
    State(state): State<AppState>,
    user: Staff,
    Form(form): Form<ImportForm>,
) -> Result<Response> {
    let mut view = ImportView::new(&user);
    view.file_name = form.file_name.clone();
    let text = BASE64
        .decode(form.content.trim())
        .ok()
        .and_then(|b| String::from_utf8(b).ok())
        .filter(|t| sha256(t) == form.sha256);
    let Some(text) = text else {
        return refused(view, Msg::new("timesheet-import-changed"));
    };
    let mut lines = match file::read(text.as_bytes()) {
        Ok(lines) => lines,
        Err(e) => return refused(view, e.msg()),
    };
    let mut tx = state.db.begin().await?;
    match write::import(&mut tx, &user, &mut lines).await? {
        Ok(done) => {
            tx.commit().await?;
            Ok(Redirect::to(&format!(
                "/timesheets/import?lines={}&sheets={}",
                done.lines, done.sheets
            ))
            .into_response())
        }
        Err(targets) => {
            drop(tx);
            view.preview(&text, &lines, &targets);
            // Sheets made in the rolled-back transaction are gone again.
            for r in &mut view.rows {
                r.link = None;
            }
            Ok((StatusCode::UNPROCESSABLE_ENTITY, view).into_response())
        }
    }
}
