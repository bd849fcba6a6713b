//! EHF: an invoice or credit note as PEPPOL BIS Billing 3.0 (UBL 2.1), below the features
//! (decision 0023). The invoices feature fills a [`Document`] from an issued invoice or credit
//! note and stores what [`write`] returns; nothing here reads the database.
//!
//! The amounts come from [`crate::money::vat`] (the same numbers as the PDF and the stored
//! totals). [`write`] refuses what would not pass the CEN and PEPPOL rules that the document's
//! own data decides (no buyer or order reference, no due date on an amount due, a line period
//! outside the document's, an attachment type PEPPOL does not take, …) with an [`EhfError`],
//! and never panics on odd text: every text is escaped, and characters XML 1.0 cannot carry are
//! dropped. Every document the tests write passes the EHF validator (`tools/ehf-validator/validate`, a copy of `../shared/validators/ehf`)
//! (`tests/it/ehf.rs`).

mod check;
mod ubl;

use time::Date;

use crate::money::vat::{self, AmountError, Rounding, Totals};
use crate::norway::{bank_account::Kontonr, kid::Kid, orgnr::OrgNumber};

pub use ubl::write;

/// Invoice (type code 380) or credit note (381) with the invoice it corrects (BG-3, BR-55).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Kind {
    Invoice,
    CreditNote {
        invoice_number: String,
        invoice_issue_date: Option<Date>,
    },
}

/// A period (BG-14 on the document, BG-26 on a line), both days included.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Period {
    pub start: Date,
    pub end: Date,
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Address {
    pub street: Option<String>,
    pub additional_street: Option<String>,
    pub postal_code: Option<String>,
    pub city: Option<String>,
    /// ISO 3166-1 alpha-2, e.g. `NO` (BT-40 / BT-55, required).
    pub country: String,
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Contact {
    pub name: Option<String>,
    pub phone: Option<String>,
    pub email: Option<String>,
}

/// The seller (BG-4): the agency.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Seller {
    /// The registered name (BT-27).
    pub name: String,
    /// A trading name (BT-28), if it differs.
    pub trading_name: Option<String>,
    /// Endpoint (scheme 0192) and legal registration (BT-30).
    pub org_number: OrgNumber,
    /// Registered for VAT: `NO<org number>MVA` (BT-31, NO-R-001). Left out on a document whose
    /// lines are all outside the scope of VAT (BR-O-02).
    pub vat_registered: bool,
    /// In the register of business enterprises (AS, ASA, NUF): "Foretaksregisteret" (NO-R-002).
    pub foretaksregisteret: bool,
    pub address: Address,
    pub contact: Contact,
}

/// A PEPPOL participant identifier (BT-34 / BT-49).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Endpoint {
    pub scheme: String,
    pub id: String,
}

impl Endpoint {
    /// A Norwegian organisation number: scheme `0192`.
    pub fn norwegian(org: &OrgNumber) -> Self {
        Self {
            scheme: "0192".into(),
            id: org.as_str().into(),
        }
    }
}

/// The buyer (BG-7): the customer, as copied onto the invoice when it was issued.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Buyer {
    /// The registered name (BT-44).
    pub name: String,
    /// Legal registration (BT-47, scheme 0192).
    pub org_number: Option<OrgNumber>,
    /// The buyer's VAT identifier (BT-48), e.g. `NO987654325MVA` or a foreign one for reverse
    /// charge. Left out on an outside-scope document (BR-O-02).
    pub vat_number: Option<String>,
    /// Where the document goes in PEPPOL (BT-49, PEPPOL-EN16931-R010).
    pub endpoint: Endpoint,
    pub address: Address,
    pub contact: Contact,
}

/// Credit transfer (payment means 30) to a Norwegian account, with the KID (BT-83).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Payment {
    pub account: Kontonr,
    pub kid: Option<Kid>,
}

/// Units of measure (UN/ECE recommendation 20), as the lines use them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Unit {
    Hour,
    Day,
    Week,
    Month,
    /// "One": pieces, items.
    Piece,
    Kilometre,
    /// A lump sum (a fee).
    LumpSum,
}

impl Unit {
    pub const ALL: [Unit; 7] = [
        Unit::Hour,
        Unit::Day,
        Unit::Week,
        Unit::Month,
        Unit::Piece,
        Unit::Kilometre,
        Unit::LumpSum,
    ];

    /// The code (BT-130).
    pub fn code(self) -> &'static str {
        match self {
            Unit::Hour => "HUR",
            Unit::Day => "DAY",
            Unit::Week => "WEE",
            Unit::Month => "MON",
            Unit::Piece => "C62",
            Unit::Kilometre => "KMT",
            Unit::LumpSum => "LS",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|u| u.code() == code)
    }
}

/// A line (BG-25): what was delivered, how much, at what price and VAT.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Line {
    /// Unique within the document (BT-126).
    pub id: String,
    /// The item's name (BT-153), e.g. "Lagermedarbeider — Kari Nordmann".
    pub name: String,
    /// More about it (BT-154), e.g. the dates and hours.
    pub description: Option<String>,
    /// A note on the line (BT-127).
    pub note: Option<String>,
    pub unit: Unit,
    /// Quantity, unit price and VAT category (BT-129, BT-146, BT-151/152).
    pub priced: vat::Line,
    /// When it was delivered (BG-26): inside the document's period if both are given.
    pub period: Option<Period>,
}

/// A file carried inside the document (BG-24), e.g. the invoice's PDF or the hours.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Attachment {
    /// The document reference (BT-122).
    pub id: String,
    pub description: Option<String>,
    pub filename: String,
    /// One of [`ATTACHMENT_TYPES`] (PEPPOL's subset of IANA media types).
    pub mime: String,
    pub content: Vec<u8>,
}

/// The media types PEPPOL BIS 3 accepts for an embedded attachment.
pub const ATTACHMENT_TYPES: [&str; 6] = [
    "application/pdf",
    "image/png",
    "image/jpeg",
    "text/csv",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "application/vnd.oasis.opendocument.spreadsheet",
];

/// An invoice or credit note, currency NOK.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Document {
    pub kind: Kind,
    /// The number from the series (BT-1).
    pub number: String,
    pub issue_date: Date,
    /// BT-9 (invoices; a UBL credit note has none).
    pub due_date: Option<Date>,
    /// One free-text note (BT-22), e.g. the credit note's reason.
    pub note: Option<String>,
    /// The buyer's reference (BT-10), and/or their purchase order (BT-13): one is required.
    pub buyer_reference: Option<String>,
    pub order_reference: Option<String>,
    /// The invoicing period (BG-14) and/or the delivery date (BT-72): when it was delivered.
    pub period: Option<Period>,
    pub delivery_date: Option<Date>,
    pub seller: Seller,
    pub buyer: Buyer,
    pub payment: Option<Payment>,
    /// Payment terms as text (BT-20), e.g. "14 dager netto".
    pub payment_terms: Option<String>,
    pub lines: Vec<Line>,
    pub attachments: Vec<Attachment>,
    /// Already paid (BT-113).
    pub prepaid_ore: i64,
    pub rounding: Rounding,
}

impl Document {
    /// The document's amounts, as written.
    pub fn totals(&self) -> Result<Totals, AmountError> {
        vat::totals(
            self.lines.iter().map(|l| &l.priced),
            self.prepaid_ore,
            self.rounding,
        )
    }
}

/// Why a document cannot be written as EHF. The name is the EN 16931 term or rule.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum EhfError {
    #[error("amounts: {0}")]
    Amounts(#[from] AmountError),
    #[error("missing: {0}")]
    Missing(&'static str),
    #[error("not valid: {0}")]
    Invalid(&'static str),
}

#[cfg(test)]
mod tests;
