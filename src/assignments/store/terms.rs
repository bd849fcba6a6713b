//! The hirer's terms for a position (the equal treatment rule, § 14-12 a), one row per
//! (customer, position) where the position is the assignment's title. Staff keep them on the
//! assignment form ([`super::write`]); the customer's contact enters or confirms them in the
//! portal (here): only positions of the company's open assignments, never anything about the
//! agency's rates.

use serde::Serialize;
use sqlx::AnyConnection;
use time::Date;

use crate::{
    AppError, Result,
    audit::{self, Change},
    collate::sort_key,
    db::Db,
    money::format_kr,
    timefmt::{now, when::date_string},
};

/// A position as the portal shows it: the title, its STYRK code, and the terms on file.
#[derive(Clone, Debug, Serialize)]
pub struct Position {
    pub title: String,
    pub styrk_code: Option<String>,
    /// One of the company's open assignments in this position: the id the portal's forms use.
    pub assignment_id: i64,
    pub terms: Option<Terms>,
}

/// The hirer's pay and working-time terms for a position, and when they were confirmed.
#[derive(Clone, Debug, Serialize, sqlx::FromRow)]
pub struct Terms {
    pub id: i64,
    pub position: String,
    pub pay_ore: i64,
    pub terms: Option<String>,
    /// `YYYY-MM-DD`.
    pub confirmed_on: String,
    /// The staff member who confirmed them last (name), if it was staff.
    pub confirmed_by_user: Option<String>,
    /// The customer's contact who confirmed them last, if it was the customer.
    pub confirmed_by_contact_id: Option<i64>,
}

const TERMS: &str = "SELECT t.id, t.position, t.pay_ore, t.terms, t.confirmed_on, \
    u.name AS confirmed_by_user, t.confirmed_by_contact_id \
    FROM equal_terms t LEFT JOIN users u ON u.id = t.confirmed_by_user_id";

/// One row of terms, with who confirmed it.
pub async fn get(db: &Db, id: i64) -> Result<Option<Terms>> {
    Ok(
        sqlx::query_as(sqlx::AssertSqlSafe(format!("{TERMS} WHERE t.id = $1")))
            .bind(id)
            .fetch_optional(&db.pool)
            .await?,
    )
}

/// The positions of the company's planned and active assignments, by title.
pub async fn positions(db: &Db, customer_id: i64) -> Result<Vec<Position>> {
    let rows: Vec<(String, Option<String>, i64)> = sqlx::query_as(
        "SELECT title, MIN(styrk_code), MIN(id) FROM assignments \
         WHERE customer_id = $1 AND status IN ('planned', 'active') GROUP BY title",
    )
    .bind(customer_id)
    .fetch_all(&db.pool)
    .await?;
    let terms: Vec<Terms> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "{TERMS} WHERE t.customer_id = $1"
    )))
    .bind(customer_id)
    .fetch_all(&db.pool)
    .await?;
    let mut out: Vec<Position> = rows
        .into_iter()
        .map(|(title, styrk_code, assignment_id)| Position {
            terms: terms.iter().find(|t| t.position == title).cloned(),
            title,
            styrk_code,
            assignment_id,
        })
        .collect();
    out.sort_by_cached_key(|p| sort_key(&p.title));
    Ok(out)
}

/// The position (title) of one of the company's open assignments; `None` for any other id.
pub async fn open_position(
    db: &Db,
    customer_id: i64,
    assignment_id: i64,
) -> Result<Option<String>> {
    Ok(sqlx::query_scalar(
        "SELECT title FROM assignments WHERE id = $1 AND customer_id = $2 \
         AND status IN ('planned', 'active')",
    )
    .bind(assignment_id)
    .bind(customer_id)
    .fetch_optional(&db.pool)
    .await?)
}

/// What the customer's contact typed: the hirer's own hourly pay and, optionally, the terms.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ContactTerms {
    pub pay_ore: i64,
    pub terms: Option<String>,
}

fn audit_fields(position: &str, t: Option<&ContactTerms>, by: &str) -> Vec<Change> {
    let mut out = vec![Change {
        field: "position".into(),
        old: None,
        new: Some(position.to_string()),
    }];
    if let Some(t) = t {
        out.push(Change {
            field: "pay".into(),
            old: None,
            new: Some(format_kr(t.pay_ore)),
        });
        if let Some(text) = &t.terms {
            out.push(Change {
                field: "terms".into(),
                old: None,
                new: Some(text.clone()),
            });
        }
    }
    out.push(Change {
        field: "confirmed_by".into(),
        old: None,
        new: Some(by.to_string()),
    });
    out
}

/// Points the company's open assignments in `position` at the terms row.
async fn link(conn: &mut AnyConnection, customer_id: i64, position: &str, id: i64) -> Result<()> {
    sqlx::query(
        "UPDATE assignments SET equal_terms_id = $1 WHERE customer_id = $2 AND title = $3 \
         AND status IN ('planned', 'active')",
    )
    .bind(id)
    .bind(customer_id)
    .bind(position)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// The contact's terms for a position, confirmed `today` by them (`contact_name` for the
/// card's history); the company's open assignments in the position use them from now on.
pub async fn save_by_contact(
    conn: &mut AnyConnection,
    customer_id: i64,
    position: &str,
    t: &ContactTerms,
    contact_id: i64,
    contact_name: &str,
    today: Date,
) -> Result<i64> {
    let existing: Option<i64> =
        sqlx::query_scalar("SELECT id FROM equal_terms WHERE customer_id = $1 AND position = $2")
            .bind(customer_id)
            .bind(position)
            .fetch_optional(&mut *conn)
            .await?;
    let now = now();
    let id = match existing {
        Some(id) => {
            sqlx::query(
                "UPDATE equal_terms SET pay_ore = $1, terms = $2, confirmed_on = $3, \
                 confirmed_by_user_id = NULL, confirmed_by_contact_id = $4, updated_at = $5 WHERE id = $6",
            )
            .bind(t.pay_ore)
            .bind(t.terms.clone())
            .bind(date_string(today))
            .bind(contact_id)
            .bind(now)
            .bind(id)
            .execute(&mut *conn)
            .await?;
            id
        }
        None => {
            sqlx::query_scalar(
                "INSERT INTO equal_terms (customer_id, position, pay_ore, terms, confirmed_on, \
                 confirmed_by_contact_id, created_at, updated_at) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $7) RETURNING id",
            )
            .bind(customer_id)
            .bind(position)
            .bind(t.pay_ore)
            .bind(t.terms.clone())
            .bind(date_string(today))
            .bind(contact_id)
            .bind(now)
            .fetch_one(&mut *conn)
            .await?
        }
    };
    link(conn, customer_id, position, id).await?;
    let changes = audit_fields(position, Some(t), contact_name);
    audit::record(
        conn,
        customer_id,
        "equal-terms",
        id,
        "equal-terms-portal",
        &changes,
        None,
    )
    .await?;
    Ok(id)
}

/// The contact confirms the terms on file unchanged (after a wage settlement): only the date
/// and who confirmed change. `NotFound` when the position has no terms yet.
pub async fn confirm_by_contact(
    conn: &mut AnyConnection,
    customer_id: i64,
    position: &str,
    contact_id: i64,
    contact_name: &str,
    today: Date,
) -> Result<i64> {
    let id: i64 =
        sqlx::query_scalar("SELECT id FROM equal_terms WHERE customer_id = $1 AND position = $2")
            .bind(customer_id)
            .bind(position)
            .fetch_optional(&mut *conn)
            .await?
            .ok_or(AppError::NotFound)?;
    sqlx::query(
        "UPDATE equal_terms SET confirmed_on = $1, confirmed_by_user_id = NULL, \
         confirmed_by_contact_id = $2, updated_at = $3 WHERE id = $4",
    )
    .bind(date_string(today))
    .bind(contact_id)
    .bind(now())
    .bind(id)
    .execute(&mut *conn)
    .await?;
    link(conn, customer_id, position, id).await?;
    let changes = audit_fields(position, None, contact_name);
    audit::record(
        conn,
        customer_id,
        "equal-terms",
        id,
        "equal-terms-confirm",
        &changes,
        None,
    )
    .await?;
    Ok(id)
}
