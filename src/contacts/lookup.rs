//! What other features read of a customer's contacts — names for pickers and filters, counts for
//! the overview, whether a contact is the customer's — so that no feature writes its own SQL
//! against the contacts table.

use sqlx::AnyConnection;

use crate::{Result, db::Db};

/// Which of the customer's contacts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Which {
    /// Everyone, also those no longer active (filters over old messages and activities).
    All,
    /// Only active contacts (choosing someone for something new).
    Active,
}

/// The customer's contacts as (id, "First Last"), by last name.
pub async fn names(db: &Db, customer_id: i64, which: Which) -> Result<Vec<(i64, String)>> {
    let sql = match which {
        Which::All => {
            "SELECT id, first_name || ' ' || last_name FROM contacts WHERE customer_id = $1 \
             ORDER BY last_name, first_name"
        }
        Which::Active => {
            "SELECT id, first_name || ' ' || last_name FROM contacts WHERE customer_id = $1 \
             AND active = 1 ORDER BY last_name, first_name"
        }
    };
    Ok(sqlx::query_as(sql)
        .bind(customer_id)
        .fetch_all(&db.pool)
        .await?)
}

/// How many active contacts the customer has, and how many of them have portal access.
pub async fn counts(db: &Db, customer_id: i64) -> Result<(i64, i64)> {
    let (active,): (i64,) =
        sqlx::query_as("SELECT COUNT(*) FROM contacts WHERE customer_id = $1 AND active = 1")
            .bind(customer_id)
            .fetch_one(&db.pool)
            .await?;
    let (portal,): (i64,) = sqlx::query_as(
        "SELECT COUNT(*) FROM portal_accounts p JOIN contacts k ON k.id = p.contact_id \
         WHERE k.customer_id = $1 AND p.active = 1",
    )
    .bind(customer_id)
    .fetch_one(&db.pool)
    .await?;
    Ok((active, portal))
}

/// Whether the contact is one of the customer's, as the caller's transaction sees it.
pub async fn belongs_to(
    conn: &mut AnyConnection,
    contact_id: i64,
    customer_id: i64,
) -> Result<bool> {
    let found: Option<(i64,)> =
        sqlx::query_as("SELECT id FROM contacts WHERE id = $1 AND customer_id = $2")
            .bind(contact_id)
            .bind(customer_id)
            .fetch_optional(&mut *conn)
            .await?;
    Ok(found.is_some())
}
