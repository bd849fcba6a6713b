//! Receiving files: a multipart form with the document's details first and one or more files
//! after. Each file is streamed into the store as it arrives ([`crate::files::Upload`]); a
//! file that is refused (type, size) is reported by name and the others are still kept.

use axum::extract::{Multipart, multipart::Field};

use super::{names, store::Meta};
use crate::{
    AppError, Result,
    error::Msg,
    files::{FileStore, Stored, UploadError, sniff::Refusal},
    i18n::Lang,
    web::format_size,
};

/// The most files one upload may carry.
pub const MAX_FILES: usize = 20;

/// The most bytes read of a form field that is not a file (the longest, the description, is
/// 2,000 characters). Only file parts are unbounded here: they are streamed to the store.
pub const MAX_FIELD_BYTES: usize = 64 * 1024;

/// The form's fields other than the files, as typed.
#[derive(Clone, Debug, Default)]
pub struct MetaForm {
    pub category_id: String,
    pub description: String,
    pub valid_until: String,
    pub shared: bool,
}

impl MetaForm {
    /// Checks the details. The category must be one of `categories`.
    pub fn validate(&self, categories: &[i64]) -> std::result::Result<Meta, Vec<Msg>> {
        let mut errors = Vec::new();
        let category_id = self
            .category_id
            .trim()
            .parse::<i64>()
            .ok()
            .filter(|id| categories.contains(id));
        if category_id.is_none() {
            errors.push(Msg::new("document-category-required"));
        }
        let description = self.description.trim().to_string();
        if description.chars().count() > 2000 {
            errors.push(Msg::new("document-description-too-long"));
        }
        let valid_until = match self.valid_until.trim() {
            "" => None,
            s => match crate::timefmt::when::parse_date(s) {
                Some(date) if s.len() == 10 => Some(date.to_string()),
                _ => {
                    errors.push(Msg::new("document-valid-until-invalid"));
                    None
                }
            },
        };
        if !errors.is_empty() {
            return Err(errors);
        }
        Ok(Meta {
            category_id: category_id.expect("checked"),
            description,
            valid_until,
            shared_with_customer: self.shared,
        })
    }
}

/// A file that arrived and is in the store (not yet in the database).
pub struct Received {
    pub file_name: String,
    pub stored: Stored,
}

/// A file that was not kept, and why, as the user will read it.
#[derive(Clone, Debug)]
pub struct Refused {
    pub file_name: String,
    pub reason: String,
}

pub struct Parsed {
    pub meta: MetaForm,
    pub received: Vec<Received>,
    pub refused: Vec<Refused>,
}

pub fn refusal_text(refusal: &Refusal, lang: Lang) -> String {
    let msg = Msg::new(refusal.message_key());
    let msg = match refusal {
        Refusal::TooLarge { max_bytes } => msg.arg("max", format_size(*max_bytes as i64)),
        Refusal::Mismatch {
            detected,
            extension,
        } => msg
            .arg("detected", detected.to_uppercase())
            .arg("extension", extension.to_uppercase()),
        Refusal::Unsupported { extension } => msg.arg("extension", extension.to_uppercase()),
        _ => msg,
    };
    msg.render(lang)
}

/// Reads the form, streaming every file field named `files` (or `file`) into the store.
pub async fn receive(
    mut multipart: Multipart,
    files: &FileStore,
    customer_id: i64,
    max_bytes: u64,
    lang: Lang,
) -> Result<Parsed> {
    let mut parsed = Parsed {
        meta: MetaForm::default(),
        received: Vec::new(),
        refused: Vec::new(),
    };
    match read_fields(
        &mut multipart,
        &mut parsed,
        files,
        customer_id,
        max_bytes,
        lang,
    )
    .await
    {
        Ok(()) => Ok(parsed),
        Err(err) => {
            // Nothing of a refused upload is kept, whatever order its parts came in.
            discard(files, &parsed.received).await;
            if matches!(err, AppError::TooLarge(_)) {
                drain(&mut multipart).await;
            }
            Err(err)
        }
    }
}

/// Reads the rest of a refused form without keeping any of it, so the browser gets our answer
/// instead of a broken connection.
async fn drain(multipart: &mut Multipart) {
    while let Ok(Some(mut field)) = multipart.next_field().await {
        while let Ok(Some(_)) = field.chunk().await {}
    }
}

async fn read_fields(
    multipart: &mut Multipart,
    parsed: &mut Parsed,
    files: &FileStore,
    customer_id: i64,
    max_bytes: u64,
    lang: Lang,
) -> Result<()> {
    while let Some(mut field) = multipart.next_field().await.map_err(bad_form)? {
        let name = field.name().unwrap_or_default().to_string();
        match name.as_str() {
            "files" | "file" => {
                let Some(raw_name) = field.file_name().map(str::to_string) else {
                    continue;
                };
                if raw_name.is_empty() {
                    continue; // the browser sends an empty part when no file was chosen
                }
                let file_name = names::sanitize(&raw_name);
                if parsed.received.len() + parsed.refused.len() >= MAX_FILES {
                    parsed.refused.push(Refused {
                        file_name,
                        reason: Msg::new("document-too-many-files")
                            .arg("max", MAX_FILES)
                            .render(lang),
                    });
                    while field.chunk().await.map_err(bad_form)?.is_some() {}
                    continue;
                }
                let mut upload =
                    files.upload(FileStore::new_key(customer_id), &file_name, max_bytes);
                let mut outcome = Ok(());
                while let Some(chunk) = field.chunk().await.map_err(bad_form)? {
                    if let Err(err) = upload.write(chunk).await {
                        outcome = Err(err);
                        break;
                    }
                }
                let outcome = match outcome {
                    Ok(()) => upload.finish().await,
                    Err(err) => {
                        upload.abort().await;
                        // Read the rest of this file without keeping it, so the browser gets
                        // our answer instead of a broken connection.
                        while field.chunk().await.map_err(bad_form)?.is_some() {}
                        Err(err)
                    }
                };
                match outcome {
                    Ok(stored) => parsed.received.push(Received { file_name, stored }),
                    Err(UploadError::Refused(refusal)) => parsed.refused.push(Refused {
                        file_name,
                        reason: refusal_text(&refusal, lang),
                    }),
                    Err(UploadError::Store(err)) => return Err(AppError::Internal(err)),
                }
            }
            other => {
                let value = small_text(&mut field).await?;
                match other {
                    "category_id" => parsed.meta.category_id = value,
                    "description" => parsed.meta.description = value,
                    "valid_until" => parsed.meta.valid_until = value,
                    "shared" => parsed.meta.shared = !value.is_empty(),
                    _ => {}
                }
            }
        }
    }
    Ok(())
}

/// Reads a field that is not a file, stopping as soon as it is longer than [`MAX_FIELD_BYTES`].
async fn small_text(field: &mut Field<'_>) -> Result<String> {
    let mut bytes = Vec::new();
    while let Some(chunk) = field.chunk().await.map_err(bad_form)? {
        if bytes.len() + chunk.len() > MAX_FIELD_BYTES {
            while field.chunk().await.map_err(bad_form)?.is_some() {}
            return Err(AppError::TooLarge(
                Msg::new("document-field-too-large")
                    .arg("max", format_size(MAX_FIELD_BYTES as i64)),
            ));
        }
        bytes.extend_from_slice(&chunk);
    }
    String::from_utf8(bytes).map_err(|_| AppError::BadRequest(Msg::new("document-upload-broken")))
}

fn bad_form(err: axum::extract::multipart::MultipartError) -> AppError {
    tracing::info!(%err, "an upload broke off");
    AppError::BadRequest(Msg::new("document-upload-broken"))
}

/// Removes files that reached the store but will not be kept.
pub async fn discard(files: &FileStore, received: &[Received]) {
    for r in received {
        if let Err(err) = files.delete(&r.stored.key).await {
            tracing::warn!(key = %r.stored.key, %err, "could not remove a discarded upload");
        }
    }
}
