//! The documents of an issued invoice or credit note (decision 0027): its EHF (`ehf`), written
//! on request from the stored rows, and its PDF (`pdf`, typst), rendered once by a job queued in
//! the issuing transaction and kept in the file store under [`pdf_key`]; the routes render it
//! on demand while the job has not run yet. Both take the seller from the configuration
//! (`config::SellerConfig`). The routes are in `pages`, the portal's in `portal::invoices`.

pub mod ehf;
pub mod pages;
pub mod pdf;

use sqlx::AnyConnection;

use super::store::{Invoice, Line, get_in, lines_in};
use crate::{
    Result,
    jobs::{self, BoxFuture, Claimed, Handler, Outcome},
    state::AppState,
};

/// The job that renders and stores an issued document's PDF.
pub const PDF_KIND: &str = "invoice_pdf";

/// An issued invoice or credit note with what its documents show.
#[derive(Clone, Debug)]
pub struct Issued {
    pub invoice: Invoice,
    pub lines: Vec<Line>,
    /// The invoice a credit note corrects.
    pub credited: Option<Invoice>,
    /// The hours behind lines made from timesheets, by date.
    pub hours: Vec<HoursRow>,
    /// The customer's invoice language (`nb` or `en`).
    pub language: String,
}

/// One day's hours on a timesheet an invoice line was made from.
#[derive(Clone, Debug, PartialEq, Eq, sqlx::FromRow)]
pub struct HoursRow {
    pub work_date: String,
    pub worker: String,
    pub worked_minutes: i64,
}

impl Issued {
    /// An issued invoice or credit note; `None` for a draft or an unknown id.
    pub async fn load(conn: &mut AnyConnection, id: i64) -> Result<Option<Self>> {
        let Some(invoice) = get_in(conn, id).await? else {
            return Ok(None);
        };
        if invoice.status != "issued" {
            return Ok(None);
        }
        let lines = lines_in(conn, id).await?;
        let credited = match invoice.credited_invoice_id {
            Some(of) => get_in(conn, of).await?,
            None => None,
        };
        let hours = sqlx::query_as(
            "SELECT tl.work_date, w.name AS worker, tl.worked_minutes \
             FROM timesheet_lines tl JOIN timesheets t ON t.id = tl.timesheet_id \
             JOIN assignments a ON a.id = t.assignment_id JOIN workers w ON w.id = a.worker_id \
             WHERE tl.timesheet_id IN \
               (SELECT timesheet_id FROM invoice_lines WHERE invoice_id = $1 \
                AND timesheet_id IS NOT NULL) \
             AND tl.worked_minutes > 0 ORDER BY tl.work_date, w.name, tl.id",
        )
        .bind(id)
        .fetch_all(&mut *conn)
        .await?;
        let language: Option<(String,)> =
            sqlx::query_as("SELECT invoice_language FROM invoice_settings WHERE customer_id = $1")
                .bind(invoice.customer_id)
                .fetch_optional(&mut *conn)
                .await?;
        Ok(Some(Self {
            invoice,
            lines,
            credited,
            hours,
            language: language.map(|(l,)| l).unwrap_or_else(|| "nb".into()),
        }))
    }
}

/// Where an issued document's PDF is kept in the file store.
pub fn pdf_key(id: i64) -> String {
    format!("invoices/{id}.pdf")
}

/// Queues rendering the PDF, in the issuing transaction.
pub async fn queue_pdf(conn: &mut AnyConnection, id: i64) -> Result<()> {
    jobs::enqueue(conn, PDF_KIND, &serde_json::json!({ "invoice_id": id })).await?;
    Ok(())
}

/// The PDF of an issued document: the stored one, or rendered now and stored. `None` for a
/// draft or an unknown id. An earlier invoice's is the imported file (`None` without one; it
/// is never rendered here, decision 0033).
pub async fn pdf_bytes(state: &AppState, id: i64) -> Result<Option<Vec<u8>>> {
    if let Some(earlier) = earlier_pdf(state, id).await? {
        return Ok(earlier);
    }
    if !pdf::AVAILABLE {
        return Err(crate::AppError::Unavailable(crate::error::Msg::new(
            "pdf-unavailable",
        )));
    }
    if let Ok(bytes) = state.files.bytes(&pdf_key(id)).await
        && !bytes.is_empty()
    {
        return Ok(Some(bytes));
    }
    render_and_store(state, id).await
}

/// For an earlier invoice, its imported PDF (`Some(None)` when none came with it); `None` for
/// any other document.
async fn earlier_pdf(state: &AppState, id: i64) -> Result<Option<Option<Vec<u8>>>> {
    let Some(invoice) = get_in(&mut *state.db.pool.acquire().await?, id).await? else {
        return Ok(None);
    };
    if !invoice.is_earlier() {
        return Ok(None);
    }
    Ok(Some(match invoice.earlier_pdf_key {
        Some(key) => Some(state.files.bytes(&key).await?),
        None => None,
    }))
}

/// Renders the PDF and keeps it; `None` for a draft, an unknown id or an earlier invoice.
pub async fn render_and_store(state: &AppState, id: i64) -> Result<Option<Vec<u8>>> {
    let doc = {
        let mut conn = state.db.pool.acquire().await?;
        Issued::load(&mut conn, id).await?
    };
    let Some(doc) = doc else {
        return Ok(None);
    };
    if doc.invoice.is_earlier() {
        return Ok(None);
    }
    let seller = state.config.seller.clone();
    // Rendered on the blocking pool, at most one piece of CPU-heavy work per core at a time
    // (decisions 0062, 0081): the job workers (four by default) and the routes then keep the
    // cores busy without making more renders than cores wait on each other.
    let bytes = crate::ops::cpu::run(move || pdf::render(&doc, &seller)).await??;
    state.files.put(&pdf_key(id), bytes.clone()).await?;
    Ok(Some(bytes))
}

/// The PDF job's handler, which `app` registers.
pub struct PdfJob;

impl Handler for PdfJob {
    fn kinds(&self) -> &'static [&'static str] {
        &[PDF_KIND]
    }

    /// A build without the `pdf` feature leaves the jobs waiting.
    fn ready(&self, _kind: &str, _config: &crate::config::Config) -> bool {
        pdf::AVAILABLE
    }

    fn run<'a>(&'a self, state: &'a AppState, job: &'a Claimed) -> BoxFuture<'a, Outcome> {
        Box::pin(async move {
            #[derive(serde::Deserialize)]
            struct Payload {
                invoice_id: i64,
            }
            let Ok(payload) = serde_json::from_str::<Payload>(&job.payload) else {
                return Outcome::Fail("bad payload".into());
            };
            match render_and_store(state, payload.invoice_id).await {
                Ok(_) => Outcome::Done,
                Err(err) => Outcome::Retry(format!("{err}")),
            }
        })
    }
}
