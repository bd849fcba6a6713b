//! The application: the router assembled from the features, its layers, and serving. Tests
//! build the app exactly the same way, on port 0. The state handlers get is in `state`.

use std::{future::IntoFuture, net::SocketAddr, time::Duration};

use axum::{Router, middleware, response::Redirect, routing::get};
use tokio::{net::TcpListener, sync::watch};
use tower_http::{compression::CompressionLayer, csrf::CsrfLayer, trace::TraceLayer};

use crate::{
    AppError, AppState, accounting, api, assignments, auth, contacts, customers, dialog, diary,
    documents, invoices, jobs, ops, payments, payroll, portal, signing, staff, timesheets, web,
    worker_pages, workers,
};

mod jobs_registry;

pub use jobs_registry::handlers as job_handlers;

/// The cookies that hold a session or a step towards one, and the language: `__Host-` prefixed
/// behind https (decision 0060).
const HOST_COOKIES: &[&str] = &[
    auth::SESSION_COOKIE,
    auth::two_factor::CHALLENGE_COOKIE,
    portal::session::PORTAL_COOKIE,
    worker_pages::session::WORKER_COOKIE,
    signing::simple::COOKIE,
    web::LANG_COOKIE,
];

pub fn router(state: AppState) -> Router {
    let https = state.config.public_url.scheme() == "https";
    let hsts_subdomains = state.config.hsts_include_subdomains;
    let metrics = state.metrics.clone();
    let app = Router::new()
        .route("/", get(|| async { Redirect::to("/customers") }))
        .route("/static/{*path}", get(web::assets::serve))
        .route("/favicon.ico", get(web::assets::favicon))
        .merge(auth::routes::router())
        .merge(auth::settings::router())
        .merge(auth::new_password::router())
        .merge(auth::sessions_page::router())
        .merge(auth::admin::router())
        .merge(auth::admin_sessions::router())
        .merge(auth::two_factor_pages::router())
        .merge(auth::reauth::router())
        .merge(customers::router())
        .merge(assignments::router())
        .merge(crate::vacancies::router())
        .merge(crate::job_ads::router())
        .merge(crate::recruitments::router())
        .merge(timesheets::router())
        .merge(payroll::router())
        .merge(invoices::run::router())
        .merge(invoices::router())
        .merge(payments::router())
        .merge(crate::invoices::documents::pages::router())
        .merge(accounting::router())
        .merge(diary::router())
        .merge(dialog::router())
        .merge(documents::router())
        .merge(signing::router())
        .merge(contacts::router())
        .merge(crate::search::router())
        .merge(portal::router())
        .merge(staff::router())
        .merge(workers::router())
        .merge(worker_pages::router())
        // Rate-limited per caller and per address (`api::rate_limit`); pages have their own
        // throttles where they need them (log-in, codes, applications).
        .merge(
            api::router()
                .layer(middleware::from_fn_with_state(
                    state.clone(),
                    web::access_first::api,
                ))
                .layer(middleware::from_fn_with_state(
                    state.clone(),
                    api::rate_limit::limit,
                )),
        )
        .merge(ops::router())
        .fallback(|| async { AppError::NotFound })
        // A customer out of sight, or an admin page, is refused before a handler reads any
        // input (decision 0055).
        .layer(middleware::from_fn_with_state(
            state.clone(),
            web::access_first::pages,
        ))
        // Outside that, to log its refusals and the handlers' (403s, records out of sight;
        // decision 0066).
        .layer(middleware::from_fn_with_state(
            state.clone(),
            auth::security_log::request::track,
        ))
        .with_state(state.clone())
        .layer(middleware::from_fn(web::errors::render))
        .layer(CsrfLayer::new())
        // Outside the CSRF layer, to see its refusals (decision 0060).
        .layer(middleware::from_fn_with_state(
            state,
            auth::security_log::refusals::csrf,
        ));
    // Behind https the session cookies are `__Host-` cookies (decision 0060).
    let app = web::host_cookies::apply(app, https, HOST_COOKIES);
    web::security_headers::apply(app, https, hsts_subdomains)
        .layer(CompressionLayer::new())
        // The span names the path without its query, and without the secret a signing link,
        // an invitation or a calendar feed carries in it.
        .layer(
            TraceLayer::new_for_http().make_span_with(|req: &axum::http::Request<_>| {
                tracing::debug_span!(
                    "request",
                    method = %req.method(),
                    path = %web::loggable_path(req.uri().path()),
                )
            }),
        )
        // Outermost, so every answer is counted as the client gets it; a `Router::layer`, so the
        // matched route template is known.
        .layer(middleware::from_fn_with_state(metrics, ops::metrics::track))
}

/// Serves until the process is told to stop (Ctrl-C / SIGTERM), then shuts down gracefully
/// (see [`serve_until`]).
pub async fn serve(listener: TcpListener, state: AppState) -> anyhow::Result<()> {
    serve_until(listener, state, shutdown_signal()).await
}

/// Serves until `stop` resolves. Then new connections are no longer accepted, the job workers
/// take no new job, and the requests in flight and the jobs running get up to
/// `shutdown_seconds` to finish; whatever still runs after that is abandoned (a job's lease
/// lets another worker take it over later).
pub async fn serve_until(
    listener: TcpListener,
    state: AppState,
    stop: impl Future<Output = ()> + Send,
) -> anyhow::Result<()> {
    let grace = Duration::from_secs(state.config.shutdown_seconds);
    let (stopping, stopped) = watch::channel(false);
    // Bank accounts an earlier release stored in the clear are sealed before anything is served
    // (idempotent, in batches; decision 0073).
    crate::workers::bank::seal_clear(&state.db, &state.data_key).await?;
    let workers = if state.config.run_worker {
        // The recurring jobs keep one run queued; the first is queued here.
        timesheets::reminders::ensure_scheduled(&state.db).await?;
        crate::job_ads::expire::ensure_scheduled(&state.db).await?;
        crate::job_ads::channels::ensure_scheduled(&state.db).await?;
        crate::recruitments::privacy::ensure_scheduled(&state.db).await?;
        auth::security_log::retention::ensure_scheduled(&state.db).await?;
        crate::ops::retention::ensure_scheduled(&state.db).await?;
        jobs::spawn_workers_until(state.clone(), job_handlers(), stopped.clone())
    } else {
        Vec::new()
    };
    let app = router(state).into_make_service_with_connect_info::<SocketAddr>();
    let server = axum::serve(listener, app)
        .with_graceful_shutdown(until_set(stopped))
        .into_future();
    tokio::pin!(server);
    tokio::pin!(stop);
    tokio::select! {
        // The server ends only after the flag is set, which happens below.
        outcome = &mut server => return Ok(outcome?),
        () = &mut stop => {}
    }
    tracing::info!("stopping: no new connections or jobs; waiting for those under way");
    let _ = stopping.send(true);
    let deadline = tokio::time::Instant::now() + grace;
    match tokio::time::timeout_at(deadline, &mut server).await {
        Ok(outcome) => outcome?,
        Err(_) => tracing::warn!(
            "requests still running after {} s; stopping anyway",
            grace.as_secs()
        ),
    }
    for worker in workers {
        if tokio::time::timeout_at(deadline, worker).await.is_err() {
            tracing::warn!(
                "jobs still running after {} s; stopping anyway (their leases run out)",
                grace.as_secs()
            );
            break;
        }
    }
    tracing::info!("stopped");
    Ok(())
}

/// Resolves once the flag is set (or its sender is gone).
async fn until_set(mut flag: watch::Receiver<bool>) {
    let _ = flag.wait_for(|set| *set).await;
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        if let Ok(mut s) = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())
        {
            s.recv().await;
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! { _ = ctrl_c => {}, _ = term => {} }
}
