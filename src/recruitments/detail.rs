//! One recruitment's page: its terms, the pipeline board (columns by stage; the moves are in
//! [`super::board`]), the worker search to add candidates, the hire and "the person left" forms
//! ([`super::placement`]) and the guarantee's consequence offered once it was reopened. The
//! helpers the moves share (the page again with a refusal or what was typed) are here.

use askama::Template;
use askama_web::WebTemplate;
use axum::{
    extract::{Path, Query, State},
    http::StatusCode,
    response::{IntoResponse, Redirect, Response},
};
use serde::Deserialize;

use super::{
    model::{Consequence, Fee, Stage, Status, credit_ore},
    store::{self, Recruitment, RecruitmentCandidate},
};
use crate::{
    AppError, AppState, Result,
    auth::Staff,
    contacts::lookup::{self, Which},
    customers::card::CardHead,
    error::Msg,
    i18n::Lang,
    invoices::{self, access::may_finance},
    money::{format_kr, format_share, input_kr},
    timefmt::{
        date_text, now, oslo_datetime,
        when::{oslo_date, parse_date},
    },
    web::Chrome,
    workers::store::{self as worker_store, Filter, ListRow},
};

/// The worker search on the page, as typed.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default)]
pub struct SearchParams {
    pub q: String,
    pub skill: String,
    pub place: String,
    /// `1`: the search was sent (so an empty one lists everyone).
    pub search: String,
    pub saved: String,
    /// `1`: the fee invoice was made just now.
    pub invoiced: String,
}

/// What was typed into one of the page's small forms that came back refused.
#[derive(Clone, Debug, Default)]
pub struct Typed {
    pub hire_candidate: String,
    pub hire_start: String,
    pub left_date: String,
    pub interview_candidate: i64,
    pub interview_when: String,
    /// The field and the message.
    pub error: Option<(&'static str, String)>,
}

/// A column of the board.
pub struct Column {
    pub stage: &'static str,
    pub label: String,
    pub movable: bool,
    pub cards: Vec<RecruitmentCandidate>,
}

/// The partial credit the guarantee offers.
pub enum CreditOffer {
    /// The fee invoice is issued: its credit page, with the amount filled in.
    Issued { href: String, amount: String },
    /// The fee invoice is still a draft: change it instead.
    Draft { invoice_id: i64, amount: String },
    /// There is no fee invoice (it was deleted).
    NoInvoice { amount: String },
}

#[derive(Template, WebTemplate)]
#[template(path = "recruitments/detail.html")]
pub struct DetailView {
    lang: Lang,
    chrome: Chrome,
    card: CardHead,
    r: Recruitment,
    columns: Vec<Column>,
    contact: Option<String>,
    consultant: Option<String>,
    hired_name: Option<String>,
    invoice: Option<(i64, String)>,
    credit: Option<CreditOffer>,
    may_finance: bool,
    search: SearchParams,
    found: Option<(Vec<ListRow>, worker_store::Count)>,
    typed: Typed,
    refused: Option<String>,
    /// The recruitment's job ads (`job_ads`), their external channels in one line each, and
    /// where their applicants came from: (source, count).
    ads: Vec<crate::job_ads::store::JobAd>,
    ad_channels: Vec<(i64, String)>,
    ad_sources: Vec<(String, i64)>,
}

impl DetailView {
    fn ad_status(&self, status: &str) -> String {
        self.lang.t(&format!("job-ad-status-{status}"))
    }
    fn source_label(&self, source: &str) -> String {
        crate::job_ads::page::source_label(self.lang, source)
    }
    fn base(&self) -> String {
        format!(
            "/customers/{}/recruitments/{}",
            self.card.customer.id, self.r.id
        )
    }
    fn status_label(&self) -> String {
        self.lang.t(&format!("rec-status-{}", self.r.status))
    }
    fn searching(&self) -> bool {
        self.r.status().is_searching()
    }
    fn can_move(&self) -> bool {
        self.card.can_edit && self.searching()
    }
    fn fee_text(&self) -> String {
        fee_text(self.lang, &self.r)
    }
    fn guarantee_text(&self) -> String {
        let months = self
            .lang
            .t_count("rec-guarantee-months-count", self.r.guarantee_months);
        let consequence = match self.r.consequence() {
            Consequence::Replacement => self.lang.t("rec-consequence-replacement"),
            Consequence::PartialCredit { bp } => self
                .lang
                .t_with("rec-consequence-credit-of", &[("share", format_share(bp))]),
        };
        match store::guarantee_end(&self.r) {
            Some(end) => format!(
                "{months} ({}) · {consequence}",
                self.lang
                    .t_with("rec-guarantee-until", &[("date", date_text(end))])
            ),
            None => format!("{months} · {consequence}"),
        }
    }
    fn date(&self, s: &Option<String>) -> String {
        s.as_deref()
            .and_then(parse_date)
            .map(date_text)
            .unwrap_or_default()
    }
    fn stage_label(&self, stage: &str) -> String {
        self.lang.t(&format!("rec-stage-{stage}"))
    }
    fn movable_stages(&self) -> Vec<(&'static str, String)> {
        Stage::ALL
            .iter()
            .filter(|s| s.is_movable())
            .map(|s| (s.as_str(), self.stage_label(s.as_str())))
            .collect()
    }
    fn hireable(&self) -> Vec<&RecruitmentCandidate> {
        self.columns
            .iter()
            .flat_map(|c| c.cards.iter())
            .filter(|c| !matches!(c.stage(), Stage::Hired | Stage::Rejected) && c.anonymised == 0)
            .collect()
    }
    fn is_candidate(&self, worker_id: &i64) -> bool {
        self.columns
            .iter()
            .any(|c| c.cards.iter().any(|c| c.worker_id == *worker_id))
    }
    /// How many workers match ("more than 1 000" past the count's bound, decision 0074).
    fn found_count(&self, count: &worker_store::Count) -> String {
        count.text(self.lang, "rec-search-found")
    }
    fn count(&self, col: &Column) -> String {
        col.cards.len().to_string()
    }
    fn err(&self, field: &str) -> Option<String> {
        self.typed
            .error
            .as_ref()
            .filter(|(f, _)| *f == field)
            .map(|(_, m)| m.clone())
    }
    fn is_hire_choice(&self, id: &i64) -> bool {
        self.typed.hire_candidate.trim() == id.to_string()
    }
    fn interview_value(&self, id: &i64) -> String {
        if self.typed.interview_candidate == *id {
            self.typed.interview_when.clone()
        } else {
            String::new()
        }
    }
    fn shown_left(&self) -> bool {
        self.card.can_edit && matches!(self.r.status(), Status::Hired | Status::Closed)
    }
    fn when(&self, ts: &i64) -> String {
        oslo_datetime(*ts)
    }
}

/// The fee as shown: `95 000,00 kr` or `15,0 % of 850 000,00 kr = 127 500,00 kr`.
pub fn fee_text(lang: Lang, r: &Recruitment) -> String {
    match r.fee() {
        Fee::Fixed { ore } => format!("{} kr", format_kr(ore)),
        f @ Fee::Percent {
            bp,
            annual_salary_ore,
        } => lang.t_with(
            "rec-fee-percent-text",
            &[
                ("share", format_share(bp)),
                ("salary", format_kr(annual_salary_ore)),
                ("fee", format_kr(f.amount_ore())),
            ],
        ),
    }
}

async fn build(
    state: &AppState,
    user: &Staff,
    id: i64,
    rid: i64,
    search: SearchParams,
) -> Result<DetailView> {
    let card = CardHead::load(state, user, id, "assignments").await?;
    let r = store::get(&state.db, id, rid)
        .await?
        .ok_or(AppError::NotFound)?;
    let all = store::candidates(&state.db, rid).await?;
    let columns = Stage::ALL
        .iter()
        .map(|s| Column {
            stage: s.as_str(),
            label: user.lang.t(&format!("rec-stage-{}", s.as_str())),
            movable: s.is_movable(),
            cards: all.iter().filter(|c| c.stage() == *s).cloned().collect(),
        })
        .collect();
    let contact = match r.contact_id {
        Some(c) => lookup::names(&state.db, id, Which::All)
            .await?
            .into_iter()
            .find(|(i, _)| *i == c)
            .map(|(_, n)| n),
        None => None,
    };
    let consultant = match r.consultant_id {
        Some(c) => crate::staff::users::active_names(&state.db)
            .await?
            .into_iter()
            .find(|(i, _)| *i == c)
            .map(|(_, n)| n),
        None => None,
    };
    let hired_name = all
        .iter()
        .find(|c| Some(c.worker_id) == r.hired_worker_id)
        .map(|c| c.worker_name.clone());
    let inv = match r.fee_invoice_id {
        Some(i) => invoices::store::get(&state.db, i).await?,
        None => None,
    };
    let invoice = inv
        .as_ref()
        .map(|i| (i.id, user.lang.t(&format!("rec-invoice-{}", i.status))));
    let credit = match (r.status(), r.consequence(), r.left_at.is_some()) {
        (Status::Reopened, Consequence::PartialCredit { bp }, true) => {
            let fee = match &inv {
                Some(i) if i.status == "issued" => i.line_net_ore.unwrap_or(0),
                _ => r.fee().amount_ore(),
            };
            let amount = credit_ore(fee, bp);
            Some(match &inv {
                Some(i) if i.status == "issued" => {
                    let query = serde_urlencoded::to_string([
                        ("scope", "amount".to_string()),
                        ("amount", input_kr(amount)),
                        ("vat", format!("S:{}", super::model::FEE_VAT_BP)),
                        (
                            "reason",
                            user.lang
                                .t_with("rec-credit-reason", &[("title", r.title.clone())]),
                        ),
                    ])
                    .unwrap_or_default();
                    CreditOffer::Issued {
                        href: format!("/invoices/{}/credit?{query}", i.id),
                        amount: format_kr(amount),
                    }
                }
                Some(i) => CreditOffer::Draft {
                    invoice_id: i.id,
                    amount: format_kr(amount),
                },
                None => CreditOffer::NoInvoice {
                    amount: format_kr(amount),
                },
            })
        }
        _ => None,
    };
    let found = if search.search.is_empty() || !card.can_edit || !r.status().is_searching() {
        None
    } else {
        let filter = Filter {
            q: search.q.trim().chars().take(200).collect(),
            skill: Some(search.skill.trim().to_string()).filter(|s| !s.is_empty()),
            place: Some(search.place.trim().to_string()).filter(|s| !s.is_empty()),
            page: 1,
            ..Default::default()
        };
        let found = worker_store::list(&state.db, &filter, oslo_date(now())).await?;
        Some((
            found
                .rows
                .into_iter()
                .filter(|r| r.worker.status != "former" && r.worker.erased_at.is_none())
                .collect(),
            found.count,
        ))
    };
    let ads = crate::job_ads::store::for_recruitment(&state.db, rid).await?;
    let ad_channels = crate::job_ads::page::compact_channels(state, user.lang, &ads).await?;
    let ad_sources = crate::job_ads::store::recruitment_sources(&state.db, rid).await?;
    Ok(DetailView {
        lang: user.lang,
        ads,
        ad_channels,
        ad_sources,
        chrome: Chrome::new(user, "customers"),
        may_finance: may_finance(user),
        card,
        r,
        columns,
        contact,
        consultant,
        hired_name,
        invoice,
        credit,
        search,
        found,
        typed: Typed::default(),
        refused: None,
    })
}

/// GET /customers/{id}/recruitments/{rid}
#[tracing::instrument(skip_all, fields(user = user.id, customer = id, recruitment = rid))]
pub async fn show(
    State(state): State<AppState>,
    user: Staff,
    Path((id, rid)): Path<(i64, i64)>,
    Query(search): Query<SearchParams>,
) -> Result<DetailView> {
    build(&state, &user, id, rid, search).await
}

/// The page again with why a move was refused (409), or what was typed and its error (422).
pub(super) async fn again(
    state: &AppState,
    user: &Staff,
    id: i64,
    rid: i64,
    status: StatusCode,
    refused: Option<Msg>,
    typed: Typed,
) -> Result<Response> {
    let mut page = build(state, user, id, rid, SearchParams::default()).await?;
    page.refused = refused.map(|m| m.render(user.lang));
    page.typed = typed;
    Ok((status, page).into_response())
}

/// The card (for changes) and the recruitment.
pub(super) async fn load(state: &AppState, user: &Staff, id: i64, rid: i64) -> Result<Recruitment> {
    CardHead::load_editable(state, user, id, "assignments").await?;
    store::get(&state.db, id, rid)
        .await?
        .ok_or(AppError::NotFound)
}

pub(super) async fn candidate(
    state: &AppState,
    rid: i64,
    cid: i64,
) -> Result<RecruitmentCandidate> {
    store::candidate(&state.db, rid, cid)
        .await?
        .ok_or(AppError::NotFound)
}

/// Turns a refusal of the store into the page with its reason; other errors pass.
pub(super) async fn or_refused(
    state: &AppState,
    user: &Staff,
    id: i64,
    rid: i64,
    r: Result<Response>,
) -> Result<Response> {
    match r {
        Err(AppError::Conflict(why)) => {
            again(
                state,
                user,
                id,
                rid,
                StatusCode::CONFLICT,
                Some(why),
                Typed::default(),
            )
            .await
        }
        other => other,
    }
}

pub(super) fn back(id: i64, rid: i64, anchor: &str) -> Response {
    Redirect::to(&format!("/customers/{id}/recruitments/{rid}{anchor}")).into_response()
}
