//! The rental offer's PDF (typst, `templates/vacancies/offer.typ`, through
//! `documents::typeset`): the agency as the seller on the invoices, the customer, what is
//! offered (title, occupation, period, number of workers, working time, workplace), the prices
//! (the hourly rate, each overtime class, the allowances: what the customer pays, never the
//! workers' pay) and the terms (purchase order, legal basis for the hire, the hirer's
//! equal-treatment terms), valid until a date. Every label comes from the locale files in the
//! offer's language.

use serde_json::{Value, json};

use crate::{
    Result,
    assignments::allowance_view::rule_text,
    config::SellerConfig,
    customers::store::Customer,
    i18n::Lang,
    money::format_kr,
    norway::orgnr::format_grouped,
    timefmt::{date_text, hours_text, period_text, when::parse_date},
    vacancies::store::Vacancy,
};

#[cfg(feature = "pdf")]
const TEMPLATE: &str = include_str!("../../../templates/vacancies/offer.typ");

#[cfg(feature = "pdf")]
fn engine() -> &'static crate::documents::typeset::Engine {
    use std::sync::OnceLock;
    static ENGINE: OnceLock<crate::documents::typeset::Engine> = OnceLock::new();
    ENGINE.get_or_init(|| crate::documents::typeset::engine(TEMPLATE))
}

/// Everything the offer prints besides the vacancy and the seller.
pub struct OfferDoc {
    /// `<vacancy>-<n>`: the vacancy's n-th offer.
    pub number: String,
    pub lang: Lang,
    pub customer: Customer,
    pub vacancy: Vacancy,
    /// `YYYY-MM-DD`.
    pub date: String,
    /// `YYYY-MM-DD`.
    pub valid_until: String,
    pub contact: Option<String>,
    pub consultant: Option<String>,
    /// The hirer's pay for the position (øre per hour) and when it was confirmed.
    pub equal_terms: Option<(i64, String)>,
}

const LABELS: &[&str] = &[
    "title",
    "number",
    "date",
    "valid-until",
    "to",
    "from",
    "org-number",
    "foretaksregisteret",
    "intro",
    "position",
    "occupation",
    "period",
    "positions",
    "working-time",
    "hours-per-week",
    "workplace",
    "building-site",
    "contact",
    "consultant",
    "prices",
    "hourly-rate",
    "overtime",
    "allowances",
    "per-hour",
    "terms",
    "purchase-order",
    "legal-basis",
    "equal-treatment",
    "vat",
    "acceptance",
    "break",
];

fn day(s: &str) -> String {
    parse_date(s).map(date_text).unwrap_or_default()
}

fn clock(m: u16) -> String {
    format!("{:02}:{:02}", m / 60, m % 60)
}

/// The data the template prints.
pub fn data(doc: &OfferDoc, seller: &SellerConfig) -> Value {
    let lang = doc.lang;
    let v = &doc.vacancy;
    let a = v.as_assignment(0);
    let mut labels = serde_json::Map::new();
    for key in LABELS {
        labels.insert((*key).into(), lang.t(&format!("offer-pdf-{key}")).into());
    }
    let kr_hour = |ore: i64| lang.t_with("offer-pdf-kr-per-hour", &[("amount", format_kr(ore))]);
    let week: Vec<Value> = a
        .week()
        .days
        .iter()
        .enumerate()
        .filter_map(|(i, s)| s.map(|s| (i, s)))
        .map(|(i, s)| {
            json!({
                "day": lang.t(&format!("weekday-short-{}", i + 1)),
                "time": format!("{}–{}", clock(s.start), clock(s.end)),
                "break": lang.t_count("offer-pdf-break-minutes", i64::from(s.break_minutes)),
            })
        })
        .collect();
    let overtime: Vec<Value> = a
        .overtime_rates()
        .iter()
        .map(|o| {
            json!({
                "label": lang.t_with("offer-pdf-overtime-class", &[("percent", o.percent.to_string())]),
                "price": kr_hour(o.bill_ore),
            })
        })
        .collect();
    let allowances: Vec<Value> = a
        .allowances()
        .iter()
        .map(|x| {
            json!({
                "name": x.name,
                "rule": rule_text(lang, &x.rule),
                "price": format!("{} kr", format_kr(x.bill_ore)),
            })
        })
        .collect();
    let occupation = match (&v.styrk_code, &v.occupation_title) {
        (Some(c), Some(t)) => Some(format!("{t} (STYRK-08 {c})")),
        (None, Some(t)) => Some(t.clone()),
        (Some(c), None) => Some(format!("STYRK-08 {c}")),
        (None, None) => None,
    };
    let workplace = [
        v.workplace_street.clone(),
        match (&v.workplace_postal_code, &v.workplace_city) {
            (Some(p), Some(c)) => Some(format!("{p} {c}")),
            (Some(p), None) => Some(p.clone()),
            (None, Some(c)) => Some(c.clone()),
            (None, None) => None,
        },
    ]
    .into_iter()
    .flatten()
    .collect::<Vec<_>>()
    .join(", ");
    let legal_basis = v.legal_basis.as_ref().map(|b| {
        let name = lang.t(&format!("legal-basis-{b}"));
        match &v.legal_basis_text {
            Some(t) => format!("{name}: {t}"),
            None => name,
        }
    });
    let equal = doc.equal_terms.as_ref().map(|(pay, on)| {
        lang.t_with(
            "offer-pdf-equal-treatment-text",
            &[("pay", format_kr(*pay)), ("confirmed", day(on))],
        )
    });
    let c = &doc.customer;
    let (street, postal_code, city) = if c.postal_street.is_some() || c.postal_city.is_some() {
        (&c.postal_street, &c.postal_postal_code, &c.postal_city)
    } else {
        (&c.visit_street, &c.visit_postal_code, &c.visit_city)
    };
    json!({
        "lang": lang.code(),
        "labels": labels,
        "number": doc.number,
        "date": day(&doc.date),
        "valid_until": day(&doc.valid_until),
        "seller": {
            "name": seller.name,
            "org": format_grouped(seller.org_number.as_str()),
            "mva": seller.vat_registered,
            "foretaksregisteret": seller.foretaksregisteret,
            "street": seller.street,
            "postal_code": seller.postal_code,
            "city": seller.city,
            "email": seller.email,
            "phone": seller.phone,
        },
        "customer": {
            "name": c.name,
            "org": c.org_number.as_deref().map(format_grouped),
            "street": street,
            "postal_code": postal_code,
            "city": city,
        },
        "intro": lang.t_with("offer-pdf-intro-text", &[("customer", c.name.clone())]),
        "title": v.title,
        "occupation": occupation,
        "period": period_text(lang, &v.from_date, v.to_date.as_deref(), "offer-pdf-open-ended"),
        "positions": lang.t_count("offer-pdf-positions-count", v.positions),
        "hours_per_week": hours_text(v.hours_per_week_minutes),
        "week": week,
        "workplace": if workplace.is_empty() { None } else { Some(workplace) },
        "building_site": v.building_site == 1,
        "contact": doc.contact,
        "consultant": doc.consultant,
        "hourly_rate": kr_hour(v.bill_rate_ore),
        "overtime": overtime,
        "allowances": allowances,
        "purchase_order": v.purchase_order,
        "legal_basis": legal_basis,
        "equal_treatment": equal,
        "vat": lang.t("offer-pdf-vat-text"),
        "acceptance": lang.t_with("offer-pdf-acceptance-text", &[("date", day(&doc.valid_until))]),
    })
}

/// Whether this build renders PDFs (the `pdf` feature).
pub const AVAILABLE: bool = crate::documents::typeset::AVAILABLE;

/// The PDF; an error in a build without the `pdf` feature.
#[cfg(not(feature = "pdf"))]
pub fn render(doc: &OfferDoc, seller: &SellerConfig) -> Result<Vec<u8>> {
    data(doc, seller);
    Err(crate::documents::typeset::internal(
        "built without the pdf feature",
    ))
}

/// The PDF.
#[cfg(feature = "pdf")]
pub fn render(doc: &OfferDoc, seller: &SellerConfig) -> Result<Vec<u8>> {
    crate::documents::typeset::compile(engine(), &data(doc, seller), seller.logo.as_deref())
}
