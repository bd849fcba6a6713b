//! A recruitment's candidates on its pipeline board: who is in which column and in what order,
//! adding and moving them, the consent to be presented to the customer and sharing, and the
//! interview booked in the diary. Each change is recorded on the card (entity `recruitment`).

use serde::Serialize;
use sqlx::AnyConnection;

use super::{
    model::Stage,
    store::{Recruitment, change, record, refuse_unless_searching},
};
use crate::{AppError, Result, audit, db::Db, error::Msg, timefmt::now, workers};

/// A worker on a recruitment's board.
#[derive(Clone, Debug, Serialize, sqlx::FromRow, utoipa::ToSchema)]
pub struct RecruitmentCandidate {
    pub id: i64,
    pub recruitment_id: i64,
    pub worker_id: i64,
    pub worker_name: String,
    /// `new`, `screening`, `interview`, `shortlist`, `offer`, `hired` or `rejected`.
    pub stage: String,
    /// The order within the stage's column (0 first).
    pub position: i64,
    /// 1: shown to the customer (only with `consent_at`).
    pub shared_with_customer: i64,
    /// When the candidate consented to be presented to this customer.
    pub consent_at: Option<i64>,
    /// The last interview booked in the diary.
    pub interview_activity_id: Option<i64>,
    /// 1 when the worker consented to be kept beyond the retention period.
    pub keep_consent: i64,
    /// 1 when the worker's personal data was erased or anonymised.
    pub anonymised: i64,
    pub created_at: i64,
    pub updated_at: i64,
}

impl RecruitmentCandidate {
    pub fn stage(&self) -> Stage {
        Stage::parse(&self.stage).unwrap_or(Stage::New)
    }
}

const CANDIDATE: &str = "SELECT c.id, c.recruitment_id, c.worker_id, w.name AS worker_name, \
    c.stage, c.position, c.shared_with_customer, c.consent_at, c.interview_activity_id, \
    w.keep_consent, CASE WHEN w.erased_at IS NULL THEN 0 ELSE 1 END AS anonymised, \
    c.created_at, c.updated_at FROM recruitment_candidates c JOIN workers w ON w.id = c.worker_id";

/// A recruitment's candidates by column and order.
pub async fn candidates(db: &Db, recruitment_id: i64) -> Result<Vec<RecruitmentCandidate>> {
    Ok(sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "{CANDIDATE} WHERE c.recruitment_id = $1 ORDER BY c.stage, c.position, c.id"
    )))
    .bind(recruitment_id)
    .fetch_all(&db.pool)
    .await?)
}

/// The candidates the customer may see: shared, with the candidate's consent recorded.
pub async fn shared_candidates(db: &Db, recruitment_id: i64) -> Result<Vec<RecruitmentCandidate>> {
    Ok(sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "{CANDIDATE} WHERE c.recruitment_id = $1 AND c.shared_with_customer = 1 \
         AND c.consent_at IS NOT NULL AND w.erased_at IS NULL ORDER BY c.position, c.id"
    )))
    .bind(recruitment_id)
    .fetch_all(&db.pool)
    .await?)
}

pub async fn candidate(
    db: &Db,
    recruitment_id: i64,
    id: i64,
) -> Result<Option<RecruitmentCandidate>> {
    Ok(sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "{CANDIDATE} WHERE c.id = $1 AND c.recruitment_id = $2"
    )))
    .bind(id)
    .bind(recruitment_id)
    .fetch_optional(&db.pool)
    .await?)
}

/// Puts a worker on the board in `new`, last in the column. `Conflict` when already there or
/// the recruitment is not searching; `NotFound` for a worker that does not exist.
pub async fn add_candidate(
    conn: &mut AnyConnection,
    user_id: i64,
    r: &Recruitment,
    worker_id: i64,
) -> Result<i64> {
    refuse_unless_searching(r)?;
    let Some(w) = workers::store::get_in(conn, worker_id).await? else {
        return Err(AppError::NotFound);
    };
    if w.erased_at.is_some() {
        return Err(AppError::Conflict(Msg::new("rec-worker-erased")));
    }
    let now = now();
    let id: Option<i64> = sqlx::query_scalar(
        "INSERT INTO recruitment_candidates (recruitment_id, worker_id, stage, position, added_by, \
         created_at, updated_at) SELECT $1, $2, 'new', COALESCE(MAX(position) + 1, 0), $3, $4, $4 \
         FROM recruitment_candidates WHERE recruitment_id = $1 AND stage = 'new' \
         ON CONFLICT (recruitment_id, worker_id) DO NOTHING RETURNING id",
    )
    .bind(r.id)
    .bind(worker_id)
    .bind(user_id)
    .bind(now)
    .fetch_optional(&mut *conn)
    .await?;
    let id = id.ok_or_else(|| AppError::Conflict(Msg::new("rec-candidate-exists")))?;
    record(
        conn,
        r.customer_id,
        r.id,
        "rec-candidate-add",
        &[change("worker", None, Some(w.name))],
        Some(user_id),
    )
    .await?;
    Ok(id)
}

/// The ids of a column in order.
pub(super) async fn column(
    conn: &mut AnyConnection,
    recruitment_id: i64,
    stage: Stage,
) -> Result<Vec<i64>> {
    Ok(sqlx::query_scalar(
        "SELECT id FROM recruitment_candidates WHERE recruitment_id = $1 AND stage = $2 \
         ORDER BY position, id",
    )
    .bind(recruitment_id)
    .bind(stage.as_str())
    .fetch_all(&mut *conn)
    .await?)
}

/// Writes a column's order as 0, 1, 2, …
pub(super) async fn renumber(conn: &mut AnyConnection, ids: &[i64], stage: Stage) -> Result<()> {
    let now = now();
    for (i, id) in ids.iter().enumerate() {
        sqlx::query(
            "UPDATE recruitment_candidates SET stage = $1, position = $2, updated_at = \
             CASE WHEN stage = $1 AND position = $2 THEN updated_at ELSE $3 END WHERE id = $4",
        )
        .bind(stage.as_str())
        .bind(i as i64)
        .bind(now)
        .bind(id)
        .execute(&mut *conn)
        .await?;
    }
    Ok(())
}

/// Moves a candidate to `stage` at `index` in its column (none: last; past the end: last).
/// Into or out of `hired` only through [`hire`]; `Conflict` when the recruitment is not
/// searching.
pub async fn move_candidate(
    conn: &mut AnyConnection,
    user_id: i64,
    r: &Recruitment,
    c: &RecruitmentCandidate,
    stage: Stage,
    index: Option<usize>,
) -> Result<()> {
    refuse_unless_searching(r)?;
    if !stage.is_movable() || !c.stage().is_movable() {
        return Err(AppError::Conflict(Msg::new("rec-hired-by-form")));
    }
    // Claims the recruitment first, so two moves on one board queue here.
    sqlx::query("UPDATE recruitments SET updated_at = $1 WHERE id = $2")
        .bind(now())
        .bind(r.id)
        .execute(&mut *conn)
        .await?;
    let from = c.stage();
    let mut target = column(conn, r.id, stage).await?;
    target.retain(|id| *id != c.id);
    let at = index.unwrap_or(target.len()).min(target.len());
    target.insert(at, c.id);
    renumber(conn, &target, stage).await?;
    if from != stage {
        let rest = column(conn, r.id, from).await?;
        renumber(conn, &rest, from).await?;
        record(
            conn,
            r.customer_id,
            r.id,
            "rec-candidate-stage",
            &[
                change("worker", None, Some(c.worker_name.clone())),
                change(
                    "stage",
                    Some(from.as_str().into()),
                    Some(stage.as_str().into()),
                ),
            ],
            Some(user_id),
        )
        .await?;
    }
    Ok(())
}

/// Records the candidate's consent to be presented to this customer and whether they are
/// shared (sharing needs the consent). `Conflict` when sharing without consent.
pub async fn set_sharing(
    conn: &mut AnyConnection,
    user_id: i64,
    r: &Recruitment,
    c: &RecruitmentCandidate,
    consent: bool,
    shared: bool,
) -> Result<()> {
    if shared && !consent {
        return Err(AppError::Conflict(Msg::new("rec-share-needs-consent")));
    }
    let consent_at = if consent {
        Some(c.consent_at.unwrap_or_else(now))
    } else {
        None
    };
    sqlx::query(
        "UPDATE recruitment_candidates SET consent_at = $1, shared_with_customer = $2, \
         updated_at = $3 WHERE id = $4",
    )
    .bind(consent_at)
    .bind(i64::from(shared))
    .bind(now())
    .bind(c.id)
    .execute(&mut *conn)
    .await?;
    let yes_no = |b: bool| Some(if b { "yes" } else { "no" }.to_string());
    let changes = audit::diff(
        vec![
            ("consent", yes_no(c.consent_at.is_some())),
            ("shared", yes_no(c.shared_with_customer == 1)),
        ],
        vec![("consent", yes_no(consent)), ("shared", yes_no(shared))],
    );
    if !changes.is_empty() {
        let mut all = vec![change("worker", None, Some(c.worker_name.clone()))];
        all.extend(changes);
        record(
            conn,
            r.customer_id,
            r.id,
            "rec-candidate-sharing",
            &all,
            Some(user_id),
        )
        .await?;
    }
    Ok(())
}

/// Links the interview booked in the diary to the candidate and moves them to `interview`
/// when they were before it.
pub async fn interview_booked(
    conn: &mut AnyConnection,
    user_id: i64,
    r: &Recruitment,
    c: &RecruitmentCandidate,
    activity_id: i64,
    when: i64,
) -> Result<()> {
    sqlx::query(
        "UPDATE recruitment_candidates SET interview_activity_id = $1, updated_at = $2 WHERE id = $3",
    )
    .bind(activity_id)
    .bind(now())
    .bind(c.id)
    .execute(&mut *conn)
    .await?;
    record(
        conn,
        r.customer_id,
        r.id,
        "rec-interview",
        &[
            change("worker", None, Some(c.worker_name.clone())),
            change("when", None, Some(crate::timefmt::oslo_datetime(when))),
        ],
        Some(user_id),
    )
    .await?;
    if matches!(c.stage(), Stage::New | Stage::Screening) && r.status().is_searching() {
        move_candidate(conn, user_id, r, c, Stage::Interview, None).await?;
    }
    Ok(())
}
