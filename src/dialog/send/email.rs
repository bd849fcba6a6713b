//! Building and sending one email: the MIME message (text and HTML, attachments from the file
//! store, a stable `Message-ID`), refused before lettre sees a header value it would choke on.

use std::panic::AssertUnwindSafe;

use lettre::{
    Message,
    message::{Attachment, Mailbox, MultiPart, SinglePart, header::ContentType},
};

use super::{Outgoing, Rcpt};
use crate::{error::has_control_chars, state::AppState};

/// Sends the email; `Err((permanent, reason))` when it did not go.
pub(super) async fn send_email(
    state: &AppState,
    message: &Outgoing,
    recipients: &[Rcpt],
) -> std::result::Result<String, (bool, String)> {
    let Some(mailer) = &state.mailer else {
        return Err((false, "email is not configured".into()));
    };
    let files = attachments(state, message)
        .await
        .map_err(|e| (false, format!("attachment: {e}")))?;
    let email = build_email_guarded(
        mailer.from.as_str(),
        mailer.domain(),
        message,
        recipients,
        files,
    )
    .map_err(|e| (true, e))?;
    mailer
        .send(email)
        .await
        .map_err(|e| (e.permanent, e.reason))
}

fn mailbox(name: &str, address: &str) -> std::result::Result<Mailbox, String> {
    let address = address
        .parse()
        .map_err(|e| format!("invalid address {address}: {e}"))?;
    let name = (!name.is_empty()).then(|| name.to_string());
    Ok(Mailbox::new(name, address))
}

/// "Ola Nordmann <ola@byraa.no>" → ("Ola Nordmann", "ola@byraa.no").
fn split_display(display: &str) -> (&str, &str) {
    match display.rsplit_once('<') {
        Some((name, rest)) => (name.trim(), rest.trim_end_matches('>').trim()),
        None => ("", display.trim()),
    }
}

/// A file to attach: name, type, bytes.
struct File {
    name: String,
    content_type: String,
    bytes: Vec<u8>,
}

/// The message's attachments, read from the file store (each a document version).
async fn attachments(state: &AppState, message: &Outgoing) -> anyhow::Result<Vec<File>> {
    let rows: Vec<(i64, String, String)> = sqlx::query_as(
        "SELECT a.document_version_id, a.file_name, a.content_type FROM message_attachments a \
         JOIN messages m ON m.id = a.message_id WHERE m.uid = $1 ORDER BY a.id",
    )
    .bind(&message.uid)
    .fetch_all(&state.db.pool)
    .await?;
    let mut files = Vec::with_capacity(rows.len());
    for (version_id, name, content_type) in rows {
        let (_, version) = crate::documents::store::version_by_id(&state.db, version_id)
            .await
            .map_err(|e| anyhow::anyhow!("{e}"))?
            .ok_or_else(|| anyhow::anyhow!("document version {version_id} is gone"))?;
        files.push(File {
            name,
            content_type,
            bytes: state.files.bytes(&version.storage_key).await?,
        });
    }
    Ok(files)
}

/// The first header value with a control character, named for the reason. lettre panics on a
/// line break in a display name, and a line break anywhere in a header would start a new one:
/// such a message (written before names were checked at the edge) fails for good instead.
fn unsafe_header(message: &Outgoing, recipients: &[Rcpt], files: &[File]) -> Option<String> {
    let mut values = vec![
        ("sender", message.from_address.as_str()),
        ("subject", message.subject.as_str()),
    ];
    if let Some(reply_to) = &message.reply_to {
        values.push(("reply-to address", reply_to.as_str()));
    }
    for r in recipients {
        values.push(("recipient name", r.name.as_str()));
        values.push(("recipient address", r.address.as_str()));
    }
    for f in files {
        values.push(("attachment name", f.name.as_str()));
        values.push(("attachment type", f.content_type.as_str()));
    }
    values
        .into_iter()
        .find(|(_, v)| has_control_chars(v))
        .map(|(what, v)| format!("the {what} {v:?} holds a line break or other control character"))
}

/// Builds the email, refusing unsafe header values and turning any panic inside lettre into
/// an error, so one bad message fails alone.
fn build_email_guarded(
    from: &str,
    domain: &str,
    message: &Outgoing,
    recipients: &[Rcpt],
    files: Vec<File>,
) -> std::result::Result<Message, String> {
    if let Some(reason) = unsafe_header(message, recipients, &files) {
        return Err(reason);
    }
    std::panic::catch_unwind(AssertUnwindSafe(|| {
        build_email(from, domain, message, recipients, files)
    }))
    .unwrap_or_else(|panic| {
        Err(format!(
            "the email could not be built: {}",
            crate::jobs::panic_message(panic.as_ref())
        ))
    })
}

fn build_email(
    from: &str,
    domain: &str,
    message: &Outgoing,
    recipients: &[Rcpt],
    files: Vec<File>,
) -> std::result::Result<Message, String> {
    let (from_name, _) = split_display(&message.from_address);
    let (_, configured_from) = split_display(from);
    let mut builder = Message::builder()
        .from(mailbox(from_name, configured_from)?)
        .message_id(Some(format!("<{}@{}>", message.uid, domain)))
        .subject(message.subject.as_str())
        .date_now();
    if let Some(reply_to) = &message.reply_to {
        builder = builder.reply_to(mailbox(from_name, reply_to)?);
    }
    for r in recipients {
        let mbox = mailbox(&r.name, &r.address)?;
        builder = match r.kind.as_str() {
            "cc" => builder.cc(mbox),
            _ => builder.to(mbox),
        };
    }
    let body = MultiPart::alternative()
        .singlepart(
            SinglePart::builder()
                .header(ContentType::TEXT_PLAIN)
                .body(message.body.clone()),
        )
        .singlepart(
            SinglePart::builder()
                .header(ContentType::TEXT_HTML)
                .body(crate::dialog::format::to_html(&message.body)),
        );
    if files.is_empty() {
        return builder.multipart(body).map_err(|e| e.to_string());
    }
    let mut mixed = MultiPart::mixed().multipart(body);
    for file in files {
        let content_type = ContentType::parse(&file.content_type)
            .unwrap_or_else(|_| ContentType::parse("application/octet-stream").expect("valid"));
        mixed = mixed.singlepart(Attachment::new(file.name).body(file.bytes, content_type));
    }
    builder.multipart(mixed).map_err(|e| e.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_display_addresses() {
        assert_eq!(
            split_display("Ola Nordmann <ola@byraa.no>"),
            ("Ola Nordmann", "ola@byraa.no")
        );
        assert_eq!(split_display("post@byraa.no"), ("", "post@byraa.no"));
    }

    #[test]
    fn a_line_break_in_a_header_value_fails_the_message_without_a_panic() {
        let message = Outgoing {
            uid: "kk.2.abc".into(),
            status: "queued".into(),
            from_address: "Ola Nordmann <ola@byraa.no>".into(),
            reply_to: None,
            subject: "Hei".into(),
            body: "Hei".into(),
        };
        let rcpts = [Rcpt {
            kind: "to".into(),
            name: "Eve\r\nBcc: x@evil.example".into(),
            address: "eve@kunde.no".into(),
        }];
        let err = build_email_guarded("post@byraa.no", "byraa.no", &message, &rcpts, Vec::new())
            .unwrap_err();
        assert!(err.contains("recipient name"), "{err}");
    }

    #[test]
    fn builds_mime_with_message_id_and_reply_to() {
        let message = Outgoing {
            uid: "kk.1.abc".into(),
            status: "queued".into(),
            from_address: "Ola Nordmann <ola@byraa.no>".into(),
            reply_to: Some("ola@byraa.no".into()),
            subject: "Avtale for 2027".into(),
            body: "Hei Åse,\n\nher er avtalen.".into(),
        };
        let rcpts = [
            Rcpt {
                kind: "to".into(),
                name: "Åse Berg".into(),
                address: "ase@kunde.no".into(),
            },
            Rcpt {
                kind: "cc".into(),
                name: String::new(),
                address: "lonn@kunde.no".into(),
            },
        ];
        let email = build_email(
            "Byrået <post@byraa.no>",
            "byraa.no",
            &message,
            &rcpts,
            Vec::new(),
        )
        .unwrap();
        let text = String::from_utf8(email.formatted()).unwrap();
        assert!(text.contains("Message-ID: <kk.1.abc@byraa.no>"), "{text}");
        assert!(
            text.contains("Reply-To: \"Ola Nordmann\" <ola@byraa.no>")
                || text.contains("Reply-To: Ola Nordmann <ola@byraa.no>"),
            "{text}"
        );
        assert!(text.contains("post@byraa.no"), "{text}");
        assert!(text.contains("Cc: lonn@kunde.no"), "{text}");
        assert!(text.contains("multipart/alternative"), "{text}");
    }
}
