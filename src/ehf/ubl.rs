//! The UBL 2.1 XML of a [`Document`], in the XSD's element order, with quick-xml's writer
//! (escaping), after `check` has refused what the CEN and PEPPOL rules would refuse.

use std::io;

use base64::Engine;
use quick_xml::Writer;
use quick_xml::events::{BytesDecl, BytesEnd, BytesStart, BytesText, Event};
use time::Date;

use super::{Address, Contact, Document, EhfError, Kind, Period};
use crate::money::vat::{Totals, Vat};

const CUSTOMIZATION: &str =
    "urn:cen.eu:en16931:2017#compliant#urn:fdc:peppol.eu:2017:poacc:billing:3.0";
const PROFILE: &str = "urn:fdc:peppol.eu:2017:poacc:billing:01:1.0";
const CAC: &str = "urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2";
const CBC: &str = "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2";

/// The document as EHF (UTF-8 XML).
pub fn write(doc: &Document) -> Result<Vec<u8>, EhfError> {
    let totals = doc.totals()?;
    super::check::check(doc, &totals)?;
    let mut x = Ubl(Writer::new_with_indent(Vec::new(), b' ', 2));
    x.document(doc, &totals)
        .map_err(|_| EhfError::Invalid("XML output"))?;
    Ok(x.0.into_inner())
}

/// Text as XML 1.0 can carry it: without the control characters it forbids (and U+FFFE,
/// U+FFFF), trimmed.
pub(super) fn clean(text: &str) -> String {
    text.chars()
        .filter(|c| {
            matches!(c, '\t' | '\n' | '\r') || (*c >= ' ' && !matches!(c, '\u{fffe}' | '\u{ffff}'))
        })
        .collect::<String>()
        .trim()
        .to_string()
}

pub(super) fn present(text: &Option<String>) -> Option<String> {
    text.as_deref().map(clean).filter(|t| !t.is_empty())
}

/// Øre as a decimal amount: `-1234.50`.
pub(super) fn amount(ore: i64) -> String {
    let sign = if ore < 0 { "-" } else { "" };
    let abs = ore.unsigned_abs();
    format!("{sign}{}.{:02}", abs / 100, abs % 100)
}

/// A fixed-point number with `scale` decimals, without trailing zeros: `7500`/3 → `7.5`.
pub(super) fn decimal(value: i64, scale: u32) -> String {
    let unit = 10u64.pow(scale);
    let sign = if value < 0 { "-" } else { "" };
    let abs = value.unsigned_abs();
    let frac = format!("{:0width$}", abs % unit, width = scale as usize);
    let frac = frac.trim_end_matches('0');
    if frac.is_empty() {
        format!("{sign}{}", abs / unit)
    } else {
        format!("{sign}{}.{frac}", abs / unit)
    }
}

pub(super) fn date(d: Date) -> String {
    format!("{:04}-{:02}-{:02}", d.year(), u8::from(d.month()), d.day())
}

struct Ubl(Writer<Vec<u8>>);

impl Ubl {
    fn start(&mut self, name: &str, attrs: &[(&str, &str)]) -> io::Result<()> {
        let mut el = BytesStart::new(name);
        for (key, value) in attrs {
            el.push_attribute((*key, clean(value).as_str()));
        }
        self.0.write_event(Event::Start(el))
    }

    fn end(&mut self, name: &str) -> io::Result<()> {
        self.0.write_event(Event::End(BytesEnd::new(name)))
    }

    fn group(
        &mut self,
        name: &str,
        inner: impl FnOnce(&mut Self) -> io::Result<()>,
    ) -> io::Result<()> {
        self.start(name, &[])?;
        inner(self)?;
        self.end(name)
    }

    fn text_with(&mut self, name: &str, attrs: &[(&str, &str)], text: &str) -> io::Result<()> {
        self.start(name, attrs)?;
        self.0
            .write_event(Event::Text(BytesText::new(&clean(text))))?;
        self.end(name)
    }

    fn text(&mut self, name: &str, text: &str) -> io::Result<()> {
        self.text_with(name, &[], text)
    }

    /// Left out when absent or blank: PEPPOL allows no empty elements (R008).
    fn opt(&mut self, name: &str, text: &Option<String>) -> io::Result<()> {
        match present(text) {
            Some(t) => self.text(name, &t),
            None => Ok(()),
        }
    }

    fn amount(&mut self, name: &str, ore: i64) -> io::Result<()> {
        self.text_with(name, &[("currencyID", "NOK")], &amount(ore))
    }

    fn period(&mut self, p: Period) -> io::Result<()> {
        self.group("cac:InvoicePeriod", |x| {
            x.text("cbc:StartDate", &date(p.start))?;
            x.text("cbc:EndDate", &date(p.end))
        })
    }

    fn address(&mut self, a: &Address) -> io::Result<()> {
        self.group("cac:PostalAddress", |x| {
            x.opt("cbc:StreetName", &a.street)?;
            x.opt("cbc:AdditionalStreetName", &a.additional_street)?;
            x.opt("cbc:CityName", &a.city)?;
            x.opt("cbc:PostalZone", &a.postal_code)?;
            x.group("cac:Country", |x| {
                x.text("cbc:IdentificationCode", &a.country)
            })
        })
    }

    fn contact(&mut self, c: &Contact) -> io::Result<()> {
        if [&c.name, &c.phone, &c.email]
            .iter()
            .all(|t| present(t).is_none())
        {
            return Ok(());
        }
        self.group("cac:Contact", |x| {
            x.opt("cbc:Name", &c.name)?;
            x.opt("cbc:Telephone", &c.phone)?;
            x.opt("cbc:ElectronicMail", &c.email)
        })
    }

    fn tax_scheme(&mut self, company_id: &str, scheme: &str) -> io::Result<()> {
        self.group("cac:PartyTaxScheme", |x| {
            x.text("cbc:CompanyID", company_id)?;
            x.group("cac:TaxScheme", |x| x.text("cbc:ID", scheme))
        })
    }

    /// A VAT category: on a line (no exemption reason) or in the breakdown (with it).
    fn category(&mut self, name: &str, vat: &Vat, with_reason: bool) -> io::Result<()> {
        self.group(name, |x| {
            x.text("cbc:ID", vat.code())?;
            if let Some(bp) = vat.rate_bp() {
                x.text("cbc:Percent", &decimal(i64::from(bp), 2))?;
            }
            if with_reason {
                match vat {
                    Vat::Exempt { reason } => x.text("cbc:TaxExemptionReason", reason)?,
                    Vat::ReverseCharge => {
                        x.text("cbc:TaxExemptionReasonCode", "VATEX-EU-AE")?;
                        x.text("cbc:TaxExemptionReason", "Reverse charge")?;
                    }
                    Vat::OutsideScope => {
                        x.text("cbc:TaxExemptionReasonCode", "VATEX-EU-O")?;
                        x.text("cbc:TaxExemptionReason", "Not subject to VAT")?;
                    }
                    Vat::Standard { .. } | Vat::ZeroRated => {}
                }
            }
            x.group("cac:TaxScheme", |x| x.text("cbc:ID", "VAT"))
        })
    }

    fn document(&mut self, doc: &Document, t: &Totals) -> io::Result<()> {
        let (root, ns) = match doc.kind {
            Kind::Invoice => (
                "Invoice",
                "urn:oasis:names:specification:ubl:schema:xsd:Invoice-2",
            ),
            Kind::CreditNote { .. } => (
                "CreditNote",
                "urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2",
            ),
        };
        let outside = t.breakdown.iter().any(|g| g.vat == Vat::OutsideScope);
        self.0
            .write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))?;
        self.start(
            root,
            &[("xmlns", ns), ("xmlns:cac", CAC), ("xmlns:cbc", CBC)],
        )?;
        self.text("cbc:CustomizationID", CUSTOMIZATION)?;
        self.text("cbc:ProfileID", PROFILE)?;
        self.text("cbc:ID", &doc.number)?;
        self.text("cbc:IssueDate", &date(doc.issue_date))?;
        match doc.kind {
            Kind::Invoice => {
                if let Some(due) = doc.due_date {
                    self.text("cbc:DueDate", &date(due))?;
                }
                self.text("cbc:InvoiceTypeCode", "380")?;
            }
            Kind::CreditNote { .. } => self.text("cbc:CreditNoteTypeCode", "381")?,
        }
        self.opt("cbc:Note", &doc.note)?;
        self.text("cbc:DocumentCurrencyCode", "NOK")?;
        self.opt("cbc:BuyerReference", &doc.buyer_reference)?;
        if let Some(p) = doc.period {
            self.period(p)?;
        }
        if let Some(order) = present(&doc.order_reference) {
            self.group("cac:OrderReference", |x| x.text("cbc:ID", &order))?;
        }
        if let Kind::CreditNote {
            invoice_number,
            invoice_issue_date,
        } = &doc.kind
        {
            self.group("cac:BillingReference", |x| {
                x.group("cac:InvoiceDocumentReference", |x| {
                    x.text("cbc:ID", invoice_number)?;
                    match invoice_issue_date {
                        Some(d) => x.text("cbc:IssueDate", &date(*d)),
                        None => Ok(()),
                    }
                })
            })?;
        }
        for a in &doc.attachments {
            self.group("cac:AdditionalDocumentReference", |x| {
                x.text("cbc:ID", &a.id)?;
                x.opt("cbc:DocumentDescription", &a.description)?;
                x.group("cac:Attachment", |x| {
                    let content = base64::engine::general_purpose::STANDARD.encode(&a.content);
                    x.text_with(
                        "cbc:EmbeddedDocumentBinaryObject",
                        &[("mimeCode", &a.mime), ("filename", &a.filename)],
                        &content,
                    )
                })
            })?;
        }
        self.seller(doc, outside)?;
        self.buyer(doc, outside)?;
        if let Some(d) = doc.delivery_date {
            self.group("cac:Delivery", |x| {
                x.text("cbc:ActualDeliveryDate", &date(d))
            })?;
        }
        if let Some(p) = &doc.payment {
            self.group("cac:PaymentMeans", |x| {
                x.text_with("cbc:PaymentMeansCode", &[("name", "Credit transfer")], "30")?;
                if let Some(kid) = &p.kid {
                    x.text("cbc:PaymentID", kid.as_str())?;
                }
                x.group("cac:PayeeFinancialAccount", |x| {
                    x.text("cbc:ID", p.account.as_str())
                })
            })?;
        }
        if let Some(terms) = present(&doc.payment_terms) {
            self.group("cac:PaymentTerms", |x| x.text("cbc:Note", &terms))?;
        }
        self.totals(t)?;
        for (line, net) in doc.lines.iter().zip(&t.line_net_ore) {
            self.line(&doc.kind, line, *net)?;
        }
        self.end(root)
    }

    fn seller(&mut self, doc: &Document, outside: bool) -> io::Result<()> {
        let s = &doc.seller;
        let org = s.org_number.as_str();
        self.group("cac:AccountingSupplierParty", |x| {
            x.group("cac:Party", |x| {
                x.text_with("cbc:EndpointID", &[("schemeID", "0192")], org)?;
                if let Some(name) = present(&s.trading_name) {
                    x.group("cac:PartyName", |x| x.text("cbc:Name", &name))?;
                }
                x.address(&s.address)?;
                if s.vat_registered && !outside {
                    x.tax_scheme(&format!("NO{org}MVA"), "VAT")?;
                }
                if s.foretaksregisteret {
                    x.tax_scheme("Foretaksregisteret", "TAX")?;
                }
                x.group("cac:PartyLegalEntity", |x| {
                    x.text("cbc:RegistrationName", &s.name)?;
                    x.text_with("cbc:CompanyID", &[("schemeID", "0192")], org)
                })?;
                x.contact(&s.contact)
            })
        })
    }

    fn buyer(&mut self, doc: &Document, outside: bool) -> io::Result<()> {
        let b = &doc.buyer;
        self.group("cac:AccountingCustomerParty", |x| {
            x.group("cac:Party", |x| {
                x.text_with(
                    "cbc:EndpointID",
                    &[("schemeID", &b.endpoint.scheme)],
                    &b.endpoint.id,
                )?;
                x.address(&b.address)?;
                if let Some(vat) = present(&b.vat_number).filter(|_| !outside) {
                    x.tax_scheme(&vat, "VAT")?;
                }
                x.group("cac:PartyLegalEntity", |x| {
                    x.text("cbc:RegistrationName", &b.name)?;
                    match &b.org_number {
                        Some(org) => {
                            x.text_with("cbc:CompanyID", &[("schemeID", "0192")], org.as_str())
                        }
                        None => Ok(()),
                    }
                })?;
                x.contact(&b.contact)
            })
        })
    }

    fn totals(&mut self, t: &Totals) -> io::Result<()> {
        self.group("cac:TaxTotal", |x| {
            x.amount("cbc:TaxAmount", t.vat_ore)?;
            for g in &t.breakdown {
                x.group("cac:TaxSubtotal", |x| {
                    x.amount("cbc:TaxableAmount", g.taxable_ore)?;
                    x.amount("cbc:TaxAmount", g.vat_ore)?;
                    x.category("cac:TaxCategory", &g.vat, true)
                })?;
            }
            Ok(())
        })?;
        self.group("cac:LegalMonetaryTotal", |x| {
            x.amount("cbc:LineExtensionAmount", t.line_total_ore)?;
            x.amount("cbc:TaxExclusiveAmount", t.without_vat_ore)?;
            x.amount("cbc:TaxInclusiveAmount", t.with_vat_ore)?;
            if t.prepaid_ore != 0 {
                x.amount("cbc:PrepaidAmount", t.prepaid_ore)?;
            }
            if t.rounding_ore != 0 {
                x.amount("cbc:PayableRoundingAmount", t.rounding_ore)?;
            }
            x.amount("cbc:PayableAmount", t.payable_ore)
        })
    }

    fn line(&mut self, kind: &Kind, line: &super::Line, net_ore: i64) -> io::Result<()> {
        let (name, quantity) = match kind {
            Kind::Invoice => ("cac:InvoiceLine", "cbc:InvoicedQuantity"),
            Kind::CreditNote { .. } => ("cac:CreditNoteLine", "cbc:CreditedQuantity"),
        };
        self.group(name, |x| {
            x.text("cbc:ID", &line.id)?;
            x.opt("cbc:Note", &line.note)?;
            x.text_with(
                quantity,
                &[("unitCode", line.unit.code())],
                &decimal(line.priced.quantity_milli, 3),
            )?;
            x.amount("cbc:LineExtensionAmount", net_ore)?;
            if let Some(p) = line.period {
                x.period(p)?;
            }
            x.group("cac:Item", |x| {
                x.opt("cbc:Description", &line.description)?;
                x.text("cbc:Name", &line.name)?;
                x.category("cac:ClassifiedTaxCategory", &line.priced.vat, false)
            })?;
            x.group("cac:Price", |x| {
                x.amount("cbc:PriceAmount", line.priced.unit_price_ore)
            })
        })
    }
}
