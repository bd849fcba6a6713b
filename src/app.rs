//! The application: the router assembled from the features, its layers, and serving. Tests
//! build the app exactly the same way, on port 0. The state handlers get is in `state`.

use std::net::SocketAddr;

use axum::{Router, middleware, response::Redirect, routing::get};
use tokio::net::TcpListener;
use tower_http::{compression::CompressionLayer, csrf::CsrfLayer, trace::TraceLayer};

use crate::{
    AppError, AppState, api, assignments, auth, contacts, customers, dialog, diary, documents,
    invoices, jobs, payroll, portal, signing, staff, timesheets, web, worker_pages, workers,
};

mod jobs_registry;

pub use jobs_registry::handlers as job_handlers;

pub fn router(state: AppState) -> Router {
    let https = state.config.public_url.scheme() == "https";
    let app = Router::new()
        .route("/", get(|| async { Redirect::to("/customers") }))
        .route("/healthz", get(|| async { "ok" }))
        .route("/static/{*path}", get(web::assets::serve))
        .route("/favicon.ico", get(web::assets::favicon))
        .merge(auth::routes::router())
        .merge(auth::settings::router())
        .merge(customers::router())
        .merge(assignments::router())
        .merge(timesheets::router())
        .merge(payroll::router())
        .merge(invoices::router())
        .merge(diary::router())
        .merge(dialog::router())
        .merge(documents::router())
        .merge(signing::router())
        .merge(contacts::router())
        .merge(portal::router())
        .merge(staff::router())
        .merge(workers::router())
        .merge(worker_pages::router())
        .merge(api::router())
        .fallback(|| async { AppError::NotFound })
        .with_state(state)
        .layer(middleware::from_fn(web::errors::render))
        .layer(CsrfLayer::new());
    web::security_headers::apply(app, https)
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
}

/// Serves until the process is told to stop (Ctrl-C / SIGTERM).
pub async fn serve(listener: TcpListener, state: AppState) -> anyhow::Result<()> {
    if state.config.run_worker {
        // The recurring jobs keep one run queued; the first is queued here.
        timesheets::reminders::ensure_scheduled(&state.db).await?;
        jobs::spawn_workers(state.clone(), job_handlers());
    }
    let app = router(state).into_make_service_with_connect_info::<SocketAddr>();
    axum::serve(listener, app)
        .with_graceful_shutdown(shutdown_signal())
        .await?;
    Ok(())
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
