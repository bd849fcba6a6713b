//! A composed message before it is queued: the form checked (recipients among the customer's
//! contacts, attachments among its documents, the text through [`crate::dialog::check`]) and
//! planned into the messages that go out.

use std::collections::{HashMap, HashSet};

use super::{
    ComposeForm, MAX_ATTACHMENT_BYTES, Preview, Reachable, SenderInfo, merge_data, recipient,
};
use crate::{
    dialog::{
        merge,
        model::{Channel, SmsLength},
        outbox::{Attachment, Recipient},
    },
    documents::store::Document,
    error::{FieldErrors, Msg},
};

/// What the form asks for, checked: the recipients (contacts of this customer who can receive
/// on the channel), subject and body.
pub(super) struct Checked<'a> {
    pub to: Vec<&'a Reachable>,
    pub cc: Vec<&'a Reachable>,
    pub attachments: Vec<Attachment>,
}

/// The most recipients (to and cc together) of one message written here; more is a bulk send.
const MAX_RECIPIENTS: usize = 100;
/// The most attachments of one email.
const MAX_ATTACHMENTS: usize = 20;

pub(super) fn check_form<'a>(
    channel: Channel,
    form: &ComposeForm,
    contacts: &'a [Reachable],
    documents: &[Document],
) -> std::result::Result<Checked<'a>, FieldErrors> {
    let mut errors = FieldErrors::default();
    // Lists are bounded before they are read, and looked up in a map: a form with a million ids
    // costs no more than one with a hundred.
    if form.to.len() + form.cc.len() > MAX_RECIPIENTS {
        errors.add(
            "to",
            Msg::new("dialog-too-many-recipients").arg("max", MAX_RECIPIENTS),
        );
        return Err(errors);
    }
    if form.attach.len() > MAX_ATTACHMENTS {
        errors.add(
            "attach",
            Msg::new("dialog-too-many-attachments").arg("max", MAX_ATTACHMENTS),
        );
        return Err(errors);
    }
    let by_id: HashMap<String, &'a Reachable> =
        contacts.iter().map(|c| (c.id.to_string(), c)).collect();
    let mut chosen = HashSet::new();
    let mut resolve = |field: &str, ids: &[String]| -> Vec<&'a Reachable> {
        let mut out = Vec::new();
        for raw in ids.iter().map(|s| s.trim()).filter(|s| !s.is_empty()) {
            match by_id.get(raw) {
                Some(c) if chosen.insert(c.id) => out.push(*c),
                Some(_) => {}
                None => errors.add(field, Msg::new("dialog-recipient-unknown")),
            }
        }
        out
    };
    let to = resolve("to", &form.to);
    let cc = if channel == Channel::Email {
        resolve("cc", &form.cc)
    } else {
        Vec::new()
    };
    if to.is_empty() && errors.get("to").is_none() {
        errors.add("to", Msg::new("dialog-recipient-required"));
    }
    crate::dialog::check::check(channel, &form.subject, &form.body, &mut errors);
    let mut attachments: Vec<Attachment> = Vec::new();
    if channel == Channel::Email {
        for raw in form
            .attach
            .iter()
            .map(|s| s.trim())
            .filter(|s| !s.is_empty())
        {
            match documents.iter().find(|d| d.version_id.to_string() == raw) {
                Some(d)
                    if !attachments
                        .iter()
                        .any(|a| a.document_version_id == d.version_id) =>
                {
                    attachments.push(Attachment {
                        document_version_id: d.version_id,
                        file_name: d.file_name.clone(),
                        content_type: d.content_type.clone(),
                        size_bytes: d.size_bytes,
                    })
                }
                Some(_) => {}
                None => errors.add("attach", Msg::new("dialog-attachment-unknown")),
            }
        }
        let total: i64 = attachments.iter().map(|a| a.size_bytes).sum();
        if total > MAX_ATTACHMENT_BYTES {
            errors.add(
                "attach",
                Msg::new("dialog-attachments-too-large")
                    .arg("max", crate::web::format_size(MAX_ATTACHMENT_BYTES)),
            );
        }
    }
    if errors.is_empty() {
        Ok(Checked {
            to,
            cc,
            attachments,
        })
    } else {
        Err(errors)
    }
}

/// One message to be queued.
pub(super) struct Planned {
    pub to: Vec<Recipient>,
    pub cc: Vec<Recipient>,
    pub subject: String,
    pub body: String,
}

impl Planned {
    pub fn preview(&self, channel: Channel) -> Preview {
        Preview {
            to: self
                .to
                .iter()
                .chain(self.cc.iter())
                .map(|r| format!("{} <{}>", r.name, r.email))
                .collect::<Vec<_>>()
                .join(", "),
            subject: self.subject.clone(),
            body: self.body.clone(),
            sms: (channel == Channel::Sms).then(|| SmsLength::of(&self.body)),
        }
    }
}

/// SMS always go one per recipient; an email goes as one message to all, unless its text is
/// personal (`{first_name}` …), when each "to" gets their own, with the same copies.
pub(super) fn plan(
    channel: Channel,
    form: &ComposeForm,
    checked: &Checked<'_>,
    sender: &SenderInfo,
    customer_name: &str,
) -> Vec<Planned> {
    let personal = merge::is_personal(&form.subject) || merge::is_personal(&form.body);
    let cc: Vec<Recipient> = checked.cc.iter().map(|c| recipient(c)).collect();
    if channel == Channel::Email && !personal {
        let data = merge_data(sender, customer_name, None);
        return vec![Planned {
            to: checked.to.iter().map(|c| recipient(c)).collect(),
            cc,
            subject: merge::apply(form.subject.trim(), &data),
            body: merge::apply(&form.body, &data),
        }];
    }
    checked
        .to
        .iter()
        .map(|c| {
            let data = merge_data(sender, customer_name, Some(c));
            Planned {
                to: vec![recipient(c)],
                cc: cc.clone(),
                subject: merge::apply(form.subject.trim(), &data),
                body: merge::apply(&form.body, &data),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn contact(id: i64, first: &str) -> Reachable {
        Reachable {
            id,
            customer_id: 1,
            first_name: first.into(),
            last_name: "Berg".into(),
            address: format!("{}@kunde.no", first.to_lowercase()),
            is_main: 0,
        }
    }

    fn sender() -> SenderInfo {
        SenderInfo {
            name: "Ola".into(),
            email: "ola@byraa.no".into(),
            signature: "Hilsen Ola".into(),
        }
    }

    #[test]
    fn personal_text_makes_one_email_each_and_plain_text_one_for_all() {
        let contacts = [contact(1, "Åse"), contact(2, "Per"), contact(3, "Kari")];
        let mut form = ComposeForm {
            to: vec!["1".into(), "2".into()],
            cc: vec!["3".into()],
            subject: "Hei {first_name}".into(),
            body: "Hilsen\n{sender_signature}".into(),
            ..Default::default()
        };
        let checked = check_form(Channel::Email, &form, &contacts, &[]).unwrap();
        let planned = plan(Channel::Email, &form, &checked, &sender(), "Fjord AS");
        assert_eq!(planned.len(), 2);
        assert_eq!(planned[0].subject, "Hei Åse");
        assert_eq!(planned[1].subject, "Hei Per");
        assert_eq!(planned[1].cc[0].email, "kari@kunde.no");
        form.subject = "Nytt fra {customer_name}".into();
        let checked = check_form(Channel::Email, &form, &contacts, &[]).unwrap();
        let planned = plan(Channel::Email, &form, &checked, &sender(), "Fjord AS");
        assert_eq!(planned.len(), 1);
        assert_eq!(planned[0].to.len(), 2);
        assert_eq!(planned[0].subject, "Nytt fra Fjord AS");
        assert_eq!(planned[0].body, "Hilsen\nHilsen Ola");
    }

    #[test]
    fn recipients_must_be_the_customers_contacts() {
        let contacts = [contact(1, "Åse")];
        let form = ComposeForm {
            to: vec!["99".into()],
            subject: String::new(),
            body: "x".into(),
            ..Default::default()
        };
        let errors = check_form(Channel::Email, &form, &contacts, &[])
            .err()
            .unwrap();
        assert_eq!(errors.get("to").unwrap()[0].key, "dialog-recipient-unknown");
        assert_eq!(errors.get("subject").unwrap()[0].key, "field-required");
    }
}
