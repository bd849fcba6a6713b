//! Contacts in the database. Every change is audited on the customer's card, in the same
//! transaction; at most one active main contact per customer (a partial unique index backs it).

use serde::Serialize;
use sqlx::AnyConnection;

use super::model::ContactData;
use crate::{
    Result,
    audit::{self, Change},
    collate::sort_key,
    customers::access::Visibility,
    db::{Db, Sql},
    norway::mobile::format_mobile,
    timefmt::now,
};

#[derive(Clone, Debug, Serialize, sqlx::FromRow, utoipa::ToSchema)]
pub struct Contact {
    pub id: i64,
    pub customer_id: i64,
    pub first_name: String,
    pub last_name: String,
    pub position: Option<String>,
    pub department: Option<String>,
    pub email: Option<String>,
    /// E.164, e.g. `+4791234567`.
    pub mobile: Option<String>,
    pub phone: Option<String>,
    pub is_main: i64,
    pub active: i64,
    pub notes: Option<String>,
    pub version: i64,
    pub created_at: i64,
    pub updated_at: i64,
    /// Portal access: `none`, `invited` (no password yet), `active` or `blocked`.
    pub portal: String,
    pub portal_rights: Option<String>,
}

impl Contact {
    pub fn name(&self) -> String {
        format!("{} {}", self.first_name, self.last_name)
    }
    pub fn mobile_text(&self) -> String {
        self.mobile
            .as_deref()
            .map(format_mobile)
            .unwrap_or_default()
    }
    pub fn to_draft(&self) -> super::model::ContactDraft {
        let s = |v: &Option<String>| v.clone().unwrap_or_default();
        super::model::ContactDraft {
            first_name: self.first_name.clone(),
            last_name: self.last_name.clone(),
            position: s(&self.position),
            department: s(&self.department),
            email: s(&self.email),
            mobile: self.mobile_text(),
            phone: s(&self.phone),
            is_main: if self.is_main == 1 {
                "1".into()
            } else {
                String::new()
            },
            notes: s(&self.notes),
        }
    }
}

const COLUMNS: &str = "k.id, k.customer_id, k.first_name, k.last_name, k.position, k.department, k.email, \
    k.mobile, k.phone, k.is_main, k.active, k.notes, k.version, k.created_at, k.updated_at, \
    CASE WHEN p.contact_id IS NULL THEN 'none' WHEN p.active = 0 THEN 'blocked' \
         WHEN p.password_hash IS NULL THEN 'invited' ELSE 'active' END AS portal, p.rights AS portal_rights";
const FROM: &str = " FROM contacts k LEFT JOIN portal_accounts p ON p.contact_id = k.id";

pub async fn list_for_customer(
    db: &Db,
    customer_id: i64,
    include_inactive: bool,
) -> Result<Vec<Contact>> {
    let mut sql = Sql::new(&format!("SELECT {COLUMNS}{FROM} WHERE k.customer_id = "));
    sql.bind(customer_id);
    if !include_inactive {
        sql.push(" AND k.active = 1");
    }
    sql.push(" ORDER BY k.is_main DESC, k.sort_name, k.id");
    Ok(sql.query_as().fetch_all(&db.pool).await?)
}

pub async fn get(db: &Db, customer_id: i64, id: i64) -> Result<Option<Contact>> {
    let mut sql = Sql::new(&format!("SELECT {COLUMNS}{FROM} WHERE k.id = "));
    sql.bind(id).push(" AND k.customer_id = ").bind(customer_id);
    Ok(sql.query_as().fetch_optional(&db.pool).await?)
}

/// A contact by id alone (API), with the customer it belongs to checked by the caller.
pub async fn get_any(db: &Db, id: i64) -> Result<Option<Contact>> {
    let mut sql = Sql::new(&format!("SELECT {COLUMNS}{FROM} WHERE k.id = "));
    sql.bind(id);
    Ok(sql.query_as().fetch_optional(&db.pool).await?)
}

fn audit_fields(d: &ContactData) -> Vec<(&'static str, Option<String>)> {
    vec![
        ("first_name", Some(d.first_name.clone())),
        ("last_name", Some(d.last_name.clone())),
        ("position", d.position.clone()),
        ("department", d.department.clone()),
        ("email", d.email.clone()),
        ("mobile", d.mobile.clone()),
        ("phone", d.phone.clone()),
        (
            "is_main",
            Some(if d.is_main { "1" } else { "0" }.to_string()),
        ),
        ("notes", d.notes.clone()),
    ]
}

/// The text a contact is searched by (names, email, numbers, position), lower-cased.
pub(crate) fn search_text(d: &ContactData) -> String {
    [
        Some(d.first_name.as_str()),
        Some(d.last_name.as_str()),
        d.email.as_deref(),
        d.mobile.as_deref(),
        d.phone.as_deref(),
        d.position.as_deref(),
    ]
    .into_iter()
    .flatten()
    .collect::<Vec<_>>()
    .join(" ")
    .to_lowercase()
}

/// The key contacts sort by: last name, then first name ([`sort_key`]).
pub(crate) fn sort_name(d: &ContactData) -> String {
    sort_key(&format!("{} {}", d.last_name, d.first_name))
}

/// Other contacts of the customer with the same email or the same name: worth a warning.
pub async fn possible_duplicates(
    db: &Db,
    customer_id: i64,
    except: Option<i64>,
    d: &ContactData,
) -> Result<Vec<String>> {
    let rows: Vec<(i64, String, String, Option<String>)> = sqlx::query_as(
        "SELECT id, first_name, last_name, email FROM contacts WHERE customer_id = $1 AND active = 1",
    )
    .bind(customer_id)
    .fetch_all(&db.pool)
    .await?;
    Ok(rows
        .into_iter()
        .filter(|(id, ..)| Some(*id) != except)
        .filter(|(_, first, last, email)| {
            let same_name = first.to_lowercase() == d.first_name.to_lowercase()
                && last.to_lowercase() == d.last_name.to_lowercase();
            let same_email = d.email.is_some() && email.as_deref() == d.email.as_deref();
            same_name || same_email
        })
        .map(|(_, first, last, email)| match email {
            Some(e) => format!("{first} {last} ({e})"),
            None => format!("{first} {last}"),
        })
        .collect())
}

async fn clear_main(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    customer_id: i64,
    except: i64,
) -> Result<()> {
    sqlx::query(
        "UPDATE contacts SET is_main = 0 WHERE customer_id = $1 AND id <> $2 AND is_main = 1",
    )
    .bind(customer_id)
    .bind(except)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

pub async fn create(db: &Db, user_id: i64, customer_id: i64, d: &ContactData) -> Result<i64> {
    let mut tx = db.begin().await?;
    // Not main yet: the customer's main contact changes below, in this transaction.
    let id = insert(&mut tx, customer_id, d, false, Some(user_id), now()).await?;
    if d.is_main {
        clear_main(&mut tx, customer_id, id).await?;
        sqlx::query("UPDATE contacts SET is_main = 1 WHERE id = $1")
            .bind(id)
            .execute(&mut *tx)
            .await?;
    }
    let changes: Vec<Change> = audit_fields(d)
        .into_iter()
        .filter(|(_, v)| v.is_some())
        .map(|(f, v)| Change {
            field: f.to_string(),
            old: None,
            new: v,
        })
        .collect();
    audit::record(
        &mut tx,
        customer_id,
        "contact",
        id,
        "contact-create",
        &changes,
        Some(user_id),
    )
    .await?;
    // The contact search keeps what matched for a few seconds: not past this change.
    db.commit_and_recount(tx).await?;
    Ok(id)
}

/// Writes a new active contact, without an audit entry: [`create`] is the one to call, except
/// for the demo data (which has no author, and whose history starts empty).
pub async fn insert(
    conn: &mut AnyConnection,
    customer_id: i64,
    d: &ContactData,
    is_main: bool,
    created_by: Option<i64>,
    now: i64,
) -> Result<i64> {
    let (id,): (i64,) = sqlx::query_as(
        "INSERT INTO contacts (customer_id, first_name, last_name, position, department, email, mobile, phone, \
         is_main, active, notes, search_text, sort_name, version, created_at, created_by, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 1, $10, $11, $12, 1, $13, $14, $13) RETURNING id",
    )
    .bind(customer_id)
    .bind(&d.first_name)
    .bind(&d.last_name)
    .bind(&d.position)
    .bind(&d.department)
    .bind(&d.email)
    .bind(&d.mobile)
    .bind(&d.phone)
    .bind(i64::from(is_main))
    .bind(&d.notes)
    .bind(search_text(d))
    .bind(sort_name(d))
    .bind(now)
    .bind(created_by)
    .fetch_one(&mut *conn)
    .await?;
    super::name_words::insert(conn, id, &sort_name(d)).await?;
    Ok(id)
}

/// Saves `d` over `current` unless someone saved since `expected_version`; `Ok(false)` when stale.
pub async fn update(
    db: &Db,
    user_id: i64,
    current: &Contact,
    expected_version: i64,
    d: &ContactData,
) -> Result<bool> {
    let old = current.to_draft().validate().ok();
    let mut tx = db.begin().await?;
    if d.is_main {
        clear_main(&mut tx, current.customer_id, current.id).await?;
    }
    let done = sqlx::query(
        "UPDATE contacts SET first_name = $1, last_name = $2, position = $3, department = $4, email = $5, \
         mobile = $6, phone = $7, is_main = $8, notes = $9, search_text = $10, sort_name = $11, \
         version = version + 1, updated_at = $12 WHERE id = $13 AND version = $14",
    )
    .bind(&d.first_name)
    .bind(&d.last_name)
    .bind(&d.position)
    .bind(&d.department)
    .bind(&d.email)
    .bind(&d.mobile)
    .bind(&d.phone)
    .bind(i64::from(d.is_main))
    .bind(&d.notes)
    .bind(search_text(d))
    .bind(sort_name(d))
    .bind(now())
    .bind(current.id)
    .bind(expected_version)
    .execute(&mut *tx)
    .await?;
    if done.rows_affected() == 0 {
        return Ok(false);
    }
    super::name_words::replace(&mut tx, current.id, &sort_name(d)).await?;
    let changes = old
        .map(|o| audit::diff(audit_fields(&o), audit_fields(d)))
        .unwrap_or_default();
    audit::record(
        &mut tx,
        current.customer_id,
        "contact",
        current.id,
        "contact-update",
        &changes,
        Some(user_id),
    )
    .await?;
    // The contact search keeps what matched for a few seconds: not past this change.
    db.commit_and_recount(tx).await?;
    Ok(true)
}

/// Deactivates or reactivates; deactivation ends the contact's portal sessions at once.
pub async fn set_active(db: &Db, user_id: i64, c: &Contact, active: bool) -> Result<()> {
    let mut tx = db.begin().await?;
    sqlx::query("UPDATE contacts SET active = $1, is_main = CASE WHEN $1 = 0 THEN 0 ELSE is_main END, version = version + 1, updated_at = $2 WHERE id = $3")
        .bind(i64::from(active))
        .bind(now())
        .bind(c.id)
        .execute(&mut *tx)
        .await?;
    if !active {
        sqlx::query("DELETE FROM sessions WHERE contact_id = $1")
            .bind(c.id)
            .execute(&mut *tx)
            .await?;
    }
    let change = Change {
        field: "active".into(),
        old: Some(c.active.to_string()),
        new: Some(i64::from(active).to_string()),
    };
    let action = if active {
        "contact-activate"
    } else {
        "contact-deactivate"
    };
    audit::record(
        &mut tx,
        c.customer_id,
        "contact",
        c.id,
        action,
        &[change],
        Some(user_id),
    )
    .await?;
    // The contact search keeps what matched for a few seconds: not past this change.
    db.commit_and_recount(tx).await?;
    Ok(())
}

/// A contact found by the global search, with its customer.
#[derive(Debug, Serialize, sqlx::FromRow)]
pub struct Found {
    pub id: i64,
    pub customer_id: i64,
    pub customer_name: String,
    pub first_name: String,
    pub last_name: String,
    pub position: Option<String>,
    pub email: Option<String>,
    pub mobile: Option<String>,
    pub active: i64,
}

/// Searches contacts of every customer the user may see, ranked by their own name (the name
/// starts with the first long word typed, a later word of it does, anything else; then by name),
/// read rank by rank when many match ([`super::ranked`]).
pub async fn search_all(
    db: &Db,
    visibility: Visibility,
    query: &str,
    limit: i64,
) -> Result<Vec<Found>> {
    super::ranked::search(db, visibility, query, limit, None).await
}

/// [`search_all`], read on after the contact `after` (the last of the page before) in the
/// same order — as cheap however deep. A contact the user may not see, or gone, starts over.
pub async fn search_all_after(
    db: &Db,
    visibility: Visibility,
    query: &str,
    limit: i64,
    after: Option<i64>,
) -> Result<Vec<Found>> {
    let anchor = match after {
        Some(id) => super::ranked::Anchor::of(db, visibility, query, id).await?,
        None => None,
    };
    super::ranked::search(db, visibility, query, limit, anchor.as_ref()).await
}

/// The active contacts of the customers `user_id` is responsible for (the contacts page before
/// anything is typed), by customer and name: read by the owner's customer index, then each
/// customer's contacts by theirs. With `after` (the last contact of the page before), the rows
/// after it in that order (keyset paging, decision 0074: as cheap however deep); a contact that
/// is gone, inactive or no longer at one of the user's customers starts over.
pub async fn of_own_customers(
    db: &Db,
    user_id: i64,
    limit: i64,
    after: Option<i64>,
) -> Result<Vec<Found>> {
    const WHERE: &str = " FROM customers c JOIN contacts k ON k.customer_id = c.id \
         WHERE c.owner_id = ";
    const OWN: &str = " AND k.active = 1 AND k.anonymised_at IS NULL";
    let anchor: Option<(String, i64, String, i64)> = match after {
        Some(id) => {
            let mut sql = Sql::new(&format!(
                "SELECT c.sort_name, c.id, k.sort_name, k.id{WHERE}"
            ));
            sql.bind(user_id).push(OWN).push(" AND k.id = ").bind(id);
            sql.query_as().fetch_optional(&db.pool).await?
        }
        None => None,
    };
    let mut sql = Sql::new(&format!(
        "SELECT k.id, k.customer_id, c.name AS customer_name, k.first_name, k.last_name, \
         k.position, k.email, k.mobile, k.active{WHERE}"
    ));
    sql.bind(user_id).push(OWN);
    if let Some((customer_key, customer_id, contact_key, contact_id)) = anchor {
        // `c.sort_name >= v` is the range of the owner index `(owner_id, sort_name[, id])`; the rest
        // drops what lies before the anchor in (customer name, customer, contact name, contact).
        sql.push(" AND c.sort_name >= ")
            .bind(customer_key.clone())
            .push(" AND (c.sort_name > ")
            .bind(customer_key)
            .push(" OR c.id > ")
            .bind(customer_id)
            .push(" OR (c.id = ")
            .bind(customer_id)
            .push(" AND (k.sort_name > ")
            .bind(contact_key.clone())
            .push(" OR (k.sort_name = ")
            .bind(contact_key)
            .push(" AND k.id > ")
            .bind(contact_id)
            .push("))))");
    }
    sql.push(" ORDER BY c.sort_name, c.id, k.sort_name, k.id")
        .limit(limit);
    Ok(sql.query_as().fetch_all(&db.pool).await?)
}
