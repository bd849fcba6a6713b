//! The worker's own pages: their details and their assignments, phone-first. Every query is
//! keyed on the session's worker; an assignment of anyone else is "not found".

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Path, State};

use super::{
    session::WorkerUser,
    timesheets::{self as sheets, MySheet, MySheets},
};
use crate::{
    AppError, AppState, Result,
    assignments::for_worker::{self, WorkerAssignment},
    i18n::Lang,
    money::format_kr,
    timefmt::{self, hours_text},
    workers::{
        documents::{self, Category, store::WorkerDocument},
        store::{self, Worker},
    },
};
use axum::response::Response;

#[derive(Template, WebTemplate)]
#[template(path = "worker_pages/home.html")]
pub struct HomePage {
    lang: Lang,
    me: WorkerUser,
    worker: Worker,
    assignments: Vec<WorkerAssignment>,
    /// The documents staff marked as visible to the worker.
    documents: Vec<WorkerDocument>,
    sheets: MySheets,
}

/// What both pages show of an assignment.
trait Shown {
    fn lang(&self) -> Lang;
    fn period(&self, a: &WorkerAssignment) -> String {
        timefmt::period_text(
            self.lang(),
            &a.from_date,
            a.to_date.as_deref(),
            "assignment-open-ended",
        )
    }
    fn status(&self, a: &WorkerAssignment) -> String {
        self.lang().t(&format!("assignment-status-{}", a.status))
    }
}

impl Shown for HomePage {
    fn lang(&self) -> Lang {
        self.lang
    }
}

impl HomePage {
    /// Their own account, masked (`•••• 7947`): enough to check it is theirs.
    fn bank(&self) -> Option<String> {
        self.worker.bank_account_masked()
    }
    fn address(&self) -> String {
        let w = &self.worker;
        let place = [w.postal_code.as_deref(), w.city.as_deref()]
            .into_iter()
            .flatten()
            .collect::<Vec<_>>()
            .join(" ");
        [w.street.clone(), Some(place)]
            .into_iter()
            .flatten()
            .filter(|s| !s.is_empty())
            .collect::<Vec<_>>()
            .join(", ")
    }
    fn sheet(&self, s: &MySheet) -> String {
        sheets::sheet_line(self.lang, s)
    }
    fn sheet_status(&self, s: &MySheet) -> String {
        self.lang.t(&format!("timesheet-status-{}", s.status))
    }
    fn sheet_hours(&self, s: &MySheet) -> String {
        format!("{} t", hours_text(s.worked_minutes))
    }
    fn category(&self, d: &WorkerDocument) -> String {
        Category::parse(&d.category)
            .map(|c| self.lang.t(&c.label_key()))
            .unwrap_or_else(|| d.category.clone())
    }
    fn valid_until(&self, d: &WorkerDocument) -> Option<String> {
        d.valid_until
            .as_deref()
            .map(|v| match timefmt::when::parse_date(v) {
                Some(date) => timefmt::date_text(date),
                None => v.to_string(),
            })
    }
}

async fn me_as_worker(state: &AppState, me: &WorkerUser) -> Result<Worker> {
    store::get(&state.db, me.worker_id)
        .await?
        .filter(|w| w.erased_at.is_none())
        .ok_or(AppError::Unauthenticated)
}

/// GET /worker
#[tracing::instrument(skip_all, fields(worker = me.worker_id))]
pub async fn page(State(state): State<AppState>, me: WorkerUser) -> Result<HomePage> {
    let worker = me_as_worker(&state, &me).await?;
    Ok(HomePage {
        sheets: sheets::for_home(&state, &me).await?,
        assignments: for_worker::list(&state.db, me.worker_id).await?,
        documents: documents::store::list_for_worker_pages(&state.db, me.worker_id).await?,
        lang: me.lang,
        me,
        worker,
    })
}

#[derive(Template, WebTemplate)]
#[template(path = "worker_pages/assignment.html")]
pub struct AssignmentPage {
    lang: Lang,
    me: WorkerUser,
    a: WorkerAssignment,
}

impl Shown for AssignmentPage {
    fn lang(&self) -> Lang {
        self.lang
    }
}

impl AssignmentPage {
    fn hours(&self) -> String {
        hours_text(self.a.hours_per_week_minutes)
    }
    fn pay(&self) -> String {
        format_kr(self.a.pay_rate_ore)
    }
}

/// GET /worker/assignments/{id}: one of the worker's own assignments.
#[tracing::instrument(skip_all, fields(worker = me.worker_id, assignment = id))]
pub async fn assignment(
    State(state): State<AppState>,
    me: WorkerUser,
    Path(id): Path<i64>,
) -> Result<AssignmentPage> {
    let a = for_worker::get(&state.db, me.worker_id, id)
        .await?
        .ok_or(AppError::NotFound)?;
    Ok(AssignmentPage {
        lang: me.lang,
        me,
        a,
    })
}

/// GET /worker/documents/{id}: one of the worker's own documents that staff made visible to
/// them; any other id is "not found".
#[tracing::instrument(skip_all, fields(worker = me.worker_id, document = id))]
pub async fn document(
    State(state): State<AppState>,
    me: WorkerUser,
    Path(id): Path<i64>,
) -> Result<Response> {
    documents::download(&state, me.worker_id, id, true, false).await
}
