//! What invoicing needs of a customer (part 8): its number, name, organisation number, the
//! invoice settings (`overview::invoice`) and the postal address, then the visiting address, as
//! their fallback (as in the Central Coordinating Register, a firm registers a postal address only
//! when mail goes elsewhere than to its business address), read in the
//! caller's transaction so the snapshot copied onto an issued invoice is the one checked.

use std::collections::HashMap;

use sqlx::AnyConnection;

use crate::{Result, db::Sql};

/// A customer as an invoice's buyer.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct Billing {
    pub customer_id: i64,
    pub customer_number: i64,
    pub name: String,
    pub org_number: Option<String>,
    pub email: Option<String>,
    pub postal_street: Option<String>,
    pub postal_postal_code: Option<String>,
    pub postal_city: Option<String>,
    pub visit_street: Option<String>,
    pub visit_postal_code: Option<String>,
    pub visit_city: Option<String>,
    pub invoice_email: Option<String>,
    pub peppol_id: Option<String>,
    pub invoice_street: Option<String>,
    pub invoice_postal_code: Option<String>,
    pub invoice_city: Option<String>,
    pub our_reference: Option<String>,
    /// `ehf`, `email` or `paper` (the invoice settings' one choice; `email` without settings).
    pub delivery_method: String,
    /// Days from issue to due date (14 without settings).
    pub payment_terms_days: i64,
    /// 1: the customer wants its reference or purchase order number on every invoice.
    pub po_required: i64,
}

/// The columns of [`Billing`], from `customers c` and `invoice_settings s`.
const COLUMNS: &str = "SELECT c.id AS customer_id, c.customer_number, c.name, c.org_number, \
     c.email, c.postal_street, c.postal_postal_code, c.postal_city, c.visit_street, \
     c.visit_postal_code, c.visit_city, s.invoice_email, s.peppol_id, s.invoice_street, \
     s.invoice_postal_code, s.invoice_city, s.our_reference, \
     COALESCE(s.delivery_method, 'email') AS delivery_method, \
     COALESCE(s.payment_terms_days, 14) AS payment_terms_days, \
     COALESCE(s.po_required, 0) AS po_required \
     FROM customers c LEFT JOIN invoice_settings s ON s.customer_id = c.id WHERE ";

/// The customer's billing details, `None` if there is no such customer.
pub async fn billing(conn: &mut AnyConnection, customer_id: i64) -> Result<Option<Billing>> {
    let mut sql = Sql::new(COLUMNS);
    sql.push("c.id = ").bind(customer_id);
    Ok(sql.query_as().fetch_optional(conn).await?)
}

/// The billing details of the customers `ids` (those that exist), a few hundred per statement:
/// what [`billing`] reads for each, for an invoice run's many customers at once.
pub async fn billings(conn: &mut AnyConnection, ids: &[i64]) -> Result<HashMap<i64, Billing>> {
    let mut out = HashMap::with_capacity(ids.len());
    for chunk in ids.chunks(500) {
        let mut sql = Sql::new(COLUMNS);
        sql.push("c.id IN (")
            .bind_list(chunk.iter().copied())
            .push(")");
        let rows: Vec<Billing> = sql.query_as().fetch_all(&mut *conn).await?;
        out.extend(rows.into_iter().map(|b| (b.customer_id, b)));
    }
    Ok(out)
}

/// A present, non-blank value.
fn some(v: &Option<String>) -> Option<String> {
    v.as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
}

impl Billing {
    /// The invoice address (street, postal code, city): the invoice settings' when their street
    /// is filled in, else the postal address when its street is, else the visiting address.
    pub fn invoice_address(&self) -> (Option<String>, Option<String>, Option<String>) {
        if some(&self.invoice_street).is_some() {
            (
                some(&self.invoice_street),
                some(&self.invoice_postal_code),
                some(&self.invoice_city),
            )
        } else if some(&self.postal_street).is_some() {
            (
                some(&self.postal_street),
                some(&self.postal_postal_code),
                some(&self.postal_city),
            )
        } else {
            (
                some(&self.visit_street),
                some(&self.visit_postal_code),
                some(&self.visit_city),
            )
        }
    }

    /// Where invoices are emailed: the invoice email, else the customer's email.
    pub fn invoice_email(&self) -> Option<String> {
        some(&self.invoice_email).or_else(|| some(&self.email))
    }
}

/// A customer as an imported earlier invoice names it (by customer number or organisation
/// number), with who holds it for the access check.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct Named {
    pub id: i64,
    pub customer_number: i64,
    pub name: String,
    pub owner_id: Option<i64>,
    pub department_id: Option<i64>,
}

/// The customer with this customer number or (when `by_org`) organisation number.
pub async fn named(conn: &mut AnyConnection, by_org: bool, value: &str) -> Result<Option<Named>> {
    let sql = if by_org {
        "SELECT id, customer_number, name, owner_id, department_id FROM customers \
         WHERE org_number = $1"
    } else {
        "SELECT id, customer_number, name, owner_id, department_id FROM customers \
         WHERE customer_number = $1"
    };
    let q = sqlx::query_as(sql);
    let q = if by_org {
        q.bind(value.to_string())
    } else {
        q.bind(value.parse::<i64>().unwrap_or(-1))
    };
    Ok(q.fetch_optional(conn).await?)
}
