//! Creating and editing a recruitment from the customer card: the position, the fee (fixed or
//! a percentage of the annual salary), the guarantee and its consequence, the customer's
//! contact and the responsible consultant. Bad input comes back with what was typed.

use askama::Template;
use askama_web::WebTemplate;
use axum::{
    Form,
    extract::{Path, State},
    http::StatusCode,
    response::{IntoResponse, Redirect, Response},
};

use super::{
    model::{Consequence, Fee, RecruitmentData, RecruitmentDraft},
    store::{self, Recruitment},
};
use crate::{
    AppError, AppState, Result,
    auth::Staff,
    contacts::lookup::{self, Which},
    customers::card::CardHead,
    error::{FieldErrors, Msg},
    i18n::Lang,
    money::{input_kr, input_share},
    web::{Chrome, form::field_messages},
};

#[derive(Template, WebTemplate)]
#[template(path = "recruitments/form.html")]
pub struct FormView {
    lang: Lang,
    chrome: Chrome,
    card: CardHead,
    recruitment_id: Option<i64>,
    draft: RecruitmentDraft,
    errors: FieldErrors,
    stale: bool,
    contacts: Vec<(i64, String)>,
    staff: Vec<(i64, String)>,
}

impl FormView {
    fn errs(&self, field: &str) -> Vec<String> {
        field_messages(&self.errors, self.lang, field)
    }
    fn action(&self) -> String {
        let base = format!("/customers/{}/recruitments", self.card.customer.id);
        match self.recruitment_id {
            Some(id) => format!("{base}/{id}"),
            None => base,
        }
    }
    fn is(&self, value: &str, id: &i64) -> bool {
        value.trim() == id.to_string()
    }
}

/// The stored recruitment as the form shows it.
pub fn draft_of(r: &Recruitment) -> RecruitmentDraft {
    let (fee, fee_percent, annual_salary) = match r.fee() {
        Fee::Fixed { ore } => (input_kr(ore), String::new(), String::new()),
        Fee::Percent {
            bp,
            annual_salary_ore,
        } => (String::new(), input_share(bp), input_kr(annual_salary_ore)),
    };
    let credit = match r.consequence() {
        Consequence::PartialCredit { bp } => input_share(bp),
        Consequence::Replacement => String::new(),
    };
    RecruitmentDraft {
        title: r.title.clone(),
        styrk_code: r.styrk_code.clone().unwrap_or_default(),
        description: r.description.clone().unwrap_or_default(),
        fee_kind: r.fee_kind.clone(),
        fee,
        fee_percent,
        annual_salary,
        guarantee_months: r.guarantee_months.to_string(),
        guarantee_consequence: r.guarantee_consequence.clone(),
        guarantee_credit_percent: credit,
        contact_id: r.contact_id.map(|c| c.to_string()).unwrap_or_default(),
        consultant_id: r.consultant_id.map(|c| c.to_string()).unwrap_or_default(),
        version: r.version.to_string(),
    }
}

async fn view(
    state: &AppState,
    user: &Staff,
    card: CardHead,
    recruitment_id: Option<i64>,
    draft: RecruitmentDraft,
    errors: FieldErrors,
) -> Result<FormView> {
    let id = card.customer.id;
    Ok(FormView {
        lang: user.lang,
        chrome: Chrome::new(user, "customers"),
        contacts: lookup::names(&state.db, id, Which::Active).await?,
        staff: crate::staff::users::active_names(&state.db).await?,
        recruitment_id,
        card,
        draft,
        errors,
        stale: false,
    })
}

/// Checks the draft and what only the database knows: the contact is this customer's and the
/// consultant is active staff.
pub async fn checked(
    state: &AppState,
    customer_id: i64,
    draft: &RecruitmentDraft,
) -> Result<std::result::Result<RecruitmentData, FieldErrors>> {
    let d = match draft.validate() {
        Ok(d) => d,
        Err(e) => return Ok(Err(e)),
    };
    let mut errors = FieldErrors::default();
    if let Some(c) = d.contact_id {
        let mut conn = state.db.pool.acquire().await?;
        if !lookup::belongs_to(&mut conn, c, customer_id).await? {
            errors.add("contact_id", Msg::new("filter-invalid"));
        }
    }
    if let Some(u) = d.consultant_id {
        let staff = crate::staff::users::active_names(&state.db).await?;
        if !staff.iter().any(|(id, _)| *id == u) {
            errors.add("consultant_id", Msg::new("filter-invalid"));
        }
    }
    Ok(if errors.is_empty() {
        Ok(d)
    } else {
        Err(errors)
    })
}

/// GET /customers/{id}/recruitments/new
#[tracing::instrument(skip_all, fields(user = user.id, customer = id))]
pub async fn new(
    State(state): State<AppState>,
    user: Staff,
    Path(id): Path<i64>,
) -> Result<FormView> {
    let card = CardHead::load_editable(&state, &user, id, "assignments").await?;
    let draft = RecruitmentDraft {
        fee_kind: "percent".into(),
        guarantee_months: "6".into(),
        guarantee_consequence: "replacement".into(),
        consultant_id: user.id.to_string(),
        ..Default::default()
    };
    view(&state, &user, card, None, draft, FieldErrors::default()).await
}

/// POST /customers/{id}/recruitments
#[tracing::instrument(skip_all, fields(user = user.id, customer = id))]
pub async fn create(
    State(state): State<AppState>,
    user: Staff,
    Path(id): Path<i64>,
    Form(draft): Form<RecruitmentDraft>,
) -> Result<Response> {
    let card = CardHead::load_editable(&state, &user, id, "assignments").await?;
    let d = match checked(&state, id, &draft).await? {
        Ok(d) => d,
        Err(errors) => {
            let form = view(&state, &user, card, None, draft, errors).await?;
            return Ok((StatusCode::UNPROCESSABLE_ENTITY, form).into_response());
        }
    };
    let mut tx = state.db.begin().await?;
    let rid = store::create(&mut tx, user.id, id, &d).await?;
    tx.commit().await?;
    Ok(Redirect::to(&format!("/customers/{id}/recruitments/{rid}?saved=1")).into_response())
}

/// GET /customers/{id}/recruitments/{rid}/edit
#[tracing::instrument(skip_all, fields(user = user.id, customer = id, recruitment = rid))]
pub async fn edit(
    State(state): State<AppState>,
    user: Staff,
    Path((id, rid)): Path<(i64, i64)>,
) -> Result<FormView> {
    let card = CardHead::load_editable(&state, &user, id, "assignments").await?;
    let r = store::get(&state.db, id, rid)
        .await?
        .ok_or(AppError::NotFound)?;
    view(
        &state,
        &user,
        card,
        Some(rid),
        draft_of(&r),
        FieldErrors::default(),
    )
    .await
}

/// POST /customers/{id}/recruitments/{rid}
#[tracing::instrument(skip_all, fields(user = user.id, customer = id, recruitment = rid))]
pub async fn update(
    State(state): State<AppState>,
    user: Staff,
    Path((id, rid)): Path<(i64, i64)>,
    Form(draft): Form<RecruitmentDraft>,
) -> Result<Response> {
    let card = CardHead::load_editable(&state, &user, id, "assignments").await?;
    let current = store::get(&state.db, id, rid)
        .await?
        .ok_or(AppError::NotFound)?;
    let expected: i64 = draft.version.trim().parse().unwrap_or(0);
    let d = match checked(&state, id, &draft).await? {
        Ok(d) => d,
        Err(errors) => {
            let form = view(&state, &user, card, Some(rid), draft, errors).await?;
            return Ok((StatusCode::UNPROCESSABLE_ENTITY, form).into_response());
        }
    };
    let mut tx = state.db.begin().await?;
    if !store::update(&mut tx, user.id, &current, expected, &d).await? {
        drop(tx);
        let mut form = view(
            &state,
            &user,
            card,
            Some(rid),
            draft,
            FieldErrors::default(),
        )
        .await?;
        form.stale = true;
        return Ok((StatusCode::CONFLICT, form).into_response());
    }
    tx.commit().await?;
    Ok(Redirect::to(&format!("/customers/{id}/recruitments/{rid}?saved=1")).into_response())
}
