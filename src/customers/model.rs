//! The customer's shape and rules: a [`CustomerDraft`] is what a user typed (form or JSON);
//! [`CustomerDraft::validate`] turns it into [`CustomerData`] or per-field messages.

use serde::{Deserialize, Serialize};

use crate::norway::orgnr::{OrgNumber, OrgNumberError};
use crate::{
    error::{FieldErrors, Msg},
    geo::postal,
};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    Potential,
    Active,
    Former,
}

impl Status {
    pub const ALL: [Status; 3] = [Status::Potential, Status::Active, Status::Former];

    pub fn as_str(self) -> &'static str {
        match self {
            Status::Potential => "potential",
            Status::Active => "active",
            Status::Former => "former",
        }
    }
    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|v| v.as_str() == s.trim())
    }
    pub fn label_key(self) -> &'static str {
        match self {
            Status::Potential => "status-potential",
            Status::Active => "status-active",
            Status::Former => "status-former",
        }
    }
}

/// What the user typed, field by field, before validation. Forms and the JSON API both
/// end up here, so the rules live in one place.
#[derive(Clone, Debug, Default, Deserialize, Serialize, PartialEq, Eq)]
#[serde(default)]
pub struct CustomerDraft {
    pub name: String,
    pub org_number: String,
    pub status: String,
    pub owner_id: String,
    pub department_id: String,
    pub industry_code: String,
    pub industry_text: String,
    pub visit_street: String,
    pub visit_postal_code: String,
    pub postal_street: String,
    pub postal_postal_code: String,
    pub email: String,
    pub phone: String,
    pub website: String,
}

/// A valid customer, ready to store. Places are filled from the postal register.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CustomerData {
    pub name: String,
    pub org_number: Option<String>,
    pub status: Status,
    pub owner_id: Option<i64>,
    pub department_id: Option<i64>,
    pub industry_code: Option<String>,
    pub industry_text: Option<String>,
    pub visit_street: Option<String>,
    pub visit_postal_code: Option<String>,
    pub visit_city: Option<String>,
    pub postal_street: Option<String>,
    pub postal_postal_code: Option<String>,
    pub postal_city: Option<String>,
    pub municipality_no: Option<String>,
    pub county_no: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub website: Option<String>,
}

pub const MAX_NAME: usize = 200;
pub const MAX_TEXT: usize = 200;

fn opt(s: &str) -> Option<String> {
    let t = s.trim();
    (!t.is_empty()).then(|| t.to_string())
}

fn check_len(errors: &mut FieldErrors, field: &str, value: &str, max: usize) {
    if value.trim().chars().count() > max {
        errors.add(field, Msg::new("field-too-long").arg("max", max));
    }
}

impl CustomerDraft {
    pub fn validate(&self) -> Result<CustomerData, FieldErrors> {
        let mut errors = FieldErrors::default();

        let name = self.name.trim().to_string();
        if name.is_empty() {
            errors.add("name", Msg::new("field-required"));
        }
        check_len(&mut errors, "name", &name, MAX_NAME);

        let org_number = match opt(&self.org_number) {
            None => None,
            Some(raw) => match OrgNumber::parse(&raw) {
                Ok(n) => Some(n.as_str().to_string()),
                Err(OrgNumberError::Format) => {
                    errors.add("org_number", Msg::new("orgnr-format"));
                    None
                }
                Err(OrgNumberError::Checksum) => {
                    errors.add("org_number", Msg::new("orgnr-checksum"));
                    None
                }
            },
        };

        let status = match opt(&self.status) {
            None => Status::Potential,
            Some(s) => Status::parse(&s).unwrap_or_else(|| {
                errors.add("status", Msg::new("field-invalid-choice"));
                Status::Potential
            }),
        };

        let owner_id = parse_id(&mut errors, "owner_id", &self.owner_id);
        let department_id = parse_id(&mut errors, "department_id", &self.department_id);

        let industry_code = opt(&self.industry_code);
        if let Some(code) = &industry_code {
            let ok = code.len() <= 6
                && code.chars().all(|c| c.is_ascii_digit() || c == '.')
                && code.chars().take(2).all(|c| c.is_ascii_digit());
            if !ok {
                errors.add("industry_code", Msg::new("industry-code-format"));
            }
        }
        check_len(&mut errors, "industry_text", &self.industry_text, MAX_TEXT);

        check_len(&mut errors, "visit_street", &self.visit_street, MAX_TEXT);
        check_len(&mut errors, "postal_street", &self.postal_street, MAX_TEXT);
        let visit = postal_place(&mut errors, "visit_postal_code", &self.visit_postal_code);
        let post = postal_place(&mut errors, "postal_postal_code", &self.postal_postal_code);

        let email = opt(&self.email).map(|e| e.to_lowercase());
        if let Some(e) = &email {
            if !looks_like_email(e) {
                errors.add("email", Msg::new("email-invalid"));
            }
            check_len(&mut errors, "email", e, 254);
        }

        let phone = opt(&self.phone);
        if let Some(p) = &phone {
            let digits = p.chars().filter(|c| c.is_ascii_digit()).count();
            let allowed = p.chars().all(|c| c.is_ascii_digit() || " +-()".contains(c));
            if !allowed || !(5..=15).contains(&digits) {
                errors.add("phone", Msg::new("phone-invalid"));
            }
        }

        let website = opt(&self.website).map(|w| {
            if w.contains("://") {
                w
            } else {
                format!("https://{w}")
            }
        });
        if let Some(w) = &website {
            let valid = url::Url::parse(w)
                .map(|u| {
                    matches!(u.scheme(), "http" | "https")
                        && u.host_str().is_some_and(|h| h.contains('.'))
                })
                .unwrap_or(false);
            if !valid {
                errors.add("website", Msg::new("website-invalid"));
            }
            check_len(&mut errors, "website", w, MAX_TEXT);
        }

        if !errors.is_empty() {
            return Err(errors);
        }
        // The visiting address places the customer on the map; the postal address is the fallback.
        let place = visit.or(post);
        Ok(CustomerData {
            name,
            org_number,
            status,
            owner_id,
            department_id,
            industry_code,
            industry_text: opt(&self.industry_text),
            visit_street: opt(&self.visit_street),
            visit_postal_code: visit.map(|p| p.postal_code.to_string()),
            visit_city: visit.map(|p| p.place_title()),
            postal_street: opt(&self.postal_street),
            postal_postal_code: post.map(|p| p.postal_code.to_string()),
            postal_city: post.map(|p| p.place_title()),
            municipality_no: place.map(|p| p.municipality_no.to_string()),
            county_no: place.map(|p| p.county_no.to_string()),
            email,
            phone,
            website,
        })
    }
}

fn parse_id(errors: &mut FieldErrors, field: &str, raw: &str) -> Option<i64> {
    let raw = raw.trim();
    if raw.is_empty() {
        return None;
    }
    match raw.parse::<i64>() {
        Ok(id) if id > 0 => Some(id),
        _ => {
            errors.add(field, Msg::new("field-invalid-choice"));
            None
        }
    }
}

fn postal_place(
    errors: &mut FieldErrors,
    field: &str,
    raw: &str,
) -> Option<&'static postal::PostalPlace> {
    let code = raw.trim();
    if code.is_empty() {
        return None;
    }
    if code.len() != 4 || !code.chars().all(|c| c.is_ascii_digit()) {
        errors.add(field, Msg::new("postal-code-format"));
        return None;
    }
    let place = postal::lookup(code);
    if place.is_none() {
        errors.add(field, Msg::new("postal-code-unknown").arg("code", code));
    }
    place
}

pub fn looks_like_email(e: &str) -> bool {
    let Some((local, domain)) = e.split_once('@') else {
        return false;
    };
    !local.is_empty()
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !e.chars().any(char::is_whitespace)
        && !domain.contains('@')
}

/// What search matches: name, numbers and places, in one string both indexes tokenise.
pub fn search_text(data: &CustomerData, customer_number: i64) -> String {
    let municipality = data
        .municipality_no
        .as_deref()
        .and_then(postal::municipality_name)
        .unwrap_or("");
    [
        data.name.as_str(),
        data.org_number.as_deref().unwrap_or(""),
        &customer_number.to_string(),
        data.visit_city.as_deref().unwrap_or(""),
        data.postal_city.as_deref().unwrap_or(""),
        municipality,
    ]
    .iter()
    .filter(|s| !s.is_empty())
    .copied()
    .collect::<Vec<_>>()
    .join(" ")
    .to_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn draft() -> CustomerDraft {
        CustomerDraft {
            name: "  Fjordkraft Bemanning AS ".into(),
            org_number: "974 760 673".into(),
            visit_postal_code: "5003".into(),
            website: "fjordkraft.no".into(),
            ..Default::default()
        }
    }

    #[test]
    fn fills_place_municipality_and_county_from_the_postal_code() {
        let data = draft().validate().unwrap();
        assert_eq!(data.name, "Fjordkraft Bemanning AS");
        assert_eq!(data.org_number.as_deref(), Some("974760673"));
        assert_eq!(data.visit_city.as_deref(), Some("Bergen"));
        assert_eq!(data.municipality_no.as_deref(), Some("4601"));
        assert_eq!(data.county_no.as_deref(), Some("46"));
        assert_eq!(data.website.as_deref(), Some("https://fjordkraft.no"));
        assert_eq!(data.status, Status::Potential);
    }

    #[test]
    fn reports_every_bad_field() {
        let bad = CustomerDraft {
            name: " ".into(),
            org_number: "974760672".into(),
            status: "sleeping".into(),
            visit_postal_code: "0000".into(),
            email: "not-an-email".into(),
            phone: "call me".into(),
            ..Default::default()
        };
        let errors = bad.validate().unwrap_err();
        let fields: Vec<&str> = errors.0.keys().map(String::as_str).collect();
        assert_eq!(
            fields,
            vec![
                "email",
                "name",
                "org_number",
                "phone",
                "status",
                "visit_postal_code"
            ]
        );
        assert_eq!(errors.get("org_number").unwrap()[0].key, "orgnr-checksum");
    }

    #[test]
    fn refuses_over_long_names() {
        let long = CustomerDraft {
            name: "x".repeat(MAX_NAME + 1),
            ..Default::default()
        };
        assert_eq!(
            long.validate().unwrap_err().get("name").unwrap()[0].key,
            "field-too-long"
        );
    }
}
