//! The EHF (PEPPOL BIS Billing 3.0) of an issued invoice or credit note, from its stored rows and
//! the configured seller, written by `crate::ehf`. A credit note's stored lines carry negated
//! quantities; a UBL credit note states what is credited as positive amounts, so they are turned
//! back, and it names the invoice it corrects (BG-3, BR-55).

use sqlx::AnyConnection;
use time::Date;

use super::Issued;
use crate::invoices::seller::seller;
use crate::{
    AppError, Result,
    config::SellerConfig,
    ehf::{self, Address, Buyer, Contact, Document, Endpoint, Kind, Payment, Unit},
    error::Msg,
    money::vat::Rounding,
    norway::{kid, orgnr::OrgNumber},
};

fn internal(what: impl std::fmt::Display) -> AppError {
    AppError::Internal(anyhow::anyhow!("EHF: {what}"))
}

pub(super) fn parse_date(text: Option<&str>) -> Option<Date> {
    let format = time::macros::format_description!("[year]-[month]-[day]");
    text.and_then(|t| Date::parse(t, format).ok())
}

/// The EHF of an issued invoice or credit note; `None` for a draft, an unknown id, or an
/// earlier invoice imported from a former system (not ours to write; decision 0033).
pub async fn ehf(
    conn: &mut AnyConnection,
    id: i64,
    seller_config: &SellerConfig,
) -> Result<Option<Vec<u8>>> {
    let Some(doc) = Issued::load(conn, id).await? else {
        return Ok(None);
    };
    if doc.invoice.is_earlier() {
        return Ok(None);
    }
    let document = document(&doc, seller_config)?;
    ehf::write(&document).map(Some).map_err(not_writable)
}

/// Why an issued invoice's EHF cannot be written, for the person who asked: the one case the
/// stored invoice can lack (issued for email or print without a reference, before EHF was
/// chosen) by name, anything else as the rule's name.
fn not_writable(e: ehf::EhfError) -> AppError {
    match e {
        ehf::EhfError::Missing(what) if what.starts_with("buyer reference (BT-10)") => {
            AppError::Conflict(Msg::new("invoice-ehf-no-reference"))
        }
        other => AppError::Conflict(Msg::new("invoice-ehf-not-writable").arg("rule", other)),
    }
}

/// The [`Document`] of a loaded invoice or credit note.
pub fn document(doc: &Issued, seller_config: &SellerConfig) -> Result<Document> {
    let inv = &doc.invoice;
    let credit = inv.kind == "credit_note";
    let kind = match &doc.credited {
        Some(of) if credit => Kind::CreditNote {
            invoice_number: of.number.map(|n| n.to_string()).unwrap_or_default(),
            invoice_issue_date: parse_date(of.issue_date.as_deref()),
        },
        _ => Kind::Invoice,
    };
    let issue_date = parse_date(inv.issue_date.as_deref()).ok_or_else(|| internal("issue date"))?;
    let org = inv
        .buyer_org_number
        .as_deref()
        .and_then(|o| OrgNumber::parse(o).ok());
    let endpoint = match (inv.buyer_peppol_id.as_deref(), &org) {
        (Some(p), _) if p.contains(':') => {
            let (scheme, id) = p.split_once(':').unwrap_or_default();
            Endpoint {
                scheme: scheme.trim().into(),
                id: id.trim().into(),
            }
        }
        (_, Some(org)) => Endpoint::norwegian(org),
        _ => return Err(internal("buyer has no electronic address")),
    };
    let lines = doc
        .lines
        .iter()
        .map(|l| {
            let mut priced = l.priced()?;
            if credit {
                priced.quantity_milli = -priced.quantity_milli;
            }
            Ok(ehf::Line {
                id: l.position.to_string(),
                name: l.description.clone(),
                description: None,
                note: None,
                unit: Unit::from_code(&l.unit_code).unwrap_or(Unit::Piece),
                priced,
                period: None,
            })
        })
        .collect::<Result<Vec<_>>>()?;
    let payment = if credit {
        None
    } else {
        Some(Payment {
            account: seller_config.account.clone(),
            kid: inv
                .kid
                .as_deref()
                .and_then(|k| kid::check(k, seller_config.kid_rule.algorithm).ok()),
        })
    };
    Ok(Document {
        kind,
        number: inv.number.map(|n| n.to_string()).unwrap_or_default(),
        issue_date,
        due_date: if credit {
            None
        } else {
            parse_date(inv.due_date.as_deref())
        },
        note: inv.reason.clone(),
        buyer_reference: inv.buyer_reference.clone(),
        order_reference: inv.order_reference.clone(),
        period: None,
        delivery_date: Some(issue_date),
        seller: seller(seller_config),
        buyer: Buyer {
            name: inv.buyer_name.clone().unwrap_or_default(),
            org_number: org,
            vat_number: None,
            endpoint,
            address: Address {
                street: inv.buyer_street.clone(),
                additional_street: inv.buyer_additional_street.clone(),
                postal_code: inv.buyer_postal_code.clone(),
                city: inv.buyer_city.clone(),
                country: inv.buyer_country.clone().unwrap_or_else(|| "NO".into()),
            },
            contact: Contact {
                name: None,
                phone: None,
                email: inv.buyer_email.clone(),
            },
        },
        payment,
        payment_terms: None,
        lines,
        attachments: Vec::new(),
        prepaid_ore: 0,
        rounding: Rounding::None,
    })
}
