//! The PDF of an issued invoice or credit note, with typst (STACK.md): the template
//! (`templates/invoices/pdf/invoice.typ`) and the DejaVu Sans fonts are in the binary, no package
//! is ever downloaded. The data goes to typst as one JSON file, `/data.json` (and the logo as
//! `/logo`; `documents::typeset`), never spliced into markup, so no text a user typed can change
//! the layout. Every
//! label comes from the locale files in the customer's invoice language. What § 5-1-1 of the
//! bookkeeping regulation asks for is on it: number, dates, seller with organisation number,
//! "MVA" and "Foretaksregisteret", buyer with address and organisation number, what was
//! delivered, VAT per rate, the total, and how to pay (account, KID, due date).

use serde_json::{Value, json};

use super::{Issued, ehf::parse_date};
use crate::{
    Result,
    config::SellerConfig,
    i18n::Lang,
    money::{
        format_kr,
        vat::{Rounding, Vat, totals},
    },
    norway::orgnr::format_grouped,
    timefmt::{date_text, hours_text},
};

#[cfg(feature = "pdf")]
const TEMPLATE: &str = include_str!("../../../templates/invoices/pdf/invoice.typ");

#[cfg(feature = "pdf")]
fn engine() -> &'static crate::documents::typeset::Engine {
    use std::sync::OnceLock;
    static ENGINE: OnceLock<crate::documents::typeset::Engine> = OnceLock::new();
    ENGINE.get_or_init(|| crate::documents::typeset::engine(TEMPLATE))
}

use crate::documents::typeset::internal;

const LABELS: &[&str] = &[
    "invoice",
    "credit-note",
    "number",
    "issue-date",
    "due-date",
    "delivery-date",
    "kid",
    "account",
    "iban",
    "bic",
    "org-number",
    "foretaksregisteret",
    "buyer",
    "buyer-reference",
    "order-reference",
    "description",
    "quantity",
    "unit-price",
    "vat",
    "amount",
    "vat-summary",
    "vat-basis",
    "vat-amount",
    "net",
    "vat-total",
    "total",
    "to-pay",
    "to-credit",
    "credits-invoice",
    "reason",
    "payment",
    "hours-title",
    "date",
    "worker",
    "hours",
    "email",
    "phone",
    "exempt",
    "zero-rated",
    "reverse-charge",
    "outside-scope",
];

fn vat_label(lang: Lang, vat: &Vat) -> String {
    match vat {
        Vat::Standard { rate_bp } => crate::money::format_share(i64::from(*rate_bp)),
        Vat::ZeroRated => lang.t("pdf-zero-rated"),
        Vat::Exempt { reason } => format!("{} ({reason})", lang.t("pdf-exempt")),
        Vat::ReverseCharge => lang.t("pdf-reverse-charge"),
        Vat::OutsideScope => lang.t("pdf-outside-scope"),
    }
}

/// Thousandths as written here: `7500` → `7,5`, `-1000` → `−1`.
fn quantity(milli: i64) -> String {
    let sign = if milli < 0 { "−" } else { "" };
    let abs = milli.unsigned_abs();
    let frac = format!("{:03}", abs % 1000);
    let frac = frac.trim_end_matches('0');
    if frac.is_empty() {
        format!("{sign}{}", abs / 1000)
    } else {
        format!("{sign}{},{frac}", abs / 1000)
    }
}

fn date(text: Option<&str>) -> Value {
    parse_date(text)
        .map(date_text)
        .map(Value::from)
        .unwrap_or(Value::Null)
}

/// The data the template prints.
pub fn data(doc: &Issued, seller: &SellerConfig) -> Result<Value> {
    let lang = Lang::parse(&doc.language).unwrap_or_default();
    let inv = &doc.invoice;
    let credit = inv.kind == "credit_note";
    let mut labels = serde_json::Map::new();
    for key in LABELS {
        labels.insert((*key).into(), lang.t(&format!("pdf-{key}")).into());
    }
    let priced = doc
        .lines
        .iter()
        .map(|l| l.priced())
        .collect::<Result<Vec<_>>>()?;
    let t = totals(&priced, 0, Rounding::None).map_err(internal)?;
    let lines: Vec<Value> = doc
        .lines
        .iter()
        .zip(&priced)
        .map(|(l, p)| {
            json!({
                "description": l.description,
                "quantity": quantity(l.quantity_milli),
                "unit": lang.t(&format!("pdf-unit-{}", l.unit_code)),
                "price": format_kr(l.unit_price_ore),
                "vat": vat_label(lang, &p.vat),
                "amount": format_kr(l.line_net_ore),
            })
        })
        .collect();
    let vat: Vec<Value> = t
        .breakdown
        .iter()
        .map(|g| {
            json!({
                "label": vat_label(lang, &g.vat),
                "basis": format_kr(g.taxable_ore),
                "amount": format_kr(g.vat_ore),
            })
        })
        .collect();
    let hours: Vec<Value> = doc
        .hours
        .iter()
        .map(|h| {
            json!({
                "date": date(Some(&h.work_date)),
                "worker": h.worker,
                "hours": hours_text(h.worked_minutes),
            })
        })
        .collect();
    let org = |o: &str| format_grouped(o);
    Ok(json!({
        "lang": lang.code(),
        "labels": labels,
        "credit": credit,
        "number": inv.number.map(|n| n.to_string()).unwrap_or_default(),
        "issue_date": date(inv.issue_date.as_deref()),
        "due_date": if credit { Value::Null } else { date(inv.due_date.as_deref()) },
        "kid": if credit { None } else { inv.kid.clone() },
        "credited_number": doc.credited.as_ref().and_then(|c| c.number).map(|n| n.to_string()),
        "credited_date": doc.credited.as_ref().map(|c| date(c.issue_date.as_deref())),
        "reason": inv.reason,
        "seller": {
            "name": seller.name,
            "org": org(seller.org_number.as_str()),
            "mva": seller.vat_registered,
            "foretaksregisteret": seller.foretaksregisteret,
            "street": seller.street,
            "postal_code": seller.postal_code,
            "city": seller.city,
            "account": seller.account.to_string(),
            "iban": seller.iban.as_ref().map(|i| i.as_str().to_string()),
            "bic": seller.bic,
            "email": seller.email,
            "phone": seller.phone,
        },
        "buyer": {
            "name": inv.buyer_name,
            "org": inv.buyer_org_number.as_deref().map(org),
            "street": inv.buyer_street,
            "additional_street": inv.buyer_additional_street,
            "postal_code": inv.buyer_postal_code,
            "city": inv.buyer_city,
        },
        "buyer_reference": inv.buyer_reference,
        "order_reference": inv.order_reference,
        "lines": lines,
        "vat": vat,
        "net": format_kr(t.line_total_ore),
        "vat_total": format_kr(t.vat_ore),
        "total": format_kr(t.with_vat_ore),
        "payable": format_kr(t.payable_ore.abs()),
        "hours": hours,
    }))
}

/// Whether this build renders PDFs (the `pdf` feature).
pub const AVAILABLE: bool = crate::documents::typeset::AVAILABLE;

/// The PDF; an error in a build without the `pdf` feature.
#[cfg(not(feature = "pdf"))]
pub fn render(doc: &Issued, seller: &SellerConfig) -> Result<Vec<u8>> {
    data(doc, seller)?;
    Err(internal("built without the pdf feature"))
}

/// The PDF.
#[cfg(feature = "pdf")]
pub fn render(doc: &Issued, seller: &SellerConfig) -> Result<Vec<u8>> {
    crate::documents::typeset::compile(engine(), &data(doc, seller)?, seller.logo.as_deref())
}
