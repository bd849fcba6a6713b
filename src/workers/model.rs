//! A worker's shape and rules: what the user typed ([`WorkerDraft`]) is checked into
//! [`WorkerData`]. Mobile numbers are E.164; a bank account is a Norwegian account number
//! (MOD11) or an IBAN, which then needs a BIC.

use serde::{Deserialize, Serialize};

use crate::{
    error::{FieldErrors, Msg},
    norway::{
        bank_account::{AccountError, Iban, Kontonr, valid_bic},
        mobile::normalize_mobile,
        national_id::{IdError, NationalId},
    },
    timefmt::{
        now,
        when::{oslo_date, parse_date},
    },
};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    Candidate,
    Employee,
    Former,
}

impl Status {
    pub const ALL: [Status; 3] = [Status::Candidate, Status::Employee, Status::Former];

    pub fn as_str(self) -> &'static str {
        match self {
            Status::Candidate => "candidate",
            Status::Employee => "employee",
            Status::Former => "former",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|v| v.as_str() == s.trim())
    }
}

#[derive(Clone, Debug, Default, Deserialize, Serialize, PartialEq, Eq, utoipa::ToSchema)]
#[serde(default)]
pub struct WorkerDraft {
    pub name: String,
    pub email: String,
    pub mobile: String,
    pub street: String,
    pub postal_code: String,
    pub city: String,
    pub employee_number: String,
    /// `candidate`, `employee` or `former`.
    pub status: String,
    /// Comma-separated, e.g. "truck, lager, HMS".
    pub skills: String,
    pub preferred_places: String,
    /// `YYYY-MM-DD`.
    pub available_from: String,
    /// A Norwegian account number (11 digits) or an IBAN. Empty keeps the stored one: the form
    /// never shows a stored account back (it is sealed, decision 0073).
    pub bank_account: String,
    /// Needed with an IBAN of a foreign bank; saved with a typed account only.
    pub bic: String,
    /// "1" removes the stored bank account (and its BIC).
    pub bank_account_remove: String,
    /// "1" when the worker needs a residence permit to work in Norway.
    pub needs_work_permit: String,
    /// A fødselsnummer or D-number (11 digits). Empty keeps the stored one: the form never
    /// shows a stored number back.
    pub national_id: String,
    /// "1" removes the stored national identity number.
    pub national_id_remove: String,
}

/// What saving does to the worker's bank account (stored apart, sealed: `workers::bank`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum BankChange {
    Keep,
    /// The account normalised (11 digits, or an IBAN without spaces), with the BIC a foreign
    /// IBAN needs.
    Set {
        account: String,
        bic: Option<String>,
    },
    Remove,
}

/// What saving does to the worker's national identity number (stored apart, sealed:
/// `workers::national_id`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum NationalIdChange {
    Keep,
    Set(NationalId),
    Remove,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WorkerData {
    pub name: String,
    pub email: Option<String>,
    pub mobile: Option<String>,
    pub street: Option<String>,
    pub postal_code: Option<String>,
    pub city: Option<String>,
    pub employee_number: Option<String>,
    pub status: Status,
    pub skills: Vec<String>,
    pub preferred_places: Option<String>,
    pub available_from: Option<String>,
    pub bank: BankChange,
    pub needs_work_permit: bool,
    pub national_id: NationalIdChange,
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

/// Skills as typed ("Truck, lager ,, HMS") → trimmed, without duplicates, in typed order.
pub fn parse_skills(raw: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for s in raw.split([',', ';', '\n']) {
        let s = s.trim();
        if !s.is_empty() && !out.iter().any(|o| o.to_lowercase() == s.to_lowercase()) {
            out.push(s.to_string());
        }
    }
    out
}

impl WorkerDraft {
    pub fn validate(&self) -> Result<WorkerData, FieldErrors> {
        let mut errors = FieldErrors::default();
        if self.name.trim().is_empty() {
            errors.add("name", Msg::new("field-required"));
        }
        for (field, value, max) in [
            ("name", &self.name, 200),
            ("street", &self.street, 200),
            ("city", &self.city, 100),
            ("employee_number", &self.employee_number, 30),
            ("preferred_places", &self.preferred_places, 500),
            ("skills", &self.skills, 1000),
        ] {
            max_len(&mut errors, field, value, max);
            errors.single_line(field, value);
        }
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
            Some(raw) => normalize_mobile(&raw)
                .map_err(|key| errors.add("mobile", Msg::new(key)))
                .ok(),
        };
        let postal_code = opt(&self.postal_code);
        let mut city = opt(&self.city);
        if let Some(p) = &postal_code {
            if p.len() != 4 || !p.bytes().all(|b| b.is_ascii_digit()) {
                errors.add("postal_code", Msg::new("postal-code-format"));
            } else if let Some(place) = crate::geo::postal::lookup(p) {
                city.get_or_insert_with(|| place.place_title());
            } else {
                errors.add(
                    "postal_code",
                    Msg::new("postal-code-unknown").arg("code", p),
                );
            }
        }
        let status = Status::parse(&self.status).unwrap_or_else(|| {
            if !self.status.trim().is_empty() {
                errors.add("status", Msg::new("worker-status-invalid"));
            }
            Status::Candidate
        });
        let available_from = opt(&self.available_from);
        if let Some(d) = &available_from
            && parse_date(d).is_none_or(|p| d.len() != 10 || p.to_string() != *d)
        {
            errors.add("available_from", Msg::new("worker-date-invalid"));
        }
        let bank = self.bank(&mut errors);
        let national_id = self.national_id(&mut errors);
        if !errors.is_empty() {
            return Err(errors);
        }
        Ok(WorkerData {
            name: self.name.trim().to_string(),
            email,
            mobile,
            street: opt(&self.street),
            postal_code,
            city,
            employee_number: opt(&self.employee_number),
            status,
            skills: parse_skills(&self.skills),
            preferred_places: opt(&self.preferred_places),
            available_from,
            bank,
            needs_work_permit: matches!(self.needs_work_permit.trim(), "1" | "true" | "on"),
            national_id,
        })
    }

    /// A typed number replaces the stored one; "remove" with nothing typed removes it.
    fn national_id(&self, errors: &mut FieldErrors) -> NationalIdChange {
        let Some(raw) = opt(&self.national_id) else {
            return if matches!(self.national_id_remove.trim(), "1" | "true" | "on") {
                NationalIdChange::Remove
            } else {
                NationalIdChange::Keep
            };
        };
        match NationalId::parse(&raw, oslo_date(now())) {
            Ok(id) => NationalIdChange::Set(id),
            Err(e) => {
                let key = match e {
                    IdError::Format => "national-id-format",
                    IdError::Checksum => "national-id-checksum",
                    IdError::BirthDate => "national-id-birth-date",
                };
                errors.add("national_id", Msg::new(key));
                NationalIdChange::Keep
            }
        }
    }

    /// A typed account replaces the stored one; "remove" with nothing typed removes it.
    fn bank(&self, errors: &mut FieldErrors) -> BankChange {
        match self.account(errors) {
            Some((account, bic)) => BankChange::Set { account, bic },
            None if opt(&self.bank_account).is_none()
                && matches!(self.bank_account_remove.trim(), "1" | "true" | "on") =>
            {
                BankChange::Remove
            }
            None => BankChange::Keep,
        }
    }

    /// A Norwegian account number (digits, spaces and dots) or an IBAN (starts with letters).
    fn account(&self, errors: &mut FieldErrors) -> Option<(String, Option<String>)> {
        let Some(raw) = opt(&self.bank_account) else {
            if opt(&self.bic).is_some() {
                errors.add("bank_account", Msg::new("bank-account-missing-for-bic"));
            }
            return None;
        };
        let is_iban = raw.chars().next().is_some_and(|c| c.is_ascii_alphabetic());
        if !is_iban {
            return match Kontonr::parse(&raw) {
                Ok(k) => Some((k.as_str().to_string(), None)),
                Err(AccountError::Checksum) => {
                    errors.add("bank_account", Msg::new("bank-account-checksum"));
                    None
                }
                Err(_) => {
                    errors.add("bank_account", Msg::new("bank-account-format"));
                    None
                }
            };
        }
        let iban = match Iban::parse(&raw) {
            Ok(i) => i,
            Err(AccountError::Checksum) => {
                errors.add("bank_account", Msg::new("iban-checksum"));
                return None;
            }
            Err(_) => {
                errors.add("bank_account", Msg::new("iban-format"));
                return None;
            }
        };
        // A Norwegian IBAN is stored as the account number it holds.
        if iban.country() == "NO" {
            return Some((iban.as_str()[4..].to_string(), None));
        }
        let bic = opt(&self.bic).map(|b| b.to_ascii_uppercase());
        match &bic {
            None => errors.add("bic", Msg::new("bic-required")),
            Some(b) if !valid_bic(b) => errors.add("bic", Msg::new("bic-invalid")),
            Some(_) => {}
        }
        Some((iban.as_str().to_string(), bic))
    }
}

#[cfg(test)]
mod tests;
