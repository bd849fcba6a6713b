//! The staff's document routes: `/invoices/{id}/pdf` and `/invoices/{id}/ehf.xml` for whoever
//! sees the customer (404 for a draft, an unknown id, or a customer out of sight), and
//! `/admin/invoicing`, the seller profile and KID rule as configured, for admins.

use askama::Template;
use askama_web::WebTemplate;
use axum::{
    Router,
    extract::{Path, State},
    http::{HeaderValue, header},
    response::{IntoResponse, Response},
    routing::get,
};

use super::{ehf::ehf, pdf_bytes};
use crate::{
    AppError, AppState, Result,
    auth::Staff,
    customers::access::{self, Need},
    files::names::content_disposition,
    i18n::Lang,
    invoices::store,
    norway::{kid::Algorithm, orgnr::format_grouped},
    web::Chrome,
};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/invoices/{id}/pdf", get(pdf))
        .route("/invoices/{id}/ehf.xml", get(ehf_xml))
        .route("/admin/invoicing", get(invoicing))
}

/// The issued document `id` if `user` sees its customer; 404 otherwise.
async fn issued_for(state: &AppState, user: &Staff, id: i64) -> Result<store::Invoice> {
    let invoice = store::get(&state.db, id).await?.ok_or(AppError::NotFound)?;
    access::load(state, user, invoice.customer_id, Need::See).await?;
    if invoice.status != "issued" {
        return Err(AppError::NotFound);
    }
    Ok(invoice)
}

/// The file name of a document: `faktura-10001.pdf`, `kreditnota-5.xml`.
pub fn file_name(invoice: &store::Invoice, ext: &str) -> String {
    let kind = if invoice.kind == "credit_note" {
        "kreditnota"
    } else {
        "faktura"
    };
    format!("{kind}-{}.{ext}", invoice.number.unwrap_or(invoice.id))
}

/// A downloaded document's response.
pub fn download(bytes: Vec<u8>, content_type: &'static str, name: &str, inline: bool) -> Response {
    let mut response = bytes.into_response();
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    if let Ok(v) = HeaderValue::from_str(&content_disposition(name, inline)) {
        headers.insert(header::CONTENT_DISPOSITION, v);
    }
    headers.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("private, no-store"),
    );
    response
}

/// GET /invoices/{id}/pdf
#[tracing::instrument(skip_all, fields(user_id = user.id, invoice_id = id))]
async fn pdf(State(state): State<AppState>, user: Staff, Path(id): Path<i64>) -> Result<Response> {
    let invoice = issued_for(&state, &user, id).await?;
    let bytes = pdf_bytes(&state, id).await?.ok_or(AppError::NotFound)?;
    Ok(download(
        bytes,
        "application/pdf",
        &file_name(&invoice, "pdf"),
        true,
    ))
}

/// GET /invoices/{id}/ehf.xml
#[tracing::instrument(skip_all, fields(user_id = user.id, invoice_id = id))]
async fn ehf_xml(
    State(state): State<AppState>,
    user: Staff,
    Path(id): Path<i64>,
) -> Result<Response> {
    let invoice = issued_for(&state, &user, id).await?;
    let mut conn = state.db.pool.acquire().await?;
    let xml = ehf(&mut conn, id, &state.config.seller)
        .await?
        .ok_or(AppError::NotFound)?;
    Ok(download(
        xml,
        "application/xml",
        &file_name(&invoice, "xml"),
        false,
    ))
}

/// A row of the seller settings page.
pub struct SettingRow {
    pub label: String,
    pub value: String,
    pub variable: &'static str,
    pub set: bool,
}

#[derive(Template, WebTemplate)]
#[template(path = "invoices/admin_invoicing.html")]
pub struct InvoicingView {
    lang: Lang,
    chrome: Chrome,
    rows: Vec<SettingRow>,
    kid_rows: Vec<SettingRow>,
    kid_example: String,
    any_unset: bool,
}

/// GET /admin/invoicing
#[tracing::instrument(skip_all, fields(user_id = user.id))]
async fn invoicing(State(state): State<AppState>, user: Staff) -> Result<InvoicingView> {
    user.require_admin()?;
    let lang = user.lang;
    let s = &state.config.seller;
    let yes_no = |b: bool| lang.t(if b { "invoicing-yes" } else { "invoicing-no" });
    let none = || lang.t("invoicing-none");
    let row = |key: &str, value: String, variable: &'static str| SettingRow {
        label: lang.t(key),
        value,
        variable,
        set: s.set.contains(&variable),
    };
    let rows = vec![
        row("invoicing-name", s.name.clone(), "KUNDEKORT_SELLER_NAME"),
        row(
            "invoicing-org-number",
            format_grouped(s.org_number.as_str()),
            "KUNDEKORT_SELLER_ORG_NUMBER",
        ),
        row(
            "invoicing-vat-registered",
            yes_no(s.vat_registered),
            "KUNDEKORT_SELLER_VAT_REGISTERED",
        ),
        row(
            "invoicing-foretaksregisteret",
            yes_no(s.foretaksregisteret),
            "KUNDEKORT_SELLER_FORETAKSREGISTERET",
        ),
        row(
            "invoicing-address",
            s.street.clone(),
            "KUNDEKORT_SELLER_STREET",
        ),
        row(
            "invoicing-address",
            s.postal_code.clone(),
            "KUNDEKORT_SELLER_POSTAL_CODE",
        ),
        row("invoicing-address", s.city.clone(), "KUNDEKORT_SELLER_CITY"),
        row(
            "invoicing-address",
            s.country.clone(),
            "KUNDEKORT_SELLER_COUNTRY",
        ),
        row(
            "invoicing-account",
            s.account.to_string(),
            "KUNDEKORT_SELLER_ACCOUNT",
        ),
        row(
            "invoicing-iban",
            s.iban
                .as_ref()
                .map(|i| i.as_str().to_string())
                .unwrap_or_else(none),
            "KUNDEKORT_SELLER_IBAN",
        ),
        row(
            "invoicing-bic",
            s.bic.clone().unwrap_or_else(none),
            "KUNDEKORT_SELLER_BIC",
        ),
        row(
            "invoicing-email",
            s.email.clone().unwrap_or_else(none),
            "KUNDEKORT_SELLER_EMAIL",
        ),
        row(
            "invoicing-phone",
            s.phone.clone().unwrap_or_else(none),
            "KUNDEKORT_SELLER_PHONE",
        ),
        row(
            "invoicing-logo",
            s.logo
                .as_ref()
                .map(|p| p.display().to_string())
                .unwrap_or_else(none),
            "KUNDEKORT_SELLER_LOGO",
        ),
    ];
    let rule = s.kid_rule;
    let kid_rows = vec![
        row(
            "invoicing-kid-algorithm",
            match rule.algorithm {
                Algorithm::Mod10 => "MOD10".into(),
                Algorithm::Mod11 => "MOD11".into(),
            },
            "KUNDEKORT_KID_ALGORITHM",
        ),
        row(
            "invoicing-kid-length",
            rule.length
                .map(|n| n.to_string())
                .unwrap_or_else(|| lang.t("invoicing-kid-variable")),
            "KUNDEKORT_KID_LENGTH",
        ),
        row(
            "invoicing-kid-customer-digits",
            rule.customer_digits.to_string(),
            "KUNDEKORT_KID_CUSTOMER_DIGITS",
        ),
    ];
    let kid_example = rule
        .for_invoice(1234, 10001)
        .map(|k| k.to_string())
        .unwrap_or_else(|_| none());
    // The optional values (IBAN, BIC, logo) are no placeholder when unset.
    let optional = [
        "KUNDEKORT_SELLER_IBAN",
        "KUNDEKORT_SELLER_BIC",
        "KUNDEKORT_SELLER_LOGO",
    ];
    let any_unset = rows
        .iter()
        .any(|r| !r.set && !optional.contains(&r.variable));
    Ok(InvoicingView {
        lang,
        chrome: Chrome::new(&user, "admin"),
        rows,
        kid_rows,
        kid_example,
        any_unset,
    })
}
