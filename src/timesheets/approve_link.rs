//! The page an approval link opens, without a log-in (decision 0018): `GET /approve/{token}`
//! shows the sheet — worker, period, day lines, normal hours and overtime, allowances, the cost
//! with VAT and what differs from the plan ([`super::portal`]) — and `POST
//! /approve/{token}/sheets/{tid}/approve` or `…/reject` (a comment required) decides it through
//! the store's life cycle as `Actor::Contact` via `Via::Link` with the client's address. Opening
//! may be repeated; deciding uses the link up in the same transaction. Refused plainly: an
//! unknown or forged token (404, saying nothing more), a used or expired link (410), another
//! sheet's id (403), a contact who is no longer the sheet's approver (403), a sheet that no
//! longer waits — withdrawn, decided, or already approved by them (409).

use std::borrow::Borrow;

use askama::Template;
use askama_web::WebTemplate;
use axum::{
    extract::{Path, State},
    http::StatusCode,
    response::{IntoResponse, Response},
};
use axum_extra::extract::Form;

use super::{
    approval::{DecisionForm, difference_text, period_text},
    line::clock_text,
    links::{self, Link},
    portal::{self, Difference, Pending},
    store::{self, Actor, By, LineRow, Status, Via, transition::Approval},
};
use crate::{
    AppError, AppState, Result,
    contacts::store as contacts,
    error::FieldErrors,
    i18n::Lang,
    money::format_kr,
    timefmt::{date_text, hours_text, when::parse_date},
    web::{ReqLang, client_ip::ClientIp, form::field_messages},
};

#[derive(Template, WebTemplate)]
#[template(path = "timesheets/approve_link.html")]
pub struct LinkPage {
    lang: Lang,
    token: String,
    /// The sheet to decide, with its day lines.
    sheet: Option<(Pending, Vec<LineRow>)>,
    /// The rejection's comment as typed, and why it was refused.
    comment: String,
    errors: Vec<String>,
    /// Why nothing was done (the sheet changed meanwhile).
    notice: Option<String>,
    /// What was done.
    done: Option<String>,
    /// The heading's key: the sheet to approve, or the decision made.
    heading: &'static str,
    /// Why the link cannot be used.
    refused: Option<String>,
}

impl LinkPage {
    fn new(lang: Lang, token: &str) -> Self {
        Self {
            lang,
            token: token.to_string(),
            sheet: None,
            comment: String::new(),
            errors: Vec::new(),
            notice: None,
            done: None,
            heading: "approve-link-title",
            refused: None,
        }
    }
    fn kr(&self, ore: impl Borrow<i64>) -> String {
        format_kr(*ore.borrow())
    }
    fn hours(&self, minutes: impl Borrow<i64>) -> String {
        hours_text(*minutes.borrow())
    }
    fn period(&self, p: &Pending) -> String {
        period_text(p)
    }
    fn difference(&self, d: &Difference) -> String {
        difference_text(self.lang, d)
    }
    fn day(&self, l: &LineRow) -> String {
        parse_date(&l.work_date)
            .map(date_text)
            .unwrap_or_else(|| l.work_date.clone())
    }
    fn times(&self, l: &LineRow) -> String {
        let clock = |m: i64| clock_text(u16::try_from(m).unwrap_or_default());
        format!("{}–{}", clock(l.start_minute), clock(l.end_minute))
    }
}

/// Why a link cannot be used.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Refusal {
    Unknown,
    Used,
    Expired,
    OtherSheet,
    NotApprover,
    /// The sheet no longer waits: its status now.
    Gone(String),
    ApprovedByYou,
}

fn refused(lang: Lang, token: &str, r: Refusal) -> Response {
    let (status, text) = match r {
        Refusal::Unknown => (StatusCode::NOT_FOUND, lang.t("approve-link-unknown")),
        Refusal::Used => (StatusCode::GONE, lang.t("approve-link-used")),
        Refusal::Expired => (StatusCode::GONE, lang.t("approve-link-expired")),
        Refusal::OtherSheet => (StatusCode::FORBIDDEN, lang.t("approve-link-other-sheet")),
        Refusal::NotApprover => (StatusCode::FORBIDDEN, lang.t("approve-link-not-approver")),
        Refusal::Gone(status) => (
            StatusCode::CONFLICT,
            lang.t_with(
                "approve-link-gone",
                &[("status", lang.t(&format!("timesheet-status-{status}")))],
            ),
        ),
        Refusal::ApprovedByYou => (StatusCode::CONFLICT, lang.t("timesheet-approved-by-you")),
    };
    let mut page = LinkPage::new(lang, token);
    page.refused = Some(text);
    (status, page).into_response()
}

/// The link's approver and the sheet waiting for them, or why not.
async fn open(state: &AppState, token: &str) -> Result<std::result::Result<Opened, Refusal>> {
    let (sheet_id, contact_id) = match links::find(&state.db, token).await? {
        Link::Valid {
            sheet_id,
            contact_id,
        } => (sheet_id, contact_id),
        Link::Used => return Ok(Err(Refusal::Used)),
        Link::Expired => return Ok(Err(Refusal::Expired)),
        Link::Unknown => return Ok(Err(Refusal::Unknown)),
    };
    let Some(contact) = contacts::get_any(&state.db, contact_id)
        .await?
        .filter(|c| c.active == 1)
    else {
        return Ok(Err(Refusal::NotApprover));
    };
    if let Some(p) =
        portal::pending_one(&state.db, contact.customer_id, contact_id, sheet_id).await?
    {
        let lines = store::detail(&state.db, sheet_id)
            .await?
            .map(|d| d.lines)
            .unwrap_or_default();
        return Ok(Ok(Opened {
            contact_id,
            pending: p,
            lines,
        }));
    }
    let Some(sheet) = store::get(&state.db, sheet_id).await? else {
        return Ok(Err(Refusal::Unknown));
    };
    Ok(Err(if sheet.status() != Status::Submitted {
        Refusal::Gone(sheet.status)
    } else if sheet.first_approved_by_contact_id == Some(contact_id) {
        Refusal::ApprovedByYou
    } else {
        Refusal::NotApprover
    }))
}

struct Opened {
    contact_id: i64,
    pending: Pending,
    lines: Vec<LineRow>,
}

fn sheet_page(lang: Lang, token: &str, o: Opened) -> LinkPage {
    let mut page = LinkPage::new(lang, token);
    page.sheet = Some((o.pending, o.lines));
    page
}

/// GET /approve/{token}
#[tracing::instrument(skip_all)]
pub async fn page(
    State(state): State<AppState>,
    ReqLang(lang): ReqLang,
    Path(token): Path<String>,
) -> Result<Response> {
    Ok(match open(&state, &token).await? {
        Ok(o) => sheet_page(lang, &token, o).into_response(),
        Err(r) => refused(lang, &token, r),
    })
}

/// The decision a POST asks for.
enum Decision {
    Approve,
    Reject(String),
}

async fn decide(
    state: &AppState,
    lang: Lang,
    ip: std::net::IpAddr,
    token: &str,
    tid: i64,
    form: DecisionForm,
    decision: Decision,
) -> Result<Response> {
    let o = match open(state, token).await? {
        Ok(o) => o,
        Err(r) => return Ok(refused(lang, token, r)),
    };
    if o.pending.id != tid {
        return Ok(refused(lang, token, Refusal::OtherSheet));
    }
    let by = By {
        actor: Actor::Contact(o.contact_id),
        via: Via::Link,
        ip: Some(ip.to_string()),
    };
    let what = format!("{}, {}", o.pending.worker_name, period_text(&o.pending));
    let mut tx = state.db.begin().await?;
    if !links::use_up(&mut tx, token, tid).await? {
        // Used or expired between opening and deciding.
        drop(tx);
        let r = match links::find(&state.db, token).await? {
            Link::Expired => Refusal::Expired,
            _ => Refusal::Used,
        };
        return Ok(refused(lang, token, r));
    }
    let result =
        match &decision {
            Decision::Approve => store::approve(&mut tx, tid, form.version, &by)
                .await
                .map(|a| match a {
                    Approval::First { .. } => "approve-link-first-approved",
                    Approval::Approved { .. } => "approve-link-approved",
                }),
            Decision::Reject(comment) => store::reject(&mut tx, tid, form.version, comment, &by)
                .await
                .map(|_| "approve-link-rejected"),
        };
    match result {
        Ok(key) => {
            tx.commit().await?;
            let mut page = LinkPage::new(lang, token);
            page.done = Some(lang.t_with(key, &[("sheet", what)]));
            page.heading = match key {
                "approve-link-rejected" => "approve-link-heading-rejected",
                "approve-link-first-approved" => "approve-link-heading-first-approved",
                _ => "approve-link-heading-approved",
            };
            Ok(page.into_response())
        }
        Err(AppError::Invalid(errors)) => {
            drop(tx);
            Ok(again(state, lang, token, &form, Some(errors), None).await?)
        }
        Err(AppError::Conflict(msg)) => {
            drop(tx);
            let text = format!(
                "{} {}",
                msg.render(lang),
                lang.t("portal-timesheets-conflict")
            );
            Ok(again(state, lang, token, &form, None, Some(text)).await?)
        }
        Err(AppError::Forbidden) => Ok(refused(lang, token, Refusal::NotApprover)),
        Err(e) => Err(e),
    }
}

/// The sheet again after a refused decision, with what was typed: 422 for a missing comment,
/// 409 when the sheet changed meanwhile (or the refusal when it no longer waits).
async fn again(
    state: &AppState,
    lang: Lang,
    token: &str,
    form: &DecisionForm,
    errors: Option<FieldErrors>,
    notice: Option<String>,
) -> Result<Response> {
    let o = match open(state, token).await? {
        Ok(o) => o,
        Err(r) => return Ok(refused(lang, token, r)),
    };
    let mut page = sheet_page(lang, token, o);
    page.comment = form.comment.clone();
    let status = match errors {
        Some(e) => {
            page.errors = field_messages(&e, lang, "comment");
            StatusCode::UNPROCESSABLE_ENTITY
        }
        None => StatusCode::CONFLICT,
    };
    page.notice = notice;
    Ok((status, page).into_response())
}

/// POST /approve/{token}/sheets/{tid}/approve
#[tracing::instrument(skip_all, fields(sheet = tid))]
pub async fn approve(
    State(state): State<AppState>,
    ReqLang(lang): ReqLang,
    ClientIp(ip): ClientIp,
    Path((token, tid)): Path<(String, i64)>,
    Form(form): Form<DecisionForm>,
) -> Result<Response> {
    decide(&state, lang, ip, &token, tid, form, Decision::Approve).await
}

/// POST /approve/{token}/sheets/{tid}/reject: with a comment (required).
#[tracing::instrument(skip_all, fields(sheet = tid))]
pub async fn reject(
    State(state): State<AppState>,
    ReqLang(lang): ReqLang,
    ClientIp(ip): ClientIp,
    Path((token, tid)): Path<(String, i64)>,
    Form(form): Form<DecisionForm>,
) -> Result<Response> {
    let comment = form.comment.clone();
    decide(
        &state,
        lang,
        ip,
        &token,
        tid,
        form,
        Decision::Reject(comment),
    )
    .await
}
