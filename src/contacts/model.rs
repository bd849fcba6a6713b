//! A contact person's shape and rules: what the user typed ([`ContactDraft`]) is validated into
//! [`ContactData`]; mobile numbers are stored in E.164 (`+4791234567`).

use serde::{Deserialize, Serialize};

use crate::{
    error::{FieldErrors, Msg},
    norway::mobile::normalize_mobile,
};

#[derive(Clone, Debug, Default, Deserialize, Serialize, PartialEq, Eq)]
#[serde(default)]
pub struct ContactDraft {
    pub first_name: String,
    pub last_name: String,
    pub position: String,
    pub department: String,
    pub email: String,
    pub mobile: String,
    pub phone: String,
    /// "1" when this is the customer's main contact.
    pub is_main: String,
    pub notes: String,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ContactData {
    pub first_name: String,
    pub last_name: String,
    pub position: Option<String>,
    pub department: Option<String>,
    pub email: Option<String>,
    pub mobile: Option<String>,
    pub phone: Option<String>,
    pub is_main: bool,
    pub notes: Option<String>,
}

fn opt(s: &str) -> Option<String> {
    let t = s.trim();
    (!t.is_empty()).then(|| t.to_string())
}

fn max_len(errors: &mut FieldErrors, field: &str, value: &str, max: usize) {
    if value.trim().chars().count() > max {
        errors.add(field, Msg::new("field-too-long").arg("max", max));
    }
}

impl ContactDraft {
    pub fn validate(&self) -> Result<ContactData, FieldErrors> {
        let mut errors = FieldErrors::default();
        for (field, value) in [
            ("first_name", &self.first_name),
            ("last_name", &self.last_name),
        ] {
            if value.trim().is_empty() {
                errors.add(field, Msg::new("field-required"));
            }
            max_len(&mut errors, field, value, 100);
            errors.single_line(field, value);
        }
        max_len(&mut errors, "position", &self.position, 100);
        max_len(&mut errors, "department", &self.department, 100);
        max_len(&mut errors, "notes", &self.notes, 4000);
        let email = opt(&self.email).map(|e| e.to_lowercase());
        if let Some(e) = &email
            && !crate::customers::model::looks_like_email(e)
        {
            errors.add("email", Msg::new("email-invalid"));
        } else {
            errors.single_line("email", &self.email);
        }
        let mobile = match opt(&self.mobile) {
            None => None,
            Some(raw) => match normalize_mobile(&raw) {
                Ok(m) => Some(m),
                Err(key) => {
                    errors.add("mobile", Msg::new(key));
                    None
                }
            },
        };
        let phone = opt(&self.phone);
        if let Some(p) = &phone {
            let digits = p.chars().filter(|c| c.is_ascii_digit()).count();
            if !p.chars().all(|c| c.is_ascii_digit() || " +-()".contains(c))
                || !(5..=15).contains(&digits)
            {
                errors.add("phone", Msg::new("phone-invalid"));
            }
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        Ok(ContactData {
            first_name: self.first_name.trim().to_string(),
            last_name: self.last_name.trim().to_string(),
            position: opt(&self.position),
            department: opt(&self.department),
            email,
            mobile,
            phone,
            is_main: matches!(self.is_main.trim(), "1" | "true" | "on"),
            notes: opt(&self.notes),
        })
    }
}

/// The rights a contact can hold in the customer portal.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Right {
    ViewAssignments,
    ApproveTimesheets,
    ViewInvoices,
    ViewDocuments,
    SignDocuments,
    RequestStaff,
}

impl Right {
    pub const ALL: [Right; 6] = [
        Right::ViewAssignments,
        Right::ApproveTimesheets,
        Right::ViewInvoices,
        Right::ViewDocuments,
        Right::SignDocuments,
        Right::RequestStaff,
    ];
    pub fn as_str(self) -> &'static str {
        match self {
            Right::ViewAssignments => "view_assignments",
            Right::ApproveTimesheets => "approve_timesheets",
            Right::ViewInvoices => "view_invoices",
            Right::ViewDocuments => "view_documents",
            Right::SignDocuments => "sign_documents",
            Right::RequestStaff => "request_staff",
        }
    }
    pub fn label_key(self) -> &'static str {
        match self {
            Right::ViewAssignments => "right-view-assignments",
            Right::ApproveTimesheets => "right-approve-timesheets",
            Right::ViewInvoices => "right-view-invoices",
            Right::ViewDocuments => "right-view-documents",
            Right::SignDocuments => "right-sign-documents",
            Right::RequestStaff => "right-request-staff",
        }
    }
    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|r| r.as_str() == s.trim())
    }
}

/// A set of rights, stored as a comma-separated list in a stable order.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Rights(pub Vec<Right>);

impl Rights {
    pub fn parse_list<'a>(items: impl IntoIterator<Item = &'a str>) -> Self {
        let mut set: Vec<Right> = items.into_iter().filter_map(Right::parse).collect();
        set.sort_by_key(|r| Right::ALL.iter().position(|x| x == r));
        set.dedup();
        Rights(set)
    }
    pub fn from_stored(s: &str) -> Self {
        Self::parse_list(s.split(','))
    }
    pub fn to_stored(&self) -> String {
        self.0
            .iter()
            .map(|r| r.as_str())
            .collect::<Vec<_>>()
            .join(",")
    }
    pub fn has(&self, right: Right) -> bool {
        self.0.contains(&right)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rights_round_trip_in_a_stable_order() {
        let r = Rights::parse_list([
            "sign_documents",
            "view_assignments",
            "nonsense",
            "view_assignments",
        ]);
        assert_eq!(r.to_stored(), "view_assignments,sign_documents");
        assert!(Rights::from_stored(&r.to_stored()).has(Right::SignDocuments));
    }

    #[test]
    fn names_are_required_and_input_is_trimmed() {
        let bad = ContactDraft {
            first_name: " ".into(),
            mobile: "123".into(),
            ..Default::default()
        };
        let errors = bad.validate().unwrap_err();
        assert!(errors.get("first_name").is_some() && errors.get("last_name").is_some());
        assert_eq!(errors.get("mobile").unwrap()[0].key, "mobile-invalid");
        let ok = ContactDraft {
            first_name: " Kari ".into(),
            last_name: "Nordmann".into(),
            is_main: "1".into(),
            ..Default::default()
        };
        let data = ok.validate().unwrap();
        assert_eq!(data.first_name, "Kari");
        assert!(data.is_main);
    }
}
