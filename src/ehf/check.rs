//! What the CEN and PEPPOL rules need from a document's own data, checked before it is written
//! (the types and `money::vat` cover the rest).

use std::collections::HashSet;

use super::ubl::{clean, present};
use super::{Document, EhfError, Kind, Period};
use crate::money::vat::{Totals, Vat};
use crate::norway::orgnr::OrgNumber;

fn within(inner: Period, outer: Period) -> bool {
    outer.start <= inner.start && inner.end <= outer.end
}

/// What the rules need that the types cannot say.
pub(super) fn check(doc: &Document, totals: &Totals) -> Result<(), EhfError> {
    use EhfError::{Invalid, Missing};
    let blank = |t: &str| clean(t).is_empty();
    if blank(&doc.number) {
        return Err(Missing("document number (BT-1)"));
    }
    if blank(&doc.seller.name) {
        return Err(Missing("seller name (BT-27)"));
    }
    if blank(&doc.buyer.name) {
        return Err(Missing("buyer name (BT-44)"));
    }
    for country in [&doc.seller.address.country, &doc.buyer.address.country] {
        if country.len() != 2 || !country.bytes().all(|b| b.is_ascii_uppercase()) {
            return Err(Invalid("country code (BT-40, BT-55)"));
        }
    }
    let endpoint = &doc.buyer.endpoint;
    if blank(&endpoint.scheme) || blank(&endpoint.id) {
        return Err(Missing("buyer electronic address (BT-49)"));
    }
    if endpoint.scheme == "0192" && OrgNumber::parse(&endpoint.id).is_err() {
        return Err(Invalid(
            "buyer electronic address (BT-49): not an organisation number",
        ));
    }
    if present(&doc.buyer_reference).is_none() && present(&doc.order_reference).is_none() {
        return Err(Missing(
            "buyer reference (BT-10) or order reference (BT-13)",
        ));
    }
    match &doc.kind {
        Kind::Invoice => {
            if totals.payable_ore > 0
                && doc.due_date.is_none()
                && present(&doc.payment_terms).is_none()
            {
                return Err(Missing("due date (BT-9) or payment terms (BT-20)"));
            }
            if doc.due_date.is_some_and(|d| d < doc.issue_date) {
                return Err(Invalid("due date (BT-9) before the issue date"));
            }
        }
        Kind::CreditNote { invoice_number, .. } if blank(invoice_number) => {
            return Err(Missing("preceding invoice reference (BT-25)"));
        }
        Kind::CreditNote { .. } => {}
    }
    let periods = doc.lines.iter().filter_map(|l| l.period).chain(doc.period);
    if periods.clone().any(|p| p.end < p.start) {
        return Err(Invalid("a period ends before it starts (BR-29, BR-30)"));
    }
    if let Some(outer) = doc.period
        && doc
            .lines
            .iter()
            .filter_map(|l| l.period)
            .any(|p| !within(p, outer))
    {
        return Err(Invalid(
            "a line period outside the invoicing period (PEPPOL-EN16931-R110, R111)",
        ));
    }
    let mut ids = HashSet::new();
    for line in &doc.lines {
        if blank(&line.id) {
            return Err(Missing("line identifier (BT-126)"));
        }
        if !ids.insert(clean(&line.id)) {
            return Err(Invalid("line identifiers must be unique (BT-126)"));
        }
        if blank(&line.name) {
            return Err(Missing("item name (BT-153)"));
        }
    }
    for a in &doc.attachments {
        if blank(&a.id) || blank(&a.filename) || a.content.is_empty() {
            return Err(Missing(
                "attachment reference, file name or content (BG-24)",
            ));
        }
        if !super::ATTACHMENT_TYPES.contains(&a.mime.as_str()) {
            return Err(Invalid("attachment media type (BT-125)"));
        }
    }
    let outside = totals.breakdown.iter().any(|g| g.vat == Vat::OutsideScope);
    if !outside && !doc.seller.vat_registered {
        return Err(Invalid(
            "a seller not registered for VAT has only lines outside the scope of VAT",
        ));
    }
    let reverse = totals.breakdown.iter().any(|g| g.vat == Vat::ReverseCharge);
    if reverse && doc.buyer.org_number.is_none() && present(&doc.buyer.vat_number).is_none() {
        return Err(Missing(
            "buyer VAT identifier or legal registration (BR-AE-02)",
        ));
    }
    Ok(())
}
