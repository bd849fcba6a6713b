//! The hirer's equal-treatment terms in the customer portal (with the *view assignments*
//! right): the contact sees the positions of the company's open assignments and enters or
//! confirms the company's own hourly pay for each (and, if they like, its working-time terms);
//! "confirm unchanged" after a wage settlement moves only the date. Nothing of the agency's
//! rates is read here. Every query is keyed on the contact's own company: another company's
//! assignment id is "not found".

use askama::Template;
use askama_web::WebTemplate;
use axum::{
    Form,
    extract::{Path, Query, State},
    http::StatusCode,
    response::{IntoResponse, Redirect, Response},
};
use serde::Deserialize;

use super::store::terms::{self, ContactTerms, Position};
use crate::{
    AppError, AppState, Result,
    contacts::model::Right,
    error::{FieldErrors, Msg},
    i18n::Lang,
    money::{format_kr, input_kr, parse_kr},
    portal::session::PortalUser,
    timefmt::{
        date_text, now,
        when::{oslo_date, parse_date},
    },
    web::form::field_messages,
};

/// The longest working-time terms text kept.
const MAX_TERMS_CHARS: usize = 2000;

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default)]
pub struct TermsForm {
    pub pay: String,
    pub terms: String,
}

impl TermsForm {
    pub fn parse(&self) -> std::result::Result<ContactTerms, FieldErrors> {
        let mut e = FieldErrors::default();
        let pay = match parse_kr(&self.pay) {
            _ if self.pay.trim().is_empty() => {
                e.add("pay", Msg::new("hirer-pay-required"));
                0
            }
            Some(p) if p > 0 => p,
            _ => {
                e.add("pay", Msg::new("hirer-pay-invalid"));
                0
            }
        };
        let text = self.terms.trim();
        if text.chars().count() > MAX_TERMS_CHARS {
            e.add(
                "terms",
                Msg::new("hirer-terms-too-long").arg("max", MAX_TERMS_CHARS),
            );
        }
        if !e.is_empty() {
            return Err(e);
        }
        Ok(ContactTerms {
            pay_ore: pay,
            terms: (!text.is_empty()).then(|| text.to_string()),
        })
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "portal/terms.html")]
pub struct TermsPage {
    lang: Lang,
    me: PortalUser,
    positions: Vec<Position>,
    /// The position whose form was refused (its assignment id), what was typed, and why.
    refused: Option<(i64, TermsForm, FieldErrors)>,
    saved: bool,
}

impl TermsPage {
    /// What a position's form shows: what was just typed if it was refused, else what is on file.
    fn draft(&self, p: &Position) -> TermsForm {
        match &self.refused {
            Some((id, typed, _)) if *id == p.assignment_id => typed.clone(),
            _ => p
                .terms
                .as_ref()
                .map_or_else(TermsForm::default, |t| TermsForm {
                    pay: input_kr(t.pay_ore),
                    terms: t.terms.clone().unwrap_or_default(),
                }),
        }
    }
    fn errs(&self, p: &Position, field: &str) -> Vec<String> {
        match &self.refused {
            Some((id, _, e)) if *id == p.assignment_id => field_messages(e, self.lang, field),
            _ => Vec::new(),
        }
    }
    fn on_file(&self, p: &Position) -> Option<String> {
        let t = p.terms.as_ref()?;
        let date = parse_date(&t.confirmed_on)
            .map(date_text)
            .unwrap_or_default();
        Some(self.lang.t_with(
            "hirer-on-file",
            &[("pay", format_kr(t.pay_ore)), ("date", date)],
        ))
    }
}

async fn view(state: &AppState, me: PortalUser) -> Result<TermsPage> {
    Ok(TermsPage {
        lang: me.lang,
        positions: terms::positions(&state.db, me.customer_id).await?,
        me,
        refused: None,
        saved: false,
    })
}

/// The position of one of the contact's company's open assignments, or "not found".
async fn position(state: &AppState, me: &PortalUser, aid: i64) -> Result<String> {
    me.require(Right::ViewAssignments)?;
    terms::open_position(&state.db, me.customer_id, aid)
        .await?
        .ok_or(AppError::NotFound)
}

#[derive(Deserialize, Default)]
pub struct PageParams {
    saved: Option<String>,
}

/// GET /portal/assignments/terms
#[tracing::instrument(skip_all, fields(customer_id = me.customer_id, contact_id = me.contact_id))]
pub async fn page(
    State(state): State<AppState>,
    me: PortalUser,
    Query(p): Query<PageParams>,
) -> Result<TermsPage> {
    me.require(Right::ViewAssignments)?;
    let mut page = view(&state, me).await?;
    page.saved = p.saved.is_some();
    Ok(page)
}

/// POST /portal/assignments/{aid}/terms: the hirer's pay (and terms) for the position.
#[tracing::instrument(skip_all, fields(customer_id = me.customer_id, contact_id = me.contact_id, assignment = aid))]
pub async fn save(
    State(state): State<AppState>,
    me: PortalUser,
    Path(aid): Path<i64>,
    Form(form): Form<TermsForm>,
) -> Result<Response> {
    let position = position(&state, &me, aid).await?;
    let parsed = match form.parse() {
        Ok(t) => t,
        Err(e) => {
            let mut page = view(&state, me).await?;
            page.refused = Some((aid, form, e));
            return Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response());
        }
    };
    let today = oslo_date(now());
    let mut tx = state.db.begin().await?;
    terms::save_by_contact(
        &mut tx,
        me.customer_id,
        &position,
        &parsed,
        me.contact_id,
        &me.name,
        today,
    )
    .await?;
    tx.commit().await?;
    Ok(Redirect::to("/portal/assignments/terms?saved=1").into_response())
}

/// POST /portal/assignments/{aid}/terms/confirm: the terms on file still hold.
#[tracing::instrument(skip_all, fields(customer_id = me.customer_id, contact_id = me.contact_id, assignment = aid))]
pub async fn confirm(
    State(state): State<AppState>,
    me: PortalUser,
    Path(aid): Path<i64>,
) -> Result<Response> {
    let position = position(&state, &me, aid).await?;
    let mut tx = state.db.begin().await?;
    let done = terms::confirm_by_contact(
        &mut tx,
        me.customer_id,
        &position,
        me.contact_id,
        &me.name,
        oslo_date(now()),
    )
    .await;
    match done {
        Ok(_) => {
            tx.commit().await?;
            Ok(Redirect::to("/portal/assignments/terms?saved=1").into_response())
        }
        Err(AppError::NotFound) => Err(AppError::Conflict(Msg::new("hirer-nothing-to-confirm"))),
        Err(e) => Err(e),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pay_is_required_and_terms_are_optional() {
        let ok = TermsForm {
            pay: "245,50".into(),
            terms: "  ".into(),
        }
        .parse()
        .unwrap();
        assert_eq!(ok.pay_ore, 24_550);
        assert_eq!(ok.terms, None);
        let e = TermsForm::default().parse().unwrap_err();
        assert!(e.get("pay").is_some());
        let e = TermsForm {
            pay: "mye".into(),
            terms: "x".repeat(MAX_TERMS_CHARS + 1),
        }
        .parse()
        .unwrap_err();
        assert!(e.get("pay").is_some() && e.get("terms").is_some());
    }
}
