//! The firm as seller (decision 0027). The profile is configuration (`KUNDEKORT_SELLER_*`,
//! checked at start-up in `config::SellerConfig`, with demo values until set) and is shown
//! read-only at `/admin/invoicing` (`documents::pages`); this turns it into what the documents
//! state: EHF's seller (BG-4) here, the PDF's header in `documents::pdf`.

pub use crate::config::{DEFAULT_KID_RULE, SellerConfig};
use crate::ehf::{self, Address, Contact};

/// The seller as EHF states it.
pub fn seller(s: &SellerConfig) -> ehf::Seller {
    ehf::Seller {
        name: s.name.clone(),
        trading_name: None,
        org_number: s.org_number.clone(),
        vat_registered: s.vat_registered,
        foretaksregisteret: s.foretaksregisteret,
        address: Address {
            street: Some(s.street.clone()),
            additional_street: None,
            postal_code: Some(s.postal_code.clone()),
            city: Some(s.city.clone()),
            country: s.country.clone(),
        },
        contact: Contact {
            name: None,
            phone: s.phone.clone(),
            email: s.email.clone(),
        },
    }
}
