//! Sending a contract for signing: the form (document, signers, method, message, deadline) with
//! every choice checked, and the order created with an email per signer.

use askama::Template;
use askama_web::WebTemplate;
use axum::{
    extract::{Path, Query, State},
    http::{HeaderMap, StatusCode},
    response::{IntoResponse, Redirect, Response},
};
use axum_extra::extract::Form;
use serde::Deserialize;

use crate::signing::{
    orders::{self, OrderInput, SignerInput},
    store::{METHOD_IDURA, METHOD_SIMPLE},
};
use crate::{
    AppError, AppState, Result,
    auth::Staff,
    contacts::store::{self as contacts, Contact},
    customers::card::CardHead,
    dialog::outbox,
    documents::store::{self as documents, Document, Filter},
    error::Msg,
    i18n::Lang,
    web::{Chrome, quick},
};

#[derive(Deserialize, Default, Clone)]
pub struct OrderForm {
    #[serde(default)]
    document: String,
    #[serde(default)]
    title: String,
    #[serde(default)]
    message: String,
    #[serde(default)]
    expires_days: String,
    #[serde(default)]
    method: String,
    #[serde(default)]
    contact: Vec<String>,
    #[serde(default)]
    agency_signer: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "signing/new.html", blocks = ["quick"])]
pub struct NewView {
    lang: Lang,
    chrome: Chrome,
    card: CardHead,
    pdfs: Vec<Document>,
    contacts: Vec<Contact>,
    staff: Vec<(i64, String, String)>,
    form: OrderForm,
    errors: Vec<String>,
    idura_configured: bool,
    email_configured: bool,
    /// SMS is set up: a contact with a mobile number and no email can sign (decision 0049).
    sms_configured: bool,
}

impl NewView {
    fn doc_selected(&self, id: &i64) -> bool {
        self.form.document == id.to_string()
    }
    fn contact_checked(&self, id: &i64) -> bool {
        self.form.contact.iter().any(|c| *c == id.to_string())
    }
    fn staff_selected(&self, id: &i64) -> bool {
        self.form.agency_signer == id.to_string()
    }
    /// A link can be sent to the contact: they have an email address, or SMS is set up and they
    /// have a mobile number.
    fn can_sign(&self, c: &Contact) -> bool {
        c.email.as_deref().is_some_and(|e| !e.trim().is_empty())
            || (self.sms_configured && c.mobile.as_deref().and_then(orders::sms_number).is_some())
    }
    fn mobile(&self, c: &Contact) -> String {
        c.mobile
            .as_deref()
            .map(crate::norway::mobile::format_mobile)
            .unwrap_or_default()
    }
}

async fn new_view(
    state: &AppState,
    user: &Staff,
    card: CardHead,
    form: OrderForm,
) -> Result<NewView> {
    let filter = Filter {
        pdf_only: true,
        ..Filter::default()
    };
    let pdfs = documents::list(&state.db, card.customer.id, &filter).await?;
    let contacts = contacts::list_for_customer(&state.db, card.customer.id, false).await?;
    let staff = sqlx::query_as("SELECT id, name, email FROM users WHERE active = 1 ORDER BY name")
        .fetch_all(&state.db.pool)
        .await?;
    Ok(NewView {
        lang: user.lang,
        chrome: Chrome::new(user, "customers"),
        card,
        pdfs,
        contacts,
        staff,
        form,
        errors: Vec::new(),
        idura_configured: state.config.idura.is_some(),
        email_configured: outbox::email_configured(&state.config),
        sms_configured: outbox::sms_configured(&state.config),
    })
}

#[derive(Deserialize, Default)]
pub struct NewParams {
    document: Option<String>,
}

/// GET /customers/{id}/signing/new?document=…
#[tracing::instrument(skip_all, fields(customer_id = id, user_id = user.id))]
pub async fn new(
    State(state): State<AppState>,
    user: Staff,
    Path(id): Path<i64>,
    headers: HeaderMap,
    Query(params): Query<NewParams>,
) -> Result<Response> {
    let card = CardHead::load_editable(&state, &user, id, "documents").await?;
    let mut form = OrderForm {
        document: params.document.unwrap_or_default(),
        expires_days: "14".into(),
        method: if state.config.idura.is_some() {
            METHOD_IDURA
        } else {
            METHOD_SIMPLE
        }
        .into(),
        ..OrderForm::default()
    };
    let mut view = new_view(&state, &user, card, form.clone()).await?;
    if let Some(doc) = view.pdfs.iter().find(|d| d.id.to_string() == form.document) {
        form.title = doc
            .title
            .strip_suffix(".pdf")
            .unwrap_or(&doc.title)
            .to_string();
    }
    // Suggest the main contact.
    if let Some(main) = view
        .contacts
        .iter()
        .find(|c| c.is_main == 1 && c.email.is_some())
    {
        form.contact = vec![main.id.to_string()];
    }
    view.form = form;
    page_or_quick(quick::is_quick(&headers), StatusCode::OK, view)
}

/// The page, or from the card head's dialog the form alone.
fn page_or_quick(quick: bool, status: StatusCode, view: NewView) -> Result<Response> {
    if quick {
        return quick::fragment(status, &view.as_quick());
    }
    Ok((status, view).into_response())
}

/// POST /customers/{id}/signing
#[tracing::instrument(skip_all, fields(customer_id = id, user_id = user.id))]
pub async fn create(
    State(state): State<AppState>,
    user: Staff,
    Path(id): Path<i64>,
    headers: HeaderMap,
    Form(form): Form<OrderForm>,
) -> Result<Response> {
    let quick = quick::is_quick(&headers);
    let card = CardHead::load_editable(&state, &user, id, "documents").await?;
    let mut view = new_view(&state, &user, card, form.clone()).await?;
    let mut errors: Vec<Msg> = Vec::new();
    let doc = view
        .pdfs
        .iter()
        .find(|d| d.id.to_string() == form.document.trim())
        .cloned();
    if doc.is_none() {
        errors.push(Msg::new("signing-document-required"));
    }
    let title = form.title.trim().to_string();
    if title.is_empty() || title.chars().count() > 200 {
        errors.push(Msg::new("signing-title-required"));
    }
    if form.message.chars().count() > 4000 {
        errors.push(Msg::new("signing-message-too-long"));
    }
    let expires_days = form
        .expires_days
        .trim()
        .parse::<i64>()
        .ok()
        .filter(|d| (1..=90).contains(d));
    if expires_days.is_none() {
        errors.push(Msg::new("signing-expires-invalid"));
    }
    let method = match form.method.as_str() {
        METHOD_IDURA if view.idura_configured => METHOD_IDURA,
        METHOD_IDURA => {
            errors.push(Msg::new("signing-idura-not-configured"));
            METHOD_IDURA
        }
        _ => METHOD_SIMPLE,
    };
    let mut signers = Vec::new();
    for raw in &form.contact {
        match view.contacts.iter().find(|c| c.id.to_string() == *raw) {
            Some(c) if view.can_sign(c) => signers.push(SignerInput {
                contact_id: Some(c.id),
                user_id: None,
                name: c.name(),
                email: c.email.clone().unwrap_or_default(),
                mobile: c.mobile.clone().unwrap_or_default(),
            }),
            Some(c) => errors.push(
                Msg::new(if view.sms_configured {
                    "signing-signer-needs-address"
                } else {
                    "signing-signer-needs-email"
                })
                .arg("name", c.name()),
            ),
            None => errors.push(Msg::new("signing-signer-unknown")),
        }
    }
    if !form.agency_signer.trim().is_empty() {
        match view
            .staff
            .iter()
            .find(|(uid, _, _)| uid.to_string() == form.agency_signer.trim())
        {
            Some((uid, name, email)) => signers.push(SignerInput {
                contact_id: None,
                user_id: Some(*uid),
                name: name.clone(),
                email: email.clone(),
                mobile: String::new(),
            }),
            None => errors.push(Msg::new("signing-signer-unknown")),
        }
    }
    if signers.is_empty() {
        errors.push(Msg::new("signing-signers-required"));
    }
    if !errors.is_empty() {
        view.errors = errors.iter().map(|m| m.render(user.lang)).collect();
        return page_or_quick(quick, StatusCode::UNPROCESSABLE_ENTITY, view);
    }
    let doc = doc.expect("checked");
    let version = documents::version(&state.db, id, doc.id, doc.version_id, false)
        .await?
        .ok_or(AppError::NotFound)?;
    let input = OrderInput {
        customer_id: id,
        version,
        document_id: doc.id,
        title,
        message: form.message.trim().to_string(),
        expires_days: expires_days.expect("checked"),
        method,
        signers,
    };
    match orders::create(&state, user.id, input).await {
        Ok(_) if quick => Ok(quick::done(&user.lang.t(if view.email_configured {
            "signing-sent-notice"
        } else {
            "signing-sent-no-email"
        }))),
        Ok(order_id) => {
            Ok(Redirect::to(&format!("/customers/{id}/signing/{order_id}?sent=1")).into_response())
        }
        Err(AppError::Unavailable(msg)) => {
            view.errors = vec![msg.render(user.lang)];
            page_or_quick(quick, StatusCode::SERVICE_UNAVAILABLE, view)
        }
        Err(err) => Err(err),
    }
}
