//! Operations: what a server's keeper needs besides the product. `/healthz` (the process is
//! alive), `/readyz` (the database and the file store answer; clamd too, when configured), `/metrics` (Prometheus, behind a
//! bearer token), and `kundekort backup` / `restore` ([`backup`]). See docs/operations.md.

use std::time::Duration;

use axum::{
    Json, Router,
    extract::State,
    http::{HeaderMap, HeaderValue, StatusCode, header},
    response::{IntoResponse, Response},
    routing::get,
};
use serde::Serialize;

use crate::{AppError, AppState};

pub mod backup;
pub mod cpu;
pub mod metrics;
pub mod retention;

pub use metrics::Metrics;

/// How long `/readyz` waits for each check.
const CHECK_TIMEOUT: Duration = Duration::from_secs(3);

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/healthz", get(|| async { "ok" }))
        .route("/readyz", get(readyz))
        .route("/metrics", get(metrics_page))
}

/// One check's outcome in `/readyz`.
#[derive(Serialize)]
pub struct Check {
    pub ok: bool,
    /// What went wrong: in the server log always, in the answer only for a caller with the
    /// metrics token (a driver's or store's error text can name hosts, users and paths).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
}

#[derive(Serialize)]
pub struct Readiness {
    pub ready: bool,
    pub database: Check,
    pub files: Check,
    /// The virus scanner, when one is configured (decision 0071). Reported, but not part of
    /// `ready`: without it only uploads are refused, and the rest of the product still works.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub clamd: Option<Check>,
}

fn check(outcome: Result<anyhow::Result<()>, tokio::time::error::Elapsed>) -> Check {
    match outcome {
        Ok(Ok(())) => Check {
            ok: true,
            error: None,
        },
        Ok(Err(err)) => Check {
            ok: false,
            error: Some(format!("{err:#}")),
        },
        Err(_) => Check {
            ok: false,
            error: Some(format!("no answer within {} s", CHECK_TIMEOUT.as_secs())),
        },
    }
}

/// 200 when the database answers a trivial query and the file store can be reached; 503 with
/// the failing part named otherwise. Both checks run at once, each with a time-out. What went
/// wrong is logged; the answer says it only to a caller with the metrics token.
async fn readyz(State(state): State<AppState>, headers: HeaderMap) -> Response {
    let database = async {
        sqlx::query("SELECT 1").execute(&state.db.pool).await?;
        anyhow::Ok(())
    };
    let clamd = async {
        match state.files.scanner() {
            Some(scanner) => Some(check(
                tokio::time::timeout(CHECK_TIMEOUT, async {
                    scanner.ping().await.map_err(anyhow::Error::from)
                })
                .await,
            )),
            None => None,
        }
    };
    let (database, files, mut clamd) = tokio::join!(
        tokio::time::timeout(CHECK_TIMEOUT, database),
        tokio::time::timeout(CHECK_TIMEOUT, state.files.check()),
        clamd,
    );
    let (mut database, mut files) = (check(database), check(files));
    if let Some(Check {
        ok: false,
        error: Some(err),
    }) = &clamd
    {
        tracing::warn!(clamd = %err, "the virus scanner does not answer: uploads are refused");
    }
    let ready = database.ok && files.ok;
    if !ready {
        tracing::warn!(
            database = ?database.error,
            files = ?files.error,
            "not ready"
        );
    }
    if !operator(&state, &headers) {
        database.error = None;
        files.error = None;
        if let Some(clamd) = clamd.as_mut() {
            clamd.error = None;
        }
    }
    let status = if ready {
        StatusCode::OK
    } else {
        StatusCode::SERVICE_UNAVAILABLE
    };
    let mut response = (
        status,
        Json(Readiness {
            ready,
            database,
            files,
            clamd,
        }),
    )
        .into_response();
    response
        .headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

/// The Prometheus exposition, for a scraper that sends `Authorization: Bearer <token>`.
/// Without `KUNDEKORT_METRICS_TOKEN` the page does not exist.
async fn metrics_page(
    State(state): State<AppState>,
    headers: HeaderMap,
) -> crate::Result<Response> {
    if state.config.metrics_token.is_none() {
        return Err(AppError::NotFound);
    }
    if !operator(&state, &headers) {
        return Ok((
            StatusCode::UNAUTHORIZED,
            [(header::WWW_AUTHENTICATE, "Bearer realm=\"metrics\"")],
            "a bearer token is required\n",
        )
            .into_response());
    }
    let body = state.metrics.scrape(&state.db).await?;
    Ok((
        [
            (header::CONTENT_TYPE, metrics::CONTENT_TYPE),
            (header::CACHE_CONTROL, "no-store"),
        ],
        body,
    )
        .into_response())
}

/// The request carries the metrics token (`KUNDEKORT_METRICS_TOKEN`): the operator's scraper.
fn operator(state: &AppState, headers: &HeaderMap) -> bool {
    let Some(token) = state.config.metrics_token.as_ref() else {
        return false;
    };
    crate::web::bearer_token(headers).is_some_and(|given| same_secret(given, token.expose()))
}

/// Compares secrets without leaking how much of them matched.
fn same_secret(a: &str, b: &str) -> bool {
    use sha2::Digest;
    let (a, b) = (sha2::Sha256::digest(a), sha2::Sha256::digest(b));
    a.iter()
        .zip(b.iter())
        .fold(0u8, |acc, (x, y)| acc | (x ^ y))
        == 0
}
