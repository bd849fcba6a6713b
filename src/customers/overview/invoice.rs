//! Invoice details per customer: where and how invoices go (EHF with a PEPPOL id, email or
//! paper), payment terms, invoice address, references. Part 8 (invoices) reads them.

use askama::Template;
use askama_web::WebTemplate;
use axum::{
    Form,
    extract::{Path, State},
    http::StatusCode,
    response::{IntoResponse, Redirect, Response},
};
use serde::{Deserialize, Serialize};
use sqlx::AnyConnection;

use crate::{
    AppState, Result, audit,
    auth::Staff,
    customers::{card::CardHead, form::place_text},
    db::Db,
    error::{FieldErrors, Msg},
    geo::postal,
    i18n::Lang,
    timefmt::now,
    web::{Chrome, form::field_messages},
};

#[derive(Clone, Debug, Default, Serialize, sqlx::FromRow)]
pub struct InvoiceSettings {
    pub invoice_email: Option<String>,
    pub ehf_enabled: i64,
    pub peppol_id: Option<String>,
    pub payment_terms_days: i64,
    pub invoice_street: Option<String>,
    pub invoice_postal_code: Option<String>,
    pub invoice_city: Option<String>,
    pub po_required: i64,
    pub our_reference: Option<String>,
    pub delivery_method: String,
    /// The language of the invoice PDF: `nb` (default) or `en` (decision 0027).
    pub invoice_language: String,
    pub version: i64,
}

impl InvoiceSettings {
    fn defaults() -> Self {
        InvoiceSettings {
            payment_terms_days: 14,
            delivery_method: "email".into(),
            invoice_language: "nb".into(),
            ..Default::default()
        }
    }
    fn audit_fields(&self) -> Vec<(&'static str, Option<String>)> {
        vec![
            ("invoice_email", self.invoice_email.clone()),
            ("ehf_enabled", Some(self.ehf_enabled.to_string())),
            ("peppol_id", self.peppol_id.clone()),
            (
                "payment_terms_days",
                Some(self.payment_terms_days.to_string()),
            ),
            ("invoice_street", self.invoice_street.clone()),
            ("invoice_postal_code", self.invoice_postal_code.clone()),
            ("po_required", Some(self.po_required.to_string())),
            ("our_reference", self.our_reference.clone()),
            ("delivery_method", Some(self.delivery_method.clone())),
            ("invoice_language", Some(self.invoice_language.clone())),
        ]
    }
}

/// The stored settings, or the defaults for a customer that has none yet (version 0).
pub async fn load(db: &Db, customer_id: i64) -> Result<InvoiceSettings> {
    let row: Option<InvoiceSettings> = sqlx::query_as(
        "SELECT invoice_email, ehf_enabled, peppol_id, payment_terms_days, invoice_street, invoice_postal_code, \
         invoice_city, po_required, our_reference, delivery_method, invoice_language, version FROM invoice_settings WHERE customer_id = $1",
    )
    .bind(customer_id)
    .fetch_optional(&db.pool)
    .await?;
    Ok(row.unwrap_or_else(InvoiceSettings::defaults))
}

/// Stores `new` over `current` (version 0: none stored yet) in the caller's transaction, with its
/// history row. `false` when someone else saved first: nothing was written.
pub async fn store(
    conn: &mut AnyConnection,
    user_id: i64,
    customer_id: i64,
    current: &InvoiceSettings,
    new: &InvoiceSettings,
) -> Result<bool> {
    let query = if current.version == 0 {
        "INSERT INTO invoice_settings (invoice_email, ehf_enabled, peppol_id, payment_terms_days, invoice_street, \
         invoice_postal_code, invoice_city, po_required, our_reference, delivery_method, updated_at, customer_id, invoice_language, version) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, 1) ON CONFLICT (customer_id) DO NOTHING"
    } else {
        "UPDATE invoice_settings SET invoice_email = $1, ehf_enabled = $2, peppol_id = $3, payment_terms_days = $4, \
         invoice_street = $5, invoice_postal_code = $6, invoice_city = $7, po_required = $8, our_reference = $9, \
         delivery_method = $10, updated_at = $11, invoice_language = $13, version = version + 1 \
         WHERE customer_id = $12 AND version = $14"
    };
    let mut q = sqlx::query(query)
        .bind(&new.invoice_email)
        .bind(new.ehf_enabled)
        .bind(&new.peppol_id)
        .bind(new.payment_terms_days)
        .bind(&new.invoice_street)
        .bind(&new.invoice_postal_code)
        .bind(&new.invoice_city)
        .bind(new.po_required)
        .bind(&new.our_reference)
        .bind(&new.delivery_method)
        .bind(now())
        .bind(customer_id)
        .bind(&new.invoice_language);
    if current.version > 0 {
        q = q.bind(current.version);
    }
    if q.execute(&mut *conn).await?.rows_affected() == 0 {
        return Ok(false);
    }
    let changes = audit::diff(current.audit_fields(), new.audit_fields());
    audit::record(
        conn,
        customer_id,
        "invoice",
        customer_id,
        "invoice-settings",
        &changes,
        Some(user_id),
    )
    .await?;
    Ok(true)
}

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default)]
pub struct InvoiceForm {
    pub invoice_email: String,
    pub ehf_enabled: String,
    pub peppol_id: String,
    pub payment_terms_days: String,
    pub invoice_street: String,
    pub invoice_postal_code: String,
    pub po_required: String,
    pub our_reference: String,
    pub delivery_method: String,
    pub invoice_language: String,
    pub version: String,
}

fn opt(s: &str) -> Option<String> {
    let t = s.trim();
    (!t.is_empty()).then(|| t.to_string())
}

impl InvoiceForm {
    fn from_settings(s: &InvoiceSettings) -> Self {
        let o = |v: &Option<String>| v.clone().unwrap_or_default();
        InvoiceForm {
            invoice_email: o(&s.invoice_email),
            ehf_enabled: if s.ehf_enabled == 1 {
                "1".into()
            } else {
                String::new()
            },
            peppol_id: o(&s.peppol_id),
            payment_terms_days: s.payment_terms_days.to_string(),
            invoice_street: o(&s.invoice_street),
            invoice_postal_code: o(&s.invoice_postal_code),
            po_required: if s.po_required == 1 {
                "1".into()
            } else {
                String::new()
            },
            our_reference: o(&s.our_reference),
            delivery_method: s.delivery_method.clone(),
            invoice_language: s.invoice_language.clone(),
            version: s.version.to_string(),
        }
    }

    /// Validates; an EHF receiver defaults to `0192:<organisation number>`.
    pub fn validate(
        &self,
        org_number: Option<&str>,
    ) -> std::result::Result<InvoiceSettings, FieldErrors> {
        let mut errors = FieldErrors::default();
        let invoice_email = opt(&self.invoice_email).map(|e| e.to_lowercase());
        if let Some(e) = &invoice_email
            && !crate::customers::model::looks_like_email(e)
        {
            errors.add("invoice_email", Msg::new("email-invalid"));
        }
        let delivery_method = match self.delivery_method.trim() {
            "" => "email".to_string(),
            m @ ("ehf" | "email" | "paper") => m.to_string(),
            _ => {
                errors.add("delivery_method", Msg::new("field-invalid-choice"));
                "email".to_string()
            }
        };
        let invoice_language = match self.invoice_language.trim() {
            "" => "nb".to_string(),
            l @ ("nb" | "en") => l.to_string(),
            _ => {
                errors.add("invoice_language", Msg::new("field-invalid-choice"));
                "nb".to_string()
            }
        };
        // One choice: the delivery method. `ehf_enabled` (a column from before) follows it, so
        // the two can never disagree; the form's old `ehf_enabled` field is ignored.
        let ehf = delivery_method == "ehf";
        let mut peppol_id = opt(&self.peppol_id);
        if ehf && peppol_id.is_none() {
            peppol_id = org_number.map(|o| format!("0192:{o}"));
            if peppol_id.is_none() {
                errors.add("peppol_id", Msg::new("peppol-needed"));
            }
        }
        if let Some(p) = &peppol_id {
            let valid = p.split_once(':').is_some_and(|(scheme, id)| {
                scheme.len() == 4
                    && scheme.chars().all(|c| c.is_ascii_digit())
                    && !id.is_empty()
                    && id.len() <= 50
                    && id.chars().all(|c| c.is_ascii_alphanumeric())
            });
            if !valid {
                errors.add("peppol_id", Msg::new("peppol-format"));
            }
        }
        let payment_terms_days = match self.payment_terms_days.trim().parse::<i64>() {
            Ok(d) if (0..=365).contains(&d) => d,
            _ => {
                errors.add("payment_terms_days", Msg::new("payment-terms-range"));
                14
            }
        };
        let invoice_postal_code = opt(&self.invoice_postal_code);
        let invoice_city = match &invoice_postal_code {
            Some(code) => match postal::lookup(code) {
                Some(p) => Some(p.place_title()),
                None => {
                    errors.add(
                        "invoice_postal_code",
                        Msg::new("postal-code-unknown").arg("code", code),
                    );
                    None
                }
            },
            None => None,
        };
        if delivery_method == "email" && invoice_email.is_none() {
            errors.add("invoice_email", Msg::new("delivery-email-needs-email"));
        }
        for (field, value, max) in [
            ("invoice_street", &self.invoice_street, 200),
            ("our_reference", &self.our_reference, 100),
        ] {
            if value.trim().chars().count() > max {
                errors.add(field, Msg::new("field-too-long").arg("max", max));
            }
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        Ok(InvoiceSettings {
            invoice_email,
            ehf_enabled: i64::from(ehf),
            peppol_id,
            payment_terms_days,
            invoice_street: opt(&self.invoice_street),
            invoice_postal_code,
            invoice_city,
            po_required: i64::from(matches!(self.po_required.as_str(), "1" | "on" | "true")),
            our_reference: opt(&self.our_reference),
            delivery_method,
            invoice_language,
            version: 0,
        })
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "customers/invoice_settings.html")]
pub struct InvoicePage {
    lang: Lang,
    chrome: Chrome,
    card: CardHead,
    form: InvoiceForm,
    errors: FieldErrors,
    stale: bool,
}

impl InvoicePage {
    fn errs(&self, field: &str) -> Vec<String> {
        field_messages(&self.errors, self.lang, field)
    }
    fn place(&self) -> String {
        place_text(&self.form.invoice_postal_code)
    }
    fn delivery_label(&self, method: &str) -> String {
        self.lang.t(&format!("delivery-{method}"))
    }
    /// Attributes of the PEPPOL field: the default receiver id as placeholder.
    fn peppol_attrs(&self) -> String {
        let default = self
            .card
            .customer
            .org_number
            .as_deref()
            .map(|o| format!("0192:{o}"))
            .unwrap_or_default();
        format!(
            "maxlength=\"60\" placeholder=\"{}\"",
            crate::customers::pages::askama_escape(&default)
        )
    }
}

/// GET /customers/{id}/invoice-settings
#[tracing::instrument(skip_all, fields(customer_id = id, user_id = user.id))]
pub async fn edit(
    State(state): State<AppState>,
    user: Staff,
    Path(id): Path<i64>,
) -> Result<InvoicePage> {
    let card = CardHead::load_editable(&state, &user, id, "overview").await?;
    let settings = load(&state.db, id).await?;
    Ok(InvoicePage {
        lang: user.lang,
        chrome: Chrome::new(&user, "customers"),
        card,
        form: InvoiceForm::from_settings(&settings),
        errors: FieldErrors::default(),
        stale: false,
    })
}

/// POST /customers/{id}/invoice-settings
#[tracing::instrument(skip_all, fields(customer_id = id, user_id = user.id))]
pub async fn save(
    State(state): State<AppState>,
    user: Staff,
    Path(id): Path<i64>,
    Form(form): Form<InvoiceForm>,
) -> Result<Response> {
    let card = CardHead::load_editable(&state, &user, id, "overview").await?;
    let current = load(&state.db, id).await?;
    let render = |card, form, errors, stale, status| {
        let page = InvoicePage {
            lang: user.lang,
            chrome: Chrome::new(&user, "customers"),
            card,
            form,
            errors,
            stale,
        };
        Ok((status, page).into_response())
    };
    let new = match form.validate(card.customer.org_number.as_deref()) {
        Ok(s) => s,
        Err(errors) => return render(card, form, errors, false, StatusCode::UNPROCESSABLE_ENTITY),
    };
    let expected: i64 = form.version.trim().parse().unwrap_or(-1);
    if expected != current.version {
        let mut form = form;
        form.version = current.version.to_string();
        return render(
            card,
            form,
            FieldErrors::default(),
            true,
            StatusCode::CONFLICT,
        );
    }
    let mut tx = state.db.begin().await?;
    if !store(&mut tx, user.id, id, &current, &new).await? {
        drop(tx);
        let fresh = load(&state.db, id).await?;
        let mut form = form;
        form.version = fresh.version.to_string();
        return render(
            card,
            form,
            FieldErrors::default(),
            true,
            StatusCode::CONFLICT,
        );
    }
    tx.commit().await?;
    Ok(Redirect::to(&format!("/customers/{id}?saved=1")).into_response())
}
