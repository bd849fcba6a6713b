//! The application form on a public ad, `POST /jobs/{slug}/apply`: name, email, mobile, a CV
//! (PDF or DOCX, checked from its content by the documents' checks, `files::sniff`), a message,
//! the consent to be processed for this job (required) and to be kept for later jobs.
//!
//! It creates the worker (status candidate) or finds them by email, files the CV as their
//! document, links them to the vacancy as a suggested candidate with where they came from
//! (`src`) — or, for an ad made from a recruitment, puts them on the recruitment's board in
//! "new" — records the application (with its source) and queues a confirmation by email
//! through the outbox — all in one transaction. Spam: a honeypot field people do not see, and at most
//! [`MAX_POSTS_PER_HOUR`] posts per client address (counted in the database, so it holds
//! across processes; the address is `web::client_ip`'s).

use axum::{
    extract::{Multipart, Path, State},
    http::StatusCode,
    response::{IntoResponse, Redirect, Response},
};

use super::{
    public::{ad_view, public_ad},
    store::{self, JobAd, NewApplication},
};
use crate::{
    AppError, AppState, Result,
    dialog::outbox::{self, NewEmail, Recipient},
    error::{FieldErrors, Msg},
    files::{
        FileStore,
        form::{Received, bad_form, discard, drain, refusal_msg, skip, small_text, stream_file},
        names,
        sniff::Refusal,
    },
    i18n::Lang,
    norway::mobile::normalize_mobile,
    web::{ReqLang, client_ip::ClientIp},
    workers::{
        self,
        documents::{Category, store::NewDocument},
        model::{BankChange, NationalIdChange, Status, WorkerData},
    },
};

/// Posts of the form one client address may make in an hour.
pub const MAX_POSTS_PER_HOUR: i64 = 5;

/// The largest CV taken (or the firm's upload limit, when lower).
pub const MAX_CV_BYTES: u64 = 10 * 1024 * 1024;

/// The CV's types: PDF and Word (DOCX).
const CV_TYPES: [&str; 2] = [
    "application/pdf",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
];

/// The sources a link may name; anything else counts as `other`, none as `direct`.
const SOURCES: [&str; 7] = [
    "linkedin",
    "facebook",
    "email",
    "sms",
    "direct",
    "finn",
    "arbeidsplassen",
];

/// `?src=` as recorded: one of the known sources, `direct` when none.
pub fn source(raw: &str) -> String {
    let s = raw.trim().to_lowercase();
    if s.is_empty() {
        "direct".into()
    } else if SOURCES.contains(&s.as_str()) {
        s
    } else {
        "other".into()
    }
}

/// The form as typed (shown back when something is wrong; the file must be chosen again).
#[derive(Clone, Debug, Default)]
pub struct ApplyForm {
    pub name: String,
    pub email: String,
    pub mobile: String,
    pub message: String,
    pub consent: bool,
    pub consent_keep: bool,
    pub src: String,
    /// The honeypot: hidden from people, filled in by robots.
    pub website: String,
}

/// The form checked.
struct Checked {
    name: String,
    email: String,
    mobile: Option<String>,
    message: Option<String>,
}

impl ApplyForm {
    fn validate(&self, errors: &mut FieldErrors) -> Option<Checked> {
        let name = self.name.trim().to_string();
        if name.is_empty() {
            errors.add("name", Msg::new("field-required"));
        } else if name.chars().count() > 200 {
            errors.add("name", Msg::new("field-too-long").arg("max", 200));
        }
        errors.single_line("name", &self.name);
        let email = self.email.trim().to_lowercase();
        if email.is_empty() {
            errors.add("email", Msg::new("field-required"));
        } else if !crate::customers::model::looks_like_email(&email) || email.len() > 254 {
            errors.add("email", Msg::new("email-invalid"));
        }
        errors.single_line("email", &self.email);
        let mobile = match self.mobile.trim() {
            "" => None,
            raw => normalize_mobile(raw)
                .map_err(|key| errors.add("mobile", Msg::new(key)))
                .ok(),
        };
        let message = self.message.trim();
        if message.chars().count() > 5_000 {
            errors.add("message", Msg::new("field-too-long").arg("max", 5_000));
        }
        if !self.consent {
            errors.add("consent", Msg::new("job-apply-consent-required"));
        }
        errors.is_empty().then(|| Checked {
            name,
            email,
            mobile,
            message: (!message.is_empty()).then(|| message.to_string()),
        })
    }
}

/// What the form brought.
struct Parsed {
    form: ApplyForm,
    file: Option<Received>,
    refused: Option<(String, Refusal)>,
}

async fn read(
    multipart: &mut Multipart,
    parsed: &mut Parsed,
    files: &FileStore,
    ad_id: i64,
    max_bytes: u64,
) -> Result<()> {
    while let Some(mut field) = multipart.next_field().await.map_err(bad_form)? {
        let name = field.name().unwrap_or_default().to_string();
        if name == "cv" {
            let raw_name = field.file_name().unwrap_or_default().to_string();
            if raw_name.is_empty() || parsed.file.is_some() || parsed.refused.is_some() {
                skip(&mut field).await?;
                continue;
            }
            let file_name = names::sanitize(&raw_name);
            let key = FileStore::new_key_in("applications", ad_id);
            match stream_file(&mut field, files, key, &file_name, max_bytes).await? {
                Ok(stored) if CV_TYPES.contains(&stored.content_type.as_str()) => {
                    parsed.file = Some(Received { file_name, stored })
                }
                Ok(stored) => {
                    crate::files::form::forget(files, &stored.key).await;
                    let extension = crate::files::sniff::extension(&file_name);
                    crate::files::form::note_refused(&Refusal::Unsupported {
                        extension: extension.clone(),
                    })
                    .await;
                    parsed.refused = Some((file_name, Refusal::Unsupported { extension }));
                }
                Err(refusal) => parsed.refused = Some((file_name, refusal)),
            }
            continue;
        }
        let value = small_text(&mut field).await?;
        let form = &mut parsed.form;
        match name.as_str() {
            "name" => form.name = value,
            "email" => form.email = value,
            "mobile" => form.mobile = value,
            "message" => form.message = value,
            "consent" => form.consent = !value.is_empty(),
            "consent_keep" => form.consent_keep = !value.is_empty(),
            "src" => form.src = source(&value),
            "website" => form.website = value,
            _ => {}
        }
    }
    Ok(())
}

/// The page again, with why (status `status`).
async fn answer(
    state: &AppState,
    lang: Lang,
    a: JobAd,
    form: ApplyForm,
    errors: FieldErrors,
    refused: Option<Msg>,
    status: StatusCode,
) -> Result<Response> {
    let mut view = ad_view(state, lang, a, form).await?;
    view.errors = errors;
    view.refused = refused.map(|m| m.render(lang));
    Ok((status, view).into_response())
}

/// POST /jobs/{slug}/apply
#[tracing::instrument(skip_all)]
pub async fn apply(
    State(state): State<AppState>,
    ReqLang(lang): ReqLang,
    ClientIp(ip): ClientIp,
    Path(slug): Path<String>,
    mut multipart: Multipart,
) -> Result<Response> {
    let a = public_ad(&state, &slug).await?;
    let posts = store::count_post(&state.db, &ip.to_string(), 3600).await?;
    if posts > MAX_POSTS_PER_HOUR {
        drain(&mut multipart).await;
        tracing::info!(%ip, posts, "application refused: too many posts");
        let refused = Msg::new("job-apply-too-many");
        return answer(
            &state,
            lang,
            a,
            ApplyForm::default(),
            FieldErrors::default(),
            Some(refused),
            StatusCode::TOO_MANY_REQUESTS,
        )
        .await;
    }
    let max = MAX_CV_BYTES.min(state.config.max_upload_bytes);
    let mut parsed = Parsed {
        form: ApplyForm::default(),
        file: None,
        refused: None,
    };
    if let Err(err) = read(&mut multipart, &mut parsed, &state.files, a.id, max).await {
        if let Some(file) = parsed.file.take() {
            discard(&state.files, &[file]).await;
        }
        drain(&mut multipart).await;
        return Err(err);
    }
    let Parsed {
        mut form,
        file,
        refused,
    } = parsed;
    if form.src.is_empty() {
        form.src = "direct".into();
    }
    if !form.website.trim().is_empty() {
        if let Some(file) = file {
            discard(&state.files, &[file]).await;
        }
        tracing::info!(%ip, "application refused: honeypot filled in");
        crate::auth::security_log::request::note(
            crate::auth::security_log::Kind::HoneypotFilled,
            "honeypot",
            &format!("job ad {}", a.id),
        )
        .await;
        form.website.clear();
        return answer(
            &state,
            lang,
            a,
            form,
            FieldErrors::default(),
            Some(Msg::new("job-apply-honeypot")),
            StatusCode::BAD_REQUEST,
        )
        .await;
    }
    let mut errors = FieldErrors::default();
    let checked = form.validate(&mut errors);
    match (&file, &refused) {
        (_, Some((name, refusal))) => errors.add(
            "cv",
            Msg::new("job-apply-cv-refused")
                .arg("name", name)
                .arg("reason", refusal_msg(refusal).render(lang)),
        ),
        (None, None) => errors.add("cv", Msg::new("job-apply-cv-required")),
        _ => {}
    }
    let complete = file.is_some() && errors.is_empty();
    let (Some(checked), true) = (checked, complete) else {
        if let Some(file) = file {
            discard(&state.files, &[file]).await;
        }
        return answer(
            &state,
            lang,
            a,
            form,
            errors,
            None,
            StatusCode::UNPROCESSABLE_ENTITY,
        )
        .await;
    };
    let Some(file) = file else {
        return Err(AppError::BadRequest(Msg::new("form-malformed")));
    };
    match save(&state, lang, &a, &form, &checked, &file).await {
        Ok(()) => {
            state.jobs.wake();
            Ok(Redirect::to(&format!("/jobs/{}?applied=1#apply", a.slug)).into_response())
        }
        Err(e) => {
            discard(&state.files, &[file]).await;
            Err(e)
        }
    }
}

/// The worker, their CV, the candidacy, the application and the confirmation, in one
/// transaction.
async fn save(
    state: &AppState,
    lang: Lang,
    a: &JobAd,
    form: &ApplyForm,
    c: &Checked,
    file: &Received,
) -> Result<()> {
    let vacancy = match a.vacancy_id {
        Some(vid) => crate::vacancies::store::get(&state.db, a.customer_id, vid).await?,
        None => None,
    };
    let recruitment = match a.recruitment_id {
        Some(rid) => crate::recruitments::store::get(&state.db, a.customer_id, rid).await?,
        None => None,
    };
    // The applicant's responsible consultant: the vacancy's or the recruitment's, else whoever
    // made the ad.
    let responsible = vacancy
        .as_ref()
        .and_then(|v| v.consultant_id)
        .or(recruitment.as_ref().and_then(|r| r.consultant_id))
        .or(a.created_by)
        .ok_or_else(|| AppError::Internal(anyhow::anyhow!("job ad {} has no owner", a.id)))?;
    let mut tx = state.db.begin().await?;
    let worker_id = match workers::store::find_by_email(&mut tx, &c.email).await? {
        Some(w) => {
            if let Some(m) = &c.mobile {
                workers::store::fill_mobile(&mut tx, w.id, m).await?;
            }
            w.id
        }
        None => {
            let data = WorkerData {
                name: c.name.clone(),
                email: Some(c.email.clone()),
                mobile: c.mobile.clone(),
                street: None,
                postal_code: None,
                city: None,
                employee_number: None,
                status: Status::Candidate,
                skills: Vec::new(),
                preferred_places: None,
                available_from: None,
                bank: BankChange::Keep,
                needs_work_permit: false,
                national_id: NationalIdChange::Keep,
            };
            workers::store::create(&mut tx, responsible, &data).await?
        }
    };
    let doc = NewDocument {
        category: Category::Cv,
        title: lang.t_with("job-apply-cv-title", &[("title", a.title.clone())]),
        valid_until: None,
        credential_id: None,
        visible_to_worker: true,
    };
    let doc_id = workers::documents::store::create(
        &mut tx,
        worker_id,
        &doc,
        &file.file_name,
        &file.stored,
        None,
    )
    .await?;
    if let Some(v) = &vacancy {
        crate::vacancies::store::add_applicant(&mut tx, v, worker_id, &form.src).await?;
    }
    if let Some(r) = &recruitment {
        // Already on the board (applied before, or added by hand), or the recruitment stopped
        // searching since the page was read: the application is still recorded. These refusals
        // come before any write, so the transaction goes on.
        match crate::recruitments::store::add_candidate(&mut tx, responsible, r, worker_id).await {
            Ok(_) | Err(AppError::Conflict(_)) => {}
            Err(e) => return Err(e),
        }
    }
    store::add_application(
        &mut tx,
        &NewApplication {
            ad_id: a.id,
            worker_id,
            source: &form.src,
            message: c.message.as_deref(),
            consent_keep: form.consent_keep,
            worker_document_id: Some(doc_id),
        },
    )
    .await?;
    outbox::queue_email(
        &mut tx,
        NewEmail {
            customer_id: None,
            worker_id: Some(worker_id),
            sender_user_id: None,
            to: vec![Recipient {
                name: c.name.clone(),
                email: c.email.clone(),
                contact_id: None,
            }],
            cc: Vec::new(),
            subject: lang.t_with("job-apply-mail-subject", &[("title", a.title.clone())]),
            body: lang.t_with(
                "job-apply-mail-body",
                &[
                    ("name", c.name.clone()),
                    ("title", a.title.clone()),
                    ("agency", state.config.seller.name.clone()),
                ],
            ),
            attachments: Vec::new(),
            sealed: None,
        },
    )
    .await?;
    tx.commit().await?;
    Ok(())
}
