//! Each line of a file of earlier invoices checked against the database: the customer it names
//! exists and the user may change it, its invoice number was not imported before, its KID is on
//! no other invoice (a bank's payment would match neither), and its PDF was uploaded with it.

use std::collections::HashMap;

use sqlx::AnyConnection;

use super::file::{CustomerRef, FileLine};
use crate::{
    Result,
    auth::Staff,
    customers::{access::can_edit, billing},
    error::Msg,
};

/// The customer a line is for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Target {
    pub customer_id: i64,
    pub customer_number: i64,
    pub customer_name: String,
}

/// Adds every line's errors against the database; the customer of each line found.
pub async fn check(
    conn: &mut AnyConnection,
    user: &Staff,
    lines: &mut [FileLine],
    pdf_names: &[String],
) -> Result<Vec<Option<Target>>> {
    let mut customers: HashMap<CustomerRef, Option<billing::Named>> = HashMap::new();
    let mut targets = Vec::with_capacity(lines.len());
    for l in lines.iter_mut() {
        let Some(row) = l.row.clone() else {
            targets.push(None);
            continue;
        };
        if !customers.contains_key(&row.customer) {
            let found = match &row.customer {
                CustomerRef::Number(n) => billing::named(conn, false, &n.to_string()).await?,
                CustomerRef::OrgNumber(o) => billing::named(conn, true, o).await?,
            };
            customers.insert(row.customer.clone(), found);
        }
        let target = match customers.get(&row.customer).cloned().flatten() {
            None => {
                l.errors.push(Msg::new("earlier-import-customer-unknown"));
                None
            }
            Some(c) if !can_edit(user, c.owner_id, c.department_id) => {
                l.errors.push(Msg::new("earlier-import-customer-not-yours"));
                None
            }
            Some(c) => Some(Target {
                customer_id: c.id,
                customer_number: c.customer_number,
                customer_name: c.name,
            }),
        };
        let (exists,): (i64,) = sqlx::query_as(
            "SELECT COUNT(*) FROM invoices WHERE kind = 'invoice' AND origin = 'earlier' \
             AND number = $1",
        )
        .bind(row.invoice_number)
        .fetch_one(&mut *conn)
        .await?;
        if exists > 0 {
            l.errors.push(Msg::new("earlier-import-number-exists"));
        }
        if let Some(kid) = &row.kid {
            let (used,): (i64,) = sqlx::query_as(
                "SELECT COUNT(*) FROM invoices WHERE kid = $1 AND kind = 'invoice' \
                 AND status = 'issued'",
            )
            .bind(kid)
            .fetch_one(&mut *conn)
            .await?;
            if used > 0 {
                l.errors.push(Msg::new("earlier-import-kid-exists"));
            }
        }
        if let Some(pdf) = &row.pdf
            && !pdf_names.iter().any(|n| n == pdf)
        {
            l.errors
                .push(Msg::new("earlier-import-pdf-missing").arg("name", pdf));
        }
        if !l.errors.is_empty() {
            l.row = None;
        }
        targets.push(target);
    }
    Ok(targets)
}
