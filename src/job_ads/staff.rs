//! The staff's pages of a job ad: the form (new, prefilled from the vacancy or the recruitment
//! it is made from, and edit), the ad's page with its channels, the sharing links per channel
//! and where applicants came from, and publish / unpublish everywhere. Access is the customer
//! card's (`CardHead`), as for the vacancy's and the recruitment's own routes.

use askama::Template;
use askama_web::WebTemplate;
use axum::{
    Form,
    extract::{Path, State},
    http::StatusCode,
    response::{IntoResponse, Redirect, Response},
};
use serde::Deserialize;

use super::{
    channels,
    model::{AdDraft, AdStatus, Channel, EmployerShown, EmploymentType, Sector, UnpublishReason},
    store::{self, JobAd, Publication},
};
use crate::{
    AppError, AppState, Result,
    auth::Staff,
    contacts::lookup::{self, Which},
    customers::card::CardHead,
    error::{FieldErrors, Msg},
    i18n::Lang,
    money::format_kr,
    recruitments::store::{self as recruitments, Recruitment},
    timefmt::{
        now, oslo_datetime,
        when::{date_string, oslo_date},
    },
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
async fn origin_of(state: &AppState, id: i64, a: &JobAd) -> Result<Origin> {
    match (a.vacancy_id, a.recruitment_id) {
        (Some(vid), _) => Ok(Origin::Vacancy(Box::new(vacancy(state, id, vid).await?))),
        (None, Some(rid)) => Ok(Origin::Recruitment(Box::new(
            recruitment(state, id, rid).await?,
        ))),
        (None, None) => Err(AppError::NotFound),
    }
}

async fn ad(state: &AppState, id: i64, aid: i64) -> Result<JobAd> {
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

#[derive(Template, WebTemplate)]
#[template(path = "job_ads/show.html")]
pub struct ShowView {
    lang: Lang,
    chrome: Chrome,
    card: CardHead,
    a: JobAd,
    sources: Vec<(String, i64)>,
    public_url: String,
    refused: Option<String>,
    rows: Vec<ChannelRow>,
    /// What arbeidsplassen.no would refuse in the ad (when it is meant to go there).
    nav_problems: Vec<String>,
    /// What FINN requires and the ad lacks (when it is meant to go there).
    finn_problems: Vec<String>,
}

/// How the ad stands on one channel, as the page shows it.
pub struct ChannelRow {
    pub channel: &'static str,
    pub name: String,
    /// The publication's status word (for the badge's class), when there is a row.
    pub status: Option<String>,
    /// What to say: the status, or why nothing was sent.
    pub text: String,
    /// When the row last changed.
    pub when: Option<String>,
    /// The channel's last word (a refusal's reason, a passing problem).
    pub detail: Option<String>,
    /// The ad's address on the channel (NAV's, once published there).
    pub url: Option<String>,
    /// A standing note (FINN: the format is not verified with FINN).
    pub note: Option<String>,
}

/// Each ad's external channels in one line ("arbeidsplassen.no: Publisert · FINN: …"), for the
/// vacancy's list of ads; ads with nothing sent are left out.
pub async fn compact_channels(
    state: &AppState,
    lang: Lang,
    ads: &[JobAd],
) -> Result<Vec<(i64, String)>> {
    let mut out = Vec::new();
    for a in ads {
        let publications = store::publications(&state.db, a.id).await?;
        let parts: Vec<String> = channel_rows(lang, &state.config, a, &publications)
            .into_iter()
            .filter(|r| r.channel != Channel::Homepage.as_str() && r.status.is_some())
            .map(|r| {
                lang.t_with(
                    "job-ad-channels-compact",
                    &[("channel", r.name), ("status", r.text)],
                )
            })
            .collect();
        if !parts.is_empty() {
            out.push((a.id, parts.join(" · ")));
        }
    }
    Ok(out)
}

/// The rows of the ad's channels: homepage, arbeidsplassen.no, FINN.
pub fn channel_rows(
    lang: Lang,
    config: &crate::config::Config,
    a: &JobAd,
    publications: &[Publication],
) -> Vec<ChannelRow> {
    Channel::ALL
        .iter()
        .map(|&c| {
            let p = publications.iter().find(|p| p.channel == c.as_str());
            let mut row = ChannelRow {
                channel: c.as_str(),
                name: lang.t(&format!("job-ad-channel-{}", c.as_str())),
                status: p.map(|p| p.status.clone()),
                text: String::new(),
                when: p.map(|p| oslo_datetime(p.updated_at)),
                detail: None,
                url: None,
                note: (c == Channel::Finn).then(|| lang.t("job-ad-finn-not-verified")),
            };
            row.text = match p {
                Some(p) if c == Channel::Finn && p.status == "pending" => {
                    let d = p.detail.as_deref().unwrap_or_default();
                    if let Some(file) = d.strip_prefix(channels::FINN_EXPORTED) {
                        lang.t_with("job-ad-finn-exported", &[("file", file.to_string())])
                    } else if d == channels::FINN_SENT {
                        lang.t("job-ad-finn-sent")
                    } else {
                        row.detail = p.detail.clone();
                        lang.t("job-ad-publication-pending")
                    }
                }
                Some(p) => {
                    row.detail = p.detail.clone();
                    if c == Channel::Arbeidsplassen && p.status == "published" {
                        row.url = p.channel_url.clone();
                    }
                    lang.t(&format!("job-ad-publication-{}", p.status))
                }
                None if c == Channel::Homepage => lang.t("job-ad-channel-not-yet"),
                None if !channels::configured(config, c) => {
                    lang.t(&format!("job-ad-channel-not-set-up-{}", c.as_str()))
                }
                None if !channels::chosen(a, c) => lang.t("job-ad-channel-not-chosen"),
                None => lang.t("job-ad-channel-on-publish"),
            };
            row
        })
        .collect()
}

/// The sources a sharing link is made for.
pub const SHARE_SOURCES: [&str; 4] = ["linkedin", "facebook", "email", "sms"];

/// Where applicants came from, as people read it (`finn`, `arbeidsplassen`, `other` as stored).
pub fn source_label(lang: Lang, source: &str) -> String {
    if SHARE_SOURCES.contains(&source) || source == "direct" {
        lang.t(&format!("job-ad-source-{source}"))
    } else {
        source.to_string()
    }
}

impl ShowView {
    fn status_label(&self) -> String {
        self.lang.t(&format!("job-ad-status-{}", self.a.status))
    }
    fn is_published(&self) -> bool {
        self.a.status() == AdStatus::Published
    }
    fn edit_url(&self) -> String {
        format!(
            "/customers/{}/ads/{}/edit",
            self.card.customer.id, self.a.id
        )
    }
    /// The link to share on `source`, with the ad's address tagged by the source.
    fn share_link(&self, source: &str) -> String {
        share_link(&self.public_url, &self.a.title, source)
    }
    fn tracked(&self, source: &str) -> String {
        format!("{}?src={source}", self.public_url)
    }
    fn shares(&self) -> Vec<(&'static str, String)> {
        SHARE_SOURCES
            .iter()
            .map(|s| (*s, self.lang.t(&format!("job-ad-source-{s}"))))
            .collect()
    }
    fn source_label(&self, source: &str) -> String {
        source_label(self.lang, source)
    }
    /// Why the ad was taken down, when it was.
    fn reason(&self) -> Option<String> {
        let key = match UnpublishReason::parse(self.a.unpublished_reason.as_deref()?)? {
            UnpublishReason::Manual => "job-ad-unpublished-by-hand",
            UnpublishReason::Deadline => "job-ad-expired",
            UnpublishReason::VacancyClosed => "job-ad-vacancy-closed",
            UnpublishReason::RecruitmentClosed => "job-ad-recruitment-closed",
        };
        Some(self.lang.t(key))
    }
    fn employer_label(&self) -> String {
        self.lang
            .t(&format!("job-ad-employer-{}", self.a.employer_shown))
    }
    fn type_label(&self) -> String {
        self.lang
            .t(&format!("job-ad-type-{}", self.a.employment_type))
    }
}

fn enc(s: &str) -> String {
    url::form_urlencoded::byte_serialize(s.as_bytes()).collect()
}

/// A channel's sharing address for the ad at `url` (tagged `?src={source}`).
pub fn share_link(url: &str, title: &str, source: &str) -> String {
    let tracked = format!("{url}?src={source}");
    match source {
        "linkedin" => format!(
            "https://www.linkedin.com/sharing/share-offsite/?url={}",
            enc(&tracked)
        ),
        "facebook" => format!(
            "https://www.facebook.com/sharer/sharer.php?u={}",
            enc(&tracked)
        ),
        "email" => format!(
            "mailto:?subject={}&body={}",
            enc(title).replace('+', "%20"),
            enc(&tracked)
        ),
        "sms" => format!(
            "sms:?&body={}",
            enc(&format!("{title} {tracked}")).replace('+', "%20")
        ),
        _ => tracked,
    }
}

async fn show_view(state: &AppState, user: &Staff, id: i64, aid: i64) -> Result<ShowView> {
    let card = CardHead::load(state, user, id, "assignments").await?;
    let a = ad(state, id, aid).await?;
    let publications = store::publications(&state.db, aid).await?;
    let sources = store::sources(&state.db, aid).await?;
    let rows = channel_rows(user.lang, &state.config, &a, &publications);
    let nav_problems = if channels::chosen(&a, Channel::Arbeidsplassen) {
        channels::nav_ad(state, &a)
            .await?
            .problems()
            .iter()
            .map(|p| p.message(user.lang))
            .collect()
    } else {
        Vec::new()
    };
    let finn_problems = if channels::chosen(&a, Channel::Finn) {
        channels::finn_ad(state, &a)
            .await?
            .problems()
            .iter()
            .map(|p| p.message(user.lang))
            .collect()
    } else {
        Vec::new()
    };
    let public_url = state
        .config
        .public_url
        .join(&format!("jobs/{}", a.slug))
        .map(|u| u.to_string())
        .unwrap_or_default();
    Ok(ShowView {
        lang: user.lang,
        chrome: Chrome::new(user, "customers"),
        card,
        a,
        sources,
        public_url,
        refused: None,
        rows,
        nav_problems,
        finn_problems,
    })
}

/// GET /customers/{id}/ads/{aid}
#[tracing::instrument(skip_all, fields(user = user.id, customer = id, ad = aid))]
pub async fn show(
    State(state): State<AppState>,
    user: Staff,
    Path((id, aid)): Path<(i64, i64)>,
) -> Result<ShowView> {
    show_view(&state, &user, id, aid).await
}

#[derive(Deserialize)]
pub struct MoveForm {
    /// `publish` or `unpublish`.
    action: String,
}

/// POST /customers/{id}/ads/{aid}/status: publish, or unpublish everywhere.
#[tracing::instrument(skip_all, fields(user = user.id, customer = id, ad = aid))]
pub async fn change_status(
    State(state): State<AppState>,
    user: Staff,
    Path((id, aid)): Path<(i64, i64)>,
    Form(form): Form<MoveForm>,
) -> Result<Response> {
    CardHead::load_editable(&state, &user, id, "assignments").await?;
    let a = ad(&state, id, aid).await?;
    let today = date_string(oslo_date(now()));
    let open = match (a.vacancy_id, a.recruitment_id) {
        (None, None) => true,
        _ => origin_of(&state, id, &a).await?.is_open(),
    };
    let mut tx = state.db.begin().await?;
    let done = match form.action.as_str() {
        "publish" => {
            if open {
                match store::publish(&mut tx, user.id, &a, &today).await {
                    Ok(()) => channels::queue_sends(&mut tx, &state.config, &a).await,
                    Err(e) => Err(e),
                }
            } else {
                Err(AppError::Conflict(Msg::new(if a.vacancy_id.is_some() {
                    "job-ad-vacancy-not-open"
                } else {
                    "job-ad-recruitment-not-open"
                })))
            }
        }
        "unpublish" => store::unpublish(&mut tx, Some(user.id), aid, UnpublishReason::Manual)
            .await
            .map(|_| ()),
        _ => return Err(AppError::BadRequest(Msg::new("form-malformed"))),
    };
    match done {
        Ok(()) => {
            tx.commit().await?;
            Ok(Redirect::to(&format!("/customers/{id}/ads/{aid}")).into_response())
        }
        Err(AppError::Conflict(why)) => {
            tx.rollback().await?;
            let mut view = show_view(&state, &user, id, aid).await?;
            view.refused = Some(why.render(user.lang));
            Ok((StatusCode::CONFLICT, view).into_response())
        }
        Err(e) => Err(e),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn share_links_carry_the_source() {
        let url = "https://firma.no/jobs/lager-ab12";
        assert_eq!(
            share_link(url, "Lager", "linkedin"),
            "https://www.linkedin.com/sharing/share-offsite/?url=https%3A%2F%2Ffirma.no%2Fjobs%2Flager-ab12%3Fsrc%3Dlinkedin"
        );
        assert!(
            share_link(url, "Lager i Oslo", "email")
                .starts_with("mailto:?subject=Lager%20i%20Oslo&body=")
        );
        assert!(share_link(url, "Lager", "sms").contains("src%3Dsms"));
    }
}
