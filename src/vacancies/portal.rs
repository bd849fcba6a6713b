//! Vacancies in the customer portal (decision 0041). A contact with the *view assignments* or
//! the *request staff* right sees their own company's vacancies (status, places filled) and,
//! on one, the candidates presented to them — only those presented with the candidate's
//! consent recorded, and of each only the name, the summary the agency wrote and the
//! documents it chose to share — and accepts or declines them. A contact with *request staff*
//! asks for staff with a short form: a draft vacancy for the customer's consultant, a diary
//! task and a message to them (`request`).
//!
//! Isolation: every query is keyed on the contact's company and, below the vacancy, on the
//! vacancy and the candidate found through it, so another company's ids are "not found"; a
//! document is served only through its sharing row for that candidate.

use askama::Template;
use askama_web::WebTemplate;
use axum::{
    Form,
    extract::{Path, Query, State},
    http::StatusCode,
    response::{IntoResponse, Redirect, Response},
};
use serde::{Deserialize, Serialize};

use super::request::{self, Note, RequestDraft};
use crate::{
    AppError, AppState, Result,
    audit::{self, Change},
    contacts::model::Right,
    error::{FieldErrors, Msg},
    i18n::Lang,
    portal::session::PortalUser,
    timefmt::{self, now, when::oslo_date},
};

/// What the portal reads of a vacancy: nothing of rates, margins or internal notes.
#[derive(Clone, Debug, Serialize, sqlx::FromRow)]
pub struct PortalVacancy {
    pub id: i64,
    pub title: String,
    pub positions: i64,
    pub filled: i64,
    pub from_date: String,
    pub to_date: Option<String>,
    pub workplace_city: Option<String>,
    pub description: Option<String>,
    /// `open`, `filled` or `cancelled`.
    pub status: String,
    pub draft: i64,
    /// Candidates presented and waiting for the customer's answer.
    pub waiting: i64,
}

/// What the portal reads of a presented candidate.
#[derive(Clone, Debug, Serialize, sqlx::FromRow)]
pub struct PortalCandidate {
    pub id: i64,
    pub worker_name: String,
    /// `presented`, `accepted` or `declined`.
    pub stage: String,
    pub summary: Option<String>,
    pub decided_by_name: Option<String>,
    pub decided_at: Option<i64>,
    pub decline_reason: Option<String>,
}

/// A document shared with the customer for one candidacy.
#[derive(Clone, Debug, Serialize, sqlx::FromRow)]
pub struct SharedDocument {
    pub id: i64,
    pub title: String,
    pub file_name: String,
}

const VACANCY: &str = "SELECT v.id, v.title, v.positions, \
    (SELECT COUNT(*) FROM vacancy_candidates fc WHERE fc.vacancy_id = v.id AND fc.assignment_id IS NOT NULL) AS filled, \
    v.from_date, v.to_date, v.workplace_city, v.description, v.status, v.draft, \
    (SELECT COUNT(*) FROM vacancy_candidates wc JOIN workers ww ON ww.id = wc.worker_id \
     WHERE wc.vacancy_id = v.id AND wc.stage = 'presented' AND wc.consent_at IS NOT NULL \
     AND wc.presented_at IS NOT NULL AND ww.erased_at IS NULL) AS waiting \
    FROM vacancies v";

/// The candidates the customer may see: presented with the consent recorded, not erased.
const VISIBLE: &str = "SELECT c.id, w.name AS worker_name, c.stage, c.summary, \
    TRIM(dc.first_name || ' ' || dc.last_name) AS decided_by_name, c.decided_at, c.decline_reason \
    FROM vacancy_candidates c JOIN workers w ON w.id = c.worker_id \
    JOIN vacancies v ON v.id = c.vacancy_id \
    LEFT JOIN contacts dc ON dc.id = c.decided_by_contact_id \
    WHERE c.consent_at IS NOT NULL AND c.presented_at IS NOT NULL \
    AND c.stage IN ('presented', 'accepted', 'declined') AND w.erased_at IS NULL";

/// Vacancies and their candidates are seen with either right (decision 0041).
fn require_see(me: &PortalUser) -> Result<()> {
    if me.rights.has(Right::ViewAssignments) || me.rights.has(Right::RequestStaff) {
        Ok(())
    } else {
        Err(AppError::Forbidden)
    }
}

pub async fn list_for(state: &AppState, customer_id: i64) -> Result<Vec<PortalVacancy>> {
    Ok(sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "{VACANCY} WHERE v.customer_id = $1 ORDER BY CASE v.status WHEN 'open' THEN 0 \
         WHEN 'filled' THEN 1 ELSE 2 END, v.from_date DESC, v.id DESC LIMIT 200"
    )))
    .bind(customer_id)
    .fetch_all(&state.db.pool)
    .await?)
}

async fn vacancy(state: &AppState, me: &PortalUser, vid: i64) -> Result<PortalVacancy> {
    sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "{VACANCY} WHERE v.id = $1 AND v.customer_id = $2"
    )))
    .bind(vid)
    .bind(me.customer_id)
    .fetch_optional(&state.db.pool)
    .await?
    .ok_or(AppError::NotFound)
}

async fn candidates(state: &AppState, me: &PortalUser, vid: i64) -> Result<Vec<PortalCandidate>> {
    Ok(sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "{VISIBLE} AND c.vacancy_id = $1 AND v.customer_id = $2 ORDER BY c.presented_at, c.id"
    )))
    .bind(vid)
    .bind(me.customer_id)
    .fetch_all(&state.db.pool)
    .await?)
}

/// One visible candidate with the worker's id (never shown), or "not found".
async fn candidate(
    state: &AppState,
    me: &PortalUser,
    vid: i64,
    cid: i64,
) -> Result<(PortalCandidate, i64)> {
    let c: PortalCandidate = sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "{VISIBLE} AND c.id = $1 AND c.vacancy_id = $2 AND v.customer_id = $3"
    )))
    .bind(cid)
    .bind(vid)
    .bind(me.customer_id)
    .fetch_optional(&state.db.pool)
    .await?
    .ok_or(AppError::NotFound)?;
    let worker_id: i64 =
        sqlx::query_scalar("SELECT worker_id FROM vacancy_candidates WHERE id = $1")
            .bind(cid)
            .fetch_one(&state.db.pool)
            .await?;
    Ok((c, worker_id))
}

async fn shared_documents(state: &AppState, cid: i64) -> Result<Vec<SharedDocument>> {
    Ok(sqlx::query_as(
        "SELECT d.id, d.title, d.file_name FROM vacancy_candidate_documents s \
         JOIN vacancy_candidates c ON c.id = s.candidate_id \
         JOIN worker_documents d ON d.id = s.document_id AND d.worker_id = c.worker_id \
         WHERE s.candidate_id = $1 AND d.retain_until IS NULL ORDER BY d.title, d.id",
    )
    .bind(cid)
    .fetch_all(&state.db.pool)
    .await?)
}

fn status_key(status: &str, draft: i64) -> String {
    if draft == 1 && status == "open" {
        "vacancy-portal-status-requested".into()
    } else {
        format!("vacancy-status-{status}")
    }
}

fn filled_text(lang: Lang, v: &PortalVacancy) -> String {
    lang.t_with(
        "vacancy-filled",
        &[
            ("filled", v.filled.to_string()),
            ("count", v.positions.to_string()),
        ],
    )
}

fn period(lang: Lang, v: &PortalVacancy) -> String {
    timefmt::period_text(
        lang,
        &v.from_date,
        v.to_date.as_deref(),
        "assignment-open-ended",
    )
}

#[derive(Template, WebTemplate)]
#[template(path = "vacancies/portal_list.html")]
pub struct ListPage {
    lang: Lang,
    me: PortalUser,
    rows: Vec<PortalVacancy>,
    can_request: bool,
}

impl ListPage {
    fn status(&self, v: &PortalVacancy) -> String {
        self.lang.t(&status_key(&v.status, v.draft))
    }
    fn filled(&self, v: &PortalVacancy) -> String {
        filled_text(self.lang, v)
    }
    fn period(&self, v: &PortalVacancy) -> String {
        period(self.lang, v)
    }
    fn waiting(&self, v: &PortalVacancy) -> String {
        self.lang.t_count("vacancy-portal-waiting", v.waiting)
    }
}

/// GET /portal/vacancies
#[tracing::instrument(skip_all, fields(customer_id = me.customer_id, contact_id = me.contact_id))]
pub async fn list(State(state): State<AppState>, me: PortalUser) -> Result<ListPage> {
    require_see(&me)?;
    Ok(ListPage {
        lang: me.lang,
        rows: list_for(&state, me.customer_id).await?,
        can_request: me.rights.has(Right::RequestStaff),
        me,
    })
}

#[derive(Template, WebTemplate)]
#[template(path = "vacancies/portal_detail.html")]
pub struct DetailPage {
    lang: Lang,
    me: PortalUser,
    v: PortalVacancy,
    rows: Vec<(PortalCandidate, Vec<SharedDocument>)>,
    /// Just requested: the confirmation is shown.
    requested: bool,
    /// A refused decline: the candidate, the reason as typed, the errors.
    typed: Option<(i64, String, FieldErrors)>,
}

impl DetailPage {
    fn status(&self) -> String {
        self.lang.t(&status_key(&self.v.status, self.v.draft))
    }
    fn filled(&self) -> String {
        filled_text(self.lang, &self.v)
    }
    fn period(&self) -> String {
        period(self.lang, &self.v)
    }
    fn stage(&self, c: &PortalCandidate) -> String {
        self.lang.t(&format!("vacancy-stage-{}", c.stage))
    }
    fn decided(&self, c: &PortalCandidate) -> String {
        let key = if c.stage == "accepted" {
            "vacancy-portal-accepted-by"
        } else {
            "vacancy-portal-declined-by"
        };
        self.lang.t_with(
            key,
            &[
                ("name", c.decided_by_name.clone().unwrap_or_default()),
                (
                    "date",
                    c.decided_at.map(timefmt::oslo_date).unwrap_or_default(),
                ),
            ],
        )
    }
    fn can_decide(&self, c: &PortalCandidate) -> bool {
        c.stage == "presented" && self.v.status == "open"
    }
    fn reason(&self, c: &PortalCandidate) -> String {
        match &self.typed {
            Some((id, reason, _)) if *id == c.id => reason.clone(),
            _ => String::new(),
        }
    }
    fn errs(&self, c: &PortalCandidate) -> Vec<String> {
        match &self.typed {
            Some((id, _, e)) if *id == c.id => e
                .get("reason")
                .map(|v| v.iter().map(|m| m.render(self.lang)).collect())
                .unwrap_or_default(),
            _ => Vec::new(),
        }
    }
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct DetailParams {
    requested: String,
}

async fn detail(
    state: &AppState,
    me: PortalUser,
    vid: i64,
    requested: bool,
    typed: Option<(i64, String, FieldErrors)>,
) -> Result<DetailPage> {
    require_see(&me)?;
    let v = vacancy(state, &me, vid).await?;
    let mut rows = Vec::new();
    for c in candidates(state, &me, vid).await? {
        let docs = shared_documents(state, c.id).await?;
        rows.push((c, docs));
    }
    Ok(DetailPage {
        lang: me.lang,
        me,
        v,
        rows,
        requested,
        typed,
    })
}

/// GET /portal/vacancies/{vid}
#[tracing::instrument(skip_all, fields(customer_id = me.customer_id, contact_id = me.contact_id, vacancy = vid))]
pub async fn show(
    State(state): State<AppState>,
    me: PortalUser,
    Path(vid): Path<i64>,
    Query(p): Query<DetailParams>,
) -> Result<DetailPage> {
    detail(&state, me, vid, p.requested == "1", None).await
}

/// GET /portal/vacancies/{vid}/candidates/{cid}/documents/{did}: a document shared for this
/// candidacy; anything else is "not found", so guessed ids reveal nothing.
#[tracing::instrument(skip_all, fields(customer_id = me.customer_id, contact_id = me.contact_id, vacancy = vid, candidate = cid, document = did))]
pub async fn document(
    State(state): State<AppState>,
    me: PortalUser,
    Path((vid, cid, did)): Path<(i64, i64, i64)>,
) -> Result<Response> {
    require_see(&me)?;
    let (_, worker_id) = candidate(&state, &me, vid, cid).await?;
    if !shared_documents(&state, cid)
        .await?
        .iter()
        .any(|d| d.id == did)
    {
        return Err(AppError::NotFound);
    }
    crate::workers::documents::download(&state, worker_id, did, false, false).await
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct DecisionForm {
    /// `accept` or `decline`.
    decision: String,
    reason: String,
}

/// The longest reason for declining.
const REASON_MAX: usize = 1_000;

/// POST /portal/vacancies/{vid}/candidates/{cid}/decision: accepts or declines a presented
/// candidate; records who and when (and why, when declined), shows it on the card's vacancy
/// page and tells the consultant.
#[tracing::instrument(skip_all, fields(customer_id = me.customer_id, contact_id = me.contact_id, vacancy = vid, candidate = cid))]
pub async fn decide(
    State(state): State<AppState>,
    me: PortalUser,
    Path((vid, cid)): Path<(i64, i64)>,
    Form(form): Form<DecisionForm>,
) -> Result<Response> {
    require_see(&me)?;
    let v = vacancy(&state, &me, vid).await?;
    let (c, _) = candidate(&state, &me, vid, cid).await?;
    let accept = match form.decision.as_str() {
        "accept" => true,
        "decline" => false,
        _ => return Err(AppError::BadRequest(Msg::new("form-malformed"))),
    };
    if c.stage != "presented" || v.status != "open" {
        return Err(AppError::Conflict(Msg::new("vacancy-portal-decided")));
    }
    let reason = form.reason.trim().to_string();
    if !accept && reason.chars().count() > REASON_MAX {
        let mut e = FieldErrors::default();
        e.add("reason", Msg::new("field-too-long").arg("max", REASON_MAX));
        let page = detail(&state, me, vid, false, Some((cid, form.reason, e))).await?;
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response());
    }
    let reason = (!accept && !reason.is_empty()).then_some(reason);
    let stage = if accept { "accepted" } else { "declined" };
    let mut tx = state.db.begin().await?;
    let done = sqlx::query(
        "UPDATE vacancy_candidates SET stage = $1, decided_by_contact_id = $2, decided_at = $3, \
         decline_reason = $4, updated_at = $3 WHERE id = $5 AND vacancy_id = $6 \
         AND stage = 'presented' AND assignment_id IS NULL",
    )
    .bind(stage)
    .bind(me.contact_id)
    .bind(now())
    .bind(reason.clone())
    .bind(cid)
    .bind(vid)
    .execute(&mut *tx)
    .await?;
    if done.rows_affected() == 0 {
        return Err(AppError::Conflict(Msg::new("vacancy-portal-decided")));
    }
    audit::record(
        &mut tx,
        me.customer_id,
        "vacancy",
        vid,
        if accept {
            "vacancy-candidate-accepted"
        } else {
            "vacancy-candidate-declined"
        },
        &[
            Change {
                field: "worker".into(),
                old: None,
                new: Some(c.worker_name.clone()),
            },
            Change {
                field: "stage".into(),
                old: Some(c.stage.clone()),
                new: Some(stage.into()),
            },
            Change {
                field: "decided_by".into(),
                old: None,
                new: Some(me.name.clone()),
            },
            Change {
                field: "decline_reason".into(),
                old: None,
                new: reason.clone(),
            },
        ],
        None,
    )
    .await?;
    let (consultant,): (Option<i64>,) =
        sqlx::query_as("SELECT consultant_id FROM vacancies WHERE id = $1")
            .bind(vid)
            .fetch_one(&mut *tx)
            .await?;
    let consultant = match consultant {
        Some(u) => Some(u),
        None => request::consultant_for(&mut tx, me.customer_id).await?,
    };
    if let Some(user_id) = consultant {
        let lang = request::user_lang(&mut tx, user_id).await?;
        let link = format!(
            "/customers/{}/vacancies/{vid}#candidate-{cid}",
            me.customer_id
        );
        let args = [
            ("contact", me.name.clone()),
            ("worker", c.worker_name.clone()),
            ("title", v.title.clone()),
            ("reason", reason.clone().unwrap_or_default()),
            ("link", link),
        ];
        let note = Note {
            title: lang.t_with(
                if accept {
                    "vacancy-decision-accepted-title"
                } else {
                    "vacancy-decision-declined-title"
                },
                &args,
            ),
            body: lang.t_with(
                if accept {
                    "vacancy-decision-accepted-body"
                } else {
                    "vacancy-decision-declined-body"
                },
                &args,
            ),
        };
        request::tell_consultant(&mut tx, me.customer_id, user_id, vec![me.contact_id], &note)
            .await?;
    }
    state.db.commit_and_recount(tx).await?;
    Ok(Redirect::to(&format!("/portal/vacancies/{vid}#candidate-{cid}")).into_response())
}

#[derive(Template, WebTemplate)]
#[template(path = "vacancies/portal_request.html")]
pub struct RequestPage {
    lang: Lang,
    me: PortalUser,
    form: RequestDraft,
    errors: FieldErrors,
}

impl RequestPage {
    fn errs(&self, field: &str) -> Vec<String> {
        self.errors
            .get(field)
            .map(|v| v.iter().map(|m| m.render(self.lang)).collect())
            .unwrap_or_default()
    }
}

/// GET /portal/vacancies/new
#[tracing::instrument(skip_all, fields(customer_id = me.customer_id, contact_id = me.contact_id))]
pub async fn new(me: PortalUser) -> Result<RequestPage> {
    me.require(Right::RequestStaff)?;
    Ok(RequestPage {
        lang: me.lang,
        me,
        form: RequestDraft {
            positions: "1".into(),
            ..Default::default()
        },
        errors: FieldErrors::default(),
    })
}

/// POST /portal/vacancies: the request becomes a draft vacancy for the customer's consultant,
/// with a diary task and a message to them, all in one transaction.
#[tracing::instrument(skip_all, fields(customer_id = me.customer_id, contact_id = me.contact_id))]
pub async fn create(
    State(state): State<AppState>,
    me: PortalUser,
    Form(form): Form<RequestDraft>,
) -> Result<Response> {
    me.require(Right::RequestStaff)?;
    let data = match form.validate(oslo_date(now())) {
        Ok(d) => d,
        Err(errors) => {
            let page = RequestPage {
                lang: me.lang,
                me,
                form,
                errors,
            };
            return Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response());
        }
    };
    let mut tx = state.db.begin().await?;
    let customer: String = sqlx::query_scalar("SELECT name FROM customers WHERE id = $1")
        .bind(me.customer_id)
        .fetch_one(&mut *tx)
        .await?;
    let consultant = request::consultant_for(&mut tx, me.customer_id).await?;
    let vid =
        request::create_draft(&mut tx, me.customer_id, me.contact_id, consultant, &data).await?;
    if let Some(user_id) = consultant {
        let lang = request::user_lang(&mut tx, user_id).await?;
        let link = format!("/customers/{}/vacancies/{vid}", me.customer_id);
        let note = request::request_note(lang, &customer, &me.name, &data, &link);
        request::tell_consultant(&mut tx, me.customer_id, user_id, vec![me.contact_id], &note)
            .await?;
    }
    state.db.commit_and_recount(tx).await?;
    Ok(Redirect::to(&format!("/portal/vacancies/{vid}?requested=1")).into_response())
}
