//! The vacancy's terms through the assignments' own code: shown on the form as the
//! assignments' draft, evaluated by their rules (light and margin), and turned into an
//! assignment's checked data for one worker ("make assignment": nothing retyped).

use time::Date;

use super::{model::VacancyDraft, store::Vacancy};
use crate::{
    AppState, Result,
    assignments::{
        compliance,
        evaluate::{Evaluation, Subject, evaluate_all},
        input,
        model::{AssignmentData, AssignmentDraft},
        store as assignment_store,
    },
    error::FieldErrors,
};

/// The rules' findings about the worker (papers, three years at the customer): a vacancy has
/// no worker yet, so they are left to the assignment made from it, which shows them.
const WORKER_FINDINGS: [&str; 6] = [
    "no-hms-card",
    "hms-card-expired",
    "hms-card-expires",
    "no-work-permit",
    "work-permit-ends",
    "three-years",
];

/// An evaluation without the findings about the worker, its light computed again.
pub fn without_worker(mut e: Evaluation) -> Evaluation {
    e.findings.retain(|f| !WORKER_FINDINGS.contains(&f.code));
    e.light = compliance::light(&e.findings);
    e
}

/// The stored vacancy as the form shows it: its own fields and the terms' draft.
pub async fn drafts(state: &AppState, v: &Vacancy) -> Result<(VacancyDraft, AssignmentDraft)> {
    let terms = match v.equal_terms_id {
        Some(t) => assignment_store::equal_terms(&state.db, t).await?,
        None => None,
    };
    let own = VacancyDraft {
        positions: v.positions.to_string(),
        occupation_title: v.occupation_title.clone().unwrap_or_default(),
        description: v.description.clone().unwrap_or_default(),
        requirements: v.requirements.clone().unwrap_or_default(),
        contact_id: v.contact_id.map(|c| c.to_string()).unwrap_or_default(),
    };
    let mut draft = input::to_draft(&v.as_assignment(0), terms);
    draft.worker_id = String::new();
    Ok((own, draft))
}

/// The light and margin of vacancies of one customer (`customer_nace` from Brønnøysund).
pub async fn evaluate(
    state: &AppState,
    customer_id: i64,
    customer_nace: Option<&str>,
    subjects: &[Subject],
    today: Date,
) -> Result<Vec<Evaluation>> {
    let (costs, rules) = assignment_store::settings(&state.db).await?;
    Ok(evaluate_all(
        &state.db,
        customer_id,
        customer_nace,
        subjects,
        &costs,
        &rules,
        today,
    )
    .await?
    .into_iter()
    .map(without_worker)
    .collect())
}

/// Stored vacancies evaluated.
pub async fn evaluate_stored(
    state: &AppState,
    customer_id: i64,
    customer_nace: Option<&str>,
    vacancies: &[Vacancy],
    today: Date,
) -> Result<Vec<Evaluation>> {
    let subjects: Vec<Subject> = vacancies
        .iter()
        .map(|v| {
            let mut s = Subject::of(&v.as_assignment(0), today);
            s.id = None;
            s
        })
        .collect();
    evaluate(state, customer_id, customer_nace, &subjects, today).await
}

/// The vacancy's terms as an assignment of `worker_id`, checked exactly as the assignment
/// form checks it (the model's rules, then the references). `Err` holds what a change since
/// the vacancy was saved has made invalid (a contact of another customer, a worker gone).
pub async fn for_worker(
    state: &AppState,
    v: &Vacancy,
    worker_id: i64,
) -> Result<std::result::Result<AssignmentData, FieldErrors>> {
    let (_, mut draft) = drafts(state, v).await?;
    draft.worker_id = worker_id.to_string();
    let data = match draft.validate() {
        Ok(d) => d,
        Err(e) => return Ok(Err(e)),
    };
    let errors = input::check_references(state, v.customer_id, &data).await?;
    Ok(if errors.is_empty() {
        Ok(data)
    } else {
        Err(errors)
    })
}
