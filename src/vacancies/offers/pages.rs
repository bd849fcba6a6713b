//! The offers' moves on the vacancy's page: make an offer (the PDF, stored as a card document),
//! email it through the outbox, record the customer's answer by hand. Sending it for signing is
//! the signing form of part 4 on the offer's document (`/customers/{id}/signing/new?document=…`);
//! the signing order marks the offer sent and, once completed, accepted (`store`).

use axum::{
    Form,
    extract::{Path, State},
    http::StatusCode,
    response::{IntoResponse, Redirect, Response},
};
use serde::Deserialize;

use super::{
    pdf::{self, OfferDoc},
    store::{self, Answer, NewOffer, Offer},
};
use crate::{
    AppError, AppState, Result,
    auth::Staff,
    contacts::store as contacts,
    dialog::outbox::{self, Attachment, NewEmail, Recipient},
    error::{Msg, has_control_chars},
    files::{FileStore, Stored},
    i18n::Lang,
    timefmt::{
        now,
        when::{date_string, oslo_date, parse_day},
    },
    vacancies::{
        detail::{self, SearchParams},
        model::Status,
        store::Vacancy,
    },
};

/// What was typed in one of the offer forms, shown again with its error.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default)]
pub struct OfferTyped {
    /// The new offer's last day, as typed.
    pub valid_until: String,
    /// `nb` or `en`.
    pub language: String,
    /// The offer an email or answer form was for.
    #[serde(skip)]
    pub offer_id: i64,
    pub contact_id: String,
    /// `accepted` or `declined`.
    pub answer: String,
    pub answered_on: String,
    pub answered_by: String,
    pub answered_how: String,
    /// The field and its message.
    #[serde(skip)]
    pub error: Option<(&'static str, String)>,
}

/// The vacancy's page again with what was typed and its error (422).
async fn invalid(
    state: &AppState,
    user: &Staff,
    v: &Vacancy,
    mut typed: OfferTyped,
    field: &'static str,
    msg: Msg,
) -> Result<Response> {
    typed.error = Some((field, msg.render(user.lang)));
    let mut page = detail::build(state, user, v.customer_id, v.id, SearchParams::default()).await?;
    page.offer = typed;
    Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response())
}

fn back(v: &Vacancy, notice: &str) -> Response {
    Redirect::to(&format!(
        "/customers/{}/vacancies/{}?offer={notice}#offers",
        v.customer_id, v.id
    ))
    .into_response()
}

/// The customer's invoice language, else bokmål.
async fn customer_language(state: &AppState, customer_id: i64) -> Result<Lang> {
    let row: Option<(String,)> =
        sqlx::query_as("SELECT invoice_language FROM invoice_settings WHERE customer_id = $1")
            .bind(customer_id)
            .fetch_optional(&state.db.pool)
            .await?;
    Ok(row.and_then(|(l,)| Lang::parse(&l)).unwrap_or(Lang::Nb))
}

/// The language the new offer form suggests.
pub async fn suggested_language(state: &AppState, customer_id: i64) -> Result<&'static str> {
    Ok(customer_language(state, customer_id).await?.code())
}

/// POST /customers/{id}/vacancies/{vid}/offers: the PDF made and kept as a card document.
#[tracing::instrument(skip_all, fields(user = user.id, customer = id, vacancy = vid))]
pub async fn create(
    State(state): State<AppState>,
    user: Staff,
    Path((id, vid)): Path<(i64, i64)>,
    Form(typed): Form<OfferTyped>,
) -> Result<Response> {
    let (card, v) = detail::load_with_card(&state, &user, id, vid).await?;
    if v.status() == Status::Cancelled {
        return Err(AppError::Conflict(Msg::new("vacancy-closed")));
    }
    let today = oslo_date(now());
    let valid_until = match parse_day(&typed.valid_until) {
        None => {
            let msg = if typed.valid_until.trim().is_empty() {
                Msg::new("field-required")
            } else {
                Msg::new("offer-date-invalid")
            };
            return invalid(&state, &user, &v, typed, "valid_until", msg).await;
        }
        Some(d) if d < today => {
            return invalid(
                &state,
                &user,
                &v,
                typed,
                "valid_until",
                Msg::new("offer-valid-until-past"),
            )
            .await;
        }
        Some(d) => date_string(d),
    };
    let lang = match typed.language.trim() {
        "" => customer_language(&state, id).await?,
        "nb" => Lang::Nb,
        "en" => Lang::En,
        _ => return Err(AppError::BadRequest(Msg::new("form-malformed"))),
    };
    if !pdf::AVAILABLE {
        return Err(AppError::Unavailable(Msg::new("pdf-unavailable")));
    }
    let (n,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM vacancy_offers WHERE vacancy_id = $1")
        .bind(vid)
        .fetch_one(&state.db.pool)
        .await?;
    let number = format!("{vid}-{}", n + 1);
    let contact = match v.contact_id {
        Some(c) => contacts::list_for_customer(&state.db, id, true)
            .await?
            .into_iter()
            .find(|x| x.id == c)
            .map(|x| format!("{} {}", x.first_name, x.last_name)),
        None => None,
    };
    let consultant = match v.consultant_id {
        Some(c) => crate::staff::users::active_names(&state.db)
            .await?
            .into_iter()
            .find(|(i, _)| *i == c)
            .map(|(_, n)| n),
        None => None,
    };
    let equal_terms = match v.equal_terms_id {
        Some(e) => crate::assignments::store::equal_terms(&state.db, e).await?,
        None => None,
    };
    let doc = OfferDoc {
        number: number.clone(),
        lang,
        customer: card.customer.clone(),
        vacancy: v.clone(),
        date: date_string(today),
        valid_until: valid_until.clone(),
        contact,
        consultant,
        equal_terms,
    };
    let seller = state.config.seller.clone();
    let bytes = crate::ops::cpu::run(move || pdf::render(&doc, &seller)).await??;
    use sha2::Digest;
    let stored = Stored {
        key: FileStore::new_key(id),
        content_type: "application/pdf".into(),
        size_bytes: bytes.len() as i64,
        sha256: hex::encode(sha2::Sha256::digest(&bytes)),
    };
    state.files.put(&stored.key, bytes).await?;
    let file_name = lang.t_with("offer-file-name", &[("number", number.clone())]);
    let mut tx = state.db.begin().await?;
    store::create(
        &mut tx,
        user.id,
        NewOffer {
            customer_id: id,
            vacancy_id: vid,
            language: lang.code(),
            valid_until: &valid_until,
            file_name: &file_name,
            stored: &stored,
        },
    )
    .await?;
    tx.commit().await?;
    Ok(back(&v, "made"))
}

async fn offer(state: &AppState, v: &Vacancy, oid: i64) -> Result<Offer> {
    store::get(&state.db, v.id, oid)
        .await?
        .ok_or(AppError::NotFound)
}

/// POST /customers/{id}/vacancies/{vid}/offers/{oid}/email: the PDF to a contact of the
/// customer through the outbox.
#[tracing::instrument(skip_all, fields(user = user.id, customer = id, vacancy = vid, offer = oid))]
pub async fn email(
    State(state): State<AppState>,
    user: Staff,
    Path((id, vid, oid)): Path<(i64, i64, i64)>,
    Form(mut typed): Form<OfferTyped>,
) -> Result<Response> {
    let (_, v) = detail::load_with_card(&state, &user, id, vid).await?;
    let o = offer(&state, &v, oid).await?;
    typed.offer_id = o.id;
    if !o.is_open() {
        return invalid(
            &state,
            &user,
            &v,
            typed,
            "contact_id",
            Msg::new("offer-not-open"),
        )
        .await;
    }
    let contact = match typed.contact_id.trim().parse::<i64>() {
        Ok(c) => contacts::list_for_customer(&state.db, id, false)
            .await?
            .into_iter()
            .find(|x| x.id == c),
        Err(_) => None,
    };
    let Some(contact) = contact else {
        return invalid(
            &state,
            &user,
            &v,
            typed,
            "contact_id",
            Msg::new("offer-contact-required"),
        )
        .await;
    };
    let Some(address) = contact.email.clone().filter(|e| !e.trim().is_empty()) else {
        return invalid(
            &state,
            &user,
            &v,
            typed,
            "contact_id",
            Msg::new("offer-contact-no-email"),
        )
        .await;
    };
    let (_, version) = crate::documents::store::version_by_id(&state.db, o.document_version_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let lang = Lang::parse(&o.language).unwrap_or_default();
    let name = format!("{} {}", contact.first_name, contact.last_name);
    let valid = crate::timefmt::when::parse_date(&o.valid_until)
        .map(crate::timefmt::date_text)
        .unwrap_or_default();
    let mut tx = state.db.begin().await?;
    let message_id = outbox::queue_email(
        &mut tx,
        NewEmail {
            customer_id: Some(id),
            worker_id: None,
            sender_user_id: Some(user.id),
            to: vec![Recipient {
                name: name.clone(),
                email: address.clone(),
                contact_id: Some(contact.id),
            }],
            cc: Vec::new(),
            subject: lang.t_with("offer-mail-subject", &[("title", v.title.clone())]),
            body: lang.t_with(
                "offer-mail-body",
                &[
                    ("name", name),
                    ("title", v.title.clone()),
                    ("valid", valid),
                    ("sender", user.name.clone()),
                ],
            ),
            attachments: vec![Attachment {
                document_version_id: version.id,
                file_name: version.file_name.clone(),
                content_type: version.content_type.clone(),
                size_bytes: version.size_bytes,
            }],
            sealed: None,
        },
    )
    .await?;
    store::sent_by_email(&mut tx, user.id, &o, message_id, &address).await?;
    tx.commit().await?;
    state.jobs.wake();
    Ok(back(
        &v,
        if outbox::email_configured(&state.config) {
            "emailed"
        } else {
            "queued"
        },
    ))
}

/// POST /customers/{id}/vacancies/{vid}/offers/{oid}/answer: accepted or declined, on a day,
/// by whom, how, as the customer told the agency.
#[tracing::instrument(skip_all, fields(user = user.id, customer = id, vacancy = vid, offer = oid))]
pub async fn answer(
    State(state): State<AppState>,
    user: Staff,
    Path((id, vid, oid)): Path<(i64, i64, i64)>,
    Form(mut typed): Form<OfferTyped>,
) -> Result<Response> {
    let (_, v) = detail::load_with_card(&state, &user, id, vid).await?;
    let o = offer(&state, &v, oid).await?;
    typed.offer_id = o.id;
    let accepted = match typed.answer.as_str() {
        "accepted" => true,
        "declined" => false,
        _ => return Err(AppError::BadRequest(Msg::new("form-malformed"))),
    };
    let on = match parse_day(&typed.answered_on) {
        Some(d) if d <= oslo_date(now()) => date_string(d),
        Some(_) => {
            return invalid(
                &state,
                &user,
                &v,
                typed,
                "answered_on",
                Msg::new("offer-answer-future"),
            )
            .await;
        }
        None => {
            let msg = if typed.answered_on.trim().is_empty() {
                Msg::new("field-required")
            } else {
                Msg::new("offer-date-invalid")
            };
            return invalid(&state, &user, &v, typed, "answered_on", msg).await;
        }
    };
    for (field, value) in [
        ("answered_by", typed.answered_by.clone()),
        ("answered_how", typed.answered_how.clone()),
    ] {
        let msg = if value.trim().is_empty() {
            Some(Msg::new("field-required"))
        } else if value.trim().chars().count() > 200 {
            Some(Msg::new("field-too-long").arg("max", 200))
        } else if has_control_chars(&value) {
            Some(Msg::new("field-control-chars"))
        } else {
            None
        };
        if let Some(msg) = msg {
            return invalid(&state, &user, &v, typed, field, msg).await;
        }
    }
    let a = Answer {
        accepted,
        on,
        by: typed.answered_by.trim().to_string(),
        how: typed.answered_how.trim().to_string(),
    };
    let mut tx = state.db.begin().await?;
    match store::answer(&mut tx, user.id, &o, &a).await {
        Ok(()) => {}
        Err(AppError::Conflict(msg)) => {
            // Let go of the transaction (and SQLite's write lock) before the page is read.
            tx.rollback().await?;
            return invalid(&state, &user, &v, typed, "answer", msg).await;
        }
        Err(e) => return Err(e),
    }
    tx.commit().await?;
    Ok(back(&v, if accepted { "accepted" } else { "declined" }))
}
