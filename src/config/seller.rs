//! The firm as the seller on its invoices (`KUNDEKORT_SELLER_*`) and the bank agreement's KID
//! rule (`KUNDEKORT_KID_*`), checked when the process starts: a wrong organisation number or
//! account number stops it rather than printing on every invoice. Unset values fall back to
//! demo values (for `serve --demo` and the tests); `set` records which were set, so
//! `/admin/invoicing` says honestly what is configured (decision 0027).

use std::path::PathBuf;

use anyhow::{Context, bail};

use crate::norway::{
    bank_account::{Iban, Kontonr, valid_bic},
    kid::{Algorithm, Dash, KidRule, MAX_LEN, MIN_LEN},
    orgnr::OrgNumber,
};

/// The seller's profile as configured.
#[derive(Clone, Debug)]
pub struct SellerConfig {
    pub name: String,
    pub org_number: OrgNumber,
    /// Registered for VAT: "MVA" after the organisation number, `NO…MVA` in EHF.
    pub vat_registered: bool,
    /// In the register of business enterprises: "Foretaksregisteret".
    pub foretaksregisteret: bool,
    pub street: String,
    pub postal_code: String,
    pub city: String,
    /// ISO 3166-1 alpha-2.
    pub country: String,
    pub account: Kontonr,
    pub iban: Option<Iban>,
    pub bic: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
    /// A PNG or JPEG file printed at the top of the PDF.
    pub logo: Option<PathBuf>,
    pub kid_rule: KidRule,
    /// The variables that were set; every other value is a demo default.
    pub set: Vec<&'static str>,
}

/// The KID until the firm sets its own: MOD10, 15 digits: the customer number (6), the invoice
/// number (8), the check digit.
pub const DEFAULT_KID_RULE: KidRule = KidRule {
    algorithm: Algorithm::Mod10,
    dash: Dash::Use,
    length: Some(15),
    customer_digits: 6,
};

impl SellerConfig {
    /// The demo seller (every value a placeholder; `set` empty).
    pub fn demo() -> Self {
        Self {
            name: "Demo Bemanning AS".into(),
            org_number: OrgNumber::parse("123456785").expect("valid demo org number"),
            vat_registered: true,
            foretaksregisteret: true,
            street: "Storgata 1".into(),
            postal_code: "0155".into(),
            city: "Oslo".into(),
            country: "NO".into(),
            account: Kontonr::parse("86011117947").expect("valid demo account"),
            iban: None,
            bic: None,
            email: Some("faktura@demo-bemanning.example".into()),
            phone: Some("22 22 22 22".into()),
            logo: None,
            kid_rule: DEFAULT_KID_RULE,
            set: Vec::new(),
        }
    }

    /// The demo values overridden by what `var` has.
    pub fn from_env(var: &dyn Fn(&str) -> Option<String>) -> anyhow::Result<Self> {
        let mut c = Self::demo();
        let mut get = |name: &'static str| {
            let v = var(name).map(|v| v.trim().to_string());
            if v.is_some() {
                c.set.push(name);
            }
            v
        };
        let name = get("KUNDEKORT_SELLER_NAME");
        let org = get("KUNDEKORT_SELLER_ORG_NUMBER");
        let vat = get("KUNDEKORT_SELLER_VAT_REGISTERED");
        let fr = get("KUNDEKORT_SELLER_FORETAKSREGISTERET");
        let street = get("KUNDEKORT_SELLER_STREET");
        let postal = get("KUNDEKORT_SELLER_POSTAL_CODE");
        let city = get("KUNDEKORT_SELLER_CITY");
        let country = get("KUNDEKORT_SELLER_COUNTRY");
        let account = get("KUNDEKORT_SELLER_ACCOUNT");
        let iban = get("KUNDEKORT_SELLER_IBAN");
        let bic = get("KUNDEKORT_SELLER_BIC");
        let email = get("KUNDEKORT_SELLER_EMAIL");
        let phone = get("KUNDEKORT_SELLER_PHONE");
        let logo = get("KUNDEKORT_SELLER_LOGO");
        let algorithm = get("KUNDEKORT_KID_ALGORITHM");
        let length = get("KUNDEKORT_KID_LENGTH");
        let customer_digits = get("KUNDEKORT_KID_CUSTOMER_DIGITS");
        if let Some(v) = name {
            c.name = v;
        }
        if let Some(v) = org {
            c.org_number = OrgNumber::parse(&v)
                .ok()
                .context("KUNDEKORT_SELLER_ORG_NUMBER must be a valid organisation number")?;
        }
        if let Some(v) = vat {
            c.vat_registered = super::parse_switch(&v)
                .context("KUNDEKORT_SELLER_VAT_REGISTERED must be on or off")?;
        }
        if let Some(v) = fr {
            c.foretaksregisteret = super::parse_switch(&v)
                .context("KUNDEKORT_SELLER_FORETAKSREGISTERET must be on or off")?;
        }
        if let Some(v) = street {
            c.street = v;
        }
        if let Some(v) = postal {
            c.postal_code = v;
        }
        if let Some(v) = city {
            c.city = v;
        }
        if let Some(v) = country {
            if v.len() != 2 || !v.bytes().all(|b| b.is_ascii_uppercase()) {
                bail!("KUNDEKORT_SELLER_COUNTRY must be two capital letters (NO)");
            }
            c.country = v;
        }
        if let Some(v) = account {
            c.account = Kontonr::parse(&v).ok().context(
                "KUNDEKORT_SELLER_ACCOUNT must be a Norwegian account number (11 digits, MOD11)",
            )?;
        }
        if let Some(v) = iban {
            c.iban = Some(
                Iban::parse(&v)
                    .ok()
                    .context("KUNDEKORT_SELLER_IBAN must be a valid IBAN")?,
            );
        }
        if let Some(v) = bic {
            if !valid_bic(&v) {
                bail!("KUNDEKORT_SELLER_BIC must be a valid BIC");
            }
            c.bic = Some(v);
        }
        c.email = email.or(c.email);
        c.phone = phone.or(c.phone);
        c.logo = logo.map(PathBuf::from);
        if let Some(v) = algorithm {
            c.kid_rule.algorithm = match v.to_ascii_lowercase().as_str() {
                "mod10" => Algorithm::Mod10,
                "mod11" => Algorithm::Mod11,
                _ => bail!("KUNDEKORT_KID_ALGORITHM must be mod10 or mod11"),
            };
        }
        if let Some(v) = length {
            c.kid_rule.length = match v.as_str() {
                "variable" => None,
                n => Some(
                    n.parse()
                        .ok()
                        .filter(|n| (MIN_LEN..=MAX_LEN).contains(n))
                        .context("KUNDEKORT_KID_LENGTH must be 2 to 25, or variable")?,
                ),
            };
        }
        if let Some(v) = customer_digits {
            c.kid_rule.customer_digits = v
                .parse()
                .ok()
                .filter(|n| *n < MAX_LEN)
                .context("KUNDEKORT_KID_CUSTOMER_DIGITS must be a number below 25")?;
        }
        if let Some(len) = c.kid_rule.length
            && c.kid_rule.customer_digits + 2 > len
        {
            bail!("KUNDEKORT_KID_LENGTH leaves no room for the invoice number");
        }
        Ok(c)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn with(pairs: &[(&str, &str)]) -> anyhow::Result<SellerConfig> {
        let pairs: Vec<(String, String)> = pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        SellerConfig::from_env(&|name| {
            pairs
                .iter()
                .find(|(k, _)| k == name)
                .map(|(_, v)| v.clone())
        })
    }

    #[test]
    fn demo_values_until_set() {
        let c = with(&[]).unwrap();
        assert!(c.set.is_empty());
        assert_eq!(c.kid_rule, DEFAULT_KID_RULE);
        let c = with(&[
            ("KUNDEKORT_SELLER_NAME", "Bemanning AS"),
            ("KUNDEKORT_SELLER_ACCOUNT", "8601.11.17947"),
            ("KUNDEKORT_KID_ALGORITHM", "MOD11"),
            ("KUNDEKORT_KID_LENGTH", "variable"),
        ])
        .unwrap();
        assert_eq!(c.name, "Bemanning AS");
        assert_eq!(c.kid_rule.algorithm, Algorithm::Mod11);
        assert_eq!(c.kid_rule.length, None);
        assert_eq!(c.set.len(), 4);
    }

    #[test]
    fn refuses_bad_numbers() {
        assert!(with(&[("KUNDEKORT_SELLER_ACCOUNT", "86011117948")]).is_err());
        assert!(with(&[("KUNDEKORT_SELLER_ORG_NUMBER", "123456789")]).is_err());
        assert!(with(&[("KUNDEKORT_KID_ALGORITHM", "luhn")]).is_err());
        assert!(with(&[("KUNDEKORT_KID_LENGTH", "26")]).is_err());
        assert!(
            with(&[
                ("KUNDEKORT_KID_LENGTH", "7"),
                ("KUNDEKORT_KID_CUSTOMER_DIGITS", "6")
            ])
            .is_err()
        );
        assert!(with(&[("KUNDEKORT_SELLER_IBAN", "NO9386011117948")]).is_err());
    }
}
