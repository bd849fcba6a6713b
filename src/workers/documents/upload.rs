//! The upload form of a worker document: one file (streamed into the store as it arrives, with
//! the same size and type checks as the customers' documents) and its details, as typed, then
//! checked. A refused file or bad details leave nothing in the store.

use axum::extract::Multipart;

use super::{Category, store::NewDocument};
use crate::{
    AppError, Result,
    error::{FieldErrors, Msg},
    files::{
        FileStore,
        form::{Received, bad_form, discard, drain, refusal_msg, skip, small_text, stream_file},
        names,
        sniff::Refusal,
    },
    i18n::Lang,
    timefmt::when::parse_date,
};

/// The longest title kept, in characters.
pub const MAX_TITLE: usize = 200;

/// The form's details as typed (kept when something is wrong).
#[derive(Clone, Debug, Default)]
pub struct DocForm {
    pub category: String,
    pub title: String,
    pub valid_until: String,
    pub credential_id: String,
    pub visible_to_worker: bool,
}

impl DocForm {
    /// Checks the details; a linked paper must be one of `credential_ids` (the worker's).
    pub fn validate(
        &self,
        credential_ids: &[i64],
    ) -> std::result::Result<NewDocument, FieldErrors> {
        let mut errors = FieldErrors::default();
        let category = Category::parse(&self.category);
        if category.is_none() {
            errors.add("category", Msg::new("worker-document-category-required"));
        }
        let title = self.title.trim().to_string();
        if title.chars().count() > MAX_TITLE {
            errors.add(
                "title",
                Msg::new("worker-document-title-too-long").arg("max", MAX_TITLE),
            );
        }
        errors.single_line("title", &title);
        let valid_until = match self.valid_until.trim() {
            "" => None,
            s => match parse_date(s) {
                Some(date) if s.len() == 10 => Some(crate::timefmt::when::date_string(date)),
                _ => {
                    errors.add(
                        "valid_until",
                        Msg::new("worker-document-valid-until-invalid"),
                    );
                    None
                }
            },
        };
        let credential_id = match self.credential_id.trim() {
            "" => None,
            s => match s.parse::<i64>() {
                Ok(id) if credential_ids.contains(&id) => Some(id),
                _ => {
                    errors.add(
                        "credential_id",
                        Msg::new("worker-document-credential-invalid"),
                    );
                    None
                }
            },
        };
        match category {
            Some(category) if errors.is_empty() => Ok(NewDocument {
                category,
                title,
                valid_until,
                credential_id,
                visible_to_worker: self.visible_to_worker,
            }),
            _ => Err(errors),
        }
    }
}

/// What the form brought.
pub struct Parsed {
    pub form: DocForm,
    /// The file, in the store (not yet in the database).
    pub file: Option<Received>,
    /// The file that was refused (type, size, empty), with its name.
    pub refused: Option<(String, Refusal)>,
}

impl Parsed {
    /// The file's problems as the form's errors: none chosen, or refused and why.
    pub fn file_errors(&self, errors: &mut FieldErrors, lang: Lang) {
        match (&self.file, &self.refused) {
            (_, Some((name, refusal))) => errors.add(
                "file",
                Msg::new("worker-document-file-refused")
                    .arg("name", name)
                    .arg("reason", refusal_msg(refusal).render(lang)),
            ),
            (None, None) => errors.add("file", Msg::new("worker-document-file-required")),
            _ => {}
        }
    }
}

/// Reads the form, streaming the field `file` into the store under the worker's folder.
pub async fn receive(
    mut multipart: Multipart,
    files: &FileStore,
    worker_id: i64,
    max_bytes: u64,
) -> Result<Parsed> {
    let mut parsed = Parsed {
        form: DocForm::default(),
        file: None,
        refused: None,
    };
    match read(&mut multipart, &mut parsed, files, worker_id, max_bytes).await {
        Ok(()) => Ok(parsed),
        Err(err) => {
            if let Some(file) = parsed.file.take() {
                discard(files, &[file]).await;
            }
            if matches!(err, AppError::TooLarge(_)) {
                drain(&mut multipart).await;
            }
            Err(err)
        }
    }
}

async fn read(
    multipart: &mut Multipart,
    parsed: &mut Parsed,
    files: &FileStore,
    worker_id: i64,
    max_bytes: u64,
) -> Result<()> {
    while let Some(mut field) = multipart.next_field().await.map_err(bad_form)? {
        let name = field.name().unwrap_or_default().to_string();
        if name == "file" {
            let raw_name = field.file_name().unwrap_or_default().to_string();
            if raw_name.is_empty() || parsed.file.is_some() || parsed.refused.is_some() {
                // No file chosen (the browser sends an empty part), or a second one: one
                // document is one file.
                skip(&mut field).await?;
                continue;
            }
            let file_name = names::sanitize(&raw_name);
            let key = FileStore::new_key_in("workers", worker_id);
            match stream_file(&mut field, files, key, &file_name, max_bytes).await? {
                Ok(stored) => parsed.file = Some(Received { file_name, stored }),
                Err(refusal) => parsed.refused = Some((file_name, refusal)),
            }
            continue;
        }
        let value = small_text(&mut field).await?;
        let form = &mut parsed.form;
        match name.as_str() {
            "category" => form.category = value,
            "title" => form.title = value,
            "valid_until" => form.valid_until = value,
            "credential_id" => form.credential_id = value,
            "visible_to_worker" => form.visible_to_worker = !value.is_empty(),
            _ => {}
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form(category: &str, valid_until: &str, credential_id: &str) -> DocForm {
        DocForm {
            category: category.into(),
            title: "  HMS-kort  ".into(),
            valid_until: valid_until.into(),
            credential_id: credential_id.into(),
            visible_to_worker: true,
        }
    }

    #[test]
    fn good_details_are_checked_into_a_document() {
        let d = form("hms_card", "2030-01-31", "7").validate(&[7]).unwrap();
        assert_eq!(d.category, Category::HmsCard);
        assert_eq!(d.title, "HMS-kort");
        assert_eq!(d.valid_until.as_deref(), Some("2030-01-31"));
        assert_eq!(d.credential_id, Some(7));
        assert!(d.visible_to_worker);
        assert_eq!(form("cv", "", "").validate(&[]).unwrap().valid_until, None);
    }

    #[test]
    fn bad_details_are_named_by_field() {
        let errors = form("passport", "31.02.2030", "8")
            .validate(&[7])
            .unwrap_err();
        for field in ["category", "valid_until", "credential_id"] {
            assert!(errors.get(field).is_some(), "{field}");
        }
        let errors = form("cv", "2030-02-30", "").validate(&[]).unwrap_err();
        assert!(errors.get("valid_until").is_some());
        let mut long = form("cv", "", "");
        long.title = "x".repeat(MAX_TITLE + 1);
        assert!(long.validate(&[]).unwrap_err().get("title").is_some());
    }
}
