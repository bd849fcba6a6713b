//! Vacancies and their candidates in the database. Writes take the caller's connection and
//! record each change on the customer's card (entity `vacancy`). The terms are written with
//! the assignments' own column list and binder (`assignments::store::{term_columns,
//! bind_terms}`), and the hirer's terms per position through `save_equal_terms`, so a vacancy
//! holds exactly what an assignment would.

use serde::Serialize;
use sqlx::AnyConnection;

use super::model::{Stage, Status, VacancyData};
use crate::{
    AppError, Result,
    assignments::{self, model::AssignmentData, store::Assignment},
    audit::{self, Change},
    customers::access::Visibility,
    db::{Db, Sql},
    error::Msg,
    money::format_kr,
    timefmt::{date_text, now},
    workers,
};

#[derive(Clone, Debug, Serialize, sqlx::FromRow, utoipa::ToSchema)]
pub struct Vacancy {
    pub id: i64,
    pub customer_id: i64,
    /// How many workers the customer needs.
    pub positions: i64,
    /// Places filled: assignments made from the vacancy.
    pub filled: i64,
    pub occupation_title: Option<String>,
    pub description: Option<String>,
    pub requirements: Option<String>,
    /// The customer's contact for the vacancy.
    pub contact_id: Option<i64>,
    pub title: String,
    /// STYRK-08 occupation code, four digits.
    pub styrk_code: Option<String>,
    pub workplace_street: Option<String>,
    pub workplace_postal_code: Option<String>,
    pub workplace_city: Option<String>,
    pub workplace_county_no: Option<String>,
    pub building_site: i64,
    /// The responsible consultant.
    pub consultant_id: Option<i64>,
    pub approver_contact_id: Option<i64>,
    pub second_approver_contact_id: Option<i64>,
    /// `YYYY-MM-DD`.
    pub from_date: String,
    /// `YYYY-MM-DD`; none for an open end.
    pub to_date: Option<String>,
    pub hours_per_week_minutes: i64,
    /// JSON: seven entries, Monday first.
    pub standard_week: String,
    pub bill_rate_ore: i64,
    pub pay_rate_ore: i64,
    /// JSON: `[{percent, bill_ore, pay_ore}]`.
    pub overtime: String,
    /// JSON: the allowances; read with [`Vacancy::as_assignment`].
    #[serde(skip)]
    pub allowances: String,
    pub legal_basis: Option<String>,
    pub legal_basis_text: Option<String>,
    pub equal_terms_id: Option<i64>,
    pub purchase_order: Option<String>,
    pub invoice_grouping: Option<String>,
    /// `open`, `filled` or `cancelled`.
    pub status: String,
    /// 1 while a vacancy requested in the portal waits for the consultant to complete its
    /// terms (saving the form clears it; no assignment is made from a draft).
    pub draft: i64,
    /// The portal contact who requested it, and when.
    pub requested_by_contact_id: Option<i64>,
    pub requested_at: Option<i64>,
    pub version: i64,
    pub created_at: i64,
    pub updated_at: i64,
}

impl Vacancy {
    pub fn is_draft(&self) -> bool {
        self.draft == 1
    }

    pub fn status(&self) -> Status {
        Status::parse(&self.status).unwrap_or(Status::Open)
    }

    /// The vacancy's terms as an assignment of `worker_id` (0: none yet), so the assignments'
    /// own code shows them on the form, evaluates them and carries them over.
    pub fn as_assignment(&self, worker_id: i64) -> Assignment {
        Assignment {
            id: 0,
            customer_id: self.customer_id,
            worker_id,
            worker_name: String::new(),
            title: self.title.clone(),
            styrk_code: self.styrk_code.clone(),
            workplace_street: self.workplace_street.clone(),
            workplace_postal_code: self.workplace_postal_code.clone(),
            workplace_city: self.workplace_city.clone(),
            workplace_county_no: self.workplace_county_no.clone(),
            building_site: self.building_site,
            consultant_id: self.consultant_id,
            approver_contact_id: self.approver_contact_id,
            second_approver_contact_id: self.second_approver_contact_id,
            from_date: self.from_date.clone(),
            to_date: self.to_date.clone(),
            hours_per_week_minutes: self.hours_per_week_minutes,
            standard_week: self.standard_week.clone(),
            bill_rate_ore: self.bill_rate_ore,
            pay_rate_ore: self.pay_rate_ore,
            overtime: self.overtime.clone(),
            allowances: self.allowances.clone(),
            legal_basis: self.legal_basis.clone(),
            legal_basis_text: self.legal_basis_text.clone(),
            equal_terms_id: self.equal_terms_id,
            purchase_order: self.purchase_order.clone(),
            invoice_grouping: self.invoice_grouping.clone(),
            status: "planned".into(),
            version: 0,
            created_at: self.created_at,
            updated_at: self.updated_at,
        }
    }
}

/// The vacancy's own columns, in the order of [`bind_own`].
const OWN_COLUMNS: [&str; 5] = [
    "positions",
    "occupation_title",
    "description",
    "requirements",
    "contact_id",
];

fn columns() -> String {
    let terms: Vec<String> = assignments::store::term_columns()
        .iter()
        .map(|c| format!("v.{c}"))
        .collect();
    format!(
        "v.id, v.customer_id, v.positions, {FILLED} AS filled, v.occupation_title, v.description, \
         v.requirements, v.contact_id, {}, v.status, v.draft, v.requested_by_contact_id, \
         v.requested_at, v.version, v.created_at",
        terms.join(", ")
    )
}

/// Places filled: the candidates an assignment was made for.
const FILLED: &str = "(SELECT COUNT(*) FROM vacancy_candidates fc WHERE fc.vacancy_id = v.id \
    AND fc.assignment_id IS NOT NULL)";

fn bind_own<'q>(
    q: sqlx::query::Query<'q, sqlx::Any, sqlx::any::AnyArguments>,
    v: &'q VacancyData,
) -> sqlx::query::Query<'q, sqlx::Any, sqlx::any::AnyArguments> {
    q.bind(v.positions)
        .bind(&v.occupation_title)
        .bind(&v.description)
        .bind(&v.requirements)
        .bind(v.contact_id)
}

/// A customer's first `limit` vacancies: open first (by start), then filled, then cancelled.
pub async fn list_for_customer(db: &Db, customer_id: i64, limit: i64) -> Result<Vec<Vacancy>> {
    Ok(sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "SELECT {} FROM vacancies v WHERE v.customer_id = $1 \
         ORDER BY CASE v.status WHEN 'open' THEN 0 WHEN 'filled' THEN 1 ELSE 2 END, v.from_date, v.id \
         LIMIT $2",
        columns()
    )))
    .bind(customer_id)
    .bind(limit)
    .fetch_all(&db.pool)
    .await?)
}

/// How many vacancies a customer has.
pub async fn count_for_customer(db: &Db, customer_id: i64) -> Result<i64> {
    Ok(
        sqlx::query_scalar("SELECT COUNT(*) FROM vacancies WHERE customer_id = $1")
            .bind(customer_id)
            .fetch_one(&db.pool)
            .await?,
    )
}

/// A vacancy with its customer's name, for the firm-wide list.
#[derive(Clone, Debug, Serialize, sqlx::FromRow)]
pub struct FirmRow {
    #[sqlx(flatten)]
    pub vacancy: Vacancy,
    pub customer_name: String,
}

/// The most rows the firm-wide list and the API's list answer with.
pub const LIST_LIMIT: i64 = 500;

/// Vacancies at the customers `visibility` lets the user see, by status (none: open and
/// filled), soonest start first; at most [`LIST_LIMIT`], and how many match.
pub async fn list(
    db: &Db,
    visibility: Visibility,
    status: Option<Status>,
    customer_id: Option<i64>,
) -> Result<(Vec<FirmRow>, i64)> {
    list_window(db, visibility, status, customer_id, LIST_LIMIT, 0).await
}

/// [`list`], `limit` rows from `offset` (a page of the firm's list).
pub async fn list_window(
    db: &Db,
    visibility: Visibility,
    status: Option<Status>,
    customer_id: Option<i64>,
    limit: i64,
    offset: i64,
) -> Result<(Vec<FirmRow>, i64)> {
    let filter = |sql: &mut Sql| {
        match status {
            Some(s) => sql.push(" AND v.status = ").bind(s.as_str()),
            None => sql.push(" AND v.status IN ('open', 'filled')"),
        };
        if let Some(c) = customer_id {
            sql.push(" AND v.customer_id = ").bind(c);
        }
        visibility.push_filter(sql, "c");
    };
    let mut count = Sql::new(
        "SELECT COUNT(*) FROM vacancies v JOIN customers c ON c.id = v.customer_id WHERE 1 = 1",
    );
    filter(&mut count);
    let (total,): (i64,) = count.query_as().fetch_one(&db.pool).await?;
    let mut sql = Sql::new(&format!(
        "SELECT {}, c.name AS customer_name FROM vacancies v JOIN customers c ON c.id = v.customer_id \
         WHERE 1 = 1",
        columns()
    ));
    filter(&mut sql);
    sql.push(" ORDER BY v.from_date, v.id LIMIT ")
        .bind(limit)
        .push(" OFFSET ")
        .bind(offset);
    Ok((sql.query_as().fetch_all(&db.pool).await?, total))
}

/// One vacancy of a customer.
pub async fn get(db: &Db, customer_id: i64, id: i64) -> Result<Option<Vacancy>> {
    Ok(sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "SELECT {} FROM vacancies v WHERE v.id = $1 AND v.customer_id = $2",
        columns()
    )))
    .bind(id)
    .bind(customer_id)
    .fetch_optional(&db.pool)
    .await?)
}

/// The customer a vacancy belongs to (the API's `/api/v1/vacancies/{id}` checks access by it).
pub async fn customer_of(db: &Db, id: i64) -> Result<Option<i64>> {
    Ok(
        sqlx::query_scalar("SELECT customer_id FROM vacancies WHERE id = $1")
            .bind(id)
            .fetch_optional(&db.pool)
            .await?,
    )
}

/// What the card's history shows of a vacancy (labels `vacancy-<field>` in the locales).
fn audit_fields(v: &VacancyData, t: &AssignmentData) -> Vec<(&'static str, Option<String>)> {
    vec![
        ("title", Some(t.title.clone())),
        ("positions", Some(v.positions.to_string())),
        ("styrk_code", t.styrk_code.clone()),
        ("occupation_title", v.occupation_title.clone()),
        ("from", Some(date_text(t.from))),
        ("to", t.to.map(date_text)),
        ("bill_rate", Some(format_kr(t.bill_rate_ore))),
        ("pay_rate", Some(format_kr(t.pay_rate_ore))),
        (
            "hours_per_week",
            Some(crate::timefmt::hours_text(t.hours_per_week_minutes)),
        ),
        (
            "legal_basis",
            t.legal_basis.as_ref().map(|b| b.parts().0.to_string()),
        ),
        ("purchase_order", t.purchase_order.clone()),
        ("workplace_city", t.workplace_city.clone()),
    ]
}

pub async fn create(
    conn: &mut AnyConnection,
    user_id: i64,
    customer_id: i64,
    v: &VacancyData,
    t: &AssignmentData,
) -> Result<i64> {
    let terms_id =
        assignments::store::save_equal_terms(conn, user_id, customer_id, &t.title, t.equal_terms)
            .await?;
    let cols: Vec<&str> = OWN_COLUMNS
        .iter()
        .chain(assignments::store::term_columns())
        .copied()
        .collect();
    let n = cols.len();
    let placeholders: Vec<String> = (1..=n).map(|i| format!("${i}")).collect();
    let sql = format!(
        "INSERT INTO vacancies ({}, customer_id, status, version, created_by, created_at) \
         VALUES ({}, ${}, 'open', 1, ${}, ${}) RETURNING id",
        cols.join(", "),
        placeholders.join(", "),
        n + 1,
        n + 2,
        n + 3
    );
    let q = bind_own(sqlx::query(sqlx::AssertSqlSafe(sql)), v);
    let q = assignments::store::bind_terms(q, t, terms_id)
        .bind(customer_id)
        .bind(user_id)
        .bind(now());
    let row = q.fetch_one(&mut *conn).await?;
    let id: i64 = sqlx::Row::try_get(&row, 0)?;
    let changes: Vec<Change> = audit_fields(v, t)
        .into_iter()
        .filter(|(_, value)| value.is_some())
        .map(|(f, value)| Change {
            field: f.to_string(),
            old: None,
            new: value,
        })
        .collect();
    audit::record(
        conn,
        customer_id,
        "vacancy",
        id,
        "vacancy-create",
        &changes,
        Some(user_id),
    )
    .await?;
    Ok(id)
}

/// Saves over `current` unless someone saved since `expected_version` (`Ok(false)`: stale);
/// `old` is what was stored, for the history. The status follows the places filled.
#[allow(clippy::too_many_arguments)]
pub async fn update(
    conn: &mut AnyConnection,
    user_id: i64,
    current: &Vacancy,
    old: Option<(&VacancyData, &AssignmentData)>,
    expected_version: i64,
    v: &VacancyData,
    t: &AssignmentData,
) -> Result<bool> {
    let terms_id = assignments::store::save_equal_terms(
        conn,
        user_id,
        current.customer_id,
        &t.title,
        t.equal_terms,
    )
    .await?
    .or(current
        .equal_terms_id
        .filter(|_| t.equal_terms.is_none() && t.title == current.title));
    let cols: Vec<&str> = OWN_COLUMNS
        .iter()
        .chain(assignments::store::term_columns())
        .copied()
        .collect();
    let n = cols.len();
    let sets: Vec<String> = cols
        .iter()
        .enumerate()
        .map(|(i, c)| format!("{c} = ${}", i + 1))
        .collect();
    let sql = format!(
        "UPDATE vacancies SET {}, draft = 0, version = version + 1 WHERE id = ${} AND version = ${} \
         AND status <> 'cancelled'",
        sets.join(", "),
        n + 1,
        n + 2
    );
    let q = bind_own(sqlx::query(sqlx::AssertSqlSafe(sql)), v);
    let done = assignments::store::bind_terms(q, t, terms_id)
        .bind(current.id)
        .bind(expected_version)
        .execute(&mut *conn)
        .await?;
    if done.rows_affected() == 0 {
        return Ok(false);
    }
    let changes = match old {
        Some((ov, ot)) => audit::diff(audit_fields(ov, ot), audit_fields(v, t)),
        None => Vec::new(),
    };
    audit::record(
        conn,
        current.customer_id,
        "vacancy",
        current.id,
        "vacancy-update",
        &changes,
        Some(user_id),
    )
    .await?;
    follow_places(conn, user_id, current.customer_id, current.id).await?;
    Ok(true)
}

/// Sets the status to what the places say (filled when every place has its assignment, else
/// open), unless the vacancy is cancelled; records the move in the history.
async fn follow_places(
    conn: &mut AnyConnection,
    user_id: i64,
    customer_id: i64,
    id: i64,
) -> Result<()> {
    let (positions, filled, status): (i64, i64, String) = sqlx::query_as(sqlx::AssertSqlSafe(
        format!("SELECT v.positions, {FILLED}, v.status FROM vacancies v WHERE v.id = $1"),
    ))
    .bind(id)
    .fetch_one(&mut *conn)
    .await?;
    let target = if filled >= positions {
        Status::Filled
    } else {
        Status::Open
    };
    if status == Status::Cancelled.as_str() || status == target.as_str() {
        return Ok(());
    }
    sqlx::query(
        "UPDATE vacancies SET status = $1, version = version + 1, updated_at = $2 WHERE id = $3",
    )
    .bind(target.as_str())
    .bind(now())
    .bind(id)
    .execute(&mut *conn)
    .await?;
    audit::record(
        conn,
        customer_id,
        "vacancy",
        id,
        &format!("vacancy-{}", target.as_str()),
        &[Change {
            field: "vacancy_status".into(),
            old: Some(status),
            new: Some(target.as_str().into()),
        }],
        Some(user_id),
    )
    .await?;
    if target == Status::Filled {
        // A filled job is no longer advertised (the recurring job would catch it later).
        crate::job_ads::store::unpublish_for_vacancy(conn, id).await?;
    }
    Ok(())
}

/// Cancels the vacancy, or reopens a cancelled one (open or filled by its places). `Conflict`
/// when someone changed it since `current` was read or the move makes no sense.
pub async fn cancel_or_reopen(
    conn: &mut AnyConnection,
    user_id: i64,
    current: &Vacancy,
    cancel: bool,
) -> Result<()> {
    let cancelled = current.status() == Status::Cancelled;
    if cancel == cancelled {
        return Err(AppError::Conflict(Msg::new("vacancy-move-refused")));
    }
    let to = if cancel { "cancelled" } else { "open" };
    let done = sqlx::query(
        "UPDATE vacancies SET status = $1, version = version + 1, updated_at = $2 \
         WHERE id = $3 AND version = $4",
    )
    .bind(to)
    .bind(now())
    .bind(current.id)
    .bind(current.version)
    .execute(&mut *conn)
    .await?;
    if done.rows_affected() == 0 {
        return Err(AppError::Conflict(Msg::new("vacancy-stale-move")));
    }
    audit::record(
        conn,
        current.customer_id,
        "vacancy",
        current.id,
        if cancel {
            "vacancy-cancel"
        } else {
            "vacancy-reopen"
        },
        &[Change {
            field: "vacancy_status".into(),
            old: Some(current.status.clone()),
            new: Some(to.into()),
        }],
        Some(user_id),
    )
    .await?;
    if cancel {
        crate::job_ads::store::unpublish_for_vacancy(conn, current.id).await?;
    } else {
        follow_places(conn, user_id, current.customer_id, current.id).await?;
    }
    Ok(())
}

/// A worker linked to a vacancy.
#[derive(Clone, Debug, Serialize, sqlx::FromRow, utoipa::ToSchema)]
pub struct Candidate {
    pub id: i64,
    pub vacancy_id: i64,
    pub worker_id: i64,
    pub worker_name: String,
    /// `suggested`, `contacted`, `presented`, `accepted` or `declined`.
    pub stage: String,
    /// The assignment made for the candidate.
    pub assignment_id: Option<i64>,
    /// The candidate's consent to be presented to this customer: when, how (`phone`, `email`,
    /// `in_person`, `written`) and who recorded it.
    pub consent_at: Option<i64>,
    pub consent_how: Option<String>,
    pub consent_by_name: Option<String>,
    /// When the candidate was presented in the portal, with the summary the customer reads.
    pub presented_at: Option<i64>,
    pub summary: Option<String>,
    /// The customer's answer in the portal: who, when, why declined.
    pub decided_by_name: Option<String>,
    pub decided_at: Option<i64>,
    pub decline_reason: Option<String>,
    pub created_at: i64,
    pub updated_at: i64,
}

impl Candidate {
    pub fn stage(&self) -> Stage {
        Stage::parse(&self.stage).unwrap_or(Stage::Suggested)
    }
}

const CANDIDATE: &str = "SELECT c.id, c.vacancy_id, c.worker_id, w.name AS worker_name, c.stage, \
    c.assignment_id, c.consent_at, c.consent_how, cu.name AS consent_by_name, c.presented_at, \
    c.summary, TRIM(dc.first_name || ' ' || dc.last_name) AS decided_by_name, c.decided_at, \
    c.decline_reason, c.created_at, c.updated_at FROM vacancy_candidates c \
    JOIN workers w ON w.id = c.worker_id LEFT JOIN users cu ON cu.id = c.consent_by \
    LEFT JOIN contacts dc ON dc.id = c.decided_by_contact_id";

/// A vacancy's candidates in the order they were added.
pub async fn candidates(db: &Db, vacancy_id: i64) -> Result<Vec<Candidate>> {
    Ok(sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "{CANDIDATE} WHERE c.vacancy_id = $1 ORDER BY c.created_at, c.id"
    )))
    .bind(vacancy_id)
    .fetch_all(&db.pool)
    .await?)
}

pub async fn candidate(db: &Db, vacancy_id: i64, id: i64) -> Result<Option<Candidate>> {
    Ok(sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "{CANDIDATE} WHERE c.id = $1 AND c.vacancy_id = $2"
    )))
    .bind(id)
    .bind(vacancy_id)
    .fetch_optional(&db.pool)
    .await?)
}

/// Links a worker to the vacancy as `suggested`. `Conflict` when already linked; `NotFound`
/// for a worker that does not exist.
pub async fn add_candidate(
    conn: &mut AnyConnection,
    user_id: i64,
    vacancy: &Vacancy,
    worker_id: i64,
) -> Result<i64> {
    if workers::store::get_in(conn, worker_id).await?.is_none() {
        return Err(AppError::NotFound);
    }
    let now = now();
    let id: Option<i64> = sqlx::query_scalar(
        "INSERT INTO vacancy_candidates (vacancy_id, worker_id, stage, added_by, created_at, updated_at) \
         VALUES ($1, $2, 'suggested', $3, $4, $4) ON CONFLICT (vacancy_id, worker_id) DO NOTHING RETURNING id",
    )
    .bind(vacancy.id)
    .bind(worker_id)
    .bind(user_id)
    .bind(now)
    .fetch_optional(&mut *conn)
    .await?;
    let id = id.ok_or_else(|| AppError::Conflict(Msg::new("vacancy-candidate-exists")))?;
    let worker = workers::store::name(conn, worker_id).await?;
    audit::record(
        conn,
        vacancy.customer_id,
        "vacancy",
        vacancy.id,
        "vacancy-candidate-add",
        &[
            Change {
                field: "worker".into(),
                old: None,
                new: Some(worker),
            },
            Change {
                field: "stage".into(),
                old: None,
                new: Some(Stage::Suggested.as_str().into()),
            },
        ],
        Some(user_id),
    )
    .await?;
    Ok(id)
}

/// Links an applicant to the vacancy as `suggested` (an application through the homepage, no
/// staff member); `false` when they were already a candidate.
pub async fn add_applicant(
    conn: &mut AnyConnection,
    vacancy: &Vacancy,
    worker_id: i64,
    source: &str,
) -> Result<bool> {
    let id: Option<i64> = sqlx::query_scalar(
        "INSERT INTO vacancy_candidates (vacancy_id, worker_id, stage, created_at, updated_at) \
         VALUES ($1, $2, 'suggested', $3, $3) ON CONFLICT (vacancy_id, worker_id) DO NOTHING RETURNING id",
    )
    .bind(vacancy.id)
    .bind(worker_id)
    .bind(now())
    .fetch_optional(&mut *conn)
    .await?;
    if id.is_none() {
        return Ok(false);
    }
    let worker = workers::store::name(conn, worker_id).await?;
    audit::record(
        conn,
        vacancy.customer_id,
        "vacancy",
        vacancy.id,
        "vacancy-candidate-applied",
        &[
            Change {
                field: "worker".into(),
                old: None,
                new: Some(worker),
            },
            Change {
                field: "source".into(),
                old: None,
                new: Some(source.to_string()),
            },
        ],
        None,
    )
    .await?;
    Ok(true)
}

/// Moves a candidate to `stage`. `Conflict` once an assignment was made for them (they stay
/// accepted; the assignment is changed or cancelled on its own page).
pub async fn move_stage(
    conn: &mut AnyConnection,
    user_id: i64,
    vacancy: &Vacancy,
    candidate: &Candidate,
    stage: Stage,
) -> Result<()> {
    if candidate.assignment_id.is_some() {
        return Err(AppError::Conflict(Msg::new("vacancy-candidate-assigned")));
    }
    if candidate.stage() == stage {
        return Ok(());
    }
    let done = sqlx::query(
        "UPDATE vacancy_candidates SET stage = $1, updated_at = $2 \
         WHERE id = $3 AND stage = $4 AND assignment_id IS NULL",
    )
    .bind(stage.as_str())
    .bind(now())
    .bind(candidate.id)
    .bind(&candidate.stage)
    .execute(&mut *conn)
    .await?;
    if done.rows_affected() == 0 {
        return Err(AppError::Conflict(Msg::new("vacancy-stale-move")));
    }
    audit::record(
        conn,
        vacancy.customer_id,
        "vacancy",
        vacancy.id,
        "vacancy-candidate-stage",
        &[
            Change {
                field: "worker".into(),
                old: None,
                new: Some(candidate.worker_name.clone()),
            },
            Change {
                field: "stage".into(),
                old: Some(candidate.stage.clone()),
                new: Some(stage.as_str().into()),
            },
        ],
        Some(user_id),
    )
    .await?;
    Ok(())
}

/// Makes the assignment of an accepted candidate from `data` (the vacancy's terms with the
/// worker set, checked by the caller), through the assignments' store, links it to the
/// candidate and lets the status follow the places. `Conflict` when the candidate is not
/// accepted, already has an assignment, the vacancy is not open or all places are filled.
pub async fn make_assignment(
    conn: &mut AnyConnection,
    user_id: i64,
    vacancy: &Vacancy,
    candidate: &Candidate,
    data: &AssignmentData,
) -> Result<i64> {
    if candidate.stage() != Stage::Accepted {
        return Err(AppError::Conflict(Msg::new(
            "vacancy-candidate-not-accepted",
        )));
    }
    if candidate.assignment_id.is_some() {
        return Err(AppError::Conflict(Msg::new("vacancy-candidate-assigned")));
    }
    if vacancy.status() != Status::Open || vacancy.filled >= vacancy.positions {
        return Err(AppError::Conflict(Msg::new("vacancy-not-open")));
    }
    if vacancy.is_draft() {
        return Err(AppError::Conflict(Msg::new("vacancy-draft-no-assignment")));
    }
    let aid = assignments::store::create(conn, user_id, vacancy.customer_id, data).await?;
    let done = sqlx::query(
        "UPDATE vacancy_candidates SET assignment_id = $1, updated_at = $2 \
         WHERE id = $3 AND assignment_id IS NULL AND stage = 'accepted'",
    )
    .bind(aid)
    .bind(now())
    .bind(candidate.id)
    .execute(&mut *conn)
    .await?;
    if done.rows_affected() == 0 {
        return Err(AppError::Conflict(Msg::new("vacancy-stale-move")));
    }
    audit::record(
        conn,
        vacancy.customer_id,
        "vacancy",
        vacancy.id,
        "vacancy-assignment",
        &[Change {
            field: "worker".into(),
            old: None,
            new: Some(candidate.worker_name.clone()),
        }],
        Some(user_id),
    )
    .await?;
    follow_places(conn, user_id, vacancy.customer_id, vacancy.id).await?;
    Ok(aid)
}

/// The workers whose candidacy on a vacancy changed since `since` (the recruitments' privacy
/// job leaves them alone).
pub async fn workers_active_since(conn: &mut AnyConnection, since: i64) -> Result<Vec<i64>> {
    Ok(sqlx::query_scalar(
        "SELECT DISTINCT worker_id FROM vacancy_candidates WHERE updated_at >= $1 \
         OR assignment_id IS NOT NULL",
    )
    .bind(since)
    .fetch_all(&mut *conn)
    .await?)
}
