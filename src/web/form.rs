//! Helpers for HTML forms: field errors rendered next to their inputs.

use crate::{error::FieldErrors, i18n::Lang};

/// Translated messages for one field, ready for a template.
pub fn field_messages(errors: &FieldErrors, lang: Lang, field: &str) -> Vec<String> {
    errors
        .get(field)
        .map(|msgs| msgs.iter().map(|m| m.render(lang)).collect())
        .unwrap_or_default()
}
