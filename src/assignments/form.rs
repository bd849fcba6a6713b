//! Creating and editing an assignment from the customer card, with the law checked as you
//! type: the form posts itself to `…/assignments/check` on every change and shows the light,
//! its reasons and the margin before anything is saved.

use askama::Template;
use askama_web::WebTemplate;
use axum::{
    extract::{Path, State},
    http::StatusCode,
    response::{IntoResponse, Redirect, Response},
};
use serde::Deserialize;

use super::{
    evaluate::{Evaluation, Subject, evaluate_all},
    input,
    model::{AssignmentData, AssignmentDraft},
    store::{self, Assignment},
    tab::finding_text,
};
use crate::{
    AppError, AppState, Result,
    auth::Staff,
    contacts::lookup::{self, Which},
    customers::card::CardHead,
    error::{FieldErrors, Msg},
    i18n::Lang,
    money::{format_kr, format_share},
    timefmt::{now, when::oslo_date},
    web::{Chrome, form::field_messages},
    workers,
};

#[derive(Template, WebTemplate)]
#[template(path = "assignments/form.html")]
pub struct FormView {
    lang: Lang,
    chrome: Chrome,
    card: CardHead,
    assignment_id: Option<i64>,
    version: i64,
    draft: AssignmentDraft,
    errors: FieldErrors,
    stale: bool,
    workers: Vec<(i64, String)>,
    contacts: Vec<(i64, String)>,
    staff: Vec<(i64, String)>,
    check: CheckView,
}

impl FormView {
    fn errs(&self, field: &str) -> Vec<String> {
        field_messages(&self.errors, self.lang, field)
    }
    fn action(&self) -> String {
        let base = format!("/customers/{}/assignments", self.card.customer.id);
        match self.assignment_id {
            Some(id) => format!("{base}/{id}"),
            None => base,
        }
    }
    fn bases(&self) -> Vec<(&'static str, String)> {
        super::compliance::LegalBasis::KINDS
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
        super::allowance_view::Section::new(self.lang, &self.draft.allowances, &self.errors)
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

/// The light, its reasons and the margin for what is typed (or why they cannot be shown yet).
#[derive(Template, WebTemplate, Default)]
#[template(path = "assignments/_check.html")]
pub struct CheckView {
    lang: Lang,
    /// `green`, `yellow`, `red`; none while the form is incomplete.
    light: Option<&'static str>,
    reasons: Vec<(&'static str, String)>,
    margin: Option<String>,
    period: Option<String>,
}

impl CheckView {
    /// Nothing to show yet: the form is incomplete.
    pub fn empty(lang: Lang) -> Self {
        Self {
            lang,
            ..Default::default()
        }
    }

    pub fn of(lang: Lang, e: &Evaluation) -> Self {
        Self {
            lang,
            light: Some(e.light.key()),
            reasons: e
                .findings
                .iter()
                .map(|f| (f.light.key(), finding_text(lang, f)))
                .collect(),
            margin: Some(format!(
                "{} ({})",
                format_kr(e.margin.per_hour),
                e.margin.share_bp.map(format_share).unwrap_or_default()
            )),
            period: e.period.map(|(minutes, ore)| {
                lang.t_with(
                    "assignment-period-margin",
                    &[
                        ("hours", crate::timefmt::hours_text(minutes)),
                        ("amount", format_kr(ore)),
                    ],
                )
            }),
        }
    }
}

/// Evaluates typed data as the saved assignment would be.
pub async fn check_data(
    state: &AppState,
    card: &CardHead,
    d: &AssignmentData,
    id: Option<i64>,
    lang: Lang,
) -> Result<CheckView> {
    let (costs, rules) = store::settings(&state.db).await?;
    let today = oslo_date(now());
    let e = evaluate_all(
        &state.db,
        card.customer.id,
        card.customer.industry_code.as_deref(),
        &[Subject::typed(d, id)],
        &costs,
        &rules,
        today,
    )
    .await?;
    Ok(e.first()
        .map(|e| CheckView::of(lang, e))
        .unwrap_or_default())
}

async fn view(
    state: &AppState,
    user: &Staff,
    card: CardHead,
    assignment: Option<&Assignment>,
    draft: AssignmentDraft,
) -> Result<FormView> {
    let selected = draft.worker_id.trim().parse().ok();
    let id = card.customer.id;
    Ok(FormView {
        lang: user.lang,
        chrome: Chrome::new(user, "customers"),
        assignment_id: assignment.map(|a| a.id),
        version: assignment.map(|a| a.version).unwrap_or(0),
        workers: workers::store::options(&state.db, "", selected, 200).await?,
        contacts: lookup::names(&state.db, id, Which::Active).await?,
        staff: crate::staff::users::active_names(&state.db).await?,
        check: CheckView {
            lang: user.lang,
            ..Default::default()
        },
        card,
        draft,
        errors: FieldErrors::default(),
        stale: false,
    })
}

/// The form's fields, with the days as checkboxes (`days` repeated) folded into one list.
#[derive(Deserialize)]
pub struct AssignmentForm {
    #[serde(flatten)]
    pub draft: AssignmentDraft,
    #[serde(default)]
    pub version: String,
    /// Set when editing: the assignment itself is not one of the worker's "other" periods.
    #[serde(default)]
    assignment_id: String,
}

/// Parses the urlencoded body by hand: `day=1&day=2…` repeats, which a flattened struct
/// cannot take, so the days are joined into `days` first; the allowance rows are read apart.
/// The vacancy form shares it: its terms are this form's part (`assignments/_terms.html`).
pub fn parse_form(body: &str, lang: Lang) -> std::result::Result<AssignmentForm, AppError> {
    let pairs: Vec<(String, String)> = serde_urlencoded::from_str(body)
        .map_err(|_| AppError::BadRequest(Msg::new("form-malformed")))?;
    let days: Vec<String> = pairs
        .iter()
        .filter(|(k, _)| k == "day")
        .map(|(_, v)| v.clone())
        .collect();
    let mut rest: Vec<(String, String)> = pairs
        .into_iter()
        .filter(|(k, _)| k != "day" && k != "days")
        .collect();
    rest.push(("days".into(), days.join(",")));
    let encoded = serde_urlencoded::to_string(&rest).unwrap_or_default();
    let mut form: AssignmentForm = serde_urlencoded::from_str(&encoded)
        .map_err(|_| AppError::BadRequest(Msg::new("form-malformed")))?;
    form.draft.allowances = super::allowance_form::from_form(&rest, lang);
    Ok(form)
}

/// GET /customers/{id}/assignments/new
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
    view(&state, &user, card, None, draft).await
}

/// POST /customers/{id}/assignments/check (htmx): the light for what is typed.
#[tracing::instrument(skip_all, fields(user = user.id, customer = id))]
pub async fn check(
    State(state): State<AppState>,
    user: Staff,
    Path(id): Path<i64>,
    body: String,
) -> Result<CheckView> {
    let card = CardHead::load_editable(&state, &user, id, "assignments").await?;
    let input = parse_form(&body, user.lang)?;
    let except = input.assignment_id.trim().parse().ok();
    match input.draft.validate() {
        Ok(d) if input::check_references(&state, id, &d).await?.is_empty() => {
            check_data(&state, &card, &d, except, user.lang).await
        }
        _ => Ok(CheckView {
            lang: user.lang,
            ..Default::default()
        }),
    }
}

/// POST /customers/{id}/assignments
#[tracing::instrument(skip_all, fields(user = user.id, customer = id))]
pub async fn create(
    State(state): State<AppState>,
    user: Staff,
    Path(id): Path<i64>,
    body: String,
) -> Result<Response> {
    let card = CardHead::load_editable(&state, &user, id, "assignments").await?;
    let input = parse_form(&body, user.lang)?;
    let mut form = view(&state, &user, card, None, input.draft.clone()).await?;
    let data = match input.draft.validate() {
        Ok(d) => d,
        Err(errors) => {
            form.errors = errors;
            return Ok((StatusCode::UNPROCESSABLE_ENTITY, form).into_response());
        }
    };
    let errors = input::check_references(&state, id, &data).await?;
    if !errors.is_empty() {
        form.errors = errors;
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, form).into_response());
    }
    let mut tx = state.db.begin().await?;
    let aid = store::create(&mut tx, user.id, id, &data).await?;
    tx.commit().await?;
    Ok(Redirect::to(&format!("/customers/{id}/assignments/{aid}?saved=1")).into_response())
}

/// GET /customers/{id}/assignments/{aid}/edit
#[tracing::instrument(skip_all, fields(user = user.id, customer = id, assignment = aid))]
pub async fn edit(
    State(state): State<AppState>,
    user: Staff,
    Path((id, aid)): Path<(i64, i64)>,
) -> Result<FormView> {
    let card = CardHead::load_editable(&state, &user, id, "assignments").await?;
    let a = store::get(&state.db, id, aid)
        .await?
        .ok_or(AppError::NotFound)?;
    let terms = match a.equal_terms_id {
        Some(t) => store::equal_terms(&state.db, t).await?,
        None => None,
    };
    let draft = input::to_draft(&a, terms);
    let mut form = view(&state, &user, card, Some(&a), draft.clone()).await?;
    if let Ok(d) = draft.validate() {
        form.check = check_data(&state, &form.card, &d, Some(aid), user.lang).await?;
    }
    Ok(form)
}

/// POST /customers/{id}/assignments/{aid}
#[tracing::instrument(skip_all, fields(user = user.id, customer = id, assignment = aid))]
pub async fn update(
    State(state): State<AppState>,
    user: Staff,
    Path((id, aid)): Path<(i64, i64)>,
    body: String,
) -> Result<Response> {
    let card = CardHead::load_editable(&state, &user, id, "assignments").await?;
    let a = store::get(&state.db, id, aid)
        .await?
        .ok_or(AppError::NotFound)?;
    if matches!(a.status.as_str(), "ended" | "cancelled") {
        return Err(AppError::Conflict(Msg::new("assignment-closed")));
    }
    let input = parse_form(&body, user.lang)?;
    let mut form = view(&state, &user, card, Some(&a), input.draft.clone()).await?;
    let expected: i64 = input.version.trim().parse().unwrap_or(0);
    form.version = expected;
    let data = match input.draft.validate() {
        Ok(d) => d,
        Err(errors) => {
            form.errors = errors;
            return Ok((StatusCode::UNPROCESSABLE_ENTITY, form).into_response());
        }
    };
    let errors = input::check_references(&state, id, &data).await?;
    if !errors.is_empty() {
        form.errors = errors;
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, form).into_response());
    }
    let terms = match a.equal_terms_id {
        Some(t) => store::equal_terms(&state.db, t).await?,
        None => None,
    };
    let old = input::to_draft(&a, terms).validate().ok();
    let mut tx = state.db.begin().await?;
    if !store::update(&mut tx, user.id, &a, old.as_ref(), expected, &data).await? {
        form.stale = true;
        form.version = a.version;
        return Ok((StatusCode::CONFLICT, form).into_response());
    }
    tx.commit().await?;
    Ok(Redirect::to(&format!("/customers/{id}/assignments/{aid}?saved=1")).into_response())
}
