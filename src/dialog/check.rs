//! The one check of a message's text, for every path that writes one: compose on the card, the
//! bulk send, templates, and the API. Recipients and attachments stay each path's own.

use super::{merge, model::Channel};
use crate::error::{FieldErrors, Msg};

/// The longest subject, on any channel (an SMS has none, but nothing unbounded is taken).
pub const MAX_SUBJECT: usize = 200;
/// The longest email body.
pub const MAX_EMAIL_BODY: usize = 50_000;
/// The longest SMS body: ten parts.
pub const MAX_SMS_BODY: usize = 1_600;

/// Adds to `errors` what is wrong with a message's `subject` and `body` on `channel`: an email
/// needs a one-line subject; every message a body within its channel's limit; merge fields must
/// be ones the merge knows.
pub fn check(channel: Channel, subject: &str, body: &str, errors: &mut FieldErrors) {
    if channel == Channel::Email && subject.trim().is_empty() {
        errors.add("subject", Msg::new("field-required"));
    } else if subject.chars().count() > MAX_SUBJECT {
        errors.add(
            "subject",
            Msg::new("field-too-long").arg("max", MAX_SUBJECT),
        );
    }
    errors.single_line("subject", subject.trim());
    let max_body = match channel {
        Channel::Email => MAX_EMAIL_BODY,
        Channel::Sms => MAX_SMS_BODY,
    };
    if body.trim().is_empty() {
        errors.add("body", Msg::new("field-required"));
    } else if body.chars().count() > max_body {
        errors.add("body", Msg::new("field-too-long").arg("max", max_body));
    }
    for (field, text) in [("subject", subject), ("body", body)] {
        if let Some(msg) = merge::check(text) {
            errors.add(field, msg);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fields(channel: Channel, subject: &str, body: &str) -> Vec<String> {
        let mut errors = FieldErrors::default();
        check(channel, subject, body, &mut errors);
        errors
            .0
            .iter()
            .flat_map(|(field, msgs)| msgs.iter().map(move |m| format!("{field}:{}", m.key)))
            .collect()
    }

    #[test]
    fn one_rule_for_every_message() {
        let long_subject = "x".repeat(MAX_SUBJECT + 1);
        let sms_body = "x".repeat(MAX_SMS_BODY + 1);
        let cases: &[(Channel, &str, &str, &[&str])] = &[
            (Channel::Email, "Hei", "Tekst", &[]),
            (Channel::Email, " ", "Tekst", &["subject:field-required"]),
            (
                Channel::Email,
                &long_subject,
                "Tekst",
                &["subject:field-too-long"],
            ),
            (
                Channel::Email,
                "Hei\r\nBcc: x",
                "Tekst",
                &["subject:field-control-chars"],
            ),
            (Channel::Email, "Hei", " ", &["body:field-required"]),
            (Channel::Email, "Hei", &sms_body, &[]),
            (Channel::Sms, "", "Tekst", &[]),
            (Channel::Sms, "", &sms_body, &["body:field-too-long"]),
            // The subject limit holds on every channel (compose had none for SMS).
            (
                Channel::Sms,
                &long_subject,
                "Tekst",
                &["subject:field-too-long"],
            ),
        ];
        for (channel, subject, body, expected) in cases {
            assert_eq!(
                fields(*channel, subject, body),
                *expected,
                "{channel:?} {subject:?}"
            );
        }
    }
}
