//! Customers in the database: create, update (optimistic locking, audit in the same
//! transaction), load one, and the card's change history. The writes run in the caller's
//! transaction, which commits with `Db::commit_and_recount` (a customer changes list totals).

use serde::Serialize;
use sqlx::{AnyConnection, Connection};

use super::{
    access::Visibility,
    model::{CustomerData, search_text},
};
use crate::audit::Change;
use crate::{
    AppError, Result, audit,
    collate::sort_key,
    db::{self, Db, Sql},
    error::{FieldErrors, Msg},
    timefmt::now,
};

/// A customer as stored, with the names of its owner and department.
#[derive(Clone, Debug, Serialize, sqlx::FromRow, utoipa::ToSchema)]
pub struct Customer {
    pub id: i64,
    pub customer_number: i64,
    pub name: String,
    pub org_number: Option<String>,
    pub status: String,
    pub owner_id: Option<i64>,
    pub owner_name: Option<String>,
    pub department_id: Option<i64>,
    pub department_name: Option<String>,
    pub industry_code: Option<String>,
    pub industry_text: Option<String>,
    pub visit_street: Option<String>,
    pub visit_postal_code: Option<String>,
    pub visit_city: Option<String>,
    pub postal_street: Option<String>,
    pub postal_postal_code: Option<String>,
    pub postal_city: Option<String>,
    pub municipality_no: Option<String>,
    pub county_no: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub website: Option<String>,
    /// Increases with every change; send it back to detect stale edits.
    pub version: i64,
    pub created_at: i64,
    pub updated_at: i64,
}

pub(super) const CUSTOMER_COLUMNS: &str = "c.id, c.customer_number, c.name, c.org_number, c.status, \
    c.owner_id, u.name AS owner_name, c.department_id, d.name AS department_name, \
    c.industry_code, c.industry_text, c.visit_street, c.visit_postal_code, c.visit_city, \
    c.postal_street, c.postal_postal_code, c.postal_city, c.municipality_no, c.county_no, \
    c.email, c.phone, c.website, c.version, c.created_at, c.updated_at";

pub(super) const CUSTOMER_FROM: &str = " FROM customers c LEFT JOIN users u ON u.id = c.owner_id LEFT JOIN departments d ON d.id = c.department_id";

/// Loads a customer the user may see; `None` both when it does not exist and when it is
/// out of the user's sight (so a guessed id tells nothing).
pub async fn get(db: &Db, visibility: Visibility, id: i64) -> Result<Option<Customer>> {
    Ok(select_by(visibility, "id", id)
        .query_as::<Customer>()
        .fetch_optional(&db.pool)
        .await?)
}

/// The customer whose `column` (a fixed name) is `value`, if `visibility` lets the user see it.
fn select_by(visibility: Visibility, column: &str, value: impl Into<db::Arg>) -> Sql {
    let mut sql = Sql::new(&format!(
        "SELECT {CUSTOMER_COLUMNS}{CUSTOMER_FROM} WHERE c.{column} = "
    ));
    sql.bind(value);
    visibility.push_filter(&mut sql, "c");
    sql
}

impl Customer {
    /// The stored values as a draft, for edit forms and for JSON PATCH.
    pub fn to_draft(&self) -> super::model::CustomerDraft {
        let s = |v: &Option<String>| v.clone().unwrap_or_default();
        super::model::CustomerDraft {
            name: self.name.clone(),
            org_number: s(&self.org_number),
            status: self.status.clone(),
            owner_id: self.owner_id.map(|v| v.to_string()).unwrap_or_default(),
            department_id: self
                .department_id
                .map(|v| v.to_string())
                .unwrap_or_default(),
            industry_code: s(&self.industry_code),
            industry_text: s(&self.industry_text),
            visit_street: s(&self.visit_street),
            visit_postal_code: s(&self.visit_postal_code),
            postal_street: s(&self.postal_street),
            postal_postal_code: s(&self.postal_postal_code),
            email: s(&self.email),
            phone: s(&self.phone),
            website: s(&self.website),
        }
    }
}

/// Field-by-field values for the audit trail (what a person would call the field's value).
fn audit_fields(d: &CustomerData) -> Vec<(&'static str, Option<String>)> {
    vec![
        ("name", Some(d.name.clone())),
        ("org_number", d.org_number.clone()),
        ("status", Some(d.status.as_str().to_string())),
        ("owner_id", d.owner_id.map(|v| v.to_string())),
        ("department_id", d.department_id.map(|v| v.to_string())),
        ("industry_code", d.industry_code.clone()),
        ("industry_text", d.industry_text.clone()),
        ("visit_street", d.visit_street.clone()),
        ("visit_postal_code", d.visit_postal_code.clone()),
        ("postal_street", d.postal_street.clone()),
        ("postal_postal_code", d.postal_postal_code.clone()),
        ("email", d.email.clone()),
        ("phone", d.phone.clone()),
        ("website", d.website.clone()),
    ]
}

fn diff(old: &CustomerData, new: &CustomerData) -> Vec<Change> {
    audit::diff(audit_fields(old), audit_fields(new))
}

/// Checks that the chosen owner and department exist (and the owner is active).
async fn check_references(conn: &mut AnyConnection, data: &CustomerData) -> Result<()> {
    let mut errors = FieldErrors::default();
    if let Some(owner) = data.owner_id {
        let found: Option<(i64,)> =
            sqlx::query_as("SELECT id FROM users WHERE id = $1 AND active = 1")
                .bind(owner)
                .fetch_optional(&mut *conn)
                .await?;
        if found.is_none() {
            errors.add("owner_id", Msg::new("field-invalid-choice"));
        }
    }
    if let Some(dep) = data.department_id {
        let found: Option<(i64,)> = sqlx::query_as("SELECT id FROM departments WHERE id = $1")
            .bind(dep)
            .fetch_optional(&mut *conn)
            .await?;
        if found.is_none() {
            errors.add("department_id", Msg::new("field-invalid-choice"));
        }
    }
    errors.into_result()
}

/// Maps a unique-constraint violation on the organisation number to a field message. The
/// existing customer is named only when `visibility` lets the user see it; otherwise the message
/// says just that the number is taken, so a typed number tells nothing about hidden customers.
/// `conn` must be usable again (the failed statement's savepoint rolled back).
async fn duplicate_org_number(
    conn: &mut AnyConnection,
    visibility: Visibility,
    err: sqlx::Error,
    org_number: Option<&str>,
) -> AppError {
    if db::is_unique_violation(&err, "org_number") {
        let existing = match org_number {
            Some(org) => select_by(visibility, "org_number", org.to_string())
                .query_as::<Customer>()
                .fetch_optional(&mut *conn)
                .await
                .ok()
                .flatten(),
            None => None,
        };
        let mut errors = FieldErrors::default();
        let msg = match existing {
            Some(c) => Msg::new("orgnr-duplicate")
                .arg("name", c.name)
                .arg("number", c.customer_number),
            None => Msg::new("orgnr-duplicate-unknown"),
        };
        errors.add("org_number", msg);
        return AppError::Invalid(errors);
    }
    AppError::Database(err)
}

/// The customer with this organisation number, if there is one and the user may see it.
pub async fn visible_with_org_number(
    db: &Db,
    visibility: Visibility,
    org_number: &str,
) -> Result<Option<Customer>> {
    Ok(select_by(visibility, "org_number", org_number.to_string())
        .query_as::<Customer>()
        .fetch_optional(&db.pool)
        .await?)
}

async fn upsert_industry(conn: &mut AnyConnection, data: &CustomerData) -> Result<()> {
    if let (Some(code), Some(text)) = (&data.industry_code, &data.industry_text) {
        // Portable upsert: both SQLite and PostgreSQL know ON CONFLICT.
        sqlx::query("INSERT INTO industries (code, name) VALUES ($1, $2) ON CONFLICT (code) DO UPDATE SET name = $2")
            .bind(code)
            .bind(text)
            .execute(&mut *conn)
            .await?;
    }
    Ok(())
}

/// Records a change to customer data (the customer itself, or something on its card).
pub(crate) async fn write_audit(
    conn: &mut AnyConnection,
    customer_id: i64,
    action: &str,
    changes: &[Change],
    user_id: Option<i64>,
) -> Result<()> {
    audit::record(
        conn,
        customer_id,
        "customer",
        customer_id,
        action,
        changes,
        user_id,
    )
    .await
}

/// Creates a customer in the caller's transaction; returns its id. `visibility` is what the
/// creating user may see (it decides whether a clashing organisation number may name the
/// customer that has it).
pub async fn create(
    conn: &mut AnyConnection,
    visibility: Visibility,
    user_id: Option<i64>,
    data: &CustomerData,
) -> Result<i64> {
    check_references(conn, data).await?;
    let number = db::next_number(conn, "customer_number", 10001).await?;
    let now = now();
    // A savepoint, so that a clashing organisation number leaves the transaction usable
    // (PostgreSQL refuses every statement after a failed one) for naming the other customer.
    let mut insert = conn.begin().await?;
    let inserted: std::result::Result<(i64,), sqlx::Error> = sqlx::query_as(
        "INSERT INTO customers (customer_number, name, org_number, status, owner_id, department_id, \
         industry_code, industry_text, visit_street, visit_postal_code, visit_city, postal_street, \
         postal_postal_code, postal_city, municipality_no, county_no, email, phone, website, \
         search_text, sort_name, version, created_at, created_by, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, \
         $20, $21, 1, $22, $23, $22) RETURNING id",
    )
    .bind(number)
    .bind(&data.name)
    .bind(&data.org_number)
    .bind(data.status.as_str())
    .bind(data.owner_id)
    .bind(data.department_id)
    .bind(&data.industry_code)
    .bind(&data.industry_text)
    .bind(&data.visit_street)
    .bind(&data.visit_postal_code)
    .bind(&data.visit_city)
    .bind(&data.postal_street)
    .bind(&data.postal_postal_code)
    .bind(&data.postal_city)
    .bind(&data.municipality_no)
    .bind(&data.county_no)
    .bind(&data.email)
    .bind(&data.phone)
    .bind(&data.website)
    .bind(search_text(data, number))
    .bind(sort_key(&data.name))
    .bind(now)
    .bind(user_id)
    .fetch_one(&mut *insert)
    .await;
    let (id,) = match inserted {
        Ok(row) => {
            insert.commit().await?;
            row
        }
        Err(err) => {
            insert.rollback().await?;
            return Err(
                duplicate_org_number(conn, visibility, err, data.org_number.as_deref()).await,
            );
        }
    };
    crate::customers::name_words::insert(conn, id, &sort_key(&data.name)).await?;
    upsert_industry(conn, data).await?;
    let empty = CustomerData {
        name: String::new(),
        ..data.clone()
    };
    let changes: Vec<Change> = audit_fields(data)
        .into_iter()
        .zip(audit_fields(&empty))
        .filter(|((_, v), _)| v.is_some())
        .map(|((field, v), _)| Change {
            field: field.to_string(),
            old: None,
            new: v,
        })
        .collect();
    write_audit(conn, id, "create", &changes, user_id).await?;
    Ok(id)
}

/// What an update found.
#[derive(Debug)]
pub enum Updated {
    /// Saved; the changes made (possibly none).
    Saved(Vec<Change>),
    /// Someone else saved first: the customer as it is now.
    Stale(Box<Customer>),
}

/// Saves `data` over customer `current` in the caller's transaction if nobody has changed it
/// since `expected_version`. `visibility` is what the user may see, as for [`create`].
pub async fn update(
    conn: &mut AnyConnection,
    visibility: Visibility,
    user_id: i64,
    current: &Customer,
    expected_version: i64,
    data: &CustomerData,
) -> Result<Updated> {
    let old = current
        .to_draft()
        .validate()
        .map_err(|_| anyhow::anyhow!("stored customer {} does not validate", current.id));
    check_references(conn, data).await?;
    let now = now();
    let mut save = conn.begin().await?;
    let result = sqlx::query(
        "UPDATE customers SET name = $1, org_number = $2, status = $3, owner_id = $4, department_id = $5, \
         industry_code = $6, industry_text = $7, visit_street = $8, visit_postal_code = $9, visit_city = $10, \
         postal_street = $11, postal_postal_code = $12, postal_city = $13, municipality_no = $14, \
         county_no = $15, email = $16, phone = $17, website = $18, search_text = $19, sort_name = $20, \
         version = version + 1, updated_at = $21 WHERE id = $22 AND version = $23",
    )
    .bind(&data.name)
    .bind(&data.org_number)
    .bind(data.status.as_str())
    .bind(data.owner_id)
    .bind(data.department_id)
    .bind(&data.industry_code)
    .bind(&data.industry_text)
    .bind(&data.visit_street)
    .bind(&data.visit_postal_code)
    .bind(&data.visit_city)
    .bind(&data.postal_street)
    .bind(&data.postal_postal_code)
    .bind(&data.postal_city)
    .bind(&data.municipality_no)
    .bind(&data.county_no)
    .bind(&data.email)
    .bind(&data.phone)
    .bind(&data.website)
    .bind(search_text(data, current.customer_number))
    .bind(sort_key(&data.name))
    .bind(now)
    .bind(current.id)
    .bind(expected_version)
    .execute(&mut *save)
    .await;
    let result = match result {
        Ok(r) => {
            save.commit().await?;
            r
        }
        Err(err) => {
            save.rollback().await?;
            return Err(
                duplicate_org_number(conn, visibility, err, data.org_number.as_deref()).await,
            );
        }
    };
    if result.rows_affected() > 0 {
        crate::customers::name_words::rename(
            conn,
            current.id,
            &sort_key(&current.name),
            &sort_key(&data.name),
        )
        .await?;
    }
    if result.rows_affected() == 0 {
        let fresh = select_by(Visibility::All, "id", current.id)
            .query_as::<Customer>()
            .fetch_optional(&mut *conn)
            .await?
            .ok_or(AppError::NotFound)?;
        return Ok(Updated::Stale(Box::new(fresh)));
    }
    upsert_industry(conn, data).await?;
    let changes = match &old {
        Ok(old) => diff(old, data),
        Err(_) => Vec::new(),
    };
    write_audit(conn, current.id, "update", &changes, Some(user_id)).await?;
    Ok(Updated::Saved(changes))
}
