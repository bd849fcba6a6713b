//! Merge fields in templates and messages: `{first_name}` and friends, filled per recipient.

use crate::error::Msg;

/// The fields a text may use, in the order the UI lists them.
pub const FIELDS: [&str; 7] = [
    "first_name",
    "last_name",
    "full_name",
    "customer_name",
    "sender_name",
    "sender_email",
    "sender_signature",
];

/// Fields that differ per recipient: a text using them is sent as one message per recipient.
const PERSONAL: [&str; 3] = ["first_name", "last_name", "full_name"];

/// The values for one recipient.
#[derive(Clone, Debug, Default)]
pub struct MergeData {
    pub first_name: String,
    pub last_name: String,
    pub customer_name: String,
    pub sender_name: String,
    pub sender_email: String,
    pub sender_signature: String,
}

impl MergeData {
    fn value(&self, field: &str) -> Option<String> {
        Some(match field {
            "first_name" => self.first_name.clone(),
            "last_name" => self.last_name.clone(),
            "full_name" => format!("{} {}", self.first_name, self.last_name)
                .trim()
                .to_string(),
            "customer_name" => self.customer_name.clone(),
            "sender_name" => self.sender_name.clone(),
            "sender_email" => self.sender_email.clone(),
            "sender_signature" => self.sender_signature.clone(),
            _ => return None,
        })
    }
}

/// `{name}` tokens in the text, in order (a `{` without a closing `}` is plain text).
fn tokens(text: &str) -> Vec<(usize, usize, &str)> {
    let mut out = Vec::new();
    let mut rest = 0;
    while let Some(open) = text[rest..].find('{') {
        let start = rest + open;
        let Some(len) = text[start + 1..].find('}') else {
            break;
        };
        let name = &text[start + 1..start + 1 + len];
        if !name.is_empty() && name.chars().all(|c| c.is_ascii_lowercase() || c == '_') {
            out.push((start, start + len + 2, name));
            rest = start + len + 2;
        } else {
            rest = start + 1;
        }
    }
    out
}

/// Unknown fields in the text, as a message for the form.
pub fn check(text: &str) -> Option<Msg> {
    let unknown: Vec<&str> = tokens(text)
        .into_iter()
        .map(|(_, _, name)| name)
        .filter(|name| !FIELDS.contains(name))
        .collect();
    (!unknown.is_empty()).then(|| {
        Msg::new("dialog-merge-unknown")
            .arg(
                "fields",
                unknown
                    .iter()
                    .map(|f| format!("{{{f}}}"))
                    .collect::<Vec<_>>()
                    .join(", "),
            )
            .arg("known", FIELDS.map(|f| format!("{{{f}}}")).join(", "))
    })
}

/// Does the text use fields that differ per recipient?
pub fn is_personal(text: &str) -> bool {
    tokens(text)
        .iter()
        .any(|(_, _, name)| PERSONAL.contains(name))
}

/// The text with every known field replaced.
pub fn apply(text: &str, data: &MergeData) -> String {
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for (start, end, name) in tokens(text) {
        if let Some(value) = data.value(name) {
            out.push_str(&text[at..start]);
            out.push_str(&value);
            at = end;
        }
    }
    out.push_str(&text[at..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn data() -> MergeData {
        MergeData {
            first_name: "Åse".into(),
            last_name: "Berg".into(),
            customer_name: "Fjord Bygg AS".into(),
            sender_name: "Ola Nordmann".into(),
            sender_email: "ola@byraa.no".into(),
            sender_signature: "Ola Nordmann\nByrået AS".into(),
        }
    }

    #[test]
    fn fills_fields() {
        let text = "Hei {first_name}!\nAvtalen med {customer_name} er klar.\n\n{sender_signature}";
        assert_eq!(
            apply(text, &data()),
            "Hei Åse!\nAvtalen med Fjord Bygg AS er klar.\n\nOla Nordmann\nByrået AS"
        );
        assert_eq!(apply("{full_name}", &data()), "Åse Berg");
    }

    #[test]
    fn unknown_fields_are_named_and_left_alone() {
        let msg = check("Hei {fornavn} og {first_name} {x}").unwrap();
        assert_eq!(msg.key, "dialog-merge-unknown");
        assert!(msg.args[0].1.contains("{fornavn}") && msg.args[0].1.contains("{x}"));
        assert!(!msg.args[0].1.contains("first_name"));
        assert_eq!(apply("{fornavn}", &data()), "{fornavn}");
        assert!(check("Pris {100} kr, { ikke felt }").is_none());
    }

    #[test]
    fn personal_fields_mean_one_message_each() {
        assert!(is_personal("Hei {first_name}"));
        assert!(!is_personal("Hei alle i {customer_name}"));
    }
}
