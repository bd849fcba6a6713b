//! Files out of a multipart form (documents on a customer, on a worker, attachments): each file
//! field is streamed into the store as it arrives ([`super::Upload`]), the other fields are read
//! as short texts. What a feature does with the fields is its own; these are the shared parts.

use axum::extract::{Multipart, multipart::Field};

use super::{FileStore, Stored, UploadError, sniff::Refusal};
use crate::{AppError, Result, error::Msg, i18n::Lang, web::format_size};

/// The most bytes read of a form field that is not a file (the longest, a description, is
/// 2,000 characters). Only file parts are unbounded here: they are streamed to the store.
pub const MAX_FIELD_BYTES: usize = 64 * 1024;

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

/// Why a file was refused, in the user's language.
pub fn refusal_text(refusal: &Refusal, lang: Lang) -> String {
    refusal_msg(refusal).render(lang)
}

/// Why a file was refused, as a message (e.g. for a form field's errors).
pub fn refusal_msg(refusal: &Refusal) -> Msg {
    let msg = Msg::new(refusal.message_key());
    match refusal {
        Refusal::TooLarge { max_bytes } => msg.arg("max", format_size(*max_bytes as i64)),
        Refusal::Mismatch {
            detected,
            extension,
        } => msg
            .arg("detected", detected.to_uppercase())
            .arg("extension", extension.to_uppercase()),
        Refusal::Unsupported { extension } => msg.arg("extension", extension.to_uppercase()),
        Refusal::Infected { signature } => msg.arg("signature", signature.as_str()),
        _ => msg,
    }
}

/// Streams one file field into the store under `key`. `Ok(Err(_))` when the file itself was
/// refused (type, size, empty): nothing of it is kept, and the rest of the field has been read
/// so the browser gets an answer instead of a broken connection. `Err` when the form broke off
/// or the store failed.
pub async fn stream_file(
    field: &mut Field<'_>,
    files: &FileStore,
    key: String,
    file_name: &str,
    max_bytes: u64,
) -> Result<std::result::Result<Stored, Refusal>> {
    let mut upload = files.upload(key, file_name, max_bytes);
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
            skip(field).await?;
            Err(err)
        }
    };
    match outcome {
        Ok(stored) => Ok(Ok(stored)),
        Err(UploadError::Refused(refusal)) => {
            note_refused(&refusal).await;
            Ok(Err(refusal))
        }
        Err(UploadError::Store(err)) => Err(AppError::Internal(err)),
    }
}

/// Notes a file refused for its type, size or a virus in the security log (decisions 0066,
/// 0071): what it was (the signature clamd named), never its name (a CV's name is often its
/// owner's). An empty file is a mistake, not an attempt, and is left out.
pub async fn note_refused(refusal: &Refusal) {
    let detail = match refusal {
        Refusal::Empty => return,
        Refusal::TooLarge { max_bytes } => format!("too-large (max {max_bytes} bytes)"),
        Refusal::Mismatch {
            detected,
            extension,
        } => format!("mismatch ({detected} named .{})", short(extension)),
        Refusal::Unsupported { extension } => format!("unsupported (.{})", short(extension)),
        Refusal::Executable => "executable".to_string(),
        Refusal::Infected { signature } => format!("virus-found ({signature})"),
        Refusal::ScanFailed { detail } => {
            format!(
                "virus-scan-failed ({})",
                detail.chars().take(200).collect::<String>()
            )
        }
    };
    crate::auth::security_log::request::note(
        crate::auth::security_log::Kind::UploadRefused,
        refusal.code(),
        &detail,
    )
    .await;
}

/// An extension as typed, cut short (it is part of a name someone chose).
fn short(extension: &str) -> String {
    extension.chars().take(16).collect()
}

/// Reads the rest of a field without keeping it.
pub async fn skip(field: &mut Field<'_>) -> Result<()> {
    while field.chunk().await.map_err(bad_form)?.is_some() {}
    Ok(())
}

/// Reads the rest of a refused form without keeping any of it, so the browser gets our answer
/// instead of a broken connection.
pub async fn drain(multipart: &mut Multipart) {
    while let Ok(Some(mut field)) = multipart.next_field().await {
        while let Ok(Some(_)) = field.chunk().await {}
    }
}

/// Reads a field that is not a file, stopping as soon as it is longer than [`MAX_FIELD_BYTES`].
pub async fn small_text(field: &mut Field<'_>) -> Result<String> {
    let mut bytes = Vec::new();
    while let Some(chunk) = field.chunk().await.map_err(bad_form)? {
        if bytes.len() + chunk.len() > MAX_FIELD_BYTES {
            skip(field).await?;
            return Err(AppError::TooLarge(
                Msg::new("document-field-too-large")
                    .arg("max", format_size(MAX_FIELD_BYTES as i64)),
            ));
        }
        bytes.extend_from_slice(&chunk);
    }
    String::from_utf8(bytes).map_err(|_| AppError::BadRequest(Msg::new("document-upload-broken")))
}

/// A form that broke off in the middle.
pub fn bad_form(err: axum::extract::multipart::MultipartError) -> AppError {
    tracing::info!(%err, "an upload broke off");
    AppError::BadRequest(Msg::new("document-upload-broken"))
}

/// Removes files that reached the store but will not be kept.
pub async fn discard(files: &FileStore, received: &[Received]) {
    for r in received {
        forget(files, &r.stored.key).await;
    }
}

/// Removes one file, logging (not failing) when the store cannot: the row that pointed at it
/// is already gone.
pub async fn forget(files: &FileStore, key: &str) {
    if let Err(err) = files.delete(key).await {
        tracing::warn!(%key, %err, "could not remove a file");
    }
}
