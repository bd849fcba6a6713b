//! `/invoices/run`: the form (period, default last month; department; or one customer, as from
//! a card: `/invoices/run?customer=ID`), the preview with red and yellow problems and links to
//! fix them, and `POST /invoices/run` making the drafts. Access: a customer's run needs
//! Need::Change to preview and finance as well to make drafts; a firm-wide or department run
//! needs finance, and takes only the customers the user may change. Every run is recorded
//! (`runs`); a small one's drafts are made in the request, one transaction per customer, and the
//! answer is the run's page with what was made; a large one is the `invoice_run` job and the
//! answer sends the user to its progress (`progress`, decision 0034).

use askama::Template;
use askama_web::WebTemplate;
use axum::{
    extract::{Query, State},
    http::StatusCode,
    response::{IntoResponse, Redirect, Response},
};
use axum_extra::extract::Form;
use serde::Deserialize;
use time::{Date, Duration};

use super::{
    collect::{self, Plan, Problem, Scope},
    progress, runs,
};
use crate::{
    AppError, AppState, Result,
    auth::Staff,
    customers::access::{self, Need, can_edit},
    error::{FieldErrors, Msg},
    i18n::Lang,
    invoices::access::{may_finance, require_finance},
    money::format_kr,
    timefmt::{
        self, hours_text,
        when::{date_string, parse_date},
    },
    web::{Chrome, form::field_messages},
};

/// The longest period, in days.
const MAX_DAYS: i64 = 366;

/// The run's form as typed.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default)]
pub struct RunForm {
    pub from: String,
    pub to: String,
    pub department: String,
    pub customer: String,
}

impl RunForm {
    fn last_month(mut self) -> Self {
        let today = timefmt::when::oslo_date(timefmt::now());
        let first = today.replace_day(1).unwrap_or(today);
        let last = first - Duration::days(1);
        let start = Date::from_calendar_date(last.year(), last.month(), 1).unwrap_or(last);
        self.from = date_string(start);
        self.to = date_string(last);
        self
    }

    /// The period and the scope, or the fields' errors.
    pub fn parse(&self) -> std::result::Result<(String, String, Scope), FieldErrors> {
        let mut e = FieldErrors::default();
        let date = |s: &str| parse_date(s.trim()).filter(|_| s.trim().len() == 10);
        let from = date(&self.from);
        let to = date(&self.to);
        if from.is_none() {
            e.add("from", Msg::new("invoice-run-date-invalid"));
        }
        if to.is_none() {
            e.add("to", Msg::new("invoice-run-date-invalid"));
        }
        if let (Some(f), Some(t)) = (from, to) {
            if t < f {
                e.add("to", Msg::new("invoice-run-period-backwards"));
            } else if (t - f).whole_days() >= MAX_DAYS {
                e.add("to", Msg::new("invoice-run-period-too-long"));
            }
        }
        let id = |s: &str| s.trim().parse::<i64>().ok().filter(|v| *v > 0);
        let scope = if !self.customer.trim().is_empty() {
            id(&self.customer).map(Scope::Customer)
        } else if !self.department.trim().is_empty() {
            id(&self.department).map(Scope::Department)
        } else {
            Some(Scope::Firm)
        };
        if scope.is_none() {
            e.add("department", Msg::new("invoice-run-scope-invalid"));
        }
        match (from, to, scope) {
            (Some(f), Some(t), Some(s)) if e.is_empty() => Ok((date_string(f), date_string(t), s)),
            _ => Err(e),
        }
    }
}

/// A problem as shown: red or yellow, the text and where to fix it.
pub struct ProblemRow {
    pub red: bool,
    pub text: String,
    pub link: Option<String>,
}

pub struct InvoiceRow {
    pub label: String,
    pub lines: usize,
    pub hours: String,
    pub net: String,
}

pub struct CustomerRow {
    pub id: i64,
    pub name: String,
    pub blocked: bool,
    pub invoices: Vec<InvoiceRow>,
    pub net: String,
    pub problems: Vec<ProblemRow>,
}

pub struct Preview {
    pub summary: String,
    pub customers: Vec<CustomerRow>,
    pub ready: usize,
}

#[derive(Template, WebTemplate)]
#[template(path = "invoices/run/form.html")]
pub struct RunView {
    lang: Lang,
    chrome: Chrome,
    form: RunForm,
    errors: FieldErrors,
    departments: Vec<(i64, String)>,
    customer_name: Option<String>,
    preview: Option<Preview>,
    may_make: bool,
}

impl RunView {
    fn errs(&self, field: &str) -> Vec<String> {
        field_messages(&self.errors, self.lang, field)
    }
    fn selected(&self, id: &i64) -> bool {
        self.form.department.trim() == id.to_string()
    }
}

fn problem_row(p: &Problem, customer_id: i64, lang: Lang) -> ProblemRow {
    // Org number and address are put right on the customer's form, the PEPPOL id on its invoice
    // details.
    let form = format!("/customers/{customer_id}/edit");
    let invoice_details = format!("/customers/{customer_id}/invoice-settings");
    let assignment = |a: i64| format!("/customers/{customer_id}/assignments/{a}");
    let (text, link) = match p {
        Problem::NoOrgNumber => (lang.t("invoice-run-problem-org-number"), Some(form.clone())),
        Problem::NoInvoiceAddress => (lang.t("invoice-run-problem-address"), Some(form)),
        Problem::NoPeppolId => (lang.t("invoice-run-problem-peppol"), Some(invoice_details)),
        Problem::PurchaseOrderMissing {
            assignment_id,
            title,
        } => (
            lang.t_with("invoice-run-problem-po", &[("assignment", title.clone())]),
            Some(assignment(*assignment_id)),
        ),
        Problem::ZeroHours {
            assignment_id,
            sheet_id,
        } => (
            lang.t("invoice-run-problem-zero-hours"),
            Some(format!(
                "{}/timesheets/{sheet_id}",
                assignment(*assignment_id)
            )),
        ),
        Problem::RateZero {
            assignment_id,
            title,
        } => (
            lang.t_with(
                "invoice-run-problem-rate-zero",
                &[("assignment", title.clone())],
            ),
            Some(assignment(*assignment_id)),
        ),
        Problem::EhfNoReference { count } => (
            lang.t_count("invoice-run-problem-ehf-reference", *count),
            None,
        ),
        Problem::NotApproved { count } => (
            lang.t_count("invoice-run-problem-not-approved", *count),
            None,
        ),
        Problem::Rounding {
            assignment_id,
            sheet_id,
            difference_ore,
        } => (
            lang.t_with(
                "invoice-run-problem-rounding",
                &[("amount", format_kr(*difference_ore))],
            ),
            Some(format!(
                "{}/timesheets/{sheet_id}",
                assignment(*assignment_id)
            )),
        ),
    };
    ProblemRow {
        red: p.red(),
        text,
        link,
    }
}

fn preview(plan: &Plan, lang: Lang) -> Preview {
    let customers: Vec<CustomerRow> = plan
        .customers
        .iter()
        .map(|c| CustomerRow {
            id: c.customer_id,
            name: c.name.clone(),
            blocked: c.blocked() && !c.invoices.is_empty(),
            invoices: c
                .invoices
                .iter()
                .map(|i| InvoiceRow {
                    label: match &i.key {
                        collect::GroupKey::Customer => lang.t("invoice-run-group-customer"),
                        collect::GroupKey::Assignment(_) | collect::GroupKey::Worker(_) => i
                            .lines
                            .first()
                            .map(|l| l.description.clone())
                            .unwrap_or_default(),
                        collect::GroupKey::PurchaseOrder(po) => {
                            lang.t_with("invoice-run-group-po", &[("po", po.clone())])
                        }
                    },
                    lines: i.lines.len(),
                    hours: hours_text(i.minutes()),
                    net: format_kr(i.net_ore()),
                })
                .collect(),
            net: format_kr(c.net_ore()),
            problems: c
                .problems
                .iter()
                .map(|p| problem_row(p, c.customer_id, lang))
                .collect(),
        })
        .collect();
    let ready = collect::ready(plan).len();
    let net: i64 = plan
        .customers
        .iter()
        .filter(|c| !c.blocked())
        .map(|c| c.net_ore())
        .sum();
    Preview {
        summary: lang.t_with(
            "invoice-run-summary",
            &[
                (
                    "invoices",
                    lang.t_count("invoice-run-invoices", plan.invoice_count() as i64),
                ),
                (
                    "lines",
                    lang.t_count("invoice-run-lines", plan.line_count() as i64),
                ),
                ("ready", lang.t_count("invoice-run-customers", ready as i64)),
                ("net", format_kr(net)),
            ],
        ),
        customers,
        ready,
    }
}

/// Who may run what: the check for the scope, and which customers a wide run takes.
async fn allowed(state: &AppState, user: &Staff, scope: Scope, make: bool) -> Result<()> {
    match scope {
        Scope::Customer(id) => {
            access::load(state, user, id, Need::Change).await?;
            if make {
                require_finance(user)?;
            }
        }
        Scope::Firm | Scope::Department(_) => require_finance(user)?,
    }
    Ok(())
}

async fn departments(state: &AppState) -> Result<Vec<(i64, String)>> {
    Ok(
        sqlx::query_as("SELECT id, name FROM departments ORDER BY name")
            .fetch_all(&state.db.pool)
            .await?,
    )
}

async fn customer_name(state: &AppState, user: &Staff, form: &RunForm) -> Result<Option<String>> {
    match form.customer.trim().parse::<i64>() {
        Ok(id) => Ok(Some(access::load(state, user, id, Need::See).await?.name)),
        Err(_) => Ok(None),
    }
}

/// GET /invoices/run
#[tracing::instrument(skip_all, fields(user_id = user.id))]
pub async fn page(
    State(state): State<AppState>,
    user: Staff,
    Query(form): Query<RunForm>,
) -> Result<Response> {
    let show = !form.from.is_empty() || !form.to.is_empty() || !form.customer.is_empty();
    let form = if form.from.is_empty() && form.to.is_empty() {
        form.last_month()
    } else {
        form
    };
    let customer_name = customer_name(&state, &user, &form).await?;
    let mut errors = FieldErrors::default();
    let mut shown = None;
    if show {
        match form.parse() {
            Ok((from, to, scope)) => {
                allowed(&state, &user, scope, false).await?;
                let may = |o: Option<i64>, d: Option<i64>| {
                    matches!(scope, Scope::Customer(_)) || can_edit(&user, o, d)
                };
                let mut conn = state.db.pool.acquire().await?;
                let plan = collect::plan(&mut conn, scope, &from, &to, &may).await?;
                shown = Some(preview(&plan, user.lang));
            }
            Err(e) => errors = e,
        }
    } else if !may_finance(&user) {
        return Err(AppError::Forbidden);
    }
    let status = if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    let view = RunView {
        lang: user.lang,
        chrome: Chrome::new(&user, "invoices"),
        departments: departments(&state).await?,
        customer_name,
        preview: shown,
        may_make: may_finance(&user),
        form,
        errors,
    };
    Ok((status, view).into_response())
}

/// POST /invoices/run: records the run; makes a small run's drafts at once (at most
/// `config.invoice_run_inline` planned invoices) and shows what was made; queues a large one's
/// and sends the user to its progress.
#[tracing::instrument(skip_all, fields(user_id = user.id))]
pub async fn make(
    State(state): State<AppState>,
    user: Staff,
    Form(form): Form<RunForm>,
) -> Result<Response> {
    let (from, to, scope) = form.parse().map_err(AppError::Invalid)?;
    allowed(&state, &user, scope, true).await?;
    let may = |o: Option<i64>, d: Option<i64>| {
        matches!(scope, Scope::Customer(_)) || can_edit(&user, o, d)
    };
    let plan = {
        let mut conn = state.db.pool.acquire().await?;
        collect::plan(&mut conn, scope, &from, &to, &may).await?
    };
    let planned: usize = plan
        .customers
        .iter()
        .filter(|c| !c.blocked())
        .map(|c| c.invoices.len())
        .sum();
    let inline = planned <= state.config.invoice_run_inline;
    let mut tx = state.db.begin().await?;
    let id = runs::start(&mut tx, &plan, scope, user.id).await?;
    if !inline {
        runs::queue(&mut tx, id).await?;
    }
    tx.commit().await?;
    if !inline {
        state.jobs.wake();
        return Ok(Redirect::to(&format!("/invoices/run/{id}")).into_response());
    }
    let run = runs::get(&state.db, id).await?.ok_or(AppError::NotFound)?;
    runs::work_drafts(&state.db, &run).await?;
    let run = runs::get(&state.db, id).await?.ok_or(AppError::NotFound)?;
    Ok(progress::page_of(&state, &user, run).await?.into_response())
}
