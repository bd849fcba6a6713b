//! What other features read of a customer's contacts — names for pickers and filters, counts for
//! the overview, whether a contact is the customer's — so that no feature writes its own SQL
//! against the contacts table.

use sqlx::AnyConnection;

use crate::{
    Result,
    db::{Db, Sql},
};

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

/// Contacts' names as (id, "First Last"), by last name as the database sorts: those of `ids`
/// that exist (an activity's contacts, whom a history entry is about). One query for up to
/// 10 000 ids (the most parameters both databases take, with room to spare).
pub async fn names_of(db: &Db, ids: &[i64]) -> Result<Vec<(i64, String)>> {
    let mut ids = ids.to_vec();
    ids.sort_unstable();
    ids.dedup();
    let mut found = Vec::new();
    for chunk in ids.chunks(10_000) {
        let mut sql =
            Sql::new("SELECT id, first_name || ' ' || last_name FROM contacts WHERE id IN (");
        sql.bind_list(chunk.iter().copied()).push(")");
        sql.push(" ORDER BY last_name, first_name");
        let mut rows: Vec<(i64, String)> = sql.query_as().fetch_all(&db.pool).await?;
        found.append(&mut rows);
    }
    Ok(found)
}

/// Where a message to a contact goes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Address {
    Email,
    Mobile,
}

/// A contact who can be written to at an [`Address`].
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct Reachable {
    pub id: i64,
    pub customer_id: i64,
    pub first_name: String,
    pub last_name: String,
    /// The email address or the mobile number.
    pub address: String,
    pub is_main: i64,
}

impl Reachable {
    pub fn name(&self) -> String {
        format!("{} {}", self.first_name, self.last_name)
    }
}

/// The active contacts of these customers who have the address (only main contacts when
/// `main_only`), by customer, main contact first, then by last name.
pub async fn reachable(
    db: &Db,
    customer_ids: &[i64],
    address: Address,
    main_only: bool,
) -> Result<Vec<Reachable>> {
    let column = match address {
        Address::Email => "email",
        Address::Mobile => "mobile",
    };
    let mut found = Vec::new();
    for chunk in customer_ids.chunks(500) {
        let mut sql = Sql::new(&format!(
            "SELECT id, customer_id, first_name, last_name, {column} AS address, is_main FROM contacts \
             WHERE active = 1 AND {column} IS NOT NULL AND {column} <> ''"
        ));
        if main_only {
            sql.push(" AND is_main = 1");
        }
        sql.push(" AND customer_id IN (");
        sql.bind_list(chunk.iter().copied()).push(")");
        sql.push(" ORDER BY customer_id, is_main DESC, last_name, first_name");
        let mut rows: Vec<Reachable> = sql.query_as().fetch_all(&db.pool).await?;
        found.append(&mut rows);
    }
    Ok(found)
}

/// A customer's main contact, as the caller's transaction sees it (the demo data).
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct MainContact {
    pub id: i64,
    pub first_name: String,
    pub last_name: String,
    pub email: Option<String>,
    pub mobile: Option<String>,
}

pub async fn main_contact(
    conn: &mut AnyConnection,
    customer_id: i64,
) -> Result<Option<MainContact>> {
    Ok(sqlx::query_as(
        "SELECT id, first_name, last_name, email, mobile FROM contacts \
         WHERE customer_id = $1 AND is_main = 1",
    )
    .bind(customer_id)
    .fetch_optional(&mut *conn)
    .await?)
}

/// A contact found by mobile number (an SMS reply), not anonymised.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct ByMobile {
    pub id: i64,
    pub customer_id: i64,
    pub name: String,
    pub active: i64,
}

/// Every contact with this mobile number (E.164) who has not been anonymised, newest first.
pub async fn by_mobile(db: &Db, mobile: &str) -> Result<Vec<ByMobile>> {
    Ok(sqlx::query_as(
        "SELECT id, customer_id, first_name || ' ' || last_name AS name, active FROM contacts \
         WHERE mobile = $1 AND anonymised_at IS NULL ORDER BY id DESC",
    )
    .bind(mobile)
    .fetch_all(&db.pool)
    .await?)
}

/// Where a contact can be told something, as the caller's transaction sees it: their email and
/// mobile, and their portal rights when they log in to the portal (an active account whose
/// invitation was accepted) — timesheet approvers are told by email or SMS (`timesheets::notify`).
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct Addresses {
    pub id: i64,
    pub customer_id: i64,
    pub first_name: String,
    pub last_name: String,
    pub email: Option<String>,
    /// E.164.
    pub mobile: Option<String>,
    pub active: i64,
    /// As stored; `None` without a portal log-in.
    pub portal_rights: Option<String>,
    pub login_email: Option<String>,
}

impl Addresses {
    pub fn name(&self) -> String {
        format!("{} {}", self.first_name, self.last_name)
    }
}

pub async fn addresses(conn: &mut AnyConnection, contact_id: i64) -> Result<Option<Addresses>> {
    Ok(sqlx::query_as(
        "SELECT k.id, k.customer_id, k.first_name, k.last_name, k.email, k.mobile, k.active, \
         CASE WHEN p.active = 1 AND p.password_hash IS NOT NULL THEN p.rights END AS portal_rights, \
         CASE WHEN p.active = 1 AND p.password_hash IS NOT NULL THEN p.login_email END AS login_email \
         FROM contacts k LEFT JOIN portal_accounts p ON p.contact_id = k.id WHERE k.id = $1",
    )
    .bind(contact_id)
    .fetch_optional(&mut *conn)
    .await?)
}
