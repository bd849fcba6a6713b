//! The approvers' page in the customer portal (with the *approve timesheets* right):
//! `GET /portal/timesheets` lists the sheets waiting for the contact ([`super::portal`]),
//! exceptions first, one by one with what differs from the plan; the sheets that match the plan
//! are grouped and approved with one button. Approving and rejecting go through the store's
//! life cycle with `Actor::Contact` (the store checks the contact is an approver: 403 if not);
//! a sheet of another company is "not found". Approvers never edit hours. A sheet changed
//! meanwhile (withdrawn, approved by someone else) is told plainly, and nothing else is lost.

use std::borrow::Borrow;

use askama::Template;
use askama_web::WebTemplate;
use axum::{
    extract::{Path, Query, State},
    http::StatusCode,
    response::{IntoResponse, Redirect, Response},
};
use axum_extra::extract::Form;
use serde::Deserialize;

use super::{
    portal::{self, Difference, Pending},
    store::{self, Actor, By, Via},
};
use crate::{
    AppError, AppState, Result,
    contacts::model::Right,
    error::{FieldErrors, Msg},
    i18n::Lang,
    money::format_kr,
    portal::session::PortalUser,
    timefmt::{date_text, hours_text, when::parse_date},
    web::{client_ip::ClientIp, form::field_messages},
};

#[derive(Template, WebTemplate)]
#[template(path = "portal/timesheets.html")]
pub struct ApprovalPage {
    lang: Lang,
    me: PortalUser,
    /// The sheets that differ from the plan, one by one.
    exceptions: Vec<Pending>,
    /// The sheets that match the plan, approved together.
    matching: Vec<Pending>,
    /// The sheet whose rejection was refused, the comment typed, and why.
    refused: Option<(i64, String, FieldErrors)>,
    /// Said at the top: what was done, or why not.
    notice: Option<String>,
    conflict: bool,
}

impl ApprovalPage {
    fn kr(&self, ore: impl Borrow<i64>) -> String {
        format_kr(*ore.borrow())
    }
    fn hours(&self, minutes: impl Borrow<i64>) -> String {
        hours_text(*minutes.borrow())
    }
    fn matching_heading(&self) -> String {
        let n = i64::try_from(self.matching.len()).unwrap_or(i64::MAX);
        self.lang.t_count("portal-timesheets-matching", n)
    }
    fn period(&self, p: &Pending) -> String {
        period_text(p)
    }
    fn difference(&self, d: &Difference) -> String {
        difference_text(self.lang, d)
    }
    fn comment(&self, p: &Pending) -> String {
        match &self.refused {
            Some((id, typed, _)) if *id == p.id => typed.clone(),
            _ => String::new(),
        }
    }
    fn errs(&self, p: &Pending) -> Vec<String> {
        match &self.refused {
            Some((id, _, e)) if *id == p.id => field_messages(e, self.lang, "comment"),
            _ => Vec::new(),
        }
    }
    fn matching_total(&self) -> i64 {
        self.matching.iter().map(Pending::total_ore).sum()
    }
}

/// A pending sheet's period: `07.12.2026 – 13.12.2026`.
pub(crate) fn period_text(p: &Pending) -> String {
    let d = |s: &str| parse_date(s).map(date_text).unwrap_or_default();
    format!("{} – {}", d(&p.period_start), d(&p.period_end))
}

/// What differs from the plan, in words.
pub(crate) fn difference_text(lang: Lang, d: &Difference) -> String {
    let day = |date: &time::Date| date_text(*date);
    match d {
        Difference::Overtime(m) => lang.t_with(
            "portal-timesheet-diff-overtime",
            &[("hours", hours_text(*m))],
        ),
        Difference::Missing(date) => {
            lang.t_with("portal-timesheet-diff-missing", &[("date", day(date))])
        }
        Difference::Extra(date) => {
            lang.t_with("portal-timesheet-diff-extra", &[("date", day(date))])
        }
        Difference::Changed(date) => {
            lang.t_with("portal-timesheet-diff-changed", &[("date", day(date))])
        }
        Difference::Units => lang.t("portal-timesheet-diff-units"),
    }
}

async fn view(state: &AppState, me: PortalUser) -> Result<ApprovalPage> {
    let (matching, exceptions) = portal::pending(&state.db, me.customer_id, me.contact_id)
        .await?
        .into_iter()
        .partition(Pending::matches);
    Ok(ApprovalPage {
        lang: me.lang,
        me,
        exceptions,
        matching,
        refused: None,
        notice: None,
        conflict: false,
    })
}

/// The page again with a plain message that the sheet changed meanwhile (409): when the sheet
/// `tid` no longer waits (withdrawn, decided), its status now in the contact's language.
async fn conflicted(
    state: &AppState,
    me: PortalUser,
    tid: Option<i64>,
    msg: &Msg,
) -> Result<Response> {
    let lang = me.lang;
    let now = match tid {
        Some(id) => store::get(&state.db, id).await?,
        None => None,
    };
    let text = match now {
        Some(s) if s.status() != store::Status::Submitted => lang.t_with(
            "portal-timesheets-gone",
            &[("status", lang.t(&format!("timesheet-status-{}", s.status)))],
        ),
        _ => msg.render(lang),
    };
    let mut page = view(state, me).await?;
    page.notice = Some(format!("{text} {}", lang.t("portal-timesheets-conflict")));
    page.conflict = true;
    Ok((StatusCode::CONFLICT, page).into_response())
}

/// The contact's own company's sheet, or "not found".
async fn own(state: &AppState, me: &PortalUser, id: i64) -> Result<()> {
    me.require(Right::ApproveTimesheets)?;
    if portal::of_company(&state.db, me.customer_id, id).await? {
        Ok(())
    } else {
        Err(AppError::NotFound)
    }
}

fn by(me: &PortalUser, ip: std::net::IpAddr) -> By {
    By {
        actor: Actor::Contact(me.contact_id),
        via: Via::Page,
        ip: Some(ip.to_string()),
    }
}

#[derive(Deserialize, Default)]
pub struct PageParams {
    approved: Option<i64>,
    rejected: Option<String>,
}

/// GET /portal/timesheets
#[tracing::instrument(skip_all, fields(customer_id = me.customer_id, contact_id = me.contact_id))]
pub async fn page(
    State(state): State<AppState>,
    me: PortalUser,
    Query(p): Query<PageParams>,
) -> Result<ApprovalPage> {
    me.require(Right::ApproveTimesheets)?;
    let lang = me.lang;
    let mut page = view(&state, me).await?;
    if let Some(n) = p.approved {
        page.notice = Some(lang.t_count("portal-timesheets-approved", n));
    } else if p.rejected.is_some() {
        page.notice = Some(lang.t("portal-timesheets-rejected"));
    }
    Ok(page)
}

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default)]
pub struct DecisionForm {
    pub version: i64,
    pub comment: String,
}

/// POST /portal/timesheets/{tid}/approve
#[tracing::instrument(skip_all, fields(customer_id = me.customer_id, contact_id = me.contact_id, sheet = tid))]
pub async fn approve(
    State(state): State<AppState>,
    me: PortalUser,
    ClientIp(ip): ClientIp,
    Path(tid): Path<i64>,
    Form(form): Form<DecisionForm>,
) -> Result<Response> {
    own(&state, &me, tid).await?;
    let mut tx = state.db.begin().await?;
    match store::approve(&mut tx, tid, form.version, &by(&me, ip)).await {
        Ok(_) => {
            tx.commit().await?;
            Ok(Redirect::to("/portal/timesheets?approved=1").into_response())
        }
        Err(AppError::Conflict(msg)) => {
            drop(tx);
            conflicted(&state, me, Some(tid), &msg).await
        }
        Err(e) => Err(e),
    }
}

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default)]
pub struct AllForm {
    /// `id:version` of each sheet shown as matching.
    pub sheet: Vec<String>,
}

/// POST /portal/timesheets/approve: every sheet shown as matching the plan, each at the version
/// shown and only while it still matches; the others are left and told about.
#[tracing::instrument(skip_all, fields(customer_id = me.customer_id, contact_id = me.contact_id))]
pub async fn approve_matching(
    State(state): State<AppState>,
    me: PortalUser,
    ClientIp(ip): ClientIp,
    Form(form): Form<AllForm>,
) -> Result<Response> {
    me.require(Right::ApproveTimesheets)?;
    let now_matching: Vec<(i64, i64)> = portal::pending(&state.db, me.customer_id, me.contact_id)
        .await?
        .into_iter()
        .filter(Pending::matches)
        .map(|p| (p.id, p.version))
        .collect();
    let shown: Vec<(i64, i64)> = form
        .sheet
        .iter()
        .filter_map(|s| {
            let (id, v) = s.split_once(':')?;
            Some((id.parse().ok()?, v.parse().ok()?))
        })
        .collect();
    let by = by(&me, ip);
    let mut tx = state.db.begin().await?;
    let mut approved = 0;
    let mut missed = 0;
    for (id, version) in shown {
        if !now_matching.contains(&(id, version)) {
            missed += 1;
            continue;
        }
        match store::approve(&mut tx, id, version, &by).await {
            Ok(_) => approved += 1,
            Err(AppError::Conflict(_)) => missed += 1,
            Err(e) => return Err(e),
        }
    }
    tx.commit().await?;
    if missed > 0 {
        let msg = Msg::new("portal-timesheets-some-changed")
            .arg("approved", approved)
            .arg("count", missed);
        return conflicted(&state, me, None, &msg).await;
    }
    Ok(Redirect::to(&format!("/portal/timesheets?approved={approved}")).into_response())
}

/// POST /portal/timesheets/{tid}/reject: with a comment (required).
#[tracing::instrument(skip_all, fields(customer_id = me.customer_id, contact_id = me.contact_id, sheet = tid))]
pub async fn reject(
    State(state): State<AppState>,
    me: PortalUser,
    ClientIp(ip): ClientIp,
    Path(tid): Path<i64>,
    Form(form): Form<DecisionForm>,
) -> Result<Response> {
    own(&state, &me, tid).await?;
    let mut tx = state.db.begin().await?;
    match store::reject(&mut tx, tid, form.version, &form.comment, &by(&me, ip)).await {
        Ok(_) => {
            tx.commit().await?;
            Ok(Redirect::to("/portal/timesheets?rejected=1").into_response())
        }
        Err(AppError::Invalid(errors)) => {
            drop(tx);
            let mut page = view(&state, me).await?;
            page.refused = Some((tid, form.comment, errors));
            Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response())
        }
        Err(AppError::Conflict(msg)) => {
            drop(tx);
            conflicted(&state, me, Some(tid), &msg).await
        }
        Err(e) => Err(e),
    }
}
