//! One vacancy: its terms with the light and margin, how many places are filled, the
//! candidates with their stages, a search for workers free in the period, and the moves:
//! add a candidate, move a stage, make the assignment of an accepted candidate, cancel or
//! reopen the vacancy.

use askama::Template;
use askama_web::WebTemplate;
use axum::{
    Form,
    extract::{Path, Query, State},
    http::StatusCode,
    response::{IntoResponse, Redirect, Response},
};
use serde::Deserialize;

use super::{
    model::{Stage, Status},
    offers::{self, pages::OfferTyped, store::Offer},
    store::{self, Candidate, Vacancy},
    terms,
};
use crate::{
    AppError, AppState, Result,
    assignments::{evaluate::Evaluation, form::CheckView},
    auth::Staff,
    contacts::lookup::{self, Which},
    customers::card::CardHead,
    error::Msg,
    i18n::Lang,
    money::format_kr,
    timefmt::{now, when::oslo_date, when::parse_date},
    web::Chrome,
    workers::store::{self as worker_store, Filter, ListRow},
};

/// How many days a new offer is valid unless the user types another last day.
const OFFER_VALID_DAYS: i64 = 14;

/// The worker search on the vacancy's page, as typed.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default)]
pub struct SearchParams {
    pub q: String,
    pub skill: String,
    pub place: String,
    /// `1`: only workers with no planned or active assignment in the vacancy's period.
    pub free: String,
    /// `1`: the search was sent (so an empty one lists everyone).
    pub search: String,
    pub saved: String,
    /// What was just done with an offer (`made`, `emailed`, `queued`, `accepted`, `declined`).
    pub offer: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "vacancies/detail.html")]
pub struct DetailView {
    lang: Lang,
    chrome: Chrome,
    card: CardHead,
    v: Vacancy,
    e: Evaluation,
    candidates: Vec<Candidate>,
    contact: Option<String>,
    consultant: Option<String>,
    search: SearchParams,
    /// The search's hits (none until searched) and how many matched.
    found: Option<(Vec<ListRow>, worker_store::Count)>,
    saved: bool,
    refused: Option<String>,
    /// The vacancy's job ads (`job_ads`).
    ads: Vec<crate::job_ads::store::JobAd>,
    /// The applications through those ads, newest first.
    applications: Vec<crate::job_ads::store::VacancyApplication>,
    /// The portal contact who requested the vacancy (a draft from the portal).
    requested_by: Option<String>,
    /// The ads' external channels in one line each: (ad id, text).
    ad_channels: Vec<(i64, String)>,
    /// The vacancy's rental offers (`offers`), newest first.
    offers: Vec<Offer>,
    /// What was typed in an offer form, with its error.
    pub(super) offer: OfferTyped,
    /// The customer's active contacts with an email address: (id, "Name <address>").
    offer_contacts: Vec<(i64, String)>,
    email_configured: bool,
    /// The new offer's suggested language and last day.
    offer_language: &'static str,
    offer_valid_default: String,
}

impl DetailView {
    fn base(&self) -> String {
        format!(
            "/customers/{}/vacancies/{}",
            self.card.customer.id, self.v.id
        )
    }
    fn status_label(&self) -> String {
        self.lang.t(&format!("vacancy-status-{}", self.v.status))
    }
    fn filled_text(&self) -> String {
        filled_text(self.lang, &self.v)
    }
    fn period(&self) -> String {
        crate::timefmt::period_text(
            self.lang,
            &self.v.from_date,
            self.v.to_date.as_deref(),
            "assignment-open-ended",
        )
    }
    fn hours(&self) -> String {
        crate::timefmt::hours_text(self.v.hours_per_week_minutes)
    }
    fn kr(&self, ore: &i64) -> String {
        format!("{} kr", format_kr(*ore))
    }
    /// The overtime classes: (percent, bill, pay).
    fn overtime(&self) -> Vec<(i64, String, String)> {
        serde_json::from_str::<Vec<crate::assignments::model::OvertimeRate>>(&self.v.overtime)
            .unwrap_or_default()
            .iter()
            .map(|o| (o.percent, self.kr(&o.bill_ore), self.kr(&o.pay_ore)))
            .collect()
    }
    /// The allowances, as the assignment's page lists them.
    fn allowances(&self) -> Vec<crate::assignments::allowance_view::Line> {
        crate::assignments::allowance_view::lines(
            self.lang,
            &crate::assignments::allowance::from_stored(&self.v.allowances),
        )
    }
    fn check_html(&self) -> String {
        CheckView::of(self.lang, &self.e)
            .render()
            .unwrap_or_default()
    }
    fn basis(&self) -> String {
        match &self.v.legal_basis {
            Some(b) => self.lang.t(&format!("legal-basis-{b}")),
            None => self.lang.t("assignment-legal-basis-none"),
        }
    }
    fn is_open(&self) -> bool {
        self.v.status() == Status::Open
    }
    fn is_cancelled(&self) -> bool {
        self.v.status() == Status::Cancelled
    }
    fn stages(&self) -> Vec<(&'static str, String)> {
        Stage::ALL
            .iter()
            .map(|s| (s.as_str(), self.stage_label(s.as_str())))
            .collect()
    }
    fn stage_label(&self, stage: &str) -> String {
        self.lang.t(&format!("vacancy-stage-{stage}"))
    }
    fn can_assign(&self, c: &Candidate) -> bool {
        self.card.can_edit
            && self.is_open()
            && c.assignment_id.is_none()
            && c.stage() == Stage::Accepted
            && self.v.filled < self.v.positions
    }
    fn can_present(&self, c: &Candidate) -> bool {
        self.card.can_edit && !self.is_cancelled() && c.assignment_id.is_none()
    }
    fn draft_text(&self) -> String {
        let when = self
            .v
            .requested_at
            .map(crate::timefmt::oslo_datetime)
            .unwrap_or_default();
        self.lang.t_with(
            "vacancy-draft-notice",
            &[
                ("contact", self.requested_by.clone().unwrap_or_default()),
                ("when", when),
            ],
        )
    }
    /// "Presented 04.12.2026 · consent by phone 03.12.2026, recorded by Ola".
    fn presented_text(&self, c: &Candidate, at: &i64) -> String {
        self.lang.t_with(
            "vacancy-presented-on",
            &[
                ("date", crate::timefmt::oslo_date(*at)),
                (
                    "how",
                    c.consent_how
                        .as_deref()
                        .map(|h| self.lang.t(&format!("vacancy-consent-how-{h}")))
                        .unwrap_or_default(),
                ),
                (
                    "consent",
                    c.consent_at
                        .map(crate::timefmt::oslo_date)
                        .unwrap_or_default(),
                ),
                ("by", c.consent_by_name.clone().unwrap_or_default()),
            ],
        )
    }
    /// "Accepted by Åse Kunde 04.12.2026" / "Declined by … : reason".
    fn decision_text(&self, c: &Candidate, at: &i64) -> String {
        let key = if c.stage == "declined" {
            "vacancy-portal-declined-by"
        } else {
            "vacancy-portal-accepted-by"
        };
        let mut text = self.lang.t_with(
            key,
            &[
                ("name", c.decided_by_name.clone().unwrap_or_default()),
                ("date", crate::timefmt::oslo_date(*at)),
            ],
        );
        if let Some(r) = &c.decline_reason {
            text.push_str(": ");
            text.push_str(r);
        }
        text
    }
    /// The candidate's applications through the vacancy's ads.
    fn applied(&self, c: &Candidate) -> Vec<&crate::job_ads::store::VacancyApplication> {
        self.applications
            .iter()
            .filter(|a| a.worker_id == c.worker_id)
            .collect()
    }
    /// "Applied through the ad «…» 04.12.2026 · source: Direct".
    fn applied_text(&self, a: &crate::job_ads::store::VacancyApplication) -> String {
        self.lang.t_with(
            "vacancy-applied",
            &[
                ("title", a.ad_title.clone()),
                ("date", crate::timefmt::oslo_date(a.created_at)),
                (
                    "source",
                    crate::job_ads::page::source_label(self.lang, &a.source),
                ),
            ],
        )
    }
    fn is_candidate(&self, worker_id: &i64) -> bool {
        self.candidates.iter().any(|c| c.worker_id == *worker_id)
    }
    /// How many workers match ("more than 1 000" past the count's bound, decision 0074).
    fn found_count(&self, count: &worker_store::Count) -> String {
        count.text(self.lang, "vacancy-search-found")
    }
    fn ad_status(&self, status: &str) -> String {
        self.lang.t(&format!("job-ad-status-{status}"))
    }
    fn offer_status(&self, o: &Offer) -> String {
        self.lang.t(&format!("offer-status-{}", o.status))
    }
    fn offer_sent(&self, o: &Offer) -> String {
        match (&o.sent_via, o.sent_at) {
            (Some(via), Some(at)) => self.lang.t_with(
                &format!("offer-sent-{via}"),
                &[("date", crate::timefmt::oslo_date(at))],
            ),
            _ => String::new(),
        }
    }
    fn offer_answer(&self, o: &Offer) -> String {
        let on = o
            .answered_on
            .as_deref()
            .and_then(parse_date)
            .map(crate::timefmt::date_text)
            .unwrap_or_default();
        let how = match o.answered_how.as_deref() {
            Some("signing") => self.lang.t("offer-answered-signing"),
            Some(h) => h.to_string(),
            None => String::new(),
        };
        self.lang.t_with(
            "offer-answered",
            &[
                ("date", on),
                ("by", o.answered_by.clone().unwrap_or_default()),
                ("how", how),
            ],
        )
    }
    fn offer_valid(&self, o: &Offer) -> String {
        parse_date(&o.valid_until)
            .map(crate::timefmt::date_text)
            .unwrap_or_default()
    }
    fn offer_err(&self, field: &str) -> Option<String> {
        self.offer
            .error
            .as_ref()
            .filter(|(f, _)| *f == field)
            .map(|(_, m)| m.clone())
    }
    /// The error of a form of offer `id` (email or answer).
    fn offer_err_for(&self, id: &i64, field: &str) -> Option<String> {
        if self.offer.offer_id == *id {
            self.offer_err(field)
        } else {
            None
        }
    }
    fn offer_notice(&self) -> Option<String> {
        match self.search.offer.as_str() {
            n @ ("made" | "emailed" | "queued" | "accepted" | "declined") => {
                Some(self.lang.t(&format!("offer-notice-{n}")))
            }
            _ => None,
        }
    }
    fn is_offer_contact(&self, o: &Offer, id: &i64) -> bool {
        if self.offer.offer_id == o.id {
            self.offer.contact_id.trim() == id.to_string()
        } else {
            self.v.contact_id == Some(*id)
        }
    }
    /// What the answer form of offer `o` shows in `field`.
    fn answer_value(&self, o: &Offer, field: &str) -> String {
        if self.offer.offer_id != o.id {
            return String::new();
        }
        match field {
            "answered_on" => self.offer.answered_on.clone(),
            "answered_by" => self.offer.answered_by.clone(),
            "answered_how" => self.offer.answered_how.clone(),
            _ => String::new(),
        }
    }
    fn offer_valid_value(&self) -> String {
        if self.offer.valid_until.is_empty() && self.offer_err("valid_until").is_none() {
            self.offer_valid_default.clone()
        } else {
            self.offer.valid_until.clone()
        }
    }
    fn offer_language_is(&self, code: &str) -> bool {
        if self.offer.language.is_empty() {
            self.offer_language == code
        } else {
            self.offer.language == code
        }
    }
    fn free_checked(&self) -> bool {
        self.search.free == "1" || self.search.search.is_empty()
    }
}

/// "2 of 3 places filled".
pub fn filled_text(lang: Lang, v: &Vacancy) -> String {
    lang.t_with(
        "vacancy-filled",
        &[
            ("filled", v.filled.to_string()),
            ("count", v.positions.to_string()),
        ],
    )
}

pub(super) async fn build(
    state: &AppState,
    user: &Staff,
    id: i64,
    vid: i64,
    search: SearchParams,
) -> Result<DetailView> {
    let card = CardHead::load(state, user, id, "assignments").await?;
    let v = store::get(&state.db, id, vid)
        .await?
        .ok_or(AppError::NotFound)?;
    let today = oslo_date(now());
    let e = terms::evaluate_stored(
        state,
        id,
        card.customer.industry_code.as_deref(),
        std::slice::from_ref(&v),
        today,
    )
    .await?
    .remove(0);
    let candidates = store::candidates(&state.db, vid).await?;
    offers::store::expire_overdue(&state.db, vid).await?;
    let offer_contacts = crate::contacts::store::list_for_customer(&state.db, id, false)
        .await?
        .into_iter()
        .filter_map(|c| {
            let email = c.email.filter(|e| !e.trim().is_empty())?;
            Some((c.id, format!("{} {} <{email}>", c.first_name, c.last_name)))
        })
        .collect();
    let contact = match v.contact_id {
        Some(c) => lookup::names(&state.db, id, Which::All)
            .await?
            .into_iter()
            .find(|(i, _)| *i == c)
            .map(|(_, n)| n),
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
    let found = if search.search.is_empty() || !card.can_edit {
        None
    } else {
        let free = (search.free == "1")
            .then(|| parse_date(&v.from_date))
            .flatten()
            .map(|from| (from, v.to_date.as_deref().and_then(parse_date)));
        let filter = Filter {
            q: search.q.trim().chars().take(200).collect(),
            skill: Some(search.skill.trim().to_string()).filter(|s| !s.is_empty()),
            place: Some(search.place.trim().to_string()).filter(|s| !s.is_empty()),
            free_between: free,
            page: 1,
            ..Default::default()
        };
        let found = worker_store::list(&state.db, &filter, today).await?;
        Some((
            found
                .rows
                .into_iter()
                .filter(|r| r.worker.status != "former" && r.worker.erased_at.is_none())
                .collect(),
            found.count,
        ))
    };
    let requested_by = match v.requested_by_contact_id {
        Some(c) => lookup::names(&state.db, id, Which::All)
            .await?
            .into_iter()
            .find(|(i, _)| *i == c)
            .map(|(_, n)| n),
        None => None,
    };
    let ads = crate::job_ads::store::for_vacancy(&state.db, vid).await?;
    let applications = crate::job_ads::store::applications_for_vacancy(&state.db, vid).await?;
    Ok(DetailView {
        lang: user.lang,
        chrome: Chrome::new(user, "customers"),
        saved: search.saved == "1",
        card,
        v,
        e,
        candidates,
        contact,
        consultant,
        search,
        found,
        refused: None,
        requested_by,
        ad_channels: crate::job_ads::page::compact_channels(state, user.lang, &ads).await?,
        ads,
        applications,
        offers: offers::store::for_vacancy(&state.db, vid).await?,
        offer: OfferTyped::default(),
        offer_contacts,
        email_configured: crate::dialog::outbox::email_configured(&state.config),
        offer_language: offers::pages::suggested_language(state, id).await?,
        offer_valid_default: crate::timefmt::date_text(
            today + time::Duration::days(OFFER_VALID_DAYS),
        ),
    })
}

/// GET /customers/{id}/vacancies/{vid}
#[tracing::instrument(skip_all, fields(user = user.id, customer = id, vacancy = vid))]
pub async fn show(
    State(state): State<AppState>,
    user: Staff,
    Path((id, vid)): Path<(i64, i64)>,
    Query(search): Query<SearchParams>,
) -> Result<DetailView> {
    build(&state, &user, id, vid, search).await
}

/// The page again with why a move was refused (409).
async fn refused(state: &AppState, user: &Staff, id: i64, vid: i64, why: Msg) -> Result<Response> {
    let mut page = build(state, user, id, vid, SearchParams::default()).await?;
    page.refused = Some(why.render(user.lang));
    Ok((StatusCode::CONFLICT, page).into_response())
}

/// The card (for changes) and the vacancy.
async fn load(state: &AppState, user: &Staff, id: i64, vid: i64) -> Result<Vacancy> {
    Ok(load_with_card(state, user, id, vid).await?.1)
}

/// The card, for changes (404 out of the user's sight, 403 without the right), and the vacancy.
pub(super) async fn load_with_card(
    state: &AppState,
    user: &Staff,
    id: i64,
    vid: i64,
) -> Result<(CardHead, Vacancy)> {
    let card = CardHead::load_editable(state, user, id, "assignments").await?;
    let v = store::get(&state.db, id, vid)
        .await?
        .ok_or(AppError::NotFound)?;
    Ok((card, v))
}

/// Turns a refusal of the store into the page with its reason; other errors pass.
async fn or_refused(
    state: &AppState,
    user: &Staff,
    id: i64,
    vid: i64,
    r: Result<Response>,
) -> Result<Response> {
    match r {
        Err(AppError::Conflict(why)) => refused(state, user, id, vid, why).await,
        other => other,
    }
}

#[derive(Deserialize)]
pub struct StatusForm {
    /// `cancel` or `reopen`.
    action: String,
}

/// POST /customers/{id}/vacancies/{vid}/status
#[tracing::instrument(skip_all, fields(user = user.id, customer = id, vacancy = vid))]
pub async fn change_status(
    State(state): State<AppState>,
    user: Staff,
    Path((id, vid)): Path<(i64, i64)>,
    Form(form): Form<StatusForm>,
) -> Result<Response> {
    let v = load(&state, &user, id, vid).await?;
    let cancel = match form.action.as_str() {
        "cancel" => true,
        "reopen" => false,
        _ => return Err(AppError::BadRequest(Msg::new("form-malformed"))),
    };
    let r: Result<Response> = async {
        let mut tx = state.db.begin().await?;
        store::cancel_or_reopen(&mut tx, user.id, &v, cancel).await?;
        tx.commit().await?;
        Ok(Redirect::to(&format!("/customers/{id}/vacancies/{vid}")).into_response())
    }
    .await;
    or_refused(&state, &user, id, vid, r).await
}

#[derive(Deserialize)]
pub struct AddForm {
    worker_id: String,
}

/// POST /customers/{id}/vacancies/{vid}/candidates
#[tracing::instrument(skip_all, fields(user = user.id, customer = id, vacancy = vid))]
pub async fn add_candidate(
    State(state): State<AppState>,
    user: Staff,
    Path((id, vid)): Path<(i64, i64)>,
    Form(form): Form<AddForm>,
) -> Result<Response> {
    let v = load(&state, &user, id, vid).await?;
    if v.status() == Status::Cancelled {
        return refused(&state, &user, id, vid, Msg::new("vacancy-closed")).await;
    }
    let worker_id: i64 = form
        .worker_id
        .trim()
        .parse()
        .map_err(|_| AppError::BadRequest(Msg::new("form-malformed")))?;
    let r: Result<Response> = async {
        let mut tx = state.db.begin().await?;
        store::add_candidate(&mut tx, user.id, &v, worker_id).await?;
        tx.commit().await?;
        Ok(Redirect::to(&format!("/customers/{id}/vacancies/{vid}#candidates")).into_response())
    }
    .await;
    or_refused(&state, &user, id, vid, r).await
}

#[derive(Deserialize)]
pub struct StageForm {
    stage: String,
}

async fn candidate(state: &AppState, vid: i64, cid: i64) -> Result<Candidate> {
    store::candidate(&state.db, vid, cid)
        .await?
        .ok_or(AppError::NotFound)
}

/// POST /customers/{id}/vacancies/{vid}/candidates/{cid}/stage
#[tracing::instrument(skip_all, fields(user = user.id, customer = id, vacancy = vid, candidate = cid))]
pub async fn move_stage(
    State(state): State<AppState>,
    user: Staff,
    Path((id, vid, cid)): Path<(i64, i64, i64)>,
    Form(form): Form<StageForm>,
) -> Result<Response> {
    let v = load(&state, &user, id, vid).await?;
    let c = candidate(&state, vid, cid).await?;
    let stage = Stage::parse(&form.stage)
        .ok_or_else(|| AppError::BadRequest(Msg::new("form-malformed")))?;
    let r: Result<Response> = async {
        let mut tx = state.db.begin().await?;
        store::move_stage(&mut tx, user.id, &v, &c, stage).await?;
        tx.commit().await?;
        Ok(Redirect::to(&format!("/customers/{id}/vacancies/{vid}#candidates")).into_response())
    }
    .await;
    or_refused(&state, &user, id, vid, r).await
}

/// POST /customers/{id}/vacancies/{vid}/candidates/{cid}/assignment: the assignment of an
/// accepted candidate with every term of the vacancy, then its page to confirm or adjust.
#[tracing::instrument(skip_all, fields(user = user.id, customer = id, vacancy = vid, candidate = cid))]
pub async fn make_assignment(
    State(state): State<AppState>,
    user: Staff,
    Path((id, vid, cid)): Path<(i64, i64, i64)>,
) -> Result<Response> {
    let v = load(&state, &user, id, vid).await?;
    let c = candidate(&state, vid, cid).await?;
    let data = match terms::for_worker(&state, &v, c.worker_id).await? {
        Ok(d) => d,
        Err(_) => {
            return refused(&state, &user, id, vid, Msg::new("vacancy-terms-invalid")).await;
        }
    };
    let r: Result<Response> = async {
        let mut tx = state.db.begin().await?;
        let aid = store::make_assignment(&mut tx, user.id, &v, &c, &data).await?;
        tx.commit().await?;
        Ok(Redirect::to(&format!(
            "/customers/{id}/assignments/{aid}?from_vacancy={vid}"
        ))
        .into_response())
    }
    .await;
    or_refused(&state, &user, id, vid, r).await
}
