//! Creating and editing a vacancy from the customer card. The form is the vacancy's own
//! fields followed by the assignment form's terms part (`assignments/_terms.html`), parsed by
//! the assignment form's parser and checked by its rules, with the light and the margin
//! shown live (`…/vacancies/check`) as on the assignment form.

use askama::Template;
use askama_web::WebTemplate;
use axum::{
    extract::{Path, State},
    http::StatusCode,
    response::{IntoResponse, Redirect, Response},
};

use super::{
    model::{VacancyData, VacancyDraft},
    store::{self, Vacancy},
    terms,
};
use crate::{
    AppError, AppState, Result,
    assignments::{
        evaluate::Subject,
        form::{CheckView, parse_form},
        input,
        model::{AssignmentData, AssignmentDraft},
    },
    auth::Staff,
    contacts::lookup::{self, Which},
    customers::card::CardHead,
    error::{FieldErrors, Msg},
    i18n::Lang,
    timefmt::{now, when::oslo_date},
    web::{Chrome, form::field_messages},
};

#[derive(Template, WebTemplate)]
#[template(path = "vacancies/form.html")]
pub struct FormView {
    lang: Lang,
    chrome: Chrome,
    card: CardHead,
    vacancy_id: Option<i64>,
    version: i64,
    own: VacancyDraft,
    /// The terms, as the assignment form's part reads them.
    draft: AssignmentDraft,
    errors: FieldErrors,
    stale: bool,
    contacts: Vec<(i64, String)>,
    staff: Vec<(i64, String)>,
    check: CheckView,
}

impl FormView {
    fn errs(&self, field: &str) -> Vec<String> {
        field_messages(&self.errors, self.lang, field)
    }
    fn action(&self) -> String {
        let base = format!("/customers/{}/vacancies", self.card.customer.id);
        match self.vacancy_id {
            Some(id) => format!("{base}/{id}"),
            None => base,
        }
    }
    fn bases(&self) -> Vec<(&'static str, String)> {
        crate::assignments::compliance::LegalBasis::KINDS
            .iter()
            .map(|b| (*b, self.lang.t(&format!("legal-basis-{b}"))))
            .collect()
    }
    fn groupings(&self) -> Vec<(&'static str, String)> {
        ["customer", "assignment", "worker", "purchase_order"]
            .iter()
            .map(|g| (*g, self.lang.t(&format!("invoice-grouping-{g}"))))
            .collect()
    }
    fn is(&self, value: &str, id: &i64) -> bool {
        value.trim() == id.to_string()
    }
    fn has_day(&self, day: &usize) -> bool {
        self.draft
            .days
            .split(',')
            .any(|d| d.trim() == day.to_string())
    }
    fn allowances_html(&self) -> String {
        crate::assignments::allowance_view::Section::new(
            self.lang,
            &self.draft.allowances,
            &self.errors,
        )
        .render()
        .unwrap_or_default()
    }
    fn check_html(&self) -> String {
        self.check.render().unwrap_or_default()
    }
    fn weekdays(&self) -> Vec<(usize, String)> {
        (1..=7)
            .map(|d| (d, self.lang.t(&format!("weekday-short-{d}"))))
            .collect()
    }
}

async fn view(
    state: &AppState,
    user: &Staff,
    card: CardHead,
    vacancy: Option<&Vacancy>,
    own: VacancyDraft,
    draft: AssignmentDraft,
) -> Result<FormView> {
    let id = card.customer.id;
    Ok(FormView {
        lang: user.lang,
        chrome: Chrome::new(user, "customers"),
        vacancy_id: vacancy.map(|v| v.id),
        version: vacancy.map(|v| v.version).unwrap_or(0),
        contacts: lookup::names(&state.db, id, Which::Active).await?,
        staff: crate::staff::users::active_names(&state.db).await?,
        check: CheckView::empty(user.lang),
        card,
        own,
        draft,
        errors: FieldErrors::default(),
        stale: false,
    })
}

/// The light and margin for checked terms.
async fn check_data(
    state: &AppState,
    card: &CardHead,
    t: &AssignmentData,
    lang: Lang,
) -> Result<CheckView> {
    let today = oslo_date(now());
    let e = terms::evaluate(
        state,
        card.customer.id,
        card.customer.industry_code.as_deref(),
        &[Subject::typed(t, None)],
        today,
    )
    .await?;
    Ok(e.first()
        .map(|e| CheckView::of(lang, e))
        .unwrap_or_else(|| CheckView::empty(lang)))
}

/// The body as typed: the vacancy's own fields, the terms and the version sent.
struct Typed {
    own: VacancyDraft,
    draft: AssignmentDraft,
    version: String,
}

fn parse(body: &str, lang: Lang) -> Result<Typed> {
    let input = parse_form(body, lang)?;
    let own: VacancyDraft = serde_urlencoded::from_str(body)
        .map_err(|_| AppError::BadRequest(Msg::new("form-malformed")))?;
    let mut draft = input.draft;
    draft.worker_id = String::new();
    Ok(Typed {
        own,
        draft,
        version: input.version,
    })
}

/// Checks everything typed: the vacancy's fields, the terms by the assignment's rules, and
/// the references (the contact and the approvers are this customer's).
pub async fn checked(
    state: &AppState,
    customer_id: i64,
    own: &VacancyDraft,
    draft: &AssignmentDraft,
) -> Result<std::result::Result<(VacancyData, AssignmentData), FieldErrors>> {
    let mut errors = FieldErrors::default();
    let v = own.validate(&mut errors);
    let t = match draft.validate_terms() {
        Ok(t) => Some(t),
        Err(more) => {
            for (field, msgs) in more.0 {
                for m in msgs {
                    errors.add(&field, m);
                }
            }
            None
        }
    };
    let (Some(v), Some(t)) = (v, t) else {
        return Ok(Err(errors));
    };
    let mut errors = input::check_term_references(state, customer_id, &t).await?;
    if let Some(c) = v.contact_id {
        let mut conn = state.db.pool.acquire().await?;
        if !lookup::belongs_to(&mut conn, c, customer_id).await? {
            errors.add("contact_id", Msg::new("filter-invalid"));
        }
    }
    Ok(if errors.is_empty() {
        Ok((v, t))
    } else {
        Err(errors)
    })
}

/// GET /customers/{id}/vacancies/new
#[tracing::instrument(skip_all, fields(user = user.id, customer = id))]
pub async fn new(
    State(state): State<AppState>,
    user: Staff,
    Path(id): Path<i64>,
) -> Result<FormView> {
    let card = CardHead::load_editable(&state, &user, id, "assignments").await?;
    let c = &card.customer;
    let construction = c
        .industry_code
        .as_deref()
        .is_some_and(|n| ["41", "42", "43"].iter().any(|p| n.starts_with(p)));
    let draft = AssignmentDraft {
        workplace_street: c.visit_street.clone().unwrap_or_default(),
        workplace_postal_code: c.visit_postal_code.clone().unwrap_or_default(),
        workplace_city: c.visit_city.clone().unwrap_or_default(),
        building_site: if construction {
            "1".into()
        } else {
            String::new()
        },
        consultant_id: user.id.to_string(),
        hours_per_week: "37,5".into(),
        days: "1,2,3,4,5".into(),
        day_start: "07:30".into(),
        day_end: "15:30".into(),
        break_minutes: "30".into(),
        ..Default::default()
    };
    let own = VacancyDraft {
        positions: "1".into(),
        ..Default::default()
    };
    view(&state, &user, card, None, own, draft).await
}

/// POST /customers/{id}/vacancies/check (htmx): the light for the terms typed.
#[tracing::instrument(skip_all, fields(user = user.id, customer = id))]
pub async fn check(
    State(state): State<AppState>,
    user: Staff,
    Path(id): Path<i64>,
    body: String,
) -> Result<CheckView> {
    let card = CardHead::load_editable(&state, &user, id, "assignments").await?;
    let typed = parse(&body, user.lang)?;
    match typed.draft.validate_terms() {
        Ok(t)
            if input::check_term_references(&state, id, &t)
                .await?
                .is_empty() =>
        {
            check_data(&state, &card, &t, user.lang).await
        }
        _ => Ok(CheckView::empty(user.lang)),
    }
}

/// POST /customers/{id}/vacancies
#[tracing::instrument(skip_all, fields(user = user.id, customer = id))]
pub async fn create(
    State(state): State<AppState>,
    user: Staff,
    Path(id): Path<i64>,
    body: String,
) -> Result<Response> {
    let card = CardHead::load_editable(&state, &user, id, "assignments").await?;
    let typed = parse(&body, user.lang)?;
    let (v, t) = match checked(&state, id, &typed.own, &typed.draft).await? {
        Ok(ok) => ok,
        Err(errors) => {
            let mut form = view(&state, &user, card, None, typed.own, typed.draft).await?;
            form.errors = errors;
            return Ok((StatusCode::UNPROCESSABLE_ENTITY, form).into_response());
        }
    };
    let mut tx = state.db.begin().await?;
    let vid = store::create(&mut tx, user.id, id, &v, &t).await?;
    tx.commit().await?;
    Ok(Redirect::to(&format!("/customers/{id}/vacancies/{vid}?saved=1")).into_response())
}

/// GET /customers/{id}/vacancies/{vid}/edit
#[tracing::instrument(skip_all, fields(user = user.id, customer = id, vacancy = vid))]
pub async fn edit(
    State(state): State<AppState>,
    user: Staff,
    Path((id, vid)): Path<(i64, i64)>,
) -> Result<FormView> {
    let card = CardHead::load_editable(&state, &user, id, "assignments").await?;
    let v = store::get(&state.db, id, vid)
        .await?
        .ok_or(AppError::NotFound)?;
    let (own, draft) = terms::drafts(&state, &v).await?;
    let mut form = view(&state, &user, card, Some(&v), own, draft.clone()).await?;
    if let Ok(t) = draft.validate_terms() {
        form.check = check_data(&state, &form.card, &t, user.lang).await?;
    }
    Ok(form)
}

/// POST /customers/{id}/vacancies/{vid}
#[tracing::instrument(skip_all, fields(user = user.id, customer = id, vacancy = vid))]
pub async fn update(
    State(state): State<AppState>,
    user: Staff,
    Path((id, vid)): Path<(i64, i64)>,
    body: String,
) -> Result<Response> {
    let card = CardHead::load_editable(&state, &user, id, "assignments").await?;
    let current = store::get(&state.db, id, vid)
        .await?
        .ok_or(AppError::NotFound)?;
    if current.status() == super::model::Status::Cancelled {
        return Err(AppError::Conflict(Msg::new("vacancy-closed")));
    }
    let typed = parse(&body, user.lang)?;
    let expected: i64 = typed.version.trim().parse().unwrap_or(0);
    let (v, t) = match checked(&state, id, &typed.own, &typed.draft).await? {
        Ok(ok) => ok,
        Err(errors) => {
            let mut form =
                view(&state, &user, card, Some(&current), typed.own, typed.draft).await?;
            form.version = expected;
            form.errors = errors;
            return Ok((StatusCode::UNPROCESSABLE_ENTITY, form).into_response());
        }
    };
    let (old_own, old_draft) = terms::drafts(&state, &current).await?;
    let mut ignore = FieldErrors::default();
    let old = old_own
        .validate(&mut ignore)
        .zip(old_draft.validate_terms().ok());
    let mut tx = state.db.begin().await?;
    let saved = store::update(
        &mut tx,
        user.id,
        &current,
        old.as_ref().map(|(a, b)| (a, b)),
        expected,
        &v,
        &t,
    )
    .await?;
    if !saved {
        drop(tx);
        let mut form = view(&state, &user, card, Some(&current), typed.own, typed.draft).await?;
        form.stale = true;
        return Ok((StatusCode::CONFLICT, form).into_response());
    }
    tx.commit().await?;
    Ok(Redirect::to(&format!("/customers/{id}/vacancies/{vid}?saved=1")).into_response())
}
