//! "Present to the customer" on a vacancy's candidate (decision 0041): staff record the
//! candidate's consent to be presented to this customer (when, how; who recorded it is the
//! user), write the summary the customer reads, choose which of the worker's documents are
//! shared, and may email the vacancy's contact that candidates wait for them in the portal.
//! Without the consent it is refused with the reason next to the field, and what was typed is
//! kept. The candidate moves to `presented`; only then (and only with the consent) does the
//! portal show them (`portal`).

use askama::Template;
use askama_web::WebTemplate;
use axum::{
    extract::{Path, State},
    http::StatusCode,
    response::{IntoResponse, Redirect, Response},
};
use axum_extra::extract::Form;
use serde::Deserialize;
use sqlx::AnyConnection;

use super::{
    model::Stage,
    store::{self, Candidate, Vacancy},
};
use crate::{
    AppError, AppState, Result,
    audit::{self, Change},
    auth::Staff,
    customers::card::CardHead,
    dialog::outbox::{self, NewEmail, Recipient},
    error::{FieldErrors, Msg},
    i18n::Lang,
    timefmt::{
        now,
        when::{date_string, day_start, oslo_date, parse_day},
    },
    web::Chrome,
    workers::documents::{self as worker_docs, Category, store::WorkerDocument},
};

/// How the consent was given.
pub const CONSENT_HOW: [&str; 4] = ["phone", "email", "in_person", "written"];

/// The form as typed.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default)]
pub struct PresentForm {
    /// `1`: the candidate consented to be presented to this customer.
    pub consent: String,
    pub consent_how: String,
    /// The day the consent was given (today when empty).
    pub consent_date: String,
    pub summary: String,
    /// The worker's documents to share.
    pub document: Vec<String>,
    /// `1`: email the vacancy's contact that candidates wait in the portal.
    pub notify: String,
}

/// The form's checked content.
struct Checked {
    consent_at: i64,
    how: &'static str,
    summary: Option<String>,
    documents: Vec<i64>,
    notify: bool,
}

#[derive(Template, WebTemplate)]
#[template(path = "vacancies/present.html")]
pub struct PresentView {
    lang: Lang,
    chrome: Chrome,
    card: CardHead,
    v: Vacancy,
    c: Candidate,
    /// The worker's documents the user may see and share (none without that access).
    documents: Vec<WorkerDocument>,
    form: PresentForm,
    errors: FieldErrors,
    /// The vacancy's contact's address, when there is one to tell.
    contact_email: Option<String>,
    email_configured: bool,
}

impl PresentView {
    fn base(&self) -> String {
        format!(
            "/customers/{}/vacancies/{}",
            self.card.customer.id, self.v.id
        )
    }
    fn errs(&self, field: &str) -> Vec<String> {
        self.errors
            .get(field)
            .map(|v| v.iter().map(|m| m.render(self.lang)).collect())
            .unwrap_or_default()
    }
    fn hows(&self) -> Vec<(&'static str, String)> {
        CONSENT_HOW
            .iter()
            .map(|h| (*h, self.lang.t(&format!("vacancy-consent-how-{h}"))))
            .collect()
    }
    fn checked(&self, id: &i64) -> bool {
        self.form
            .document
            .iter()
            .any(|d| d.trim() == id.to_string())
    }
    fn category(&self, d: &WorkerDocument) -> String {
        Category::parse(&d.category)
            .map(|c| self.lang.t(&c.label_key()))
            .unwrap_or_default()
    }
}

fn check(form: &PresentForm, docs: &[WorkerDocument]) -> std::result::Result<Checked, FieldErrors> {
    let mut e = FieldErrors::default();
    let today = oslo_date(now());
    if form.consent.trim() != "1" {
        e.add("consent", Msg::new("vacancy-present-needs-consent"));
    }
    let how = CONSENT_HOW
        .into_iter()
        .find(|h| *h == form.consent_how.trim());
    if how.is_none() {
        e.add("consent_how", Msg::new("vacancy-consent-how-required"));
    }
    let consent_at = match form.consent_date.trim() {
        "" => Some(now()),
        raw => match parse_day(raw) {
            Some(d) if d > today => {
                e.add("consent_date", Msg::new("vacancy-consent-date-future"));
                None
            }
            Some(d) if d == today => Some(now()),
            Some(d) => Some(day_start(d)),
            None => {
                e.add("consent_date", Msg::new("vacancy-request-date-invalid"));
                None
            }
        },
    };
    if form.summary.trim().chars().count() > 2_000 {
        e.add("summary", Msg::new("field-too-long").arg("max", 2_000));
    }
    let mut documents = Vec::new();
    for raw in form
        .document
        .iter()
        .map(|d| d.trim())
        .filter(|d| !d.is_empty())
    {
        match raw
            .parse::<i64>()
            .ok()
            .filter(|id| docs.iter().any(|d| d.id == *id))
        {
            Some(id) if !documents.contains(&id) => documents.push(id),
            Some(_) => {}
            None => e.add("document", Msg::new("vacancy-present-document-unknown")),
        }
    }
    match (e.is_empty(), consent_at, how) {
        (true, Some(consent_at), Some(how)) => Ok(Checked {
            consent_at,
            how,
            summary: Some(form.summary.trim().to_string()).filter(|s| !s.is_empty()),
            documents,
            notify: form.notify.trim() == "1",
        }),
        _ => Err(e),
    }
}

/// The vacancy's contact's address for the portal: their log-in address, else their email.
async fn contact_email(state: &AppState, v: &Vacancy) -> Result<Option<(i64, String, String)>> {
    let Some(cid) = v.contact_id else {
        return Ok(None);
    };
    let row: Option<(String, Option<String>)> = sqlx::query_as(
        "SELECT TRIM(c.first_name || ' ' || c.last_name), \
         COALESCE(NULLIF(pa.login_email, ''), NULLIF(c.email, '')) FROM contacts c \
         LEFT JOIN portal_accounts pa ON pa.contact_id = c.id AND pa.active = 1 \
         WHERE c.id = $1 AND c.customer_id = $2 AND c.active = 1",
    )
    .bind(cid)
    .bind(v.customer_id)
    .fetch_optional(&state.db.pool)
    .await?;
    Ok(row.and_then(|(name, email)| email.map(|e| (cid, name, e))))
}

async fn view(
    state: &AppState,
    user: &Staff,
    id: i64,
    vid: i64,
    cid: i64,
    form: PresentForm,
) -> Result<PresentView> {
    let card = CardHead::load_editable(state, user, id, "assignments").await?;
    let v = store::get(&state.db, id, vid)
        .await?
        .ok_or(AppError::NotFound)?;
    let c = store::candidate(&state.db, vid, cid)
        .await?
        .ok_or(AppError::NotFound)?;
    let documents = if worker_docs::access(state, user, c.worker_id).await?.see {
        worker_docs::store::list(&state.db, c.worker_id)
            .await?
            .into_iter()
            .filter(|d| d.retain_until.is_none())
            .collect()
    } else {
        Vec::new()
    };
    Ok(PresentView {
        lang: user.lang,
        chrome: Chrome::new(user, "customers"),
        contact_email: contact_email(state, &v).await?.map(|(_, _, e)| e),
        email_configured: outbox::email_configured(&state.config),
        card,
        v,
        c,
        documents,
        form,
        errors: FieldErrors::default(),
    })
}

/// GET /customers/{id}/vacancies/{vid}/candidates/{cid}/present
#[tracing::instrument(skip_all, fields(user = user.id, customer = id, vacancy = vid, candidate = cid))]
pub async fn page(
    State(state): State<AppState>,
    user: Staff,
    Path((id, vid, cid)): Path<(i64, i64, i64)>,
) -> Result<PresentView> {
    let mut page = view(&state, &user, id, vid, cid, PresentForm::default()).await?;
    let shared = shared_ids(&state, cid).await?;
    page.form = PresentForm {
        consent: if page.c.consent_at.is_some() {
            "1".into()
        } else {
            String::new()
        },
        consent_how: page.c.consent_how.clone().unwrap_or_default(),
        consent_date: page
            .c
            .consent_at
            .map(|t| date_string(oslo_date(t)))
            .unwrap_or_default(),
        summary: page.c.summary.clone().unwrap_or_default(),
        document: shared.iter().map(i64::to_string).collect(),
        notify: String::new(),
    };
    Ok(page)
}

async fn shared_ids(state: &AppState, cid: i64) -> Result<Vec<i64>> {
    Ok(sqlx::query_scalar(
        "SELECT document_id FROM vacancy_candidate_documents WHERE candidate_id = $1 ORDER BY document_id",
    )
    .bind(cid)
    .fetch_all(&state.db.pool)
    .await?)
}

/// POST /customers/{id}/vacancies/{vid}/candidates/{cid}/present
#[tracing::instrument(skip_all, fields(user = user.id, customer = id, vacancy = vid, candidate = cid))]
pub async fn present(
    State(state): State<AppState>,
    user: Staff,
    Path((id, vid, cid)): Path<(i64, i64, i64)>,
    Form(form): Form<PresentForm>,
) -> Result<Response> {
    let mut page = view(&state, &user, id, vid, cid, form.clone()).await?;
    if page.v.status() == super::model::Status::Cancelled {
        return Err(AppError::Conflict(Msg::new("vacancy-closed")));
    }
    if page.c.assignment_id.is_some() {
        return Err(AppError::Conflict(Msg::new("vacancy-candidate-assigned")));
    }
    let mut checked = check(&form, &page.documents);
    let contact = contact_email(&state, &page.v).await?;
    if let Ok(ok) = &checked
        && ok.notify
        && contact.is_none()
    {
        let mut e = FieldErrors::default();
        e.add("notify", Msg::new("vacancy-present-no-contact-email"));
        checked = Err(e);
    }
    let ok = match checked {
        Ok(ok) => ok,
        Err(errors) => {
            page.errors = errors;
            return Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response());
        }
    };
    let mut tx = state.db.begin().await?;
    record(&mut tx, user.id, &page.v, &page.c, &ok).await?;
    if ok.notify
        && let Some((contact_id, name, email)) = contact
    {
        let lang = Lang::Nb;
        let mut link = state.config.public_url.clone();
        link.set_path(&format!("/portal/vacancies/{vid}"));
        outbox::queue_email(
            &mut tx,
            NewEmail {
                customer_id: Some(id),
                worker_id: None,
                sender_user_id: Some(user.id),
                to: vec![Recipient {
                    name: name.clone(),
                    email,
                    contact_id: Some(contact_id),
                }],
                cc: Vec::new(),
                subject: lang.t_with(
                    "vacancy-present-mail-subject",
                    &[("title", page.v.title.clone())],
                ),
                body: lang.t_with(
                    "vacancy-present-mail-body",
                    &[
                        ("name", name),
                        ("title", page.v.title.clone()),
                        ("link", link.to_string()),
                    ],
                ),
                attachments: Vec::new(),
                sealed: None,
            },
        )
        .await?;
    }
    tx.commit().await?;
    Ok(Redirect::to(&format!("/customers/{id}/vacancies/{vid}#candidate-{cid}")).into_response())
}

/// Records the consent, the summary and the shared documents, and moves the candidate to
/// `presented` (a decision the customer made before is cleared: they answer again).
async fn record(
    conn: &mut AnyConnection,
    user_id: i64,
    v: &Vacancy,
    c: &Candidate,
    ok: &Checked,
) -> Result<()> {
    let done = sqlx::query(
        "UPDATE vacancy_candidates SET consent_at = $1, consent_how = $2, consent_by = $3, \
         summary = $4, presented_at = $5, stage = 'presented', decided_by_contact_id = NULL, \
         decided_at = NULL, decline_reason = NULL, updated_at = $5 \
         WHERE id = $6 AND stage = $7 AND assignment_id IS NULL",
    )
    .bind(ok.consent_at)
    .bind(ok.how)
    .bind(user_id)
    .bind(ok.summary.clone())
    .bind(now())
    .bind(c.id)
    .bind(&c.stage)
    .execute(&mut *conn)
    .await?;
    if done.rows_affected() == 0 {
        return Err(AppError::Conflict(Msg::new("vacancy-stale-move")));
    }
    sqlx::query("DELETE FROM vacancy_candidate_documents WHERE candidate_id = $1")
        .bind(c.id)
        .execute(&mut *conn)
        .await?;
    let mut names = Vec::new();
    for d in &ok.documents {
        sqlx::query(
            "INSERT INTO vacancy_candidate_documents (candidate_id, document_id) VALUES ($1, $2)",
        )
        .bind(c.id)
        .bind(*d)
        .execute(&mut *conn)
        .await?;
        let title: Option<String> = sqlx::query_scalar(
            "SELECT title FROM worker_documents WHERE id = $1 AND worker_id = $2",
        )
        .bind(*d)
        .bind(c.worker_id)
        .fetch_optional(&mut *conn)
        .await?;
        names.extend(title);
    }
    audit::record(
        conn,
        v.customer_id,
        "vacancy",
        v.id,
        "vacancy-candidate-presented",
        &[
            Change {
                field: "worker".into(),
                old: None,
                new: Some(c.worker_name.clone()),
            },
            Change {
                field: "stage".into(),
                old: Some(c.stage.clone()),
                new: Some(Stage::Presented.as_str().into()),
            },
            Change {
                field: "consent_how".into(),
                old: None,
                new: Some(ok.how.into()),
            },
            Change {
                field: "documents".into(),
                old: None,
                new: Some(names.join(", ")).filter(|s| !s.is_empty()),
            },
        ],
        Some(user_id),
    )
    .await?;
    Ok(())
}
