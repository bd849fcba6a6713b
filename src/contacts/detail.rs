//! One contact's page: details, portal access (rights, invitation, revoking), deactivation, and
//! GDPR export and erasure.

use askama::Template;
use askama_web::WebTemplate;
use axum::{
    Form, Json,
    extract::{Path, Query, State},
    http::{StatusCode, header},
    response::{IntoResponse, Redirect, Response},
};
use serde::Deserialize;

use super::{
    gdpr,
    model::{Right, Rights},
    portal_access::{self, Preset},
    store::{self, Contact},
};
use crate::{
    AppError, AppState, Result,
    auth::Staff,
    customers::card::CardHead,
    error::FieldErrors,
    i18n::Lang,
    web::{Chrome, form::field_messages},
};

#[derive(Template, WebTemplate)]
#[template(path = "contacts/detail.html")]
pub struct DetailView {
    lang: Lang,
    chrome: Chrome,
    card: CardHead,
    c: Contact,
    presets: Vec<Preset>,
    /// The rights as typed in a form that was refused; shown instead of the stored ones.
    typed: Option<Rights>,
    /// An invitation waits in the outbox for email to be set up.
    invite_waiting: bool,
    /// The address an invitation was just emailed to.
    invite_sent_to: Option<String>,
    errors: FieldErrors,
    saved: bool,
    erased: bool,
    /// Whether the contact has two-factor log-in on in the portal (decision 0065).
    two_factor_on: bool,
}

impl DetailView {
    fn errs(&self, field: &str) -> Vec<String> {
        field_messages(&self.errors, self.lang, field)
    }
    /// The rights the form shows: as typed after a refusal, else as stored.
    fn current(&self) -> Rights {
        match &self.typed {
            Some(r) => r.clone(),
            None => Rights::from_stored(self.c.portal_rights.as_deref().unwrap_or("")),
        }
    }
    fn rights(&self) -> Vec<(&'static str, String, bool)> {
        let current = self.current();
        Right::ALL
            .iter()
            .map(|r| (r.as_str(), self.lang.t(r.label_key()), current.has(*r)))
            .collect()
    }
    fn preset_summary(&self, p: &Preset) -> String {
        p.rights()
            .0
            .iter()
            .map(|r| self.lang.t(r.label_key()))
            .collect::<Vec<_>>()
            .join(", ")
    }
    /// The preset whose rights are exactly the ones shown, if any (else the selector says
    /// "custom"): the selector never claims a preset the boxes do not match.
    fn preset_selected(&self, p: &Preset) -> bool {
        let current = self.current();
        !current.0.is_empty() && p.rights().0 == current.0
    }
    fn portal_state(&self) -> String {
        self.lang.t(&format!("portal-state-{}", self.c.portal))
    }
}

async fn load(state: &AppState, user: &Staff, id: i64, cid: i64) -> Result<(CardHead, Contact)> {
    let card = CardHead::load(state, user, id, "contacts").await?;
    let contact = store::get(&state.db, id, cid)
        .await?
        .ok_or(AppError::NotFound)?;
    Ok((card, contact))
}

async fn load_editable(
    state: &AppState,
    user: &Staff,
    id: i64,
    cid: i64,
) -> Result<(CardHead, Contact)> {
    let (card, contact) = load(state, user, id, cid).await?;
    if !card.can_edit {
        return Err(AppError::Forbidden);
    }
    Ok((card, contact))
}

async fn view(state: &AppState, user: &Staff, card: CardHead, c: Contact) -> Result<DetailView> {
    Ok(DetailView {
        lang: user.lang,
        chrome: Chrome::new(user, "customers"),
        card,
        presets: portal_access::presets(&state.db).await?,
        typed: None,
        invite_waiting: false,
        invite_sent_to: None,
        errors: FieldErrors::default(),
        saved: false,
        erased: false,
        two_factor_on: crate::auth::two_factor::status(
            &state.db,
            crate::auth::session::Holder::Contact(c.id),
        )
        .await?
        .enabled,
        c,
    })
}

#[derive(Deserialize, Default)]
pub struct DetailParams {
    saved: Option<String>,
    erased: Option<String>,
}

/// GET /customers/{id}/contacts/{cid}
#[tracing::instrument(skip_all, fields(customer_id = id, contact_id = cid, user_id = user.id))]
pub async fn show(
    State(state): State<AppState>,
    user: Staff,
    Path((id, cid)): Path<(i64, i64)>,
    Query(params): Query<DetailParams>,
) -> Result<DetailView> {
    let (card, c) = load(&state, &user, id, cid).await?;
    let mut v = view(&state, &user, card, c).await?;
    v.saved = params.saved.is_some();
    v.erased = params.erased.is_some();
    Ok(v)
}

#[derive(Deserialize)]
pub struct ActiveForm {
    active: String,
}

/// POST /customers/{id}/contacts/{cid}/active
#[tracing::instrument(skip_all, fields(customer_id = id, contact_id = cid, user_id = user.id))]
pub async fn set_active(
    State(state): State<AppState>,
    user: Staff,
    Path((id, cid)): Path<(i64, i64)>,
    Form(form): Form<ActiveForm>,
) -> Result<Redirect> {
    let (_, c) = load_editable(&state, &user, id, cid).await?;
    store::set_active(&state.db, user.id, &c, form.active == "1").await?;
    Ok(Redirect::to(&format!(
        "/customers/{id}/contacts/{cid}?saved=1"
    )))
}

/// The portal form: the ticked rights (repeated `rights` fields). The preset selector only ticks
/// boxes in the page (static/portal-rights.js); what is saved is exactly what is ticked, so a
/// right ticked by hand is never replaced by a preset behind the user's back.
#[derive(Deserialize, Default)]
pub struct PortalForm {
    #[serde(default)]
    rights: Vec<String>,
}

/// POST /customers/{id}/contacts/{cid}/portal: give access, or change the rights.
#[tracing::instrument(skip_all, fields(customer_id = id, contact_id = cid, user_id = user.id))]
pub async fn grant_portal(
    State(state): State<AppState>,
    user: Staff,
    Path((id, cid)): Path<(i64, i64)>,
    axum_extra::extract::Form(form): axum_extra::extract::Form<PortalForm>,
) -> Result<Response> {
    let (card, c) = load_editable(&state, &user, id, cid).await?;
    let rights = Rights::parse_list(form.rights.iter().map(String::as_str));
    match portal_access::grant(&state.db, user.id, &c, &rights).await {
        Ok(invited) => {
            let fresh = store::get(&state.db, id, cid)
                .await?
                .ok_or(AppError::NotFound)?;
            let mut v = view(&state, &user, card, fresh).await?;
            show_invite(&state, &mut v, &c, invited);
            v.saved = true;
            Ok(v.into_response())
        }
        Err(AppError::Invalid(errors)) => {
            let mut v = view(&state, &user, card, c).await?;
            v.typed = Some(rights);
            v.errors = errors;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, v).into_response())
        }
        Err(e) => Err(e),
    }
}

/// After an invitation: say where it was emailed, or that it waits for email to be set up. The
/// link is never shown here: it is for the contact only (the dialog shows a placeholder too).
fn show_invite(state: &AppState, v: &mut DetailView, c: &Contact, invited: bool) {
    if !invited {
        return;
    }
    if crate::dialog::outbox::email_configured(&state.config) {
        v.invite_sent_to = c.email.clone();
    } else {
        v.invite_waiting = true;
    }
}

/// POST /customers/{id}/contacts/{cid}/portal/invite: a new link (the old one stops working).
#[tracing::instrument(skip_all, fields(customer_id = id, contact_id = cid, user_id = user.id))]
pub async fn reinvite(
    State(state): State<AppState>,
    user: Staff,
    Path((id, cid)): Path<(i64, i64)>,
) -> Result<DetailView> {
    let (card, c) = load_editable(&state, &user, id, cid).await?;
    if c.portal != "invited" {
        return Err(AppError::NotFound);
    }
    portal_access::reinvite(&state.db, user.id, &c).await?;
    let mut v = view(&state, &user, card, c.clone()).await?;
    show_invite(&state, &mut v, &c, true);
    Ok(v)
}

/// POST /customers/{id}/contacts/{cid}/portal/revoke
#[tracing::instrument(skip_all, fields(customer_id = id, contact_id = cid, user_id = user.id))]
pub async fn revoke_portal(
    State(state): State<AppState>,
    user: Staff,
    Path((id, cid)): Path<(i64, i64)>,
) -> Result<Redirect> {
    let (_, c) = load_editable(&state, &user, id, cid).await?;
    portal_access::revoke(&state.db, user.id, &c).await?;
    Ok(Redirect::to(&format!(
        "/customers/{id}/contacts/{cid}?saved=1"
    )))
}

/// GET /customers/{id}/contacts/{cid}/export.json: everything stored about the person.
#[tracing::instrument(skip_all, fields(customer_id = id, contact_id = cid, user_id = user.id))]
pub async fn export(
    State(state): State<AppState>,
    user: Staff,
    Path((id, cid)): Path<(i64, i64)>,
) -> Result<Response> {
    let (_, c) = load(&state, &user, id, cid).await?;
    let body = gdpr::export(&state.db, &c).await?;
    let name = format!("attachment; filename=\"kontakt-{cid}.json\"");
    Ok(([(header::CONTENT_DISPOSITION, name)], Json(body)).into_response())
}

/// POST /customers/{id}/contacts/{cid}/erase: anonymise (GDPR).
#[tracing::instrument(skip_all, fields(customer_id = id, contact_id = cid, user_id = user.id))]
pub async fn erase(
    State(state): State<AppState>,
    user: Staff,
    Path((id, cid)): Path<(i64, i64)>,
) -> Result<Redirect> {
    let (_, c) = load_editable(&state, &user, id, cid).await?;
    gdpr::erase(&state.db, user.id, &c).await?;
    Ok(Redirect::to(&format!(
        "/customers/{id}/contacts/{cid}?erased=1"
    )))
}
