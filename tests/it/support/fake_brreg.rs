//! A local fake of Brønnøysund Enhetsregisteret that answers in the documented shape:
//! `GET /enhetsregisteret/api/enheter/{orgnr}` → 200 with recorded JSON, 404 unknown, 410 removed.

use std::net::SocketAddr;

use axum::{Router, extract::Path, http::StatusCode, response::IntoResponse, routing::get};

/// Recorded from data.brreg.no (shortened to the fields the product reads).
pub const REGISTERENHETEN: &str = include_str!("../../fixtures/brreg_974760673.json");

pub async fn spawn() -> SocketAddr {
    let app = Router::new().route(
        "/enhetsregisteret/api/enheter/{orgnr}",
        get(|Path(orgnr): Path<String>| async move {
            match orgnr.as_str() {
                "974760673" => (
                    StatusCode::OK,
                    [("content-type", "application/json")],
                    REGISTERENHETEN,
                )
                    .into_response(),
                "984851006" => (
                    StatusCode::GONE,
                    [("content-type", "application/json")],
                    r#"{"organisasjonsnummer":"984851006","slettedato":"2020-01-01"}"#,
                )
                    .into_response(),
                _ => (StatusCode::NOT_FOUND, "{}").into_response(),
            }
        }),
    );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    addr
}
