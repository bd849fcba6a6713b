//! Receiving files: a multipart form with the document's details first and one or more files
//! after. Each file is streamed into the store as it arrives ([`crate::files::Upload`]); a
//! file that is refused (type, size) is reported by name and the others are still kept.

use axum::extract::Multipart;

use super::store::Meta;
pub use crate::files::form::{MAX_FIELD_BYTES, Received, Refused, discard, refusal_text};
use crate::{
    AppError, Result,
    error::Msg,
    files::{
        FileStore,
        form::{bad_form, drain, skip, small_text, stream_file},
        names,
    },
    i18n::Lang,
};

/// The most files one upload may carry.
pub const MAX_FILES: usize = 20;

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

pub struct Parsed {
    pub meta: MetaForm,
    pub received: Vec<Received>,
    pub refused: Vec<Refused>,
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
                    skip(&mut field).await?;
                    continue;
                }
                let outcome = stream_file(
                    &mut field,
                    files,
                    FileStore::new_key(customer_id),
                    &file_name,
                    max_bytes,
                )
                .await?;
                match outcome {
                    Ok(stored) => parsed.received.push(Received { file_name, stored }),
                    Err(refusal) => parsed.refused.push(Refused {
                        file_name,
                        reason: refusal_text(&refusal, lang),
                    }),
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
