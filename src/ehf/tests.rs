//! What the writer refuses, and what it writes for odd text. That the documents pass the
//! official rules is `tests/it/ehf.rs` (it runs the validator).

use time::macros::date;

use super::*;
use crate::money::vat::Vat;

fn org(n: &str) -> OrgNumber {
    OrgNumber::parse(n).unwrap()
}

fn line(id: &str, vat: Vat) -> Line {
    Line {
        id: id.into(),
        name: "Konsulent".into(),
        description: None,
        note: None,
        unit: Unit::Hour,
        priced: vat::Line {
            quantity_milli: 7_500,
            unit_price_ore: 65_000,
            vat,
        },
        period: None,
    }
}

fn doc() -> Document {
    let address = Address {
        country: "NO".into(),
        ..Address::default()
    };
    Document {
        kind: Kind::Invoice,
        number: "1".into(),
        issue_date: date!(2026 - 12 - 02),
        due_date: Some(date!(2026 - 12 - 16)),
        note: None,
        buyer_reference: Some("ref".into()),
        order_reference: None,
        period: None,
        delivery_date: None,
        seller: Seller {
            name: "Selger AS".into(),
            trading_name: None,
            org_number: org("123456785"),
            vat_registered: true,
            foretaksregisteret: true,
            address: address.clone(),
            contact: Contact::default(),
        },
        buyer: Buyer {
            name: "Kjøper AS".into(),
            org_number: None,
            vat_number: None,
            endpoint: Endpoint::norwegian(&org("987654325")),
            address,
            contact: Contact::default(),
        },
        payment: None,
        payment_terms: None,
        lines: vec![line("1", Vat::Standard { rate_bp: 2500 })],
        attachments: Vec::new(),
        prepaid_ore: 0,
        rounding: Rounding::None,
    }
}

fn refused(change: impl FnOnce(&mut Document)) -> EhfError {
    let mut d = doc();
    change(&mut d);
    write(&d).unwrap_err()
}

#[test]
fn a_plain_invoice_is_written() {
    let xml = String::from_utf8(write(&doc()).unwrap()).unwrap();
    assert!(xml.starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?>"));
    assert!(xml.contains("<cbc:LineExtensionAmount currencyID=\"NOK\">4875.00<"));
    assert!(xml.contains("<cbc:PayableAmount currencyID=\"NOK\">6093.75<"));
    assert!(!xml.contains("<cac:Contact>"), "no empty contact");
}

#[test]
fn what_the_rules_would_refuse_is_refused() {
    use EhfError::{Amounts, Invalid, Missing};
    assert!(matches!(
        refused(|d| d.number = " \u{1} ".into()),
        Missing(_)
    ));
    assert!(matches!(
        refused(|d| d.seller.name = String::new()),
        Missing(_)
    ));
    assert!(matches!(
        refused(|d| d.buyer_reference = Some("  ".into())),
        Missing(_)
    ));
    assert!(matches!(refused(|d| d.due_date = None), Missing(_)));
    assert!(matches!(
        refused(|d| d.due_date = Some(date!(2026 - 12 - 01))),
        Invalid(_)
    ));
    assert!(matches!(
        refused(|d| d.buyer.address.country = "no".into()),
        Invalid(_)
    ));
    assert!(matches!(
        refused(|d| d.buyer.endpoint.id = "987654321".into()),
        Invalid(_)
    ));
    assert!(matches!(
        refused(|d| d.lines.clear()),
        Amounts(AmountError::NoLines)
    ));
    assert!(matches!(
        refused(|d| d.lines.push(line("1", Vat::ZeroRated))), // the same line id twice
        Invalid(_)
    ));
    assert!(matches!(
        refused(|d| d.lines.push(line("2", Vat::OutsideScope))),
        Amounts(AmountError::OutsideScopeMixed)
    ));
    assert!(matches!(
        refused(|d| d.seller.vat_registered = false),
        Invalid(_)
    ));
    assert!(matches!(
        refused(|d| d.lines = vec![line("1", Vat::ReverseCharge)]),
        Missing(_)
    ));
    assert!(matches!(
        refused(|d| {
            d.period = Some(Period {
                start: date!(2026 - 11 - 01),
                end: date!(2026 - 11 - 30),
            });
            d.lines[0].period = Some(Period {
                start: date!(2026 - 11 - 20),
                end: date!(2026 - 12 - 01),
            });
        }),
        Invalid(_)
    ));
    assert!(matches!(
        refused(|d| d.attachments.push(Attachment {
            id: "a".into(),
            description: None,
            filename: "a.exe".into(),
            mime: "application/octet-stream".into(),
            content: vec![1],
        })),
        Invalid(_)
    ));
    assert!(matches!(
        refused(|d| d.kind = Kind::CreditNote {
            invoice_number: String::new(),
            invoice_issue_date: None
        }),
        Missing(_)
    ));
}

#[test]
fn a_credit_note_has_no_due_date_and_names_the_invoice() {
    let mut d = doc();
    d.kind = Kind::CreditNote {
        invoice_number: "1".into(),
        invoice_issue_date: None,
    };
    d.due_date = None;
    let xml = String::from_utf8(write(&d).unwrap()).unwrap();
    assert!(xml.contains(
        "<CreditNote xmlns=\"urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2\""
    ));
    assert!(xml.contains("<cbc:CreditNoteTypeCode>381<"));
    assert!(xml.contains("<cac:CreditNoteLine>"));
    assert!(xml.contains("<cbc:CreditedQuantity unitCode=\"HUR\">7.5<"));
    assert!(!xml.contains("DueDate"));
}

#[test]
fn odd_text_is_escaped_or_dropped_never_a_panic() {
    let mut d = doc();
    d.buyer.name = "A <b> & \"c\" 'd' \u{0}\u{b}\u{fffe}ÆØÅ 😀".into();
    d.note = Some("]]> <!-- --> &amp;".into());
    d.lines[0].name = "\r\nline\t".into();
    let xml = String::from_utf8(write(&d).unwrap()).unwrap();
    assert!(xml.contains("A &lt;b&gt; &amp; &quot;c&quot; &apos;d&apos; ÆØÅ 😀"));
    assert!(xml.contains("]]&gt; &lt;!-- --&gt; &amp;amp;"));
    assert!(xml.contains("<cbc:Name>line</cbc:Name>"));
    assert!(!xml.contains('\u{0}') && !xml.contains('\u{b}') && !xml.contains('\u{fffe}'));
}

#[test]
fn unit_codes_round_trip() {
    for unit in Unit::ALL {
        assert_eq!(Unit::from_code(unit.code()), Some(unit));
    }
    assert_eq!(Unit::Hour.code(), "HUR");
    assert_eq!(Unit::Piece.code(), "C62");
    assert_eq!(Unit::from_code("XYZ"), None);
}

#[test]
fn numbers_as_ubl_writes_them() {
    assert_eq!(ubl::amount(123_450), "1234.50");
    assert_eq!(ubl::amount(-5), "-0.05");
    assert_eq!(ubl::amount(i64::MIN), "-92233720368547758.08");
    assert_eq!(ubl::decimal(7_500, 3), "7.5");
    assert_eq!(ubl::decimal(-1_000, 3), "-1");
    assert_eq!(ubl::decimal(125, 3), "0.125");
    assert_eq!(ubl::decimal(2_500, 2), "25");
    assert_eq!(ubl::decimal(1_111, 2), "11.11");
    assert_eq!(ubl::date(date!(2026 - 01 - 05)), "2026-01-05");
}

#[test]
fn text_xml_cannot_carry_is_dropped() {
    assert_eq!(ubl::clean(" a\u{0}b\u{1b}c\td\u{fffe} "), "abc\td");
    assert_eq!(ubl::clean("\u{7}"), "");
}
