//! A run's page (decision 0034): `/invoices/run/{id}` shows the progress of its drafts or of
//! issuing them (a `<progress>` that htmx polls every second through
//! `/invoices/run/{id}/progress`; without JavaScript the page refreshes itself and has a reload
//! link), then the result: the drafts made or the invoices issued, the customers left out for
//! red problems, and each failure with its reason and a link. `/invoices/run/{id}/issue` is the
//! confirm step (how many drafts and their sum) for issuing all the run's drafts, and its POST
//! queues the job. Access: finance, and the run's own creator or an admin.

use askama::Template;
use askama_web::WebTemplate;
use axum::{
    extract::{Path, State},
    http::HeaderMap,
    response::{IntoResponse, Redirect, Response},
};

use super::runs::{self, Run};
use crate::{
    AppError, AppState, Result, auth::Staff, i18n::Lang, invoices::access::require_finance,
    money::format_kr, web::Chrome,
};

/// A result row: a customer or an invoice, with its link, what became of it and why.
pub struct ResultRow {
    pub customer_id: i64,
    pub customer: String,
    pub invoice_id: Option<i64>,
    pub label: String,
    pub lines: i64,
    pub net: String,
    pub failed: bool,
    pub reason: Option<String>,
}

/// The progress bar's figures.
pub struct ProgressView {
    pub id: i64,
    pub finished: bool,
    pub value: i64,
    pub max: i64,
    pub text: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "invoices/run/run.html")]
pub struct RunPage {
    lang: Lang,
    chrome: Chrome,
    run: Run,
    title: String,
    progress: ProgressView,
    summary: String,
    rows: Vec<ResultRow>,
    failures: Vec<ResultRow>,
    blocked: Vec<String>,
    failures_title: String,
    to_issue: i64,
    issue_all: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "invoices/run/progress.html")]
pub struct ProgressFragment {
    progress: ProgressView,
}

#[derive(Template, WebTemplate)]
#[template(path = "invoices/run/issue.html")]
pub struct IssueConfirm {
    lang: Lang,
    chrome: Chrome,
    run: Run,
    title: String,
    summary: String,
}

/// The run, if `user` may see it: finance, and an admin or the run's creator (who chose its
/// customers with their own access).
async fn load(state: &AppState, user: &Staff, id: i64) -> Result<Run> {
    require_finance(user)?;
    let run = runs::get(&state.db, id).await?.ok_or(AppError::NotFound)?;
    if !user.role.is_admin() && run.created_by != user.id {
        return Err(AppError::NotFound);
    }
    Ok(run)
}

fn title(run: &Run, lang: Lang) -> String {
    lang.t_with(
        "invoice-run-run-title",
        &[("from", run.from_date.clone()), ("to", run.to_date.clone())],
    )
}

fn progress(run: &Run, lang: Lang) -> ProgressView {
    let (key, count_key) = if run.phase == "issue" {
        ("invoice-run-progress-issue", "invoice-run-invoices-of")
    } else {
        ("invoice-run-progress-drafts", "invoice-run-customers-of")
    };
    let text = lang.t_with(
        key,
        &[
            ("done", (run.done + run.failed).to_string()),
            ("total", lang.t_count(count_key, run.total)),
        ],
    );
    ProgressView {
        id: run.id,
        finished: run.finished(),
        value: run.done + run.failed,
        max: run.total.max(1),
        text,
    }
}

fn summary(run: &Run, lang: Lang) -> String {
    if run.phase == "issue" {
        let mut s = lang.t_with(
            "invoice-run-issued",
            &[(
                "invoices",
                lang.t_count("invoice-run-issued-count", run.issued),
            )],
        );
        if run.failed > 0 {
            s.push(' ');
            s.push_str(&lang.t_count("invoice-run-issue-failures", run.failed));
        }
        s
    } else {
        lang.t_with(
            "invoice-run-made",
            &[
                ("invoices", lang.t_count("invoice-run-drafts", run.made)),
                ("net", format_kr(run.net_ore)),
            ],
        )
    }
}

/// Renders a stored reason: one message key or several, space-separated.
fn reason(keys: Option<&str>, lang: Lang) -> Option<String> {
    keys.map(|k| {
        k.split_whitespace()
            .map(|key| lang.t(key))
            .collect::<Vec<_>>()
            .join(" ")
    })
}

/// The run's page, as `GET /invoices/run/{id}` and the small run's answer show it.
pub async fn page_of(state: &AppState, user: &Staff, run: Run) -> Result<RunPage> {
    let lang = user.lang;
    let mut rows = Vec::new();
    let mut failures = Vec::new();
    let mut blocked = Vec::new();
    if run.finished() {
        for c in runs::customers(&state.db, run.id).await? {
            match c.state.as_str() {
                "blocked" => blocked.push(c.name),
                "failed" => failures.push(ResultRow {
                    customer_id: c.customer_id,
                    customer: c.name,
                    invoice_id: None,
                    label: String::new(),
                    lines: 0,
                    net: String::new(),
                    failed: true,
                    reason: reason(c.reason.as_deref(), lang),
                }),
                _ => {}
            }
        }
        for i in runs::invoices(&state.db, run.id).await? {
            let label = match i.number {
                Some(n) => lang.t_with("invoice-run-invoice-number", &[("number", n.to_string())]),
                None => lang.t("invoice-run-open-draft"),
            };
            let row = ResultRow {
                customer_id: i.customer_id,
                customer: i.name,
                invoice_id: Some(i.invoice_id),
                label,
                lines: i.lines,
                net: format_kr(i.net_ore),
                failed: i.state == "failed",
                reason: reason(i.reason.as_deref(), lang),
            };
            if row.failed {
                failures.push(row);
            } else {
                rows.push(row);
            }
        }
    }
    let to_issue = if run.finished() {
        runs::to_issue(&state.db, run.id).await?.0
    } else {
        0
    };
    Ok(RunPage {
        lang,
        chrome: Chrome::new(user, "invoices"),
        title: title(&run, lang),
        progress: progress(&run, lang),
        summary: summary(&run, lang),
        rows,
        blocked,
        failures_title: lang.t_count("invoice-run-failures", failures.len() as i64),
        failures,
        issue_all: lang.t_count("invoice-run-issue-all", to_issue),
        to_issue,
        run,
    })
}

/// GET /invoices/run/{id}
#[tracing::instrument(skip_all, fields(user_id = user.id))]
pub async fn page(
    State(state): State<AppState>,
    user: Staff,
    Path(id): Path<i64>,
) -> Result<Response> {
    let run = load(&state, &user, id).await?;
    Ok(page_of(&state, &user, run).await?.into_response())
}

/// GET /invoices/run/{id}/progress: the bar for htmx; once the phase is over, the whole page is
/// loaded again (`HX-Refresh`) to show the result.
#[tracing::instrument(skip_all, fields(user_id = user.id))]
pub async fn poll(
    State(state): State<AppState>,
    user: Staff,
    Path(id): Path<i64>,
) -> Result<Response> {
    let run = load(&state, &user, id).await?;
    let mut headers = HeaderMap::new();
    if run.finished() {
        headers.insert("hx-refresh", "true".parse().expect("header value"));
    }
    let view = ProgressFragment {
        progress: progress(&run, user.lang),
    };
    Ok((headers, view).into_response())
}

/// GET /invoices/run/{id}/issue: how many drafts and their sum, and the button.
#[tracing::instrument(skip_all, fields(user_id = user.id))]
pub async fn confirm(
    State(state): State<AppState>,
    user: Staff,
    Path(id): Path<i64>,
) -> Result<Response> {
    let run = load(&state, &user, id).await?;
    let (count, net) = runs::to_issue(&state.db, id).await?;
    if count == 0 || !run.finished() {
        return Ok(Redirect::to(&format!("/invoices/run/{id}")).into_response());
    }
    let lang = user.lang;
    Ok(IssueConfirm {
        lang,
        chrome: Chrome::new(&user, "invoices"),
        title: title(&run, lang),
        summary: lang.t_with(
            "invoice-run-issue-confirm",
            &[
                ("invoices", lang.t_count("invoice-run-drafts", count)),
                ("net", format_kr(net)),
            ],
        ),
        run,
    }
    .into_response())
}

/// POST /invoices/run/{id}/issue: queues issuing the run's drafts and shows the progress.
#[tracing::instrument(skip_all, fields(user_id = user.id))]
pub async fn issue(
    State(state): State<AppState>,
    user: Staff,
    Path(id): Path<i64>,
) -> Result<Response> {
    load(&state, &user, id).await?;
    let mut tx = state.db.begin().await?;
    match runs::start_issue(&mut tx, id).await {
        Ok(_) => {}
        Err(AppError::Conflict(_)) => {
            let _ = tx.rollback().await;
            return Ok(Redirect::to(&format!("/invoices/run/{id}")).into_response());
        }
        Err(e) => return Err(e),
    }
    runs::set_issuer(&mut tx, id, user.id).await?;
    runs::queue(&mut tx, id).await?;
    tx.commit().await?;
    state.jobs.wake();
    Ok(Redirect::to(&format!("/invoices/run/{id}")).into_response())
}
