//! Writing assignments: create, update and status moves, each in the caller's transaction and
//! recorded in the card's history with readable values; the hirer's terms kept per position.

use sqlx::AnyConnection;

use super::{
    super::{
        allowance,
        model::{AssignmentData, Status},
    },
    Assignment,
};
use crate::{
    AppError, Result,
    audit::{self, Change},
    money::format_kr,
    timefmt::{
        date_text, now,
        when::{date_string, parse_date},
    },
    workers,
};

/// What the card's history shows of an assignment: readable values under the form's labels
/// (`assignment-<field>` in the locales).
fn audit_fields(d: &AssignmentData, worker: &str) -> Vec<(&'static str, Option<String>)> {
    let hours = crate::timefmt::hours_text(d.hours_per_week_minutes);
    vec![
        ("worker", Some(worker.to_string())),
        ("title", Some(d.title.clone())),
        ("from", Some(date_text(d.from))),
        ("to", d.to.map(date_text)),
        ("bill_rate", Some(format_kr(d.bill_rate_ore))),
        ("pay_rate", Some(format_kr(d.pay_rate_ore))),
        ("hours_per_week", Some(hours)),
        (
            "legal_basis",
            d.legal_basis.as_ref().map(|b| b.parts().0.to_string()),
        ),
        ("purchase_order", d.purchase_order.clone()),
        (
            "allowances",
            Some(
                d.allowances
                    .iter()
                    .map(|a| format!("{} ({})", a.name, a.code))
                    .collect::<Vec<_>>()
                    .join(", "),
            )
            .filter(|s| !s.is_empty()),
        ),
    ]
}

/// Keeps the hirer's terms for (customer, position): one row per position, updated in place —
/// and only when the pay or the date changed, so saving the form unchanged keeps who confirmed
/// them (perhaps the customer's contact in the portal).
pub async fn save_equal_terms(
    conn: &mut AnyConnection,
    user_id: i64,
    customer_id: i64,
    position: &str,
    terms: Option<(i64, time::Date)>,
) -> Result<Option<i64>> {
    let Some((pay, confirmed)) = terms else {
        return Ok(None);
    };
    let existing: Option<(i64,)> =
        sqlx::query_as("SELECT id FROM equal_terms WHERE customer_id = $1 AND position = $2")
            .bind(customer_id)
            .bind(position)
            .fetch_optional(&mut *conn)
            .await?;
    let now = now();
    if let Some((id,)) = existing {
        sqlx::query(
            "UPDATE equal_terms SET pay_ore = $1, confirmed_on = $2, confirmed_by_user_id = $3, \
             confirmed_by_contact_id = NULL, updated_at = $4 \
             WHERE id = $5 AND (pay_ore <> $1 OR confirmed_on <> $2)",
        )
        .bind(pay)
        .bind(date_string(confirmed))
        .bind(user_id)
        .bind(now)
        .bind(id)
        .execute(&mut *conn)
        .await?;
        return Ok(Some(id));
    }
    let (id,): (i64,) = sqlx::query_as(
        "INSERT INTO equal_terms (customer_id, position, pay_ore, confirmed_on, confirmed_by_user_id, created_at, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $6) RETURNING id",
    )
    .bind(customer_id)
    .bind(position)
    .bind(pay)
    .bind(date_string(confirmed))
    .bind(user_id)
    .bind(now)
    .fetch_one(&mut *conn)
    .await?;
    Ok(Some(id))
}

/// The columns an assignment's data fills, in the order of [`bind_data`].
static DATA_COLUMNS: [&str; 25] = [
    "worker_id",
    "title",
    "styrk_code",
    "workplace_street",
    "workplace_postal_code",
    "workplace_city",
    "workplace_county_no",
    "building_site",
    "consultant_id",
    "approver_contact_id",
    "second_approver_contact_id",
    "from_date",
    "to_date",
    "hours_per_week_minutes",
    "standard_week",
    "bill_rate_ore",
    "pay_rate_ore",
    "overtime",
    "allowances",
    "legal_basis",
    "legal_basis_text",
    "equal_terms_id",
    "purchase_order",
    "invoice_grouping",
    "updated_at",
];

/// The columns of the terms alone (all of [`DATA_COLUMNS`] but the worker), in the order of
/// [`bind_terms`]: a vacancy keeps its terms in columns of the same names, so they are
/// written from the same checked [`AssignmentData`].
pub fn term_columns() -> &'static [&'static str] {
    &DATA_COLUMNS[1..]
}

fn bind_data<'q>(
    q: sqlx::query::Query<'q, sqlx::Any, sqlx::any::AnyArguments>,
    d: &'q AssignmentData,
    equal_terms_id: Option<i64>,
) -> sqlx::query::Query<'q, sqlx::Any, sqlx::any::AnyArguments> {
    bind_terms(q.bind(d.worker_id), d, equal_terms_id)
}

/// Binds the terms of `d` in the order of [`term_columns`].
pub fn bind_terms<'q>(
    mut q: sqlx::query::Query<'q, sqlx::Any, sqlx::any::AnyArguments>,
    d: &'q AssignmentData,
    equal_terms_id: Option<i64>,
) -> sqlx::query::Query<'q, sqlx::Any, sqlx::any::AnyArguments> {
    let (basis, text) = match &d.legal_basis {
        Some(b) => {
            let (k, t) = b.parts();
            (Some(k), Some(t.to_string()).filter(|t| !t.is_empty()))
        }
        None => (None, None),
    };
    q = q
        .bind(&d.title)
        .bind(&d.styrk_code)
        .bind(&d.workplace_street)
        .bind(&d.workplace_postal_code)
        .bind(&d.workplace_city)
        .bind(&d.workplace_county_no)
        .bind(i64::from(d.building_site))
        .bind(d.consultant_id)
        .bind(d.approver_contact_id)
        .bind(d.second_approver_contact_id)
        .bind(date_string(d.from))
        .bind(d.to.map(date_string))
        .bind(d.hours_per_week_minutes)
        .bind(serde_json::to_string(&d.week).unwrap_or_else(|_| "{}".into()))
        .bind(d.bill_rate_ore)
        .bind(d.pay_rate_ore)
        .bind(serde_json::to_string(&d.overtime).unwrap_or_else(|_| "[]".into()))
        .bind(allowance::to_stored(&d.allowances))
        .bind(basis)
        .bind(text)
        .bind(equal_terms_id)
        .bind(&d.purchase_order)
        .bind(&d.invoice_grouping)
        .bind(now());
    q
}

pub async fn create(
    conn: &mut AnyConnection,
    user_id: i64,
    customer_id: i64,
    d: &AssignmentData,
) -> Result<i64> {
    let terms_id = save_equal_terms(conn, user_id, customer_id, &d.title, d.equal_terms).await?;
    let placeholders: Vec<String> = (1..=DATA_COLUMNS.len()).map(|i| format!("${i}")).collect();
    let n = DATA_COLUMNS.len();
    let sql = format!(
        "INSERT INTO assignments ({}, customer_id, status, version, created_by, created_at) \
         VALUES ({}, ${}, 'planned', 1, ${}, ${}) RETURNING id",
        DATA_COLUMNS.join(", "),
        placeholders.join(", "),
        n + 1,
        n + 2,
        n + 3
    );
    let q = bind_data(sqlx::query(sqlx::AssertSqlSafe(sql)), d, terms_id)
        .bind(customer_id)
        .bind(user_id)
        .bind(now());
    let row = q.fetch_one(&mut *conn).await?;
    let id: i64 = sqlx::Row::try_get(&row, 0)?;
    let worker = workers::store::name(conn, d.worker_id).await?;
    let changes: Vec<Change> = audit_fields(d, &worker)
        .into_iter()
        .filter(|(_, v)| v.is_some())
        .map(|(f, v)| Change {
            field: f.to_string(),
            old: None,
            new: v,
        })
        .collect();
    audit::record(
        conn,
        customer_id,
        "assignment",
        id,
        "assignment-create",
        &changes,
        Some(user_id),
    )
    .await?;
    Ok(id)
}

/// Saves `d` over `current` unless someone saved since `expected_version`; `Ok(false)` when stale.
pub async fn update(
    conn: &mut AnyConnection,
    user_id: i64,
    current: &Assignment,
    old: Option<&AssignmentData>,
    expected_version: i64,
    d: &AssignmentData,
) -> Result<bool> {
    let terms_id = save_equal_terms(conn, user_id, current.customer_id, &d.title, d.equal_terms)
        .await?
        .or(current
            .equal_terms_id
            .filter(|_| d.equal_terms.is_none() && d.title == current.title));
    let sets: Vec<String> = DATA_COLUMNS
        .iter()
        .enumerate()
        .map(|(i, c)| format!("{c} = ${}", i + 1))
        .collect();
    let n = DATA_COLUMNS.len();
    let sql = format!(
        "UPDATE assignments SET {}, version = version + 1 WHERE id = ${} AND version = ${}",
        sets.join(", "),
        n + 1,
        n + 2
    );
    let done = bind_data(sqlx::query(sqlx::AssertSqlSafe(sql)), d, terms_id)
        .bind(current.id)
        .bind(expected_version)
        .execute(&mut *conn)
        .await?;
    if done.rows_affected() == 0 {
        return Ok(false);
    }
    let worker = workers::store::name(conn, d.worker_id).await?;
    let changes = match old {
        Some(o) => {
            let old_worker = workers::store::name(conn, o.worker_id).await?;
            audit::diff(audit_fields(o, &old_worker), audit_fields(d, &worker))
        }
        None => Vec::new(),
    };
    audit::record(
        conn,
        current.customer_id,
        "assignment",
        current.id,
        UPDATE_ACTION,
        &changes,
        Some(user_id),
    )
    .await?;
    Ok(true)
}

/// The history's action for a change of the assignment's terms (`history-assignment-update`).
const UPDATE_ACTION: &str = "assignment-update";

/// Moves an assignment to `status` (and, when ending early or extending, to a new end date).
/// The caller has checked that the move is allowed (e.g. no red light before activation).
pub async fn set_status(
    conn: &mut AnyConnection,
    user_id: i64,
    current: &Assignment,
    status: Status,
    to_date: Option<Option<String>>,
) -> Result<()> {
    let new_to = to_date.clone().unwrap_or_else(|| current.to_date.clone());
    let done = sqlx::query(
        "UPDATE assignments SET status = $1, to_date = $2, version = version + 1, updated_at = $3 \
         WHERE id = $4 AND version = $5",
    )
    .bind(status.as_str())
    .bind(&new_to)
    .bind(now())
    .bind(current.id)
    .bind(current.version)
    .execute(&mut *conn)
    .await?;
    if done.rows_affected() == 0 {
        return Err(AppError::Conflict(crate::error::Msg::new(
            "assignment-stale-move",
        )));
    }
    let mut changes = vec![Change {
        field: "status".into(),
        old: Some(current.status.clone()),
        new: Some(status.as_str().into()),
    }];
    if new_to != current.to_date {
        let text = |d: &Option<String>| d.as_deref().and_then(parse_date).map(date_text);
        changes.push(Change {
            field: "to".into(),
            old: text(&current.to_date),
            new: text(&new_to),
        });
    }
    let action = match (status, to_date.is_some()) {
        (Status::Active, true) | (Status::Planned, true) => "assignment-extend",
        (Status::Active, false) => "assignment-activate",
        (Status::Ended, _) => "assignment-end",
        (Status::Cancelled, _) => "assignment-cancel",
        (Status::Planned, false) => UPDATE_ACTION,
    };
    audit::record(
        conn,
        current.customer_id,
        "assignment",
        current.id,
        action,
        &changes,
        Some(user_id),
    )
    .await?;
    Ok(())
}
