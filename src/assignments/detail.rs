//! One assignment: its terms, the compliance light with its reasons, the margin, and the moves
//! between statuses — activate (refused while the light is red), extend, end early, cancel.

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
    evaluate::{Evaluation, Subject, evaluate_all},
    form::CheckView,
    moves,
    store::{self, Assignment, terms::Terms},
    tab::period_text,
};
use crate::{
    AppError, AppState, Result,
    auth::Staff,
    contacts::lookup::{self, Which},
    customers::card::CardHead,
    error::Msg,
    i18n::Lang,
    money::format_kr,
    timefmt::{
        now,
        when::{date_string, oslo_date},
    },
    web::Chrome,
};

#[derive(Template, WebTemplate)]
#[template(path = "assignments/detail.html")]
pub struct DetailView {
    lang: Lang,
    chrome: Chrome,
    card: CardHead,
    a: Assignment,
    e: Evaluation,
    approvers: Vec<String>,
    /// The hirer's terms for the position and who confirmed them last (staff or the
    /// customer's contact in the portal).
    terms: Option<(Terms, String)>,
    saved: bool,
    /// Why the last move was refused, in the user's language.
    refused: Option<String>,
    /// What happened to the confirmation just sent, in the user's language.
    confirmed: Option<String>,
    email_configured: bool,
    today: String,
    /// The vacancy the assignment was just made from.
    from_vacancy: Option<i64>,
}

impl DetailView {
    fn period(&self) -> String {
        period_text(self.lang, &self.a)
    }
    fn status_label(&self) -> String {
        self.lang.t(&format!("assignment-status-{}", self.a.status))
    }
    fn check_html(&self) -> String {
        CheckView::of(self.lang, &self.e)
            .render()
            .unwrap_or_default()
    }
    fn kr(&self, ore: &i64) -> String {
        format!("{} kr", format_kr(*ore))
    }
    fn hours(&self) -> String {
        crate::timefmt::hours_text(self.a.hours_per_week_minutes)
    }
    fn overtime(&self) -> Vec<(i64, String, String)> {
        self.a
            .overtime_rates()
            .iter()
            .map(|o| (o.percent, self.kr(&o.bill_ore), self.kr(&o.pay_ore)))
            .collect()
    }
    fn allowances(&self) -> Vec<super::allowance_view::Line> {
        super::allowance_view::lines(self.lang, &self.a.allowances())
    }
    fn basis(&self) -> String {
        match &self.a.legal_basis {
            Some(b) => self.lang.t(&format!("legal-basis-{b}")),
            None => self.lang.t("assignment-legal-basis-none"),
        }
    }
    fn terms_confirmed(&self, t: &Terms, by: &str) -> String {
        let date = crate::timefmt::when::parse_date(&t.confirmed_on)
            .map(crate::timefmt::date_text)
            .unwrap_or_default();
        self.lang.t_with(
            "assignment-equal-confirmed-by",
            &[("date", date), ("who", by.to_string())],
        )
    }
    fn can_activate(&self) -> bool {
        self.a.status == "planned"
    }
    fn is_open(&self) -> bool {
        matches!(self.a.status.as_str(), "planned" | "active")
    }
}

async fn load(state: &AppState, user: &Staff, id: i64, aid: i64) -> Result<DetailView> {
    let card = CardHead::load(state, user, id, "assignments").await?;
    let a = store::get(&state.db, id, aid)
        .await?
        .ok_or(AppError::NotFound)?;
    let (costs, rules) = store::settings(&state.db).await?;
    let today = oslo_date(now());
    let e = evaluate_all(
        &state.db,
        id,
        card.customer.industry_code.as_deref(),
        &[Subject::of(&a, today)],
        &costs,
        &rules,
        today,
    )
    .await?
    .remove(0);
    // The default last day when ending early: today, or the start if that is later.
    let default_end =
        crate::timefmt::when::parse_date(&a.from_date).map_or(today, |f| f.max(today));
    let names = lookup::names(&state.db, id, Which::All).await?;
    let approvers = [a.approver_contact_id, a.second_approver_contact_id]
        .into_iter()
        .flatten()
        .filter_map(|c| names.iter().find(|(i, _)| *i == c).map(|(_, n)| n.clone()))
        .collect();
    let terms = match a.equal_terms_id {
        Some(t) => store::terms::get(&state.db, t).await?.map(|t| {
            let by = match (&t.confirmed_by_user, t.confirmed_by_contact_id) {
                (_, Some(c)) => names
                    .iter()
                    .find(|(i, _)| *i == c)
                    .map(|(_, n)| {
                        user.lang
                            .t_with("assignment-equal-by-contact", &[("name", n.clone())])
                    })
                    .unwrap_or_else(|| user.lang.t("assignment-equal-by-portal")),
                (Some(u), None) => u.clone(),
                (None, None) => user.lang.t("history-system"),
            };
            (t, by)
        }),
        None => None,
    };
    Ok(DetailView {
        lang: user.lang,
        chrome: Chrome::new(user, "customers"),
        card,
        a,
        e,
        approvers,
        terms,
        saved: false,
        refused: None,
        confirmed: None,
        email_configured: crate::dialog::outbox::email_configured(&state.config),
        today: date_string(default_end),
        from_vacancy: None,
    })
}

#[derive(Deserialize, Default)]
pub struct ShowParams {
    saved: Option<String>,
    /// Made from this vacancy just now ("make assignment"): say so, and link back.
    from_vacancy: Option<i64>,
}

/// GET /customers/{id}/assignments/{aid}
#[tracing::instrument(skip_all, fields(user = user.id, customer = id, assignment = aid))]
pub async fn show(
    State(state): State<AppState>,
    user: Staff,
    Path((id, aid)): Path<(i64, i64)>,
    Query(p): Query<ShowParams>,
) -> Result<DetailView> {
    let mut view = load(&state, &user, id, aid).await?;
    view.saved = p.saved.is_some();
    view.from_vacancy = p.from_vacancy;
    Ok(view)
}

#[derive(Deserialize, Default)]
pub struct MoveForm {
    /// `activate`, `extend`, `end` or `cancel`.
    #[serde(default)]
    action: String,
    /// The new end date for `extend` and `end` (`YYYY-MM-DD`; empty: open end when extending).
    #[serde(default)]
    to_date: String,
}

/// POST /customers/{id}/assignments/{aid}/status
#[tracing::instrument(skip_all, fields(user = user.id, customer = id, assignment = aid))]
pub async fn change_status(
    State(state): State<AppState>,
    user: Staff,
    Path((id, aid)): Path<(i64, i64)>,
    Form(form): Form<MoveForm>,
) -> Result<Response> {
    let mut view = load(&state, &user, id, aid).await?;
    if !view.card.can_edit {
        return Err(AppError::Forbidden);
    }
    let mut tx = state.db.begin().await?;
    let a = view.a.clone();
    if let Err(key) = moves::perform(
        &mut tx,
        user.id,
        &a,
        view.e.light,
        &form.action,
        &form.to_date,
    )
    .await?
    {
        view.refused = Some(Msg::new(key).render(view.lang));
        return Ok((StatusCode::CONFLICT, view).into_response());
    }
    tx.commit().await?;
    Ok(Redirect::to(&format!("/customers/{id}/assignments/{aid}?saved=1")).into_response())
}

/// POST /customers/{id}/assignments/{aid}/confirm: the confirmation to the worker and approvers.
#[tracing::instrument(skip_all, fields(user = user.id, customer = id, assignment = aid))]
pub async fn confirm(
    State(state): State<AppState>,
    user: Staff,
    Path((id, aid)): Path<(i64, i64)>,
) -> Result<DetailView> {
    let mut view = load(&state, &user, id, aid).await?;
    if !view.card.can_edit {
        return Err(AppError::Forbidden);
    }
    if !view.is_open() {
        return Err(AppError::Conflict(Msg::new("assignment-closed")));
    }
    let period = view.period();
    let mut tx = state.db.begin().await?;
    let sent = super::confirm::send(
        &mut tx,
        &state.db,
        user.id,
        &view.card.customer.name,
        &view.a,
        &period,
    )
    .await?;
    tx.commit().await?;
    state.jobs.wake();
    view.confirmed = Some(if !sent.worker && sent.approvers == 0 {
        view.lang.t("assignment-confirm-nobody")
    } else {
        view.lang.t_with(
            "assignment-confirm-sent",
            &[
                ("worker", if sent.worker { "yes" } else { "no" }.to_string()),
                ("count", sent.approvers.to_string()),
            ],
        )
    });
    Ok(view)
}
