//! Creating and editing a worker. Bad input comes back with every field as typed and a
//! message on each wrong one; a save over someone else's newer one is refused, not lost.

use askama::Template;
use askama_web::WebTemplate;
use axum::{
    Form,
    extract::{Path, State},
    http::StatusCode,
    response::{IntoResponse, Redirect, Response},
};
use axum_extra::extract::CookieJar;
use serde::Deserialize;

use super::{
    bank,
    model::{BankChange, Status, WorkerData, WorkerDraft},
    national_id::{self, Masked},
    store::{self, Worker},
};
use crate::{
    AppError, AppState, Result,
    auth::Staff,
    error::FieldErrors,
    i18n::Lang,
    web::{Chrome, form::field_messages},
};

#[derive(Template, WebTemplate)]
#[template(path = "workers/form.html")]
pub struct FormView {
    lang: Lang,
    chrome: Chrome,
    worker_id: Option<i64>,
    version: i64,
    draft: WorkerDraft,
    errors: FieldErrors,
    stale: bool,
    /// The stored national identity number, masked (never shown in full on the form).
    stored_national_id: Option<Masked>,
    /// The stored bank account, masked, with its BIC (never shown in full on the form).
    stored_bank: Option<String>,
}

impl FormView {
    fn errs(&self, field: &str) -> Vec<String> {
        field_messages(&self.errors, self.lang, field)
    }
    fn action(&self) -> String {
        match self.worker_id {
            Some(id) => format!("/workers/{id}"),
            None => "/workers".to_string(),
        }
    }
    /// "Fødselsnummer •••••••••45" for the stored number.
    fn stored_national_id_text(&self) -> Option<String> {
        let m = self.stored_national_id.as_ref()?;
        Some(format!("{} {}", self.lang.t(&m.kind_key()), m.masked))
    }
    fn statuses(&self) -> Vec<(&'static str, String)> {
        Status::ALL
            .iter()
            .map(|s| {
                (
                    s.as_str(),
                    self.lang.t(&format!("worker-status-{}", s.as_str())),
                )
            })
            .collect()
    }
}

/// The stored worker as the form shows it.
pub fn to_draft(w: &Worker, skills: &[String]) -> WorkerDraft {
    let s = |v: &Option<String>| v.clone().unwrap_or_default();
    WorkerDraft {
        name: w.name.clone(),
        email: s(&w.email),
        mobile: w.mobile_text(),
        street: s(&w.street),
        postal_code: s(&w.postal_code),
        city: s(&w.city),
        employee_number: s(&w.employee_number),
        status: w.status.clone(),
        skills: skills.join(", "),
        preferred_places: s(&w.preferred_places),
        available_from: s(&w.available_from),
        // Never shown back (sealed, decision 0073): empty keeps the stored account and BIC.
        bank_account: String::new(),
        bic: String::new(),
        bank_account_remove: String::new(),
        needs_work_permit: if w.needs_work_permit == 1 {
            "1".into()
        } else {
            String::new()
        },
        // Never shown back: empty keeps the stored number.
        national_id: String::new(),
        national_id_remove: String::new(),
    }
}

/// "•••• 2874 (WBKPPLPP)" for the stored account.
fn stored_bank_text(w: &Worker) -> Option<String> {
    let masked = w.bank_account_masked()?;
    Some(match &w.bic {
        Some(bic) => format!("{masked} ({bic})"),
        None => masked,
    })
}

fn view(user: &Staff, worker: Option<&Worker>, draft: WorkerDraft) -> FormView {
    FormView {
        lang: user.lang,
        chrome: Chrome::new(user, "workers"),
        worker_id: worker.map(|w| w.id),
        version: worker.map(|w| w.version).unwrap_or(0),
        draft,
        errors: FieldErrors::default(),
        stale: false,
        stored_national_id: worker.and_then(Worker::national_id),
        stored_bank: worker.and_then(stored_bank_text),
    }
}

#[derive(Deserialize)]
pub struct WorkerForm {
    #[serde(flatten)]
    draft: WorkerDraft,
    #[serde(default)]
    version: String,
}

/// GET /workers/new
#[tracing::instrument(skip_all, fields(user = user.id))]
pub async fn new(user: Staff) -> FormView {
    view(
        &user,
        None,
        WorkerDraft {
            status: Status::Candidate.as_str().into(),
            ..Default::default()
        },
    )
}

/// POST /workers
#[tracing::instrument(skip_all, fields(user = user.id))]
pub async fn create(
    State(state): State<AppState>,
    user: Staff,
    Form(input): Form<WorkerForm>,
) -> Result<Response> {
    let mut form = view(&user, None, input.draft.clone());
    let data = match input.draft.validate() {
        Ok(d) => d,
        Err(errors) => {
            form.errors = errors;
            return Ok((StatusCode::UNPROCESSABLE_ENTITY, form).into_response());
        }
    };
    let mut tx = state.db.begin().await?;
    let id = match store::create(&mut tx, user.id, &data).await {
        Ok(id) => id,
        Err(AppError::Invalid(errors)) => {
            form.errors = errors;
            return Ok((StatusCode::UNPROCESSABLE_ENTITY, form).into_response());
        }
        Err(e) => return Err(e),
    };
    national_id::apply(&mut tx, &state.data_key, id, &data.national_id).await?;
    bank::apply(&mut tx, &state.data_key, id, &data.bank).await?;
    tx.commit().await?;
    Ok(Redirect::to(&format!("/workers/{id}?saved=1")).into_response())
}

/// GET /workers/{id}/edit
#[tracing::instrument(skip_all, fields(user = user.id, worker = id))]
pub async fn edit(
    State(state): State<AppState>,
    user: Staff,
    Path(id): Path<i64>,
) -> Result<FormView> {
    let worker = store::get(&state.db, id).await?.ok_or(AppError::NotFound)?;
    super::gdpr::refuse_if_erased(&worker)?;
    let skills = store::skills(&state.db, id).await?;
    Ok(view(&user, Some(&worker), to_draft(&worker, &skills)))
}

/// Whether saving `data` changes where an existing worker's pay goes (account or BIC, set,
/// changed or removed): such a change asks for a recent log-in (issue 18, "re-authentication
/// before sensitive changes … bank details"). The account typed again as stored is no change;
/// to know, the stored one is opened here (a comparison, not shown to anyone: no audit row).
pub(crate) async fn changes_bank_details(
    state: &AppState,
    worker: &Worker,
    data: &WorkerData,
) -> Result<bool> {
    Ok(match &data.bank {
        BankChange::Keep => false,
        BankChange::Remove => worker.bank_account_last4.is_some() || worker.bic.is_some(),
        BankChange::Set { account, bic } => {
            worker.bic != *bic
                || bank::stored_for_comparison(&state.db, &state.data_key, worker.id)
                    .await?
                    .as_deref()
                    != Some(account.as_str())
        }
    })
}

impl WorkerForm {
    /// The fields as the form sent them, for re-authentication to post again.
    fn typed(&self) -> Vec<(String, String)> {
        let mut fields: Vec<(String, String)> = match serde_json::to_value(&self.draft) {
            Ok(serde_json::Value::Object(map)) => map
                .into_iter()
                .filter_map(|(k, v)| v.as_str().map(|s| (k, s.to_string())))
                .collect(),
            _ => Vec::new(),
        };
        fields.push(("version".into(), self.version.clone()));
        fields
    }
}

/// POST /workers/{id}
#[tracing::instrument(skip_all, fields(user = user.id, worker = id))]
pub async fn update(
    State(state): State<AppState>,
    user: Staff,
    Path(id): Path<i64>,
    jar: CookieJar,
    Form(input): Form<WorkerForm>,
) -> Result<Response> {
    let worker = store::get(&state.db, id).await?.ok_or(AppError::NotFound)?;
    super::gdpr::refuse_if_erased(&worker)?;
    let mut form = view(&user, Some(&worker), input.draft.clone());
    let expected: i64 = input.version.trim().parse().unwrap_or(0);
    form.version = expected;
    let data = match input.draft.validate() {
        Ok(d) => d,
        Err(errors) => {
            form.errors = errors;
            return Ok((StatusCode::UNPROCESSABLE_ENTITY, form).into_response());
        }
    };
    if changes_bank_details(&state, &worker, &data).await?
        && !crate::auth::reauth::is_fresh(&state, &jar).await?
    {
        let path = format!("/workers/{id}");
        return crate::auth::reauth::ask_keeping(
            &state,
            &user,
            &format!("{path}/edit"),
            &path,
            input.typed(),
        )
        .await;
    }
    let mut tx = state.db.begin().await?;
    match store::update(&mut tx, id, expected, &data).await {
        Ok(true) => {}
        Ok(false) => {
            form.stale = true;
            form.version = worker.version;
            return Ok((StatusCode::CONFLICT, form).into_response());
        }
        Err(AppError::Invalid(errors)) => {
            form.errors = errors;
            return Ok((StatusCode::UNPROCESSABLE_ENTITY, form).into_response());
        }
        Err(e) => return Err(e),
    }
    national_id::apply(&mut tx, &state.data_key, id, &data.national_id).await?;
    bank::apply(&mut tx, &state.data_key, id, &data.bank).await?;
    tx.commit().await?;
    Ok(Redirect::to(&format!("/workers/{id}?saved=1")).into_response())
}
