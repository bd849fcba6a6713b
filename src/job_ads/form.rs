//! The staff's form of a job ad: new, prefilled from the vacancy or the recruitment it is made
//! from, and edit. Access is the customer card's (`CardHead`), as for the vacancy's and the
//! recruitment's own routes; the ad's page is [`super::page`].

use askama::Template;
use askama_web::WebTemplate;
use axum::{
    Form,
    extract::{Path, State},
    http::StatusCode,
    response::{IntoResponse, Redirect, Response},
};

use super::{
    channels,
    model::{AdDraft, AdStatus, Channel, EmployerShown, EmploymentType, Sector},
    store::{self, JobAd},
};
use crate::{
    AppError, AppState, Result,
    auth::Staff,
    contacts::lookup::{self, Which},
    customers::card::CardHead,
    error::FieldErrors,
    i18n::Lang,
    money::format_kr,
    recruitments::store::{self as recruitments, Recruitment},
    vacancies::store::{self as vacancies, Vacancy},
    web::{Chrome, form::field_messages},
};

#[derive(Template, WebTemplate)]
#[template(path = "job_ads/form.html")]
pub struct FormView {
    lang: Lang,
    chrome: Chrome,
    card: CardHead,
    origin: Origin,
    ad_id: Option<i64>,
    draft: AdDraft,
    /// The file name of the customer's logo (card documents, category `logo`), when it has one.
    logo: Option<String>,
    errors: FieldErrors,
    stale: bool,
    contacts: Vec<(i64, String)>,
    staff: Vec<(i64, String)>,
    nav_configured: bool,
    finn_configured: bool,
}

/// What an ad is made from.
pub enum Origin {
    Vacancy(Box<Vacancy>),
    Recruitment(Box<Recruitment>),
}

impl Origin {
    /// The page of the vacancy or recruitment.
    pub fn href(&self) -> String {
        match self {
            Origin::Vacancy(v) => format!("/customers/{}/vacancies/{}", v.customer_id, v.id),
            Origin::Recruitment(r) => {
                format!("/customers/{}/recruitments/{}", r.customer_id, r.id)
            }
        }
    }
    pub fn label(&self, lang: Lang) -> String {
        let key = match self {
            Origin::Vacancy(_) => "vacancy",
            Origin::Recruitment(_) => "recruitment",
        };
        format!("{}: {}", lang.t(key), self.title())
    }
    pub fn title(&self) -> &str {
        match self {
            Origin::Vacancy(v) => &v.title,
            Origin::Recruitment(r) => &r.title,
        }
    }
    /// Whether an ad of it may be published: the vacancy open, the recruitment searching.
    pub fn is_open(&self) -> bool {
        match self {
            Origin::Vacancy(v) => v.status() == crate::vacancies::model::Status::Open,
            Origin::Recruitment(r) => r.status().is_searching(),
        }
    }
}

impl FormView {
    fn errs(&self, field: &str) -> Vec<String> {
        field_messages(&self.errors, self.lang, field)
    }
    fn action(&self) -> String {
        match self.ad_id {
            Some(id) => format!("/customers/{}/ads/{id}", self.card.customer.id),
            None => format!("{}/ads", self.origin.href()),
        }
    }
    fn origin_href(&self) -> String {
        self.origin.href()
    }
    fn origin_label(&self) -> String {
        self.origin.label(self.lang)
    }
    /// Where the customer's logo comes from, and whether there is one.
    fn logo_hint(&self) -> String {
        match &self.logo {
            Some(file) => self
                .lang
                .t_with("job-ad-logo-hint-found", &[("file", file.clone())]),
            None => self.lang.t("job-ad-logo-hint-none"),
        }
    }
    fn documents_href(&self) -> String {
        format!("/customers/{}/documents", self.card.customer.id)
    }
    fn employment_types(&self) -> Vec<(&'static str, String)> {
        EmploymentType::ALL
            .iter()
            .map(|t| {
                (
                    t.as_str(),
                    self.lang.t(&format!("job-ad-type-{}", t.as_str())),
                )
            })
            .collect()
    }
    fn sectors(&self) -> Vec<(&'static str, String)> {
        Sector::ALL
            .iter()
            .map(|t| {
                (
                    t.as_str(),
                    self.lang.t(&format!("job-ad-sector-{}", t.as_str())),
                )
            })
            .collect()
    }
    fn employers(&self) -> Vec<(&'static str, String)> {
        EmployerShown::ALL
            .iter()
            .map(|t| {
                (
                    t.as_str(),
                    self.lang.t(&format!("job-ad-employer-{}", t.as_str())),
                )
            })
            .collect()
    }
    fn contact_key(&self, kind: &str, id: &i64) -> String {
        format!("{kind}:{id}")
    }
}

/// The draft of a new ad, from the vacancy: its title, texts, occupation, workplace, start,
/// places and responsible consultant; the employer anonymous until someone chooses otherwise.
pub fn draft_from(v: &Vacancy) -> AdDraft {
    let esc = |s: &str| {
        s.replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;")
    };
    let mut body = String::new();
    if let Some(d) = &v.description {
        for p in d.split("\n\n").filter(|p| !p.trim().is_empty()) {
            body.push_str(&format!("<p>{}</p>\n", esc(p.trim()).replace('\n', "<br>")));
        }
    }
    if let Some(r) = &v.requirements {
        let items: Vec<&str> = r.lines().filter(|l| !l.trim().is_empty()).collect();
        if !items.is_empty() {
            body.push_str("<ul>\n");
            for i in items {
                body.push_str(&format!(
                    "<li>{}</li>\n",
                    esc(i.trim().trim_start_matches(['-', '*', '•']).trim())
                ));
            }
            body.push_str("</ul>\n");
        }
    }
    AdDraft {
        title: v.title.clone(),
        body_html: body,
        styrk_code: v.styrk_code.clone().unwrap_or_default(),
        occupation_title: v.occupation_title.clone().unwrap_or_default(),
        postal_code: v.workplace_postal_code.clone().unwrap_or_default(),
        city: v.workplace_city.clone().unwrap_or_default(),
        employment_type: EmploymentType::Temporary.as_str().into(),
        sector: "private".into(),
        asap: "1".into(),
        start_date: v.from_date.clone(),
        positions: v.positions.to_string(),
        contact: v
            .consultant_id
            .map(|c| format!("u:{c}"))
            .unwrap_or_default(),
        employer_shown: EmployerShown::Anonymous.as_str().into(),
        ..AdDraft::default()
    }
}

/// The draft of a new ad, from a recruitment: its position, occupation code and description,
/// the customer's contact as the ad's contact (else the responsible consultant), the place
/// from the customer's visiting address, one permanent full-time position; the employer
/// anonymous until someone chooses otherwise.
pub fn draft_from_recruitment(
    r: &Recruitment,
    customer: &crate::customers::store::Customer,
) -> AdDraft {
    let esc = |s: &str| {
        s.replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;")
    };
    let mut body = String::new();
    if let Some(d) = &r.description {
        for p in d.split("\n\n").filter(|p| !p.trim().is_empty()) {
            body.push_str(&format!("<p>{}</p>\n", esc(p.trim()).replace('\n', "<br>")));
        }
    }
    let contact = r
        .contact_id
        .map(|c| format!("c:{c}"))
        .or(r.consultant_id.map(|u| format!("u:{u}")))
        .unwrap_or_default();
    AdDraft {
        title: r.title.clone(),
        body_html: body,
        styrk_code: r.styrk_code.clone().unwrap_or_default(),
        postal_code: customer.visit_postal_code.clone().unwrap_or_default(),
        city: customer.visit_city.clone().unwrap_or_default(),
        employment_type: EmploymentType::FullTime.as_str().into(),
        sector: "private".into(),
        asap: "1".into(),
        start_date: r.start_date.clone().unwrap_or_default(),
        positions: "1".into(),
        contact,
        employer_shown: EmployerShown::Anonymous.as_str().into(),
        ..AdDraft::default()
    }
}

fn flag(v: i64) -> String {
    if v == 1 { "1".into() } else { String::new() }
}

/// The ad's fields as the form shows them.
pub fn draft_of(a: &JobAd) -> AdDraft {
    AdDraft {
        title: a.title.clone(),
        lead: a.lead.clone(),
        body_html: a.body_html.clone(),
        styrk_code: a.styrk_code.clone().unwrap_or_default(),
        occupation_title: a.occupation_title.clone().unwrap_or_default(),
        postal_code: a.postal_code.clone().unwrap_or_default(),
        city: a.city.clone().unwrap_or_default(),
        employment_type: a.employment_type.clone(),
        sector: a.sector.clone(),
        deadline: a.deadline.clone().unwrap_or_default(),
        asap: if a.asap == 1 {
            "1".into()
        } else {
            String::new()
        },
        start_date: a.start_date.clone().unwrap_or_default(),
        start_text: a.start_text.clone().unwrap_or_default(),
        positions: a.positions.to_string(),
        salary_hour: a.salary_hour_ore.map(format_kr).unwrap_or_default(),
        contact: a.contact().map(|c| c.key()).unwrap_or_default(),
        employer_shown: a.employer_shown.clone(),
        to_arbeidsplassen: flag(a.to_arbeidsplassen),
        to_finn: flag(a.to_finn),
        employer_orgnr: a.employer_orgnr.clone().unwrap_or_default(),
        version: a.version.to_string(),
    }
}

async fn form_view(
    state: &AppState,
    user: &Staff,
    card: CardHead,
    origin: Origin,
    ad_id: Option<i64>,
    draft: AdDraft,
) -> Result<FormView> {
    let contacts = lookup::names(&state.db, card.customer.id, Which::Active).await?;
    let staff = crate::staff::users::active_names(&state.db).await?;
    let logo = super::posting::logo_file(&state.db, card.customer.id)
        .await?
        .map(|f| f.file_name);
    Ok(FormView {
        lang: user.lang,
        chrome: Chrome::new(user, "customers"),
        card,
        origin,
        ad_id,
        draft,
        logo,
        errors: FieldErrors::default(),
        stale: false,
        contacts,
        staff,
        nav_configured: channels::configured(&state.config, Channel::Arbeidsplassen),
        finn_configured: channels::configured(&state.config, Channel::Finn),
    })
}

async fn vacancy(state: &AppState, id: i64, vid: i64) -> Result<Vacancy> {
    vacancies::get(&state.db, id, vid)
        .await?
        .ok_or(AppError::NotFound)
}

async fn recruitment(state: &AppState, id: i64, rid: i64) -> Result<Recruitment> {
    recruitments::get(&state.db, id, rid)
        .await?
        .ok_or(AppError::NotFound)
}

/// What the ad `a` was made from.
pub(super) async fn origin_of(state: &AppState, id: i64, a: &JobAd) -> Result<Origin> {
    match (a.vacancy_id, a.recruitment_id) {
        (Some(vid), _) => Ok(Origin::Vacancy(Box::new(vacancy(state, id, vid).await?))),
        (None, Some(rid)) => Ok(Origin::Recruitment(Box::new(
            recruitment(state, id, rid).await?,
        ))),
        (None, None) => Err(AppError::NotFound),
    }
}

pub(super) async fn ad(state: &AppState, id: i64, aid: i64) -> Result<JobAd> {
    store::get(&state.db, id, aid)
        .await?
        .ok_or(AppError::NotFound)
}

/// GET /customers/{id}/vacancies/{vid}/ads/new
#[tracing::instrument(skip_all, fields(user = user.id, customer = id, vacancy = vid))]
pub async fn new(
    State(state): State<AppState>,
    user: Staff,
    Path((id, vid)): Path<(i64, i64)>,
) -> Result<FormView> {
    let card = CardHead::load_editable(&state, &user, id, "assignments").await?;
    let v = vacancy(&state, id, vid).await?;
    let draft = draft_from(&v);
    form_view(
        &state,
        &user,
        card,
        Origin::Vacancy(Box::new(v)),
        None,
        draft,
    )
    .await
}

/// GET /customers/{id}/recruitments/{rid}/ads/new
#[tracing::instrument(skip_all, fields(user = user.id, customer = id, recruitment = rid))]
pub async fn new_for_recruitment(
    State(state): State<AppState>,
    user: Staff,
    Path((id, rid)): Path<(i64, i64)>,
) -> Result<FormView> {
    let card = CardHead::load_editable(&state, &user, id, "assignments").await?;
    let r = recruitment(&state, id, rid).await?;
    let draft = draft_from_recruitment(&r, &card.customer);
    form_view(
        &state,
        &user,
        card,
        Origin::Recruitment(Box::new(r)),
        None,
        draft,
    )
    .await
}

/// Checks a typed form against the customer's contacts and the active staff.
fn check(view: &FormView) -> std::result::Result<super::model::AdData, FieldErrors> {
    let contacts: Vec<i64> = view.contacts.iter().map(|(i, _)| *i).collect();
    let staff: Vec<i64> = view.staff.iter().map(|(i, _)| *i).collect();
    view.draft.validate(&contacts, &staff)
}

/// POST /customers/{id}/vacancies/{vid}/ads
#[tracing::instrument(skip_all, fields(user = user.id, customer = id, vacancy = vid))]
pub async fn create(
    State(state): State<AppState>,
    user: Staff,
    Path((id, vid)): Path<(i64, i64)>,
    Form(draft): Form<AdDraft>,
) -> Result<Response> {
    let card = CardHead::load_editable(&state, &user, id, "assignments").await?;
    let v = vacancy(&state, id, vid).await?;
    create_from(&state, &user, card, Origin::Vacancy(Box::new(v)), draft).await
}

/// POST /customers/{id}/recruitments/{rid}/ads
#[tracing::instrument(skip_all, fields(user = user.id, customer = id, recruitment = rid))]
pub async fn create_for_recruitment(
    State(state): State<AppState>,
    user: Staff,
    Path((id, rid)): Path<(i64, i64)>,
    Form(draft): Form<AdDraft>,
) -> Result<Response> {
    let card = CardHead::load_editable(&state, &user, id, "assignments").await?;
    let r = recruitment(&state, id, rid).await?;
    create_from(&state, &user, card, Origin::Recruitment(Box::new(r)), draft).await
}

/// Saves a new draft ad made from `origin`, or the form again with what is wrong.
async fn create_from(
    state: &AppState,
    user: &Staff,
    card: CardHead,
    origin: Origin,
    draft: AdDraft,
) -> Result<Response> {
    let id = card.customer.id;
    let made_from = match &origin {
        Origin::Vacancy(v) => store::MadeFrom::Vacancy(v.id),
        Origin::Recruitment(r) => store::MadeFrom::Recruitment(r.id),
    };
    let mut view = form_view(state, user, card, origin, None, draft).await?;
    let data = match check(&view) {
        Ok(d) => d,
        Err(errors) => {
            view.errors = errors;
            return Ok((StatusCode::UNPROCESSABLE_ENTITY, view).into_response());
        }
    };
    let mut tx = state.db.begin().await?;
    let (aid, _) = store::create(&mut tx, user.id, id, made_from, &data).await?;
    tx.commit().await?;
    Ok(Redirect::to(&format!("/customers/{id}/ads/{aid}")).into_response())
}

/// GET /customers/{id}/ads/{aid}/edit
#[tracing::instrument(skip_all, fields(user = user.id, customer = id, ad = aid))]
pub async fn edit(
    State(state): State<AppState>,
    user: Staff,
    Path((id, aid)): Path<(i64, i64)>,
) -> Result<FormView> {
    let card = CardHead::load_editable(&state, &user, id, "assignments").await?;
    let a = ad(&state, id, aid).await?;
    let origin = origin_of(&state, id, &a).await?;
    form_view(&state, &user, card, origin, Some(aid), draft_of(&a)).await
}

/// POST /customers/{id}/ads/{aid}
#[tracing::instrument(skip_all, fields(user = user.id, customer = id, ad = aid))]
pub async fn update(
    State(state): State<AppState>,
    user: Staff,
    Path((id, aid)): Path<(i64, i64)>,
    Form(draft): Form<AdDraft>,
) -> Result<Response> {
    let card = CardHead::load_editable(&state, &user, id, "assignments").await?;
    let a = ad(&state, id, aid).await?;
    let origin = origin_of(&state, id, &a).await?;
    let expected: i64 = draft.version.trim().parse().unwrap_or(a.version);
    let mut view = form_view(&state, &user, card, origin, Some(aid), draft).await?;
    let data = match check(&view) {
        Ok(d) => d,
        Err(errors) => {
            view.errors = errors;
            return Ok((StatusCode::UNPROCESSABLE_ENTITY, view).into_response());
        }
    };
    let mut tx = state.db.begin().await?;
    match store::update(&mut tx, user.id, &a, expected, &data).await {
        Ok(()) => {
            if a.status() == AdStatus::Published
                && let Some(saved) = store::get_in(&mut tx, id, aid).await?
            {
                channels::queue_sends(&mut tx, &state.config, &saved).await?;
            }
            tx.commit().await?;
            Ok(Redirect::to(&format!("/customers/{id}/ads/{aid}?saved=1")).into_response())
        }
        Err(AppError::Conflict(_)) => {
            tx.rollback().await?;
            view.stale = true;
            view.draft.version = a.version.to_string();
            Ok((StatusCode::CONFLICT, view).into_response())
        }
        Err(e) => Err(e),
    }
}
